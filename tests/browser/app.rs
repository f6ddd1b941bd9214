//! App components in headless Chromium: mount, type, assert on the DOM.
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use cpor_desk::app::components::quick_check::QuickCheck;
use cpor_desk::domain::finding::Locale;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn wrapper() -> Element {
    let doc = document();
    let w = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&w).unwrap();
    w
}

/// The input whose `<label>` reads `text` (found by label, as a user would).
fn input_by_label(root: &Element, text: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let label: Element = labels.item(i).unwrap().unchecked_into();
        if label.text_content().unwrap_or_default().trim() == text {
            let id = label.get_attribute("for").expect("label has for=");
            return root
                .query_selector(&format!("#{id}"))
                .unwrap()
                .unwrap()
                .unchecked_into();
        }
    }
    panic!("no label {text:?}");
}

async fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    tick().await;
}

fn codes(root: &Element, list_id: &str) -> Vec<String> {
    let items = root.query_selector_all(&format!("#{list_id} li")).unwrap();
    (0..items.length())
        .map(|i| {
            let li: Element = items.item(i).unwrap().unchecked_into();
            li.get_attribute("data-code").unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn quick_check_shows_findings_as_the_user_types() {
    let root = wrapper();
    let _handle = mount_to(root.clone().unchecked_into(), || {
        view! { <QuickCheck locale=Signal::stored(Locale::En) /> }
    });
    let domain = input_by_label(&root, "Customer domain");
    let tenant = input_by_label(&root, "Tenant ID");
    assert!(
        codes(&root, "qc-domain-findings").is_empty(),
        "nothing before typing"
    );

    type_into(&domain, "contoso").await;
    assert_eq!(codes(&root, "qc-domain-findings"), ["domain.format"]);
    let text = root
        .query_selector("#qc-domain-findings li")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        text.starts_with("Error: "),
        "severity is written, not only coloured: {text}"
    );

    type_into(&domain, "https://CONTOSO.com/x").await;
    type_into(&tenant, "3bfdf9e3-cae4-48d3-8989-4d798e8ba108").await;
    assert_eq!(
        codes(&root, "qc-domain-findings"),
        ["domain.url", "domain.mismatch"]
    );

    type_into(&tenant, "{1D38BBEA-E8D8-407C-9C74-BEE089C92C07}").await;
    assert_eq!(codes(&root, "qc-domain-findings"), ["domain.url"]);
    // A warning alone does not mark the field invalid.
    assert_eq!(
        domain.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    let canonical = root
        .query_selector("[data-testid=canonical-tenant]")
        .unwrap()
        .unwrap();
    assert_eq!(
        canonical.text_content().unwrap(),
        "1d38bbea-e8d8-407c-9c74-bee089c92c07"
    );

    type_into(&tenant, "00000000-0000-0000-0000-000000000000").await;
    assert_eq!(codes(&root, "qc-tenant-findings"), ["tenant.nil"]);
}
