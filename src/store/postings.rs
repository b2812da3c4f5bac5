//! Writing postings and their skills: insert, update in place when the
//! content changed, or only mark them seen.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

pub use crate::extract::SkillHit;
use crate::sources::Posting;

/// What storing a posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    New,
    Updated,
    Unchanged,
}

/// The SHA-256 of the fields a posting is stored with.
pub fn content_hash(p: &Posting) -> String {
    let mut h = Sha256::new();
    for field in [
        p.url.as_deref(),
        p.title.as_deref(),
        p.company.as_deref(),
        p.location.as_deref(),
        p.remote.map(|r| if r { "1" } else { "0" }),
        p.posted_at.as_deref(),
        Some(p.description.as_str()),
    ] {
        h.update(field.unwrap_or("\u{0}").as_bytes());
        h.update([0x1f]);
    }
    crate::extract::taxonomy::hex(&h.finalize())
}

/// Inserts a posting or updates the stored one (same source and external
/// id): everything when its content changed, only `last_seen_at` otherwise.
pub fn upsert(
    conn: &Connection,
    source: &str,
    posting: &Posting,
    skills: &[SkillHit],
    fetch_url: &str,
    now: &str,
) -> Result<Upsert> {
    let hash = content_hash(posting);
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, content_hash FROM postings WHERE source = ?1 AND external_id = ?2")?
        .query_row(params![source, posting.external_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let remote = posting.remote.map(i64::from);
    let (id, outcome) = match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO postings (source, external_id, url, title, company, location, remote, posted_at,
                                       first_seen_at, last_seen_at, description, content_hash, fetch_url)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                source,
                posting.external_id,
                posting.url,
                posting.title,
                posting.company,
                posting.location,
                remote,
                posting.posted_at,
                now,
                posting.description,
                hash,
                fetch_url
            ])?;
            (conn.last_insert_rowid(), Upsert::New)
        }
        Some((id, old_hash)) if old_hash == hash => {
            conn.prepare_cached("UPDATE postings SET last_seen_at = ?2, fetch_url = ?3 WHERE id = ?1")?
                .execute(params![id, now, fetch_url])?;
            return Ok(Upsert::Unchanged);
        }
        Some((id, _)) => {
            conn.prepare_cached(
                "UPDATE postings SET url = ?2, title = ?3, company = ?4, location = ?5, remote = ?6,
                        posted_at = ?7, last_seen_at = ?8, description = ?9, content_hash = ?10, fetch_url = ?11
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                posting.url,
                posting.title,
                posting.company,
                posting.location,
                remote,
                posting.posted_at,
                now,
                posting.description,
                hash,
                fetch_url
            ])?;
            conn.prepare_cached("DELETE FROM posting_skills WHERE posting_id = ?1")?.execute([id])?;
            (id, Upsert::Updated)
        }
    };
    conn.prepare_cached(
        "INSERT INTO posting_raw (posting_id, format, payload) VALUES (?1, ?2, ?3)
         ON CONFLICT (posting_id) DO UPDATE SET format = excluded.format, payload = excluded.payload",
    )?
    .execute(params![id, posting.raw_format, posting.raw])?;
    insert_skills(conn, id, skills)?;
    Ok(outcome)
}

/// Writes a posting's skills (the caller removed the old ones).
pub(crate) fn insert_skills(conn: &Connection, posting_id: i64, skills: &[SkillHit]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in skills {
        stmt.execute(params![posting_id, s.skill_id, s.mentions, s.first_offset.map(|o| o as i64)])?;
    }
    Ok(())
}

/// Marks the postings that came from `fetch_url` as seen now (after a 304).
pub fn touch_by_fetch_url(conn: &Connection, source: &str, fetch_url: &str, now: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached("UPDATE postings SET last_seen_at = ?3 WHERE source = ?1 AND fetch_url = ?2")?
        .execute(params![source, fetch_url, now])?)
}

impl super::Store {
    /// Stores one posting and its skills in its own transaction (importers
    /// and tests; crawls go through the batching writer).
    pub fn upsert_posting(
        &mut self,
        source: &str,
        posting: &Posting,
        skills: &[SkillHit],
        fetch_url: &str,
    ) -> Result<Upsert> {
        let tx = self.conn_mut().transaction()?;
        let outcome = upsert(&tx, source, posting, skills, fetch_url, &super::now_utc())?;
        tx.commit()?;
        Ok(outcome)
    }
}
