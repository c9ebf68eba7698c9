//! The tjänsteplan: the bundled examples from seed 002 as the seed states them, every rule
//! proved on a document that breaks it, a complete plan with no findings, and the exports and
//! the front matter's sammanställning read back.

mod common;

use std::collections::BTreeSet;

use calamine::{Data, Reader, Xlsx};
use underlag::example::exempel_med_namn;
use underlag::model::{Dokument, Kronor, Tjansteplan};
use underlag::template::Mallbibliotek;
use underlag::validate::{Allvarlighet, Fynd, REGLER, validera};

fn plan(namn: &str) -> Tjansteplan {
    match exempel_med_namn(namn) {
        Some(Ok(Dokument::Tjansteplan(t))) => *t,
        annat => panic!("{namn}: {annat:?}"),
    }
}

fn granska(t: Tjansteplan) -> Vec<Fynd> {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta(&t.meta.mall)
        .unwrap_or_else(|| panic!("mallen {} saknas", t.meta.mall));
    validera(&Dokument::Tjansteplan(Box::new(t)), mall)
}

/// The Ekonomi plan with what the seed leaves open filled in: its latest decided version
/// stated, a publication date, risker for the initiative it develops.
fn ren() -> Tjansteplan {
    let mut t = plan("tjansteplan-2023-ekonomi");
    t.meta.version = "3.0".into();
    t.meta.publiceringsdatum = chrono::NaiveDate::from_ymd_opt(2022, 10, 10);
    t.kostnadsuppskattning.initiativ[1].krav.risker =
        "Utan nytt ekonomisystem står staden utan stöd när avtalet går ut 1 oktober 2024.".into();
    t
}

type Bryt = fn(&mut Tjansteplan);

/// One document per rule: (rule, path of the finding, how the complete plan is broken).
const BROTT: &[(&str, &str, Bryt)] = &[
    ("TP-obligatoriskt", "sakerhetsniva.niva", |t| {
        t.sakerhetsniva.niva.clear()
    }),
    ("TP-bilaga", "bilaga.rader[0].belopp", |t| {
        t.bilaga.rader[0].belopp = Some(Kronor(1_500_000))
    }),
    (
        "TP-klassning",
        "kostnadsuppskattning.initiativ[1].utveckling.ar",
        |t| t.bilaga.rader.clear(),
    ),
    (
        "TP-pott",
        "kostnadsuppskattning.initiativ[1].utveckling.ar",
        |t| {
            let mut barn = t.kostnadsuppskattning.initiativ[1].clone();
            barn.id = underlag::model::InsatsId("initiativ-3".into());
            barn.namn = "Upphandla budget- och prognossystem".into();
            barn.pott = Some(t.kostnadsuppskattning.initiativ[1].id.clone());
            barn.utveckling.ar = Some(Kronor(2_500_000));
            t.kostnadsuppskattning.initiativ.push(barn);
            t.bilaga.rader[0].belopp = Some(Kronor(2_000_000));
        },
    ),
    ("TP-version", "meta.version", |t| {
        t.meta.version = "2.5".into()
    }),
    (
        "TP-versionshandelse",
        "versionshantering[1].handelse",
        |t| t.versionshantering[1].handelse = None,
    ),
    ("TP-publiceringsdatum", "meta.publiceringsdatum", |t| {
        t.meta.publiceringsdatum = chrono::NaiveDate::from_ymd_opt(2022, 1, 1)
    }),
    ("TP-platshallare", "sakerhetsniva.text", |t| {
        t.sakerhetsniva.text = "Publicerad [Publiceringsdatum]".into()
    }),
    (
        "TP-belopp-negativ",
        "kostnadsuppskattning.initiativ[1].utveckling.ar_plus_2",
        |t| t.kostnadsuppskattning.initiativ[1].utveckling.ar_plus_2 = Some(Kronor(-2_000_000)),
    ),
    (
        "TP-belopp-enhet",
        "kostnadsuppskattning.initiativ[0].paverkan_vidmakthalla.ar_plus_1",
        |t| {
            t.kostnadsuppskattning.initiativ[0]
                .paverkan_vidmakthalla
                .ar_plus_1 = Some(Kronor(43_000_000_000))
        },
    ),
];

#[test]
fn a_complete_plan_has_no_findings() {
    let fynd = granska(ren());
    assert!(fynd.is_empty(), "{fynd:#?}");
}

#[test]
fn every_tjansteplan_rule_fires_on_its_breaking_document() {
    for (regel, sokvag, bryt) in BROTT {
        let mut t = ren();
        bryt(&mut t);
        let fynd = granska(t);
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
    }
    let katalog: BTreeSet<&str> = REGLER
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("TP-"))
        .collect();
    // That every rule has a planted mistake is `tests/planterade_fel.rs`'s to say: a rule
    // about what a later year's template drops (TP-/DP-inaktiv-innehall) needs that template.
    for del in common::regel_id_i_kallan(include_str!("../src/validate/tjansteplan.rs"), "TP-") {
        assert!(
            katalog.contains(del),
            "{del} används i koden men saknas i REGLER"
        );
    }
}

#[test]
fn the_bilaga_finding_carries_both_amounts() {
    let mut t = ren();
    t.bilaga.rader[0].belopp = Some(Kronor(1_500_000));
    let fynd = granska(t);
    let f = fynd
        .iter()
        .find(|f| f.regel == "TP-bilaga")
        .unwrap_or_else(|| panic!("{fynd:#?}"));
    assert_eq!(
        (f.angivet, f.harlett),
        (Some(Kronor(1_500_000)), Some(Kronor(2_000_000)))
    );
    assert!(
        f.meddelande.contains("1 500 tkr") && f.meddelande.contains("2 000 tkr"),
        "{}",
        f.meddelande
    );
}

#[test]
fn the_seeds_ekonomi_plan_states_an_older_version_than_its_latest_decision() {
    // The front matter lists Ekonomi as version 2.0; its versionshantering ends with 3.0,
    // "Dialog i prioriteringsforum och beslut" on 2022-10-06.
    let fynd = granska(plan("tjansteplan-2023-ekonomi"));
    let f = fynd
        .iter()
        .find(|f| f.regel == "TP-version")
        .unwrap_or_else(|| panic!("{fynd:#?}"));
    assert!(
        f.meddelande.contains("2.0") && f.meddelande.contains("3.0"),
        "{}",
        f.meddelande
    );
    assert_eq!(f.allvarlighet, Allvarlighet::Fel);
}

#[test]
fn the_seeds_kommunikation_plan_was_published_before_its_last_version() {
    // Cover and header: 2022-10-20; version 4.0 is dated 2022-10-21.
    let fynd = granska(plan("tjansteplan-2023-kommunikation"));
    assert!(
        fynd.iter().any(|f| f.regel == "TP-publiceringsdatum"),
        "{fynd:#?}"
    );
}

#[test]
fn findings_about_an_initiatives_form_count_in_the_forms_section() {
    let mut t = ren();
    t.kostnadsuppskattning.initiativ[1].krav.risker.clear();
    let fynd = granska(t);
    let f = fynd
        .iter()
        .find(|f| f.sokvag == "kostnadsuppskattning.initiativ[1].krav.risker")
        .unwrap_or_else(|| panic!("{fynd:#?}"));
    assert_eq!(
        f.avsnitt, "7",
        "formulären står i avsnitt 7 Förändringsinsatser"
    );
}

#[test]
fn the_word_export_follows_the_plans_layout() {
    let t = ren();
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let dokument = Dokument::Tjansteplan(Box::new(t));
    let mall = mallar
        .hamta("tjansteplan-2023")
        .unwrap_or_else(|| panic!("mall"));
    let bytes = underlag::export::skriv_docx(
        &dokument,
        mall,
        &underlag::export::Docxval {
            anvisningar: false,
            datum: chrono::NaiveDate::from_ymd_opt(2022, 10, 10).unwrap_or_default(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let text = common::dokumenttext(&bytes);
    for vantat in [
        "Tjänsteplan 2023-2025",
        "3 Kostnadsuppskattning",
        "Utvecklingsinitiativ 2025",
        "7 Förändringsinsatser",
        "2 Utveckla område ekonomi",
        "2.2 Krav, risk och konsekvenser",
        "Lagen om offentlig upphandling (LOU)",
        "8 Bilaga: Fördelning av budget 2023",
        "Stöd i ekonomiprocesser",
        "Utveckling inom befintlig tjänst/tjänsteerbjudande",
        "Beslutad",
        "Prioriteringsforum",
    ] {
        assert!(
            text.contains(vantat),
            "{vantat} saknas i Word-exporten: {text}"
        );
    }
    // The bilaga's subtotals per class, computed: all 2 000 tkr within an existing tjänst.
    assert!(text.contains("varav nyutveckling|||0 tkr"), "{text}");
    assert!(
        text.contains("varav utveckling inom befintlig tjänst/tjänsteerbjudande|||2 000 tkr"),
        "{text}"
    );
    // The initiatives table's total row: 2 000 tkr development a year, 4 300 tkr impact.
    assert!(
        text.contains("Summa|2 000 tkr|2 000 tkr|2 000 tkr|4 300 tkr|4 300 tkr|4 300 tkr"),
        "{text}"
    );
}

#[test]
fn the_excel_export_has_a_sheet_per_table_with_live_subtotals() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let kom = plan("tjansteplan-2023-kommunikation");
    let mall = mallar
        .hamta("tjansteplan-2023")
        .unwrap_or_else(|| panic!("mall"));
    let bytes = underlag::export::skriv_xlsx(&Dokument::Tjansteplan(Box::new(kom)), mall)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let blad = wb.sheet_names();
    assert!(
        blad.iter().any(|b| b.starts_with("Budgetfördelning")),
        "{blad:?}"
    );
    let namn = blad
        .iter()
        .find(|b| b.starts_with("Budgetfördelning"))
        .cloned()
        .unwrap_or_default();
    let omrade = wb.worksheet_range(&namn).unwrap_or_else(|e| panic!("{e}"));
    // The seed's front matter: Kommunikation 7 150 tkr nyutveckling, 750 tkr within existing.
    let rad_for = |etikett: &str| {
        omrade
            .rows()
            .find(|r| r.first() == Some(&Data::String(etikett.into())))
            .and_then(|r| {
                r.iter().find_map(|c| match c {
                    Data::Float(f) => Some(*f),
                    _ => None,
                })
            })
    };
    assert_eq!(rad_for("Nyutveckling"), Some(7150.0));
    assert_eq!(
        rad_for("Utveckling inom befintlig tjänst/tjänsteerbjudande"),
        Some(750.0)
    );
    let formler = wb
        .worksheet_formula(&namn)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        formler
            .used_cells()
            .any(|(_, _, f)| f.contains("SUMPRODUCT(EXACT(")),
        "delsummorna ska vara formler"
    );
}

#[test]
fn the_front_matters_summary_is_computed_from_the_plans() {
    let planer = [
        plan("tjansteplan-2023-ekonomi"),
        plan("tjansteplan-2023-kommunikation"),
        plan("tjansteplan-2023-ledning-och-styrning"),
    ];
    let refs: Vec<&Tjansteplan> = planer.iter().collect();
    // The seed's front matter (tkr): Ekonomi 2.0 2 000 (0 / 2 000), Kommunikation 4.0 7 900
    // (7 150 / 750), Ledning och styrning 3.5 20 700 (20 700 / 0).
    let vantat = [
        ("Ekonomi", "2.0", 2_000, 0, 2_000),
        ("Kommunikation", "4.0", 7_900, 7_150, 750),
        ("Ledning och styrning", "3.5", 20_700, 20_700, 0),
    ];
    let rader = underlag::model::sammanstallning(&refs);
    for (r, (omrade, version, summa, ny, befintlig)) in rader.iter().zip(vantat) {
        assert_eq!(
            (
                r.tjansteomrade.as_str(),
                r.version.as_str(),
                r.summa,
                r.nyutveckling,
                r.utveckling_inom_befintlig_tjanst
            ),
            (
                omrade,
                version,
                Kronor(summa * 1000),
                Kronor(ny * 1000),
                Kronor(befintlig * 1000)
            )
        );
    }
    let docx = underlag::export::skriv_sammanstallning_docx(
        &refs,
        chrono::NaiveDate::from_ymd_opt(2022, 10, 10).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let text = common::dokumenttext(&docx);
    let total = vantat.iter().map(|v| v.2).sum::<i64>();
    assert!(
        text.contains("Ekonomisk sammanställning utvecklingskostnader"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Summa||{}",
            underlag::belopp::formatera_tkr(Kronor(total * 1000))
        )),
        "{text}"
    );

    let xlsx =
        underlag::export::skriv_sammanstallning_xlsx(&refs).unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap_or_else(|e| panic!("{e}"));
    let omrade = wb
        .worksheet_range("Sammanställning")
        .unwrap_or_else(|e| panic!("{e}"));
    let summarad = omrade
        .rows()
        .find(|r| r.first() == Some(&Data::String("Summa".into())))
        .unwrap_or_else(|| panic!("summaraden saknas"));
    assert_eq!(summarad.get(2), Some(&Data::Float(total as f64)));
}

#[test]
fn a_placeholder_never_reaches_a_word_or_excel_export() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta("tjansteplan-2023")
        .unwrap_or_else(|| panic!("mall"));
    let mut t = ren();
    // What the seed's HR plan shipped with.
    t.nyttor.text = "Publicerad [Publiceringsdatum].".into();
    let dokument = Dokument::Tjansteplan(Box::new(t.clone()));
    let val = underlag::export::Docxval {
        anvisningar: false,
        datum: chrono::NaiveDate::from_ymd_opt(2022, 10, 10).unwrap_or_default(),
    };
    for fel in [
        underlag::export::skriv_docx(&dokument, mall, &val).err(),
        underlag::export::skriv_xlsx(&dokument, mall).err(),
    ] {
        match fel {
            Some(underlag::export::ExportFel::Platshallare {
                sokvag,
                platshallare,
            }) => {
                assert_eq!(sokvag, "nyttor.text");
                assert_eq!(platshallare, "[Publiceringsdatum]");
            }
            annat => panic!("exporten skulle vägra platshållaren: {annat:?}"),
        }
    }
    // The exchange file keeps the draft as it is: it is not a document for readers.
    let json = underlag::exchange::skriv(&dokument);
    assert!(json.contains("[Publiceringsdatum]"));

    let mut namnlos = t;
    namnlos.nyttor.text.clear();
    namnlos.meta.tjansteomrade = "[Tjänsteområde]".into();
    assert!(matches!(
        underlag::export::skriv_sammanstallning_xlsx(&[&namnlos]),
        Err(underlag::export::ExportFel::Platshallare { .. })
    ));
}
