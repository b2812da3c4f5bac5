//! One crawl per database at a time: an OS file lock next to the database,
//! released by the OS when the process ends (so a killed crawl never leaves
//! it stuck).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Held for the duration of a crawl.
#[derive(Debug)]
pub struct CrawlLock {
    _file: File,
    path: PathBuf,
}

impl CrawlLock {
    /// The lock file of a database: `jobs.db` -> `jobs.db.lock`.
    pub fn path_for(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock, or fails at once if another crawl holds it.
    pub fn acquire(db: &Path) -> Result<CrawlLock> {
        let path = Self::path_for(db);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(CrawlLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => bail!(
                "another crawl is already running on {} (it holds {}); wait for it to finish",
                db.display(),
                path.display()
            ),
            Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jobs.db");
        let first = CrawlLock::acquire(&db).unwrap();
        let err = CrawlLock::acquire(&db).unwrap_err().to_string();
        assert!(err.contains("another crawl is already running"), "{err}");
        drop(first);
        CrawlLock::acquire(&db).unwrap();
    }
}
