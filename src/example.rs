//! The bundled example: nämnden för demokrati och medborgarservice's årlig analys 2024 (seed
//! 003), transcribed faithfully, figures that do not add up included. It ships inside the
//! binary and is what the app opens first.

use crate::exchange::{self, Importfel};
use crate::model::Dokument;

/// The example as an exchange file, exactly as shipped.
pub const EXEMPEL_JSON: &str = include_str!("../examples/arlig-analys-2024.underlag.json");

/// The example as a document.
pub fn exempel() -> Result<Dokument, Importfel> {
    exchange::las(EXEMPEL_JSON.as_bytes())
}
