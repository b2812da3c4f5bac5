//! Which postings a report counts beyond the period and the sources: their
//! roles, seniority levels and remote flag (migration 0006). Bound to the
//! `:roles`, `:levels` and `:remote` parameters of the `queries/` files.

use crate::extract::roles::{Level, Role};

/// The postings counted: those with any of `roles` (empty: any), any of
/// `levels` (empty: any) and, when set, that remote flag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Population {
    pub roles: Vec<Role>,
    pub levels: Vec<Level>,
    pub remote: Option<bool>,
    /// Count each job once, by its first posting (`--unique-jobs`).
    pub unique_jobs: bool,
}

impl Population {
    /// The contract's back-end population: roles backend or fullstack.
    pub fn backend() -> Population {
        Population { roles: vec![Role::Backend, Role::Fullstack], ..Population::default() }
    }

    /// Whether every posting counts.
    pub fn is_everyone(&self) -> bool {
        self.roles.is_empty() && self.levels.is_empty() && self.remote.is_none() && !self.unique_jobs
    }

    /// `:unique_jobs`: 1 (each job once, by its first posting), or NULL.
    pub fn unique_jobs_param(&self) -> Option<i64> {
        self.unique_jobs.then_some(1)
    }

    /// `:roles`: a JSON array of role ids, or NULL for any.
    pub fn roles_param(&self) -> Option<String> {
        (!self.roles.is_empty()).then(|| json_ids(self.roles.iter().map(|r| r.as_str())))
    }

    /// `:levels`: a JSON array of level ids, or NULL for any.
    pub fn levels_param(&self) -> Option<String> {
        (!self.levels.is_empty()).then(|| json_ids(self.levels.iter().map(|l| l.as_str())))
    }

    /// `:remote`: 1, 0, or NULL for any.
    pub fn remote_param(&self) -> Option<i64> {
        self.remote.map(i64::from)
    }

    /// What the population is, for a chart or a table: "back-end postings
    /// (roles backend, fullstack)", "all postings", "senior remote
    /// postings with role data"…
    pub fn describe(&self) -> String {
        let noun = if self.unique_jobs { "unique jobs" } else { "postings" };
        if self.roles.is_empty() && self.levels.is_empty() && self.remote.is_none() {
            return format!("all {noun}");
        }
        let roles: Vec<&str> = self.roles.iter().map(|r| r.as_str()).collect();
        let backend = {
            let mut r = roles.clone();
            r.sort_unstable();
            r == ["backend", "fullstack"]
        };
        let mut words = Vec::new();
        if let Some(r) = self.remote {
            words.push(if r { "remote" } else { "on-site" }.to_string());
        }
        if !self.levels.is_empty() {
            let levels: Vec<&str> = self.levels.iter().map(|l| l.as_str()).collect();
            words.push(levels.join("/"));
        }
        if backend {
            words.push("back-end".into());
        }
        let mut s = format!("{} {noun}", words.join(" ")).trim_start().to_string();
        if !roles.is_empty() {
            let kind = if roles.len() == 1 { "role" } else { "roles" };
            s.push_str(&format!(" ({kind} {})", roles.join(", ")));
        }
        s
    }
}

fn json_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&ids.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_say_what_they_are() {
        assert_eq!(Population::default().describe(), "all postings");
        assert_eq!(Population::backend().describe(), "back-end postings (roles backend, fullstack)");
        let senior_remote = Population { levels: vec![Level::Senior], remote: Some(true), ..Population::backend() };
        assert_eq!(senior_remote.describe(), "remote senior back-end postings (roles backend, fullstack)");
        let data = Population { roles: vec![Role::Data], ..Population::default() };
        assert_eq!(data.describe(), "postings (role data)");
        assert_eq!(data.roles_param().as_deref(), Some(r#"["data"]"#));
        assert_eq!(Population::default().roles_param(), None);
        let unique = Population { unique_jobs: true, ..Population::backend() };
        assert_eq!(unique.describe(), "back-end unique jobs (roles backend, fullstack)");
        assert_eq!(Population { unique_jobs: true, ..Population::default() }.describe(), "all unique jobs");
        assert_eq!(unique.unique_jobs_param(), Some(1));
    }
}
