//! The baseline: keywords of the title (or of a comment's first line),
//! with no context rules — what a simple script would do. Kept to show in
//! the accuracy table what the rules buy.

use super::{Level, Role, RoleScan};

/// Keywords and the role each names, the first match in this order wins
/// for a word.
const ROLE_WORDS: &[(&str, Role)] = &[
    ("full stack", Role::Fullstack),
    ("full-stack", Role::Fullstack),
    ("fullstack", Role::Fullstack),
    ("backend", Role::Backend),
    ("back-end", Role::Backend),
    ("back end", Role::Backend),
    ("frontend", Role::Frontend),
    ("front-end", Role::Frontend),
    ("front end", Role::Frontend),
    ("ios", Role::Mobile),
    ("android", Role::Mobile),
    ("mobile", Role::Mobile),
    ("data scientist", Role::Ml),
    ("machine learning", Role::Ml),
    ("ml", Role::Ml),
    ("ai", Role::Ml),
    ("data", Role::Data),
    ("analyst", Role::Data),
    ("devops", Role::Devops),
    ("sre", Role::Devops),
    ("site reliability", Role::Devops),
    ("infrastructure", Role::Devops),
    ("platform", Role::Devops),
    ("cloud", Role::Devops),
    ("security", Role::Security),
    ("embedded", Role::Embedded),
    ("firmware", Role::Embedded),
    ("qa", Role::Qa),
    ("test", Role::Qa),
    ("sdet", Role::Qa),
    ("manager", Role::Management),
    ("director", Role::Management),
    ("head of", Role::Management),
    ("vp", Role::Management),
    ("cto", Role::Management),
];

const LEVEL_WORDS: &[(&str, Level)] = &[
    ("intern", Level::Intern),
    ("junior", Level::Junior),
    ("jr", Level::Junior),
    ("entry-level", Level::Junior),
    ("graduate", Level::Junior),
    ("associate", Level::Junior),
    ("mid-level", Level::Mid),
    ("senior", Level::Senior),
    ("sr", Level::Senior),
    ("staff", Level::Staff),
    ("principal", Level::Staff),
    ("distinguished", Level::Staff),
    ("architect", Level::Staff),
    ("lead", Level::Lead),
    ("manager", Level::Manager),
    ("director", Level::Manager),
    ("head", Level::Manager),
    ("vp", Level::Manager),
    ("cto", Level::Manager),
];

const ENGINEER_WORDS: &[&str] = &["engineer", "developer", "programmer", "engineers", "developers"];

/// The baseline's roles and levels: keywords of the title (or first line).
pub fn naive_roles(title: Option<&str>, text: &str) -> RoleScan {
    let line = title.unwrap_or_else(|| text.lines().next().unwrap_or(""));
    let lower = format!(" {} ", line.to_lowercase());
    let has = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    };
    let mut scan = RoleScan::default();
    for (w, r) in ROLE_WORDS {
        if has(w) {
            scan.roles.insert(*r);
        }
    }
    if scan.roles.is_empty() {
        let engineer = ENGINEER_WORDS.iter().any(|w| has(w));
        scan.roles.insert(if engineer { Role::Software } else { Role::Other });
    }
    for (w, l) in LEVEL_WORDS {
        if has(w) {
            scan.levels.insert(*l);
        }
    }
    scan
}
