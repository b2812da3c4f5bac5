//! `skilltrend report`: the trend chart (or its numbers).

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::Selection;
use crate::report::{self, Metric, Period, ReportOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MetricArg {
    Share,
    Count,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Skill ids, comma-separated (see `skilltrend skills`).
    #[arg(long, value_delimiter = ',', default_value = "python,java,php,sql")]
    skills: Vec<String>,

    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    by: Period,

    #[command(flatten)]
    selection: Selection,

    /// Share of postings (default) or number of postings.
    #[arg(long, value_enum, default_value = "share")]
    metric: MetricArg,

    /// Count roll-ups too (e.g. MySQL and T-SQL for SQL), labelled as such.
    #[arg(long)]
    rollup: bool,

    /// Hide the 95% interval band.
    #[arg(long)]
    no_interval: bool,

    /// Include the current, incomplete period (drawn dashed).
    #[arg(long)]
    include_partial: bool,

    /// Draw an N-period centred moving average (raw points stay, faint).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=60))]
    smooth: Option<u32>,

    /// Leave out periods with fewer than N postings (drawn as gaps and
    /// said in the footnote).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_n: u64,
    /// Small multiples: one panel per skill on shared axes, the others faint behind it.
    #[arg(long)]
    facet: bool,

    #[command(flatten)]
    output: OutputArgs,

    #[command(flatten)]
    size: ChartSize,

    /// Chart title.
    #[arg(long)]
    title: Option<String>,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = args.output.format()?;
    let extractor = g.extractor()?;
    let store = g.open_read_only()?;
    let opts = ReportOptions {
        skills: args.skills,
        by: args.by,
        since: args.selection.since,
        until: args.selection.until,
        population: args.selection.population.population(),
        sources: args.selection.checked_sources(&store)?.unwrap_or_default(),
        rollup: args.rollup,
        metric: match args.metric {
            MetricArg::Share => Metric::Share,
            MetricArg::Count => Metric::Count,
        },
        interval: !args.no_interval,
        include_partial: args.include_partial,
        smooth: args.smooth.map(|n| n as usize),
        min_n: args.min_n,
        title: args.title,
        width: args.size.width,
        height: args.size.height,
        scale: args.size.scale,
        facet: args.facet,
    };
    let today = chrono::Utc::now().date_naive();
    let built = match report::build(&store, extractor.taxonomy(), &opts, today) {
        Ok(b) => b,
        Err(e) if e.is::<report::EmptySelection>() => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e),
    };
    let bytes = built.render(format)?;
    args.output.write(&bytes, g.quiet, || {
        format!("{} periods, {} postings", built.report.periods.len(), built.report.postings())
    })?;
    Ok(ExitCode::SUCCESS)
}
