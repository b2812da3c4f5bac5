//! The Recruitee careers sites and the four public boards (RemoteOK,
//! Arbeitnow, Himalayas, Jobicy) against a local server serving fixtures in
//! the exact shape of each API (through `base_url`): the stored postings,
//! their dates, remote flags and pay asserted exactly, the paging, a board
//! that fails alone, hostile answers, and `min_interval_secs`.

use std::path::Path;

use crate::common::{Server, count, fixture, open_db, payloads, serve_site, skilltrend, strings};
use skilltrend::demo::server::StaticSite;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}

/// A stored posting: id, title, company, location, remote, posted_at,
/// url, pay (min, max, currency, period) and skills, as one line.
fn rows(db: &Path, source: &str) -> Vec<String> {
    strings(
        &open_db(db),
        &format!(
            "SELECT external_id || ' | ' || coalesce(title, '-') || ' | ' || coalesce(company, '-') || ' | '
                 || coalesce(location, '-') || ' | ' || coalesce(remote, '-') || ' | ' || coalesce(posted_at, '-')
                 || ' | ' || coalesce(url, '-') || ' | ' || coalesce(pay_min || '-' || pay_max || ' ' || pay_currency
                 || '/' || pay_period, 'no pay') || ' | '
                 || coalesce((SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills
                              WHERE posting_id = p.id ORDER BY skill_id)), '')
             FROM postings p WHERE source = '{source}' ORDER BY external_id"
        ),
    )
}

fn description(db: &Path, id: &str) -> String {
    strings(&open_db(db), &format!("SELECT description FROM postings WHERE external_id = '{id}'")).remove(0)
}

/// Runs a crawl of `config` in `dir` with `extra` arguments: exit code,
/// stdout and stderr.
fn crawl(dir: &Path, config: &str, extra: &[&str]) -> (i32, String, String) {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let mut args = vec!["--db", "jobs.db", "crawl", "--config", "sources.toml"];
    args.extend_from_slice(extra);
    let out = skilltrend(dir).args(&args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// A source of `kind` named after it on `server`, no delay, no minimum
/// interval, then `rest`.
fn source(kind: &str, server: &Server, rest: &str) -> String {
    format!(
        "[[sources]]\nname = \"{kind}\"\nkind = \"{kind}\"\nbase_url = \"{}\"\ndelay_ms = 0\nmin_interval_secs = 0\n{rest}\n",
        server.url("")
    )
}

fn run_sources(db: &Path) -> Vec<String> {
    strings(
        &open_db(db),
        "SELECT source || ' ' || status || ' ' || coalesce(error, '') FROM crawl_run_sources
         WHERE run_id = (SELECT max(id) FROM crawl_runs) ORDER BY source",
    )
}

fn changed_by_last_run(db: &Path) -> i64 {
    count(&open_db(db), "SELECT postings_new + postings_updated FROM crawl_runs ORDER BY id DESC LIMIT 1")
}

#[test]
fn recruitee_companies_and_an_unknown_company() {
    let mut site = StaticSite::default();
    site.insert("/acme/api/offers/", read("recruitee/acme-offers.json"));
    site.insert("/globex/api/offers/", read("recruitee/globex-offers.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = source("recruitee", &server, "companies = [\"acme\", \"ghost\", \"globex\"]");
    let (code, stdout, _) = crawl(dir.path(), &config, &[]);
    assert_eq!(code, 1, "an unknown company fails that company only: {stdout}");
    let db = dir.path().join("jobs.db");
    let want = [
        "1804211 | Senior Backend Engineer (Go) | Acme Logistics B.V. | Remote job | 1 | 2026-10-01T09:30:00Z | https://careers.acme-logistics.example/o/senior-backend-engineer-go | 70000.0-90000.0 EUR/year | go,kafka,kubernetes,postgresql,rust",
        "1804230 | Data Engineer | Acme Logistics B.V. | Utrecht, Utrecht, Netherlands | 0 | 2026-09-15T14:05:00Z | https://careers.acme-logistics.example/o/data-engineer | no pay | airflow,dbt,snowflake",
        "1804255 | Werkstudent DevOps (m/w/d) | Acme Logistics B.V. | Berlin, Berlin, Germany | 0 | 2026-11-20T08:00:00Z | https://acmelogistics.recruitee.com/o/werkstudent-devops-mwd | 18.0-22.0 EUR/hour | aws,linux,python,terraform",
        "2290017 | Frontend Developer | Globex | Amsterdam, North Holland, Netherlands | 0 | 2026-11-02T10:00:00Z | https://globex.recruitee.com/o/frontend-developer | no pay | react,typescript",
    ];
    assert_eq!(rows(&db, "recruitee"), want);
    assert_eq!(
        description(&db, "1804211"),
        "Acme moves freight across Europe. You will build our routing services in Go on PostgreSQL & Kafka.\n\n• 5+ years of Go or Rust\n\n• Kubernetes in production"
    );
    assert_eq!(
        description(&db, "1804255"),
        "Du unterstützt unser Team bei Terraform & AWS.\n\nErste Erfahrung mit Linux und Python."
    );
    let raw = payloads(&db);
    assert_eq!(raw.iter().filter(|(_, _, p)| p.contains("mailbox")).count(), 0);
    assert_eq!(raw.iter().filter(|(_, _, p)| p.contains("\"salary\"")).count(), 4);
    let runs = run_sources(&db);
    assert_eq!(runs.len(), 1);
    assert!(runs[0].starts_with("recruitee partial company ghost: "), "{runs:?}");
    assert!(runs[0].contains("/ghost/api/offers/") && runs[0].contains("404"), "{runs:?}");
    assert!(stdout.contains("recruitee: company ghost: "), "{stdout}");

    assert_eq!(crawl(dir.path(), &config, &[]).0, 1);
    assert_eq!(rows(&db, "recruitee"), want);
    assert_eq!(changed_by_last_run(&db), 0);
}

#[test]
fn remoteok_skips_the_legal_notice_and_reads_usd_pay() {
    let mut site = StaticSite::default();
    site.insert("/api", read("remoteok/api.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = crawl(dir.path(), &source("remoteok", &server, ""), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stderr.contains("unexpected shape"), "the legal notice is not a job: {stderr}");
    let db = dir.path().join("jobs.db");
    assert_eq!(
        rows(&db, "remoteok"),
        [
            "1129802 | Platform Engineer | Bergwerk GmbH | MÃ1⁄4nchen | - | 2026-11-28T10:00:00Z | https://remoteok.com/remote-jobs/remote-platform-engineer-bergwerk-1129802 | 70000.0-70000.0 USD/year | go,kubernetes,terraform",
            "1129850 | Java Developer & Team Lead | CI&T | - | - | 2026-11-29T10:00:00Z | https://remoteok.com/remote-jobs/remote-java-developer-ci-t-1129850 | no pay | aws,java,kafka,spring_boot",
            "1129871 | Senior Rust Engineer | Ferrous Labs | Worldwide | - | 2026-11-30T10:00:00Z | https://remoteok.com/remote-jobs/remote-senior-rust-engineer-ferrous-labs-1129871 | 120000.0-160000.0 USD/year | postgresql,rust,tokio",
        ]
    );
    assert_eq!(
        description(&db, "1129850"),
        "We are looking for a Java developer.\nSpring Boot, Kafka and AWS.\nPlease mention the word **CASCADE** when applying."
    );
}

#[test]
fn arbeitnow_pages_by_links_next_on_the_configured_host_until_a_page_is_empty() {
    let mut site = StaticSite::default();
    site.insert("/api/job-board-api", read("arbeitnow/page-1.json"));
    site.insert("/api/job-board-api?page=2", read("arbeitnow/page-2.json"));
    site.insert("/api/job-board-api?page=3", read("arbeitnow/page-3.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = crawl(dir.path(), &source("arbeitnow", &server, ""), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let api: Vec<String> = server.running.requests().into_iter().filter(|p| p.starts_with("/api/")).collect();
    assert_eq!(api, ["/api/job-board-api", "/api/job-board-api?page=2", "/api/job-board-api?page=3"]);
    let db = dir.path().join("jobs.db");
    assert_eq!(
        rows(&db, "arbeitnow"),
        [
            "backend-entwickler-php-laravel-berlin-412345 | Backend Entwickler (m/w/d) PHP / Laravel | Kiezkantine GmbH | Berlin | 0 | 2026-12-01T07:00:00Z | https://www.arbeitnow.com/jobs/companies/kiezkantine-gmbh/backend-entwickler-php-laravel-berlin-412345 | no pay | laravel,mysql,php,redis",
            "devops-engineer-kubernetes-muenchen-411999 | DevOps Engineer Kubernetes | Alpenstack | München | 0 | 2026-11-28T08:00:00Z | https://www.arbeitnow.com/jobs/companies/alpenstack/devops-engineer-kubernetes-muenchen-411999 | no pay | kubernetes,terraform",
            "senior-python-engineer-remote-412300 | Senior Python Engineer | Datenwerk AG | Hamburg | 1 | 2026-11-30T08:00:00Z | https://www.arbeitnow.com/jobs/companies/datenwerk-ag/senior-python-engineer-remote-412300 | no pay | airflow,python",
        ]
    );
    assert_eq!(
        description(&db, "senior-python-engineer-remote-412300"),
        "You will build data pipelines in Python with Airflow.\n\nFind Jobs in Germany on Arbeitnow"
    );
}

#[test]
fn himalayas_pages_by_cursor_and_reads_its_salary_fields() {
    let mut site = StaticSite::default();
    site.insert("/jobs/api?limit=20", read("himalayas/page-1.json"));
    site.insert("/jobs/api?limit=20&cursor=eyJpZCI6MjB9fQ%3D%3D", read("himalayas/page-2.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = crawl(dir.path(), &source("himalayas", &server, ""), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let db = dir.path().join("jobs.db");
    assert_eq!(
        rows(&db, "himalayas"),
        [
            "https://himalayas.app/companies/brightline-health/jobs/junior-data-analyst | Junior Data Analyst | Brightline Health | United Kingdom | - | 2026-11-28T12:00:00Z | https://himalayas.app/companies/brightline-health/jobs/junior-data-analyst | no pay | looker,python,sql",
            "https://himalayas.app/companies/northwind-cloud/jobs/staff-backend-engineer | Staff Backend Engineer | Northwind Cloud | United States, Canada | - | 2026-11-30T12:00:00Z | https://himalayas.app/companies/northwind-cloud/jobs/staff-backend-engineer | 150000.0-185000.0 USD/year | grpc,kotlin,postgresql",
            "https://himalayas.app/companies/tallinn-data/jobs/site-reliability-engineer | Site Reliability Engineer | Tallinn Data OÜ | - | - | 2026-11-29T12:00:00Z | https://himalayas.app/companies/tallinn-data/jobs/site-reliability-engineer | 4500.0-6000.0 EUR/month | kubernetes,prometheus,terraform",
        ]
    );
}

#[test]
fn a_himalayas_cursor_that_loops_is_stopped_and_reported_and_one_that_never_ends_is_cut_at_max_pages() {
    let page = |cursor: &str, guid: &str| {
        format!(r#"{{"nextCursor":"{cursor}","jobs":[{{"guid":"https://himalayas.app/companies/x/jobs/{guid}","title":"Engineer"}}]}}"#)
            .into_bytes()
    };
    let mut site = StaticSite::default();
    site.insert("/jobs/api?limit=20", page("A", "a"));
    site.insert("/jobs/api?limit=20&cursor=A", page("B", "b"));
    site.insert("/jobs/api?limit=20&cursor=B", page("A", "c"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = crawl(dir.path(), &source("himalayas", &server, ""), &[]);
    assert_eq!(code, 1, "{stdout}");
    let db = dir.path().join("jobs.db");
    assert_eq!(count(&open_db(&db), "SELECT count(*) FROM postings"), 3);
    let want = format!(
        "himalayas partial {}: nextCursor \"A\" was already asked for (the cursor loops); paging stopped after 3 pages",
        server.url("/jobs/api?limit=20&cursor=B")
    );
    assert_eq!(run_sources(&db), [want]);

    // A cursor that is new on every page ends at max_pages, said so.
    let mut site = StaticSite::default();
    site.insert("/jobs/api?limit=20", page("c1", "a"));
    for n in 1..10 {
        site.insert(&format!("/jobs/api?limit=20&cursor=c{n}"), page(&format!("c{}", n + 1), &format!("p{n}")));
    }
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = crawl(dir.path(), &source("himalayas", &server, "max_pages = 4"), &[]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(server.running.requests().iter().filter(|p| p.starts_with("/jobs/")).count(), 4);
    assert!(stdout.contains("himalayas: max_pages (4) reached: 1 more URLs not fetched"), "{stdout}");
}

#[test]
fn jobicy_dates_without_a_zone_are_utc_and_titles_lose_their_entities() {
    let mut site = StaticSite::default();
    site.insert("/api/v2/remote-jobs?count=50", read("jobicy/remote-jobs.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = crawl(dir.path(), &source("jobicy", &server, ""), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let db = dir.path().join("jobs.db");
    assert_eq!(
        rows(&db, "jobicy"),
        [
            "128777 | PHP Developer | Webhaus | Germany | - | 2026-11-26T18:00:00Z | https://jobicy.com/jobs/128777-php-developer | 60000.0-75000.0 EUR/year | mysql,php,symfony",
            "128790 | R&D Engineer - Platform | Lumen & Co | Anywhere | - | 2026-11-27T09:05:00Z | https://jobicy.com/jobs/128790-r-d-engineer-platform | no pay | aws,python,rust",
            "128801 | Senior Golang Developer | Quantum Ledger | Canada, USA | - | 2026-11-28T14:31:07Z | https://jobicy.com/jobs/128801-senior-golang-developer | 90000.0-120000.0 USD/year | docker,go,grpc,postgresql",
        ]
    );
    assert_eq!(
        description(&db, "128801"),
        "Quantum Ledger builds payment infrastructure in Go.\n\n• gRPC & PostgreSQL\n• Docker"
    );
}

#[test]
fn dry_run_lists_each_kinds_start_urls() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[[sources]]\nname = \"r\"\nkind = \"recruitee\"\ncompanies = [\"acme\", \"globex\"]\n\n\
                  [[sources]]\nname = \"ro\"\nkind = \"remoteok\"\n\n[[sources]]\nname = \"an\"\nkind = \"arbeitnow\"\n\n\
                  [[sources]]\nname = \"hi\"\nkind = \"himalayas\"\n\n[[sources]]\nname = \"jo\"\nkind = \"jobicy\"\n\n\
                  [[sources]]\nname = \"mirror\"\nkind = \"jobicy\"\nbase_url = \"http://127.0.0.1:8080/prefix/\"\n";
    let (code, stdout, stderr) = crawl(dir.path(), config, &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "r (recruitee), allowed hosts: acme.recruitee.com, globex.recruitee.com\n  https://acme.recruitee.com/api/offers/\n  https://globex.recruitee.com/api/offers/\n\
         ro (remoteok), allowed hosts: remoteok.com\n  https://remoteok.com/api\n\
         an (arbeitnow), allowed hosts: www.arbeitnow.com\n  https://www.arbeitnow.com/api/job-board-api\n\
         hi (himalayas), allowed hosts: himalayas.app\n  https://himalayas.app/jobs/api?limit=20\n\
         jo (jobicy), allowed hosts: jobicy.com\n  https://jobicy.com/api/v2/remote-jobs?count=50\n\
         mirror (jobicy), allowed hosts: 127.0.0.1\n  http://127.0.0.1:8080/prefix/api/v2/remote-jobs?count=50\n"
    );
    assert!(!dir.path().join("jobs.db").exists());
}

#[test]
fn min_interval_skips_a_board_crawled_too_recently_and_says_so() {
    let mut site = StaticSite::default();
    site.insert("/api/v2/remote-jobs?count=50", read("jobicy/remote-jobs.json"));
    site.insert("/broken/api", b"[{\"legal\":\"x\"},".to_vec());
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    // Jobicy keeps its default (6 hours); the broken RemoteOK mirror asks
    // for an hour.
    let config = format!(
        "[[sources]]\nname = \"jobicy\"\nkind = \"jobicy\"\nbase_url = \"{}\"\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"remoteok\"\nkind = \"remoteok\"\nbase_url = \"{}\"\ndelay_ms = 0\nmin_interval_secs = 3600\n",
        server.url(""),
        server.url("/broken")
    );
    let asked = |path: &str| server.running.requests().iter().filter(|p| p.as_str() == path).count();
    let (code, stdout, _) = crawl(dir.path(), &config, &[]);
    assert_eq!(code, 1, "the broken board fails alone: {stdout}");
    let db = dir.path().join("jobs.db");
    let runs = run_sources(&db);
    assert_eq!(runs[0], "jobicy ok ");
    assert!(runs[1].starts_with("remoteok failed ") && runs[1].contains("not a Remote OK API response"), "{runs:?}");
    assert_eq!(count(&open_db(&db), "SELECT count(*) FROM postings WHERE source = 'jobicy'"), 3);

    // Soon after: Jobicy is skipped, said so; RemoteOK, which failed, is
    // crawled again.
    let started = strings(&open_db(&db), "SELECT started_at FROM crawl_runs ORDER BY id").remove(0);
    let next = chrono::DateTime::parse_from_rfc3339(&started).unwrap() + chrono::Duration::seconds(6 * 3600 - 60);
    let (code, stdout, _) = crawl(dir.path(), &config, &[]);
    assert_eq!(code, 1);
    let said = format!(
        "jobicy: skipped: its last crawl started at {started}, less than min_interval_secs (21600) ago; next crawl from {}\n",
        next.format("%Y-%m-%dT%H:%M:%SZ")
    );
    assert!(stdout.contains(&said), "{stdout}");
    assert_eq!(asked("/api/v2/remote-jobs?count=50"), 1);
    assert_eq!(asked("/broken/api"), 2);
    assert_eq!(strings(&open_db(&db), "SELECT sources FROM crawl_runs ORDER BY id DESC LIMIT 1"), ["remoteok"]);
    assert_eq!(run_sources(&db).len(), 1);
    let (_, dry, _) = crawl(dir.path(), &config, &["--dry-run"]);
    let jobicy = format!(
        "jobicy (jobicy), allowed hosts: 127.0.0.1\n  {}\n  (skipped now: min_interval_secs; next crawl from {})\n",
        server.url("/api/v2/remote-jobs?count=50"),
        next.format("%Y-%m-%dT%H:%M:%SZ")
    );
    assert!(dry.starts_with(&jobicy) && !dry[jobicy.len()..].contains("skipped"), "{dry}");

    // `--ignore-min-interval` crawls it anyway; so does a run once the
    // last good crawl is old enough (as the run records say).
    assert_eq!(crawl(dir.path(), &config, &["--ignore-min-interval", "--source", "jobicy"]).0, 0);
    assert_eq!(asked("/api/v2/remote-jobs?count=50"), 2);
    assert_eq!(crawl(dir.path(), &config, &["--source", "jobicy"]).0, 0);
    assert_eq!(asked("/api/v2/remote-jobs?count=50"), 2);
    open_db(&db).execute("UPDATE crawl_runs SET started_at = '2026-01-01T00:00:00Z'", []).unwrap();
    let (code, stdout, _) = crawl(dir.path(), &config, &["--source", "jobicy"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("skipped"), "{stdout}");
    assert_eq!(asked("/api/v2/remote-jobs?count=50"), 3);
}

/// Each kind's API path under a `base_url` of `/{prefix}`.
fn api_path(kind: &str, prefix: &str) -> String {
    let path = match kind {
        "recruitee" => "/acme/api/offers/",
        "remoteok" => "/api",
        "arbeitnow" => "/api/job-board-api",
        "himalayas" => "/jobs/api?limit=20",
        _ => "/api/v2/remote-jobs?count=50",
    };
    format!("/{prefix}{path}")
}

#[test]
fn hostile_answers_fail_their_board_alone_and_never_panic() {
    let kinds = [
        ("recruitee", "recruitee/acme-offers.json", r#"{"offers":{"id":1}}"#, "not a Recruitee offers response"),
        ("remoteok", "remoteok/api.json", r#"{"legal":"x"}"#, "not a Remote OK API response"),
        ("arbeitnow", "arbeitnow/page-2.json", r#"{"data":"none","links":[]}"#, "not an Arbeitnow job board response"),
        ("himalayas", "himalayas/page-2.json", r#"{"jobs":7,"nextCursor":[]}"#, "not a Himalayas jobs API response"),
        ("jobicy", "jobicy/remote-jobs.json", r#"{"jobs":null}"#, "not a Jobicy remote-jobs response"),
    ];
    let mut site = StaticSite::default();
    let mut config = String::new();
    let mut want = Vec::new();
    for (kind, good, types, message) in kinds {
        let good = read(good);
        let mut bad_utf8 = good.clone();
        let key: &[u8] = match kind {
            "remoteok" => b"\"position\": \"",
            "jobicy" => b"\"jobTitle\": \"",
            _ => b"\"title\": \"",
        };
        let at = bad_utf8.windows(key.len()).position(|w| w == key).unwrap() + key.len();
        bad_utf8.splice(at..at, b"\xff\xfe".iter().copied());
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("cut", good[..good.len() * 2 / 5].to_vec()),
            ("types", types.as_bytes().to_vec()),
            ("xml", b"<?xml version=\"1.0\"?><rss><channel><item><title>x</title></item></channel></rss>".to_vec()),
            ("deep", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
            ("huge", [b"[".to_vec(), b"{\"id\":1},".repeat(200_000), b"{}]".to_vec()].concat()),
            ("utf8", bad_utf8),
        ];
        for (case, body) in cases {
            let name = format!("{kind}-{case}");
            site.insert(&api_path(kind, &name), body);
            let list = if kind == "recruitee" { "companies = [\"acme\"]\n" } else { "" };
            config.push_str(&format!(
                "[[sources]]\nname = \"{name}\"\nkind = \"{kind}\"\nbase_url = \"BASE/{name}\"\ndelay_ms = 0\nmin_interval_secs = 0\nmax_body_bytes = 1000000\n{list}\n"
            ));
            want.push(match case {
                "huge" => format!("{name} failed max_body_bytes"),
                "utf8" => format!("{name} ok"),
                _ => format!("{name} failed {message}"),
            });
        }
    }
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = crawl(dir.path(), &config.replace("BASE", &server.url("")), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let db = dir.path().join("jobs.db");
    want.sort();
    let got: Vec<String> = run_sources(&db)
        .into_iter()
        .zip(&want)
        .map(|(row, w)| {
            let needle = w.splitn(3, ' ').nth(2).unwrap_or("");
            assert!(row.contains(needle), "{row} does not say {needle:?}");
            row.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" ") + if needle.is_empty() { "" } else { " " } + needle
        })
        .collect();
    assert_eq!(got, want);
    // Only the answers with invalid UTF-8 in a title are stored: in full,
    // the bytes replaced, every field plain text.
    let conn = open_db(&db);
    let stored = strings(&conn, "SELECT source || ' ' || count(*) FROM postings GROUP BY source ORDER BY source");
    assert_eq!(
        stored,
        ["arbeitnow-utf8 1", "himalayas-utf8 1", "jobicy-utf8 3", "recruitee-utf8 3", "remoteok-utf8 3"]
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM postings WHERE title LIKE '%' || char(65533) || char(65533) || '%'"),
        5
    );
}
