//! The one-time move of a plaintext database (from versions before encryption) to SQLCipher.
//!
//! Order matters, because the plaintext file is the user's only copy until the end:
//! 1. a backup of the plaintext database through the online backup API;
//! 2. `sqlcipher_export` into a new encrypted file beside it;
//! 3. the new file is opened with the key and compared with the original, table by table, row by
//!    row;
//! 4. it is renamed over the original (one atomic rename);
//! 5. the result is opened and checked once more, and only then the plaintext backup is deleted.
//!
//! If a step before 4 fails, the original is untouched and the new file removed. If step 5
//! fails, the plaintext backup is kept and the error names it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::Value;

use super::nyckel::Nyckel;
use super::{StoreError, integritet, las_med_nyckel, sakerhetskopia};

fn fel(steg: &str, orsak: impl std::fmt::Display) -> StoreError {
    StoreError::Kryptering(format!("{steg}: {orsak}"))
}

/// Encrypts the plaintext database at `db` with `nyckel`, in place.
pub(super) fn kryptera(db: &Path, nyckel: &Nyckel) -> Result<(), StoreError> {
    let original = Connection::open(db).map_err(|e| fel("den okrypterade databasen", e))?;
    integritet(&original, db)?;
    // Everything into the main file, so the copy and the export see one consistent file.
    original
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(|e| fel("checkpoint", e))?;
    let kopia = sakerhetskopia::skriv_okrypterad(&original, db)?;
    let ny = tillfalligt_namn(db);
    let _ = std::fs::remove_file(&ny);
    let resultat = exportera(&original, &ny, nyckel).and_then(|()| {
        let krypterad = las_med_nyckel(&ny, nyckel).map_err(|e| fel("den nya filen", e))?;
        integritet(&krypterad, &ny)?;
        lika(&original, &krypterad)
    });
    drop(original);
    if let Err(e) = resultat {
        let _ = std::fs::remove_file(&ny);
        let _ = std::fs::remove_file(&kopia);
        return Err(e);
    }
    // The plaintext connection is closed, so SQLite has removed its -wal and -shm files; any
    // left over would belong to the old file and must not be read against the new one.
    for slut in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(med_slut(db, slut));
    }
    std::fs::rename(&ny, db).map_err(|e| {
        let _ = std::fs::remove_file(&ny);
        let _ = std::fs::remove_file(&kopia);
        fel("byta till den krypterade filen", e)
    })?;
    synka_mapp(db);
    let kontroll = las_med_nyckel(db, nyckel)
        .map_err(|e| fel("den krypterade databasen", e))
        .and_then(|c| integritet(&c, db));
    if let Err(e) = kontroll {
        return Err(fel(
            &format!(
                "kontrollen efter krypteringen misslyckades; den okrypterade kopian finns kvar i {}",
                kopia.display()
            ),
            e,
        ));
    }
    std::fs::remove_file(&kopia).map_err(|e| {
        fel(
            &format!(
                "krypteringen är klar men den okrypterade kopian {} kunde inte tas bort; ta bort den själv",
                kopia.display()
            ),
            e,
        )
    })?;
    Ok(())
}

fn exportera(original: &Connection, ny: &Path, nyckel: &Nyckel) -> Result<(), StoreError> {
    let sokvag = ny.to_string_lossy();
    original
        .execute(
            "ATTACH DATABASE ?1 AS krypterad KEY ?2",
            [sokvag.as_ref(), nyckel.pragma()],
        )
        .map_err(|e| fel("skapa den krypterade filen", e))?;
    let resultat = original
        .query_row("SELECT sqlcipher_export('krypterad')", [], |_| Ok(()))
        .map_err(|e| fel("sqlcipher_export", e))
        .and_then(|()| {
            let version: i64 = original
                .query_row("PRAGMA main.user_version", [], |r| r.get(0))
                .map_err(|e| fel("user_version", e))?;
            original
                .execute_batch(&format!("PRAGMA krypterad.user_version = {version}"))
                .map_err(|e| fel("user_version", e))
        });
    let losgor = original
        .execute("DETACH DATABASE krypterad", [])
        .map_err(|e| fel("DETACH", e));
    resultat.and(losgor.map(|_| ()))
}

/// Every table of `a` has the same rows in `b`, in rowid order.
fn lika(a: &Connection, b: &Connection) -> Result<(), StoreError> {
    let tabeller = |c: &Connection| -> Result<Vec<String>, StoreError> {
        let mut s = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map_err(|e| fel("jämföra tabeller", e))?;
        s.query_map([], |r| r.get(0))
            .and_then(|r| r.collect::<Result<Vec<String>, _>>())
            .map_err(|e| fel("jämföra tabeller", e))
    };
    let namn = tabeller(a)?;
    if namn != tabeller(b)? {
        return Err(fel("jämförelsen", "tabellerna skiljer sig"));
    }
    for tabell in namn {
        if rader(a, &tabell)? != rader(b, &tabell)? {
            return Err(fel("jämförelsen", format!("tabellen {tabell} skiljer sig")));
        }
    }
    Ok(())
}

fn rader(c: &Connection, tabell: &str) -> Result<Vec<Vec<Value>>, StoreError> {
    // The name comes from sqlite_master; quoting it keeps any name a valid identifier.
    let fraga = format!(
        "SELECT * FROM \"{}\" ORDER BY rowid",
        tabell.replace('"', "\"\"")
    );
    let mut s = c.prepare(&fraga).map_err(|e| fel("läsa", e))?;
    let kolumner = s.column_count();
    s.query_map([], |r| {
        (0..kolumner).map(|i| r.get::<_, Value>(i)).collect()
    })
    .and_then(|r| r.collect::<Result<Vec<Vec<Value>>, _>>())
    .map_err(|e| fel(&format!("läsa tabellen {tabell}"), e))
}

fn med_slut(db: &Path, slut: &str) -> PathBuf {
    let mut namn = db.as_os_str().to_os_string();
    namn.push(slut);
    PathBuf::from(namn)
}

fn tillfalligt_namn(db: &Path) -> PathBuf {
    med_slut(db, ".krypteras")
}

/// Makes the rename durable: on Unix a rename is persisted by syncing the directory. Windows
/// has no such call (NTFS journals the rename itself).
fn synka_mapp(db: &Path) {
    #[cfg(not(unix))]
    let _ = db;
    #[cfg(unix)]
    if let Some(mapp) = db.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(f) = std::fs::File::open(mapp)
    {
        let _ = f.sync_all();
    }
}
