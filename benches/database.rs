//! Database benchmarks on a generated database of (by default) 1,000,000
//! postings over 15 years (2011–2025, three sources): `reextract`, and
//! `report` (also `--unique-jobs`, `--by-source`, `--metric companies|remote`, `--match`), `pay`, `roles`, `top`, `cooccur` and `site` (median of five
//! runs, with their range).
//!
//!     cargo bench --bench database [-- POSTINGS]
//!
//! The database is built once, through the crawler's own batching writer,
//! at target/bench-db/postings-N.db, and reused by later runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use skilltrend::demo::board::{BoardSpec, generate_with};
use skilltrend::extract::dedupe::JobText;
use skilltrend::extract::facts::posting_facts;
use skilltrend::extract::text::html_to_text;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;
use skilltrend::store::writer::{PageWrite, PostingCounts, WriteOp, Writer};

/// Realistic texts to draw descriptions from.
fn texts() -> Vec<String> {
    let board = generate_with(&BoardSpec::bench(3000, 0));
    board
        .files
        .iter()
        .filter_map(|(p, html)| {
            if !p.starts_with("/jobs/") || p.starts_with("/jobs/page") || p == "/jobs/index.html" {
                return None;
            }
            let start = html.find("<div class=\"description\">")? + 25;
            let end = html[start..].find("</div>")? + start;
            Some(html_to_text(&html[start..end]))
        })
        .collect()
}

/// Titles in about the mix of a real board: mostly software jobs, a
/// back-end third, and the rest of a company.
const TITLES: &[&str] = &[
    "Backend Engineer",
    "Senior Backend Engineer",
    "Software Engineer, Payments API",
    "Full-Stack Engineer",
    "Senior Software Engineer",
    "Frontend Engineer",
    "Data Engineer",
    "Machine Learning Engineer",
    "Site Reliability Engineer",
    "iOS Engineer",
    "Engineering Manager, Backend",
    "Account Executive",
    "Product Designer",
    "Recruiter",
];

fn build(path: &Path, n: usize) {
    let started = Instant::now();
    let texts = texts();
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    skilltrend::store::jobs::time_cpu(true);
    let writer = Writer::spawn(store, 64);
    let tx = writer.sender();
    let counts = Arc::new(PostingCounts::default());
    let sources = ["hn", "greenhouse", "lever"];
    let mut rng = fastrand::Rng::with_seed(11);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        for chunk in 0..n.div_ceil(1000) {
            let mut postings = Vec::with_capacity(1000);
            for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
                let mut description = texts[rng.usize(..texts.len())].clone();
                // About a third state pay, as real boards do.
                if rng.u8(..3) == 0 {
                    let lo = 60 + 5 * rng.u32(0..30);
                    description.push_str(&format!("\nSalary: ${lo}k-${}k per year.", lo + 10 * rng.u32(1..6)));
                }
                let day = rng.u32(0..15 * 365);
                let date =
                    chrono::NaiveDate::from_ymd_opt(2011, 1, 1).unwrap() + chrono::Duration::days(i64::from(day));
                let hits = extractor.posting_skills(None, &description);
                let title = TITLES[rng.usize(..TITLES.len())];
                let facts = posting_facts(Some(title), &description, None);
                let p = Posting {
                    external_id: format!("p{i}"),
                    url: Some(format!("https://jobs.example/{i}")),
                    title: Some(title.into()),
                    company: Some(format!("Company {}", i % 5000)),
                    location: Some("Remote".into()),
                    workplace: Some(skilltrend::sources::Workplace::from_remote(i % 3 == 0)),
                    posted_at: Some(format!("{date}T12:00:00Z")),
                    description,
                    raw_format: "bench",
                    raw: String::new(),
                };
                let job = JobText::new(p.company.as_deref(), p.title.as_deref(), &p.description);
                postings.push((p, hits, facts, job));
            }
            let op = WriteOp::Page(PageWrite {
                source: Arc::from(sources[chunk % 3]),
                fetch_url: format!("https://jobs.example/page/{chunk}"),
                cache: None,
                postings,
                state: Vec::new(),
                counts: counts.clone(),
            });
            tx.send(op).await.unwrap();
        }
    });
    drop(tx);
    writer.finish().unwrap();
    let linking = skilltrend::store::jobs::LINK_NANOS.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e9;
    let linking_cpu = skilltrend::store::jobs::LINK_CPU_NANOS.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e9;
    println!(
        "built {n} postings in {:.0} s (linking them to jobs: {linking:.1} s on the clock, {linking_cpu:.1} s of CPU)",
        started.elapsed().as_secs_f64()
    );
}

fn run(bin: &str, db: &Path, args: &[&str]) -> (f64, String) {
    let start = Instant::now();
    let out = Command::new(bin).arg("--db").arg(db).args(args).output().expect("skilltrend runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (start.elapsed().as_secs_f64(), String::from_utf8_lossy(&out.stdout).to_string())
}

fn main() {
    let n: usize =
        std::env::args().skip(1).find(|a| !a.starts_with('-')).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-db");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("postings-{n}.db"));
    if !db.exists() {
        build(&db, n);
    }
    // Bring an older bench database to the current schema (timed apart).
    let started = Instant::now();
    drop(Store::open(&db).unwrap());
    if started.elapsed().as_secs_f64() > 1.0 {
        println!("migrated the database in {:.0} s", started.elapsed().as_secs_f64());
    }
    let bin = env!("CARGO_BIN_EXE_skilltrend");
    let site_dir = std::env::temp_dir().join("skilltrend-bench-site");
    let site_dir = site_dir.to_string_lossy().to_string();
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!("database: {n} postings, {:.0} MB", size as f64 / 1e6);
    for args in [
        &["report", "--skills", "python,java,php,sql", "--by", "month", "--format", "csv"][..],
        &["report", "--skills", "python,java,php,sql", "--by", "month", "--unique-jobs", "--format", "csv"][..],
        &["report", "--skills", "python,java,php,sql", "--by", "month", "--rollup", "--format", "csv"][..],
        &["report", "--skills", "python,java,php,sql", "--by", "week", "--format", "csv"][..],
        &[
            "report",
            "--skills",
            "python,java,php,sql",
            "--by",
            "month",
            "--role",
            "backend,fullstack",
            "--format",
            "csv",
        ][..],
        &["report", "--skills", "python", "--by-source", "--format", "csv"][..],
        &["report", "--skills", "python,java,php,sql", "--metric", "companies", "--format", "csv"][..],
        &["report", "--match", "\"visa sponsorship\"", "--match", "rust AND kafka", "--format", "csv"][..],
        &["report", "--metric", "remote", "--format", "csv"][..],
        &["pay", "--skills", "python,java,php,sql", "--format", "csv"][..],
        &["pay", "--skills", "python,java,php,sql", "--role", "backend,fullstack", "--by", "year", "--format", "csv"][..],
        &["roles", "--by", "month", "--format", "csv"][..],
        &["top", "--since", "2025-10", "--until", "2025-12", "--format", "csv"][..],
        &["top", "--since", "2011-01", "--until", "2025-12", "--format", "csv"][..],
        &["cooccur", "rust", "--format", "csv"][..],
        &["cooccur", "python", "--format", "csv"][..],
        &["cooccur", "python", "--since", "2025-01", "--format", "csv"][..],
        &["cooccur", "rust", "--role", "backend,fullstack", "--remote", "yes", "--format", "csv"][..],
        &["site", "--out", &site_dir][..],
    ] {
        // The machine is shared: the median of five runs, and their range.
        let mut secs: Vec<f64> = (0..5).map(|_| run(bin, &db, args).0).collect();
        secs.sort_by(f64::total_cmp);
        println!("{:<70} {:>6.2} s ({:.2}–{:.2})", args.join(" "), secs[2], secs[0], secs[4]);
    }
    let (secs, out) = run(bin, &db, &["reextract"]);
    println!("reextract: {secs:.1} s — {}", out.lines().next().unwrap_or(""));
}
