//! Backups through SQLite's online backup API: a consistent copy of the live database, taken
//! while it is open, encrypted with the same key. They live in `sakerhetskopior/` beside the
//! database, one file each, named `<databas>-<UTC-tid>-<orsak>.db`, so that listing needs no
//! database of its own and a person can see what a file is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::nyckel::Nyckel;
use super::{StoreError, integritet, las_med_nyckel};

const KATALOG: &str = "sakerhetskopior";
const TIDSFORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";
const SIDOR_PER_STEG: i32 = 256;

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Orsak {
    /// Made by the schedule (`Installningar::intervall_timmar`).
    Schemalagd,
    /// Asked for by the user.
    Manuell,
    /// Before the database's schema was upgraded.
    ForeMigrering,
    /// The state just before a backup was restored, so that a restore can be undone.
    ForeAterstallning,
}

const ORSAKER: [Orsak; 4] = [
    Orsak::Schemalagd,
    Orsak::Manuell,
    Orsak::ForeMigrering,
    Orsak::ForeAterstallning,
];

impl Orsak {
    pub fn as_str(self) -> &'static str {
        match self {
            Orsak::Schemalagd => "schemalagd",
            Orsak::Manuell => "manuell",
            Orsak::ForeMigrering => "fore-migrering",
            Orsak::ForeAterstallning => "fore-aterstallning",
        }
    }

    pub fn beskrivning(self) -> &'static str {
        match self {
            Orsak::Schemalagd => "automatisk",
            Orsak::Manuell => "gjord för hand",
            Orsak::ForeMigrering => "före uppgradering av databasen",
            Orsak::ForeAterstallning => "före återställning",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Sakerhetskopia {
    /// The file name; what `underlag backup restore` takes.
    pub namn: String,
    /// When it was made, RFC 3339 in UTC.
    pub tid: String,
    pub orsak: Orsak,
    /// The reason in words, for lists.
    pub beskrivning: String,
    #[ts(type = "number")]
    pub byte: u64,
}

/// How long backups are kept and how often the schedule makes one. Stored in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Installningar {
    /// Backups older than this are deleted, except the newest one.
    pub behall_dagar: u32,
    /// A scheduled backup is made when the newest backup is older than this.
    pub intervall_timmar: u32,
}

impl Default for Installningar {
    fn default() -> Self {
        Installningar {
            behall_dagar: 30,
            intervall_timmar: 4,
        }
    }
}

/// The folder the backups of `db` are written to.
pub fn katalog(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(KATALOG)
}

fn prefix(db: &Path) -> String {
    format!("{}-", db.file_stem().unwrap_or_default().to_string_lossy())
}

/// The backups of `db`, newest first. Files that are not backups of this database (other
/// databases' backups, unfinished `.tmp` files) are left out.
pub fn lista(db: &Path) -> Result<Vec<Sakerhetskopia>, StoreError> {
    let mapp = katalog(db);
    let poster = match std::fs::read_dir(&mapp) {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(kopiefel(&mapp, e.to_string())),
    };
    let prefix = prefix(db);
    let mut kopior = Vec::new();
    for post in poster {
        let post = post.map_err(|e| kopiefel(&mapp, e.to_string()))?;
        let namn = post.file_name().to_string_lossy().into_owned();
        let Some((tid, orsak)) = tolka_namn(&namn, &prefix) else {
            continue;
        };
        let byte = post.metadata().map(|m| m.len()).unwrap_or(0);
        kopior.push((
            tid,
            Sakerhetskopia {
                namn,
                tid: tid.to_rfc3339(),
                orsak,
                beskrivning: orsak.beskrivning().into(),
                byte,
            },
        ));
    }
    kopior.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.namn.cmp(&a.1.namn)));
    Ok(kopior.into_iter().map(|(_, k)| k).collect())
}

fn tolka_namn(namn: &str, prefix: &str) -> Option<(DateTime<Utc>, Orsak)> {
    let rest = namn.strip_prefix(prefix)?.strip_suffix(".db")?;
    let (tid, orsak) = rest.split_once('-')?;
    let orsak = ORSAKER.into_iter().find(|o| o.as_str() == orsak)?;
    let tid = NaiveDateTime::parse_from_str(tid, TIDSFORMAT)
        .ok()?
        .and_utc();
    Some((tid, orsak))
}

fn kopiefel(sokvag: &Path, orsak: String) -> StoreError {
    StoreError::Sakerhetskopia {
        sokvag: sokvag.to_path_buf(),
        orsak,
    }
}

/// Copies the open database `fran` to a new backup file of `db`.
pub(super) fn skriv(
    fran: &Connection,
    db: &Path,
    nyckel: &Nyckel,
    orsak: Orsak,
) -> Result<Sakerhetskopia, StoreError> {
    let mapp = katalog(db);
    std::fs::create_dir_all(&mapp).map_err(|e| kopiefel(&mapp, e.to_string()))?;
    let tid = Utc::now();
    let namn = format!(
        "{}{}-{}.db",
        prefix(db),
        tid.format(TIDSFORMAT),
        orsak.as_str()
    );
    let mal = mapp.join(&namn);
    kopiera(fran, &mal, Some(nyckel))?;
    let byte = std::fs::metadata(&mal).map(|m| m.len()).unwrap_or(0);
    Ok(Sakerhetskopia {
        namn,
        tid: tid.to_rfc3339(),
        orsak,
        beskrivning: orsak.beskrivning().into(),
        byte,
    })
}

/// A plaintext copy of a plaintext database, taken before it is encrypted; deleted by the
/// caller once the encrypted file is verified. Its name is not a backup's, so it is never listed
/// or restored.
pub(super) fn skriv_okrypterad(fran: &Connection, db: &Path) -> Result<PathBuf, StoreError> {
    let mapp = katalog(db);
    std::fs::create_dir_all(&mapp).map_err(|e| kopiefel(&mapp, e.to_string()))?;
    let mal = mapp.join(format!(
        "{}{}-okrypterad.db",
        prefix(db),
        Utc::now().format(TIDSFORMAT)
    ));
    kopiera(fran, &mal, None)?;
    Ok(mal)
}

/// Writes the copy under a temporary name and renames it when complete, so a listed backup is
/// always whole.
fn kopiera(fran: &Connection, mal: &Path, nyckel: Option<&Nyckel>) -> Result<(), StoreError> {
    let mut tillfallig = mal.as_os_str().to_os_string();
    tillfallig.push(".tmp");
    let tillfallig = PathBuf::from(tillfallig);
    let resultat = (|| {
        let mut till = match nyckel {
            Some(n) => las_med_nyckel(&tillfallig, n),
            None => Connection::open(&tillfallig),
        }
        .map_err(|e| kopiefel(&tillfallig, e.to_string()))?;
        Backup::new(fran, &mut till)
            .and_then(|b| b.run_to_completion(SIDOR_PER_STEG, Duration::ZERO, None))
            .map_err(|e| kopiefel(&tillfallig, e.to_string()))?;
        drop(till);
        std::fs::rename(&tillfallig, mal).map_err(|e| kopiefel(mal, e.to_string()))
    })();
    if resultat.is_err() {
        let _ = std::fs::remove_file(&tillfallig);
    }
    resultat
}

/// Opens the backup `namn` of `db` for reading and checks it: it must be one of the listed
/// backups (so `../` and other paths are refused), open with the key, and pass integrity_check.
pub(super) fn oppna_for_aterstallning(
    db: &Path,
    nyckel: &Nyckel,
    namn: &str,
) -> Result<(Connection, Sakerhetskopia), StoreError> {
    let kopia = lista(db)?
        .into_iter()
        .find(|k| k.namn == namn)
        .ok_or_else(|| StoreError::SaknasSakerhetskopia(namn.to_string()))?;
    let sokvag = katalog(db).join(&kopia.namn);
    let conn = las_med_nyckel(&sokvag, nyckel).map_err(|e| kopiefel(&sokvag, e.to_string()))?;
    integritet(&conn, &sokvag).map_err(|e| {
        kopiefel(
            &sokvag,
            format!("säkerhetskopian kan inte läsas med databasens nyckel eller är skadad ({e}); inget har ändrats"),
        )
    })?;
    Ok((conn, kopia))
}

/// Writes the backup `fran` over the live database `till` in one step of the backup API,
/// which holds the destination locked until the copy is complete.
pub(super) fn aterstall_till(
    fran: &Connection,
    till: &mut Connection,
    db: &Path,
) -> Result<(), StoreError> {
    Backup::new(fran, till)
        .and_then(|b| b.run_to_completion(i32::MAX, Duration::ZERO, None))
        .map_err(|e| kopiefel(db, e.to_string()))
}

/// Deletes backups older than `behall_dagar`, always keeping the newest. Returns the names
/// removed.
pub(super) fn rensa(db: &Path, behall_dagar: u32) -> Result<Vec<String>, StoreError> {
    let grans = Utc::now() - TimeDelta::days(i64::from(behall_dagar));
    let mut borttagna = Vec::new();
    for kopia in lista(db)?.into_iter().skip(1) {
        let gammal = DateTime::parse_from_rfc3339(&kopia.tid).is_ok_and(|t| t < grans);
        if gammal {
            let sokvag = katalog(db).join(&kopia.namn);
            std::fs::remove_file(&sokvag).map_err(|e| kopiefel(&sokvag, e.to_string()))?;
            borttagna.push(kopia.namn);
        }
    }
    Ok(borttagna)
}

/// Whether the schedule asks for a backup now: none yet, or the newest is older than the
/// interval.
pub(super) fn behovs(db: &Path, installningar: &Installningar) -> Result<bool, StoreError> {
    let intervall = TimeDelta::hours(i64::from(installningar.intervall_timmar));
    Ok(match lista(db)?.first() {
        None => true,
        Some(nyaste) => DateTime::parse_from_rfc3339(&nyaste.tid)
            .map_or(true, |t| Utc::now() - t.with_timezone(&Utc) >= intervall),
    })
}

const BEHALL_DAGAR: &str = "sakerhetskopior.behall_dagar";
const INTERVALL_TIMMAR: &str = "sakerhetskopior.intervall_timmar";

pub(super) fn las_installningar(conn: &Connection) -> Result<Installningar, StoreError> {
    let standard = Installningar::default();
    let las = |namn: &str, standard: u32| -> Result<u32, StoreError> {
        let varde: Option<String> = conn
            .query_row(
                "SELECT varde FROM installning WHERE namn = ?1",
                [namn],
                |r| r.get(0),
            )
            .optional()?;
        Ok(varde.and_then(|v| v.parse().ok()).unwrap_or(standard))
    };
    Ok(Installningar {
        behall_dagar: las(BEHALL_DAGAR, standard.behall_dagar)?,
        intervall_timmar: las(INTERVALL_TIMMAR, standard.intervall_timmar)?,
    })
}

pub(super) fn spara_installningar(
    conn: &Connection,
    installningar: &Installningar,
) -> Result<(), StoreError> {
    if installningar.behall_dagar == 0 {
        return Err(StoreError::Ogiltig {
            falt: "Behåll säkerhetskopior (dagar)",
            orsak: "ange minst 1 dag".into(),
        });
    }
    if installningar.intervall_timmar == 0 {
        return Err(StoreError::Ogiltig {
            falt: "Säkerhetskopiera var (timmar)",
            orsak: "ange minst 1 timme".into(),
        });
    }
    for (namn, varde) in [
        (BEHALL_DAGAR, installningar.behall_dagar),
        (INTERVALL_TIMMAR, installningar.intervall_timmar),
    ] {
        conn.execute(
            "INSERT INTO installning (namn, varde) VALUES (?1, ?2)
             ON CONFLICT(namn) DO UPDATE SET varde = excluded.varde",
            params![namn, varde.to_string()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back_and_foreign_files_ignored() {
        let (tid, orsak) = tolka_namn(
            "underlag-20261123T162200.123Z-fore-migrering.db",
            "underlag-",
        )
        .expect("ett namn som skrivs tolkas");
        assert_eq!(orsak, Orsak::ForeMigrering);
        assert_eq!(tid.to_rfc3339(), "2026-11-23T16:22:00.123+00:00");
        assert!(tolka_namn("annan-20261123T162200.123Z-manuell.db", "underlag-").is_none());
        assert!(tolka_namn("underlag-20261123T162200.123Z-manuell.db.tmp", "underlag-").is_none());
        assert!(tolka_namn("underlag-igar-manuell.db", "underlag-").is_none());
        assert!(tolka_namn("underlag-20261123T162200.123Z-okand.db", "underlag-").is_none());
    }
}
