//! `skilltrend sources`: the configured sources, what the database holds of
//! each, and how their last run went.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::config::Config;
use crate::report::output::render_table;
use crate::store::reports::SourceSummary;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The sources file.
    #[arg(long, default_value = "sources.toml", value_name = "FILE")]
    config: PathBuf,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let config = Config::load(&args.config)?;
    let store = if g.db.exists() { Some(g.open_read_only()?) } else { None };
    let header: Vec<String> =
        ["source", "kind", "postings", "first", "last", "last run", "status"].iter().map(|s| s.to_string()).collect();
    let mut rows = Vec::new();
    let mut notes = String::new();
    for spec in &config.sources {
        let s = match &store {
            Some(store) => store.source_summary(&spec.name)?,
            None => SourceSummary::default(),
        };
        let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        if let Some(e) = &s.last_run_error {
            notes.push_str(&format!("{}: {e}\n", spec.name));
        }
        rows.push(vec![
            spec.name.clone(),
            spec.kind.name().to_string(),
            s.postings.to_string(),
            dash(s.first),
            dash(s.last),
            dash(s.last_run_at),
            s.last_run_status.unwrap_or_else(|| "never run".into()),
        ]);
    }
    let mut out = render_table(&header, &rows);
    out.push_str(&notes);
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
