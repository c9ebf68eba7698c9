//! Tjänsteplan: the three-year plan of one tjänsteområde (Intraservice's Ekonomi, HR,
//! IT-tjänster, Kommunikation, Ledning och styrning …) with its bilaga Fördelning av budget.
//! An initiative is one record: its heading, its row in the three-year table and its rows in
//! the bilaga all read the same name, so they cannot drift apart.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{InsatsId, Kronor, Status, Versionspost};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Tjansteplan {
    pub meta: TjansteplanMeta,
    #[serde(default)]
    pub versionshantering: Vec<Versionspost>,
    /// Långsiktig inriktning och mål
    #[serde(default)]
    pub inriktning: Inriktning,
    /// Förväntade nyttor
    #[serde(default)]
    pub nyttor: Nyttor,
    /// Kostnadsuppskattning, with the initiatives
    #[serde(default)]
    pub kostnadsuppskattning: Kostnadsuppskattning,
    /// Påverkan på vidmakthållande
    #[serde(default)]
    pub vidmakthallande: Vidmakthallande,
    /// IT-stöd och arbetsmiljö
    #[serde(default)]
    pub it_stod_och_arbetsmiljo: ItStodOchArbetsmiljo,
    /// Säkerhetsnivå
    #[serde(default)]
    pub sakerhetsniva: Sakerhetsniva,
    /// Bilaga till tjänsteplan: Fördelning av budget för planens första år.
    #[serde(default)]
    pub bilaga: Budgetbilaga,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TjansteplanMeta {
    /// The nämnd whose plan it is ("Göteborgs Stad, Intraservice" in the header).
    pub organisation: String,
    /// "Ekonomi", "Kommunikation" …
    pub tjansteomrade: String,
    /// The plan's first year (the budget year); the plan covers it and the two following.
    pub ar: i32,
    pub mall: String,
    #[serde(default)]
    pub status: Status,
    /// Printed in the header; never a placeholder such as "[Publiceringsdatum]".
    #[serde(default)]
    pub publiceringsdatum: Option<NaiveDate>,
    /// The version the document and the front matter state, e.g. "2.0".
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Inriktning {
    /// "Tjänsteområde ekonomi ska leverera moderna ekonomitjänster …", one goal per row, with
    /// the benefit it brings where the plan pairs them.
    pub mal: Vec<MalOchNytta>,
    pub styrande_dokument: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct MalOchNytta {
    pub mal: String,
    pub nytta: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Nyttor {
    pub text: String,
    pub poster: Vec<Nytta>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Nytta {
    #[serde(default)]
    pub slag: Option<Nyttoslag>,
    #[serde(default)]
    pub beskrivning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Nyttoslag {
    Kvalitativ,
    Tidsnytta,
    Kostnadsbesparing,
    KvalitetOchLagefterlevnad,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Kostnadsuppskattning {
    pub text: String,
    /// The plan's own judgement of its effect on the city: size, ways of working, time.
    pub paverkan: Option<Paverkansniva>,
    /// "antal anställda", "antal lönespecifikationer" …
    pub fordelningsnyckel: String,
    /// Text under the initiatives table.
    pub not: String,
    /// The numbered förändringsinsatser ("1 Utveckla område ekonomi"), pots and their
    /// children: the rows of the initiatives table here and the forms after Säkerhetsnivå.
    pub initiativ: Vec<Initiativ>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Paverkansniva {
    Liten,
    Medelstor,
    Stor,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Vidmakthallande {
    pub text: String,
    /// The förvaltning's cost level today, when the plan states it.
    pub niva: Option<Kronor>,
    pub forandring_procent: Option<f64>,
    pub forandring: Option<Kronor>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct ItStodOchArbetsmiljo {
    pub text: String,
    pub tidig_riskbedomning: bool,
    pub riskbedomning_vid_upphandling: bool,
    pub riskbedomning_vid_uppdatering: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Sakerhetsniva {
    pub text: String,
    /// "grundsäkerhetsnivå 1-2"
    pub niva: String,
    /// A förhöjd säkerhetsnivå is decided in tjänsteforum.
    pub forhojd_beslutad_i_tjansteforum: bool,
}

/// One förändringsinsats of the plan, or a pot that shares its budget with child initiatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Initiativ {
    pub id: InsatsId,
    #[serde(default)]
    pub namn: String,
    #[serde(default)]
    pub status: Initiativstatus,
    /// The pot this initiative draws on ("n.m" under "n"); `None` for a top-level initiative.
    #[serde(default)]
    pub pott: Option<InsatsId>,
    /// Utvecklingsinitiativ per year, the plan's three years.
    #[serde(default)]
    pub utveckling: Trearsbelopp,
    /// Påverkan vidmakthålla per year.
    #[serde(default)]
    pub paverkan_vidmakthalla: Trearsbelopp,
    /// n.1 Identifierat behov och förändringsinsats
    #[serde(default)]
    pub behov: BehovOchInsats,
    /// n.2 Krav, risk och konsekvenser
    #[serde(default)]
    pub krav: KravRiskKonsekvenser,
    /// n.3 Strategisk betydelse, koppling mål/uppdrag (optional in the template).
    #[serde(default)]
    pub strategisk_betydelse: String,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Initiativstatus {
    #[default]
    Ny,
    FortsattArbete,
    Flyttad,
    Borttagen,
    LyftUtTillVidmakthallandet,
}

/// Amounts for the plan's first year and the two following.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Trearsbelopp {
    pub ar: Option<Kronor>,
    pub ar_plus_1: Option<Kronor>,
    pub ar_plus_2: Option<Kronor>,
}

impl Trearsbelopp {
    pub fn tre_ar(&self) -> [Option<Kronor>; 3] {
        [self.ar, self.ar_plus_1, self.ar_plus_2]
    }

    /// The three amounts with their field names, for code that reports by path.
    pub fn med_falt(&self) -> [(&'static str, Option<Kronor>); 3] {
        [
            ("ar", self.ar),
            ("ar_plus_1", self.ar_plus_1),
            ("ar_plus_2", self.ar_plus_2),
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct BehovOchInsats {
    pub text: String,
    pub forvantat_resultat: String,
    pub malgrupper: String,
    pub etapper_och_tidplan: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct KravRiskKonsekvenser {
    /// Lagar och regelverk, from the template's pick-list.
    pub lagar: Vec<Lagrum>,
    /// Other laws and rules, in words.
    pub ovriga_regelverk: String,
    /// Risker — om insatsen inte genomförs.
    pub risker: String,
    pub prioritering: String,
}

/// The laws the seed's plans cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Lagrum {
    Dataskyddsforordningen,
    Arkivlagen,
    Lou,
    SchremsIi,
    Spraklagen,
    DosLagen,
    Eidas,
    SdgForordningen,
    Osl,
    Forvaltningslagen,
    OppnaDataOchPsi,
}

/// The bilaga's Budgetfördelning for the plan's first year: each row a piece of an
/// initiative's development budget, classified.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Budgetbilaga {
    pub versionshantering: Vec<Versionspost>,
    pub text: String,
    pub rader: Vec<Budgetrad>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Budgetrad {
    pub initiativ: InsatsId,
    /// The bilaga's "Text" column ("Stöd i ekonomiprocesser").
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub klass: Option<Budgetklass>,
    #[serde(default)]
    pub belopp: Option<Kronor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Budgetklass {
    Nyutveckling,
    UtvecklingInomBefintligTjanst,
}
