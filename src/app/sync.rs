//! Team sync in the page: which tab runs the replicator, the status every
//! tab shows, and Test connection. The replicator itself is the sync web
//! worker (`src/bin/sync-worker.rs`), which this page starts only when sync
//! is switched on, so none of it is in the app's first load.
//!
//! - **One replicator per browser.** A tab that wants sync asks for the
//!   Web Lock [`LOCK`] (`navigator.locks.request`, through `Reflect`:
//!   web-sys marks the API unstable). The tab that holds it starts the
//!   worker; the others wait in the lock's queue and take over when that
//!   tab closes or turns sync off. Without Web Locks every tab starts its
//!   own worker (deterministic revisions make a double push harmless).
//! - **Status.** The worker posts its [`SyncStatus`] on the
//!   `BroadcastChannel` [`STATUS_CHANNEL`]; every tab listens and asks
//!   (`{"op":"status?"}`) when it starts. `{"op":"wake"}` asks the worker to
//!   try now.
//! - **Test connection** and **resolving a conflict** each run in a
//!   short-lived worker of their own: the page sends a small request and
//!   gets a small answer; the merge, the resolution's check and the
//!   replica never load in the page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, BroadcastChannel, MessageEvent, Worker};

use crate::app::state::use_app;
use crate::storage::BROWSER_DB_NAME;
use crate::sync::SyncSettings;
use crate::sync::json::obj;
use crate::sync::status::{STATUS_CHANNEL, SyncStatus};
use crate::sync::view::ResolveAnswer;
use serde_json::Value;

/// The sync worker's loader script, next to `index.html` (Trunk's loader
/// shim, fetching the worker's `.wasm` with integrity after
/// `scripts/csp-finalize.mjs`).
pub const WORKER_SCRIPT: &str = "sync-worker_loader.js";
/// The Web Lock held by the tab that runs the replicator.
pub const LOCK: &str = "cpor-sync";

/// This tab's part: the lock (held or asked for) and the worker.
#[derive(Default)]
struct Holder {
    /// The organisation this tab wants to sync (`None`: none).
    org: Option<String>,
    worker: Option<Worker>,
    /// Resolves the promise the lock callback returned: releases the lock.
    release: Option<Function>,
    /// Cancels a lock request still in the queue.
    abort: Option<AbortController>,
    closures: Vec<Closure<dyn FnMut(JsValue) -> JsValue>>,
    on_rejected: Option<Closure<dyn FnMut(JsValue)>>,
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
}

type MessageListener = Closure<dyn FnMut(MessageEvent)>;
type JsCallbacks = Rc<RefCell<Vec<Closure<dyn FnMut(JsValue)>>>>;

/// The page's sync client (context).
#[derive(Clone)]
pub struct SyncClient {
    holder: Rc<RefCell<Holder>>,
    channel: Option<BroadcastChannel>,
    _listener: Rc<Option<MessageListener>>,
}

/// Starts listening for the status, and starts or stops this tab's part as
/// the settings, the profile and the storage allow. Call after
/// [`crate::app::state::provide_app_state`].
pub fn provide_sync() -> SyncClient {
    let state = use_app();
    let channel = BroadcastChannel::new(STATUS_CHANNEL).ok();
    let listener = channel.as_ref().map(|channel| {
        let on_status = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // Parsed as a Value first: the parser the app has anyway.
            let status = event
                .data()
                .as_string()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| SyncStatus::try_from(v).ok());
            // Requests of other tabs ({"op": …}) read as a default status: skip.
            if let Some(s) = status.filter(|s| !s.org.is_empty()) {
                state.sync_status.set(s);
            }
        });
        let _ =
            channel.add_event_listener_with_callback("message", on_status.as_ref().unchecked_ref());
        on_status
    });
    let client = SyncClient {
        holder: Rc::new(RefCell::new(Holder::default())),
        channel,
        _listener: Rc::new(listener),
    };
    client.post(r#"{"op":"status?"}"#);
    let c = client.clone();
    Effect::new(move |_| {
        // Re-run when the store has opened, the settings or the profile change.
        let _ = state.loaded.get();
        let runs = state
            .sync_settings
            .with(|s| s.as_ref().is_some_and(SyncSettings::runs));
        let org = state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
        let want = org.filter(|_| {
            runs && state
                .store()
                .is_some_and(|s| s.kind() == crate::storage::AdapterKind::IndexedDb)
        });
        c.want(want);
    });
    let handle: SyncHandle = StoredValue::new_local(client.clone());
    provide_context(handle);
    on_cleanup(move || {
        let _ = handle.try_with_value(|c| c.want(None));
    });
    client
}

/// The client in context: a `Copy` handle (views need `Send` captures).
pub type SyncHandle = StoredValue<SyncClient, LocalStorage>;

/// The client from context (`None` in tests that mount parts of the app).
pub fn use_sync() -> Option<SyncHandle> {
    use_context::<SyncHandle>()
}

impl SyncClient {
    fn post(&self, text: &str) {
        if let Some(c) = &self.channel {
            let _ = c.post_message(&text.into());
        }
    }

    /// Asks the worker (in whichever tab) to try now.
    pub fn retry_now(&self) {
        self.post(r#"{"op":"wake"}"#);
        if let Some(w) = &self.holder.borrow().worker {
            let _ = w.post_message(&r#"{"op":"retry"}"#.into());
        }
    }

    /// Syncs `org` from this browser (`None`: not from this tab).
    fn want(&self, org: Option<String>) {
        let same = self.holder.borrow().org == org;
        if same {
            return;
        }
        self.stop();
        let Some(org) = org else { return };
        self.holder.borrow_mut().org = Some(org.clone());
        let locks = web_sys::window()
            .map(|w| w.navigator())
            .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
            .filter(|l| !l.is_undefined() && !l.is_null());
        let Some(locks) = locks else {
            // No Web Locks: run here.
            self.start_worker(&org);
            return;
        };
        let this = self.clone();
        let granted = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |_lock: JsValue| {
            // Held until `release` is called (turned off, other
            // organisation, tab closed).
            let this = this.clone();
            let org = org.clone();
            Promise::new(&mut |resolve, _| {
                if this.holder.borrow().org.as_ref() == Some(&org) {
                    this.holder.borrow_mut().release = Some(resolve);
                    this.start_worker(&org);
                } else {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
            .into()
        });
        let options = Object::new();
        let abort = AbortController::new().ok();
        if let Some(a) = &abort {
            let _ = Reflect::set(&options, &"signal".into(), &a.signal());
        }
        let request = Reflect::get(&locks, &"request".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        let Some(request) = request else {
            let org = self.holder.borrow().org.clone().unwrap_or_default();
            self.start_worker(&org);
            return;
        };
        let promise = request.call3(
            &locks,
            &LOCK.into(),
            &options,
            granted.as_ref().unchecked_ref(),
        );
        // An aborted request (sync turned off while waiting) rejects: handled.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
        if let Ok(p) = promise.and_then(|p| p.dyn_into::<Promise>()) {
            let _ = p.catch(&ignore);
        }
        let mut h = self.holder.borrow_mut();
        h.abort = abort;
        h.closures = vec![granted];
        h.on_rejected = Some(ignore);
    }

    fn start_worker(&self, org: &str) {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        let url = web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| WORKER_SCRIPT.to_string());
        let Ok(worker) = Worker::new(&url) else {
            web_sys::console::warn_1(&"team sync: the sync worker cannot start".into());
            return;
        };
        let start = obj(vec![
            ("op", "start".into()),
            ("org", org.into()),
            ("db", BROWSER_DB_NAME.into()),
        ])
        .to_string();
        let reply_to = worker.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                let _ = reply_to.post_message(&start.clone().into());
            } else if let Some(stored) = crate::storage::watch::Stored::from_message(&data) {
                // What the worker just stored: this tab need not read it back.
                crate::storage::watch::deliver_stored(stored);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let mut h = self.holder.borrow_mut();
        h.worker = Some(worker);
        h.on_message = Some(on_message);
    }

    /// Stops this tab's worker and gives the lock back (or leaves the queue).
    fn stop(&self) {
        let mut h = self.holder.borrow_mut();
        h.org = None;
        if let Some(w) = h.worker.take() {
            w.terminate();
        }
        if let Some(release) = h.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
        if let Some(abort) = h.abort.take() {
            abort.abort();
        }
        h.on_message = None;
    }
}

/// Why Test connection failed: a [`crate::sync::SyncError::code`] and its
/// detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFailure {
    pub code: String,
    pub detail: String,
}

/// Test connection with `settings` for `org`, in a worker of its own.
pub async fn test_connection(settings: &SyncSettings, org: &str) -> Result<(), TestFailure> {
    let request = obj(vec![
        ("op", "test".into()),
        ("id", 1.into()),
        ("org", org.into()),
        ("settings", settings.to_json()),
    ])
    .to_string();
    let v = ask_worker(&request).await?;
    if v.get("ok").and_then(serde_json::Value::as_bool) == Some(true) {
        return Ok(());
    }
    let field = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Err(TestFailure {
        code: field("code"),
        detail: field("detail"),
    })
}

/// Resolves a conflict in a worker of its own (the merge, the check by the
/// status machine and the replica are the worker's, not the page's).
/// `request` is a [`crate::sync::view::ResolveRequest`]'s JSON.
pub async fn resolve_in_worker(request: Value) -> Result<ResolveAnswer, TestFailure> {
    let message = obj(vec![
        ("op", "resolve".into()),
        ("id", 1.into()),
        ("db", BROWSER_DB_NAME.into()),
        ("request", request),
    ])
    .to_string();
    let v = ask_worker(&message).await?;
    Ok(ResolveAnswer::from_value(&v))
}

/// Sends one request to a short-lived sync worker and returns its answer.
async fn ask_worker(request: &str) -> Result<serde_json::Value, TestFailure> {
    let fail = |detail: String| TestFailure {
        code: "sync.local".to_string(),
        detail,
    };
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let url = web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| WORKER_SCRIPT.to_string());
    let worker = Worker::new(&url).map_err(|e| fail(format!("{e:?}")))?;
    let keep: JsCallbacks = Rc::default();
    let promise = Promise::new(&mut |resolve, reject| {
        let reply_to = worker.clone();
        let request = request.to_string();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = event.unchecked_into::<MessageEvent>().data();
            let text = data.as_string().unwrap_or_default();
            if text == "ready" {
                let _ = reply_to.post_message(&request.clone().into());
            } else {
                let _ = resolve.call1(&JsValue::NULL, &text.into());
            }
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject.call1(
                &JsValue::NULL,
                &"the sync worker could not be loaded".into(),
            );
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        keep.borrow_mut().extend([on_message, on_error]);
    });
    let answer = JsFuture::from(promise).await;
    worker.terminate();
    drop(keep);
    let text = answer
        .map_err(|e| fail(e.as_string().unwrap_or_default()))?
        .as_string()
        .unwrap_or_default();
    Ok(serde_json::from_str(&text).unwrap_or_default())
}
