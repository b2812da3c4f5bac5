//! robots.txt: fetched once per origin (and user agent and trust) per run,
//! honoured (RFC 9309): a 4xx means no rules, an unreachable or failing
//! robots.txt means nothing may be fetched.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;
use url::Url;

/// The product token matched against `User-agent` lines.
pub const ROBOTS_AGENT: &str = "skilltrend";

/// Largest Crawl-delay honoured; a longer one is capped with a warning.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What an origin's robots.txt allows.
pub enum Rules {
    AllowAll,
    /// robots.txt could not be read (5xx, unreachable): RFC 9309 says to
    /// assume complete disallow.
    DisallowAll(String),
    Parsed(Box<texting_robots::Robot>),
    /// The host may not be contacted at all (a private address the source
    /// did not configure): its URLs fail, they are not "disallowed".
    Refused(String),
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rules::AllowAll => f.write_str("AllowAll"),
            Rules::DisallowAll(why) => write!(f, "DisallowAll({why})"),
            Rules::Refused(why) => write!(f, "Refused({why})"),
            Rules::Parsed(r) => write!(f, "Parsed(delay={:?})", r.delay),
        }
    }
}

impl Rules {
    /// Rules from a robots.txt response: `Ok((status, body))`, or the error
    /// that kept it from being read.
    pub fn from_response(response: Result<(u16, String), String>) -> Rules {
        match response {
            Ok((status, body)) if (200..300).contains(&status) => {
                match texting_robots::Robot::new(ROBOTS_AGENT, body.as_bytes()) {
                    Ok(robot) => {
                        let rules = Rules::Parsed(Box::new(robot));
                        if let Some(asked) = rules.asked_crawl_delay().filter(|d| *d > MAX_CRAWL_DELAY) {
                            tracing::warn!("robots.txt asks for a Crawl-delay of {asked:?}; using {MAX_CRAWL_DELAY:?}");
                        }
                        rules
                    }
                    Err(_) => Rules::AllowAll,
                }
            }
            Ok((status, _)) if (400..500).contains(&status) => Rules::AllowAll,
            Ok((status, _)) => Rules::DisallowAll(format!("robots.txt answered HTTP {status}")),
            Err(e) => Rules::DisallowAll(format!("robots.txt could not be fetched: {e}")),
        }
    }

    /// Whether the URL may be fetched.
    pub fn allows(&self, url: &Url) -> bool {
        match self {
            Rules::AllowAll => true,
            Rules::DisallowAll(_) | Rules::Refused(_) => false,
            Rules::Parsed(robot) => {
                let path = match url.query() {
                    Some(q) => format!("{}?{q}", url.path()),
                    None => url.path().to_string(),
                };
                robot.allowed(&path)
            }
        }
    }

    /// The Crawl-delay, capped.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.asked_crawl_delay().map(|d| d.min(MAX_CRAWL_DELAY))
    }

    /// The Crawl-delay as written.
    fn asked_crawl_delay(&self) -> Option<Duration> {
        match self {
            Rules::Parsed(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::try_from_secs_f64(f64::from(d)).unwrap_or(Duration::MAX)),
            _ => None,
        }
    }
}

/// What an origin's rules depend on: the origin, the User-Agent they are
/// asked with, and whether the asking source trusts the host (a private
/// host it does not trust is refused, not asked). Sources that agree on all
/// three share one fetch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RobotsKey {
    origin: String,
    user_agent: String,
    trusted: bool,
}

impl RobotsKey {
    pub fn new(url: &Url, user_agent: &str, trusted: bool) -> RobotsKey {
        RobotsKey { origin: url.origin().ascii_serialization(), user_agent: user_agent.to_string(), trusted }
    }
}

/// Per-run cache: one robots.txt fetch per key, shared by all tasks.
#[derive(Debug, Default)]
pub struct RobotsCache {
    cells: Mutex<HashMap<RobotsKey, Arc<OnceCell<Arc<Rules>>>>>,
}

impl RobotsCache {
    /// The cell holding a key's rules (filled by the first caller).
    pub fn cell(&self, key: RobotsKey) -> Arc<OnceCell<Arc<Rules>>> {
        let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
        cells.entry(key).or_default().clone()
    }
}

/// The robots.txt URL of a URL's origin.
pub fn robots_url(url: &Url) -> Option<Url> {
    let mut r = url.clone();
    r.set_path("/robots.txt");
    r.set_query(None);
    r.set_fragment(None);
    let _ = r.set_username("");
    let _ = r.set_password(None);
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallow_rules_and_crawl_delay() {
        let body = "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: skilltrend\nDisallow: /admin\nCrawl-delay: 1.5\n";
        let rules = Rules::from_response(Ok((200, body.to_string())));
        let u = |p: &str| Url::parse(&format!("https://a.example{p}")).unwrap();
        assert!(!rules.allows(&u("/admin/x")));
        assert!(rules.allows(&u("/private/x")), "the skilltrend group replaces the * group");
        assert!(rules.allows(&u("/jobs?page=2")));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_millis(1500)));
        assert!(Rules::from_response(Ok((404, String::new()))).allows(&u("/x")));
        assert!(!Rules::from_response(Ok((503, String::new()))).allows(&u("/x")));
        assert!(!Rules::from_response(Err("refused".into())).allows(&u("/x")));
    }

    #[test]
    fn a_huge_crawl_delay_is_capped() {
        for asked in ["3600", "100000000000000000000", "1e30"] {
            let rules = Rules::from_response(Ok((200, format!("User-agent: *\nCrawl-delay: {asked}\n"))));
            assert_eq!(rules.crawl_delay(), Some(MAX_CRAWL_DELAY), "{asked}");
        }
    }

    #[test]
    fn sources_share_rules_only_when_they_would_be_answered_alike() {
        let cache = RobotsCache::default();
        let u = |s: &str| Url::parse(s).unwrap();
        let key = |url: &str, ua: &str, trusted: bool| RobotsKey::new(&u(url), ua, trusted);
        let first = cache.cell(key("http://localhost:8080/a", "ua", false));
        assert!(Arc::ptr_eq(&first, &cache.cell(key("http://localhost:8080/b?q", "ua", false))));
        for other in [
            key("http://localhost:8080/a", "ua", true),
            key("http://localhost:8080/a", "another ua", false),
            key("http://localhost:8081/a", "ua", false),
            key("https://localhost:8080/a", "ua", false),
        ] {
            assert!(!Arc::ptr_eq(&first, &cache.cell(other.clone())), "{other:?}");
        }
    }
}
