//! Source adapters: one file per kind of job source, each behind the
//! [`Source`] trait. Sources are pure: the crawl engine fetches, a source
//! turns a fetched page into postings and further requests.

pub mod arbeitnow;
pub mod ashby;
pub mod date;
pub mod feed;
pub mod first_line;
pub mod greenhouse;
pub mod himalayas;
pub mod hn;
pub mod html;
pub mod jobicy;
pub mod jsonld;
pub mod lever;
pub mod personio;
pub mod recruitee;
pub mod remoteok;
pub mod scan;
pub mod smartrecruiters;
pub mod workable;
pub mod workday;

use std::collections::HashMap;

use anyhow::Result;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::config::{KindSpec, SourceSpec};
use crate::extract::facts::Facts;

/// Where a job's work is done, as its source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Workplace {
    /// At the employer's site.
    Onsite,
    /// Partly at the site, partly remote.
    Hybrid,
    /// Fully remote (possibly with the office as an option).
    Remote,
}

impl Workplace {
    /// The id stored in `postings.workplace`.
    pub fn id(self) -> &'static str {
        match self {
            Workplace::Onsite => "onsite",
            Workplace::Hybrid => "hybrid",
            Workplace::Remote => "remote",
        }
    }

    /// The stored `remote` flag: remote or not (hybrid is not remote).
    pub fn is_remote(self) -> bool {
        self == Workplace::Remote
    }

    /// The workplace a remote flag states (true remote, false on-site).
    pub fn from_remote(remote: bool) -> Workplace {
        if remote { Workplace::Remote } else { Workplace::Onsite }
    }

    /// What several statements add up to: remote when any says remote,
    /// else hybrid when any says hybrid ("ONSITE or HYBRID").
    pub fn either(a: Option<Workplace>, b: Option<Workplace>) -> Option<Workplace> {
        a.max(b)
    }
}

/// A job posting as a source read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Posting {
    /// The source's own id (or the canonical URL when it has none).
    pub external_id: String,
    /// Where a person can read the posting.
    pub url: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    /// Where the work is done, only when the source says so; None when it
    /// does not say.
    pub workplace: Option<Workplace>,
    /// The source's own date, ISO 8601 UTC (`2026-05-15T00:00:00Z`).
    pub posted_at: Option<String>,
    /// Plain text, normalised.
    pub description: String,
    /// What `raw` is (`jsonld`, `hn-comment`, ...).
    pub raw_format: &'static str,
    /// The payload the posting was parsed from.
    pub raw: String,
}

impl Posting {
    /// Puts the text fields in the shape they are stored in, whatever a
    /// source read: the description normalised (see
    /// [`normalize`](crate::extract::text::normalize)); the title, company
    /// and location — plain text, with HTML entities at most, never tags
    /// ("C++ <Backend> Engineer", "R&amp;D") — entities decoded, on one
    /// line with single spaces, and None when nothing is left. Sources hand
    /// these fields over as the API wrote them.
    pub fn tidy(&mut self) {
        use crate::extract::text::normalize;
        if let std::borrow::Cow::Owned(n) = normalize(&self.description) {
            self.description = n;
        }
        for field in [&mut self.title, &mut self.company, &mut self.location] {
            if let Some(text) = field.take() {
                let decoded = if text.contains('&') { htmlize::unescape(&text) } else { text.as_str().into() };
                let one_line = normalize(&decoded).split_whitespace().collect::<Vec<_>>().join(" ");
                *field = (!one_line.is_empty()).then_some(one_line);
            }
        }
    }
}

/// Readies a page's postings for storage: each tidied, a date more than a
/// year after `now` (ISO 8601 UTC, the crawler's clock) forgotten, and
/// those without an id (which could not be told apart on the next run)
/// dropped, logged.
pub fn ready_to_store(postings: &mut Vec<Posting>, page_url: &Url, now: &str) {
    postings.retain_mut(|p| {
        p.tidy();
        if p.posted_at.as_deref().is_some_and(|t| date::too_far_ahead(t, now)) {
            tracing::warn!(url = %page_url, posted_at = ?p.posted_at, "a posting dated more than a year ahead; dated by when it was first seen instead");
            p.posted_at = None;
        }
        let keep = !p.external_id.trim().is_empty();
        if !keep {
            tracing::warn!(url = %page_url, "a posting without an id; skipped");
        }
        keep
    });
}

/// What a request is for, in its source's terms: each source has its own
/// enum of them. Its name is what a page's follow list in the HTTP cache
/// stores, so a name, once used, keeps its meaning.
pub trait RequestKind: Copy + Sized + 'static {
    /// Every kind of the source.
    const ALL: &'static [Self];

    /// The stored name.
    fn as_str(self) -> &'static str;

    /// The kind a stored name stands for.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

/// The HTTP method of a request: GET, or POST with a JSON body (the
/// `workday` search).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    #[default]
    Get,
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    fn is_get(&self) -> bool {
        *self == Method::Get
    }
}

/// A URL to fetch, with what the source needs to parse the answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Request {
    pub url: Url,
    /// GET unless the source asks for a POST.
    #[serde(default, skip_serializing_if = "Method::is_get")]
    pub method: Method,
    /// A POST's JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The name of the source's [`RequestKind`] this URL is (`page`,
    /// `thread`, ...); read it back with [`Request::kind`].
    kind: String,
    /// What a failure of this URL is attributed to (a board, a month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A link found on a page: when it is dead (404, 410) it is skipped,
    /// not counted as a failure of the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub best_effort: bool,
    /// What a source hands from one page to the next it asks for (the
    /// `hn` threads found on the earlier search pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carry: Option<String>,
}

impl Request {
    /// A request the source needs (its failure is a failure).
    pub fn new(url: Url, kind: impl RequestKind) -> Request {
        Request {
            url,
            method: Method::Get,
            body: None,
            kind: kind.as_str().to_string(),
            label: None,
            best_effort: false,
            carry: None,
        }
    }

    /// A POST of a JSON body the source needs.
    pub fn post_json(url: Url, kind: impl RequestKind, body: String) -> Request {
        Request { method: Method::Post, body: Some(body), ..Request::new(url, kind) }
    }

    /// What tells this request apart from every other in a run's queue and
    /// in the HTTP cache: the URL of a GET; the method, URL and body of a
    /// POST (two searches of one URL are two requests).
    pub fn key(&self) -> String {
        match self.method {
            Method::Get => self.url.to_string(),
            Method::Post => format!("POST {} {}", self.url, self.body.as_deref().unwrap_or_default()),
        }
    }

    /// A link found on a page (a dead one is skipped).
    pub fn link(url: Url, kind: impl RequestKind) -> Request {
        Request { best_effort: true, ..Request::new(url, kind) }
    }

    /// What this request is for; an error for a name the source does not
    /// know (say, from the cache of another version).
    pub fn kind<K: RequestKind>(&self) -> Result<K> {
        K::from_name(&self.kind).ok_or_else(|| anyhow::anyhow!("unknown request kind \"{}\"", self.kind))
    }

    /// The stored name of what this request is for.
    pub fn kind_name(&self) -> &str {
        &self.kind
    }
}

/// A fetched response, as a source sees it.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub request: &'a Request,
    /// The URL after redirects.
    pub url: &'a Url,
    /// The body, decoded to UTF-8.
    pub body: &'a str,
    pub content_type: Option<&'a str>,
}

/// What a source made of a page.
#[derive(Debug, Default)]
pub struct Parsed {
    pub postings: Vec<Posting>,
    /// Further URLs to fetch (the engine keeps them within allowed hosts).
    pub follow: Vec<Request>,
    /// State to remember for the next run.
    pub state: Vec<(String, String)>,
    /// What is wrong with a page that could still be read (a paging cursor
    /// that loops): recorded as a failure of the page, its postings kept.
    pub problems: Vec<String>,
}

/// What a source remembers from earlier runs.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    pub state: HashMap<String, String>,
    /// Fetch again what earlier runs completed (`crawl --refresh`).
    pub refresh: bool,
}

/// A kind of job source.
pub trait Source: Send + Sync {
    /// The configured name.
    fn name(&self) -> &str;

    /// The requests a crawl begins with.
    fn start(&self, memory: &Memory) -> Result<Vec<Request>>;

    /// Turns a fetched page into postings and further requests. An error
    /// fails this URL only.
    fn parse(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed>;
}

/// One request per board of a job-board API (`{base}/{path(board)}`),
/// labelled `{noun} NAME` (`board acme`, `site acme`) so that a failure
/// names its board.
pub fn board_requests(
    base: &Url,
    boards: &[String],
    noun: &str,
    kind: impl RequestKind,
    path: impl Fn(&str) -> String,
) -> Result<Vec<Request>> {
    let base = base.as_str().trim_end_matches('/');
    boards
        .iter()
        .map(|b| {
            let mut r = Request::new(Url::parse(&format!("{base}/{}", path(b)))?, kind);
            r.label = Some(format!("{noun} {b}"));
            Ok(r)
        })
        .collect()
}

/// A URL of a public board's API: `path` (with its query) under `base`,
/// which replaces the scheme and host (and may add a path before `path`).
pub fn on_base(base: &Url, path: &str) -> Result<Url> {
    Ok(Url::parse(&format!("{}{path}", base.as_str().trim_end_matches('/')))?)
}

/// A link an API gave (absolute, or relative to `page`) moved onto `base`:
/// its path and query kept, its scheme and host replaced, so that paging
/// never leaves the configured host (a mirror's pages may name the real
/// one). A link already on `base`'s host is kept as it is.
pub fn rebase(base: &Url, page: &Url, link: &str) -> Result<Url> {
    let link = page.join(link.trim())?;
    if link.host_str() == base.host_str() && link.port_or_known_default() == base.port_or_known_default() {
        return Ok(link);
    }
    let query = link.query().map(|q| format!("?{q}")).unwrap_or_default();
    on_base(base, &format!("{}{query}", link.path()))
}

/// The board a request of [`board_requests`] is for.
pub fn board_of(request: &Request) -> &str {
    request.label.as_deref().and_then(|l| l.split_once(' ')).map_or("", |(_, board)| board)
}

/// A board that answered with no postings at all, where an unknown board
/// answers the same way (SmartRecruiters: 200, `totalFound: 0`): named in
/// the run record as "no postings", not as a page that cannot be parsed.
#[derive(Debug, thiserror::Error)]
#[error("no postings: {0}")]
pub struct NoPostings(pub String);

/// The items of an API answer (`jobs`, postings) as `T`, each with its raw
/// JSON; one of another shape is logged (`what` names it: "a job of board
/// acme") and skipped, the others kept.
pub fn each_item<T: DeserializeOwned>(
    items: Vec<Value>,
    source: &str,
    page: &Page<'_>,
    what: &str,
) -> Vec<(T, String)> {
    items
        .into_iter()
        .filter_map(|value| match T::deserialize(&value) {
            Ok(item) => Some((item, value.to_string())),
            Err(_) => {
                tracing::warn!(source = %source, url = %page.url, "{what} has an unexpected shape; skipped");
                None
            }
        })
        .collect()
}

/// The deepest element nesting a page may have to be parsed into a DOM
/// (real pages stay under a few hundred; a tree builder's time grows with
/// the square of the depth).
pub const MAX_HTML_DEPTH: usize = 2048;

/// Refuses a page nested deeper than [`MAX_HTML_DEPTH`] before it is
/// parsed into a DOM.
pub fn check_html_depth(body: &str) -> Result<()> {
    let depth = crate::html::nesting_depth(body, MAX_HTML_DEPTH);
    if depth > MAX_HTML_DEPTH {
        anyhow::bail!("the page nests elements more than {MAX_HTML_DEPTH} deep; not parsed");
    }
    Ok(())
}

/// Whether a location text says the job is remote ("Remote (EU)",
/// "Berlin or remote") or hybrid ("Berlin (Hybrid)"); None when it says
/// neither (a place alone does not say on-site).
pub fn workplace_from_location(location: &str) -> Option<Workplace> {
    let lower = location.to_lowercase();
    let words = || lower.split(|c: char| !c.is_alphanumeric());
    if words().any(|w| w == "remote" || w == "anywhere" || w == "telecommute" || w == "wfh") {
        Some(Workplace::Remote)
    } else if words().any(|w| w == "hybrid") {
        Some(Workplace::Hybrid)
    } else {
        None
    }
}

/// The raw format of an HN "Who is hiring?" comment.
pub const HN_COMMENT: &str = "hn-comment";

/// A posting's roles, levels and pay, read the way its source writes it:
/// an HN comment as a comment (its first line and body together, so that
/// "Multiple roles" on the first line keeps every job its body lists; the
/// stored title is only the first line's title field), any other posting
/// from its title and text; with the pay its raw payload states.
pub fn posting_facts(raw_format: &str, raw: &str, title: Option<&str>, description: &str) -> Facts {
    let structured = structured_pay(raw_format, raw);
    crate::extract::facts::posting_facts(facts_title(raw_format, title), description, structured.as_ref())
}

/// The title roles and levels are read from: none for an HN comment (its
/// description holds its first line), else the posting's own.
pub fn facts_title<'a>(raw_format: &str, title: Option<&'a str>) -> Option<&'a str> {
    if raw_format == HN_COMMENT { None } else { title }
}

/// The pay a posting's source states in its structured fields, read from
/// the raw payload it was parsed from: schema.org `baseSalary` (JSON-LD),
/// Lever `salaryRange`, Ashby `compensation`, Greenhouse
/// `pay_input_ranges`, and the job boards' own fields (Recruitee `salary`,
/// RemoteOK, Himalayas, Jobicy: each source's `pay`). None for the other
/// formats and for payloads that are not JSON.
pub fn structured_pay(raw_format: &str, raw: &str) -> Option<crate::extract::pay::Pay> {
    use crate::extract::pay;
    if let Some(read) = board_pay(raw_format) {
        return read(&serde_json::from_str(raw).ok()?);
    }
    let field = match raw_format {
        "jsonld" => None,
        "lever-posting" => Some("salaryRange"),
        "ashby-job" => Some("compensation"),
        "greenhouse-job" => Some("pay_input_ranges"),
        _ => return None,
    };
    let value: serde_json::Value = serde_json::from_str(raw).ok()?;
    match field {
        None => pay::from_job_posting(&value),
        Some(key) => {
            let v = value.get(key).filter(|v| !v.is_null())?;
            match key {
                "salaryRange" => pay::from_lever(v),
                "compensation" => pay::from_ashby(v),
                _ => pay::from_greenhouse(v),
            }
        }
    }
}

/// The reader of the pay fields of the public boards' raw payloads.
fn board_pay(raw_format: &str) -> Option<fn(&Value) -> Option<crate::extract::pay::Pay>> {
    match raw_format {
        recruitee::RAW_FORMAT => Some(recruitee::pay),
        remoteok::RAW_FORMAT => Some(remoteok::pay),
        himalayas::RAW_FORMAT => Some(himalayas::pay),
        jobicy::RAW_FORMAT => Some(jobicy::pay),
        _ => None,
    }
}

/// Builds the adapter for a configured source.
pub fn build(spec: &SourceSpec) -> Box<dyn Source> {
    match &spec.kind {
        KindSpec::Jsonld { start_urls, follow } => {
            Box::new(jsonld::JsonLdSource::new(&spec.name, start_urls.clone(), follow.as_deref()))
        }
        KindSpec::Hn { base_url, since, until } => {
            Box::new(hn::HnSource::new(&spec.name, base_url.clone(), *since, *until))
        }
        KindSpec::Greenhouse { base_url, boards } => {
            Box::new(greenhouse::GreenhouseSource::new(&spec.name, base_url.clone(), boards.clone()))
        }
        KindSpec::Lever { base_url, sites } => {
            Box::new(lever::LeverSource::new(&spec.name, base_url.clone(), sites.clone()))
        }
        KindSpec::Ashby { base_url, boards } => {
            Box::new(ashby::AshbySource::new(&spec.name, base_url.clone(), boards.clone()))
        }
        KindSpec::Feed { urls } => Box::new(feed::FeedSource::new(&spec.name, urls.clone())),
        KindSpec::Html(h) => Box::new(html::HtmlSource::new(&spec.name, h.clone())),
        KindSpec::Recruitee { base_url, companies } => {
            Box::new(recruitee::RecruiteeSource::new(&spec.name, base_url.clone(), companies.clone()))
        }
        KindSpec::Remoteok { base_url } => Box::new(remoteok::RemoteOkSource::new(&spec.name, base_url.clone())),
        KindSpec::Arbeitnow { base_url } => Box::new(arbeitnow::ArbeitnowSource::new(&spec.name, base_url.clone())),
        KindSpec::Himalayas { base_url } => Box::new(himalayas::HimalayasSource::new(&spec.name, base_url.clone())),
        KindSpec::Jobicy { base_url } => Box::new(jobicy::JobicySource::new(&spec.name, base_url.clone())),
        KindSpec::SmartRecruiters { base_url, companies } => {
            Box::new(smartrecruiters::SmartRecruitersSource::new(&spec.name, base_url.clone(), companies.clone()))
        }
        KindSpec::Workable { base_url, accounts } => {
            Box::new(workable::WorkableSource::new(&spec.name, base_url.clone(), accounts.clone()))
        }
        KindSpec::Personio { base_url, companies } => {
            Box::new(personio::PersonioSource::new(&spec.name, base_url.clone(), companies.clone()))
        }
        KindSpec::Workday { sites } => Box::new(workday::WorkdaySource::new(&spec.name, sites.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<K: RequestKind>() -> Vec<&'static str> {
        K::ALL.iter().map(|k| k.as_str()).collect()
    }

    #[test]
    fn request_kinds_keep_the_names_the_http_cache_stores() {
        assert_eq!(names::<hn::HnRequest>(), ["threads", "thread", "final-thread"]);
        assert_eq!(names::<html::HtmlRequest>(), ["listing", "posting"]);
        assert_eq!(names::<jsonld::JsonLdRequest>(), ["page"]);
        assert_eq!(names::<greenhouse::GreenhouseRequest>(), ["board", "job"]);
        assert_eq!(names::<ashby::AshbyRequest>(), ["board"]);
        assert_eq!(names::<lever::LeverRequest>(), ["postings"]);
        assert_eq!(names::<feed::FeedRequest>(), ["feed"]);
        assert_eq!(names::<recruitee::RecruiteeRequest>(), ["offers"]);
        assert_eq!(names::<remoteok::RemoteOkRequest>(), ["jobs"]);
        assert_eq!(names::<arbeitnow::ArbeitnowRequest>(), ["page"]);
        assert_eq!(names::<himalayas::HimalayasRequest>(), ["page"]);
        assert_eq!(names::<jobicy::JobicyRequest>(), ["jobs"]);
        assert_eq!(names::<smartrecruiters::SmartRecruitersRequest>(), ["postings", "posting"]);
        assert_eq!(names::<workable::WorkableRequest>(), ["account"]);
        assert_eq!(names::<personio::PersonioRequest>(), ["feed"]);
        assert_eq!(names::<workday::WorkdayRequest>(), ["jobs", "job"]);
        // A follow list as an earlier version cached it.
        let cached = r#"[{"url":"https://hn.example/items/1","kind":"final-thread","label":"2024-01"},
                         {"url":"https://board.example/jobs/2","kind":"posting","best_effort":true}]"#;
        let follow: Vec<Request> = serde_json::from_str(cached).unwrap();
        assert_eq!(follow[0].kind::<hn::HnRequest>().unwrap(), hn::HnRequest::FinalThread);
        assert_eq!(follow[1].kind::<html::HtmlRequest>().unwrap(), html::HtmlRequest::Posting);
        assert!(follow[1].best_effort);
        assert_eq!(
            serde_json::to_string(&follow[0]).unwrap(),
            r#"{"url":"https://hn.example/items/1","kind":"final-thread","label":"2024-01"}"#
        );
        // A POST keeps its method and body; a GET writes neither.
        let post = Request::post_json(
            Url::parse("https://a.example/jobs").unwrap(),
            workday::WorkdayRequest::Jobs,
            r#"{"offset":0}"#.into(),
        );
        let json = serde_json::to_string(&post).unwrap();
        assert_eq!(json, r#"{"url":"https://a.example/jobs","method":"POST","body":"{\"offset\":0}","kind":"jobs"}"#);
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), post);
        assert_eq!(follow[0].method, Method::Get);
    }

    #[test]
    fn tidy_decodes_entities_in_titles_and_keeps_what_looks_like_tags() {
        let mut p = Posting {
            external_id: "1".into(),
            url: None,
            title: Some("  C++ <Backend>\n Engineer ".into()),
            company: Some("AT&amp;T".into()),
            location: Some("Z&uuml;rich &ndash; or remote".into()),
            workplace: None,
            posted_at: None,
            description: String::new(),
            raw_format: "test",
            raw: String::new(),
        };
        p.tidy();
        assert_eq!(p.title.as_deref(), Some("C++ <Backend> Engineer"));
        assert_eq!(p.company.as_deref(), Some("AT&T"));
        assert_eq!(p.location.as_deref(), Some("Zürich - or remote"));
        for (raw, want) in
            [("R&D Engineer", "R&D Engineer"), ("R&amp;D Engineer", "R&D Engineer"), ("&lt;b&gt;", "<b>")]
        {
            p.title = Some(raw.into());
            p.tidy();
            assert_eq!(p.title.as_deref(), Some(want), "{raw}");
        }
        p.title = Some(" &nbsp; ".into());
        p.tidy();
        assert_eq!(p.title, None);
    }

    #[test]
    fn an_unknown_request_kind_from_an_old_cache_fails_its_url_only() {
        let request: Request = serde_json::from_str(r#"{"url":"https://hn.example/items/1","kind":"gone"}"#).unwrap();
        let err = request.kind::<hn::HnRequest>().unwrap_err();
        assert_eq!(err.to_string(), "unknown request kind \"gone\"");
        let source = hn::HnSource::new(
            "hn",
            Url::parse("https://hn.example").unwrap(),
            crate::config::YearMonth { year: 2024, month: 1 },
            None,
        );
        let page = Page { request: &request, url: &request.url, body: "{}", content_type: None };
        assert!(source.parse(&page, &Memory::default()).is_err());
    }
}
