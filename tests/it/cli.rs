//! The command-line contract: exit codes, errors that name what is wrong,
//! and a closed pipe treated as success.

use std::io::Read;
use std::process::Stdio;

use crate::common::skilltrend;

#[test]
fn a_misspelt_config_key_exits_2_and_names_the_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.toml"),
        "[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"https://acme.example/jobs\"]\nmax_page = 10\n",
    )
    .unwrap();
    let out = skilltrend(dir.path()).args(["crawl", "--config", "sources.toml"]).assert().code(2).get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("sources.toml:5"), "{err}");
    assert!(err.contains("`max_page`") && err.contains("did you mean `max_pages`"), "{err}");
    assert!(!dir.path().join("skilltrend.db").exists(), "nothing is created for a bad config");
}

#[test]
fn config_mistakes_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[[sources]]\nname = \"a\"\nkind = \"rss\"\n", "not a known kind"),
        ("[[sources]]\nname = \"a\"\nkind = \"jsonld\"\n", "`start_urls` is missing"),
        ("[[sources]]\nname = \"a\"\nkind = \"jsonld\"\nstart_urls = [\"not a url\"]\n", "is not a URL"),
        (
            "[[sources]]\nname = \"a\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example\"]\ndelay_ms = -5\n",
            "must not be negative",
        ),
        (
            "[[sources]]\nname = \"a\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example\"]\nfollow = \"a[\"\n",
            "not a valid CSS selector",
        ),
        ("[[sources]]\nname = \"g\"\nkind = \"greenhouse\"\n", "`boards` is missing"),
        ("[[sources]]\nname = \"l\"\nkind = \"lever\"\nsites = []\n", "`sites` is empty"),
        ("[[sources]]\nname = \"g\"\nkind = \"greenhouse\"\nboards = [\"../etc\"]\n", "is not a board name"),
        ("[[sources]]\nname = \"h\"\nkind = \"hn\"\nsince = \"2011-13\"\n", "is not a month"),
        ("[[sources]]\nname = \"h\"\nkind = \"hn\"\nsince = \"2020-01\"\nuntil = \"2019-01\"\n", "is before since"),
        ("[[sources]]\nname = \"h\"\nkind = \"hn\"\nbase_url = \"hn.algolia.com\"\n", "`base_url`"),
        ("[[sources]]\nname = \"h\"\nkind = \"hn\"\nboards = [\"x\"]\n", "`boards` is not a key of kind \"hn\""),
        ("[[sources]]\nname = \"f\"\nkind = \"feed\"\n", "`urls` is missing"),
        (
            "[[sources]]\nname = \"w\"\nkind = \"html\"\nstart_urls = [\"https://a.example\"]\ndescription = \"main\"\n",
            "`posting_links` is missing",
        ),
        (
            "[[sources]]\nname = \"w\"\nkind = \"html\"\nstart_urls = [\"https://a.example\"]\nposting_links = \"a\"\ndescription = \"main\"\ndate_format = \"%Q\"\n",
            "not a valid date format",
        ),
        ("sources = 3\n", "invalid type"),
        ("", "no [[sources]]"),
    ];
    for (text, want) in cases {
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        let out = skilltrend(dir.path()).args(["crawl", "--config", "s.toml"]).assert().code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(want), "config {text:?}: wanted {want:?} in {err}");
        assert!(err.contains("s.toml:"), "the error names the file and line: {err}");
    }
    let out = skilltrend(dir.path()).args(["crawl", "--config", "absent.toml"]).assert().code(2).get_output().clone();
    assert!(String::from_utf8(out.stderr).unwrap().contains("cannot read the config file"));
    skilltrend(dir.path()).args(["crawl", "--concurrency", "0"]).assert().code(2);
    skilltrend(dir.path()).arg("no-such-command").assert().code(2);
}

#[test]
fn command_line_mistakes_exit_2_and_name_the_value() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).args(["demo", "-q"]).assert().success();
    std::fs::write(dir.path().join("notes.db"), "not a database").unwrap();
    std::fs::create_dir(dir.path().join("folder.db")).unwrap();
    let demo = ["--db", "skilltrend-demo.db"];
    let cases: &[(&[&str], &str)] = &[
        (&["report", "--by", "fortnight"], "'fortnight'"),
        (&["report", "--since", "2024-13"], "'2024-13' is not a date"),
        (&["report", "--since", "2022-01", "--until", "2021-01"], "is after --until"),
        (&["report", "--skills", "python,cobolt"], "unknown skill 'cobolt'"),
        (&["report", "--skills", "@langs"], "unknown preset '@langs'"),
        (&["pay", "--skills", "golang,Ruby on Railz"], "closest known ids: rails"),
        (&["cooccur", "@backend-core"], "cooccur takes one"),
        (&["report", "--format", "gif"], "'gif'"),
        (&["report", "--out", "chart.gif"], "chart.gif"),
        (&["top", "--limit", "0"], "'0'"),
        (&["runs", "--limit", "many"], "'many'"),
        (&["query", "DELETE FROM postings"], "never modifies the database"),
        (&["query", "SELEC 1"], "near \"SELEC\""),
        (&["search", "python AND ("], "python AND ("),
        (&["export", "--format", "xml"], "'xml'"),
        (&["explain", "999999"], "no posting with id 999999"),
        (&["--taxonomy", "absent.toml", "reextract"], "absent.toml"),
        (&["crawl", "--concurrency", "0"], "'0'"),
        (&["crawl", "--config", "absent.toml"], "absent.toml"),
        (&["no-such-command"], "'no-such-command'"),
    ];
    for (args, want) in cases {
        let out = skilltrend(dir.path()).args(demo).args(*args).assert().code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(want), "{args:?}: wanted {want:?} in {err}");
    }
    // A --db that is not a database is named, and left as it was.
    for (db, want) in [
        ("notes.db", "notes.db is not a SQLite database"),
        ("folder.db", "folder.db is a directory"),
        ("absent.db", "absent.db does not exist"),
    ] {
        for command in [&["report"][..], &["crawl", "--config", "absent.toml"][..], &["reextract"][..]] {
            let out = skilltrend(dir.path()).args(["--db", db]).args(command).assert().code(2).get_output().clone();
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(
                err.contains(want) || (command[0] == "crawl" && err.contains("absent.toml")),
                "{db} {command:?}: {err}"
            );
        }
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("notes.db")).unwrap(), "not a database");
    assert!(!dir.path().join("absent.db").exists());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    // Read one line of a long table, then close the pipe.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("skilltrend"))
        .args(["--db", "skilltrend-demo.db", "report", "--by", "week", "--format", "json"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.as_mut().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_query_parameter_the_sql_does_not_use_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    skilltrend(dir.path()).arg("demo").assert().success();
    let db = ["--db", "skilltrend-demo.db", "query"];
    skilltrend(dir.path()).args(db).args(["SELECT :a AS a", "-p", "a=1"]).assert().success();
    let out = skilltrend(dir.path())
        .args(db)
        .args(["SELECT :a AS a", "-p", "a=1", "-p", "skil=python"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("does not use the parameter :skil"), "{err}");
    assert!(out.stdout.is_empty(), "no partial output before the error");
}

/// Shell conventions: a completion script for each shell that names the
/// subcommands, and a manual page in roff.
#[test]
fn completions_and_the_manual_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = skilltrend(dir.path()).args(["completions", shell]).assert().success().get_output().stdout.clone();
        let script = String::from_utf8(out).unwrap();
        for sub in ["crawl", "report", "cooccur", "query"] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    skilltrend(dir.path()).args(["completions", "tcsh"]).assert().code(2);
    let man = skilltrend(dir.path()).arg("man").assert().success().get_output().stdout.clone();
    let man = String::from_utf8(man).unwrap();
    assert!(man.contains(".TH skilltrend 1") && man.contains(".SH NAME") && man.contains("report"), "{man}");
}

/// A path that cannot be written says what is wrong with it, exit 2, before
/// any work: a folder that does not exist, a folder given as a file.
#[test]
fn paths_that_cannot_be_used_say_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "[[sources]]\nname = \"a\"\nkind = \"hn\"\nbase_url = \"http://127.0.0.1:9/\"\n",
    )
    .unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--db", "gone/jobs.db", "crawl", "--config", "s.toml"], "the folder gone does not exist"),
        (&["--db", "gone/jobs.db", "report"], "the folder gone does not exist"),
        (&["--db", "s.toml/jobs.db", "report"], "the folder s.toml is not a folder"),
    ];
    for (args, says) in cases {
        let out = skilltrend(dir.path()).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    skilltrend(dir.path()).arg("demo").assert().success();
    for (out, says) in [("gone/r.png", "the folder gone does not exist"), (".", "it is a folder")] {
        let o = skilltrend(dir.path())
            .args(["--db", "skilltrend-demo.db", "report", "--out", out, "--format", "png"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(says), "{out}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = skilltrend(dir.path())
        .args(["--db", "skilltrend-demo.db", "export", "--format", "csv", "--out", "gone/e.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("gone").exists());
}
