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
}
