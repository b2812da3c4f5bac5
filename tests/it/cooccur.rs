//! `skilltrend cooccur SKILL` on a small database whose numbers are worked
//! out by hand here: counts, shares, lift, the filters it shares with
//! `report`, its formats and its errors.

use std::path::Path;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (source, day, title, text). Ten postings; Rust in p0–p2.
///
/// All ten: Rust 3; PostgreSQL 4 (p0 p1 p3 p5), with Rust 2 (p0 p1);
/// Kafka 3 (p1 p4 p8), with Rust 1; Python 4 (p2 p3 p4 p9), with Rust 1.
/// So for Rust: PostgreSQL 2/3 of Rust postings against 4/10 of all, lift
/// (2/3)/(4/10) = 1.666667; Kafka 1/3 against 3/10, lift 1.111111; Python
/// 1/3 against 4/10, lift 0.833333.
const POSTINGS: &[(&str, &str, &str, &str)] = &[
    ("fixture", "2024-01-05", "Backend Engineer", "Rust and PostgreSQL."),
    ("fixture", "2024-01-10", "Backend Engineer", "Rust, Kafka and PostgreSQL."),
    ("fixture", "2024-01-15", "Backend Engineer", "Rust and Python."),
    ("fixture", "2024-02-01", "Backend Engineer", "Python and PostgreSQL."),
    ("fixture", "2024-02-10", "Data Engineer", "Python and Kafka pipelines."),
    ("fixture", "2024-02-20", "Backend Engineer", "Java and PostgreSQL."),
    ("fixture", "2024-03-01", "Backend Engineer", "Java."),
    ("fixture", "2024-03-05", "Product Designer", "Design our product."),
    ("fixture", "2024-03-20", "Data Engineer", "Kafka and Docker."),
    ("board", "2024-03-25", "Data Engineer", "Python notebooks."),
];

fn store_postings(path: &Path) {
    let extractor = Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (source, day, title, text)) in POSTINGS.iter().enumerate() {
        let posting = Posting {
            external_id: format!("p{i}"),
            title: Some(title.to_string()),
            posted_at: Some(format!("{day}T12:00:00Z")),
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        let skills = extractor.posting_skills(Some(title), text);
        store.upsert_posting(source, &posting, &skills, "http://127.0.0.1/").unwrap();
    }
}

fn db() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"));
    dir
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = skilltrend(dir).arg("--db").arg("jobs.db").args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The CSV's rows (without its `#` lines and header).
fn rows(csv: &str) -> Vec<String> {
    csv.lines().filter(|l| !l.starts_with('#')).skip(1).map(String::from).collect()
}

#[test]
fn csv_gives_counts_shares_and_lift_worked_by_hand() {
    let dir = db();
    let csv = stdout(dir.path(), &["cooccur", "rust", "--min-count", "1", "--format", "csv"]);
    assert_eq!(csv.lines().find(|l| !l.starts_with('#')), Some("skill,count,share_of_skill,share_of_all,lift"));
    assert_eq!(
        rows(&csv),
        [
            "postgresql,2,0.666667,0.400000,1.666667",
            "kafka,1,0.333333,0.300000,1.111111",
            "python,1,0.333333,0.400000,0.833333"
        ],
        "{csv}"
    );
    // The comment lines say the population, its size and the method.
    assert!(csv.starts_with("# 3 of 10 postings mention Rust, 2024-01-05 to 2024-03-25 (board, fixture)"), "{csv}");
    assert!(csv.contains("lift = share_of_skill / share_of_all"), "{csv}");
    // By lift, and without the pairs seen only once (the default is 5).
    let by_lift = stdout(dir.path(), &["cooccur", "rust", "--min-count", "1", "--sort", "lift", "--format", "csv"]);
    assert_eq!(
        rows(&by_lift).iter().map(|r| r.split(',').next().unwrap()).collect::<Vec<_>>(),
        ["postgresql", "kafka", "python"]
    );
    let twice = stdout(dir.path(), &["cooccur", "rust", "--min-count", "2", "--format", "csv"]);
    assert_eq!(rows(&twice), ["postgresql,2,0.666667,0.400000,1.666667"]);
    let default = stdout(dir.path(), &["cooccur", "rust", "--format", "csv"]);
    assert!(rows(&default).is_empty(), "{default}");
}

#[test]
fn the_period_sources_and_population_narrow_both_sides() {
    let dir = db();
    let csv = |extra: &[&str]| {
        let mut args = vec!["cooccur", "rust", "--min-count", "1", "--format", "csv"];
        args.extend_from_slice(extra);
        stdout(dir.path(), &args)
    };
    // From 2024-01-08: Rust in p1 p2 (2), nine postings, PostgreSQL in p1 p3
    // p5: with Rust 1/2 against 3/9, lift 1.5.
    let since = csv(&["--since", "2024-01-08"]);
    assert!(since.starts_with("# 2 of 9 postings mention Rust"), "{since}");
    assert!(rows(&since).contains(&"postgresql,1,0.500000,0.333333,1.500000".to_string()), "{since}");
    // One source: p9 (board, Python) leaves; Python in 3 of 9.
    let source = csv(&["--source", "fixture"]);
    assert!(rows(&source).contains(&"python,1,0.333333,0.333333,1.000000".to_string()), "{source}");
    // Back-end postings (the Backend Engineer titles p0–p3, p5, p6): six;
    // Kafka in p1 only: 1/3 against 1/6, lift 2.
    let backend = csv(&["--role", "backend"]);
    assert!(backend.starts_with("# 3 of 6 postings (role backend) mention Rust"), "{backend}");
    assert!(rows(&backend).contains(&"kafka,1,0.333333,0.166667,2.000000".to_string()), "{backend}");
    assert!(rows(&backend).contains(&"postgresql,2,0.666667,0.666667,1.000000".to_string()), "{backend}");
}

#[test]
fn json_table_and_charts_say_the_same() {
    let dir = db();
    let json = stdout(dir.path(), &["cooccur", "rust", "--min-count", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((v["skill_postings"].as_u64(), v["total"].as_u64()), (Some(3), Some(10)));
    let first = &v["rows"][0];
    assert_eq!(
        (first["skill"].as_str(), first["count"].as_u64(), first["skill_total"].as_u64()),
        (Some("postgresql"), Some(2), Some(4))
    );
    let (low, high) = (first["share_of_skill_low"].as_f64().unwrap(), first["share_of_skill_high"].as_f64().unwrap());
    assert!(low < 2.0 / 3.0 && 2.0 / 3.0 < high && low > 0.0 && high < 1.0, "{first}");
    assert_eq!(v["settings"]["min_count"].as_u64(), Some(1));
    let table = stdout(dir.path(), &["cooccur", "rust", "--min-count", "1"]);
    assert!(table.lines().any(|l| l.contains("PostgreSQL") && l.contains("66.7%") && l.contains("1.67")), "{table}");
    let png = dir.path().join("rust.png");
    skilltrend(dir.path())
        .args(["--db", "jobs.db", "cooccur", "rust", "--min-count", "1", "--width", "900", "--height", "500", "--out"])
        .arg(&png)
        .assert()
        .success();
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (900, 500));
    let svg = stdout(dir.path(), &["cooccur", "rust", "--min-count", "1", "--format", "svg"]);
    assert!(svg.contains("What postings that mention Rust also mention") && svg.contains("lift 1.67"), "{svg}");
}

#[test]
fn bad_requests_say_why() {
    let dir = db();
    let fail = |args: &[&str], code: i32| {
        let out = skilltrend(dir.path()).arg("--db").arg("jobs.db").args(args).assert().code(code).get_output().clone();
        String::from_utf8(out.stderr).unwrap()
    };
    let unknown = fail(&["cooccur", "rsut"], 2);
    assert!(unknown.contains("unknown skill 'rsut'") && unknown.contains("rust"), "{unknown}");
    assert!(fail(&["cooccur", "rust", "--since", "2024-03", "--until", "2024-01"], 2).contains("is after"));
    assert!(fail(&["cooccur", "cobol"], 1).contains("no postings mention COBOL"));
    assert!(fail(&["cooccur", "rust", "--since", "2025-01"], 1).contains("(0 postings in all)"));
}

#[test]
fn the_query_file_gives_the_same_numbers() {
    let dir = db();
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/cooccur.sql");
    let out = stdout(dir.path(), &["query", sql.to_str().unwrap(), "-p", "skill=rust", "--format", "csv"]);
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    let col = |row: &str, name: &str| {
        row.split(',').nth(header.iter().position(|h| *h == name).unwrap()).unwrap().to_string()
    };
    let pg = out.lines().find(|l| l.starts_with("postgresql,")).unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        (col(pg, "count"), col(pg, "skill_postings"), col(pg, "x_postings"), col(pg, "total")),
        ("2".into(), "3".into(), "4".into(), "10".into())
    );
    let lift: f64 = col(pg, "lift").parse().unwrap();
    assert!((lift - 5.0 / 3.0).abs() < 1e-9, "{lift}");
}

/// The part of a query file from `WITH` to the end of its `per_chunk` CTE.
fn pair_counting(file: &str) -> String {
    let sql = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries").join(file)).unwrap();
    let start = sql.find("WITH\nparams AS (").unwrap_or_else(|| panic!("{file} has no params CTE"));
    let end = sql[start..].find("\n    FROM chunks\n),\n").unwrap_or_else(|| panic!("{file} has no per_chunk CTE"));
    sql[start..start + end].to_string()
}

#[test]
fn the_pairs_query_counts_pairs_as_cooccur_sql_does() {
    // Word for word, so the counts made a span per core cannot drift from
    // the counts cooccur.sql makes at once.
    let ids = "\n      AND ps.posting_id BETWEEN coalesce(nullif(:first_id, '') + 0, 0) AND coalesce(nullif(:last_id, '') + 0, 9223372036854775807)";
    let pairs = pair_counting("cooccur_pairs.sql");
    assert!(pairs.contains(ids), "cooccur_pairs.sql reads one range of posting ids");
    assert_eq!(pairs.replacen(ids, "", 1), pair_counting("cooccur.sql"));
    let dir = db();
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/cooccur_pairs.sql");
    let out = stdout(dir.path(), &["query", sql.to_str().unwrap(), "-p", "skill=rust", "--format", "csv"]);
    let mut lines: Vec<&str> = out.lines().skip(1).collect();
    lines.sort();
    assert_eq!(lines, ["kafka,1,3", "postgresql,2,3", "python,1,3"], "{out}");
}
