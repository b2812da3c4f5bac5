//! `skilltrend crawl` of a small career site (fixtures/sites/jsonld) served
//! on 127.0.0.1: exactly the expected postings, robots.txt honoured, other
//! hosts never followed, and a second crawl adds nothing.

use crate::common::{count, open_db, serve_fixture, skilltrend, strings};

fn write_config(dir: &std::path::Path, start: &str) -> std::path::PathBuf {
    let path = dir.join("sources.toml");
    std::fs::write(
        &path,
        format!("[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"{start}\"]\ndelay_ms = 0\nper_host_concurrency = 4\n"),
    )
    .unwrap();
    path
}

#[derive(Debug, PartialEq)]
struct Row {
    external_id: String,
    title: Option<String>,
    company: Option<String>,
    location: Option<String>,
    remote: Option<i64>,
    posted_at: Option<String>,
    description: String,
    skills: String,
}

fn rows(conn: &rusqlite::Connection) -> Vec<Row> {
    let mut stmt = conn
        .prepare(
            "SELECT external_id, title, company, location, remote, posted_at, description,
                    (SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills WHERE posting_id = p.id ORDER BY skill_id))
             FROM postings p ORDER BY external_id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(Row {
            external_id: r.get(0)?,
            title: r.get(1)?,
            company: r.get(2)?,
            location: r.get(3)?,
            remote: r.get(4)?,
            posted_at: r.get(5)?,
            description: r.get(6)?,
            skills: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn row(
    id: &str,
    title: &str,
    location: Option<&str>,
    remote: Option<i64>,
    posted: &str,
    desc: &str,
    skills: &str,
) -> Row {
    Row {
        external_id: id.into(),
        title: Some(title.into()),
        company: Some("Acme Inc.".into()),
        location: location.map(Into::into),
        remote,
        posted_at: Some(posted.into()),
        description: desc.into(),
        skills: skills.into(),
    }
}

#[test]
fn crawls_exactly_the_postings_of_the_site_and_a_second_crawl_adds_none() {
    let server = serve_fixture("sites/jsonld");
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &server.url("/index.html"));
    let db = dir.path().join("jobs.db");

    let out = skilltrend(dir.path())
        .args(["--db", db.to_str().unwrap(), "crawl", "--config", config.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains(" ok "), "{out}");

    let two_roles = server.url("/jobs/two-roles.html");
    let want = vec![
        row(
            "1001",
            "Backend Engineer (Python)",
            None,
            Some(1),
            "2026-03-02T00:00:00Z",
            "We build APIs in Python and Go.\n\n• SQL & PostgreSQL\n• Our frontend is JavaScript",
            "go,javascript,postgresql,python,sql",
        ),
        row(
            "ACME-1002",
            "Platform Engineer",
            Some("Berlin, DE; Lisbon, PT"),
            None,
            "2026-03-15T08:00:00Z",
            "Kubernetes, Terraform and Go. No Java.",
            "go,java,kubernetes,terraform",
        ),
        row(
            "ACME-1004",
            "Data Engineer",
            Some("New York, NY, US"),
            None,
            "2026-05-07T00:00:00Z",
            "Spark and Java 17. Strong SQL.",
            "java,spark,sql",
        ),
        row(
            "ACME-1005",
            "PHP & Laravel Developer",
            None,
            None,
            "2026-05-20T00:00:00Z",
            "Laravel on PHP 8.2.\n\nApply at https://acme.example/apply.php or python@acme.example",
            "laravel,php",
        ),
        row(
            &two_roles,
            "Site Reliability Engineer",
            Some("Remote (EU)"),
            Some(1),
            "2026-04-01T00:00:00Z",
            "Linux, Python scripting, on-call.",
            "linux,python",
        ),
        row(
            &format!("{two_roles}#1"),
            "Database Administrator",
            None,
            None,
            "2026-04-02T00:00:00Z",
            "MySQL and T-SQL.",
            "database_administration,mysql,sql,tsql",
        ),
    ];
    let conn = open_db(&db);
    assert_eq!(rows(&conn), want);

    // robots.txt was read and honoured; other hosts and mailto never followed.
    let requested = server.running.requests();
    assert!(requested.contains(&"/robots.txt".to_string()));
    assert!(!requested.iter().any(|p| p.starts_with("/private/")), "{requested:?}");
    assert_eq!(requested.iter().filter(|p| p.as_str() == "/robots.txt").count(), 1);
    let mut pages: Vec<&String> = requested.iter().filter(|p| p.as_str() != "/robots.txt").collect();
    pages.sort();
    pages.dedup();
    assert_eq!(pages.len(), requested.len() - 1, "a page was fetched twice: {requested:?}");
    assert_eq!(count(&conn, "SELECT robots_blocked FROM crawl_runs"), 1);
    assert_eq!(count(&conn, "SELECT pages_fetched FROM crawl_runs"), 8);
    assert_eq!(strings(&conn, "SELECT status FROM crawl_runs"), ["ok"]);
    // The raw payload is kept for re-extraction.
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_raw WHERE format = 'jsonld'"), 6);

    // Again: nothing new, nothing updated, no second row.
    skilltrend(dir.path())
        .args(["--db", db.to_str().unwrap(), "crawl", "--config", config.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(rows(&conn), want);
    assert_eq!(count(&conn, "SELECT postings_new + postings_updated FROM crawl_runs WHERE id = 2"), 0);
    assert_eq!(count(&conn, "SELECT postings_unchanged FROM crawl_runs WHERE id = 2"), 6);
}

#[test]
fn an_unreachable_source_is_reported_and_the_others_still_crawl() {
    let server = serve_fixture("sites/jsonld");
    let dir = tempfile::tempdir().unwrap();
    // A port nothing listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let config = dir.path().join("sources.toml");
    std::fs::write(
        &config,
        format!(
            "[[sources]]\nname = \"dead\"\nkind = \"jsonld\"\nstart_urls = [\"http://{dead}/jobs/\"]\nmax_retries = 0\ndelay_ms = 0\n\n\
             [[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"{}\"]\ndelay_ms = 0\n",
            server.url("/index.html")
        ),
    )
    .unwrap();
    let db = dir.path().join("jobs.db");
    let out = skilltrend(dir.path())
        .args(["--db", db.to_str().unwrap(), "crawl", "--config", config.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("dead") && out.contains("failed"), "{out}");
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings WHERE source = 'acme'"), 6);
    assert_eq!(strings(&conn, "SELECT status FROM crawl_runs"), ["partial"]);
    assert_eq!(
        strings(&conn, "SELECT status || ' ' || source FROM crawl_run_sources ORDER BY source"),
        ["ok acme", "failed dead"]
    );
    let error = strings(&conn, "SELECT error FROM crawl_run_sources WHERE source = 'dead'");
    assert!(error[0].contains("connection"), "{error:?}");
}
