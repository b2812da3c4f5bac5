//! Writes the bundled demo job board to `fixtures/demo/` (deterministic).
//!
//!     cargo run --example generate_demo
//!
//! The files are committed; `demo::board` tests check they match this
//! generator's output.

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/site");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    let board = skilltrend::demo::board::generate();
    let mut bytes = 0;
    for (path, content) in &board.files {
        let file = root.join(path.trim_start_matches('/'));
        std::fs::create_dir_all(file.parent().expect("files are in a directory"))?;
        std::fs::write(&file, content)?;
        bytes += content.len();
    }
    println!(
        "wrote {} files ({} postings, {:.2} MB) to {}",
        board.files.len(),
        board.postings.len(),
        bytes as f64 / 1e6,
        root.display()
    );
    Ok(())
}
