//! Linking postings to jobs (migration 0010): a posting stored new is
//! compared with the postings filed under its blocking keys (never with all
//! postings) and joins the job of the most similar one that
//! `extract::dedupe::same_job` accepts, else founds its own. Each job's
//! `job_first` posting (earliest day, then id) is what `--unique-jobs`
//! counts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::extract::dedupe::{
    JobText, MIN_DESCRIPTION_SIMILARITY, block_keys, description_floor, same_job, signature_bytes, signature_from_bytes,
};

/// Most stored postings a new posting is compared with (the most recent
/// ones sharing a key), so a company with a thousand look-alike postings
/// costs no more than one with a hundred.
const MAX_CANDIDATES: usize = 100;
/// Postings linked per transaction when an older database is filled in.
const FILL_BATCH: usize = 2000;

/// Nanoseconds spent linking in this process (for the crawl's debug log
/// and the benchmarks).
pub static LINK_NANOS: AtomicU64 = AtomicU64::new(0);

/// Links posting `id` (just inserted or updated with this text): an
/// updated posting that already has a job keeps it; every posting is
/// filed under its current keys.
pub(crate) fn link(conn: &Connection, id: i64, company: Option<&str>, title: Option<&str>, text: &str) -> Result<()> {
    let started = Instant::now();
    let job = JobText::new(company, title, text);
    let keys = block_keys(&job);
    let current: Option<i64> =
        conn.prepare_cached("SELECT job_id FROM postings WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    let job_id = match current {
        Some(j) => j,
        None => best_match(conn, id, &job, &keys)?.unwrap_or(id),
    };
    if current.is_none() {
        conn.prepare_cached("UPDATE postings SET job_id = ?2 WHERE id = ?1")?.execute(params![id, job_id])?;
    }
    conn.prepare_cached("INSERT OR REPLACE INTO job_signatures (posting_id, signature) VALUES (?1, ?2)")?
        .execute(params![id, signature_bytes(&job.signature)])?;
    let mut file = conn.prepare_cached("INSERT OR IGNORE INTO job_blocks (key, posting_id) VALUES (?1, ?2)")?;
    for k in &keys {
        file.execute(params![k, id])?;
    }
    refresh_first(conn, job_id)?;
    LINK_NANOS.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    Ok(())
}

/// The job of the most similar stored posting filed under one of `keys`.
fn best_match(conn: &Connection, id: i64, job: &JobText, keys: &[i64]) -> Result<Option<i64>> {
    let mut candidates: Vec<i64> = Vec::new();
    let mut filed = conn.prepare_cached(
        "SELECT posting_id FROM job_blocks WHERE key = ?1 AND posting_id != ?2 ORDER BY posting_id DESC LIMIT ?3",
    )?;
    for k in keys {
        let rows = filed.query_map(params![k, id, MAX_CANDIDATES as i64], |r| r.get::<_, i64>(0))?;
        for r in rows {
            candidates.push(r?);
        }
    }
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    candidates.dedup();
    candidates.truncate(MAX_CANDIDATES);
    let mut names = conn.prepare_cached("SELECT job_id, company, title FROM postings WHERE id = ?1")?;
    let mut signature = conn.prepare_cached("SELECT signature FROM job_signatures WHERE posting_id = ?1")?;
    let mut best: Option<(f64, i64)> = None;
    for c in candidates {
        let (job_id, company, title): (Option<i64>, Option<String>, Option<String>) =
            names.query_row([c], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let Some(job_id) = job_id else { continue };
        // Company and title first: most candidates end there.
        let mut other = JobText::new(company.as_deref(), title.as_deref(), "");
        if description_floor(job, &other, MIN_DESCRIPTION_SIMILARITY).is_none() {
            continue;
        }
        let bytes: Option<Vec<u8>> = signature.query_row([c], |r| r.get(0)).optional()?;
        other.signature = signature_from_bytes(&bytes.unwrap_or_default());
        if let Some(sim) = same_job(job, &other)
            && best.is_none_or(|(s, _)| sim > s)
        {
            best = Some((sim, job_id));
        }
    }
    Ok(best.map(|(_, j)| j))
}

/// Marks the earliest posting of `job` (by day, then id) as the one it
/// counts by, and only it.
fn refresh_first(conn: &Connection, job: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE postings SET job_first = (id = (SELECT id FROM postings WHERE job_id = ?1 ORDER BY dated, id LIMIT 1))
         WHERE job_id = ?1 AND job_first != (id = (SELECT id FROM postings WHERE job_id = ?1 ORDER BY dated, id LIMIT 1))",
    )?
    .execute([job])?;
    Ok(())
}

/// Whether any posting waits for its job (a database from before 0010).
pub(crate) fn any_unlinked(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM postings WHERE job_id IS NULL)", [], |r| r.get(0))?)
}

/// Links every posting without a job, oldest first, in batches of
/// transactions; returns how many were linked.
pub(crate) fn fill_missing(conn: &mut Connection) -> Result<u64> {
    let mut n = 0u64;
    loop {
        let tx = conn.transaction()?;
        let batch: Vec<(i64, Option<String>, Option<String>, String)> = {
            let mut stmt = tx.prepare(
                "SELECT id, company, title, description FROM postings WHERE job_id IS NULL ORDER BY id LIMIT ?1",
            )?;
            let rows = stmt.query_map([FILL_BATCH as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if batch.is_empty() {
            return Ok(n);
        }
        for (id, company, title, description) in &batch {
            link(&tx, *id, company.as_deref(), title.as_deref(), description)?;
        }
        tx.commit()?;
        n += batch.len() as u64;
    }
}
