//! Reading one page for boards: the links, frames, scripts and redirects
//! that name a board, the links on the same host that look like the
//! careers page, and whether the page carries JobPosting JSON-LD. One pass
//! of the tag scanner, no DOM.

use url::Url;

use super::recognise::{Ats, Board, recognise};
use crate::html::{Tag, Tags, find_ci};

/// How a page named a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The URL given is itself a board's.
    Given,
    Link,
    Iframe,
    Script,
    InlineScript,
    MetaRefresh,
    Redirect,
    JsonLd,
}

impl How {
    /// Words for people ("an iframe").
    pub fn words(self) -> &'static str {
        match self {
            How::Given => "its own URL",
            How::Link => "a link",
            How::Iframe => "an iframe",
            How::Script => "a script",
            How::InlineScript => "an inline script",
            How::MetaRefresh => "a meta refresh",
            How::Redirect => "a redirect",
            How::JsonLd => "JobPosting JSON-LD",
        }
    }

    /// The name in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            How::Given => "given",
            How::Link => "link",
            How::Iframe => "iframe",
            How::Script => "script",
            How::InlineScript => "inline-script",
            How::MetaRefresh => "meta-refresh",
            How::Redirect => "redirect",
            How::JsonLd => "json-ld",
        }
    }
}

/// A board seen on a page: how, and the URL that named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sighting {
    pub board: Board,
    pub how: How,
    /// The page it was seen on.
    pub page: Url,
    /// The URL that named it.
    pub url: String,
}

/// What one page gave.
#[derive(Debug, Default)]
pub struct Reading {
    pub sightings: Vec<Sighting>,
    /// Links on the page's host that look like the careers page, the likeliest
    /// first.
    pub careers_links: Vec<Url>,
    /// How many JobPostings the page's JSON-LD holds.
    pub job_postings: usize,
}

/// Words in a path or a link's text that mark a careers page.
const CAREERS_WORDS: &[&str] = &[
    "career",
    "job",
    "join-us",
    "joinus",
    "join us",
    "join our team",
    "hiring",
    "vacanc",
    "opening",
    "open-positions",
    "open positions",
    "work-with-us",
    "work with us",
    "karriere",
    "stellen",
];

/// Most sightings and careers links kept from one page (a hostile page of
/// a million links costs no more than a real one).
const MAX_SIGHTINGS: usize = 200;
const MAX_CANDIDATES: usize = 50;

/// Files that are not pages.
const NOT_PAGES: &[&str] = &[".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".pdf", ".ico", ".webp", ".xml"];

/// Reads a page fetched from `page` for boards and careers links.
pub fn read_page(page: &Url, html: &str) -> Reading {
    let mut r =
        Reader { page: page.clone(), base: page.clone(), out: Reading::default(), ld: Vec::new(), scored: Vec::new() };
    let mut tags = Tags::new(html);
    while let Some(tag) = tags.next_tag() {
        if tag.closing {
            continue;
        }
        match tag.name.as_str() {
            "base" => {
                if let Some(b) = tag.attr("href").and_then(|h| page.join(h.trim()).ok()) {
                    r.base = b;
                }
            }
            "a" | "area" => r.link(&tag, anchor_text(html, tag.end)),
            "iframe" | "frame" => r.attrs(&tag, &["src", "data-src"], How::Iframe),
            "meta" => r.meta_refresh(&tag),
            "script" => {
                r.attrs(&tag, &["src", "data-src"], How::Script);
                let is_ld =
                    tag.attr("type").is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("application/ld+json"));
                let code = tags.raw_text("script");
                if is_ld {
                    r.ld.push(code.to_string());
                } else {
                    r.inline_script(code);
                }
            }
            "style" | "textarea" => {
                tags.raw_text(&tag.name);
            }
            _ => {}
        }
    }
    r.finish()
}

/// The page being read and what it gave so far.
struct Reader {
    page: Url,
    base: Url,
    out: Reading,
    ld: Vec<String>,
    /// Careers links with their scores, in page order.
    scored: Vec<(u8, Url)>,
}

impl Reader {
    /// Records a board named by `raw` (resolved against the page), if any.
    fn board(&mut self, raw: &str, how: How) -> Option<Url> {
        let url = self.base.join(raw.trim()).ok()?;
        match recognise(&url) {
            Some(board) => {
                let sighting = Sighting { board, how, page: self.page.clone(), url: url.to_string() };
                if self.out.sightings.len() < MAX_SIGHTINGS && !self.out.sightings.contains(&sighting) {
                    self.out.sightings.push(sighting);
                }
                None
            }
            None => Some(url),
        }
    }

    fn attrs(&mut self, tag: &Tag<'_>, names: &[&str], how: How) {
        for name in names {
            if let Some(v) = tag.attr(name) {
                self.board(&v, how);
            }
        }
    }

    fn link(&mut self, tag: &Tag<'_>, text: String) {
        let Some(href) = tag.attr("href") else { return };
        if let Some(url) = self.board(&href, How::Link) {
            self.careers_candidate(url, &text);
        }
    }

    /// `<meta http-equiv="refresh" content="0; url=…">`: a board, or a page
    /// on this host to follow first.
    fn meta_refresh(&mut self, tag: &Tag<'_>) {
        if !tag.attr("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")) {
            return;
        }
        let Some(content) = tag.attr("content") else { return };
        let Some(at) = find_ci(&content, 0, "url=") else { return };
        let target = content[at + 4..].trim().trim_matches(['\'', '"']);
        if let Some(url) = self.board(target, How::MetaRefresh)
            && self.same_host(&url)
        {
            self.scored.insert(0, (u8::MAX, url));
        }
    }

    /// URLs written in quotes in a script (JSON's `\/` undone), and the
    /// Lever and SmartRecruiters embed settings.
    fn inline_script(&mut self, code: &str) {
        let code = code.replace("\\/", "/");
        let mut from = 0;
        while let Some(n) = code[from..].find("//") {
            let at = from + n;
            let start = code[..at].rfind(|c: char| !(c.is_ascii_alphabetic() || c == ':')).map_or(0, |i| i + 1);
            let end = code[at..]
                .find(|c: char| c.is_whitespace() || "\"'`<>()\\,;{}[]".contains(c))
                .map_or(code.len(), |e| at + e);
            let candidate = &code[start..end];
            if candidate.starts_with("https://") || candidate.starts_with("http://") || candidate.starts_with("//") {
                self.board(candidate, How::InlineScript);
            }
            from = end.max(at + 2);
        }
        if code.contains("leverJobsOptions")
            && let Some(t) = js_string_after(&code, "accountName")
        {
            self.board(&format!("https://jobs.lever.co/{t}"), How::InlineScript);
        }
        if code.contains("company_code")
            && let Some(t) = js_string_after(&code, "company_code")
        {
            self.board(&format!("https://careers.smartrecruiters.com/{t}"), How::InlineScript);
        }
    }

    fn same_host(&self, url: &Url) -> bool {
        url.host_str().zip(self.page.host_str()).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
            && url.port() == self.page.port()
    }

    /// Keeps a link on the page's host whose path or text looks like a
    /// careers page.
    fn careers_candidate(&mut self, mut url: Url, text: &str) {
        url.set_fragment(None);
        if !self.same_host(&url) || url == self.page {
            return;
        }
        let path = url.path().to_ascii_lowercase();
        if NOT_PAGES.iter().any(|ext| path.ends_with(ext)) {
            return;
        }
        let text = text.to_lowercase();
        let score = u8::from(CAREERS_WORDS.iter().any(|w| path.contains(w)))
            + u8::from(CAREERS_WORDS.iter().any(|w| text.contains(w)));
        if score > 0 && self.scored.len() < MAX_CANDIDATES && !self.scored.iter().any(|(_, u)| *u == url) {
            self.scored.push((score, url));
        }
    }

    fn finish(mut self) -> Reading {
        let blocks: Vec<&str> = self.ld.iter().map(String::as_str).collect();
        self.out.job_postings = crate::sources::jsonld::postings_in_blocks(&blocks, &self.page).len();
        // Stable: the same score keeps page order.
        self.scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        self.out.careers_links = self.scored.into_iter().map(|(_, u)| u).collect();
        self.out
    }
}

/// The text of a link: up to its end tag, tags dropped, at most 200 bytes
/// of markup looked at.
fn anchor_text(html: &str, from: usize) -> String {
    let mut stop = html.len().min(from + 200);
    while !html.is_char_boundary(stop) {
        stop -= 1;
    }
    let window = &html[from..stop];
    let end = find_ci(window, 0, "</a").unwrap_or(window.len());
    let mut text = String::new();
    let mut in_tag = false;
    for c in window[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quoted string after `key` in script code (`key: 'v'`, `"key":"v"`,
/// `key = "v"`).
fn js_string_after<'a>(code: &'a str, key: &str) -> Option<&'a str> {
    let at = code.find(key)? + key.len();
    let rest =
        code[at..].trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ':' || c == '=');
    let before = &code[at..code.len() - rest.len()];
    let quote = before.chars().rev().find(|c| *c == '"' || *c == '\'')?;
    let end = rest.find(quote)?;
    Some(&rest[..end])
}

/// A page that carries JobPosting JSON-LD, as the board of a `jsonld` source.
pub fn jsonld_board(page: &Url) -> Board {
    Board::new(Ats::JsonLd, page.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Reading {
        read_page(&Url::parse("https://acme.example/about/").unwrap(), html)
    }

    /// Each sighting as (kind, token, how, URL seen).
    fn seen(r: &Reading) -> Vec<(&'static str, &str, How, &str)> {
        r.sightings.iter().map(|s| (s.board.ats.kind(), s.board.token.as_str(), s.how, s.url.as_str())).collect()
    }

    #[test]
    fn urls_in_inline_scripts_and_json_with_escaped_slashes() {
        let r = read(concat!(
            r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"jobsUrl":"https:\/\/jobs.lever.co\/acme"}}</script>"#,
            r#"<script>var s=document.createElement('script');s.src='//boards.greenhouse.io/embed/job_board/js?for=beta';</script>"#,
            r#"<script>go("https://evil.example/?next=https://jobs.ashbyhq.com/evil")</script>"#,
            r#"<script>widget({"company_code":"AcmeRetail1","bg_color_widget":"ffffff"});</script>"#,
        ));
        assert_eq!(
            seen(&r),
            [
                ("lever", "acme", How::InlineScript, "https://jobs.lever.co/acme"),
                ("greenhouse", "beta", How::InlineScript, "https://boards.greenhouse.io/embed/job_board/js?for=beta"),
                (
                    "smartrecruiters",
                    "AcmeRetail1",
                    How::InlineScript,
                    "https://careers.smartrecruiters.com/AcmeRetail1"
                ),
            ]
        );
    }

    #[test]
    fn frames_lazy_frames_meta_refresh_and_base() {
        let r = read(concat!(
            r#"<base href="https://acme.example/jobs/">"#,
            r#"<meta http-equiv="Refresh" content="0; URL='https://acme.jobs.personio.de/'">"#,
            r#"<iframe data-src="https://apply.workable.com/acme/"></iframe>"#,
            r#"<a href="team.html">Join us</a>"#,
        ));
        assert_eq!(
            seen(&r),
            [
                ("personio", "acme", How::MetaRefresh, "https://acme.jobs.personio.de/"),
                ("workable", "acme", How::Iframe, "https://apply.workable.com/acme/"),
            ]
        );
        let links: Vec<&str> = r.careers_links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["https://acme.example/jobs/team.html"]);
    }

    #[test]
    fn careers_links_stay_on_the_host_and_the_likeliest_come_first() {
        let r = read(concat!(
            r#"<a href="/team">Join our team</a><a href="/careers#top"><span>Careers</span></a>"#,
            r#"<a href="https://other.example/careers">Careers</a><a href="http://acme.example:8080/jobs">Jobs</a>"#,
            r#"<a href="/jobs.pdf">Jobs</a><a href="/about/">Careers</a><a href="/careers">again</a><a href="/pricing">Pricing</a>"#,
        ));
        let links: Vec<&str> = r.careers_links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["https://acme.example/careers", "https://acme.example/team"]);
        assert_eq!(r.job_postings, 0);
    }

    #[test]
    fn a_long_link_text_of_wide_characters_is_cut_on_a_character() {
        let r = read(&format!("<a href=\"/x\">{}</a>", "ü".repeat(300)));
        assert!(r.careers_links.is_empty());
    }

    #[test]
    fn a_page_of_very_many_links_keeps_a_bounded_few() {
        let mut html = String::new();
        for i in 0..20_000 {
            html.push_str(&format!("<a href=\"https://jobs.lever.co/co{i}\">x</a><a href=\"/jobs/{i}\">Job</a>"));
        }
        let r = read(&html);
        assert_eq!(r.sightings.len(), MAX_SIGHTINGS);
        assert_eq!(r.sightings[0].board.token, "co0");
        assert_eq!(r.careers_links.len(), MAX_CANDIDATES);
    }

    #[test]
    fn every_fixture_cut_anywhere_is_read_without_a_panic() {
        for page in [
            include_str!("../../fixtures/discover/greenhouse-iframe.html"),
            include_str!("../../fixtures/discover/ashby-script.html"),
            include_str!("../../fixtures/discover/lever-inline.html"),
            include_str!("../../fixtures/discover/links.html"),
            include_str!("../../fixtures/discover/jsonld.html"),
        ] {
            // A page cut short (a dropped connection) is read as far as it goes.
            for (cut, _) in page.char_indices().step_by(7) {
                read(&page[..cut]);
            }
            assert!(read(page).sightings.len() + read(page).job_postings > 0);
        }
    }

    #[test]
    fn job_postings_in_json_ld_are_counted() {
        let r = read(r#"<script type="application/ld+json">{"@type":"JobPosting","title":"Go developer"}</script>"#);
        assert_eq!(r.job_postings, 1);
        assert!(r.sightings.is_empty());
    }
}
