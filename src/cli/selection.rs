//! Which postings a read command looks at: `--since`, `--until`,
//! `--source`, and the population flags `--role`, `--seniority` and
//! `--remote`, shared by `report`, `top`, `export`, `search`, `roles` and
//! `pay`.

use crate::extract::roles::{Level, Role};
use crate::report::{UserDate, parse_user_date};
use crate::store::population::Population;

/// The postings a command reads.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct Selection {
    /// First month or day (YYYY-MM or YYYY-MM-DD, or YYYY).
    #[arg(long, value_parser = parse_user_date)]
    pub since: Option<UserDate>,

    /// Last month or day (YYYY-MM or YYYY-MM-DD, or YYYY), included.
    #[arg(long, value_parser = parse_user_date)]
    pub until: Option<UserDate>,

    /// Only postings of this source (repeatable).
    #[arg(long = "source", value_name = "NAME")]
    pub sources: Vec<String>,

    #[command(flatten)]
    pub population: PopulationArgs,
}

/// `--role`, `--seniority` and `--remote`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct PopulationArgs {
    /// Only postings with any of these roles, comma-separated: backend,
    /// fullstack, frontend, mobile, data, ml, devops, security, embedded, qa,
    /// software, management, other ("backend,fullstack" = back-end postings).
    #[arg(long = "role", value_name = "ROLES", value_delimiter = ',', value_parser = parse_role)]
    pub roles: Vec<Role>,

    /// Only postings whose title names any of these levels: intern, junior,
    /// mid, senior, staff, lead, manager.
    #[arg(long = "seniority", value_name = "LEVELS", value_delimiter = ',', value_parser = parse_level)]
    pub levels: Vec<Level>,

    /// Only remote (yes) or only on-site (no) postings; postings that do
    /// not say are in neither.
    #[arg(long, value_enum)]
    pub remote: Option<YesNo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum YesNo {
    Yes,
    No,
}

impl PopulationArgs {
    /// The population these flags select (each id once).
    pub fn population(&self) -> Population {
        let mut roles = self.roles.clone();
        roles.sort();
        roles.dedup();
        let mut levels = self.levels.clone();
        levels.sort();
        levels.dedup();
        Population { roles, levels, remote: self.remote.map(|r| r == YesNo::Yes), unique_jobs: false }
    }
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.trim().to_lowercase().parse().map_err(|_| {
        let ids: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown role '{s}'; the roles are {}", ids.join(", "))
    })
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.trim().to_lowercase().parse().map_err(|_| {
        let ids: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
        format!("unknown seniority level '{s}'; the levels are {}", ids.join(", "))
    })
}

impl Selection {
    /// The first day selected, `YYYY-MM-DD`.
    pub fn since_day(&self) -> Option<String> {
        self.since.map(|d| d.first.to_string())
    }

    /// The last day selected, `YYYY-MM-DD`.
    pub fn until_day(&self) -> Option<String> {
        self.until.map(|d| d.last.to_string())
    }
}

impl Selection {
    /// The `--source` names (None: every source), each checked against the
    /// sources the database holds: an unknown one is an input error naming
    /// the known ones.
    pub fn checked_sources(&self, store: &crate::store::Store) -> anyhow::Result<Option<Vec<String>>> {
        if self.sources.is_empty() {
            return Ok(None);
        }
        let known = store.source_names()?;
        if let Some(bad) = self.sources.iter().find(|s| !known.contains(s)) {
            let list = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
            return Err(crate::InputError(format!("unknown source {bad} (known: {list})")).into());
        }
        Ok(Some(self.sources.clone()))
    }
}

/// `--unique-jobs`, for the commands that count postings.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub(crate) struct UniqueJobsArg {
    /// Count each job once, in the period of its first posting: postings of
    /// one job on several sources, and its re-posts, are linked to one job.
    #[arg(long)]
    pub unique_jobs: bool,
}

impl UniqueJobsArg {
    /// `population`, counting jobs when the flag is given.
    pub fn apply(self, population: Population) -> Population {
        Population { unique_jobs: self.unique_jobs, ..population }
    }
}
