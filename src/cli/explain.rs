//! `skilltrend explain POSTING_ID`: a stored posting's text with every
//! mention marked and the skill it counted for, and every ambiguous form
//! that was rejected, and why — so that a count can be audited.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::InputError;
use crate::extract::Extractor;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The posting's id (the `postings.id` column).
    posting_id: i64,
}

/// The text with each mention written `[text → skill]`.
fn marked(extractor: &Extractor, text: &str) -> (String, Vec<String>, Vec<String>) {
    let ex = extractor.extract_prenormalized(text);
    let skills = &extractor.taxonomy().skills;
    // Mentions that share a span ("SQL Server" → mssql, sql) are marked once.
    let mut spans: Vec<(usize, usize, Vec<&str>)> = Vec::new();
    for m in &ex.mentions {
        match spans.iter_mut().find(|(s, e, _)| *s == m.start && *e == m.end) {
            Some(span) => span.2.push(&skills[m.skill].id),
            None => spans.push((m.start, m.end, vec![&skills[m.skill].id])),
        }
    }
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, ids) in &spans {
        out.push_str(&text[at..*s]);
        let _ = write!(out, "[{} → {}]", &text[*s..*e], ids.join(", "));
        at = *e;
    }
    out.push_str(&text[at..]);
    let rejected = ex
        .rejected
        .iter()
        .map(|r| format!("\"{}\" ({}) at byte {}: {}", &text[r.start..r.end], skills[r.skill].id, r.start, r.reason))
        .collect();
    let counted = ex.counts().iter().map(|c| format!("{} ×{}", skills[c.skill].id, c.mentions)).collect();
    (out, counted, rejected)
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let store = g.open_read_only()?;
    let Some(p) = store.posting(args.posting_id)? else {
        return Err(InputError(format!("no posting with id {} in {}", args.posting_id, g.db.display())).into());
    };
    let stored = store.posting_skill_rows(p.id)?;
    let current = extractor.posting_skills(p.title.as_deref(), &p.description);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "posting {} · {} {} · {}",
        p.id,
        p.source,
        p.external_id,
        p.posted_at.as_deref().unwrap_or("no date")
    );
    if let Some(u) = &p.url {
        let _ = writeln!(out, "url: {u}");
    }
    let _ = writeln!(
        out,
        "company: {} · title: {}",
        p.company.as_deref().unwrap_or("-"),
        p.title.as_deref().unwrap_or("-")
    );
    let fmt = |hits: &[crate::extract::SkillHit]| {
        hits.iter().map(|h| format!("{} ×{}", h.skill_id, h.mentions)).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(out, "stored skills: {}", if stored.is_empty() { "none".into() } else { fmt(&stored) });
    if stored != current {
        let _ = writeln!(
            out,
            "the current taxonomy finds: {} (run `skilltrend reextract` to update)",
            if current.is_empty() { "none".into() } else { fmt(&current) }
        );
    }
    if let Some(title) = &p.title {
        let title = crate::extract::text::normalize(title);
        let (text, _, rejected) = marked(&extractor, &title);
        let _ = writeln!(out, "\ntitle: {text}");
        for r in rejected {
            let _ = writeln!(out, "  rejected in title: {r}");
        }
    }
    let (text, counted, rejected) = marked(&extractor, &p.description);
    let _ = writeln!(out, "\n{text}\n");
    let _ = writeln!(
        out,
        "counted in the description: {}",
        if counted.is_empty() { "nothing".into() } else { counted.join(", ") }
    );
    if rejected.is_empty() {
        let _ = writeln!(out, "rejected: nothing");
    } else {
        let _ = writeln!(out, "rejected:");
        for r in rejected {
            let _ = writeln!(out, "  {r}");
        }
    }
    explain_facts(&store, &p, &mut out)?;
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Which words decided each role and level, where the pay came from, and
/// the money that was not pay.
fn explain_facts(
    store: &crate::store::Store,
    p: &crate::store::postings::StoredPosting,
    out: &mut String,
) -> Result<()> {
    use crate::extract::roles::Label;
    let stored = store.posting_facts(p.id)?;
    let raw = store.posting_raw(p.id)?;
    // Read as the crawl read it: an HN comment by its first line and body.
    let title = match &raw {
        Some((format, _)) => crate::sources::facts_title(format, p.title.as_deref()),
        None => p.title.as_deref(),
    };
    let scan = crate::extract::facts::classifier().classify(title, &p.description);
    let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
    let _ = writeln!(out, "\nroles: {} · seniority: {}", list(&stored.roles), list(&stored.levels));
    for e in &scan.evidence {
        let (what, text) = match e.what {
            Label::Role(r) => (format!("role {}", r.as_str()), title.filter(|_| e.in_title)),
            Label::Level(l) => (format!("level {}", l.as_str()), title.filter(|_| e.in_title)),
        };
        let source = text.unwrap_or(&p.description);
        let words = source.get(e.range.clone()).unwrap_or("");
        let place = if e.in_title { "title" } else { "text" };
        let _ = writeln!(out, "  {what}: \"{words}\" ({place}, {})", e.why);
    }
    let structured = raw.as_ref().and_then(|(format, payload)| crate::sources::structured_pay(format, payload));
    let text_scan = crate::extract::pay::scan_text(&match title {
        Some(t) => format!("{t}\n{}", p.description),
        None => p.description.clone(),
    });
    match (&stored.pay, structured.as_ref().filter(|p| p.is_plausible())) {
        (Some(pay), Some(_)) => {
            let _ = writeln!(out, "pay: {} (from the source's structured fields)", describe_pay(pay));
        }
        (Some(pay), None) => {
            let _ = writeln!(out, "pay: {} (from the text)", describe_pay(pay));
        }
        (None, _) => {
            let _ = writeln!(out, "pay: none stated");
        }
    }
    if let Some(absurd) = structured.as_ref().filter(|p| !p.is_plausible()) {
        let _ = writeln!(out, "  not pay: the source's structured pay {}: implausible", describe_pay(absurd));
    }
    let offset = title.map_or(0, |t| t.len() + 1);
    for r in &text_scan.rejected {
        let text = title.map_or(p.description.clone(), |t| format!("{t}\n{}", p.description));
        let words = text.get(r.range.clone()).unwrap_or("");
        let at = r.range.start.saturating_sub(offset);
        let _ = writeln!(out, "  not pay: \"{words}\" at byte {at}: {}", r.reason);
    }
    Ok(())
}

fn describe_pay(p: &crate::extract::pay::Pay) -> String {
    let (lo, hi) = p.annual();
    let range = if p.min == p.max { format!("{}", p.min) } else { format!("{}–{}", p.min, p.max) };
    format!("{range} {} per {} ({lo:.0}–{hi:.0} a year)", p.currency, p.period.as_str())
}
