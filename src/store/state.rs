//! What crawls remember between runs: HTTP validators per URL (with the
//! requests each page led to) and per-source key/value state.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, params};

use super::Store;

/// The validators and follow-ups stored for one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheEntry {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// JSON array of the requests the page led to.
    pub follow: Option<String>,
}

impl Store {
    /// Every cached URL of a source.
    pub fn load_http_cache(&self, source: &str) -> Result<HashMap<String, CacheEntry>> {
        let mut stmt =
            self.conn().prepare("SELECT url, etag, last_modified, follow FROM http_cache WHERE source = ?1")?;
        let rows = stmt.query_map([source], |r| {
            Ok((r.get::<_, String>(0)?, CacheEntry { etag: r.get(1)?, last_modified: r.get(2)?, follow: r.get(3)? }))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every state value of a source.
    pub fn load_source_state(&self, source: &str) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn().prepare("SELECT key, value FROM source_state WHERE source = ?1")?;
        let rows = stmt.query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Stores a URL's validators and follow-ups.
pub(crate) fn save_cache_entry(
    conn: &Connection,
    source: &str,
    url: &str,
    entry: &CacheEntry,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO http_cache (source, url, etag, last_modified, follow, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (source, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
             follow = excluded.follow, fetched_at = excluded.fetched_at",
    )?
    .execute(params![source, url, entry.etag, entry.last_modified, entry.follow, now])?;
    Ok(())
}

/// Forgets a URL's validators and follow-ups.
pub(crate) fn delete_cache_entry(conn: &Connection, source: &str, url: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM http_cache WHERE source = ?1 AND url = ?2")?.execute(params![source, url])?;
    Ok(())
}

/// Stores one state value of a source.
pub(crate) fn save_state(conn: &Connection, source: &str, key: &str, value: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO source_state (source, key, value, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![source, key, value, now])?;
    Ok(())
}
