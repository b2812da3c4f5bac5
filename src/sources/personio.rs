//! `personio`: a Personio company's XML feed
//! (`https://{company}.jobs.personio.de/xml`, or `{base_url}/{company}/xml`),
//! every open position in one answer, read with a streaming XML reader
//! (quick-xml). A position's description is each `jobDescription`'s name
//! and value in order; a value is HTML once the XML is unescaped (escaped
//! text or CDATA alike). The feed states no remote flag. An answer that is
//! not the feed (an HTML bot check, JSON) fails that company only.

use anyhow::{Result, anyhow, bail};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};
use url::Url;

use super::date::parse_loose;
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::config::personio_host;
use crate::extract::text::{html_to_text, normalize};

/// The feed's root element.
const ROOT: &str = "workzag-jobs";

/// The `personio` source kind.
pub struct PersonioSource {
    name: String,
    /// Stands for `https://{company}.jobs.personio.de` when set.
    base: Option<Url>,
    companies: Vec<String>,
}

impl PersonioSource {
    pub fn new(name: &str, base: Option<Url>, companies: Vec<String>) -> PersonioSource {
        PersonioSource { name: name.to_string(), base, companies }
    }
}

/// The one kind of request: a company's feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonioRequest {
    Feed,
}

impl RequestKind for PersonioRequest {
    const ALL: &'static [Self] = &[PersonioRequest::Feed];

    fn as_str(self) -> &'static str {
        "feed"
    }
}

impl Source for PersonioSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        self.companies
            .iter()
            .map(|company| {
                let url = match &self.base {
                    Some(base) => format!("{}/{company}/xml", base.as_str().trim_end_matches('/')),
                    None => format!("{}/xml", personio_host(company)),
                };
                let mut r = Request::new(Url::parse(&url)?, PersonioRequest::Feed);
                r.label = Some(format!("company {company}"));
                Ok(r)
            })
            .collect()
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let company = super::board_of(page.request);
        let mut parsed = Parsed::default();
        for position in positions(page.body)? {
            if position.id.trim().is_empty() {
                tracing::warn!(source = %self.name, url = %page.url, "a position of company {company} has no id; skipped");
                continue;
            }
            parsed.postings.push(posting(position, company));
        }
        Ok(parsed)
    }
}

/// One `<position>` as the feed writes it.
#[derive(Debug, Default, PartialEq)]
struct Position {
    id: String,
    subcompany: String,
    offices: Vec<String>,
    name: String,
    created_at: String,
    /// Each `jobDescription`'s name and value (HTML).
    descriptions: Vec<(String, String)>,
    /// The `jobDescription` being read.
    part: (String, String),
    /// The position's XML, as served.
    raw: String,
}

impl Position {
    /// Takes the text of the element that ends at `path` (below the root).
    fn take(&mut self, path: &[String], text: String) {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["position", "id"] => self.id = text.trim().to_string(),
            ["position", "subcompany"] => self.subcompany = text,
            ["position", "office"] | ["position", "additionalOffices", "office"] => self.offices.push(text),
            ["position", "name"] => self.name = text,
            ["position", "createdAt"] => self.created_at = text,
            ["position", "jobDescriptions", "jobDescription", "name"] => self.part.0 = text,
            ["position", "jobDescriptions", "jobDescription", "value"] => self.part.1 = text,
            ["position", "jobDescriptions", "jobDescription"] => {
                let part = std::mem::take(&mut self.part);
                self.descriptions.push(part);
            }
            _ => {}
        }
    }
}

/// Every position of a feed, in order; an error when the answer is not a
/// well-formed `<workzag-jobs>` document (not XML, another root element,
/// malformed or cut short).
fn positions(body: &str) -> Result<Vec<Position>> {
    let head = body.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if head.is_empty() {
        bail!("not a Personio XML feed: the answer is empty");
    }
    if !head.starts_with('<') {
        let start: String = head.chars().take(16).collect();
        bail!("not a Personio XML feed: the answer is not XML (it starts with {start:?})");
    }
    let mut reader = Reader::from_str(body);
    // The open elements, the root first.
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut current: Option<(Position, usize)> = None;
    let mut found = Vec::new();
    let mut rooted = false;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader
            .read_event()
            .map_err(|e| anyhow!("not well-formed XML (at byte {}): {e}", reader.error_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if path.is_empty() && !rooted => {
                let name = e.name().as_ref().to_string();
                if name != ROOT {
                    bail!("not a Personio XML feed: the root element is <{name}>, not <{ROOT}>");
                }
                rooted = true;
                if matches!(event, Event::Start(_)) {
                    path.push(name);
                }
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if path.len() == 1 && name == "position" {
                    current = Some((Position::default(), before));
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => text.push_str(&reference(&r)),
            Event::End(_) => {
                if let Some((position, start)) = current.as_mut() {
                    position.take(&path[1..], std::mem::take(&mut text));
                    if path.len() == 2 {
                        let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                        position.raw = body.get(*start..end).unwrap_or_default().to_string();
                        found.extend(current.take().map(|(p, _)| p));
                    }
                }
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !rooted {
        bail!("not a Personio XML feed: no <{ROOT}> element");
    }
    if let Some(open) = path.last() {
        bail!("the XML feed ends inside <{open}>: cut short");
    }
    Ok(found)
}

/// The text an entity or character reference stands for; one XML does not
/// define (`&nbsp;`) is kept as written, for the HTML reader after.
fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.xml10_content();
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(s) => s.to_string(),
        None => format!("&{name};"),
    }
}

/// The posting of one position of `company`.
fn posting(p: Position, company: &str) -> Posting {
    let mut offices: Vec<&str> = Vec::new();
    for office in p.offices.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
        if !offices.contains(&office) {
            offices.push(office);
        }
    }
    let url_safe = p.id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    let description: Vec<String> = p
        .descriptions
        .iter()
        .flat_map(|(name, value)| [normalize(name.trim()).into_owned(), html_to_text(value)])
        .filter(|part| !part.trim().is_empty())
        .collect();
    Posting {
        external_id: format!("{company}:{}", p.id),
        url: url_safe.then(|| format!("{}/job/{}", personio_host(company), p.id)),
        title: Some(p.name),
        company: Some(if p.subcompany.trim().is_empty() { company.to_string() } else { p.subcompany }),
        location: (!offices.is_empty()).then(|| offices.join("; ")),
        workplace: None,
        posted_at: parse_loose(&p.created_at),
        description: description.join("\n\n"),
        raw_format: "personio-position",
        raw: p.raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_and_cdata_values_are_the_same_html() {
        let feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workzag-jobs><position><id>7</id>\
            <name>R&amp;D Engineer</name><jobDescriptions>\
            <jobDescription><name>Tasks</name><value>\n  &lt;ul&gt;&lt;li&gt;Rust &amp;amp; Go&lt;/li&gt;&lt;/ul&gt;\n</value></jobDescription>\
            <jobDescription><name>Profile</name><value><![CDATA[<ul><li>Rust &amp; Go</li></ul>]]></value></jobDescription>\
            </jobDescriptions></position></workzag-jobs>";
        let found = positions(feed).unwrap();
        assert_eq!(found.len(), 1);
        let (tasks, profile) = (&found[0].descriptions[0], &found[0].descriptions[1]);
        assert_eq!(tasks.1.trim(), "<ul><li>Rust &amp; Go</li></ul>");
        assert_eq!(profile.1, "<ul><li>Rust &amp; Go</li></ul>");
        assert_eq!(found[0].name, "R&D Engineer");
        let posting = posting(positions(feed).unwrap().remove(0), "acme");
        assert_eq!(posting.description, "Tasks\n\n• Rust & Go\n\nProfile\n\n• Rust & Go");
        assert!(found[0].raw.starts_with("<position><id>7</id>") && found[0].raw.ends_with("</position>"));
    }

    #[test]
    fn what_is_not_the_feed_is_an_error_that_says_what_it_is() {
        let err = |body: &str| positions(body).unwrap_err().to_string();
        assert_eq!(
            err("<!doctype html><html><body>Checking your browser</body></html>"),
            "not a Personio XML feed: the root element is <html>, not <workzag-jobs>"
        );
        assert_eq!(
            err(r#"{"jobs":[{"description":"<p>Go</p>"}]}"#),
            r#"not a Personio XML feed: the answer is not XML (it starts with "{\"jobs\":[{\"descr")"#
        );
        assert_eq!(err(" \n"), "not a Personio XML feed: the answer is empty");
        assert_eq!(err("<!-- nothing -->"), "not a Personio XML feed: no <workzag-jobs> element");
        assert_eq!(err("<workzag-jobs><position><id>1</id><name>Cut"), "the XML feed ends inside <name>: cut short");
        assert!(err("<workzag-jobs><position></job></workzag-jobs>").starts_with("not well-formed XML (at byte"));
        assert_eq!(positions("<workzag-jobs/>").unwrap(), []);
    }
}
