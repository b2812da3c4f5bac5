//! SQLite storage: the schema (add-only migrations), postings and their
//! skills, crawl runs, the HTTP cache, and the report queries. The only
//! module (with `queries/`) that knows SQL.

pub mod breakdown;
pub mod cooccur;
pub mod coverage;
pub mod facts;
mod job_cache;
pub mod jobs;
pub mod library;
mod migrate;
pub mod payload;
pub mod population;
pub mod postings;
pub mod query;
pub mod reports;
pub mod runs;
pub mod site;
pub mod state;
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::extract::{EXTRACTOR_VERSION, Taxonomy};

pub use migrate::{SCHEMA_VERSION, SchemaTooNew};

/// How long a connection waits for a lock held by another before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open skilltrend database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    writable: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) a database for writing, and brings its
    /// schema up to date in one transaction.
    pub fn open(path: &Path) -> Result<Store> {
        check_database_file(path, false)?;
        Store::open_checked(path).map_err(|e| not_a_database(path, e))
    }

    fn open_checked(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path).with_context(|| format!("cannot open database {}", path.display()))?;
        configure(&conn, false).with_context(|| format!("cannot configure database {}", path.display()))?;
        let from =
            migrate::migrate(&mut conn).with_context(|| format!("cannot prepare database {}", path.display()))?;
        if let Some(from) = from {
            tracing::warn!("{}: migrated from schema version {from} to {SCHEMA_VERSION}", path.display());
        }
        if facts::any_missing(&conn)? {
            let n = facts::fill_missing(&mut conn)
                .with_context(|| format!("cannot classify the postings of {}", path.display()))?;
            tracing::warn!("{}: roles, seniority and pay filled in for {n} stored postings", path.display());
        }
        if jobs::any_unlinked(&conn)? {
            let n = jobs::fill_missing(&mut conn)
                .with_context(|| format!("cannot link the postings of {} to jobs", path.display()))?;
            tracing::warn!("{}: {n} stored postings linked to their jobs", path.display());
        }
        Ok(Store { conn, path: path.to_path_buf(), writable: true })
    }

    /// Opens an existing database for writing (an error when there is none).
    pub fn open_existing(path: &Path) -> Result<Store> {
        check_database_file(path, true)?;
        Store::open(path)
    }

    /// Opens an existing database read-only: nothing done through it can
    /// modify the file.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        check_database_file(path, true)?;
        Store::open_read_only_checked(path).map_err(|e| not_a_database(path, e))
    }

    fn open_read_only_checked(path: &Path) -> Result<Store> {
        // A database from an older skilltrend is brought up to date first
        // (in one transaction, said on stderr), when the file can be written.
        let writable = std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly());
        if writable && migrate::needs_migration(path)? {
            drop(Store::open(path)?);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open database {}", path.display()))?;
        configure(&conn, true)?;
        migrate::check_readable(&conn).with_context(|| format!("cannot read database {}", path.display()))?;
        Ok(Store { conn, path: path.to_path_buf(), writable: false })
    }

    /// Another read-only connection to the same file, for running parts of
    /// one report at once on other cores. None while this connection holds
    /// a transaction, whose writes the other would not see.
    pub fn another_reader(&self) -> Result<Option<Store>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open database {} a second time", self.path.display()))?;
        configure(&conn, true)?;
        Ok(Some(Store { conn, path: self.path.clone(), writable: false }))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection (for the other store modules).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Records the taxonomy's skills and roll-up closure, and returns the
    /// taxonomy hash the database's rows were extracted with before (if it
    /// differs from this one).
    pub fn sync_taxonomy(&mut self, taxonomy: &Taxonomy) -> Result<Option<String>> {
        let tx = self.conn.transaction()?;
        {
            let mut upsert = tx.prepare(
                "INSERT INTO skills (id, name, category) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category
                 WHERE name IS NOT excluded.name OR category IS NOT excluded.category",
            )?;
            for s in &taxonomy.skills {
                upsert.execute(params![s.id, s.name, s.category.as_str()])?;
            }
            tx.execute("DELETE FROM skill_implies", [])?;
            let mut edge = tx.prepare("INSERT INTO skill_implies (skill_id, implied_id) VALUES (?1, ?2)")?;
            for s in &taxonomy.skills {
                for implied in taxonomy.implied_closure([s.id.as_str()]) {
                    edge.execute(params![s.id, implied])?;
                }
            }
        }
        let previous: Option<String> =
            tx.query_row("SELECT value FROM meta WHERE key = 'taxonomy_hash'", [], |r| r.get(0)).optional()?;
        let has_rows: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM posting_skills)", [], |r| r.get(0))?;
        if previous.is_none() || !has_rows {
            set_meta(&tx, "taxonomy_hash", &taxonomy.hash)?;
            set_meta(&tx, "extractor_version", &EXTRACTOR_VERSION.to_string())?;
        }
        tx.commit()?;
        Ok(previous.filter(|p| has_rows && p != &taxonomy.hash))
    }

    /// Marks the database's rows as extracted by this taxonomy and extractor.
    pub fn record_extraction(&self, taxonomy: &Taxonomy) -> Result<()> {
        set_meta(&self.conn, "taxonomy_hash", &taxonomy.hash)?;
        set_meta(&self.conn, "extractor_version", &EXTRACTOR_VERSION.to_string())?;
        Ok(())
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

impl Drop for Store {
    /// A writer leaves the database file self-contained: the WAL is copied
    /// into it and truncated. (Closing does not checkpoint by itself: that
    /// would take an exclusive lock a concurrent `sqlite3` could trip over.)
    fn drop(&mut self) {
        if self.writable {
            let _ = self.conn.busy_timeout(Duration::from_secs(2));
            if let Err(e) = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())) {
                tracing::debug!("final checkpoint of {}: {e}", self.path.display());
            }
        }
    }
}

/// A clear error (bad input, exit code 2) for a path that cannot be a
/// database: a directory, or (for readers) nothing. Only metadata is
/// read: opening and closing the file here would drop the POSIX locks of
/// this process's SQLite connections to it.
pub(crate) fn check_database_file(path: &Path, must_exist: bool) -> Result<()> {
    let bad = |why: &str| Err(crate::InputError(format!("{} {why}", path.display())).into());
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
        let why = if folder.exists() { "is not a folder" } else { "does not exist" };
        return Err(
            crate::InputError(format!("cannot use {}: the folder {} {why}", path.display(), folder.display())).into()
        );
    }
    if path.is_dir() {
        return bad("is a directory, not a database file");
    }
    if must_exist && !path.exists() {
        return bad("does not exist (run `skilltrend crawl` or `skilltrend demo` first)");
    }
    Ok(())
}

/// "file is not a database" from SQLite, as bad input naming the file.
fn not_a_database(path: &Path, e: anyhow::Error) -> anyhow::Error {
    let is_not_db = e.chain().any(|c| {
        matches!(c.downcast_ref::<rusqlite::Error>(), Some(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase)
    });
    if is_not_db { crate::InputError(format!("{} is not a SQLite database", path.display())).into() } else { e }
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Statements kept prepared per connection (see `configure`).
const STATEMENT_CACHE: usize = 256;

/// Pragmas every connection gets: WAL (readers never block the writer),
/// foreign keys, a busy timeout instead of "database is locked".
fn configure(conn: &Connection, read_only: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The writer's path alone uses more than rusqlite's default of 16
    // cached statements; past the cache's size each one would be parsed
    // again for every posting.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "foreign_keys", true)?;
    // Closing never takes an exclusive lock (a concurrent `sqlite3` without
    // a busy timeout would trip over it); writers checkpoint by hand on drop.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    if !read_only {
        // A new database gets 16 KiB pages: postings of 1–3 KB leave a third
        // of a 4 KiB page empty, a twentieth of a 16 KiB one (184 → 158 MB
        // on 72 HN months). An existing file keeps its page size.
        conn.pragma_update(None, "page_size", 16384)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!("database journal mode is {mode}, not WAL");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Statement journals stay in memory instead of temp files.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A 32 MB page cache: the job links' lookups (blocking keys,
        // signatures) revisit the same pages for every posting.
        conn.pragma_update(None, "cache_size", -32768)?;
        // A writer's statements keep the plan they were prepared with: else
        // SQLite prepares a statement again whenever a bound value might
        // change whether a partial index applies, which on the crawl's
        // writer was a tenth of its time.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    } else {
        configure_reader(conn)?;
    }
    Ok(())
}

/// A report's connection: its sorts and `count(DISTINCT)` b-trees (millions
/// of rows on a large database) stay in memory instead of spilling to
/// temporary files.
fn configure_reader(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // The page cache, which also bounds a sort's memory before it spills
    // (64 MB; pages are allocated only as they are read).
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}

/// The current time as ISO 8601 UTC with seconds (`2026-11-25T14:03:07Z`).
pub fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_migrates_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        let v: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION as i64);
        let tax = Taxonomy::builtin();
        assert_eq!(store.sync_taxonomy(&tax).unwrap(), None);
        let n: i64 = store.conn().query_row("SELECT count(*) FROM skills", [], |r| r.get(0)).unwrap();
        assert_eq!(n as usize, tax.skills.len());
        drop(store);
        let ro = Store::open_read_only(&path).unwrap();
        let mode: String = ro.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        assert!(ro.conn().execute("DELETE FROM skills", []).is_err(), "read-only connection wrote");
    }
}
