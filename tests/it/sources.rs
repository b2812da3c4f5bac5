//! Every source kind against a local server serving fixtures in the exact
//! shape of the real service (through `base_url`): the stored postings are
//! asserted exactly, and a second crawl changes nothing.

use std::path::Path;

use crate::common::{Server, count, fixture, open_db, row, rows, serve_site, skilltrend, strings};
use skilltrend::demo::server::StaticSite;

/// Descriptions are plain text: no tags, no entities.
fn assert_plain_text(db: &Path) {
    for d in strings(&open_db(db), "SELECT description FROM postings") {
        assert!(!d.is_empty());
        for bad in ["<p", "</", "<li", "&amp;", "&lt;", "&#", "&quot;", "&nbsp;"] {
            assert!(!d.contains(bad), "description has {bad:?}: {d:?}");
        }
    }
}

/// What the Greenhouse and Ashby sources ask for board `acme`: the query
/// parameters that make the APIs include pay.
const GREENHOUSE_ACME: &str = "/boards/acme/jobs?content=true&pay_transparency=true";
const ASHBY_ACME: &str = "/posting-api/job-board/acme?includeCompensation=true";

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}

/// Runs a crawl of `config` (TOML) in `dir`; returns its exit code.
fn crawl(dir: &Path, config: &str, extra: &[&str]) -> i32 {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let mut args = vec!["--db", "jobs.db", "crawl", "--config", "sources.toml"];
    args.extend_from_slice(extra);
    skilltrend(dir).args(&args).output().unwrap().status.code().unwrap_or(-1)
}

fn last_run(dir: &Path, column: &str) -> i64 {
    count(&open_db(&dir.join("jobs.db")), &format!("SELECT {column} FROM crawl_runs ORDER BY id DESC LIMIT 1"))
}

fn hn_server() -> Server {
    let mut site = StaticSite::default();
    site.insert("/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000", read("hn/search_by_date.json"));
    for id in ["39562986", "39217310", "38842977", "38490811"] {
        site.insert(&format!("/items/{id}"), read(&format!("hn/items/{id}.json")));
    }
    serve_site(site)
}

#[test]
fn hn_stores_top_level_comments_of_hiring_threads_and_skips_complete_months() {
    let server = hn_server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2024-01\"\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "38843000",
            "Full-stack Developer",
            "Quillmark",
            "Toronto, ON",
            Some(0),
            "2024-01-02T16:00:12Z",
            "java,javascript,react,spring_boot,sql",
        ),
        row(
            "38843001",
            "Data Scientist",
            "Helix Genomics",
            "Boston, MA",
            Some(1),
            "2024-01-02T16:02:00Z",
            "python,r,sql",
        ),
        row("38843002", "Senior Engineer", "Atlas Payroll", "NYC", None, "2024-01-02T16:30:00Z", "azure,csharp,dotnet"),
        row(
            "39217400",
            "Platform Engineer",
            "Acme Corp",
            "Berlin",
            Some(0),
            "2024-02-01T16:00:30Z",
            "go,kubernetes,terraform",
        ),
        row(
            "39217401",
            "SRE",
            "Nimbus Weather",
            "London",
            Some(0),
            "2024-02-01T16:10:00Z",
            "dynamodb,linux,python,sql",
        ),
        row("39217403", "Backend Developer", "Juniper Foods", "", Some(1), "2024-02-01T16:20:00Z", "rails,redis"),
        row(
            "39563001",
            "Senior Backend Engineer",
            "Acme Corp",
            "Berlin, Germany",
            Some(0),
            "2024-03-01T16:00:22Z",
            "go,kafka,postgresql,python",
        ),
        row(
            "39563002",
            "Data Engineer",
            "Bluefin Labs",
            "REMOTE (US)",
            Some(1),
            "2024-03-01T16:01:05Z",
            "airflow,java,snowflake,spark,sql",
        ),
        row("39563004", "", "", "", None, "2024-03-01T16:04:00Z", "laravel,mysql,php,typescript"),
        row(
            "39563005",
            "Staff Engineer, Storage",
            "Kestrel Maps",
            "Amsterdam or Remote (EU)",
            Some(1),
            "2024-03-01T16:05:00Z",
            "cpp,rust",
        ),
    ];
    assert_eq!(rows(&db, "hn"), want);
    assert_plain_text(&db);
    let conn = open_db(&db);
    assert_eq!(
        strings(&conn, "SELECT url FROM postings WHERE external_id = '39563001'"),
        ["https://news.ycombinator.com/item?id=39563001"]
    );
    let acme = strings(&conn, "SELECT description FROM postings WHERE external_id = '39563001'").remove(0);
    assert!(
        acme.contains("We're building")
            && acme.ends_with("Apply: https://acme.example/careers/backend-engineer-berlin"),
        "{acme}"
    );
    // Only the hiring threads in range were fetched: not December, not the other threads.
    let items: Vec<String> = server.running.requests().into_iter().filter(|p| p.starts_with("/items/")).collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(!items.iter().any(|p| p.contains("38490811") || p.contains("39562985") || p.contains("39562984")));
    assert_eq!(
        strings(&conn, "SELECT key FROM source_state WHERE source = 'hn' ORDER BY key"),
        ["month:2024-01", "month:2024-02"],
        "final months are remembered; the current one is not"
    );

    // Again: only the current month is fetched, and nothing changes.
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let items: Vec<String> = server.running.requests().into_iter().filter(|p| p.starts_with("/items/")).collect();
    assert_eq!(items[3..], ["/items/39562986".to_string()]);
    assert_eq!(rows(&db, "hn"), want);
    assert_eq!((last_run(dir.path(), "postings_new"), last_run(dir.path(), "postings_updated")), (0, 0));
    assert_eq!(last_run(dir.path(), "postings_unchanged"), 4);

    // --refresh fetches the complete months again.
    assert_eq!(crawl(dir.path(), &config, &["--refresh"]), 0);
    let items = server.running.requests().into_iter().filter(|p| p.starts_with("/items/")).count();
    assert_eq!(items, 3 + 1 + 3);
}

/// The thread search in two pages (`nbPages` 2, the second at `&page=1`),
/// as a mirror that pages serves it: the fixture's hits split after
/// February 2024.
fn hn_paged_server() -> Server {
    let search: serde_json::Value = serde_json::from_slice(&read("hn/search_by_date.json")).unwrap();
    let hits = search["hits"].as_array().unwrap().clone();
    let page = |n: u64, hits: &[serde_json::Value]| {
        let mut p = search.clone();
        p["hits"] = hits.to_vec().into();
        p["page"] = n.into();
        p["nbPages"] = 2.into();
        p["hitsPerPage"] = 4.into();
        serde_json::to_vec(&p).unwrap()
    };
    let first = "/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000";
    let mut site = StaticSite::default();
    site.insert(first, page(0, &hits[..4]));
    site.insert(&format!("{first}&page=1"), page(1, &hits[4..]));
    for id in ["39562986", "39217310", "38842977", "38490811"] {
        site.insert(&format!("/items/{id}"), read(&format!("hn/items/{id}.json")));
    }
    serve_site(site)
}

#[test]
fn hn_final_and_missing_months_are_judged_over_every_search_page() {
    let server = hn_paged_server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2023-11\"\ndelay_ms = 0\n",
        server.url("")
    );
    std::fs::write(dir.path().join("sources.toml"), &config).unwrap();
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Only November 2023 has no thread: the months on the second page are found.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let missing: Vec<&str> = stderr.lines().filter(|l| l.contains("\"Who is hiring?\" thread found")).collect();
    assert_eq!(missing.len(), 1, "{stderr}");
    assert!(missing[0].contains("found for 2023-11"), "{stderr}");
    assert!(!missing[0].contains("2023-12") && !missing[0].contains("2024-01"), "{stderr}");
    // The threads stop at March 2024: the crawl says the newest month is missing.
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    assert!(stderr.contains(&format!("the newest month, {this_month}, has no postings")), "{stderr}");
    // January 2024, the newest month of the second page, is final: February's thread exists.
    let db = dir.path().join("jobs.db");
    assert_eq!(
        strings(&open_db(&db), "SELECT key FROM source_state WHERE source = 'hn' AND key LIKE 'month:%' ORDER BY key"),
        ["month:2023-12", "month:2024-01", "month:2024-02"]
    );
    assert_eq!(count(&open_db(&db), "SELECT count(*) FROM postings"), 11, "December 2023 to March 2024");
    // Again: only the current month is fetched, and the missing month is
    // not reported a second time.
    let before = server.running.requests().into_iter().filter(|p| p.starts_with("/items/")).count();
    let again = skilltrend(dir.path()).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(!stderr.contains("thread found for"), "{stderr}");
    let items: Vec<String> = server.running.requests().into_iter().filter(|p| p.starts_with("/items/")).collect();
    assert_eq!(items[before..], ["/items/39562986".to_string()]);
}

#[test]
fn hn_until_bounds_the_backfill() {
    let server = hn_server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2023-12\"\nuntil = \"2024-01\"\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let db = dir.path().join("jobs.db");
    let months = strings(&open_db(&db), "SELECT DISTINCT substr(posted_at, 1, 7) FROM postings ORDER BY 1");
    assert_eq!(months, ["2023-12", "2024-01"]);
}

#[test]
fn greenhouse_boards_and_an_unknown_board() {
    let mut site = StaticSite::default();
    site.insert(GREENHOUSE_ACME, read("greenhouse/acme-jobs.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nbase_url = \"{}\"\nboards = [\"acme\", \"ghost\"]\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 1, "an unknown board fails that board only");
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "acme:4012345",
            "Senior Backend Engineer, Payments",
            "Acme Corp",
            "Berlin, Germany",
            None,
            "2026-09-14T14:02:11Z",
            "java,kafka,kotlin,postgresql,sql",
        ),
        row(
            "acme:4012346",
            "Data Platform Engineer",
            "Acme Corp",
            "Remote - Europe",
            Some(1),
            "2026-10-20T12:30:00Z",
            "airflow,dbt,go,python,snowflake",
        ),
    ];
    assert_eq!(rows(&db, "gh"), want);
    assert_plain_text(&db);
    let conn = open_db(&db);
    let desc = strings(&conn, "SELECT description FROM postings WHERE external_id = 'acme:4012345'").remove(0);
    assert_eq!(
        desc,
        "Acme builds payment rails. You will design APIs in Java 21 and Kotlin.\n\nWhat you bring\n\n• Strong SQL and PostgreSQL\n• Kafka & event-driven design\n\nWe're an equal opportunity employer."
    );
    assert_eq!(strings(&conn, "SELECT status FROM crawl_run_sources"), ["partial"]);
    let error = strings(&conn, "SELECT error FROM crawl_run_sources").remove(0);
    assert!(error.contains("board ghost") && error.contains("404"), "{error}");

    assert_eq!(crawl(dir.path(), &config, &[]), 1);
    assert_eq!(rows(&db, "gh"), want);
    assert_eq!(last_run(dir.path(), "postings_new") + last_run(dir.path(), "postings_updated"), 0);
}

#[test]
fn lever_sites_lists_and_an_unknown_site() {
    let mut site = StaticSite::default();
    site.insert("/postings/acme?mode=json&skip=0&limit=100", read("lever/acme.json"));
    site.insert("/postings/nosuch?mode=json&skip=0&limit=100", read("lever/unknown-site.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"lever\"\nkind = \"lever\"\nbase_url = \"{}\"\nsites = [\"acme\", \"nosuch\"]\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 1);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "5d4f6a0e-1111-4a7b-9c1d-0f1e2d3c4b5a",
            "Backend Engineer",
            "acme",
            "San Francisco, CA",
            Some(0),
            "2025-10-31T10:00:00Z",
            "aws,go,kubernetes,postgresql,python,sql",
        ),
        row(
            "5d4f6a0e-2222-4a7b-9c1d-0f1e2d3c4b5a",
            "Senior PHP Developer",
            "acme",
            "Remote, US",
            Some(1),
            "2025-10-01T10:00:00Z",
            "javascript,mysql,php,symfony",
        ),
    ];
    assert_eq!(rows(&db, "lever"), want);
    assert_plain_text(&db);
    let desc = strings(&open_db(&db), "SELECT description FROM postings WHERE title = 'Backend Engineer'").remove(0);
    assert_eq!(
        desc,
        "Join the platform team building our core services.\n\nWhat you'll do\n• Build services in Go and Python\n• Operate them on Kubernetes\n\nRequirements\n• 3+ years with SQL databases (PostgreSQL)\n• Experience with AWS\n\nAcme is an equal opportunity employer."
    );
    let error = strings(&open_db(&db), "SELECT error FROM crawl_run_sources").remove(0);
    assert!(error.contains("site nosuch") && error.contains("Document not found"), "{error}");
    assert_eq!(crawl(dir.path(), &config, &[]), 1);
    assert_eq!(rows(&db, "lever"), want);
}

#[test]
fn lever_pages_through_a_large_site() {
    let template: serde_json::Value = serde_json::from_slice(&read("lever/acme.json")).unwrap();
    let page = |range: std::ops::Range<usize>| -> Vec<u8> {
        let items: Vec<serde_json::Value> = range
            .map(|i| {
                let mut p = template[0].clone();
                p["id"] = format!("posting-{i:03}").into();
                p
            })
            .collect();
        serde_json::to_vec(&items).unwrap()
    };
    let mut site = StaticSite::default();
    site.insert("/postings/big?mode=json&skip=0&limit=100", page(0..100));
    site.insert("/postings/big?mode=json&skip=100&limit=100", page(100..130));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"big\"\nkind = \"lever\"\nbase_url = \"{}\"\nsites = [\"big\"]\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    assert_eq!(count(&open_db(&dir.path().join("jobs.db")), "SELECT count(*) FROM postings"), 130);
    assert_eq!(server.running.requests().iter().filter(|p| p.starts_with("/postings/")).count(), 2);
}

#[test]
fn ashby_keeps_only_listed_jobs() {
    let mut site = StaticSite::default();
    site.insert(ASHBY_ACME, read("ashby/acme.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"ashby\"\nkind = \"ashby\"\nbase_url = \"{}\"\nboards = [\"acme\"]\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "0b4f1c7e-aaaa-4d2e-9f00-1234567890ab",
            "Software Engineer, Infrastructure",
            "acme",
            "New York, NY",
            Some(0),
            "2026-08-03T14:21:09Z",
            "aws,postgresql,redis,rust,terraform,typescript",
        ),
        row(
            "0b4f1c7e-bbbb-4d2e-9f00-1234567890ab",
            "Staff Data Engineer",
            "acme",
            "Remote",
            Some(1),
            "2026-10-11T09:00:00Z",
            "scala,spark,sql",
        ),
    ];
    assert_eq!(rows(&db, "ashby"), want);
    assert_plain_text(&db);
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    assert_eq!(rows(&db, "ashby"), want);
}

#[test]
fn rss_and_atom_feeds() {
    let mut site = StaticSite::default();
    site.insert("/categories/remote-back-end-programming-jobs.rss", read("feed/wwr-backend.rss"));
    site.insert("/feed.atom", read("feed/acme.atom"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"feeds\"\nkind = \"feed\"\nurls = [\"{}\", \"{}\"]\ndelay_ms = 0\n",
        server.url("/categories/remote-back-end-programming-jobs.rss"),
        server.url("/feed.atom")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "https://weworkremotely.com/remote-jobs/orchard-hr-backend-developer-node-js",
            "Backend Developer (Node.js)",
            "Orchard HR",
            "",
            None,
            "2026-11-03T09:00:00Z",
            "mongodb,nodejs,redis,typescript",
        ),
        row(
            "https://weworkremotely.com/remote-jobs/quillmark-senior-backend-engineer",
            "Senior Backend Engineer",
            "Quillmark",
            "",
            None,
            "2026-11-02T14:05:21Z",
            "elixir,postgresql,python",
        ),
        row(
            "urn:uuid:acme-job-77",
            "Site Reliability Engineer",
            "Acme Corp",
            "",
            None,
            "2026-10-30T07:15:00Z",
            "go,linux,terraform",
        ),
    ];
    assert_eq!(rows(&db, "feeds"), want);
    assert_plain_text(&db);
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    assert_eq!(rows(&db, "feeds"), want);
}

#[test]
fn html_boards_read_with_css_selectors() {
    let server = serve_site(StaticSite::from_disk(&fixture("sites/html-board")).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"harbor\"\nkind = \"html\"\nstart_urls = [\"{}\"]\nposting_links = \"li.job a\"\nnext_page = \"a.pager.next\"\n\
         title = \"h1.job-title\"\ncompany = \".org\"\nlocation = \".where\"\nposted_at = \"time, .date\"\ndate_format = \"%d %B %Y\"\n\
         description = \".job-description\"\ndelay_ms = 0\n",
        server.url("/index.html")
    );
    std::fs::write(dir.path().join("sources.toml"), &config).unwrap();
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("company selector `.org` matched nothing") && stderr.contains("/jobs/103.html"),
        "{stderr}"
    );
    let db = dir.path().join("jobs.db");
    let page = |n: u32| server.url(&format!("/jobs/{n}.html"));
    let want = vec![
        row(
            &page(101),
            "Backend Engineer",
            "Harbor Health",
            "Seattle, WA (Remote-friendly)",
            Some(1),
            "2026-10-05T00:00:00Z",
            "aws,docker,java,kotlin,postgresql",
        ),
        row(
            &page(102),
            "Database Administrator",
            "Harbor Health",
            "Portland, OR",
            None,
            "2026-10-12T00:00:00Z",
            "database_administration,mssql,powershell,sql,tsql",
        ),
        row(&page(103), "Data Analyst", "", "Remote", Some(1), "", "excel,pandas,python,sql"),
    ];
    assert_eq!(rows(&db, "harbor"), want);
    assert_plain_text(&db);
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    assert_eq!(rows(&db, "harbor"), want);
}

#[test]
fn dry_run_prints_start_urls_and_fetches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.toml"),
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\n\n[[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nboards = [\"acme\", \"globex\"]\n",
    )
    .unwrap();
    let out = skilltrend(dir.path())
        .args(["crawl", "--config", "sources.toml", "--dry-run"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000"),
        "{text}"
    );
    assert!(text.contains("https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true&pay_transparency=true"));
    assert!(text.contains("https://boards-api.greenhouse.io/v1/boards/globex/jobs?content=true&pay_transparency=true"));
    assert!(!dir.path().join("skilltrend.db").exists());
}

#[test]
fn source_filter_and_the_sources_listing() {
    let hn = hn_server();
    let mut ats = StaticSite::default();
    ats.insert(ASHBY_ACME, read("ashby/acme.json"));
    let ats = serve_site(ats);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2024-01\"\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"ashby\"\nkind = \"ashby\"\nbase_url = \"{}\"\nboards = [\"acme\"]\ndelay_ms = 0\n",
        hn.url(""),
        ats.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &["--source", "ashby"]), 0);
    assert!(hn.running.requests().is_empty(), "the hn source was not selected");
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(strings(&conn, "SELECT DISTINCT source FROM postings"), ["ashby"]);
    assert_eq!(crawl(dir.path(), &config, &["--source", "nope"]), 2);

    let out =
        skilltrend(dir.path()).args(["--db", "jobs.db", "sources"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let line = |name: &str| {
        text.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} missing: {text}")).to_string()
    };
    let ashby = line("ashby");
    assert!(
        ashby.contains(" 2 ") && ashby.contains("2026-08-03") && ashby.contains("2026-10-11") && ashby.ends_with("ok"),
        "{ashby}"
    );
    assert!(line("hn").contains("never run"), "{text}");
}

/// A posting's stored pay, as a researcher reads it back: the figures as
/// stated, their currency and period, and the yearly equivalents.
#[derive(Debug, PartialEq)]
struct StoredPay {
    id: String,
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<String>,
    annual_min: Option<f64>,
    annual_max: Option<f64>,
}

fn paid(
    id: &str,
    (min, max): (f64, f64),
    currency: &str,
    period: &str,
    (annual_min, annual_max): (f64, f64),
) -> StoredPay {
    StoredPay {
        id: id.into(),
        min: Some(min),
        max: Some(max),
        currency: Some(currency.into()),
        period: Some(period.into()),
        annual_min: Some(annual_min),
        annual_max: Some(annual_max),
    }
}

fn unpaid(id: &str) -> StoredPay {
    StoredPay { id: id.into(), min: None, max: None, currency: None, period: None, annual_min: None, annual_max: None }
}

fn stored_pay(db: &Path, source: &str) -> Vec<StoredPay> {
    let conn = open_db(db);
    let mut stmt = conn
        .prepare(
            "SELECT external_id, pay_min, pay_max, pay_currency, pay_period, pay_annual_min, pay_annual_max
             FROM postings WHERE source = ?1 ORDER BY external_id",
        )
        .unwrap();
    stmt.query_map([source], |r| {
        Ok(StoredPay {
            id: r.get(0)?,
            min: r.get(1)?,
            max: r.get(2)?,
            currency: r.get(3)?,
            period: r.get(4)?,
            annual_min: r.get(5)?,
            annual_max: r.get(6)?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Runs a crawl of `config` in `dir`; returns its exit code and stderr.
fn crawl_logged(dir: &Path, config: &str) -> (i32, String) {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let out = skilltrend(dir).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Serves `site` and crawls it as one API source (`name`, `kind` and its
/// `boards`/`sites` line) with no delay: the directory, the server, the
/// exit code and stderr.
fn crawl_api(site: StaticSite, name: &str, kind: &str, list: &str) -> (tempfile::TempDir, Server, i32, String) {
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"{name}\"\nkind = \"{kind}\"\nbase_url = \"{}\"\n{list}\ndelay_ms = 0\n",
        server.url("")
    );
    let (code, stderr) = crawl_logged(dir.path(), &config);
    (dir, server, code, stderr)
}

/// The lines of a crawl's log that count the postings whose stated pay was
/// refused as absurd.
fn refused_pay_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains("postings state pay no job pays")).collect()
}

#[test]
fn lever_salary_ranges_are_pay_placeholders_are_not_and_absurd_ranges_are_refused() {
    let mut site = StaticSite::default();
    site.insert("/postings/acme?mode=json&skip=0&limit=100", read("lever/acme.json"));
    site.insert("/postings/pay?mode=json&skip=0&limit=100", read("lever/pay.json"));
    let (dir, _server, code, stderr) = crawl_api(site, "lever", "lever", r#"sites = ["acme", "pay"]"#);
    assert_eq!(code, 0, "absurd pay is not a failure: {stderr}");
    let want = vec![
        paid("5d4f6a0e-1111-4a7b-9c1d-0f1e2d3c4b5a", (150_000.0, 190_000.0), "USD", "year", (150_000.0, 190_000.0)),
        paid("5d4f6a0e-2222-4a7b-9c1d-0f1e2d3c4b5a", (125_000.0, 155_000.0), "USD", "year", (125_000.0, 155_000.0)),
        // per-hour-wage: annualised at 2,080 hours.
        paid("5d4f6a0e-3333-4a7b-9c1d-0f1e2d3c4b5a", (45.0, 60.0), "USD", "hour", (93_600.0, 124_800.0)),
        // The placeholder range 1–2 is not pay.
        unpaid("5d4f6a0e-4444-4a7b-9c1d-0f1e2d3c4b5a"),
        // min 180,000 above max 18,000: refused, not stored.
        unpaid("5d4f6a0e-5555-4a7b-9c1d-0f1e2d3c4b5a"),
    ];
    assert_eq!(stored_pay(&dir.path().join("jobs.db"), "lever"), want);
    // Lever's workplaceType "hybrid" is stored as hybrid, and not as remote.
    let stated = strings(
        &open_db(&dir.path().join("jobs.db")),
        "SELECT workplace || ' ' || remote FROM postings WHERE external_id = '5d4f6a0e-5555-4a7b-9c1d-0f1e2d3c4b5a'",
    );
    assert_eq!(stated, ["hybrid 0"]);

    // Re-extraction reads the pay back from the payloads: compressed (as
    // written now) and plain text (as a database from before 0010 has them).
    let db = dir.path().join("jobs.db");
    let conn = open_db(&db);
    let first = count(&conn, "SELECT id FROM postings WHERE external_id = '5d4f6a0e-1111-4a7b-9c1d-0f1e2d3c4b5a'");
    let (_, text) = skilltrend::store::Store::open_read_only(&db).unwrap().posting_raw(first).unwrap().unwrap();
    conn.execute("UPDATE posting_raw SET payload = ?1 WHERE posting_id = ?2", rusqlite::params![text, first]).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_raw WHERE typeof(payload) = 'text'"), 1);
    assert!(count(&conn, "SELECT count(*) FROM posting_raw WHERE typeof(payload) = 'blob'") >= 2);
    conn.execute_batch(
        "UPDATE postings SET pay_min = NULL, pay_max = NULL, pay_currency = NULL, pay_period = NULL,
                             pay_annual_min = NULL, pay_annual_max = NULL",
    )
    .unwrap();
    drop(conn);
    skilltrend(dir.path()).args(["--db", "jobs.db", "reextract"]).assert().success();
    assert_eq!(stored_pay(&db, "lever"), want, "the pay re-extracted from the payloads");
}

#[test]
fn ashby_is_read_with_compensation_and_only_salary_components_are_pay() {
    let mut site = StaticSite::default();
    site.insert(ASHBY_ACME, read("ashby/acme.json"));
    let (dir, server, code, stderr) = crawl_api(site, "ashby", "ashby", r#"boards = ["acme"]"#);
    assert_eq!(code, 0, "{stderr}");
    assert!(server.running.requests().contains(&ASHBY_ACME.to_string()), "the board is asked for its compensation");
    let db = dir.path().join("jobs.db");
    let want = vec![
        // summaryComponents: the Salary one (the EquityPercentage one before it is not pay).
        paid("0b4f1c7e-aaaa-4d2e-9f00-1234567890ab", (165_000.0, 210_000.0), "USD", "year", (165_000.0, 210_000.0)),
        // Equity only: no pay.
        unpaid("0b4f1c7e-bbbb-4d2e-9f00-1234567890ab"),
    ];
    assert_eq!(stored_pay(&db, "ashby"), want);
    assert!(refused_pay_lines(&stderr).is_empty(), "{stderr}");
    // The raw payload kept for re-extraction holds the compensation object
    // (stored compressed: read back through the store).
    let id = strings(
        &open_db(&db),
        "SELECT CAST(id AS TEXT) FROM postings WHERE external_id = '0b4f1c7e-aaaa-4d2e-9f00-1234567890ab'",
    );
    let store = skilltrend::store::Store::open_read_only(&db).unwrap();
    let (_, raw) = store.posting_raw(id[0].parse().unwrap()).unwrap().expect("a payload");
    let raw: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(raw["compensation"]["summaryComponents"][1]["minValue"], 165_000);
    assert_eq!(raw["compensation"]["compensationTiers"].as_array().map(Vec::len), Some(2));
}

#[test]
fn greenhouse_pay_input_ranges_keep_the_widest_in_the_first_currency() {
    let mut site = StaticSite::default();
    site.insert(GREENHOUSE_ACME, read("greenhouse/acme-jobs.json"));
    let (dir, server, code, stderr) = crawl_api(site, "gh", "greenhouse", r#"boards = ["acme"]"#);
    assert_eq!(code, 0, "{stderr}");
    assert!(server.running.requests().contains(&GREENHOUSE_ACME.to_string()), "the board is asked for its pay ranges");
    let want = vec![
        // Cents; no period field, the blurb says "annual".
        paid("acme:4012345", (85_000.0, 105_000.0), "EUR", "year", (85_000.0, 105_000.0)),
        // Two EUR zones make 66,000–92,000; the GBP range after them is ignored.
        paid("acme:4012346", (66_000.0, 92_000.0), "EUR", "year", (66_000.0, 92_000.0)),
    ];
    assert_eq!(stored_pay(&dir.path().join("jobs.db"), "gh"), want);
    assert!(refused_pay_lines(&stderr).is_empty(), "{stderr}");
}

/// The documented list shape has no `pay_input_ranges`: each job is asked
/// for once more, alone, with `pay_transparency=true`, and stored from that
/// answer (a job gone since, 404, is skipped without failing the crawl).
#[test]
fn greenhouse_jobs_listed_without_pay_are_read_from_the_job_for_their_pay() {
    let mut site = StaticSite::default();
    site.insert("/boards/beta/jobs?content=true&pay_transparency=true", read("greenhouse/beta-jobs.json"));
    for id in ["5012345", "5012346"] {
        let body = read(&format!("greenhouse/beta-job-{id}.json"));
        site.insert(&format!("/boards/beta/jobs/{id}?pay_transparency=true"), body);
    }
    let (dir, server, code, stderr) = crawl_api(site, "gh", "greenhouse", r#"boards = ["beta"]"#);
    assert_eq!(code, 0, "a job gone since the list is not a failure: {stderr}");
    let asked = server.running.requests();
    for id in ["5012345", "5012346", "5012347"] {
        let url = format!("/boards/beta/jobs/{id}?pay_transparency=true");
        assert_eq!(asked.iter().filter(|r| **r == url).count(), 1, "{url} once: {asked:?}");
    }
    let want = vec![
        // Two USD zones make 140,000–200,000 a year; the CAD range after them is ignored.
        paid("beta:5012345", (140_000.0, 200_000.0), "USD", "year", (140_000.0, 200_000.0)),
        // The job states no pay ranges.
        unpaid("beta:5012346"),
    ];
    assert_eq!(stored_pay(&dir.path().join("jobs.db"), "gh"), want);
    let titles = strings(
        &open_db(&dir.path().join("jobs.db")),
        "SELECT title || ' | ' || company || ' | ' || substr(posted_at, 1, 10) FROM postings ORDER BY external_id",
    );
    assert_eq!(
        titles,
        [
            "Senior Backend Engineer, Billing | Beta Labs | 2026-09-20",
            "C++ <Backend> Engineer (R&D) | Beta Labs | 2026-10-01"
        ]
    );
}

/// Bad postings never fail a crawl: one with no title and no text is
/// stored with no role, level or pay; "Salary: $3 a year" in a text and
/// $50M a year in `pay_input_ranges` are not stored as pay, and counted.
#[test]
fn empty_postings_and_absurd_pay_are_stored_without_failing_the_crawl() {
    let body = r#"{"jobs":[
        {"id":1,"title":null,"content":null,"pay_input_ranges":[]},
        {"id":2,"title":"Backend Engineer","content":"&lt;p&gt;APIs in Go. Salary: $3 a year.&lt;/p&gt;","pay_input_ranges":[]},
        {"id":3,"title":"Backend Engineer","content":"&lt;p&gt;APIs in Go.&lt;/p&gt;",
         "pay_input_ranges":[{"min_cents":5000000000,"max_cents":5000000000,"currency_type":"USD","title":"","blurb":""}]}
    ]}"#;
    let mut site = StaticSite::default();
    site.insert("/boards/bad/jobs?content=true&pay_transparency=true", body.as_bytes().to_vec());
    let (dir, _server, code, stderr) = crawl_api(site, "gh", "greenhouse", r#"boards = ["bad"]"#);
    assert_eq!(code, 0, "{stderr}");
    let db = dir.path().join("jobs.db");
    assert_eq!(stored_pay(&db, "gh"), vec![unpaid("bad:1"), unpaid("bad:2"), unpaid("bad:3")]);
    let conn = open_db(&db);
    let facts = strings(
        &conn,
        "SELECT external_id || ' ' || role_mask || ' ' || level_mask FROM postings ORDER BY external_id",
    );
    assert_eq!(facts, ["bad:1 0 0", "bad:2 1 0", "bad:3 1 0"]);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM posting_roles r JOIN postings p ON p.id = r.posting_id WHERE p.external_id = 'bad:1'"
        ),
        0
    );
    let refused = refused_pay_lines(&stderr);
    assert_eq!(refused.len(), 1, "{stderr}");
    assert!(refused[0].contains("source=gh") && refused[0].contains(" 2 postings state pay"), "{stderr}");
    // `explain` says why each was refused.
    for (external_id, says) in [("bad:2", "\"$3\""), ("bad:3", "the source's structured pay 50000000 USD per year")] {
        let id = count(&conn, &format!("SELECT id FROM postings WHERE external_id = '{external_id}'")).to_string();
        let out = skilltrend(dir.path()).args(["--db", "jobs.db", "explain", &id]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("pay: none stated"), "{text}");
        let line = text.lines().find(|l| l.contains("not pay:") && l.contains(says));
        assert!(line.is_some_and(|l| l.ends_with("implausible")), "{external_id}: {text}");
    }
}

/// A list that carries `pay_input_ranges` (as `acme-jobs.json` does) needs
/// no request per job.
#[test]
fn greenhouse_jobs_listed_with_pay_are_not_asked_for_again() {
    let mut site = StaticSite::default();
    site.insert(GREENHOUSE_ACME, read("greenhouse/acme-jobs.json"));
    let (_dir, server, code, stderr) = crawl_api(site, "gh", "greenhouse", r#"boards = ["acme"]"#);
    assert_eq!(code, 0, "{stderr}");
    let asked: Vec<String> = server.running.requests().into_iter().filter(|r| !r.starts_with("/robots.txt")).collect();
    assert_eq!(asked, [GREENHOUSE_ACME.to_string()]);
}

#[test]
fn jsonld_base_salary_is_pay_estimated_salary_is_not_and_absurd_pay_is_refused() {
    let server = serve_site(StaticSite::from_disk(&fixture("sites/jsonld")).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"{}\"]\ndelay_ms = 0\n",
        server.url("/index.html")
    );
    let (code, stderr) = crawl_logged(dir.path(), &config);
    assert_eq!(code, 0, "absurd pay is not a failure: {stderr}");
    let two_roles = server.url("/jobs/two-roles.html");
    let want = vec![
        // baseSalary: a MonetaryAmount with a QuantitativeValue per YEAR.
        paid("1001", (72_000.0, 88_000.0), "EUR", "year", (72_000.0, 88_000.0)),
        // baseSalary 95,000 to 9,500 a year: refused.
        unpaid("ACME-1002"),
        // estimatedSalary only: an estimate, not stated pay.
        unpaid("ACME-1004"),
        unpaid("ACME-1005"),
        unpaid(&two_roles),
        unpaid(&format!("{two_roles}#1")),
    ];
    assert_eq!(stored_pay(&dir.path().join("jobs.db"), "acme"), want);
}

/// The crawl says, once per source, how many postings stated pay that was
/// refused as absurd (Lever's `pay` site: min 180,000 above max 18,000;
/// the JSON-LD site: 95,000 to 9,500 a year), so that a user knows pay was
/// dropped.
#[test]
fn absurd_stated_pay_is_counted_once_per_source() {
    let mut site = StaticSite::default();
    site.insert("/postings/pay?mode=json&skip=0&limit=100", read("lever/pay.json"));
    let api = serve_site(site);
    let career = serve_site(StaticSite::from_disk(&fixture("sites/jsonld")).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"lever\"\nkind = \"lever\"\nbase_url = \"{}\"\nsites = [\"pay\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"{}\"]\ndelay_ms = 0\n",
        api.url(""),
        career.url("/index.html")
    );
    let (code, stderr) = crawl_logged(dir.path(), &config);
    assert_eq!(code, 0, "{stderr}");
    let refused = refused_pay_lines(&stderr);
    assert_eq!(refused.len(), 2, "one line per source: {stderr}");
    for source in ["source=lever", "source=acme"] {
        let line: Vec<&&str> = refused.iter().filter(|l| l.contains(source)).collect();
        assert_eq!(line.len(), 1, "{source}: {stderr}");
        assert!(line[0].contains(" 1 postings state pay"), "{stderr}");
    }
}

/// One hiring thread (March 2024) whose comments offer several jobs each,
/// under a first line that names none ("Multiple roles", "Engineering").
fn hn_multi_job_server() -> Server {
    let comment = |id: u64, text: &str| serde_json::json!({"id": id, "author": "hr", "created_at": "2024-03-01T17:00:00.000Z", "text": text});
    let thread = serde_json::json!({"id": 39562986, "title": "Ask HN: Who is hiring? (March 2024)", "children": [
        comment(39570001, "Northwind Labs | Multiple roles | Remote (US)<p>We are hiring for:<p>- Senior Backend Engineer (Go, Postgres)<p>- Frontend Engineer (React)<p>- SRE &#x2F; DevOps<p>Apply at https:&#x2F;&#x2F;northwind.example&#x2F;jobs"),
        comment(39570002, "Quarry Systems | Engineering | Berlin | ONSITE<p>Open roles: Data Engineer, iOS Engineer."),
    ]});
    let search = serde_json::json!({"hits": [{"objectID": "39562986", "title": "Ask HN: Who is hiring? (March 2024)",
        "created_at": "2024-03-01T16:00:00.000Z"}], "page": 0, "nbPages": 1});
    let mut site = StaticSite::default();
    site.insert("/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000", search.to_string().into_bytes());
    site.insert("/items/39562986", thread.to_string().into_bytes());
    serve_site(site)
}

/// Each stored HN posting's roles, by external id.
fn stored_roles(db: &Path) -> Vec<String> {
    strings(
        &open_db(db),
        "SELECT p.external_id || ': ' || group_concat(r.role, ',') FROM postings p
         JOIN (SELECT posting_id, role FROM posting_roles ORDER BY role) r ON r.posting_id = p.id
         GROUP BY p.id ORDER BY p.external_id",
    )
}

#[test]
fn an_hn_comment_offering_several_jobs_stores_every_jobs_role_in_crawl_reextract_extract_and_explain() {
    let server = hn_multi_job_server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{}\"\nsince = \"2024-03\"\ndelay_ms = 0\n",
        server.url("")
    );
    assert_eq!(crawl(dir.path(), &config, &[]), 0);
    let db = dir.path().join("jobs.db");
    let want = ["39570001: backend,devops,frontend", "39570002: data,mobile"];
    assert_eq!(stored_roles(&db), want, "the first line names no job: the body's jobs are kept");
    let titles = strings(&open_db(&db), "SELECT title FROM postings ORDER BY external_id");
    assert_eq!(titles, ["Multiple roles", "Engineering"], "the stored title is still the first line's");

    // reextract reads the comment the same way: nothing changes.
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "reextract"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stored_roles(&db), want);

    // extract --jsonl on the stored text agrees, and explain names the body's jobs.
    let text = strings(&open_db(&db), "SELECT description FROM postings WHERE external_id = '39570001'").remove(0);
    let line = serde_json::json!({"id": 1, "text": text}).to_string() + "\n";
    let out = skilltrend(dir.path()).args(["extract", "--jsonl"]).write_stdin(line).output().unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["roles"], serde_json::json!(["backend", "frontend", "devops"]));
    let id = count(&open_db(&db), "SELECT id FROM postings WHERE external_id = '39570001'").to_string();
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "explain", &id]).output().unwrap();
    let explained = String::from_utf8_lossy(&out.stdout);
    assert!(explained.contains("roles: backend, devops, frontend"), "{explained}");
    assert!(explained.contains("role backend: \"Senior Backend Engineer\" (text, text: job list)"), "{explained}");
}
