//! The generator of the bundled demo job board (`fixtures/demo/`): a
//! fictional career site in the shape of real ones — listing pages with
//! pagination linking to posting pages that carry schema.org JobPosting
//! JSON-LD — over 30 months, with visible trends and the traps real text
//! holds (JavaScript, MySQL, `.php` URLs, "Series C", Django without Python).
//!
//! Deterministic: a fixed seed. `cargo run --example generate_demo` writes
//! the files; a test checks that the committed files are its output. It also
//! records which of Python, Java, PHP and SQL each posting really mentions,
//! so the whole pipeline can be checked against the truth.

use std::collections::BTreeSet;
use std::fmt::Write;

/// The skills whose truth the generator records.
pub const CORE: [&str; 4] = ["python", "java", "php", "sql"];

/// The shape of a generated board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardSpec {
    pub seed: u64,
    /// First month (year, month).
    pub first: (i32, u32),
    pub months: u32,
    /// Postings per month: at least `.0`, fewer than `.1`.
    pub per_month: (usize, usize),
    /// Postings per listing page.
    pub per_page: usize,
    /// Bytes of page chrome (styles, scripts, footer) added to every page,
    /// as real career sites carry.
    pub chrome_bytes: usize,
}

impl BoardSpec {
    /// The bundled demo board: 30 months from 2023-01, about 650 postings.
    pub const DEMO: BoardSpec =
        BoardSpec { seed: 2026, first: (2023, 1), months: 30, per_month: (20, 24), per_page: 20, chrome_bytes: 0 };

    /// A large board for benchmarks: `postings` posting pages of about
    /// `page_bytes` each.
    pub fn bench(postings: usize, page_bytes: usize) -> BoardSpec {
        let months = 60;
        let per = postings.div_ceil(months as usize);
        BoardSpec {
            seed: 7,
            first: (2021, 1),
            months,
            per_month: (per, per + 1),
            per_page: 50,
            chrome_bytes: page_bytes.saturating_sub(2_600),
        }
    }
}
/// The host the postings' canonical URLs name (reserved `.example` TLD), so
/// they stay the same whatever port the demo server gets.
pub const CANONICAL_HOST: &str = "https://careers.skilltrend-demo.example";

/// One generated posting and the truth about it.
#[derive(Debug, Clone)]
pub struct DemoPosting {
    /// The JobPosting `identifier.value`.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub company: String,
    /// Which of [`CORE`] the text mentions.
    pub core: BTreeSet<&'static str>,
    /// The pay the page states (JSON-LD `baseSalary` or the text): yearly
    /// (min, max, currency).
    pub pay: Option<(f64, f64, &'static str)>,
    /// Not a software job (sales, design, recruiting…).
    pub non_engineering: bool,
}

/// The generated site: files (path, content) and the postings.
#[derive(Debug, Clone)]
pub struct Board {
    pub files: Vec<(String, String)>,
    pub postings: Vec<DemoPosting>,
}

pub(crate) const COMPANIES: &[&str] = &[
    "Northwind Analytics",
    "Bluefin Labs",
    "Cobalt Freight",
    "Harbor Health",
    "Lumen Ledger",
    "Pinecrest Games",
    "Quillmark",
    "Redwood Robotics",
    "Saltbox Media",
    "Tidewater Energy",
    "Umber & Co",
    "Vantage Mobility",
    "Wren Security",
    "Yarrow Bio",
    "Zephyr Travel",
    "Atlas Payroll",
    "Beacon Learning",
    "Cinder Cloud",
    "Driftwood Retail",
    "Ember Insurance",
    "Fjord Logistics",
    "Granite Legal",
    "Helix Genomics",
    "Ironclad Data",
    "Juniper Foods",
    "Kestrel Maps",
    "Lattice Finance",
    "Meridian Telecom",
    "Nimbus Weather",
    "Orchard HR",
];

pub(crate) const LOCATIONS: &[(&str, &str, &str)] = &[
    ("Berlin", "BE", "DE"),
    ("London", "", "GB"),
    ("Amsterdam", "NH", "NL"),
    ("New York", "NY", "US"),
    ("Austin", "TX", "US"),
    ("Toronto", "ON", "CA"),
    ("Lisbon", "", "PT"),
    ("Warsaw", "", "PL"),
    ("Seattle", "WA", "US"),
    ("Dublin", "", "IE"),
];

pub(crate) const TITLES: &[&str] = &[
    "Backend Engineer",
    "Senior Backend Engineer",
    "Platform Engineer",
    "Data Engineer",
    "Software Engineer, APIs",
    "Staff Engineer",
    "Site Reliability Engineer",
    "Full-Stack Developer",
    "Senior Software Engineer",
    "Backend Developer",
];

/// Every skill the generator can choose.
const SKILLS: [&str; 17] = [
    "python",
    "java",
    "php",
    "sql",
    "go",
    "rust",
    "ruby",
    "csharp",
    "typescript",
    "postgresql",
    "mysql",
    "redis",
    "kafka",
    "docker",
    "kubernetes",
    "aws",
    "terraform",
];

/// For each of `count` postings, the skills it gets: each skill goes to
/// exactly `round(p × count)` of them, so the month's shares follow the
/// curves of [`probability`] without sampling noise.
pub(crate) fn assign_skills(rng: &mut fastrand::Rng, count: usize, t: f64) -> Vec<BTreeSet<&'static str>> {
    assign_with(rng, count, t, probability)
}

/// [`assign_skills`] with another probability curve.
pub(crate) fn assign_with(
    rng: &mut fastrand::Rng,
    count: usize,
    t: f64,
    probability: fn(&str, f64) -> f64,
) -> Vec<BTreeSet<&'static str>> {
    let mut out = vec![BTreeSet::new(); count];
    for skill in SKILLS {
        let k = (probability(skill, t) * count as f64).round() as usize;
        let mut idx: Vec<usize> = (0..count).collect();
        rng.shuffle(&mut idx);
        for &i in idx.iter().take(k) {
            out[i].insert(skill);
        }
    }
    out
}

/// Probability of a skill at time `t` (0 = first month, 1 = last).
fn probability(skill: &str, t: f64) -> f64 {
    match skill {
        "python" => 0.28 + 0.36 * t,
        "java" => 0.48 - 0.24 * t,
        "php" => 0.34 - 0.24 * t,
        "sql" => 0.38 + 0.03 * (t * 9.0).sin(),
        "go" => 0.08 + 0.14 * t,
        "rust" => 0.02 + 0.08 * t,
        "ruby" => 0.10 - 0.05 * t,
        "csharp" => 0.12,
        "typescript" => 0.14 + 0.10 * t,
        "postgresql" => 0.30 + 0.16 * t,
        "mysql" => 0.28 - 0.12 * t,
        "redis" => 0.20,
        "kafka" => 0.08 + 0.06 * t,
        "docker" => 0.30,
        "kubernetes" => 0.18 + 0.18 * t,
        "aws" => 0.36,
        "terraform" => 0.08 + 0.10 * t,
        _ => 0.0,
    }
}

pub(crate) fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// HTML-escapes text.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// What one posting asks for, as the generator chose it.
struct Asks<'a> {
    langs: Vec<String>,
    frameworks: Vec<&'a str>,
    stores: Vec<&'a str>,
    infra: Vec<&'a str>,
}

/// Builds one posting's description and the truth about its core skills.
fn description(
    rng: &mut fastrand::Rng,
    company: &str,
    chosen: &BTreeSet<&str>,
    django_only: bool,
) -> (String, BTreeSet<&'static str>) {
    let mut core: BTreeSet<&'static str> = BTreeSet::new();
    let asks = languages(rng, chosen, django_only, &mut core);
    let mut h = String::new();
    about_and_tasks(rng, company, &mut h);
    requirements(rng, chosen, &asks, &mut core, &mut h);
    let ts = chosen.contains("typescript");
    if ts || rng.u8(..4) == 0 {
        let front = if ts { "TypeScript and React" } else { "JavaScript and React" };
        let _ = write!(
            h,
            "<h3>Nice to have</h3><ul><li>Some {front} for internal tools</li><li>Experience with NoSQL stores</li></ul>"
        );
    }
    h.push_str("<h3>Benefits</h3><ul><li>Flexible hours and a learning budget</li><li>Go-getters welcome: we promote from within</li></ul>");
    let domain = slug(company);
    let _ = write!(
        h,
        "<p>Apply at <a href=\"https://careers.{domain}.example/apply.php?ref=python-java\">careers.{domain}.example/apply.php</a> or write to jobs@{domain}.example.</p>"
    );
    (h, core)
}

/// The languages, frameworks, data stores and infrastructure a posting
/// names, with the core skills among them recorded in `core`.
fn languages<'a>(
    rng: &mut fastrand::Rng,
    chosen: &BTreeSet<&str>,
    django_only: bool,
    core: &mut BTreeSet<&'static str>,
) -> Asks<'a> {
    let has = |s: &str| chosen.contains(s);
    let mut langs: Vec<String> = Vec::new();
    let mut frameworks: Vec<&str> = Vec::new();
    if has("python") {
        // One posting a month names Django only: that is no Python mention.
        if django_only {
            frameworks.push("Django");
        } else {
            core.insert("python");
            langs.push(pick(rng, &["Python", "Python 3", "python3", "modern Python (3.11+)"]).to_string());
            frameworks.push(*pick(rng, &["Django", "FastAPI", "Flask", "Celery"]));
        }
    }
    if has("java") {
        core.insert("java");
        langs.push(pick(rng, &["Java", "Java 17", "Java 21", "Java/Kotlin"]).to_string());
        frameworks.push(*pick(rng, &["Spring Boot", "Spring Boot", "Quarkus", "Hibernate"]));
    }
    if has("php") {
        core.insert("php");
        langs.push(pick(rng, &["PHP", "PHP 8", "PHP8.2", "modern PHP"]).to_string());
        frameworks.push(*pick(rng, &["Laravel", "Symfony", "Laravel"]));
    }
    if has("go") {
        langs.push(pick(rng, &["Go", "Golang"]).to_string());
    }
    if has("rust") {
        langs.push("Rust".into());
    }
    if has("ruby") {
        langs.push("Ruby".into());
        frameworks.push("Rails");
    }
    if has("csharp") {
        langs.push("C#".into());
        frameworks.push(".NET");
    }
    if langs.is_empty() {
        // Every posting names at least one language; Go keeps the truth simple.
        langs.push("Go".into());
    }
    let named = |list: &[(&str, &'a str)]| list.iter().filter(|(s, _)| has(s)).map(|(_, n)| *n).collect::<Vec<_>>();
    let stores = named(&[("postgresql", "PostgreSQL"), ("mysql", "MySQL"), ("redis", "Redis")]);
    let infra = named(&[
        ("docker", "Docker"),
        ("kubernetes", "Kubernetes"),
        ("aws", "AWS"),
        ("terraform", "Terraform"),
        ("kafka", "Kafka"),
    ]);
    Asks { langs, frameworks, stores, infra }
}

/// The company blurb and two of the tasks.
fn about_and_tasks(rng: &mut fastrand::Rng, company: &str, h: &mut String) {
    let about = pick(
        rng,
        &[
            "builds the software that keeps thousands of small businesses running",
            "is a Series C company modernising an old industry",
            "helps people make better decisions with data",
            "is a remote-first team of 80 engineers",
            "runs one of the busiest platforms in its field",
        ],
    );
    let _ = write!(h, "<p><strong>{}</strong> {about}. Our R&amp;D team ships every day.</p>", esc(company));
    h.push_str("<h3>What you will do</h3><ul>");
    let tasks = [
        "Design, build and operate the APIs behind our products",
        "Own services end to end, from design document to on-call",
        "Work with our go-to-market team on integrations",
        "Improve the reliability and latency of critical paths",
        "Review code and mentor other engineers",
    ];
    let first = rng.usize(..tasks.len());
    let second = (first + 1 + rng.usize(..tasks.len() - 1)) % tasks.len();
    for i in [first, second] {
        let _ = write!(h, "<li>{}</li>", tasks[i]);
    }
}

/// The "What we are looking for" list.
fn requirements(
    rng: &mut fastrand::Rng,
    chosen: &BTreeSet<&str>,
    asks: &Asks<'_>,
    core: &mut BTreeSet<&'static str>,
    h: &mut String,
) {
    h.push_str("</ul><h3>What we are looking for</h3><ul>");
    let years = rng.u8(2..8);
    let _ = write!(h, "<li>{years}+ years of experience with {}</li>", esc(&asks.langs.join(", ")));
    if !asks.frameworks.is_empty() {
        let _ = write!(h, "<li>Production experience with {}</li>", esc(&asks.frameworks.join(" or ")));
    }
    if chosen.contains("sql") {
        core.insert("sql");
        let sql = pick(
            rng,
            &[
                "Strong SQL skills",
                "Writing efficient SQL (window functions, CTEs)",
                "Fluency in SQL and data modelling",
            ],
        );
        let _ = write!(h, "<li>{sql}</li>");
    }
    if !asks.stores.is_empty() {
        let _ = write!(h, "<li>Data stores: {}</li>", asks.stores.join(", "));
    }
    if !asks.infra.is_empty() {
        let _ = write!(h, "<li>{}</li>", asks.infra.join(", "));
    }
    h.push_str("</ul>");
}

/// Jobs of a company that are not software jobs, with what they do.
const OTHER_JOBS: &[(&str, &str)] = &[
    ("Account Executive", "Own a territory of mid-market customers and close new business"),
    ("Product Designer", "Design the flows our customers use every day, from research to polished UI"),
    ("Technical Recruiter", "Find and hire the engineers who will build our next products"),
    ("Product Manager", "Decide with customers and engineers what we build next"),
    ("Customer Success Manager", "Help our largest customers get the most out of the product"),
    ("Financial Analyst", "Build the models behind our budget and forecasts"),
];

/// A posting being dressed: its title, page text, core skills and pay.
struct Job {
    title: String,
    html: String,
    core: BTreeSet<&'static str>,
    pay: Option<(f64, f64, &'static str)>,
    non_engineering: bool,
}

/// Decides who a posting is for and what it pays, as a real board would
/// show it: about one posting in seven is not a software job; some titles
/// gain a level; about half state pay in `baseSalary`, some in the text.
fn dress(rng: &mut fastrand::Rng, mut job: Job, company: &str, country: &str) -> Job {
    let currency = match country {
        "US" => "USD",
        "GB" => "GBP",
        "CA" => "CAD",
        "PL" => "PLN",
        _ => "EUR",
    };
    let base: f64 = match currency {
        "USD" => 130_000.0,
        "CAD" => 110_000.0,
        "GBP" => 65_000.0,
        "PLN" => 180_000.0,
        _ => 65_000.0,
    };
    if rng.u8(..7) == 0 {
        let (title, work) = *pick(rng, OTHER_JOBS);
        job.title = title.to_string();
        job.html = format!(
            "<p><strong>{}</strong> is growing and needs a {title}.</p><h3>What you will do</h3><ul><li>{work}</li><li>Work closely with sales, marketing and support</li></ul><h3>Benefits</h3><ul><li>Flexible hours and a learning budget</li></ul>",
            esc(company)
        );
        job.core.clear();
        job.non_engineering = true;
        if rng.u8(..3) == 0 {
            job.pay = Some(range(rng, base * 0.8, currency));
        }
        return job;
    }
    let senior = job.title.starts_with("Senior") || job.title.starts_with("Staff");
    match rng.u8(..20) {
        0 | 1 if !senior => job.title = format!("Junior {}", job.title),
        2 if !senior => job.title = format!("Lead {}", job.title),
        _ => {}
    }
    let level = if job.title.starts_with("Junior") {
        0.7
    } else if senior {
        1.3
    } else {
        1.0
    };
    match rng.u8(..10) {
        0..=4 => job.pay = Some(range(rng, base * level, currency)),
        5 => {
            let (lo, hi, cur) = range(rng, base * level, currency);
            let sign = match cur {
                "USD" => "$",
                "GBP" => "£",
                "EUR" => "€",
                _ => "",
            };
            let (lo_k, hi_k) = (lo / 1000.0, hi / 1000.0);
            let text = if sign.is_empty() {
                format!("{lo_k:.0},000–{hi_k:.0},000 {cur} a year")
            } else {
                format!("{sign}{lo_k:.0}k–{sign}{hi_k:.0}k a year")
            };
            job.html.push_str(&format!("<p>Salary: {text}, plus equity. We raised a $20M Series B last year.</p>"));
            job.pay = Some((lo, hi, cur));
        }
        _ => {}
    }
    job
}

/// A yearly pay range around `centre`, in round thousands.
fn range(rng: &mut fastrand::Rng, centre: f64, currency: &'static str) -> (f64, f64, &'static str) {
    let lo = (centre * (0.85 + rng.f64() * 0.2) / 5000.0).round() * 5000.0;
    let hi = lo + 5000.0 * f64::from(rng.u8(4..9));
    (lo, hi, currency)
}

/// The `baseSalary` of a posting whose pay is not written in its text.
fn job_salary(rng: &mut fastrand::Rng, pay: Option<(f64, f64, &str)>, html: &str) -> Option<serde_json::Value> {
    let (lo, hi, currency) = pay?;
    (!html.contains("Salary:")).then(|| base_salary(rng, lo, hi, currency))
}

/// A yearly range as schema.org `baseSalary`, in the shapes career pages
/// write: mostly a MonetaryAmount with a QuantitativeValue, sometimes the
/// bounds on the MonetaryAmount itself.
fn base_salary(rng: &mut fastrand::Rng, lo: f64, hi: f64, currency: &str) -> serde_json::Value {
    if rng.u8(..4) == 0 {
        serde_json::json!({"@type": "MonetaryAmount", "currency": currency, "minValue": lo as i64, "maxValue": hi as i64, "unitText": "YEAR"})
    } else {
        serde_json::json!({"@type": "MonetaryAmount", "currency": currency,
                           "value": {"@type": "QuantitativeValue", "minValue": lo as i64, "maxValue": hi as i64, "unitText": "YEAR"}})
    }
}

/// What one posting page shows.
struct JobAd<'a> {
    id: &'a str,
    title: &'a str,
    company: &'a str,
    html: &'a str,
    date: &'a str,
    path: &'a str,
    place: (&'a str, &'a str, &'a str),
    remote: bool,
    /// schema.org `baseSalary`, when the page states pay that way.
    salary: Option<serde_json::Value>,
}

/// The posting page's JSON-LD `<script>` blocks, with the quirks of real
/// pages on a share of them.
fn jsonld_head(rng: &mut fastrand::Rng, ad: &JobAd<'_>) -> String {
    let (date, (city, region, country)) = (ad.date, ad.place);
    let date_posted = match rng.u8(..20) {
        0 => date.replace("-0", "-"),
        1 => format!("{date}T09:30:00Z"),
        2 => format!("{date}T10:15:00+02:00"),
        _ => date.to_string(),
    };
    let mut posting = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": ad.title,
        "description": ad.html,
        "datePosted": date_posted,
        "employmentType": if rng.u8(..5) == 0 { serde_json::json!(["FULL_TIME", "CONTRACTOR"]) } else { serde_json::json!("FULL_TIME") },
        "hiringOrganization": {"@type": "Organization", "name": ad.company},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": city, "addressRegion": region, "addressCountry": country}},
        "identifier": {"@type": "PropertyValue", "name": ad.company, "value": ad.id},
        "url": format!("{CANONICAL_HOST}{}", ad.path),
    });
    if ad.remote {
        posting["jobLocationType"] = "TELECOMMUTE".into();
    }
    if let Some(salary) = &ad.salary {
        posting["baseSalary"] = salary.clone();
    }
    let variant = rng.u8(..20);
    let ld = match variant {
        0 | 1 => {
            posting.as_object_mut().map(|o| o.remove("@context"));
            serde_json::json!({"@context": "https://schema.org", "@graph": [
                {"@type": "Organization", "name": ad.company, "url": format!("https://{}.example", slug(ad.company))},
                posting
            ]})
        }
        2 => {
            posting["@type"] = serde_json::json!(["JobPosting"]);
            posting
        }
        3 => {
            // HTML escaped twice.
            posting["description"] = esc(ad.html).into();
            posting
        }
        _ => posting,
    };
    let json = if variant == 6 { serde_json::to_string_pretty(&ld) } else { serde_json::to_string(&ld) };
    let mut json = json.unwrap_or_default().replace("</", "<\\/");
    if variant == 4 {
        // A raw newline inside a string: invalid JSON that browsers accept.
        json = json.replacen("</p><h3>", "</p>\n<h3>", 1).replacen("<\\/p><h3>", "<\\/p>\n<h3>", 1);
    }
    let mut head = format!("<script type=\"application/ld+json\">\n{json}\n</script>\n");
    if variant == 5 {
        head.push_str("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\",\"itemListElement\":[]}</script>\n");
    }
    head
}

/// The listing pages, newest first, with pagination.
fn listing_pages(
    listing: &[(String, String, String, String, String)],
    per_page: usize,
    chrome: &(String, String),
    files: &mut Vec<(String, String)>,
) {
    let newest_first: Vec<_> = listing.iter().rev().cloned().collect();
    let pages: Vec<_> = newest_first.chunks(per_page).collect();
    for (i, chunk) in pages.iter().enumerate() {
        let mut body =
            format!("<h1>Open positions</h1>\n<p>Page {} of {}</p>\n<ul class=\"jobs\">\n", i + 1, pages.len());
        for (path, title, company, city, date) in chunk.iter() {
            let _ = writeln!(
                body,
                "<li><a class=\"job-link\" href=\"{path}\">{}</a> <span>{} · {} · {date}</span></li>",
                esc(title),
                esc(company),
                esc(city)
            );
        }
        body.push_str("</ul>\n<nav class=\"pagination\">");
        if i > 0 {
            let prev = if i == 1 { "/jobs/".to_string() } else { format!("/jobs/page/{i}/") };
            let _ = write!(body, "<a rel=\"prev\" href=\"{prev}\">Previous</a> ");
        }
        if i + 1 < pages.len() {
            let _ = write!(body, "<a rel=\"next\" href=\"/jobs/page/{}/\">Next</a>", i + 2);
        }
        body.push_str("</nav>");
        let path = if i == 0 { "/jobs/index.html".to_string() } else { format!("/jobs/page/{}/index.html", i + 1) };
        files.push((path, page_html("Open positions", "", &body, chrome)));
    }
}

/// Page chrome of about `bytes`: a style sheet, a (non-JSON-LD) script and
/// a footer, split between the head and the end of the body.
fn chrome(bytes: usize) -> (String, String) {
    if bytes == 0 {
        return (String::new(), String::new());
    }
    let mut head = String::from("<style>\n");
    let mut i = 0;
    while head.len() < bytes / 2 {
        let _ = writeln!(
            head,
            ".c{i} {{ margin: 0 auto; padding: {}px {}px; color: #{:06x}; font: 400 1rem/1.5 system-ui, sans-serif; }}",
            i % 24,
            i % 16,
            (i * 2_654_435_761usize) & 0xff_ffff
        );
        i += 1;
    }
    head.push_str("</style>\n<script>window.__BOARD__ = {\"theme\":\"light\",\"tracking\":false,\"features\":[\"filters\",\"alerts\"]};</script>\n");
    let mut foot = String::from("<footer>\n<nav>");
    for p in 1..=10 {
        let href = if p == 1 { "/jobs/".to_string() } else { format!("/jobs/page/{p}/") };
        let _ = write!(foot, "<a href=\"{href}\">Jobs page {p}</a> ");
    }
    foot.push_str("</nav>\n");
    while foot.len() < bytes / 2 {
        foot.push_str("<p class=\"legal\">We are an equal opportunity employer. We value diversity and do not discriminate on the basis of race, religion, colour, national origin, gender, sexual orientation, age, marital status, veteran status or disability.</p>\n");
    }
    foot.push_str("</footer>\n");
    (head, foot)
}

fn page_html(title: &str, head: &str, body: &str, chrome: &(String, String)) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n{head}{}</head>\n<body>\n<header><a href=\"/\">Skilltrend Demo Careers</a> · <a href=\"/jobs/\">All jobs</a> · <a href=\"/about/\">About</a></header>\n<main>\n{body}\n</main>\n{}</body>\n</html>\n",
        esc(title),
        chrome.0,
        chrome.1
    )
}

/// Generates the bundled demo board.
pub fn generate() -> Board {
    generate_with(&BoardSpec::DEMO)
}

/// Generates a board of any shape.
pub fn generate_with(spec: &BoardSpec) -> Board {
    let chrome = chrome(spec.chrome_bytes);
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let mut postings = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut listing: Vec<(String, String, String, String, String)> = Vec::new();
    let mut n = 0u32;
    for m in 0..spec.months {
        let (year, month) = {
            let idx = (spec.first.0 * 12 + spec.first.1 as i32 - 1) + m as i32;
            (idx / 12, (idx % 12) as u32 + 1)
        };
        let t = f64::from(m) / f64::from(spec.months.max(2) - 1);
        let count = rng.usize(spec.per_month.0..spec.per_month.1);
        let assigned = assign_skills(&mut rng, count, t);
        let django_only = assigned.iter().position(|s| s.contains("python"));
        for (i, chosen) in assigned.into_iter().enumerate() {
            n += 1;
            let id = format!("DEMO-{n:05}");
            let day = rng.u32(1..=28);
            let company = pick(&mut rng, COMPANIES).to_string();
            let title = pick(&mut rng, TITLES).to_string();
            let (city, region, country) = *pick(&mut rng, LOCATIONS);
            let remote = rng.u8(..4) == 0;
            let (html, core) = description(&mut rng, &company, &chosen, django_only == Some(i));
            // Who the job is for and what it pays, from a generator of its
            // own (the skills above stay exactly as they were).
            let mut who = fastrand::Rng::with_seed(spec.seed.wrapping_mul(1_000_003).wrapping_add(u64::from(n)));
            let job = dress(&mut who, Job { title, html, core, pay: None, non_engineering: false }, &company, country);
            let (pay, non_engineering) = (job.pay, job.non_engineering);
            let (title, html, core) = (job.title, job.html, job.core);
            let salary = job_salary(&mut who, pay, &html);
            let date = format!("{year}-{month:02}-{day:02}");
            let path = format!("/jobs/{}-{}/", slug(&title), n);
            let head = jsonld_head(
                &mut rng,
                &JobAd {
                    id: &id,
                    title: &title,
                    company: &company,
                    html: &html,
                    date: &date,
                    path: &path,
                    place: (city, region, country),
                    remote,
                    salary,
                },
            );
            let body = format!(
                "<article>\n<h1>{}</h1>\n<p class=\"meta\">{} · {}{} · posted {date}</p>\n<div class=\"description\">{html}</div>\n</article>",
                esc(&title),
                esc(&company),
                esc(city),
                if remote { " (remote)" } else { "" }
            );
            files.push((
                format!("{path}index.html"),
                page_html(&format!("{title} at {company}"), &head, &body, &chrome),
            ));
            listing.push((path, title.clone(), company.clone(), city.to_string(), date.clone()));
            postings.push(DemoPosting { id, date, title, company, core, pay, non_engineering });
        }
    }

    listing_pages(&listing, spec.per_page, &chrome, &mut files);
    files.push((
        "/index.html".into(),
        page_html("Skilltrend Demo Careers", "", "<h1>Work with us</h1>\n<p>See <a href=\"/jobs/\">all open positions</a>. Staff only: <a href=\"/admin/\">admin</a>.</p>", &chrome),
    ));
    files.push((
        "/about/index.html".into(),
        page_html("About", "", "<h1>About this board</h1>\n<p>A fictional job board bundled with skilltrend for its offline demo. Every company and posting here is made up.</p>", &chrome),
    ));
    files.push(("/robots.txt".into(), "User-agent: *\nDisallow: /admin/\n".into()));
    files.sort();
    Board { files, postings }
}
