//! `skilltrend top`: the skills most in demand in a period, with the change
//! against the period just before.

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::{Selection, UniqueJobsArg};
use crate::extract::Category;
use crate::report::Format;
use crate::report::chart::{Picture, TopSpec, render};
use crate::report::coverage;
use crate::report::output::{csv_field, render_table};
use crate::report::period::{self, Comparison};
use crate::report::top::{self, SortBy};
use crate::store::reports::{TopQuery, TopRow};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// How many skills.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=200))]
    limit: u32,

    /// Rank by postings (default) or by change in share since the
    /// previous period (largest rise first).
    #[arg(long, value_enum, default_value = "postings")]
    sort: SortBy,

    /// The period (default: the last complete quarter of the data); month
    /// bounds compare the same number of whole months just before, day
    /// bounds the same number of days.
    #[command(flatten)]
    selection: Selection,

    #[command(flatten)]
    unique: UniqueJobsArg,

    /// Only skills of this category: language, database, framework, cloud, tool, concept.
    #[arg(long)]
    category: Option<Category>,

    #[command(flatten)]
    output: OutputArgs,

    #[command(flatten)]
    size: ChartSize,

    /// Chart title.
    #[arg(long)]
    title: Option<String>,
}

fn pct(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{:.1}%", x * 100.0))
}

/// The list for a terminal: what the two periods are, then a row per skill.
fn table(rows: &[TopRow], periods: &str) -> String {
    let header: Vec<String> = ["#", "skill", "category", "postings", "share", "previous", "change (95% interval)"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.category.clone(),
                r.mentioning.to_string(),
                pct(Some(r.share)),
                pct(r.prev_share),
                top::change_label(r),
            ]
        })
        .collect();
    let note = "change: percentage points, 95% Newcombe hybrid score interval; * the interval excludes 0";
    format!("{periods}\n{note}\n\n{}", render_table(&header, &body))
}

/// CSV: a `# ` line with the settings, then a row per skill.
fn csv(rows: &[TopRow], settings: &str) -> String {
    let mut out = format!("# {settings}\n");
    out.push_str(
        "skill,name,category,mentioning,total,share,prev_mentioning,prev_total,prev_share,change,\
         change_low,change_high,change_excludes_zero,since,until,prev_since,prev_until\n",
    );
    let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.6}"));
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{:.6},{},{},{},{},{},{},{},{},{},{},{}\n",
            r.skill,
            csv_field(&r.name),
            r.category,
            r.mentioning,
            r.total,
            r.share,
            r.prev_mentioning,
            r.prev_total,
            f(r.prev_share),
            f(r.change),
            f(r.change_low),
            f(r.change_high),
            top::excludes_zero(r),
            r.since,
            r.until,
            r.prev_since,
            r.prev_until
        ));
    }
    out
}

/// JSON: `{"settings": {...}, "rows": [...]}`, each row with its
/// interval, mark and periods.
fn json(rows: &[TopRow], settings: &[(&str, String)]) -> Result<String> {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r)?;
            v["change_excludes_zero"] = top::excludes_zero(r).into();
            Ok(v)
        })
        .collect::<Result<_>>()?;
    let settings: serde_json::Map<String, serde_json::Value> =
        settings.iter().map(|(k, v)| (k.to_string(), v.clone().into())).collect();
    Ok(serde_json::to_string_pretty(&serde_json::json!({ "settings": settings, "rows": values }))? + "\n")
}

/// Every setting that changes a number, for the JSON's `settings`.
fn settings(args: &Args, q: &TopQuery, cmp: &Comparison) -> Vec<(&'static str, String)> {
    vec![
        ("since", cmp.since.to_string()),
        ("until", cmp.until.to_string()),
        ("prev_since", cmp.prev_since.to_string()),
        ("prev_until", cmp.prev_until.to_string()),
        ("period_length", cmp.length.to_string()),
        ("population", q.population.describe()),
        ("sources", q.sources.as_ref().map_or("all".to_string(), |s| s.join(","))),
        ("category", args.category.map_or("all", |c| c.as_str()).to_string()),
        ("sort", args.sort.as_str().to_string()),
        ("interval", "95% Newcombe hybrid score".to_string()),
    ]
}

/// The same settings as the CSV's comment line.
fn settings_line(settings: &[(&str, String)]) -> String {
    let value = |key: &str| settings.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v.as_str());
    format!(
        "skilltrend top · since={} until={} prev_since={} prev_until={} ({} each) · population={} · sources={} · \
         category={} · sort={} · interval={}",
        value("since"),
        value("until"),
        value("prev_since"),
        value("prev_until"),
        value("period_length"),
        value("population"),
        value("sources"),
        value("category"),
        value("sort"),
        value("interval")
    )
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = args.output.format()?;
    let store = g.open_read_only()?;
    let today = chrono::Utc::now().date_naive();
    let sources = args.selection.checked_sources(&store)?;
    let q = TopQuery {
        category: args.category.map(|c| c.as_str().to_string()),
        sources,
        population: args.unique.apply(args.selection.population.population()),
        ..TopQuery::default()
    };
    let Some(last) = store.source_summary_all()? else {
        eprintln!("no postings: nothing to rank (crawl first)");
        return Ok(ExitCode::from(1));
    };
    let last_day = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d").unwrap_or(today);
    let cmp = period::comparison(args.selection.since, args.selection.until, last_day, today)?;
    let rows = top::ranked(&store, &q, &cmp, args.sort, args.limit as usize)?;
    if rows.is_empty() {
        eprintln!(
            "no postings between {} and {} (the last posting is from {last}; use --since/--until)",
            cmp.since, cmp.until
        );
        return Ok(ExitCode::from(1));
    }
    let spans = coverage::spans(&store.coverage_facts(q.sources.as_deref())?);
    let periods = top::describe_periods(&cmp, rows[0].total, rows[0].prev_total, &spans);
    let bytes = match format {
        Format::Table => table(&rows, &periods).into_bytes(),
        Format::Csv => csv(&rows, &settings_line(&settings(&args, &q, &cmp))).into_bytes(),
        Format::Json => json(&rows, &settings(&args, &q, &cmp))?.into_bytes(),
        Format::Png | Format::Svg | Format::Pdf => chart(&args, &q, &rows, &periods, format, today)?,
    };
    let wrote = || format!("{} skills, {periods}", rows.len());
    args.output.write(&bytes, g.quiet, wrote)?;
    Ok(ExitCode::SUCCESS)
}

/// The bars as PNG or SVG.
fn chart(
    args: &Args,
    q: &TopQuery,
    rows: &[TopRow],
    periods: &str,
    format: Format,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let what = args.category.map_or("skills".to_string(), |c| format!("{c}s"));
    let by = if args.sort == SortBy::Change { "ranked by change in share" } else { "in demand" };
    let spec = TopSpec {
        rows,
        title: args.title.clone().unwrap_or_else(|| format!("Top {} {what} {by}", rows.len())),
        subtitle: format!(
            "Share of {} that mention each, with 95% Wilson intervals; the tick marks the previous period",
            q.population.describe()
        ),
        footnote: vec![
            format!("{periods}; sources: {}", q.sources.as_ref().map_or("all".to_string(), |s| s.join(", "))),
            format!(
                "Change in percentage points with its 95% Newcombe hybrid score interval; * the interval excludes 0 · \
                 skilltrend {} · generated {today}",
                env!("CARGO_PKG_VERSION")
            ),
        ],
        width: args.size.width,
        height: args.size.height,
    };
    render(&spec, format.picture().unwrap_or(Picture::Png), args.size.scale)
}
