//! The self-test IT runs after deploying (`underlag-app --self-test`), through the core's
//! `sjalvtest::kor`: every step in order on a throwaway database, its exports readable, and a
//! failure that names its step. The OS keychain itself is exercised by the package test
//! (scripts/test-paket: the installed app with gnome-keyring, and the Windows build with Wine's
//! credential store); here the key is given, so no test touches a keychain.

mod common;
use common::TESTNYCKEL;

use underlag::sjalvtest::{self, Steg};
use underlag::store::nyckel::Nyckelval;

#[test]
fn every_step_runs_in_order_and_leaves_readable_exports() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let val = Nyckelval::med_nyckel(TESTNYCKEL, &katalog.path().join("sjalvtest.db"));
    let mut steg: Vec<Steg> = Vec::new();
    sjalvtest::kor(katalog.path(), &val, &mut |s| steg.push(s.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    let namn: Vec<&str> = steg.iter().map(|s| s.namn).collect();
    assert_eq!(
        namn,
        [
            "Nyckelring",
            "Databas",
            "Exempel",
            "Granskning",
            "Word",
            "Excel"
        ],
        "no keychain entry was made, so there is nothing to clean up"
    );
    assert!(
        steg[0].resultat.contains("UNDERLAG_DB_KEY"),
        "{}",
        steg[0].resultat
    );
    // The example's own findings, counted by the validator.
    let fynd = underlag::validate::validera(
        &underlag::example::exempel().unwrap_or_else(|e| panic!("{e}")),
        underlag::template::Mallbibliotek::inbyggda()
            .unwrap_or_else(|e| panic!("{e}"))
            .hamta("arlig-analys-2024")
            .unwrap_or_else(|| panic!("mallen finns")),
    );
    let fel = fynd
        .iter()
        .filter(|f| f.allvarlighet == underlag::validate::Allvarlighet::Fel)
        .count();
    assert_eq!(
        steg[3].resultat,
        format!("{fel} fel och {} varningar i exemplet", fynd.len() - fel)
    );
    let docx =
        std::fs::read(katalog.path().join("sjalvtest.docx")).unwrap_or_else(|e| panic!("{e}"));
    assert!(common::dokumenttext(&docx).contains("medborgarservice"));
    let xlsx = katalog.path().join("sjalvtest.xlsx");
    let mut bok: calamine::Xlsx<_> =
        calamine::open_workbook(&xlsx).unwrap_or_else(|e| panic!("{e}"));
    assert!(!calamine::Reader::sheet_names(&bok).is_empty());
    assert!(calamine::Reader::worksheet_range_at(&mut bok, 0).is_some());
    // The database is encrypted: the example's text is nowhere in the file.
    let db = std::fs::read(katalog.path().join("sjalvtest.db")).unwrap_or_else(|e| panic!("{e}"));
    assert!(!db.windows(16).any(|f| f == b"medborgarservice"));
}

#[test]
fn without_a_keychain_the_first_step_fails_with_a_swedish_reason() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let val = Nyckelval {
        miljo: None,
        fil: katalog.path().join("finns-inte.nyckel"),
        nyckelring: None,
    };
    let mut steg = 0;
    let fel = sjalvtest::kor(katalog.path(), &val, &mut |_| steg += 1)
        .err()
        .unwrap_or_else(|| panic!("utan nyckel ska självtestet misslyckas"));
    assert_eq!(steg, 0);
    assert_eq!(fel.steg, "Nyckelring");
    assert!(
        fel.to_string().starts_with(
            "Självtestet misslyckades i steget \"Nyckelring\": Ingen nyckelring svarar"
        ),
        "{fel}"
    );
    assert!(
        !katalog.path().join("sjalvtest.db").exists(),
        "no database without a key"
    );
}
