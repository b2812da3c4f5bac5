//! Crawl run records: one `crawl_runs` row per run, one
//! `crawl_run_sources` row per source of the run.

use std::fmt;

use anyhow::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;

/// How a run (or one source of it) ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Running,
    /// Everything fetched and stored.
    Ok,
    /// Some URLs failed; the rest was stored.
    Partial,
    /// Nothing could be fetched.
    Failed,
    /// Stopped by Ctrl-C or SIGTERM.
    Interrupted,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Ok => "ok",
            RunStatus::Partial => "partial",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
        }
    }

    fn parse(s: &str) -> RunStatus {
        match s {
            "ok" => RunStatus::Ok,
            "partial" => RunStatus::Partial,
            "failed" => RunStatus::Failed,
            "interrupted" => RunStatus::Interrupted,
            _ => RunStatus::Running,
        }
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The counts a run records, in total and per source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunCounts {
    pub pages_fetched: u64,
    pub not_modified: u64,
    pub robots_blocked: u64,
    pub retried: u64,
    pub failed: u64,
    pub postings_new: u64,
    pub postings_updated: u64,
    pub postings_unchanged: u64,
}

impl RunCounts {
    /// Table headings for [`RunCounts::cells`].
    pub const HEADINGS: [&'static str; 8] =
        ["pages", "304", "robots", "retried", "failed", "new", "updated", "unchanged"];

    /// The counts as table cells, in the order of [`RunCounts::HEADINGS`].
    pub fn cells(&self) -> impl Iterator<Item = String> {
        [
            self.pages_fetched,
            self.not_modified,
            self.robots_blocked,
            self.retried,
            self.failed,
            self.postings_new,
            self.postings_updated,
            self.postings_unchanged,
        ]
        .into_iter()
        .map(|n| n.to_string())
    }

    /// Adds another's counts to these.
    pub fn add(&mut self, o: &RunCounts) {
        self.pages_fetched += o.pages_fetched;
        self.not_modified += o.not_modified;
        self.robots_blocked += o.robots_blocked;
        self.retried += o.retried;
        self.failed += o.failed;
        self.postings_new += o.postings_new;
        self.postings_updated += o.postings_updated;
        self.postings_unchanged += o.postings_unchanged;
    }
}

/// One source's part of a run.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRun {
    pub source: String,
    pub status: RunStatus,
    pub counts: RunCounts,
    pub error: Option<String>,
}

/// A run as stored.
#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: RunStatus,
    pub sources: String,
    pub counts: RunCounts,
    pub error: Option<String>,
}

impl Store {
    /// Starts a run record; runs left `running` by a killed process are
    /// marked `interrupted` first (the caller holds the crawl lock).
    pub fn begin_run(&self, sources: &[String]) -> Result<i64> {
        let now = super::now_utc();
        self.conn().execute(
            "UPDATE crawl_runs SET status = 'interrupted', error = coalesce(error, 'the process ended without finishing the run')
             WHERE status = 'running'",
            [],
        )?;
        self.conn().execute(
            "INSERT INTO crawl_runs (started_at, status, sources) VALUES (?1, 'running', ?2)",
            params![now, sources.join(",")],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Writes the end of a run, its totals and its per-source rows.
    pub fn finish_run(
        &mut self,
        run_id: i64,
        status: RunStatus,
        per_source: &[SourceRun],
        error: Option<&str>,
    ) -> Result<()> {
        let now = super::now_utc();
        let mut total = RunCounts::default();
        for s in per_source {
            total.add(&s.counts);
        }
        let tx = self.conn_mut().transaction()?;
        write_counts(
            &tx,
            "UPDATE crawl_runs SET finished_at = ?2, status = ?3, error = ?4,
                 pages_fetched = ?5, not_modified = ?6, robots_blocked = ?7, retried = ?8, failed = ?9,
                 postings_new = ?10, postings_updated = ?11, postings_unchanged = ?12
             WHERE id = ?1",
            run_id,
            &now,
            status.as_str(),
            error,
            &total,
        )?;
        for s in per_source {
            write_counts(
                &tx,
                "INSERT OR REPLACE INTO crawl_run_sources (run_id, source, status, error, pages_fetched, not_modified,
                     robots_blocked, retried, failed, postings_new, postings_updated, postings_unchanged)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                run_id,
                &s.source,
                s.status.as_str(),
                s.error.as_deref(),
                &s.counts,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The most recent runs, newest first.
    pub fn recent_runs(&self, limit: usize) -> Result<Vec<RunRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, started_at, finished_at, status, coalesce(sources, ''), pages_fetched, not_modified,
                    robots_blocked, retried, failed, postings_new, postings_updated, postings_unchanged, error
             FROM crawl_runs ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(RunRecord {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                status: RunStatus::parse(&r.get::<_, String>(3)?),
                sources: r.get(4)?,
                counts: counts_from(r, 5)?,
                error: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When the last crawl of a source that fetched something (ended `ok`
    /// or `partial`) started, if there was one.
    pub fn last_good_crawl(&self, source: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row(
            "SELECT max(r.started_at) FROM crawl_run_sources s JOIN crawl_runs r ON r.id = s.run_id
             WHERE s.source = ?1 AND s.status IN ('ok', 'partial')",
            [source],
            |r| r.get(0),
        )?)
    }

    /// The per-source rows of a run.
    pub fn run_sources(&self, run_id: i64) -> Result<Vec<SourceRun>> {
        let mut stmt = self.conn().prepare(
            "SELECT source, status, pages_fetched, not_modified, robots_blocked, retried, failed,
                    postings_new, postings_updated, postings_unchanged, error
             FROM crawl_run_sources WHERE run_id = ?1 ORDER BY source",
        )?;
        let rows = stmt.query_map([run_id], |r| {
            Ok(SourceRun {
                source: r.get(0)?,
                status: RunStatus::parse(&r.get::<_, String>(1)?),
                counts: counts_from(r, 2)?,
                error: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A non-negative count column.
pub(crate) fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, i64>(i)?.max(0) as u64)
}

/// A count read from a named column (the `queries/` files are read by
/// column name).
pub(crate) fn count_named(r: &rusqlite::Row<'_>, column: &str) -> rusqlite::Result<u64> {
    Ok(r.get::<_, i64>(column)?.max(0) as u64)
}

/// The eight counts stored in the columns from `first` on, in the order
/// of [`RunCounts::HEADINGS`].
/// Writes a running crawl's counts so far (its run row and one `running`
/// row per source); the end of the run overwrites them.
pub(super) fn record_progress(conn: &Connection, run_id: i64, per_source: &[(String, RunCounts)]) -> Result<()> {
    let mut total = RunCounts::default();
    per_source.iter().for_each(|(_, c)| total.add(c));
    let n = |v: u64| v as i64;
    conn.execute(
        "UPDATE crawl_runs SET pages_fetched = ?2, not_modified = ?3, robots_blocked = ?4, retried = ?5, failed = ?6,
             postings_new = ?7, postings_updated = ?8, postings_unchanged = ?9
         WHERE id = ?1 AND status = 'running'",
        params![
            run_id,
            n(total.pages_fetched),
            n(total.not_modified),
            n(total.robots_blocked),
            n(total.retried),
            n(total.failed),
            n(total.postings_new),
            n(total.postings_updated),
            n(total.postings_unchanged)
        ],
    )?;
    for (source, c) in per_source {
        write_counts(
            conn,
            "INSERT OR REPLACE INTO crawl_run_sources (run_id, source, status, error, pages_fetched, not_modified,
                 robots_blocked, retried, failed, postings_new, postings_updated, postings_unchanged)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
             WHERE EXISTS (SELECT 1 FROM crawl_runs WHERE id = ?1 AND status = 'running')",
            run_id,
            source,
            "running",
            None,
            c,
        )?;
    }
    Ok(())
}

fn counts_from(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<RunCounts> {
    Ok(RunCounts {
        pages_fetched: count(r, first)?,
        not_modified: count(r, first + 1)?,
        robots_blocked: count(r, first + 2)?,
        retried: count(r, first + 3)?,
        failed: count(r, first + 4)?,
        postings_new: count(r, first + 5)?,
        postings_updated: count(r, first + 6)?,
        postings_unchanged: count(r, first + 7)?,
    })
}

fn write_counts(
    conn: &Connection,
    sql: &str,
    key: impl rusqlite::ToSql,
    second: &str,
    status: &str,
    error: Option<&str>,
    c: &RunCounts,
) -> Result<()> {
    let n = |v: u64| v as i64;
    conn.execute(
        sql,
        params![
            key,
            second,
            status,
            error,
            n(c.pages_fetched),
            n(c.not_modified),
            n(c.robots_blocked),
            n(c.retried),
            n(c.failed),
            n(c.postings_new),
            n(c.postings_updated),
            n(c.postings_unchanged)
        ],
    )?;
    Ok(())
}
