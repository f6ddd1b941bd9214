//! Cross-tab change notifications.
//!
//! The browser adapters and [`super::prefs`] call [`notify`] after each
//! successful write; it posts the [`Change`] (as JSON text) on the
//! `BroadcastChannel` [`CHANNEL`]. Each thread (tab) keeps one channel
//! object, used both to post and to listen, and a channel object never gets
//! its own messages: a tab hears the other tabs' changes, not its own (it
//! already knows those).
//!
//! Where `BroadcastChannel` does not exist, [`notify`] does nothing and
//! [`subscribe`] listens to the window's `storage` events instead, which the
//! browser fires in the other tabs for every localStorage write: changes of
//! the localStorage fallback ([`super::local::LocalStore`] under
//! [`super::LOCAL_PREFIX`]) and of preferences still arrive (the keys are
//! read with [`super::keys`]).
//!
//! ```no_run
//! use cpor_desk::storage::watch::{self, Change};
//!
//! let watcher = watch::subscribe(|change| match change {
//!     Change::Saved { id, revision } => { /* reload claim `id` if ours is older than `revision` */ }
//!     Change::Deleted { id } => { /* drop claim `id` from the list */ }
//!     Change::Claims { ids } => { /* re-read each of `ids` (saved or deleted) */ }
//!     Change::Documents | Change::Imported => { /* reload everything */ }
//!     Change::Prefs { key } => { /* re-read preference `key` */ }
//!     Change::Sync => { /* re-read the sync settings and conflicts */ }
//! });
//! // Listening stops when `watcher` is dropped.
//! drop(watcher);
//! ```

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, EventTarget, MessageEvent, StorageEvent};

use super::keys::{self, Part};
use super::{LOCAL_PREFIX, local_storage, migrate_claim_record};

/// The name of the `BroadcastChannel`.
pub const CHANNEL: &str = "cpor-desk";

/// What changed in storage. On the channel it is JSON with a `kind` tag:
/// `{"kind":"saved","id":"c1","revision":3}`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Change {
    /// A claim was saved (or restored by an import) at `revision`.
    Saved { id: String, revision: u64 },
    /// A claim was deleted.
    Deleted { id: String },
    /// Several claims were saved or deleted in one transaction (a batch the
    /// sync worker pulled): one message for all of them instead of one per
    /// claim; re-read each.
    Claims { ids: Vec<String> },
    /// Document bytes were added or removed.
    Documents,
    /// An import finished (or localStorage was cleared): reload everything.
    Imported,
    /// A preference was set or removed (`key` without the prefix).
    Prefs { key: String },
    /// Team sync's settings or conflicts changed (Settings → Team sync, a
    /// resolved conflict): tabs re-read them, the sync worker re-reads its
    /// settings.
    Sync,
}

thread_local! {
    /// This thread's channel: `None` until first used, `Some(None)` when
    /// the browser has no `BroadcastChannel`.
    static SHARED: RefCell<Option<Option<BroadcastChannel>>> = const { RefCell::new(None) };
}

fn shared_channel() -> Option<BroadcastChannel> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    SHARED.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| BroadcastChannel::new(CHANNEL).ok())
            .clone()
    })
}

/// Tells the other tabs about `change`. Does nothing where there is no
/// `BroadcastChannel` (the `storage` events cover localStorage then) or
/// outside the browser.
pub fn notify(change: &Change) {
    let Some(channel) = shared_channel() else {
        return;
    };
    if let Ok(text) = serde_json::to_string(change) {
        let _ = channel.post_message(&JsValue::from_str(&text));
    }
}

/// Calls `on_change` for each change another tab makes, until the returned
/// [`Watcher`] is dropped: through the `BroadcastChannel` where there is
/// one, through `storage` events ([`subscribe_storage`]) otherwise.
/// Messages that are not a [`Change`] (say, from a newer version) are
/// ignored.
pub fn subscribe(on_change: impl Fn(Change) + 'static) -> Watcher {
    let Some(channel) = shared_channel() else {
        return subscribe_storage(on_change);
    };
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let change = event
            .dyn_ref::<MessageEvent>()
            .and_then(|m| m.data().as_string())
            .and_then(|text| serde_json::from_str::<Change>(&text).ok());
        if let Some(change) = change {
            on_change(change);
        }
    });
    Watcher::listen(channel.into(), "message", listener)
}

/// Calls `on_change` for the window's `storage` events on this origin's
/// localStorage that [`change_for_storage_key`] understands (the browser
/// fires them in every other tab), until the [`Watcher`] is dropped.
/// [`subscribe`] uses this only where there is no `BroadcastChannel`.
pub fn subscribe_storage(on_change: impl Fn(Change) + 'static) -> Watcher {
    let Some(window) = web_sys::window() else {
        return Watcher::inactive();
    };
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        let local = local_storage().ok();
        let on_local = match (event.storage_area(), local) {
            (Some(area), Some(local)) => js_sys::Object::is(&area, &local),
            _ => false,
        };
        if !on_local {
            return;
        }
        let key = event.key();
        let new_value = event.new_value();
        if let Some(change) = change_for_storage_key(key.as_deref(), new_value.as_deref()) {
            on_change(change);
        }
    });
    Watcher::listen(window.into(), "storage", listener)
}

/// The [`Change`] a localStorage write means, from the `storage` event's
/// `key` and `newValue`:
/// - `cpor-desk:pref:{key}` → [`Change::Prefs`];
/// - `cpor-desk:claim:{id}` → [`Change::Saved`] (revision 0 when the new
///   value is unreadable), or [`Change::Deleted`] when removed;
/// - `cpor-desk:doc:{id}` → [`Change::Documents`];
/// - no key (`localStorage.clear()`) → [`Change::Imported`];
/// - anything else (other keys, quarantine, meta) → `None`.
pub fn change_for_storage_key(key: Option<&str>, new_value: Option<&str>) -> Option<Change> {
    let Some(key) = key else {
        return Some(Change::Imported);
    };
    match keys::parse(LOCAL_PREFIX, key)? {
        (Part::Pref, name) => Some(Change::Prefs {
            key: name.to_string(),
        }),
        (Part::Claim, id) => {
            let id = id.to_string();
            Some(match new_value {
                None => Change::Deleted { id },
                Some(raw) => Change::Saved {
                    id,
                    revision: migrate_claim_record(raw).map_or(0, |c| c.revision),
                },
            })
        }
        (Part::Doc, _) => Some(Change::Documents),
        (Part::Quarantine | Part::Meta | Part::Probe, _) => None,
    }
}

/// A subscription made by [`subscribe`] or [`subscribe_storage`]: owns the
/// event target (the channel or the window) and the listener, and removes
/// the listener when dropped.
///
/// ```no_run
/// use cpor_desk::storage::watch;
///
/// let watcher = watch::subscribe(|change| web_sys::console::log_1(&format!("{change:?}").into()));
/// assert!(watcher.is_listening());
/// // Keep it as long as the view lives; dropping it unsubscribes.
/// ```
pub struct Watcher {
    target: Option<EventTarget>,
    event: &'static str,
    listener: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Watcher {
    fn listen(
        target: EventTarget,
        event: &'static str,
        listener: Closure<dyn FnMut(web_sys::Event)>,
    ) -> Watcher {
        match target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref()) {
            Ok(()) => Watcher {
                target: Some(target),
                event,
                listener: Some(listener),
            },
            Err(_) => Watcher::inactive(),
        }
    }

    fn inactive() -> Watcher {
        Watcher {
            target: None,
            event: "",
            listener: None,
        }
    }

    /// Whether a listener is installed (false outside a browser window).
    pub fn is_listening(&self) -> bool {
        self.listener.is_some()
    }
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("event", &self.event)
            .field("listening", &self.is_listening())
            .finish()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if let (Some(target), Some(listener)) = (&self.target, &self.listener) {
            let _ = target
                .remove_event_listener_with_callback(self.event, listener.as_ref().unchecked_ref());
        }
    }
}
