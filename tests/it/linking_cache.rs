//! The crawl's writer remembers the stored jobs across its batches
//! (store/job_cache.rs): it must link exactly as a linker that remembers
//! nothing, which is what storing one posting at a time does. Postings of a
//! few companies on one template each (so many candidates share keys),
//! several copies per job dated out of order (so first postings move
//! within and across batches), and re-posts with a title reworded.

use std::sync::Arc;

use skilltrend::extract::dedupe::JobText;
use skilltrend::sources::{Posting, posting_facts};
use skilltrend::store::Store;
use skilltrend::store::writer::{PageWrite, PostingCounts, WriteOp, Writer};

use crate::common::{count, open_db, strings};

const COMPANIES: [&str; 3] = ["Acme Inc", "Initech GmbH", "Quillstone Software"];
const TITLES: [&str; 4] = ["Senior Backend Engineer", "Data Engineer", "Staff Backend Engineer", "SRE"];
const DUTIES: [&str; 6] = [
    "design APIs in Go and run Postgres at scale",
    "build streaming pipelines in Kafka and Spark",
    "keep Kubernetes clusters healthy and observable",
    "mentor two engineers and review their designs",
    "write Rust services that price shipments",
    "own the billing system end to end",
];

/// 180 postings: job `j` of company `c` is copied `1 + j % 4` times
/// over two months, with a sentence added or cut per copy.
fn postings() -> Vec<Posting> {
    let mut rng = fastrand::Rng::with_seed(14);
    let mut out = Vec::new();
    for round in 0..4 {
        for c in 0..COMPANIES.len() {
            for j in 0..24usize {
                if round > j % 4 {
                    continue;
                }
                let title = TITLES[(j + c) % TITLES.len()];
                let (a, b) = (DUTIES[j % DUTIES.len()], DUTIES[(j / 6 + c) % DUTIES.len()]);
                let mut description = format!(
                    "{} is hiring. You will {a}. You will also {b}. Job number {j} of team {} in our {} office. \
                     We offer a fair salary, four day weeks and a learning budget.",
                    COMPANIES[c],
                    j % 5,
                    ["Berlin", "Lisbon", "remote"][j % 3]
                );
                if rng.bool() {
                    description.push_str(" Apply today, we answer within a week.");
                }
                let title = if round == 3 { format!("{title} (m/f/d)") } else { title.to_string() };
                out.push(Posting {
                    external_id: format!("{c}-{j}-{round}"),
                    url: None,
                    title: Some(title),
                    company: Some(COMPANIES[c].to_string()),
                    location: None,
                    workplace: None,
                    posted_at: Some(format!("2026-{:02}-{:02}", 10 + rng.usize(0..2), 1 + rng.usize(0..28))),
                    description,
                    raw_format: "test",
                    raw: String::new(),
                });
            }
        }
    }
    out
}

/// Each posting with the first posting of its job and its own mark.
fn links(db: &std::path::Path) -> Vec<String> {
    strings(
        &open_db(db),
        "SELECT p.external_id || ' ' || f.external_id || ' ' || p.job_first
         FROM postings AS p JOIN postings AS f ON f.id = p.job_id ORDER BY p.id",
    )
}

#[test]
fn the_writer_links_as_one_posting_at_a_time_does() {
    let dir = tempfile::tempdir().unwrap();
    let all = postings();
    let one_at_a_time = dir.path().join("a.db");
    let mut store = Store::open(&one_at_a_time).unwrap();
    for p in &all {
        store.upsert_posting("board", p, &[], "http://127.0.0.1/").unwrap();
    }
    drop(store);

    let batched = dir.path().join("b.db");
    let writer = Writer::spawn(Store::open(&batched).unwrap(), 2);
    let sender = writer.sender();
    let counts = Arc::new(PostingCounts::default());
    for (n, page) in all.chunks(5).enumerate() {
        let postings = page
            .iter()
            .map(|p| {
                let facts = posting_facts(p.raw_format, &p.raw, p.title.as_deref(), &p.description);
                let job = JobText::new(p.company.as_deref(), p.title.as_deref(), &p.description);
                (p.clone(), Vec::new(), facts, job)
            })
            .collect();
        let write = PageWrite {
            source: Arc::from("board"),
            fetch_url: format!("http://127.0.0.1/{n}"),
            cache: None,
            postings,
            state: Vec::new(),
            counts: counts.clone(),
        };
        sender.blocking_send(WriteOp::Page(write)).unwrap();
    }
    drop(sender);
    writer.finish().unwrap();

    let expected = links(&one_at_a_time);
    assert_eq!(links(&batched), expected);
    let conn = open_db(&batched);
    let jobs = count(&conn, "SELECT count(DISTINCT job_id) FROM postings");
    // Links made and refused: at least one job per company and title.
    assert!(jobs >= 12 && jobs < all.len() as i64 / 4, "{jobs} jobs of {} postings", all.len());
    let moved = count(&conn, "SELECT count(*) FROM postings WHERE job_first = 1 AND id != job_id");
    assert!(moved > 10, "only {moved} jobs are first seen after their first stored posting");
    let wrong = count(
        &conn,
        "SELECT count(*) FROM postings AS p WHERE p.job_first != (p.id = (SELECT q.id FROM postings AS q
         WHERE q.job_id = p.job_id ORDER BY q.dated, q.id LIMIT 1))",
    );
    assert_eq!(wrong, 0, "every job is marked by its earliest posting, and only by it");
}
