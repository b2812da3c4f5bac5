//! The job linker's precision and recall on the labelled pairs
//! (fixtures/dedupe/pairs.jsonl, made by fixtures/dedupe/make_pairs.py):
//! a pair is linked when the two postings share a blocking key and
//! `same_job` accepts them. Fails below precision 0.95 / recall 0.90 at
//! the threshold the linker uses. `--nocapture` prints the curve over the
//! least description similarity.

use std::path::Path;

use skilltrend::extract::dedupe::{JobText, MIN_DESCRIPTION_SIMILARITY, linked_at};
use skilltrend::extract::text::normalize;

struct Pair {
    id: String,
    same_job: bool,
    a: JobText,
    b: JobText,
}

fn side(v: &serde_json::Value) -> JobText {
    let description = normalize(v["description"].as_str().unwrap_or(""));
    JobText::new(v["company"].as_str(), v["title"].as_str(), &description)
}

fn pairs() -> Vec<Pair> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dedupe/pairs.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Pair {
                id: v["id"].as_str().unwrap().to_string(),
                same_job: v["same_job"].as_bool().unwrap(),
                a: side(&v["a"]),
                b: side(&v["b"]),
            }
        })
        .collect()
}

/// (precision, recall, false links, missed links) at one threshold.
fn measure(pairs: &[Pair], threshold: f64) -> (f64, f64, Vec<String>, Vec<String>) {
    let (mut tp, mut false_links, mut missed) = (0, Vec::new(), Vec::new());
    for p in pairs {
        match (linked_at(&p.a, &p.b, threshold), p.same_job) {
            (true, true) => tp += 1,
            (true, false) => false_links.push(p.id.clone()),
            (false, true) => missed.push(p.id.clone()),
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + false_links.len()).max(1) as f64;
    let recall = tp as f64 / (tp + missed.len()).max(1) as f64;
    (precision, recall, false_links, missed)
}

#[test]
fn links_meet_the_precision_and_recall_targets() {
    let pairs = pairs();
    assert_eq!(pairs.len(), 160, "the labelled set changed: update this count and the README's curve");
    for t in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8] {
        let (p, r, _, _) = measure(&pairs, t);
        println!("threshold {t:.2}: precision {p:.3} recall {r:.3}");
    }
    let (precision, recall, false_links, missed) = measure(&pairs, MIN_DESCRIPTION_SIMILARITY);
    println!("at {MIN_DESCRIPTION_SIMILARITY}: false links {false_links:?}, missed {missed:?}");
    assert!(precision >= 0.95, "precision {precision:.3}; false links: {false_links:?}");
    assert!(recall >= 0.90, "recall {recall:.3}; missed: {missed:?}");
}
