//! `skilltrend site --out DIR`: one self-contained HTML page, read as a
//! file and rendered in headless Chromium (Debian's `chromium`): the
//! screenshot is not blank and the page logs nothing to the console.
//! CI installs Chromium and sets SKILLTREND_REQUIRE_CHROMIUM=1; elsewhere
//! the rendering half is skipped, loudly, when Chromium is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{open_db, skilltrend};

/// The demo's database (two sources, 1,858 postings over 2019–2025) and
/// the page written from it.
fn demo_site(dir: &Path) -> String {
    skilltrend(dir).arg("demo").assert().success();
    std::fs::rename(dir.join("skilltrend-demo.db"), dir.join("jobs.db")).unwrap();
    let out =
        skilltrend(dir).args(["--db", "jobs.db", "site", "--out", "report"]).assert().success().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("wrote report/index.html"), "{err}");
    std::fs::read_to_string(dir.join("report/index.html")).unwrap()
}

#[test]
fn the_page_is_self_contained_and_says_where_its_numbers_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let html = demo_site(dir.path());
    // Nothing to fetch at view time: no scripts, style sheets, images,
    // frames or fonts from anywhere; the only URL is the SVG namespace.
    for banned in ["<script", "<link", "<img", "<iframe", "@import", "src="] {
        assert!(!html.contains(banned), "the page refers to something outside it: {banned}");
    }
    // The charts' embedded font is the only url(), and it is data.
    assert!(
        html.match_indices("url(").all(|(i, _)| html[i + 4..].trim_start_matches('"').starts_with("data:")),
        "a url() that is not data"
    );
    let urls: Vec<&str> = html.match_indices("http").map(|(i, _)| &html[i..(i + 30).min(html.len())]).collect();
    assert!(urls.iter().all(|u| u.starts_with("http://www.w3.org/2000/svg")), "{urls:?}");
    // Every chart has a title and a description, and a table beside it.
    let svgs = html.matches("<svg").count();
    assert!(svgs >= 3, "{svgs} charts");
    assert_eq!(html.matches("<title id=").count(), svgs);
    assert_eq!(html.matches("<desc id=").count(), svgs);
    assert_eq!(html.matches("<figure>").count(), svgs);
    assert!(html.matches("<table>").count() > svgs, "a table beside each chart, and more");
    for heading in [
        "The headline trend",
        "Top and rising skills",
        "What the headline skills come with",
        "Coverage per source",
        "Methodology",
        "Provenance",
    ] {
        assert!(html.contains(&format!(">{heading}</h2>")), "no section {heading}");
    }
    // The provenance is the database's: its taxonomy hash, the sources and
    // the postings' count.
    let conn = open_db(&dir.path().join("jobs.db"));
    let hash: String = conn.query_row("SELECT value FROM meta WHERE key = 'taxonomy_hash'", [], |r| r.get(0)).unwrap();
    let postings: i64 = conn.query_row("SELECT count(*) FROM postings", [], |r| r.get(0)).unwrap();
    assert!(html.contains(&hash), "no taxonomy hash");
    assert!(html.contains("demo-board, demo-hn"), "no sources");
    assert!(html.contains(&format!("{postings} postings")), "no population size");
    assert!(html.contains("Wilson") && html.contains("Newcombe"), "no interval method");
    assert!(html.contains(env!("CARGO_PKG_VERSION")), "no version");
}

/// Chromium's binary, if any.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser"].into_iter().find_map(|name| {
        let ok = Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(name))
    });
    if found.is_none() {
        assert!(
            std::env::var_os("SKILLTREND_REQUIRE_CHROMIUM").is_none(),
            "chromium is required (SKILLTREND_REQUIRE_CHROMIUM) but missing"
        );
        eprintln!("\n!!! chromium not found: the site was NOT rendered (apt-get install chromium) !!!\n");
    }
    found
}

/// Renders a page; returns the screenshot and the console lines Chromium logged.
fn render(chromium: &Path, page: &Path, dir: &Path) -> (image::RgbImage, Vec<String>) {
    let shot = dir.join("shot.png");
    let _ = std::fs::remove_file(&shot);
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"])
        .args(["--enable-logging=stderr", "--v=0", "--window-size=1400,3000"])
        .arg(format!("--user-data-dir={}", dir.join("chromium-profile").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .env("HOME", dir)
        .output()
        .expect("chromium runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "chromium failed: {stderr}");
    let console = stderr.lines().filter(|l| l.contains(":CONSOLE")).map(String::from).collect();
    (image::open(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}): {stderr}")).to_rgb8(), console)
}

/// Pixels that are not (nearly) white, and pixels of the charts' blue.
fn ink(img: &image::RgbImage) -> (f64, usize) {
    let total = (img.width() * img.height()) as f64;
    let inked = img.pixels().filter(|p| p.0.iter().any(|&c| c < 235)).count() as f64;
    let blue =
        img.pixels().filter(|p| p.0[0] < 40 && (100..=130).contains(&p.0[1]) && (160..=195).contains(&p.0[2])).count();
    (inked / total, blue)
}

#[test]
fn the_page_renders_in_chromium_with_no_console_messages() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    demo_site(dir.path());
    // The check can fail: a page with a script error is caught, and a blank
    // page looks blank.
    let canary = dir.path().join("canary.html");
    std::fs::write(&canary, "<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>").unwrap();
    let (blank, console) = render(&chromium, &canary, dir.path());
    assert!(console.iter().any(|l| l.contains("undefinedFunction")), "the console is not read: {console:?}");
    assert!(ink(&blank).0 < 0.01, "a near-empty page counted as inked");
    let (shot, console) = render(&chromium, &dir.path().join("report/index.html"), dir.path());
    assert!(console.is_empty(), "the page logged: {console:?}");
    let (inked, blue) = ink(&shot);
    assert!(inked > 0.05, "the screenshot is nearly blank ({:.1}% inked)", inked * 100.0);
    assert!(blue > 2000, "the charts' blue is missing from the screenshot ({blue} pixels)");
}

/// The page reads `top`'s own periods (the last complete quarter of the
/// data, against the one before) and shows each period's coverage, per
/// source and over all of them, as `report` computes it.
#[test]
fn the_page_agrees_with_top_and_shows_coverage_per_period() {
    let dir = tempfile::tempdir().unwrap();
    let html = demo_site(dir.path());
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "top", "--format", "json"]).assert().success();
    let top: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let first = &top["rows"].as_array().unwrap()[0];
    let periods = format!(
        "{} to {} ({} postings), against {} to {} ({} postings)",
        first["since"].as_str().unwrap(),
        first["until"].as_str().unwrap(),
        first["total"],
        first["prev_since"].as_str().unwrap(),
        first["prev_until"].as_str().unwrap(),
        first["prev_total"]
    );
    assert!(html.contains(&periods), "the page's top periods differ from top's: {periods}");
    assert!(html.contains("<caption>Coverage per period"), "no per-period coverage");
    assert!(html.contains("<th scope=\"col\">demo-hn %</th>") && html.contains("<th scope=\"col\">all %</th>"));
    // HN's 2019-01 is complete; the board has not started.
    assert!(html.contains("<tr><th scope=\"row\">2019-01</th><td>–</td><td>100</td><td>100</td></tr>"), "{html}");
    assert!(html.contains("<th scope=\"col\">coverage %</th>"), "the trend's table has no coverage column");
}
