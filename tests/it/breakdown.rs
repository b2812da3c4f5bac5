//! `report --by-source` (one line per source, each over its own postings),
//! `report --metric companies` (distinct companies) and `report --match`
//! (FTS5 expressions) and `report --metric remote`, with numbers worked
//! by hand.

use std::path::Path;
use std::sync::Arc;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::report::series::wilson;
use skilltrend::sources::{Posting, Workplace};
use skilltrend::store::Store;

/// (source, day, company, text).
const POSTINGS: &[(&str, &str, Option<&str>, &str)] = &[
    ("hn", "2024-01-02", Some("Acme"), "Python and SQL"),
    ("hn", "2024-01-03", Some(" acme "), "Python"),
    ("hn", "2024-01-04", Some("Beta"), "Java"),
    ("hn", "2024-01-05", None, "Go, visa sponsorship available"),
    ("hn", "2024-02-01", Some("ACME"), "Python"),
    ("hn", "2024-02-02", Some("Gamma"), "PHP, no visa sponsorship"),
    ("board", "2024-01-10", Some("Delta"), "Python"),
    ("board", "2024-01-11", Some("Delta"), "Java"),
    ("board", "2024-02-10", Some("Eps"), "Go"),
    ("board", "2024-02-11", Some("Eps"), "Go"),
    ("board", "2024-02-12", Some("Zeta"), "Python with visa sponsorship"),
    ("board", "2024-02-13", Some("Zeta"), "Rust; sponsorship of a visa"),
];

/// Each posting's workplace, in the order of [`POSTINGS`].
const WORKPLACE: [Option<Workplace>; 12] = {
    use Workplace::{Hybrid, Onsite, Remote};
    [
        Some(Remote),
        Some(Remote),
        Some(Hybrid),
        None,
        Some(Remote),
        None,
        Some(Onsite),
        None,
        Some(Remote),
        Some(Remote),
        None,
        Some(Onsite),
    ]
};

fn db() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(&dir.path().join("jobs.db")).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (source, day, company, text)) in POSTINGS.iter().enumerate() {
        let p = Posting {
            external_id: format!("p{i}"),
            posted_at: Some(format!("{day}T09:00:00Z")),
            company: company.map(String::from),
            workplace: WORKPLACE[i],
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        store.upsert_posting(source, &p, &extractor.posting_skills(None, text), "http://127.0.0.1/").unwrap();
    }
    dir
}

fn report(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", "jobs.db", "report", "--until", "2024-02"];
    all.extend_from_slice(args);
    if !args.contains(&"--format") {
        all.extend(["--format", "csv"]);
    }
    String::from_utf8(skilltrend(dir).args(&all).assert().success().get_output().stdout.clone()).unwrap()
}

/// The data rows as maps from column name to cell.
fn rows(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header = fields(lines.next().unwrap());
    lines.map(|l| header.iter().cloned().zip(fields(l)).collect()).collect()
}

/// One CSV line's fields (quoted fields with doubled quotes).
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn cells(row: &std::collections::HashMap<String, String>, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| row[*n].clone()).collect()
}

#[test]
fn by_source_gives_each_source_its_own_share_and_interval() {
    let dir = db();
    let out = report(dir.path(), &["--skills", "python", "--by-source"]);
    assert!(out.lines().next().unwrap().contains("series=one skill per source"), "{out}");
    let rows = rows(&out);
    let got: Vec<Vec<String>> =
        rows.iter().map(|r| cells(r, &["period", "skill", "source", "mentioning", "total"])).collect();
    let want = [
        ["2024-01", "python", "board", "1", "2"],
        ["2024-01", "python", "hn", "2", "4"],
        ["2024-02", "python", "board", "1", "4"],
        ["2024-02", "python", "hn", "1", "2"],
    ];
    assert_eq!(got, want.map(|r| r.map(String::from).to_vec()).to_vec());
    // board 2024-02: 1 of 4, with its own Wilson interval.
    let (lo, hi) = wilson(1, 4).unwrap();
    let r = &rows[2];
    assert_eq!(r["share"], "0.250000");
    assert_eq!((r["low"].clone(), r["high"].clone()), (format!("{lo:.6}"), format!("{hi:.6}")));
    // JSON points carry the source too.
    let json = report(dir.path(), &["--skills", "python", "--by-source", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["points"][1]["source"], "hn");
    assert!(v["settings"]["series"].as_str().unwrap().contains("per source"));
}

#[test]
fn by_source_refuses_more_than_one_skill() {
    let dir = db();
    let out = skilltrend(dir.path())
        .args(["--db", "jobs.db", "report", "--by-source", "--skills", "python,go"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("one line per source for one skill") && err.contains("python,go"), "{err}");
}

#[test]
fn companies_counts_distinct_trimmed_case_folded_names() {
    let dir = db();
    let out = report(dir.path(), &["--skills", "python,java", "--metric", "companies"]);
    let settings = out.lines().next().unwrap();
    assert!(
        settings.contains("count=distinct companies") && settings.contains("1 postings without a company"),
        "{settings}"
    );
    let got: Vec<Vec<String>> =
        rows(&out).iter().map(|r| cells(r, &["period", "skill", "mentioning", "total"])).collect();
    // January: acme (twice, as "Acme" and " acme "), beta, delta; the
    // posting without a company is left out. February: acme, gamma, eps, zeta.
    let want = [
        ["2024-01", "python", "2", "3"],
        ["2024-01", "java", "2", "3"],
        ["2024-02", "python", "2", "4"],
        ["2024-02", "java", "0", "4"],
    ];
    assert_eq!(got, want.map(|r| r.map(String::from).to_vec()).to_vec());
}

#[test]
fn companies_follow_a_company_edited_by_hand() {
    let dir = db();
    let conn = crate::common::open_db(&dir.path().join("jobs.db"));
    // Delta's January Python posting becomes Acme's: Python's January
    // companies are Acme alone; Java's still Beta and Delta.
    conn.execute("UPDATE postings SET company = 'ACME ' WHERE external_id = 'p6'", []).unwrap();
    let copies_differ = "SELECT count(*) FROM posting_skills AS s JOIN postings AS p ON p.id = s.posting_id
                         WHERE s.company IS NOT nullif(lower(trim(p.company)), '')";
    assert_eq!(crate::common::count(&conn, copies_differ), 0);
    let out = report(dir.path(), &["--skills", "python,java", "--metric", "companies"]);
    let got: Vec<Vec<String>> =
        rows(&out).iter().map(|r| cells(r, &["period", "skill", "mentioning", "total"])).collect();
    let want = [
        ["2024-01", "python", "1", "3"],
        ["2024-01", "java", "2", "3"],
        ["2024-02", "python", "2", "4"],
        ["2024-02", "java", "0", "4"],
    ];
    assert_eq!(got, want.map(|r| r.map(String::from).to_vec()).to_vec());
    // A company emptied by hand is no company.
    conn.execute("UPDATE postings SET company = '  ' WHERE external_id = 'p6'", []).unwrap();
    assert_eq!(crate::common::count(&conn, copies_differ), 0);
}

#[test]
fn migration_13_copies_each_postings_company_onto_its_skills() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    let conn = crate::common::database_at_schema(&db, 12);
    conn.execute_batch(
        "INSERT INTO skills (id, name, category) VALUES ('python', 'Python', 'language');
         INSERT INTO postings (id, source, external_id, company, posted_at, first_seen_at, last_seen_at,
                               description, content_hash, role_mask, job_id)
         VALUES (1, 'x', '1', ' Acme Inc ', '2024-03-05T10:00:00Z', '2024-03-05T10:00:00Z',
                 '2024-03-05T10:00:00Z', 'Python.', 'h1', 0, 1),
                (2, 'x', '2', '', '2024-03-06T10:00:00Z', '2024-03-06T10:00:00Z',
                 '2024-03-06T10:00:00Z', 'Python.', 'h2', 0, 2);
         INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset, dated, source)
         SELECT id, 'python', 1, 0, dated, source FROM postings;",
    )
    .unwrap();
    drop(conn);
    drop(Store::open(&db).unwrap());
    let conn = crate::common::open_db(&db);
    let got: Vec<Option<String>> = conn
        .prepare("SELECT company FROM posting_skills ORDER BY posting_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(got, [Some("acme inc".to_string()), None]);
}

#[test]
fn match_draws_each_expression_beside_the_skills() {
    let dir = db();
    let out = report(
        dir.path(),
        &["--skills", "python", "--match", "\"visa sponsorship\"", "--match", "visa AND sponsorship"],
    );
    let got: Vec<Vec<String>> =
        rows(&out).iter().map(|r| cells(r, &["period", "skill", "mentioning", "total"])).collect();
    let want = [
        ["2024-01", "python", "3", "6"],
        ["2024-01", "\"visa sponsorship\"", "1", "6"],
        ["2024-01", "visa AND sponsorship", "1", "6"],
        ["2024-02", "python", "2", "6"],
        ["2024-02", "\"visa sponsorship\"", "2", "6"],
        ["2024-02", "visa AND sponsorship", "3", "6"],
    ];
    assert_eq!(got, want.map(|r| r.map(String::from).to_vec()).to_vec());
    // Without --skills, the expressions alone.
    let alone = rows(&report(dir.path(), &["--match", "rust"]));
    assert_eq!(alone.iter().map(|r| r["skill"].as_str()).collect::<Vec<_>>(), ["rust", "rust"]);
    assert_eq!(alone[1]["mentioning"], "1");
}

#[test]
fn an_invalid_match_expression_is_an_input_error_with_sqlites_message() {
    let dir = db();
    for (expr, message) in [("\"unterminated", "unterminated string"), ("rust AND", "fts5: syntax error")] {
        let out = skilltrend(dir.path())
            .args(["--db", "jobs.db", "report", "--match", expr])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(&format!("--match {expr}: ")) && err.contains(message), "{err}");
    }
}

#[test]
fn remote_charts_remote_hybrid_onsite_and_unstated_shares() {
    let dir = db();
    let out = report(dir.path(), &["--metric", "remote"]);
    assert!(out.lines().next().unwrap().contains("series=remote, hybrid, onsite and unstated"), "{out}");
    let got: Vec<Vec<String>> =
        rows(&out).iter().map(|r| cells(r, &["period", "skill", "mentioning", "total"])).collect();
    let want = [
        ["2024-01", "remote", "2", "6"],
        ["2024-01", "hybrid", "1", "6"],
        ["2024-01", "onsite", "1", "6"],
        ["2024-01", "unstated", "2", "6"],
        ["2024-02", "remote", "3", "6"],
        ["2024-02", "hybrid", "0", "6"],
        ["2024-02", "onsite", "1", "6"],
        ["2024-02", "unstated", "2", "6"],
    ];
    assert_eq!(got, want.map(|r| r.map(String::from).to_vec()).to_vec());
    skilltrend(dir.path()).args(["--db", "jobs.db", "report", "--metric", "remote", "--skills", "go"]).assert().code(2);
    let png = dir.path().join("remote.png");
    report(dir.path(), &["--metric", "remote", "--format", "png", "--out", png.to_str().unwrap()]);
    assert!(image::open(&png).unwrap().width() > 0);
}
