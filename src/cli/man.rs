//! `skilltrend man`: the manual page (roff), on stdout.

use std::process::ExitCode;

use anyhow::Result;

use super::write_stdout;

#[derive(Debug, clap::Args)]
pub(super) struct Args {}

pub(super) fn run(_args: Args) -> Result<ExitCode> {
    let command = <super::Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    write_stdout(&page)?;
    Ok(ExitCode::SUCCESS)
}
