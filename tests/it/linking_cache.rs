//! The crawl's writer remembers the stored jobs across its batches
//! (store/job_cache.rs): it must link exactly as a linker that remembers
//! nothing, which is what storing one posting at a time does. Postings of a
//! few companies on one template each (so many candidates share keys),
//! several copies per job dated out of order (so first postings move
//! within and across batches), and re-posts with a title reworded; a
//! posting seen again in the batch that stored it, and a page of the batch
//! answered "not modified", find the rows it wrote.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use skilltrend::extract::SkillHit;
use skilltrend::extract::dedupe::JobText;
use skilltrend::extract::taxonomy::Taxonomy;
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
    let mut store = store_with_skills(&one_at_a_time);
    for p in &all {
        store.upsert_posting("board", p, &[], "http://127.0.0.1/").unwrap();
    }
    drop(store);

    let batched = dir.path().join("b.db");
    let pages: Vec<Page> = all.chunks(5).map(|page| Page::Postings(page.to_vec())).collect();
    write_through_the_writer(&batched, pages);

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

/// What one operation sent to the writer is.
enum Page {
    Postings(Vec<Posting>),
    NotModified(usize),
}

/// Sends the pages to a new writer of `db` (the `n`th page fetched from
/// `http://127.0.0.1/{n}`, each posting with the skill `go`), as fast as
/// it takes them, so that they fall in few batches; returns the counts.
fn write_through_the_writer(db: &std::path::Path, pages: Vec<Page>) -> Arc<PostingCounts> {
    let writer = Writer::spawn(store_with_skills(db), 2);
    let sender = writer.sender();
    let counts = Arc::new(PostingCounts::default());
    for (n, page) in pages.into_iter().enumerate() {
        let op = match page {
            Page::Postings(page) => {
                let postings = page
                    .into_iter()
                    .map(|p| {
                        let facts = posting_facts(p.raw_format, &p.raw, p.title.as_deref(), &p.description);
                        let job = JobText::new(p.company.as_deref(), p.title.as_deref(), &p.description);
                        (p, vec![go()], facts, job)
                    })
                    .collect();
                WriteOp::Page(PageWrite {
                    source: Arc::from("board"),
                    fetch_url: format!("http://127.0.0.1/{n}"),
                    cache: None,
                    postings,
                    state: Vec::new(),
                    counts: counts.clone(),
                })
            }
            Page::NotModified(of) => WriteOp::NotModified {
                source: Arc::from("board"),
                fetch_url: format!("http://127.0.0.1/{of}"),
                counts: counts.clone(),
            },
        };
        sender.blocking_send(op).unwrap();
    }
    drop(sender);
    writer.finish().unwrap();
    counts
}

/// A new store of `db` that knows the built-in skills.
fn store_with_skills(db: &std::path::Path) -> Store {
    let mut store = Store::open(db).unwrap();
    store.sync_taxonomy(&Taxonomy::builtin()).unwrap();
    store
}

fn go() -> SkillHit {
    SkillHit { skill_id: "go".into(), mentions: 1, first_offset: Some(0) }
}

#[test]
fn a_posting_seen_again_in_its_batch_is_stored_once_with_its_last_text() {
    let dir = tempfile::tempdir().unwrap();
    let all = postings();
    let (a, b) = (all[0].clone(), all[1].clone());
    let mut a_changed = a.clone();
    a_changed.description.push_str(" Now with a four day week.");
    // Job copies dated earlier and earlier, so the mark moves as they come.
    let copies: Vec<Posting> = all[2..].iter().filter(|p| p.company == a.company).take(40).cloned().collect();
    let pages = vec![
        Page::Postings(vec![a.clone(), b.clone()]),
        Page::Postings(copies.clone()),
        Page::Postings(vec![a_changed.clone()]),
        Page::NotModified(1),
        Page::Postings(vec![a_changed.clone(), b.clone()]),
    ];
    let db = dir.path().join("b.db");
    let counts = write_through_the_writer(&db, pages);

    // The same postings stored one at a time, in the same order.
    let one_at_a_time = dir.path().join("a.db");
    let mut store = store_with_skills(&one_at_a_time);
    for p in [&a, &b].into_iter().chain(&copies).chain([&a_changed, &a_changed, &b]) {
        store.upsert_posting("board", p, &[go()], "http://127.0.0.1/").unwrap();
    }
    drop(store);
    assert_eq!(links(&db), links(&one_at_a_time));

    let conn = open_db(&db);
    let distinct = count(&conn, "SELECT count(*) FROM postings");
    assert_eq!(distinct, 2 + copies.len() as i64, "each posting is stored once");
    let text = strings(&conn, &format!("SELECT description FROM postings WHERE external_id = '{}'", a.external_id));
    assert_eq!(text, vec![a_changed.description.clone()]);
    assert_eq!(counts.new.load(Ordering::Relaxed), distinct as u64);
    assert_eq!(counts.updated.load(Ordering::Relaxed), 1);
    // `a` and `b` again unchanged, and page 1's postings seen not modified.
    let touched = copies.len() as u64;
    assert_eq!(counts.unchanged.load(Ordering::Relaxed), 2 + touched);
    let unstored = count(&conn, "SELECT count(*) FROM postings WHERE id NOT IN (SELECT posting_id FROM posting_raw)");
    assert_eq!(unstored, 0, "every posting keeps its raw payload");
    let copies_wrong = count(
        &conn,
        "SELECT count(*) FROM posting_skills AS s JOIN postings AS p ON p.id = s.posting_id
         WHERE s.job_first != p.job_first OR s.dated != p.dated",
    );
    assert_eq!(copies_wrong, 0, "the skills carry their posting's mark");
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_skills"), distinct);
}
