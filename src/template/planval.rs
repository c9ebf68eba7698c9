//! The template's own pick-lists (`check::MALLENS_UPPRAKNINGAR`: the city plan's övergripande
//! mål, prioriterade nyttor and inriktningar) against a document: a plan saved before the lists
//! existed gets the values its text quotes checked, and a value the document's template year
//! does not have is found, with the value that replaces it when the template says so.

use serde_json::Value;

use super::check::MALLENS_UPPRAKNINGAR;
use super::{Falttyp, Mall, varde_vid};
use crate::model::{Dokument, Koppling};

/// Case and spacing folded, a closing full stop dropped: "Rätt prioriteringar görs." quoted
/// as "rätt  prioriteringar görs" in a sentence of one's own still counts as the plan's words.
fn normalisera(text: &str) -> String {
    let ord: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    ord.join(" ").trim_end_matches('.').trim_end().to_string()
}

/// Gives a digitaliseringsplan saved before the pick-lists existed its choices: per list, the
/// values whose wording (as the template labels them) occurs in the free text that held the
/// whole answer then. The text itself is kept as it is. A list already chosen, even emptied by
/// its author, is left alone, so this runs on every read without undoing anyone's choice.
/// Answers whether it changed anything.
///
/// It is called by the app (`app::Program`), the one place that pairs every document it reads
/// or imports with its template: the store and the exchange reader know no template, and the
/// matching needs the template's wording.
pub fn uppgradera(dokument: &mut Dokument, mall: &Mall) -> bool {
    let Dokument::Digitaliseringsplan(plan) = dokument else {
        return false;
    };
    let Some(avsnitt) = mall.avsnitt_med_nyckel("koppling") else {
        return false;
    };
    let mut andrat = false;
    for (val, text) in Koppling::VAL_OCH_TEXT {
        let Some(falt) = avsnitt
            .falt
            .iter()
            .find(|f| f.nyckel() == val && f.typ == Falttyp::Flerval)
        else {
            continue;
        };
        let Some(upprakning) = mall.upprakning(falt.upprakning_id()) else {
            continue;
        };
        let fritext = normalisera(plan.koppling.text(text));
        let Some(valda) = plan.koppling.val_mut(val) else {
            continue;
        };
        if valda.is_some() || fritext.is_empty() {
            continue;
        }
        let traffar: Vec<String> = upprakning
            .varden
            .iter()
            .filter(|v| {
                let ord = normalisera(&v.etikett);
                !ord.is_empty() && fritext.contains(&ord)
            })
            .map(|v| v.varde.get_ref().clone())
            .collect();
        if !traffar.is_empty() {
            *valda = Some(traffar);
            andrat = true;
        }
    }
    andrat
}

/// A chosen value that the document's template year does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct Okantval {
    /// Path of the list field: `koppling.valda_nyttor`.
    pub sokvag: String,
    /// The section's number: "2".
    pub avsnitt: String,
    /// The field's label as the template words it.
    pub etikett: String,
    pub varde: String,
    /// The template year that lacks it.
    pub ar: i32,
    /// The value of this year's list that replaces it (`ersatter`), with its label.
    pub ersattning: Option<(String, String)>,
}

impl Okantval {
    /// "\"x\" finns inte i mallen för 2023."
    pub fn text(&self) -> String {
        format!("\"{}\" finns inte i mallen för {}.", self.varde, self.ar)
    }
}

/// Every value of the template's own lists that a section field of the document holds and the
/// template does not, in template order.
pub fn okanda_val(mall: &Mall, json: &Value) -> Vec<Okantval> {
    let mut ut = Vec::new();
    for a in &mall.avsnitt {
        let Some(nyckel) = a.nyckel() else { continue };
        let Some(sektion) = json.get(nyckel) else {
            continue;
        };
        for f in a.falt.iter().filter(|f| f.typ == Falttyp::Flerval) {
            let id = f.upprakning_id();
            if !MALLENS_UPPRAKNINGAR.contains(&id) {
                continue;
            }
            let Some(upprakning) = mall.upprakning(id) else {
                continue;
            };
            let valda = varde_vid(sektion, f.nyckel())
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            for v in valda.iter().filter_map(Value::as_str) {
                if upprakning.varden.iter().any(|u| u.varde.get_ref() == v) {
                    continue;
                }
                let ersattning = upprakning
                    .varden
                    .iter()
                    .find(|u| u.ersatter.iter().any(|g| g == v))
                    .map(|u| (u.varde.get_ref().clone(), u.etikett.clone()));
                ut.push(Okantval {
                    sokvag: format!("{nyckel}.{}", f.nyckel()),
                    avsnitt: a.nummer().to_string(),
                    etikett: f
                        .etikett_for_ar(mall.mall.ar)
                        .unwrap_or_else(|_| f.etikett.clone()),
                    varde: v.to_string(),
                    ar: mall.mall.ar,
                    ersattning,
                });
            }
        }
    }
    ut
}

#[cfg(test)]
mod tests {
    use super::normalisera;

    #[test]
    fn wording_is_compared_without_case_spacing_or_closing_stop() {
        assert_eq!(
            normalisera("  Rätt\n prioriteringar   GÖRS. "),
            "rätt prioriteringar görs"
        );
        assert!(
            normalisera("Vi vill att rätt prioriteringar görs och mer därtill.")
                .contains(&normalisera("Rätt prioriteringar görs."))
        );
    }
}
