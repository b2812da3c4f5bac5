//! Pay: the `(min, max, currency, period)` a posting states, from the
//! source's structured fields ([`from_schema_org`], [`from_lever`],
//! [`from_ashby`], [`from_greenhouse`]) or from its text ([`scan_text`]).
//! Pure: no I/O. The contract is `../shared/docs/roles.md`, section "Pay".
//!
//! Figures are kept as stated; [`Pay::annual`] puts them on a yearly scale
//! (hour × 2,080, day × 260, week × 52, month × 12). No currency is ever
//! converted: the per-currency magnitudes below only bound what is
//! plausible.

mod structured;
mod text;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use structured::{from_ashby, from_greenhouse, from_job_posting, from_lever, from_range, from_schema_org};
pub use text::scan_text;

/// The period a stated figure is paid per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PayPeriod {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl PayPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            PayPeriod::Year => "year",
            PayPeriod::Month => "month",
            PayPeriod::Week => "week",
            PayPeriod::Day => "day",
            PayPeriod::Hour => "hour",
        }
    }

    /// How many of this period make a year (hour 2,080, day 260, week 52,
    /// month 12, year 1).
    pub fn per_year(self) -> f64 {
        match self {
            PayPeriod::Year => 1.0,
            PayPeriod::Month => 12.0,
            PayPeriod::Week => 52.0,
            PayPeriod::Day => 260.0,
            PayPeriod::Hour => 2080.0,
        }
    }

    /// The period a figure of this size means when none is stated (or the
    /// stated one is contradicted by the size): `year` from 10,000, `hour`
    /// under 500, `month` between.
    pub fn by_size(figure: f64) -> PayPeriod {
        if figure >= 10_000.0 {
            PayPeriod::Year
        } else if figure < 500.0 {
            PayPeriod::Hour
        } else {
            PayPeriod::Month
        }
    }
}

impl fmt::Display for PayPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PayPeriod {
    type Err = String;

    /// `year`, `month`, `week`, `day`, `hour`, in any case, and the usual
    /// adjectives (`yearly`, `annual`, `monthly`, `hourly`, ...).
    fn from_str(s: &str) -> Result<PayPeriod, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "year" | "yearly" | "annual" | "annually" | "yr" | "annum" => Ok(PayPeriod::Year),
            "month" | "monthly" | "mo" => Ok(PayPeriod::Month),
            "week" | "weekly" | "wk" => Ok(PayPeriod::Week),
            "day" | "daily" => Ok(PayPeriod::Day),
            "hour" | "hourly" | "hr" => Ok(PayPeriod::Hour),
            other => Err(format!("unknown pay period {other:?} (year, month, week, day or hour)")),
        }
    }
}

/// Stated pay: figures as written (k multiplied out), ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pay {
    pub min: f64,
    pub max: f64,
    pub currency: String,
    pub period: PayPeriod,
}

impl Pay {
    /// `(min, max)` on a yearly scale (hour × 2,080, day × 260, week × 52,
    /// month × 12), in the same currency.
    pub fn annual(&self) -> (f64, f64) {
        let n = self.period.per_year();
        (self.min * n, self.max * n)
    }

    /// False for figures no posting means as pay: min > max, non-finite,
    /// zero or negative, or a yearly equivalent under 1,000 or over
    /// 5,000,000 US-dollar-sized units. The bounds scale with the
    /// currency's magnitude ([`magnitude`]: about 150 for JPY, 83 for INR,
    /// 360 for HUF), so `¥7,000,000` a year passes and `$9.99` a month
    /// does not. A currency without a known magnitude gets the lower bound
    /// alone.
    pub fn is_plausible(&self) -> bool {
        if !(self.min.is_finite() && self.max.is_finite()) || self.min <= 0.0 || self.min > self.max {
            return false;
        }
        let (lo, hi) = self.annual();
        match magnitude(&self.currency) {
            Some(m) => lo >= 1_000.0 * m && hi <= 5_000_000.0 * m,
            None => lo >= 1_000.0,
        }
    }
}

/// What the text scan found, with evidence for `skilltrend explain`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PayScan {
    pub pay: Option<Pay>,
    /// Byte range of the chosen figures in the text (from the first to the
    /// last range that made the pay).
    pub evidence: Option<std::ops::Range<usize>>,
    /// Money-like figures that were read and refused, with the reason.
    pub rejected: Vec<RejectedMoney>,
    /// When no pay was found: the first figures a pay label vouched for
    /// that were refused as implausible for their period ("Salary: $3 a
    /// year", "Salary: $50M"), as stated.
    pub implausible: Option<Pay>,
}

/// A money-like figure that is not pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedMoney {
    pub range: std::ops::Range<usize>,
    /// `funding`, `valuation`, `revenue`, `customers`, `market`, `401k`,
    /// `equity`, `bonus`, `budget`, `users`, `price`, `millions`, `zero`,
    /// `implausible`, `no pay cue`, `no currency`.
    pub reason: &'static str,
}

/// Rough units of a currency per US dollar: a magnitude for plausibility
/// bounds, never a conversion rate. None for a currency not listed.
pub fn magnitude(currency: &str) -> Option<f64> {
    let m = match currency {
        "USD" | "EUR" | "GBP" | "CHF" | "CAD" | "AUD" | "NZD" | "SGD" | "BGN" | "PEN" => 1.0,
        "HKD" | "CNY" | "DKK" | "BRL" | "PLN" | "RON" | "ILS" | "AED" | "SAR" | "QAR" | "MYR" => 4.0,
        "SEK" | "NOK" | "MXN" | "ZAR" | "CZK" | "TWD" | "THB" | "TRY" | "UAH" | "EGP" | "PHP" => 15.0,
        "JPY" | "INR" | "RUB" | "KES" | "ISK" | "BDT" => 100.0,
        "HUF" | "PKR" | "LKR" | "NGN" | "ARS" | "CLP" | "KRW" => 500.0,
        "COP" => 4_000.0,
        "IDR" | "VND" => 20_000.0,
        _ => return None,
    };
    Some(m)
}

/// Whether figures `lo`–`hi` are believable per `period` in `currency`
/// (per period, in dollar-sized units: hour 1–1,500, day 10–15,000, week
/// 50–50,000, month 200–80,000, year 3,000–5,000,000). A period only a
/// label or a phrase nearby suggests yields to [`PayPeriod::by_size`]
/// when the figures fail this; a period stated with the figures (glued to
/// them, or a structured field's unit) never does: the pay is refused.
pub fn fits(lo: f64, hi: f64, period: PayPeriod, currency: &str) -> bool {
    let m = magnitude(currency).unwrap_or(1.0);
    let (floor, ceiling) = match period {
        PayPeriod::Hour => (1.0, 1_500.0),
        PayPeriod::Day => (10.0, 15_000.0),
        PayPeriod::Week => (50.0, 50_000.0),
        PayPeriod::Month => (200.0, 80_000.0),
        PayPeriod::Year => (3_000.0, 5_000_000.0),
    };
    lo >= floor * m && hi <= ceiling * m
}

/// A label's period when the figures fit it, else the one their size
/// says. Only for periods a label suggests, never for stated ones.
fn settle_period(lo: f64, hi: f64, stated: Option<PayPeriod>, currency: &str) -> PayPeriod {
    stated.filter(|&p| fits(lo, hi, p, currency)).unwrap_or_else(|| PayPeriod::by_size(hi))
}

/// The pay several stated ranges (zones, levels, tiers) make: the
/// [`widest`] of the plausible ones; when none is, the first as stated, so
/// that its caller sees (and counts) absurd pay instead of none.
fn widest_stated(pays: Vec<Pay>) -> Option<Pay> {
    let first = pays.first().cloned();
    widest(pays.into_iter().filter(Pay::is_plausible)).or(first)
}

/// Several pays (zones, levels, currencies) as one: the widest among those
/// in the first one's currency and period.
fn widest(pays: impl IntoIterator<Item = Pay>) -> Option<Pay> {
    let mut it = pays.into_iter();
    let mut out = it.next()?;
    for p in it {
        if p.currency == out.currency && p.period == out.period {
            out.min = out.min.min(p.min);
            out.max = out.max.max(p.max);
        }
    }
    Some(out)
}

/// The naive baseline most scripts use: the first `$<digits>k`, optionally
/// followed by a dash and a second `$<digits>k`, read as USD a year.
pub fn naive_text(text: &str) -> Option<Pay> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'$', &b[from..]) {
        let at = from + p;
        if let Some((lo, end)) = dollar_k(b, at) {
            let mut j = end;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            let dash = ["-", "–", "—"].iter().find(|d| b[j..].starts_with(d.as_bytes())).map_or(0, |d| d.len());
            j += dash;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            let hi = if dash > 0 { dollar_k(b, j).map_or(lo, |(hi, _)| hi) } else { lo };
            return Some(Pay { min: lo, max: hi, currency: "USD".into(), period: PayPeriod::Year });
        }
        from = at + 1;
    }
    None
}

/// `$<digits>k` at `at`: its value and end.
fn dollar_k(b: &[u8], at: usize) -> Option<(f64, usize)> {
    if b.get(at) != Some(&b'$') {
        return None;
    }
    let start = at + 1;
    let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    if end == start || !matches!(b.get(end), Some(b'k' | b'K')) {
        return None;
    }
    let n = b[start..end].iter().fold(0.0, |v, d| v * 10.0 + f64::from(d - b'0'));
    Some((n * 1000.0, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pay(min: f64, max: f64, currency: &str, period: PayPeriod) -> Pay {
        Pay { min, max, currency: currency.into(), period }
    }

    #[test]
    fn annual_multiplies_by_the_period() {
        assert_eq!(pay(50.0, 60.0, "USD", PayPeriod::Hour).annual(), (104_000.0, 124_800.0));
        assert_eq!(pay(500.0, 600.0, "GBP", PayPeriod::Day).annual(), (130_000.0, 156_000.0));
        assert_eq!(pay(2_000.0, 2_000.0, "USD", PayPeriod::Week).annual(), (104_000.0, 104_000.0));
        assert_eq!(pay(4_000.0, 5_000.0, "EUR", PayPeriod::Month).annual(), (48_000.0, 60_000.0));
        assert_eq!(pay(1.0, 2.0, "EUR", PayPeriod::Year).annual(), (1.0, 2.0));
    }

    #[test]
    fn plausibility_scales_with_the_currency() {
        assert!(pay(150_000.0, 180_000.0, "USD", PayPeriod::Year).is_plausible());
        assert!(pay(7_000_000.0, 9_500_000.0, "JPY", PayPeriod::Year).is_plausible());
        assert!(pay(1_800_000.0, 2_800_000.0, "INR", PayPeriod::Year).is_plausible());
        assert!(pay(12_000_000.0, 15_000_000.0, "HUF", PayPeriod::Year).is_plausible());
        assert!(pay(21.0, 21.0, "USD", PayPeriod::Hour).is_plausible());
        assert!(!pay(9.99, 9.99, "USD", PayPeriod::Month).is_plausible());
        assert!(!pay(7_000_000.0, 9_500_000.0, "USD", PayPeriod::Year).is_plausible());
        assert!(!pay(95_000.0, 125_000.0, "USD", PayPeriod::Hour).is_plausible());
        assert!(!pay(2.0, 1.0, "USD", PayPeriod::Year).is_plausible());
        assert!(!pay(0.0, 100_000.0, "USD", PayPeriod::Year).is_plausible());
        assert!(!pay(f64::NAN, 100_000.0, "USD", PayPeriod::Year).is_plausible());
        assert!(!pay(100_000.0, f64::INFINITY, "USD", PayPeriod::Year).is_plausible());
        assert!(pay(100_000.0, 120_000.0, "XBT", PayPeriod::Year).is_plausible());
    }

    #[test]
    fn size_decides_a_missing_or_contradicted_period() {
        assert_eq!(PayPeriod::by_size(10_000.0), PayPeriod::Year);
        assert_eq!(PayPeriod::by_size(9_999.0), PayPeriod::Month);
        assert_eq!(PayPeriod::by_size(500.0), PayPeriod::Month);
        assert_eq!(PayPeriod::by_size(499.0), PayPeriod::Hour);
        assert_eq!(settle_period(95_000.0, 125_000.0, Some(PayPeriod::Hour), "USD"), PayPeriod::Year);
        assert_eq!(settle_period(120_000.0, 150_000.0, Some(PayPeriod::Month), "USD"), PayPeriod::Year);
        assert_eq!(settle_period(55.0, 70.0, Some(PayPeriod::Year), "USD"), PayPeriod::Hour);
        assert_eq!(settle_period(18_000.0, 24_000.0, Some(PayPeriod::Month), "PLN"), PayPeriod::Month);
        assert_eq!(settle_period(8_000.0, 10_000.0, Some(PayPeriod::Month), "USD"), PayPeriod::Month);
        assert_eq!(settle_period(450.0, 450.0, Some(PayPeriod::Day), "GBP"), PayPeriod::Day);
    }

    #[test]
    fn periods_parse_print_and_serialise_in_lowercase() {
        for p in [PayPeriod::Year, PayPeriod::Month, PayPeriod::Week, PayPeriod::Day, PayPeriod::Hour] {
            assert_eq!(p.as_str().parse::<PayPeriod>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.as_str()));
        }
        assert_eq!("Hourly".parse::<PayPeriod>(), Ok(PayPeriod::Hour));
        assert_eq!("ANNUAL".parse::<PayPeriod>(), Ok(PayPeriod::Year));
        assert!("fortnight".parse::<PayPeriod>().is_err());
        let p: Pay = serde_json::from_str(r#"{"min":1,"max":2,"currency":"EUR","period":"month"}"#).unwrap();
        assert_eq!(p, pay(1.0, 2.0, "EUR", PayPeriod::Month));
    }

    #[test]
    fn widest_keeps_the_first_currency_and_period() {
        let w = widest([
            pay(180_000.0, 220_000.0, "USD", PayPeriod::Year),
            pay(150_000.0, 200_000.0, "CAD", PayPeriod::Year),
            pay(144_000.0, 176_000.0, "USD", PayPeriod::Year),
            pay(50.0, 90.0, "USD", PayPeriod::Hour),
        ]);
        assert_eq!(w, Some(pay(144_000.0, 220_000.0, "USD", PayPeriod::Year)));
        assert_eq!(widest(Vec::new()), None);
    }

    #[test]
    fn the_naive_baseline_reads_dollar_k_only() {
        assert_eq!(naive_text("Pay: $150k - $200k"), Some(pay(150_000.0, 200_000.0, "USD", PayPeriod::Year)));
        assert_eq!(naive_text("$180K base"), Some(pay(180_000.0, 180_000.0, "USD", PayPeriod::Year)));
        assert_eq!(
            naive_text("Plans at $29/month. $5k learning budget"),
            Some(pay(5_000.0, 5_000.0, "USD", PayPeriod::Year))
        );
        assert_eq!(naive_text("£60k–£70k"), None);
        assert_eq!(naive_text("$120,000"), None);
    }
}
