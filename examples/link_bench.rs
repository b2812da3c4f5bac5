//! Stores the crawl benchmark's board through the crawl's writer, without
//! the crawl: its postings read from the generated pages, newest first,
//! one page per write as the crawl sends them, in a fresh database; prints
//! the writer's time linking them to jobs (clock and CPU), how many jobs,
//! and the whole run's clock. Linking is measured apart from the fetching
//! and parsing that share the crawl's cores.
//!
//!     cargo run --release --example link_bench -- [POSTINGS] [RUNS]

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use skilltrend::demo::board::{BoardSpec, generate_with};
use skilltrend::extract::Extractor;
use skilltrend::extract::dedupe::JobText;
use skilltrend::extract::taxonomy::Taxonomy;
use skilltrend::sources::{Posting, posting_facts, ready_to_store};
use skilltrend::store::Store;
use skilltrend::store::jobs::{LINK_CPU_NANOS, LINK_NANOS};
use skilltrend::store::writer::{PageWrite, PostingCounts, WriteOp, Writer};

const LD_OPEN: &str = "<script type=\"application/ld+json\">";

/// The JobPostings of the board's pages, newest first.
fn board_postings(n: usize) -> anyhow::Result<Vec<Posting>> {
    let board = generate_with(&BoardSpec::bench(n, 15_000));
    let page_url: url::Url = "https://careers.skilltrend-demo.example/".parse()?;
    let now = skilltrend::store::now_utc();
    let mut postings = Vec::new();
    for (_, html) in &board.files {
        let mut blocks = Vec::new();
        let mut rest = html.as_str();
        while let Some(start) = rest.find(LD_OPEN) {
            let body = &rest[start + LD_OPEN.len()..];
            let end = body.find("</script>").unwrap_or(body.len());
            blocks.push(&body[..end]);
            rest = &body[end..];
        }
        let mut found = skilltrend::sources::jsonld::postings_in_blocks(&blocks, &page_url);
        ready_to_store(&mut found, &page_url, &now);
        postings.extend(found);
    }
    postings.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then(a.external_id.cmp(&b.external_id)));
    Ok(postings)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(5000), |a| a.parse())?;
    let runs: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    // The writer's debug log on request (SKILLTREND_LOG=skilltrend::store=debug).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SKILLTREND_LOG"))
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
    let postings = board_postings(n)?;
    skilltrend::store::jobs::time_cpu(true);
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin()))?;
    let pages: Vec<_> = postings
        .into_iter()
        .map(|p| {
            let hits = extractor.posting_skills(p.title.as_deref(), &p.description);
            let facts = posting_facts(p.raw_format, &p.raw, p.title.as_deref(), &p.description);
            let job = JobText::new(p.company.as_deref(), p.title.as_deref(), &p.description);
            (p, hits, facts, job)
        })
        .collect();
    for run in 1..=runs {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("bench.db");
        let mut store = Store::open(&db)?;
        store.sync_taxonomy(extractor.taxonomy())?;
        let (clock, cpu) = (LINK_NANOS.load(Ordering::Relaxed), LINK_CPU_NANOS.load(Ordering::Relaxed));
        let started = Instant::now();
        let writer = Writer::spawn(store, 64);
        let sender = writer.sender();
        let counts = Arc::new(PostingCounts::default());
        for (i, page) in pages.iter().enumerate() {
            let write = PageWrite {
                source: Arc::from("bench"),
                fetch_url: format!("https://careers.skilltrend-demo.example/jobs/{i}"),
                cache: None,
                postings: vec![page.clone()],
                state: Vec::new(),
                counts: counts.clone(),
            };
            sender.blocking_send(WriteOp::Page(write)).map_err(|_| anyhow::anyhow!("the writer stopped"))?;
        }
        drop(sender);
        drop(writer.finish()?);
        let wall = started.elapsed().as_secs_f64();
        let conn = rusqlite::Connection::open(&db)?;
        let jobs: i64 = conn.query_row("SELECT count(DISTINCT job_id) FROM postings", [], |r| r.get(0))?;
        // Each posting's job (by its founder on the board) and mark, hashed:
        // two builds that print the same hash linked alike.
        let links: String = conn.query_row(
            "SELECT group_concat(line, ';') FROM (SELECT p.external_id || ' ' || f.external_id || ' ' || p.job_first
             AS line FROM postings AS p JOIN postings AS f ON f.id = p.job_id ORDER BY p.external_id)",
            [],
            |r| r.get(0),
        )?;
        let digest =
            links.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        let linking = (LINK_NANOS.load(Ordering::Relaxed) - clock) as f64 / 1e9;
        let linking_cpu = (LINK_CPU_NANOS.load(Ordering::Relaxed) - cpu) as f64 / 1e9;
        println!(
            "run {run}: {} postings, {jobs} jobs (links {digest:016x}) in {wall:.3} s; \
             linking {linking:.3} s on the clock, {linking_cpu:.3} s of CPU",
            pages.len()
        );
    }
    Ok(())
}
