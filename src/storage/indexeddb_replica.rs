//! The IndexedDB store as a team-sync replica ([`LocalReplica`]): the
//! claims and document bytes are the store's own; the sync metadata lives in
//! the stores of [`super::indexeddb::SYNC_STORES`], each value a JSON text,
//! and the replica id and the sync settings in `meta`. The app's tabs and
//! the sync worker open the same database.
//!
//! [`LocalReplica::apply_remote`] and [`LocalReplica::delete_local`] change
//! the claim and its base in one `readwrite` transaction with the same
//! revision check as a save, so an edit a tab stored meanwhile is never
//! overwritten (the replicator retries it later), and tell the other tabs
//! ([`watch::notify`]) like any save; a pulled batch
//! ([`LocalReplica::store_pulled`]) in one [`Change::Claims`] message (ids
//! and revisions), and the stored records straight to the tab that runs
//! the worker ([`watch::hand_stored`]), which then reads nothing back.
//!
//! Every transaction here that writes or deletes claims adds their ids to
//! the load snapshot's journal ([`JOURNAL`], one entry per transaction;
//! `super::journal`), so the next load reads them from the claims store.
//!
//! The dirty set ([`LocalReplica::dirty`], the store [`SYNC_DIRTY`]): the
//! store's own saves, deletions and restores add the claim in their
//! transaction; every write here that sets a base (a pulled batch, a
//! resolution, a push's [`LocalReplica::set_base`]) settles it in the same
//! transaction: in the set while the claim still differs from its base
//! ([`is_pending`]), out of it otherwise.

use std::collections::HashSet;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::indexeddb::{
    CLAIMS, DIRTY_COMPLETE, IndexedDbStore, JOURNAL, META, SYNC_BASES, SYNC_CHECKPOINTS,
    SYNC_CONFLICTS, SYNC_DIRTY, SYNC_FILES, SYNC_PUSH_ERRORS, get_many, idb_error, journal_all,
    key_text, mark_dirty, read_claim,
};
use super::watch::{self, Change};
use super::{Fut, Quarantined, Snapshot, StorageError, StoredDocument, SyncAdapter, encode_claim};
use crate::domain::claim::Claim;
use crate::sync::replica::{
    LocalReplica, PulledWrite, PushError, SyncBase, SyncConflict, is_pending,
};
use crate::sync::settings::SyncSettings;
use crate::sync::view::{ConflictView, SyncMeta};

/// The `meta` key of the replica id.
pub const REPLICA_ID_KEY: &str = "replicaId";

/// The `meta` key of an organisation's sync settings.
pub fn settings_key(org_id: &str) -> String {
    format!("sync-settings:{org_id}")
}

fn decode<T: DeserializeOwned>(store: &str, key: &str, value: &JsValue) -> Result<T, StorageError> {
    let text = value
        .as_string()
        .ok_or_else(|| StorageError::Corrupt(format!("{store} {key}: not text")))?;
    serde_json::from_str(&text).map_err(|e| StorageError::Corrupt(format!("{store} {key}: {e}")))
}

fn encode<T: Serialize>(value: &T) -> JsValue {
    JsValue::from_str(&serde_json::to_string(value).unwrap_or_default())
}

impl IndexedDbStore {
    async fn get_json<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        match self.read_one(store, key).await? {
            None => Ok(None),
            Some(v) => decode(store, key, &v).map(Some),
        }
    }

    async fn put_json<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let (stores, tx) = self.write_tx(&[store])?;
        stores[0]
            .put(&encode(value), Some(&JsValue::from_str(key)))
            .map_err(idb_error)?;
        tx.commit().await
    }

    /// Every key of a store, in one `getAllKeys`.
    async fn all_keys(&self, store: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.read_tx(&[store])?;
        tx.object_store(store)
            .map_err(idb_error)?
            .get_all_keys(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)
    }

    async fn delete_key(&self, store: &str, key: &str) -> Result<(), StorageError> {
        let (stores, tx) = self.write_tx(&[store])?;
        stores[0]
            .delete(JsValue::from_str(key))
            .map_err(idb_error)?;
        tx.commit().await
    }

    /// Every readable entry of a JSON store, by key (unreadable entries are
    /// skipped: metadata can always be rebuilt by a full re-read).
    async fn all_json<T: DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        let tx = self.read_tx(&[store])?;
        let object = tx.object_store(store).map_err(idb_error)?;
        let keys = object
            .get_all_keys(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let values = object
            .get_all(None, None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| {
                let key = key_text(k);
                decode(store, &key, v).ok().map(|t| (key, t))
            })
            .collect())
    }

    /// Writes claims (revision checked like a save) and their bases in one
    /// transaction, all or nothing, and tells the other tabs afterwards;
    /// with `clear_conflicts`, each claim's recorded conflict goes too.
    /// Returns the stored claim of each [`PulledWrite::Apply`], in order.
    async fn write_with_bases(
        &self,
        writes: Vec<PulledWrite>,
        clear_conflicts: bool,
    ) -> Result<Vec<Claim>, StorageError> {
        let names: &[&str] = if clear_conflicts {
            &[CLAIMS, SYNC_BASES, JOURNAL, SYNC_DIRTY, SYNC_CONFLICTS]
        } else {
            &[CLAIMS, SYNC_BASES, JOURNAL, SYNC_DIRTY]
        };
        let (stores, tx) = self.write_tx(names)?;
        // Every stored revision first, and which claims are in the dirty set
        // and have a conflict (both usually few: only those are deleted,
        // not one request per claim); the requests run together.
        // A claim expected absent (revision 0) is added instead (no read:
        // a claim stored meanwhile under its id fails the add, and with it
        // the whole transaction).
        let checked: Vec<String> = writes
            .iter()
            .filter(|w| needs_revision(w))
            .map(|w| w.id().to_string())
            .collect();
        let listed = stores[3..].iter().map(all_keys).collect::<Vec<_>>();
        let stored = match get_many(&stores[0], &checked).await {
            Ok(values) => values,
            Err(e) => return Err(tx.abort(e).await),
        };
        let mut present = Vec::with_capacity(listed.len());
        for keys in listed {
            match keys {
                Ok(request) => match request.await {
                    Ok(keys) => present.push(keys),
                    Err(e) => return Err(tx.abort(e).await),
                },
                Err(e) => return Err(tx.abort(e).await),
            }
        }
        let in_dirty = |id: &str| present[0].contains(id);
        let in_conflicts = |id: &str| present.get(1).is_some_and(|k| k.contains(id));
        let mut stored = stored.into_iter();
        let mut revisions = Vec::with_capacity(writes.len());
        for write in &writes {
            let revision = match write {
                w if !needs_revision(w) => Ok(0),
                _ => match stored.next().flatten() {
                    None => Ok(0),
                    Some(v) => read_claim(&v).map(|c| c.revision),
                },
            };
            match revision {
                Ok(r) => revisions.push(r),
                Err(e) => return Err(tx.abort(e).await),
            }
        }
        let mut saved = Vec::new();
        let mut changes = Vec::new();
        let mut cleared = false;
        // What the tab running this worker gets instead of reading it back.
        let mut handed = watch::Stored::default();
        // The journal's entry for the batch: every claim it writes.
        let written = js_sys::Array::new();
        for (write, stored) in writes.into_iter().zip(revisions) {
            let id = write.id().to_string();
            let key = JsValue::from_str(&id);
            let conflict = |expected: u64| StorageError::Conflict {
                id: id.clone(),
                expected,
                stored,
            };
            // Dirty while it still differs from its base (a resolved
            // conflict, a merge); a pulled claim is not. `None`: leave it.
            let dirty: Option<bool>;
            let base = match write {
                PulledWrite::Apply { mut claim, base } => {
                    if stored != claim.revision {
                        return Err(tx.abort(conflict(claim.revision)).await);
                    }
                    dirty = Some(is_pending(Some(&claim), Some(&base)));
                    let new = claim.revision == 0;
                    claim.revision += 1;
                    let record = JsValue::from_str(&encode_claim(&claim));
                    if new {
                        stores[0].add(&record, Some(&key)).map_err(idb_error)?;
                    } else {
                        stores[0].put(&record, Some(&key)).map_err(idb_error)?;
                    }
                    written.push(&key);
                    handed.ids.push(id.clone());
                    handed.revisions.push(claim.revision);
                    handed.records.push(record);
                    changes.push(Change::Saved {
                        id: id.clone(),
                        revision: claim.revision,
                    });
                    saved.push(claim);
                    base
                }
                PulledWrite::Delete { revision, base, .. } => {
                    match revision {
                        // Saved here meanwhile: not deleted, retried later.
                        None if stored != 0 => return Err(tx.abort(conflict(0)).await),
                        Some(rev) if stored != 0 && stored != rev => {
                            return Err(tx.abort(conflict(rev)).await);
                        }
                        _ => {}
                    }
                    if stored != 0 {
                        stores[0].delete(key.clone()).map_err(idb_error)?;
                        written.push(&key);
                        changes.push(Change::Deleted { id: id.clone() });
                    }
                    dirty = Some(is_pending(None, Some(&base)));
                    base
                }
                PulledWrite::Base { base, .. } => {
                    dirty = (!base.confirmed || !base.losers.is_empty()).then_some(true);
                    base
                }
            };
            stores[1]
                .put(&encode(&base), Some(&key))
                .map_err(idb_error)?;
            match dirty {
                Some(true) => mark_dirty(&stores[3], &key)?,
                Some(false) if in_dirty(&id) => {
                    stores[3].delete(key.clone()).map_err(idb_error)?;
                }
                _ => {}
            }
            if clear_conflicts && in_conflicts(&id) {
                stores[4].delete(key).map_err(idb_error)?;
                cleared = true;
            }
        }
        journal_all(&stores[2], &written)?;
        tx.commit().await?;
        let _span = crate::sync::trace::span("sync:notify");
        watch::hand_stored(&handed);
        notify_all(changes);
        // A conflict the pull settled (a colleague resolved it): the tabs
        // read the conflicts again, so its banner goes.
        if cleared {
            watch::notify(&Change::Sync);
        }
        Ok(saved)
    }
}

/// Whether a pulled write checks the claim's stored revision first: not a
/// base alone, and not a claim expected absent (added, which fails if it is
/// there).
fn needs_revision(write: &PulledWrite) -> bool {
    match write {
        PulledWrite::Base { .. } => false,
        PulledWrite::Apply { claim, .. } => claim.revision != 0,
        PulledWrite::Delete { .. } => true,
    }
}

/// The text keys of a store inside a running transaction: the request is
/// issued now and awaited later, so it runs beside the others.
fn all_keys(
    store: &idb::ObjectStore,
) -> Result<impl Future<Output = Result<HashSet<String>, StorageError>>, StorageError> {
    use std::future::IntoFuture;
    let request = store
        .get_all_keys(None, None)
        .map_err(idb_error)?
        .into_future();
    Ok(async move {
        let keys = request.await.map_err(idb_error)?;
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
    })
}

/// Tells the other tabs about the claims one transaction wrote: one change
/// as itself, several (a pulled batch) as one [`Change::Claims`] with each
/// claim's stored revision (0 for a deletion), so the tabs handle one
/// message per batch, not one per claim, and a tab already holding a
/// revision reads nothing.
fn notify_all(mut changes: Vec<Change>) {
    match changes.len() {
        0 => {}
        1 => watch::notify(&changes.remove(0)),
        _ => {
            let (ids, revisions) = changes
                .into_iter()
                .filter_map(|c| match c {
                    Change::Saved { id, revision } => Some((id, revision)),
                    Change::Deleted { id } => Some((id, 0)),
                    _ => None,
                })
                .unzip();
            watch::notify(&Change::Claims { ids, revisions });
        }
    }
}

/// A random replica id (hex), from the platform's random numbers.
fn random_id() -> String {
    (0..16)
        .map(|_| format!("{:02x}", (js_sys::Math::random() * 256.0) as u8))
        .collect()
}

/// The app's part (in its first load): the settings, and the conflicts read
/// straight as views.
impl SyncMeta for IndexedDbStore {
    fn sync_settings(&self, org_id: &str) -> Fut<'_, Option<SyncSettings>> {
        let key = settings_key(org_id);
        Box::pin(async move {
            // Read as a Value (the parser the app has anyway), then by hand.
            let value: Option<Value> = self.get_json(META, &key).await?;
            value
                .map(SyncSettings::try_from)
                .transpose()
                .map_err(|e| StorageError::Corrupt(format!("{META} {key}: {e}")))
        })
    }

    fn set_sync_settings(&self, org_id: &str, settings: Option<SyncSettings>) -> Fut<'_, ()> {
        let key = settings_key(org_id);
        Box::pin(async move {
            match settings {
                // By hand, not the derived Serialize (see sync::json).
                Some(s) => self.put_json(META, &key, &s.to_json()).await?,
                None => self.delete_key(META, &key).await?,
            }
            watch::notify(&Change::Sync);
            Ok(())
        })
    }

    fn conflict_views(&self) -> Fut<'_, Vec<ConflictView>> {
        Box::pin(async move {
            let all: Vec<(String, Value)> = self.all_json(SYNC_CONFLICTS).await?;
            Ok(all
                .iter()
                .filter_map(|(_, c)| ConflictView::from_stored(c))
                .collect())
        })
    }
}

impl LocalReplica for IndexedDbStore {
    fn replica_id(&self) -> Fut<'_, String> {
        Box::pin(async move {
            // Read and (when new) write in one transaction: two contexts
            // opening at once agree on one id.
            let (stores, tx) = self.write_tx(&[META])?;
            let key = JsValue::from_str(REPLICA_ID_KEY);
            let found = stores[0]
                .get(key.clone())
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?
                .and_then(|v| v.as_string())
                .filter(|s| !s.is_empty());
            let id = match found {
                Some(id) => id,
                None => {
                    let id = random_id();
                    stores[0]
                        .put(&JsValue::from_str(&id), Some(&key))
                        .map_err(idb_error)?;
                    id
                }
            };
            tx.commit().await?;
            Ok(id)
        })
    }

    fn snapshot(&self) -> Fut<'_, Snapshot> {
        self.load_all()
    }

    fn load_claim(&self, id: &str) -> Fut<'_, Option<Claim>> {
        let id = id.to_string();
        Box::pin(async move {
            match self.read_one(CLAIMS, &id).await? {
                None => Ok(None),
                Some(v) => read_claim(&v).map(Some),
            }
        })
    }

    fn base(&self, id: &str) -> Fut<'_, Option<SyncBase>> {
        let id = id.to_string();
        Box::pin(async move { self.get_json(SYNC_BASES, &id).await })
    }

    /// One `getAllKeys` of the claims.
    fn claim_ids(&self) -> Fut<'_, Option<Vec<String>>> {
        Box::pin(async move {
            let keys = self.all_keys(CLAIMS).await?;
            Ok(Some(keys.iter().map(key_text).collect()))
        })
    }

    fn holds_bases(&self) -> Fut<'_, bool> {
        Box::pin(async move {
            let tx = self.read_tx(&[SYNC_BASES])?;
            let count = tx
                .object_store(SYNC_BASES)
                .map_err(idb_error)?
                .count(None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            Ok(count > 0)
        })
    }

    fn bases(&self) -> Fut<'_, Vec<(String, SyncBase)>> {
        Box::pin(async move { self.all_json(SYNC_BASES).await })
    }

    /// With the claim read in the same transaction: it leaves the dirty set
    /// when it no longer differs from the new base (pushed, and not saved
    /// again meanwhile), and stays (or enters) otherwise.
    fn set_base(&self, id: &str, base: SyncBase) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[CLAIMS, SYNC_BASES, SYNC_DIRTY])?;
            let key = JsValue::from_str(&id);
            let stored = match stores[0].get(key.clone()).map_err(idb_error) {
                Ok(request) => request.await.map_err(idb_error),
                Err(e) => Err(e),
            };
            let stored = match stored {
                Ok(v) => v,
                Err(e) => return Err(tx.abort(e).await),
            };
            stores[1]
                .put(&encode(&base), Some(&key))
                .map_err(idb_error)?;
            // An unreadable claim stays as it was.
            let local = stored.map(|v| read_claim(&v)).transpose();
            if let Ok(local) = local {
                if is_pending(local.as_ref(), Some(&base)) {
                    mark_dirty(&stores[2], &key)?;
                } else {
                    stores[2].delete(key).map_err(idb_error)?;
                }
            }
            tx.commit().await
        })
    }

    fn dirty(&self) -> Fut<'_, Option<Vec<String>>> {
        Box::pin(async move {
            let keys = self.all_keys(SYNC_DIRTY).await?;
            let complete = keys.iter().any(|k| k.as_f64() == Some(DIRTY_COMPLETE));
            Ok(complete.then(|| {
                keys.iter()
                    .filter(|k| k.as_string().is_some())
                    .map(key_text)
                    .collect()
            }))
        })
    }

    fn mark_dirty(&self, ids: Vec<String>) -> Fut<'_, ()> {
        Box::pin(async move {
            let (stores, tx) = self.write_tx(&[SYNC_DIRTY])?;
            for id in &ids {
                mark_dirty(&stores[0], &JsValue::from_str(id))?;
            }
            stores[0]
                .put(&JsValue::TRUE, Some(&JsValue::from(DIRTY_COMPLETE)))
                .map_err(idb_error)?;
            tx.commit().await
        })
    }

    fn bases_of(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<SyncBase>>> {
        Box::pin(async move {
            let values = self.read_many(SYNC_BASES, &ids).await?;
            ids.iter()
                .zip(values)
                .map(|(id, v)| v.map(|v| decode(SYNC_BASES, id, &v)).transpose())
                .collect()
        })
    }

    fn load_claims(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<Claim>>> {
        self.load_many(ids)
    }

    fn store_pulled(&self, writes: Vec<PulledWrite>) -> Fut<'_, ()> {
        Box::pin(async move {
            self.write_with_bases(writes, true).await?;
            Ok(())
        })
    }

    fn apply_remote(&self, claim: Claim, base: SyncBase) -> Fut<'_, Claim> {
        Box::pin(async move {
            self.write_with_bases(vec![PulledWrite::Apply { claim, base }], false)
                .await?
                .pop()
                .ok_or_else(|| StorageError::Backend("the claim was not written".into()))
        })
    }

    fn delete_local(&self, id: &str, revision: Option<u64>, base: SyncBase) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let write = PulledWrite::Delete { id, revision, base };
            self.write_with_bases(vec![write], false).await?;
            Ok(())
        })
    }

    fn record_conflict(&self, conflict: SyncConflict) -> Fut<'_, ()> {
        Box::pin(async move {
            let id = conflict.id().to_string();
            self.put_json(SYNC_CONFLICTS, &id, &conflict).await
        })
    }

    fn conflicts(&self) -> Fut<'_, Vec<SyncConflict>> {
        Box::pin(async move {
            let all: Vec<(String, SyncConflict)> = self.all_json(SYNC_CONFLICTS).await?;
            Ok(all.into_iter().map(|(_, c)| c).collect())
        })
    }

    fn clear_conflict(&self, id: &str) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            self.delete_key(SYNC_CONFLICTS, &id).await?;
            watch::notify(&Change::Sync);
            Ok(())
        })
    }

    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        SyncAdapter::get_document(self, id)
    }

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        SyncAdapter::put_document(self, doc)
    }

    fn file_synced(&self, id: &str) -> Fut<'_, bool> {
        let id = id.to_string();
        Box::pin(async move { Ok(self.read_one(SYNC_FILES, &id).await?.is_some()) })
    }

    fn mark_file_synced(&self, id: &str) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move { self.put_json(SYNC_FILES, &id, &true).await })
    }

    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        SyncAdapter::quarantine(self, record)
    }

    fn checkpoint(&self, key: &str) -> Fut<'_, Option<Value>> {
        let key = key.to_string();
        Box::pin(async move { self.get_json(SYNC_CHECKPOINTS, &key).await })
    }

    fn set_checkpoint(&self, key: &str, seq: Value) -> Fut<'_, ()> {
        let key = key.to_string();
        Box::pin(async move { self.put_json(SYNC_CHECKPOINTS, &key, &seq).await })
    }

    fn clear_checkpoint(&self, key: &str) -> Fut<'_, ()> {
        let key = key.to_string();
        Box::pin(async move { self.delete_key(SYNC_CHECKPOINTS, &key).await })
    }

    fn record_push_error(&self, error: PushError) -> Fut<'_, ()> {
        Box::pin(async move {
            let key = error.doc_id.clone();
            self.put_json(SYNC_PUSH_ERRORS, &key, &error).await
        })
    }

    fn push_errors(&self) -> Fut<'_, Vec<PushError>> {
        Box::pin(async move {
            let all: Vec<(String, PushError)> = self.all_json(SYNC_PUSH_ERRORS).await?;
            Ok(all.into_iter().map(|(_, e)| e).collect())
        })
    }

    fn clear_push_error(&self, doc_id: &str) -> Fut<'_, ()> {
        let doc_id = doc_id.to_string();
        Box::pin(async move { self.delete_key(SYNC_PUSH_ERRORS, &doc_id).await })
    }

    fn forget_remote(&self) -> Fut<'_, ()> {
        Box::pin(async move {
            let bases: Vec<(String, SyncBase)> = self.all_json(SYNC_BASES).await?;
            let (stores, tx) = self.write_tx(&[SYNC_BASES, SYNC_FILES, SYNC_DIRTY])?;
            // Every base must be checked again: the next push scans them
            // all. Without bases (a first sync) the dirty set stays as
            // true as it was, and a complete one saves that scan.
            if !bases.is_empty() {
                stores[2]
                    .delete(JsValue::from(DIRTY_COMPLETE))
                    .map_err(idb_error)?;
            }
            for (id, mut base) in bases {
                base.confirmed = false;
                stores[0]
                    .put(&encode(&base), Some(&JsValue::from_str(&id)))
                    .map_err(idb_error)?;
            }
            stores[1].clear().map_err(idb_error)?;
            tx.commit().await
        })
    }
}
