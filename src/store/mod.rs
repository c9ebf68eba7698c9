//! The local store: one SQLite file with documents, immutable versions and an edit journal.
//!
//! Durability: WAL with `synchronous=FULL`, and every change is one transaction committed before
//! the call returns, so an acknowledged edit survives a kill or a power cut. The file is checked
//! with `PRAGMA integrity_check` on open.
//!
//! Confidentiality: the file is SQLCipher, always; `nyckel` finds its key, `kryptering` moves a
//! plaintext database from earlier versions over once, `sakerhetskopia` makes and restores
//! backups with the same key.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use thiserror::Error;

use crate::edit::{Andring, Andringsfel};
use crate::exchange::dokument_fran_json;
use crate::model::{Dokument, Dokumenttyp, Forum, Versionshandelse, Versionspost};

mod kryptering;
mod lista;
pub mod nyckel;
pub mod sakerhetskopia;
mod sammanfogning;
mod status;

pub use lista::STORSTA_NAMN;
pub use sammanfogning::{NySammanfogning, Sammanfogning, sha256};
pub use status::Statusbyte;

use nyckel::{Databastillstand, Nyckel, NyckelFel, Nyckelkalla, Nyckelval};
use sakerhetskopia::{Installningar, Orsak, Sakerhetskopia};

mod embedded {
    refinery::embed_migrations!("migrations");
}

pub type DokumentId = i64;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("Databasen {sokvag} kunde inte öppnas: {kalla}")]
    Oppna { sokvag: PathBuf, kalla: String },
    #[error(
        "Databasen {sokvag} är skadad (integrity_check: {detaljer}). Återställ en säkerhetskopia; Underlag skriver inte till en skadad databas."
    )]
    Skadad { sokvag: PathBuf, detaljer: String },
    #[error("Databasens schema kunde inte uppdateras: {0}")]
    Migrering(String),
    #[error("{}", skrivfel(.0))]
    Databas(#[from] rusqlite::Error),
    #[error("Det finns inget dokument med id {0}. Se `underlag list`.")]
    SaknasDokument(DokumentId),
    #[error("Dokumentet är arkiverat. Återställ det från startsidan för att ändra det.")]
    Arkiverad(DokumentId),
    #[error(
        "Dokumentet ligger i papperskorgen och kan inte öppnas eller ändras. Återställ det från papperskorgen på startsidan; inget av det har tagits bort."
    )]
    IPapperskorgen(DokumentId),
    #[error("Dokument {id} har ingen version {nummer}. Se `underlag versions {id}`.")]
    SaknasVersion { id: DokumentId, nummer: i64 },
    #[error(transparent)]
    Andring(#[from] Andringsfel),
    #[error("Dokument {id} i databasen kan inte läsas: {meddelande}")]
    Innehall { id: DokumentId, meddelande: String },
    #[error("{falt} får inte vara tomt.")]
    Tomt { falt: &'static str },
    #[error("{falt}: {orsak}.")]
    Ogiltig { falt: &'static str, orsak: String },
    #[error(transparent)]
    Nyckel(#[from] NyckelFel),
    #[error(
        "Nyckeln passar inte databasen {sokvag}, eller så är filen ingen Underlag-databas. Databasen har inte ändrats."
    )]
    FelNyckel { sokvag: PathBuf },
    #[error(
        "Databasen {sokvag} är inte krypterad. Öppna den med Underlag (eller `underlag list`), som krypterar den en gång och behåller en kopia tills krypteringen är kontrollerad."
    )]
    Okrypterad { sokvag: PathBuf },
    #[error(
        "Databasen kunde inte krypteras, och den okrypterade filen är orörd om inget annat sägs. Steg {0}"
    )]
    Kryptering(String),
    #[error("Säkerhetskopian {sokvag}: {orsak}")]
    Sakerhetskopia { sokvag: PathBuf, orsak: String },
    #[error("Det finns ingen säkerhetskopia som heter \"{0}\". Se `underlag backup list`.")]
    SaknasSakerhetskopia(String),
}

/// A row of `underlag list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Dokumentpost {
    pub id: DokumentId,
    pub dokumenttyp: String,
    /// What the list shows for the kind ("Årlig analys"); the stored kind when this version
    /// does not know it.
    pub benamning: String,
    /// Whether the portfolio can take the document (`Dokumenttyp::i_portfolj`).
    pub i_portfolj: bool,
    pub organisation: String,
    pub ar: i32,
    pub revision: i64,
    pub andrad: String,
    /// `meta.status`'s value (`utkast`, `inskickad` …).
    pub status: String,
    /// What the start page shows for it, from the template (`Program::dokumentlista`).
    pub statusetikett: String,
    /// The user's own name for the document; empty when none was given (the list then shows
    /// the kind and year).
    pub namn: String,
    /// Archived: kept, listed under "Visa arkiverade", not to be changed until restored.
    pub arkiverad: bool,
    /// When it was put in the Papperskorg (`Store::papperskorg`); `None` for every other row.
    pub borttagen: Option<String>,
}

/// What a person states when recording a version; its number and snapshot are the store's.
#[derive(Debug, Clone, PartialEq)]
pub struct NyVersion {
    pub beskrivning: String,
    pub andrad_av: String,
    pub datum: NaiveDate,
    pub handelse: Option<Versionshandelse>,
    pub forum: Option<Forum>,
}

/// A recorded, immutable version.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RegistreradVersion {
    pub nummer: i64,
    pub post: Versionspost,
    pub revision: i64,
    pub registrerad: String,
}

/// One acknowledged edit.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Journalpost {
    pub revision: i64,
    pub tid: String,
    pub andring: Andring,
}

pub struct Store {
    conn: Connection,
    sokvag: PathBuf,
    nyckel: Nyckel,
}

/// Opens the SQLCipher file at `sokvag` with `nyckel` without reading anything yet: a wrong key
/// shows at the first read.
pub(crate) fn las_med_nyckel(sokvag: &Path, nyckel: &Nyckel) -> rusqlite::Result<Connection> {
    let conn = Connection::open(sokvag)?;
    // SQLCipher prints decryption failures to stderr itself; Underlag reports them in Swedish.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    // One key step at a time in the process: `PRAGMA key` failed once ("requires a key of one
    // or more characters", SQLCipher's message for any key failure) on a fresh file while
    // parallel tests were opening databases, and was not reproduced in 25 further runs. The
    // first key use initialises SQLCipher's crypto provider; serialising the step costs
    // microseconds per open. A poisoned lock only means another open panicked; the step is
    // still safe to take.
    static NYCKELSTEG: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _vakt = NYCKELSTEG
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    conn.pragma_update(None, "key", nyckel.pragma())?;
    Ok(conn)
}

/// `PRAGMA integrity_check` on `conn`; a file that cannot be decrypted fails here, before
/// anything is written to it.
pub(crate) fn integritet(conn: &Connection, sokvag: &Path) -> Result<(), StoreError> {
    let detaljer: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::FelNyckel {
                sokvag: sokvag.to_path_buf(),
            },
            _ => StoreError::Oppna {
                sokvag: sokvag.to_path_buf(),
                kalla: oppningsfel(&e, sokvag),
            },
        })?;
    if detaljer == ["ok"] {
        Ok(())
    } else {
        Err(StoreError::Skadad {
            sokvag: sokvag.to_path_buf(),
            detaljer: detaljer.join("; "),
        })
    }
}

impl Store {
    /// Where the database lives unless `--db` or `UNDERLAG_DB` says otherwise: the user's data
    /// directory as each OS names it: `~/.local/share/underlag` on Linux (XDG),
    /// `%APPDATA%\Underlag` on Windows (roaming, where the city's IT expects a program's user
    /// data), `~/Library/Application Support/se.Goteborgs-Stad.Underlag` on macOS. Backups
    /// and a key file live beside it. No installer or uninstaller ever touches this directory.
    pub fn standard_sokvag() -> Option<PathBuf> {
        #[cfg(windows)]
        let mapp = directories::BaseDirs::new().map(|d| d.data_dir().join("Underlag"));
        #[cfg(not(windows))]
        let mapp = directories::ProjectDirs::from("se", "Goteborgs Stad", "Underlag")
            .map(|d| d.data_dir().to_path_buf());
        mapp.map(|m| m.join("underlag.db"))
    }

    /// Opens the database at `sokvag`, finding its key through `val` (a new key in the keychain
    /// for a new database). A plaintext database from an earlier version is encrypted first.
    pub fn oppna(sokvag: &Path, val: &Nyckelval) -> Result<(Store, Nyckelkalla), StoreError> {
        let (nyckel, kalla) = nyckel::hamta_nyckel(sokvag, val)?;
        let tillstand = nyckel::databastillstand(sokvag).map_err(|e| StoreError::Oppna {
            sokvag: sokvag.to_path_buf(),
            kalla: e.to_string(),
        })?;
        if tillstand == Databastillstand::Okrypterad {
            kryptering::kryptera(sokvag, &nyckel)?;
        }
        Ok((Store::open(sokvag, &nyckel)?, kalla))
    }

    /// Opens or creates the encrypted database at `sokvag` with `nyckel`. A wrong key, a file
    /// that is not a database and a plaintext database are refused before anything is written.
    pub fn open(sokvag: &Path, nyckel: &Nyckel) -> Result<Store, StoreError> {
        let oppna = |kalla: String| StoreError::Oppna {
            sokvag: sokvag.to_path_buf(),
            kalla,
        };
        if nyckel::databastillstand(sokvag).map_err(|e| oppna(e.to_string()))?
            == Databastillstand::Okrypterad
        {
            return Err(StoreError::Okrypterad {
                sokvag: sokvag.to_path_buf(),
            });
        }
        if let Some(mapp) = sokvag.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(mapp).map_err(|e| oppna(e.to_string()))?;
        }
        let mut conn =
            las_med_nyckel(sokvag, nyckel).map_err(|e| oppna(oppningsfel(&e, sokvag)))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| oppna(e.to_string()))?;
        integritet(&conn, sokvag)?;
        let lage: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| oppna(oppningsfel(&e, sokvag)))?;
        if !lage.eq_ignore_ascii_case("wal") {
            return Err(oppna(format!("kunde inte slå på WAL (fick {lage})")));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(|e| oppna(oppningsfel(&e, sokvag)))?;
        let runner = embedded::migrations::runner();
        let har_historik: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'refinery_schema_history')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| oppna(oppningsfel(&e, sokvag)))?;
        let senaste = if har_historik {
            runner
                .get_last_applied_migration(&mut conn)
                .map_err(|e| StoreError::Migrering(e.to_string()))?
        } else {
            None
        };
        let hogsta = runner
            .get_migrations()
            .iter()
            .map(|m| m.version())
            .max()
            .unwrap_or(0);
        if senaste.is_some_and(|m| m.version() < hogsta) {
            // An existing database is about to change shape: keep it as it was first.
            sakerhetskopia::skriv(&conn, sokvag, nyckel, Orsak::ForeMigrering)?;
        }
        runner
            .run(&mut conn)
            .map_err(|e| StoreError::Migrering(e.to_string()))?;
        Ok(Store {
            conn,
            sokvag: sokvag.to_path_buf(),
            nyckel: nyckel.clone(),
        })
    }

    pub fn sokvag(&self) -> &Path {
        &self.sokvag
    }

    /// Stores a new document and returns its id.
    pub fn skapa(&mut self, dokument: &Dokument) -> Result<DokumentId, StoreError> {
        let nu = Utc::now().to_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO dokument (dokumenttyp, organisation, ar, innehall, revision, skapad, andrad)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5)",
            params![dokument.typ().as_str(), dokument.organisation(), dokument.ar(), dokument.to_value().to_string(), nu],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Every document not in the Papperskorg, archived ones included (marked).
    pub fn lista(&self) -> Result<Vec<Dokumentpost>, StoreError> {
        lista::rader(&self.conn, "borttagen IS NULL")
    }

    /// The document and its revision (the number of edits applied since it was stored).
    pub fn hamta(&self, id: DokumentId) -> Result<(Dokument, i64), StoreError> {
        hamta_i(&self.conn, id)
    }

    /// Applies one edit in one transaction. Returns the new revision once it is committed: a
    /// caller that got a revision back may tell the user the edit is saved.
    pub fn andra(&mut self, id: DokumentId, andring: &Andring) -> Result<i64, StoreError> {
        self.andra_med(id, |_| Ok(vec![andring.clone()]))
    }

    /// Applies the edits `planera` makes of the document as stored, in order and in one
    /// transaction: an edit and its consequences (`harledning::med_foljder`) are stored, or
    /// refused, together. Each is journaled on its own, so a merge replays them one by one.
    pub fn andra_med(
        &mut self,
        id: DokumentId,
        planera: impl FnOnce(&Dokument) -> Result<Vec<Andring>, Andringsfel>,
    ) -> Result<i64, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut dokument, mut revision) = hamta_i(&tx, id)?;
        for andring in planera(&dokument)? {
            dokument = andring.tillampa(&dokument)?;
            revision = spara_i(&tx, id, &dokument, revision, &andring)?;
        }
        tx.commit()?;
        Ok(revision)
    }

    /// Records an immutable version: appends a row to the document's versionshantering (as a
    /// journaled edit) and stores a snapshot, in one transaction. A decision (händelse
    /// Beslutad) that is the latest one also becomes the version the document states
    /// (`Dokument::angiven_version`), as a second journaled edit in the same transaction: the
    /// plan's version is by definition its latest decided one, and the snapshot must say so.
    pub fn registrera_version(
        &mut self,
        id: DokumentId,
        ny: &NyVersion,
    ) -> Result<RegistreradVersion, StoreError> {
        if ny.beskrivning.trim().is_empty() {
            return Err(StoreError::Tomt {
                falt: "Beskrivning",
            });
        }
        if ny.andrad_av.trim().is_empty() {
            return Err(StoreError::Tomt { falt: "Ändrad av" });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (dokument, revision) = hamta_i(&tx, id)?;
        let nummer: i64 = tx.query_row(
            "SELECT COALESCE(MAX(nummer), 0) + 1 FROM version WHERE dokument_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let post = Versionspost {
            datum: ny.datum,
            version: nasta_versionsnummer(dokument.versionshantering(), dokument.angiven_version()),
            beskrivning: ny.beskrivning.trim().to_string(),
            andrad_av: ny.andrad_av.trim().to_string(),
            handelse: ny.handelse,
            forum: ny.forum,
        };
        let innehall = |meddelande: String| StoreError::Innehall { id, meddelande };
        let andring = Andring::LaggTill {
            lista: "versionshantering".into(),
            index: None,
            varde: serde_json::to_value(&post).map_err(|e| innehall(e.to_string()))?,
        };
        let mut ny_dokument = andring.tillampa(&dokument)?;
        let mut revision = spara_i(&tx, id, &ny_dokument, revision, &andring)?;
        let senast_beslutad = post.handelse == Some(Versionshandelse::Beslutad)
            && !dokument
                .versionshantering()
                .iter()
                .any(|v| v.handelse == Some(Versionshandelse::Beslutad) && v.datum > post.datum);
        if senast_beslutad
            && let Some(angiven) = ny_dokument.angiven_version()
            && angiven.trim() != post.version
        {
            let andring = Andring::Satt {
                falt: "meta.version".into(),
                varde: serde_json::Value::String(post.version.clone()),
            };
            ny_dokument = andring.tillampa(&ny_dokument)?;
            revision = spara_i(&tx, id, &ny_dokument, revision, &andring)?;
        }
        let registrerad = Utc::now().to_rfc3339();
        tx.execute(
            "INSERT INTO version (dokument_id, nummer, version, datum, beskrivning, andrad_av, revision, innehall, registrerad, handelse, forum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                nummer,
                post.version,
                post.datum.to_string(),
                post.beskrivning,
                post.andrad_av,
                revision,
                ny_dokument.to_value().to_string(),
                registrerad,
                post.handelse.map(|h| som_text(&h)).transpose().map_err(innehall)?,
                post.forum.map(|f| som_text(&f)).transpose().map_err(innehall)?,
            ],
        )?;
        tx.commit()?;
        Ok(RegistreradVersion {
            nummer,
            post,
            revision,
            registrerad,
        })
    }

    pub fn versioner(&self, id: DokumentId) -> Result<Vec<RegistreradVersion>, StoreError> {
        finns(&self.conn, id)?;
        let mut s = self.conn.prepare(
            "SELECT nummer, version, datum, beskrivning, andrad_av, revision, registrerad, handelse, forum
             FROM version WHERE dokument_id = ?1 ORDER BY nummer",
        )?;
        let rader = s.query_map([id], |r| {
            let datum: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                datum,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut versioner = Vec::new();
        for rad in rader {
            let (
                nummer,
                version,
                datum,
                beskrivning,
                andrad_av,
                revision,
                registrerad,
                handelse,
                forum,
            ) = rad?;
            let innehall = |meddelande: String| StoreError::Innehall {
                id,
                meddelande: format!("version {nummer}: {meddelande}"),
            };
            let handelse = handelse
                .as_deref()
                .map(fran_text)
                .transpose()
                .map_err(innehall)?;
            let forum = forum
                .as_deref()
                .map(fran_text)
                .transpose()
                .map_err(innehall)?;
            let datum = NaiveDate::parse_from_str(&datum, "%Y-%m-%d").map_err(|e| {
                StoreError::Innehall {
                    id,
                    meddelande: format!("versionsdatum \"{datum}\": {e}"),
                }
            })?;
            versioner.push(RegistreradVersion {
                nummer,
                post: Versionspost {
                    datum,
                    version,
                    beskrivning,
                    andrad_av,
                    handelse,
                    forum,
                },
                revision,
                registrerad,
            });
        }
        Ok(versioner)
    }

    /// The document exactly as it was when version `nummer` was recorded.
    pub fn hamta_version(&self, id: DokumentId, nummer: i64) -> Result<Dokument, StoreError> {
        let rad: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT d.dokumenttyp, v.innehall FROM version v JOIN dokument d ON d.id = v.dokument_id
                 WHERE v.dokument_id = ?1 AND v.nummer = ?2",
                params![id, nummer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (typ, innehall) = match rad {
            Some(rad) => rad,
            None => {
                hamta_i(&self.conn, id)?;
                return Err(StoreError::SaknasVersion { id, nummer });
            }
        };
        tolka_innehall(id, &typ, &innehall)
    }

    pub fn journal(&self, id: DokumentId) -> Result<Vec<Journalpost>, StoreError> {
        finns(&self.conn, id)?;
        let mut s = self.conn.prepare(
            "SELECT revision, tid, andring FROM journal WHERE dokument_id = ?1 ORDER BY revision",
        )?;
        let rader = s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
        let mut poster = Vec::new();
        for rad in rader {
            let (revision, tid, andring) = rad?;
            let andring = serde_json::from_str(&andring).map_err(|e| StoreError::Innehall {
                id,
                meddelande: format!("journalpost {revision}: {e}"),
            })?;
            poster.push(Journalpost {
                revision,
                tid,
                andring,
            });
        }
        Ok(poster)
    }

    /// Runs `PRAGMA integrity_check` now; `Ok(())` when the file is sound.
    pub fn kontrollera_integritet(&self) -> Result<(), StoreError> {
        integritet(&self.conn, &self.sokvag)
    }

    /// A backup of the database as it is now, through the online backup API.
    pub fn sakerhetskopiera(&self, orsak: Orsak) -> Result<Sakerhetskopia, StoreError> {
        sakerhetskopia::skriv(&self.conn, &self.sokvag, &self.nyckel, orsak)
    }

    pub fn sakerhetskopior(&self) -> Result<Vec<Sakerhetskopia>, StoreError> {
        sakerhetskopia::lista(&self.sokvag)
    }

    /// What the schedule does: a backup when the newest is older than the interval, then the
    /// backups older than the retention period are deleted. Returns the new backup, if any.
    pub fn sakerhetskopiera_vid_behov(&self) -> Result<Option<Sakerhetskopia>, StoreError> {
        let installningar = self.installningar()?;
        let ny = if sakerhetskopia::behovs(&self.sokvag, &installningar)? {
            Some(self.sakerhetskopiera(Orsak::Schemalagd)?)
        } else {
            None
        };
        sakerhetskopia::rensa(&self.sokvag, installningar.behall_dagar)?;
        Ok(ny)
    }

    /// Replaces the database's content with the backup `namn`, after a backup of the current
    /// state (returned, so the restore can itself be undone). A backup that does not open with
    /// this database's key, or fails integrity_check, changes nothing.
    pub fn aterstall(&mut self, namn: &str) -> Result<Sakerhetskopia, StoreError> {
        let (fran, _) = sakerhetskopia::oppna_for_aterstallning(&self.sokvag, &self.nyckel, namn)?;
        let fore = self.sakerhetskopiera(Orsak::ForeAterstallning)?;
        sakerhetskopia::aterstall_till(&fran, &mut self.conn, &self.sokvag)?;
        // A backup from before a schema upgrade is brought up to date like any old database.
        embedded::migrations::runner()
            .run(&mut self.conn)
            .map_err(|e| StoreError::Migrering(e.to_string()))?;
        self.kontrollera_integritet()?;
        Ok(fore)
    }

    pub fn installningar(&self) -> Result<Installningar, StoreError> {
        sakerhetskopia::las_installningar(&self.conn)
    }

    pub fn spara_installningar(&self, installningar: &Installningar) -> Result<(), StoreError> {
        sakerhetskopia::spara_installningar(&self.conn, installningar)
    }
}

fn finns(conn: &Connection, id: DokumentId) -> Result<(), StoreError> {
    let antal: i64 = conn.query_row("SELECT COUNT(*) FROM dokument WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    if antal == 0 {
        Err(StoreError::SaknasDokument(id))
    } else {
        Ok(())
    }
}

/// SQLite's reasons for a failed read or write in Swedish, where a person can act on them.
/// Every write is one transaction, so a refused one changed nothing.
fn skrivfel(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "Ett annat Underlag-fönster eller kommando sparar i databasen just nu och blev inte klart i tid. Ingenting är ändrat; försök igen om en stund.".into()
        }
        Some(rusqlite::ErrorCode::DiskFull) => {
            "Disken är full, så ändringen kunde inte sparas. Ingenting är ändrat; frigör utrymme och försök igen.".into()
        }
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
            "Databasen är skrivskyddad eller saknar behörighet, så ändringen kunde inte sparas. Ingenting är ändrat.".into()
        }
        Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::CannotOpen) => {
            "Databasen kunde inte skrivas till disken (disken kan vara borttagen, full eller skrivskyddad). Ingenting är ändrat; kontrollera disken och försök igen.".into()
        }
        _ => format!(
            "Databasen kunde inte spara ändringen ({}). Ingenting är ändrat; försök igen, och återställ en säkerhetskopia om felet kommer tillbaka.",
            felkod(e)
        ),
    }
}

/// SQLite's numeric code for support, never its English text.
fn felkod(e: &rusqlite::Error) -> String {
    match e.sqlite_error() {
        Some(fel) => format!("SQLite-kod {}", fel.extended_code),
        None => "internt fel".into(),
    }
}

/// SQLite's reasons in Swedish where a person can act on them.
fn oppningsfel(e: &rusqlite::Error, sokvag: &Path) -> String {
    if let Some(
        rusqlite::ErrorCode::CannotOpen
        | rusqlite::ErrorCode::ReadOnly
        | rusqlite::ErrorCode::PermissionDenied
        | rusqlite::ErrorCode::SystemIoFailure,
    ) = e.sqlite_error_code()
        && let Some(hinder) = skrivhinder(sokvag)
    {
        return hinder;
    }
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "filen kan inte läsas med nyckeln, eller är ingen Underlag-databas. Ange en annan fil med --db.".into()
        }
        Some(rusqlite::ErrorCode::CannotOpen) => {
            "filen kan inte öppnas; kontrollera sökvägen och behörigheten.".into()
        }
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
            "filen är skrivskyddad eller saknar behörighet.".into()
        }
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "databasen används av ett annat program just nu; försök igen.".into()
        }
        Some(rusqlite::ErrorCode::DiskFull) => "disken är full.".into(),
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            "filen kunde inte läsas eller skrivas på disken (disken kan vara borttagen eller skrivskyddad).".into()
        }
        _ => format!("filen kunde inte öppnas ({}).", felkod(e)),
    }
}

/// Why the file cannot be written, when the file system says so: SQLite only says it cannot
/// open it. A database in WAL mode needs to write beside itself even to be read.
fn skrivhinder(sokvag: &Path) -> Option<String> {
    let fel = std::fs::OpenOptions::new()
        .append(true)
        .open(sokvag)
        .err()?;
    match fel.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem => Some(
            "filen ligger på en skrivskyddad disk, och Underlag måste kunna spara i den. Ingenting är ändrat; kopiera databasen till en skrivbar mapp eller ta bort skrivskyddet.".into(),
        ),
        std::io::ErrorKind::PermissionDenied => Some(
            "du har inte behörighet att skriva i filen, och Underlag måste kunna spara i den. Ingenting är ändrat.".into(),
        ),
        _ => None,
    }
}

fn hamta_i(conn: &Connection, id: DokumentId) -> Result<(Dokument, i64), StoreError> {
    let rad: Option<(String, String, i64)> = conn
        .query_row(
            "SELECT dokumenttyp, innehall, revision FROM dokument WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (typ, innehall, revision) = rad.ok_or(StoreError::SaknasDokument(id))?;
    Ok((tolka_innehall(id, &typ, &innehall)?, revision))
}

fn tolka_innehall(id: DokumentId, typ: &str, innehall: &str) -> Result<Dokument, StoreError> {
    let typ = Dokumenttyp::parse(typ).ok_or_else(|| StoreError::Innehall {
        id,
        meddelande: format!("okänd dokumenttyp \"{typ}\""),
    })?;
    let varde = serde_json::from_str(innehall).map_err(|e| StoreError::Innehall {
        id,
        meddelande: e.to_string(),
    })?;
    dokument_fran_json(typ, varde).map_err(|(sokvag, meddelande)| StoreError::Innehall {
        id,
        meddelande: format!("{sokvag}: {meddelande}"),
    })
}

fn spara_i(
    conn: &Connection,
    id: DokumentId,
    dokument: &Dokument,
    revision: i64,
    andring: &Andring,
) -> Result<i64, StoreError> {
    // Every write to a document's content comes here: an archived or trashed one is refused
    // before anything changes, whichever window or command asked.
    lista::skrivbar(conn, id)?;
    let ny_revision = revision
        .checked_add(1)
        .ok_or_else(|| StoreError::Innehall {
            id,
            meddelande: "revisionsnumret kan inte räknas upp".into(),
        })?;
    let nu = Utc::now().to_rfc3339();
    let andring_json = serde_json::to_string(andring).map_err(|e| StoreError::Innehall {
        id,
        meddelande: e.to_string(),
    })?;
    conn.execute(
        "UPDATE dokument SET innehall = ?1, organisation = ?2, ar = ?3, revision = ?4, andrad = ?5 WHERE id = ?6",
        params![dokument.to_value().to_string(), dokument.organisation(), dokument.ar(), ny_revision, nu, id],
    )?;
    conn.execute(
        "INSERT INTO journal (dokument_id, revision, tid, andring) VALUES (?1, ?2, ?3, ?4)",
        params![id, ny_revision, nu, andring_json],
    )?;
    Ok(ny_revision)
}

/// "1.0", "2.0", …: one more than the highest major number already in the table, so that an
/// imported history ("1.0", "1.1") continues sensibly.
/// The next major version after every one in the history and the one the document states (a
/// plan imported with an empty table may still say it is 3.5: its next version is 4.0).
fn nasta_versionsnummer(historik: &[Versionspost], angiven: Option<&str>) -> String {
    let hogsta = historik
        .iter()
        .map(|p| p.version.as_str())
        .chain(angiven)
        .filter_map(|v| v.split('.').next()?.trim().parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{}.0", hogsta.saturating_add(1))
}

/// A unit enum value by its serde name (`beslutad`), as the version table keeps it.
fn som_text<T: Serialize>(varde: &T) -> Result<String, String> {
    match serde_json::to_value(varde) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(annat) => Err(format!("{annat} är inget namn")),
        Err(e) => Err(e.to_string()),
    }
}

fn fran_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| format!("\"{text}\": {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_numbers_continue_an_imported_history() {
        let post = |v: &str| Versionspost {
            datum: NaiveDate::from_ymd_opt(2024, 3, 28).unwrap_or_default(),
            version: v.into(),
            beskrivning: String::new(),
            andrad_av: String::new(),
            handelse: None,
            forum: None,
        };
        assert_eq!(nasta_versionsnummer(&[], None), "1.0");
        assert_eq!(
            nasta_versionsnummer(&[post("1.0"), post("1.1")], None),
            "2.0"
        );
        assert_eq!(
            nasta_versionsnummer(&[post("utkast"), post("3.2")], None),
            "4.0"
        );
        assert_eq!(
            nasta_versionsnummer(&[post("4294967295.0")], None),
            "4294967296.0"
        );
        assert_eq!(
            nasta_versionsnummer(&[post(&u64::MAX.to_string())], None),
            u64::MAX.to_string() + ".0"
        );
        // A plan that states its version without a table of versions continues from it.
        assert_eq!(nasta_versionsnummer(&[], Some("3.5")), "4.0");
        assert_eq!(nasta_versionsnummer(&[post("2.0")], Some("")), "3.0");
    }

    #[test]
    fn handelse_and_forum_are_kept_by_their_serde_names() {
        assert_eq!(
            som_text(&Versionshandelse::Beslutad).as_deref(),
            Ok("beslutad")
        );
        assert_eq!(
            fran_text::<Forum>("prioriteringsforum"),
            Ok(Forum::Prioriteringsforum)
        );
        assert!(fran_text::<Forum>("kommunfullmaktige").is_err());
    }
}
