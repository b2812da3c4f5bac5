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
use crate::extract::facts::posting_facts;
use crate::extract::pay::Pay;
use crate::extract::text::{hn_html_to_text, html_to_text, looks_like_html, normalize};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// A file to read, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,

    /// One JSON object per line, `{"id": ..., "text": ..., "title": ...}`
    /// (title optional), answered line for line with `{"id": ...,
    /// "skills": [...], "implied": [...], "roles": [...], "seniority":
    /// [...], "pay": {...} or null}`.
    #[arg(long)]
    jsonl: bool,
}

/// Skills, implied skills, roles, seniority and pay of one text (HTML is
/// read as a page), with its title when it has one (without, the text is
/// read as an HN comment: a bare newline in its HTML ends a line, and its
/// first line is read the way an HN first line is).
struct Answer<'e> {
    skills: Vec<&'e str>,
    implied: Vec<String>,
    facts: crate::extract::facts::Facts,
}

impl<'e> Answer<'e> {
    fn of(extractor: &'e Extractor, title: Option<&str>, text: &str) -> Answer<'e> {
        let text = match (looks_like_html(text), title) {
            (true, Some(_)) => html_to_text(text),
            (true, None) => hn_html_to_text(text),
            (false, _) => normalize(text).into_owned(),
        };
        let title = title.map(|t| normalize(t).split_whitespace().collect::<Vec<_>>().join(" "));
        // Both are normalised now: the matcher need not check again.
        let mut skills: Vec<&str> = extractor.skill_ids_normalized(&text);
        if let Some(t) = &title {
            skills.extend(extractor.skill_ids_normalized(t));
            skills.sort_unstable();
            skills.dedup();
        }
        let implied = extractor.taxonomy().implied_closure(skills.iter().copied());
        let facts = posting_facts(title.as_deref(), &text, None);
        Answer { skills, implied, facts }
    }

    /// Appends the answer's fields, each `,"name":value`, as compact JSON.
    fn write_fields(&self, out: &mut Vec<u8>) {
        let roles: Vec<&str> = self.facts.roles.iter().map(|r| r.as_str()).collect();
        let levels: Vec<&str> = self.facts.levels.iter().map(|l| l.as_str()).collect();
        let pay = self.facts.pay.as_ref().map(pay_json);
        field(out, "skills", &self.skills);
        field(out, "implied", &self.implied);
        field(out, "roles", &roles);
        field(out, "seniority", &levels);
        field(out, "pay", &pay);
    }
}

/// Appends `,"name":value`, the value as compact JSON.
fn field(out: &mut Vec<u8>, name: &str, value: &impl serde::Serialize) {
    out.extend_from_slice(b",\"");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    // serde_json fails only on I/O errors and maps with keys that are not
    // strings: a Vec and these values have neither.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// A stated pay as JSON, with its annualised figures.
pub(crate) fn pay_json(pay: &Pay) -> Value {
    let (annual_min, annual_max) = pay.annual();
    json!({
        "min": pay.min, "max": pay.max, "currency": pay.currency, "period": pay.period.as_str(),
        "annual_min": annual_min, "annual_max": annual_max,
    })
}

/// The answer to one `--jsonl` line, or (the id as given, why it failed).
/// The id is echoed byte for byte, whatever JSON value it is.
fn answer_line<'a>(extractor: &Extractor, line: &'a str) -> Result<Vec<u8>, (Option<&'a str>, String)> {
    let fields: std::collections::HashMap<&str, &RawValue> =
        serde_json::from_str(line).map_err(|e| (None, format!("not a JSON object: {e}")))?;
    let id = fields.get("id").map(|r| r.get());
    let text: String = match fields.get("text") {
        Some(raw) => serde_json::from_str(raw.get()).map_err(|_| (id, "\"text\" is not a string".to_string()))?,
        None => return Err((id, "no \"text\" field".to_string())),
    };
    let title: Option<String> = match fields.get("title") {
        Some(raw) => {
            serde_json::from_str(raw.get()).map_err(|_| (id, "\"title\" is not a string or null".to_string()))?
        }
        None => None,
    };
    let a = Answer::of(extractor, title.as_deref(), &text);
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(id.unwrap_or("null").as_bytes());
    a.write_fields(&mut out);
    out.extend_from_slice(b"}\n");
    Ok(out)
}

/// The input, buffered (its buffer tells when no more is waiting).
type Input = std::io::BufReader<Box<dyn Read>>;

fn open(input: &PathBuf) -> Result<Input> {
    let inner: Box<dyn Read> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(input).with_context(|| format!("cannot read {}", input.display()))?)
    };
    Ok(std::io::BufReader::with_capacity(1 << 16, inner))
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let mut input = open(&args.input)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !args.jsonl {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut answer = Vec::new();
        Answer::of(&extractor, None, &text).write_fields(&mut answer);
        // The fields without the first one's comma, in braces.
        out.write_all(b"{")?;
        out.write_all(answer.get(1..).unwrap_or_default())?;
        out.write_all(b"}\n")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut malformed = 0usize;
    let mut line_no = 0usize;
    let mut batch = Vec::new();
    loop {
        let more = read_batch(&mut input, &mut line_no, &mut batch)?;
        // Lines are answered on every core, and written in their order.
        let answers = crate::parallel::map(&batch, |(_, line)| answer_line(&extractor, line));
        for ((no, _), answer) in batch.iter().zip(answers) {
            match answer {
                Ok(answer) => out.write_all(&answer)?,
                Err((id, why)) => {
                    malformed += 1;
                    eprintln!("line {no}: {why}");
                    writeln!(out, "{{\"id\":{},\"error\":{}}}", id.unwrap_or("null"), Value::from(why))?;
                }
            }
        }
        if !more {
            break;
        }
    }
    out.flush()?;
    Ok(if malformed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Lines read at once (and answered together).
const BATCH_LINES: usize = 2048;
const BATCH_BYTES: usize = 4 << 20;

/// Reads the next non-empty lines, trimmed, with their numbers, into
/// `batch` (cleared first); false at the end of the input. A batch also
/// ends when no more input is waiting, so that a line piped in alone is
/// answered at once.
fn read_batch(input: &mut Input, line_no: &mut usize, batch: &mut Vec<(usize, String)>) -> Result<bool> {
    batch.clear();
    let (mut bytes, mut buf) = (0, Vec::new());
    while batch.len() < BATCH_LINES && bytes < BATCH_BYTES && (batch.is_empty() || !input.buffer().is_empty()) {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(false);
        }
        *line_no += 1;
        // Valid UTF-8 (the common case) is checked fast and not copied.
        let line = match std::str::from_utf8(&buf) {
            Ok(line) => std::borrow::Cow::Borrowed(line),
            Err(_) => String::from_utf8_lossy(&buf),
        };
        let line = line.trim();
        if !line.is_empty() {
            bytes += line.len();
            batch.push((*line_no, line.to_string()));
        }
    }
    Ok(true)
}
