//! Linking postings to jobs (migration 0011): a posting stored new is
//! compared with the postings filed under its blocking keys (never with all
//! postings) and joins the job of the most similar one that
//! `extract::dedupe::same_job` accepts, else founds its own. Each job's
//! `job_first` posting (earliest day, then id) is what `--unique-jobs`
//! counts.
//!
//! Bounded work per posting: at most [`MAX_CANDIDATES`] jobs per key (the
//! most recent), each candidate posting read once however many keys it
//! shares, and the text of at most [`CONFIRMED`] of them. A posting stored
//! new is linked before it is inserted ([`NewLink`]), so its row is written
//! once with its job and its `job_first`.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::extract::dedupe::{
    JobText, MIN_DESCRIPTION_SIMILARITY, block_keys, description_floor, may_be_above, same_job, shingles,
    signature_bytes, signature_from_bytes,
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

/// Adds the time since `started` to [`LINK_NANOS`].
fn count_time(started: Instant) {
    LINK_NANOS.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
}

/// The job a posting about to be inserted belongs to, found before its row
/// is written: insert it with [`NewLink::job_id`] and [`NewLink::job_first`],
/// then call [`NewLink::file`] with its id.
pub(crate) struct NewLink {
    keys: Vec<i64>,
    signature: Vec<u8>,
    /// The job it joins and that job's first posting (id and day), if any.
    joins: Option<(i64, Option<(i64, String)>)>,
}

impl NewLink {
    /// Finds the job of a posting with this company, title and text.
    pub(crate) fn find(conn: &Connection, company: Option<&str>, title: Option<&str>, text: &str) -> Result<NewLink> {
        let started = Instant::now();
        let job = JobText::new(company, title, text);
        let keys = block_keys(&job);
        let joins = match best_match(conn, &job, &keys)? {
            Some(j) => Some((j, first_of(conn, j)?)),
            None => None,
        };
        count_time(started);
        Ok(NewLink { keys, signature: signature_bytes(&job.signature), joins })
    }

    /// The job to insert the posting with (None: it founds its own, whose
    /// id is its own and is set by [`NewLink::file`]).
    pub(crate) fn job_id(&self) -> Option<i64> {
        self.joins.as_ref().map(|j| j.0)
    }

    /// The `job_first` to insert the posting with: 0 when it joins a job
    /// with a first posting (a later sighting, the usual case; corrected
    /// by [`NewLink::file`] when it is the earlier one).
    pub(crate) fn job_first(&self) -> i64 {
        i64::from(!matches!(self.joins, Some((_, Some(_)))))
    }

    /// Completes the link of the inserted posting `id`: a founder's job id,
    /// its keys, and (when it is earlier than its job's first posting) the
    /// job noted for [`settle`].
    pub(crate) fn file(self, conn: &Connection, id: i64) -> Result<()> {
        let started = Instant::now();
        let job_id = match &self.joins {
            None => {
                conn.prepare_cached("UPDATE postings SET job_id = id WHERE id = ?1")?.execute([id])?;
                id
            }
            Some((job, Some((first, first_day)))) => {
                let day: String =
                    conn.prepare_cached("SELECT dated FROM postings WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
                if (day.as_str(), id) < (first_day.as_str(), *first) {
                    UNSETTLED.with(|u| u.borrow_mut().insert(*job));
                }
                *job
            }
            Some((job, None)) => *job,
        };
        file_keys(conn, id, job_id, &self.keys, &self.signature)?;
        count_time(started);
        Ok(())
    }
}

thread_local! {
    /// Jobs that a posting stored by this thread has become the earliest
    /// of, whose `job_first` is still on the posting that was (see [`settle`]).
    static UNSETTLED: RefCell<BTreeSet<i64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Moves `job_first` to the earliest posting of every job that a posting
/// stored new by this thread has become the earliest of; returns how many
/// jobs. Until then such a job still counts once, by the posting that was
/// its first. The crawl's writer settles once per batch, in the batch's
/// transaction (so a killed crawl leaves nothing unsettled): a crawl reads
/// a board newest first, so each posting of a job is the earliest yet, and
/// moving the mark (and its copies on the skills) per posting cost more
/// than storing the posting.
pub(crate) fn settle(conn: &Connection) -> Result<usize> {
    let started = Instant::now();
    let jobs = UNSETTLED.with(|u| std::mem::take(&mut *u.borrow_mut()));
    for &job in &jobs {
        refresh_first(conn, job)?;
    }
    count_time(started);
    Ok(jobs.len())
}

/// The first posting of `job` (by day, then id) and its day.
fn first_of(conn: &Connection, job: i64) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, dated FROM postings WHERE job_id = ?1 ORDER BY dated, id LIMIT 1")?
        .query_row([job], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Files posting `id` under its keys in `job`, and keeps its signature if
/// it is filed: only a filed posting is ever a candidate (migration 0012),
/// so its signature is written when it is first filed and renewed when its
/// text changes; a posting stays filed once it is.
fn file_keys(conn: &Connection, id: i64, job: i64, keys: &[i64], signature: &[u8]) -> Result<()> {
    let mut file =
        conn.prepare_cached("INSERT OR IGNORE INTO job_blocks (key, job_id, posting_id) VALUES (?1, ?2, ?3)")?;
    let mut newly_filed = 0;
    for k in keys {
        newly_filed += file.execute(params![k, job, id])?;
    }
    let sql = if newly_filed > 0 {
        "INSERT OR REPLACE INTO job_signatures (posting_id, signature) VALUES (?1, ?2)"
    } else {
        "UPDATE job_signatures SET signature = ?2 WHERE posting_id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![id, signature])?;
    Ok(())
}

/// Links the stored posting `id` (just updated with this text, or from an
/// older database): one that already has a job keeps it; every posting is
/// filed under its current keys and its job's first posting refreshed.
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
    file_keys(conn, id, job_id, &keys, &signature_bytes(&job.signature))?;
    refresh_first(conn, job_id)?;
    count_time(started);
    Ok(())
}

/// The job of the most similar stored posting filed under one of `keys`
/// (one posting per job and key, the most recent jobs first, each posting
/// read once): candidates are ranked by their signatures, and the text of
/// the best few is read to confirm.
fn best_match(conn: &Connection, job: &JobText, keys: &[i64]) -> Result<Option<i64>> {
    let mut filed =
        conn.prepare_cached("SELECT job_id, posting_id FROM job_blocks WHERE key = ?1 ORDER BY job_id DESC LIMIT ?2")?;
    let mut candidates: Vec<(i64, i64)> = Vec::new();
    for k in keys {
        let rows = filed.query_map(params![k, MAX_CANDIDATES as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            candidates.push(row?);
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut read = conn.prepare_cached(
        "SELECT p.company, p.title, s.signature FROM postings AS p
         JOIN job_signatures AS s ON s.posting_id = p.id WHERE p.id = ?1",
    )?;
    // The least similarity per stored (company, title): candidates share a
    // few, so each is normalised and compared once.
    let mut floors: HashMap<(Option<String>, Option<String>), Option<f64>> = HashMap::new();
    let mut likely: Vec<(f64, i64, i64)> = Vec::new();
    for &(job_id, posting) in &candidates {
        let stored = read
            .query_row([posting], |r| {
                let label: (Option<String>, Option<String>) = (r.get(0)?, r.get(1)?);
                Ok((label, signature_from_bytes(r.get_ref(2)?.as_blob()?)))
            })
            .optional()?;
        let Some((label, signature)) = stored else { continue };
        let floor = *floors.entry(label).or_insert_with_key(|(company, title)| {
            description_floor(job, &JobText::new(company.as_deref(), title.as_deref(), ""), MIN_DESCRIPTION_SIMILARITY)
        });
        if let Some(estimate) = floor.and_then(|f| may_be_above(&job.signature, &signature, f)) {
            likely.push((estimate, job_id, posting));
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
