//! The user guide in the app: the pages, a search and where F1 leads. The guide itself is
//! `crate::hjalp`'s; these commands only carry the UI's question there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Felkod, IngaArg, Kommandofel, Program, Svar};
use crate::hjalp::{self, Hjalpplats, Hjalpsida, Hjalpsok, VisadHjalpsida};
use crate::model::Dokumenttyp;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HjalpsidaArg {
    /// The page's id or title (`arlig-analys`, "Årlig analys").
    pub amne: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HjalpsokArg {
    pub fraga: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HjalpplatsArg {
    /// The open document's kind; none on the start page.
    pub dokumenttyp: Option<Dokumenttyp>,
    /// The section number ("2.2") or the view ("versioner", "export", "meta" …) shown.
    pub vy: String,
}

impl Program {
    pub fn hjalpsidor(&self, _: IngaArg) -> Svar<Vec<Hjalpsida>> {
        Ok(hjalp::sidor())
    }

    pub fn hjalpsida(&self, arg: HjalpsidaArg) -> Svar<VisadHjalpsida> {
        hjalp::visa(&arg.amne).map_err(|fel| Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: fel.to_string(),
            falt: Some("amne".into()),
        })
    }

    pub fn sok_hjalp(&self, arg: HjalpsokArg) -> Svar<Hjalpsok> {
        Ok(hjalp::sok(&arg.fraga))
    }

    pub fn hjalp_for(&self, arg: HjalpplatsArg) -> Svar<Hjalpplats> {
        Ok(hjalp::plats(arg.dokumenttyp, &arg.vy))
    }
}
