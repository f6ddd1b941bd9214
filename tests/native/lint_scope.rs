//! What CI's two lints see. `scripts/test` lints the native targets (stage
//! `build-native`, the features the native tests use) and, on wasm32, the
//! library with every feature, the binaries and the browser tests (stage
//! `clippy-wasm`). The code behind the browser features (the app, the
//! IndexedDB store and its notices, the sync worker's transport, the
//! embeddable module, the binaries) is linted on wasm32 only. That covers
//! its native lint too as long as it compiles to the same code on both
//! targets: no `#[cfg]`/`#[cfg_attr]` on the target architecture in it
//! (`cfg!(…)` is fine: both branches are compiled). These tests hold that,
//! and that the list of those files follows the code.

use std::path::{Path, PathBuf};

/// The files and folders compiled only with a browser feature (`app`,
/// `browser-storage`, `sync-worker`, `embed`), relative to `src/`.
const BROWSER_ONLY: &[&str] = &[
    "app",
    "main.rs",
    "bin",
    "embed.rs",
    "storage/indexeddb.rs",
    "storage/indexeddb_replica.rs",
    "storage/local.rs",
    "storage/prefs.rs",
    "storage/watch.rs",
    "sync/fetch.rs",
    "sync/worker.rs",
];

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.expect("a folder entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The lines of `text` with a `#[cfg(…)]`, `#![cfg(…)]` or `cfg_attr(…)`
/// that names `target_arch` (an attribute may span lines: it is read up to
/// its closing bracket).
fn target_cfgs(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (start, _) in text
        .match_indices("#[cfg")
        .chain(text.match_indices("#![cfg"))
    {
        let rest = &text[start..];
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        if rest[..end].contains("target_arch") {
            found.push(text[..start].lines().count() + 1);
        }
    }
    found.sort_unstable();
    found
}

#[test]
fn the_browser_only_code_has_no_target_specific_cfg() {
    let mut files = Vec::new();
    for entry in BROWSER_ONLY {
        let path = src().join(entry);
        assert!(
            path.exists(),
            "src/{entry} is listed here but does not exist"
        );
        rust_files(&path, &mut files);
    }
    assert!(
        files.len() > BROWSER_ONLY.len(),
        "the app folder holds many files"
    );
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("a source file");
            target_cfgs(&text)
                .into_iter()
                .map(move |line| format!("{}:{line}", f.display()))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "code linted on wasm32 only must not depend on the target; \
         lint it natively too (scripts/test, build-native) or use cfg!(): {offenders:?}"
    );
}

#[test]
fn a_target_cfg_is_found_in_every_form() {
    assert_eq!(
        target_cfgs("#[cfg(target_arch = \"wasm32\")]\nfn a() {}"),
        [1]
    );
    assert_eq!(
        target_cfgs("x\n#![cfg(not(target_arch = \"wasm32\"))]"),
        [2]
    );
    assert_eq!(
        target_cfgs("#[cfg_attr(\n    all(feature = \"a\", target_arch = \"wasm32\"),\n    x\n)]"),
        [1]
    );
    assert_eq!(
        target_cfgs("#[cfg(feature = \"app\")]\nfn a() {}"),
        Vec::<usize>::new()
    );
    assert_eq!(
        target_cfgs("if cfg!(target_arch = \"wasm32\") {}"),
        Vec::<usize>::new()
    );
}

#[test]
fn every_feature_gated_module_is_listed() {
    // The modules `src/lib.rs`, `src/storage/mod.rs` and `src/sync/mod.rs`
    // declare behind a browser feature are the ones listed above.
    let gated = |file: &str| -> Vec<String> {
        let text = std::fs::read_to_string(src().join(file)).expect("a module file");
        let lines: Vec<&str> = text.lines().collect();
        lines
            .windows(2)
            .filter(|w| {
                w[0].starts_with("#[cfg(feature = ")
                    && ["app", "browser-storage", "sync-worker", "embed"]
                        .iter()
                        .any(|f| w[0].contains(&format!("\"{f}\"")))
                    && w[1].starts_with("pub mod ")
            })
            .map(|w| {
                w[1].trim_start_matches("pub mod ")
                    .trim_end_matches(';')
                    .to_string()
            })
            .collect()
    };
    let mut found: Vec<String> = gated("lib.rs");
    found.extend(
        gated("storage/mod.rs")
            .into_iter()
            .map(|m| format!("storage/{m}.rs")),
    );
    found.extend(
        gated("sync/mod.rs")
            .into_iter()
            .map(|m| format!("sync/{m}.rs")),
    );
    let found: Vec<String> = found
        .into_iter()
        .map(|m| match m.as_str() {
            "app" => m,
            _ if m.contains('/') => m,
            _ => format!("{m}.rs"),
        })
        .collect();
    for module in &found {
        assert!(
            BROWSER_ONLY.contains(&module.as_str()),
            "src/{module} is behind a browser feature: add it to BROWSER_ONLY"
        );
    }
    assert!(found.len() >= 8, "found {found:?}");
}
