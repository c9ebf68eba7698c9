//! A 3.1 cell kept apart from its derivation from 2.2, with the reason, and brought back in
//! step: the two choices the app offers beside a derived cell. What is derived and how it
//! follows 2.2 is `crate::harledning`'s; these commands only carry the user's choice there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dokumentvy, Program, Svar};
use crate::belopp::{Enhet, tolka_belopp};
use crate::edit::Andringsfel;
use crate::harledning;
use crate::store::DokumentId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OverstyrArg {
    pub id: DokumentId,
    /// The derived cell, e.g. `kostnader.utveckling.rader[0].kostnad.prognos`.
    pub sokvag: String,
    /// The amount as typed, in tkr unless it says otherwise (`5 400`, `5,4 mnkr`); empty
    /// leaves the cell empty.
    pub text: String,
    /// Why the cell differs from 2.2: shown in the Granskning and under 3.1 in Word.
    pub motivering: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FoljArg {
    pub id: DokumentId,
    pub sokvag: String,
}

impl Program {
    /// Keeps a derived 3.1 cell at the amount typed, for the reason given; refused, naming the
    /// cell, without a reason.
    pub fn overstyr_harledning(&mut self, arg: OverstyrArg) -> Svar<Dokumentvy> {
        let belopp = if arg.text.trim().is_empty() {
            None
        } else {
            let tolkat = tolka_belopp(&arg.text, Enhet::Tkr).map_err(|e| Andringsfel::Varde {
                sokvag: arg.sokvag.clone(),
                meddelande: e.to_string(),
            });
            Some(tolkat.map_err(crate::store::StoreError::from)?.kronor)
        };
        self.andra_med(arg.id, |dokument, mall| {
            harledning::overstyr(dokument, &arg.sokvag, belopp, &arg.motivering, mall)
        })
    }

    /// Drops a cell's override and sets it to what 2.2 gives.
    pub fn folj_harledning(&mut self, arg: FoljArg) -> Svar<Dokumentvy> {
        self.andra_med(arg.id, |dokument, mall| {
            harledning::folj(dokument, &arg.sokvag, mall)
        })
    }
}
