//! Errors of the app layer and the message banner.

use leptos::prelude::*;

use super::AppState;
use crate::domain::finding::{Finding, Locale};
use crate::domain::status::TransitionError;
use crate::i18n::msg;
use crate::storage::StorageError;

/// An error of the app layer, with a message per locale.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("claim {0} was not found")]
    MissingClaim(String),
    #[error("choose a profile first")]
    NoProfile,
    #[error("{0}")]
    File(String),
}

impl AppError {
    /// The error as findings, when it has finding codes (transition errors).
    pub fn findings(&self) -> Vec<Finding> {
        match self {
            AppError::Transition(e) => e.findings(),
            _ => Vec::new(),
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        match self {
            AppError::Transition(TransitionError::Invalid { findings }) => {
                let first = findings
                    .iter()
                    .find(|f| f.is_error())
                    .map(|f| f.message(locale))
                    .unwrap_or_default();
                format!("{} {first}", msg::state_the_claim_is_not_ready(locale))
            }
            AppError::Transition(e) => e.code().message(locale).to_string(),
            AppError::Storage(e) => storage_message(e, locale),
            AppError::MissingClaim(id) => msg::state_claim_not_found(locale, id),
            AppError::NoProfile => msg::state_choose_a_profile_first(locale).to_string(),
            AppError::File(msg) => msg.clone(),
        }
    }
}

/// A storage error in words a user can act on.
pub fn storage_message(e: &StorageError, locale: Locale) -> String {
    match e {
        StorageError::Conflict { .. } => msg::storage_conflict(locale).to_string(),
        StorageError::QuotaExceeded(d) => msg::storage_quota_exceeded(locale, d),
        StorageError::Unavailable(d) => msg::storage_unavailable(locale, d),
        StorageError::Corrupt(d) => msg::storage_corrupt(locale, d),
        StorageError::Import(d) => msg::storage_import(locale, d),
        StorageError::Backend(d) => msg::storage_backend(locale, d),
    }
}

/// A message banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl AppState {
    /// Shows an error banner.
    pub fn error(&self, e: AppError) {
        let text = e.message(self.locale.get_untracked());
        self.notice.set(Some(Notice { error: true, text }));
    }

    /// Shows an information banner.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: false,
            text: text.into(),
        }));
    }
}
