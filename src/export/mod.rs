//! Exports: the Word document that stadsledningskontoret receives and the Excel workbooks a
//! controller uses. Driven by the template:
//! headings, numbers, labels and anvisning texts come from it, values from the document.

mod blad;
mod docx;
mod fil;
mod filnamn;
mod kontroller;
mod ordning;
mod paket;
mod portfolj;
mod tema;
mod text;
mod utelamnat;
mod varde;
mod xlsx;

pub use blad::{TKR_FORMAT, liknar_formel};
pub use docx::{
    AVVIKELSE, AVVIKELSE_SKAL, BILDTEXT, Docxval, PERIOD_ETIKETT, skriv_docx, skriv_docx_med,
    skriv_sammanstallning_docx,
};
pub use fil::{Skrivfel, skriv_atomiskt};
pub use filnamn::filnamnsstam;
pub use paket::{Efterbearbetning, efterbearbeta};
pub use portfolj::{skriv_portfolj_docx, skriv_portfolj_xlsx};
pub use text::sakert;
pub use utelamnat::{EJ_EXPORTERADE, EjExporterat, Utelamnas};
pub(crate) use varde::visa as visa_varde;
pub use xlsx::{skriv_samlad_xlsx, skriv_sammanstallning_xlsx, skriv_xlsx, skriv_xlsx_med};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExportFel {
    #[error("Word-dokumentet kunde inte skapas: {0}")]
    Docx(String),
    #[error("Excel-arbetsboken kunde inte skapas: {0}")]
    Xlsx(String),
    #[error("Word-paketet kunde inte efterbearbetas ({del}): {orsak}")]
    Paket { del: String, orsak: String },
    #[error(
        "Bilden \"{filnamn}\" i 1.3 kan inte läsas: {orsak}. Byt bilden mot en PNG- eller JPEG-fil."
    )]
    Bild { filnamn: String, orsak: String },
    #[error(
        "Dokumentet innehåller platshållaren \"{platshallare}\" från mallen ({sokvag}). Ersätt den med det den står för; en platshållare får inte stå i ett exporterat dokument."
    )]
    Platshallare {
        sokvag: String,
        platshallare: String,
    },
    #[error("Exporten avbröts. Ingen fil skrevs.")]
    Avbrutet,
}

impl From<crate::cancel::Avbrutet> for ExportFel {
    fn from(_: crate::cancel::Avbrutet) -> Self {
        ExportFel::Avbrutet
    }
}

/// Refuses a document that still holds a template placeholder: Word and Excel exports go to
/// people outside the author's desk, and "[Publiceringsdatum]" must never reach them.
fn utan_platshallare(dokument: &crate::model::Dokument) -> Result<(), ExportFel> {
    match crate::model::forsta_platshallare(&dokument.to_value()) {
        Some((sokvag, platshallare)) => Err(ExportFel::Platshallare {
            sokvag,
            platshallare,
        }),
        None => Ok(()),
    }
}

/// The same for the sammanställning, which prints each plan's tjänsteområde and version.
fn planer_utan_platshallare(planer: &[&crate::model::Tjansteplan]) -> Result<(), ExportFel> {
    for p in planer {
        for (falt, text) in [
            ("meta.tjansteomrade", &p.meta.tjansteomrade),
            ("meta.version", &p.meta.version),
        ] {
            if let Some(ph) = crate::model::hitta_platshallare(text) {
                return Err(ExportFel::Platshallare {
                    sokvag: format!("{} {falt}", p.meta.tjansteomrade),
                    platshallare: ph.to_string(),
                });
            }
        }
    }
    Ok(())
}
