//! skilltrend: crawl back-end job postings, extract the skills they mention
//! into SQLite, and chart demand over time.
//!
//! One module per pipeline stage — [`crawl`] → [`sources`] → [`extract`] →
//! [`store`] → [`report`] — see ARCHITECTURE.md for the map and invariants.

pub mod config;
pub mod crawl;
pub mod extract;
pub mod html;
pub mod sources;
pub mod store;
