//! Which postings are the same job: the same company after normalisation,
//! the same or a near-same title, and a near-duplicate description (the
//! Jaccard similarity of their word-pair shingles, estimated from a
//! MinHash signature of [`SIGNATURE_LEN`] 16-bit values, which the store
//! keeps beside each posting). Pure: the store asks for a posting's
//! blocking keys, finds the stored postings that share one, and asks
//! [`same_job`] about each.
//!
//! Blocking keys (see [`block_keys`]): the company with the title's words,
//! and the company with each of [`BANDS`] bands of two signature values,
//! so a reworded title with a near-duplicate description is still a
//! candidate. A posting without a company gets no keys: it is a job of its
//! own.

use std::collections::BTreeSet;

/// Least description similarity (Jaccard of word-pair shingles, exact) of two
/// postings of one job whose titles agree; chosen on
/// `fixtures/dedupe/pairs.jsonl` (README, "One job, counted once").
pub const MIN_DESCRIPTION_SIMILARITY: f64 = 0.4;
/// Least title similarity (Jaccard of the titles' words).
pub const MIN_TITLE_SIMILARITY: f64 = 0.5;
/// What a pair without a title on both sides needs on top.
pub const UNTITLED_MARGIN: f64 = 0.2;
/// MinHash bands (of two values each) that serve as blocking keys.
pub const BANDS: usize = 8;
/// Values in a description's MinHash signature.
pub const SIGNATURE_LEN: usize = 64;

/// Legal forms and domain endings: never part of a company's name here.
const COMPANY_NOISE: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "plc",
    "sa",
    "ag",
    "bv",
    "oy",
    "ab",
    "as",
    "srl",
    "sas",
    "pty",
    "the",
    "com",
    "io",
    "ai",
    "hq",
];
/// Words a company's name may carry or not ("Quillstone Software" is
/// "Quillstone"), dropped when another word remains.
const COMPANY_GENERIC: &[&str] =
    &["software", "technologies", "technology", "tech", "labs", "group", "holdings", "systems", "solutions", "global"];

/// Title words that carry no meaning of their own.
const TITLE_NOISE: &[&str] =
    &["the", "a", "an", "and", "of", "for", "in", "at", "m", "f", "d", "w", "x", "h", "all", "genders", "gn"];

/// Seniority words: two titles that state different ones are different jobs.
const LEVELS: &[&str] =
    &["intern", "junior", "mid", "senior", "staff", "principal", "lead", "head", "director", "manager", "vp"];

/// What the linker compares of one posting.
#[derive(Debug, Clone, PartialEq)]
pub struct JobText {
    /// The normalised company (empty: none, never linked).
    pub company: String,
    /// The title's normalised words (None: no title).
    pub title: Option<BTreeSet<String>>,
    /// The description's shingles, sorted and distinct.
    pub shingles: Vec<u64>,
    /// Their MinHash signature (empty: too few words).
    pub signature: Vec<u16>,
    /// The title as [`description_floor`] compares it, without reading
    /// its words for every candidate: each word's 64-bit hash, sorted and
    /// distinct (two words hashing alike: a chance of 1 in 2^64 per pair),
    /// and the seniority words it names, one bit per entry of `LEVELS`
    /// (empty and 0 without a title).
    pub title_key: (Vec<u64>, u16),
    /// The keys it is filed and its candidates found under
    /// ([`block_keys`]), made with it: where a crawl parses its pages, on
    /// every core, not on the writer's thread.
    pub keys: Vec<i64>,
    /// What ranking it as a candidate reads ([`Card::of`]), made with it.
    pub card: Card,
}

impl JobText {
    /// Reads a posting's company, title and (normalised) description.
    pub fn new(company: Option<&str>, title: Option<&str>, description: &str) -> JobText {
        let shingles = shingles(description);
        let signature = signature(&shingles);
        JobText::with_signature(company, title, shingles, signature)
    }

    /// A stored posting's text, from its description's shingles and its
    /// stored signature.
    pub fn with_signature(
        company: Option<&str>,
        title: Option<&str>,
        shingles: Vec<u64>,
        signature: Vec<u16>,
    ) -> JobText {
        let title = title.map(title_words).filter(|w| !w.is_empty());
        let mut text = JobText {
            company: company.map(normalise_company).unwrap_or_default(),
            title_key: title.as_ref().map_or((Vec::new(), 0), title_key),
            title,
            signature,
            shingles,
            keys: Vec::new(),
            card: Card { signature: None, company: None, title: None, levels: 0 },
        };
        text.keys = block_keys(&text);
        text.card = Card::of(&text);
        text
    }
}

/// A title's [`JobText::title_key`].
fn title_key(words: &BTreeSet<String>) -> (Vec<u64>, u16) {
    let mut hashes: Vec<u64> = words.iter().map(|w| fnv(w.bytes(), 2)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    let levels = LEVELS.iter().enumerate().filter(|(_, l)| words.contains(**l)).fold(0u16, |m, (i, _)| m | 1 << i);
    (hashes, levels)
}

/// A company name as compared: lower case, letters and digits only (no
/// spaces: "Nimbus Weather" is "nimbusweather.io"), legal forms, domain
/// endings and generic words dropped ("Acme Software, Inc." is "acme").
pub fn normalise_company(name: &str) -> String {
    let words: Vec<String> = words(name).filter(|w| !COMPANY_NOISE.contains(&w.as_str())).collect();
    let specific: Vec<&String> = words.iter().filter(|w| !COMPANY_GENERIC.contains(&w.as_str())).collect();
    if specific.is_empty() { words.concat() } else { specific.into_iter().map(String::as_str).collect() }
}

/// A title's words: lower case, common abbreviations spelt out, filler
/// and gender markers ("(m/f/d)") dropped.
pub fn title_words(title: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in words(title) {
        let spelt: &[&str] = match w.as_str() {
            "sr" => &["senior"],
            "jr" => &["junior"],
            "eng" | "engr" | "developer" | "dev" | "programmer" => &["engineer"],
            "swe" => &["software", "engineer"],
            "sre" => &["site", "reliability", "engineer"],
            "ml" => &["machine", "learning"],
            "mgr" => &["manager"],
            "back" => &["backend"],
            "front" => &["frontend"],
            "fullstack" => &["full", "stack"],
            "end" => &[],
            w if TITLE_NOISE.contains(&w) => &[],
            _ => {
                out.insert(w);
                continue;
            }
        };
        out.extend(spelt.iter().map(|s| s.to_string()));
    }
    out
}

/// Lower-case alphanumeric words.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// FNV-1a, 64 bits: stable across builds (keys are stored).
fn fnv(bytes: impl IntoIterator<Item = u8>, seed: u64) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// SplitMix64's finaliser: one of the MinHash permutations per seed.
fn mix(x: u64, seed: u64) -> u64 {
    let mut z = x ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The description's word pairs, hashed, sorted and distinct.
pub fn shingles(description: &str) -> Vec<u64> {
    let hashes: Vec<u64> = words(description).map(|w| fnv(w.bytes(), 0)).collect();
    let mut out: Vec<u64> = hashes.windows(2).map(|p| mix(p[0], p[1])).collect();
    if out.is_empty() {
        out.extend(hashes);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a set of shingles: for each of
/// [`SIGNATURE_LEN`] hash functions `h + i·g` (two hashes of the shingle,
/// Kirsch and Mitzenmacher's double hashing: one addition per function),
/// the top 16 bits of the least value (empty for fewer than 4 shingles).
pub fn signature(shingles: &[u64]) -> Vec<u16> {
    if shingles.len() < 4 {
        return Vec::new();
    }
    let mut least = [u64::MAX; SIGNATURE_LEN];
    for &s in shingles {
        let (mut h, g) = (mix(s, 17), mix(s, 18) | 1);
        for m in least.iter_mut() {
            *m = (*m).min(h);
            h = h.wrapping_add(g);
        }
    }
    least.iter().map(|m| (m >> 48) as u16).collect()
}

/// The Jaccard similarity two signatures estimate (0 when one is empty).
pub fn estimated_similarity(a: &[u16], b: &[u16]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// A signature as stored (little-endian bytes), and back.
pub fn signature_bytes(s: &[u16]) -> Vec<u8> {
    s.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The signature stored as `bytes` (a torn value is dropped).
pub fn signature_from_bytes(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()
}

/// The Jaccard similarity of two sorted, distinct sets.
pub fn jaccard<T: Ord>(a: impl IntoIterator<Item = T>, b: impl IntoIterator<Item = T>) -> f64 {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    let (mut both, mut either) = (0usize, 0usize);
    loop {
        let step = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        either += 1;
        match step {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                both += 1;
                a.next();
                b.next();
            }
        }
    }
    if either == 0 { 1.0 } else { both as f64 / either as f64 }
}

/// [`jaccard`] of two sorted, distinct sets of hashes, by a merge without
/// a branch per step (a link is confirmed on its descriptions' shingles,
/// hundreds each, where the generic merge's branches mispredicted).
fn jaccard_hashes(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        both += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    let either = a.len() + b.len() - both;
    if either == 0 { 1.0 } else { both as f64 / either as f64 }
}

/// The keys under which a posting is filed and its candidates found
/// (empty without a company).
pub fn block_keys(t: &JobText) -> Vec<i64> {
    if t.company.is_empty() {
        return Vec::new();
    }
    let company = fnv(t.company.bytes(), 1);
    let mut keys = Vec::with_capacity(BANDS + 1);
    if let Some(title) = &t.title {
        let plain: Vec<&str> = title.iter().map(String::as_str).filter(|w| !LEVELS.contains(w)).collect();
        keys.push(fnv(plain.join(" ").bytes(), company) as i64);
    }
    for (band, pair) in t.signature.chunks_exact(2).take(BANDS).enumerate() {
        let value = (u64::from(pair[0]) << 16) | u64::from(pair[1]);
        keys.push(mix(value, company ^ band as u64) as i64);
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// How alike two postings are as one job: None when they cannot be one
/// (another company, titles or levels that disagree, descriptions too far
/// apart), else the description similarity.
pub fn same_job(a: &JobText, b: &JobText) -> Option<f64> {
    same_job_at(a, b, MIN_DESCRIPTION_SIMILARITY)
}

/// [`same_job`] with another least description similarity (to measure the
/// threshold's curve).
pub fn same_job_at(a: &JobText, b: &JobText, min_description: f64) -> Option<f64> {
    let floor = description_floor(a, b, min_description)?;
    let sim = jaccard_hashes(&a.shingles, &b.shingles);
    (sim >= floor).then_some(sim)
}

/// How far below the floor a signature's estimate may fall and the pair
/// still be checked on its text (64 values: about 2.5 standard errors).
pub const ESTIMATE_SLACK: f64 = 0.15;

/// Whether `b` (its company, title and signature: `b.shingles` may be
/// empty) may be the same job as `a`, by the signatures' estimate; the
/// estimate, for ranking, to be confirmed by [`same_job`] on the text.
pub fn may_be_same_job(a: &JobText, b: &JobText) -> Option<f64> {
    may_be_above(&a.signature, &b.signature, description_floor(a, b, MIN_DESCRIPTION_SIMILARITY)?)
}

/// The similarity two signatures estimate, when it may reach `floor`
/// (within [`ESTIMATE_SLACK`]): [`may_be_same_job`] once the floor of the
/// two postings' companies and titles is known.
pub fn may_be_above(a: &[u16], b: &[u16], floor: f64) -> Option<f64> {
    let estimate = estimated_similarity(a, b);
    (estimate >= floor - ESTIMATE_SLACK).then_some(estimate)
}

/// The least description similarity two postings need to be one job, or
/// None when their companies, titles or levels already disagree (read
/// before any description is).
pub fn description_floor(a: &JobText, b: &JobText, min_description: f64) -> Option<f64> {
    if a.company.is_empty() || a.company != b.company {
        return None;
    }
    let ((hash_a, levels_a), (hash_b, levels_b)) = (&a.title_key, &b.title_key);
    Some(match (&a.title, &b.title) {
        // The same words: the same levels and a similarity of 1 (the
        // usual candidate, checked on the hashes, then the words).
        (Some(x), Some(y)) if hash_a == hash_b && x == y => min_description,
        (Some(x), Some(y)) => {
            // Both name a level, and not the same ones (this runs for
            // every candidate: one comparison of the levels' bits).
            if *levels_a != 0 && *levels_b != 0 && levels_a != levels_b {
                return None;
            }
            // On the words' hashes (the words themselves when the hashes
            // agree and the words do not).
            let similarity = if hash_a == hash_b { jaccard(x.iter(), y.iter()) } else { jaccard(hash_a, hash_b) };
            if similarity < MIN_TITLE_SIMILARITY {
                return None;
            }
            min_description
        }
        _ => min_description + UNTITLED_MARGIN,
    })
}

/// Most title words a [`Card`] holds (a longer title is compared on the
/// texts).
const CARD_TITLE_WORDS: usize = 8;

/// What ranking a candidate reads of a posting, in one value with no
/// pointer to follow: its signature, its company's hash and its title's
/// word hashes and levels. The linker ranks every candidate of a posting
/// (dozens on a company's template) and reads their texts only to confirm
/// the best few; read from [`JobText`]s instead, each candidate cost five
/// or more cache misses (the signature, company, title hashes and words
/// each on the heap).
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The signature, when it has [`SIGNATURE_LEN`] values.
    signature: Option<[u16; SIGNATURE_LEN]>,
    /// The normalised company's hash (None: no company).
    company: Option<u64>,
    /// The title's word hashes (as [`JobText::title_key`]) and how many
    /// (None: no title; `CARD_TITLE_WORDS + 1`: too many to hold).
    title: Option<([u64; CARD_TITLE_WORDS], usize)>,
    /// The title's levels, one bit per entry of `LEVELS`.
    levels: u16,
}

/// What two cards say of two postings as one job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ranked {
    /// They cannot be one job.
    Unlike,
    /// They may be, by this estimate of their descriptions' similarity.
    Likely(f64),
    /// The cards cannot tell (no signature, a long title): ask
    /// [`description_floor`] and [`may_be_above`] of the texts.
    Undecided,
}

impl Card {
    /// The card of a posting's text.
    pub fn of(t: &JobText) -> Card {
        let (hashes, levels) = &t.title_key;
        let title = t.title.as_ref().map(|_| {
            let mut held = [0u64; CARD_TITLE_WORDS];
            let n = hashes.len().min(CARD_TITLE_WORDS);
            held[..n].copy_from_slice(&hashes[..n]);
            (held, if hashes.len() > CARD_TITLE_WORDS { CARD_TITLE_WORDS + 1 } else { n })
        });
        Card {
            signature: <[u16; SIGNATURE_LEN]>::try_from(t.signature.as_slice()).ok(),
            company: (!t.company.is_empty()).then(|| fnv(t.company.bytes(), 1)),
            title,
            levels: *levels,
        }
    }

    /// [`may_be_above`] of the two signatures at [`description_floor`] of
    /// the two postings, from the cards: the same answer, but for the
    /// companies and titles compared on their hashes (two hashing alike: a
    /// chance of 1 in 2^64 per pair, as with the title words already).
    pub fn rank(&self, other: &Card) -> Ranked {
        let (Some(a), Some(b)) = (&self.signature, &other.signature) else { return Ranked::Undecided };
        if self.company.is_none() || self.company != other.company {
            return Ranked::Unlike;
        }
        let long = |title: &Option<([u64; CARD_TITLE_WORDS], usize)>| title.is_some_and(|t| t.1 > CARD_TITLE_WORDS);
        if long(&self.title) || long(&other.title) {
            return Ranked::Undecided;
        }
        let floor = match (&self.title, &other.title) {
            (Some((x, n)), Some((y, m))) => {
                let (x, y) = (&x[..*n], &y[..*m]);
                if x != y {
                    if self.levels != 0 && other.levels != 0 && self.levels != other.levels {
                        return Ranked::Unlike;
                    }
                    if jaccard_hashes(x, y) < MIN_TITLE_SIMILARITY {
                        return Ranked::Unlike;
                    }
                }
                MIN_DESCRIPTION_SIMILARITY
            }
            _ => MIN_DESCRIPTION_SIMILARITY + UNTITLED_MARGIN,
        };
        let same = a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum::<u32>();
        let estimate = f64::from(same) / SIGNATURE_LEN as f64;
        if estimate >= floor - ESTIMATE_SLACK { Ranked::Likely(estimate) } else { Ranked::Unlike }
    }
}

/// Whether the linker links two postings: they share a blocking key and
/// [`same_job`] says yes (what the labelled pairs measure).
pub fn linked(a: &JobText, b: &JobText) -> bool {
    linked_at(a, b, MIN_DESCRIPTION_SIMILARITY)
}

/// [`linked`] at another least description similarity.
pub fn linked_at(a: &JobText, b: &JobText, min_description: f64) -> bool {
    a.keys.iter().any(|k| b.keys.binary_search(k).is_ok()) && same_job_at(a, b, min_description).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companies_and_titles_are_normalised() {
        assert_eq!(normalise_company("Acme, Inc."), "acme");
        assert_eq!(normalise_company("acme.io"), "acme");
        assert_eq!(normalise_company("Nimbus Weather GmbH"), normalise_company("nimbusweather.io"));
        assert_eq!(normalise_company("Quillstone Software AB"), "quillstone");
        assert_eq!(normalise_company("Acme Software"), "acme");
        assert_eq!(normalise_company("Software Group"), "softwaregroup");
        assert_eq!(normalise_company("The Acme Corporation"), "acme");
        let t: Vec<String> = title_words("Sr. Back-End Eng (m/f/d)").into_iter().collect();
        assert_eq!(t, ["backend", "engineer", "senior"]);
    }

    #[test]
    fn reworded_copies_link_and_other_jobs_do_not() {
        let text = "We build payment rails for small shops. You will design APIs in Go, run Postgres \
                    at scale and mentor two engineers. Remote in Europe, four day weeks.";
        let a = JobText::new(Some("Acme Inc"), Some("Senior Backend Engineer"), text);
        let b = JobText::new(Some("ACME"), Some("Backend Engineer, Senior"), &format!("{text} Apply today."));
        assert!(linked(&a, &b));
        let c = JobText::new(Some("Acme"), Some("Staff Backend Engineer"), text);
        assert!(!linked(&a, &c), "another level is another job");
        let d = JobText::new(Some("Initech"), Some("Senior Backend Engineer"), text);
        assert!(!linked(&a, &d), "another company is another job");
        assert!(block_keys(&JobText::new(None, Some("x"), text)).is_empty());
        assert_eq!(signature_from_bytes(&signature_bytes(&a.signature)), a.signature);
        assert_eq!(a.signature.len(), SIGNATURE_LEN);
    }

    /// The merge without branches counts as the generic one.
    #[test]
    fn jaccard_of_hashes_is_jaccard() {
        let mut rng = fastrand::Rng::with_seed(3);
        let set = |rng: &mut fastrand::Rng| {
            let n = rng.usize(0..30);
            let mut v: Vec<u64> = (0..n).map(|_| rng.u64(0..40)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for _ in 0..500 {
            let (a, b) = (set(&mut rng), set(&mut rng));
            assert_eq!(jaccard_hashes(&a, &b), jaccard(a.iter(), b.iter()), "{a:?} {b:?}");
        }
    }

    /// A card ranks as the texts do: the floor of their companies and
    /// titles, and the signatures' estimate above it.
    #[test]
    fn cards_rank_as_the_texts_do() {
        let text = "We build payment rails for small shops. You will design APIs in Go, run Postgres \
                    at scale and mentor two engineers. Remote in Europe, four day weeks.";
        let other = "We sell garden furniture online. You will keep our warehouse software running, \
                     answer pages at night and plan two migrations a year.";
        let texts = [
            JobText::new(Some("Acme Inc"), Some("Senior Backend Engineer"), text),
            JobText::new(Some("ACME"), Some("Backend Engineer, Senior"), &format!("{text} Apply today.")),
            JobText::new(Some("Acme"), Some("Staff Backend Engineer"), text),
            JobText::new(Some("Acme"), Some("Backend Engineer"), text),
            JobText::new(Some("Acme"), Some("Data Scientist"), text),
            JobText::new(Some("Acme"), None, text),
            JobText::new(Some("Acme"), Some("Senior Backend Engineer"), other),
            JobText::new(Some("Initech"), Some("Senior Backend Engineer"), text),
            JobText::new(None, Some("Senior Backend Engineer"), text),
            JobText::new(Some("Acme"), Some("Senior Backend Engineer"), "too short"),
            JobText::new(Some("Acme"), Some("Senior Principal Staff Backend Platform Payments API Go Engineer"), text),
        ];
        let mut seen = [0; 3];
        for a in &texts {
            for b in &texts {
                let by_text = description_floor(a, b, MIN_DESCRIPTION_SIMILARITY)
                    .and_then(|f| may_be_above(&a.signature, &b.signature, f));
                let ranked = Card::of(a).rank(&Card::of(b));
                seen[match ranked {
                    Ranked::Likely(_) => 0,
                    Ranked::Unlike => 1,
                    Ranked::Undecided => 2,
                }] += 1;
                match ranked {
                    Ranked::Likely(e) => assert_eq!(by_text, Some(e), "{a:?} {b:?}"),
                    Ranked::Unlike => assert_eq!(by_text, None, "{a:?} {b:?}"),
                    Ranked::Undecided => {
                        assert!(
                            a.signature.len() != SIGNATURE_LEN
                                || b.signature.len() != SIGNATURE_LEN
                                || a.title_key.0.len() > CARD_TITLE_WORDS
                                || b.title_key.0.len() > CARD_TITLE_WORDS
                        )
                    }
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 4), "likely, unlike, undecided: {seen:?}");
    }
}
