//! Documents as a list the user manages: a name of their own, archived and restored, put in the
//! Papperskorg, restored from it, and gone for good only when it is emptied.
//!
//! An archived or trashed document keeps everything; `skrivbar` (called from `spara_i`, which
//! every write to a document's content passes) refuses to change it, so a second window or a
//! stale link gets a Swedish message instead of writing to a document the user put away.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{DokumentId, Dokumentpost, Store, StoreError, finns, hamta_i};
use crate::model::Dokument;

/// The longest name a document may have: a name is a label in a list, not a text.
pub const STORSTA_NAMN: usize = 200;

const RADER: &str = "SELECT id, dokumenttyp, organisation, ar, revision, andrad,
        coalesce(json_extract(innehall, '$.meta.status'), 'utkast'), namn, arkiverad, borttagen
     FROM dokument";

/// The rows of the list: `villkor` chooses which (active and archived, or the Papperskorg).
pub(super) fn rader(conn: &Connection, villkor: &str) -> Result<Vec<Dokumentpost>, StoreError> {
    let mut s = conn.prepare(&format!("{RADER} WHERE {villkor} ORDER BY id"))?;
    let rader = s.query_map([], |r| {
        let dokumenttyp: String = r.get(1)?;
        let typ = crate::model::Dokumenttyp::parse(&dokumenttyp);
        Ok(Dokumentpost {
            id: r.get(0)?,
            benamning: typ.map_or(dokumenttyp.clone(), |t| t.kortnamn().to_string()),
            i_portfolj: typ.is_some_and(|t| t.i_portfolj()),
            dokumenttyp,
            organisation: r.get(2)?,
            ar: r.get(3)?,
            revision: r.get(4)?,
            andrad: r.get(5)?,
            status: r.get(6)?,
            statusetikett: String::new(),
            namn: r.get(7)?,
            arkiverad: r.get::<_, Option<String>>(8)?.is_some(),
            borttagen: r.get(9)?,
        })
    })?;
    Ok(rader.collect::<Result<_, _>>()?)
}

/// Refuses a write to a document that is archived or in the Papperskorg.
pub(super) fn skrivbar(conn: &Connection, id: DokumentId) -> Result<(), StoreError> {
    let (arkiverad, borttagen) = lage(conn, id)?;
    if borttagen {
        Err(StoreError::IPapperskorgen(id))
    } else if arkiverad {
        Err(StoreError::Arkiverad(id))
    } else {
        Ok(())
    }
}

/// Whether the document is (archived, in the Papperskorg).
fn lage(conn: &Connection, id: DokumentId) -> Result<(bool, bool), StoreError> {
    conn.query_row(
        "SELECT arkiverad IS NOT NULL, borttagen IS NOT NULL FROM dokument WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(StoreError::SaknasDokument(id))
}

/// Refuses a trashed document: it is to be restored before anything else is done with it.
fn inte_borttagen(conn: &Connection, id: DokumentId) -> Result<(), StoreError> {
    if lage(conn, id)?.1 {
        Err(StoreError::IPapperskorgen(id))
    } else {
        Ok(())
    }
}

fn rensat_namn(namn: &str) -> Result<String, StoreError> {
    let namn = namn.split_whitespace().collect::<Vec<_>>().join(" ");
    if namn.chars().count() > STORSTA_NAMN {
        return Err(StoreError::Ogiltig {
            falt: "Namn",
            orsak: format!("högst {STORSTA_NAMN} tecken"),
        });
    }
    Ok(namn)
}

impl Store {
    /// Whether the document is archived; `IPapperskorgen` for a trashed one, which is not to be
    /// opened until it is restored.
    pub fn arkiverad(&self, id: DokumentId) -> Result<bool, StoreError> {
        let (arkiverad, borttagen) = lage(&self.conn, id)?;
        if borttagen {
            return Err(StoreError::IPapperskorgen(id));
        }
        Ok(arkiverad)
    }

    /// `Ok` when the document may be changed; `Arkiverad` or `IPapperskorgen` otherwise. For
    /// callers that would refuse before reaching `spara_i` for another reason (undo).
    pub fn skrivbar(&self, id: DokumentId) -> Result<(), StoreError> {
        skrivbar(&self.conn, id)
    }

    /// The documents in the Papperskorg.
    pub fn papperskorg(&self) -> Result<Vec<Dokumentpost>, StoreError> {
        rader(&self.conn, "borttagen IS NOT NULL")
    }

    /// The user's own name for the document; an empty one means the kind and year again.
    /// Archived documents can be renamed (the name is the list's, not the content's).
    pub fn byt_namn(&mut self, id: DokumentId, namn: &str) -> Result<String, StoreError> {
        let namn = rensat_namn(namn)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        inte_borttagen(&tx, id)?;
        tx.execute(
            "UPDATE dokument SET namn = ?1 WHERE id = ?2",
            params![namn, id],
        )?;
        tx.commit()?;
        Ok(namn)
    }

    /// The stored name, empty when the user gave none.
    pub fn namn(&self, id: DokumentId) -> Result<String, StoreError> {
        self.conn
            .query_row("SELECT namn FROM dokument WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::SaknasDokument(id))
    }

    /// Stores `dokument` as a new document named `namn`, in one transaction.
    pub fn skapa_med_namn(
        &mut self,
        dokument: &Dokument,
        namn: &str,
    ) -> Result<DokumentId, StoreError> {
        let namn = rensat_namn(namn)?;
        let nu = Utc::now().to_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO dokument (dokumenttyp, organisation, ar, innehall, revision, skapad, andrad, namn)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5, ?6)",
            params![dokument.typ().as_str(), dokument.organisation(), dokument.ar(), dokument.to_value().to_string(), nu, namn],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Archives the document (`arkivera`) or makes it active again. Archiving keeps everything
    /// and only stops changes.
    pub fn arkivera(&mut self, id: DokumentId, arkivera: bool) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        inte_borttagen(&tx, id)?;
        let tid = arkivera.then(|| Utc::now().to_rfc3339());
        tx.execute(
            "UPDATE dokument SET arkiverad = ?1 WHERE id = ?2",
            params![tid, id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts the document in the Papperskorg. It keeps its content, versions and journal until
    /// the Papperskorg is emptied.
    pub fn ta_bort(&mut self, id: DokumentId) -> Result<(), StoreError> {
        finns(&self.conn, id)?;
        self.conn.execute(
            "UPDATE dokument SET borttagen = ?1 WHERE id = ?2 AND borttagen IS NULL",
            params![Utc::now().to_rfc3339(), id],
        )?;
        Ok(())
    }

    /// Takes the document out of the Papperskorg, as it was (archived if it was).
    pub fn aterstall_dokument(&mut self, id: DokumentId) -> Result<(), StoreError> {
        finns(&self.conn, id)?;
        self.conn
            .execute("UPDATE dokument SET borttagen = NULL WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Deletes every document in the Papperskorg with everything that refers to it (versions,
    /// journal, status changes, merges, handed-out parts), in one transaction: all or nothing.
    /// Returns how many documents were deleted.
    pub fn tom_papperskorg(&mut self) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Children first: the foreign keys are on, and the version trigger lets a version go
        // only while its document is still there, marked as trashed.
        for tabell in [
            "version",
            "journal",
            "statusbyte",
            "sammanfogning",
            "utlamnad_del",
        ] {
            tx.execute(
                &format!(
                    "DELETE FROM {tabell} WHERE dokument_id IN
                     (SELECT id FROM dokument WHERE borttagen IS NOT NULL)"
                ),
                [],
            )?;
        }
        let antal = tx.execute("DELETE FROM dokument WHERE borttagen IS NOT NULL", [])?;
        tx.commit()?;
        Ok(antal)
    }

    /// A setting of the database's own (`installning`), `None` when never set.
    pub fn installning(&self, namn: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT varde FROM installning WHERE namn = ?1",
                [namn],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn spara_installning(&mut self, namn: &str, varde: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO installning (namn, varde) VALUES (?1, ?2)
             ON CONFLICT(namn) DO UPDATE SET varde = excluded.varde",
            params![namn, varde],
        )?;
        Ok(())
    }

    /// The document and its revision, for a copy: refused only for a trashed document.
    pub fn hamta_for_kopia(&self, id: DokumentId) -> Result<Dokument, StoreError> {
        inte_borttagen(&self.conn, id)?;
        Ok(hamta_i(&self.conn, id)?.0)
    }
}
