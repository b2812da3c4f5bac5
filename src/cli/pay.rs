//! `skilltrend pay`: what postings that ask for each skill pay — per
//! skill and currency, annualised, the median with its 95% confidence
//! interval and the interquartile range (`queries/pay_by_skill.sql`).

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::{Selection, UniqueJobsArg};
use crate::report::chart::{PayBar, PaySpec, Picture, render};
use crate::report::output::{csv_field, render_table};
use crate::report::{Format, check_skills};
use crate::store::reports::{PayQuery, PayRow};

/// Fewest postings with pay to state figures for.
const MIN_POSTINGS: u64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PayPeriods {
    All,
    Year,
    Quarter,
    Month,
}

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Skills by id, name or alias, comma-separated, or a preset such as
    /// @backend-core (see `skilltrend skills` and `skills --presets`).
    #[arg(long, value_delimiter = ',', default_value = "python,java,php,sql")]
    skills: Vec<String>,

    /// One figure for the whole range (all), or a series.
    #[arg(long, value_enum, default_value = "all")]
    by: PayPeriods,

    #[command(flatten)]
    selection: Selection,

    #[command(flatten)]
    unique: UniqueJobsArg,

    /// Count postings that mention a skill implying each (e.g. MySQL for SQL).
    #[arg(long)]
    rollup: bool,

    #[command(flatten)]
    output: OutputArgs,

    #[command(flatten)]
    size: ChartSize,

    /// Chart title.
    #[arg(long)]
    title: Option<String>,
}

pub(super) fn run(g: &Globals, args: Args) -> Result<ExitCode> {
    let format = args.output.format()?;
    let extractor = g.extractor()?;
    let skills = check_skills(extractor.taxonomy(), &args.skills)?;
    let store = g.open_read_only()?;
    let population = args.unique.apply(args.selection.population.population());
    let query = PayQuery {
        skills: skills.iter().map(|(id, _)| id.clone()).collect(),
        by: format!("{:?}", args.by).to_lowercase(),
        since: args.selection.since_day(),
        until: args.selection.until_day(),
        sources: args.selection.checked_sources(&store)?,
        rollup: args.rollup,
        population: population.clone(),
        min_n: MIN_POSTINGS,
    };
    let mut rows = store.pay_by_skill(&query)?;
    if rows.is_empty() {
        eprintln!(
            "no {} that state pay and mention {}",
            population.describe().replacen("all ", "", 1),
            query.skills.join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    let name = |id: &str| skills.iter().find(|(s, _)| s == id).map_or(id.to_string(), |(_, n)| n.clone());
    let bytes = match format {
        Format::Table => table(&rows, &name).into_bytes(),
        Format::Csv => csv(&rows).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(&rows)? + "\n").into_bytes(),
        Format::Png | Format::Svg | Format::Pdf => {
            sort_by_median(&mut rows);
            let bars: Vec<PayBar> = rows.iter().map(|r| bar(r, &name, args.by != PayPeriods::All)).collect();
            let currencies: Vec<&str> = {
                let mut c: Vec<&str> = rows.iter().map(|r| r.currency.as_str()).collect();
                c.sort_unstable();
                c.dedup();
                c
            };
            let spec = PaySpec {
                rows: &bars,
                title: args.title.clone().unwrap_or_else(|| "What postings that ask for each skill pay".into()),
                subtitle: format!(
                    "Median annualised pay of {} that state pay, with its 95% confidence interval; bar: 25th to 75th percentile",
                    population.describe()
                ),
                footnote: footnote(&query, &rows),
                axis: format!("Annualised pay ({}; no currency conversion)", currencies.join(", ")),
                width: args.size.width,
                height: args.size.height,
            };
            render(&spec, format.picture().unwrap_or(Picture::Png), args.size.scale)?
        }
    };
    args.output.write(&bytes, g.quiet, || format!("{} rows", rows.len()))?;
    Ok(ExitCode::SUCCESS)
}

/// Rows with figures first, highest median first; too few last.
fn sort_by_median(rows: &mut [PayRow]) {
    rows.sort_by(|a, b| {
        b.median.unwrap_or(-1.0).total_cmp(&a.median.unwrap_or(-1.0)).then(b.postings.cmp(&a.postings))
    });
}

fn bar(r: &PayRow, name: &impl Fn(&str) -> String, with_period: bool) -> PayBar {
    let period = if with_period { format!(" {}", r.period) } else { String::new() };
    let figures = match (r.p25, r.median, r.p75, r.median_low, r.median_high) {
        (Some(a), Some(b), Some(c), Some(d), Some(e)) => Some([a, b, c, d, e]),
        _ => None,
    };
    PayBar { label: format!("{} ({}){period}", name(&r.skill), r.currency), postings: r.postings, figures }
}

fn footnote(q: &PayQuery, rows: &[PayRow]) -> Vec<String> {
    let range = match (&q.since, &q.until) {
        (Some(s), Some(u)) => format!("{s} to {u}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(u)) => format!("up to {u}"),
        (None, None) => "every date".into(),
    };
    let paid: u64 = rows.iter().map(|r| r.postings).sum();
    vec![
        format!(
            "{range} · {paid} skill mentions in postings with stated pay · fewer than {MIN_POSTINGS} postings: too few to say"
        ),
        format!(
            "Pay as stated (structured fields first, else the text), annualised: hour × 2080, day × 260, week × 52, month × 12 · skilltrend {}",
            env!("CARGO_PKG_VERSION")
        ),
    ]
}

fn money(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| {
        let s = format!("{:.0}", x);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    })
}

fn table(rows: &[PayRow], name: &impl Fn(&str) -> String) -> String {
    let header: Vec<String> = ["period", "skill", "currency", "postings", "median", "95% CI of median", "p25–p75"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let too_few = r.median.is_none();
            vec![
                r.period.clone(),
                name(&r.skill),
                r.currency.clone(),
                r.postings.to_string(),
                if too_few { "too few".into() } else { money(r.median) },
                if too_few { String::new() } else { format!("{}–{}", money(r.median_low), money(r.median_high)) },
                if too_few { String::new() } else { format!("{}–{}", money(r.p25), money(r.p75)) },
            ]
        })
        .collect();
    render_table(&header, &body)
}

fn csv(rows: &[PayRow]) -> String {
    let mut out = String::from("period,skill,currency,postings,p25,median,p75,median_low,median_high\n");
    let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.0}"));
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            r.period,
            r.skill,
            csv_field(&r.currency),
            r.postings,
            f(r.p25),
            f(r.median),
            f(r.p75),
            f(r.median_low),
            f(r.median_high)
        ));
    }
    out
}
