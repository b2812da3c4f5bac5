//! Spreading per-posting work over the machine's cores. Postings are
//! independent: a batch is cut into one contiguous share per core, each
//! share runs on a scoped thread, and the results come back in order.

use std::sync::OnceLock;

/// A share smaller than this runs on the calling thread (a thread costs
/// more than a few postings).
const MIN_SHARE: usize = 16;

/// The cores this process may use (asked once): `SKILLTREND_THREADS` when
/// it is a whole number from 1 (for a shared machine), else every core.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        let asked = std::env::var("SKILLTREND_THREADS").ok().and_then(|n| n.trim().parse::<usize>().ok());
        asked
            .filter(|n| *n >= 1)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
    })
}

/// `f` of every item, in the items' order, computed on up to every core.
/// A panic in `f` is passed on to the caller.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len() / MIN_SHARE).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let share = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let shares: Vec<_> =
            items.chunks(share).map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>())).collect();
        let mut out = Vec::with_capacity(items.len());
        for s in shares {
            out.extend(s.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order() {
        for n in [0, 1, 15, 16, 17, 100, 1001] {
            let items: Vec<usize> = (0..n).collect();
            let threads: std::collections::HashSet<_> =
                map(&items, |_| std::thread::current().id()).into_iter().collect();
            assert_eq!(map(&items, |i| i * 3), items.iter().map(|i| i * 3).collect::<Vec<_>>());
            assert!(threads.len() <= cores().max(1));
            if n >= 2 * MIN_SHARE && cores() > 1 {
                assert!(threads.len() > 1, "{n} items ran on one thread");
            }
        }
    }
}
