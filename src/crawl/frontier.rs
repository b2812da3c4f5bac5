//! The per-source queue of URLs to fetch: each canonical URL at most once
//! per run (each POST body to it once: see [`Request::key`]), and never more than `max_pages` in all (so memory is bounded by
//! `max_pages`, whatever the size of the site).

use std::collections::{HashSet, VecDeque};

use url::Url;

use crate::sources::Request;

/// A URL in canonical form: scheme and host lower-cased and the default port
/// dropped (the `url` crate does these), fragment dropped.
pub fn canonical(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    u
}

/// The queue of one source.
#[derive(Debug)]
pub struct Frontier {
    queue: VecDeque<Request>,
    seen: HashSet<String>,
    max_pages: usize,
    /// URLs not queued because `max_pages` was reached.
    pub over_limit: u64,
}

impl Frontier {
    pub fn new(max_pages: usize) -> Frontier {
        Frontier { queue: VecDeque::new(), seen: HashSet::new(), max_pages, over_limit: 0 }
    }

    /// Queues a request unless it was seen or the limit is reached.
    pub fn push(&mut self, mut req: Request) -> bool {
        req.url = canonical(&req.url);
        let key = req.key();
        if self.seen.contains(&key) {
            return false;
        }
        if self.seen.len() >= self.max_pages {
            self.over_limit += 1;
            return false;
        }
        self.seen.insert(key);
        self.queue.push_back(req);
        true
    }

    pub fn pop(&mut self) -> Option<Request> {
        self.queue.pop_front()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(u: &str) -> Request {
        Request::new(Url::parse(u).unwrap(), crate::sources::jsonld::JsonLdRequest::Page)
    }

    #[test]
    fn each_canonical_url_once_and_bounded() {
        let mut f = Frontier::new(2);
        assert!(f.push(req("HTTPS://Example.COM:443/a#top")));
        assert!(!f.push(req("https://example.com/a")));
        assert!(f.push(req("https://example.com/b")));
        assert!(!f.push(req("https://example.com/c")));
        assert_eq!(f.over_limit, 1);
        assert_eq!(f.pop().unwrap().url.as_str(), "https://example.com/a");
    }

    #[test]
    fn two_posts_to_one_url_are_two_requests_unless_their_bodies_match() {
        let post = |body: &str| {
            Request::post_json(
                Url::parse("https://acme.example/jobs").unwrap(),
                crate::sources::jsonld::JsonLdRequest::Page,
                body.to_string(),
            )
        };
        let mut f = Frontier::new(10);
        assert!(f.push(req("https://acme.example/jobs")));
        assert!(f.push(post(r#"{"offset":0}"#)));
        assert!(f.push(post(r#"{"offset":20}"#)));
        assert!(!f.push(post(r#"{"offset":0}"#)));
        assert_eq!(f.seen.len(), 3);
    }
}
