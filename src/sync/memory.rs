//! [`MemoryReplica`]: [`LocalReplica`] over the in-memory store
//! ([`MemoryStore`]) plus in-memory sync metadata, for tests and as the
//! model of the IndexedDB implementation of phase 2.
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::storage::{SyncAdapter, block_on};
//! use cpor_desk::sync::memory::MemoryReplica;
//! use cpor_desk::sync::replica::LocalReplica;
//!
//! let replica = MemoryReplica::new("replica-a");
//! // The app saves claims through the store, as usual.
//! block_on(replica.store().save(Claim { id: "c1".into(), ..Claim::default() })).unwrap();
//! // A claim never synced is in the outbox.
//! let outbox = block_on(replica.outbox()).unwrap();
//! assert_eq!(outbox.len(), 1);
//! assert!(outbox[0].base.is_none());
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::replica::{LocalReplica, PushError, SyncBase, SyncConflict, is_pending};
use super::settings::SyncSettings;
use super::view::{ConflictView, SyncMeta};
use crate::domain::claim::Claim;
use crate::storage::memory::MemoryStore;
use crate::storage::{
    AdapterKind, Fut, Quarantined, Snapshot, StorageError, StoredDocument, SyncAdapter,
};

#[derive(Debug, Default)]
struct Meta {
    bases: BTreeMap<String, SyncBase>,
    conflicts: BTreeMap<String, SyncConflict>,
    push_errors: BTreeMap<String, PushError>,
    checkpoints: BTreeMap<String, Value>,
    files: BTreeSet<String>,
    settings: BTreeMap<String, SyncSettings>,
}

/// A replica in memory: the claims in a [`MemoryStore`] (edit them through
/// [`MemoryReplica::store`] as the app would), the sync metadata in maps.
/// It is also a [`SyncAdapter`] (the store's), so browser tests mount the
/// app on it and plant conflicts.
#[derive(Debug)]
pub struct MemoryReplica {
    id: String,
    store: MemoryStore,
    meta: RefCell<Meta>,
}

impl MemoryReplica {
    pub fn new(replica_id: impl Into<String>) -> MemoryReplica {
        MemoryReplica {
            id: replica_id.into(),
            store: MemoryStore::default(),
            meta: RefCell::new(Meta::default()),
        }
    }

    /// The claim store (the app's side).
    pub fn store(&self) -> &MemoryStore {
        &self.store
    }

    /// Forgets every checkpoint (as if the browser lost that record).
    pub fn lose_checkpoints(&self) {
        self.meta.borrow_mut().checkpoints.clear();
    }

    /// Keeps the dirty set true after the claim or the base of `id`
    /// changed through the replica: dirty while [`is_pending`] (a claim
    /// unreadable here stays as it was).
    async fn settle_dirty(&self, id: &str) -> Result<(), StorageError> {
        let Ok(local) = self.store.load(id).await else {
            return Ok(());
        };
        let base = self.meta.borrow().bases.get(id).cloned();
        if is_pending(local.as_ref(), base.as_ref()) {
            self.store.touch_dirty(id);
        } else {
            self.store.clear_dirty(id);
        }
        Ok(())
    }
}

impl SyncMeta for MemoryReplica {
    fn sync_settings(&self, org_id: &str) -> Fut<'_, Option<SyncSettings>> {
        let s = self.meta.borrow().settings.get(org_id).cloned();
        Box::pin(async move { Ok(s) })
    }

    fn set_sync_settings(&self, org_id: &str, settings: Option<SyncSettings>) -> Fut<'_, ()> {
        let mut meta = self.meta.borrow_mut();
        match settings {
            Some(s) => meta.settings.insert(org_id.to_string(), s),
            None => meta.settings.remove(org_id),
        };
        Box::pin(async { Ok(()) })
    }

    fn conflict_views(&self) -> Fut<'_, Vec<ConflictView>> {
        let views = self
            .meta
            .borrow()
            .conflicts
            .values()
            .map(ConflictView::from)
            .collect();
        Box::pin(async move { Ok(views) })
    }
}

impl LocalReplica for MemoryReplica {
    fn replica_id(&self) -> Fut<'_, String> {
        Box::pin(async move { Ok(self.id.clone()) })
    }

    fn snapshot(&self) -> Fut<'_, Snapshot> {
        self.store.load_all()
    }

    fn load_claim(&self, id: &str) -> Fut<'_, Option<Claim>> {
        self.store.load(id)
    }

    fn claim_ids(&self) -> Fut<'_, Option<Vec<String>>> {
        Box::pin(async move {
            let snapshot = self.store.load_all().await?;
            Ok(Some(snapshot.claims.into_iter().map(|c| c.id).collect()))
        })
    }

    fn base(&self, id: &str) -> Fut<'_, Option<SyncBase>> {
        let base = self.meta.borrow().bases.get(id).cloned();
        Box::pin(async move { Ok(base) })
    }

    fn holds_bases(&self) -> Fut<'_, bool> {
        let holds = !self.meta.borrow().bases.is_empty();
        Box::pin(async move { Ok(holds) })
    }

    fn bases(&self) -> Fut<'_, Vec<(String, SyncBase)>> {
        let all = self
            .meta
            .borrow()
            .bases
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Box::pin(async move { Ok(all) })
    }

    fn set_base(&self, id: &str, base: SyncBase) -> Fut<'_, ()> {
        self.meta.borrow_mut().bases.insert(id.to_string(), base);
        let id = id.to_string();
        Box::pin(async move { self.settle_dirty(&id).await })
    }

    fn apply_remote(&self, claim: Claim, base: SyncBase) -> Fut<'_, Claim> {
        Box::pin(async move {
            let id = claim.id.clone();
            let saved = self.store.save(claim).await?;
            self.meta.borrow_mut().bases.insert(id.clone(), base);
            self.settle_dirty(&id).await?;
            Ok(saved)
        })
    }

    fn dirty(&self) -> Fut<'_, Option<Vec<String>>> {
        let ids = self.store.dirty_ids();
        Box::pin(async move { Ok(ids) })
    }

    fn mark_dirty(&self, ids: Vec<String>) -> Fut<'_, ()> {
        self.store.mark_dirty(ids);
        Box::pin(async { Ok(()) })
    }

    fn delete_local(&self, id: &str, revision: Option<u64>, base: SyncBase) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let stored = self.store.load(&id).await?.map(|c| c.revision);
            match (stored, revision) {
                (None, _) => {}
                (Some(_), Some(rev)) => self.store.delete(&id, rev).await?,
                (Some(stored), None) => {
                    // Saved here meanwhile: not deleted, retried later.
                    return Err(StorageError::Conflict {
                        id,
                        expected: 0,
                        stored,
                    });
                }
            }
            self.meta.borrow_mut().bases.insert(id.clone(), base);
            self.settle_dirty(&id).await?;
            Ok(())
        })
    }

    fn record_conflict(&self, conflict: SyncConflict) -> Fut<'_, ()> {
        self.meta
            .borrow_mut()
            .conflicts
            .insert(conflict.id().to_string(), conflict);
        Box::pin(async { Ok(()) })
    }

    fn conflicts(&self) -> Fut<'_, Vec<SyncConflict>> {
        let all = self.meta.borrow().conflicts.values().cloned().collect();
        Box::pin(async move { Ok(all) })
    }

    fn clear_conflict(&self, id: &str) -> Fut<'_, ()> {
        self.meta.borrow_mut().conflicts.remove(id);
        Box::pin(async { Ok(()) })
    }

    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        self.store.get_document(id)
    }

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        self.store.put_document(doc)
    }

    fn file_synced(&self, id: &str) -> Fut<'_, bool> {
        let synced = self.meta.borrow().files.contains(id);
        Box::pin(async move { Ok(synced) })
    }

    fn mark_file_synced(&self, id: &str) -> Fut<'_, ()> {
        self.meta.borrow_mut().files.insert(id.to_string());
        Box::pin(async { Ok(()) })
    }

    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        self.store.quarantine(record)
    }

    fn checkpoint(&self, key: &str) -> Fut<'_, Option<Value>> {
        let seq = self.meta.borrow().checkpoints.get(key).cloned();
        Box::pin(async move { Ok(seq) })
    }

    fn set_checkpoint(&self, key: &str, seq: Value) -> Fut<'_, ()> {
        self.meta
            .borrow_mut()
            .checkpoints
            .insert(key.to_string(), seq);
        Box::pin(async { Ok(()) })
    }

    fn clear_checkpoint(&self, key: &str) -> Fut<'_, ()> {
        self.meta.borrow_mut().checkpoints.remove(key);
        Box::pin(async { Ok(()) })
    }

    fn record_push_error(&self, error: PushError) -> Fut<'_, ()> {
        self.meta
            .borrow_mut()
            .push_errors
            .insert(error.doc_id.clone(), error);
        Box::pin(async { Ok(()) })
    }

    fn push_errors(&self) -> Fut<'_, Vec<PushError>> {
        let all = self.meta.borrow().push_errors.values().cloned().collect();
        Box::pin(async move { Ok(all) })
    }

    fn clear_push_error(&self, doc_id: &str) -> Fut<'_, ()> {
        self.meta.borrow_mut().push_errors.remove(doc_id);
        Box::pin(async { Ok(()) })
    }

    fn forget_remote(&self) -> Fut<'_, ()> {
        let mut meta = self.meta.borrow_mut();
        for base in meta.bases.values_mut() {
            base.confirmed = false;
        }
        meta.files.clear();
        // Everything must be checked again: the next outbox scans it all
        // (without bases, the dirty set stays as true as it was).
        if !meta.bases.is_empty() {
            self.store.lose_dirty();
        }
        Box::pin(async { Ok(()) })
    }
}

/// The app's side: the claim store, and the replica itself for the sync UI.
impl SyncAdapter for MemoryReplica {
    fn kind(&self) -> AdapterKind {
        AdapterKind::Memory
    }
    fn load_all(&self) -> Fut<'_, Snapshot> {
        self.store.load_all()
    }
    fn load(&self, id: &str) -> Fut<'_, Option<Claim>> {
        self.store.load(id)
    }
    fn save(&self, claim: Claim) -> Fut<'_, Claim> {
        self.store.save(claim)
    }
    fn delete(&self, id: &str, revision: u64) -> Fut<'_, ()> {
        self.store.delete(id, revision)
    }
    fn restore(&self, claim: Claim) -> Fut<'_, ()> {
        self.store.restore(claim)
    }
    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        self.store.put_document(doc)
    }
    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        self.store.get_document(id)
    }
    fn delete_document(&self, id: &str) -> Fut<'_, ()> {
        self.store.delete_document(id)
    }
    fn document_ids(&self) -> Fut<'_, Vec<String>> {
        self.store.document_ids()
    }
    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        self.store.quarantine(record)
    }
    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()> {
        self.store.discard_quarantined(key)
    }
    fn sync_meta(&self) -> Option<&dyn SyncMeta> {
        Some(self)
    }
}
