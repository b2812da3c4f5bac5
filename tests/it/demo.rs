//! `skilltrend demo`: the whole pipeline offline, checked against the truth
//! the demo board's generator recorded.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{count, open_db, skilltrend};
use skilltrend::demo::board;

#[test]
fn demo_stores_every_posting_with_the_right_skills_and_draws_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = skilltrend(dir.path()).arg("demo").assert().success().get_output().stdout.clone();
    let stdout = String::from_utf8(out).unwrap();
    let board = board::generate();
    let hn = skilltrend::demo::hn::generate("/hn");
    // (id, date, core skills) of every posting the demo serves.
    let truth: Vec<(String, String, BTreeSet<String>)> = board
        .postings
        .iter()
        .map(|p| (p.id.clone(), p.date.clone(), p.core.iter().map(|s| s.to_string()).collect()))
        .chain(hn.posts.iter().map(|p| (p.id.clone(), p.date.clone(), p.core.iter().map(|s| s.to_string()).collect())))
        .collect();

    let db = dir.path().join("skilltrend-demo.db");
    let png = dir.path().join("skilltrend-demo.png");
    let conn = open_db(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM postings") as usize, truth.len());
    assert_eq!(count(&conn, "SELECT count(*) FROM postings WHERE source = 'demo-hn'") as usize, hn.posts.len());
    assert!(stdout.contains(&format!("postings stored  {}", truth.len())), "{stdout}");
    assert!(stdout.contains("months covered   78 (2019-01 to 2025-06)"), "{stdout}");

    // Every posting: its date and exactly the core skills its text names.
    let mut stored: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT p.external_id, substr(p.posted_at, 1, 10), ps.skill_id FROM postings p
             LEFT JOIN posting_skills ps ON ps.posting_id = p.id AND ps.skill_id IN ('python', 'java', 'php', 'sql')",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))
        .unwrap();
    for row in rows {
        let (id, date, skill) = row.unwrap();
        let entry = stored.entry(id).or_insert((date, BTreeSet::new()));
        if let Some(s) = skill {
            entry.1.insert(s);
        }
    }
    let mut wrong = Vec::new();
    for (id, want_date, want) in &truth {
        match stored.get(id) {
            None => wrong.push(format!("{id} missing")),
            Some((date, got)) if date != want_date || got != want => {
                wrong.push(format!("{id}: stored {date} {got:?}, truth {want_date} {want:?}"))
            }
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} postings differ from the truth:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );

    // The chart is a real PNG of the default size.
    let img = image::open(&png).expect("the chart decodes as an image");
    assert_eq!((img.width(), img.height()), (1200, 700));
}

#[test]
fn running_the_demo_twice_gives_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let first = skilltrend(dir.path()).arg("demo").assert().success().get_output().stdout.clone();
    let second = skilltrend(dir.path()).arg("demo").assert().success().get_output().stdout.clone();
    let (first, second) = (String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap());
    let shares = |s: &str| s.lines().filter(|l| l.contains('%')).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(shares(&first), shares(&second));
    assert!(second.contains("0 new, 0 updated"), "{second}");
    let conn = open_db(&dir.path().join("skilltrend-demo.db"));
    let served = board::generate().postings.len() + skilltrend::demo::hn::generate("/hn").posts.len();
    assert_eq!(count(&conn, "SELECT count(*) FROM postings") as usize, served);
    assert_eq!(count(&conn, "SELECT count(*) FROM crawl_runs WHERE status = 'ok'"), 2);
    // The HN part's complete months are not fetched again.
    assert_eq!(count(&conn, "SELECT count(*) FROM source_state WHERE source = 'demo-hn'"), 47);
}

#[test]
fn demo_postings_carry_the_pay_and_roles_their_pages_state() {
    let dir = tempfile::tempdir().unwrap();
    let out = skilltrend(dir.path()).arg("demo").assert().success().get_output().stdout.clone();
    let stdout = String::from_utf8(out).unwrap();
    let conn = open_db(&dir.path().join("skilltrend-demo.db"));
    let board = board::generate();
    let hn = skilltrend::demo::hn::generate("/hn");
    // Pay as every page states it: JSON-LD baseSalary or the text on the
    // board, the first line on HN; yearly.
    let truth: BTreeMap<String, Option<(f64, f64, String)>> = board
        .postings
        .iter()
        .map(|p| (p.id.clone(), p.pay.map(|(a, b, c)| (a, b, c.to_string()))))
        .chain(hn.posts.iter().map(|p| (p.id.clone(), p.pay.map(|(a, b, c)| (a, b, c.to_string())))))
        .collect();
    let mut stmt =
        conn.prepare("SELECT external_id, pay_annual_min, pay_annual_max, pay_currency FROM postings").unwrap();
    let stored: BTreeMap<String, Option<(f64, f64, String)>> = stmt
        .query_map([], |r| {
            let (a, b, c): (Option<f64>, Option<f64>, Option<String>) = (r.get(1)?, r.get(2)?, r.get(3)?);
            Ok((r.get::<_, String>(0)?, a.zip(b).zip(c).map(|((a, b), c)| (a, b, c))))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let wrong: Vec<String> = truth
        .iter()
        .filter(|(id, want)| stored.get(*id) != Some(want))
        .map(|(id, want)| format!("{id}: stored {:?}, truth {want:?}", stored.get(id)))
        .collect();
    assert!(wrong.is_empty(), "{} postings' pay differs:\n{}", wrong.len(), wrong[..wrong.len().min(20)].join("\n"));
    assert!(truth.values().filter(|p| p.is_some()).count() > 400, "the demo states pay in many postings");

    // The board's non-software jobs are not back-end postings.
    let non_engineering: BTreeSet<&str> =
        board.postings.iter().filter(|p| p.non_engineering).map(|p| p.id.as_str()).collect();
    assert!(non_engineering.len() > 50);
    let mut stmt = conn
        .prepare(
            "SELECT p.external_id FROM postings p JOIN posting_roles r ON r.posting_id = p.id WHERE r.role = 'other'",
        )
        .unwrap();
    let other: BTreeSet<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for id in &non_engineering {
        assert!(other.contains(*id), "{id} is not a software job but was not classified `other`");
    }
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM backend_postings WHERE source = 'demo-board' AND title LIKE 'Account Executive%'"
        ),
        0
    );
    // The summary names the back-end population and what it pays.
    assert!(stdout.contains("back-end postings"), "{stdout}");
    assert!(stdout.contains("median pay"), "{stdout}");
}

/// The demo never adds its made-up postings to a database of yours: `--db`
/// is refused with a message that says where the demo writes, and nothing
/// is written.
#[test]
fn demo_refuses_db_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("demo makes its own database") && err.contains("--out-dir"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "db"))
            .count(),
        0
    );
}
