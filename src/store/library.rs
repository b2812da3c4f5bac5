//! The query library (`queries/*.sql`) compiled into the binary, so that
//! `skilltrend query NAME` runs one from any directory and `query --list`
//! and `query --show` say what each is for and print it to copy.

/// One query of `queries/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    /// The file's name without `.sql`.
    pub name: &'static str,
    /// The file as shipped.
    pub sql: &'static str,
}

macro_rules! library {
    ($($name:literal),* $(,)?) => {
        &[$(BuiltIn { name: $name, sql: include_str!(concat!("../../queries/", $name, ".sql")) }),*]
    };
}

/// Every file of `queries/`, by name (a test checks none is missing).
pub const QUERIES: &[BuiltIn] = library!(
    "company_share",
    "cooccur",
    "cooccur_pairs",
    "coverage",
    "match_share",
    "new_vs_open",
    "pay_by_skill",
    "remote_share",
    "role_mix",
    "runs_per_source",
    "skill_cooccurrence",
    "skill_share",
    "skill_share_by_source",
    "top_companies",
    "top_skills",
    "workplace_share",
);

/// The built-in query called `name`.
pub fn find(name: &str) -> Option<&'static BuiltIn> {
    QUERIES.iter().find(|q| q.name == name)
}

impl BuiltIn {
    /// Its purpose: the first paragraph of the file's leading comment,
    /// without the "name.sql:" it opens with.
    pub fn purpose(&self) -> String {
        let lines = self.sql.lines().map_while(|l| l.strip_prefix("--")).map(str::trim);
        let paragraph: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
        let text = paragraph.join(" ");
        let prefix = format!("{}.sql:", self.name);
        text.strip_prefix(&prefix).unwrap_or(&text).trim().to_string()
    }

    /// The named parameters (`:name`) its SQL uses, in order of first use;
    /// comments and string literals are skipped.
    pub fn parameters(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for line in self.sql.lines() {
            let code = line.split("--").next().unwrap_or_default();
            let mut in_string = false;
            for (i, c) in code.char_indices() {
                if c == '\'' {
                    in_string = !in_string;
                } else if c == ':' && !in_string && !code[..i].ends_with(':') {
                    let name: String =
                        code[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if name.starts_with(|c: char| c.is_ascii_lowercase()) && !found.contains(&name) {
                        found.push(name);
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_and_parameters_are_read_from_the_files() {
        let top = find("top_companies").expect("top_companies is built in");
        assert_eq!(top.purpose(), "which companies post most for a skill?");
        assert!(top.parameters().contains(&"skill".to_string()), "{:?}", top.parameters());
        let share = find("skill_share").unwrap();
        assert!(share.parameters().contains(&"skills".to_string()), "{:?}", share.parameters());
        assert!(find("no_such_query").is_none());
        for q in QUERIES {
            assert!(!q.purpose().is_empty(), "{} has no purpose line", q.name);
            assert!(q.parameters().iter().all(|p| !p.is_empty() && !p.contains(':')), "{}", q.name);
        }
    }
}
