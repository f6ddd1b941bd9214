//! Team sync in the app state: the profile organisation's sync settings and
//! conflicts (read from the store's replica, [`SyncAdapter::replica`]), the
//! worker's status (from `crate::app::sync`), and resolving a conflict as a
//! checked, normal save.

use leptos::prelude::*;

use super::{AppError, AppState};
use crate::domain::document::MAX_DOCUMENT_BYTES;
use crate::storage::{StorageError, watch};
use crate::sync::merge::Choices;
use crate::sync::resolution::checked_resolution;
use crate::sync::status::{Phase, SyncStatus};
use crate::sync::{LocalReplica, SyncConflict, SyncSettings, resolve_conflict};

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
        self.store().is_some_and(|s| s.replica().is_some())
    }

    /// Reads the profile organisation's sync settings and the conflicts.
    pub async fn load_sync(self) {
        let Some(store) = self.store() else { return };
        let Some(replica) = store.replica() else {
            return;
        };
        let settings = match self.org_untracked() {
            Some(org) => replica.sync_settings(&org).await.ok().flatten(),
            None => None,
        };
        self.sync_settings.set(settings);
        if let Ok(conflicts) = replica.conflicts().await {
            self.sync_conflicts.set(conflicts);
        }
    }

    /// Stores the profile organisation's sync settings (the worker and the
    /// other tabs follow them).
    pub async fn save_sync_settings(self, settings: SyncSettings) -> Result<(), AppError> {
        let store = self.store().ok_or_else(no_replica)?;
        let replica = store.replica().ok_or_else(no_replica)?;
        let org = self.org_untracked().ok_or(AppError::NoProfile)?;
        replica
            .set_sync_settings(&org, Some(settings.clone()))
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
        let status = self.sync_status.get();
        if status.org != org || status.phase == Phase::Off {
            return SyncStatus {
                org,
                phase: Phase::Starting,
                ..SyncStatus::default()
            };
        }
        status
    }

    /// Whether a claim has changes not on the server yet (tracked).
    pub fn unsent(&self, claim_id: &str) -> bool {
        self.sync_view().unsent.iter().any(|id| id == claim_id)
    }

    /// The conflict of a claim waiting for the user (tracked).
    pub fn sync_conflict(&self, claim_id: &str) -> Option<SyncConflict> {
        self.sync_conflicts
            .with(|cs| cs.iter().find(|c| c.id() == claim_id).cloned())
    }

    /// The largest PoE file that can be added now: the server's limit when
    /// sync runs, else the app's.
    pub fn max_file_bytes_untracked(&self) -> u64 {
        self.sync_settings.with_untracked(|s| match s {
            Some(s) if s.runs() => s.limits.max_file_bytes(),
            _ => MAX_DOCUMENT_BYTES,
        })
    }

    /// Resolves a conflict with the user's choices: checked like an edit
    /// (role, locked fields in the resulting status), then stored as a
    /// normal save with the server's version as its base; the worker sends
    /// it, the other tabs reload.
    pub async fn resolve_sync_conflict(
        self,
        claim_id: &str,
        choices: Choices,
    ) -> Result<(), AppError> {
        let store = self.store().ok_or_else(no_replica)?;
        let replica: &dyn LocalReplica = store.replica().ok_or_else(no_replica)?;
        let actor = self.partner_actor().ok_or(AppError::NoProfile)?;
        let conflict = replica
            .conflicts()
            .await
            .map_err(AppError::Storage)?
            .into_iter()
            .find(|c| c.id() == claim_id)
            .ok_or_else(|| AppError::MissingClaim(claim_id.to_string()))?;
        checked_resolution(&conflict.conflict, &choices, &actor)?;
        resolve_conflict(replica, &conflict, &choices)
            .await
            .map_err(|e| match e {
                crate::sync::SyncError::Local(s) => AppError::Storage(s),
                other => AppError::File(other.to_string()),
            })?;
        watch::notify(&watch::Change::Sync);
        self.reload().await;
        self.load_sync().await;
        Ok(())
    }
}
