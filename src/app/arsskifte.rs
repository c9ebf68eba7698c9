//! "Ny analys från föregående år" in the app: a preview that says what moves (nothing stored),
//! then the same choices stored as a new document. Both go through `crate::arsskifte::nasta_ar`,
//! so what the preview shows is what is stored.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Felkod, Kommandofel, Program, Svar};
use crate::arsskifte::{self, Arsskifte, Arsskiftesfel, Arsskiftesval, Flytt, Kostnadsflytt};
use crate::store::DokumentId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NastaArArg {
    /// Last year's analysis.
    pub id: DokumentId,
    #[serde(default)]
    pub val: Arsskiftesval,
}

/// What the preview shows before anything is saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Arsskiftesvy {
    pub ar: i32,
    pub mall: String,
    pub flyttar: Vec<Flytt>,
    pub kostnader: Vec<Kostnadsflytt>,
    /// The choices offered: last year's proposals (2.2) and ongoing insatser (1.4), id and name.
    pub foreslagna: Vec<(String, String)>,
    pub pagaende: Vec<(String, String)>,
}

impl From<Arsskiftesfel> for Kommandofel {
    fn from(e: Arsskiftesfel) -> Kommandofel {
        let falt = match &e {
            Arsskiftesfel::OkandForeslagen(_) => Some("val.godkanda".to_string()),
            Arsskiftesfel::OkandPagaende(_) => Some("val.avslutade".to_string()),
            Arsskiftesfel::OkandRattelse(f) => Some(f.clone()),
            _ => None,
        };
        Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: e.to_string(),
            falt,
        }
    }
}

impl Program {
    fn arsskifte(&self, arg: &NastaArArg) -> Svar<(Arsskifte, crate::model::Dokument)> {
        // Read as shown, so choices matched from an old plan's words carry into next year.
        let (fore, _) = self.las(arg.id)?;
        let ar = fore.ar().saturating_add(1);
        let mall = self.mallar.for_ar(fore.typ().as_str(), ar).ok_or_else(|| {
            Kommandofel::ny(
                Felkod::Saknas,
                format!("Det finns ingen mall för {} {ar}.", fore.typ().benamning()),
            )
        })?;
        Ok((arsskifte::nasta_ar(&fore, &arg.val, &mall.mall.id)?, fore))
    }

    pub fn forhandsgranska_nasta_ar(&self, arg: NastaArArg) -> Svar<Arsskiftesvy> {
        let (skifte, fore) = self.arsskifte(&arg)?;
        let (foreslagna, pagaende) = match &fore {
            crate::model::Dokument::ArligAnalys(a) => (
                a.foreslagna_insatser
                    .insatser
                    .iter()
                    .map(|i| (i.id.0.clone(), i.namn.clone()))
                    .collect(),
                a.pagaende_insatser
                    .insatser
                    .iter()
                    .map(|i| (i.id.0.clone(), i.namn.clone()))
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        Ok(Arsskiftesvy {
            ar: skifte.dokument.ar(),
            mall: skifte.dokument.mall().to_string(),
            flyttar: skifte.flyttar,
            kostnader: skifte.kostnader,
            foreslagna,
            pagaende,
        })
    }

    /// Stores next year's analysis as a new document and opens it; last year's is unchanged.
    pub fn skapa_nasta_ar(&mut self, arg: NastaArArg) -> Svar<super::Dokumentvy> {
        let (skifte, _) = self.arsskifte(&arg)?;
        if let Some(brott) = crate::model::kontrollera_referenser(&skifte.dokument)
            .into_iter()
            .next()
        {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: brott.meddelande,
                falt: Some(brott.sokvag),
            });
        }
        let id = self.store.skapa(&skifte.dokument)?;
        self.vy(id)
    }
}
