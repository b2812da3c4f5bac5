//! A minimal, forgiving HTML tag scanner shared by text conversion and the
//! page scanners: fast (no DOM), never fails, bounded by the input.

use std::borrow::Cow;

/// A start or end tag.
#[derive(Debug, Clone)]
pub struct Tag<'a> {
    /// Lower-cased name.
    pub name: String,
    pub closing: bool,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
    /// The raw attribute text.
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// The entity-decoded value of an attribute (case-insensitive name).
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        let b = self.attrs.as_bytes();
        let mut i = 0;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() {
                return None;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
                i += 1;
            }
            let key = &self.attrs[start..i];
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (value, next) = attribute_value(self.attrs, i);
                if key.eq_ignore_ascii_case(name) {
                    return Some(if value.contains('&') {
                        Cow::Owned(htmlize::unescape_attribute(value).into_owned())
                    } else {
                        Cow::Borrowed(value)
                    });
                }
                i = next;
            } else if key.eq_ignore_ascii_case(name) {
                return Some(Cow::Borrowed(""));
            }
        }
    }
}

/// Parses the tag starting at `start` (a `<`); None when it is not a tag
/// (a lone `<` in text).
pub fn parse_tag(html: &str, start: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    let mut i = start + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let attrs_start = i;
    // Find the closing '>' outside quotes.
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Only a quote that opens a value counts (after '=').
            let prev = html[attrs_start..i].trim_end();
            if prev.ends_with('=') {
                quote = c;
            }
        } else if c == b'>' {
            return Some(Tag { name, closing, end: i + 1, attrs: &html[attrs_start..i] });
        }
        i += 1;
    }
    Some(Tag { name, closing, end: b.len(), attrs: &html[attrs_start..] })
}

/// Reads an attribute value at `i`; returns it and where scanning resumes.
fn attribute_value(s: &str, i: usize) -> (&str, usize) {
    let b = s.as_bytes();
    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
        let q = b[i];
        let end = b[i + 1..].iter().position(|&c| c == q).map_or(b.len(), |n| i + 1 + n);
        (&s[i + 1..end], (end + 1).min(b.len()))
    } else {
        let mut end = i;
        while end < b.len() && !b[end].is_ascii_whitespace() {
            end += 1;
        }
        (&s[i..end], end)
    }
}

/// Case-insensitive ASCII search for `needle` from `from`.
pub fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() || n.len() > h.len() {
        return None;
    }
    let first_lower = n[0].to_ascii_lowercase();
    let first_upper = n[0].to_ascii_uppercase();
    let mut i = from;
    while i + n.len() <= h.len() {
        let rel = memchr::memchr2(first_lower, first_upper, &h[i..=h.len() - n.len()])?;
        i += rel;
        if h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The offset just after the element whose raw text starts at `from`
/// (`</script>` for a script): the end of input when it is not closed.
pub fn end_of_raw_text(html: &str, from: usize, name: &str) -> (usize, usize) {
    let close = format!("</{name}");
    match find_ci(html, from, &close) {
        Some(at) => {
            let after = html.as_bytes()[at..].iter().position(|&c| c == b'>').map_or(html.len(), |n| at + n + 1);
            (at, after)
        }
        None => (html.len(), html.len()),
    }
}

/// The offset just after a comment starting at `from` (`<!--`).
pub fn end_of_comment(html: &str, from: usize) -> usize {
    html.get(from + 4..).and_then(|s| s.find("-->")).map_or(html.len(), |n| from + 4 + n + 3)
}

/// The tags of a page in order, comments and stray `<` skipped.
pub struct Tags<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Tags<'a> {
    pub fn new(html: &'a str) -> Tags<'a> {
        Tags { html, pos: 0 }
    }

    /// The next tag, or None at the end of the page.
    pub fn next_tag(&mut self) -> Option<Tag<'a>> {
        let (html, b) = (self.html, self.html.as_bytes());
        while let Some(n) = memchr::memchr(b'<', &b[self.pos..]) {
            let at = self.pos + n;
            if html[at..].starts_with("<!--") {
                self.pos = end_of_comment(html, at);
                continue;
            }
            match parse_tag(html, at) {
                Some(tag) => {
                    self.pos = tag.end;
                    return Some(tag);
                }
                None => self.pos = at + 1,
            }
        }
        self.pos = b.len();
        None
    }

    /// Skips the raw text of the element just opened (a `<script>`'s
    /// code, up to its end tag) and returns it.
    pub fn raw_text(&mut self, name: &str) -> &'a str {
        let (content_end, after) = end_of_raw_text(self.html, self.pos, name);
        let text = &self.html[self.pos..content_end];
        self.pos = after;
        text
    }
}

/// Elements that do not nest: void ones (`<br>`), ones whose end tag is
/// often left out (`<p>`, `<li>`), and formatting ones (`<b>`), which HTML
/// parsers re-open at most a few times however many are left open.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// How deep a page's elements nest, as written (end tags matched by
/// count), counting stops past `limit`. HTML tree builders take time
/// quadratic in the depth, so a page nested thousands deep is refused
/// before it reaches one.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut tags = Tags::new(html);
    while let Some(tag) = tags.next_tag() {
        let name = tag.name.as_str();
        if NOT_NESTING.contains(&name) {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if matches!(name, "script" | "style" | "textarea" | "title" | "xmp" | "noscript" | "template" | "iframe") {
            tags.raw_text(name);
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_counts_what_nests() {
        assert_eq!(nesting_depth("<html><body><div><p>a<p>b<br><div>c</div></div></body></html>", 100), 4);
        assert_eq!(nesting_depth(&"<ul><li>x".repeat(50), 100), 50);
        assert_eq!(nesting_depth(&"<li><b>x".repeat(5000), 100), 0);
        assert_eq!(nesting_depth("<script><div><div></script><div>", 100), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(100_000), 2048), 2049);
    }

    #[test]
    fn tags_and_attributes() {
        let html = r#"<A HREF="/jobs?a=1&amp;b=2" class='x > y' data-x=3>"#;
        let t = parse_tag(html, 0).unwrap();
        assert_eq!(t.name, "a");
        assert_eq!(t.end, html.len());
        assert_eq!(t.attr("href").as_deref(), Some("/jobs?a=1&b=2"));
        assert_eq!(t.attr("class").as_deref(), Some("x > y"));
        assert_eq!(t.attr("data-x").as_deref(), Some("3"));
        assert!(t.attr("id").is_none());
        assert!(parse_tag("< b", 0).is_none());
        assert!(parse_tag("</p>", 0).unwrap().closing);
    }

    #[test]
    fn raw_text_and_search() {
        let html = "<script>var a='</p>';</SCRIPT >after";
        assert_eq!(end_of_raw_text(html, 8, "script"), (21, 31));
        assert_eq!(find_ci("abcSCRIPTx", 0, "script"), Some(3));
        assert_eq!(find_ci("short", 0, "longer needle"), None);
    }
}
