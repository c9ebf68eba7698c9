//! A valid document from the test suite's seeded generator (`tests/common/generator.rs`): the
//! first input byte picks the kind, the next eight the seed. Each must survive validation, the
//! exchange file's export → import and the Word and Excel exports (`fuzzmal::genererat`).
//! The fuzzer explores seeds, so it finds the combinations of lengths, empty fields, enum values
//! and amounts that the 210 fixed seeds of `tests/genererade.rs` do not reach.
#![no_main]

use libfuzzer_sys::fuzz_target;
use underlag::model::Dokumenttyp;

#[path = "../../tests/common/generator.rs"]
#[allow(dead_code)]
mod generator;

fuzz_target!(|data: &[u8]| {
    let Some((slag, rest)) = data.split_first() else {
        return;
    };
    let slag = Dokumenttyp::ALLA[usize::from(*slag) % Dokumenttyp::ALLA.len()];
    let fro = rest.first_chunk::<8>().map_or(0, |b| u64::from_le_bytes(*b));
    let _ = underlag::fuzzmal::genererat(&generator::dokument(slag, fro));
});
