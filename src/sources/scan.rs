//! Fast scans of a whole page: its JSON-LD blocks and its links, without
//! building a DOM (the crawler's hot path).

use url::Url;

use crate::html::Tags;

/// Raw elements whose content is not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "template", "noscript"];

/// What one pass over a page found.
#[derive(Debug, Default)]
pub struct PageScan<'a> {
    /// Contents of `<script type="application/ld+json">` blocks.
    pub ld_json: Vec<&'a str>,
    /// `href`s of `<a>` and `<area>` elements, as written (entity-decoded).
    pub hrefs: Vec<String>,
    /// The `<base href>`, if any.
    pub base: Option<String>,
}

/// Scans a page once for JSON-LD blocks and links.
pub fn scan_page(html: &str) -> PageScan<'_> {
    let mut out = PageScan::default();
    let mut tags = Tags::new(html);
    while let Some(tag) = tags.next_tag() {
        if tag.closing {
            continue;
        }
        match tag.name.as_str() {
            "a" | "area" => {
                if let Some(h) = tag.attr("href") {
                    out.hrefs.push(h.into_owned());
                }
            }
            "base" if out.base.is_none() => out.base = tag.attr("href").map(|h| h.into_owned()),
            "script" => {
                let is_ld =
                    tag.attr("type").is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("application/ld+json"));
                let code = tags.raw_text("script");
                if is_ld {
                    out.ld_json.push(code);
                }
            }
            name if RAW_TEXT.contains(&name) => {
                tags.raw_text(name);
            }
            _ => {}
        }
    }
    out
}

/// Resolves hrefs against a page URL (and its `<base>`): http(s) only,
/// fragments dropped, duplicates removed.
pub fn resolve_links(page: &Url, scan: &PageScan<'_>) -> Vec<Url> {
    let base = scan.base.as_deref().and_then(|b| page.join(b).ok()).unwrap_or_else(|| page.clone());
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for href in &scan.hrefs {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            continue;
        }
        let Ok(mut url) = base.join(href) else {
            continue;
        };
        if url.scheme() != "http" && url.scheme() != "https" {
            continue;
        }
        url.set_fragment(None);
        if seen.insert(url.as_str().to_string()) {
            out.push(url);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_and_links_but_not_in_scripts_or_comments() {
        let html = r#"<html><head><base href="/jobs/">
            <script type="application/ld+json">{"a":1}</script>
            <SCRIPT TYPE="Application/LD+JSON; charset=utf-8">{"b":2}</SCRIPT>
            <script>document.write('<a href="/nope">')</script></head>
            <body><!-- <a href="/hidden"> --><a href="p1.html#top">1</a><a href='p1.html'>again</a>
            <a href="mailto:x@example.com">m</a><a href="https://other.example/x">o</a></body></html>"#;
        let scan = scan_page(html);
        assert_eq!(scan.ld_json, [r#"{"a":1}"#, r#"{"b":2}"#]);
        let page = Url::parse("https://acme.example/careers").unwrap();
        let links: Vec<String> = resolve_links(&page, &scan).iter().map(|u| u.to_string()).collect();
        assert_eq!(links, ["https://acme.example/jobs/p1.html", "https://other.example/x"]);
    }
}
