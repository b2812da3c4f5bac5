//! A public page must not turn the crawler against its user's network:
//! hosts that resolve to private, loopback or link-local addresses are
//! refused unless the source's own configured URLs name them.

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
