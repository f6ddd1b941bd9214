//! The storage adapters against the real IndexedDB and localStorage of
//! headless Chromium. The contract is written once over `&dyn SyncAdapter`
//! (the in-memory adapter's behaviour) and run on both browser adapters;
//! each test has its own database name / key prefix.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::Poll;

use chrono::DateTime;
use cpor_desk::domain::claim::Claim;
use cpor_desk::storage::export::{export_all, import_all};
use cpor_desk::storage::indexeddb::{self, IndexedDbStore};
use cpor_desk::storage::local::LocalStore;
use cpor_desk::storage::watch::{self, Change};
use cpor_desk::storage::{
    AdapterKind, Quarantined, StorageError, StoredDocument, SyncAdapter, encode_claim,
    open_browser_store_with, prefs,
};
use idb::{Factory, TransactionMode};
use js_sys::Reflect;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Blob, BroadcastChannel, MessageEvent, StorageEvent, StorageEventInit};

// ---------------------------------------------------------------- helpers

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
}

/// A name no other test (or earlier run in this profile) uses.
fn unique(tag: &str) -> String {
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("test-{tag}-{}-{n}", js_sys::Date::now() as u64)
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes every localStorage key starting with `prefix`.
fn clear_prefix(prefix: &str) {
    let ls = local_storage();
    let keys: Vec<String> = (0..ls.length().unwrap())
        .filter_map(|i| ls.key(i).unwrap())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        ls.remove_item(&k).unwrap();
    }
}

async fn open_idb(tag: &str) -> (IndexedDbStore, String) {
    let name = unique(tag);
    (IndexedDbStore::open(&name).await.unwrap(), name)
}

/// A LocalStore whose keys are removed when it is dropped.
struct Local {
    store: LocalStore,
}

impl Local {
    fn new(tag: &str) -> Local {
        let prefix = format!("{}:", unique(tag));
        Local {
            store: LocalStore::new(&prefix).unwrap(),
        }
    }

    fn plant(&self, key: &str, raw: &str) {
        local_storage()
            .set_item(&format!("{}claim:{key}", self.store.prefix()), raw)
            .unwrap();
    }

    fn raw(&self, key: &str) -> Option<String> {
        local_storage()
            .get_item(&format!("{}claim:{key}", self.store.prefix()))
            .unwrap()
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        clear_prefix(self.store.prefix());
    }
}

/// Writes `value` under `key` in the object store `store` of database `db`,
/// bypassing the adapter.
async fn idb_plant(db: &str, store: &str, key: &str, value: &JsValue) {
    let db = Factory::new()
        .unwrap()
        .open(db, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[store], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store(store)
        .unwrap()
        .put(value, Some(&JsValue::from_str(key)))
        .unwrap()
        .await
        .unwrap();
    assert!(tx.await.unwrap().is_committed());
    db.close();
}

/// The raw value under `key` in `store` of database `db`.
async fn idb_raw(db: &str, store: &str, key: &str) -> Option<JsValue> {
    let db = Factory::new()
        .unwrap()
        .open(db, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db.transaction(&[store], TransactionMode::ReadOnly).unwrap();
    let value = tx
        .object_store(store)
        .unwrap()
        .get(JsValue::from_str(key))
        .unwrap()
        .await
        .unwrap();
    db.close();
    value
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    js_sys::futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to 3 s) until `ready()`.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..300 {
        if ready() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Runs two futures at the same time (both are polled on every wake).
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            ra = Some(v);
        }
        if rb.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            rb = Some(v);
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

fn claim(id: &str) -> Claim {
    Claim {
        id: id.to_string(),
        name: format!("Claim {id}"),
        ..Claim::default()
    }
}

/// A new claim that passes the checks an import runs (a bare `claim` does
/// not): the dashboard's first sample claim.
fn valid_claim(id: &str) -> Claim {
    let org = cpor_desk::domain::claim::PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
    Claim {
        id: id.to_string(),
        name: format!("Claim {id}"),
        revision: 0,
        ..cpor_desk::domain::dashboard::sample_claims(1, &org, now).remove(0)
    }
}

/// Every byte value, after a PDF header (an import judges documents by
/// their content).
fn all_bytes_doc(id: &str) -> StoredDocument {
    let mut bytes: Vec<u8> = b"%PDF-1.7\n".to_vec();
    bytes.extend(0..=255);
    bytes.extend((0..=255u8).rev());
    StoredDocument {
        id: id.to_string(),
        name: "bevis för utförande.pdf".to_string(),
        media_type: "application/pdf".to_string(),
        bytes,
    }
}

// ------------------------------------------------ the contract, written once

async fn contract_save_load_revisions(s: &dyn SyncAdapter) {
    assert_eq!(s.load("c1").await.unwrap(), None);
    let c1 = s.save(claim("c1")).await.unwrap();
    assert_eq!(c1.revision, 1);
    assert_eq!(s.load("c1").await.unwrap(), Some(c1.clone()));
    let c1b = s
        .save(Claim {
            name: "renamed".into(),
            ..c1.clone()
        })
        .await
        .unwrap();
    assert_eq!((c1b.revision, c1b.name.as_str()), (2, "renamed"));
    let c2 = s.save(claim("c2")).await.unwrap();
    let snap = s.load_all().await.unwrap();
    assert_eq!(snap.claims, vec![c1b.clone(), c2.clone()]);
    assert!(snap.quarantined.is_empty());

    // Delete at the wrong revision: conflict, still there.
    let err = s.delete("c1", 1).await.unwrap_err();
    assert_eq!(
        err,
        StorageError::Conflict {
            id: "c1".into(),
            expected: 1,
            stored: 2
        }
    );
    assert_eq!(s.load("c1").await.unwrap(), Some(c1b));
    s.delete("c1", 2).await.unwrap();
    assert_eq!(s.load("c1").await.unwrap(), None);
    // Saving a claim that was deleted under us: stored revision 0.
    s.delete("c2", 1).await.unwrap();
    let err = s.save(c2).await.unwrap_err();
    assert_eq!(
        err,
        StorageError::Conflict {
            id: "c2".into(),
            expected: 1,
            stored: 0
        }
    );

    // restore writes as given, revision included.
    s.restore(Claim {
        revision: 7,
        ..claim("r")
    })
    .await
    .unwrap();
    assert_eq!(s.load("r").await.unwrap().unwrap().revision, 7);
}

async fn contract_stale_save_conflicts(s: &dyn SyncAdapter) {
    let v1 = s.save(claim("c")).await.unwrap();
    let v2 = s
        .save(Claim {
            name: "second".into(),
            ..v1.clone()
        })
        .await
        .unwrap();
    // Saving from the stale v1 copy.
    let err = s
        .save(Claim {
            name: "stale".into(),
            ..v1
        })
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StorageError::Conflict {
            id: "c".into(),
            expected: 1,
            stored: 2
        }
    );
    assert!(err.to_string().contains("nothing was overwritten"));
    assert_eq!(s.load("c").await.unwrap(), Some(v2));
    // A new claim with an id that exists is a conflict too.
    assert!(s.save(claim("c")).await.unwrap_err().is_conflict());
}

/// `a` and `b` are two adapters ("tabs") on the same storage.
async fn contract_two_tabs(a: &dyn SyncAdapter, b: &dyn SyncAdapter) {
    let base = a.save(claim("shared")).await.unwrap();
    // Both tabs load revision 1.
    let in_b = b.load("shared").await.unwrap().unwrap();
    assert_eq!(in_b, base);
    let from_a = a
        .save(Claim {
            name: "from tab A".into(),
            ..base.clone()
        })
        .await
        .unwrap();
    let err = b
        .save(Claim {
            name: "from tab B".into(),
            ..in_b
        })
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StorageError::Conflict {
            id: "shared".into(),
            expected: 1,
            stored: 2
        }
    );
    // Nothing lost: both tabs read A's save.
    assert_eq!(b.load("shared").await.unwrap(), Some(from_a.clone()));
    assert_eq!(a.load("shared").await.unwrap(), Some(from_a.clone()));

    // Both save revision 2 at the same time: exactly one wins.
    let (ra, rb) = join(
        a.save(Claim {
            name: "race A".into(),
            ..from_a.clone()
        }),
        b.save(Claim {
            name: "race B".into(),
            ..from_a.clone()
        }),
    )
    .await;
    let (winner, loser) = match (ra, rb) {
        (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
        (ra, rb) => panic!("exactly one save must win: {ra:?} / {rb:?}"),
    };
    assert_eq!(winner.revision, 3);
    assert_eq!(
        loser,
        StorageError::Conflict {
            id: "shared".into(),
            expected: 2,
            stored: 3
        }
    );
    assert_eq!(a.load("shared").await.unwrap(), Some(winner.clone()));
    assert_eq!(b.load("shared").await.unwrap(), Some(winner));
}

/// A corrupt record planted under `key` with text `raw`.
async fn contract_quarantine(s: &dyn SyncAdapter, key: &str, raw: &str) {
    let good = s.save(claim("good")).await.unwrap();
    let snap = s.load_all().await.unwrap();
    assert_eq!(snap.claims, vec![good.clone()]);
    assert_eq!(snap.quarantined.len(), 1, "{snap:?}");
    let q = &snap.quarantined[0];
    assert_eq!((q.key.as_str(), q.raw.as_str()), (key, raw));
    assert!(!q.reason.is_empty());
    // Moved, not dropped: gone from the claims, still in the quarantine.
    assert_eq!(s.load(key).await.unwrap(), None);
    let again = s.load_all().await.unwrap();
    assert_eq!(again.quarantined, snap.quarantined);
    assert_eq!(again.claims, vec![good.clone()]);
    // Only discard_quarantined removes it.
    s.discard_quarantined(key).await.unwrap();
    let after = s.load_all().await.unwrap();
    assert!(after.quarantined.is_empty());
    assert_eq!(after.claims, vec![good]);

    // quarantine() keeps what it is given.
    let imported = Quarantined {
        key: "import:x".into(),
        raw: "{\"id\":\"x\",\"status\":\"??\"}".into(),
        reason: "not a claim".into(),
    };
    s.quarantine(imported.clone()).await.unwrap();
    assert_eq!(s.load_all().await.unwrap().quarantined, vec![imported]);
}

async fn contract_documents(s: &dyn SyncAdapter) {
    assert_eq!(s.get_document("d1").await.unwrap(), None);
    let d1 = all_bytes_doc("d1");
    let d2 = StoredDocument {
        id: "d2".into(),
        name: "empty.txt".into(),
        media_type: "text/plain".into(),
        bytes: vec![],
    };
    s.put_document(d1.clone()).await.unwrap();
    s.put_document(d2.clone()).await.unwrap();
    assert_eq!(s.get_document("d1").await.unwrap(), Some(d1.clone()));
    assert_eq!(s.get_document("d2").await.unwrap(), Some(d2));
    assert_eq!(s.document_ids().await.unwrap(), ["d1", "d2"]);
    s.delete_document("d2").await.unwrap();
    assert_eq!(s.get_document("d2").await.unwrap(), None);
    assert_eq!(s.document_ids().await.unwrap(), ["d1"]);
    // Replacing keeps one copy.
    let d1b = StoredDocument {
        bytes: vec![255, 0, 255],
        ..d1
    };
    s.put_document(d1b.clone()).await.unwrap();
    assert_eq!(s.get_document("d1").await.unwrap(), Some(d1b));
}

/// A schema-0 record (bare claim JSON) planted under "old".
async fn contract_schema_0(s: &dyn SyncAdapter) {
    let old = s.load("old").await.unwrap().expect("schema 0 is read");
    assert_eq!((old.name.as_str(), old.revision), ("Old claim", 3));
    let snap = s.load_all().await.unwrap();
    assert_eq!(snap.claims, vec![old.clone()]);
    assert!(snap.quarantined.is_empty());
    let saved = s.save(old).await.unwrap();
    assert_eq!(saved.revision, 4);
    assert_eq!(s.load("old").await.unwrap(), Some(saved));
}

const SCHEMA_0: &str = r#"{"id":"old","name":"Old claim","revision":3}"#;

// ------------------------------------------------------------- IndexedDB

#[wasm_bindgen_test]
async fn idb_save_load_and_revisions() {
    let (s, _) = open_idb("idb-basic").await;
    assert_eq!(s.kind(), AdapterKind::IndexedDb);
    contract_save_load_revisions(&s).await;
}

#[wasm_bindgen_test]
async fn idb_stale_save_is_a_conflict_and_writes_nothing() {
    let (s, _) = open_idb("idb-stale").await;
    contract_stale_save_conflicts(&s).await;
}

#[wasm_bindgen_test]
async fn idb_two_tabs_cannot_both_win() {
    let name = unique("idb-tabs");
    let a = IndexedDbStore::open(&name).await.unwrap();
    let b = IndexedDbStore::open(&name).await.unwrap();
    contract_two_tabs(&a, &b).await;
}

#[wasm_bindgen_test]
async fn idb_corrupt_records_are_quarantined_not_dropped() {
    let (s, name) = open_idb("idb-corrupt").await;
    let raw = "{\"schema\":1,\"claim\":{\"id\":\"broken\",\"status\":\"exploded\"";
    idb_plant(&name, indexeddb::CLAIMS, "broken", &JsValue::from_str(raw)).await;
    contract_quarantine(&s, "broken", raw).await;
    // The record was moved inside IndexedDB, as JSON text.
    let q = idb_raw(&name, indexeddb::QUARANTINE, "import:x")
        .await
        .unwrap();
    assert!(
        q.as_string()
            .unwrap()
            .contains("\"reason\":\"not a claim\"")
    );
    assert!(idb_raw(&name, indexeddb::CLAIMS, "broken").await.is_none());

    // A value that is not text at all is quarantined too, described.
    let obj = js_sys::JSON::parse(r#"{"weird":true}"#).unwrap();
    idb_plant(&name, indexeddb::CLAIMS, "object", &obj).await;
    let snap = s.load_all().await.unwrap();
    let q = snap.quarantined.iter().find(|q| q.key == "object").unwrap();
    assert_eq!(q.raw, r#"{"weird":true}"#);
    assert!(q.reason.contains("not text"), "{}", q.reason);
}

/// `storage::heap::keep_headroom` in the real wasm allocator: 100 MB kept
/// in 1 KiB pieces (as decoded claims are) grow the memory a few dozen
/// times; without it the allocator grows it 64 KiB at a time (some 1,600
/// grows). The freed reservation must serve the next allocations, which
/// the native model (`storage_heap`) assumes.
#[wasm_bindgen_test]
fn the_wasm_memory_grows_in_large_steps_while_many_pieces_are_kept() {
    use cpor_desk::storage::heap::keep_headroom;
    let pages = || core::arch::wasm32::memory_size(0);
    let start = pages();
    let mut last = start;
    let mut grows = 0;
    // Tests before this one in the same wasm instance may have grown the
    // memory and freed it again (a 100 MB claim, 10,000 claims): keep as
    // much as the whole memory now, plus 100 MB, so that it must grow.
    let pieces = start * 64 + 100_000;
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(pieces);
    for i in 0..pieces {
        keep_headroom();
        kept.push(vec![i as u8; 1024]);
        if pages() != last {
            grows += 1;
            last = pages();
        }
    }
    assert!(
        pages() > start,
        "the test must outgrow the free memory ({start} pages at the start)"
    );
    assert!(grows <= 60, "{grows} grows from {start} to {last} pages");
    // At most a quarter held back (and what the page held before).
    let kept_pages = (pieces * 1024) / 65_536;
    assert!(
        last <= start + kept_pages * 3 / 2,
        "{start} -> {last} pages"
    );
}

/// `load_all` reads the claims in slices (`storage::slices`): over
/// several slices every claim comes back once, in id order, and a broken
/// record in a later slice is quarantined under its own key (the slice's
/// records are matched to the keys read first).
#[wasm_bindgen_test]
async fn idb_load_reads_every_claim_across_slices_and_quarantines_by_key() {
    use cpor_desk::storage::slices::LOAD_SLICE;
    let (s, name) = open_idb("idb-slices").await;
    let n = 2 * LOAD_SLICE + 500;
    let broken = [LOAD_SLICE + 7, 2 * LOAD_SLICE + 1];
    // Planted in one transaction (one save per claim would take long).
    let db = Factory::new()
        .unwrap()
        .open(&name, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[indexeddb::CLAIMS], TransactionMode::ReadWrite)
        .unwrap();
    let store = tx.object_store(indexeddb::CLAIMS).unwrap();
    for i in 0..n {
        let id = format!("c{i:05}");
        let raw = if broken.contains(&i) {
            format!("not a claim {i}")
        } else {
            encode_claim(&claim(&id))
        };
        store
            .put(&JsValue::from_str(&raw), Some(&JsValue::from_str(&id)))
            .unwrap();
    }
    assert!(tx.await.unwrap().is_committed());
    db.close();

    let snap = s.load_all().await.unwrap();
    let ids: Vec<String> = snap.claims.iter().map(|c| c.id.clone()).collect();
    let expected: Vec<String> = (0..n)
        .filter(|i| !broken.contains(i))
        .map(|i| format!("c{i:05}"))
        .collect();
    assert_eq!(ids, expected);
    let quarantined: Vec<(String, String)> = snap
        .quarantined
        .iter()
        .map(|q| (q.key.clone(), q.raw.clone()))
        .collect();
    assert_eq!(
        quarantined,
        broken.map(|i| (format!("c{i:05}"), format!("not a claim {i}")))
    );
    // Moved: the next load finds them only in the quarantine.
    let again = s.load_all().await.unwrap();
    assert_eq!(again.claims.len(), expected.len());
    assert_eq!(again.quarantined.len(), 2);
}

#[wasm_bindgen_test]
async fn idb_documents_round_trip_as_blobs() {
    let (s, name) = open_idb("idb-docs").await;
    let doc = all_bytes_doc("blob");
    s.put_document(doc.clone()).await.unwrap();
    let raw = idb_raw(&name, indexeddb::DOCUMENTS, "blob").await.unwrap();
    let bytes = Reflect::get(&raw, &"bytes".into()).unwrap();
    if s.keeps_blobs() {
        let blob: &Blob = bytes.dyn_ref::<Blob>().expect("the bytes are a Blob");
        assert_eq!(blob.size() as usize, doc.bytes.len());
        assert_eq!(blob.type_(), "application/pdf");
    } else {
        // This browser refused the Blob (WebKit's ephemeral sessions, as in
        // CI's WebKit run): plain bytes.
        assert!(bytes.is_instance_of::<js_sys::Uint8Array>(), "{bytes:?}");
    }
    let text = |f: &str| Reflect::get(&raw, &f.into()).unwrap().as_string();
    assert_eq!(text("name").as_deref(), Some("bevis för utförande.pdf"));
    assert_eq!(text("mediaType").as_deref(), Some("application/pdf"));
    // Read back through a second connection: byte-exact.
    let other = IndexedDbStore::open(&name).await.unwrap();
    assert_eq!(other.get_document("blob").await.unwrap(), Some(doc));
    s.delete_document("blob").await.unwrap();
    contract_documents(&s).await;
}

// WebKit in a private window (and WebKitGTK's automation sessions) refuses
// a Blob in IndexedDB: as Chromium and Firefox do not, this makes put()
// refuse a record whose bytes are a Blob, as WebKit's put request does.
#[wasm_bindgen(inline_js = "
export function refuse_idb_blobs(on) {
  const proto = IDBObjectStore.prototype;
  if (on && !proto.__cporPut) {
    const put = proto.put;
    proto.__cporPut = put;
    proto.put = function (value, key) {
      if (value && value.bytes instanceof Blob) {
        throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      }
      return put.call(this, value, key);
    };
  } else if (!on && proto.__cporPut) {
    proto.put = proto.__cporPut;
    delete proto.__cporPut;
  }
}")]
extern "C" {
    fn refuse_idb_blobs(on: bool);
}

#[wasm_bindgen_test]
async fn idb_documents_go_in_as_bytes_where_the_browser_refuses_blobs() {
    let (s, name) = open_idb("idb-no-blobs").await;
    let doc = all_bytes_doc("no-blob");
    refuse_idb_blobs(true);
    let put = s.put_document(doc.clone()).await;
    let second = s.put_document(all_bytes_doc("no-blob-2")).await;
    refuse_idb_blobs(false);
    put.expect("stored although the browser refuses Blobs");
    second.unwrap();
    let raw = idb_raw(&name, indexeddb::DOCUMENTS, "no-blob")
        .await
        .unwrap();
    let bytes = Reflect::get(&raw, &"bytes".into()).unwrap();
    assert!(bytes.is_instance_of::<js_sys::Uint8Array>(), "{bytes:?}");
    // Read back through a second connection: byte-exact.
    let other = IndexedDbStore::open(&name).await.unwrap();
    assert_eq!(other.get_document("no-blob").await.unwrap(), Some(doc));
}

#[wasm_bindgen_test]
async fn idb_schema_0_records_are_migrated_on_load() {
    let (s, name) = open_idb("idb-schema0").await;
    idb_plant(
        &name,
        indexeddb::CLAIMS,
        "old",
        &JsValue::from_str(SCHEMA_0),
    )
    .await;
    contract_schema_0(&s).await;
    let raw = idb_raw(&name, indexeddb::CLAIMS, "old").await.unwrap();
    assert!(raw.as_string().unwrap().starts_with(r#"{"schema":1,"#));
}

#[wasm_bindgen_test]
async fn idb_layout_has_the_data_and_sync_stores_and_the_schema_version() {
    let (_s, name) = open_idb("idb-layout").await;
    let db = Factory::new()
        .unwrap()
        .open(&name, None)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(db.version().unwrap(), indexeddb::IDB_VERSION);
    let mut stores = db.store_names();
    stores.sort();
    assert_eq!(
        stores,
        [
            "claims",
            "documents",
            "journal",
            "meta",
            "quarantine",
            "snapshot",
            "sync_bases",
            "sync_checkpoints",
            "sync_conflicts",
            "sync_dirty",
            "sync_files",
            "sync_push_errors"
        ]
    );
    db.close();
    let v = idb_raw(&name, indexeddb::META, "schemaVersion")
        .await
        .unwrap();
    assert_eq!(
        v.as_f64(),
        Some(f64::from(cpor_desk::storage::SCHEMA_VERSION))
    );
}

#[wasm_bindgen_test]
async fn idb_a_database_from_a_newer_version_is_unavailable_and_the_app_falls_back() {
    let name = unique("idb-newer");
    let db = Factory::new()
        .unwrap()
        .open(&name, Some(50))
        .unwrap()
        .await
        .unwrap();
    db.close();
    let err = IndexedDbStore::open(&name).await.unwrap_err();
    assert!(
        matches!(&err, StorageError::Unavailable(m) if m.contains("newer version")),
        "{err:?}"
    );

    // open_browser_store falls back to localStorage and says why.
    let prefix = format!("{}:", unique("fallback"));
    let (store, why) = open_browser_store_with(&name, &prefix, indexeddb::write_later).await;
    assert_eq!(store.kind(), AdapterKind::LocalStorage);
    assert_eq!(why, Some(err));
    let saved = store.save(claim("f")).await.unwrap();
    assert_eq!(
        local_storage()
            .get_item(&format!("{prefix}claim:f"))
            .unwrap(),
        Some(encode_claim(&saved))
    );
    drop(store);
    clear_prefix(&prefix);

    // Without a problem, IndexedDB it is.
    let (store, why) =
        open_browser_store_with(&unique("idb-ok"), &prefix, indexeddb::write_later).await;
    assert_eq!((store.kind(), why), (AdapterKind::IndexedDb, None));
}

#[wasm_bindgen_test]
async fn idb_an_upgrade_in_another_tab_closes_this_connection() {
    let (s, name) = open_idb("idb-upgrade").await;
    let saved = s.save(claim("kept")).await.unwrap();
    // "Another tab" opens a newer layout: not blocked, because this
    // connection closes itself on `versionchange`.
    let newer = Factory::new()
        .unwrap()
        .open(&name, Some(indexeddb::IDB_VERSION + 1))
        .unwrap()
        .await
        .unwrap();
    let err = s.save(saved).await.unwrap_err();
    assert!(
        matches!(&err, StorageError::Unavailable(m) if m.contains("reload")),
        "{err:?}"
    );
    newer.close();
}

#[wasm_bindgen_test]
fn dom_exceptions_map_to_storage_errors() {
    let e = |name: &str| {
        StorageError::from_js(
            &web_sys::DomException::new_with_message_and_name("msg", name).unwrap(),
        )
    };
    assert_eq!(
        e("QuotaExceededError"),
        StorageError::QuotaExceeded("QuotaExceededError: msg".into())
    );
    assert!(matches!(
        e("InvalidStateError"),
        StorageError::Unavailable(_)
    ));
    assert!(matches!(e("VersionError"), StorageError::Unavailable(_)));
    assert!(matches!(e("DataError"), StorageError::Backend(_)));
    let plain = StorageError::from_js(&js_sys::Error::new("boom").into());
    assert_eq!(plain, StorageError::Backend("Error: boom".into()));
    assert_eq!(
        StorageError::from_js(&JsValue::from_str("odd")),
        StorageError::Backend("odd".into())
    );
}

// ---------------------------------------------------------- localStorage

#[wasm_bindgen_test]
async fn local_save_load_and_revisions() {
    let l = Local::new("ls-basic");
    assert_eq!(l.store.kind(), AdapterKind::LocalStorage);
    contract_save_load_revisions(&l.store).await;
    // The stored text is the encode_claim envelope.
    let r = l.store.load("r").await.unwrap().unwrap();
    assert_eq!(l.raw("r"), Some(encode_claim(&r)));
    assert_eq!(
        local_storage()
            .get_item(&format!("{}meta", l.store.prefix()))
            .unwrap()
            .as_deref(),
        Some(r#"{"schemaVersion":1}"#)
    );
}

#[wasm_bindgen_test]
async fn local_stale_save_is_a_conflict_and_writes_nothing() {
    let l = Local::new("ls-stale");
    contract_stale_save_conflicts(&l.store).await;
}

#[wasm_bindgen_test]
async fn local_two_tabs_cannot_both_win() {
    let a = Local::new("ls-tabs");
    let b = LocalStore::new(a.store.prefix()).unwrap();
    contract_two_tabs(&a.store, &b).await;
}

#[wasm_bindgen_test]
async fn local_corrupt_records_are_quarantined_not_dropped() {
    let l = Local::new("ls-corrupt");
    let raw = "{\"schema\":9,\"claim\":{}}";
    l.plant("broken", raw);
    contract_quarantine(&l.store, "broken", raw).await;
    assert_eq!(l.raw("broken"), None);
    let q = local_storage()
        .get_item(&format!("{}quarantine:import:x", l.store.prefix()))
        .unwrap()
        .unwrap();
    assert!(q.contains("\"reason\":\"not a claim\""));
}

#[wasm_bindgen_test]
async fn local_documents_round_trip() {
    let l = Local::new("ls-docs");
    contract_documents(&l.store).await;
    let raw = local_storage()
        .get_item(&format!("{}doc:d1", l.store.prefix()))
        .unwrap()
        .unwrap();
    assert!(raw.contains(r#""bytes":"/wD/""#), "{raw}");
}

#[wasm_bindgen_test]
async fn local_schema_0_records_are_migrated_on_load() {
    let l = Local::new("ls-schema0");
    l.plant("old", SCHEMA_0);
    contract_schema_0(&l.store).await;
    assert!(l.raw("old").unwrap().starts_with(r#"{"schema":1,"#));
}

/// Fills localStorage until even a one-character value is refused; removes
/// the filler when dropped.
struct Filler(Vec<String>);

impl Filler {
    fn fill(tag: &str) -> Filler {
        let ls = local_storage();
        let mut keys = Vec::new();
        let mut size: usize = 8 << 20;
        let mut guard = 0;
        while size > 0 && guard < 500 {
            guard += 1;
            let key = format!("{tag}:filler:{}", keys.len());
            if ls.set_item(&key, &"x".repeat(size)).is_ok() {
                keys.push(key);
            } else {
                size /= 2;
            }
        }
        assert_eq!(size, 0, "localStorage did not fill up");
        Filler(keys)
    }
}

impl Drop for Filler {
    fn drop(&mut self) {
        let ls = local_storage();
        for k in &self.0 {
            let _ = ls.remove_item(k);
        }
    }
}

#[wasm_bindgen_test]
async fn local_quota_errors_are_quota_exceeded_and_keep_the_stored_claim() {
    let l = Local::new("ls-quota");
    let stored = l.store.save(claim("q")).await.unwrap();
    prefs::set("quota-test", &1u32).unwrap();
    let filler = Filler::fill(l.store.prefix());

    // A bigger copy does not fit.
    let bigger = Claim {
        name: "n".repeat(4000),
        ..stored.clone()
    };
    let err = l.store.save(bigger).await.unwrap_err();
    assert!(err.is_quota(), "{err:?}");
    assert!(err.to_string().contains("storage is full"), "{err}");
    assert_eq!(l.store.load("q").await.unwrap(), Some(stored.clone()));
    // A new claim, a document, a preference: the same error.
    assert!(l.store.save(claim("new")).await.unwrap_err().is_quota());
    assert_eq!(l.store.load("new").await.unwrap(), None);
    assert!(
        l.store
            .put_document(all_bytes_doc("d"))
            .await
            .unwrap_err()
            .is_quota()
    );
    assert!(
        prefs::set("quota-test", &"x".repeat(1000))
            .unwrap_err()
            .is_quota()
    );
    assert_eq!(prefs::get::<u32>("quota-test").unwrap(), Some(1));
    // A full storage still opens (read-only in effect).
    let again = LocalStore::new(l.store.prefix()).unwrap();
    assert_eq!(again.load("q").await.unwrap(), Some(stored.clone()));

    drop(filler);
    prefs::remove("quota-test");
    // Space again: the save goes through.
    let saved = l.store.save(stored).await.unwrap();
    assert_eq!(saved.revision, 2);
}

// ---------------------------------------------------- export and import

/// IndexedDB's batched import: each batch is written in one transaction
/// and says what undoes it; the undo of several batches (a Cancel) puts
/// back exactly what was there: claims added are gone, the claim replaced
/// is back at its revision, the document and quarantine record added are
/// gone.
#[wasm_bindgen_test]
async fn idb_import_batches_are_undone_whole() {
    use cpor_desk::storage::import::ImportBatch;
    let (idb, _) = open_idb("batches").await;
    let here = idb.save(valid_claim("c1")).await.unwrap();
    idb.save(valid_claim("other")).await.unwrap();
    let before = idb.load_all().await.unwrap();
    let newer = Claim {
        revision: 7,
        name: "From the file".into(),
        ..here.clone()
    };
    let (first, mut undo) = idb
        .import_batch(ImportBatch {
            claims: vec![newer, valid_claim("n1"), valid_claim("n2")],
            ..ImportBatch::default()
        })
        .await
        .unwrap();
    assert_eq!((first.added, first.updated), (2, 1));
    let (last, last_undo) = idb
        .import_batch(ImportBatch {
            claims: vec![valid_claim("n1"), valid_claim("n3")],
            documents: vec![all_bytes_doc("d1")],
            quarantined: vec![Quarantined {
                key: "import:#9".into(),
                raw: "{".into(),
                reason: "a test".into(),
            }],
        })
        .await
        .unwrap();
    assert_eq!((last.added, last.unchanged, last.documents), (1, 1, 1));
    undo.append(last_undo);
    let after = idb.load_all().await.unwrap();
    assert_eq!(after.claims.len(), 5);
    assert_eq!(after.quarantined.len(), 1);
    assert_eq!(idb.load("c1").await.unwrap().unwrap().revision, 7);

    idb.undo_import(undo).await.unwrap();
    assert_eq!(idb.load_all().await.unwrap(), before);
    assert!(idb.document_ids().await.unwrap().is_empty());
    assert_eq!(idb.load("c1").await.unwrap(), Some(here));
}

#[wasm_bindgen_test]
async fn export_from_indexeddb_imports_into_localstorage_and_back() {
    let (idb, name) = open_idb("xfer").await;
    idb.save(valid_claim("c1")).await.unwrap();
    let c2 = idb.save(valid_claim("c2")).await.unwrap();
    idb.save(c2).await.unwrap();
    idb.put_document(all_bytes_doc("d1")).await.unwrap();
    idb_plant(
        &name,
        indexeddb::CLAIMS,
        "bad",
        &JsValue::from_str("{not json"),
    )
    .await;
    let settings = serde_json::json!({ "locale": "sv" });
    let text = export_all(&idb, DateTime::UNIX_EPOCH, settings.clone())
        .await
        .unwrap();

    let l = Local::new("xfer");
    let (report, got) = import_all(&l.store, &text).await.unwrap();
    assert_eq!(got, settings);
    assert_eq!(
        (report.added, report.documents, report.quarantined),
        (2, 1, 1)
    );
    let from_idb = idb.load_all().await.unwrap();
    let in_local = l.store.load_all().await.unwrap();
    assert_eq!(in_local, from_idb);
    assert_eq!(in_local.quarantined[0].raw, "{not json");
    assert_eq!(
        l.store.get_document("d1").await.unwrap(),
        Some(all_bytes_doc("d1"))
    );
    assert_eq!(l.store.load("c2").await.unwrap().unwrap().revision, 2);

    // And back into a fresh IndexedDB: the same again.
    let back_text = export_all(&l.store, DateTime::UNIX_EPOCH, settings)
        .await
        .unwrap();
    assert_eq!(back_text, text);
    let (back, _) = open_idb("xfer-back").await;
    import_all(&back, &back_text).await.unwrap();
    assert_eq!(back.load_all().await.unwrap(), from_idb);
    assert_eq!(back.document_ids().await.unwrap(), ["d1"]);
    assert_eq!(
        back.get_document("d1").await.unwrap(),
        Some(all_bytes_doc("d1"))
    );
}

// ------------------------------------------------------------------ prefs

#[wasm_bindgen_test]
fn prefs_get_set_remove_and_corrupt_values() {
    let key = unique("pref");
    assert_eq!(prefs::get::<String>(&key).unwrap(), None);
    prefs::set(&key, &vec![1u32, 2, 3]).unwrap();
    assert_eq!(
        local_storage()
            .get_item(&format!("cpor-desk:pref:{key}"))
            .unwrap()
            .as_deref(),
        Some("[1,2,3]")
    );
    assert_eq!(prefs::get::<Vec<u32>>(&key).unwrap(), Some(vec![1, 2, 3]));
    prefs::remove(&key);
    assert_eq!(prefs::get::<Vec<u32>>(&key).unwrap(), None);

    // Not JSON, or not a T: Corrupt, with the key in the message.
    local_storage()
        .set_item(&prefs::storage_key(&key), "{nope")
        .unwrap();
    let err = prefs::get::<Vec<u32>>(&key).unwrap_err();
    assert!(
        matches!(&err, StorageError::Corrupt(m) if m.contains(&key)),
        "{err:?}"
    );
    prefs::set(&key, &"text").unwrap();
    assert!(matches!(
        prefs::get::<u32>(&key),
        Err(StorageError::Corrupt(_))
    ));
    prefs::remove(&key);
}

// ------------------------------------------------------------------ watch

/// A second `BroadcastChannel` on the app's channel: "another tab".
struct OtherTab {
    channel: BroadcastChannel,
    got: Rc<RefCell<Vec<String>>>,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl OtherTab {
    fn new() -> OtherTab {
        let channel = BroadcastChannel::new(watch::CHANNEL).unwrap();
        let got = Rc::new(RefCell::new(Vec::new()));
        let sink = got.clone();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            sink.borrow_mut()
                .push(e.data().as_string().unwrap_or_default());
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        OtherTab {
            channel,
            got,
            _listener: listener,
        }
    }

    fn changes(&self) -> Vec<Change> {
        self.got
            .borrow()
            .iter()
            .map(|t| serde_json::from_str(t).unwrap())
            .collect()
    }

    async fn wait_for(&self, n: usize) -> Vec<Change> {
        until("broadcast messages", || self.got.borrow().len() >= n).await;
        self.changes()
    }

    fn post(&self, text: &str) {
        self.channel.post_message(&JsValue::from_str(text)).unwrap();
    }
}

impl Drop for OtherTab {
    fn drop(&mut self) {
        self.channel.close();
    }
}

#[wasm_bindgen_test]
async fn watch_changes_travel_between_channels_but_not_back_to_the_sender() {
    let other = OtherTab::new();
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    let watcher = watch::subscribe(move |c| sink.borrow_mut().push(c));
    assert!(watcher.is_listening());

    // This tab → the other tab, as tagged JSON.
    watch::notify(&Change::Saved {
        id: "c1".into(),
        revision: 3,
    });
    assert_eq!(
        other.wait_for(1).await,
        [Change::Saved {
            id: "c1".into(),
            revision: 3
        }]
    );
    assert_eq!(
        other.got.borrow()[0],
        r#"{"kind":"saved","id":"c1","revision":3}"#
    );

    // The other tab → this tab; junk is ignored.
    other.post("not a change");
    other.post(r#"{"kind":"deleted","id":"c9"}"#);
    until("the subscriber", || !heard.borrow().is_empty()).await;
    sleep(50).await;
    assert_eq!(*heard.borrow(), [Change::Deleted { id: "c9".into() }]);
    // Our own notify never came back to us.

    // Dropped: no more deliveries.
    drop(watcher);
    other.post(r#"{"kind":"imported"}"#);
    sleep(100).await;
    assert_eq!(heard.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn watch_adapters_and_prefs_notify_after_writes() {
    let other = OtherTab::new();
    let l = Local::new("watch");
    let c = l.store.save(claim("w1")).await.unwrap();
    // A conflict writes nothing and tells nobody.
    assert!(l.store.save(claim("w1")).await.is_err());
    l.store.delete("w1", c.revision).await.unwrap();
    l.store.put_document(all_bytes_doc("wd")).await.unwrap();
    let (idb, _) = open_idb("watch").await;
    let c = idb.save(claim("w2")).await.unwrap();
    idb.delete("w2", c.revision).await.unwrap();
    idb.delete_document("none").await.unwrap();
    let text = export_all(&l.store, DateTime::UNIX_EPOCH, serde_json::Value::Null)
        .await
        .unwrap();
    let (into, _) = open_idb("watch-import").await;
    import_all(&into, &text).await.unwrap();
    let key = unique("watch-pref");
    prefs::set(&key, &true).unwrap();
    prefs::remove(&key);
    assert_eq!(
        other.wait_for(9).await,
        [
            Change::Saved {
                id: "w1".into(),
                revision: 1
            },
            Change::Deleted { id: "w1".into() },
            Change::Documents,
            Change::Saved {
                id: "w2".into(),
                revision: 1
            },
            Change::Deleted { id: "w2".into() },
            Change::Documents,
            // The import: once, at the end (written in one transaction).
            Change::Imported,
            Change::Prefs { key: key.clone() },
            Change::Prefs { key },
        ]
    );
}

fn storage_event(key: Option<&str>, new_value: Option<&str>, area: &web_sys::Storage) {
    let init = StorageEventInit::new();
    init.set_key(key);
    init.set_new_value(new_value);
    init.set_storage_area(Some(area));
    let event = StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn watch_translates_storage_events() {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    let watcher = watch::subscribe_storage(move |c| sink.borrow_mut().push(c));
    assert!(watcher.is_listening());
    let ls = local_storage();
    let saved = encode_claim(&Claim {
        revision: 4,
        ..claim("x")
    });
    storage_event(Some("cpor-desk:claim:x"), Some(&saved), &ls);
    storage_event(Some("cpor-desk:claim:x"), None, &ls);
    storage_event(Some("cpor-desk:doc:d"), Some("{}"), &ls);
    storage_event(Some("cpor-desk:pref:locale"), Some("\"sv\""), &ls);
    storage_event(Some("cpor-desk:quarantine:x"), Some("{}"), &ls);
    storage_event(Some("somebody-else"), Some("1"), &ls);
    storage_event(None, None, &ls);
    // sessionStorage is not ours.
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage_event(Some("cpor-desk:claim:y"), Some(&saved), &session);
    assert_eq!(
        *heard.borrow(),
        [
            Change::Saved {
                id: "x".into(),
                revision: 4
            },
            Change::Deleted { id: "x".into() },
            Change::Documents,
            Change::Prefs {
                key: "locale".into()
            },
            Change::Imported,
        ]
    );
    drop(watcher);
    storage_event(Some("cpor-desk:claim:x"), None, &ls);
    assert_eq!(heard.borrow().len(), 5);
    assert_eq!(
        watch::change_for_storage_key(Some("cpor-desk:claim:z"), Some("garbage")),
        Some(Change::Saved {
            id: "z".into(),
            revision: 0
        })
    );
}

/// Corrupt records of each kind: not JSON, a schema version from the
/// future, a claim without its required id.
const CORRUPT: &[(&str, &str, &str)] = &[
    (
        "bad-json",
        "{\"schema\":1,\"claim\":{\"id\":\"bad-json\"",
        "not JSON",
    ),
    (
        "future",
        "{\"schema\":7,\"claim\":{\"id\":\"future\"}}",
        "newer version",
    ),
    (
        "no-id",
        "{\"schema\":1,\"claim\":{\"name\":\"no id\",\"status\":\"draft\"}}",
        "no id",
    ),
];

#[wasm_bindgen_test]
async fn every_kind_of_corrupt_record_is_quarantined_in_both_stores_and_nothing_else_is_lost() {
    let (idb, name) = open_idb("idb-corrupt-kinds").await;
    let local = Local::new("ls-corrupt-kinds");
    let stores: [(&dyn SyncAdapter, &str); 2] =
        [(&idb, "IndexedDB"), (&local.store, "localStorage")];
    for (store, what) in stores {
        let good = store.save(claim("good")).await.unwrap();
        for (key, raw, _) in CORRUPT {
            if what == "IndexedDB" {
                idb_plant(&name, indexeddb::CLAIMS, key, &JsValue::from_str(raw)).await;
            } else {
                local.plant(key, raw);
            }
        }
        let snap = store.load_all().await.unwrap();
        assert_eq!(snap.claims, vec![good.clone()], "{what}");
        for (key, raw, reason) in CORRUPT {
            let q = snap
                .quarantined
                .iter()
                .find(|q| q.key == *key)
                .unwrap_or_else(|| panic!("{what}: {key} not quarantined: {snap:?}"));
            assert_eq!(q.raw, *raw, "{what}: kept byte for byte");
            assert!(q.reason.contains(reason), "{what}: {key}: {}", q.reason);
        }
        // Loading again changes nothing: the good claim stays, the
        // quarantine keeps all three.
        let again = store.load_all().await.unwrap();
        assert_eq!(again.claims, vec![good], "{what}");
        assert_eq!(again.quarantined.len(), CORRUPT.len(), "{what}");
    }
}

// ------------------------------------------- the load snapshot and journal

/// Every record of the claims store of database `db`, decoded as a load
/// without snapshot decodes it (the records that do not decode left out):
/// the truth a load must give.
async fn claims_store(db: &str) -> Vec<Claim> {
    let db = Factory::new()
        .unwrap()
        .open(db, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[indexeddb::CLAIMS], TransactionMode::ReadOnly)
        .unwrap();
    let values = tx
        .object_store(indexeddb::CLAIMS)
        .unwrap()
        .get_all(None, None)
        .unwrap()
        .await
        .unwrap();
    db.close();
    let mut claims: Vec<Claim> = values
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|t| cpor_desk::storage::migrate_claim_record(&t).ok())
        .collect();
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    claims
}

/// The raw value under the key `key` (any key) of `store` in `db`; with
/// `put`, writes it first (`JsValue::UNDEFINED`: deletes it).
async fn idb_at(db: &str, store: &str, key: &JsValue, put: Option<&JsValue>) -> Option<JsValue> {
    let db = Factory::new()
        .unwrap()
        .open(db, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[store], TransactionMode::ReadWrite)
        .unwrap();
    let object = tx.object_store(store).unwrap();
    match put {
        Some(v) if v.is_undefined() => {
            object.delete(key.clone()).unwrap().await.unwrap();
        }
        Some(v) => {
            object.put(v, Some(key)).unwrap().await.unwrap();
        }
        None => {}
    }
    let value = object.get(key.clone()).unwrap().await.unwrap();
    assert!(tx.await.unwrap().is_committed());
    db.close();
    value
}

/// How many entries the journal of `db` holds.
async fn journal_len(db: &str) -> u32 {
    let db = Factory::new()
        .unwrap()
        .open(db, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[indexeddb::JOURNAL], TransactionMode::ReadOnly)
        .unwrap();
    let n = tx
        .object_store(indexeddb::JOURNAL)
        .unwrap()
        .count(None)
        .unwrap()
        .await
        .unwrap();
    db.close();
    n
}

/// `load_all`, and what it read: "snapshot" (the snapshot and the
/// journaled records) or "records" (every record), from its mark.
async fn load_how(store: &IndexedDbStore) -> (cpor_desk::storage::Snapshot, &'static str) {
    let perf = web_sys::window().unwrap().performance().unwrap();
    for how in ["snapshot", "records"] {
        perf.clear_marks_with_mark_name(&format!("cpor:load-from:{how}"));
    }
    let snap = store.load_all().await.unwrap();
    let how = ["snapshot", "records"]
        .into_iter()
        .find(|how| {
            perf.get_entries_by_name(&format!("cpor:load-from:{how}"))
                .length()
                > 0
        })
        .expect("load_all leaves a cpor:load-from mark");
    (snap, how)
}

/// A load of `store` (a connection to `db`) gives exactly the claims store:
/// ids, revisions, contents, read the way `how` says.
async fn assert_load_is_the_store(store: &IndexedDbStore, db: &str, how: &str, what: &str) {
    let (snap, read) = load_how(store).await;
    assert_eq!(read, how, "{what}: read from");
    let truth = claims_store(db).await;
    assert_eq!(snap.claims.len(), truth.len(), "{what}: how many");
    assert!(
        snap.claims == truth,
        "{what}: the load differs from the claims store"
    );
}

/// Waits (up to 10 s) until the snapshot of `db` has a head (the
/// compaction a load starts and does not wait for).
async fn until_snapshot(db: &str) -> JsValue {
    for _ in 0..200 {
        if let Some(head) = idb_at(
            db,
            indexeddb::SNAPSHOT,
            &JsValue::from_str(indexeddb::HEAD),
            None,
        )
        .await
        {
            return head;
        }
        sleep(50).await;
    }
    panic!("no snapshot was written");
}

/// Saves, deletions, restores, import batches and their undo, and the sync
/// replica's writes, here and in another tab: after each, a load from the
/// snapshot and its journal gives the claims store exactly, in both tabs.
#[wasm_bindgen_test]
async fn idb_snapshot_load_is_the_claims_store_after_every_kind_of_write() {
    use cpor_desk::storage::import::ImportBatch;
    use cpor_desk::storage::slices::LOAD_SLICE;
    use cpor_desk::sync::replica::{LocalReplica, PulledWrite, SyncBase};
    use cpor_desk::sync::rev::{Revisions, new_rev};
    let (a, name) = open_idb("snap-writes").await;
    let b = IndexedDbStore::open(&name).await.unwrap();
    // Over several values of the snapshot.
    let n = LOAD_SLICE + 30;
    // Stored at revision 1, as an export file's claims are.
    let seeded: Vec<Claim> = (0..n)
        .map(|i| Claim {
            revision: 1,
            ..valid_claim(&format!("c{i:05}"))
        })
        .collect();
    a.import_batch(ImportBatch {
        claims: seeded,
        ..ImportBatch::default()
    })
    .await
    .unwrap();
    assert!(a.compact().await.unwrap(), "the snapshot is written");
    assert_eq!(journal_len(&name).await, 0, "its journal entries deleted");
    assert_load_is_the_store(&a, &name, "snapshot", "after the compaction").await;

    // The other tab saves, deletes and restores.
    let c7 = b.load("c00007").await.unwrap().unwrap();
    b.save(Claim {
        name: "Edited in the other tab".into(),
        ..c7
    })
    .await
    .unwrap();
    let c8 = b.load("c00008").await.unwrap().unwrap();
    b.delete("c00008", c8.revision).await.unwrap();
    b.save(valid_claim("c99999")).await.unwrap();
    b.restore(Claim {
        revision: 12,
        ..valid_claim("c00009")
    })
    .await
    .unwrap();
    assert_load_is_the_store(&a, &name, "snapshot", "the other tab's writes").await;
    assert_load_is_the_store(&b, &name, "snapshot", "in the other tab").await;
    assert!(a.load("c00008").await.unwrap().is_none());

    // An import batch, then its undo.
    let (_, undo) = a
        .import_batch(ImportBatch {
            claims: vec![
                valid_claim("n1"),
                Claim {
                    revision: 40,
                    name: "From the file".into(),
                    ..valid_claim("c00010")
                },
            ],
            ..ImportBatch::default()
        })
        .await
        .unwrap();
    assert_load_is_the_store(&a, &name, "snapshot", "an import batch").await;
    assert_eq!(a.load("c00010").await.unwrap().unwrap().revision, 40);
    a.undo_import(undo).await.unwrap();
    assert_load_is_the_store(&b, &name, "snapshot", "its undo").await;
    assert!(b.load("n1").await.unwrap().is_none());

    // The sync replica: a pulled batch (added, updated, deleted), a remote
    // version and a remote deletion.
    let base = |c: &Claim| {
        let rev = new_rev(None, false, &serde_json::json!({ "name": c.name }));
        let mut body = c.clone();
        body.revision = 0;
        SyncBase::confirmed(Revisions::of(&rev), Some(body))
    };
    let pulled = valid_claim("p1");
    let c11 = a.load("c00011").await.unwrap().unwrap();
    let c12 = a.load("c00012").await.unwrap().unwrap();
    let updated = Claim {
        name: "Pulled".into(),
        ..c11.clone()
    };
    a.store_pulled(vec![
        PulledWrite::Apply {
            claim: pulled.clone(),
            base: base(&pulled),
        },
        PulledWrite::Apply {
            claim: updated.clone(),
            base: base(&updated),
        },
        PulledWrite::Delete {
            id: "c00012".into(),
            revision: Some(c12.revision),
            base: base(&c12),
        },
    ])
    .await
    .unwrap();
    assert_load_is_the_store(&b, &name, "snapshot", "a pulled batch").await;
    let c13 = b.load("c00013").await.unwrap().unwrap();
    let remote = Claim {
        name: "Remote".into(),
        ..c13
    };
    b.apply_remote(remote.clone(), base(&remote)).await.unwrap();
    let c14 = b.load("c00014").await.unwrap().unwrap();
    b.delete_local("c00014", Some(c14.revision), base(&c14))
        .await
        .unwrap();
    assert_load_is_the_store(&a, &name, "snapshot", "remote writes").await;
    assert_eq!(
        a.load("c00013").await.unwrap().unwrap().name,
        "Remote".to_string()
    );

    // A compaction now holds all of it, and its journal is empty again.
    assert!(b.compact().await.unwrap());
    assert_eq!(journal_len(&name).await, 0);
    assert_load_is_the_store(&a, &name, "snapshot", "after the second compaction").await;
}

/// A value of another snapshot, a value that is not one, a missing value,
/// a record that does not decode, and records written or deleted without
/// the journal: the load never loses nor brings back a claim.
#[wasm_bindgen_test]
async fn idb_a_stale_or_corrupt_snapshot_never_loses_or_resurrects_a_claim() {
    let (s, name) = open_idb("snap-stale").await;
    for i in 0..6 {
        s.save(valid_claim(&format!("c{i}"))).await.unwrap();
    }
    assert!(s.compact().await.unwrap());
    let slice = JsValue::from(0);
    let old = idb_at(&name, indexeddb::SNAPSHOT, &slice, None)
        .await
        .expect("the snapshot's first value");
    // c3 deleted and c6 added, and a new snapshot written; then the old
    // value is put back under the new head.
    let c3 = s.load("c3").await.unwrap().unwrap();
    s.delete("c3", c3.revision).await.unwrap();
    s.save(valid_claim("c6")).await.unwrap();
    assert!(s.compact().await.unwrap());
    idb_at(&name, indexeddb::SNAPSHOT, &slice, Some(&old)).await;
    assert_load_is_the_store(&s, &name, "records", "a value of another snapshot").await;
    assert!(
        s.load_all()
            .await
            .unwrap()
            .claims
            .iter()
            .all(|c| c.id != "c3")
    );

    // Not a snapshot value at all; then missing.
    for (value, what) in [
        (JsValue::from_str("garbage"), "garbage"),
        (JsValue::UNDEFINED, "missing"),
    ] {
        assert!(s.compact().await.unwrap());
        idb_at(&name, indexeddb::SNAPSHOT, &slice, Some(&value)).await;
        assert_load_is_the_store(&s, &name, "records", what).await;
    }

    // A record of the snapshot that does not decode: the claims store's
    // record is read instead, and nothing goes to the quarantine.
    assert!(s.compact().await.unwrap());
    let value = idb_at(&name, indexeddb::SNAPSHOT, &slice, None)
        .await
        .unwrap();
    let records: js_sys::Array = Reflect::get(&value, &"records".into()).unwrap().into();
    records.set(1, JsValue::from_str("{not json"));
    idb_at(&name, indexeddb::SNAPSHOT, &slice, Some(&value)).await;
    let (snap, how) = load_how(&s).await;
    assert_eq!(how, "snapshot");
    assert_eq!(snap.claims, claims_store(&name).await);
    assert!(snap.quarantined.is_empty());

    // Written and deleted behind the store's back (no journal entry): the
    // number of records differs from the snapshot's, so everything is read.
    assert!(s.compact().await.unwrap());
    idb_plant(
        &name,
        indexeddb::CLAIMS,
        "planted",
        &JsValue::from_str(&encode_claim(&valid_claim("planted"))),
    )
    .await;
    assert_load_is_the_store(&s, &name, "records", "a record planted").await;
    assert!(s.load("planted").await.unwrap().is_some());
    assert!(s.compact().await.unwrap());
    idb_at(
        &name,
        indexeddb::CLAIMS,
        &JsValue::from_str("c1"),
        Some(&JsValue::UNDEFINED),
    )
    .await;
    assert_load_is_the_store(&s, &name, "records", "a record removed").await;
    // The snapshot written after that load holds it too.
    until_snapshot(&name).await;
    assert_load_is_the_store(&s, &name, "snapshot", "the snapshot written after").await;
}

/// A poison record is quarantined as without a snapshot: one the journal
/// names, and one whose snapshot copy does not decode either.
#[wasm_bindgen_test]
async fn idb_a_poison_record_still_goes_to_the_quarantine() {
    let (s, name) = open_idb("snap-poison").await;
    for i in 0..4 {
        s.save(valid_claim(&format!("c{i}"))).await.unwrap();
    }
    assert!(s.compact().await.unwrap());
    let poison = "{\"schema\":1,\"claim\":{\"id\":\"c1\",\"status\":\"exploded\"";
    // Its record replaced, and the journal names it (as a write does).
    idb_plant(&name, indexeddb::CLAIMS, "c1", &JsValue::from_str(poison)).await;
    let db = Factory::new()
        .unwrap()
        .open(&name, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[indexeddb::JOURNAL], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store(indexeddb::JOURNAL)
        .unwrap()
        .add(&JsValue::from_str("c1"), None)
        .unwrap()
        .await
        .unwrap();
    assert!(tx.await.unwrap().is_committed());
    db.close();
    let (snap, how) = load_how(&s).await;
    assert_eq!(how, "snapshot");
    let ids: Vec<&str> = snap.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c0", "c2", "c3"]);
    assert_eq!(snap.quarantined.len(), 1);
    assert_eq!(
        (
            snap.quarantined[0].key.as_str(),
            snap.quarantined[0].raw.as_str()
        ),
        ("c1", poison)
    );
    assert!(
        idb_raw(&name, indexeddb::CLAIMS, "c1").await.is_none(),
        "moved"
    );
    assert_load_is_the_store(&s, &name, "snapshot", "after the move").await;

    // Its record replaced without a journal entry, and its snapshot copy
    // unreadable: the claims store's record is judged, and quarantined.
    assert!(s.compact().await.unwrap());
    idb_plant(&name, indexeddb::CLAIMS, "c2", &JsValue::from_str(poison)).await;
    let slice = JsValue::from(0);
    let value = idb_at(&name, indexeddb::SNAPSHOT, &slice, None)
        .await
        .unwrap();
    let records: js_sys::Array = Reflect::get(&value, &"records".into()).unwrap().into();
    records.set(1, JsValue::from_str("not a claim"));
    idb_at(&name, indexeddb::SNAPSHOT, &slice, Some(&value)).await;
    let (snap, how) = load_how(&s).await;
    assert_eq!(how, "snapshot");
    let ids: Vec<&str> = snap.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c0", "c3"]);
    let q: Vec<&str> = snap.quarantined.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(q, ["c1", "c2"]);
    assert_load_is_the_store(&s, &name, "snapshot", "after the second move").await;
}

/// A database of the layout before the snapshot (version 2) opens, its
/// claims load (every record, the first time), and the snapshot written
/// after that load serves the next.
#[wasm_bindgen_test]
async fn idb_an_old_database_upgrades_and_gets_its_snapshot() {
    use idb::DatabaseEvent;
    let name = unique("snap-upgrade");
    let mut request = Factory::new().unwrap().open(&name, Some(2)).unwrap();
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        for store in [
            "claims",
            "documents",
            "quarantine",
            "meta",
            "sync_bases",
            "sync_conflicts",
            "sync_push_errors",
            "sync_checkpoints",
            "sync_files",
            "sync_dirty",
        ] {
            db.create_object_store(store, idb::ObjectStoreParams::new())
                .unwrap();
        }
    });
    let db = request.await.unwrap();
    let tx = db
        .transaction(&[indexeddb::CLAIMS], TransactionMode::ReadWrite)
        .unwrap();
    let claims = tx.object_store(indexeddb::CLAIMS).unwrap();
    for i in 0..5 {
        let c = Claim {
            revision: 3,
            ..valid_claim(&format!("old{i}"))
        };
        claims
            .put(
                &JsValue::from_str(&encode_claim(&c)),
                Some(&JsValue::from_str(&c.id)),
            )
            .unwrap();
    }
    assert!(tx.await.unwrap().is_committed());
    db.close();

    let s = IndexedDbStore::open(&name).await.unwrap();
    let (snap, how) = load_how(&s).await;
    assert_eq!(how, "records", "no snapshot yet");
    assert_eq!(snap.claims.len(), 5);
    assert_eq!(snap.claims, claims_store(&name).await);
    until_snapshot(&name).await;
    assert_load_is_the_store(&s, &name, "snapshot", "the next load").await;
    let saved = s.save(snap.claims[0].clone()).await.unwrap();
    assert_eq!(saved.revision, 4);
    assert_load_is_the_store(&s, &name, "snapshot", "after a save").await;
}

/// Past the threshold (`journal::compaction_due`), a load writes a new
/// snapshot by itself and the journal is emptied; a write meanwhile keeps
/// its entry.
#[wasm_bindgen_test]
async fn idb_a_grown_journal_is_compacted_after_a_load() {
    use cpor_desk::storage::import::ImportBatch;
    use cpor_desk::storage::journal::COMPACT_MIN;
    let (s, name) = open_idb("snap-grow").await;
    // Enough claims that the journal's entries stay under a quarter of
    // them (`journal::prefer_records`): the load reads the snapshot.
    let seeded: Vec<Claim> = (0..5 * COMPACT_MIN)
        .map(|i| Claim {
            revision: 1,
            ..valid_claim(&format!("s{i:04}"))
        })
        .collect();
    s.import_batch(ImportBatch {
        claims: seeded,
        ..ImportBatch::default()
    })
    .await
    .unwrap();
    assert!(s.compact().await.unwrap());
    for i in 0..=COMPACT_MIN {
        s.save(valid_claim(&format!("c{i:04}"))).await.unwrap();
    }
    assert_eq!(journal_len(&name).await as usize, COMPACT_MIN + 1);
    assert_load_is_the_store(&s, &name, "snapshot", "journal past the threshold").await;
    // The compaction runs after the load returned: a write now is either
    // before it (in the snapshot) or after (its entry kept).
    s.save(valid_claim("meanwhile")).await.unwrap();
    for _ in 0..200 {
        if journal_len(&name).await <= 1 {
            break;
        }
        sleep(50).await;
    }
    assert!(journal_len(&name).await <= 1, "compacted");
    assert_load_is_the_store(&s, &name, "snapshot", "after the compaction").await;
}

thread_local! {
    /// The compactions [`dropped`] was handed.
    static DROPPED: Cell<u32> = const { Cell::new(0) };
}

/// A [`indexeddb::Compactor`] that writes nothing: as the app's does when
/// the snapshot's chunk cannot be fetched.
fn dropped(_: indexeddb::Compaction) {
    DROPPED.with(|n| n.set(n.get() + 1));
}

/// A partner's first start: no snapshot and no claims, so nothing to
/// write (and the app fetches no writer chunk); the first load with a
/// claim hands one over.
#[wasm_bindgen_test]
async fn idb_an_empty_new_store_hands_over_no_compaction() {
    let name = unique("snap-empty");
    let s = IndexedDbStore::open_with(&name, dropped).await.unwrap();
    let handed = || DROPPED.with(Cell::get);
    let before = handed();
    assert_load_is_the_store(&s, &name, "records", "an empty store").await;
    assert_load_is_the_store(&s, &name, "records", "again").await;
    assert_eq!(handed(), before, "nothing to write, nothing handed over");
    s.save(valid_claim("e1")).await.unwrap();
    assert_load_is_the_store(&s, &name, "records", "with a claim").await;
    assert_eq!(handed(), before + 1, "a compaction handed over");
}

/// A store whose compactor drops what it is handed (the app's, when the
/// snapshot's chunk did not load) loses nothing: each load reads every
/// record and is the claims store, and hands over a compaction again; a
/// store whose compactor writes then writes the snapshot, and loads from
/// it.
#[wasm_bindgen_test]
async fn idb_a_compaction_not_written_loses_nothing() {
    let name = unique("snap-dropped");
    let s = IndexedDbStore::open_with(&name, dropped).await.unwrap();
    let handed = || DROPPED.with(Cell::get);
    for i in 0..5 {
        s.save(valid_claim(&format!("d{i}"))).await.unwrap();
    }
    let before = handed();
    assert_load_is_the_store(&s, &name, "records", "no snapshot").await;
    assert_eq!(handed(), before + 1, "a compaction handed over");
    let c1 = s.load("d1").await.unwrap().unwrap();
    s.save(c1).await.unwrap();
    s.delete("d2", 1).await.unwrap();
    s.save(valid_claim("d9")).await.unwrap();
    assert_load_is_the_store(&s, &name, "records", "after writes, still no snapshot").await;
    assert_eq!(handed(), before + 2, "handed over again");
    let head = idb_at(
        &name,
        indexeddb::SNAPSHOT,
        &JsValue::from_str(indexeddb::HEAD),
        None,
    )
    .await;
    assert!(head.is_none(), "nothing written");
    assert_eq!(journal_len(&name).await, 8, "every write journaled");

    let t = IndexedDbStore::open(&name).await.unwrap();
    assert_load_is_the_store(&t, &name, "records", "the writing store's first load").await;
    until_snapshot(&name).await;
    assert_load_is_the_store(&t, &name, "snapshot", "then from the snapshot").await;
    assert_load_is_the_store(&s, &name, "snapshot", "in the other connection too").await;
    assert_eq!(handed(), before + 2, "nothing handed over: none due");
}
