//! The money checks of an årlig analys, computed once: every 3.1 cell that 2.2 determines, every
//! stated total against the sum of its rows, every förvaltning prognos against its budget raised
//! by the declared index, each with the tolerance it allows. The validator reports the
//! comparisons that disagree (`validate/ekonomi.rs`); the Excel Kontroller sheet writes every one
//! as formulas over the sheets (`export/kontroller.rs`), so the two cannot disagree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    ArligAnalys, Arsbelopp, ForeslagenInsats, Kronor, Overstyrning, TjanstId, motivering_for,
};

/// 3.1 is written in whole tkr while 2.2 is in kronor: a difference below one tkr is rounding.
pub const AVRUNDNING: f64 = 999.0;
/// A stated total and the sum of its rows are whole kronor and must be equal; a spreadsheet
/// holding them as tkr with decimals may be off by float noise, never by half a krona.
pub const EXAKT: f64 = 0.5;
/// Budget and prognos are both whole tkr: the indexed budget may differ by their rounding.
pub const INDEXAVRUNDNING: f64 = 1_000.0;

/// The fields of a three-year amount, {år} to {år}+2.
pub const TRE_AR: [&str; 3] = ["ar", "ar_plus_1", "ar_plus_2"];

/// The tables of 3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kostnadstabell {
    Forvaltning,
    Utveckling,
    NyaInsatser,
}

impl Kostnadstabell {
    pub const ALLA: [Kostnadstabell; 3] = [
        Kostnadstabell::Forvaltning,
        Kostnadstabell::Utveckling,
        Kostnadstabell::NyaInsatser,
    ];

    /// The table's key in section `kostnader`, as the template names it.
    pub fn nyckel(self) -> &'static str {
        match self {
            Kostnadstabell::Forvaltning => "forvaltning.rader",
            Kostnadstabell::Utveckling => "utveckling.rader",
            Kostnadstabell::NyaInsatser => "nya_insatser.rader",
        }
    }

    fn sokvag(self) -> &'static str {
        match self {
            Kostnadstabell::Forvaltning => "kostnader.forvaltning",
            Kostnadstabell::Utveckling => "kostnader.utveckling",
            Kostnadstabell::NyaInsatser => "kostnader.nya_insatser",
        }
    }
}

/// Where one side of a comparison is, in the terms the tables are written in: a 3.1 table's
/// column by the template's key, a 2.2 proposal's figure by its path in the proposal.
#[derive(Debug, Clone, PartialEq)]
pub enum Plats {
    /// Column `falt` of row `rad` of a 3.1 table.
    Cell {
        tabell: Kostnadstabell,
        rad: usize,
        falt: String,
    },
    /// Column `falt` of a 3.1 table's Totalkostnad row.
    Summa {
        tabell: Kostnadstabell,
        falt: String,
    },
    /// Field `falt` of proposal `rad` of 2.2; an impact with its index applied.
    Forslag { rad: usize, falt: String },
    /// Field `falt` summed over the proposals that develop the row's tjänst
    /// (`ForeslagenInsats::utvecklar_tjanst`).
    ForslagFor { falt: String },
    /// The figure as the document states it: in no table.
    Angivet,
    /// `bas` raised by `sats` percent.
    Indexerat { bas: Box<Plats>, sats: f64 },
}

/// What a comparison checks.
#[derive(Debug, Clone, PartialEq)]
pub enum Slag {
    /// A 3.1 cell that 2.2 determines.
    Harledning,
    /// A stated total against the sum of its table's rows, exact to the krona.
    Summa { summa: Option<Kronor> },
    /// A förvaltning row's prognos against its budget raised by the declared index.
    Index { budget: Kronor, sats: f64 },
}

/// One money check: the figure the document states, the figure it must agree with, where each
/// is, and how far apart they may be.
#[derive(Debug, Clone, PartialEq)]
pub struct Jamforelse {
    pub slag: Slag,
    /// Path of the stated figure: where a finding points.
    pub sokvag: String,
    pub tabell: Kostnadstabell,
    /// The 3.1 column compared, by the template's key (`kostnad.prognos`).
    pub falt: String,
    /// The year that column is for.
    pub ar: i32,
    /// The tjänst or proposal of the row; empty for a total.
    pub namn: String,
    pub angivet: Option<Kronor>,
    pub angivet_plats: Plats,
    /// In kronor; not rounded, since indexed impacts have fractions of a krona.
    pub harlett: Option<f64>,
    pub harlett_plats: Plats,
    /// The derived figure in tkr as the sheets compute it from their cells: the Förslag sheet
    /// holds each proposal's indexed impact in whole kronor, so a sum of them can differ from
    /// `harlett` by under a krona a proposal.
    pub harlett_i_bladen: f64,
    /// Largest difference in kronor that still counts as agreeing.
    pub tolerans: f64,
    /// For a derivation: what the cell is and where its figure comes from, in words.
    pub harledning: Option<Harledning>,
}

impl Jamforelse {
    /// Whether the stated figure differs from the derived one by more than the tolerance.
    pub fn avviker(&self) -> bool {
        if let Slag::Summa { summa } = self.slag {
            // Whole kronor on both sides: compared exactly, not through f64.
            return self.angivet.is_some_and(|a| a != summa.unwrap_or_default());
        }
        avviker(self.angivet, self.harlett, self.tolerans)
    }

    /// The stated figure in tkr as its cell holds it (empty counts as zero).
    pub fn angivet_tkr(&self) -> f64 {
        self.angivet.map_or(0.0, Kronor::tkr)
    }
}

fn avviker(angivet: Option<Kronor>, harlett: Option<f64>, tolerans: f64) -> bool {
    if angivet.is_none() && harlett.is_none() {
        return false;
    }
    let angivet = angivet.unwrap_or(Kronor::ZERO).0 as f64;
    (angivet - harlett.unwrap_or(0.0)).abs() > tolerans
}

/// Rounds a derived figure to whole kronor.
pub fn kronor(v: f64) -> Kronor {
    Kronor(v.round() as i64)
}

/// Year k (0 = {år}) of an impact, raised by its index when the proposal says it is indexed.
/// `None` when the proposal states nothing for that year.
pub fn arsbelopp_med_index(b: &Arsbelopp, k: usize, dokumentets_index: Option<f64>) -> Option<f64> {
    let ar = b.tre_ar();
    let belopp = ar.get(k).copied().flatten()?;
    let sats = b
        .indexsats_procent
        .or(dokumentets_index)
        .filter(|_| b.indexerad)
        .unwrap_or(0.0);
    let forsta = ar.iter().position(Option::is_some).unwrap_or(k);
    let steg = i32::try_from(k.saturating_sub(forsta)).unwrap_or(0);
    Some(belopp.0 as f64 * (1.0 + sats / 100.0).powi(steg))
}

/// What a proposal's impact on förvaltningskostnad comes to in year `k` (0 = {år}), raised by
/// its index when it is marked indexed, in whole kronor: what the Förslag sheet holds.
pub fn paverkan_med_index(
    b: &Arsbelopp,
    k: usize,
    dokumentets_index: Option<f64>,
) -> Option<Kronor> {
    arsbelopp_med_index(b, k, dokumentets_index).map(kronor)
}

fn summa(varden: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    varden
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

/// A 3.1 cell that is derived from 2.2: what the document states there, what 2.2 gives, and
/// in words where that comes from. The validator compares the two; the app shows the derived
/// figure beside the cell.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Harledning {
    /// Path of the 3.1 cell.
    pub sokvag: String,
    /// Path of the cell's row, and the row's identity (its tjänst or proposal id): a row keeps
    /// its identity when rows before it are added or removed, its path does not.
    pub rad_sokvag: String,
    pub rad: String,
    /// The cell within its row (`kostnad.prognos`).
    pub falt: String,
    /// The written reason when the author keeps the cell apart from 2.2.
    pub motivering: Option<String>,
    /// "Prognos budget 2024 för \"Extern service\""
    pub vad: String,
    /// "summan av projektbudget 2024 i 2.2 (föreslagna insatser 1, 3)"
    pub kalla: String,
    pub angivet: Option<Kronor>,
    /// Not rounded: indexed impacts have fractions of a krona until they are compared.
    pub harlett: Option<f64>,
}

impl Harledning {
    pub fn harlett_kronor(&self) -> Option<Kronor> {
        self.harlett.map(kronor)
    }

    /// Whether the stated cell differs from 2.2 by more than rounding to whole tkr.
    pub fn avviker(&self) -> bool {
        avviker(self.angivet, self.harlett, AVRUNDNING)
    }

    /// The disagreement in words, as the Granskning and the Word document say it: "Prognos
    /// budget 2024 för \"…\" är 4 000 tkr men summan av … i 2.2 (…) ger 4 250 tkr".
    pub fn skillnad(&self) -> String {
        let visa = |k: Option<Kronor>| k.map_or("tomt".to_string(), crate::belopp::formatera_tkr);
        format!(
            "{} är {} men {} ger {}",
            self.vad,
            visa(self.angivet),
            self.kalla,
            visa(self.harlett_kronor())
        )
    }

    /// What Underlag writes into the cell to keep it in step: the derived figure in whole tkr,
    /// as 3.1 is written; empty when 2.2 gives nothing.
    pub fn harlett_i_hela_tkr(&self) -> Option<Kronor> {
        self.harlett
            .map(|k| Kronor(((k / 1000.0).round() as i64).saturating_mul(1000)))
    }
}

/// A 3.1 row as a derivation names it.
struct Rad<'a> {
    sokvag: String,
    nyckel: &'a str,
    overstyrningar: &'a [Overstyrning],
}

/// Proposals that develop an existing tjänst, grouped by the tjänst they name first, with their
/// index in 2.2.
pub fn forslag_per_tjanst<'a>(
    forslag: &[(usize, &'a ForeslagenInsats)],
) -> BTreeMap<&'a TjanstId, Vec<(usize, &'a ForeslagenInsats)>> {
    let mut per_tjanst: BTreeMap<&TjanstId, Vec<(usize, &ForeslagenInsats)>> = BTreeMap::new();
    for (i, x) in forslag {
        if let Some(t) = x.utvecklar_tjanst() {
            per_tjanst.entry(t).or_default().push((*i, *x));
        }
    }
    per_tjanst
}

/// The 2.2 proposals a check derives from: all of them, or none when 2.2 is inactive or not
/// applicable (then every derived figure is empty).
pub fn forslag(a: &ArligAnalys, med_forslag: bool) -> Vec<(usize, &ForeslagenInsats)> {
    if med_forslag {
        a.foreslagna_insatser.insatser.iter().enumerate().collect()
    } else {
        Vec::new()
    }
}

/// Every 3.1 cell that 2.2 determines.
pub fn harledningar(a: &ArligAnalys, med_forslag: bool) -> Vec<Harledning> {
    harledningsjamforelser(a, med_forslag)
        .into_iter()
        .filter_map(|j| j.harledning)
        .collect()
}

/// Every money check of the analysis, in the order the Kontroller sheet lists them: the 3.1
/// cells 2.2 determines, the stated totals, the index uplift.
pub fn jamforelser(a: &ArligAnalys, med_forslag: bool) -> Vec<Jamforelse> {
    let mut ut = harledningsjamforelser(a, med_forslag);
    ut.extend(summajamforelser(a));
    ut.extend(indexjamforelser(a));
    ut
}

fn harledningsjamforelser(a: &ArligAnalys, med_forslag: bool) -> Vec<Jamforelse> {
    let ar = a.meta.analysar;
    let index = a.kostnader.forvaltning.indexupprakning_procent;
    let forslag = forslag(a, med_forslag);
    let per_tjanst = forslag_per_tjanst(&forslag);
    let paverkan = |x: &ForeslagenInsats, k: usize| {
        arsbelopp_med_index(&x.ekonomisk.paverkan_forvaltningskostnad, k, index)
    };
    let i_bladen = |x: &ForeslagenInsats, k: usize| {
        paverkan_med_index(&x.ekonomisk.paverkan_forvaltningskostnad, k, index)
    };
    let mut ut = Vec::new();
    let mut lagg = |mut j: Jamforelse, vad: String, kalla: String, rad: &Rad<'_>| {
        j.harledning = Some(Harledning {
            sokvag: j.sokvag.clone(),
            rad_sokvag: rad.sokvag.clone(),
            rad: rad.nyckel.to_string(),
            motivering: motivering_for(rad.overstyrningar, &j.falt).map(str::to_string),
            falt: j.falt.clone(),
            vad,
            kalla,
            angivet: j.angivet,
            harlett: j.harlett,
        });
        ut.push(j);
    };

    for (i, rad) in a.kostnader.utveckling.rader.iter().enumerate() {
        let namn = a.tjanstekatalog.namn(&rad.tjanst).to_string();
        let radid = Rad {
            sokvag: format!("kostnader.utveckling.rader[{i}]"),
            nyckel: &rad.tjanst.0,
            overstyrningar: &rad.overstyrningar,
        };
        let grupp = per_tjanst.get(&rad.tjanst).cloned().unwrap_or_default();
        let kallor = if grupp.is_empty() {
            "inga föreslagna insatser i 2.2".to_string()
        } else {
            format!(
                "föreslagna insatser {}",
                grupp
                    .iter()
                    .map(|(j, _)| (j + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let cell = |falt: &str| Jamforelse {
            slag: Slag::Harledning,
            sokvag: format!("kostnader.utveckling.rader[{i}].{falt}"),
            tabell: Kostnadstabell::Utveckling,
            falt: falt.to_string(),
            ar,
            namn: namn.clone(),
            angivet: None,
            angivet_plats: Plats::Cell {
                tabell: Kostnadstabell::Utveckling,
                rad: i,
                falt: falt.to_string(),
            },
            harlett: None,
            harlett_plats: Plats::Angivet,
            harlett_i_bladen: 0.0,
            tolerans: AVRUNDNING,
            harledning: None,
        };
        lagg(
            Jamforelse {
                angivet: rad.kostnad.prognos,
                harlett: summa(
                    grupp
                        .iter()
                        .map(|(_, x)| x.ekonomisk.projektbudget.ar.map(|k| k.0 as f64)),
                ),
                harlett_plats: Plats::ForslagFor {
                    falt: "ekonomisk.projektbudget.ar".into(),
                },
                harlett_i_bladen: grupp
                    .iter()
                    .map(|(_, x)| x.ekonomisk.projektbudget.ar.map_or(0.0, Kronor::tkr))
                    .sum(),
                ..cell("kostnad.prognos")
            },
            format!("Prognos budget {ar} för \"{namn}\""),
            format!("summan av projektbudget {ar} i 2.2 ({kallor})"),
            &radid,
        );
        for (k, angivet) in rad
            .paverkan_forvaltningskostnad
            .tre_ar()
            .into_iter()
            .enumerate()
        {
            let falt = TRE_AR[k];
            let ar_k = ar.saturating_add(k as i32);
            lagg(
                Jamforelse {
                    ar: ar_k,
                    angivet,
                    harlett: summa(grupp.iter().map(|(_, x)| paverkan(x, k))),
                    harlett_plats: Plats::ForslagFor {
                        falt: format!("ekonomisk.paverkan_forvaltningskostnad.{falt}"),
                    },
                    harlett_i_bladen: grupp
                        .iter()
                        .map(|(_, x)| i_bladen(x, k).map_or(0.0, Kronor::tkr))
                        .sum(),
                    ..cell(&format!("paverkan_forvaltningskostnad.{falt}"))
                },
                format!("Påverkan på förvaltningskostnad {ar_k} för \"{namn}\""),
                format!("summan av påverkan i 2.2 ({kallor})"),
                &radid,
            );
        }
    }

    for (j, x) in forslag.iter().filter(|(_, x)| x.ar_ny_tjanst()) {
        let Some((i, rad)) = a.kostnader.nya_insatser.rad_for(&x.id) else {
            continue;
        };
        let kalla = format!("föreslagen insats {}", j + 1);
        let radid = Rad {
            sokvag: format!("kostnader.nya_insatser.rader[{i}]"),
            nyckel: &rad.insats.0,
            overstyrningar: &rad.overstyrningar,
        };
        for (k, falt) in TRE_AR.into_iter().enumerate() {
            let ar_k = ar.saturating_add(k as i32);
            let cell = |grupp: &str, angivet: Option<Kronor>| Jamforelse {
                slag: Slag::Harledning,
                sokvag: format!("kostnader.nya_insatser.rader[{i}].{grupp}.{falt}"),
                tabell: Kostnadstabell::NyaInsatser,
                falt: format!("{grupp}.{falt}"),
                ar: ar_k,
                namn: x.namn.clone(),
                angivet,
                angivet_plats: Plats::Cell {
                    tabell: Kostnadstabell::NyaInsatser,
                    rad: i,
                    falt: format!("{grupp}.{falt}"),
                },
                harlett: None,
                harlett_plats: Plats::Angivet,
                harlett_i_bladen: 0.0,
                tolerans: AVRUNDNING,
                harledning: None,
            };
            let budget = x.ekonomisk.projektbudget.tre_ar()[k];
            lagg(
                Jamforelse {
                    harlett: budget.map(|b| b.0 as f64),
                    harlett_plats: Plats::Forslag {
                        rad: *j,
                        falt: format!("ekonomisk.projektbudget.{falt}"),
                    },
                    harlett_i_bladen: budget.map_or(0.0, Kronor::tkr),
                    ..cell("kostnad", rad.kostnad.tre_ar()[k])
                },
                format!("Kostnad år {ar_k} för \"{}\"", x.namn),
                format!("projektbudgeten i 2.2 ({kalla})"),
                &radid,
            );
            lagg(
                Jamforelse {
                    harlett: paverkan(x, k),
                    harlett_plats: Plats::Forslag {
                        rad: *j,
                        falt: format!("ekonomisk.paverkan_forvaltningskostnad.{falt}"),
                    },
                    harlett_i_bladen: i_bladen(x, k).map_or(0.0, Kronor::tkr),
                    ..cell(
                        "paverkan_forvaltningskostnad",
                        rad.paverkan_forvaltningskostnad.tre_ar()[k],
                    )
                },
                format!("Påverkan på förvaltningskostnad {ar_k} för \"{}\"", x.namn),
                format!("påverkan i 2.2 ({kalla})"),
                &radid,
            );
        }
    }
    ut
}

/// One column of a stated total: table, column key, path under the stated total, year, stated
/// figure and sum of the rows.
type Summakolumn = (
    Kostnadstabell,
    String,
    String,
    i32,
    Option<Kronor>,
    Option<Kronor>,
);

/// Each stated total that is filled in, against the sum of its column.
fn summajamforelser(a: &ArligAnalys) -> Vec<Jamforelse> {
    let ar = a.meta.analysar;
    let mut kolumner: Vec<Summakolumn> = Vec::new();
    if let Some(angiven) = &a.kostnader.forvaltning.angiven_totalkostnad {
        let summa = a.kostnader.forvaltning.totalkostnad();
        for ((falt, s), (_, v)) in summa.med_falt().into_iter().zip(angiven.med_falt()) {
            let t = Kostnadstabell::Forvaltning;
            kolumner.push((t, format!("kostnad.{falt}"), falt.into(), ar, v, s));
        }
    }
    if let Some(angiven) = &a.kostnader.utveckling.angiven_totalkostnad {
        let summa = a.kostnader.utveckling.totalkostnad();
        let t = Kostnadstabell::Utveckling;
        for ((falt, s), (_, v)) in summa
            .kostnad
            .med_falt()
            .into_iter()
            .zip(angiven.kostnad.med_falt())
        {
            let falt = format!("kostnad.{falt}");
            kolumner.push((t, falt.clone(), falt, ar, v, s));
        }
        let tre_ar = summa
            .paverkan_forvaltningskostnad
            .tre_ar()
            .into_iter()
            .zip(angiven.paverkan_forvaltningskostnad.tre_ar());
        for (k, (s, v)) in tre_ar.enumerate() {
            let falt = format!("paverkan_forvaltningskostnad.{}", TRE_AR[k]);
            kolumner.push((t, falt.clone(), falt, ar.saturating_add(k as i32), v, s));
        }
    }
    if let Some(angiven) = &a.kostnader.nya_insatser.angiven_totalkostnad {
        let summa = a.kostnader.nya_insatser.totalkostnad();
        let t = Kostnadstabell::NyaInsatser;
        for (grupp, summor, angivna) in [
            ("kostnad", &summa.kostnad, &angiven.kostnad),
            (
                "paverkan_forvaltningskostnad",
                &summa.paverkan_forvaltningskostnad,
                &angiven.paverkan_forvaltningskostnad,
            ),
        ] {
            let tre_ar = summor.tre_ar().into_iter().zip(angivna.tre_ar());
            for (k, (s, v)) in tre_ar.enumerate() {
                let falt = format!("{grupp}.{}", TRE_AR[k]);
                kolumner.push((t, falt.clone(), falt, ar.saturating_add(k as i32), v, s));
            }
        }
    }
    kolumner
        .into_iter()
        .filter(|(_, _, _, _, angivet, _)| angivet.is_some())
        .map(|(tabell, falt, under, ar, angivet, summa)| Jamforelse {
            slag: Slag::Summa { summa },
            sokvag: format!("{}.angiven_totalkostnad.{under}", tabell.sokvag()),
            tabell,
            falt: falt.clone(),
            ar,
            namn: String::new(),
            angivet,
            angivet_plats: Plats::Angivet,
            harlett: Some(summa.unwrap_or_default().0 as f64),
            harlett_plats: Plats::Summa { tabell, falt },
            harlett_i_bladen: summa.map_or(0.0, Kronor::tkr),
            tolerans: EXAKT,
            harledning: None,
        })
        .collect()
}

/// Each förvaltning row with a positive budget and a prognos, when the analysis declares an
/// index uplift.
fn indexjamforelser(a: &ArligAnalys) -> Vec<Jamforelse> {
    let Some(sats) = a.kostnader.forvaltning.indexupprakning_procent else {
        return Vec::new();
    };
    let tabell = Kostnadstabell::Forvaltning;
    let cell = |rad: usize, falt: &str| Plats::Cell {
        tabell,
        rad,
        falt: falt.into(),
    };
    let mut ut = Vec::new();
    for (i, rad) in a.kostnader.forvaltning.rader.iter().enumerate() {
        let (Some(budget), Some(prognos)) = (rad.kostnad.budget, rad.kostnad.prognos) else {
            continue;
        };
        if budget.0 <= 0 {
            continue;
        }
        ut.push(Jamforelse {
            slag: Slag::Index { budget, sats },
            sokvag: format!("kostnader.forvaltning.rader[{i}].kostnad.prognos"),
            tabell,
            falt: "kostnad.prognos".into(),
            ar: a.meta.analysar,
            namn: a.tjanstekatalog.namn(&rad.tjanst).to_string(),
            angivet: Some(prognos),
            angivet_plats: cell(i, "kostnad.prognos"),
            harlett: Some(budget.0 as f64 * (1.0 + sats / 100.0)),
            harlett_plats: Plats::Indexerat {
                bas: Box::new(cell(i, "kostnad.budget")),
                sats,
            },
            harlett_i_bladen: budget.tkr() * (1.0 + sats / 100.0),
            tolerans: INDEXAVRUNDNING,
            harledning: None,
        });
    }
    ut
}
