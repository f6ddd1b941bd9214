//! Team sync in the app state: the profile organisation's sync settings and
//! conflicts (read through the store's [`SyncAdapter::sync_meta`], the
//! conflicts as ready-to-render views), the worker's status (from
//! `crate::app::sync`), and resolving a conflict: the choice goes to a sync
//! worker, which checks it with the status machine and stores it as a
//! normal save.
//!
//! [`SyncAdapter::sync_meta`]: crate::storage::SyncAdapter::sync_meta

use leptos::prelude::*;

use super::{AppError, AppState};
use crate::domain::document::MAX_DOCUMENT_BYTES;
use crate::domain::status::TransitionError;
use crate::storage::StorageError;
use crate::sync::SyncSettings;
use crate::sync::merge::Side;
use crate::sync::resolution::RESOLVE_EVENT;
use crate::sync::status::{Phase, SyncStatus};
use crate::sync::view::{ConflictView, ResolveAnswer, resolve_json};

fn no_replica() -> AppError {
    AppError::Storage(StorageError::Unavailable(
        "team sync needs IndexedDB".to_string(),
    ))
}

impl AppState {
    /// The profile's organisation id (untracked).
    fn org_untracked(&self) -> Option<String> {
        self.profile
            .with_untracked(|p| p.as_ref().map(|p| p.org_id.clone()))
    }

    /// Whether this browser's storage can sync (IndexedDB).
    pub fn can_sync(&self) -> bool {
        self.store().is_some_and(|s| s.sync_meta().is_some())
    }

    /// Reads the profile organisation's sync settings and the conflicts.
    pub async fn load_sync(self) {
        let Some(store) = self.store() else { return };
        let Some(meta) = store.sync_meta() else {
            return;
        };
        let settings = match self.org_untracked() {
            Some(org) => meta.sync_settings(&org).await.ok().flatten(),
            None => None,
        };
        self.sync_settings.set(settings);
        if let Ok(conflicts) = meta.conflict_views().await {
            self.sync_conflicts.set(conflicts);
        }
    }

    /// Stores the profile organisation's sync settings (the worker and the
    /// other tabs follow them).
    pub async fn save_sync_settings(self, settings: SyncSettings) -> Result<(), AppError> {
        let store = self.store().ok_or_else(no_replica)?;
        let meta = store.sync_meta().ok_or_else(no_replica)?;
        let org = self.org_untracked().ok_or(AppError::NoProfile)?;
        meta.set_sync_settings(&org, Some(settings.clone()))
            .await
            .map_err(AppError::Storage)?;
        self.sync_settings.set(Some(settings));
        Ok(())
    }

    /// What the header and the pages show (tracked): off unless the
    /// organisation's settings run; "starting" until the worker reports.
    pub fn sync_view(&self) -> SyncStatus {
        let runs = self
            .sync_settings
            .with(|s| s.as_ref().is_some_and(SyncSettings::runs));
        let org = self
            .profile
            .with(|p| p.as_ref().map(|p| p.org_id.clone()))
            .unwrap_or_default();
        if !runs || !self.can_sync() {
            return SyncStatus::default();
        }
        self.sync_status.with(|status| {
            if status.org != org || status.phase == Phase::Off {
                SyncStatus {
                    org,
                    phase: Phase::Starting,
                    ..SyncStatus::default()
                }
            } else {
                status.clone()
            }
        })
    }

    /// Whether a claim has changes not on the server yet (tracked).
    pub fn unsent(&self, claim_id: &str) -> bool {
        self.sync_view().unsent.iter().any(|id| id == claim_id)
    }

    /// The conflict of a claim waiting for the user (tracked).
    pub fn sync_conflict(&self, claim_id: &str) -> Option<ConflictView> {
        self.sync_conflicts
            .with(|cs| cs.iter().find(|c| c.id == claim_id).cloned())
    }

    /// The largest PoE file that can be added now: the server's limit when
    /// sync runs, else the app's.
    pub fn max_file_bytes_untracked(&self) -> u64 {
        self.sync_settings.with_untracked(|s| match s {
            Some(s) if s.runs() => s.limits.max_file_bytes(),
            _ => MAX_DOCUMENT_BYTES,
        })
    }

    /// Resolves a conflict with the user's choices (`default` for every
    /// path not in `paths`; see [`crate::sync::merge::Choices`]). A sync worker
    /// (`crate::app::sync::resolve_in_worker`) checks the result like an
    /// edit (role, locked fields in the resulting status) and stores it as
    /// a normal save with the server's version as its base; the running
    /// worker sends it, the tabs reload.
    pub async fn resolve_sync_conflict(
        self,
        claim_id: &str,
        default: Side,
        paths: Vec<(String, Side)>,
    ) -> Result<(), AppError> {
        self.store()
            .and_then(|s| s.sync_meta().map(|_| ()))
            .ok_or_else(no_replica)?;
        let actor = self.partner_actor().ok_or(AppError::NoProfile)?;
        let request = resolve_json(claim_id, default, &paths, &actor);
        let answer = crate::app::sync::resolve_in_worker(request)
            .await
            .map_err(|e| AppError::File(e.detail))?;
        let result = match answer {
            ResolveAnswer::Resolved => Ok(()),
            ResolveAnswer::Forbidden => Err(AppError::Transition(TransitionError::ForbiddenRole {
                event: RESOLVE_EVENT,
            })),
            ResolveAnswer::FieldLocked { field, status } => {
                Err(AppError::Transition(TransitionError::FieldLocked {
                    field,
                    status,
                }))
            }
            ResolveAnswer::Missing => Err(AppError::MissingClaim(claim_id.to_string())),
            ResolveAnswer::Failed { detail } => Err(AppError::File(detail)),
        };
        if result.is_ok() {
            self.reload().await;
        }
        self.load_sync().await;
        result
    }
}
