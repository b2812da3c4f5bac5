//! Recognising a job board from a URL: the host and path shapes of each
//! applicant-tracking system's boards, embeds and APIs. Hosts are matched
//! whole, so a board's host in another URL's path, or as the start of
//! another domain, is not a board.

use url::Url;

/// An applicant-tracking system (or, failing one, JobPosting JSON-LD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ats {
    Greenhouse,
    Lever,
    Ashby,
    SmartRecruiters,
    Workable,
    Recruitee,
    Personio,
    Workday,
    JsonLd,
}

impl Ats {
    /// The source kind of `sources.toml`.
    pub fn kind(self) -> &'static str {
        match self {
            Ats::Greenhouse => "greenhouse",
            Ats::Lever => "lever",
            Ats::Ashby => "ashby",
            Ats::SmartRecruiters => "smartrecruiters",
            Ats::Workable => "workable",
            Ats::Recruitee => "recruitee",
            Ats::Personio => "personio",
            Ats::Workday => "workday",
            Ats::JsonLd => "jsonld",
        }
    }

    /// The kind's key that lists boards.
    pub fn key(self) -> &'static str {
        match self {
            Ats::Greenhouse | Ats::Ashby => "boards",
            Ats::Lever | Ats::Workday => "sites",
            Ats::SmartRecruiters | Ats::Recruitee | Ats::Personio => "companies",
            Ats::Workable => "accounts",
            Ats::JsonLd => "start_urls",
        }
    }

    /// The system's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Ats::Greenhouse => "Greenhouse",
            Ats::Lever => "Lever",
            Ats::Ashby => "Ashby",
            Ats::SmartRecruiters => "SmartRecruiters",
            Ats::Workable => "Workable",
            Ats::Recruitee => "Recruitee",
            Ats::Personio => "Personio",
            Ats::Workday => "Workday",
            Ats::JsonLd => "JobPosting JSON-LD",
        }
    }
}

/// One board: its system and its token (for Workday the site URL, for
/// JSON-LD the page URL), as `sources.toml` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Board {
    pub ats: Ats,
    pub token: String,
    /// The kind's `base_url` when the board is not on the default API
    /// (Lever's EU instance).
    pub base_url: Option<&'static str>,
}

/// Lever's EU API, for boards on `jobs.eu.lever.co`.
pub const LEVER_EU_BASE: &str = "https://api.eu.lever.co/v0";

impl Board {
    pub fn new(ats: Ats, token: &str) -> Board {
        Board { ats, token: token.to_string(), base_url: None }
    }

    fn eu(mut self) -> Board {
        self.base_url = Some(LEVER_EU_BASE);
        self
    }

    /// A source name for the board: `{token}-{kind}`, lower case.
    pub fn source_name(&self) -> String {
        let stem = match self.ats {
            Ats::Workday | Ats::JsonLd => match Url::parse(&self.token) {
                Ok(u) => {
                    let host = u.host_str().unwrap_or_default();
                    let first = host.split('.').next().unwrap_or_default();
                    let path = u.path().trim_matches('/').replace('/', "-");
                    match self.ats {
                        Ats::Workday => format!("{first}-{path}"),
                        _ => host.to_string(),
                    }
                }
                Err(_) => self.token.clone(),
            },
            _ => self.token.clone(),
        };
        format!("{stem}-{}", self.ats.kind()).to_ascii_lowercase()
    }
}

/// A board token: letters, digits, `-`, `_`, `.` (what `sources.toml`
/// accepts), at most 100 characters, not only dots.
fn token(s: &str) -> Option<&str> {
    let ok = !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && s.bytes().any(|b| b != b'.');
    ok.then_some(s)
}

/// The board a URL belongs to, if it is one of a known system's.
pub fn recognise(url: &Url) -> Option<Board> {
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let segs: Vec<&str> = url.path_segments().map(|s| s.filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    let first = segs.first().copied();
    match host.as_str() {
        "boards.greenhouse.io" | "job-boards.greenhouse.io" => match first {
            None | Some("embed") => query(url, "for").and_then(|t| token(&t).map(|t| Board::new(Ats::Greenhouse, t))),
            Some(t) => token(t).map(|t| Board::new(Ats::Greenhouse, t)),
        },
        "boards-api.greenhouse.io" => after(&segs, &["v1", "boards"]).map(|t| Board::new(Ats::Greenhouse, t)),
        "jobs.lever.co" => first.and_then(token).map(|t| Board::new(Ats::Lever, t)),
        "api.lever.co" => after(&segs, &["v0", "postings"]).map(|t| Board::new(Ats::Lever, t)),
        "jobs.eu.lever.co" => first.and_then(token).map(|t| Board::new(Ats::Lever, t).eu()),
        "api.eu.lever.co" => after(&segs, &["v0", "postings"]).map(|t| Board::new(Ats::Lever, t).eu()),
        "jobs.ashbyhq.com" => first.filter(|f| *f != "api").and_then(token).map(|t| Board::new(Ats::Ashby, t)),
        "api.ashbyhq.com" => after(&segs, &["posting-api", "job-board"]).map(|t| Board::new(Ats::Ashby, t)),
        "careers.smartrecruiters.com" | "jobs.smartrecruiters.com" => smartrecruiters(&segs),
        "api.smartrecruiters.com" => after(&segs, &["v1", "companies"]).map(|t| Board::new(Ats::SmartRecruiters, t)),
        "apply.workable.com" => workable(&segs),
        "www.workable.com" => after(&segs, &["api", "accounts"]).map(|t| Board::new(Ats::Workable, t)),
        _ => by_subdomain(&host, &segs),
    }
}

/// A query parameter's value.
fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// The token right after a path prefix (`/v1/boards/{t}/...`).
fn after<'a>(segs: &[&'a str], prefix: &[&str]) -> Option<&'a str> {
    (segs.len() > prefix.len() && segs[..prefix.len()] == *prefix).then(|| segs[prefix.len()]).and_then(token)
}

/// `careers.smartrecruiters.com/{t}`, `jobs.smartrecruiters.com/{t}/{job}`
/// and the apply form `jobs.smartrecruiters.com/oneclick-ui/company/{t}/…`.
fn smartrecruiters(segs: &[&str]) -> Option<Board> {
    let t = match segs {
        ["oneclick-ui", "company", t, ..] => *t,
        [first, ..] if !["sr-jobs", "oneclick-ui", "static", "search"].contains(first) => *first,
        _ => return None,
    };
    token(t).map(|t| Board::new(Ats::SmartRecruiters, t))
}

/// `apply.workable.com/{t}/`, its API paths `…/accounts/{t}`, but not the
/// account-less short job links `apply.workable.com/j/{code}`.
fn workable(segs: &[&str]) -> Option<Board> {
    let t = match segs {
        ["api", rest @ ..] => rest.iter().position(|s| *s == "accounts").and_then(|i| rest.get(i + 1)).copied()?,
        [first, ..] if !["j", "embed", "assets"].contains(first) => *first,
        _ => return None,
    };
    token(t).map(|t| Board::new(Ats::Workable, t))
}

/// Labels that are a system's own service, not a company.
const SERVICE_LABELS: &[&str] = &["www", "app", "api", "blog", "support", "help", "careers", "cdn", "status", "docs"];

/// The company label in front of a system's domain (one label, not a
/// service of the system's own).
fn company_label<'h>(host: &'h str, domain: &str) -> Option<&'h str> {
    let label = host.strip_suffix(domain)?.strip_suffix('.')?;
    (!label.contains('.') && !SERVICE_LABELS.contains(&label)).then_some(label).and_then(token)
}

/// Boards named by their host: `{t}.recruitee.com`, `{t}.jobs.personio.de`
/// (or `.com`), `{tenant}.wd{N}.myworkdayjobs.com/{site}` and
/// `wd{N}.myworkdaysite.com/recruiting/{tenant}/{site}`.
fn by_subdomain(host: &str, segs: &[&str]) -> Option<Board> {
    if let Some(t) = company_label(host, "recruitee.com") {
        return Some(Board::new(Ats::Recruitee, t));
    }
    if let Some(t) = company_label(host, "jobs.personio.de").or_else(|| company_label(host, "jobs.personio.com")) {
        return Some(Board::new(Ats::Personio, t));
    }
    if let Some(rest) = host.strip_suffix(".myworkdayjobs.com") {
        let (tenant, wd) = rest.split_once('.')?;
        return workday(tenant, wd, segs);
    }
    let wd = host.strip_suffix(".myworkdaysite.com")?;
    let segs = without_locale(segs);
    match segs {
        ["recruiting", tenant, rest @ ..] => workday(tenant, wd, rest),
        _ => None,
    }
}

/// A Workday site: `https://{tenant}.{wd}.myworkdayjobs.com/{site}`, the
/// site being the path's first segment after an optional locale, or the
/// CXS API's `/wday/cxs/{tenant}/{site}`.
fn workday(tenant: &str, wd: &str, segs: &[&str]) -> Option<Board> {
    let n = wd.strip_prefix("wd")?;
    if n.is_empty() || n.len() > 3 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let tenant = token(tenant).filter(|t| !t.contains('.'))?.to_ascii_lowercase();
    let site = match without_locale(segs) {
        ["wday", "cxs", _, site, ..] => *site,
        [site, ..] if !["wday", "job", "login"].contains(site) && !is_locale(site) => *site,
        _ => return None,
    };
    let site = token(site)?;
    Some(Board::new(Ats::Workday, &format!("https://{tenant}.{wd}.myworkdayjobs.com/{site}")))
}

/// Whether a path segment is a locale (`en-US`, `es-419`, `fr`).
fn is_locale(s: &str) -> bool {
    let (lang, region) = s.split_once('-').unwrap_or((s, "AA"));
    lang.len() == 2
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && (2..=3).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The path without a leading locale.
fn without_locale<'a, 'b>(segs: &'b [&'a str]) -> &'b [&'a str] {
    match segs.split_first() {
        Some((first, rest)) if is_locale(first) && !rest.is_empty() => rest,
        _ => segs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(url: &str) -> Option<(&'static str, String)> {
        recognise(&Url::parse(url).unwrap()).map(|b| (b.ats.kind(), b.token))
    }

    fn is(kind: &'static str, token: &str) -> Option<(&'static str, String)> {
        Some((kind, token.to_string()))
    }

    #[test]
    fn greenhouse_boards_embeds_and_api() {
        assert_eq!(found("https://boards.greenhouse.io/acme"), is("greenhouse", "acme"));
        assert_eq!(found("https://boards.greenhouse.io/acme/jobs/4012345"), is("greenhouse", "acme"));
        assert_eq!(found("https://job-boards.greenhouse.io/acme-corp/"), is("greenhouse", "acme-corp"));
        assert_eq!(found("https://boards.greenhouse.io/embed/job_board?for=acme&b=https"), is("greenhouse", "acme"));
        assert_eq!(found("https://boards.greenhouse.io/embed/job_board/js?for=acme"), is("greenhouse", "acme"));
        assert_eq!(found("https://job-boards.greenhouse.io/embed/job_app?for=acme&token=1"), is("greenhouse", "acme"));
        assert_eq!(found("https://boards-api.greenhouse.io/v1/boards/acme/embed/job_board"), is("greenhouse", "acme"));
        assert_eq!(
            found("https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
            is("greenhouse", "acme")
        );
        assert_eq!(found("HTTPS://Boards.Greenhouse.IO./acme"), is("greenhouse", "acme"));
        // An embed without its board, and the API without one, say nothing.
        assert_eq!(found("https://boards.greenhouse.io/embed/job_board/js"), None);
        assert_eq!(found("https://boards-api.greenhouse.io/v1/boards/"), None);
        assert_eq!(found("https://boards.greenhouse.io/"), None);
    }

    #[test]
    fn lever_ashby_smartrecruiters_and_workable() {
        assert_eq!(found("https://jobs.lever.co/acme"), is("lever", "acme"));
        assert_eq!(found("https://jobs.lever.co/acme/5f2d-uuid/apply"), is("lever", "acme"));
        assert_eq!(found("https://api.lever.co/v0/postings/acme?mode=json"), is("lever", "acme"));
        let eu = recognise(&Url::parse("https://jobs.eu.lever.co/acme/uuid").unwrap()).unwrap();
        assert_eq!((eu.token.as_str(), eu.base_url), ("acme", Some("https://api.eu.lever.co/v0")));
        assert_eq!(found("https://api.eu.lever.co/v0/postings/acme"), is("lever", "acme"));
        assert_eq!(recognise(&Url::parse("https://jobs.lever.co/acme").unwrap()).unwrap().base_url, None);
        assert_eq!(found("https://www.workable.com/api/accounts/acme?details=true"), is("workable", "acme"));
        assert_eq!(found("https://www.workable.com/acme"), None);
        assert_eq!(found("https://jobs.ashbyhq.com/Acme"), is("ashby", "Acme"));
        assert_eq!(found("https://jobs.ashbyhq.com/acme/embed?version=2"), is("ashby", "acme"));
        assert_eq!(found("https://api.ashbyhq.com/posting-api/job-board/acme"), is("ashby", "acme"));
        assert_eq!(found("https://careers.smartrecruiters.com/AcmeCorp1"), is("smartrecruiters", "AcmeCorp1"));
        assert_eq!(
            found("https://jobs.smartrecruiters.com/AcmeCorp1/7437-backend"),
            is("smartrecruiters", "AcmeCorp1")
        );
        assert_eq!(
            found("https://jobs.smartrecruiters.com/oneclick-ui/company/AcmeCorp1/publication/abc"),
            is("smartrecruiters", "AcmeCorp1")
        );
        assert_eq!(
            found("https://api.smartrecruiters.com/v1/companies/AcmeCorp1/postings"),
            is("smartrecruiters", "AcmeCorp1")
        );
        assert_eq!(found("https://jobs.smartrecruiters.com/sr-jobs/search"), None);
        assert_eq!(found("https://apply.workable.com/acme/"), is("workable", "acme"));
        assert_eq!(found("https://apply.workable.com/acme/j/9A8B7C6D5E/"), is("workable", "acme"));
        assert_eq!(
            found("https://apply.workable.com/api/v1/widget/accounts/acme?details=true"),
            is("workable", "acme")
        );
        assert_eq!(found("https://apply.workable.com/j/9A8B7C6D5E"), None);
    }

    #[test]
    fn boards_named_by_their_host() {
        assert_eq!(found("https://acme.recruitee.com/"), is("recruitee", "acme"));
        assert_eq!(found("https://acme.recruitee.com/o/backend-engineer"), is("recruitee", "acme"));
        assert_eq!(found("https://acme.jobs.personio.de/job/123?display=en"), is("personio", "acme"));
        assert_eq!(found("https://acme-gmbh.jobs.personio.com/"), is("personio", "acme-gmbh"));
        let site = |s: &str| is("workday", s);
        assert_eq!(
            found("https://acme.wd5.myworkdayjobs.com/External"),
            site("https://acme.wd5.myworkdayjobs.com/External")
        );
        assert_eq!(
            found("https://Acme.wd1.myworkdayjobs.com/en-US/Acme_Careers/job/Berlin/Engineer_R-123"),
            site("https://acme.wd1.myworkdayjobs.com/Acme_Careers")
        );
        assert_eq!(
            found("https://acme.wd103.myworkdayjobs.com/de-DE/Jobs"),
            site("https://acme.wd103.myworkdayjobs.com/Jobs")
        );
        assert_eq!(
            found("https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs"),
            site("https://acme.wd5.myworkdayjobs.com/External")
        );
        assert_eq!(
            found("https://wd3.myworkdaysite.com/en-US/recruiting/acme/Careers"),
            site("https://acme.wd3.myworkdayjobs.com/Careers")
        );
        // A tenant without a site, or a host that is not wd{N}, is no board.
        assert_eq!(found("https://acme.wd5.myworkdayjobs.com/"), None);
        assert_eq!(found("https://acme.wd5.myworkdayjobs.com/en-US"), None);
        assert_eq!(found("https://acme.www.myworkdayjobs.com/External"), None);
        assert_eq!(found("https://acme.wdx5.myworkdayjobs.com/External"), None);
    }

    #[test]
    fn look_alikes_are_not_boards() {
        for url in [
            "https://evil.com/boards.greenhouse.io/x",
            "https://greenhouse.io.evil.com/x",
            "https://boards.greenhouse.io.evil.com/x",
            "https://xboards.greenhouse.io/x",
            "https://boards.greenhouse.io@evil.com/x",
            "https://evil.com/?u=https://jobs.lever.co/x",
            "https://jobs.lever.co.evil.com/x",
            "https://lever.co/x",
            "https://evil-jobs.ashbyhq.com.example/x",
            "https://acme.recruitee.com.evil.com/",
            "https://evilrecruitee.com/",
            "https://a.b.recruitee.com/",
            "https://www.recruitee.com/",
            "https://recruitee.com/",
            "https://jobs.personio.de/",
            "https://acme.jobs.personio.de.evil.com/",
            "https://acme.wd5.myworkdayjobs.com.evil.com/External",
            "https://evil.com/acme.wd5.myworkdayjobs.com/External",
            "ftp://boards.greenhouse.io/acme",
            "https://boards.greenhouse.io/acme%20corp",
            "https://boards.greenhouse.io/embed/job_board?for=%3Cscript%3E",
            "https://workable.com/acme",
            "https://careers.smartrecruiters.com.evil.com/Acme",
        ] {
            assert_eq!(found(url), None, "{url}");
        }
    }

    #[test]
    fn source_names() {
        let name = |ats, t: &str| Board::new(ats, t).source_name();
        assert_eq!(name(Ats::Greenhouse, "Acme"), "acme-greenhouse");
        assert_eq!(name(Ats::Workday, "https://acme.wd5.myworkdayjobs.com/External"), "acme-external-workday");
        assert_eq!(name(Ats::JsonLd, "https://careers.acme.example/jobs/"), "careers.acme.example-jsonld");
    }
}
