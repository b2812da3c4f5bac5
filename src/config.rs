//! `sources.toml`: the sources to crawl and how politely. Every mistake is
//! reported with the file, line, source and key.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use url::Url;

/// The User-Agent sent unless a source sets its own: tool, version, contact.
pub fn default_user_agent() -> String {
    format!("skilltrend/{} (+{})", env!("CARGO_PKG_VERSION"), env!("CARGO_PKG_REPOSITORY"))
}

/// An invalid configuration: where and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// How a source is crawled (the politeness and fault-tolerance keys).
#[derive(Debug, Clone, PartialEq)]
pub struct CrawlSettings {
    pub respect_robots: bool,
    pub per_host_concurrency: usize,
    /// Least time between request starts to one host (±25% jitter).
    pub delay: Duration,
    pub user_agent: String,
    pub connect_timeout: Duration,
    /// For a whole response.
    pub timeout: Duration,
    pub max_retries: u32,
    /// A longer Retry-After gives up on the URL for this run.
    pub max_retry_after: Duration,
    /// Counted after decompression.
    pub max_body_bytes: u64,
    pub max_pages: usize,
    /// Hosts links and redirects may go to (lower case).
    pub allowed_hosts: Vec<String>,
}

impl Default for CrawlSettings {
    fn default() -> Self {
        CrawlSettings {
            respect_robots: true,
            per_host_concurrency: 1,
            delay: Duration::from_millis(1000),
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_retries: 3,
            max_retry_after: Duration::from_secs(300),
            max_body_bytes: 10 * 1024 * 1024,
            max_pages: 1000,
            allowed_hosts: Vec::new(),
        }
    }
}

/// What kind of source, with its own settings.
#[derive(Debug, Clone, PartialEq)]
pub enum KindSpec {
    /// Pages carrying schema.org JobPosting JSON-LD.
    Jsonld { start_urls: Vec<Url>, follow: Option<String> },
}

impl KindSpec {
    /// The kind's name as written in the config.
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::Jsonld { .. } => "jsonld",
        }
    }

    /// The URLs the source starts from (for `--dry-run` and allowed hosts).
    pub fn start_urls(&self) -> Vec<Url> {
        match self {
            KindSpec::Jsonld { start_urls, .. } => start_urls.clone(),
        }
    }
}

/// One validated `[[sources]]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSpec {
    pub name: String,
    pub kind: KindSpec,
    pub crawl: CrawlSettings,
}

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub path: PathBuf,
    pub sources: Vec<SourceSpec>,
}

/// Kinds a config may name.
const KINDS: &[&str] = &["jsonld"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

/// Every key any kind accepts; which ones a kind takes is checked after.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    // jsonld
    start_urls: Option<Spanned<Vec<Spanned<String>>>>,
    follow: Option<Spanned<String>>,
    // crawl settings
    allowed_hosts: Option<Spanned<Vec<Spanned<String>>>>,
    max_pages: Option<Spanned<i64>>,
    respect_robots: Option<Spanned<bool>>,
    per_host_concurrency: Option<Spanned<i64>>,
    delay_ms: Option<Spanned<i64>>,
    user_agent: Option<Spanned<String>>,
    connect_timeout_secs: Option<Spanned<f64>>,
    timeout_secs: Option<Spanned<f64>>,
    max_retries: Option<Spanned<i64>>,
    max_retry_after_secs: Option<Spanned<f64>>,
    max_body_bytes: Option<Spanned<i64>>,
}

/// Every key of a `[[sources]]` table, for suggestions.
const ALL_KEYS: &[&str] = &[
    "name",
    "kind",
    "start_urls",
    "follow",
    "allowed_hosts",
    "max_pages",
    "respect_robots",
    "per_host_concurrency",
    "delay_ms",
    "user_agent",
    "connect_timeout_secs",
    "timeout_secs",
    "max_retries",
    "max_retry_after_secs",
    "max_body_bytes",
];

struct Ctx<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, span: Option<std::ops::Range<usize>>, message: String) -> ConfigError {
        let (line, column) = match span {
            Some(s) => {
                let (l, c) = line_col(self.text, s.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        ConfigError { file: self.file.to_path_buf(), line, column, message }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the config file: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Validates config text (`path` is used in messages).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let cx = Ctx { file: path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| cx.err(e.span(), describe_toml_error(&e)))?;
        if raw.sources.is_empty() {
            return Err(cx.err(None, "no [[sources]] table: add at least one source".into()));
        }
        let mut names = HashSet::new();
        let mut sources = Vec::new();
        for table in raw.sources {
            let span = table.span();
            let (spec, name_span) = validate_source(&cx, span, table.into_inner())?;
            if !names.insert(spec.name.clone()) {
                return Err(cx.err(
                    Some(name_span),
                    format!("source name \"{}\" is used twice: names must be unique", spec.name),
                ));
            }
            sources.push(spec);
        }
        Ok(Config { path: path.to_path_buf(), sources })
    }
}

/// toml's message, with a "did you mean" for a misspelt key.
fn describe_toml_error(e: &toml::de::Error) -> String {
    let msg = e.message().trim().to_string();
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some(key) = rest.split('`').next()
    {
        let best = ALL_KEYS
            .iter()
            .map(|k| (crate::extract::taxonomy::edit_distance(key, k), *k))
            .min()
            .filter(|(d, _)| *d <= 3);
        return match best {
            Some((_, k)) => format!("unknown key `{key}` (did you mean `{k}`?)"),
            None => format!("unknown key `{key}`"),
        };
    }
    msg
}

fn validate_source(
    cx: &Ctx,
    span: std::ops::Range<usize>,
    raw: RawSource,
) -> Result<(SourceSpec, std::ops::Range<usize>), ConfigError> {
    let name =
        raw.name.as_ref().ok_or_else(|| cx.err(Some(span.clone()), "a [[sources]] table has no `name`".into()))?;
    let label = name.get_ref().trim().to_string();
    if label.is_empty() || label.chars().any(|c| c.is_control() || c == ',') {
        return Err(cx.err(Some(name.span()), "source `name` must be non-empty, without commas".into()));
    }
    let in_source = |key: &str, msg: &str| format!("source \"{label}\": `{key}` {msg}");
    let kind = raw
        .kind
        .as_ref()
        .ok_or_else(|| cx.err(Some(span.clone()), in_source("kind", "is missing (e.g. kind = \"jsonld\")")))?;
    if !KINDS.contains(&kind.get_ref().as_str()) {
        return Err(cx.err(
            Some(kind.span()),
            in_source("kind", &format!("\"{}\" is not a known kind (known: {})", kind.get_ref(), KINDS.join(", "))),
        ));
    }

    let mut crawl = CrawlSettings::default();
    let positive = |v: &Option<Spanned<i64>>, key: &str| -> Result<Option<u64>, ConfigError> {
        match v {
            None => Ok(None),
            Some(s) if *s.get_ref() >= 1 => Ok(Some(*s.get_ref() as u64)),
            Some(s) => Err(cx.err(Some(s.span()), in_source(key, "must be at least 1"))),
        }
    };
    let non_negative = |v: &Option<Spanned<i64>>, key: &str| -> Result<Option<u64>, ConfigError> {
        match v {
            None => Ok(None),
            Some(s) if *s.get_ref() >= 0 => Ok(Some(*s.get_ref() as u64)),
            Some(s) => Err(cx.err(Some(s.span()), in_source(key, "must not be negative"))),
        }
    };
    let seconds = |v: &Option<Spanned<f64>>, key: &str| -> Result<Option<Duration>, ConfigError> {
        match v {
            None => Ok(None),
            Some(s) if s.get_ref().is_finite() && *s.get_ref() > 0.0 && *s.get_ref() < 1e7 => {
                Ok(Some(Duration::from_secs_f64(*s.get_ref())))
            }
            Some(s) => Err(cx.err(Some(s.span()), in_source(key, "must be a positive number of seconds"))),
        }
    };
    if let Some(v) = positive(&raw.max_pages, "max_pages")? {
        crawl.max_pages = v as usize;
    }
    if let Some(v) = &raw.respect_robots {
        crawl.respect_robots = *v.get_ref();
    }
    if let Some(v) = positive(&raw.per_host_concurrency, "per_host_concurrency")? {
        crawl.per_host_concurrency = v as usize;
    }
    if let Some(v) = non_negative(&raw.delay_ms, "delay_ms")? {
        crawl.delay = Duration::from_millis(v);
    }
    if let Some(v) = &raw.user_agent {
        let ua = v.get_ref().trim();
        if ua.is_empty() || !ua.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return Err(cx.err(Some(v.span()), in_source("user_agent", "must be non-empty printable ASCII")));
        }
        crawl.user_agent = ua.to_string();
    }
    if let Some(v) = seconds(&raw.connect_timeout_secs, "connect_timeout_secs")? {
        crawl.connect_timeout = v;
    }
    if let Some(v) = seconds(&raw.timeout_secs, "timeout_secs")? {
        crawl.timeout = v;
    }
    if let Some(v) = non_negative(&raw.max_retries, "max_retries")? {
        crawl.max_retries = v.min(100) as u32;
    }
    if let Some(v) = seconds(&raw.max_retry_after_secs, "max_retry_after_secs")? {
        crawl.max_retry_after = v;
    }
    if let Some(v) = positive(&raw.max_body_bytes, "max_body_bytes")? {
        crawl.max_body_bytes = v;
    }

    let url_list = |v: &Option<Spanned<Vec<Spanned<String>>>>, key: &str| -> Result<Option<Vec<Url>>, ConfigError> {
        let Some(list) = v else { return Ok(None) };
        if list.get_ref().is_empty() {
            return Err(cx.err(Some(list.span()), in_source(key, "is empty")));
        }
        list.get_ref()
            .iter()
            .map(|s| parse_http_url(s.get_ref()).map_err(|m| cx.err(Some(s.span()), in_source(key, &m))))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    };

    let kind_name = kind.get_ref().as_str();
    // Keys that belong to other kinds are mistakes.
    let foreign: &[(&str, bool, Option<std::ops::Range<usize>>)] = &[
        ("start_urls", raw.start_urls.is_some(), raw.start_urls.as_ref().map(|s| s.span())),
        ("follow", raw.follow.is_some(), raw.follow.as_ref().map(|s| s.span())),
    ];
    let kind_keys: &[&str] = &["start_urls", "follow"];
    for (key, present, span) in foreign {
        if *present && !kind_keys.contains(key) {
            return Err(cx.err(span.clone(), in_source(key, &format!("is not a key of kind \"{kind_name}\""))));
        }
    }

    let kind = {
        let start_urls = url_list(&raw.start_urls, "start_urls")?.ok_or_else(|| {
            cx.err(Some(span.clone()), in_source("start_urls", "is missing (the pages to start crawling from)"))
        })?;
        let follow = match &raw.follow {
            None => None,
            Some(sel) => {
                scraper::Selector::parse(sel.get_ref()).map_err(|e| {
                    cx.err(Some(sel.span()), in_source("follow", &format!("is not a valid CSS selector: {e}")))
                })?;
                Some(sel.get_ref().clone())
            }
        };
        KindSpec::Jsonld { start_urls, follow }
    };

    crawl.allowed_hosts = match url_list(
        &raw.allowed_hosts.as_ref().map(|l| {
            // Allowed hosts may be written bare ("example.com").
            Spanned::new(
                l.span(),
                l.get_ref()
                    .iter()
                    .map(|h| {
                        let v = h.get_ref();
                        let full = if v.contains("://") { v.clone() } else { format!("https://{v}") };
                        Spanned::new(h.span(), full)
                    })
                    .collect(),
            )
        }),
        "allowed_hosts",
    )? {
        Some(urls) => urls.iter().filter_map(|u| u.host_str().map(str::to_ascii_lowercase)).collect(),
        None => kind.start_urls().iter().filter_map(|u| u.host_str().map(str::to_ascii_lowercase)).collect(),
    };
    crawl.allowed_hosts.sort();
    crawl.allowed_hosts.dedup();

    let name_span = name.span();
    Ok((SourceSpec { name: label, kind, crawl }, name_span))
}

/// An absolute http(s) URL, or a message saying what is wrong.
pub fn parse_http_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s.trim()).map_err(|e| format!("\"{s}\" is not a URL ({e})"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("\"{s}\" is not an http or https URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("\"{s}\" has no host"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("sources.toml"), text)
    }

    #[test]
    fn a_jsonld_source_with_defaults() {
        let c = parse(
            "[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"https://Jobs.Acme.example/careers\"]\n",
        )
        .unwrap();
        let s = &c.sources[0];
        assert_eq!(s.name, "acme");
        assert_eq!(s.crawl.allowed_hosts, ["jobs.acme.example"]);
        assert_eq!(s.crawl.max_pages, 1000);
        assert_eq!(s.crawl.delay, Duration::from_millis(1000));
        assert!(s.crawl.user_agent.starts_with("skilltrend/"));
    }

    #[test]
    fn errors_name_the_key_and_the_line() {
        let err = parse(
            "[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example/\"]\nmax_page = 5\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(5));
        assert!(err.to_string().contains("`max_page`") && err.to_string().contains("`max_pages`"), "{err}");

        let err = parse("[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"ftp://a.example/\"]\n")
            .unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.to_string().contains("start_urls") && err.to_string().contains("\"acme\""), "{err}");

        let err = parse("[[sources]]\nname = \"acme\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example/\"]\ndelay_ms = \"fast\"\n")
            .unwrap_err();
        assert_eq!(err.line, Some(5), "{err}");

        let err = parse("[[sources]]\nname = \"x\"\nkind = \"nope\"\n").unwrap_err();
        assert!(err.to_string().contains("not a known kind"), "{err}");
        assert_eq!(err.line, Some(3));

        let err = parse("[[sources]]\nname = \"x\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example/\"]\n\n[[sources]]\nname = \"x\"\nkind = \"jsonld\"\nstart_urls = [\"https://b.example/\"]\n").unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
        assert_eq!(err.line, Some(7), "{err}");
    }
}
