//! CPOR Desk: Claiming Partner of Record claims, in the browser.
//!
//! - [`domain`]: the pure rules (no Leptos, no web-sys).
//! - `app` (feature `app`): the Leptos client-side app.
//! - `embed` (feature `embed`): the JS API of the embeddable validation module.
//! - `extract` (feature `extract`): PoE text extraction and the DOCX template
//!   (run in the PoE web worker).

pub mod domain;
pub mod storage;

#[cfg(feature = "app")]
pub mod app;

#[cfg(feature = "embed")]
pub mod embed;

#[cfg(feature = "extract")]
pub mod extract;
