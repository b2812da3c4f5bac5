//! A generated corpus that behaves like real "Ask HN: Who is hiring?"
//! comments, for the extraction benchmark: HN's HTML (`<p>` paragraphs,
//! `<a href>` links written twice, `/` as `&#x2F;`, `'` as `&#x27;`, some
//! `&quot;`, `&amp;`), a first line of `|`-separated fields, lengths drawn
//! around a median of about 1.2 KB (10% under 650 bytes, 10% over 2.1 KB),
//! prose from a Zipf-weighted vocabulary (exponent 1.15 over about 30,000
//! word types: everyday and job words first, then words made of English
//! roots and affixes, as real threads have some 80,000 types of which the
//! commonest 200 make about 59% of the words) with about three skills
//! named per comment, two links per comment on average, a stated pay in about one comment in nine, and non-ASCII
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

/// Roots of the long tail (job-posting English: prefix filters and
/// automata see the word beginnings real text has).
#[rustfmt::skip]
const ROOTS: &[&str] = &[
    "develop", "engineer", "manag", "design", "product", "market", "operat", "analy", "support", "custom",
    "deliver", "integrat", "automat", "scal", "secur", "perform", "optimiz", "test", "deploy", "monitor",
    "migrat", "architect", "consult", "research", "learn", "teach", "lead", "mentor", "plan", "program",
    "comput", "process", "report", "financ", "account", "sell", "hire", "recruit", "interview", "commun",
    "collaborat", "organiz", "improv", "creat", "maintain", "solv", "discover", "explor", "model", "train",
    "predict", "measur", "experiment", "launch", "grow", "expand", "partner", "invest", "fund", "bill",
    "ship", "stor", "search", "index", "stream", "queue", "cach", "network", "rout", "connect", "sync",
    "render", "present", "visual", "simulat", "control", "robot", "sens", "driv", "build", "writ", "read",
    "edit", "publish", "translat", "document", "review", "audit", "comply", "regulat", "govern", "protect",
    "encrypt", "verif", "authent", "licens", "contract", "employ", "relocat", "travel", "commut", "benefit",
    "insur", "vacation", "parent", "health", "care", "patient", "clinic", "doctor", "nurs", "student",
    "school", "client", "vendor", "suppl", "factor", "warehous", "truck", "fleet", "vehicl", "batter",
    "solar", "carbon", "chip", "satellit", "rocket", "drone", "genom", "protein", "cell", "drug", "lab",
    "data", "cloud", "web", "system", "servic", "platform", "stack", "tool", "job", "role", "team", "office",
    "remot", "contribut", "experienc", "respons", "opportun", "requir", "prefer", "familiar", "excit",
];

/// Endings and beginnings of the long tail's words.
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "", "s", "ed", "ing", "er", "ers", "ment", "ments", "ion", "ions", "al", "ally", "ive", "able", "ity",
    "ist", "ists", "ure", "y", "ly",
];
const PREFIXES: &[&str] = &["", "re", "co", "pre", "un", "over", "sub", "multi", "non", "inter"];

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
    let words = vocabulary();
    let weights: Vec<f64> = (0..words.len()).map(|r| (r as f64 + 2.7).powf(-1.15)).collect();
    let total: f64 = weights.iter().sum();
    let cumulative: Vec<f64> = weights
        .iter()
        .scan(0.0, |a, w| {
            *a += w / total;
            Some(*a)
        })
        .collect();
    let vocab = Vocab { words, cumulative };
    (0..n).map(|_| comment(&mut rng, &vocab)).collect()
}

/// Word types, most frequent first, with their cumulative Zipf weights.
struct Vocab {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

/// The word types in rank order: [`WORDS`], then every prefix + root +
/// suffix, unprefixed forms first, in a fixed shuffled order.
fn vocabulary() -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    for prefix in PREFIXES {
        let mut tier: Vec<String> =
            ROOTS.iter().flat_map(|r| SUFFIXES.iter().map(move |s| format!("{prefix}{r}{s}"))).collect();
        rng.shuffle(&mut tier);
        words.extend(tier);
    }
    words
}

/// A log-normal length around 950 bytes (sigma 0.44), kept to 200..8,000:
/// paragraphs are added until it is reached, so comments come out about
/// 250 bytes longer (median about 1.2 KB, as real ones).
fn target_len(rng: &mut fastrand::Rng) -> usize {
    let normal: f64 = (0..12).map(|_| rng.f64()).sum::<f64>() - 6.0;
    ((950.0 * (0.44 * normal).exp()) as usize).clamp(200, 8000)
}

fn comment(rng: &mut fastrand::Rng, vocab: &Vocab) -> String {
    let unicode = rng.f64() < 0.42;
    let mut s = String::new();
    first_line(rng, unicode, &mut s);
    let target = target_len(rng);
    let company = pick(rng, COMPANIES).to_lowercase().replace(' ', "");
    while s.len() < target {
        s.push_str("<p>");
        match rng.u32(0..10) {
            0 => bullets(rng, unicode, &mut s),
            9 => positions(rng, unicode, &mut s),
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
            _ => paragraph(rng, vocab, unicode, &mut s, &company),
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

fn paragraph(rng: &mut fastrand::Rng, vocab: &Vocab, unicode: bool, s: &mut String, company: &str) {
    for _ in 0..rng.usize(2..6) {
        let len = rng.usize(8..24);
        for k in 0..len {
            let word = if rng.f64() < 0.025 { pick(rng, SKILLS) } else { zipf(rng, vocab) };
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
        if rng.u32(0..4) == 0 {
            link(rng, company, s);
            s.push(' ');
        }
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

/// A list of open positions, as most multi-job comments have: bullets or
/// "Role:" lines, a title with its stack, location or pay.
fn positions(rng: &mut fastrand::Rng, unicode: bool, s: &mut String) {
    s.push_str(pick(rng, &["We&#x27;re hiring for:", "Open roles:", "Positions:", "We are looking for"]));
    for _ in 0..rng.usize(1..6) {
        let mark = pick(rng, if unicode { &["• ", "- ", "* "] } else { &["- ", "* ", "Role: "] });
        let _ = write!(s, "<p>{mark}{}", pick(rng, TITLES));
        let _ = match rng.u32(0..4) {
            0 => write!(s, " ({}, {})", pick(rng, SKILLS), pick(rng, SKILLS)),
            1 => write!(s, " - {}", pick(rng, LOCATIONS)),
            2 => write!(s, " - ${}k-${}k", rng.u32(12..20) * 10, rng.u32(20..28) * 10),
            _ => write!(s, ": you will lead {} work with the {} team", pick(rng, SKILLS), pick(rng, SKILLS)),
        };
    }
}

/// A link as HN writes it: the href and the visible text, both escaped.
fn link(rng: &mut fastrand::Rng, company: &str, s: &mut String) {
    let path = pick(rng, &["careers", "jobs", "about&#x2F;careers", "careers&#x2F;backend-engineer"]);
    let url = format!("https:&#x2F;&#x2F;www.{company}.com&#x2F;{path}");
    let _ = write!(s, "<a href=\"{url}\" rel=\"nofollow\">{url}</a>");
}

fn zipf<'a>(rng: &mut fastrand::Rng, vocab: &'a Vocab) -> &'a str {
    let x = rng.f64();
    &vocab.words[vocab.cumulative.partition_point(|&c| c < x).min(vocab.words.len() - 1)]
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(0..from.len())]
}
