//! Extraction throughput per core, on two corpora, against the simplest
//! fast matcher (one Aho-Corasick pass with word boundaries and no rules)
//! as the ceiling.
//!
//!     cargo bench --bench extract [-- MEGABYTES]
//!     cargo bench --bench extract -- --jsonl FILE [MEGABYTES]
//!
//! The second form writes the hn-like corpus as `{"id", "text"}` lines
//! (the shape of `extract --jsonl`'s input) and measures nothing, so the
//! binary can be timed on it exactly as on real threads.
//!
//! Each corpus (default 8 MB) is generated:
//! - "demo": job-board descriptions and HN-style comments from the demo
//!   generators, converted to text as the crawler stores them (short,
//!   clean, ASCII: it flatters);
//! - "hn-like": comments shaped like real "Who is hiring?" threads
//!   (`support/hn_like.rs`: HN's HTML and entities, real lengths and
//!   vocabulary, non-ASCII in four comments in ten), measured as stored
//!   text and end to end from the HTML.
//!
//! Times are the thread's CPU time (MB/s per core, whatever else the
//! machine runs; contention for caches still shows): the median of five
//! passes, with the slowest and fastest.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use skilltrend::demo::board::{BoardSpec, generate_with};
use skilltrend::extract::facts::posting_facts;
use skilltrend::extract::naive::NaiveMatcher;
use skilltrend::extract::text::html_to_text;
use skilltrend::extract::{Extractor, Taxonomy};

#[path = "support/hn_like.rs"]
mod hn_like;

/// The demo corpus: about `target_bytes` of stored text.
fn demo_corpus(target_bytes: usize) -> Vec<String> {
    let mut texts = Vec::new();
    let mut bytes = 0;
    let board = generate_with(&BoardSpec::bench(4000, 0));
    let hn = skilltrend::demo::hn::generate("/hn");
    let hn_texts: Vec<String> = hn
        .files
        .iter()
        .filter(|(p, _)| p.contains("/items/"))
        .flat_map(|(_, json)| {
            let v: serde_json::Value = serde_json::from_slice(json).unwrap_or_default();
            v["children"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|c| c["text"].as_str().map(html_to_text))
                .collect::<Vec<_>>()
        })
        .collect();
    let board_texts: Vec<String> = board
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("/jobs/") && !p.starts_with("/jobs/page") && p != "/jobs/index.html")
        .filter_map(|(_, html)| {
            let start = html.find("<div class=\"description\">")? + 25;
            let end = html[start..].find("</div>")? + start;
            Some(html_to_text(&html[start..end]))
        })
        .collect();
    let all: Vec<&String> = board_texts.iter().chain(&hn_texts).collect();
    while bytes < target_bytes {
        for t in &all {
            bytes += t.len();
            texts.push((*t).clone());
            if bytes >= target_bytes {
                break;
            }
        }
    }
    texts
}

/// The hn-like corpus: about `target_bytes` of comment HTML.
fn hn_like_corpus(target_bytes: usize) -> Vec<String> {
    let mut html = Vec::new();
    let mut bytes = 0;
    let mut seed = 1;
    while bytes < target_bytes {
        for c in hn_like::comments(1000, seed) {
            bytes += c.len();
            html.push(c);
        }
        seed += 1;
    }
    html
}

/// The CPU time this thread has used (Linux's scheduler statistics, in
/// nanoseconds; elsewhere the wall clock).
fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()));
    match on_cpu {
        Some(ns) => Duration::from_nanos(ns),
        None => START.get_or_init(std::time::Instant::now).elapsed(),
    }
}

/// Runs `f` over the texts (warmed up) in five runs of at least half a
/// second of CPU time each (the clock advances in scheduler ticks); prints
/// and returns the median MB/s per core, with the slowest and fastest.
fn measure(name: &str, texts: &[String], mut f: impl FnMut(&str) -> usize) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut sink = 0;
    for t in texts.iter().take(2000) {
        sink += f(t);
    }
    let mut rates: Vec<f64> = (0..5)
        .map(|_| {
            let (start, mut done) = (thread_cpu_time(), 0);
            while done == 0 || thread_cpu_time() - start < Duration::from_millis(500) {
                for t in texts {
                    sink += f(t);
                }
                done += bytes;
            }
            done as f64 / 1e6 / (thread_cpu_time() - start).as_secs_f64()
        })
        .collect();
    black_box(sink);
    rates.sort_by(f64::total_cmp);
    let median = rates[2];
    println!("  {name:<50} {median:>7.1} MB/s  ({:.1}–{:.1})", rates[0], rates[4]);
    median
}

/// Every measure of one corpus of stored (normalised) texts; the whole
/// pass's MB/s.
fn measure_stored(extractor: &Extractor, naive: &NaiveMatcher, texts: &[String]) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} postings, {:.1} MB of text, one thread", texts.len(), bytes as f64 / 1e6);
    measure("naive: one Aho-Corasick pass, word boundaries", texts, |t| naive.count(t));
    measure("skills: posting_skills (as the crawl stores)", texts, |t| extractor.posting_skills(None, t).len());
    let classifier = skilltrend::extract::facts::classifier();
    measure("roles and seniority alone", texts, |t| classifier.classify(None, t).roles.len());
    measure("pay alone", texts, |t| usize::from(skilltrend::extract::pay::scan_text(t).pay.is_some()));
    measure("roles, seniority and pay (posting_facts)", texts, |t| {
        let f = posting_facts(None, t, None);
        f.roles.len() + usize::from(f.pay.is_some())
    });
    measure("the crawl's pass: skills + roles + seniority + pay", texts, |t| pass(extractor, t))
}

/// What the crawl computes for one stored text.
fn pass(extractor: &Extractor, text: &str) -> usize {
    let f = posting_facts(None, text, None);
    extractor.posting_skills(None, text).len() + f.roles.len() + usize::from(f.pay.is_some())
}

/// Writes the hn-like corpus to `path` as `extract --jsonl` input.
fn write_jsonl(path: &str, mb: usize) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (id, html) in hn_like_corpus(mb * 1_000_000).iter().enumerate() {
        writeln!(out, "{}", serde_json::json!({ "id": id, "text": html }))?;
    }
    out.flush()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let jsonl = args.iter().position(|a| a == "--jsonl").and_then(|i| args.get(i + 1)).cloned();
    let mb: usize = args
        .iter()
        .filter(|a| !a.starts_with('-') && Some(*a) != jsonl.as_ref())
        .find_map(|a| a.parse().ok())
        .unwrap_or(8);
    if let Some(path) = jsonl {
        write_jsonl(&path, mb).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        return;
    }
    let taxonomy = Arc::new(Taxonomy::builtin());
    let extractor = Extractor::new(taxonomy.clone()).expect("the built-in taxonomy builds");
    let naive = NaiveMatcher::new(&taxonomy).expect("the naive matcher builds");

    println!("demo corpus:");
    let demo = measure_stored(&extractor, &naive, &demo_corpus(mb * 1_000_000));

    println!("hn-like corpus:");
    let html = hn_like_corpus(mb * 1_000_000);
    let stored: Vec<String> = html.iter().map(|h| html_to_text(h)).collect();
    let hn = measure_stored(&extractor, &naive, &stored);
    let html_bytes: usize = html.iter().map(String::len).sum();
    println!("{:.1} MB of comment HTML, one thread", html_bytes as f64 / 1e6);
    measure("HTML to text alone", &html, |h| html_to_text(h).len());
    let end_to_end =
        measure("end to end: HTML to text, then the whole pass", &html, |h| pass(&extractor, &html_to_text(h)));
    println!(
        "the whole pass: demo {demo:.1} MB/s, hn-like {hn:.1} MB/s of text, {end_to_end:.1} MB/s of HTML end to end (per core; goal 60)"
    );
}
