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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Koppling {
    /// How the plan serves the city's three övergripande mål.
    pub overgripande_mal: String,
    /// Which of the six prioriterade nyttor the plan contributes to.
    pub prioriterade_nyttor: String,
    /// Which of the six inriktningar the plan follows.
    pub inriktningar: String,
    /// Målgruppsperspektivet: digitalt utanförskap, universell utformning.
    pub malgruppsperspektiv: String,
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
