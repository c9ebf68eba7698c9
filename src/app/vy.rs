//! What the document view shows: the document, its form, its findings counted per section, and
//! every figure the core computes (table totals, 3.1 cells derived from 2.2) with a sentence
//! saying where it comes from.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::formular::{Formular, formular};
use crate::belopp::formatera_tkr;
use crate::model::{Dokument, Kronor, summa_ifyllda};
use crate::store::DokumentId;
use crate::template::{Falttyp, Mall, delsummor_for, lista_vid, varde_vid};
use crate::validate::{self, Allvarlighet, Fynd};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dokumentvy {
    pub id: DokumentId,
    /// Number of edits stored; grows with every acknowledged change.
    pub revision: i64,
    /// "Årlig analys av digital utveckling och förvaltning 2024"
    pub titel: String,
    pub organisation: String,
    /// The suggested export file name without extension (`export::filnamnsstam`): safe on
    /// every platform with `.docx`, `.xlsx` or `.underlag.json` appended. The UI only shows it.
    pub filnamn: String,
    pub dokument: Value,
    pub formular: Formular,
    pub fynd: Vec<Fynd>,
    pub raknare: Vec<Avsnittsraknare>,
    pub summor: Vec<Summarad>,
    pub harledningar: Vec<Harledningsvy>,
    pub status: super::Statusvy,
    pub kan_angra: bool,
    pub kan_gora_om: bool,
    /// Archived: shown, but every change is refused until it is restored from the start page.
    pub arkiverad: bool,
    /// Chosen values the template year lacks (a plan made with another year's template), each
    /// marked in its field with the replacement the template offers.
    pub okanda_val: Vec<Okantvalvy>,
    /// Figures the core computes for a field, printed under it: a digitaliseringsplan's
    /// balance between effektivitet and innovation beside "Portföljens balans".
    pub berakningar: Vec<Faltberakning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Okantvalvy {
    /// Path of the list field: `koppling.valda_nyttor`.
    pub sokvag: String,
    pub varde: String,
    /// "\"x\" finns inte i mallen för 2023."
    pub text: String,
    /// This year's value that replaces it, when the template names one.
    pub ersattning: Option<super::Formval>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Faltberakning {
    /// Path of the field the lines belong under: `insatser.balans`.
    pub sokvag: String,
    pub rubrik: String,
    pub rader: Vec<String>,
}

/// Fel and varningar of one section, for its badge.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Avsnittsraknare {
    /// Section number; empty for findings about the document as a whole.
    pub nummer: String,
    pub fel: usize,
    pub varningar: usize,
}

/// The computed total row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Summarad {
    /// Full path of the row list: `kostnader.forvaltning.rader`.
    pub tabell: String,
    /// "Totalkostnad"
    pub etikett: String,
    pub celler: Vec<Summacell>,
    /// Subtotals per class where the table classifies its rows: ("Nyutveckling", "7 150 tkr").
    pub delsummor: Vec<Delsumma>,
    pub forklaring: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Delsumma {
    pub etikett: String,
    pub belopp: Kronor,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Summacell {
    /// The column's key within a row: `kostnad.utfall`.
    pub kolumn: String,
    pub belopp: Option<Kronor>,
    /// "77 587 tkr"; empty when no row has a figure.
    pub text: String,
}

/// A 3.1 cell derived from 2.2.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Harledningsvy {
    /// Path of the 3.1 cell.
    pub sokvag: String,
    pub belopp: Option<Kronor>,
    /// "5 190 tkr"; empty when 2.2 gives nothing.
    pub text: String,
    /// "summan av projektbudget 2024 i 2.2 (föreslagna insatser 1, 3)"
    pub forklaring: String,
    /// The stated cell differs from 2.2 by more than rounding.
    pub avviker: bool,
    /// The author's reason for keeping the cell apart from 2.2; `None` while it follows 2.2.
    pub motivering: Option<String>,
}

pub(super) fn dokumentvy(
    id: DokumentId,
    revision: i64,
    dokument: &Dokument,
    mall: &Mall,
    fynd: Vec<Fynd>,
    statushistorik: Vec<crate::store::Statusbyte>,
) -> Dokumentvy {
    let ar = dokument.ar();
    let json = dokument.to_value();
    let titel = match dokument {
        Dokument::Tjansteplan(t) => format!(
            "{} {ar}–{}{}",
            mall.mall.titel,
            ar.saturating_add(2),
            if t.meta.tjansteomrade.trim().is_empty() {
                String::new()
            } else {
                format!(", {}", t.meta.tjansteomrade.trim())
            }
        ),
        Dokument::Digitaliseringsplan(d) => match d.meta.period_slut_ar {
            Some(slut) if slut != ar => format!("{} {ar}–{slut}", mall.mall.titel),
            _ => format!("{} {ar}", mall.mall.titel),
        },
        _ => format!("{} {ar}", mall.mall.titel),
    };
    let okanda_val: Vec<Okantvalvy> = crate::template::planval::okanda_val(mall, &json)
        .into_iter()
        .map(|o| Okantvalvy {
            text: o.text(),
            ersattning: o.ersattning.map(|(varde, etikett)| super::Formval {
                varde,
                etikett,
                beskrivning: None,
            }),
            sokvag: o.sokvag,
            varde: o.varde,
        })
        .collect();
    Dokumentvy {
        id,
        revision,
        filnamn: crate::export::filnamnsstam(&titel, dokument.organisation()),
        titel,
        organisation: dokument.organisation().to_string(),
        formular: formular(mall, ar),
        raknare: raknare(&fynd),
        summor: summor(mall, &json),
        harledningar: validate::harledningar_i(dokument, mall)
            .into_iter()
            .map(|h| Harledningsvy {
                belopp: h.harlett_kronor(),
                text: h.harlett_kronor().map(formatera_tkr).unwrap_or_default(),
                forklaring: format!("Härlett från 2.2: {}.", h.kalla),
                avviker: h.avviker(),
                motivering: h.motivering,
                sokvag: h.sokvag,
            })
            .collect(),
        status: super::status::statusvy(dokument, mall, &fynd, statushistorik),
        fynd,
        dokument: json,
        okanda_val,
        berakningar: berakningar(dokument),
        // The session's undo history is the caller's to tell.
        kan_angra: false,
        kan_gora_om: false,
        arkiverad: false,
    }
}

/// What the core computes for a field of this kind of document.
fn berakningar(dokument: &Dokument) -> Vec<Faltberakning> {
    match dokument {
        Dokument::Digitaliseringsplan(plan) => vec![Faltberakning {
            sokvag: "insatser.balans".to_string(),
            rubrik: crate::model::BALANS_RUBRIK.to_string(),
            rader: crate::model::portfoljbalans(plan),
        }],
        _ => Vec::new(),
    }
}

fn raknare(fynd: &[Fynd]) -> Vec<Avsnittsraknare> {
    let mut ut: Vec<Avsnittsraknare> = Vec::new();
    for f in fynd {
        let i = match ut.iter().position(|r| r.nummer == f.avsnitt) {
            Some(i) => i,
            None => {
                ut.push(Avsnittsraknare {
                    nummer: f.avsnitt.clone(),
                    fel: 0,
                    varningar: 0,
                });
                ut.len() - 1
            }
        };
        match f.allvarlighet {
            Allvarlighet::Fel => ut[i].fel += 1,
            Allvarlighet::Varning => ut[i].varningar += 1,
        }
    }
    ut
}

/// The total row of every table whose template names one, summed over the rows' amounts.
fn summor(mall: &Mall, json: &Value) -> Vec<Summarad> {
    let mut ut = Vec::new();
    for a in &mall.avsnitt {
        let Some(nyckel) = a.nyckel() else { continue };
        for t in &a.tabeller {
            let Some(etikett) = &t.summarad else { continue };
            let tabell = format!("{nyckel}.{}", t.nyckel());
            let rader = lista_vid(json, &tabell);
            let celler =
                t.kolumner
                    .iter()
                    .filter(|k| k.typ == Falttyp::Belopp)
                    .map(|k| {
                        let belopp =
                            summa_ifyllda(rader.iter().map(|r| {
                                varde_vid(r, k.nyckel()).and_then(Value::as_i64).map(Kronor)
                            }));
                        Summacell {
                            kolumn: k.nyckel().to_string(),
                            text: belopp.map(formatera_tkr).unwrap_or_default(),
                            belopp,
                        }
                    })
                    .collect();
            let delsummor = delsummor_for(t, mall, rader)
                .into_iter()
                .map(|(etikett, belopp)| Delsumma {
                    etikett,
                    belopp,
                    text: formatera_tkr(belopp),
                })
                .collect();
            ut.push(Summarad {
                tabell,
                etikett: etikett.clone(),
                celler,
                delsummor,
                forklaring: "Summan av raderna ovan. Underlag räknar den; den skrivs inte in."
                    .to_string(),
            });
        }
    }
    ut
}
