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
}

/// A politeness slot: a host and port, and how many requests in flight the
/// slot allows. Sources that allow a host different concurrency get
/// different slots, so no source is held to another's limit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HostKey {
    /// `host:port`.
    pub host: String,
    pub concurrency: usize,
}

/// The limits of every host a run talks to.
#[derive(Debug, Default)]
pub struct Hosts {
    slots: Mutex<HashMap<HostKey, Arc<HostSlot>>>,
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
    fn slot(&self, key: &HostKey) -> Arc<HostSlot> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .entry(key.clone())
            .or_insert_with(|| {
                Arc::new(HostSlot {
                    permits: Arc::new(Semaphore::new(key.concurrency.max(1))),
                    next_start: Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Waits for a free slot and for its turn to start: `delay` (jittered)
    /// after the previous start, and at least the host's robots.txt
    /// `crawl_delay` (zero when none).
    pub async fn acquire(&self, key: &HostKey, delay: Duration, crawl_delay: Duration) -> HostPermit {
        let slot = self.slot(key);
        let permit = slot.permits.clone().acquire_owned().await.expect("host semaphores are never closed");
        // The server's Crawl-delay is a minimum: jitter never shortens it.
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

    fn key(host: &str, concurrency: usize) -> HostKey {
        HostKey { host: host.to_string(), concurrency }
    }

    #[tokio::test(start_paused = true)]
    async fn spaces_request_starts_to_one_host() {
        let hosts = Hosts::default();
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..4 {
            let p = hosts.acquire(&key("a.example:443", 1), Duration::from_millis(1000), Duration::ZERO).await;
            starts.push(t0.elapsed());
            drop(p);
        }
        for pair in starts.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap >= Duration::from_millis(750) && gap <= Duration::from_millis(1250), "{gap:?}");
        }
        // Another host is not held up.
        let t1 = Instant::now();
        drop(hosts.acquire(&key("b.example:443", 1), Duration::from_millis(1000), Duration::ZERO).await);
        assert!(t1.elapsed() < Duration::from_millis(10));
    }

    #[tokio::test(start_paused = true)]
    async fn a_crawl_delay_is_a_minimum_gap() {
        let hosts = Hosts::default();
        let t0 = Instant::now();
        drop(hosts.acquire(&key("a.example:443", 1), Duration::ZERO, Duration::from_secs(2)).await);
        drop(hosts.acquire(&key("a.example:443", 1), Duration::ZERO, Duration::from_secs(2)).await);
        assert_eq!(t0.elapsed(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_source_is_not_held_to_another_sources_concurrency() {
        let hosts = Hosts::default();
        let _one = hosts.acquire(&key("a.example:443", 1), Duration::ZERO, Duration::ZERO).await;
        // The slot of concurrency 1 is full; one of concurrency 2 is not.
        let two = tokio::time::timeout(Duration::from_secs(1), async {
            let a = hosts.acquire(&key("a.example:443", 2), Duration::ZERO, Duration::ZERO).await;
            let b = hosts.acquire(&key("a.example:443", 2), Duration::ZERO, Duration::ZERO).await;
            (a, b)
        });
        assert!(two.await.is_ok());
        let one = key("a.example:443", 1);
        let full = hosts.acquire(&one, Duration::ZERO, Duration::ZERO);
        assert!(tokio::time::timeout(Duration::from_secs(1), full).await.is_err());
    }
}
