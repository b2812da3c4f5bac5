//! One HTTP request: conditional headers, a size cap counted after
//! decompression, redirects kept inside the allowed hosts, the body decoded
//! from its charset. Retrying is the engine's job; this says what happened
//! and whether it is worth retrying.

use std::time::{Duration, SystemTime};

use reqwest::header::{
    ACCEPT, CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::{StatusCode, redirect};
use url::Url;

use super::safety::{Refused, SafeResolver, refused_ip_literal};
use crate::config::CrawlSettings;
use crate::sources::Method;
use crate::store::state::CacheEntry;

/// Most redirects followed for one URL.
pub const MAX_REDIRECTS: usize = 5;

/// A successful response.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: Url,
    pub body: String,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What one attempt gave.
#[derive(Debug)]
pub enum Attempt {
    Ok(Fetched),
    NotModified,
}

/// Why an attempt failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status}")]
    Status { status: u16, retry_after: Option<Duration> },
    #[error("timed out")]
    Timeout,
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("response cut short: {0}")]
    Body(String),
    #[error("response larger than {limit} bytes after decompression (max_body_bytes); dropped")]
    TooLarge { limit: u64 },
    #[error("redirect refused: {0}")]
    Redirect(String),
    #[error("{0}")]
    Refused(String),
    #[error("request failed: {0}")]
    Other(String),
}

impl FetchError {
    /// Whether trying again may help: connection errors, timeouts, a cut
    /// body, and 408, 429, 500, 502, 503, 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => {
                matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
            }
            FetchError::Timeout | FetchError::Connect(_) | FetchError::Body(_) => true,
            FetchError::TooLarge { .. } | FetchError::Redirect(_) | FetchError::Refused(_) | FetchError::Other(_) => {
                false
            }
        }
    }

    /// Whether trying a request of this method again may help. A GET: see
    /// [`is_retryable`](Self::is_retryable). A POST is retried only when
    /// nothing says the server processed it: no response at all (the
    /// connection refused, reset or closed before a status line came), or
    /// a status that says it was not processed (408, 429, and 503 with a
    /// Retry-After). Never on a timeout (the server may still be at work),
    /// a body cut short (an answer began), or 500, 502, 504 and any other
    /// status.
    pub fn is_retryable_for(&self, method: Method) -> bool {
        match method {
            Method::Get => self.is_retryable(),
            Method::Post => match self {
                FetchError::Connect(_) => true,
                FetchError::Status { status: 408 | 429, .. } => true,
                FetchError::Status { status: 503, retry_after } => retry_after.is_some(),
                _ => false,
            },
        }
    }

    /// The wait a server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// An HTTP client configured for one source.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    timeout: Duration,
    max_body_bytes: u64,
    resolver: SafeResolver,
}

impl Fetcher {
    /// A client with the source's User-Agent, timeouts and redirect rules.
    pub fn new(settings: &CrawlSettings) -> anyhow::Result<Fetcher> {
        let allowed = settings.allowed_hosts.clone();
        let resolver = SafeResolver::new(&settings.trusted_hosts);
        let redirect_resolver = resolver.clone();
        let policy =
            redirect::Policy::custom(move |attempt| match redirect_refusal(&attempt, &allowed, &redirect_resolver) {
                Some(why) => attempt.error(why),
                None => attempt.follow(),
            });
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.connect_timeout)
            .redirect(policy)
            .dns_resolver(resolver.clone())
            .no_proxy()
            .pool_max_idle_per_host(settings.per_host_concurrency.max(4))
            .tcp_nodelay(true)
            .build()?;
        Ok(Fetcher { client, timeout: settings.timeout, max_body_bytes: settings.max_body_bytes, resolver })
    }

    /// One GET, conditional when validators are known.
    pub async fn get(&self, url: &Url, validators: Option<&CacheEntry>) -> Result<Attempt, FetchError> {
        self.send(Method::Get, url, None, validators).await
    }

    /// One request: a GET (conditional when validators are known), or a
    /// POST of a JSON `body`.
    pub async fn send(
        &self,
        method: Method,
        url: &Url,
        body: Option<&str>,
        validators: Option<&CacheEntry>,
    ) -> Result<Attempt, FetchError> {
        if refused_ip_literal(url, &self.resolver) {
            return Err(FetchError::Refused(Refused::new(url.host_str().unwrap_or_default()).to_string()));
        }
        let mut req = match method {
            Method::Get => self.client.get(url.clone()),
            Method::Post => self
                .client
                .post(url.clone())
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .body(body.unwrap_or_default().to_string()),
        }
        .timeout(self.timeout);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let mut resp = req.send().await.map_err(classify)?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Attempt::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status { status: status.as_u16(), retry_after: retry_after(resp.headers()) });
        }
        let headers = resp.headers().clone();
        let final_url = resp.url().clone();
        if resp.content_length().is_some_and(|n| n > self.max_body_bytes) {
            return Err(FetchError::TooLarge { limit: self.max_body_bytes });
        }
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(classify_body)? {
            if bytes.len() as u64 + chunk.len() as u64 > self.max_body_bytes {
                return Err(FetchError::TooLarge { limit: self.max_body_bytes });
            }
            bytes.extend_from_slice(&chunk);
        }
        let content_type = header_str(&headers, CONTENT_TYPE);
        let body = decode(&bytes, content_type.as_deref());
        Ok(Attempt::Ok(Fetched {
            final_url,
            body,
            content_type,
            etag: header_str(&headers, ETAG),
            last_modified: header_str(&headers, LAST_MODIFIED),
        }))
    }
}

/// Why a redirect may not be followed, if it may not. A private address is
/// a [`Refused`] (told apart by type when the request fails).
fn redirect_refusal(
    attempt: &redirect::Attempt,
    allowed: &[String],
    resolver: &SafeResolver,
) -> Option<Box<dyn std::error::Error + Send + Sync>> {
    let url = attempt.url();
    let why = if attempt.previous().len() > MAX_REDIRECTS {
        format!("more than {MAX_REDIRECTS} redirects")
    } else if attempt.previous().contains(url) {
        format!("redirect loop at {url}")
    } else if url.scheme() != "http" && url.scheme() != "https" {
        format!("redirect to a {} URL", url.scheme())
    } else if refused_ip_literal(url, resolver) {
        return Some(Box::new(Refused::new(url.host_str().unwrap_or_default())));
    } else {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if allowed.contains(&host) {
            return None;
        }
        format!("redirect to {host}, which is not an allowed host")
    };
    Some(why.into())
}

fn header_str(h: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `Retry-After` as seconds or an HTTP date.
pub fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = header_str(h, RETRY_AFTER)?;
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(&v).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = inner.source();
    }
    s
}

pub(super) fn classify(e: reqwest::Error) -> FetchError {
    if Refused::find(&e).is_some() {
        return FetchError::Refused(error_chain(&e));
    }
    if e.is_redirect() {
        return FetchError::Redirect(error_chain(&e));
    }
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    if e.is_connect() {
        return FetchError::Connect(error_chain(&e));
    }
    if e.is_body() || e.is_decode() || e.is_request() {
        return FetchError::Connect(error_chain(&e));
    }
    FetchError::Other(error_chain(&e))
}

pub(super) fn classify_body(e: reqwest::Error) -> FetchError {
    if e.is_timeout() { FetchError::Timeout } else { FetchError::Body(error_chain(&e)) }
}

/// Decodes a body: charset from the Content-Type header, else a BOM, else a
/// `<meta charset>` near the top, else UTF-8 (invalid bytes replaced).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let from_header = content_type.and_then(charset_param).and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    let encoding = from_header
        .or_else(|| encoding_rs::Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| meta_charset(bytes))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"').to_string())
    })
}

fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_legacy_charsets() {
        let latin1 = b"Caf\xe9 in Z\xfcrich";
        assert_eq!(decode(latin1, Some("text/html; charset=ISO-8859-1")), "Café in Zürich");
        let meta = b"<html><head><meta charset=\"windows-1252\"></head>Caf\xe9";
        assert!(decode(meta, Some("text/html")).ends_with("Café"));
        assert_eq!(decode(b"ok \xff", None), "ok \u{FFFD}");
    }

    #[test]
    fn a_post_is_retried_only_when_nothing_says_it_was_processed() {
        let status = |status: u16, retry_after: Option<u64>| FetchError::Status {
            status,
            retry_after: retry_after.map(Duration::from_secs),
        };
        let cases = [
            (FetchError::Connect("connection closed before message completed".into()), true, true),
            (status(408, None), true, true),
            (status(429, None), true, true),
            (status(503, Some(1)), true, true),
            (status(503, None), true, false),
            (status(500, None), true, false),
            (status(502, None), true, false),
            (status(504, None), true, false),
            (FetchError::Timeout, true, false),
            (FetchError::Body("cut".into()), true, false),
            (status(422, None), false, false),
        ];
        for (e, get, post) in cases {
            assert_eq!((e.is_retryable_for(Method::Get), e.is_retryable_for(Method::Post)), (get, post), "{e:?}");
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        h.insert(RETRY_AFTER, later.parse().unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(100) && d <= Duration::from_secs(120), "{d:?}");
    }

    fn fetcher(trusted: &[&str], allowed: &[&str]) -> Fetcher {
        let settings = CrawlSettings {
            trusted_hosts: trusted.iter().map(|h| h.to_string()).collect(),
            allowed_hosts: allowed.iter().map(|h| h.to_string()).collect(),
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(2),
            ..CrawlSettings::default()
        };
        Fetcher::new(&settings).unwrap()
    }

    async fn get(f: &Fetcher, url: &str) -> Result<Attempt, FetchError> {
        f.get(&Url::parse(url).unwrap(), None).await
    }

    #[tokio::test]
    async fn untrusted_private_hosts_are_refused_not_retryable_connection_errors() {
        let f = fetcher(&["127.0.0.1"], &["127.0.0.1", "localhost", "127.0.0.2"]);
        // Refused by the resolver (a name), and before any connection (a literal).
        for url in ["http://localhost:9/", "http://127.0.0.2:9/"] {
            match get(&f, url).await {
                Err(e @ FetchError::Refused(_)) => {
                    assert!(!e.is_retryable());
                    assert!(e.to_string().contains("private, loopback or link-local"), "{e}");
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        // A trusted host that is down is a connection error, retried.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        match get(&f, &format!("http://127.0.0.1:{port}/")).await {
            Err(e @ FetchError::Connect(_)) => assert!(e.is_retryable()),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_redirect_to_an_untrusted_private_address_is_a_refusal() {
        use wiremock::{Mock, MockServer, ResponseTemplate, matchers::path};
        let server = MockServer::start().await;
        let port = server.address().port();
        let to = |host: &str| ResponseTemplate::new(302).insert_header("Location", format!("http://{host}:{port}/x"));
        Mock::given(path("/private")).respond_with(to("127.0.0.3")).mount(&server).await;
        Mock::given(path("/elsewhere")).respond_with(to("localhost")).mount(&server).await;
        let f = fetcher(&["127.0.0.1"], &["127.0.0.1", "127.0.0.3"]);
        let refused = get(&f, &format!("{}/private", server.uri())).await;
        assert!(matches!(&refused, Err(FetchError::Refused(m)) if m.contains("127.0.0.3")), "{refused:?}");
        // A host outside allowed_hosts is a redirect refusal, not a private one.
        let other = get(&f, &format!("{}/elsewhere", server.uri())).await;
        assert!(matches!(&other, Err(FetchError::Redirect(m)) if m.contains("not an allowed host")), "{other:?}");
    }
}
