//! `skilltrend report` on a small database whose shares are counted by hand
//! here: CSV, table, chart sizes, periods, gaps, errors.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (posted day, text) of each posting; March 2024 has none (a gap).
const POSTINGS: &[(&str, &str)] = &[
    ("2024-01-03", "Python and SQL"),
    ("2024-01-10", "Java, Spring Boot, SQL"),
    ("2024-01-20", "PHP 8 and MySQL"),
    ("2024-01-29", "JavaScript only"),
    ("2024-02-02", "Python 3"),
    ("2024-02-14", "Python, Java"),
    ("2024-04-01", "Java"),
    ("2024-04-09", "T-SQL and Python"),
    ("2024-04-30", "Go and Rust"),
    ("2024-05-15", "PHP"),
];

fn build_db(path: &Path) {
    let extractor = Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (day, text)) in POSTINGS.iter().enumerate() {
        let posting = Posting {
            external_id: format!("p{i}"),
            posted_at: Some(format!("{day}T12:00:00Z")),
            description: text.to_string(),
            raw_format: "test",
            raw: text.to_string(),
            ..Posting::default()
        };
        let skills = extractor.posting_skills(None, text);
        store.upsert_posting("fixture", &posting, &skills, "http://127.0.0.1/").unwrap();
    }
}

/// The skills a text mentions, by the rules of the contract (for these
/// simple texts: the core names written out).
fn mentions(text: &str, skill: &str) -> bool {
    match skill {
        "python" => text.contains("Python"),
        "java" => text.contains("Java") && !text.starts_with("JavaScript"),
        "php" => text.contains("PHP"),
        "sql" => text.contains("SQL") && !text.contains("MySQL") || text.contains("T-SQL"),
        _ => unreachable!(),
    }
}

#[test]
fn csv_equals_shares_counted_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    let out = skilltrend(dir.path())
        .args(["--db", db.to_str().unwrap(), "report", "--format", "csv", "--until", "2024-05"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    let mut lines = csv.lines();
    let settings = lines.next().unwrap();
    assert!(settings.starts_with("# skilltrend report; by=month;"), "{settings}");
    assert_eq!(lines.next(), Some("period,skill,mentioning,total,share,low,high,coverage"));

    let skills = ["python", "java", "php", "sql"];
    let mut by_month: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (day, text) in POSTINGS {
        by_month.entry(&day[..7]).or_default().push(text);
    }
    let mut expected = Vec::new();
    for month in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"] {
        let texts = by_month.get(month).cloned().unwrap_or_default();
        for skill in skills {
            let k = texts.iter().filter(|t| mentions(t, skill)).count();
            let n = texts.len();
            let share = if n == 0 { String::new() } else { format!("{:.6}", k as f64 / n as f64) };
            expected.push(format!("{month},{skill},{k},{n},{share}"));
        }
    }
    let got: Vec<String> = lines.clone().map(|l| l.split(',').take(5).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(got, expected);
    // Intervals surround the share; a gap has none.
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        if f[4].is_empty() {
            assert_eq!((f[5], f[6]), ("", ""), "{l}");
        } else {
            let (s, lo, hi): (f64, f64, f64) = (f[4].parse().unwrap(), f[5].parse().unwrap(), f[6].parse().unwrap());
            assert!(lo <= s && s <= hi && lo >= 0.0 && hi <= 1.0, "{l}");
        }
    }
}

/// Whether a text names a skill or one that implies it (the roll-ups of
/// these texts: MySQL and T-SQL are SQL, Spring Boot is Java).
fn mentions_rolled_up(text: &str, skill: &str) -> bool {
    match skill {
        "sql" => text.contains("SQL"),
        "java" => mentions(text, "java") || text.contains("Spring Boot"),
        _ => mentions(text, skill),
    }
}

#[test]
fn rollup_counts_each_posting_once_per_period_and_day_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    // By month and by quarter, over day bounds that cut January and April.
    for (by, since, until) in [("month", "2024-01-01", "2024-05-31"), ("quarter", "2024-01-10", "2024-04-09")] {
        let args = ["--db", db.to_str().unwrap(), "report", "--format", "csv", "--rollup", "--skills", "sql,java"];
        let out = skilltrend(dir.path())
            .args(args)
            .args(["--by", by, "--since", since, "--until", until])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let csv = String::from_utf8(out).unwrap();
        let mut by_period: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (day, text) in POSTINGS.iter().filter(|(d, _)| *d >= since && *d <= until) {
            let period = match by {
                "month" => day[..7].to_string(),
                _ => format!("{}-Q{}", &day[..4], day[5..7].parse::<u32>().unwrap().div_ceil(3)),
            };
            by_period.entry(period).or_default().push(text);
        }
        let got: Vec<String> = csv
            .lines()
            .skip(2)
            .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
            .filter(|l| !l.ends_with(",0"))
            .collect();
        let mut expected = Vec::new();
        for (period, texts) in &by_period {
            for skill in ["sql", "java"] {
                let k = texts.iter().filter(|t| mentions_rolled_up(t, skill)).count();
                expected.push(format!("{period},{skill},{k},{}", texts.len()));
            }
        }
        assert_eq!(got, expected, "--by {by} --since {since} --until {until}");
    }
}

#[test]
fn periods_ranges_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    let run = |args: &[&str]| -> String {
        let mut all = vec!["--db", db.to_str().unwrap(), "report", "--format", "csv", "--skills", "python"];
        all.extend_from_slice(args);
        String::from_utf8(skilltrend(dir.path()).args(&all).assert().success().get_output().stdout.clone()).unwrap()
    };
    let rows = |csv: &str| {
        data_lines(csv).into_iter().map(|l| l.split(',').take(4).collect::<Vec<_>>().join(",")).collect::<Vec<_>>()
    };
    assert_eq!(rows(&run(&["--by", "quarter"])), ["2024-Q1,python,3,6", "2024-Q2,python,1,4"]);
    assert_eq!(rows(&run(&["--by", "year"])), ["2024,python,4,10"]);
    // ISO weeks: 2024-01-03 is in week 1, 2024-01-29 in week 5.
    let weeks = rows(&run(&["--by", "week", "--until", "2024-01-31"]));
    assert_eq!(weeks.first().map(String::as_str), Some("2024-W01,python,1,1"));
    assert_eq!(weeks.last().map(String::as_str), Some("2024-W05,python,0,1"));
    assert_eq!(weeks.len(), 5);
    assert_eq!(rows(&run(&["--since", "2024-02", "--until", "2024-02-10"])), ["2024-02,python,1,1"]);
    assert_eq!(rows(&run(&["--source", "fixture", "--since", "2024-05"])), ["2024-05,python,0,1"]);
}

#[test]
fn chart_files_have_the_requested_size_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    let png = dir.path().join("trends.png");
    skilltrend(dir.path())
        .args([
            "--db",
            db.to_str().unwrap(),
            "report",
            "--out",
            png.to_str().unwrap(),
            "--width",
            "800",
            "--height",
            "500",
        ])
        .assert()
        .success();
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (800, 500));
    // Not blank: the chart draws in several colours.
    let rgb = img.to_rgb8();
    let colours: std::collections::HashSet<[u8; 3]> = rgb.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 20, "{} colours", colours.len());

    let svg = dir.path().join("trends.svg");
    skilltrend(dir.path())
        .args(["--db", db.to_str().unwrap(), "report", "--out", svg.to_str().unwrap()])
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(text.contains("Python") && text.contains("Share of postings"));
}

#[test]
fn bad_requests_get_clear_errors_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    let db = db.to_str().unwrap();
    let err = skilltrend(dir.path())
        .args(["--db", db, "report", "--skills", "pyton"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("unknown skill 'pyton'") && err.contains("python"), "{err}");

    let err = skilltrend(dir.path())
        .args(["--db", db, "report", "--since", "2030-01"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("no postings"));
    assert!(!dir.path().join("skilltrend-demo.png").exists());

    skilltrend(dir.path()).args(["--db", db, "report", "--since", "January"]).assert().code(2);
    skilltrend(dir.path()).args(["--db", db, "report", "--out", "chart.gif"]).assert().code(2);
    let missing = dir.path().join("missing.db");
    skilltrend(dir.path()).args(["--db", missing.to_str().unwrap(), "report"]).assert().code(2);
}

#[test]
fn a_skill_named_twice_is_one_series() {
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"));
    let csv = |skills: &str| {
        let out = skilltrend(dir.path())
            .args(["--db", "jobs.db", "report", "--skills", skills, "--format", "csv", "--until", "2024-05"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let once = csv("python,sql");
    assert_eq!(csv("python,Python, python ,sql,SQL"), once);
    assert_eq!(once.lines().filter(|l| l.starts_with("2024-01,python,")).count(), 1, "{once}");
    // The table and the chart index the same single series.
    let table = skilltrend(dir.path())
        .args(["--db", "jobs.db", "report", "--skills", "python,python", "--until", "2024-05"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    assert_eq!(table.lines().next().unwrap().matches("Python").count(), 1, "{table}");
}

#[test]
fn skills_are_named_by_name_alias_or_preset() {
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"));
    let series = |skills: &str| {
        let out = skilltrend(dir.path())
            .args(["--db", "jobs.db", "report", "--skills", skills, "--format", "csv", "--until", "2024-05"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let csv = String::from_utf8(out).unwrap();
        let mut ids: Vec<String> = data_lines(&csv).iter().map(|l| l.split(',').nth(1).unwrap().to_string()).collect();
        ids.dedup();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(series("c#,golang,Ruby on Rails,PostgreSQL,postgres"), ["csharp", "go", "postgresql", "rails"]);
    assert_eq!(
        series("@backend-core"),
        ["css", "html", "java", "javascript", "mysql", "php", "python", "rest", "security", "sql"]
    );
    let err = skilltrend(dir.path())
        .args(["--db", "jobs.db", "report", "--skills", "@backend"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("unknown preset '@backend'") && err.contains("@backend-core"), "{err}");
}

/// The CSV's data lines: without its `# ` settings line and its header.
fn data_lines(csv: &str) -> Vec<&str> {
    csv.lines().filter(|l| !l.starts_with('#')).skip(1).collect()
}

#[test]
fn the_monthly_view_has_every_month_with_postings_zeros_included() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    build_db(&db);
    let args = ["--db", db.to_str().unwrap(), "report", "--format", "csv", "--until", "2024-05"];
    let csv =
        String::from_utf8(skilltrend(dir.path()).args(args).assert().success().get_output().stdout.clone()).unwrap();
    // Every row of `report` for a month with postings is a row of the view
    // with the same counts (May's 0 of 1 for Python included); March, with
    // no postings, is in neither.
    let conn = crate::common::open_db(&db);
    let mut compared = 0;
    for line in data_lines(&csv) {
        let f: Vec<&str> = line.split(',').collect();
        let (month, skill, mentioning, total) = (f[0], f[1], f[2], f[3]);
        let view = crate::common::strings(
            &conn,
            &format!(
                "SELECT mentioning || '/' || total || '/' || share FROM monthly_skill_shares \
                 WHERE month = '{month}' AND skill_id = '{skill}'"
            ),
        );
        if total == "0" {
            assert!(view.is_empty(), "{line}: {view:?}");
            continue;
        }
        assert_eq!(view.len(), 1, "{line}: {view:?}");
        let parts: Vec<&str> = view[0].split('/').collect();
        assert_eq!((parts[0], parts[1]), (mentioning, total), "{line}");
        assert!((parts[2].parse::<f64>().unwrap() - f[4].parse::<f64>().unwrap()).abs() < 1e-6, "{line}");
        compared += 1;
    }
    assert_eq!(compared, 4 * 4, "four months with postings, four skills");
}
