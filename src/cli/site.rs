//! `skilltrend site --out DIR`: one self-contained HTML page (DIR/index.html)
//! with the headline trend, top and rising skills, co-occurrence, coverage,
//! method and provenance.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::Globals;
use super::selection::Selection;
use crate::report::site::{SiteOptions, build_site};
use crate::report::{EmptySelection, Period, ReportOptions};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The directory to write index.html into (made if missing).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,

    /// The headline skills by id, name or alias, comma-separated, or a
    /// preset such as @backend-core (see `skilltrend skills --presets`).
    #[arg(long, value_delimiter = ',', default_value = "python,java,php,sql")]
    skills: Vec<String>,

    /// Period length of the headline trend.
    #[arg(long, value_enum, default_value = "month")]
    by: Period,

    #[command(flatten)]
    selection: Selection,

    /// Count roll-ups too in the trend (e.g. MySQL for SQL).
    #[arg(long)]
    rollup: bool,

    /// How many skills the top table lists.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=100))]
    top: u32,

    /// Leave out co-occurring skills named together in fewer postings.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    min_count: u64,

    /// The page's title.
    #[arg(long)]
    title: Option<String>,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let store = g.open_read_only()?;
    let command: Vec<String> = std::env::args().skip(1).collect();
    let opts = SiteOptions {
        report: ReportOptions {
            skills: args.skills,
            by: args.by,
            since: args.selection.since,
            until: args.selection.until,
            sources: args.selection.sources,
            population: args.selection.population.population(),
            rollup: args.rollup,
            title: args.title,
            width: 900,
            height: 560,
            ..ReportOptions::default()
        },
        top: args.top as usize,
        cooccur: 10,
        min_count: args.min_count,
        command: format!("skilltrend {}", command.join(" ")),
    };
    let today = chrono::Utc::now().date_naive();
    let html = match build_site(&store, extractor.taxonomy(), &opts, today) {
        Ok(h) => h,
        Err(e) if e.is::<EmptySelection>() => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e),
    };
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot make {}", args.out.display()))?;
    let path = args.out.join("index.html");
    std::fs::write(&path, &html).with_context(|| format!("cannot write {}", path.display()))?;
    if !g.quiet {
        eprintln!("wrote {} ({} KB, one self-contained page)", path.display(), html.len() / 1024);
    }
    Ok(ExitCode::SUCCESS)
}
