//! Digitaliseringsplan: a nämnd's/förvaltning's or bolag's own plan for its digital
//! development, linked to the city's plan för digitalisering 2023–2026 (its three övergripande
//! mål and four målområden) and carried out through insatser. Either a document of its own or a
//! section of the budget, verksamhetsplan or affärsplan; `meta.vardokument` records which.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    EffektivitetInnovation, InsatsId, InternExtern, JaNejSvar, Kronor, Status, Trearsbelopp,
    Versionspost,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Digitaliseringsplan {
    pub meta: DigitaliseringsplanMeta,
    #[serde(default)]
    pub versionshantering: Vec<Versionspost>,
    /// Inledning: syfte, vem omfattas, bakgrund, styrande dokument, uppföljning.
    #[serde(default)]
    pub inledning: Inledning,
    /// Koppling till stadens övergripande mål, prioriterade nyttor och inriktningar.
    #[serde(default)]
    pub koppling: Koppling,
    /// MO1 Uppnå balans mellan effektivitet och innovation.
    #[serde(default)]
    pub mo1: Malomradesplan,
    /// MO2 Uppnå balans mellan interna och externa nyttor.
    #[serde(default)]
    pub mo2: Malomradesplan,
    /// MO3 Säkerställa transparens och tillgänglighet för ökad innovation.
    #[serde(default)]
    pub mo3: Malomradesplan,
    /// MO4 Säkerställa ändamålsenlig kompetensförsörjning för omställning.
    #[serde(default)]
    pub mo4: Malomradesplan,
    /// The insatser: the forms, and the costs table over the same list.
    #[serde(default)]
    pub insatser: Insatser,
    /// Användning av bastjänster och avsteg.
    #[serde(default)]
    pub bastjanster: Bastjanster,
    /// Verksamhetsspecifika system att utveckla, behålla eller avveckla.
    #[serde(default)]
    pub system: Systemplan,
    #[serde(default)]
    pub risker: Riskplan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DigitaliseringsplanMeta {
    /// The nämnd/förvaltning or bolag whose plan it is.
    pub organisation: String,
    #[serde(default)]
    pub organisationsform: Option<Organisationsform>,
    /// The plan's first year.
    pub ar: i32,
    /// The plan's last year (the city's plan runs 2023–2026).
    #[serde(default)]
    pub period_slut_ar: Option<i32>,
    pub mall: String,
    #[serde(default)]
    pub status: Status,
    /// Where the plan lives: a document of its own or a section of another.
    #[serde(default)]
    pub vardokument: Option<Vardokument>,
    /// The host document, e.g. "Verksamhetsplan 2024, dnr 0123/23".
    #[serde(default)]
    pub vardokument_referens: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Organisationsform {
    Namnd,
    Bolag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Vardokument {
    Fristaende,
    Budget,
    Verksamhetsplan,
    Affarsplan,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Inledning {
    pub syfte: String,
    /// Vem omfattas.
    pub omfattning: String,
    pub bakgrund: String,
    /// Koppling till andra styrande dokument.
    pub styrande_dokument: String,
    /// Hur och när planen följs upp, och till vem resultatet lämnas.
    pub uppfoljning: String,
}

/// The målkedja to the city's plan: what the plan picks from the city plan's own lists (the
/// template's enumerations `overgripande_mal`, `prioriterade_nyttor`, `inriktningar`) and, for
/// each, a text saying how or naming what the lists lack ("annat").
///
/// The choices are the template's values as text, not an enum: a later year's template may
/// reword or drop one, and a document holding it must still load (it is kept and flagged).
/// `None` means the plan was saved before the lists existed: its text is in the free-text
/// field, and `template::planval::uppgradera` checks the values whose wording it quotes. A
/// plan whose author cleared every box holds `Some([])`, which is never re-derived.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Koppling {
    /// The parts of the city's övergripande mål the plan serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub valda_mal: Option<Vec<String>>,
    /// How the plan serves the övergripande mål (before the lists: all of section 2's text on it).
    pub overgripande_mal: String,
    /// Which of the six prioriterade nyttor the plan contributes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub valda_nyttor: Option<Vec<String>>,
    /// How, or a nytta the plan does not list.
    pub prioriterade_nyttor: String,
    /// Which of the six inriktningar the plan follows.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub valda_inriktningar: Option<Vec<String>>,
    /// How, or an inriktning the plan does not list.
    pub inriktningar: String,
    /// Målgruppsperspektivet: digitalt utanförskap, universell utformning.
    pub malgruppsperspektiv: String,
}

impl Digitaliseringsplan {
    /// The four målområden with their keys in the document (`mo1` … `mo4`), in the plan's order.
    pub fn malomraden(&self) -> [(&'static str, &Malomradesplan); 4] {
        [
            ("mo1", &self.mo1),
            ("mo2", &self.mo2),
            ("mo3", &self.mo3),
            ("mo4", &self.mo4),
        ]
    }
}

impl Koppling {
    /// Each choice with the free-text field whose words it was matched from before the lists
    /// existed: (choice key, text key), as the template names them.
    pub const VAL_OCH_TEXT: [(&'static str, &'static str); 3] = [
        ("valda_mal", "overgripande_mal"),
        ("valda_nyttor", "prioriterade_nyttor"),
        ("valda_inriktningar", "inriktningar"),
    ];

    pub fn val_mut(&mut self, nyckel: &str) -> Option<&mut Option<Vec<String>>> {
        match nyckel {
            "valda_mal" => Some(&mut self.valda_mal),
            "valda_nyttor" => Some(&mut self.valda_nyttor),
            "valda_inriktningar" => Some(&mut self.valda_inriktningar),
            _ => None,
        }
    }

    pub fn text(&self, nyckel: &str) -> &str {
        match nyckel {
            "overgripande_mal" => &self.overgripande_mal,
            "prioriterade_nyttor" => &self.prioriterade_nyttor,
            "inriktningar" => &self.inriktningar,
            "malgruppsperspektiv" => &self.malgruppsperspektiv,
            _ => "",
        }
    }
}

/// One of the city's four målområden as the organisation plans for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Malomradesplan {
    pub nulage: String,
    /// The organisation's DiMiOS results.
    pub dimios: Vec<Dimiosresultat>,
    /// Önskat läge (nyläge – framtidsscenario).
    pub onskat_lage: String,
    pub indikatorer: Vec<Indikator>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Dimiosresultat {
    pub omrade: Option<Dimiosomrade>,
    pub ar: Option<i32>,
    pub procent: Option<f64>,
}

/// The areas of DiMiOS (Digital mognad i offentlig sektor, Göteborgs universitet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Dimiosomrade {
    Effektivitet,
    Innovation,
    Balansering,
    Organisation,
    Anvandare,
    Teknik,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Indikator {
    pub namn: String,
    /// "42 procent"
    pub utgangsvarde: String,
    pub malvarde: String,
    pub ar: Option<i32>,
    pub kalla: String,
}

/// The city's four målområden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Malomrade {
    Mo1,
    Mo2,
    Mo3,
    Mo4,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Insatser {
    pub text: String,
    /// Portföljens balans mellan effektivitet och innovation, intern och extern nytta.
    pub balans: String,
    pub insatser: Vec<Digitaliseringsinsats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Digitaliseringsinsats {
    pub id: InsatsId,
    #[serde(default)]
    pub namn: String,
    #[serde(default)]
    pub malomrade: Option<Malomrade>,
    #[serde(default)]
    pub behov: String,
    #[serde(default)]
    pub effektmal: String,
    #[serde(default)]
    pub intern_extern: Option<InternExtern>,
    #[serde(default)]
    pub effektivitet_innovation: Option<EffektivitetInnovation>,
    #[serde(default)]
    pub kostnads_och_nyttoanalys: String,
    /// Kan befintlig lösning inom staden återanvändas? JA (vilken) / NEJ (varför inte).
    #[serde(default)]
    pub ateranvandning: JaNejSvar,
    #[serde(default)]
    pub finansiering: Insatsfinansiering,
    #[serde(default)]
    pub sakerhetsrisker: String,
    /// Är informationsklassning genomförd?
    #[serde(default)]
    pub informationsklassning: JaNejSvar,
    #[serde(default)]
    pub nyttorealisering: Nyttorealisering,
    #[serde(default)]
    pub tidplan: String,
    /// Kostnad per år, the plan's first year and the two following.
    #[serde(default)]
    pub kostnad: Trearsbelopp,
    /// Beroende av bastjänster eller digital infrastruktur.
    #[serde(default)]
    pub beroende_bastjanster: String,
}

/// How an insats is paid for; more than one may apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Insatsfinansiering {
    pub kostnadsfordelning: bool,
    pub faktura_a_pris: bool,
    pub kommunbidrag: bool,
    pub egen_budget: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Nyttorealisering {
    pub ansvarig: String,
    pub vad_mats: String,
    pub nar: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Bastjanster {
    /// How the organisation uses the city's bastjänster and digital infrastruktur.
    pub text: String,
    pub avsteg: Vec<Bastjanstavsteg>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Bastjanstavsteg {
    pub tjanst: String,
    pub motivering: String,
    /// The nämnd's or styrelse's decision, e.g. "Exempelnämnden 2024-03-12 § 45".
    pub beslut: String,
    pub datum: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Systemplan {
    pub text: String,
    pub system: Vec<Verksamhetssystem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Verksamhetssystem {
    pub namn: String,
    pub atgard: Option<Systematgard>,
    pub konsekvensanalys: String,
    pub avvecklingsplan: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Systematgard {
    Utveckla,
    Behalla,
    Avveckla,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Riskplan {
    pub text: String,
    pub risker: Vec<Planrisk>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Planrisk {
    pub risk: String,
    pub konsekvens: String,
    pub atgard: String,
}

/// The heading over `portfoljbalans` wherever it is printed; the Word import knows it, so the
/// computed lines are not read back into the author's text.
pub const BALANS_RUBRIK: &str = "Beräknad balans ur insatserna";

/// The portfolio's balance, computed from the insatser (never typed): effektivitet against
/// innovation by count and by planned cost, intern against extern nytta by count. The city
/// plan's first målområde asks for this balance; the form and the Word export print these lines
/// beside the author's own "Portföljens balans".
///
/// An insats marked as both counts half to each side, so a portfolio of one "effektivitet och
/// innovation" insats is 50/50 rather than counted twice. Insatser without the choice are left
/// out and said so.
pub fn portfoljbalans(plan: &Digitaliseringsplan) -> Vec<String> {
    let insatser = &plan.insatser.insatser;
    let ar = plan.meta.ar;
    // Halves, so "both" splits evenly without fractions.
    let halvor = |e: Option<EffektivitetInnovation>| match e {
        Some(EffektivitetInnovation::Effektivitet) => Some((2i128, 0i128)),
        Some(EffektivitetInnovation::Innovation) => Some((0, 2)),
        Some(EffektivitetInnovation::EffektivitetOchInnovation) => Some((1, 1)),
        None => None,
    };
    let mut rader = Vec::new();
    let (mut eff, mut inn, mut antal, mut bada) = (0i128, 0i128, 0usize, 0usize);
    let (mut eff_kr, mut inn_kr) = (0i128, 0i128);
    for x in insatser {
        let Some((e, i)) = halvor(x.effektivitet_innovation) else {
            continue;
        };
        antal += 1;
        if e == i {
            bada += 1;
        }
        eff += e;
        inn += i;
        let kostnad: i128 = x
            .kostnad
            .tre_ar()
            .iter()
            .flatten()
            .map(|k| i128::from(k.0))
            .sum();
        eff_kr += kostnad * e;
        inn_kr += kostnad * i;
    }
    if antal == 0 {
        rader.push(
            "Ingen insats anger ännu effektivitet eller innovation; balansen räknas när någon gör det."
                .to_string(),
        );
    } else {
        let (p, q) = andelar(eff, inn);
        rader.push(format!(
            "Räknat på antal insatser: effektivitet {p} %, innovation {q} % ({antal} {}).",
            if antal == 1 { "insats" } else { "insatser" }
        ));
        if eff_kr + inn_kr > 0 {
            let (p, q) = andelar(eff_kr, inn_kr);
            let tkr = |halva: i128| {
                crate::belopp::formatera_tkr(Kronor(i64::try_from(halva / 2).unwrap_or(i64::MAX)))
            };
            rader.push(format!(
                "Räknat på planerad kostnad {ar}–{}: effektivitet {p} % ({}), innovation {q} % ({}).",
                ar.saturating_add(2),
                tkr(eff_kr),
                tkr(inn_kr)
            ));
        }
        if bada > 0 {
            rader.push(
                "En insats som gäller både effektivitet och innovation räknas till hälften till vardera."
                    .to_string(),
            );
        }
    }
    let utan = insatser.len() - antal;
    if utan > 0 && antal > 0 {
        rader.push(format!(
            "{utan} {} inte effektivitet eller innovation och räknas inte.",
            if utan == 1 {
                "insats anger"
            } else {
                "insatser anger"
            }
        ));
    }
    let (mut int, mut ext) = (0i128, 0i128);
    for x in insatser {
        match x.intern_extern {
            Some(InternExtern::Intern) => int += 2,
            Some(InternExtern::Extern) => ext += 2,
            Some(InternExtern::InternOchExtern) => {
                int += 1;
                ext += 1;
            }
            None => {}
        }
    }
    if int + ext > 0 {
        let (p, q) = andelar(int, ext);
        rader.push(format!(
            "Intern och extern nytta, räknat på antal insatser: intern {p} %, extern {q} %."
        ));
    }
    rader
}

/// Whole percentages of `a` and `b` of their sum, adding up to 100.
fn andelar(a: i128, b: i128) -> (i128, i128) {
    let summa = a + b;
    if summa <= 0 {
        return (0, 0);
    }
    let p = (a * 200 + summa) / (summa * 2);
    (p, 100 - p)
}
