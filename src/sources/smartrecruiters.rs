//! `smartrecruiters`: the SmartRecruiters Posting API (no key). A company's
//! postings list (`v1/companies/{company}/postings`), paged by `offset`
//! (advanced by the number received until `totalFound`), names each
//! posting; one detail request per posting gives its job ad, whose sections
//! make the description. An unknown company answers like one with no
//! openings (200, `totalFound: 0`): named as "no postings". The posting's
//! `creator` (a person) is not stored.

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::parse_loose;
use super::{Memory, NoPostings, Page, Parsed, Posting, Request, RequestKind, Source, Workplace};
use crate::extract::text::{html_to_text, normalize};

/// Postings per list page asked for (the API's maximum).
pub const PAGE_SIZE: usize = 100;

/// The `smartrecruiters` source kind.
pub struct SmartRecruitersSource {
    name: String,
    base: Url,
    companies: Vec<String>,
}

impl SmartRecruitersSource {
    pub fn new(name: &str, base: Url, companies: Vec<String>) -> SmartRecruitersSource {
        SmartRecruitersSource { name: name.to_string(), base, companies }
    }
}

/// What a request asks for: a page of a company's postings list, or one
/// posting with its job ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmartRecruitersRequest {
    Postings,
    Posting,
}

impl RequestKind for SmartRecruitersRequest {
    const ALL: &'static [Self] = &[SmartRecruitersRequest::Postings, SmartRecruitersRequest::Posting];

    fn as_str(self) -> &'static str {
        match self {
            SmartRecruitersRequest::Postings => "postings",
            SmartRecruitersRequest::Posting => "posting",
        }
    }
}

/// The path of a page of a company's postings list.
fn list_path(company: &str, offset: usize) -> String {
    format!("v1/companies/{company}/postings?limit={PAGE_SIZE}&offset={offset}")
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct List {
    total_found: u64,
    #[serde(default)]
    content: Vec<Value>,
}

#[derive(Deserialize)]
struct ListItem {
    id: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    id: Value,
    name: Option<String>,
    company: Option<Company>,
    released_date: Option<String>,
    location: Option<Location>,
    posting_url: Option<String>,
    job_ad: Option<JobAd>,
}

#[derive(Deserialize)]
struct Company {
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    remote: Option<bool>,
    hybrid: Option<bool>,
    full_location: Option<String>,
}

#[derive(Deserialize)]
struct JobAd {
    sections: Option<Sections>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sections {
    company_description: Option<Section>,
    job_description: Option<Section>,
    qualifications: Option<Section>,
    additional_information: Option<Section>,
}

#[derive(Deserialize)]
struct Section {
    title: Option<String>,
    text: Option<String>,
}

impl Source for SmartRecruitersSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        super::board_requests(&self.base, &self.companies, "company", SmartRecruitersRequest::Postings, |c| {
            list_path(c, 0)
        })
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let company = super::board_of(page.request);
        match page.request.kind::<SmartRecruitersRequest>()? {
            SmartRecruitersRequest::Postings => self.parse_list(page, company),
            SmartRecruitersRequest::Posting => {
                let posting = parse_detail(page.body, company)?;
                Ok(Parsed { postings: vec![posting], ..Parsed::default() })
            }
        }
    }
}

impl SmartRecruitersSource {
    /// A page of the list: a detail request per posting, and the next page
    /// while fewer than `totalFound` were received.
    fn parse_list(&self, page: &Page<'_>, company: &str) -> Result<Parsed> {
        let list: List = serde_json::from_str(page.body).context("not a SmartRecruiters postings list")?;
        let offset = offset_of(&page.request.url);
        if offset == 0 && list.total_found == 0 && list.content.is_empty() {
            return Err(NoPostings(format!(
                "SmartRecruiters lists none for company \"{company}\", as it does for a company that does not exist: check the id of careers.smartrecruiters.com/{company}"
            ))
            .into());
        }
        let received = list.content.len();
        let mut parsed = Parsed::default();
        let what = format!("a posting of company {company}");
        for (item, _) in super::each_item::<ListItem>(list.content, &self.name, page, &what) {
            match posting_id(&item.id) {
                Some(id) => parsed.follow.push(self.posting_request(company, &id)?),
                None => {
                    tracing::warn!(source = %self.name, url = %page.url, "{what} has an unusable id {}; skipped", item.id)
                }
            }
        }
        let next = offset.saturating_add(received);
        if received > 0 && (next as u64) < list.total_found {
            let mut r = super::board_requests(
                &self.base,
                &[company.to_string()],
                "company",
                SmartRecruitersRequest::Postings,
                |c| list_path(c, next),
            )?;
            parsed.follow.append(&mut r);
        }
        Ok(parsed)
    }

    /// One posting of a company, with its job ad; one gone since the list
    /// was read (404) is skipped, not a failure.
    fn posting_request(&self, company: &str, id: &str) -> Result<Request> {
        let base = self.base.as_str().trim_end_matches('/');
        let url = Url::parse(&format!("{base}/v1/companies/{company}/postings/{id}"))?;
        let mut r = Request::link(url, SmartRecruitersRequest::Posting);
        r.label = Some(format!("company {company}"));
        Ok(r)
    }
}

/// The `offset` a list request asked for (0 when it names none).
fn offset_of(url: &Url) -> usize {
    url.query_pairs().find(|(k, _)| k == "offset").and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
}

/// A posting id as the API writes it (a numeric string, at times a
/// number), when it can stand in a URL path.
fn posting_id(id: &Value) -> Option<String> {
    let id = match id {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let usable =
        !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    usable.then_some(id)
}

/// The posting a detail answer holds (`raw` without its `creator`).
fn parse_detail(body: &str, company: &str) -> Result<Posting> {
    let mut value: Value = serde_json::from_str(body).context("not a SmartRecruiters posting")?;
    if let Value::Object(o) = &mut value {
        o.remove("creator");
    }
    let detail = Detail::deserialize(&value).context("a SmartRecruiters posting of an unexpected shape")?;
    let id = posting_id(&detail.id).context("a SmartRecruiters posting without a usable id")?;
    let location = detail.location.as_ref();
    Ok(Posting {
        external_id: id,
        url: detail.posting_url,
        title: detail.name,
        company: detail.company.and_then(|c| c.name).or_else(|| Some(company.to_string())),
        location: location.and_then(location_text),
        workplace: location.and_then(|l| match (l.remote, l.hybrid) {
            (Some(true), _) => Some(Workplace::Remote),
            (_, Some(true)) => Some(Workplace::Hybrid),
            (Some(false), _) => Some(Workplace::Onsite),
            _ => None,
        }),
        posted_at: detail.released_date.as_deref().and_then(parse_loose),
        description: description(detail.job_ad.and_then(|a| a.sections)),
        raw_format: "smartrecruiters-posting",
        raw: value.to_string(),
    })
}

/// `fullLocation`, else city, region and country.
fn location_text(l: &Location) -> Option<String> {
    if let Some(full) = l.full_location.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        return Some(full.to_string());
    }
    let country = l.country.as_deref().map(str::to_ascii_uppercase);
    let parts: Vec<&str> = [l.city.as_deref(), l.region.as_deref(), country.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The job ad's jobDescription, qualifications and additionalInformation
/// (each under its title), in that order; companyDescription alone when
/// all three are empty.
fn description(sections: Option<Sections>) -> String {
    let Some(s) = sections else { return String::new() };
    let parts: Vec<String> =
        [&s.job_description, &s.qualifications, &s.additional_information].into_iter().filter_map(section).collect();
    if parts.is_empty() { section(&s.company_description).unwrap_or_default() } else { parts.join("\n\n") }
}

/// A section's title and text, None when its text is empty.
fn section(s: &Option<Section>) -> Option<String> {
    let s = s.as_ref()?;
    let text = html_to_text(s.text.as_deref()?);
    if text.trim().is_empty() {
        return None;
    }
    match s.title.as_deref().map(|t| normalize(t.trim()).into_owned()).filter(|t| !t.is_empty()) {
        Some(title) => Some(format!("{title}\n\n{text}")),
        None => Some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_joined_in_order_and_the_company_blurb_stands_in_for_none() {
        let sections = |json: &str| serde_json::from_str::<Sections>(json).unwrap();
        let full = sections(
            r#"{"companyDescription":{"title":"About us","text":"<p>We make tools.</p>"},
                "jobDescription":{"title":"Job Description","text":"<p>Build APIs&#xa0;in Go.</p>"},
                "qualifications":{"title":"Qualifications","text":""},
                "additionalInformation":{"title":"Additional Information","text":"Remote &amp; flexible<br>\nhours"}}"#,
        );
        assert_eq!(
            description(Some(full)),
            "Job Description\n\nBuild APIs in Go.\n\nAdditional Information\n\nRemote & flexible\nhours"
        );
        let blurb = sections(
            r#"{"companyDescription":{"title":"Company Description","text":"<p>The whole ad: Java.</p>"},
                "jobDescription":{"title":"Job Description","text":" "}}"#,
        );
        assert_eq!(description(Some(blurb)), "Company Description\n\nThe whole ad: Java.");
        assert_eq!(description(None), "");
    }

    #[test]
    fn ids_that_cannot_stand_in_a_path_are_refused() {
        assert_eq!(posting_id(&serde_json::json!("744000089123456")).as_deref(), Some("744000089123456"));
        assert_eq!(posting_id(&serde_json::json!(744000089123456_u64)).as_deref(), Some("744000089123456"));
        for bad in
            [serde_json::json!("../../admin"), serde_json::json!(""), serde_json::json!(null), serde_json::json!("a b")]
        {
            assert_eq!(posting_id(&bad), None, "{bad}");
        }
    }
}
