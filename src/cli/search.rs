//! `skilltrend search "QUERY"`: full-text search over postings.

use std::process::ExitCode;

use anyhow::Result;

use super::query::{TableFormat, render};
use super::selection::Selection;
use super::{Globals, write_stdout};
use crate::store::query::SearchQuery;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// FTS5 syntax: words, "a phrase", AND / OR / NOT, prefix*, title:word.
    query: String,

    /// Most results.
    #[arg(long, default_value_t = 20)]
    limit: usize,

    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,

    /// Only the best match of each company (HN companies post every month).
    #[arg(long)]
    one_per_company: bool,

    #[command(flatten)]
    selection: Selection,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let store = g.open_read_only()?;
    let sel = &args.selection;
    let sources = sel.checked_sources(&store)?;
    let (since, until) = (sel.since_day(), sel.until_day());
    let population = sel.population.population();
    let query = SearchQuery {
        query: &args.query,
        limit: args.limit,
        population: &population,
        since: since.as_deref(),
        until: until.as_deref(),
        sources: sources.as_deref(),
        one_per_company: args.one_per_company,
    };
    let (matches, set) = store.search(&query)?;
    if set.rows.is_empty() && args.format == TableFormat::Table {
        eprintln!("no posting matches \"{}\"", args.query);
        return Ok(ExitCode::from(1));
    }
    let what = if args.one_per_company { "companies (or postings without one)" } else { "postings" };
    eprintln!("{matches} {what} match \"{}\"; showing {}", args.query, set.rows.len());
    write_stdout(render(&[set], args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
