//! CPOR Desk: Claiming Partner of Record claims, in the browser.
//!
//! - [`i18n`]: the message catalogs (`src/i18n/*.ftl`, compiled by `build.rs`).
//! - [`domain`]: the pure rules (no Leptos, no web-sys).
//! - [`storage`]: the `SyncAdapter` trait and its browser and memory stores,
//!   export and import, preferences, the localStorage key layout and the
//!   cross-tab notifications.
//! - [`sync`]: team sync over the CouchDB replication protocol (pure; the
//!   browser transport and storage plug in behind its traits).
//! - `app` (feature `app`): the Leptos client-side app.
//! - `embed` (feature `embed`): the JS API of the embeddable validation module.
//! - `extract` (feature `extract`): PoE text extraction and the DOCX template
//!   (run in the PoE web worker).

pub mod domain;
pub mod i18n;
pub mod storage;
pub mod sync;

#[cfg(feature = "app")]
pub mod app;

#[cfg(feature = "embed")]
pub mod embed;

#[cfg(feature = "extract")]
pub mod extract;
