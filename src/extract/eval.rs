//! Measuring extraction on labelled text: precision and recall per skill
//! and overall, over a fixed evaluation set of skill ids.

use std::collections::{BTreeMap, BTreeSet};

/// The skills the labelled corpus is labelled for (every id that the
/// contract's table and hard cases name, the concepts whose words are
/// ordinary words, and HTML and CSS).
pub const EVAL_SKILLS: &[&str] = &[
    "ai",
    "aspnet",
    "auth",
    "c",
    "computer_vision",
    "cpp",
    "csharp",
    "css",
    "dart",
    "database_administration",
    "distributed_systems",
    "dotnet",
    "go",
    "html",
    "java",
    "javascript",
    "julia",
    "kotlin",
    "machine_learning",
    "mssql",
    "mysql",
    "nlp",
    "nodejs",
    "nosql",
    "objc",
    "php",
    "plsql",
    "postgresql",
    "python",
    "r",
    "react",
    "rest",
    "ruby",
    "rust",
    "scala",
    "security",
    "server_administration",
    "spark",
    "spring",
    "sql",
    "swift",
    "tsql",
    "typescript",
    "vbnet",
];

/// One labelled example.
#[derive(Debug, Clone)]
pub struct Example {
    /// Where it comes from (`file:line`).
    pub origin: String,
    pub text: String,
    pub skills: BTreeSet<String>,
}

/// Reads `text<TAB>ids` lines (`#` comments; literal `\n` is a line break).
pub fn parse_tsv(origin: &str, content: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (text, ids) = line.split_once('\t').ok_or_else(|| format!("{origin}:{}: no tab", n + 1))?;
        let skills: BTreeSet<String> =
            ids.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        if let Some(bad) = skills.iter().find(|s| !EVAL_SKILLS.contains(&s.as_str())) {
            return Err(format!("{origin}:{}: '{bad}' is not in the evaluation set", n + 1));
        }
        out.push(Example { origin: format!("{origin}:{}", n + 1), text: text.replace("\\n", "\n"), skills });
    }
    Ok(out)
}

/// Counts for one skill.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fp) }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fn_) }
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub per_skill: BTreeMap<String, Counts>,
    pub overall: Counts,
    /// (origin, skill, "missed" or "false hit") for every error.
    pub errors: Vec<(String, String, &'static str)>,
}

/// Scores a matcher (text → skill ids) on labelled examples.
pub fn evaluate<'a>(examples: &[Example], mut matcher: impl FnMut(&str) -> Vec<&'a str>) -> Evaluation {
    let mut ev = Evaluation::default();
    for ex in examples {
        let found: BTreeSet<&str> = matcher(&ex.text).into_iter().filter(|s| EVAL_SKILLS.contains(s)).collect();
        for skill in EVAL_SKILLS {
            let (want, got) = (ex.skills.contains(*skill), found.contains(skill));
            let c = ev.per_skill.entry(skill.to_string()).or_default();
            match (want, got) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    ev.errors.push((ex.origin.clone(), skill.to_string(), "false hit"));
                }
                (true, false) => {
                    c.fn_ += 1;
                    ev.errors.push((ex.origin.clone(), skill.to_string(), "missed"));
                }
                (false, false) => {}
            }
        }
    }
    for c in ev.per_skill.values() {
        ev.overall.tp += c.tp;
        ev.overall.fp += c.fp;
        ev.overall.fn_ += c.fn_;
    }
    ev
}
