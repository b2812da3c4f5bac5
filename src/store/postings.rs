//! Writing postings and their skills: insert, update in place when the
//! content changed, or only mark them seen.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::jobs::Linker;
pub use crate::extract::SkillHit;
use crate::extract::dedupe::JobText;
use crate::extract::facts::Facts;
use crate::extract::pay::Pay;
use crate::sources::{Posting, Workplace};

/// What storing a posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    New,
    Updated,
    Unchanged,
}

/// The SHA-256 of the fields a posting is stored with (its structured pay
/// too, when its source states one).
pub fn content_hash(p: &Posting, pay: Option<&Pay>) -> String {
    let mut h = Sha256::new();
    for field in [
        p.url.as_deref(),
        p.title.as_deref(),
        p.company.as_deref(),
        p.location.as_deref(),
        // "1" and "0" as when only the remote flag was stored, so that
        // remote and on-site postings keep their hash.
        p.workplace.map(|w| match w {
            Workplace::Remote => "1",
            Workplace::Onsite => "0",
            Workplace::Hybrid => "h",
        }),
        p.posted_at.as_deref(),
        Some(p.description.as_str()),
    ] {
        h.update(field.unwrap_or("\u{0}").as_bytes());
        h.update([0x1f]);
    }
    if let Some(pay) = pay {
        h.update(format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", pay.min, pay.max, pay.currency, pay.period.as_str()).as_bytes());
    }
    crate::extract::taxonomy::hex(&h.finalize())
}

/// Inserts a posting or updates the stored one (same source and external
/// id): everything when its content changed, only `last_seen_at` otherwise.
/// Its skills and job text are the linker's to keep.
pub(crate) fn upsert(
    conn: &Connection,
    linker: &mut Linker,
    source: &str,
    posting: &Posting,
    (skills, facts, job): (Vec<SkillHit>, &Facts, JobText),
    fetch_url: &str,
    now: &str,
) -> Result<Upsert> {
    let hash = content_hash(posting, facts.pay.as_ref());
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, content_hash FROM postings WHERE source = ?1 AND external_id = ?2")?
        .query_row(params![source, posting.external_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let remote = posting.workplace.map(|w| i64::from(w.is_remote()));
    let workplace = posting.workplace.map(Workplace::id);
    // The job text, for an updated posting's link once its row is written.
    let (id, outcome, updated_job) = match existing {
        None => (insert_new(conn, linker, source, (posting, job), &hash, fetch_url, now)?, Upsert::New, None),
        Some((id, old_hash)) if old_hash == hash => {
            conn.prepare_cached("UPDATE postings SET last_seen_at = ?2, fetch_url = ?3 WHERE id = ?1")?
                .execute(params![id, now, fetch_url])?;
            return Ok(Upsert::Unchanged);
        }
        Some((id, _)) => {
            conn.prepare_cached(
                "UPDATE postings SET url = ?2, title = ?3, company = ?4, location = ?5, remote = ?6,
                        posted_at = ?7, last_seen_at = ?8, description = ?9, content_hash = ?10, fetch_url = ?11,
                        workplace = ?12
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
                fetch_url,
                workplace
            ])?;
            conn.prepare_cached("DELETE FROM posting_skills WHERE posting_id = ?1")?.execute([id])?;
            (id, Upsert::Updated, Some(job))
        }
    };
    conn.prepare_cached(
        "INSERT INTO posting_raw (posting_id, format, payload) VALUES (?1, ?2, ?3)
         ON CONFLICT (posting_id) DO UPDATE SET format = excluded.format, payload = excluded.payload",
    )?
    .execute(params![id, posting.raw_format, super::payload::encode(&posting.raw, &posting.description)])?;
    super::facts::write_facts(conn, id, facts)?;
    if outcome == Upsert::New {
        // Written when the batch's first postings are settled, with their
        // final `job_first`: moving the mark later rewrites every copy.
        linker.skills_after_settling(id, skills);
    } else {
        linker.forget_skills(id);
        insert_skills(conn, id, &skills)?;
    }
    if let Some(job) = updated_job {
        linker.link(conn, id, job)?;
    }
    Ok(outcome)
}

/// Inserts a posting not stored before, with its job (linked before its
/// row is written); returns its id.
fn insert_new(
    conn: &Connection,
    linker: &mut Linker,
    source: &str,
    (posting, job): (&Posting, JobText),
    hash: &str,
    fetch_url: &str,
    now: &str,
) -> Result<i64> {
    // The day the row will have (`dated`, migration 0001), for its job's first.
    let day: String = posting.posted_at.as_deref().unwrap_or(now).chars().take(10).collect();
    let link = linker.find(conn, job, &day)?;
    let id = link.id();
    let dated: String = conn
        .prepare_cached(
            "INSERT INTO postings (source, external_id, url, title, company, location, remote, posted_at,
                               first_seen_at, last_seen_at, description, content_hash, fetch_url, workplace,
                               job_id, job_first, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         RETURNING dated",
        )?
        .query_row(
            params![
                source,
                posting.external_id,
                posting.url,
                posting.title,
                posting.company,
                posting.location,
                posting.workplace.map(|w| i64::from(w.is_remote())),
                posting.posted_at,
                now,
                posting.description,
                hash,
                fetch_url,
                posting.workplace.map(Workplace::id),
                link.job_id(),
                link.job_first(),
                id
            ],
            |r| r.get(0),
        )?;
    linker.inserted(conn, link, &dated)?;
    Ok(id)
}

/// Writes a posting's skills (the caller removed the old ones), with the
/// posting's day, source, role and level masks, remote flag, pay and company copied
/// in for the reports' indexes.
///
/// The posting's columns are read once and each skill inserted as one row
/// of values: an `INSERT … SELECT` per skill made SQLite keep a statement
/// journal of every page it touched.
pub(crate) fn insert_skills(conn: &Connection, posting_id: i64, skills: &[SkillHit]) -> Result<()> {
    if skills.is_empty() {
        return Ok(());
    }
    let copied: [Value; 9] = conn
        .prepare_cached(
            "SELECT dated, source, coalesce(role_mask, 0), level_mask, remote, pay_currency,
                    (pay_annual_min + pay_annual_max) / 2.0, job_first, nullif(lower(trim(company)), '')
             FROM postings WHERE id = ?1",
        )?
        .query_row([posting_id], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?])
        })?;
    let [dated, source, role_mask, level_mask, remote, pay_currency, pay_mid, job_first, company] = &copied;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset, dated, source,
                                     role_mask, level_mask, remote, pay_currency, pay_mid, job_first, company)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for s in skills {
        stmt.execute(params![
            posting_id,
            s.skill_id,
            s.mentions,
            s.first_offset.map(|o| o as i64),
            dated,
            source,
            role_mask,
            level_mask,
            remote,
            pay_currency,
            pay_mid,
            job_first,
            company
        ])?;
    }
    Ok(())
}

/// Marks the postings that came from `fetch_url` as seen now (after a 304).
pub fn touch_by_fetch_url(conn: &Connection, source: &str, fetch_url: &str, now: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached("UPDATE postings SET last_seen_at = ?3 WHERE source = ?1 AND fetch_url = ?2")?
        .execute(params![source, fetch_url, now])?)
}

/// Applies the notes of migration 0005's triggers to the full-text index:
/// the text it held is taken out, the current text put in. Run once per
/// transaction, just before it commits.
const FLUSH_SEARCH_INDEX: &str = "
    INSERT INTO postings_fts (postings_fts, rowid, title, company, description)
        SELECT 'delete', posting_id, old_title, old_company, old_description FROM fts_pending WHERE was_indexed;
    INSERT INTO postings_fts (rowid, title, company, description)
        SELECT p.id, p.title, p.company, p.description FROM fts_pending AS f JOIN postings AS p ON p.id = f.posting_id;
    DELETE FROM fts_pending;";

/// Brings the full-text index up to date with the postings written in
/// this transaction.
pub(crate) fn flush_search_index(conn: &Connection) -> Result<()> {
    conn.execute_batch(FLUSH_SEARCH_INDEX)?;
    Ok(())
}

impl super::Store {
    /// Stores one posting and its skills in its own transaction, with the
    /// roles, levels and pay its text and raw payload state (importers and
    /// tests; crawls go through the batching writer).
    pub fn upsert_posting(
        &mut self,
        source: &str,
        posting: &Posting,
        skills: &[SkillHit],
        fetch_url: &str,
    ) -> Result<Upsert> {
        let facts = crate::sources::posting_facts(
            posting.raw_format,
            &posting.raw,
            posting.title.as_deref(),
            &posting.description,
        );
        let job = JobText::new(posting.company.as_deref(), posting.title.as_deref(), &posting.description);
        let tx = self.conn_mut().transaction()?;
        let mut linker = Linker::default();
        linker.begin(&tx)?;
        let outcome =
            upsert(&tx, &mut linker, source, posting, (skills.to_vec(), &facts, job), fetch_url, &super::now_utc())?;
        linker.settle(&tx)?;
        flush_search_index(&tx)?;
        tx.commit()?;
        Ok(outcome)
    }
}

/// A stored posting, as `explain` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosting {
    pub id: i64,
    pub source: String,
    pub external_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub posted_at: Option<String>,
    pub description: String,
}

/// The text of a posting, for re-extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingText {
    pub id: i64,
    pub title: Option<String>,
    pub description: String,
    /// The raw payload's format (how to read the posting), and the payload
    /// when its format can carry structured pay (else empty).
    pub raw: Option<(String, String)>,
}

impl super::Store {
    /// One posting by its row id.
    pub fn posting(&self, id: i64) -> Result<Option<StoredPosting>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, source, external_id, url, title, company, posted_at, description FROM postings WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredPosting {
                        id: r.get(0)?,
                        source: r.get(1)?,
                        external_id: r.get(2)?,
                        url: r.get(3)?,
                        title: r.get(4)?,
                        company: r.get(5)?,
                        posted_at: r.get(6)?,
                        description: r.get(7)?,
                    })
                },
            )
            .optional()?)
    }

    /// The raw payload a posting was parsed from: (format, payload).
    pub fn posting_raw(&self, id: i64) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT r.format, r.payload, p.description FROM posting_raw AS r JOIN postings AS p ON p.id = r.posting_id
                 WHERE r.posting_id = ?1",
                [id],
                |r| Ok((r.get(0)?, super::payload::decode_or_warn(r.get_ref(1)?, &r.get::<_, String>(2)?, id))),
            )
            .optional()?)
    }

    /// The stored skills of one posting, by skill id.
    pub fn posting_skill_rows(&self, posting_id: i64) -> Result<Vec<SkillHit>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT skill_id, mentions, first_offset FROM posting_skills WHERE posting_id = ?1 ORDER BY skill_id",
        )?;
        let rows = stmt.query_map([posting_id], |r| {
            Ok(SkillHit {
                skill_id: r.get(0)?,
                mentions: r.get::<_, i64>(1)?.max(0) as u32,
                first_offset: r.get::<_, Option<i64>>(2)?.map(|o| o.max(0) as usize),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` postings with an id above `after`, in id order.
    pub fn posting_texts_after(&self, after: i64, limit: usize) -> Result<Vec<PostingText>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.title, p.description, r.format,
                    CASE WHEN r.format IN ('jsonld', 'lever-posting', 'ashby-job', 'greenhouse-job')
                         THEN r.payload ELSE '' END
             FROM postings AS p LEFT JOIN posting_raw AS r ON r.posting_id = p.id
             WHERE p.id > ?1 ORDER BY p.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            let (id, description): (i64, String) = (r.get(0)?, r.get(2)?);
            let format: Option<String> = r.get(3)?;
            let payload = super::payload::decode_or_warn(r.get_ref(4)?, &description, id);
            Ok(PostingText { id, title: r.get(1)?, description, raw: format.map(|f| (f, payload)) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored skills of postings `first..=last`, by posting id.
    pub fn skills_in_range(&self, first: i64, last: i64) -> Result<std::collections::HashMap<i64, Vec<SkillHit>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT posting_id, skill_id, mentions, first_offset FROM posting_skills
             WHERE posting_id BETWEEN ?1 AND ?2 ORDER BY posting_id, skill_id",
        )?;
        let mut out: std::collections::HashMap<i64, Vec<SkillHit>> = std::collections::HashMap::new();
        let rows = stmt.query_map(params![first, last], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SkillHit {
                    skill_id: r.get(1)?,
                    mentions: r.get::<_, i64>(2)?.max(0) as u32,
                    first_offset: r.get::<_, Option<i64>>(3)?.map(|o| o.max(0) as usize),
                },
            ))
        })?;
        for row in rows {
            let (id, hit) = row?;
            out.entry(id).or_default().push(hit);
        }
        Ok(out)
    }

    /// Replaces the skills of some postings, in one transaction.
    pub fn replace_skills(&mut self, changes: &[(i64, Vec<SkillHit>)]) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        for (id, hits) in changes {
            tx.prepare_cached("DELETE FROM posting_skills WHERE posting_id = ?1")?.execute([id])?;
            insert_skills(&tx, *id, hits)?;
        }
        tx.commit()?;
        Ok(())
    }
}
