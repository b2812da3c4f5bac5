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
            remote: (i == 0).then_some(true),
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
    assert_eq!(columns.len(), 22, "{columns:?}");
    for c in ["id", "day", "skills", "roles", "seniority", "pay_annual_min", "pay_currency", "remote", "description"] {
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
