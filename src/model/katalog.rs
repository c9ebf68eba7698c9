use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

super::referenser::id_typ! {
    /// Stable identity of a tjänst in the leverantör's tjänstekatalog. Every insats, cost row,
    /// konsolidering row and fördelningsnyckel row refers to a tjänst by this id, never by a
    /// retyped name, so renaming a tjänst renames it everywhere.
    TjanstId
}

/// One entry of the tjänstekatalog (riktlinjen: "tjänstekatalog där pris, tjänstens omfattning,
/// servicenivå, målgrupp och informationssäkerhetsnivå … tydligt ska framgå").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Tjanst {
    pub id: TjanstId,
    pub namn: String,
    pub kategori: Tjanstekategori,
    /// Only bastjänster have a målgrupp (riktlinjen names three kinds of bastjänst).
    #[serde(default)]
    pub malgrupp: Option<Malgrupp>,
    /// Another leverantör's tjänst that this document refers to (for example Intraservice's
    /// digital infrastruktur); `None` for the leverantör's own tjänster.
    #[serde(default)]
    pub annan_leverantor: Option<String>,
    /// Which informationssäkerhetsnivå applies to the tjänst; the riktlinje asks for it, the
    /// printed template has no field for it.
    #[serde(default)]
    pub informationssakerhetsniva: String,
    #[serde(default)]
    pub finansiering: Option<Finansiering>,
    /// The fördelningsnyckel in force, as the tjänstekatalog states it.
    #[serde(default)]
    pub nuvarande_fordelningsnyckel: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Tjanstekategori {
    Bastjanst,
    DigitalInfrastruktur,
    Tillaggstjanst,
    Specialisttjanst,
    VerksamhetsspecifikTjanst,
    OvrigDigitalTjanst,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Malgrupp {
    Samtliga,
    EnbartNamnder,
    EnbartStyrelser,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Finansiering {
    Kostnadsfordelning,
    FakturaAPris,
    Kommunbidrag,
}

/// The form in which two tjänst names are the same name: case, punctuation and spacing (line
/// breaks included) ignored, so "Öppna data" in 1.2, "öppna data" in 3.1 and "Öppna data." in a
/// colleague's part are one tjänst. The Word import, the merge and the portfolio all compare
/// tjänst names in this form.
pub fn namnnyckel(namn: &str) -> String {
    namn.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tjänstekatalog a document refers to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(transparent)]
pub struct Tjanstekatalog(pub Vec<Tjanst>);

impl Tjanstekatalog {
    pub fn get(&self, id: &TjanstId) -> Option<&Tjanst> {
        self.0.iter().find(|t| &t.id == id)
    }

    pub fn contains(&self, id: &TjanstId) -> bool {
        self.get(id).is_some()
    }

    /// The display name of a tjänst, or its id when the catalogue lacks it (only possible in a
    /// document that failed validation; the store never holds one).
    pub fn namn<'a>(&'a self, id: &'a TjanstId) -> &'a str {
        self.get(id).map_or(id.0.as_str(), |t| t.namn.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Tjanst> {
        self.0.iter()
    }
}
