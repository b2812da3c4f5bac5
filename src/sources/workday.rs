//! `workday`: Workday career sites through their CXS JSON API, the first
//! kind that POSTs. Per site, the job list is searched with `POST
//! /wday/cxs/{tenant}/{site}/jobs` (20 at a time, paged by `offset`; the
//! `total` is real only on the first page, so it is carried to the next
//! ones), then each job is read with `GET
//! /wday/cxs/{tenant}/{site}{externalPath}` for its description, date and
//! stable id (`jobReqId`). A site that answers every offset with the
//! same page is stopped at the repeat; any other lying total is bounded by
//! the crawl's `max_pages`.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace};
use crate::config::WorkdaySite;
use crate::extract::text::html_to_text;

/// Jobs asked for per search page (the API's most).
pub const PAGE_SIZE: u64 = 20;

/// The `workday` source kind.
pub struct WorkdaySource {
    name: String,
    sites: Vec<WorkdaySite>,
}

impl WorkdaySource {
    pub fn new(name: &str, sites: Vec<WorkdaySite>) -> WorkdaySource {
        WorkdaySource { name: name.to_string(), sites }
    }
}

/// What a request asks for: a page of a site's job search, or one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkdayRequest {
    Jobs,
    Job,
}

impl RequestKind for WorkdayRequest {
    const ALL: &'static [Self] = &[WorkdayRequest::Jobs, WorkdayRequest::Job];

    fn as_str(self) -> &'static str {
        match self {
            WorkdayRequest::Jobs => "jobs",
            WorkdayRequest::Job => "job",
        }
    }
}

/// Where a search page is: carried from one page to the next, since only
/// the first page's `total` is real.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Paging {
    offset: u64,
    total: u64,
    /// The first job of the page before: a site that answers every offset
    /// with the same page would otherwise be searched until `max_pages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobList {
    #[serde(default)]
    total: Option<u64>,
    job_postings: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListedJob {
    external_path: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobAnswer {
    job_posting_info: JobInfo,
    hiring_organization: Option<Organization>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobInfo {
    title: Option<String>,
    job_description: Option<String>,
    location: Option<String>,
    start_date: Option<String>,
    job_req_id: Option<String>,
    external_url: Option<String>,
    remote_type: Option<String>,
}

#[derive(Deserialize)]
struct Organization {
    name: Option<String>,
}

impl Source for WorkdaySource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        self.sites.iter().map(|site| search(site, &Paging::default())).collect()
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let site = self.site_of(page.request)?;
        match page.request.kind::<WorkdayRequest>()? {
            WorkdayRequest::Jobs => self.parse_list(site, page),
            WorkdayRequest::Job => {
                let mut parsed = Parsed::default();
                parsed.postings.extend(posting(site, page)?);
                Ok(parsed)
            }
        }
    }
}

impl WorkdaySource {
    /// The configured site a request was made for (named by its label).
    fn site_of(&self, request: &Request) -> Result<&WorkdaySite> {
        let label = super::board_of(request);
        self.sites
            .iter()
            .find(|s| site_label(s) == label)
            .with_context(|| format!("a request for a site not configured (\"{label}\")"))
    }

    /// A search page: a request per job, and the next page unless this one
    /// was empty or reached the first page's total.
    fn parse_list(&self, site: &WorkdaySite, page: &Page<'_>) -> Result<Parsed> {
        let list: JobList = serde_json::from_str(page.body).context("not a Workday job list response")?;
        let mut paging = match page.request.carry.as_deref() {
            Some(c) => serde_json::from_str(c).context("a search page's carried paging is not JSON")?,
            None => Paging { offset: 0, total: list.total.unwrap_or(0), previous: None },
        };
        let first = list.job_postings.first().and_then(|j| j.get("externalPath")?.as_str()).map(str::to_string);
        if first.is_some() && first == paging.previous {
            anyhow::bail!(
                "offset {} answers the jobs of the page before: the site ignores offset; search stopped",
                paging.offset
            );
        }
        let mut parsed = Parsed::default();
        let received = list.job_postings.len() as u64;
        let what = format!("a job of site {}", site_label(site));
        for (job, _) in super::each_item::<ListedJob>(list.job_postings, &self.name, page, &what) {
            if !job.external_path.starts_with('/') {
                tracing::warn!(source = %self.name, url = %page.url, "{what} has an externalPath not starting with /; skipped");
                continue;
            }
            parsed.follow.push(job_request(site, &job.external_path)?);
        }
        paging.offset = paging.offset.saturating_add(received);
        paging.previous = first;
        if received > 0 && paging.offset < paging.total {
            parsed.follow.push(search(site, &paging)?);
        }
        Ok(parsed)
    }
}

/// How a site's requests are labelled (`site acme/External`), so that a
/// failure names its site.
fn site_label(site: &WorkdaySite) -> String {
    format!("{}/{}", site.tenant, site.site)
}

/// `{origin}/wday/cxs/{tenant}/{site}` and `rest`.
fn api_url(site: &WorkdaySite, rest: &str) -> Result<Url> {
    let origin = site.origin.as_str().trim_end_matches('/');
    let url = format!("{origin}/wday/cxs/{}/{}{rest}", site.tenant, site.site);
    Url::parse(&url).with_context(|| format!("\"{url}\" is not a URL"))
}

/// The search page at `paging.offset` (the total carried after the first).
fn search(site: &WorkdaySite, paging: &Paging) -> Result<Request> {
    let body = format!(r#"{{"appliedFacets":{{}},"limit":{PAGE_SIZE},"offset":{},"searchText":""}}"#, paging.offset);
    let mut r = Request::post_json(api_url(site, "/jobs")?, WorkdayRequest::Jobs, body);
    r.label = Some(format!("site {}", site_label(site)));
    if paging.offset > 0 {
        r.carry = Some(serde_json::to_string(paging)?);
    }
    Ok(r)
}

/// One job; a job closed since the list was read (404) is skipped.
fn job_request(site: &WorkdaySite, external_path: &str) -> Result<Request> {
    let mut r = Request::link(api_url(site, external_path)?, WorkdayRequest::Job);
    r.label = Some(format!("site {}", site_label(site)));
    Ok(r)
}

/// What Workday's `remoteType` says: `Remote`, `On-site` or `Hybrid`.
fn remote_type(remote_type: Option<&str>) -> Option<Workplace> {
    match remote_type?.trim().to_ascii_lowercase().as_str() {
        "remote" | "fully remote" => Some(Workplace::Remote),
        "on-site" | "onsite" | "on site" => Some(Workplace::Onsite),
        "hybrid" => Some(Workplace::Hybrid),
        _ => None,
    }
}

/// The posting of a job's answer, keyed `{tenant}:{jobReqId}`; None
/// (logged) when it has no `jobReqId`.
fn posting(site: &WorkdaySite, page: &Page<'_>) -> Result<Option<Posting>> {
    let mut value: serde_json::Value = serde_json::from_str(page.body).context("not a Workday job response")?;
    let answer = JobAnswer::deserialize(&value).context("not a Workday job response")?;
    let info = answer.job_posting_info;
    let Some(req_id) = info.job_req_id.filter(|id| !id.trim().is_empty()) else {
        tracing::warn!(url = %page.url, "a Workday job without a jobReqId; skipped");
        return Ok(None);
    };
    // Other jobs the site suggests are not part of this one.
    if let Some(object) = value.as_object_mut() {
        object.remove("similarJobs");
    }
    Ok(Some(Posting {
        external_id: format!("{}:{}", site.tenant, req_id.trim()),
        url: info.external_url,
        title: info.title,
        company: answer.hiring_organization.and_then(|o| o.name).or_else(|| Some(site.tenant.clone())),
        location: info.location,
        workplace: remote_type(info.remote_type.as_deref()),
        posted_at: info.start_date.as_deref().and_then(parse_loose),
        description: html_to_text(info.job_description.as_deref().unwrap_or_default()),
        raw_format: "workday-job",
        raw: value.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> WorkdaySite {
        WorkdaySite {
            origin: Url::parse("https://acme.wd5.myworkdayjobs.com").unwrap(),
            tenant: "acme".into(),
            site: "External".into(),
        }
    }

    fn parse(request: &Request, body: &str) -> Result<Parsed> {
        let source = WorkdaySource::new("wd", vec![site()]);
        let page = Page { request, url: &request.url, body, content_type: None };
        source.parse(&page, &Memory::default())
    }

    #[test]
    fn the_first_page_total_is_carried_and_paging_stops_at_it() {
        let first = search(&site(), &Paging::default()).unwrap();
        assert_eq!(first.url.as_str(), "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs");
        assert_eq!(first.body.as_deref(), Some(r#"{"appliedFacets":{},"limit":20,"offset":0,"searchText":""}"#));
        let jobs = r#"{"total":3,"jobPostings":[{"externalPath":"/job/A_R1"},{"externalPath":"/job/B_R2"}]}"#;
        let parsed = parse(&first, jobs).unwrap();
        let next = &parsed.follow[2];
        assert_eq!(next.body.as_deref(), Some(r#"{"appliedFacets":{},"limit":20,"offset":2,"searchText":""}"#));
        assert_eq!(next.carry.as_deref(), Some(r#"{"offset":2,"total":3,"previous":"/job/A_R1"}"#));
        // A site that ignores offset is caught at the first repeated page.
        let again = parse(next, jobs).unwrap_err();
        assert_eq!(
            again.to_string(),
            "offset 2 answers the jobs of the page before: the site ignores offset; search stopped"
        );
        assert_eq!(parsed.follow[0].url.as_str(), "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/job/A_R1");
        // The later page says total 0; the carried 3 is reached.
        let last = parse(next, r#"{"total":0,"jobPostings":[{"externalPath":"/job/C_R3"}]}"#).unwrap();
        assert_eq!(last.follow.len(), 1);
        assert_eq!(last.follow[0].kind::<WorkdayRequest>().unwrap(), WorkdayRequest::Job);
        // An empty page ends the search, whatever the total says.
        let lying = r#"{"offset":40,"total":1000,"previous":"/job/X"}"#.to_string();
        let at_40 = Request { carry: Some(lying), ..next.clone() };
        assert!(parse(&at_40, r#"{"total":0,"jobPostings":[]}"#).unwrap().follow.is_empty());
        // A job list that is not one fails the page.
        let err = parse(&first, "<html>").unwrap_err();
        assert_eq!(format!("{err:#}"), "not a Workday job list response: expected value at line 1 column 1");
    }

    #[test]
    fn remote_only_when_the_remote_type_says_so() {
        assert_eq!(
            [Some("Remote"), Some("On-site"), Some("Hybrid"), Some("Flexible"), None].map(remote_type),
            [Some(Workplace::Remote), Some(Workplace::Onsite), Some(Workplace::Hybrid), None, None]
        );
    }
}
