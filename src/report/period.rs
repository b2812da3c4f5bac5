//! Reporting periods and the dates users give on the command line.

use chrono::{Datelike, Duration, NaiveDate};

/// The length of one point of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    /// The name `queries/skill_share.sql` takes as `:by`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
            Period::Quarter => NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1).unwrap_or(day),
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The last complete day before the period holding `today` began.
    pub fn last_complete_day(self, today: NaiveDate) -> NaiveDate {
        self.start_of(today) - Duration::days(1)
    }
}

/// A date the user gave: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserDate {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the days it covers.
pub fn parse_user_date(s: &str) -> Result<UserDate, String> {
    let bad = || format!("'{s}' is not a date: use YYYY-MM or YYYY-MM-DD (or YYYY)");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            let first = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
            Ok(UserDate { first, last: NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)? })
        }
        [y, m] if y.len() == 4 => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            let next = first.checked_add_months(chrono::Months::new(1)).ok_or_else(bad)?;
            Ok(UserDate { first, last: next - Duration::days(1) })
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)?;
            Ok(UserDate { first: day, last: day })
        }
        _ => Err(bad()),
    }
}

/// The period `top` reads and the one it compares with: the same number
/// of whole months just before (for month, quarter or year bounds), else
/// the same number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub prev_since: NaiveDate,
    pub prev_until: NaiveDate,
    /// The length of each period, in whole months or in days.
    pub length: Length,
}

/// How long each period of a [`Comparison`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Months(u32),
    Days(i64),
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Length::Months(1) => write!(f, "1 month"),
            Length::Months(n) => write!(f, "{n} months"),
            Length::Days(1) => write!(f, "1 day"),
            Length::Days(n) => write!(f, "{n} days"),
        }
    }
}

impl UserDate {
    /// A single day (`YYYY-MM-DD`), not a month or a year.
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }
}

/// The first day of the month after `day`'s.
fn next_month_start(day: NaiveDate) -> NaiveDate {
    let start = Period::Month.start_of(day);
    start.checked_add_months(chrono::Months::new(1)).unwrap_or(start)
}

/// The last day of the month holding `day`.
fn month_end(day: NaiveDate) -> NaiveDate {
    next_month_start(day) - Duration::days(1)
}

/// The last complete quarter of the data: the quarter holding `last_day`
/// (the newest posting) when its last month has postings and it has ended
/// before `today`, else the quarter before it.
pub fn last_complete_quarter(last_day: NaiveDate, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = Period::Quarter.start_of(last_day);
    let end = start.checked_add_months(chrono::Months::new(3)).unwrap_or(start) - Duration::days(1);
    if end < today && last_day.month() == end.month() {
        return (start, end);
    }
    let before = Period::Quarter.start_of(start - Duration::days(1));
    (before, start - Duration::days(1))
}

/// The periods `top` compares, from `--since`/`--until` (either may be
/// missing), the newest posting's day and today. Month, quarter and year
/// bounds compare whole calendar months; a day bound compares days.
pub fn comparison(
    since: Option<UserDate>,
    until: Option<UserDate>,
    last_day: NaiveDate,
    today: NaiveDate,
) -> Result<Comparison, crate::InputError> {
    let by_days = since.is_some_and(|s| s.is_day()) || until.is_some_and(|u| u.is_day());
    let (first, last) = match (since, until) {
        (None, None) => last_complete_quarter(last_day, today),
        _ if by_days => {
            let last = until.map_or(last_day, |u| u.last);
            (since.map_or(last - Duration::days(89), |s| s.first), last)
        }
        (Some(s), None) => (s.first, month_end(last_day.max(s.first))),
        (None, Some(u)) => {
            let first = Period::Month.start_of(u.last).checked_sub_months(chrono::Months::new(2));
            (first.unwrap_or(u.first), u.last)
        }
        (Some(s), Some(u)) => (s.first, u.last),
    };
    if first > last {
        return Err(crate::InputError(format!("--since {first} is after --until {last}")));
    }
    let prev_until = first - Duration::days(1);
    if by_days {
        let days = (last - first).num_days() + 1;
        let prev_since = first - Duration::days(days);
        return Ok(Comparison { since: first, until: last, prev_since, prev_until, length: Length::Days(days) });
    }
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
    let months = months.max(1) as u32;
    let prev_since = first.checked_sub_months(chrono::Months::new(months)).unwrap_or(first);
    Ok(Comparison { since: first, until: last, prev_since, prev_until, length: Length::Months(months) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn user_dates_cover_whole_months() {
        assert_eq!(parse_user_date("2024-02").unwrap(), UserDate { first: d("2024-02-01"), last: d("2024-02-29") });
        assert_eq!(parse_user_date("2024-02-10").unwrap().last, d("2024-02-10"));
        assert_eq!(parse_user_date("2023").unwrap().last, d("2023-12-31"));
        assert!(parse_user_date("2024-13").is_err());
        assert!(parse_user_date("24-01").is_err());
        assert!(parse_user_date("last week").is_err());
    }

    #[test]
    fn period_starts_and_the_last_complete_day() {
        assert_eq!(Period::Week.start_of(d("2026-11-25")), d("2026-11-23"));
        assert_eq!(Period::Quarter.start_of(d("2026-11-25")), d("2026-10-01"));
        assert_eq!(Period::Month.last_complete_day(d("2026-11-25")), d("2026-10-31"));
        assert_eq!(Period::Year.last_complete_day(d("2026-11-25")), d("2025-12-31"));
    }

    fn compare(since: Option<&str>, until: Option<&str>, last: &str) -> Comparison {
        let ud = |s: Option<&str>| s.map(|s| parse_user_date(s).unwrap());
        comparison(ud(since), ud(until), d(last), d("2026-12-01")).unwrap()
    }

    #[test]
    fn month_bounds_compare_whole_months_before() {
        // Six months against the six whole months before (not 181 days,
        // which began on July 4 and lost most of July's thread).
        let c = compare(Some("2025-01"), Some("2025-06"), "2026-06-30");
        assert_eq!((c.prev_since, c.prev_until), (d("2024-07-01"), d("2024-12-31")));
        assert_eq!(c.length, Length::Months(6));
        let c = compare(Some("2024"), Some("2024"), "2026-06-30");
        assert_eq!((c.prev_since, c.prev_until), (d("2023-01-01"), d("2023-12-31")));
        // Only --until: the quarter ending there; only --since: up to the data's last month.
        let c = compare(None, Some("2025-03"), "2026-06-30");
        assert_eq!((c.since, c.prev_since, c.prev_until), (d("2025-01-01"), d("2024-10-01"), d("2024-12-31")));
        let c = compare(Some("2026-04"), None, "2026-06-12");
        assert_eq!((c.until, c.prev_since), (d("2026-06-30"), d("2026-01-01")));
    }

    #[test]
    fn day_bounds_compare_days_before() {
        let c = compare(Some("2025-03-10"), Some("2025-03-19"), "2026-06-30");
        assert_eq!((c.prev_since, c.prev_until, c.length), (d("2025-02-28"), d("2025-03-09"), Length::Days(10)));
        assert!(
            comparison(
                Some(parse_user_date("2025-03").unwrap()),
                Some(parse_user_date("2025-02").unwrap()),
                d("2026-01-01"),
                d("2026-12-01")
            )
            .is_err()
        );
    }

    #[test]
    fn the_default_is_the_last_complete_quarter_of_the_data() {
        // Data that stopped in June 2026: Q2 2026, not the calendar's Q3.
        let c = compare(None, None, "2026-06-28");
        assert_eq!(
            (c.since, c.until, c.prev_since, c.prev_until),
            (d("2026-04-01"), d("2026-06-30"), d("2026-01-01"), d("2026-03-31"))
        );
        // Data ending in the quarter's first month: that quarter is not complete.
        let c = compare(None, None, "2026-04-03");
        assert_eq!((c.since, c.until), (d("2026-01-01"), d("2026-03-31")));
        // The current quarter is never complete.
        let c = compare(None, None, "2026-12-01");
        assert_eq!((c.since, c.until), (d("2026-07-01"), d("2026-09-30")));
    }
}
