//! A document summarised section by section in the template's order, numbering and words: what
//! `underlag show` prints. Everything it says about layout comes from the template, so a renamed
//! label or a deactivated section changes the report without a code change.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::belopp::{formatera_kr, formatera_tkr};
use crate::model::{Dokument, Kronor};
use crate::template::{
    Avsnitt, Falttyp, Mall, arsetikett, ej_tillamplig_skal, lista_vid, varde_vid,
};

#[derive(Debug, Clone, Serialize)]
pub struct Disposition {
    pub titel: String,
    pub organisation: String,
    pub mall: String,
    pub status: String,
    pub tjanster: usize,
    /// The versionshantering table: its heading and one line per recorded version.
    pub versionshantering: (String, Vec<String>),
    pub avsnitt: Vec<Avsnittsrapport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Avsnittsrapport {
    /// "3.1 Kostnader förvaltning och utveckling 2024–2026"
    pub rubrik: String,
    pub niva: usize,
    /// Lines under the heading, in the template's words.
    pub rader: Vec<String>,
}

/// Summarises `dokument` as `mall` lays it out.
pub fn disposition(dokument: &Dokument, mall: &Mall) -> Disposition {
    let ar = dokument.ar();
    let varde = dokument.to_value();
    let etikett = |text: &str| arsetikett(text, ar).unwrap_or_else(|_| text.to_string());
    let status = varde
        .pointer("/meta/status")
        .and_then(Value::as_str)
        .map(|s| mall.etikett_for_varde("status", s).to_string())
        .unwrap_or_default();
    let tjanster = varde
        .get("tjanstekatalog")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let avsnitt = mall
        .avsnitt
        .iter()
        .map(|a| Avsnittsrapport {
            rubrik: a
                .rubrik_for_ar(ar)
                .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik)),
            niva: a.niva(),
            rader: avsnittsrader(a, &varde, &etikett),
        })
        .collect();
    let versionshantering = (
        mall.versionshantering.rubrik.clone(),
        dokument
            .versionshantering()
            .iter()
            .map(|v| {
                format!(
                    "{}  {}  {}  {}",
                    v.version, v.datum, v.andrad_av, v.beskrivning
                )
            })
            .collect(),
    );
    Disposition {
        titel: format!("{} {}", mall.mall.titel, ar),
        versionshantering,
        organisation: dokument.organisation().to_string(),
        mall: mall.mall.id.clone(),
        status,
        tjanster,
        avsnitt,
    }
}

fn avsnittsrader(
    avsnitt: &Avsnitt,
    dokument: &Value,
    etikett: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut rader = Vec::new();
    if !avsnitt.aktiv {
        rader.push(format!(
            "Används inte i mallen{}",
            avsnitt
                .inaktiv_text
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default()
        ));
        return rader;
    }
    let Some(sektion) = avsnitt.nyckel().and_then(|n| dokument.get(n)) else {
        return rader;
    };
    if let Some(skal) = ej_tillamplig_skal(sektion) {
        rader.push(format!("Ej tillämpligt: {}", forkorta(skal, 100)));
        return rader;
    }
    for falt in &avsnitt.falt {
        if falt.utokat {
            continue;
        }
        if let Some(text) =
            varde_vid(sektion, falt.nyckel()).and_then(|v| beskriv_falt(falt.typ, v))
        {
            rader.push(format!("{}: {text}", etikett(&falt.etikett)));
        }
    }
    for tabell in avsnitt.tabeller.iter().filter(|t| !t.utokat) {
        let rader_i_tabell = lista_vid(sektion, tabell.nyckel());
        let kolumner: Vec<String> = tabell
            .kolumner
            .iter()
            .filter(|k| !k.utokat)
            .map(|k| etikett(&k.etikett))
            .collect();
        let namn = tabell
            .rubrik
            .as_deref()
            .map(|r| forkorta(r, 60))
            .unwrap_or_else(|| "Tabell".into());
        rader.push(format!(
            "{namn}: {} rader [{}]",
            rader_i_tabell.len(),
            kolumner.join(" | ")
        ));
        if let Some(summarad) = &tabell.summarad {
            let summor: Vec<String> = tabell
                .kolumner
                .iter()
                .filter(|k| k.typ == Falttyp::Belopp)
                .map(|k| {
                    let celler = rader_i_tabell
                        .iter()
                        .filter_map(|r| varde_vid(r, k.nyckel())?.as_i64());
                    let summa = crate::model::summa_ifyllda(celler.map(|k| Some(Kronor(k))));
                    format!(
                        "{} {}",
                        etikett(&k.etikett),
                        summa.map_or("–".into(), formatera_tkr)
                    )
                })
                .collect();
            rader.push(format!("  {summarad} (beräknad): {}", summor.join(", ")));
        }
        if let Some(analys) = &tabell.analys {
            rader.push(analysrad(
                &analys.etikett,
                varde_vid(sektion, analys.nyckel()),
            ));
        }
    }
    if let Some(insats) = &avsnitt.insats {
        let insatser = insats.insatser(sektion);
        rader.push(format!("{} insatser", insatser.len()));
        for (i, (_, namn)) in insatser.enumerate() {
            let namn = forkorta(namn, 80);
            rader.push(if insats.visar_namn() {
                format!("  {}", insats.rubrik_for(i + 1, &namn))
            } else {
                format!("  {}: {namn}", insats.rubrik_for(i + 1, &namn))
            });
        }
    }
    if let Some(analys) = &avsnitt.analys {
        rader.push(analysrad(
            &analys.etikett,
            varde_vid(sektion, analys.nyckel()),
        ));
    }
    rader
}

fn analysrad(etikett: &str, varde: Option<&Value>) -> String {
    let text = varde.and_then(Value::as_str).unwrap_or_default();
    if text.trim().is_empty() {
        format!("{etikett}: saknas")
    } else {
        format!("{etikett}: {} tecken", text.chars().count())
    }
}

fn beskriv_falt(typ: Falttyp, varde: &Value) -> Option<String> {
    match typ {
        Falttyp::Beloppsuppgift => {
            let belopp = varde.get("belopp")?.as_i64()?;
            let uppskattning = varde.get("uppskattning").and_then(Value::as_bool) == Some(true);
            Some(format!(
                "{}{}",
                if uppskattning { "cirka " } else { "" },
                formatera_kr(Kronor(belopp))
            ))
        }
        Falttyp::Belopp => varde.as_i64().map(|k| formatera_tkr(Kronor(k))),
        Falttyp::Figurer => varde.as_array().map(|f| format!("{} bilder", f.len())),
        Falttyp::Text | Falttyp::LangText => {
            let s = varde.as_str()?;
            (!s.trim().is_empty()).then(|| forkorta(s, 80))
        }
        Falttyp::Procent => varde.as_f64().map(crate::belopp::formatera_procent),
        _ => None,
    }
}

fn forkorta(text: &str, langd: usize) -> String {
    let enrad = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if enrad.chars().count() <= langd {
        enrad
    } else {
        format!("{}…", enrad.chars().take(langd).collect::<String>())
    }
}

impl fmt::Display for Disposition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.titel)?;
        writeln!(f, "Organisation: {}", self.organisation)?;
        writeln!(
            f,
            "Mall: {} · Status: {} · Tjänstekatalog: {} tjänster",
            self.mall, self.status, self.tjanster
        )?;
        let (rubrik, versioner) = &self.versionshantering;
        if versioner.is_empty() {
            writeln!(f, "{rubrik}: ingen version registrerad")?;
        } else {
            writeln!(f, "{rubrik}:")?;
            for v in versioner {
                writeln!(f, "  {v}")?;
            }
        }
        for a in &self.avsnitt {
            let indrag = "  ".repeat(a.niva.saturating_sub(1));
            writeln!(f)?;
            writeln!(f, "{indrag}{}", a.rubrik)?;
            for rad in &a.rader {
                writeln!(f, "{indrag}  {rad}")?;
            }
        }
        Ok(())
    }
}

/// Findings grouped by section in template order, in Swedish, for `underlag validate`.
pub fn fynd_som_text(fynd: &[crate::validate::Fynd], mall: &Mall, ar: i32) -> String {
    use crate::validate::Allvarlighet;
    let antal_fel = fynd
        .iter()
        .filter(|f| f.allvarlighet == Allvarlighet::Fel)
        .count();
    let antal_varningar = fynd.len() - antal_fel;
    let mut ut = String::new();
    let mut aktuellt: Option<&str> = None;
    for f in fynd {
        if aktuellt != Some(f.avsnitt.as_str()) {
            aktuellt = Some(f.avsnitt.as_str());
            let rubrik = mall
                .avsnitt(&f.avsnitt)
                .and_then(|a| a.rubrik_for_ar(ar).ok())
                .unwrap_or_else(|| "Dokumentet".to_string());
            ut.push_str(&format!("\n{rubrik}\n"));
        }
        // The place as the author knows it from the form; the path is in `--format json`.
        ut.push_str(&format!(
            "  {:<7} {}  [{}]\n          Fält: {}\n",
            f.allvarlighet.benamning(),
            f.meddelande,
            f.regel,
            f.falt
        ));
    }
    ut.push_str(&format!(
        "\n{antal_fel} fel, {antal_varningar} varningar.\n"
    ));
    ut
}
