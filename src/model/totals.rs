//! Totals are computed from rows, never typed: the Totalkostnad rows of 3.1 and the sums that
//! validation compares with 2.2. A column whose every cell is empty sums to `None`, so that an
//! empty "Utfall 2022" column stays empty in exports instead of printing "0 tkr".

use super::{
    ForeslagenInsats, Formaga, Forvaltningskostnader, InsatsId, Kostnadsutveckling, Kronor,
    NyInsatskostnadRad, NyInsatskostnadSumma, NyaInsatskostnader, TjanstId, Trearsbelopp,
    UtvecklingskostnadSumma, Utvecklingskostnader,
};

/// Sum of the cells that are filled; `None` when none is.
pub fn summa_ifyllda(celler: impl IntoIterator<Item = Option<Kronor>>) -> Option<Kronor> {
    celler
        .into_iter()
        .flatten()
        .fold(None, |acc: Option<Kronor>, k| {
            Some(acc.unwrap_or_default() + k)
        })
}

fn summa_kostnad<'a>(
    rader: impl Iterator<Item = &'a Kostnadsutveckling> + Clone,
) -> Kostnadsutveckling {
    Kostnadsutveckling {
        utfall: summa_ifyllda(rader.clone().map(|k| k.utfall)),
        budget: summa_ifyllda(rader.clone().map(|k| k.budget)),
        prognos: summa_ifyllda(rader.map(|k| k.prognos)),
    }
}

fn summa_tre_ar<'a>(rader: impl Iterator<Item = &'a Trearsbelopp> + Clone) -> Trearsbelopp {
    Trearsbelopp {
        ar: summa_ifyllda(rader.clone().map(|p| p.ar)),
        ar_plus_1: summa_ifyllda(rader.clone().map(|p| p.ar_plus_1)),
        ar_plus_2: summa_ifyllda(rader.map(|p| p.ar_plus_2)),
    }
}

impl Forvaltningskostnader {
    /// The Totalkostnad row of the förvaltning table.
    pub fn totalkostnad(&self) -> Kostnadsutveckling {
        summa_kostnad(self.rader.iter().map(|r| &r.kostnad))
    }
}

impl Utvecklingskostnader {
    pub fn totalkostnad(&self) -> UtvecklingskostnadSumma {
        UtvecklingskostnadSumma {
            kostnad: summa_kostnad(self.rader.iter().map(|r| &r.kostnad)),
            paverkan_forvaltningskostnad: summa_tre_ar(
                self.rader.iter().map(|r| &r.paverkan_forvaltningskostnad),
            ),
        }
    }
}

impl NyaInsatskostnader {
    pub fn totalkostnad(&self) -> NyInsatskostnadSumma {
        NyInsatskostnadSumma {
            kostnad: summa_tre_ar(self.rader.iter().map(|r| &r.kostnad)),
            paverkan_forvaltningskostnad: summa_tre_ar(
                self.rader.iter().map(|r| &r.paverkan_forvaltningskostnad),
            ),
        }
    }
}

impl ForeslagenInsats {
    /// The existing tjänst whose development cost in 3.1 this proposal belongs to: the first
    /// tjänst it names, unless it creates a new tjänst (then it has its own row in 3.1 nya
    /// förändringsinsatser). The validator and the Excel Kontroller sheet both derive 3.1 by it.
    pub fn utvecklar_tjanst(&self) -> Option<&TjanstId> {
        if self.strategisk.formaga == Some(Formaga::NyTjanst) {
            return None;
        }
        self.strategisk.tjanster.first()
    }

    pub fn ar_ny_tjanst(&self) -> bool {
        self.strategisk.formaga == Some(Formaga::NyTjanst)
    }
}

impl NyaInsatskostnader {
    /// The 3.1 row (and its index) that costs the proposal `insats`.
    pub fn rad_for(&self, insats: &InsatsId) -> Option<(usize, &NyInsatskostnadRad)> {
        self.rader
            .iter()
            .enumerate()
            .find(|(_, r)| &r.insats == insats)
    }
}
