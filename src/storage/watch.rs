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
//!     Change::Claims { ids, .. } => { /* re-read each of `ids` (saved or deleted) */ }
//!     Change::Documents | Change::Imported => { /* reload everything */ }
//!     Change::Prefs { key } => { /* re-read preference `key` */ }
//!     Change::Sync => { /* re-read the sync settings and conflicts */ }
//! });
//! // Listening stops when `watcher` is dropped.
//! drop(watcher);
//! ```

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, EventTarget, MessageEvent, StorageEvent};

use super::keys::{self, Part};
use super::{LOCAL_PREFIX, local_storage, migrate_claim_record};
use crate::domain::flat::{present, required};

/// The name of the `BroadcastChannel`.
pub const CHANNEL: &str = "cpor-desk";

/// What changed in storage. On the channel it is JSON with a `kind` tag:
/// `{"kind":"saved","id":"c1","revision":3}`; read through
/// [`ChangeRecord`] (see [`crate::domain::flat`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "camelCase", try_from = "ChangeRecord")]
pub enum Change {
    /// A claim was saved (or restored by an import) at `revision`.
    Saved { id: String, revision: u64 },
    /// A claim was deleted.
    Deleted { id: String },
    /// Several claims were saved or deleted in one transaction (a batch the
    /// sync worker pulled): one message for all of them instead of one per
    /// claim. `revisions[i]` is the revision `ids[i]` was stored at (0:
    /// deleted, or unknown: re-read it); a tab that already holds that
    /// revision (its own save, or the records the worker handed it,
    /// [`Stored`]) reads nothing.
    Claims {
        ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        revisions: Vec<u64>,
    },
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

/// A [`Change`] as read: `kind` and every field, each optional.
#[derive(Deserialize)]
struct ChangeRecord {
    kind: String,
    id: Option<String>,
    revision: Option<u64>,
    ids: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    revisions: Option<Vec<u64>>,
    key: Option<String>,
}

impl TryFrom<ChangeRecord> for Change {
    type Error = String;

    fn try_from(r: ChangeRecord) -> Result<Change, String> {
        let k = r.kind.as_str();
        Ok(match k {
            "saved" => Change::Saved {
                id: required(r.id, k, "id")?,
                revision: required(r.revision, k, "revision")?,
            },
            "deleted" => Change::Deleted {
                id: required(r.id, k, "id")?,
            },
            "claims" => Change::Claims {
                ids: required(r.ids, k, "ids")?,
                revisions: r.revisions.unwrap_or_default(),
            },
            "documents" => Change::Documents,
            "imported" => Change::Imported,
            "prefs" => Change::Prefs {
                key: required(r.key, k, "key")?,
            },
            "sync" => Change::Sync,
            other => return Err(format!("unknown change kind `{other}`")),
        })
    }
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

/// Claims the sync worker stored in one transaction, as stored: handed by
/// the worker ([`hand_stored`]) to the one tab that runs it, through the
/// worker's own `postMessage`, so that tab needs no IndexedDB read of what
/// the worker just wrote (its reads would wait behind the worker's next
/// write). The records are about as large as the claims, so they never go
/// on the [`CHANNEL`] every tab hears: the other tabs get the small
/// [`Change::Claims`] and read the claims themselves.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// The claim ids, each with its stored revision and record.
    pub ids: Vec<String>,
    pub revisions: Vec<u64>,
    /// The records as IndexedDB holds them (JSON text).
    pub records: Vec<JsValue>,
}

/// The message's `op` (a JS object, not JSON text: the worker's other
/// messages are text).
const STORED_OP: &str = "stored";

impl Stored {
    /// The worker's message: `{op: "stored", ids, revisions, records}`.
    pub fn to_message(&self) -> JsValue {
        let object = js_sys::Object::new();
        let ids: js_sys::Array = self.ids.iter().map(|i| JsValue::from_str(i)).collect();
        let revisions: js_sys::Array = self
            .revisions
            .iter()
            .map(|r| JsValue::from_f64(*r as f64))
            .collect();
        let records: js_sys::Array = self.records.iter().collect();
        for (key, value) in [
            ("op", JsValue::from_str(STORED_OP)),
            ("ids", ids.into()),
            ("revisions", revisions.into()),
            ("records", records.into()),
        ] {
            let _ = js_sys::Reflect::set(&object, &key.into(), &value);
        }
        object.into()
    }

    /// Reads [`Stored::to_message`]'s message (`None`: another message).
    pub fn from_message(data: &JsValue) -> Option<Stored> {
        if !data.is_object() {
            return None;
        }
        let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok();
        if get("op")?.as_string().as_deref() != Some(STORED_OP) {
            return None;
        }
        let array = |key: &str| get(key).and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        let ids: Vec<String> = array("ids")?
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        let revisions: Vec<u64> = array("revisions")?
            .iter()
            .map(|v| v.as_f64().unwrap_or(0.0) as u64)
            .collect();
        let records: Vec<JsValue> = array("records")?.iter().collect();
        (ids.len() == revisions.len() && ids.len() == records.len()).then_some(Stored {
            ids,
            revisions,
            records,
        })
    }

    /// Each record as a claim (checked and migrated like a stored record
    /// read back, [`super::indexeddb`]); `Err`: unreadable, read it from
    /// the store instead.
    pub fn read(record: &JsValue) -> Result<crate::domain::claim::Claim, super::StorageError> {
        super::indexeddb::read_claim(record)
    }
}

type StoredSink = Rc<dyn Fn(&JsValue)>;
type StoredListener = Rc<dyn Fn(Stored)>;

thread_local! {
    /// The worker's way to its tab ([`set_stored_sink`]).
    static SINK: RefCell<Option<StoredSink>> = const { RefCell::new(None) };
    /// The tab's listeners ([`subscribe_stored`]), by number.
    static LISTENERS: RefCell<Vec<(u64, StoredListener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
}

/// In the sync worker: where [`hand_stored`] posts (the worker's
/// `postMessage` to the tab that started it); `None`: nowhere (the
/// short-lived workers of Test connection and conflict resolution).
pub fn set_stored_sink(sink: Option<StoredSink>) {
    SINK.with(|s| *s.borrow_mut() = sink);
}

/// Hands the claims one transaction stored to the tab running this worker
/// (nothing without a [`set_stored_sink`]).
pub fn hand_stored(stored: &Stored) {
    if stored.ids.is_empty() {
        return;
    }
    if let Some(sink) = SINK.with(|s| s.borrow().clone()) {
        sink(&stored.to_message());
    }
}

/// In the tab: gives claims the worker handed over ([`Stored::from_message`]
/// of its message) to the listeners of [`subscribe_stored`].
pub fn deliver_stored(stored: Stored) {
    let listeners: Vec<StoredListener> =
        LISTENERS.with(|l| l.borrow().iter().map(|(_, f)| Rc::clone(f)).collect());
    for listener in listeners {
        listener(stored.clone());
    }
}

/// Calls `on_stored` for the claims the sync worker hands this tab, until
/// the returned guard is dropped.
pub fn subscribe_stored(on_stored: impl Fn(Stored) + 'static) -> StoredWatcher {
    let id = NEXT_LISTENER.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    LISTENERS.with(|l| l.borrow_mut().push((id, Rc::new(on_stored))));
    StoredWatcher(id)
}

/// A subscription of [`subscribe_stored`]; dropping it unsubscribes.
#[derive(Debug)]
pub struct StoredWatcher(u64);

impl Drop for StoredWatcher {
    fn drop(&mut self) {
        let id = self.0;
        LISTENERS.with(|l| l.borrow_mut().retain(|(i, _)| *i != id));
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
