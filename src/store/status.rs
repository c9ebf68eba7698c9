//! Status changes: the document's new `meta.status` and a row saying who moved it, when and,
//! for a reopening, why, written in one transaction. Whether a change is allowed (no fel, the
//! berörd nämnd informed) is the app's judgement; the store only keeps the record whole.

use chrono::Utc;
use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use super::{DokumentId, Store, StoreError, finns, hamta_i, spara_i};
use crate::edit::Andring;
use crate::model::Status;

/// One recorded status change.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Statusbyte {
    /// RFC 3339, UTC.
    pub tid: String,
    pub fran: Status,
    pub till: Status,
    pub av: String,
    /// Why the document was reopened; empty for a forward move.
    pub orsak: String,
}

impl Store {
    /// Sets the document's status and records the change; returns the new revision once both
    /// are committed.
    pub fn byt_status(
        &mut self,
        id: DokumentId,
        till: Status,
        av: &str,
        orsak: &str,
    ) -> Result<i64, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (dokument, revision) = hamta_i(&tx, id)?;
        let fran = dokument.status();
        let andring = Andring::Satt {
            falt: "meta.status".into(),
            varde: serde_json::to_value(till).map_err(|e| StoreError::Innehall {
                id,
                meddelande: e.to_string(),
            })?,
        };
        let ny = andring.tillampa(&dokument)?;
        let revision = spara_i(&tx, id, &ny, revision, &andring)?;
        tx.execute(
            "INSERT INTO statusbyte (dokument_id, revision, tid, fran, till, av, orsak)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                revision,
                Utc::now().to_rfc3339(),
                statustext(fran),
                statustext(till),
                av,
                orsak
            ],
        )?;
        tx.commit()?;
        Ok(revision)
    }

    /// The document's status changes, oldest first.
    pub fn statusbyten(&self, id: DokumentId) -> Result<Vec<Statusbyte>, StoreError> {
        finns(&self.conn, id)?;
        let mut s = self.conn.prepare(
            "SELECT tid, fran, till, av, orsak FROM statusbyte WHERE dokument_id = ?1 ORDER BY id",
        )?;
        let rader = s.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut ut = Vec::new();
        for rad in rader {
            let (tid, fran, till, av, orsak) = rad?;
            ut.push(Statusbyte {
                tid,
                fran: las_status(id, &fran)?,
                till: las_status(id, &till)?,
                av,
                orsak,
            });
        }
        Ok(ut)
    }
}

fn statustext(status: Status) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn las_status(id: DokumentId, text: &str) -> Result<Status, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        StoreError::Innehall {
            id,
            meddelande: format!("okänd status \"{text}\" i statushistoriken"),
        }
    })
}
