//! `underlag import-docx`: the report in Swedish, nothing stored with --dry-run, a new document
//! without it, and a file that is no Word file refused with exit code 2.

mod common;
use common::TESTNYCKEL;
use std::path::Path;
use std::process::{Command, Output};

fn kor(mapp: &Path, argument: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args(argument)
        .env("UNDERLAG_DB", mapp.join("underlag.db"))
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .env_remove("UNDERLAG_MALLAR")
        .current_dir(mapp)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ok(mapp: &Path, argument: &[&str]) -> String {
    let ut = kor(mapp, argument);
    assert!(
        ut.status.success(),
        "{argument:?}: {}",
        String::from_utf8_lossy(&ut.stderr)
    );
    String::from_utf8_lossy(&ut.stdout).into_owned()
}

#[test]
fn import_docx_prints_the_report_and_stores_only_without_dry_run() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mapp = katalog.path();
    ok(mapp, &["example", "-o", "exempel.underlag.json"]);
    ok(
        mapp,
        &[
            "export",
            "exempel.underlag.json",
            "--docx",
            "analys.docx",
            "--date",
            "2023-09-01",
        ],
    );

    let ut = ok(mapp, &["import-docx", "analys.docx", "--dry-run"]);
    assert!(
        ut.contains("Årlig analys av digital utveckling och förvaltning 2024 för Nämnden för demokrati och medborgarservice"),
        "{ut}"
    );
    assert!(
        ut.contains("1.2 Status konsolidering: 3 tabellrader"),
        "{ut}"
    );
    assert!(
        ut.contains("2.2 Förslag på nya förändringsinsatser: 8 insatser"),
        "{ut}"
    );
    // Our own export maps entirely: the title page's date and version are the export's.
    assert!(ut.contains("Allt innehåll kunde mappas."), "{ut}");
    assert!(ut.contains("Inget sparat (--dry-run)."), "{ut}");
    assert!(!ok(mapp, &["list"]).contains("Nämnden för demokrati"));

    let ut = ok(mapp, &["import-docx", "analys.docx"]);
    assert!(
        ut.contains("Importerade analys.docx som dokument 1"),
        "{ut}"
    );
    let visat = ok(mapp, &["show", "1"]);
    assert!(
        visat.contains("Utvecklad funktionalitet på goteborg.se"),
        "{visat}"
    );

    std::fs::write(mapp.join("anteckning.docx"), "bara text").unwrap_or_else(|e| panic!("{e}"));
    let ut = kor(mapp, &["import-docx", "anteckning.docx"]);
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(fel.contains("anteckning.docx"), "{fel}");
    assert!(fel.contains("inte ett zip-paket"), "{fel}");
    assert_eq!(
        ok(mapp, &["list"])
            .lines()
            .filter(|r| r.contains("2024"))
            .count(),
        1
    );
}

/// A tjänsteplan and a digitaliseringsplan come in from Word as well: the file's title says
/// which kind it is, and the stored document is that kind (field by field equality is
/// `tests/ordimport_rundtur.rs`).
#[test]
fn import_docx_reads_a_tjansteplan_and_a_digitaliseringsplan() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mapp = katalog.path();
    for (namn, vantat) in [
        (
            "tjansteplan-2023-ekonomi",
            "Tjänsteplan 2023 för Intraservice (mall tjansteplan-2023)",
        ),
        (
            "digitaliseringsplan-2024-exempel",
            "Digitaliseringsplan 2024 för Förvaltningen för exempelverksamhet (Exempelnämnden) (mall digitaliseringsplan-2023)",
        ),
    ] {
        let json = format!("{namn}.underlag.json");
        let docx = format!("{namn}.docx");
        ok(mapp, &["example", namn, "-o", &json]);
        ok(mapp, &["export", &json, "--docx", &docx]);
        let ut = ok(mapp, &["import-docx", &docx]);
        assert!(ut.contains(vantat), "{ut}");
        assert!(ut.contains("Allt innehåll kunde mappas."), "{ut}");
    }
    let lista = ok(mapp, &["list"]);
    assert!(
        lista.contains("1  tjansteplan    2023  Intraservice"),
        "{lista}"
    );
    assert!(lista.contains("2  digitaliseringsplan 2024"), "{lista}");
    let visat = ok(mapp, &["show", "1"]);
    assert!(visat.contains("Tjänsteplan 2023"), "{visat}");
    assert!(
        visat.contains("3.0  2022-10-06  Jenny  Dialog i prioriteringsforum och beslut"),
        "{visat}"
    );
}
