//! The HN-shaped part of the demo: four years (2019–2022) of monthly
//! "Ask HN: Who is hiring?" threads in the exact shape of the Algolia API,
//! generated in memory with a fixed seed (so the demo's files stay small),
//! served by the demo server under `/hn/`, and crawled with the real `hn`
//! source. Its trends lead into the job board's (2023 on).

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::json;

use super::board::{COMPANIES, LOCATIONS, TITLES, assign_with, pick, slug};

/// The months of the HN part.
pub const FIRST: (i32, u32) = (2019, 1);
pub const MONTHS: u32 = 48;
const SEED: u64 = 2011;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One generated comment and the truth about it.
#[derive(Debug, Clone)]
pub struct HnPost {
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Which of Python, Java, PHP and SQL the text names.
    pub core: BTreeSet<&'static str>,
    /// The pay its first line states: yearly (min, max, currency; `$` in
    /// Canada is CAD).
    pub pay: Option<(f64, f64, &'static str)>,
}

/// The generated API responses (path with query, JSON) and the postings.
#[derive(Debug, Clone)]
pub struct HnDemo {
    pub files: Vec<(String, Vec<u8>)>,
    pub posts: Vec<HnPost>,
}

/// The skill curves of 2019–2022, leading into the board's.
fn probability(skill: &str, t: f64) -> f64 {
    match skill {
        "python" => 0.18 + 0.10 * t,
        "java" => 0.52 - 0.04 * t,
        "php" => 0.40 - 0.06 * t,
        "sql" => 0.36 + 0.02 * (t * 7.0).sin(),
        "go" => 0.04 + 0.04 * t,
        "ruby" => 0.14 - 0.04 * t,
        "postgresql" => 0.24 + 0.06 * t,
        "mysql" => 0.34 - 0.06 * t,
        "docker" => 0.25,
        "aws" => 0.32,
        "kubernetes" => 0.08 + 0.10 * t,
        "typescript" => 0.06 + 0.08 * t,
        _ => 0.0,
    }
}

/// HN's comment HTML: `/` as `&#x2F;`, `'` as `&#x27;`.
fn hn_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('/', "&#x2F;").replace('\'', "&#x27;")
}

/// What a comment says beyond its skills: pay on its first line (about one
/// in three, as "$140k–$180k"), a second, non-engineering job in its body,
/// and money that is not pay. From a generator of its own, so that the
/// skills stay as they were.
struct Extras {
    pay: Option<(f64, f64)>,
    also_hiring: Option<&'static str>,
    funding: bool,
}

fn extras(who: &mut fastrand::Rng) -> Extras {
    let pay = (who.u8(..3) == 0).then(|| {
        let lo = f64::from(who.u8(22..36)) * 5000.0;
        (lo, lo + f64::from(who.u8(4..10)) * 5000.0)
    });
    let also_hiring = (who.u8(..8) == 0).then(|| *pick(who, &["Product Designer", "Account Executive", "Recruiter"]));
    Extras { pay, also_hiring, funding: who.u8(..6) == 0 }
}

fn comment_text(
    rng: &mut fastrand::Rng,
    extra: &Extras,
    chosen: &BTreeSet<&str>,
) -> (String, BTreeSet<&'static str>, &'static str) {
    let mut core = BTreeSet::new();
    let company = *pick(rng, COMPANIES);
    let (city, _, country) = *pick(rng, LOCATIONS);
    let role = *pick(rng, TITLES);
    let mode = *pick(rng, &["REMOTE", "ONSITE", "Hybrid", "Remote (US)", "ONSITE, REMOTE"]);
    let sep = *pick(rng, &[" | ", " | ", " | ", " - ", " · "]);
    let place = format!("{city}, {country}");
    let mut fields = vec![company, role, &place, mode, "Full-time"];
    let pay = extra.pay.map(|(lo, hi)| format!("${:.0}k–${:.0}k", lo / 1000.0, hi / 1000.0));
    if let Some(p) = &pay {
        fields.push(p);
    }
    let head = fields.join(sep);
    let mut langs = Vec::new();
    for (skill, forms) in [
        ("python", &["Python", "Python 3", "python"][..]),
        ("java", &["Java", "Java 11", "Java/Kotlin"][..]),
        ("php", &["PHP", "PHP 7", "php"][..]),
    ] {
        if chosen.contains(skill) {
            core.insert(match skill {
                "python" => "python",
                "java" => "java",
                _ => "php",
            });
            langs.push(pick(rng, forms).to_string());
        }
    }
    for (skill, name) in [("go", "Go"), ("ruby", "Ruby")] {
        if chosen.contains(skill) {
            langs.push(name.to_string());
        }
    }
    if langs.is_empty() {
        langs.push("C#".into());
    }
    let mut html = hn_escape(&head);
    let _ = write!(
        html,
        "<p>{}",
        hn_escape(&format!(
            "We're a team of {} building {}. Our backend is {}.",
            rng.u8(5..90),
            pick(
                rng,
                &[
                    "logistics software",
                    "a payments API",
                    "tools for clinicians",
                    "a data platform",
                    "an online marketplace"
                ]
            ),
            langs.join(", ")
        ))
    );
    let mut stack: Vec<&str> = Vec::new();
    for (skill, name) in [
        ("postgresql", "PostgreSQL"),
        ("mysql", "MySQL"),
        ("docker", "Docker"),
        ("aws", "AWS"),
        ("kubernetes", "Kubernetes"),
        ("typescript", "TypeScript"),
    ] {
        if chosen.contains(skill) {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        let _ = write!(html, " We also use {}.", stack.join(", "));
    }
    if chosen.contains("sql") {
        core.insert("sql");
        let _ = write!(
            html,
            " {}",
            pick(rng, &["You write good SQL.", "Strong SQL is a must.", "SQL and data modelling matter here."])
        );
    }
    if rng.u8(..3) == 0 {
        html.push_str(" Our front end is JavaScript and React.");
    }
    if extra.funding {
        html.push_str(" We raised $20M in our Series B and serve 10k users.");
    }
    if let Some(job) = extra.also_hiring {
        let _ = write!(html, "<p>We are also hiring a {job}.");
    }
    let domain = slug(company);
    let _ = write!(
        html,
        "<p>Apply: <a href=\"https:&#x2F;&#x2F;{domain}.example&#x2F;jobs&#x2F;{}\" rel=\"nofollow\">https:&#x2F;&#x2F;{domain}.example&#x2F;jobs&#x2F;...</a> or email hiring@{domain}.example",
        slug(role)
    );
    (html, core, country)
}

/// Generates the HN part; `prefix` is where the server mounts it (`/hn`).
pub fn generate(prefix: &str) -> HnDemo {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut files = Vec::new();
    let mut posts = Vec::new();
    let mut hits = Vec::new();
    let mut next_id: u64 = 18_800_000;
    for m in 0..MONTHS {
        let idx = FIRST.0 * 12 + FIRST.1 as i32 - 1 + m as i32;
        let (year, month) = (idx / 12, (idx % 12) as u32 + 1);
        let t = f64::from(m) / f64::from(MONTHS - 1);
        let start =
            chrono::NaiveDate::from_ymd_opt(year, month, 1).and_then(|d| d.and_hms_opt(15, 0, 0)).unwrap_or_default();
        let story_id = next_id;
        next_id += 7;
        let created = start.format("%Y-%m-%dT%H:%M:%S.000Z").to_string();
        let title = format!("Ask HN: Who is hiring? ({} {year})", MONTH_NAMES[month as usize - 1]);
        for (id, t) in [
            (story_id, title.clone()),
            (story_id + 1, format!("Ask HN: Who wants to be hired? ({} {year})", MONTH_NAMES[month as usize - 1])),
        ] {
            hits.push(json!({"created_at": created, "title": t, "author": "whoishiring", "objectID": id.to_string(),
                             "created_at_i": start.and_utc().timestamp(), "num_comments": 0,
                             "_tags": ["story", "author_whoishiring", format!("story_{id}")]}));
        }
        let count = rng.usize(22..29);
        let mut children = Vec::new();
        for (i, chosen) in assign_with(&mut rng, count, t, probability).into_iter().enumerate() {
            let id = next_id;
            next_id += 3;
            let at = start + chrono::Duration::minutes(i as i64 * 37 + rng.i64(0..30));
            let at_s = at.format("%Y-%m-%dT%H:%M:%S.000Z").to_string();
            let mut who = fastrand::Rng::with_seed(SEED.wrapping_mul(1_000_003).wrapping_add(id));
            let extra = extras(&mut who);
            let (text, core, country) = comment_text(&mut rng, &extra, &chosen);
            let currency = if country == "CA" { "CAD" } else { "USD" };
            let reply = json!({"id": id + 1, "created_at": at_s, "type": "comment", "author": "curious", "parent_id": id,
                               "story_id": story_id, "text": "Is this open to people in Canada?", "children": []});
            children.push(
                json!({"id": id, "created_at": at_s, "created_at_i": at.and_utc().timestamp(), "type": "comment",
                                 "author": format!("hiring{}", rng.u16(..9999)), "text": text, "parent_id": story_id,
                                 "story_id": story_id, "children": if i % 5 == 0 { vec![reply] } else { vec![] }}),
            );
            posts.push(HnPost {
                id: id.to_string(),
                date: at.format("%Y-%m-%d").to_string(),
                core,
                pay: extra.pay.map(|(lo, hi)| (lo, hi, currency)),
            });
        }
        // A deleted comment, as the API shows it.
        children.push(json!({"id": next_id, "created_at": created, "type": "comment", "author": null, "text": null,
                             "parent_id": story_id, "story_id": story_id, "children": []}));
        next_id += 1;
        let item = json!({"id": story_id, "created_at": created, "type": "story", "author": "whoishiring", "title": title,
                          "text": "Please state the location and include REMOTE, INTERNS and&#x2F;or VISA when that sort of candidate is welcome.",
                          "points": 500, "parent_id": null, "story_id": story_id, "children": children});
        files.push((format!("{prefix}/items/{story_id}"), serde_json::to_vec(&item).unwrap_or_default()));
    }
    hits.reverse();
    let search = json!({"hits": hits, "nbHits": hits.len(), "page": 0, "nbPages": 1, "hitsPerPage": 1000});
    files.push((
        format!("{prefix}/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000"),
        serde_json::to_vec(&search).unwrap_or_default(),
    ));
    HnDemo { files, posts }
}
