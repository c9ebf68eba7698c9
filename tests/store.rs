//! The store through the library API: durability settings, edits that must be refused without
//! changing anything, list edits, and immutable versions.

mod common;
use chrono::NaiveDate;
use common::TESTNYCKEL;
use serde_json::json;
use underlag::edit::Andring;
use underlag::example::exempel;
use underlag::model::{Dokument, Kronor};
use underlag::store::nyckel::Nyckel;
use underlag::store::{NyVersion, Store, StoreError};

fn nyckel() -> Nyckel {
    Nyckel::fran_hex(TESTNYCKEL, "test").unwrap_or_else(|e| panic!("{e}"))
}

fn datum(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"))
}

fn version(beskrivning: &str, andrad_av: &str, d: &str) -> NyVersion {
    NyVersion {
        beskrivning: beskrivning.into(),
        andrad_av: andrad_av.into(),
        datum: datum(d),
        handelse: None,
        forum: None,
    }
}

fn ny_store() -> (tempfile::TempDir, Store, i64) {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(
        &katalog.path().join("a").join("b").join("underlag.db"),
        &nyckel(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let id = store
        .skapa(&exempel().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    (katalog, store, id)
}

fn analys(store: &Store, id: i64) -> (underlag::model::ArligAnalys, i64) {
    match store.hamta(id).unwrap_or_else(|e| panic!("{e}")) {
        (Dokument::ArligAnalys(a), revision) => (*a, revision),
        (annat, _) => panic!("ska vara en årlig analys, inte {}", annat.typ()),
    }
}

fn satt(falt: &str, varde: serde_json::Value) -> Andring {
    Andring::Satt {
        falt: falt.into(),
        varde,
    }
}

#[test]
fn the_database_is_created_in_write_ahead_log_mode() {
    let (katalog, mut store, id) = ny_store();
    let fil = katalog.path().join("a/b/underlag.db");
    assert!(fil.exists(), "katalogerna ska skapas");
    store
        .andra(id, &satt("meta.status", json!("klar")))
        .unwrap_or_else(|e| panic!("{e}"));
    let annan = rusqlite::Connection::open(&fil).unwrap_or_else(|e| panic!("{e}"));
    annan
        .pragma_update(None, "key", format!("x'{TESTNYCKEL}'"))
        .unwrap_or_else(|e| panic!("{e}"));
    let lage: String = annan
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(lage, "wal");
    assert!(katalog.path().join("a/b/underlag.db-wal").exists());
}

#[test]
fn a_file_that_is_no_database_is_refused_and_left_untouched() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fil = katalog.path().join("anteckningar.db");
    let innehall: Vec<u8> = (0..4096_u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&fil, &innehall).unwrap_or_else(|e| panic!("{e}"));
    let fel = match Store::open(&fil, &nyckel()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("en fil som inte är en databas ska inte öppnas"),
    };
    assert!(
        fel.contains("eller så är filen ingen Underlag-databas. Databasen har inte ändrats"),
        "{fel}"
    );
    assert_eq!(std::fs::read(&fil).unwrap_or_default(), innehall);
}

#[test]
fn an_edit_with_text_in_an_amount_field_is_refused_and_changes_nothing() {
    let (_k, mut store, id) = ny_store();
    let fore = store.hamta(id).unwrap_or_else(|e| panic!("{e}"));
    let fel = store
        .andra(
            id,
            &satt(
                "kostnader.forvaltning.rader[0].kostnad.budget",
                json!("tre"),
            ),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.starts_with(
            "Fel i kostnader.forvaltning.rader[0].kostnad.budget: fel typ: fick texten \"tre\""
        ),
        "{fel}"
    );
    assert_eq!(store.hamta(id).unwrap_or_else(|e| panic!("{e}")), fore);
    assert!(
        store
            .journal(id)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
}

#[test]
fn edits_that_would_leave_a_dangling_reference_are_refused() {
    let (_k, mut store, id) = ny_store();
    let fel = store
        .andra(
            id,
            &satt("fordelningsnycklar.rader[0].tjanst", json!("finns-inte")),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.contains("fordelningsnycklar.rader[0].tjanst")
            && fel.contains("\"finns-inte\" finns inte i tjänstekatalogen"),
        "{fel}"
    );

    let (a, _) = analys(&store, id);
    let index = a
        .tjanstekatalog
        .iter()
        .position(|t| t.id.0 == "oppna-data")
        .unwrap_or_else(|| panic!("oppna-data saknas"));
    let fel = store
        .andra(
            id,
            &Andring::TaBort {
                lista: "tjanstekatalog".into(),
                index,
            },
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.contains("\"oppna-data\" finns inte i tjänstekatalogen"),
        "{fel}"
    );
    assert_eq!(
        analys(&store, id).0.tjanstekatalog.iter().count(),
        a.tjanstekatalog.iter().count()
    );

    let fel = store
        .andra(id, &satt("meta.organisation", json!("")))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(fel.contains("Organisation saknas"), "{fel}");
    let fel = store
        .andra(
            id,
            &satt("foreslagna_insatser.insatser[9].namn", json!("x")),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.contains("listan har 8 element; index 9 finns inte"),
        "{fel}"
    );
    let fel = store
        .andra(
            id,
            &satt("foreslagna_insatser.insatser[0].fargkod", json!("röd")),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(fel.contains("okänt fält \"fargkod\""), "{fel}");
    assert_eq!(
        analys(&store, id).1,
        0,
        "ingen av de underkända ändringarna får ha sparats"
    );
}

#[test]
fn list_edits_insert_remove_and_move() {
    let (_k, mut store, id) = ny_store();
    let rev = store
        .andra(id, &Andring::LaggTill {
            lista: "fordelningsnycklar.rader".into(),
            index: Some(0),
            varde: json!({"tjanst": "oppna-data", "nuvarande": "Antal invånare", "forslag_justering": "Ny nyckel", "motivering": "Speglar nyttjandet"}),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rev, 1);
    let (a, _) = analys(&store, id);
    assert_eq!(a.fordelningsnycklar.rader.len(), 5);
    assert_eq!(a.fordelningsnycklar.rader[0].nuvarande, "Antal invånare");

    store
        .andra(
            id,
            &Andring::Flytta {
                lista: "foreslagna_insatser.insatser".into(),
                fran: 7,
                till: 0,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let (a, _) = analys(&store, id);
    assert_eq!(
        a.foreslagna_insatser.insatser[0].namn,
        "Utöka kontaktcenter med bemannad chatt och automatiserad chattbot"
    );
    assert_eq!(
        a.foreslagna_insatser.insatser[1].namn,
        "Utvecklad funktionalitet på goteborg.se"
    );

    store
        .andra(
            id,
            &Andring::TaBort {
                lista: "fordelningsnycklar.rader".into(),
                index: 0,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .andra(
            id,
            &satt(
                "kostnader.forvaltning.rader[2].kostnad.utfall",
                json!(1_500_000),
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let (a, revision) = analys(&store, id);
    assert_eq!(revision, 4);
    assert_eq!(a.fordelningsnycklar.rader.len(), 4);
    assert_eq!(
        a.fordelningsnycklar.rader[0].nuvarande,
        "Grundbelopp, antal anknytningar och ärendetid till kontaktcenter"
    );
    assert_eq!(
        a.kostnader.forvaltning.rader[2].kostnad.utfall,
        Some(Kronor(1_500_000))
    );
    assert_eq!(
        a.kostnader.forvaltning.totalkostnad().utfall,
        Some(Kronor(1_500_000))
    );
    let journal = store.journal(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        journal.iter().map(|p| p.revision).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert!(matches!(
        &journal[1].andring,
        Andring::Flytta {
            fran: 7,
            till: 0,
            ..
        }
    ));
}

#[test]
fn amounts_are_set_from_what_people_type() {
    let (_k, mut store, id) = ny_store();
    let belopp = |falt: &str, text: &str, enhet: &str| -> Andring {
        serde_json::from_value(
            json!({"typ": "satt_belopp", "falt": falt, "text": text, "enhet": enhet}),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    store
        .andra(
            id,
            &belopp(
                "kostnader.forvaltning.rader[0].kostnad.budget",
                "23\u{a0}600",
                "tkr",
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .andra(
            id,
            &belopp(
                "foreslagna_insatser.insatser[1].ekonomisk.projektbudget.ar",
                "cirka 3,5 mnkr",
                "kronor",
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let (a, revision) = analys(&store, id);
    assert_eq!(revision, 2);
    assert_eq!(
        a.kostnader.forvaltning.rader[0].kostnad.budget,
        Some(Kronor(23_600_000))
    );
    let pb = &a.foreslagna_insatser.insatser[1].ekonomisk.projektbudget;
    assert_eq!((pb.ar, pb.uppskattning), (Some(Kronor(3_500_000)), true));

    store
        .andra(
            id,
            &belopp(
                "foreslagna_insatser.insatser[1].ekonomisk.projektbudget.ar",
                "300 000 kr",
                "kronor",
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !analys(&store, id).0.foreslagna_insatser.insatser[1]
            .ekonomisk
            .projektbudget
            .uppskattning,
        "en exakt siffra är ingen uppskattning"
    );

    let fel = store
        .andra(
            id,
            &belopp(
                "kostnader.forvaltning.rader[0].kostnad.prognos",
                "ungefär lika mycket",
                "tkr",
            ),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(fel.starts_with("Fel i kostnader.forvaltning.rader[0].kostnad.prognos: \"ungefär lika mycket\" går inte att läsa som ett belopp"), "{fel}");
    store
        .andra(
            id,
            &belopp("kostnader.forvaltning.rader[0].kostnad.prognos", " ", "tkr"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        analys(&store, id).0.kostnader.forvaltning.rader[0]
            .kostnad
            .prognos,
        None,
        "ett tomt fält tömmer beloppet"
    );
}

#[test]
fn recorded_versions_are_numbered_kept_and_immutable() {
    let (katalog, mut store, id) = ny_store();
    let v1 = store
        .registrera_version(
            id,
            &version("Första utkast", "Anna Andersson", "2023-03-01"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((v1.nummer, v1.post.version.as_str()), (1, "1.0"));
    store
        .andra(id, &satt("meta.status", json!("under_granskning")))
        .unwrap_or_else(|e| panic!("{e}"));
    let v2 = store
        .registrera_version(id, &version("Efter kundforum", "Bo Berg", "2023-03-20"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v2.post.version, "2.0");
    store
        .andra(id, &satt("meta.status", json!("klar")))
        .unwrap_or_else(|e| panic!("{e}"));

    let (a, _) = analys(&store, id);
    let tabell: Vec<(&str, &str)> = a
        .versionshantering
        .iter()
        .map(|v| (v.version.as_str(), v.andrad_av.as_str()))
        .collect();
    assert_eq!(tabell, vec![("1.0", "Anna Andersson"), ("2.0", "Bo Berg")]);
    let versioner = store.versioner(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        versioner
            .iter()
            .map(|v| v.post.beskrivning.as_str())
            .collect::<Vec<_>>(),
        vec!["Första utkast", "Efter kundforum"]
    );

    let Dokument::ArligAnalys(forsta) =
        store.hamta_version(id, 1).unwrap_or_else(|e| panic!("{e}"))
    else {
        panic!("dokumentet är en årlig analys")
    };
    assert_eq!(forsta.meta.status, underlag::model::Status::Utkast);
    assert_eq!(forsta.versionshantering.len(), 1);

    let annan = rusqlite::Connection::open(katalog.path().join("a/b/underlag.db"))
        .unwrap_or_else(|e| panic!("{e}"));
    annan
        .pragma_update(None, "key", format!("x'{TESTNYCKEL}'"))
        .unwrap_or_else(|e| panic!("{e}"));
    let andra = annan.execute("UPDATE version SET beskrivning = 'ändrad i efterhand'", []);
    assert!(andra.is_err_and(|e| {
        e.to_string()
            .contains("En registrerad version kan inte ändras")
    }));
    let ta_bort = annan.execute("DELETE FROM version", []);
    assert!(ta_bort.is_err_and(|e| e.to_string().contains("kan inte tas bort")));
    assert_eq!(
        store.versioner(id).unwrap_or_else(|e| panic!("{e}")).len(),
        2
    );
}

#[test]
fn a_decision_keeps_its_event_and_forum_and_becomes_the_plans_version() {
    use underlag::model::{Forum, Versionshandelse};
    let (_k, mut store, _) = ny_store();
    let text = underlag::example::EXEMPEL
        .iter()
        .find(|(namn, _, _)| *namn == "tjansteplan-2023-ekonomi")
        .map(|(_, _, text)| *text)
        .unwrap_or_else(|| panic!("exemplet saknas"));
    let plan = underlag::exchange::las(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let id = store.skapa(&plan).unwrap_or_else(|e| panic!("{e}"));
    let angiven = |store: &Store| match store.hamta(id).unwrap_or_else(|e| panic!("{e}")).0 {
        Dokument::Tjansteplan(t) => t.meta.version,
        annat => panic!("ska vara en tjänsteplan, inte {}", annat.typ()),
    };
    assert_eq!(angiven(&store), "2.0");

    // A remiss is recorded as such and leaves the plan's version alone.
    let remiss = store
        .registrera_version(
            id,
            &NyVersion {
                handelse: Some(Versionshandelse::Remissad),
                forum: Some(Forum::Tjansteforum),
                ..version("Remiss inför 2024", "Jenny", "2023-04-03")
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(remiss.post.version, "4.0");
    assert_eq!(angiven(&store), "2.0");

    let beslut = store
        .registrera_version(
            id,
            &NyVersion {
                handelse: Some(Versionshandelse::Beslutad),
                forum: Some(Forum::Prioriteringsforum),
                ..version("Beslutad i prioriteringsforum", "Jenny", "2023-05-02")
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(beslut.post.version, "5.0");
    assert_eq!(angiven(&store), "5.0");
    // The snapshot says so too, and both edits are journaled.
    match store
        .hamta_version(id, beslut.nummer)
        .unwrap_or_else(|e| panic!("{e}"))
    {
        Dokument::Tjansteplan(t) => {
            assert_eq!(t.meta.version, "5.0");
            let rad = t
                .versionshantering
                .last()
                .unwrap_or_else(|| panic!("ingen rad"));
            assert_eq!(rad.handelse, Some(Versionshandelse::Beslutad));
            assert_eq!(rad.forum, Some(Forum::Prioriteringsforum));
        }
        annat => panic!("ska vara en tjänsteplan, inte {}", annat.typ()),
    }
    assert_eq!(store.journal(id).unwrap_or_else(|e| panic!("{e}")).len(), 3);

    let versioner = store.versioner(id).unwrap_or_else(|e| panic!("{e}"));
    let lista: Vec<_> = versioner
        .iter()
        .map(|v| (v.post.version.as_str(), v.post.handelse, v.post.forum))
        .collect();
    assert_eq!(
        lista,
        [
            (
                "4.0",
                Some(Versionshandelse::Remissad),
                Some(Forum::Tjansteforum)
            ),
            (
                "5.0",
                Some(Versionshandelse::Beslutad),
                Some(Forum::Prioriteringsforum)
            ),
        ]
    );
}

#[test]
fn a_version_needs_a_description_and_an_author() {
    let (_k, mut store, id) = ny_store();
    assert!(matches!(
        store.registrera_version(id, &version(" ", "Anna", "2023-03-01")),
        Err(StoreError::Tomt {
            falt: "Beskrivning"
        })
    ));
    assert!(matches!(
        store.registrera_version(id, &version("Utkast", "", "2023-03-01")),
        Err(StoreError::Tomt { falt: "Ändrad av" })
    ));
    assert!(
        store
            .versioner(id)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    assert!(matches!(
        store.hamta(999),
        Err(StoreError::SaknasDokument(999))
    ));
    assert!(matches!(
        store.andra(999, &satt("meta.status", json!("klar"))),
        Err(StoreError::SaknasDokument(999))
    ));
}

#[test]
fn a_document_is_renamed_archived_trashed_and_restored_keeping_everything() {
    let (_k, mut store, id) = ny_store();
    store
        .registrera_version(
            id,
            &version("Första utkast", "Anna Andersson", "2023-03-01"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let post = |store: &Store| store.lista().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store
            .byt_namn(id, "  Intraservice   2024 ")
            .unwrap_or_else(|e| panic!("{e}")),
        "Intraservice 2024"
    );
    assert_eq!(post(&store)[0].namn, "Intraservice 2024");
    assert!(matches!(
        store.byt_namn(id, &"x".repeat(201)),
        Err(StoreError::Ogiltig { .. })
    ));

    store.arkivera(id, true).unwrap_or_else(|e| panic!("{e}"));
    assert!(post(&store)[0].arkiverad);
    store.arkivera(id, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(!post(&store)[0].arkiverad);

    store.ta_bort(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(post(&store).is_empty(), "papperskorgen visas inte i listan");
    let korg = store.papperskorg().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(korg.len(), 1);
    assert!(korg[0].borttagen.is_some());
    assert!(matches!(
        store.arkiverad(id),
        Err(StoreError::IPapperskorgen(i)) if i == id
    ));
    assert!(matches!(
        store.byt_namn(id, "annat"),
        Err(StoreError::IPapperskorgen(_))
    ));

    store
        .aterstall_dokument(id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post(&store)[0].namn, "Intraservice 2024");
    assert!(
        store
            .papperskorg()
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    assert_eq!(
        store.versioner(id).unwrap_or_else(|e| panic!("{e}")).len(),
        1
    );
}

#[test]
fn a_write_to_an_archived_or_trashed_document_is_refused_and_changes_nothing() {
    let (_k, mut store, id) = ny_store();
    let fore = store.hamta(id).unwrap_or_else(|e| panic!("{e}"));
    let journal = store.journal(id).unwrap_or_else(|e| panic!("{e}")).len();

    store.arkivera(id, true).unwrap_or_else(|e| panic!("{e}"));
    let e = store
        .andra(id, &satt("meta.organisation", json!("Någon annan")))
        .err()
        .unwrap_or_else(|| panic!("ett arkiverat dokument ska inte ändras"));
    assert!(matches!(e, StoreError::Arkiverad(_)));
    assert_eq!(
        e.to_string(),
        "Dokumentet är arkiverat. Återställ det från startsidan för att ändra det."
    );
    assert!(matches!(
        store.registrera_version(id, &version("Slutlig", "Anna", "2024-03-01")),
        Err(StoreError::Arkiverad(_))
    ));
    assert!(matches!(
        store.byt_status(id, underlag::model::Status::Klar, "Anna", ""),
        Err(StoreError::Arkiverad(_))
    ));
    assert!(matches!(store.lamna_ut(id), Err(StoreError::Arkiverad(_))));

    store.arkivera(id, false).unwrap_or_else(|e| panic!("{e}"));
    store.ta_bort(id).unwrap_or_else(|e| panic!("{e}"));
    let e = store
        .andra(id, &satt("meta.organisation", json!("Någon annan")))
        .err()
        .unwrap_or_else(|| panic!("ett borttaget dokument ska inte ändras"));
    assert!(matches!(e, StoreError::IPapperskorgen(_)));
    assert!(e.to_string().contains("papperskorgen"), "{e}");
    assert!(matches!(
        store.registrera_version(id, &version("Slutlig", "Anna", "2024-03-01")),
        Err(StoreError::IPapperskorgen(_))
    ));

    assert_eq!(store.hamta(id).unwrap_or_else(|e| panic!("{e}")), fore);
    assert_eq!(
        store.journal(id).unwrap_or_else(|e| panic!("{e}")).len(),
        journal
    );
    assert!(
        store
            .versioner(id)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
}

#[test]
fn emptying_the_papperskorg_deletes_its_documents_and_only_theirs() {
    let (katalog, mut store, kvar) = ny_store();
    let bort = store
        .skapa(&exempel().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    for id in [kvar, bort] {
        store
            .registrera_version(id, &version("Första utkast", "Anna", "2024-03-01"))
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .byt_status(id, underlag::model::Status::UnderGranskning, "Anna", "")
            .unwrap_or_else(|e| panic!("{e}"));
        store.lamna_ut(id).unwrap_or_else(|e| panic!("{e}"));
    }
    store.ta_bort(bort).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.tom_papperskorg().unwrap_or_else(|e| panic!("{e}")), 1);
    assert!(
        store
            .papperskorg()
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    assert!(matches!(
        store.hamta(bort),
        Err(StoreError::SaknasDokument(_))
    ));
    assert_eq!(
        store
            .lista()
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>(),
        [kvar]
    );

    let annan = rusqlite::Connection::open(katalog.path().join("a/b/underlag.db"))
        .unwrap_or_else(|e| panic!("{e}"));
    annan
        .pragma_update(None, "key", format!("x'{TESTNYCKEL}'"))
        .unwrap_or_else(|e| panic!("{e}"));
    for tabell in ["version", "journal", "statusbyte", "utlamnad_del"] {
        let rader: Vec<i64> = annan
            .prepare(&format!("SELECT DISTINCT dokument_id FROM {tabell}"))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rader, [kvar], "{tabell}");
    }
    // The live document's versions stay undeletable.
    let ta_bort = annan.execute("DELETE FROM version WHERE dokument_id = ?1", [kvar]);
    assert!(ta_bort.is_err_and(|e| e.to_string().contains("kan inte tas bort")));
    assert_eq!(
        store
            .versioner(kvar)
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        1
    );
}
