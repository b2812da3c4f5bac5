//! `skilltrend demo`: the whole pipeline offline. A server inside the
//! process serves, on 127.0.0.1, the bundled job board (2023–2025) and four
//! years of HN-shaped "Who is hiring?" threads (2019–2022); the real crawler
//! crawls both into SQLite; the real report draws the chart.

pub mod board;
pub mod hn;
pub mod server;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use include_dir::{Dir, include_dir};
use tokio_util::sync::CancellationToken;

use crate::config::{CrawlSettings, KindSpec, SourceSpec};
use crate::crawl::{CrawlOptions, CrawlReport};
use crate::extract::Extractor;
use crate::report::{self, ReportOptions};
use crate::store::Store;

/// The demo board, embedded in the binary (so `demo` works anywhere).
pub static SITE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/demo/site");

/// File names the demo writes.
pub const DB_NAME: &str = "skilltrend-demo.db";
pub const CHART_NAME: &str = "skilltrend-demo.png";

/// What the demo did.
#[derive(Debug)]
pub struct DemoResult {
    pub db: PathBuf,
    pub chart: PathBuf,
    pub crawl: CrawlReport,
    pub built: report::Built,
    pub postings: u64,
    /// The same shares over back-end postings only.
    pub backend: report::Built,
    /// What back-end postings that ask for each default skill pay (USD).
    pub pay: Vec<crate::store::reports::PayRow>,
}

/// Where the server mounts the HN-shaped API.
const HN_PREFIX: &str = "/hn";

/// The site the demo serves: the board's files and the HN API responses.
pub fn site() -> server::StaticSite {
    let mut site = server::StaticSite::from_embedded(&SITE);
    for (path, bytes) in hn::generate(HN_PREFIX).files {
        site.insert(&path, bytes);
    }
    site
}

/// The sources the demo crawls: the job board (`jsonld`) and the HN
/// threads (`hn`), politeness off (it is our own server), robots.txt still
/// honoured.
pub fn source_specs(base_url: &str) -> Result<Vec<SourceSpec>> {
    let start = url::Url::parse(&format!("{base_url}/jobs/"))?;
    let host = start.host_str().unwrap_or("127.0.0.1").to_string();
    let crawl = CrawlSettings {
        delay: Duration::ZERO,
        per_host_concurrency: 8,
        max_pages: 5000,
        allowed_hosts: vec![host.clone()],
        trusted_hosts: vec![host],
        ..CrawlSettings::default()
    };
    let first = crate::config::YearMonth { year: hn::FIRST.0, month: hn::FIRST.1 };
    Ok(vec![
        SourceSpec {
            name: "demo-board".into(),
            kind: KindSpec::Jsonld { start_urls: vec![start], follow: None },
            crawl: crawl.clone(),
        },
        SourceSpec {
            name: "demo-hn".into(),
            kind: KindSpec::Hn {
                base_url: url::Url::parse(&format!("{base_url}{HN_PREFIX}"))?,
                since: first,
                until: None,
            },
            crawl,
        },
    ])
}

/// Runs the demo into `out_dir`.
pub async fn run(
    out_dir: &Path,
    extractor: Arc<Extractor>,
    progress: bool,
    interrupt: CancellationToken,
) -> Result<DemoResult> {
    std::fs::create_dir_all(out_dir)?;
    let db = out_dir.join(DB_NAME);
    let chart = out_dir.join(CHART_NAME);
    let server = server::serve(site()).await?;
    let specs = source_specs(&server.base_url())?;
    let opts = CrawlOptions { concurrency: 16, progress, ..CrawlOptions::default() };
    let crawl = crate::crawl::run(&db, &specs, extractor.clone(), &opts, interrupt).await?;
    drop(server);

    let store = Store::open_read_only(&db)?;
    let today = chrono::Utc::now().date_naive();
    let built = report::build(&store, extractor.taxonomy(), &ReportOptions::default(), today)?;
    std::fs::write(&chart, built.render(report::Format::Png)?)?;
    let postings = store.count_postings(None)?;
    let population = crate::store::population::Population::backend();
    let backend_opts = ReportOptions { population: population.clone(), ..ReportOptions::default() };
    let backend = report::build(&store, extractor.taxonomy(), &backend_opts, today)?;
    let pay = store.pay_by_skill(&crate::store::reports::PayQuery {
        skills: ReportOptions::default().skills,
        by: "all".into(),
        population,
        min_n: 10,
        ..Default::default()
    })?;
    Ok(DemoResult { db, chart, crawl, built, postings, backend, pay })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_board_is_the_generators_output() {
        let board = board::generate();
        let site = server::StaticSite::from_embedded(&SITE);
        assert_eq!(site.len(), board.files.len(), "run `cargo run --example generate_demo`");
        for (path, content) in &board.files {
            let (bytes, _) = site.lookup(path).unwrap_or_else(|| panic!("{path} missing: regenerate the demo"));
            assert!(bytes == content.as_bytes(), "{path} differs: run `cargo run --example generate_demo`");
        }
        assert!(board.postings.len() >= 600);
        let months: std::collections::BTreeSet<&str> = board.postings.iter().map(|p| &p.date[..7]).collect();
        assert!(months.len() >= 24);
    }
}
