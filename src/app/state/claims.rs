//! The claims: read as they stand now, changed only through events
//! ([`AppState::apply`]), stored with the store's revision check, and a
//! change that could not be stored kept for retry ([`Pending`]). Document
//! bytes go through here too.

use leptos::prelude::*;

use super::{AppError, AppState, Notice, storage_message};
use crate::domain::claim::Claim;
use crate::domain::competing::held_associations;
use crate::domain::finding::Finding;
use crate::domain::partners::partner;
use crate::domain::roles::Actor;
use crate::domain::status::{self, Event};
use crate::domain::validate::{ClaimContext, validate_for_submit};
use crate::i18n::msg;
use crate::storage::{StorageError, StoredDocument};

/// A change that could not be stored, kept so the user can retry it on the
/// latest version or drop it (never lost silently, never overwritten).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub claim_id: String,
    pub event: Event,
    pub actor: Actor,
    pub error: AppError,
}

impl AppState {
    /// Every claim with the time-driven transitions due now applied (tracked).
    pub fn claims_now(&self) -> Vec<Claim> {
        let now = self.now();
        let policy = self.policy();
        self.claims
            .with(|cs| cs.iter().map(|c| status::advance(c, now, policy)).collect())
    }

    /// The dashboard's rows of the profile organisation's claims, as they
    /// stand now (tracked): only the rows of claims changed since the last
    /// call are built ([`RowCache`](crate::domain::dashboard::RowCache)).
    pub fn dashboard_rows(&self) -> Vec<std::sync::Arc<crate::domain::dashboard::Row>> {
        let org = self.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
        let now = self.now();
        let policy = self.policy();
        let t = super::perf_now();
        self.claims.with(|cs| {
            // The memory grows in large steps while many rows are built
            // (`storage::heap`).
            let mine = cs
                .iter()
                .filter(|c| Some(&c.partner_org.id) == org.as_ref())
                .inspect(|_| crate::storage::heap::keep_headroom());
            self.row_cache
                .try_update_value(|cache| {
                    let rows = cache.rows(mine, now, policy);
                    // For scripts/bench: rows built, and how long it took.
                    super::perf_mark(&format!(
                        "cpor:dashboard-phase:rows {} built:{}",
                        cache.built,
                        crate::i18n::one_decimal(super::perf_now() - t)
                    ));
                    rows
                })
                .unwrap_or_default()
        })
    }

    /// Builds the dashboard's rows of `claims` (of the profile's
    /// organisation) ahead of their joining the list
    /// (`RowCache::prepare`): a pulled batch's rows are built a slice at a
    /// time, each in its own short task, not all in the list update's.
    pub(super) fn prepare_rows(&self, claims: &[Claim]) {
        let (org, now, policy) = untrack(|| {
            let org = self.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
            (org, self.now(), self.policy())
        });
        let Some(org) = org else { return };
        let mine = claims.iter().filter(|c| c.partner_org.id == org);
        self.row_cache.update_value(|cache| {
            cache.prepare(mine, now, policy);
        });
    }

    /// One claim as it stands now (tracked).
    pub fn claim_now(&self, id: &str) -> Option<Claim> {
        let now = self.now();
        let policy = self.policy();
        self.claims.with(|cs| {
            cs.iter()
                .find(|c| c.id == id)
                .map(|c| status::advance(c, now, policy))
        })
    }

    fn put_claim(&self, claim: Claim) {
        self.claims
            .update(|cs| match cs.iter_mut().find(|c| c.id == claim.id) {
                Some(slot) => *slot = claim,
                None => cs.insert(0, claim),
            });
    }

    /// Runs `f` with the context every claim check of the app uses (the
    /// wizard, the edit form, Submit, the CSV import): the directory of the
    /// settings, the clock, the partner locations of organisation `org_id`
    /// and the associations the stored claims hold (tracked).
    pub fn with_claim_context<R>(&self, org_id: &str, f: impl FnOnce(&ClaimContext) -> R) -> R {
        let locations = partner(org_id)
            .map(|o| o.locations.clone())
            .unwrap_or_default();
        let held = held_associations(self.claims_now().iter());
        let now = self.now().to_utc();
        let policy = self.policy();
        self.with_directory(|dir| {
            let ctx = ClaimContext::new(policy)
                .with_directory(dir)
                .with_now(now)
                .with_locations(&locations)
                .with_held(&held);
            f(&ctx)
        })
    }

    /// The findings of a stored claim now, as Submit would see them
    /// (every check of [`validate_for_submit`] in the app's context;
    /// tracked).
    pub fn submit_findings(&self, claim: &Claim) -> Vec<Finding> {
        self.with_claim_context(&claim.partner_org.id, |ctx| validate_for_submit(claim, ctx))
    }

    /// Would `event` by `actor` be accepted now? (For enabling buttons; the
    /// real check is in [`AppState::apply`].)
    pub fn allows(&self, claim: &Claim, event: &Event, actor: &Actor) -> bool {
        status::apply_event(claim, event, actor, self.now(), self.policy()).is_ok()
    }

    /// Applies an event to a claim and stores the result. `base_revision`:
    /// the revision the user's form started from (a newer stored revision
    /// is a conflict). On a storage failure the change is kept in
    /// [`AppState::pending`] for retry.
    ///
    /// [`Event::Delete`] (a draft) is the one event that removes the claim:
    /// the domain checks it like any other, then the claim goes through
    /// [`crate::storage::SyncAdapter::delete`] at the revision this tab
    /// holds (a newer one elsewhere is a conflict) and leaves the list; the
    /// stores tell the other tabs. The claim returned is the domain's last
    /// state of the draft (its history ends with `deleted`).
    pub async fn apply(
        self,
        claim_id: &str,
        event: Event,
        actor: Actor,
        base_revision: Option<u64>,
    ) -> Result<Claim, AppError> {
        let current = self
            .claims
            .with_untracked(|cs| cs.iter().find(|c| c.id == claim_id).cloned())
            .ok_or_else(|| AppError::MissingClaim(claim_id.to_string()))?;
        if let Some(base) = base_revision
            && base != current.revision
        {
            let err = AppError::Storage(StorageError::Conflict {
                id: claim_id.to_string(),
                expected: base,
                stored: current.revision,
            });
            self.pending.set(Some(Pending {
                claim_id: claim_id.to_string(),
                event,
                actor,
                error: err.clone(),
            }));
            return Err(err);
        }
        let now = self.now_untracked();
        let next = untrack(|| {
            self.with_claim_context(&current.partner_org.id, |ctx| {
                status::apply_event_in(&current, &event, &actor, now, ctx)
            })
        })?;
        if event == Event::Delete {
            return self.delete_claim(current.revision, next, actor).await;
        }
        self.save_claim(next, Some((event, actor))).await
    }

    /// Deletes a claim the domain allowed to delete (`gone`, at the stored
    /// `revision`), and its documents' bytes; keeps the deletion pending on
    /// failure.
    async fn delete_claim(
        self,
        revision: u64,
        gone: Claim,
        actor: Actor,
    ) -> Result<Claim, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        let id = gone.id.clone();
        if let Err(e) = store.delete(&id, revision).await {
            let err = AppError::Storage(e);
            self.pending.set(Some(Pending {
                claim_id: id,
                event: Event::Delete,
                actor,
                error: err.clone(),
            }));
            return Err(err);
        }
        self.claims.update(|cs| cs.retain(|c| c.id != id));
        if self
            .pending
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.claim_id == id))
        {
            self.pending.set(None);
        }
        for doc in &gone.documents {
            // Bytes left behind by a failure here are only unused space.
            let _ = store.delete_document(&doc.id).await;
        }
        Ok(gone)
    }

    /// Stores a claim (revision checked by the store); keeps `retry` pending
    /// on failure.
    async fn save_claim(
        self,
        claim: Claim,
        retry: Option<(Event, Actor)>,
    ) -> Result<Claim, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        let id = claim.id.clone();
        match store.save(claim).await {
            Ok(saved) => {
                self.put_claim(saved.clone());
                if self
                    .pending
                    .with_untracked(|p| p.as_ref().is_some_and(|p| p.claim_id == id))
                {
                    self.pending.set(None);
                }
                Ok(saved)
            }
            Err(e) => {
                let err = AppError::Storage(e);
                if let Some((event, actor)) = retry {
                    self.pending.set(Some(Pending {
                        claim_id: id,
                        event,
                        actor,
                        error: err.clone(),
                    }));
                } else {
                    self.error(err.clone());
                }
                Err(err)
            }
        }
    }

    /// Retries the pending change on the latest stored version of its claim.
    pub async fn retry_pending(self) -> Result<Claim, AppError> {
        let Some(p) = self.pending.get_untracked() else {
            return Err(AppError::MissingClaim(String::new()));
        };
        self.reload().await;
        let result = self.apply(&p.claim_id, p.event, p.actor, None).await;
        if let Err(e) = &result
            && !matches!(e, AppError::Storage(_))
        {
            // The change no longer applies (e.g. the status moved on): say so.
            self.pending.set(None);
            self.error(e.clone());
        }
        result
    }

    /// Drops the pending change and shows the latest stored version.
    pub async fn discard_pending(self) {
        self.pending.set(None);
        self.reload().await;
    }

    /// Creates a claim from a template (the wizard, or a copy).
    pub async fn create(self, claim: Claim) -> Result<Claim, AppError> {
        self.save_claim(claim, None).await
    }

    /// A new claim id.
    pub fn new_id() -> String {
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }

    /// Stores a document's bytes. A failure is also shown in the message
    /// banner at the top of the page, with the file's name and the storage
    /// error (the claim is unchanged: the partner adds the file again).
    pub async fn put_document(self, doc: StoredDocument) -> Result<(), AppError> {
        let name = doc.name.clone();
        let result = match self.store() {
            Some(store) => store.put_document(doc).await,
            None => Err(StorageError::Unavailable("still opening".into())),
        };
        result.map_err(|e| {
            let loc = self.locale.get_untracked();
            let reason = storage_message(&e, loc);
            self.notice.set(Some(Notice {
                error: true,
                text: msg::state_document_not_stored(loc, &name, &reason),
            }));
            AppError::Storage(e)
        })
    }

    /// Reads a document's bytes.
    pub async fn get_document(self, id: &str) -> Result<Option<StoredDocument>, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        store.get_document(id).await.map_err(AppError::Storage)
    }

    /// Stores claims computed together by the domain (e.g. by
    /// [`crate::domain::status::approve_competing`]), in order, each with
    /// the store's revision check. Stops at the first failure, which is
    /// shown as an error banner (nothing is overwritten; the claims already
    /// stored stay stored). Returns the stored claims.
    pub async fn save_all(self, claims: Vec<Claim>) -> Result<Vec<Claim>, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        let mut saved = Vec::with_capacity(claims.len());
        for claim in claims {
            match store.save(claim).await {
                Ok(stored) => {
                    self.claims
                        .update(|cs| match cs.iter_mut().find(|c| c.id == stored.id) {
                            Some(slot) => *slot = stored.clone(),
                            None => cs.insert(0, stored.clone()),
                        });
                    saved.push(stored);
                }
                Err(e) => {
                    let err = AppError::Storage(e);
                    self.error(err.clone());
                    return Err(err);
                }
            }
        }
        Ok(saved)
    }
}
