//! The mandated templates as data (`templates/*.toml`): headings and their numbers, anvisning
//! texts, field labels, table columns with year-relative names and enumerations. A new year's
//! template is a new file, not new code. The loader checks a file against the model and names
//! file, key and line when it is wrong.

mod arsetikett;
mod check;
pub mod planval;
mod plats;
mod types;

pub use arsetikett::{ArsetikettFel, arsetikett};
pub use check::MALLENS_UPPRAKNINGAR;
pub use types::*;

use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum MallFel {
    #[error("Mallfilen {fil} kunde inte läsas: {kalla}")]
    Las {
        fil: PathBuf,
        #[source]
        kalla: std::io::Error,
    },
    #[error("{fil}, rad {rad}{}: {meddelande}", nyckel.as_ref().map(|n| format!(", nyckel {n}")).unwrap_or_default())]
    Ogiltig {
        fil: String,
        rad: usize,
        nyckel: Option<String>,
        meddelande: String,
    },
    #[error("Två mallar har samma id \"{id}\": {forsta} och {andra}.")]
    DubbelId {
        id: String,
        forsta: String,
        andra: String,
    },
}

/// The templates that ship inside the binary, so the program works from any directory.
const INBYGGDA: [(&str, &str); 3] = [
    (
        "templates/arlig-analys-2024.toml",
        include_str!("../../templates/arlig-analys-2024.toml"),
    ),
    (
        "templates/tjansteplan-2023.toml",
        include_str!("../../templates/tjansteplan-2023.toml"),
    ),
    (
        "templates/digitaliseringsplan-2023.toml",
        include_str!("../../templates/digitaliseringsplan-2023.toml"),
    ),
];

impl Mall {
    /// Parses and checks a template. `fil` is only used in messages.
    pub fn fran_toml(text: &str, fil: &str) -> Result<Mall, MallFel> {
        let mall: Mall = toml::from_str(text).map_err(|e| {
            let rad = e.span().map_or(1, |s| radnummer(text, s.start));
            MallFel::Ogiltig {
                fil: fil.to_string(),
                rad,
                nyckel: None,
                meddelande: e.message().trim().to_string(),
            }
        })?;
        check::kontrollera(&mall).map_err(|f| MallFel::Ogiltig {
            fil: fil.to_string(),
            rad: radnummer(text, f.position),
            nyckel: Some(f.nyckel),
            meddelande: f.meddelande,
        })?;
        Ok(mall)
    }

    pub fn las_fil(sokvag: &Path) -> Result<Mall, MallFel> {
        let text = std::fs::read_to_string(sokvag).map_err(|kalla| MallFel::Las {
            fil: sokvag.to_path_buf(),
            kalla,
        })?;
        Mall::fran_toml(&text, &sokvag.display().to_string())
    }
}

/// The value at a template key (`strategisk.behovsbeskrivning`, dot-separated) inside a
/// document's JSON. Every reader of the document by template key goes through this one lookup.
pub fn varde_vid<'v>(varde: &'v serde_json::Value, nyckel: &str) -> Option<&'v serde_json::Value> {
    nyckel.split('.').try_fold(varde, |v, del| v.get(del))
}

/// The list at a template key (a table's rows, a section's insatser) inside a document's JSON:
/// empty when the document has none there, which readers treat as a list with no elements.
pub fn lista_vid<'v>(varde: &'v serde_json::Value, nyckel: &str) -> &'v [serde_json::Value] {
    varde_vid(varde, nyckel)
        .and_then(serde_json::Value::as_array)
        .map_or(&[][..], Vec::as_slice)
}

/// A classified table's subtotals (see `Tabell::delsummor`): each value of the enumeration
/// with the sum of the rows that carry it, in the template's order. Empty for other tables.
pub fn delsummor_for(
    tabell: &Tabell,
    mall: &Mall,
    rader: &[serde_json::Value],
) -> Vec<(String, crate::model::Kronor)> {
    let Some((klass, belopp)) = tabell.delsummor() else {
        return Vec::new();
    };
    let Some(u) = klass
        .upprakning
        .as_ref()
        .and_then(|u| mall.upprakning(u.get_ref()))
    else {
        return Vec::new();
    };
    u.varden
        .iter()
        .map(|v| {
            let summa = rader
                .iter()
                .filter(|r| {
                    varde_vid(r, klass.nyckel()).and_then(serde_json::Value::as_str)
                        == Some(v.varde.get_ref().as_str())
                })
                .filter_map(|r| varde_vid(r, belopp.nyckel()).and_then(serde_json::Value::as_i64))
                .map(crate::model::Kronor)
                .sum();
            (v.etikett.clone(), summa)
        })
        .collect()
}

/// The reason a section's JSON gives for being not applicable, or `None` when it applies.
pub fn ej_tillamplig_skal(sektion: &serde_json::Value) -> Option<&str> {
    let t = sektion.get("tillamplighet")?;
    (t.get("status")?.as_str()? == "ej_tillamplig")
        .then(|| t.get("skal").and_then(|s| s.as_str()).unwrap_or_default())
}

fn radnummer(text: &str, byte: usize) -> usize {
    let slut = byte.min(text.len());
    text.as_bytes()[..slut]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Several templates (kinds and years) loaded side by side.
#[derive(Debug, Clone, Default)]
pub struct Mallbibliotek {
    mallar: Vec<Mall>,
}

impl Mallbibliotek {
    /// The templates built into the binary.
    pub fn inbyggda() -> Result<Mallbibliotek, MallFel> {
        let mut bibliotek = Mallbibliotek::default();
        for (fil, text) in INBYGGDA {
            bibliotek.lagg_till(Mall::fran_toml(text, fil)?, fil)?;
        }
        Ok(bibliotek)
    }

    /// The built-in templates plus every `*.toml` in `katalog`; a file there replaces a built-in
    /// template with the same id, so an administrator can correct a label without a new build.
    pub fn med_katalog(katalog: &Path) -> Result<Mallbibliotek, MallFel> {
        let mut bibliotek = Mallbibliotek::inbyggda()?;
        let poster = std::fs::read_dir(katalog).map_err(|kalla| MallFel::Las {
            fil: katalog.to_path_buf(),
            kalla,
        })?;
        let mut filer: Vec<PathBuf> = poster
            .filter_map(Result::ok)
            .map(|p| p.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        filer.sort();
        let mut fran_katalog: Vec<(String, String)> = Vec::new();
        for fil in filer {
            let mall = Mall::las_fil(&fil)?;
            let namn = fil.display().to_string();
            if let Some((_, forsta)) = fran_katalog.iter().find(|(id, _)| *id == mall.mall.id) {
                return Err(MallFel::DubbelId {
                    id: mall.mall.id.clone(),
                    forsta: forsta.clone(),
                    andra: namn,
                });
            }
            fran_katalog.push((mall.mall.id.clone(), namn));
            bibliotek.mallar.retain(|m| m.mall.id != mall.mall.id);
            bibliotek.mallar.push(mall);
        }
        Ok(bibliotek)
    }

    pub fn lagg_till(&mut self, mall: Mall, fil: &str) -> Result<(), MallFel> {
        if self.hamta(&mall.mall.id).is_some() {
            return Err(MallFel::DubbelId {
                id: mall.mall.id.clone(),
                forsta: "(inläst tidigare)".into(),
                andra: fil.into(),
            });
        }
        self.mallar.push(mall);
        Ok(())
    }

    pub fn hamta(&self, id: &str) -> Option<&Mall> {
        self.mallar.iter().find(|m| m.mall.id == id)
    }

    /// The newest template of a kind whose year is at most `ar` (a 2025 analysis without its own
    /// template follows the 2024 one).
    pub fn for_ar(&self, dokumenttyp: &str, ar: i32) -> Option<&Mall> {
        self.mallar
            .iter()
            .filter(|m| m.mall.dokumenttyp.get_ref() == dokumenttyp && m.mall.ar <= ar)
            .max_by_key(|m| m.mall.ar)
            .or_else(|| {
                self.mallar
                    .iter()
                    .filter(|m| m.mall.dokumenttyp.get_ref() == dokumenttyp)
                    .min_by_key(|m| m.mall.ar)
            })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Mall> {
        self.mallar.iter()
    }
}
