//! What the writing connection knows of the stored jobs, kept in memory so
//! that linking reads nothing twice: the jobs filed under each blocking key
//! (the most recent [`MAX_CANDIDATES`], as `job_blocks` would answer), each
//! filed posting's company, title, shingles and signature, and each job's
//! first posting. The linker keeps it current as it writes (it sees its own
//! uncommitted rows, like its connection); each part is bounded and dropped
//! whole when it outgrows its budget (and read again as needed), and all of
//! it when another connection has committed (`PRAGMA data_version`).
//!
//! The rows that file a posting under a key it holds, and the signatures of
//! the postings just inserted, are written later ([`JobCache::write_filed`],
//! before the transaction commits), many rows to a statement: a statement
//! per row cost more than ranking the candidates. The cache answers for
//! them meanwhile, and writes them before it drops the part that holds
//! them (so that what it reads again has them).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::extract::dedupe::{JobText, shingles, signature_bytes, signature_from_bytes};

/// Most jobs a new posting is compared with per key (the most recent), so
/// a company with a thousand look-alike jobs costs no more than one with
/// a hundred.
pub(crate) const MAX_CANDIDATES: usize = 100;
/// Most keys and filed (job, posting) pairs held (about 16 bytes each).
const BLOCKS_BUDGET: usize = 250_000;
/// Most shingles of filed postings held (8 bytes each).
const FILED_BUDGET: usize = 1_000_000;
/// Most jobs whose first posting is held.
const FIRSTS_BUDGET: usize = 100_000;

/// Hashes the integer keys of the cache's maps (ids and blocking keys, of
/// the linker's own making) with one multiply (FxHash's), not SipHash:
/// the maps are looked up several times per candidate.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by ids, hashed with [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The linker's memory of the database (see the module's doc).
#[derive(Default)]
pub(crate) struct JobCache {
    version: Option<i64>,
    /// Key → (job, its posting filed under the key), jobs newest first.
    blocks: IdMap<i64, Vec<(i64, i64)>>,
    block_size: usize,
    /// Whether `blocks` holds every key of `job_blocks` (the table was
    /// empty when the cache was made, and no list has been dropped since):
    /// a key it does not hold then has no jobs, and is not read. A crawl
    /// into a new database reads no key list (the benchmark's does, so this
    /// flatters it: a later crawl reads each key's list once, as before).
    complete: bool,
    /// Filed posting → its text as compared (description shingled, with
    /// its card), and the last of [`JobCache::rank_filed`]'s visits that
    /// saw it.
    filed: IdMap<i64, (JobText, u64)>,
    /// How many times [`JobCache::rank_filed`] has been called.
    visits: u64,
    filed_size: usize,
    /// Job → its first posting's day and id (None: it has no posting).
    firsts: IdMap<i64, Option<(String, i64)>>,
    /// Rows this cache answers for and the database does not have yet.
    unwritten: Unwritten,
}

/// Rows filed in the open transaction, not written yet.
#[derive(Default)]
struct Unwritten {
    /// (key, job, posting) for `job_blocks`, under keys `blocks` holds.
    blocks: Vec<(i64, i64, i64)>,
    /// (posting, signature as stored) for `job_signatures`, of postings
    /// inserted in the transaction (so without one), that `filed` holds.
    signatures: Vec<(i64, Vec<u8>)>,
}

impl JobCache {
    /// Drops everything when another connection has written since the last
    /// call; call at the start of each transaction.
    pub(crate) fn check(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        // Rows left unwritten belonged to a transaction that was not
        // committed: what the cache noted with them is dropped too.
        let abandoned = !self.unwritten.blocks.is_empty() || !self.unwritten.signatures.is_empty();
        if self.version != Some(version) || abandoned {
            let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM job_blocks)", [], |r| r.get(0))?;
            *self = JobCache { version: Some(version), complete: empty, ..JobCache::default() };
        }
        Ok(())
    }

    /// The (job, posting) pairs filed under `key`, most recent jobs first.
    pub(crate) fn filed_under(&mut self, conn: &Connection, key: i64) -> Result<&[(i64, i64)]> {
        if !self.blocks.contains_key(&key) {
            let list = if self.complete {
                Vec::new()
            } else {
                let mut stmt = conn.prepare_cached(
                    "SELECT job_id, posting_id FROM job_blocks WHERE key = ?1 ORDER BY job_id DESC LIMIT ?2",
                )?;
                let rows = stmt.query_map(params![key, MAX_CANDIDATES as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<Vec<(i64, i64)>>>()?
            };
            if self.block_size + list.len() + 1 > BLOCKS_BUDGET {
                self.write_filed(conn)?;
                self.blocks.clear();
                self.block_size = 0;
                self.complete = false;
            }
            self.block_size += list.len() + 1;
            self.blocks.insert(key, list);
        }
        Ok(self.blocks.get(&key).map_or(&[], Vec::as_slice))
    }

    /// Whether `job` is known to be filed under `key`.
    pub(crate) fn is_filed(&self, key: i64, job: i64) -> bool {
        self.blocks.get(&key).is_some_and(|l| holds_job(l, job))
    }

    /// Whether the cache knows if `job` is filed under `key`: it holds the
    /// key's jobs, and `job` among them, or they are fewer than
    /// [`MAX_CANDIDATES`], or `job` is more recent than the last held.
    pub(crate) fn answers_for(&self, key: i64, job: i64) -> bool {
        self.blocks.get(&key).is_some_and(|list| {
            list.len() < MAX_CANDIDATES || list.last().is_some_and(|&(j, _)| j < job) || holds_job(list, job)
        })
    }

    /// Whether holding `text` too drops no held text (and so writes nothing).
    pub(crate) fn has_room(&self, text: &JobText) -> bool {
        self.filed_size + text.shingles.len() < FILED_BUDGET
    }

    /// Files `posting` of `job` under `key` in the cache only, to be written
    /// by [`JobCache::write_filed`], when the cache holds the key's jobs and
    /// knows `job` is not filed under it (the key has fewer than
    /// [`MAX_CANDIDATES`] jobs, or `job` is more recent than the last held);
    /// false when the row is the caller's to write (`INSERT OR IGNORE`).
    pub(crate) fn file_later(&mut self, key: i64, job: i64, posting: i64) -> bool {
        let known_absent = self.answers_for(key, job) && !self.is_filed(key, job);
        if known_absent {
            self.unwritten.blocks.push((key, job, posting));
            self.note_filed(key, job, posting);
        }
        known_absent
    }

    /// Notes that `posting` of `job` was just filed under `key`.
    pub(crate) fn note_filed(&mut self, key: i64, job: i64, posting: i64) {
        if self.complete && !self.blocks.contains_key(&key) {
            // Its list is known (empty until now) while there is room.
            if self.block_size + 1 > BLOCKS_BUDGET {
                self.complete = false;
                return;
            }
            self.blocks.insert(key, Vec::new());
            self.block_size += 1;
        }
        let Some(list) = self.blocks.get_mut(&key) else { return };
        let at = list.partition_point(|&(j, _)| j > job);
        if list.get(at).is_some_and(|&(j, _)| j == job) {
            return;
        }
        if at < MAX_CANDIDATES {
            list.insert(at, (job, posting));
            self.block_size += 1;
            if list.len() > MAX_CANDIDATES {
                list.pop();
                self.block_size -= 1;
            }
        }
    }

    /// Reads the postings of `candidates` ((job, posting) pairs) not held
    /// yet (each with its signature: only filed postings have one),
    /// dropping the others first when they would not fit.
    pub(crate) fn load(&mut self, conn: &Connection, candidates: &[(i64, i64)]) -> Result<()> {
        if candidates.iter().all(|c| self.filed.contains_key(&c.1)) {
            return Ok(());
        }
        let missing: Vec<i64> = candidates.iter().map(|c| c.1).filter(|p| !self.filed.contains_key(p)).collect();
        let mut read = conn.prepare_cached(
            "SELECT p.company, p.title, p.description, s.signature FROM postings AS p
             JOIN job_signatures AS s ON s.posting_id = p.id WHERE p.id = ?1",
        )?;
        let mut read_texts = Vec::with_capacity(missing.len());
        for id in missing {
            let text = read
                .query_row([id], |r| {
                    let (c, t): (Option<String>, Option<String>) = (r.get(0)?, r.get(1)?);
                    let shingles = shingles(r.get_ref(2)?.as_str()?);
                    let signature = signature_from_bytes(r.get_ref(3)?.as_blob()?);
                    Ok(JobText::with_signature(c.as_deref(), t.as_deref(), shingles, signature))
                })
                .optional()?;
            read_texts.extend(text.map(|t| (id, t)));
        }
        let size: usize = read_texts.iter().map(|(_, t)| t.shingles.len() + 1).sum();
        if self.filed_size + size > FILED_BUDGET {
            self.write_filed(conn)?;
            self.filed.clear();
            self.filed_size = 0;
        }
        for (id, text) in read_texts {
            self.put(conn, id, text)?;
        }
        Ok(())
    }

    /// Calls `rank` with the job, posting and text of each posting
    /// filed under `keys` (whose lists [`JobCache::filed_under`] has read),
    /// once however many of the keys it is filed under, in no set order:
    /// what the candidates' sorted list did, without the list. False when
    /// a candidate's text is not held: the caller then drops what `rank`
    /// saw and [`JobCache::load`]s them.
    pub(crate) fn rank_filed(&mut self, keys: &[i64], mut rank: impl FnMut(i64, i64, &JobText)) -> bool {
        self.visits += 1;
        let visit = self.visits;
        for k in keys {
            for &(job, posting) in self.blocks.get(k).map_or(&[][..], Vec::as_slice) {
                let Some((text, seen)) = self.filed.get_mut(&posting) else { return false };
                if *seen == visit {
                    continue;
                }
                *seen = visit;
                rank(job, posting, text);
            }
        }
        true
    }

    /// A filed posting's text, if held.
    pub(crate) fn candidate(&self, posting: i64) -> Option<&JobText> {
        self.filed.get(&posting).map(|f| &f.0)
    }

    /// Holds `posting`'s current text: it was just filed, or renewed.
    pub(crate) fn put(&mut self, conn: &Connection, posting: i64, text: JobText) -> Result<()> {
        let size = text.shingles.len() + 1;
        if self.filed_size + size > FILED_BUDGET {
            self.write_filed(conn)?;
            self.filed.clear();
            self.filed_size = 0;
        }
        self.filed_size += size;
        if let Some((old, _)) = self.filed.insert(posting, (text, 0)) {
            self.filed_size -= old.shingles.len() + 1;
        }
        Ok(())
    }

    /// Holds the text of `posting`, inserted in this transaction and just
    /// filed, and its signature to be written by [`JobCache::write_filed`].
    pub(crate) fn put_new(&mut self, conn: &Connection, posting: i64, text: JobText) -> Result<()> {
        let signature = signature_bytes(&text.signature);
        self.put(conn, posting, text)?;
        self.unwritten.signatures.push((posting, signature));
        Ok(())
    }

    /// Whether the signature of `posting` (inserted in this transaction) is
    /// yet to be written.
    pub(crate) fn signature_unwritten(&self, posting: i64) -> bool {
        // Held in the order the postings were inserted, so by id.
        self.unwritten.signatures.binary_search_by_key(&posting, |s| s.0).is_ok()
    }

    /// Writes the rows filed in the cache only, [`ROWS_PER_INSERT`] to a
    /// statement, the blocks in key order (so that a statement's rows fall
    /// on a page or two, each copied once into its statement journal).
    pub(crate) fn write_filed(&mut self, conn: &Connection) -> Result<()> {
        let Unwritten { blocks, signatures } = &mut self.unwritten;
        if !blocks.is_empty() {
            blocks.sort_unstable();
            let values: Vec<Value> = blocks.drain(..).flat_map(|(k, j, p)| [k, j, p]).map(Value::Integer).collect();
            insert_rows(conn, "INSERT OR IGNORE INTO job_blocks (key, job_id, posting_id)", 3, &values)?;
        }
        if !signatures.is_empty() {
            let values: Vec<Value> =
                signatures.drain(..).flat_map(|(p, bytes)| [Value::Integer(p), Value::Blob(bytes)]).collect();
            insert_rows(conn, "INSERT INTO job_signatures (posting_id, signature)", 2, &values)?;
        }
        Ok(())
    }

    /// Whether `posting`'s text is held (it is filed).
    pub(crate) fn holds(&self, posting: i64) -> bool {
        self.filed.contains_key(&posting)
    }

    /// The first posting of `job` (by day, then id) and its day.
    pub(crate) fn first(&mut self, conn: &Connection, job: i64) -> Result<Option<(String, i64)>> {
        if let Some(first) = self.firsts.get(&job) {
            return Ok(first.clone());
        }
        let first: Option<(String, i64)> = conn
            .prepare_cached("SELECT dated, id FROM postings WHERE job_id = ?1 ORDER BY dated, id LIMIT 1")?
            .query_row([job], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        self.set_first(job, first.clone());
        Ok(first)
    }

    /// Notes `job`'s first posting.
    pub(crate) fn set_first(&mut self, job: i64, first: Option<(String, i64)>) {
        if self.firsts.len() >= FIRSTS_BUDGET && !self.firsts.contains_key(&job) {
            self.firsts.clear();
        }
        self.firsts.insert(job, first);
    }

    /// Forgets `job`'s first posting (it is read again when asked for).
    pub(crate) fn forget_first(&mut self, job: i64) {
        self.firsts.remove(&job);
    }
}

/// Whether a key's list (jobs newest first, each once) holds `job`.
fn holds_job(list: &[(i64, i64)], job: i64) -> bool {
    let at = list.partition_point(|&(j, _)| j > job);
    list.get(at).is_some_and(|&(j, _)| j == job)
}

/// Rows per statement of [`JobCache::write_filed`]: a statement per row
/// cost more than ranking the candidates, one per batch (its rows read from
/// JSON) as much.
const ROWS_PER_INSERT: usize = 64;

/// Inserts rows of `width` values each with `insert` (`INSERT … INTO t
/// (columns)`), [`ROWS_PER_INSERT`] rows to a statement.
fn insert_rows(conn: &Connection, insert: &str, width: usize, values: &[Value]) -> Result<()> {
    let sql = |rows: usize| {
        let row = format!("({})", vec!["?"; width].join(", "));
        format!("{insert} VALUES {}", vec![row; rows].join(", "))
    };
    let mut chunks = values.chunks_exact(width * ROWS_PER_INSERT);
    if chunks.len() > 0 {
        let mut stmt = conn.prepare_cached(&sql(ROWS_PER_INSERT))?;
        for chunk in &mut chunks {
            stmt.execute(rusqlite::params_from_iter(chunk))?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        conn.prepare(&sql(rest.len() / width))?.execute(rusqlite::params_from_iter(rest))?;
    }
    Ok(())
}
