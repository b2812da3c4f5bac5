//! Where a command's output goes: the format (from `--format`, else from
//! `--out`'s extension, else a table), a refusal to draw an image on a
//! terminal, and the write to a file or to standard output. Shared by every
//! command that draws or tabulates.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::InputError;
use crate::report::Format;

/// `--out` and `--format`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct OutputArgs {
    /// Write to this file (format from its extension).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Output format (default: from --out, else table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// `--width` and `--height` of a chart.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct ChartSize {
    /// Chart width in pixels.
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(300..=8000))]
    pub width: u32,

    /// Chart height in pixels.
    #[arg(long, default_value_t = 700, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: u32,

    /// Pixels per chart pixel in a PNG: 2 or 3 for print (the same layout,
    /// sharper). SVG and PDF are vector and need none.
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f64,
}

/// `--scale`: a number from 1 to 4.
fn parse_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (1.0..=4.0).contains(&v) => Ok(v),
        _ => Err(format!("'{s}' is not a scale from 1 to 4 (2 doubles a PNG's pixels)")),
    }
}

/// Whether a file can be written at `path`: its folder exists and it is
/// not a folder itself. Said before any work is done, as an input error.
pub(crate) fn check_destination(path: &Path) -> Result<(), InputError> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        if !folder.exists() {
            return Err(InputError(format!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                folder.display()
            )));
        }
        if !folder.is_dir() {
            return Err(InputError(format!("cannot write {}: {} is not a folder", path.display(), folder.display())));
        }
    }
    if path.is_dir() {
        return Err(InputError(format!("cannot write {}: it is a folder; give a file name", path.display())));
    }
    Ok(())
}

impl OutputArgs {
    /// The format to write, refusing an image bound for a terminal and a
    /// destination that cannot be written.
    pub fn format(&self) -> Result<Format, InputError> {
        if let Some(path) = &self.out {
            check_destination(path)?;
        }
        let format = match (&self.out, self.format) {
            (_, Some(f)) => f,
            (Some(path), None) => Format::from_path(path).ok_or_else(|| {
                InputError(format!(
                    "cannot tell the format of {} from its extension: use .png, .svg, .pdf, .csv, .json, .txt or --format",
                    path.display()
                ))
            })?,
            (None, None) => Format::Table,
        };
        if self.out.is_none() && format.is_image() && std::io::stdout().is_terminal() {
            return Err(InputError(
                "refusing to write an image to the terminal: use --out FILE or redirect stdout".into(),
            ));
        }
        Ok(format)
    }

    /// Writes the bytes to `--out` (saying so on stderr with `what`, unless
    /// quiet) or to standard output.
    pub fn write(&self, bytes: &[u8], quiet: bool, what: impl FnOnce() -> String) -> Result<()> {
        match &self.out {
            Some(path) => {
                std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
                if !quiet {
                    eprintln!("wrote {} ({})", path.display(), what());
                }
                Ok(())
            }
            None => write_stdout(bytes),
        }
    }
}

/// A buffered writer to `out`, or to standard output.
pub(crate) fn writer_to(out: Option<&PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => {
            check_destination(p)?;
            Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
            ))
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// Writes to stdout (a closed pipe surfaces as BrokenPipe: success).
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}
