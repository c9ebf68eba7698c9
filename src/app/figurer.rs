//! Figures (1.3 and 2.1's "Bild från PIOS") added and replaced in the app: from a file the
//! open dialog chose or from bytes pasted from the clipboard. Every image goes through
//! `Figur::av_bild`, the one check of what a figure holds; a refusal names the field and leaves
//! the document as it was. Removing, moving and the alt text are ordinary edits (`andra`).

use std::path::Path;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{AndraArg, Dokumentvy, Felkod, Kommandofel, Program, Svar};
use crate::edit::Andring;
use crate::model::{Bildfel, Figur};
use crate::store::DokumentId;

/// Where an image comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "typ", rename_all = "snake_case")]
pub enum Bildkalla {
    /// A file the user chose in the open dialog.
    Fil { sokvag: String },
    /// Pasted from the clipboard: the bytes, base64 (standard alphabet, with padding).
    Urklipp { data_base64: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FigurArg {
    pub id: DokumentId,
    /// The figure list, e.g. `portfoljanalys.figurer`.
    pub falt: String,
    pub bild: Bildkalla,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BytFigurArg {
    pub id: DokumentId,
    /// The figure list, e.g. `portfoljanalys.figurer`.
    pub falt: String,
    /// The figure whose image is replaced; its alt text and caption stay.
    pub index: usize,
    pub bild: Bildkalla,
}

impl Program {
    /// Adds a figure at the end of the list at `falt`, without alt text (the validator then
    /// asks for it).
    pub fn lagg_till_figur(&mut self, arg: FigurArg) -> Svar<Dokumentvy> {
        let antal = self.figurlista(arg.id, &arg.falt)?.len();
        let figur = las_figur(&arg.bild, &arg.falt, antal + 1)?;
        self.andra(AndraArg {
            id: arg.id,
            andring: Andring::LaggTill {
                lista: arg.falt,
                index: None,
                varde: figurvarde(&figur)?,
            },
        })
    }

    /// Replaces the image of the figure at `index`, keeping what the user wrote about it.
    pub fn byt_figur(&mut self, arg: BytFigurArg) -> Svar<Dokumentvy> {
        let plats = format!("{}[{}]", arg.falt, arg.index);
        let lista = self.figurlista(arg.id, &arg.falt)?;
        let Some(gammal) = lista.get(arg.index) else {
            return Err(Kommandofel {
                kod: Felkod::Saknas,
                meddelande: format!("Det finns ingen figur {} i listan.", arg.index + 1),
                falt: Some(arg.falt),
            });
        };
        let text = |k: &str| {
            gammal
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let (alt_text, bildtext) = (text("alt_text"), text("bildtext"));
        let mut figur = las_figur(&arg.bild, &plats, arg.index + 1)?;
        figur.alt_text = alt_text;
        figur.bildtext = bildtext;
        self.andra(AndraArg {
            id: arg.id,
            andring: Andring::Satt {
                falt: plats,
                varde: figurvarde(&figur)?,
            },
        })
    }

    /// The figures at `falt` as stored; a path that is no list is the UI's mistake.
    fn figurlista(&self, id: DokumentId, falt: &str) -> Svar<Vec<Value>> {
        let (dokument, _) = self.store.hamta(id)?;
        crate::template::varde_vid(&dokument.to_value(), falt)
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: format!("{falt} är ingen lista med figurer."),
                falt: Some(falt.to_string()),
            })
    }
}

/// The image from its source, checked; a refusal names `falt`.
fn las_figur(kalla: &Bildkalla, falt: &str, nr: usize) -> Svar<Figur> {
    let fel = |meddelande: String| Kommandofel {
        kod: Felkod::Ogiltig,
        meddelande,
        falt: Some(falt.to_string()),
    };
    let (filnamn, data) = match kalla {
        Bildkalla::Fil { sokvag } => {
            let sokvag = Path::new(sokvag);
            let data = super::filer::las_fil(sokvag, Figur::kontrollera_storlek, fel)?;
            let filnamn = sokvag.file_name().map_or_else(
                || format!("bild-{nr}"),
                |n| n.to_string_lossy().into_owned(),
            );
            (filnamn, data)
        }
        Bildkalla::Urklipp { data_base64 } => {
            // Refused by its length before decoding: base64 is 4 characters per 3 bytes, the
            // last group padded.
            let langd = (data_base64.len() as u64 / 4 * 3).saturating_sub(2);
            Figur::kontrollera_storlek(langd).map_err(|e| fel(e.to_string()))?;
            let data = base64::engine::general_purpose::STANDARD
                .decode(data_base64.trim())
                .map_err(|_| fel("Den inklistrade bilden gick inte att läsa.".into()))?;
            (format!("urklipp-{nr}"), data)
        }
    };
    let mut figur = Figur::av_bild(&filnamn, &data).map_err(|e: Bildfel| fel(e.to_string()))?;
    // A pasted image gets the extension its content has, so the name says what it is.
    if matches!(kalla, Bildkalla::Urklipp { .. }) {
        let andelse = if figur.mediatyp == "image/png" {
            "png"
        } else {
            "jpg"
        };
        figur.filnamn = format!("{}.{andelse}", figur.filnamn);
    }
    Ok(figur)
}

fn figurvarde(figur: &Figur) -> Svar<Value> {
    serde_json::to_value(figur).map_err(|e| Kommandofel::ny(Felkod::Databas, e.to_string()))
}
