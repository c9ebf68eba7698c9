//! "Importera från Word" in the app: a preview that reads the file and answers with the report
//! (nothing stored), then the same reading stored as a new document. Both go through
//! `crate::ordimport::las_docx`, so what the preview shows is what is stored.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dokumentvy, Felkod, Kommandofel, Program, Svar};
use crate::cancel::Avbrott;
use crate::ordimport::{self, Importrapport, Importval, Ordimport, OrdimportFel};
use crate::template::Mallbibliotek;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrdimportArg {
    /// The .docx file, as the open dialog answered.
    pub sokvag: String,
    /// The leverantörsnämnd, when the Word file does not name it.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The analysår, when neither the Word file's title nor its page header carries it.
    #[serde(default)]
    pub analysar: Option<i32>,
    /// The `fil_sha256` of the preview the user saw: the import refuses a file that has
    /// changed since, so what is stored is what was shown.
    #[serde(default)]
    pub forhandsgranskad_sha256: Option<String>,
    /// The number the UI gives this reading, for `avbryt_arbete`.
    #[serde(default)]
    #[ts(optional)]
    pub arbete: Option<u32>,
}

/// What an import answers: the new document, opened, and what was and was not mapped.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Ordimportresultat {
    pub vy: Dokumentvy,
    pub rapport: Importrapport,
}

impl From<OrdimportFel> for Kommandofel {
    fn from(e: OrdimportFel) -> Kommandofel {
        let falt = match &e {
            OrdimportFel::IngenOrganisation => Some("organisation".to_string()),
            OrdimportFel::IngetAr { .. } => Some("analysar".to_string()),
            _ => None,
        };
        let kod = match e {
            OrdimportFel::Avbrutet => Felkod::Avbrutet,
            _ => Felkod::Import,
        };
        Kommandofel {
            kod,
            meddelande: e.to_string(),
            falt,
        }
    }
}

/// Reads a Word file that follows a template, against the templates in `mallar`.
pub fn las_word(mallar: &Mallbibliotek, arg: &OrdimportArg) -> Svar<Ordimport> {
    las_word_med(mallar, arg, &Avbrott::default())
}

fn las_word_med(mallar: &Mallbibliotek, arg: &OrdimportArg, avbrott: &Avbrott) -> Svar<Ordimport> {
    let sokvag = PathBuf::from(&arg.sokvag);
    let importfel = |m: String| Kommandofel::ny(Felkod::Import, m);
    let bytes = super::las_fil(&sokvag, ordimport::kontrollera_storlek, importfel)?;
    let val = Importval {
        organisation: arg.organisation.clone(),
        analysar: arg.analysar,
    };
    ordimport::las_docx_med(&bytes, mallar, &val, avbrott).map_err(|e| {
        let avbrutet = matches!(e, OrdimportFel::Avbrutet);
        let mut fel = Kommandofel::from(e);
        // The file is named: on the command line several may be read one after another.
        if !avbrutet {
            fel.meddelande = format!("{}: {}", sokvag.display(), fel.meddelande);
        }
        fel
    })
}

impl Program {
    fn las_word(&self, arg: &OrdimportArg) -> Svar<Ordimport> {
        let arbete = self.arbeten.borja(arg.arbete);
        las_word_med(&self.mallar, arg, &arbete.avbrott)
    }

    /// Reads the Word file and says what would be imported; stores nothing.
    pub fn forhandsgranska_word(&self, arg: OrdimportArg) -> Svar<Importrapport> {
        Ok(self.las_word(&arg)?.rapport)
    }

    /// Stores the Word file's analysis as a new document and opens it. A cancel that comes
    /// once the file is read is too late: the document is stored.
    pub fn importera_word(&mut self, arg: OrdimportArg) -> Svar<Ordimportresultat> {
        let import = self.las_word(&arg)?;
        if let Some(sett) = &arg.forhandsgranskad_sha256
            && *sett != import.rapport.fil_sha256
        {
            return Err(Kommandofel {
                kod: Felkod::Import,
                meddelande: format!(
                    "{} har ändrats sedan förhandsgranskningen visades. Ingenting har importerats; förhandsgranska filen igen.",
                    arg.sokvag
                ),
                falt: Some("sokvag".to_string()),
            });
        }
        self.mall_for(&import.dokument)?;
        let id = self.store.skapa(&import.dokument)?;
        Ok(Ordimportresultat {
            vy: self.vy(id)?,
            rapport: import.rapport,
        })
    }
}
