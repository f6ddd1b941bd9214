//! Hostile text (script tags, an onerror image, right-to-left and zero-width
//! characters, very long strings) in every text field of a claim is shown as
//! text on every screen and stored intact; typed into a form it is stored
//! byte for byte.

use std::rc::Rc;

use crate::support::*;
use cpor_desk::domain::claim::{
    Claim, Comment, Contact, DocumentRef, PartnerOrgRef, ProductLine, Status,
};
use cpor_desk::domain::dashboard::sample_claims;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::storage::SyncAdapter;
use cpor_desk::storage::memory::MemoryStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

const SCRIPT: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
const RTL: &str = "invoice\u{202E}fdp.exe";
const ZERO_WIDTH: &str = "zero\u{200B}width\u{200D}join\u{FEFF}er";

fn long() -> String {
    "Ünïcødé ✓ ".repeat(1000)
}

fn pwned() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"__pwned".into())
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

fn hostile_claim() -> Claim {
    let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap();
    let org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    // The second sample claim is Submitted (on the review desk).
    let mut c = sample_claims(2, &org, now.fixed_offset()).remove(1);
    assert_eq!(c.status, Status::Submitted);
    c.id = "hostile".into();
    c.name = SCRIPT.into();
    c.customer_name = RTL.into();
    c.products = vec![ProductLine::new("teams")];
    c.customer_contact = Contact {
        name: ZERO_WIDTH.into(),
        email: "anna@contoso.com".into(),
        phone: Some(SCRIPT.into()),
    };
    c.partner_contact = Contact {
        name: long(),
        email: "ada@northwind.example".into(),
        phone: None,
    };
    c.comments.push(Comment {
        at: now,
        actor: Actor::partner("northwind", UserRole::IncentivesAdmin, "Ada Lindqvist"),
        text: format!("{SCRIPT}{RTL}{ZERO_WIDTH}"),
        note: None,
    });
    c.documents.push(DocumentRef {
        id: "hostile-doc".into(),
        name: format!("{SCRIPT}.pdf"),
        kind: "png".into(),
        size: 10,
        comment: RTL.into(),
        ..DocumentRef::default()
    });
    c
}

fn no_injected_elements(root: &Element) {
    assert!(
        root.query_selector("img[src=x]").unwrap().is_none(),
        "an <img> was injected"
    );
    let scripts = root.query_selector_all("script").unwrap().length();
    assert_eq!(scripts, 0, "a <script> was injected");
    assert!(!pwned(), "hostile script ran");
}

#[wasm_bindgen_test]
async fn hostile_text_is_shown_as_text_on_every_screen() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let store = Rc::new(MemoryStore::default());
    let original = hostile_claim();
    let mut approved = original.clone();
    approved.id = "hostile-approved".into();
    approved.status = Status::Approved;
    let mut entry = approved.history.last().unwrap().clone();
    entry.from = Some(Status::Submitted);
    entry.to = Some(Status::Approved);
    entry.action = cpor_desk::domain::claim::Action::Approved;
    entry.actor = Actor::reviewer("Microsoft reviewer");
    approved.history.push(entry);
    store.restore(original.clone()).await.unwrap();
    store.restore(approved).await.unwrap();
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/claims").await;
    wait_for(&root, "the dashboard", 5000, |r| text(r).contains(RTL)).await;
    let t = text(&root);
    assert!(t.contains(SCRIPT), "the name as text on the dashboard");
    no_injected_elements(&root);

    for hash in ["#/claims/hostile", "#/review", "#/inbox"] {
        web_sys::window()
            .unwrap()
            .location()
            .set_hash(hash)
            .unwrap();
        sleep(50).await;
        settle().await;
        wait_for(&root, hash, 5000, |r| text(r).contains(SCRIPT)).await;
        no_injected_elements(&root);
        if hash == "#/claims/hostile" {
            let t = text(&root);
            for s in [
                RTL,
                ZERO_WIDTH,
                long().as_str(),
                format!("{SCRIPT}.pdf").as_str(),
            ] {
                assert!(
                    t.contains(s),
                    "{hash}: {:?} not shown as text",
                    &s[..s.len().min(30)]
                );
            }
        }
    }
    // Stored as it was.
    let stored = store.load("hostile").await.unwrap().unwrap();
    assert!(stored == original, "the stored claim changed");
}

#[wasm_bindgen_test]
async fn hostile_text_typed_into_a_comment_is_stored_byte_for_byte() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let store = Rc::new(MemoryStore::default());
    let mut c = hostile_claim();
    c.comments.clear();
    store.restore(c).await.unwrap();
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let _app = mount_app(&root, adapter, "#/claims/hostile").await;
    wait_for(&root, "the claim page", 5000, |r| {
        text(r).contains("Add a comment")
    })
    .await;
    let typed = format!("{SCRIPT} {RTL} {ZERO_WIDTH} {}", long());
    let area: web_sys::HtmlTextAreaElement = by_label(&root, "Add a comment").unchecked_into();
    area.set_value(&typed);
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    click(&button(&root, "Add comment")).await;
    wait_for(&root, "the comment", 5000, |r| {
        r.query_selector(".comment-text").unwrap().is_some()
    })
    .await;
    let shown = root
        .query_selector(".comment-text")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(shown, typed);
    no_injected_elements(&root);
    let stored = store.load("hostile").await.unwrap().unwrap();
    assert_eq!(stored.comments.last().unwrap().text, typed);
}
