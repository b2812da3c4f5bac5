//! `arbeitnow`: the Arbeitnow board
//! (`https://www.arbeitnow.com/api/job-board-api`), paged by `links.next`
//! (absolute, followed on the configured host) until it is null or a page
//! has no jobs. A job is keyed by its `slug`; `created_at` (Unix seconds)
//! is its date and `remote` its flag. Each description ends with the
//! board's "Find Jobs in Germany on Arbeitnow" line (a stray `</a>`
//! included), kept as text.

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::from_unix_secs;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace};
use crate::extract::text::html_to_text;

/// What a stored posting's raw payload is.
pub const RAW_FORMAT: &str = "arbeitnow-job";

/// The `arbeitnow` source kind.
pub struct ArbeitnowSource {
    name: String,
    base: Url,
}

impl ArbeitnowSource {
    pub fn new(name: &str, base: Url) -> ArbeitnowSource {
        ArbeitnowSource { name: name.to_string(), base }
    }
}

/// The one kind of request: a page of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArbeitnowRequest {
    Page,
}

impl RequestKind for ArbeitnowRequest {
    const ALL: &'static [Self] = &[ArbeitnowRequest::Page];

    fn as_str(self) -> &'static str {
        "page"
    }
}

#[derive(Deserialize)]
struct Answer {
    data: Vec<Value>,
    links: Option<Links>,
}

#[derive(Deserialize)]
struct Links {
    next: Option<String>,
}

#[derive(Deserialize)]
struct Job {
    slug: String,
    company_name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    remote: Option<bool>,
    url: Option<String>,
    location: Option<String>,
    created_at: Option<i64>,
}

impl Source for ArbeitnowSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(super::on_base(&self.base, "/api/job-board-api")?, ArbeitnowRequest::Page)])
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let answer: Answer = serde_json::from_str(page.body).context("not an Arbeitnow job board response")?;
        let more = !answer.data.is_empty();
        let postings: Vec<Posting> = super::each_item::<Job>(answer.data, &self.name, page, "an Arbeitnow job")
            .into_iter()
            .filter(|(job, _)| !job.slug.trim().is_empty())
            .map(|(job, raw)| posting(job, raw))
            .collect();
        let mut parsed = Parsed { postings, ..Parsed::default() };
        let next = answer.links.and_then(|l| l.next).filter(|n| !n.trim().is_empty());
        if let (true, Some(next)) = (more, next) {
            match super::rebase(&self.base, page.url, &next) {
                Ok(url) => parsed.follow.push(Request::new(url, ArbeitnowRequest::Page)),
                Err(_) => parsed.problems.push(format!("links.next {next:?} is not a URL; paging stopped")),
            }
        }
        Ok(parsed)
    }
}

fn posting(job: Job, raw: String) -> Posting {
    Posting {
        external_id: job.slug.trim().to_string(),
        url: job.url,
        title: job.title,
        company: job.company_name,
        location: job.location,
        workplace: job.remote.map(Workplace::from_remote),
        posted_at: job.created_at.and_then(from_unix_secs),
        description: job.description.as_deref().map(html_to_text).unwrap_or_default(),
        raw_format: RAW_FORMAT,
        raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follow(base: &str, next: &str) -> (Vec<String>, Vec<String>) {
        let source = ArbeitnowSource::new("a", Url::parse(base).unwrap());
        let request = &source.start(&Memory::default()).unwrap()[0];
        let body = format!(r#"{{"data":[{{"slug":"x","title":"Engineer"}}],"links":{{"next":{next}}}}}"#);
        let page = Page { request, url: &request.url, body: &body, content_type: None };
        let parsed = source.parse(&page, &Memory::default()).unwrap();
        (parsed.follow.iter().map(|r| r.url.to_string()).collect(), parsed.problems)
    }

    #[test]
    fn links_next_is_followed_on_the_configured_host_only() {
        let real = r#""https://www.arbeitnow.com/api/job-board-api?page=2""#;
        assert_eq!(follow("https://www.arbeitnow.com", real).0, ["https://www.arbeitnow.com/api/job-board-api?page=2"]);
        assert_eq!(follow("http://127.0.0.1:9/mirror", real).0, ["http://127.0.0.1:9/mirror/api/job-board-api?page=2"]);
        // A mirror that names itself, and a relative link.
        let own = r#""http://127.0.0.1:9/mirror/api/job-board-api?page=2""#;
        assert_eq!(follow("http://127.0.0.1:9/mirror", own).0, ["http://127.0.0.1:9/mirror/api/job-board-api?page=2"]);
        assert_eq!(follow("http://127.0.0.1:9", r#""?page=3""#).0, ["http://127.0.0.1:9/api/job-board-api?page=3"]);
        assert_eq!(follow("http://127.0.0.1:9", "null"), (vec![], vec![]));
        let (next, problems) = follow("http://127.0.0.1:9", r#""http://[bad""#);
        assert!(next.is_empty());
        assert_eq!(problems, ["links.next \"http://[bad\" is not a URL; paging stopped"]);
    }
}
