//! `skilltrend query NAME|FILE|SQL`: run a built-in query (`queries/`,
//! compiled in), a file or SQL text on a read-only connection (nothing it
//! runs can modify the database), with named parameters; `--list` and
//! `--show NAME` describe the built-in ones.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Globals, write_stdout};
use crate::InputError;
use crate::report::output::{result_csv, result_json, result_table};
use crate::store::library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum TableFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// A built-in query's name (see --list), a .sql file, or SQL text.
    #[arg(required_unless_present_any = ["list", "show"])]
    sql: Option<String>,

    /// List the built-in queries: each one's purpose and parameters.
    #[arg(long, conflicts_with_all = ["sql", "show"])]
    list: bool,

    /// Print a built-in query's SQL (to copy and change).
    #[arg(long, value_name = "NAME", conflicts_with = "sql")]
    show: Option<String>,

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
    if args.list {
        write_stdout(listing().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(name) = &args.show {
        write_stdout(built_in(name)?.sql.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let sql = sql_of(args.sql.as_deref().unwrap_or_default())?;
    if sql.trim().is_empty() {
        return Err(InputError("no SQL to run".into()).into());
    }
    let store = g.open_read_only()?;
    let sets = store.run_read_only(&sql, &args.params)?;
    write_stdout(render(&sets, args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The SQL an argument names: a built-in query, a file, or the text itself.
/// A `.sql` path that is not here but names a built-in query runs that one
/// (and says so), so `queries/top_skills.sql` works from any directory.
fn sql_of(arg: &str) -> Result<String> {
    let path = std::path::Path::new(arg);
    let word = !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if word && !path.is_file() {
        return Ok(built_in(arg)?.sql.to_string());
    }
    if arg.ends_with(".sql") || (path.is_file() && !arg.contains(char::is_whitespace)) {
        if !path.exists()
            && let Some(q) = path.file_stem().and_then(|s| library::find(&s.to_string_lossy()))
        {
            eprintln!("{arg} is not here; running the built-in query {}", q.name);
            return Ok(q.sql.to_string());
        }
        return std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()));
    }
    Ok(arg.to_string())
}

/// The built-in query `name`, or an input error naming them all.
fn built_in(name: &str) -> Result<&'static library::BuiltIn> {
    library::find(name).ok_or_else(|| {
        let known: Vec<&str> = library::QUERIES.iter().map(|q| q.name).collect();
        InputError(format!("no built-in query {name} (known: {}; or give a .sql file)", known.join(", "))).into()
    })
}

/// `query --list`: each built-in query, its purpose and its parameters,
/// wrapped to 80 columns.
fn listing() -> String {
    let mut out = String::new();
    for q in library::QUERIES {
        out.push_str(q.name);
        out.push('\n');
        let params: Vec<String> = q.parameters().iter().map(|p| format!(":{p}")).collect();
        let params = if params.is_empty() { "none".to_string() } else { params.join(" ") };
        for text in [q.purpose(), format!("parameters: {params}")] {
            for line in wrap(&text, 74) {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out.push_str("\nRun one:  skilltrend query NAME -p name=value\nCopy one: skilltrend query --show NAME\n");
    out
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
