//! `remoteok`: the Remote OK board (`https://remoteok.com/api`, one
//! request, no paging). The answer is a JSON array whose element 0 is the
//! legal notice, never a job. A job is keyed by its `id`; `date` (ISO 8601
//! with offset, else `epoch`) is its date; `salary_min`/`salary_max` are
//! USD a year, 0 meaning unknown. The board states no remote flag.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::{from_unix_secs, parse_loose};
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::extract::pay::{Pay, PayPeriod};
use crate::extract::text::html_to_text;

/// What a stored posting's raw payload is.
pub const RAW_FORMAT: &str = "remoteok-job";

/// The `remoteok` source kind.
pub struct RemoteOkSource {
    name: String,
    base: Url,
}

impl RemoteOkSource {
    pub fn new(name: &str, base: Url) -> RemoteOkSource {
        RemoteOkSource { name: name.to_string(), base }
    }
}

/// The one kind of request: the board's jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteOkRequest {
    Jobs,
}

impl RequestKind for RemoteOkRequest {
    const ALL: &'static [Self] = &[RemoteOkRequest::Jobs];

    fn as_str(self) -> &'static str {
        "jobs"
    }
}

#[derive(Deserialize)]
struct Job {
    id: Value,
    epoch: Option<i64>,
    date: Option<String>,
    company: Option<String>,
    position: Option<String>,
    description: Option<String>,
    location: Option<String>,
    url: Option<String>,
}

/// An id as the board writes it (a string, sometimes a number).
fn job_id(id: &Value) -> Option<String> {
    match id {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Source for RemoteOkSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(super::on_base(&self.base, "/api")?, RemoteOkRequest::Jobs)])
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let value: Value = serde_json::from_str(page.body).context("not a Remote OK API response")?;
        let Value::Array(items) = value else { bail!("not a Remote OK API response (expected an array)") };
        // Element 0 is the legal notice: `{last_updated, legal}`.
        let jobs: Vec<Value> = items
            .into_iter()
            .enumerate()
            .filter(|(i, v)| !(*i == 0 && v.get("id").is_none()))
            .map(|(_, v)| v)
            .collect();
        let postings = super::each_item::<Job>(jobs, &self.name, page, "a Remote OK job")
            .into_iter()
            .filter_map(|(job, raw)| posting(job, raw))
            .collect();
        Ok(Parsed { postings, ..Parsed::default() })
    }
}

fn posting(job: Job, raw: String) -> Option<Posting> {
    Some(Posting {
        external_id: job_id(&job.id)?,
        url: job.url,
        title: job.position,
        company: job.company,
        location: job.location,
        workplace: None,
        posted_at: job.date.as_deref().and_then(parse_loose).or_else(|| job.epoch.and_then(from_unix_secs)),
        description: job.description.as_deref().map(html_to_text).unwrap_or_default(),
        raw_format: RAW_FORMAT,
        raw,
    })
}

/// The pay of a job's raw payload: `salary_min`/`salary_max`, USD a year.
pub fn pay(raw: &Value) -> Option<Pay> {
    crate::extract::pay::from_range(
        raw.get("salary_min"),
        raw.get("salary_max"),
        Some("USD"),
        None,
        Some(PayPeriod::Year),
    )
}
