//! The crawler: the only module that makes HTTP requests. Every source kind
//! goes through this one engine — robots.txt, per-host limits, retries with
//! backoff, conditional GET, bounded queues, run records, clean stops.

pub mod discover;
mod engine;
pub mod fetch;
pub mod frontier;
pub mod lock;
pub mod politeness;
mod progress;
pub mod robots;
pub mod safety;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tokio_util::sync::CancellationToken;

use crate::config::SourceSpec;
use crate::extract::Extractor;
use crate::sources::Memory;
use crate::store::Store;
use crate::store::runs::{RunCounts, RunStatus, SourceRun};
use crate::store::state::CacheEntry;
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
    /// Crawl sources whose `min_interval_secs` has not passed yet.
    pub ignore_min_interval: bool,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions { concurrency: 16, max_run: None, progress: false, refresh: false, ignore_min_interval: false }
    }
}

/// A source left out of a run: its last good crawl started less than its
/// `min_interval_secs` ago.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub source: String,
    pub min_interval: Duration,
    /// When its last crawl that fetched something started (ISO 8601 UTC).
    pub last: String,
    /// From when it is crawled again.
    pub next: String,
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
    /// Sources not crawled because they were crawled too recently.
    pub skipped: Vec<Skipped>,
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
    /// Postings whose stated pay was refused as absurd.
    implausible_pay: AtomicU64,
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
    crate::store::check_database_file(db, false)?;
    let _lock = CrawlLock::acquire(db)?;
    let mut store = Store::open(db)?;
    if let Some(previous) = store.sync_taxonomy(extractor.taxonomy())? {
        tracing::warn!(
            "this database was extracted with another taxonomy ({}…); new postings use the current one — run `skilltrend reextract` to bring old ones in line",
            &previous[..12.min(previous.len())]
        );
    }
    let (specs, skipped) = too_soon(&store, specs, opts.ignore_min_interval)?;
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let run_id = store.begin_run(&names)?;
    let plans = plan(&store, &specs, opts.refresh)?;

    let writer = Writer::spawn(Store::open(db)?, 64);
    let stop = CancellationToken::new();
    let reason: Arc<Mutex<Option<StopReason>>> = Arc::default();
    let shared = Arc::new(engine::Shared::new(opts, writer.sender(), extractor, stop.clone(), reason.clone()));
    let watcher = watch(stop.clone(), reason.clone(), interrupt, opts.max_run);

    let mut handles = Vec::new();
    let mut all_stats = Vec::new();
    for (spec, cache, memory) in plans {
        let stats = Arc::new(SourceStats::default());
        all_stats.push((spec.name.clone(), stats.clone()));
        let shared = shared.clone();
        handles.push(tokio::spawn(async move { engine::crawl_source(shared, spec, cache, memory, stats).await }));
    }
    let progress = progress::Progress::start(opts.progress, all_stats.iter().map(|(_, s)| s.clone()).collect());
    let live = record_live_counts(run_id, all_stats.clone(), writer.sender(), stop.clone());
    let mut outcomes = Vec::new();
    for h in handles {
        outcomes.push(h.await.unwrap_or_else(|e| engine::SourceOutcome::failed(format!("crawl task panicked: {e}"))));
    }
    progress.finish();
    live.abort();
    let _ = live.await;
    stop.cancel();
    let _ = watcher.await;
    drop(shared);

    // Everything parsed is committed before the run is recorded.
    let writer_error = writer.finish().err().map(|e| format!("{e:#}"));
    let stop_reason = reason.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let results = all_stats.into_iter().zip(outcomes).map(|((name, stats), outcome)| SourceResult {
        name,
        counts: stats.snapshot(),
        unparsable: stats.unparsable.load(Ordering::Relaxed),
        errors: stats.errors_line(),
        outcome,
    });
    let summary = summarize(results.collect(), stop_reason.as_ref(), writer_error.as_deref());

    // Record the run; after a writer failure the database may refuse this
    // too, which must not hide the original error.
    let recorded = store.finish_run(run_id, summary.status, &summary.sources, summary.error.as_deref());
    if let Some(we) = writer_error {
        return Err(anyhow::anyhow!(we)).context("the crawl stopped because the database could not be written");
    }
    recorded?;
    let mut totals = RunCounts::default();
    summary.sources.iter().for_each(|s| totals.add(&s.counts));
    let Summary { status, sources, error } = summary;
    Ok(CrawlReport { run_id, status, sources, totals, error, elapsed: started.elapsed(), skipped })
}

/// The sources to crawl now, and those whose last good crawl (from the
/// run records) started less than their `min_interval` ago, less a grace
/// for a scheduler's jitter (a tenth of the interval, at most a minute).
pub fn too_soon(store: &Store, specs: &[SourceSpec], ignore: bool) -> Result<(Vec<SourceSpec>, Vec<Skipped>)> {
    let now = chrono::Utc::now();
    let (mut crawl, mut skipped) = (Vec::new(), Vec::new());
    for spec in specs {
        let interval = spec.crawl.min_interval;
        let last = match (ignore || interval.is_zero(), store.last_good_crawl(&spec.name)?) {
            (false, Some(last)) => last,
            _ => {
                crawl.push(spec.clone());
                continue;
            }
        };
        let Ok(started) = chrono::DateTime::parse_from_rfc3339(&last) else {
            crawl.push(spec.clone());
            continue;
        };
        let grace = (interval / 10).min(Duration::from_secs(60));
        let wait = chrono::Duration::from_std(interval - grace).unwrap_or(chrono::Duration::MAX);
        let next = started.with_timezone(&chrono::Utc).checked_add_signed(wait);
        match next {
            Some(next) if next > now => skipped.push(Skipped {
                source: spec.name.clone(),
                min_interval: interval,
                last,
                next: crate::sources::date::iso(next),
            }),
            _ => crawl.push(spec.clone()),
        }
    }
    Ok((crawl, skipped))
}

/// How often a running crawl writes its counts for `skilltrend runs`.
const LIVE_COUNTS_EVERY: Duration = Duration::from_secs(1);

/// Writes the run's counts so far every [`LIVE_COUNTS_EVERY`] through the
/// writer (a tick is skipped when its queue is full), until stopped.
fn record_live_counts(
    run_id: i64,
    stats: Vec<(String, Arc<SourceStats>)>,
    writer: tokio::sync::mpsc::Sender<crate::store::writer::WriteOp>,
    stop: CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(LIVE_COUNTS_EVERY) => {}
            }
            let per_source = stats.iter().map(|(name, s)| (name.clone(), s.snapshot())).collect();
            let _ = writer.try_send(crate::store::writer::WriteOp::Progress { run_id, per_source });
        }
    })
}

/// A source with what earlier runs left it: its HTTP cache and memory.
type Plan = (SourceSpec, HashMap<String, CacheEntry>, Memory);

/// Each source's [`Plan`].
fn plan(store: &Store, specs: &[SourceSpec], refresh: bool) -> Result<Vec<Plan>> {
    let mut plans = Vec::new();
    for spec in specs {
        let cache = store.load_http_cache(&spec.name)?;
        let memory = Memory { state: store.load_source_state(&spec.name)?, refresh };
        plans.push((spec.clone(), cache, memory));
    }
    Ok(plans)
}

/// Cancels `stop` on an interrupt or at the time limit, saying why (unless
/// the run stopped for another reason first).
fn watch(
    stop: CancellationToken,
    reason: Arc<Mutex<Option<StopReason>>>,
    interrupt: CancellationToken,
    limit: Option<Duration>,
) -> tokio::task::JoinHandle<()> {
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
}

/// What one source's crawl left, for [`summarize`].
#[derive(Debug)]
struct SourceResult {
    name: String,
    counts: RunCounts,
    /// Of the pages fetched, those that could not be parsed.
    unparsable: u64,
    /// The source's errors as one line.
    errors: Option<String>,
    outcome: engine::SourceOutcome,
}

/// How a run went: each source's record, the overall status and error.
#[derive(Debug)]
struct Summary {
    sources: Vec<SourceRun>,
    status: RunStatus,
    error: Option<String>,
}

/// The run's records from what its sources left, why it stopped early (if
/// it did) and the writer's error (if it failed). The writer commits
/// batches that mix sources, so after it fails no source's writes are known
/// to be complete: every source then failed, with the writer's error.
fn summarize(results: Vec<SourceResult>, stop: Option<&StopReason>, writer_error: Option<&str>) -> Summary {
    let writer_error = writer_error.map(|we| format!("database write failed: {we}"));
    let sources: Vec<SourceRun> = results.into_iter().map(|r| source_run(r, stop, writer_error.as_deref())).collect();
    let (status, error) = match writer_error {
        Some(we) => (RunStatus::Failed, we),
        None => (
            overall_status(&sources),
            sources
                .iter()
                .filter_map(|s| s.error.as_ref().map(|e| format!("{}: {e}", s.source)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    Summary { sources, status, error: (!error.is_empty()).then_some(error) }
}

/// One source's record.
fn source_run(r: SourceResult, stop: Option<&StopReason>, writer_error: Option<&str>) -> SourceRun {
    let own = r.outcome.error.clone().or(r.errors);
    let (status, error) = match writer_error {
        Some(we) => {
            let error = match own {
                Some(own) => format!("{we}; {own}"),
                None => we.to_string(),
            };
            (RunStatus::Failed, Some(error))
        }
        None => {
            let status = source_status(&r.counts, r.unparsable, &r.outcome, stop);
            let error = own.or_else(|| match (status, stop) {
                (RunStatus::Partial, Some(StopReason::TimeLimit)) => Some("stopped at --max-run-secs".to_string()),
                _ => None,
            });
            (status, error)
        }
    };
    SourceRun { source: r.name, status, counts: r.counts, error }
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
            Some(StopReason::Writer) => RunStatus::Failed,
            Some(StopReason::Interrupted) | None => RunStatus::Interrupted,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn result(name: &str, counts: RunCounts, finished: bool, errors: Option<&str>) -> SourceResult {
        SourceResult {
            name: name.to_string(),
            counts,
            unparsable: 0,
            errors: errors.map(str::to_string),
            outcome: engine::SourceOutcome { finished, error: None },
        }
    }

    fn fetched(pages: u64, failed: u64) -> RunCounts {
        RunCounts { pages_fetched: pages, failed, ..RunCounts::default() }
    }

    fn statuses(s: &Summary) -> Vec<RunStatus> {
        s.sources.iter().map(|s| s.status).collect()
    }

    #[test]
    fn a_run_whose_sources_all_finished_cleanly_is_ok() {
        let s =
            summarize(vec![result("a", fetched(3, 0), true, None), result("b", fetched(1, 0), true, None)], None, None);
        assert_eq!((s.status, statuses(&s)), (RunStatus::Ok, vec![RunStatus::Ok, RunStatus::Ok]));
        assert_eq!(s.error, None);
    }

    #[test]
    fn some_failed_urls_make_a_source_and_the_run_partial() {
        let s = summarize(
            vec![
                result("a", fetched(3, 1), true, Some("http://a/x: HTTP 503")),
                result("b", fetched(1, 0), true, None),
            ],
            None,
            None,
        );
        assert_eq!((s.status, statuses(&s)), (RunStatus::Partial, vec![RunStatus::Partial, RunStatus::Ok]));
        assert_eq!(s.error.as_deref(), Some("a: http://a/x: HTTP 503"));
    }

    #[test]
    fn a_source_with_nothing_usable_failed_and_so_did_a_run_of_only_such() {
        let unparsable = SourceResult { unparsable: 2, ..result("a", fetched(2, 2), true, Some("cannot parse")) };
        let blocked = result("b", RunCounts { robots_blocked: 1, ..RunCounts::default() }, true, None);
        let not_started = SourceResult {
            outcome: engine::SourceOutcome::failed("cannot start: bad".into()),
            ..result("c", RunCounts::default(), true, None)
        };
        let s = summarize(vec![unparsable, blocked, not_started], None, None);
        assert_eq!(s.status, RunStatus::Failed);
        assert_eq!(statuses(&s), vec![RunStatus::Failed; 3]);
        assert_eq!(s.sources[2].error.as_deref(), Some("cannot start: bad"));
        // One source that worked makes the run partial.
        let s = summarize(
            vec![result("a", fetched(0, 1), true, Some("x")), result("b", fetched(1, 0), true, None)],
            None,
            None,
        );
        assert_eq!((s.status, statuses(&s)), (RunStatus::Partial, vec![RunStatus::Failed, RunStatus::Ok]));
    }

    #[test]
    fn an_interrupt_leaves_unfinished_sources_and_the_run_interrupted() {
        let s = summarize(
            vec![result("a", fetched(2, 0), false, None), result("b", fetched(1, 0), true, None)],
            Some(&StopReason::Interrupted),
            None,
        );
        assert_eq!((s.status, statuses(&s)), (RunStatus::Interrupted, vec![RunStatus::Interrupted, RunStatus::Ok]));
        assert_eq!(s.error, None);
    }

    #[test]
    fn the_time_limit_leaves_unfinished_sources_partial_and_says_so() {
        let s = summarize(
            vec![result("a", fetched(2, 0), false, None), result("b", fetched(1, 0), true, None)],
            Some(&StopReason::TimeLimit),
            None,
        );
        assert_eq!((s.status, statuses(&s)), (RunStatus::Partial, vec![RunStatus::Partial, RunStatus::Ok]));
        assert_eq!(s.sources[0].error.as_deref(), Some("stopped at --max-run-secs"));
        assert_eq!(s.error.as_deref(), Some("a: stopped at --max-run-secs"));
    }

    #[test]
    fn a_writer_failure_fails_every_source_with_the_writers_error() {
        let s = summarize(
            vec![
                result("a", fetched(2, 0), false, None),
                result("b", fetched(1, 1), true, Some("http://b/x: HTTP 404")),
            ],
            Some(&StopReason::Writer),
            Some("cannot commit to the database: disk full"),
        );
        assert_eq!((s.status, statuses(&s)), (RunStatus::Failed, vec![RunStatus::Failed, RunStatus::Failed]));
        let we = "database write failed: cannot commit to the database: disk full";
        assert_eq!(s.sources[0].error.as_deref(), Some(we));
        assert_eq!(s.sources[1].error.as_deref(), Some(format!("{we}; http://b/x: HTTP 404").as_str()));
        assert_eq!(s.error.as_deref(), Some(we));
    }
}
