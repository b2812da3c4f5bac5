//! `workable`: Workable's public careers widget (no key), one request per
//! account (`api/v1/widget/accounts/{account}?details=true`) holding every
//! published job with its HTML description; no paging. An unknown account
//! answers 404 (`text/plain`), a failure of that account only.

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace};
use crate::extract::text::html_to_text;

/// The `workable` source kind.
pub struct WorkableSource {
    name: String,
    base: Url,
    accounts: Vec<String>,
}

impl WorkableSource {
    pub fn new(name: &str, base: Url, accounts: Vec<String>) -> WorkableSource {
        WorkableSource { name: name.to_string(), base, accounts }
    }
}

/// The one kind of request: an account's jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkableRequest {
    Account,
}

impl RequestKind for WorkableRequest {
    const ALL: &'static [Self] = &[WorkableRequest::Account];

    fn as_str(self) -> &'static str {
        "account"
    }
}

#[derive(Deserialize)]
struct Account {
    /// The employer's name.
    name: Option<Value>,
    jobs: Vec<Value>,
}

#[derive(Deserialize)]
struct Job {
    shortcode: String,
    title: Option<String>,
    telecommuting: Option<bool>,
    url: Option<String>,
    shortlink: Option<String>,
    published_on: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    #[serde(default)]
    locations: Vec<Value>,
    description: Option<String>,
}

impl Source for WorkableSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        super::board_requests(&self.base, &self.accounts, "account", WorkableRequest::Account, |a| {
            format!("api/v1/widget/accounts/{a}?details=true")
        })
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let account_name = super::board_of(page.request);
        let account: Account = serde_json::from_str(page.body).context("not a Workable account answer")?;
        let employer = account.name.as_ref().and_then(Value::as_str).map(str::to_string);
        let what = format!("a job of account {account_name}");
        let postings = super::each_item::<Job>(account.jobs, &self.name, page, &what)
            .into_iter()
            .map(|(job, raw)| {
                let company = employer.clone().or_else(|| Some(account_name.to_string()));
                posting(job, raw, company)
            })
            .collect();
        Ok(Parsed { postings, ..Parsed::default() })
    }
}

/// The posting of one job, `raw` its JSON.
fn posting(job: Job, raw: String, company: Option<String>) -> Posting {
    let location = place(&[job.city.as_deref(), job.state.as_deref(), job.country.as_deref()])
        .or_else(|| job.locations.first().and_then(listed_location));
    Posting {
        external_id: job.shortcode.trim().to_string(),
        url: job.url.or(job.shortlink),
        title: job.title,
        company,
        location,
        workplace: job.telecommuting.map(Workplace::from_remote),
        // A day with no zone: midnight UTC.
        posted_at: job.published_on.as_deref().and_then(parse_loose),
        description: job.description.as_deref().map(html_to_text).unwrap_or_default(),
        raw_format: "workable-job",
        raw,
    }
}

/// The non-empty parts of a place, joined.
fn place(parts: &[Option<&str>]) -> Option<String> {
    let parts: Vec<&str> = parts.iter().flatten().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A place of the job's `locations` list.
fn listed_location(l: &Value) -> Option<String> {
    let field = |k: &str| l.get(k).and_then(Value::as_str);
    place(&[field("city"), field("region"), field("country")])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Vec<Posting> {
        let source =
            WorkableSource::new("workable", Url::parse("https://apply.workable.example").unwrap(), vec!["acme".into()]);
        let request = &source.start(&Memory::default()).unwrap()[0];
        let page = Page { request, url: &request.url, body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap().postings
    }

    #[test]
    fn the_place_comes_from_the_job_else_its_locations_and_the_employer_else_the_account() {
        let body = r#"{"jobs":[
            {"shortcode":"A1B2C3D4E5","title":"Engineer","city":"Athens","state":"Attica","country":"Greece","telecommuting":false},
            {"shortcode":"F6A7B8C9D0","title":"Engineer","city":"","country":"",
             "locations":[{"country":"Germany","countryCode":"DE","city":"Berlin","region":"Berlin","hidden":false}]}]}"#;
        let got: Vec<(Option<String>, Option<String>, Option<Workplace>)> =
            parse(body).into_iter().map(|p| (p.location, p.company, p.workplace)).collect();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            got,
            [
                (s("Athens, Attica, Greece"), s("acme"), Some(Workplace::Onsite)),
                (s("Berlin, Berlin, Germany"), s("acme"), None)
            ]
        );
    }
}
