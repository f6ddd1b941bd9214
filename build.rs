//! Compiles the message catalogs (`src/i18n/*.ftl`) into Rust before the
//! crate builds: `$OUT_DIR/catalog.rs`, included by `src/i18n/mod.rs`.
//! A missing key or placeholder in any language stops the build here.
//! It also compiles the built-in data (`data/*.json`) into
//! `$OUT_DIR/data.rs` (`build/data.rs`).

#[path = "src/i18n/ftl.rs"]
mod ftl;

#[path = "build/data.rs"]
mod data;

fn main() {
    split();
    builtin_data();
    let dir = std::path::Path::new("src/i18n");
    println!("cargo::rerun-if-changed=src/i18n");
    println!("cargo::rerun-if-changed=src/i18n/ftl.rs");
    match ftl::compile_dir(dir) {
        Ok(code) => {
            let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
            std::fs::write(out.join("catalog.rs"), code).expect("write catalog.rs");
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("message catalog: src/i18n/{p}");
                println!("cargo::error=message catalog: src/i18n/{p}");
            }
            std::process::exit(1);
        }
    }
}

/// The built-in data (`data/*.json`) as Rust: `$OUT_DIR/data.rs`, included
/// by `src/domain/builtin.rs` (see `build/data.rs`).
fn builtin_data() {
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=build/data.rs");
    match data::compile(std::path::Path::new("data")) {
        Ok(code) => {
            let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
            std::fs::write(out.join("data.rs"), code).expect("write data.rs");
        }
        Err(problem) => {
            eprintln!("built-in data: {problem}");
            println!("cargo::error=built-in data: {problem}");
            std::process::exit(1);
        }
    }
}

/// Code splitting (docs/performance.md, "Code splitting"): with the `split`
/// feature, a release build for wasm32 compiles the lazy pages as split
/// points (`cfg(wasm_split)`, see `src/app/lazy.rs`) and links the app with
/// relocations for `wasm-split-cli` (`scripts/split-app.mjs`). Only there:
/// the debug and test builds (the browser tests run with `--all-features`)
/// call the pages directly, and `--emit-relocs` never reaches another binary
/// or a build without the feature (wasm-opt does not optimise a module with
/// relocation sections).
fn split() {
    println!("cargo::rustc-check-cfg=cfg(wasm_split)");
    let feature = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if feature && wasm && release {
        println!("cargo::rustc-cfg=wasm_split");
        println!("cargo::rustc-link-arg-bin=cpor-desk=--emit-relocs");
    }
}
