//! The crawler: the only module that makes HTTP requests. Every source kind
//! goes through this one engine — robots.txt, per-host limits, retries with
//! backoff, conditional GET, bounded queues, run records, clean stops.

mod engine;
pub mod fetch;
pub mod frontier;
pub mod lock;
pub mod politeness;
mod progress;
pub mod robots;
pub mod safety;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tokio_util::sync::CancellationToken;

use crate::config::SourceSpec;
use crate::extract::Extractor;
use crate::store::Store;
use crate::store::runs::{RunCounts, RunStatus, SourceRun};
use crate::store::writer::{PostingCounts, Writer};

pub use lock::CrawlLock;

/// Run-wide options (the per-source ones are in the config).
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Most requests in flight across all hosts.
    pub concurrency: usize,
    /// Hard bound on the run's duration.
    pub max_run: Option<Duration>,
    /// Draw a progress bar (when stderr is a terminal).
    pub progress: bool,
    /// Fetch again what earlier runs completed (e.g. final HN months).
    pub refresh: bool,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions { concurrency: 16, max_run: None, progress: false, refresh: false }
    }
}

/// How a run went.
#[derive(Debug, Clone)]
pub struct CrawlReport {
    pub run_id: i64,
    pub status: RunStatus,
    pub sources: Vec<SourceRun>,
    pub totals: RunCounts,
    pub error: Option<String>,
    pub elapsed: Duration,
}

/// Why a run stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StopReason {
    /// Ctrl-C or SIGTERM.
    Interrupted,
    TimeLimit,
    /// The database writer failed (disk full, read-only file...).
    Writer,
}

/// Counters of one source, updated by its tasks.
#[derive(Debug, Default)]
struct SourceStats {
    pages_fetched: AtomicU64,
    not_modified: AtomicU64,
    robots_blocked: AtomicU64,
    retried: AtomicU64,
    failed: AtomicU64,
    /// Of the pages fetched, those that could not be parsed (also failed).
    unparsable: AtomicU64,
    /// Requests dropped because the run stopped (not recorded).
    aborted: AtomicU64,
    postings: Arc<PostingCounts>,
    /// The first few errors, and how many there were in all.
    errors: Mutex<(Vec<String>, usize)>,
}

/// How many of a source's errors its run record spells out.
const ERRORS_RECORDED: usize = 3;

impl SourceStats {
    fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn record_error(&self, message: String) {
        let mut errors = self.errors.lock().unwrap_or_else(|e| e.into_inner());
        if errors.0.len() < ERRORS_RECORDED {
            errors.0.push(message);
        }
        errors.1 += 1;
    }

    /// The recorded errors as one line: `a; b; c (and 4 more)`.
    fn errors_line(&self) -> Option<String> {
        let errors = self.errors.lock().unwrap_or_else(|e| e.into_inner());
        let (first, all) = (&errors.0, errors.1);
        if first.is_empty() {
            return None;
        }
        let more = all - first.len();
        let mut line = first.join("; ");
        if more > 0 {
            line.push_str(&format!(" (and {more} more; see the log)"));
        }
        Some(line)
    }

    fn snapshot(&self) -> RunCounts {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        RunCounts {
            pages_fetched: get(&self.pages_fetched),
            not_modified: get(&self.not_modified),
            robots_blocked: get(&self.robots_blocked),
            retried: get(&self.retried),
            failed: get(&self.failed),
            postings_new: get(&self.postings.new),
            postings_updated: get(&self.postings.updated),
            postings_unchanged: get(&self.postings.unchanged),
        }
    }
}

/// Crawls `specs` into the database at `db`. `interrupt` is cancelled on
/// Ctrl-C / SIGTERM: no new requests start, what was parsed is written, and
/// the run is recorded as interrupted.
pub async fn run(
    db: &Path,
    specs: &[SourceSpec],
    extractor: Arc<Extractor>,
    opts: &CrawlOptions,
    interrupt: CancellationToken,
) -> Result<CrawlReport> {
    let started = Instant::now();
    let _lock = CrawlLock::acquire(db)?;
    let mut store = Store::open(db)?;
    if let Some(previous) = store.sync_taxonomy(extractor.taxonomy())? {
        tracing::warn!(
            "this database was extracted with another taxonomy ({}…); new postings use the current one — run `skilltrend reextract` to bring old ones in line",
            &previous[..12.min(previous.len())]
        );
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let run_id = store.begin_run(&names)?;

    let mut plans = Vec::new();
    for spec in specs {
        let cache = store.load_http_cache(&spec.name)?;
        let memory = crate::sources::Memory { state: store.load_source_state(&spec.name)?, refresh: opts.refresh };
        plans.push((spec.clone(), cache, memory));
    }

    let writer = Writer::spawn(Store::open(db)?, 64);
    let stop = CancellationToken::new();
    let reason: Arc<Mutex<Option<StopReason>>> = Arc::default();
    let shared = Arc::new(engine::Shared::new(opts, writer.sender(), extractor, stop.clone(), reason.clone()));

    // Stop on an interrupt or at the time limit.
    let watcher = {
        let (stop, reason, interrupt) = (stop.clone(), reason.clone(), interrupt.clone());
        let limit = opts.max_run;
        tokio::spawn(async move {
            let timer = async {
                match limit {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            let why = tokio::select! {
                _ = interrupt.cancelled() => StopReason::Interrupted,
                _ = timer => StopReason::TimeLimit,
                _ = stop.cancelled() => return,
            };
            reason.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(why);
            stop.cancel();
        })
    };

    let mut handles = Vec::new();
    let mut all_stats = Vec::new();
    for (spec, cache, memory) in plans {
        let stats = Arc::new(SourceStats::default());
        all_stats.push((spec.name.clone(), stats.clone()));
        let shared = shared.clone();
        handles.push(tokio::spawn(async move { engine::crawl_source(shared, spec, cache, memory, stats).await }));
    }
    let progress = progress::Progress::start(opts.progress, all_stats.iter().map(|(_, s)| s.clone()).collect());

    let mut results = Vec::new();
    for (h, (name, stats)) in handles.into_iter().zip(&all_stats) {
        let outcome = h.await.unwrap_or_else(|e| engine::SourceOutcome::failed(format!("crawl task panicked: {e}")));
        results.push((name.clone(), stats.clone(), outcome));
    }
    progress.finish();
    stop.cancel();
    let _ = watcher.await;
    drop(shared);

    // Everything parsed is committed before the run is recorded.
    let writer_result = writer.finish();
    let writer_error = writer_result.as_ref().err().map(|e| format!("{e:#}"));
    let stop_reason = reason.lock().unwrap_or_else(|e| e.into_inner()).clone();

    let mut per_source = Vec::new();
    for (name, stats, outcome) in results {
        let counts = stats.snapshot();
        let first_error = stats.errors_line();
        let unparsable = stats.unparsable.load(Ordering::Relaxed);
        let status = source_status(&counts, unparsable, &outcome, stop_reason.as_ref());
        let error = outcome.error.or(first_error).or_else(|| match (status, &stop_reason) {
            (RunStatus::Partial, Some(StopReason::TimeLimit)) => Some("stopped at --max-run-secs".to_string()),
            _ => None,
        });
        per_source.push(SourceRun { source: name, status, counts, error });
    }
    let mut status = overall_status(&per_source);
    let mut error = per_source
        .iter()
        .filter_map(|s| s.error.as_ref().map(|e| format!("{}: {e}", s.source)))
        .collect::<Vec<_>>()
        .join("; ");
    if let Some(we) = &writer_error {
        status = RunStatus::Failed;
        error = format!("database write failed: {we}");
    }
    let error = (!error.is_empty()).then_some(error);

    // Record the run; after a writer failure the database may refuse this
    // too, which must not hide the original error.
    let mut totals = RunCounts::default();
    per_source.iter().for_each(|s| totals.add(&s.counts));
    let recorded = store.finish_run(run_id, status, &per_source, error.as_deref());
    if let Some(we) = writer_error {
        return Err(anyhow::anyhow!(we)).context("the crawl stopped because the database could not be written");
    }
    recorded?;
    Ok(CrawlReport { run_id, status, sources: per_source, totals, error, elapsed: started.elapsed() })
}

/// A source failed when nothing it fetched could be used; it is partial
/// when some of it could.
fn source_status(
    c: &RunCounts,
    unparsable: u64,
    outcome: &engine::SourceOutcome,
    stop: Option<&StopReason>,
) -> RunStatus {
    if outcome.error.is_some() && c.pages_fetched + c.not_modified == 0 {
        return RunStatus::Failed;
    }
    if !outcome.finished {
        return match stop {
            Some(StopReason::TimeLimit) => RunStatus::Partial,
            _ => RunStatus::Interrupted,
        };
    }
    let good = (c.pages_fetched + c.not_modified).saturating_sub(unparsable);
    if c.failed == 0 && !(good == 0 && c.robots_blocked > 0) {
        RunStatus::Ok
    } else if good == 0 {
        RunStatus::Failed
    } else {
        RunStatus::Partial
    }
}

fn overall_status(per_source: &[SourceRun]) -> RunStatus {
    if per_source.iter().any(|s| s.status == RunStatus::Interrupted) {
        RunStatus::Interrupted
    } else if !per_source.is_empty() && per_source.iter().all(|s| s.status == RunStatus::Failed) {
        RunStatus::Failed
    } else if per_source.iter().all(|s| s.status == RunStatus::Ok) {
        RunStatus::Ok
    } else {
        RunStatus::Partial
    }
}
