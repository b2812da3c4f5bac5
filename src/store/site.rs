//! What the one-page site (`skilltrend site`) needs beyond the report
//! queries: each source's span and how much of it has postings.

use anyhow::Result;
use serde::Serialize;

use super::Store;
use super::runs::count;

/// One source's coverage: its postings, first and last day, the months
/// between them that have postings, and (HN) the months stored complete.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCoverage {
    pub source: String,
    pub postings: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Months from the first to the last posting's, both included.
    pub months_spanned: u64,
    /// Of those, the months with at least one posting.
    pub months_with_postings: u64,
    /// Months the source marked complete (HN's threads), if it marks any.
    pub months_complete: Option<u64>,
    pub last_run_status: Option<String>,
    pub last_run_at: Option<String>,
}

impl Store {
    /// Coverage of every source that has postings.
    pub fn source_coverage(&self) -> Result<Vec<SourceCoverage>> {
        let mut out = Vec::new();
        for source in self.source_names()? {
            let summary = self.source_summary(&source)?;
            let months_with_postings = self.conn().query_row(
                "SELECT count(DISTINCT substr(dated, 1, 7)) FROM postings WHERE source = ?1",
                [&source],
                |r| count(r, 0),
            )?;
            let complete = self.conn().query_row(
                "SELECT count(*) FROM source_state WHERE source = ?1 AND key LIKE 'month:%'",
                [&source],
                |r| count(r, 0),
            )?;
            out.push(SourceCoverage {
                months_spanned: months_between(summary.first.as_deref(), summary.last.as_deref()),
                months_with_postings,
                months_complete: (complete > 0).then_some(complete),
                source,
                postings: summary.postings,
                first: summary.first,
                last: summary.last,
                last_run_status: summary.last_run_status,
                last_run_at: summary.last_run_at,
            });
        }
        Ok(out)
    }
}

/// Calendar months from `first`'s to `last`'s (days `YYYY-MM-DD`), both
/// included; 0 when either is missing or unreadable.
fn months_between(first: Option<&str>, last: Option<&str>) -> u64 {
    let ym =
        |d: &str| -> Option<i64> { Some(d.get(0..4)?.parse::<i64>().ok()? * 12 + d.get(5..7)?.parse::<i64>().ok()?) };
    match (first.and_then(ym), last.and_then(ym)) {
        (Some(a), Some(b)) if b >= a => (b - a + 1) as u64,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::months_between;

    #[test]
    fn months_are_counted_inclusively() {
        assert_eq!(months_between(Some("2024-01-31"), Some("2024-01-01")), 1);
        assert_eq!(months_between(Some("2023-11-15"), Some("2024-02-01")), 4);
        assert_eq!(months_between(None, Some("2024-02-01")), 0);
        assert_eq!(months_between(Some("2024-03-01"), Some("2024-02-01")), 0);
    }
}
