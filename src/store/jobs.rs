//! Linking postings to jobs (migration 0011): a posting stored new is
//! compared with the postings filed under its blocking keys (never with all
//! postings) and joins the job of the most similar one that
//! `extract::dedupe::same_job` accepts, else founds its own. Each job's
//! `job_first` posting (earliest day, then id) is what `--unique-jobs`
//! counts.
//!
//! Bounded work per posting: at most
//! [`MAX_CANDIDATES`](super::job_cache::MAX_CANDIDATES) jobs per key (the
//! most recent), each candidate compared once however many keys it shares,
//! and the shingles of at most [`CONFIRMED`] of them. A posting stored new
//! is linked before it is inserted ([`NewLink`]), so its row is written
//! once with its job and its `job_first`. A [`Linker`] remembers what it
//! read and wrote ([`JobCache`]), so a crawl's writer reads each candidate
//! once per run, not once per posting; its callers hand it each posting's
//! [`JobText`], computed where the posting was parsed. A linker whose
//! transaction failed is dropped with it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Result;
use rusqlite::{Connection, params};

use super::job_cache::JobCache;
use crate::extract::SkillHit;
use crate::extract::dedupe::{
    JobText, MIN_DESCRIPTION_SIMILARITY, Ranked, description_floor, may_be_above, same_job, signature_bytes,
};

/// Most candidates whose text is compared to confirm a link.
const CONFIRMED: usize = 3;
/// Postings linked per transaction when an older database is filled in.
const FILL_BATCH: usize = 2000;

/// Nanoseconds spent linking in this process, on the clock (for the
/// crawl's log and the benchmarks): it counts the time the linking thread
/// waited for a core, which on a busy machine is much of it.
pub static LINK_NANOS: AtomicU64 = AtomicU64::new(0);
/// Nanoseconds of the linking threads' own CPU time spent linking (what
/// linking costs, however busy the machine), once [`time_cpu`] is on.
pub static LINK_CPU_NANOS: AtomicU64 = AtomicU64::new(0);
/// Whether linking reads its threads' CPU time: a system call at each end
/// of each step (a tenth of linking's own CPU on the crawl benchmark), so
/// only when it is to be told.
static TIME_CPU: AtomicBool = AtomicBool::new(false);

/// Makes linking count its CPU time in [`LINK_CPU_NANOS`] from now on (the
/// crawl's writer does when its log says how long linking took).
pub fn time_cpu(on: bool) {
    TIME_CPU.store(on, Ordering::Relaxed);
}

/// The CPU time the calling thread has used, in nanoseconds (0 where the
/// platform does not tell).
pub fn thread_cpu_nanos() -> u64 {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        (t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64)
    }
    #[cfg(not(unix))]
    {
        0
    }
}

/// When a linking step started, on the clock and in the thread's CPU time.
struct Started(Instant, u64);

impl Started {
    /// The CPU time is read first and last (a system call), outside the
    /// clock's window: read inside it, the clock counted the waits for a
    /// core that the calls ended in on a busy machine (on the benchmark's
    /// crawl at a load average of 5, 0.55 s against 0.25 s).
    fn now() -> Started {
        let cpu = if TIME_CPU.load(Ordering::Relaxed) { thread_cpu_nanos() } else { 0 };
        Started(Instant::now(), cpu)
    }
}

/// Adds the time since `started` to [`LINK_NANOS`] and [`LINK_CPU_NANOS`].
fn count_time(started: Started) {
    LINK_NANOS.fetch_add(started.0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    if TIME_CPU.load(Ordering::Relaxed) {
        LINK_CPU_NANOS.fetch_add(thread_cpu_nanos().saturating_sub(started.1), Ordering::Relaxed);
    }
}

/// Links the postings one connection writes: what it knows of the stored
/// jobs ([`JobCache`]) and the jobs that a posting it stored has become the
/// earliest of. Call [`Linker::begin`] at the start of each transaction and
/// [`Linker::settle`] before its commit; one linker per writing connection.
#[derive(Default)]
pub(crate) struct Linker {
    cache: JobCache,
    /// Job → the postings that may still be marked as its first
    /// (`job_first`) and no longer are, for the jobs that a posting stored
    /// new has become the earliest of.
    unsettled: BTreeMap<i64, Vec<i64>>,
    /// The skills of the postings stored new in this transaction, written
    /// once their `job_first` is settled (so no copy of it is moved).
    skills: BTreeMap<i64, Vec<SkillHit>>,
    /// Whether its transactions store many postings of boards read newest
    /// first (the crawl's writer): a posting that founds its job or is
    /// earlier than its job's first is then inserted unmarked, since an
    /// earlier one still usually follows it, and [`Linker::settle`] marks
    /// the last and unmarks the old (at most two writes per job and
    /// transaction, not one per posting).
    batching: bool,
    /// The id the next posting inserted in this transaction gets (read
    /// when first needed), so that a posting founding its job is inserted
    /// with its own id as its job's.
    next_id: Option<i64>,
    /// The first id a posting inserted in this transaction got: in a
    /// batching linker's transaction every posting from it on was inserted
    /// unmarked, and stays so until [`Linker::settle`] unless its job's
    /// first was refreshed from the rows (`refreshed`).
    first_new_id: Option<i64>,
    /// Whether a job's first was refreshed from the rows in this
    /// transaction (which may have marked a posting inserted in it).
    refreshed: bool,
    /// [`Linker::best_match`]'s lists, kept so that it allocates nothing
    /// per posting.
    scratch: Scratch,
}

/// The candidate lists of one [`Linker::best_match`] call.
#[derive(Default)]
struct Scratch {
    /// (job, posting) filed under the posting's keys.
    candidates: Vec<(i64, i64)>,
    /// (estimated similarity, job, posting) of those that may be the job.
    likely: Vec<(f64, i64, i64)>,
}

/// The job a posting about to be inserted belongs to, found (and the
/// posting filed under its keys) before its row is written: insert it with
/// [`NewLink::id`], [`NewLink::job_id`] and [`NewLink::job_first`], then
/// call [`Linker::inserted`] with its `dated`.
pub(crate) struct NewLink {
    /// The id to insert it with.
    id: i64,
    /// The job it joins, or its own (its id).
    job_id: i64,
    /// Whether it is inserted marked as its job's first.
    marked: bool,
    /// The day it was linked as dated.
    day: String,
    /// Its text when it could not be filed under its keys before its row
    /// was written (the cache did not answer for every key, or had no
    /// room).
    unfiled: Option<JobText>,
}

impl NewLink {
    /// The id to insert the posting with.
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// The job to insert the posting with: the one it joins, else its own
    /// (its id).
    pub(crate) fn job_id(&self) -> i64 {
        self.job_id
    }

    /// The `job_first` to insert the posting with: 1 when it founds its
    /// job or is the earliest of its job yet, so a posting that stays its
    /// job's first is never written twice; 0 when it joins a job with an
    /// earlier first posting, and always for a batching linker (see
    /// [`Linker::batching`]). [`Linker::settle`] moves the mark to each
    /// job's earliest posting.
    pub(crate) fn job_first(&self) -> i64 {
        i64::from(self.marked)
    }
}

impl Linker {
    /// A linker for transactions that store many postings of boards read
    /// newest first (the crawl's writer's batches).
    pub(crate) fn batching() -> Linker {
        Linker { batching: true, ..Linker::default() }
    }

    /// Starts a transaction: forgets what another connection may have
    /// changed since the last one.
    pub(crate) fn begin(&mut self, conn: &Connection) -> Result<()> {
        self.unsettled.clear();
        self.skills.clear();
        self.next_id = None;
        self.first_new_id = None;
        self.refreshed = false;
        self.cache.check(conn)
    }

    /// The id the next posting inserted gets: one more than any stored
    /// (postings are never deleted, and only this connection writes in its
    /// transaction).
    fn take_id(&mut self, conn: &Connection) -> Result<i64> {
        let id = match self.next_id {
            Some(id) => id,
            None => {
                let id = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM postings", [], |r| r.get(0))?;
                self.first_new_id = Some(id);
                id
            }
        };
        self.next_id = Some(id.checked_add(1).ok_or_else(|| anyhow::anyhow!("posting ids are exhausted"))?);
        Ok(id)
    }

    /// Finds the job of a posting about to be inserted with this text, to
    /// be dated `day`, notes it for [`Linker::settle`] when it is earlier
    /// than its job's first posting (or marked and not), and files it under
    /// its keys in the cache (written before the commit): linking is one
    /// step per posting, its row's insert none of it.
    pub(crate) fn find(&mut self, conn: &Connection, job: JobText, day: &str) -> Result<NewLink> {
        let started = Started::now();
        let joins = match self.best_match(conn, &job)? {
            Some(j) => Some((j, self.cache.first(conn, j)?)),
            None => None,
        };
        // Its id is larger than any stored (postings are never deleted), so
        // it is earlier than the first one only by its day.
        let marked = match &joins {
            Some((_, Some((first_day, _)))) => day < first_day.as_str() && !self.batching,
            Some((_, None)) | None => !self.batching,
        };
        let id = self.take_id(conn)?;
        let job_id = self.note_first(id, day, joins, marked);
        // Filed now only when no row of it is to be written before its own
        // (a key's row the cache cannot answer for, the cache's texts full).
        let unfiled = if job.keys.iter().all(|&k| self.cache.answers_for(k, job_id)) && self.cache.has_room(&job) {
            self.file_keys(conn, (id, true), job_id, job)?;
            None
        } else {
            Some(job)
        };
        count_time(started);
        Ok(NewLink { id, job_id, marked, day: day.to_string(), unfiled })
    }

    /// Notes posting `id` (dated `day`, inserted `marked` or not) as the
    /// first posting of its job when it is (for [`Linker::settle`] when it
    /// is earlier than the one before, or marked and not); returns its job.
    fn note_first(&mut self, id: i64, day: &str, joins: Option<(i64, Option<(String, i64)>)>, marked: bool) -> i64 {
        match joins {
            None => {
                if !marked {
                    self.unsettled.entry(id).or_default();
                }
                self.cache.set_first(id, Some((day.to_string(), id)));
                id
            }
            Some((j, Some((first_day, first)))) => {
                if (day, id) < (first_day.as_str(), first) {
                    // The mark moves to it (or stays on it) in `settle`.
                    self.unsettled.entry(j).or_default().push(first);
                    self.cache.set_first(j, Some((day.to_string(), id)));
                } else if marked {
                    self.unsettled.entry(j).or_default().push(id);
                }
                j
            }
            Some((j, None)) => {
                if !marked {
                    self.unsettled.entry(j).or_default();
                }
                self.cache.set_first(j, Some((day.to_string(), id)));
                j
            }
        }
    }

    /// Completes the link of the posting just inserted as `link` says,
    /// with the `dated` its row got: files it under its keys if `find`
    /// could not, and marks its job's first posting again from the rows if
    /// it was dated otherwise than linked as (`dated` is computed as the
    /// day is: never, but then its cached first would be wrong).
    pub(crate) fn inserted(&mut self, conn: &Connection, link: NewLink, dated: &str) -> Result<()> {
        if link.unfiled.is_none() && dated == link.day {
            return Ok(());
        }
        let started = Started::now();
        if let Some(job) = link.unfiled {
            self.file_keys(conn, (link.id, true), link.job_id, job)?;
        }
        if dated != link.day {
            self.unsettled.remove(&link.job_id);
            self.cache.forget_first(link.job_id);
            self.refreshed = true;
            refresh_first(conn, link.job_id)?;
        }
        count_time(started);
        Ok(())
    }

    /// Writes the keys and signatures filed in the cache only, moves
    /// `job_first` to the earliest posting of every job that a posting
    /// stored new in this transaction has become the earliest of, in one
    /// statement, then writes the held skills of the postings stored new
    /// (with their final `job_first`); returns how many jobs. Call it
    /// before every commit. Until then such a job still counts once, by
    /// the posting that was its first. The crawl's writer
    /// settles once per batch, in the batch's transaction (so a killed
    /// crawl leaves nothing unsettled): a crawl reads a board newest first,
    /// so each posting of a job is the earliest yet, and moving the mark
    /// (and its copies on the skills) per posting cost more than storing
    /// the posting.
    pub(crate) fn settle(&mut self, conn: &Connection) -> Result<usize> {
        let started = Started::now();
        self.cache.write_filed(conn)?;
        let mut touched: Vec<i64> = Vec::new();
        let mut firsts: Vec<i64> = Vec::new();
        // The postings inserted unmarked in this transaction and not marked
        // since need no writing to stay unmarked (nor reading: their mark
        // sits after the description, on its overflow pages).
        let unmarked_from = self.first_new_id.filter(|_| self.batching && !self.refreshed).unwrap_or(i64::MAX);
        for (job, marked) in std::mem::take(&mut self.unsettled) {
            if let Some((_, first)) = self.cache.first(conn, job)? {
                touched.extend(marked.into_iter().filter(|&p| p < unmarked_from));
                touched.push(first);
                firsts.push(first);
            }
        }
        if !touched.is_empty() {
            // Only the rows whose mark changes are written (and their skills
            // rewritten by the trigger): the previous batch's first, and the
            // batch's earliest (inserted unmarked) or its founder when a
            // later posting was earlier still.
            let changed = conn
                .prepare_cached(
                    "UPDATE postings SET job_first = (id IN (SELECT value FROM json_each(?2)))
                     WHERE id IN (SELECT value FROM json_each(?1))
                       AND job_first != (id IN (SELECT value FROM json_each(?2)))",
                )?
                .execute(params![json_ids(&touched), json_ids(&firsts)])?;
            tracing::debug!("{changed} postings' job_first changed, of {} that may have", touched.len());
        }
        count_time(started);
        for (id, skills) in std::mem::take(&mut self.skills) {
            super::postings::insert_skills(conn, id, &skills)?;
        }
        Ok(firsts.len())
    }

    /// Holds the skills of posting `id`, stored new, for [`Linker::settle`].
    pub(crate) fn skills_after_settling(&mut self, id: i64, skills: Vec<SkillHit>) {
        if !skills.is_empty() {
            self.skills.insert(id, skills);
        }
    }

    /// Drops the held skills of posting `id` (its text changed again).
    pub(crate) fn forget_skills(&mut self, id: i64) {
        self.skills.remove(&id);
    }

    /// Files posting `id` (`fresh`: just inserted) under its keys in `job`
    /// (skipping those it is known to be filed under), and keeps its
    /// signature (and its text) if it is filed:
    /// only a filed posting is ever a candidate (migration 0012), so its
    /// signature is written when it is first filed and renewed when its
    /// text changes; a posting stays filed once it is.
    fn file_keys(&mut self, conn: &Connection, (id, fresh): (i64, bool), job: i64, text: JobText) -> Result<()> {
        let mut newly_filed = 0;
        for &k in &text.keys {
            if self.cache.is_filed(k, job) {
                continue;
            }
            // Written with the others before the commit, when the cache
            // answers for the key; else now (it may be filed already).
            if self.cache.file_later(k, job, id) {
                newly_filed += 1;
                continue;
            }
            let n = conn
                .prepare_cached("INSERT OR IGNORE INTO job_blocks (key, job_id, posting_id) VALUES (?1, ?2, ?3)")?
                .execute(params![k, job, id])?;
            if n > 0 {
                self.cache.note_filed(k, job, id);
            }
            newly_filed += n;
        }
        if newly_filed > 0 && fresh {
            // A posting just inserted has no signature (postings are never
            // deleted): it is written with the others before the commit.
            return self.cache.put_new(conn, id, text);
        }
        let sql = match (newly_filed > 0, fresh) {
            (true, _) => "INSERT OR REPLACE INTO job_signatures (posting_id, signature) VALUES (?1, ?2)",
            (false, false) => "UPDATE job_signatures SET signature = ?2 WHERE posting_id = ?1",
            (false, true) => "",
        };
        if !sql.is_empty() {
            conn.prepare_cached(sql)?.execute(params![id, signature_bytes(&text.signature)])?;
        }
        if newly_filed > 0 || self.cache.holds(id) {
            self.cache.put(conn, id, text)?;
        }
        Ok(())
    }

    /// Links the stored posting `id` (just updated with this text, or from
    /// an older database): one that already has a job keeps it; every
    /// posting is filed under its current keys and its job's first posting
    /// refreshed.
    pub(crate) fn link(&mut self, conn: &Connection, id: i64, job: JobText) -> Result<()> {
        let started = Started::now();
        // Its signature, if it was inserted in this transaction, is written
        // before it is renewed.
        if self.cache.signature_unwritten(id) {
            self.cache.write_filed(conn)?;
        }
        let current: Option<i64> =
            conn.prepare_cached("SELECT job_id FROM postings WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
        let job_id = match current {
            Some(j) => j,
            None => self.best_match(conn, &job)?.unwrap_or(id),
        };
        if current.is_none() {
            conn.prepare_cached("UPDATE postings SET job_id = ?2 WHERE id = ?1")?.execute(params![id, job_id])?;
        }
        self.file_keys(conn, (id, false), job_id, job)?;
        self.refreshed = true;
        refresh_first(conn, job_id)?;
        self.unsettled.remove(&job_id);
        self.cache.forget_first(job_id);
        count_time(started);
        Ok(())
    }

    /// The job of the most similar stored posting filed under one of `keys`
    /// (one posting per job and key, the most recent jobs first, each
    /// posting compared once): candidates are ranked by their signatures,
    /// and the shingles of the best few compared to confirm.
    fn best_match(&mut self, conn: &Connection, job: &JobText) -> Result<Option<i64>> {
        let Scratch { mut candidates, mut likely } = std::mem::take(&mut self.scratch);
        candidates.clear();
        likely.clear();
        let found = self.rank(conn, job, &mut candidates, &mut likely).map(|()| {
            likely.iter().take(CONFIRMED).find_map(|&(_, job_id, posting)| {
                self.cache.candidate(posting).is_some_and(|other| same_job(job, other).is_some()).then_some(job_id)
            })
        });
        self.scratch = Scratch { candidates, likely };
        found
    }

    /// Fills `likely` with the candidates filed under `job`'s keys that may
    /// be its job, most similar first (by their signatures' estimate).
    fn rank(
        &mut self,
        conn: &Connection,
        job: &JobText,
        candidates: &mut Vec<(i64, i64)>,
        likely: &mut Vec<(f64, i64, i64)>,
    ) -> Result<()> {
        for &k in &job.keys {
            self.cache.filed_under(conn, k)?;
        }
        // Ranked as they are found when every candidate's text is held
        // (nearly always); else listed, read and ranked as before.
        let held = self.cache.rank_filed(&job.keys, |job_id, posting, text| {
            if let Some(estimate) = estimate(job, text) {
                likely.push((estimate, job_id, posting));
            }
        });
        if !held {
            likely.clear();
            self.rank_listed(conn, job, candidates, likely)?;
        }
        // The order the sorted list gave: by estimate, job, then posting.
        likely.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        likely.dedup_by_key(|c| c.2);
        Ok(())
    }

    /// [`Linker::rank`]'s candidates listed first, and those not held read.
    fn rank_listed(
        &mut self,
        conn: &Connection,
        job: &JobText,
        candidates: &mut Vec<(i64, i64)>,
        likely: &mut Vec<(f64, i64, i64)>,
    ) -> Result<()> {
        for &k in &job.keys {
            candidates.extend_from_slice(self.cache.filed_under(conn, k)?);
        }
        candidates.sort_unstable();
        candidates.dedup();
        self.cache.load(conn, candidates)?;
        // Ranked on the candidates' cards (their texts only when a card
        // cannot tell), so that each costs a read of one value.
        for &(job_id, posting) in candidates.iter() {
            let Some(text) = self.cache.candidate(posting) else { continue };
            if let Some(estimate) = estimate(job, text) {
                likely.push((estimate, job_id, posting));
            }
        }
        Ok(())
    }
}

/// The estimated similarity of `job` to a candidate's text, when it may be
/// the same job: from their cards, or the texts when the cards cannot tell.
fn estimate(job: &JobText, text: &JobText) -> Option<f64> {
    match job.card.rank(&text.card) {
        Ranked::Likely(estimate) => Some(estimate),
        Ranked::Unlike => None,
        Ranked::Undecided => description_floor(job, text, MIN_DESCRIPTION_SIMILARITY)
            .and_then(|f| may_be_above(&job.signature, &text.signature, f)),
    }
}

/// Ids as a JSON array, for `json_each`.
fn json_ids(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", list.join(","))
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
    let mut linker = Linker::default();
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
        linker.begin(&tx)?;
        for (id, company, title, description) in &batch {
            linker.link(&tx, *id, JobText::new(company.as_deref(), title.as_deref(), description))?;
        }
        // Writes what was filed in the cache only (nothing is unsettled).
        linker.settle(&tx)?;
        tx.commit()?;
        n += batch.len() as u64;
    }
}
