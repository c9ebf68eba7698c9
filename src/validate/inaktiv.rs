//! Content in a section that will not reach the Word document: a section the year's template
//! does not use (the årlig analys 2024's "2.1 ANVÄNDS INTE FÖR 2024"; any kind's template may
//! drop one in a later year), or one the author marked not applicable while rows remain in it.
//! The same judgement in every kind; each kind reports it under its own rule id.

use serde_json::Value;

use super::avsnitt_aktivt;
use crate::template::Mall;

/// (path, message) for every section whose content the export leaves out.
pub(super) fn innehall_som_inte_kommer_med(mall: &Mall, json: &Value) -> Vec<(String, String)> {
    let mut ut = Vec::new();
    for avsnitt in &mall.avsnitt {
        let Some(nyckel) = avsnitt.nyckel() else {
            continue;
        };
        let Some(sektion) = json.get(nyckel) else {
            continue;
        };
        if !avsnitt.aktiv && har_innehall(sektion) {
            ut.push((nyckel.to_string(), format!("Avsnitt {} används inte i mallen för {} men har innehåll, som inte kommer med i exporten. Flytta det till ett avsnitt som används eller ta bort det.", avsnitt.nummer(), mall.mall.ar)));
        } else if avsnitt.aktiv && !avsnitt_aktivt(mall, json, nyckel) {
            // A section marked not applicable keeps its reason; rows and insatser would be lost.
            let listor = sektion
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()));
            for (namn, _) in listor {
                ut.push((format!("{nyckel}.{namn}"), format!("Avsnitt {} är markerat som ej tillämpligt men har rader i \"{namn}\". Ta bort raderna eller markera avsnittet som tillämpligt.", avsnitt.nummer())));
            }
        }
    }
    ut
}

/// Whether a JSON value holds anything a person wrote.
fn har_innehall(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| k != "tillamplighet" && k != "uppskattning" && har_innehall(v)),
        Value::Number(_) | Value::Bool(true) => true,
    }
}
