//! The long work under way (an export, a Word import), each under the number the UI gave it, so
//! that the user's "Avbryt" reaches the work without waiting for the program's lock, which the
//! work itself holds. The shells keep a clone of [`Arbeten`] beside the locked `Program` and
//! answer `avbryt_arbete` from it.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use ts_rs::TS;

use super::Svar;
use crate::cancel::Avbrott;

/// Which long work to cancel: the number the UI sent with the command that started it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ArbeteArg {
    pub arbete: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Arbeten(Arc<Mutex<Register>>);

#[derive(Debug, Default)]
struct Register {
    pagaende: HashMap<u32, Avbrott>,
    /// Cancelled before the work began: it waited for the lock behind other commands. A
    /// number cancelled after its work ended stays here unused; the UI never reuses one.
    avbrutna_i_forvag: HashSet<u32>,
}

/// A started piece of work: its cancel flag, and its place in the register until dropped.
pub(crate) struct Arbete {
    arbeten: Arbeten,
    nummer: Option<u32>,
    pub avbrott: Avbrott,
}

impl Arbeten {
    /// The register holds only flags and numbers, each change whole, so a thread that
    /// panicked while holding the lock left nothing half-done: carry on with it.
    fn register(&self) -> MutexGuard<'_, Register> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts work number `nummer` (none: work the user cannot cancel, as from the command
    /// line). Its flag is already set if the cancel came first.
    pub(crate) fn borja(&self, nummer: Option<u32>) -> Arbete {
        let avbrott = Avbrott::default();
        if let Some(n) = nummer {
            let mut register = self.register();
            if register.avbrutna_i_forvag.remove(&n) {
                avbrott.avbryt();
            }
            register.pagaende.insert(n, avbrott.clone());
        }
        Arbete {
            arbeten: self.clone(),
            nummer,
            avbrott,
        }
    }

    /// The user's "Avbryt". The work stops at its next step and writes nothing; work that has
    /// already finished is not undone.
    pub fn avbryt_arbete(&self, arg: ArbeteArg) -> Svar<()> {
        let mut register = self.register();
        match register.pagaende.get(&arg.arbete) {
            Some(avbrott) => avbrott.avbryt(),
            None => {
                register.avbrutna_i_forvag.insert(arg.arbete);
            }
        }
        Ok(())
    }
}

impl Drop for Arbete {
    fn drop(&mut self) {
        if let Some(n) = self.nummer {
            self.arbeten.register().pagaende.remove(&n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_reaches_running_work_and_work_that_has_not_begun() {
        let arbeten = Arbeten::default();
        let pagaende = arbeten.borja(Some(1));
        assert!(!pagaende.avbrott.ar_avbrutet());
        arbeten.avbryt_arbete(ArbeteArg { arbete: 1 }).ok();
        assert!(pagaende.avbrott.ar_avbrutet());

        // Cancelled while it waited for the lock: it starts cancelled.
        arbeten.avbryt_arbete(ArbeteArg { arbete: 2 }).ok();
        assert!(arbeten.borja(Some(2)).avbrott.ar_avbrutet());
        // Other work, and work without a number, is untouched.
        assert!(!arbeten.borja(Some(3)).avbrott.ar_avbrutet());
        assert!(!arbeten.borja(None).avbrott.ar_avbrutet());
    }

    #[test]
    fn finished_work_leaves_the_register() {
        let arbeten = Arbeten::default();
        drop(arbeten.borja(Some(7)));
        assert!(arbeten.register().pagaende.is_empty());
    }
}
