use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{ArsetikettFel, arsetikett};

/// One template file. Keys that name model fields are `Spanned` so the loader can point at the
/// line of a key that does not exist in the model.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mall {
    pub mall: Mallhuvud,
    #[serde(default)]
    pub metafalt: Vec<Falt>,
    #[serde(default)]
    pub katalogfalt: Vec<Falt>,
    pub versionshantering: Versionstabell,
    /// "Med befintliga kunder avses … totalt 25 nämnder och 37 bolagsstyrelser": the
    /// denominators of 1.2, which change with the city's organisation, not with the code.
    #[serde(default)]
    pub befintliga_kunder: Option<BefintligaKunder>,
    pub avsnitt: Vec<Avsnitt>,
    #[serde(default)]
    pub upprakningar: Vec<Upprakning>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mallhuvud {
    pub id: String,
    pub dokumenttyp: Spanned<String>,
    pub ar: i32,
    pub titel: String,
    /// Page header, year-relative ("… {år}").
    pub sidhuvud: String,
    #[serde(default)]
    pub anvisning: Option<String>,
    /// How the exports mark what the riktlinje asks beyond the printed template (`utokat`
    /// fields). Absent: the exports print the printed template only, as before.
    #[serde(default)]
    pub riktlinjen: Option<Riktlinjetexter>,
}

/// The words the exports use for the riktlinje's additions. Template data, not code, because
/// the import reads the same words back and a new year's riktlinje may word them differently.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Riktlinjetexter {
    /// The caption over the additions ("Enligt riktlinjen"); never a heading, so the mandated
    /// headings and numbering stay as printed.
    pub markering: String,
    /// An amount per year that recurs ("per år").
    pub aterkommande: String,
    /// An amount raised by an index each year ("plus indexuppräkning").
    pub indexerad: String,
    /// The index rate, followed by the per cent.
    pub indexsats: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Versionstabell {
    pub rubrik: String,
    pub kolumner: Vec<Falt>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BefintligaKunder {
    pub namnder: u32,
    pub bolagsstyrelser: u32,
}

/// One heading of the template, chapters ("1") and sections ("1.1") alike.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Avsnitt {
    pub nummer: Spanned<String>,
    /// Heading without its number; may be year-relative.
    pub rubrik: String,
    /// The `ArligAnalys` field that holds the section; absent for chapters without data.
    #[serde(default)]
    pub nyckel: Option<Spanned<String>>,
    pub aktiv: bool,
    /// What an inactive section says instead ("ANVÄNDS INTE FÖR 2024").
    #[serde(default)]
    pub inaktiv_text: Option<String>,
    #[serde(default)]
    pub anvisning: Option<String>,
    #[serde(default)]
    pub analys: Option<Analysfalt>,
    #[serde(default)]
    pub falt: Vec<Falt>,
    #[serde(default)]
    pub tabeller: Vec<Tabell>,
    #[serde(default)]
    pub insats: Option<Insatsform>,
    /// Tjänstekatalog fields (`katalogfalt` keys) the riktlinje asks for per tjänst, printed in
    /// this chapter as a table Namn | … (the informationssäkerhetsnivå in 1 Befintliga
    /// bastjänster): the catalogue has no section of its own.
    #[serde(default)]
    pub katalogfalt: Vec<String>,
}

impl Avsnitt {
    /// The section's fields, then its analysis texts (its own and each table's) as long-text
    /// fields: everything typed in the section, for comparing and merging field by field.
    pub fn falt_med_analyser(&self) -> Vec<Falt> {
        let analyser = self
            .analys
            .iter()
            .chain(self.tabeller.iter().filter_map(|t| t.analys.as_ref()));
        let mut falt = self.falt.clone();
        falt.extend(analyser.map(|x| Falt {
            nyckel: x.nyckel.clone(),
            etikett: x.etikett.clone(),
            typ: Falttyp::LangText,
            obligatorisk: x.obligatorisk,
            utokat: false,
            hjalptext: None,
            upprakning: None,
        }));
        falt
    }

    pub fn nummer(&self) -> &str {
        self.nummer.get_ref()
    }

    pub fn nyckel(&self) -> Option<&str> {
        self.nyckel.as_ref().map(|n| n.get_ref().as_str())
    }

    /// 1 for a chapter ("3"), 2 for a section ("3.1").
    pub fn niva(&self) -> usize {
        self.nummer().split('.').count()
    }

    /// "3.1 Kostnader förvaltning och utveckling 2024–2026"
    pub fn rubrik_for_ar(&self, ar: i32) -> Result<String, ArsetikettFel> {
        Ok(format!(
            "{} {}",
            self.nummer(),
            arsetikett(&self.rubrik, ar)?
        ))
    }
}

/// A section's or table's "Leverantörens analys".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysfalt {
    pub nyckel: Spanned<String>,
    pub etikett: String,
    #[serde(default)]
    pub obligatorisk: bool,
}

impl Analysfalt {
    pub fn nyckel(&self) -> &str {
        self.nyckel.get_ref()
    }
}

/// A field, a table column or an insats row: a model path and how it is presented.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Falt {
    /// Dot-separated path relative to the enclosing section, row or insats.
    pub nyckel: Spanned<String>,
    /// Label; may be year-relative.
    pub etikett: String,
    pub typ: Falttyp,
    #[serde(default)]
    pub obligatorisk: bool,
    /// Not printed in the mandated template but asked for by the riktlinje.
    #[serde(default)]
    pub utokat: bool,
    #[serde(default)]
    pub hjalptext: Option<String>,
    /// For `typ = "val"`: which enumeration.
    #[serde(default)]
    pub upprakning: Option<Spanned<String>>,
}

impl Falt {
    /// The id of the enumeration a `val` or `flerval` field names; empty when it names none
    /// (the template checker refuses such a field, so lookups by it find nothing).
    pub fn upprakning_id(&self) -> &str {
        self.upprakning
            .as_ref()
            .map_or("", |u| u.get_ref().as_str())
    }

    pub fn nyckel(&self) -> &str {
        self.nyckel.get_ref()
    }

    pub fn etikett_for_ar(&self, ar: i32) -> Result<String, ArsetikettFel> {
        arsetikett(&self.etikett, ar)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Falttyp {
    Text,
    LangText,
    Heltal,
    Belopp,
    Beloppsuppgift,
    Arsbelopp,
    Procent,
    Tjanst,
    Tjanster,
    Insats,
    JaNej,
    Komplexitet,
    Val,
    Datum,
    SantFalskt,
    /// Several values of an enumeration (lagar och regelverk from a pick-list).
    Flerval,
    Tillamplighet,
    AvstegOchAvvikelser,
    Figurer,
    NamndInformerad,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tabell {
    /// Dot-separated path of the row list relative to the section.
    pub nyckel: Spanned<String>,
    /// Text printed above the table.
    #[serde(default)]
    pub rubrik: Option<String>,
    #[serde(default)]
    pub enhet: Option<String>,
    /// Label of the computed total row, when the table has one.
    #[serde(default)]
    pub summarad: Option<String>,
    #[serde(default)]
    pub utokat: bool,
    #[serde(default)]
    pub analys: Option<Analysfalt>,
    pub kolumner: Vec<Falt>,
}

impl Tabell {
    pub fn nyckel(&self) -> &str {
        self.nyckel.get_ref()
    }

    /// A table with a total row, an enumerated column and an amount column gets one subtotal
    /// per value of that column (the bilaga's Nyutveckling / Utveckling inom befintlig tjänst):
    /// the enumerated column and the amount column, by key.
    pub fn delsummor(&self) -> Option<(&Falt, &Falt)> {
        self.summarad.as_ref()?;
        let klass = self
            .kolumner
            .iter()
            .find(|k| k.typ == Falttyp::Val && k.upprakning.is_some())?;
        let belopp = self.kolumner.iter().find(|k| k.typ == Falttyp::Belopp)?;
        Some((klass, belopp))
    }
}

/// The repeated two-column form of 1.4 and 2.2.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Insatsform {
    pub nyckel: Spanned<String>,
    /// "Föreslagen förändringsinsats {nr}"
    pub rubrik: String,
    pub grupper: Vec<Faltgrupp>,
}

impl Insatsform {
    pub fn nyckel(&self) -> &str {
        self.nyckel.get_ref()
    }

    /// "Föreslagen förändringsinsats 3", or in a tjänsteplan "3 Utveckla område ekonomi".
    pub fn rubrik_for(&self, nr: usize, namn: &str) -> String {
        self.rubrik
            .replace("{nr}", &nr.to_string())
            .replace("{namn}", namn)
            .trim()
            .to_string()
    }

    /// Whether the heading already carries the insats's name.
    pub fn visar_namn(&self) -> bool {
        self.rubrik.contains("{namn}")
    }

    /// The insatser of a section (the section's JSON), in order, each with its name: "" when it
    /// has none, as in a new insats not yet named.
    pub fn insatser<'v>(
        &self,
        sektion: &'v serde_json::Value,
    ) -> impl ExactSizeIterator<Item = (&'v serde_json::Value, &'v str)> + use<'v> {
        super::lista_vid(sektion, self.nyckel())
            .iter()
            .map(|insats| {
                let namn = insats
                    .get("namn")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default();
                (insats, namn)
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faltgrupp {
    /// "Strategisk del"; empty for the rows above the first group.
    #[serde(default)]
    pub rubrik: String,
    pub falt: Vec<Falt>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upprakning {
    pub nyckel: Spanned<String>,
    pub varden: Vec<Uppraknadvarde>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uppraknadvarde {
    /// The model's value (`mindre`).
    pub varde: Spanned<String>,
    /// What a person reads ("Mindre påverkan").
    pub etikett: String,
    #[serde(default)]
    pub beskrivning: Option<String>,
    /// Values of an earlier year's template this one takes the place of: a document that
    /// still holds one is offered this value instead. Only in the template's own
    /// enumerations (`check::MALLENS_UPPRAKNINGAR`), whose values the model stores as text.
    #[serde(default)]
    pub ersatter: Vec<String>,
}

impl Mall {
    /// The words for the riktlinje's additions, when the template has them.
    pub fn riktlinjen_texter(&self) -> Option<&Riktlinjetexter> {
        self.mall.riktlinjen.as_ref()
    }

    pub fn avsnitt(&self, nummer: &str) -> Option<&Avsnitt> {
        self.avsnitt.iter().find(|a| a.nummer() == nummer)
    }

    /// The section a document path belongs to. Two sections may share a key (the tjänsteplan's
    /// Kostnadsuppskattning and Förändringsinsatser both show its initiatives): then the one
    /// whose insats form holds the path wins, so a finding about an initiative's risker is
    /// counted where its form is.
    pub fn avsnitt_for_sokvag(&self, sokvag: &str) -> Option<&Avsnitt> {
        let forsta = sokvag.split(['.', '[']).next().unwrap_or_default();
        let rest = sokvag
            .strip_prefix(forsta)
            .unwrap_or_default()
            .trim_start_matches('.');
        let kandidater = || self.avsnitt.iter().filter(|a| a.nyckel() == Some(forsta));
        let i_formularet = |a: &&Avsnitt| {
            a.insats.as_ref().is_some_and(|i| {
                falt_i_lista(rest, i.nyckel()).is_some_and(|falt| {
                    i.grupper
                        .iter()
                        .flat_map(|g| &g.falt)
                        .any(|f| tacker(f, falt))
                })
            })
        };
        let i_tabellen = |a: &&Avsnitt| {
            a.tabeller.iter().any(|t| {
                falt_i_lista(rest, t.nyckel())
                    .is_some_and(|falt| t.kolumner.iter().any(|k| falt == k.nyckel()))
            })
        };
        kandidater()
            .find(i_tabellen)
            .or_else(|| kandidater().find(i_formularet))
            .or_else(|| kandidater().next())
    }

    /// The label the template prints for the field at a document path, with the section it
    /// is in (`None` for the document's own uppgifter, `meta.…`): ("2.2", "Nytta") for
    /// `foreslagna_insatser.insatser[0].strategisk.nytta`. For a message to an author, who
    /// knows the template's words and not the document's paths. The label is as the template
    /// writes it, a year placeholder (`{år}`) not filled in.
    pub fn etikett_for_sokvag(&self, sokvag: &str) -> Option<(Option<&Avsnitt>, &str)> {
        if let Some(nyckel) = sokvag.strip_prefix("meta.") {
            let f = self.metafalt.iter().find(|f| f.nyckel() == nyckel)?;
            return Some((None, f.etikett.as_str()));
        }
        let avsnitt = self.avsnitt_for_sokvag(sokvag)?;
        let rest = sokvag
            .strip_prefix(avsnitt.nyckel()?)?
            .trim_start_matches('.');
        let direkt = avsnitt.falt.iter().find(|f| tacker(f, rest));
        let analys = avsnitt
            .analys
            .iter()
            .chain(avsnitt.tabeller.iter().filter_map(|t| t.analys.as_ref()))
            .find(|a| a.nyckel.get_ref() == rest)
            .map(|a| a.etikett.as_str());
        let tabell = avsnitt.tabeller.iter().find_map(|t| {
            let falt = falt_i_lista(rest, t.nyckel())?;
            t.kolumner.iter().find(|k| tacker(k, falt))
        });
        let formular = avsnitt.insats.as_ref().and_then(|i| {
            let falt = falt_i_lista(rest, i.nyckel())?;
            i.grupper
                .iter()
                .flat_map(|g| &g.falt)
                .find(|f| tacker(f, falt))
        });
        let etikett = direkt
            .or(tabell)
            .or(formular)
            .map(|f| f.etikett.as_str())
            .or(analys)?;
        Some((Some(avsnitt), etikett))
    }

    pub fn avsnitt_med_nyckel(&self, nyckel: &str) -> Option<&Avsnitt> {
        self.avsnitt.iter().find(|a| a.nyckel() == Some(nyckel))
    }

    pub fn upprakning(&self, nyckel: &str) -> Option<&Upprakning> {
        self.upprakningar
            .iter()
            .find(|u| u.nyckel.get_ref() == nyckel)
    }

    /// The label of an enumeration value, or the value itself when the template lacks it.
    /// The template's label for a document status ("Inskickad"); the status's own value where
    /// the template has no list of statuses.
    pub fn etikett_for_status(&self, status: crate::model::Status) -> String {
        let varde = serde_json::to_value(status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.etikett_for_varde("status", &varde).to_string()
    }

    pub fn etikett_for_varde<'a>(&'a self, upprakning: &str, varde: &'a str) -> &'a str {
        self.upprakning(upprakning)
            .and_then(|u| u.varden.iter().find(|v| v.varde.get_ref() == varde))
            .map_or(varde, |v| v.etikett.as_str())
    }
}

/// The field within an element of a list, from a path inside a section: `behov.text` of
/// `initiativ[2].behov.text` in the list `initiativ`.
pub(super) fn falt_i_lista<'a>(rest: &'a str, lista: &str) -> Option<&'a str> {
    rest.strip_prefix(lista)
        .and_then(|r| r.strip_prefix('['))
        .and_then(|r| r.split_once("]."))
        .map(|(_, falt)| falt)
}

/// Whether the field `f` holds the path `falt`: the field itself or a part of it
/// (`ateranvandning.svar` of the JA/NEJ field `ateranvandning`, `tjanster[0]` of the list
/// field `tjanster`).
pub(super) fn tacker(f: &Falt, falt: &str) -> bool {
    falt.strip_prefix(f.nyckel())
        .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
}
