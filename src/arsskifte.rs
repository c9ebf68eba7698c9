//! "Ny analys från föregående år": next year's årlig analys made from last year's.
//!
//! What moves, by the riktlinje's logic of the yearly cycle:
//! - föreslagna insatser (2.2) that were approved become pågående (1.4), with their effektmål;
//!   those not approved stay proposals, to be proposed again or removed;
//! - pågående insatser that are finished move to genomförd effekthemtagning (1.1), one row per
//!   tjänst they concern, where the effects are to be reported against their effektmål;
//! - the cost columns of 3.1 shift one year: budget becomes utfall, prognos becomes budget, and
//!   påverkan {år+1}, {år+2} become {år}, {år+1}. The new prognos is empty. The user confirms
//!   or corrects every shifted figure (`Beloppsrattelse`) before the document is stored;
//! - the tjänstekatalog, konsolidering, fördelningsnycklar and avvecklingar carry over;
//! - what is written about the past year (each section's leverantörens analys, the
//!   portfolio figures, versionshantering, the nämnd's information) starts empty.
//!
//! Nothing is stored here: the caller shows `Arsskifte::flyttar` and `kostnader` first.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::belopp::Enhet;
use crate::edit::Andring;
use crate::model::{
    ArligAnalys, Dokument, EffekthemtagningRad, InsatsId, Kostnadsutveckling, Kronor,
    PagaendeInsats, Status, TjanstId,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Arsskiftesval {
    /// Föreslagna insatser (2.2) that were approved and become pågående.
    #[serde(default)]
    pub godkanda: Vec<InsatsId>,
    /// Pågående insatser (1.4) that are finished and move to genomförd effekthemtagning.
    #[serde(default)]
    pub avslutade: Vec<InsatsId>,
    /// The user's corrections of shifted cost figures, by field path as listed in
    /// `Arsskifte::kostnader`.
    #[serde(default)]
    pub rattelser: Vec<Beloppsrattelse>,
}

/// A corrected figure as the user typed it, in tkr like the cells of 3.1 ("23 100", "23,1 mnkr");
/// empty clears it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Beloppsrattelse {
    pub falt: String,
    pub text: String,
}

/// One line of the summary: what happened to a part of the document.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Flytt {
    /// The section, numbered as the template ("1.4", "3.1").
    pub avsnitt: String,
    pub beskrivning: String,
}

/// One shifted cost figure, for the user to confirm or correct.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Kostnadsflytt {
    /// Path in the new document, as `Beloppsrattelse::falt` takes it.
    pub falt: String,
    pub tjanst: String,
    /// The column in the new year's words ("Utfall 2023").
    pub kolumn: String,
    /// Where the figure came from, in last year's words ("Budget 2023").
    pub fran: String,
    pub belopp: Option<Kronor>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arsskifte {
    pub dokument: Dokument,
    pub flyttar: Vec<Flytt>,
    pub kostnader: Vec<Kostnadsflytt>,
}

#[derive(Debug, Error, PartialEq)]
pub enum Arsskiftesfel {
    #[error("Ny analys från föregående år görs av en årlig analys, inte av en {0}.")]
    FelDokumenttyp(String),
    #[error("Godkända insatser: det finns ingen föreslagen insats med id \"{0}\" i 2.2.")]
    OkandForeslagen(String),
    #[error("Avslutade insatser: det finns ingen pågående insats med id \"{0}\" i 1.4.")]
    OkandPagaende(String),
    #[error(
        "Rättelse av {0}: det är inget av de flyttade beloppen. Rätta bara belopp som listas i sammanfattningen."
    )]
    OkandRattelse(String),
    #[error("{0}")]
    Rattelse(String),
    #[error("Analysåret {0} kan inte räknas upp.")]
    Ar(i32),
}

/// Next year's analysis from `fore`, following template `mall`.
pub fn nasta_ar(
    fore: &Dokument,
    val: &Arsskiftesval,
    mall: &str,
) -> Result<Arsskifte, Arsskiftesfel> {
    let Dokument::ArligAnalys(fore) = fore else {
        return Err(Arsskiftesfel::FelDokumenttyp(
            fore.typ().benamning().to_lowercase(),
        ));
    };
    for id in &val.godkanda {
        if !fore
            .foreslagna_insatser
            .insatser
            .iter()
            .any(|i| &i.id == id)
        {
            return Err(Arsskiftesfel::OkandForeslagen(id.0.clone()));
        }
    }
    for id in &val.avslutade {
        if !fore.pagaende_insatser.insatser.iter().any(|i| &i.id == id) {
            return Err(Arsskiftesfel::OkandPagaende(id.0.clone()));
        }
    }
    let ar = fore
        .meta
        .analysar
        .checked_add(1)
        .ok_or(Arsskiftesfel::Ar(fore.meta.analysar))?;
    let mut ny = fore.clone();
    let mut flyttar = Vec::new();
    let mut flytt = |avsnitt: &str, beskrivning: String| {
        flyttar.push(Flytt {
            avsnitt: avsnitt.into(),
            beskrivning,
        })
    };

    ny.meta.analysar = ar;
    ny.meta.mall = mall.to_string();
    ny.meta.status = Status::default();
    ny.meta.berord_namnd_informerad = None;
    ny.versionshantering.clear();
    flytt(
        "Dokumentinformation",
        format!(
            "Analysår {ar} enligt mallen {mall}; status utkast; versionshanteringen börjar om."
        ),
    );

    // 1.4 → 1.1: finished insatser, one effekthemtagning row per tjänst.
    ny.effekthemtagning.rader.clear();
    ny.effekthemtagning.leverantorens_analys.clear();
    let mut kvar = Vec::new();
    for insats in &fore.pagaende_insatser.insatser {
        if !val.avslutade.contains(&insats.id) {
            kvar.push(insats.clone());
            continue;
        }
        if insats.tjanster.is_empty() {
            kvar.push(insats.clone());
            flytt(
                "1.4",
                format!(
                    "\"{}\" är avslutad men anger ingen tjänst, så den kan inte redovisas i 1.1; den står kvar som pågående. Ange tjänsten och flytta den för hand.",
                    insats.namn
                ),
            );
            continue;
        }
        for tjanst in &insats.tjanster {
            match ny
                .effekthemtagning
                .rader
                .iter_mut()
                .find(|r| &r.tjanst == tjanst)
            {
                Some(rad) => {
                    rad.genomforda_forandringsinsatser.push_str("; ");
                    rad.genomforda_forandringsinsatser.push_str(&insats.namn);
                }
                None => ny.effekthemtagning.rader.push(EffekthemtagningRad {
                    tjanst: tjanst.clone(),
                    genomforda_forandringsinsatser: insats.namn.clone(),
                    effekthemtagning: String::new(),
                }),
            }
        }
        flytt(
            "1.1",
            format!(
                "\"{}\" är avslutad och flyttad till genomförd effekthemtagning ({}). Beskriv hemtagen effekt mot effektmålet: {}",
                insats.namn,
                tjanstnamn(fore, &insats.tjanster),
                if insats.effektmal.trim().is_empty() {
                    "(inget effektmål angivet)"
                } else {
                    insats.effektmal.trim()
                }
            ),
        );
    }

    // 2.2 → 1.4: approved proposals.
    let mut foreslagna = Vec::new();
    for forslag in &fore.foreslagna_insatser.insatser {
        if val.godkanda.contains(&forslag.id) {
            kvar.push(PagaendeInsats {
                id: forslag.id.clone(),
                tjanster: forslag.strategisk.tjanster.clone(),
                namn: forslag.namn.clone(),
                effektmal: forslag.strategisk.effektmal.clone(),
                projektmal: String::new(),
                tidplan: String::new(),
                kommentar_avvikelser: String::new(),
                informationssakerhet_och_dataskydd: String::new(),
                beslutad_att_foljas_av_ssg: None,
            });
            flytt(
                "1.4",
                format!(
                    "\"{}\" är godkänd och nu pågående, med sitt effektmål. Fyll i projektmål och tidplan.",
                    forslag.namn
                ),
            );
        } else {
            foreslagna.push(forslag.clone());
            flytt(
                "2.2",
                format!(
                    "\"{}\" godkändes inte och står kvar som förslag; ta bort den eller föreslå den igen med årets belopp.",
                    forslag.namn
                ),
            );
        }
    }
    ny.pagaende_insatser.insatser = kvar;
    ny.pagaende_insatser.leverantorens_analys.clear();
    ny.foreslagna_insatser.insatser = foreslagna;
    ny.foreslagna_insatser.leverantorens_analys.clear();
    // The new proposals' costs are derived anew; rows of the approved ones no longer belong.
    ny.kostnader
        .nya_insatser
        .rader
        .retain(|r| !val.godkanda.contains(&r.insats));
    ny.kostnader.nya_insatser.angiven_totalkostnad = None;

    // 3.2's current key comes from the tjänstekatalog (`harledning`); where the catalogue
    // does not state one, last year's 3.2 did.
    for tjanst in &mut ny.tjanstekatalog.0 {
        let forra = fore
            .fordelningsnycklar
            .rader
            .iter()
            .find(|r| r.tjanst == tjanst.id && !r.nuvarande.trim().is_empty());
        if let (true, Some(rad)) = (tjanst.nuvarande_fordelningsnyckel.trim().is_empty(), forra) {
            tjanst.nuvarande_fordelningsnyckel = rad.nuvarande.trim().to_string();
            flytt(
                "3.2",
                format!(
                    "Nuvarande fördelningsnyckel för \"{}\" i tjänstekatalogen är hämtad från förra årets 3.2: {}",
                    tjanst.namn, tjanst.nuvarande_fordelningsnyckel
                ),
            );
        }
    }

    for (avsnitt, analys) in [
        ("1.2", &mut ny.konsolidering.leverantorens_analys),
        ("1.3", &mut ny.portfoljanalys.leverantorens_analys),
        (
            "2.1",
            &mut ny.framatsyftande_portfoljanalys.leverantorens_analys,
        ),
        ("3.2", &mut ny.fordelningsnycklar.leverantorens_analys),
        ("4", &mut ny.langsiktig_utveckling.leverantorens_analys),
    ] {
        if !analys.trim().is_empty() {
            analys.clear();
            flytt(
                avsnitt,
                "Leverantörens analys börjar om för det nya året.".into(),
            );
        }
    }
    ny.portfoljanalys.figurer.clear();
    ny.portfoljanalys.total_projektbudget = Default::default();
    ny.framatsyftande_portfoljanalys.figurer.clear();
    ny.framatsyftande_portfoljanalys.total_projektbudget = Default::default();
    flytt(
        "1.3, 2.1",
        "Portföljanalysernas figurer och totala projektbudget gällde förra året och är tomma."
            .into(),
    );

    let kostnader = skifta_kostnader(fore, &mut ny, ar);
    flytt(
        "3.1",
        format!(
            "{} belopp har flyttats ett år (budget blir utfall, prognos blir budget); den nya prognosen är tom. Bekräfta eller rätta beloppen.",
            kostnader.iter().filter(|k| k.belopp.is_some()).count()
        ),
    );
    flytt(
        "Tjänstekatalog, 1.2, 3.2, 4",
        "Tjänstekatalogen, konsolideringen, fördelningsnycklarna och avvecklingarna följer med som de var."
            .into(),
    );

    // Corrections go through the ordinary edit, so they are typed and checked like any edit.
    let mut dokument = Dokument::ArligAnalys(ny);
    for rattelse in &val.rattelser {
        if !kostnader.iter().any(|k| k.falt == rattelse.falt) {
            return Err(Arsskiftesfel::OkandRattelse(rattelse.falt.clone()));
        }
        dokument = Andring::SattBelopp {
            falt: rattelse.falt.clone(),
            text: rattelse.text.clone(),
            enhet: Enhet::Tkr,
        }
        .tillampa(&dokument)
        .map_err(|e| Arsskiftesfel::Rattelse(e.to_string()))?;
    }
    // The list shows the figures as they will be stored, corrections included.
    let json = dokument.to_value();
    let kostnader = kostnader
        .into_iter()
        .map(|mut k| {
            let pekare: String = k
                .falt
                .split(['.', '['])
                .map(|del| format!("/{}", del.trim_end_matches(']')))
                .collect();
            k.belopp = json
                .pointer(&pekare)
                .and_then(serde_json::Value::as_i64)
                .map(Kronor);
            k
        })
        .collect();

    Ok(Arsskifte {
        dokument,
        flyttar,
        kostnader,
    })
}

fn tjanstnamn(analys: &ArligAnalys, tjanster: &[TjanstId]) -> String {
    tjanster
        .iter()
        .map(|t| analys.tjanstekatalog.namn(t).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Shifts every cost row of 3.1 one year and lists each shifted figure.
fn skifta_kostnader(fore: &ArligAnalys, ny: &mut ArligAnalys, ar: i32) -> Vec<Kostnadsflytt> {
    let mut lista = Vec::new();
    let namn = |t: &TjanstId| fore.tjanstekatalog.namn(t).to_string();
    for (i, rad) in ny.kostnader.forvaltning.rader.iter_mut().enumerate() {
        let bas = format!("kostnader.forvaltning.rader[{i}].kostnad");
        skifta_kostnad(&mut lista, &mut rad.kostnad, &bas, &namn(&rad.tjanst), ar);
    }
    ny.kostnader.forvaltning.angiven_totalkostnad = None;
    for (i, rad) in ny.kostnader.utveckling.rader.iter_mut().enumerate() {
        let bas = format!("kostnader.utveckling.rader[{i}]");
        let tjanst = namn(&rad.tjanst);
        skifta_kostnad(
            &mut lista,
            &mut rad.kostnad,
            &format!("{bas}.kostnad"),
            &tjanst,
            ar,
        );
        // Påverkan {år}, {år+1}, {år+2} name calendar years, so each figure keeps its year
        // and moves one column left.
        let p = &mut rad.paverkan_forvaltningskostnad;
        p.ar = p.ar_plus_1;
        p.ar_plus_1 = p.ar_plus_2;
        p.ar_plus_2 = None;
        for (falt, kalenderar, belopp) in [("ar", ar, p.ar), ("ar_plus_1", ar + 1, p.ar_plus_1)] {
            let kolumn = format!("Påverkan förvaltningskostnad {kalenderar}");
            lista.push(Kostnadsflytt {
                falt: format!("{bas}.paverkan_forvaltningskostnad.{falt}"),
                tjanst: tjanst.clone(),
                kolumn: kolumn.clone(),
                fran: kolumn,
                belopp,
            });
        }
    }
    ny.kostnader.utveckling.angiven_totalkostnad = None;
    lista
}

/// Budget {år-1} becomes Utfall, Prognos budget {år} becomes Budget, the prognos is empty.
fn skifta_kostnad(
    lista: &mut Vec<Kostnadsflytt>,
    k: &mut Kostnadsutveckling,
    bas: &str,
    tjanst: &str,
    ar: i32,
) {
    k.utfall = k.budget;
    k.budget = k.prognos;
    k.prognos = None;
    let gammalt = ar - 1;
    for (falt, kolumn, fran, belopp) in [
        (
            "utfall",
            format!("Utfall {}", ar - 2),
            format!("Budget {}", gammalt - 1),
            k.utfall,
        ),
        (
            "budget",
            format!("Budget {}", ar - 1),
            format!("Prognos budget {gammalt}"),
            k.budget,
        ),
    ] {
        lista.push(Kostnadsflytt {
            falt: format!("{bas}.{falt}"),
            tjanst: tjanst.to_string(),
            kolumn,
            fran,
            belopp,
        });
    }
}
