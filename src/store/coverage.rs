//! What the crawls covered, source by source (`queries/coverage.sql`): the
//! facts `report::coverage` turns into each period's coverage.

use anyhow::{Context, Result};
use rusqlite::named_params;

use super::Store;

/// The SQL behind each period's coverage.
pub const COVERAGE_SQL: &str = include_str!("../../queries/coverage.sql");

/// One fact about a source's crawls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageFact {
    pub source: String,
    /// `first`, `last`, `month` or `crawl`.
    pub what: String,
    /// `YYYY-MM-DD` (a month's first day).
    pub day: String,
}

impl Store {
    /// Runs `queries/coverage.sql` over these sources (None: all).
    pub fn coverage_facts(&self, sources: Option<&[String]>) -> Result<Vec<CoverageFact>> {
        let sources = sources.map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(COVERAGE_SQL).context("queries/coverage.sql")?;
        let rows = stmt.query_map(named_params! { ":sources": sources }, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (source, what, day) = row?;
            if let Some(day) = day {
                out.push(CoverageFact { source, what, day });
            }
        }
        Ok(out)
    }
}
