//! The tjänstekatalog an imported document gets: every tjänst a table or form names, once,
//! with an id made here (`tjanst-N`, as "Lägg till tjänst" makes them), so that every
//! reference resolves before the document reaches the store.

use crate::model::{Tjanst, TjanstId, Tjanstekatalog, Tjanstekategori};

use super::tolka::normalisera;

#[derive(Debug, Clone, Default)]
pub struct Katalogbygge {
    tjanster: Vec<(TjanstId, String)>,
    /// Informationssäkerhetsnivå per tjänst, from the export's table under chapter 1.
    informationssakerhetsnivaer: Vec<(TjanstId, String)>,
}

impl Katalogbygge {
    /// The id of the tjänst named `namn`, added when it is new. Names compare without case,
    /// punctuation or line breaks, so "Öppna data" in 1.2 and "öppna data" in 3.1 are one tjänst.
    pub fn id_for(&mut self, namn: &str) -> TjanstId {
        let namn = namn.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = normalisera(&namn);
        if let Some((id, _)) = self.tjanster.iter().find(|(_, t)| normalisera(t) == n) {
            return id.clone();
        }
        let id = (1..)
            .map(|i| TjanstId(format!("tjanst-{i}")))
            .find(|id| self.tjanster.iter().all(|(t, _)| t != id))
            .unwrap_or_else(|| TjanstId("tjanst".into()));
        self.tjanster.push((id.clone(), namn));
        id
    }

    /// The tjänster a form's cell names: one known name as a whole, else one per line, comma or
    /// semicolon (the export joins names with ", ").
    pub fn lista(&mut self, text: &str) -> Vec<TjanstId> {
        let hel = normalisera(text);
        if let Some((id, _)) = self.tjanster.iter().find(|(_, t)| normalisera(t) == hel) {
            return vec![id.clone()];
        }
        let mut ut: Vec<TjanstId> = Vec::new();
        for del in text.split([',', ';', '\n']) {
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

    /// A catalogue field read for a tjänst. Only the informationssäkerhetsnivå has a place in
    /// Word (the riktlinje's table); other keys are ignored, as Word carries no value for them.
    pub fn satt_falt(&mut self, id: &TjanstId, nyckel: &str, varde: &str) {
        if nyckel == "informationssakerhetsniva" {
            self.informationssakerhetsnivaer.retain(|(t, _)| t != id);
            self.informationssakerhetsnivaer
                .push((id.clone(), varde.to_string()));
        }
    }

    pub fn antal(&self) -> usize {
        self.tjanster.len()
    }

    /// The catalogue, with the fördelningsnyckel 3.2 states for a tjänst as the one in force.
    /// Word carries no kategori: every tjänst starts as a bastjänst (the report says so).
    pub fn katalog(&self, nycklar: &[(TjanstId, String)]) -> Tjanstekatalog {
        Tjanstekatalog(
            self.tjanster
                .iter()
                .map(|(id, namn)| Tjanst {
                    id: id.clone(),
                    namn: namn.clone(),
                    kategori: Tjanstekategori::Bastjanst,
                    malgrupp: None,
                    annan_leverantor: None,
                    informationssakerhetsniva: self
                        .informationssakerhetsnivaer
                        .iter()
                        .find(|(t, _)| t == id)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                    finansiering: None,
                    nuvarande_fordelningsnyckel: nycklar
                        .iter()
                        .find(|(t, n)| t == id && !n.trim().is_empty())
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        )
    }
}
