//! `skilltrend extract`: text (or HTML) in, the skills it mentions out, as
//! JSON — for one document, or line by line with `--jsonl`.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::Globals;
use crate::extract::Extractor;
use crate::extract::text::{html_to_text, looks_like_html};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// A file to read, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,

    /// One JSON object per line, `{"id": ..., "text": ...}`, answered line
    /// for line with `{"id": ..., "skills": [...], "implied": [...]}`.
    #[arg(long)]
    jsonl: bool,
}

/// `{"skills": [...], "implied": [...]}` for one text.
pub(crate) fn skills_json(extractor: &Extractor, text: &str) -> Value {
    let text = if looks_like_html(text) { html_to_text(text) } else { text.to_string() };
    let skills = extractor.skill_ids(&text);
    let implied = extractor.taxonomy().implied_closure(skills.iter().copied());
    json!({"skills": skills, "implied": implied})
}

/// The answer to one `--jsonl` line, or (the id as given, why it failed).
/// The id is echoed byte for byte, whatever JSON value it is.
fn answer_line<'a>(extractor: &Extractor, line: &'a str) -> Result<String, (Option<&'a str>, String)> {
    let fields: std::collections::HashMap<&str, &RawValue> =
        serde_json::from_str(line).map_err(|e| (None, format!("not a JSON object: {e}")))?;
    let id = fields.get("id").map(|r| r.get());
    let text: String = match fields.get("text") {
        Some(raw) => serde_json::from_str(raw.get()).map_err(|_| (id, "\"text\" is not a string".to_string()))?,
        None => return Err((id, "no \"text\" field".to_string())),
    };
    let answer = skills_json(extractor, &text);
    Ok(format!("{{\"id\":{},\"skills\":{},\"implied\":{}}}", id.unwrap_or("null"), answer["skills"], answer["implied"]))
}

fn open(input: &PathBuf) -> Result<Box<dyn BufRead>> {
    if input.as_os_str() == "-" {
        Ok(Box::new(std::io::BufReader::new(std::io::stdin())))
    } else {
        let f = std::fs::File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
        Ok(Box::new(std::io::BufReader::new(f)))
    }
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let mut input = open(&args.input)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !args.jsonl {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        let answer = skills_json(&extractor, &text);
        writeln!(out, "{{\"skills\":{},\"implied\":{}}}", answer["skills"], answer["implied"])?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut malformed = 0usize;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match answer_line(&extractor, line) {
            Ok(answer) => writeln!(out, "{answer}")?,
            Err((id, why)) => {
                malformed += 1;
                eprintln!("line {line_no}: {why}");
                writeln!(out, "{{\"id\":{},\"error\":{}}}", id.unwrap_or("null"), Value::from(why))?;
            }
        }
    }
    out.flush()?;
    Ok(if malformed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
