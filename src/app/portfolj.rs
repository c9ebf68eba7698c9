//! The portfolio in the app: several stored årliga analyser opened as one view, and exported
//! as Word or Excel. Both go through `crate::portfolj::portfolj`, so what the view shows is
//! what the files hold.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Exportformat, Exportresultat, Felkod, Kommandofel, Program, Svar, filer};
use crate::model::Dokument;
use crate::portfolj::diagram::{self, Diagramvy};
use crate::portfolj::{
    Filterval, Kostnadsserie, Matrispunkt, Portfolj, Portfoljdokument, Portfoljfel, Portfoljfilter,
    Portfoljinsats, Portfoljsummor,
};
use crate::store::DokumentId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PortfoljArg {
    pub dokument: Vec<DokumentId>,
    #[serde(default)]
    pub filter: Portfoljfilter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PortfoljExportArg {
    pub dokument: Vec<DokumentId>,
    #[serde(default)]
    pub filter: Portfoljfilter,
    /// Word or Excel; the exchange format has no portfolio.
    pub format: Exportformat,
    pub sokvag: String,
}

/// What the portfolio view shows; every figure and chart made by the core.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Portfoljvy {
    pub dokument: Vec<Portfoljdokument>,
    pub filterval: Filterval,
    pub insatser: Vec<Portfoljinsats>,
    pub summor: Portfoljsummor,
    pub diagram: Vec<Diagramvy>,
    pub matris: Vec<Matrispunkt>,
    /// Proposals not in the matrix because an axis is not stated.
    pub utanfor_matris: usize,
    pub kostnadsutveckling: Vec<Kostnadsserie>,
}

impl From<Portfoljfel> for Kommandofel {
    fn from(e: Portfoljfel) -> Kommandofel {
        Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: e.to_string(),
            falt: Some("dokument".to_string()),
        }
    }
}

impl Program {
    /// The portfolio over stored analyses; a document picked twice counts once.
    fn las_portfolj(&self, ids: &[DokumentId], filter: &Portfoljfilter) -> Svar<Portfolj> {
        let mut dokument: Vec<(DokumentId, Dokument)> = Vec::with_capacity(ids.len());
        for &id in ids {
            if dokument.iter().any(|(d, _)| *d == id) {
                continue;
            }
            dokument.push((id, self.dokument(id)?));
        }
        filer::portfolj(&self.mallar, &dokument, filter)
    }

    pub fn oppna_portfolj(&self, arg: PortfoljArg) -> Svar<Portfoljvy> {
        let p = self.las_portfolj(&arg.dokument, &arg.filter)?;
        Ok(Portfoljvy {
            diagram: diagram::alla_svg(&p),
            dokument: p.dokument,
            filterval: p.filterval,
            insatser: p.insatser,
            summor: p.summor,
            matris: p.matris,
            utanfor_matris: p.utanfor_matris,
            kostnadsutveckling: p.kostnadsutveckling,
        })
    }

    pub fn exportera_portfolj(&self, arg: PortfoljExportArg) -> Svar<Exportresultat> {
        let p = self.las_portfolj(&arg.dokument, &arg.filter)?;
        filer::exportera_portfolj(
            &p,
            arg.format,
            arg.sokvag,
            chrono::Local::now().date_naive(),
        )
    }
}
