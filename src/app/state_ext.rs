//! Additions to [`AppState`] for the review desk, kept apart from
//! `state.rs`: storing several claims that one decision changed together
//! (approving one of competing claims rejects the others, SPEC §10).

use leptos::prelude::*;

use crate::domain::claim::Claim;
use crate::storage::StorageError;

use super::state::{AppError, AppState};

impl AppState {
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
