//! `jobicy`: the Jobicy board (`https://jobicy.com/api/v2/remote-jobs?count=50`,
//! one request, no paging). A job is keyed by its integer `id`; `pubDate`
//! (`YYYY-MM-DD HH:MM:SS`, no zone) is taken as UTC; `annualSalaryMin`/
//! `annualSalaryMax` with `salaryCurrency` are its pay, a year. `jobTitle`
//! may carry entities (decoded when stored). The board states no remote
//! flag.

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::extract::pay::Pay;
use crate::extract::text::html_to_text;

/// What a stored posting's raw payload is.
pub const RAW_FORMAT: &str = "jobicy-job";

/// The `jobicy` source kind.
pub struct JobicySource {
    name: String,
    base: Url,
}

impl JobicySource {
    pub fn new(name: &str, base: Url) -> JobicySource {
        JobicySource { name: name.to_string(), base }
    }
}

/// The one kind of request: the board's jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobicyRequest {
    Jobs,
}

impl RequestKind for JobicyRequest {
    const ALL: &'static [Self] = &[JobicyRequest::Jobs];

    fn as_str(self) -> &'static str {
        "jobs"
    }
}

#[derive(Deserialize)]
struct Answer {
    jobs: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    id: u64,
    url: Option<String>,
    job_title: Option<String>,
    company_name: Option<String>,
    job_geo: Option<String>,
    job_description: Option<String>,
    job_excerpt: Option<String>,
    pub_date: Option<String>,
}

impl Source for JobicySource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(super::on_base(&self.base, "/api/v2/remote-jobs?count=50")?, JobicyRequest::Jobs)])
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let answer: Answer = serde_json::from_str(page.body).context("not a Jobicy remote-jobs response")?;
        let postings = super::each_item::<Job>(answer.jobs, &self.name, page, "a Jobicy job")
            .into_iter()
            .map(|(job, raw)| posting(job, raw))
            .collect();
        Ok(Parsed { postings, ..Parsed::default() })
    }
}

fn posting(job: Job, raw: String) -> Posting {
    let html = job.job_description.as_deref().filter(|d| !d.trim().is_empty()).or(job.job_excerpt.as_deref());
    Posting {
        external_id: job.id.to_string(),
        url: job.url,
        title: job.job_title,
        company: job.company_name,
        location: job.job_geo,
        workplace: None,
        // No zone: taken as UTC.
        posted_at: job.pub_date.as_deref().and_then(parse_loose),
        description: html.map(html_to_text).unwrap_or_default(),
        raw_format: RAW_FORMAT,
        raw,
    }
}

/// The pay of a job's raw payload: `annualSalaryMin`/`annualSalaryMax` in
/// `salaryCurrency`, a year.
pub fn pay(raw: &Value) -> Option<Pay> {
    let currency = raw.get("salaryCurrency").and_then(Value::as_str);
    crate::extract::pay::from_range(
        raw.get("annualSalaryMin"),
        raw.get("annualSalaryMax"),
        currency,
        Some("year"),
        None,
    )
}
