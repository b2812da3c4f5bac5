//! The extraction commands: `extract` (one document or JSON lines),
//! `skills`, `explain`, and `reextract` after a taxonomy change.

use crate::common::{count, open_db, skilltrend, strings};

#[test]
fn extract_answers_json_for_text_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let out = skilltrend(dir.path())
        .arg("extract")
        .write_stdin("We use Go, Python and MySQL; our go-to-market team is great.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"skills\":[\"go\",\"mysql\",\"python\"],\"implied\":[\"sql\"],\"roles\":[\"software\"],\"seniority\":[],\"pay\":null}\n"
    );
    // "We use Go…": a text that names no job is a software job of no
    // stated speciality (the contract's rule for HN comments).

    let html = dir.path().join("posting.html");
    std::fs::write(&html, "<ul><li>Django</li><li>T-SQL</li></ul><p>Apply at jobs.example.com/apply.php</p>").unwrap();
    let out =
        skilltrend(dir.path()).args(["extract", html.to_str().unwrap()]).assert().success().get_output().stdout.clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("{\"skills\":[\"django\",\"sql\",\"tsql\"],\"implied\":[\"mssql\",\"python\"],\"roles\":["),
    );
}

#[test]
fn extract_jsonl_answers_line_for_line_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = concat!(
        "{\"id\": 12345678901234567890123, \"text\": \"Java/JavaScript\"}\n",
        "{\"text\": \"PHP &amp; SQL\", \"id\": \"a-1\"}\n",
        "not json\n",
        "{\"id\": [1, 2], \"text\": 5}\n",
        "{\"id\": 4.50, \"text\": \"R&D only\"}\n",
        "{\"id\": 6, \"title\": \"Senior Backend Engineer\", \"text\": \"Go services. Pay: $150k-$200k. We raised $20M.\"}\n",
        "{\"id\": 7, \"title\": \"Account Executive\", \"text\": \"\"}\n"
    );
    let out = skilltrend(dir.path())
        .args(["extract", "--jsonl", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    // Ids are echoed byte for byte; errors name what is wrong.
    assert!(
        lines[0].starts_with("{\"id\":12345678901234567890123,\"skills\":[\"java\",\"javascript\"],\"implied\":[],")
    );
    assert!(lines[1].starts_with("{\"id\":\"a-1\",\"skills\":[\"php\",\"sql\"],\"implied\":[],"));
    assert_eq!(lines[2], "{\"id\":null,\"error\":\"not a JSON object: expected ident at line 1 column 2\"}");
    assert_eq!(lines[3], "{\"id\":[1, 2],\"error\":\"\\\"text\\\" is not a string\"}");
    assert!(lines[4].starts_with("{\"id\":4.50,\"skills\":[],\"implied\":[],"));
    // Roles, seniority and pay beside the skills; the title read as a title.
    let answer = |i: usize| serde_json::from_str::<serde_json::Value>(&lines[i]).unwrap();
    for i in [0, 1, 4] {
        let a = answer(i);
        assert!(a["roles"].is_array() && a["seniority"].is_array() && a["pay"].is_null(), "{a}");
    }
    assert_eq!(
        answer(5),
        serde_json::json!({"id": 6, "skills": ["go"], "implied": [], "roles": ["backend"], "seniority": ["senior"],
                           "pay": {"min": 150000.0, "max": 200000.0, "currency": "USD", "period": "year",
                                   "annual_min": 150000.0, "annual_max": 200000.0}})
    );
    assert_eq!(
        answer(6),
        serde_json::json!({"id": 7, "skills": [], "implied": [], "roles": ["other"], "seniority": [], "pay": null})
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 3:") && err.contains("line 4:") && !err.contains("line 5:"), "{err}");
}

#[test]
fn skills_lists_the_taxonomy() {
    let dir = tempfile::tempdir().unwrap();
    let out = skilltrend(dir.path())
        .args(["skills", "--category", "database"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().next().unwrap().starts_with("id"));
    assert!(text.lines().any(|l| l.starts_with("postgresql") && l.contains("postgres")));
    assert!(!text.lines().any(|l| l.starts_with("python ")), "only databases");
    let out =
        skilltrend(dir.path()).args(["skills", "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v.as_array().unwrap().len() >= 120);
    skilltrend(dir.path()).args(["skills", "--category", "nonsense"]).assert().code(2);
}

#[test]
fn skills_fits_80_columns_lists_presets_and_concepts() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = skilltrend(dir.path()).args(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    let table = run(&["skills"]);
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    let long = run(&["skills", "--long"]);
    assert!(long.lines().any(|l| l.chars().count() > 80));
    assert_eq!(long.lines().count(), table.lines().filter(|l| !l.starts_with(' ')).count());
    let presets = run(&["skills", "--presets"]);
    let flat = presets.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("@backend-core python, java, php, javascript, html, css, rest, sql, mysql, security @"),
        "{presets}"
    );
    for preset in ["@languages", "@databases", "@cloud"] {
        assert!(presets.lines().any(|l| l.starts_with(preset)), "{preset}: {presets}");
    }
    let concepts = run(&["skills", "--category", "concept", "--long"]);
    let ids: Vec<&str> = concepts.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    for id in ["security", "auth", "rest", "machine_learning", "nlp", "computer_vision", "distributed_systems"] {
        assert!(ids.contains(&id), "{id}: {concepts}");
    }
    assert!(!ids.contains(&"python"));
}

#[test]
fn explain_marks_mentions_and_says_why_forms_were_rejected() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let conn = open_db(&dir.path().join("skilltrend-demo.db"));
    // A board posting that mentions Python and carries the "Go-getters" trap.
    let id = count(
        &conn,
        "SELECT p.id FROM postings p JOIN posting_skills s ON s.posting_id = p.id AND s.skill_id = 'python'
         WHERE p.source = 'demo-board' AND p.description LIKE '%Go-getters%' ORDER BY p.id LIMIT 1",
    );
    let out = skilltrend(dir.path())
        .args(["--db", "skilltrend-demo.db", "explain", &id.to_string()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("→ python]"), "{text}");
    assert!(text.contains("\"Go\" (go)") && text.contains("followed by \"- getters\""), "{text}");
    assert!(text.contains("stored skills:") && text.contains("python ×"), "{text}");
    skilltrend(dir.path()).args(["--db", "skilltrend-demo.db", "explain", "999999"]).assert().code(2);
}

#[test]
fn reextract_applies_a_changed_taxonomy() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let db = dir.path().join("skilltrend-demo.db");
    let before = count(&open_db(&db), "SELECT count(*) FROM posting_skills WHERE skill_id = 'python'");
    // A taxonomy where Python is no longer recognised by its name.
    let builtin = skilltrend::extract::taxonomy::BUILTIN_TAXONOMY;
    let changed = builtin.replace("aliases = [\"python\", \"py3\", \"cpython\"]", "aliases = [\"py3\", \"cpython\"]");
    assert_ne!(changed, builtin);
    std::fs::write(dir.path().join("changed.toml"), changed).unwrap();

    let out = skilltrend(dir.path())
        .args(["--db", "skilltrend-demo.db", "--taxonomy", "changed.toml", "reextract"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let line = text.lines().find(|l| l.starts_with("python")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.ends_with(&before.to_string()), "every Python posting lost it: {line}");
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_skills WHERE skill_id = 'python'"), 0);
    // The series index stays in line with the postings.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM posting_skills s JOIN postings p ON p.id = s.posting_id WHERE s.dated IS NOT p.dated OR s.source IS NOT p.source"
        ),
        0
    );
    let hash = strings(&conn, "SELECT value FROM meta WHERE key = 'taxonomy_hash'").remove(0);
    drop(conn);

    // Back to the built-in taxonomy: everything returns.
    skilltrend(dir.path()).args(["--db", "skilltrend-demo.db", "reextract"]).assert().success();
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM posting_skills WHERE skill_id = 'python'"), before);
    assert_ne!(strings(&conn, "SELECT value FROM meta WHERE key = 'taxonomy_hash'").remove(0), hash);
}

#[test]
fn reextract_moves_a_database_of_the_lumped_taxonomy_to_the_new_grain() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/taxonomy/skills-153.toml");
    skilltrend(dir.path()).args(["--taxonomy", old.to_str().unwrap(), "demo", "-q"]).assert().success();
    let db = dir.path().join("skilltrend-demo.db");
    let rows = |conn: &rusqlite::Connection, id: &str| {
        count(conn, &format!("SELECT count(*) FROM posting_skills WHERE skill_id = '{id}'"))
    };
    let conn = open_db(&db);
    let (spring_before, boot_before) = (rows(&conn, "spring"), rows(&conn, "spring_boot"));
    assert_eq!(boot_before, 0);
    assert!(spring_before > 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM skills"), 153);
    drop(conn);

    skilltrend(dir.path()).args(["--db", "skilltrend-demo.db", "reextract"]).assert().success();
    let conn = open_db(&db);
    // Spring Boot is its own skill now, and Spring only by roll-up.
    assert!(rows(&conn, "spring_boot") > 0);
    assert!(rows(&conn, "spring") < spring_before);
    assert_eq!(count(&conn, "SELECT count(*) FROM skills"), 374);
    let name = |id: &str| strings(&conn, &format!("SELECT name || ' ' || category FROM skills WHERE id = '{id}'"));
    assert_eq!(name("spring_boot"), ["Spring Boot framework"]);
    assert_eq!(name("pytorch"), ["PyTorch framework"]);
    assert_eq!(name("security"), ["Security concept"]);
    assert_eq!(name("rest"), ["REST APIs concept"]);
    let implied = strings(&conn, "SELECT implied_id FROM skill_implies WHERE skill_id = 'spring_boot' ORDER BY 1");
    assert_eq!(implied, ["java", "spring"]);
}

#[test]
fn a_crawl_with_another_taxonomy_warns() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let builtin = skilltrend::extract::taxonomy::BUILTIN_TAXONOMY;
    std::fs::write(dir.path().join("changed.toml"), format!("{builtin}\n# changed\n")).unwrap();
    let out = skilltrend(dir.path())
        .args(["--db", "skilltrend-demo.db", "--taxonomy", "changed.toml", "demo"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("another taxonomy") && err.contains("reextract"), "{err}");
}
