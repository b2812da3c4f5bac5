//! The text pass: one Aho-Corasick automaton over cue phrases, with checks
//! of the bytes around each hit (word boundaries, a negation before it, the
//! line it is on). It scores what the text says the hire will do, and finds
//! the places where a comment lists jobs: bullets, "Role: …" lines and
//! clauses after a hiring cue ("we're hiring a …").

use std::ops::Range;

use aho_corasick::nfa::contiguous::NFA;

use super::lexicon::{AREAS, Cue, TEXT_CUES, TITLE_TERMS, Term};
use super::title;
use crate::extract::anchored;

/// What a pattern is.
#[derive(Debug, Clone, Copy)]
struct Pat {
    cue: Option<Cue>,
    /// A job noun (a list may be around it).
    head: bool,
    /// Ends with a word character (a boundary must follow).
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
    /// Whether the full stack is named as the work itself ("responsible
    /// for the full stack", "True full-stack."), not as a kind of thing
    /// ("a full-stack insurance company", "full stack F#").
    pub fullstack_work: bool,
    /// "Mainly a coding job", "production code".
    pub code: Option<(u32, u32)>,
    /// A candidate's words near the start.
    pub seeker: bool,
    /// A company's words ("we're hiring").
    pub company: bool,
    /// The part of `score` from a line labelled as the stack ("Stack:
    /// Django, React") or a sentence about it ("our tech stack is …", "a
    /// Django and React shop"): what the company uses, not what the hire does.
    pub stack: [u16; AREAS.len()],
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
    /// After "if you are a", to the end of the sentence: the job of the
    /// reader addressed ("a Perl developer"), not a list of specialities.
    Address,
    /// A bullet; `listed` when a hiring cue introduced the list.
    Bullet { listed: bool },
    /// A line that starts with a job ("Backend Engineer: Go services").
    Line,
    /// Another item of a bullet list one of whose items starts with a job
    /// ("- SRE: …" beside "- Web Development: …"): it names a job only by
    /// a speciality, and only if that item (whose `line` starts at
    /// `anchor`) reads as a job title.
    Sibling { anchor: usize },
}

/// Reads texts. Built once; shared.
pub(super) struct TextReader {
    /// Anchored at word starts only.
    automaton: NFA,
    pats: Vec<Pat>,
    /// Which folded word beginnings some pattern starts with.
    prefixes: Box<[u64; PREFIX_WORDS]>,
    /// Finds links ("http").
    links: memchr::memmem::Finder<'static>,
    /// Find "team" and "Team".
    team: [memchr::memmem::Finder<'static>; 2],
}

/// Bits in the prefix filter.
const PREFIX_BITS: usize = 1 << 16;
const PREFIX_WORDS: usize = PREFIX_BITS / 64;
/// Bytes of a word's beginning the prefix filter looks at.
const PREFIX_LEN: u32 = 6;

/// Bytes a candidate's words are looked for in, from the start of the body.
const SEEKER_SPAN: usize = 400;
/// At most this many list places are read in one text.
const MAX_WINDOWS: usize = 40;

/// Eight bytes at `i` (zero-padded at the end of the text).
#[inline]
fn load8(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(s) => u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]),
        None => {
            let mut t = [0u8; 8];
            let rest = b.get(i..).unwrap_or(&[]);
            t[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(t)
        }
    }
}

const HI: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// 0x80 in each 7-bit byte of `v` within `lo..=hi`.
#[inline]
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let ge_lo = v.wrapping_add(ONES * (0x80 - lo as u64));
    let gt_hi = v.wrapping_add(ONES * (0x7f - hi as u64));
    ge_lo & !gt_hi & HI
}

/// 0x80 in each byte of `x` that is a word byte ([`is_word`]: ASCII
/// letters and digits, and every non-ASCII byte).
#[inline]
fn word_bytes(x: u64) -> u64 {
    let v = x & !HI;
    let letter = in_range(v | (ONES * 0x20), b'a', b'z');
    let digit = in_range(v, b'0', b'9');
    letter | digit | (x & HI)
}

/// The filter bit of the word beginning at `i`: its first bytes up to
/// [`PREFIX_LEN`], ASCII lower-cased, cut at the first non-word byte.
#[inline]
fn prefix_bit(b: &[u8], i: usize) -> usize {
    let x = load8(b, i);
    let len = ((!word_bytes(x)) & HI).trailing_zeros() / 8;
    prefix_key_bit(x, len.min(PREFIX_LEN))
}

/// The filter bit of the first `len` bytes of `x`, lower-cased.
#[inline]
fn prefix_key_bit(x: u64, len: u32) -> usize {
    let mask = if len == 0 { 0 } else { u64::MAX >> (64 - 8 * len) };
    let k = (x | 0x2020_2020_2020_2020) & mask;
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

impl TextReader {
    pub fn new() -> TextReader {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut pats: Vec<Pat> = Vec::new();
        let mut add = |key: String, cue: Option<Cue>, head: bool| {
            let b = key.as_bytes();
            let word_end = b.last().is_some_and(|c| is_word(*c));
            let id = *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                pats.push(Pat { cue: None, head: false, word_end });
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
        let mut prefixes = Box::new([0u64; PREFIX_WORDS]);
        for k in &keys {
            // The word as written, and with a plural `s` ("APIs").
            let first = k.bytes().take_while(|&c| is_word(c)).count();
            let plural = format!("{}s", &k[..first]);
            for form in [k.as_str(), plural.as_str()] {
                let bit = prefix_bit(form.as_bytes(), 0);
                prefixes[bit / 64] |= 1 << (bit % 64);
            }
        }
        let automaton = anchored::build(&keys, true).unwrap_or_else(|e| panic!("text automaton: {e}"));
        TextReader {
            automaton,
            pats,
            prefixes,
            links: memchr::memmem::Finder::new(b"http"),
            team: [memchr::memmem::Finder::new(b"team"), memchr::memmem::Finder::new(b"Team")],
        }
    }

    /// Finds the cues of `text[from..]` that start at a word and end at a
    /// word boundary (a plural `s` accepted), in order. Word starts are
    /// found eight bytes at a time; a prefix filter drops most words before
    /// the anchored automaton is tried.
    pub fn scan(&self, text: &str, from: usize, hits: &mut Vec<Hit>) {
        let b = text.as_bytes();
        let n = b.len();
        let mut i = from.min(n);
        // Resume after the word `from` may be inside.
        while i > 0 && i < n && is_word(b[i - 1]) {
            i += 1;
        }
        let mut prev = 0u64;
        let mut skip_to = i;
        while i < n {
            let w = word_bytes(load8(b, i)) >> 7;
            let mut starts = w & !((w << 8) | prev);
            prev = w >> 56;
            while starts != 0 {
                let p = i + (starts.trailing_zeros() / 8) as usize;
                starts &= starts - 1;
                if p < skip_to || p >= n {
                    continue;
                }
                let bit = prefix_bit(b, p);
                if self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
                    && let Some(e) = self.match_at(text, p, hits)
                {
                    skip_to = e;
                }
            }
            i += 8;
        }
    }

    /// The longest pattern at word start `i`, pushed as a hit; its end.
    #[inline]
    fn match_at(&self, text: &str, i: usize, hits: &mut Vec<Hit>) -> Option<usize> {
        self.automaton_at(text, i, hits)
    }

    /// The longest pattern at word start `i` by the automaton.
    fn automaton_at(&self, text: &str, i: usize, hits: &mut Vec<Hit>) -> Option<usize> {
        let b = text.as_bytes();
        let (pattern, mut e) = anchored::longest_at(&self.automaton, b, i)?;
        let p = &self.pats[pattern];
        if p.word_end && e < b.len() && is_word(b[e]) {
            let plural = (b[e] | 0x20) == b's' && (e + 1 == b.len() || !is_word(b[e + 1]));
            if !plural {
                return None;
            }
            e += 1;
        }
        if p.head && title::attributive_eng(b, i, e) {
            return Some(e);
        }
        if p.cue.is_some() || p.head {
            hits.push(Hit { start: i as u32, end: e as u32, pat: pattern as u16 });
        }
        Some(e)
    }

    fn cue(&self, h: &Hit) -> Option<Cue> {
        self.pats[h.pat as usize].cue
    }

    /// Whether the hit is a hiring cue ("we're hiring", "roles:").
    fn hires(&self, h: &Hit) -> bool {
        matches!(self.cue(h), Some(Cue::Hire { .. }))
    }

    fn is_head(&self, h: &Hit) -> bool {
        self.pats[h.pat as usize].head
    }

    /// What the hits say about the work, from `from` on; work cues inside
    /// `skip` (list items that describe their own jobs) left out.
    /// Whether any of `hits` is a sign of a posting: a hiring cue, an
    /// address to applicants, a company speaking, or the work's words.
    pub fn posting_signs(&self, hits: &[Hit]) -> bool {
        hits.iter().any(|h| {
            matches!(
                self.cue(h),
                Some(
                    Cue::Hire { .. }
                        | Cue::LookingFor
                        | Cue::Address
                        | Cue::Company
                        | Cue::Work(..)
                        | Cue::Fullstack
                        | Cue::BothSides
                        | Cue::Code
                        | Cue::Stack
                        | Cue::StackSentence
                        | Cue::Shop
                )
            )
        })
    }

    pub fn facts(&self, text: &str, from: usize, hits: &[Hit], skip: &[Range<usize>]) -> Facts {
        let mut f = Facts::default();
        let b = text.as_bytes();
        // The end of the stack line the hits are on, if any.
        let mut stack_end = 0usize;
        // The end of a nice-to-have sentence or list the hits are in.
        let mut bonus_end = 0usize;
        // Where "team" is after the hits, found once when first needed.
        let teams = std::cell::OnceCell::new();
        for (k, h) in hits.iter().enumerate() {
            let span = (h.start, h.end);
            let extra = (h.start as usize) < bonus_end;
            let skipped = || {
                extra
                    || skip.iter().any(|r| r.contains(&(h.start as usize)))
                    || in_url(b, h.start as usize)
                    || self.names_a_company(b, h, &hits[k + 1..])
                    || teammates(b, h, &hits[k + 1..], teams.get_or_init(|| self.team_words(b, hits)))
            };
            match self.cue(h) {
                Some(Cue::Work(..) | Cue::Fullstack | Cue::BothSides | Cue::Code) if skipped() => {}
                Some(Cue::Work(area, weight)) if !negated(b, h.start as usize) => {
                    let a = area as usize;
                    f.score[a] = f.score[a].saturating_add(weight as u16);
                    f.strong[a] |= weight >= 2;
                    f.first[a].get_or_insert(span);
                    if (h.start as usize) < stack_end {
                        f.stack[a] = f.stack[a].saturating_add(weight as u16);
                    }
                }
                Some(Cue::Stack) if stack_label(b, h.start as usize) => {
                    stack_end = memchr::memchr(b'\n', &b[h.end as usize..]).map_or(b.len(), |n| h.end as usize + n);
                }
                // "Some tech stacks we use": several stacks are no one hire's.
                Some(Cue::StackSentence) if !plural(b, h) => stack_end = stack_end.max(sentence_end(b, h.end as usize)),
                Some(Cue::Shop) => self.shop_stack(b, &hits[..k], h, skip, &mut f),
                Some(Cue::Bonus) => bonus_end = bonus_end.max(bonus_span_end(b, h.end as usize)),
                Some(Cue::Fullstack) if !negated(b, h.start as usize) => {
                    f.fullstack.get_or_insert(span);
                    f.fullstack_work |= full_stack_named_as_work(b, h.start as usize, h.end as usize);
                }
                Some(Cue::BothSides) if !negated(b, h.start as usize) => {
                    f.fullstack.get_or_insert(span);
                    for a in [0, 1] {
                        f.score[a] = f.score[a].saturating_add(2);
                        f.strong[a] = true;
                        f.first[a].get_or_insert(span);
                    }
                }
                Some(Cue::Code) if !negated(b, h.start as usize) => {
                    f.code.get_or_insert(span);
                }
                Some(Cue::Seek) if !asks_the_reader(b, h.start as usize) => {
                    f.seeker |= (h.start as usize) < from + SEEKER_SPAN
                }
                Some(Cue::LookingFor) if seeks_a_hire(b, h.end as usize) => f.company = true,
                Some(Cue::LookingFor) => f.seeker |= (h.start as usize) < from + SEEKER_SPAN,
                Some(Cue::Hire { company: true, .. } | Cue::Company) => f.company = true,
                _ => {}
            }
        }
        f
    }

    /// Whether the cue `h` describes a company, not the work ([`company_after`]);
    /// `later` are the hits after it, which hold the company noun if any.
    fn names_a_company(&self, b: &[u8], h: &Hit, later: &[Hit]) -> bool {
        let end = h.end as usize;
        let mut near = later.iter().take_while(|x| (x.start as usize) < end + 48);
        near.find(|x| matches!(self.cue(x), Some(Cue::CompanyNoun)))
            .is_some_and(|noun| company_after(&b[end..noun.start as usize]))
    }

    /// Where "team" or "Team" starts in the span of `hits` (and the bytes
    /// a team's name may run on after the last).
    fn team_words(&self, b: &[u8], hits: &[Hit]) -> Vec<u32> {
        let (Some(first), Some(last)) = (hits.first(), hits.last()) else { return Vec::new() };
        let (from, to) = (first.end as usize, (last.end as usize + TEAM_REACH).min(b.len()));
        let span = &b[from.min(to)..to];
        let mut at: Vec<u32> = self.team.iter().flat_map(|f| f.find_iter(span)).map(|n| (from + n) as u32).collect();
        at.sort_unstable();
        at
    }

    /// "We're a Django and React (TypeScript) shop": the work cues of the
    /// sentence before "shop", when the last of them is right before it
    /// (a parenthesis between allowed), are the company's stack.
    fn shop_stack(&self, b: &[u8], before: &[Hit], shop: &Hit, skip: &[Range<usize>], f: &mut Facts) {
        let at = shop.start as usize;
        let counted = |h: &&Hit| {
            let s = h.start as usize;
            matches!(self.cue(h), Some(Cue::Work(..)))
                && !negated(b, s)
                && !in_url(b, s)
                && !skip.iter().any(|r| r.contains(&s))
        };
        let Some(last) = before.iter().rev().find(counted) else { return };
        let gap = b[(last.end as usize).min(at)..at].trim_ascii();
        if !(gap.is_empty() || gap.starts_with(b"(") && gap.ends_with(b")") && gap.len() < 40) {
            return;
        }
        let from = b[..at]
            .iter()
            .rposition(|&c| matches!(c, b'\n' | b'!' | b'?' | b';'))
            .max(memchr::memmem::rfind(&b[..at], b". "))
            .map_or(0, |p| p + 1);
        for h in before.iter().rev().take_while(|h| h.start as usize >= from).filter(counted) {
            if let Some(Cue::Work(area, weight)) = self.cue(h) {
                let a = area as usize;
                f.stack[a] = f.stack[a].saturating_add(weight as u16).min(f.score[a]);
            }
        }
    }

    /// The places of a comment's body that may list jobs, in order.
    pub fn windows(&self, text: &str, body: usize, hits: &[Hit], out: &mut Vec<Window>) {
        let b = text.as_bytes();
        let mut done = 0usize;
        for (k, h) in hits.iter().enumerate() {
            let (s, e) = (h.start as usize, h.end as usize);
            if s < done || out.len() >= MAX_WINDOWS {
                continue;
            }
            match self.cue(h) {
                Some(Cue::NotHiring) => done = clause_end(b, e),
                Some(Cue::Hire { list, .. })
                    if !negated_cue(b, s) && !hiring_as_a_noun(b, s) && !needed_by_a_thing(b, s) =>
                {
                    done = self.after_cue(text, e, list, hits, out);
                }
                Some(Cue::LookingFor) if seeks_a_hire(b, e) => done = self.after_cue(text, e, false, hits, out),
                Some(Cue::Address) => {
                    done = sentence_end(b, e);
                    let named = hits[k + 1..].iter().take_while(|h| (h.start as usize) < done).any(|h| self.is_head(h));
                    if named {
                        out.push(Window { range: e..done, kind: WindowKind::Address, line: e..done });
                    }
                }
                _ if self.is_head(h) => {
                    if let Some(w) = line_window(b, s, &hits[..k]) {
                        // "I'm the CTO and am hiring …": a hiring cue after
                        // the line's job is read too.
                        let later = &hits[k + 1..];
                        let cue = later.iter().take_while(|x| (x.start as usize) < w.range.end).find(|x| self.hires(x));
                        done = cue.map_or(w.range.end, |x| x.start as usize);
                        let run = (w.kind == WindowKind::Line && b.get(w.range.end) == Some(&b','))
                            .then(|| (w.range.end, w.line.clone()));
                        out.push(w);
                        if let Some((at, line)) = run {
                            done = comma_run(b, at, line, out);
                        }
                    }
                }
                _ => {}
            }
        }
        link_lines(b, body, &self.links, out);
        sibling_bullets(b, out);
    }

    /// The list after a colon, "including" or a semicolon in a hiring
    /// clause ("hiring for every part of the stack: Back-end, iOS, DevOps";
    /// "several remote (US-based) roles, including a DBA and Node.js
    /// engineers"; "…; Back-end, iOS").
    fn listed_after_mark(&self, text: &str, from: usize, end: usize, hits: &[Hit], out: &mut Vec<Window>) {
        let b = text.as_bytes();
        // A colon, not a link's ("https://…").
        let colon = memchr::memchr_iter(b':', &b[from..end])
            .map(|n| from + n)
            .find(|&i| !b[i + 1..].starts_with(b"//"))
            .map(|i| i + 1);
        let including = including_at(&b[from..end]).map(|n| from + n);
        let semicolon = (b.get(end) == Some(&b';')).then_some(end + 1);
        let Some(mut start) = colon.into_iter().chain(including).min().or(semicolon) else { return };
        // What "including" lists are jobs only with a job noun among them
        // ("including those who are backend-leaning" names none).
        let mut listed = Some(start) != including;
        // "Positions: Mechanical Engineer; Firmware Engineer; iOS Engineer":
        // each part after a semicolon that names a job is read too.
        loop {
            let stop = sentence_end(b, start);
            let inside = &hits[hits.partition_point(|h| (h.start as usize) < start)..];
            let named = inside
                .iter()
                .take_while(|h| (h.start as usize) < stop)
                .any(|h| self.is_head(h) || listed && matches!(self.cue(h), Some(Cue::Work(..))));
            if !(stop > start && named && out.len() < MAX_WINDOWS) {
                return;
            }
            out.push(Window { range: start..stop, kind: WindowKind::Clause, line: start..stop });
            if b.get(stop) != Some(&b';') {
                return;
            }
            (start, listed) = (stop + 1, false);
        }
    }

    /// The end of a hiring cue that starts at `at`, if one does.
    fn hire_at(&self, hits: &[Hit], at: usize) -> Option<usize> {
        let h = hits.get(hits.partition_point(|h| (h.start as usize) < at))?;
        let hire = h.start as usize == at && self.hires(h);
        hire.then_some(h.end as usize)
    }

    /// The end of the first hiring cue that starts inside `within`.
    fn hire_inside(&self, b: &[u8], hits: &[Hit], within: Range<usize>) -> Option<usize> {
        let from = hits.partition_point(|h| (h.start as usize) < within.start);
        hits[from..]
            .iter()
            .take_while(|h| (h.start as usize) < within.end)
            .find(|h| self.hires(h) && !negated_cue(b, h.start as usize))
            .map(|h| h.end as usize)
    }

    /// The clause after a hiring cue, and the list it introduces when its
    /// line ends with a colon. Returns where reading may resume.
    fn after_cue(&self, text: &str, from: usize, list: bool, hits: &[Hit], out: &mut Vec<Window>) -> usize {
        let b = text.as_bytes();
        let end = sentence_end(b, from);
        // Read the clause only if a job noun or a speciality is in it.
        let inside = &hits[hits.partition_point(|h| (h.start as usize) < from)..];
        let named = inside
            .iter()
            .take_while(|h| (h.start as usize) < end)
            .any(|h| self.is_head(h) || matches!(self.cue(h), Some(Cue::Work(..) | Cue::Fullstack | Cue::BothSides)));
        if end > from && named {
            // "… an analytics engineer who will work across our stack (…)
            // to architect our pipelines": the job is named before its
            // relative or infinitive clause.
            let head_end = inside.iter().take_while(|h| (h.start as usize) < end).find(|h| self.is_head(h));
            let relative = head_end.and_then(|h| {
                let at = h.end as usize;
                const AFTER_JOB: [&str; 11] = [
                    " who will ",
                    " who can ",
                    " to help ",
                    " to join ",
                    " to work ",
                    " to build ",
                    " to architect ",
                    " to support ",
                    " to directly ",
                    " to own ",
                    " to design ",
                ];
                first_phrase(&b[at..end], &AFTER_JOB).map(|n| at + n)
            });
            let cut = colleagues_at(&b[from..end]).map(|n| from + n).into_iter().chain(relative).min().unwrap_or(end);
            out.push(Window { range: from..cut, kind: WindowKind::Clause, line: from..end });
        }
        self.listed_after_mark(text, from, end, hits, out);
        let line_end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |n| from + n);
        // "We are looking for:" then bullets; not "… engineers. Skills include:".
        let intro = end >= line_end && text[from..line_end].trim_end().ends_with(':');
        if !intro {
            return end;
        }
        // The lines after it: bullets (blank lines between them allowed),
        // or plain lines up to a blank line — past it while they are short
        // titles, one a paragraph as HN writes them ("Front-End (Vue)",
        // blank, "Back-End (PHP)").
        let mut at = line_end;
        let (mut items, mut bullets, mut titles, mut gap) = (0, None, true, false);
        // Under a plain line that heads a group ("Senior Developers:"),
        // bullets name the group's jobs; the plain lines go on after them.
        let mut grouped = false;
        while at < b.len() && out.len() < MAX_WINDOWS {
            let start = at + 1;
            let stop = memchr::memchr(b'\n', b.get(start..).unwrap_or(&[])).map_or(b.len(), |n| start + n);
            let line = &b[start.min(b.len())..stop];
            if line.iter().all(u8::is_ascii_whitespace) {
                if items > 0 && bullets != Some(true) && !titles {
                    break;
                }
                gap = items > 0;
            } else {
                let bullet = bullet_content(b, start, stop);
                let in_group = grouped && bullet.is_some();
                if *bullets.get_or_insert(bullet.is_some()) != bullet.is_some() && !in_group {
                    break;
                }
                let plain = bullet.is_none();
                let content = bullet.unwrap_or_else(|| trim(b, start..stop));
                let heading = plain && group_heading(&b[content.clone()]);
                if plain {
                    grouped = heading;
                }
                let title = title_like(&b[content.clone()]) || heading || in_group;
                // A long link does not make an item prose.
                let range = cut_url(b, content.clone());
                if range.len() > 200 || gap && plain && !title {
                    break;
                }
                titles &= title;
                gap = false;
                items += 1;
                // "1. We need engineers who …": an item that opens with a
                // hiring cue is read as the clause after it.
                let window = match self.hire_at(hits, content.start) {
                    Some(e) => Window {
                        range: e..sentence_end(b, e).min(stop),
                        kind: WindowKind::Clause,
                        line: content.clone(),
                    },
                    None => Window { range, kind: WindowKind::Bullet { listed: list }, line: content.clone() },
                };
                out.push(window);
                // "* Houston! We're looking to add a few pentesters": a
                // hiring cue inside an item opens its clause there too.
                if let Some(e) = self.hire_inside(b, hits, content.start + 1..stop) {
                    let range = e..sentence_end(b, e).min(stop);
                    out.push(Window { range, kind: WindowKind::Clause, line: content });
                }
            }
            at = stop;
        }
        at
    }
}

/// Where a hiring clause turns to the people the hire works with ("… to
/// work directly with our CTO", "alongside our designers", "reporting to
/// the VP of Engineering"): no jobs are read past it.
fn colleagues_at(s: &[u8]) -> Option<usize> {
    const COLLEAGUES: [&str; 8] = [
        " with me",
        " with our ",
        " alongside ",
        " reporting to",
        " report to",
        " reports to",
        " report directly",
        " directly with",
    ];
    first_phrase(s, &COLLEAGUES)
}

/// Where the first of `phrases` (each starting with a space) starts in `s`.
fn first_phrase(s: &[u8], phrases: &[&str]) -> Option<usize> {
    memchr::memchr_iter(b' ', s).find(|&i| phrases.iter().any(|p| s[i..].starts_with(p.as_bytes())))
}

/// Where what "including" or "such as" introduces starts in a clause.
fn including_at(s: &[u8]) -> Option<usize> {
    ["including ", "such as "]
        .iter()
        .filter_map(|w| {
            let n = memchr::memmem::find(s, w.as_bytes())?;
            (n == 0 || !is_word(s[n - 1])).then_some(n + w.len())
        })
        .min()
}

/// Words of a link that make it an application link (a job board, a
/// careers page).
const JOB_LINK_WORDS: &[&[u8]] = &[
    b"job",
    b"career",
    b"lever.co",
    b"greenhouse",
    b"workable",
    b"ashby",
    b"apply",
    b"position",
    b"opening",
    b"recruit",
    b"jobvite",
    b"smartrecruiters",
    b"bamboohr",
    b"breezy",
    b"workday",
];

/// Adds the lines that are only a short title and its application link
/// ("Backend (PHP) - https://apply.example/j/1", "* QA: https://…/jobs/2",
/// "Frontend https://…/jobs/3")
/// as items of a list of openings: they name their jobs by a speciality
/// alone. A line a window already reads is left to it; `body`: where the
/// text after the first line starts.
fn link_lines(b: &[u8], body: usize, links: &memchr::memmem::Finder<'_>, out: &mut Vec<Window>) {
    let n = out.len();
    for at in links.find_iter(&b[body.min(b.len())..]).map(|p| body + p) {
        if out.len() >= MAX_WINDOWS {
            break;
        }
        // A short line start before the link, and only spaces after it to
        // the line's end (most links are inside prose: cheap to rule out).
        let lo = at.saturating_sub(TITLE_LINE_BYTES + 16);
        let Some(start) = memchr::memrchr(b'\n', &b[lo..at]).map(|p| lo + p + 1).or((lo == 0).then_some(0)) else {
            continue;
        };
        if start < body {
            continue;
        }
        let link_end = b[at..].iter().position(u8::is_ascii_whitespace).map_or(b.len(), |n| at + n);
        let stop = memchr::memchr(b'\n', &b[link_end..]).map_or(b.len(), |p| link_end + p);
        if !b[link_end..stop].iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let link = &b[at..link_end];
        let from = bullet_content(b, start, at).map_or(start, |c| c.start);
        let head = trim(b, from..at);
        // The title's mark before the link, if any ("Backend -", "QA:").
        let h = &b[head.clone()];
        let mark = match h.last() {
            Some(b'-' | b':' | b'|') => 1,
            _ if h.ends_with("–".as_bytes()) => "–".len(),
            _ => 0,
        };
        let title = trim(b, head.start..head.end - mark);
        let prose = memchr::memmem::find(&b[title.clone()], b". ").is_some();
        if title.is_empty()
            || title.len() > TITLE_LINE_BYTES
            || prose
            || out[..n].iter().any(|w| w.line.contains(&title.start))
        {
            continue;
        }
        let job_link = JOB_LINK_WORDS.iter().any(|w| link.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)));
        if !job_link {
            continue;
        }
        out.push(Window { range: title, kind: WindowKind::Bullet { listed: true }, line: from..stop });
    }
    if out.len() > n {
        out.sort_by_key(|w| w.range.start);
    }
}

/// Adds the other items of each bullet list one of whose items starts
/// with a job (blank lines between items allowed), as [`WindowKind::Sibling`]
/// windows, and keeps the windows in order.
fn sibling_bullets(b: &[u8], out: &mut Vec<Window>) {
    let n = out.len();
    for k in 0..n {
        if out[k].kind != (WindowKind::Bullet { listed: false }) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &b[..out[k].line.start]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &b[out[k].line.end..]).map_or(b.len(), |p| out[k].line.end + p);
        for up in [true, false] {
            let mut at = if up { start } else { end };
            while out.len() < MAX_WINDOWS {
                let line = if up {
                    let Some(e) = at.checked_sub(1) else { break };
                    memchr::memrchr(b'\n', &b[..e]).map_or(0, |p| p + 1)..e
                } else {
                    let s = at + 1;
                    if s > b.len() {
                        break;
                    }
                    s..memchr::memchr(b'\n', &b[s..]).map_or(b.len(), |p| s + p)
                };
                at = if up { line.start } else { line.end };
                if b[line.clone()].iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let Some(content) = bullet_content(b, line.start, line.end) else { break };
                if !out.iter().any(|w| w.line == content) {
                    // "Web Development: React, Node": the label is the title.
                    let r = cut_url(b, content.clone());
                    let range = r.start..memchr::memchr(b':', &b[r.clone()]).map_or(r.end, |p| r.start + p);
                    let anchor = out[k].line.start;
                    out.push(Window { range, kind: WindowKind::Sibling { anchor }, line: content });
                }
            }
        }
    }
    if out.len() > n {
        out.sort_by_key(|w| w.range.start);
    }
}

/// Whether a plain line heads a group of jobs in a list of openings: a
/// short title and a colon, nothing after it ("Senior Developers:").
fn group_heading(line: &[u8]) -> bool {
    line.trim_ascii_end().strip_suffix(b":").is_some_and(|t| !t.is_empty() && title_like(t))
}

/// Whether a plain line reads as a title in a list of openings: short,
/// not a sentence, not a label ("Tech: Go").
fn title_like(line: &[u8]) -> bool {
    let url = cut_url(line, 0..line.len()).end;
    let text = &line[..url];
    text.len() <= TITLE_LINE_BYTES
        && !text.contains(&b':')
        && memchr::memmem::find(text, b". ").is_none()
        && !text.trim_ascii_end().ends_with(b".")
}

/// The longest plain line (before any link) read as a title in a list.
const TITLE_LINE_BYTES: usize = 60;

/// Phrases that hold a cue word but say nothing about the work.
const NEUTRAL_PHRASES: &[&str] = &[
    "customer service",
    "professional services",
    "financial services",
    "legal services",
    "health services",
    "healthcare services",
    "government services",
    "public services",
    "social services",
    "city services",
    "care services",
    "banking services",
    "insurance services",
    "medical services",
    "education services",
    "educational services",
    "consulting services",
    "business services",
    "customer services",
    "support services",
    "logistics services",
    "travel services",
    "accounting services",
    "tax services",
    "mental health services",
    "emergency services",
    "aws services",
    "azure services",
    "amazon web services",
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
    // A singular "service" in the senses of duty, quality or trade.
    "in service of",
    "in the service of",
    "of service",
    "public service",
    "civil service",
    "community service",
    "military service",
    "secret service",
    "lip service",
    "food service",
    "quality service",
    "hiring manager",
    "hiring process",
    "hiring managers",
];

#[inline]
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// Where what a "nice to have" at `from` introduces ends: its sentence,
/// or, when its line ends with a colon there, the bullets after it.
fn bonus_span_end(b: &[u8], from: usize) -> usize {
    let line_end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |n| from + n);
    let rest = b[from..line_end].trim_ascii();
    let intro = rest == b":" || rest.is_empty() && b[..from].ends_with(b":");
    if !intro {
        return sentence_end(b, from);
    }
    let mut at = line_end;
    while at < b.len() {
        let start = at + 1;
        let stop = memchr::memchr(b'\n', b.get(start..).unwrap_or(&[])).map_or(b.len(), |n| start + n);
        let blank = b[start.min(stop)..stop].iter().all(u8::is_ascii_whitespace);
        if !blank && bullet_content(b, start, stop).is_none() {
            break;
        }
        at = stop;
    }
    at
}

/// Whether a hit ends with a plural `s` its pattern does not have
/// ("stacks" for "stack").
fn plural(b: &[u8], h: &Hit) -> bool {
    let e = h.end as usize;
    e >= 2 && (b[e - 1] | 0x20) == b's' && (b[e - 2] | 0x20) == b'k'
}

/// Words that may stand between the areas of a team's name and "team".
const TEAM_GLUE: &[&str] = &[
    "and",
    "or",
    "other",
    "the",
    "our",
    "product",
    "engineering",
    "data",
    "design",
    "research",
    "growth",
    "sales",
    "marketing",
    "support",
    "operations",
];

/// Whether a cue names the teams the hire works with, not the hire's work
/// ("work closely with our frontend and devops teams"): "with" or
/// "alongside" shortly before it in its sentence, and after it only other
/// cues (`later`: the hits after it) and list words up to "team" or
/// "teams" that end the phrase (not "agile team management").
fn teammates(b: &[u8], h: &Hit, later: &[Hit], teams: &[u32]) -> bool {
    let (start, end) = (h.start as usize, h.end as usize);
    let stops = |c: &u8| matches!(c, b'.' | b';' | b'!' | b'?' | b'\n' | b':');
    let mut at = end;
    let limit = (end + TEAM_REACH).min(b.len());
    // Most cues have no "team" after them (`teams`: where it is).
    let next = teams.partition_point(|&t| (t as usize) < end);
    if teams.get(next).is_none_or(|&t| t as usize >= limit) {
        return false;
    }
    let later = &later[..later.partition_point(|h| (h.start as usize) < limit)];
    loop {
        while at < limit && !is_word(b[at]) {
            if stops(&b[at]) {
                return false;
            }
            at += 1;
        }
        let word_end = (at..b.len()).find(|&i| !is_word(b[i])).unwrap_or(b.len());
        if at >= limit || word_end == at {
            return false;
        }
        let w = &b[at..word_end];
        if w.eq_ignore_ascii_case(b"team") || w.eq_ignore_ascii_case(b"teams") {
            let next = b[word_end..].iter().position(|c| !c.is_ascii_whitespace()).map(|n| word_end + n);
            let ends = next.is_none_or(|n| {
                !is_word(b[n])
                    || AFTER_TEAM.iter().any(|x| {
                        b[n..].len() >= x.len()
                            && b[n..n + x.len()].eq_ignore_ascii_case(x.as_bytes())
                            && b.get(n + x.len()).is_none_or(|c| !is_word(*c))
                    })
            });
            if !ends {
                return false;
            }
            break;
        }
        let cue = later.iter().any(|h| (h.start as usize) <= at && at < h.end as usize);
        if !cue && !TEAM_GLUE.iter().any(|g| w.eq_ignore_ascii_case(g.as_bytes())) {
            return false;
        }
        at = word_end;
    }
    let before = &b[start.saturating_sub(48)..start];
    let before = &before[before.iter().rposition(stops).map_or(0, |p| p + 1)..];
    before
        .split(|c| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case(b"with") || w.eq_ignore_ascii_case(b"alongside"))
}

/// The bytes after a cue a team's name may run on to "team".
const TEAM_REACH: usize = 60;

/// Words that may follow "team" at the end of a team's name.
const AFTER_TEAM: &[&str] = &["to", "and", "on", "in", "at", "for", "who", "that", "which", "as", "with", "across"];

/// Whether the words between a cue and a company noun after it make one
/// noun phrase: "at our Deep Learning workstation and server company", "an
/// AI-first startup" (a few words, no punctuation), not "infrastructure for
/// companies like …" or "services at an established company" (the cue is
/// the work, the noun someone else).
fn company_after(between: &[u8]) -> bool {
    const LINKS: [&[u8]; 24] = [
        b"for", b"at", b"in", b"on", b"with", b"of", b"to", b"like", b"from", b"by", b"across", b"into", b"who",
        b"that", b"which", b"have", b"has", b"helped", b"help", b"helps", b"is", b"are", b"the", b"an",
    ];
    if between.iter().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, b' ' | b'-'))) {
        return false;
    }
    // The cue's own word may run on ("AI-first"): it is the first "word".
    let glued = between.first().is_some_and(|c| *c != b' ');
    let mut words = 0;
    for w in between.split(|c| *c == b' ').filter(|w| !w.is_empty()) {
        let w = w.strip_prefix(b"-").unwrap_or(w);
        let w = w.rsplit(|c| *c == b'-').next().unwrap_or(w);
        if LINKS.iter().any(|x| w.eq_ignore_ascii_case(x)) {
            return false;
        }
        words += 1;
    }
    words <= 4 + usize::from(glued)
}

/// Whether a position is inside a URL ("…/blog/llm-communications").
fn in_url(b: &[u8], at: usize) -> bool {
    let start = b[..at].iter().rposition(|c| c.is_ascii_whitespace() || *c == b'(' || *c == b'[').map_or(0, |p| p + 1);
    let token = &b[start..at];
    memchr::memmem::find(token, b"://").is_some()
        || token.starts_with(b"www.")
        || token.contains(&b'/') && token.contains(&b'.')
}

/// Whether the cue at `start..end` names the full stack itself, ending
/// its clause ("responsible for the full stack", "True full-stack."), not
/// qualifying a noun after it ("a full-stack insurance company", "the
/// full-stack AI platform", "full stack F#"). "Across the (entire) stack"
/// is left out: it is as often said of many jobs ("hiring across the
/// stack") or of a system's layers.
fn full_stack_named_as_work(b: &[u8], start: usize, end: usize) -> bool {
    let full = b[start..end].get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"full"));
    let next = b[end..].iter().find(|c| **c != b' ');
    full && next.is_none_or(|c| matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'\n'))
}

/// Whether "I'm looking for" ending at `end` is followed in its sentence
/// by a hire ("another Senior Python Engineer to help", "engineers who"),
/// not by work ("a role as a backend engineer", "remote positions").
fn seeks_a_hire(b: &[u8], end: usize) -> bool {
    const HIRES: [&[u8]; 20] = [
        b"engineer",
        b"developer",
        b"programmer",
        b"designer",
        b"scientist",
        b"hacker",
        b"teammate",
        b"candidate",
        b"someone",
        b"somebody",
        b"people",
        b"folks",
        b"help",
        b"individual",
        b"colleague",
        b"partner",
        b"cofounder",
        b"founder",
        b"architect",
        b"analyst",
    ];
    // Whole words only ("internship" and "managerial role" are work).
    const HIRE_WORDS: [&[u8]; 8] = [b"dev", b"devs", b"swe", b"swes", b"intern", b"interns", b"manager", b"managers"];
    const WORK: [&[u8]; 8] = [b"role", b"position", b"job", b"work", b"opportunit", b"contract", b"gig", b"team"];
    let rest = &b[end..(end + 80).min(b.len())];
    let sentence =
        &rest[..rest.iter().position(|c| matches!(c, b'.' | b'\n' | b'!' | b'?' | b';')).unwrap_or(rest.len())];
    // "looking for our next …", "… a Software Development Team Lead": a
    // company's hire, whatever its noun.
    let lower = sentence.to_ascii_lowercase();
    let opens = |p: &[u8]| lower.trim_ascii_start().starts_with(p);
    if opens(b"our next ")
        || opens(b"our new ")
        || opens(b"our first ")
        || memchr::memmem::find(&lower, b"team lead").is_some()
    {
        return true;
    }
    for w in sentence.split(|c| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        let starts = |x: &&[u8]| w.len() >= x.len() && w[..x.len()].eq_ignore_ascii_case(x);
        if WORK.iter().any(starts) {
            return false;
        }
        if HIRES.iter().any(starts) || HIRE_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)) {
            return true;
        }
    }
    false
}

/// Whether the words before `at` in its sentence address the reader
/// ("Are you looking for a job …?", "if you're open to work", "Are you
/// passionate about AI and looking for a role", "send your resume/CV"):
/// the writer seeks no job.
fn asks_the_reader(b: &[u8], at: usize) -> bool {
    let from = at.saturating_sub(60);
    let start =
        b[from..at].iter().rposition(|c| matches!(c, b'.' | b'!' | b'?' | b'\n')).map_or(from, |n| from + n + 1);
    b[start..at]
        .split(|c| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case(b"you") || w.eq_ignore_ascii_case(b"your"))
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

/// Whether "stack:" at `at` labels its line: at most two words before it
/// ("Tech stack:", "- Our stack:"), not a sentence ("we don't hire for a
/// stack: …").
fn stack_label(b: &[u8], at: usize) -> bool {
    let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |n| n + 1);
    b[start..at].split(|c| c.is_ascii_whitespace()).filter(|w| w.iter().any(|c| c.is_ascii_alphanumeric())).count() <= 2
}

/// "not hiring", "aren't looking for": a hiring cue right after a negation.
fn negated_cue(b: &[u8], start: usize) -> bool {
    let from = start.saturating_sub(10);
    let w = &b[from..start];
    w.windows(4).any(|x| x.eq_ignore_ascii_case(b"not ")) || w.windows(3).any(|x| x.eq_ignore_ascii_case(b"n't"))
}

/// Whether the cue at `start` is a "need a(n)" whose subject is no hirer:
/// "apps need a backend", "you need a degree". A hire is needed by "we" or
/// "I", also with a word between ("we also need a", "we'll need an"), or
/// by the subject of a clause before "and" ("we're growing and need a").
fn needed_by_a_thing(b: &[u8], start: usize) -> bool {
    if !b[start..].get(..5).is_some_and(|w| w.eq_ignore_ascii_case(b"need ")) {
        return false;
    }
    const HIRERS: [&str; 8] = ["we", "i", "we'll", "i'll", "we’ll", "i’ll", "we'd", "we’d"];
    let before = &b[start.saturating_sub(40)..start];
    let mut words = before.rsplit(|c| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).take(2).peekable();
    let and = words.peek().is_some_and(|w| w.eq_ignore_ascii_case(b"and") || *w == b"&");
    !and && !words.any(|w| HIRERS.iter().any(|h| w.eq_ignore_ascii_case(h.as_bytes())))
}

/// Whether the hiring cue at `start` is someone's act in prose, not the
/// poster's: after words that make it one ("instead of hiring an agency",
/// "the cost of hiring a designer") or as an item of a list of such acts
/// ("creating a dummy, hiring a photographer and model").
fn hiring_as_a_noun(b: &[u8], start: usize) -> bool {
    const BEFORE: &[&[u8]] = &[b"instead of", b"cost of", b"costs of", b"without", b"by", b"than", b"rather than"];
    if !b[start..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"hiring")) {
        return false;
    }
    let before = b[..start].trim_ascii_end();
    let after_word = |p: &[u8]| {
        before.len() >= p.len()
            && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
            && (before.len() == p.len() || !before[before.len() - p.len() - 1].is_ascii_alphanumeric())
    };
    if BEFORE.iter().any(|p| after_word(p)) {
        return true;
    }
    let Some(item) = before.strip_suffix(b",") else { return false };
    let from = item.iter().rposition(|&c| matches!(c, b',' | b'.' | b'\n' | b';' | b':')).map_or(0, |n| n + 1);
    // The item before: "creating a dummy", "instead of booking a studio".
    let mut first = item[from..].trim_ascii_start();
    if let Some(p) = BEFORE.iter().find(|p| first.len() > p.len() && first[..p.len()].eq_ignore_ascii_case(p)) {
        first = first[p.len()..].trim_ascii_start();
    }
    let first = &first[..first.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(first.len())];
    first.len() > 4 && first.to_ascii_lowercase().ends_with(b"ing")
}

/// The end of the sentence from `from`: a line break, `;`, or `!`, `?` or
/// a full stop before a space (not a link's "?q=…", nor a level's: "Sr.
/// Back-end Engineer"), at most 240 bytes on.
fn sentence_end(b: &[u8], from: usize) -> usize {
    let limit = (from + 240).min(b.len());
    let mut i = from;
    while i < limit {
        match b[i] {
            b'\n' | b';' => return i,
            b'.' if abbreviation_before(&b[from..i]) => {}
            b'.' | b'!' | b'?' if i + 1 >= b.len() || b[i + 1].is_ascii_whitespace() => return i,
            _ => {}
        }
        i += 1;
    }
    limit
}

/// Whether `before` ends with a level whose full stop abbreviates it
/// ("Sr.", "Jr.", "Snr."). An "e.g." or "i.e." still ends the clause: what
/// it lists is seldom a job ("engineers (e.g. working on SaaS/infra)").
fn abbreviation_before(before: &[u8]) -> bool {
    const SHORT: [&[u8]; 4] = [b"sr", b"jr", b"snr", b"jnr"];
    let word = before.rsplit(|c| !c.is_ascii_alphabetic()).next().unwrap_or(before);
    SHORT.iter().any(|s| word.eq_ignore_ascii_case(s))
}

/// Words that make a sentence about the hire's work ("you will…", "we
/// need a…", "looking for…", "join…"), matched at a word start.
const WORK_MARKERS: &[&str] = &[
    "you",
    "your",
    "we need",
    "need a",
    "looking for",
    "seeking",
    "hiring",
    "hire",
    "join",
    "help",
    "candidate",
    "person",
    "individual",
    "someone",
    "role",
    "position",
    "responsib",
    "work on",
    "working on",
];

/// The prose sentences of `text[from..]` that do not speak of the hire's
/// work (a company's description of itself: "Acme makes an API gateway");
/// bullet lines always count as work.
pub(super) fn company_sentences(text: &str, from: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = from.min(b.len());
    while at < b.len() {
        let end = sentence_end(b, at);
        let line_start = b[..at].iter().rposition(|&c| c == b'\n').map_or(0, |n| n + 1);
        let bullet = bullet_content(b, line_start, end).is_some();
        if end > at && !bullet && !speaks_of_work(&b[at..end]) {
            out.push(at..end);
        }
        // Past the sentence and its end mark (a long one is cut, no mark).
        at = if b.get(end).is_some_and(|c| b"\n!?;.".contains(c)) { end + 1 } else { end.max(at + 1) };
    }
    out
}

/// Whether a sentence has one of [`WORK_MARKERS`] at a word start.
fn speaks_of_work(s: &[u8]) -> bool {
    (0..s.len()).any(|i| {
        (i == 0 || !is_word(s[i - 1]))
            && WORK_MARKERS
                .iter()
                .any(|m| s[i..].len() >= m.len() && s[i..i + m.len()].eq_ignore_ascii_case(m.as_bytes()))
    })
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
    // "[2] https://…" after "as we wrote [2]." is a footnote, no item.
    if rest[0] == b'[' && memchr::memmem::find(&b[..start], &rest[..marker]).is_some() {
        return None;
    }
    let mut c = i + marker;
    while c < stop && (b[c] == b' ' || b[c] == b'\t') {
        c += 1;
    }
    (c < stop).then_some(c..stop)
}

/// The length of a bullet marker at the start of `s`.
fn bullet_marker(s: &[u8]) -> Option<usize> {
    const MARKS: &[&str] =
        &["--", "-", "*", "+", "•", "·", "○", "●", "▪", "◦", "►", "→", "✓", "✔", "☆", "★", "–", "—", ">>", "»"];
    for m in MARKS {
        if s.starts_with(m.as_bytes()) {
            return Some(m.len());
        }
    }
    // "[2] Frontend Engineer: …", "(2) …": a number in brackets.
    if let Some(inner) = s.strip_prefix(b"[").or_else(|| s.strip_prefix(b"(")) {
        let digits = inner.iter().take_while(|c| c.is_ascii_digit()).count();
        let r = &inner[digits..];
        if (1..=2).contains(&digits) && r.len() > 1 && matches!(r[0], b']' | b')') && r[1] == b' ' {
            return Some(digits + 2);
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

/// Words other than cues a job noun may follow at the start of its line
/// or bullet ("Senior Backend Engineer", "Experienced frontend, backend
/// and data engineers").
const LEADING_WORDS: usize = 3;

/// The list place a job noun at `at` is in: its bullet, or its line, when
/// few words other than cues (`before`: the hits before it) precede it.
fn line_window(b: &[u8], at: usize, before: &[Hit]) -> Option<Window> {
    let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |n| n + 1);
    let stop = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n);
    let bullet = bullet_content(b, start, stop);
    let from = bullet.as_ref().map_or(start, |c| c.start);
    if at < from || at - from > 200 {
        return None;
    }
    // Joining words and field separators ("Acme | Senior Mobile Engineer").
    let glue =
        |w: &&[u8]| w.eq_ignore_ascii_case(b"and") || w.eq_ignore_ascii_case(b"or") || matches!(*w, b"&" | b"|" | b"-");
    // A bullet's leading field before a spaced dash ("- US-based (East
    // Coast)/Poland, Remote - Android Engineer: …") is the title reader's
    // to judge: the words are counted after it.
    let from_words = match bullet {
        Some(_) => last_spaced_dash(&b[from..at]).map_or(from, |n| from + n),
        None => from,
    };
    let words = b[from_words..at].split(|c| c.is_ascii_whitespace()).filter(|w| !w.is_empty() && !glue(w)).count();
    let cue_words = |h: &Hit| 1 + b[h.start as usize..h.end as usize].iter().filter(|&&c| c == b' ').count();
    let cues: usize = before.iter().rev().take_while(|h| h.start as usize >= from_words).map(cue_words).sum();
    if words > LEADING_WORDS + cues {
        return None;
    }
    if let Some(content) = bullet {
        let range = cut_url(b, content.clone());
        return Some(Window { range, kind: WindowKind::Bullet { listed: false }, line: content });
    }
    // "Backend Engineer: …", "Backend Engineer | Remote | $150k"; a link
    // after the title ends it ("Backend Engineer https://…": not its colon).
    let before_url = cut_url(b, at..stop).end;
    let head_end = b[at..before_url].iter().position(|&c| c == b':' || c == b'|').map_or(before_url, |n| at + n);
    let range = cut_url(b, start..run_cut(b, start, head_end));
    (range.end > at).then_some(Window { range, kind: WindowKind::Line, line: start..stop })
}

/// The end of the last spaced dash (" - ", " – ", " — ") in `s`.
fn last_spaced_dash(s: &[u8]) -> Option<usize> {
    [" - ", " \u{2013} ", " \u{2014} "]
        .iter()
        .filter_map(|d| memchr::memmem::rfind(s, d.as_bytes()).map(|n| n + d.len()))
        .max()
}

/// Where a line window starting at `start` ends before `end`: at `end`
/// when it is short, else (a long comma run of titles) at the first comma.
fn run_cut(b: &[u8], start: usize, end: usize) -> usize {
    let cap = (start + WINDOW_BYTES).min(end);
    if cap == end {
        return end;
    }
    memchr::memchr(b',', &b[start..cap]).map_or(cap, |n| start + n)
}

/// The bytes a line window reads at most.
const WINDOW_BYTES: usize = 200;

/// The rest of a long comma run of titles ("UI Designer, Web Developer,
/// Documentation & Training, … Dev Ops Engineer") after its first item,
/// one window per item, so that an item naming no job spoils no other;
/// they share the `line` of the first, which must read clean for them to
/// count. Returns where reading may resume.
fn comma_run(b: &[u8], mut at: usize, line: Range<usize>, out: &mut Vec<Window>) -> usize {
    while at < line.end && b[at] == b',' && out.len() < MAX_WINDOWS {
        let start = at + 1;
        let stop = memchr::memchr(b',', &b[start..line.end]).map_or(line.end, |n| start + n);
        let range = cut_url(b, trim(b, start..stop.min(start + WINDOW_BYTES)));
        if !range.is_empty() {
            out.push(Window { range, kind: WindowKind::Line, line: line.clone() });
        }
        at = stop;
    }
    line.end
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
        assert_eq!(bullet_marker(">> SRE <<".as_bytes()), Some(2));
        assert_eq!(bullet_marker("» SRE".as_bytes()), Some(2));
        let t = b"We use node.js daily. Next";
        assert_eq!(sentence_end(t, 0), 20);
        let t = b"Roles: Sr. Backend, Jr. QA. Next";
        assert_eq!(sentence_end(t, 0), 26);
    }

    /// Every word start tried in turn: what the fast scan must find.
    fn reference(t: &TextReader, text: &str) -> Vec<(u32, u32)> {
        let b = text.as_bytes();
        let (mut out, mut p) = (Vec::new(), 0);
        while p < b.len() {
            if is_word(b[p])
                && (p == 0 || !is_word(b[p - 1]))
                && let Some(e) = t.automaton_at(text, p, &mut out)
            {
                p = e;
                continue;
            }
            p += 1;
        }
        out.iter().map(|h| (h.start, h.end)).collect()
    }

    #[test]
    fn the_fast_scan_finds_what_every_word_start_finds() {
        let t = TextReader::new();
        let texts = [
            "We're hiring: Backend Engineers (Go), SREs, APIs & ETLs.\n- Frontend Engineer\n* QA",
            "[REMOTE] Full-stack developer;Kubernetes,terraform|ML (LLMs) — über-cool Développeur",
            "engineering engineer engineers Engineer's (React/Vue) node.js Node C# c++ a",
            "x",
            "",
            "12345678 ios\tandroid\r\nhiring managers are looking for",
            "our services, APIs, SREs, Service design, services-based, node.js engineers' role",
        ];
        for text in texts {
            let mut fast = Vec::new();
            t.scan(text, 0, &mut fast);
            let fast: Vec<(u32, u32)> = fast.iter().map(|h| (h.start, h.end)).collect();
            assert_eq!(fast, reference(&t, text), "{text:?}");
        }
        let mut from_mid = Vec::new();
        t.scan(texts[0], 10, &mut from_mid);
        assert!(from_mid.iter().all(|h| h.start >= 10));
    }

    /// A sentence about the stack, or the tools right before "shop", are
    /// the stack; several stacks, or tools further from "shop", are not.
    #[test]
    fn stack_sentences_and_shops() {
        let t = TextReader::new();
        let stack = |text: &str| {
            let mut hits = Vec::new();
            t.scan(text, 0, &mut hits);
            let f = t.facts(text, 0, &hits, &[]);
            (f.stack[0], f.stack[1])
        };
        assert_eq!(stack("Our tech stack is Django and React. You will build APIs."), (2, 2));
        assert_eq!(stack("We're a Django and React (TypeScript) shop."), (2, 2));
        assert_eq!(stack("Some tech stacks we have used: Django and React."), (0, 0));
        assert_eq!(stack("Our Django and React app powers every coffee shop."), (0, 0));
        assert_eq!(stack("Our work runs on Django. We are a React shop."), (0, 2));
    }

    /// What a nice-to-have sentence or list names is no part of the work;
    /// the list ends at the first line that is no bullet.
    #[test]
    fn nice_to_have_lists_and_sentences_are_left_out() {
        let t = TextReader::new();
        let score = |text: &str| {
            let mut hits = Vec::new();
            t.scan(text, 0, &mut hits);
            let f = t.facts(text, 0, &hits, &[]);
            (f.score[0], f.score[4])
        };
        assert_eq!(score("You will build APIs.\n\nNice to have:\n- PyTorch\n\n- TensorFlow\nWe use Kafka."), (3, 0));
        assert_eq!(score("You will build APIs. Bonus points for PyTorch. We train models."), (2, 1));
        assert_eq!(score("Bonus:\n* PyTorch\n* machine learning"), (0, 0));
        assert_eq!(score("You will build APIs with PyTorch."), (2, 2));
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
