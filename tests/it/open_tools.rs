//! A database every tool opens: `export --format parquet` read back with the
//! parquet crate's own reader, the shipped Datasette metadata checked
//! against a fresh database and the query library, and Datasette itself
//! serving a database the real binary made (CI installs a pinned Datasette
//! and sets SKILLTREND_REQUIRE_DATASETTE=1; elsewhere that half is skipped,
//! loudly, when `datasette` is missing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::common::{count, open_db, skilltrend};
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// (day, source, company, title, text) of each posting.
const POSTINGS: &[(&str, &str, &str, &str, &str)] = &[
    ("2025-01-05", "a", "Acme", "Senior Backend Engineer", "Python, Kafka and SQL. $150,000 - $180,000 a year."),
    ("2025-02-11", "b", "Globex", "Frontend Developer", "React and TypeScript."),
    ("2025-03-30", "b", "Initech", "Office manager", "Keeps the office running."),
];

/// A database of [`POSTINGS`] written through the library.
fn build(dir: &Path) -> PathBuf {
    let db = dir.join("jobs.db");
    let extractor = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(&db).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for (i, (day, source, company, title, text)) in POSTINGS.iter().enumerate() {
        let p = Posting {
            external_id: format!("p{i}"),
            company: Some(company.to_string()),
            title: Some(title.to_string()),
            workplace: (i == 0).then_some(skilltrend::sources::Workplace::Remote),
            posted_at: Some(format!("{day}T09:00:00Z")),
            description: text.to_string(),
            raw_format: "test",
            raw: String::new(),
            ..Posting::default()
        };
        store
            .upsert_posting(source, &p, &extractor.posting_skills(p.title.as_deref(), text), "http://127.0.0.1/")
            .unwrap();
    }
    db
}

/// Every row of a Parquet file as column name → field.
fn read_parquet(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, Field>>) {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let names = schema.root_schema().get_fields().iter().map(|f| f.name().to_string()).collect();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().get_column_iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .collect();
    (names, rows)
}

/// A list field's strings.
fn list(field: &Field) -> Vec<String> {
    match field {
        Field::ListInternal(l) => l.elements().iter().map(|e| e.to_string().trim_matches('"').to_string()).collect(),
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn parquet_export_holds_every_posting_with_lists_and_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    skilltrend(dir.path())
        .args(["--db", "jobs.db", "export", "--format", "parquet", "--out", "p.parquet"])
        .assert()
        .success();
    let (columns, rows) = read_parquet(&dir.path().join("p.parquet"));
    assert_eq!(columns.len(), 23, "{columns:?}");
    for c in [
        "id",
        "day",
        "skills",
        "roles",
        "seniority",
        "pay_annual_min",
        "pay_currency",
        "remote",
        "workplace",
        "description",
    ] {
        assert!(columns.iter().any(|n| n == c), "no column {c} in {columns:?}");
    }
    assert_eq!(rows.len(), POSTINGS.len());
    let first = &rows[0];
    assert_eq!(first["company"], Field::Str("Acme".into()));
    assert_eq!(list(&first["skills"]), ["kafka", "python", "sql"]);
    assert_eq!(list(&first["roles"]), ["backend"]);
    assert_eq!(list(&first["seniority"]), ["senior"]);
    assert_eq!(first["pay_annual_min"], Field::Double(150_000.0));
    assert_eq!(first["pay_currency"], Field::Str("USD".into()));
    assert_eq!(first["remote"], Field::Bool(true));
    assert_eq!(first["workplace"], Field::Str("remote".into()));
    assert_eq!(first["day"].to_string(), "2025-01-05");
    let last = &rows[2];
    assert_eq!(list(&last["skills"]), Vec::<String>::new());
    assert_eq!(last["pay_annual_min"], Field::Null);
    assert_eq!(last["remote"], Field::Null);

    // A selection and no description.
    let args = ["export", "--format", "parquet", "--source", "b", "--no-description", "--out", "b.parquet"];
    skilltrend(dir.path()).arg("--db").arg("jobs.db").args(args).assert().success();
    let (columns, rows) = read_parquet(&dir.path().join("b.parquet"));
    assert!(!columns.iter().any(|c| c == "description"));
    assert_eq!(rows.len(), 2);
}

#[test]
fn parquet_long_table_has_one_row_per_mention() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path());
    let args = ["export", "--format", "parquet", "--table", "posting_skills", "--out", "ps.parquet"];
    skilltrend(dir.path()).arg("--db").arg("jobs.db").args(args).assert().success();
    let (columns, rows) = read_parquet(&dir.path().join("ps.parquet"));
    assert_eq!(columns, ["posting_id", "skill_id", "skill", "category", "mentions", "first_offset", "day", "source"]);
    assert_eq!(rows.len() as i64, count(&open_db(&db), "SELECT count(*) FROM posting_skills"));
    let kafka = rows.iter().find(|r| r["skill_id"] == Field::Str("kafka".into())).expect("kafka is a mention");
    assert_eq!(kafka["skill"], Field::Str("Kafka".into()));
    assert_eq!(kafka["mentions"], Field::Long(1));
    assert_eq!(kafka["first_offset"], Field::Long(8));
    assert_eq!(kafka["source"], Field::Str("a".into()));
    assert_eq!(kafka["day"].to_string(), "2025-01-05");

    // Parquet needs a file; the long table also comes as CSV.
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "export", "--format", "parquet"]).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--out"));
    let csv =
        skilltrend(dir.path()).args(["--db", "jobs.db", "export", "--table", "posting_skills"]).assert().success();
    let csv = String::from_utf8_lossy(&csv.get_output().stdout).to_string();
    assert_eq!(csv.lines().next(), Some("posting_id,skill_id,skill,category,mentions,first_offset,day,source"));
    assert_eq!(csv.lines().count(), rows.len() + 1);
    assert!(csv.contains("\n1,kafka,Kafka,"), "{csv}");
}

/// The shipped Datasette metadata.
fn metadata() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasette/metadata.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("datasette/metadata.json is JSON")
}

/// Every table and view of a fresh database (FTS5's own tables left out,
/// as Datasette hides them) with its columns, generated ones included.
fn schema_of(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = open_db(db);
    let names = crate::common::strings(
        &conn,
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE 'postings_fts_%' ORDER BY name",
    );
    names
        .into_iter()
        .map(|name| {
            let sql = format!("SELECT name FROM pragma_table_xinfo('{name}') WHERE hidden != 1 ORDER BY cid");
            let columns = crate::common::strings(&conn, &sql);
            (name, columns)
        })
        .collect()
}

#[test]
fn datasette_metadata_describes_every_table_view_and_column_and_ships_the_query_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    drop(Store::open(&db).unwrap());
    let meta = metadata();
    let jobs = &meta["databases"]["jobs"];
    let tables = jobs["tables"].as_object().expect("databases.jobs.tables");
    let schema = schema_of(&db);
    let described: Vec<&String> = tables.keys().collect();
    assert_eq!(described, schema.keys().collect::<Vec<_>>(), "the tables and views described are not the database's");
    for (name, columns) in &schema {
        let table = &tables[name];
        assert!(table["description"].as_str().is_some_and(|d| !d.is_empty()), "{name} has no description");
        let meta_columns: Vec<&String> = table["columns"].as_object().expect("columns").keys().collect();
        let mut want: Vec<&String> = columns.iter().collect();
        want.sort();
        let mut got = meta_columns.clone();
        got.sort();
        assert_eq!(got, want, "the columns described for {name} are not its columns");
    }
    assert_eq!(tables["postings"]["fts_table"], "postings_fts");
    assert_eq!(tables["postings"]["fts_pk"], "id");

    // The canned queries are queries/, verbatim.
    let queries = jobs["queries"].as_object().expect("databases.jobs.queries");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".sql").to_string())
        .collect();
    files.sort();
    assert_eq!(queries.keys().cloned().collect::<Vec<_>>(), files, "the canned queries are not the files of queries/");
    for name in &files {
        let sql = std::fs::read_to_string(dir.join(format!("{name}.sql"))).unwrap();
        assert_eq!(
            queries[name]["sql"].as_str(),
            Some(sql.as_str()),
            "datasette/metadata.json's query {name} is not queries/{name}.sql: copy the file's text into it"
        );
    }
}

/// `datasette`, if installed; CI requires it (SKILLTREND_REQUIRE_DATASETTE).
fn datasette() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join("datasette")).find(|p| p.is_file()));
    if found.is_none() {
        assert!(
            std::env::var_os("SKILLTREND_REQUIRE_DATASETTE").is_none(),
            "datasette is required (SKILLTREND_REQUIRE_DATASETTE) but missing"
        );
        eprintln!("\n!!! datasette not found: the database was NOT served (pip install datasette==0.65.5) !!!\n");
    }
    found
}

/// A child process killed when dropped.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// GET over HTTP/1.0: the status and body, or None while nothing listens.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

/// GET a JSON document that must be there.
fn get_json(port: u16, path: &str) -> serde_json::Value {
    let (status, body) = get(port, path).unwrap_or_else(|| panic!("GET {path}: no answer"));
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
}

#[test]
fn datasette_serves_search_views_and_canned_queries_of_a_real_database() {
    let Some(datasette) = datasette() else { return };
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).args(["-q", "demo"]).assert().success();
    std::fs::rename(dir.path().join("skilltrend-demo.db"), dir.path().join("jobs.db")).unwrap();
    let db = dir.path().join("jobs.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasette/metadata.json");
    let child = std::process::Command::new(datasette)
        .arg("serve")
        .arg(&db)
        .arg("--metadata")
        .arg(&metadata)
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("datasette starts");
    let _guard = Killed(child);
    // Wait until it answers (it has a minute; the test asserts no timing).
    let ready = (0..600).any(|_| {
        get(port, "/-/versions.json").is_some_and(|(s, _)| s == 200)
            || (std::thread::sleep(std::time::Duration::from_millis(100)), false).1
    });
    assert!(ready, "datasette did not answer on port {port}");

    // The search box is the full-text index: exactly its matches.
    let conn = open_db(&db);
    let mut want: Vec<i64> = conn
        .prepare("SELECT rowid FROM postings_fts WHERE postings_fts MATCH 'kafka'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    want.sort();
    let total = count(&conn, "SELECT count(*) FROM postings");
    assert!(!want.is_empty() && (want.len() as i64) < total, "{} of {total}", want.len());
    let found = get_json(port, "/jobs/postings.json?_search=kafka&_col=title&_size=max&_shape=objects");
    let mut got: Vec<i64> = found["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    got.sort();
    assert_eq!(got, want, "?_search=kafka is not the postings that mention Kafka");

    // Every view serves rows, with the columns the metadata describes.
    for view in [
        "postings_periods",
        "posting_skill_names",
        "monthly_totals",
        "monthly_skill_shares",
        "backend_postings",
        "posting_facts",
    ] {
        let page = get_json(port, &format!("/jobs/{view}.json?_size=5&_shape=objects"));
        assert!(!page["rows"].as_array().unwrap().is_empty(), "{view} serves no rows");
    }
    // A canned query from queries/, with a parameter and without.
    let go = get_json(port, "/jobs/top_companies.json?skill=go&_shape=array");
    let go = go.as_array().unwrap();
    assert!(!go.is_empty() && go.iter().all(|r| r["skill"] == "go"), "{go:?}");
    let default = get_json(port, "/jobs/top_companies.json?_shape=array");
    assert!(default.as_array().unwrap().iter().all(|r| r["skill"] == "python"), "{default}");
}
