//! `lever`: the Lever postings API, one site at a time, paged with
//! `skip`/`limit`. Skills often sit only in the `lists`, so the description
//! joins the plain description, every list and the closing text.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::from_unix_millis;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, Workplace, workplace_from_location};
use crate::extract::text::{html_to_text, normalize};

/// Postings per page requested.
pub const PAGE_SIZE: usize = 100;

/// The `lever` source kind.
pub struct LeverSource {
    name: String,
    base: Url,
    sites: Vec<String>,
}

impl LeverSource {
    pub fn new(name: &str, base: Url, sites: Vec<String>) -> LeverSource {
        LeverSource { name: name.to_string(), base, sites }
    }
}

/// The one kind of request: a page of a site's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverRequest {
    Postings,
}

impl RequestKind for LeverRequest {
    const ALL: &'static [Self] = &[LeverRequest::Postings];

    fn as_str(self) -> &'static str {
        "postings"
    }
}

/// The path of a page of a site's postings.
fn page_path(site: &str, skip: usize) -> String {
    format!("postings/{site}?mode=json&skip={skip}&limit={PAGE_SIZE}")
}

#[derive(Deserialize)]
struct Categories {
    location: Option<String>,
}

#[derive(Deserialize)]
struct ListEntry {
    text: Option<String>,
    content: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LeverPosting {
    id: String,
    text: Option<String>,
    categories: Option<Categories>,
    created_at: Option<i64>,
    description_plain: Option<String>,
    description: Option<String>,
    #[serde(default)]
    lists: Vec<ListEntry>,
    additional_plain: Option<String>,
    hosted_url: Option<String>,
    workplace_type: Option<String>,
}

/// What Lever's `workplaceType` says: remote, on-site, hybrid, or
/// nothing (`unspecified`).
fn workplace_of(workplace_type: Option<&str>) -> Option<Workplace> {
    match workplace_type?.to_ascii_lowercase().as_str() {
        "remote" => Some(Workplace::Remote),
        "on-site" | "onsite" => Some(Workplace::Onsite),
        "hybrid" => Some(Workplace::Hybrid),
        _ => None,
    }
}

impl Source for LeverSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        super::board_requests(&self.base, &self.sites, "site", LeverRequest::Postings, |s| page_path(s, 0))
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let site = super::board_of(page.request);
        let value: Value = serde_json::from_str(page.body).context("not a Lever postings response")?;
        let items = match value {
            Value::Array(items) => items,
            Value::Object(o) if o.get("ok") == Some(&Value::Bool(false)) => {
                let why = o.get("error").and_then(Value::as_str).unwrap_or("unknown error");
                bail!("Lever has no site \"{site}\": {why}");
            }
            _ => bail!("not a Lever postings response (expected an array)"),
        };
        // A full page may have a next one.
        let full = items.len() >= PAGE_SIZE;
        let what = format!("a posting of site {site}");
        let postings = super::each_item::<LeverPosting>(items, &self.name, page, &what)
            .into_iter()
            .map(|(p, raw)| to_posting(p, site, raw))
            .collect();
        let mut parsed = Parsed { postings, ..Parsed::default() };
        if full {
            let skip: usize =
                page.url.query_pairs().find(|(k, _)| k == "skip").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            let mut next =
                super::board_requests(&self.base, &[site.to_string()], "site", LeverRequest::Postings, |s| {
                    page_path(s, skip + PAGE_SIZE)
                })?;
            parsed.follow.append(&mut next);
        }
        Ok(parsed)
    }
}

/// The description joins the plain description, every list and the closing
/// text: skills often sit only in the lists.
fn description(p: &LeverPosting) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (&p.description_plain, &p.description) {
        (Some(plain), _) if !plain.trim().is_empty() => parts.push(normalize(plain.trim()).into_owned()),
        (_, Some(html)) => parts.push(html_to_text(html)),
        _ => {}
    }
    for list in &p.lists {
        let mut block = String::new();
        if let Some(t) = &list.text {
            block.push_str(&html_to_text(t));
        }
        if let Some(c) = &list.content {
            block.push('\n');
            block.push_str(&html_to_text(c));
        }
        if !block.trim().is_empty() {
            parts.push(block.trim().to_string());
        }
    }
    if let Some(extra) = &p.additional_plain
        && !extra.trim().is_empty()
    {
        parts.push(normalize(extra.trim()).into_owned());
    }
    parts.join("\n\n")
}

fn to_posting(p: LeverPosting, site: &str, raw: String) -> Posting {
    let description = description(&p);
    let location = p.categories.and_then(|c| c.location).filter(|l| !l.trim().is_empty());
    let workplace =
        workplace_of(p.workplace_type.as_deref()).or_else(|| location.as_deref().and_then(workplace_from_location));
    Posting {
        external_id: p.id,
        url: p.hosted_url,
        title: p.text,
        company: Some(site.to_string()),
        location,
        workplace,
        posted_at: p.created_at.and_then(from_unix_millis),
        description,
        raw_format: "lever-posting",
        raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Vec<Posting> {
        let source =
            LeverSource::new("lever", Url::parse("https://api.lever.example/v0").unwrap(), vec!["acme".into()]);
        let request = &source.start(&Memory::default()).unwrap()[0];
        let page = Page { request, url: &request.url, body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap().postings
    }

    #[test]
    fn on_site_only_when_the_workplace_type_says_so() {
        let posting = |id: &str, workplace: &str, location: &str| {
            format!(
                r#"{{"id":"{id}","text":"Engineer","workplaceType":{workplace},"categories":{{"location":"{location}"}}}}"#
            )
        };
        let body = format!(
            "[{}]",
            [
                posting("a", r#""on-site""#, "Berlin"),
                posting("b", r#""onsite""#, "Berlin"),
                posting("c", r#""hybrid""#, "Berlin"),
                posting("d", r#""remote""#, "Berlin"),
                posting("e", r#""unspecified""#, "Berlin"),
                posting("f", "null", "Remote, EU"),
                posting("g", "null", "Berlin"),
            ]
            .join(",")
        );
        let stated: Vec<Option<Workplace>> = parse(&body).iter().map(|p| p.workplace).collect();
        let (r, h, o) = (Some(Workplace::Remote), Some(Workplace::Hybrid), Some(Workplace::Onsite));
        assert_eq!(stated, [o, o, h, r, None, r, None]);
    }
}
