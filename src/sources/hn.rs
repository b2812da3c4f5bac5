//! `hn`: Hacker News "Ask HN: Who is hiring?" threads through the Algolia
//! API — the only source that reaches back to 2011. Finds the monthly
//! threads, fetches each whole, and stores every top-level comment with text
//! as a posting. Months already complete are not fetched again.

use anyhow::{Context, Result, anyhow};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::date::{from_unix_secs, parse_loose};
use super::{Memory, Page, Parsed, Posting, Request, Source};
use crate::config::YearMonth;
use crate::extract::text::html_to_text;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The state key of a month whose thread is stored complete.
pub fn month_key(m: YearMonth) -> String {
    format!("month:{m}")
}

/// The `hn` source kind.
pub struct HnSource {
    name: String,
    base: Url,
    since: YearMonth,
    until: Option<YearMonth>,
}

impl HnSource {
    pub fn new(name: &str, base: Url, since: YearMonth, until: Option<YearMonth>) -> HnSource {
        HnSource { name: name.to_string(), base, since, until }
    }

    fn url(&self, path_and_query: &str) -> Result<Url> {
        let base = self.base.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}/{path_and_query}")).context("building an Algolia URL")
    }

    fn search_url(&self, page: u64) -> Result<Url> {
        let mut q = String::from("search_by_date?tags=story,author_whoishiring&hitsPerPage=1000");
        if page > 0 {
            q.push_str(&format!("&page={page}"));
        }
        self.url(&q)
    }
}

/// The month a thread title names, if it is a "Who is hiring?" thread:
/// `Ask HN: Who is hiring? (March 2024)`.
pub fn hiring_thread_month(title: &str) -> Option<YearMonth> {
    let lower = title.trim().to_lowercase();
    let rest = lower.strip_prefix("ask hn: who is hiring?")?.trim_start();
    let inner = rest.strip_prefix('(')?.split(')').next()?;
    let mut words = inner.split_whitespace();
    let month_name = words.next()?;
    let year: i32 = words.next()?.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    Some(YearMonth { year, month })
}

#[derive(Deserialize)]
struct SearchPage {
    hits: Vec<Hit>,
    #[serde(default)]
    page: u64,
    #[serde(default, rename = "nbPages")]
    nb_pages: u64,
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "objectID")]
    object_id: String,
    #[serde(default)]
    title: Option<String>,
}

impl Source for HnSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn start(&self, _memory: &Memory) -> Result<Vec<Request>> {
        Ok(vec![Request::new(self.search_url(0)?, "threads")])
    }

    fn parse(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed> {
        match page.request.kind.as_str() {
            "threads" => self.parse_threads(page, memory),
            "thread" | "final-thread" => self.parse_thread(page),
            other => Err(anyhow!("unknown request kind {other}")),
        }
    }
}

impl HnSource {
    /// The thread list: one request per wanted month not already complete.
    fn parse_threads(&self, page: &Page<'_>, memory: &Memory) -> Result<Parsed> {
        let search: SearchPage = serde_json::from_str(page.body).context("the thread search is not Algolia JSON")?;
        let mut parsed = Parsed::default();
        if search.page == 0 {
            for p in 1..search.nb_pages.min(50) {
                parsed.follow.push(Request::new(self.search_url(p)?, "threads"));
            }
        }
        let mut threads: Vec<(YearMonth, String)> = search
            .hits
            .iter()
            .filter_map(|h| Some((hiring_thread_month(h.title.as_deref()?)?, h.object_id.clone())))
            .collect();
        threads.sort();
        threads.dedup_by_key(|(m, _)| *m);
        let latest = threads.last().map(|(m, _)| *m);
        for (month, id) in &threads {
            if *month < self.since || self.until.is_some_and(|u| *month > u) {
                continue;
            }
            // A month is final once the next month's thread exists.
            let is_final = Some(*month) != latest;
            if is_final && !memory.refresh && memory.state.contains_key(&month_key(*month)) {
                continue;
            }
            let mut req =
                Request::new(self.url(&format!("items/{id}"))?, if is_final { "final-thread" } else { "thread" });
            req.label = Some(month.to_string());
            parsed.follow.push(req);
        }
        // Months in range with no thread are reported, never interpolated.
        if search.page == 0
            && let Some(latest) = latest
        {
            let end = self.until.map_or(latest, |u| u.min(latest));
            let mut m = self.since;
            let mut missing = Vec::new();
            while m <= end {
                if !threads.iter().any(|(t, _)| *t == m) {
                    missing.push(m.to_string());
                }
                m = m.next();
            }
            if !missing.is_empty() {
                tracing::warn!(source = %self.name, "no \"Who is hiring?\" thread found for {}", missing.join(", "));
            }
        }
        Ok(parsed)
    }

    /// A whole thread: its top-level comments with text are the postings.
    fn parse_thread(&self, page: &Page<'_>) -> Result<Parsed> {
        let story: Value = serde_json::from_str(page.body).context("the thread is not Algolia item JSON")?;
        let children =
            story.get("children").and_then(Value::as_array).ok_or_else(|| anyhow!("the thread has no children"))?;
        let mut parsed = Parsed::default();
        for c in children {
            if let Some(p) = comment_posting(c) {
                parsed.postings.push(p);
            }
        }
        if page.request.kind == "final-thread"
            && let Some(month) = &page.request.label
        {
            let id = story.get("id").map(Value::to_string).unwrap_or_default();
            parsed
                .state
                .push((format!("month:{month}"), format!("complete story={id} comments={}", parsed.postings.len())));
        }
        Ok(parsed)
    }
}

/// A top-level comment as a posting; None for deleted or empty ones.
fn comment_posting(c: &Value) -> Option<Posting> {
    let text = c.get("text")?.as_str()?;
    c.get("author")?.as_str()?;
    let id = match c.get("id")? {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let description = html_to_text(text);
    if description.trim().is_empty() {
        return None;
    }
    let posted_at = c
        .get("created_at")
        .and_then(Value::as_str)
        .and_then(parse_loose)
        .or_else(|| c.get("created_at_i").and_then(Value::as_i64).and_then(from_unix_secs));
    let head = first_line::parse(description.lines().next().unwrap_or(""));
    let mut raw = c.clone();
    if let Some(o) = raw.as_object_mut() {
        o.remove("children");
    }
    Some(Posting {
        url: Some(format!("https://news.ycombinator.com/item?id={id}")),
        external_id: id,
        title: head.title,
        company: head.company,
        location: head.location,
        remote: head.remote,
        posted_at,
        description,
        raw_format: "hn-comment",
        raw: raw.to_string(),
    })
}

/// Reading the first line of a "Who is hiring?" post:
/// `Company | Role | Location | REMOTE | Full-time | salary | URL` and its
/// variants. Fields it cannot place stay empty: it never guesses.
pub mod first_line {
    /// What the first line says.
    #[derive(Debug, Default, Clone, PartialEq, Eq)]
    pub struct Head {
        pub company: Option<String>,
        pub title: Option<String>,
        pub location: Option<String>,
        pub remote: Option<bool>,
    }

    const ROLE_WORDS: &[&str] = &[
        "engineer",
        "engineers",
        "developer",
        "developers",
        "scientist",
        "designer",
        "manager",
        "lead",
        "architect",
        "sre",
        "devops",
        "analyst",
        "director",
        "cto",
        "vp",
        "head",
        "founding",
        "intern",
        "interns",
        "programmer",
        "administrator",
        "consultant",
        "specialist",
        "researcher",
        "swe",
        "engineering",
        "frontend",
        "backend",
        "full-stack",
        "fullstack",
        "roles",
        "positions",
        "dev",
        "devs",
        "staff",
        "principal",
        "senior",
        "junior",
    ];
    const EMPLOYMENT: &[&str] = &[
        "full-time",
        "full time",
        "fulltime",
        "part-time",
        "part time",
        "contract",
        "contractor",
        "freelance",
        "internship",
        "internships",
        "ft",
        "pt",
        "permanent",
        "temporary",
    ];

    fn words(s: &str) -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    fn is_url(f: &str) -> bool {
        let l = f.to_lowercase();
        l.contains("http://")
            || l.contains("https://")
            || l.starts_with("www.")
            || l.contains(".com/")
            || l.contains('@')
    }

    fn is_salary(f: &str) -> bool {
        f.contains('$') || f.contains('€') || f.contains('£') || {
            let l = f.to_lowercase();
            (l.contains("salary") || l.contains("equity") || l.contains("k-") || l.ends_with('k'))
                && l.chars().any(|c| c.is_ascii_digit())
        }
    }

    fn is_employment(f: &str) -> bool {
        let l = f.trim().to_lowercase();
        EMPLOYMENT.iter().any(|e| l == *e)
            || l.split(['/', ',', '+']).map(str::trim).all(|p| !p.is_empty() && EMPLOYMENT.contains(&p))
    }

    /// Words that qualify a remote flag or an employment type without
    /// naming a place.
    const QUALIFIERS: &[&str] = &[
        "remote",
        "onsite",
        "on-site",
        "hybrid",
        "or",
        "and",
        "only",
        "ok",
        "friendly",
        "possible",
        "in",
        "office",
        "in-office",
        "wfh",
        "partially",
        "partial",
        "fully",
        "first",
        "full",
        "time",
        "full-time",
        "fulltime",
        "part",
        "part-time",
        "contract",
        "contractor",
        "contractors",
        "freelance",
        "intern",
        "internship",
        "permanent",
        "visa",
        "visas",
        "xfer",
        "transfer",
        "sponsorship",
        "sponsor",
        "relocation",
        "h1b",
        "h-1b",
        "w2",
        "1099",
        "equity",
        "benefits",
        "optional",
        "preferred",
        "allowed",
        "welcome",
        "also",
        "a",
        "the",
        "with",
        "some",
        "days",
        "week",
        "per",
        "100",
        "available",
        "required",
        "no",
        "not",
        "but",
        "is",
        "are",
        "we",
        "you",
        "to",
        "of",
        "ft",
        "pt",
    ];

    /// Places (lower case) whose mention makes a field a location.
    const PLACES: &[&str] = &[
        "usa",
        "us",
        "u.s",
        "uk",
        "eu",
        "emea",
        "apac",
        "latam",
        "americas",
        "europe",
        "asia",
        "africa",
        "canada",
        "germany",
        "france",
        "spain",
        "portugal",
        "italy",
        "netherlands",
        "poland",
        "sweden",
        "norway",
        "denmark",
        "finland",
        "ireland",
        "switzerland",
        "austria",
        "belgium",
        "israel",
        "india",
        "japan",
        "singapore",
        "australia",
        "brazil",
        "mexico",
        "argentina",
        "chile",
        "colombia",
        "nyc",
        "sf",
        "sfba",
        "bay",
        "la",
        "london",
        "berlin",
        "paris",
        "amsterdam",
        "dublin",
        "munich",
        "zurich",
        "stockholm",
        "copenhagen",
        "barcelona",
        "madrid",
        "lisbon",
        "warsaw",
        "prague",
        "vienna",
        "toronto",
        "vancouver",
        "montreal",
        "boston",
        "seattle",
        "austin",
        "chicago",
        "denver",
        "atlanta",
        "miami",
        "portland",
        "york",
        "francisco",
        "angeles",
        "san",
        "washington",
        "dc",
        "tel",
        "aviv",
        "bangalore",
        "bengaluru",
        "tokyo",
        "sydney",
        "melbourne",
        "palo",
        "alto",
        "mountain",
        "menlo",
        "oakland",
        "brooklyn",
        "manhattan",
        "cambridge",
        "philadelphia",
        "pittsburgh",
        "baltimore",
        "dallas",
        "houston",
        "phoenix",
        "minneapolis",
        "detroit",
        "raleigh",
        "nashville",
        "utah",
        "salt",
        "worldwide",
        "global",
        "anywhere",
        "ca",
        "ny",
        "ma",
        "wa",
        "tx",
        "co",
        "il",
        "or",
        "ga",
        "fl",
        "nc",
        "va",
        "pa",
        "nj",
        "ut",
        "mn",
        "oh",
        "mi",
        "az",
        "md",
        "de",
        "nl",
        "fr",
        "es",
        "pt",
        "pl",
        "ch",
        "se",
        "ie",
        "timezone",
        "timezones",
        "tz",
        "utc",
        "gmt",
        "est",
        "pst",
        "cet",
    ];

    /// The remote flag a field states, and whether it also names a place.
    fn remote_flag(f: &str) -> Option<(bool, bool)> {
        let w = words(f);
        let remote = w.iter().any(|x| x == "remote" || x == "wfh");
        let onsite = w.iter().any(|x| x == "onsite" || x == "on-site" || x == "office" || x == "in-office");
        let hybrid = w.iter().any(|x| x == "hybrid");
        if !remote && !onsite && !hybrid {
            return None;
        }
        let other = w.iter().any(|x| !QUALIFIERS.contains(&x.as_str()) && !x.chars().all(|c| c.is_ascii_digit()));
        Some((remote, other))
    }

    fn is_role(f: &str) -> bool {
        words(f).iter().any(|w| ROLE_WORDS.contains(&w.as_str()))
    }

    /// A field that names a place: "City, ST" or a known place.
    fn is_place(f: &str) -> bool {
        if f.chars().count() > 60 || f.contains(':') {
            return false;
        }
        let city_comma =
            f.split(',').next().is_some_and(|head| head.trim().chars().next().is_some_and(char::is_uppercase))
                && f.contains(',');
        let original: Vec<&str> =
            f.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect();
        let known = original.iter().any(|w| {
            let lower = w.trim_end_matches('.').to_lowercase();
            // Two-letter codes only in capitals ("CA", not "ca").
            PLACES.contains(&lower.as_str())
                && (lower.len() > 2 || w.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
        });
        city_comma || known
    }

    /// Splits the line into fields on `|`, else on ` - `, ` · `, ` — `.
    fn fields(line: &str) -> Vec<String> {
        let line = line.trim();
        for sep in ["|", " · ", " – ", " — ", " - "] {
            let parts: Vec<String> = line.split(sep).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
            if parts.len() >= 2 {
                return parts;
            }
        }
        Vec::new()
    }

    /// Reads a first line.
    pub fn parse(line: &str) -> Head {
        let fields = fields(line);
        let mut head = Head::default();
        if fields.len() < 2 {
            return head;
        }
        let first = &fields[0];
        if !is_url(first) && !is_role(first) && first.chars().count() <= 60 && remote_flag(first).is_none() {
            head.company = Some(first.clone());
        }
        let mut remote: Option<bool> = None;
        for f in fields.iter().skip(1) {
            if is_url(f) || is_salary(f) || is_employment(f) {
                continue;
            }
            if let Some((is_remote, names_more)) = remote_flag(f) {
                remote = Some(remote.unwrap_or(false) || is_remote);
                if names_more && head.location.is_none() && !is_role(f) && is_place(f) {
                    head.location = Some(f.clone());
                }
                continue;
            }
            if is_role(f) {
                if head.title.is_none() {
                    head.title = Some(f.clone());
                }
                continue;
            }
            if head.location.is_none() && is_place(f) {
                head.location = Some(f.clone());
            }
        }
        head.remote = remote;
        head
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn h(company: &str, title: &str, location: &str, remote: Option<bool>) -> Head {
            let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
            Head { company: o(company), title: o(title), location: o(location), remote }
        }

        #[test]
        fn the_convention_and_its_variants() {
            assert_eq!(
                parse(
                    "Acme Corp | Senior Backend Engineer | San Francisco, CA | ONSITE | Full-time | $180k-$220k | https://acme.example/jobs"
                ),
                h("Acme Corp", "Senior Backend Engineer", "San Francisco, CA", Some(false))
            );
            assert_eq!(
                parse("Grist Labs | Systems Engineer | Full-time | NYC OR REMOTE +/- 3hrs | https://getgrist.com"),
                h("Grist Labs", "Systems Engineer", "NYC OR REMOTE +/- 3hrs", Some(true))
            );
            assert_eq!(
                parse("Foo – Data Scientist – Berlin – Remote"),
                h("Foo", "Data Scientist", "Berlin", Some(true))
            );
            assert_eq!(parse("Bar · Platform Engineers · Hybrid"), h("Bar", "Platform Engineers", "", Some(false)));
            assert_eq!(parse("Baz | REMOTE (US) | Backend"), h("Baz", "Backend", "REMOTE (US)", Some(true)));
            assert_eq!(
                parse(
                    "FLEXPORT | SF, CA (HQ) | FULLTIME, ONSITE, VISA XFER OK | 30+ Openings | $130K - $180K + equity"
                ),
                h("FLEXPORT", "", "SF, CA (HQ)", Some(false))
            );
            assert_eq!(
                parse("Commure, Inc. | San Francisco, CA / Boston, MA | Rust Engineer | Fulltime | ONSITE"),
                h("Commure, Inc.", "Rust Engineer", "San Francisco, CA / Boston, MA", Some(false))
            );
            assert_eq!(
                parse("Kensho | Data Scientists/Engineers | Full-time/Onsite | (Cambridge/Boston)/NYC/DC"),
                h("Kensho", "Data Scientists/Engineers", "(Cambridge/Boston)/NYC/DC", Some(false))
            );
            assert_eq!(parse("Acme | Payments infrastructure | Remote"), h("Acme", "", "", Some(true)));
        }

        #[test]
        fn never_guesses_on_prose() {
            assert_eq!(parse("We are hiring engineers to build the future of payments."), Head::default());
            assert_eq!(parse("https://example.com | Engineer"), h("", "Engineer", "", None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_titles() {
        let m = |y, mo| Some(YearMonth { year: y, month: mo });
        assert_eq!(hiring_thread_month("Ask HN: Who is hiring? (March 2024)"), m(2024, 3));
        assert_eq!(hiring_thread_month("Ask HN: Who is Hiring? (April 2011)"), m(2011, 4));
        assert_eq!(hiring_thread_month("Ask HN: Who wants to be hired? (March 2024)"), None);
        assert_eq!(hiring_thread_month("Ask HN: Freelancer? Seeking freelancer? (March 2024)"), None);
        assert_eq!(hiring_thread_month("Ask HN: Who is hiring? (Smarch 2024)"), None);
    }
}
