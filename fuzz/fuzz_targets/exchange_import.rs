//! An exchange file from anywhere: import, validation and export → import.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = underlag::fuzzmal::utbytesimport(data);
});
