//! `skilltrend search "QUERY"`: full-text search over postings.

use std::process::ExitCode;

use anyhow::Result;

use super::query::{TableFormat, render};
use super::selection::PopulationArgs;
use super::{Globals, write_stdout};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// FTS5 syntax: words, "a phrase", AND / OR / NOT, prefix*, title:word.
    query: String,

    /// Most results.
    #[arg(long, default_value_t = 20)]
    limit: usize,

    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,

    #[command(flatten)]
    population: PopulationArgs,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let store = g.open_read_only()?;
    let set = store.search(&args.query, args.limit, &args.population.population())?;
    if set.rows.is_empty() && args.format == TableFormat::Table {
        eprintln!("no posting matches \"{}\"", args.query);
        return Ok(ExitCode::from(1));
    }
    write_stdout(render(&[set], args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
