//! Linking postings to jobs (migration 0011): a posting stored new is
//! compared with the postings filed under its blocking keys (never with all
//! postings) and joins the job of the most similar one that
//! `extract::dedupe::same_job` accepts, else founds its own. Each job's
//! `job_first` posting (earliest day, then id) is what `--unique-jobs`
//! counts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::extract::dedupe::{
    JobText, block_keys, may_be_same_job, same_job, shingles, signature_bytes, signature_from_bytes,
};

/// Most jobs a new posting is compared with per key (the most recent), so
/// a company with a thousand look-alike jobs costs no more than one with
/// a hundred.
const MAX_CANDIDATES: usize = 100;
/// Most candidates whose text is read to confirm a link.
const CONFIRMED: usize = 3;
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
        None => best_match(conn, &job, &keys)?.unwrap_or(id),
    };
    if current.is_none() {
        conn.prepare_cached("UPDATE postings SET job_id = ?2 WHERE id = ?1")?.execute(params![id, job_id])?;
    }
    let mut file =
        conn.prepare_cached("INSERT OR IGNORE INTO job_blocks (key, job_id, posting_id) VALUES (?1, ?2, ?3)")?;
    let mut newly_filed = 0;
    for k in &keys {
        newly_filed += file.execute(params![k, job_id, id])?;
    }
    // Only a filed posting is ever a candidate, so only its signature is
    // kept (migration 0012): written when it is first filed, renewed when
    // its text changes; a posting stays filed once it is.
    let signature = signature_bytes(&job.signature);
    let sql = if newly_filed > 0 {
        "INSERT OR REPLACE INTO job_signatures (posting_id, signature) VALUES (?1, ?2)"
    } else {
        "UPDATE job_signatures SET signature = ?2 WHERE posting_id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![id, signature])?;
    refresh_first(conn, job_id)?;
    LINK_NANOS.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    Ok(())
}

/// The job of the most similar stored posting filed under one of `keys`
/// (one posting per job and key, the most recent jobs first): candidates
/// are ranked by their signatures, and the text of the best few is read
/// to confirm.
fn best_match(conn: &Connection, job: &JobText, keys: &[i64]) -> Result<Option<i64>> {
    let mut filed = conn.prepare_cached(
        "SELECT b.job_id, b.posting_id, p.company, p.title, s.signature
         FROM job_blocks AS b JOIN postings AS p ON p.id = b.posting_id
         JOIN job_signatures AS s ON s.posting_id = b.posting_id
         WHERE b.key = ?1 ORDER BY b.job_id DESC LIMIT ?2",
    )?;
    let mut likely: Vec<(f64, i64, i64)> = Vec::new();
    for k in keys {
        let mut rows = filed.query(params![k, MAX_CANDIDATES as i64])?;
        while let Some(r) = rows.next()? {
            let (company, title): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
            let mut other = JobText::new(company.as_deref(), title.as_deref(), "");
            other.signature = signature_from_bytes(r.get_ref(4)?.as_blob()?);
            if let Some(estimate) = may_be_same_job(job, &other) {
                likely.push((estimate, r.get(0)?, r.get(1)?));
            }
        }
    }
    likely.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    likely.dedup_by_key(|c| c.2);
    let mut text = conn.prepare_cached("SELECT company, title, description FROM postings WHERE id = ?1")?;
    for &(_, job_id, posting) in likely.iter().take(CONFIRMED) {
        let other = text.query_row([posting], |r| {
            let (c, t, d): (Option<String>, Option<String>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let mut other = JobText::new(c.as_deref(), t.as_deref(), "");
            other.shingles = shingles(&d);
            Ok(other)
        })?;
        if same_job(job, &other).is_some() {
            return Ok(Some(job_id));
        }
    }
    Ok(None)
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
