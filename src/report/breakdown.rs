//! What a report's series are: skills (`queries/skill_share.sql`), one
//! skill per source (`--by-source`), distinct companies (`--metric
//! companies`) and full-text expressions (`--match`), as rows that
//! [`Report::from_rows`] turns into series.

use anyhow::Result;

use super::period::Period;
use super::series::Report;
use super::{parallel, period_label};
use crate::InputError;
use crate::store::Store;
use crate::store::reports::{ShareQuery, ShareRow};

/// The rows of a report and the series they make.
#[derive(Debug, Default)]
pub struct Fetched {
    pub rows: Vec<ShareRow>,
    /// (series id, name) in drawing order.
    pub series: Vec<(String, String)>,
    /// Each series' source (`--by-source`), else None.
    pub sources: Vec<Option<String>>,
    /// With `--metric companies`: postings left out for naming no company.
    pub without_company: Option<u64>,
}

/// The separator of a `--by-source` series name: "Python · hn".
pub const SOURCE_SEPARATOR: &str = " · ";

/// What the series are, beyond the skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kind {
    /// One skill, one line per source.
    pub by_source: bool,
    /// Distinct companies instead of postings.
    pub companies: bool,
    /// Remote, hybrid, on-site and unstated postings instead of skills.
    pub remote: bool,
}

/// The series of `--metric remote`: (id, name).
pub const WORKPLACES: [(&str, &str); 4] =
    [("remote", "Remote"), ("hybrid", "Hybrid"), ("onsite", "On-site"), ("unstated", "Unstated")];

/// Checks the combination of options: `--by-source` takes one skill and
/// no `--match`; `--metric remote` takes neither.
pub fn check(skills: &[(String, String)], matches: &[String], kind: Kind) -> Result<(), InputError> {
    let Kind { by_source, companies, remote } = kind;
    if remote && (by_source || companies || !matches.is_empty()) {
        return Err(InputError(
            "--metric remote draws remote, hybrid, on-site and unstated shares; not with --by-source or --match".into(),
        ));
    }
    if by_source && skills.len() != 1 {
        let ids: Vec<&str> = skills.iter().map(|(id, _)| id.as_str()).collect();
        return Err(InputError(format!(
            "--by-source draws one line per source for one skill, and {} skills were given ({}): pass one with --skills",
            ids.len(),
            ids.join(",")
        )));
    }
    if by_source && !matches.is_empty() {
        return Err(InputError("--by-source draws one skill per source; it does not take --match".into()));
    }
    if companies && (by_source || !matches.is_empty()) {
        return Err(InputError(
            "--metric companies counts companies per skill; not with --by-source or --match".into(),
        ));
    }
    Ok(())
}

/// Runs the queries the options ask for, a span of periods per core (see
/// [`parallel`]) and the spans' rows joined. When a cut falls next to
/// periods with no postings, a span's rows stop short of it (each query's
/// calendar runs from its own first posting to its last) and the whole is
/// run again at once; `--by-source` (whose sources are those each span
/// holds) is always run at once.
pub fn fetch(
    store: &Store,
    query: &ShareQuery,
    by: Period,
    skills: &[(String, String)],
    matches: &[String],
    kind: Kind,
) -> Result<Fetched> {
    let whole = || fetch_span(store, query, skills, matches, kind);
    if kind.by_source {
        return whole();
    }
    let Some((first, last)) = parallel::data_span(store, query.since.as_deref(), query.until.as_deref())? else {
        return whole();
    };
    let spans = parallel::spans(first, last, parallel::span_count(), |d| by.start_of(d));
    if spans.len() < 2 {
        return whole();
    }
    let parts = parallel::run_spans(store, &spans, |store, (from, to)| {
        let q = ShareQuery { since: Some(from.to_string()), until: Some(to.to_string()), ..query.clone() };
        fetch_span(store, &q, skills, matches, kind)
    })?;
    let meets = spans.windows(2).zip(parts.windows(2)).all(|(cut, pair)| {
        let full = |f: &Fetched, day| {
            let label = period_label(by, day);
            f.rows.iter().filter(|r| r.period == label).count() == f.series.len()
        };
        full(&pair[0], cut[0].1) && full(&pair[1], cut[1].0)
    });
    if !meets {
        tracing::debug!("the spans' periods do not meet at their cuts: counted again at once");
        return whole();
    }
    tracing::debug!("counted in {} spans of days at once", spans.len());
    Ok(Fetched::joined(parts))
}

/// Runs the queries the options ask for over the query's own days.
fn fetch_span(
    store: &Store,
    query: &ShareQuery,
    skills: &[(String, String)],
    matches: &[String],
    kind: Kind,
) -> Result<Fetched> {
    if kind.by_source {
        return by_source_rows(store, query, skills);
    }
    if kind.remote {
        let series: Vec<(String, String)> =
            WORKPLACES.iter().map(|(id, name)| (id.to_string(), name.to_string())).collect();
        return Ok(Fetched {
            rows: store.workplace_shares(query)?,
            sources: vec![None; series.len()],
            series,
            without_company: None,
        });
    }
    let mut out = Fetched { series: skills.to_vec(), sources: vec![None; skills.len()], ..Fetched::default() };
    if kind.companies {
        let rows = store.company_shares(query)?;
        out.without_company = Some(rows.iter().filter(|r| r.row.skill == skills[0].0).map(|r| r.without_company).sum());
        out.rows = rows.into_iter().map(|r| r.row).collect();
    } else if !skills.is_empty() {
        out.rows = store.skill_shares(query)?;
    }
    for expr in matches {
        out.rows.extend(store.match_shares(expr, query)?);
        out.series.push((expr.clone(), expr.clone()));
        out.sources.push(None);
    }
    // Period labels sort in time order; a stable sort keeps the series
    // order within each period.
    out.rows.sort_by(|a, b| a.period.cmp(&b.period));
    Ok(out)
}

fn by_source_rows(store: &Store, query: &ShareQuery, skills: &[(String, String)]) -> Result<Fetched> {
    let (id, name) = &skills[0];
    let mut out = Fetched::default();
    for r in store.skill_shares_by_source(query)? {
        let key = format!("{id}{SOURCE_SEPARATOR}{}", r.source);
        if !out.series.iter().any(|(k, _)| *k == key) {
            out.series.push((key.clone(), format!("{name}{SOURCE_SEPARATOR}{}", r.source)));
            out.sources.push(Some(r.source.clone()));
        }
        out.rows.push(ShareRow { skill: key, ..r.row });
    }
    Ok(out)
}

impl Fetched {
    /// The rows of consecutive spans, in order, as one (the spans have the
    /// same series; their postings without a company add up).
    fn joined(parts: Vec<Fetched>) -> Fetched {
        let mut parts = parts.into_iter();
        let mut out = parts.next().unwrap_or_default();
        for part in parts {
            out.rows.extend(part.rows);
            out.without_company = match (out.without_company, part.without_company) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            };
        }
        out
    }

    /// Builds the report: a `--by-source` series' points carry the skill
    /// id and their source, and each period's total is the sum over the
    /// sources.
    pub fn report(&self) -> Report {
        let mut report = Report::from_rows(&self.rows, &self.series);
        if self.sources.iter().all(Option::is_none) {
            return report;
        }
        for (s, source) in report.series.iter_mut().zip(&self.sources) {
            let Some(source) = source else { continue };
            s.skill = s.skill.split(SOURCE_SEPARATOR).next().unwrap_or_default().to_string();
            for p in &mut s.points {
                p.skill = s.skill.clone();
                p.source = Some(source.clone());
            }
        }
        report.totals = (0..report.periods.len())
            .map(|i| report.series.iter().filter_map(|s| s.points.get(i)).map(|p| p.total).sum())
            .collect();
        report
    }
}
