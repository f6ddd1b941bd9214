//! Team sync: one partner organisation's claims shared between browsers
//! through the Apache CouchDB 3.x replication protocol, with a client of our
//! own. This module is pure (no web-sys, no Leptos; it builds and is tested
//! natively); HTTP stays at the edge behind [`Transport`], this browser's
//! storage behind [`LocalReplica`].
//!
//! # Modules
//!
//! - [`transport`]: the [`Transport`] trait (one HTTP request, with a
//!   timeout the transport enforces by its own timer), [`Auth`].
//! - [`replica`]: the [`LocalReplica`] trait, the per-claim [`SyncBase`], the
//!   recorded [`SyncConflict`] and [`PushError`], [`resolve_conflict`].
//! - [`memory`]: [`MemoryReplica`], the in-memory [`LocalReplica`].
//! - [`replicator`]: [`Replicator`] (pull, push, live wait), [`SyncConfig`],
//!   [`SyncReport`].
//! - [`merge`]: the pure three-way merge of a claim and [`merge::resolve`].
//! - [`doc`]: the data mapping and the checks of remote documents.
//! - [`rev`]: revision ids, ancestry, the winner, deterministic new ids.
//! - [`SyncError`]: the one error type; each variant has a stable code.
//! - [`view`]: what the app's pages get of sync ([`view::SyncMeta`],
//!   [`view::ConflictView`], the resolve messages); the rest runs in the
//!   sync worker only.
//!
//! # Protocol subset
//!
//! A session starts with `GET /` (CouchDB's `{"couchdb": "Welcome"}` or
//! pouchdb-server's `{"express-pouchdb": …}`, else
//! [`SyncError::NotCouchDb`]), `GET /db` (404: [`SyncError::DatabaseMissing`])
//! and `GET /db/_local/cpor-<replica id>`, this browser's checkpoint
//! document (`_local` documents are not replicated). If it is missing while
//! a local checkpoint exists, the database was reset or replaced
//! ([`SyncReport::reset_detected`]); missing for any reason, the local
//! checkpoint is dropped (full re-read, which changes nothing that is
//! already here) and every base is marked unconfirmed (everything is checked
//! with `_revs_diff` and re-sent when missing). The document is written at
//! once and after each pulled batch.
//!
//! **Pull**: `GET /db/_changes?style=all_docs&since=<seq>&limit=1000` until a
//! batch is empty. `seq` is opaque ([`serde_json::Value`]: a string on
//! CouchDB 2+, a number on pouchdb-server). The leaves of each change are
//! diffed locally against the base's ancestry; the missing ones come from
//! `POST /db/_bulk_get?revs=true&latest=true`. A first pull (no base held
//! here) adds `include_docs=true` to the feed: a claim whose only leaf is a
//! first revision (`1-…`) is complete with it (its `_revisions` is itself),
//! and only later revisions (whose history a merge needs) and files go
//! through `_bulk_get`. The local checkpoint (per
//! server address and database) moves only after a batch is stored here,
//! so it never passes data that is not. [`Replicator::wait_for_changes`]
//! is the live mode: one `feed=longpoll` request, ended by the transport's
//! timer (pouchdb-server ignores `timeout`). Any error but that timer, in a
//! round or in the long poll, ends the session: the next round checks the
//! checkpoint document again, so a database deleted and created again
//! while the browser waited is detected.
//!
//! **Push**: the outbox ([`LocalReplica::outbox`]: claims whose stored state
//! differs from their base, unconfirmed bases, losing leaves to end);
//! `POST /db/_revs_diff`; `POST /db/_bulk_docs` with `{"new_edits": false}`,
//! each document with `_rev` and `_revisions: {start, ids}`. A per-document
//! error inside the 201 answer (`{"id", "error": "forbidden", "reason"}`) is
//! recorded ([`PushError`], shown as "refused by the server: reason") and
//! not sent again until the document changes or the user asks
//! ([`LocalReplica::clear_push_error`]). Deletions are `_deleted` revisions,
//! never purges.
//!
//! **Revision ids** are deterministic ([`rev::new_rev`]): `N-<32 hex>`, the
//! hex the MD5 of the parent revision, the deleted flag and the canonical
//! JSON of the body (sorted keys, no whitespace; attachments by digest).
//! Two replicas that compute the same merge write the same revision and
//! create no new conflict; a retried push whose answer was lost is the same
//! revision, so nothing is duplicated.
//!
//! **Attachments**: a PoE file is its own immutable document, pushed once
//! with the bytes inline as base64 (`_attachments.file.data`); a claim edit
//! never re-sends them. Pull gets stubs and fetches
//! `GET /db/file:<id>/file?rev=<rev>` as bytes; length and digest
//! (`md5-<base64>`) must match, otherwise the batch fails and is retried
//! (a truncated download is never stored).
//!
//! **Errors** ([`SyncError`]): `Unreachable`, `Unauthorized` (401),
//! `Forbidden` (403), `NotCouchDb`, `DatabaseMissing` (404), `Server`,
//! `Protocol` (bad JSON shape), `Timeout`, per-document `Refused`, `Config`,
//! `Local` (this browser's storage). [`SyncError::is_retryable`] separates
//! "try again later" from "the user must act" (no retry loop on 401/403).
//!
//! # Data mapping
//!
//! One database per partner organisation ([`doc::default_database_name`]:
//! `cpor-<org id>` lowercased). A claim is the document
//! `claim:<claim id>` with body `{"type": "claim", "schema": 1, "claim": …}`
//! (the claim JSON of [`crate::domain::claim`], without the per-browser
//! `revision`). A PoE file is `file:<document id>` with
//! `{"type": "file", "claimId", "name", "mediaType", "size"}` and one
//! attachment named `file`. A remote document that cannot be read (wrong
//! types, over 1 MB, a newer schema, not a claim, no id) is put in the
//! storage's quarantine (key `<doc id>@<rev>`) and never applied or pushed;
//! it never stops the replicator.
//!
//! The app's `revision` counter keeps working: applying a pulled version is
//! a normal save (revision + 1), so a tab holding a stale copy gets its
//! usual conflict banner.
//!
//! # Merge rules
//!
//! When local unsynced changes meet a remote change, [`merge::merge`] merges
//! them from the base (see its module doc for every rule): disjoint field
//! edits merge (contacts per sub-field); comments, history and documents
//! are unions by id or canonical key, in time order; status and the
//! deadline inputs never auto-merge when both sides changed them; when one
//! side changed the status, the other side's edits are kept only where the
//! status machine allows them in the new status
//! ([`crate::domain::status::field_editable`]); anything else changed on
//! both sides is a [`merge::Conflict`] listing each field with base, mine
//! and theirs values, resolved field by field with [`merge::resolve`];
//! edit-versus-delete is a conflict of its own kind.
//!
//! Server-side conflicts (two leaves, e.g. two browsers pushed offline
//! edits) are merged the same way from the leaves' common ancestor (its
//! body from `GET /db/<id>?rev=<ancestor>`; if it is gone, the user
//! decides); the result is written as a child of the winner plus a
//! `_deleted` child of each losing leaf, so the server shows no
//! `_conflicts` afterwards. A user's resolution ([`resolve_conflict`]) is
//! pushed the same way.
//!
//! # Phase 2 (the browser) must implement
//!
//! - a [`Transport`] over `fetch` (an `AbortController` timer for the
//!   timeout; credentials only in the `authorization` header, no cookies);
//! - [`LocalReplica`] over IndexedDB: bases, conflicts, push errors,
//!   checkpoints, the set of synced files and the replica id in their own
//!   object stores; [`LocalReplica::apply_remote`] and
//!   [`LocalReplica::delete_local`] as one transaction with the claim (and
//!   a `watch` notification so other tabs reload);
//! - a web worker running [`Replicator::sync_once`] and
//!   [`Replicator::wait_for_changes`] in a loop with back-off while
//!   [`SyncError::is_retryable`], stopping (and telling the UI) otherwise;
//! - the settings UI (server address, database, user and password or
//!   token), messages for the [`SyncError::code`]s, and the conflict banner
//!   with the field-by-field choice ([`merge::Choices`]).
//!
//! # Example
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::storage::{SyncAdapter, block_on};
//! use cpor_desk::sync::{Auth, Replicator, SyncConfig, memory::MemoryReplica};
//! # use cpor_desk::sync::transport::{Request, Response, Transport, TransportFuture};
//! # /// A server that knows only its welcome (enough to show the API).
//! # struct Couch;
//! # impl Transport for Couch {
//! #     fn request(&self, r: Request) -> TransportFuture<'_> {
//! #         let body = match r.path_and_query.as_str() {
//! #             "/" => r#"{"couchdb":"Welcome"}"#,
//! #             _ => r#"{"error":"not_found","reason":"no_db_file"}"#,
//! #         };
//! #         let status = if body.contains("error") { 404 } else { 200 };
//! #         Box::pin(async move { Ok(Response { status, headers: vec![], body: body.into() }) })
//! #     }
//! # }
//!
//! let local = MemoryReplica::new("browser-1");
//! block_on(local.store().save(Claim { id: "c1".into(), ..Claim::default() })).unwrap();
//! let config = SyncConfig::new("https://couch.example", "cpor-org1", Auth::Bearer("jwt".into()));
//! let mut replicator = Replicator::new(&Couch, &local, config).unwrap();
//! match block_on(replicator.sync_once()) {
//!     Ok(report) => println!("pulled {}, pushed {}", report.pulled, report.pushed),
//!     Err(e) => assert_eq!(e.code(), "sync.database_missing"),
//! }
//! ```

pub mod doc;
pub mod error;
pub mod json;
pub mod memory;
pub mod merge;
pub mod replica;
pub mod replicator;
pub mod resolution;
pub mod rev;
pub mod settings;
pub mod status;
pub mod trace;
pub mod transport;
pub mod view;

#[cfg(feature = "sync-worker")]
pub mod fetch;
#[cfg(feature = "sync-worker")]
pub mod worker;

mod client;

pub use error::{SyncError, TransportError};
pub use memory::MemoryReplica;
pub use replica::{LocalReplica, PushError, SyncBase, SyncConflict, resolve_conflict};
pub use replicator::{Replicator, SyncConfig, SyncReport};
pub use settings::SyncSettings;
pub use status::SyncStatus;
pub use transport::{Auth, Transport};
