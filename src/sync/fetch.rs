//! The browser's [`Transport`]: `fetch` in the sync worker (or a page),
//! with an `AbortController` timer for the request's timeout, no cookies
//! (`credentials: "omit"`; the replicator signs in with the
//! `authorization` header), and [`FetchTransport::interrupt`] to end a
//! waiting long poll early (a local change, the browser coming back online).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode};

use super::error::TransportError;
use super::transport::{Request, Response, Transport, TransportFuture};

/// `fetch` against one server address (`https://host[/path]`, no trailing
/// slash needed).
pub struct FetchTransport {
    base: String,
    /// Controllers of the long polls in flight, for [`Self::interrupt`].
    waiting: RefCell<Vec<(u64, AbortController)>>,
    next: Cell<u64>,
}

impl FetchTransport {
    pub fn new(base: &str) -> FetchTransport {
        FetchTransport {
            base: base.trim_end_matches('/').to_string(),
            waiting: RefCell::new(Vec::new()),
            next: Cell::new(0),
        }
    }

    /// Ends every long poll in flight (it answers
    /// [`TransportError::Timeout`], which the replicator reads as "no change
    /// yet"), so the caller can run a round at once.
    pub fn interrupt(&self) {
        for (_, controller) in self.waiting.borrow_mut().drain(..) {
            controller.abort();
        }
    }
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the request failed".to_string())
}

/// `fetch(request)` on whichever global this runs in (worker or window).
fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue> {
    let global = js_sys::global();
    if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        Ok(worker.fetch_with_request(request))
    } else if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        Ok(window.fetch_with_request(request))
    } else {
        Err(JsValue::from_str("no fetch in this context"))
    }
}

/// `setTimeout` on whichever global this runs in; the handle for
/// [`clear_timer`].
fn set_timer(callback: &Closure<dyn FnMut()>, ms: i32) -> Option<i32> {
    let global = js_sys::global();
    let f = callback.as_ref().unchecked_ref();
    if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        worker
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, ms)
            .ok()
    } else {
        global
            .dyn_ref::<web_sys::Window>()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, ms)
            .ok()
    }
}

fn clear_timer(handle: i32) {
    let global = js_sys::global();
    if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        worker.clear_timeout_with_handle(handle);
    } else if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        window.clear_timeout_with_handle(handle);
    }
}

/// The name of a request's timing mark ([`super::trace`]).
fn endpoint(path: &str, long_poll: bool) -> &'static str {
    let path = path.split('?').next().unwrap_or_default();
    match path.rsplit('/').next().unwrap_or_default() {
        _ if long_poll => "sync:http-longpoll",
        "_changes" => "sync:http-changes",
        "_bulk_get" => "sync:http-bulk-get",
        "_bulk_docs" => "sync:http-bulk-docs",
        "_revs_diff" => "sync:http-revs-diff",
        _ if path.contains("/_local/") => "sync:http-checkpoint",
        _ => "sync:http-other",
    }
}

impl Transport for FetchTransport {
    fn request(&self, req: Request) -> TransportFuture<'_> {
        Box::pin(async move {
            let controller =
                AbortController::new().map_err(|e| TransportError::Unreachable(describe(&e)))?;
            let init = RequestInit::new();
            init.set_method(req.method.as_str());
            init.set_mode(RequestMode::Cors);
            init.set_credentials(RequestCredentials::Omit);
            init.set_signal(Some(&controller.signal()));
            let headers = Headers::new().map_err(|e| TransportError::Unreachable(describe(&e)))?;
            for (name, value) in &req.headers {
                headers
                    .set(name, value)
                    .map_err(|e| TransportError::Unreachable(describe(&e)))?;
            }
            init.set_headers(&headers);
            if let Some(body) = &req.body {
                init.set_body(&Uint8Array::from(body.as_slice()));
            }
            let url = format!("{}{}", self.base, req.path_and_query);
            let request = web_sys::Request::new_with_str_and_init(&url, &init)
                .map_err(|e| TransportError::Unreachable(describe(&e)))?;

            // The timer: abort, and remember why.
            let timed_out = Rc::new(Cell::new(false));
            let on_timeout = {
                let (timed_out, controller) = (Rc::clone(&timed_out), controller.clone());
                Closure::<dyn FnMut()>::new(move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let ms = i32::try_from(req.timeout.as_millis()).unwrap_or(i32::MAX);
            let timer = set_timer(&on_timeout, ms);
            let id = self.next.get();
            self.next.set(id + 1);
            let long_poll = req.path_and_query.contains("feed=longpoll");
            let _span = super::trace::span(endpoint(&req.path_and_query, long_poll));
            if long_poll {
                self.waiting.borrow_mut().push((id, controller.clone()));
            }
            let result = async {
                let promise = global_fetch(&request)
                    .map_err(|e| TransportError::Unreachable(describe(&e)))?;
                let response: web_sys::Response = JsFuture::from(promise)
                    .await
                    .map_err(|e| TransportError::Unreachable(describe(&e)))?
                    .unchecked_into();
                let status = response.status();
                let buffer = response
                    .array_buffer()
                    .map_err(|e| TransportError::Unreachable(describe(&e)))?;
                let bytes = JsFuture::from(buffer)
                    .await
                    .map_err(|e| TransportError::Unreachable(describe(&e)))?;
                Ok(Response {
                    status,
                    headers: Vec::new(),
                    body: Uint8Array::new(&bytes).to_vec(),
                })
            }
            .await;
            if let Some(handle) = timer {
                clear_timer(handle);
            }
            drop(on_timeout);
            let interrupted = long_poll && {
                let mut waiting = self.waiting.borrow_mut();
                let before = waiting.len();
                waiting.retain(|(i, _)| *i != id);
                waiting.len() == before
            };
            match result {
                Err(_) if timed_out.get() || interrupted => Err(TransportError::Timeout),
                other => other,
            }
        })
    }
}
