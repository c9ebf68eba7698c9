//! An amount as typed (first byte: the field's unit), then formatted and parsed back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = underlag::fuzzmal::beloppstolkning(data);
});
