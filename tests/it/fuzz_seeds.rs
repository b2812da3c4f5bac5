//! The fuzz targets (`skilltrend::fuzzing`, run for real with cargo fuzz:
//! see `fuzz/README.md`) over the fixtures and a few thousand mutations of
//! them: truncations, hostile bytes, deep nesting. Keeps every target
//! compiling and its invariants holding in normal CI.

use std::path::{Path, PathBuf};

use skilltrend::fuzzing;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every file under a fixture directory (or the file itself).
fn files(rel: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![fixture(rel)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            stack.extend(entries);
        } else {
            out.push(std::fs::read(&p).unwrap());
        }
    }
    assert!(!out.is_empty(), "no seeds in {rel}");
    out
}

/// The text column of the labelled corpus, one seed per snippet.
fn snippets() -> Vec<Vec<u8>> {
    files("fixtures/labelled")
        .iter()
        .flat_map(|f| {
            String::from_utf8_lossy(f)
                .lines()
                .map(|l| l.split('\t').next_back().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        })
        .map(|l| l.replace("\\n", "\n").into_bytes())
        .collect()
}

fn prefixed(byte: u8, seeds: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    seeds.into_iter().map(|s| [vec![byte], s].concat()).collect()
}

/// A seed and its mutations: cut at 12 points, 12 hostile bytes written
/// over it, its middle repeated, and it wrapped `nest` deep.
fn mutations(seed: &[u8], rng: &mut fastrand::Rng, nest: usize) -> Vec<Vec<u8>> {
    const HOSTILE: &[u8] = b"\x00\xff\xc3<>\"{}[]&;#\n\\";
    let mut out = vec![seed.to_vec()];
    let n = seed.len();
    for k in 1..=12 {
        out.push(seed[..n * k / 13].to_vec());
    }
    if n > 0 {
        for _ in 0..12 {
            let mut m = seed.to_vec();
            m[rng.usize(..n)] = HOSTILE[rng.usize(..HOSTILE.len())];
            out.push(m);
        }
        let (a, b) = (n / 3, 2 * n / 3);
        out.push([&seed[..b], &seed[a..]].concat());
    }
    for (open, close) in [("[", "]"), ("{\"a\":", "}"), ("<div>", "</div>")] {
        out.push([open.repeat(nest).as_bytes(), seed, close.repeat(nest).as_bytes()].concat());
    }
    out
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "jsonld" => {
            [files("fixtures/sites/jsonld"), files("fixtures/demo/site/jobs").into_iter().take(20).collect()].concat()
        }
        "html_to_text" => [files("fixtures/sites/jsonld"), files("fixtures/sites/html-board")].concat(),
        "hn_first_line" => {
            snippets().into_iter().map(|s| s.split(|&b| b == b'\n').next().unwrap_or(&[]).to_vec()).collect()
        }
        "hn_api" => {
            [prefixed(0, files("fixtures/hn/search_by_date.json")), prefixed(1, files("fixtures/hn/items"))].concat()
        }
        "greenhouse" => files("fixtures/greenhouse"),
        "lever" => files("fixtures/lever"),
        "ashby" => files("fixtures/ashby"),
        "smartrecruiters" => {
            let all = files("fixtures/smartrecruiters");
            [prefixed(0, all.clone()), prefixed(1, all)].concat()
        }
        "workable" => files("fixtures/workable"),
        "personio" => files("fixtures/personio"),
        "feed" => files("fixtures/feed"),
        "html_board" => {
            [prefixed(0, files("fixtures/sites/html-board")), prefixed(1, files("fixtures/sites/html-board"))].concat()
        }
        "workday" => [prefixed(0, files("fixtures/workday")), prefixed(1, files("fixtures/workday"))].concat(),
        "matcher" => snippets(),
        "config" => files("sources.toml"),
        "recruitee" => files("fixtures/recruitee"),
        "remoteok" => files("fixtures/remoteok"),
        "arbeitnow" => files("fixtures/arbeitnow"),
        "himalayas" => files("fixtures/himalayas"),
        "jobicy" => files("fixtures/jobicy"),
        other => panic!("no seeds for the fuzz target {other}: add them here"),
    }
}

#[test]
fn every_fuzz_target_holds_on_the_fixtures_and_their_mutations() {
    let mut rng = fastrand::Rng::with_seed(7);
    for (name, target) in fuzzing::TARGETS {
        let started = std::time::Instant::now();
        let mut runs = 0;
        let seeds = seeds(name);
        // Deep nesting for the few structured seeds; the hundreds of
        // labelled snippets need less of it.
        let nest = if seeds.len() > 100 { 100 } else { 5000 };
        for seed in seeds {
            for input in mutations(&seed, &mut rng, nest) {
                target(&input);
                runs += 1;
            }
        }
        eprintln!("{name}: {runs} inputs in {:?}", started.elapsed());
    }
}

/// Every input the fuzzers ever crashed on (`fuzz/regressions/<target>/`).
#[test]
fn every_crash_the_fuzzers_found_stays_fixed() {
    let mut found = 0;
    for (name, target) in fuzzing::TARGETS {
        let dir = fixture(&format!("fuzz/regressions/{name}"));
        if dir.is_dir() {
            for input in files(&format!("fuzz/regressions/{name}")) {
                target(&input);
                found += 1;
            }
        }
    }
    assert!(found > 0, "fuzz/regressions/ holds the crashes found so far");
}

#[test]
fn every_fuzz_target_has_a_cargo_fuzz_binary() {
    let manifest = std::fs::read_to_string(fixture("fuzz/Cargo.toml")).unwrap();
    for (name, _) in fuzzing::TARGETS {
        assert!(manifest.contains(&format!("name = \"{name}\"")), "fuzz/Cargo.toml has no [[bin]] {name}");
        let body = std::fs::read_to_string(fixture(&format!("fuzz/fuzz_targets/{name}.rs"))).unwrap();
        assert!(
            body.contains(&format!("skilltrend::fuzzing::{name}(")),
            "fuzz/fuzz_targets/{name}.rs does not call its entry point"
        );
    }
}
