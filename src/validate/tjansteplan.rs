//! The tjänsteplan's rules: obligatory fields from the template, the bilaga agreeing with the
//! three-year table, every initiative with money classified, pots not overspent, the stated
//! version being the latest decided one, the publication date, and no template placeholder
//! ("[Publiceringsdatum]") left in the text.

use std::collections::BTreeMap;

use serde_json::Value;

use super::belopp::{Belopp, Beloppsfel, prova};
use super::falt::tomma_obligatoriska;
use super::{Fynd, nytt_fynd};
use crate::belopp::formatera_tkr;
use crate::model::{Kronor, Tjansteplan, Versionshandelse, for_varje_lov};
use crate::template::Mall;

struct Tpgranskning<'a> {
    mall: &'a Mall,
    plan: &'a Tjansteplan,
    fynd: Vec<Fynd>,
}

impl Tpgranskning<'_> {
    fn rapportera(&mut self, regel: &'static str, sokvag: String, meddelande: String) {
        self.fynd
            .push(nytt_fynd(self.mall, regel, sokvag, meddelande, None, None));
    }

    fn rapportera_belopp(
        &mut self,
        regel: &'static str,
        sokvag: String,
        meddelande: String,
        angivet: Kronor,
        harlett: Kronor,
    ) {
        self.fynd.push(nytt_fynd(
            self.mall,
            regel,
            sokvag,
            meddelande,
            Some(angivet),
            Some(harlett),
        ));
    }
}

pub(super) fn granska(plan: &Tjansteplan, mall: &Mall, json: &Value) -> Vec<Fynd> {
    let mut g = Tpgranskning {
        mall,
        plan,
        fynd: Vec::new(),
    };
    obligatoriska(&mut g, json);
    bilagan(&mut g);
    potter(&mut g);
    versionen(&mut g);
    platshallare(&mut g, json);
    belopp(&mut g);
    for (sokvag, meddelande) in super::inaktiv::innehall_som_inte_kommer_med(mall, json) {
        g.rapportera("TP-inaktiv-innehall", sokvag, meddelande);
    }
    g.fynd
}

/// Every amount of the plan as the årlig analys judges its own: a development budget or a
/// bilaga amount cannot be negative (a påverkan on vidmakthållande can: a saving), and none
/// may look typed in the wrong unit. All are in kronor.
fn belopp(g: &mut Tpgranskning<'_>) {
    let mut alla = Vec::new();
    for (i, x) in g.plan.kostnadsuppskattning.initiativ.iter().enumerate() {
        for (tabell, belopp, negativt_ok) in [
            ("utveckling", &x.utveckling, false),
            ("paverkan_vidmakthalla", &x.paverkan_vidmakthalla, true),
        ] {
            for (falt, b) in belopp.med_falt() {
                alla.extend(b.map(|b| Belopp {
                    sokvag: format!("kostnadsuppskattning.initiativ[{i}].{tabell}.{falt}"),
                    belopp: b,
                    negativt_ok,
                    tkr: false,
                    minskning: Some("påverkan på vidmakthållande"),
                }));
            }
        }
    }
    for (i, r) in g.plan.bilaga.rader.iter().enumerate() {
        alla.extend(r.belopp.map(|b| Belopp {
            sokvag: format!("bilaga.rader[{i}].belopp"),
            belopp: b,
            negativt_ok: false,
            tkr: false,
            minskning: Some("påverkan på vidmakthållande"),
        }));
    }
    for b in alla {
        match prova(&b) {
            Some((Beloppsfel::Negativt, rad)) => g.rapportera("TP-belopp-negativ", b.sokvag, rad),
            Some((Beloppsfel::Enhet, rad)) => g.rapportera("TP-belopp-enhet", b.sokvag, rad),
            None => {}
        }
    }
}

fn obligatoriska(g: &mut Tpgranskning<'_>, json: &Value) {
    let tomma = tomma_obligatoriska(g.mall, json, g.plan.meta.ar, "förändringsinsats", |post| {
        // A removed, moved or lifted-out initiative keeps its row; its forms are not
        // asked for.
        matches!(
            post.get("status").and_then(Value::as_str),
            Some("borttagen" | "flyttad" | "lyft_ut_till_vidmakthallandet")
        )
    });
    for (sokvag, meddelande) in tomma {
        g.rapportera("TP-obligatoriskt", sokvag, meddelande);
    }
}

/// The bilaga's rows for an initiative sum to its development budget for the plan's first
/// year, and an initiative with development money is classified in the bilaga.
fn bilagan(g: &mut Tpgranskning<'_>) {
    let plan = g.plan;
    let ar = plan.meta.ar;
    let mut per_initiativ: BTreeMap<&str, (Kronor, Vec<usize>)> = BTreeMap::new();
    for (i, r) in plan.bilaga.rader.iter().enumerate() {
        let post = per_initiativ.entry(r.initiativ.0.as_str()).or_default();
        post.0 += r.belopp.unwrap_or_default();
        post.1.push(i);
    }
    for (i, x) in plan.kostnadsuppskattning.initiativ.iter().enumerate() {
        let budget = x.utveckling.ar.unwrap_or_default();
        let i_bilagan = per_initiativ.get(x.id.0.as_str());
        match i_bilagan {
            None if budget != Kronor::ZERO => g.rapportera(
                "TP-klassning",
                format!("kostnadsuppskattning.initiativ[{i}].utveckling.ar"),
                format!(
                    "\"{}\" har {} i utvecklingsinitiativ {ar} men ingen rad i bilagans budgetfördelning. Lägg till raden och ange om det är nyutveckling eller utveckling inom befintlig tjänst.",
                    x.namn,
                    formatera_tkr(budget)
                ),
            ),
            Some((summa, rader)) if *summa != budget => {
                let sokvag = format!("bilaga.rader[{}].belopp", rader[0]);
                let tabellen = match x.utveckling.ar {
                    Some(b) => format!("tabellen över utvecklingsinitiativ anger {}", formatera_tkr(b)),
                    None => "tabellen över utvecklingsinitiativ anger inget belopp".to_string(),
                };
                g.rapportera_belopp(
                    "TP-bilaga",
                    sokvag,
                    format!(
                        "Bilagan fördelar {} för \"{}\" men {tabellen} för {ar}. Rätta bilagan eller initiativets belopp.",
                        formatera_tkr(*summa),
                        x.namn,
                    ),
                    *summa,
                    budget,
                );
            }
            _ => {}
        }
    }
}

/// A pot shares its budget with its children: together they may not use more than it has.
fn potter(g: &mut Tpgranskning<'_>) {
    let initiativ = &g.plan.kostnadsuppskattning.initiativ;
    for (i, pott) in initiativ.iter().enumerate() {
        let barn: Vec<_> = initiativ
            .iter()
            .filter(|x| x.pott.as_ref() == Some(&pott.id))
            .collect();
        if barn.is_empty() {
            continue;
        }
        for (k, nyckel) in ["ar", "ar_plus_1", "ar_plus_2"].into_iter().enumerate() {
            let ram = pott.utveckling.tre_ar()[k].unwrap_or_default();
            let anvant: Kronor = barn.iter().filter_map(|x| x.utveckling.tre_ar()[k]).sum();
            if anvant > ram {
                let ar = g.plan.meta.ar.saturating_add(k as i32);
                g.rapportera_belopp(
                    "TP-pott",
                    format!("kostnadsuppskattning.initiativ[{i}].utveckling.{nyckel}"),
                    format!(
                        "Initiativen i potten \"{}\" använder {} {ar} men potten har {}. Öka potten eller minska initiativen i den.",
                        pott.namn,
                        formatera_tkr(anvant),
                        formatera_tkr(ram)
                    ),
                    ram,
                    anvant,
                );
            }
        }
    }
}

/// The version the plan states is its latest decided one, its publication date is not before
/// its latest version, and each version says what happened.
fn versionen(g: &mut Tpgranskning<'_>) {
    let plan = g.plan;
    let versioner = &plan.versionshantering;
    for (i, v) in versioner.iter().enumerate() {
        if v.handelse.is_none() {
            g.rapportera(
                "TP-versionshandelse",
                format!("versionshantering[{i}].handelse"),
                format!(
                    "Version {} ({}) anger inte vad som hände. Välj händelse (till exempel Remissad eller Beslutad) och forum, så att ingen behöver gissa ur versionsnumret.",
                    v.version, v.datum
                ),
            );
        }
    }
    let beslutad = versioner
        .iter()
        .filter(|v| v.handelse == Some(Versionshandelse::Beslutad))
        .max_by_key(|v| v.datum);
    match beslutad {
        Some(b) if b.version.trim() != plan.meta.version.trim() => g.rapportera(
            "TP-version",
            "meta.version".into(),
            format!(
                "Planen anger version {} men den senast beslutade versionen är {} ({}). Ange {} som planens version, eller registrera beslutet om {}.",
                if plan.meta.version.trim().is_empty() { "(ingen)" } else { plan.meta.version.trim() },
                b.version,
                b.datum,
                b.version,
                plan.meta.version.trim()
            ),
        ),
        None if !versioner.is_empty() => g.rapportera(
            "TP-version",
            "versionshantering".into(),
            "Ingen version i versionshanteringen är markerad som beslutad. Markera beslutet (händelse Beslutad) när planen har beslutats.".into(),
        ),
        _ => {}
    }
    if let (Some(publicerad), Some(senast)) = (
        plan.meta.publiceringsdatum,
        versioner.iter().map(|v| v.datum).max(),
    ) && publicerad < senast
    {
        g.rapportera(
            "TP-publiceringsdatum",
            "meta.publiceringsdatum".into(),
            format!(
                "Publiceringsdatumet {publicerad} är före den senaste versionen ({senast}). Ange ett publiceringsdatum efter den senaste ändringen."
            ),
        );
    }
}

/// A template placeholder in square brackets left in any text: "[Publiceringsdatum]",
/// "[Namn]". It must never reach an export.
fn platshallare(g: &mut Tpgranskning<'_>, json: &Value) {
    let mut funna = Vec::new();
    for_varje_lov(json, &mut |sokvag, v| {
        if let Some(ph) = v.as_str().and_then(crate::model::hitta_platshallare) {
            funna.push((sokvag.to_string(), ph.to_string()));
        }
    });
    for (sokvag, ph) in funna {
        g.rapportera(
            "TP-platshallare",
            sokvag,
            format!("Texten innehåller platshållaren \"{ph}\" från mallen. Ersätt den med det den står för."),
        );
    }
}
