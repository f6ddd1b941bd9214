//! Helpers and fixtures shared by the browser tests: the demo directory's
//! tenants (`data/demo-directory.json`) and, with feature `app`, the DOM
//! helpers of [`dom`].
//!
//! Every test module of the crate shares one page (and its origin's
//! localStorage and IndexedDB), so a test that reads stored state starts
//! from [`reset_browser`] or its own database names / key prefixes, and
//! mounts into a fresh [`wrapper`].
#![allow(dead_code)]

#[cfg(feature = "app")]
mod dom;
#[cfg(feature = "app")]
pub use dom::*;

/// Contoso's tenant in the demo directory (`data/demo-directory.json`).
pub const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
/// Contoso's verified domain in the demo directory.
pub const CONTOSO_DOMAIN: &str = "contoso.com";
/// Contoso's claimable Dynamics 365 Sales subscription in the demo directory.
pub const CONTOSO_SALES: &str = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
/// Fabrikam's tenant in the demo directory.
pub const FABRIKAM: &str = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
/// Fabrikam's verified domain in the demo directory.
pub const FABRIKAM_DOMAIN: &str = "fabrikam.com";
