//! The `smartrecruiters`, `workable` and `personio` kinds against a local
//! server serving fixtures in the exact shape of each service (through
//! `base_url`): the stored postings asserted exactly, paging, an unknown
//! board failing alone and named, hostile answers failing their board
//! only, and a second crawl changing nothing.

use std::path::Path;

use crate::common::{Server, count, fixture, open_db, payload_of, row, rows, serve_site, skilltrend, strings};
use skilltrend::demo::server::StaticSite;

/// One column of one stored posting.
fn column(db: &Path, column: &str, external_id: &str) -> String {
    let conn = open_db(db);
    conn.query_row(&format!("SELECT {column} FROM postings WHERE external_id = ?1"), [external_id], |r| r.get(0))
        .unwrap()
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}

/// A crawl's exit code, stdout (the run table) and stderr.
struct Crawled {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Crawls one source of `kind` with `base_url` at `server` and its `list`
/// line, in `dir`.
fn crawl(dir: &Path, server: &Server, kind: &str, list: &str) -> Crawled {
    let config = format!(
        "[[sources]]\nname = \"{kind}\"\nkind = \"{kind}\"\nbase_url = \"{}\"\n{list}\ndelay_ms = 0\n",
        server.url("")
    );
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let out = skilltrend(dir).args(["--db", "jobs.db", "crawl", "--config", "sources.toml"]).output().unwrap();
    Crawled {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn last_run(dir: &Path, column: &str) -> i64 {
    count(&open_db(&dir.join("jobs.db")), &format!("SELECT {column} FROM crawl_runs ORDER BY id DESC LIMIT 1"))
}

/// The last run's record of the source: status and error.
fn run_record(dir: &Path) -> (String, String) {
    let conn = open_db(&dir.join("jobs.db"));
    conn.query_row("SELECT status, coalesce(error, '') FROM crawl_run_sources ORDER BY run_id DESC LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
}

const SR_LIST: &str = "/v1/companies/AcmeGmbH/postings?limit=100&offset=";
const SR_POSTING: &str = "/v1/companies/AcmeGmbH/postings/";

/// AcmeGmbH's list in two pages (the API cut the first at two postings)
/// and three of its four postings (the fourth closed since: 404); Ghost
/// answers as SmartRecruiters answers an unknown company.
fn smartrecruiters_site() -> StaticSite {
    let mut site = StaticSite::default();
    for offset in [0, 2] {
        site.insert(&format!("{SR_LIST}{offset}"), read(&format!("smartrecruiters/AcmeGmbH-postings-{offset}.json")));
    }
    for id in ["744000091823001", "744000091823002", "744000092115530"] {
        site.insert(&format!("{SR_POSTING}{id}"), read(&format!("smartrecruiters/AcmeGmbH-posting-{id}.json")));
    }
    site.insert("/v1/companies/Ghost/postings?limit=100&offset=0", read("smartrecruiters/unknown-company.json"));
    site
}

#[test]
fn smartrecruiters_pages_by_offset_reads_each_posting_and_names_a_company_with_no_postings() {
    let server = serve_site(smartrecruiters_site());
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "smartrecruiters", r#"companies = ["AcmeGmbH", "Ghost"]"#);
    assert_eq!(run.code, 1, "a company with no postings is named: {}", run.stderr);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "744000091823001",
            "Senior Backend Engineer (Java)",
            "Acme GmbH",
            "Stuttgart, Baden-Württemberg, Germany",
            Some(0),
            "2026-10-14T08:21:37Z",
            "java,kafka,kubernetes,postgresql,rest,spring_boot",
        ),
        row(
            "744000091823002",
            "Senior Backend Engineer (Java) (m/w/d)",
            "Acme GmbH",
            "Stuttgart, Baden-Württemberg, Germany",
            Some(0),
            "2026-10-14T08:23:02Z",
            "java,kafka,postgresql,spring_boot",
        ),
        row(
            "744000092115530",
            "Data Engineer",
            "Acme GmbH",
            "Berlin, Germany",
            Some(1),
            "2026-11-02T15:00:00Z",
            "airflow,python,snowflake",
        ),
    ];
    assert_eq!(rows(&db, "smartrecruiters"), want);
    assert_eq!(
        column(&db, "description", "744000091823001"),
        "Job Description\n\nYou design and run the order services of our platform.\n\n• Build REST APIs in Java 21 and Spring Boot\n• Run them on Kubernetes\n\n\
         Qualifications\n\n• 5+ years of Java\n• PostgreSQL & Kafka\n\n\
         Additional Information\n\nHybrid: two days a week in Stuttgart.\nWe look forward to your application!"
    );
    // All three job-ad sections empty: the company description holds the ad.
    assert_eq!(
        column(&db, "description", "744000092115530"),
        "Company Description\n\nThe whole ad sits here: you build our pipelines in Python and Airflow, on Snowflake."
    );
    assert_eq!(
        column(&db, "url", "744000092115530"),
        "https://jobs.smartrecruiters.com/AcmeGmbH/744000092115530-data-engineer"
    );
    // The raw payload is the detail answer, without its creator.
    let raw: serde_json::Value = serde_json::from_str(&payload_of(&db, "744000091823001").1).unwrap();
    assert_eq!(raw["refNumber"], "REF4821T");
    assert_eq!(raw["jobAd"]["sections"]["qualifications"]["title"], "Qualifications");
    assert!(raw.get("creator").is_none(), "{raw}");
    // Both list pages once, each listed posting once, nothing more.
    let mut asked: Vec<String> = server.running.requests().into_iter().filter(|p| p.starts_with("/v1/")).collect();
    asked.sort();
    let mut want_asked: Vec<String> = ["0", "2"].iter().map(|o| format!("{SR_LIST}{o}")).collect();
    for id in ["744000091823001", "744000091823002", "744000092115530", "744000092200417"] {
        want_asked.push(format!("{SR_POSTING}{id}"));
    }
    want_asked.push("/v1/companies/Ghost/postings?limit=100&offset=0".into());
    want_asked.sort();
    assert_eq!(asked, want_asked);
    // Ghost is named as "no postings", in the run record and the run output.
    let (status, error) = run_record(dir.path());
    assert_eq!(status, "partial");
    assert!(
        error.starts_with("company Ghost: ")
            && error.contains(": no postings: SmartRecruiters lists none for company \"Ghost\""),
        "{error}"
    );
    assert!(!error.contains("cannot parse"), "{error}");
    assert!(run.stdout.contains("company Ghost: ") && run.stdout.contains("no postings"), "{}", run.stdout);

    // Again: nothing changes.
    let again = crawl(dir.path(), &server, "smartrecruiters", r#"companies = ["AcmeGmbH", "Ghost"]"#);
    assert_eq!(again.code, 1);
    assert_eq!(rows(&db, "smartrecruiters"), want);
    assert_eq!(last_run(dir.path(), "postings_new") + last_run(dir.path(), "postings_updated"), 0);
}

#[test]
fn workable_reads_an_account_and_an_unknown_account_fails_alone() {
    let mut site = StaticSite::default();
    site.insert("/api/v1/widget/accounts/acme?details=true", read("workable/acme.json"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "workable", r#"accounts = ["acme", "ghost"]"#);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "3F9A1C2B7D",
            "Backend Engineer (Python)",
            "Acme Robotics",
            "Athens, Attica, Greece",
            Some(0),
            "2026-10-20T00:00:00Z",
            "django,docker,postgresql,python,redis",
        ),
        row(
            "A0B1C2D3E4",
            "Senior Go Engineer",
            "Acme Robotics",
            "Lisbon, Lisbon, Portugal",
            Some(1),
            "2026-11-03T00:00:00Z",
            "aws,go,terraform",
        ),
    ];
    assert_eq!(rows(&db, "workable"), want);
    assert_eq!(
        column(&db, "description", "3F9A1C2B7D"),
        "About the role\n\nYou will build the fleet APIs in Python and Django.\n\nRequirements\n\n· 3+ years of Python\n· PostgreSQL and Redis\n· Docker\n\nBenefits\n\n· Private health insurance"
    );
    assert_eq!(column(&db, "url", "A0B1C2D3E4"), "https://apply.workable.com/j/A0B1C2D3E4");
    let (status, error) = run_record(dir.path());
    assert_eq!(status, "partial");
    assert!(error.starts_with("account ghost: ") && error.contains("404"), "{error}");
    assert!(run.stdout.contains("account ghost: "), "{}", run.stdout);

    let again = crawl(dir.path(), &server, "workable", r#"accounts = ["acme", "ghost"]"#);
    assert_eq!(again.code, 1);
    assert_eq!(rows(&db, "workable"), want);
    assert_eq!(last_run(dir.path(), "postings_new") + last_run(dir.path(), "postings_updated"), 0);
}

#[test]
fn personio_reads_the_xml_feed_and_a_page_that_is_not_the_feed_fails_that_company() {
    let mut site = StaticSite::default();
    site.insert("/acme/xml", read("personio/acme.xml"));
    site.insert("/bot/xml", read("personio/bot-check.html"));
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "personio", r#"companies = ["acme", "bot"]"#);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let db = dir.path().join("jobs.db");
    let want = vec![
        row(
            "acme:1748213",
            "Backend Engineer (Kotlin & Spring) (m/w/d)",
            "Acme Software GmbH",
            "München; Remote",
            None,
            "2026-09-30T09:04:12Z",
            "kafka,kotlin,kubernetes,postgresql,spring,spring_boot",
        ),
        row(
            "acme:1803377",
            "Data Analyst (all genders)",
            "acme",
            "Berlin",
            None,
            "2026-11-12T08:00:00Z",
            "sql,tableau",
        ),
    ];
    assert_eq!(rows(&db, "personio"), want);
    assert_eq!(
        column(&db, "description", "acme:1748213"),
        "Deine Aufgaben\n\nDu entwickelst unsere Abrechnungs-Services mit Kotlin und Spring Boot.\n\n• APIs für unsere Kunden\n• Betrieb auf Kubernetes\n\n\
         Dein Profil\n\n• Erfahrung mit PostgreSQL & Kafka\n• Gutes Deutsch oder Englisch"
    );
    // `&amp;amp;` in the XML is `&amp;` in the HTML: "&" in the text.
    assert_eq!(column(&db, "description", "acme:1803377"), "Your role\n\nReports in SQL & Tableau for our sales team.");
    assert_eq!(column(&db, "url", "acme:1748213"), "https://acme.jobs.personio.de/job/1748213");
    let (format, payload) = payload_of(&db, "acme:1803377");
    let raw = format!("{format} {payload}");
    assert!(
        raw.starts_with("personio-position <position>\n    <id>1803377</id>") && raw.ends_with("</position>"),
        "{raw}"
    );
    let (status, error) = run_record(dir.path());
    assert_eq!(status, "partial");
    assert!(
        error.starts_with("company bot: ") && error.contains("not a Personio XML feed: the root element is <html>"),
        "{error}"
    );

    let again = crawl(dir.path(), &server, "personio", r#"companies = ["acme", "bot"]"#);
    assert_eq!(again.code, 1);
    assert_eq!(rows(&db, "personio"), want);
    assert_eq!(last_run(dir.path(), "postings_new") + last_run(dir.path(), "postings_updated"), 0);
}

#[test]
fn dry_run_lists_the_real_start_urls_of_the_three_kinds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.toml"),
        "[[sources]]\nname = \"sr\"\nkind = \"smartrecruiters\"\ncompanies = [\"BoschGroup\"]\n\n\
         [[sources]]\nname = \"wk\"\nkind = \"workable\"\naccounts = [\"acme\"]\n\n\
         [[sources]]\nname = \"pe\"\nkind = \"personio\"\ncompanies = [\"acme\", \"globex.jobs.personio.com\"]\n\n\
         [[sources]]\nname = \"pe-mirror\"\nkind = \"personio\"\ncompanies = [\"acme\"]\nbase_url = \"https://mirror.example/personio/\"\n",
    )
    .unwrap();
    let out = skilltrend(dir.path()).args(["crawl", "--config", "sources.toml", "--dry-run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "sr (smartrecruiters), allowed hosts: api.smartrecruiters.com\n  https://api.smartrecruiters.com/v1/companies/BoschGroup/postings?limit=100&offset=0\n\
         wk (workable), allowed hosts: apply.workable.com\n  https://apply.workable.com/api/v1/widget/accounts/acme?details=true\n\
         pe (personio), allowed hosts: acme.jobs.personio.de, globex.jobs.personio.com\n  https://acme.jobs.personio.de/xml\n  https://globex.jobs.personio.com/xml\n\
         pe-mirror (personio), allowed hosts: mirror.example\n  https://mirror.example/personio/acme/xml\n"
    );
    assert!(!dir.path().join("skilltrend.db").exists());
}

/// Every stored text field is free of control characters (but newlines),
/// markup and entities.
fn assert_clean(db: &Path) {
    for text in strings(
        &open_db(db),
        "SELECT coalesce(title, '') || ' ' || coalesce(company, '') || ' ' || coalesce(location, '') || ' ' || description FROM postings",
    ) {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "a control character: {text:?}");
        for bad in ["<p", "</", "&amp;", "&lt;", "&#"] {
            assert!(!text.contains(bad), "{bad:?} in {text:?}");
        }
    }
}

/// What a hostile crawl left: the stored ids and the run record's error.
fn hostile_outcome(dir: &Path, run: &Crawled) -> (Vec<String>, String) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let db = dir.join("jobs.db");
    assert_clean(&db);
    let (status, error) = run_record(dir);
    assert_eq!(status, "partial", "the good board was read: {error}");
    (strings(&open_db(&db), "SELECT external_id FROM postings ORDER BY external_id"), error)
}

/// Nested `n` deep.
fn deep(open: &str, close: &str, n: usize) -> String {
    format!("{}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn hostile_smartrecruiters_answers_fail_their_company_only() {
    let mut site = smartrecruiters_site();
    let list = |c: &str| format!("/v1/companies/{c}/postings?limit=100&offset=0");
    site.insert(&list("cut"), br#"{"offset":0,"limit":100,"totalFound":3,"content":[{"id":"1","na"#.to_vec());
    site.insert(&list("types"), br#"{"offset":"0","totalFound":"many","content":{"id":1}}"#.to_vec());
    site.insert(&list("xml"), read("personio/acme.xml"));
    site.insert(&list("deep"), format!(r#"{{"totalFound":1,"content":{}}}"#, deep("[", "]", 50_000)).into_bytes());
    // totalFound lies: the second page is empty, and that is the end.
    site.insert(
        &list("liar"),
        br#"{"offset":0,"limit":100,"totalFound":5000,"content":[{"id":"900"},{"id":"901"},{"id":"../../x"}]}"#
            .to_vec(),
    );
    site.insert(
        "/v1/companies/liar/postings?limit=100&offset=3",
        br#"{"offset":3,"limit":100,"totalFound":5000,"content":[]}"#.to_vec(),
    );
    // Its postings: a name in invalid UTF-8 (stored, decoded), and one of
    // the wrong types (a failure of that URL).
    site.insert(
        "/v1/companies/liar/postings/900",
        b"{\"id\":\"900\",\"name\":\"Backend \xff\xfe Engineer\",\"releasedDate\":\"soon\",\"jobAd\":{\"sections\":{\"jobDescription\":{\"text\":\"<p>Go</p>\"}}}}".to_vec(),
    );
    site.insert("/v1/companies/liar/postings/901", br#"{"id":"901","name":5,"location":{"remote":"yes"}}"#.to_vec());
    let companies = r#"companies = ["cut", "types", "xml", "deep", "liar", "AcmeGmbH"]"#;
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "smartrecruiters", companies);
    let (ids, error) = hostile_outcome(dir.path(), &run);
    assert_eq!(ids, ["744000091823001", "744000091823002", "744000092115530", "900"]);
    assert_eq!(column(&dir.path().join("jobs.db"), "title", "900"), "Backend \u{FFFD}\u{FFFD} Engineer");
    // The run record spells out the first three; the log names every one.
    assert!(error.contains("(and 2 more; see the log)"), "{error}");
    for company in ["cut", "types", "xml", "deep"] {
        let url = format!(
            "/v1/companies/{company}/postings?limit=100&offset=0: cannot parse: not a SmartRecruiters postings list"
        );
        assert!(run.stderr.contains(&url), "{company}: {}", run.stderr);
    }
    assert!(run.stderr.contains("a posting of company liar has an unusable id \"../../x\"; skipped"), "{}", run.stderr);
    assert!(
        run.stderr.contains("/liar/postings/901: cannot parse: a SmartRecruiters posting of an unexpected shape"),
        "{}",
        run.stderr
    );
    let mut liar: Vec<String> = server.running.requests().into_iter().filter(|p| p.contains("/liar/")).collect();
    liar.sort();
    assert_eq!(
        liar,
        [
            "/v1/companies/liar/postings/900",
            "/v1/companies/liar/postings/901",
            "/v1/companies/liar/postings?limit=100&offset=0",
            "/v1/companies/liar/postings?limit=100&offset=3"
        ]
    );
}

#[test]
fn hostile_workable_answers_fail_their_account_only() {
    let mut site = StaticSite::default();
    let account = |a: &str| format!("/api/v1/widget/accounts/{a}?details=true");
    site.insert(&account("acme"), read("workable/acme.json"));
    site.insert(&account("cut"), br#"{"name":"Cut","jobs":[{"title":"Backend","shortcode":"AB"#.to_vec());
    site.insert(&account("types"), br#"{"name":7,"jobs":"none"}"#.to_vec());
    site.insert(&account("xml"), read("personio/acme.xml"));
    site.insert(&account("deep"), format!(r#"{{"jobs":{}}}"#, deep("[", "]", 50_000)).into_bytes());
    // A good answer with one job of the wrong shape: that job is skipped.
    site.insert(
        &account("mixed"),
        br#"{"name":"Mixed","jobs":[{"title":"Backend","shortcode":12},{"title":"SRE","shortcode":"00AA11BB22","telecommuting":"yes"},
            {"title":"DBA","shortcode":"0123456789","published_on":"2026-13-45","description":"<p>Oracle &amp; SQL</p>"}]}"#
            .to_vec(),
    );
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "workable", r#"accounts = ["cut", "types", "xml", "deep", "mixed", "acme"]"#);
    let (ids, error) = hostile_outcome(dir.path(), &run);
    assert_eq!(ids, ["0123456789", "3F9A1C2B7D", "A0B1C2D3E4"]);
    assert!(error.contains("(and 1 more; see the log)"), "{error}");
    for account in ["cut", "types", "xml", "deep"] {
        let url = format!("/accounts/{account}?details=true: cannot parse: not a Workable account answer");
        assert!(run.stderr.contains(&url), "{account}: {}", run.stderr);
    }
    assert!(!error.contains("account mixed"), "{error}");
    let skipped = run.stderr.matches("a job of account mixed has an unexpected shape; skipped").count();
    assert_eq!(skipped, 2, "{}", run.stderr);
    let db = dir.path().join("jobs.db");
    assert_eq!(column(&db, "coalesce(posted_at, 'none') || ' ' || description", "0123456789"), "none Oracle & SQL");
}

#[test]
fn hostile_personio_answers_fail_their_company_only() {
    let mut site = StaticSite::default();
    let feed = |c: &str| format!("/{c}/xml");
    site.insert(&feed("acme"), read("personio/acme.xml"));
    let good = String::from_utf8(read("personio/acme.xml")).unwrap();
    site.insert(&feed("cut"), good.as_bytes()[..good.len() / 2].to_vec());
    site.insert(&feed("json"), read("workable/acme.json"));
    site.insert(&feed("tags"), b"<workzag-jobs><position><id>1</id><name>X</title></position></workzag-jobs>".to_vec());
    site.insert(&feed("huge"), good.replace("<position>", &format!("<position>{}", " ".repeat(60_000))).into_bytes());
    // Deep nesting inside a position, and a name in invalid UTF-8: read.
    let odd = format!(
        "<workzag-jobs><position><id>42</id><name>Dev \u{FFFD}</name>{}<jobDescriptions><jobDescription><name>Stack</name><value>&lt;p&gt;Elixir&lt;/p&gt;</value></jobDescription></jobDescriptions></position></workzag-jobs>",
        deep("<x>", "</x>", 10_000)
    );
    let mut odd = odd.into_bytes();
    let at = odd.iter().position(|b| *b == 0xEF).unwrap();
    odd.splice(at..at + 3, [0xff, 0xfe]);
    site.insert(&feed("odd"), odd);
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let companies = "companies = [\"cut\", \"json\", \"tags\", \"huge\", \"odd\", \"acme\"]\nmax_body_bytes = 100000";
    let run = crawl(dir.path(), &server, "personio", companies);
    let (ids, error) = hostile_outcome(dir.path(), &run);
    assert_eq!(ids, ["acme:1748213", "acme:1803377", "odd:42"]);
    assert!(error.contains("(and 1 more; see the log)"), "{error}");
    for (company, says) in [
        ("cut", "cannot parse: the XML feed ends inside <"),
        (
            "json",
            "cannot parse: not a Personio XML feed: the answer is not XML (it starts with \"{\\n  \\\"name\\\": \\\"Acm\")",
        ),
        ("tags", "cannot parse: not well-formed XML"),
        ("huge", "100000"),
    ] {
        let said = run.stderr.lines().any(|l| l.contains(&format!("/{company}/xml: ")) && l.contains(says));
        assert!(said, "{company}: {says}: {}", run.stderr);
    }
    let db = dir.path().join("jobs.db");
    assert_eq!(column(&db, "title || ' | ' || description", "odd:42"), "Dev \u{FFFD}\u{FFFD} | Stack\n\nElixir");
}

/// A list whose `totalFound` never ends and whose every page is the same
/// (a mirror that ignores `offset`): the crawl stops at `max_pages` and
/// says so.
#[test]
fn a_smartrecruiters_list_that_never_ends_is_bounded_by_max_pages() {
    let mut site = StaticSite::default();
    // Served whatever the query.
    site.insert(
        "/v1/companies/loop/postings",
        br#"{"offset":0,"limit":100,"totalFound":1000000,"content":[{"id":"1"}]}"#.to_vec(),
    );
    let server = serve_site(site);
    let dir = tempfile::tempdir().unwrap();
    let run = crawl(dir.path(), &server, "smartrecruiters", "companies = [\"loop\"]\nmax_pages = 20");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let asked = server.running.requests().into_iter().filter(|p| p.starts_with("/v1/")).count();
    assert_eq!(asked, 20, "{:?}", server.running.requests());
    assert!(run.stderr.contains("max_pages (20) reached"), "{}", run.stderr);
}

/// The shipped `sources.toml` is valid, and each new kind's boards are
/// asked for at the real services.
#[test]
fn the_shipped_sources_list_real_boards_of_the_three_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources.toml");
    let out = skilltrend(dir.path()).args(["crawl", "--dry-run", "--config"]).arg(&shipped).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for url in [
        "https://api.smartrecruiters.com/v1/companies/BoschGroup/postings?limit=100&offset=0",
        "https://apply.workable.com/api/v1/widget/accounts/blueground?details=true",
        "https://ottonova.jobs.personio.de/xml",
    ] {
        assert!(text.lines().any(|l| l.trim() == url), "{url} is not asked for:\n{text}");
    }
}
