//! One job, counted once: a Greenhouse board and an aggregator's feed
//! (fixtures/dedupe/) carry the same Lattice Finance job, the feed re-posts
//! a Quillmark job a month later, and the other postings are other jobs
//! (one on the same company template, one with the same title elsewhere).
//! `report`, `roles`, `pay` and `top` count 7 postings (4 in September, 3
//! in October) without `--unique-jobs` and 5 jobs (3 and 2) with it.

use std::path::Path;

use skilltrend::demo::server::StaticSite;

use crate::common::{Server, count, fixture, open_db, serve_site, skilltrend, strings};

fn server() -> Server {
    let read = |name: &str| std::fs::read(fixture(&format!("dedupe/{name}"))).unwrap();
    let mut site = StaticSite::default();
    site.insert("/boards/lattice/jobs?content=true&pay_transparency=true", read("greenhouse-lattice.json"));
    site.insert("/backend.rss", read("aggregator.rss"));
    serve_site(site)
}

/// Crawls both sources into `dir/jobs.db`.
fn crawl(dir: &Path, server: &Server) {
    crawl_sources(dir, server, &[]);
}

/// Crawls the named sources (all with none) into `dir/jobs.db`.
fn crawl_sources(dir: &Path, server: &Server, only: &[&str]) {
    let config = format!(
        "[[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nbase_url = \"{}\"\nboards = [\"lattice\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"agg\"\nkind = \"feed\"\nurls = [\"{}\"]\ndelay_ms = 0\n",
        server.url(""),
        server.url("/backend.rss")
    );
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let mut cmd = skilltrend(dir);
    cmd.args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]);
    for name in only {
        cmd.args(["--source", name]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The CSV rows (no `#` lines) of a read command, with and without the flag.
fn csv(dir: &Path, args: &[&str], unique: bool) -> Vec<String> {
    let mut cmd = skilltrend(dir);
    cmd.args(["--db", "jobs.db"]).args(args).args(["--format", "csv"]);
    if unique {
        cmd.arg("--unique-jobs");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.starts_with('#')).map(String::from).collect()
}

/// Postings as "source title → the title of its job's first posting".
fn links(db: &Path) -> Vec<String> {
    strings(
        &open_db(db),
        "SELECT p.source || ' ' || p.dated || ' ' || p.title || ' -> ' || f.source || ' ' || f.dated
         FROM postings AS p JOIN postings AS f ON f.job_id = p.job_id AND f.job_first = 1 ORDER BY p.dated, p.id",
    )
}

#[test]
fn a_job_on_two_sources_and_a_repost_are_one_job_each() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    crawl(dir.path(), &server);
    let db = dir.path().join("jobs.db");
    assert_eq!(
        links(&db),
        [
            "agg 2026-09-03 Backend Engineer -> agg 2026-09-03",
            "gh 2026-09-10 Senior Backend Engineer -> gh 2026-09-10",
            "gh 2026-09-12 Senior Frontend Engineer -> gh 2026-09-12",
            "agg 2026-09-20 Sr. Backend Engineer -> gh 2026-09-10",
            "agg 2026-10-04 Backend Engineer -> agg 2026-09-03",
            "gh 2026-10-05 Data Engineer -> gh 2026-10-05",
            "agg 2026-10-08 Senior Backend Engineer -> agg 2026-10-08",
        ]
    );
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM jobs"), 5);
    assert_eq!(
        strings(&conn, "SELECT company || ' ' || postings || ' ' || sources FROM jobs WHERE postings > 1 ORDER BY id"),
        ["Lattice Finance 2 2", "Quillmark 2 1"]
    );
    // Crawling again links nothing new and moves nothing.
    crawl(dir.path(), &server);
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM jobs"), 5);
    // The postings filed under a key, the only candidates, and only they keep a signature.
    assert_eq!(
        strings(&conn, "SELECT CAST(posting_id AS TEXT) FROM job_signatures ORDER BY posting_id"),
        strings(&conn, "SELECT DISTINCT CAST(posting_id AS TEXT) FROM job_blocks ORDER BY posting_id")
    );
}

#[test]
fn a_copy_stored_later_but_dated_earlier_becomes_the_jobs_first() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    crawl_sources(dir.path(), &server, &["agg"]);
    let db = dir.path().join("jobs.db");
    let lattice = "SELECT p.source || ' ' || p.dated || ' ' || p.job_first FROM postings AS p
                   WHERE p.company LIKE 'Lattice%' AND p.title LIKE '%Backend%' ORDER BY p.dated";
    assert_eq!(strings(&open_db(&db), lattice), ["agg 2026-09-20 1"]);
    crawl_sources(dir.path(), &server, &["gh"]);
    let conn = open_db(&db);
    assert_eq!(strings(&conn, lattice), ["gh 2026-09-10 1", "agg 2026-09-20 0"]);
    // The skills' copies follow, so a unique-jobs report counts the board's posting.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM posting_skills AS s JOIN postings AS p ON p.id = s.posting_id WHERE s.job_first != p.job_first"
        ),
        0
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM posting_skills AS s JOIN postings AS p ON p.id = s.posting_id WHERE p.company LIKE 'Lattice%' AND s.job_first = 0"
        ) > 0
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM jobs"), 5);
}

#[test]
fn reports_count_each_job_once_with_unique_jobs() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    crawl(dir.path(), &server);
    let d = dir.path();
    let report = ["report", "--skills", "postgresql,python"];
    assert_eq!(
        csv(d, &report, false)[1..],
        [
            "2026-09,postgresql,3,4,0.750000,0.300642,0.954413,",
            "2026-09,python,0,4,0.000000,0.000000,0.489891,",
            "2026-10,postgresql,2,3,0.666667,0.207660,0.938508,",
            "2026-10,python,1,3,0.333333,0.061492,0.792340,",
        ]
    );
    // The Quillmark re-post counts in September only, the aggregator's copy
    // of the Lattice job not at all (its board posting came first).
    assert_eq!(
        csv(d, &report, true)[1..],
        [
            "2026-09,postgresql,2,3,0.666667,0.207660,0.938508,",
            "2026-09,python,0,3,0.000000,0.000000,0.561497,",
            "2026-10,postgresql,1,2,0.500000,0.094531,0.905469,",
            "2026-10,python,1,2,0.500000,0.094531,0.905469,",
        ]
    );
    let backend = |unique| -> Vec<String> {
        csv(d, &["roles"], unique).into_iter().filter(|l| l.contains(",backend,") || l.contains(",data,")).collect()
    };
    assert_eq!(
        backend(false),
        [
            "2026-09,backend,3,4,0.750000",
            "2026-09,data,0,4,0.000000",
            "2026-10,backend,2,3,0.666667",
            "2026-10,data,1,3,0.333333"
        ]
    );
    assert_eq!(
        backend(true),
        [
            "2026-09,backend,2,3,0.666667",
            "2026-09,data,0,3,0.000000",
            "2026-10,backend,1,2,0.500000",
            "2026-10,data,1,2,0.500000"
        ]
    );
    let pay = ["pay", "--skills", "postgresql"];
    assert_eq!(csv(d, &pay, false)[1..], ["all,postgresql,EUR,2,,,,,", "all,postgresql,USD,2,,,,,"]);
    assert_eq!(csv(d, &pay, true)[1..], ["all,postgresql,EUR,1,,,,,", "all,postgresql,USD,1,,,,,"]);
    let top = ["top", "--since", "2026-10", "--until", "2026-10", "--limit", "1"];
    let first = |unique| csv(d, &top, unique)[1].split(',').take(9).collect::<Vec<_>>().join(",");
    assert_eq!(first(false), "postgresql,PostgreSQL,database,2,3,0.666667,3,4,0.750000");
    assert_eq!(first(true), "airflow,Airflow,tool,1,2,0.500000,0,3,0.000000");
}

#[test]
fn the_population_says_unique_jobs() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    crawl(dir.path(), &server);
    let cases: [(&[&str], &str, &str); 4] = [
        (&["report"], "csv", "population=all unique jobs;"),
        (&["top"], "csv", "population=all unique jobs ·"),
        (&["roles"], "svg", "Share of all unique jobs that offer a job in each role"),
        (&["pay", "--skills", "postgresql"], "svg", "Median annualised pay of all unique jobs that state pay"),
    ];
    for (args, format, want) in cases {
        let out = skilltrend(dir.path())
            .args(["--db", "jobs.db"])
            .args(args)
            .args(["--format", format, "--unique-jobs"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(want), "{args:?} does not say {want:?}:\n{}", &text[..text.len().min(2000)]);
    }
}

#[test]
fn an_unlinked_database_is_linked_on_its_next_writable_open() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    crawl(dir.path(), &server);
    let db = dir.path().join("jobs.db");
    let before = links(&db);
    open_db(&db).execute_batch("UPDATE postings SET job_id = NULL, job_first = 1; DELETE FROM job_blocks;").unwrap();
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "reextract"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("7 stored postings linked to their jobs"));
    assert_eq!(links(&db), before);
}
