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
    /// Hosts of the source's own configured URLs: the only ones that may
    /// resolve to private, loopback or link-local addresses.
    pub trusted_hosts: Vec<String>,
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
            trusted_hosts: Vec::new(),
        }
    }
}

/// A month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Parses `YYYY-MM`.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.trim().split_once('-')?;
        let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        (y.len() == 4 && (1..=2).contains(&m.len()) && (1..=12).contains(&month) && year >= 1990)
            .then_some(YearMonth { year, month })
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { month: self.month + 1, ..self }
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// The selectors of an `html` source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlSpec {
    pub start_urls: Vec<Url>,
    /// Links from a listing page to posting pages.
    pub posting_links: String,
    /// The link to the next listing page.
    pub next_page: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub posted_at: Option<String>,
    /// A chrono format for `posted_at` (default: ISO-like dates).
    pub date_format: Option<String>,
    pub description: String,
}

/// What kind of source, with its own settings.
#[derive(Debug, Clone, PartialEq)]
pub enum KindSpec {
    /// Pages carrying schema.org JobPosting JSON-LD.
    Jsonld { start_urls: Vec<Url>, follow: Option<String> },
    /// Hacker News "Ask HN: Who is hiring?" through the Algolia API.
    Hn { base_url: Url, since: YearMonth, until: Option<YearMonth> },
    /// Greenhouse job boards.
    Greenhouse { base_url: Url, boards: Vec<String> },
    /// Lever postings.
    Lever { base_url: Url, sites: Vec<String> },
    /// Ashby job boards.
    Ashby { base_url: Url, boards: Vec<String> },
    /// RSS 2.0 and Atom feeds.
    Feed { urls: Vec<Url> },
    /// Boards with neither an API nor JSON-LD, read with CSS selectors.
    Html(HtmlSpec),
}

/// The real services the API kinds talk to.
pub const HN_BASE: &str = "https://hn.algolia.com/api/v1";
pub const GREENHOUSE_BASE: &str = "https://boards-api.greenhouse.io/v1";
pub const LEVER_BASE: &str = "https://api.lever.co/v0";
pub const ASHBY_BASE: &str = "https://api.ashbyhq.com";

impl KindSpec {
    /// The kind's name as written in the config.
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::Jsonld { .. } => "jsonld",
            KindSpec::Hn { .. } => "hn",
            KindSpec::Greenhouse { .. } => "greenhouse",
            KindSpec::Lever { .. } => "lever",
            KindSpec::Ashby { .. } => "ashby",
            KindSpec::Feed { .. } => "feed",
            KindSpec::Html(_) => "html",
        }
    }

    /// The URLs whose hosts the source may fetch from by default.
    pub fn start_urls(&self) -> Vec<Url> {
        match self {
            KindSpec::Jsonld { start_urls, .. } => start_urls.clone(),
            KindSpec::Hn { base_url, .. }
            | KindSpec::Greenhouse { base_url, .. }
            | KindSpec::Lever { base_url, .. }
            | KindSpec::Ashby { base_url, .. } => vec![base_url.clone()],
            KindSpec::Feed { urls } => urls.clone(),
            KindSpec::Html(h) => h.start_urls.clone(),
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
const KINDS: &[&str] = &["jsonld", "hn", "greenhouse", "lever", "ashby", "feed", "html"];

/// The keys only some kinds take.
const KIND_KEYS: &[(&str, &[&str])] = &[
    ("jsonld", &["start_urls", "follow"]),
    ("hn", &["base_url", "since", "until"]),
    ("greenhouse", &["base_url", "boards"]),
    ("lever", &["base_url", "sites"]),
    ("ashby", &["base_url", "boards"]),
    ("feed", &["urls"]),
    (
        "html",
        &[
            "start_urls",
            "posting_links",
            "next_page",
            "title",
            "company",
            "location",
            "posted_at",
            "date_format",
            "description",
        ],
    ),
];

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
    // kinds
    start_urls: Option<Spanned<Vec<Spanned<String>>>>,
    follow: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    since: Option<Spanned<String>>,
    until: Option<Spanned<String>>,
    boards: Option<Spanned<Vec<Spanned<String>>>>,
    sites: Option<Spanned<Vec<Spanned<String>>>>,
    urls: Option<Spanned<Vec<Spanned<String>>>>,
    posting_links: Option<Spanned<String>>,
    next_page: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    company: Option<Spanned<String>>,
    location: Option<Spanned<String>>,
    posted_at: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
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
    "base_url",
    "since",
    "until",
    "boards",
    "sites",
    "urls",
    "posting_links",
    "next_page",
    "title",
    "company",
    "location",
    "posted_at",
    "date_format",
    "description",
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
    let span_of_str = |v: &Option<Spanned<String>>| v.as_ref().map(|s| s.span());
    let span_of_list = |v: &Option<Spanned<Vec<Spanned<String>>>>| v.as_ref().map(|s| s.span());
    let present: Vec<(&str, Option<std::ops::Range<usize>>)> = vec![
        ("start_urls", span_of_list(&raw.start_urls)),
        ("follow", span_of_str(&raw.follow)),
        ("base_url", span_of_str(&raw.base_url)),
        ("since", span_of_str(&raw.since)),
        ("until", span_of_str(&raw.until)),
        ("boards", span_of_list(&raw.boards)),
        ("sites", span_of_list(&raw.sites)),
        ("urls", span_of_list(&raw.urls)),
        ("posting_links", span_of_str(&raw.posting_links)),
        ("next_page", span_of_str(&raw.next_page)),
        ("title", span_of_str(&raw.title)),
        ("company", span_of_str(&raw.company)),
        ("location", span_of_str(&raw.location)),
        ("posted_at", span_of_str(&raw.posted_at)),
        ("date_format", span_of_str(&raw.date_format)),
        ("description", span_of_str(&raw.description)),
    ];
    let own_keys = KIND_KEYS.iter().find(|(k, _)| *k == kind_name).map_or(&[][..], |(_, keys)| *keys);
    for (key, span) in &present {
        if let Some(span) = span
            && !own_keys.contains(key)
        {
            return Err(cx.err(Some(span.clone()), in_source(key, &format!("is not a key of kind \"{kind_name}\""))));
        }
    }
    let missing = |key: &str, what: &str| cx.err(Some(span.clone()), in_source(key, &format!("is missing ({what})")));
    let selector = |v: &Option<Spanned<String>>, key: &str| -> Result<Option<String>, ConfigError> {
        let Some(sel) = v else { return Ok(None) };
        scraper::Selector::parse(sel.get_ref())
            .map_err(|e| cx.err(Some(sel.span()), in_source(key, &format!("is not a valid CSS selector: {e}"))))?;
        Ok(Some(sel.get_ref().clone()))
    };
    let base_url = |default: &str| -> Result<Url, ConfigError> {
        match &raw.base_url {
            None => Ok(Url::parse(default).expect("default base URLs are valid")),
            Some(b) => {
                let mut url =
                    parse_http_url(b.get_ref()).map_err(|m| cx.err(Some(b.span()), in_source("base_url", &m)))?;
                let trimmed = url.path().trim_end_matches('/').to_string();
                url.set_path(&trimmed);
                Ok(url)
            }
        }
    };
    let month = |v: &Option<Spanned<String>>, key: &str| -> Result<Option<YearMonth>, ConfigError> {
        let Some(m) = v else { return Ok(None) };
        YearMonth::parse(m.get_ref()).map(Some).ok_or_else(|| {
            cx.err(Some(m.span()), in_source(key, &format!("\"{}\" is not a month: write YYYY-MM", m.get_ref())))
        })
    };
    let names = |v: &Option<Spanned<Vec<Spanned<String>>>>,
                 key: &str,
                 what: &str|
     -> Result<Vec<String>, ConfigError> {
        let list = v.as_ref().ok_or_else(|| missing(key, what))?;
        if list.get_ref().is_empty() {
            return Err(cx.err(Some(list.span()), in_source(key, "is empty")));
        }
        list.get_ref()
            .iter()
            .map(|n| {
                let t = n.get_ref().trim();
                if t.is_empty() || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) {
                    Err(cx.err(
                        Some(n.span()),
                        in_source(key, &format!("\"{}\" is not a board name (letters, digits, - _ .)", n.get_ref())),
                    ))
                } else {
                    Ok(t.to_string())
                }
            })
            .collect()
    };

    let kind = match kind_name {
        "jsonld" => KindSpec::Jsonld {
            start_urls: url_list(&raw.start_urls, "start_urls")?
                .ok_or_else(|| missing("start_urls", "the pages to start crawling from"))?,
            follow: selector(&raw.follow, "follow")?,
        },
        "hn" => {
            let since = month(&raw.since, "since")?.unwrap_or(YearMonth { year: 2011, month: 4 });
            let until = month(&raw.until, "until")?;
            if let (Some(u), Some(s)) = (until, raw.until.as_ref())
                && u < since
            {
                return Err(cx.err(Some(s.span()), in_source("until", &format!("{u} is before since ({since})"))));
            }
            KindSpec::Hn { base_url: base_url(HN_BASE)?, since, until }
        }
        "greenhouse" => KindSpec::Greenhouse {
            base_url: base_url(GREENHOUSE_BASE)?,
            boards: names(&raw.boards, "boards", "the board tokens, e.g. boards = [\"acme\"]")?,
        },
        "lever" => KindSpec::Lever {
            base_url: base_url(LEVER_BASE)?,
            sites: names(&raw.sites, "sites", "the Lever site names, e.g. sites = [\"acme\"]")?,
        },
        "ashby" => KindSpec::Ashby {
            base_url: base_url(ASHBY_BASE)?,
            boards: names(&raw.boards, "boards", "the Ashby board names, e.g. boards = [\"acme\"]")?,
        },
        "feed" => KindSpec::Feed {
            urls: url_list(&raw.urls, "urls")?.ok_or_else(|| missing("urls", "the RSS or Atom feed URLs"))?,
        },
        _ => {
            if let Some(f) = &raw.date_format {
                let bad =
                    chrono::format::StrftimeItems::new(f.get_ref()).any(|i| matches!(i, chrono::format::Item::Error));
                if bad {
                    return Err(cx.err(
                        Some(f.span()),
                        in_source("date_format", "is not a valid date format (e.g. \"%d %B %Y\")"),
                    ));
                }
            }
            KindSpec::Html(HtmlSpec {
                start_urls: url_list(&raw.start_urls, "start_urls")?
                    .ok_or_else(|| missing("start_urls", "the listing pages to start from"))?,
                posting_links: selector(&raw.posting_links, "posting_links")?
                    .ok_or_else(|| missing("posting_links", "a CSS selector of the links to postings"))?,
                next_page: selector(&raw.next_page, "next_page")?,
                title: selector(&raw.title, "title")?,
                company: selector(&raw.company, "company")?,
                location: selector(&raw.location, "location")?,
                posted_at: selector(&raw.posted_at, "posted_at")?,
                date_format: raw.date_format.as_ref().map(|f| f.get_ref().clone()),
                description: selector(&raw.description, "description")?
                    .ok_or_else(|| missing("description", "a CSS selector of the posting text"))?,
            })
        }
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
    crawl.trusted_hosts = kind.start_urls().iter().filter_map(|u| u.host_str().map(str::to_ascii_lowercase)).collect();
    crawl.trusted_hosts.sort();
    crawl.trusted_hosts.dedup();

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
