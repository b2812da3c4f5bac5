//! `skilltrend discover` against local careers pages (`fixtures/discover/`)
//! in the shapes real ones take: iframe and script embeds, plain links, a
//! careers link from a home page, a redirect to the board, JSON-LD, and
//! nothing at all.

use std::path::Path;

use skilltrend::config::Config;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{fixture, skilltrend};

/// A site serving fixture pages at paths (anything else is a 404).
async fn site(pages: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    for (at, file) in pages {
        let body = std::fs::read(fixture(&format!("discover/{file}"))).unwrap();
        let kind = if file.ends_with(".txt") { "text/plain" } else { "text/html; charset=utf-8" };
        Mock::given(method("GET"))
            .and(path(*at))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, kind))
            .mount(&server)
            .await;
    }
    server
}

/// A redirect from `at` to `to`.
async fn redirect(server: &MockServer, at: &str, to: &str) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", to))
        .mount(server)
        .await;
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `skilltrend discover --delay-ms 0 ARGS` in `dir`.
async fn discover(dir: &Path, args: &[&str]) -> Run {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let out = skilltrend(&dir).args(["discover", "--delay-ms", "0"]).args(&args).output().unwrap();
        Run {
            code: out.status.code().unwrap(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    })
    .await
    .unwrap()
}

/// The paths the server was asked for, in order.
async fn asked(server: &MockServer) -> Vec<String> {
    server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_string()).collect()
}

/// A config of these blocks validates, with these sources.
fn valid(blocks: &str) -> Vec<(String, &'static str)> {
    let config = Config::parse(Path::new("found.toml"), blocks).unwrap();
    config.sources.into_iter().map(|s| (s.name, s.kind.name())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_iframe_embed_is_a_greenhouse_board() {
    let server = site(&[("/careers", "greenhouse-iframe.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let run = discover(dir.path(), &[&format!("{}/careers", server.uri())]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = format!(
        "# Greenhouse board \"acmerobotics\": an iframe on {}/careers\n\
         [[sources]]\nname = \"acmerobotics-greenhouse\"\nkind = \"greenhouse\"\nboards = [\"acmerobotics\"]\n",
        server.uri()
    );
    assert_eq!(run.stdout, want);
    assert_eq!(valid(&run.stdout), [("acmerobotics-greenhouse".to_string(), "greenhouse")]);
    // The board was found on the page: no link was followed.
    assert_eq!(asked(&server).await, ["/robots.txt", "/careers"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn script_embeds_of_greenhouse_ashby_and_lever() {
    let server =
        site(&[("/a", "greenhouse-script.html"), ("/b", "ashby-script.html"), ("/c", "lever-inline.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let u = |p: &str| format!("{}{p}", server.uri());
    let run = discover(dir.path(), &[&u("/a"), &u("/b"), &u("/c")]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = format!(
        "# Greenhouse board \"betalabs\": a script on {a}\n\
         [[sources]]\nname = \"betalabs-greenhouse\"\nkind = \"greenhouse\"\nboards = [\"betalabs\"]\n\n\
         # Ashby board \"acme-robotics\": a script on {b} (and 1 more)\n\
         [[sources]]\nname = \"acme-robotics-ashby\"\nkind = \"ashby\"\nboards = [\"acme-robotics\"]\n\n\
         # Lever board \"gamma-io\": an inline script on {c}\n\
         [[sources]]\nname = \"gamma-io-lever\"\nkind = \"lever\"\nsites = [\"gamma-io\"]\n",
        a = u("/a"),
        b = u("/b"),
        c = u("/c")
    );
    assert_eq!(run.stdout, want);
    assert_eq!(valid(&run.stdout).len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_links_to_every_kind_of_board() {
    let server = site(&[("/careers", "links.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let page = format!("{}/careers", server.uri());
    let run = discover(dir.path(), &[&page]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let block = |comment: &str, name: &str, kind: &str, key: &str, token: &str| {
        format!("# {comment} on {page}\n[[sources]]\nname = \"{name}\"\nkind = \"{kind}\"\n{key} = [\"{token}\"]\n")
    };
    let want = [
        block("Lever board \"acme-logistics\": a link", "acme-logistics-lever", "lever", "sites", "acme-logistics")
            .replace(&format!("on {page}\n"), &format!("on {page} (and 1 more)\n")),
        block("Workable board \"acme-foods\": a link", "acme-foods-workable", "workable", "accounts", "acme-foods"),
        block(
            "SmartRecruiters board \"AcmeRetail1\": a link",
            "acmeretail1-smartrecruiters",
            "smartrecruiters",
            "companies",
            "AcmeRetail1",
        ),
        block("Recruitee board \"acmebikes\": a link", "acmebikes-recruitee", "recruitee", "companies", "acmebikes"),
        block("Personio board \"acme-gmbh\": a link", "acme-gmbh-personio", "personio", "companies", "acme-gmbh"),
        block(
            "Workday board \"https://acmegroup.wd3.myworkdayjobs.com/AcmeCareers\": a link",
            "acmegroup-acmecareers-workday",
            "workday",
            "sites",
            "https://acmegroup.wd3.myworkdayjobs.com/AcmeCareers",
        ),
    ]
    .join("\n");
    assert_eq!(run.stdout, want);
    // Every block is a source the crawler accepts (greenhouse, ashby and
    // jsonld blocks are checked in the tests above).
    let mut kinds: Vec<&str> = valid(&run.stdout).into_iter().map(|(_, kind)| kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["lever", "personio", "recruitee", "smartrecruiters", "workable", "workday"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_careers_link_from_a_home_page_but_no_link_off_the_host() {
    let server = site(&[("/", "home.html"), ("/careers", "ashby-script.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let home = format!("{}/", server.uri());
    let run = discover(dir.path(), &[&home, "--format", "json"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let result = &json["results"][0];
    assert_eq!(result["url"], home);
    let careers = format!("{}/careers", server.uri());
    // The off-host "We're hiring!" link and the PDF were not looked at.
    assert_eq!(
        result["looked_at"],
        serde_json::json!([{"url": home, "result": "read"}, {"url": careers, "result": "read"}])
    );
    let found = &result["found"][0];
    assert_eq!(found["system"], "Ashby");
    assert_eq!(found["kind"], "ashby");
    assert_eq!(found["token"], "acme-robotics");
    assert_eq!(found["name"], "acme-robotics-ashby");
    assert_eq!(
        found["seen"],
        serde_json::json!([
            {"how": "script", "page": careers, "url": "https://jobs.ashbyhq.com/acme-robotics/embed?version=2"},
            {"how": "link", "page": careers, "url": "https://jobs.ashbyhq.com/acme-robotics"},
        ])
    );
    assert_eq!(result["found"].as_array().unwrap().len(), 1);
    assert_eq!(valid(found["source"].as_str().unwrap()), [("acme-robotics-ashby".to_string(), "ashby")]);
    assert_eq!(asked(&server).await, ["/robots.txt", "/", "/careers"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_to_the_board_is_recognised_without_fetching_it() {
    let server = MockServer::start().await;
    redirect(&server, "/jobs", "https://jobs.lever.co/acme").await;
    let dir = tempfile::tempdir().unwrap();
    let jobs = format!("{}/jobs", server.uri());
    let run = discover(dir.path(), &[&jobs]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "# Lever board \"acme\": a redirect on {jobs}\n\
             [[sources]]\nname = \"acme-lever\"\nkind = \"lever\"\nsites = [\"acme\"]\n"
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn job_posting_json_ld_is_the_fallback() {
    let server = site(&[("/careers", "jsonld.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let page = format!("{}/careers", server.uri());
    let run = discover(dir.path(), &[&page]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "# JobPosting JSON-LD on {page}\n\
             [[sources]]\nname = \"127.0.0.1-jsonld\"\nkind = \"jsonld\"\nstart_urls = [\"{page}\"]\n"
        )
    );
    assert_eq!(valid(&run.stdout), [("127.0.0.1-jsonld".to_string(), "jsonld")]);
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_found_lists_what_was_looked_at() {
    let server = site(&[
        ("/", "nothing-home.html"),
        ("/careers", "nothing-careers.html"),
        ("/robots.txt", "robots-epsilon.txt"),
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    let u = |p: &str| format!("{}{p}", server.uri());
    let run = discover(dir.path(), &[&u("/")]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    // Five links at most, the likeliest first ("Join our team" at /team is
    // sixth); robots.txt is obeyed.
    let want = format!(
        "found no job board on {}; looked at:\n  {}: read\n  {}: read\n  {}: HTTP 404\n  {}: not fetched: disallowed by robots.txt\n  {}: HTTP 404\n  {}: HTTP 404\n",
        u("/"),
        u("/"),
        u("/careers"),
        u("/jobs"),
        u("/de/karriere"),
        u("/work-with-us"),
        u("/open-positions"),
    );
    assert_eq!(run.stderr, want);
    assert_eq!(asked(&server).await, ["/robots.txt", "/", "/careers", "/jobs", "/work-with-us", "/open-positions"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_to_a_private_address_is_refused() {
    let server = MockServer::start().await;
    let port = server.address().port();
    redirect(&server, "/careers", &format!("http://127.0.0.2:{port}/careers")).await;
    redirect(&server, "/jobs", "https://jobs.example.org/acme").await;
    let dir = tempfile::tempdir().unwrap();
    let u = |p: &str| format!("{}{p}", server.uri());
    let run = discover(dir.path(), &[&u("/careers"), &u("/jobs")]).await;
    assert_eq!(run.code, 1);
    let want = format!(
        "found no job board on {c}; looked at:\n  {c}: redirected to http://127.0.0.2:{port}/careers\n  \
         http://127.0.0.2:{port}/careers: not fetched: 127.0.0.2 is a private, loopback or link-local address: refused (only hosts of the source's own configured URLs may be)\n\
         found no job board on {j}; looked at:\n  {j}: redirected to https://jobs.example.org/acme\n  \
         https://jobs.example.org/acme: not fetched: neither the page's host nor a known job board\n",
        c = u("/careers"),
        j = u("/jobs"),
    );
    assert_eq!(run.stderr, want);
}

#[tokio::test(flavor = "multi_thread")]
async fn append_adds_the_blocks_and_refuses_a_name_already_there() {
    let server = site(&[("/careers", "greenhouse-iframe.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("sources.toml");
    let before = "# my sources\n[[sources]]\nname = \"hn\"\nkind = \"hn\"\nsince = \"2024-01\"  # recent only";
    std::fs::write(&config, before).unwrap();
    let page = format!("{}/careers", server.uri());
    let run = discover(dir.path(), &[&page, "--append", "sources.toml"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "added to sources.toml: acmerobotics-greenhouse\n");
    let after = std::fs::read_to_string(&config).unwrap();
    assert_eq!(after, format!("{before}\n\n{}", run.stdout));
    let names: Vec<String> = Config::load(&config).unwrap().sources.into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["hn", "acmerobotics-greenhouse"]);

    let again = discover(dir.path(), &[&page, "--append", "sources.toml"]).await;
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: sources.toml already has a source named \"acmerobotics-greenhouse\": nothing written \
         (rename it there, or add the block by hand under another name)\n"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), after);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_before_anything_is_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let run = discover(dir.path(), &["ftp://acme.example/careers"]).await;
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: \"ftp://acme.example/careers\" is not an http or https URL\n");
    std::fs::write(dir.path().join("broken.toml"), "[[sources]\n").unwrap();
    let run = discover(dir.path(), &["https://acme.example/", "--append", "broken.toml"]).await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: cannot append to broken.toml: not valid TOML: "), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_board_url_is_recognised_without_a_fetch() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing is fetched (no server answers for that host here).
    let run = discover(dir.path(), &["https://job-boards.greenhouse.io/acmerobotics/jobs/4012345"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "# Greenhouse board \"acmerobotics\": its own URL https://job-boards.greenhouse.io/acmerobotics/jobs/4012345\n\
         [[sources]]\nname = \"acmerobotics-greenhouse\"\nkind = \"greenhouse\"\nboards = [\"acmerobotics\"]\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn append_skips_a_board_another_source_already_lists() {
    let server = site(&[("/careers", "greenhouse-iframe.html"), ("/jobs", "ashby-script.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("sources.toml");
    let before = "[[sources]]\nname = \"greenhouse\"\nkind = \"greenhouse\"\nboards = [\"stripe\", \"AcmeRobotics\"]\n";
    std::fs::write(&config, before).unwrap();
    let u = |p: &str| format!("{}{p}", server.uri());
    let run = discover(dir.path(), &[&u("/careers"), &u("/jobs"), "--append", "sources.toml"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "sources.toml's source \"greenhouse\" already lists \"acmerobotics\": not added again\n\
         added to sources.toml: acme-robotics-ashby\n"
    );
    let ashby = run.stdout.split("\n\n").nth(1).unwrap();
    assert_eq!(std::fs::read_to_string(&config).unwrap(), format!("{before}\n{ashby}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_over_the_size_cap_is_dropped_and_said() {
    let server = MockServer::start().await;
    let huge =
        format!("<html><body>{}<a href=\"https://jobs.lever.co/acme\">Jobs</a></body></html>", "x".repeat(10_500_000));
    Mock::given(method("GET"))
        .and(path("/careers"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(huge.into_bytes(), "text/html"))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let page = format!("{}/careers", server.uri());
    let run = discover(dir.path(), &[&page]).await;
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "found no job board on {page}; looked at:\n  {page}: response larger than 10485760 bytes after decompression (max_body_bytes); dropped\n"
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn append_creates_a_missing_file() {
    let server = site(&[("/careers", "greenhouse-iframe.html")]).await;
    let dir = tempfile::tempdir().unwrap();
    let run = discover(dir.path(), &[&format!("{}/careers", server.uri()), "--append", "new.toml"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("new.toml")).unwrap(), run.stdout);
    assert_eq!(valid(&run.stdout), [("acmerobotics-greenhouse".to_string(), "greenhouse")]);
}
