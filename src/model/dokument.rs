use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ArligAnalys;

/// The kinds of document Underlag writes. The string form is the `dokumenttyp` of the exchange
/// format and of the store.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dokumenttyp {
    ArligAnalys,
}

impl Dokumenttyp {
    pub const ALLA: [Dokumenttyp; 1] = [Dokumenttyp::ArligAnalys];

    pub fn as_str(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "arlig-analys",
        }
    }

    pub fn parse(s: &str) -> Option<Dokumenttyp> {
        Self::ALLA.into_iter().find(|t| t.as_str() == s)
    }

    /// The name a person reads.
    pub fn benamning(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "Årlig analys av digital utveckling och förvaltning",
        }
    }
}

impl std::fmt::Display for Dokumenttyp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document of any kind. Later kinds (tjänsteplan, digitaliseringsplan) become variants here.
#[derive(Debug, Clone, PartialEq)]
pub enum Dokument {
    ArligAnalys(Box<ArligAnalys>),
}

impl Dokument {
    pub fn typ(&self) -> Dokumenttyp {
        match self {
            Dokument::ArligAnalys(_) => Dokumenttyp::ArligAnalys,
        }
    }

    pub fn organisation(&self) -> &str {
        match self {
            Dokument::ArligAnalys(a) => &a.meta.organisation,
        }
    }

    pub fn ar(&self) -> i32 {
        match self {
            Dokument::ArligAnalys(a) => a.meta.analysar,
        }
    }

    pub fn mall(&self) -> &str {
        match self {
            Dokument::ArligAnalys(a) => &a.meta.mall,
        }
    }

    pub fn versionshantering(&self) -> &[super::Versionspost] {
        match self {
            Dokument::ArligAnalys(a) => &a.versionshantering,
        }
    }

    pub fn versionshantering_mut(&mut self) -> &mut Vec<super::Versionspost> {
        match self {
            Dokument::ArligAnalys(a) => &mut a.versionshantering,
        }
    }

    /// An empty document of `typ` for `organisation` and `ar`, following the template `mall`.
    /// The CLI's `new` and the app's "Ny årlig analys" both start here.
    pub fn nytt(typ: Dokumenttyp, organisation: &str, ar: i32, mall: &str) -> Dokument {
        match typ {
            Dokumenttyp::ArligAnalys => Dokument::ArligAnalys(Box::new(ArligAnalys {
                meta: super::Meta {
                    organisation: organisation.trim().to_string(),
                    analysar: ar,
                    mall: mall.to_string(),
                    status: super::Status::Utkast,
                    berord_namnd_informerad: None,
                },
                tjanstekatalog: Default::default(),
                versionshantering: Vec::new(),
                effekthemtagning: Default::default(),
                konsolidering: Default::default(),
                portfoljanalys: Default::default(),
                pagaende_insatser: Default::default(),
                framatsyftande_portfoljanalys: Default::default(),
                foreslagna_insatser: Default::default(),
                kostnader: Default::default(),
                fordelningsnycklar: Default::default(),
                langsiktig_utveckling: Default::default(),
            })),
        }
    }

    /// The document as a JSON value (the `dokument` member of the exchange format).
    pub fn to_value(&self) -> serde_json::Value {
        let v = match self {
            Dokument::ArligAnalys(a) => serde_json::to_value(a),
        };
        // Serialising these plain data types cannot fail: no maps with non-string keys, no
        // non-finite floats reach them (the parsers reject NaN).
        v.unwrap_or(serde_json::Value::Null)
    }
}
