//! `skilltrend runs`: the recent crawl runs, as a table.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::report::output::render_table;
use crate::store::runs::RunCounts;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// How many runs to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,

    /// Also show each run's per-source rows.
    #[arg(long)]
    sources: bool,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let store = g.open_read_only()?;
    let runs = store.recent_runs(args.limit)?;
    if runs.is_empty() {
        write_stdout(b"no crawl runs yet\n")?;
        return Ok(ExitCode::SUCCESS);
    }
    let header: Vec<String> = ["run", "started", "finished", "status", "sources"]
        .into_iter()
        .chain(RunCounts::HEADINGS)
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for r in &runs {
        let c = &r.counts;
        let mut push = |id: String, status: String, sources: String, c: &RunCounts, started: &str, finished: &str| {
            let cells = [id, started.to_string(), finished.to_string(), status, sources];
            rows.push(cells.into_iter().chain(c.cells()).collect::<Vec<_>>());
        };
        push(
            r.id.to_string(),
            r.status.to_string(),
            r.sources.clone(),
            c,
            &r.started_at,
            r.finished_at.as_deref().unwrap_or("-"),
        );
        if args.sources {
            for s in store.run_sources(r.id)? {
                push(String::new(), s.status.to_string(), format!("  {}", s.source), &s.counts, "", "");
            }
        }
    }
    let mut out = render_table(&header, &rows);
    for r in &runs {
        if let Some(e) = &r.error {
            out.push_str(&format!("run {}: {e}\n", r.id));
        }
    }
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
