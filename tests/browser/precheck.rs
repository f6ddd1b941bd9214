//! The PoE pre-check in headless Chromium: PDF and DOCX extraction compiled
//! to WebAssembly on real fixture files, the claim page showing verdicts,
//! evidence and the summary (in-thread runner), a worker that cannot load
//! (a clear message, no hang), and the template button.
//!
//! The real worker (`dist/poe-worker_loader.js`) is exercised end to end in
//! `tests/e2e/precheck.test.mjs`.

use std::rc::Rc;

use crate::support::*;
use chrono::{DateTime, Utc};
use cpor_desk::app::precheck::{InlineRunner, PrecheckRunner, WorkerRunner};
use cpor_desk::domain::claim::{Claim, Contact, DocumentRef, PartnerOrgRef, ProductLine};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::extract::extract_kind;
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{StoredDocument, SyncAdapter};
use wasm_bindgen_test::*;
use web_sys::Element;

const DEFICIENT_PDF: &[u8] = include_bytes!("../fixtures/poe/deficient-en.pdf");
const COMPLETE_PDF: &[u8] = include_bytes!("../fixtures/poe/sow-complete-en.pdf");
const COMPLETE_SV_DOCX: &[u8] = include_bytes!("../fixtures/poe/sow-complete-sv.docx");
const ENCRYPTED_PDF: &[u8] = include_bytes!("../fixtures/poe/encrypted-en.pdf");
const SCANNED_PDF: &[u8] = include_bytes!("../fixtures/poe/scanned-en.pdf");

fn now_utc() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A Northwind draft for Contoso (Dynamics 365 Sales) with `docs` (id,
/// name, kind), created a week ago.
fn claim(docs: &[(&str, &str, &str)]) -> Claim {
    Claim {
        id: "c-precheck".into(),
        name: "Contoso Sales rollout".into(),
        solution_area: Some("business_applications".into()),
        partner_role: Some("build_intent_advisor".into()),
        partner_org: PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        },
        partner_location: "4312785".into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: CONTOSO_DOMAIN.into(),
        tenant_id: CONTOSO.into(),
        products: vec![ProductLine::new("d365_sales")],
        customer_contact: Contact {
            name: "Anna Svensson".into(),
            email: "anna@contoso.com".into(),
            phone: None,
        },
        partner_contact: Contact {
            name: "Ada Lindqvist".into(),
            email: "ada@northwind.example".into(),
            phone: None,
        },
        documents: docs
            .iter()
            .map(|(id, name, kind)| DocumentRef {
                id: (*id).into(),
                name: (*name).into(),
                kind: (*kind).into(),
                size: 1,
                added_at: Some(now_utc()),
                ..DocumentRef::default()
            })
            .collect(),
        revision: 1,
        created_at: Some(now_utc() - chrono::Duration::days(7)),
        ..Claim::default()
    }
}

struct Page {
    root: Element,
    _handle: Handle,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// The claim page of `claim` with the documents' bytes stored.
async fn open(claim: Claim, files: &[(&str, &[u8])], runner: Rc<dyn PrecheckRunner>) -> Page {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let store = Rc::new(MemoryStore::default());
    store.restore(claim.clone()).await.unwrap();
    for (id, bytes) in files {
        store
            .put_document(StoredDocument {
                id: (*id).into(),
                name: format!("{id}.bin"),
                media_type: "application/octet-stream".into(),
                bytes: bytes.to_vec(),
            })
            .await
            .unwrap();
    }
    let root = wrapper();
    let handle = mount_app_with(&root, store, &format!("#/claims/{}", claim.id), runner).await;
    Page {
        root,
        _handle: handle,
    }
}

/// The verdict words shown for each item of the document `doc` (in order).
fn verdicts(root: &Element, doc_name: &str) -> Vec<(String, String)> {
    let fieldsets = root.query_selector_all("fieldset.checklist-doc").unwrap();
    for i in 0..fieldsets.length() {
        let fs: Element = wasm_bindgen::JsCast::unchecked_into(fieldsets.item(i).unwrap());
        let legend = fs
            .query_selector("legend")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        if legend.trim() != doc_name {
            continue;
        }
        let rows = fs.query_selector_all(".check").unwrap();
        return (0..rows.length())
            .map(|j| {
                let row: Element = wasm_bindgen::JsCast::unchecked_into(rows.item(j).unwrap());
                let item = row
                    .query_selector("input")
                    .unwrap()
                    .unwrap()
                    .get_attribute("data-item")
                    .unwrap();
                let verdict = row
                    .query_selector(".verdict")
                    .unwrap()
                    .map(|v| v.text_content().unwrap().trim().to_string())
                    .unwrap_or_default();
                (item, verdict)
            })
            .collect();
    }
    panic!("no checklist for {doc_name}: {}", text(root));
}

fn summary(root: &Element) -> String {
    root.query_selector("[data-testid=precheck-summary]")
        .unwrap()
        .map(|s| s.text_content().unwrap())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn pdf_and_docx_extraction_runs_in_webassembly() {
    let pdf = extract_kind("pdf", COMPLETE_PDF).unwrap();
    assert!(pdf.pages >= 2, "{}", pdf.pages);
    assert!(pdf.text.contains("Northwind Traders"), "{}", pdf.text);
    let docx = extract_kind("docx", COMPLETE_SV_DOCX).unwrap();
    assert!(docx.text.contains("Contoso AB"), "{}", docx.text);
    assert_eq!(
        extract_kind("pdf", ENCRYPTED_PDF).unwrap_err().code(),
        "encrypted"
    );
    assert!(!extract_kind("pdf", SCANNED_PDF).unwrap().has_text());
}

#[wasm_bindgen_test]
async fn a_deficient_pdf_shows_what_is_missing_and_what_a_reviewer_would_ask() {
    let c = claim(&[("d1", "kick-off-notes.pdf", "pdf")]);
    let page = open(c, &[("d1", DEFICIENT_PDF)], Rc::new(InlineRunner)).await;
    let root = &page.root;
    wait_for(root, "the pre-check is done", 5000, |r| {
        text(r).contains("Pre-checked in your browser")
    })
    .await;
    assert_eq!(
        verdicts(root, "kick-off-notes.pdf"),
        [
            ("acknowledgement".to_string(), "Not found".to_string()),
            ("products".into(), "Not found".into()),
            ("activities".into(), "Unsure".into()),
            ("names".into(), "Found".into()),
            ("dates".into(), "Not found".into()),
        ]
    );
    let page_text = text(root);
    // Evidence: what is missing, and the old date with its age.
    assert!(
        page_text.contains("missing: Dynamics 365 Sales"),
        "{page_text}"
    );
    assert!(page_text.contains("2023-11-14"), "{page_text}");
    let s = summary(root);
    for reason in [
        "Missing customer acknowledgement",
        "Missing or old dates",
        "Missing partner solution/service",
        "Missing products",
    ] {
        assert!(s.contains(reason), "{reason} not in {s}");
    }
    // The same reasons next to "Submit claim".
    let hint = root
        .query_selector(".precheck-hint")
        .unwrap()
        .expect("a pre-check hint next to Submit claim")
        .text_content()
        .unwrap();
    assert!(
        hint.starts_with(
            "Pre-check: a reviewer would likely ask for: Missing customer acknowledgement"
        ),
        "{hint}"
    );
    // The partner's tick overrides the pre-check in the summary.
    let ack = page
        .root
        .query_selector("fieldset.checklist-doc input[data-item=acknowledgement]")
        .unwrap()
        .unwrap();
    check(wasm_bindgen::JsCast::unchecked_ref(&ack), true).await;
    wait_for(root, "the tick counts", 3000, |r| {
        !summary(r).contains("Missing customer acknowledgement")
    })
    .await;
    assert!(summary(root).contains("Ticked by you"));
    // Swedish: the verdicts and the evidence notes follow the language.
    let switch = root
        .query_selector(".language-switch select")
        .unwrap()
        .unwrap();
    choose(wasm_bindgen::JsCast::unchecked_ref(&switch), "sv").await;
    wait_for(root, "Swedish", 3000, |r| text(r).contains("Hittades inte")).await;
    let t = text(root);
    assert!(t.contains("saknas: Dynamics 365 Sales"), "{t}");
    assert!(
        t.contains("senaste datum 2023-11-14 är äldre än 12 månader"),
        "{t}"
    );
}

#[wasm_bindgen_test]
async fn complete_swedish_docx_and_unreadable_files() {
    reset_browser();
    let c = claim(&[
        ("d1", "uppdrag.docx", "docx"),
        ("d2", "locked.pdf", "pdf"),
        ("d3", "scan.pdf", "pdf"),
        ("d4", "photo.png", "png"),
    ]);
    let page = open(
        c,
        &[
            ("d1", COMPLETE_SV_DOCX),
            ("d2", ENCRYPTED_PDF),
            ("d3", SCANNED_PDF),
            ("d4", b"\x89PNG\r\n\x1a\n"),
        ],
        Rc::new(InlineRunner),
    )
    .await;
    let root = &page.root;
    wait_for(root, "every document is checked", 8000, |r| {
        !text(r).contains("Checking the document") && text(r).contains("password-protected")
    })
    .await;
    assert!(
        verdicts(root, "uppdrag.docx")
            .iter()
            .all(|(_, v)| v == "Found"),
        "{:?}",
        verdicts(root, "uppdrag.docx")
    );
    let t = text(root);
    assert!(t.contains("This PDF is password-protected"), "{t}");
    assert!(
        t.contains("No text found in this document (a scanned image?)"),
        "{t}"
    );
    assert!(t.contains("This is a picture"), "{t}");
    assert!(
        summary(root).contains("3 documents could not be pre-checked"),
        "{}",
        summary(root)
    );
    assert!(
        summary(root).contains("Every checklist item is met"),
        "{}",
        summary(root)
    );
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_load_is_reported_not_waited_for() {
    let c = claim(&[("d1", "sow.pdf", "pdf")]);
    let runner = Rc::new(WorkerRunner::new("no-such-worker.js"));
    let page = open(c, &[("d1", COMPLETE_PDF)], runner.clone()).await;
    wait_for(&page.root, "the failure is shown", 8000, |r| {
        text(r).contains("The pre-check stopped on this document")
    })
    .await;
    // The template needs the worker too: its failure is shown, not thrown.
    click(&button(&page.root, "Download PoE template")).await;
    wait_for(&page.root, "the template failure is shown", 8000, |r| {
        text(r).contains("The template could not be made")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_reader_error_is_behind_a_technical_details_toggle() {
    // A PDF whose cross-reference table and objects are missing.
    let damaged: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog";
    let c = claim(&[("d1", "broken.pdf", "pdf")]);
    let page = open(c, &[("d1", damaged)], Rc::new(InlineRunner)).await;
    let root = &page.root;
    wait_for(root, "the damaged file is reported", 8000, |r| {
        text(r).contains("The file looks damaged or incomplete")
    })
    .await;
    // The sentence is the translated one alone; the reader's own words are
    // in a closed "Technical details" toggle.
    let sentence = root
        .query_selector(".precheck-unread")
        .unwrap()
        .expect("the outcome sentence");
    assert_eq!(
        text(&sentence).trim(),
        "The file looks damaged or incomplete, so it cannot be pre-checked. \
         Check that it opens, and upload it again."
    );
    let details = root
        .query_selector("details.technical-details")
        .unwrap()
        .expect("a technical details toggle");
    assert!(!details.has_attribute("open"), "closed until asked for");
    let summary = details.query_selector("summary").unwrap().unwrap();
    assert_eq!(text(&summary).trim(), "Technical details (for support)");
    let detail = details.query_selector("code").unwrap().unwrap();
    assert!(!text(&detail).trim().is_empty());
}
