//! Helpers shared by the integration tests: the real binary in an isolated
//! environment, local HTTP servers, temporary databases.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use skilltrend::demo::server::{Running, StaticSite, serve};

/// The `skilltrend` binary with a clean environment: no inherited
/// SKILLTREND_* variables, logs at their default level, a temp HOME.
pub fn skilltrend(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("skilltrend").expect("the binary is built");
    cmd.env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default()).env("HOME", dir).current_dir(dir);
    cmd
}

/// A fixture directory under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

/// A local server on its own runtime thread, alive as long as the value.
pub struct Server {
    pub running: Running,
    _rt: tokio::runtime::Runtime,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }
}

/// Serves a fixture directory on 127.0.0.1.
pub fn serve_fixture(rel: &str) -> Server {
    serve_site(StaticSite::from_disk(&fixture(rel)).expect("fixture directory"))
}

/// Serves a site on 127.0.0.1.
pub fn serve_site(site: StaticSite) -> Server {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let running = rt.block_on(serve(site)).expect("server starts");
    Server { running, _rt: rt }
}

/// Opens a database the way a researcher would, with rusqlite.
pub fn open_db(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("database opens")
}

/// One column of a query's rows as strings.
pub fn strings(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

/// Every posting's raw payload as skilltrend reads it back (decompressed):
/// (external id, format, payload).
pub fn payloads(db: &Path) -> Vec<(String, String, String)> {
    let ids: Vec<(i64, String)> = {
        let conn = open_db(db);
        let mut stmt = conn.prepare("SELECT id, external_id FROM postings ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let store = skilltrend::store::Store::open_read_only(db).unwrap();
    ids.into_iter()
        .filter_map(|(id, ext)| store.posting_raw(id).unwrap().map(|(format, payload)| (ext, format, payload)))
        .collect()
}

/// The payload of the posting with this external id.
pub fn payload_of(db: &Path, external_id: &str) -> (String, String) {
    payloads(db)
        .into_iter()
        .find(|(ext, _, _)| ext == external_id)
        .map(|(_, format, payload)| (format, payload))
        .expect("a stored payload")
}

/// A count.
pub fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A stored posting, as a researcher reads it back.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub remote: Option<i64>,
    pub posted_at: Option<String>,
    pub skills: String,
}

/// A [`Row`] from its fields ("" for none).
pub fn row(
    id: &str,
    title: &str,
    company: &str,
    location: &str,
    remote: Option<i64>,
    posted: &str,
    skills: &str,
) -> Row {
    let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Row {
        id: id.into(),
        title: o(title),
        company: o(company),
        location: o(location),
        remote,
        posted_at: o(posted),
        skills: skills.into(),
    }
}

/// A source's stored postings, by external id.
pub fn rows(db: &Path, source: &str) -> Vec<Row> {
    let conn = open_db(db);
    let mut stmt = conn
        .prepare(
            "SELECT external_id, title, company, location, remote, posted_at,
                    (SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills WHERE posting_id = p.id ORDER BY skill_id))
             FROM postings p WHERE source = ?1 ORDER BY external_id",
        )
        .unwrap();
    stmt.query_map([source], |r| {
        Ok(Row {
            id: r.get(0)?,
            title: r.get(1)?,
            company: r.get(2)?,
            location: r.get(3)?,
            remote: r.get(4)?,
            posted_at: r.get(5)?,
            skills: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// A database as skilltrend's schema `version` made it: the released
/// migrations 0001..=`version` of `src/store/migrations/`, applied in
/// order, and `user_version` set, as an older binary would leave it.
pub fn database_at_schema(db: &Path, version: usize) -> rusqlite::Connection {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the migrations folder")
        .map(|e| e.expect("a migration file").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    assert!(files.len() >= version, "schema {version} is newer than the migrations");
    let conn = rusqlite::Connection::open(db).expect("the database opens");
    for file in &files[..version] {
        conn.execute_batch(&std::fs::read_to_string(file).expect("a migration")).expect("the migration runs");
    }
    conn.pragma_update(None, "user_version", i64::try_from(version).expect("a small version")).expect("user_version");
    conn
}
