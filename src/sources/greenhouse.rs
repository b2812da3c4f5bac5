//! `greenhouse`: Greenhouse job boards (`boards-api.greenhouse.io`), one
//! request per board with `content=true` and `pay_transparency=true` (the
//! `pay_input_ranges` are only returned when asked for); the content is
//! entity-escaped HTML.

use anyhow::{Context, Result};
use serde::Deserialize;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, remote_from_location};
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

/// The one kind of request: a board's jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreenhouseRequest {
    Board,
}

impl RequestKind for GreenhouseRequest {
    const ALL: &'static [Self] = &[GreenhouseRequest::Board];

    fn as_str(self) -> &'static str {
        "board"
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
        let board: Board = serde_json::from_str(page.body).context("not a Greenhouse board response")?;
        let token = super::board_of(page.request);
        let mut parsed = Parsed::default();
        let what = format!("a job of board {token}");
        for (job, raw) in super::each_item::<Job>(board.jobs, &self.name, page, &what) {
            let id = match &job.id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            // `content` is HTML with its tags escaped as entities.
            let html = job.content.as_deref().map(|c| htmlize::unescape(c).into_owned()).unwrap_or_default();
            let location = job.location.and_then(|l| l.name).map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
            parsed.postings.push(Posting {
                external_id: format!("{token}:{id}"),
                url: job.absolute_url,
                title: job.title.map(|t| html_to_text(&t)),
                company: job.company_name.or_else(|| Some(token.to_string())),
                remote: location.as_deref().and_then(remote_from_location),
                location,
                posted_at: job
                    .first_published
                    .as_deref()
                    .and_then(parse_loose)
                    .or_else(|| job.updated_at.as_deref().and_then(parse_loose)),
                description: html_to_text(&html),
                raw_format: "greenhouse-job",
                raw,
            });
        }
        Ok(parsed)
    }
}
