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
/// Its pair counts alone, for a span of days (one per core).
pub const COOCCUR_PAIRS_SQL: &str = include_str!("../../queries/cooccur_pairs.sql");

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

/// Pair counts already made: postings that mention the queried skill,
/// and per other skill those that mention both (`queries/cooccur_pairs.sql`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairCounts {
    pub skill_postings: u64,
    pub pairs: std::collections::BTreeMap<String, u64>,
}

impl PairCounts {
    /// Adds another span's counts to these.
    pub fn add(&mut self, other: PairCounts) {
        self.skill_postings += other.skill_postings;
        for (skill, n) in other.pairs {
            *self.pairs.entry(skill).or_default() += n;
        }
    }
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
    /// Runs `queries/cooccur_pairs.sql`: the pair counts of `q`'s postings
    /// with ids in `ids` (inclusive).
    pub fn cooccur_pairs(&self, q: &CooccurQuery, ids: (i64, i64)) -> Result<PairCounts> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let mut stmt = self.conn().prepare_cached(COOCCUR_PAIRS_SQL).context("queries/cooccur_pairs.sql")?;
        let mut rows = stmt.query(named_params! {
            ":skill": q.skill, ":since": q.since, ":until": q.until, ":sources": sources,
            ":roles": q.population.roles_param(), ":levels": q.population.levels_param(),
            ":remote": q.population.remote_param(), ":first_id": ids.0, ":last_id": ids.1,
        })?;
        let mut out = PairCounts::default();
        while let Some(r) = rows.next()? {
            out.skill_postings = count_named(r, "skill_postings")?;
            if let Some(skill) = r.get::<_, Option<String>>("skill")? {
                out.pairs.insert(skill, count_named(r, "count")?);
            }
        }
        Ok(out)
    }

    /// Runs `queries/cooccur.sql`, with the pair counts already made when
    /// given (else it counts them).
    pub fn cooccurrence(&self, q: &CooccurQuery, counted: Option<&PairCounts>) -> Result<Cooccurrence> {
        let sources = q.sources.as_ref().map(serde_json::to_string).transpose()?;
        let pairs = counted.map(|c| serde_json::to_string(&c.pairs.iter().collect::<Vec<_>>())).transpose()?;
        let skill_postings = counted.map(|c| c.skill_postings as i64);
        let mut stmt = self.conn().prepare_cached(COOCCUR_SQL).context("queries/cooccur.sql")?;
        let mut out = Cooccurrence { skill_postings: 0, total: 0, first_day: None, last_day: None, rows: Vec::new() };
        let mut rows = stmt.query(named_params! {
            ":skill": q.skill, ":since": q.since, ":until": q.until, ":sources": sources,
            ":roles": q.population.roles_param(), ":levels": q.population.levels_param(),
            ":remote": q.population.remote_param(), ":min_count": q.min_count as i64,
            ":sort": if q.by_lift { "lift" } else { "count" }, ":limit": q.limit as i64,
            ":pairs": pairs, ":skill_postings": skill_postings,
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
