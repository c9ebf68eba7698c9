//! How a field's value reads in an export, by the template's field type.

use serde_json::Value;

use crate::belopp::{formatera_kr, formatera_procent, formatera_tkr};
use crate::model::{Dokument, Kronor};
use crate::template::{Falt, Falttyp, Mall};

fn str_av(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The text of a field value; `tkr` says whether bare amounts are in tkr (3.1) or kronor.
pub fn visa(
    falt: &Falt,
    varde: Option<&Value>,
    dokument: &Dokument,
    mall: &Mall,
    tkr: bool,
) -> String {
    let Some(v) = varde.filter(|v| !v.is_null()) else {
        return String::new();
    };
    let belopp = |k: i64| {
        if tkr {
            formatera_tkr(Kronor(k))
        } else {
            formatera_kr(Kronor(k))
        }
    };
    match falt.typ {
        Falttyp::Text | Falttyp::LangText | Falttyp::Datum => str_av(v).to_string(),
        Falttyp::Heltal => v.to_string(),
        Falttyp::Belopp => v.as_i64().map(belopp).unwrap_or_default(),
        Falttyp::Procent => v.as_f64().map(formatera_procent).unwrap_or_default(),
        Falttyp::Tjanst => dokument.namn_pa_tjanst(str_av(v)),
        Falttyp::Tjanster => v
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| dokument.namn_pa_tjanst(str_av(t)))
            .collect::<Vec<_>>()
            // One per line: a name may itself hold a comma ("Kontaktcenter, telefoni").
            .join("\n"),
        Falttyp::Insats => dokument.namn_pa_insats(str_av(v)),
        Falttyp::Flerval => {
            let upprakning = falt.upprakning_id();
            v.as_array()
                .into_iter()
                .flatten()
                .map(|x| mall.etikett_for_varde(upprakning, str_av(x)).to_string())
                .collect::<Vec<_>>()
                // Not a comma: the city plan's own wording has commas ("Boende, besökare, …").
                .join("; ")
        }
        Falttyp::JaNej => {
            let svar = match v.get("svar").and_then(Value::as_str) {
                Some("ja") => "JA",
                Some("nej") => "NEJ",
                _ => "",
            };
            let kommentar = v.get("kommentar").map(str_av).unwrap_or_default();
            [svar, kommentar]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        Falttyp::Komplexitet => {
            let niva = v
                .get("niva")
                .and_then(Value::as_str)
                .map(|n| mall.etikett_for_varde("komplexitet", n).to_string());
            let kommentar = v
                .get("kommentar")
                .map(str_av)
                .unwrap_or_default()
                .to_string();
            [niva.unwrap_or_default(), kommentar]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        }
        Falttyp::Val => {
            let upprakning = falt.upprakning_id();
            mall.etikett_for_varde(upprakning, str_av(v)).to_string()
        }
        Falttyp::SantFalskt => match v.as_bool() {
            Some(true) => "Ja".into(),
            Some(false) => "Nej".into(),
            None => String::new(),
        },
        Falttyp::Beloppsuppgift => {
            let text = v.get("text").map(str_av).unwrap_or_default().trim();
            let uppskattning = v.get("uppskattning").and_then(Value::as_bool) == Some(true);
            let belopp = v.get("belopp").and_then(Value::as_i64).map(Kronor);
            // The text as written usually states the amount; the amount is added only where
            // the text does not say the same, so neither what was typed as text nor as amount
            // is lost.
            let sager_samma = |k: Kronor| {
                let siffror: String = text.chars().filter(char::is_ascii_digit).collect();
                let liten = text.to_lowercase();
                siffror.contains(&k.0.unsigned_abs().to_string())
                    && (!uppskattning
                        || crate::belopp::UPPSKATTNINGSORD
                            .iter()
                            .any(|o| liten.contains(o)))
            };
            let belopp_text = |k: Kronor| {
                format!(
                    "{}{}",
                    if uppskattning { "cirka " } else { "" },
                    formatera_kr(k)
                )
            };
            match belopp {
                Some(k) if text.is_empty() => belopp_text(k),
                Some(k) if !sager_samma(k) => format!("{text} ({})", belopp_text(k)),
                _ => text.to_string(),
            }
        }
        Falttyp::Arsbelopp => arsbelopp(v, dokument.ar(), mall),
        Falttyp::AvstegOchAvvikelser => match v.get("status").and_then(Value::as_str) {
            Some("inga") => "Inga".into(),
            Some("angivna") => v
                .get("poster")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| {
                    // The type alone on its line, then each filled field under its label, so
                    // the Word import can tell the fields apart (a text may hold commas).
                    let typ = mall
                        .etikett_for_varde(
                            "avvikelsetyp",
                            p.get("typ").map(str_av).unwrap_or_default(),
                        )
                        .to_string();
                    let falt = crate::model::AvstegEllerAvvikelse::FALT;
                    std::iter::once(typ)
                        .chain(
                            falt.iter()
                                .chain([&crate::model::AvstegEllerAvvikelse::DATUMFALT])
                                .filter_map(|(k, etikett)| {
                                    let t = p.get(*k).map(str_av).unwrap_or_default();
                                    (!t.trim().is_empty()).then(|| format!("{etikett}: {t}"))
                                }),
                        )
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        },
        Falttyp::NamndInformerad => {
            let datum = v.get("datum").map(str_av).unwrap_or_default();
            let beslut = v.get("beslut").map(str_av).unwrap_or_default();
            [datum, beslut]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        Falttyp::Tillamplighet | Falttyp::Figurer => String::new(),
    }
}

/// "3 miljoner kronor" as written, then the amounts per year the model holds, then (when the
/// template words the riktlinje's additions) whether they recur and are indexed.
fn arsbelopp(v: &Value, ar: i32, mall: &Mall) -> String {
    let mut rader = Vec::new();
    let text = v.get("text").map(str_av).unwrap_or_default();
    if !text.trim().is_empty() {
        rader.push(text.to_string());
    }
    let uppskattning = v.get("uppskattning").and_then(Value::as_bool) == Some(true);
    let ar_text = |k: i32| ar.saturating_add(k).to_string();
    let mut belopp = Vec::new();
    for (nyckel, namn) in [
        ("ar", ar_text(0)),
        ("ar_plus_1", ar_text(1)),
        ("ar_plus_2", ar_text(2)),
        ("senare", "senare".to_string()),
    ] {
        if let Some(k) = v.get(nyckel).and_then(Value::as_i64) {
            belopp.push(format!(
                "{namn}: {}{}",
                if uppskattning { "cirka " } else { "" },
                formatera_kr(Kronor(k))
            ));
        }
    }
    // No amount, but "cirka" or a text the import would read an amount from: the line says
    // the year has none ("2024: –"), so what comes back is what was stated.
    let las_ur_texten = crate::belopp::belopp_i_text(text, crate::belopp::Enhet::Kronor).is_some();
    if belopp.is_empty() && (uppskattning || las_ur_texten) {
        belopp.push(format!(
            "{}: {}–",
            ar_text(0),
            if uppskattning { "cirka " } else { "" }
        ));
    }
    if !belopp.is_empty() {
        rader.push(belopp.join(" · "));
    }
    if let Some(r) = arsbelopp_enligt_riktlinjen(v, mall) {
        rader.push(r);
    }
    rader.join("\n")
}

/// "Enligt riktlinjen: Återkommande per år · Plus indexuppräkning · Indexsats 2,0 %": the
/// flags the printed form has no row for, on a last line of their own so the import can take
/// it off before it reads the amounts. `None` when nothing is set, as an empty field prints
/// nothing.
fn arsbelopp_enligt_riktlinjen(v: &Value, mall: &Mall) -> Option<String> {
    let r = mall.mall.riktlinjen.as_ref()?;
    let flagga = |k: &str| v.get(k).and_then(Value::as_bool) == Some(true);
    let mut delar = Vec::new();
    if flagga("aterkommande") {
        delar.push(r.aterkommande.clone());
    }
    if flagga("indexerad") {
        delar.push(r.indexerad.clone());
    }
    if let Some(p) = v.get("indexsats_procent").and_then(Value::as_f64) {
        // Every decimal the author gave, not the one `formatera_procent` rounds to, so that the
        // import reads back the rate that was used.
        delar.push(format!(
            "{} {} %",
            r.indexsats,
            format!("{p}").replace('.', ",")
        ));
    }
    (!delar.is_empty()).then(|| format!("{}: {}", r.markering, delar.join(" · ")))
}
