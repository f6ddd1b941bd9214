//! App components in headless Chromium: mount, type, assert on the DOM.

use cpor_desk::app::components::quick_check::QuickCheck;
use cpor_desk::domain::finding::Locale;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::*;

#[wasm_bindgen_test]
async fn quick_check_shows_findings_as_the_user_types() {
    let root = wrapper();
    let _handle = mount_to(root.clone().unchecked_into(), || {
        view! { <QuickCheck locale=Signal::stored(Locale::En) /> }
    });
    let domain = input(&root, "Customer domain");
    let tenant = input(&root, "Tenant ID");
    assert!(
        codes(&root, "qc-domain-findings").is_empty(),
        "nothing before typing"
    );

    enter(&domain, "contoso").await;
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

    enter(&domain, "https://CONTOSO.com/x").await;
    enter(&tenant, FABRIKAM).await;
    assert_eq!(
        codes(&root, "qc-domain-findings"),
        ["domain.url", "domain.mismatch"]
    );

    enter(&tenant, &format!("{{{}}}", CONTOSO.to_uppercase())).await;
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
    assert_eq!(canonical.text_content().unwrap(), CONTOSO);

    enter(&tenant, "00000000-0000-0000-0000-000000000000").await;
    assert_eq!(codes(&root, "qc-tenant-findings"), ["tenant.nil"]);
}
