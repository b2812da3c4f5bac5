#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| skilltrend::fuzzing::workday(data));
