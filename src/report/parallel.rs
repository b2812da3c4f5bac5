//! One report query over a long span of days, run as consecutive spans at
//! once, each on its own read-only connection: SQLite runs a query on one
//! core, and over 15 years of a million postings the counting is seconds.
//! Used only where a span's rows are exactly the whole query's rows for
//! those days: periods counted on their own (`report`) or counts that add
//! up over postings (`cooccur`, whose spans are ranges of posting ids).

use anyhow::{Result, anyhow};
use chrono::{Duration, NaiveDate};

use crate::store::Store;

/// The most spans one query is cut into.
const MAX_SPANS: usize = 4;

/// How many spans to cut a query into: one per core (see
/// [`crate::parallel::cores`]), at most [`MAX_SPANS`].
pub fn span_count() -> usize {
    crate::parallel::cores().min(MAX_SPANS)
}

/// The dated postings' first and last day, narrowed to `[since, until]`
/// (None: no dated posting is in it).
pub fn data_span(store: &Store, since: Option<&str>, until: Option<&str>) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let Some((first, last)) = store.dated_span()? else { return Ok(None) };
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (Some(mut first), Some(mut last)) = (day(&first), day(&last)) else { return Ok(None) };
    if let Some(since) = since.and_then(day) {
        first = first.max(since);
    }
    if let Some(until) = until.and_then(day) {
        last = last.min(until);
    }
    Ok((first <= last).then_some((first, last)))
}

/// Cuts `[first, last]` into at most `parts` consecutive spans of about
/// equal length, each after the first starting on a day `align` keeps
/// (the first day of a period), so no period is cut in two.
pub fn spans(
    first: NaiveDate,
    last: NaiveDate,
    parts: usize,
    align: impl Fn(NaiveDate) -> NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let days = (last - first).num_days();
    let parts = parts.max(1) as i64;
    let mut starts = vec![first];
    for k in 1..parts {
        let cut = align(first + Duration::days(days * k / parts));
        if starts.last().is_some_and(|s| cut > *s) && cut <= last {
            starts.push(cut);
        }
    }
    let ends = starts.iter().skip(1).map(|s| *s - Duration::days(1)).chain([last]);
    starts.iter().copied().zip(ends).collect()
}

/// Cuts the ids `[first, last]` into at most `parts` consecutive ranges
/// of about equal length.
pub fn id_spans(first: i64, last: i64, parts: usize) -> Vec<(i64, i64)> {
    let parts = parts.max(1) as i64;
    let width = (last - first + 1).max(1);
    let start = |k: i64| first + width * k / parts;
    let mut out: Vec<(i64, i64)> = (0..parts).map(|k| (start(k), start(k + 1) - 1)).collect();
    out.retain(|(a, b)| a <= b);
    out
}

/// Runs `run` on each span (of days or of ids), the first here on `store`
/// and each other one in its own thread on its own connection; the
/// results in span order. While `store` holds a transaction, every span
/// runs here, one by one.
pub fn run_spans<S: Copy + Send + Sync, T: Send>(
    store: &Store,
    spans: &[S],
    run: impl Fn(&Store, S) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let Some((head, rest)) = spans.split_first() else { return Ok(Vec::new()) };
    let readers: Option<Vec<Store>> = rest.iter().map(|_| store.another_reader()).collect::<Result<_>>()?;
    let Some(readers) = readers else {
        return spans.iter().map(|span| run(store, *span)).collect();
    };
    let run = &run;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            rest.iter().zip(readers).map(|(&span, reader)| scope.spawn(move || run(&reader, span))).collect();
        let mut out = vec![run(store, *head)];
        out.extend(handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(anyhow!("a report thread panicked")))));
        out.into_iter().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::period::Period;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spans_cover_every_day_once_and_start_on_period_starts() {
        let spans = spans(day("2011-01-01"), day("2025-12-27"), 4, |d| Period::Quarter.start_of(d));
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[0].0, day("2011-01-01"));
        assert_eq!(spans[3].1, day("2025-12-27"));
        for pair in spans.windows(2) {
            assert_eq!(pair[0].1 + Duration::days(1), pair[1].0);
            assert_eq!(Period::Quarter.start_of(pair[1].0), pair[1].0);
        }
    }

    #[test]
    fn a_span_shorter_than_its_parts_is_not_cut_inside_a_period() {
        let spans = spans(day("2024-03-03"), day("2024-05-20"), 4, |d| Period::Year.start_of(d));
        assert_eq!(spans, vec![(day("2024-03-03"), day("2024-05-20"))]);
        let one_day = super::spans(day("2024-03-03"), day("2024-03-03"), 2, |d| d);
        assert_eq!(one_day, vec![(day("2024-03-03"), day("2024-03-03"))]);
    }

    #[test]
    fn id_spans_cover_every_id_once() {
        assert_eq!(id_spans(1, 10, 2), vec![(1, 5), (6, 10)]);
        assert_eq!(id_spans(1, 10, 3), vec![(1, 3), (4, 6), (7, 10)]);
        assert_eq!(id_spans(7, 8, 4), vec![(7, 7), (8, 8)]);
        assert_eq!(id_spans(5, 5, 2), vec![(5, 5)]);
    }
}
