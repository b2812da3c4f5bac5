//! Extraction throughput on one core, against the simplest fast matcher
//! (one Aho-Corasick pass with word boundaries and no rules) as the ceiling.
//!
//!     cargo bench --bench extract [-- MEGABYTES]
//!
//! The corpus (default 24 MB) is generated: job-board descriptions and
//! HN-style comments from the demo generators, converted to text as the
//! crawler stores them.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use skilltrend::demo::board::{BoardSpec, generate_with};
use skilltrend::extract::facts::posting_facts;
use skilltrend::extract::naive::NaiveMatcher;
use skilltrend::extract::text::html_to_text;
use skilltrend::extract::{Extractor, Taxonomy};

fn corpus(target_bytes: usize) -> Vec<String> {
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

fn measure(name: &str, texts: &[String], bytes: usize, mut f: impl FnMut(&str) -> usize) -> f64 {
    // One warm-up pass, then the best of three.
    let mut sink = 0;
    for t in texts.iter().take(2000) {
        sink += f(t);
    }
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        for t in texts {
            sink += f(t);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    black_box(sink);
    let mbs = bytes as f64 / 1e6 / best;
    println!("{name:<44} {mbs:>8.1} MB/s  ({:.0} postings/s)", texts.len() as f64 / best);
    mbs
}

fn main() {
    let mb: usize = std::env::args().skip(1).find(|a| !a.starts_with('-')).and_then(|a| a.parse().ok()).unwrap_or(24);
    let texts = corpus(mb * 1_000_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("corpus: {} postings, {:.1} MB of text, one thread", texts.len(), bytes as f64 / 1e6);
    let taxonomy = Arc::new(Taxonomy::builtin());
    let extractor = Extractor::new(taxonomy.clone()).expect("the built-in taxonomy builds");
    let naive = NaiveMatcher::new(&taxonomy).expect("the naive matcher builds");
    let ceiling = measure("naive: one Aho-Corasick pass, word boundaries", &texts, bytes, |t| naive.count(t));
    let full = measure("skilltrend: all rules (extract)", &texts, bytes, |t| extractor.extract(t).mentions.len());
    let stored = measure("skilltrend: posting_skills (as crawl stores)", &texts, bytes, |t| {
        extractor.posting_skills(None, t).len()
    });
    let classifier = skilltrend::extract::facts::classifier();
    measure("roles and seniority alone", &texts, bytes, |t| classifier.classify(None, t).roles.len());
    measure("pay alone", &texts, bytes, |t| usize::from(skilltrend::extract::pay::scan_text(t).pay.is_some()));
    let facts = measure("roles, seniority and pay alone", &texts, bytes, |t| {
        let f = posting_facts(None, t, None);
        f.roles.len() + usize::from(f.pay.is_some())
    });
    let pass = measure("the crawl's pass: skills + roles + seniority + pay", &texts, bytes, |t| {
        let f = posting_facts(None, t, None);
        extractor.posting_skills(None, t).len() + f.roles.len() + usize::from(f.pay.is_some())
    });
    println!(
        "all rules: {:.0}% of the naive ceiling; posting_skills {stored:.1} MB/s; roles+pay alone {facts:.1} MB/s; the whole pass {pass:.1} MB/s",
        full / ceiling * 100.0
    );
}
