//! The `workday` kind against local servers in the CXS API's shape: the
//! job search POSTed and paged by the first page's total, each job read,
//! a wrong site failing alone, the POST retry rule, robots.txt for the
//! POST path, and hostile answers.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::common::{count, fixture, open_db, payloads, skilltrend, strings};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ACME: &str = "/wday/cxs/acme/External";

fn json(rel: &str) -> ResponseTemplate {
    let bytes = std::fs::read(fixture(rel)).unwrap();
    ResponseTemplate::new(200).set_body_raw(bytes, "application/json")
}

/// The search body the API takes, at `offset`.
fn search(offset: u64) -> serde_json::Value {
    serde_json::json!({"appliedFacets": {}, "limit": 20, "offset": offset, "searchText": ""})
}

/// Serves the `acme/External` site of `fixtures/workday/`: two search
/// pages (the second saying total 0) and three jobs.
async fn acme(server: &MockServer) {
    for (offset, page) in [(0, "workday/acme-jobs-0.json"), (2, "workday/acme-jobs-2.json")] {
        Mock::given(method("POST"))
            .and(path(format!("{ACME}/jobs")))
            .and(header("content-type", "application/json"))
            .and(body_json(search(offset)))
            .respond_with(json(page).insert_header("ETag", "\"list\""))
            .mount(server)
            .await;
    }
    for (external_path, id) in [
        ("/job/Berlin-Germany/Senior-Backend-Engineer--Go-_R-10231", "R-10231"),
        ("/job/Remote-USA/Data-Engineer_R-10198-1", "R-10198"),
        ("/job/IN-BANGALORE/Site-Reliability-Engineer_R-10240", "R-10240"),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("{ACME}{external_path}")))
            .respond_with(json(&format!("workday/acme-job-{id}.json")))
            .mount(server)
            .await;
    }
}

/// A `workday` source named `name` at `base`, with its sites and settings.
fn source(name: &str, base: &str, sites: &[&str], extra: &str) -> String {
    let sites: Vec<String> = sites.iter().map(|s| format!("\"https://{s}\"")).collect();
    format!(
        "[[sources]]\nname = \"{name}\"\nkind = \"workday\"\nbase_url = \"{base}\"\nsites = [{}]\ndelay_ms = 0\n{extra}\n",
        sites.join(", ")
    )
}

/// Runs a crawl with `config` in `dir`: the exit code and stdout + stderr.
async fn crawl(dir: &Path, config: &str) -> (i32, String) {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let mut cmd = skilltrend(dir);
    cmd.args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]);
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// The requests a server saw: `METHOD path body`.
async fn seen(server: &MockServer) -> Vec<String> {
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    requests.iter().map(|r| format!("{} {} {}", r.method, r.url.path(), String::from_utf8_lossy(&r.body))).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_site_is_paged_by_its_first_total_each_job_is_read_and_a_wrong_site_fails_alone() {
    let server = MockServer::start().await;
    acme(&server).await;
    Mock::given(method("POST"))
        .and(path("/wday/cxs/ghost/Careers/jobs"))
        .respond_with(ResponseTemplate::new(422))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let sites = ["acme.wd5.myworkdayjobs.com/en-US/External", "ghost.wd1.myworkdayjobs.com/Careers"];
    let config = source("wd", &server.uri(), &sites, "");
    let (code, out) = crawl(dir.path(), &config).await;
    assert_eq!(code, 1, "a wrong site fails that site only: {out}");
    let conn = open_db(&dir.path().join("jobs.db"));
    let rows = strings(
        &conn,
        "SELECT concat_ws('|', external_id, title, company, location, coalesce(remote, 'null'), posted_at, url, r.format)
         FROM postings p JOIN posting_raw r ON r.posting_id = p.id ORDER BY external_id",
    );
    let page = "https://acme.wd5.myworkdayjobs.com/External/job";
    assert_eq!(
        rows,
        [
            format!(
                "acme:R-10198|Data Engineer|USA Acme Inc.|Remote, USA|1|2026-10-15T00:00:00Z|{page}/Remote-USA/Data-Engineer_R-10198-1|workday-job"
            ),
            format!(
                "acme:R-10231|Senior Backend Engineer (Go)|Acme Deutschland GmbH|Berlin, Germany|0|2026-11-28T00:00:00Z|{page}/Berlin-Germany/Senior-Backend-Engineer--Go-_R-10231|workday-job"
            ),
            format!(
                "acme:R-10240|Site Reliability Engineer|Acme India Pvt Ltd|IN, BANGALORE|null|2026-11-30T00:00:00Z|{page}/IN-BANGALORE/Site-Reliability-Engineer_R-10240|workday-job"
            ),
        ]
    );
    let desc = strings(&conn, "SELECT description FROM postings WHERE external_id = 'acme:R-10231'").remove(0);
    assert_eq!(
        desc,
        "About the role\n\nYou will build our payment services in Go and PostgreSQL, running on Kubernetes.\n\n• 5+ years of backend development\n• Experience with Kafka"
    );
    let skills = strings(
        &conn,
        "SELECT group_concat(skill_id, ',') FROM (SELECT s.skill_id FROM posting_skills s JOIN postings p ON p.id = s.posting_id
         WHERE p.external_id = 'acme:R-10231' ORDER BY s.skill_id)",
    );
    assert_eq!(skills, ["go,kafka,kubernetes,postgresql"]);
    // The suggested other jobs are not kept in the raw payload.
    let raw = payloads(&dir.path().join("jobs.db"));
    assert_eq!(raw.iter().filter(|(_, _, p)| p.contains("similarJobs")).count(), 0);
    assert_eq!(raw.iter().filter(|(_, _, p)| p.contains("jobPostingInfo")).count(), 3);
    // Two search pages (advanced by the 2 received; the second page's
    // total of 0 ignored; stopped at the first page's 3), three jobs.
    let mut requests = seen(&server).await;
    requests.retain(|r| !r.starts_with("GET /robots.txt"));
    let post = |offset: u64| format!("POST {ACME}/jobs {}", search(offset));
    assert_eq!(
        requests.iter().filter(|r| r.starts_with("POST /wday/cxs/acme")).cloned().collect::<Vec<_>>(),
        [post(0), post(2)]
    );
    assert_eq!(requests.iter().filter(|r| r.starts_with("GET /wday/cxs/acme")).count(), 3);
    // The wrong site is named in the run output and the run record.
    let error = strings(&conn, "SELECT status || ': ' || error FROM crawl_run_sources").remove(0);
    let wrong = format!("site ghost/Careers: POST {}/wday/cxs/ghost/Careers/jobs: HTTP 422", server.uri());
    assert_eq!(error, format!("partial: {wrong}"));
    assert!(out.contains(&wrong), "{out}");

    // A POST is never cached: the next run asks again, unconditionally.
    server.reset().await;
    acme(&server).await;
    let (code, _) = crawl(dir.path(), &source("wd", &server.uri(), &sites[..1], "")).await;
    assert_eq!(code, 0);
    let posts: Vec<Request> =
        server.received_requests().await.unwrap().into_iter().filter(|r| r.method.as_str() == "POST").collect();
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|r| !r.headers.contains_key("if-none-match")));
    assert_eq!(count(&conn, "SELECT count(*) FROM http_cache WHERE url LIKE '%/jobs%'"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings"), 3);
}

#[test]
fn dry_run_lists_the_search_posts_with_their_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let config = source("wd", "http://127.0.0.1:9", &["acme.wd5.myworkdayjobs.com/External"], "");
    std::fs::write(dir.path().join("sources.toml"), config).unwrap();
    let out = skilltrend(dir.path())
        .args(["--db", "jobs.db", "crawl", "--config", "sources.toml", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wd (workday), allowed hosts: 127.0.0.1\n  POST http://127.0.0.1:9/wday/cxs/acme/External/jobs {\"appliedFacets\":{},\"limit\":20,\"offset\":0,\"searchText\":\"\"}\n"
    );
}

/// Answers the search of tenant `tenant` with `first`, then with an empty
/// list.
async fn scripted(server: &MockServer, tenant: &str, first: ResponseTemplate) {
    let at = format!("/wday/cxs/{tenant}/External/jobs");
    Mock::given(method("POST")).and(path(&at)).respond_with(first).up_to_n_times(1).mount(server).await;
    let empty = ResponseTemplate::new(200).set_body_raw(r#"{"total":0,"jobPostings":[]}"#, "application/json");
    Mock::given(method("POST")).and(path(&at)).respond_with(empty).mount(server).await;
}

/// A server that drops its first connection after reading the request,
/// without answering, then answers an empty job list; robots.txt is 404.
/// Counts the search requests.
fn dropping_server() -> (String, Arc<Mutex<usize>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let posts: Arc<Mutex<usize>> = Arc::default();
    let p = posts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let request = read_request(&mut stream);
            if request.starts_with("GET /robots.txt") {
                let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                continue;
            }
            let n = {
                let mut n = p.lock().unwrap();
                *n += 1;
                *n
            };
            if n > 1 {
                let body = r#"{"total":0,"jobPostings":[]}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(format!("{head}{body}").as_bytes());
            }
            // Dropping the stream closes the connection (unanswered the first time).
        }
    });
    (format!("http://{addr}"), posts)
}

/// Reads one HTTP request: its head and a Content-Length body.
fn read_request(stream: &mut std::net::TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return text;
            }
        }
    }
    String::from_utf8_lossy(&data).to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_is_retried_only_when_nothing_says_it_was_processed() {
    let server = MockServer::start().await;
    scripted(&server, "five", ResponseTemplate::new(500)).await;
    scripted(&server, "busy", ResponseTemplate::new(503).insert_header("Retry-After", "1")).await;
    scripted(&server, "gate", ResponseTemplate::new(502)).await;
    let (dropping, drops) = dropping_server();
    let dir = tempfile::tempdir().unwrap();
    let sites = [
        "five.wd1.myworkdayjobs.com/External",
        "busy.wd1.myworkdayjobs.com/External",
        "gate.wd1.myworkdayjobs.com/External",
    ];
    let config = format!(
        "{}\n{}",
        source("wd", &server.uri(), &sites, "max_retries = 3"),
        source("dropped", &dropping, &["drop.wd1.myworkdayjobs.com/External"], "max_retries = 3"),
    );
    let (code, out) = crawl(dir.path(), &config).await;
    assert_eq!(code, 1, "{out}");
    let posts = seen(&server).await;
    let of = |tenant: &str| posts.iter().filter(|r| r.starts_with(&format!("POST /wday/cxs/{tenant}/"))).count();
    // 500 and 502 may have been processed: asked once. 503 with
    // Retry-After: asked again, and answered.
    assert_eq!((of("five"), of("gate"), of("busy")), (1, 1, 2));
    // A connection dropped before any answer: asked again, and answered.
    assert_eq!(*drops.lock().unwrap(), 2);
    let conn = open_db(&dir.path().join("jobs.db"));
    let runs = strings(
        &conn,
        "SELECT source || ' ' || status || ' ' || coalesce(error, '') FROM crawl_run_sources ORDER BY source",
    );
    let base = server.uri();
    assert_eq!(runs[0], "dropped ok ");
    let mut errors: Vec<&str> = runs[1].strip_prefix("wd partial ").unwrap_or(&runs[1]).split("; ").collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            format!("site five/External: POST {base}/wday/cxs/five/External/jobs: HTTP 500"),
            format!("site gate/External: POST {base}/wday/cxs/gate/External/jobs: HTTP 502"),
        ]
    );
    assert_eq!(count(&conn, "SELECT sum(retried) FROM crawl_run_sources"), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_txt_disallowing_the_api_path_keeps_the_post_from_being_sent() {
    let server = MockServer::start().await;
    let robots = ResponseTemplate::new(200).set_body_string("User-agent: *\nDisallow: /wday/cxs/\nAllow: /External/\n");
    Mock::given(method("GET")).and(path("/robots.txt")).respond_with(robots).mount(&server).await;
    acme(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let (code, out) =
        crawl(dir.path(), &source("wd", &server.uri(), &["acme.wd5.myworkdayjobs.com/External"], "")).await;
    assert_eq!(code, 1, "nothing could be fetched: {out}");
    assert_eq!(seen(&server).await, ["GET /robots.txt "]);
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(count(&conn, "SELECT robots_blocked FROM crawl_runs"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings"), 0);
}

/// Answers every POST to `tenant`'s search with `body`.
async fn answer(server: &MockServer, tenant: &str, body: Vec<u8>) {
    Mock::given(method("POST"))
        .and(path(format!("/wday/cxs/{tenant}/External/jobs")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(server)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_answers_fail_their_site_only_and_a_lying_total_is_bounded_by_max_pages() {
    let server = MockServer::start().await;
    answer(&server, "cut", br#"{"total":3,"jobPostings":[{"title":"Back"#.to_vec()).await;
    answer(&server, "types", br#"{"total":"many","jobPostings":{"externalPath":7}}"#.to_vec()).await;
    answer(&server, "html", b"<!doctype html><html><body>Workday is down</body></html>".to_vec()).await;
    answer(&server, "bytes", b"\xff\xfe\x00{\"total\":\xc3".to_vec()).await;
    answer(
        &server,
        "huge",
        format!("{{\"total\":1,\"jobPostings\":[],\"pad\":\"{}\"}}", "x".repeat(200_000)).into_bytes(),
    )
    .await;
    let deep = format!("{{\"total\":1,\"jobPostings\":{}{}}}", "[".repeat(50_000), "]".repeat(50_000));
    answer(&server, "deep", deep.into_bytes()).await;
    answer(
        &server,
        "items",
        br#"{"total":2,"jobPostings":[{"externalPath":5},"a string",{"externalPath":"job/no-slash"}]}"#.to_vec(),
    )
    .await;
    answer(
        &server,
        "details",
        br#"{"total":2,"jobPostings":[{"externalPath":"/job/A_R1"},{"externalPath":"/job/B_R2"}]}"#.to_vec(),
    )
    .await;
    for (job, body) in
        [("A_R1", "<html><body>Sign in</body></html>"), ("B_R2", r#"{"jobPostingInfo":{"title":5,"jobReqId":[]}}"#)]
    {
        Mock::given(method("GET"))
            .and(path(format!("/wday/cxs/details/External/job/{job}")))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json"))
            .mount(&server)
            .await;
    }
    // Every page says there are a million and holds the same job.
    answer(&server, "liar", br#"{"total":1000000,"jobPostings":[{"externalPath":"/job/Berlin-Germany/Senior-Backend-Engineer--Go-_R-10231"}]}"#.to_vec()).await;
    // Each page holds a new job and the first says there are a million.
    Mock::given(method("POST")).and(path("/wday/cxs/endless/External/jobs")).respond_with(Endless).mount(&server).await;
    for tenant in ["liar", "endless"] {
        Mock::given(method("GET"))
            .and(wiremock::matchers::path_regex(format!("^/wday/cxs/{tenant}/External/job/")))
            .respond_with(json("workday/acme-job-R-10231.json"))
            .mount(&server)
            .await;
    }
    acme(&server).await;
    let names = ["cut", "types", "html", "bytes", "huge", "deep", "items", "details", "liar", "endless", "acme"];
    let config: String = names
        .iter()
        .map(|n| {
            let extra = match *n {
                "huge" => "max_body_bytes = 100000",
                "endless" => "max_pages = 5",
                _ => "",
            };
            source(n, &server.uri(), &[&format!("{n}.wd3.myworkdayjobs.com/External")], extra)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = crawl(dir.path(), &config).await;
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("panicked"), "{out}");
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(
        strings(&conn, "SELECT external_id FROM postings ORDER BY 1"),
        ["acme:R-10198", "acme:R-10231", "acme:R-10240", "endless:R-10231", "liar:R-10231"]
    );
    let runs = strings(&conn, "SELECT source || ' ' || status || ' ' || coalesce(error, '') FROM crawl_run_sources");
    let run = |name: &str| runs.iter().find(|r| r.starts_with(&format!("{name} "))).cloned().unwrap_or_default();
    let base = server.uri();
    for name in ["cut", "types", "html", "bytes", "deep"] {
        let want = format!(
            "{name} failed site {name}/External: POST {base}/wday/cxs/{name}/External/jobs: cannot parse: not a Workday job list response: "
        );
        assert!(run(name).starts_with(&want), "{}", run(name));
    }
    assert_eq!(
        run("huge"),
        format!(
            "huge failed site huge/External: POST {base}/wday/cxs/huge/External/jobs: response larger than 100000 bytes after decompression (max_body_bytes); dropped"
        )
    );
    let details = run("details");
    assert!(details.starts_with("details partial "), "{details}");
    for job in ["A_R1", "B_R2"] {
        let want = format!(
            "site details/External: {base}/wday/cxs/details/External/job/{job}: cannot parse: not a Workday job response"
        );
        assert!(details.contains(&want), "{details}");
    }
    // Jobs of the wrong shape are skipped and logged; the page is read.
    assert_eq!(run("items"), "items ok ");
    assert_eq!(out.matches("a job of site items/External has an unexpected shape; skipped").count(), 2, "{out}");
    assert!(out.contains("a job of site items/External has an externalPath not starting with /; skipped"), "{out}");
    // A site that answers every offset alike is stopped at the repeat
    // (two searches, one job) and named.
    let requests = seen(&server).await;
    let to = |tenant: &str, verb: &str| {
        requests.iter().filter(|r| r.starts_with(&format!("{verb} /wday/cxs/{tenant}/"))).count()
    };
    assert_eq!((to("liar", "POST"), to("liar", "GET")), (2, 1));
    assert_eq!(
        run("liar"),
        format!(
            "liar partial site liar/External: POST {base}/wday/cxs/liar/External/jobs: cannot parse: offset 1 answers the jobs of the page before: the site ignores offset; search stopped"
        )
    );
    // A total that lies with new jobs on every page is bounded by
    // max_pages (three searches and two jobs), and said.
    assert_eq!((to("endless", "POST"), to("endless", "GET")), (3, 2));
    assert!(out.contains("max_pages (5) reached: 2 more URLs not fetched"), "{out}");
    assert_eq!(run("endless"), "endless ok max_pages (5) reached: 2 more URLs not fetched");
    assert_eq!(run("acme"), "acme ok ");
}

/// A search that answers every offset with a new job, and a total of a
/// million on the first page.
struct Endless;

impl wiremock::Respond for Endless {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let offset = serde_json::from_slice::<serde_json::Value>(&request.body).ok().and_then(|b| b["offset"].as_u64());
        let total = if offset == Some(0) { 1_000_000 } else { 0 };
        let body = format!(
            r#"{{"total":{total},"jobPostings":[{{"externalPath":"/job/Somewhere/Job_R-{}"}}]}}"#,
            offset.unwrap_or(999)
        );
        ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "application/json")
    }
}
