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
use crate::extract::text::html_to_text;

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

#[derive(Deserialize)]
struct SearchPage {
    hits: Vec<Hit>,
    #[serde(default)]
    page: u64,
    #[serde(default, rename = "nbPages")]
    nb_pages: u64,
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
    /// The thread list: one request per wanted month not already complete.
    fn parse_threads(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed> {
        let search: SearchPage = serde_json::from_str(page.body).context("the thread search is not Algolia JSON")?;
        let mut parsed = Parsed::default();
        if search.page == 0 {
            for p in 1..search.nb_pages.min(50) {
                parsed.follow.push(Request::new(self.search_url(p)?, HnRequest::Threads));
            }
        }
        let mut threads: Vec<(YearMonth, String)> = search
            .hits
            .iter()
            .filter_map(|h| Some((hiring_thread_month(h.title.as_deref()?)?, h.object_id.clone())))
            .collect();
        threads.sort();
        threads.dedup_by_key(|(m, _)| *m);
        let latest = threads.last().map(|(m, _)| *m);
        for (month, id) in &threads {
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
            parsed.follow.push(req);
        }
        // Months in range with no thread are reported, never interpolated.
        if search.page == 0
            && let Some(latest) = latest
        {
            let end = self.until.map_or(latest, |u| u.min(latest));
            let mut m = self.since;
            let mut missing = Vec::new();
            while m <= end {
                if !threads.iter().any(|(t, _)| *t == m) {
                    missing.push(m.to_string());
                }
                m = m.next();
            }
            if !missing.is_empty() {
                tracing::warn!(source = %self.name, "no \"Who is hiring?\" thread found for {}", missing.join(", "));
            }
        }
        Ok(parsed)
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
    let description = html_to_text(text);
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
        remote: head.remote,
        posted_at,
        description,
        raw_format: "hn-comment",
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
}
