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
use std::collections::{HashMap, VecDeque};
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

use crate::app::lazy::{split_call, split_fn};
use crate::app::state::{AppState, use_app};
use crate::domain::claim::{ChecklistItem, Claim};
use crate::domain::finding::Locale;
use crate::domain::poe::ChecklistResult;
use crate::domain::poe::precheck::{
    CheckRequest, Precheck, Summary, TemplateRequest, WORKER_DEADLINE_MS, summarize, without_text,
    worker_deadline_ms,
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

/// Runs the pre-check in PoE web workers, started on the first request.
///
/// Two lanes, each its own worker: document checks, and templates, so
/// "Download PoE template" never waits behind a long check. A lane gives
/// its worker one request at a time, with a deadline
/// ([`worker_deadline_ms`] for a check, [`WORKER_DEADLINE_MS`] for a
/// template): past it the worker is ended, that request fails ("took too
/// long: check it by hand"), and the next one goes to a fresh worker. A
/// worker that stops on a document (a trap in the reader) fails that
/// request only, the same way; one that cannot load fails every request
/// waiting for it.
#[derive(Clone)]
pub struct WorkerRunner {
    checks: Rc<RefCell<Lane>>,
    templates: Rc<RefCell<Lane>>,
}

/// The error text of a request whose deadline passed.
pub const TOOK_TOO_LONG: &str = "the pre-check worker took too long and was stopped";

/// A request waiting for, or at, the worker.
struct Request {
    id: u32,
    message: JsValue,
    deadline_ms: u32,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

/// A running worker and the handlers it calls.
struct Live {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Live {
    /// Ends the worker. Its handlers are unset first: a terminated worker
    /// may still deliver an event, which must not reach a dropped closure
    /// ("closure invoked recursively or after being dropped").
    fn end(self) -> Vec<Box<dyn std::any::Any>> {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        vec![Box::new(self._on_message), Box::new(self._on_error)]
    }
}

/// The request at the worker, and its deadline timer.
struct AtWorker {
    request: Request,
    timer: i32,
    on_timeout: Closure<dyn FnMut()>,
}

/// One worker and its queue.
struct Lane {
    url: String,
    worker: Option<Live>,
    ready: bool,
    queue: VecDeque<Request>,
    /// The request at the worker.
    current: Option<AtWorker>,
    next_id: u32,
    /// A deadline for every request instead of the usual ones (tests).
    deadline: Option<u32>,
    /// Closures of ended workers and timers, dropped outside their own
    /// calls (at the next post).
    retired: Vec<Box<dyn std::any::Any>>,
}

impl Lane {
    fn new(url: &str) -> Rc<RefCell<Lane>> {
        Rc::new(RefCell::new(Lane {
            url: url.to_string(),
            worker: None,
            ready: false,
            queue: VecDeque::new(),
            current: None,
            next_id: 0,
            deadline: None,
            retired: Vec::new(),
        }))
    }
}

impl WorkerRunner {
    /// A runner for the worker script at `url` (both lanes).
    pub fn new(url: impl Into<String>) -> WorkerRunner {
        let url = url.into();
        WorkerRunner {
            checks: Lane::new(&url),
            templates: Lane::new(&url),
        }
    }

    /// The same runner with one deadline for every request (tests: a
    /// worker that never answers).
    pub fn with_deadline(self, ms: u32) -> WorkerRunner {
        self.checks.borrow_mut().deadline = Some(ms);
        self.templates.borrow_mut().deadline = Some(ms);
        self
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

    fn request(
        lane: &Rc<RefCell<Lane>>,
        op: &'static str,
        json: String,
        bytes: Option<Vec<u8>>,
        deadline_ms: u32,
    ) -> LocalFut<JsValue> {
        let lane = Rc::clone(lane);
        Box::pin(async move {
            let message = Object::new();
            let _ = Reflect::set(&message, &"op".into(), &op.into());
            let _ = Reflect::set(&message, &"json".into(), &json.into());
            if let Some(bytes) = bytes {
                let array = Uint8Array::from(bytes.as_slice());
                let _ = Reflect::set(&message, &"bytes".into(), &array);
            }
            let promise = js_sys::Promise::new(&mut |resolve, reject| {
                let mut l = lane.borrow_mut();
                let id = l.next_id;
                l.next_id += 1;
                let _ = Reflect::set(&message, &"id".into(), &id.into());
                l.queue.push_back(Request {
                    id,
                    message: message.clone().into(),
                    deadline_ms,
                    resolve,
                    reject,
                });
            });
            pump(&lane);
            JsFuture::from(promise).await.map_err(|e| {
                e.as_string()
                    .unwrap_or_else(|| "the pre-check worker stopped".to_string())
            })
        })
    }
}

/// Gives the worker its next request, starting a worker when none runs.
fn pump(rc: &Rc<RefCell<Lane>>) {
    let mut l = rc.borrow_mut();
    l.retired.clear();
    if l.current.is_some() || l.queue.is_empty() {
        return;
    }
    if l.worker.is_none() {
        match spawn(rc, &l.url) {
            Ok(live) => {
                l.worker = Some(live);
                l.ready = false;
            }
            Err(e) => {
                let failed: Vec<Request> = l.queue.drain(..).collect();
                drop(l);
                for r in failed {
                    let _ = r.reject.call1(&JsValue::NULL, &e.clone().into());
                }
                return;
            }
        }
    }
    if !l.ready {
        return;
    }
    let Some(request) = l.queue.pop_front() else {
        return;
    };
    if let Some(live) = &l.worker
        && let Err(e) = live.worker.post_message(&request.message)
    {
        web_sys::console::error_2(&"PoE worker: cannot post".into(), &e);
    }
    let weak = Rc::downgrade(rc);
    let id = request.id;
    let on_timeout = Closure::<dyn FnMut()>::new(move || {
        if let Some(rc) = weak.upgrade() {
            timed_out(&rc, id);
        }
    });
    let timer = web_sys::window()
        .and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                i32::try_from(l.deadline.unwrap_or(request.deadline_ms)).unwrap_or(i32::MAX),
            )
            .ok()
        })
        .unwrap_or(0);
    l.current = Some(AtWorker {
        request,
        timer,
        on_timeout,
    });
}

/// Starts a worker whose events come back to the lane.
fn spawn(rc: &Rc<RefCell<Lane>>, url: &str) -> Result<Live, String> {
    let worker = web_sys::Worker::new(url).map_err(|e| {
        format!(
            "the pre-check worker cannot start ({})",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    })?;
    let weak = Rc::downgrade(rc);
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let data = event.unchecked_into::<web_sys::MessageEvent>().data();
        if let Some(rc) = weak.upgrade() {
            answered(&rc, &data);
        }
    });
    let weak = Rc::downgrade(rc);
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        // Handled here (the document is reported), so not also an
        // uncaught error of the page.
        if let Some(e) = event.dyn_ref::<web_sys::Event>() {
            e.prevent_default();
        }
        let message = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "the pre-check worker could not be loaded".to_string());
        if let Some(rc) = weak.upgrade() {
            failed(&rc, &message);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Live {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// A message from the worker: "ready", or the answer to the request at it.
fn answered(rc: &Rc<RefCell<Lane>>, data: &JsValue) {
    let mut l = rc.borrow_mut();
    if data.as_string().as_deref() == Some("ready") {
        l.ready = true;
        drop(l);
        pump(rc);
        return;
    }
    let id = Reflect::get(data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map(|v| v as u32);
    if l.current.as_ref().map(|c| c.request.id) != id {
        return;
    }
    let Some(AtWorker {
        request,
        timer,
        on_timeout,
    }) = l.current.take()
    else {
        return;
    };
    if let Some(w) = web_sys::window() {
        w.clear_timeout_with_handle(timer);
    }
    l.retired.push(Box::new(on_timeout));
    drop(l);
    let ok = Reflect::get(data, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool());
    if ok == Some(true) {
        let _ = request.resolve.call1(&JsValue::NULL, data);
    } else {
        let error = Reflect::get(data, &"error".into()).unwrap_or(JsValue::UNDEFINED);
        let _ = request.reject.call1(&JsValue::NULL, &error);
    }
    pump(rc);
}

/// Ends the lane's worker; the request at it fails with `why`, and so does
/// every waiting one when the worker never got ready (it cannot load).
fn end_worker(rc: &Rc<RefCell<Lane>>, why: &str) {
    let mut l = rc.borrow_mut();
    let was_ready = std::mem::replace(&mut l.ready, false);
    if let Some(live) = l.worker.take() {
        let retired = live.end();
        l.retired.extend(retired);
    }
    let mut failed = Vec::new();
    if let Some(AtWorker {
        request,
        timer,
        on_timeout,
    }) = l.current.take()
    {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(timer);
        }
        l.retired.push(Box::new(on_timeout));
        failed.push(request);
    }
    if !was_ready {
        failed.extend(l.queue.drain(..));
    }
    drop(l);
    for r in failed {
        let _ = r.reject.call1(&JsValue::NULL, &why.into());
    }
}

/// The worker stopped or could not load.
fn failed(rc: &Rc<RefCell<Lane>>, message: &str) {
    end_worker(rc, message);
    // The rest goes to a fresh worker, started from a task (not from the
    // handler that is running now).
    let rc = Rc::clone(rc);
    wasm_bindgen_futures::spawn_local(async move { pump(&rc) });
}

/// The request `id` passed its deadline.
fn timed_out(rc: &Rc<RefCell<Lane>>, id: u32) {
    if rc.borrow().current.as_ref().map(|c| c.request.id) != Some(id) {
        return;
    }
    end_worker(rc, TOOK_TOO_LONG);
    let rc = Rc::clone(rc);
    wasm_bindgen_futures::spawn_local(async move { pump(&rc) });
}

impl PrecheckRunner for WorkerRunner {
    fn check(&self, request: CheckRequest, bytes: Vec<u8>) -> LocalFut<Precheck> {
        let json = serde_json::to_string(&request);
        let lane = Rc::clone(&self.checks);
        Box::pin(async move {
            let deadline = worker_deadline_ms(bytes.len());
            let reply = match WorkerRunner::request(
                &lane,
                "check",
                json.map_err(|e| e.to_string())?,
                Some(bytes),
                deadline,
            )
            .await
            {
                Ok(reply) => reply,
                Err(e) if e == TOOK_TOO_LONG => {
                    return Ok(Precheck::NotRead {
                        code: "timeout".into(),
                        detail: format!("{e} after {} s", deadline / 1000),
                    });
                }
                Err(e) => return Err(e),
            };
            let json = Reflect::get(&reply, &"json".into())
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "the pre-check worker sent no report".to_string())?;
            split_call!(read_report(json))
                .await
                .map_err(|e| format!("the pre-check's report reader did not load: {e}"))?
        })
    }

    fn template(&self, request: TemplateRequest) -> LocalFut<(Vec<u8>, String)> {
        let json = serde_json::to_string(&request);
        let lane = Rc::clone(&self.templates);
        Box::pin(async move {
            let reply = WorkerRunner::request(
                &lane,
                "template",
                json.map_err(|e| e.to_string())?,
                None,
                WORKER_DEADLINE_MS,
            )
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

split_fn! {
    /// Reads the PoE worker's report. A chunk of its own in the split
    /// build: the readers of the report and of every evidence note are
    /// needed only once a document is checked (on the claim page and in the
    /// wizard), so they are not in the first load.
    fn read_report(json: String) in precheck_report, preload preload_precheck_report -> Result<Precheck, String> => {
        serde_json::from_str(&json).map_err(|e| format!("unreadable pre-check report: {e}"))
    }
}

/// After the first page is shown: fetches the report reader's chunk.
/// Nothing to do without the split build.
pub async fn preload() {
    #[cfg(wasm_split)]
    let _ = preload_precheck_report().await;
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
                        // The checker is gone (its page or app was taken
                        // down while the document was read): nothing to do.
                        let Some(runner) = this.runner.try_get_value() else {
                            return;
                        };
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
                // A newer run (the claim changed meanwhile) wins; a
                // checker taken down while the check ran (`None`) takes none.
                let current = this
                    .reports
                    .try_with_untracked(|r| r.get(&doc_id).map(|d| d.key));
                if current == Some(Some(key)) {
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
