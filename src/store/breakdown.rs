//! The report's other breakdowns: one skill per source
//! (`queries/skill_share_by_source.sql`), distinct companies
//! (`queries/company_share.sql`), full-text expressions
//! (`queries/match_share.sql`) and remote work
//! (`queries/workplace_share.sql`).

use anyhow::{Context, Result};
use rusqlite::named_params;

use super::Store;
use super::reports::{ShareQuery, ShareRow, share_row};
use super::runs::count_named;
use crate::InputError;

/// The SQL behind `report --by-source`.
pub const BY_SOURCE_SQL: &str = include_str!("../../queries/skill_share_by_source.sql");
/// The SQL behind `report --metric companies`.
pub const COMPANY_SHARE_SQL: &str = include_str!("../../queries/company_share.sql");
/// The SQL behind `report --metric remote`.
pub const WORKPLACE_SHARE_SQL: &str = include_str!("../../queries/workplace_share.sql");
/// The SQL behind `report --match`.
pub const MATCH_SHARE_SQL: &str = include_str!("../../queries/match_share.sql");

/// A share row of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceShareRow {
    pub source: String,
    pub row: ShareRow,
}

/// A share row counting companies, with the period's postings that name none.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyShareRow {
    pub row: ShareRow,
    pub without_company: u64,
}

impl Store {
    /// Runs `queries/skill_share_by_source.sql` for the query's first skill.
    pub fn skill_shares_by_source(&self, q: &ShareQuery) -> Result<Vec<SourceShareRow>> {
        let skill = q.skills.first();
        self.run_share_query(BY_SOURCE_SQL, "queries/skill_share_by_source.sql", (":skill", &skill), q, |r| {
            Ok(SourceShareRow { source: r.get("source")?, row: share_row(r)? })
        })
    }

    /// Runs `queries/company_share.sql`.
    pub fn company_shares(&self, q: &ShareQuery) -> Result<Vec<CompanyShareRow>> {
        let skills = serde_json::to_string(&q.skills)?;
        self.run_share_query(COMPANY_SHARE_SQL, "queries/company_share.sql", (":skills", &skills), q, |r| {
            Ok(CompanyShareRow { row: share_row(r)?, without_company: count_named(r, "without_company")? })
        })
    }

    /// Runs `queries/workplace_share.sql`: remote, hybrid, on-site and unstated
    /// postings per period (the population's remote filter is not used).
    pub fn workplace_shares(&self, q: &ShareQuery) -> Result<Vec<ShareRow>> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(WORKPLACE_SHARE_SQL).context("queries/workplace_share.sql")?;
        let rows = stmt.query_map(
            named_params! {
                ":by": q.by,
                ":since": q.since,
                ":until": q.until,
                ":sources": sources,
                ":roles": q.population.roles_param(),
                ":levels": q.population.levels_param(),
                ":unique_jobs": q.population.unique_jobs_param(),
            },
            share_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `queries/match_share.sql` for one FTS5 expression; an invalid
    /// expression is an input error carrying SQLite's message.
    pub fn match_shares(&self, expr: &str, q: &ShareQuery) -> Result<Vec<ShareRow>> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(MATCH_SHARE_SQL).context("queries/match_share.sql")?;
        let rows = stmt
            .query_map(
                named_params! {
                    ":match": expr,
                    ":by": q.by,
                    ":since": q.since,
                    ":until": q.until,
                    ":sources": sources,
                    ":roles": q.population.roles_param(),
                    ":levels": q.population.levels_param(),
                    ":remote": q.population.remote_param(),
                    ":unique_jobs": q.population.unique_jobs_param(),
                },
                share_row,
            )
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, Some(msg)) if f.code == rusqlite::ErrorCode::Unknown => {
                InputError(format!("--match {expr}: {msg}")).into()
            }
            e => anyhow::Error::from(e),
        })
    }
}
