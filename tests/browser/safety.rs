//! Nothing is lost: a change that meets a newer stored revision (another tab
//! or user) or a full storage is kept and offered again, never written over
//! the other change; unreadable records are quarantined and shown.

use std::rc::Rc;

use crate::support::*;
use cpor_desk::domain::claim::{Claim, PartnerOrgRef};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{StorageError, SyncAdapter};
use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

async fn store_with_claim() -> (Rc<MemoryStore>, Claim) {
    let store = Rc::new(MemoryStore::default());
    let claim = Claim {
        id: "c1".into(),
        name: "Safe claim".into(),
        partner_org: PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        },
        created_at: chrono::DateTime::from_timestamp(1_790_000_000, 0),
        ..Claim::default()
    };
    let saved = store.save(claim).await.unwrap();
    (store, saved)
}

/// Ada (Northwind, incentives admin) signed in, the stored claim `c1` and
/// the whole app open on its page: the set-up of most tests here.
async fn on_the_claim_page() -> (Rc<MemoryStore>, Claim, web_sys::Element, Handle) {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let (store, rev1) = store_with_claim().await;
    let root = wrapper();
    let app = mount_app(&root, store.clone(), "#/claims/c1").await;
    (store, rev1, root, app)
}

async fn comment(root: &web_sys::Element, text: &str) {
    let ta: web_sys::HtmlTextAreaElement = by_label(root, "Add a comment").unchecked_into();
    ta.set_value(text);
    ta.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    click(&button(root, "Add comment")).await;
}

fn alert_text() -> String {
    document()
        .query_selector(".banner.pending")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_change_that_meets_a_newer_revision_is_kept_and_reapplied_on_top() {
    let (store, rev1, root, _app) = on_the_claim_page().await;

    // Another tab renames the claim (this tab is not told).
    let rev2 = store
        .save(Claim {
            name: "Renamed elsewhere".into(),
            ..rev1
        })
        .await
        .unwrap();
    assert_eq!(rev2.revision, 2);

    comment(&root, "My note").await;
    let alert = alert_text();
    assert!(alert.contains("changed in another tab"), "{alert}");
    let stored = store.load("c1").await.unwrap().unwrap();
    assert_eq!(stored, rev2, "the other change is not overwritten");

    click(&button(
        &root,
        "Load the latest version and apply my change again",
    ))
    .await;
    let stored = store.load("c1").await.unwrap().unwrap();
    assert_eq!(stored.revision, 3);
    assert_eq!(stored.name, "Renamed elsewhere");
    assert_eq!(
        stored
            .comments
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["My note"],
        "both changes are kept"
    );
    assert!(alert_text().is_empty(), "the banner is gone");
}

#[wasm_bindgen_test]
async fn a_claim_the_sync_worker_hands_over_during_an_edit_still_meets_the_conflict_check() {
    use cpor_desk::storage::encode_claim;
    use cpor_desk::storage::watch::{Stored, deliver_stored};
    let (store, rev1, root, _app) = on_the_claim_page().await;
    wait_for(&root, "Edit is offered", 10_000, |r| {
        !buttons(r, "Edit").is_empty()
    })
    .await;
    button(&root, "Edit").click();
    wait_for(&root, "the form", 5_000, |r| {
        r.query_selector(".edit-form").ok().flatten().is_some()
    })
    .await;
    let form = root.query_selector(".edit-form").unwrap().unwrap();
    let name: web_sys::HtmlInputElement = by_label(&form, "Claim name").unchecked_into();
    enter(&name, "My name").await;

    // Meanwhile the sync worker stores a colleague's rename and hands the
    // stored record to this tab.
    let rev2 = store
        .save(Claim {
            name: "Renamed by a colleague".into(),
            ..rev1
        })
        .await
        .unwrap();
    deliver_stored(Stored {
        ids: vec![rev2.id.clone()],
        revisions: vec![rev2.revision],
        records: vec![encode_claim(&rev2).into()],
    });
    sleep(700).await;

    button(&form, "Save changes").click();
    wait_for(&root, "the conflict", 5_000, |_| {
        alert_text().contains("changed in another tab")
    })
    .await;
    let stored = store.load("c1").await.unwrap().unwrap();
    assert_eq!(stored, rev2, "the colleague's change is not overwritten");
}

#[wasm_bindgen_test]
async fn a_full_storage_keeps_the_change_until_it_can_be_saved() {
    let (store, rev1, root, _app) = on_the_claim_page().await;

    store.fail_writes(Some(StorageError::QuotaExceeded("test quota".into())));
    comment(&root, "Kept while full").await;
    let alert = alert_text();
    assert!(alert.contains("storage is full"), "{alert}");
    assert_eq!(store.load("c1").await.unwrap().unwrap(), rev1);

    store.fail_writes(None);
    click(&button(&root, "Try again")).await;
    let stored = store.load("c1").await.unwrap().unwrap();
    assert_eq!(stored.revision, 2);
    assert_eq!(stored.comments[0].text, "Kept while full");
}

#[wasm_bindgen_test]
async fn unreadable_records_are_quarantined_shown_and_kept() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let (store, _) = store_with_claim().await;
    store.insert_raw(
        "broken",
        "{\"schema\":1,\"claim\":{\"id\":\"broken\",\"status\":\"??\"}}",
    );
    let root = wrapper();
    let app = mount_app(&root, store.clone(), "#/settings").await;
    let page = text(&root);
    assert!(page.contains("Quarantined records"), "{page}");
    assert!(page.contains("broken"), "{page}");
    assert!(page.contains("not a claim"), "the reason is shown: {page}");
    drop(app);
    root.set_inner_html("");

    // The readable claim is still there, and the broken record too.
    let root = wrapper();
    let _app = mount_app(&root, store.clone(), "#/claims").await;
    assert!(text(&root).contains("Safe claim"));
    let snap = store.load_all().await.unwrap();
    assert_eq!(snap.quarantined.len(), 1);
    assert!(snap.quarantined[0].raw.contains("\"??\""));
}

#[wasm_bindgen_test]
async fn a_document_that_cannot_be_stored_is_reported_at_the_top() {
    // WebKit refused a document's bytes ("Error preparing Blob/File data"):
    // the picker says "see the message at the top of the page", so that
    // message must be there, with the file and the storage error.
    let (store, rev1, root, _app) = on_the_claim_page().await;
    wait_for(&root, "the picker", 10_000, |r| {
        r.query_selector("input[type=file]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let picker: web_sys::HtmlInputElement = by_label(&root, "Add PoE document").unchecked_into();

    store.fail_writes(Some(StorageError::Backend(
        "Error preparing Blob/File data".into(),
    )));
    pick_file(&picker, "sow.pdf", b"%PDF-1.7\nSigned by Carl Customer\n").await;
    wait_for(&root, "the note next to the picker", 10_000, |r| {
        text(r).contains("see the message at the top of the page")
    })
    .await;
    let top = document()
        .query_selector(".banner.error[role=alert]")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert!(
        top.contains("sow.pdf was not added")
            && top.contains("Saving failed (Error preparing Blob/File data)"),
        "the message at the top: {top:?}"
    );
    assert_eq!(store.load("c1").await.unwrap().unwrap(), rev1);

    // Once storage works again, the same file is added.
    store.fail_writes(None);
    pick_file(&picker, "sow.pdf", b"%PDF-1.7\nSigned by Carl Customer\n").await;
    let mut documents = Vec::new();
    for _ in 0..250 {
        documents = store.load("c1").await.unwrap().unwrap().documents;
        if !documents.is_empty() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(
        documents
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>(),
        ["sow.pdf"]
    );
}
