//! The PoE pre-check in the app: a [`PrecheckRunner`] does the work (the
//! [`WorkerRunner`] in a web worker started on first use; tests may inject
//! the in-thread `InlineRunner`), and [`PoeChecker`] (context) keeps one
//! report per document, re-running it when the claim data it depends on
//! changes.
//!
//! ```ignore
//! let checker = use_poe_checker();
//! checker.ensure(&claim);                // start what is missing
//! let report = checker.report("doc-id");  // tracked: None while running
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::app::state::{AppState, use_app};
use crate::domain::claim::{ChecklistItem, Claim};
use crate::domain::finding::Locale;
use crate::domain::poe::ChecklistResult;
use crate::domain::poe::precheck::{
    CheckRequest, Precheck, Summary, TemplateRequest, summarize, without_text,
};

/// A boxed local future (the runners' results are not `Send`).
pub type LocalFut<T> = Pin<Box<dyn Future<Output = Result<T, String>>>>;

/// Runs pre-checks and builds templates.
pub trait PrecheckRunner {
    /// The report for one document's bytes.
    fn check(&self, request: CheckRequest, bytes: Vec<u8>) -> LocalFut<Precheck>;
    /// The "Download PoE template" DOCX: its bytes and file name.
    fn template(&self, request: TemplateRequest) -> LocalFut<(Vec<u8>, String)>;
}

/// The worker's loader script, next to `index.html` (Trunk's loader shim,
/// rewritten after the build by `scripts/csp-finalize.mjs` to fetch the
/// worker's `.wasm` with integrity; a failed load reaches the worker's
/// `error` event before "ready", and every pending request fails).
pub const WORKER_SCRIPT: &str = "poe-worker_loader.js";

/// Runs the pre-check in the PoE web worker, started on the first request.
/// A worker that stops on a document (a trap in the reader) fails that
/// request only: the others go to a fresh worker.
#[derive(Clone)]
pub struct WorkerRunner {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Default)]
struct Inner {
    url: String,
    worker: Option<web_sys::Worker>,
    ready: bool,
    /// Requests by id, in order: the message, and the promise's callbacks.
    pending: Vec<(u32, JsValue, js_sys::Function, js_sys::Function)>,
    next_id: u32,
    closures: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl WorkerRunner {
    /// A runner for the worker script at `url`.
    pub fn new(url: impl Into<String>) -> WorkerRunner {
        WorkerRunner {
            inner: Rc::new(RefCell::new(Inner {
                url: url.into(),
                ..Inner::default()
            })),
        }
    }

    /// The runner for the app's own worker, next to the page (also under a
    /// sub-path: resolved against `document.baseURI`).
    pub fn for_page() -> WorkerRunner {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        let url = web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| WORKER_SCRIPT.to_string());
        WorkerRunner::new(url)
    }

    fn request(&self, op: &'static str, json: String, bytes: Option<Vec<u8>>) -> LocalFut<JsValue> {
        let inner = Rc::clone(&self.inner);
        Box::pin(async move {
            let message = Object::new();
            let _ = Reflect::set(&message, &"op".into(), &op.into());
            let _ = Reflect::set(&message, &"json".into(), &json.into());
            if let Some(bytes) = bytes {
                let array = Uint8Array::from(bytes.as_slice());
                let _ = Reflect::set(&message, &"bytes".into(), &array);
            }
            let promise = js_sys::Promise::new(&mut |resolve, reject| {
                let mut i = inner.borrow_mut();
                let id = i.next_id;
                i.next_id += 1;
                let _ = Reflect::set(&message, &"id".into(), &id.into());
                i.pending
                    .push((id, message.clone().into(), resolve, reject.clone()));
                if i.worker.is_none()
                    && let Err(e) = spawn(&inner, &mut i)
                {
                    i.pending.retain(|p| p.0 != id);
                    let _ = reject.call1(&JsValue::NULL, &e.into());
                    return;
                }
                if i.ready {
                    post(&i, &message);
                }
            });
            JsFuture::from(promise).await.map_err(|e| {
                e.as_string()
                    .unwrap_or_else(|| "the pre-check worker stopped".to_string())
            })
        })
    }
}

fn post(inner: &Inner, message: &JsValue) {
    if let Some(worker) = &inner.worker
        && let Err(e) = worker.post_message(message)
    {
        web_sys::console::error_2(&"PoE worker: cannot post".into(), &e);
    }
}

fn spawn(rc: &Rc<RefCell<Inner>>, inner: &mut Inner) -> Result<(), String> {
    let worker = web_sys::Worker::new(&inner.url).map_err(|e| {
        format!(
            "the pre-check worker cannot start ({})",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    })?;
    let weak = Rc::downgrade(rc);
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let data = event.unchecked_into::<web_sys::MessageEvent>().data();
        let Some(rc) = weak.upgrade() else { return };
        let mut i = rc.borrow_mut();
        if data.as_string().as_deref() == Some("ready") {
            i.ready = true;
            for (_, message, _, _) in &i.pending {
                post(&i, message);
            }
            return;
        }
        let id = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .map(|v| v as u32);
        let Some(pos) = i.pending.iter().position(|p| Some(p.0) == id) else {
            return;
        };
        let (_, _, resolve, reject) = i.pending.remove(pos);
        drop(i);
        let ok = Reflect::get(&data, &"ok".into())
            .ok()
            .and_then(|v| v.as_bool());
        if ok == Some(true) {
            let _ = resolve.call1(&JsValue::NULL, &data);
        } else {
            let error = Reflect::get(&data, &"error".into()).unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    });
    let weak = Rc::downgrade(rc);
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let message = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "the pre-check worker could not be loaded".to_string());
        if let Some(rc) = weak.upgrade() {
            worker_failed(&rc, &message);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    inner.closures = vec![on_message, on_error];
    inner.worker = Some(worker);
    inner.ready = false;
    Ok(())
}

/// The worker failed: before it was ready (it cannot load) every request
/// fails; after, only the one it was working on (the oldest), and the rest
/// go to a new worker.
fn worker_failed(rc: &Rc<RefCell<Inner>>, message: &str) {
    let mut i = rc.borrow_mut();
    if let Some(worker) = i.worker.take() {
        worker.terminate();
    }
    let was_ready = std::mem::replace(&mut i.ready, false);
    let failed: Vec<_> = if was_ready && !i.pending.is_empty() {
        vec![i.pending.remove(0)]
    } else {
        std::mem::take(&mut i.pending)
    };
    drop(i);
    for (_, _, _, reject) in failed {
        let _ = reject.call1(&JsValue::NULL, &message.into());
    }
    if !rc.borrow().pending.is_empty() {
        // Closures are replaced only outside their own calls: start the new
        // worker from a task.
        let rc = Rc::clone(rc);
        spawn_local(async move {
            let mut i = rc.borrow_mut();
            if i.worker.is_some() || i.pending.is_empty() {
                return;
            }
            if let Err(e) = spawn(&rc, &mut i) {
                let failed = std::mem::take(&mut i.pending);
                drop(i);
                for (_, _, _, reject) in failed {
                    let _ = reject.call1(&JsValue::NULL, &e.clone().into());
                }
            }
        });
    }
}

impl PrecheckRunner for WorkerRunner {
    fn check(&self, request: CheckRequest, bytes: Vec<u8>) -> LocalFut<Precheck> {
        let json = serde_json::to_string(&request);
        let this = self.clone();
        Box::pin(async move {
            let reply = this
                .request("check", json.map_err(|e| e.to_string())?, Some(bytes))
                .await?;
            let json = Reflect::get(&reply, &"json".into())
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "the pre-check worker sent no report".to_string())?;
            serde_json::from_str(&json).map_err(|e| format!("unreadable pre-check report: {e}"))
        })
    }

    fn template(&self, request: TemplateRequest) -> LocalFut<(Vec<u8>, String)> {
        let json = serde_json::to_string(&request);
        let this = self.clone();
        Box::pin(async move {
            let reply = this
                .request("template", json.map_err(|e| e.to_string())?, None)
                .await?;
            let bytes = Reflect::get(&reply, &"bytes".into())
                .ok()
                .and_then(|v| v.dyn_into::<Uint8Array>().ok())
                .ok_or_else(|| "the pre-check worker sent no template".to_string())?
                .to_vec();
            let name = Reflect::get(&reply, &"name".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| "PoE template.docx".into());
            Ok((bytes, name))
        })
    }
}

/// Runs the pre-check on the calling thread (for tests and hosts without
/// workers; the app itself uses [`WorkerRunner`], so the extraction code
/// stays out of its bundle).
#[cfg(feature = "extract")]
#[derive(Clone, Copy, Default)]
pub struct InlineRunner;

#[cfg(feature = "extract")]
impl PrecheckRunner for InlineRunner {
    fn check(&self, request: CheckRequest, bytes: Vec<u8>) -> LocalFut<Precheck> {
        Box::pin(async move {
            let clock = || js_sys::Date::now();
            let start = clock();
            let extracted = crate::extract::extract_kind(&request.kind, &bytes);
            let took = clock() - start;
            Ok(crate::extract::precheck(
                &extracted,
                &request.claim,
                request.today,
                &request.policy,
                took,
                &clock,
            ))
        })
    }

    fn template(&self, request: TemplateRequest) -> LocalFut<(Vec<u8>, String)> {
        Box::pin(async move {
            Ok((
                crate::extract::template::poe_template(
                    &request.claim,
                    request.locale,
                    request.today,
                ),
                crate::extract::template::template_file_name(&request.claim, request.locale),
            ))
        })
    }
}

/// One document's report: `None` while it is being checked. `key` is the
/// claim data it was made from (see [`report_key`]).
#[derive(Clone, PartialEq, Debug)]
pub struct DocReport {
    pub key: u64,
    pub report: Option<Precheck>,
}

/// The pre-check reports of the app's documents (context).
#[derive(Clone, Copy)]
pub struct PoeChecker {
    reports: RwSignal<HashMap<String, DocReport>>,
    runner: StoredValue<Rc<dyn PrecheckRunner>, LocalStorage>,
    /// The app state (from context when the checker is provided): the
    /// clock, the policy and the document store.
    state: AppState,
}

/// Provides the checker with `runner` (the worker when `None`). Call it
/// after [`crate::app::state::provide_app_state`].
pub fn provide_poe_checker(runner: Option<Rc<dyn PrecheckRunner>>) -> PoeChecker {
    let runner = runner.unwrap_or_else(|| Rc::new(WorkerRunner::for_page()));
    let checker = PoeChecker {
        reports: RwSignal::new(HashMap::new()),
        runner: StoredValue::new_local(runner),
        state: use_app(),
    };
    provide_context(checker);
    checker
}

/// The checker from context.
pub fn use_poe_checker() -> PoeChecker {
    expect_context::<PoeChecker>()
}

/// What a document's report depends on: the claim data the analysis reads,
/// the day and the policy's age limit.
pub fn report_key(
    claim: &Claim,
    doc_id: &str,
    today: chrono::NaiveDate,
    max_age_months: u32,
) -> u64 {
    let mut h = DefaultHasher::new();
    doc_id.hash(&mut h);
    claim.partner_org.name.hash(&mut h);
    claim.customer_name.hash(&mut h);
    claim.customer_domain.hash(&mut h);
    for p in &claim.products {
        p.product.hash(&mut h);
    }
    claim.customer_contact.name.hash(&mut h);
    claim.customer_contact.email.hash(&mut h);
    claim.partner_contact.name.hash(&mut h);
    claim.partner_contact.email.hash(&mut h);
    claim.created_at.hash(&mut h);
    today.hash(&mut h);
    max_age_months.hash(&mut h);
    h.finish()
}

impl PoeChecker {
    /// The report of a document (tracked); `None` when there is none yet,
    /// `Some(None)` while it runs.
    pub fn report(&self, doc_id: &str) -> Option<Option<Precheck>> {
        self.reports
            .with(|r| r.get(doc_id).map(|d| d.report.clone()))
    }

    /// The result for `item` of a document's analysed report (tracked).
    pub fn result(&self, doc_id: &str, item: ChecklistItem) -> Option<ChecklistResult> {
        self.reports.with(|r| {
            r.get(doc_id)
                .and_then(|d| d.report.as_ref())
                .and_then(|p| p.result(item))
                .cloned()
        })
    }

    /// The claim-level summary of `claim`'s documents (tracked).
    pub fn summary(&self, claim: &Claim) -> Summary {
        self.reports
            .with(|reports| summarize(claim, |id| reports.get(id).and_then(|r| r.report.as_ref())))
    }

    /// Starts the pre-check of every document of `claim` whose report is
    /// missing or was made from other claim data. Untracked.
    pub fn ensure(&self, claim: &Claim) {
        let state = self.state;
        let today = state.now_untracked().date_naive();
        let policy = state.policy_untracked().clone();
        for doc in &claim.documents {
            let key = report_key(claim, &doc.id, today, policy.poe_max_age_months);
            let current = self
                .reports
                .with_untracked(|r| r.get(&doc.id).map(|d| d.key));
            if current == Some(key) {
                continue;
            }
            if let Some(report) = without_text(&doc.kind) {
                self.set(&doc.id, key, Some(report));
                continue;
            }
            self.set(&doc.id, key, None);
            let request = CheckRequest {
                doc_id: doc.id.clone(),
                kind: doc.kind.clone(),
                claim: claim.clone(),
                today,
                policy: policy.clone(),
            };
            let this = *self;
            spawn_local(async move {
                let doc_id = request.doc_id.clone();
                let report = match state.get_document(&doc_id).await {
                    Ok(Some(stored)) => {
                        let runner = this.runner.get_value();
                        match runner.check(request, stored.bytes).await {
                            Ok(report) => report,
                            Err(e) => Precheck::NotRead {
                                code: "failed".into(),
                                detail: e,
                            },
                        }
                    }
                    Ok(None) => Precheck::NotRead {
                        code: "missing".into(),
                        detail: "the document's file is not in this browser's storage".into(),
                    },
                    Err(e) => Precheck::NotRead {
                        code: "failed".into(),
                        detail: e.to_string(),
                    },
                };
                // A newer run (the claim changed meanwhile) wins.
                let current = this
                    .reports
                    .with_untracked(|r| r.get(&doc_id).map(|d| d.key));
                if current == Some(key) {
                    this.set(&doc_id, key, Some(report));
                }
            });
        }
    }

    fn set(&self, doc_id: &str, key: u64, report: Option<Precheck>) {
        self.reports.update(|r| {
            r.insert(doc_id.to_string(), DocReport { key, report });
        });
    }

    /// The "Download PoE template" DOCX for `claim`, in `locale`.
    pub async fn template(
        &self,
        claim: &Claim,
        locale: Locale,
    ) -> Result<(Vec<u8>, String), String> {
        let request = TemplateRequest {
            claim: claim.clone(),
            locale,
            today: self.state.now_untracked().date_naive(),
        };
        let runner = self.runner.get_value();
        runner.template(request).await
    }
}
