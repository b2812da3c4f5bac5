//! The per-source loop and the life of one request: robots check, polite
//! fetch with retries, parse and extract, hand-off to the writer.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::fetch::{Attempt, FetchError, Fetched, Fetcher};
use super::frontier::{Frontier, canonical};
use super::politeness::{HostKey, Hosts};
use super::robots::{RobotsCache, RobotsKey, Rules, robots_url};
use super::{CrawlOptions, SourceStats, StopReason};
use crate::config::{CrawlSettings, SourceSpec};
use crate::extract::dedupe::JobText;
use crate::extract::facts::Facts;
use crate::extract::{Extractor, SkillHit};
use crate::sources::{self, Memory, Method, Page, Posting, Request, Source};
use crate::store::state::CacheEntry;
use crate::store::writer::{PageWrite, WriteOp};

/// First retry waits about this long; each further one twice as long.
const BACKOFF_BASE: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

/// What every source's tasks share.
pub(super) struct Shared {
    hosts: Hosts,
    robots: RobotsCache,
    global: Arc<Semaphore>,
    in_flight_per_source: usize,
    writer: mpsc::Sender<WriteOp>,
    extractor: Arc<Extractor>,
    stop: CancellationToken,
    reason: Arc<Mutex<Option<StopReason>>>,
}

impl Shared {
    pub(super) fn new(
        opts: &CrawlOptions,
        writer: mpsc::Sender<WriteOp>,
        extractor: Arc<Extractor>,
        stop: CancellationToken,
        reason: Arc<Mutex<Option<StopReason>>>,
    ) -> Shared {
        let concurrency = opts.concurrency.max(1);
        Shared {
            hosts: Hosts::default(),
            robots: RobotsCache::default(),
            global: Arc::new(Semaphore::new(concurrency)),
            in_flight_per_source: concurrency,
            writer,
            extractor,
            stop,
            reason,
        }
    }

    fn stop_because(&self, why: StopReason) {
        self.reason.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(why);
        self.stop.cancel();
    }
}

/// One source's crawl state.
struct SourceCtx {
    name: Arc<str>,
    source: Box<dyn Source>,
    settings: CrawlSettings,
    fetcher: Fetcher,
    cache: HashMap<String, CacheEntry>,
    memory: Memory,
    stats: Arc<SourceStats>,
}

/// How a source's crawl ended (its counts are in its stats).
#[derive(Debug)]
pub(super) struct SourceOutcome {
    /// False when stopped before the queue was empty.
    pub finished: bool,
    /// An error that kept the source from starting at all.
    pub error: Option<String>,
}

impl SourceOutcome {
    pub(super) fn failed(error: String) -> SourceOutcome {
        SourceOutcome { finished: true, error: Some(error) }
    }
}

/// Crawls one source until its queue is empty or the run stops.
pub(super) async fn crawl_source(
    shared: Arc<Shared>,
    spec: SourceSpec,
    cache: HashMap<String, CacheEntry>,
    memory: Memory,
    stats: Arc<SourceStats>,
) -> SourceOutcome {
    let fetcher = match Fetcher::new(&spec.crawl) {
        Ok(f) => f,
        Err(e) => return SourceOutcome::failed(format!("cannot build an HTTP client: {e:#}")),
    };
    let source = sources::build(&spec);
    let start = match source.start(&memory) {
        Ok(s) => s,
        Err(e) => return SourceOutcome::failed(format!("cannot start: {e:#}")),
    };
    let ctx = Arc::new(SourceCtx {
        name: Arc::from(spec.name.as_str()),
        source,
        settings: spec.crawl,
        fetcher,
        cache,
        memory,
        stats,
    });
    let mut frontier = Frontier::new(ctx.settings.max_pages);
    for r in start {
        frontier.push(r);
    }
    let mut tasks = JoinSet::new();
    loop {
        while tasks.len() < shared.in_flight_per_source && !shared.stop.is_cancelled() {
            let Some(req) = frontier.pop() else { break };
            tasks.spawn(process(shared.clone(), ctx.clone(), req));
        }
        let Some(done) = tasks.join_next().await else {
            break;
        };
        match done {
            Ok(follow) => {
                for r in follow {
                    if is_allowed(&ctx.settings, &r.url) {
                        frontier.push(r);
                    }
                }
            }
            Err(e) => {
                SourceStats::bump(&ctx.stats.failed);
                ctx.stats.record_error(format!("a request task failed: {e}"));
            }
        }
    }
    let implausible = ctx.stats.implausible_pay.load(Ordering::Relaxed);
    if implausible > 0 {
        tracing::warn!(source = %ctx.name, "{implausible} postings state pay no job pays (min above max, or absurd amounts); not stored as pay");
    }
    if frontier.over_limit > 0 {
        let msg =
            format!("max_pages ({}) reached: {} more URLs not fetched", ctx.settings.max_pages, frontier.over_limit);
        tracing::warn!(source = %ctx.name, "{msg}");
        ctx.stats.record_error(msg);
    }
    let aborted = ctx.stats.aborted.load(Ordering::Relaxed);
    SourceOutcome { finished: frontier.is_empty() && aborted == 0, error: None }
}

/// Whether a URL is one this source may fetch.
fn is_allowed(settings: &CrawlSettings, url: &Url) -> bool {
    (url.scheme() == "http" || url.scheme() == "https")
        && url.host_str().is_some_and(|h| settings.allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h)))
}

/// The politeness slot of a URL's host for a source.
fn host_key(settings: &CrawlSettings, url: &Url) -> HostKey {
    HostKey {
        host: format!("{}:{}", url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0)),
        concurrency: settings.per_host_concurrency,
    }
}

/// Whether a source's own configured URLs name a URL's host (so it may be
/// private).
fn trusts(settings: &CrawlSettings, url: &Url) -> bool {
    url.host_str().is_some_and(|h| settings.trusted_hosts.iter().any(|t| t.eq_ignore_ascii_case(h)))
}

/// The life of one request; returns the requests it leads to.
async fn process(shared: Arc<Shared>, ctx: Arc<SourceCtx>, req: Request) -> Vec<Request> {
    if shared.stop.is_cancelled() {
        SourceStats::bump(&ctx.stats.aborted);
        return Vec::new();
    }
    let url = req.url.clone();
    let Some(crawl_delay) = check_robots(&shared, &ctx, &req).await else {
        return Vec::new();
    };
    // A refresh fetches again what earlier runs completed: no 304 may
    // stand in for the page. A POST is never conditional (nor cached).
    let validators = if ctx.memory.refresh || req.method != Method::Get { None } else { ctx.cache.get(url.as_str()) };
    let attempt = match fetch_with_retries(&shared, &ctx, &req, validators, crawl_delay).await {
        Ok(a) => a,
        Err(Failure::Stopped) => {
            SourceStats::bump(&ctx.stats.aborted);
            return Vec::new();
        }
        Err(Failure::Failed(FetchError::Status { status: 404 | 410, .. })) if req.best_effort => {
            tracing::info!(source = %ctx.name, %url, "dead link (404/410); skipped");
            return Vec::new();
        }
        Err(Failure::Failed(e)) => {
            fail(&ctx, &req, &e);
            return Vec::new();
        }
    };
    match attempt {
        Attempt::NotModified => {
            SourceStats::bump(&ctx.stats.not_modified);
            tracing::info!(source = %ctx.name, %url, "304 not modified");
            let op = WriteOp::NotModified {
                source: ctx.name.clone(),
                fetch_url: req.key(),
                counts: ctx.stats.postings.clone(),
            };
            if shared.writer.send(op).await.is_err() {
                shared.stop_because(StopReason::Writer);
                return Vec::new();
            }
            validators
                .and_then(|v| v.follow.as_deref())
                .and_then(|f| serde_json::from_str::<Vec<Request>>(f).ok())
                .unwrap_or_default()
        }
        Attempt::Ok(fetched) => store_page(&shared, &ctx, &req, fetched).await,
    }
}

/// Whether robots.txt lets a request be fetched: the host's Crawl-delay
/// (zero when none) if so; None when it was counted as aborted, refused or
/// disallowed.
async fn check_robots(shared: &Shared, ctx: &SourceCtx, req: &Request) -> Option<Duration> {
    if !ctx.settings.respect_robots {
        return Some(Duration::ZERO);
    }
    let Some(rules) = robots_rules(shared, ctx, &req.url).await else {
        SourceStats::bump(&ctx.stats.aborted);
        return None;
    };
    if let Rules::Refused(why) = rules.as_ref() {
        fail(ctx, req, &FetchError::Refused(why.clone()));
        return None;
    }
    if !rules.allows(&req.url) {
        SourceStats::bump(&ctx.stats.robots_blocked);
        tracing::info!(source = %ctx.name, url = %req.url, "disallowed by robots.txt; not fetched");
        return None;
    }
    Some(rules.crawl_delay().unwrap_or_default())
}

/// Parses a fetched page off the async threads and hands what it gave to
/// the writer; returns the requests it leads to.
async fn store_page(shared: &Shared, ctx: &Arc<SourceCtx>, req: &Request, fetched: Fetched) -> Vec<Request> {
    let url = &req.url;
    SourceStats::bump(&ctx.stats.pages_fetched);
    tracing::info!(source = %ctx.name, %url, bytes = fetched.body.len(), "fetched");
    let work = {
        let (ctx, extractor, req) = (ctx.clone(), shared.extractor.clone(), req.clone());
        tokio::task::spawn_blocking(move || parse_and_extract(&ctx, &extractor, &req, fetched))
    };
    let (write, follow) = match work.await {
        Ok(Ok((write, follow, problems))) => {
            for problem in problems {
                SourceStats::bump(&ctx.stats.failed);
                let msg = format!("{url}: {problem}");
                tracing::warn!(source = %ctx.name, "{msg}");
                ctx.stats.record_error(attribute(req, msg));
            }
            (write, follow)
        }
        Ok(Err(e)) => {
            SourceStats::bump(&ctx.stats.failed);
            SourceStats::bump(&ctx.stats.unparsable);
            let msg = if e.downcast_ref::<sources::NoPostings>().is_some() {
                format!("{}: {e:#}", shown(req))
            } else {
                format!("{}: cannot parse: {e:#}", shown(req))
            };
            tracing::warn!(source = %ctx.name, "{msg}");
            ctx.stats.record_error(attribute(req, msg));
            return Vec::new();
        }
        Err(e) => {
            SourceStats::bump(&ctx.stats.failed);
            SourceStats::bump(&ctx.stats.unparsable);
            ctx.stats.record_error(attribute(req, format!("{}: parser panicked: {e}", shown(req))));
            return Vec::new();
        }
    };
    if shared.writer.send(WriteOp::Page(write)).await.is_err() {
        shared.stop_because(StopReason::Writer);
        return Vec::new();
    }
    follow
}

fn attribute(req: &Request, msg: String) -> String {
    match &req.label {
        Some(label) => format!("{label}: {msg}"),
        None => msg,
    }
}

/// A request as failures name it: its URL, after `POST ` for a POST.
fn shown(req: &Request) -> String {
    match req.method {
        Method::Get => req.url.to_string(),
        Method::Post => format!("POST {}", req.url),
    }
}

fn fail(ctx: &SourceCtx, req: &Request, e: &FetchError) {
    SourceStats::bump(&ctx.stats.failed);
    let msg = format!("{}: {e}", shown(req));
    tracing::warn!(source = %ctx.name, "{msg}");
    ctx.stats.record_error(attribute(req, msg));
}

/// Parses a page, extracts each posting's skills, and prepares the write;
/// with the requests it leads to and what its source found wrong with it.
fn parse_and_extract(
    ctx: &SourceCtx,
    extractor: &Extractor,
    req: &Request,
    fetched: Fetched,
) -> anyhow::Result<(PageWrite, Vec<Request>, Vec<String>)> {
    let final_url = canonical(&fetched.final_url);
    let page =
        Page { request: req, url: &final_url, body: &fetched.body, content_type: fetched.content_type.as_deref() };
    let mut parsed = ctx.source.parse(&page, &ctx.memory)?;
    crate::sources::ready_to_store(&mut parsed.postings, &final_url, &crate::store::now_utc());
    // A page of many postings (an HN thread, a board) is read on every core.
    let extracted = crate::parallel::map(&parsed.postings, |p| {
        let hits = extractor.posting_skills(p.title.as_deref(), &p.description);
        let facts = crate::sources::posting_facts(p.raw_format, &p.raw, p.title.as_deref(), &p.description);
        (hits, facts, JobText::new(p.company.as_deref(), p.title.as_deref(), &p.description))
    });
    let postings: Vec<(Posting, Vec<SkillHit>, Facts, JobText)> = parsed
        .postings
        .into_iter()
        .zip(extracted)
        .map(|(p, (hits, facts, job))| {
            if facts.implausible_pay.is_some() {
                SourceStats::bump(&ctx.stats.implausible_pay);
            }
            (p, hits, facts, job)
        })
        .collect();
    let follow: Vec<Request> = parsed.follow.into_iter().filter(|r| is_allowed(&ctx.settings, &r.url)).collect();
    // A POST's answer is never cached: the cache is for conditional GETs.
    let cacheable = req.method == Method::Get && (fetched.etag.is_some() || fetched.last_modified.is_some());
    let cache = cacheable.then(|| CacheEntry {
        etag: fetched.etag.clone(),
        last_modified: fetched.last_modified.clone(),
        follow: Some(serde_json::to_string(&follow).unwrap_or_else(|_| "[]".into())),
    });
    let write = PageWrite {
        source: ctx.name.clone(),
        fetch_url: req.key(),
        cache,
        postings,
        state: parsed.state,
        counts: ctx.stats.postings.clone(),
    };
    Ok((write, follow, parsed.problems))
}

enum Failure {
    /// The run is stopping.
    Stopped,
    Failed(FetchError),
}

fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE.saturating_mul(1u32 << attempt.min(16)).min(BACKOFF_MAX);
    base.mul_f64(0.5 + fastrand::f64())
}

/// Fetches with per-host politeness (at least the host's `crawl_delay`
/// between starts), the global cap, and retries with exponential backoff
/// (honouring Retry-After); a POST only on the failures
/// [`FetchError::is_retryable_for`] allows.
async fn fetch_with_retries(
    shared: &Shared,
    ctx: &SourceCtx,
    req: &Request,
    validators: Option<&CacheEntry>,
    crawl_delay: Duration,
) -> Result<Attempt, Failure> {
    let url = &req.url;
    let host = host_key(&ctx.settings, url);
    let mut attempt = 0u32;
    loop {
        let result = tokio::select! {
            biased;
            _ = shared.stop.cancelled() => return Err(Failure::Stopped),
            r = async {
                let _host = shared.hosts.acquire(&host, ctx.settings.delay, crawl_delay).await;
                let _global = shared.global.acquire().await.expect("the global semaphore is never closed");
                ctx.fetcher.send(req.method, url, req.body.as_deref(), validators).await
            } => r,
        };
        let e = match result {
            Ok(a) => return Ok(a),
            Err(e) => e,
        };
        if !e.is_retryable_for(req.method) || attempt >= ctx.settings.max_retries {
            return Err(Failure::Failed(e));
        }
        let wait = match e.retry_after() {
            Some(ra) if ra > ctx.settings.max_retry_after => {
                tracing::warn!(source = %ctx.name, %url, "Retry-After of {ra:?} exceeds max_retry_after_secs; giving up on this URL for this run");
                return Err(Failure::Failed(e));
            }
            Some(ra) => ra.max(backoff(attempt)),
            None => backoff(attempt),
        };
        SourceStats::bump(&ctx.stats.retried);
        tracing::info!(source = %ctx.name, %url, "{e}; retrying in {:.1}s", wait.as_secs_f64());
        tokio::select! {
            _ = shared.stop.cancelled() => return Err(Failure::Stopped),
            _ = tokio::time::sleep(wait) => {}
        }
        attempt += 1;
    }
}

/// The robots.txt rules of a URL's origin (fetched once per origin, user
/// agent and trust), or None when the run stopped first: a stop is no
/// answer, so nothing is remembered for the origin.
async fn robots_rules(shared: &Shared, ctx: &SourceCtx, url: &Url) -> Option<Arc<Rules>> {
    let Some(robots) = robots_url(url) else {
        return Some(Arc::new(Rules::AllowAll));
    };
    let cell = shared.robots.cell(RobotsKey::new(url, &ctx.settings.user_agent, trusts(&ctx.settings, url)));
    // Cancelling the fetch leaves the cell empty.
    tokio::select! {
        biased;
        _ = shared.stop.cancelled() => None,
        rules = cell.get_or_init(|| fetch_robots(shared, ctx, url, &robots)) => Some(rules.clone()),
    }
}

/// Fetches and reads an origin's robots.txt.
async fn fetch_robots(shared: &Shared, ctx: &SourceCtx, url: &Url, robots: &Url) -> Arc<Rules> {
    let _host = shared.hosts.acquire(&host_key(&ctx.settings, url), ctx.settings.delay, Duration::ZERO).await;
    let response = match ctx.fetcher.get(robots, None).await {
        Ok(Attempt::Ok(f)) => Ok((200, f.body)),
        Ok(Attempt::NotModified) => Ok((200, String::new())),
        Err(FetchError::Status { status, .. }) => Ok((status, String::new())),
        Err(FetchError::Refused(why)) => return Arc::new(Rules::Refused(why)),
        Err(e) => Err(e.to_string()),
    };
    let rules = Rules::from_response(response);
    if let Rules::DisallowAll(why) = &rules {
        tracing::warn!(source = %ctx.name, %url, "{why}; nothing on this host will be fetched");
        ctx.stats.record_error(format!("{robots}: {why}"));
    }
    Arc::new(rules)
}
