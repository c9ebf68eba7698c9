//! The city plan's övergripande mål, prioriterade nyttor and inriktningar as pick-lists in a
//! digitaliseringsplan (issue 20, item 1): a plan saved before the lists existed keeps its text
//! and gets the values it quotes checked; a value another year's template has and this one lacks
//! is kept, flagged in section 2 by its label and offered its replacement; the portfolio's
//! balance between effektivitet and innovation is computed from the insatser. Expected values
//! come from the plan's own wording (seed 001) and the example's figures, worked out by hand.

mod common;
use common::TESTNYCKEL;

use std::path::Path;

use serde_json::{Value, json};
use underlag::app::{AndraArg, Dokumentvy, ExempelArg, IdArg, Program, SokvagArg, Svar};
use underlag::edit::Andring;
use underlag::example::exempel_med_namn;
use underlag::model::{Digitaliseringsplan, Dokument, portfoljbalans};
use underlag::store::Store;
use underlag::store::nyckel::Nyckelval;
use underlag::template::{Mall, Mallbibliotek, planval};
use underlag::validate::{Allvarlighet, validera};

const GAMMAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/digitaliseringsplan-fore-planval.underlag.json"
);
const MALL_2023: &str = include_str!("../templates/digitaliseringsplan-2023.toml");

fn ok<T>(svar: Svar<T>) -> T {
    svar.unwrap_or_else(|e| panic!("kommandot misslyckades: {e:?}"))
}

fn program(katalog: &Path) -> Program {
    let db = katalog.join("db.sqlite");
    ok(Program::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db)))
}

fn koppling(vy: &Dokumentvy) -> &Value {
    &vy.dokument["koppling"]
}

fn exempel() -> Digitaliseringsplan {
    match exempel_med_namn("digitaliseringsplan-2024-exempel") {
        Some(Ok(Dokument::Digitaliseringsplan(d))) => *d,
        annat => panic!("{annat:?}"),
    }
}

/// A later year's template made from the 2023 one: "dialog_delaktighet" renamed, with
/// `ersatter` naming the old value, and "analys_kunskap" dropped without a replacement.
fn mall_2027() -> Mall {
    let text = MALL_2023
        .replace("id = \"digitaliseringsplan-2023\"", "id = \"digitaliseringsplan-2027\"")
        .replace("ar = 2023", "ar = 2027")
        .replace(
            "  varde = \"dialog_delaktighet\"\n",
            "  varde = \"dialog_och_delaktighet\"\n  ersatter = [\"dialog_delaktighet\"]\n",
        )
        .replace(
            "  [[upprakningar.varden]]\n  varde = \"analys_kunskap\"\n  etikett = \"Ökad förmåga till analys och kunskapsbildning.\"\n",
            "",
        );
    assert!(text.contains("dialog_och_delaktighet") && !text.contains("analys_kunskap"));
    Mall::fran_toml(&text, "digitaliseringsplan-2027.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_old_plan_imported_keeps_its_text_and_gets_the_values_it_quotes_checked() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut p = program(katalog.path());
    let vy = ok(p.importera(SokvagArg {
        sokvag: GAMMAL.into(),
    }));
    let k = koppling(&vy);
    // The text is kept word for word, now as the free text beside each list.
    assert_eq!(
        k["prioriterade_nyttor"],
        "Höjd kvalitet i och tillgänglighet till stadens digitala service. Ökad realisering av kvalitativa och ekonomiska nyttor och effekter."
    );
    assert_eq!(
        k["inriktningar"],
        "Vi arbetar så att tjänster erbjuds som utgår från användarnas behov\noch livshändelser, och så att NYA KOMPETENSER UTVECKLAS"
    );
    // Matched in list order, across case, a line break and a missing full stop.
    assert_eq!(
        k["valda_nyttor"],
        json!(["kvalitet_tillganglighet", "realisering_nyttor"])
    );
    assert_eq!(
        k["valda_inriktningar"],
        json!(["nya_kompetenser", "anvandarnas_behov"])
    );
    // Its own words ("ökad kvalitativ och likvärdig digital service …") are not the goal's
    // sentence: nothing is guessed, and the required choice is asked for.
    assert!(k.get("valda_mal").is_none_or(Value::is_null), "{k}");
    assert!(
        vy.fynd.iter().any(|f| f.sokvag == "koppling.valda_mal"
            && f.allvarlighet == Allvarlighet::Fel
            && f.meddelande
                .contains("Stadens övergripande mål som planen bidrar till")),
        "{:#?}",
        vy.fynd
    );
    // The import stored the matched choices: a fresh program reads them back.
    drop(p);
    let p = program(katalog.path());
    let igen = ok(p.hamta_dokument(IdArg { id: vy.id }));
    assert_eq!(koppling(&igen)["valda_nyttor"], k["valda_nyttor"]);
}

#[test]
fn a_plan_stored_before_the_lists_is_matched_on_reading_and_a_cleared_list_stays_cleared() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Stored as an earlier Underlag stored it: the old shape, straight into the database.
    let db = katalog.path().join("db.sqlite");
    let bytes = std::fs::read(GAMMAL).unwrap_or_else(|e| panic!("{e}"));
    let gammal = underlag::exchange::las(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let id = {
        let (mut store, _) = Store::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db))
            .unwrap_or_else(|e| panic!("{e}"));
        store.skapa(&gammal).unwrap_or_else(|e| panic!("{e}"))
    };
    let mut p = program(katalog.path());
    let vy = ok(p.hamta_dokument(IdArg { id }));
    assert_eq!(
        koppling(&vy)["valda_nyttor"],
        json!(["kvalitet_tillganglighet", "realisering_nyttor"])
    );
    // Reading did not rewrite the stored document.
    let (lagrad, _) = p.store().hamta(id).unwrap_or_else(|e| panic!("{e}"));
    let Dokument::Digitaliseringsplan(lagrad) = lagrad else {
        panic!("fel slag")
    };
    assert_eq!(lagrad.koppling.valda_nyttor, None);
    // The author clears the list: it is not matched again from the unchanged text.
    let vy = ok(p.andra(AndraArg {
        id,
        andring: Andring::Satt {
            falt: "koppling.valda_nyttor".into(),
            varde: json!([]),
        },
    }));
    assert_eq!(koppling(&vy)["valda_nyttor"], json!([]));
    let vy = ok(p.hamta_dokument(IdArg { id }));
    assert_eq!(koppling(&vy)["valda_nyttor"], json!([]));
    assert_eq!(
        koppling(&vy)["prioriterade_nyttor"],
        "Höjd kvalitet i och tillgänglighet till stadens digitala service. Ökad realisering av kvalitativa och ekonomiska nyttor och effekter."
    );
}

#[test]
fn a_value_the_template_year_lacks_is_kept_flagged_by_label_and_offered_its_replacement() {
    let mall = mall_2027();
    let mut d = exempel();
    d.meta.mall = "digitaliseringsplan-2027".into();
    d.koppling.valda_nyttor = Some(vec![
        "kvalitet_tillganglighet".into(),
        "dialog_delaktighet".into(),
        "analys_kunskap".into(),
    ]);
    let dokument = Dokument::Digitaliseringsplan(Box::new(d));
    let okanda = planval::okanda_val(&mall, &dokument.to_value());
    let par: Vec<(&str, Option<&str>)> = okanda
        .iter()
        .map(|o| {
            (
                o.varde.as_str(),
                o.ersattning.as_ref().map(|(v, _)| v.as_str()),
            )
        })
        .collect();
    assert_eq!(
        par,
        vec![
            ("dialog_delaktighet", Some("dialog_och_delaktighet")),
            ("analys_kunskap", None)
        ]
    );
    assert!(okanda.iter().all(|o| o.sokvag == "koppling.valda_nyttor"
        && o.text().contains("finns inte i mallen för 2027")));

    let fynd: Vec<_> = validera(&dokument, &mall)
        .into_iter()
        .filter(|f| f.regel == "DP-val-utanfor-mallen")
        .collect();
    assert_eq!(fynd.len(), 2, "{fynd:#?}");
    for f in &fynd {
        assert_eq!(f.allvarlighet, Allvarlighet::Varning);
        assert_eq!(f.avsnitt, "2");
        assert!(
            f.meddelande
                .starts_with("Avsnitt 2, Prioriterade nyttor som planen bidrar till:"),
            "{}",
            f.meddelande
        );
        // Swedish for a person, not a JSON path.
        assert!(
            !f.meddelande.contains("koppling.") && !f.meddelande.contains("valda_"),
            "{}",
            f.meddelande
        );
    }
    assert!(
        fynd[0]
            .meddelande
            .contains("\"Ökad möjlighet till dialog och delaktighet.\"")
    );
    // Kept: nothing was dropped from the document.
    let Dokument::Digitaliseringsplan(d) = &dokument else {
        panic!()
    };
    assert_eq!(d.koppling.valda_nyttor.as_ref().map(Vec::len), Some(3));
}

#[test]
fn a_template_that_replaces_a_value_it_still_has_is_refused() {
    let text = MALL_2023.replace(
        "  varde = \"dialog_delaktighet\"\n",
        "  varde = \"dialog_delaktighet\"\n  ersatter = [\"analys_kunskap\"]\n",
    );
    let fel = Mall::fran_toml(&text, "t.toml")
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(fel.contains("ersätter \"analys_kunskap\""), "{fel}");
    // `ersatter` in an enumeration the model owns has nothing to replace.
    let text = MALL_2023.replace(
        "  varde = \"mo4\"\n",
        "  varde = \"mo4\"\n  ersatter = [\"mo5\"]\n",
    );
    let fel = Mall::fran_toml(&text, "t.toml")
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(fel.contains("ersatter"), "{fel}");
}

#[test]
fn the_balance_is_computed_from_the_insatser_by_count_and_by_cost() {
    // The example: insats 1 both (850 + 400 + 150 = 1 400 tkr, intern och extern), insats 2
    // effektivitet (600 + 300 + 100 = 1 000 tkr, intern), insats 3 innovation (250 + 250 + 200
    // = 700 tkr, intern). By count 1½ : 1½; by cost 700 + 1 000 = 1 700 against 700 + 700 =
    // 1 400 tkr, 54.8 % → 55 %; intern 2½ of 3 → 83 %.
    let rader = portfoljbalans(&exempel());
    assert_eq!(
        rader,
        vec![
            "Räknat på antal insatser: effektivitet 50 %, innovation 50 % (3 insatser).",
            "Räknat på planerad kostnad 2024–2026: effektivitet 55 % (1 700 tkr), innovation 45 % (1 400 tkr).",
            "En insats som gäller både effektivitet och innovation räknas till hälften till vardera.",
            "Intern och extern nytta, räknat på antal insatser: intern 83 %, extern 17 %.",
        ]
    );
    let mut d = exempel();
    d.insatser.insatser[0].effektivitet_innovation = None;
    for x in &mut d.insatser.insatser {
        x.kostnad = Default::default();
    }
    let rader = portfoljbalans(&d);
    assert_eq!(
        rader[0],
        "Räknat på antal insatser: effektivitet 50 %, innovation 50 % (2 insatser)."
    );
    assert!(!rader.iter().any(|r| r.contains("kostnad")), "{rader:?}");
    assert!(rader.contains(
        &"1 insats anger inte effektivitet eller innovation och räknas inte.".to_string()
    ));
}

#[test]
fn the_view_and_the_word_export_show_the_plans_wording_and_the_balance() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut p = program(katalog.path());
    let vy = ok(p.oppna_exempel(ExempelArg {
        namn: Some("digitaliseringsplan-2024-exempel".into()),
    }));
    let falt = vy
        .formular
        .avsnitt
        .iter()
        .find(|a| a.nummer == "2")
        .and_then(|a| a.falt.iter().find(|f| f.nyckel == "valda_nyttor"))
        .unwrap_or_else(|| panic!("inget fält för nyttorna"));
    let etiketter: Vec<&str> = falt.val.iter().map(|v| v.etikett.as_str()).collect();
    assert_eq!(etiketter.len(), 6);
    assert_eq!(
        etiketter[0],
        "Bättre helhetssyn och beslutsunderlag som ger förutsättningar för prioritering."
    );
    let balans = vy
        .berakningar
        .iter()
        .find(|b| b.sokvag == "insatser.balans")
        .unwrap_or_else(|| panic!("ingen balans i vyn"));
    assert!(
        balans.rader[0].contains("effektivitet 50 %"),
        "{:?}",
        balans.rader
    );

    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let dokument = Dokument::Digitaliseringsplan(Box::new(exempel()));
    let mall = mallar
        .hamta("digitaliseringsplan-2023")
        .unwrap_or_else(|| panic!("mallen saknas"));
    let val = underlag::export::Docxval {
        anvisningar: false,
        datum: chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap_or_default(),
    };
    let docx =
        underlag::export::skriv_docx(&dokument, mall, &val).unwrap_or_else(|e| panic!("{e}"));
    // `dokumenttext` joins runs with "|": label and value are runs of one paragraph.
    let text = common::dokumenttext(&docx);
    assert!(
        text.contains("Prioriterade nyttor som planen bidrar till: |Höjd kvalitet i och tillgänglighet till stadens digitala service.; Ökad realisering av kvalitativa och ekonomiska nyttor och effekter."),
        "{text}"
    );
    assert!(
        text.contains(
            "Beräknad balans ur insatserna: |Räknat på antal insatser: effektivitet 50 %"
        )
    );
}

#[test]
fn choices_with_commas_in_their_wording_and_a_foreign_value_come_back_from_word() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let mall = mallar
        .hamta("digitaliseringsplan-2023")
        .unwrap_or_else(|| panic!("mallen saknas"));
    let mut d = exempel();
    // "Boende, besökare, näringsliv samt medarbetare …": the plan's own commas.
    d.koppling.valda_inriktningar = Some(vec!["medskapande".into(), "ratt_information".into()]);
    d.koppling.valda_mal = Some(vec![
        "likvardig_digital_service".into(),
        "hallbar_stad".into(),
    ]);
    let original = Dokument::Digitaliseringsplan(Box::new(d));
    let val = underlag::export::Docxval {
        anvisningar: true,
        datum: chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap_or_default(),
    };
    let docx =
        underlag::export::skriv_docx(&original, mall, &val).unwrap_or_else(|e| panic!("{e}"));
    let imp = underlag::ordimport::las_docx(&docx, &mallar, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let Dokument::Digitaliseringsplan(tillbaka) = &imp.dokument else {
        panic!("fel slag")
    };
    let Dokument::Digitaliseringsplan(fore) = &original else {
        panic!()
    };
    assert_eq!(tillbaka.koppling, fore.koppling);
    // The computed balance is the reader's, not the author's text.
    assert_eq!(tillbaka.insatser.balans, fore.insatser.balans);
    assert!(
        imp.rapport.ej_mappat.is_empty(),
        "{:#?}",
        imp.rapport.ej_mappat
    );
}

#[test]
fn the_command_line_validates_an_old_file_as_the_app_would_show_it() {
    let ut = std::process::Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args(["validate", GAMMAL, "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let fynd: Value = serde_json::from_slice(&ut.stdout).unwrap_or_else(|e| panic!("{e}"));
    let sokvagar: Vec<&str> = fynd
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["regel"] == "DP-obligatoriskt")
        .filter_map(|f| f["sokvag"].as_str())
        .collect();
    // The nyttor are quoted in its text, the övergripande mål is not.
    assert_eq!(sokvagar, vec!["koppling.valda_mal"], "{fynd}");
}
