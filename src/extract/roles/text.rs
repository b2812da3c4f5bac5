//! The text pass: one Aho-Corasick automaton over cue phrases, with checks
//! of the bytes around each hit (word boundaries, a negation before it, the
//! line it is on). It scores what the text says the hire will do, and finds
//! the places where a comment lists jobs: bullets, "Role: …" lines and
//! clauses after a hiring cue ("we're hiring a …").

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::lexicon::{AREAS, Cue, TEXT_CUES, TITLE_TERMS, Term};

/// What a pattern is.
#[derive(Debug, Clone, Copy)]
struct Pat {
    cue: Option<Cue>,
    /// A job noun (a list may be around it).
    head: bool,
    word_start: bool,
    word_end: bool,
}

/// A cue found in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub start: u32,
    pub end: u32,
    pat: u16,
}

/// What a text says.
#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    /// Work cues per area ([`AREAS`]), negated ones left out.
    pub score: [u16; AREAS.len()],
    /// The first cue of each area.
    pub first: [Option<(u32, u32)>; AREAS.len()],
    /// Whether an area has a strong cue (weight 2), not only weak ones.
    pub strong: [bool; AREAS.len()],
    pub fullstack: Option<(u32, u32)>,
    /// "Mainly a coding job", "production code".
    pub code: Option<(u32, u32)>,
    /// A candidate's words near the start.
    pub seeker: bool,
    /// A company's words ("we're hiring").
    pub company: bool,
}

/// A place in a text that may list jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Window {
    /// What is read for jobs.
    pub range: Range<usize>,
    pub kind: WindowKind,
    /// The whole line of a list item (its description too).
    pub line: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WindowKind {
    /// After a hiring cue, to the end of the sentence.
    Clause,
    /// A bullet; `listed` when a hiring cue introduced the list.
    Bullet { listed: bool },
    /// A line that starts with a job ("Backend Engineer: Go services").
    Line,
}

/// Reads texts. Built once; shared.
pub(super) struct TextReader {
    automaton: AhoCorasick,
    pats: Vec<Pat>,
}

/// Bytes a candidate's words are looked for in, from the start of the body.
const SEEKER_SPAN: usize = 400;
/// At most this many list places are read in one text.
const MAX_WINDOWS: usize = 40;

impl TextReader {
    pub fn new() -> TextReader {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut pats: Vec<Pat> = Vec::new();
        let mut add = |key: String, cue: Option<Cue>, head: bool| {
            let b = key.as_bytes();
            let (word_start, word_end) =
                (b.first().is_some_and(|c| is_word(*c)), b.last().is_some_and(|c| is_word(*c)));
            let id = *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                pats.push(Pat { cue: None, head: false, word_start, word_end });
                pats.len() - 1
            });
            pats[id].cue = pats[id].cue.or(cue);
            pats[id].head |= head;
        };
        for &(phrase, cue) in TEXT_CUES {
            add(phrase.to_string(), Some(cue), false);
        }
        for &(phrase, term) in TITLE_TERMS {
            if matches!(term, Term::Head(_) | Term::ForeignHead(_) | Term::TechLead) {
                add(phrase.to_string(), None, true);
                if phrase.contains(' ') {
                    add(phrase.replace(' ', "-"), None, true);
                }
            }
        }
        for phrase in NEUTRAL_PHRASES {
            add(phrase.to_string(), None, false);
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .unwrap_or_else(|e| panic!("text automaton: {e}"));
        TextReader { automaton, pats }
    }

    /// Finds the cues of `text[from..]` at word boundaries (a plural `s`
    /// accepted), in order.
    pub fn scan(&self, text: &str, from: usize, hits: &mut Vec<Hit>) {
        let b = text.as_bytes();
        let mut at = from.min(b.len());
        while let Some(m) = self.automaton.find(Input::new(text).span(at..b.len())) {
            let p = &self.pats[m.pattern().as_usize()];
            let (s, mut e) = (m.start(), m.end());
            if p.word_start && s > 0 && is_word(b[s - 1]) {
                at = next_char(text, s);
                continue;
            }
            if p.word_end && e < b.len() && is_word(b[e]) {
                let plural = (b[e] | 0x20) == b's' && (e + 1 == b.len() || !is_word(b[e + 1]));
                if !plural {
                    at = next_char(text, s);
                    continue;
                }
                e += 1;
            }
            if p.cue.is_some() || p.head {
                hits.push(Hit { start: s as u32, end: e as u32, pat: m.pattern().as_usize() as u16 });
            }
            at = e;
        }
    }

    fn cue(&self, h: &Hit) -> Option<Cue> {
        self.pats[h.pat as usize].cue
    }

    fn is_head(&self, h: &Hit) -> bool {
        self.pats[h.pat as usize].head
    }

    /// What the hits say about the work, from `from` on; work cues inside
    /// `skip` (list items that describe their own jobs) left out.
    pub fn facts(&self, text: &str, from: usize, hits: &[Hit], skip: &[Range<usize>]) -> Facts {
        let mut f = Facts::default();
        let b = text.as_bytes();
        for h in hits {
            let span = (h.start, h.end);
            let skipped = || skip.iter().any(|r| r.contains(&(h.start as usize))) || in_url(b, h.start as usize);
            match self.cue(h) {
                Some(Cue::Work(..) | Cue::Fullstack | Cue::Code) if skipped() => {}
                Some(Cue::Work(area, weight)) if !negated(b, h.start as usize) => {
                    let a = area as usize;
                    f.score[a] = f.score[a].saturating_add(weight as u16);
                    f.strong[a] |= weight >= 2;
                    f.first[a].get_or_insert(span);
                }
                Some(Cue::Fullstack) if !negated(b, h.start as usize) => {
                    f.fullstack.get_or_insert(span);
                }
                Some(Cue::Code) if !negated(b, h.start as usize) => {
                    f.code.get_or_insert(span);
                }
                Some(Cue::Seek) => f.seeker |= (h.start as usize) < from + SEEKER_SPAN,
                Some(Cue::Hire { company: true, .. } | Cue::Company) => f.company = true,
                _ => {}
            }
        }
        f
    }

    /// The places of a comment's body that may list jobs, in order.
    pub fn windows(&self, text: &str, hits: &[Hit], out: &mut Vec<Window>) {
        let b = text.as_bytes();
        let mut done = 0usize;
        for h in hits {
            let (s, e) = (h.start as usize, h.end as usize);
            if s < done || out.len() >= MAX_WINDOWS {
                continue;
            }
            match self.cue(h) {
                Some(Cue::NotHiring) => done = clause_end(b, e),
                Some(Cue::Hire { list, .. }) if !negated_cue(b, s) => {
                    done = self.after_cue(text, e, list, out);
                }
                _ if self.is_head(h) => {
                    if let Some(w) = line_window(b, s) {
                        done = w.range.end;
                        out.push(w);
                    }
                }
                _ => {}
            }
        }
    }

    /// The clause after a hiring cue, and the list it introduces when its
    /// line ends with a colon. Returns where reading may resume.
    fn after_cue(&self, text: &str, from: usize, list: bool, out: &mut Vec<Window>) -> usize {
        let b = text.as_bytes();
        let end = sentence_end(b, from);
        if end > from {
            out.push(Window { range: from..end, kind: WindowKind::Clause, line: from..end });
        }
        let line_end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |n| from + n);
        // "We are looking for:" then bullets; not "… engineers. Skills include:".
        let intro = end >= line_end && text[from..line_end].trim_end().ends_with(':');
        if !intro {
            return end;
        }
        // The lines after it: bullets (blank lines between them allowed),
        // or plain lines up to a blank line.
        let mut at = line_end;
        let (mut items, mut bullets) = (0, None);
        while at < b.len() && out.len() < MAX_WINDOWS {
            let start = at + 1;
            let stop = memchr::memchr(b'\n', b.get(start..).unwrap_or(&[])).map_or(b.len(), |n| start + n);
            let line = &b[start.min(b.len())..stop];
            if line.iter().all(u8::is_ascii_whitespace) {
                if items > 0 && bullets != Some(true) {
                    break;
                }
            } else {
                let bullet = bullet_content(b, start, stop);
                if *bullets.get_or_insert(bullet.is_some()) != bullet.is_some() {
                    break;
                }
                let content = bullet.unwrap_or_else(|| trim(b, start..stop));
                if content.len() > 200 {
                    break;
                }
                items += 1;
                let range = cut_url(b, content.clone());
                out.push(Window { range, kind: WindowKind::Bullet { listed: list }, line: content });
            }
            at = stop;
        }
        at
    }
}

/// Phrases that hold a cue word but say nothing about the work.
const NEUTRAL_PHRASES: &[&str] = &[
    "customer service",
    "professional services",
    "financial services",
    "legal services",
    "health services",
    "home services",
    "field service",
    "service desk",
    "managed services",
    "service provider",
    "service business",
    "services company",
    "services firm",
    "our services",
    "delivery service",
    "streaming service",
    "subscription service",
    "service design",
    "hiring manager",
    "hiring process",
    "hiring managers",
];

#[inline]
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

fn next_char(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Whether a position is inside a URL ("…/blog/llm-communications").
fn in_url(b: &[u8], at: usize) -> bool {
    let start = b[..at].iter().rposition(|c| c.is_ascii_whitespace() || *c == b'(' || *c == b'[').map_or(0, |p| p + 1);
    let token = &b[start..at];
    memchr::memmem::find(token, b"://").is_some()
        || token.starts_with(b"www.")
        || token.contains(&b'/') && token.contains(&b'.')
}

/// Whether a cue is negated: "no", "not", "without", "never" or "n't"
/// shortly before it in the same sentence.
fn negated(b: &[u8], start: usize) -> bool {
    let from = start.saturating_sub(28);
    let mut window = &b[from..start];
    if let Some(p) = window.iter().rposition(|&c| matches!(c, b'.' | b'\n' | b';' | b'!' | b'?' | b',')) {
        window = &window[p + 1..];
    }
    window.split(|c| !c.is_ascii_alphanumeric() && *c != b'\'').filter(|w| !w.is_empty()).any(|w| {
        w.eq_ignore_ascii_case(b"no")
            || w.eq_ignore_ascii_case(b"not")
            || w.eq_ignore_ascii_case(b"without")
            || w.eq_ignore_ascii_case(b"never")
            || w.len() > 3 && w[w.len() - 3..].eq_ignore_ascii_case(b"n't")
    })
}

/// "not hiring", "aren't looking for": a hiring cue right after a negation.
fn negated_cue(b: &[u8], start: usize) -> bool {
    let from = start.saturating_sub(10);
    let w = &b[from..start];
    w.windows(4).any(|x| x.eq_ignore_ascii_case(b"not ")) || w.windows(3).any(|x| x.eq_ignore_ascii_case(b"n't"))
}

/// The end of the sentence from `from`: a line break, `!`, `?`, `;` or a
/// full stop before a space, at most 300 bytes on.
fn sentence_end(b: &[u8], from: usize) -> usize {
    let limit = (from + 300).min(b.len());
    let mut i = from;
    while i < limit {
        match b[i] {
            b'\n' | b'!' | b'?' | b';' => return i,
            b'.' if i + 1 >= b.len() || b[i + 1].is_ascii_whitespace() => return i,
            _ => {}
        }
        i += 1;
    }
    limit
}

/// The end of a clause: the sentence's, or a comma's ("not hiring
/// engineers, but we need a bookkeeper").
fn clause_end(b: &[u8], from: usize) -> usize {
    let end = sentence_end(b, from);
    b[from..end].iter().position(|&c| c == b',').map_or(end, |n| from + n)
}

/// The content of a bullet line (after its marker), if it is one.
fn bullet_content(b: &[u8], start: usize, stop: usize) -> Option<Range<usize>> {
    let mut i = start;
    while i < stop && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    let rest = &b[i..stop];
    let marker = bullet_marker(rest)?;
    let mut c = i + marker;
    while c < stop && (b[c] == b' ' || b[c] == b'\t') {
        c += 1;
    }
    (c < stop).then_some(c..stop)
}

/// The length of a bullet marker at the start of `s`.
fn bullet_marker(s: &[u8]) -> Option<usize> {
    const MARKS: &[&str] = &["--", "-", "*", "+", "•", "·", "○", "●", "▪", "◦", "►", "→", "✓", "✔", "☆", "★", "–", "—"];
    for m in MARKS {
        if s.starts_with(m.as_bytes()) {
            return Some(m.len());
        }
    }
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let r = &s[digits..];
        for m in [".)", ")", "."] {
            if r.starts_with(m.as_bytes()) && r.get(m.len()).is_some_and(|c| *c == b' ' || *c == b'\t') {
                return Some(digits + m.len());
            }
        }
    }
    None
}

/// The list place a job noun at `at` is in: its bullet, or its line when
/// the line starts with it (up to a colon or a spaced dash).
fn line_window(b: &[u8], at: usize) -> Option<Window> {
    let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |n| n + 1);
    let stop = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n);
    if let Some(content) = bullet_content(b, start, stop) {
        let range = cut_url(b, content.clone());
        return Some(Window { range, kind: WindowKind::Bullet { listed: false }, line: content });
    }
    if at - start > 120 {
        return None;
    }
    let head_end = b[at..stop].iter().position(|&c| c == b':').map_or(stop, |n| at + n);
    let range = cut_url(b, start..(start + 200).min(head_end));
    (range.end > at).then_some(Window { range, kind: WindowKind::Line, line: start..stop })
}

/// A range without its surrounding whitespace.
fn trim(b: &[u8], r: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (r.start, r.end);
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    s..e
}

/// A range cut before the first URL in it ("Backend Engineer https://…").
fn cut_url(b: &[u8], r: Range<usize>) -> Range<usize> {
    let s = &b[r.clone()];
    let at = memchr::memmem::find(s, b"http://")
        .into_iter()
        .chain(memchr::memmem::find(s, b"https://"))
        .chain(memchr::memmem::find(s, b"www."))
        .min();
    match at {
        Some(n) => r.start..r.start + n,
        None => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_sentences() {
        assert_eq!(bullet_marker(b"- Backend"), Some(1));
        assert_eq!(bullet_marker(b"1.) Data"), Some(3));
        assert_eq!(bullet_marker(b"12. Data"), Some(3));
        assert_eq!(bullet_marker(b"2025 was"), None);
        assert_eq!(bullet_marker(b"Backend"), None);
        let t = b"We use node.js daily. Next";
        assert_eq!(sentence_end(t, 0), 20);
    }

    #[test]
    fn negation_looks_back_within_the_sentence() {
        let t = b"No frontend work. Frontend work.";
        assert!(negated(t, 3));
        assert!(!negated(t, 18));
        assert!(negated(b"this role doesn't touch backend", 24));
        assert!(!negated(b"Not a problem. backend", 15));
    }
}
