//! `skilltrend reextract`: recompute every posting's skills, roles, seniority
//! and pay from its stored text and payload after a taxonomy or rule change
//! — no network — in batched transactions, and report what changed.

use std::collections::{BTreeMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use super::{Globals, write_stdout};
use crate::extract::facts::posting_facts;
use crate::report::output::render_table;
use crate::store::Store;
use crate::store::facts::FactsKey;

/// Postings per transaction.
const BATCH: usize = 2000;

#[derive(Debug, clap::Args)]
pub(super) struct Args {}

/// What a re-extraction changed so far.
#[derive(Debug, Default)]
struct Tally {
    done: u64,
    changed: u64,
    facts_changed: u64,
    bytes: u64,
    /// Per skill: postings that gained it, postings that lost it.
    gained: BTreeMap<String, u64>,
    lost: BTreeMap<String, u64>,
}

/// Re-extracts one batch of postings: their skills, roles, levels and pay,
/// writing only what changed.
fn reextract_batch(
    extractor: &crate::extract::Extractor,
    store: &mut Store,
    batch: &[crate::store::postings::PostingText],
    tally: &mut Tally,
) -> Result<()> {
    let (Some(first), Some(last)) = (batch.first(), batch.last()) else { return Ok(()) };
    let stored = store.skills_in_range(first.id, last.id)?;
    let stored_facts = store.facts_in_range(first.id, last.id)?;
    let (mut changes, mut fact_changes) = (Vec::new(), Vec::new());
    // Extraction on every core; the comparison and the writes in order.
    let extracted = crate::parallel::map(batch, |p| {
        let facts = match &p.raw {
            Some((format, raw)) => crate::sources::posting_facts(format, raw, p.title.as_deref(), &p.description),
            None => posting_facts(p.title.as_deref(), &p.description, None),
        };
        (extractor.posting_skills(p.title.as_deref(), &p.description), facts)
    });
    for (p, (now, facts)) in batch.iter().zip(extracted) {
        tally.bytes += (p.description.len() + p.title.as_ref().map_or(0, String::len)) as u64;
        let before = stored.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        if now.as_slice() != before {
            let old: HashSet<&str> = before.iter().map(|h| h.skill_id.as_str()).collect();
            let new: HashSet<&str> = now.iter().map(|h| h.skill_id.as_str()).collect();
            for s in new.difference(&old) {
                *tally.gained.entry(s.to_string()).or_default() += 1;
            }
            for s in old.difference(&new) {
                *tally.lost.entry(s.to_string()).or_default() += 1;
            }
            changes.push((p.id, now));
        }
        if stored_facts.get(&p.id) != Some(&FactsKey::of(&facts)) {
            fact_changes.push((p.id, facts));
        }
    }
    tally.changed += changes.len() as u64;
    tally.facts_changed += fact_changes.len() as u64;
    tally.done += batch.len() as u64;
    // Facts first: the skill rows written after copy the new masks.
    store.replace_facts(&fact_changes)?;
    store.replace_skills(&changes)?;
    Ok(())
}

pub(super) fn run(g: &Globals, _args: Args) -> Result<ExitCode> {
    let extractor = g.extractor()?;
    let _lock = crate::crawl::CrawlLock::acquire(&g.db)?;
    let mut store = Store::open_existing(&g.db)?;
    store.sync_taxonomy(extractor.taxonomy())?;
    let total = store.count_postings(None)?;
    let bar = if g.progress() {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} postings · {per_sec} · eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut after = i64::MIN;
    loop {
        let batch = store.posting_texts_after(after, BATCH)?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        reextract_batch(&extractor, &mut store, &batch, &mut tally)?;
        if let Some(b) = &bar {
            b.set_position(tally.done);
        }
    }
    store.record_extraction(extractor.taxonomy())?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let Tally { done, changed, facts_changed, bytes, gained, lost } = tally;
    let mut out = format!(
        "re-extracted {done} postings ({:.1} MB of text) in {secs:.1} s ({:.1} MB/s); {changed} changed skills, {facts_changed} changed roles, seniority or pay\n",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    let skills: HashSet<&String> = gained.keys().chain(lost.keys()).collect();
    if !skills.is_empty() {
        let mut ids: Vec<&String> = skills.into_iter().collect();
        ids.sort();
        let header: Vec<String> = ["skill", "postings gained", "postings lost"].iter().map(|s| s.to_string()).collect();
        let rows: Vec<Vec<String>> = ids
            .iter()
            .map(|id| {
                vec![
                    id.to_string(),
                    gained.get(*id).copied().unwrap_or(0).to_string(),
                    lost.get(*id).copied().unwrap_or(0).to_string(),
                ]
            })
            .collect();
        out.push_str(&render_table(&header, &rows));
    }
    if !g.quiet {
        write_stdout(out.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
