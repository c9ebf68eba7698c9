//! "Ekonomisk sammanställning utvecklingskostnader": the front matter's table over several
//! tjänsteplaner, computed from each plan's bilaga and stated version, so it cannot drift from
//! the plans it summarises.

use super::{Budgetklass, Kronor, Tjansteplan};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sammanstallningsrad {
    pub tjansteomrade: String,
    pub version: String,
    /// Every row of the bilaga.
    pub summa: Kronor,
    pub nyutveckling: Kronor,
    pub utveckling_inom_befintlig_tjanst: Kronor,
    /// The plan's first year, which the bilaga distributes.
    pub ar: i32,
    /// The same year's development budget as the plan's table over utvecklingsinitiativ states
    /// it, summed over every initiative: what `summa` must equal when the bilaga distributes
    /// each initiative's budget in full (TP-bilaga, TP-klassning).
    pub initiativens_summa: Kronor,
}

impl Sammanstallningsrad {
    /// Nyutveckling plus utveckling inom befintlig tjänst: less than `summa` when a bilaga row
    /// is not classified (which the validator reports as TP-obligatoriskt).
    pub fn klassad_summa(&self) -> Kronor {
        self.nyutveckling + self.utveckling_inom_befintlig_tjanst
    }
}

/// One row per plan, in the order given.
pub fn sammanstallning(planer: &[&Tjansteplan]) -> Vec<Sammanstallningsrad> {
    planer
        .iter()
        .map(|p| {
            let klass = |k: Budgetklass| -> Kronor {
                p.bilaga
                    .rader
                    .iter()
                    .filter(|r| r.klass == Some(k))
                    .filter_map(|r| r.belopp)
                    .sum()
            };
            Sammanstallningsrad {
                tjansteomrade: p.meta.tjansteomrade.clone(),
                version: p.meta.version.clone(),
                summa: p.bilaga.rader.iter().filter_map(|r| r.belopp).sum(),
                nyutveckling: klass(Budgetklass::Nyutveckling),
                utveckling_inom_befintlig_tjanst: klass(Budgetklass::UtvecklingInomBefintligTjanst),
                ar: p.meta.ar,
                initiativens_summa: p
                    .kostnadsuppskattning
                    .initiativ
                    .iter()
                    .filter_map(|x| x.utveckling.ar)
                    .sum(),
            }
        })
        .collect()
}

/// The total row.
pub fn sammanstallning_summa(rader: &[Sammanstallningsrad]) -> Sammanstallningsrad {
    Sammanstallningsrad {
        tjansteomrade: "Summa".into(),
        version: String::new(),
        ar: rader.first().map_or(0, |r| r.ar),
        initiativens_summa: rader.iter().map(|r| r.initiativens_summa).sum(),
        summa: rader.iter().map(|r| r.summa).sum(),
        nyutveckling: rader.iter().map(|r| r.nyutveckling).sum(),
        utveckling_inom_befintlig_tjanst: rader
            .iter()
            .map(|r| r.utveckling_inom_befintlig_tjanst)
            .sum(),
    }
}
