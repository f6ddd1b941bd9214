//! Small synchronous preferences (language, profile, settings, the wizard
//! draft) in localStorage through gloo-storage. (Interim version.)

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StorageError;

const PREFIX: &str = "cpor-desk:pref:";

pub fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageError> {
    match LocalStorage::raw().get_item(&format!("{PREFIX}{key}")) {
        Ok(None) => Ok(None),
        Ok(Some(raw)) => serde_json::from_str(&raw)
            .map(Some)
            .map_err(|e| StorageError::Corrupt(format!("preference {key}: {e}"))),
        Err(_) => Err(StorageError::Unavailable("localStorage".into())),
    }
}

pub fn set<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    LocalStorage::set(format!("{PREFIX}{key}"), value)
        .map_err(|e| StorageError::QuotaExceeded(e.to_string()))
}

pub fn remove(key: &str) {
    LocalStorage::delete(format!("{PREFIX}{key}"));
}
