//! Reports: the share (or count) of postings that mention each skill per
//! period, computed by `queries/skill_share.sql`, drawn as a chart or
//! written as CSV, JSON or a table.

pub mod breakdown;
pub mod chart;
pub mod cooccur;
pub mod coverage;
pub mod html;
pub mod output;
pub mod parallel;
pub mod parquet;
pub mod period;
pub mod series;
pub mod site;
pub mod top;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::InputError;
use crate::extract::{EXTRACTOR_VERSION, Taxonomy};
use crate::store::Store;
use crate::store::population::Population;
use crate::store::reports::ShareQuery;
pub use chart::Metric;
pub use period::{Period, UserDate, parse_user_date};
pub use series::Report;

/// What to report on.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub skills: Vec<String>,
    pub by: Period,
    pub since: Option<UserDate>,
    pub until: Option<UserDate>,
    /// Only these sources (empty: all).
    pub sources: Vec<String>,
    /// Which postings count (roles, levels, remote); default: all.
    pub population: Population,
    pub rollup: bool,
    pub metric: Metric,
    pub interval: bool,
    /// Include the current, incomplete period (drawn dashed).
    pub include_partial: bool,
    pub smooth: Option<usize>,
    /// Periods with fewer postings are left out (drawn as gaps); 0: none.
    pub min_n: u64,
    pub title: Option<String>,
    pub width: u32,
    pub height: u32,
    /// A PNG's pixels per chart pixel (2: for print).
    pub scale: f64,
    /// Small multiples: one panel per skill on shared axes.
    pub facet: bool,
    /// One series per source for the one skill (each over its own postings).
    pub by_source: bool,
    /// Count distinct companies instead of postings.
    pub companies: bool,
    /// Remote, hybrid, on-site and unstated shares instead of skills.
    pub remote: bool,
    /// FTS5 expressions, each a series beside the skills.
    pub matches: Vec<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            skills: ["python", "java", "php", "sql"].map(String::from).to_vec(),
            by: Period::Month,
            since: None,
            until: None,
            sources: Vec::new(),
            population: Population::default(),
            rollup: false,
            metric: Metric::Share,
            interval: true,
            include_partial: false,
            smooth: None,
            min_n: 0,
            title: None,
            width: 1200,
            height: 700,
            scale: 1.0,
            facet: false,
            by_source: false,
            companies: false,
            remote: false,
            matches: Vec::new(),
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Png,
    Svg,
    Pdf,
    Csv,
    Json,
    Table,
}

impl Format {
    /// Whether the format is a picture (never written to a terminal).
    pub fn is_image(self) -> bool {
        self.picture().is_some()
    }

    /// The picture format, for the formats that are pictures.
    pub fn picture(self) -> Option<chart::Picture> {
        match self {
            Format::Png => Some(chart::Picture::Png),
            Format::Svg => Some(chart::Picture::Svg),
            Format::Pdf => Some(chart::Picture::Pdf),
            Format::Csv | Format::Json | Format::Table => None,
        }
    }

    /// The format a file name asks for.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            "pdf" => Some(Format::Pdf),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// A report ready to be written in any format.
#[derive(Debug, Clone)]
pub struct Built {
    pub report: Report,
    pub options: ReportOptions,
    /// The last period is the current, incomplete one.
    pub partial_last: bool,
    pub sources: Vec<String>,
    pub taxonomy_hash: Option<String>,
    pub today: NaiveDate,
    /// Where each source's postings start and stop, and its crawl record.
    pub spans: Vec<coverage::SourceSpan>,
    /// Periods left out by `--min-n`.
    pub dropped: usize,
    /// "T-SQL for SQL": an example roll-up of each drawn skill that has
    /// roll-ups, when they are not counted.
    pub without_rollups: Vec<String>,
    /// With `--metric companies`: postings left out for naming no company.
    pub without_company: Option<u64>,
}

/// The label `queries/skill_share.sql` gives the period holding `day`.
fn period_label(by: Period, day: NaiveDate) -> String {
    match by {
        Period::Week => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Period::Month => day.format("%Y-%m").to_string(),
        Period::Quarter => format!("{}-Q{}", day.year(), day.month0() / 3 + 1),
        Period::Year => day.year().to_string(),
    }
}

/// Resolves `--skills`: ids, names or aliases in any case (`c#`, `golang`,
/// `Ruby on Rails`) and presets (`@backend-core`); an unknown one is an
/// input error naming the closest known ids. Each skill comes once, in the
/// order first named: a series per skill.
pub fn check_skills(taxonomy: &Taxonomy, skills: &[String]) -> Result<Vec<(String, String)>, InputError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |skill: &crate::extract::taxonomy::Skill| {
        if !out.iter().any(|(known, _)| *known == skill.id) {
            out.push((skill.id.clone(), skill.name.clone()));
        }
    };
    for name in skills.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if let Some(preset) = name.strip_prefix('@') {
            let ids = taxonomy.preset(preset).ok_or_else(|| unknown_preset(taxonomy, preset))?;
            ids.iter().filter_map(|id| taxonomy.get(id)).for_each(&mut add);
            continue;
        }
        let skill = taxonomy.lookup(name).ok_or_else(|| {
            InputError(format!(
                "unknown skill '{name}'; closest known ids: {} (see `skilltrend skills`)",
                taxonomy.closest_ids(name, 5).join(", ")
            ))
        })?;
        add(skill);
    }
    if out.is_empty() {
        return Err(InputError("--skills is empty".into()));
    }
    Ok(out)
}

fn unknown_preset(taxonomy: &Taxonomy, name: &str) -> InputError {
    let known: Vec<String> = taxonomy.presets.iter().map(|(n, _)| format!("@{n}")).collect();
    InputError(format!(
        "unknown preset '@{name}'; the presets are {} (see `skilltrend skills --presets`)",
        if known.is_empty() { "none".to_string() } else { known.join(", ") }
    ))
}

/// Runs the query and builds the series.
pub fn build(store: &Store, taxonomy: &Taxonomy, opts: &ReportOptions, today: NaiveDate) -> Result<Built> {
    let skills = if opts.remote || (opts.skills.is_empty() && !opts.matches.is_empty()) {
        Vec::new()
    } else {
        check_skills(taxonomy, &opts.skills)?
    };
    let kind = breakdown::Kind { by_source: opts.by_source, companies: opts.companies, remote: opts.remote };
    breakdown::check(&skills, &opts.matches, kind)?;
    if opts.remote && opts.population.remote_param().is_some() {
        return Err(InputError("--metric remote charts every workplace; drop --remote".into()).into());
    }
    if let (Some(s), Some(u)) = (opts.since, opts.until)
        && s.first > u.last
    {
        return Err(InputError(format!("--since {} is after --until {}", s.first, u.last)).into());
    }
    let until = match (opts.until, opts.include_partial) {
        (Some(u), _) => Some(u.last),
        (None, false) => Some(opts.by.last_complete_day(today)),
        (None, true) => None,
    };
    let query = ShareQuery {
        skills: skills.iter().map(|(id, _)| id.clone()).collect(),
        by: opts.by.as_str().to_string(),
        since: opts.since.map(|s| s.first.to_string()),
        until: until.map(|u| u.to_string()),
        sources: (!opts.sources.is_empty()).then(|| opts.sources.clone()),
        rollup: opts.rollup,
        population: opts.population.clone(),
    };
    let fetched = breakdown::fetch(store, &query, opts.by, &skills, &opts.matches, kind)?;
    let mut report = fetched.report();
    if report.postings() == 0 {
        let range = match (query.since.as_deref(), query.until.as_deref()) {
            (Some(s), Some(u)) => format!(" between {s} and {u}"),
            (Some(s), None) => format!(" since {s}"),
            (None, Some(u)) => format!(" up to {u}"),
            (None, None) => String::new(),
        };
        let which = if opts.sources.is_empty() { String::new() } else { format!(" from {}", opts.sources.join(", ")) };
        let whom = if opts.population.is_everyone() {
            "postings".to_string()
        } else {
            opts.population.describe().replacen("all ", "", 1)
        };
        return Err(EmptySelection(format!("no {whom}{which}{range}: nothing to report")).into());
    }
    let partial_last = opts.include_partial && report.periods.last() == Some(&period_label(opts.by, today));
    let spans = coverage::spans(&store.coverage_facts(query.sources.as_deref())?);
    report.set_coverage(&coverage::per_period(&spans, &report.periods));
    for (series, source) in report.series.iter_mut().zip(&fetched.sources) {
        if let Some(source) = source {
            let own: Vec<_> = spans.iter().filter(|s| &s.source == source).cloned().collect();
            for (p, c) in series.points.iter_mut().zip(coverage::per_period(&own, &report.periods)) {
                p.coverage = c;
            }
        }
    }
    let dropped = report.drop_small(opts.min_n);
    let sources =
        if opts.sources.is_empty() { spans.iter().map(|s| s.source.clone()).collect() } else { opts.sources.clone() };
    Ok(Built {
        without_rollups: if opts.rollup { Vec::new() } else { without_rollups(taxonomy, &skills) },
        report,
        options: opts.clone(),
        partial_last,
        sources,
        taxonomy_hash: store.meta("taxonomy_hash")?,
        today,
        spans,
        dropped,
        without_company: fetched.without_company,
    })
}

/// "T-SQL for SQL" for each skill that other skills imply: its series
/// counts explicit mentions only unless roll-ups are asked for.
fn without_rollups(taxonomy: &Taxonomy, skills: &[(String, String)]) -> Vec<String> {
    skills
        .iter()
        .filter_map(|(id, name)| {
            let example = taxonomy.skills.iter().find(|s| s.implies.iter().any(|i| i == id))?;
            Some(format!("{} for {name}", example.name))
        })
        .collect()
}

/// The selection held no postings (exit code 1, and no empty chart).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EmptySelection(pub String);

impl Built {
    fn title(&self) -> String {
        if let Some(t) = &self.options.title {
            return t.clone();
        }
        let names: Vec<&str> = self.report.series.iter().map(|s| s.name.as_str()).collect();
        let list = match names.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        if self.options.remote {
            return "Remote work in job postings".to_string();
        }
        if self.options.by_source {
            let name = self
                .report
                .series
                .first()
                .map_or("", |s| s.name.split(breakdown::SOURCE_SEPARATOR).next().unwrap_or(""));
            return format!("Demand for {name} in job postings, by source");
        }
        format!("Demand for {list} in job postings")
    }

    /// What `total` counts.
    fn unit(&self) -> &'static str {
        match (self.options.companies, self.options.population.unique_jobs) {
            (true, _) => "companies",
            (false, true) => "jobs",
            (false, false) => "postings",
        }
    }

    fn subtitle(&self) -> String {
        let per = self.options.by.as_str();
        let whom = self.options.population.describe();
        let each = if self.options.matches.is_empty() { "each skill" } else { "each skill or match each expression" };
        let what = match (self.options.metric, self.options.companies, self.options.by_source) {
            _ if self.options.remote => {
                format!("Share of {whom} that say they are remote, hybrid, on-site or none of these")
            }
            (Metric::Share, true, _) => {
                format!("Share of companies (among {whom}) with a posting that mentions {each}")
            }
            (Metric::Share, false, true) => {
                format!("Share of each source's {} that mention the skill", whom.trim_start_matches("all "))
            }
            (Metric::Share, false, false) => format!("Share of {whom} that mention {each}"),
            (Metric::Count, _, _) => format!("Number of {whom} that mention {each}"),
        };
        let mut s = format!("{what}, by {per}");
        if self.options.metric == Metric::Share && self.options.interval {
            s.push_str(", with 95% Wilson intervals");
        }
        if let Some(k) = self.options.smooth {
            s.push_str(&format!("; {k}-{per} centred moving average"));
        }
        if self.options.rollup {
            s.push_str("; roll-ups included (e.g. MySQL counts for SQL)");
        }
        s
    }

    fn footnote(&self) -> Vec<String> {
        let first = self.report.periods.first().cloned().unwrap_or_default();
        let last = self.report.periods.last().cloned().unwrap_or_default();
        let hash = self.taxonomy_hash.as_deref().map_or("unknown".to_string(), |h| h[..8.min(h.len())].to_string());
        let whom = self.options.population.describe();
        let counted = if self.options.companies {
            format!(
                "{} companies summed over the periods, of {}",
                self.report.postings(),
                whom.trim_start_matches("all ")
            )
        } else {
            format!("{} {}", self.report.postings(), whom.trim_start_matches("all "))
        };
        let mut lines = vec![format!(
            "Source: {} · {first} to {last} · {counted}, dated by the source's posting date (else first seen)",
            self.sources.join(", "),
        )];
        lines.extend(self.caveats());
        lines.push(format!(
            "Taxonomy {hash} · extractor v{EXTRACTOR_VERSION} · skilltrend {} · generated {}",
            env!("CARGO_PKG_VERSION"),
            self.today
        ));
        lines
    }

    /// What a reader must know to read the numbers right: roll-ups not
    /// counted, periods only partly covered, periods left out.
    fn caveats(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.without_rollups.is_empty() && self.options.metric == Metric::Share {
            lines.push(format!(
                "Explicit mentions only: --rollup also counts the skills that imply each (e.g. {})",
                self.without_rollups.join(", ")
            ));
        }
        // A period is partly covered when any of its drawn points is (with
        // --by-source each source's points carry that source's coverage).
        let partly = (0..self.report.periods.len())
            .filter(|i| {
                self.report
                    .series
                    .iter()
                    .filter_map(|s| s.points.get(*i))
                    .any(|p| p.total > 0 && p.coverage.is_some_and(|c| c < 1.0))
            })
            .count();
        if partly > 0 {
            lines.push(format!(
                "Hollow points: {partly} of {} periods only partly covered by the crawls \
                 (HN: months with a complete thread; other sources: days with a successful crawl)",
                self.report.periods.len()
            ));
        }
        let early = coverage::seen_before_first_crawl(&self.spans);
        if !early.is_empty() {
            let which: Vec<String> = early.iter().map(|(s, d)| format!("{s} {d}")).collect();
            lines.push(format!(
                "Before a board's first crawl ({}) it lists only the postings still open then: coverage unknown",
                which.join(", ")
            ));
        }
        lines.extend(self.breakdown_notes());
        if self.dropped > 0 {
            lines.push(format!(
                "{} periods with fewer than {} postings left out (gaps)",
                self.dropped, self.options.min_n
            ));
        }
        lines
    }

    /// How the by-source, company and full-text series are counted.
    fn breakdown_notes(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.options.by_source {
            lines.push("One line per source: each source's share is over its own postings of the period, with its own interval and coverage".to_string());
        }
        if let Some(n) = self.without_company {
            lines.push(format!(
                "Companies: distinct names (trimmed, case-folded); {n} postings without a company left out"
            ));
        }
        if self.options.remote {
            lines.push(
                "Remote, hybrid or on-site as the source says (HN's first line, ATS workplace fields, JSON-LD, \
                 \"Remote\" or \"Hybrid\" in a location; \"REMOTE or ONSITE\" counts as remote); unstated: the \
                 posting says none; postings stored before migration 0009 count hybrid as on-site"
                    .to_string(),
            );
        }
        if !self.options.matches.is_empty() {
            lines.push(
                "Expressions: postings whose title, company or description match (SQLite FTS5 full-text syntax)"
                    .to_string(),
            );
        }
        lines
    }

    /// Every setting that changes a number, for the exports.
    pub fn settings(&self) -> output::Settings {
        let o = &self.options;
        let day = |d: Option<UserDate>, last: bool| {
            d.map_or("none".to_string(), |d| (if last { d.last } else { d.first }).to_string())
        };
        vec![
            ("by", o.by.as_str().to_string()),
            ("since", day(o.since, false)),
            ("until", day(o.until, true)),
            ("include_partial", o.include_partial.to_string()),
            ("population", o.population.describe()),
            ("sources", if o.sources.is_empty() { format!("all ({})", self.sources.join(",")) } else { o.sources.join(",") }),
            ("rollup", o.rollup.to_string()),
            ("series", self.series_setting()),
            ("count", match self.without_company {
                Some(n) => format!("distinct companies (trimmed, case-folded names; {n} postings without a company left out)"),
                None => "postings".to_string(),
            }),
            ("smooth", o.smooth.map_or("none".to_string(), |k| format!("{k}-period centred moving average (chart only)"))),
            ("min_n", o.min_n.to_string()),
            ("interval", "95% Wilson score".to_string()),
            ("coverage", "HN: months with a complete thread / the period's months, other sources: days with a successful crawl / the period's days, mean over the sources spanning the period".to_string()),
            ("taxonomy", self.taxonomy_hash.clone().unwrap_or_else(|| "unknown".into())),
            ("extractor", EXTRACTOR_VERSION.to_string()),
        ]
    }

    fn series_setting(&self) -> String {
        let o = &self.options;
        let mut parts = Vec::new();
        if o.remote {
            parts.push("remote, hybrid, onsite and unstated postings (in the skill column)".to_string());
        } else if o.by_source {
            parts.push("one skill per source, each over its own postings (source column)".to_string());
        } else if !o.skills.is_empty() {
            parts.push("skills".to_string());
        }
        if !o.matches.is_empty() {
            parts.push("FTS5 matches over title, company and description (expression in the skill column)".to_string());
        }
        parts.join(" and ")
    }

    /// The report in a format, as bytes.
    pub fn render(&self, format: Format) -> Result<Vec<u8>> {
        let spec = || chart::ChartSpec {
            report: &self.report,
            title: self.title(),
            subtitle: self.subtitle(),
            metric: self.options.metric,
            interval: self.options.interval,
            smooth: self.options.smooth,
            partial_last: self.partial_last,
            rollup: self.options.rollup,
            period_name: {
                let mut p = self.options.by.as_str().to_string();
                p[..1].make_ascii_uppercase();
                p
            },
            footnote: self.footnote(),
            source_marks: coverage::source_marks(&self.spans, &self.report.periods),
            unit: self.unit(),
            width: self.options.width,
            height: self.options.height,
        };
        Ok(match format {
            Format::Png | Format::Svg | Format::Pdf => {
                let (picture, spec) = (format.picture().unwrap_or(chart::Picture::Png), spec());
                if self.options.facet {
                    chart::render(&chart::FacetSpec(&spec), picture, self.options.scale)?
                } else {
                    chart::render(&spec, picture, self.options.scale)?
                }
            }
            Format::Csv => output::csv(&self.report, &self.settings()).into_bytes(),
            Format::Json => output::json(&self.report, &self.settings()).into_bytes(),
            Format::Table => output::table(&self.report, self.options.metric).into_bytes(),
        })
    }
}
