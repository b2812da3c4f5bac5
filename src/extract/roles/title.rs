//! Reading a title, an HN first line or a list in a text into jobs and
//! levels. Titles are short, so this is thorough: the tokens are matched
//! against [`TITLE_TERMS`] (leftmost-longest at each word), split into
//! segments at punctuation and list words, and each job noun ("engineer",
//! "manager") takes the words next to it. Segments of speciality words with
//! no job noun are attached: forward ("Android & iOS Engineers"), backward
//! ("Engineering Manager, Backend") or, in a list, as jobs of their own
//! ("Hiring: Backend (Go), Frontend (React), SRE").

use std::ops::Range;

use aho_corasick::nfa::contiguous::NFA;

use super::lexicon::{Amb, Biz, Head, Strength, TITLE_TERMS, Term};
use super::{Level, LevelSet, Role, RoleSet};
use crate::extract::anchored;
use crate::extract::first_words::FirstWords;
use crate::extract::tokenize::{Token, TokenKind, alias_key};

/// What is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A posting's title.
    Title,
    /// An HN comment's first line: fields, the first one the company's.
    FirstLine,
    /// A list item or a clause of a text: at most `lead` unknown words
    /// before the first job; speciality words alone are jobs only in a
    /// `list` a hiring cue introduced. A line of a text may open with its
    /// company's field before a pipe ("Acme | Data Engineer | Lille"), an
    /// `item` of a list before a dash too ("* Ford Pro – Platform
    /// Engineer"; a line's "James - CTO" is a signature).
    Window { lead: u8, list: bool, item: bool },
}

/// How a job's role is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The title names the role.
    Specific,
    /// A language or framework names it; the text may say otherwise.
    Lang,
    /// The text decides (engineer, developer, platform engineer).
    Generic,
    /// `other`, unless the text says the hire mainly writes production code.
    Customer,
    /// `ml` when the work is ML, else `other`.
    Research,
    /// People-lead of engineering, with the team's speciality.
    Mgmt,
    /// Not building software.
    Other,
    /// "Director" alone: management only with an engineering word after it.
    BossOnly,
}

/// The words around a job noun, summed up.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Mods {
    pub area: RoleSet,
    pub domain: RoleSet,
    pub lang: RoleSet,
    pub amb: Option<Amb>,
    pub ops: bool,
    pub eng: bool,
    pub neutral: bool,
    pub tech_lang: bool,
    /// JavaScript, which runs on both sides.
    pub script: bool,
    pub biz: Option<Biz>,
    pub hardware: bool,
    pub research: bool,
    /// A customer-facing or non-software job noun among the words ("head of developer relations").
    pub other_head: bool,
    pub customer_head: bool,
}

impl Mods {
    fn add(&mut self, t: Term) {
        match t {
            Term::Spec(r, Strength::Area) => self.area.insert(r),
            Term::Spec(r, Strength::Domain) => self.domain.insert(r),
            Term::Spec(r, Strength::Lang) => self.lang.insert(r),
            Term::Spec(r, Strength::Script) => {
                self.lang.insert(r);
                self.script = true;
            }
            Term::Amb(a) => self.amb = Some(a),
            Term::Ops => self.ops = true,
            Term::Lang => self.tech_lang = true,
            Term::Neutral { eng } => {
                self.neutral = true;
                self.eng |= eng;
            }
            Term::Biz(b) => self.biz = self.biz.max(Some(b)),
            Term::Hardware => self.hardware = true,
            Term::ResearchMod => self.research = true,
            Term::Head(Head::Customer) | Term::ForeignHead(Head::Customer) => self.customer_head = true,
            Term::Head(Head::Other) | Term::ForeignHead(Head::Other) => self.other_head = true,
            _ => {}
        }
    }

    fn merge(&mut self, o: &Mods) {
        self.area.0 |= o.area.0;
        self.domain.0 |= o.domain.0;
        self.lang.0 |= o.lang.0;
        self.amb = self.amb.or(o.amb);
        self.ops |= o.ops;
        self.eng |= o.eng;
        self.neutral |= o.neutral;
        self.tech_lang |= o.tech_lang;
        self.script |= o.script;
        self.biz = self.biz.max(o.biz);
        self.hardware |= o.hardware;
        self.research |= o.research;
        self.other_head |= o.other_head;
        self.customer_head |= o.customer_head;
    }

    /// Whether any speciality is named.
    fn specific(&self) -> bool {
        !self.area.is_empty() || !self.domain.is_empty() || !self.lang.is_empty()
    }

    /// Whether nothing at all is named.
    fn bare(&self) -> bool {
        !self.specific()
            && self.amb.is_none()
            && !self.ops
            && !self.tech_lang
            && self.biz.is_none()
            && !self.hardware
            && !self.research
    }
}

/// A job a title or a list names.
#[derive(Debug, Clone)]
pub(super) struct Job {
    pub kind: Kind,
    pub roles: RoleSet,
    pub amb: Option<Amb>,
    /// The job phrase, in bytes of the text it was read from.
    pub range: Range<usize>,
    pub head: Option<Head>,
    pub mods: Mods,
    /// "Roles", "positions": names no job by itself.
    pub placeholder: bool,
    /// Read from a text's list, not from the title line.
    pub from_body: bool,
    /// The noun is plural ("Engineers"): a category more than one job.
    pub plural: bool,
    /// The text that describes this job alone (its line in a list).
    pub context: Option<Range<usize>>,
    /// A speciality coordinated with others before their shared noun
    /// ("DevOps, Software and QA engineers"): an ask of its own.
    pub sibling: bool,
}

/// What a title says.
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub jobs: Vec<Job>,
    pub levels: Vec<(Level, Range<usize>)>,
    /// A candidate's post ("SEEKING WORK"); not looked for in a window
    /// that does not start with a job (nothing of it is read).
    pub seeker: bool,
    /// No unknown word after the first job, outside parentheses.
    pub clean: bool,
}

/// Punctuation and list words between segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    Open,
    Close,
    Comma,
    Coord,
    /// Bullets and stars between list items: `•`, `*`, `·`.
    List,
    Dash,
    Colon,
    Stop,
    Pipe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Term(Term),
    Unknown,
    Sep(Sep),
}

#[derive(Debug, Clone, Copy)]
struct Item {
    what: What,
    start: usize,
    end: usize,
    /// Matched in a plural form ("engineers").
    plural: bool,
    /// An unknown word that opens a clause ("who", "that", "to").
    clause: bool,
    /// A `+` between list items: the parts of one stack ("React + Node");
    /// [`Plus::Glued`] with no space around it ("C#+Xamarin").
    plus: Plus,
    /// A `/` between list items: often two names of one job.
    slash: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Plus {
    #[default]
    No,
    Spaced,
    Glued,
}

/// What a segment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A job noun.
    Headed,
    /// Speciality words only ("Backend", "iOS").
    Spec,
    /// Level words only ("Senior", "Mid").
    Levels,
    /// Anything else.
    Dirty,
}

#[derive(Debug, Clone)]
struct Seg {
    items: Range<usize>,
    field: u16,
    depth: u8,
    /// The separator before it (list words win over commas).
    before: Option<Sep>,
    class: Class,
    /// Jobs built from it.
    jobs: Range<usize>,
    /// Known terms in it other than levels.
    terms: u8,
    has_unknown: bool,
    /// Its terms are languages and frameworks only ("Elixir & AWS").
    lang_only: bool,
}

/// Reads titles. Built once; shared.
pub(super) struct TitleReader {
    automaton: NFA,
    terms: Vec<Term>,
    /// Whether each pattern is a plural form added for a noun.
    plurals: Vec<bool>,
    /// The words a pattern starts with.
    first_words: FirstWords,
    /// The most tokens one pattern spans (a glued `-` between each word).
    key_tokens: usize,
}

/// Bytes of a window read first, to reject it without reading the rest.
const HEAD_BYTES: usize = 160;

impl TitleReader {
    pub fn new() -> TitleReader {
        let mut keys: Vec<String> = Vec::new();
        let mut terms = Vec::new();
        let mut plurals = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &(phrase, term) in TITLE_TERMS {
            let key = alias_key(phrase);
            let plural = matches!(term, Term::Head(_) | Term::ForeignHead(_) | Term::TechLead)
                || matches!(term, Term::LevelHead(_) | Term::Level(_)) && phrase.len() > 3;
            let mut forms = vec![(key.clone(), phrase.ends_with('s'))];
            if plural && !key.ends_with("s ") {
                let stem = key.trim_end();
                forms.push((format!("{stem}s "), true));
                forms.push((format!("{stem}es "), true));
            }
            for (f, is_plural) in forms {
                if seen.insert(f.clone()) {
                    keys.push(f);
                    terms.push(term);
                    plurals.push(is_plural);
                }
            }
        }
        let automaton = anchored::build(&keys, false).unwrap_or_else(|e| panic!("title automaton: {e}"));
        let first_words = FirstWords::new(keys.iter().map(|k| k.split(' ').next().unwrap_or("")));
        let key_tokens = 2 * keys.iter().map(|k| k.matches(' ').count()).max().unwrap_or(0);
        TitleReader { automaton, terms, plurals, first_words, key_tokens }
    }

    /// Reads `src` (bytes `base..` of the text it is part of: ranges are
    /// reported in that text).
    pub fn read(&self, src: &str, base: usize, mode: Mode) -> Reading {
        if let Mode::Window { lead, item, .. } = mode
            && (self.fails_at_head(src, lead, item) || opens_with_a_no(src))
        {
            return Reading::default();
        }
        let mut items = self.items(src, base);
        let mut r = Reading { seeker: items.iter().any(|i| i.what == What::Term(Term::Seek)), ..Reading::default() };
        if let Mode::Window { .. } = mode {
            drop_asides(&mut items);
        }
        if let Mode::Window { lead, item, .. } = mode
            && !window_starts_with_job(&items, (src, base), lead, item)
        {
            return r;
        }
        // In a text, the few words before the first job are not part of
        // it ("hiring for our backend, mobile …", "Experienced frontend …").
        let items = match mode {
            Mode::Window { .. } => {
                let first = items
                    .iter()
                    .position(|i| matches!(i.what, What::Term(t) if !matches!(t, Term::Filler | Term::Of | Term::Seek)))
                    .unwrap_or(0);
                let mut items = items;
                items.drain(..first);
                items
            }
            _ => items,
        };
        let items = match mode {
            Mode::Window { lead: 1, .. } => title_of_item(items),
            _ => items,
        };
        let mut segs = segments(&items, mode);
        let skip = skipped_field(&segs, mode, opens_with_hiring(src));
        for seg in segs.iter_mut() {
            if seg.class == Class::Headed && Some(seg.field) != skip {
                let start = r.jobs.len();
                headed_jobs(&items, seg, mode, &mut r);
                seg.jobs = start..r.jobs.len();
            }
        }
        attach_chains(&items, &mut segs, mode, skip, &mut r);
        level_segments(&items, &segs, skip, mode, &mut r);
        architect_of_the_job_before(&items, &segs, &mut r);
        drop_qualified_generics(&segs, &mut r);
        if mode == Mode::FirstLine {
            managers_of_engineers(src, base, &mut r.jobs);
        }
        if let Mode::Window { .. } = mode {
            r.jobs.retain(|j| !architect_as_a_verb(src, base, j));
        }
        for j in &r.jobs {
            if j.kind == Kind::Mgmt {
                r.levels.push((Level::Manager, j.range.clone()));
            }
        }
        r.clean = is_clean(&items, &segs);
        r
    }

    /// Whether a long window surely does not start with a job, judged from
    /// its first [`HEAD_BYTES`] (cut at a space) alone: most windows fail
    /// within a few words, and the rest of the bullet or sentence need not
    /// be lexed and matched. Sure when the check fails at an item that
    /// starts more than [`TitleReader::key_tokens`] tokens before the cut:
    /// no pattern from there reaches the cut, so the items up to it are
    /// those of the whole window.
    fn fails_at_head(&self, src: &str, lead: u8, item: bool) -> bool {
        let Some(cut) = src.as_bytes().get(HEAD_BYTES..).and_then(|b| memchr::memchr(b' ', b)) else {
            return false;
        };
        let head = &src[..HEAD_BYTES + cut];
        let tokens = lex(head);
        let Some(safe) = tokens.len().checked_sub(self.key_tokens + 1).map(|i| tokens[i].start) else {
            return false;
        };
        let mut items = self.items(head, 0);
        drop_asides(&mut items);
        // A line's dash company field counts only before a later field,
        // which may lie past the cut.
        if !item && company_field(&items, (head, 0), true) > 0 {
            return false;
        }
        matches!(job_start(&items, (head, 0), lead, item), Some((k, false)) if items[k].start < safe)
    }

    /// The items of `src`: known terms, unknown words and separators.
    fn items(&self, src: &str, base: usize) -> Vec<Item> {
        let tokens = lex(src);
        let mut stream = String::with_capacity(src.len() + tokens.len());
        let mut starts = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            starts.push(stream.len());
            let glued = is_glued_hyphen(src, &tokens, i) && !parts_a_job_noun(src, &tokens, i);
            match t.kind {
                TokenKind::Newline => stream.push_str("\n "),
                TokenKind::Punct if glued => {}
                TokenKind::Punct => {
                    stream.push_str(t.text(src));
                    stream.push(' ');
                }
                TokenKind::Word => {
                    push_lower(&mut stream, t.text(src));
                    stream.push(' ');
                }
            }
        }
        let mut items: Vec<Item> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if is_glued_hyphen(src, &tokens, i) && !parts_a_job_noun(src, &tokens, i) {
                i += 1;
                continue;
            }
            if is_plural_mark(src, &tokens, i) {
                // "Engineer(s)": the noun, plural.
                if let Some(last) = items.last_mut() {
                    last.plural = true;
                }
                i += 3;
                continue;
            }
            if t.kind == TokenKind::Word {
                // A key is its words, each followed by a space, as the stream.
                let from = &stream.as_bytes()[starts[i]..];
                let word = memchr::memchr(b' ', from).map_or(from, |n| &from[..n]);
                if self.first_words.may_contain(word)
                    && !abbreviation_out_of_place(src, &tokens, i, &items)
                    && let Some((p, end)) = anchored::longest_at(&self.automaton, stream.as_bytes(), starts[i])
                {
                    let last = starts.partition_point(|&s| s < end) - 1;
                    let what = match self.terms[p] {
                        Term::Conj => What::Sep(Sep::Coord),
                        Term::Head(Head::Tech) if last == i && attributive_eng(src.as_bytes(), t.start, t.end) => {
                            What::Term(Term::Neutral { eng: true })
                        }
                        term => What::Term(term),
                    };
                    let plural = self.plurals[p];
                    items.push(Item {
                        what,
                        start: base + t.start,
                        end: base + tokens[last].end,
                        plural,
                        clause: false,
                        plus: Plus::No,
                        slash: false,
                    });
                    i = last + 1;
                    continue;
                }
                let clause = is_clause_word(t.text(src));
                items.push(Item {
                    what: What::Unknown,
                    start: base + t.start,
                    end: base + t.end,
                    plural: false,
                    clause,
                    plus: Plus::No,
                    slash: false,
                });
            } else if let Some(sep) = punct_sep(src, &tokens, i) {
                items.push(Item {
                    what: What::Sep(sep),
                    start: base + t.start,
                    end: base + t.end,
                    plural: false,
                    clause: false,
                    plus: match t.text(src) {
                        "+" if is_glued(&tokens, i) => Plus::Glued,
                        "+" => Plus::Spaced,
                        _ => Plus::No,
                    },
                    slash: t.text(src) == "/",
                });
            }
            i += 1;
        }
        bracketed_pipes_join(&mut items);
        preposition_lists(src, base, &mut items);
        items
    }
}

/// The end of the run of speciality words from `from` (after "our" or
/// "the"; with "team", list words and whole parentheses between them:
/// "web (React, Node), iOS and Android"), after its last speciality word.
fn speciality_run(items: &[Item], from: usize) -> usize {
    let (mut end, mut depth, mut last) = (from, 0u8, from);
    while items.get(end).is_some_and(|i| i.what == What::Term(Term::Filler)) {
        end += 1;
    }
    let mut open_at = None;
    while let Some(it) = items.get(end) {
        match it.what {
            What::Term(Term::Spec(..) | Term::Amb(_) | Term::Lang | Term::Neutral { .. } | Term::ResearchMod) => {
                last = end + 1
            }
            What::Sep(Sep::Comma | Sep::Coord | Sep::List) => {}
            What::Sep(Sep::Open) if depth == 0 => {
                depth = 1;
                open_at = Some(end);
            }
            What::Sep(Sep::Close) if depth == 1 => {
                depth = 0;
                last = end + 1;
            }
            _ if depth == 1 => {}
            _ => break,
        }
        end += 1;
    }
    // A parenthesis left open ends the run before it.
    match open_at {
        Some(o) if depth == 1 => last.min(o),
        _ => last,
    }
}

/// Words that open a clause after a job noun: what follows is what the
/// hire does or is, not the job's name.
const CLAUSE_WORDS: &[&str] = &["who", "that", "which", "to", "will", "can", "should", "must", "would"];

/// Whether a word is one of [`CLAUSE_WORDS`] (their lengths and first
/// letters are checked first: most words are not).
fn is_clause_word(w: &str) -> bool {
    let first = w.as_bytes().first().map_or(0, |c| c | 0x20);
    (2..=6).contains(&w.len())
        && matches!(first, b'w' | b't' | b'c' | b's' | b'm')
        && CLAUSE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Prepositions after which a job noun's specialities follow ("engineers
/// across distributed systems and SRE", "developers for our backend and
/// mobile teams").
const PREPOSITIONS: &[&str] = &["across", "for", "in", "on", "within"];

/// Words that may follow such a run: it ends a phrase ("backend and
/// devops in Berlin"), where another word would make the specialities
/// describe a thing ("for Real-time Chat Platform").
const AFTER_RUN: &[&str] =
    &["in", "at", "on", "for", "with", "who", "that", "which", "to", "from", "based", "across", "within", "located"];

/// "Engineers for backend, frontend and mobile": the specialities after a
/// preposition right after a job noun qualify it as a parenthesis would
/// ("Engineers (backend, frontend, mobile)"), so the preposition becomes
/// an opening bracket and a closing one ends the run of speciality words.
/// "Roles in …" needs a speciality ("roles in engineering and product"
/// names none).
fn preposition_lists(src: &str, base: usize, items: &mut Vec<Item>) {
    if !items.iter().any(|i| i.what == What::Unknown) {
        return;
    }
    let word = |it: &Item| src.get(it.start - base..it.end - base).unwrap_or("");
    let mut k = 1;
    while k + 1 < items.len() {
        let placeholder = match items[k - 1].what {
            What::Term(Term::Head(Head::Tech)) => false,
            What::Term(Term::Head(Head::Placeholder)) => true,
            _ => {
                k += 1;
                continue;
            }
        };
        // "Engineers at all levels for backend and data teams".
        let levels = all_levels(&items[k..], word);
        if levels > 0 && k + levels + 1 < items.len() {
            k += levels;
        }
        let prep =
            items[k].what == What::Unknown && PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(word(&items[k])));
        let end = if prep { speciality_run(items, k + 1) } else { k + 1 };
        let named = items[k + 1..end].iter().any(|i| match i.what {
            What::Term(Term::Spec(..)) => true,
            What::Term(Term::Amb(_) | Term::Lang) => !placeholder,
            _ => false,
        });
        let ends_phrase = items
            .get(end)
            .is_none_or(|it| it.what != What::Unknown || AFTER_RUN.iter().any(|w| w.eq_ignore_ascii_case(word(it))));
        if !named || !ends_phrase {
            k += 1;
            continue;
        }
        items[k].what = What::Sep(Sep::Open);
        let at = items[end - 1].end;
        items.insert(
            end,
            Item {
                what: What::Sep(Sep::Close),
                start: at,
                end: at,
                plural: false,
                clause: false,
                plus: Plus::No,
                slash: false,
            },
        );
        k = end + 1;
    }
}

/// How many items "at all levels" (or "of every level", "at various
/// levels") at the start of `items` takes: 3, else 0.
fn all_levels<'a>(items: &[Item], word: impl Fn(&Item) -> &'a str) -> usize {
    let is = |k: usize, words: &[&str]| {
        items.get(k).is_some_and(|it| words.iter().any(|w| w.eq_ignore_ascii_case(word(it))))
    };
    if is(0, &["at", "of"]) && is(1, &["all", "every", "various", "multiple"]) && is(2, &["levels", "level"]) {
        3
    } else {
        0
    }
}

/// Pipes inside a closed bracket join list items, they do not split
/// fields ("[AI | Platform | Distributed Systems] Engineer").
fn bracketed_pipes_join(items: &mut [Item]) {
    let mut open: Option<usize> = None;
    for k in 0..items.len() {
        match items[k].what {
            What::Sep(Sep::Open) => open = Some(k),
            What::Sep(Sep::Close) => {
                if let Some(o) = open.take() {
                    for it in &mut items[o + 1..k] {
                        if it.what == What::Sep(Sep::Pipe) {
                            it.what = What::Sep(Sep::Coord);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Lower case into `out`, with no allocation for ASCII.
fn push_lower(out: &mut String, w: &str) {
    if w.is_ascii() {
        let at = out.len();
        out.push_str(w);
        out[at..].make_ascii_lowercase();
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// The tokens of a title, as [`crate::extract::tokenize::tokenize`] makes
/// them (words with `.`, `'` inside and a trailing `+`, `++` or `#`; a
/// trailing `'s` dropped; one token per other sign), byte by byte with
/// chars decoded only outside ASCII.
pub(super) fn lex(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 4 + 1);
    let word_at = |i: usize| -> bool {
        match b.get(i) {
            Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
            Some(_) => src.get(i..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric),
            None => false,
        }
    };
    let char_len = |i: usize| src[i..].chars().next().map_or(1, char::len_utf8);
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b'\n' {
            out.push(Token { start: i, end: i + 1, kind: TokenKind::Newline, version_at: i + 1 });
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == b'\r' {
            i += 1;
            continue;
        }
        if c >= 0x80 && src[i..].chars().next().is_some_and(char::is_whitespace) {
            i += char_len(i);
            continue;
        }
        let leading_dot = c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) && !(i > 0 && word_at(i - 1));
        if !(word_at(i) || leading_dot) {
            let len = char_len(i);
            out.push(Token { start: i, end: i + len, kind: TokenKind::Punct, version_at: i + len });
            i += len;
            continue;
        }
        let start = i;
        i += if leading_dot { 1 } else { 0 };
        loop {
            if word_at(i) {
                i += if b[i] < 0x80 { 1 } else { char_len(i) };
            } else if matches!(b.get(i), Some(b'.' | b'\'')) && word_at(i + 1) {
                i += 1;
            } else {
                break;
            }
        }
        // "C#", "C++" (not "C+Go").
        let mut j = i;
        if b.get(j) == Some(&b'#') {
            j += 1;
        } else {
            while j < n && j - i < 2 && b[j] == b'+' {
                j += 1;
            }
        }
        // "Senior+", "Staff+": a lone "+" ending a longer word is "and
        // above"; the word is read alone and the mark dropped.
        let and_above = j == i + 1 && b[i] == b'+' && i - start > 1 && !b.get(j).is_some_and(u8::is_ascii_alphanumeric);
        if and_above {
            j = i;
        }
        if j > i && !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            // A glued version: "C++17".
            while j < n && (b[j].is_ascii_digit() || b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit)) {
                j += 1;
            }
            i = j;
        }
        let mut end = i;
        if end - start > 2 && (src[start..end].ends_with("'s") || src[start..end].ends_with("'S")) {
            end -= 2;
        }
        out.push(Token { start, end, kind: TokenKind::Word, version_at: end });
        i += usize::from(and_above);
    }
    out
}

/// Whether token `i` touches the tokens on both sides ("C#+Xamarin").
fn is_glued(tokens: &[Token], i: usize) -> bool {
    i > 0 && tokens.get(i + 1).is_some_and(|n| n.start == tokens[i].end) && tokens[i - 1].end == tokens[i].start
}

/// A `-` written between two words with no space ("full-stack").
fn is_glued_hyphen(src: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let dash = t.kind == TokenKind::Punct && matches!(t.text(src), "-" | "‐" | "‑");
    dash && i > 0
        && i + 1 < tokens.len()
        && tokens[i - 1].end == t.start
        && tokens[i + 1].start == t.end
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i + 1].kind == TokenKind::Word
}

/// Job nouns a glued hyphen after them parts from a speciality, as a
/// spaced dash would ("Software Engineer-Backend").
const JOB_NOUNS: &[&str] = &["engineer", "engineers", "developer", "developers", "programmer", "programmers"];

/// Whether the glued hyphen at token `i` parts a job noun from a
/// capitalised word after it ("Engineer-Python", "Developer-FE"): no
/// compound word ("full-stack", "engineer-led", "Programmer-Who-Writes").
fn parts_a_job_noun(src: &str, tokens: &[Token], i: usize) -> bool {
    const JOINING: &[&str] = &["who", "with", "in", "at", "for", "and", "or", "of", "to", "the", "a"];
    let next = tokens[i + 1].text(src);
    let noun = JOB_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(tokens[i - 1].text(src)));
    noun && next.starts_with(|c: char| c.is_ascii_uppercase()) && !JOINING.iter().any(|w| w.eq_ignore_ascii_case(next))
}

/// Abbreviations that are job words only in capitals: "EM"/"EMs"
/// (engineering managers), "BE", "FE" and "FS" (the back end, the front
/// end and the full stack), "SW" (software).
const CAPITALS_ONLY: &[&str] = &["em", "ems", "be", "fe", "fs", "sw"];

/// Whether token `i` is one of [`CAPITALS_ONLY`] where it names no job:
/// not in capitals ("go get em", "to be"); an EM glued to the word before
/// by a hyphen ("cryo-EM"); a BE, FE, FS or SW after an unknown word, also
/// across a comma ("WILL BE", "Brussels, BE", "Kestrel FS", "London SW").
/// After a term, a bracket or a field mark a side is one ("Senior BE
/// Engineer", "FE/BE", "(FE, BE)").
fn abbreviation_out_of_place(src: &str, tokens: &[Token], i: usize, items: &[Item]) -> bool {
    let w = tokens[i].text(src);
    let Some(abbr) = CAPITALS_ONLY.iter().find(|c| c.eq_ignore_ascii_case(w)) else {
        return false;
    };
    if !w.trim_end_matches('s').bytes().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if abbr.starts_with("em") {
        return i >= 2 && is_glued_hyphen(src, tokens, i - 1);
    }
    let mut before = items.iter().rev();
    match before.next().map(|i| i.what) {
        Some(What::Sep(Sep::Comma)) => before.next().is_some_and(|i| i.what == What::Unknown),
        Some(What::Unknown) => true,
        _ => false,
    }
}

/// "Eng" before another word names engineering, not an engineer: "our eng
/// org", "eng director", "data eng experience" (but "Backend Eng and …").
/// `b[start..end]` is the word.
pub(super) fn attributive_eng(b: &[u8], start: usize, end: usize) -> bool {
    if !b[start..end].eq_ignore_ascii_case(b"eng") || b.get(end) != Some(&b' ') {
        return false;
    }
    let rest = &b[end + 1..];
    let next = &rest[..rest.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())];
    !next.is_empty() && !next.eq_ignore_ascii_case(b"and") && !next.eq_ignore_ascii_case(b"or")
}

/// A plural mark glued to a word at token `i`: "(s)" in "Engineer(s)".
fn is_plural_mark(src: &str, tokens: &[Token], i: usize) -> bool {
    let [Some(open), Some(s), Some(close)] = [tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)] else {
        return false;
    };
    i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].end == open.start
        && open.text(src) == "("
        && s.text(src).eq_ignore_ascii_case("s")
        && close.text(src) == ")"
        && s.start == open.end
        && close.start == s.end
}

/// The separator a punctuation token is (None: ignored).
fn punct_sep(src: &str, tokens: &[Token], i: usize) -> Option<Sep> {
    let t = &tokens[i];
    if t.kind == TokenKind::Newline {
        return Some(Sep::Stop);
    }
    let s = t.text(src);
    Some(match s {
        "|" => Sep::Pipe,
        "," => Sep::Comma,
        "&" | "+" | "/" => Sep::Coord,
        "(" | "[" | "{" => Sep::Open,
        ")" | "]" | "}" => Sep::Close,
        ":" => Sep::Colon,
        "." | "!" | "?" | ";" => Sep::Stop,
        "'" | "\"" | "`" | "’" | "‘" | "“" | "”" | "#" | "$" | "€" | "£" | "%" => return None,
        "-" | "–" | "—" | "‐" | "‑" => {
            // Bullet dashes at the start of a text read as nothing.
            if i == 0 {
                return None;
            }
            Sep::Dash
        }
        "*" | "•" | "·" | "☆" | "★" | "▪" | "◦" | "●" | "○" => Sep::List,
        _ => Sep::Dash,
    })
}

/// A list item's title: it ends at a dash or colon after the first job
/// when what follows is prose ("Senior Engineer - Build the stack behind
/// …"), not a speciality ("Software Engineer - Frontend UI"; an aside in
/// brackets after it is no prose: "- Full Stack (hybrid)").
fn title_of_item(mut items: Vec<Item>) -> Vec<Item> {
    let Some(first) =
        items.iter().position(|i| matches!(i.what, What::Term(t) if !matches!(t, Term::Filler | Term::Of)))
    else {
        return items;
    };
    let mut i = first;
    while i < items.len() {
        if matches!(items[i].what, What::Sep(Sep::Dash | Sep::Colon)) {
            let mut depth = 0u8;
            let prose = items[i + 1..]
                .iter()
                .take_while(|x| !matches!(x.what, What::Sep(Sep::Comma | Sep::Stop | Sep::Colon | Sep::Dash)))
                .any(|x| {
                    match x.what {
                        What::Sep(Sep::Open) => depth = depth.saturating_add(1),
                        What::Sep(Sep::Close) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    x.what == What::Unknown && depth == 0
                });
            if prose {
                items.truncate(i);
                break;
            }
        }
        i += 1;
    }
    items
}

/// Splits items into segments at separators, with fields and parentheses.
fn segments(items: &[Item], mode: Mode) -> Vec<Seg> {
    let field_sep = field_separator(items, mode);
    let mut segs = Vec::new();
    let (mut field, mut depth) = (0u16, 0u8);
    let mut before: Option<Sep> = None;
    let mut start = 0;
    for i in 0..=items.len() {
        let sep = match items.get(i).map(|it| it.what) {
            Some(What::Sep(s)) => Some(s),
            Some(_) => continue,
            None => None,
        };
        if start < i {
            segs.push(classify(items, start..i, field, depth, before));
            before = None;
        }
        start = i + 1;
        let Some(sep) = sep else { break };
        match sep {
            Sep::Open => depth = depth.saturating_add(1),
            Sep::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
        let splits = Some(sep) == field_sep || field_sep == Some(Sep::Dash) && sep == Sep::List;
        if splits {
            field += 1;
            depth = 0;
        }
        // List words win over commas (", and"); parentheses keep what was before.
        before = Some(match (before, sep) {
            (Some(Sep::Coord), Sep::Comma) => Sep::Coord,
            (Some(b), Sep::Open | Sep::Close) => b,
            (_, s) => s,
        });
    }
    segs
}

/// The separator between an HN first line's fields: `|`, else spaced
/// dashes, else commas.
fn field_separator(items: &[Item], mode: Mode) -> Option<Sep> {
    if mode != Mode::FirstLine {
        return None;
    }
    let has = |s: Sep| items.iter().any(|i| i.what == What::Sep(s));
    if has(Sep::Pipe) {
        return Some(Sep::Pipe);
    }
    if (has(Sep::Dash) || has(Sep::List)) && !comma_fields(items) {
        // "Acme - Role - Place", "Acme · Role · Place" (Dash: both split).
        return Some(Sep::Dash);
    }
    has(Sep::Comma).then_some(Sep::Comma)
}

/// Whether a first line with commas and dashes packs its fields between
/// commas ("Acme, Software Engineer - Database Engine, Oslo, INTERNS"): it
/// opens with a comma and has more commas than dashes.
fn comma_fields(items: &[Item]) -> bool {
    let seps = items.iter().filter_map(|i| match i.what {
        What::Sep(s @ (Sep::Comma | Sep::Dash | Sep::List)) => Some(s),
        _ => None,
    });
    let (mut first, mut commas, mut dashes) = (None, 0, 0);
    for s in seps {
        first.get_or_insert(s);
        if s == Sep::Comma {
            commas += 1;
        } else {
            dashes += 1;
        }
    }
    first == Some(Sep::Comma) && commas > dashes
}

fn classify(items: &[Item], r: Range<usize>, field: u16, depth: u8, before: Option<Sep>) -> Seg {
    let (mut head, mut spec, mut level, mut unknown, mut terms) = (false, false, false, false, 0u8);
    let mut lang_only = true;
    for it in &items[r.clone()] {
        lang_only &= matches!(
            it.what,
            What::Term(Term::Spec(_, Strength::Lang | Strength::Script) | Term::Lang | Term::Filler) | What::Sep(_)
        );
        match it.what {
            What::Unknown => unknown = true,
            What::Term(Term::Head(_) | Term::ForeignHead(_) | Term::TechLead) => head = true,
            What::Term(Term::Level(_) | Term::Roman(_) | Term::LevelHead(_)) => level = true,
            What::Term(Term::Filler | Term::Of | Term::Seek) => {}
            What::Term(_) => {
                spec = true;
                terms += 1;
            }
            What::Sep(_) => {}
        }
    }
    let promotable = !head && promoted_head(items, r.clone()).is_some();
    let class = if head || promotable {
        Class::Headed
    } else if spec && !unknown {
        Class::Spec
    } else if level && !unknown {
        Class::Levels
    } else {
        Class::Dirty
    };
    Seg { items: r, field, depth, before, class, jobs: 0..0, terms, has_unknown: unknown, lang_only }
}

/// A level word that names the job when the segment has no job noun
/// ("Marketing Lead", "Data Science Intern", "Warehouse Associate"): the
/// last word (before a clause: "a support lead who …"), with a non-level
/// word before it.
fn promoted_head(items: &[Item], r: Range<usize>) -> Option<usize> {
    // "a support lead who loves …": the phrase ends before a clause.
    let end = items[r.clone()].iter().position(|i| i.clause).map_or(r.end, |n| r.start + n);
    let last = end.checked_sub(1)?;
    if last < r.start || !matches!(items[last].what, What::Term(Term::LevelHead(_))) {
        return None;
    }
    let before = items[r.start..last].iter().rev().find(|i| !matches!(i.what, What::Term(Term::Level(_))))?;
    matches!(before.what, What::Term(t) if !matches!(t, Term::Filler | Term::Of | Term::LevelHead(_) | Term::Seek))
        .then_some(last)
}

/// Drops a window's asides before its job: a bracket after unknown words
/// and before any job word ("an experienced (staff level) software
/// engineer", "hiring Remote (Australia only) Full Stack Developers"), so
/// that its words neither count as the lead nor start the job ("Willem
/// (CTO, Acme)" names none). An unclosed bracket is left.
fn drop_asides(items: &mut Vec<Item>) {
    let mut unknown = false;
    let mut k = 0;
    while k < items.len() {
        match items[k].what {
            What::Unknown => unknown = true,
            What::Sep(Sep::Open) if unknown => {
                let Some(close) = items[k..].iter().position(|i| i.what == What::Sep(Sep::Close)) else { return };
                items.drain(k..=k + close);
                continue;
            }
            What::Term(t) if !matches!(t, Term::Filler | Term::Of | Term::Level(_) | Term::Roman(_)) => return,
            _ => {}
        }
        k += 1;
    }
}

/// Whether a window opens with a refusal ("No recruiters please", "- No
/// agencies", "Not a developer role"): it names who is not wanted.
fn opens_with_a_no(src: &str) -> bool {
    let first = src.trim_start_matches(|c: char| !c.is_alphanumeric()).split(|c: char| !c.is_alphabetic()).next();
    first.is_some_and(|w| ["no", "not", "never"].iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// In a window, the first job word must come after at most `lead` unknown words.
/// ("Me, Co-Founder/CTO" is not a list item: the unknown word ends its segment).
fn window_starts_with_job(items: &[Item], src: (&str, usize), lead: u8, item: bool) -> bool {
    job_start(items, src, lead, item).is_some_and(|(_, job)| job)
}

/// The item at which [`window_starts_with_job`] decides, and how; None
/// when the items run out first. `src` is the text the items are of, and
/// where it starts in theirs.
fn job_start(items: &[Item], src: (&str, usize), lead: u8, item: bool) -> Option<(usize, bool)> {
    let mut unknown = 0;
    let from = if lead == 1 { company_field(items, src, item) } else { 0 };
    for (k, it) in items.iter().enumerate().skip(from) {
        match it.what {
            What::Unknown => {
                unknown += 1;
                if unknown > lead {
                    return Some((k, false));
                }
            }
            // In prose, a comma between adjectives goes on to the job ("an
            // ambitious, full-stack engineer").
            What::Sep(Sep::Comma) if lead > 1 && adjectives_before_a_job(&items[k + 1..]) => {}
            What::Sep(_) if unknown > 0 => return Some((k, false)),
            What::Term(Term::Filler | Term::Of | Term::Level(_) | Term::Roman(_)) | What::Sep(_) => {}
            What::Term(_) => return Some((k, true)),
        }
    }
    None
}

/// Whether `items` (after a comma in prose) are known words that run into
/// a job noun before the next separator ("full-stack engineer", not
/// "creative, collaborative and fun people").
fn adjectives_before_a_job(items: &[Item]) -> bool {
    for i in items.iter().take_while(|i| !matches!(i.what, What::Sep(_))) {
        match i.what {
            What::Term(Term::Head(Head::Placeholder)) => return false,
            What::Term(Term::Head(_)) => return true,
            What::Term(Term::Filler) | What::Unknown => return false,
            _ => {}
        }
    }
    false
}

/// How many items a line's leading company field takes, with its
/// separator: a few unknown words before a spaced pipe, or a dash in a
/// list's `item` (see [`Mode::Window`]) or before more fields ("Acme -
/// Founding Engineer - Remote", not a signature's "James - CTO @ Acme");
/// 0 when there is none.
fn company_field(items: &[Item], (src, base): (&str, usize), item: bool) -> usize {
    const MAX_WORDS: usize = 3;
    let Some(p) = items.iter().take(MAX_WORDS + 1).position(|i| i.what != What::Unknown) else {
        return 0;
    };
    let spaced =
        |p: usize| items[p - 1].end < items[p].start && items.get(p + 1).is_some_and(|n| items[p].end < n.start);
    let text = |p: usize| src.get(items[p].start - base..items[p].end - base).unwrap_or("");
    let field_sep = |p: usize| matches!(text(p), "|" | "-" | "–" | "—") && spaced(p);
    match items[p].what {
        What::Sep(Sep::Pipe) if p > 0 && spaced(p) => p + 1,
        What::Sep(Sep::Dash) if p > 0 && spaced(p) && (item || (p + 2..items.len()).any(field_sep)) => p + 1,
        _ if item => place_field(items).filter(|&d| spaced(d)).map_or(0, |d| d + 1),
        _ => 0,
    }
}

/// The spaced dash that ends a list item's leading field of places and
/// terms, when the words before it are all unknown, between commas,
/// slashes and brackets ("- US-based (East Coast)/Poland, Remote - Android
/// Engineer: …"); None when a known word or a stop comes first.
fn place_field(items: &[Item]) -> Option<usize> {
    const MAX_ITEMS: usize = 16;
    let mut words = 0;
    for (k, it) in items.iter().enumerate().take(MAX_ITEMS) {
        match it.what {
            What::Unknown => words += 1,
            What::Sep(Sep::Comma | Sep::Coord | Sep::Open | Sep::Close) => {}
            What::Sep(Sep::Dash) if words > 0 => return Some(k),
            _ => return None,
        }
    }
    None
}

/// The first field of an HN first line is the company's unless it names a
/// job or the line opens with a hiring cue ("Hiring: Backend (Go), SRE").
fn skipped_field(segs: &[Seg], mode: Mode, hiring_first: bool) -> Option<u16> {
    if mode != Mode::FirstLine || hiring_first {
        return None;
    }
    let several = segs.iter().any(|s| s.field > 0);
    let names_job = segs.iter().any(|s| s.field == 0 && s.class == Class::Headed);
    (several && !names_job).then_some(0)
}

/// Whether a line opens with a hiring cue ("Hiring:", "Now hiring",
/// "We're hiring"): what follows is a job list, not a company's name.
fn opens_with_hiring(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    match word(0) {
        "hiring" => true,
        "now" | "we're" | "we’re" => word(1) == "hiring",
        "we" => word(1) == "are" && word(2) == "hiring",
        _ => false,
    }
}

/// Whether no unknown word follows the first job word outside parentheses.
fn is_clean(items: &[Item], segs: &[Seg]) -> bool {
    let Some(first) = items.iter().position(|i| {
        matches!(i.what, What::Term(t) if !matches!(t, Term::Filler | Term::Of | Term::Level(_) | Term::Roman(_) | Term::Seek))
    }) else {
        return false;
    };
    segs.iter().filter(|s| s.depth == 0 && s.has_unknown).all(|s| {
        items[s.items.clone()].iter().enumerate().all(|(k, i)| i.what != What::Unknown || s.items.start + k < first)
    })
}

/// Builds the jobs of a segment with job nouns.
fn headed_jobs(items: &[Item], seg: &Seg, mode: Mode, r: &mut Reading) {
    let range = seg.items.clone();
    // "Tech Lead Manager": a tech lead right before a manager is one job.
    let is_head = |i: &usize| match items[*i].what {
        What::Term(Term::TechLead) => !next_is_boss(items, *i),
        What::Term(Term::Head(_) | Term::ForeignHead(_)) => true,
        _ => false,
    };
    let mut heads = [0usize; 8];
    let mut count = 0;
    for i in range.clone().filter(is_head) {
        if count < heads.len() {
            heads[count] = i;
            count += 1;
        }
    }
    if count == 0
        && let Some(h) = promoted_head(items, range.clone())
    {
        heads[0] = h;
        count = 1;
    }
    let heads = &heads[..count];
    let mut seen_unknown_after_head = false;
    for (n, &h) in heads.iter().enumerate() {
        let after_placeholder =
            matches!(items[heads[n.saturating_sub(1)]].what, What::Term(Term::Head(Head::Placeholder)));
        if matches!(mode, Mode::Window { .. }) && n > 0 && !after_placeholder {
            // In prose, a second noun after unknown words is not a list item
            // ("engineers who enjoy working with designers"), except after
            // "roles including …".
            let gap = &items[heads[n - 1]..h];
            seen_unknown_after_head |= gap.iter().any(|i| i.what == What::Unknown);
            if seen_unknown_after_head {
                break;
            }
        }
        // "Head of Developer Relations": the inner noun is the same job.
        if r.jobs.last().is_some_and(|j| j.range.contains(&items[h].start)) && n > 0 {
            continue;
        }
        if let Some(job) = job_at(items, range.clone(), h, r) {
            r.jobs.push(job);
        }
    }
    // A title's level words count wherever they are in the job's segment
    // ("Senior Corporate Counsel").
    if mode != Mode::Title && mode != Mode::FirstLine {
        return;
    }
    let mut set = LevelSet::default();
    for it in &items[range] {
        if let What::Term(Term::Level(l) | Term::LevelHead(l @ (Level::Intern | Level::Lead))) = it.what {
            push_level(r, &mut set, l, it);
        }
    }
}

/// The job of the noun at `h`, with the words next to it; pushes its levels.
fn job_at(items: &[Item], seg: Range<usize>, h: usize, r: &mut Reading) -> Option<Job> {
    let What::Term(head_term) = items[h].what else { return None };
    let (head, foreign) = match head_term {
        Term::Head(hd) => (hd, false),
        Term::ForeignHead(hd) => (hd, true),
        Term::LevelHead(_) | Term::TechLead => (Head::Tech, false),
        _ => return None,
    };
    let promoted = matches!(head_term, Term::LevelHead(_));
    let mut mods = Mods::default();
    let mut levels = LevelSet::default();
    let mut first = h;
    // Left: every known word up to an unknown one, a filler or another noun.
    let mut adjacent: Option<Term> = None;
    while first > seg.start {
        let What::Term(t) = items[first - 1].what else { break };
        if t == Term::TechLead && head == Head::Boss && first == h {
            // "Tech Lead Manager": a people-lead who is also the tech lead.
            push_level(r, &mut levels, Level::Lead, &items[first - 1]);
            adjacent = Some(Term::Neutral { eng: true });
            first -= 1;
            break;
        }
        if matches!(t, Term::Head(_) | Term::ForeignHead(_) | Term::TechLead | Term::Filler | Term::Seek) {
            break;
        }
        if adjacent.is_none() && !matches!(t, Term::Level(_) | Term::Roman(_) | Term::Of) {
            adjacent = Some(t);
        }
        first -= 1;
    }
    // Right: levels; for foreign nouns and "head of", the speciality too.
    let mut last = h;
    let takes_right = foreign || matches!(head, Head::BossOf | Head::Boss);
    while last + 1 < seg.end {
        let What::Term(t) = items[last + 1].what else { break };
        let level = matches!(t, Term::Level(_) | Term::Roman(_) | Term::LevelHead(_));
        let spec = !matches!(
            t,
            Term::Head(Head::Tech | Head::Boss | Head::BossOf | Head::Mgmt(_)) | Term::Filler | Term::Seek
        ) && !matches!(t, Term::ForeignHead(_));
        if !(level || (takes_right && spec)) {
            break;
        }
        last += 1;
    }
    if head_term == Term::TechLead {
        push_level(r, &mut levels, Level::Lead, &items[h]);
    }
    let mut romans = Vec::new();
    for i in first..=last {
        let What::Term(t) = items[i].what else { continue };
        match t {
            Term::Level(l) => push_level(r, &mut levels, l, &items[i]),
            Term::LevelHead(Level::Junior) if i == first && i != h && !next_is_boss(items, i) => {
                push_level(r, &mut levels, Level::Junior, &items[i])
            }
            Term::LevelHead(Level::Junior) => {}
            Term::LevelHead(l) => push_level(r, &mut levels, l, &items[i]),
            Term::Roman(l) if i > h => romans.push((l, i)),
            _ if i != h => mods.add(t),
            _ => {}
        }
        if i > h && takes_right && adjacent.is_none() && !matches!(t, Term::Level(_) | Term::Roman(_) | Term::Of) {
            adjacent = Some(t);
        }
    }
    if levels.is_empty() {
        for (l, i) in romans {
            push_level(r, &mut levels, l, &items[i]);
        }
    }
    if promoted && mods.bare() && !mods.neutral && mods.biz.is_none() {
        return None;
    }
    // "Operations Lead", "Growth Operations Lead": a business's operations.
    let (kind, roles) = if promoted && business_operations(&mods) {
        (Kind::Other, RoleSet::default())
    } else {
        decide(head, &mods, adjacent)
    };
    if head == Head::Architect && !matches!(kind, Kind::Customer | Kind::Other) {
        // "Architect" is a level in software titles only.
        push_level(r, &mut levels, Level::Staff, &items[h]);
    }
    Some(Job {
        kind,
        roles,
        amb: mods.amb,
        range: items[first].start..items[last].end,
        head: Some(head),
        mods,
        placeholder: head == Head::Placeholder && kind == Kind::Generic,
        from_body: false,
        plural: items[h].plural,
        context: None,
        sibling: false,
    })
}

fn next_is_boss(items: &[Item], i: usize) -> bool {
    matches!(items.get(i + 1).map(|x| x.what), Some(What::Term(Term::Head(Head::Boss | Head::BossOf | Head::Mgmt(_)))))
}

fn push_level(r: &mut Reading, set: &mut LevelSet, l: Level, it: &Item) {
    set.insert(l);
    r.levels.push((l, it.start..it.end));
}

/// The kind and roles of a job from its noun and the words beside it.
pub(super) fn decide(head: Head, m: &Mods, adjacent: Option<Term>) -> (Kind, RoleSet) {
    let one = |r: Role| (Kind::Specific, RoleSet::of(r));
    match head {
        Head::Tech | Head::Placeholder => tech(m),
        Head::Fixed(r) => one(r),
        Head::Other => (Kind::Other, RoleSet::default()),
        Head::Customer => (Kind::Customer, RoleSet::default()),
        Head::Research | Head::Scientist => research(m),
        Head::Analyst => analyst(m),
        Head::Admin => {
            let infra = m.area.contains(Role::Devops)
                || m.domain.contains(Role::Devops)
                || m.domain.contains(Role::Backend)
                || m.amb == Some(Amb::Systems);
            if infra { one(Role::Devops) } else { (Kind::Other, RoleSet::default()) }
        }
        Head::Soft => match m.biz {
            Some(Biz::Customer) => (Kind::Customer, RoleSet::default()),
            Some(_) => (Kind::Other, RoleSet::default()),
            None if !m.area.is_empty() => (Kind::Specific, m.area),
            None => (Kind::Other, RoleSet::default()),
        },
        Head::Architect => match m.biz {
            Some(Biz::Customer) => (Kind::Customer, RoleSet::default()),
            Some(_) => (Kind::Other, RoleSet::default()),
            None if m.specific() || m.neutral || m.amb.is_some() || m.tech_lang || m.ops => tech(m),
            None => (Kind::Other, RoleSet::default()),
        },
        Head::Boss => boss(m, adjacent),
        Head::BossOf => boss_of(m),
        Head::Mgmt(r) => {
            let mut roles = m.area;
            if let Some(r) = r {
                roles.insert(r);
            }
            (Kind::Mgmt, roles)
        }
    }
}

/// An engineer or developer: the speciality its words name.
fn tech(m: &Mods) -> (Kind, RoleSet) {
    let none = RoleSet::default();
    if m.biz == Some(Biz::Customer) || m.customer_head {
        return (Kind::Customer, none);
    }
    if !m.area.is_empty() {
        return (Kind::Specific, m.area);
    }
    if m.biz.is_some() || m.hardware || m.other_head {
        return (Kind::Other, none);
    }
    if m.research {
        return (Kind::Research, none);
    }
    // "Web Developer (React)": the web's UI side, as a React developer's.
    if m.domain == RoleSet::of(Role::Fullstack) && m.lang == RoleSet::of(Role::Frontend) && !m.script {
        return (Kind::Specific, m.lang);
    }
    if !m.domain.is_empty() {
        return (Kind::Specific, m.domain);
    }
    if m.ops {
        return (Kind::Specific, RoleSet::of(Role::Devops));
    }
    if !m.lang.is_empty() {
        return (Kind::Lang, m.lang);
    }
    (Kind::Generic, none)
}

fn research(m: &Mods) -> (Kind, RoleSet) {
    if m.area.contains(Role::Ml) || m.domain.contains(Role::Ml) {
        return (Kind::Specific, RoleSet::of(Role::Ml));
    }
    if m.biz.is_some() || m.hardware {
        return (Kind::Other, RoleSet::default());
    }
    let area = RoleSet(m.area.0 & !RoleSet::of(Role::Software).0);
    if !area.is_empty() && !area.contains(Role::Data) {
        return (Kind::Specific, area);
    }
    (Kind::Research, RoleSet::default())
}

fn analyst(m: &Mods) -> (Kind, RoleSet) {
    for r in [Role::Security, Role::Qa] {
        if m.area.contains(r) || m.domain.contains(r) {
            return (Kind::Specific, RoleSet::of(r));
        }
    }
    if m.biz == Some(Biz::Money) || m.biz == Some(Biz::Customer) {
        return (Kind::Other, RoleSet::default());
    }
    (Kind::Specific, RoleSet::of(Role::Data))
}

/// "X manager", "VP X": management when X is engineering or an area of it.
fn boss(m: &Mods, adjacent: Option<Term>) -> (Kind, RoleSet) {
    let other = (Kind::Other, RoleSet::default());
    match adjacent {
        None => (Kind::BossOnly, RoleSet::default()),
        Some(Term::Neutral { eng: true }) => (Kind::Mgmt, RoleSet(m.area.0 | m.domain.0)),
        Some(Term::Spec(r, Strength::Area)) if r != Role::Software => (Kind::Mgmt, RoleSet(m.area.0 | m.domain.0)),
        Some(Term::Amb(Amb::Platform)) => (Kind::Mgmt, m.area),
        _ => other,
    }
}

/// "Head of X", "director of X".
fn boss_of(m: &Mods) -> (Kind, RoleSet) {
    if m.biz.is_some() || m.amb == Some(Amb::Product) || m.customer_head || m.other_head || m.hardware {
        return (Kind::Other, RoleSet::default());
    }
    if business_operations(m) {
        // "Head of Operations": the business's, not the infrastructure's.
        return (Kind::Other, RoleSet::default());
    }
    let mut roles = RoleSet(m.area.0 | m.domain.0);
    roles.remove(Role::Software);
    if m.ops {
        roles.insert(Role::Devops);
    }
    if m.eng || !roles.is_empty() || m.amb.is_some() {
        return (Kind::Mgmt, roles);
    }
    if m.bare() && !m.neutral { (Kind::BossOnly, roles) } else { (Kind::Other, RoleSet::default()) }
}

/// Whether "operations" is all the words name, with no engineering or
/// speciality beside it ("Head of Operations", not "Head of Cloud
/// Operations" or "Engineering Operations").
fn business_operations(m: &Mods) -> bool {
    m.ops && !m.eng && !m.specific() && m.amb.is_none() && !m.tech_lang
}

/// Speciality segments: forward to the next job noun, backward to the last
/// one, or (in lists) jobs of their own. Parentheses inside a run of them
/// only qualify ("front-end (React, Flux) and back-end developers").
fn attach_chains(items: &[Item], segs: &mut [Seg], mode: Mode, skip: Option<u16>, r: &mut Reading) {
    // In a text, speciality words stand alone only in a clean list.
    let mut clean = true;
    let mut i = 0;
    while i < segs.len() {
        if Some(segs[i].field) == skip || segs[i].class != Class::Spec {
            clean &= !segs[i].has_unknown || segs[i].depth > 0;
            i += 1;
            continue;
        }
        let base = segs[i].depth;
        let mut end = i + 1;
        while end < segs.len()
            && segs[end].field == segs[i].field
            && (segs[end].class == Class::Spec || segs[end].depth > base && segs[end].class != Class::Headed)
            && !matches!(segs[end].before, Some(Sep::Stop | Sep::Colon | Sep::Pipe))
        {
            end += 1;
        }
        // A trailing parenthesis of unknown words belongs to what follows.
        while end > i + 1 && segs[end - 1].class != Class::Spec {
            end -= 1;
        }
        let mut chain = i..end;
        // "Backend, Android and Cloud Infrastructure/SRE": before a noun
        // with a role of its own, the specialities of other areas are jobs
        // apart; only those after them, of its area, qualify it.
        let own = own_area_tail(items, segs, chain.clone(), r);
        if own > chain.start {
            let apart = chain.start..own;
            if !backward(items, segs, apart.clone(), mode, r) && may_stand_alone(segs, apart.clone(), mode, clean) {
                standalone(items, segs, apart, mode, r);
            }
            chain = own..end;
        }
        let done = chain.is_empty()
            || forward(items, segs, chain.clone(), mode, r)
            || backward(items, segs, chain.clone(), mode, r);
        if !done && may_stand_alone(segs, chain.clone(), mode, clean) {
            standalone(items, segs, chain, mode, r);
        }
        i = end;
    }
}

/// Where the specialities of a chain that qualify the noun after it start
/// when that noun has a role of its own ("Backend & SRE": none; "Backend,
/// Cloud Infrastructure/SRE": "Cloud Infrastructure"): after the last one
/// of another area (a parenthesis goes with the speciality before it).
/// Other nouns take every speciality: the chain's start.
fn own_area_tail(items: &[Item], segs: &[Seg], chain: Range<usize>, r: &Reading) -> usize {
    let Some(next) = segs.get(chain.end) else { return chain.start };
    let joined = matches!(next.before, Some(Sep::Coord | Sep::Close));
    let Some(target) = r.jobs.get(next.jobs.start) else { return chain.start };
    if next.class != Class::Headed || next.field != segs[chain.start].field || !joined {
        return chain.start;
    }
    if !matches!(target.head, Some(Head::Fixed(_))) {
        return chain.start;
    }
    let base = segs[chain.clone()].iter().map(|s| s.depth).min().unwrap_or(0);
    let mut tail = chain.end;
    for k in chain.clone().rev() {
        if segs[k].depth > base {
            continue;
        }
        if another_area(target, items, &segs[k..k + 1]) {
            break;
        }
        tail = k;
    }
    tail
}

/// "Backend Developer/Architect", "Data Engineers and Architects": a bare
/// architect joined to an engineering job is that job's software
/// architect (`staff`), not a job outside software. Listed after one
/// ("Backend Engineer, Architect, SRE") it is a software architect whose
/// speciality the text tells, as a bare "Engineer" there would be.
fn architect_of_the_job_before(items: &[Item], segs: &[Seg], r: &mut Reading) {
    for w in segs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let bare_architect = b.class == Class::Headed
            && b.jobs.len() == 1
            && items[b.items.clone()].iter().all(|i| i.what == What::Term(Term::Head(Head::Architect)));
        let after_a_job = a.class == Class::Headed && a.field == b.field && a.depth == b.depth && !a.jobs.is_empty();
        let joined = match b.before {
            Some(Sep::Coord) => true,
            Some(Sep::Comma | Sep::List) => false,
            _ => continue,
        };
        if !(bare_architect && after_a_job) {
            continue;
        }
        let before = &r.jobs[a.jobs.end - 1];
        if before.head != Some(Head::Tech) || matches!(before.kind, Kind::Customer | Kind::Other) {
            continue;
        }
        let architect = &items[b.items.start];
        let mut job = Job { range: architect.start..architect.end, plural: architect.plural, ..before.clone() };
        if !joined {
            (job.kind, job.roles, job.amb, job.mods) = (Kind::Generic, RoleSet::default(), None, Mods::default());
        }
        r.jobs[b.jobs.start] = job;
        r.levels.push((Level::Staff, architect.start..architect.end));
    }
}

/// "Senior Engineers, Leads, Managers", "Software Engineer, Manager": the
/// word "Manager(s)" alone, listed right after an engineering job in a
/// first line (only list words between), leads those engineers (engineering
/// management, `manager`). `src` is bytes `base..` of the text.
fn managers_of_engineers(src: &str, base: usize, jobs: &mut [Job]) {
    let text = |r: Range<usize>| src.get(r.start.saturating_sub(base)..r.end.saturating_sub(base)).unwrap_or("");
    // Only list words between two jobs ("Software Engineer all levels and
    // Managers", "Senior Engineers, Leads, Managers").
    let listed = |a: &Job, b: &Job| {
        a.range.end <= b.range.start
            && text(a.range.end..b.range.start)
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&' | '(' | ')'))
                .all(|w| ["", "and", "or", "all", "levels", "leads"].iter().any(|l| w.eq_ignore_ascii_case(l)))
    };
    let engineering = |j: &Job| j.head == Some(Head::Tech) && !matches!(j.kind, Kind::Other | Kind::Customer);
    for k in 1..jobs.len() {
        let alone = ["manager", "managers"].iter().any(|w| text(jobs[k].range.clone()).eq_ignore_ascii_case(w));
        if jobs[k].kind != Kind::BossOnly || !alone {
            continue;
        }
        // Back over the list it ends ("Engineers, SREs, Managers"), not
        // past a job outside software ("Product Owners/Managers").
        let mut at = k;
        let passable = |j: &Job| !engineering(j) && !matches!(j.kind, Kind::Other | Kind::Customer | Kind::BossOnly);
        while at > 0 && listed(&jobs[at - 1], &jobs[at]) && passable(&jobs[at - 1]) {
            at -= 1;
        }
        if at > 0 && listed(&jobs[at - 1], &jobs[at]) && engineering(&jobs[at - 1]) {
            jobs[k].kind = Kind::Mgmt;
        }
    }
}

/// Whether a bare "Architect" is the verb of a list of duties ("* Architect,
/// build and maintain …", "Architect & Build:", "help architect, build and
/// ship"): another verb of the work joined after it, or "help" or "to"
/// before it. `src` is bytes `base..` of the text.
fn architect_as_a_verb(src: &str, base: usize, job: &Job) -> bool {
    const VERBS: [&str; 14] = [
        "build",
        "design",
        "develop",
        "implement",
        "maintain",
        "deploy",
        "ship",
        "optimize",
        "optimise",
        "scale",
        "deliver",
        "create",
        "test",
        "own",
    ];
    if job.head != Some(Head::Architect) || job.kind != Kind::Other || !job.mods.bare() {
        return false;
    }
    let (Some(before), Some(after)) = (src.get(..job.range.start - base), src.get(job.range.end - base..)) else {
        return false;
    };
    let helped = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("help") || w.eq_ignore_ascii_case("to"));
    let rest = after.trim_start();
    let rest = ["and ", "or ", "& ", ", ", ","].iter().find_map(|j| rest.strip_prefix(j)).map(str::trim_start);
    let next = rest.and_then(|r| r.split(|c: char| !c.is_alphabetic()).next()).unwrap_or("");
    helped || VERBS.iter().any(|v| next.eq_ignore_ascii_case(v))
}

/// "Software Engineer (SRE)", "Developer (QA Engineer)": a generic noun
/// that a parenthesised job right after it names is that job, not two.
fn drop_qualified_generics(segs: &[Seg], r: &mut Reading) {
    let mut drop = [false; 16];
    for w in segs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let qualifies = a.class == Class::Headed
            && b.class == Class::Headed
            && a.field == b.field
            && b.depth > a.depth
            && b.before == Some(Sep::Open)
            && a.jobs.len() == 1
            && !b.jobs.is_empty()
            && r.jobs.get(a.jobs.start).is_some_and(|j| j.kind == Kind::Generic && j.amb.is_none())
            && r.jobs[b.jobs.clone()].iter().all(|j| matches!(j.kind, Kind::Specific | Kind::Mgmt));
        if qualifies && a.jobs.start < drop.len() {
            drop[a.jobs.start] = true;
        }
    }
    let mut k = 0;
    r.jobs.retain(|_| {
        k += 1;
        !drop.get(k - 1).copied().unwrap_or(false)
    });
}

/// Whether a run of speciality segments names jobs by itself.
fn may_stand_alone(segs: &[Seg], chain: Range<usize>, mode: Mode, clean: bool) -> bool {
    let field = segs[chain.start].field;
    let in_field = || segs.iter().filter(move |s| s.field == field);
    match mode {
        Mode::Title => true,
        // A first line's field lists jobs if every word is known or it also
        // names jobs (not "€85k-€105k + equity"); a field of languages
        // between pipes or dashes beside a field that names a job is the
        // stack ("Elixir & AWS | Senior Engineers"), not between commas
        // ("hiring Rails, Python, and devops engineers").
        Mode::FirstLine => {
            let opened = in_field().next().and_then(|s| s.before);
            let stack = matches!(opened, Some(Sep::Pipe | Sep::Dash | Sep::List))
                && chain.clone().all(|k| segs[k].lang_only)
                && in_field().all(|s| s.class != Class::Headed)
                && segs.iter().any(|s| s.field != field && s.class == Class::Headed && !s.jobs.is_empty());
            !stack
                && (in_field().all(|s| !s.has_unknown || s.depth > 0) || in_field().any(|s| s.class == Class::Headed))
        }
        Mode::Window { list, .. } => list && clean,
    }
}

/// Where a speciality segment's job noun is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Noun {
    /// None: the speciality stands alone ("Backend, Frontend").
    None,
    /// After it ("Android & iOS Engineers").
    After,
    /// After the bracket it is in ("[Payments | Security] Engineer").
    Bracketed,
}

/// A job from a speciality segment with a given noun.
#[allow(clippy::too_many_arguments)]
fn spec_job(
    items: &[Item],
    s: &Seg,
    head: Head,
    base: Mods,
    adjacent: Option<Term>,
    mode: Mode,
    noun: Noun,
    r: &mut Reading,
) -> Option<Job> {
    let with_noun = noun != Noun::None;
    let mut mods = base;
    let nearest = seg_mods(items, s, &mut mods, r);
    let (kind, roles) = if head == Head::Boss {
        decide(head, &mods, adjacent)
    } else if head == Head::Tech && adjacent.is_none() && base.bare() && !base.neutral {
        let (kind, roles) = alone(&mods);
        // In prose, a language or "technology" alone is not a job (with a
        // noun after it, "Python and JavaScript developers", it is); an
        // item of a list of openings ("Open roles: * Ruby on Rails") is.
        let prose = matches!(mode, Mode::Window { .. }) && !with_noun;
        let opening = matches!(mode, Mode::Window { lead: 1, list: true, .. }) && kind == Some(Kind::Lang);
        if prose && !opening && matches!(kind, Some(Kind::Lang | Kind::Generic)) {
            return None;
        }
        // A bracket's items are each a kind of its noun, a domain too
        // ("[Payments | Security] Engineer"); elsewhere a domain qualifies
        // ("Real-time and distributed systems engineers").
        match kind {
            None if noun == Noun::Bracketed && !mods.domain.is_empty() => (Kind::Specific, mods.domain),
            _ => (kind?, roles),
        }
    } else {
        let _ = nearest;
        decide(head, &mods, adjacent)
    };
    Some(Job {
        kind,
        roles,
        amb: mods.amb,
        range: items[s.items.start].start..items[s.items.end - 1].end,
        head: Some(head),
        mods,
        placeholder: false,
        from_body: false,
        plural: false,
        context: None,
        sibling: false,
    })
}

/// Marks as placeholders the generic jobs among the siblings read from
/// `siblings` on and their noun's job at `noun`, when one of them is
/// specific: they name no job of their own ("Platform" in "Platform/DevOps
/// Engineer").
fn vague_names_as_placeholders(jobs: &mut [Job], siblings: usize, noun: usize) {
    let named = |j: &Job| j.kind == Kind::Specific;
    if !jobs[siblings..].iter().chain(jobs.get(noun)).any(named) {
        return;
    }
    let vague = |j: &Job| j.kind == Kind::Generic;
    for j in jobs[siblings..].iter_mut() {
        if vague(j) {
            j.placeholder = true;
        }
    }
    if let Some(j) = jobs.get_mut(noun).filter(|j| vague(j)) {
        j.placeholder = true;
    }
}

/// "Android & iOS Engineers": each speciality before a list word and a
/// job noun is a job with that noun.
fn forward(items: &[Item], segs: &mut [Seg], chain: Range<usize>, mode: Mode, r: &mut Reading) -> bool {
    // "Python and Go (backend or systems programming) and front-end
    // engineers": past an aside of other words to the noun.
    let outer = segs[chain.clone()].iter().map(|s| s.depth).min().unwrap_or(0);
    let mut at = chain.end;
    while segs.get(at).is_some_and(|s| s.depth > outer && s.class == Class::Dirty) {
        at += 1;
    }
    let Some(next) = segs.get(at) else { return false };
    if at > chain.end && next.depth > outer {
        return false;
    }
    let joined = matches!(next.before, Some(Sep::Coord | Sep::Close));
    if next.class != Class::Headed || next.field != segs[chain.start].field || !joined {
        return false;
    }
    let Some(target) = r.jobs.get(next.jobs.start).cloned() else { return false };
    let Some(head) = target.head else { return false };
    // "React + Node Developer": languages joined by `+` before a language's
    // job are one job's stack, and before any job when glued to them like
    // a hyphen ("C#+Xamarin Developer"); spaced before another job
    // ("React + AI devs", "Python + TypeScript Engineers") or as areas
    // ("Backend + Frontend Engineers") they are jobs apart.
    let plus = |k: usize, glued: bool| {
        segs[k]
            .items
            .start
            .checked_sub(1)
            .is_some_and(|i| items[i].plus == Plus::Glued || !glued && items[i].plus == Plus::Spaced)
    };
    let target_at = next.jobs.start;
    let langs = segs[chain.clone()].iter().all(|s| s.lang_only);
    let glued =
        matches!(target.kind, Kind::Generic | Kind::Specific) && (chain.start + 1..=chain.end).all(|k| plus(k, true));
    let spaced = target.kind == Kind::Lang && (chain.start + 1..=chain.end).all(|k| plus(k, false));
    if langs && (glued || spaced) {
        let mut mods = Mods::default();
        for k in chain {
            seg_mods(items, &segs[k], &mut mods, r);
            segs[k].jobs = target_at..target_at + 1;
        }
        absorb(&mut r.jobs[target_at], &mods);
        return true;
    }
    let base = Mods { eng: target.mods.eng, neutral: target.mods.neutral, ..Mods::default() };
    let adjacent = target.mods.eng.then_some(Term::Neutral { eng: true });
    let depth = segs[chain.clone()].iter().map(|s| s.depth).min().unwrap_or(0);
    // "design (UI or UX) roles": the parenthesis only qualifies; but after
    // "Software" alone ("Software (full-stack) engineers") it is the speciality.
    let spec_at = |k: usize, d: u8| segs[k].class == Class::Spec && segs[k].depth == d;
    let neutral = |k: usize| {
        items[segs[k].items.clone()]
            .iter()
            .all(|it| matches!(it.what, What::Term(Term::Neutral { .. } | Term::Filler) | What::Sep(_)))
    };
    let read_at = if chain.clone().filter(|&k| spec_at(k, depth)).all(neutral)
        && chain.clone().any(|k| spec_at(k, depth + 1) && !neutral(k))
    {
        depth + 1
    } else {
        depth
    };
    let bracketed = next.before == Some(Sep::Close) && read_at > next.depth;
    let target_at = next.jobs.start;
    let before = r.jobs.len();
    for k in chain.clone() {
        if segs[k].class != Class::Spec || segs[k].depth != read_at {
            continue;
        }
        let start = r.jobs.len();
        let noun = if bracketed { Noun::Bracketed } else { Noun::After };
        if let Some(job) = spec_job(items, &segs[k], head, base, adjacent, mode, noun, r) {
            r.jobs.push(Job { sibling: true, ..job });
        }
        segs[k].jobs = start..r.jobs.len();
    }
    // "Frontend/TypeScript Engineer", "Platform/DevOps Engineer": names of
    // one job joined by slashes; a vague one is the specific one's other name.
    let slashed =
        (chain.start + 1..=chain.end).all(|k| segs[k].items.start.checked_sub(1).is_some_and(|i| items[i].slash));
    if slashed && !bracketed {
        vague_names_as_placeholders(&mut r.jobs, before, target_at);
    }
    // "[Distributed Systems | Security] Engineer": the bare noun after the
    // bracket is only their noun.
    if bracketed && r.jobs.len() > before && target.kind == Kind::Generic && target.mods.bare() {
        r.jobs[target_at].placeholder = true;
    }
    true
}

/// "Engineering Manager, Backend", "Software Engineers (backend, iOS)": the
/// specialities qualify the job before them when no job noun follows in
/// the field (else they are list items).
fn backward(items: &[Item], segs: &mut [Seg], chain: Range<usize>, mode: Mode, r: &mut Reading) -> bool {
    let field = segs[chain.start].field;
    // The job before; in a title, over unknown words ("Developer -
    // PHP/MySQL/Node.js"), not in prose.
    let over_unknown = !matches!(mode, Mode::Window { .. });
    let mut prev_i = chain.start;
    loop {
        let Some(p) = prev_i.checked_sub(1) else { return false };
        let s = &segs[p];
        if s.field != field
            || matches!(segs[p + 1].before, Some(Sep::Colon | Sep::Stop | Sep::Pipe)) && p + 1 != chain.start
        {
            return false;
        }
        prev_i = p;
        if s.class == Class::Headed {
            break;
        }
        // "Software Engineer (Senior) (Python)": a parenthesis of levels
        // between the job and its specialities.
        let aside = s.depth > 0 && s.class == Class::Levels;
        if !(s.class == Class::Spec || s.class == Class::Dirty && over_unknown || aside) {
            return false;
        }
    }
    let prev = &segs[prev_i];
    if prev.class != Class::Headed || prev.field != field || prev.jobs.is_empty() {
        return false;
    }
    // "Dev: Ruby, Python" lists skills, it does not qualify the job.
    if matches!(segs[chain.start].before, Some(Sep::Colon | Sep::Stop | Sep::Pipe)) {
        return false;
    }
    let paren = segs[chain.start].depth > prev.depth;
    // A job after a stop is another phrase's ("Software Engineer, Developer
    // Productivity ; Linux SRE"): it leaves these words to the one before.
    let job_after = segs[chain.end..]
        .iter()
        .take_while(|s| s.field == field && s.before != Some(Sep::Stop))
        .any(|s| s.class == Class::Headed);
    if job_after && !paren {
        return false;
    }
    let j = prev.jobs.end - 1;
    // In prose, a clause after the noun ends its phrase ("engineers who
    // work on our Go backends and React frontend": not frontend
    // engineers; "engineers experienced in PHP and Symfony" are PHP ones);
    // a parenthesis still names its kinds ("roles right now (DevOps, …)").
    let job_end = r.jobs[j].range.end;
    if !over_unknown && !paren && items[prev.items.clone()].iter().any(|i| i.start >= job_end && i.clause) {
        return false;
    }
    // "Backend & SRE, Frontend": a noun with a role of its own takes no
    // speciality of another area after it either.
    if !paren && matches!(r.jobs[j].head, Some(Head::Fixed(_))) && another_area(&r.jobs[j], items, &segs[chain.clone()])
    {
        return false;
    }
    // "AI Engineer and Full-Stack": after a job that has its speciality, a
    // coordinated one of another area is a job of its own.
    if !paren && segs[chain.start].before == Some(Sep::Coord) && another_area(&r.jobs[j], items, &segs[chain.clone()]) {
        return false;
    }
    // "Engineers, GTM, Business": after a plural noun a comma lists more
    // jobs ("Engineer, Payments" qualifies a singular one).
    if r.jobs[j].plural && !paren && segs[chain.start].before == Some(Sep::Comma) {
        return false;
    }
    let mut mods = Mods::default();
    for k in chain {
        if segs[k].class == Class::Spec {
            seg_mods(items, &segs[k], &mut mods, r);
            segs[k].jobs = j..j + 1;
        }
    }
    let generic = r.jobs[j].kind == Kind::Generic;
    absorb(&mut r.jobs[j], &mods);
    // "Senior Software Engineer, iOS, Android, Node or React": after a
    // generic noun, the languages listed beside areas are alternatives too.
    let job = &mut r.jobs[j];
    let web = [Role::Backend, Role::Frontend, Role::Fullstack];
    if generic
        && job.kind == Kind::Specific
        && mods.area.contains(Role::Mobile)
        && !web.iter().any(|r| job.roles.contains(*r))
    {
        for r in [Role::Backend, Role::Frontend].into_iter().filter(|r| mods.lang.contains(*r)) {
            job.roles.insert(r);
        }
    }
    true
}

/// Whether a specific job's speciality differs from every area the
/// segments name (they name at least one).
fn another_area(job: &Job, items: &[Item], segs: &[Seg]) -> bool {
    let mut areas = RoleSet::default();
    for s in segs.iter().filter(|s| s.class == Class::Spec) {
        for it in &items[s.items.clone()] {
            if let What::Term(Term::Spec(r, Strength::Area)) = it.what {
                areas.insert(r);
            }
        }
    }
    job.kind == Kind::Specific && !areas.is_empty() && areas.0 & job.roles.0 == 0
}

/// A job takes the specialities written after it.
fn absorb(job: &mut Job, m: &Mods) {
    let Some(head) = job.head else { return };
    match job.kind {
        Kind::Generic | Kind::Lang | Kind::Research => {
            job.mods.merge(m);
            let (kind, roles) = decide(head, &job.mods, None);
            job.kind = kind;
            job.roles = roles;
            job.amb = job.mods.amb;
            job.placeholder = false;
        }
        Kind::Mgmt => {
            job.roles.0 |= m.area.0 | m.domain.0;
            job.roles.remove(Role::Software);
            job.amb = job.amb.or(m.amb);
        }
        Kind::BossOnly => {
            let (kind, roles) = boss_of(m);
            job.kind = if kind == Kind::BossOnly { Kind::Other } else { kind };
            job.roles = roles;
            job.amb = m.amb;
        }
        // "Web Developer (React)", "Web Developer, Frontend": the web
        // names both sides until a speciality names one of them.
        Kind::Specific if job.mods.area.is_empty() && job.roles == RoleSet::of(Role::Fullstack) => {
            let mut mods = job.mods;
            mods.merge(m);
            let (kind, roles) = decide(head, &mods, None);
            if kind == Kind::Specific && (roles == RoleSet::of(Role::Frontend) || roles == RoleSet::of(Role::Backend)) {
                (job.mods, job.roles) = (mods, roles);
            }
        }
        Kind::Specific | Kind::Customer | Kind::Other => {}
    }
}

/// Each segment of a list of specialities is a job ("Backend, Frontend").
fn standalone(items: &[Item], segs: &mut [Seg], chain: Range<usize>, mode: Mode, r: &mut Reading) {
    let depth = segs[chain.clone()].iter().map(|s| s.depth).min().unwrap_or(0);
    // "Software Engineering (Frontend, Full stack)": after engineering
    // alone, the parenthesis names the jobs.
    let mut named_inside = false;
    for k in chain.clone() {
        if segs[k].depth == depth {
            // "Engineering (all levels) (C#)": past a parenthesis of levels
            // or other words.
            let inner = segs[k + 1..chain.end]
                .iter()
                .take_while(|n| n.depth > depth)
                .find(|n| !matches!(n.class, Class::Levels | Class::Dirty));
            named_inside = only_engineering(items, &segs[k]) && inner.is_some_and(|n| n.class == Class::Spec);
            if named_inside {
                continue;
            }
        }
        // "Backend (Go)": the parenthesis only qualifies.
        if segs[k].depth > depth && !named_inside || segs[k].class != Class::Spec {
            continue;
        }
        let several = mode == Mode::FirstLine && segs[k].terms > 1;
        let start = r.jobs.len();
        if let Some(mut job) = spec_job(items, &segs[k], Head::Tech, Mods::default(), None, mode, Noun::None, r) {
            if several && !one_area(&job) {
                // "Payments infrastructure" describes a company, not two jobs.
                continue;
            }
            // "Engineering" alone names a department, like a plural noun.
            job.plural = job.kind == Kind::Generic;
            r.jobs.push(job);
        }
        segs[k].jobs = start..r.jobs.len();
    }
}

/// Whether a segment's words only say engineering ("Software
/// Engineering", "Development").
fn only_engineering(items: &[Item], s: &Seg) -> bool {
    let mut eng = false;
    for it in &items[s.items.clone()] {
        match it.what {
            What::Term(Term::Neutral { eng: e }) => eng |= e,
            What::Term(Term::Filler | Term::Of) | What::Sep(_) => {}
            _ => return false,
        }
    }
    eng
}

/// Whether a job's words all name its one area ("Full Stack Web": the
/// area and a domain of it; "JS Frontend", "Python Backend": a language
/// of its side), so several words still name one job.
fn one_area(job: &Job) -> bool {
    let m = &job.mods;
    job.kind == Kind::Specific
        && m.area.0.count_ones() == 1
        && m.area.0 | m.domain.0 | m.lang.0 == m.area.0
        && m.amb.is_none()
        && !m.ops
        && !m.tech_lang
}

/// The job a speciality names by itself.
fn alone(m: &Mods) -> (Option<Kind>, RoleSet) {
    let none = RoleSet::default();
    if m.biz.is_some() || (m.ops && !m.specific()) {
        return (Some(Kind::Other), none);
    }
    if !m.area.is_empty() {
        return (Some(Kind::Specific), m.area);
    }
    // A domain ("Payments", "UX") only qualifies a job; with engineering
    // it is one ("Web Development", "Payments Engineering").
    if m.eng && !m.domain.is_empty() {
        return (Some(Kind::Specific), m.domain);
    }
    if !m.lang.is_empty() {
        return (Some(Kind::Lang), m.lang);
    }
    if m.hardware {
        return (Some(Kind::Other), none);
    }
    if m.amb.is_some() || m.eng {
        return (Some(Kind::Generic), none);
    }
    (None, none)
}

/// Sums up a speciality segment and pushes its levels; returns its last word.
fn seg_mods(items: &[Item], s: &Seg, mods: &mut Mods, r: &mut Reading) -> Option<Term> {
    let mut last = None;
    let mut levels = LevelSet::default();
    for it in &items[s.items.clone()] {
        let What::Term(t) = it.what else { continue };
        match t {
            Term::LevelHead(Level::Junior) => {}
            Term::Level(l) | Term::LevelHead(l) => push_level(r, &mut levels, l, it),
            Term::Roman(_) | Term::Filler | Term::Of | Term::Seek => {}
            t => {
                mods.add(t);
                last = Some(t);
            }
        }
    }
    last
}

/// Level-only segments ("Mid / Senior", "(Intern)") in a field with a job
/// or a first line's field of their own, and levels before an unknown
/// word joined to the next job ("Senior Search and Data Engineer").
fn level_segments(items: &[Item], segs: &[Seg], skip: Option<u16>, mode: Mode, r: &mut Reading) {
    for (k, s) in segs.iter().enumerate() {
        let levels_then_word = s.class == Class::Dirty && levels_before_a_word(&items[s.items.clone()]);
        // "Senior Search and Data Engineer": levels and a word the lexicon
        // does not know, joined to the job after them, are that job's.
        let joined = segs.get(k + 1).is_some_and(|n| {
            n.class == Class::Headed && n.field == s.field && n.depth == s.depth && n.before == Some(Sep::Coord)
        });
        if !(s.class == Class::Levels || levels_then_word && joined) || Some(s.field) == skip {
            continue;
        }
        // "Acme | Boston | Sr./Principal/Staff | Go, Vue": a first line's
        // field of levels alone is the level of the jobs it offers.
        let levels_field = mode == Mode::FirstLine
            && s.class == Class::Levels
            && segs.iter().filter(|o| o.field == s.field).all(|o| o.class == Class::Levels);
        if !levels_field && !segs.iter().any(|o| o.field == s.field && !o.jobs.is_empty()) {
            continue;
        }
        let mut set = LevelSet::default();
        for it in &items[s.items.clone()] {
            match it.what {
                // "Associate" alone is not a level.
                What::Term(Term::LevelHead(Level::Junior)) => {}
                What::Term(Term::Level(l) | Term::LevelHead(l)) => push_level(r, &mut set, l, it),
                _ => {}
            }
        }
    }
}

/// Level words, then one unknown word: "Senior Search".
fn levels_before_a_word(items: &[Item]) -> bool {
    let level = |i: &Item| matches!(i.what, What::Term(Term::Level(_) | Term::LevelHead(_)));
    let n = items.iter().take_while(|i| level(i)).count();
    n > 0 && items.len() == n + 1 && items[n].what == What::Unknown && !items[n].clause
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize::tokenize;

    fn spans(ts: &[Token]) -> Vec<(usize, usize, TokenKind)> {
        ts.iter().map(|t| (t.start, t.end, t.kind)).collect()
    }

    /// The head check only ever says what reading the whole window says.
    #[test]
    fn a_window_rejected_at_its_head_is_rejected_whole() {
        let reader = TitleReader::new();
        let tail = " and more words about the team, the product and our Senior Backend Engineers".repeat(4);
        let mut rejected = 0;
        for opening in [
            "Experience with Python and Go",
            "We are hiring a Senior Backend Engineer",
            "Senior Backend Engineer",
            "Me, Co-Founder/CTO",
            "- Build services in Rust",
            "Full-stack software engineers",
            "The team ships",
            "Acme - Backend Engineer",
            "Acme Labs and friends | Backend Engineer",
        ] {
            for (lead, item) in [(1, false), (1, true), (4, false)] {
                let src = format!("{opening}{tail}");
                let whole = window_starts_with_job(&reader.items(&src, 0), (&src, 0), lead, item);
                if reader.fails_at_head(&src, lead, item) {
                    rejected += 1;
                    assert!(!whole, "{opening:?} (lead {lead}) rejected at its head, not whole");
                }
            }
        }
        assert!(rejected > 0, "no window was rejected at its head");
    }

    #[test]
    fn the_lexer_cuts_titles_as_the_tokenizer_does() {
        let samples = [
            "Sr. Backend-Entwickler/in (m/w/d) | C#, C++17 & .NET – Node.js, Vue.js",
            "Développeur back-end (H/F) · Ingénieur DevOps — Remote; 50k-70k €",
            "Engineer's role: SRE+ML, don't [REMOTE] 🐍 Python™ ＰＹＴＨＯＮ ex-Google",
            "Senior Engineer I\nLead SRE + Junior SRE\t(Contract)",
        ];
        for s in samples {
            assert_eq!(spans(&lex(s)), spans(&tokenize(s)), "{s:?}");
        }
        for (phrase, _) in TITLE_TERMS {
            assert_eq!(spans(&lex(phrase)), spans(&tokenize(phrase)), "{phrase:?}");
        }
    }

    #[test]
    fn the_lexer_drops_the_plus_of_a_level_and_above_only() {
        let words = |s: &str| lex(s).iter().map(|t| t.text(s).to_string()).collect::<Vec<_>>();
        assert_eq!(words("Senior+ Backend (Staff+)"), ["Senior", "Backend", "(", "Staff", ")"]);
        assert_eq!(words("C++ C+ React+Node"), ["C++", "C+", "React", "+", "Node"]);
    }
}
