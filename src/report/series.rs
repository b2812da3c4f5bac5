//! The report's data: query rows turned into one series per skill, with
//! 95% Wilson score intervals and optional smoothing.

use serde::Serialize;

use crate::store::reports::ShareRow;

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The 95% Wilson score interval of `k` successes in `n` trials.
pub fn wilson(k: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((center - half).max(0.0), (center + half).min(1.0)))
}

/// The 95% interval of the difference of two independent proportions,
/// `k1/n1 - k2/n2`, by Newcombe's hybrid score method (method 10 of
/// Newcombe 1998): each proportion's Wilson interval, combined.
pub fn newcombe_difference(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<(f64, f64)> {
    let (l1, u1) = wilson(k1, n1)?;
    let (l2, u2) = wilson(k2, n2)?;
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    let d = p1 - p2;
    let low = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let high = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some((low.max(-1.0), high.min(1.0)))
}

/// One point of a series (a period).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: String,
    pub skill: String,
    /// The source of a `--by-source` series (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub mentioning: u64,
    pub total: u64,
    /// None: no postings in the period (a gap).
    pub share: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// How much of the period the crawls covered, 0–1 (None: unknown).
    pub coverage: Option<f64>,
}

/// A skill's points, in period order.
#[derive(Debug, Clone)]
pub struct Series {
    pub skill: String,
    pub name: String,
    pub points: Vec<Point>,
}

/// Every series of a report, sharing one list of periods.
#[derive(Debug, Clone)]
pub struct Report {
    pub periods: Vec<String>,
    /// Postings per period.
    pub totals: Vec<u64>,
    pub series: Vec<Series>,
}

impl Report {
    /// Builds the series from query rows (ordered by period, then skill).
    pub fn from_rows(rows: &[ShareRow], skills: &[(String, String)]) -> Report {
        let mut periods: Vec<String> = Vec::new();
        let mut totals = Vec::new();
        for r in rows {
            if periods.last() != Some(&r.period) {
                periods.push(r.period.clone());
                totals.push(r.total);
            }
        }
        let series = skills
            .iter()
            .map(|(id, name)| Series {
                skill: id.clone(),
                name: name.clone(),
                points: rows
                    .iter()
                    .filter(|r| &r.skill == id)
                    .map(|r| {
                        let interval = if r.total > 0 { wilson(r.mentioning, r.total) } else { None };
                        Point {
                            period: r.period.clone(),
                            skill: r.skill.clone(),
                            source: None,
                            mentioning: r.mentioning,
                            total: r.total,
                            share: r.share,
                            low: interval.map(|i| i.0),
                            high: interval.map(|i| i.1),
                            coverage: None,
                        }
                    })
                    .collect(),
            })
            .collect();
        Report { periods, totals, series }
    }

    /// Sets each period's coverage (one value per period).
    pub fn set_coverage(&mut self, coverage: &[Option<f64>]) {
        for s in &mut self.series {
            for (p, c) in s.points.iter_mut().zip(coverage) {
                p.coverage = *c;
            }
        }
    }

    /// Each period's coverage (None: unknown).
    pub fn coverage(&self) -> Vec<Option<f64>> {
        let first = self.series.first();
        (0..self.periods.len()).map(|i| first.and_then(|s| s.points.get(i)).and_then(|p| p.coverage)).collect()
    }

    /// Leaves out (as gaps) the points with postings but fewer than
    /// `min_n` (each point's own total: a source's, with `--by-source`);
    /// returns how many periods lost a point.
    pub fn drop_small(&mut self, min_n: u64) -> usize {
        let mut small = vec![false; self.periods.len()];
        for s in &mut self.series {
            for (i, p) in s.points.iter_mut().enumerate().filter(|(_, p)| p.total > 0 && p.total < min_n) {
                (p.share, p.low, p.high) = (None, None, None);
                small[i] = true;
            }
        }
        small.iter().filter(|s| **s).count()
    }

    /// Total postings over all periods.
    pub fn postings(&self) -> u64 {
        self.totals.iter().sum()
    }

    /// Every point, period-major (as the CSV and JSON list them).
    pub fn points(&self) -> Vec<&Point> {
        let mut out = Vec::new();
        for i in 0..self.periods.len() {
            for s in &self.series {
                if let Some(p) = s.points.get(i) {
                    out.push(p);
                }
            }
        }
        out
    }
}

/// A centred moving average over `n` periods of the values that exist
/// (gaps are skipped; a window with no values stays a gap).
pub fn moving_average(values: &[Option<f64>], n: usize) -> Vec<Option<f64>> {
    if n <= 1 {
        return values.to_vec();
    }
    let before = (n - 1) / 2;
    let after = n - 1 - before;
    (0..values.len())
        .map(|i| {
            values[i]?;
            let lo = i.saturating_sub(before);
            let hi = (i + after).min(values.len() - 1);
            let window: Vec<f64> = values[lo..=hi].iter().flatten().copied().collect();
            (!window.is_empty()).then(|| window.iter().sum::<f64>() / window.len() as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_known_values() {
        // Known values (e.g. from statsmodels proportion_confint(method="wilson")).
        let (lo, hi) = wilson(10, 100).unwrap();
        assert!((lo - 0.055_229).abs() < 1e-5 && (hi - 0.174_367).abs() < 1e-5, "{lo} {hi}");
        let (lo, hi) = wilson(0, 20).unwrap();
        assert!(lo == 0.0 && (hi - 0.161_125).abs() < 1e-5, "{lo} {hi}");
        let (lo, hi) = wilson(20, 20).unwrap();
        assert!((lo - 0.838_875).abs() < 1e-5 && (hi - 1.0).abs() < 1e-9, "{lo} {hi}");
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn newcombe_matches_the_published_examples() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, table II,
        // method 10 (hybrid score, no continuity correction).
        let cases = [
            ((56, 70, 48, 80), (0.0524, 0.3339)),
            ((9, 10, 3, 10), (0.1705, 0.8090)),
            ((6, 7, 2, 7), (0.0582, 0.8062)),
            ((5, 56, 0, 29), (-0.0381, 0.1926)),
            ((0, 10, 0, 20), (-0.1611, 0.2775)),
            ((0, 10, 0, 10), (-0.2775, 0.2775)),
            ((10, 10, 0, 20), (0.6791, 1.0)),
            ((10, 10, 0, 10), (0.6075, 1.0)),
        ];
        for ((k1, n1, k2, n2), (lo, hi)) in cases {
            let (l, h) = newcombe_difference(k1, n1, k2, n2).unwrap();
            assert!((l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5, "{k1}/{n1} - {k2}/{n2}: {l:.4} {h:.4}");
        }
        assert_eq!(newcombe_difference(1, 0, 1, 2), None);
    }

    #[test]
    fn moving_average_keeps_gaps() {
        let v = [Some(1.0), Some(2.0), None, Some(4.0), Some(6.0)];
        assert_eq!(moving_average(&v, 3), vec![Some(1.5), Some(1.5), None, Some(5.0), Some(5.0)]);
    }
}
