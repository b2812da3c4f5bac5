//! `skilltrend report`: the trend chart (or its numbers).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Globals, write_stdout};
use crate::InputError;
use crate::report::{self, Format, Metric, Period, ReportOptions, UserDate, parse_user_date};
use crate::store::Store;

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

    /// First month or day (YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_date_arg)]
    since: Option<UserDate>,

    /// Last month or day (YYYY-MM or YYYY-MM-DD), included.
    #[arg(long, value_parser = parse_date_arg)]
    until: Option<UserDate>,

    /// Only postings of this source (repeatable).
    #[arg(long = "source", value_name = "NAME")]
    sources: Vec<String>,

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

    /// Write to this file (format from its extension).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Output format (default: from --out, else table).
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Chart width in pixels.
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(300..=8000))]
    width: u32,

    /// Chart height in pixels.
    #[arg(long, default_value_t = 700, value_parser = clap::value_parser!(u32).range(200..=8000))]
    height: u32,

    /// Chart title.
    #[arg(long)]
    title: Option<String>,
}

fn parse_date_arg(s: &str) -> Result<UserDate, String> {
    parse_user_date(s)
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = match (&args.out, args.format) {
        (_, Some(f)) => f,
        (Some(path), None) => Format::from_path(path).ok_or_else(|| {
            InputError(format!(
                "cannot tell the format of {} from its extension: use .png, .svg, .csv, .json or --format",
                path.display()
            ))
        })?,
        (None, None) => Format::Table,
    };
    if args.out.is_none() && matches!(format, Format::Png | Format::Svg) && std::io::stdout().is_terminal() {
        return Err(
            InputError("refusing to write an image to the terminal: use --out FILE or redirect stdout".into()).into()
        );
    }
    let extractor = g.extractor()?;
    let store = Store::open_read_only(&g.db)?;
    let opts = ReportOptions {
        skills: args.skills.iter().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect(),
        by: args.by,
        since: args.since,
        until: args.until,
        sources: args.sources,
        rollup: args.rollup,
        metric: match args.metric {
            MetricArg::Share => Metric::Share,
            MetricArg::Count => Metric::Count,
        },
        interval: !args.no_interval,
        include_partial: args.include_partial,
        smooth: args.smooth.map(|n| n as usize),
        title: args.title,
        width: args.width,
        height: args.height,
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
    match &args.out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            if !g.quiet {
                eprintln!(
                    "wrote {} ({} periods, {} postings)",
                    path.display(),
                    built.report.periods.len(),
                    built.report.postings()
                );
            }
        }
        None => write_stdout(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
