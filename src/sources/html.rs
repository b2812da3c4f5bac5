//! `html`: boards with neither an API nor JSON-LD, read with CSS selectors:
//! listing pages link to posting pages (and to the next listing page), and
//! each field of a posting has its selector.

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::date::{iso, parse_loose};
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source, workplace_from_location};
use crate::config::HtmlSpec;
use crate::extract::text::{html_to_text, normalize};

fn sel(s: &str) -> Selector {
    // The config validated every selector.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("never-matches-anything").expect("a valid selector"))
}

/// What a request of an `html` source is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlRequest {
    /// A listing page: links to postings and to the next listing page.
    Listing,
    /// A posting page.
    Posting,
}

impl RequestKind for HtmlRequest {
    const ALL: &'static [Self] = &[HtmlRequest::Listing, HtmlRequest::Posting];

    fn as_str(self) -> &'static str {
        match self {
            HtmlRequest::Listing => "listing",
            HtmlRequest::Posting => "posting",
        }
    }
}

/// A field of a posting read with its own selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Company,
    Location,
    PostedAt,
}

impl Field {
    /// The config key of its selector.
    fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Company => "company",
            Field::Location => "location",
            Field::PostedAt => "posted_at",
        }
    }
}

/// The `html` source kind.
pub struct HtmlSource {
    name: String,
    spec: HtmlSpec,
    posting_links: Selector,
    next_page: Option<Selector>,
    /// Each configured field with its selector, as written and parsed.
    fields: Vec<(Field, String, Selector)>,
    description: Selector,
}

impl HtmlSource {
    pub fn new(name: &str, spec: HtmlSpec) -> HtmlSource {
        let mut fields = Vec::new();
        for (field, s) in [
            (Field::Title, &spec.title),
            (Field::Company, &spec.company),
            (Field::Location, &spec.location),
            (Field::PostedAt, &spec.posted_at),
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

    /// A listing page: the links to postings and to the next listing page.
    fn listing(&self, doc: &Html, url: &Url) -> Parsed {
        let mut follow = links(doc, &self.posting_links, url, HtmlRequest::Posting);
        if follow.is_empty() {
            tracing::warn!(source = %self.name, %url, "posting_links selector `{}` matched nothing", self.spec.posting_links);
        }
        if let Some(next) = &self.next_page {
            follow.extend(links(doc, next, url, HtmlRequest::Listing));
        }
        Parsed { follow, ..Parsed::default() }
    }

    /// A posting page: the description and each configured field.
    fn posting(&self, doc: &Html, page: &Page<'_>) -> Result<Posting> {
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
                tracing::warn!(source = %self.name, url = %page.url, "{} selector `{selector_text}` matched nothing", field.key());
                continue;
            };
            self.read_field(&mut posting, *field, el, page.url);
        }
        Ok(posting)
    }

    fn read_field(&self, posting: &mut Posting, field: Field, el: ElementRef<'_>, url: &Url) {
        let text = text_of(el);
        match field {
            Field::Title => posting.title = Some(text).filter(|t| !t.is_empty()),
            Field::Company => posting.company = Some(text).filter(|t| !t.is_empty()),
            Field::Location => {
                posting.workplace = workplace_from_location(&text);
                posting.location = Some(text).filter(|t| !t.is_empty());
            }
            Field::PostedAt => {
                posting.posted_at = self.date(&text, el);
                if posting.posted_at.is_none() {
                    tracing::warn!(source = %self.name, %url, "posted_at \"{text}\" is not a date");
                }
            }
        }
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    let joined: String = el.text().collect::<Vec<_>>().join(" ");
    normalize(&joined.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn links(doc: &Html, selector: &Selector, page: &Url, kind: HtmlRequest) -> Vec<Request> {
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
        Ok(self.spec.start_urls.iter().map(|u| Request::new(u.clone(), HtmlRequest::Listing)).collect())
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let kind = page.request.kind::<HtmlRequest>()?;
        super::check_html_depth(page.body)?;
        let doc = Html::parse_document(page.body);
        match kind {
            HtmlRequest::Listing => Ok(self.listing(&doc, page.url)),
            HtmlRequest::Posting => Ok(Parsed { postings: vec![self.posting(&doc, page)?], ..Parsed::default() }),
        }
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
        let request = Request::link(url.clone(), HtmlRequest::Posting);
        let body = format!("<html><body>{location_html}<main>Python</main></body></html>");
        let page = Page { request: &request, url: &url, body: &body, content_type: None };
        source.parse(&page, &Memory::default()).unwrap().postings.remove(0)
    }

    #[test]
    fn a_location_says_remote_or_nothing() {
        assert_eq!(posting(r#"<p class="where">Remote (EU)</p>"#).workplace, Some(crate::sources::Workplace::Remote));
        assert_eq!(posting(r#"<p class="where">Portland, OR</p>"#).workplace, None);
        assert_eq!(posting(r#"<p class="where"> </p>"#).workplace, None);
        assert_eq!(posting("").workplace, None);
    }
}
