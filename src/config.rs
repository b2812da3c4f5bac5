//! `sources.toml`: the sources to crawl and how politely. Every mistake is
//! reported with the file, line, source and key.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
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
    /// Least time from the start of the source's last successful crawl to
    /// the next (`min_interval_secs`; zero: none): a crawl sooner skips it.
    pub min_interval: Duration,
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
            min_interval: Duration::ZERO,
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

/// A Workday career site (`https://{tenant}.wd{N}.myworkdayjobs.com/{site}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkdaySite {
    /// Where its API is asked: the site's scheme and host, or `base_url`.
    pub origin: Url,
    /// The host's first label.
    pub tenant: String,
    /// The path's last segment (after an optional locale such as `en-US`).
    pub site: String,
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
    /// Recruitee careers sites; `base_url` (a mirror) holds
    /// `{base_url}/{company}/api/offers/`, else each company's own host.
    Recruitee { base_url: Option<Url>, companies: Vec<String> },
    /// The RemoteOK board (`base_url` replaces scheme and host).
    Remoteok { base_url: Url },
    /// The Arbeitnow board (`base_url` replaces scheme and host).
    Arbeitnow { base_url: Url },
    /// The Himalayas board (`base_url` replaces scheme and host).
    Himalayas { base_url: Url },
    /// The Jobicy board (`base_url` replaces scheme and host).
    Jobicy { base_url: Url },
    /// SmartRecruiters companies (the Posting API).
    SmartRecruiters { base_url: Url, companies: Vec<String> },
    /// Workable accounts (the public careers widget).
    Workable { base_url: Url, accounts: Vec<String> },
    /// Personio companies' XML feeds; `base_url` stands for
    /// `https://{company}.jobs.personio.de` (then `{base_url}/{company}/xml`).
    Personio { base_url: Option<Url>, companies: Vec<String> },
    /// Workday career sites, through their CXS JSON API.
    Workday { sites: Vec<WorkdaySite> },
}

/// The real services the API kinds talk to.
pub const HN_BASE: &str = "https://hn.algolia.com/api/v1";
pub const GREENHOUSE_BASE: &str = "https://boards-api.greenhouse.io/v1";
pub const LEVER_BASE: &str = "https://api.lever.co/v0";
pub const ASHBY_BASE: &str = "https://api.ashbyhq.com";
pub const REMOTEOK_BASE: &str = "https://remoteok.com";
pub const ARBEITNOW_BASE: &str = "https://www.arbeitnow.com";
pub const HIMALAYAS_BASE: &str = "https://himalayas.app";
pub const JOBICY_BASE: &str = "https://jobicy.com";
pub const SMARTRECRUITERS_BASE: &str = "https://api.smartrecruiters.com";
pub const WORKABLE_BASE: &str = "https://apply.workable.com";

/// A Personio company's own feed host: `{company}.jobs.personio.de`, or
/// the whole host when one is written (`acme.jobs.personio.com`).
pub fn personio_host(company: &str) -> String {
    if company.contains('.') { format!("https://{company}") } else { format!("https://{company}.jobs.personio.de") }
}

/// Whether a Personio company is a host label (letters, digits, `-`), or
/// such a label followed by `.jobs.personio.de` or `.jobs.personio.com`.
fn is_personio_company(company: &str) -> bool {
    let label = [".jobs.personio.de", ".jobs.personio.com"]
        .iter()
        .find_map(|host| company.strip_suffix(host))
        .unwrap_or(company);
    !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl KindSpec {
    /// The URLs whose hosts the source may fetch from by default.
    pub fn start_urls(&self) -> Vec<Url> {
        match self {
            KindSpec::Jsonld { start_urls, .. } => start_urls.clone(),
            KindSpec::Hn { base_url, .. }
            | KindSpec::Greenhouse { base_url, .. }
            | KindSpec::Lever { base_url, .. }
            | KindSpec::Ashby { base_url, .. }
            | KindSpec::SmartRecruiters { base_url, .. }
            | KindSpec::Workable { base_url, .. }
            | KindSpec::Personio { base_url: Some(base_url), .. } => vec![base_url.clone()],
            KindSpec::Feed { urls } => urls.clone(),
            KindSpec::Html(h) => h.start_urls.clone(),
            KindSpec::Recruitee { base_url, companies } => crate::sources::recruitee::offer_urls(base_url, companies),
            KindSpec::Remoteok { base_url }
            | KindSpec::Arbeitnow { base_url }
            | KindSpec::Himalayas { base_url }
            | KindSpec::Jobicy { base_url } => vec![base_url.clone()],
            KindSpec::Personio { base_url: None, companies } => {
                companies.iter().filter_map(|c| Url::parse(&format!("{}/xml", personio_host(c))).ok()).collect()
            }
            KindSpec::Workday { sites } => sites.iter().map(|s| s.origin.clone()).collect(),
        }
    }

    /// The `min_interval_secs` a kind has unless its source sets one: the
    /// public boards whose terms ask for few requests a day.
    pub fn default_min_interval(&self) -> Duration {
        let hours = |h: u64| Duration::from_secs(h * 3600);
        match self {
            KindSpec::Remoteok { .. } | KindSpec::Jobicy { .. } => hours(6),
            KindSpec::Himalayas { .. } => hours(12),
            KindSpec::Arbeitnow { .. } => hours(1),
            _ => Duration::ZERO,
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

/// The type a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Str,
    List,
    Int,
    Float,
    Bool,
}

/// A key of a `[[sources]]` table and the type of its value.
type Key = (&'static str, Type);

/// A kind of source: its name in the config, the keys only it takes, and
/// the builder of its settings from a table's values.
struct Kind {
    name: &'static str,
    keys: &'static [Key],
    build: fn(&Fields<'_>) -> Result<KindSpec, ConfigError>,
}

/// Defines [`KINDS`], the one table of source kinds, and [`KindSpec::name`]
/// from it (a match the compiler checks covers every variant).
macro_rules! kinds {
    ($($variant:ident => $name:literal, $build:ident, [$($key:literal: $ty:ident),* $(,)?];)*) => {
        /// Every kind a config may name, in the order errors list them.
        const KINDS: &[Kind] = &[$(Kind { name: $name, keys: &[$(($key, Type::$ty)),*], build: $build }),*];

        impl KindSpec {
            /// The kind's name as written in the config.
            pub fn name(&self) -> &'static str {
                match self {
                    $(KindSpec::$variant { .. } => $name,)*
                }
            }
        }
    };
}

// Adding a kind: a row here, its builder below, its `KindSpec` variant and
// its file in `src/sources/`.
kinds! {
    Jsonld => "jsonld", jsonld, ["start_urls": List, "follow": Str];
    Hn => "hn", hn, ["base_url": Str, "since": Str, "until": Str];
    Greenhouse => "greenhouse", greenhouse, ["base_url": Str, "boards": List];
    Lever => "lever", lever, ["base_url": Str, "sites": List];
    Ashby => "ashby", ashby, ["base_url": Str, "boards": List];
    Feed => "feed", feed, ["urls": List];
    Html => "html", html, [
        "start_urls": List, "posting_links": Str, "next_page": Str, "title": Str, "company": Str,
        "location": Str, "posted_at": Str, "date_format": Str, "description": Str,
    ];
    Recruitee => "recruitee", recruitee, ["base_url": Str, "companies": List];
    Remoteok => "remoteok", remoteok, ["base_url": Str];
    Arbeitnow => "arbeitnow", arbeitnow, ["base_url": Str];
    Himalayas => "himalayas", himalayas, ["base_url": Str];
    Jobicy => "jobicy", jobicy, ["base_url": Str];
    SmartRecruiters => "smartrecruiters", smartrecruiters, ["base_url": Str, "companies": List];
    Workable => "workable", workable, ["base_url": Str, "accounts": List];
    Personio => "personio", personio, ["base_url": Str, "companies": List];
    Workday => "workday", workday, ["base_url": Str, "sites": List];
}

/// The keys every source has.
const SOURCE_KEYS: &[Key] = &[("name", Type::Str), ("kind", Type::Str)];

/// The politeness and fault-tolerance keys, which every kind takes.
const CRAWL_KEYS: &[Key] = &[
    ("allowed_hosts", Type::List),
    ("max_pages", Type::Int),
    ("respect_robots", Type::Bool),
    ("per_host_concurrency", Type::Int),
    ("delay_ms", Type::Int),
    ("user_agent", Type::Str),
    ("connect_timeout_secs", Type::Float),
    ("timeout_secs", Type::Float),
    ("max_retries", Type::Int),
    ("max_retry_after_secs", Type::Float),
    ("max_body_bytes", Type::Int),
    ("min_interval_secs", Type::Float),
];

/// The keys of every kind, each once, in the order of the table.
fn kind_keys() -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for key in KINDS.iter().flat_map(|k| k.keys) {
        if !keys.iter().any(|(name, _)| *name == key.0) {
            keys.push(*key);
        }
    }
    keys
}

/// Every key a `[[sources]]` table may have.
fn all_keys() -> Vec<Key> {
    SOURCE_KEYS.iter().chain(CRAWL_KEYS).copied().chain(kind_keys()).collect()
}

/// A value of a `[[sources]]` table, of its key's type.
#[derive(Debug, Clone)]
enum Value {
    Str(String),
    List(Vec<Spanned<String>>),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// A `[[sources]]` table: every key known and of its type, nothing yet
/// validated.
struct RawTable {
    span: Range<usize>,
    values: BTreeMap<&'static str, Spanned<Value>>,
}

struct Ctx<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        let (line, column) = match span {
            Some(s) => {
                let (l, c) = line_col(self.text, s.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        ConfigError { file: self.file.to_path_buf(), line, column, message }
    }

    /// A value as `T`, with serde's message when it is of another type.
    fn typed<T: DeserializeOwned>(&self, value: &Spanned<DeValue<'_>>) -> Result<T, ConfigError> {
        T::deserialize(ValueDeserializer::from(value.clone()))
            .map_err(|e| self.err(e.span().or_else(|| Some(value.span())), e.message().trim().to_string()))
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
        let tables = source_tables(&cx)?;
        if tables.is_empty() {
            return Err(cx.err(None, "no [[sources]] table: add at least one source".into()));
        }
        let mut names = HashSet::new();
        let mut sources = Vec::new();
        for table in &tables {
            let (spec, name_span) = validate_source(&cx, table)?;
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

/// The `[[sources]]` tables of a document, each key known and of its type
/// (in the document's key order, so the first such mistake is reported).
fn source_tables(cx: &Ctx) -> Result<Vec<RawTable>, ConfigError> {
    let root = DeTable::parse(cx.text).map_err(|e| cx.err(e.span(), e.message().trim().to_string()))?;
    let mut tables = Vec::new();
    for (key, value) in root.get_ref() {
        if key.get_ref() != "sources" {
            return Err(cx.err(Some(key.span()), unknown_key(key.get_ref(), ["sources"])));
        }
        let DeValue::Array(items) = value.get_ref() else {
            // serde's message ("expected a sequence").
            cx.typed::<Vec<serde::de::IgnoredAny>>(value)?;
            continue;
        };
        tables = items.iter().map(|item| raw_table(cx, item)).collect::<Result<_, _>>()?;
    }
    Ok(tables)
}

/// One `[[sources]]` table: an unknown key or a value of the wrong type is
/// an error.
fn raw_table(cx: &Ctx, item: &Spanned<DeValue<'_>>) -> Result<RawTable, ConfigError> {
    let DeValue::Table(table) = item.get_ref() else {
        let message = format!("invalid type: {}, expected a [[sources]] table", unexpected(item.get_ref()));
        return Err(cx.err(Some(item.span()), message));
    };
    let keys = all_keys();
    let mut values = BTreeMap::new();
    for (key, value) in table {
        let Some(&(name, ty)) = keys.iter().find(|(k, _)| *k == key.get_ref().as_ref()) else {
            return Err(cx.err(Some(key.span()), unknown_key(key.get_ref(), keys.iter().map(|(k, _)| *k))));
        };
        let typed = match ty {
            // A bare TOML date (`since = 2018-01-01`) is read as its text.
            Type::Str => match value.get_ref() {
                DeValue::Datetime(d) => Value::Str(d.to_string()),
                _ => Value::Str(cx.typed(value)?),
            },
            Type::List => Value::List(cx.typed(value)?),
            Type::Int => Value::Int(cx.typed(value)?),
            Type::Float => Value::Float(cx.typed(value)?),
            Type::Bool => Value::Bool(cx.typed(value)?),
        };
        values.insert(name, Spanned::new(value.span(), typed));
    }
    Ok(RawTable { span: item.span(), values })
}

/// serde's words for a value of another type than expected.
fn unexpected(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("string {s:?}"),
        DeValue::Integer(i) => format!("integer `{i}`"),
        DeValue::Float(f) => format!("floating point `{f}`"),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        DeValue::Datetime(d) => format!("datetime `{d}`"),
        DeValue::Array(_) => "sequence".into(),
        DeValue::Table(_) => "map".into(),
    }
}

/// An unknown key, with a "did you mean" among the known ones.
fn unknown_key<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    let best =
        known.into_iter().map(|k| (crate::extract::taxonomy::edit_distance(key, k), k)).min().filter(|(d, _)| *d <= 3);
    match best {
        Some((_, k)) => format!("unknown key `{key}` (did you mean `{k}`?)"),
        None => format!("unknown key `{key}`"),
    }
}

/// Validates one table: its name and kind, its crawl settings, the keys of
/// its kind, and the hosts it may fetch from.
fn validate_source(cx: &Ctx, table: &RawTable) -> Result<(SourceSpec, Range<usize>), ConfigError> {
    let (name, name_span) = source_name(cx, table)?;
    let fields = Fields { cx, table, label: &name };
    let kind = fields.kind()?;
    let mut crawl = crawl_settings(&fields)?;
    let spec = kind_spec(&fields, kind)?;
    crawl.min_interval = fields.non_negative_seconds("min_interval_secs")?.unwrap_or(spec.default_min_interval());
    hosts(&fields, &spec, &mut crawl)?;
    Ok((SourceSpec { name, kind: spec, crawl }, name_span))
}

/// The source's name (trimmed) and where it is written.
fn source_name(cx: &Ctx, table: &RawTable) -> Result<(String, Range<usize>), ConfigError> {
    let Some(name) = table.values.get("name") else {
        return Err(cx.err(Some(table.span.clone()), "a [[sources]] table has no `name`".into()));
    };
    let label = match name.get_ref() {
        Value::Str(s) => s.trim().to_string(),
        _ => String::new(),
    };
    if label.is_empty() || label.chars().any(|c| c.is_control() || c == ',') {
        return Err(cx.err(Some(name.span()), "source `name` must be non-empty, without commas".into()));
    }
    Ok((label, name.span()))
}

/// The politeness and fault-tolerance keys, over their defaults (the hosts
/// come later, from the kind's URLs).
fn crawl_settings(f: &Fields<'_>) -> Result<CrawlSettings, ConfigError> {
    let mut crawl = CrawlSettings::default();
    if let Some(v) = f.positive("max_pages")? {
        crawl.max_pages = usize::try_from(v).unwrap_or(usize::MAX);
    }
    if let Some((v, _)) = f.bool("respect_robots") {
        crawl.respect_robots = v;
    }
    if let Some(v) = f.positive("per_host_concurrency")? {
        crawl.per_host_concurrency = usize::try_from(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = f.non_negative("delay_ms")? {
        crawl.delay = Duration::from_millis(v);
    }
    if let Some((v, span)) = f.str("user_agent") {
        let ua = v.trim();
        if ua.is_empty() || !ua.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return Err(f.err(span, "user_agent", "must be non-empty printable ASCII"));
        }
        crawl.user_agent = ua.to_string();
    }
    if let Some(v) = f.seconds("connect_timeout_secs")? {
        crawl.connect_timeout = v;
    }
    if let Some(v) = f.seconds("timeout_secs")? {
        crawl.timeout = v;
    }
    if let Some(v) = f.non_negative("max_retries")? {
        crawl.max_retries = v.min(100) as u32;
    }
    if let Some(v) = f.seconds("max_retry_after_secs")? {
        crawl.max_retry_after = v;
    }
    if let Some(v) = f.positive("max_body_bytes")? {
        crawl.max_body_bytes = v;
    }
    Ok(crawl)
}

/// The kind's settings, after refusing the keys of other kinds.
fn kind_spec(f: &Fields<'_>, kind: &Kind) -> Result<KindSpec, ConfigError> {
    for (key, _) in kind_keys() {
        if let Some(value) = f.table.values.get(key)
            && !kind.keys.iter().any(|(k, _)| *k == key)
        {
            return Err(f.err(value.span(), key, &format!("is not a key of kind \"{}\"", kind.name)));
        }
    }
    (kind.build)(f)
}

/// The hosts the source may fetch from (`allowed_hosts`, else its own
/// URLs' hosts) and those that may be private addresses (its own).
fn hosts(f: &Fields<'_>, spec: &KindSpec, crawl: &mut CrawlSettings) -> Result<(), ConfigError> {
    let own = spec.start_urls();
    crawl.allowed_hosts = match f.list("allowed_hosts") {
        Some((list, span)) => {
            // Allowed hosts may be written bare ("example.com").
            let full: Vec<Spanned<String>> = list
                .iter()
                .map(|h| {
                    let v = h.get_ref();
                    Spanned::new(h.span(), if v.contains("://") { v.clone() } else { format!("https://{v}") })
                })
                .collect();
            host_names(&f.urls(&full, span, "allowed_hosts")?)
        }
        None => host_names(&own),
    };
    crawl.trusted_hosts = host_names(&own);
    Ok(())
}

/// The hosts of some URLs, lower case, sorted, each once.
fn host_names(urls: &[Url]) -> Vec<String> {
    let mut hosts: Vec<String> = urls.iter().filter_map(|u| u.host_str().map(str::to_ascii_lowercase)).collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// A source table's values for validation: typed accessors whose errors
/// name the file, line, source and key.
struct Fields<'a> {
    cx: &'a Ctx<'a>,
    table: &'a RawTable,
    /// The source's name.
    label: &'a str,
}

impl Fields<'_> {
    fn err(&self, span: Range<usize>, key: &str, message: &str) -> ConfigError {
        self.cx.err(Some(span), format!("source \"{}\": `{key}` {message}", self.label))
    }

    /// A required key that is absent (reported at the table).
    fn missing(&self, key: &str, what: &str) -> ConfigError {
        self.err(self.table.span.clone(), key, &format!("is missing ({what})"))
    }

    /// The kind the table names.
    fn kind(&self) -> Result<&'static Kind, ConfigError> {
        let Some((name, span)) = self.str("kind") else {
            return Err(self.missing("kind", "e.g. kind = \"jsonld\""));
        };
        KINDS.iter().find(|k| k.name == name).ok_or_else(|| {
            let known: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
            self.err(span, "kind", &format!("\"{name}\" is not a known kind (known: {})", known.join(", ")))
        })
    }

    fn str(&self, key: &str) -> Option<(&str, Range<usize>)> {
        let value = self.table.values.get(key)?;
        match value.get_ref() {
            Value::Str(s) => Some((s, value.span())),
            _ => None,
        }
    }

    fn list(&self, key: &str) -> Option<(&[Spanned<String>], Range<usize>)> {
        let value = self.table.values.get(key)?;
        match value.get_ref() {
            Value::List(l) => Some((l, value.span())),
            _ => None,
        }
    }

    fn int(&self, key: &str) -> Option<(i64, Range<usize>)> {
        let value = self.table.values.get(key)?;
        match value.get_ref() {
            Value::Int(i) => Some((*i, value.span())),
            _ => None,
        }
    }

    fn bool(&self, key: &str) -> Option<(bool, Range<usize>)> {
        let value = self.table.values.get(key)?;
        match value.get_ref() {
            Value::Bool(b) => Some((*b, value.span())),
            _ => None,
        }
    }

    fn float(&self, key: &str) -> Option<(f64, Range<usize>)> {
        let value = self.table.values.get(key)?;
        match value.get_ref() {
            Value::Float(f) => Some((*f, value.span())),
            _ => None,
        }
    }

    /// An integer of at least 1.
    fn positive(&self, key: &str) -> Result<Option<u64>, ConfigError> {
        match self.int(key) {
            None => Ok(None),
            Some((v, _)) if v >= 1 => Ok(Some(v.unsigned_abs())),
            Some((_, span)) => Err(self.err(span, key, "must be at least 1")),
        }
    }

    /// An integer of at least 0.
    fn non_negative(&self, key: &str) -> Result<Option<u64>, ConfigError> {
        match self.int(key) {
            None => Ok(None),
            Some((v, _)) if v >= 0 => Ok(Some(v.unsigned_abs())),
            Some((_, span)) => Err(self.err(span, key, "must not be negative")),
        }
    }

    /// A positive number of seconds.
    fn seconds(&self, key: &str) -> Result<Option<Duration>, ConfigError> {
        match self.float(key) {
            None => Ok(None),
            Some((v, _)) if v.is_finite() && v > 0.0 && v < 1e7 => Ok(Some(Duration::from_secs_f64(v))),
            Some((_, span)) => Err(self.err(span, key, "must be a positive number of seconds")),
        }
    }

    /// A number of seconds, zero or more.
    fn non_negative_seconds(&self, key: &str) -> Result<Option<Duration>, ConfigError> {
        match self.float(key) {
            None => Ok(None),
            Some((v, _)) if (0.0..1e9).contains(&v) => Ok(Some(Duration::from_secs_f64(v))),
            Some((_, span)) => Err(self.err(span, key, "must be a number of seconds, zero or more")),
        }
    }

    /// A non-empty list of http(s) URLs.
    fn url_list(&self, key: &str) -> Result<Option<Vec<Url>>, ConfigError> {
        let Some((list, span)) = self.list(key) else { return Ok(None) };
        self.urls(list, span, key).map(Some)
    }

    fn urls(&self, list: &[Spanned<String>], span: Range<usize>, key: &str) -> Result<Vec<Url>, ConfigError> {
        if list.is_empty() {
            return Err(self.err(span, key, "is empty"));
        }
        list.iter().map(|s| parse_http_url(s.get_ref()).map_err(|m| self.err(s.span(), key, &m))).collect()
    }

    /// A valid CSS selector.
    fn selector(&self, key: &str) -> Result<Option<String>, ConfigError> {
        let Some((sel, span)) = self.str(key) else { return Ok(None) };
        scraper::Selector::parse(sel).map_err(|e| self.err(span, key, &format!("is not a valid CSS selector: {e}")))?;
        Ok(Some(sel.to_string()))
    }

    /// A month, `YYYY-MM`.
    fn month(&self, key: &str) -> Result<Option<YearMonth>, ConfigError> {
        let Some((m, span)) = self.str(key) else { return Ok(None) };
        YearMonth::parse(m)
            .map(Some)
            .ok_or_else(|| self.err(span, key, &format!("\"{m}\" is not a month: write YYYY-MM")))
    }

    /// A required, non-empty list of board names (letters, digits, - _ .).
    fn names(&self, key: &str, what: &str) -> Result<Vec<String>, ConfigError> {
        let (list, span) = self.list(key).ok_or_else(|| self.missing(key, what))?;
        if list.is_empty() {
            return Err(self.err(span, key, "is empty"));
        }
        list.iter()
            .map(|n| {
                let t = n.get_ref().trim();
                if t.is_empty() || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) {
                    let message = format!("\"{}\" is not a board name (letters, digits, - _ .)", n.get_ref());
                    Err(self.err(n.span(), key, &message))
                } else {
                    Ok(t.to_string())
                }
            })
            .collect()
    }

    /// The API's `base_url` (without a trailing `/`), else the real one.
    fn base_url(&self, default: &str) -> Result<Url, ConfigError> {
        Ok(self.mirror_url()?.unwrap_or_else(|| Url::parse(default).expect("default base URLs are valid")))
    }

    /// The `base_url` written (without a trailing `/`), if any.
    fn mirror_url(&self) -> Result<Option<Url>, ConfigError> {
        let Some((b, span)) = self.str("base_url") else { return Ok(None) };
        let mut url = parse_http_url(b).map_err(|m| self.err(span, "base_url", &m))?;
        let trimmed = url.path().trim_end_matches('/').to_string();
        url.set_path(&trimmed);
        Ok(Some(url))
    }

    /// A valid chrono format.
    fn date_format(&self, key: &str) -> Result<Option<String>, ConfigError> {
        let Some((f, span)) = self.str(key) else { return Ok(None) };
        if chrono::format::StrftimeItems::new(f).any(|i| matches!(i, chrono::format::Item::Error)) {
            return Err(self.err(span, key, "is not a valid date format (e.g. \"%d %B %Y\")"));
        }
        Ok(Some(f.to_string()))
    }
}

fn jsonld(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Jsonld {
        start_urls: f
            .url_list("start_urls")?
            .ok_or_else(|| f.missing("start_urls", "the pages to start crawling from"))?,
        follow: f.selector("follow")?,
    })
}

fn hn(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    let since = f.month("since")?.unwrap_or(YearMonth { year: 2011, month: 4 });
    let until = f.month("until")?;
    if let (Some(u), Some((_, span))) = (until, f.str("until"))
        && u < since
    {
        return Err(f.err(span, "until", &format!("{u} is before since ({since})")));
    }
    Ok(KindSpec::Hn { base_url: f.base_url(HN_BASE)?, since, until })
}

fn greenhouse(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Greenhouse {
        base_url: f.base_url(GREENHOUSE_BASE)?,
        boards: f.names("boards", "the board tokens, e.g. boards = [\"acme\"]")?,
    })
}

fn lever(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Lever {
        base_url: f.base_url(LEVER_BASE)?,
        sites: f.names("sites", "the Lever site names, e.g. sites = [\"acme\"]")?,
    })
}

fn ashby(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Ashby {
        base_url: f.base_url(ASHBY_BASE)?,
        boards: f.names("boards", "the Ashby board names, e.g. boards = [\"acme\"]")?,
    })
}

fn feed(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Feed { urls: f.url_list("urls")?.ok_or_else(|| f.missing("urls", "the RSS or Atom feed URLs"))? })
}

fn html(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    let date_format = f.date_format("date_format")?;
    Ok(KindSpec::Html(HtmlSpec {
        start_urls: f
            .url_list("start_urls")?
            .ok_or_else(|| f.missing("start_urls", "the listing pages to start from"))?,
        posting_links: f
            .selector("posting_links")?
            .ok_or_else(|| f.missing("posting_links", "a CSS selector of the links to postings"))?,
        next_page: f.selector("next_page")?,
        title: f.selector("title")?,
        company: f.selector("company")?,
        location: f.selector("location")?,
        posted_at: f.selector("posted_at")?,
        date_format,
        description: f
            .selector("description")?
            .ok_or_else(|| f.missing("description", "a CSS selector of the posting text"))?,
    }))
}

fn recruitee(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Recruitee {
        base_url: f.mirror_url()?,
        companies: f.names("companies", "the Recruitee company names, e.g. companies = [\"acme\"]")?,
    })
}

fn remoteok(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Remoteok { base_url: f.base_url(REMOTEOK_BASE)? })
}

fn arbeitnow(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Arbeitnow { base_url: f.base_url(ARBEITNOW_BASE)? })
}

fn himalayas(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Himalayas { base_url: f.base_url(HIMALAYAS_BASE)? })
}

fn jobicy(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Jobicy { base_url: f.base_url(JOBICY_BASE)? })
}

fn smartrecruiters(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::SmartRecruiters {
        base_url: f.base_url(SMARTRECRUITERS_BASE)?,
        companies: f.names(
            "companies",
            "the company ids of careers.smartrecruiters.com/{id}, e.g. companies = [\"BoschGroup\"]",
        )?,
    })
}

fn workable(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    Ok(KindSpec::Workable {
        base_url: f.base_url(WORKABLE_BASE)?,
        accounts: f.names("accounts", "the accounts of apply.workable.com/{account}, e.g. accounts = [\"acme\"]")?,
    })
}

/// Personio companies name hosts (`{company}.jobs.personio.de`): letters,
/// digits and `-` only.
fn personio(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    let companies = f.names("companies", "the companies of {company}.jobs.personio.de, e.g. companies = [\"acme\"]")?;
    if let Some((list, _)) = f.list("companies")
        && let Some(bad) = list.iter().find(|c| !is_personio_company(c.get_ref().trim()))
    {
        let message = format!(
            "\"{}\" is not a Personio company (letters, digits and -, as in {{company}}.jobs.personio.de; or the whole host, {{company}}.jobs.personio.com)",
            bad.get_ref()
        );
        return Err(f.err(bad.span(), "companies", &message));
    }
    Ok(KindSpec::Personio { base_url: f.mirror_url()?, companies })
}

fn workday(f: &Fields<'_>) -> Result<KindSpec, ConfigError> {
    let what = "the career site URLs, e.g. sites = [\"https://acme.wd5.myworkdayjobs.com/External\"]";
    let (list, span) = f.list("sites").ok_or_else(|| f.missing("sites", what))?;
    let origin = match f.str("base_url") {
        Some((b, span)) => Some(origin_only(b).map_err(|m| f.err(span, "base_url", &m))?),
        None => None,
    };
    if list.is_empty() {
        return Err(f.err(span, "sites", "is empty"));
    }
    let sites = list
        .iter()
        .map(|s| {
            let (url, tenant, site) = workday_site(s.get_ref()).map_err(|m| f.err(s.span(), "sites", &m))?;
            let origin = origin.clone().unwrap_or_else(|| {
                let mut o = url;
                o.set_path("");
                o
            });
            Ok(WorkdaySite { origin, tenant, site })
        })
        .collect::<Result<_, _>>()?;
    Ok(KindSpec::Workday { sites })
}

/// A `base_url` that is a scheme and host (and port) only.
fn origin_only(s: &str) -> Result<Url, String> {
    let url = parse_http_url(s)?;
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(format!("\"{s}\" must be a scheme and host only (e.g. \"http://127.0.0.1:8080\")"));
    }
    Ok(url)
}

/// A Workday career site URL, `https://{tenant}.wd{N}.myworkdayjobs.com/`
/// then an optional locale (`en-US`) and the site: the URL without its
/// query and fragment, the tenant and the site.
fn workday_site(s: &str) -> Result<(Url, String, String), String> {
    let shape = "is not a Workday career site URL (https://{tenant}.wd{N}.myworkdayjobs.com/{site})";
    let mut url = parse_http_url(s)?;
    url.set_query(None);
    url.set_fragment(None);
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let is_name = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    let tenant_ok = labels.len() == 4
        && is_name(labels[0])
        && labels[1].strip_prefix("wd").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && labels[2] == "myworkdayjobs"
        && labels[3] == "com";
    let segments: Vec<&str> = url.path().split('/').filter(|p| !p.is_empty()).collect();
    let site = match segments.as_slice() {
        [site] => *site,
        [locale, site] if is_locale(locale) => *site,
        _ => "",
    };
    if !tenant_ok || !is_name(site) {
        return Err(format!("\"{s}\" {shape}"));
    }
    Ok((url.clone(), labels[0].to_string(), site.to_string()))
}

/// A locale path segment: `en`, `en-US`, `fr-CA`.
fn is_locale(s: &str) -> bool {
    let (lang, region) = s.split_once('-').unwrap_or((s, "AA"));
    lang.len() == 2
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && region.len() == 2
        && region.bytes().all(|b| b.is_ascii_alphabetic())
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

    /// Every mistake, word for word, with its line and column: the first
    const S: &str = "[[sources]]\nname = \"a\"\n";

    /// A valid `jsonld` source named "a", then `rest`.
    fn j(rest: &str) -> String {
        format!("{S}kind = \"jsonld\"\nstart_urls = [\"https://a.example/\"]\n{rest}")
    }

    /// A source "a" of `kind`, then `rest`.
    fn k(kind: &str, rest: &str) -> String {
        format!("{S}kind = \"{kind}\"\n{rest}")
    }

    /// An `html` source "a" with its start URL, then `rest`.
    fn html(rest: &str) -> String {
        format!("{S}kind = \"html\"\nstart_urls = [\"https://a.example/\"]\n{rest}")
    }

    /// Each config fails with exactly its message, line and column (the
    /// first mistake in the file's key order is the one reported).
    fn check(cases: Vec<(String, &str)>) {
        for (text, want) in cases {
            let err = Config::parse(Path::new("s.toml"), &text).unwrap_err();
            assert_eq!(err.to_string(), want, "config {text:?}");
        }
    }

    /// The document, unknown keys and values of the wrong type.
    #[test]
    fn document_key_and_type_mistakes() {
        check(vec![
            ("[[sources]\n".into(), "s.toml:1:11: unclosed array table, expected `]`"),
            (format!("foo = 1\n{}", j("")), "s.toml:1:1: unknown key `foo`"),
            (format!("source = 1\n{}", j("")), "s.toml:1:1: unknown key `source` (did you mean `sources`?)"),
            (format!("max_pages = 1\n{}", j("")), "s.toml:1:1: unknown key `max_pages`"),
            ("sources = 3\n".into(), "s.toml:1:11: invalid type: integer `3`, expected a sequence"),
            ("sources = [1]\n".into(), "s.toml:1:12: invalid type: integer `1`, expected a [[sources]] table"),
            ("sources = [\"x\"]\n".into(), "s.toml:1:12: invalid type: string \"x\", expected a [[sources]] table"),
            ("[sources]\nname = \"x\"\n".into(), "s.toml:1:1: invalid type: map, expected a sequence"),
            ("".into(), "s.toml: no [[sources]] table: add at least one source"),
            ("# nothing\n".into(), "s.toml: no [[sources]] table: add at least one source"),
            (j("max_page = 5\n"), "s.toml:5:1: unknown key `max_page` (did you mean `max_pages`?)"),
            (j("zzzzzzzzzzz = 5\n"), "s.toml:5:1: unknown key `zzzzzzzzzzz`"),
            (j("delay_ms = \"fast\"\n"), "s.toml:5:12: invalid type: string \"fast\", expected i64"),
            (j("respect_robots = \"yes\"\n"), "s.toml:5:18: invalid type: string \"yes\", expected a boolean"),
            (
                k("jsonld", "start_urls = \"https://a.example/\"\n"),
                "s.toml:4:14: invalid type: string \"https://a.example/\", expected a sequence",
            ),
            (k("jsonld", "start_urls = [1]\n"), "s.toml:4:15: invalid type: integer `1`, expected a string"),
            (j("timeout_secs = \"x\"\n"), "s.toml:5:16: invalid type: string \"x\", expected f64"),
            (j("max_pages = 1.5\n"), "s.toml:5:13: invalid type: floating point `1.5`, expected i64"),
            (
                j("max_pages = 99999999999999999999\n"),
                "s.toml:5:13: invalid type: integer `99999999999999999999` as i128, expected i64",
            ),
            (
                j("timeout_secs = inf\n"),
                "s.toml:5:16: source \"a\": `timeout_secs` must be a positive number of seconds",
            ),
            (
                j("timeout_secs = nan\n"),
                "s.toml:5:16: source \"a\": `timeout_secs` must be a positive number of seconds",
            ),
            (
                k("hn", "since = 2024-01-01\n"),
                "s.toml:4:9: source \"a\": `since` \"2024-01-01\" is not a month: write YYYY-MM",
            ),
            (
                "[[sources]]\nname = 5\nkind = \"hn\"\n".into(),
                "s.toml:2:8: invalid type: integer `5`, expected a string",
            ),
            (format!("{S}kind = 5\n"), "s.toml:3:8: invalid type: integer `5`, expected a string"),
            (format!("{S}kind = [\"hn\"]\n"), "s.toml:3:8: invalid type: sequence, expected a string"),
        ]);
    }

    /// Names, kinds and the crawl settings.
    #[test]
    fn name_kind_and_crawl_setting_mistakes() {
        check(vec![
            ("[[sources]]\nkind = \"hn\"\n".into(), "s.toml:1:1: a [[sources]] table has no `name`"),
            (
                "[[sources]]\nname = \"  \"\nkind = \"hn\"\n".into(),
                "s.toml:2:8: source `name` must be non-empty, without commas",
            ),
            (
                "[[sources]]\nname = \"a,b\"\nkind = \"hn\"\n".into(),
                "s.toml:2:8: source `name` must be non-empty, without commas",
            ),
            (
                "[[sources]]\nname = \"a\\nb\"\nkind = \"hn\"\n".into(),
                "s.toml:2:8: source `name` must be non-empty, without commas",
            ),
            (S.into(), "s.toml:1:1: source \"a\": `kind` is missing (e.g. kind = \"jsonld\")"),
            (
                k("nope", ""),
                "s.toml:3:8: source \"a\": `kind` \"nope\" is not a known kind (known: jsonld, hn, greenhouse, lever, ashby, feed, html, recruitee, remoteok, arbeitnow, himalayas, jobicy, smartrecruiters, workable, personio, workday)",
            ),
            (
                k("JSONLD", ""),
                "s.toml:3:8: source \"a\": `kind` \"JSONLD\" is not a known kind (known: jsonld, hn, greenhouse, lever, ashby, feed, html, recruitee, remoteok, arbeitnow, himalayas, jobicy, smartrecruiters, workable, personio, workday)",
            ),
            (j("max_pages = 0\n"), "s.toml:5:13: source \"a\": `max_pages` must be at least 1"),
            (j("max_pages = -3\n"), "s.toml:5:13: source \"a\": `max_pages` must be at least 1"),
            (j("per_host_concurrency = 0\n"), "s.toml:5:24: source \"a\": `per_host_concurrency` must be at least 1"),
            (j("delay_ms = -1\n"), "s.toml:5:12: source \"a\": `delay_ms` must not be negative"),
            (j("user_agent = \"\"\n"), "s.toml:5:14: source \"a\": `user_agent` must be non-empty printable ASCII"),
            (
                j("user_agent = \"bot ü\"\n"),
                "s.toml:5:14: source \"a\": `user_agent` must be non-empty printable ASCII",
            ),
            (
                j("connect_timeout_secs = 0\n"),
                "s.toml:5:24: source \"a\": `connect_timeout_secs` must be a positive number of seconds",
            ),
            (
                j("timeout_secs = -1\n"),
                "s.toml:5:16: source \"a\": `timeout_secs` must be a positive number of seconds",
            ),
            (j("max_retries = -1\n"), "s.toml:5:15: source \"a\": `max_retries` must not be negative"),
            (
                j("max_retry_after_secs = 1e8\n"),
                "s.toml:5:24: source \"a\": `max_retry_after_secs` must be a positive number of seconds",
            ),
            (j("max_body_bytes = 0\n"), "s.toml:5:18: source \"a\": `max_body_bytes` must be at least 1"),
        ]);
    }

    /// The keys of `jsonld`, `hn` and `greenhouse`, and keys of other kinds.
    #[test]
    fn jsonld_hn_and_greenhouse_mistakes() {
        check(vec![
            (k("jsonld", "start_urls = []\n"), "s.toml:4:14: source \"a\": `start_urls` is empty"),
            (
                k("jsonld", "start_urls = [\"https://a.example/\", \"ftp://a.example/\"]\n"),
                "s.toml:4:37: source \"a\": `start_urls` \"ftp://a.example/\" is not an http or https URL",
            ),
            (
                k("jsonld", "start_urls = [\"not a url\"]\n"),
                "s.toml:4:15: source \"a\": `start_urls` \"not a url\" is not a URL (relative URL without a base)",
            ),
            (
                k("jsonld", "start_urls = [\"http://\"]\n"),
                "s.toml:4:15: source \"a\": `start_urls` \"http://\" is not a URL (empty host)",
            ),
            (
                k("jsonld", "start_urls = [\"file:///etc/passwd\"]\n"),
                "s.toml:4:15: source \"a\": `start_urls` \"file:///etc/passwd\" is not an http or https URL",
            ),
            (k("hn", "boards = [\"x\"]\n"), "s.toml:4:10: source \"a\": `boards` is not a key of kind \"hn\""),
            (j("description = \"main\"\n"), "s.toml:5:15: source \"a\": `description` is not a key of kind \"jsonld\""),
            (
                j("sites = [\"x\"]\nfollow = \"a[\"\n"),
                "s.toml:5:9: source \"a\": `sites` is not a key of kind \"jsonld\"",
            ),
            (
                k("hn", "title = \"h1\"\nboards = [\"x\"]\n"),
                "s.toml:5:10: source \"a\": `boards` is not a key of kind \"hn\"",
            ),
            (k("jsonld", ""), "s.toml:1:1: source \"a\": `start_urls` is missing (the pages to start crawling from)"),
            (j("follow = \"a[\"\n"), "s.toml:5:10: source \"a\": `follow` is not a valid CSS selector: Unexpected EOL"),
            (
                k("hn", "since = \"2011-13\"\n"),
                "s.toml:4:9: source \"a\": `since` \"2011-13\" is not a month: write YYYY-MM",
            ),
            (
                k("hn", "since = \"1989-01\"\n"),
                "s.toml:4:9: source \"a\": `since` \"1989-01\" is not a month: write YYYY-MM",
            ),
            (k("hn", "until = \"soon\"\n"), "s.toml:4:9: source \"a\": `until` \"soon\" is not a month: write YYYY-MM"),
            (
                k("hn", "since = \"2020-01\"\nuntil = \"2019-01\"\n"),
                "s.toml:5:9: source \"a\": `until` 2019-01 is before since (2020-01)",
            ),
            (k("hn", "until = \"2010-01\"\n"), "s.toml:4:9: source \"a\": `until` 2010-01 is before since (2011-04)"),
            (
                k("hn", "base_url = \"hn.algolia.com\"\n"),
                "s.toml:4:12: source \"a\": `base_url` \"hn.algolia.com\" is not a URL (relative URL without a base)",
            ),
            (
                k("greenhouse", ""),
                "s.toml:1:1: source \"a\": `boards` is missing (the board tokens, e.g. boards = [\"acme\"])",
            ),
            (k("greenhouse", "boards = []\n"), "s.toml:4:10: source \"a\": `boards` is empty"),
            (
                k("greenhouse", "boards = [\"../etc\"]\n"),
                "s.toml:4:11: source \"a\": `boards` \"../etc\" is not a board name (letters, digits, - _ .)",
            ),
            (
                k("greenhouse", "boards = [\"ok\", \" \"]\n"),
                "s.toml:4:17: source \"a\": `boards` \" \" is not a board name (letters, digits, - _ .)",
            ),
            (
                k("greenhouse", "boards = [\"x\"]\nbase_url = \"ftp://x\"\n"),
                "s.toml:5:12: source \"a\": `base_url` \"ftp://x\" is not an http or https URL",
            ),
        ]);
    }

    /// The keys of `lever`, `ashby`, `feed` and `html`.
    #[test]
    fn lever_ashby_feed_and_html_mistakes() {
        check(vec![
            (
                k("lever", ""),
                "s.toml:1:1: source \"a\": `sites` is missing (the Lever site names, e.g. sites = [\"acme\"])",
            ),
            (k("lever", "sites = []\n"), "s.toml:4:9: source \"a\": `sites` is empty"),
            (
                k("ashby", ""),
                "s.toml:1:1: source \"a\": `boards` is missing (the Ashby board names, e.g. boards = [\"acme\"])",
            ),
            (k("feed", ""), "s.toml:1:1: source \"a\": `urls` is missing (the RSS or Atom feed URLs)"),
            (k("feed", "urls = []\n"), "s.toml:4:8: source \"a\": `urls` is empty"),
            (
                k("feed", "urls = [\"mailto:a@b.example\"]\n"),
                "s.toml:4:9: source \"a\": `urls` \"mailto:a@b.example\" is not an http or https URL",
            ),
            (
                k("html", "posting_links = \"a\"\ndescription = \"main\"\n"),
                "s.toml:1:1: source \"a\": `start_urls` is missing (the listing pages to start from)",
            ),
            (
                html("description = \"main\"\n"),
                "s.toml:1:1: source \"a\": `posting_links` is missing (a CSS selector of the links to postings)",
            ),
            (
                html("posting_links = \"a\"\n"),
                "s.toml:1:1: source \"a\": `description` is missing (a CSS selector of the posting text)",
            ),
            (
                html("posting_links = \"a\"\ndescription = \"main\"\ndate_format = \"%Q\"\n"),
                "s.toml:7:15: source \"a\": `date_format` is not a valid date format (e.g. \"%d %B %Y\")",
            ),
            (
                html("posting_links = \"a[\"\ndescription = \"main\"\n"),
                "s.toml:5:17: source \"a\": `posting_links` is not a valid CSS selector: Unexpected EOL",
            ),
            (
                html("posting_links = \"a\"\ndescription = \"main\"\ntitle = \"::\"\n"),
                "s.toml:7:9: source \"a\": `title` is not a valid CSS selector: Unexpected EOL",
            ),
            (
                html("posting_links = \"a\"\ndescription = \"main\"\nfollow = \"a\"\n"),
                "s.toml:7:10: source \"a\": `follow` is not a key of kind \"html\"",
            ),
        ]);
    }

    /// The keys of the public boards and `min_interval_secs`.
    #[test]
    fn board_and_min_interval_mistakes() {
        check(vec![
            (
                k("recruitee", ""),
                "s.toml:1:1: source \"a\": `companies` is missing (the Recruitee company names, e.g. companies = [\"acme\"])",
            ),
            (
                k("recruitee", "companies = [\"a/b\"]\n"),
                "s.toml:4:14: source \"a\": `companies` \"a/b\" is not a board name (letters, digits, - _ .)",
            ),
            (
                k("remoteok", "companies = [\"x\"]\n"),
                "s.toml:4:13: source \"a\": `companies` is not a key of kind \"remoteok\"",
            ),
            (
                k("jobicy", "base_url = \"jobicy.com\"\n"),
                "s.toml:4:12: source \"a\": `base_url` \"jobicy.com\" is not a URL (relative URL without a base)",
            ),
            (
                k("himalayas", "min_interval_secs = -1\n"),
                "s.toml:4:21: source \"a\": `min_interval_secs` must be a number of seconds, zero or more",
            ),
            (
                j("min_interval_secs = nan\n"),
                "s.toml:5:21: source \"a\": `min_interval_secs` must be a number of seconds, zero or more",
            ),
            (j("min_interval_secs = \"6h\"\n"), "s.toml:5:21: invalid type: string \"6h\", expected f64"),
        ]);
    }

    /// The keys of `smartrecruiters`, `workable` and `personio`.
    #[test]
    fn smartrecruiters_workable_and_personio_mistakes() {
        check(vec![
            (
                k("smartrecruiters", ""),
                "s.toml:1:1: source \"a\": `companies` is missing (the company ids of careers.smartrecruiters.com/{id}, e.g. companies = [\"BoschGroup\"])",
            ),
            (
                k("smartrecruiters", "boards = [\"x\"]\n"),
                "s.toml:4:10: source \"a\": `boards` is not a key of kind \"smartrecruiters\"",
            ),
            (
                k("workable", ""),
                "s.toml:1:1: source \"a\": `accounts` is missing (the accounts of apply.workable.com/{account}, e.g. accounts = [\"acme\"])",
            ),
            (k("workable", "accounts = []\n"), "s.toml:4:12: source \"a\": `accounts` is empty"),
            (
                k("personio", "companies = [\"acme\", \"a.b\"]\n"),
                "s.toml:4:22: source \"a\": `companies` \"a.b\" is not a Personio company (letters, digits and -, as in {company}.jobs.personio.de; or the whole host, {company}.jobs.personio.com)",
            ),
            (
                k("personio", "companies = [\"x.jobs.personio.com.evil.example\"]\n"),
                "s.toml:4:14: source \"a\": `companies` \"x.jobs.personio.com.evil.example\" is not a Personio company (letters, digits and -, as in {company}.jobs.personio.de; or the whole host, {company}.jobs.personio.com)",
            ),
            (
                k("personio", "companies = [\"acme\"]\nbase_url = \"ftp://x\"\n"),
                "s.toml:5:12: source \"a\": `base_url` \"ftp://x\" is not an http or https URL",
            ),
            (
                k("workable", "accounts = [\"../x\"]\n"),
                "s.toml:4:13: source \"a\": `accounts` \"../x\" is not a board name (letters, digits, - _ .)",
            ),
        ]);
    }

    /// Hosts, several sources, and which of several mistakes is reported.
    #[test]
    fn host_and_several_source_mistakes() {
        check(vec![
            (
                j("allowed_hosts = [\"ftp://x.example\"]\n"),
                "s.toml:5:18: source \"a\": `allowed_hosts` \"ftp://x.example\" is not an http or https URL",
            ),
            (j("allowed_hosts = []\n"), "s.toml:5:17: source \"a\": `allowed_hosts` is empty"),
            (
                j("allowed_hosts = [\"bad host\"]\n"),
                "s.toml:5:18: source \"a\": `allowed_hosts` \"https://bad host\" is not a URL (invalid international domain name)",
            ),
            (
                j("allowed_hosts = \"a.example\"\n"),
                "s.toml:5:17: invalid type: string \"a.example\", expected a sequence",
            ),
            (format!("{}\n{}", j(""), j("")), "s.toml:7:8: source name \"a\" is used twice: names must be unique"),
            (
                format!("{}\n[[sources]]\nname = \"b\"\nkind = \"feed\"\nurls = [\"x\"]\n", j("")),
                "s.toml:9:9: source \"b\": `urls` \"x\" is not a URL (relative URL without a base)",
            ),
            (j("delay_ms = \"x\"\nmax_page = 5\n"), "s.toml:5:12: invalid type: string \"x\", expected i64"),
            (j("zzz = 1\ndelay_ms = \"x\"\n"), "s.toml:6:12: invalid type: string \"x\", expected i64"),
            (j("[sources.extra]\nk = 1\n"), "s.toml:5:10: unknown key `extra`"),
            (j("follow = { a = 1 }\n"), "s.toml:5:10: invalid type: map, expected a string"),
            (
                format!(
                    "{}\n[[sources]]\nname = \"b\"\nkind = \"jsonld\"\nstart_urls = [\"https://a.example/\"]\ndelay_ms = \"x\"\n[[sources]]\nkind = \"nope\"\n",
                    j("")
                ),
                "s.toml:10:12: invalid type: string \"x\", expected i64",
            ),
            (
                "[[sources]]\nkind = \"nope\"\nmax_page = 3\n".into(),
                "s.toml:3:1: unknown key `max_page` (did you mean `max_pages`?)",
            ),
            (
                "[[sources]]\nname = \"\"\nkind = \"nope\"\n".into(),
                "s.toml:2:8: source `name` must be non-empty, without commas",
            ),
            (
                format!("{S}kind = \"nope\"\nmax_pages = 0\n"),
                "s.toml:3:8: source \"a\": `kind` \"nope\" is not a known kind (known: jsonld, hn, greenhouse, lever, ashby, feed, html, recruitee, remoteok, arbeitnow, himalayas, jobicy, smartrecruiters, workable, personio, workday)",
            ),
            (
                format!("{S}kind = \"hn\"\nmax_pages = 0\nboards = [\"x\"]\n"),
                "s.toml:4:13: source \"a\": `max_pages` must be at least 1",
            ),
            (
                format!("{S}kind = \"hn\"\nboards = [\"x\"]\nsince = \"bad\"\n"),
                "s.toml:4:10: source \"a\": `boards` is not a key of kind \"hn\"",
            ),
            (
                format!(
                    "{S}kind = \"greenhouse\"\nboards = [\"x\"]\nallowed_hosts = [\"ftp://x\"]\nbase_url = \"ftp://y\"\n"
                ),
                "s.toml:6:12: source \"a\": `base_url` \"ftp://y\" is not an http or https URL",
            ),
            (
                "[[sources]]\nname = \"b\"\nkind = \"hn\"\n[[sources]]\nname = \"b\"\nkind = \"nope\"\n".into(),
                "s.toml:6:8: source \"b\": `kind` \"nope\" is not a known kind (known: jsonld, hn, greenhouse, lever, ashby, feed, html, recruitee, remoteok, arbeitnow, himalayas, jobicy, smartrecruiters, workable, personio, workday)",
            ),
        ]);
    }

    #[test]
    fn every_key_of_every_kind_is_read() {
        let c = parse(
            "[[sources]]\nname = \" a \"\nkind = \"jsonld\"\nstart_urls = [\" https://Jobs.Acme.example/careers \", \"http://b.example:8080/x\"]\n\
             follow = \"a.job\"\nallowed_hosts = [\"Other.example\", \"https://third.example/x\", \"other.example\"]\nmax_pages = 5\n\
             respect_robots = false\nper_host_concurrency = 3\ndelay_ms = 0\nuser_agent = \"  bot/1  \"\nconnect_timeout_secs = 1.5\n\
             timeout_secs = 2\nmax_retries = 1000\nmax_retry_after_secs = 9\nmax_body_bytes = 100\n\n\
             [[sources]]\nname = \"hn\"\nkind = \"hn\"\nbase_url = \"http://127.0.0.1:9/api/v1///\"\nsince = \" 2020-1 \"\nuntil = \"2020-01\"\n\n\
             [[sources]]\nname = \"gh\"\nkind = \"greenhouse\"\nboards = [\" acme \", \"b.c-d_e\"]\n\n\
             [[sources]]\nname = \"lever\"\nkind = \"lever\"\nsites = [\"acme\"]\nbase_url = \"https://x.example/\"\n\n\
             [[sources]]\nname = \"ashby\"\nkind = \"ashby\"\nboards = [\"acme\"]\n\n\
             [[sources]]\nname = \"feed\"\nkind = \"feed\"\nurls = [\"https://a.example/feed.rss\"]\n\n\
             [[sources]]\nname = \"board\"\nkind = \"html\"\nstart_urls = [\"https://a.example/\"]\nposting_links = \"a\"\n\
             description = \"main\"\nnext_page = \"a.next\"\ntitle = \"h1\"\ncompany = \".c\"\nlocation = \".l\"\nposted_at = \"time\"\n\
             date_format = \"%d %B %Y\"\n\n\
             [[sources]]\nname = \"rc\"\nkind = \"recruitee\"\ncompanies = [\"acme\", \"globex\"]\nmin_interval_secs = 90.5\n\n\
             [[sources]]\nname = \"ro\"\nkind = \"remoteok\"\n\n\
             [[sources]]\nname = \"an\"\nkind = \"arbeitnow\"\nbase_url = \"http://127.0.0.1:9/mirror/\"\n\n\
             [[sources]]\nname = \"hi\"\nkind = \"himalayas\"\nmin_interval_secs = 0\n\n\
             [[sources]]\nname = \"jo\"\nkind = \"jobicy\"\n\n\
             [[sources]]\nname = \"sr\"\nkind = \"smartrecruiters\"\ncompanies = [\"BoschGroup\"]\n\n\
             [[sources]]\nname = \"wk\"\nkind = \"workable\"\naccounts = [\"acme\"]\nbase_url = \"http://127.0.0.1:9/\"\n\n\
             [[sources]]\nname = \"pe\"\nkind = \"personio\"\ncompanies = [\"acme\", \"b-2.jobs.personio.com\"]\n\n\
             [[sources]]\nname = \"wd\"\nkind = \"workday\"\nsites = [\"https://acme.wd5.myworkdayjobs.com/en-US/External\"]\n",
        )
        .unwrap();
        let url = |u: &str| Url::parse(u).unwrap();
        let s = &c.sources;
        assert_eq!(s[0].name, "a");
        assert_eq!(
            s[0].kind,
            KindSpec::Jsonld {
                start_urls: vec![url("https://jobs.acme.example/careers"), url("http://b.example:8080/x")],
                follow: Some("a.job".into())
            }
        );
        let crawl = CrawlSettings {
            respect_robots: false,
            per_host_concurrency: 3,
            delay: Duration::ZERO,
            user_agent: "bot/1".into(),
            connect_timeout: Duration::from_millis(1500),
            timeout: Duration::from_secs(2),
            max_retries: 100,
            max_retry_after: Duration::from_secs(9),
            max_body_bytes: 100,
            max_pages: 5,
            allowed_hosts: vec!["other.example".into(), "third.example".into()],
            trusted_hosts: vec!["b.example".into(), "jobs.acme.example".into()],
            min_interval: Duration::ZERO,
        };
        assert_eq!(s[0].crawl, crawl);
        let month = |year, month| YearMonth { year, month };
        assert_eq!(
            s[1].kind,
            KindSpec::Hn {
                base_url: url("http://127.0.0.1:9/api/v1"),
                since: month(2020, 1),
                until: Some(month(2020, 1))
            }
        );
        assert_eq!(s[1].crawl.allowed_hosts, ["127.0.0.1"]);
        assert_eq!(
            s[2].kind,
            KindSpec::Greenhouse { base_url: url(GREENHOUSE_BASE), boards: vec!["acme".into(), "b.c-d_e".into()] }
        );
        assert_eq!(s[3].kind, KindSpec::Lever { base_url: url("https://x.example/"), sites: vec!["acme".into()] });
        assert_eq!(s[4].kind, KindSpec::Ashby { base_url: url(ASHBY_BASE), boards: vec!["acme".into()] });
        assert_eq!(s[5].kind, KindSpec::Feed { urls: vec![url("https://a.example/feed.rss")] });
        let board = HtmlSpec {
            start_urls: vec![url("https://a.example/")],
            posting_links: "a".into(),
            next_page: Some("a.next".into()),
            title: Some("h1".into()),
            company: Some(".c".into()),
            location: Some(".l".into()),
            posted_at: Some("time".into()),
            date_format: Some("%d %B %Y".into()),
            description: "main".into(),
        };
        assert_eq!(s[6].kind, KindSpec::Html(board));
        assert_eq!(s[7].kind, KindSpec::Recruitee { base_url: None, companies: vec!["acme".into(), "globex".into()] });
        assert_eq!(s[7].crawl.allowed_hosts, ["acme.recruitee.com", "globex.recruitee.com"]);
        assert_eq!(s[9].kind, KindSpec::Arbeitnow { base_url: url("http://127.0.0.1:9/mirror") });
        assert_eq!(s[11].kind, KindSpec::Jobicy { base_url: url(JOBICY_BASE) });
        // The public boards ask for few requests a day.
        let intervals: Vec<u64> = s.iter().map(|s| s.crawl.min_interval.as_millis() as u64).collect();
        assert_eq!(intervals, [0, 0, 0, 0, 0, 0, 0, 90_500, 21_600_000, 3_600_000, 0, 21_600_000, 0, 0, 0, 0]);
        assert_eq!(
            s[12].kind,
            KindSpec::SmartRecruiters { base_url: url(SMARTRECRUITERS_BASE), companies: vec!["BoschGroup".into()] }
        );
        assert_eq!(s[12].crawl.allowed_hosts, ["api.smartrecruiters.com"]);
        assert_eq!(
            s[13].kind,
            KindSpec::Workable { base_url: url("http://127.0.0.1:9"), accounts: vec!["acme".into()] }
        );
        assert_eq!(
            s[14].kind,
            KindSpec::Personio { base_url: None, companies: vec!["acme".into(), "b-2.jobs.personio.com".into()] }
        );
        // Each Personio company is its own host; one may be on personio.com.
        assert_eq!(s[14].crawl.allowed_hosts, ["acme.jobs.personio.de", "b-2.jobs.personio.com"]);
        let site = WorkdaySite {
            origin: url("https://acme.wd5.myworkdayjobs.com"),
            tenant: "acme".into(),
            site: "External".into(),
        };
        assert_eq!(s[15].kind, KindSpec::Workday { sites: vec![site] });
        assert_eq!(s[15].crawl.allowed_hosts, ["acme.wd5.myworkdayjobs.com"]);
        // Each kind's name is its row of the table.
        let names: Vec<&str> = s.iter().map(|s| s.kind.name()).collect();
        let rows: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        assert_eq!(names, rows);
    }

    #[test]
    fn workday_sites_are_career_site_urls_and_base_url_replaces_scheme_and_host() {
        let wd = |rest: &str| parse(&k("workday", rest)).map_err(|e| e.to_string());
        let c = wd("sites = [\"https://Acme.wd1.myworkdayjobs.com/Careers/\", \"https://b.wd12.myworkdayjobs.com/fr-CA/Jobs_2\"]\nbase_url = \"http://127.0.0.1:9\"\n").unwrap();
        let KindSpec::Workday { sites } = &c.sources[0].kind else { panic!("{:?}", c.sources[0].kind) };
        let got: Vec<(&str, &str, &str)> =
            sites.iter().map(|s| (s.origin.as_str(), s.tenant.as_str(), s.site.as_str())).collect();
        assert_eq!(got, [("http://127.0.0.1:9/", "acme", "Careers"), ("http://127.0.0.1:9/", "b", "Jobs_2")]);
        assert_eq!(c.sources[0].crawl.allowed_hosts, ["127.0.0.1"]);
        let shape = "is not a Workday career site URL (https://{tenant}.wd{N}.myworkdayjobs.com/{site})";
        for (rest, want) in [
            ("", "sources.toml:1:1: source \"a\": `sites` is missing (the career site URLs, e.g. sites = [\"https://acme.wd5.myworkdayjobs.com/External\"])".to_string()),
            ("sites = []\n", "sources.toml:4:9: source \"a\": `sites` is empty".into()),
            ("sites = [\"https://acme.myworkdayjobs.com/External\"]\n", format!("sources.toml:4:10: source \"a\": `sites` \"https://acme.myworkdayjobs.com/External\" {shape}")),
            ("sites = [\"https://acme.wd5.myworkdayjobs.com/\"]\n", format!("sources.toml:4:10: source \"a\": `sites` \"https://acme.wd5.myworkdayjobs.com/\" {shape}")),
            ("sites = [\"https://acme.wd5.myworkdayjobs.com/en-US/External/job/x\"]\n", format!("sources.toml:4:10: source \"a\": `sites` \"https://acme.wd5.myworkdayjobs.com/en-US/External/job/x\" {shape}")),
            ("sites = [\"acme\"]\n", "sources.toml:4:10: source \"a\": `sites` \"acme\" is not a URL (relative URL without a base)".into()),
            ("sites = [\"https://a.wd5.myworkdayjobs.com/X\"]\nbase_url = \"http://127.0.0.1:9/api\"\n", "sources.toml:5:12: source \"a\": `base_url` \"http://127.0.0.1:9/api\" must be a scheme and host only (e.g. \"http://127.0.0.1:8080\")".into()),
        ] {
            assert_eq!(wd(rest).unwrap_err(), want, "{rest}");
        }
    }

    #[test]
    fn a_key_has_one_type_wherever_it_is_taken() {
        let keys: Vec<Key> = KINDS.iter().flat_map(|k| k.keys).copied().chain(SOURCE_KEYS.iter().copied()).collect();
        for (name, ty) in &keys {
            assert!(keys.iter().all(|(n, t)| n != name || t == ty), "`{name}` has two types");
            assert!(!CRAWL_KEYS.iter().any(|(n, _)| n == name), "`{name}` is a crawl key and a kind's");
        }
    }
}
