//! Digitaliseringsplan: a nämnd's/förvaltning's or bolag's own plan for its digital
//! development, linked to the city's plan för digitalisering 2023–2026 (its three övergripande
//! mål and four målområden) and carried out through insatser. Either a document of its own or a
//! section of the budget, verksamhetsplan or affärsplan; `meta.vardokument` records which.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    EffektivitetInnovation, InsatsId, InternExtern, JaNejSvar, Status, Trearsbelopp, Versionspost,
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
#[serde(deny_unknown_fields)]
pub struct Inledning {
    #[serde(default)]
    pub syfte: String,
    /// Vem omfattas.
    #[serde(default)]
    pub omfattning: String,
    #[serde(default)]
    pub bakgrund: String,
    /// Koppling till andra styrande dokument.
    #[serde(default)]
    pub styrande_dokument: String,
    /// Hur och när planen följs upp, och till vem resultatet lämnas.
    #[serde(default)]
    pub uppfoljning: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Koppling {
    /// How the plan serves the city's three övergripande mål.
    #[serde(default)]
    pub overgripande_mal: String,
    /// Which of the six prioriterade nyttor the plan contributes to.
    #[serde(default)]
    pub prioriterade_nyttor: String,
    /// Which of the six inriktningar the plan follows.
    #[serde(default)]
    pub inriktningar: String,
    /// Målgruppsperspektivet: digitalt utanförskap, universell utformning.
    #[serde(default)]
    pub malgruppsperspektiv: String,
}

/// One of the city's four målområden as the organisation plans for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Malomradesplan {
    #[serde(default)]
    pub nulage: String,
    /// The organisation's DiMiOS results.
    #[serde(default)]
    pub dimios: Vec<Dimiosresultat>,
    /// Önskat läge (nyläge – framtidsscenario).
    #[serde(default)]
    pub onskat_lage: String,
    #[serde(default)]
    pub indikatorer: Vec<Indikator>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Dimiosresultat {
    #[serde(default)]
    pub omrade: Option<Dimiosomrade>,
    #[serde(default)]
    pub ar: Option<i32>,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Indikator {
    #[serde(default)]
    pub namn: String,
    /// "42 procent"
    #[serde(default)]
    pub utgangsvarde: String,
    #[serde(default)]
    pub malvarde: String,
    #[serde(default)]
    pub ar: Option<i32>,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Insatser {
    #[serde(default)]
    pub text: String,
    /// Portföljens balans mellan effektivitet och innovation, intern och extern nytta.
    #[serde(default)]
    pub balans: String,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Insatsfinansiering {
    #[serde(default)]
    pub kostnadsfordelning: bool,
    #[serde(default)]
    pub faktura_a_pris: bool,
    #[serde(default)]
    pub kommunbidrag: bool,
    #[serde(default)]
    pub egen_budget: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Nyttorealisering {
    #[serde(default)]
    pub ansvarig: String,
    #[serde(default)]
    pub vad_mats: String,
    #[serde(default)]
    pub nar: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Bastjanster {
    /// How the organisation uses the city's bastjänster and digital infrastruktur.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub avsteg: Vec<Bastjanstavsteg>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Bastjanstavsteg {
    #[serde(default)]
    pub tjanst: String,
    #[serde(default)]
    pub motivering: String,
    /// The nämnd's or styrelse's decision, e.g. "Exempelnämnden 2024-03-12 § 45".
    #[serde(default)]
    pub beslut: String,
    #[serde(default)]
    pub datum: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Systemplan {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub system: Vec<Verksamhetssystem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Verksamhetssystem {
    #[serde(default)]
    pub namn: String,
    #[serde(default)]
    pub atgard: Option<Systematgard>,
    #[serde(default)]
    pub konsekvensanalys: String,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Riskplan {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub risker: Vec<Planrisk>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Planrisk {
    #[serde(default)]
    pub risk: String,
    #[serde(default)]
    pub konsekvens: String,
    #[serde(default)]
    pub atgard: String,
}
