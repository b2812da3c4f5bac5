//! `hn`: Hacker News "Ask HN: Who is hiring?" threads through the Algolia
//! API — the only source that reaches back to 2011. Finds the monthly
//! threads, fetches each whole, and stores every top-level comment with text
//! as a posting. Months already complete are not fetched again.

use anyhow::{Context, Result, anyhow};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::{from_unix_secs, parse_loose};
use super::first_line;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::config::YearMonth;
use crate::extract::text::hn_html_to_text;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The state key of a month whose thread is stored complete.
pub fn month_key(m: YearMonth) -> String {
    format!("month:{m}")
}

/// The state key of a month already reported as having no thread.
pub fn missing_key(m: YearMonth) -> String {
    format!("missing:{m}")
}

/// What a request of the `hn` source is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HnRequest {
    /// A page of the thread search.
    Threads,
    /// The thread of the current month (it keeps growing).
    Thread,
    /// The thread of a month whose next month's thread exists: stored
    /// whole, it is remembered as complete.
    FinalThread,
}

impl RequestKind for HnRequest {
    const ALL: &'static [Self] = &[HnRequest::Threads, HnRequest::Thread, HnRequest::FinalThread];

    fn as_str(self) -> &'static str {
        match self {
            HnRequest::Threads => "threads",
            HnRequest::Thread => "thread",
            HnRequest::FinalThread => "final-thread",
        }
    }
}

/// The `hn` source kind.
pub struct HnSource {
    name: String,
    base: Url,
    since: YearMonth,
    until: Option<YearMonth>,
}

impl HnSource {
    pub fn new(name: &str, base: Url, since: YearMonth, until: Option<YearMonth>) -> HnSource {
        HnSource { name: name.to_string(), base, since, until }
    }

    fn url(&self, path_and_query: &str) -> Result<Url> {
        let base = self.base.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}/{path_and_query}")).context("building an Algolia URL")
    }

    fn search_url(&self, page: u64) -> Result<Url> {
        let mut q = String::from("search_by_date?tags=story,author_whoishiring&hitsPerPage=1000");
        if page > 0 {
            q.push_str(&format!("&page={page}"));
        }
        self.url(&q)
    }
}

/// The month a thread title names, if it is a "Who is hiring?" thread:
/// `Ask HN: Who is hiring? (March 2024)`.
pub fn hiring_thread_month(title: &str) -> Option<YearMonth> {
    let lower = title.trim().to_lowercase();
    let rest = lower.strip_prefix("ask hn: who is hiring?")?.trim_start();
    let inner = rest.strip_prefix('(')?.split(')').next()?;
    let mut words = inner.split_whitespace();
    let month_name = words.next()?;
    let year: i32 = words.next()?.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    Some(YearMonth { year, month })
}

/// Most pages of the thread search read (Algolia answers at most 1,000
/// hits a page).
const MAX_SEARCH_PAGES: u64 = 50;

#[derive(Deserialize)]
struct SearchPage {
    hits: Vec<Hit>,
    #[serde(default, rename = "nbPages")]
    nb_pages: u64,
}

/// Which page of the thread search a request asks for (`&page=N`).
fn search_page_number(request: &Request) -> u64 {
    request.url.query_pairs().find(|(k, _)| k == "page").and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
}

/// The threads found on earlier search pages, as a request carries them.
fn carried_threads(request: &Request) -> Result<Vec<(YearMonth, String)>> {
    let Some(carry) = &request.carry else { return Ok(Vec::new()) };
    let pairs: Vec<(String, String)> =
        serde_json::from_str(carry).context("the threads of the earlier search pages are unreadable")?;
    pairs
        .into_iter()
        .map(|(m, id)| Ok((YearMonth::parse(&m).ok_or_else(|| anyhow!("{m:?} is not a month"))?, id)))
        .collect()
}

/// The threads found so far, for the next search page's request.
fn carry_threads(threads: &[(YearMonth, String)]) -> String {
    let pairs: Vec<(String, &str)> = threads.iter().map(|(m, id)| (m.to_string(), id.as_str())).collect();
    serde_json::to_string(&pairs).unwrap_or_default()
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "objectID")]
    object_id: String,
    #[serde(default)]
    title: Option<String>,
}

impl Source for HnSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(self.search_url(0)?, HnRequest::Threads)])
    }

    fn parse(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed> {
        match page.request.kind::<HnRequest>()? {
            HnRequest::Threads => self.parse_threads(page, memory),
            HnRequest::Thread => self.parse_thread(page, false),
            HnRequest::FinalThread => self.parse_thread(page, true),
        }
    }
}

impl HnSource {
    /// A page of the thread search. Months are judged over every page, so
    /// each page but the last asks for the next with the threads found so
    /// far; the last asks for the threads.
    fn parse_threads(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed> {
        let search: SearchPage = serde_json::from_str(page.body).context("the thread search is not Algolia JSON")?;
        let mut threads = carried_threads(page.request)?;
        threads.extend(
            search.hits.iter().filter_map(|h| Some((hiring_thread_month(h.title.as_deref()?)?, h.object_id.clone()))),
        );
        let number = search_page_number(page.request);
        if number + 1 < search.nb_pages.min(MAX_SEARCH_PAGES) {
            let mut next = Request::new(self.search_url(number + 1)?, HnRequest::Threads);
            next.carry = Some(carry_threads(&threads));
            return Ok(Parsed { follow: vec![next], ..Parsed::default() });
        }
        threads.sort();
        threads.dedup_by_key(|(m, _)| *m);
        let state = self.report_missing(&threads, memory);
        Ok(Parsed { follow: self.thread_requests(&threads, memory)?, state, ..Parsed::default() })
    }

    /// One request per wanted month (threads sorted by month) not already
    /// complete.
    fn thread_requests(&self, threads: &[(YearMonth, String)], memory: &Memory) -> Result<Vec<Request>> {
        let latest = threads.last().map(|(m, _)| *m);
        let mut follow = Vec::new();
        for (month, id) in threads {
            if *month < self.since || self.until.is_some_and(|u| *month > u) {
                continue;
            }
            // A month is final once the next month's thread exists.
            let is_final = Some(*month) != latest;
            if is_final && !memory.refresh && memory.state.contains_key(&month_key(*month)) {
                continue;
            }
            let kind = if is_final { HnRequest::FinalThread } else { HnRequest::Thread };
            let mut req = Request::new(self.url(&format!("items/{id}"))?, kind);
            req.label = Some(month.to_string());
            follow.push(req);
        }
        Ok(follow)
    }

    /// Months in range with no thread are reported, never interpolated:
    /// each month once (the state remembers it was said), not on every crawl.
    fn report_missing(&self, threads: &[(YearMonth, String)], memory: &Memory) -> Vec<(String, String)> {
        let Some(latest) = threads.last().map(|(m, _)| *m) else { return Vec::new() };
        let end = self.until.map_or(latest, |u| u.min(latest));
        let mut m = self.since;
        let mut missing = Vec::new();
        while m <= end {
            if !threads.iter().any(|(t, _)| *t == m) && !memory.state.contains_key(&missing_key(m)) {
                missing.push(m);
            }
            m = m.next();
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
            tracing::warn!(
                source = %self.name,
                "no \"Who is hiring?\" thread found for {} (said once per month)",
                list.join(", ")
            );
        }
        missing.into_iter().map(|m| (missing_key(m), "no thread found".to_string())).collect()
    }

    /// A whole thread: its top-level comments with text are the postings;
    /// a final one marks its month complete.
    fn parse_thread(&self, page: &Page<'_>, is_final: bool) -> Result<Parsed> {
        let story: Value = serde_json::from_str(page.body).context("the thread is not Algolia item JSON")?;
        let children =
            story.get("children").and_then(Value::as_array).ok_or_else(|| anyhow!("the thread has no children"))?;
        let mut parsed = Parsed::default();
        for c in children {
            if let Some(p) = comment_posting(c) {
                parsed.postings.push(p);
            }
        }
        if is_final && let Some(month) = &page.request.label {
            let id = story.get("id").map(Value::to_string).unwrap_or_default();
            parsed
                .state
                .push((format!("month:{month}"), format!("complete story={id} comments={}", parsed.postings.len())));
        }
        Ok(parsed)
    }
}

/// A top-level comment as a posting; None for deleted or empty ones.
fn comment_posting(c: &Value) -> Option<Posting> {
    let text = c.get("text")?.as_str()?;
    c.get("author")?.as_str()?;
    let id = match c.get("id")? {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let description = hn_html_to_text(text);
    if description.trim().is_empty() {
        return None;
    }
    let posted_at = c
        .get("created_at")
        .and_then(Value::as_str)
        .and_then(parse_loose)
        .or_else(|| c.get("created_at_i").and_then(Value::as_i64).and_then(from_unix_secs));
    let head = first_line::parse(description.lines().next().unwrap_or(""));
    let mut raw = c.clone();
    if let Some(o) = raw.as_object_mut() {
        o.remove("children");
    }
    Some(Posting {
        url: Some(format!("https://news.ycombinator.com/item?id={id}")),
        external_id: id,
        title: head.title,
        company: head.company,
        location: head.location,
        workplace: head.workplace,
        posted_at,
        description,
        raw_format: crate::sources::HN_COMMENT,
        raw: raw.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_titles() {
        let m = |y, mo| Some(YearMonth { year: y, month: mo });
        assert_eq!(hiring_thread_month("Ask HN: Who is hiring? (March 2024)"), m(2024, 3));
        assert_eq!(hiring_thread_month("Ask HN: Who is Hiring? (April 2011)"), m(2011, 4));
        assert_eq!(hiring_thread_month("Ask HN: Who wants to be hired? (March 2024)"), None);
        assert_eq!(hiring_thread_month("Ask HN: Freelancer? Seeking freelancer? (March 2024)"), None);
        assert_eq!(hiring_thread_month("Ask HN: Who is hiring? (Smarch 2024)"), None);
    }

    #[test]
    fn the_threads_of_earlier_search_pages_ride_along_to_the_last() {
        let source = HnSource::new(
            "hn",
            Url::parse("https://hn.example/api/v1").unwrap(),
            YearMonth { year: 2024, month: 1 },
            None,
        );
        let parse = |request: &Request, body: &str| {
            source.parse(&Page { request, url: &request.url, body, content_type: None }, &Memory::default())
        };
        let hit =
            |id: &str, month: &str| format!(r#"{{"objectID":"{id}","title":"Ask HN: Who is hiring? ({month})"}}"#);
        let first = &source.start(&Memory::default()).unwrap()[0];
        let page0 = format!(r#"{{"hits":[{}],"page":0,"nbPages":2}}"#, hit("3", "March 2024"));
        let next = parse(first, &page0).unwrap().follow.remove(0);
        assert_eq!(
            next.url.as_str(),
            "https://hn.example/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000&page=1"
        );
        let page1 =
            format!(r#"{{"hits":[{},{}],"page":1,"nbPages":2}}"#, hit("2", "February 2024"), hit("1", "January 2024"));
        let threads: Vec<(String, String)> = parse(&next, &page1)
            .unwrap()
            .follow
            .iter()
            .map(|r| (r.url.path().to_string(), r.kind_name().to_string()))
            .collect();
        let want =
            [("/api/v1/items/1", "final-thread"), ("/api/v1/items/2", "final-thread"), ("/api/v1/items/3", "thread")];
        assert_eq!(threads, want.map(|(p, k)| (p.to_string(), k.to_string())));
        // What an older cache or a broken one carries fails that page only.
        let broken = Request { carry: Some("not json".into()), ..next };
        assert!(parse(&broken, &page1).is_err());
    }
}
