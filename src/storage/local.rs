//! localStorage adapter: the fallback when IndexedDB cannot be opened.
//!
//! Claims, documents, quarantined records and the schema record are kept
//! under a prefix (normally [`super::LOCAL_PREFIX`], `cpor-desk:`), in the
//! key layout of [`super::keys`].
//!
//! Writes go through `gloo-storage`; a full localStorage (its `setItem`
//! throwing `QuotaExceededError`, which gloo reports as a `JsError` of that
//! name) is [`StorageError::QuotaExceeded`] and nothing is written.
//!
//! A save reads the stored revision and writes in one synchronous step, so
//! nothing else in this tab runs in between. localStorage itself has no
//! transactions, though: two tabs saving in the same instant may both
//! succeed (the last write stays). IndexedDB has no such gap, which is why it
//! is the default.
//!
//! Successful writes call [`watch::notify`]; other tabs also get the
//! browser's own `storage` events for these keys (see [`watch`]).

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;

use super::import::{ImportBatch, ImportReport, Merge, merge};
use super::keys::{self, Part};
use super::watch::{self, Change};
use super::{
    AdapterKind, ClaimRecord, Fut, Quarantined, SCHEMA_VERSION, Snapshot, StorageError,
    StoredDocument, SyncAdapter, error_from_js, gloo_error, local_storage, migrate_claim_record,
    quarantined,
};
use crate::domain::claim::Claim;

/// Claims, documents and quarantined records in localStorage.
///
/// ```no_run
/// use cpor_desk::storage::{SyncAdapter, local::LocalStore};
/// use cpor_desk::domain::claim::Claim;
///
/// # async fn demo() -> Result<(), cpor_desk::storage::StorageError> {
/// let store = LocalStore::new("cpor-desk:")?;
/// let saved = store.save(Claim { id: "c1".into(), ..Claim::default() }).await?;
/// // Stored under "cpor-desk:claim:c1".
/// match store.save(saved.clone()).await {
///     Ok(again) => assert_eq!(again.revision, 2),
///     Err(e) if e.is_quota() => { /* tell the user; the unsaved state is kept */ }
///     Err(e) => return Err(e),
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct LocalStore {
    prefix: String,
    storage: web_sys::Storage,
}

impl LocalStore {
    /// A store on this origin's localStorage, with every key under `prefix`.
    ///
    /// Fails with [`StorageError::Unavailable`] when localStorage is missing
    /// or refused, or when it takes no write at all while empty (private
    /// modes with a zero quota). A localStorage that is merely full is
    /// usable: its data can be read, and writes report
    /// [`StorageError::QuotaExceeded`].
    pub fn new(prefix: &str) -> Result<LocalStore, StorageError> {
        let storage = local_storage()?;
        let probe = keys::key(prefix, Part::Probe, "");
        if let Err(e) = storage.set_item(&probe, "1") {
            let err = error_from_js(&e);
            let has_data = storage.length().unwrap_or(0) > 0;
            if !(err.is_quota() && has_data) {
                return Err(StorageError::Unavailable(format!(
                    "localStorage takes no writes ({})",
                    err.detail()
                )));
            }
        }
        let _ = storage.remove_item(&probe);
        let store = LocalStore {
            prefix: prefix.to_string(),
            storage,
        };
        // Best effort: a full storage still opens.
        let meta = store.key(Part::Meta, "");
        let want = serde_json::json!({ "schemaVersion": SCHEMA_VERSION });
        let have = store
            .get_raw(&meta)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
        if have.as_ref() != Some(&want) {
            let _ = store.set(&meta, &want);
        }
        Ok(store)
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The full localStorage key of `name` in the `part` of this store.
    pub fn key(&self, part: Part, name: &str) -> String {
        keys::key(&self.prefix, part, name)
    }

    /// `(full key, name)` of every key in `part`, sorted by name.
    fn entries(&self, part: Part) -> Result<Vec<(String, String)>, StorageError> {
        let n = self.storage.length().map_err(|e| error_from_js(&e))?;
        let mut out = Vec::new();
        for i in 0..n {
            if let Ok(Some(key)) = self.storage.key(i)
                && let Some((found, name)) = keys::parse(&self.prefix, &key)
                && found == part
            {
                out.push((key.clone(), name.to_string()));
            }
        }
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }

    fn get_raw(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|e| error_from_js(&e))
    }

    fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        LocalStorage::set(key, value).map_err(gloo_error)
    }

    fn remove(&self, key: &str) {
        LocalStorage::delete(key);
    }

    fn stored_revision(&self, id: &str) -> Result<u64, StorageError> {
        match self.get_raw(&self.key(Part::Claim, id))? {
            None => Ok(0),
            Some(raw) => migrate_claim_record(&raw)
                .map(|c| c.revision)
                .map_err(StorageError::Corrupt),
        }
    }

    fn write_claim(&self, claim: &Claim) -> Result<(), StorageError> {
        // The same text as `encode_claim`.
        self.set(
            &self.key(Part::Claim, &claim.id),
            &ClaimRecord {
                schema: SCHEMA_VERSION,
                claim: claim.clone(),
            },
        )
    }
}

impl SyncAdapter for LocalStore {
    fn kind(&self) -> AdapterKind {
        AdapterKind::LocalStorage
    }

    fn load_all(&self) -> Fut<'_, Snapshot> {
        Box::pin(async move {
            let mut snap = Snapshot::default();
            // Records that could not be moved (storage full) stay where they
            // are and are still reported.
            let mut unmoved = Vec::new();
            for (key, id) in self.entries(Part::Claim)? {
                let Some(raw) = self.get_raw(&key)? else {
                    continue;
                };
                match migrate_claim_record(&raw) {
                    Ok(claim) => snap.claims.push(claim),
                    Err(reason) => {
                        let q = quarantined(id, raw, reason);
                        // Write the copy first, then remove the original:
                        // the record is never in neither place.
                        if self.set(&self.key(Part::Quarantine, &q.key), &q).is_ok() {
                            self.remove(&key);
                        } else {
                            unmoved.push(q);
                        }
                    }
                }
            }
            for (key, name) in self.entries(Part::Quarantine)? {
                let Some(raw) = self.get_raw(&key)? else {
                    continue;
                };
                snap.quarantined
                    .push(serde_json::from_str(&raw).unwrap_or_else(|e| Quarantined {
                        key: name,
                        raw,
                        reason: format!("the quarantine entry itself is unreadable: {e}"),
                    }));
            }
            for q in unmoved {
                if !snap.quarantined.iter().any(|have| have.key == q.key) {
                    snap.quarantined.push(q);
                }
            }
            snap.claims.sort_by(|a, b| a.id.cmp(&b.id));
            snap.quarantined.sort_by(|a, b| a.key.cmp(&b.key));
            Ok(snap)
        })
    }

    fn load(&self, id: &str) -> Fut<'_, Option<Claim>> {
        let id = id.to_string();
        Box::pin(async move {
            match self.get_raw(&self.key(Part::Claim, &id))? {
                None => Ok(None),
                Some(raw) => migrate_claim_record(&raw)
                    .map(Some)
                    .map_err(StorageError::Corrupt),
            }
        })
    }

    fn save(&self, mut claim: Claim) -> Fut<'_, Claim> {
        Box::pin(async move {
            let stored = self.stored_revision(&claim.id)?;
            if stored != claim.revision {
                return Err(StorageError::Conflict {
                    id: claim.id,
                    expected: claim.revision,
                    stored,
                });
            }
            claim.revision += 1;
            self.write_claim(&claim)?;
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
            let stored = self.stored_revision(&id)?;
            if stored != revision {
                return Err(StorageError::Conflict {
                    id,
                    expected: revision,
                    stored,
                });
            }
            self.remove(&self.key(Part::Claim, &id));
            watch::notify(&Change::Deleted { id });
            Ok(())
        })
    }

    fn restore(&self, claim: Claim) -> Fut<'_, ()> {
        Box::pin(async move {
            self.write_claim(&claim)?;
            watch::notify(&Change::Saved {
                id: claim.id,
                revision: claim.revision,
            });
            Ok(())
        })
    }

    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        Box::pin(async move {
            self.set(&self.key(Part::Doc, &doc.id), &doc)?;
            watch::notify(&Change::Documents);
            Ok(())
        })
    }

    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        let id = id.to_string();
        Box::pin(async move {
            match self.get_raw(&self.key(Part::Doc, &id))? {
                None => Ok(None),
                Some(raw) => serde_json::from_str(&raw)
                    .map(Some)
                    .map_err(|e| StorageError::Corrupt(format!("document {id}: {e}"))),
            }
        })
    }

    fn delete_document(&self, id: &str) -> Fut<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            self.remove(&self.key(Part::Doc, &id));
            watch::notify(&Change::Documents);
            Ok(())
        })
    }

    fn document_ids(&self) -> Fut<'_, Vec<String>> {
        Box::pin(async move {
            Ok(self
                .entries(Part::Doc)?
                .into_iter()
                .map(|(_, id)| id)
                .collect())
        })
    }

    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        Box::pin(async move { self.set(&self.key(Part::Quarantine, &record.key), &record) })
    }

    fn discard_quarantined(&self, key: &str) -> Fut<'_, ()> {
        let key = key.to_string();
        Box::pin(async move {
            self.remove(&self.key(Part::Quarantine, &key));
            Ok(())
        })
    }

    fn clear_all(&self) -> Fut<'_, ()> {
        Box::pin(async move {
            for part in [Part::Claim, Part::Doc, Part::Quarantine] {
                for (key, _) in self.entries(part)? {
                    self.remove(&key);
                }
            }
            watch::notify(&Change::Imported);
            Ok(())
        })
    }

    /// One synchronous step (nothing else in this tab runs in between);
    /// every key it writes is journalled with its previous value, and on a
    /// failure (a full storage) the journal is played back: nothing of the
    /// import stays.
    fn commit_import(&self, batch: ImportBatch) -> Fut<'_, ImportReport> {
        Box::pin(async move {
            let mut done = ImportReport::default();
            let mut journal: Vec<(String, Option<String>)> = Vec::new();
            let result = self.write_import(&batch, &mut done, &mut journal);
            if let Err(e) = result {
                for (key, previous) in journal.into_iter().rev() {
                    match previous {
                        Some(raw) => {
                            let _ = self.storage.set_item(&key, &raw);
                        }
                        None => self.remove(&key),
                    }
                }
                return Err(e);
            }
            Ok(done)
        })
    }
}

impl LocalStore {
    fn write_import(
        &self,
        batch: &ImportBatch,
        done: &mut ImportReport,
        journal: &mut Vec<(String, Option<String>)>,
    ) -> Result<(), StorageError> {
        let mut put = |key: String, value: &dyn erased::Json| -> Result<(), StorageError> {
            let previous = self.get_raw(&key)?;
            journal.push((key.clone(), previous));
            self.storage
                .set_item(&key, &value.json()?)
                .map_err(|e| error_from_js(&e))
        };
        for doc in &batch.documents {
            let key = self.key(Part::Doc, &doc.id);
            if self.get_raw(&key)?.is_some() {
                done.document_conflicts.push(doc.id.clone());
                continue;
            }
            put(key, doc)?;
            done.documents += 1;
        }
        for claim in &batch.claims {
            let key = self.key(Part::Claim, &claim.id);
            let here = match self.get_raw(&key)? {
                None => None,
                Some(raw) => match migrate_claim_record(&raw) {
                    Ok(c) => Some(c),
                    Err(reason) => {
                        let q = quarantined(claim.id.clone(), raw, reason);
                        put(self.key(Part::Quarantine, &q.key), &q)?;
                        done.quarantined += 1;
                        None
                    }
                },
            };
            let m = merge(here.as_ref(), claim);
            done.count(&claim.id, m);
            if matches!(m, Merge::Add | Merge::Update) {
                let record = ClaimRecord {
                    schema: SCHEMA_VERSION,
                    claim: claim.clone(),
                };
                put(key, &record)?;
            }
        }
        for q in &batch.quarantined {
            put(self.key(Part::Quarantine, &q.key), q)?;
            done.quarantined += 1;
        }
        Ok(())
    }
}

/// A value written as JSON text, whatever its type (for the journal).
mod erased {
    use super::StorageError;

    pub trait Json {
        fn json(&self) -> Result<String, StorageError>;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Result<String, StorageError> {
            serde_json::to_string(self)
                .map_err(|e| StorageError::Backend(format!("cannot encode the value: {e}")))
        }
    }
}
