//! Running the report queries of `queries/` (the single source of truth for
//! how numbers are computed) and returning their rows.

use anyhow::{Context, Result};
use rusqlite::named_params;
use serde::Serialize;

use super::Store;
use super::population::Population;
use super::runs::{count, count_named};

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
    /// Which postings count (roles, levels, remote).
    pub population: Population,
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

/// Reads a share row (period, skill, mentioning, total, share): the shape
/// every share query returns.
pub(super) fn share_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ShareRow> {
    Ok(ShareRow {
        period: r.get("period")?,
        skill: r.get("skill")?,
        mentioning: count_named(r, "mentioning")?,
        total: count_named(r, "total")?,
        share: r.get("share")?,
    })
}

impl Store {
    /// Runs `queries/skill_share.sql`.
    pub fn skill_shares(&self, q: &ShareQuery) -> Result<Vec<ShareRow>> {
        let skills = serde_json::to_string(&q.skills)?;
        self.run_share_query(SKILL_SHARE_SQL, "queries/skill_share.sql", (":skills", &skills), q, share_row)
    }

    /// Runs one of the share queries (`skill_share.sql` and those of the
    /// breakdowns) with `q`'s parameters and `skills` (`:skills` or
    /// `:skill`), reading each row with `read`.
    pub(super) fn run_share_query<T>(
        &self,
        sql: &str,
        file: &str,
        skills: (&str, &dyn rusqlite::ToSql),
        q: &ShareQuery,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(sql).with_context(|| file.to_string())?;
        let rollup = i64::from(q.rollup);
        let (roles, levels, remote) =
            (q.population.roles_param(), q.population.levels_param(), q.population.remote_param());
        let unique_jobs = q.population.unique_jobs_param();
        let params: [(&str, &dyn rusqlite::ToSql); 10] = [
            skills,
            (":by", &q.by),
            (":since", &q.since),
            (":until", &q.until),
            (":sources", &sources),
            (":rollup", &rollup),
            (":roles", &roles),
            (":levels", &levels),
            (":remote", &remote),
            (":unique_jobs", &unique_jobs),
        ];
        let rows = stmt.query_map(&params[..], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first and last day of the dated postings (None: there are none).
    pub fn dated_span(&self) -> Result<Option<(String, String)>> {
        let (first, last): (Option<String>, Option<String>) = self.conn().query_row(
            "SELECT (SELECT min(dated) FROM postings WHERE dated BETWEEN '0000-01-01' AND '9999-12-31'),
                    (SELECT max(dated) FROM postings WHERE dated BETWEEN '0000-01-01' AND '9999-12-31')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(first.zip(last))
    }

    /// The least and greatest posting id (None: no postings).
    pub fn posting_id_span(&self) -> Result<Option<(i64, i64)>> {
        let (first, last): (Option<i64>, Option<i64>) = self.conn().query_row(
            "SELECT (SELECT min(id) FROM postings), (SELECT max(id) FROM postings)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(first.zip(last))
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

/// The SQL behind `skilltrend top`.
pub const TOP_SKILLS_SQL: &str = include_str!("../../queries/top_skills.sql");

/// Parameters of [`TOP_SKILLS_SQL`] (None: the query's default).
#[derive(Debug, Clone, Default)]
pub struct TopQuery {
    pub since: Option<String>,
    pub until: Option<String>,
    pub prev_since: Option<String>,
    pub prev_until: Option<String>,
    pub category: Option<String>,
    pub sources: Option<Vec<String>>,
    pub limit: usize,
    /// Which postings count (roles, levels, remote).
    pub population: Population,
}

/// One skill of the top list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopRow {
    pub skill: String,
    pub name: String,
    pub category: String,
    pub mentioning: u64,
    pub total: u64,
    pub share: f64,
    pub prev_mentioning: u64,
    pub prev_total: u64,
    pub prev_share: Option<f64>,
    pub change: Option<f64>,
    /// The change's 95% interval (Newcombe's hybrid score); filled by
    /// `report::top`, not by the query.
    pub change_low: Option<f64>,
    pub change_high: Option<f64>,
    /// The period and the one compared with, `YYYY-MM-DD`.
    pub since: String,
    pub until: String,
    pub prev_since: String,
    pub prev_until: String,
}

impl Store {
    /// Runs `queries/top_skills.sql`.
    pub fn top_skills(&self, q: &TopQuery) -> Result<Vec<TopRow>> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(TOP_SKILLS_SQL).context("queries/top_skills.sql")?;
        let rows = stmt.query_map(
            named_params! {
                ":since": q.since, ":until": q.until, ":prev_since": q.prev_since, ":prev_until": q.prev_until,
                ":category": q.category, ":sources": sources, ":limit": q.limit as i64,
                ":roles": q.population.roles_param(), ":levels": q.population.levels_param(),
                ":remote": q.population.remote_param(),
                ":unique_jobs": q.population.unique_jobs_param(),
            },
            |r| {
                Ok(TopRow {
                    skill: r.get("skill")?,
                    name: r.get("name")?,
                    category: r.get("category")?,
                    mentioning: count_named(r, "mentioning")?,
                    total: count_named(r, "total")?,
                    share: r.get("share")?,
                    prev_mentioning: count_named(r, "prev_mentioning")?,
                    prev_total: count_named(r, "prev_total")?,
                    prev_share: r.get("prev_share")?,
                    change: r.get("change")?,
                    change_low: None,
                    change_high: None,
                    since: r.get("since")?,
                    until: r.get("until")?,
                    prev_since: r.get("prev_since")?,
                    prev_until: r.get("prev_until")?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// The day of the last posting, if any.
    pub fn source_summary_all(&self) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT max(dated) FROM postings", [], |r| r.get(0))?)
    }
}

/// The SQL behind `skilltrend roles`.
pub const ROLE_MIX_SQL: &str = include_str!("../../queries/role_mix.sql");

/// The SQL behind `skilltrend pay`.
pub const PAY_BY_SKILL_SQL: &str = include_str!("../../queries/pay_by_skill.sql");

/// Parameters of [`ROLE_MIX_SQL`] (its population's roles are ignored:
/// every role is shown).
#[derive(Debug, Clone, Default)]
pub struct RoleMixQuery {
    pub by: String,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sources: Option<Vec<String>>,
    pub population: Population,
}

/// One row of the role mix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMixRow {
    pub period: String,
    pub role: String,
    pub postings: u64,
    pub total: u64,
    pub share: Option<f64>,
}

/// Parameters of [`PAY_BY_SKILL_SQL`].
#[derive(Debug, Clone, Default)]
pub struct PayQuery {
    pub skills: Vec<String>,
    /// `all`, `year`, `quarter` or `month`.
    pub by: String,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sources: Option<Vec<String>>,
    pub rollup: bool,
    pub population: Population,
    /// Fewest postings to state figures for.
    pub min_n: u64,
}

/// Pay of the postings that ask for one skill, in one currency and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayRow {
    pub period: String,
    pub skill: String,
    pub currency: String,
    /// Postings that state pay.
    pub postings: u64,
    /// The annualised figures; None when there are too few postings.
    pub p25: Option<f64>,
    pub median: Option<f64>,
    pub p75: Option<f64>,
    pub median_low: Option<f64>,
    pub median_high: Option<f64>,
}

impl Store {
    /// Runs `queries/role_mix.sql`.
    pub fn role_mix(&self, q: &RoleMixQuery) -> Result<Vec<RoleMixRow>> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(ROLE_MIX_SQL).context("queries/role_mix.sql")?;
        let rows = stmt.query_map(
            named_params! {
                ":by": q.by,
                ":since": q.since,
                ":until": q.until,
                ":sources": sources,
                ":levels": q.population.levels_param(),
                ":remote": q.population.remote_param(),
                ":unique_jobs": q.population.unique_jobs_param(),
            },
            |r| {
                Ok(RoleMixRow {
                    period: r.get("period")?,
                    role: r.get("role")?,
                    postings: count_named(r, "postings")?,
                    total: count_named(r, "total")?,
                    share: r.get("share")?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `queries/pay_by_skill.sql`.
    pub fn pay_by_skill(&self, q: &PayQuery) -> Result<Vec<PayRow>> {
        let skills = serde_json::to_string(&q.skills)?;
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(PAY_BY_SKILL_SQL).context("queries/pay_by_skill.sql")?;
        let rows = stmt.query_map(
            named_params! {
                ":skills": skills,
                ":by": q.by,
                ":since": q.since,
                ":until": q.until,
                ":sources": sources,
                ":rollup": i64::from(q.rollup),
                ":roles": q.population.roles_param(),
                ":levels": q.population.levels_param(),
                ":remote": q.population.remote_param(),
                ":unique_jobs": q.population.unique_jobs_param(),
                ":min_n": q.min_n as i64,
            },
            |r| {
                Ok(PayRow {
                    period: r.get("period")?,
                    skill: r.get("skill")?,
                    currency: r.get("currency")?,
                    postings: count_named(r, "postings")?,
                    p25: r.get("p25")?,
                    median: r.get("median")?,
                    p75: r.get("p75")?,
                    median_low: r.get("median_low")?,
                    median_high: r.get("median_high")?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns each reader above reads by name.
    const READ: &[(&str, &str, &[&str])] = &[
        ("skill_share.sql", SKILL_SHARE_SQL, &["period", "skill", "mentioning", "total", "share"]),
        (
            "top_skills.sql",
            TOP_SKILLS_SQL,
            &[
                "skill",
                "name",
                "category",
                "mentioning",
                "total",
                "share",
                "prev_mentioning",
                "prev_total",
                "prev_share",
                "change",
                "since",
                "until",
                "prev_since",
                "prev_until",
            ],
        ),
        ("role_mix.sql", ROLE_MIX_SQL, &["period", "role", "postings", "total", "share"]),
        (
            "pay_by_skill.sql",
            PAY_BY_SKILL_SQL,
            &["period", "skill", "currency", "postings", "p25", "median", "p75", "median_low", "median_high"],
        ),
    ];

    #[test]
    fn every_column_a_reader_reads_is_one_its_query_names() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        for (file, sql, read) in READ {
            let stmt = store.conn().prepare(sql).unwrap();
            let mut columns: Vec<&str> = stmt.column_names().collect();
            columns.sort_unstable();
            let mut read = read.to_vec();
            read.sort_unstable();
            assert_eq!(columns, read, "queries/{file}: the columns it names and the ones its reader reads");
        }
    }
}
