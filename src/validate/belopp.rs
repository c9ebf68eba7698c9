//! One judgement of a single amount for every kind: a cost or budget that cannot be negative,
//! and a magnitude that suggests kronor typed as tkr or the other way round. Each kind reports
//! under its own rule ids and decides which of its fields may be negative (a change in
//! förvaltningskostnad may be a saving).

use crate::belopp::{formatera_kr, formatera_tkr};
use crate::model::Kronor;

/// Above this an amount is implausible for one tjänst or insats: probably kronor typed where
/// tkr was meant.
const ORIMLIGT_STORT: Kronor = Kronor(10_000_000_000);
/// Below this (but above zero) a kronor amount is probably tkr typed where kronor was meant.
const ORIMLIGT_LITET: Kronor = Kronor(1_000);

/// One amount of a document, with what it may be.
pub(super) struct Belopp {
    pub sokvag: String,
    pub belopp: Kronor,
    /// A change (påverkan) may be negative; a cost, budget or utfall may not.
    pub negativt_ok: bool,
    /// The field is in tkr (the årlig analys's 3.1); otherwise in kronor.
    pub tkr: bool,
    /// Where the kind records a decrease instead, said after a negative amount ("påverkan på
    /// förvaltningskostnad"); `None` where it has no such field.
    pub minskning: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Beloppsfel {
    Negativt,
    Enhet,
}

/// What is wrong with the amount, as a message to the author, if anything.
pub(super) fn prova(b: &Belopp) -> Option<(Beloppsfel, String)> {
    let v = b.belopp;
    let visa = if b.tkr {
        formatera_tkr(v)
    } else {
        formatera_kr(v)
    };
    if v.0 < 0 && !b.negativt_ok {
        Some((
            Beloppsfel::Negativt,
            match b.minskning {
                Some(falt) => format!(
                    "Beloppet {visa} är negativt, men en kostnad eller budget kan inte vara negativ. En minskning anges som {falt}."
                ),
                None => {
                    format!("Beloppet {visa} är negativt, men en kostnad kan inte vara negativ.")
                }
            },
        ))
    } else if v.0.unsigned_abs() >= ORIMLIGT_STORT.0.unsigned_abs() {
        let rad = if b.tkr {
            "Fältet anges i tkr: har beloppet skrivits i kronor?"
        } else {
            "Har beloppet skrivits fel?"
        };
        Some((
            Beloppsfel::Enhet,
            format!("Beloppet {visa} är orimligt stort. {rad}"),
        ))
    } else if !b.tkr && v.0 != 0 && v.0.unsigned_abs() < ORIMLIGT_LITET.0.unsigned_abs() {
        Some((
            Beloppsfel::Enhet,
            format!(
                "Beloppet {visa} är mycket litet. Fältet anges i kronor: menades {} tkr, det vill säga {}?",
                v.0,
                formatera_kr(Kronor(v.0.saturating_mul(1000)))
            ),
        ))
    } else {
        None
    }
}
