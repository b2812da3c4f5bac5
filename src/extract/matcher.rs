//! The matcher: one Aho-Corasick automaton over the aliases' token keys,
//! leftmost-longest at each word token, then case checks, vetoes and the
//! context rules for ambiguous forms.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use anyhow::Result;

use super::first_words::FirstWords;
use super::mask::masked_spans;
use super::taxonomy::{AcceptContext, Taxonomy, also_target};
use super::text::normalize;
use super::tokenize::{Token, TokenKind, alias_key, alias_tokens, tokenize};

/// How a surface form must be written.
#[derive(Debug, Clone)]
enum Form {
    /// Any case.
    Insensitive,
    /// Exactly this (token key in original case), no context needed.
    Exact(String),
    /// Exactly this, and only with context.
    Ambiguous(String),
}

#[derive(Debug, Clone)]
struct Interp {
    skill: usize,
    form: Form,
    /// Skills also named by this alias (index, token offset inside the alias).
    also: Vec<usize>,
}

/// A direct mention of a skill, with byte offsets into the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into the taxonomy's skills.
    pub skill: usize,
    pub start: usize,
    pub end: usize,
}

/// A form that matched but did not count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub skill: usize,
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

/// What extraction found in one text.
#[derive(Debug, Clone)]
pub struct Extraction<'t> {
    /// The normalised text the offsets refer to.
    pub text: Cow<'t, str>,
    /// Every direct mention, in text order.
    pub mentions: Vec<Mention>,
    /// Matches that were rejected (for `explain`).
    pub rejected: Vec<Rejection>,
}

/// Per-skill totals of one text, as stored in `posting_skills`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillCount {
    pub skill: usize,
    pub mentions: u32,
    pub first_offset: usize,
}

impl Extraction<'_> {
    /// Mention counts per skill, ordered by skill index.
    pub fn counts(&self) -> Vec<SkillCount> {
        let mut by_skill: HashMap<usize, SkillCount> = HashMap::new();
        for m in &self.mentions {
            by_skill
                .entry(m.skill)
                .and_modify(|c| {
                    c.mentions += 1;
                    c.first_offset = c.first_offset.min(m.start);
                })
                .or_insert(SkillCount { skill: m.skill, mentions: 1, first_offset: m.start });
        }
        let mut v: Vec<SkillCount> = by_skill.into_values().collect();
        v.sort_by_key(|c| c.skill);
        v
    }
}

/// Finds skill mentions in text. Cheap to share (`Arc`), immutable, pure.
pub struct Extractor {
    taxonomy: Arc<Taxonomy>,
    /// Stepped byte by byte as each word is lower-cased, no stream built.
    automaton: NFA,
    patterns: Vec<Vec<Interp>>,
    /// Lower-cased single-token aliases (kept whole even with digits: `es6`).
    whole_tokens: HashSet<String>,
    /// Lower-cased alias strings, never masked as domains (`asp.net`).
    alias_strings: HashSet<String>,
    /// The first words of the keys: a word no key starts with is not
    /// searched from (most words of a text).
    first_words: FirstWords,
    /// The most words a key has.
    key_words: usize,
}

/// The longest key found from one word on: its pattern and last token,
/// and which tokens it covers are read without their glued version
/// (`java17`), from the first word on; reused from word to word.
#[derive(Default)]
struct Window {
    versioned: Vec<bool>,
    /// A non-ASCII word, lower-cased.
    lower: String,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").field("patterns", &self.patterns.len()).finish()
    }
}

/// A match of a pattern at a token span, before the rules run.
#[derive(Debug, Clone)]
struct Candidate {
    skill: usize,
    first: usize,
    last: usize,
    ambiguous: bool,
    also: Vec<usize>,
}

impl Extractor {
    /// Builds the automaton for a taxonomy.
    pub fn new(taxonomy: Arc<Taxonomy>) -> Result<Extractor> {
        let mut keys: Vec<String> = Vec::new();
        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Vec<Interp>> = Vec::new();
        let mut whole_tokens = HashSet::new();
        let mut alias_strings = HashSet::new();
        // Single-token insensitive aliases of every skill, to resolve `also`.
        let mut single: HashMap<String, usize> = HashMap::new();
        for (i, s) in taxonomy.skills.iter().enumerate() {
            for a in &s.aliases {
                let toks = alias_tokens(a);
                if toks.len() == 1 {
                    single.insert(toks[0].clone(), i);
                }
            }
        }
        for (i, s) in taxonomy.skills.iter().enumerate() {
            let forms = s
                .aliases
                .iter()
                .map(|a| (a, Form::Insensitive))
                .chain(s.aliases_cs.iter().map(|a| (a, Form::Exact(exact_key(a)))))
                .chain(s.ambiguous.iter().map(|a| (a, Form::Ambiguous(exact_key(a)))));
            for (alias, form) in forms {
                let toks = alias_tokens(alias);
                if toks.len() == 1 {
                    whole_tokens.insert(toks[0].clone());
                }
                alias_strings.insert(alias.to_lowercase());
                let also = also_named(&taxonomy, s, alias, &toks, &single);
                let key = alias_key(alias);
                let id = *key_index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                patterns[id].push(Interp { skill: i, form, also });
            }
        }
        // A key is its words, each followed by a space; so is the stream.
        let first_words = FirstWords::new(keys.iter().map(|k| k.split(' ').next().unwrap_or("")));
        let key_words = keys.iter().map(|k| k.matches(' ').count()).max().unwrap_or(0);
        // A contiguous NFA, not a DFA: a few times smaller, so the states
        // a real vocabulary visits stay in cache (a DFA's table misses it).
        let automaton = NFA::builder().match_kind(MatchKind::LeftmostLongest).build(&keys)?;
        Ok(Extractor { taxonomy, automaton, patterns, whole_tokens, alias_strings, first_words, key_words })
    }

    /// The taxonomy this extractor was built from.
    pub fn taxonomy(&self) -> &Arc<Taxonomy> {
        &self.taxonomy
    }

    /// Extracts the mentions of plain text (normalised first).
    pub fn extract<'t>(&self, text: &'t str) -> Extraction<'t> {
        let norm = normalize(text);
        let (mentions, rejected) = self.extract_normalized(&norm);
        Extraction { text: norm, mentions, rejected }
    }

    /// Extracts from text that is already normalised (as stored
    /// descriptions are); offsets refer to `text` itself.
    pub fn extract_prenormalized<'t>(&self, text: &'t str) -> Extraction<'t> {
        debug_assert!(matches!(normalize(text), Cow::Borrowed(_)), "text is not normalised");
        let (mentions, rejected) = self.extract_normalized(text);
        Extraction { text: Cow::Borrowed(text), mentions, rejected }
    }

    /// Sorted ids of the skills `text` mentions directly.
    pub fn skill_ids(&self, text: &str) -> Vec<&str> {
        self.ids(&self.extract(text))
    }

    /// [`Extractor::skill_ids`] of text that is already normalised.
    pub fn skill_ids_normalized(&self, text: &str) -> Vec<&str> {
        self.ids(&self.extract_prenormalized(text))
    }

    fn ids(&self, ex: &Extraction<'_>) -> Vec<&str> {
        let mut ids: Vec<&str> = ex.mentions.iter().map(|m| self.taxonomy.skills[m.skill].id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn extract_normalized(&self, text: &str) -> (Vec<Mention>, Vec<Rejection>) {
        // URLs, addresses and domains are taken out of the token stream:
        // extraction sees the text as if they were not there.
        let spans = masked_spans(text, |s| self.alias_strings.contains(s));
        let tokens = without_masked(tokenize(text), &spans);
        let mut rejected = Vec::new();
        let candidates = self.find_candidates(text, &tokens, &mut rejected);
        let ctx = Ctx { text, tokens: &tokens, taxonomy: &self.taxonomy };
        let accepted = ctx.resolve(&candidates, &mut rejected);
        let mut mentions = Vec::new();
        for (c, ok) in candidates.iter().zip(&accepted) {
            if !ok {
                continue;
            }
            let (start, end) = (tokens[c.first].start, tokens[c.last].end);
            mentions.push(Mention { skill: c.skill, start, end });
            for &a in &c.also {
                mentions.push(Mention { skill: a, start, end });
            }
        }
        (mentions, rejected)
    }

    /// Whether some key may start at word `t` (false: none does, the
    /// automaton need not run). Words outside ASCII are always tried.
    #[inline]
    fn may_start_key(&self, text: &str, t: &Token) -> bool {
        let word = t.text(text);
        if !word.is_ascii() {
            return true;
        }
        let read = if self.without_version(t, word) { t.base(text) } else { word };
        self.first_words.may_contain(read.as_bytes())
    }

    /// Whether a word is read without its glued version (`java17` as
    /// `java`, but `es6` whole).
    fn without_version(&self, t: &Token, word: &str) -> bool {
        t.has_version() && !self.whole_tokens.contains(lower(word).as_ref())
    }

    /// The longest key that starts at token `from` (its pattern and last
    /// token): the automaton reads the tokens lower-cased, each followed
    /// by one space, `-` dropped (so space and hyphen match alike), line
    /// breaks as blockers, and stops where no key goes on.
    fn longest_key(&self, text: &str, tokens: &[Token], from: usize, w: &mut Window) -> Option<(usize, usize)> {
        w.versioned.clear();
        let dfa = &self.automaton;
        let mut sid = dfa.start_state(Anchored::Yes).ok()?;
        let mut best = None;
        let (mut words, mut read_bytes) = (0, 0);
        for (k, t) in tokens[from..].iter().enumerate() {
            if words == self.key_words {
                break;
            }
            w.versioned.push(false);
            let read = match t.kind {
                TokenKind::Newline => "\n",
                TokenKind::Punct if t.is_punct(text, '-') => continue,
                TokenKind::Punct => t.text(text),
                TokenKind::Word => {
                    let word = t.text(text);
                    if self.without_version(t, word) {
                        w.versioned[k] = true;
                        t.base(text)
                    } else {
                        word
                    }
                }
            };
            let lowered = if t.kind == TokenKind::Word && !read.is_ascii() {
                w.lower.clear();
                push_lower(&mut w.lower, read);
                w.lower.as_bytes()
            } else {
                read.as_bytes()
            };
            let ascii_lower = t.kind == TokenKind::Word;
            for &b in lowered.iter().chain(b" ") {
                let b = if ascii_lower { b.to_ascii_lowercase() } else { b };
                sid = dfa.next_state(Anchored::Yes, sid, b);
                read_bytes += 1;
                if dfa.is_special(sid) {
                    if dfa.is_dead(sid) {
                        return best;
                    }
                    // A state's matches include keys that start later (for
                    // unanchored searches): only a key read whole counts.
                    let whole = (0..dfa.match_len(sid))
                        .map(|m| dfa.match_pattern(sid, m))
                        .find(|&p| dfa.pattern_len(p) == read_bytes);
                    if let Some(pattern) = whole {
                        best = Some((pattern.as_usize(), from + k));
                    }
                }
            }
            words += 1;
        }
        best
    }

    fn find_candidates(&self, text: &str, tokens: &[Token], rejected: &mut Vec<Rejection>) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut w = Window::default();
        let mut t = 0;
        while t < tokens.len() {
            if tokens[t].kind != TokenKind::Word || !self.may_start_key(text, &tokens[t]) {
                t += 1;
                continue;
            }
            let Some((pattern, last)) = self.longest_key(text, tokens, t, &mut w) else {
                t += 1;
                continue;
            };
            let versioned = |k: usize| w.versioned[k - t];
            let mut found = false;
            for interp in &self.patterns[pattern] {
                let skill = &self.taxonomy.skills[interp.skill];
                if !skill.version_suffix && (t..=last).any(versioned) {
                    continue;
                }
                let ambiguous = match &interp.form {
                    Form::Insensitive => false,
                    Form::Exact(key) => {
                        if &original_key(text, tokens, t, last, &w.versioned) != key {
                            continue;
                        }
                        false
                    }
                    Form::Ambiguous(key) => {
                        if &original_key(text, tokens, t, last, &w.versioned) != key {
                            continue;
                        }
                        true
                    }
                };
                out.push(Candidate { skill: interp.skill, first: t, last, ambiguous, also: interp.also.clone() });
                found = true;
                break;
            }
            if found {
                t = last + 1;
            } else {
                if let Some(interp) = self.patterns[pattern].first()
                    && matches!(interp.form, Form::Ambiguous(_) | Form::Exact(_))
                    && !(t..=last).any(versioned)
                {
                    rejected.push(Rejection {
                        skill: interp.skill,
                        start: tokens[t].start,
                        end: tokens[last].end,
                        reason: "written in a case that is not the skill's".into(),
                    });
                }
                t += 1;
            }
        }
        out
    }
}

/// The skills that one alias of `skill` names too: by a token that is a
/// one-word alias of the other skill (`SQL Server`), or by an `id:alias`
/// entry (`kubernetes:eks`).
fn also_named(
    taxonomy: &Taxonomy,
    skill: &crate::extract::taxonomy::Skill,
    alias: &str,
    toks: &[String],
    single: &HashMap<String, usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for entry in &skill.also {
        let (id, only) = also_target(entry);
        let Some(other) = taxonomy.position(id) else { continue };
        let named = match only {
            Some(a) => a.eq_ignore_ascii_case(alias),
            None => toks.iter().any(|t| single.get(t) == Some(&other)),
        };
        if named && !out.contains(&other) {
            out.push(other);
        }
    }
    out
}

/// The token key of an exact-case form, in its own case.
fn exact_key(form: &str) -> String {
    let mut key = String::new();
    for t in tokenize(form).iter().filter(|t| !t.is_punct(form, '-') && t.kind != TokenKind::Newline) {
        key.push_str(t.text(form));
        key.push(' ');
    }
    key
}

/// The key of tokens `first..=last` of the text in their original case
/// (`versioned` from `first` on).
fn original_key(text: &str, tokens: &[Token], first: usize, last: usize, versioned: &[bool]) -> String {
    let mut key = String::new();
    for (k, t) in tokens.iter().enumerate().take(last + 1).skip(first) {
        if t.is_punct(text, '-') {
            continue;
        }
        key.push_str(if versioned[k - first] { t.base(text) } else { t.text(text) });
        key.push(' ');
    }
    key
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) { Cow::Owned(s.to_lowercase()) } else { Cow::Borrowed(s) }
}

fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The tokens that do not start inside a masked span.
fn without_masked(mut tokens: Vec<Token>, spans: &[(usize, usize)]) -> Vec<Token> {
    if spans.is_empty() {
        return tokens;
    }
    let mut s = 0;
    tokens.retain(|t| {
        while s < spans.len() && spans[s].1 <= t.start {
            s += 1;
        }
        !(s < spans.len() && spans[s].0 <= t.start && t.start < spans[s].1)
    });
    tokens
}

/// The rules that decide which candidates count.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    taxonomy: &'a Taxonomy,
}

impl Ctx<'_> {
    fn lower_text(&self, i: usize) -> Cow<'_, str> {
        lower(self.tokens[i].text(self.text))
    }

    fn is_newline(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Newline
    }

    /// A `-` written between two words with no space ("C-level").
    fn is_glued_hyphen(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.is_punct(self.text, '-')
            && i > 0
            && i + 1 < self.tokens.len()
            && self.tokens[i - 1].end == t.start
            && self.tokens[i + 1].start == t.end
            && self.tokens[i - 1].kind == TokenKind::Word
            && self.tokens[i + 1].kind == TokenKind::Word
    }

    fn token_matches(&self, i: usize, want: &str) -> bool {
        if self.is_newline(i) {
            return false;
        }
        if want == "#year" {
            let w = self.tokens[i].text(self.text);
            return w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit());
        }
        if want == "-" {
            return self.is_glued_hyphen(i);
        }
        self.lower_text(i) == want
    }

    /// An ambiguous form followed by a capitalised word that is neither a
    /// cue nor a skill is part of a name ("Julia Computing", "Swift
    /// Navigation", "Spark Capital"); "Go Developer" is not.
    fn starts_a_name(&self, c: &Candidate, candidate_starts: &HashSet<usize>) -> Option<String> {
        let next = c.last + 1;
        let t = self.tokens.get(next)?;
        // Words of a name are written side by side: spaces (or a URL that
        // was taken out) between them, not a tab (a table's next cell).
        let gap = &self.text[self.tokens[c.last].end..t.start];
        if t.kind != TokenKind::Word || candidate_starts.contains(&next) || gap.contains('\t') {
            return None;
        }
        let word = t.text(self.text);
        let mut chars = word.chars();
        let title_case = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        let cue = self.is_cue(c.skill, next);
        (title_case && !cue).then(|| format!("followed by \"{word}\": part of a name"))
    }

    /// A concept's title-case word after a capitalised word that is neither
    /// a cue nor a skill ends a name ("Wren Security", "Acme Distributed");
    /// "Cloud Security" is an alias of its own, "Mobile Security" has a cue.
    fn ends_a_name(&self, c: &Candidate, candidate_starts: &HashSet<usize>) -> Option<String> {
        if self.taxonomy.skills[c.skill].category != crate::extract::Category::Concept || c.first == 0 {
            return None;
        }
        let prev = c.first - 1;
        let t = &self.tokens[prev];
        let gap = &self.text[t.end..self.tokens[c.first].start];
        if t.kind != TokenKind::Word || candidate_starts.contains(&prev) || gap.contains(['\t', '\n']) {
            return None;
        }
        let title_case = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(|ch| !ch.is_uppercase())
        };
        let word = t.text(self.text);
        let named = title_case(word) && title_case(self.tokens[c.first].text(self.text));
        (named && !self.is_cue(c.skill, prev)).then(|| format!("after \"{word}\": part of a name"))
    }

    fn vetoed(&self, c: &Candidate) -> Option<String> {
        let skill = &self.taxonomy.skills[c.skill];
        if skill.veto_ambiguous_only && !c.ambiguous {
            return None;
        }
        for seq in &skill.not_before {
            let fits = seq.iter().enumerate().all(|(k, w)| {
                let i = c.last + 1 + k;
                i < self.tokens.len() && self.token_matches(i, w)
            });
            if fits && !seq.is_empty() {
                return Some(format!("followed by \"{}\"", seq.join(" ")));
            }
        }
        for seq in &skill.not_after {
            let n = seq.len();
            if n == 0 || c.first < n {
                continue;
            }
            let fits = seq.iter().enumerate().all(|(k, w)| self.token_matches(c.first - n + k, w));
            if fits {
                return Some(format!("preceded by \"{}\"", seq.join(" ")));
            }
        }
        None
    }

    /// Whether the token is a version number ("3", "3.11", "8+", "17").
    fn is_version_number(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == TokenKind::Word && {
            let w = t.text(self.text);
            w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                && w.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'+' || b == b'x')
        }
    }

    fn is_separator(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        match t.kind {
            TokenKind::Newline => false,
            TokenKind::Punct => {
                let s = t.text(self.text);
                self.taxonomy.rules.list_separators.contains(s) || (s == "-" && !self.is_glued_hyphen(i))
            }
            TokenKind::Word => {
                let w = self.lower_text(i);
                w == "and" || w == "or" || self.taxonomy.rules.list_separators.contains(w.as_ref())
            }
        }
    }

    /// The first token across separators (and version numbers) on one side.
    fn list_neighbour(&self, from: usize, forward: bool) -> Option<usize> {
        let mut seps = 0;
        let mut i = from;
        loop {
            i = if forward {
                if i + 1 >= self.tokens.len() {
                    return None;
                }
                i + 1
            } else {
                i.checked_sub(1)?
            };
            if self.is_newline(i) {
                return None;
            }
            if self.is_separator(i) {
                seps += 1;
                continue;
            }
            if self.is_version_number(i) {
                continue;
            }
            if self.tokens[i].kind == TokenKind::Punct {
                // Emoji and bullets separate list items too.
                let c = self.tokens[i].text(self.text).chars().next().unwrap_or(' ');
                if !c.is_ascii() {
                    seps += 1;
                    continue;
                }
                return None;
            }
            return (seps > 0).then_some(i);
        }
    }

    /// Whether word token `i` was written with a trailing `'s` (dropped by
    /// the tokenizer): "Rust's".
    fn is_possessive(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let rest = &self.text.as_bytes()[t.end..];
        t.kind == TokenKind::Word && rest.len() >= 2 && rest[0] == b'\'' && rest[1].eq_ignore_ascii_case(&b's')
    }

    /// The neighbour of a possessive form in a list of possessive items,
    /// each item a skill's possessive and up to two words: "Go's
    /// simplicity, Rust's safety". The neighbour is the other item's
    /// possessive token, on the side asked for.
    fn possessive_neighbour(&self, c: &Candidate, forward: bool) -> Option<usize> {
        const ITEM_WORDS: usize = 2;
        if !self.is_possessive(c.last) {
            return None;
        }
        let plain_word = |i: usize| self.tokens[i].kind == TokenKind::Word && !self.is_separator(i);
        if forward {
            // This item's words, separators, then the next possessive.
            let mut i = c.last;
            while i - c.last < ITEM_WORDS && i + 1 < self.tokens.len() && plain_word(i + 1) {
                i += 1;
            }
            return self.list_neighbour(i, true).filter(|&n| self.is_possessive(n));
        }
        // Separators, the previous item's words, its possessive.
        let mut i = c.first;
        while i > 0 && self.is_separator(i - 1) {
            i -= 1;
        }
        if i == c.first {
            return None;
        }
        (1..=ITEM_WORDS + 1).map_while(|k| i.checked_sub(k).filter(|&j| plain_word(j))).find(|&j| self.is_possessive(j))
    }

    /// The list neighbour of a candidate on one side: across separators,
    /// or the next possessive item of a list of possessives.
    fn item_neighbour(&self, c: &Candidate, forward: bool) -> Option<usize> {
        let from = if forward { c.last } else { c.first };
        self.list_neighbour(from, forward).or_else(|| self.possessive_neighbour(c, forward))
    }

    /// A sentence that is the form alone ("Rust only.") beside a sentence
    /// of the same line that names an accepted skill ("No C, no C++.").
    fn in_skill_sentences(&self, c: &Candidate, firsts: &HashSet<usize>) -> bool {
        let ends = |i: usize| {
            self.tokens[i].kind == TokenKind::Punct && matches!(self.tokens[i].text(self.text), "." | "!" | ";")
        };
        let start_ok = c.first == 0 || self.is_newline(c.first - 1) || ends(c.first - 1);
        let mut end = c.last + 1;
        if end < self.tokens.len() && self.lower_text(end) == "only" {
            end += 1;
        }
        if !start_ok || end >= self.tokens.len() || !ends(end) {
            return false;
        }
        // The sentences before and after, as far as the line goes.
        let (s, e) = self.line_of(c.first);
        let after = (end + 1..=e).take_while(|&k| !ends(k));
        let before = (s..c.first.saturating_sub(1)).rev().take_while(|&k| !ends(k));
        after.chain(before).any(|k| firsts.contains(&k) && !(c.first..=c.last).contains(&k))
    }

    /// Whether token `i` is a cue word for `skill` (its own or shared).
    fn is_cue(&self, skill: usize, i: usize) -> bool {
        let s = &self.taxonomy.skills[skill];
        let w = self.lower_text(i);
        s.cues.contains(w.as_ref()) || (s.shared_cues && self.taxonomy.rules.cues.contains(w.as_ref()))
    }

    fn has_cue(&self, c: &Candidate) -> bool {
        let window = self.taxonomy.rules.window;
        let mut seen = 0;
        let mut i = c.first;
        while seen < window && i > 0 {
            i -= 1;
            if self.is_newline(i) {
                break;
            }
            if self.tokens[i].kind == TokenKind::Word {
                seen += 1;
                if self.is_cue(c.skill, i) {
                    return true;
                }
            }
        }
        seen = 0;
        i = c.last + 1;
        while seen < window && i < self.tokens.len() {
            if self.is_newline(i) {
                break;
            }
            if self.tokens[i].kind == TokenKind::Word {
                seen += 1;
                if self.is_cue(c.skill, i) {
                    return true;
                }
            }
            i += 1;
        }
        false
    }

    /// "in Go.", "using R,", "use Go for" — a preposition before, the end of
    /// a clause (or "for", "on", "at") after.
    fn in_prep_frame(&self, c: &Candidate) -> bool {
        let before = c.first.checked_sub(1).filter(|&i| self.tokens[i].kind == TokenKind::Word);
        let Some(before) = before else { return false };
        if !self.taxonomy.rules.prep_cues.contains(self.lower_text(before).as_ref()) {
            return false;
        }
        match self.tokens.get(c.last + 1) {
            None => true,
            Some(t) => match t.kind {
                TokenKind::Newline => true,
                TokenKind::Punct => {
                    matches!(t.text(self.text), "." | "," | ";" | ":" | "!" | "?" | ")")
                }
                TokenKind::Word => matches!(self.lower_text(c.last + 1).as_ref(), "for" | "on" | "at"),
            },
        }
    }

    /// The token range of the line holding token `i` (without the newline).
    fn line_of(&self, i: usize) -> (usize, usize) {
        let mut s = i;
        while s > 0 && !self.is_newline(s - 1) {
            s -= 1;
        }
        let mut e = i;
        while e + 1 < self.tokens.len() && !self.is_newline(e + 1) {
            e += 1;
        }
        (s, e)
    }

    /// The first word tokens of up to `n` non-empty lines before/after the
    /// line `(s, e)`, nearest first, stopping at a blank line.
    fn nearby_line_first_words(&self, s: usize, e: usize, forward: bool, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let (mut s, mut e) = (s, e);
        for _ in 0..n {
            let next_line = if forward {
                // Skip exactly one newline; a second one is a blank line.
                let i = e + 2;
                if e + 1 >= self.tokens.len() || i >= self.tokens.len() || self.is_newline(i) {
                    break;
                }
                i
            } else {
                let Some(i) = s.checked_sub(2) else { break };
                if self.is_newline(i) {
                    break;
                }
                i
            };
            let (ls, le) = self.line_of(next_line);
            if let Some(w) = (ls..=le).find(|&k| self.tokens[k].kind == TokenKind::Word) {
                out.push(w);
            }
            (s, e) = (ls, le);
        }
        out
    }

    /// Alone on its line (but for bullets and versions), with one of the
    /// three lines before or after (in the same block) starting with an
    /// accepted skill.
    fn on_skill_bullet_line(&self, c: &Candidate, starts_accepted: &HashSet<usize>) -> bool {
        let (s, e) = self.line_of(c.first);
        let alone = (s..=e).all(|k| {
            (c.first..=c.last).contains(&k) || self.tokens[k].kind == TokenKind::Punct || self.is_version_number(k)
        });
        if !alone {
            return false;
        }
        [false, true]
            .into_iter()
            .flat_map(|fwd| self.nearby_line_first_words(s, e, fwd, 3))
            .any(|w| starts_accepted.contains(&w))
    }

    /// Decides every candidate; returns which count.
    fn resolve(&self, cands: &[Candidate], rejected: &mut Vec<Rejection>) -> Vec<bool> {
        let mut accepted = vec![false; cands.len()];
        let mut pending = Vec::new();
        // The sets the context rules need, only when some form is ambiguous.
        let starts: HashSet<usize> =
            if cands.iter().any(|c| c.ambiguous) { cands.iter().map(|c| c.first).collect() } else { HashSet::new() };
        for (i, c) in cands.iter().enumerate() {
            let named = || self.starts_a_name(c, &starts).or_else(|| self.ends_a_name(c, &starts));
            if let Some(reason) = self.vetoed(c).or_else(|| c.ambiguous.then(named).flatten()) {
                self.reject(c, reason, rejected);
                continue;
            }
            if !c.ambiguous {
                accepted[i] = true;
                continue;
            }
            let accept = &self.taxonomy.skills[c.skill].accept;
            if (accept.contains(&AcceptContext::Cue) && self.has_cue(c))
                || (accept.contains(&AcceptContext::Prep) && self.in_prep_frame(c))
            {
                accepted[i] = true;
            } else {
                pending.push(i);
            }
        }
        if pending.is_empty() {
            return accepted;
        }
        // List neighbours and bullet lines depend on what else counts:
        // repeat until nothing changes.
        loop {
            let firsts: HashSet<usize> =
                cands.iter().zip(&accepted).filter(|(_, a)| **a).map(|(c, _)| c.first).collect();
            let lasts: HashSet<usize> = cands.iter().zip(&accepted).filter(|(_, a)| **a).map(|(c, _)| c.last).collect();
            let mut changed = false;
            pending.retain(|&i| {
                let c = &cands[i];
                let accept = &self.taxonomy.skills[c.skill].accept;
                let by_list = accept.contains(&AcceptContext::List)
                    && (self.item_neighbour(c, false).is_some_and(|n| lasts.contains(&n))
                        || self.item_neighbour(c, true).is_some_and(|n| firsts.contains(&n)));
                let by_bullet = accept.contains(&AcceptContext::Bullet)
                    && (self.on_skill_bullet_line(c, &firsts) || self.in_skill_sentences(c, &firsts));
                if by_list || by_bullet {
                    accepted[i] = true;
                    changed = true;
                    false
                } else {
                    true
                }
            });
            if !changed {
                break;
            }
        }
        // A list of ambiguous forms ("C, Go, Rust") is a list of skills:
        // accept its members together when there are three or more, or two
        // or more that are all programming languages ("Rust and Go").
        let by_first: HashMap<usize, usize> = pending.iter().map(|&i| (cands[i].first, i)).collect();
        let by_last: HashMap<usize, usize> = pending.iter().map(|&i| (cands[i].last, i)).collect();
        let mut chained: HashSet<usize> = HashSet::new();
        for &i in &pending {
            if chained.contains(&i) {
                continue;
            }
            // Walk left to the start of the chain, then right.
            let mut head = i;
            while let Some(&prev) = self.item_neighbour(&cands[head], false).and_then(|n| by_last.get(&n)) {
                if prev == head || prev == i {
                    break;
                }
                head = prev;
            }
            let mut chain = vec![head];
            while let Some(&next) =
                self.item_neighbour(&cands[*chain.last().unwrap_or(&head)], true).and_then(|n| by_first.get(&n))
            {
                if chain.contains(&next) {
                    break;
                }
                chain.push(next);
            }
            let all_languages = chain
                .iter()
                .all(|&k| self.taxonomy.skills[cands[k].skill].category == crate::extract::Category::Language);
            if chain.len() >= 3 || (chain.len() == 2 && all_languages) {
                chained.extend(chain.iter().copied());
            }
        }
        for &i in &pending {
            if chained.contains(&i) {
                accepted[i] = true;
            } else {
                self.reject(&cands[i], "ambiguous form without context".to_string(), rejected);
            }
        }
        accepted
    }

    fn reject(&self, c: &Candidate, reason: String, rejected: &mut Vec<Rejection>) {
        rejected.push(Rejection {
            skill: c.skill,
            start: self.tokens[c.first].start,
            end: self.tokens[c.last].end,
            reason,
        });
    }
}
