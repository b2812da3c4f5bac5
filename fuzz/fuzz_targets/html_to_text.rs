#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| skilltrend::fuzzing::html_to_text(data));
