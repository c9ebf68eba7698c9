//! The ekonomisk sammanställning in the app: stored tjänsteplaner opened as the front matter's
//! table "Ekonomisk sammanställning utvecklingskostnader", and exported as Word or Excel. The
//! view and the files are both made by `crate::model::sammanstallning` over the same plans,
//! so what the user sees is what the files hold.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Exportformat, Exportresultat, IngaArg, Program, Svar, filer};
use crate::belopp::formatera_tkr;
use crate::model::{Dokument, Dokumenttyp, Sammanstallningsrad, sammanstallning_summa};
use crate::portfolj::Beloppsvisning;
use crate::store::DokumentId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SammanstallningArg {
    /// The tjänsteplaner, one row each in this order.
    pub dokument: Vec<DokumentId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SammanstallningExportArg {
    pub dokument: Vec<DokumentId>,
    /// Word or Excel; the exchange format has no sammanställning.
    pub format: Exportformat,
    pub sokvag: String,
}

/// A stored tjänsteplan the user can put in the sammanställning. The tjänsteområde is what
/// tells one plan from another: one nämnd writes a plan per område and year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sammanstallningsval {
    pub id: DokumentId,
    pub organisation: String,
    pub tjansteomrade: String,
    /// The plan's first year.
    pub ar: i32,
    pub version: String,
}

/// One row of the table as the exports write it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sammanstallningsradvy {
    /// The plan the row is made from; none on the total row.
    pub id: Option<DokumentId>,
    pub tjansteomrade: String,
    pub version: String,
    /// Every row of the plan's bilaga.
    pub summa: Beloppsvisning,
    pub nyutveckling: Beloppsvisning,
    pub utveckling_inom_befintlig_tjanst: Beloppsvisning,
    /// Nyutveckling plus utveckling inom befintlig tjänst (the Word table's last column).
    pub klassad_summa: Beloppsvisning,
    /// A bilaga row has no class, so the last column is less than the first.
    pub oklassat: bool,
    /// The row disagrees with the plan it is made from: the bilaga distributes another sum
    /// than the plan's table over utvecklingsinitiativ has for the year. Both figures and what
    /// to do, in Swedish; none on the total row.
    pub avvikelse: Option<String>,
}

/// What the sammanställning view shows: the Word export's table, every figure from the core.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sammanstallningsvy {
    /// "Tjänsteplan 2023–2025", counted from the first plan's year as the exports are.
    pub titel: String,
    /// The column headers, as the Word export has them.
    pub kolumner: Vec<String>,
    pub rader: Vec<Sammanstallningsradvy>,
    pub summa: Sammanstallningsradvy,
    /// Not every plan starts in the first plan's year: the period in the title is the first's.
    pub blandade_ar: bool,
}

/// The plans as read from the store: their ids, and each document with the name a refusal
/// calls it by.
type Lasta = (Vec<DokumentId>, Vec<(String, Dokument)>);

fn radvy(id: Option<DokumentId>, r: &Sammanstallningsrad) -> Sammanstallningsradvy {
    let klassad = r.klassad_summa();
    Sammanstallningsradvy {
        id,
        tjansteomrade: r.tjansteomrade.clone(),
        version: r.version.clone(),
        summa: Beloppsvisning::av(Some(r.summa)),
        nyutveckling: Beloppsvisning::av(Some(r.nyutveckling)),
        utveckling_inom_befintlig_tjanst: Beloppsvisning::av(Some(
            r.utveckling_inom_befintlig_tjanst,
        )),
        klassad_summa: Beloppsvisning::av(Some(klassad)),
        oklassat: klassad != r.summa,
        avvikelse: (id.is_some() && r.summa != r.initiativens_summa).then(|| {
            format!(
                "{}: sammanställningen tar {} ur planens bilaga, men planens tabell över utvecklingsinitiativ anger {} för {}. Rätta bilagan eller initiativens belopp i tjänsteplanen; dess granskning visar vilket initiativ det gäller.",
                r.tjansteomrade,
                formatera_tkr(r.summa),
                formatera_tkr(r.initiativens_summa),
                r.ar
            )
        }),
    }
}

impl Program {
    /// The stored documents (each picked once: a plan cannot be in the table twice), with
    /// the name a refusal calls them by: kind, year and organisation as the document list
    /// shows them, never an id the user has not seen.
    fn las_sammanstallning(&self, ids: &[DokumentId]) -> Svar<Lasta> {
        let mut valda: Vec<DokumentId> = Vec::with_capacity(ids.len());
        let mut dokument = Vec::with_capacity(ids.len());
        for &id in ids {
            if valda.contains(&id) {
                continue;
            }
            let d = self.dokument(id)?;
            let namn = format!("{} {} för {}", d.typ().kortnamn(), d.ar(), d.organisation());
            valda.push(id);
            dokument.push((namn, d));
        }
        Ok((valda, dokument))
    }

    /// The stored tjänsteplaner, by organisation, year and tjänsteområde.
    pub fn sammanstallningsval(&self, _: IngaArg) -> Svar<Vec<Sammanstallningsval>> {
        let mut val = Vec::new();
        for post in self.store.lista()? {
            if Dokumenttyp::parse(&post.dokumenttyp) != Some(Dokumenttyp::Tjansteplan) {
                continue;
            }
            if let Dokument::Tjansteplan(t) = self.dokument(post.id)? {
                val.push(Sammanstallningsval {
                    id: post.id,
                    organisation: t.meta.organisation,
                    tjansteomrade: t.meta.tjansteomrade,
                    ar: t.meta.ar,
                    version: t.meta.version,
                });
            }
        }
        // A nämnd's plans together, the newest year first, as they are chosen.
        val.sort_by(|a, b| {
            a.organisation
                .cmp(&b.organisation)
                .then_with(|| b.ar.cmp(&a.ar))
                .then_with(|| a.tjansteomrade.cmp(&b.tjansteomrade))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(val)
    }

    pub fn oppna_sammanstallning(&self, arg: SammanstallningArg) -> Svar<Sammanstallningsvy> {
        let (ids, dokument) = self.las_sammanstallning(&arg.dokument)?;
        let planer = filer::tjansteplaner(&dokument)?;
        let rader = crate::model::sammanstallning(&planer);
        let summa = sammanstallning_summa(&rader);
        let ar = planer.first().map_or(0, |p| p.meta.ar);
        let period = |streck: char| format!("{ar}{streck}{}", ar.saturating_add(2));
        Ok(Sammanstallningsvy {
            titel: format!("Tjänsteplan {}", period('–')),
            kolumner: vec![
                "Tjänsteområde".into(),
                format!("Tjänsteplan {} version", period('-')),
                "Summa".into(),
                "Nyutveckling".into(),
                "Utveckling inom befintlig tjänst".into(),
                "Summa".into(),
            ],
            rader: ids
                .iter()
                .zip(&rader)
                .map(|(id, r)| radvy(Some(*id), r))
                .collect(),
            summa: radvy(None, &summa),
            blandade_ar: planer.iter().any(|p| p.meta.ar != ar),
        })
    }

    pub fn exportera_sammanstallning(&self, arg: SammanstallningExportArg) -> Svar<Exportresultat> {
        let (_, dokument) = self.las_sammanstallning(&arg.dokument)?;
        filer::exportera_sammanstallning(
            &dokument,
            arg.format,
            arg.sokvag,
            chrono::Local::now().date_naive(),
        )
    }
}
