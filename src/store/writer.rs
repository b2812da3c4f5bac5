//! The single writer: a thread that owns the write connection and commits
//! what the crawl sends it in batched transactions. A page's postings, its
//! validators and its state are always committed together, so a crash never
//! leaves a URL marked fresh without its postings.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use tokio::sync::mpsc;

use super::Store;
use super::jobs::Linker;
use super::postings::{SkillHit, Upsert, touch_by_fetch_url, upsert};
use super::state::{CacheEntry, delete_cache_entry, save_cache_entry, save_state};
use crate::extract::dedupe::JobText;
use crate::extract::facts::Facts;
use crate::sources::Posting;

/// Most operations per transaction.
const MAX_BATCH: usize = 4096;
/// How long a transaction stays open collecting a batch, at most: the
/// writer waits for more work until then, so a batch is up to a second of
/// the crawl, not whatever was queued when it looked. Each batch moves a
/// job's first posting at most once (a crawl reads a board newest first,
/// so a job seen again is usually seen earlier), and commits its pages
/// once: batches of a tenth of a second moved three times as many marks
/// (`-v` crawl of the benchmark board: 3,100 against 900). A crash loses
/// at most this much fetched work, which the next run fetches again.
const MAX_BATCH_TIME: Duration = Duration::from_secs(1);
/// How long the first batch collects; each next one four times as long,
/// up to [`MAX_BATCH_TIME`], so that a crawl that fails early (a full
/// disk) has committed its first pages.
const FIRST_BATCH_TIME: Duration = Duration::from_millis(100);

/// Posting outcomes, counted by the writer as it commits.
#[derive(Debug, Default)]
pub struct PostingCounts {
    pub new: AtomicU64,
    pub updated: AtomicU64,
    pub unchanged: AtomicU64,
}

impl PostingCounts {
    fn add(&self, outcome: Upsert) {
        let counter = match outcome {
            Upsert::New => &self.new,
            Upsert::Updated => &self.updated,
            Upsert::Unchanged => &self.unchanged,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Everything one fetched page produced.
#[derive(Debug)]
pub struct PageWrite {
    pub source: Arc<str>,
    /// The canonical URL that was fetched.
    pub fetch_url: String,
    /// Validators to remember for the URL (None: forget any stored ones,
    /// which the page no longer has).
    pub cache: Option<CacheEntry>,
    /// Each posting with its skills, facts and what its job is found by
    /// (computed where the page was parsed, off the writer's thread).
    pub postings: Vec<(Posting, Vec<SkillHit>, Facts, JobText)>,
    /// Source state to remember.
    pub state: Vec<(String, String)>,
    pub counts: Arc<PostingCounts>,
}

/// A unit of work for the writer.
#[derive(Debug)]
pub enum WriteOp {
    Page(PageWrite),
    /// The URL answered 304: its postings were seen again.
    NotModified {
        source: Arc<str>,
        fetch_url: String,
        counts: Arc<PostingCounts>,
    },
    /// A running crawl's counts so far, for `skilltrend runs`.
    Progress {
        run_id: i64,
        per_source: Vec<(String, super::runs::RunCounts)>,
    },
}

/// Handle to the writer thread.
pub struct Writer {
    tx: mpsc::Sender<WriteOp>,
    thread: JoinHandle<Result<Store>>,
}

impl Writer {
    /// Starts the writer on a store; `capacity` bounds the queue (and so the
    /// memory of pages waiting to be written).
    pub fn spawn(store: Store, capacity: usize) -> Writer {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        let thread = std::thread::Builder::new()
            .name("skilltrend-writer".into())
            .spawn(move || run(store, rx))
            .expect("spawning the writer thread");
        Writer { tx, thread }
    }

    /// A sender for the crawl's tasks. Sending fails once the writer has
    /// stopped on an error.
    pub fn sender(&self) -> mpsc::Sender<WriteOp> {
        self.tx.clone()
    }

    /// Waits for everything sent to be committed, and returns the store.
    pub fn finish(self) -> Result<Store> {
        drop(self.tx);
        self.thread.join().map_err(|_| anyhow!("the database writer panicked"))?
    }
}

fn run(mut store: Store, mut rx: mpsc::Receiver<WriteOp>) -> Result<Store> {
    if tracing::enabled!(tracing::Level::INFO) {
        super::jobs::time_cpu(true);
    }
    let linking_before = super::jobs::LINK_NANOS.load(Ordering::Relaxed);
    let linking_cpu_before = super::jobs::LINK_CPU_NANOS.load(Ordering::Relaxed);
    let cpu_before = super::jobs::thread_cpu_nanos();
    let mut linker = Linker::batching();
    // Only to wait for the next operation with a deadline.
    let waiting = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .context("cannot start the database writer's timer")?;
    let mut batch_time = FIRST_BATCH_TIME;
    while let Some(first) = rx.blocking_recv() {
        let now = super::now_utc();
        let tx = store.conn_mut().transaction().context("cannot start a database transaction")?;
        linker.begin(&tx)?;
        apply(&tx, &mut linker, first, &now)?;
        let deadline = tokio::time::Instant::now() + batch_time;
        batch_time = (batch_time * 4).min(MAX_BATCH_TIME);
        let mut n = 1;
        while n < MAX_BATCH {
            let Some(op) = next_in_batch(&waiting, &mut rx, deadline) else { break };
            apply(&tx, &mut linker, op, &now)?;
            n += 1;
        }
        // Settled in the batch's own transaction, so a crawl killed at any
        // point leaves every job marked by its earliest committed posting.
        let settled = linker.settle(&tx).context("cannot mark the first postings of jobs")?;
        tracing::debug!("{settled} jobs gained an earlier first posting");
        super::postings::flush_search_index(&tx).context("cannot update the search index")?;
        tx.commit().context("cannot commit to the database")?;
    }
    let linking = super::jobs::LINK_NANOS.load(Ordering::Relaxed) - linking_before;
    let linking_cpu = super::jobs::LINK_CPU_NANOS.load(Ordering::Relaxed) - linking_cpu_before;
    let cpu = super::jobs::thread_cpu_nanos().saturating_sub(cpu_before);
    // The clock counts the time the writer waited for a core; its CPU time
    // is what linking costs. Both are printed, and the writer's CPU in all.
    tracing::info!(
        "linking postings to their jobs took {:.1} ms of the writer's clock, {:.1} ms of its CPU \
         (the writer's CPU time: {:.1} ms)",
        linking as f64 / 1e6,
        linking_cpu as f64 / 1e6,
        cpu as f64 / 1e6
    );
    Ok(store)
}

/// The next operation for the open batch: one already queued, else the
/// first to arrive before `deadline` (None: the deadline passed, or every
/// sender is gone).
fn next_in_batch(
    waiting: &tokio::runtime::Runtime,
    rx: &mut mpsc::Receiver<WriteOp>,
    deadline: tokio::time::Instant,
) -> Option<WriteOp> {
    if tokio::time::Instant::now() >= deadline {
        return None;
    }
    match rx.try_recv() {
        Ok(op) => Some(op),
        Err(mpsc::error::TryRecvError::Disconnected) => None,
        Err(mpsc::error::TryRecvError::Empty) => {
            // The timer is made inside the runtime, which drives it.
            waiting.block_on(async { tokio::time::timeout_at(deadline, rx.recv()).await }).ok().flatten()
        }
    }
}

fn apply(conn: &rusqlite::Connection, linker: &mut Linker, op: WriteOp, now: &str) -> Result<()> {
    match op {
        WriteOp::Page(mut page) => {
            let postings = std::mem::take(&mut page.postings);
            let mut outcomes = Vec::with_capacity(postings.len());
            // Each posting's skills and job text are the linker's to keep.
            for (posting, skills, facts, job) in postings {
                let outcome = upsert(conn, linker, &page.source, &posting, (skills, &facts, job), &page.fetch_url, now)
                    .with_context(|| format!("cannot store posting {} of {}", posting.external_id, page.source))?;
                outcomes.push(outcome);
            }
            match &page.cache {
                Some(entry) => save_cache_entry(conn, &page.source, &page.fetch_url, entry, now)?,
                None => delete_cache_entry(conn, &page.source, &page.fetch_url)?,
            }
            for (key, value) in &page.state {
                save_state(conn, &page.source, key, value, now)?;
            }
            // Count only what will be committed with this transaction; a
            // failed commit ends the crawl anyway.
            for o in outcomes {
                page.counts.add(o);
            }
        }
        WriteOp::NotModified { source, fetch_url, counts } => {
            let touched = touch_by_fetch_url(conn, &source, &fetch_url, now)?;
            counts.unchanged.fetch_add(touched as u64, Ordering::Relaxed);
        }
        WriteOp::Progress { run_id, per_source } => super::runs::record_progress(conn, run_id, &per_source)?,
    }
    Ok(())
}
