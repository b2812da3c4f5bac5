//! Running the report queries of `queries/` (the single source of truth for
//! how numbers are computed) and returning their rows.

use anyhow::{Context, Result};
use rusqlite::named_params;
use serde::Serialize;

use super::Store;
use super::runs::count;

/// The SQL behind `skilltrend report`.
pub const SKILL_SHARE_SQL: &str = include_str!("../../queries/skill_share.sql");

/// Parameters of [`SKILL_SHARE_SQL`].
#[derive(Debug, Clone)]
pub struct ShareQuery {
    pub skills: Vec<String>,
    /// `week`, `month`, `quarter` or `year`.
    pub by: String,
    /// First day included, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day included, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only these sources (None: all).
    pub sources: Option<Vec<String>>,
    /// Count roll-ups (skills that imply a requested skill) too.
    pub rollup: bool,
}

/// One row of the share series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub period: String,
    pub skill: String,
    pub mentioning: u64,
    pub total: u64,
    /// None for a period with no postings.
    pub share: Option<f64>,
}

impl Store {
    /// Runs `queries/skill_share.sql`.
    pub fn skill_shares(&self, q: &ShareQuery) -> Result<Vec<ShareRow>> {
        let skills = serde_json::to_string(&q.skills)?;
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(SKILL_SHARE_SQL).context("queries/skill_share.sql")?;
        let rows = stmt.query_map(
            named_params! {
                ":skills": skills,
                ":by": q.by,
                ":since": q.since,
                ":until": q.until,
                ":sources": sources,
                ":rollup": i64::from(q.rollup),
            },
            |r| {
                Ok(ShareRow {
                    period: r.get(0)?,
                    skill: r.get(1)?,
                    mentioning: count(r, 2)?,
                    total: count(r, 3)?,
                    share: r.get(4)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Number of postings stored (of one source, or all).
    pub fn count_postings(&self, source: Option<&str>) -> Result<u64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM postings WHERE ?1 IS NULL OR source = ?1", [source], |r| count(r, 0))?)
    }
}

impl Store {
    /// The names of every source that has postings.
    pub fn source_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare("SELECT DISTINCT source FROM postings ORDER BY source")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// What the database holds of one source.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceSummary {
    pub postings: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub last_run_status: Option<String>,
    pub last_run_at: Option<String>,
    pub last_run_error: Option<String>,
}

impl Store {
    /// Postings, date range and last run of a source.
    pub fn source_summary(&self, source: &str) -> Result<SourceSummary> {
        let (postings, first, last) = self.conn().query_row(
            "SELECT count(*), min(dated), max(dated) FROM postings WHERE source = ?1",
            [source],
            |r| Ok((count(r, 0)?, r.get(1)?, r.get(2)?)),
        )?;
        let last_run = self
            .conn()
            .query_row(
                "SELECT s.status, coalesce(r.finished_at, r.started_at), s.error FROM crawl_run_sources s
                 JOIN crawl_runs r ON r.id = s.run_id WHERE s.source = ?1 ORDER BY s.run_id DESC LIMIT 1",
                [source],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok();
        let (last_run_status, last_run_at, last_run_error) = match last_run {
            Some((s, a, e)) => (Some(s), Some(a), e),
            None => (None, None, None),
        };
        Ok(SourceSummary { postings, first, last, last_run_status, last_run_at, last_run_error })
    }
}
