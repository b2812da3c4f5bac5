//! `himalayas`: the Himalayas board (`https://himalayas.app/jobs/api?limit=20`),
//! paged by `&cursor={nextCursor}` until it is null or a page has no jobs.
//! A cursor already asked for in this run (a loop) stops the paging and is
//! reported; a cursor that never ends is cut at `max_pages` by the crawler.
//! A job is keyed by its `guid` (its page URL); `pubDate` (Unix seconds) is
//! its date; `minSalary`/`maxSalary`/`salaryPeriod`/`currency` its pay. The
//! board states no remote flag.

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::from_unix_secs;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::extract::pay::Pay;
use crate::extract::text::{html_to_text, normalize};

/// What a stored posting's raw payload is.
pub const RAW_FORMAT: &str = "himalayas-job";

/// Jobs per page (the API's most).
const PAGE: &str = "/jobs/api?limit=20";

/// The `himalayas` source kind.
pub struct HimalayasSource {
    name: String,
    base: Url,
}

impl HimalayasSource {
    pub fn new(name: &str, base: Url) -> HimalayasSource {
        HimalayasSource { name: name.to_string(), base }
    }
}

/// The one kind of request: a page of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HimalayasRequest {
    Page,
}

impl RequestKind for HimalayasRequest {
    const ALL: &'static [Self] = &[HimalayasRequest::Page];

    fn as_str(self) -> &'static str {
        "page"
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    next_cursor: Option<Value>,
    jobs: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    guid: String,
    title: Option<String>,
    excerpt: Option<String>,
    company_name: Option<String>,
    #[serde(default)]
    location_restrictions: Vec<Value>,
    description: Option<String>,
    pub_date: Option<Value>,
}

/// A cursor as a short fingerprint (FNV-1a), for the loop check.
fn fingerprint(cursor: &str) -> String {
    let hash = cursor.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

impl Source for HimalayasSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(super::on_base(&self.base, PAGE)?, HimalayasRequest::Page)])
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let answer: Answer = serde_json::from_str(page.body).context("not a Himalayas jobs API response")?;
        let more = !answer.jobs.is_empty();
        let postings: Vec<Posting> = super::each_item::<Job>(answer.jobs, &self.name, page, "a Himalayas job")
            .into_iter()
            .filter(|(job, _)| !job.guid.trim().is_empty())
            .map(|(job, raw)| posting(job, raw))
            .collect();
        let mut parsed = Parsed { postings, ..Parsed::default() };
        let cursor = match answer.next_cursor {
            Some(Value::String(c)) if !c.trim().is_empty() => c,
            Some(Value::Number(n)) => n.to_string(),
            _ => return Ok(parsed),
        };
        if more {
            self.next_page(page.request, &cursor, &mut parsed)?;
        }
        Ok(parsed)
    }
}

impl HimalayasSource {
    /// The page at `cursor`, unless an earlier page of this run asked for
    /// it (the request's `carry` holds their fingerprints): then a problem.
    fn next_page(&self, request: &Request, cursor: &str, parsed: &mut Parsed) -> Result<()> {
        let seen = request.carry.as_deref().unwrap_or("");
        let print = fingerprint(cursor);
        if seen.split(',').any(|s| s == print) {
            let pages = seen.split(',').filter(|s| !s.is_empty()).count() + 1;
            parsed.problems.push(format!(
                "nextCursor {cursor:?} was already asked for (the cursor loops); paging stopped after {pages} pages"
            ));
            return Ok(());
        }
        let query: String = url::form_urlencoded::byte_serialize(cursor.as_bytes()).collect();
        let mut next =
            Request::new(super::on_base(&self.base, &format!("{PAGE}&cursor={query}"))?, HimalayasRequest::Page);
        next.carry = Some(if seen.is_empty() { print } else { format!("{seen},{print}") });
        parsed.follow.push(next);
        Ok(())
    }
}

fn posting(job: Job, raw: String) -> Posting {
    let places: Vec<&str> = job.location_restrictions.iter().filter_map(Value::as_str).collect();
    let description = match (&job.description, &job.excerpt) {
        (Some(html), _) if !html.trim().is_empty() => html_to_text(html),
        (_, Some(plain)) => normalize(plain.trim()).into_owned(),
        _ => String::new(),
    };
    let guid = job.guid.trim().to_string();
    Posting {
        url: Some(guid.clone()).filter(|g| g.starts_with("http")),
        external_id: guid,
        title: job.title,
        company: job.company_name,
        location: (!places.is_empty()).then(|| places.join(", ")),
        workplace: None,
        posted_at: job.pub_date.as_ref().and_then(unix_secs).and_then(from_unix_secs),
        description,
        raw_format: RAW_FORMAT,
        raw,
    }
}

/// Unix seconds written as an integer, a float or a string of digits.
fn unix_secs(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The pay of a job's raw payload: `minSalary`, `maxSalary`, `currency`,
/// per `salaryPeriod` (`annual`, `monthly`).
pub fn pay(raw: &Value) -> Option<Pay> {
    let text = |k: &str| raw.get(k).and_then(Value::as_str);
    crate::extract::pay::from_range(
        raw.get("minSalary"),
        raw.get("maxSalary"),
        text("currency"),
        text("salaryPeriod"),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(source: &HimalayasSource, request: &Request, body: &str) -> Parsed {
        let page = Page { request, url: &request.url, body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap()
    }

    #[test]
    fn a_cursor_asked_for_again_stops_the_paging_and_says_so() {
        let source = HimalayasSource::new("h", Url::parse("http://127.0.0.1:9").unwrap());
        let first = source.start(&Memory::default()).unwrap().remove(0);
        let job = r#"{"guid":"https://himalayas.app/companies/a/jobs/x","title":"Engineer"}"#;
        let a = page_of(&source, &first, &format!(r#"{{"nextCursor":"A","jobs":[{job}]}}"#));
        assert_eq!(a.follow[0].url.as_str(), "http://127.0.0.1:9/jobs/api?limit=20&cursor=A");
        let b = page_of(&source, &a.follow[0], &format!(r#"{{"nextCursor":"B+/=","jobs":[{job}]}}"#));
        assert_eq!(b.follow[0].url.as_str(), "http://127.0.0.1:9/jobs/api?limit=20&cursor=B%2B%2F%3D");
        let c = page_of(&source, &b.follow[0], &format!(r#"{{"nextCursor":"A","jobs":[{job}]}}"#));
        assert!(c.follow.is_empty());
        assert_eq!(c.postings.len(), 1);
        assert_eq!(
            c.problems,
            ["nextCursor \"A\" was already asked for (the cursor loops); paging stopped after 3 pages"]
        );
        let end = page_of(&source, &b.follow[0], &format!(r#"{{"nextCursor":null,"jobs":[{job}]}}"#));
        assert!(end.follow.is_empty() && end.problems.is_empty());
    }
}
