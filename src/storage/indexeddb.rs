//! IndexedDB adapter: the browser's default store (docs/rules.md#storage).
//!
//! One database (normally `cpor-desk`, see `super::open_browser_store`)
//! with twelve object stores, created by the upgrade handler of IDB version
//! [`IDB_VERSION`] (an upgrade from version 1 adds the sync stores, one from
//! version 2 the snapshot and the journal, and keeps everything else):
//!
//! | store | key | value |
//! |---|---|---|
//! | `claims` | claim id | the [`encode_claim`] JSON text |
//! | `documents` | document id | `{ id, name, mediaType, bytes: Blob }` |
//! | `quarantine` | record key | a [`Quarantined`] as JSON text |
//! | `snapshot` | `"head"`, `0`, `1`, … | the load snapshot: its head `{ seq, slices, claims, generation }`, and the claims' records [`LOAD_SLICE`] to a value `{ keys, records, generation }` ([`super::journal`]) |
//! | `journal` | a number from the store's key generator | the id of a claim written or deleted since the snapshot, or an array of the ids one batch wrote |
//! | `meta` | `"schemaVersion"` | [`SCHEMA_VERSION`] (a number); also the sync replica id and settings |
//! | `sync_bases`, `sync_conflicts`, `sync_push_errors`, `sync_checkpoints`, `sync_files`, `sync_dirty` | claim, document or checkpoint key | team sync's metadata ([`SYNC_STORES`], `super::indexeddb_replica`) |
//!
//! A save (and a delete) reads the stored revision and writes in one
//! `readwrite` transaction. IndexedDB runs `readwrite` transactions over the
//! same store one after the other, across tabs too, so of two tabs saving
//! the same revision exactly one wins and the other gets
//! [`StorageError::Conflict`].
//!
//! Every transaction that writes or deletes a claim record also adds the
//! claim's id to the journal ([`journal`]); [`SyncAdapter::load_all`]
//! reads the snapshot and the journaled records ([`super::journal`]).
//!
//! Successful writes call [`watch::notify`] (see the module docs of
//! [`crate::storage`]).

use std::cell::RefCell;
use std::collections::HashSet;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use idb::{Database, DatabaseEvent, Factory, ObjectStore, ObjectStoreParams, TransactionMode};
use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, DomException, IdbTransaction};

use super::heap;
use super::import::{ImportBatch, ImportReport, ImportUndo, Merge, merge};
use super::journal::{self, Head};
use super::slices::{LOAD_SLICE, read_in_slices};
use super::watch::{self, Change};
use super::{
    AdapterKind, Fut, Quarantined, SCHEMA_VERSION, Snapshot, StorageError, StoredDocument,
    SyncAdapter, encode_claim, error_from_js, migrate_claim_record, quarantined,
};
use crate::domain::claim::Claim;
use crate::domain::intake::{self, MAX_CLAIM_BYTES, QUARANTINE_PREVIEW_BYTES};

/// The IndexedDB version of the database layout (object stores). Bump it,
/// and extend the upgrade handler, to add or change a store. Version 2
/// added the team-sync stores ([`SYNC_STORES`]), version 3 the load
/// snapshot and its journal ([`SNAPSHOT`], [`JOURNAL`]).
pub const IDB_VERSION: u32 = 3;

/// The object store of claims.
pub const CLAIMS: &str = "claims";
/// The load snapshot ([`super::journal`]): the claims' records packed
/// [`LOAD_SLICE`] to a value (`{ keys, records }`, two arrays) under the
/// numbers `0..slices`, and the head (`{ seq, slices, claims }`) under
/// [`HEAD`]. A cache of the claims store, never the truth.
pub const SNAPSHOT: &str = "snapshot";
/// The key of the snapshot's head in [`SNAPSHOT`].
pub const HEAD: &str = "head";
/// The journal ([`super::journal`]): the id of every claim written or
/// deleted (one entry per transaction: an id, or an array of the ids a
/// batch wrote), under the store's key generator (a number growing with
/// each entry), added in the transaction that writes the claims.
pub const JOURNAL: &str = "journal";
/// The object store of document bytes.
pub const DOCUMENTS: &str = "documents";
/// The object store of quarantined records.
pub const QUARANTINE: &str = "quarantine";
/// The object store holding `schemaVersion`, the sync replica id
/// (`replicaId`) and each organisation's sync settings
/// (`sync-settings:<org id>`).
pub const META: &str = "meta";
/// Team sync: the last synced version of each claim (claim id → a
/// `SyncBase` as JSON text).
pub const SYNC_BASES: &str = "sync_bases";
/// Team sync: conflicts waiting for the user (claim id → JSON text).
pub const SYNC_CONFLICTS: &str = "sync_conflicts";
/// Team sync: documents the server refused (document id → JSON text).
pub const SYNC_PUSH_ERRORS: &str = "sync_push_errors";
/// Team sync: the last pulled sequence per server and database.
pub const SYNC_CHECKPOINTS: &str = "sync_checkpoints";
/// Team sync: the PoE files the server is known to hold (file id → true).
pub const SYNC_FILES: &str = "sync_files";
/// Team sync: the dirty set, the claims saved, deleted or imported here
/// since they were last pushed (claim id → true), written in the same
/// transaction as the claim; the number key [`DIRTY_COMPLETE`] marks it as
/// complete (absent after an upgrade or an import: the next push scans
/// everything once).
pub const SYNC_DIRTY: &str = "sync_dirty";
/// The key (a number, so never a claim id) marking [`SYNC_DIRTY`] complete.
pub const DIRTY_COMPLETE: f64 = 0.0;
/// The team-sync stores (their code: `super::indexeddb_replica`).
pub const SYNC_STORES: [&str; 6] = [
    SYNC_BASES,
    SYNC_CONFLICTS,
    SYNC_PUSH_ERRORS,
    SYNC_CHECKPOINTS,
    SYNC_FILES,
    SYNC_DIRTY,
];

/// Claims, documents and quarantined records in one IndexedDB database.
///
/// ```no_run
/// use cpor_desk::storage::{SyncAdapter, indexeddb::IndexedDbStore};
/// use cpor_desk::domain::claim::Claim;
///
/// # async fn demo() -> Result<(), cpor_desk::storage::StorageError> {
/// let store = IndexedDbStore::open("cpor-desk").await?;
/// let saved = store.save(Claim { id: "c1".into(), ..Claim::default() }).await?;
/// assert_eq!(saved.revision, 1);
/// let snapshot = store.load_all().await?;
/// for bad in &snapshot.quarantined {
///     // Offer bad.raw for download, then maybe store.discard_quarantined(&bad.key).
///     let _ = bad;
/// }
/// # Ok(()) }
/// ```
///
/// The connection is closed when the store is dropped, and also when
/// another tab opens the database at a newer [`IDB_VERSION`] (every later
/// call then fails with [`StorageError::Unavailable`]: reload the page).
#[derive(Debug)]
pub struct IndexedDbStore {
    db: Database,
    /// The same connection, for a compaction that runs after the load
    /// returned.
    raw: web_sys::IdbDatabase,
    /// What writes a load's snapshot after the load returned
    /// ([`Compactor`]).
    compactor: Compactor,
    name: String,
    /// Whether documents' bytes go in as a `Blob` (true until the browser
    /// refuses one): WebKit in a private window, and WebKitGTK's automation
    /// sessions, refuse Blobs in IndexedDB ("Error preparing Blob/File data
    /// to be stored in object store"); the bytes then go in as a
    /// `Uint8Array`, which [`read_document`] reads too.
    blobs: std::cell::Cell<bool>,
}

impl IndexedDbStore {
    /// Opens (creating or upgrading as needed) the database `db_name`;
    /// a load's snapshot is written by [`write_later`].
    ///
    /// Fails with [`StorageError::Unavailable`] when IndexedDB is missing or
    /// refused (private modes, disabled storage), when the database was
    /// created by a newer version of the app, or when the upgrade is blocked
    /// by another tab that keeps an older version open.
    pub async fn open(db_name: &str) -> Result<IndexedDbStore, StorageError> {
        Self::open_with(db_name, write_later).await
    }

    /// [`IndexedDbStore::open`] with another [`Compactor`]: the app's
    /// fetches the snapshot's writing as a chunk of its own first (the
    /// split build), so that it is not in the first load.
    pub async fn open_with(
        db_name: &str,
        compactor: Compactor,
    ) -> Result<IndexedDbStore, StorageError> {
        let unavailable = |e: idb::Error| match idb_error(e) {
            StorageError::Unavailable(m) => StorageError::Unavailable(m),
            other => StorageError::Unavailable(other.detail()),
        };
        let factory = Factory::new().map_err(|e| {
            StorageError::Unavailable(format!("this browser has no IndexedDB ({e})"))
        })?;
        let mut request = factory
            .open(db_name, Some(IDB_VERSION))
            .map_err(unavailable)?;
        request.on_upgrade_needed(upgrade);
        let blocked = Signal::default();
        {
            let blocked = blocked.clone();
            request.on_blocked(move |_| blocked.fire());
        }
        let mut open = Box::pin(request.into_future());
        let outcome = std::future::poll_fn(|cx| {
            if let Poll::Ready(r) = open.as_mut().poll(cx) {
                return Poll::Ready(Some(r));
            }
            if blocked.poll(cx) {
                return Poll::Ready(None);
            }
            Poll::Pending
        })
        .await;
        let raw: web_sys::IdbDatabase = match outcome {
            Some(Ok(db)) => db.into(),
            Some(Err(e)) => {
                let err = unavailable(e);
                return Err(match &err {
                    StorageError::Unavailable(m) if m.starts_with("VersionError") => {
                        StorageError::Unavailable(format!(
                            "the database {db_name} was written by a newer version of CPOR Desk ({m})"
                        ))
                    }
                    _ => err,
                });
            }
            None => {
                // The request stays queued: should it go through later,
                // close that connection so it blocks nobody.
                js_sys::futures::spawn_local(async move {
                    if let Ok(db) = open.await {
                        db.close();
                    }
                });
                return Err(StorageError::Unavailable(format!(
                    "another tab keeps an older version of the database {db_name} open; close it and reload"
                )));
            }
        };
        // Another tab wants to upgrade the layout: let it (this connection
        // becomes unusable, which the app reports as Unavailable).
        let mut db = Database::from(raw.clone());
        {
            let raw = raw.clone();
            db.on_version_change(move |_| raw.close());
        }
        Ok(IndexedDbStore {
            db,
            raw,
            compactor,
            name: db_name.to_string(),
            blobs: std::cell::Cell::new(true),
        })
    }

    /// Whether documents' bytes go in as Blobs: true until this browser
    /// refused one (WebKit in a private window), then `Uint8Array`s.
    pub fn keeps_blobs(&self) -> bool {
        self.blobs.get()
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(super) fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<idb::Transaction, StorageError> {
        self.db
            .transaction(stores, mode)
            .map_err(|e| match idb_error(e) {
                StorageError::Unavailable(m) => StorageError::Unavailable(format!(
                    "the database connection is closed, maybe because another tab updated CPOR Desk; reload the page ({m})"
                )),
                other => other,
            })
    }

    pub(super) fn read_tx(&self, stores: &[&str]) -> Result<idb::Transaction, StorageError> {
        self.transaction(stores, TransactionMode::ReadOnly)
    }

    /// The value under `key` in the object store `store_name`, read in a
    /// transaction of its own.
    pub(super) async fn read_one(
        &self,
        store_name: &str,
        key: &str,
    ) -> Result<Option<JsValue>, StorageError> {
        let tx = self.read_tx(&[store_name])?;
        let store = tx.object_store(store_name).map_err(idb_error)?;
        store
            .get(JsValue::from_str(key))
            .map_err(idb_error)?
            .await
            .map_err(idb_error)
    }

    /// The values under `keys` in the object store `store_name`, read in
    /// one transaction of their own ([`get_many`]).
    pub(super) async fn read_many(
        &self,
        store_name: &str,
        keys: &[String],
    ) -> Result<Vec<Option<JsValue>>, StorageError> {
        let tx = self.read_tx(&[store_name])?;
        let store = tx.object_store(store_name).map_err(idb_error)?;
        get_many(&store, keys).await
    }

    pub(super) fn write_tx(
        &self,
        stores: &[&str],
    ) -> Result<(Vec<ObjectStore>, WriteTx), StorageError> {
        let tx = self.transaction(stores, TransactionMode::ReadWrite)?;
        let objects = stores
            .iter()
            .map(|s| tx.object_store(s).map_err(idb_error))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((objects, WriteTx::new(tx.into())))
    }

    /// Loads every claim, as [`SyncAdapter::load_all`] does, and writes the
    /// load snapshot from what it read, now (not after the load returned):
    /// `Ok(false)` when a newer snapshot was written meanwhile (by another
    /// tab) and this one was not.
    pub async fn compact(&self) -> Result<bool, StorageError> {
        let (_, compaction) = self.load_claims(true).await?;
        match compaction {
            Some(c) => c.write().await,
            None => Ok(false),
        }
    }

    /// Every claim and quarantined record, in one readwrite transaction over
    /// the claims, the quarantine, the snapshot and the journal (so that
    /// nothing writes in between, and a record that cannot be read is moved
    /// to the quarantine in it); and the snapshot to write, when one is due
    /// or `compact`.
    async fn load_claims(
        &self,
        compact: bool,
    ) -> Result<(Snapshot, Option<Compaction>), StorageError> {
        let clock = PhaseClock::start();
        let (stores, tx) = self.write_tx(&[CLAIMS, QUARANTINE, SNAPSHOT, JOURNAL])?;
        let (claims, quarantine, snapshot, log) = (&stores[0], &stores[1], &stores[2], &stores[3]);
        let head = snapshot
            .get(JsValue::from_str(HEAD))
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let head = head.as_ref().and_then(read_head);
        let seqs = log
            .get_all_keys(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let ids = log
            .get_all(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let base = journal::base_seq(head.map(|h| h.seq), seqs.iter().filter_map(|k| k.as_f64()));
        // Each entry is an id, or an array of them (a batch); each id once
        // (`skipped`, which the snapshot's read asks for every key).
        let skipped = js_sys::Set::new(&JsValue::UNDEFINED);
        let mut journaled: Vec<String> = Vec::with_capacity(ids.len());
        let mut note = |id: JsValue| {
            if !skipped.has(&id) {
                journaled.push(key_text(&id));
                skipped.add(&id);
            }
        };
        for value in &ids {
            match value.dyn_ref::<Array>() {
                Some(batch) => batch.iter().for_each(&mut note),
                None => note(value.clone()),
            }
        }
        clock.lap("journal");
        let entries = seqs.len().max(journaled.len());
        let due =
            compact || head.is_some_and(|h| journal::compaction_due(entries, h.claims as usize));
        let mut from =
            head.filter(|h| !journal::prefer_records(journaled.len(), h.claims as usize));
        let read = loop {
            // Every record (no `from`) is always read: `None` is only ever
            // a snapshot that cannot be used.
            // Reading every record, nothing is journaled: each is current.
            let (keep, skip): (bool, &[String]) = match from {
                Some(_) => (due, &journaled),
                None => (true, &[]),
            };
            match read_claims(claims, snapshot, from, skip, &skipped, keep, &clock).await? {
                Some(read) => break read,
                None => from = None,
            }
        };
        let fallback = from.is_none();
        let Read {
            claims: loaded,
            unreadable,
            records,
        } = read;
        let mut snap = Snapshot {
            claims: loaded,
            ..Snapshot::default()
        };
        let moved = Array::new();
        for (key, raw, reason) in unreadable {
            let q = quarantined(key_text(&key), raw, reason);
            // Moved in the same transaction: both or neither.
            quarantine
                .put(&quarantined_value(&q), Some(&JsValue::from_str(&q.key)))
                .map_err(idb_error)?;
            claims.delete(key.clone()).map_err(idb_error)?;
            moved.push(&key);
        }
        journal_all(log, &moved)?;
        let qkeys = quarantine
            .get_all_keys(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let qvalues = quarantine
            .get_all(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        for (key, value) in qkeys.iter().zip(qvalues.iter()) {
            snap.quarantined.push(read_quarantined(key, value));
        }
        tx.commit().await?;
        // Key order is id order already (both compare code units for these
        // ASCII ids), except for claims read through the journal; the sort
        // then moves only those.
        snap.claims.sort_by(|a, b| a.id.cmp(&b.id));
        snap.quarantined.sort_by(|a, b| a.key.cmp(&b.key));
        clock.lap("quarantine+commit");
        clock.report(if fallback { "records" } else { "snapshot" });
        // A store without a snapshot and without claims (a partner's first
        // start) has nothing to write: its first claim's load writes one.
        let nothing = head.is_none() && snap.claims.is_empty();
        let compaction = records
            .filter(|_| (fallback || due) && !nothing)
            .map(|records| Compaction {
                db: self.raw.clone(),
                base,
                records,
            });
        Ok((snap, compaction))
    }
}

/// What one load read: the claims, the records that must go to the
/// quarantine (key, raw text, reason), and, when a snapshot is to be
/// written, the readable records ([`Records`]).
struct Read {
    claims: Vec<Claim>,
    unreadable: Vec<(JsValue, String, String)>,
    records: Option<Records>,
}

/// The records a load read, for a new snapshot (key, record): those of
/// the snapshot (or of the claims store, when the load read every record)
/// and the current ones of the snapshot's records that did not decode
/// (`again`), each in key order, and the current ones of the journaled ids
/// in the journal's order (`current`; `None`: deleted or unreadable). The
/// snapshot's writing sorts `current` and makes one list of them
/// ([`journal::merge`]), not the load.
struct Records {
    kept: Vec<(String, JsValue)>,
    again: Vec<(String, Option<JsValue>)>,
    current: Vec<(String, Option<JsValue>)>,
}

/// What writes a load's snapshot ([`Compaction::write`]) once the load has
/// returned: [`write_later`], or the app's, which fetches that code as a
/// chunk first (`src/app/state`). It must not make the load wait, and may
/// drop the compaction (a chunk that did not load): the claims store stays
/// the truth, and the next load reads it and hands over a compaction again.
pub type Compactor = fn(Compaction);

/// The [`Compactor`] of [`IndexedDbStore::open`]: writes the snapshot in a
/// task of its own (`spawn_local`). A failure leaves the old snapshot and
/// its journal, which still give the claims store.
pub fn write_later(compaction: Compaction) {
    js_sys::futures::spawn_local(async move {
        let _ = compaction.write().await;
    });
}

/// A snapshot to write: the records a load read, as of journal entry
/// `base` ([`journal::Head::seq`]), handed by the load to the store's
/// [`Compactor`].
pub struct Compaction {
    /// The store's connection.
    db: web_sys::IdbDatabase,
    base: f64,
    records: Records,
}

impl Compaction {
    /// Writes the snapshot and deletes the journal entries up to `base`,
    /// in one transaction, unless a newer snapshot was written meanwhile
    /// ([`journal::may_replace`]; then `Ok(false)`). Each value is awaited
    /// before the next is made, so the page handles input in between.
    pub async fn write(self) -> Result<bool, StorageError> {
        let started = now_ms();
        let Records {
            kept,
            again,
            current,
        } = self.records;
        // The journaled ids were read in the journal's order.
        let mut current = current;
        current.sort_by(|a, b| a.0.cmp(&b.0));
        let records = journal::merge(journal::merge(kept, again), current);
        let db = Database::from(self.db);
        let tx = db
            .transaction(&[SNAPSHOT, JOURNAL], TransactionMode::ReadWrite)
            .map_err(idb_error)?;
        let snapshot = tx.object_store(SNAPSHOT).map_err(idb_error)?;
        let log = tx.object_store(JOURNAL).map_err(idb_error)?;
        let tx = WriteTx::new(tx.into());
        let stored = match snapshot.get(JsValue::from_str(HEAD)).map_err(idb_error) {
            Ok(request) => request.await.map_err(idb_error),
            Err(e) => Err(e),
        };
        let stored = match stored {
            Ok(v) => v.as_ref().and_then(read_head).map(|h| h.seq),
            Err(e) => return Err(tx.abort(e).await),
        };
        if !journal::may_replace(stored, self.base) {
            let newer = StorageError::Backend("a newer snapshot was written".to_string());
            tx.abort(newer).await;
            return Ok(false);
        }
        let claims = records.len();
        let generation = js_sys::Math::random();
        let written = async {
            snapshot.clear().map_err(idb_error)?;
            let mut slices = 0u32;
            for chunk in records.chunks(LOAD_SLICE) {
                let keys = Array::new_with_length(chunk.len() as u32);
                let records = Array::new_with_length(chunk.len() as u32);
                for (i, (key, record)) in chunk.iter().enumerate() {
                    keys.set(i as u32, JsValue::from_str(key));
                    records.set(i as u32, record.clone());
                }
                let value = Object::new();
                set_field(&value, "keys", &keys)?;
                set_field(&value, "records", &records)?;
                set_field(&value, "generation", &JsValue::from(generation))?;
                snapshot
                    .put(&value, Some(&JsValue::from(slices)))
                    .map_err(idb_error)?
                    .await
                    .map_err(idb_error)?;
                slices += 1;
            }
            let upto =
                idb::KeyRange::upper_bound(&JsValue::from(self.base), None).map_err(idb_error)?;
            log.delete(idb::Query::KeyRange(upto)).map_err(idb_error)?;
            let head = Head {
                seq: self.base,
                slices,
                claims: claims as u32,
                generation,
            };
            snapshot
                .put(&head_value(&head)?, Some(&JsValue::from_str(HEAD)))
                .map_err(idb_error)?;
            Ok::<(), StorageError>(())
        }
        .await;
        match written {
            Ok(()) => tx.commit().await?,
            Err(e) => return Err(tx.abort(e).await),
        }
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(&format!(
                "cpor:snapshot-written:{claims}:{}",
                crate::i18n::one_decimal(now_ms() - started)
            ));
        }
        Ok(true)
    }
}

/// The claims, from the snapshot (`head`) and the current records of the
/// `journaled` ids, or with no `head` from every record of the claims
/// store. The two are one reader over slices of (key, record) pairs, so
/// that the first load holds one copy of it: a snapshot value per slice, or
/// [`LOAD_SLICE`] records of the claims store in key order (the keys read
/// first bound the slices, say how many claims to make room for, and name
/// the records that must be moved to the quarantine).
///
/// `None` when the snapshot cannot be used (a value missing or not of its
/// shape, its keys out of order, or the claims store holding another
/// number of records than the snapshot and journal say: something wrote it
/// without the journal); the load then reads every record instead. A record
/// of the snapshot that does not decode is read again from the claims
/// store, whose record is judged as a load without snapshot would. `keep`:
/// keep the records for a new snapshot.
async fn read_claims(
    claims: &ObjectStore,
    snapshot: &ObjectStore,
    head: Option<Head>,
    journaled: &[String],
    skipped: &js_sys::Set,
    keep: bool,
    clock: &PhaseClock,
) -> Result<Option<Read>, StorageError> {
    use std::future::IntoFuture;
    let keys = match head {
        Some(_) => Vec::new(),
        None => {
            let keys = claims
                .get_all_keys(None, None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            clock.lap("keys");
            keys
        }
    };
    // Asked first, answered before the snapshot's values.
    let count = match head {
        Some(_) => Some(claims.count(None).map_err(idb_error)?.into_future()),
        None => None,
    };
    let (slices, per_slice, capacity) = match head {
        Some(head) => (head.slices as usize, 1, head.claims as usize),
        None => (keys.len(), LOAD_SLICE, keys.len()),
    };
    let mut loaded = Vec::with_capacity(capacity);
    let mut kept = Vec::new();
    if keep {
        kept.reserve_exact(capacity);
    }
    let mut reread = Vec::new();
    let mut unreadable = Vec::new();
    let mut intact = true;
    let mut last: Option<JsValue> = None;
    let mut decode_ms = 0.0;
    read_in_slices(
        slices,
        per_slice,
        |s, e| {
            // Sent now; awaited when the slice before is decoded. `Ok`: a
            // snapshot value, `Err`: the records of a key range.
            let request = match head {
                Some(_) => snapshot
                    .get(JsValue::from(s as u32))
                    .map(|r| Ok(r.into_future())),
                // Nothing else writes the store during this readwrite
                // transaction, so slice [s, e) holds keys[s..e].
                None => idb::KeyRange::bound(&keys[s], &keys[e - 1], None, None)
                    .and_then(|r| claims.get_all(Some(idb::Query::KeyRange(r)), None))
                    .map(|r| Err(r.into_future())),
            };
            async move {
                match request.map_err(idb_error)? {
                    Ok(value) => Ok(vec![
                        value
                            .await
                            .map_err(idb_error)?
                            .unwrap_or(JsValue::UNDEFINED),
                    ]),
                    Err(values) => values.await.map_err(idb_error),
                }
            }
        },
        |start, mut values| {
            if !intact {
                return Ok::<(), StorageError>(());
            }
            let t = now_ms();
            // The slice's keys and records, in key order: a snapshot
            // value's two arrays, or `keys` from `start` and the records.
            let arrays = match head {
                Some(head) => {
                    let arrays = values.pop().and_then(|v| slice_arrays(&v, head.generation));
                    if arrays.is_none() {
                        intact = false;
                        return Ok(());
                    }
                    arrays
                }
                None => None,
            };
            let n = arrays
                .as_ref()
                .map_or(values.len(), |(k, _)| k.length() as usize);
            for j in 0..n {
                let (key, record) = match &arrays {
                    Some((k, r)) => (k.get(j as u32), r.get(j as u32)),
                    None => match (keys.get(start + j), values.get_mut(j)) {
                        (Some(key), Some(record)) => (key.clone(), std::mem::take(record)),
                        _ => break,
                    },
                };
                // The snapshot's keys: text, in key order across the values
                // (compared in JavaScript: no copy of the key unless it is
                // needed).
                if head.is_some()
                    && (!key.is_string() || last.as_ref().is_some_and(|l: &JsValue| !l.lt(&key)))
                {
                    intact = false;
                    break;
                }
                let skip = !journaled.is_empty() && skipped.has(&key);
                let key = last.insert(key);
                if skip {
                    continue;
                }
                // The memory grows in large steps (`heap`).
                heap::keep_headroom();
                match read_record(&record) {
                    Ok(claim) => {
                        loaded.push(claim);
                        if keep {
                            kept.push((key_text(key), record));
                        }
                    }
                    Err(_) if head.is_some() => reread.push(key_text(key)),
                    Err((raw, reason)) => unreadable.push((key.clone(), raw, reason)),
                }
            }
            decode_ms += now_ms() - t;
            Ok(())
        },
    )
    .await?;
    clock.add("decode", decode_ms);
    clock.lap("read");
    if !intact {
        return Ok(None);
    }
    let ids: Vec<String> = journaled.iter().cloned().chain(reread).collect();
    let values = get_many(claims, &ids).await?;
    if let Some(count) = count {
        let stored = count.await.map_err(idb_error)?;
        let present = loaded.len() + values.iter().filter(|v| v.is_some()).count();
        if present != stored as usize {
            return Ok(None);
        }
    }
    // The current records of the journaled ids (in the journal's order) and
    // of the re-read ones (in key order).
    let (mut current, mut again) = (Vec::new(), Vec::new());
    let journaled_ids = journaled.len();
    for (i, (id, value)) in ids.into_iter().zip(values).enumerate() {
        let record = match value {
            None => None,
            Some(value) => match read_record(&value) {
                Ok(claim) => {
                    loaded.push(claim);
                    Some(value)
                }
                Err((raw, reason)) => {
                    unreadable.push((JsValue::from_str(&id), raw, reason));
                    None
                }
            },
        };
        if keep {
            let list = if i < journaled_ids {
                &mut current
            } else {
                &mut again
            };
            list.push((id, record));
        }
    }
    clock.lap("journaled");
    Ok(Some(Read {
        claims: loaded,
        unreadable,
        records: keep.then_some(Records {
            kept,
            again,
            current,
        }),
    }))
}

/// A snapshot value's two arrays (keys, records), if it has that shape and
/// belongs to the snapshot of `generation`.
fn slice_arrays(value: &JsValue, generation: f64) -> Option<(Array, Array)> {
    let field = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let array = |name: &str| field(name).and_then(|v| v.dyn_into::<Array>().ok());
    let (keys, records) = (array("keys")?, array("records")?);
    (field("generation")?.as_f64() == Some(generation) && keys.length() == records.length())
        .then_some((keys, records))
}

/// A snapshot's head, if readable.
fn read_head(value: &JsValue) -> Option<Head> {
    let number = |name: &str| {
        Reflect::get(value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite() && *n >= 0.0)
    };
    Some(Head {
        seq: number("seq")?,
        slices: number("slices")? as u32,
        claims: number("claims")? as u32,
        generation: number("generation")?,
    })
}

fn head_value(head: &Head) -> Result<JsValue, StorageError> {
    let value = Object::new();
    set_field(&value, "seq", &JsValue::from(head.seq))?;
    set_field(&value, "slices", &JsValue::from(head.slices))?;
    set_field(&value, "claims", &JsValue::from(head.claims))?;
    set_field(&value, "generation", &JsValue::from(head.generation))?;
    Ok(value.into())
}

fn set_field(object: &Object, name: &str, value: &JsValue) -> Result<(), StorageError> {
    Reflect::set(object, &JsValue::from_str(name), value)
        .map(drop)
        .map_err(|e| error_from_js(&e))
}

impl Drop for IndexedDbStore {
    fn drop(&mut self) {
        // Pending transactions still finish.
        self.db.close();
    }
}

impl SyncAdapter for IndexedDbStore {
    fn kind(&self) -> AdapterKind {
        AdapterKind::IndexedDb
    }

    /// From the load snapshot and its journal when there is one
    /// ([`super::journal`]), else every record in slices; a snapshot is
    /// written afterwards (not awaited) when there was none, when it did not
    /// hold what the claims store holds, or when its journal has grown
    /// ([`journal::compaction_due`]).
    fn load_all(&self) -> Fut<'_, Snapshot> {
        Box::pin(async move {
            let (snap, compaction) = self.load_claims(false).await?;
            if let Some(compaction) = compaction {
                // Not awaited: the load returns now.
                (self.compactor)(compaction);
            }
            Ok(snap)
        })
    }

    fn load(&self, id: &str) -> Fut<'_, Option<Claim>> {
        let id = id.to_string();
        Box::pin(async move {
            match self.read_one(CLAIMS, &id).await? {
                None => Ok(None),
                Some(v) => read_claim(&v).map(Some),
            }
        })
    }

    fn load_many(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<Claim>>> {
        Box::pin(async move {
            let values = self.read_many(CLAIMS, &ids).await?;
            values
                .into_iter()
                .map(|v| v.map(|v| read_claim(&v)).transpose())
                .collect()
        })
    }

    fn save(&self, mut claim: Claim) -> Fut<'_, Claim> {
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[CLAIMS, SYNC_DIRTY, JOURNAL])?;
            let key = JsValue::from_str(&claim.id);
            let stored = match stored_revision(&stores[0], &key).await {
                Ok(r) => r,
                Err(e) => return Err(tx.abort(e).await),
            };
            if stored != claim.revision {
                let conflict = StorageError::Conflict {
                    id: claim.id,
                    expected: claim.revision,
                    stored,
                };
                return Err(tx.abort(conflict).await);
            }
            claim.revision += 1;
            stores[0]
                .put(&JsValue::from_str(&encode_claim(&claim)), Some(&key))
                .map_err(idb_error)?;
            mark_dirty(&stores[1], &key)?;
            journal(&stores[2], &key)?;
            tx.commit().await?;
            watch::notify(&Change::Saved {
                id: claim.id.clone(),
                revision: claim.revision,
            });
            Ok(claim)
        })
    }

    fn delete(&self, id: &str, revision: u64) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[CLAIMS, SYNC_DIRTY, JOURNAL])?;
            let key = JsValue::from_str(&id);
            let stored = match stored_revision(&stores[0], &key).await {
                Ok(r) => r,
                Err(e) => return Err(tx.abort(e).await),
            };
            if stored != revision {
                let conflict = StorageError::Conflict {
                    id,
                    expected: revision,
                    stored,
                };
                return Err(tx.abort(conflict).await);
            }
            stores[0].delete(key.clone()).map_err(idb_error)?;
            mark_dirty(&stores[1], &key)?;
            journal(&stores[2], &key)?;
            tx.commit().await?;
            watch::notify(&Change::Deleted { id });
            Ok(())
        })
    }

    fn restore(&self, claim: Claim) -> Fut<'_, ()> {
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[CLAIMS, SYNC_DIRTY, JOURNAL])?;
            let key = JsValue::from_str(&claim.id);
            stores[0]
                .put(&JsValue::from_str(&encode_claim(&claim)), Some(&key))
                .map_err(idb_error)?;
            mark_dirty(&stores[1], &key)?;
            journal(&stores[2], &key)?;
            tx.commit().await?;
            watch::notify(&Change::Saved {
                id: claim.id,
                revision: claim.revision,
            });
            Ok(())
        })
    }

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        Box::pin(async move {
            let doc = &doc;
            let put = |as_blob| async move {
                let value = document_value(doc, as_blob)?;
                let (stores, tx) = self.write_tx(&[DOCUMENTS])?;
                stores[0]
                    .put(&value, Some(&JsValue::from_str(&doc.id)))
                    .map_err(idb_error)?;
                tx.commit().await
            };
            match put(self.blobs.get()).await {
                // A Blob refused (see `blobs`): the same bytes as an array.
                Err(StorageError::Backend(_)) if self.blobs.get() => {
                    put(false).await?;
                    self.blobs.set(false);
                }
                other => other?,
            }
            watch::notify(&Change::Documents);
            Ok(())
        })
    }

    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        let id = id.to_string();
        Box::pin(async move {
            // The Blob stays readable after the transaction ends.
            match self.read_one(DOCUMENTS, &id).await? {
                None => Ok(None),
                Some(v) => read_document(&id, &v).await.map(Some),
            }
        })
    }

    fn delete_document(&self, id: &str) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[DOCUMENTS])?;
            stores[0]
                .delete(JsValue::from_str(&id))
                .map_err(idb_error)?;
            tx.commit().await?;
            watch::notify(&Change::Documents);
            Ok(())
        })
    }

    fn document_ids(&self) -> Fut<'_, Vec<String>> {
        Box::pin(async move {
            let tx = self.read_tx(&[DOCUMENTS])?;
            let store = tx.object_store(DOCUMENTS).map_err(idb_error)?;
            let keys = store
                .get_all_keys(None, None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            let mut ids: Vec<String> = keys.iter().map(key_text).collect();
            ids.sort();
            Ok(ids)
        })
    }

    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[QUARANTINE])?;
            stores[0]
                .put(
                    &quarantined_value(&record),
                    Some(&JsValue::from_str(&record.key)),
                )
                .map_err(idb_error)?;
            tx.commit().await
        })
    }

    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()> {
        let key = key.to_string();
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[QUARANTINE])?;
            stores[0]
                .delete(JsValue::from_str(&key))
                .map_err(idb_error)?;
            tx.commit().await
        })
    }

    fn clear_all(&self) -> Fut<'_, ()> {
        Box::pin(async move {
            // Team sync's state and each organisation's sync settings (with
            // their credentials) go too: nothing of this browser's data or
            // access stays behind on a shared computer.
            let mut names = vec![CLAIMS, DOCUMENTS, QUARANTINE, SNAPSHOT, JOURNAL];
            names.extend(SYNC_STORES);
            names.push(META);
            let (stores, tx) = self.write_tx(&names)?;
            let (meta, data) = stores.split_last().expect("META is last");
            for store in data {
                store.clear().map_err(idb_error)?;
            }
            let meta_keys = meta
                .get_all_keys(None, None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            for key in meta_keys {
                if key_text(&key).starts_with("sync-settings:") {
                    meta.delete(key)
                        .map_err(idb_error)?
                        .await
                        .map_err(idb_error)?;
                }
            }
            tx.commit().await?;
            watch::notify(&Change::Imported);
            Ok(())
        })
    }

    /// One readwrite transaction over claims, documents and the quarantine:
    /// it commits whole or not at all (an error, a full disk, or the tab
    /// closing before the end leave nothing of the import). Every
    /// [`IMPORT_SLICE`] claims it waits for the copies here of the next
    /// slice, which keeps the transaction alive and lets the page handle
    /// input between slices.
    fn commit_import(&self, batch: ImportBatch) -> Fut<'_, ImportReport> {
        Box::pin(async move { Ok(self.import_batch(batch).await?.0) })
    }

    /// One batch of an import in one readwrite transaction, as
    /// [`SyncAdapter::commit_import`].
    fn import_batch(&self, batch: ImportBatch) -> Fut<'_, (ImportReport, ImportUndo)> {
        Box::pin(async move {
            let import = |batch, as_blob| async move {
                let (stores, tx) =
                    self.write_tx(&[CLAIMS, DOCUMENTS, QUARANTINE, SYNC_DIRTY, JOURNAL])?;
                // Imported claims are not listed one by one: the next push
                // scans everything once.
                stores[3]
                    .delete(JsValue::from(DIRTY_COMPLETE))
                    .map_err(idb_error)?;
                match write_import(&stores, batch, as_blob).await {
                    Ok(done) => {
                        tx.commit().await?;
                        Ok(done)
                    }
                    Err(e) => Err(tx.abort(e).await),
                }
            };
            if !self.blobs.get() || batch.documents.is_empty() {
                return import(batch, self.blobs.get()).await;
            }
            // A Blob refused (see `blobs`): nothing of the batch was
            // written; again with the bytes as arrays.
            match import(batch.clone(), true).await {
                Err(StorageError::Backend(_)) => {
                    let done = import(batch, false).await?;
                    self.blobs.set(false);
                    Ok(done)
                }
                other => other,
            }
        })
    }

    /// Every batch undone in one readwrite transaction, the last write
    /// first: all of it, or on an error nothing.
    fn undo_import(&self, undo: ImportUndo) -> Fut<'_, ()> {
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[CLAIMS, DOCUMENTS, QUARANTINE, JOURNAL])?;
            let (claims, documents, quarantine) = (&stores[0], &stores[1], &stores[2]);
            let undone = (|| {
                let written = Array::new();
                for key in undo.quarantined.iter().rev() {
                    quarantine
                        .delete(JsValue::from_str(key))
                        .map_err(idb_error)?;
                }
                for id in undo.documents.iter().rev() {
                    documents.delete(JsValue::from_str(id)).map_err(idb_error)?;
                }
                for (id, before) in undo.claims.iter().rev() {
                    let key = JsValue::from_str(id);
                    match before {
                        Some(claim) => claims
                            .put(&JsValue::from_str(&encode_claim(claim)), Some(&key))
                            .map(drop),
                        None => claims.delete(key.clone()).map(drop),
                    }
                    .map_err(idb_error)?;
                    written.push(&key);
                }
                journal_all(&stores[3], &written)
            })();
            match undone {
                Ok(()) => tx.commit().await,
                Err(e) => Err(tx.abort(e).await),
            }
        })
    }

    fn sync_meta(&self) -> Option<&dyn crate::sync::view::SyncMeta> {
        Some(self)
    }
}

/// Claims read and written between two waits of an import's transaction
/// (the copies here of the next slice are read together; about 40 ms of
/// work in a release build).
pub const IMPORT_SLICE: usize = 100;

async fn write_import(
    stores: &[ObjectStore],
    batch: ImportBatch,
    as_blob: bool,
) -> Result<(ImportReport, ImportUndo), StorageError> {
    let (claims, documents, quarantine) = (&stores[0], &stores[1], &stores[2]);
    let mut done = ImportReport::default();
    let mut undo = ImportUndo::default();
    // The journal's entry for the batch: every claim it writes.
    let written = Array::new();
    if !batch.documents.is_empty() {
        let docs_here: HashSet<String> = documents
            .get_all_keys(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?
            .iter()
            .map(key_text)
            .collect();
        for doc in &batch.documents {
            if docs_here.contains(&doc.id) {
                done.document_conflicts.push(doc.id.clone());
                continue;
            }
            documents
                .put(
                    &document_value(doc, as_blob)?,
                    Some(&JsValue::from_str(&doc.id)),
                )
                .map_err(idb_error)?;
            undo.documents.push(doc.id.clone());
            done.documents += 1;
        }
    }
    // Only the copies here of the batch's own claims are read, a slice at
    // a time (reading every key of the store per batch would make a
    // batched import quadratic in the claims stored).
    for slice in batch.claims.chunks(IMPORT_SLICE) {
        let ids: Vec<String> = slice.iter().map(|c| c.id.clone()).collect();
        let values = get_many(claims, &ids).await?;
        for (claim, value) in slice.iter().zip(values) {
            let key = JsValue::from_str(&claim.id);
            let here = match value.as_ref().map(read_claim) {
                None => None,
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => {
                    let raw = value
                        .as_ref()
                        .map(|v| match v.dyn_ref::<JsString>() {
                            Some(t) if t.length() as usize <= MAX_CLAIM_BYTES => String::from(t),
                            Some(t) => t.slice(0, (QUARANTINE_PREVIEW_BYTES / 3) as u32).into(),
                            None => describe(v),
                        })
                        .unwrap_or_default();
                    let q = quarantined(claim.id.clone(), raw, e.detail());
                    quarantine
                        .put(&quarantined_value(&q), Some(&JsValue::from_str(&q.key)))
                        .map_err(idb_error)?;
                    done.quarantined += 1;
                    None
                }
            };
            let m = merge(here.as_ref(), claim);
            done.count(&claim.id, m);
            if matches!(m, Merge::Add | Merge::Update) {
                claims
                    .put(&JsValue::from_str(&encode_claim(claim)), Some(&key))
                    .map_err(idb_error)?;
                written.push(&key);
                undo.claims.push((claim.id.clone(), here));
            }
        }
    }
    for q in &batch.quarantined {
        quarantine
            .put(&quarantined_value(q), Some(&JsValue::from_str(&q.key)))
            .map_err(idb_error)?;
        undo.quarantined.push(q.key.clone());
        done.quarantined += 1;
    }
    journal_all(&stores[4], &written)?;
    Ok((done, undo))
}

/// The upgrade handler: creates the stores this version needs and records
/// the schema version. A failure aborts the upgrade, so `open` fails.
fn upgrade(event: idb::event::VersionChangeEvent) {
    let Ok(db) = event.database() else {
        return;
    };
    let existing = db.store_names();
    let stores = [CLAIMS, DOCUMENTS, QUARANTINE, META, SNAPSHOT, JOURNAL]
        .into_iter()
        .chain(SYNC_STORES);
    for name in stores {
        let mut params = ObjectStoreParams::new();
        // The journal's numbers come from the store's key generator, which
        // only grows (across tabs and the sync worker too).
        params.auto_increment(name == JOURNAL);
        if !existing.iter().any(|s| s == name) && db.create_object_store(name, params).is_err() {
            abort_upgrade(&event);
            return;
        }
    }
    let tx = idb::event::Event::target(&event)
        .ok()
        .and_then(|request| idb::Request::transaction(&request));
    // A new database holds no claims: its dirty set is complete (empty),
    // so the first push reads it instead of scanning every claim pulled.
    let created = event.old_version().is_ok_and(|v| v == 0);
    let written = tx.and_then(|tx| {
        if created {
            tx.object_store(SYNC_DIRTY)
                .ok()?
                .put(&JsValue::TRUE, Some(&JsValue::from(DIRTY_COMPLETE)))
                .ok()?;
        }
        let meta = tx.object_store(META).ok()?;
        meta.put(
            &JsValue::from(SCHEMA_VERSION),
            Some(&JsValue::from_str("schemaVersion")),
        )
        .ok()
    });
    if written.is_none() {
        abort_upgrade(&event);
    }
}

fn abort_upgrade(event: &idb::event::VersionChangeEvent) {
    if let Some(tx) = idb::event::Event::target(event)
        .ok()
        .and_then(|request| idb::Request::transaction(&request))
    {
        let _ = tx.abort();
    }
}

/// Puts a claim in the dirty set ([`SYNC_DIRTY`]) inside a running
/// transaction.
pub(super) fn mark_dirty(dirty: &ObjectStore, key: &JsValue) -> Result<(), StorageError> {
    dirty
        .put(&JsValue::TRUE, Some(key))
        .map_err(idb_error)
        .map(drop)
}

/// Adds a claim's id to the [`JOURNAL`] inside the running transaction that
/// writes or deletes its record (`super::journal`).
pub(super) fn journal(journal: &ObjectStore, key: &JsValue) -> Result<(), StorageError> {
    journal.add(key, None).map_err(idb_error).map(drop)
}

/// Adds the ids of every claim a batch writes or deletes to the
/// [`JOURNAL`], as one entry (an array), inside the batch's transaction.
pub(super) fn journal_all(journal: &ObjectStore, keys: &Array) -> Result<(), StorageError> {
    if keys.length() == 0 {
        return Ok(());
    }
    journal.add(keys, None).map_err(idb_error).map(drop)
}

/// The values under `keys` inside a running transaction, in order: every
/// request is issued before the first is awaited, so they run together.
pub(super) async fn get_many(
    store: &ObjectStore,
    keys: &[String],
) -> Result<Vec<Option<JsValue>>, StorageError> {
    use std::future::IntoFuture;
    let requests = keys
        .iter()
        .map(|k| {
            store
                .get(JsValue::from_str(k))
                .map(IntoFuture::into_future)
                .map_err(idb_error)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        out.push(request.await.map_err(idb_error)?);
    }
    Ok(out)
}

/// The stored revision of a claim inside a running transaction (0: absent).
pub(super) async fn stored_revision(
    store: &ObjectStore,
    key: &JsValue,
) -> Result<u64, StorageError> {
    let value = store
        .get(key.clone())
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    match value {
        None => Ok(0),
        Some(v) => read_claim(&v).map(|c| c.revision),
    }
}

/// One stored claim record as `load_all` reads it: the claim, or what goes
/// into the quarantine (its text, or the start of one too large to be a
/// claim: not copied out of JavaScript, a poison record can be hundreds of
/// megabytes) and why.
fn read_record(value: &JsValue) -> Result<Claim, (String, String)> {
    match value.dyn_ref::<JsString>() {
        Some(text) if text.length() as usize > MAX_CLAIM_BYTES => {
            let preview: String = text.slice(0, (QUARANTINE_PREVIEW_BYTES / 3) as u32).into();
            Err((
                preview,
                intake::oversized_record_reason(text.length() as usize),
            ))
        }
        Some(text) => {
            let text = String::from(text);
            migrate_claim_record(&text).map_err(|reason| (text, reason))
        }
        None => Err((describe(value), "the record is not text".to_string())),
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The phases of one `load_all`, for scripts/bench: each becomes a
/// Performance mark `cpor:load-phase:<name>:<ms>` (free when nobody reads
/// them).
struct PhaseClock {
    last: std::cell::Cell<f64>,
    phases: RefCell<Vec<(&'static str, f64)>>,
}

impl PhaseClock {
    fn start() -> PhaseClock {
        PhaseClock {
            last: std::cell::Cell::new(now_ms()),
            phases: RefCell::new(Vec::new()),
        }
    }

    /// The time since the last lap, as `name`.
    fn lap(&self, name: &'static str) {
        let now = now_ms();
        self.add(name, now - self.last.replace(now));
    }

    fn add(&self, name: &'static str, ms: f64) {
        self.phases.borrow_mut().push((name, ms));
    }

    /// Leaves the phases as marks, and `cpor:load-from:<how>`.
    fn report(&self, how: &str) {
        let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
            return;
        };
        let _ = p.mark(&format!("cpor:load-from:{how}"));
        for (name, ms) in self.phases.borrow().iter() {
            let _ = p.mark(&format!(
                "cpor:load-phase:{name}:{}",
                crate::i18n::one_decimal(*ms)
            ));
        }
    }
}

pub(super) fn read_claim(value: &JsValue) -> Result<Claim, StorageError> {
    match value.dyn_ref::<JsString>() {
        Some(text) if text.length() as usize > MAX_CLAIM_BYTES => Err(StorageError::Corrupt(
            intake::oversized_record_reason(text.length() as usize),
        )),
        Some(text) => migrate_claim_record(&String::from(text)).map_err(StorageError::Corrupt),
        None => Err(StorageError::Corrupt("the record is not text".to_string())),
    }
}

fn quarantined_value(q: &Quarantined) -> JsValue {
    JsValue::from_str(&serde_json::to_string(q).unwrap_or_default())
}

fn read_quarantined(key: &JsValue, value: &JsValue) -> Quarantined {
    let key = key_text(key);
    match value.as_string() {
        Some(text) => match serde_json::from_str::<Quarantined>(&text) {
            Ok(q) => q,
            Err(e) => Quarantined {
                key,
                raw: text,
                reason: format!("the quarantine entry itself is unreadable: {e}"),
            },
        },
        None => Quarantined {
            key,
            raw: describe(value),
            reason: "the quarantine entry is not text".to_string(),
        },
    }
}

/// A document's record: its bytes as a `Blob` (`as_blob`) or, where the
/// browser refuses Blobs in IndexedDB, as a `Uint8Array`.
fn document_value(doc: &StoredDocument, as_blob: bool) -> Result<JsValue, StorageError> {
    let array = Uint8Array::new_from_slice(&doc.bytes);
    let bytes: JsValue = if as_blob {
        let options = BlobPropertyBag::new();
        options.set_type(&doc.media_type);
        Blob::new_with_u8_array_sequence_and_options(&Array::of1(&array), &options)
            .map_err(|e| error_from_js(&e))?
            .into()
    } else {
        array.into()
    };
    let value = Object::new();
    for (field, v) in [
        ("id", JsValue::from_str(&doc.id)),
        ("name", JsValue::from_str(&doc.name)),
        ("mediaType", JsValue::from_str(&doc.media_type)),
        ("bytes", bytes),
    ] {
        Reflect::set(&value, &JsValue::from_str(field), &v).map_err(|e| error_from_js(&e))?;
    }
    Ok(value.into())
}

async fn read_document(id: &str, value: &JsValue) -> Result<StoredDocument, StorageError> {
    let field = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name).and_then(|v| v.as_string());
    let corrupt = |what: &str| StorageError::Corrupt(format!("document {id}: {what}"));
    let bytes = field("bytes").ok_or_else(|| corrupt("no bytes"))?;
    let bytes = if let Some(blob) = bytes.dyn_ref::<Blob>() {
        let buffer = js_sys::futures::JsFuture::from(blob.array_buffer())
            .await
            .map_err(|e| error_from_js(&e))?;
        Uint8Array::new(&buffer).to_vec()
    } else if let Some(array) = bytes.dyn_ref::<Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = bytes.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(buffer).to_vec()
    } else {
        return Err(corrupt("the bytes are not a Blob"));
    };
    Ok(StoredDocument {
        id: text("id").unwrap_or_else(|| id.to_string()),
        name: text("name").unwrap_or_default(),
        media_type: text("mediaType").unwrap_or_default(),
        bytes,
    })
}

/// A key as text (claim ids are strings; anything else is described).
pub(super) fn key_text(key: &JsValue) -> String {
    key.as_string().unwrap_or_else(|| describe(key))
}

/// A non-text stored value, described for the quarantine.
fn describe(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Maps an `idb` error to a [`StorageError`], looking through to the
/// DOMException when there is one.
pub(super) fn idb_error(e: idb::Error) -> StorageError {
    use idb::Error as E;
    match &e {
        E::DomException(d) => error_from_js(d.as_ref()),
        E::AddFailed(v)
        | E::ClearFailed(v)
        | E::CountFailed(v)
        | E::DeleteFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::GetFailed(v)
        | E::GetKeyFailed(v)
        | E::UpdateFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbNotFound(v)
        | E::ObjectStoreNotFound(v)
        | E::TransactionOpenFailed(v)
        | E::TransactionCommitError(v)
        | E::TransactionAbortError(v)
            if v.is_object() =>
        {
            error_from_js(v)
        }
        _ => StorageError::Backend(e.to_string()),
    }
}

/// A one-shot flag that wakes a task when set.
#[derive(Clone, Default)]
struct Signal(Rc<RefCell<(bool, Option<Waker>)>>);

impl Signal {
    fn fire(&self) {
        let waker = {
            let mut s = self.0.borrow_mut();
            s.0 = true;
            s.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    fn poll(&self, cx: &mut Context<'_>) -> bool {
        let mut s = self.0.borrow_mut();
        if !s.0 {
            s.1 = Some(cx.waker().clone());
        }
        s.0
    }
}

/// Waits for a readwrite transaction to end. `complete` is success; `abort`
/// carries the reason in `transaction.error` (a quota error shows up here,
/// at commit time). The handlers are removed when this is dropped.
pub(super) struct WriteTx {
    raw: IdbTransaction,
    complete: Signal,
    aborted: Signal,
    _on_complete: Closure<dyn FnMut(web_sys::Event)>,
    _on_abort: Closure<dyn FnMut(web_sys::Event)>,
}

impl WriteTx {
    fn new(raw: IdbTransaction) -> WriteTx {
        let complete = Signal::default();
        let aborted = Signal::default();
        let on_complete = {
            let s = complete.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| s.fire())
        };
        let on_abort = {
            let s = aborted.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| s.fire())
        };
        raw.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
        raw.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        WriteTx {
            raw,
            complete,
            aborted,
            _on_complete: on_complete,
            _on_abort: on_abort,
        }
    }

    /// Waits for the end; `Ok(true)` when committed.
    async fn done(&self) -> bool {
        std::future::poll_fn(|cx| {
            if self.complete.poll(cx) {
                Poll::Ready(true)
            } else if self.aborted.poll(cx) {
                Poll::Ready(false)
            } else {
                Poll::Pending
            }
        })
        .await
    }

    /// Waits for the transaction to commit; an abort is an error.
    pub(super) async fn commit(self) -> Result<(), StorageError> {
        if self.done().await {
            Ok(())
        } else {
            Err(self.abort_reason())
        }
    }

    /// Aborts (nothing of it is written), waits for the abort, and returns
    /// `reason`.
    pub(super) async fn abort(self, reason: StorageError) -> StorageError {
        if self.raw.abort().is_ok() {
            self.done().await;
        }
        reason
    }

    fn abort_reason(&self) -> StorageError {
        match self.raw.error() {
            Some(e) => dom_error(&e),
            None => StorageError::Backend("the transaction was aborted".to_string()),
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        self.raw.set_oncomplete(None);
        self.raw.set_onabort(None);
    }
}

fn dom_error(e: &DomException) -> StorageError {
    error_from_js(e.as_ref())
}
