//! Hostile and broken input: every page, API answer and feed here is wrong
//! on purpose. The crawl must keep going, log the URL and the reason, never
//! panic or hang, and store nothing wrong: only the postings that are
//! really there, with plain text in every field.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{count, open_db, serve_site, skilltrend, strings};
use skilltrend::demo::server::StaticSite;

fn ld_page(json_ld: &str, body: &str) -> Vec<u8> {
    format!(r#"<!doctype html><html><head><script type="application/ld+json">{json_ld}</script></head><body>{body}</body></html>"#)
        .into_bytes()
}

fn posting_json(id: &str, title: &str, description: &str) -> String {
    format!(
        r#"{{"@context":"https://schema.org","@type":"JobPosting","identifier":{{"value":"{id}"}},"title":"{title}","description":"{description}","datePosted":"2026-10-01","hiringOrganization":{{"name":"Acme"}}}}"#
    )
}

/// Runs a crawl of `config` in `dir`: exit code and stderr.
fn crawl(dir: &Path, config: &str) -> (i32, String) {
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let out = skilltrend(dir).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every stored text field is free of control characters (but newlines
/// and tabs in descriptions), markup and entities.
fn assert_clean(db: &Path) {
    let conn = open_db(db);
    for text in strings(
        &conn,
        "SELECT coalesce(title, '') || ' ' || coalesce(company, '') || ' ' || coalesce(location, '') || ' ' || description FROM postings",
    ) {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "a control character: {text:?}");
        assert!(!text.contains('\u{FFFE}') && !text.contains('\u{FFFF}'), "a noncharacter: {text:?}");
        for bad in ["<p", "</", "&amp;", "&lt;", "&#"] {
            assert!(!text.contains(bad), "{bad:?} in {:?}", &text[..text.len().min(200)]);
        }
    }
}

#[test]
#[allow(clippy::vec_init_then_push, reason = "one commented push per hostile page reads best")]
fn broken_pages_are_logged_and_skipped_and_the_good_ones_stored() {
    let mut site = StaticSite::default();
    let mut pages: Vec<(&str, Vec<u8>)> = Vec::new();
    pages.push(("good", ld_page(&posting_json("good", "Backend Engineer", "Python and SQL every day."), "")));
    // Tags never closed, an attribute cut off, stray `<` and `&`.
    pages.push((
        "unclosed",
        br#"<html><head><script type="application/ld+json">{"@type":"JobPosting","identifier":"unclosed","title":"Rust Developer","description":"<p>Rust & Go <b>services"}</script><body><div><p>oops < 3 && <a href="/jobs/good"#
            .to_vec(),
    ));
    // JSON-LD cut off in the middle of a string.
    pages.push(("truncated", ld_page(r#"{"@type":"JobPosting","identifier":"truncated","title":"Cut"#, "")));
    // Every field the wrong type.
    pages.push((
        "wrong-types",
        ld_page(
            r#"{"@type":"JobPosting","identifier":true,"title":["Data Engineer",7],"description":{"text":42},"datePosted":{"year":2026},"hiringOrganization":[null,3],"jobLocation":17,"jobLocationType":[],"baseSalary":"lots"}"#,
            "",
        ),
    ));
    // A value nested 100,000 deep (JSON) inside 100,000 nested elements (HTML).
    let deep_json = format!(r#"{{"@type":"JobPosting","title":{}1{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let deep_body = format!("{}deep{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    pages.push(("deep", ld_page(&deep_json, &deep_body)));
    // A good posting at the bottom of 100,000 nested elements.
    pages.push((
        "deep-but-fine",
        format!(
            "<html><body>{}<script type=\"application/ld+json\">{}</script></body></html>",
            "<section><div>".repeat(50_000),
            posting_json("deep-but-fine", "Java Developer", "Java 21 and Kafka.")
        )
        .into_bytes(),
    ));
    // Entities that decode to control characters, NUL, a lone surrogate,
    // a noncharacter, and raw control bytes.
    pages.push((
        "controls",
        ld_page(
            &posting_json(
                "controls",
                "PHP&#0; Developer&#x1b;[31m",
                "&lt;p&gt;We use PHP&#0;&#1;&#x7f; and MySQL&#xD800;&#xFFFE;&#27;[0m.\u{7}\u{8}&lt;/p&gt;",
            ),
            "",
        ),
    ));
    // A 5 MB description: stored whole, extracted in one piece.
    let long = format!("{}We also use Elixir.", "Plain words about the team and the office. ".repeat(120_000));
    pages.push(("five-mb", ld_page(&posting_json("five-mb", "Engineer", &long), "")));
    // 8 MB of whitespace inside the JSON-LD (under the body cap): parsed.
    pages.push((
        "spaces",
        ld_page(
            &format!(
                "{}{}{}",
                " ".repeat(4 << 20),
                posting_json("spaces", "Go Engineer", "Go and gRPC."),
                "\n".repeat(4 << 20)
            ),
            "",
        ),
    ));
    // 100 MB of whitespace: over the 10 MiB cap, dropped with a warning.
    pages.push(("hundred-mb", vec![b' '; 100 << 20]));
    // 100,000 links: 50,000 to other hosts (never requested) and 50,000 to
    // this page with a fragment (the same URL: fetched once).
    let mut links = String::with_capacity(5 << 20);
    for i in 0..50_000 {
        links.push_str(&format!(
            "<a href=\"https://elsewhere.example/job/{i}\">x</a><a href=\"/jobs/links#{i}\">y</a>\n"
        ));
    }
    pages.push(("links", format!("<html><body>{links}</body></html>").into_bytes()));
    // Invalid UTF-8 in a page that says it is UTF-8.
    let mut bad_utf8 = ld_page(&posting_json("bad-utf8", "Scala Developer", "Scala @@@ and Spark."), "");
    let at = bad_utf8.windows(3).position(|w| w == b"@@@").unwrap();
    bad_utf8.splice(at..at + 3, [0xff, 0xfe, 0xc3]);
    pages.push(("bad-utf8", bad_utf8));

    let mut index = String::from("<html><body>");
    for (name, bytes) in pages {
        index.push_str(&format!("<a href=\"/jobs/{name}\">{name}</a>"));
        site.insert(&format!("/jobs/{name}"), bytes);
    }
    site.insert("/jobs/", format!("{index}</body></html>").into_bytes());
    let server = serve_site(site);

    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"site\"\nkind = \"jsonld\"\nstart_urls = [\"{}\"]\ndelay_ms = 0\nper_host_concurrency = 4\n",
        server.url("/jobs/")
    );
    let started = Instant::now();
    let (code, stderr) = crawl(dir.path(), &config);
    let took = started.elapsed();
    assert!(!stderr.contains("panicked"), "{stderr}");
    // One page was too big: the source is partial, and the run says so.
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("/jobs/hundred-mb") && stderr.contains("max_body_bytes"), "{stderr}");
    assert!(stderr.contains("/jobs/truncated") && stderr.contains("not valid JSON"), "{stderr}");
    assert!(took < Duration::from_secs(60), "the crawl took {took:?}");

    let db = dir.path().join("jobs.db");
    let conn = open_db(&db);
    let stored = strings(
        &conn,
        "SELECT external_id || ' ' || coalesce(title, '-') || ' ' ||
                coalesce((SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills WHERE posting_id = p.id ORDER BY 1)), '')
         FROM postings p ORDER BY external_id",
    );
    let wrong_types = server.url("/jobs/wrong-types");
    assert_eq!(
        stored,
        [
            "bad-utf8 Scala Developer scala,spark".to_string(),
            // `&#0;` is U+FFFD, as the HTML standard says; the escape is gone.
            "controls PHP\u{FFFD} Developer[31m mysql,php".to_string(),
            "deep-but-fine Java Developer java,kafka".to_string(),
            "five-mb Engineer elixir".to_string(),
            "good Backend Engineer python,sql".to_string(),
            format!("{wrong_types} Data Engineer "),
            "spaces Go Engineer go,grpc".to_string(),
            "unclosed Rust Developer go,rust".to_string(),
        ]
    );
    assert_clean(&db);
    let five_mb = count(&conn, "SELECT length(description) FROM postings WHERE external_id = 'five-mb'");
    assert!(five_mb > 5_000_000, "{five_mb}");
    // The wrong types gave no date, no company, no location: nothing made up.
    assert_eq!(
        strings(
            &conn,
            "SELECT coalesce(posted_at, 'none') || coalesce(company, 'none') || coalesce(location, 'none') FROM postings WHERE title = 'Data Engineer'"
        ),
        ["nonenonenone"]
    );
    // The links page was fetched once; no other host was ever contacted
    // (the server saw every request there was).
    let requests = server.running.requests();
    assert_eq!(requests.iter().filter(|r| r.contains("/jobs/links")).count(), 1, "{requests:?}");
    assert!(requests.len() < 20, "{requests:?}");
}

/// A raw HTTP server that answers each connection with `behave`.
fn raw_server(behave: fn(&str, std::net::TcpStream)) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                if request.starts_with("GET /robots.txt") {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                behave(&request, stream);
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_slow_drip_is_cut_off_by_the_response_timeout() {
    let base = raw_server(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>");
        // One byte every 100 ms: the whole page would take hours.
        for _ in 0..600 {
            if stream.write_all(b" ").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"drip\"\nkind = \"jsonld\"\nstart_urls = [\"{base}/jobs/1\"]\ndelay_ms = 0\ntimeout_secs = 1\nmax_retries = 1\n"
    );
    let started = Instant::now();
    let (code, stderr) = crawl(dir.path(), &config);
    assert_eq!(code, 1, "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    assert!(stderr.contains("/jobs/1") && stderr.contains("timed out"), "{stderr}");
}

#[test]
fn connections_closed_at_any_point_fail_that_url_only() {
    // Each path hangs up at a different point of the exchange.
    let base = raw_server(|request, mut stream| {
        let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
        let reply: &[u8] = match path.as_str() {
            "/jobs/" => {
                let page = "<a href=\"/jobs/no-reply\">1</a><a href=\"/jobs/half-status\">2</a><a href=\"/jobs/half-headers\">3</a>\
                            <a href=\"/jobs/half-chunk\">4</a><a href=\"/jobs/garbage\">5</a><a href=\"/jobs/ok\">6</a>";
                let _ = stream.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
                        page.len()
                    )
                    .as_bytes(),
                );
                return;
            }
            "/jobs/ok" => {
                let page = String::from_utf8(ld_page(&posting_json("ok", "Survivor", "Python."), "")).unwrap();
                let _ = stream.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
                        page.len()
                    )
                    .as_bytes(),
                );
                return;
            }
            "/jobs/half-status" => b"HTTP/1.1 20",
            "/jobs/half-headers" => b"HTTP/1.1 200 OK\r\nContent-Type: text/ht",
            "/jobs/half-chunk" => {
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n<html><head><script type=\"appl"
            }
            "/jobs/garbage" => b"\x00\xff\x13 not http at all\r\n\r\n",
            _ => b"",
        };
        let _ = stream.write_all(reply);
    });
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"cuts\"\nkind = \"jsonld\"\nstart_urls = [\"{base}/jobs/\"]\ndelay_ms = 0\nmax_retries = 1\nper_host_concurrency = 4\n"
    );
    let (code, stderr) = crawl(dir.path(), &config);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for path in ["no-reply", "half-status", "half-headers", "half-chunk", "garbage"] {
        assert!(stderr.contains(&format!("/jobs/{path}")), "{path} is not named in the log: {stderr}");
    }
    let conn = open_db(&dir.path().join("jobs.db"));
    assert_eq!(strings(&conn, "SELECT external_id FROM postings"), ["ok"]);
    assert_eq!(count(&conn, "SELECT failed FROM crawl_runs"), 5);
}

#[test]
fn broken_api_answers_and_feeds_fail_their_source_and_the_others_go_on() {
    let mut site = StaticSite::default();
    // Greenhouse: one board truncated, one with the wrong types, one deep.
    site.insert(
        "/boards/cut/jobs?content=true&pay_transparency=true",
        br#"{"jobs":[{"id":1,"title":"Backend"#.to_vec(),
    );
    site.insert(
        "/boards/types/jobs?content=true&pay_transparency=true",
        br#"{"jobs":[{"id":"x","title":5,"content":null,"updated_at":[],"location":"nowhere","absolute_url":7}],"meta":{"total":"many"}}"#.to_vec(),
    );
    site.insert(
        "/boards/deep/jobs?content=true&pay_transparency=true",
        format!("{{\"jobs\":{}{}}}", "[".repeat(50_000), "]".repeat(50_000)).into_bytes(),
    );
    site.insert(
        "/boards/good/jobs?content=true&pay_transparency=true",
        std::fs::read(crate::common::fixture("greenhouse/acme-jobs.json")).unwrap(),
    );
    // Lever: not a list at all.
    site.insert("/postings/odd?mode=json&skip=0&limit=100", br#"{"ok":true,"data":"<html>"}"#.to_vec());
    // Feeds: truncated RSS, an Atom feed nested 50,000 deep, and HTML.
    site.insert(
        "/cut.rss",
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title><item><title>Back"#.to_vec(),
    );
    site.insert(
        "/deep.atom",
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">{}{}</feed>",
            "<x>".repeat(50_000),
            "</x>".repeat(50_000)
        )
        .into_bytes(),
    );
    site.insert("/html.rss", b"<!doctype html><html><body>Not a feed</body></html>".to_vec());
    // HN (Algolia): a search answer with the wrong types.
    site.insert(
        "/hn/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000",
        br#"{"hits":[{"objectID":12,"title":null,"created_at_i":"soon"},"a string",{"objectID":"x"}],"nbHits":"3"}"#
            .to_vec(),
    );
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nbase_url = \"{0}\"\nboards = [\"cut\", \"types\", \"deep\", \"good\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"lever\"\nkind = \"lever\"\nbase_url = \"{0}\"\nsites = [\"odd\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"feeds\"\nkind = \"feed\"\nurls = [\"{1}\", \"{2}\", \"{3}\"]\ndelay_ms = 0\n\n\
         [[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"{4}\"\nsince = \"2026-01\"\ndelay_ms = 0\n",
        server.url(""),
        server.url("/cut.rss"),
        server.url("/deep.atom"),
        server.url("/html.rss"),
        server.url("/hn"),
    );
    let (code, stderr) = crawl(dir.path(), &config);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let db = dir.path().join("jobs.db");
    let conn = open_db(&db);
    // The good board is stored whole; nothing else is.
    assert_eq!(
        strings(&conn, "SELECT source || ' ' || external_id FROM postings ORDER BY 1"),
        ["gh good:4012345", "gh good:4012346"]
    );
    assert_clean(&db);
    // Each bad answer is named, with its source, in the run record.
    let errors = strings(&conn, "SELECT source || ': ' || coalesce(error, '') FROM crawl_run_sources ORDER BY source")
        .join("\n");
    for needle in ["board cut", "board deep", "odd", "cut.rss", "html.rss", "search_by_date"] {
        assert!(errors.contains(needle), "{needle} is not in the run record:\n{errors}");
    }
    // A job of the wrong shape in a good answer is skipped, and logged.
    assert!(stderr.contains("a job of board types has an unexpected shape; skipped"), "{stderr}");
    // A feed of unknown elements nested deep is a feed with no items.
    assert!(!errors.contains("deep.atom"), "{errors}");
    let statuses = strings(&conn, "SELECT source || ' ' || status FROM crawl_run_sources ORDER BY source");
    // The feed nested deep was read (no items): the feeds are partial.
    assert_eq!(statuses, ["feeds partial", "gh partial", "hn failed", "lever failed"]);
}

#[test]
fn a_page_nested_too_deep_for_a_dom_is_refused_at_once() {
    // HTML tree builders take time quadratic in nesting: 100,000 nested
    // elements would keep a parser busy for minutes.
    let mut site = StaticSite::default();
    site.insert(
        "/jobs/",
        format!(
            "<html><body>{}<li class=\"job\"><a href=\"/jobs/1\">x</a></li></body></html>",
            "<div><b>".repeat(100_000)
        )
        .into_bytes(),
    );
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[[sources]]\nname = \"board\"\nkind = \"html\"\nstart_urls = [\"{}\"]\nposting_links = \"li.job a\"\ndescription = \"main\"\ndelay_ms = 0\n",
        server.url("/jobs/")
    );
    let started = Instant::now();
    let (code, stderr) = crawl(dir.path(), &config);
    assert_eq!(code, 1, "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    assert!(stderr.contains("/jobs/") && stderr.contains("more than 2048 deep"), "{stderr}");
}
