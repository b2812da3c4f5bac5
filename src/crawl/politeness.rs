//! Per-host limits: at most N requests in flight to a host, and at least a
//! delay (with ±25% jitter) between request starts to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// One host's limits.
#[derive(Debug)]
struct HostSlot {
    permits: Arc<Semaphore>,
    next_start: Mutex<Instant>,
    /// Crawl-delay from robots.txt.
    crawl_delay: Mutex<Option<Duration>>,
}

/// The limits of every host a run talks to.
#[derive(Debug, Default)]
pub struct Hosts {
    slots: Mutex<HashMap<String, Arc<HostSlot>>>,
}

/// Held while a request to a host is in flight.
#[derive(Debug)]
pub struct HostPermit {
    _permit: OwnedSemaphorePermit,
}

/// A delay with ±25% jitter.
pub fn jittered(delay: Duration) -> Duration {
    if delay.is_zero() {
        return delay;
    }
    delay.mul_f64(0.75 + fastrand::f64() * 0.5)
}

impl Hosts {
    fn slot(&self, host: &str, concurrency: usize) -> Arc<HostSlot> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .entry(host.to_string())
            .or_insert_with(|| {
                Arc::new(HostSlot {
                    permits: Arc::new(Semaphore::new(concurrency.max(1))),
                    next_start: Mutex::new(Instant::now()),
                    crawl_delay: Mutex::new(None),
                })
            })
            .clone()
    }

    /// Records a host's robots.txt Crawl-delay.
    pub fn set_crawl_delay(&self, host: &str, concurrency: usize, delay: Duration) {
        let slot = self.slot(host, concurrency);
        *slot.crawl_delay.lock().unwrap_or_else(|e| e.into_inner()) = Some(delay);
    }

    /// Waits for a free slot at `host` and for its turn to start; the first
    /// caller for a host fixes its concurrency.
    pub async fn acquire(&self, host: &str, concurrency: usize, delay: Duration) -> HostPermit {
        let slot = self.slot(host, concurrency);
        let permit = slot.permits.clone().acquire_owned().await.expect("host semaphores are never closed");
        // The server's Crawl-delay is a minimum: jitter never shortens it.
        let crawl_delay = slot.crawl_delay.lock().unwrap_or_else(|e| e.into_inner()).unwrap_or(Duration::ZERO);
        let start = {
            let mut next = slot.next_start.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let start = (*next).max(now);
            *next = start + jittered(delay).max(crawl_delay);
            start
        };
        tokio::time::sleep_until(start).await;
        HostPermit { _permit: permit }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_request_starts_to_one_host() {
        let hosts = Hosts::default();
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..4 {
            let p = hosts.acquire("a.example", 1, Duration::from_millis(1000)).await;
            starts.push(t0.elapsed());
            drop(p);
        }
        for pair in starts.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap >= Duration::from_millis(750) && gap <= Duration::from_millis(1250), "{gap:?}");
        }
        // Another host is not held up.
        let t1 = Instant::now();
        drop(hosts.acquire("b.example", 1, Duration::from_millis(1000)).await);
        assert!(t1.elapsed() < Duration::from_millis(10));
    }
}
