//! Schema migrations: numbered `.sql` files in `migrations/`, applied in
//! order, all pending ones in one transaction, tracked in `PRAGMA
//! user_version`. Files are only ever added, never edited.

use anyhow::{Context, Result};
use rusqlite::Connection;

/// The migrations, in order. The schema version is their count.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("migrations/0001_initial.sql")),
    ("0002_skill_series", include_str!("migrations/0002_skill_series.sql")),
    ("0003_views_and_search", include_str!("migrations/0003_views_and_search.sql")),
    ("0004_skills_by_day", include_str!("migrations/0004_skills_by_day.sql")),
    ("0005_search_index_batched", include_str!("migrations/0005_search_index_batched.sql")),
    ("0006_roles_and_pay", include_str!("migrations/0006_roles_and_pay.sql")),
    ("0007_fast_reports", include_str!("migrations/0007_fast_reports.sql")),
    ("0008_views_with_zeros", include_str!("migrations/0008_views_with_zeros.sql")),
    ("0009_workplace", include_str!("migrations/0009_workplace.sql")),
    ("0010_smaller_database", include_str!("migrations/0010_smaller_database.sql")),
    ("0011_jobs", include_str!("migrations/0011_jobs.sql")),
    ("0012_smaller_search_index", include_str!("migrations/0012_smaller_search_index.sql")),
    ("0013_company_and_workplace_indexed", include_str!("migrations/0013_company_and_workplace_indexed.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// A database written by a newer skilltrend than this one.
#[derive(Debug, thiserror::Error)]
#[error(
    "database schema version {found} is newer than this skilltrend understands (version {SCHEMA_VERSION}); \
     upgrade skilltrend to use this database"
)]
pub struct SchemaTooNew {
    pub found: usize,
}

fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(usize::MAX))
}

/// Applies every pending migration in a single transaction; returns the
/// version it started from when an existing database was migrated.
pub(super) fn migrate(conn: &mut Connection) -> Result<Option<usize>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let current = user_version(&tx)?;
    if current > SCHEMA_VERSION {
        return Err(SchemaTooNew { found: current }.into());
    }
    for (name, sql) in &MIGRATIONS[current..] {
        tx.execute_batch(sql).with_context(|| format!("migration {name} failed"))?;
    }
    if current < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION as i64)?;
    }
    tx.commit()?;
    Ok((current > 0 && current < SCHEMA_VERSION).then_some(current))
}

/// Whether the database at `path` has an older schema than this build's.
pub(super) fn needs_migration(path: &std::path::Path) -> Result<bool> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(user_version(&conn)? < SCHEMA_VERSION)
}

/// Checks that a database opened read-only can be read by this build.
pub(super) fn check_readable(conn: &Connection) -> Result<()> {
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(SchemaTooNew { found: current }.into());
    }
    if current < SCHEMA_VERSION {
        anyhow::bail!(
            "database schema version {current} is older than this skilltrend's ({SCHEMA_VERSION}); \
             run any writing command (e.g. `skilltrend crawl`) once to migrate it"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", (SCHEMA_VERSION + 1) as i64).unwrap();
        drop(conn);
        let err = crate::store::Store::open(&path).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("newer than this skilltrend"), "{msg}");
        assert!(err.chain().any(|e| e.downcast_ref::<SchemaTooNew>().is_some()));
    }
}
