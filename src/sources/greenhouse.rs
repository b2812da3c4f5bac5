//! `greenhouse`: Greenhouse job boards (`boards-api.greenhouse.io`), one
//! request per board with `content=true` and `pay_transparency=true`; the
//! content is entity-escaped HTML. The documented list shape
//! (`../shared/docs/sources.md`) carries no `pay_input_ranges`: a job
//! listed without the field is fetched once more, alone
//! (`boards/{board}/jobs/{id}?pay_transparency=true`), for its pay, and
//! stored from that answer; a job the list gives with the field (even
//! empty) is stored from the list.

use anyhow::{Context, Result};
use serde::Deserialize;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, workplace_from_location};
use crate::extract::text::html_to_text;

/// The `greenhouse` source kind.
pub struct GreenhouseSource {
    name: String,
    base: Url,
    boards: Vec<String>,
}

impl GreenhouseSource {
    pub fn new(name: &str, base: Url, boards: Vec<String>) -> GreenhouseSource {
        GreenhouseSource { name: name.to_string(), base, boards }
    }
}

/// What a request asks for: a board's jobs, or one job with its pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreenhouseRequest {
    Board,
    Job,
}

impl RequestKind for GreenhouseRequest {
    const ALL: &'static [Self] = &[GreenhouseRequest::Board, GreenhouseRequest::Job];

    fn as_str(self) -> &'static str {
        match self {
            GreenhouseRequest::Board => "board",
            GreenhouseRequest::Job => "job",
        }
    }
}

#[derive(Deserialize)]
struct Board {
    jobs: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Job {
    id: serde_json::Value,
    title: Option<String>,
    updated_at: Option<String>,
    first_published: Option<String>,
    location: Option<Named>,
    absolute_url: Option<String>,
    company_name: Option<String>,
    content: Option<String>,
    /// Whether the answer has a `pay_input_ranges` field (even null or empty).
    #[serde(default, deserialize_with = "present")]
    pay_input_ranges: bool,
}

/// True for any value: used with `default` to tell a field's presence.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

#[derive(Deserialize)]
struct Named {
    name: Option<String>,
}

impl Source for GreenhouseSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        super::board_requests(&self.base, &self.boards, "board", GreenhouseRequest::Board, |b| {
            format!("boards/{b}/jobs?content=true&pay_transparency=true")
        })
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let token = super::board_of(page.request);
        let mut parsed = Parsed::default();
        match page.request.kind::<GreenhouseRequest>()? {
            GreenhouseRequest::Board => {
                let board: Board = serde_json::from_str(page.body).context("not a Greenhouse board response")?;
                let what = format!("a job of board {token}");
                for (job, raw) in super::each_item::<Job>(board.jobs, &self.name, page, &what) {
                    if job.pay_input_ranges {
                        parsed.postings.push(posting(job, raw, token));
                    } else {
                        parsed.follow.push(self.job_request(token, &job_id(&job.id))?);
                    }
                }
            }
            GreenhouseRequest::Job => {
                let value: serde_json::Value =
                    serde_json::from_str(page.body).context("not a Greenhouse job response")?;
                let what = format!("a job of board {token}");
                for (job, raw) in super::each_item::<Job>(vec![value], &self.name, page, &what) {
                    parsed.postings.push(posting(job, raw, token));
                }
            }
        }
        Ok(parsed)
    }
}

impl GreenhouseSource {
    /// One job of a board, asked for with its pay ranges; a job closed
    /// since the list was read (404) is skipped, not a failure.
    fn job_request(&self, token: &str, id: &str) -> Result<Request> {
        let base = self.base.as_str().trim_end_matches('/');
        let mut r = Request::link(
            Url::parse(&format!("{base}/boards/{token}/jobs/{id}?pay_transparency=true"))?,
            GreenhouseRequest::Job,
        );
        r.label = Some(format!("board {token}"));
        Ok(r)
    }
}

/// A job id as the API writes it (a number, sometimes a string).
fn job_id(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The posting of one job of board `token`, `raw` its JSON.
fn posting(job: Job, raw: String, token: &str) -> Posting {
    // `content` is HTML with its tags escaped as entities.
    let html = job.content.as_deref().map(|c| htmlize::unescape(c).into_owned()).unwrap_or_default();
    let location = job.location.and_then(|l| l.name).map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    Posting {
        external_id: format!("{token}:{}", job_id(&job.id)),
        url: job.absolute_url,
        title: job.title,
        company: job.company_name.or_else(|| Some(token.to_string())),
        workplace: location.as_deref().and_then(workplace_from_location),
        location,
        posted_at: job
            .first_published
            .as_deref()
            .and_then(parse_loose)
            .or_else(|| job.updated_at.as_deref().and_then(parse_loose)),
        description: html_to_text(&html),
        raw_format: "greenhouse-job",
        raw,
    }
}
