//! The crawler against local servers that misbehave on purpose: each test
//! asserts what was stored, what was requested (and what never was), and
//! the run record.

use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{count, open_db, skilltrend, strings};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A posting page with one JobPosting.
fn job_page(id: &str, text: &str) -> String {
    format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"JobPosting","title":"Job {id}","description":"{text}","identifier":{{"value":"{id}"}},"datePosted":"2026-01-15","hiringOrganization":"Acme"}}</script></head><body><a href="/">home</a></body></html>"#
    )
}

fn html(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "text/html; charset=utf-8")
}

/// Answers with the queued responses in turn (then the last one again),
/// and records when each request came.
#[derive(Clone)]
struct Script {
    times: Arc<Mutex<Vec<Instant>>>,
    queue: Arc<Mutex<VecDeque<ResponseTemplate>>>,
    last: ResponseTemplate,
}

impl Script {
    fn new(responses: Vec<ResponseTemplate>) -> Script {
        let mut queue: VecDeque<ResponseTemplate> = responses.into();
        let last = queue.pop_back().expect("at least one response");
        Script { times: Arc::default(), queue: Arc::new(Mutex::new(queue)), last }
    }

    fn times(&self) -> Vec<Instant> {
        self.times.lock().unwrap().clone()
    }
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.times.lock().unwrap().push(Instant::now());
        self.queue.lock().unwrap().pop_front().unwrap_or_else(|| self.last.clone())
    }
}

/// A temp dir with a config and a database.
struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    /// One jsonld source starting at `start` with extra settings.
    fn new(start: &[String], extra: &str) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let urls: Vec<String> = start.iter().map(|u| format!("\"{u}\"")).collect();
        std::fs::write(
            dir.path().join("sources.toml"),
            format!(
                "[[sources]]\nname = \"site\"\nkind = \"jsonld\"\nstart_urls = [{}]\ndelay_ms = 0\n{extra}\n",
                urls.join(", ")
            ),
        )
        .unwrap();
        Run { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("jobs.db")
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut c = skilltrend(self.dir.path());
        c.args(["--db", self.db().to_str().unwrap(), "crawl", "--config", "sources.toml"]);
        c
    }

    fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("skilltrend"));
        c.args(["--db", self.db().to_str().unwrap(), "crawl", "--config", "sources.toml"]).current_dir(self.dir.path());
        c
    }

    fn conn(&self) -> rusqlite::Connection {
        open_db(&self.db())
    }

    /// A column of the last run's row.
    fn last_run(&self, column: &str) -> i64 {
        count(&self.conn(), &format!("SELECT {column} FROM crawl_runs ORDER BY id DESC LIMIT 1"))
    }

    fn last_status(&self) -> String {
        strings(&self.conn(), "SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1").remove(0)
    }

    fn last_error(&self) -> String {
        strings(&self.conn(), "SELECT coalesce(error, '') FROM crawl_runs ORDER BY id DESC LIMIT 1").remove(0)
    }

    fn stored_ids(&self) -> Vec<String> {
        strings(&self.conn(), "SELECT external_id FROM postings ORDER BY external_id")
    }
}

/// Runs a command to completion (inside `spawn_blocking`).
fn assert_of(mut c: assert_cmd::Command) -> assert_cmd::assert::Assert {
    c.assert()
}

async fn mount(server: &MockServer, at: &str, responder: impl Respond + 'static) {
    Mock::given(method("GET")).and(path(at)).respond_with(responder).mount(server).await;
}

fn gap(times: &[Instant], i: usize) -> Duration {
    times[i + 1] - times[i]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_with_retry_after_is_waited_out_then_stored() {
    let server = MockServer::start().await;
    let script =
        Script::new(vec![ResponseTemplate::new(429).insert_header("Retry-After", "2"), html(job_page("J1", "Python"))]);
    mount(&server, "/jobs/1", script.clone()).await;
    let run = Run::new(&[format!("{}/jobs/1", server.uri())], "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let times = script.times();
    assert_eq!(times.len(), 2);
    assert!(gap(&times, 0) >= Duration::from_secs(2), "waited only {:?}", gap(&times, 0));
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!((run.last_run("retried"), run.last_run("failed"), run.last_run("pages_fetched")), (1, 0, 1));
    assert_eq!(run.last_status(), "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_503_twice_then_200_is_retried_with_backoff() {
    let server = MockServer::start().await;
    let script =
        Script::new(vec![ResponseTemplate::new(503), ResponseTemplate::new(503), html(job_page("J1", "Java"))]);
    mount(&server, "/jobs/1", script.clone()).await;
    let run = Run::new(&[format!("{}/jobs/1", server.uri())], "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let times = script.times();
    assert_eq!(times.len(), 3);
    // Exponential: the second wait is longer on average; both are at least half the base.
    assert!(gap(&times, 0) >= Duration::from_millis(250) && gap(&times, 1) >= Duration::from_millis(500), "{times:?}");
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!(run.last_run("retried"), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retry_after_beyond_the_limit_gives_up_on_the_url_only() {
    let server = MockServer::start().await;
    let slow = Script::new(vec![ResponseTemplate::new(503).insert_header("Retry-After", "3600")]);
    mount(&server, "/busy", slow.clone()).await;
    mount(&server, "/jobs/1", html(job_page("J1", "Go developer"))).await;
    let run =
        Run::new(&[format!("{}/busy", server.uri()), format!("{}/jobs/1", server.uri())], "max_retry_after_secs = 60");
    let started = Instant::now();
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "the crawl stalled");
    assert_eq!(slow.times().len(), 1);
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!(run.last_status(), "partial");
    assert!(run.last_error().contains("/busy") && run.last_error().contains("503"), "{}", run.last_error());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_response_slower_than_the_timeout_fails_after_retries() {
    let server = MockServer::start().await;
    let slow = Script::new(vec![html(job_page("J1", "PHP")).set_delay(Duration::from_secs(5))]);
    mount(&server, "/slow", slow.clone()).await;
    let run = Run::new(&[format!("{}/slow", server.uri())], "timeout_secs = 1\nmax_retries = 1");
    let started = Instant::now();
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(6), "{:?}", started.elapsed());
    assert_eq!(slow.times().len(), 2);
    assert!(run.stored_ids().is_empty());
    assert_eq!((run.last_run("failed"), run.last_run("retried")), (1, 1));
    assert_eq!(run.last_status(), "failed");
    assert!(run.last_error().contains("timed out"), "{}", run.last_error());
}

/// A server that promises a long body, sends part of it, and hangs up.
fn cut_connection_server() -> (String, Arc<Mutex<usize>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hits: Arc<Mutex<usize>> = Arc::default();
    let h = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut buf);
            let text = String::from_utf8_lossy(&buf);
            if text.starts_with("GET /robots.txt") {
                let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                continue;
            }
            *h.lock().unwrap() += 1;
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000\r\n\r\n<html><head><script type=\"application/ld+json\">{\"@type\":\"JobPosting\",");
            let _ = stream.flush();
            // Dropping the stream closes the connection mid-body.
        }
    });
    (format!("http://{addr}"), hits)
}

#[test]
fn a_connection_cut_mid_body_is_retried_then_given_up() {
    let (base, hits) = cut_connection_server();
    let run = Run::new(&[format!("{base}/jobs/1")], "max_retries = 2");
    run.cmd().assert().code(1);
    assert_eq!(*hits.lock().unwrap(), 3);
    assert!(run.stored_ids().is_empty());
    assert_eq!((run.last_run("failed"), run.last_run("retried")), (1, 2));
    assert!(run.last_error().contains("/jobs/1"), "{}", run.last_error());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gzip_bomb_is_dropped_and_the_crawl_goes_on() {
    let server = MockServer::start().await;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20, "the bomb is small on the wire");
    mount(
        &server,
        "/bomb",
        ResponseTemplate::new(200).insert_header("Content-Encoding", "gzip").set_body_raw(bomb, "text/html"),
    )
    .await;
    mount(&server, "/jobs/1", html(job_page("J1", "SQL"))).await;
    let run =
        Run::new(&[format!("{}/bomb", server.uri()), format!("{}/jobs/1", server.uri())], "max_body_bytes = 1000000");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!((run.last_run("failed"), run.last_run("retried")), (1, 0));
    assert!(run.last_error().contains("larger than 1000000 bytes"), "{}", run.last_error());
}

#[tokio::test(flavor = "multi_thread")]
async fn redirect_loops_and_redirects_to_other_hosts_are_refused() {
    let server = MockServer::start().await;
    let port = server.address().port();
    mount(&server, "/a", ResponseTemplate::new(302).insert_header("Location", "/b")).await;
    mount(&server, "/b", ResponseTemplate::new(302).insert_header("Location", "/a")).await;
    // localhost is another host than the allowed 127.0.0.1.
    mount(
        &server,
        "/away",
        ResponseTemplate::new(301).insert_header("Location", format!("http://localhost:{port}/jobs/2")),
    )
    .await;
    mount(&server, "/ftp", ResponseTemplate::new(302).insert_header("Location", "ftp://127.0.0.1/file")).await;
    mount(&server, "/moved", ResponseTemplate::new(301).insert_header("Location", "/jobs/1")).await;
    mount(&server, "/jobs/1", html(job_page("J1", "Rust"))).await;
    let start: Vec<String> = ["/a", "/away", "/ftp", "/moved"].iter().map(|p| format!("{}{p}", server.uri())).collect();
    let run = Run::new(&start, "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    // A same-host redirect is followed.
    assert_eq!(run.stored_ids(), ["J1"]);
    let requested: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect();
    assert!(!requested.contains(&"/jobs/2".to_string()), "followed a redirect to another host: {requested:?}");
    assert_eq!(run.last_run("failed"), 3);
    let errors = run.last_error();
    assert!(errors.contains("redirect"), "{errors}");
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_txt_disallow_and_crawl_delay_are_honoured() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/robots.txt",
        ResponseTemplate::new(200).set_body_string("User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n"),
    )
    .await;
    let pages = Script::new(vec![html(
        r#"<a href="/jobs/1">1</a><a href="/jobs/2">2</a><a href="/private/secret">s</a>"#.to_string(),
    )]);
    mount(&server, "/", pages.clone()).await;
    let jobs = Script::new(vec![html(job_page("J", "Python"))]);
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex("^/jobs/"))
        .respond_with(jobs.clone())
        .mount(&server)
        .await;
    let run = Run::new(&[format!("{}/", server.uri())], "per_host_concurrency = 4");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let requested: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect();
    assert_eq!(requested.iter().filter(|p| *p == "/robots.txt").count(), 1);
    assert!(!requested.iter().any(|p| p.starts_with("/private/")), "{requested:?}");
    assert_eq!(run.last_run("robots_blocked"), 1);
    let mut times = pages.times();
    times.extend(jobs.times());
    times.sort();
    assert_eq!(times.len(), 3);
    // The server sees each request a little after the crawler sent it, by
    // however long a loaded machine takes to schedule it: 100 ms of slack,
    // far from the 0 ms an ignored delay would give.
    for i in 0..2 {
        assert!(gap(&times, i) >= Duration::from_millis(900), "request starts {:?} apart", gap(&times, i));
    }
    // The user agent names the tool and a contact.
    let ua =
        server.received_requests().await.unwrap()[0].headers.get("user-agent").unwrap().to_str().unwrap().to_string();
    assert!(ua.starts_with("skilltrend/") && ua.contains("+http"), "{ua}");
}

#[tokio::test(flavor = "multi_thread")]
async fn etag_and_last_modified_make_the_second_run_cheap() {
    let server = MockServer::start().await;
    let lm = "Wed, 21 Oct 2026 07:28:00 GMT";
    // Conditional requests get 304; the first gets the page and validators.
    Mock::given(method("GET"))
        .and(path("/"))
        .and(header("if-none-match", "\"list-v1\""))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    mount(&server, "/", html(r#"<a href="/jobs/1">1</a>"#.into()).insert_header("ETag", "\"list-v1\"")).await;
    Mock::given(method("GET"))
        .and(path("/jobs/1"))
        // (wiremock's header() splits values at commas, which HTTP dates contain)
        .and(header_exists("if-modified-since"))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    mount(&server, "/jobs/1", html(job_page("J1", "Python")).insert_header("Last-Modified", lm)).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let first_seen = strings(&run.conn(), "SELECT last_seen_at FROM postings").remove(0);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!((run.last_run("not_modified"), run.last_run("pages_fetched")), (2, 0));
    assert_eq!((run.last_run("postings_unchanged"), run.last_run("postings_new")), (1, 0));
    let seen_again = strings(&run.conn(), "SELECT last_seen_at FROM postings").remove(0);
    assert!(seen_again > first_seen, "{seen_again} <= {first_seen}");
    let conditional = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.headers.contains_key("if-none-match") || r.headers.contains_key("if-modified-since"))
        .count();
    assert_eq!(conditional, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_crawl_on_the_same_database_exits_at_once() {
    let server = MockServer::start().await;
    mount(&server, "/jobs/1", html(job_page("J1", "Go developer")).set_delay(Duration::from_secs(3))).await;
    let run = Run::new(&[format!("{}/jobs/1", server.uri())], "");
    let mut first =
        run.std_cmd().stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    // Wait until the first crawl holds the lock (it has asked for the page).
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.received_requests().await.unwrap().iter().all(|r| r.url.path() != "/jobs/1") {
        assert!(Instant::now() < deadline, "the first crawl never started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let started = Instant::now();
    let r = run.cmd();
    let out = tokio::task::spawn_blocking(move || assert_of(r).code(1).get_output().clone()).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another crawl is already running"));
    assert!(first.wait().unwrap().success());
    assert_eq!(run.stored_ids(), ["J1"]);
    assert_eq!(count(&run.conn(), "SELECT count(*) FROM crawl_runs"), 1);
}

/// A site of `n` postings linked from `/`, each answered after `delay`.
async fn slow_site(n: usize, delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    let links: String = (1..=n).map(|i| format!("<a href=\"/jobs/{i}\">{i}</a>")).collect();
    mount(&server, "/", html(links)).await;
    for i in 1..=n {
        mount(&server, &format!("/jobs/{i}"), html(job_page(&format!("J{i:02}"), "Python and SQL")).set_delay(delay))
            .await;
    }
    server
}

fn signal(child: &std::process::Child, sig: i32) {
    // SAFETY: kill(2) with a pid we own and a valid signal number.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, sig) };
    assert_eq!(rc, 0);
}

async fn wait_for_postings(run: &Run, at_least: i64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if run.db().exists() {
            let n = rusqlite::Connection::open(run.db())
                .and_then(|c| c.query_row("SELECT count(*) FROM postings", [], |r| r.get::<_, i64>(0)))
                .unwrap_or(0);
            if n >= at_least {
                return;
            }
        }
        assert!(Instant::now() < deadline, "no postings appeared");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_stops_cleanly_and_the_next_run_completes_the_work() {
    let server = slow_site(12, Duration::from_millis(250)).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    let mut child =
        run.std_cmd().stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    wait_for_postings(&run, 2).await;
    signal(&child, libc::SIGTERM);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(run.last_status(), "interrupted");
    let stored = run.stored_ids().len();
    assert!((2..12).contains(&stored), "{stored} postings stored");
    assert_eq!(run.last_run("postings_new") as usize, stored, "the run record counts what was stored");

    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let ids = run.stored_ids();
    assert_eq!(ids.len(), 12);
    assert_eq!(count(&run.conn(), "SELECT count(DISTINCT external_id) FROM postings"), 12);
    assert_eq!(run.last_status(), "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_loses_nothing_committed_and_the_next_run_completes() {
    let server = slow_site(12, Duration::from_millis(250)).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    let mut child =
        run.std_cmd().stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    wait_for_postings(&run, 3).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let conn = run.conn();
    assert_eq!(strings(&conn, "PRAGMA integrity_check"), ["ok"]);
    assert!(run.stored_ids().len() >= 3);
    drop(conn);

    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!(run.stored_ids().len(), 12);
    assert_eq!(count(&run.conn(), "SELECT count(*) FROM posting_skills"), 24);
    // The killed run is recorded as interrupted by the next one.
    assert_eq!(strings(&run.conn(), "SELECT status FROM crawl_runs ORDER BY id"), ["interrupted", "ok"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn max_pages_and_max_run_secs_are_hard_bounds() {
    let server = slow_site(10, Duration::ZERO).await;
    let run = Run::new(&[format!("{}/", server.uri())], "max_pages = 4");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!(run.last_run("pages_fetched"), 4);
    assert_eq!(server.received_requests().await.unwrap().iter().filter(|r| r.url.path() != "/robots.txt").count(), 4);

    let slow = slow_site(10, Duration::from_millis(400)).await;
    let run = Run::new(&[format!("{}/", slow.uri())], "");
    let started = Instant::now();
    let mut r = run.cmd();
    r.args(["--max-run-secs", "1"]);
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    assert_eq!(run.last_status(), "partial");
    assert!(run.last_error().contains("--max-run-secs"), "{}", run.last_error());
    assert!(run.stored_ids().len() < 10);
}

#[tokio::test(flavor = "multi_thread")]
async fn legacy_encodings_and_invalid_utf8_are_decoded_not_dropped() {
    let server = MockServer::start().await;
    // The page in ISO-8859-1: every char below U+0100 is one byte.
    let text = job_page("L1", "Caf\u{e9} team in Z\u{fc}rich, Java");
    let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    mount(&server, "/latin1", ResponseTemplate::new(200).set_body_raw(bytes, "text/html; charset=ISO-8859-1")).await;
    let mut broken = job_page("U1", "PHP and SQL").into_bytes();
    broken.extend_from_slice(b"<p>\xff\xfe trailing bytes</p>");
    mount(&server, "/broken", ResponseTemplate::new(200).set_body_raw(broken, "text/html")).await;
    let run = Run::new(&[format!("{}/latin1", server.uri()), format!("{}/broken", server.uri())], "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!(run.stored_ids(), ["L1", "U1"]);
    let desc = strings(&run.conn(), "SELECT description FROM postings WHERE external_id = 'L1'").remove(0);
    assert_eq!(desc, "Caf\u{e9} team in Z\u{fc}rich, Java");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_truncated_gzip_stream_is_retried_then_given_up() {
    let server = MockServer::start().await;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(job_page("T1", "Python").repeat(50).as_bytes()).unwrap();
    let mut whole = gz.finish().unwrap();
    whole.truncate(whole.len() / 2);
    let script = Script::new(vec![
        ResponseTemplate::new(200).insert_header("Content-Encoding", "gzip").set_body_raw(whole, "text/html"),
    ]);
    mount(&server, "/jobs/1", script.clone()).await;
    mount(&server, "/jobs/2", html(job_page("J2", "Java"))).await;
    let run = Run::new(&[format!("{}/jobs/1", server.uri()), format!("{}/jobs/2", server.uri())], "max_retries = 1");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).code(1)).await.unwrap();
    assert_eq!(script.times().len(), 2, "retried once");
    assert_eq!(run.stored_ids(), ["J2"]);
    assert_eq!((run.last_run("failed"), run.last_run("retried")), (1, 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_lists_the_run_records() {
    let server = slow_site(2, Duration::ZERO).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    for _ in 0..2 {
        let r = run.cmd();
        tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    }
    let mut c = skilltrend(run.dir.path());
    c.args(["--db", run.db().to_str().unwrap(), "runs", "--sources"]);
    let out = tokio::task::spawn_blocking(move || assert_of(c).success().get_output().stdout.clone()).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("run") && lines[0].contains("status") && lines[0].contains("unchanged"), "{text}");
    // Newest first; each run with its source row.
    assert!(lines[1].trim_start().starts_with('2') && lines[1].contains(" ok ") && lines[1].contains("site"), "{text}");
    assert!(lines[2].contains("  site") && lines[2].contains(" ok "), "{text}");
    assert!(lines[3].trim_start().starts_with('1'), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_fetches_again_without_validators() {
    let server = MockServer::start().await;
    // A conditional request would get 304 and replay the remembered links.
    Mock::given(method("GET"))
        .and(path("/"))
        .and(header_exists("if-none-match"))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    mount(&server, "/", html(job_page("J1", "Python")).insert_header("ETag", "\"v1\"")).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    let mut r = run.cmd();
    r.arg("--refresh");
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!((run.last_run("pages_fetched"), run.last_run("not_modified")), (1, 0));
    let conditional = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.headers.contains_key("if-none-match") || r.headers.contains_key("if-modified-since"))
        .count();
    assert_eq!(conditional, 0, "--refresh sent validators");
    // What the refresh fetched is remembered for the next ordinary run.
    let r = run.cmd();
    tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    assert_eq!(run.last_run("not_modified"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_served_without_validators_forgets_the_old_ones() {
    let server = MockServer::start().await;
    // The first answer has an ETag; later ones none (and never a 304).
    let page = Script::new(vec![
        html(r#"<a href="/jobs/1">1</a>"#.into()).insert_header("ETag", "\"v1\""),
        html(r#"<a href="/jobs/2">2</a>"#.into()),
    ]);
    mount(&server, "/", page.clone()).await;
    mount(&server, "/jobs/1", html(job_page("J1", "Python"))).await;
    mount(&server, "/jobs/2", html(job_page("J2", "Java"))).await;
    let run = Run::new(&[format!("{}/", server.uri())], "");
    for _ in 0..3 {
        let r = run.cmd();
        tokio::task::spawn_blocking(move || assert_of(r).success()).await.unwrap();
    }
    assert_eq!(page.times().len(), 3);
    assert_eq!(count(&run.conn(), "SELECT count(*) FROM http_cache"), 0, "the stale ETag is kept");
    // Only the second run had validators to send.
    let conditional: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter_map(|r| r.headers.get("if-none-match").map(|v| v.to_str().unwrap().to_string()))
        .collect();
    assert_eq!(conditional, ["\"v1\""]);
    assert_eq!(run.stored_ids(), ["J1", "J2"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stop_during_the_robots_txt_fetch_is_no_robots_answer() {
    let server = MockServer::start().await;
    mount(&server, "/robots.txt", ResponseTemplate::new(200).set_body_string("").set_delay(Duration::from_secs(5)))
        .await;
    mount(&server, "/jobs/1", html(job_page("J1", "Python"))).await;
    let run = Run::new(&[format!("{}/jobs/1", server.uri())], "");
    let mut r = run.cmd();
    r.args(["--max-run-secs", "1"]);
    let out = tokio::task::spawn_blocking(move || assert_of(r).code(1).get_output().clone()).await.unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!log.contains("robots.txt could not be fetched"), "{log}");
    assert_eq!(run.last_status(), "partial");
    assert_eq!(run.last_error(), "site: stopped at --max-run-secs");
    assert_eq!((run.last_run("robots_blocked"), run.last_run("failed")), (0, 0));
}
