//! Encryption at rest and backups through the library: the file holds no document text, a wrong
//! key changes nothing, a plaintext database from an earlier version is encrypted once with
//! everything in it, and backups are encrypted, listed, restored and pruned.

mod common;
use common::TESTNYCKEL;
use std::path::{Path, PathBuf};

use serde_json::json;
use underlag::edit::Andring;
use underlag::example::exempel;
use underlag::model::Dokument;
use underlag::store::nyckel::{Nyckel, Nyckelval};
use underlag::store::sakerhetskopia::{self, Installningar, Orsak};
use underlag::store::{Store, StoreError};

const NYCKEL: &str = TESTNYCKEL;
const ANNAN_NYCKEL: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
/// Text that appears in the stored document and nowhere else.
const MARKOR: &str = "Nämnden för hemlig tröskelanalys XQZ-4711";

fn nyckel(hex: &str) -> Nyckel {
    Nyckel::fran_hex(hex, "test").unwrap_or_else(|e| panic!("{e}"))
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn dokument_med_markor() -> Dokument {
    let dokument = ok(exempel());
    ok(Andring::Satt {
        falt: "meta.organisation".into(),
        varde: json!(MARKOR),
    }
    .tillampa(&dokument))
}

/// The bytes of the database and its write-ahead log, as a thief with the disk would read them.
fn pa_disken(db: &Path) -> Vec<u8> {
    let mut byte = std::fs::read(db).unwrap_or_default();
    byte.extend(std::fs::read(med_slut(db, "-wal")).unwrap_or_default());
    byte
}

fn med_slut(db: &Path, slut: &str) -> PathBuf {
    let mut namn = db.as_os_str().to_os_string();
    namn.push(slut);
    PathBuf::from(namn)
}

fn innehaller(hostack: &[u8], nal: &str) -> bool {
    hostack.windows(nal.len()).any(|f| f == nal.as_bytes())
}

/// A database as versions before encryption wrote it: the same schema, in plain SQLite. Made
/// by exporting an encrypted store with an empty key, which is SQLCipher's way to decrypt.
fn okrypterad_databas(mapp: &Path) -> (PathBuf, Dokument) {
    ok(std::fs::create_dir_all(mapp));
    let krypterad = mapp.join("gammal-krypterad.db");
    let dokument = dokument_med_markor();
    {
        let mut store = ok(Store::open(&krypterad, &nyckel(NYCKEL)));
        let id = ok(store.skapa(&dokument));
        ok(store.andra(
            id,
            &Andring::Satt {
                falt: "meta.status".into(),
                varde: json!("klar"),
            },
        ));
        ok(store.registrera_version(
            id,
            &underlag::store::NyVersion {
                beskrivning: "Första utkast".into(),
                andrad_av: "Anna Andersson".into(),
                datum: ok(chrono::NaiveDate::from_ymd_opt(2024, 3, 28).ok_or("datum")),
                handelse: None,
                forum: None,
            },
        ));
    }
    let plain = mapp.join("underlag.db");
    let conn = ok(rusqlite::Connection::open(&krypterad));
    ok(conn.pragma_update(None, "key", format!("x'{NYCKEL}'")));
    ok(conn.execute(
        "ATTACH DATABASE ?1 AS plain KEY ''",
        [plain.to_string_lossy().as_ref()],
    ));
    ok(conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())));
    ok(conn.execute("DETACH DATABASE plain", []));
    drop(conn);
    let _ = std::fs::remove_file(&krypterad);
    (plain, dokument)
}

#[test]
fn the_database_file_holds_none_of_a_documents_text() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    let mut store = ok(Store::open(&db, &nyckel(NYCKEL)));
    let id = ok(store.skapa(&dokument_med_markor()));
    ok(store.andra(
        id,
        &Andring::Satt {
            falt: "meta.status".into(),
            varde: json!("klar"),
        },
    ));
    ok(store.sakerhetskopiera(Orsak::Manuell));
    // While the store is open the edits sit in the WAL; both files are read.
    let disk = pa_disken(&db);
    assert!(disk.len() > 4096, "databasen ska ha innehåll");
    assert!(
        !innehaller(&disk, MARKOR),
        "dokumentets text står okrypterad i databasen"
    );
    assert!(!innehaller(&disk, "medborgarservice"));
    assert!(
        !innehaller(&disk, "SQLite format 3"),
        "filhuvudet ska vara krypterat"
    );
    for kopia in ok(store.sakerhetskopior()) {
        let fil = std::fs::read(sakerhetskopia::katalog(&db).join(&kopia.namn)).unwrap_or_default();
        assert!(fil.len() > 4096);
        assert!(
            !innehaller(&fil, MARKOR),
            "säkerhetskopian {} är okrypterad",
            kopia.namn
        );
    }
    // The same search finds the text in a plaintext database, so the check above can fail.
    let (plain, _) = okrypterad_databas(&mapp.path().join("kontroll"));
    assert!(innehaller(&pa_disken(&plain), MARKOR));
}

#[test]
fn a_wrong_key_fails_cleanly_and_leaves_the_database_untouched() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    {
        let mut store = ok(Store::open(&db, &nyckel(NYCKEL)));
        ok(store.skapa(&dokument_med_markor()));
    }
    let fore = std::fs::read(&db).unwrap_or_default();
    let fel = match Store::open(&db, &nyckel(ANNAN_NYCKEL)) {
        Err(e) => e,
        Ok(_) => panic!("fel nyckel ska inte öppna databasen"),
    };
    assert!(matches!(fel, StoreError::FelNyckel { .. }), "{fel:?}");
    assert!(
        fel.to_string().contains("Nyckeln passar inte databasen")
            && fel.to_string().contains("Databasen har inte ändrats"),
        "{fel}"
    );
    assert_eq!(std::fs::read(&db).unwrap_or_default(), fore);
    assert!(
        !med_slut(&db, "-wal").exists(),
        "ingen WAL ska skapas med fel nyckel"
    );
    assert!(
        !sakerhetskopia::katalog(&db).exists(),
        "ingen kopia med fel nyckel"
    );
    // The right key still opens it, with the document.
    let store = ok(Store::open(&db, &nyckel(NYCKEL)));
    assert_eq!(ok(store.lista()).len(), 1);
}

#[test]
fn an_encrypted_database_without_its_key_is_refused_with_the_two_choices_named() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    drop(ok(Store::open(&db, &nyckel(NYCKEL))));
    let fore = std::fs::read(&db).unwrap_or_default();
    let utan = Nyckelval {
        miljo: None,
        fil: mapp.path().join("saknas.nyckel"),
        nyckelring: None,
    };
    let fel = match Store::oppna(&db, &utan) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("utan nyckel ska databasen inte öppnas"),
    };
    assert!(
        fel.contains("UNDERLAG_DB_KEY") && fel.contains("nyckelfil"),
        "{fel}"
    );
    assert!(fel.contains("sparas aldrig okrypterad"), "{fel}");
    assert_eq!(std::fs::read(&db).unwrap_or_default(), fore);
}

#[test]
fn a_plaintext_database_is_encrypted_once_and_keeps_everything() {
    let mapp = ok(tempfile::tempdir());
    let (db, _) = okrypterad_databas(mapp.path());
    assert!(innehaller(
        &std::fs::read(&db).unwrap_or_default(),
        "SQLite format 3"
    ));
    let (fore_lista, fore_dokument, fore_versioner, fore_journal) = {
        let conn = ok(rusqlite::Connection::open(&db));
        let antal: i64 = ok(conn.query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0)));
        let innehall: String = ok(conn.query_row(
            "SELECT innehall FROM dokument WHERE id = 1",
            [],
            |r| r.get(0),
        ));
        let versioner: i64 = ok(conn.query_row("SELECT COUNT(*) FROM version", [], |r| r.get(0)));
        let dokument: i64 = ok(conn.query_row("SELECT COUNT(*) FROM dokument", [], |r| r.get(0)));
        (dokument, innehall, versioner, antal)
    };

    let (store, _) = ok(Store::oppna(&db, &Nyckelval::med_nyckel(NYCKEL, &db)));
    let disk = pa_disken(&db);
    assert!(
        !innehaller(&disk, "SQLite format 3"),
        "filen ska vara krypterad nu"
    );
    assert!(!innehaller(&disk, MARKOR));
    let lista = ok(store.lista());
    assert_eq!(i64::try_from(lista.len()).unwrap_or(-1), fore_lista);
    let (dokument, revision) = ok(store.hamta(1));
    assert_eq!(revision, 2, "skapad, ändrad och versionen registrerad");
    assert_eq!(
        dokument.to_value(),
        ok(serde_json::from_str::<serde_json::Value>(&fore_dokument))
    );
    assert_eq!(
        i64::try_from(ok(store.versioner(1)).len()).unwrap_or(-1),
        fore_versioner
    );
    assert_eq!(
        i64::try_from(ok(store.journal(1)).len()).unwrap_or(-1),
        fore_journal
    );
    ok(store.kontrollera_integritet());
    // The plaintext copy kept during the move is gone once the move is verified, and so is the
    // temporary file.
    let kvar: Vec<String> = std::fs::read_dir(sakerhetskopia::katalog(&db))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|p| p.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        kvar.iter().all(|n| !n.contains("okrypterad")),
        "den okrypterade kopian ska vara borttagen: {kvar:?}"
    );
    assert!(!med_slut(&db, ".krypteras").exists());
    drop(store);
    // Once: the second open finds an encrypted file and just opens it.
    let (store, _) = ok(Store::oppna(&db, &Nyckelval::med_nyckel(NYCKEL, &db)));
    assert_eq!(ok(store.lista()).len(), lista.len());
}

#[test]
fn a_failed_encryption_leaves_the_plaintext_database_as_it_was() {
    let mapp = ok(tempfile::tempdir());
    let (db, _) = okrypterad_databas(mapp.path());
    let fore = std::fs::read(&db).unwrap_or_default();
    // The backup taken first cannot be written: a file stands where its folder would be.
    std::fs::write(sakerhetskopia::katalog(&db), "i vägen").unwrap_or_else(|e| panic!("{e}"));
    let fel = match Store::oppna(&db, &Nyckelval::med_nyckel(NYCKEL, &db)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("krypteringen ska misslyckas utan plats för kopian"),
    };
    assert!(fel.contains("Säkerhetskopian"), "{fel}");
    assert_eq!(std::fs::read(&db).unwrap_or_default(), fore);
    assert!(!med_slut(&db, ".krypteras").exists());
    // With room for the copy it goes through.
    ok(std::fs::remove_file(sakerhetskopia::katalog(&db)));
    let (store, _) = ok(Store::oppna(&db, &Nyckelval::med_nyckel(NYCKEL, &db)));
    assert_eq!(ok(store.lista()).len(), 1);
}

#[test]
fn backups_are_restored_and_a_restore_can_be_undone() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    let mut store = ok(Store::open(&db, &nyckel(NYCKEL)));
    let id = ok(store.skapa(&dokument_med_markor()));
    let kopia = ok(store.sakerhetskopiera(Orsak::Manuell));
    assert_eq!(kopia.orsak, Orsak::Manuell);
    let status = |s: &Store| ok(s.hamta(id)).0.to_value()["meta"]["status"].clone();
    let fore = status(&store);
    ok(store.andra(
        id,
        &Andring::Satt {
            falt: "meta.status".into(),
            varde: json!("klar"),
        },
    ));
    assert_eq!(status(&store), json!("klar"));

    let angra = ok(store.aterstall(&kopia.namn));
    assert_eq!(angra.orsak, Orsak::ForeAterstallning);
    assert_eq!(status(&store), fore, "återställd till läget i kopian");
    assert_eq!(ok(store.hamta(id)).1, 0);
    let namn: Vec<String> = ok(store.sakerhetskopior())
        .into_iter()
        .map(|k| k.namn)
        .collect();
    assert_eq!(namn[0], angra.namn, "nyaste först: {namn:?}");
    assert!(namn.contains(&kopia.namn));

    // The copy made before the restore brings the edit back.
    ok(store.aterstall(&angra.namn));
    assert_eq!(status(&store), json!("klar"));
    ok(store.kontrollera_integritet());

    for okand in ["finns-inte.db", "../underlag.db", &db.to_string_lossy()] {
        match store.aterstall(okand) {
            Err(StoreError::SaknasSakerhetskopia(n)) => assert_eq!(n, okand),
            annat => panic!("{okand}: {:?}", annat.map(|k| k.namn)),
        }
    }
    assert_eq!(
        status(&store),
        json!("klar"),
        "ett misslyckat försök ändrar inget"
    );
}

#[test]
fn a_backup_made_with_another_key_is_refused_and_changes_nothing() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    let mut store = ok(Store::open(&db, &nyckel(NYCKEL)));
    ok(store.skapa(&dokument_med_markor()));
    // A backup of another database with another key, placed under this database's name.
    let annan_db = mapp.path().join("annan").join("underlag.db");
    let annan = ok(Store::open(&annan_db, &nyckel(ANNAN_NYCKEL)));
    let fremmande = ok(annan.sakerhetskopiera(Orsak::Manuell));
    ok(std::fs::create_dir_all(sakerhetskopia::katalog(&db)));
    ok(std::fs::copy(
        sakerhetskopia::katalog(&annan_db).join(&fremmande.namn),
        sakerhetskopia::katalog(&db).join(&fremmande.namn),
    ));
    let fel = match store.aterstall(&fremmande.namn) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("en kopia med en annan nyckel ska inte återställas"),
    };
    assert!(fel.contains("inget har ändrats"), "{fel}");
    assert_eq!(ok(store.lista()).len(), 1);
    assert!(
        ok(store.sakerhetskopior())
            .iter()
            .all(|k| k.orsak != Orsak::ForeAterstallning),
        "ingen kopia före en återställning som aldrig började"
    );
}

#[test]
fn the_schedule_makes_a_backup_when_due_and_prunes_old_ones_keeping_the_newest() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    let store = ok(Store::open(&db, &nyckel(NYCKEL)));
    assert_eq!(ok(store.installningar()), Installningar::default());
    let forsta = ok(store.sakerhetskopiera_vid_behov())
        .unwrap_or_else(|| panic!("ingen kopia ännu: en ska göras"));
    assert_eq!(forsta.orsak, Orsak::Schemalagd);
    assert!(
        ok(store.sakerhetskopiera_vid_behov()).is_none(),
        "nyss gjord: ingen ny"
    );

    // Backups from 2020: older than any retention, and older than the interval.
    let katalog = sakerhetskopia::katalog(&db);
    for (namn, orsak) in [
        (
            "underlag-20200102T030405.000Z-schemalagd.db",
            Orsak::Schemalagd,
        ),
        ("underlag-20200101T000000.000Z-manuell.db", Orsak::Manuell),
    ] {
        ok(std::fs::copy(
            katalog.join(&forsta.namn),
            katalog.join(namn),
        ));
        assert!(
            ok(store.sakerhetskopior())
                .iter()
                .any(|k| k.namn == namn && k.orsak == orsak)
        );
    }
    ok(store.spara_installningar(&Installningar {
        behall_dagar: 7,
        intervall_timmar: 1,
    }));
    assert!(ok(store.sakerhetskopiera_vid_behov()).is_none());
    let kvar: Vec<String> = ok(store.sakerhetskopior())
        .into_iter()
        .map(|k| k.namn)
        .collect();
    assert_eq!(kvar, vec![forsta.namn.clone()], "de gamla ska rensas");

    // Only old backups: the newest of them stays, and the schedule makes a new one.
    ok(std::fs::rename(
        katalog.join(&forsta.namn),
        katalog.join("underlag-20200102T030405.000Z-schemalagd.db"),
    ));
    ok(std::fs::copy(
        katalog.join("underlag-20200102T030405.000Z-schemalagd.db"),
        katalog.join("underlag-20200101T000000.000Z-manuell.db"),
    ));
    let ny = ok(store.sakerhetskopiera_vid_behov())
        .unwrap_or_else(|| panic!("förfallen: en ny ska göras"));
    let kvar: Vec<String> = ok(store.sakerhetskopior())
        .into_iter()
        .map(|k| k.namn)
        .collect();
    assert_eq!(kvar, vec![ny.namn], "den nya är nyast; de gamla rensas");

    let fel = match store.spara_installningar(&Installningar {
        behall_dagar: 0,
        intervall_timmar: 4,
    }) {
        Err(e) => e.to_string(),
        Ok(()) => panic!("0 dagar ska nekas"),
    };
    assert!(fel.contains("Behåll säkerhetskopior (dagar)"), "{fel}");
    assert_eq!(ok(store.installningar()).behall_dagar, 7);
}

#[test]
fn an_older_schema_is_backed_up_before_it_is_upgraded() {
    let mapp = ok(tempfile::tempdir());
    let db = mapp.path().join("underlag.db");
    {
        let mut store = ok(Store::open(&db, &nyckel(NYCKEL)));
        ok(store.skapa(&dokument_med_markor()));
    }
    // Back to the first schema, as a database from the first release would be.
    {
        let conn = ok(rusqlite::Connection::open(&db));
        ok(conn.pragma_update(None, "key", format!("x'{NYCKEL}'")));
        ok(conn.execute_batch(
            "DELETE FROM refinery_schema_history WHERE version > 1; DROP TABLE installning;
             DROP TABLE utlamnad_del; DROP TABLE sammanfogning; DROP TABLE statusbyte;
             DROP TRIGGER version_tas_inte_bort;
             CREATE TRIGGER version_tas_inte_bort BEFORE DELETE ON version
             BEGIN SELECT RAISE(ABORT, 'En registrerad version kan inte tas bort.'); END;
             ALTER TABLE dokument DROP COLUMN namn; ALTER TABLE dokument DROP COLUMN arkiverad;
             ALTER TABLE dokument DROP COLUMN borttagen;
             ALTER TABLE version DROP COLUMN handelse; ALTER TABLE version DROP COLUMN forum;",
        ));
    }
    let store = ok(Store::open(&db, &nyckel(NYCKEL)));
    let kopior = ok(store.sakerhetskopior());
    let fore = kopior
        .iter()
        .find(|k| k.orsak == Orsak::ForeMigrering)
        .unwrap_or_else(|| panic!("ingen kopia före migreringen: {kopior:?}"));
    // The copy is the old schema with the document; the live database has the new table.
    let conn = ok(rusqlite::Connection::open(
        sakerhetskopia::katalog(&db).join(&fore.namn),
    ));
    ok(conn.pragma_update(None, "key", format!("x'{NYCKEL}'")));
    let tabeller: i64 = ok(conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE name = 'installning'",
        [],
        |r| r.get(0),
    ));
    assert_eq!(tabeller, 0);
    let dokument: i64 = ok(conn.query_row("SELECT COUNT(*) FROM dokument", [], |r| r.get(0)));
    assert_eq!(dokument, 1);
    assert_eq!(ok(store.installningar()), Installningar::default());
    drop(store);
    // A current database gets no such copy.
    let store = ok(Store::open(&db, &nyckel(NYCKEL)));
    assert_eq!(
        ok(store.sakerhetskopior())
            .iter()
            .filter(|k| k.orsak == Orsak::ForeMigrering)
            .count(),
        1
    );
}
