//! The start page's list of documents as something the user manages: rename, duplicate,
//! archive and restore, the Papperskorg, and which template a new document of a kind and year
//! gets, with the organisation last used for that kind.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dokumentvy, Felkod, IdArg, IngaArg, Kommandofel, Mallval, Program, Svar};
use crate::edit::Andring;
use crate::model::{Dokumenttyp, Status};
use crate::store::{DokumentId, Dokumentpost};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NamnArg {
    pub id: DokumentId,
    /// Empty gives the document back its kind and year as name.
    pub namn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArkiveraArg {
    pub id: DokumentId,
    /// `false` restores an archived document.
    pub arkivera: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MallForArArg {
    pub dokumenttyp: Dokumenttyp,
    pub ar: i32,
}

/// The start page's two lists after a change to either.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Startlistor {
    /// Active and archived documents, most recently changed first.
    pub dokument: Vec<Dokumentpost>,
    pub papperskorg: Vec<Dokumentpost>,
}

/// What a new document of a kind and year gets.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mallforslag {
    pub mall: Mallval,
    /// Said plainly when the template is another year's: "Det finns ingen mall för 2027;
    /// mallen för 2024 används."
    pub upplysning: Option<String>,
    /// The organisation last used for a new document of this kind; empty the first time.
    pub organisation: String,
}

/// The `installning` row remembering the organisation last used for a new document of `typ`.
fn organisationsnyckel(typ: Dokumenttyp) -> String {
    format!("nytt_dokument.organisation.{}", typ.as_str())
}

impl Program {
    fn startlistor(&self) -> Svar<Startlistor> {
        Ok(Startlistor {
            dokument: self.dokumentlista(IngaArg {})?,
            papperskorg: self.papperskorg(IngaArg {})?,
        })
    }

    /// Gives the document a name of the user's own.
    pub fn byt_namn(&mut self, arg: NamnArg) -> Svar<Startlistor> {
        self.store.byt_namn(arg.id, &arg.namn)?;
        self.startlistor()
    }

    /// A new document with the same content, named "Kopia av …", and opens it. The copy starts
    /// as an utkast with no versions of its own: its status history and recorded versions are
    /// the original's, which the copy does not have.
    pub fn duplicera_dokument(&mut self, arg: IdArg) -> Svar<Dokumentvy> {
        let dokument = self.store.hamta_for_kopia(arg.id)?;
        let dokument = if dokument.status() == Status::Utkast {
            dokument
        } else {
            Andring::Satt {
                falt: super::status::STATUSFALT.into(),
                varde: serde_json::Value::String("utkast".into()),
            }
            .tillampa(&dokument)
            .map_err(crate::store::StoreError::from)?
        };
        let namn = match self.store.namn(arg.id)? {
            n if n.is_empty() => format!("{} {}", dokument.typ().kortnamn(), dokument.ar()),
            n => n,
        };
        let kopia = format!("Kopia av {namn}");
        let kopia: String = kopia.chars().take(crate::store::STORSTA_NAMN).collect();
        let id = self.store.skapa_med_namn(&dokument, &kopia)?;
        self.vy(id)
    }

    /// Archives the document, or restores it (`arkivera: false`).
    pub fn arkivera(&mut self, arg: ArkiveraArg) -> Svar<Startlistor> {
        self.store.arkivera(arg.id, arg.arkivera)?;
        // Undo would write to an archived document; it starts again when it is restored.
        self.historik.remove(&arg.id);
        self.startlistor()
    }

    /// Puts the document in the Papperskorg; nothing is deleted until it is emptied.
    pub fn ta_bort_dokument(&mut self, arg: IdArg) -> Svar<Startlistor> {
        self.store.ta_bort(arg.id)?;
        self.historik.remove(&arg.id);
        self.startlistor()
    }

    /// The documents in the Papperskorg, most recently trashed first.
    pub fn papperskorg(&self, _: IngaArg) -> Svar<Vec<Dokumentpost>> {
        let mut lista = self.store.papperskorg()?;
        self.satt_statusetiketter(&mut lista);
        lista.sort_by(|a, b| b.borttagen.cmp(&a.borttagen).then_with(|| b.id.cmp(&a.id)));
        Ok(lista)
    }

    /// Takes a document out of the Papperskorg, as it was.
    pub fn aterstall_dokument(&mut self, arg: IdArg) -> Svar<Startlistor> {
        self.store.aterstall_dokument(arg.id)?;
        self.startlistor()
    }

    /// Deletes the documents in the Papperskorg for good, versions and journal included.
    pub fn tom_papperskorg(&mut self, _: IngaArg) -> Svar<Startlistor> {
        self.store.tom_papperskorg()?;
        self.startlistor()
    }

    /// The template a new document of the kind and year gets: the newest not after the year,
    /// the oldest when every template is later, and the organisation last used for the kind.
    pub fn mall_for_ar(&self, arg: MallForArArg) -> Svar<Mallforslag> {
        let ingen = || Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: format!("Det finns ingen mall för {}.", arg.dokumenttyp.kortnamn()),
            falt: Some("dokumenttyp".into()),
        };
        let mall = self
            .mallar
            .for_ar(arg.dokumenttyp.as_str(), arg.ar)
            .ok_or_else(ingen)?;
        let mall = self
            .mallar(IngaArg {})?
            .into_iter()
            .find(|m| m.id == mall.mall.id)
            .ok_or_else(ingen)?;
        let upplysning = (mall.ar != arg.ar).then(|| {
            format!(
                "Det finns ingen mall för {}; mallen för {} används.",
                arg.ar, mall.ar
            )
        });
        let organisation = self
            .store
            .installning(&organisationsnyckel(arg.dokumenttyp))?
            .unwrap_or_default();
        Ok(Mallforslag {
            mall,
            upplysning,
            organisation,
        })
    }

    /// Remembers the organisation of a new document for the next one of its kind. A failure
    /// here only loses the suggestion, never the document, so it is not reported.
    pub(super) fn minns_organisation(&mut self, typ: Dokumenttyp, organisation: &str) {
        let _ = self
            .store
            .spara_installning(&organisationsnyckel(typ), organisation.trim());
    }
}
