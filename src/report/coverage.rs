//! How much of each period the crawls covered, from the facts of
//! `queries/coverage.sql`: for a source that records complete months (HN),
//! the share of the period's months whose thread is stored complete; for
//! any other source, the share of the period's days with a successful
//! crawl. A period's coverage is the mean over the sources whose postings
//! span it; a source with no crawl record is left out (unknown, not zero),
//! and so is a board over the periods before its first crawl: what it
//! lists for them are the postings still open at that crawl, an unknown
//! part of the period's, not none of them.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};

use crate::store::coverage::CoverageFact;

/// What one source's crawls covered.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSpan {
    pub source: String,
    /// Its first and last posting's day.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// First days of the months stored complete (HN).
    months: BTreeSet<NaiveDate>,
    /// Days with a successful crawl.
    crawls: BTreeSet<NaiveDate>,
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Each source's span and crawl record, from the query's facts.
pub fn spans(facts: &[CoverageFact]) -> Vec<SourceSpan> {
    let mut out: Vec<SourceSpan> = Vec::new();
    for f in facts {
        let Some(d) = day(&f.day) else { continue };
        let i = match out.iter().position(|s| s.source == f.source) {
            Some(i) => i,
            None => {
                out.push(SourceSpan {
                    source: f.source.clone(),
                    first: d,
                    last: d,
                    months: BTreeSet::new(),
                    crawls: BTreeSet::new(),
                });
                out.len() - 1
            }
        };
        let s = &mut out[i];
        match f.what.as_str() {
            "first" => s.first = d,
            "last" => s.last = d,
            "month" => {
                s.months.insert(d);
            }
            _ => {
                s.crawls.insert(d);
            }
        }
    }
    out
}

/// The first and last day of a period labelled as `queries/skill_share.sql`
/// labels them: `YYYY`, `YYYY-MM`, `YYYY-Qn` or `YYYY-Www`.
pub fn period_bounds(label: &str) -> Option<(NaiveDate, NaiveDate)> {
    let year: i32 = label.get(..4)?.parse().ok()?;
    let (first, months) = match label.get(4..) {
        Some("") => (NaiveDate::from_ymd_opt(year, 1, 1)?, 12),
        Some(rest) if rest.starts_with("-Q") => {
            let q: u32 = rest[2..].parse().ok()?;
            (NaiveDate::from_ymd_opt(year, (q.checked_sub(1)?) * 3 + 1, 1)?, 3)
        }
        Some(rest) if rest.starts_with("-W") => {
            let monday = NaiveDate::from_isoywd_opt(year, rest[2..].parse().ok()?, chrono::Weekday::Mon)?;
            return Some((monday, monday + Duration::days(6)));
        }
        Some(rest) => (NaiveDate::from_ymd_opt(year, rest.get(1..)?.parse().ok()?, 1)?, 1),
        None => return None,
    };
    Some((first, first.checked_add_months(chrono::Months::new(months))? - Duration::days(1)))
}

impl SourceSpan {
    /// This source's coverage of [first, last]; None when its postings do
    /// not reach into the period or it has no crawl record.
    pub fn coverage(&self, first: NaiveDate, last: NaiveDate) -> Option<f64> {
        if self.last < first || self.first > last {
            return None;
        }
        if !self.months.is_empty() {
            let mut month = first.with_day(1)?;
            let (mut all, mut complete) = (0u32, 0u32);
            while month <= last {
                all += 1;
                complete += u32::from(self.months.contains(&month));
                month = month.checked_add_months(chrono::Months::new(1))?;
            }
            return Some(f64::from(complete) / f64::from(all.max(1)));
        }
        if self.crawls.first().is_none_or(|first_crawl| *first_crawl > last) {
            return None;
        }
        let days = (last - first).num_days() + 1;
        let crawled = self.crawls.range(first..=last).count() as f64;
        Some(crawled / days as f64)
    }
}

/// The boards (sources without complete months) whose postings reach back
/// before their first crawl, with that crawl's day, for the footnote.
pub fn seen_before_first_crawl(spans: &[SourceSpan]) -> Vec<(String, NaiveDate)> {
    spans
        .iter()
        .filter(|s| s.months.is_empty())
        .filter_map(|s| s.crawls.first().filter(|c| s.first < **c).map(|c| (s.source.clone(), *c)))
        .collect()
}

/// The coverage of the days [first, last]: the mean over the sources that
/// span them (None: no source with a crawl record does).
pub fn of_range(spans: &[SourceSpan], first: NaiveDate, last: NaiveDate) -> Option<f64> {
    let each: Vec<f64> = spans.iter().filter_map(|s| s.coverage(first, last)).collect();
    (!each.is_empty()).then(|| each.iter().sum::<f64>() / each.len() as f64)
}

/// The coverage of each period.
pub fn per_period(spans: &[SourceSpan], periods: &[String]) -> Vec<Option<f64>> {
    periods
        .iter()
        .map(|label| {
            let (first, last) = period_bounds(label)?;
            of_range(spans, first, last)
        })
        .collect()
}

/// Where a source starts or stops inside the series: (period index, text),
/// for the chart's marks (a source that spans the whole series has none).
pub fn source_marks(spans: &[SourceSpan], periods: &[String]) -> Vec<(usize, String)> {
    let bounds: Vec<(NaiveDate, NaiveDate)> = periods.iter().filter_map(|p| period_bounds(p)).collect();
    if bounds.len() != periods.len() || bounds.is_empty() {
        return Vec::new();
    }
    let index_of = |d: NaiveDate| bounds.iter().position(|(a, b)| *a <= d && d <= *b);
    let mut marks = Vec::new();
    for s in spans {
        if let Some(i) = index_of(s.first).filter(|i| *i > 0) {
            marks.push((i, format!("{} starts", s.source)));
        }
        if let Some(i) = index_of(s.last).filter(|i| *i + 1 < periods.len()) {
            marks.push((i, format!("{} stops", s.source)));
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        day(s).unwrap()
    }

    fn fact(source: &str, what: &str, day: &str) -> CoverageFact {
        CoverageFact { source: source.into(), what: what.into(), day: day.into() }
    }

    #[test]
    fn period_labels_have_bounds() {
        assert_eq!(period_bounds("2024-02"), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(period_bounds("2024-Q4"), Some((d("2024-10-01"), d("2024-12-31"))));
        assert_eq!(period_bounds("2024"), Some((d("2024-01-01"), d("2024-12-31"))));
        assert_eq!(period_bounds("2024-W01"), Some((d("2024-01-01"), d("2024-01-07"))));
        assert_eq!(period_bounds("2024-Q0"), None);
    }

    #[test]
    fn hn_counts_complete_months_and_others_count_crawled_days() {
        let facts = [
            fact("hn", "first", "2024-01-01"),
            fact("hn", "last", "2024-12-30"),
            fact("hn", "month", "2024-01-01"),
            fact("hn", "month", "2024-03-01"),
            fact("gh", "first", "2024-03-20"),
            fact("gh", "last", "2024-03-31"),
            fact("gh", "crawl", "2024-03-20"),
            fact("gh", "crawl", "2024-03-21"),
            fact("feed", "first", "2024-01-05"),
            fact("feed", "last", "2024-01-05"),
        ];
        let spans = spans(&facts);
        let periods: Vec<String> = ["2024-Q1", "2024-Q2", "2024"].map(String::from).to_vec();
        let cov = per_period(&spans, &periods);
        // Q1: HN 2 of 3 months, greenhouse 2 of 91 days; the feed (no crawl record) unknown.
        let want_q1 = (2.0 / 3.0 + 2.0 / 91.0) / 2.0;
        assert!((cov[0].unwrap() - want_q1).abs() < 1e-12, "{cov:?}");
        assert_eq!(cov[1], Some(0.0));
        // Before a board's first crawl its coverage is unknown, not zero.
        let gh_only: Vec<SourceSpan> = spans.iter().filter(|s| s.source == "gh").cloned().collect();
        let mut early = gh_only.clone();
        early[0].first = d("2024-01-15");
        assert_eq!(per_period(&early, &["2024-01".to_string()]), [None]);
        assert_eq!(per_period(&early, &["2024-03".to_string()]), [Some(2.0 / 31.0)]);
        assert_eq!(seen_before_first_crawl(&early), [("gh".to_string(), d("2024-03-20"))]);
        assert!(seen_before_first_crawl(&gh_only).is_empty());
        assert!((cov[2].unwrap() - (2.0 / 12.0 + 2.0 / 366.0) / 2.0).abs() < 1e-12);
        let months: Vec<String> = (1..=6).map(|m| format!("2024-{m:02}")).collect();
        assert_eq!(
            source_marks(&spans, &months),
            vec![(2, "gh starts".into()), (2, "gh stops".into()), (0, "feed stops".into())]
        );
    }
}
