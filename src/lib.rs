//! skilltrend: crawl back-end job postings, extract the skills they mention
//! into SQLite, and chart demand over time.
//!
//! One module per pipeline stage — [`crawl`] → [`sources`] → [`extract`] →
//! [`store`] → [`report`] — see ARCHITECTURE.md for the map and invariants.

// No unsafe code anywhere in skilltrend (its dependencies have their own).
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod crawl;
pub mod demo;
pub mod discover;
pub mod extract;
pub mod fuzzing;
pub mod html;
pub mod parallel;
pub mod report;
pub mod sources;
pub mod store;

/// Input the user got wrong (a bad flag value, an unknown skill id): the
/// command exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);
