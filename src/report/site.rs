//! `skilltrend site`: one self-contained HTML page to share — the headline
//! trend, the top and rising skills, co-occurrence for the headline skills,
//! coverage per source, the method and the provenance. Every chart is
//! inline SVG with a title and description, beside the table of its numbers.

use anyhow::Result;
use chrono::{Duration, NaiveDate};

use super::cooccur::{ChartLook, CooccurReport};
use super::html::{Section, accessible_svg, escape, page, table};
use super::period::{self, Comparison};
use super::series::wilson;
use super::top::{self, SortBy};
use super::{Built, EmptySelection, Format, ReportOptions, build, chart, coverage};
use crate::extract::{EXTRACTOR_VERSION, Taxonomy};
use crate::store::Store;
use crate::store::cooccur::CooccurQuery;
use crate::store::reports::{TopQuery, TopRow};

/// What the page shows: the headline report's options (skills, periods,
/// selection, population); top and co-occurrence read the last complete
/// quarter of that selection.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub report: ReportOptions,
    /// How many skills the top table lists.
    pub top: usize,
    /// How many skills each co-occurrence table lists.
    pub cooccur: usize,
    pub min_count: u64,
    /// The command line that made the page (provenance).
    pub command: String,
}

/// The page, as HTML.
pub fn build_site(store: &Store, taxonomy: &Taxonomy, opts: &SiteOptions, today: NaiveDate) -> Result<String> {
    let built = build(store, taxonomy, &opts.report, today)?;
    let cmp = latest_quarter(store, &opts.report, today)?;
    let mut sections = vec![trend_section(&built)?];
    let top = top_query(&built, &cmp);
    let top_rows = top::ranked(store, &top, &cmp, SortBy::Postings, top.limit)?;
    sections.push(top_section(&built, &top_rows, opts.top)?);
    sections.push(cooccur_section(store, taxonomy, &built, &top, opts, today)?);
    sections.push(coverage_section(store, &built)?);
    sections.push(method_section(&built));
    sections.push(provenance_section(&built, &opts.command));
    let title = opts.report.title.clone().unwrap_or_else(|| "Skill demand in job postings".to_string());
    let lede = format!(
        "{} {} from {}, {} to {}, dated by the source's posting date. Generated {} by skilltrend {}.",
        built.report.postings(),
        built.options.population.describe().trim_start_matches("all "),
        built.sources.join(", "),
        built.report.periods.first().map_or("", String::as_str),
        built.report.periods.last().map_or("", String::as_str),
        today,
        env!("CARGO_PKG_VERSION")
    );
    let footer = format!(
        "Made with skilltrend {} (extractor v{EXTRACTOR_VERSION}); every number is recomputed from the database by \
         the SQL in <code>queries/</code>.",
        env!("CARGO_PKG_VERSION")
    );
    Ok(page(&title, &lede, &sections, &footer))
}

/// The periods top and co-occurrence read: `top`'s own default, the last
/// complete quarter of the data (of its last posting, or of `--until`)
/// against the same months before, so that the page and `top` agree.
fn latest_quarter(store: &Store, opts: &ReportOptions, today: NaiveDate) -> Result<Comparison> {
    let last =
        store.source_summary_all()?.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()).unwrap_or(today);
    let (last, today) = match opts.until {
        Some(u) => (u.last.min(last), today.min(u.last + Duration::days(1))),
        None => (last, today),
    };
    Ok(period::comparison(None, None, last, today)?)
}

/// `top`'s query for the selection (its periods come from the comparison).
fn top_query(built: &Built, cmp: &Comparison) -> TopQuery {
    TopQuery {
        since: Some(cmp.since.to_string()),
        until: Some(cmp.until.to_string()),
        prev_since: Some(cmp.prev_since.to_string()),
        prev_until: Some(cmp.prev_until.to_string()),
        category: None,
        sources: (!built.options.sources.is_empty()).then(|| built.options.sources.clone()),
        limit: 200,
        population: built.options.population.clone(),
    }
}

fn trend_section(built: &Built) -> Result<Section> {
    let svg = String::from_utf8(built.render(Format::Svg)?)?;
    let names: Vec<&str> = built.report.series.iter().map(|s| s.name.as_str()).collect();
    let desc = format!(
        "Line chart of the share of {} that mention {} per {}, {} to {}, with 95% Wilson intervals; the table beside \
         gives every number.",
        built.options.population.describe(),
        names.join(", "),
        built.options.by.as_str(),
        built.report.periods.first().map_or("", String::as_str),
        built.report.periods.last().map_or("", String::as_str)
    );
    let mut header = vec![built.options.by.as_str().to_string()];
    header.extend(names.iter().map(|n| format!("{n} % (95% CI)")));
    header.extend(["postings".to_string(), "coverage %".to_string()]);
    let coverage = built.report.coverage();
    let rows: Vec<Vec<String>> = (0..built.report.periods.len())
        .map(|i| {
            let mut row = vec![built.report.periods[i].clone()];
            for s in &built.report.series {
                let p = &s.points[i];
                row.push(match (p.share, p.low, p.high) {
                    (Some(v), Some(l), Some(h)) => format!("{:.1} ({:.1}–{:.1})", v * 100.0, l * 100.0, h * 100.0),
                    _ => "–".into(),
                });
            }
            row.push(built.report.totals[i].to_string());
            row.push(percent(coverage[i]));
            row
        })
        .collect();
    Ok(Section {
        id: "trend".into(),
        heading: "The headline trend".into(),
        intro: format!("<p>{}</p>", escape(&desc)),
        figures: vec![(
            accessible_svg(&svg, "trend", "Demand over time", &desc),
            table("Share of postings that mention each skill, per period", &header, &rows),
        )],
        body: String::new(),
    })
}

fn top_cells(rows: &[&TopRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let (l, h) = wilson(r.mentioning, r.total).unwrap_or((0.0, 0.0));
            let change = match (r.change, r.change_low, r.change_high) {
                (Some(c), Some(cl), Some(ch)) => {
                    let mark = if top::excludes_zero(r) { " *" } else { "" };
                    format!("{:+.1} ({:+.1} to {:+.1}){mark}", c * 100.0, cl * 100.0, ch * 100.0)
                }
                _ => "–".into(),
            };
            vec![
                r.name.clone(),
                r.mentioning.to_string(),
                format!("{:.1} ({:.1}–{:.1})", r.share * 100.0, l * 100.0, h * 100.0),
                r.prev_share.map_or("–".into(), |p| format!("{:.1}", p * 100.0)),
                change,
            ]
        })
        .collect()
}

fn top_section(built: &Built, rows: &[TopRow], n: usize) -> Result<Section> {
    let whom = built.options.population.describe();
    let Some(first) = rows.first() else {
        return Ok(Section {
            id: "top".into(),
            heading: "Top and rising skills".into(),
            intro: format!("<p>No {} in the last complete quarter of the data.</p>", escape(&whom)),
            ..Section::default()
        });
    };
    let ((since, until), (ps, pu)) =
        ((first.since.clone(), first.until.clone()), (first.prev_since.clone(), first.prev_until.clone()));
    let header: Vec<String> =
        ["skill", "postings", "share % (95% CI)", "previous %", "change pp (95% CI)"].map(String::from).to_vec();
    let top: Vec<&TopRow> = rows.iter().take(n).collect();
    let mut rising: Vec<&TopRow> = rows.iter().filter(|r| r.change.is_some_and(|c| c > 0.0)).collect();
    rising.sort_by(|a, b| b.change.partial_cmp(&a.change).unwrap_or(std::cmp::Ordering::Equal));
    rising.truncate(10);
    let subtitle = format!("Share of {whom} that mention each, {since} to {until}; the tick marks {ps} to {pu}");
    let spec = chart::TopSpec {
        rows: &rows[..n.min(rows.len())],
        title: format!("Top {} skills in demand", n.min(rows.len())),
        subtitle: subtitle.clone(),
        footnote: vec![format!("{} postings in the period, {} in the one before", first.total, first.prev_total)],
        // Drawn small and shown larger, so that its text reads at page size.
        width: 760,
        height: (150 + 28 * n.min(rows.len()) as u32).max(420),
    };
    let desc = format!("Bar chart. {subtitle}. {} postings in the period, {} before.", first.total, first.prev_total);
    let intro = format!(
        "<p>{} of {} {since} to {until} ({} postings), against {ps} to {pu} ({} postings). Shares with 95% Wilson \
         intervals; changes in percentage points with Newcombe's hybrid score interval; * marks a change whose \
         interval excludes zero.</p>",
        if rows.len() > n { "The most named skills" } else { "Every skill named" },
        escape(&whom),
        first.total,
        first.prev_total
    );
    let rising_table =
        table(&format!("Rising: the largest gains in share since {ps} to {pu}"), &header, &top_cells(&rising));
    Ok(Section {
        id: "top".into(),
        heading: "Top and rising skills".into(),
        intro,
        figures: vec![(
            accessible_svg(&chart::top_svg(&spec)?, "top", &spec.title, &desc),
            table("Top skills", &header, &top_cells(&top)),
        )],
        body: rising_table,
    })
}

fn cooccur_section(
    store: &Store,
    taxonomy: &Taxonomy,
    built: &Built,
    top: &TopQuery,
    opts: &SiteOptions,
    today: NaiveDate,
) -> Result<Section> {
    let mut section = Section {
        id: "cooccur".into(),
        heading: "What the headline skills come with".into(),
        intro: format!(
            "<p>For each headline skill, the other skills its postings name, {} to {}: the share of its postings \
             that name each (95% Wilson interval), that skill's share of all postings, and the lift (their ratio: \
             above 1, named together more often than apart). Skills named together in fewer than {} postings are \
             left out.</p>",
            top.since.as_deref().unwrap_or(""),
            top.until.as_deref().unwrap_or(""),
            opts.min_count
        ),
        ..Section::default()
    };
    for (i, s) in built.report.series.iter().enumerate() {
        let q = CooccurQuery {
            skill: s.skill.clone(),
            since: top.since.clone(),
            until: top.until.clone(),
            sources: top.sources.clone(),
            population: top.population.clone(),
            min_count: opts.min_count,
            by_lift: false,
            limit: opts.cooccur,
        };
        match CooccurReport::build(store, taxonomy, q, today) {
            Ok(r) => {
                let height = (140 + 28 * r.data.rows.len() as u32).max(400);
                let look = ChartLook { title: None, width: 760, height, scale: 1.0 };
                let spec = r.chart_spec(&look);
                let desc = format!("Bar chart. {}. {}", spec.subtitle, spec.footnote[0]);
                let svg = accessible_svg(&chart::cooccur_svg(&spec)?, &format!("cooccur-{i}"), &spec.title, &desc);
                // The skill is each row's header (the rank column is dropped).
                let (header, rows) = r.table_cells();
                let rows: Vec<Vec<String>> = rows.into_iter().map(|row| row[1..].to_vec()).collect();
                section.figures.push((svg, table(&r.headline(), &header[1..], &rows)));
            }
            Err(e) if e.is::<EmptySelection>() => {
                section.body.push_str(&format!("<p>{}.</p>\n", escape(&e.to_string())))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(section)
}

/// A coverage as a whole percentage, "–" when unknown.
fn percent(c: Option<f64>) -> String {
    c.map_or("–".into(), |c| format!("{:.0}", c * 100.0))
}

/// Each period's coverage per source and over all of them, as the trend
/// reads it (`queries/coverage.sql`).
fn coverage_by_period(built: &Built) -> String {
    let periods = &built.report.periods;
    let mut header = vec![built.options.by.as_str().to_string()];
    header.extend(built.spans.iter().map(|s| format!("{} %", s.source)));
    header.push("all %".into());
    let per_source: Vec<Vec<Option<f64>>> =
        built.spans.iter().map(|s| coverage::per_period(std::slice::from_ref(s), periods)).collect();
    let all = built.report.coverage();
    let rows: Vec<Vec<String>> = (0..periods.len())
        .map(|i| {
            let mut row = vec![periods[i].clone()];
            row.extend(per_source.iter().map(|c| percent(c[i])));
            row.push(percent(all[i]));
            row
        })
        .collect();
    table(
        "Coverage per period: HN months with a complete thread; other sources: days with a successful crawl",
        &header,
        &rows,
    )
}

fn coverage_section(store: &Store, built: &Built) -> Result<Section> {
    let header: Vec<String> =
        ["source", "postings", "first", "last", "months with postings", "months complete (HN)", "last crawl"]
            .map(String::from)
            .to_vec();
    let rows: Vec<Vec<String>> = store
        .source_coverage()?
        .into_iter()
        .map(|c| {
            vec![
                c.source,
                c.postings.to_string(),
                c.first.unwrap_or_default(),
                c.last.unwrap_or_default(),
                format!("{} of {}", c.months_with_postings, c.months_spanned),
                c.months_complete.map_or("–".into(), |m| m.to_string()),
                match (c.last_run_status, c.last_run_at) {
                    (Some(s), Some(at)) => format!("{s} {at}"),
                    _ => "never".into(),
                },
            ]
        })
        .collect();
    Ok(Section {
        id: "coverage".into(),
        heading: "Coverage per source".into(),
        intro: "<p>What the database holds of each source: a month without postings between a source's first and \
                last is a gap in its crawl or its data, and a share over such a period rests on the other sources \
                alone. Per period, the coverage says how much of it the crawls saw (for HN: its months whose \
                thread is stored complete; for other sources: its days with a successful crawl; a source with no \
                crawl record is unknown, –); the trend's hollow points are the periods below 100%.</p>"
            .into(),
        body: table("Sources", &header, &rows) + &coverage_by_period(built),
        ..Section::default()
    })
}

fn method_section(built: &Built) -> Section {
    let body = format!(
        "<dl>\n<dt>A mention</dt><dd>A posting mentions a skill when its title or text names it as the taxonomy \
         defines (aliases, case rules, and context rules for ambiguous names such as Go or R); a posting counts \
         once however often it names the skill. Mentions are direct: MySQL is not counted as SQL{}.</dd>\n\
         <dt>The population</dt><dd>{}{}; a posting is dated by its source's own date, else by when skilltrend \
         first saw it. Shares are of the postings of each period.</dd>\n\
         <dt>Intervals</dt><dd>95% Wilson score intervals for shares; Newcombe's hybrid score interval for a \
         change between two periods. They measure sampling noise only, not extraction error or how the sources \
         were chosen.</dd>\n\
         <dt>Periods</dt><dd>The trend by {}; the current, incomplete period is left out. Top, rising and \
         co-occurrence read the last complete calendar quarter of the data.</dd>\n</dl>\n",
        if built.options.rollup { " unless roll-ups are asked for (they are here)" } else { "" },
        escape(&built.options.population.describe()),
        if built.options.sources.is_empty() {
            " from every source".to_string()
        } else {
            format!(" from {}", escape(&built.options.sources.join(", ")))
        },
        built.options.by.as_str()
    );
    Section { id: "method".into(), heading: "Methodology".into(), body, ..Section::default() }
}

fn provenance_section(built: &Built, command: &str) -> Section {
    let body = format!(
        "<dl>\n<dt>Sources</dt><dd>{}</dd>\n<dt>Dates</dt><dd>{} to {} ({} postings)</dd>\n\
         <dt>Taxonomy</dt><dd><code>{}</code></dd>\n<dt>Extractor</dt><dd>v{EXTRACTOR_VERSION}</dd>\n\
         <dt>skilltrend</dt><dd>{}</dd>\n<dt>Generated</dt><dd>{}</dd>\n<dt>Command</dt><dd><code>{}</code></dd>\n</dl>\n",
        escape(&built.sources.join(", ")),
        escape(built.report.periods.first().map_or("", String::as_str)),
        escape(built.report.periods.last().map_or("", String::as_str)),
        built.report.postings(),
        escape(built.taxonomy_hash.as_deref().unwrap_or("unknown")),
        env!("CARGO_PKG_VERSION"),
        built.today,
        escape(command)
    );
    Section { id: "provenance".into(), heading: "Provenance".into(), body, ..Section::default() }
}
