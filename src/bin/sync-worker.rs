//! The team-sync web worker (Trunk `data-type="worker"`, feature
//! `sync-worker`): the replicator, its fetch transport and the IndexedDB
//! replica, outside the app's first-load bundle. One tab of the browser (the
//! holder of the Web Lock `cpor-sync`, `src/app/sync.rs`) starts it when
//! sync is switched on; the loop is `cpor_desk::sync::worker`.
//!
//! Protocol (messages are JSON text):
//! - worker → page, once loaded: `"ready"`;
//! - page → worker: `{"op":"start","org":"<org id>","db":"<IndexedDB name>"}`
//!   (again with another organisation to switch), `{"op":"retry"}`,
//!   `{"op":"test","id":1,"org":"…","settings":{…}}` (Test connection;
//!   needs no `start`);
//! - worker → page: `{"op":"tested","id":1,"ok":true}` or
//!   `{"op":"tested","id":1,"ok":false,"code":"sync.unauthorized","detail":"…"}`;
//! - page → worker: `{"op":"resolve","id":1,"db":"…","request":{…}}` (a
//!   `cpor_desk::sync::view::ResolveRequest`: resolve a conflict with the
//!   user's choices; needs no `start`); worker → page: a
//!   `ResolveAnswer` (`{"result":"resolved"}`, `{"result":"fieldLocked",…}`
//!   …) with `"op":"resolved"` and the id;
//! - worker → page, after each transaction that stored pulled claims: a JS
//!   object `{op: "stored", ids, revisions, records}` (the stored records,
//!   `cpor_desk::storage::watch::Stored`), so that tab reads nothing back;
//! - the status goes to every tab on the `BroadcastChannel`
//!   `cpor-desk-sync` (`cpor_desk::sync::status`).

use std::cell::RefCell;
use std::rc::Rc;

use cpor_desk::storage::indexeddb::IndexedDbStore;
use cpor_desk::storage::watch;
use cpor_desk::sync::resolution::resolve_request;
use cpor_desk::sync::settings::SyncSettings;
use cpor_desk::sync::view::{ResolveAnswer, ResolveRequest};
use cpor_desk::sync::worker::{SyncWorker, test_connection};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static WORKER: RefCell<Option<Rc<SyncWorker>>> = const { RefCell::new(None) };
    static OPENING: RefCell<bool> = const { RefCell::new(false) };
}

fn post(scope: &DedicatedWorkerGlobalScope, value: &Value) {
    if let Err(e) = scope.post_message(&value.to_string().into()) {
        web_sys::console::error_2(&"sync-worker: cannot reply".into(), &e);
    }
}

fn main() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("sync-worker: {info}").into());
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(message) = event
            .data()
            .as_string()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            return;
        };
        let text = |k: &str| message.get(k).and_then(Value::as_str).map(str::to_string);
        match text("op").as_deref() {
            Some("start") => start(
                text("org"),
                text("db").unwrap_or_else(|| "cpor-desk".into()),
            ),
            Some("retry") => {
                if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
                    w.retry();
                }
            }
            Some("test") => {
                let id = message.get("id").cloned().unwrap_or(Value::Null);
                let org = text("org").unwrap_or_default();
                let settings: SyncSettings = message
                    .get("settings")
                    .cloned()
                    .and_then(|s| serde_json::from_value(s).ok())
                    .unwrap_or_default();
                let scope = reply_to.clone();
                spawn_local(async move {
                    let mut answer = test_connection(&settings, &org).await;
                    answer["op"] = json!("tested");
                    answer["id"] = id;
                    post(&scope, &answer);
                });
            }
            Some("resolve") => {
                let id = message.get("id").cloned().unwrap_or(Value::Null);
                let db = text("db").unwrap_or_else(|| "cpor-desk".into());
                let request = message
                    .get("request")
                    .cloned()
                    .and_then(|r| serde_json::from_value::<ResolveRequest>(r).ok());
                let scope = reply_to.clone();
                spawn_local(async move {
                    let answer = match request {
                        Some(request) => resolve(&db, &request).await,
                        None => ResolveAnswer::Failed {
                            detail: "not a resolve request".into(),
                        },
                    };
                    let mut answer = serde_json::to_value(answer).unwrap_or_default();
                    answer["op"] = json!("resolved");
                    answer["id"] = id;
                    post(&scope, &answer);
                });
            }
            _ => {}
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if let Err(e) = scope.post_message(&"ready".into()) {
        web_sys::console::error_2(&"sync-worker: cannot signal ready".into(), &e);
    }
}

/// Resolves a conflict in the database `db` and tells the tabs (they
/// reload; the running replicator wakes and sends the resolution).
async fn resolve(db: &str, request: &ResolveRequest) -> ResolveAnswer {
    let store = match IndexedDbStore::open(db).await {
        Ok(s) => s,
        Err(e) => {
            return ResolveAnswer::Failed {
                detail: e.to_string(),
            };
        }
    };
    let answer = resolve_request(&store, request).await;
    if answer == ResolveAnswer::Resolved {
        watch::notify(&watch::Change::Sync);
    }
    answer
}

/// Opens the replica once and runs the loop; later starts switch the
/// organisation.
fn start(org: Option<String>, db: String) {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        w.set_org(org);
        return;
    }
    if OPENING.with(|o| o.replace(true)) {
        return;
    }
    // The claims a pulled batch stored go straight to this tab (the tabs
    // all get the small change notice).
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    watch::set_stored_sink(Some(Rc::new(move |message: &JsValue| {
        if let Err(e) = scope.post_message(message) {
            web_sys::console::error_2(&"sync-worker: cannot hand over".into(), &e);
        }
    })));
    spawn_local(async move {
        let store = match IndexedDbStore::open(&db).await {
            Ok(s) => Rc::new(s),
            Err(e) => {
                web_sys::console::error_1(&format!("sync-worker: {e}").into());
                return;
            }
        };
        let worker = Rc::new(SyncWorker::new(store));
        worker.set_org(org);
        WORKER.with(|w| *w.borrow_mut() = Some(Rc::clone(&worker)));
        worker.run().await;
    });
}
