//! Team sync: one partner organisation's claims shared between browsers
//! through the Apache CouchDB 3.x replication protocol, with a client of our
//! own. This module is pure (no web-sys, no Leptos; it builds and is tested
//! natively); HTTP stays at the edge behind [`Transport`].
//!
//! - [`transport`]: the [`Transport`] trait, [`Auth`].
//! - [`merge`]: the pure three-way merge of a claim and [`merge::resolve`].
//! - [`doc`]: the data mapping and the checks of remote documents.
//! - [`rev`]: revision ids, ancestry, the winner, deterministic new ids.
//! - [`SyncError`]: the one error type; each variant has a stable code.

pub mod doc;
pub mod error;
pub mod merge;
pub mod rev;
pub mod transport;

pub use error::{SyncError, TransportError};
pub use transport::{Auth, Transport};
