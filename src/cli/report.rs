//! `skilltrend report`: the trend chart (or its numbers).

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::{Selection, UniqueJobsArg};
use crate::report::{self, Metric, Period, ReportOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MetricArg {
    Share,
    Count,
    /// The share of distinct companies (trimmed, case-folded names).
    Companies,
    /// Remote, hybrid, on-site and unstated shares of postings (no skills).
    Remote,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Skills by id, name or alias, comma-separated, or a preset such as
    /// @backend-core (see `skilltrend skills --presets`); default
    /// python,java,php,sql, or none when --match is given.
    #[arg(long, value_delimiter = ',')]
    skills: Option<Vec<String>>,

    /// The share of postings matching an FTS5 expression (repeatable),
    /// e.g. '"visa sponsorship"'; the expression is the series' name.
    #[arg(long = "match", value_name = "EXPR")]
    matches: Vec<String>,

    /// One line per source for one skill, each over its own postings.
    #[arg(long)]
    by_source: bool,

    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    by: Period,

    #[command(flatten)]
    selection: Selection,

    #[command(flatten)]
    unique: UniqueJobsArg,

    /// Share of postings (default), number of postings, or share of companies.
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
    if args.metric == MetricArg::Remote && args.skills.is_some() {
        return Err(crate::InputError(
            "--metric remote charts remote, hybrid, on-site and unstated postings; it takes no --skills".into(),
        )
        .into());
    }
    let extractor = g.extractor()?;
    let store = g.open_read_only()?;
    let default_skills = || if args.matches.is_empty() { ReportOptions::default().skills } else { Vec::new() };
    let opts = ReportOptions {
        skills: args.skills.clone().unwrap_or_else(default_skills),
        by: args.by,
        since: args.selection.since,
        until: args.selection.until,
        population: args.unique.apply(args.selection.population.population()),
        sources: args.selection.checked_sources(&store)?.unwrap_or_default(),
        rollup: args.rollup,
        metric: match args.metric {
            MetricArg::Share | MetricArg::Companies | MetricArg::Remote => Metric::Share,
            MetricArg::Count => Metric::Count,
        },
        companies: args.metric == MetricArg::Companies,
        remote: args.metric == MetricArg::Remote,
        by_source: args.by_source,
        matches: args.matches.clone(),
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
        let unit = if built.options.companies { "companies summed over the periods" } else { "postings" };
        format!("{} periods, {} {unit}", built.report.periods.len(), built.report.postings())
    })?;
    Ok(ExitCode::SUCCESS)
}
