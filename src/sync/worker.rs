//! The sync worker's loop (run by `src/bin/sync-worker.rs` in a dedicated
//! web worker that one tab starts, see `src/app/sync.rs`):
//!
//! 1. read the organisation's [`SyncSettings`] from IndexedDB; off or
//!    incomplete: report [`Phase::Off`] and wait;
//! 2. [`Replicator::sync_once`]; then [`Replicator::wait_for_changes`] (a
//!    long poll) until the server or this browser has a change;
//! 3. on an error that may pass ([`SyncError::is_retryable`]): report it
//!    and retry after a [`Backoff`] delay (1 s doubling to 60 s, with
//!    jitter), earlier when the browser comes back online or a claim
//!    changes here; on any other error (a wrong password, no access, no
//!    database): report it and stop until the settings change or the user
//!    asks to try again.
//!
//! Wake-ups: the app's change notifications ([`watch`]: a claim saved in
//! a tab, an import), the worker's `online` event, and the tabs' requests
//! on [`STATUS_CHANNEL`] (`{"op":"wake"}` to retry now, `{"op":"status?"}`
//! for the current [`SyncStatus`], which the worker posts there after every
//! change).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BroadcastChannel, MessageEvent};

use super::fetch::FetchTransport;
use super::replica::LocalReplica;
use super::replicator::{Replicator, SyncReport};
use super::settings::{Problem, SyncSettings};
use super::status::{
    Backoff, Phase, Refusal, STATUS_CHANNEL, StatusError, SyncStatus, failed_phase,
};
use super::view::SyncMeta;
use super::{SyncError, doc::CLAIM_PREFIX};
use crate::storage::indexeddb::IndexedDbStore;
use crate::storage::watch::{self, Change, Watcher};

/// Why the loop was woken.
#[derive(Debug, Default, Clone, Copy)]
struct Wake {
    /// A claim or document changed here.
    local: bool,
    /// The settings changed (or the organisation): start a new session.
    settings: bool,
    /// Try now (the user asked, or the browser is online again).
    retry: bool,
}

impl Wake {
    fn any(self) -> bool {
        self.local || self.settings || self.retry
    }
}

/// The state shared by the loop and the event handlers.
struct Shared {
    wake: Cell<Wake>,
    waker: RefCell<Option<Waker>>,
    status: RefCell<SyncStatus>,
    channel: Option<BroadcastChannel>,
    transport: RefCell<Option<Rc<FetchTransport>>>,
    org: RefCell<Option<String>>,
}

impl Shared {
    fn wake(&self, f: impl FnOnce(&mut Wake)) {
        let mut w = self.wake.get();
        f(&mut w);
        self.wake.set(w);
        if let Some(t) = self.transport.borrow().as_ref() {
            t.interrupt();
        }
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    fn take_wake(&self) -> Wake {
        self.wake.replace(Wake::default())
    }

    fn publish(&self, f: impl FnOnce(&mut SyncStatus)) {
        let mut s = self.status.borrow_mut();
        f(&mut s);
        s.org = self.org.borrow().clone().unwrap_or_default();
        if let (Some(channel), Ok(text)) = (&self.channel, serde_json::to_string(&*s)) {
            let _ = channel.post_message(&text.into());
        }
    }
}

/// The running worker: its replica and the handlers that wake it.
pub struct SyncWorker {
    shared: Rc<Shared>,
    replica: Rc<IndexedDbStore>,
    _watcher: Watcher,
    _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl SyncWorker {
    /// Listens for wake-ups; [`SyncWorker::run`] starts the loop.
    pub fn new(replica: Rc<IndexedDbStore>) -> SyncWorker {
        let channel = BroadcastChannel::new(STATUS_CHANNEL).ok();
        let shared = Rc::new(Shared {
            wake: Cell::new(Wake::default()),
            waker: RefCell::new(None),
            status: RefCell::new(SyncStatus::default()),
            channel: channel.clone(),
            transport: RefCell::new(None),
            org: RefCell::new(None),
        });
        let watcher = {
            let shared = Rc::clone(&shared);
            watch::subscribe(move |change| match change {
                Change::Sync => shared.wake(|w| w.settings = true),
                Change::Prefs { .. } => {}
                _ => shared.wake(|w| w.local = true),
            })
        };
        let mut listeners = Vec::new();
        if let Some(channel) = channel {
            let on_request = {
                let shared = Rc::clone(&shared);
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    let Some(text) = event
                        .dyn_ref::<MessageEvent>()
                        .and_then(|m| m.data().as_string())
                    else {
                        return;
                    };
                    let op = serde_json::from_str::<Value>(&text)
                        .ok()
                        .and_then(|v| v.get("op").and_then(Value::as_str).map(str::to_string));
                    match op.as_deref() {
                        Some("wake") => shared.wake(|w| w.retry = true),
                        Some("status?") => shared.publish(|_| {}),
                        _ => {}
                    }
                })
            };
            let _ = channel
                .add_event_listener_with_callback("message", on_request.as_ref().unchecked_ref());
            listeners.push(on_request);
        }
        let on_online = {
            let shared = Rc::clone(&shared);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| shared.wake(|w| w.retry = true))
        };
        let _ = js_sys::global()
            .unchecked_into::<web_sys::EventTarget>()
            .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        listeners.push(on_online);
        SyncWorker {
            shared,
            replica,
            _watcher: watcher,
            _listeners: listeners,
        }
    }

    /// Syncs `org` from now on (a new session).
    pub fn set_org(&self, org: Option<String>) {
        *self.shared.org.borrow_mut() = org;
        self.shared.wake(|w| w.settings = true);
    }

    /// Asks the loop to try now.
    pub fn retry(&self) {
        self.shared.wake(|w| w.retry = true);
    }

    /// The loop; never returns.
    pub async fn run(&self) {
        loop {
            self.shared.take_wake();
            let org = self.shared.org.borrow().clone();
            let settings = match &org {
                Some(org) => self.replica.sync_settings(org).await.ok().flatten(),
                None => None,
            };
            match (org, settings) {
                (Some(org), Some(settings)) if settings.runs() => {
                    self.session(&org, &settings).await;
                }
                _ => {
                    self.shared.publish(|s| *s = SyncStatus::default());
                    self.wait(None).await;
                }
            }
        }
    }

    /// One session with the server of `settings`; returns when the
    /// settings (or the organisation) change.
    async fn session(&self, org: &str, settings: &SyncSettings) {
        let config = match settings.config(org) {
            Ok(c) => c,
            Err(_) => return,
        };
        let transport = Rc::new(FetchTransport::new(&config.server_url));
        *self.shared.transport.borrow_mut() = Some(Rc::clone(&transport));
        let replica: &dyn LocalReplica = &*self.replica;
        let mut replicator = match Replicator::new(&*transport, replica, config) {
            Ok(r) => r,
            Err(e) => {
                self.failed(&e, None, &[]).await;
                self.wait_for_settings().await;
                return;
            }
        };
        self.shared.publish(|s| {
            s.phase = Phase::Starting;
            s.error = None;
        });
        let mut backoff = Backoff::default();
        loop {
            self.shared.publish(|s| s.phase = Phase::Syncing);
            let span = super::trace::span("sync:round");
            let round = replicator.sync_once().await;
            drop(span);
            let failure = match round {
                Ok(report) => {
                    backoff.reset();
                    self.succeeded(&replicator, &report).await;
                    self.live(&mut replicator).await.err()
                }
                Err(e) => Some(e),
            };
            if self.shared.wake.get().settings {
                break;
            }
            let Some(error) = failure else { continue };
            let delay = error
                .is_retryable()
                .then(|| backoff.next(js_sys::Math::random()));
            self.failed(&error, delay, &self.unsent(&replicator).await)
                .await;
            let new_settings = match delay {
                Some(d) => self.wait(Some(d)).await.settings,
                None => loop {
                    // The user must act: wait for new settings or "try
                    // again"; keep counting local changes meanwhile.
                    let wake = self.wait(None).await;
                    if wake.settings || wake.retry {
                        break wake.settings;
                    }
                    let unsent = self.unsent(&replicator).await;
                    self.shared.publish(|s| s.unsent = unsent);
                },
            };
            if new_settings {
                break;
            }
        }
        *self.shared.transport.borrow_mut() = None;
    }

    /// Waits for changes on the server (long polls) or here; `Ok` when a
    /// round should run.
    async fn live(&self, replicator: &mut Replicator<'_>) -> Result<(), SyncError> {
        loop {
            let wake = self.shared.wake.get();
            if wake.settings {
                // Left for the caller, which starts a new session.
                return Ok(());
            }
            if wake.any() {
                self.shared.take_wake();
                return Ok(());
            }
            if replicator.wait_for_changes().await? {
                return Ok(());
            }
        }
    }

    async fn unsent(&self, replicator: &Replicator<'_>) -> Vec<String> {
        replicator
            .unsent()
            .await
            .map(|entries| entries.into_iter().map(|e| e.id).collect())
            .unwrap_or_default()
    }

    async fn succeeded(&self, replicator: &Replicator<'_>, report: &SyncReport) {
        let _span = super::trace::span("sync:after-round");
        let unsent = self.unsent(replicator).await;
        let conflicts: Vec<String> = self
            .replica
            .conflicts()
            .await
            .map(|cs| cs.iter().map(|c| c.id().to_string()).collect())
            .unwrap_or_default();
        let refused: Vec<Refusal> = self
            .replica
            .push_errors()
            .await
            .map(|es| {
                es.into_iter()
                    .map(|e| Refusal {
                        doc_id: e.doc_id,
                        reason: e.reason,
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !report.quarantined.is_empty() {
            watch::notify(&Change::Imported);
        }
        if !report.conflicts.is_empty() {
            watch::notify(&Change::Sync);
        }
        self.shared.publish(|s| {
            s.phase = Phase::UpToDate;
            s.error = None;
            s.retry_in_ms = None;
            s.unsent = unsent;
            s.conflicts = conflicts;
            s.refused = refused;
            s.pulled = report.pulled;
        });
    }

    async fn failed(&self, error: &SyncError, retry_in: Option<Duration>, unsent: &[String]) {
        let unsent = unsent.to_vec();
        self.shared.publish(|s| {
            s.phase = failed_phase(error);
            s.error = Some(StatusError::from_error(error));
            s.retry_in_ms = retry_in.map(|d| d.as_millis() as u64);
            s.unsent = unsent;
        });
    }

    async fn wait_for_settings(&self) {
        while !self.wait(None).await.settings {}
    }

    /// Waits for a wake-up, or `timeout`; returns (and clears) why.
    async fn wait(&self, timeout: Option<Duration>) -> Wake {
        let timer_fired = Rc::new(Cell::new(false));
        let _timer = timeout.map(|d| {
            let (fired, shared) = (Rc::clone(&timer_fired), Rc::clone(&self.shared));
            Timer::start(d, move || {
                fired.set(true);
                if let Some(w) = shared.waker.borrow_mut().take() {
                    w.wake();
                }
            })
        });
        std::future::poll_fn(|cx| {
            if self.shared.wake.get().any() || timer_fired.get() {
                Poll::Ready(())
            } else {
                *self.shared.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await;
        self.shared.take_wake()
    }
}

/// A `setTimeout` in the worker, cleared when dropped.
struct Timer {
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(after: Duration, f: impl FnMut() + 'static) -> Timer {
        let callback = Closure::<dyn FnMut()>::new(f);
        let ms = i32::try_from(after.as_millis()).unwrap_or(i32::MAX);
        let handle = js_sys::global()
            .dyn_ref::<web_sys::WorkerGlobalScope>()
            .and_then(|g| {
                g.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms,
                )
                .ok()
            });
        Timer {
            handle,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(h), Some(g)) = (
            self.handle,
            js_sys::global().dyn_ref::<web_sys::WorkerGlobalScope>(),
        ) {
            g.clear_timeout_with_handle(h);
        }
    }
}

/// Test connection (Settings → Team sync): the answer as
/// `{"ok": true}` or `{"ok": false, "code": "sync.unauthorized", "detail": …}`
/// (a settings problem is `"code": "sync.config"`).
pub async fn test_connection(settings: &SyncSettings, org: &str) -> Value {
    let config = match settings.config(org) {
        Ok(c) => c,
        Err(problem) => {
            return json!({"ok": false, "code": "sync.config", "detail": problem_name(problem)});
        }
    };
    let transport = FetchTransport::new(&config.server_url);
    let replica = super::memory::MemoryReplica::new("connection-test");
    let result = match Replicator::new(&transport, &replica, config) {
        Ok(r) => r.check().await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => json!({"ok": true}),
        Err(e) => {
            let s = StatusError::from_error(&e);
            json!({"ok": false, "code": s.code, "detail": s.detail})
        }
    }
}

fn problem_name(p: Problem) -> &'static str {
    match p {
        Problem::UrlMissing => "url-missing",
        Problem::UrlInvalid => "url-invalid",
        Problem::UrlInsecure => "url-insecure",
        Problem::DatabaseInvalid => "database-invalid",
        Problem::CredentialsMissing => "credentials-missing",
    }
}

/// The claim id of a document id (`claim:<id>` → `<id>`), for refusals.
pub fn claim_id_of(doc_id: &str) -> Option<&str> {
    doc_id.strip_prefix(CLAIM_PREFIX)
}
