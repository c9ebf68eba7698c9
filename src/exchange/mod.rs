//! The exchange format: a `*.underlag.json` file carrying one document and its tjänstekatalog.
//!
//! ```json
//! { "format_version": 1, "dokumenttyp": "arlig-analys", "dokument": { "meta": { … }, … } }
//! ```
//!
//! Reading is strict and all-or-nothing: a newer `format_version`, a wrong type, an unknown
//! enumeration value or a dangling catalogue reference is an error whose Swedish message names
//! the JSON path, and nothing is returned that could be half stored.

mod serdefel;

pub use serdefel::pa_svenska as serdefel_pa_svenska;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::model::{self, ArligAnalys, Digitaliseringsplan, Dokument, Dokumenttyp, Tjansteplan};

/// The newest version this build reads. Version 2 added `ursprung` (where a part was handed out
/// from), version 3 `overstyrningar` on 3.1 rows (a derived cell kept apart from 2.2 with its
/// reason). A file is written with the lowest version that holds what it carries, so a file
/// without either is byte for byte what earlier versions wrote and every earlier Underlag still
/// reads it, while one that would lose an override in an older Underlag is refused there with
/// "Uppdatera Underlag" instead of an unknown field. Version 4 added a digitaliseringsplan's
/// choices from the city plan's lists (`koppling.valda_*`); a plan without them is written as
/// before.
pub const FORMAT_VERSION: u32 = 4;

/// The version of a file with overrides and no pick-list choices.
const FORMAT_VERSION_MED_OVERSTYRNINGAR: u32 = 3;

/// The version of a file without `ursprung` and overrides.
const FORMAT_VERSION_UTAN_URSPRUNG: u32 = 1;
/// The version of a part handed out with `ursprung` and without overrides.
const FORMAT_VERSION_MED_URSPRUNG: u32 = 2;

fn version_for(dokument: &Dokument, ursprung: bool) -> u32 {
    let overstyrd = match dokument {
        Dokument::ArligAnalys(a) => {
            let k = &a.kostnader;
            k.utveckling
                .rader
                .iter()
                .any(|r| !r.overstyrningar.is_empty())
                || k.nya_insatser
                    .rader
                    .iter()
                    .any(|r| !r.overstyrningar.is_empty())
        }
        _ => false,
    };
    let valt = match dokument {
        Dokument::Digitaliseringsplan(p) => {
            let k = &p.koppling;
            k.valda_mal.is_some() || k.valda_nyttor.is_some() || k.valda_inriktningar.is_some()
        }
        _ => false,
    };
    if valt {
        FORMAT_VERSION
    } else if overstyrd {
        FORMAT_VERSION_MED_OVERSTYRNINGAR
    } else if ursprung {
        FORMAT_VERSION_MED_URSPRUNG
    } else {
        FORMAT_VERSION_UTAN_URSPRUNG
    }
}

/// Where a part came from: the coordinator's document and revision it was handed out at, and
/// the SHA-256 of that content, so that merging it back can find the common base (or tell that
/// the base is not in this database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Ursprung {
    pub dokument: i64,
    pub revision: i64,
    /// Hex SHA-256 of the document's stored JSON at that revision.
    pub sha256: String,
}

/// Larger files are refused before parsing: a real analysis with a few PIOS images is well
/// under a megabyte, and a file of hundreds of megabytes is a mistake (or an attack) that should
/// not stall the app. The limit is high enough that what the store holds comes back in: the
/// app has no limit on insatser, and 10 000 filled-in proposals in 2.2 write a 37 MB file, which
/// a 20 MB limit refused (tests/fientligt_innehall.rs).
pub const STORSTA_FILSTORLEK: usize = 64 * 1024 * 1024;

/// The file as written. Only used for writing and for the JSON Schema; reading goes through
/// `las` so that errors carry paths.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Underlag – utbytesfil (*.underlag.json)")]
pub struct Utbytesfil {
    /// Format version; a reader refuses files newer than it knows.
    pub format_version: u32,
    pub dokumenttyp: Dokumenttyp,
    /// Since version 2: the state a part was handed out from. (Version 3 added nothing here:
    /// its `overstyrningar` live in the document's 3.1 rows.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ursprung: Option<Ursprung>,
    pub dokument: Utbytesdokument,
}

/// The `dokument` member: whichever kind `dokumenttyp` names.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Utbytesdokument {
    ArligAnalys(Box<ArligAnalys>),
    Tjansteplan(Box<Tjansteplan>),
    Digitaliseringsplan(Box<Digitaliseringsplan>),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Importfel {
    #[error(
        "Filen är {storlek_mb} MB. Underlag läser utbytesfiler på högst {grans_mb} MB; kontrollera att det är rätt fil."
    )]
    ForStor { storlek_mb: String, grans_mb: usize },
    #[error(
        "Filen är inte giltig JSON (rad {rad}, kolumn {kolumn}): {orsak}. Filen kan vara avkortad eller skadad."
    )]
    Json {
        rad: usize,
        kolumn: usize,
        orsak: String,
    },
    #[error("Fel i {sokvag}: {meddelande}")]
    Falt { sokvag: String, meddelande: String },
    #[error(
        "Filen har formatversion {version}, men den här versionen av Underlag läser högst version {FORMAT_VERSION}. Uppdatera Underlag för att öppna den."
    )]
    NyareFormat { version: u64 },
}

impl Importfel {
    fn falt(sokvag: impl Into<String>, meddelande: impl Into<String>) -> Importfel {
        Importfel::Falt {
            sokvag: sokvag.into(),
            meddelande: meddelande.into(),
        }
    }
}

/// Refuses a file larger than `STORSTA_FILSTORLEK`, so callers can check before reading it.
pub fn kontrollera_storlek(langd: u64) -> Result<(), Importfel> {
    if langd > STORSTA_FILSTORLEK as u64 {
        return Err(Importfel::ForStor {
            storlek_mb: megabyte(langd),
            grans_mb: STORSTA_FILSTORLEK / (1024 * 1024),
        });
    }
    Ok(())
}

/// A file size in MB with one decimal and a decimal comma ("64,3"), as the size messages say it.
pub fn megabyte(langd: u64) -> String {
    format!("{:.1}", langd as f64 / (1024.0 * 1024.0)).replace('.', ",")
}

/// Reads an exchange file's bytes into a document whose invariants hold.
pub fn las(bytes: &[u8]) -> Result<Dokument, Importfel> {
    las_med_ursprung(bytes).map(|(dokument, _)| dokument)
}

/// As `las`, with the file's `ursprung` when it has one (a part handed out for merging).
pub fn las_med_ursprung(bytes: &[u8]) -> Result<(Dokument, Option<Ursprung>), Importfel> {
    kontrollera_storlek(bytes.len() as u64)?;
    // Notepad and Excel write UTF-8 with a byte order mark; JSON does not allow one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let varde: Value = serde_json::from_slice(bytes).map_err(|e| Importfel::Json {
        rad: e.line(),
        kolumn: e.column(),
        orsak: serdefel::pa_svenska(&e.to_string()),
    })?;
    let Value::Object(mut fil) = varde else {
        return Err(Importfel::falt(
            "(filen)",
            "filen ska vara ett JSON-objekt med format_version, dokumenttyp och dokument",
        ));
    };
    let version = match fil.get("format_version") {
        None => {
            return Err(Importfel::falt(
                "format_version",
                "saknas; en utbytesfil börjar med \"format_version\": 1",
            ));
        }
        Some(v) => v
            .as_u64()
            .ok_or_else(|| Importfel::falt("format_version", "ska vara ett positivt heltal"))?,
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(Importfel::NyareFormat { version });
    }
    if version == 0 {
        return Err(Importfel::falt(
            "format_version",
            "0 är ingen formatversion; den första är 1",
        ));
    }
    let typ = match fil.get("dokumenttyp") {
        None => {
            return Err(Importfel::falt(
                "dokumenttyp",
                "saknas; ange till exempel \"arlig-analys\"",
            ));
        }
        Some(v) => {
            let s = v.as_str().unwrap_or_default();
            Dokumenttyp::parse(s).ok_or_else(|| {
                let kanda: Vec<&str> = Dokumenttyp::ALLA.iter().map(|t| t.as_str()).collect();
                Importfel::falt(
                    "dokumenttyp",
                    format!("okänd dokumenttyp {v}; kända är {}", kanda.join(", ")),
                )
            })?
        }
    };
    let kanda: &[&str] = if version >= 2 {
        &["format_version", "dokumenttyp", "ursprung", "dokument"]
    } else {
        &["format_version", "dokumenttyp", "dokument"]
    };
    if let Some(okand) = fil.keys().find(|k| !kanda.contains(&k.as_str())) {
        return Err(Importfel::falt(
            okand.clone(),
            if version >= 2 {
                "okänt fält; en utbytesfil har bara format_version, dokumenttyp, ursprung och dokument"
            } else {
                "okänt fält; en utbytesfil har bara format_version, dokumenttyp och dokument"
            },
        ));
    }
    let ursprung = match fil.remove("ursprung") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            serde_path_to_error::deserialize::<_, Ursprung>(v).map_err(|e| {
                let sokvag = e.path().to_string();
                Importfel::falt(
                    if sokvag == "." {
                        "ursprung".to_string()
                    } else {
                        format!("ursprung.{sokvag}")
                    },
                    serdefel::pa_svenska(&e.into_inner().to_string()),
                )
            })?,
        ),
    };
    let dokument = fil
        .remove("dokument")
        .ok_or_else(|| Importfel::falt("dokument", "saknas"))?;
    let dokument = dokument_fran_json(typ, dokument).map_err(|(sokvag, meddelande)| {
        Importfel::falt(
            if sokvag.is_empty() {
                "dokument".to_string()
            } else {
                format!("dokument.{sokvag}")
            },
            meddelande,
        )
    })?;
    if let Some(brott) = model::kontrollera_referenser(&dokument).into_iter().next() {
        return Err(Importfel::falt(
            format!("dokument.{}", brott.sokvag),
            brott.meddelande,
        ));
    }
    Ok((dokument, ursprung))
}

/// Deserialises the `dokument` member for a kind; on error returns the path inside the
/// document and a Swedish message. Shared with the store, which applies edits as JSON.
pub fn dokument_fran_json(typ: Dokumenttyp, varde: Value) -> Result<Dokument, (String, String)> {
    fn las_typ<T: serde::de::DeserializeOwned>(varde: Value) -> Result<T, (String, String)> {
        serde_path_to_error::deserialize::<_, T>(varde).map_err(|e| {
            let sokvag = e.path().to_string();
            let sokvag = if sokvag == "." { String::new() } else { sokvag };
            (sokvag, serdefel::pa_svenska(&e.into_inner().to_string()))
        })
    }
    Ok(match typ {
        Dokumenttyp::ArligAnalys => Dokument::ArligAnalys(Box::new(las_typ(varde)?)),
        Dokumenttyp::Tjansteplan => Dokument::Tjansteplan(Box::new(las_typ(varde)?)),
        Dokumenttyp::Digitaliseringsplan => {
            Dokument::Digitaliseringsplan(Box::new(las_typ(varde)?))
        }
    })
}

/// Writes a document as an exchange file (pretty-printed, UTF-8, ending in a newline). The
/// output is deterministic, so export → import → export gives identical bytes.
pub fn skriv(dokument: &Dokument) -> String {
    skriv_med_ursprung(dokument, None)
}

/// Writes a part handed out for merging: with `ursprung` (version 2, or 3 with overrides), or
/// exactly `skriv`'s file without one.
pub fn skriv_med_ursprung(dokument: &Dokument, ursprung: Option<&Ursprung>) -> String {
    let fil = match ursprung {
        None => serde_json::json!({
            "format_version": version_for(dokument, false),
            "dokumenttyp": dokument.typ().as_str(),
            "dokument": dokument.to_value(),
        }),
        Some(u) => serde_json::json!({
            "format_version": version_for(dokument, true),
            "dokumenttyp": dokument.typ().as_str(),
            "ursprung": u,
            "dokument": dokument.to_value(),
        }),
    };
    let mut text = serde_json::to_string_pretty(&fil).unwrap_or_default();
    text.push('\n');
    text
}
