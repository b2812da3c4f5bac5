//! One anchored leftmost-longest search of a contiguous Aho-Corasick NFA,
//! stepped here byte by byte: the answer of `AhoCorasick::find` with an
//! anchored `Input`, without its per-call set-up (input checks, the
//! dynamic dispatch, the search configuration), which the roles readers
//! pay once per word.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// A leftmost-longest contiguous NFA of `keys`, ASCII case-insensitive or not.
pub(crate) fn build(keys: &[String], ascii_case_insensitive: bool) -> Result<NFA, aho_corasick::BuildError> {
    NFA::builder().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(ascii_case_insensitive).build(keys)
}

/// The longest key that starts at `hay[at]` (its pattern index and end), as
/// an anchored leftmost-longest `find` over `hay[at..]` reports it: the
/// last state's first match that starts at `at`, until the search dies.
#[inline]
pub(crate) fn longest_at(nfa: &NFA, hay: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut sid = nfa.start_state(Anchored::Yes).ok()?;
    let mut best = None;
    let whole = |sid, end: usize| {
        let p = nfa.match_pattern(sid, 0);
        (end - at == nfa.pattern_len(p)).then_some((p.as_usize(), end))
    };
    if nfa.is_match(sid) {
        best = whole(sid, at);
    }
    for (i, &b) in hay.iter().enumerate().skip(at) {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_special(sid) {
            if nfa.is_dead(sid) {
                return best;
            }
            if nfa.is_match(sid)
                && let Some(m) = whole(sid, i + 1)
            {
                best = Some(m);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, StartKind};

    use super::*;

    /// The same answers as the library's anchored `find`, at every start.
    #[test]
    fn answers_as_the_anchored_find_does() {
        let keys: Vec<String> =
            ["go ", "golang ", "go to ", "ang ", "senior ", "senior engineer ", "c++ ", "engineer ", "er "]
                .map(String::from)
                .into();
        let hay = "Senior Engineer go to golang, c++ engineers; GO TO eng er x";
        for insensitive in [false, true] {
            let nfa = build(&keys, insensitive).unwrap();
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(insensitive)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&keys)
                .unwrap();
            for at in 0..=hay.len() {
                let want = ac
                    .find(Input::new(hay).span(at..hay.len()).anchored(Anchored::Yes))
                    .map(|m| (m.pattern().as_usize(), m.end()));
                assert_eq!(longest_at(&nfa, hay.as_bytes(), at), want, "at {at}, insensitive {insensitive}");
            }
        }
    }
}
