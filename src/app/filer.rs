//! Documents as files: reading an exchange file, finding a document's template, making a new
//! document or a bundled example, and writing every export whole or not at all. The `Program`
//! commands do their file work here, and so do the command line's subcommands that need no
//! database (`example`, `new`, `show`, `validate`, `export`, `portfolio` over exchange files),
//! so a file and a stored document meet the same checks and the same Swedish messages.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Exportformat, Exportresultat, Felkod, Kommandofel, NyttDokumentArg, Svar};
use crate::cancel::{Avbrott, Avbrutet};
use crate::exchange;
use crate::export::{self, Docxval};
use crate::model::{Dokument, Dokumenttyp, Tjansteplan};
use crate::portfolj::{self, Kalla, Portfolj, Portfoljfilter};
use crate::store::DokumentId;
use crate::template::{Mall, Mallbibliotek};
use crate::validate::{self, Allvarlighet};

/// How one document is to be exported.
#[derive(Debug, Clone)]
pub struct Exportval {
    pub format: Exportformat,
    pub sokvag: String,
    pub docx: Docxval,
    /// The export is the final one to send and the user has not yet confirmed sending it with
    /// fel: fel then refuse it with `Felkod::KraverBekraftelse`.
    pub fraga_vid_fel: bool,
    /// The user's "Avbryt": the export stops before it writes the file.
    pub avbrott: Avbrott,
}

fn avbrutet(_: Avbrutet) -> Kommandofel {
    export::ExportFel::Avbrutet.into()
}

/// Reads a `.underlag.json` exchange file, refusing an oversized one before reading it.
pub fn las_utbytesfil(sokvag: &Path) -> Svar<Dokument> {
    let importfel = |m: String| Kommandofel::ny(Felkod::Import, m);
    let bytes = las_fil(sokvag, exchange::kontrollera_storlek, importfel)?;
    exchange::las(&bytes).map_err(|e| importfel(format!("{}: {e}", sokvag.display())))
}

/// The template a document follows.
pub fn mall_for<'m>(mallar: &'m Mallbibliotek, dokument: &Dokument) -> Svar<&'m Mall> {
    mallar.hamta(dokument.mall()).ok_or_else(|| {
        Kommandofel::ny(
            Felkod::Saknas,
            format!(
                "Mallen \"{}\" som dokumentet följer finns inte i den här versionen av Underlag.",
                dokument.mall()
            ),
        )
    })
}

/// The template for a new document of kind `typ` (as written on the command line:
/// `arlig-analys`, `tjansteplan`, `digitaliseringsplan`) and year `ar`: the newest not after it.
pub fn mall_for_ar<'m>(mallar: &'m Mallbibliotek, typ: &str, ar: i32) -> Svar<&'m Mall> {
    let ogiltig = |meddelande: String| Kommandofel {
        kod: Felkod::Ogiltig,
        meddelande,
        falt: Some("mall".into()),
    };
    let typ = Dokumenttyp::parse(typ).ok_or_else(|| {
        ogiltig(format!(
            "okänd dokumenttyp \"{typ}\"; ange arlig-analys, tjansteplan eller digitaliseringsplan"
        ))
    })?;
    mallar.for_ar(typ.as_str(), ar).ok_or_else(|| {
        ogiltig(format!(
            "Det finns ingen mall för {} {ar}.",
            typ.benamning()
        ))
    })
}

/// A new, empty document; refused, naming the field, when it could not be stored or exported.
pub fn nytt_dokument(mallar: &Mallbibliotek, arg: &NyttDokumentArg) -> Svar<Dokument> {
    let ogiltig = |falt: &str, meddelande: String| Kommandofel {
        kod: Felkod::Ogiltig,
        meddelande,
        falt: Some(falt.to_string()),
    };
    let mall = mallar
        .hamta(&arg.mall)
        .ok_or_else(|| ogiltig("mall", "Välj en mall ur listan.".into()))?;
    let typ = Dokumenttyp::parse(mall.mall.dokumenttyp.get_ref())
        .ok_or_else(|| ogiltig("mall", "Mallen gäller en dokumenttyp som saknas.".into()))?;
    if arg.organisation.trim().is_empty() {
        let vem = match typ {
            Dokumenttyp::ArligAnalys => "leverantörsnämnd: analysen skrivs av en nämnd",
            Dokumenttyp::Tjansteplan => "nämnden som äger tjänsteområdet",
            Dokumenttyp::Digitaliseringsplan => "nämnden eller bolaget som planen gäller",
        };
        return Err(ogiltig(
            "organisation",
            format!("Organisation saknas. Ange {vem}."),
        ));
    }
    if !(2000..=2100).contains(&arg.ar) {
        return Err(ogiltig(
            "ar",
            "Året ska vara ett årtal mellan 2000 och 2100.".into(),
        ));
    }
    let dokument = Dokument::nytt(typ, &arg.organisation, arg.ar, &mall.mall.id);
    if let Some(brott) = crate::model::kontrollera_referenser(&dokument)
        .into_iter()
        .next()
    {
        return Err(ogiltig(&brott.sokvag, brott.meddelande));
    }
    Ok(dokument)
}

/// A fresh copy of a bundled example.
pub fn exempeldokument(namn: &str) -> Svar<Dokument> {
    crate::example::exempel_med_namn(namn)
        .ok_or_else(|| {
            let namn_lista: Vec<&str> =
                crate::example::EXEMPEL.iter().map(|(n, _, _)| *n).collect();
            Kommandofel::ny(
                Felkod::Saknas,
                format!(
                    "Det finns inget exempel som heter \"{namn}\"; välj bland {}.",
                    namn_lista.join(", ")
                ),
            )
        })?
        .map_err(|e| Kommandofel::ny(Felkod::Import, e.to_string()))
}

/// Writes `dokument` as an exchange file.
pub fn skriv_utbytesfil(dokument: &Dokument, sokvag: &Path) -> Svar<Exportresultat> {
    skriv_exportfil(
        sokvag.display().to_string(),
        exchange::skriv(dokument).as_bytes(),
        0,
    )
}

/// Exports one document as Word, Excel or an exchange file. Word and Excel refuse a template
/// placeholder left in the text, naming its field; a final Word export with fel asks first.
pub fn exportera_dokument(
    dokument: &Dokument,
    mall: &Mall,
    val: &Exportval,
) -> Svar<Exportresultat> {
    let fel = validate::validera(dokument, mall)
        .iter()
        .filter(|f| f.allvarlighet == Allvarlighet::Fel)
        .count();
    if val.format == Exportformat::Docx && val.fraga_vid_fel && fel > 0 {
        return Err(Kommandofel::ny(
            Felkod::KraverBekraftelse,
            format!(
                "Dokumentet har {fel} fel. En slutlig version bör inte skickas med fel; exportera ändå?"
            ),
        ));
    }
    val.avbrott.kontrollera().map_err(avbrutet)?;
    if val.format != Exportformat::Json
        && let Some((sokvag, platshallare)) =
            crate::model::forsta_platshallare(&dokument.to_value())
    {
        // The writers refuse it too; here the field travels along so the UI can point at it.
        return Err(Kommandofel {
            kod: Felkod::Export,
            meddelande: export::ExportFel::Platshallare {
                sokvag: sokvag.clone(),
                platshallare,
            }
            .to_string(),
            falt: Some(sokvag),
        });
    }
    utfil(&val.sokvag)?;
    let bytes = match val.format {
        Exportformat::Docx => export::skriv_docx_med(dokument, mall, &val.docx, &val.avbrott)?,
        Exportformat::Xlsx => export::skriv_xlsx_med(dokument, mall, &val.avbrott)?,
        Exportformat::Json => exchange::skriv(dokument).into_bytes(),
    };
    // The last moment a cancel keeps the file from being written.
    val.avbrott.kontrollera().map_err(avbrutet)?;
    skriv_exportfil(val.sokvag.clone(), &bytes, fel)
}

/// The city's portfolio over `dokument` (each with the id it is known by: the store's, or its
/// place on the command line), each read against its own template.
pub fn portfolj(
    mallar: &Mallbibliotek,
    dokument: &[(DokumentId, Dokument)],
    filter: &Portfoljfilter,
) -> Svar<Portfolj> {
    let mut kallor = Vec::with_capacity(dokument.len());
    for (id, d) in dokument {
        kallor.push(Kalla {
            id: *id,
            dokument: d,
            mall: mall_for(mallar, d)?,
        });
    }
    Ok(portfolj::portfolj(&kallor, filter)?)
}

/// Writes the portfolio as Word or Excel.
pub fn exportera_portfolj(
    p: &Portfolj,
    format: Exportformat,
    sokvag: String,
    datum: NaiveDate,
) -> Svar<Exportresultat> {
    let exportfel = |e: String| Kommandofel::ny(Felkod::Export, e);
    utfil(&sokvag)?;
    let bytes = match format {
        Exportformat::Docx => {
            export::skriv_portfolj_docx(p, datum).map_err(|e| exportfel(e.to_string()))?
        }
        Exportformat::Xlsx => {
            export::skriv_portfolj_xlsx(p).map_err(|e| exportfel(e.to_string()))?
        }
        Exportformat::Json => {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: "Portföljen exporteras som Word eller Excel.".into(),
                falt: Some("format".into()),
            });
        }
    };
    skriv_exportfil(sokvag, &bytes, p.dokument.iter().map(|d| d.fel).sum())
}

/// The tjänsteplaner the ekonomisk sammanställning is made from, in the order given. Each comes
/// with the name a message calls it by (a file name on the command line, organisation and year
/// in the app); another kind of document, or none at all, is refused naming the field.
pub fn tjansteplaner(dokument: &[(String, Dokument)]) -> Svar<Vec<&Tjansteplan>> {
    let ogiltig = |meddelande: String| Kommandofel {
        kod: Felkod::Ogiltig,
        meddelande,
        falt: Some("dokument".into()),
    };
    if dokument.is_empty() {
        return Err(ogiltig(
            "Välj minst en tjänsteplan till sammanställningen.".into(),
        ));
    }
    dokument
        .iter()
        .map(|(namn, d)| match d {
            Dokument::Tjansteplan(t) => Ok(&**t),
            _ => Err(ogiltig(format!(
                "{namn} är ingen tjänsteplan; sammanställningen räknar bara tjänsteplaner."
            ))),
        })
        .collect()
}

/// Writes the ekonomisk sammanställning over the tjänsteplaner as Word or Excel.
pub fn exportera_sammanstallning(
    dokument: &[(String, Dokument)],
    format: Exportformat,
    sokvag: String,
    datum: NaiveDate,
) -> Svar<Exportresultat> {
    let planer = tjansteplaner(dokument)?;
    let exportfel = |e: String| Kommandofel::ny(Felkod::Export, e);
    utfil(&sokvag)?;
    let bytes = match format {
        Exportformat::Docx => export::skriv_sammanstallning_docx(&planer, datum)
            .map_err(|e| exportfel(e.to_string()))?,
        Exportformat::Xlsx => {
            export::skriv_sammanstallning_xlsx(&planer).map_err(|e| exportfel(e.to_string()))?
        }
        Exportformat::Json => {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: "Sammanställningen exporteras som Word eller Excel.".into(),
                falt: Some("format".into()),
            });
        }
    };
    skriv_exportfil(sokvag, &bytes, 0)
}

/// One Excel workbook over several documents (organisations and years), for a controller.
pub fn exportera_samlad_xlsx(dokument: &[Dokument], sokvag: String) -> Svar<Exportresultat> {
    utfil(&sokvag)?;
    let bytes = export::skriv_samlad_xlsx(dokument)
        .map_err(|e| Kommandofel::ny(Felkod::Export, e.to_string()))?;
    skriv_exportfil(sokvag, &bytes, 0)
}

/// Writes a text the core produced (the rule catalogue, the JSON Schema) whole or not at all.
pub fn skriv_text(sokvag: &Path, text: &str) -> Svar<Exportresultat> {
    skriv_exportfil(sokvag.display().to_string(), text.as_bytes(), 0)
}

/// Reads a file the user chose, after `storlek` has accepted its length; a file that cannot
/// be read gets a Swedish reason naming it (`fel` makes the refusal).
pub(super) fn las_fil<E: std::fmt::Display>(
    sokvag: &Path,
    storlek: impl Fn(u64) -> Result<(), E>,
    fel: impl Fn(String) -> Kommandofel,
) -> Svar<Vec<u8>> {
    let las = |e: std::io::Error| {
        let orsak = match e.kind() {
            std::io::ErrorKind::NotFound => "filen finns inte".to_string(),
            std::io::ErrorKind::PermissionDenied => "behörighet saknas att läsa den".to_string(),
            std::io::ErrorKind::IsADirectory => "det är en mapp, ingen fil".to_string(),
            _ => e.to_string(),
        };
        fel(format!("{} kan inte läsas: {orsak}.", sokvag.display()))
    };
    let langd = std::fs::metadata(sokvag).map_err(las)?.len();
    storlek(langd).map_err(|e| fel(e.to_string()))?;
    std::fs::read(sokvag).map_err(las)
}

/// The path an export is to be written to; an empty one is refused naming the field, before
/// anything is built.
pub(super) fn utfil(sokvag: &str) -> Svar<PathBuf> {
    if sokvag.is_empty() {
        return Err(Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: "Ange var filen ska sparas.".into(),
            falt: Some("sokvag".into()),
        });
    }
    Ok(PathBuf::from(sokvag))
}

/// Writes an export whole or not at all (`export::skriv_atomiskt`) and answers what the UI
/// shows: every export ends here. A place that cannot be written is the path's fault, so the
/// refusal names that field.
pub(super) fn skriv_exportfil(sokvag: String, bytes: &[u8], fel: usize) -> Svar<Exportresultat> {
    export::skriv_atomiskt(&utfil(&sokvag)?, bytes).map_err(|e| Kommandofel {
        kod: Felkod::Export,
        meddelande: e.to_string(),
        falt: Some("sokvag".into()),
    })?;
    Ok(Exportresultat {
        sokvag,
        byte: bytes.len() as u64,
        fel,
    })
}
