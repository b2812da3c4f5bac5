//! `export --format parquet` (postings, or `--table posting_skills`) and the
//! long table of mentions as CSV or JSON lines.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Args, ExportFormat, ExportTable};
use crate::InputError;
use crate::cli::Globals;
use crate::cli::output::{check_destination, writer_to};
use crate::report::output::csv_field;
use crate::report::parquet::{Cell, Column, ParquetTable, Values, date_of};
use crate::store::Store;
use crate::store::query::{ExportMention, ExportRow, ExportSelection};

/// Runs `export` for Parquet or the long table.
pub(super) fn run(g: &Globals, args: &Args) -> Result<ExitCode> {
    let store = g.open_read_only()?;
    args.selection.checked_sources(&store)?;
    let (since, until) = (args.selection.since_day(), args.selection.until_day());
    let population = args.selection.population.population();
    let selection = ExportSelection {
        sources: &args.selection.sources,
        since: since.as_deref(),
        until: until.as_deref(),
        population: &population,
    };
    let (n, what) = match (args.format, args.table) {
        (ExportFormat::Parquet, table) => {
            let path = args.out.as_ref().ok_or_else(|| {
                InputError("Parquet is written to a file: give --out FILE (e.g. --out postings.parquet)".into())
            })?;
            check_destination(path)?;
            let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
            let out = std::io::BufWriter::new(file);
            match table {
                ExportTable::Postings => (postings_parquet(&store, &selection, out, args.no_description)?, "postings"),
                ExportTable::PostingSkills => (mentions_parquet(&store, &selection, out)?, "mentions"),
            }
        }
        (format, _) => (mentions_text(&store, &selection, args, format)?, "mentions"),
    };
    if let Some(p) = &args.out
        && !g.quiet
    {
        eprintln!("wrote {n} {what} to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The columns of the postings' Parquet file.
fn posting_columns(description: bool) -> Vec<Column> {
    let text = |name, required| Column::new(name, required, Values::Text(Vec::new()));
    let real = |name| Column::new(name, false, Values::Real(Vec::new()));
    let list = |name| Column::new(name, true, Values::List(Vec::new()));
    let mut columns = vec![
        Column::new("id", true, Values::Int(Vec::new())),
        text("source", true),
        text("external_id", true),
        text("url", false),
        text("title", false),
        text("company", false),
        text("location", false),
        Column::new("remote", false, Values::Bool(Vec::new())),
        text("workplace", false),
        text("posted_at", false),
        text("first_seen_at", true),
        text("last_seen_at", true),
        Column::new("day", false, Values::Date(Vec::new())),
        list("skills"),
        list("roles"),
        list("seniority"),
        real("pay_min"),
        real("pay_max"),
        text("pay_currency", false),
        text("pay_period", false),
        real("pay_annual_min"),
        real("pay_annual_max"),
    ];
    if description {
        columns.push(text("description", true));
    }
    columns
}

/// One posting as a row of [`posting_columns`].
fn posting_cells(row: ExportRow, description: bool) -> Vec<Cell> {
    let mut cells = vec![
        Cell::Int(Some(row.id)),
        Cell::Text(Some(row.source)),
        Cell::Text(Some(row.external_id)),
        Cell::Text(row.url),
        Cell::Text(row.title),
        Cell::Text(row.company),
        Cell::Text(row.location),
        Cell::Bool(row.remote),
        Cell::Text(row.workplace),
        Cell::Text(row.posted_at),
        Cell::Text(Some(row.first_seen_at)),
        Cell::Text(Some(row.last_seen_at)),
        Cell::Date(date_of(&row.day)),
        Cell::List(row.skills),
        Cell::List(row.roles),
        Cell::List(row.seniority),
        Cell::Real(row.pay_min),
        Cell::Real(row.pay_max),
        Cell::Text(row.pay_currency),
        Cell::Text(row.pay_period),
        Cell::Real(row.pay_annual_min),
        Cell::Real(row.pay_annual_max),
    ];
    if description {
        cells.push(Cell::Text(Some(row.description)));
    }
    cells
}

/// Writes the postings as Parquet; returns how many.
fn postings_parquet(
    store: &Store,
    selection: &ExportSelection<'_>,
    out: impl Write + Send,
    no_description: bool,
) -> Result<u64> {
    let mut table = ParquetTable::new(out, "postings", posting_columns(!no_description))?;
    store.export_postings(selection, |row| table.push_row(posting_cells(row, !no_description)))?;
    table.finish()
}

/// Writes the mentions as Parquet; returns how many.
fn mentions_parquet(store: &Store, selection: &ExportSelection<'_>, out: impl Write + Send) -> Result<u64> {
    let text = |name| Column::new(name, true, Values::Text(Vec::new()));
    let columns = vec![
        Column::new("posting_id", true, Values::Int(Vec::new())),
        text("skill_id"),
        text("skill"),
        text("category"),
        Column::new("mentions", true, Values::Int(Vec::new())),
        Column::new("first_offset", false, Values::Int(Vec::new())),
        Column::new("day", false, Values::Date(Vec::new())),
        text("source"),
    ];
    let mut table = ParquetTable::new(out, "posting_skills", columns)?;
    store.export_posting_skills(selection, |m| {
        table.push_row(vec![
            Cell::Int(Some(m.posting_id)),
            Cell::Text(Some(m.skill_id)),
            Cell::Text(Some(m.skill)),
            Cell::Text(Some(m.category)),
            Cell::Int(Some(m.mentions)),
            Cell::Int(m.first_offset),
            Cell::Date(date_of(&m.day)),
            Cell::Text(Some(m.source)),
        ])
    })?;
    table.finish()
}

/// Writes the mentions as CSV or JSON lines; returns how many.
fn mentions_text(store: &Store, selection: &ExportSelection<'_>, args: &Args, format: ExportFormat) -> Result<u64> {
    let mut out = writer_to(args.out.as_ref())?;
    if format == ExportFormat::Csv {
        writeln!(out, "posting_id,skill_id,skill,category,mentions,first_offset,day,source")?;
    }
    let n = store.export_posting_skills(selection, |m: ExportMention| {
        if format == ExportFormat::Jsonl {
            writeln!(out, "{}", serde_json::to_string(&m)?)?;
        } else {
            let fields = [
                m.posting_id.to_string(),
                m.skill_id,
                m.skill,
                m.category,
                m.mentions.to_string(),
                m.first_offset.map(|o| o.to_string()).unwrap_or_default(),
                m.day,
                m.source,
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f).into_owned()).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(n)
}
