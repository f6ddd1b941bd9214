//! The browser tests: the app, the storage adapters and the embeddable
//! module in headless Chromium, run by
//! `cargo test --target wasm32-unknown-unknown --all-features`
//! (wasm-bindgen-test-runner; scripts/test, stage test-browser). One test
//! crate, so the library is linked and loaded into the browser once; one
//! module per subject, shared helpers and fixtures in [`support`].
//!
//! All modules run in the same page, one test at a time: a test that
//! depends on stored state or the URL starts from a clean slate itself (see
//! [`support`]).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

#[cfg(feature = "app")]
mod app;
#[cfg(feature = "app")]
mod claim;
#[cfg(feature = "app")]
mod dashboard;
#[cfg(feature = "embed")]
mod embed;
#[cfg(feature = "app")]
mod hostile;
#[cfg(feature = "app")]
mod hostile_input;
#[cfg(feature = "app")]
mod online;
#[cfg(all(feature = "app", feature = "extract"))]
mod precheck;
#[cfg(feature = "app")]
mod safety;
#[cfg(feature = "app")]
mod storage;
#[cfg(feature = "app")]
mod sync;
#[cfg(feature = "app")]
mod tagged_enums;
#[cfg(feature = "app")]
mod wizard;
