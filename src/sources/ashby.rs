//! `ashby`: the Ashby job board API, one request per board with
//! `includeCompensation=true` (so each job carries its `compensation`,
//! read by `sources::structured_pay`); only listed jobs count.

use anyhow::{Context, Result};
use serde::Deserialize;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace, workplace_from_location};
use crate::extract::text::{html_to_text, normalize};

/// The `ashby` source kind.
pub struct AshbySource {
    name: String,
    base: Url,
    boards: Vec<String>,
}

impl AshbySource {
    pub fn new(name: &str, base: Url, boards: Vec<String>) -> AshbySource {
        AshbySource { name: name.to_string(), base, boards }
    }
}

/// The one kind of request: a board's jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AshbyRequest {
    Board,
}

impl RequestKind for AshbyRequest {
    const ALL: &'static [Self] = &[AshbyRequest::Board];

    fn as_str(self) -> &'static str {
        "board"
    }
}

#[derive(Deserialize)]
struct Board {
    jobs: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    id: String,
    title: Option<String>,
    location: Option<String>,
    is_remote: Option<bool>,
    workplace_type: Option<String>,
    published_at: Option<String>,
    #[serde(default = "listed")]
    is_listed: bool,
    job_url: Option<String>,
    description_html: Option<String>,
    description_plain: Option<String>,
}

/// What Ashby's `workplaceType` says: `Remote`, `OnSite` or `Hybrid`.
fn workplace_of(workplace_type: Option<&str>) -> Option<Workplace> {
    match workplace_type? {
        "Remote" => Some(Workplace::Remote),
        "OnSite" => Some(Workplace::Onsite),
        "Hybrid" => Some(Workplace::Hybrid),
        _ => None,
    }
}

fn listed() -> bool {
    true
}

impl Source for AshbySource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        super::board_requests(&self.base, &self.boards, "board", AshbyRequest::Board, |b| {
            format!("posting-api/job-board/{b}?includeCompensation=true")
        })
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let board: Board = serde_json::from_str(page.body).context("not an Ashby job board response")?;
        let name = super::board_of(page.request);
        let mut parsed = Parsed::default();
        let what = format!("a job of board {name}");
        for (job, raw) in super::each_item::<Job>(board.jobs, &self.name, page, &what) {
            if !job.is_listed {
                continue;
            }
            let description = match (&job.description_html, &job.description_plain) {
                (Some(html), _) if !html.trim().is_empty() => html_to_text(html),
                (_, Some(plain)) => normalize(plain.trim()).into_owned(),
                _ => String::new(),
            };
            let location = job.location.filter(|l| !l.trim().is_empty());
            parsed.postings.push(Posting {
                external_id: job.id,
                url: job.job_url,
                title: job.title,
                company: Some(name.to_string()),
                workplace: match (job.is_remote, workplace_of(job.workplace_type.as_deref())) {
                    (Some(true), _) => Some(Workplace::Remote),
                    (_, Some(stated)) => Some(stated),
                    (Some(false), None) => Some(Workplace::Onsite),
                    (None, None) => location.as_deref().and_then(workplace_from_location),
                },
                location,
                posted_at: job.published_at.as_deref().and_then(parse_loose),
                description,
                raw_format: "ashby-job",
                raw,
            });
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Vec<Posting> {
        let source = AshbySource::new("ashby", Url::parse("https://api.ashby.example").unwrap(), vec!["acme".into()]);
        let request = &source.start(&Memory::default()).unwrap()[0];
        let page = Page { request, url: &request.url, body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap().postings
    }

    #[test]
    fn on_site_only_when_the_board_says_so() {
        let job = |id: &str, fields: &str| format!(r#"{{"id":"{id}","title":"Engineer","location":"Berlin"{fields}}}"#);
        let body = format!(
            r#"{{"jobs":[{}]}}"#,
            [
                job("a", r#","isRemote":false"#),
                job("b", r#","isRemote":true"#),
                job("c", r#","workplaceType":"OnSite""#),
                job("d", r#","workplaceType":"Hybrid""#),
                job("e", r#","workplaceType":"Remote""#),
                job("f", r#","isRemote":null,"workplaceType":null"#),
            ]
            .join(",")
        );
        let stated: Vec<Option<Workplace>> = parse(&body).iter().map(|p| p.workplace).collect();
        let (r, h, o) = (Some(Workplace::Remote), Some(Workplace::Hybrid), Some(Workplace::Onsite));
        assert_eq!(stated, [o, r, o, h, r, None]);
    }

    #[test]
    fn the_raw_payload_keeps_the_compensation_the_pay_is_read_from() {
        let body = r#"{"jobs":[{"id":"a","title":"Engineer","compensation":{"compensationTierSummary":"$150K – $180K",
            "summaryComponents":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"USD","minValue":150000,"maxValue":180000}]}}]}"#;
        let posting = parse(body).remove(0);
        let pay = crate::sources::structured_pay(posting.raw_format, &posting.raw).expect("pay from the raw payload");
        assert_eq!((pay.min, pay.max, pay.currency.as_str()), (150_000.0, 180_000.0, "USD"));
    }
}
