//! The bundled examples, compiled into the binary. The first is nämnden för demokrati och
//! medborgarservice's årlig analys 2024 (seed 003), transcribed faithfully, figures that do not
//! add up included, and it is what the app opens first. The others are Intraservice's
//! tjänsteplaner 2023–2025 (seed 002), figures as the seed states them, and a fictitious
//! förvaltning's digitaliseringsplan 2024–2026 that exercises every field.

use crate::exchange::{self, Importfel};
use crate::model::Dokument;

/// The årlig analys example as an exchange file, exactly as shipped.
pub const EXEMPEL_JSON: &str = include_str!("../examples/arlig-analys-2024.underlag.json");

/// Every bundled example: its name (what `underlag example NAMN` and the app take), what a
/// person reads, and the exchange file.
pub const EXEMPEL: [(&str, &str, &str); 5] = [
    (
        "arlig-analys-2024",
        "Årlig analys 2024, nämnden för demokrati och medborgarservice",
        EXEMPEL_JSON,
    ),
    (
        "tjansteplan-2023-ekonomi",
        "Tjänsteplan 2023–2025, Ekonomi (Intraservice)",
        include_str!("../examples/tjansteplan-2023-ekonomi.underlag.json"),
    ),
    (
        "tjansteplan-2023-kommunikation",
        "Tjänsteplan 2023–2025, Kommunikation (Intraservice)",
        include_str!("../examples/tjansteplan-2023-kommunikation.underlag.json"),
    ),
    (
        "tjansteplan-2023-ledning-och-styrning",
        "Tjänsteplan 2023–2025, Ledning och styrning (Intraservice)",
        include_str!("../examples/tjansteplan-2023-ledning-och-styrning.underlag.json"),
    ),
    (
        "digitaliseringsplan-2024-exempel",
        "Digitaliseringsplan 2024–2026, Förvaltningen för exempelverksamhet (fiktiv)",
        include_str!("../examples/digitaliseringsplan-2024-exempel.underlag.json"),
    ),
];

/// The årlig analys example as a document.
pub fn exempel() -> Result<Dokument, Importfel> {
    exchange::las(EXEMPEL_JSON.as_bytes())
}

/// The example called `namn`, or `None` when there is none by that name.
pub fn exempel_med_namn(namn: &str) -> Option<Result<Dokument, Importfel>> {
    EXEMPEL
        .iter()
        .find(|(n, _, _)| *n == namn)
        .map(|(_, _, json)| exchange::las(json.as_bytes()))
}
