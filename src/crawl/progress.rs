//! The progress bar: pages done, postings new/updated, errors, pages per
//! second — only when asked for (stderr is a terminal and not `-q`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::SourceStats;
use crate::store::runs::RunCounts;

pub(super) struct Progress {
    bar: Option<ProgressBar>,
    ticker: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
    /// Starts drawing (or does nothing when `enabled` is false).
    pub(super) fn start(enabled: bool, stats: Vec<Arc<SourceStats>>) -> Progress {
        if !enabled {
            return Progress { bar: None, ticker: None };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        let ticker = {
            let bar = bar.clone();
            let started = Instant::now();
            tokio::spawn(async move {
                loop {
                    let mut t = RunCounts::default();
                    stats.iter().for_each(|s| t.add(&s.snapshot()));
                    let done = t.pages_fetched + t.not_modified;
                    let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
                    bar.set_message(format!(
                        "pages {done} ({} not modified) · postings new {} updated {} · errors {} · {rate:.1} pages/s",
                        t.not_modified, t.postings_new, t.postings_updated, t.failed
                    ));
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
            })
        };
        Progress { bar: Some(bar), ticker: Some(ticker) }
    }

    pub(super) fn finish(&self) {
        if let Some(t) = &self.ticker {
            t.abort();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
