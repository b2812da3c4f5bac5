//! `skilltrend discover`, the pure half: which applicant-tracking system a
//! careers page uses and its board token (`recognise.rs` for URLs,
//! `page.rs` for pages), and the ready `[[sources]]` block for each board.
//! Fetching is `crawl/discover.rs`'s.

pub mod page;
pub mod recognise;

use url::Url;

pub use page::{How, Reading, Sighting, jsonld_board, read_page};
pub use recognise::{Ats, Board, recognise};

/// Most links from the first page that discover follows.
pub const MAX_LINKS: usize = 5;

/// One URL discover asked for, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub url: Url,
    /// "read", "redirected to …", "HTTP 404", "disallowed by robots.txt"…
    pub result: String,
}

/// What discover saw from one starting URL.
#[derive(Debug, Clone)]
pub struct Discovery {
    pub start: Url,
    pub visits: Vec<Visit>,
    pub sightings: Vec<Sighting>,
}

/// A board with every place it was seen.
#[derive(Debug, Clone)]
pub struct Found {
    pub board: Board,
    pub seen: Vec<Sighting>,
}

impl Discovery {
    /// The boards found, in the order first seen; JSON-LD pages only when
    /// no applicant-tracking system was.
    pub fn found(&self) -> Vec<Found> {
        let any_ats = self.sightings.iter().any(|s| s.board.ats != Ats::JsonLd);
        let mut out: Vec<Found> = Vec::new();
        for s in self.sightings.iter().filter(|s| any_ats != (s.board.ats == Ats::JsonLd)) {
            match out.iter_mut().find(|f| same_board(&f.board, &s.board)) {
                Some(f) => f.seen.push(s.clone()),
                None => out.push(Found { board: s.board.clone(), seen: vec![s.clone()] }),
            }
        }
        out
    }
}

/// Whether two boards are one (tokens compared without case).
pub fn same_board(a: &Board, b: &Board) -> bool {
    a.ats == b.ats && a.base_url == b.base_url && a.token.eq_ignore_ascii_case(&b.token)
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One line saying where a board was seen.
pub fn evidence(found: &Found) -> String {
    let first = &found.seen[0];
    let what = match found.board.ats {
        Ats::JsonLd => format!("{} on {}", Ats::JsonLd.label(), first.page),
        ats => {
            let on = if first.how == How::Given { " " } else { " on " };
            format!(
                "{} board {}: {}{on}{}",
                ats.label(),
                toml_string(&found.board.token),
                first.how.words(),
                first.page
            )
        }
    };
    match found.seen.len() {
        1 => what,
        n => format!("{what} (and {} more)", n - 1),
    }
}

/// The `[[sources]]` block of a board, with a comment saying where it was
/// seen.
pub fn source_block(found: &Found) -> String {
    let b = &found.board;
    let base_url = b.base_url.map(|u| format!("base_url = {}\n", toml_string(u))).unwrap_or_default();
    format!(
        "# {}\n[[sources]]\nname = {}\nkind = {}\n{} = [{}]\n{base_url}",
        evidence(found).replace('\n', " "),
        toml_string(&b.source_name()),
        toml_string(b.ats.kind()),
        b.ats.key(),
        toml_string(&b.token)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sighting(ats: Ats, token: &str, how: How, page: &str) -> Sighting {
        Sighting { board: Board::new(ats, token), how, page: Url::parse(page).unwrap(), url: String::new() }
    }

    #[test]
    fn boards_are_grouped_and_json_ld_is_only_a_fallback() {
        let d = Discovery {
            start: Url::parse("https://acme.example/").unwrap(),
            visits: Vec::new(),
            sightings: vec![
                sighting(Ats::JsonLd, "https://acme.example/jobs", How::JsonLd, "https://acme.example/jobs"),
                sighting(Ats::Lever, "acme", How::Link, "https://acme.example/"),
                sighting(Ats::Lever, "Acme", How::Iframe, "https://acme.example/jobs"),
            ],
        };
        let found = d.found();
        assert_eq!(found.len(), 1);
        assert_eq!(
            source_block(&found[0]),
            "# Lever board \"acme\": a link on https://acme.example/ (and 1 more)\n\
             [[sources]]\nname = \"acme-lever\"\nkind = \"lever\"\nsites = [\"acme\"]\n"
        );
        let only_ld = Discovery { sightings: d.sightings[..1].to_vec(), ..d };
        assert_eq!(
            source_block(&only_ld.found()[0]),
            "# JobPosting JSON-LD on https://acme.example/jobs\n\
             [[sources]]\nname = \"acme.example-jsonld\"\nkind = \"jsonld\"\nstart_urls = [\"https://acme.example/jobs\"]\n"
        );
    }

    #[test]
    fn an_eu_lever_board_names_its_api() {
        let board = recognise(&Url::parse("https://jobs.eu.lever.co/acme").unwrap()).unwrap();
        let found = Found { seen: vec![sighting(Ats::Lever, "acme", How::Link, "https://acme.example/")], board };
        assert_eq!(
            source_block(&found),
            "# Lever board \"acme\": a link on https://acme.example/\n\
             [[sources]]\nname = \"acme-lever\"\nkind = \"lever\"\nsites = [\"acme\"]\nbase_url = \"https://api.eu.lever.co/v0\"\n"
        );
        let config = crate::config::Config::parse(std::path::Path::new("s.toml"), &source_block(&found)).unwrap();
        assert_eq!(config.sources[0].kind.start_urls()[0].as_str(), "https://api.eu.lever.co/v0");
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }
}
