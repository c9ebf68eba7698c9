//! The backup commands: list, make one now, restore one, and the schedule's settings. The
//! schedule itself runs in `Program::andra` (after edits) and when the program opens.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{IngaArg, Program, Svar};
use crate::store::sakerhetskopia::{self, Installningar, Orsak, Sakerhetskopia};

/// What the backup view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sakerhetskopior {
    /// Newest first.
    pub kopior: Vec<Sakerhetskopia>,
    pub installningar: Installningar,
    /// The folder they are in, for the user to find them.
    pub katalog: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AterstallArg {
    /// A backup's file name, as listed.
    pub namn: String,
}

impl Program {
    pub fn sakerhetskopior(&self, _: IngaArg) -> Svar<Sakerhetskopior> {
        Ok(Sakerhetskopior {
            kopior: self.store.sakerhetskopior()?,
            installningar: self.store.installningar()?,
            katalog: sakerhetskopia::katalog(self.store.sokvag())
                .to_string_lossy()
                .into_owned(),
        })
    }

    pub fn sakerhetskopiera(&mut self, _: IngaArg) -> Svar<Sakerhetskopior> {
        self.store.sakerhetskopiera(Orsak::Manuell)?;
        self.sakerhetskopior(IngaArg {})
    }

    /// Restores a backup. The undo history of every document is dropped: it describes states
    /// the restored database never had.
    pub fn aterstall_sakerhetskopia(&mut self, arg: AterstallArg) -> Svar<Sakerhetskopior> {
        self.store.aterstall(&arg.namn)?;
        self.historik.clear();
        self.sakerhetskopior(IngaArg {})
    }

    pub fn spara_installningar(&mut self, arg: Installningar) -> Svar<Sakerhetskopior> {
        self.store.spara_installningar(&arg)?;
        self.sakerhetskopior(IngaArg {})
    }

    /// The schedule: at most every few minutes, a backup if the newest is older than the
    /// interval. A failed backup is reported on stderr and never fails the edit that was
    /// already committed.
    pub(super) fn sakerhetskopiera_enligt_schema(&mut self) {
        let nu = std::time::Instant::now();
        if nu < self.nasta_schemakontroll {
            return;
        }
        self.nasta_schemakontroll = nu + SCHEMAKONTROLL;
        if let Err(e) = self.store.sakerhetskopiera_vid_behov() {
            eprintln!("Underlag: den automatiska säkerhetskopian misslyckades: {e}");
        }
    }
}

/// How often edits look at the schedule; listing the backup folder on every keystroke would be
/// waste.
const SCHEMAKONTROLL: std::time::Duration = std::time::Duration::from_secs(300);
