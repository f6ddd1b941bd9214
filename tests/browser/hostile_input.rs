//! Hostile input in the browser: a poison claim stored in
//! IndexedDB, export files and CSV files past their limits, an import
//! cancelled half way, "Clear all data", and PoE workers that stall or
//! crash. The native side is `tests/native/hostile_input.rs`, the end-to-end side
//! `tests/e2e/hostile.test.mjs`; docs/testing.md lists every case.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::*;
use cpor_desk::app::precheck::{PrecheckRunner, TOOK_TOO_LONG, WorkerRunner};
use cpor_desk::app::state::keys;
use cpor_desk::domain::claim::{Claim, PartnerOrgRef};
use cpor_desk::domain::dashboard::sample_claims;
use cpor_desk::domain::poe::precheck::{CheckRequest, Precheck, TemplateRequest};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::storage::indexeddb::{CLAIMS, IndexedDbStore};
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{SyncAdapter, prefs};
use idb::{Factory, TransactionMode};
use js_sys::JsString;
use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// A draft of Northwind that passes every check (the dashboard's first
/// sample claim).
fn claim(id: &str, name: &str) -> Claim {
    let org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap();
    Claim {
        id: id.into(),
        name: name.into(),
        revision: 0,
        ..sample_claims(1, &org, now.fixed_offset()).remove(0)
    }
}

fn signed_in() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
}

/// `window.confirm` answers yes (the tests cannot click a native dialog).
fn confirm_yes() {
    let yes = js_sys::Function::new_no_args("return true");
    js_sys::Reflect::set(&window(), &"confirm".into(), &yes).unwrap();
}

/// Picks a file made of JS string `parts` in the file input `input`.
fn pick(input: &web_sys::HtmlInputElement, name: &str, parts: &js_sys::Array) {
    let file = web_sys::File::new_with_str_sequence(parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    input.set_files(dt.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Uncaught errors reported to the window while `self` lives.
struct Uncaught {
    seen: Rc<RefCell<Vec<String>>>,
    _listener: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Uncaught {
    fn watch() -> Uncaught {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                sink.borrow_mut().push(e.message());
            });
        window()
            .add_event_listener_with_callback("error", listener.as_ref().unchecked_ref())
            .unwrap();
        Uncaught {
            seen,
            _listener: listener,
        }
    }
}

impl Drop for Uncaught {
    fn drop(&mut self) {
        let _ = window()
            .remove_event_listener_with_callback("error", self._listener.as_ref().unchecked_ref());
    }
}

// ------------------------------------------------- 1. a poison claim

/// a claim whose name is 100 MB, stored straight into IndexedDB (as
/// an import of an older version left it): the dashboard still opens with
/// the other claims, Settings lists the poison record with "Delete this
/// claim", and deleting it leaves the rest.
#[wasm_bindgen_test]
async fn a_100_mb_claim_in_indexeddb_does_not_stop_the_app() {
    signed_in();
    let name = format!("hostile-poison-{}", js_sys::Math::random());
    let store = IndexedDbStore::open(&name).await.unwrap();
    store.save(claim("good", "A good claim")).await.unwrap();
    // The record is made in JavaScript: 100 MB never pass through Rust.
    let raw = JsString::from(r#"{"schema":1,"claim":{"id":"poison","name":""#)
        .concat(&JsString::from("A").repeat(100 * 1024 * 1024))
        .concat(&r#"","partnerOrg":{"id":"northwind","name":"Northwind Traders"}}}"#.into());
    let db = Factory::new()
        .unwrap()
        .open(&name, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[CLAIMS], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store(CLAIMS)
        .unwrap()
        .put(&raw, Some(&JsValue::from_str("poison")))
        .unwrap()
        .await
        .unwrap();
    assert!(tx.await.unwrap().is_committed());
    db.close();
    drop(raw);

    let start = js_sys::Date::now();
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = Rc::new(store);
    let _app = mount_app(&root, adapter.clone(), "#/claims").await;
    wait_for(&root, "the dashboard", 30_000, |r| {
        text(r).contains("A good claim")
    })
    .await;
    web_sys::console::log_1(
        &format!(
            "a 100 MB claim in IndexedDB: dashboard shown after {} ms",
            js_sys::Date::now() - start
        )
        .into(),
    );
    assert!(text(&root).contains("Showing 1 claim"), "{}", text(&root));

    window().location().set_hash("#/settings").unwrap();
    wait_for(&root, "the quarantine", 10_000, |r| {
        try_button(r, "Delete this claim").is_some()
    })
    .await;
    let page = text(&root);
    assert!(page.contains("poison"), "{}", &page[..page.len().min(2000)]);
    assert!(page.contains("too large to be a claim"));
    assert!(
        page.len() < 1_000_000,
        "the page shows only the record's start"
    );
    confirm_yes();
    click(&button(&root, "Delete this claim")).await;
    wait_for(&root, "the quarantine emptied", 10_000, |r| {
        try_button(r, "Delete this claim").is_none()
    })
    .await;
    let snap = adapter.load_all().await.unwrap();
    assert_eq!(snap.claims.len(), 1);
    assert!(snap.quarantined.is_empty());
}

/// "Clear all data" asks first, offers an export, and then deletes
/// every claim, document and quarantined record and the profile.
#[wasm_bindgen_test]
async fn clear_all_data_asks_offers_an_export_and_deletes_everything() {
    signed_in();
    let store = Rc::new(MemoryStore::default());
    store
        .save(claim("c1", "Shared computer claim"))
        .await
        .unwrap();
    store.insert_raw("broken", "{not json");
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/settings").await;
    wait_for(&root, "settings", 20_000, |r| {
        try_button(r, "Clear all data").is_some()
    })
    .await;
    click(&button(&root, "Clear all data")).await;
    assert!(text(&root).contains("This cannot be undone"));
    assert!(try_button(&root, "Export all data first").is_some());
    click(&button(&root, "Cancel")).await;
    assert!(try_button(&root, "Delete everything").is_none());
    assert_eq!(store.load_all().await.unwrap().claims.len(), 1);

    click(&button(&root, "Clear all data")).await;
    click(&button(&root, "Delete everything")).await;
    wait_for(&root, "the confirmation", 5000, |r| {
        text(r).contains("All data of CPOR Desk in this browser was deleted.")
    })
    .await;
    let snap = store.load_all().await.unwrap();
    assert!(snap.claims.is_empty() && snap.quarantined.is_empty());
    assert_eq!(
        prefs::get::<serde_json::Value>(keys::PROFILE).unwrap(),
        None
    );
}

// ----------------------------------------------- 5. unbounded imports

fn export_text(claims: usize) -> String {
    let claims: Vec<Claim> = (0..claims)
        .map(|i| claim(&format!("imp-{i:05}"), &format!("Imported claim {i}")))
        .collect();
    serde_json::json!({ "format": "cpor-desk-export", "schemaVersion": 1, "claims": claims })
        .to_string()
}

/// an export file's size is checked before it is read, and the
/// message states the limits (600 MB was refused as "not JSON (EOF…)").
#[wasm_bindgen_test]
async fn an_export_file_over_100_mb_is_refused_with_the_limits() {
    signed_in();
    let store = Rc::new(MemoryStore::default());
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/settings").await;
    // The page reads the store before it shows the import (a loaded
    // machine takes longer than mount_app's few ticks).
    wait_for(&root, "settings", 20_000, |r| {
        try_by_label(r, "Import data from an export file").is_some()
    })
    .await;
    let big = JsString::from(" ").repeat(101 * 1024 * 1024);
    pick(
        &input(&root, "Import data from an export file"),
        "big.json",
        &js_sys::Array::of1(&big),
    );
    wait_for(&root, "the refusal", 5000, |r| {
        text(r).contains("an export file can be at most 100 MB (with at most 100,000 claims). Nothing was imported.")
    })
    .await;
    assert!(store.load_all().await.unwrap().claims.is_empty());
}

/// an import into IndexedDB shows its progress (megabytes read of the
/// file's size, claims saved), can be cancelled after batches were written
/// and then has nothing of the file; done again, it imports every claim.
#[wasm_bindgen_test]
async fn an_import_shows_progress_can_be_cancelled_and_is_all_or_nothing() {
    signed_in();
    let name = format!("import-cancel-{}", js_sys::Date::now() as u64);
    let store = Rc::new(IndexedDbStore::open(&name).await.unwrap());
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/settings").await;
    // The page reads the store before it shows the import (a loaded
    // machine takes longer than mount_app's few ticks).
    wait_for(&root, "settings", 20_000, |r| {
        try_by_label(r, "Import data from an export file").is_some()
    })
    .await;
    let text_big = export_text(12_000);
    assert!(text_big.len() > 6 * 1024 * 1024, "{} bytes", text_big.len());
    pick(
        &input(&root, "Import data from an export file"),
        "export.json",
        &js_sys::Array::of1(&text_big.as_str().into()),
    );
    // At least one batch of 2,000 is written before Cancel.
    wait_for(&root, "a batch saved", 60_000, |r| {
        r.query_selector(".import-progress progress")
            .unwrap()
            .is_some()
            && !text(r).contains(" read, 0 claims saved")
    })
    .await;
    let progress = root
        .query_selector("progress[aria-label='Import progress']")
        .unwrap();
    assert!(progress.is_some(), "the progress bar has its label");
    let shown = text(&root);
    assert!(
        shown.contains("Reading, checking and saving the file:") && shown.contains(" MB read, "),
        "{shown}"
    );
    click(&button(&root, "Cancel import")).await;
    wait_for(&root, "the cancellation", 60_000, |r| {
        text(r).contains("Import cancelled: nothing was imported.")
    })
    .await;
    assert!(store.load_all().await.unwrap().claims.is_empty());

    let small = export_text(2_500);
    pick(
        &input(&root, "Import data from an export file"),
        "export.json",
        &js_sys::Array::of1(&small.as_str().into()),
    );
    wait_for(&root, "the import", 60_000, |r| {
        text(r).contains("Imported: 2500 new")
    })
    .await;
    assert_eq!(store.load_all().await.unwrap().claims.len(), 2500);
}

/// a storage failure in the middle of an import (the second batch fails
/// like a full disk) is shown, and IndexedDB holds nothing of the file:
/// the first batch was undone.
#[wasm_bindgen_test]
async fn a_storage_failure_mid_import_leaves_nothing() {
    use cpor_desk::storage::memory::ImportFaults;
    signed_in();
    let name = format!("import-fail-{}", js_sys::Date::now() as u64);
    let store = Rc::new(ImportFaults::new(
        IndexedDbStore::open(&name).await.unwrap(),
    ));
    store.fail_batch.set(Some(2));
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/settings").await;
    // The page reads the store before it shows the import (a loaded
    // machine takes longer than mount_app's few ticks).
    wait_for(&root, "settings", 20_000, |r| {
        try_by_label(r, "Import data from an export file").is_some()
    })
    .await;
    pick(
        &input(&root, "Import data from an export file"),
        "export.json",
        &js_sys::Array::of1(&export_text(5_000).as_str().into()),
    );
    wait_for(&root, "the error", 60_000, |r| {
        text(r).contains("storage is full")
    })
    .await;
    assert_eq!(store.batches.get(), 2);
    assert!(store.inner.load_all().await.unwrap().claims.is_empty());
    assert!(!text(&root).contains("Imported:"));
}

/// on the dashboard, a CSV over 20 MB is refused before it
/// is read, and deadlines are not exported when none is open.
#[wasm_bindgen_test]
async fn a_csv_over_20_mb_is_refused_and_no_empty_calendar_is_offered() {
    signed_in();
    let store = Rc::new(MemoryStore::default());
    store.save(claim("d1", "A draft")).await.unwrap();
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/claims").await;
    wait_for(&root, "the dashboard", 5000, |r| {
        text(r).contains("A draft")
    })
    .await;
    click(&button(&root, "Export deadlines (.ics)")).await;
    assert!(
        text(&root).contains(
            "The claim shown has no open deadline: there is nothing to put in a calendar"
        ),
        "{}",
        text(&root)
    );
    let big = JsString::from("x").repeat(21 * 1024 * 1024);
    pick(
        &input(&root, "Import claims from CSV"),
        "big.csv",
        &js_sys::Array::of1(&big),
    );
    wait_for(&root, "the refusal", 5000, |r| {
        text(r).contains(
            "a CSV file can be at most 20 MB, with at most 20,000 rows. Nothing was imported.",
        )
    })
    .await;
}

// ------------------------------------------------ 2. the PoE worker

fn request(doc_id: &str) -> CheckRequest {
    CheckRequest {
        doc_id: doc_id.into(),
        kind: "pdf".into(),
        claim: claim("c1", "Claim"),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        policy: Default::default(),
    }
}

/// a document that stalls the worker is given up at its deadline
/// ("took too long"), the worker is ended, the next document is checked by
/// a fresh one, and a template never waits behind a check.
#[wasm_bindgen_test]
async fn a_stalled_worker_is_ended_at_the_deadline_and_templates_do_not_wait() {
    let uncaught = Uncaught::watch();
    let runner = WorkerRunner::new("/tests/fixtures/workers/stall.js").with_deadline(1_500);
    let stalled = runner.check(request("stall"), b"%PDF-1.7".to_vec());
    let behind = runner.check(request("next"), b"%PDF-1.7".to_vec());
    // While the check stalls, a template comes at once from its own worker.
    let start = js_sys::Date::now();
    let template = runner
        .template(TemplateRequest {
            claim: claim("c1", "Claim"),
            locale: Default::default(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(template.1, "template.docx");
    assert!(js_sys::Date::now() - start < 1_000.0, "the template waited");
    match stalled.await.unwrap() {
        Precheck::NotRead { code, detail } => {
            assert_eq!(code, "timeout");
            assert!(detail.contains(TOOK_TOO_LONG), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(behind.await.unwrap(), Precheck::NoText { .. }));
    sleep(100).await;
    assert!(
        uncaught.seen.borrow().is_empty(),
        "{:?}",
        uncaught.seen.borrow()
    );
}

/// after two worker crashes in a row the page logged an uncaught
/// "closure invoked recursively or after being dropped". Now each request
/// fails with the worker's message and nothing is left uncaught.
#[wasm_bindgen_test]
async fn crashes_in_a_row_fail_their_requests_and_nothing_else() {
    let uncaught = Uncaught::watch();
    let runner = WorkerRunner::new("/tests/fixtures/workers/crash.js");
    for round in 0..3 {
        let a = runner.check(request("a"), b"%PDF-1.7".to_vec());
        let b = runner.check(request("b"), b"%PDF-1.7".to_vec());
        for result in [a.await, b.await] {
            let err = result.unwrap_err();
            assert!(err.contains("the reader stopped"), "round {round}: {err}");
        }
    }
    sleep(300).await;
    assert!(
        uncaught.seen.borrow().is_empty(),
        "{:?}",
        uncaught.seen.borrow()
    );
}
