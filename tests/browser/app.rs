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

mod shell {
    use std::rc::Rc;

    use cpor_desk::app::state::{Settings, keys};
    use cpor_desk::domain::roles::UserRole;
    use cpor_desk::storage::memory::MemoryStore;
    use cpor_desk::storage::prefs;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::Element;

    use crate::support::*;

    fn current_page(root: &Element) -> Vec<String> {
        all(root, "nav a[aria-current=page]")
            .into_iter()
            .map(|a| text(&a).trim().to_string())
            .collect()
    }

    #[wasm_bindgen_test]
    async fn the_profile_page_is_marked_current_until_a_profile_is_chosen() {
        reset_browser();
        let root = wrapper();
        let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/claims").await;
        wait_for(&root, "the profile page", 3000, |r| {
            try_button(r, "Use this profile").is_some()
        })
        .await;
        assert_eq!(current_page(&root), ["Profile"]);
    }

    #[wasm_bindgen_test]
    async fn the_menu_button_folds_the_navigation_and_help_is_linked() {
        reset_browser();
        sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
        let root = wrapper();
        let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/claims").await;
        let menu = root.query_selector(".menu-button").unwrap().unwrap();
        assert_eq!(
            menu.get_attribute("aria-controls").as_deref(),
            Some("main-nav")
        );
        assert_eq!(
            menu.get_attribute("aria-expanded").as_deref(),
            Some("false")
        );
        click(menu.unchecked_ref()).await;
        assert_eq!(menu.get_attribute("aria-expanded").as_deref(), Some("true"));
        let nav = root.query_selector("#main-nav").unwrap().unwrap();
        assert!(nav.class_list().contains("open"));
        let help = all(&nav, "a")
            .into_iter()
            .find(|a| text(a).trim() == "Help")
            .expect("Help in the header's navigation");
        assert_eq!(help.get_attribute("href").as_deref(), Some("#/help"));
        click(help.unchecked_ref()).await;
        wait_for(&root, "the help page", 3000, |r| {
            r.query_selector("#help-process").unwrap().is_some()
        })
        .await;
        assert_eq!(
            menu.get_attribute("aria-expanded").as_deref(),
            Some("false"),
            "closed again"
        );
        assert_eq!(current_page(&root), ["Help"]);
    }

    #[wasm_bindgen_test]
    async fn help_explains_the_process_with_the_deadlines_of_the_policy_in_use() {
        reset_browser();
        let root = wrapper();
        let app = mount_app(&root, Rc::new(MemoryStore::default()), "#/help").await;
        let ids: Vec<String> = all(&root, ".help-section")
            .into_iter()
            .filter_map(|s| s.get_attribute("id"))
            .collect();
        assert_eq!(
            ids,
            [
                "help-what-is-cpor",
                "help-process",
                "help-good-poe",
                "help-your-data"
            ]
        );
        let process = text(&root.query_selector("#help-process").unwrap().unwrap());
        for expected in [
            "Microsoft starts the review within 5 business days.",
            "You have 5 business days to answer",
            "deny consent within 7 days",
            "dispute the decision once, within 30 days",
        ] {
            assert!(process.contains(expected), "{expected:?} in {process}");
        }
        let poe = text(&root.query_selector("#help-good-poe").unwrap().unwrap());
        assert!(
            poe.contains("Customer signature or proof of customer acknowledgement"),
            "{poe}"
        );
        assert!(
            poe.contains("more than 12 months before the claim"),
            "{poe}"
        );
        drop(app);
        root.set_inner_html("");

        // The newer policy: other numbers, no consent period.
        prefs::set(
            keys::SETTINGS,
            &Settings {
                policy_id: "published-2024".into(),
                ..Settings::default()
            },
        )
        .unwrap();
        let root = wrapper();
        let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/help").await;
        let process = text(&root.query_selector("#help-process").unwrap().unwrap());
        assert!(process.contains("within 14 business days"), "{process}");
        assert!(
            process.contains("sent for incentive evaluation at once"),
            "{process}"
        );
        assert!(
            !process.contains("starts the review within 5 business days"),
            "{process}"
        );
    }
}
