//! `skilltrend discover`: which applicant-tracking system a company's
//! careers page (or home page) uses, as ready `[[sources]]` blocks.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use url::Url;

use super::{Globals, interrupt_token, runtime, write_stdout};
use crate::InputError;
use crate::config::{CrawlSettings, parse_http_url};
use crate::crawl::politeness::Hosts;
use crate::discover::{Discovery, Found, same_board, source_block};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Careers pages or home pages (http or https).
    #[arg(required = true, value_name = "URL")]
    urls: Vec<String>,

    /// Add the sources found to this file (created if missing); a source
    /// name already in it is refused and nothing is written.
    #[arg(long, value_name = "FILE")]
    append: Option<PathBuf>,

    /// Output: `toml` ([[sources]] blocks) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Toml)]
    format: Format,

    /// Least time between requests to one host, in milliseconds (a
    /// robots.txt Crawl-delay may make it longer).
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    delay_ms: u64,

    /// Give up on a page after this many seconds.
    #[arg(long, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=600))]
    timeout_secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Toml,
    Json,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let starts: Vec<Url> =
        args.urls.iter().map(|u| parse_http_url(u).map_err(InputError)).collect::<Result<_, InputError>>()?;
    let existing = match &args.append {
        Some(path) => Some(existing_sources(path)?),
        None => None,
    };
    let settings = CrawlSettings {
        delay: Duration::from_millis(args.delay_ms),
        timeout: Duration::from_secs(args.timeout_secs),
        connect_timeout: Duration::from_secs(args.timeout_secs.min(10)),
        ..CrawlSettings::default()
    };
    let Some(discoveries) = runtime()?.block_on(discover_all(&starts, &settings)) else {
        eprintln!("interrupted");
        return Ok(ExitCode::from(130));
    };
    let boards = unique_boards(&discoveries);
    if let (Some(path), Some(names)) = (&args.append, &existing) {
        refuse_duplicates(path, names, &boards)?;
    }
    let out = match args.format {
        Format::Toml => boards.iter().map(source_block).collect::<Vec<_>>().join("\n"),
        Format::Json => format!("{}\n", json(&discoveries)),
    };
    write_stdout(out.as_bytes())?;
    let mut all_found = true;
    for d in discoveries.iter().filter(|d| d.found().is_empty()) {
        all_found = false;
        if !g.quiet {
            eprint!("{}", nothing_found(d));
        }
    }
    if let (Some(path), Some(existing)) = (&args.append, &existing) {
        let new = not_listed(path, existing, &boards, g.quiet);
        if !new.is_empty() {
            append(path, &new)?;
            if !g.quiet {
                let names: Vec<String> = new.iter().map(|b| b.board.source_name()).collect();
                eprintln!("added to {}: {}", path.display(), names.join(", "));
            }
        }
    }
    Ok(if all_found { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Discovers every start URL in turn (one host's politeness shared), or
/// None when interrupted.
async fn discover_all(starts: &[Url], settings: &CrawlSettings) -> Option<Vec<Discovery>> {
    let stop = interrupt_token();
    let hosts = Hosts::default();
    let work = async {
        let mut out = Vec::new();
        for start in starts {
            out.push(crate::crawl::discover::discover(start, settings, &hosts).await);
        }
        out
    };
    tokio::select! {
        _ = stop.cancelled() => None,
        done = work => Some(done),
    }
}

/// The boards of every discovery, each once, in the order found.
fn unique_boards(discoveries: &[Discovery]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for found in discoveries.iter().flat_map(Discovery::found) {
        match out.iter_mut().find(|f| same_board(&f.board, &found.board)) {
            Some(f) => f.seen.extend(found.seen),
            None => out.push(found),
        }
    }
    out
}

/// What a start URL led to when it found nothing.
fn nothing_found(d: &Discovery) -> String {
    let mut s = format!("found no job board on {}; looked at:\n", d.start);
    for v in &d.visits {
        s.push_str(&format!("  {}: {}\n", v.url, v.result));
    }
    s
}

/// The discoveries as JSON: per start URL, the boards found (with their
/// `[[sources]]` block) and every URL looked at.
fn json(discoveries: &[Discovery]) -> serde_json::Value {
    let results: Vec<serde_json::Value> = discoveries
        .iter()
        .map(|d| {
            let found: Vec<serde_json::Value> = d
                .found()
                .iter()
                .map(|f| {
                    let seen: Vec<serde_json::Value> = f
                        .seen
                        .iter()
                        .map(|s| serde_json::json!({"how": s.how.name(), "page": s.page.as_str(), "url": s.url}))
                        .collect();
                    serde_json::json!({
                        "system": f.board.ats.label(),
                        "kind": f.board.ats.kind(),
                        "token": f.board.token,
                        "name": f.board.source_name(),
                        "seen": seen,
                        "source": source_block(f),
                    })
                })
                .collect();
            let looked_at: Vec<serde_json::Value> =
                d.visits.iter().map(|v| serde_json::json!({"url": v.url.as_str(), "result": v.result})).collect();
            serde_json::json!({"url": d.start.as_str(), "found": found, "looked_at": looked_at})
        })
        .collect();
    serde_json::json!({ "results": results })
}

/// A `[[sources]]` table already in the file `--append` adds to.
struct Existing {
    name: String,
    kind: String,
    /// Every string of its lists (boards, sites, URLs…).
    listed: Vec<String>,
}

/// The sources a config file already has (none when it does not exist
/// yet); only valid TOML is added to.
fn existing_sources(path: &Path) -> Result<Vec<Existing>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(InputError(format!("cannot read {}: {e}", path.display())).into()),
    };
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        InputError(format!("cannot append to {}: not valid TOML: {}", path.display(), e.message().trim()))
    })?;
    let tables = doc.get("sources").and_then(toml::Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let text_of =
        |t: &toml::Value, key: &str| t.get(key).and_then(toml::Value::as_str).unwrap_or_default().trim().to_string();
    Ok(tables
        .iter()
        .map(|t| Existing {
            name: text_of(t, "name"),
            kind: text_of(t, "kind"),
            listed: t
                .as_table()
                .into_iter()
                .flat_map(|t| t.values())
                .filter_map(toml::Value::as_array)
                .flatten()
                .filter_map(toml::Value::as_str)
                .map(str::to_string)
                .collect(),
        })
        .collect())
}

/// Refuses boards whose source name the file already has.
fn refuse_duplicates(path: &Path, existing: &[Existing], boards: &[Found]) -> Result<(), InputError> {
    let taken: Vec<String> =
        boards.iter().map(|b| b.board.source_name()).filter(|n| existing.iter().any(|e| e.name == *n)).collect();
    if taken.is_empty() {
        return Ok(());
    }
    Err(InputError(format!(
        "{} already has a source named {}: nothing written (rename it there, or add the block by hand under another name)",
        path.display(),
        taken.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
    )))
}

/// The boards the file does not list yet; each one it lists (under another
/// source's name) is said on stderr.
fn not_listed<'a>(path: &Path, existing: &[Existing], boards: &'a [Found], quiet: bool) -> Vec<&'a Found> {
    boards
        .iter()
        .filter(|f| {
            let b = &f.board;
            let Some(e) = existing
                .iter()
                .find(|e| e.kind == b.ats.kind() && e.listed.iter().any(|l| l.eq_ignore_ascii_case(&b.token)))
            else {
                return true;
            };
            if !quiet {
                eprintln!("{}'s source \"{}\" already lists \"{}\": not added again", path.display(), e.name, b.token);
            }
            false
        })
        .collect()
}

/// Appends the boards' blocks after the file's text, which stays as it is.
fn append(path: &Path, boards: &[&Found]) -> Result<()> {
    let before = std::fs::read(path).unwrap_or_default();
    let mut text = String::new();
    if !before.is_empty() {
        text.push_str(if before.ends_with(b"\n") { "\n" } else { "\n\n" });
    }
    text.push_str(&boards.iter().map(|b| source_block(b)).collect::<Vec<_>>().join("\n"));
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
