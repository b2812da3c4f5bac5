//! Reports counted a span of days per core (`SKILLTREND_THREADS`) give the
//! same bytes as reports counted at once: every metric and period, with
//! and without a stretch of months that has no postings next to a cut.

use std::path::Path;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::{Posting, Workplace};
use skilltrend::store::Store;

const TEXTS: &[&str] = &[
    "Backend Engineer. Python, PostgreSQL and Kafka; visa sponsorship.",
    "Senior Backend Engineer: Java, Spring Boot, SQL. Remote.",
    "Full Stack Developer: PHP 8, MySQL, React.",
    "Data Engineer: Python, Airflow and T-SQL.",
    "Backend Engineer: Go, Rust and Kafka.",
    "Product Designer. Figma.",
    "Site Reliability Engineer: Kubernetes, Terraform, Python.",
];
const COMPANIES: &[&str] = &["Acme", "Globex", "Initech", "acme ", "Umbrella"];

/// Postings every few days from 2021-01 to 2023-12, leaving out the months
/// in `gap` (YYYY-MM, inclusive).
fn build_db(path: &Path, gap: Option<(&str, &str)>) {
    let extractor = Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    let mut day = chrono::NaiveDate::from_ymd_opt(2021, 1, 2).unwrap();
    let mut i = 0usize;
    while day.to_string().as_str() < "2024-01-01" {
        let month = &day.to_string()[..7];
        if !gap.is_some_and(|(from, to)| (from..=to).contains(&month)) {
            // Elixir only in 2021: cooccur elixir reads PostgreSQL's
            // postings of every span, most of them without Elixir.
            let text = match TEXTS[i % TEXTS.len()] {
                t if day.to_string().as_str() < "2022" && i.is_multiple_of(2) => format!("{t} Elixir."),
                t => t.to_string(),
            };
            let text = text.as_str();
            let posting = Posting {
                external_id: format!("p{i}"),
                title: text.split(['.', ':']).next().map(String::from),
                company: (i % 6 != 5).then(|| COMPANIES[i % COMPANIES.len()].to_string()),
                workplace: [Some(Workplace::Remote), Some(Workplace::Onsite), None][i % 3],
                posted_at: Some(format!("{day}T09:00:00Z")),
                description: text.to_string(),
                raw_format: "test",
                raw: text.to_string(),
                ..Posting::default()
            };
            let skills = extractor.posting_skills(posting.title.as_deref(), text);
            let source = if i.is_multiple_of(4) { "board" } else { "hn" };
            store.upsert_posting(source, &posting, &skills, "http://127.0.0.1/").unwrap();
        }
        i += 1;
        day += chrono::Duration::days(3 + (i % 4) as i64);
    }
}

/// The command's stdout and stderr (at -vv) with `threads` cores.
fn run(dir: &Path, threads: &str, args: &[&str]) -> (String, String) {
    let out = skilltrend(dir)
        .env("SKILLTREND_THREADS", threads)
        .args(["-vv", "--db", "jobs.db"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const COMMANDS: &[&[&str]] = &[
    &["report", "--format", "csv"],
    &["report", "--by", "quarter", "--format", "json"],
    &["report", "--by", "week", "--rollup", "--format", "csv"],
    &["report", "--by", "year", "--role", "backend,fullstack", "--format", "csv"],
    &["report", "--metric", "companies", "--format", "csv"],
    &["report", "--metric", "remote", "--format", "csv"],
    &["report", "--unique-jobs", "--by", "quarter", "--format", "csv"],
    &["report", "--match", "\"visa sponsorship\"", "--skills", "python", "--format", "csv"],
    &["report", "--since", "2021-05", "--until", "2023-02", "--source", "hn", "--format", "csv"],
    &["cooccur", "python", "--format", "csv"],
    &["cooccur", "kafka", "--sort", "lift", "--min-count", "1", "--format", "json"],
    &["cooccur", "python", "--since", "2022-03", "--remote", "yes", "--format", "csv"],
    &["cooccur", "elixir", "--min-count", "1", "--sort", "lift", "--format", "csv"],
];

#[test]
fn spans_counted_at_once_give_the_same_bytes_as_one_count() {
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"), None);
    for args in COMMANDS {
        let (alone, _) = run(dir.path(), "1", args);
        for threads in ["2", "3", "4"] {
            let (spans, log) = run(dir.path(), threads, args);
            assert_eq!(spans, alone, "{args:?} with {threads} threads");
            // Years are never cut: 2021-2023 makes at most three spans.
            let most = if args.contains(&"year") { "3" } else { threads };
            let counted = (2..=most.parse().unwrap()).any(|n| log.contains(&format!("counted in {n} spans")));
            assert!(counted, "{args:?} with {threads} threads: {log}");
        }
    }
}

#[test]
fn months_without_postings_at_a_cut_are_counted_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // 2021-01 to 2023-12 cut in two falls in mid-2022: no postings there.
    build_db(&dir.path().join("jobs.db"), Some(("2022-04", "2022-09")));
    for args in COMMANDS {
        let (alone, _) = run(dir.path(), "1", args);
        let (spans, log) = run(dir.path(), "2", args);
        assert_eq!(spans, alone, "{args:?}");
        if args == &COMMANDS[0] {
            assert!(alone.contains("2022-06,python,0,0,"), "the gap months are rows: {alone}");
            assert!(log.contains("counted again at once"), "{log}");
        }
    }
}
