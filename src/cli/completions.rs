//! `skilltrend completions SHELL`: the shell's completion script, on stdout.

use std::process::ExitCode;

use anyhow::Result;

use super::write_stdout;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The shell to complete in (e.g. `skilltrend completions bash > ~/.local/share/bash-completion/completions/skilltrend`).
    shell: clap_complete::Shell,
}

pub(super) fn run(args: Args) -> Result<ExitCode> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "skilltrend", &mut script);
    write_stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}
