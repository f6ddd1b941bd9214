//! Small synchronous preferences (language, profile, settings, the wizard
//! draft) in localStorage through gloo-storage.
//!
//! Every key is stored as `cpor-desk:pref:{key}` ([`keys::pref`]), its
//! value as JSON. A
//! successful [`set`] or [`remove`] tells other tabs with
//! [`watch::notify`]`(&Change::Prefs { key })`.
//!
//! ```no_run
//! use cpor_desk::storage::prefs;
//!
//! # fn demo() -> Result<(), cpor_desk::storage::StorageError> {
//! prefs::set("locale", &"sv")?;
//! let locale: Option<String> = prefs::get("locale")?;
//! assert_eq!(locale.as_deref(), Some("sv"));
//! prefs::remove("locale");
//! # Ok(()) }
//! ```

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::keys;
use super::watch::{self, Change};
use super::{StorageError, gloo_error, local_storage};

/// The localStorage key of the preference `key` (see [`keys::pref`]).
pub fn storage_key(key: &str) -> String {
    keys::pref(key)
}

/// The preference `key`, `None` when it is not set. A stored value that does
/// not parse as `T` is [`StorageError::Corrupt`]; localStorage being
/// unavailable is [`StorageError::Unavailable`].
pub fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageError> {
    local_storage()?;
    match LocalStorage::get::<T>(storage_key(key)) {
        Ok(value) => Ok(Some(value)),
        Err(GlooError::KeyNotFound(_)) => Ok(None),
        Err(GlooError::SerdeError(e)) => Err(StorageError::Corrupt(format!(
            "the preference {key:?} is unreadable ({e})"
        ))),
        Err(e) => Err(gloo_error(e)),
    }
}

/// Stores the preference `key`. A full localStorage is
/// [`StorageError::QuotaExceeded`] (and the old value stays).
pub fn set<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    local_storage()?;
    LocalStorage::set(storage_key(key), value).map_err(gloo_error)?;
    watch::notify(&Change::Prefs {
        key: key.to_string(),
    });
    Ok(())
}

/// Removes the preference `key` (nothing happens when localStorage is
/// unavailable).
pub fn remove(key: &str) {
    if local_storage().is_ok() {
        LocalStorage::delete(storage_key(key));
        watch::notify(&Change::Prefs {
            key: key.to_string(),
        });
    }
}
