//! Team sync (`cpor_desk::sync`):
//!
//! - `batching`: a pulled batch is read and stored at once, never claim
//!   by claim; the next batch is fetched meanwhile; the checkpoint moves
//!   only after a batch is stored;
//! - `dirty`: the outbox's dirty set (saves, pushes, pulls, a lost set);
//! - `merge_rules`: the merge rules, table-driven, and conflict resolution;
//! - `page_messages`: what the app gets of sync (conflict views) and the
//!   resolve request the worker checks and stores;
//! - `fake`: the two-replica scenarios and fault, hostile-document and
//!   refusal cases against `FakeCouch` (`fake_couch`), an in-memory CouchDB;
//! - `pouchdb`: the same scenarios against a real pouchdb-server 4.2.0
//!   started by the test (needs `npm ci`; fails, never skips, without it).
//!
//! Run: `cargo test --no-default-features --features extract --test native sync::`.

mod batching;
mod dirty;
mod fake;
mod fake_couch;
mod harness;
mod merge_rules;
mod page_messages;
mod pouchdb;
mod scenarios;
