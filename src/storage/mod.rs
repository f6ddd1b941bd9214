//! Storage behind one adapter trait (docs/rules.md#storage).
//!
//! [`SyncAdapter`] is an object-safe async interface over claims, document
//! bytes and quarantined records, with a revision number per claim: a save
//! whose `claim.revision` is not the stored revision is a
//! [`StorageError::Conflict`], never a silent overwrite.
//!
//! Implementations:
//! - [`memory::MemoryStore`]: in-memory, for tests (native and browser);
//! - `indexeddb::IndexedDbStore` (feature `app`): the default in the browser;
//! - `local::LocalStore` (feature `app`): localStorage, the fallback.
//!
//! Export and import of everything (claims, document bytes, quarantined
//! records) is [`export`] and [`import`], written once over the trait: an
//! import is read a slice at a time, checked ([`crate::domain::intake`]),
//! and written in batches by [`SyncAdapter::import_batch`] (one
//! transaction each), undone by [`SyncAdapter::undo_import`] on Cancel or
//! an error, so it lands whole or not at all ([`import::BatchedImport`]).
//!
//! In the browser, [`open_browser_store`] picks the adapter: IndexedDB, else
//! localStorage, else memory, and says why it fell back.
//!
//! localStorage holds the fallback store's records and the preferences
//! (module `prefs`, feature `app`); [`keys`] alone knows how their keys are
//! made, and `local`, `prefs` and `watch` go through it.
//!
//! Cross-tab notifications (feature `app`, module `watch`): the browser
//! adapters call `watch::notify` themselves after every successful write, so
//! callers never do: [`SyncAdapter::save`] and [`SyncAdapter::restore`] send
//! `Change::Saved`, [`SyncAdapter::delete`] sends `Change::Deleted`,
//! [`SyncAdapter::put_document`] and [`SyncAdapter::delete_document`] send
//! `Change::Documents`, an import ([`import::commit`]) sends
//! `Change::Imported` once at the end, and so does
//! [`SyncAdapter::clear_all`]. Quarantine changes ([`SyncAdapter::quarantine`],
//! [`SyncAdapter::discard_quarantined`], and `load_all` moving a record)
//! send nothing: other tabs see them at their next `load_all`. The
//! [`memory::MemoryStore`] sends nothing (it is not shared between tabs).
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::storage::{SyncAdapter, memory::MemoryStore, block_on};
//!
//! let store = MemoryStore::default();
//! let claim = Claim { id: "c1".into(), ..Claim::default() };
//! let saved = block_on(store.save(claim.clone())).unwrap();
//! assert_eq!(saved.revision, 1);
//! // A second save from the same (now stale) copy is a conflict.
//! assert!(block_on(store.save(claim)).unwrap_err().is_conflict());
//! ```

pub mod export;
pub mod heap;
pub mod import;
pub mod journal;
pub mod keys;
pub mod memory;
pub mod slices;

#[cfg(feature = "browser-storage")]
pub mod indexeddb;
#[cfg(feature = "browser-storage")]
pub mod indexeddb_replica;
#[cfg(feature = "app")]
pub mod local;
#[cfg(feature = "app")]
pub mod prefs;
#[cfg(feature = "browser-storage")]
pub mod watch;

/// The IndexedDB database of the app.
pub const BROWSER_DB_NAME: &str = "cpor-desk";

/// The key prefix of the app's localStorage (the whole layout is in [`keys`]).
pub use keys::LOCAL_PREFIX;

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::domain::claim::Claim;
use crate::domain::intake::{self, MAX_CLAIM_BYTES};

/// The version of the stored record layout. Bump it with a migration in
/// [`migrate_claim_record`].
pub const SCHEMA_VERSION: u32 = 1;

/// A boxed, non-`Send` future (browser futures are single-threaded).
pub type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T, StorageError>> + 'a>>;

/// Errors of the storage layer. Every variant says what happened in words a
/// user can act on; the app shows them and keeps the unsaved state.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// Someone else (another tab or user) saved the record first.
    #[error(
        "claim {id} was changed elsewhere (stored revision {stored}, this copy has {expected}); nothing was overwritten"
    )]
    Conflict {
        id: String,
        /// The revision the caller's copy was based on.
        expected: u64,
        /// The revision in storage now (0: it was deleted).
        stored: u64,
    },
    /// The browser refused to store more data.
    #[error("the browser's storage is full ({0}); your changes are kept on this page")]
    QuotaExceeded(String),
    /// The storage cannot be opened (private mode, disabled, blocked).
    #[error("browser storage is not available: {0}")]
    Unavailable(String),
    /// A record could not be read; it is quarantined, not dropped.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    /// An export file could not be imported.
    #[error("the file cannot be imported: {0}")]
    Import(String),
    /// Any other failure of the storage backend.
    #[error("storage error: {0}")]
    Backend(String),
}

impl StorageError {
    pub fn is_conflict(&self) -> bool {
        matches!(self, StorageError::Conflict { .. })
    }

    pub fn is_quota(&self) -> bool {
        matches!(self, StorageError::QuotaExceeded(_))
    }

    /// The error's own text, without the sentence [`std::fmt::Display`]
    /// wraps it in (for composing messages).
    pub fn detail(&self) -> String {
        match self {
            StorageError::QuotaExceeded(m)
            | StorageError::Unavailable(m)
            | StorageError::Corrupt(m)
            | StorageError::Import(m)
            | StorageError::Backend(m) => m.clone(),
            StorageError::Conflict { .. } => self.to_string(),
        }
    }

    /// The storage error for an exception the browser threw (a
    /// `DOMException`, an `Error`, or anything else): `QuotaExceededError`
    /// is [`StorageError::QuotaExceeded`]; `InvalidStateError`,
    /// `SecurityError` and `VersionError` are [`StorageError::Unavailable`];
    /// the rest is [`StorageError::Backend`]. The text is `name: message`.
    ///
    /// ```no_run
    /// # use cpor_desk::storage::StorageError;
    /// let e = web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    /// assert!(StorageError::from_js(&e).is_quota());
    /// ```
    #[cfg(feature = "browser-storage")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> StorageError {
        error_from_js(value)
    }

    /// Like [`StorageError::from_js`], from an exception's name and message.
    pub fn from_exception(name: &str, message: &str) -> StorageError {
        let text = match (name.is_empty(), message.is_empty()) {
            (true, _) => message.to_string(),
            (false, true) => name.to_string(),
            (false, false) => format!("{name}: {message}"),
        };
        match name {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => {
                StorageError::QuotaExceeded(text)
            }
            "InvalidStateError" | "SecurityError" | "VersionError" => {
                StorageError::Unavailable(text)
            }
            _ => StorageError::Backend(text),
        }
    }
}

/// This origin's localStorage, or [`StorageError::Unavailable`] (no window,
/// storage disabled, or the getter throwing `SecurityError`). Checked before
/// any gloo-storage call, whose own accessor panics in those cases.
#[cfg(feature = "browser-storage")]
pub(crate) fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("there is no window".to_string()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable(
            "this browser has no localStorage".to_string(),
        )),
        Err(e) => Err(StorageError::Unavailable(error_from_js(&e).detail())),
    }
}

/// Maps gloo-storage's error: a `JsError` named `QuotaExceededError` (what
/// `setItem` throws when the storage is full) is
/// [`StorageError::QuotaExceeded`].
#[cfg(feature = "app")]
pub(crate) fn gloo_error(e: gloo_storage::errors::StorageError) -> StorageError {
    use gloo_storage::errors::StorageError as GlooError;
    match e {
        GlooError::JsError(js) => StorageError::from_exception(&js.name, &js.message),
        GlooError::SerdeError(e) => StorageError::Backend(format!("cannot encode the value: {e}")),
        GlooError::KeyNotFound(key) => StorageError::Backend(format!("{key} is not stored")),
    }
}

#[cfg(feature = "browser-storage")]
pub(crate) fn error_from_js(value: &wasm_bindgen::JsValue) -> StorageError {
    use wasm_bindgen::JsCast;
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        StorageError::from_exception(&e.name(), &e.message())
    } else if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        StorageError::from_exception(&String::from(e.name()), &String::from(e.message()))
    } else {
        let text = value.as_string().unwrap_or_else(|| format!("{value:?}"));
        StorageError::Backend(text)
    }
}

/// Opens the app's browser store: the IndexedDB database
/// [`BROWSER_DB_NAME`]; if that cannot be opened, localStorage under
/// [`LOCAL_PREFIX`], returning the IndexedDB error as the second value (for
/// "using localStorage because …"); if that fails too, a
/// [`memory::MemoryStore`] with an [`StorageError::Unavailable`] naming both
/// reasons and saying that nothing will be kept after this tab closes.
/// [`SyncAdapter::kind`] tells which one it is.
///
/// ```no_run
/// # async fn demo() {
/// use cpor_desk::storage::{indexeddb, open_browser_store, AdapterKind};
///
/// let (store, warning) = open_browser_store(indexeddb::write_later).await;
/// if let Some(why) = warning {
///     // Show it: e.g. "using localStorage because browser storage is not available: …"
///     leptos::logging::warn!("{:?}: {why}", store.kind());
/// }
/// # }
/// ```
///
/// `compactor` writes IndexedDB's load snapshot after a load
/// ([`indexeddb::Compactor`]).
#[cfg(feature = "app")]
pub async fn open_browser_store(
    compactor: indexeddb::Compactor,
) -> (std::rc::Rc<dyn SyncAdapter>, Option<StorageError>) {
    open_browser_store_with(BROWSER_DB_NAME, LOCAL_PREFIX, compactor).await
}

/// [`open_browser_store`] with another database name and localStorage
/// prefix (tests, several profiles).
#[cfg(feature = "app")]
pub async fn open_browser_store_with(
    db_name: &str,
    local_prefix: &str,
    compactor: indexeddb::Compactor,
) -> (std::rc::Rc<dyn SyncAdapter>, Option<StorageError>) {
    let idb_error = match indexeddb::IndexedDbStore::open_with(db_name, compactor).await {
        Ok(store) => return (std::rc::Rc::new(store), None),
        Err(e) => e,
    };
    match local::LocalStore::new(local_prefix) {
        Ok(store) => (std::rc::Rc::new(store), Some(idb_error)),
        Err(local_error) => (
            std::rc::Rc::new(memory::MemoryStore::default()),
            Some(StorageError::Unavailable(format!(
                "neither IndexedDB ({}) nor localStorage ({}) can be used; nothing will be kept after this tab closes",
                idb_error.detail(),
                local_error.detail()
            ))),
        ),
    }
}

/// The bytes of one PoE document (kept as a Blob in IndexedDB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredDocument {
    /// The id of the claim's `DocumentRef`.
    pub id: String,
    pub name: String,
    pub media_type: String,
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
}

/// A stored record that could not be read. It is kept, raw, until the user
/// removes it (after downloading it, if they like).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quarantined {
    /// The record's key in its store (usually the claim id).
    pub key: String,
    /// The raw stored text (or a description of a non-text value).
    pub raw: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Everything [`SyncAdapter::load_all`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub claims: Vec<Claim>,
    pub quarantined: Vec<Quarantined>,
}

/// Which adapter is in use (shown in settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdapterKind {
    IndexedDb,
    LocalStorage,
    Memory,
}

/// The storage / sync adapter of docs/rules.md#storage. Object-safe: the app holds an
/// `Rc<dyn SyncAdapter>`.
pub trait SyncAdapter {
    fn kind(&self) -> AdapterKind;

    /// Every readable claim, plus every record that could not be read (which
    /// the adapter moves to its quarantine and keeps).
    fn load_all(&self) -> Fut<'_, Snapshot>;

    /// One claim, `None` when absent.
    fn load(&self, id: &str) -> Fut<'_, Option<Claim>>;

    /// Several claims, in the order of `ids` (`None` when absent). The
    /// default loads them one by one; IndexedDB reads them in one
    /// transaction (a tab re-reading a pulled batch of 100).
    fn load_many(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<Claim>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in &ids {
                out.push(self.load(id).await?);
            }
            Ok(out)
        })
    }

    /// Saves a claim whose `revision` is the stored revision (0 for a new
    /// claim) and returns it with `revision + 1`. Any other revision is a
    /// [`StorageError::Conflict`] and nothing is written.
    fn save(&self, claim: Claim) -> Fut<'_, Claim>;

    /// Deletes a claim at `revision` (conflict otherwise).
    fn delete(&self, id: &str, revision: u64) -> Fut<'_, ()>;

    /// Writes a claim exactly as given, revision included (import only).
    fn restore(&self, claim: Claim) -> Fut<'_, ()>;

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()>;
    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>>;
    fn delete_document(&self, id: &str) -> Fut<'_, ()>;
    /// The ids of all stored documents.
    fn document_ids(&self) -> Fut<'_, Vec<String>>;

    /// Adds a record to the quarantine (import of a quarantined record).
    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()>;
    /// Removes a quarantined record for good (the user chose to).
    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()>;

    /// Writes an import's checked batch ([`import`]): each claim by
    /// [`import::merge`] with the copy here (a copy here that cannot be
    /// read goes to the quarantine and the file's copy is taken), each
    /// document only under an id that is free, and the quarantine records.
    /// The browser adapters write it as one unit: all of it, or on an
    /// error nothing. This default, for an adapter that cannot, writes
    /// record by record through the other methods.
    fn commit_import(&self, batch: import::ImportBatch) -> Fut<'_, import::ImportReport> {
        Box::pin(import::commit_one_by_one(self, batch))
    }

    /// Writes one batch of a batched import ([`import::BatchedImport`])
    /// by the rules of [`SyncAdapter::commit_import`], as one unit where
    /// the adapter can, and returns with its report what undoes it
    /// ([`import::ImportUndo`]: every claim written with the copy it
    /// replaced, the documents and quarantine records added). It sends no
    /// change notice: the import sends one when the last batch is written.
    /// This default writes record by record through the other methods;
    /// IndexedDB writes the batch in one transaction.
    fn import_batch(
        &self,
        batch: import::ImportBatch,
    ) -> Fut<'_, (import::ImportReport, import::ImportUndo)> {
        Box::pin(import::write_one_by_one(self, batch))
    }

    /// Undoes what [`SyncAdapter::import_batch`] wrote (a cancelled or
    /// failed import), the last write first. This default works record by
    /// record; IndexedDB undoes everything in one transaction.
    fn undo_import(&self, undo: import::ImportUndo) -> Fut<'_, ()> {
        Box::pin(import::undo_one_by_one(self, undo))
    }

    /// Deletes every claim, document and quarantined record ("Clear all
    /// data" in Settings). The browser adapters do it in one step; this
    /// default deletes record by record.
    fn clear_all(&self) -> Fut<'_, ()> {
        Box::pin(async move {
            let snap = self.load_all().await?;
            for c in snap.claims {
                self.delete(&c.id, c.revision).await?;
            }
            for id in self.document_ids().await? {
                self.delete_document(&id).await?;
            }
            for q in self.load_all().await?.quarantined {
                self.discard_quarantined(&q.key).await?;
            }
            Ok(())
        })
    }

    /// The team-sync settings and conflicts of this storage, when it can
    /// sync: IndexedDB (and the test replica in memory); `None` for
    /// localStorage and the plain memory store, where team sync is not
    /// available. Only this small part is reachable from the app: the
    /// replica itself ([`crate::sync::LocalReplica`]) is used by the sync
    /// worker alone, so it stays out of the app's first load.
    fn sync_meta(&self) -> Option<&dyn crate::sync::view::SyncMeta> {
        None
    }
}

/// The stored envelope of a claim: `{"schema": 1, "claim": {...}}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub schema: u32,
    pub claim: Claim,
}

/// Encodes a claim as its stored JSON text.
pub fn encode_claim(claim: &Claim) -> String {
    serde_json::to_string(&ClaimRecord {
        schema: SCHEMA_VERSION,
        claim: claim.clone(),
    })
    .unwrap_or_default()
}

/// Decodes a stored claim record, migrating older layouts:
/// - schema 0: the bare claim JSON without an envelope (early builds);
/// - schema 1: `{"schema": 1, "claim": {...}}`.
///
/// A record from a newer schema, or one that does not parse, is an error (the
/// caller quarantines it).
///
/// A record larger than a claim may be ([`MAX_CLAIM_BYTES`]) is not parsed,
/// and a claim over the limits of [`intake::check_stored`] is refused too:
/// a poison record cannot stop the app from loading the others.
pub fn migrate_claim_record(raw: &str) -> Result<Claim, String> {
    if raw.len() > MAX_CLAIM_BYTES {
        return Err(intake::oversized_record_reason(raw.chars().count()));
    }
    let claim = decode_claim_record(raw)?;
    intake::check_stored(&claim)?;
    Ok(claim)
}

/// A record that cannot be read, as it goes into the quarantine: its raw
/// text, or only the first [`intake::QUARANTINE_PREVIEW_BYTES`] of one too
/// large to be a claim (the reason says so).
pub fn quarantined(key: String, raw: String, reason: String) -> Quarantined {
    let raw = if raw.len() > MAX_CLAIM_BYTES {
        intake::preview(&raw, intake::QUARANTINE_PREVIEW_BYTES).to_string()
    } else {
        raw
    };
    Quarantined { key, raw, reason }
}

fn decode_claim_record(raw: &str) -> Result<Claim, String> {
    // The common case in one typed pass; anything else takes the general
    // path below, which gives the precise reason.
    #[derive(serde::Deserialize)]
    struct Current {
        schema: u64,
        claim: Claim,
    }
    if let Ok(Current { schema: 1, claim }) = serde_json::from_str::<Current>(raw)
        && !claim.id.trim().is_empty()
    {
        return Ok(claim);
    }
    let value: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| format!("not JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let schema = match obj.get("schema") {
        None => 0,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| "the schema version is not a number".to_string())?,
    };
    let claim_value = match schema {
        0 => &value,
        1 => obj
            .get("claim")
            .ok_or_else(|| "the record has no claim".to_string())?,
        n => return Err(format!("written by a newer version (schema {n})")),
    };
    // Read from the value's text, not the value: serde's derived code of
    // the whole claim graph would otherwise be in the first load twice,
    // once for JSON text and once for a `Value` (docs/performance.md, "The
    // first load: tagged enums read through flat records"). The text is
    // the value's own (duplicate keys already merged), so it reads the same.
    let claim: Claim =
        serde_json::from_str(&claim_value.to_string()).map_err(|e| format!("not a claim: {e}"))?;
    if claim.id.trim().is_empty() {
        return Err("the claim has no id".to_string());
    }
    Ok(claim)
}

/// Runs a future that never waits (the memory adapter's) to completion.
/// Panics if it would wait: only for tests and doc examples.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("block_on: the future is not ready"),
    }
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.trim())
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_many_answers_in_the_order_asked_with_none_for_absent_claims() {
        let store = memory::MemoryStore::default();
        for id in ["a", "b"] {
            let claim = Claim {
                id: id.into(),
                ..Claim::default()
            };
            block_on(store.save(claim)).unwrap();
        }
        let ids = ["b", "missing", "a"].map(String::from).to_vec();
        let loaded = block_on(store.load_many(ids)).unwrap();
        let got: Vec<Option<&str>> = loaded
            .iter()
            .map(|c| c.as_ref().map(|c| c.id.as_str()))
            .collect();
        assert_eq!(got, [Some("b"), None, Some("a")]);
    }

    #[test]
    fn schema_0_and_1_records_migrate() {
        let bare = r#"{"id":"a","name":"x","revision":3}"#;
        let c = migrate_claim_record(bare).unwrap();
        assert_eq!((c.id.as_str(), c.revision), ("a", 3));
        let enc = encode_claim(&c);
        assert!(enc.starts_with(r#"{"schema":1,"#));
        assert_eq!(migrate_claim_record(&enc).unwrap(), c);
    }

    #[test]
    fn browser_exceptions_map_by_name() {
        let quota = StorageError::from_exception("QuotaExceededError", "full");
        assert_eq!(
            quota,
            StorageError::QuotaExceeded("QuotaExceededError: full".into())
        );
        assert_eq!(quota.detail(), "QuotaExceededError: full");
        assert!(StorageError::from_exception("NS_ERROR_DOM_QUOTA_REACHED", "").is_quota());
        for name in ["InvalidStateError", "SecurityError", "VersionError"] {
            assert!(matches!(
                StorageError::from_exception(name, "x"),
                StorageError::Unavailable(_)
            ));
        }
        assert_eq!(
            StorageError::from_exception("", "odd"),
            StorageError::Backend("odd".into())
        );
        let conflict = StorageError::Conflict {
            id: "c".into(),
            expected: 1,
            stored: 2,
        };
        assert_eq!(conflict.detail(), conflict.to_string());
    }

    #[test]
    fn unreadable_records_are_errors_with_reasons() {
        assert!(
            migrate_claim_record("{oops")
                .unwrap_err()
                .contains("not JSON")
        );
        assert!(migrate_claim_record("[1]").unwrap_err().contains("object"));
        assert!(
            migrate_claim_record(r#"{"schema":9,"claim":{}}"#)
                .unwrap_err()
                .contains("newer")
        );
        assert!(migrate_claim_record(r#"{"schema":1}"#).is_err());
        assert!(migrate_claim_record(r#"{"id":""}"#).is_err());
        assert!(migrate_claim_record(r#"{"id":"a","status":"bogus"}"#).is_err());
    }
}
