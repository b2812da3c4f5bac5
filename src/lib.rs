//! skilltrend: crawl back-end job postings, extract the skills they mention
//! into SQLite, and chart demand over time.
//!
//! One module per pipeline stage; see ARCHITECTURE.md for the map.

pub mod extract;
