//! `skilltrend discover`'s fetching: one page and at most five careers
//! links from it, politely (robots.txt, the User-Agent, the per-host delay,
//! the size cap, the private-address guard). Redirects are followed by
//! hand, one hop at a time, and only on the page's own host: a redirect to
//! a job board is recognised from its target and not fetched, any other
//! host is not followed.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, LOCATION};
use reqwest::redirect;
use url::Url;

use super::fetch::{FetchError, MAX_REDIRECTS, classify, classify_body, decode};
use super::politeness::{HostKey, Hosts};
use super::robots::{Rules, robots_url};
use super::safety::{Refused, SafeResolver, refused_ip_literal};
use crate::config::CrawlSettings;
use crate::discover::{Ats, Discovery, How, MAX_LINKS, Sighting, Visit, jsonld_board, read_page, recognise};

/// Looks at `start` (and up to [`MAX_LINKS`] careers links from it) for job
/// boards; a board's own URL is recognised without a fetch. The start
/// URL's host is the only one that may be private.
pub async fn discover(start: &Url, settings: &CrawlSettings, hosts: &Hosts) -> Discovery {
    if let Some(board) = recognise(start) {
        let sighting = Sighting { board, how: How::Given, page: start.clone(), url: start.to_string() };
        let visits = vec![Visit { url: start.clone(), result: "a job board's URL: not fetched".into() }];
        return Discovery { start: start.clone(), visits, sightings: vec![sighting] };
    }
    let mut v = match Visitor::new(start, settings, hosts) {
        Ok(v) => v,
        Err(e) => {
            let visits = vec![Visit { url: start.clone(), result: format!("cannot build an HTTP client: {e}") }];
            return Discovery { start: start.clone(), visits, sightings: Vec::new() };
        }
    };
    if let Some((url, body)) = v.visit(start.clone()).await {
        let reading = read_page(&url, &body);
        v.take(&url, &reading);
        for link in reading.careers_links.iter().take(MAX_LINKS) {
            if v.has_board() {
                break;
            }
            if let Some((url, body)) = v.visit(link.clone()).await {
                v.take(&url, &read_page(&url, &body));
            }
        }
    }
    v.found
}

/// What one request gave.
enum Response {
    Page { body: String, content_type: Option<String> },
    Redirect(String),
}

/// One discovery's client, robots.txt rules and findings.
struct Visitor<'a> {
    client: reqwest::Client,
    resolver: SafeResolver,
    settings: &'a CrawlSettings,
    hosts: &'a Hosts,
    /// The start URL's host (lower case) and port.
    home: (String, Option<u16>),
    robots: HashMap<String, Rules>,
    asked: HashSet<Url>,
    found: Discovery,
}

impl<'a> Visitor<'a> {
    fn new(start: &Url, settings: &'a CrawlSettings, hosts: &'a Hosts) -> reqwest::Result<Visitor<'a>> {
        let home = start.host_str().unwrap_or_default().to_ascii_lowercase();
        let resolver = SafeResolver::new(std::slice::from_ref(&home));
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.connect_timeout)
            .redirect(redirect::Policy::none())
            .dns_resolver(resolver.clone())
            .no_proxy()
            .build()?;
        Ok(Visitor {
            client,
            resolver,
            settings,
            hosts,
            home: (home, start.port()),
            robots: HashMap::new(),
            asked: HashSet::new(),
            found: Discovery { start: start.clone(), visits: Vec::new(), sightings: Vec::new() },
        })
    }

    fn note(&mut self, url: &Url, result: impl Into<String>) {
        let result = result.into();
        tracing::info!(%url, "discover: {result}");
        self.found.visits.push(Visit { url: url.clone(), result });
    }

    fn has_board(&self) -> bool {
        self.found.sightings.iter().any(|s| s.board.ats != Ats::JsonLd)
    }

    /// Keeps a page's boards, and the page itself when it carries postings.
    fn take(&mut self, url: &Url, reading: &crate::discover::Reading) {
        self.found.sightings.extend(reading.sightings.iter().cloned());
        if reading.job_postings > 0 {
            let board = jsonld_board(url);
            self.found.sightings.push(Sighting { board, how: How::JsonLd, page: url.clone(), url: url.to_string() });
        }
    }

    /// Whether a host is the start URL's (or its `www.` twin) on its port.
    fn on_home_host(&self, url: &Url) -> bool {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let home = &self.home.0;
        let twin = host == *home || host == format!("www.{home}") || format!("www.{host}") == *home;
        twin && url.port() == self.home.1
    }

    /// Fetches a page, following redirects on the home host; the page's
    /// final URL and text, or None (what happened is noted).
    async fn visit(&mut self, url: Url) -> Option<(Url, String)> {
        let mut current = url;
        let mut hops = 0;
        loop {
            if !self.asked.insert(current.clone()) {
                return None;
            }
            let crawl_delay = match self.robots_allow(&current).await {
                Ok(d) => d,
                Err(why) => {
                    self.note(&current, why);
                    return None;
                }
            };
            let location = match self.request(&current, crawl_delay).await {
                Err(e) => {
                    self.note(&current, e.to_string());
                    return None;
                }
                Ok(Response::Page { body, content_type }) => return self.page(current, body, content_type),
                Ok(Response::Redirect(location)) => location,
            };
            let Some(target) = current.join(location.trim()).ok().filter(|t| matches!(t.scheme(), "http" | "https"))
            else {
                self.note(&current, format!("a redirect to {location:?}, not an http(s) URL: not followed"));
                return None;
            };
            self.note(&current, format!("redirected to {target}"));
            if let Some(board) = recognise(&target) {
                let sighting = Sighting { board, how: How::Redirect, page: current, url: target.to_string() };
                self.found.sightings.push(sighting);
                return None;
            }
            hops += 1;
            if let Some(why) = self.redirect_refusal(&target, hops) {
                self.note(&target, why);
                return None;
            }
            current = target;
        }
    }

    /// Why a redirect target may not be fetched, if it may not.
    fn redirect_refusal(&self, target: &Url, hops: usize) -> Option<String> {
        if refused_ip_literal(target, &self.resolver) {
            Some(format!("not fetched: {}", Refused::new(target.host_str().unwrap_or_default())))
        } else if !self.on_home_host(target) {
            Some("not fetched: neither the page's host nor a known job board".into())
        } else if hops > MAX_REDIRECTS {
            Some(format!("not fetched: more than {MAX_REDIRECTS} redirects"))
        } else {
            None
        }
    }

    /// A fetched page, if it is HTML (or says nothing of its type).
    fn page(&mut self, url: Url, body: String, content_type: Option<String>) -> Option<(Url, String)> {
        let ct = content_type.unwrap_or_default().to_ascii_lowercase();
        if !ct.is_empty() && !["html", "xml", "text/plain", "octet-stream"].iter().any(|t| ct.contains(t)) {
            self.note(&url, format!("not read: not an HTML page ({ct})"));
            return None;
        }
        self.note(&url, "read");
        Some((url, body))
    }

    /// One GET in the host's turn; a redirect is returned, not followed.
    async fn request(&self, url: &Url, crawl_delay: Duration) -> Result<Response, FetchError> {
        if refused_ip_literal(url, &self.resolver) {
            return Err(FetchError::Refused(Refused::new(url.host_str().unwrap_or_default()).to_string()));
        }
        let host = format!("{}:{}", url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0));
        let key = HostKey { host, concurrency: 1 };
        let _slot = self.hosts.acquire(&key, self.settings.delay, crawl_delay).await;
        let mut resp = self.client.get(url.clone()).timeout(self.settings.timeout).send().await.map_err(classify)?;
        let status = resp.status();
        if status.is_redirection()
            && let Some(location) = resp.headers().get(LOCATION).and_then(|v| v.to_str().ok())
        {
            return Ok(Response::Redirect(location.to_string()));
        }
        if !status.is_success() {
            return Err(FetchError::Status { status: status.as_u16(), retry_after: None });
        }
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
        let limit = self.settings.max_body_bytes;
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(classify_body)? {
            if bytes.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        let body = decode(&bytes, content_type.as_deref());
        Ok(Response::Page { body, content_type })
    }

    /// Whether robots.txt lets a URL be fetched: the host's Crawl-delay if
    /// so, else why not.
    async fn robots_allow(&mut self, url: &Url) -> Result<Duration, String> {
        let origin = url.origin().ascii_serialization();
        if !self.robots.contains_key(&origin) {
            let rules = self.fetch_robots(url).await;
            self.robots.insert(origin.clone(), rules);
        }
        match &self.robots[&origin] {
            Rules::Refused(why) | Rules::DisallowAll(why) => Err(format!("not fetched: {why}")),
            rules if !rules.allows(url) => Err("not fetched: disallowed by robots.txt".into()),
            rules => Ok(rules.crawl_delay().unwrap_or_default()),
        }
    }

    /// An origin's robots.txt, following redirects on the home host (a
    /// redirect elsewhere counts as no robots.txt, as RFC 9309 allows).
    async fn fetch_robots(&self, url: &Url) -> Rules {
        let Some(mut robots) = robots_url(url) else { return Rules::AllowAll };
        for _ in 0..=MAX_REDIRECTS {
            let response = match self.request(&robots, Duration::ZERO).await {
                Ok(Response::Page { body, .. }) => Ok((200, body)),
                Ok(Response::Redirect(location)) => match robots.join(&location) {
                    Ok(next) if self.on_home_host(&next) && !refused_ip_literal(&next, &self.resolver) => {
                        robots = next;
                        continue;
                    }
                    _ => Ok((404, String::new())),
                },
                Err(FetchError::Status { status, .. }) => Ok((status, String::new())),
                Err(FetchError::Refused(why)) => return Rules::Refused(why),
                Err(e) => Err(e.to_string()),
            };
            return Rules::from_response(response);
        }
        Rules::from_response(Ok((404, String::new())))
    }
}
