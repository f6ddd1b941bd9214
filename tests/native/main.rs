//! The native integration tests: the domain, the PoE pre-check and its text
//! extraction, run by `cargo test --no-default-features --features extract`
//! (scripts/test, stage test-native). One test crate, so the library is
//! linked once; one module per subject, fixtures in [`support`].
//!
//! Native only: wasm-bindgen-test runs `#[wasm_bindgen_test]`s, not these
//! `#[test]`s, and proptest is a native dev-dependency. The browser tests are
//! in `tests/browser/`. proptest keeps the failing cases it finds in
//! `tests/proptest-regressions/<module>.txt`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod arbitration;
mod bridge;
mod bulk_properties;
mod calendars;
mod claim_checks;
mod domain_vectors;
mod guidance;
mod hostile_input;
mod lint_scope;
mod notices;
mod poe_checklist;
#[cfg(feature = "extract")]
mod poe_fixtures;
mod properties;
mod status_machine;
mod storage_heap;
mod storage_journal;
mod storage_slices;
mod sync;
mod tagged_enums;
mod validation;
mod validation_properties;
