//! Cancelling long work. The user's "Avbryt" sets an [`Avbrott`]; the work looks at it between
//! steps (a section, a list's posts, a stretch of XML) and stops with [`Avbrutet`] before it
//! writes anything, so a cancelled export leaves no file and a cancelled import no document.
//! The flag is shared, not a channel: whoever holds a clone may cancel, and looking costs one
//! atomic load, cheap enough for every few thousand XML events.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use thiserror::Error;

/// One piece of work's cancel flag. `Avbrott::default()` is never cancelled unless told to.
#[derive(Clone, Debug, Default)]
pub struct Avbrott(Arc<AtomicBool>);

/// The work stopped because the user cancelled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("Arbetet avbröts.")]
pub struct Avbrutet;

impl Avbrott {
    pub fn avbryt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn ar_avbrutet(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Avbrutet)` once cancelled: the work's `?` between steps.
    pub fn kontrollera(&self) -> Result<(), Avbrutet> {
        if self.ar_avbrutet() {
            Err(Avbrutet)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_cancels_the_same_work_and_a_new_one_is_untouched() {
        let avbrott = Avbrott::default();
        let hos_anvandaren = avbrott.clone();
        assert_eq!(avbrott.kontrollera(), Ok(()));
        hos_anvandaren.avbryt();
        assert_eq!(avbrott.kontrollera(), Err(Avbrutet));
        assert!(!Avbrott::default().ar_avbrutet());
    }
}
