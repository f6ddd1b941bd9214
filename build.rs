//! Compiles the message catalogs (`src/i18n/*.ftl`) into Rust before the
//! crate builds: `$OUT_DIR/catalog.rs`, included by `src/i18n/mod.rs`.
//! A missing key or placeholder in any language stops the build here.

#[path = "src/i18n/ftl.rs"]
mod ftl;

fn main() {
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
