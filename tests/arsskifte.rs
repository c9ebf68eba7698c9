//! "Ny analys från föregående år" on the bundled 2024 example: what moves where, the cost
//! columns shifted with the user's corrections, nothing stored by the preview, and the new
//! document stored beside last year's through the app's commands.

mod common;

use serde_json::{Value, json};
use underlag::app::{Felkod, Program};
use underlag::arsskifte::{Arsskiftesval, Beloppsrattelse, nasta_ar};
use underlag::example::exempel;
use underlag::model::{Dokument, InsatsId, Kronor};
use underlag::store::nyckel::Nyckelval;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn id(s: &str) -> InsatsId {
    InsatsId(s.into())
}

fn analys(d: &Dokument) -> &underlag::model::ArligAnalys {
    match d {
        Dokument::ArligAnalys(a) => a,
        annat => panic!("ska vara en årlig analys, inte {}", annat.typ()),
    }
}

#[test]
fn approved_proposals_become_ongoing_finished_ones_move_to_1_1_and_costs_shift_a_year() {
    let fore = ok(exempel());
    let val = Arsskiftesval {
        godkanda: vec![id("forslag-1"), id("forslag-8")],
        avslutade: vec![id("pagaende-1"), id("pagaende-2"), id("pagaende-3")],
        rattelser: vec![Beloppsrattelse {
            falt: "kostnader.forvaltning.rader[0].kostnad.utfall".into(),
            text: "23 100".into(),
        }],
    };
    let skifte = ok(nasta_ar(&fore, &val, "arlig-analys-2024"));
    let ny = analys(&skifte.dokument);
    let gammal = analys(&fore);
    assert_eq!(ny.meta.analysar, 2025);
    assert!(ny.versionshantering.is_empty());

    // 1.4: the five not finished, then the two approved, with the proposal's effektmål.
    let pagaende: Vec<&str> = ny
        .pagaende_insatser
        .insatser
        .iter()
        .map(|i| i.id.0.as_str())
        .collect();
    assert_eq!(
        pagaende,
        [
            "pagaende-4",
            "pagaende-5",
            "pagaende-6",
            "pagaende-7",
            "pagaende-8",
            "forslag-1",
            "forslag-8"
        ]
    );
    let godkand = &ny.pagaende_insatser.insatser[5];
    assert_eq!(godkand.namn, gammal.foreslagna_insatser.insatser[0].namn);
    assert_eq!(
        godkand.effektmal,
        gammal.foreslagna_insatser.insatser[0].strategisk.effektmal
    );
    assert!(!godkand.effektmal.is_empty());
    assert_eq!(
        godkand.tjanster,
        gammal.foreslagna_insatser.insatser[0].strategisk.tjanster
    );

    // 2.2: the six not approved stay proposals.
    assert_eq!(ny.foreslagna_insatser.insatser.len(), 6);
    assert!(
        ny.foreslagna_insatser
            .insatser
            .iter()
            .all(|i| i.id != id("forslag-1"))
    );

    // 1.1: one row per tjänst of the finished insatser; two on extern-service share a row.
    let rader: Vec<(&str, &str)> = ny
        .effekthemtagning
        .rader
        .iter()
        .map(|r| {
            (
                r.tjanst.0.as_str(),
                r.genomforda_forandringsinsatser.as_str(),
            )
        })
        .collect();
    let namn = |i: usize| gammal.pagaende_insatser.insatser[i].namn.as_str();
    assert_eq!(
        rader,
        [
            ("kontaktcenter", namn(0)),
            ("grundtelefoni", namn(0)),
            (
                "extern-service",
                format!("{}; {}", namn(1), namn(2)).as_str()
            ),
        ]
    );
    assert!(
        ny.effekthemtagning
            .rader
            .iter()
            .all(|r| r.effekthemtagning.is_empty())
    );

    // 3.1: budget → utfall (corrected for the first row), prognos → budget, prognos empty.
    let f = &ny.kostnader.forvaltning.rader;
    assert_eq!(f[0].kostnad.utfall, Some(Kronor(23_100_000)), "rättat");
    assert_eq!(f[0].kostnad.budget, Some(Kronor(25_003_000)));
    assert_eq!(f[0].kostnad.prognos, None);
    assert_eq!(f[1].kostnad.utfall, Some(Kronor(50_733_000)));
    assert_eq!(f[1].kostnad.budget, Some(Kronor(53_820_000)));
    let u = &ny.kostnader.utveckling.rader[1];
    assert_eq!(u.kostnad.utfall, Some(Kronor(500_000)));
    assert_eq!(u.kostnad.budget, Some(Kronor(840_000)));
    assert_eq!(u.paverkan_forvaltningskostnad.ar, Some(Kronor(31_000)));
    assert_eq!(
        u.paverkan_forvaltningskostnad.ar_plus_1,
        Some(Kronor(33_000))
    );
    assert_eq!(u.paverkan_forvaltningskostnad.ar_plus_2, None);

    // The list the user confirms names each figure in both years' words.
    let forsta = &skifte.kostnader[0];
    assert_eq!(forsta.falt, "kostnader.forvaltning.rader[0].kostnad.utfall");
    assert_eq!(
        (forsta.kolumn.as_str(), forsta.fran.as_str()),
        ("Utfall 2023", "Budget 2023")
    );
    assert_eq!(forsta.belopp, Some(Kronor(23_100_000)));
    let andra = &skifte.kostnader[1];
    assert_eq!(
        (andra.kolumn.as_str(), andra.fran.as_str()),
        ("Budget 2024", "Prognos budget 2024")
    );

    // Carried over as they were.
    assert_eq!(ny.tjanstekatalog, gammal.tjanstekatalog);
    assert_eq!(ny.fordelningsnycklar.rader, gammal.fordelningsnycklar.rader);
    assert!(ny.portfoljanalys.figurer.is_empty());
    let avsnitt: Vec<&str> = skifte.flyttar.iter().map(|f| f.avsnitt.as_str()).collect();
    for a in ["1.1", "1.4", "2.2", "3.1"] {
        assert!(
            avsnitt.contains(&a),
            "sammanfattningen ska nämna {a}: {avsnitt:?}"
        );
    }
    // The new document is valid by the model's invariants.
    assert!(underlag::model::kontrollera_referenser(&skifte.dokument).is_empty());
}

#[test]
fn unknown_choices_are_refused_with_the_field() {
    let fore = ok(exempel());
    let fel = |val: Arsskiftesval| match nasta_ar(&fore, &val, "arlig-analys-2024") {
        Err(e) => e.to_string(),
        Ok(_) => panic!("ska nekas"),
    };
    let godkand = fel(Arsskiftesval {
        godkanda: vec![id("pagaende-1")],
        ..Default::default()
    });
    assert!(
        godkand.contains("Godkända insatser") && godkand.contains("pagaende-1"),
        "{godkand}"
    );
    let avslutad = fel(Arsskiftesval {
        avslutade: vec![id("forslag-1")],
        ..Default::default()
    });
    assert!(avslutad.contains("Avslutade insatser"), "{avslutad}");
    let rattelse = fel(Arsskiftesval {
        rattelser: vec![Beloppsrattelse {
            falt: "meta.analysar".into(),
            text: "1".into(),
        }],
        ..Default::default()
    });
    assert!(rattelse.contains("Rättelse av meta.analysar"), "{rattelse}");
}

#[test]
fn the_preview_stores_nothing_and_creating_keeps_last_years_analysis() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("db.sqlite");
    let mut p = ok(
        Program::oppna(&db, &Nyckelval::med_nyckel(common::TESTNYCKEL, &db))
            .map_err(|e| e.meddelande),
    );
    let fore = ok(p
        .utfor("oppna_exempel", json!({}))
        .map_err(|e| e.meddelande));
    let val = json!({"godkanda": ["forslag-2"], "avslutade": ["pagaende-8"]});

    let vy = ok(p
        .utfor(
            "forhandsgranska_nasta_ar",
            json!({"id": fore["id"], "val": val}),
        )
        .map_err(|e| e.meddelande));
    assert_eq!(vy["ar"], json!(2025));
    assert_eq!(
        vy["foreslagna"][1],
        json!(["forslag-2", "Tillståndsguider för företagare"])
    );
    assert!(
        vy["flyttar"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["avsnitt"] == json!("1.1")))
    );
    let lista = ok(p
        .utfor("dokumentlista", json!({}))
        .map_err(|e| e.meddelande));
    assert_eq!(
        lista.as_array().map(Vec::len),
        Some(1),
        "förhandsgranskningen sparar inget"
    );

    let ny = ok(p
        .utfor("skapa_nasta_ar", json!({"id": fore["id"], "val": val}))
        .map_err(|e| e.meddelande));
    assert_ne!(ny["id"], fore["id"]);
    assert_eq!(ny["dokument"]["meta"]["analysar"], json!(2025));
    let pagaende: Vec<Value> = ny["dokument"]["pagaende_insatser"]["insatser"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(pagaende.iter().any(|i| i["id"] == json!("forslag-2")));
    assert!(pagaende.iter().all(|i| i["id"] != json!("pagaende-8")));
    let gammal = ok(p
        .utfor("hamta_dokument", json!({"id": fore["id"]}))
        .map_err(|e| e.meddelande));
    assert_eq!(
        gammal["dokument"], fore["dokument"],
        "förra årets analys är orörd"
    );

    let okand = p
        .utfor(
            "skapa_nasta_ar",
            json!({"id": fore["id"], "val": {"godkanda": ["finns-inte"]}}),
        )
        .err()
        .unwrap_or_else(|| panic!("ska nekas"));
    assert_eq!(okand.kod, Felkod::Ogiltig);
    assert_eq!(okand.falt.as_deref(), Some("val.godkanda"));
    let lista = ok(p
        .utfor("dokumentlista", json!({}))
        .map_err(|e| e.meddelande));
    assert_eq!(lista.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_correction_that_is_no_amount_is_refused_naming_the_field() {
    let fore = ok(exempel());
    let val = Arsskiftesval {
        rattelser: vec![Beloppsrattelse {
            falt: "kostnader.forvaltning.rader[1].kostnad.budget".into(),
            text: "ungefär lika mycket".into(),
        }],
        ..Default::default()
    };
    let fel = match nasta_ar(&fore, &val, "arlig-analys-2024") {
        Err(e) => e.to_string(),
        Ok(_) => panic!("ska nekas"),
    };
    assert!(
        fel.contains("kostnader.forvaltning.rader[1].kostnad.budget"),
        "{fel}"
    );
    // Empty clears the figure.
    let val = Arsskiftesval {
        rattelser: vec![Beloppsrattelse {
            falt: "kostnader.forvaltning.rader[1].kostnad.budget".into(),
            text: String::new(),
        }],
        ..Default::default()
    };
    let skifte = ok(nasta_ar(&fore, &val, "arlig-analys-2024"));
    assert_eq!(
        analys(&skifte.dokument).kostnader.forvaltning.rader[1]
            .kostnad
            .budget,
        None
    );
    let rad = skifte
        .kostnader
        .iter()
        .find(|k| k.falt == "kostnader.forvaltning.rader[1].kostnad.budget")
        .unwrap_or_else(|| panic!("raden listas"));
    assert_eq!(rad.belopp, None);
}

#[test]
fn a_tjanst_without_a_key_in_the_catalogue_takes_last_years_32_key() {
    let Dokument::ArligAnalys(mut gammal) = ok(exempel()) else {
        panic!("exemplet är en årlig analys")
    };
    let k = gammal
        .tjanstekatalog
        .0
        .iter()
        .position(|t| t.id.0 == "kontaktcenter")
        .unwrap_or_else(|| panic!("kontaktcenter saknas i katalogen"));
    gammal.tjanstekatalog.0[k]
        .nuvarande_fordelningsnyckel
        .clear();
    let forra = gammal
        .fordelningsnycklar
        .rader
        .iter()
        .find(|r| r.tjanst.0 == "kontaktcenter")
        .map(|r| r.nuvarande.clone())
        .unwrap_or_default();
    assert!(
        !forra.is_empty(),
        "exemplets 3.2 anger en nyckel för kontaktcenter"
    );
    let fore = Dokument::ArligAnalys(gammal.clone());
    let skifte = ok(nasta_ar(
        &fore,
        &Arsskiftesval::default(),
        "arlig-analys-2024",
    ));
    let ny = analys(&skifte.dokument);
    assert_eq!(ny.tjanstekatalog.0[k].nuvarande_fordelningsnyckel, forra);
    assert!(
        skifte
            .flyttar
            .iter()
            .any(|f| f.avsnitt == "3.2" && f.beskrivning.contains(&forra)),
        "{:?}",
        skifte.flyttar
    );
    // A key the catalogue states is its own and stays.
    for (t, g) in ny
        .tjanstekatalog
        .0
        .iter()
        .zip(&gammal.tjanstekatalog.0)
        .filter(|(t, _)| t.id.0 != "kontaktcenter")
    {
        assert_eq!(t.nuvarande_fordelningsnyckel, g.nuvarande_fordelningsnyckel);
    }
}
