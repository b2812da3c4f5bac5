//! A filter before an anchored automaton: the first words of its keys, as
//! a bit set of hashes. A word whose bit is clear starts no key, so the
//! automaton need not run from it (most words of a text).

/// A bit set of hashed words; a word whose bit is clear is not in it.
pub(crate) struct FirstWords(Box<[u64; FirstWords::WORDS]>);

impl FirstWords {
    const BITS: usize = 1 << 16;
    const WORDS: usize = Self::BITS / 64;

    /// The set of `words` (lower case).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> FirstWords {
        let mut bits = Box::new([0u64; Self::WORDS]);
        for w in words {
            let bit = Self::bit(w.as_bytes());
            bits[bit / 64] |= 1 << (bit % 64);
        }
        FirstWords(bits)
    }

    /// Whether `word`, ASCII lower-cased, may be in the set.
    #[inline]
    pub fn may_contain(&self, word: &[u8]) -> bool {
        let bit = Self::bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The bit of a word, ASCII lower-cased.
    #[inline]
    fn bit(word: &[u8]) -> usize {
        let h = word.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
        });
        ((h ^ (h >> 29)) as usize) % Self::BITS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_its_words_in_any_ascii_case_and_few_others() {
        let words = ["go", "ruby", "c++", "node.js", "software", "ﬁle"];
        let set = FirstWords::new(words);
        for w in words {
            assert!(set.may_contain(w.as_bytes()), "{w}");
            assert!(set.may_contain(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        let others: Vec<String> = (0..1000).map(|i| format!("w{i}x")).collect();
        let passed = others.iter().filter(|w| set.may_contain(w.as_bytes())).count();
        assert!(passed < 20, "{passed} of 1000 other words pass the filter");
    }
}
