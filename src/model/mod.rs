//! The typed documents. Field names are the domain's own Swedish terms, ASCII-folded; they are
//! also the keys of the exchange format and of the field paths that edits address, so renaming
//! one is a format change (bump `exchange::FORMAT_VERSION`).
//!
//! Labels, numbering and anvisning texts do not live here: the template (`crate::template`)
//! says how these fields are presented. Totals are never stored: see `crate::model::totals`.

mod arlig_analys;
mod digitaliseringsplan;
mod dokument;
pub mod ekonomi;
mod katalog;
mod kronor;
mod platshallare;
mod referenser;
mod sammanstallning;
mod tjansteplan;
mod totals;
mod vandring;

pub use arlig_analys::*;
pub use digitaliseringsplan::*;
pub use dokument::*;
pub use katalog::*;
pub use kronor::Kronor;
pub use platshallare::{forsta_platshallare, hitta_platshallare};
pub use referenser::{
    Brott, LISTOR_MED_ID, id_prefix, kontrollera as kontrollera_referenser, nytt_id, samla_id,
};
pub use sammanstallning::*;
pub use tjansteplan::*;
pub use totals::*;
pub use vandring::for_varje_lov;
