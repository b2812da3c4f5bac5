//! Running SQL a user wrote, on a read-only connection: `skilltrend query`.
//! The connection is opened read-only and `query_only` is set, so nothing
//! run through it can modify the database.

use anyhow::{Context, Result};
use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::Store;
use crate::InputError;

/// The columns and rows of one statement's result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A parameter value as the user wrote it: an integer, a real, NULL, or text.
pub fn param_value(s: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    if s.eq_ignore_ascii_case("null") {
        V::Null
    } else if let Ok(i) = s.parse::<i64>() {
        V::Integer(i)
    } else if let Ok(f) = s.parse::<f64>().map_err(|_| ()).and_then(|f| if f.is_finite() { Ok(f) } else { Err(()) }) {
        V::Real(f)
    } else {
        V::Text(s.to_string())
    }
}

/// An SQL error as bad input; an attempt to write says that nothing is.
fn sql_error(e: rusqlite::Error) -> InputError {
    let read_only = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly);
    if read_only {
        InputError(format!("SQL error: {e} (skilltrend query never modifies the database)"))
    } else {
        InputError(format!("SQL error: {e}"))
    }
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(format!("<{} bytes>", b.len())),
    }
}

/// What `search` looks for, and in which postings.
#[derive(Debug, Clone)]
pub struct SearchQuery<'a> {
    /// FTS5 syntax.
    pub query: &'a str,
    pub limit: usize,
    pub population: &'a super::population::Population,
    /// First and last day, `YYYY-MM-DD`.
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    /// Only these sources (None: every source).
    pub sources: Option<&'a [String]>,
    /// The best match of each company only (postings without a company
    /// each count alone).
    pub one_per_company: bool,
}

const SEARCH_SQL: &str = "WITH hits AS (
    SELECT p.id, p.dated AS day, p.source, p.company, p.title, p.url, f.rank AS rank,
           row_number() OVER (
               PARTITION BY CASE WHEN ?9 AND trim(coalesce(p.company, '')) != ''
                                 THEN lower(trim(p.company)) ELSE 'posting ' || p.id END
               ORDER BY f.rank) AS nth
    FROM postings_fts AS f JOIN postings AS p ON p.id = f.rowid
    WHERE postings_fts MATCH ?1
      AND (?3 IS NULL OR (p.role_mask & (SELECT coalesce(sum(1 << bit), 0) FROM roles
                                          WHERE id IN (SELECT value FROM json_each(?3)))) != 0)
      AND (?4 IS NULL OR (p.level_mask & (SELECT coalesce(sum(1 << bit), 0) FROM levels
                                           WHERE id IN (SELECT value FROM json_each(?4)))) != 0)
      AND (?5 IS NULL OR p.remote = ?5)
      AND (?6 IS NULL OR p.dated >= ?6)
      AND (?7 IS NULL OR p.dated <= ?7)
      AND (?8 IS NULL OR p.source IN (SELECT value FROM json_each(?8)))
)
SELECT id, day, source, company, title,
       (SELECT group_concat(skill_id, ', ') FROM
            (SELECT skill_id FROM posting_skills WHERE posting_id = hits.id ORDER BY skill_id)) AS skills,
       (SELECT replace(snippet(postings_fts, -1, '[', ']', '…', 16), char(10), ' ') FROM postings_fts
        WHERE postings_fts MATCH ?1 AND rowid = hits.id) AS snippet,
       url,
       (SELECT count(*) FROM hits WHERE nth = 1) AS matches
FROM hits WHERE nth = 1 ORDER BY rank LIMIT ?2";

impl Store {
    /// Runs every statement of `sql` with named parameters (`:name` or
    /// `name`), returning the results of those that return rows. A
    /// parameter no statement uses, and SQL that tries to write, are input
    /// errors.
    pub fn run_read_only(&self, sql: &str, params: &[(String, String)]) -> Result<Vec<ResultSet>> {
        self.conn().pragma_update(None, "query_only", true)?;
        let keys: Vec<String> = params
            .iter()
            .map(|(name, _)| if name.starts_with([':', '@', '$']) { name.clone() } else { format!(":{name}") })
            .collect();
        let mut used = vec![false; params.len()];
        let mut out = Vec::new();
        let mut batch = rusqlite::Batch::new(self.conn(), sql);
        while let Some(mut stmt) = batch.next().map_err(sql_error)? {
            for ((key, (_, value)), used) in keys.iter().zip(params).zip(used.iter_mut()) {
                if let Some(idx) = stmt.parameter_index(key)? {
                    stmt.raw_bind_parameter(idx, param_value(value))?;
                    *used = true;
                }
            }
            let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
            let mut rows = stmt.raw_query();
            let mut set = ResultSet { columns, rows: Vec::new() };
            while let Some(row) = rows.next().map_err(sql_error)? {
                let values =
                    (0..set.columns.len()).map(|i| row.get_ref(i).map(json_of)).collect::<rusqlite::Result<_>>()?;
                set.rows.push(values);
            }
            if !set.columns.is_empty() {
                out.push(set);
            }
        }
        let unused: Vec<&str> = keys.iter().zip(&used).filter(|(_, u)| !**u).map(|(k, _)| k.as_str()).collect();
        if !unused.is_empty() {
            return Err(InputError(format!("the SQL does not use the parameter {}", unused.join(", "))).into());
        }
        Ok(out)
    }

    /// Full-text search over title, company and description (FTS5 syntax:
    /// words, "phrases", AND/OR/NOT, prefix*), best matches first: each
    /// hit with its skills and a snippet with the match in [brackets], and
    /// how many postings (or companies, with `one_per_company`) match.
    pub fn search(&self, q: &SearchQuery<'_>) -> Result<(u64, ResultSet)> {
        let mut stmt = self.conn().prepare(SEARCH_SQL)?;
        let mut columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        columns.pop(); // `matches`, returned apart
        let mut set = ResultSet { columns, rows: Vec::new() };
        let sources = q.sources.map(serde_json::to_string).transpose()?;
        let fail = |e: rusqlite::Error| InputError(format!("search \"{}\": {e}", q.query));
        let mut rows = stmt
            .query(rusqlite::params![
                q.query,
                q.limit as i64,
                q.population.roles_param(),
                q.population.levels_param(),
                q.population.remote_param(),
                q.since,
                q.until,
                sources,
                q.one_per_company,
            ])
            .map_err(fail)?;
        let mut matches = 0;
        while let Some(row) = rows.next().map_err(fail)? {
            matches = row.get::<_, i64>("matches")? as u64;
            set.rows
                .push((0..set.columns.len()).map(|i| row.get_ref(i).map(json_of)).collect::<rusqlite::Result<_>>()?);
        }
        Ok((matches, set))
    }

    /// Calls `each` for every posting (in id order) with its skills, for
    /// `export`; `sources` empty means all.
    pub fn export_postings(
        &self,
        selection: &ExportSelection<'_>,
        mut each: impl FnMut(ExportRow) -> Result<()>,
    ) -> Result<u64> {
        let sources = selection.sources;
        let sources_json = (!sources.is_empty()).then(|| serde_json::to_string(sources)).transpose()?;
        let population = selection.population;
        let mut stmt = self.conn().prepare(
            "SELECT p.id, p.source, p.external_id, p.url, p.title, p.company, p.location, p.remote, p.posted_at,
                    p.first_seen_at, p.last_seen_at, p.dated, p.description,
                    (SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills
                                                            WHERE posting_id = p.id ORDER BY skill_id)),
                    (SELECT group_concat(role, ',') FROM (SELECT role FROM posting_roles
                                                        WHERE posting_id = p.id ORDER BY role)),
                    (SELECT group_concat(level, ',') FROM (SELECT level FROM posting_levels
                                                         WHERE posting_id = p.id ORDER BY level)),
                    p.pay_min, p.pay_max, p.pay_currency, p.pay_period, p.pay_annual_min, p.pay_annual_max, p.workplace
             FROM postings AS p
             WHERE (?1 IS NULL OR p.source IN (SELECT value FROM json_each(?1)))
               AND p.dated >= coalesce(?2, '0000-01-01') AND p.dated <= coalesce(?3, '9999-12-31')
               AND (?4 IS NULL OR (p.role_mask & (SELECT coalesce(sum(1 << bit), 0) FROM roles
                                                   WHERE id IN (SELECT value FROM json_each(?4)))) != 0)
               AND (?5 IS NULL OR (p.level_mask & (SELECT coalesce(sum(1 << bit), 0) FROM levels
                                                    WHERE id IN (SELECT value FROM json_each(?5)))) != 0)
               AND (?6 IS NULL OR p.remote = ?6)
             ORDER BY p.id",
        )?;
        let mut rows = stmt.query(rusqlite::params![
            sources_json,
            selection.since,
            selection.until,
            population.roles_param(),
            population.levels_param(),
            population.remote_param()
        ])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let skills: Option<String> = r.get(13)?;
            let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                Ok(r.get::<_, Option<String>>(i)?.map(|s| s.split(',').map(String::from).collect()).unwrap_or_default())
            };
            each(ExportRow {
                id: r.get(0)?,
                source: r.get(1)?,
                external_id: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                company: r.get(5)?,
                location: r.get(6)?,
                remote: r.get::<_, Option<i64>>(7)?.map(|v| v == 1),
                posted_at: r.get(8)?,
                first_seen_at: r.get(9)?,
                last_seen_at: r.get(10)?,
                day: r.get(11)?,
                description: r.get(12)?,
                skills: skills.map(|s| s.split(',').map(String::from).collect()).unwrap_or_default(),
                roles: list(14)?,
                seniority: list(15)?,
                pay_min: r.get(16)?,
                pay_max: r.get(17)?,
                pay_currency: r.get(18)?,
                pay_period: r.get(19)?,
                pay_annual_min: r.get(20)?,
                pay_annual_max: r.get(21)?,
                workplace: r.get(22)?,
            })
            .context("writing the export")?;
            n += 1;
        }
        Ok(n)
    }
}

impl Store {
    /// Calls `each` for every mention (posting and skill it names) of the
    /// postings `selection` picks, in posting and skill order, for
    /// `export --table posting_skills`.
    pub fn export_posting_skills(
        &self,
        selection: &ExportSelection<'_>,
        mut each: impl FnMut(ExportMention) -> Result<()>,
    ) -> Result<u64> {
        let sources = selection.sources;
        let sources_json = (!sources.is_empty()).then(|| serde_json::to_string(sources)).transpose()?;
        let population = selection.population;
        let mut stmt = self.conn().prepare(
            "SELECT ps.posting_id, ps.skill_id, s.name, s.category, ps.mentions, ps.first_offset, ps.dated, ps.source
             FROM posting_skills AS ps JOIN skills AS s ON s.id = ps.skill_id
             WHERE (?1 IS NULL OR ps.source IN (SELECT value FROM json_each(?1)))
               AND ps.dated >= coalesce(?2, '0000-01-01') AND ps.dated <= coalesce(?3, '9999-12-31')
               AND (?4 IS NULL OR (ps.role_mask & (SELECT coalesce(sum(1 << bit), 0) FROM roles
                                                    WHERE id IN (SELECT value FROM json_each(?4)))) != 0)
               AND (?5 IS NULL OR (ps.level_mask & (SELECT coalesce(sum(1 << bit), 0) FROM levels
                                                     WHERE id IN (SELECT value FROM json_each(?5)))) != 0)
               AND (?6 IS NULL OR ps.remote = ?6)
             ORDER BY ps.posting_id, ps.skill_id",
        )?;
        let mut rows = stmt.query(rusqlite::params![
            sources_json,
            selection.since,
            selection.until,
            population.roles_param(),
            population.levels_param(),
            population.remote_param()
        ])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(ExportMention {
                posting_id: r.get(0)?,
                skill_id: r.get(1)?,
                skill: r.get(2)?,
                category: r.get(3)?,
                mentions: r.get(4)?,
                first_offset: r.get(5)?,
                day: r.get(6)?,
                source: r.get(7)?,
            })
            .context("writing the export")?;
            n += 1;
        }
        Ok(n)
    }
}

/// One exported mention: a posting and a skill it names.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportMention {
    pub posting_id: i64,
    pub skill_id: String,
    pub skill: String,
    pub category: String,
    pub mentions: i64,
    pub first_offset: Option<i64>,
    pub day: String,
    pub source: String,
}

/// One exported posting.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportRow {
    pub id: i64,
    pub source: String,
    pub external_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub remote: Option<bool>,
    /// `remote`, `hybrid`, `onsite`, or None when the source does not say.
    pub workplace: Option<String>,
    pub posted_at: Option<String>,
    pub first_seen_at: String,
    pub last_seen_at: String,
    pub day: String,
    pub skills: Vec<String>,
    pub roles: Vec<String>,
    pub seniority: Vec<String>,
    pub pay_min: Option<f64>,
    pub pay_max: Option<f64>,
    pub pay_currency: Option<String>,
    pub pay_period: Option<String>,
    pub pay_annual_min: Option<f64>,
    pub pay_annual_max: Option<f64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Which postings `export` writes.
#[derive(Debug, Clone, Copy)]
pub struct ExportSelection<'a> {
    /// Empty: every source.
    pub sources: &'a [String],
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub population: &'a super::population::Population,
}
