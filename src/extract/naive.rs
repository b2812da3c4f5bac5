//! The naive baseline: every alias in any case, found in one Aho-Corasick
//! pass with word boundaries and no rules — the matcher most trend scripts
//! use. Kept to show (in the accuracy table and the benchmark) what the
//! rules buy, and what they cost.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::Result;

use super::taxonomy::Taxonomy;

/// A case-insensitive word-boundary matcher over all aliases.
pub struct NaiveMatcher {
    automaton: AhoCorasick,
    /// Pattern index → skill ids.
    skills: Vec<String>,
}

impl NaiveMatcher {
    pub fn new(taxonomy: &Taxonomy) -> Result<NaiveMatcher> {
        let mut patterns = Vec::new();
        let mut skills = Vec::new();
        for s in &taxonomy.skills {
            for form in s.aliases.iter().chain(&s.aliases_cs).chain(&s.ambiguous) {
                patterns.push(form.to_lowercase());
                skills.push(s.id.clone());
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        Ok(NaiveMatcher { automaton, skills })
    }

    /// Sorted skill ids found in `text`.
    pub fn skill_ids(&self, text: &str) -> Vec<&str> {
        let b = text.as_bytes();
        let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80);
        let mut found = BTreeSet::new();
        for m in self.automaton.find_iter(text) {
            let before_ok = m.start() == 0 || !word(m.start() - 1);
            if before_ok && !word(m.end()) {
                found.insert(self.skills[m.pattern().as_usize()].as_str());
            }
        }
        found.into_iter().collect()
    }

    /// Number of matches (for the benchmark: no allocation per match).
    pub fn count(&self, text: &str) -> usize {
        let b = text.as_bytes();
        let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80);
        self.automaton.find_iter(text).filter(|m| (m.start() == 0 || !word(m.start() - 1)) && !word(m.end())).count()
    }
}
