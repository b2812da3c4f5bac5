//! `skilltrend export`: postings with their skills as CSV, JSON lines or
//! Parquet, for pandas, R, DuckDB, Polars or Spark; or the long table of
//! mentions (`--table posting_skills`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

mod tables;

use super::Globals;
use super::output::writer_to;
use super::selection::Selection;
use crate::report::output::csv_field;
use crate::store::query::ExportSelection;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Jsonl,
    /// Typed columns, lists as Parquet lists (needs --out).
    Parquet,
}

/// Which table `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportTable {
    /// One row per posting, its skills, roles and seniority as lists.
    Postings,
    /// One row per posting and skill it names (the long table).
    #[value(name = "posting_skills")]
    PostingSkills,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,

    /// The postings, or the long table of their mentions.
    #[arg(long, value_enum, default_value = "postings")]
    table: ExportTable,

    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,

    #[command(flatten)]
    selection: Selection,

    /// Leave the description out (much smaller files).
    #[arg(long)]
    no_description: bool,
}

const COLUMNS: &[&str] = &[
    "id",
    "source",
    "external_id",
    "url",
    "title",
    "company",
    "location",
    "remote",
    "workplace",
    "posted_at",
    "first_seen_at",
    "last_seen_at",
    "day",
    "skills",
    "roles",
    "seniority",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "pay_annual_min",
    "pay_annual_max",
    "description",
];

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    if args.format == ExportFormat::Parquet || args.table == ExportTable::PostingSkills {
        return tables::run(g, &args);
    }
    let store = g.open_read_only()?;
    args.selection.checked_sources(&store)?;
    let mut out = writer_to(args.out.as_ref())?;
    let columns: Vec<&str> =
        COLUMNS.iter().copied().filter(|c| !(args.no_description && *c == "description")).collect();
    if args.format == ExportFormat::Csv {
        writeln!(out, "{}", columns.join(","))?;
    }
    let (since, until) = (args.selection.since_day(), args.selection.until_day());
    let population = args.selection.population.population();
    let selection = ExportSelection {
        sources: &args.selection.sources,
        since: since.as_deref(),
        until: until.as_deref(),
        population: &population,
    };
    let n = store.export_postings(&selection, |row| {
        match args.format {
            ExportFormat::Jsonl => {
                let mut row = row;
                if args.no_description {
                    row.description.clear();
                }
                writeln!(out, "{}", serde_json::to_string(&row)?)?;
            }
            ExportFormat::Csv | ExportFormat::Parquet => {
                let opt = |o: &Option<String>| o.clone().unwrap_or_default();
                let mut fields = vec![
                    row.id.to_string(),
                    row.source.clone(),
                    row.external_id.clone(),
                    opt(&row.url),
                    opt(&row.title),
                    opt(&row.company),
                    opt(&row.location),
                    row.remote.map_or(String::new(), |r| u8::from(r).to_string()),
                    opt(&row.workplace),
                    opt(&row.posted_at),
                    row.first_seen_at.clone(),
                    row.last_seen_at.clone(),
                    row.day.clone(),
                    row.skills.join(" "),
                    row.roles.join(" "),
                    row.seniority.join(" "),
                    number(row.pay_min),
                    number(row.pay_max),
                    opt(&row.pay_currency),
                    opt(&row.pay_period),
                    number(row.pay_annual_min),
                    number(row.pay_annual_max),
                ];
                if !args.no_description {
                    fields.push(row.description.clone());
                }
                let line: Vec<String> = fields.iter().map(|f| csv_field(f).into_owned()).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    if let Some(p) = &args.out
        && !g.quiet
    {
        eprintln!("wrote {n} postings to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A figure for CSV: empty when absent, no trailing `.0`.
fn number(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() })
}
