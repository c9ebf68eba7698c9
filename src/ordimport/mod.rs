//! "Importera från Word": an årlig analys, tjänsteplan or digitaliseringsplan written in Word from
//! its mandated template, read into the model. `paket` reads the .docx into paragraphs and tables, `karta` maps them onto the
//! document by the template's headings, table columns and form labels, `tolka` reads one
//! field's text by its type, `katalog` builds the tjänstekatalog the tables name, and
//! `rapport` says what was mapped and, with the text, what was not.

mod karta;
mod katalog;
mod paket;
mod rapport;
mod tolka;

use crate::cancel::Avbrott;
use thiserror::Error;

pub use paket::STORSTA_UPPACKAT;
pub use rapport::{Avsnittsrapport, EjMappat, Importrapport};

use crate::model::Dokument;
use crate::template::Mallbibliotek;

/// What the user may state when the Word file does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Importval {
    /// The leverantörsnämnd, when the title page does not name it (or names it wrongly).
    pub organisation: Option<String>,
    /// The analysår, when neither the title nor the page header carries it.
    pub analysar: Option<i32>,
}

/// A Word file read into a document whose invariants hold, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordimport {
    pub dokument: Dokument,
    pub rapport: Importrapport,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrdimportFel {
    #[error(
        "Filen är ingen Word-fil (.docx): den är inte ett zip-paket. Öppna den i Word och spara den som Word-dokument (.docx); äldre .doc-filer kan inte läsas."
    )]
    InteZip,
    #[error("Word-filen är skadad och kan inte packas upp: {0}")]
    TrasigZip(String),
    #[error(
        "Filen är ett zip-paket men inget Word-dokument: delen word/document.xml saknas. Välj en .docx-fil som sparats i Word."
    )]
    InteWord,
    #[error("Word-dokumentets text (word/document.xml) är skadad: {0}")]
    TrasigXml(String),
    #[error("Filen är {storlek_mb} MB; Underlag läser Word-filer på högst {grans_mb} MB.")]
    ForStorFil { storlek_mb: String, grans_mb: usize },
    #[error(
        "Word-filen packas upp till mer än {grans_mb} MB; Underlag läser Word-filer på högst {grans_mb} MB."
    )]
    ForStor { grans_mb: usize },
    #[error(
        "Word-filen ser inte ut som något av Underlags dokument: ingen av rubrikerna {titlar} och inte heller mallarnas avsnittsrubriker finns i den."
    )]
    OkantDokument { titlar: String },
    #[error(
        "Word-filen anger inget år: rubriken \"{titel} <år>\" saknas både i texten och i sidhuvudet. Ange året (i appen i fältet Analysår, på kommandoraden med --ar ÅR)."
    )]
    IngetAr { titel: String },
    #[error("Det finns ingen mall för {slag} {ar}.")]
    IngenMall { slag: String, ar: i32 },
    #[error(
        "Word-filen anger ingen organisation (raden \"Organisation: …\" eller \"Nämnd: …\" på titelsidan saknas). Ange nämnden eller bolaget (i appen i fältet Organisation, på kommandoraden med --organisation NAMN)."
    )]
    IngenOrganisation,
    #[error("Det importerade dokumentet kan inte sparas: {sokvag}: {meddelande}")]
    Ogiltig { sokvag: String, meddelande: String },
    #[error("Importen avbröts. Inget sparades.")]
    Avbrutet,
}

impl From<crate::cancel::Avbrutet> for OrdimportFel {
    fn from(_: crate::cancel::Avbrutet) -> Self {
        OrdimportFel::Avbrutet
    }
}

/// Reads a Word file into a document of the kind its title and headings show. Pure: nothing is stored, so a preview and the
/// import that follows it produce the same document and report.
pub fn las_docx(
    bytes: &[u8],
    mallar: &Mallbibliotek,
    val: &Importval,
) -> Result<Ordimport, OrdimportFel> {
    las_docx_med(bytes, mallar, val, &Avbrott::default())
}

/// [`las_docx`] that stops with [`OrdimportFel::Avbrutet`] once `avbrott` is cancelled:
/// after unpacking, and as it maps the paragraphs and tables.
pub fn las_docx_med(
    bytes: &[u8],
    mallar: &Mallbibliotek,
    val: &Importval,
    avbrott: &Avbrott,
) -> Result<Ordimport, OrdimportFel> {
    kontrollera_storlek(bytes.len() as u64)?;
    let innehall = paket::las_paket(bytes)?;
    avbrott.kontrollera()?;
    let mut import = karta::kartlagg(&innehall, mallar, val, avbrott)?;
    import.rapport.fil_sha256 = crate::store::sha256(bytes);
    Ok(import)
}

/// Refuses a file larger than the exchange format's limit, so callers can check before reading.
pub fn kontrollera_storlek(langd: u64) -> Result<(), OrdimportFel> {
    let grans = crate::exchange::STORSTA_FILSTORLEK as u64;
    if langd > grans {
        return Err(OrdimportFel::ForStorFil {
            storlek_mb: crate::exchange::megabyte(langd),
            grans_mb: crate::exchange::STORSTA_FILSTORLEK / (1024 * 1024),
        });
    }
    Ok(())
}
