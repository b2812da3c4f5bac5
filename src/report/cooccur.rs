//! Co-occurrence reports: the skills that postings mentioning one skill
//! also mention (`queries/cooccur.sql`), as a table, CSV, JSON or chart,
//! each saying its population, period and method.

use std::fmt::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde_json::json;

use super::output::{csv_field, render_table};
use super::series::wilson;
use super::{EmptySelection, Format, chart, check_skills, parallel};
use crate::extract::{EXTRACTOR_VERSION, Taxonomy};
use crate::store::Store;
use crate::store::cooccur::{CooccurQuery, Cooccurrence, PairCounts};

/// The method, said once for every format.
pub const METHOD: &str = "count = postings that mention both; share_of_skill = count / postings that mention the \
skill asked for (95% Wilson interval); share_of_all = postings that mention the other skill / all postings; \
lift = share_of_skill / share_of_all (1: as often as in any posting). Direct mentions (MySQL is not SQL).";

/// A co-occurrence answer with what it was asked and where it came from.
#[derive(Debug, Clone)]
pub struct CooccurReport {
    /// The skill asked for: id and name.
    pub skill: (String, String),
    pub query: CooccurQuery,
    pub data: Cooccurrence,
    /// The sources read (every source when none was named).
    pub sources: Vec<String>,
    pub taxonomy_hash: Option<String>,
    pub today: NaiveDate,
}

/// What a chart of it looks like.
#[derive(Debug, Clone)]
pub struct ChartLook {
    pub title: Option<String>,
    pub width: u32,
    pub height: u32,
    /// Pixel ratio of a PNG (`--scale`).
    pub scale: f64,
}

/// Runs `queries/cooccur.sql`, its pairs counted a range of posting ids
/// per core at once by `queries/cooccur_pairs.sql` (see
/// [`super::parallel`]) and added up: counts over disjoint postings add
/// up, and each core reads its own pages of the primary key.
fn cooccurrence_in_spans(store: &Store, query: &CooccurQuery) -> Result<Cooccurrence> {
    let Some((first, last)) = store.posting_id_span()? else { return store.cooccurrence(query, None) };
    let spans = parallel::id_spans(first, last, parallel::span_count());
    if spans.len() < 2 {
        return store.cooccurrence(query, None);
    }
    let parts = parallel::run_spans(store, &spans, |store, ids| store.cooccur_pairs(query, ids))?;
    let mut counted = PairCounts::default();
    parts.into_iter().for_each(|p| counted.add(p));
    tracing::debug!("co-occurrence counted in {} spans of posting ids at once", spans.len());
    store.cooccurrence(query, Some(&counted))
}

impl CooccurReport {
    /// Checks the skill (an id, name or alias) and runs the query; no posting mentioning the
    /// skill is an [`EmptySelection`].
    pub fn build(store: &Store, taxonomy: &Taxonomy, mut query: CooccurQuery, today: NaiveDate) -> Result<Self> {
        let mut skills = check_skills(taxonomy, std::slice::from_ref(&query.skill))?;
        if skills.len() > 1 {
            let msg = format!("'{}' names {} skills; cooccur takes one", query.skill, skills.len());
            return Err(crate::InputError(msg).into());
        }
        let skill = skills.remove(0);
        query.skill = skill.0.clone();
        let data = cooccurrence_in_spans(store, &query)?;
        if data.skill_postings == 0 {
            let range = match (&query.since, &query.until) {
                (None, None) => String::new(),
                (s, u) => format!(
                    " between {} and {}",
                    s.as_deref().unwrap_or("the start"),
                    u.as_deref().unwrap_or("the end")
                ),
            };
            let whom = query.population.describe().replacen("all ", "", 1);
            let msg = format!("no {whom} mention {}{range} ({} {whom} in all)", skill.1, data.total);
            return Err(EmptySelection(msg).into());
        }
        let sources = match &query.sources {
            Some(s) => s.clone(),
            None => store.source_names()?,
        };
        Ok(CooccurReport { skill, query, data, sources, taxonomy_hash: store.meta("taxonomy_hash")?, today })
    }

    /// "2024-01-01 to 2024-12-31": the days the population's postings span.
    pub fn period(&self) -> String {
        let first = self.query.since.clone().or(self.data.first_day.clone()).unwrap_or_default();
        let last = self.query.until.clone().or(self.data.last_day.clone()).unwrap_or_default();
        format!("{first} to {last}")
    }

    /// "1234 of 10000 postings mention Rust, 2024-01-01 to 2024-12-31".
    pub fn headline(&self) -> String {
        format!(
            "{} of {} {} mention {}, {} ({})",
            self.data.skill_postings,
            self.data.total,
            self.query.population.describe().trim_start_matches("all "),
            self.skill.1,
            self.period(),
            self.sources.join(", ")
        )
    }

    /// The settings that change a number, one `key=value` list.
    fn settings(&self) -> String {
        format!(
            "min_count={} sort={} limit={} population=\"{}\" sources={}",
            self.query.min_count,
            if self.query.by_lift { "lift" } else { "count" },
            self.query.limit,
            self.query.population.describe(),
            self.sources.join("+")
        )
    }

    fn provenance(&self) -> String {
        let hash = self.taxonomy_hash.as_deref().map_or("unknown", |h| &h[..8.min(h.len())]);
        format!(
            "taxonomy {hash} · extractor v{EXTRACTOR_VERSION} · skilltrend {} · generated {}",
            env!("CARGO_PKG_VERSION"),
            self.today
        )
    }

    /// The 95% Wilson interval of a row's share of the skill's postings.
    pub fn interval(&self, count: u64) -> (f64, f64) {
        wilson(count, self.data.skill_postings).unwrap_or((0.0, 0.0))
    }

    /// CSV: `#` lines (population, period, method, settings), then
    /// `skill,count,share_of_skill,share_of_all,lift`.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}", self.headline());
        let _ = writeln!(out, "# {METHOD}");
        let _ = writeln!(out, "# settings: {} · {}", self.settings(), self.provenance());
        out.push_str("skill,count,share_of_skill,share_of_all,lift\n");
        for r in &self.data.rows {
            let _ = writeln!(
                out,
                "{},{},{:.6},{:.6},{:.6}",
                csv_field(&r.skill),
                r.count,
                r.share_of_skill,
                r.share_of_all,
                r.lift
            );
        }
        out
    }

    /// JSON: the sizes, the settings, the method and the rows (with each
    /// share's interval).
    pub fn json(&self) -> String {
        let rows: Vec<_> = self
            .data
            .rows
            .iter()
            .map(|r| {
                let (low, high) = self.interval(r.count);
                json!({
                    "skill": r.skill, "name": r.name, "category": r.category, "count": r.count,
                    "skill_total": r.skill_total, "share_of_skill": r.share_of_skill,
                    "share_of_skill_low": low, "share_of_skill_high": high,
                    "share_of_all": r.share_of_all, "lift": r.lift,
                })
            })
            .collect();
        let doc = json!({
            "skill": self.skill.0, "name": self.skill.1,
            "skill_postings": self.data.skill_postings, "total": self.data.total,
            "first_day": self.data.first_day, "last_day": self.data.last_day,
            "settings": {
                "since": self.query.since, "until": self.query.until, "sources": self.sources,
                "population": self.query.population.describe(), "min_count": self.query.min_count,
                "sort": if self.query.by_lift { "lift" } else { "count" }, "limit": self.query.limit,
                "taxonomy_hash": self.taxonomy_hash, "skilltrend": env!("CARGO_PKG_VERSION"),
            },
            "method": METHOD,
            "rows": rows,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    /// The table's header and rows (shared with the HTML page).
    pub fn table_cells(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let with = format!("with {}", self.skill.1);
        let header = ["#", "skill", "category", &with, "share of its postings (95% CI)", "share of all", "lift"];
        let rows = self
            .data
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (low, high) = self.interval(r.count);
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.category.clone(),
                    r.count.to_string(),
                    format!("{:.1}% ({:.1}–{:.1})", r.share_of_skill * 100.0, low * 100.0, high * 100.0),
                    format!("{:.1}%", r.share_of_all * 100.0),
                    format!("{:.2}", r.lift),
                ]
            })
            .collect();
        (header.iter().map(|s| s.to_string()).collect(), rows)
    }

    /// A table for the terminal, with the population above and the method below.
    pub fn table(&self) -> String {
        let (header, rows) = self.table_cells();
        let mut out = format!("{}\n\n", self.headline());
        if rows.is_empty() {
            let _ = writeln!(out, "no other skill is named in {} or more of them", self.query.min_count);
        } else {
            out.push_str(&render_table(&header, &rows));
        }
        let _ = writeln!(
            out,
            "\n{METHOD}\nSkills named with {} in fewer than {} postings are left out.",
            self.skill.1, self.query.min_count
        );
        out
    }

    /// The chart's title, subtitle and footnote.
    pub fn chart_spec(&self, look: &ChartLook) -> chart::CooccurSpec<'_> {
        chart::CooccurSpec {
            data: &self.data,
            title: look
                .title
                .clone()
                .unwrap_or_else(|| format!("What postings that mention {} also mention", self.skill.1)),
            subtitle: format!(
                "Share of the {} {} that mention {} which also mention each skill, {}",
                self.data.skill_postings,
                self.query.population.describe().trim_start_matches("all "),
                self.skill.1,
                self.period()
            ),
            footnote: vec![
                format!(
                    "Bars: 95% Wilson intervals · tick: the skill's share of all {} {} · lift = bar ÷ tick · direct mentions",
                    self.data.total,
                    self.query.population.describe().trim_start_matches("all "),
                ),
                format!("Source: {} · {}", self.sources.join(", "), self.provenance()),
            ],
            width: look.width,
            height: look.height,
        }
    }

    /// The report in a format, as bytes.
    pub fn render(&self, format: Format, look: &ChartLook) -> Result<Vec<u8>> {
        Ok(match format {
            Format::Png | Format::Svg | Format::Pdf => {
                chart::render(&self.chart_spec(look), format.picture().unwrap_or(chart::Picture::Png), look.scale)?
            }
            Format::Csv => self.csv().into_bytes(),
            Format::Json => self.json().into_bytes(),
            Format::Table => self.table().into_bytes(),
        })
    }
}
