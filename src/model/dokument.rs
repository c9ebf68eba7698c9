use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ArligAnalys, Digitaliseringsplan, InsatsId, TjanstId, Tjansteplan};

/// The kinds of document Underlag writes. The string form is the `dokumenttyp` of the exchange
/// format and of the store.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dokumenttyp {
    ArligAnalys,
    Tjansteplan,
    Digitaliseringsplan,
}

impl Dokumenttyp {
    pub const ALLA: [Dokumenttyp; 3] = [
        Dokumenttyp::ArligAnalys,
        Dokumenttyp::Tjansteplan,
        Dokumenttyp::Digitaliseringsplan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "arlig-analys",
            Dokumenttyp::Tjansteplan => "tjansteplan",
            Dokumenttyp::Digitaliseringsplan => "digitaliseringsplan",
        }
    }

    pub fn parse(s: &str) -> Option<Dokumenttyp> {
        Self::ALLA.into_iter().find(|t| t.as_str() == s)
    }

    /// The short name a list of documents shows ("Årlig analys 2024").
    pub fn kortnamn(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "Årlig analys",
            Dokumenttyp::Tjansteplan => "Tjänsteplan",
            Dokumenttyp::Digitaliseringsplan => "Digitaliseringsplan",
        }
    }

    /// The list a field of type `insats` refers into: 3.1's new insatser and a bilaga row name
    /// a proposal of 2.2 or an initiative, a digitaliseringsplan's rows one of its insatser.
    pub fn insatslista(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "foreslagna_insatser.insatser",
            Dokumenttyp::Tjansteplan => "kostnadsuppskattning.initiativ",
            Dokumenttyp::Digitaliseringsplan => "insatser.insatser",
        }
    }

    /// Whether documents of this kind go into the portfolio (`crate::portfolj`), which reads
    /// årliga analyser.
    pub fn i_portfolj(self) -> bool {
        self == Dokumenttyp::ArligAnalys
    }

    /// Whether next year's document can be started from this one (`crate::arsskifte`), which
    /// is written for the årlig analys.
    pub fn har_arsskifte(self) -> bool {
        self == Dokumenttyp::ArligAnalys
    }

    /// Who writes a document of this kind, as the start page names them ("tjänsteägare i
    /// leverantörsnämnderna").
    pub fn for_vem(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "tjänsteägare i leverantörsnämnderna",
            Dokumenttyp::Tjansteplan => "tjänsteområden",
            Dokumenttyp::Digitaliseringsplan => "nämnder, förvaltningar och bolag",
        }
    }

    /// What the first start offers for this kind, and to whom it speaks.
    pub fn uppgift(self) -> (&'static str, &'static str) {
        match self {
            Dokumenttyp::ArligAnalys => (
                "Skriva en årlig analys",
                "För tjänsteägare i en leverantörsnämnd: Intraservice, Demokrati och medborgarservice, Inköp och upphandling.",
            ),
            Dokumenttyp::Tjansteplan => (
                "Skriva en tjänsteplan",
                "För ett tjänsteområde som planerar mål, initiativ och kostnader för tre år.",
            ),
            Dokumenttyp::Digitaliseringsplan => (
                "Skriva en digitaliseringsplan",
                "För en nämnd, förvaltning eller ett bolag som planerar sin digitala utveckling utifrån stadens plan för digitalisering.",
            ),
        }
    }

    /// The name a person reads.
    pub fn benamning(self) -> &'static str {
        match self {
            Dokumenttyp::ArligAnalys => "Årlig analys av digital utveckling och förvaltning",
            Dokumenttyp::Tjansteplan => "Tjänsteplan",
            Dokumenttyp::Digitaliseringsplan => "Digitaliseringsplan",
        }
    }
}

impl std::fmt::Display for Dokumenttyp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Dokument {
    ArligAnalys(Box<ArligAnalys>),
    Tjansteplan(Box<Tjansteplan>),
    Digitaliseringsplan(Box<Digitaliseringsplan>),
}

impl Dokument {
    pub fn typ(&self) -> Dokumenttyp {
        match self {
            Dokument::ArligAnalys(_) => Dokumenttyp::ArligAnalys,
            Dokument::Tjansteplan(_) => Dokumenttyp::Tjansteplan,
            Dokument::Digitaliseringsplan(_) => Dokumenttyp::Digitaliseringsplan,
        }
    }

    pub fn organisation(&self) -> &str {
        match self {
            Dokument::ArligAnalys(a) => &a.meta.organisation,
            Dokument::Tjansteplan(t) => &t.meta.organisation,
            Dokument::Digitaliseringsplan(d) => &d.meta.organisation,
        }
    }

    pub fn ar(&self) -> i32 {
        match self {
            Dokument::ArligAnalys(a) => a.meta.analysar,
            Dokument::Tjansteplan(t) => t.meta.ar,
            Dokument::Digitaliseringsplan(d) => d.meta.ar,
        }
    }

    /// Where the document stands in the year's work (`meta.status`).
    pub fn status(&self) -> super::Status {
        match self {
            Dokument::ArligAnalys(a) => a.meta.status,
            Dokument::Tjansteplan(t) => t.meta.status,
            Dokument::Digitaliseringsplan(d) => d.meta.status,
        }
    }

    /// Whether the berörd nämnd has been informed, for the kinds the riktlinje asks it of
    /// before sending (the leverantörer's årlig analys); `None` where the kind does not.
    pub fn berord_namnd_informerad(&self) -> Option<bool> {
        match self {
            Dokument::ArligAnalys(a) => Some(a.meta.berord_namnd_informerad.is_some()),
            Dokument::Tjansteplan(_) | Dokument::Digitaliseringsplan(_) => None,
        }
    }

    pub fn mall(&self) -> &str {
        match self {
            Dokument::ArligAnalys(a) => &a.meta.mall,
            Dokument::Tjansteplan(t) => &t.meta.mall,
            Dokument::Digitaliseringsplan(d) => &d.meta.mall,
        }
    }

    /// The version the document states of itself, for kinds whose template asks for one (a
    /// tjänsteplan's `meta.version`, which the economic summary cites).
    pub fn angiven_version(&self) -> Option<&str> {
        match self {
            Dokument::Tjansteplan(t) => Some(&t.meta.version),
            Dokument::ArligAnalys(_) | Dokument::Digitaliseringsplan(_) => None,
        }
    }

    pub fn versionshantering(&self) -> &[super::Versionspost] {
        match self {
            Dokument::ArligAnalys(a) => &a.versionshantering,
            Dokument::Tjansteplan(t) => &t.versionshantering,
            Dokument::Digitaliseringsplan(d) => &d.versionshantering,
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
            Dokumenttyp::Tjansteplan => Dokument::Tjansteplan(Box::new(Tjansteplan {
                meta: super::TjansteplanMeta {
                    organisation: organisation.trim().to_string(),
                    tjansteomrade: String::new(),
                    ar,
                    mall: mall.to_string(),
                    status: super::Status::Utkast,
                    publiceringsdatum: None,
                    version: String::new(),
                },
                versionshantering: Vec::new(),
                inriktning: Default::default(),
                nyttor: Default::default(),
                kostnadsuppskattning: Default::default(),
                vidmakthallande: Default::default(),
                it_stod_och_arbetsmiljo: Default::default(),
                sakerhetsniva: Default::default(),
                bilaga: Default::default(),
            })),
            Dokumenttyp::Digitaliseringsplan => {
                Dokument::Digitaliseringsplan(Box::new(Digitaliseringsplan {
                    meta: super::DigitaliseringsplanMeta {
                        organisation: organisation.trim().to_string(),
                        organisationsform: None,
                        ar,
                        period_slut_ar: None,
                        mall: mall.to_string(),
                        status: super::Status::Utkast,
                        vardokument: None,
                        vardokument_referens: String::new(),
                    },
                    versionshantering: Vec::new(),
                    inledning: Default::default(),
                    koppling: Default::default(),
                    mo1: Default::default(),
                    mo2: Default::default(),
                    mo3: Default::default(),
                    mo4: Default::default(),
                    insatser: Default::default(),
                    bastjanster: Default::default(),
                    system: Default::default(),
                    risker: Default::default(),
                }))
            }
        }
    }

    /// The name a reference to a tjänst reads as in an export; the id itself when the
    /// document's catalogue lacks it (or the kind has no catalogue).
    pub fn namn_pa_tjanst(&self, id: &str) -> String {
        match self {
            Dokument::ArligAnalys(a) => {
                a.tjanstekatalog.namn(&TjanstId(id.to_string())).to_string()
            }
            Dokument::Tjansteplan(_) | Dokument::Digitaliseringsplan(_) => id.to_string(),
        }
    }

    /// The name a reference to an insats or initiative reads as in an export.
    pub fn namn_pa_insats(&self, id: &str) -> String {
        let id = InsatsId(id.to_string());
        let namn = match self {
            Dokument::ArligAnalys(a) => a
                .foreslagna_insatser
                .insatser
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.namn.clone()),
            Dokument::Tjansteplan(t) => t
                .kostnadsuppskattning
                .initiativ
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.namn.clone()),
            Dokument::Digitaliseringsplan(d) => d
                .insatser
                .insatser
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.namn.clone()),
        };
        namn.unwrap_or(id.0)
    }

    /// The document as a JSON value (the `dokument` member of the exchange format).
    pub fn to_value(&self) -> serde_json::Value {
        let v = match self {
            Dokument::ArligAnalys(a) => serde_json::to_value(a),
            Dokument::Tjansteplan(t) => serde_json::to_value(t),
            Dokument::Digitaliseringsplan(d) => serde_json::to_value(d),
        };
        // Serialising these plain data types cannot fail: no maps with non-string keys, no
        // non-finite floats reach them (the parsers reject NaN).
        v.unwrap_or(serde_json::Value::Null)
    }
}
