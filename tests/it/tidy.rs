//! The architecture, enforced (in the spirit of rust-analyzer's tidy test):
//! SQL only in `store/`, HTTP only in `crawl/`, no file, network or clock
//! access in `extract/` and `sources/`, no function in `src/` over 120
//! lines, migrations never edited, and every file a document names exists.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` with one of the extensions, sorted.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if !["target", ".git", "node_modules"].contains(&name.as_str()) {
                    stack.push(path);
                }
            } else if extensions.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/")
}

/// The code of a Rust file without its comments and the `tests` module at
/// its end (tests may use anything).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The `src/` files outside `allowed` (folders or files) that contain a word.
fn uses_outside(word: &str, allowed: &[&str]) -> Vec<String> {
    files(&root().join("src"), &[".rs"])
        .into_iter()
        .map(|p| rel(&p))
        .filter(|r| !allowed.iter().any(|a| r.starts_with(a)))
        .filter(|r| code_of(&root().join(r)).contains(word))
        .collect()
}

#[test]
fn only_store_knows_sqlite_and_only_crawl_makes_http_requests() {
    assert_eq!(uses_outside("rusqlite", &["src/store/"]), Vec::<String>::new(), "rusqlite outside src/store/");
    assert_eq!(uses_outside("reqwest", &["src/crawl/"]), Vec::<String>::new(), "reqwest outside src/crawl/");
}

#[test]
fn extraction_and_sources_are_pure() {
    const IMPURE: &[&str] = &[
        "std::fs",
        "std::net",
        "std::env",
        "std::process",
        "tokio",
        "reqwest",
        "SystemTime",
        "Instant::now",
        "Utc::now",
        "Local::now",
        "File::",
        "read_to_string",
    ];
    let mut found = Vec::new();
    for dir in ["src/extract", "src/sources", "src/discover"] {
        for path in files(&root().join(dir), &[".rs"]) {
            let code = code_of(&path);
            for word in IMPURE {
                if code.contains(word) {
                    found.push(format!("{}: {word}", rel(&path)));
                }
            }
        }
    }
    assert!(found.is_empty(), "file, network or clock access in pure code:\n{}", found.join("\n"));
}

/// Functions of `src/` with their length in lines, from `fn` to the brace
/// that closes it at the same indentation (rustfmt's layout).
fn function_lengths(path: &Path) -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "async fn ",
            "pub async fn ",
            "pub(super) async fn ",
            "pub(crate) async fn ",
            "const fn ",
            "pub const fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || line.ends_with(';') {
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| *l == close) {
            let name = trimmed.split('(').next().unwrap_or(trimmed).to_string();
            out.push((format!("{}:{} {name}", rel(path), i + 1), end + 1));
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_120_lines() {
    let long: Vec<String> = files(&root().join("src"), &[".rs"])
        .iter()
        .flat_map(|p| function_lengths(p))
        .filter(|(_, n)| *n > 120)
        .map(|(f, n)| format!("{f}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "split these functions:\n{}", long.join("\n"));
}

/// The SHA-256 of every migration as it was released. A migration is never
/// edited once released: a change to the schema is a new file.
const RELEASED_MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial.sql", "a6de0b82cfb2f85e38e3bf9fc3cc3e96c03c163d97f1d8b049e9127059b0ce5c"),
    ("0002_skill_series.sql", "c610c8eb9d74071ec06d034c939cd6ab0f5c85d3091c75be593fda78d4aa81a9"),
    ("0003_views_and_search.sql", "bc369e92d74d431dd735117b5f262282041f459fcf31d01166cc26be3074c9f0"),
    ("0004_skills_by_day.sql", "a9d7993508a8b8f617a651efcfb1dc2da3b970c24e94e549a86fc51fff2db8de"),
    ("0005_search_index_batched.sql", "fdcd86e3d357852062e282298b9d21f7e3828f15e594cb24726ff119eabca4b4"),
    ("0006_roles_and_pay.sql", "e4d180e3475437264a8dfb051c08d9a6a2650fda675b5dfa4016cc114730ffab"),
    ("0007_fast_reports.sql", "ba634439bb9104b0f7ffc980d279f12ba3794f9886d5146fac0d8e90ed73d591"),
    ("0008_views_with_zeros.sql", "e9bdaa077aa9fd4f636e8db49a7b0e93e5dcc0203091998e8d21f18274cd563b"),
    ("0009_workplace.sql", "baac09fc7890774757455d6366b2e0c759a052f8667d2155f9be12a7f174463b"),
    ("0010_smaller_database.sql", "00402101c5652bd84122c3c80d2c623bee45c2a601f5b80582d8a171820c5210"),
    ("0011_jobs.sql", "4729cf136679b3f284d9dbba4c974233b6a4983858f7a6aa66a4f4a7a9dfaded"),
    ("0012_smaller_search_index.sql", "0dc33ca2f089d8713e9ef38b5ce2edfbae29f8bb669e27d6f159ecb7b7cf6103"),
    ("0013_company_and_workplace_indexed.sql", "aa5f97ef8ae549809cb2e463ec56da00038c84e591779e81e480cdc49042427d"),
];

#[test]
fn released_migrations_are_never_edited() {
    use sha2::{Digest, Sha256};
    let dir = root().join("src/store/migrations");
    let mut found: Vec<String> = Vec::new();
    for path in files(&dir, &[".sql"]) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let hash = format!("{:x}", Sha256::digest(std::fs::read(&path).unwrap()));
        found.push(format!("(\"{name}\", \"{hash}\"),"));
    }
    let want: Vec<String> = RELEASED_MIGRATIONS.iter().map(|(n, h)| format!("(\"{n}\", \"{h}\"),")).collect();
    assert!(found.len() >= want.len(), "a released migration was removed");
    assert_eq!(found[..want.len()], want[..], "a released migration was edited; every one now:\n{}", found.join("\n"));
}

/// Paths a document names in backticks or links: `src/...`, `docs/...`,
/// `queries/...`, `fixtures/...`, `tests/...`, `benches/...`,
/// `examples/...`, `fuzz/...` (globs and placeholders are not paths).
fn named_paths(text: &str) -> Vec<String> {
    const ROOTS: &[&str] = &["src/", "docs/", "queries/", "fixtures/", "tests/", "benches/", "examples/", "fuzz/"];
    let mut out = Vec::new();
    for piece in text.split(['`', '(', ')', ' ', '\n', '"', '[', ']']) {
        let piece = piece.trim_end_matches([',', '.', ':', ';']);
        let candidate = piece.strip_prefix("./").unwrap_or(piece);
        if ROOTS.iter().any(|r| candidate.starts_with(r))
            && !candidate.contains(['*', '<', '>', '{', '}', '…', '$'])
            && !candidate.contains("FILE")
            && candidate.contains('.')
        {
            out.push(candidate.split('#').next().unwrap_or(candidate).to_string());
        }
    }
    out
}

#[test]
fn every_file_a_document_names_exists() {
    let mut docs = files(&root(), &[".md"]);
    docs.extend(files(&root().join("src"), &[".rs"]));
    let mut missing = Vec::new();
    for doc in docs {
        let text = std::fs::read_to_string(&doc).unwrap();
        for path in named_paths(&text) {
            // A document in a folder may name files relative to itself.
            let near = doc.parent().unwrap().join(&path);
            if !root().join(&path).exists() && !near.exists() {
                missing.push(format!("{}: {path}", rel(&doc)));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "documents name files that do not exist:\n{}", missing.join("\n"));
}
