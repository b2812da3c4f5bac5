//! The integration tests, in one binary (one link against the whole
//! dependency tree instead of one per file): the real `skilltrend` binary
//! against HTTP servers on 127.0.0.1 and SQLite files in temporary
//! directories. Run one module with `cargo test --test it MODULE::`.

mod common;

mod accuracy;
mod boards;
mod breakdown;
mod cli;
mod cooccur;
mod coverage;
mod crash;
mod crawl_faults;
mod crawl_jsonld;
mod database;
mod dedupe;
mod dedupe_accuracy;
mod demo;
mod discover;
mod extract_cli;
mod figures;
mod fuzz_seeds;
mod hostile;
mod linking_cache;
mod migrations;
mod open_tools;
mod pay_accuracy;
mod population;
mod properties;
mod report;
mod roles_accuracy;
mod safety;
mod site;
mod sources;
mod sources_ats;
mod spans;
mod tidy;
mod top;
mod workday;
