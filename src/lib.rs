//! Underlag's core: the documents, their templates, validation, the store and the exchange
//! format. It knows nothing of Tauri or the UI; the CLI and the desktop shell only translate.
//! See ARCHITECTURE.md for the map.

pub mod app;
pub mod arsskifte;
pub mod belopp;
pub mod cancel;
pub mod edit;
pub mod example;
pub mod exchange;
pub mod export;
/// The fuzz targets' code paths, shared with `tests/fuzz_regressions.rs`; not an API.
#[doc(hidden)]
pub mod fuzzmal;
pub mod harledning;
pub mod hjalp;
pub mod model;
pub mod ordimport;
pub mod portfolj;
pub mod report;
pub mod sammanfogning;
pub mod schema;
pub mod sjalvtest;
pub mod store;
pub mod template;
pub mod validate;
