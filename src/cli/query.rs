//! `skilltrend query FILE|SQL`: run SQL on a read-only connection (nothing
//! it runs can modify the database), with named parameters.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Globals, write_stdout};
use crate::InputError;
use crate::report::output::{result_csv, result_json, result_table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum TableFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// A .sql file (e.g. queries/skill_cooccurrence.sql) or SQL text.
    sql: String,

    /// A named parameter, `name=value` (repeatable; `:name` in the SQL).
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,

    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

fn parse_param(s: &str) -> Result<(String, String), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("'{s}' is not name=value"))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(format!("'{s}' has no name"));
    }
    Ok((k.to_string(), v.to_string()))
}

/// Renders result sets in a format.
pub(super) fn render(sets: &[crate::store::query::ResultSet], format: TableFormat) -> String {
    let parts: Vec<String> = sets
        .iter()
        .map(|s| match format {
            TableFormat::Table => result_table(s),
            TableFormat::Csv => result_csv(s),
            TableFormat::Json => result_json(s),
        })
        .collect();
    parts.join("\n")
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let path = std::path::Path::new(&args.sql);
    let sql = if args.sql.ends_with(".sql") || (path.is_file() && !args.sql.contains(char::is_whitespace)) {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    } else {
        args.sql.clone()
    };
    if sql.trim().is_empty() {
        return Err(InputError("no SQL to run".into()).into());
    }
    let store = g.open_read_only()?;
    let sets = store.run_read_only(&sql, &args.params)?;
    write_stdout(render(&sets, args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
