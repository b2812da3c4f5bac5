//! `lever`: the Lever postings API, one site at a time, paged with
//! `skip`/`limit`. Skills often sit only in the `lists`, so the description
//! joins the plain description, every list and the closing text.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::from_unix_millis;
use super::{Memory, Page, Parsed, Posting, Request, Source, remote_from_location};
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

    fn page_url(&self, site: &str, skip: usize) -> Result<Url> {
        let base = self.base.as_str().trim_end_matches('/');
        Ok(Url::parse(&format!("{base}/postings/{site}?mode=json&skip={skip}&limit={PAGE_SIZE}"))?)
    }
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

/// What Lever's `workplaceType` says: remote, on-site (or hybrid), or
/// nothing (`unspecified`).
fn workplace_remote(workplace_type: Option<&str>) -> Option<bool> {
    match workplace_type?.to_ascii_lowercase().as_str() {
        "remote" => Some(true),
        "on-site" | "onsite" | "hybrid" => Some(false),
        _ => None,
    }
}

fn site_of(req: &Request) -> &str {
    req.label.as_deref().and_then(|l| l.strip_prefix("site ")).unwrap_or("")
}

impl Source for LeverSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        self.sites
            .iter()
            .map(|s| {
                let mut r = Request::new(self.page_url(s, 0)?, "postings");
                r.label = Some(format!("site {s}"));
                Ok(r)
            })
            .collect()
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let site = site_of(page.request).to_string();
        let value: Value = serde_json::from_str(page.body).context("not a Lever postings response")?;
        let items = match value {
            Value::Array(items) => items,
            Value::Object(o) if o.get("ok") == Some(&Value::Bool(false)) => {
                let why = o.get("error").and_then(Value::as_str).unwrap_or("unknown error");
                bail!("Lever has no site \"{site}\": {why}");
            }
            _ => bail!("not a Lever postings response (expected an array)"),
        };
        let mut parsed = Parsed::default();
        for item in &items {
            let Ok(p) = serde_json::from_value::<LeverPosting>(item.clone()) else {
                tracing::warn!(source = %self.name, url = %page.url, "a posting of site {site} has an unexpected shape; skipped");
                continue;
            };
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
            let location = p.categories.and_then(|c| c.location).filter(|l| !l.trim().is_empty());
            let remote = workplace_remote(p.workplace_type.as_deref())
                .or_else(|| location.as_deref().and_then(remote_from_location));
            parsed.postings.push(Posting {
                external_id: p.id,
                url: p.hosted_url,
                title: p.text.map(|t| normalize(t.trim()).into_owned()),
                company: Some(site.clone()),
                location,
                remote,
                posted_at: p.created_at.and_then(from_unix_millis),
                description: parts.join("\n\n"),
                raw_format: "lever-posting",
                raw: item.to_string(),
            });
        }
        // A full page may have a next one.
        if items.len() >= PAGE_SIZE {
            let skip: usize =
                page.url.query_pairs().find(|(k, _)| k == "skip").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            let mut next = Request::new(self.page_url(&site, skip + PAGE_SIZE)?, "postings");
            next.label = page.request.label.clone();
            parsed.follow.push(next);
        }
        Ok(parsed)
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
        let remote: Vec<Option<bool>> = parse(&body).iter().map(|p| p.remote).collect();
        assert_eq!(remote, [Some(false), Some(false), Some(false), Some(true), None, Some(true), None]);
    }
}
