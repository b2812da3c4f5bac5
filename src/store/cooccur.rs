//! Co-occurrence: the skills that postings mentioning one skill also
//! mention, from `queries/cooccur.sql` (`skilltrend cooccur`, `site`).

use anyhow::{Context, Result};
use rusqlite::named_params;
use serde::Serialize;

use super::Store;
use super::population::Population;
use super::runs::count_named;

/// The SQL behind `skilltrend cooccur`.
pub const COOCCUR_SQL: &str = include_str!("../../queries/cooccur.sql");

/// Parameters of [`COOCCUR_SQL`].
#[derive(Debug, Clone, Default)]
pub struct CooccurQuery {
    /// The skill id whose postings are read.
    pub skill: String,
    /// First day included, `YYYY-MM-DD` (None: the first posting).
    pub since: Option<String>,
    /// Last day included, `YYYY-MM-DD` (None: the last posting).
    pub until: Option<String>,
    /// Only these sources (None: all).
    pub sources: Option<Vec<String>>,
    /// Which postings count (roles, levels, remote).
    pub population: Population,
    /// Fewest postings naming both for a skill to be listed.
    pub min_count: u64,
    /// Rank by lift instead of by count.
    pub by_lift: bool,
    pub limit: usize,
}

/// One skill named together with the queried one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CooccurRow {
    pub skill: String,
    pub name: String,
    pub category: String,
    /// Postings that mention both.
    pub count: u64,
    /// Postings of the population that mention this skill.
    pub skill_total: u64,
    /// `count / postings mentioning the queried skill`.
    pub share_of_skill: f64,
    /// `skill_total / all postings of the population`.
    pub share_of_all: f64,
    /// `share_of_skill / share_of_all`.
    pub lift: f64,
}

/// The answer: the sizes the shares are of, and the rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cooccurrence {
    /// Postings of the population that mention the queried skill.
    pub skill_postings: u64,
    /// All postings of the population.
    pub total: u64,
    /// The population's first and last posting day (None: no postings).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub rows: Vec<CooccurRow>,
}

impl Store {
    /// Runs `queries/cooccur.sql`.
    pub fn cooccurrence(&self, q: &CooccurQuery) -> Result<Cooccurrence> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(COOCCUR_SQL).context("queries/cooccur.sql")?;
        let mut out = Cooccurrence { skill_postings: 0, total: 0, first_day: None, last_day: None, rows: Vec::new() };
        let mut rows = stmt.query(named_params! {
            ":skill": q.skill, ":since": q.since, ":until": q.until, ":sources": sources,
            ":roles": q.population.roles_param(), ":levels": q.population.levels_param(),
            ":remote": q.population.remote_param(), ":min_count": q.min_count as i64,
            ":sort": if q.by_lift { "lift" } else { "count" }, ":limit": q.limit as i64,
        })?;
        while let Some(r) = rows.next()? {
            out.skill_postings = count_named(r, "skill_postings")?;
            out.total = count_named(r, "total")?;
            out.first_day = r.get("first_day")?;
            out.last_day = r.get("last_day")?;
            // A row with no skill only carries the sizes (nothing qualified).
            let Some(skill) = r.get::<_, Option<String>>("skill")? else { continue };
            out.rows.push(CooccurRow {
                skill,
                name: r.get("name")?,
                category: r.get("category")?,
                count: count_named(r, "count")?,
                skill_total: count_named(r, "x_postings")?,
                share_of_skill: r.get("share_of_skill")?,
                share_of_all: r.get("share_of_all")?,
                lift: r.get("lift")?,
            });
        }
        Ok(out)
    }
}

impl Cooccurrence {
    /// The answer over consecutive spans of days from each span's answer
    /// (every skill named together at least once, unranked: `min_count` 1,
    /// no limit): counts and sizes add up, and the rows are made, kept and
    /// ranked as `queries/cooccur.sql` makes, keeps and ranks them.
    pub fn joined(parts: Vec<Cooccurrence>, q: &CooccurQuery) -> Cooccurrence {
        let mut out = Cooccurrence { skill_postings: 0, total: 0, first_day: None, last_day: None, rows: Vec::new() };
        let mut by_skill: std::collections::BTreeMap<String, CooccurRow> = std::collections::BTreeMap::new();
        for part in parts {
            out.skill_postings += part.skill_postings;
            out.total += part.total;
            out.first_day = out.first_day.into_iter().chain(part.first_day).min();
            out.last_day = out.last_day.into_iter().chain(part.last_day).max();
            for row in part.rows {
                let sum =
                    by_skill.entry(row.skill.clone()).or_insert(CooccurRow { count: 0, skill_total: 0, ..row.clone() });
                sum.count += row.count;
                sum.skill_total += row.skill_total;
            }
        }
        let (skill_postings, total) = (out.skill_postings as f64, out.total as f64);
        out.rows = by_skill.into_values().filter(|r| r.count >= q.min_count).collect();
        for r in &mut out.rows {
            r.share_of_skill = r.count as f64 / skill_postings;
            r.share_of_all = r.skill_total as f64 / total;
            r.lift = r.share_of_skill / r.share_of_all;
        }
        let key = |r: &CooccurRow| if q.by_lift { r.lift } else { r.count as f64 };
        out.rows
            .sort_by(|a, b| key(b).total_cmp(&key(a)).then(b.count.cmp(&a.count)).then_with(|| a.skill.cmp(&b.skill)));
        out.rows.truncate(q.limit);
        out
    }
}
