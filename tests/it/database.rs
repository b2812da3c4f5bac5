//! The database as a product: `top`, the query library (on the bundled
//! SQLite and on the sqlite3 command-line tool), the read-only `query`,
//! full-text search kept in sync, views, `export`, and the incomplete
//! current period.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::{count, open_db, skilltrend, strings};
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (day, source, company, text) of each posting.
const POSTINGS: &[(&str, &str, &str, &str)] = &[
    ("2025-01-05", "a", "Acme", "Python and SQL, Kotlin"),
    ("2025-01-20", "a", "Acme", "Java and Spring Boot"),
    ("2025-02-11", "b", "Globex", "Python, Django, PostgreSQL"),
    ("2025-03-30", "b", "Initech", "Go and Python"),
    ("2025-04-02", "a", "Acme", "Python, Go, PostgreSQL"),
    ("2025-05-17", "a", "Globex", "Rust and Go"),
    ("2025-05-18", "b", "Initech", "Python and SQL"),
    ("2025-06-30", "b", "Acme", "PHP, MySQL"),
];

fn build(dir: &Path) -> PathBuf {
    let db = dir.join("jobs.db");
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(&db).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (day, source, company, text)) in POSTINGS.iter().enumerate() {
        let p = Posting {
            external_id: format!("p{i}"),
            company: Some(company.to_string()),
            title: Some("Backend Engineer".into()),
            workplace: Some(skilltrend::sources::Workplace::from_remote(i % 2 == 0)),
            posted_at: Some(format!("{day}T09:00:00Z")),
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        store
            .upsert_posting(source, &p, &extractor.posting_skills(p.title.as_deref(), text), "http://127.0.0.1/")
            .unwrap();
    }
    // One recorded crawl run, for the run queries.
    let run = store.begin_run(&["a".into(), "b".into()]).unwrap();
    let counts = skilltrend::store::runs::RunCounts { pages_fetched: 4, postings_new: 4, ..Default::default() };
    let per_source: Vec<skilltrend::store::runs::SourceRun> = ["a", "b"]
        .iter()
        .map(|s| skilltrend::store::runs::SourceRun {
            source: s.to_string(),
            status: skilltrend::store::runs::RunStatus::Ok,
            counts,
            error: None,
        })
        .collect();
    store.finish_run(run, skilltrend::store::runs::RunStatus::Ok, &per_source, None).unwrap();
    db
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", "jobs.db"];
    all.extend_from_slice(args);
    String::from_utf8(skilltrend(dir).args(&all).assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn top_counts_and_changes_match_a_count_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let csv = run(dir.path(), &["top", "--since", "2025-04", "--until", "2025-06", "--format", "csv", "-n", "50"]);
    let rows: BTreeMap<String, Vec<String>> = csv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| (l.split(',').next().unwrap().to_string(), l.split(',').map(String::from).collect()))
        .collect();
    // Q2 (Apr–Jun) against the three whole months before (Jan–Mar).
    let (cur, prev): (Vec<_>, Vec<_>) = POSTINGS.iter().partition(|p| p.0 >= "2025-04-01");
    let share = |set: &[&(&str, &str, &str, &str)], word: &str| set.iter().filter(|p| p.3.contains(word)).count();
    for (skill, word) in [("python", "Python"), ("go", "Go"), ("postgresql", "PostgreSQL"), ("php", "PHP")] {
        let r = &rows[skill];
        let (k, n) = (share(&cur, word), cur.len());
        let (pk, pn) = (share(&prev, word), prev.len());
        assert_eq!(r[3], k.to_string(), "{skill} mentioning");
        assert_eq!(r[4], n.to_string());
        assert_eq!(r[5], format!("{:.6}", k as f64 / n as f64));
        assert_eq!(r[6], pk.to_string(), "{skill} previous");
        assert_eq!(r[8], format!("{:.6}", pk as f64 / pn as f64));
        assert_eq!(r[9], format!("{:.6}", k as f64 / n as f64 - pk as f64 / pn as f64));
    }
    // Ordered by postings, most first; --category filters.
    let counts: Vec<u64> = csv.lines().skip(2).map(|l| l.split(',').nth(3).unwrap().parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let langs = run(
        dir.path(),
        &["top", "--since", "2025-01", "--until", "2025-06", "--category", "database", "--format", "csv"],
    );
    assert!(langs.lines().skip(2).all(|l| l.contains(",database,")), "{langs}");
    // The default period is the last complete quarter of the data (Q2 2025).
    let default = run(dir.path(), &["top", "--format", "csv"]);
    assert!(default.lines().nth(2).unwrap().contains(",2025-04-01,2025-06-30,2025-01-01,2025-03-31"), "{default}");
    // A period with no postings fails.
    skilltrend(dir.path()).args(["--db", "jobs.db", "top", "--since", "2030-01"]).assert().code(1);
    // A chart too.
    let png = dir.path().join("top.png");
    run(
        dir.path(),
        &["top", "--since", "2025-01", "--out", png.to_str().unwrap(), "--width", "900", "--height", "600"],
    );
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (900, 600));
}

fn query_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The demo's database: enough postings and runs for every query.
fn demo_db(dir: &Path) -> PathBuf {
    skilltrend(dir).arg("demo").assert().success();
    std::fs::rename(dir.join("skilltrend-demo.db"), dir.join("jobs.db")).unwrap();
    dir.join("jobs.db")
}

#[test]
fn every_query_file_runs_and_says_what_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let files = query_files();
    assert!(files.len() >= 7);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.starts_with("-- ") && text.contains("Parameters"), "{} lacks its header comment", f.display());
        let out = run(dir.path(), &["query", f.to_str().unwrap(), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{}: {e}: {out}", f.display()));
        assert!(!v.as_array().unwrap().is_empty(), "{} returned nothing", f.display());
    }
}

/// The sqlite3 command-line tool (Debian's and Python's are 3.40): every
/// query runs with it as it is. CI installs it and sets
/// SKILLTREND_REQUIRE_SQLITE3=1; elsewhere the test is skipped without it.
#[test]
fn every_query_file_runs_on_the_sqlite3_cli() {
    let version = std::process::Command::new("sqlite3").arg("--version").output();
    let Ok(version) = version else {
        assert!(std::env::var_os("SKILLTREND_REQUIRE_SQLITE3").is_none(), "sqlite3 is required but missing");
        eprintln!("sqlite3 not found: skipped");
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout).to_string();
    eprintln!("sqlite3 {version}");
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for f in query_files() {
        let out = std::process::Command::new("sqlite3")
            .arg("-bail")
            .arg("-header")
            .arg("-csv")
            .arg(&db)
            .stdin(std::fs::File::open(&f).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "{} on sqlite3 {version}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.len() > 20, "{} returned nothing", f.display());
    }
    // The views too.
    for view in ["postings_periods", "posting_skill_names", "monthly_totals", "monthly_skill_shares"] {
        let out = std::process::Command::new("sqlite3")
            .arg(&db)
            .arg(format!("SELECT count(*) FROM {view}"))
            .output()
            .unwrap();
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).trim() != "0", "{view}");
    }
}

#[test]
fn query_is_read_only_and_takes_parameters() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    for sql in [
        "DELETE FROM postings",
        "UPDATE postings SET title = 'x'",
        "DROP TABLE skills",
        "CREATE TABLE t (x)",
        "PRAGMA user_version = 99",
    ] {
        skilltrend(dir.path()).args(["--db", "jobs.db", "query", sql]).assert().code(2);
    }
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(count(&conn, "SELECT count(*) FROM postings") as usize, POSTINGS.len());
    let out = run(
        dir.path(),
        &[
            "query",
            "SELECT count(*) AS n FROM postings WHERE source = :s AND dated >= :d",
            "-p",
            "s=a",
            "-p",
            "d=2025-02-01",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out, "n\n2\n");
}

#[test]
fn search_finds_postings_and_stays_in_sync() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path());
    let out = run(dir.path(), &["search", "kotlin OR rust", "--format", "csv"]);
    let companies: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').nth(3).unwrap()).collect();
    assert_eq!(companies.len(), 2);
    assert!(companies.contains(&"Acme") && companies.contains(&"Globex"));
    // An updated posting is found by its new text only.
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(&db).unwrap();
    let p = Posting {
        external_id: "p0".into(),
        company: Some("Acme".into()),
        title: Some("Backend Engineer".into()),
        workplace: Some(skilltrend::sources::Workplace::Remote),
        posted_at: Some("2025-01-05T09:00:00Z".into()),
        description: "Elixir and Phoenix now".into(),
        raw_format: "test",
        raw: String::new(),
        ..Posting::default()
    };
    store.upsert_posting("a", &p, &extractor.posting_skills(None, &p.description), "http://127.0.0.1/").unwrap();
    drop(store);
    assert!(!run(dir.path(), &["search", "kotlin", "--format", "csv"]).contains("Acme"));
    assert!(run(dir.path(), &["search", "elixir", "--format", "csv"]).contains("Acme"));
    // Re-extraction does not disturb the index.
    run(dir.path(), &["reextract"]);
    assert!(run(dir.path(), &["search", "elixir", "--format", "csv"]).contains("Acme"));
    let conn = open_db(&db);
    let integrity = strings(&conn, "INSERT INTO postings_fts (postings_fts) VALUES ('integrity-check') RETURNING 'ok'");
    assert!(integrity.is_empty() || integrity == ["ok"]);
    // A bad query is an input error.
    skilltrend(dir.path()).args(["--db", "jobs.db", "search", "AND AND"]).assert().code(2);
}

#[test]
fn views_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path());
    let conn = open_db(&db);
    assert_eq!(
        strings(&conn, "SELECT month FROM monthly_totals WHERE source = 'b' ORDER BY month"),
        ["2025-02", "2025-03", "2025-05", "2025-06"]
    );
    assert_eq!(
        strings(
            &conn,
            "SELECT printf('%s %d/%d', month, mentioning, total) FROM monthly_skill_shares WHERE skill_id = 'python' ORDER BY month"
        ),
        ["2025-01 1/2", "2025-02 1/1", "2025-03 1/1", "2025-04 1/1", "2025-05 1/2", "2025-06 0/1"]
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_skill_names WHERE skill = 'Go'"), 3);
    assert_eq!(strings(&conn, "SELECT quarter FROM postings_periods WHERE external_id = 'p4'"), ["2025-Q2"]);

    let csv = run(dir.path(), &["export", "--source", "b", "--since", "2025-05"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,source,external_id,url,title,company,location,remote,workplace,posted_at,first_seen_at,last_seen_at,day,skills,roles,seniority,pay_min,pay_max,pay_currency,pay_period,pay_annual_min,pay_annual_max,description"
    );
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].contains(",Initech,") && lines[1].contains(",python sql,") && lines[1].ends_with(",Python and SQL"),
        "{}",
        lines[1]
    );
    let jsonl = run(dir.path(), &["export", "--format", "jsonl", "--no-description"]);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["skills"], serde_json::json!(["kotlin", "python", "sql"]));
    assert!(first.get("description").is_none());
    assert_eq!(jsonl.lines().count(), POSTINGS.len());
}

#[test]
fn the_current_period_is_left_out_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path());
    // A posting dated today (the current, incomplete month).
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(&db).unwrap();
    let today = chrono::Utc::now().date_naive();
    let p = Posting {
        external_id: "today".into(),
        posted_at: Some(format!("{today}T08:00:00Z")),
        description: "Python".into(),
        raw_format: "test",
        raw: String::new(),
        ..Posting::default()
    };
    store.upsert_posting("a", &p, &extractor.posting_skills(None, "Python"), "http://127.0.0.1/").unwrap();
    drop(store);
    let this_month = today.format("%Y-%m").to_string();
    let default = run(dir.path(), &["report", "--skills", "python", "--format", "csv"]);
    assert!(!default.contains(&this_month), "{default}");
    let partial = run(dir.path(), &["report", "--skills", "python", "--format", "csv", "--include-partial"]);
    assert!(partial.lines().last().unwrap().starts_with(&this_month), "{partial}");
    // Months with no postings in between are gaps: total 0, empty share.
    assert!(partial.contains("2025-07,python,0,0,,,"), "{partial}");
    let png = dir.path().join("p.png");
    run(dir.path(), &["report", "--include-partial", "--smooth", "3", "--out", png.to_str().unwrap()]);
    assert!(image::open(&png).is_ok());
}

/// `queries/remote_share.sql` over what real sources store: a posting is
/// on-site only when its source says so (Lever's `on-site`); a location
/// that does not mention remote work (Greenhouse's "Berlin, Germany") is
/// unknown, and left out of the share.
#[test]
fn remote_share_counts_on_site_only_when_a_source_says_so() {
    let mut site = skilltrend::demo::server::StaticSite::default();
    let read = |rel: &str| std::fs::read(crate::common::fixture(rel)).unwrap();
    site.insert("/boards/acme/jobs?content=true&pay_transparency=true", read("greenhouse/acme-jobs.json"));
    site.insert("/postings/acme?mode=json&skip=0&limit=100", read("lever/acme.json"));
    let server = crate::common::serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nbase_url = \"{0}\"\nboards = [\"acme\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"lever\"\nkind = \"lever\"\nbase_url = \"{0}\"\nsites = [\"acme\"]\ndelay_ms = 0\n",
        server.url("")
    );
    std::fs::write(dir.path().join("sources.toml"), config).unwrap();
    skilltrend(dir.path()).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).assert().success();
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/remote_share.sql");
    let out = run(dir.path(), &["query", sql.to_str().unwrap(), "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let want = serde_json::json!([
        {"month": "2025-10", "postings": 2, "remote": 1, "onsite": 1, "unknown": 0, "remote_share": 0.5},
        {"month": "2026-09", "postings": 1, "remote": 0, "onsite": 0, "unknown": 1, "remote_share": null},
        {"month": "2026-10", "postings": 1, "remote": 1, "onsite": 0, "unknown": 0, "remote_share": 1.0},
    ]);
    assert_eq!(rows, want);
}

/// The query library is compiled in: `query NAME` runs from a directory
/// without `queries/` and gives what the file gives; `--list` names every
/// file with its purpose and parameters; `--show` prints the file as it is.
#[test]
fn the_query_library_is_built_in() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let by_file = run(
        dir.path(),
        &[
            "query",
            query_files()[0].parent().unwrap().join("top_companies.sql").to_str().unwrap(),
            "-p",
            "skill=python",
            "--format",
            "csv",
        ],
    );
    let by_name = run(dir.path(), &["query", "top_companies", "-p", "skill=python", "--format", "csv"]);
    assert_eq!(by_name, by_file);
    assert!(by_name.lines().count() > 1, "{by_name}");
    // A path that is not here runs the built-in query of its name, and says so.
    let out = skilltrend(dir.path())
        .args(["--db", "jobs.db", "query", "queries/top_companies.sql", "-p", "skill=python", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), by_file);
    assert!(String::from_utf8_lossy(&out.stderr).contains("running the built-in query top_companies"));
    let list = run(dir.path(), &["query", "--list"]);
    for f in query_files() {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        assert!(list.lines().any(|l| l == name), "{name} is not listed:\n{list}");
        let shown = run(dir.path(), &["query", "--show", &name]);
        assert_eq!(shown, std::fs::read_to_string(&f).unwrap(), "{name}");
    }
    assert!(list.contains("which companies post most for a skill?") && list.contains(":skill"), "{list}");
    assert!(list.lines().all(|l| l.chars().count() <= 80), "{list}");
    let err = skilltrend(dir.path()).args(["--db", "jobs.db", "query", "top_compnies"]).output().unwrap();
    assert_eq!(err.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&err.stderr).contains("known: ")
            && String::from_utf8_lossy(&err.stderr).contains("top_companies"),
        "{err:?}"
    );
}

/// `search` says how many postings match, marks the match in a snippet,
/// lists each hit's skills, and takes the period, source and
/// one-per-company filters (counted by hand from POSTINGS: Python is in
/// postings 1, 3, 4, 5 and 7, of Acme, Globex, Initech, Acme, Initech).
#[test]
fn search_counts_marks_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let search = |args: &[&str]| {
        let mut all = vec!["--db", "jobs.db", "search", "python", "--format", "json"];
        all.extend_from_slice(args);
        let out = skilltrend(dir.path()).args(&all).assert().success().get_output().clone();
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (rows.as_array().unwrap().clone(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (rows, err) = search(&[]);
    assert_eq!(rows.len(), 5);
    assert!(err.contains("5 postings match \"python\""), "{err}");
    let first = &rows[0];
    assert!(first["snippet"].as_str().unwrap().contains("[Python]"), "{first}");
    assert!(first["skills"].as_str().unwrap().split(", ").any(|s| s == "python"), "{first}");
    let companies = |rows: &[serde_json::Value]| {
        let mut c: Vec<String> = rows.iter().map(|r| r["company"].as_str().unwrap().to_string()).collect();
        c.sort();
        c
    };
    let (rows, err) = search(&["--one-per-company"]);
    assert_eq!(companies(&rows), ["Acme", "Globex", "Initech"]);
    assert!(err.contains("3 companies"), "{err}");
    let (rows, _) = search(&["--since", "2025-04"]);
    assert_eq!(companies(&rows), ["Acme", "Initech"]);
    let (rows, _) = search(&["--source", "b", "--until", "2025-03"]);
    assert_eq!(companies(&rows), ["Globex", "Initech"]);
    let (rows, err) = search(&["--limit", "2"]);
    assert_eq!(rows.len(), 2);
    assert!(err.contains("5 postings match") && err.contains("showing 2"), "{err}");
}
