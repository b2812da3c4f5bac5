//! Serves a large generated job board on 127.0.0.1 for the crawl benchmark
//! (a separate process from the crawlers it measures).
//!
//!     cargo run --release --example bench_site -- [POSTINGS] [PAGE_BYTES]
//!
//! Prints the base URL on its first line, then serves until killed.

use std::io::Write;

use skilltrend::demo::board::{BoardSpec, generate_with};
use skilltrend::demo::server::{StaticSite, serve};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let postings: usize = args.next().map_or(Ok(5000), |a| a.parse())?;
    let page_bytes: usize = args.next().map_or(Ok(15_000), |a| a.parse())?;
    let board = generate_with(&BoardSpec::bench(postings, page_bytes));
    let mut site = StaticSite::default();
    let mut bytes = 0;
    for (path, content) in &board.files {
        bytes += content.len();
        site.insert(path, content.clone().into_bytes());
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async {
        let running = serve(site).await?;
        println!("{}", running.base_url());
        eprintln!(
            "serving {} files ({} postings, {:.1} MB, {:.1} KB per posting page)",
            board.files.len(),
            board.postings.len(),
            bytes as f64 / 1e6,
            bytes as f64 / board.files.len() as f64 / 1e3
        );
        std::io::stdout().flush()?;
        std::future::pending::<()>().await;
        Ok(())
    })
}
