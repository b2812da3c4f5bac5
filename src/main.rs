//! The `skilltrend` binary: everything lives in the library; see `cli`.

fn main() -> std::process::ExitCode {
    skilltrend::cli::main()
}
