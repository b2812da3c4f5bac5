//! HTML to plain text, and the Unicode normalisation that every later step
//! (masking, tokenizing, matching, offsets) works on.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc, is_nfkc_quick};

use crate::html::{end_of_comment, end_of_raw_text, parse_tag};

/// Tags that end a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Tags whose content is never text.
const SKIPPED_TAGS: &[&str] = &["script", "style", "noscript", "template", "head", "svg"];

/// Inline tags that, beside [`BLOCK_TAGS`] and [`SKIPPED_TAGS`], mark a
/// text as HTML.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "body", "code", "em", "font", "html", "i", "img", "meta", "s", "small", "span", "strong", "sub",
    "sup", "title", "u",
];

/// Whether a string looks like HTML: a real tag (`<p>`, `</li>`, `<a
/// href=…>`, `<br/>`, `<!--`, `<!DOCTYPE`) or an entity. Angle brackets
/// around words ("email <your name> at …") are text.
pub fn looks_like_html(s: &str) -> bool {
    let tag = s.match_indices('<').any(|(i, _)| is_tag_start(&s[i + 1..]));
    tag || (s.contains('&') && s.contains(';') && htmlize::unescape(s) != s)
}

/// Whether the text after a `<` opens or closes a known tag.
fn is_tag_start(after: &str) -> bool {
    if after.starts_with("!--") || after.get(..8).is_some_and(|d| d.eq_ignore_ascii_case("!doctype")) {
        return true;
    }
    let name = after.strip_prefix('/').unwrap_or(after);
    let len = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
    let (word, rest) = name.split_at(len);
    let known = |list: &[&str]| list.iter().any(|t| t.eq_ignore_ascii_case(word));
    let ends = rest.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace());
    !word.is_empty() && ends && (known(BLOCK_TAGS) || known(SKIPPED_TAGS) || known(INLINE_TAGS))
}

/// Converts an HTML fragment to text: a line break at block tags, `• ` before
/// list items, entities decoded, scripts dropped, whitespace collapsed outside
/// `<pre>`, and a link whose visible text is a (cut) URL replaced by its href.
/// The result is normalised with [`normalize`].
pub fn html_to_text(html: &str) -> String {
    convert(html, false)
}

/// [`html_to_text`] for an HN comment, whose bare newlines are line breaks:
/// HN shows them as spaces, but posters type them to end a line ("Acme |
/// Backend Engineer | Remote⏎We are…"), and the first line is the title.
pub fn hn_html_to_text(html: &str) -> String {
    convert(html, true)
}

/// The conversion; `line_breaks`: a bare newline outside `<pre>` breaks the line.
fn convert(html: &str, line_breaks: bool) -> String {
    let mut out = TextBuilder { s: String::with_capacity(html.len()), line_breaks, ..TextBuilder::default() };
    let b = html.as_bytes();
    let mut i = 0;
    let mut pre_depth = 0usize;
    let mut link: Option<(usize, String)> = None;
    while i < b.len() {
        if b[i] != b'<' {
            let next = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |n| i + n);
            out.text(&html[i..next], pre_depth > 0);
            i = next;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = end_of_comment(html, i);
            continue;
        }
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let len = cdata.find("]]>").unwrap_or(cdata.len());
            out.text(&cdata[..len], pre_depth > 0);
            i = (i + 9 + len + 3).min(b.len());
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |n| i + n + 1);
            continue;
        }
        let Some(tag) = parse_tag(html, i) else {
            // A lone '<' is text.
            out.text("<", pre_depth > 0);
            i += 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.as_str();
        if !tag.closing && SKIPPED_TAGS.contains(&name) {
            i = end_of_raw_text(html, i, name).1;
            continue;
        }
        match (name, tag.closing) {
            ("pre", false) => pre_depth += 1,
            ("pre", true) => pre_depth = pre_depth.saturating_sub(1),
            ("a", false) => link = tag.attr("href").map(|h| (out.len(), h.into_owned())),
            ("a", true) => {
                if let Some((at, href)) = link.take() {
                    out.replace_cut_url(at, &href);
                }
            }
            _ => {}
        }
        if BLOCK_TAGS.contains(&name) {
            match (name, tag.closing) {
                ("li", false) => out.bullet(),
                ("p" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => out.paragraph(),
                ("td" | "th", false) => out.cell(),
                _ => out.newline(),
            }
        }
    }
    let text = out.finish();
    let normalized = match normalize(&text) {
        Cow::Owned(normalized) => Some(normalized),
        Cow::Borrowed(_) => None,
    };
    normalized.unwrap_or(text)
}

/// Accumulates text with collapsed whitespace and explicit line structure.
#[derive(Default)]
struct TextBuilder {
    s: String,
    /// Pending line breaks to emit before the next text (max 2).
    breaks: usize,
    pending_space: bool,
    pending_bullet: bool,
    pending_cell: bool,
    /// A bare newline is a line break (HN comments).
    line_breaks: bool,
    /// The last text's entities decoded (a buffer reused).
    decoded: String,
}

impl TextBuilder {
    fn len(&self) -> usize {
        self.s.len()
    }

    fn text(&mut self, raw: &str, pre: bool) {
        // The decoded text goes in a buffer kept between calls.
        let mut decoded = std::mem::take(&mut self.decoded);
        self.push_text(if decode_entities_into(raw, &mut decoded) { &decoded } else { raw }, pre);
        self.decoded = decoded;
    }

    /// Decoded text, whitespace collapsed (kept inside `<pre>`).
    fn push_text(&mut self, mut rest: &str, pre: bool) {
        while let Some(c) = rest.chars().next() {
            // A run of visible ASCII with single spaces inside goes in at
            // once (the structure before it is flushed once, as it would be
            // before its first character; each inner space would be
            // written as it is).
            let visible = visible_run(rest.as_bytes());
            if visible > 0 {
                self.flush_structure();
                self.s.push_str(&rest[..visible]);
                rest = &rest[visible..];
                continue;
            }
            rest = &rest[c.len_utf8()..];
            if c == '\n' && self.line_breaks && !pre {
                self.newline();
                continue;
            }
            if pre && c == '\n' {
                self.s.push('\n');
                self.pending_space = false;
                continue;
            }
            if c.is_whitespace() {
                if !pre {
                    self.pending_space = true;
                } else {
                    self.s.push(c);
                }
                continue;
            }
            self.flush_structure();
            self.s.push(c);
        }
    }

    fn flush_structure(&mut self) {
        if !self.s.is_empty() && self.breaks > 0 {
            while self.s.ends_with(' ') {
                self.s.pop();
            }
            for _ in 0..self.breaks {
                self.s.push('\n');
            }
            self.pending_space = false;
        }
        self.breaks = 0;
        if self.pending_bullet {
            self.s.push_str("• ");
            self.pending_bullet = false;
            self.pending_space = false;
            self.pending_cell = false;
        }
        if self.pending_cell {
            if !self.s.is_empty() && !self.s.ends_with('\n') {
                self.s.push_str(" | ");
            }
            self.pending_cell = false;
            self.pending_space = false;
        }
        if self.pending_space {
            if !self.s.is_empty() && !self.s.ends_with('\n') {
                self.s.push(' ');
            }
            self.pending_space = false;
        }
    }

    fn newline(&mut self) {
        self.breaks = self.breaks.max(1);
    }

    fn paragraph(&mut self) {
        self.breaks = 2;
    }

    fn bullet(&mut self) {
        self.newline();
        self.pending_bullet = true;
    }

    fn cell(&mut self) {
        self.pending_cell = true;
    }

    /// HN cuts a link's visible text ("https://example.com/a/very/lo..."):
    /// keep the href instead when the text is a URL.
    fn replace_cut_url(&mut self, at: usize, href: &str) {
        if at > self.s.len() || !(href.starts_with("http://") || href.starts_with("https://")) {
            return;
        }
        let visible = self.s[at..].trim();
        let looks_like_url = visible.starts_with("http") || visible.starts_with("www.");
        if looks_like_url && visible != href {
            let lead = self.s[at..].len() - self.s[at..].trim_start().len();
            self.s.truncate(at + lead);
            self.s.push_str(href);
        }
    }

    fn finish(mut self) -> String {
        while self.s.ends_with(char::is_whitespace) {
            self.s.pop();
        }
        self.s
    }
}

/// The length of the run of visible ASCII at the start of `b`, with the
/// single spaces between its characters.
fn visible_run(b: &[u8]) -> usize {
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_graphic() || (b[i] == b' ' && i > 0 && b.get(i + 1).is_some_and(u8::is_ascii_graphic)) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// HTML entities decoded. The common ones (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`, `&nbsp;` and numeric references to printable
/// characters, each with its `;`) are decoded here in one pass; a text
/// with any other `&` goes to `htmlize` whole (the same answer, slower).
#[cfg(test)]
fn decode_entities(raw: &str) -> Cow<'_, str> {
    let mut out = String::new();
    match decode_entities_into(raw, &mut out) {
        true => Cow::Owned(out),
        false => Cow::Borrowed(raw),
    }
}

/// [`decode_entities`] into `out` (cleared first, reused between calls);
/// false when `raw` has no `&` (and `out` is left empty).
fn decode_entities_into(raw: &str, out: &mut String) -> bool {
    out.clear();
    let Some(first) = memchr::memchr(b'&', raw.as_bytes()) else { return false };
    out.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let Some((c, len)) = simple_entity(&rest[amp..]) else {
            out.clear();
            out.push_str(&htmlize::unescape(raw));
            return true;
        };
        out.push(c);
        rest = &rest[amp + len..];
    }
    out.push_str(rest);
    true
}

/// The character of a common entity at the start of `s` (which starts
/// with `&`), and the entity's length.
fn simple_entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
                None => return None,
            };
            // Printable characters only; controls, the Windows-1252 range,
            // surrogates and noncharacters are left to `htmlize`.
            let printable =
                (0x20..0x7f).contains(&code) || (0xa0..0xd800).contains(&code) || (0xe000..0xfdd0).contains(&code);
            if !printable {
                return None;
            }
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Whether a character is a dash that normalises to `-`.
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{00AD}')
}

/// Whether a character is an apostrophe that normalises to `'`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' | '\u{02BC}')
}

/// A control character other than newline and tab, or a Unicode
/// noncharacter (`&#xFFFE;` and friends): never part of real text.
fn is_junk(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c as u32, 0xFDD0..=0xFDEF) || (c as u32 & 0xFFFE) == 0xFFFE
}

/// Whether `text` is in NFKC: the quick check, and the full check where
/// the quick one cannot tell (a combining mark that composes with nothing
/// before it, as in "x\u{301}", is "maybe" but already normal).
fn already_nfkc(text: &str) -> bool {
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => is_nfkc(text),
    }
}

fn needs_mapping(c: char) -> bool {
    is_dash(c) || is_apostrophe(c) || is_junk(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// NFKC, every dash to `-`, every apostrophe to `'`, CRLF to LF, line and
/// paragraph separators to `\n`, other control characters and noncharacters dropped. Returns
/// the input unchanged (borrowed) when nothing applies — the common case.
///
/// Only the non-ASCII runs (with the ASCII character before each, which a
/// combining mark may join) go through NFKC: a boundary before an ASCII
/// character is always a safe place to cut, so the result is the NFKC of
/// the whole text, at the cost of its non-ASCII part.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if is_normal_quick(text) {
        return Cow::Borrowed(text);
    }
    // Junk goes before NFKC: dropped after, it could part a letter from
    // the accent it composes with ("e\u{7}\u{301}") or a CR from its LF.
    if has_junk(text) {
        let kept: String = text.chars().filter(|&c| c == '\r' || !is_junk(c)).collect();
        return Cow::Owned(normalize(&kept).into_owned());
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().position(|&c| c >= 0x80).map_or(b.len(), |n| i + n);
        let run_end = b[run..].iter().position(|&c| c < 0x80).map_or(b.len(), |n| run + n);
        let lead = run_lead(b, i, run);
        push_ascii(text, i..lead, &mut out);
        push_unicode(&text[lead..run_end], &mut out);
        i = run_end;
    }
    Cow::Owned(out)
}

/// Where the non-ASCII run at `run` really starts: the ASCII character
/// before it joins it (e + U+0301 is é); control characters never compose.
fn run_lead(b: &[u8], from: usize, run: usize) -> usize {
    if run > from && run < b.len() && !b[run - 1].is_ascii_control() { run - 1 } else { run }
}

/// Whether [`normalize`] leaves `text` as it is, checked without
/// decoding its ASCII part.
fn is_normal_quick(text: &str) -> bool {
    let b = text.as_bytes();
    if plain_ascii(b) {
        return true;
    }
    if has_ascii_controls(b, false) {
        return false;
    }
    let mut i = 0;
    while let Some(n) = b[i..].iter().position(|&c| c >= 0x80) {
        let run = i + n;
        let end = b[run..].iter().position(|&c| c < 0x80).map_or(b.len(), |n| run + n);
        // Each run is checked with the ASCII character before it, which a
        // combining mark in the run may compose with.
        let chars = &text[run_lead(b, i, run)..end];
        if chars.chars().any(needs_mapping) || !already_nfkc(chars) {
            return false;
        }
        i = end;
    }
    true
}

/// Whether every byte is printable ASCII, a newline or a tab (text that
/// [`normalize`] leaves alone), checked eight bytes at a time.
fn plain_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let plain = |c: u8| (0x20..0x7f).contains(&c) || c == b'\n' || c == b'\t';
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        // A byte below 0x20, or 0x7f and above, sets its high bit here.
        let low = x.wrapping_sub(ONES * 0x20) & !x;
        let high = (x & !HI).wrapping_add(ONES) | x;
        if (low | high) & HI != 0 && !chunk.iter().all(|&c| plain(c)) {
            return false;
        }
    }
    chunks.remainder().iter().all(|&c| plain(c))
}

/// Whether `b` holds an ASCII control character other than a newline, a
/// tab and (with `cr`) a carriage return, or DEL: the ASCII junk. Checked
/// a block at a time without an early exit inside it (the compiler
/// vectorises such a loop; one with `any` it does not).
fn has_ascii_controls(b: &[u8], cr: bool) -> bool {
    let junk = |c: u8| (c < 0x20 && c != b'\n' && c != b'\t' && !(cr && c == b'\r')) | (c == 0x7f);
    b.chunks(64).any(|block| block.iter().fold(false, |found, &c| found | junk(c)))
}

/// Whether `text` holds junk other than a carriage return ([`is_junk`]):
/// its ASCII part checked by bytes, only its non-ASCII runs decoded.
fn has_junk(text: &str) -> bool {
    let b = text.as_bytes();
    if has_ascii_controls(b, true) {
        return true;
    }
    let mut i = 0;
    while let Some(n) = b[i..].iter().position(|&c| c >= 0x80) {
        let run = i + n;
        let end = b[run..].iter().position(|&c| c < 0x80).map_or(b.len(), |n| run + n);
        if text[run..end].chars().any(is_junk) {
            return true;
        }
        i = end;
    }
    false
}

/// Pushes `text[range]` (ASCII): CRLF and a lone CR as LF, controls dropped.
fn push_ascii(text: &str, range: std::ops::Range<usize>, out: &mut String) {
    let b = text.as_bytes();
    let piece = &b[range.clone()];
    if !has_ascii_controls(piece, false) {
        out.push_str(&text[range]);
        return;
    }
    for (i, &c) in piece.iter().enumerate() {
        let at = range.start + i;
        if c == b'\r' {
            if b.get(at + 1) != Some(&b'\n') {
                out.push('\n');
            }
        } else {
            push_mapped(c as char, out);
        }
    }
}

/// Pushes a run of non-ASCII text (and the ASCII character before it) in
/// NFKC, mapped.
fn push_unicode(run: &str, out: &mut String) {
    if is_nfkc_quick(run.chars()) == IsNormalized::Yes {
        run.chars().for_each(|c| push_mapped(c, out));
    } else {
        run.chars().filter(|&c| !is_junk(c)).nfkc().for_each(|c| push_mapped(c, out));
    }
}

/// Pushes one NFKC character: dashes, apostrophes and separators mapped,
/// junk dropped (a CR is handled by [`push_ascii`]).
fn push_mapped(c: char, out: &mut String) {
    if is_dash(c) {
        if c != '\u{00AD}' {
            out.push('-');
        }
    } else if is_apostrophe(c) {
        out.push('\'');
    } else if c == '\u{2028}' || c == '\u{2029}' {
        out.push('\n');
    } else if !is_junk(c) {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_entities_decode_as_htmlize_decodes_them() {
        let cases = [
            "a &amp; b",
            "&lt;p&gt;",
            "don&#x27;t &#X2F; &#39;",
            "&quot;q&quot; &apos;",
            "a&nbsp;b",
            "R&D",
            "AT&T;",
            "&amp",
            "&#x80; &#150;",
            "&#0; &#xD800; &#x110000;",
            "&#xFFFE;",
            "&copy; &eacute;",
            "&#x;",
            "&#;",
            "&#12345678901234567890;",
            "&#x41&#x42;",
            "&;",
            "&#x1F600;",
            "tail &",
            "&#x2019;s &#8212; &#xa0;",
        ];
        for case in cases {
            assert_eq!(decode_entities(case), htmlize::unescape(case), "{case}");
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        // A combining mark with nothing to compose with, Hangul jamo,
        // a decomposed accent, junk between a letter and its accent.
        for text in
            ["Go x\u{301} Rust", "\u{1100}\u{1161} Java", "Cafe\u{301} PHP", "e\u{7}\u{301}", "a\r\nb\rc", "e\u{301}"]
        {
            let once = normalize(text).into_owned();
            assert!(matches!(normalize(&once), Cow::Borrowed(_)), "{text:?} → {once:?} is not stable");
            assert_eq!(once, normalize_whole(text));
        }
    }

    #[test]
    fn html_is_told_by_real_tags_not_angle_brackets_around_words() {
        for html in [
            "<p>Go</p>",
            "a<br>b",
            "a<br/>b",
            "<a href=\"x\">x</a>",
            "x</li>",
            "<!-- c -->",
            "<!DOCTYPE html>",
            "Go &amp; Rust",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "Acme | Backend Engineer\nApply: jobs@<company domain name>.com",
            "Email <your name> at acme.example\nSecond line",
            "if x<y and c > d",
            "Go & Rust; no entities",
            "<3 our team",
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn block_tags_break_lines_and_entities_decode() {
        let html = "<p>We use Go &amp; Python&#x2F;R.</p><ul><li>Docker</li><li>Go</li></ul><p>Apply&#x27;s</p>";
        assert_eq!(html_to_text(html), "We use Go & Python/R.\n\n• Docker\n• Go\n\nApply's");
    }

    #[test]
    fn hn_paragraphs_and_cut_links() {
        let html = "Acme | Backend | Remote<p>See <a href=\"https:&#x2F;&#x2F;acme.example.com&#x2F;jobs&#x2F;backend-engineer\" rel=\"nofollow\">https:&#x2F;&#x2F;acme.example.com&#x2F;jobs&#x2F;ba...</a> now";
        assert_eq!(
            html_to_text(html),
            "Acme | Backend | Remote\n\nSee https://acme.example.com/jobs/backend-engineer now"
        );
    }

    #[test]
    fn hn_bare_newlines_break_lines_outside_pre() {
        let html = "Acme | Backend Engineer \n| Remote<p>We use Go.\nAnd Postgres.<pre>a\nb</pre>";
        assert_eq!(hn_html_to_text(html), "Acme | Backend Engineer\n| Remote\n\nWe use Go.\nAnd Postgres.\na\nb");
        assert_eq!(html_to_text(html), "Acme | Backend Engineer | Remote\n\nWe use Go. And Postgres.\na\nb");
    }

    #[test]
    fn scripts_comments_and_pre() {
        let html = "<div>a<script>var x = '<p>'</script>b<!-- c --></div><pre><code>x = 1\ny = 2</code></pre>";
        assert_eq!(html_to_text(html), "ab\nx = 1\ny = 2");
    }

    #[test]
    fn lone_angle_brackets_are_text() {
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
    }

    #[test]
    fn normalize_maps_dashes_apostrophes_and_width() {
        assert_eq!(normalize("Ｐｙｔｈｏｎ Objective\u{2011}C Java’s"), "Python Objective-C Java's");
        assert_eq!(normalize("a\r\nb\u{0007}c"), "a\nbc");
        assert!(matches!(normalize("plain ascii"), Cow::Borrowed(_)));
    }

    /// The whole text, junk dropped, through NFKC, then mapped: what
    /// [`normalize`] must equal while only putting its non-ASCII runs
    /// through NFKC.
    fn normalize_whole(text: &str) -> String {
        let mut out = String::new();
        let mut prev_cr = false;
        for c in text.chars().filter(|&c| c == '\r' || !is_junk(c)).nfkc() {
            if prev_cr && c != '\n' {
                out.push('\n');
            }
            prev_cr = c == '\r';
            if c != '\r' {
                push_mapped(c, &mut out);
            }
        }
        if prev_cr {
            out.push('\n');
        }
        out
    }

    #[test]
    fn normalizing_runs_equals_normalizing_the_whole_text() {
        let cases = [
            "cafe\u{301} and e\u{301}\u{323}x",
            "a \u{338}= and <\u{338} and =\u{338}",
            "\u{1100}\u{1161}\u{11A8} Hangul",
            "Ｐｙｔｈｏｎ ﬁle ① ™ ²",
            "We’re hiring — remote – “now”\r\nnext\rline\r",
            "\r\u{301}x\u{7}y\u{FFFE}z\u{2028}w\u{AD}v",
            "\u{301}leading mark, trailing e\u{301}",
        ];
        for text in cases {
            assert_eq!(normalize(text), normalize_whole(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn normalize_equals_whole_text_nfkc(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'e', 'Z', ' ', '<', '=', '\r', '\n', '\t', '\u{7}', '\u{301}', '\u{323}', '\u{338}',
            '\u{1100}', '\u{1161}', '\u{11A8}', 'é', 'Ｐ', 'ﬁ', '’', '—', '\u{AD}', '\u{2028}', '\u{FFFE}', '①',
        ]), 0..24)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(normalize(&text), normalize_whole(&text));
        }
    }
}
