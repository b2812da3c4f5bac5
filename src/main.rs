//! The `skilltrend` binary: everything lives in the library; see `cli`.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    skilltrend::cli::main()
}
