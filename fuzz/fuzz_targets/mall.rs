//! A template file from a template directory: loading, then validating an empty document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = underlag::fuzzmal::mallinlasning(data);
});
