//! The report's numbers as CSV, JSON or a terminal table.

use std::fmt::Write;

use super::chart::Metric;
use super::series::Report;

fn fmt_fraction(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.6}")).unwrap_or_default()
}

/// The settings that change a report's numbers, as `key=value` pairs.
pub type Settings = Vec<(&'static str, String)>;

/// CSV: a `# ` line with the settings, then the columns
/// `period,skill,mentioning,total,share,low,high,coverage` (share and its
/// 95% Wilson bounds as fractions, empty for a gap; coverage 0–1, empty
/// when unknown); with `--by-source`, a last column `source`. The skill
/// column holds a `--match` expression as it was given (quoted if need be).
pub fn csv(report: &Report, settings: &Settings) -> String {
    let pairs: Vec<String> = settings.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut out = format!("# skilltrend report; {}\n", pairs.join("; "));
    let by_source = report.series.iter().any(|s| s.points.iter().any(|p| p.source.is_some()));
    out.push_str("period,skill,mentioning,total,share,low,high,coverage");
    out.push_str(if by_source { ",source\n" } else { "\n" });
    for p in report.points() {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{}",
            p.period,
            csv_field(&p.skill),
            p.mentioning,
            p.total,
            fmt_fraction(p.share),
            fmt_fraction(p.low),
            fmt_fraction(p.high),
            fmt_fraction(p.coverage)
        );
        match (&p.source, by_source) {
            (Some(source), true) => {
                let _ = writeln!(out, ",{}", csv_field(source));
            }
            (None, true) => out.push_str(",\n"),
            (_, false) => out.push('\n'),
        }
    }
    out
}

/// JSON: `{"settings": {...}, "points": [...]}`.
pub fn json(report: &Report, settings: &Settings) -> String {
    let settings: serde_json::Map<String, serde_json::Value> =
        settings.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone()))).collect();
    let doc = serde_json::json!({ "settings": settings, "points": report.points() });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// A table for the terminal: a row per period, a column per skill.
pub fn table(report: &Report, metric: Metric) -> String {
    let mut header: Vec<String> = vec!["period".into()];
    header.extend(report.series.iter().map(|s| s.name.clone()));
    header.push("postings".into());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, period) in report.periods.iter().enumerate() {
        let mut row = vec![period.clone()];
        for s in &report.series {
            let p = &s.points[i];
            row.push(match (metric, p.share) {
                (_, None) => "-".into(),
                (Metric::Share, Some(v)) => format!("{:.1}%", v * 100.0),
                (Metric::Count, Some(_)) => p.mentioning.to_string(),
            });
        }
        row.push(report.totals[i].to_string());
        rows.push(row);
    }
    render_table(&header, &rows)
}

/// Aligns columns: the first left, the others right.
pub fn render_table(header: &[String], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut parts = Vec::new();
        for (i, c) in cells.iter().enumerate().take(cols) {
            let pad = width[i].saturating_sub(c.chars().count());
            parts.push(if i == 0 { format!("{c}{}", " ".repeat(pad)) } else { format!("{}{c}", " ".repeat(pad)) });
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(header, &mut out);
    for r in rows {
        line(r, &mut out);
    }
    out
}

/// A CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Any result set as an aligned table.
pub fn result_table(set: &crate::store::query::ResultSet) -> String {
    let rows: Vec<Vec<String>> =
        set.rows.iter().map(|r| r.iter().map(|v| cell(v).replace(['\n', '\r'], " ")).collect()).collect();
    render_table(&set.columns, &rows)
}

/// Any result set as CSV with a header.
pub fn result_csv(set: &crate::store::query::ResultSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", set.columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
    for r in &set.rows {
        let _ = writeln!(out, "{}", r.iter().map(|v| csv_field(&cell(v)).into_owned()).collect::<Vec<_>>().join(","));
    }
    out
}

/// Any result set as a JSON array of objects.
pub fn result_json(set: &crate::store::query::ResultSet) -> String {
    let objects: Vec<serde_json::Value> = set
        .rows
        .iter()
        .map(|r| {
            serde_json::Value::Object(
                set.columns.iter().cloned().zip(r.iter().cloned()).collect::<serde_json::Map<_, _>>(),
            )
        })
        .collect();
    serde_json::to_string_pretty(&objects).unwrap_or_else(|_| "[]".into()) + "\n"
}
