//! The PoE pre-check web worker (Trunk `data-type="worker"`): text
//! extraction, the checklist analysis and the DOCX template, off the main
//! thread and outside the app's first-load bundle. The app starts it on
//! first need (`src/app/precheck.rs`).
//!
//! Protocol (structured-clone messages):
//! - worker → app, once loaded: the string `"ready"` (messages sent before
//!   the WebAssembly module is running would be lost).
//! - app → worker: `{ id, op: "check", json: CheckRequest, bytes: Uint8Array }`
//!   or `{ id, op: "template", json: TemplateRequest }`.
//! - worker → app: `{ id, ok: true, json: Precheck }`,
//!   `{ id, ok: true, bytes: Uint8Array, name }` for a template, or
//!   `{ id, ok: false, error }`.
//!
//! The extracted text of the last few documents is kept, so a claim edit
//! that changes the names or products re-runs only the analysis.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use cpor_desk::domain::poe::precheck::{CheckRequest, TemplateRequest};
use cpor_desk::extract::template::{poe_template, template_file_name};
use cpor_desk::extract::{ExtractError, Extracted, extract_kind, precheck};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Texts kept (document id → extraction result), newest last.
const CACHE_ENTRIES: usize = 8;

type Cache = VecDeque<(String, Rc<Result<Extracted, ExtractError>>)>;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let cache = Rc::new(RefCell::new(Cache::new()));
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = handle(&event.data(), &cache);
        let transfer = js_sys::Array::new();
        if let Ok(bytes) = Reflect::get(&reply, &"bytes".into())
            && let Some(bytes) = bytes.dyn_ref::<Uint8Array>()
        {
            transfer.push(&bytes.buffer());
        }
        if let Err(e) = reply_to.post_message_with_transfer(&reply, &transfer) {
            web_sys::console::error_2(&"poe-worker: cannot reply".into(), &e);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if let Err(e) = scope.post_message(&"ready".into()) {
        web_sys::console::error_2(&"poe-worker: cannot signal ready".into(), &e);
    }
}

fn now_ms() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &key.into(), value);
}

/// Answers one request (never throws: errors become `{ ok: false }`).
fn handle(data: &JsValue, cache: &RefCell<Cache>) -> Object {
    let reply = Object::new();
    let id = Reflect::get(data, &"id".into()).unwrap_or(JsValue::NULL);
    set(&reply, "id", &id);
    match answer(data, cache, &reply) {
        Ok(()) => set(&reply, "ok", &true.into()),
        Err(e) => {
            set(&reply, "ok", &false.into());
            set(&reply, "error", &e.into());
        }
    }
    reply
}

fn answer(data: &JsValue, cache: &RefCell<Cache>, reply: &Object) -> Result<(), String> {
    let field = |name: &str| Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let op = field("op").as_string().unwrap_or_default();
    let json = field("json")
        .as_string()
        .ok_or_else(|| "request without json".to_string())?;
    match op.as_str() {
        "check" => {
            let req: CheckRequest =
                serde_json::from_str(&json).map_err(|e| format!("bad check request: {e}"))?;
            let cached = cache
                .borrow()
                .iter()
                .find(|(id, _)| *id == req.doc_id)
                .map(|(_, text)| Rc::clone(text));
            let (extracted, extract_ms) = match cached {
                Some(text) => (text, 0.0),
                None => {
                    let bytes = field("bytes")
                        .dyn_into::<Uint8Array>()
                        .map_err(|_| "check request without bytes".to_string())?
                        .to_vec();
                    let start = now_ms();
                    let text = Rc::new(extract_kind(&req.kind, &bytes));
                    let took = now_ms() - start;
                    let mut cache = cache.borrow_mut();
                    if cache.len() >= CACHE_ENTRIES {
                        cache.pop_front();
                    }
                    cache.push_back((req.doc_id.clone(), Rc::clone(&text)));
                    (text, took)
                }
            };
            let report = precheck(
                &extracted,
                &req.claim,
                req.today,
                &req.policy,
                extract_ms,
                &now_ms,
            );
            let json = serde_json::to_string(&report).map_err(|e| e.to_string())?;
            set(reply, "json", &json.into());
        }
        "template" => {
            let req: TemplateRequest =
                serde_json::from_str(&json).map_err(|e| format!("bad template request: {e}"))?;
            let bytes = poe_template(&req.claim, req.locale, req.today);
            set(reply, "bytes", &Uint8Array::from(bytes.as_slice()).into());
            set(
                reply,
                "name",
                &template_file_name(&req.claim, req.locale).into(),
            );
        }
        other => return Err(format!("unknown operation {other:?}")),
    }
    Ok(())
}
