//! The command line: one file per subcommand, each with a `run()`. Exit
//! codes: 0 success, 1 work failed, 2 invalid input, 130 interrupted; a
//! closed stdout (`| head`) is success.

mod completions;
mod cooccur;
mod crawl;
mod demo;
mod discover;
mod explain;
mod export;
mod extract;
mod man;
mod output;
mod pay;
mod query;
mod reextract;
mod report;
mod roles;
mod runs;
mod search;
mod selection;
mod site;
mod skills;
mod sources;
mod top;

use std::io::{IsTerminal, Write};

pub(crate) use output::write_stdout;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::InputError;
use crate::config::ConfigError;
use crate::extract::{Extractor, Taxonomy};

/// Crawl back-end job postings, extract the skills they mention into
/// SQLite, and chart demand over time.
#[derive(Debug, Parser)]
#[command(name = "skilltrend", version, about, max_term_width = 100)]
pub struct Cli {
    /// The SQLite database to use.
    #[arg(long, global = true, env = "SKILLTREND_DB", default_value = "skilltrend.db")]
    db: PathBuf,

    /// A taxonomy file to use instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    taxonomy: Option<PathBuf>,

    /// More logging (-v: a line per request, -vv: debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,

    /// Only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Crawl the sources of a config file into the database.
    Crawl(crawl::Args),
    /// Chart or tabulate the share of postings that mention each skill.
    Report(report::Args),
    /// Run the whole pipeline offline on the bundled demo job board.
    Demo(demo::Args),
    /// Find which job board (applicant-tracking system) a careers page uses.
    Discover(discover::Args),
    /// Show recent crawl runs.
    Runs(runs::Args),
    /// List the configured sources with their postings and last run.
    Sources(sources::Args),
    /// The skills a text mentions, as JSON (one document, or --jsonl).
    Extract(extract::Args),
    /// A stored posting with every mention marked, and what was rejected.
    Explain(explain::Args),
    /// Recompute every posting's skills (current taxonomy), roles, seniority and pay.
    Reextract(reextract::Args),
    /// List the taxonomy's skills.
    Skills(skills::Args),
    /// The skills most in demand in a period, and their change.
    Top(top::Args),
    /// Full-text search over postings.
    Search(search::Args),
    /// Run SQL (a file or text) on a read-only connection.
    Query(query::Args),
    /// Write postings with their skills as CSV or JSON lines.
    Export(export::Args),
    /// What postings that ask for each skill pay: medians with 95% intervals.
    Pay(pay::Args),
    /// The role mix over time: the share of postings in each role.
    Roles(roles::Args),
    /// The skills that postings mentioning a skill also mention, with lift.
    Cooccur(cooccur::Args),
    /// Write one self-contained HTML page: trend, top, co-occurrence, coverage, method.
    Site(site::Args),
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff: `skilltrend man | man -l -`).
    Man(man::Args),
}

/// Global settings every subcommand can use.
pub(crate) struct Globals {
    pub db: PathBuf,
    /// Whether `--db` was given on the command line.
    pub db_given: bool,
    pub taxonomy: Option<PathBuf>,
    pub quiet: bool,
    pub verbose: u8,
}

impl Globals {
    /// The extractor for the chosen taxonomy.
    pub fn extractor(&self) -> Result<Arc<Extractor>> {
        let taxonomy = match &self.taxonomy {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| InputError(format!("cannot read taxonomy {}: {e}", path.display())))?;
                Taxonomy::parse(&text).map_err(|e| InputError(format!("invalid taxonomy {}: {e:#}", path.display())))?
            }
            None => Taxonomy::builtin(),
        };
        Ok(Arc::new(Extractor::new(Arc::new(taxonomy))?))
    }

    /// Opens the database read-only, once per command; an older database
    /// is brought up to date first, and stderr says so.
    pub fn open_read_only(&self) -> Result<crate::store::Store> {
        crate::store::Store::open_read_only(&self.db)
    }

    /// Whether to draw progress bars: stderr is a terminal and not -q/-v.
    pub fn progress(&self) -> bool {
        !self.quiet && self.verbose == 0 && std::io::stderr().is_terminal()
    }
}

/// Parses the command line, runs the command, and returns its exit code.
pub fn main() -> ExitCode {
    let parsed = <Cli as clap::CommandFactory>::command()
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    init_logging(cli.verbose, cli.quiet);
    let db_given = matches.value_source("db") == Some(clap::parser::ValueSource::CommandLine);
    let globals = Globals { db: cli.db, db_given, taxonomy: cli.taxonomy, quiet: cli.quiet, verbose: cli.verbose };
    let result = match cli.command {
        Command::Crawl(args) => crawl::run(&globals, args),
        Command::Report(args) => report::run(&globals, args),
        Command::Demo(args) => demo::run(&globals, args),
        Command::Discover(args) => discover::run(&globals, args),
        Command::Runs(args) => runs::run(&globals, args),
        Command::Sources(args) => sources::run(&globals, args),
        Command::Extract(args) => extract::run(&globals, args),
        Command::Explain(args) => explain::run(&globals, args),
        Command::Reextract(args) => reextract::run(&globals, args),
        Command::Skills(args) => skills::run(&globals, args),
        Command::Top(args) => top::run(&globals, args),
        Command::Search(args) => search::run(&globals, args),
        Command::Query(args) => query::run(&globals, args),
        Command::Export(args) => export::run(&globals, args),
        Command::Pay(args) => pay::run(&globals, args),
        Command::Roles(args) => roles::run(&globals, args),
        Command::Cooccur(args) => cooccur::run(&globals, args),
        Command::Site(args) => site::run(&globals, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => exit_for_error(&e),
    }
}

/// Prints an error and picks the exit code it deserves.
fn exit_for_error(e: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(e) {
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(std::io::stderr(), "error: {e:#}");
    let invalid_input = e.chain().any(|c| c.is::<InputError>() || c.is::<ConfigError>());
    ExitCode::from(if invalid_input { 2 } else { 1 })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = std::env::var("SKILLTREND_LOG").unwrap_or_else(|_| format!("warn,skilltrend={level}"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .without_time()
        .try_init();
}

/// A multi-threaded tokio runtime for the commands that crawl.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    // Parsing and extraction run on the blocking pool; they are CPU-bound,
    // so more threads than cores only cost memory.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("skilltrend")
        .max_blocking_threads(cores)
        .build()?)
}

/// A token cancelled on the first Ctrl-C or SIGTERM; a second one exits at
/// once with code 130.
pub(crate) fn interrupt_token() -> CancellationToken {
    let token = CancellationToken::new();
    let t = token.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::warn!("interrupted: finishing what is in flight (press Ctrl-C again to stop at once)");
        t.cancel();
        wait_for_signal().await;
        std::process::exit(130);
    });
    token
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
