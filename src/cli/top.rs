//! `skilltrend top`: the skills most in demand in a period, with the change
//! against the period just before.

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::Selection;
use crate::InputError;
use crate::extract::Category;
use crate::report::chart::{Picture, TopSpec, render};
use crate::report::output::{csv_field, render_table};
use crate::report::{Format, Period};
use crate::store::reports::{TopQuery, TopRow};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// How many skills.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=200))]
    limit: u32,

    /// The period (default: the last complete quarter).
    #[command(flatten)]
    selection: Selection,

    /// Only skills of this category: language, database, framework, cloud, tool.
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

fn table(rows: &[TopRow]) -> String {
    let header: Vec<String> =
        ["#", "skill", "category", "postings", "share", "previous", "change"].iter().map(|s| s.to_string()).collect();
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
                r.change.map_or("-".into(), |c| format!("{:+.1} pp", c * 100.0)),
            ]
        })
        .collect();
    render_table(&header, &body)
}

fn csv(rows: &[TopRow]) -> String {
    let mut out =
        String::from("skill,name,category,mentioning,total,share,prev_mentioning,prev_total,prev_share,change\n");
    let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.6}"));
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{:.6},{},{},{},{}\n",
            r.skill,
            csv_field(&r.name),
            r.category,
            r.mentioning,
            r.total,
            r.share,
            r.prev_mentioning,
            r.prev_total,
            f(r.prev_share),
            f(r.change)
        ));
    }
    out
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = args.output.format()?;
    let store = g.open_read_only()?;
    let today = chrono::Utc::now().date_naive();
    let mut q = TopQuery {
        category: args.category.map(|c| c.as_str().to_string()),
        sources: (!args.selection.sources.is_empty()).then(|| args.selection.sources.clone()),
        limit: args.limit as usize,
        population: args.selection.population.population(),
        ..TopQuery::default()
    };
    match (args.selection.since, args.selection.until) {
        (None, None) => {
            // The last complete quarter, against the one before.
            let until = Period::Quarter.last_complete_day(today);
            let since = Period::Quarter.start_of(until);
            let prev_until = since - chrono::Duration::days(1);
            q.since = Some(since.to_string());
            q.until = Some(until.to_string());
            q.prev_since = Some(Period::Quarter.start_of(prev_until).to_string());
            q.prev_until = Some(prev_until.to_string());
        }
        (since, until) => {
            let until = until.map_or(today, |u| u.last);
            let since = since.map_or_else(|| until - chrono::Duration::days(90), |s| s.first);
            if since > until {
                return Err(InputError(format!("--since {since} is after --until {until}")).into());
            }
            q.since = Some(since.to_string());
            q.until = Some(until.to_string());
        }
    }
    let rows = store.top_skills(&q)?;
    if rows.is_empty() {
        let last = store.source_summary_all()?;
        eprintln!(
            "no postings between {} and {}{}",
            q.since.as_deref().unwrap_or(""),
            q.until.as_deref().unwrap_or(""),
            last.map_or(String::new(), |d| format!(" (the last posting is from {d}; use --since/--until)"))
        );
        return Ok(ExitCode::from(1));
    }
    let (since, until) = rows[0].period.clone();
    let (ps, pu) = rows[0].prev_period.clone();
    let bytes = match format {
        Format::Table => table(&rows).into_bytes(),
        Format::Csv => csv(&rows).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(&rows)? + "\n").into_bytes(),
        Format::Png | Format::Svg | Format::Pdf => {
            let what = args.category.map_or("skills".to_string(), |c| format!("{c}s"));
            let spec = TopSpec {
                rows: &rows,
                title: args.title.clone().unwrap_or_else(|| format!("Top {} {what} in demand", rows.len())),
                subtitle: format!(
                    "Share of {} that mention each, {since} to {until}, with 95% Wilson intervals; the tick marks {ps} to {pu}",
                    q.population.describe()
                ),
                footnote: vec![format!(
                    "{} {} in the period, {} in the one before · skilltrend {} · generated {today}",
                    rows[0].total,
                    q.population.describe().trim_start_matches("all "),
                    rows[0].prev_total,
                    env!("CARGO_PKG_VERSION")
                )],
                width: args.size.width,
                height: args.size.height,
            };
            render(&spec, format.picture().unwrap_or(Picture::Png), args.size.scale)?
        }
    };
    args.output.write(&bytes, g.quiet, || format!("{} skills, {since} to {until}", rows.len()))?;
    Ok(ExitCode::SUCCESS)
}
