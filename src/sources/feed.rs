//! `feed`: RSS 2.0 and Atom feeds (feed-rs), e.g. We Work Remotely's
//! back-end category. An item's `guid` (else its link) is its id.

use anyhow::{Context, Result};
use url::Url;

use super::date::iso;
use super::first_line;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::extract::text::html_to_text;

/// The `feed` source kind.
pub struct FeedSource {
    name: String,
    urls: Vec<Url>,
}

impl FeedSource {
    pub fn new(name: &str, urls: Vec<Url>) -> FeedSource {
        FeedSource { name: name.to_string(), urls }
    }
}

/// The one kind of request: a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedRequest {
    Feed,
}

impl RequestKind for FeedRequest {
    const ALL: &'static [Self] = &[FeedRequest::Feed];

    fn as_str(self) -> &'static str {
        "feed"
    }
}

/// "Acme Inc: Senior Backend Engineer" (We Work Remotely's titles) is split
/// into company and role when the part after the colon names a role.
fn split_company_title(title: &str) -> (Option<String>, String) {
    if let Some((company, role)) = title.split_once(": ") {
        let head = first_line::parse(&format!("{company} | {role}"));
        if head.title.is_some() && head.company.is_some() {
            return (Some(company.trim().to_string()), role.trim().to_string());
        }
    }
    (None, title.trim().to_string())
}

impl Source for FeedSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(self.urls.iter().map(|u| Request::new(u.clone(), FeedRequest::Feed)).collect())
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let parser = feed_rs::parser::Builder::new()
            .id_generator(|links, _title, _base| links.first().map(|l| l.href.clone()).unwrap_or_default())
            .build();
        let feed = parser.parse(page.body.as_bytes()).context("not an RSS or Atom feed")?;
        let mut parsed = Parsed::default();
        for entry in feed.entries {
            let url = entry.links.first().map(|l| l.href.clone());
            let external_id =
                if entry.id.trim().is_empty() { url.clone().unwrap_or_default() } else { entry.id.clone() };
            if external_id.is_empty() {
                tracing::warn!(source = %self.name, url = %page.url, "a feed item has neither a guid nor a link; skipped");
                continue;
            }
            // A title is plain text (entities at most, decoded by `Posting::tidy`).
            let raw_title = entry.title.as_ref().map(|t| t.content.clone()).unwrap_or_default();
            let (mut company, title) = split_company_title(&raw_title);
            if company.is_none() {
                company = entry.authors.first().and_then(|a| a.name.clone()).filter(|n| !n.trim().is_empty());
            }
            let body = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let raw = serde_json::json!({
                "id": entry.id,
                "title": entry.title.as_ref().map(|t| &t.content),
                "link": url,
                "published": entry.published.map(iso),
                "updated": entry.updated.map(iso),
                "authors": entry.authors.iter().map(|a| &a.name).collect::<Vec<_>>(),
                "categories": entry.categories.iter().map(|c| &c.term).collect::<Vec<_>>(),
                "body": body,
            });
            parsed.postings.push(Posting {
                external_id,
                url,
                title: (!title.is_empty()).then_some(title),
                company,
                location: None,
                workplace: None,
                posted_at: entry.published.or(entry.updated).map(iso),
                description: html_to_text(&body),
                raw_format: "feed-item",
                raw: raw.to_string(),
            });
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wwr_titles_split_only_on_a_role() {
        assert_eq!(
            split_company_title("Acme Inc: Senior Backend Engineer"),
            (Some("Acme Inc".into()), "Senior Backend Engineer".into())
        );
        assert_eq!(split_company_title("Update: our hiring process"), (None, "Update: our hiring process".into()));
    }
}
