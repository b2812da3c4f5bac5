//! A public page must not turn the crawler against its user's network:
//! hosts that resolve to private, loopback or link-local addresses are
//! refused unless the source's own configured URLs name them.

use std::time::Duration;

use crate::common::{open_db, skilltrend, strings};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn html(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/html")
}

async fn crawl(dir: &std::path::Path, config: String) -> i32 {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        skilltrend(&dir)
            .args(["--db", "jobs.db", "crawl", "--config", "sources.toml"])
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn links_and_redirects_to_other_local_hosts_are_refused() {
    let server = MockServer::start().await;
    let port = server.address().port();
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(html(&format!(
            "<a href=\"http://localhost:{port}/by-name\">a</a>\
             <a href=\"http://127.0.0.2:{port}/by-ip\">b</a>\
             <a href=\"/bounce\">c</a>\
             <a href=\"http://[::1]:{port}/v6\">d</a>"
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/bounce"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("Location", format!("http://127.0.0.3:{port}/by-redirect")),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    // The user allows these hosts for links, but configured only 127.0.0.1.
    let code = crawl(
        dir.path(),
        format!(
            "[[sources]]\nname = \"site\"\nkind = \"jsonld\"\nstart_urls = [\"{}/\"]\n\
             allowed_hosts = [\"127.0.0.1\", \"localhost\", \"127.0.0.2\", \"127.0.0.3\", \"[::1]\"]\ndelay_ms = 0\nmax_retries = 0\n",
            server.uri()
        ),
    )
    .await;
    assert_eq!(code, 1, "refusals are failures the run reports");
    let requested: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect();
    for never in ["/by-name", "/by-ip", "/by-redirect", "/v6"] {
        assert!(!requested.iter().any(|p| p == never), "{never} was requested: {requested:?}");
    }
    let conn = open_db(&dir.path().join("jobs.db"));
    let error = strings(&conn, "SELECT error FROM crawl_run_sources").remove(0);
    assert!(error.contains("private, loopback or link-local"), "{error}");
    assert_eq!(crate::common::count(&conn, "SELECT failed FROM crawl_runs"), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_configured_local_host_is_allowed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(html(r#"<script type="application/ld+json">{"@type":"JobPosting","title":"Go developer","description":"Go and Python","identifier":{"value":"1"}}</script>"#))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    // "localhost" is what the user configured: it may be local.
    let url = format!("http://localhost:{}/", server.address().port());
    let code = crawl(
        dir.path(),
        format!("[[sources]]\nname = \"mine\"\nkind = \"jsonld\"\nstart_urls = [\"{url}\"]\ndelay_ms = 0\n"),
    )
    .await;
    assert_eq!(code, 0);
    assert_eq!(strings(&open_db(&dir.path().join("jobs.db")), "SELECT external_id FROM postings"), ["1"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_source_that_does_not_trust_a_local_host_does_not_block_one_that_does() {
    let pages = MockServer::start().await;
    let jobs = MockServer::start().await;
    let on_jobs = |p: &str| format!("http://localhost:{}{p}", jobs.address().port());
    Mock::given(method("GET"))
        .and(path("/a"))
        .respond_with(html(&format!("<a href=\"{}\">1</a>", on_jobs("/jobs/1"))))
        .mount(&pages)
        .await;
    // Slow, so that the first source has asked about the jobs host before.
    Mock::given(method("GET"))
        .and(path("/b"))
        .respond_with(html(&format!("<a href=\"{}\">2</a>", on_jobs("/jobs/2"))).set_delay(Duration::from_secs(1)))
        .mount(&pages)
        .await;
    for id in ["1", "2"] {
        Mock::given(method("GET"))
            .and(path(format!("/jobs/{id}")))
            .respond_with(html(&format!(r#"<script type="application/ld+json">{{"@type":"JobPosting","title":"Go developer","description":"Go","identifier":{{"value":"{id}"}}}}</script>"#)))
            .mount(&jobs)
            .await;
    }
    let port = pages.address().port();
    let dir = tempfile::tempdir().unwrap();
    // "first" configured only 127.0.0.1; "second" configured localhost.
    let code = crawl(
        dir.path(),
        format!(
            "[[sources]]\nname = \"first\"\nkind = \"jsonld\"\nstart_urls = [\"http://127.0.0.1:{port}/a\"]\n\
             allowed_hosts = [\"127.0.0.1\", \"localhost\"]\ndelay_ms = 0\nmax_retries = 0\n\n\
             [[sources]]\nname = \"second\"\nkind = \"jsonld\"\nstart_urls = [\"http://localhost:{port}/b\"]\ndelay_ms = 0\n"
        ),
    )
    .await;
    assert_eq!(code, 1, "the first source's refusal is a failure");
    let requested: Vec<String> =
        jobs.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect();
    assert!(requested.contains(&"/jobs/2".to_string()), "{requested:?}");
    assert!(!requested.contains(&"/jobs/1".to_string()), "{requested:?}");
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(strings(&conn, "SELECT external_id FROM postings"), ["2"]);
    assert_eq!(
        strings(&conn, "SELECT source || ' ' || status FROM crawl_run_sources ORDER BY source"),
        ["first partial", "second ok"]
    );
}
