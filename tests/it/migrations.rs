//! Databases made by other skilltrend versions: an older one is migrated in
//! place (in one transaction) with all its data; a newer one is refused.

use crate::common::{count, open_db, skilltrend, strings};

#[test]
fn an_older_database_is_migrated_in_place_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    // A database as skilltrend's first schema made it.
    let conn = crate::common::database_at_schema(&db, 1);
    conn.execute_batch(
        "INSERT INTO skills (id, name, category) VALUES ('python', 'Python', 'language'), ('sql', 'SQL', 'language');
         INSERT INTO postings (id, source, external_id, title, remote, posted_at, first_seen_at, last_seen_at,
                               description, content_hash)
           VALUES (1, 'hn', '42', 'Backend', 1, '2024-03-05T10:00:00Z', '2024-03-05T11:00:00Z', '2024-03-05T11:00:00Z',
                   'Python and SQL', 'x'),
                  (2, 'hn', '43', 'Data', NULL, '2024-03-09T10:00:00Z', '2024-03-09T11:00:00Z', '2024-03-09T11:00:00Z',
                   'Python only', 'y');
         INSERT INTO posting_skills (posting_id, skill_id, mentions, first_offset)
           VALUES (1, 'python', 1, 0), (1, 'sql', 1, 11), (2, 'python', 1, 0);",
    )
    .unwrap();
    drop(conn);

    let out = skilltrend(dir.path())
        .args(["--db", "old.db", "report", "--skills", "python,sql", "--format", "csv", "--until", "2024-03"])
        .assert()
        .success()
        .get_output()
        .clone();
    // A read command that migrates the file says so.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("old.db: migrated from schema version 1 to"), "{err}");
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("2024-03,python,2,2,1.000000") && csv.contains("2024-03,sql,1,2,0.500000"), "{csv}");
    let conn = open_db(&db);
    assert_eq!(count(&conn, "PRAGMA user_version"), skilltrend::store::SCHEMA_VERSION as i64);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings"), 2);
    // The new columns were filled from the old rows; the search index too.
    assert_eq!(strings(&conn, "SELECT DISTINCT dated FROM posting_skills ORDER BY 1"), ["2024-03-05", "2024-03-09"]);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH 'only'"), 1);
    assert_eq!(
        strings(&conn, "SELECT coalesce(workplace, 'unstated') FROM postings ORDER BY id"),
        ["remote", "unstated"]
    );
    assert_eq!(strings(&conn, "PRAGMA integrity_check"), ["ok"]);
}

/// A database as schema 11 (before the smaller search index) made it,
/// with two postings: one filed for job linking, one not.
fn schema_11_database(db: &std::path::Path) {
    let conn = crate::common::database_at_schema(db, 11);
    conn.execute_batch(
        "INSERT INTO postings (id, source, external_id, title, company, posted_at, first_seen_at, last_seen_at,
                               description, content_hash, role_mask, job_id, job_first)
           VALUES (1, 'hn', '42', 'Backend', 'Acme', '2024-03-05T10:00:00Z', '2024-03-05T11:00:00Z',
                   '2024-03-05T11:00:00Z', 'Rust, and visa sponsorship for the right person', 'x', 1, 1, 1),
                  (2, 'hn', '43', 'Data', 'Acme', '2024-04-09T10:00:00Z', '2024-04-09T11:00:00Z',
                   '2024-04-09T11:00:00Z', 'Python; a visa for the sponsorship team', 'y', 1, 1, 0);
         INSERT INTO postings_fts (postings_fts) VALUES ('rebuild');
         DELETE FROM fts_pending;
         INSERT INTO job_blocks (key, job_id, posting_id) VALUES (7, 1, 1);
         INSERT INTO job_signatures (posting_id, signature) VALUES (1, zeroblob(128)), (2, zeroblob(128));",
    )
    .unwrap();
}

#[test]
fn a_schema_11_database_gets_the_smaller_search_index_with_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    schema_11_database(&db);
    let search = |expr: &str| {
        let out = skilltrend(dir.path()).args(["--db", "old.db", "search", expr]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // A phrase finds the posting that has it, not the one with both words apart.
    let phrase = search("\"visa sponsorship\"");
    assert!(phrase.contains("Backend") && !phrase.contains("Data"), "{phrase}");
    let both = search("visa AND sponsorship");
    assert!(both.contains("Backend") && both.contains("Data"), "{both}");
    assert!(search("company:acme AND title:data").contains("Data"));
    let conn = open_db(&db);
    assert_eq!(count(&conn, "PRAGMA user_version"), skilltrend::store::SCHEMA_VERSION as i64);
    // The description is the index's first column; the others keep their names.
    assert_eq!(
        strings(&conn, "SELECT name FROM pragma_table_info('postings_fts')"),
        ["description", "title", "company"]
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH 'sponsorship'"), 2);
    // Only the filed posting, the only one ever compared with, keeps its signature.
    assert_eq!(strings(&conn, "SELECT CAST(posting_id AS TEXT) FROM job_signatures"), ["1"]);
    assert_eq!(
        strings(&conn, "INSERT INTO postings_fts (postings_fts) VALUES ('integrity-check') RETURNING 'ok'"),
        ["ok"]
    );
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let conn = open_db(&dir.path().join("skilltrend-demo.db"));
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    for args in [&["report"][..], &["top"][..], &["query", "SELECT 1"][..]] {
        let mut all = vec!["--db", "skilltrend-demo.db"];
        all.extend_from_slice(args);
        let out = skilltrend(dir.path()).args(&all).assert().code(1).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("newer than this skilltrend"), "{args:?}: {err}");
    }
    assert_eq!(count(&open_db(&dir.path().join("skilltrend-demo.db")), "PRAGMA user_version"), 999);
}

#[test]
fn a_current_database_is_opened_without_a_migration_notice() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let out = skilltrend(dir.path())
        .args(["--db", "skilltrend-demo.db", "report", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("migrated"), "{err}");
}
