//! Which postings a read command looks at: `--since`, `--until` and
//! `--source`, shared by `report`, `top` and `export`.

use crate::report::{UserDate, parse_user_date};

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
