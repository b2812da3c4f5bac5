//! Figures fit for a paper (issue 12, items 6–10): tick labels at any
//! length, series that never look alike, end-of-line labels, wrapped
//! titles, text legible at 600×400, `--scale`, the font inside the SVG,
//! `--format pdf`, a count axis that fits its data, and `top`'s intervals
//! and N. Charts are drawn from series built here (the library) and from a
//! small SQLite database through the binary; assertions read the SVG's
//! text elements, the PNG's pixels and the PDF's structure.

use std::path::Path;

use crate::common::skilltrend;
use skilltrend::extract::{Extractor, Taxonomy};
use skilltrend::report::Metric;
use skilltrend::report::chart::{ChartSpec, FacetSpec, Picture, render};
use skilltrend::report::series::{Point, Report, Series, wilson};
use skilltrend::sources::Posting;
use skilltrend::store::Store;

/// A report over `periods` with one series per name; series `k` ends at a
/// share of `last[k]` (earlier points drift towards it), `total` postings
/// a period.
fn report(periods: &[String], names: &[&str], last: &[f64], total: u64) -> Report {
    let series = names
        .iter()
        .zip(last)
        .map(|(name, end)| Series {
            skill: name.to_lowercase(),
            name: name.to_string(),
            points: (0..periods.len())
                .map(|i| {
                    let share = end * (0.8 + 0.2 * (i + 1) as f64 / periods.len() as f64);
                    let mentioning = (share * total as f64).round() as u64;
                    let (low, high) = wilson(mentioning, total).unzip();
                    Point {
                        period: periods[i].clone(),
                        skill: name.to_lowercase(),
                        source: None,
                        mentioning,
                        total,
                        share: Some(mentioning as f64 / total as f64),
                        low,
                        high,
                        coverage: None,
                    }
                })
                .collect(),
        })
        .collect();
    Report { periods: periods.to_vec(), totals: vec![total; periods.len()], series }
}

fn spec<'a>(report: &'a Report, title: &str, size: (u32, u32)) -> ChartSpec<'a> {
    ChartSpec {
        report,
        title: title.to_string(),
        subtitle: "Share of all postings that mention each skill".into(),
        metric: Metric::Share,
        interval: true,
        smooth: None,
        partial_last: false,
        rollup: false,
        period_name: "Quarter".into(),
        footnote: vec!["Source: test".into()],
        source_marks: Vec::new(),
        unit: "postings",
        width: size.0,
        height: size.1,
    }
}

/// The SVG's text elements: (text, x, y, font size).
fn texts(svg: &str) -> Vec<(String, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n.text().unwrap_or("").trim().to_string(), num(n, "x"), num(n, "y"), num(n, "font-size")))
        .collect()
}

fn svg_of(spec: &ChartSpec<'_>) -> String {
    String::from_utf8(render(spec, Picture::Svg, 1.0).unwrap()).unwrap()
}

fn quarters(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{}-Q{}", 2018 + i / 4, i % 4 + 1)).collect()
}

#[test]
fn period_axes_keep_tick_labels_at_any_length() {
    let weeks: Vec<String> = (2019..2024).flat_map(|y| (1..=52).map(move |w| format!("{y}-W{w:02}"))).collect();
    let years: Vec<String> = (1990..2026).map(|y| y.to_string()).collect();
    let months: Vec<String> = (2011..2027).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect();
    for (periods, expect) in
        [(quarters(33), "2018..2026"), (weeks, "2019..2023"), (years, "1990..2025"), (months, "2011..2026")]
    {
        for size in [(1200, 700), (600, 400)] {
            let r = report(&periods, &["Python"], &[0.3], 100);
            let svg = svg_of(&spec(&r, "Ticks", size));
            let labels: Vec<String> = texts(&svg)
                .into_iter()
                .map(|t| t.0)
                .filter(|t| t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1990..2030).contains(&y)))
                .collect();
            assert!(labels.len() >= 4, "{expect} at {size:?}: {labels:?}");
            assert!(labels.windows(2).all(|w| w[0] < w[1]), "{expect} at {size:?}: {labels:?}");
            // Weeks are labelled by their years, not by a week number here and there.
            assert!(!texts(&svg).iter().any(|t| t.0.contains("-W")), "{expect} at {size:?}");
        }
    }
}

#[test]
fn lines_are_named_at_their_right_ends_and_a_legend_only_when_names_would_collide() {
    let periods = quarters(12);
    // Series order is not the order of their last values.
    let apart = report(&periods, &["Java", "Python", "PHP"], &[0.2, 0.5, 0.05], 400);
    let svg = svg_of(&spec(&apart, "Apart", (1200, 700)));
    let y_of = |svg: &str, name: &str| texts(svg).into_iter().find(|t| t.0 == name).map(|t| t.2).expect(name);
    let (java, python, php) = (y_of(&svg, "Java"), y_of(&svg, "Python"), y_of(&svg, "PHP"));
    assert!(python < java && java < php, "labels follow the lines' ends: {python} {java} {php}");
    assert!(php - python > 200.0, "each name beside its line's end, not stacked: {python} {php}");

    // Twelve lines ending within a few points of each other: a legend, in series order, evenly spaced.
    let names = ["A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "I9", "J10", "K11", "L12"];
    let close: Vec<f64> = (0..12).map(|k| 0.30 + 0.002 * ((k * 7) % 12) as f64).collect();
    let crowded = report(&periods, &names, &close, 400);
    let svg = svg_of(&spec(&crowded, "Crowded", (1200, 700)));
    let ys: Vec<f64> = names.iter().map(|n| y_of(&svg, n)).collect();
    let steps: Vec<f64> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(steps.iter().all(|s| *s > 0.0 && (s - steps[0]).abs() < 2.0), "{ys:?}");
}

#[test]
fn more_series_than_colours_still_look_different() {
    use std::collections::HashSet;
    let styles: HashSet<_> = (0..12).map(skilltrend::report::chart::series_style).collect();
    assert_eq!(styles.len(), 12, "12 series, 12 looks");
    // And the chart draws them: a series beyond the palette is dashed, so
    // its line is many short paths where a solid one is one.
    let periods = quarters(20);
    let names: Vec<String> = (0..9).map(|k| format!("S{k}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let lasts: Vec<f64> = (0..9).map(|k| 0.05 + 0.08 * k as f64).collect();
    let r = report(&periods, &refs, &lasts, 400);
    let mut s = spec(&r, "Nine", (1200, 700));
    s.interval = false;
    let svg = svg_of(&s);
    let first = format!("stroke=\"#{:02X}{:02X}{:02X}\"", 0, 114, 178);
    let paths_in_blue = svg.lines().filter(|l| l.contains("<polyline") && l.contains(&first)).count();
    assert!(paths_in_blue > 10, "series 0 and 8 share blue; 8 is dashed: {paths_in_blue} blue paths");
}

#[test]
fn long_titles_wrap_and_text_stays_legible_at_600_by_400() {
    let periods = quarters(12);
    let r = report(&periods, &["Python", "Java"], &[0.4, 0.2], 300);
    let title = "Demand for Python, Java, PHP, SQL, Go, Rust, JavaScript, TypeScript, Ruby, C#, Kotlin and Scala in back-end job postings";
    let svg = svg_of(&spec(&r, title, (600, 400)));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bold: Vec<(String, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
        .map(|n| (n.text().unwrap_or("").trim().to_string(), n.attribute("font-size").unwrap().parse().unwrap()))
        .collect();
    assert!(bold.len() >= 2, "the title wraps: {bold:?}");
    assert_eq!(bold.iter().map(|b| b.0.as_str()).collect::<Vec<_>>().join(" "), title);
    // Roboto's letters average under half an em: each line fits in 600 px.
    assert!(bold.iter().all(|(t, size)| t.chars().count() as f64 * size * 0.5 < 600.0), "{bold:?}");
    // Every text at least 8 px (an 8 px em is 6 pt on a 96 dpi page).
    let small: Vec<_> = texts(&svg).into_iter().filter(|t| t.3.is_nan() || t.3 < 8.0).collect();
    assert!(small.is_empty(), "too small to read: {small:?}");
}

#[test]
fn the_count_axis_fits_its_data() {
    let months: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
    let mut r = report(&months, &["Python"], &[0.3], 1000);
    r.totals[5] = 1000;
    let svg = svg_of(&spec(&r, "Counts", (1200, 700)));
    let numbers: Vec<f64> = texts(&svg).into_iter().filter_map(|t| t.0.parse::<f64>().ok()).collect();
    let top = numbers.iter().copied().fold(0.0, f64::max);
    assert!((1000.0..=1500.0).contains(&top), "the count axis runs to {top} for a peak of 1,000: {numbers:?}");
}

/// A database of 3 months × 60 postings, Python in 30%..50% of them.
fn build_db(path: &Path) {
    let extractor = Extractor::new(std::sync::Arc::new(Taxonomy::builtin())).unwrap();
    let mut store = Store::open(path).unwrap();
    store.sync_taxonomy(extractor.taxonomy()).unwrap();
    for i in 0..180 {
        let month = 1 + i / 60;
        let text = match i % 10 {
            0..=3 => "Python and PostgreSQL",
            4 | 5 => "Java, Spring Boot",
            6 => "Go and Kubernetes",
            _ => "PHP and MySQL",
        };
        let posting = Posting {
            external_id: format!("p{i}"),
            posted_at: Some(format!("2024-{month:02}-{:02}T12:00:00Z", 1 + i % 28)),
            description: text.to_string(),
            raw_format: "test",
            raw: text.to_string(),
            ..Posting::default()
        };
        let skills = extractor.posting_skills(None, text);
        store.upsert_posting("fixture", &posting, &skills, "http://127.0.0.1/").unwrap();
    }
}

#[test]
fn scale_pdf_and_embedded_font_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"));
    let run = |args: &[&str]| skilltrend(dir.path()).args(["--db", "jobs.db"]).args(args).assert().success();
    run(&["report", "--until", "2024-03", "--width", "600", "--height", "400", "--scale", "2", "--out", "x2.png"]);
    run(&["report", "--until", "2024-03", "--width", "600", "--height", "400", "--out", "x1.png"]);
    let open = |f: &str| image::open(dir.path().join(f)).unwrap().to_luma8();
    let (x1, x2) = (open("x1.png"), open("x2.png"));
    assert_eq!((x2.width(), x2.height()), (1200, 800));
    // The same layout: the ink of the small picture, scaled up, lands where the big one's is.
    let dark = |img: &image::GrayImage, x: u32, y: u32| img.get_pixel(x, y).0[0] < 128;
    let (mut same, mut all) = (0, 0);
    for y in 0..400 {
        for x in 0..600 {
            if dark(&x1, x, y) {
                all += 1;
                same += usize::from((0..2).any(|dy| (0..2).any(|dx| dark(&x2, 2 * x + dx, 2 * y + dy))));
            }
        }
    }
    assert!(all > 500 && same * 10 >= all * 8, "{same} of {all} dark pixels match");
    skilltrend(dir.path()).args(["--db", "jobs.db", "report", "--scale", "9", "--out", "x.png"]).assert().code(2);

    run(&["report", "--until", "2024-03", "--out", "trend.svg"]);
    let svg = std::fs::read_to_string(dir.path().join("trend.svg")).unwrap();
    assert!(svg.contains("@font-face") && svg.contains("data:font/ttf;base64,"), "the font is inside the SVG");
    assert!(texts(&svg).iter().any(|t| t.0 == "Python"));
    assert!(!svg.contains("font-family=\"sans-serif\""), "every text names the embedded font");

    for (cmd, file) in [("report", "trend.pdf"), ("top", "top.pdf"), ("roles", "roles.pdf")] {
        run(&[cmd, "--out", file, "--since", "2024-01", "--until", "2024-03"]);
        let pdf = std::fs::read(dir.path().join(file)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{file}");
        let text = String::from_utf8_lossy(&pdf);
        assert_eq!(text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count(), 1, "{file}: one page");
        assert!(text.contains("/MediaBox [0 0 900 525]"), "{file}: 1200×700 px at 96 dpi");
        assert!(pdf.len() > 5_000, "{file}: {} bytes", pdf.len());
    }
    let out = skilltrend(dir.path()).args(["--db", "jobs.db", "report", "--format", "pdf"]).output().unwrap();
    assert!(out.status.success() && out.stdout.starts_with(b"%PDF-"));
}

#[test]
fn top_bars_show_their_intervals_and_n() {
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"));
    let args = ["--db", "jobs.db", "top", "--since", "2024-02", "--until", "2024-03"];
    let json = skilltrend(dir.path()).args(args).args(["--format", "json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rows = doc["rows"].as_array().unwrap().clone();
    let svg = skilltrend(dir.path()).args(args).args(["--format", "svg"]).output().unwrap();
    let svg = String::from_utf8(svg.stdout).unwrap();
    let notes: Vec<String> = texts(&svg).into_iter().map(|t| t.0).filter(|t| t.contains("(n = ")).collect();
    assert_eq!(notes.len(), rows.len(), "{notes:?}");
    for row in &rows {
        let (k, share) = (row["mentioning"].as_u64().unwrap(), row["share"].as_f64().unwrap());
        let note = format!("{:.1}% (n = {k})", share * 100.0);
        assert!(notes.iter().any(|n| n.starts_with(&note)), "{note} in {notes:?}");
    }
    assert!(!notes.iter().any(|n| n.contains("-0.0")), "{notes:?}");
    // The whiskers: for each bar a horizontal line from its interval's low to its high end.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let whiskers = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#212529"))
        .filter(|n| {
            let pts: Vec<&str> = n.attribute("points").unwrap_or("").split_whitespace().collect();
            pts.len() == 2 && pts[0].split(',').nth(1) == pts[1].split(',').nth(1) && pts[0] != pts[1]
        })
        .count();
    assert!(whiskers >= rows.len(), "{whiskers} whiskers for {} bars", rows.len());
}

#[test]
fn facets_draw_one_panel_per_series_on_shared_axes() {
    let periods = quarters(24);
    let names = ["A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "I9", "J10", "K11", "L12"];
    let lasts: Vec<f64> = (0..12).map(|k| 0.05 + 0.03 * k as f64).collect();
    let r = report(&periods, &names, &lasts, 400);
    let spec = spec(&r, "Facets", (1200, 700));
    let svg = String::from_utf8(render(&FacetSpec(&spec), Picture::Svg, 1.0).unwrap()).unwrap();
    let all = texts(&svg);
    // One panel per series, each named once.
    for name in names {
        assert_eq!(all.iter().filter(|t| t.0 == name).count(), 1, "{name}");
    }
    // Shared y axis: the first panel of each of the 3 rows carries the same labels.
    let mut percents: std::collections::BTreeMap<String, usize> = Default::default();
    for t in all.iter().filter(|t| t.0.ends_with('%')) {
        *percents.entry(t.0.clone()).or_default() += 1;
    }
    assert!(percents.len() >= 2 && percents.values().all(|c| *c == 3), "{percents:?}");
    // Postings per period are stated.
    assert!(all.iter().any(|t| t.0.starts_with("Postings per period: 400 to 400")), "{all:?}");
    let dir = tempfile::tempdir().unwrap();
    build_db(&dir.path().join("jobs.db"));
    skilltrend(dir.path())
        .args(["--db", "jobs.db", "report", "--facet", "--until", "2024-03", "--out", "f.png"])
        .assert()
        .success();
    assert!(image::open(dir.path().join("f.png")).is_ok());
}
