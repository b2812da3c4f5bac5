//! `skilltrend demo`: the main job, offline, on the bundled job board.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, interrupt_token, runtime, write_stdout};
use crate::demo::{self, DemoResult};
use crate::report::output::render_table;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Where to write skilltrend-demo.db and skilltrend-demo.png.
    #[arg(long, default_value = ".", value_name = "DIR")]
    out_dir: PathBuf,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let own = args.out_dir.join(demo::DB_NAME);
    if g.db_given && !same_path(&g.db, &own) {
        // The demo crawls into a database of its own; it never adds its
        // made-up postings to one of yours.
        return Err(crate::InputError(format!(
            "demo makes its own database ({}); it does not use --db {} (choose the folder with --out-dir)",
            own.display(),
            g.db.display()
        ))
        .into());
    }
    let extractor = g.extractor()?;
    let rt = runtime()?;
    let result = rt.block_on(async {
        let interrupt = interrupt_token();
        demo::run(&args.out_dir, extractor, g.progress(), interrupt).await
    })?;
    if !g.quiet {
        write_stdout(summary(&result).as_bytes())?;
    }
    Ok(super::crawl::exit_code(result.crawl.status))
}

/// Whether two paths name the same file, "./" or not.
fn same_path(a: &std::path::Path, b: &std::path::Path) -> bool {
    let cur = std::path::Component::CurDir;
    a.components().filter(|c| *c != cur).eq(b.components().filter(|c| *c != cur))
}

fn pct(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{:.1}%", x * 100.0))
}

/// The back-end population's shares and what it pays, per skill.
fn backend_and_pay(r: &DemoResult) -> String {
    let report = &r.backend.report;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  back-end postings (roles backend, fullstack): {} of {}",
        report.postings(),
        r.built.report.postings()
    );
    let header = vec![
        "  skill".to_string(),
        "share of back-end postings".to_string(),
        "with pay (USD)".to_string(),
        "median pay (95% CI)".to_string(),
    ];
    let rows: Vec<Vec<String>> = report
        .series
        .iter()
        .map(|s| {
            let mentioning: u64 = s.points.iter().map(|p| p.mentioning).sum();
            let pay = r.pay.iter().find(|p| p.skill == s.skill && p.currency == "USD");
            let median = match pay.and_then(|p| p.median.zip(p.median_low).zip(p.median_high)) {
                Some(((m, lo), hi)) => format!("${:.0}k ({:.0}k–{:.0}k)", m / 1e3, lo / 1e3, hi / 1e3),
                None => "too few".into(),
            };
            vec![
                format!("  {}", s.name),
                pct(Some(mentioning as f64 / report.postings().max(1) as f64)),
                pay.map_or("0".into(), |p| p.postings.to_string()),
                median,
            ]
        })
        .collect();
    out.push_str(&render_table(&header, &rows));
    out
}

fn summary(r: &DemoResult) -> String {
    let report = &r.built.report;
    let c = &r.crawl.totals;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "skilltrend demo: crawled a bundled job board and 4 years of HN-shaped \"Who is hiring?\" threads in {:.1} s",
        r.crawl.elapsed.as_secs_f64()
    );
    let per_source: Vec<String> = r
        .crawl
        .sources
        .iter()
        .map(|s| {
            format!("{} {}", s.source, s.counts.postings_new + s.counts.postings_updated + s.counts.postings_unchanged)
        })
        .collect();
    let _ = writeln!(
        out,
        "  postings stored  {} ({}; this run: {} new, {} updated, {} unchanged; {} pages fetched, {} blocked by robots.txt)",
        r.postings,
        per_source.join(", "),
        c.postings_new,
        c.postings_updated,
        c.postings_unchanged,
        c.pages_fetched,
        c.robots_blocked
    );
    let first = report.periods.first().cloned().unwrap_or_default();
    let last = report.periods.last().cloned().unwrap_or_default();
    let _ = writeln!(out, "  months covered   {} ({first} to {last})", report.periods.len());
    let header =
        vec!["  share of postings".to_string(), format!("first month ({first})"), format!("last month ({last})")];
    let rows: Vec<Vec<String>> = report
        .series
        .iter()
        .map(|s| {
            vec![
                format!("  {}", s.name),
                pct(s.points.first().and_then(|p| p.share)),
                pct(s.points.last().and_then(|p| p.share)),
            ]
        })
        .collect();
    out.push_str(&render_table(&header, &rows));
    out.push_str(&backend_and_pay(r));
    let _ = writeln!(out, "  wrote            {}", r.db.display());
    let _ = writeln!(out, "                   {}", r.chart.display());
    let _ = writeln!(out, "next: skilltrend --db {} report --format table", r.db.display());
    out
}
