//! Persistent storage: the app asks the browser to keep its data
//! (`navigator.storage.persist()`) once a profile is chosen, and Settings
//! shows whether that was granted and how much of the quota is used
//! (`navigator.storage.estimate()`). Without it a browser may evict the
//! site's data when the disk runs low (Safari also after seven days without
//! a visit). The calls go through `js_sys::Reflect`: a browser without the
//! Storage API simply reports "unknown".
//!
//! ```ignore
//! spawn_local(async { let granted = request_persistence().await; });
//! let facts = persistence().await; // persisted, usage, quota
//! ```

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the browser says about this origin's storage; `None`: it did not say.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Persistence {
    pub persisted: Option<bool>,
    pub usage: Option<u64>,
    pub quota: Option<u64>,
}

fn storage_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(|s| s.is_object())
}

/// Calls `navigator.storage[name]()` and awaits its promise.
async fn call(name: &str) -> Option<JsValue> {
    let manager = storage_manager()?;
    let method = Reflect::get(&manager, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let promise = method.call0(&manager).ok()?.dyn_into::<Promise>().ok()?;
    JsFuture::from(promise).await.ok()
}

/// Asks the browser to keep this origin's data; whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    call("persist").await.and_then(|v| v.as_bool())
}

/// Whether the data is persistent, and the usage and quota in bytes.
pub async fn persistence() -> Persistence {
    let persisted = call("persisted").await.and_then(|v| v.as_bool());
    let estimate = call("estimate").await;
    let number = |key: &str| {
        estimate
            .as_ref()
            .and_then(|e| Reflect::get(e, &key.into()).ok())
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n as u64)
    };
    Persistence {
        persisted,
        usage: number("usage"),
        quota: number("quota"),
    }
}
