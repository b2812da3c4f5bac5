//! One entry point per parser for the fuzz targets in `fuzz/`: each takes
//! arbitrary bytes and must never panic, hang or misbehave, and checks the
//! invariants its callers rely on (plain text out, offsets on character
//! boundaries, errors that name a line). `tests/it/fuzz_seeds.rs` runs them
//! in CI over the fixtures and their mutations; `fuzz/README.md` says how to
//! fuzz them for real.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use url::Url;

use crate::config::Config;
use crate::extract::{Extractor, Taxonomy};
use crate::sources::hn::HnRequest;
use crate::sources::html::HtmlRequest;
use crate::sources::smartrecruiters::SmartRecruitersRequest;
use crate::sources::workday::WorkdayRequest;
use crate::sources::{self, Memory, Page, Parsed, Posting, Request, Source};

/// A fuzz target: arbitrary bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every fuzz target, by name (the `fuzz/fuzz_targets/<name>.rs` files).
pub const TARGETS: &[(&str, Target)] = &[
    ("jsonld", jsonld),
    ("html_to_text", html_to_text),
    ("hn_first_line", hn_first_line),
    ("hn_api", hn_api),
    ("greenhouse", greenhouse),
    ("lever", lever),
    ("ashby", ashby),
    ("smartrecruiters", smartrecruiters),
    ("workable", workable),
    ("personio", personio),
    ("feed", feed),
    ("html_board", html_board),
    ("workday", workday),
    ("matcher", matcher),
    ("config", config),
    ("recruitee", recruitee),
    ("remoteok", remoteok),
    ("arbeitnow", arbeitnow),
    ("himalayas", himalayas),
    ("jobicy", jobicy),
];

/// A JSON-LD job page (and the links it holds).
pub fn jsonld(data: &[u8]) {
    run_source("jsonld", data, 0);
}

/// HTML to plain text: no control characters, and text the matcher takes.
pub fn html_to_text(data: &[u8]) {
    let text = crate::extract::text::html_to_text(&String::from_utf8_lossy(data));
    assert_plain(&text);
    check_extraction(&text);
}

/// The first line of a "Who is hiring?" comment.
pub fn hn_first_line(data: &[u8]) {
    let line = String::from_utf8_lossy(data);
    let head = sources::first_line::parse(&line);
    for field in [&head.company, &head.title, &head.location].into_iter().flatten() {
        assert!(!field.trim().is_empty(), "an empty field is None, not {field:?}");
    }
}

/// The Algolia API's answers: the thread search (first byte even) or a
/// thread with its comments (odd).
pub fn hn_api(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    run_source("hn", rest, which % 2);
}

/// A Greenhouse board's jobs.
pub fn greenhouse(data: &[u8]) {
    run_source("greenhouse", data, 0);
}

/// A Lever site's postings.
pub fn lever(data: &[u8]) {
    run_source("lever", data, 0);
}

/// An Ashby job board.
pub fn ashby(data: &[u8]) {
    run_source("ashby", data, 0);
}

/// SmartRecruiters: a company's postings list (first byte even) or one
/// posting with its job ad (odd).
pub fn smartrecruiters(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    run_source("smartrecruiters", rest, which % 2);
}

/// A Workable account's jobs.
pub fn workable(data: &[u8]) {
    run_source("workable", data, 0);
}

/// A Personio company's XML feed.
pub fn personio(data: &[u8]) {
    run_source("personio", data, 0);
}

/// An RSS or Atom feed.
pub fn feed(data: &[u8]) {
    run_source("feed", data, 0);
}

/// A CSS-selector board: a listing page (first byte even) or a posting.
pub fn html_board(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    run_source("html", rest, which % 2);
}

/// A Recruitee company's offers.
pub fn recruitee(data: &[u8]) {
    run_source("recruitee", data, 0);
}

/// The RemoteOK board.
pub fn remoteok(data: &[u8]) {
    run_source("remoteok", data, 0);
}

/// A page of the Arbeitnow board.
pub fn arbeitnow(data: &[u8]) {
    run_source("arbeitnow", data, 0);
}

/// A page of the Himalayas board.
pub fn himalayas(data: &[u8]) {
    run_source("himalayas", data, 0);
}

/// The Jobicy board.
pub fn jobicy(data: &[u8]) {
    run_source("jobicy", data, 0);
}

/// A Workday site's answers: a page of its job search (first byte even)
/// or one job (odd).
pub fn workday(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    run_source("workday", rest, which % 2);
}

/// The skill matcher on any text.
pub fn matcher(data: &[u8]) {
    check_extraction(&String::from_utf8_lossy(data));
}

/// The config loader: any text is a config or an error naming a line.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = Config::parse(Path::new("sources.toml"), &text) {
        assert!(!e.message.is_empty());
        if let Some(line) = e.line {
            assert!(
                line >= 1 && line <= text.lines().count().max(1) + 1,
                "line {line} of {} lines",
                text.lines().count()
            );
        }
    }
}

const CONFIG: &str = r#"
[[sources]]
name = "jsonld"
kind = "jsonld"
start_urls = ["https://jobs.example/"]

[[sources]]
name = "hn"
kind = "hn"
base_url = "https://hn.algolia.example/api/v1"
since = "2020-01"

[[sources]]
name = "greenhouse"
kind = "greenhouse"
boards = ["acme"]

[[sources]]
name = "lever"
kind = "lever"
sites = ["acme"]

[[sources]]
name = "ashby"
kind = "ashby"
boards = ["acme"]

[[sources]]
name = "smartrecruiters"
kind = "smartrecruiters"
companies = ["AcmeGmbH"]

[[sources]]
name = "workable"
kind = "workable"
accounts = ["acme"]

[[sources]]
name = "personio"
kind = "personio"
companies = ["acme"]

[[sources]]
name = "feed"
kind = "feed"
urls = ["https://jobs.example/feed.rss"]

[[sources]]
name = "html"
kind = "html"
start_urls = ["https://board.example/jobs"]
posting_links = "li.job a"
next_page = "a.next"
title = "h1"
company = ".company"
location = ".location"
posted_at = "time"
description = ".description"

[[sources]]
name = "recruitee"
kind = "recruitee"
companies = ["acme"]

[[sources]]
name = "remoteok"
kind = "remoteok"

[[sources]]
name = "arbeitnow"
kind = "arbeitnow"

[[sources]]
name = "himalayas"
kind = "himalayas"

[[sources]]
name = "jobicy"
kind = "jobicy"

[[sources]]
name = "workday"
kind = "workday"
sites = ["https://acme.wd5.myworkdayjobs.com/External"]
"#;

/// A source of one kind, and a request for each stage it parses.
struct Fixture {
    name: String,
    source: Box<dyn Source>,
    stages: Vec<Request>,
}

/// The sources of every kind.
fn fixtures() -> &'static [Fixture] {
    static SOURCES: OnceLock<Vec<Fixture>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let config = Config::parse(Path::new("fuzz.toml"), CONFIG).expect("the fuzz config is valid");
        config
            .sources
            .iter()
            .map(|spec| {
                let source = sources::build(spec);
                let mut stages = source.start(&Memory::default()).expect("start requests");
                stages.truncate(1);
                let first = stages[0].url.clone();
                let second = match spec.kind.name() {
                    "hn" => Some(Request::new(first.join("items/123").expect("url"), HnRequest::Thread)),
                    "html" => Some(Request::link(first.join("/jobs/1").expect("url"), HtmlRequest::Posting)),
                    "smartrecruiters" => {
                        let mut r =
                            Request::link(first.join("postings/1").expect("url"), SmartRecruitersRequest::Posting);
                        r.label = stages[0].label.clone();
                        Some(r)
                    }
                    "workday" => {
                        let job = first.join("/wday/cxs/acme/External/job/Berlin/Engineer_R-1").expect("url");
                        let mut r = Request::link(job, WorkdayRequest::Job);
                        r.label = stages[0].label.clone();
                        Some(r)
                    }
                    _ => None,
                };
                stages.extend(second);
                Fixture { name: spec.name.clone(), source, stages }
            })
            .collect()
    })
}

fn run_source(name: &str, data: &[u8], stage: u8) {
    let Some(Fixture { source, stages, .. }) = fixtures().iter().find(|f| f.name == name) else {
        panic!("no fuzz source {name}");
    };
    let request = &stages[usize::from(stage) % stages.len()];
    let body = String::from_utf8_lossy(data);
    let page = Page { request, url: &request.url, body: &body, content_type: None };
    if let Ok(mut parsed) = source.parse(&page, &Memory::default()) {
        // What is checked is what the engine stores.
        sources::ready_to_store(&mut parsed.postings, &request.url, "2026-01-01T00:00:00Z");
        check_parsed(&parsed, &request.url);
    }
}

/// What every source promises about what it parsed.
fn check_parsed(parsed: &Parsed, page_url: &Url) {
    for p in &parsed.postings {
        check_posting(p);
    }
    for r in &parsed.follow {
        assert!(matches!(r.url.scheme(), "http" | "https"), "{} from {page_url}", r.url);
    }
}

fn check_posting(p: &Posting) {
    assert!(!p.external_id.is_empty(), "a posting without an id");
    for field in [&p.title, &p.company, &p.location].into_iter().flatten() {
        assert_plain(field);
        assert!(!field.contains('\n'), "a one-line field with a line break: {field:?}");
    }
    assert_plain(&p.description);
    if let Some(at) = &p.posted_at {
        assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "posted_at {at:?} is not RFC 3339");
    }
}

/// Text with no control characters but newlines and tabs.
fn assert_plain(text: &str) {
    assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "a control character in {text:?}");
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Arc::new(Taxonomy::builtin())).expect("the built-in taxonomy compiles"))
}

fn check_extraction(text: &str) {
    let ex = extractor().extract(text);
    for m in &ex.mentions {
        assert!(m.start < m.end && m.end <= ex.text.len(), "{m:?}");
        assert!(ex.text.is_char_boundary(m.start) && ex.text.is_char_boundary(m.end), "{m:?}");
    }
}
