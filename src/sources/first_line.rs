//! Reading the first line of a "Who is hiring?" post:
//! `Company | Role | Location | REMOTE | Full-time | salary | URL` and its
//! variants. Fields it cannot place stay empty: it never guesses. The `hn`
//! source reads each comment's first line with it; `feed` splits
//! "Company: Role" titles with it.

use super::Workplace;

/// What the first line says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Head {
    pub company: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub workplace: Option<super::Workplace>,
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
    l.contains("http://") || l.contains("https://") || l.starts_with("www.") || l.contains(".com/") || l.contains('@')
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

/// The workplace a field states ("REMOTE", "Onsite or Hybrid": the most
/// remote it offers), and whether the field also names a place.
fn workplace_flag(f: &str) -> Option<(Workplace, bool)> {
    let w = words(f);
    let says = |forms: &[&str]| w.iter().any(|x| forms.contains(&x.as_str()));
    let workplace = if says(&["remote", "wfh"]) {
        Workplace::Remote
    } else if says(&["hybrid"]) {
        Workplace::Hybrid
    } else if says(&["onsite", "on-site", "office", "in-office"]) {
        Workplace::Onsite
    } else {
        return None;
    };
    let other = w.iter().any(|x| !QUALIFIERS.contains(&x.as_str()) && !x.chars().all(|c| c.is_ascii_digit()));
    Some((workplace, other))
}

fn is_role(f: &str) -> bool {
    words(f).iter().any(|w| ROLE_WORDS.contains(&w.as_str()))
}

/// A field that names a place: "City, ST" or a known place.
fn is_place(f: &str) -> bool {
    if f.chars().count() > 60 || f.contains(':') {
        return false;
    }
    let city_comma = f.split(',').next().is_some_and(|head| head.trim().chars().next().is_some_and(char::is_uppercase))
        && f.contains(',');
    let original: Vec<&str> = f.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect();
    let known = original.iter().any(|w| {
        let lower = w.trim_end_matches('.').to_lowercase();
        // Two-letter codes only in capitals ("CA", not "ca").
        PLACES.contains(&lower.as_str()) && (lower.len() > 2 || w.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
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
    if !is_url(first) && !is_role(first) && first.chars().count() <= 60 && workplace_flag(first).is_none() {
        head.company = Some(first.clone());
    }
    let mut workplace: Option<Workplace> = None;
    for f in fields.iter().skip(1) {
        if is_url(f) || is_salary(f) || is_employment(f) {
            continue;
        }
        if let Some((stated, names_more)) = workplace_flag(f) {
            workplace = Workplace::either(workplace, Some(stated));
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
    head.workplace = workplace;
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    const REMOTE: Option<Workplace> = Some(Workplace::Remote);
    const HYBRID: Option<Workplace> = Some(Workplace::Hybrid);
    const ONSITE: Option<Workplace> = Some(Workplace::Onsite);

    fn h(company: &str, title: &str, location: &str, workplace: Option<Workplace>) -> Head {
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Head { company: o(company), title: o(title), location: o(location), workplace }
    }

    #[test]
    fn the_convention_and_its_variants() {
        assert_eq!(
            parse(
                "Acme Corp | Senior Backend Engineer | San Francisco, CA | ONSITE | Full-time | $180k-$220k | https://acme.example/jobs"
            ),
            h("Acme Corp", "Senior Backend Engineer", "San Francisco, CA", ONSITE)
        );
        assert_eq!(
            parse("Grist Labs | Systems Engineer | Full-time | NYC OR REMOTE +/- 3hrs | https://getgrist.com"),
            h("Grist Labs", "Systems Engineer", "NYC OR REMOTE +/- 3hrs", REMOTE)
        );
        assert_eq!(parse("Foo – Data Scientist – Berlin – Remote"), h("Foo", "Data Scientist", "Berlin", REMOTE));
        assert_eq!(parse("Bar · Platform Engineers · Hybrid"), h("Bar", "Platform Engineers", "", HYBRID));
        assert_eq!(parse("Baz | REMOTE (US) | Backend"), h("Baz", "Backend", "REMOTE (US)", REMOTE));
        assert_eq!(
            parse("FLEXPORT | SF, CA (HQ) | FULLTIME, ONSITE, VISA XFER OK | 30+ Openings | $130K - $180K + equity"),
            h("FLEXPORT", "", "SF, CA (HQ)", ONSITE)
        );
        assert_eq!(
            parse("Commure, Inc. | San Francisco, CA / Boston, MA | Rust Engineer | Fulltime | ONSITE"),
            h("Commure, Inc.", "Rust Engineer", "San Francisco, CA / Boston, MA", ONSITE)
        );
        assert_eq!(
            parse("Kensho | Data Scientists/Engineers | Full-time/Onsite | (Cambridge/Boston)/NYC/DC"),
            h("Kensho", "Data Scientists/Engineers", "(Cambridge/Boston)/NYC/DC", ONSITE)
        );
        assert_eq!(parse("Acme | Payments infrastructure | Remote"), h("Acme", "", "", REMOTE));
        assert_eq!(
            parse("Acme | Backend Engineer | Berlin | ONSITE or HYBRID"),
            h("Acme", "Backend Engineer", "Berlin", HYBRID)
        );
        assert_eq!(parse("Acme | Backend Engineer | Hybrid | REMOTE"), h("Acme", "Backend Engineer", "", REMOTE));
    }

    #[test]
    fn never_guesses_on_prose() {
        assert_eq!(parse("We are hiring engineers to build the future of payments."), Head::default());
        assert_eq!(parse("https://example.com | Engineer"), h("", "Engineer", "", None));
    }
}
