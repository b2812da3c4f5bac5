//! `skilltrend skills`: the taxonomy, as a table or JSON.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::extract::Category;
use crate::report::output::render_table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Only this category: language, database, framework, cloud or tool.
    #[arg(long)]
    category: Option<Category>,

    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let tax = extractor.taxonomy();
    let skills: Vec<_> = tax.skills.iter().filter(|s| args.category.is_none_or(|c| s.category == c)).collect();
    let out = match args.format {
        ListFormat::Json => {
            let v: Vec<serde_json::Value> = skills
                .iter()
                .map(|s| {
                    serde_json::json!({"id": s.id, "name": s.name, "category": s.category.as_str(),
                        "aliases": s.aliases, "aliases_exact_case": s.aliases_cs, "ambiguous": s.ambiguous,
                        "implies": s.implies})
                })
                .collect();
            serde_json::to_string_pretty(&v)? + "\n"
        }
        ListFormat::Table => {
            let header: Vec<String> = ["id", "name", "category", "aliases"].iter().map(|s| s.to_string()).collect();
            let rows: Vec<Vec<String>> = skills
                .iter()
                .map(|s| {
                    let mut forms: Vec<String> = s.aliases.clone();
                    forms.extend(s.aliases_cs.iter().cloned());
                    forms.extend(s.ambiguous.iter().map(|a| format!("{a} (with context)")));
                    vec![s.id.clone(), s.name.clone(), s.category.to_string(), forms.join(", ")]
                })
                .collect();
            render_table(&header, &rows)
        }
    };
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
