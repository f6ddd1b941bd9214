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

#[wasm_bindgen_test]
async fn settings_choose_the_holiday_calendar_and_the_support_link() {
    use cpor_desk::app::state::{Settings, keys};
    use cpor_desk::storage::memory::MemoryStore;
    use cpor_desk::storage::prefs;
    use std::rc::Rc;

    reset_browser();
    sign_in(
        "northwind",
        "Ada Lindqvist",
        cpor_desk::domain::roles::UserRole::IncentivesAdmin,
    );
    let root = wrapper();
    let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/settings").await;
    let saved = || {
        prefs::get::<Settings>(keys::SETTINGS)
            .unwrap()
            .unwrap_or_default()
    };

    // The calendar of business days: the policy's (US) until Sweden is chosen.
    let calendar = select(&root, "Holiday calendar");
    assert_eq!(calendar.value(), "us");
    choose(&calendar, "se").await;
    assert_eq!(saved().calendar_id.as_deref(), Some("se"));
    assert!(text(&root).contains("Midsummer Eve"), "{}", text(&root));

    // The support link: Partner Center support unless another web address
    // is given; anything else is refused and not saved.
    let link = input(&root, "Support link");
    assert_eq!(link.value(), "https://partner.microsoft.com/support");
    enter(&link, "javascript:alert(1)").await;
    link.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(text(&root).contains("Enter a full web address"));
    assert_eq!(saved().support_url, "https://partner.microsoft.com/support");
    enter(&link, "https://help.northwind.example/cpor").await;
    link.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(saved().support_url, "https://help.northwind.example/cpor");
}
