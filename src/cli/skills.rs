//! `skilltrend skills`: the taxonomy, as a table or JSON, and its presets.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::extract::Category;
use crate::extract::taxonomy::{Skill, Taxonomy};
use crate::report::output::render_table;

/// The width the table fits without `--long`.
const WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Only this category: language, database, framework, cloud, tool or concept.
    #[arg(long)]
    category: Option<Category>,

    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,

    /// One line per skill, aliases unwrapped (default: fits 80 columns).
    #[arg(long)]
    long: bool,

    /// The presets `--skills @name` takes, with their skills.
    #[arg(long)]
    presets: bool,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let tax = extractor.taxonomy();
    let out = if args.presets {
        presets(tax, args.format)?
    } else {
        let skills: Vec<&Skill> = tax.skills.iter().filter(|s| args.category.is_none_or(|c| s.category == c)).collect();
        match (args.format, args.long) {
            (ListFormat::Json, _) => json(&skills)?,
            (ListFormat::Table, true) => long_table(&skills),
            (ListFormat::Table, false) => wrapped_table(&skills, WIDTH),
        }
    };
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn json(skills: &[&Skill]) -> Result<String> {
    let v: Vec<serde_json::Value> = skills
        .iter()
        .map(|s| {
            serde_json::json!({"id": s.id, "name": s.name, "category": s.category.as_str(),
                "aliases": s.aliases, "aliases_exact_case": s.aliases_cs, "ambiguous": s.ambiguous,
                "implies": s.implies})
        })
        .collect();
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}

/// Every form a skill is written in, ambiguous ones marked.
fn forms(s: &Skill) -> Vec<String> {
    let mut forms: Vec<String> = s.aliases.clone();
    forms.extend(s.aliases_cs.iter().cloned());
    forms.extend(s.ambiguous.iter().map(|a| format!("{a} (with context)")));
    forms
}

/// What a skill rolls up into, as a suffix (" (implies sql)").
fn implies(s: &Skill) -> String {
    if s.implies.is_empty() { String::new() } else { format!(" (implies {})", s.implies.join(", ")) }
}

fn long_table(skills: &[&Skill]) -> String {
    let header: Vec<String> = ["id", "name", "category", "aliases"].iter().map(|s| s.to_string()).collect();
    let rows: Vec<Vec<String>> = skills
        .iter()
        .map(|s| {
            let aliases = forms(s).join(", ") + &implies(s);
            vec![s.id.clone(), s.name.clone(), s.category.to_string(), aliases]
        })
        .collect();
    render_table(&header, &rows)
}

/// id and category, then "Name: aliases" wrapped under itself to `width`.
fn wrapped_table(skills: &[&Skill], width: usize) -> String {
    let id_w = skills.iter().map(|s| s.id.chars().count()).max().unwrap_or(0).max(2);
    let cat_w = skills.iter().map(|s| s.category.as_str().len()).max().unwrap_or(0).max(8);
    let indent = id_w + 2 + cat_w + 2;
    let mut out = format!("{:id_w$}  {:cat_w$}  name: aliases\n", "id", "category");
    for s in skills {
        let mut items = vec![format!("{}:", s.name)];
        items.extend(forms(s));
        if !s.implies.is_empty() {
            items.push(implies(s).trim_start().to_string());
        }
        for (n, line) in wrap(&items, width.saturating_sub(indent).max(20)).iter().enumerate() {
            if n == 0 {
                out.push_str(&format!("{:id_w$}  {:cat_w$}  {line}\n", s.id, s.category.as_str()));
            } else {
                out.push_str(&format!("{:indent$}{line}\n", ""));
            }
        }
    }
    out
}

/// The items joined by ", " in lines of at most `width` characters, broken
/// between items (an item longer than the width gets a line of its own).
fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for item in items.iter().filter(|w| !w.is_empty()) {
        let last = lines.last_mut().expect("lines is never empty");
        // A label ("Python:") is followed by a space, an item by ", ", and
        // a remark ("(implies sql)") follows a space.
        let label = last.ends_with(':') || item.starts_with('(');
        let joint = if label { " " } else { ", " };
        if last.is_empty() {
            last.push_str(item);
        } else if last.chars().count() + joint.len() + 1 + item.chars().count() <= width {
            last.push_str(joint);
            last.push_str(item);
        } else {
            if !label {
                last.push(',');
            }
            lines.push(item.clone());
        }
    }
    lines
}

fn presets(tax: &Taxonomy, format: ListFormat) -> Result<String> {
    if format == ListFormat::Json {
        let v: serde_json::Map<String, serde_json::Value> =
            tax.presets.iter().map(|(n, ids)| (format!("@{n}"), serde_json::json!(ids))).collect();
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let name_w = tax.presets.iter().map(|(n, _)| n.len() + 1).max().unwrap_or(0).max(6);
    let mut out = format!("{:name_w$}  skills\n", "preset");
    for (name, ids) in &tax.presets {
        for (n, line) in wrap(ids, WIDTH - name_w - 2).iter().enumerate() {
            let label = if n == 0 { format!("@{name}") } else { String::new() };
            out.push_str(&format!("{label:name_w$}  {line}\n"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_items_within_the_width() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(wrap(&items(&["a", "bb", "ccc", "dddd"]), 7), ["a, bb,", "ccc,", "dddd"]);
        assert_eq!(wrap(&items(&["averyverylongitem", "x"]), 5), ["averyverylongitem,", "x"]);
        assert_eq!(wrap(&[], 5), [""]);
        assert_eq!(wrap(&items(&["Name:", "a", "b"]), 9), ["Name: a,", "b"]);
        assert_eq!(wrap(&items(&["N:", "a", "(implies x)"]), 9), ["N: a", "(implies x)"]);
    }

    #[test]
    fn the_builtin_table_fits_80_columns() {
        let tax = Taxonomy::builtin();
        let skills: Vec<&Skill> = tax.skills.iter().collect();
        let table = wrapped_table(&skills, WIDTH);
        let widest = table.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= WIDTH, "{widest} columns");
        assert!(table.lines().any(|l| l.starts_with("csharp") && l.contains("C#: c#, c sharp")), "{table}");
        // Every skill starts a line of its own.
        assert_eq!(table.lines().filter(|l| !l.starts_with(' ')).count(), tax.skills.len() + 1);
    }
}
