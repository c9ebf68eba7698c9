//! Validation: the product's judgement of a document, as stadsledningskontoret would read it.
//!
//! `validera` is a pure function of document and template (the tjänstekatalog travels in the
//! document). It never fails; it returns findings, each with a stable rule id from `REGLER`, a
//! severity (`fel` blocks a final export, `varning` does not), the field path, the section
//! number and a Swedish message that says what is wrong and what to do.

mod belopp;
mod digitaliseringsplan;
mod ekonomi;
mod falt;
mod forra_aret;
mod inaktiv;
mod innehall;
mod regler;
mod status;
mod tecken;
mod tidplan;
mod tjansteplan;
mod versioner;

use serde::Serialize;
use serde_json::Value;

use crate::model::{ArligAnalys, Dokument, Kronor};
use crate::template::Mall;

pub use crate::model::ekonomi::{Harledning, harledningar};
pub use ekonomi::regel as regel_for_jamforelse;
pub use regler::{REGLER, Regel, regelkatalog_markdown};
pub use tecken::dolt_tecken;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Allvarlighet {
    /// Blocks a final export.
    Fel,
    /// Worth a look; does not block.
    Varning,
}

impl Allvarlighet {
    pub fn benamning(self) -> &'static str {
        match self {
            Allvarlighet::Fel => "fel",
            Allvarlighet::Varning => "varning",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Fynd {
    pub regel: &'static str,
    pub allvarlighet: Allvarlighet,
    /// Path of the field in the document, as edits address it.
    pub sokvag: String,
    /// Section number in the template ("3.1"); empty for the document as a whole.
    pub avsnitt: String,
    /// The field as the template prints it for the document's year ("Prognos budget 2024"),
    /// or the table or section when the finding is about a whole one: the author's name for
    /// the place, where `sokvag` is the program's.
    pub falt: String,
    pub meddelande: String,
    /// Where two amounts disagree: the one the document states …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub angivet: Option<Kronor>,
    /// … and the one derived from elsewhere in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harlett: Option<Kronor>,
}

/// Collects findings; knows the template so that every finding gets its section number.
pub(crate) struct Granskning<'a> {
    pub mall: &'a Mall,
    pub analys: &'a ArligAnalys,
    /// The document as JSON, for the template-driven rules that address fields by path.
    pub json: &'a Value,
    fynd: Vec<Fynd>,
}

impl<'a> Granskning<'a> {
    pub fn rapportera(
        &mut self,
        regel: &'static str,
        sokvag: impl Into<String>,
        meddelande: impl Into<String>,
    ) {
        self.rapportera_belopp(regel, sokvag, meddelande, None, None);
    }

    pub fn rapportera_belopp(
        &mut self,
        regel: &'static str,
        sokvag: impl Into<String>,
        meddelande: impl Into<String>,
        angivet: Option<Kronor>,
        harlett: Option<Kronor>,
    ) {
        self.fynd.push(nytt_fynd(
            self.mall,
            regel,
            sokvag.into(),
            meddelande.into(),
            angivet,
            harlett,
        ));
    }

    /// Whether the template uses the section at `nyckel` this year and the document has not
    /// marked it not applicable.
    pub fn aktivt(&self, nyckel: &str) -> bool {
        avsnitt_aktivt(self.mall, self.json, nyckel)
    }
}

/// Whether the template uses the section at `nyckel` this year and the document (as JSON) has
/// not marked it not applicable.
pub fn avsnitt_aktivt(mall: &Mall, json: &Value, nyckel: &str) -> bool {
    let mall_aktiv = mall.avsnitt_med_nyckel(nyckel).is_none_or(|a| a.aktiv);
    let tillamplig = json
        .get(nyckel)
        .and_then(crate::template::ej_tillamplig_skal)
        .is_none();
    mall_aktiv && tillamplig
}

/// The 3.1 cells that 2.2 determines, as the validator compares them; empty when 3.1 is not
/// in use, and derived from nothing when 2.2 is not.
pub fn harledningar_i(dokument: &Dokument, mall: &Mall) -> Vec<Harledning> {
    let Dokument::ArligAnalys(analys) = dokument else {
        return Vec::new();
    };
    let json = dokument.to_value();
    if !avsnitt_aktivt(mall, &json, "kostnader") {
        return Vec::new();
    }
    harledningar(analys, avsnitt_aktivt(mall, &json, "foreslagna_insatser"))
}

/// A finding of rule `regel`, with its severity from the catalogue and its section number from
/// the template's section keys.
fn nytt_fynd(
    mall: &Mall,
    regel: &'static str,
    sokvag: String,
    meddelande: String,
    angivet: Option<Kronor>,
    harlett: Option<Kronor>,
) -> Fynd {
    let avsnitt = mall
        .avsnitt_for_sokvag(&sokvag)
        .map(|a| a.nummer().to_string())
        .unwrap_or_default();
    Fynd {
        regel,
        allvarlighet: regler::allvarlighet(regel),
        sokvag,
        avsnitt,
        falt: String::new(),
        meddelande,
        angivet,
        harlett,
    }
}

/// Other documents the validator may compare with, when the caller has them: the app looks
/// them up in the store. Without them every document-internal rule still runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sammanhang<'a> {
    /// The same organisation's årlig analys for the year before (`AA-forra-aret`).
    pub forra_arets_analys: Option<&'a ArligAnalys>,
}

/// Validates a document against its template. Never fails.
pub fn validera(dokument: &Dokument, mall: &Mall) -> Vec<Fynd> {
    validera_med(dokument, mall, Sammanhang::default())
}

/// Validates a document against its template and the other documents in `sammanhang`.
pub fn validera_med(dokument: &Dokument, mall: &Mall, sammanhang: Sammanhang<'_>) -> Vec<Fynd> {
    let json = dokument.to_value();
    let mut fynd = match dokument {
        Dokument::ArligAnalys(analys) => {
            let mut g = Granskning {
                mall,
                analys,
                json: &json,
                fynd: Vec::new(),
            };
            falt::granska(&mut g);
            innehall::granska(&mut g);
            ekonomi::granska(&mut g);
            if let Some(forra) = sammanhang.forra_arets_analys {
                forra_aret::granska(&mut g, forra);
            }
            g.fynd
        }
        Dokument::Tjansteplan(plan) => tjansteplan::granska(plan, mall, &json),
        Dokument::Digitaliseringsplan(plan) => digitaliseringsplan::granska(plan, mall, &json),
    };
    tecken::granska(mall, &json, &mut fynd);
    versioner::granska(dokument, mall, &mut fynd);
    tidplan::granska(dokument, mall, &mut fynd);
    // Last: it counts the fel of every rule above.
    status::granska(dokument, mall, &mut fynd);
    for f in &mut fynd {
        f.falt = mall
            .plats_for_sokvag(&f.sokvag, dokument.ar())
            .unwrap_or_default();
    }
    // Template order: sections by their position in the template, then by path.
    let ordning = |avsnitt: &str| {
        mall.avsnitt
            .iter()
            .position(|a| a.nummer() == avsnitt)
            .map_or(0, |p| p + 1)
    };
    fynd.sort_by(|a, b| {
        ordning(&a.avsnitt)
            .cmp(&ordning(&b.avsnitt))
            .then_with(|| naturlig(&a.sokvag).cmp(&naturlig(&b.sokvag)))
            .then_with(|| a.regel.cmp(b.regel))
    });
    fynd
}

/// Orders `x[2]` before `x[10]`.
fn naturlig(sokvag: &str) -> Vec<(u64, &str)> {
    sokvag
        .split('[')
        .map(|del| match del.split_once(']') {
            Some((tal, rest)) => (tal.parse().unwrap_or(0), rest),
            None => (0, del),
        })
        .collect()
}

/// Whether any finding blocks a final export.
pub fn har_fel(fynd: &[Fynd]) -> bool {
    fynd.iter().any(|f| f.allvarlighet == Allvarlighet::Fel)
}
