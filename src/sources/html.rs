//! `html`: boards with neither an API nor JSON-LD, read with CSS selectors:
//! listing pages link to posting pages (and to the next listing page), and
//! each field of a posting has its selector.

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::date::{iso, parse_loose};
use super::{Memory, Page, Parsed, Posting, Request, Source, remote_from_location};
use crate::config::HtmlSpec;
use crate::extract::text::{html_to_text, normalize};

fn sel(s: &str) -> Selector {
    // The config validated every selector.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("never-matches-anything").expect("a valid selector"))
}

/// The `html` source kind.
pub struct HtmlSource {
    name: String,
    spec: HtmlSpec,
    posting_links: Selector,
    next_page: Option<Selector>,
    fields: Vec<(&'static str, String, Selector)>,
    description: Selector,
}

impl HtmlSource {
    pub fn new(name: &str, spec: HtmlSpec) -> HtmlSource {
        let mut fields = Vec::new();
        for (field, s) in [
            ("title", &spec.title),
            ("company", &spec.company),
            ("location", &spec.location),
            ("posted_at", &spec.posted_at),
        ] {
            if let Some(s) = s {
                fields.push((field, s.clone(), sel(s)));
            }
        }
        HtmlSource {
            name: name.to_string(),
            posting_links: sel(&spec.posting_links),
            next_page: spec.next_page.as_deref().map(sel),
            description: sel(&spec.description),
            fields,
            spec,
        }
    }

    fn date(&self, text: &str, el: ElementRef<'_>) -> Option<String> {
        // A <time datetime="..."> says it best.
        if let Some(dt) = el.value().attr("datetime").and_then(parse_loose) {
            return Some(dt);
        }
        let text = text.trim();
        if let Some(fmt) = &self.spec.date_format {
            if let Ok(t) = NaiveDateTime::parse_from_str(text, fmt) {
                return Some(iso(Utc.from_utc_datetime(&t)));
            }
            if let Ok(d) = NaiveDate::parse_from_str(text, fmt) {
                return d.and_hms_opt(0, 0, 0).map(|t| iso(Utc.from_utc_datetime(&t)));
            }
        }
        parse_loose(text)
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    let joined: String = el.text().collect::<Vec<_>>().join(" ");
    normalize(&joined.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn links(doc: &Html, selector: &Selector, page: &Url, kind: &str) -> Vec<Request> {
    doc.select(selector)
        .filter_map(|e| e.value().attr("href"))
        .filter_map(|h| page.join(h.trim()).ok())
        .filter(|u| u.scheme() == "http" || u.scheme() == "https")
        .map(|mut u| {
            u.set_fragment(None);
            Request::link(u, kind)
        })
        .collect()
}

impl Source for HtmlSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(self.spec.start_urls.iter().map(|u| Request::new(u.clone(), "listing")).collect())
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        super::check_html_depth(page.body)?;
        let doc = Html::parse_document(page.body);
        let mut parsed = Parsed::default();
        if page.request.kind == "listing" {
            parsed.follow = links(&doc, &self.posting_links, page.url, "posting");
            if parsed.follow.is_empty() {
                tracing::warn!(source = %self.name, url = %page.url, "posting_links selector `{}` matched nothing", self.spec.posting_links);
            }
            if let Some(next) = &self.next_page {
                parsed.follow.extend(links(&doc, next, page.url, "listing"));
            }
            return Ok(parsed);
        }
        let parts: Vec<String> = doc.select(&self.description).map(|e| html_to_text(&e.inner_html())).collect();
        if parts.is_empty() {
            bail!("description selector `{}` matched nothing", self.spec.description);
        }
        let mut posting = Posting {
            external_id: page.url.to_string(),
            url: Some(page.url.to_string()),
            description: parts.join("\n\n"),
            raw_format: "html-page",
            raw: page.body.to_string(),
            ..Posting::default()
        };
        for (field, selector_text, selector) in &self.fields {
            let Some(el) = doc.select(selector).next() else {
                tracing::warn!(source = %self.name, url = %page.url, "{field} selector `{selector_text}` matched nothing");
                continue;
            };
            let text = text_of(el);
            match *field {
                "title" => posting.title = Some(text).filter(|t| !t.is_empty()),
                "company" => posting.company = Some(text).filter(|t| !t.is_empty()),
                "location" => {
                    posting.remote = remote_from_location(&text);
                    posting.location = Some(text).filter(|t| !t.is_empty());
                }
                _ => {
                    posting.posted_at = self.date(&text, el);
                    if posting.posted_at.is_none() {
                        tracing::warn!(source = %self.name, url = %page.url, "posted_at \"{text}\" is not a date");
                    }
                }
            }
        }
        parsed.postings.push(posting);
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(location_html: &str) -> Posting {
        let spec = HtmlSpec {
            start_urls: vec![Url::parse("https://board.example/jobs").unwrap()],
            posting_links: "li.job a".into(),
            next_page: None,
            title: None,
            company: None,
            location: Some(".where".into()),
            posted_at: None,
            date_format: None,
            description: "main".into(),
        };
        let source = HtmlSource::new("board", spec);
        let url = Url::parse("https://board.example/jobs/1").unwrap();
        let request = Request::link(url.clone(), "posting");
        let body = format!("<html><body>{location_html}<main>Python</main></body></html>");
        let page = Page { request: &request, url: &url, body: &body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap().postings.remove(0)
    }

    #[test]
    fn a_location_says_remote_or_nothing() {
        assert_eq!(posting(r#"<p class="where">Remote (EU)</p>"#).remote, Some(true));
        assert_eq!(posting(r#"<p class="where">Portland, OR</p>"#).remote, None);
        assert_eq!(posting(r#"<p class="where"> </p>"#).remote, None);
        assert_eq!(posting("").remote, None);
    }
}
