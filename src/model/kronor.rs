use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An exact amount of money in whole kronor. Tkr and mnkr are display units only; parsing and
/// formatting of what people write live in `crate::belopp`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    ts_rs::TS,
)]
#[serde(transparent)]
pub struct Kronor(pub i64);

impl JsonSchema for Kronor {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Kronor".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "description": "Belopp i hela kronor (inte tkr)."
        })
    }
}

impl Kronor {
    pub const ZERO: Kronor = Kronor(0);

    /// Adds without overflow; `None` when the sum does not fit, which only a hostile file can
    /// cause (i64 kronor is far beyond any municipal budget).
    pub fn checked_add(self, other: Kronor) -> Option<Kronor> {
        self.0.checked_add(other.0).map(Kronor)
    }

    /// The amount in tkr, the unit of 3.1 and of every amount cell in Excel; fractions of a
    /// tkr are kept.
    pub fn tkr(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl Add for Kronor {
    type Output = Kronor;
    fn add(self, rhs: Kronor) -> Kronor {
        Kronor(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Kronor {
    fn add_assign(&mut self, rhs: Kronor) {
        *self = *self + rhs;
    }
}

impl Sub for Kronor {
    type Output = Kronor;
    fn sub(self, rhs: Kronor) -> Kronor {
        Kronor(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Kronor {
    type Output = Kronor;
    fn neg(self) -> Kronor {
        Kronor(self.0.saturating_neg())
    }
}

impl Sum for Kronor {
    fn sum<I: Iterator<Item = Kronor>>(iter: I) -> Kronor {
        iter.fold(Kronor::ZERO, |a, b| a + b)
    }
}

impl std::fmt::Display for Kronor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::belopp::formatera_kr(*self))
    }
}
