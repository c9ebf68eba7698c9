//! Edits as data: a typed change to one field path. The CLI's `apply`, the store's journal and
//! (later) the desktop UI all speak this one type, so an edit means the same thing everywhere.
//!
//! A path is written as validation and import errors print it:
//! `foreslagna_insatser.insatser[2].strategisk.nytta`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::belopp::{Enhet, tolka_belopp};
use crate::exchange::dokument_fran_json;
use crate::model::{Dokument, kontrollera_referenser};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(tag = "typ", rename_all = "snake_case", deny_unknown_fields)]
pub enum Andring {
    /// Set the field at `falt` to `varde`.
    Satt { falt: String, varde: Value },
    /// Set the amount field at `falt` from what a person typed (`77 587 tkr`, `cirka 3 mnkr`),
    /// read by `belopp::tolka_belopp` with `enhet` as the unit of a bare number. Where the
    /// field sits beside an `uppskattning` flag (2.2 and 1.3 amounts) the flag follows the text.
    SattBelopp {
        falt: String,
        text: String,
        enhet: Enhet,
    },
    /// Set the number field at `falt` from what a person typed (`6,1`, `25`); empty clears it.
    SattTal { falt: String, text: String },
    /// Insert `varde` into the list at `lista`, at `index` or last.
    LaggTill {
        lista: String,
        #[serde(default)]
        index: Option<usize>,
        varde: Value,
    },
    /// Remove the element at `index` from the list at `lista`.
    TaBort { lista: String, index: usize },
    /// Move an element within the list at `lista`.
    Flytta {
        lista: String,
        fran: usize,
        till: usize,
    },
    /// Replace the whole document with an earlier state of itself: how undo and redo are
    /// stored, so that they are journaled and crash-safe like any other edit.
    Aterstall { dokument: Value },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Andringsfel {
    #[error("Sökvägen \"{sokvag}\" är ogiltig: {meddelande}")]
    Sokvag { sokvag: String, meddelande: String },
    #[error("Fel i {sokvag}: {meddelande}")]
    Varde { sokvag: String, meddelande: String },
    /// A well-formed edit the document's rules refuse; the message names the field in the
    /// template's words, and the UI shows it at `sokvag`.
    #[error("{meddelande}")]
    Vagrad { sokvag: String, meddelande: String },
}

impl Andringsfel {
    /// The field the error concerns, so the UI can put the message beside it.
    pub fn sokvag(&self) -> &str {
        match self {
            Andringsfel::Sokvag { sokvag, .. }
            | Andringsfel::Varde { sokvag, .. }
            | Andringsfel::Vagrad { sokvag, .. } => sokvag,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Steg {
    Falt(String),
    Index(usize),
}

fn tolka_sokvag(sokvag: &str) -> Result<Vec<Steg>, Andringsfel> {
    let fel = |meddelande: &str| Andringsfel::Sokvag {
        sokvag: sokvag.to_string(),
        meddelande: meddelande.to_string(),
    };
    let mut steg = Vec::new();
    for del in sokvag.split('.') {
        let (namn, mut index) = match del.find('[') {
            Some(i) => (&del[..i], &del[i..]),
            None => (del, ""),
        };
        if namn.is_empty()
            || !namn
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(fel(
                "fältnamn skrivs med små bokstäver, siffror och _, åtskilda av punkt",
            ));
        }
        steg.push(Steg::Falt(namn.to_string()));
        while !index.is_empty() {
            let Some(slut) = index.find(']') else {
                return Err(fel("en hakparentes stängs inte"));
            };
            let text = &index[1..slut];
            let tal = text.parse().map_err(|_| {
                if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
                    fel("indexet är för stort")
                } else {
                    fel("ett index är ett heltal, till exempel [0]")
                }
            })?;
            steg.push(Steg::Index(tal));
            index = &index[slut + 1..];
            if !index.is_empty() && !index.starts_with('[') {
                return Err(fel("efter ] kommer . eller ["));
            }
        }
    }
    Ok(steg)
}

fn hitta<'a>(
    rot: &'a mut Value,
    steg: &[Steg],
    sokvag: &str,
) -> Result<&'a mut Value, Andringsfel> {
    let mut nod = rot;
    for s in steg {
        let fel = |m: String| Andringsfel::Sokvag {
            sokvag: sokvag.to_string(),
            meddelande: m,
        };
        nod = match s {
            Steg::Falt(namn) => match nod {
                Value::Object(o) => {
                    // A field that serialises as absent (an empty Option) may still be set.
                    o.entry(namn.clone()).or_insert(Value::Null)
                }
                _ => return Err(fel(format!("\"{namn}\" finns inte här"))),
            },
            Steg::Index(i) => match nod {
                Value::Array(a) => {
                    let langd = a.len();
                    a.get_mut(*i).ok_or_else(|| {
                        fel(format!("listan har {langd} element; index {i} finns inte"))
                    })?
                }
                _ => return Err(fel(format!("[{i}] pekar in i något som inte är en lista"))),
            },
        };
    }
    Ok(nod)
}

fn lista<'a>(rot: &'a mut Value, sokvag: &str) -> Result<&'a mut Vec<Value>, Andringsfel> {
    let steg = tolka_sokvag(sokvag)?;
    match hitta(rot, &steg, sokvag)? {
        Value::Array(a) => Ok(a),
        _ => Err(Andringsfel::Sokvag {
            sokvag: sokvag.to_string(),
            meddelande: "är ingen lista".into(),
        }),
    }
}

impl Andring {
    /// The path the edit concerns, for messages and the journal.
    pub fn sokvag(&self) -> &str {
        match self {
            Andring::Satt { falt, .. }
            | Andring::SattBelopp { falt, .. }
            | Andring::SattTal { falt, .. } => falt,
            Andring::Aterstall { .. } => "",
            Andring::LaggTill { lista, .. }
            | Andring::TaBort { lista, .. }
            | Andring::Flytta { lista, .. } => lista,
        }
    }

    /// Applies the edit to a copy of the document. The result is typed again and its invariants
    /// checked, so an edit either yields a valid document or an error naming the field; the
    /// input is never changed.
    pub fn tillampa(&self, dokument: &Dokument) -> Result<Dokument, Andringsfel> {
        let mut varde = dokument.to_value();
        match self {
            Andring::Satt { falt, varde: ny } => {
                let steg = tolka_sokvag(falt)?;
                *hitta(&mut varde, &steg, falt)? = ny.clone();
            }
            Andring::SattBelopp { falt, text, enhet } => {
                let steg = tolka_sokvag(falt)?;
                let tolkat = if text.trim().is_empty() {
                    None
                } else {
                    Some(tolka_belopp(text, *enhet).map_err(|e| Andringsfel::Varde {
                        sokvag: falt.clone(),
                        meddelande: e.to_string(),
                    })?)
                };
                *hitta(&mut varde, &steg, falt)? =
                    tolkat.map_or(Value::Null, |t| Value::from(t.kronor.0));
                let foralder = &steg[..steg.len().saturating_sub(1)];
                if let Value::Object(o) = hitta(&mut varde, foralder, falt)?
                    && o.contains_key("uppskattning")
                {
                    o.insert(
                        "uppskattning".into(),
                        Value::Bool(tolkat.is_some_and(|t| t.uppskattning)),
                    );
                }
            }
            Andring::SattTal { falt, text } => {
                let steg = tolka_sokvag(falt)?;
                *hitta(&mut varde, &steg, falt)? =
                    tolka_tal(text).map_err(|meddelande| Andringsfel::Varde {
                        sokvag: falt.clone(),
                        meddelande,
                    })?;
            }
            Andring::Aterstall { dokument } => varde = dokument.clone(),
            Andring::LaggTill {
                lista: l,
                index,
                varde: ny,
            } => {
                let a = lista(&mut varde, l)?;
                let i = index.unwrap_or(a.len());
                if i > a.len() {
                    return Err(Andringsfel::Sokvag {
                        sokvag: l.clone(),
                        meddelande: format!(
                            "listan har {} element; kan inte lägga till på plats {i}",
                            a.len()
                        ),
                    });
                }
                a.insert(i, ny.clone());
            }
            Andring::TaBort { lista: l, index } => {
                let a = lista(&mut varde, l)?;
                if *index >= a.len() {
                    return Err(Andringsfel::Sokvag {
                        sokvag: l.clone(),
                        meddelande: format!(
                            "listan har {} element; index {index} finns inte",
                            a.len()
                        ),
                    });
                }
                a.remove(*index);
            }
            Andring::Flytta {
                lista: l,
                fran,
                till,
            } => {
                let a = lista(&mut varde, l)?;
                if *fran >= a.len() || *till >= a.len() {
                    return Err(Andringsfel::Sokvag {
                        sokvag: l.clone(),
                        meddelande: format!(
                            "listan har {} element; kan inte flytta från {fran} till {till}",
                            a.len()
                        ),
                    });
                }
                let element = a.remove(*fran);
                a.insert(*till, element);
            }
        }
        let ny = dokument_fran_json(dokument.typ(), varde)
            .map_err(|(sokvag, meddelande)| Andringsfel::Varde { sokvag, meddelande })?;
        if let Some(brott) = kontrollera_referenser(&ny).into_iter().next() {
            return Err(Andringsfel::Varde {
                sokvag: brott.sokvag,
                meddelande: brott.meddelande,
            });
        }
        Ok(ny)
    }
}

/// A number as Swedes write it: decimal comma, spaces between thousands. Whole numbers stay
/// integers so that integer fields accept them; the model's types decide what is allowed.
pub(crate) fn tolka_tal(text: &str) -> Result<Value, String> {
    let rensad: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if rensad.is_empty() {
        return Ok(Value::Null);
    }
    if let Ok(heltal) = rensad.parse::<i64>() {
        return Ok(Value::from(heltal));
    }
    match rensad.parse::<f64>() {
        Ok(tal) if tal.is_finite() => Ok(Value::from(tal)),
        _ => Err(format!(
            "\"{}\" är inget tal; skriv till exempel 6 eller 6,1",
            text.trim()
        )),
    }
}
