//! `skilltrend cooccur SKILL`: the skills that postings mentioning SKILL
//! also mention, with count, shares and lift.

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::Selection;
use crate::InputError;
use crate::report::EmptySelection;
use crate::report::cooccur::{ChartLook, CooccurReport};
use crate::store::cooccur::CooccurQuery;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The skill, by id, name or alias (see `skilltrend skills`).
    skill: String,

    /// How many skills.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=200))]
    limit: u32,

    /// Rank by postings naming both (count) or by lift.
    #[arg(long, value_enum, default_value = "count")]
    sort: SortArg,

    /// Leave out skills named with SKILL in fewer postings than this.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    min_count: u64,

    /// The period (default: every posting) and the population.
    #[command(flatten)]
    selection: Selection,

    #[command(flatten)]
    output: OutputArgs,

    #[command(flatten)]
    size: ChartSize,

    /// Chart title.
    #[arg(long)]
    title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SortArg {
    Count,
    Lift,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = args.output.format()?;
    if let (Some(s), Some(u)) = (args.selection.since, args.selection.until)
        && s.first > u.last
    {
        return Err(InputError(format!("--since {} is after --until {}", s.first, u.last)).into());
    }
    let extractor = g.extractor()?;
    let store = g.open_read_only()?;
    let query = CooccurQuery {
        skill: args.skill.clone(),
        since: args.selection.since_day(),
        until: args.selection.until_day(),
        sources: (!args.selection.sources.is_empty()).then(|| args.selection.sources.clone()),
        population: args.selection.population.population(),
        min_count: args.min_count,
        by_lift: args.sort == SortArg::Lift,
        limit: args.limit as usize,
    };
    let today = chrono::Utc::now().date_naive();
    let report = match CooccurReport::build(&store, extractor.taxonomy(), query, today) {
        Ok(r) => r,
        Err(e) if e.is::<EmptySelection>() => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e),
    };
    let look =
        ChartLook { title: args.title, width: args.size.width, height: args.size.height, scale: args.size.scale };
    let bytes = report.render(format, &look)?;
    args.output.write(&bytes, g.quiet, || {
        format!("{} skills with {}, {}", report.data.rows.len(), report.skill.1, report.period())
    })?;
    Ok(ExitCode::SUCCESS)
}
