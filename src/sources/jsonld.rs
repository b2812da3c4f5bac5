//! `jsonld`: career pages that embed schema.org `JobPosting` JSON-LD (what
//! they publish for Google). Follows links within the allowed hosts and
//! reads every JobPosting of every page — in `@graph`, with `@type` as an
//! array, in several blocks — and survives what real pages do wrong.

use anyhow::Result;
use serde_json::Value;
use url::Url;

use super::date::parse_loose;
use super::scan::{resolve_links, scan_page};
use super::{Memory, Page, Parsed, Posting, Request, RequestKind, Source};
use crate::extract::text::{html_to_text, looks_like_html, normalize};

/// Deepest nesting searched for JobPosting objects.
const MAX_DEPTH: usize = 24;
/// Most postings read from one page.
const MAX_POSTINGS_PER_PAGE: usize = 5_000;

/// The one kind of request: a page, read for its JSON-LD and its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonLdRequest {
    Page,
}

impl RequestKind for JsonLdRequest {
    const ALL: &'static [Self] = &[JsonLdRequest::Page];

    fn as_str(self) -> &'static str {
        "page"
    }
}

/// The `jsonld` source kind.
pub struct JsonLdSource {
    name: String,
    start_urls: Vec<Url>,
    follow: Option<scraper::Selector>,
}

impl JsonLdSource {
    /// `follow`: a CSS selector of the links to follow (validated by the
    /// config); None follows every link.
    pub fn new(name: &str, start_urls: Vec<Url>, follow: Option<&str>) -> JsonLdSource {
        JsonLdSource {
            name: name.to_string(),
            start_urls,
            follow: follow.and_then(|s| scraper::Selector::parse(s).ok()),
        }
    }
}

impl Source for JsonLdSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(self.start_urls.iter().map(|u| Request::new(u.clone(), JsonLdRequest::Page)).collect())
    }

    fn parse(&self, page: &Page<'_>, _memory: &Memory) -> Result<Parsed> {
        let scan = scan_page(page.body);
        let mut parsed = Parsed { postings: postings_in_blocks(&scan.ld_json, page.url), ..Parsed::default() };
        let links = match &self.follow {
            None => resolve_links(page.url, &scan),
            Some(selector) => {
                // The postings are kept; only the links of a too deep page are not.
                if let Err(e) = super::check_html_depth(page.body) {
                    tracing::warn!(url = %page.url, "{e:#}: its links are not followed");
                    return Ok(parsed);
                }
                let doc = scraper::Html::parse_document(page.body);
                let hrefs = doc.select(selector).filter_map(|e| e.value().attr("href").map(str::to_string)).collect();
                resolve_links(page.url, &super::scan::PageScan { hrefs, base: scan.base.clone(), ..Default::default() })
            }
        };
        parsed.follow = links.into_iter().map(|u| Request::link(u, JsonLdRequest::Page)).collect();
        Ok(parsed)
    }
}

/// Every JobPosting in a page's JSON-LD blocks.
pub fn postings_in_blocks(blocks: &[&str], page_url: &Url) -> Vec<Posting> {
    let values: Vec<Value> = blocks
        .iter()
        .filter_map(|block| {
            let v = parse_block(block);
            if v.is_none() {
                tracing::warn!(url = %page_url, "a JSON-LD block is not valid JSON even after repair; skipped");
            }
            v
        })
        .collect();
    let mut objects = Vec::new();
    for value in &values {
        collect_job_postings(value, 0, &mut objects);
    }
    let mut postings = Vec::new();
    let mut without_id = 0;
    for obj in objects.iter().take(MAX_POSTINGS_PER_PAGE) {
        let mut p = to_posting(obj, page_url);
        if p.external_id.is_empty() {
            p.external_id = if without_id == 0 { page_url.to_string() } else { format!("{page_url}#{without_id}") };
            without_id += 1;
        }
        postings.push(p);
    }
    postings
}

/// Parses a block, repairing what pages commonly get wrong: a wrapping
/// comment or CDATA, raw control characters inside strings.
fn parse_block(block: &str) -> Option<Value> {
    let mut s = block.trim();
    for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim();
            if let Some(inner) = s.strip_suffix(close) {
                s = inner.trim();
            }
        }
    }
    if s.is_empty() {
        return None;
    }
    serde_json::from_str(s).ok().or_else(|| serde_json::from_str(&escape_controls_in_strings(s)).ok())
}

/// Escapes raw newlines, tabs and other control characters that appear
/// inside JSON strings (invalid JSON that browsers and Google accept).
fn escape_controls_in_strings(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    for c in s.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        } else {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

fn is_job_posting(obj: &serde_json::Map<String, Value>) -> bool {
    let is = |v: &Value| {
        v.as_str().is_some_and(|t| {
            t.trim_start_matches("http://schema.org/").trim_start_matches("https://schema.org/") == "JobPosting"
        })
    };
    match obj.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

fn collect_job_postings<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v serde_json::Map<String, Value>>) {
    if depth > MAX_DEPTH || out.len() >= MAX_POSTINGS_PER_PAGE {
        return;
    }
    match v {
        Value::Object(obj) if is_job_posting(obj) => out.push(obj),
        Value::Object(obj) => obj.values().for_each(|x| collect_job_postings(x, depth + 1, out)),
        Value::Array(items) => items.iter().for_each(|x| collect_job_postings(x, depth + 1, out)),
        _ => {}
    }
}

/// An identifier: a string or a number (`"identifier": 4012345`).
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => Some(n.to_string()),
        other => text_of(Some(other)),
    }
}

/// A string field, or the `name` of an object field; entities decoded.
/// Numbers and booleans are not text (`"hiringOrganization": 3`).
fn text_of(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.clone(),
        Value::Object(o) => return text_of(o.get("name").or_else(|| o.get("value"))),
        Value::Array(a) => return a.iter().find_map(|x| text_of(Some(x))),
        _ => return None,
    };
    let s = if s.contains('&') || s.contains('<') { html_to_text(&s) } else { normalize(s.trim()).into_owned() };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A plain-text field as written (a title: entities at most, decoded by
/// `Posting::tidy`, never tags to strip): a string, or an object's `name`.
fn plain_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty()),
        Value::Object(o) => plain_of(o.get("name").or_else(|| o.get("value"))),
        Value::Array(a) => a.iter().find_map(|x| plain_of(Some(x))),
        _ => None,
    }
}

/// The description as text; HTML escaped twice is unescaped once first.
fn description_text(v: Option<&Value>) -> String {
    let Some(Value::String(raw)) = v else {
        return text_of(v).unwrap_or_default();
    };
    let once = if !raw.contains('<') && raw.contains("&lt;") {
        htmlize::unescape(raw.as_str()).into_owned()
    } else {
        raw.clone()
    };
    if looks_like_html(&once) { html_to_text(&once) } else { normalize(once.trim()).into_owned() }
}

fn location_of(v: Option<&Value>) -> Option<String> {
    let one = |loc: &Value| -> Option<String> {
        match loc {
            Value::String(_) => text_of(Some(loc)),
            Value::Object(o) => {
                let addr = o.get("address").unwrap_or(loc);
                match addr {
                    Value::String(_) => text_of(Some(addr)),
                    Value::Object(a) => {
                        let mut parts: Vec<String> = Vec::new();
                        for key in ["addressLocality", "addressRegion", "addressCountry"] {
                            if let Some(p) = text_of(a.get(key))
                                && !parts.contains(&p)
                            {
                                parts.push(p);
                            }
                        }
                        if parts.is_empty() { text_of(o.get("name")) } else { Some(parts.join(", ")) }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    };
    let locations: Vec<String> = match v? {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    (!locations.is_empty()).then(|| locations.join("; "))
}

fn is_telecommute(v: Option<&Value>) -> bool {
    match v {
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("TELECOMMUTE"),
        Some(Value::Array(a)) => a.iter().any(|x| is_telecommute(Some(x))),
        _ => false,
    }
}

fn to_posting(obj: &serde_json::Map<String, Value>, page_url: &Url) -> Posting {
    let external_id = match obj.get("identifier") {
        Some(Value::Object(o)) => id_of(o.get("value")).or_else(|| id_of(o.get("@id"))),
        other => id_of(other),
    }
    .unwrap_or_default();
    let url = obj
        .get("url")
        .and_then(Value::as_str)
        .and_then(|u| page_url.join(u.trim()).ok())
        .filter(|u| u.scheme() == "http" || u.scheme() == "https")
        .map_or_else(|| page_url.to_string(), |u| u.to_string());
    let location = location_of(obj.get("jobLocation"));
    // schema.org has no on-site value: a page says remote or nothing.
    let workplace = if is_telecommute(obj.get("jobLocationType")) {
        Some(super::Workplace::Remote)
    } else {
        location.as_deref().and_then(super::workplace_from_location)
    };
    Posting {
        external_id,
        url: Some(url),
        title: plain_of(obj.get("title")),
        company: text_of(obj.get("hiringOrganization")),
        location,
        workplace,
        posted_at: obj.get("datePosted").and_then(Value::as_str).and_then(parse_loose),
        description: description_text(obj.get("description")),
        raw_format: "jsonld",
        raw: serde_json::to_string(obj).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://jobs.acme.example/p/1").unwrap()
    }

    #[test]
    fn graph_arrays_and_several_blocks() {
        let a = r#"{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"Acme"},
                   {"@type":["JobPosting","Thing"],"title":"Backend Engineer","identifier":{"@type":"PropertyValue","name":"Acme","value":4711},
                    "datePosted":"2026-5-15","description":"<p>Python &amp; SQL</p>",
                    "hiringOrganization":"Acme Corp","jobLocationType":"TELECOMMUTE"}]}"#;
        let b = r#"[{"@type":"JobPosting","title":"Data Engineer","hiringOrganization":{"@type":"Organization","name":"Acme"},
                    "jobLocation":{"@type":"Place","address":{"addressLocality":"Berlin","addressCountry":"DE"}},
                    "description":"&lt;ul&gt;&lt;li&gt;Java&lt;/li&gt;&lt;/ul&gt;","employmentType":["FULL_TIME","CONTRACTOR"]}]"#;
        let p = postings_in_blocks(&[a, b], &url());
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].external_id, "4711");
        assert_eq!(p[0].posted_at.as_deref(), Some("2026-05-15T00:00:00Z"));
        assert_eq!(p[0].company.as_deref(), Some("Acme Corp"));
        assert_eq!(p[0].workplace, Some(crate::sources::Workplace::Remote));
        assert_eq!(p[0].description, "Python & SQL");
        assert_eq!(p[1].external_id, "https://jobs.acme.example/p/1");
        assert_eq!(p[1].location.as_deref(), Some("Berlin, DE"));
        assert_eq!(p[1].workplace, None, "a location without \"remote\" does not say on-site");
        assert_eq!(p[1].description, "• Java");
    }

    #[test]
    fn repairs_raw_newlines_and_comment_wrappers() {
        let block =
            "<!--\n{\"@type\":\"JobPosting\",\"title\":\"Go\nDeveloper\",\"description\":\"line one\nline two\"}\n-->";
        let p = postings_in_blocks(&[block], &url());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].title.as_deref(), Some("Go Developer"));
        assert_eq!(p[0].description, "line one\nline two");
        assert!(postings_in_blocks(&["{not json"], &url()).is_empty());
    }
}
