//! `skilltrend roles`: the role mix over time — the share of postings that
//! offer a job in each role, per period (`queries/role_mix.sql`) — so a
//! reader sees how the population itself moved.

use std::process::ExitCode;

use anyhow::Result;

use super::Globals;
use super::output::{ChartSize, OutputArgs};
use super::selection::{Selection, UniqueJobsArg};
use crate::InputError;
use crate::extract::roles::Role;
use crate::report::chart::{ChartSpec, Picture, render};
use crate::report::{Format, Metric, Period, Report, output};
use crate::store::reports::{RoleMixQuery, RoleMixRow, ShareRow};

/// The most roles one chart draws (one colour each); the CSV has them all.
const CHART_ROLES: usize = 8;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    by: Period,

    #[command(flatten)]
    selection: Selection,

    #[command(flatten)]
    unique: UniqueJobsArg,

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
    let population = args.unique.apply(args.selection.population.population());
    if !population.roles.is_empty() {
        return Err(
            InputError("`roles` shows every role: --role does not apply (use --seniority or --remote)".into()).into()
        );
    }
    let store = g.open_read_only()?;
    let query = RoleMixQuery {
        by: args.by.as_str().to_string(),
        since: args.selection.since_day(),
        until: args.selection.until_day(),
        sources: args.selection.checked_sources(&store)?,
        population: population.clone(),
    };
    let rows = store.role_mix(&query)?;
    if rows.iter().all(|r| r.total == 0) {
        eprintln!("no {} in the selection", population.describe().replacen("all ", "", 1));
        return Ok(ExitCode::from(1));
    }
    let all_roles: Vec<(String, String)> = Role::ALL.iter().map(|r| (r.as_str().to_string(), role_name(*r))).collect();
    let share_rows: Vec<ShareRow> = rows.iter().map(share_row).collect();
    let bytes = match format {
        Format::Csv => csv(&rows).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(&rows)? + "\n").into_bytes(),
        Format::Table => {
            output::table(&Report::from_rows(&share_rows, &present(&rows, &all_roles, usize::MAX)), Metric::Share)
                .into_bytes()
        }
        Format::Png | Format::Svg | Format::Pdf => {
            let drawn = present(&rows, &all_roles, CHART_ROLES);
            let report = Report::from_rows(&share_rows, &drawn);
            let left_out = present(&rows, &all_roles, usize::MAX).len().saturating_sub(drawn.len());
            let spec = ChartSpec {
                report: &report,
                title: args.title.clone().unwrap_or_else(|| "Who the job postings are for".into()),
                subtitle: format!(
                    "Share of {} that offer a job in each role, by {}, with 95% Wilson intervals; a posting may offer several",
                    population.describe(),
                    args.by.as_str()
                ),
                metric: Metric::Share,
                interval: true,
                smooth: None,
                partial_last: false,
                rollup: false,
                period_name: capitalised(args.by.as_str()),
                footnote: footnote(&report, left_out),
                source_marks: Vec::new(),
                unit: "postings",
                width: args.size.width,
                height: args.size.height,
            };
            render(&spec, format.picture().unwrap_or(Picture::Png), args.size.scale)?
        }
    };
    args.output.write(&bytes, g.quiet, || format!("{} rows", rows.len()))?;
    Ok(ExitCode::SUCCESS)
}

fn share_row(r: &RoleMixRow) -> ShareRow {
    ShareRow { period: r.period.clone(), skill: r.role.clone(), mentioning: r.postings, total: r.total, share: r.share }
}

/// The roles with postings, most postings first, at most `limit`.
fn present(rows: &[RoleMixRow], roles: &[(String, String)], limit: usize) -> Vec<(String, String)> {
    let mut with: Vec<(u64, &(String, String))> = roles
        .iter()
        .map(|r| (rows.iter().filter(|x| x.role == r.0).map(|x| x.postings).sum(), r))
        .filter(|(n, _)| *n > 0)
        .collect();
    with.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    with.into_iter().take(limit).map(|(_, r)| r.clone()).collect()
}

/// A role's name for a legend.
fn role_name(r: Role) -> String {
    match r {
        Role::Backend => "Back-end",
        Role::Fullstack => "Full-stack",
        Role::Frontend => "Front-end",
        Role::Mobile => "Mobile",
        Role::Data => "Data",
        Role::Ml => "ML / AI",
        Role::Devops => "DevOps / infra",
        Role::Security => "Security",
        Role::Embedded => "Embedded",
        Role::Qa => "QA / test",
        Role::Software => "Software (unspecified)",
        Role::Management => "Eng. management",
        Role::Other => "Not software",
    }
    .to_string()
}

fn capitalised(s: &str) -> String {
    let mut p = s.to_string();
    p[..1].make_ascii_uppercase();
    p
}

fn footnote(report: &Report, left_out: usize) -> Vec<String> {
    let first = report.periods.first().cloned().unwrap_or_default();
    let last = report.periods.last().cloned().unwrap_or_default();
    let mut line = format!("{first} to {last} · {} postings · roles by skilltrend's classifier", report.postings());
    if left_out > 0 {
        line.push_str(&format!(" · {left_out} smaller roles not drawn (see --format csv)"));
    }
    vec![line, format!("skilltrend {}", env!("CARGO_PKG_VERSION"))]
}

fn csv(rows: &[RoleMixRow]) -> String {
    let mut out = String::from("period,role,postings,total,share\n");
    for r in rows {
        let share = r.share.map_or(String::new(), |s| format!("{s:.6}"));
        out.push_str(&format!("{},{},{},{},{share}\n", r.period, r.role, r.postings, r.total));
    }
    out
}
