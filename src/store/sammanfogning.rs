//! The store's side of merging parts: the snapshot kept when a part is handed out (the base of a
//! later three-way merge), the merge itself as one transaction of ordinary journaled edits, and
//! the merge history.

use chrono::Utc;
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{DokumentId, Store, StoreError, finns, hamta_i, spara_i, tolka_innehall};
use crate::edit::Andring;
use crate::exchange::Ursprung;
use crate::model::Dokument;
use crate::sammanfogning::Valdpost;

/// Hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What the journal records about one merge, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct NySammanfogning<'a> {
    pub av: &'a str,
    pub filnamn: &'a str,
    pub fil_sha256: &'a str,
    pub med_bas: bool,
    pub tagna: &'a [Valdpost],
    pub behallna: &'a [Valdpost],
}

/// One merge in the history.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Sammanfogning {
    pub nummer: i64,
    pub tid: String,
    pub av: String,
    pub filnamn: String,
    pub fil_sha256: String,
    pub revision_fore: i64,
    pub revision_efter: i64,
    pub med_bas: bool,
    pub tagna: Vec<Valdpost>,
    pub behallna: Vec<Valdpost>,
}

impl Store {
    /// The document as it is now, with the `ursprung` a part exported from it carries; the
    /// content is kept so that merging the part back has its base.
    pub fn lamna_ut(&mut self, id: DokumentId) -> Result<(Dokument, Ursprung), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (dokument, revision) = hamta_i(&tx, id)?;
        // A part of a document that cannot be changed could never be merged back.
        super::lista::skrivbar(&tx, id)?;
        let innehall = dokument.to_value().to_string();
        let summa = sha256(innehall.as_bytes());
        tx.execute(
            "INSERT OR IGNORE INTO utlamnad_del (dokument_id, sha256, revision, innehall, tid)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, summa, revision, innehall, Utc::now().to_rfc3339()],
        )?;
        tx.commit()?;
        Ok((
            dokument,
            Ursprung {
                dokument: id,
                revision,
                sha256: summa,
            },
        ))
    }

    /// The base a part names: what was handed out with that hash, or a recorded version with
    /// the same content. `None` when this database never held it.
    pub fn utgangslage(
        &self,
        id: DokumentId,
        ursprung: &Ursprung,
    ) -> Result<Option<Dokument>, StoreError> {
        if ursprung.dokument != id {
            return Ok(None);
        }
        let typ: String = self
            .conn
            .query_row(
                "SELECT dokumenttyp FROM dokument WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::SaknasDokument(id))?;
        let utlamnad: Option<String> = self
            .conn
            .query_row(
                "SELECT innehall FROM utlamnad_del WHERE dokument_id = ?1 AND sha256 = ?2",
                params![id, ursprung.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(innehall) = utlamnad {
            return tolka_innehall(id, &typ, &innehall).map(Some);
        }
        let mut s = self
            .conn
            .prepare("SELECT innehall FROM version WHERE dokument_id = ?1 AND revision = ?2")?;
        let versioner = s.query_map(params![id, ursprung.revision], |r| r.get::<_, String>(0))?;
        for innehall in versioner {
            let innehall = innehall?;
            if sha256(innehall.as_bytes()) == ursprung.sha256 {
                return tolka_innehall(id, &typ, &innehall).map(Some);
            }
        }
        Ok(None)
    }

    /// Applies a merge's edits in one transaction, each journaled as any edit, and records the
    /// merge. Refused, changing nothing, when the document is no longer at `revision` or any
    /// edit breaks an invariant. Returns the new revision.
    pub fn sammanfoga(
        &mut self,
        id: DokumentId,
        revision: i64,
        andringar: &[Andring],
        post: &NySammanfogning,
    ) -> Result<i64, StoreError> {
        if post.av.trim().is_empty() {
            return Err(StoreError::Tomt {
                falt: "Sammanfogad av",
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut dokument, mut nu) = hamta_i(&tx, id)?;
        if nu != revision {
            return Err(StoreError::Ogiltig {
                falt: "Sammanfogning",
                orsak: format!(
                    "dokumentet har ändrats sedan förhandsgranskningen (revision {revision}, nu {nu}); förhandsgranska delen igen"
                ),
            });
        }
        for andring in andringar {
            dokument = andring.tillampa(&dokument)?;
            nu = spara_i(&tx, id, &dokument, nu, andring)?;
        }
        let json = |v: &[Valdpost]| {
            serde_json::to_string(v).map_err(|e| StoreError::Innehall {
                id,
                meddelande: e.to_string(),
            })
        };
        tx.execute(
            "INSERT INTO sammanfogning (dokument_id, tid, av, filnamn, fil_sha256, revision_fore, revision_efter, med_bas, tagna, behallna)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                Utc::now().to_rfc3339(),
                post.av.trim(),
                post.filnamn,
                post.fil_sha256,
                revision,
                nu,
                post.med_bas,
                json(post.tagna)?,
                json(post.behallna)?
            ],
        )?;
        tx.commit()?;
        Ok(nu)
    }

    /// Every merge into the document, oldest first.
    pub fn sammanfogningar(&self, id: DokumentId) -> Result<Vec<Sammanfogning>, StoreError> {
        finns(&self.conn, id)?;
        let mut s = self.conn.prepare(
            "SELECT id, tid, av, filnamn, fil_sha256, revision_fore, revision_efter, med_bas, tagna, behallna
             FROM sammanfogning WHERE dokument_id = ?1 ORDER BY id",
        )?;
        let rader = s.query_map([id], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ),
                (
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ),
            ))
        })?;
        let mut ut = Vec::new();
        for rad in rader {
            let ((nummer, tid, av, filnamn, fil_sha256), (fore, efter, med_bas, tagna, behallna)) =
                rad?;
            let las = |text: &str| {
                serde_json::from_str::<Vec<Valdpost>>(text).map_err(|e| StoreError::Innehall {
                    id,
                    meddelande: format!("sammanfogning {nummer}: {e}"),
                })
            };
            ut.push(Sammanfogning {
                nummer,
                tid,
                av,
                filnamn,
                fil_sha256,
                revision_fore: fore,
                revision_efter: efter,
                med_bas,
                tagna: las(&tagna)?,
                behallna: las(&behallna)?,
            });
        }
        Ok(ut)
    }
}
