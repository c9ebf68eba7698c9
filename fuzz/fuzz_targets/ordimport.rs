//! Arbitrary bytes as a Word file to import (any of the three kinds).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = underlag::fuzzmal::ordimport(data);
});
