//! Property tests of the tokenizer and the matcher, on arbitrary Unicode
//! and on posting-like text built from skill names, look-alikes and URLs:
//! they never panic, every offset is a char boundary inside the text, and
//! a URL never adds or removes a mention.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use skilltrend::extract::tokenize::tokenize;
use skilltrend::extract::{Extractor, Taxonomy};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).expect("extractor"))
}

/// Words a posting is made of: skills, their look-alikes, ambiguous words,
/// separators, bullets and the odd character that trips up tokenizers.
const WORDS: &[&str] = &[
    "Python",
    "python3.11",
    "Java",
    "JavaScript",
    "java17",
    "PHP",
    "php8",
    "SQL",
    "MySQL",
    "PostgreSQL",
    "Go",
    "go",
    "Golang",
    "Rust",
    "rust",
    "C",
    "C++",
    "C#",
    "F#",
    ".NET",
    "ASP.NET",
    "R",
    "Ruby",
    "on",
    "Rails",
    "Node.js",
    "node",
    "React",
    "react",
    "Swift",
    "Scala",
    "Kotlin",
    "Elixir",
    "Spring",
    "Docker",
    "Kubernetes",
    "AWS",
    "the",
    "we",
    "use",
    "and",
    "or",
    "with",
    "to",
    "of",
    "experience",
    "in",
    "team",
    "Senior",
    "Engineer",
    "Backend",
    "(",
    ")",
    ",",
    "/",
    "-",
    ":",
    ";",
    ".",
    "&",
    "+",
    "#",
    "\n",
    "\n- ",
    "\n• ",
    "\n\n",
    "  ",
    "é",
    "ß",
    "日本",
    "🦀",
    "\u{200B}",
    "'s",
    "’",
    "—",
    "–",
    "\t",
];

/// Things the masker must take out: URLs, e-mail addresses, bare domains.
const URLS: &[&str] = &[
    "https://example.com/python/java.php",
    "http://jobs.acme.io/apply?lang=go&db=sql",
    "careers.acme.io/apply.php",
    "jobs@acme.io",
    "https://github.com/rust-lang/rust",
    "www.php.net",
    "https://acme.example/jobs/senior-java-engineer#apply",
];

fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::sample::select(WORDS).prop_map(str::to_string), 0..60)
}

/// A posting-like text: words joined by spaces.
fn posting() -> impl Strategy<Value = String> {
    words().prop_map(|w| w.join(" "))
}

/// Mention counts per skill id.
fn counts(text: &str) -> BTreeMap<String, u32> {
    let ex = extractor();
    ex.extract(text).counts().into_iter().map(|c| (ex.taxonomy().skills[c.skill].id.clone(), c.mentions)).collect()
}

fn assert_offsets(text: &str) -> Result<(), TestCaseError> {
    let mut last = 0;
    for t in tokenize(text) {
        prop_assert!(t.start < t.end && t.end <= text.len(), "token {t:?} outside {text:?}");
        prop_assert!(t.start <= t.version_at && t.version_at <= t.end, "{t:?}");
        for at in [t.start, t.end, t.version_at] {
            prop_assert!(text.is_char_boundary(at), "token {t:?} splits a character of {text:?}");
        }
        prop_assert!(t.start >= last, "tokens out of order in {text:?}");
        last = t.end;
    }
    let ex = extractor().extract(text);
    let norm: &str = &ex.text;
    let mut last = 0;
    for m in &ex.mentions {
        prop_assert!(m.start < m.end && m.end <= norm.len(), "mention {m:?} outside {norm:?}");
        prop_assert!(norm.is_char_boundary(m.start) && norm.is_char_boundary(m.end), "mention {m:?} in {norm:?}");
        prop_assert!(m.start >= last, "mentions out of order in {norm:?}");
        last = m.start;
    }
    for r in &ex.rejected {
        prop_assert!(r.start < r.end && r.end <= norm.len(), "rejection {r:?} outside {norm:?}");
        prop_assert!(norm.is_char_boundary(r.start) && norm.is_char_boundary(r.end), "rejection {r:?} in {norm:?}");
    }
    Ok(())
}

proptest! {
    // 512 cases in CI; `PROPTEST_CASES=100000` for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_unicode_text_has_offsets_on_char_boundaries(text in any::<String>()) {
        assert_offsets(&text)?;
    }

    #[test]
    fn posting_like_text_has_offsets_on_char_boundaries(text in posting()) {
        assert_offsets(&text)?;
    }

    #[test]
    fn arbitrary_html_never_panics_and_becomes_clean_text(
        parts in prop::collection::vec(prop_oneof![
            prop::sample::select(&["<p>", "</p>", "<li>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#0;",
                                   "&#x1F980;", "&", "<", ">", "&lt;b&gt;", "<![CDATA[", "]]>", "<a href=\"", "\"", "&#xD800;"][..])
                .prop_map(str::to_string),
            prop::sample::select(WORDS).prop_map(str::to_string),
            any::<String>(),
        ], 0..40)
    ) {
        let html = parts.concat();
        let text = skilltrend::extract::text::html_to_text(&html);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{text:?}");
        assert_offsets(&text)?;
    }

    #[test]
    fn urls_never_add_or_remove_a_mention(
        words in words(),
        urls in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(URLS)), 1..4)
    ) {
        let plain = words.join(" ");
        let mut with_urls = words.clone();
        for (at, url) in &urls {
            with_urls.insert(at.index(with_urls.len() + 1), url.to_string());
        }
        let with_urls = with_urls.join(" ");
        // Removing the URLs leaves their spaces: compare with that text.
        let mut removed = with_urls.clone();
        for (_, url) in &urls {
            removed = removed.replacen(url, "", 1);
        }
        prop_assert_eq!(counts(&with_urls), counts(&removed), "{:?} vs {:?}", with_urls, removed);
        prop_assert_eq!(counts(&removed), counts(&plain), "{:?} vs {:?}", removed, plain);
    }
}

/// The cases the properties found, kept as plain tests.
#[test]
fn regressions_found_by_the_properties() {
    // A URL's words once filled the window where a cue was looked for.
    assert_eq!(
        counts("Engineer https://example.com/python/java.php Python ( Python Go Python"),
        counts("Engineer Python ( Python Go Python")
    );
    // Two spaces once made "Go Senior" something else than "Go  Senior".
    assert_eq!(
        counts("experience Python Python Go  Senior Python"),
        counts("experience Python Python Go Senior Python")
    );
}
