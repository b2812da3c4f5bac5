//! Reading the dates sources write, loosely, into ISO 8601 UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The stored form of a time: `2026-05-15T10:00:00Z`.
pub fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses the dates job sources write: RFC 3339 with or without offset,
/// a plain date (also unpadded, `2026-5-15`), a space instead of `T`, and
/// RFC 2822 (feeds). Times without an offset are taken as UTC. Dates before
/// 1990 or after 2199 are refused.
pub fn parse_loose(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let t = DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(s).map(|t| t.with_timezone(&Utc)).ok())
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"]
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok())
                .map(|t| t.with_timezone(&Utc))
        })
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                .map(|t| Utc.from_utc_datetime(&t))
        })
        .or_else(|| {
            let date_part = s.split(['T', ' ']).next().unwrap_or(s);
            ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(date_part, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| Utc.from_utc_datetime(&t))
        })?;
    plausible(t).then(|| iso(t))
}

/// A time from Unix seconds.
pub fn from_unix_secs(secs: i64) -> Option<String> {
    Utc.timestamp_opt(secs, 0).single().filter(|t| plausible(*t)).map(iso)
}

/// A time from Unix milliseconds.
pub fn from_unix_millis(ms: i64) -> Option<String> {
    Utc.timestamp_millis_opt(ms).single().filter(|t| plausible(*t)).map(iso)
}

/// A date job postings can carry: from 1990 to 2199 (whether it lies in
/// the future is judged against the crawler's clock by [`too_far_ahead`]).
fn plausible(t: DateTime<Utc>) -> bool {
    (1990..2200).contains(&t.year())
}

/// Whether a stored time (`iso` form) is more than a year after `now`.
pub fn too_far_ahead(t: &str, now: &str) -> bool {
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc));
    matches!((parse(t), parse(now)), (Some(t), Some(now)) if t > now + chrono::Duration::days(366))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_sources_write() {
        assert_eq!(parse_loose("2026-05-15").as_deref(), Some("2026-05-15T00:00:00Z"));
        assert_eq!(parse_loose("2026-5-15").as_deref(), Some("2026-05-15T00:00:00Z"));
        assert_eq!(parse_loose("2026-05-15T10:00:00+02:00").as_deref(), Some("2026-05-15T08:00:00Z"));
        assert_eq!(parse_loose("2026-05-15T10:00:00.123Z").as_deref(), Some("2026-05-15T10:00:00Z"));
        assert_eq!(parse_loose("2026-05-15 10:00:00").as_deref(), Some("2026-05-15T10:00:00Z"));
        assert_eq!(parse_loose("Fri, 15 May 2026 10:00:00 GMT").as_deref(), Some("2026-05-15T10:00:00Z"));
        assert_eq!(parse_loose("2026-05-15T10:00:00-0400").as_deref(), Some("2026-05-15T14:00:00Z"));
        assert_eq!(parse_loose("yesterday"), None);
        assert_eq!(parse_loose("1970-01-01"), None);
        assert_eq!(from_unix_millis(1_747_303_200_000).as_deref(), Some("2025-05-15T10:00:00Z"));
    }

    #[test]
    fn the_future_is_judged_against_the_clock_given() {
        let now = "2026-05-15T10:00:00Z";
        assert!(!too_far_ahead("2027-05-01T00:00:00Z", now));
        assert!(too_far_ahead("2027-06-01T00:00:00Z", now));
        assert!(!too_far_ahead("not a date", now));
        assert_eq!(parse_loose("2300-01-01"), None);
        assert_eq!(parse_loose("2150-01-01").as_deref(), Some("2150-01-01T00:00:00Z"));
    }
}
