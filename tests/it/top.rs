//! `skilltrend top` against a whole-month baseline: a year of HN-shaped
//! months (each month's thread opens on the 1st, when most postings come),
//! the default period of a database whose data stopped, the change's
//! interval and the ranking by change.

use std::path::Path;
use std::sync::Arc;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::report::series::newcombe_difference;
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// Postings per month from 2024-07 to 2025-06, most on days 1–3 (as HN's
/// threads fill): Rust rises from 1 in 20 to 1 in 2, Kubernetes to 1 in 4, Python stays at
/// half, Java falls from 9 in 20 to 1 in 4.
fn build(db: &Path) -> Vec<(String, String)> {
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(db).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    let mut all = Vec::new();
    let months: Vec<String> =
        (7..=12).map(|m| format!("2024-{m:02}")).chain((1..=6).map(|m| format!("2025-{m:02}"))).collect();
    for (k, month) in months.iter().enumerate() {
        for i in 0..20 {
            let day = if i < 14 { 1 + i % 3 } else { 10 + i };
            let text = match (k < 6, i % 2 == 1, i % 4) {
                (_, true, _) => "Python and Django",
                (true, false, _) if i == 0 => "Rust and Kubernetes",
                (true, false, _) => "Java and Kotlin",
                (false, false, 0) => "Rust and Kubernetes",
                (false, false, _) => "Rust and Java",
            };
            let day = format!("{month}-{day:02}");
            let p = Posting {
                external_id: format!("{month}-{i}"),
                posted_at: Some(format!("{day}T09:00:00Z")),
                description: text.to_string(),
                raw_format: "test",
                raw: String::new(),
                ..Posting::default()
            };
            let source = if i % 4 == 0 { "a" } else { "b" };
            store.upsert_posting(source, &p, &extractor.posting_skills(None, text), "http://127.0.0.1/").unwrap();
            all.push((day, text.to_string()));
        }
    }
    all
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", "jobs.db"];
    all.extend_from_slice(args);
    String::from_utf8(skilltrend(dir).args(&all).assert().success().get_output().stdout.clone()).unwrap()
}

fn json_rows(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&run(dir, args)).unwrap()["rows"].as_array().unwrap().clone()
}

fn in_range(postings: &[(String, String)], since: &str, until: &str) -> usize {
    postings.iter().filter(|(d, _)| d.as_str() >= since && d.as_str() <= until).count()
}

#[test]
fn month_bounds_compare_the_same_whole_months_before() {
    let dir = tempfile::tempdir().unwrap();
    let postings = build(&dir.path().join("jobs.db"));
    let rows = json_rows(dir.path(), &["top", "--since", "2025-01", "--until", "2025-06", "--format", "json"]);
    let r = &rows[0];
    assert_eq!((r["since"].as_str(), r["until"].as_str()), (Some("2025-01-01"), Some("2025-06-30")));
    assert_eq!((r["prev_since"].as_str(), r["prev_until"].as_str()), (Some("2024-07-01"), Some("2024-12-31")));
    // The settings that change the numbers travel with them.
    let doc: serde_json::Value = serde_json::from_str(&run(
        dir.path(),
        &["top", "--since", "2025-01", "--until", "2025-06", "--format", "json"],
    ))
    .unwrap();
    let settings = &doc["settings"];
    assert_eq!(
        (settings["prev_since"].as_str(), settings["prev_until"].as_str()),
        (Some("2024-07-01"), Some("2024-12-31"))
    );
    assert_eq!((settings["sort"].as_str(), settings["sources"].as_str()), (Some("postings"), Some("all")));
    // July's thread counts whole, its first days included.
    assert_eq!(r["prev_total"].as_u64().unwrap() as usize, in_range(&postings, "2024-07-01", "2024-12-31"));
    assert_eq!(r["total"].as_u64().unwrap() as usize, in_range(&postings, "2025-01-01", "2025-06-30"));
    // Day bounds compare days.
    let rows = json_rows(dir.path(), &["top", "--since", "2025-03-01", "--until", "2025-03-10", "--format", "json"]);
    assert_eq!(
        (rows[0]["prev_since"].as_str(), rows[0]["prev_until"].as_str()),
        (Some("2025-02-19"), Some("2025-02-28"))
    );
    // The table and the CSV state both periods and their sizes.
    let prev_n = in_range(&postings, "2024-07-01", "2024-12-31");
    let table = run(dir.path(), &["top", "--since", "2025-01", "--until", "2025-06"]);
    assert!(table.contains(&format!("against 2024-07-01 to 2024-12-31 (6 months, {prev_n} postings)")), "{table}");
    let csv = run(dir.path(), &["top", "--since", "2025-01", "--until", "2025-06", "--format", "csv"]);
    assert!(csv.starts_with("# ") && csv.lines().next().unwrap().contains("prev_since=2024-07-01"), "{csv}");
}

#[test]
fn the_default_period_is_the_last_complete_quarter_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let postings = build(&dir.path().join("jobs.db"));
    // The data stops in June 2025, long before today: Q2 2025 against Q1.
    let rows = json_rows(dir.path(), &["top", "--format", "json"]);
    assert_eq!((rows[0]["since"].as_str(), rows[0]["until"].as_str()), (Some("2025-04-01"), Some("2025-06-30")));
    assert_eq!(rows[0]["prev_since"].as_str(), Some("2025-01-01"));
    assert_eq!(rows[0]["total"].as_u64().unwrap() as usize, in_range(&postings, "2025-04-01", "2025-06-30"));
}

#[test]
fn changes_carry_newcombe_intervals_and_rank_by_change() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let args = ["top", "--since", "2025-01", "--until", "2025-06", "--format", "json", "--sort", "change"];
    let rows = json_rows(dir.path(), &args);
    let changes: Vec<f64> = rows.iter().map(|r| r["change"].as_f64().unwrap()).collect();
    assert!(changes.windows(2).all(|w| w[0] >= w[1]), "{changes:?}");
    let n = |r: &serde_json::Value, k: &str| r[k].as_u64().unwrap();
    for r in &rows {
        let (lo, hi) =
            newcombe_difference(n(r, "mentioning"), n(r, "total"), n(r, "prev_mentioning"), n(r, "prev_total"))
                .unwrap();
        assert!(
            (r["change_low"].as_f64().unwrap() - lo).abs() < 1e-12
                && (r["change_high"].as_f64().unwrap() - hi).abs() < 1e-12
        );
        assert_eq!(r["change_excludes_zero"].as_bool().unwrap(), lo > 0.0 || hi < 0.0, "{r}");
    }
    // Rust rose from 5% to 50%: first, and clearly; Python stayed.
    assert_eq!(rows[0]["skill"], "rust", "{rows:?}");
    assert_eq!(rows[0]["change_excludes_zero"], true);
    let java = rows.iter().find(|r| r["skill"] == "java").unwrap();
    assert!(java["change_high"].as_f64().unwrap() < 0.0 && java["change_excludes_zero"] == true, "{java}");
    let python = rows.iter().find(|r| r["skill"] == "python").unwrap();
    assert!(python["change_low"].as_f64().unwrap() < 0.0 && python["change_high"].as_f64().unwrap() > 0.0);
    // The table marks it and never writes "-0.0 pp".
    let table = run(dir.path(), &["top", "--since", "2025-01", "--until", "2025-06", "--sort", "change"]);
    let rust_line = table.lines().find(|l| l.contains("Rust")).unwrap();
    assert!(rust_line.trim_end().ends_with('*'), "{table}");
    assert!(!table.contains("-0.0"), "{table}");
}

#[test]
fn top_out_says_what_it_wrote_and_unknown_sources_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let out = skilltrend(dir.path())
        .args(["--db", "jobs.db", "top", "--since", "2025-01", "--out", "top.csv"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("wrote top.csv") && stderr.contains("postings"), "{stderr}");
    for command in ["top", "report", "export", "roles"] {
        let out = skilltrend(dir.path())
            .args(["--db", "jobs.db", command, "--source", "hm"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("unknown source hm (known: a, b)"), "{command}: {stderr}");
    }
}
