//! The in-memory adapter: the same contract as the browser adapters, for
//! tests. Claims are kept as their stored JSON text, like localStorage, so a
//! test can plant a corrupt record with [`MemoryStore::insert_raw`].

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::import::{ImportBatch, ImportReport, ImportUndo};
use super::{
    AdapterKind, Fut, Quarantined, Snapshot, StorageError, StoredDocument, SyncAdapter,
    encode_claim, migrate_claim_record, quarantined,
};
use crate::domain::claim::Claim;

#[derive(Debug, Default)]
pub struct MemoryStore {
    claims: RefCell<BTreeMap<String, String>>,
    documents: RefCell<BTreeMap<String, StoredDocument>>,
    quarantine: RefCell<BTreeMap<String, Quarantined>>,
    /// When set, every write fails with this error (to test quota handling).
    fail_writes: RefCell<Option<StorageError>>,
    /// Team sync's dirty set (see `crate::sync::LocalReplica::dirty`): the
    /// claims saved, deleted or restored here; `None` until recorded (or
    /// after [`MemoryStore::lose_dirty`]).
    dirty: RefCell<Option<BTreeSet<String>>>,
}

impl MemoryStore {
    /// Plants a raw record, as if another version or a broken write left it.
    pub fn insert_raw(&self, key: &str, raw: &str) {
        self.claims
            .borrow_mut()
            .insert(key.to_string(), raw.to_string());
    }

    /// Makes every following write fail with `err` (`None` to stop).
    pub fn fail_writes(&self, err: Option<StorageError>) {
        *self.fail_writes.borrow_mut() = err;
    }

    /// The dirty set (`None`: not recorded).
    pub fn dirty_ids(&self) -> Option<Vec<String>> {
        self.dirty
            .borrow()
            .as_ref()
            .map(|d| d.iter().cloned().collect())
    }

    /// Adds `ids` to the dirty set and records it as complete.
    pub fn mark_dirty(&self, ids: impl IntoIterator<Item = String>) {
        self.dirty
            .borrow_mut()
            .get_or_insert_with(BTreeSet::new)
            .extend(ids);
    }

    /// Takes a claim out of the dirty set (pushed, or pulled unchanged).
    pub fn clear_dirty(&self, id: &str) {
        if let Some(d) = self.dirty.borrow_mut().as_mut() {
            d.remove(id);
        }
    }

    /// Forgets the dirty set (as a browser upgraded from a build without
    /// it): the next outbox scans everything.
    pub fn lose_dirty(&self) {
        *self.dirty.borrow_mut() = None;
    }

    /// Puts a claim in the dirty set (a local write), when it is recorded.
    pub fn touch_dirty(&self, id: &str) {
        if let Some(d) = self.dirty.borrow_mut().as_mut() {
            d.insert(id.to_string());
        }
    }

    fn check_write(&self) -> Result<(), StorageError> {
        match &*self.fail_writes.borrow() {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    fn stored_revision(&self, id: &str) -> Result<u64, StorageError> {
        match self.claims.borrow().get(id) {
            None => Ok(0),
            Some(raw) => migrate_claim_record(raw)
                .map(|c| c.revision)
                .map_err(StorageError::Corrupt),
        }
    }
}

impl SyncAdapter for MemoryStore {
    fn kind(&self) -> AdapterKind {
        AdapterKind::Memory
    }

    fn load_all(&self) -> Fut<'_, Snapshot> {
        Box::pin(async move {
            let mut snap = Snapshot::default();
            let mut bad = Vec::new();
            for (key, raw) in self.claims.borrow().iter() {
                match migrate_claim_record(raw) {
                    Ok(c) => snap.claims.push(c),
                    Err(reason) => bad.push(quarantined(key.clone(), raw.clone(), reason)),
                }
            }
            for q in bad {
                self.claims.borrow_mut().remove(&q.key);
                self.quarantine.borrow_mut().insert(q.key.clone(), q);
            }
            snap.quarantined = self.quarantine.borrow().values().cloned().collect();
            Ok(snap)
        })
    }

    fn load(&self, id: &str) -> Fut<'_, Option<Claim>> {
        let id = id.to_string();
        Box::pin(async move {
            match self.claims.borrow().get(&id) {
                None => Ok(None),
                Some(raw) => migrate_claim_record(raw)
                    .map(Some)
                    .map_err(StorageError::Corrupt),
            }
        })
    }

    fn save(&self, mut claim: Claim) -> Fut<'_, Claim> {
        Box::pin(async move {
            self.check_write()?;
            let stored = self.stored_revision(&claim.id)?;
            if stored != claim.revision {
                return Err(StorageError::Conflict {
                    id: claim.id,
                    expected: claim.revision,
                    stored,
                });
            }
            claim.revision += 1;
            self.claims
                .borrow_mut()
                .insert(claim.id.clone(), encode_claim(&claim));
            self.touch_dirty(&claim.id);
            Ok(claim)
        })
    }

    fn delete(&self, id: &str, revision: u64) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            self.check_write()?;
            let stored = self.stored_revision(&id)?;
            if stored != revision {
                return Err(StorageError::Conflict {
                    id,
                    expected: revision,
                    stored,
                });
            }
            self.claims.borrow_mut().remove(&id);
            self.touch_dirty(&id);
            Ok(())
        })
    }

    fn restore(&self, claim: Claim) -> Fut<'_, ()> {
        Box::pin(async move {
            self.check_write()?;
            self.claims
                .borrow_mut()
                .insert(claim.id.clone(), encode_claim(&claim));
            self.touch_dirty(&claim.id);
            Ok(())
        })
    }

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        Box::pin(async move {
            self.check_write()?;
            self.documents.borrow_mut().insert(doc.id.clone(), doc);
            Ok(())
        })
    }

    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        let id = id.to_string();
        Box::pin(async move { Ok(self.documents.borrow().get(&id).cloned()) })
    }

    fn delete_document(&self, id: &str) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            self.check_write()?;
            self.documents.borrow_mut().remove(&id);
            Ok(())
        })
    }

    fn document_ids(&self) -> Fut<'_, Vec<String>> {
        Box::pin(async move { Ok(self.documents.borrow().keys().cloned().collect()) })
    }

    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        Box::pin(async move {
            self.check_write()?;
            self.quarantine
                .borrow_mut()
                .insert(record.key.clone(), record);
            Ok(())
        })
    }

    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()> {
        let key = key.to_string();
        Box::pin(async move {
            self.quarantine.borrow_mut().remove(&key);
            Ok(())
        })
    }
}

/// Another adapter, counting an import's batches and the claims read, and
/// failing the import batch number `fail_batch` (1-based) like a full disk
/// (for tests of a batched import on any adapter: the memory store
/// natively, IndexedDB in the browser).
pub struct ImportFaults<S> {
    pub inner: S,
    /// Import batches asked for so far.
    pub batches: std::cell::Cell<usize>,
    /// Claims read one by one ([`SyncAdapter::load`]) so far.
    pub loads: std::cell::Cell<usize>,
    /// The batch that fails (`None`: none).
    pub fail_batch: std::cell::Cell<Option<usize>>,
}

impl<S> ImportFaults<S> {
    pub fn new(inner: S) -> ImportFaults<S> {
        ImportFaults {
            inner,
            batches: Default::default(),
            loads: Default::default(),
            fail_batch: Default::default(),
        }
    }
}

impl<S: SyncAdapter> SyncAdapter for ImportFaults<S> {
    fn kind(&self) -> AdapterKind {
        self.inner.kind()
    }
    fn load_all(&self) -> Fut<'_, Snapshot> {
        self.inner.load_all()
    }
    fn load(&self, id: &str) -> Fut<'_, Option<Claim>> {
        self.loads.set(self.loads.get() + 1);
        self.inner.load(id)
    }
    fn save(&self, claim: Claim) -> Fut<'_, Claim> {
        self.inner.save(claim)
    }
    fn delete(&self, id: &str, revision: u64) -> Fut<'_, ()> {
        self.inner.delete(id, revision)
    }
    fn restore(&self, claim: Claim) -> Fut<'_, ()> {
        self.inner.restore(claim)
    }
    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        self.inner.put_document(doc)
    }
    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        self.inner.get_document(id)
    }
    fn delete_document(&self, id: &str) -> Fut<'_, ()> {
        self.inner.delete_document(id)
    }
    fn document_ids(&self) -> Fut<'_, Vec<String>> {
        self.inner.document_ids()
    }
    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        self.inner.quarantine(record)
    }
    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()> {
        self.inner.discard_quarantined(key)
    }
    /// The inner adapter's batched write (the memory store's default reads
    /// each claim through [`ImportFaults::load`], so it is counted).
    fn import_batch(&self, batch: ImportBatch) -> Fut<'_, (ImportReport, ImportUndo)> {
        self.batches.set(self.batches.get() + 1);
        if self.fail_batch.get() == Some(self.batches.get()) {
            return Box::pin(async {
                Err(StorageError::QuotaExceeded(
                    "a test: the disk is full".into(),
                ))
            });
        }
        match self.inner.kind() {
            AdapterKind::Memory => Box::pin(super::import::write_one_by_one(self, batch)),
            _ => self.inner.import_batch(batch),
        }
    }
    fn undo_import(&self, undo: ImportUndo) -> Fut<'_, ()> {
        self.inner.undo_import(undo)
    }
}
