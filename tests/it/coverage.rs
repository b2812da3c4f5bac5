//! Coverage and the settings behind every number: `report`'s `coverage`
//! column (HN: months with a complete thread; other sources: days with a
//! successful crawl), `--min-n`, the roll-up note, and the `# ` settings
//! line of the CSV and `settings` object of the JSON.

use std::path::Path;
use std::sync::Arc;

use crate::common::{open_db, skilltrend};
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (source, day, text): HN from January to April 2024, a board from March.
const POSTINGS: &[(&str, &str, &str)] = &[
    ("hn", "2024-01-02", "Python and SQL"),
    ("hn", "2024-01-03", "Java"),
    ("hn", "2024-01-04", "Python"),
    ("hn", "2024-01-05", "Go"),
    ("hn", "2024-02-01", "Python"),
    ("hn", "2024-02-02", "PHP"),
    ("hn", "2024-02-03", "Java and SQL"),
    ("hn", "2024-03-01", "Python"),
    ("hn", "2024-04-01", "Python and Rust"),
    ("hn", "2024-04-02", "Java"),
    ("board", "2024-03-12", "Python, MySQL"),
    ("board", "2024-03-20", "Go"),
    ("board", "2024-04-15", "Python"),
];

fn build(db: &Path) {
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(db).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (source, day, text)) in POSTINGS.iter().enumerate() {
        let p = Posting {
            external_id: format!("p{i}"),
            posted_at: Some(format!("{day}T09:00:00Z")),
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        store.upsert_posting(source, &p, &extractor.posting_skills(None, text), "http://127.0.0.1/").unwrap();
    }
    drop(store);
    // HN's January, February and April threads are stored complete (March's
    // crawl was interrupted); the board was crawled well on 2024-03-12 and
    // 2024-03-20, and a crawl on 2024-04-15 failed.
    let conn = open_db(db);
    conn.execute_batch(
        "INSERT INTO source_state (source, key, value, updated_at) VALUES
           ('hn', 'month:2024-01', 'complete', '2024-02-01T00:00:00Z'),
           ('hn', 'month:2024-02', 'complete', '2024-03-01T00:00:00Z'),
           ('hn', 'month:2024-04', 'complete', '2024-05-01T00:00:00Z');
         INSERT INTO crawl_runs (id, started_at, finished_at, status) VALUES
           (1, '2024-03-12T08:00:00Z', '2024-03-12T08:10:00Z', 'ok'),
           (2, '2024-03-20T08:00:00Z', '2024-03-20T08:10:00Z', 'ok'),
           (3, '2024-04-15T08:00:00Z', '2024-04-15T08:10:00Z', 'failed');
         INSERT INTO crawl_run_sources (run_id, source, status) VALUES
           (1, 'board', 'ok'), (2, 'board', 'ok'), (3, 'board', 'failed');",
    )
    .unwrap();
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", "jobs.db", "report"];
    all.extend_from_slice(args);
    String::from_utf8(skilltrend(dir).args(&all).assert().success().get_output().stdout.clone()).unwrap()
}

/// (period, coverage cell) of the python rows.
fn coverage_column(csv: &str) -> Vec<(String, String)> {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "coverage").expect("a coverage column");
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[1] == "python")
        .map(|f| (f[0].to_string(), f[at].to_string()))
        .collect()
}

#[test]
fn each_period_carries_its_coverage() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let csv = run(dir.path(), &["--format", "csv", "--skills", "python", "--until", "2024-04"]);
    // January and February: HN complete, the board not yet started. March:
    // HN incomplete, the board crawled on 2 of 31 days. April: HN complete,
    // the board's only crawl failed.
    let f = |v: f64| format!("{v:.6}");
    let want = [
        ("2024-01", f(1.0)),
        ("2024-02", f(1.0)),
        ("2024-03", f((0.0 + 2.0 / 31.0) / 2.0)),
        ("2024-04", f((1.0 + 0.0) / 2.0)),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(p, c)| (p.to_string(), c.clone())).collect();
    assert_eq!(coverage_column(&csv), want);
    let quarters = run(dir.path(), &["--format", "csv", "--skills", "python", "--until", "2024-06", "--by", "quarter"]);
    let q1 = (2.0 / 3.0 + 2.0 / 91.0) / 2.0;
    assert_eq!(coverage_column(&quarters)[0], ("2024-Q1".to_string(), f(q1)));
    // The chart marks where the board starts and says some periods are partly covered.
    let svg = run(dir.path(), &["--format", "svg", "--until", "2024-04"]);
    assert!(svg.contains("board starts"), "no source mark");
    assert!(svg.contains("2 of 4 periods only partly covered"), "no coverage note");
}

#[test]
fn min_n_leaves_small_periods_out_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let csv = run(dir.path(), &["--format", "csv", "--skills", "python", "--until", "2024-04", "--min-n", "4"]);
    let rows: Vec<Vec<String>> =
        csv.lines().filter(|l| !l.starts_with('#')).skip(1).map(|l| l.split(',').map(String::from).collect()).collect();
    for r in &rows {
        let total: u64 = r[3].parse().unwrap();
        assert_eq!(r[4].is_empty(), total < 4, "{r:?}");
    }
    assert!(rows.iter().any(|r| r[4].is_empty()) && rows.iter().any(|r| !r[4].is_empty()));
    let svg = run(dir.path(), &["--format", "svg", "--until", "2024-04", "--min-n", "4"]);
    assert!(svg.contains("fewer than 4 postings left out"), "no min-n note");
}

#[test]
fn exports_carry_every_setting_and_charts_say_when_roll_ups_are_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let args = ["--skills", "sql", "--until", "2024-04", "--min-n", "2", "--source", "hn"];
    let csv = run(dir.path(), &[&args[..], &["--format", "csv"]].concat());
    let first = csv.lines().next().unwrap();
    for setting in ["rollup=false", "smooth=none", "min_n=2", "population=all postings", "sources=hn", "by=month"] {
        assert!(first.starts_with("# ") && first.contains(setting), "{setting}: {first}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run(dir.path(), &[&args[..], &["--format", "json"]].concat())).unwrap();
    assert_eq!(json["settings"]["rollup"], "false");
    assert_eq!(json["settings"]["min_n"], "2");
    assert_eq!(json["settings"]["sources"], "hn");
    assert!(json["points"].as_array().unwrap().iter().all(|p| p.get("coverage").is_some()));
    // SQL has roll-ups (MySQL, T-SQL…): the chart says they are not counted, unless --rollup.
    let svg = run(dir.path(), &["--skills", "sql,python", "--until", "2024-04", "--format", "svg"]);
    assert!(svg.contains("Explicit mentions only") && svg.contains(" for SQL"), "no roll-up note");
    let svg = run(dir.path(), &["--skills", "sql", "--until", "2024-04", "--format", "svg", "--rollup"]);
    assert!(!svg.contains("Explicit mentions only"));
    let svg = run(dir.path(), &["--skills", "mysql", "--until", "2024-04", "--format", "svg"]);
    assert!(!svg.contains("Explicit mentions only"), "MySQL has no roll-ups");
}

#[test]
fn top_says_how_much_of_each_period_was_covered() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("jobs.db"));
    let out = skilltrend(dir.path())
        .args(["--db", "jobs.db", "top", "--since", "2024-03", "--until", "2024-04"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(out).unwrap();
    // March and April: HN 1 of 2 months complete, the board crawled on 2 of 61 days.
    let covered = format!("{:.0}% covered", (0.5 + 2.0 / 61.0) / 2.0 * 100.0);
    let n = |a: &str, b: &str| POSTINGS.iter().filter(|p| p.1 >= a && p.1 <= b).count();
    let first = table.lines().next().unwrap();
    let now = format!("2024-03-01 to 2024-04-30 (2 months, {} postings, {covered})", n("2024-03-01", "2024-04-30"));
    assert!(first.starts_with(&now), "{first}");
    // January and February were covered whole: nothing to say.
    let before = format!("against 2024-01-01 to 2024-02-29 (2 months, {} postings)", n("2024-01-01", "2024-02-29"));
    assert!(first.ends_with(&before), "{first}");
}
