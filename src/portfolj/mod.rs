//! The city's portfolio: several årliga analyser (several leverantörer, several years) read as
//! one. Every föreslagen (2.2) and pågående (1.4) insats in one list, filtered; totals per
//! bastjänst, leverantör, kundgrupp and year; the PIOS matrix; cost development per bastjänst
//! from 3.1. Pure: the app, the CLI, the exports and the benchmark call `portfolj` with the
//! documents and their templates, and show what it answers.
//!
//! Counting rules (ARCHITECTURE.md, "Decisions", says why):
//! - A bastjänst is a tjänst of one owner: the leverantör named in the catalogue's
//!   `annan_leverantor`, else the document's organisation, and its name (compared as
//!   `model::namnnyckel`: case, punctuation and spacing ignored). Equal names of different
//!   owners are different bastjänster; the same name of one owner in several years is one.
//!   Where two owners' tjänster share a name, the label names the owner:
//!   "E-tjänsteplattform (Intraservice)".
//! - An insats with several tjänster has its projektbudget split evenly between them in whole
//!   kronor (the remainder to the first ones), so the totals per bastjänst add up exactly to
//!   the grand total; `antal` counts the insats under each of its tjänster.
//! - Projektbudget years are made absolute from the analysår ({år}, {år+1}, {år+2}); "senare"
//!   has no year and is one bucket, "Senare år", last.
//! - Pågående insatser (1.4) carry no projektbudget in the template: they are listed and
//!   counted, their amount is empty.
//! - Cost development takes each analysis's 3.1 förvaltning plus utveckling per tjänst: utfall
//!   on {år−2}, budget on {år−1}, prognos on {år}. Where several analyses give a figure for the
//!   same bastjänst and year, the more realised kind wins (utfall over budget over prognos),
//!   then the newer analysis, then the later document in the portfolio.

pub mod diagram;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::belopp::formatera_tkr;
use crate::model::{
    ArligAnalys, Arsbelopp, Dokument, EffektivitetInnovation, InsatsId, InternExtern, Kronor,
    TjanstId, summa_ifyllda,
};
use crate::store::DokumentId;
use crate::template::Mall;
use crate::validate::{self, Allvarlighet};

/// One document of the portfolio, with the template it follows.
#[derive(Debug, Clone, Copy)]
pub struct Kalla<'a> {
    pub id: DokumentId,
    pub dokument: &'a Dokument,
    pub mall: &'a Mall,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Portfoljfel {
    #[error("Välj minst en årlig analys till portföljen.")]
    Tom,
    #[error("Dokument {id} ({organisation}) är en {typ}; portföljen läser bara årliga analyser.")]
    InteArligAnalys {
        id: DokumentId,
        organisation: String,
        typ: String,
    },
    /// One leverantör's analysis for one year is one set of insatser: taken twice (an imported
    /// copy beside the stored one, the same file twice) every krona would count twice.
    #[error(
        "{organisation} {analysar} finns två gånger i portföljen (dokument {forsta} och {andra}); ta bara med en av dem, annars räknas varje insats två gånger."
    )]
    Dubblett {
        organisation: String,
        analysar: i32,
        forsta: DokumentId,
        andra: DokumentId,
    },
}

/// Which insatser the list, the totals and the charts take. An empty list means all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Portfoljfilter {
    pub leverantorer: Vec<String>,
    pub ar: Vec<i32>,
    /// Bastjänst labels as `Filterval::tjanster` gives them.
    pub tjanster: Vec<String>,
    pub kundgrupper: Vec<String>,
    pub status: Vec<Insatsstatus>,
    /// Case-insensitive, in the insats's name, id, leverantör, tjänster and kundgrupp.
    pub fritext: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Insatsstatus {
    /// 2.2 Förslag på nya förändringsinsatser.
    Foreslagen,
    /// 1.4 Pågående förändringsinsatser.
    Pagaende,
}

impl Insatsstatus {
    pub fn benamning(self) -> &'static str {
        match self {
            Insatsstatus::Foreslagen => "Föreslagen",
            Insatsstatus::Pagaende => "Pågående",
        }
    }
}

/// An amount with the text the UI and the exports show ("77 587 tkr"; empty when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Beloppsvisning {
    pub kronor: Option<Kronor>,
    pub visning: String,
}

impl Beloppsvisning {
    pub fn av(kronor: Option<Kronor>) -> Beloppsvisning {
        Beloppsvisning {
            kronor,
            visning: kronor.map(formatera_tkr).unwrap_or_default(),
        }
    }
}

/// A document of the portfolio and its validation counts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Portfoljdokument {
    pub id: DokumentId,
    pub organisation: String,
    pub analysar: i32,
    pub fel: usize,
    pub varningar: usize,
}

/// The values present in the whole portfolio, for the filter controls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Filterval {
    pub leverantorer: Vec<String>,
    pub ar: Vec<i32>,
    pub tjanster: Vec<String>,
    pub kundgrupper: Vec<String>,
}

/// One year's part of a projektbudget; `ar` is `None` for "senare".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Arsdel {
    pub ar: Option<i32>,
    pub etikett: String,
    pub belopp: Beloppsvisning,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Portfoljinsats {
    pub dokument_id: DokumentId,
    pub insats_id: String,
    pub leverantor: String,
    pub analysar: i32,
    pub status: Insatsstatus,
    pub namn: String,
    /// Bastjänst labels (see the module's counting rules).
    pub tjanster: Vec<String>,
    pub kundgrupp: String,
    /// The template's label ("Intern och extern"); `None` when not stated or pågående.
    pub intern_extern: Option<String>,
    pub effektivitet_innovation: Option<String>,
    /// The whole projektbudget ({år} … senare).
    pub projektbudget: Beloppsvisning,
    /// Per absolute year, only the years with an amount.
    pub projektbudget_per_ar: Vec<Arsdel>,
    #[serde(skip)]
    #[ts(skip)]
    axlar: Option<(InternExtern, EffektivitetInnovation)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Summapost {
    pub etikett: String,
    pub belopp: Beloppsvisning,
    /// Insatser counted under this label (under a bastjänst, each insats of that tjänst).
    pub antal: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Portfoljsummor {
    /// Largest amount first.
    pub per_bastjanst: Vec<Summapost>,
    pub per_leverantor: Vec<Summapost>,
    pub per_kundgrupp: Vec<Summapost>,
    /// By year, "Senare år" last.
    pub per_ar: Vec<Summapost>,
    pub totalt: Summapost,
}

/// A proposal in the PIOS matrix: column 0 intern, 1 intern och extern, 2 extern; row 0
/// effektivitet, 1 effektivitet och innovation, 2 innovation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Matrispunkt {
    pub namn: String,
    pub leverantor: String,
    pub analysar: i32,
    pub kolumn: u8,
    pub rad: u8,
    pub intern_extern: String,
    pub effektivitet_innovation: String,
    pub projektbudget: Beloppsvisning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kostnadsslag {
    Utfall,
    Budget,
    Prognos,
}

impl Kostnadsslag {
    pub fn benamning(self) -> &'static str {
        match self {
            Kostnadsslag::Utfall => "utfall",
            Kostnadsslag::Budget => "budget",
            Kostnadsslag::Prognos => "prognos",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Kostnadspunkt {
    pub ar: i32,
    pub belopp: Beloppsvisning,
    pub slag: Kostnadsslag,
    /// The analysis the figure comes from.
    pub analysar: i32,
    pub leverantor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Kostnadsserie {
    pub bastjanst: String,
    /// By year.
    pub punkter: Vec<Kostnadspunkt>,
}

/// The portfolio after the filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolj {
    pub dokument: Vec<Portfoljdokument>,
    pub filterval: Filterval,
    pub insatser: Vec<Portfoljinsats>,
    pub summor: Portfoljsummor,
    pub matris: Vec<Matrispunkt>,
    /// Proposals left out of the matrix because an axis is not stated.
    pub utanfor_matris: usize,
    pub kostnadsutveckling: Vec<Kostnadsserie>,
}

pub const INGEN_TJANST: &str = "Ingen tjänst angiven";
pub const INGEN_KUNDGRUPP: &str = "Ingen kundgrupp angiven";
pub const SENARE_AR: &str = "Senare år";

/// Builds the portfolio of `kallor` under `filter`.
pub fn portfolj(kallor: &[Kalla<'_>], filter: &Portfoljfilter) -> Result<Portfolj, Portfoljfel> {
    if kallor.is_empty() {
        return Err(Portfoljfel::Tom);
    }
    let mut analyser = Vec::with_capacity(kallor.len());
    for k in kallor {
        match k.dokument {
            Dokument::ArligAnalys(a) => analyser.push((k, a.as_ref())),
            annat => {
                return Err(Portfoljfel::InteArligAnalys {
                    id: k.id,
                    organisation: annat.organisation().to_string(),
                    typ: annat.typ().benamning().to_lowercase(),
                });
            }
        }
    }
    for (i, (k, a)) in analyser.iter().enumerate() {
        if let Some((forsta, _)) = analyser[..i].iter().find(|(_, b)| {
            b.meta.analysar == a.meta.analysar
                && b.meta.organisation.trim() == a.meta.organisation.trim()
        }) {
            return Err(Portfoljfel::Dubblett {
                organisation: a.meta.organisation.trim().to_string(),
                analysar: a.meta.analysar,
                forsta: forsta.id,
                andra: k.id,
            });
        }
    }
    let etiketter = Tjanstetiketter::ny(&analyser);

    let dokument = analyser
        .iter()
        .map(|(k, a)| {
            let fynd = validate::validera(k.dokument, k.mall);
            let fel = fynd
                .iter()
                .filter(|f| f.allvarlighet == Allvarlighet::Fel)
                .count();
            Portfoljdokument {
                id: k.id,
                organisation: a.meta.organisation.clone(),
                analysar: a.meta.analysar,
                fel,
                varningar: fynd.len() - fel,
            }
        })
        .collect();

    let alla: Vec<Portfoljinsats> = analyser
        .iter()
        .flat_map(|(k, a)| insatser_i(k, a, &etiketter))
        .collect();
    let filterval = filterval(&alla);
    let insatser: Vec<Portfoljinsats> = alla.into_iter().filter(|i| filter.tar(i)).collect();
    let summor = summor(&insatser);
    let (matris, utanfor_matris) = matris(&insatser);
    let kostnadsutveckling = kostnadsutveckling(&analyser, &etiketter, filter);
    Ok(Portfolj {
        dokument,
        filterval,
        insatser,
        summor,
        matris,
        utanfor_matris,
        kostnadsutveckling,
    })
}

impl Portfoljfilter {
    fn tar(&self, i: &Portfoljinsats) -> bool {
        let trim_lika = |a: &str, b: &str| a.trim() == b.trim();
        (self.leverantorer.is_empty()
            || self
                .leverantorer
                .iter()
                .any(|l| trim_lika(l, &i.leverantor)))
            && (self.ar.is_empty() || self.ar.contains(&i.analysar))
            && (self.tjanster.is_empty()
                || i.tjanster.iter().any(|t| self.tjanster.contains(t))
                || (i.tjanster.is_empty() && self.tjanster.iter().any(|t| t == INGEN_TJANST)))
            && (self.kundgrupper.is_empty()
                || self
                    .kundgrupper
                    .iter()
                    .any(|k| trim_lika(k, kundgrupp_text(&i.kundgrupp))))
            && (self.status.is_empty() || self.status.contains(&i.status))
            && self.fritext_tar(i)
    }

    fn fritext_tar(&self, i: &Portfoljinsats) -> bool {
        let sokt = self.fritext.trim().to_lowercase();
        if sokt.is_empty() {
            return true;
        }
        [&i.namn, &i.insats_id, &i.leverantor, &i.kundgrupp]
            .into_iter()
            .chain(i.tjanster.iter())
            .any(|t| t.to_lowercase().contains(&sokt))
    }

    /// Whether the filter limits which analyses are read (leverantör and year), and which
    /// bastjänster: what the cost development follows. The other filters are about insatser.
    fn tar_analys(&self, a: &ArligAnalys) -> bool {
        (self.leverantorer.is_empty()
            || self
                .leverantorer
                .iter()
                .any(|l| l.trim() == a.meta.organisation.trim()))
            && (self.ar.is_empty() || self.ar.contains(&a.meta.analysar))
    }
}

/// The kundgrupp as totals and filters name it: "Ingen kundgrupp angiven" when blank.
pub fn kundgrupp_text(kundgrupp: &str) -> &str {
    if kundgrupp.trim().is_empty() {
        INGEN_KUNDGRUPP
    } else {
        kundgrupp.trim()
    }
}

/// Bastjänst identity and labels across the portfolio (see the module's counting rules).
struct Tjanstetiketter {
    etikett: HashMap<(String, String), String>,
}

impl Tjanstetiketter {
    fn nyckel(a: &ArligAnalys, tjanst: &str, namn: &str) -> (String, String) {
        let agare = a
            .tjanstekatalog
            .get(&crate::model::TjanstId(tjanst.to_string()))
            .and_then(|t| t.annan_leverantor.as_deref())
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&a.meta.organisation);
        (agare.trim().to_string(), crate::model::namnnyckel(namn))
    }

    fn ny(analyser: &[(&Kalla<'_>, &ArligAnalys)]) -> Tjanstetiketter {
        // First the names as first seen per owner, then which names more than one owner uses.
        let mut namn: BTreeMap<(String, String), String> = BTreeMap::new();
        for (k, a) in analyser {
            let referenser = a
                .tjanstekatalog
                .iter()
                .map(|t| t.id.0.as_str())
                .chain(
                    a.foreslagna_insatser
                        .insatser
                        .iter()
                        .flat_map(|i| i.strategisk.tjanster.iter().map(|t| t.0.as_str())),
                )
                .chain(
                    a.pagaende_insatser
                        .insatser
                        .iter()
                        .flat_map(|i| i.tjanster.iter().map(|t| t.0.as_str())),
                );
            for id in referenser {
                let visat = k.dokument.namn_pa_tjanst(id);
                namn.entry(Self::nyckel(a, id, &visat))
                    .or_insert_with(|| visat.trim().to_string());
            }
        }
        let mut agare_per_namn: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for (agare, namnnyckel) in namn.keys() {
            agare_per_namn
                .entry(namnnyckel)
                .or_default()
                .insert(agare.as_str());
        }
        let etikett = namn
            .iter()
            .map(|(nyckel, visat)| {
                let flera = agare_per_namn.get(nyckel.1.as_str()).map_or(0, |a| a.len()) > 1;
                let e = if flera {
                    format!("{visat} ({})", nyckel.0)
                } else {
                    visat.clone()
                };
                (nyckel.clone(), e)
            })
            .collect();
        Tjanstetiketter { etikett }
    }

    fn for_tjanst(&self, dokument: &Dokument, a: &ArligAnalys, id: &str) -> String {
        let visat = dokument.namn_pa_tjanst(id);
        self.etikett
            .get(&Self::nyckel(a, id, &visat))
            .cloned()
            .unwrap_or_else(|| visat.trim().to_string())
    }
}

fn arsdelar(b: &Arsbelopp, analysar: i32) -> Vec<Arsdel> {
    let ar = |k: i32| {
        let a = analysar.saturating_add(k);
        (Some(a), a.to_string())
    };
    [
        (ar(0), b.ar),
        (ar(1), b.ar_plus_1),
        (ar(2), b.ar_plus_2),
        ((None, SENARE_AR.to_string()), b.senare),
    ]
    .into_iter()
    .filter_map(|((ar, etikett), belopp)| {
        belopp.map(|k| Arsdel {
            ar,
            etikett,
            belopp: Beloppsvisning::av(Some(k)),
        })
    })
    .collect()
}

fn insatser_i(k: &Kalla<'_>, a: &ArligAnalys, etiketter: &Tjanstetiketter) -> Vec<Portfoljinsats> {
    // What a pågående insats has; a föreslagen one adds its kundgrupp, axes and projektbudget.
    let insats = |id: &InsatsId, status, namn: &str, tjanster: &[TjanstId]| {
        let mut etiketter_for_tjanster: Vec<String> = Vec::new();
        for t in tjanster {
            let e = etiketter.for_tjanst(k.dokument, a, &t.0);
            if !etiketter_for_tjanster.contains(&e) {
                etiketter_for_tjanster.push(e);
            }
        }
        Portfoljinsats {
            dokument_id: k.id,
            insats_id: id.0.clone(),
            leverantor: a.meta.organisation.trim().to_string(),
            analysar: a.meta.analysar,
            status,
            namn: namn.to_string(),
            tjanster: etiketter_for_tjanster,
            kundgrupp: String::new(),
            intern_extern: None,
            effektivitet_innovation: None,
            projektbudget: Beloppsvisning::av(None),
            projektbudget_per_ar: Vec::new(),
            axlar: None,
        }
    };
    let etikett =
        |upprakning: &str, varde: &str| k.mall.etikett_for_varde(upprakning, varde).to_string();
    let enumtext = |v: serde_json::Value| v.as_str().map(str::to_string);
    let mut ut = Vec::new();
    for i in &a.foreslagna_insatser.insatser {
        let s = &i.strategisk;
        let b = &i.ekonomisk.projektbudget;
        let summa = summa_ifyllda([b.ar, b.ar_plus_1, b.ar_plus_2, b.senare]);
        let ie = s
            .intern_extern_nytta
            .and_then(|v| serde_json::to_value(v).ok())
            .and_then(enumtext)
            .map(|v| etikett("intern_extern", &v));
        let ei = s
            .effektivitet_innovation
            .and_then(|v| serde_json::to_value(v).ok())
            .and_then(enumtext)
            .map(|v| etikett("effektivitet_innovation", &v));
        ut.push(Portfoljinsats {
            kundgrupp: i.ekonomisk.kundgrupp_som_finansierar.trim().to_string(),
            intern_extern: ie,
            effektivitet_innovation: ei,
            projektbudget: Beloppsvisning::av(summa),
            projektbudget_per_ar: arsdelar(b, a.meta.analysar),
            axlar: s.intern_extern_nytta.zip(s.effektivitet_innovation),
            ..insats(&i.id, Insatsstatus::Foreslagen, &i.namn, &s.tjanster)
        });
    }
    for i in &a.pagaende_insatser.insatser {
        ut.push(insats(&i.id, Insatsstatus::Pagaende, &i.namn, &i.tjanster));
    }
    ut
}

fn filterval(alla: &[Portfoljinsats]) -> Filterval {
    let mut leverantorer = BTreeSet::new();
    let mut ar = BTreeSet::new();
    let mut tjanster = BTreeSet::new();
    let mut kundgrupper = BTreeSet::new();
    for i in alla {
        leverantorer.insert(i.leverantor.clone());
        ar.insert(i.analysar);
        if i.tjanster.is_empty() {
            tjanster.insert(INGEN_TJANST.to_string());
        }
        tjanster.extend(i.tjanster.iter().cloned());
        kundgrupper.insert(kundgrupp_text(&i.kundgrupp).to_string());
    }
    Filterval {
        leverantorer: leverantorer.into_iter().collect(),
        ar: ar.into_iter().collect(),
        tjanster: tjanster.into_iter().collect(),
        kundgrupper: kundgrupper.into_iter().collect(),
    }
}

/// Sums per label; an empty group sums to `None`, as every total in Underlag does.
#[derive(Default)]
struct Grupper {
    ordning: Vec<String>,
    poster: HashMap<String, (Option<Kronor>, usize)>,
}

impl Grupper {
    fn lagg(&mut self, etikett: &str, belopp: Option<Kronor>, raknas: bool) {
        let post = self.poster.entry(etikett.to_string()).or_insert_with(|| {
            self.ordning.push(etikett.to_string());
            (None, 0)
        });
        post.0 = summa_ifyllda([post.0, belopp]);
        if raknas {
            post.1 += 1;
        }
    }

    fn poster(self) -> Vec<Summapost> {
        let mut poster = self.poster;
        self.ordning
            .into_iter()
            .filter_map(|e| {
                poster.remove(&e).map(|(belopp, antal)| Summapost {
                    etikett: e,
                    belopp: Beloppsvisning::av(belopp),
                    antal,
                })
            })
            .collect()
    }

    /// Largest amount first, empty amounts last, then by label.
    fn storst_forst(self) -> Vec<Summapost> {
        let mut v = self.poster();
        v.sort_by(|a, b| {
            b.belopp
                .kronor
                .cmp(&a.belopp.kronor)
                .then_with(|| a.etikett.cmp(&b.etikett))
        });
        v
    }
}

/// `total` split into `n` whole-krona parts that add up to it exactly; the first parts take
/// the remainder.
pub fn fordela(total: Kronor, n: usize) -> Vec<Kronor> {
    let Ok(n64) = i64::try_from(n) else {
        return Vec::new();
    };
    if n64 == 0 {
        return Vec::new();
    }
    let bas = total.0.div_euclid(n64);
    let rest = total.0.rem_euclid(n64);
    (0..n64)
        .map(|i| Kronor(bas + i64::from(i < rest)))
        .collect()
}

fn summor(insatser: &[Portfoljinsats]) -> Portfoljsummor {
    let mut bastjanst = Grupper::default();
    let mut leverantor = Grupper::default();
    let mut kundgrupp = Grupper::default();
    let mut per_ar: BTreeMap<Option<i32>, (Option<Kronor>, usize)> = BTreeMap::new();
    for i in insatser {
        let belopp = i.projektbudget.kronor;
        if i.tjanster.is_empty() {
            bastjanst.lagg(INGEN_TJANST, belopp, true);
        } else {
            let delar = belopp.map(|b| fordela(b, i.tjanster.len()));
            for (n, t) in i.tjanster.iter().enumerate() {
                let del = delar.as_ref().and_then(|d| d.get(n).copied());
                bastjanst.lagg(t, del, true);
            }
        }
        leverantor.lagg(&i.leverantor, belopp, true);
        kundgrupp.lagg(kundgrupp_text(&i.kundgrupp), belopp, true);
        for d in &i.projektbudget_per_ar {
            let post = per_ar.entry(d.ar).or_insert((None, 0));
            post.0 = summa_ifyllda([post.0, d.belopp.kronor]);
            post.1 += 1;
        }
    }
    // BTreeMap orders None first; "senare" belongs last.
    let mut ar: Vec<Summapost> = per_ar
        .into_iter()
        .map(|(ar, (belopp, antal))| Summapost {
            etikett: ar.map_or_else(|| SENARE_AR.to_string(), |a| a.to_string()),
            belopp: Beloppsvisning::av(belopp),
            antal,
        })
        .collect();
    if ar.first().is_some_and(|p| p.etikett == SENARE_AR) {
        ar.rotate_left(1);
    }
    Portfoljsummor {
        per_bastjanst: bastjanst.storst_forst(),
        per_leverantor: leverantor.storst_forst(),
        per_kundgrupp: kundgrupp.storst_forst(),
        per_ar: ar,
        totalt: Summapost {
            etikett: "Totalt".to_string(),
            belopp: Beloppsvisning::av(summa_ifyllda(
                insatser.iter().map(|i| i.projektbudget.kronor),
            )),
            antal: insatser.len(),
        },
    }
}

fn matris(insatser: &[Portfoljinsats]) -> (Vec<Matrispunkt>, usize) {
    let mut punkter = Vec::new();
    let mut utanfor = 0;
    for i in insatser
        .iter()
        .filter(|i| i.status == Insatsstatus::Foreslagen)
    {
        let (Some((ie, ei)), Some(ie_text), Some(ei_text)) =
            (i.axlar, &i.intern_extern, &i.effektivitet_innovation)
        else {
            utanfor += 1;
            continue;
        };
        let kolumn = match ie {
            InternExtern::Intern => 0,
            InternExtern::InternOchExtern => 1,
            InternExtern::Extern => 2,
        };
        let rad = match ei {
            EffektivitetInnovation::Effektivitet => 0,
            EffektivitetInnovation::EffektivitetOchInnovation => 1,
            EffektivitetInnovation::Innovation => 2,
        };
        punkter.push(Matrispunkt {
            namn: i.namn.clone(),
            leverantor: i.leverantor.clone(),
            analysar: i.analysar,
            kolumn,
            rad,
            intern_extern: ie_text.clone(),
            effektivitet_innovation: ei_text.clone(),
            projektbudget: i.projektbudget.clone(),
        });
    }
    (punkter, utanfor)
}

fn kostnadsutveckling(
    analyser: &[(&Kalla<'_>, &ArligAnalys)],
    etiketter: &Tjanstetiketter,
    filter: &Portfoljfilter,
) -> Vec<Kostnadsserie> {
    // (bastjänst, year) -> (rank key, point). The rank key orders the candidates: the more
    // realised kind first, then the newer analysis, then the later document.
    type Nyckel = (
        Kostnadsslag,
        std::cmp::Reverse<i32>,
        std::cmp::Reverse<usize>,
    );
    let mut basta: BTreeMap<(String, i32), (Nyckel, Kostnadspunkt)> = BTreeMap::new();
    for (ordning, (k, a)) in analyser.iter().enumerate() {
        if !filter.tar_analys(a) {
            continue;
        }
        let kostnader = &a.kostnader;
        // One analysis may list a tjänst in both förvaltning and utveckling, and a name twice:
        // sum per bastjänst within the analysis first.
        let mut per_tjanst: BTreeMap<(String, Kostnadsslag), Option<Kronor>> = BTreeMap::new();
        let rader = kostnader
            .forvaltning
            .rader
            .iter()
            .map(|r| (&r.tjanst, &r.kostnad))
            .chain(
                kostnader
                    .utveckling
                    .rader
                    .iter()
                    .map(|r| (&r.tjanst, &r.kostnad)),
            );
        for (tjanst, kostnad) in rader {
            let etikett = etiketter.for_tjanst(k.dokument, a, &tjanst.0);
            if !filter.tjanster.is_empty() && !filter.tjanster.contains(&etikett) {
                continue;
            }
            for (slag, belopp) in [
                (Kostnadsslag::Utfall, kostnad.utfall),
                (Kostnadsslag::Budget, kostnad.budget),
                (Kostnadsslag::Prognos, kostnad.prognos),
            ] {
                let post = per_tjanst.entry((etikett.clone(), slag)).or_default();
                *post = summa_ifyllda([*post, belopp]);
            }
        }
        for ((etikett, slag), belopp) in per_tjanst {
            let Some(belopp) = belopp else { continue };
            let forskjutning = match slag {
                Kostnadsslag::Utfall => -2,
                Kostnadsslag::Budget => -1,
                Kostnadsslag::Prognos => 0,
            };
            let ar = a.meta.analysar.saturating_add(forskjutning);
            let rang = (
                slag,
                std::cmp::Reverse(a.meta.analysar),
                std::cmp::Reverse(ordning),
            );
            let punkt = Kostnadspunkt {
                ar,
                belopp: Beloppsvisning::av(Some(belopp)),
                slag,
                analysar: a.meta.analysar,
                leverantor: a.meta.organisation.trim().to_string(),
            };
            match basta.get(&(etikett.clone(), ar)) {
                Some((r, _)) if *r <= rang => {}
                _ => {
                    basta.insert((etikett, ar), (rang, punkt));
                }
            }
        }
    }
    let mut serier: Vec<Kostnadsserie> = Vec::new();
    for ((etikett, _), (_, punkt)) in basta {
        match serier.last_mut() {
            Some(s) if s.bastjanst == etikett => s.punkter.push(punkt),
            _ => serier.push(Kostnadsserie {
                bastjanst: etikett,
                punkter: vec![punkt],
            }),
        }
    }
    serier
}
