//! The digitaliseringsplan: the bundled example (a fictitious förvaltning) with no findings,
//! every DP- rule proved on a document that breaks it, the example round-tripped through the
//! exchange format, and the Word and Excel exports read back.

mod common;
use common::TESTNYCKEL;

use std::collections::BTreeSet;

use calamine::{Data, Reader, Xlsx};
use underlag::app::{ListaArg, NyttDokumentArg, Program};
use underlag::example::exempel_med_namn;
use underlag::model::{Digitaliseringsplan, Dokument, JaNej, Kronor, Systematgard};
use underlag::template::Mallbibliotek;
use underlag::validate::{Fynd, REGLER, validera};

const EXEMPEL: &str = "digitaliseringsplan-2024-exempel";

fn exempel() -> Digitaliseringsplan {
    match exempel_med_namn(EXEMPEL) {
        Some(Ok(Dokument::Digitaliseringsplan(d))) => *d,
        annat => panic!("{EXEMPEL}: {annat:?}"),
    }
}

fn granska(d: Digitaliseringsplan) -> Vec<Fynd> {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta(&d.meta.mall)
        .unwrap_or_else(|| panic!("mallen {} saknas", d.meta.mall));
    validera(&Dokument::Digitaliseringsplan(Box::new(d)), mall)
}

type Bryt = fn(&mut Digitaliseringsplan);

/// One document per rule and case: (rule, path of the finding, how the example is broken).
const BROTT: &[(&str, &str, Bryt)] = &[
    ("DP-obligatoriskt", "meta.vardokument", |d| {
        d.meta.vardokument = None
    }),
    ("DP-obligatoriskt", "mo2.onskat_lage", |d| {
        d.mo2.onskat_lage.clear()
    }),
    ("DP-obligatoriskt", "insatser.insatser[1].behov", |d| {
        d.insatser.insatser[1].behov.clear()
    }),
    ("DP-obligatoriskt", "risker.risker[0].atgard", |d| {
        d.risker.risker[0].atgard.clear()
    }),
    ("DP-avsteg", "bastjanster.avsteg[0].motivering", |d| {
        d.bastjanster.avsteg[0].motivering.clear()
    }),
    ("DP-avsteg", "bastjanster.avsteg[0].beslut", |d| {
        d.bastjanster.avsteg[0].beslut = "  ".into()
    }),
    (
        "DP-ateranvandning",
        "insatser.insatser[0].ateranvandning",
        |d| d.insatser.insatser[0].ateranvandning.svar = None,
    ),
    (
        "DP-ateranvandning",
        "insatser.insatser[1].ateranvandning",
        |d| d.insatser.insatser[1].ateranvandning.kommentar.clear(),
    ),
    ("DP-effektmal", "insatser.insatser[2].effektmal", |d| {
        d.insatser.insatser[2].effektmal = "Alla chefer ska bli bättre på digitalisering.".into()
    }),
    (
        "DP-nyttorealisering",
        "insatser.insatser[0].nyttorealisering.ansvarig",
        |d| d.insatser.insatser[0].nyttorealisering.ansvarig.clear(),
    ),
    ("DP-avveckling", "system.system[2].konsekvensanalys", |d| {
        d.system.system[2].konsekvensanalys.clear()
    }),
    ("DP-avveckling", "system.system[0].avvecklingsplan", |d| {
        d.system.system[0].atgard = Some(Systematgard::Avveckla)
    }),
    ("DP-indikator", "mo1.indikatorer[0].utgangsvarde", |d| {
        d.mo1.indikatorer[0].utgangsvarde.clear()
    }),
    ("DP-indikator", "mo4.indikatorer[0].malvarde", |d| {
        d.mo4.indikatorer[0].malvarde.clear()
    }), // A value from another year's list (as a later template might have it) is kept and flagged.
    ("DP-val-utanfor-mallen", "koppling.valda_nyttor", |d| {
        d.koppling.valda_nyttor = Some(vec!["kvalitet_tillganglighet".into(), "hallbarhet".into()])
    }),
    ("DP-obligatoriskt", "koppling.valda_nyttor", |d| {
        d.koppling.valda_nyttor = Some(Vec::new())
    }),
    (
        "DP-belopp-negativ",
        "insatser.insatser[1].kostnad.ar",
        |d| d.insatser.insatser[1].kostnad.ar = Some(Kronor(-250_000)),
    ),
    (
        "DP-belopp-enhet",
        "insatser.insatser[0].kostnad.ar_plus_2",
        |d| d.insatser.insatser[0].kostnad.ar_plus_2 = Some(Kronor(150)),
    ),
    ("DP-period", "meta.period_slut_ar", |d| {
        d.meta.period_slut_ar = Some(d.meta.ar - 1)
    }),
    ("DP-indikator-ar", "mo3.indikatorer[0].ar", |d| {
        d.mo3.indikatorer[0].ar = Some(2019)
    }),
];

#[test]
fn the_example_has_no_findings() {
    let fynd = granska(exempel());
    assert!(fynd.is_empty(), "{fynd:#?}");
}

#[test]
fn the_example_exercises_every_part_of_the_plan() {
    let d = exempel();
    assert_eq!(d.insatser.insatser.len(), 3);
    for mo in [&d.mo1, &d.mo2, &d.mo3, &d.mo4] {
        assert!(!mo.dimios.is_empty() && !mo.indikatorer.is_empty());
    }
    let svar: Vec<_> = d
        .insatser
        .insatser
        .iter()
        .filter_map(|x| x.ateranvandning.svar)
        .collect();
    assert!(svar.contains(&JaNej::Ja) && svar.contains(&JaNej::Nej));
    let atgarder: Vec<_> = d.system.system.iter().filter_map(|s| s.atgard).collect();
    for a in [
        Systematgard::Utveckla,
        Systematgard::Behalla,
        Systematgard::Avveckla,
    ] {
        assert!(atgarder.contains(&a), "{a:?}");
    }
    assert!(!d.bastjanster.avsteg.is_empty() && !d.risker.risker.is_empty());
}

#[test]
fn every_digitaliseringsplan_rule_fires_on_its_breaking_document() {
    for (regel, sokvag, bryt) in BROTT {
        let mut d = exempel();
        bryt(&mut d);
        let fynd = granska(d);
        let traff = fynd
            .iter()
            .find(|f| f.regel == *regel && f.sokvag == *sokvag)
            .unwrap_or_else(|| panic!("{regel} gav inget fynd på {sokvag}: {fynd:#?}"));
        let katalog = REGLER
            .iter()
            .find(|r| r.id == *regel)
            .unwrap_or_else(|| panic!("{regel} saknas i REGLER"));
        assert_eq!(traff.allvarlighet, katalog.allvarlighet, "{regel}");
        assert!(!traff.meddelande.is_empty());
        // The example is marked klar, so a planted fel also makes its status a claim that
        // no longer holds (ALLA-status).
        assert!(
            fynd.iter()
                .all(|f| f.regel == *regel || f.regel == "ALLA-status"),
            "bara {regel} ska slå till: {fynd:#?}"
        );
    }
    let katalog: BTreeSet<&str> = REGLER
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("DP-"))
        .collect();
    // That every rule has a planted mistake is `tests/planterade_fel.rs`'s to say: a rule
    // about what a later year's template drops (TP-/DP-inaktiv-innehall) needs that template.
    for del in common::regel_id_i_kallan(
        include_str!("../src/validate/digitaliseringsplan.rs"),
        "DP-",
    ) {
        assert!(
            katalog.contains(del),
            "{del} används i koden men saknas i REGLER"
        );
    }
}

#[test]
fn findings_carry_their_section_number() {
    let mut d = exempel();
    d.bastjanster.avsteg[0].beslut.clear();
    d.insatser.insatser[2].nyttorealisering.ansvarig.clear();
    let fynd = granska(d);
    let avsnitt: Vec<(&str, &str)> = fynd.iter().map(|f| (f.regel, f.avsnitt.as_str())).collect();
    assert!(avsnitt.contains(&("DP-avsteg", "6")), "{avsnitt:?}");
    assert!(
        avsnitt.contains(&("DP-nyttorealisering", "4")),
        "{avsnitt:?}"
    );
}

#[test]
fn the_example_round_trips_through_the_exchange_format() {
    let dokument = Dokument::Digitaliseringsplan(Box::new(exempel()));
    let ut = underlag::exchange::skriv(&dokument);
    let tillbaka = underlag::exchange::las(ut.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tillbaka, dokument);
    assert_eq!(underlag::exchange::skriv(&tillbaka), ut);
    assert!(underlag::model::kontrollera_referenser(&dokument).is_empty());
}

#[test]
fn a_new_plan_in_the_app_gets_valid_new_rows() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut p = Program::oppna(
        &katalog.path().join("db.sqlite"),
        &underlag::store::nyckel::Nyckelval::med_nyckel(
            TESTNYCKEL,
            &katalog.path().join("db.sqlite"),
        ),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let vy = p
        .skapa_dokument(NyttDokumentArg {
            mall: "digitaliseringsplan-2023".into(),
            organisation: "Exempelnämnden".into(),
            ar: 2025,
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(vy.titel, "Digitaliseringsplan 2025");
    let id = vy.id;
    let mut lagg_till = |lista: &str| {
        p.lagg_till_post(ListaArg {
            id,
            lista: lista.into(),
        })
        .unwrap_or_else(|e| panic!("{lista}: {e:?}"))
    };
    lagg_till("insatser.insatser");
    for lista in [
        "mo1.dimios",
        "mo3.indikatorer",
        "bastjanster.avsteg",
        "system.system",
        "risker.risker",
    ] {
        lagg_till(lista);
    }
    let vy = lagg_till("insatser.insatser");
    let ids: Vec<&str> = vy.dokument["insatser"]["insatser"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids, ["insats-1", "insats-2"]);
    for (sektion, lista) in [
        ("mo1", "dimios"),
        ("mo3", "indikatorer"),
        ("bastjanster", "avsteg"),
        ("system", "system"),
        ("risker", "risker"),
    ] {
        assert_eq!(
            vy.dokument[sektion][lista].as_array().map(Vec::len),
            Some(1),
            "{sektion}.{lista}"
        );
    }
}

#[test]
fn the_word_export_has_the_headings_and_the_insatser() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta("digitaliseringsplan-2023")
        .unwrap_or_else(|| panic!("mall"));
    let bytes = underlag::export::skriv_docx(
        &Dokument::Digitaliseringsplan(Box::new(exempel())),
        mall,
        &underlag::export::Docxval {
            anvisningar: false,
            datum: chrono::NaiveDate::from_ymd_opt(2023, 12, 12).unwrap_or_default(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let text = common::dokumenttext(&bytes);
    for vantat in [
        "Digitaliseringsplan 2024–2026",
        // The title page in the template's own words (Ingår i: Verksamhetsplan).
        "Ingår i: |Verksamhetsplan",
        "Referens till dokumentet planen ingår i: |Exempelnämndens verksamhetsplan 2024, bilaga 3",
        "1 Inledning",
        "2 Koppling till stadens plan för digitalisering",
        "3.1 Uppnå balans mellan effektivitet och innovation",
        "3.4 Säkerställa ändamålsenlig kompetensförsörjning för omställning",
        "4 Insatser",
        "Insats 1: Digital ansökan om tillstånd",
        "Andelen ansökningar som lämnas digitalt ökar från 42 procent till 70 procent till december 2025.",
        "5 Kostnader per år",
        "Kostnad 2026",
        "6 Bastjänster och avsteg",
        "Exempelnämnden 2023-12-12 § 87, rapporterat till kommunfullmäktige",
        "7 Verksamhetsspecifika system",
        "Avveckla",
        "8 Risker",
    ] {
        assert!(
            text.contains(vantat),
            "{vantat} saknas i Word-exporten: {text}"
        );
    }
    // The costs table's computed total row: 1 700, 950 and 450 tkr.
    assert!(text.contains("Summa|1 700 tkr|950 tkr|450 tkr"), "{text}");
}

#[test]
fn the_excel_export_has_the_costs_sheet_with_the_yearly_sums() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta("digitaliseringsplan-2023")
        .unwrap_or_else(|| panic!("mall"));
    let bytes =
        underlag::export::skriv_xlsx(&Dokument::Digitaliseringsplan(Box::new(exempel())), mall)
            .unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let namn = wb
        .sheet_names()
        .into_iter()
        .find(|b| b.starts_with("Kostnader per år"))
        .unwrap_or_else(|| panic!("inget kostnadsblad"));
    let omrade = wb.worksheet_range(&namn).unwrap_or_else(|e| panic!("{e}"));
    let summa: Vec<f64> = omrade
        .rows()
        .find(|r| r.first() == Some(&Data::String("Summa".into())))
        .map(|r| {
            r.iter()
                .filter_map(|c| match c {
                    Data::Float(f) => Some(*f),
                    Data::Int(i) => Some(*i as f64),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    // The example's three insatser: 850 + 600 + 250, 400 + 300 + 250, 150 + 100 + 200 tkr.
    assert_eq!(summa, [1700.0, 950.0, 450.0]);
}
