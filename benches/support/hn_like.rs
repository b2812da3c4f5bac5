//! A generated corpus that behaves like real "Ask HN: Who is hiring?"
//! comments, for the extraction benchmark: HN's HTML (`<p>` paragraphs,
//! `<a href>` links written twice, `/` as `&#x2F;`, `'` as `&#x27;`, some
//! `&quot;`, `&amp;`), a first line of `|`-separated fields, lengths drawn
//! around a median of about 1.2 KB (10% under 650 bytes, 10% over 2.1 KB),
//! prose from a Zipf-weighted vocabulary with about three skills named per
//! comment, a stated pay in about one comment in nine, and non-ASCII
//! characters (’ — – • “ ” £ € é) in about four comments in ten. These are
//! the shapes measured by hand on real threads; no real text is used.

use std::fmt::Write;

/// Everyday and job-posting words, most frequent first (weighted 1/rank).
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "and", "to", "the", "a", "we", "of", "in", "our", "for", "is", "with", "you", "are", "on", "team",
    "at", "that", "or", "have", "work", "as", "more", "an", "be", "us", "product", "from", "new", "if",
    "about", "will", "by", "company", "platform", "your", "building", "help", "customers", "who", "looking",
    "people", "build", "this", "data", "all", "can", "we're", "join", "world", "time", "it", "not", "which",
    "their", "they", "across", "years", "experience", "working", "systems", "growing", "strong", "one",
    "hiring", "roles", "based", "office", "best", "make", "now", "small", "tools", "products", "first",
    "market", "also", "make", "ship", "other", "large", "scale", "open", "learn", "love", "every", "care",
    "companies", "funded", "series", "backed", "investors", "revenue", "profitable", "mission", "users",
    "millions", "industry", "global", "leading", "modern", "infrastructure", "security", "design",
    "technical", "remote", "hybrid", "days", "week", "benefits", "health", "equity", "salary", "competitive",
    "apply", "email", "resume", "include", "position", "candidates", "background", "skills", "ideal",
    "problems", "hard", "interesting", "impact", "ownership", "culture", "values", "early", "stage",
    "startup", "founders", "founded", "background", "code", "quality", "testing", "reliable", "fast",
    "service", "services", "api", "apis", "web", "mobile", "app", "apps", "cloud", "pipeline", "pipelines",
    "real", "time", "analytics", "models", "research", "science", "healthcare", "finance", "payments",
    "energy", "climate", "education", "legal", "insurance", "logistics", "retail", "media", "games",
    "than", "into", "over", "most", "some", "what", "how", "when", "there", "been", "has", "had",
    "just", "like", "get", "very", "well", "way", "out", "up", "so", "do", "any", "no", "its", "my",
];

/// Skills as posts write them, most named first.
#[rustfmt::skip]
const SKILLS: &[&str] = &[
    "Python", "React", "TypeScript", "AWS", "Go", "Kubernetes", "PostgreSQL", "Rust", "Java", "Node.js",
    "Docker", "Terraform", "JavaScript", "GCP", "C++", "Kafka", "Django", "Ruby on Rails", "Redis",
    "Swift", "Kotlin", "Elixir", "Scala", "GraphQL", "Postgres", "Next.js", "Vue", "Spark", "Snowflake",
    "PyTorch", "TensorFlow", "Azure", "Linux", "C#", ".NET", "PHP", "Ruby", "MySQL", "MongoDB", "Flutter",
    "iOS", "Android", "SQL", "Haskell", "Clojure", "Erlang", "FastAPI", "Flask", "Angular", "Airflow",
];

/// Job titles of first lines.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Senior Software Engineer", "Backend Engineer", "Full Stack Engineer", "Frontend Engineer",
    "Software Engineer", "Staff Engineer", "Data Engineer", "Machine Learning Engineer",
    "Engineering Manager", "DevOps Engineer", "Site Reliability Engineer", "Product Designer",
    "Senior Backend Engineer (Go)", "Founding Engineer", "Mobile Engineer (iOS/Android)",
    "Multiple roles", "Data Scientist", "Security Engineer", "Platform Engineer", "Product Manager",
];

#[rustfmt::skip]
const COMPANIES: &[&str] = &[
    "Acme", "Northwind Labs", "Brightline", "Quantic", "Hexagon Health", "Parcelly", "Ledgerly",
    "Orbital Robotics", "Fieldnote", "Tidewater AI", "Cobalt Security", "Greenway Energy", "Mosaic",
];

#[rustfmt::skip]
const LOCATIONS: &[&str] = &[
    "San Francisco, CA", "New York, NY", "Remote (US)", "London, UK", "Berlin, Germany", "Toronto",
    "Remote (EU)", "Austin, TX", "Zürich", "Montréal, Canada", "Seattle, WA", "Amsterdam",
];

/// `n` comments' HTML, the same for the same seed.
pub fn comments(n: usize, seed: u64) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let weights: Vec<f64> = (0..WORDS.len()).map(|r| 1.0 / (r as f64 + 2.7)).collect();
    let total: f64 = weights.iter().sum();
    let cumulative: Vec<f64> = weights.iter().scan(0.0, |a, w| Some(*a + w / total)).collect();
    (0..n).map(|_| comment(&mut rng, &cumulative)).collect()
}

/// A log-normal length around 1,210 bytes (sigma 0.44), kept to 200..8,000.
fn target_len(rng: &mut fastrand::Rng) -> usize {
    let normal: f64 = (0..12).map(|_| rng.f64()).sum::<f64>() - 6.0;
    ((1210.0 * (0.44 * normal).exp()) as usize).clamp(200, 8000)
}

fn comment(rng: &mut fastrand::Rng, cumulative: &[f64]) -> String {
    let unicode = rng.f64() < 0.42;
    let mut s = String::new();
    first_line(rng, unicode, &mut s);
    let target = target_len(rng);
    let company = pick(rng, COMPANIES).to_lowercase().replace(' ', "");
    while s.len() < target {
        s.push_str("<p>");
        match rng.u32(0..10) {
            0 => bullets(rng, unicode, &mut s),
            1 => link(rng, &company, &mut s),
            2 => {
                let _ = write!(
                    s,
                    "Our stack: {}, {}, {} and {}.",
                    pick(rng, SKILLS),
                    pick(rng, SKILLS),
                    pick(rng, SKILLS),
                    pick(rng, SKILLS)
                );
            }
            _ => paragraph(rng, cumulative, unicode, &mut s),
        }
    }
    if rng.bool() {
        let _ = write!(s, "<p>Apply at ");
        link(rng, &company, &mut s);
        let _ = write!(s, " or email jobs@{company}.com");
    }
    s
}

fn first_line(rng: &mut fastrand::Rng, unicode: bool, s: &mut String) {
    let title = pick(rng, TITLES).replace('/', "&#x2F;");
    let _ = write!(
        s,
        "{} | {} | {} | {}",
        pick(rng, COMPANIES),
        title,
        pick(rng, LOCATIONS),
        pick(rng, &["REMOTE", "ONSITE", "Hybrid", "Remote or onsite"])
    );
    if rng.f64() < 0.11 {
        let low = rng.u32(9..22) * 10;
        let _ = match (unicode, rng.u32(0..3)) {
            (true, 0) => write!(s, " | £{}k–£{}k", low / 2, low / 2 + 20),
            (true, _) => write!(s, " | €{}k – €{}k", low / 2, low / 2 + 25),
            (false, 0) => write!(s, " | ${},000 - ${},000", low, low + 40),
            (false, _) => write!(s, " | ${}k-${}k + equity", low, low + 50),
        };
    }
    if rng.bool() {
        s.push_str(" | Full-time");
    }
}

fn paragraph(rng: &mut fastrand::Rng, cumulative: &[f64], unicode: bool, s: &mut String) {
    for _ in 0..rng.usize(2..6) {
        let len = rng.usize(8..24);
        for k in 0..len {
            let word = if rng.f64() < 0.025 { pick(rng, SKILLS) } else { zipf(rng, cumulative) };
            let word = match word {
                "we're" if unicode => "we’re",
                "we're" => "we&#x27;re",
                w => w,
            };
            if k == 0 {
                let mut c = word.chars();
                s.extend(c.next().map(|f| f.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push_str(word);
            }
            s.push_str(match rng.u32(0..40) {
                0 if k + 1 < len => ", ",
                1 if k + 1 < len => " &amp; ",
                2 if k + 1 < len => "&#x2F;",
                3 if unicode && k + 1 < len => " — ",
                4 if k + 1 < len => " (",
                _ if k + 1 < len => " ",
                _ => ".",
            });
        }
        s.push(' ');
    }
    if rng.u32(0..6) == 0 {
        s.push_str(if unicode { "You’ll “own” it." } else { "You&#x27;ll &quot;own&quot; it." });
    }
}

fn bullets(rng: &mut fastrand::Rng, unicode: bool, s: &mut String) {
    s.push_str("What you&#x27;ll work on:");
    for _ in 0..rng.usize(2..6) {
        let mark = if unicode { "• " } else { "- " };
        let _ = write!(
            s,
            "<p>{mark}{} services in {} and {}",
            pick(rng, &["Build", "Scale", "Own", "Design"]),
            pick(rng, SKILLS),
            pick(rng, SKILLS)
        );
    }
}

/// A link as HN writes it: the href and the visible text, both escaped.
fn link(rng: &mut fastrand::Rng, company: &str, s: &mut String) {
    let path = pick(rng, &["careers", "jobs", "about&#x2F;careers", "careers&#x2F;backend-engineer"]);
    let url = format!("https:&#x2F;&#x2F;www.{company}.com&#x2F;{path}");
    let _ = write!(s, "<a href=\"{url}\" rel=\"nofollow\">{url}</a>");
}

fn zipf<'a>(rng: &mut fastrand::Rng, cumulative: &[f64]) -> &'a str {
    let x = rng.f64();
    WORDS[cumulative.partition_point(|&c| c < x).min(WORDS.len() - 1)]
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(0..from.len())]
}
