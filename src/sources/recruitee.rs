//! `recruitee`: Recruitee careers sites, one request per company
//! (`https://{company}.recruitee.com/api/offers/`, or
//! `{base_url}/{company}/api/offers/` on a mirror): every published offer,
//! no paging. An offer is keyed by its integer `id`; its description joins
//! `description` and `requirements`; `published_at` (`YYYY-MM-DD HH:MM:SS
//! UTC`) is its date, `remote` its flag and `salary` its pay. The offer's
//! `mailbox_email` (a per-job inbox) is dropped from the stored payload.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace};
use crate::extract::pay::Pay;
use crate::extract::text::html_to_text;

/// What a stored posting's raw payload is.
pub const RAW_FORMAT: &str = "recruitee-offer";

/// The `recruitee` source kind.
pub struct RecruiteeSource {
    name: String,
    base: Option<Url>,
    companies: Vec<String>,
}

impl RecruiteeSource {
    pub fn new(name: &str, base: Option<Url>, companies: Vec<String>) -> RecruiteeSource {
        RecruiteeSource { name: name.to_string(), base, companies }
    }
}

/// The one kind of request: a company's offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecruiteeRequest {
    Offers,
}

impl RequestKind for RecruiteeRequest {
    const ALL: &'static [Self] = &[RecruiteeRequest::Offers];

    fn as_str(self) -> &'static str {
        "offers"
    }
}

/// The offers URL of a company: on its own host, or under a mirror.
pub fn offers_url(base: Option<&Url>, company: &str) -> Result<Url> {
    let url = match base {
        Some(b) => format!("{}/{company}/api/offers/", b.as_str().trim_end_matches('/')),
        None => format!("https://{company}.recruitee.com/api/offers/"),
    };
    Url::parse(&url).with_context(|| format!("no offers URL for company \"{company}\""))
}

/// The offers URLs of some companies (those that make a URL).
pub fn offer_urls(base: &Option<Url>, companies: &[String]) -> Vec<Url> {
    companies.iter().filter_map(|c| offers_url(base.as_ref(), c).ok()).collect()
}

#[derive(Deserialize)]
struct Offers {
    offers: Vec<Value>,
}

#[derive(Deserialize)]
struct Offer {
    id: u64,
    title: Option<String>,
    company_name: Option<String>,
    status: Option<String>,
    careers_url: Option<String>,
    description: Option<String>,
    requirements: Option<String>,
    location: Option<String>,
    remote: Option<bool>,
    hybrid: Option<bool>,
    on_site: Option<bool>,
    published_at: Option<String>,
    created_at: Option<String>,
}

/// A Recruitee time (`2026-10-01 09:30:00 UTC`), or any date
/// [`parse_loose`] reads.
fn recruitee_time(s: &str) -> Option<String> {
    let s = s.trim();
    parse_loose(s.strip_suffix(" UTC").unwrap_or(s))
}

impl Source for RecruiteeSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        self.companies
            .iter()
            .map(|c| {
                let mut r = Request::new(offers_url(self.base.as_ref(), c)?, RecruiteeRequest::Offers);
                r.label = Some(format!("company {c}"));
                Ok(r)
            })
            .collect()
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let company = super::board_of(page.request);
        let value: Value = serde_json::from_str(page.body).context("not a Recruitee offers response")?;
        if let Some(error) = value.get("error").and_then(Value::as_str) {
            bail!("Recruitee has no company \"{company}\": {error}");
        }
        let answer: Offers = serde_json::from_value(value).context("not a Recruitee offers response")?;
        let offers: Vec<Value> = answer.offers.into_iter().map(without_mailbox).collect();
        let what = format!("an offer of company {company}");
        let postings = super::each_item::<Offer>(offers, &self.name, page, &what)
            .into_iter()
            .filter(|(o, _)| o.status.as_deref().is_none_or(|s| s == "published"))
            .map(|(o, raw)| posting(o, raw, company))
            .collect();
        Ok(Parsed { postings, ..Parsed::default() })
    }
}

/// An offer without its `mailbox_email` (a per-job inbox: never stored).
fn without_mailbox(mut offer: Value) -> Value {
    if let Some(o) = offer.as_object_mut() {
        o.remove("mailbox_email");
    }
    offer
}

/// The workplace Recruitee's three flags state: remote first (an offer
/// open to remote work is remote), then hybrid, then on-site; None when
/// none is true (`false` everywhere says nothing).
fn workplace(remote: Option<bool>, hybrid: Option<bool>, on_site: Option<bool>) -> Option<Workplace> {
    [(remote, Workplace::Remote), (hybrid, Workplace::Hybrid), (on_site, Workplace::Onsite)]
        .into_iter()
        .find(|(flag, _)| *flag == Some(true))
        .map(|(_, w)| w)
}

fn posting(o: Offer, raw: String, company: &str) -> Posting {
    let parts: Vec<String> = [&o.description, &o.requirements].into_iter().flatten().map(|h| html_to_text(h)).collect();
    let description = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n");
    Posting {
        external_id: o.id.to_string(),
        url: o.careers_url,
        title: o.title,
        company: o.company_name.or_else(|| Some(company.to_string())),
        location: o.location,
        workplace: workplace(o.remote, o.hybrid, o.on_site),
        posted_at: o
            .published_at
            .as_deref()
            .and_then(recruitee_time)
            .or_else(|| o.created_at.as_deref().and_then(recruitee_time)),
        description,
        raw_format: RAW_FORMAT,
        raw,
    }
}

/// The pay of an offer's raw payload: `salary {min, max, period, currency}`.
pub fn pay(raw: &Value) -> Option<Pay> {
    let s = raw.get("salary")?;
    let text = |k: &str| s.get(k).and_then(Value::as_str);
    crate::extract::pay::from_range(s.get("min"), s.get("max"), text("currency"), text("period"), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_recruitee_form_are_utc() {
        assert_eq!(recruitee_time("2026-10-01 09:30:00 UTC").as_deref(), Some("2026-10-01T09:30:00Z"));
        assert_eq!(recruitee_time("2026-10-01T09:30:00+02:00").as_deref(), Some("2026-10-01T07:30:00Z"));
        assert_eq!(recruitee_time("soon"), None);
    }

    #[test]
    fn an_error_answer_names_the_company() {
        let source = RecruiteeSource::new("r", None, vec!["ghost".into()]);
        let request = &source.start(&Memory::default()).unwrap()[0];
        let body = include_str!("../../fixtures/recruitee/unknown-company.json");
        let page = Page { request, url: &request.url, body, content_type: Some("application/json") };
        let err = source.parse(&page, &Memory::default()).unwrap_err();
        assert_eq!(err.to_string(), "Recruitee has no company \"ghost\": Not Found");
    }

    #[test]
    fn mirror_and_own_host_urls() {
        let base = Url::parse("http://127.0.0.1:9/mirror").unwrap();
        assert_eq!(offers_url(Some(&base), "acme").unwrap().as_str(), "http://127.0.0.1:9/mirror/acme/api/offers/");
        assert_eq!(offers_url(None, "acme").unwrap().as_str(), "https://acme.recruitee.com/api/offers/");
    }
}
