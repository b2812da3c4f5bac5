//! `skilltrend crawl`: crawl the sources of a config file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::{Globals, interrupt_token, runtime, write_stdout};
use crate::InputError;
use crate::config::Config;
use crate::crawl::{self, CrawlOptions, CrawlReport};
use crate::report::output::render_table;
use crate::store::runs::RunStatus;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The sources to crawl.
    #[arg(long, default_value = "sources.toml", value_name = "FILE")]
    config: PathBuf,

    /// Crawl only this source (repeatable).
    #[arg(long = "source", value_name = "NAME")]
    sources: Vec<String>,

    /// Most requests in flight across all hosts.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024))]
    concurrency: u32,

    /// Stop the run after this many seconds (what was fetched is kept).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    max_run_secs: Option<u64>,

    /// Fetch again what earlier runs completed (e.g. final HN months).
    #[arg(long)]
    refresh: bool,

    /// Print the URLs each source would start from, and fetch nothing.
    #[arg(long)]
    dry_run: bool,

    /// Crawl even the sources crawled less than their `min_interval_secs` ago.
    #[arg(long)]
    ignore_min_interval: bool,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let config = Config::load(&args.config)?;
    let mut specs = config.sources;
    if !args.sources.is_empty() {
        for name in &args.sources {
            if !specs.iter().any(|s| &s.name == name) {
                let known: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
                return Err(InputError(format!(
                    "--source {name}: no such source in {} (sources: {})",
                    args.config.display(),
                    known.join(", ")
                ))
                .into());
            }
        }
        specs.retain(|s| args.sources.contains(&s.name));
    }
    if args.dry_run {
        return dry_run(g, &specs, args.refresh, args.ignore_min_interval);
    }
    let extractor = g.extractor()?;
    let opts = CrawlOptions {
        concurrency: args.concurrency as usize,
        max_run: args.max_run_secs.map(Duration::from_secs),
        progress: g.progress(),
        refresh: args.refresh,
        ignore_min_interval: args.ignore_min_interval,
    };
    let rt = runtime()?;
    let report = rt.block_on(async {
        let interrupt = interrupt_token();
        crawl::run(&g.db, &specs, extractor, &opts, interrupt).await
    })?;
    if !g.quiet {
        write_stdout(summary(&report).as_bytes())?;
    }
    newest_hn_month_notice(g, &specs)?;
    Ok(exit_code(report.status))
}

/// Says so when a crawl ends with the newest month of an `hn` source (the
/// current one, or its `until`) holding no postings: its thread is not out
/// yet or was not fetched, and reports end before it.
fn newest_hn_month_notice(g: &Globals, specs: &[crate::config::SourceSpec]) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    let this_month = today.format("%Y-%m").to_string();
    let store = g.open_read_only()?;
    for spec in specs {
        let crate::config::KindSpec::Hn { until, .. } = &spec.kind else { continue };
        let newest = until.map_or(this_month.clone(), |u| u.to_string().min(this_month.clone()));
        let last = store.source_summary(&spec.name)?.last.unwrap_or_default();
        if last.get(..7).is_none_or(|m| m < newest.as_str()) {
            let since =
                if last.is_empty() { "no postings yet".to_string() } else { format!("the newest is from {last}") };
            tracing::warn!(
                source = %spec.name,
                "the newest month, {newest}, has no postings ({since}): its \"Who is hiring?\" thread is not out yet \
                 or was not fetched, so reports end before {newest}"
            );
        }
    }
    Ok(())
}

/// `--dry-run`: each source's start URLs, from what the database remembers,
/// and whether `min_interval_secs` would skip it now.
fn dry_run(g: &Globals, specs: &[crate::config::SourceSpec], refresh: bool, ignore: bool) -> Result<ExitCode> {
    let store = if g.db.exists() { Some(g.open_read_only()?) } else { None };
    let skipped = match &store {
        Some(s) => crawl::too_soon(s, specs, ignore)?.1,
        None => Vec::new(),
    };
    let mut out = String::new();
    for spec in specs {
        let state = match &store {
            Some(s) => s.load_source_state(&spec.name)?,
            None => Default::default(),
        };
        let memory = crate::sources::Memory { state, refresh };
        let source = crate::sources::build(spec);
        out.push_str(&format!(
            "{} ({}), allowed hosts: {}\n",
            spec.name,
            spec.kind.name(),
            spec.crawl.allowed_hosts.join(", ")
        ));
        for r in source.start(&memory)? {
            match r.method {
                crate::sources::Method::Get => out.push_str(&format!("  {}\n", r.url)),
                crate::sources::Method::Post => {
                    out.push_str(&format!("  POST {} {}\n", r.url, r.body.as_deref().unwrap_or_default()))
                }
            }
        }
        if let Some(s) = skipped.iter().find(|s| s.source == spec.name) {
            out.push_str(&format!("  (skipped now: min_interval_secs; next crawl from {})\n", s.next));
        }
    }
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The exit code of a run.
pub(super) fn exit_code(status: RunStatus) -> ExitCode {
    match status {
        RunStatus::Ok => ExitCode::SUCCESS,
        RunStatus::Interrupted => ExitCode::from(130),
        _ => ExitCode::from(1),
    }
}

/// The end-of-run table: the numbers of the `crawl_runs` row.
pub(super) fn summary(r: &CrawlReport) -> String {
    use crate::store::runs::RunCounts;
    let header: Vec<String> = ["source", "status"].into_iter().chain(RunCounts::HEADINGS).map(str::to_string).collect();
    let row = |name: &str, status: RunStatus, c: &RunCounts| {
        [name.to_string(), status.to_string()].into_iter().chain(c.cells()).collect::<Vec<_>>()
    };
    let mut rows: Vec<Vec<String>> = r.sources.iter().map(|s| row(&s.source, s.status, &s.counts)).collect();
    if r.sources.len() > 1 {
        rows.push(row("total", r.status, &r.totals));
    }
    let mut out = format!("run {} · {} · {:.1} s\n", r.run_id, r.status, r.elapsed.as_secs_f64());
    out.push_str(&render_table(&header, &rows));
    for s in &r.sources {
        if let Some(e) = &s.error {
            out.push_str(&format!("{}: {e}\n", s.source));
        }
    }
    for s in &r.skipped {
        out.push_str(&format!(
            "{}: skipped: its last crawl started at {}, less than min_interval_secs ({}) ago; next crawl from {}\n",
            s.source,
            s.last,
            s.min_interval.as_secs_f64(),
            s.next
        ));
    }
    out
}
