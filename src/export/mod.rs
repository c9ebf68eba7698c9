//! Exports: the Word document that stadsledningskontoret receives. Driven by the template:
//! headings, numbers, labels and anvisning texts come from it, values from the document.

mod docx;
mod fil;
mod kontroller;
mod paket;
mod text;
mod varde;
mod xlsx;

pub use docx::{Docxval, skriv_docx, skriv_sammanstallning_docx};
pub use fil::{Skrivfel, skriv_atomiskt};
pub use paket::{Efterbearbetning, efterbearbeta};
pub use text::sakert;
pub use xlsx::{
    TKR_FORMAT, liknar_formel, skriv_samlad_xlsx, skriv_sammanstallning_xlsx, skriv_xlsx,
};

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
}
