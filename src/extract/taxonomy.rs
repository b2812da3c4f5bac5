//! The skill taxonomy: which skills exist, their surface forms and the
//! context rules for ambiguous ones. Loaded from TOML and validated.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use anyhow::{Result, bail};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The taxonomy shipped inside the binary.
pub const BUILTIN_TAXONOMY: &str = include_str!("skills.toml");

/// Skill categories, used by `skills --category` and `top --category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Language,
    Database,
    Framework,
    Cloud,
    Tool,
    /// A practice or field named by its own words (security, REST, ML).
    Concept,
}

impl Category {
    /// The lower-case name used in the taxonomy and in SQLite.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Language => "language",
            Category::Database => "database",
            Category::Framework => "framework",
            Category::Cloud => "cloud",
            Category::Tool => "tool",
            Category::Concept => "concept",
        }
    }

    /// Every category, in display order.
    pub const ALL: [Category; 6] = [
        Category::Language,
        Category::Database,
        Category::Framework,
        Category::Cloud,
        Category::Tool,
        Category::Concept,
    ];
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Category::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| {
            format!("unknown category '{s}' (expected one of: language, database, framework, cloud, tool, concept)")
        })
    }
}

/// A context that can accept an ambiguous form ("Go", "R").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptContext {
    /// A cue word ("developer", "experience") within the window.
    Cue,
    /// A list neighbour that is an accepted skill ("Python, R").
    List,
    /// A closing preposition frame ("in Go.").
    Prep,
    /// Alone on a bullet line next to lines that start with a skill.
    Bullet,
}

/// One skill of the taxonomy.
#[derive(Debug, Clone)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub category: Category,
    /// Case-insensitive aliases.
    pub aliases: Vec<String>,
    /// Exact-case aliases that need no context.
    pub aliases_cs: Vec<String>,
    /// Exact-case forms that need context.
    pub ambiguous: Vec<String>,
    /// Contexts that accept this skill's ambiguous forms.
    pub accept: Vec<AcceptContext>,
    /// Cue words of this skill alone (lower case), beside the shared ones.
    pub cues: HashSet<String>,
    /// Whether the shared cue words accept this skill's ambiguous forms too.
    pub shared_cues: bool,
    /// Whether the vetoes apply to the ambiguous forms alone (a concept's
    /// own phrases, "distributed systems team", are never vetoed).
    pub veto_ambiguous_only: bool,
    /// Token sequences (lower case) that veto a match when they follow it.
    pub not_before: Vec<Vec<String>>,
    /// Token sequences (lower case) that veto a match when they precede it.
    pub not_after: Vec<Vec<String>>,
    pub version_suffix: bool,
    /// Skills whose written name inside an alias of this one counts too.
    pub also: Vec<String>,
    /// Roll-up edges (direct only; see [`Taxonomy::implied_closure`]).
    pub implies: Vec<String>,
}

/// Settings of the ambiguity rules.
#[derive(Debug, Clone)]
pub struct AmbiguityRules {
    pub window: usize,
    pub cues: HashSet<String>,
    pub prep_cues: HashSet<String>,
    pub list_separators: HashSet<String>,
}

/// A validated taxonomy.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub skills: Vec<Skill>,
    pub rules: AmbiguityRules,
    /// SHA-256 of the TOML text, recorded in the database with its rows.
    pub hash: String,
    /// Named lists of ids (`--skills @backend-core`), sorted by name.
    pub presets: Vec<(String, Vec<String>)>,
    index: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    schema: u32,
    ambiguity: RawRules,
    #[serde(default)]
    presets: toml::Table,
    skill: Vec<RawSkill>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    window: usize,
    cues: Vec<String>,
    prep_cues: Vec<String>,
    list_separators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: String,
    name: String,
    category: Category,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    aliases_cs: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
    #[serde(default)]
    accept: Option<Vec<AcceptContext>>,
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default = "yes")]
    shared_cues: bool,
    #[serde(default)]
    veto_ambiguous_only: bool,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    version_suffix: bool,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    implies: Vec<String>,
}

impl Taxonomy {
    /// The taxonomy compiled into the binary.
    pub fn builtin() -> Taxonomy {
        // The built-in file is validated by a unit test, so this cannot fail
        // in a released binary.
        Taxonomy::parse(BUILTIN_TAXONOMY).expect("the built-in taxonomy is valid")
    }

    /// Parses and validates taxonomy TOML.
    pub fn parse(text: &str) -> Result<Taxonomy> {
        let raw: RawTaxonomy = toml::from_str(text)?;
        if raw.schema != 1 {
            bail!("unsupported taxonomy schema {} (expected 1)", raw.schema);
        }
        let mut skills = Vec::with_capacity(raw.skill.len());
        let mut index = HashMap::new();
        for (n, s) in raw.skill.into_iter().enumerate() {
            let id = s.id.trim().to_string();
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                bail!("skill #{}: id '{}' must be lower-case letters, digits or _", n + 1, s.id);
            }
            if index.insert(id.clone(), n).is_some() {
                bail!("skill '{id}': id is used twice");
            }
            if s.name.trim().is_empty() {
                bail!("skill '{id}': field 'name' is empty");
            }
            for (field, list) in [("aliases", &s.aliases), ("aliases_cs", &s.aliases_cs), ("ambiguous", &s.ambiguous)] {
                for a in list {
                    if super::tokenize::alias_tokens(a).is_empty() {
                        bail!("skill '{id}': field '{field}' has an alias with no letters or digits: {a:?}");
                    }
                }
            }
            let accept = s.accept.unwrap_or_else(|| {
                let mut all = vec![AcceptContext::Cue, AcceptContext::List, AcceptContext::Bullet];
                if s.category == Category::Language {
                    all.push(AcceptContext::Prep);
                }
                all
            });
            skills.push(Skill {
                id,
                name: s.name,
                category: s.category,
                aliases: s.aliases.iter().map(|a| a.to_lowercase()).collect(),
                aliases_cs: s.aliases_cs,
                ambiguous: s.ambiguous,
                accept,
                cues: s.cues.iter().map(|c| c.to_lowercase()).collect(),
                shared_cues: s.shared_cues,
                veto_ambiguous_only: s.veto_ambiguous_only,
                not_before: s.not_before.iter().map(|v| veto_tokens(v)).collect(),
                not_after: s.not_after.iter().map(|v| veto_tokens(v)).collect(),
                version_suffix: s.version_suffix,
                also: s.also,
                implies: s.implies,
            });
        }
        for s in &skills {
            for (field, targets) in [("implies", &s.implies), ("also", &s.also)] {
                for t in targets.iter().map(|t| also_target(t).0) {
                    if !index.contains_key(t) {
                        bail!("skill '{}': field '{field}' names unknown skill '{t}'", s.id);
                    }
                    if t == s.id {
                        bail!("skill '{}': field '{field}' names the skill itself", s.id);
                    }
                }
            }
        }
        check_forms(&skills)?;
        check_alias_conflicts(&skills)?;
        let rules = AmbiguityRules {
            window: raw.ambiguity.window,
            cues: raw.ambiguity.cues.iter().map(|c| c.to_lowercase()).collect(),
            prep_cues: raw.ambiguity.prep_cues.iter().map(|c| c.to_lowercase()).collect(),
            list_separators: raw.ambiguity.list_separators.iter().map(|c| c.to_lowercase()).collect(),
        };
        let hash = hex(&Sha256::digest(text.as_bytes()));
        let presets = parse_presets(raw.presets, &index)?;
        Ok(Taxonomy { skills, rules, hash, presets, index })
    }

    /// The position of a skill id, if it exists.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The skill with this id, if it exists.
    pub fn get(&self, id: &str) -> Option<&Skill> {
        self.position(id).map(|i| &self.skills[i])
    }

    /// Every skill reachable from `ids` through `implies` edges, excluding
    /// `ids` themselves, sorted.
    pub fn implied_closure<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let start: BTreeSet<&str> = ids.into_iter().collect();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut stack: Vec<&str> = start.iter().copied().collect();
        while let Some(id) = stack.pop() {
            if let Some(skill) = self.get(id) {
                for t in &skill.implies {
                    if seen.insert(t.clone()) {
                        stack.push(t);
                    }
                }
            }
        }
        seen.into_iter().filter(|id| !start.contains(id.as_str())).collect()
    }

    /// The skill a user names on the command line: by id, display name or
    /// any alias, in any case ("c#", "golang", "Ruby on Rails").
    pub fn lookup(&self, name: &str) -> Option<&Skill> {
        let wanted = name.trim().to_lowercase();
        if let Some(s) = self.get(&wanted) {
            return Some(s);
        }
        let key = super::tokenize::alias_key(&wanted);
        let written = |s: &&Skill| {
            s.name.to_lowercase() == wanted
                || s.aliases.iter().chain(&s.aliases_cs).chain(&s.ambiguous).any(|a| {
                    a.to_lowercase() == wanted || (!key.trim().is_empty() && super::tokenize::alias_key(a) == key)
                })
        };
        self.skills.iter().find(written)
    }

    /// The ids of a preset (`backend-core`, without the `@`).
    pub fn preset(&self, name: &str) -> Option<&[String]> {
        self.presets.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, ids)| ids.as_slice())
    }

    /// The ids closest in spelling to `unknown`, for "did you mean" messages.
    pub fn closest_ids(&self, unknown: &str, n: usize) -> Vec<&str> {
        let unknown = unknown.to_lowercase();
        let mut scored: Vec<(usize, &str)> = self
            .skills
            .iter()
            .map(|s| {
                let by_id = edit_distance(&unknown, &s.id);
                let by_name = edit_distance(&unknown, &s.name.to_lowercase());
                let by_alias = s.aliases.iter().map(|a| edit_distance(&unknown, a)).min().unwrap_or(usize::MAX);
                (by_id.min(by_name).min(by_alias), s.id.as_str())
            })
            .collect();
        scored.sort();
        scored.into_iter().take(n).map(|(_, id)| id).collect()
    }
}

/// An `also` entry: a skill id, or `id:alias` for one alias of this skill
/// that names that skill without its written name (`kubernetes:eks`).
pub(crate) fn also_target(entry: &str) -> (&str, Option<&str>) {
    match entry.split_once(':') {
        Some((id, alias)) => (id, Some(alias)),
        None => (entry, None),
    }
}

fn yes() -> bool {
    true
}

/// Tokens of a veto entry, lower-cased; "#year" stays a marker.
fn veto_tokens(v: &str) -> Vec<String> {
    v.split_whitespace()
        .flat_map(|part| {
            if part == "#year" {
                vec!["#year".to_string()]
            } else {
                super::tokenize::tokenize(part).iter().map(|t| t.text(part).to_lowercase()).collect()
            }
        })
        .collect()
}

/// The `[presets]` table: each a list of known skill ids.
fn parse_presets(table: toml::Table, index: &HashMap<String, usize>) -> Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for (name, value) in table {
        let Some(list) = value.as_array() else { bail!("preset '{name}': must be a list of skill ids") };
        let mut ids = Vec::new();
        for v in list {
            let Some(id) = v.as_str() else { bail!("preset '{name}': must be a list of skill ids") };
            if !index.contains_key(id) {
                bail!("preset '{name}': names unknown skill '{id}'");
            }
            ids.push(id.to_string());
        }
        out.push((name, ids));
    }
    Ok(out)
}

/// Every skill has a written form, unless it is only a roll-up that
/// another skill implies (`html_css`).
fn check_forms(skills: &[Skill]) -> Result<()> {
    for s in skills {
        let rollup = skills.iter().any(|o| o.implies.contains(&s.id));
        if s.aliases.is_empty() && s.aliases_cs.is_empty() && s.ambiguous.is_empty() && !rollup {
            bail!("skill '{}': needs at least one of 'aliases', 'aliases_cs', 'ambiguous'", s.id);
        }
    }
    Ok(())
}

fn check_alias_conflicts(skills: &[Skill]) -> Result<()> {
    let mut insensitive: HashMap<String, &str> = HashMap::new();
    let mut exact: HashMap<String, &str> = HashMap::new();
    for s in skills {
        for a in &s.aliases {
            let key = super::tokenize::alias_key(a);
            if let Some(other) = insensitive.insert(key.clone(), &s.id)
                && other != s.id
            {
                bail!("skill '{}': alias '{a}' is also claimed by skill '{other}'", s.id);
            }
        }
    }
    for s in skills {
        for a in s.aliases_cs.iter().chain(&s.ambiguous) {
            let key = super::tokenize::alias_key(a);
            if let Some(owner) = insensitive.get(&key)
                && *owner != s.id
            {
                bail!("skill '{}': exact-case form '{a}' is also an alias of skill '{owner}'", s.id);
            }
            if let Some(other) = exact.insert(a.clone(), &s.id)
                && other != s.id
            {
                bail!("skill '{}': form '{a}' is also claimed by skill '{other}'", s.id);
            }
        }
    }
    Ok(())
}

/// Lower-case hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Levenshtein distance, for suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_taxonomy_is_valid_and_large_enough() {
        let t = Taxonomy::parse(BUILTIN_TAXONOMY).unwrap();
        assert!(t.skills.len() >= 120, "{} skills", t.skills.len());
        for id in ["python", "java", "php", "sql", "go", "javascript", "c", "cpp", "csharp", "r"] {
            assert!(t.get(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn implied_closure_is_transitive_and_excludes_direct() {
        let t = Taxonomy::builtin();
        // nextjs -> react -> javascript
        assert_eq!(t.implied_closure(["nextjs"]), vec!["javascript", "react"]);
        assert_eq!(t.implied_closure(["mysql", "sql"]), Vec::<String>::new());
    }

    fn minimal(skills: &str) -> String {
        format!("schema = 1\n[ambiguity]\nwindow = 3\ncues = []\nprep_cues = []\nlist_separators = []\n{skills}")
    }

    #[test]
    fn broken_taxonomies_name_the_skill_and_field() {
        let dup = minimal(
            "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"tool\"\naliases = [\"x\"]\n\
             [[skill]]\nid = \"b\"\nname = \"B\"\ncategory = \"tool\"\naliases = [\"X\"]\n",
        );
        let err = Taxonomy::parse(&dup).unwrap_err().to_string();
        assert!(err.contains("skill 'b'") && err.contains("'x'") && err.contains("'a'"), "{err}");

        let bad_implies = minimal(
            "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"tool\"\naliases = [\"x\"]\nimplies = [\"nope\"]\n",
        );
        let err = Taxonomy::parse(&bad_implies).unwrap_err().to_string();
        assert!(err.contains("skill 'a'") && err.contains("implies") && err.contains("nope"), "{err}");

        let same_id = minimal(
            "[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"tool\"\naliases = [\"x\"]\n\
             [[skill]]\nid = \"a\"\nname = \"B\"\ncategory = \"tool\"\naliases = [\"y\"]\n",
        );
        assert!(Taxonomy::parse(&same_id).unwrap_err().to_string().contains("used twice"));

        let unknown_field = minimal("[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"tool\"\nalias = [\"x\"]\n");
        let err = format!("{:#}", Taxonomy::parse(&unknown_field).unwrap_err());
        assert!(err.contains("alias"), "{err}");
    }

    #[test]
    fn lookup_takes_ids_names_and_aliases_in_any_case() {
        let t = Taxonomy::builtin();
        let id = |name: &str| t.lookup(name).map(|s| s.id.as_str());
        assert_eq!(id("c#"), Some("csharp"));
        assert_eq!(id("C#"), Some("csharp"));
        assert_eq!(id("golang"), Some("go"));
        assert_eq!(id("Go"), Some("go"));
        assert_eq!(id("Ruby on Rails"), Some("rails"));
        assert_eq!(id("ror"), Some("rails"));
        assert_eq!(id(" React Native "), Some("react_native"));
        assert_eq!(id("node"), Some("nodejs"));
        assert_eq!(id("k8s"), Some("kubernetes"));
        assert_eq!(id("HTML/CSS"), Some("html_css"));
        assert_eq!(id("cobolt"), None);
        assert_eq!(id(""), None);
    }

    #[test]
    fn presets_name_known_ids() {
        let t = Taxonomy::builtin();
        let backend: Vec<&str> = t.preset("backend-core").unwrap().iter().map(String::as_str).collect();
        assert_eq!(backend, ["python", "java", "php", "javascript", "html", "css", "rest", "sql", "mysql", "security"]);
        let names: Vec<&str> = t.presets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["backend-core", "cloud", "databases", "languages"]);
        let bad = minimal(
            "[presets]\nx = [\"nope\"]\n[[skill]]\nid = \"a\"\nname = \"A\"\ncategory = \"tool\"\naliases = [\"x\"]\n",
        );
        let err = Taxonomy::parse(&bad).unwrap_err().to_string();
        assert!(err.contains("preset 'x'") && err.contains("nope"), "{err}");
    }

    #[test]
    fn closest_ids_suggests_near_spellings() {
        let t = Taxonomy::builtin();
        assert_eq!(t.closest_ids("pyhton", 1), vec!["python"]);
        assert!(t.closest_ids("postgres", 3).contains(&"postgresql"));
    }
}
