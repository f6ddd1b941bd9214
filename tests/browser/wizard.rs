//! The claim wizard in headless Chromium: steps, findings as the user leaves
//! a field and on Continue, the subscription step only when needed, disabled
//! and warned products, the autosaved draft, and Create claim.

use std::rc::Rc;

use crate::support::*;
use cpor_desk::app::state::keys;
use cpor_desk::domain::claim::{Claim, PartnerOrgRef, ProductLine, Status};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::domain::wizard::{Step, WizardDraft};
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{SyncAdapter, prefs};
use wasm_bindgen_test::*;

fn step_title(root: &web_sys::Element) -> String {
    heading(root, "#step-title")
}

#[wasm_bindgen_test]
async fn a_contoso_claim_goes_from_the_first_step_to_create_claim() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let store = Rc::new(MemoryStore::default());
    let root = wrapper();
    let _app = mount_app(&root, store.clone(), "#/new").await;
    assert_eq!(step_title(&root), "Solution area and partner role");

    // Continue with nothing chosen: the step's findings, and no progress.
    click(&button(&root, "Continue")).await;
    assert_eq!(codes(&root, "w-area-findings"), ["solution_area.required"]);
    assert_eq!(codes(&root, "w-role-findings"), ["partner_role.required"]);
    assert_eq!(step_title(&root), "Solution area and partner role");

    choose(&select(&root, "Solution area"), "business_applications").await;
    choose(&select(&root, "Partner role"), "build_intent_advisor").await;
    assert!(codes(&root, "w-area-findings").is_empty());
    click(&button(&root, "Continue")).await;
    assert_eq!(step_title(&root), "Partner location");

    // A location not enrolled in incentives: a warning, which does not block.
    choose(&select(&root, "Partner location (MPN ID)"), "4312790").await;
    assert_eq!(codes(&root, "w-location-findings"), ["mpn.not_enrolled"]);
    click(&button(&root, "Continue")).await;
    assert_eq!(step_title(&root), "Customer");

    // Domain and tenant are checked against each other when the user leaves the field.
    type_into(&input(&root, "Customer domain"), "Contoso.com").await;
    assert!(codes(&root, "w-domain-findings").is_empty());
    type_into(&input(&root, "Tenant ID"), FABRIKAM).await;
    assert_eq!(codes(&root, "w-domain-findings"), ["domain.mismatch"]);
    // The code is for support (attribute and tooltip), not in the sentence.
    let mismatch = root
        .query_selector("#w-domain-findings li")
        .unwrap()
        .unwrap();
    assert!(
        !text(&mismatch).contains("domain.mismatch"),
        "{}",
        text(&mismatch)
    );
    assert!(text(&mismatch).contains("belongs to a different tenant"));
    assert_eq!(
        mismatch.get_attribute("title").as_deref(),
        Some("domain.mismatch")
    );
    assert_eq!(
        input(&root, "Customer organisation name").value(),
        "Contoso Ltd",
        "pre-filled from the directory"
    );
    click(&button(&root, "Continue")).await;
    assert_eq!(step_title(&root), "Customer", "an error blocks Continue");
    click(&button(&root, "Use this tenant ID")).await;
    assert_eq!(input(&root, "Tenant ID").value(), CONTOSO);
    assert!(codes(&root, "w-domain-findings").is_empty());
    click(&button(&root, "Continue")).await;
    assert_eq!(step_title(&root), "Products");

    // Power BI is listed but explains DPOR and blocks.
    check(&input(&root, "Power BI"), true).await;
    click(&button(&root, "Continue")).await;
    assert!(all_codes(&root).contains(&"product.power_bi_dpor".to_string()));
    assert_eq!(step_title(&root), "Products");
    check(&input(&root, "Power BI"), false).await;
    check(&input(&root, "Dynamics 365 Sales"), true).await;
    // Contoso has exactly one Dynamics 365 Sales subscription: it is
    // implied, and the subscription step is skipped.
    assert!(
        text(&root).contains("The customer has one subscription of this product"),
        "{}",
        text(&root)
    );
    click(&button(&root, "Continue")).await;
    assert_eq!(
        step_title(&root),
        "Contacts and claim name",
        "no subscription step when the directory implies the subscription"
    );

    type_into(&input(&root, "Customer contact email"), "anna@contoso").await;
    assert_eq!(codes(&root, "w-cc-email-findings"), ["email.format"]);
    type_into(&input(&root, "Customer contact name"), "Anna Svensson").await;
    type_into(&input(&root, "Customer contact email"), "anna@contoso.com").await;
    type_into(&input(&root, "Partner contact name"), "Ada Lindqvist").await;
    type_into(
        &input(&root, "Partner contact email"),
        "ada@northwind.example",
    )
    .await;
    type_into(&input(&root, "Claim name"), &"x".repeat(101)).await;
    assert_eq!(codes(&root, "w-name-findings"), ["claim_name.too_long"]);
    type_into(&input(&root, "Claim name"), "Contoso Sales rollout").await;
    click(&button(&root, "Continue")).await;
    assert_eq!(step_title(&root), "Review");
    assert!(
        all_codes(&root).contains(&"mpn.not_enrolled".to_string()),
        "warnings are listed on the review page"
    );
    // Back and Create claim side by side, as Back and Continue are.
    let create = button(&root, "Create claim");
    let back = button(&root, "Back");
    assert_eq!(create.parent_element(), back.parent_element());
    assert_eq!(create.offset_top(), back.offset_top(), "one row");

    // Open warnings are shown for confirmation before the claim is created.
    click(&button(&root, "Create claim")).await;
    assert!(
        root.query_selector("[role='alertdialog'] [data-code='mpn.not_enrolled']")
            .unwrap()
            .is_some(),
        "the warnings are listed in the confirmation"
    );
    assert!(store.load_all().await.unwrap().claims.is_empty());
    click(&button(&root, "Create the claim anyway")).await;
    let snap = store.load_all().await.unwrap();
    assert_eq!(snap.claims.len(), 1);
    let claim = &snap.claims[0];
    assert_eq!(claim.status, Status::Draft);
    assert_eq!(claim.tenant_id, CONTOSO);
    assert_eq!(
        claim.customer_domain, CONTOSO_DOMAIN,
        "stored in canonical form"
    );
    assert_eq!(claim.partner_org.id, "northwind");
    assert_eq!(claim.products, vec![ProductLine::new("d365_sales")]);
    assert_eq!(claim.revision, 1);
    assert_eq!(
        window().location().hash().unwrap(),
        format!("#/claims/{}", claim.id),
        "the new claim opens"
    );
    assert_eq!(
        prefs::get::<WizardDraft>(keys::WIZARD_DRAFT).unwrap(),
        None,
        "the draft is cleared once the claim exists"
    );
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_reload() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesUser);
    let store: Rc<dyn SyncAdapter> = Rc::new(MemoryStore::default());
    let root = wrapper();
    let app = mount_app(&root, store.clone(), "#/new").await;
    choose(&select(&root, "Solution area"), "modern_work_security").await;
    choose(&select(&root, "Partner role"), "use_or_consume").await;
    click(&button(&root, "Continue")).await;
    choose(&select(&root, "Partner location (MPN ID)"), "4312785").await;
    click(&button(&root, "Continue")).await;
    type_into(&input(&root, "Customer domain"), FABRIKAM_DOMAIN).await;
    drop(app);
    root.set_inner_html("");

    // A new page load: the same step and values come back.
    let root = wrapper();
    let _app = mount_app(&root, store, "#/new").await;
    assert_eq!(step_title(&root), "Customer");
    assert_eq!(input(&root, "Customer domain").value(), FABRIKAM_DOMAIN);
    let draft = prefs::get::<WizardDraft>(keys::WIZARD_DRAFT)
        .unwrap()
        .unwrap();
    assert_eq!(draft.step, Some(Step::Customer));
    assert_eq!(draft.claim.partner_location, "4312785");
}

fn held(id: &str, org: &str, product: &str) -> Claim {
    Claim {
        id: id.into(),
        name: format!("{org} {product}"),
        solution_area: Some("modern_work_security".into()),
        partner_role: Some("use_or_consume".into()),
        partner_org: PartnerOrgRef {
            id: org.into(),
            name: org.into(),
        },
        tenant_id: CONTOSO.into(),
        products: vec![ProductLine::new(product)],
        status: Status::Submitted,
        revision: 1,
        ..Claim::default()
    }
}

#[wasm_bindgen_test]
async fn held_products_are_disabled_competing_ones_warn_and_mw_skips_subscriptions() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::GlobalAdmin);
    let store = Rc::new(MemoryStore::default());
    store
        .restore(held("own", "northwind", "teams"))
        .await
        .unwrap();
    store
        .restore(held("other", "adatum", "intune"))
        .await
        .unwrap();
    let draft = WizardDraft {
        step: Some(Step::Products),
        claim: Claim {
            solution_area: Some("modern_work_security".into()),
            partner_role: Some("use_or_consume".into()),
            partner_location: "4312785".into(),
            customer_domain: CONTOSO_DOMAIN.into(),
            tenant_id: CONTOSO.into(),
            customer_name: "Contoso".into(),
            ..Claim::default()
        },
        ..WizardDraft::default()
    };
    prefs::set(keys::WIZARD_DRAFT, &draft).unwrap();
    let root = wrapper();
    let _app = mount_app(&root, store, "#/new").await;
    assert_eq!(step_title(&root), "Products");

    let teams = input(&root, "Microsoft Teams");
    assert!(
        teams.disabled(),
        "already associated with the own organisation"
    );
    let intune = input(&root, "Microsoft Intune");
    assert!(!intune.disabled());
    let page = text(&root);
    assert!(page.contains("Your organisation is already associated with this customer"));
    assert!(page.contains("this is a competing claim and the review will take longer"));
    check(&intune, true).await;
    click(&button(&root, "Continue")).await;
    assert_eq!(
        step_title(&root),
        "Contacts and claim name",
        "a competing claim is allowed"
    );
    let steps = heading(&root, "ol.steps");
    assert!(
        !steps.contains("Subscriptions"),
        "no subscription step for Modern Work: {steps}"
    );
}

#[wasm_bindgen_test]
async fn a_view_only_role_cannot_start_a_claim() {
    reset_browser();
    sign_in("adatum", "Tom Baker", UserRole::AccountAdmin);
    let root = wrapper();
    let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/new").await;
    assert!(text(&root).contains("Your role may only view claims"));
    assert!(try_button(&root, "Continue").is_none());
}

#[wasm_bindgen_test]
async fn the_language_is_switched_and_remembered() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let store: Rc<dyn SyncAdapter> = Rc::new(MemoryStore::default());
    let root = wrapper();
    let app = mount_app(&root, store.clone(), "#/new").await;
    let switch: web_sys::HtmlSelectElement = root
        .query_selector(".language-switch select")
        .unwrap()
        .unwrap()
        .dyn_into_select();
    choose(&switch, "sv").await;
    assert_eq!(step_title(&root), "Lösningsområde och partnerroll");
    assert!(try_button(&root, "Fortsätt").is_some());
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("sv")
    );
    drop(app);
    root.set_inner_html("");
    let root = wrapper();
    let _app = mount_app(&root, store, "#/claims").await;
    assert!(
        text(&root).contains("Dina anspråk"),
        "remembered after a reload"
    );
}

#[wasm_bindgen_test]
async fn the_revenue_note_and_the_location_filter_fit_the_choice() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let root = wrapper();
    let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/new").await;
    let note = "Do not pick “Influenced revenue recognition – Non-incentivized”";
    choose(&select(&root, "Solution area"), "business_applications").await;
    assert!(
        text(&root).contains(note),
        "Business Applications offers it"
    );
    choose(&select(&root, "Solution area"), "modern_work_security").await;
    assert!(
        !text(&root).contains(note),
        "Modern Work has no revenue association"
    );
    choose(&select(&root, "Partner role"), "use_or_consume").await;
    click(&button(&root, "Continue")).await;

    // The location's name is said once, and "not enrolled" once.
    let location = select(&root, "Partner location (MPN ID)");
    let finland = all(&root, "#w-location option")
        .into_iter()
        .find(|o| o.get_attribute("value").as_deref() == Some("4312790"))
        .unwrap();
    assert_eq!(
        text(&finland),
        "4312790 – Northwind Traders Finland (FI) – not enrolled"
    );
    choose(&location, "4312790").await;
    // "Only enrolled" hides it, and it is no longer chosen.
    check(
        &input(&root, "Show only locations enrolled in incentives"),
        true,
    )
    .await;
    let values: Vec<String> = all(&root, "#w-location option")
        .into_iter()
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    assert_eq!(values, ["", "4312785", "4312786"]);
    assert_eq!(location.value(), "");
    let draft = prefs::get::<WizardDraft>(keys::WIZARD_DRAFT)
        .unwrap()
        .unwrap();
    assert_eq!(draft.claim.partner_location, "");
}

trait IntoSelect {
    fn dyn_into_select(self) -> web_sys::HtmlSelectElement;
}

impl IntoSelect for web_sys::Element {
    fn dyn_into_select(self) -> web_sys::HtmlSelectElement {
        use wasm_bindgen::JsCast;
        self.unchecked_into()
    }
}

use leptos::prelude::{document, window};

#[wasm_bindgen_test]
async fn a_pasted_address_shows_the_domain_used_and_the_filled_in_name_follows_it() {
    reset_browser();
    sign_in("northwind", "Ada Lindqvist", UserRole::IncentivesAdmin);
    let draft = WizardDraft {
        step: Some(Step::Customer),
        claim: Claim {
            solution_area: Some("modern_work_security".into()),
            partner_role: Some("use_or_consume".into()),
            partner_location: "4312785".into(),
            ..Claim::default()
        },
        ..WizardDraft::default()
    };
    prefs::set(keys::WIZARD_DRAFT, &draft).unwrap();
    let root = wrapper();
    let _app = mount_app(&root, Rc::new(MemoryStore::default()), "#/new").await;
    assert_eq!(step_title(&root), "Customer");

    // Fabrikam's domain: the directory's name is filled in.
    type_into(&input(&root, "Customer domain"), FABRIKAM_DOMAIN).await;
    assert_eq!(
        input(&root, "Customer organisation name").value(),
        "Fabrikam, Inc."
    );
    // A pasted web address: the domain that will be claimed is shown, and
    // the registered domain the directory knows is one click away.
    type_into(&input(&root, "Customer domain"), "https://www.contoso.com/").await;
    assert!(
        text(&root).contains("The claim will be for the domain: www.contoso.com"),
        "{}",
        text(&root)
    );
    assert!(
        input(&root, "Customer organisation name")
            .value()
            .is_empty(),
        "the filled-in name does not outlive its domain"
    );
    click(&button(&root, "Use contoso.com")).await;
    assert_eq!(input(&root, "Customer domain").value(), CONTOSO_DOMAIN);
    assert_eq!(
        input(&root, "Customer organisation name").value(),
        "Contoso Ltd",
        "the name follows the corrected domain"
    );
    // A braced, upper-case tenant ID: the stored form is shown.
    type_into(
        &input(&root, "Tenant ID"),
        &format!("{{{}}}", CONTOSO.to_uppercase()),
    )
    .await;
    assert!(
        text(&root).contains(&format!("The tenant ID will be stored as: {CONTOSO}")),
        "{}",
        text(&root)
    );
}
