//! `top`'s numbers: the skills of a period against the same length of
//! whole calendar periods just before, each change with its 95% interval
//! (Newcombe's hybrid score), ranked by postings or by change; and the
//! words every format uses to state the two periods.

use anyhow::Result;

use super::coverage::{self, SourceSpan};
use super::period::Comparison;
use super::series::newcombe_difference;
use crate::store::Store;
use crate::store::reports::{TopQuery, TopRow};

/// How `top` ranks its skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortBy {
    /// Most postings first.
    #[default]
    Postings,
    /// Largest rise in share first (falls last).
    Change,
}

impl SortBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Postings => "postings",
            SortBy::Change => "change",
        }
    }
}

/// The top skills of `cmp`'s period: the query's rows with each change's
/// interval, ranked by `sort`, at most `limit`.
pub fn ranked(store: &Store, query: &TopQuery, cmp: &Comparison, sort: SortBy, limit: usize) -> Result<Vec<TopRow>> {
    let q = TopQuery {
        since: Some(cmp.since.to_string()),
        until: Some(cmp.until.to_string()),
        prev_since: Some(cmp.prev_since.to_string()),
        prev_until: Some(cmp.prev_until.to_string()),
        // Ranking by change needs every skill of the period.
        limit: if sort == SortBy::Change { 100_000 } else { limit },
        ..query.clone()
    };
    let mut rows = store.top_skills(&q)?;
    for r in &mut rows {
        if r.prev_total > 0 {
            let interval = newcombe_difference(r.mentioning, r.total, r.prev_mentioning, r.prev_total);
            r.change_low = interval.map(|i| i.0);
            r.change_high = interval.map(|i| i.1);
        }
    }
    if sort == SortBy::Change {
        let key = |r: &TopRow| r.change.unwrap_or(f64::NEG_INFINITY);
        rows.sort_by(|a, b| key(b).total_cmp(&key(a)).then(b.mentioning.cmp(&a.mentioning)));
    }
    rows.truncate(limit);
    Ok(rows)
}

/// Whether the change's 95% interval lies wholly above or below zero.
pub fn excludes_zero(r: &TopRow) -> bool {
    matches!((r.change_low, r.change_high), (Some(lo), Some(hi)) if lo > 0.0 || hi < 0.0)
}

/// A change in percentage points, "+1.2 pp", "-0.4 pp" or "0.0 pp" (never
/// "-0.0 pp").
pub fn points(change: f64) -> String {
    let tenths = (change * 1000.0).round();
    if tenths == 0.0 { "0.0 pp".to_string() } else { format!("{:+.1} pp", tenths / 10.0) }
}

/// The change with its interval, "+1.2 pp (+0.3 to +2.1)", and a `*` when
/// the interval excludes zero; "-" without a previous period.
pub fn change_label(r: &TopRow) -> String {
    let Some(c) = r.change else { return "-".into() };
    let bounds = |v: f64| points(v).trim_end_matches(" pp").to_string();
    match (r.change_low, r.change_high) {
        (Some(lo), Some(hi)) => {
            let mark = if excludes_zero(r) { " *" } else { "" };
            format!("{} ({} to {}){mark}", points(c), bounds(lo), bounds(hi))
        }
        _ => points(c),
    }
}

/// "2025-01-01 to 2025-06-30 (6 months, 1,999 postings)", and how much
/// the crawls covered when it is not all ("…, 33% covered").
pub fn describe_period(
    since: &str,
    until: &str,
    length: impl std::fmt::Display,
    postings: u64,
    coverage: Option<f64>,
) -> String {
    let covered = coverage.filter(|c| *c < 1.0).map_or(String::new(), |c| format!(", {:.0}% covered", c * 100.0));
    format!("{since} to {until} ({length}, {} postings{covered})", thousands(postings))
}

/// Both periods of a top list, as one sentence (with their coverage, from
/// the sources' spans).
pub fn describe_periods(cmp: &Comparison, total: u64, prev_total: u64, spans: &[SourceSpan]) -> String {
    let cov = |a, b| coverage::of_range(spans, a, b);
    format!(
        "{} against {}",
        describe_period(&cmp.since.to_string(), &cmp.until.to_string(), cmp.length, total, cov(cmp.since, cmp.until)),
        describe_period(
            &cmp.prev_since.to_string(),
            &cmp.prev_until.to_string(),
            cmp.length,
            prev_total,
            cov(cmp.prev_since, cmp.prev_until)
        )
    )
}

/// 1999 as "1,999".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_never_read_minus_zero() {
        assert_eq!(points(-0.0004), "0.0 pp");
        assert_eq!(points(-0.0), "0.0 pp");
        assert_eq!(points(0.0123), "+1.2 pp");
        assert_eq!(points(-0.0051), "-0.5 pp");
        assert_eq!(thousands(1999), "1,999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12), "12");
    }
}
