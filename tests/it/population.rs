//! Reports over a population (roles, seniority, remote) and what postings
//! pay, on a small database whose numbers are worked out by hand here:
//! `report --role`, `top --role`, `roles`, `pay`, and the migration that
//! classifies an older database's postings.

use std::path::Path;

use crate::common::{count, open_db, skilltrend};
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (day, title, text, remote) of each posting. Back-end postings (roles
/// backend or fullstack): the Backend and Full-Stack titles.
const POSTINGS: &[(&str, &str, &str, Option<bool>)] = &[
    ("2024-01-03", "Backend Engineer", "Python and SQL. Salary: $100,000 - $120,000 per year.", Some(true)),
    ("2024-01-10", "Senior Backend Engineer", "Java and SQL services.", Some(false)),
    ("2024-01-20", "Account Executive", "Sell our SQL analytics product. OTE $150,000.", None),
    ("2024-01-29", "Frontend Engineer", "TypeScript and React; some Python.", Some(true)),
    ("2024-02-02", "Full-Stack Engineer", "Python and React.", Some(true)),
    ("2024-02-14", "Product Designer", "Figma.", None),
    ("2024-02-20", "Backend Engineer", "Go and Python.", Some(false)),
];

fn store_postings(path: &Path, postings: &[(&str, &str, &str, Option<bool>)]) {
    let extractor = Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (day, title, text, remote)) in postings.iter().enumerate() {
        let posting = Posting {
            external_id: format!("p{i}"),
            title: Some(title.to_string()),
            posted_at: Some(format!("{day}T12:00:00Z")),
            workplace: remote.map(skilltrend::sources::Workplace::from_remote),
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        let skills = extractor.posting_skills(Some(title), text);
        store.upsert_posting("fixture", &posting, &skills, "http://127.0.0.1/").unwrap();
    }
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = skilltrend(dir).arg("--db").arg("jobs.db").args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn report_over_back_end_postings_counts_only_them_and_agrees_with_the_sql() {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"), POSTINGS);
    let args =
        ["report", "--skills", "python,sql", "--role", "backend,fullstack", "--until", "2024-02", "--format", "csv"];
    let csv = stdout(dir.path(), &args);
    let rows: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    // January: 2 back-end postings (one with Python, both with SQL);
    // February: 2 (both with Python, none with SQL).
    assert!(
        rows.contains(&"2024-01,python,1,2,0.500000") || rows.iter().any(|r| r.starts_with("2024-01,python,1,2,0.5")),
        "{csv}"
    );
    assert!(rows.iter().any(|r| r.starts_with("2024-01,sql,2,2,1.0")), "{csv}");
    assert!(rows.iter().any(|r| r.starts_with("2024-02,python,2,2,1.0")), "{csv}");
    assert!(rows.iter().any(|r| r.starts_with("2024-02,sql,0,2,0.0")), "{csv}");
    // The same numbers from the query file as a user runs it.
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/skill_share.sql");
    let out = stdout(
        dir.path(),
        &[
            "query",
            sql.to_str().unwrap(),
            "-p",
            r#"skills=["python","sql"]"#,
            "-p",
            r#"roles=["backend","fullstack"]"#,
            "-p",
            "until=2024-02-29",
            "--format",
            "csv",
        ],
    );
    let from_sql: Vec<String> =
        out.lines().skip(1).map(|l| l.split(',').take(4).collect::<Vec<_>>().join(",")).collect();
    let from_report: Vec<String> =
        rows.iter().skip(1).map(|l| l.split(',').take(4).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(from_sql, from_report);
    // All postings, as before: 4 in January, 3 in February.
    let all = stdout(dir.path(), &["report", "--skills", "python", "--until", "2024-02", "--format", "csv"]);
    assert!(all.lines().any(|l| l.starts_with("2024-01,python,2,4,")), "{all}");
    // The chart names its population and its size.
    let svg = stdout(dir.path(), &["report", "--role", "backend,fullstack", "--until", "2024-02", "--format", "svg"]);
    assert!(svg.contains("back-end postings (roles backend, fullstack)"), "the chart does not name its population");
    assert!(svg.contains("4 back-end postings"), "the chart does not give the population's size");
    let svg = stdout(dir.path(), &["report", "--until", "2024-02", "--format", "svg"]);
    assert!(svg.contains("Share of all postings"), "without --role the chart says all postings");
}

#[test]
fn seniority_and_remote_narrow_the_population() {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"), POSTINGS);
    let csv = stdout(
        dir.path(),
        &["report", "--skills", "java", "--seniority", "senior", "--until", "2024-02", "--format", "csv"],
    );
    assert!(csv.lines().any(|l| l.starts_with("2024-01,java,1,1,1.0")), "{csv}");
    let csv = stdout(
        dir.path(),
        &["report", "--skills", "python", "--remote", "yes", "--until", "2024-02", "--format", "csv"],
    );
    // Remote: p0 (Python), p3 (Python) in January; p4 (Python) in February.
    assert!(csv.lines().any(|l| l.starts_with("2024-01,python,2,2,1.0")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("2024-02,python,1,1,1.0")), "{csv}");
    let top =
        stdout(dir.path(), &["top", "--since", "2024-01", "--until", "2024-02", "--role", "other", "--format", "csv"]);
    assert!(top.lines().any(|l| l.starts_with("sql,SQL,") && l.contains(",1,2,0.5")), "{top}");
}

#[test]
fn an_unknown_role_names_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"), POSTINGS);
    let roles =
        "backend, fullstack, frontend, mobile, data, ml, devops, security, embedded, qa, software, management, other";
    let levels = "intern, junior, mid, senior, staff, lead, manager";
    let cases: &[(&[&str], &str, &str)] = &[
        (&["report", "--role", "bakend"], "bakend", roles),
        (&["top", "--role", "backend,nope"], "nope", roles),
        (&["export", "--role", "dev"], "dev", roles),
        (&["search", "rust", "--role", "sre"], "sre", roles),
        (&["roles", "--role", "Backend,x"], "x", roles),
        (&["pay", "--role", "web"], "web", roles),
        (&["pay", "--seniority", "guru"], "guru", levels),
        (&["report", "--seniority", "senior,principal"], "principal", levels),
        (&["top", "--seniority", "jr"], "jr", levels),
    ];
    for (args, bad, ids) in cases {
        let out = skilltrend(dir.path()).arg("--db").arg("jobs.db").args(*args).assert().code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("'{bad}'")) && err.contains(ids), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn roles_shows_the_role_mix_per_period() {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"), POSTINGS);
    let csv = stdout(dir.path(), &["roles", "--until", "2024-02", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("period,role,postings,total,share"));
    for want in [
        "2024-01,backend,2,4,0.5",
        "2024-01,other,1,4,0.25",
        "2024-01,frontend,1,4,0.25",
        "2024-02,fullstack,1,3,0.333",
        "2024-02,other,1,3,0.333",
    ] {
        assert!(csv.lines().any(|l| l.starts_with(want)), "{want} missing:\n{csv}");
    }
    let table = stdout(dir.path(), &["roles", "--by", "year"]);
    assert!(table.contains("Back-end") && table.contains("Not software"), "{table}");
    let png = dir.path().join("roles.png");
    skilltrend(dir.path()).args(["--db", "jobs.db", "roles", "--out"]).arg(&png).assert().success();
    assert!(image::open(&png).is_ok());
}

/// Twelve back-end postings asking for Python with yearly pay whose
/// midpoints are 100k, 110k, … 210k, and three with hourly pay.
fn paid_postings() -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = (0..12)
        .map(|i| {
            let lo = 95 + 10 * i;
            ("2024-03-05".to_string(), "Backend Engineer".to_string(), format!("Python. Pay: ${lo}k-${}k.", lo + 10))
        })
        .collect();
    out.extend(
        (0..3).map(|_| ("2024-03-06".to_string(), "Data Engineer".to_string(), "Python and SQL. $50/hr.".to_string())),
    );
    out
}

#[test]
fn pay_gives_medians_quartiles_and_an_interval_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let owned = paid_postings();
    let rows: Vec<(&str, &str, &str, Option<bool>)> =
        owned.iter().map(|(d, t, x)| (d.as_str(), t.as_str(), x.as_str(), None)).collect();
    store_postings(&dir.path().join("jobs.db"), &rows);
    let csv = stdout(dir.path(), &["pay", "--skills", "python,sql", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "period,skill,currency,postings,p25,median,p75,median_low,median_high");
    // Python: 15 postings; midpoints 100k..210k and three of 104,000
    // (50 × 2080). Sorted: 100, 104, 104, 104, 110, 120, 130, 140, … 210
    // (thousands). p25 = rank ceil(15/4) = 4 → 104,000; median = rank 8 →
    // 140,000; p75 = rank ceil(45/4) = 12 → 180,000; interval ranks
    // round(7.5 − 0.98·√15) = round(3.70) = 4 and round(8.5 + 3.80) = 12 →
    // 104,000 and 180,000.
    assert!(lines.contains(&"all,python,USD,15,104000,140000,180000,104000,180000"), "{csv}");
    // SQL: three postings, too few for figures.
    assert!(lines.contains(&"all,sql,USD,3,,,,,"), "{csv}");
    let table = stdout(dir.path(), &["pay", "--skills", "python,sql"]);
    assert!(table.contains("too few") && table.contains("140,000"), "{table}");
    // Back-end only: the twelve yearly ranges; median of 12 = mean of ranks 6 and 7.
    let csv = stdout(dir.path(), &["pay", "--skills", "python", "--role", "backend,fullstack", "--format", "csv"]);
    assert!(csv.lines().any(|l| l.starts_with("all,python,USD,12,") && l.contains(",155000,")), "{csv}");
    let png = dir.path().join("pay.png");
    skilltrend(dir.path())
        .args(["--db", "jobs.db", "pay", "--skills", "python,sql", "--out"])
        .arg(&png)
        .assert()
        .success();
    assert!(image::open(&png).is_ok());
}

#[test]
fn an_older_database_gets_roles_and_pay_from_what_it_stores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    // A database as schema 5 left it, with two postings.
    let conn = crate::common::database_at_schema(&db, 5);
    conn.execute_batch(
        "INSERT INTO skills (id, name, category) VALUES ('python', 'Python', 'language');
         INSERT INTO postings (id, source, external_id, title, posted_at, first_seen_at, last_seen_at, description, content_hash)
           VALUES (1, 'x', '1', 'Backend Engineer', '2024-03-05T10:00:00Z', '2024-03-05T11:00:00Z', '2024-03-05T11:00:00Z',
                   'Python services. $150k-$180k.', 'a'),
                  (2, 'x', '2', 'Recruiter', '2024-03-09T10:00:00Z', '2024-03-09T11:00:00Z', '2024-03-09T11:00:00Z',
                   'Hire Python engineers.', 'b');
         INSERT INTO posting_raw (posting_id, format, payload) VALUES (1, 'test', ''), (2, 'test', '');
         INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset, dated, source)
           VALUES (1, 'python', 1, 0, '2024-03-05', 'x'), (2, 'python', 1, 5, '2024-03-09', 'x');",
    )
    .unwrap();
    drop(conn);
    let out = skilltrend(dir.path())
        .args([
            "--db", "jobs.db", "report", "--skills", "python", "--role", "backend", "--until", "2024-03", "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("migrated from schema version 5") && err.contains("filled in for 2 stored postings"), "{err}");
    assert!(String::from_utf8(out.stdout).unwrap().lines().any(|l| l.starts_with("2024-03,python,1,1,")));
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_roles WHERE role = 'other'"), 1);
    assert_eq!(count(&conn, "SELECT cast(pay_annual_max AS INTEGER) FROM postings WHERE id = 1"), 180_000);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings WHERE role_mask IS NULL"), 0);
    // Its skills carry the pay `pay` reads (migration 0007).
    assert_eq!(count(&conn, "SELECT cast(pay_mid AS INTEGER) FROM posting_skills WHERE posting_id = 1"), 165_000);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_skills WHERE pay_mid IS NULL"), 1);
}

/// `pay --skills python` as CSV data lines.
fn python_pay(dir: &Path) -> Vec<String> {
    let csv = stdout(dir, &["pay", "--skills", "python", "--format", "csv"]);
    csv.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn a_schema_6_database_keeps_its_pay_figures_and_hand_edits_follow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobs.db");
    // Twelve classified back-end postings asking for Python, with yearly
    // midpoints 105k, 115k, … 215k, as schema 6 stored them.
    let conn = crate::common::database_at_schema(&db, 6);
    conn.execute_batch(
        "INSERT INTO skills (id, name, category) VALUES ('python', 'Python', 'language');
         WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
         INSERT INTO postings (id, source, external_id, title, posted_at, first_seen_at, last_seen_at, description,
                               content_hash, pay_min, pay_max, pay_currency, pay_period, pay_annual_min,
                               pay_annual_max, role_mask, level_mask)
         SELECT i, 'x', i, 'Backend Engineer', '2024-03-05T10:00:00Z', '2024-03-05T11:00:00Z',
                '2024-03-05T11:00:00Z', 'Python.', i, 90000 + 10000 * i, 100000 + 10000 * i, 'USD', 'year',
                90000 + 10000 * i, 100000 + 10000 * i, 1, 0
         FROM n;
         INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset, dated, source, role_mask)
         SELECT id, 'python', 1, 0, dated, source, 1 FROM postings;",
    )
    .unwrap();
    drop(conn);
    // p25 rank 3, median ranks 6 and 7, p75 rank 9; interval ranks
    // round(6 − 0.98·√12) = 3 and round(7 + 3.39) = 10.
    assert_eq!(python_pay(dir.path()), ["all,python,USD,12,125000,160000,185000,125000,195000"]);
    let conn = open_db(&db);
    assert_eq!(count(&conn, "PRAGMA user_version"), skilltrend::store::SCHEMA_VERSION as i64);
    // A posting's pay edited by hand moves its skills' copy: 105k becomes
    // 1M, so every rank shifts by one posting.
    conn.execute("UPDATE postings SET pay_annual_min = 1e6, pay_annual_max = 1e6 WHERE id = 1", []).unwrap();
    assert_eq!(python_pay(dir.path()), ["all,python,USD,12,135000,170000,195000,135000,205000"]);
    // And pay removed takes the posting out of the figures.
    conn.execute(
        "UPDATE postings SET pay_currency = NULL, pay_annual_min = NULL, pay_annual_max = NULL WHERE id = 1",
        [],
    )
    .unwrap();
    assert_eq!(python_pay(dir.path()).len(), 1);
    assert!(python_pay(dir.path())[0].starts_with("all,python,USD,11,"), "{:?}", python_pay(dir.path()));
}

#[test]
fn a_posting_with_no_title_and_no_text_is_stored_without_roles() {
    let dir = tempfile::tempdir().unwrap();
    store_postings(&dir.path().join("jobs.db"), &[("2024-01-03", "", "", None)]);
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(count(&conn, "SELECT count(*) FROM postings"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_roles"), 0);
    assert_eq!(count(&conn, "SELECT role_mask FROM postings"), 0);
    assert_eq!(count(&conn, "SELECT level_mask FROM postings"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_levels"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings WHERE pay_min IS NOT NULL OR pay_currency IS NOT NULL"), 0);
}
