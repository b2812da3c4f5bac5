//! Nothing lost, nothing broken: kill -9 at random moments (crawl and
//! re-extraction), readers during a crawl, and a disk that fills up.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Server, count, open_db, serve_site, strings};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("skilltrend")
}

/// The demo's two sources (job board and HN threads) behind a local server,
/// slowed a little so that kills land at every stage.
fn config(server: &Server, dir: &Path, delay_ms: u32) -> PathBuf {
    let path = dir.join("sources.toml");
    std::fs::write(
        &path,
        format!(
            "[[sources]]\nname = \"board\"\nkind = \"jsonld\"\nstart_urls = [\"{}\"]\ndelay_ms = {delay_ms}\nper_host_concurrency = 4\nmax_pages = 5000\n\n\
             [[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2019-01\"\ndelay_ms = {delay_ms}\n",
            server.url("/jobs/"),
            server.url("/hn")
        ),
    )
    .unwrap();
    path
}

fn crawl_cmd(db: &Path, config: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--db").arg(db).arg("crawl").arg("--config").arg(config).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// What a database holds, without the times of crawling.
fn state(db: &Path) -> (Vec<String>, Vec<String>) {
    let conn = open_db(db);
    let postings = strings(
        &conn,
        "SELECT source || '|' || external_id || '|' || content_hash || '|' || coalesce(posted_at, '') FROM postings ORDER BY 1",
    );
    let skills = strings(
        &conn,
        "SELECT p.source || '|' || p.external_id || '|' || s.skill_id || '|' || s.mentions || '|' || coalesce(s.first_offset, -1)
         FROM posting_skills s JOIN postings p ON p.id = s.posting_id ORDER BY 1",
    );
    (postings, skills)
}

/// What must hold after any crash.
fn assert_sound(db: &Path) {
    let conn = open_db(db);
    assert_eq!(strings(&conn, "PRAGMA integrity_check"), ["ok"]);
    if count(&conn, "SELECT count(*) FROM sqlite_master WHERE name = 'postings'") == 0 {
        return; // killed before the schema was created
    }
    assert_eq!(count(&conn, "SELECT count(*) - count(DISTINCT source || external_id) FROM postings"), 0, "duplicates");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM posting_raw r WHERE r.posting_id = p.id)"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM posting_skills s JOIN postings p ON p.id = s.posting_id WHERE s.dated IS NOT p.dated"
        ),
        0
    );
    // Every job is marked by exactly one posting, its earliest (by day, then id).
    assert_eq!(
        count(&conn, "SELECT count(*) FROM (SELECT sum(job_first) AS n FROM postings GROUP BY job_id) WHERE n != 1"),
        0,
        "a job without exactly one first posting"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM postings p WHERE p.job_first = 1 AND EXISTS (SELECT 1 FROM postings q
             WHERE q.job_id = p.job_id AND (q.dated < p.dated OR (q.dated = p.dated AND q.id < p.id)))"
        ),
        0,
        "a job marked by a posting that is not its earliest"
    );
    // A month is never marked complete without its postings.
    assert_eq!(count(&conn, "SELECT count(*) FROM source_state st WHERE st.source = 'hn' AND NOT EXISTS
                             (SELECT 1 FROM postings p WHERE p.source = 'hn' AND substr(p.posted_at, 1, 7) = substr(st.key, 7))"), 0);
}

#[test]
fn twenty_kill_9s_lose_nothing_and_the_next_run_completes_the_work() {
    let server = serve_site(skilltrend::demo::site());
    let dir = tempfile::tempdir().unwrap();
    let config = config(&server, dir.path(), 1);

    // The state of a crawl that was never interrupted.
    let reference = dir.path().join("reference.db");
    assert!(crawl_cmd(&reference, &config).status().unwrap().success());
    let want = state(&reference);
    assert!(want.0.len() > 1500);

    let db = dir.path().join("jobs.db");
    let mut rng = fastrand::Rng::with_seed(20261125);
    let mut kills = 0;
    let mut finished_early = 0;
    for _ in 0..16 {
        let mut child = crawl_cmd(&db, &config).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(40..1500)));
        match child.try_wait().unwrap() {
            Some(_) => finished_early += 1,
            None => {
                child.kill().unwrap();
                kills += 1;
            }
        }
        child.wait().unwrap();
        assert_sound(&db);
    }
    assert!(finished_early < 8, "most runs were killed mid-way ({finished_early} finished first)");
    // One more crawl completes the work: exactly the uninterrupted state.
    assert!(crawl_cmd(&db, &config).status().unwrap().success());
    assert_sound(&db);
    assert_eq!(state(&db), want, "after {kills} kills");

    // Kills during re-extraction (with another taxonomy, so that it writes).
    let changed = dir.path().join("changed.toml");
    std::fs::write(
        &changed,
        skilltrend::extract::taxonomy::BUILTIN_TAXONOMY
            .replace("aliases = [\"python\", \"py3\", \"cpython\"]", "aliases = [\"py3\"]"),
    )
    .unwrap();
    for _ in 0..4 {
        let mut child = Command::new(bin())
            .arg("--db")
            .arg(&db)
            .arg("--taxonomy")
            .arg(&changed)
            .arg("reextract")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(20..400)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        assert_sound(&db);
    }
    assert!(kills >= 20 - 8, "{kills} kills");
    // Re-extraction with the built-in taxonomy restores the reference.
    assert!(
        Command::new(bin()).arg("--db").arg(&db).arg("reextract").stdout(Stdio::null()).status().unwrap().success()
    );
    assert_eq!(state(&db), want);
}

#[test]
fn readers_never_fail_nor_see_half_a_posting_during_a_crawl() {
    let server = serve_site(skilltrend::demo::site());
    let dir = tempfile::tempdir().unwrap();
    let config = config(&server, dir.path(), 3);
    let db = dir.path().join("jobs.db");
    // Create the schema first, so readers have something to read.
    assert!(
        Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(["crawl", "--config"])
            .arg(&config)
            .args(["--source", "hn", "--max-run-secs", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    );
    let mut crawl = crawl_cmd(&db, &config).spawn().unwrap();
    let started = Instant::now();
    let (mut reads, mut sqlite_reads) = (0, 0);
    let have_sqlite3 = Command::new("sqlite3").arg("--version").output().is_ok();
    while crawl.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(60) {
        let report = Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(["report", "--format", "csv", "--include-partial"])
            .output()
            .unwrap();
        // An empty selection (exit 1, no postings yet) is fine; "locked" is not.
        let err = String::from_utf8_lossy(&report.stderr);
        assert!(!err.contains("locked") && !err.contains("busy"), "{err}");
        assert!(report.status.success() || err.contains("no postings"), "{err}");
        let torn = Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(["query", "--format", "csv", "SELECT (SELECT count(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM posting_raw r WHERE r.posting_id = p.id)) + (SELECT count(*) FROM postings p WHERE role_mask IS NULL) + (SELECT count(*) FROM posting_skills s JOIN postings p ON p.id = s.posting_id WHERE s.role_mask != p.role_mask) AS torn"])
            .output()
            .unwrap();
        assert!(torn.status.success(), "{}", String::from_utf8_lossy(&torn.stderr));
        assert_eq!(
            String::from_utf8_lossy(&torn.stdout),
            "torn\n0\n",
            "a reader saw a posting without its payload or its roles"
        );
        reads += 1;
        if have_sqlite3 {
            let out = Command::new("sqlite3")
                .arg(&db)
                .arg("SELECT count(*) FROM posting_skill_names; SELECT count(*) FROM monthly_skill_shares;")
                .output()
                .unwrap();
            assert!(out.status.success(), "sqlite3: {}", String::from_utf8_lossy(&out.stderr));
            sqlite_reads += 1;
        }
    }
    assert!(crawl.wait().unwrap().success());
    assert!(reads >= 3, "only {reads} reads happened during the crawl");
    eprintln!("{reads} skilltrend reads and {sqlite_reads} sqlite3 reads during the crawl");
}

#[test]
fn a_full_disk_stops_the_crawl_with_a_clear_error_and_keeps_what_was_committed() {
    let server = serve_site(skilltrend::demo::site());
    let dir = tempfile::tempdir().unwrap();
    let config = config(&server, dir.path(), 0);
    let db = dir.path().join("jobs.db");
    // One source is committed first, so that there is something to keep
    // however the writer's batches fall.
    assert!(crawl_cmd(&db, &config).arg("--source").arg("hn").status().unwrap().success());
    let committed = count(&open_db(&db), "SELECT count(*) FROM postings");
    assert!(committed > 0);
    // Files may not grow beyond 1.5 MB: the database fills up mid-crawl.
    let out = crawl_with_file_limit(&db, &config, 1_500_000);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("database could not be written") && (err.contains("full") || err.contains("disk")), "{err}");
    assert_sound(&db);
    let stored = count(&open_db(&db), "SELECT count(*) FROM postings");
    assert!(stored >= committed, "what was committed before the disk filled is kept");
    // With room again, the next crawl completes the work.
    assert!(crawl_cmd(&db, &config).status().unwrap().success());
    assert!(count(&open_db(&db), "SELECT count(*) FROM postings") > stored);
}

/// Runs a crawl whose database writes fail: files may not grow beyond
/// `limit` bytes.
fn crawl_with_file_limit(db: &Path, config: &Path, limit: libc::rlim_t) -> std::process::Output {
    let mut cmd = Command::new(bin());
    cmd.arg("--db").arg(db).arg("crawl").arg("--config").arg(config).stdout(Stdio::null());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rl = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[test]
fn a_failed_database_write_records_the_sources_as_failed_with_the_error() {
    let server = serve_site(skilltrend::demo::site());
    let dir = tempfile::tempdir().unwrap();
    let config = config(&server, dir.path(), 0);
    let db = dir.path().join("jobs.db");
    let out = crawl_with_file_limit(&db, &config, 1_500_000);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let conn = open_db(&db);
    let run_error = strings(&conn, "SELECT error FROM crawl_runs").remove(0);
    let writer_error = run_error.strip_prefix("database write failed: ").expect(&run_error);
    assert!(writer_error.contains("disk"), "{run_error}");
    let rows = strings(
        &conn,
        "SELECT source || '|' || status || '|' || coalesce(error, '') FROM crawl_run_sources ORDER BY source",
    );
    assert_eq!(rows.len(), 2);
    for row in rows {
        let (source, rest) = row.split_once('|').unwrap();
        let (status, error) = rest.split_once('|').unwrap();
        assert_eq!(status, "failed", "{source}: {row}");
        assert!(error.contains(writer_error), "{source}'s error is not the writer's: {row}");
    }
}

#[test]
fn runs_shows_a_running_crawls_counts_as_they_grow() {
    let server = serve_site(skilltrend::demo::site());
    let dir = tempfile::tempdir().unwrap();
    // Slow enough (20 ms per request, one at a time per host) to be seen running.
    let config = config(&server, dir.path(), 20);
    let db = dir.path().join("jobs.db");
    let mut crawl = crawl_cmd(&db, &config).spawn().unwrap();
    let started = Instant::now();
    let mut seen_live = None;
    while crawl.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(300));
        let out = Command::new(bin()).arg("--db").arg(&db).args(["runs", "--sources"]).output().unwrap();
        let table = String::from_utf8_lossy(&out.stdout).to_string();
        // The run's row: "1  <started>  -  running  board,hn  <pages> ...".
        let row: Option<Vec<String>> = table
            .lines()
            .find(|l| l.split_whitespace().nth(3) == Some("running"))
            .map(|l| l.split_whitespace().map(String::from).collect());
        if let Some(pages) = row.and_then(|r| r.get(5).and_then(|p| p.parse::<u64>().ok())).filter(|p| *p > 0) {
            seen_live = Some((pages, table));
            break;
        }
    }
    let _ = crawl.kill();
    crawl.wait().unwrap();
    let (pages, table) = seen_live.expect("a running crawl's pages were never shown");
    assert!(pages > 0 && table.contains("  board") && table.contains("  hn"), "{table}");
}
