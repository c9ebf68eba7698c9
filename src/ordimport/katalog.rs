//! The tjänstekatalog an imported document gets: every tjänst a table or form names, once,
//! with an id made here (`tjanst-N`, as "Lägg till tjänst" makes them), so that every
//! reference resolves before the document reaches the store.

use serde_json::{Value, json};

use crate::model::{Tjanst, TjanstId, Tjanstekatalog, namnnyckel};

#[derive(Debug, Clone, Default)]
pub struct Katalogbygge {
    tjanster: Vec<(TjanstId, String)>,
    /// Catalogue fields per tjänst (kategori, informationssäkerhetsnivå …) from the export's
    /// table under chapter 1, as the model's values.
    falt: Vec<(TjanstId, String, Value)>,
}

impl Katalogbygge {
    /// The id of the tjänst named `namn`, added when it is new. Names compare as
    /// `model::namnnyckel` says, so "Öppna data" in 1.2 and "öppna data" in 3.1 are one tjänst.
    pub fn id_for(&mut self, namn: &str) -> TjanstId {
        let namn = namn.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = namnnyckel(&namn);
        if let Some((id, _)) = self.tjanster.iter().find(|(_, t)| namnnyckel(t) == n) {
            return id.clone();
        }
        let id = (1..)
            .map(|i| TjanstId(format!("tjanst-{i}")))
            .find(|id| self.tjanster.iter().all(|(t, _)| t != id))
            .unwrap_or_else(|| TjanstId("tjanst".into()));
        self.tjanster.push((id.clone(), namn));
        id
    }

    /// The tjänster a form's cell names: one known name as a whole; else one per line, as the
    /// export writes them (a name may hold a comma); else, on one line as people type them,
    /// separated by commas or semicolons.
    pub fn lista(&mut self, text: &str) -> Vec<TjanstId> {
        let hel = namnnyckel(text);
        if let Some((id, _)) = self.tjanster.iter().find(|(_, t)| namnnyckel(t) == hel) {
            return vec![id.clone()];
        }
        let mut ut: Vec<TjanstId> = Vec::new();
        let delar: Vec<&str> = if text.trim().contains('\n') {
            text.lines().collect()
        } else {
            text.split([',', ';']).collect()
        };
        for del in delar {
            let namn = del.trim().trim_start_matches(['•', '-', '–', '*']).trim();
            if namn.is_empty() {
                continue;
            }
            let id = self.id_for(namn);
            if !ut.contains(&id) {
                ut.push(id);
            }
        }
        ut
    }

    /// A catalogue field read for a tjänst, already in the model's form.
    pub fn satt_falt(&mut self, id: &TjanstId, nyckel: &str, varde: Value) {
        self.falt.retain(|(t, n, _)| !(t == id && n == nyckel));
        self.falt.push((id.clone(), nyckel.to_string(), varde));
    }

    /// How many tjänster the file gives no kategori for.
    pub fn utan_kategori(&self) -> usize {
        self.tjanster
            .iter()
            .filter(|(id, _)| !self.falt.iter().any(|(t, n, _)| t == id && n == "kategori"))
            .count()
    }

    pub fn antal(&self) -> usize {
        self.tjanster.len()
    }

    /// The catalogue, with the fördelningsnyckel 3.2 states for a tjänst as the one in force.
    /// A tjänst whose kategori the file does not give starts as a bastjänst (the report says
    /// so); a field that does not fit the model is left out rather than losing the tjänst.
    pub fn katalog(&self, nycklar: &[(TjanstId, String)]) -> Tjanstekatalog {
        Tjanstekatalog(
            self.tjanster
                .iter()
                .map(|(id, namn)| {
                    // The catalogue table's own fördelningsnyckel when it has one, else 3.2's.
                    let nyckel = nycklar
                        .iter()
                        .find(|(t, n)| t == id && !n.trim().is_empty())
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    let mut tjanst = json!({
                        "id": id.0,
                        "namn": namn,
                        "kategori": "bastjanst",
                        "nuvarande_fordelningsnyckel": nyckel,
                    });
                    let bas: Option<Tjanst> = serde_json::from_value(tjanst.clone()).ok();
                    for (_, falt, varde) in self.falt.iter().filter(|(t, _, _)| t == id) {
                        // An empty cell empties a field the tjänst has (the fördelningsnyckel
                        // 3.2 gave it); an optional field it lacks stays unset.
                        if varde.as_str() == Some("")
                            && tjanst.get(falt.as_str()).is_none_or(Value::is_null)
                        {
                            continue;
                        }
                        let mut prov = tjanst.clone();
                        prov[falt.as_str()] = varde.clone();
                        if serde_json::from_value::<Tjanst>(prov.clone()).is_ok() {
                            tjanst = prov;
                        }
                    }
                    serde_json::from_value(tjanst).ok().or(bas)
                })
                .collect::<Option<Vec<Tjanst>>>()
                .unwrap_or_default(),
        )
    }
}
