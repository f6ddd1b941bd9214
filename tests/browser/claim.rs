//! The claim page, the review desk and the customer inbox in headless
//! Chromium: claims are planted in a `MemoryStore`, the app is mounted on a
//! `#/...` route, and the tests act as a user would (buttons and inputs found
//! by their text and labels) and check the DOM and the store.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use cpor_desk::app::App;
use cpor_desk::app::state::{Profile, keys};
use cpor_desk::domain::claim::{
    Action, Claim, Contact, DocumentRef, HistoryEntry, InfoReason, PartnerOrgRef, ProductLine,
    RejectReason, Status,
};
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{SyncAdapter, prefs};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::support::*;

// --- fixtures ---------------------------------------------------------------

fn now_utc() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn days_ago(n: i64) -> DateTime<Utc> {
    now_utc() - chrono::Duration::days(n)
}

fn org_name(org: &str) -> &'static str {
    match org {
        "adatum" => "Adatum Consulting",
        _ => "Northwind Traders",
    }
}

fn partner_actor(org: &str) -> Actor {
    Actor::partner(org, UserRole::IncentivesUser, "Ada Lindqvist")
}

/// A complete Modern Work and Security claim (Contoso, Teams) of `org`.
fn claim(id: &str, name: &str, org: &str) -> Claim {
    Claim {
        id: id.into(),
        name: name.into(),
        solution_area: Some("modern_work_security".into()),
        partner_role: Some("use_or_consume".into()),
        partner_org: PartnerOrgRef {
            id: org.into(),
            name: org_name(org).into(),
        },
        partner_location: if org == "adatum" {
            "5520113"
        } else {
            "4312785"
        }
        .into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: CONTOSO_DOMAIN.into(),
        tenant_id: CONTOSO.into(),
        products: vec![ProductLine::new("teams")],
        customer_contact: Contact {
            name: "Carl Customer".into(),
            email: "carl@contoso.com".into(),
            phone: None,
        },
        partner_contact: Contact {
            name: "Ada Partner".into(),
            email: "ada@northwind.example.com".into(),
            phone: None,
        },
        revision: 1,
        created_at: Some(days_ago(3)),
        history: vec![entry(
            days_ago(3),
            partner_actor(org),
            Action::Created { copied_from: None },
            None,
            Status::Draft,
        )],
        ..Claim::default()
    }
}

fn entry(
    at: DateTime<Utc>,
    actor: Actor,
    action: Action,
    from: Option<Status>,
    to: Status,
) -> HistoryEntry {
    HistoryEntry {
        at,
        actor,
        action,
        from,
        to: Some(to),
        changes: vec![],
    }
}

fn with_pdf(mut c: Claim) -> Claim {
    c.documents.push(DocumentRef {
        id: format!("{}-poe", c.id),
        name: "statement-of-work.pdf".into(),
        size: 2048,
        kind: "pdf".into(),
        added_at: Some(days_ago(3)),
        ..DocumentRef::default()
    });
    c
}

/// `c` moved along the usual path up to `to` (history entries included).
fn advanced(mut c: Claim, to: Status) -> Claim {
    let org = c.partner_org.id.clone();
    let reviewer = Actor::reviewer("Microsoft reviewer");
    let steps: &[(Status, Status, Action, bool)] = &[
        (Status::Draft, Status::Submitted, Action::Submitted, false),
        (
            Status::Submitted,
            Status::UnderReview,
            Action::ReviewStarted,
            true,
        ),
        (
            Status::UnderReview,
            Status::Approved,
            Action::Approved,
            true,
        ),
    ];
    let mut day = 2;
    for (from, next, action, by_reviewer) in steps {
        if c.status == to {
            break;
        }
        let actor = if *by_reviewer {
            reviewer.clone()
        } else {
            partner_actor(&org)
        };
        let at = if *next == to {
            now_utc() - chrono::Duration::hours(1)
        } else {
            days_ago(day)
        };
        c.history
            .push(entry(at, actor, action.clone(), Some(*from), *next));
        c.status = *next;
        day -= 1;
    }
    c
}

fn profile(org: &str, role: UserRole) -> Profile {
    Profile {
        org_id: org.into(),
        user: "Ada Lindqvist".into(),
        role,
    }
}

// --- harness ----------------------------------------------------------------

struct Mounted {
    root: Element,
    store: Rc<MemoryStore>,
    _handle: Handle,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Clears preferences, sets `profile`, plants `claims`, opens `hash` and mounts the app.
async fn open(hash: &str, profile: Option<Profile>, claims: Vec<Claim>) -> Mounted {
    open_with(hash, profile, claims, || {}).await
}

/// [`open`], with `prefs` run after the preferences were cleared (to set
/// more of them before the app starts).
async fn open_with(
    hash: &str,
    profile: Option<Profile>,
    claims: Vec<Claim>,
    more_prefs: impl FnOnce(),
) -> Mounted {
    reset_browser();
    prefs::set(keys::LOCALE, &cpor_desk::domain::finding::Locale::En).unwrap();
    more_prefs();
    if let Some(p) = profile {
        sign_in(&p.org_id, &p.user, p.role);
    }
    let store = Rc::new(MemoryStore::default());
    for c in claims {
        store.restore(c).await.unwrap();
    }
    window().location().set_hash(hash).unwrap();
    // Let `hashchange` fire before the app mounts, so it does not re-render
    // the page under the test's feet.
    sleep(30).await;
    let root = wrapper();
    let adapter: Rc<dyn SyncAdapter> = store.clone();
    let handle = mount(&root, move || {
        view! { <App store=adapter.clone() /> }.into_any()
    });
    let m = Mounted {
        root,
        store,
        _handle: handle,
    };
    wait_until(&m, "the app has loaded", |r| {
        r.query_selector(".loading").ok().flatten().is_none()
    })
    .await;
    m
}

/// Waits (up to ~3 s) until `cond` holds on the mounted root.
async fn wait_until(m: &Mounted, what: &str, cond: impl Fn(&Element) -> bool) {
    wait_for(&m.root, what, 3000, cond).await;
}

async fn stored(m: &Mounted, id: &str) -> Claim {
    m.store.load(id).await.unwrap().expect("claim is stored")
}

async fn wait_for_status(m: &Mounted, id: &str, status: Status) -> Claim {
    for _ in 0..150 {
        tick().await;
        let c = stored(m, id).await;
        if c.status == status {
            return c;
        }
        sleep(20).await;
    }
    panic!(
        "claim {id} never reached {status:?}; page: {}",
        text(&m.root)
    );
}

/// The control whose `<label>` reads `label`, if any.
fn control_by_label(root: &Element, label: &str) -> Option<HtmlElement> {
    try_by_label(root, label).map(JsCast::unchecked_into)
}

/// The finding codes listed in the element `control` points at with `aria-describedby`.
fn described_codes(control: &Element) -> Vec<String> {
    let ids = control
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    ids.split_whitespace()
        .filter_map(|id| document().get_element_by_id(id))
        .flat_map(|list| all(&list, "li[data-code]"))
        .filter_map(|li| li.get_attribute("data-code"))
        .collect()
}

/// Presses "Create a new claim from this one" and waits until the copy (in
/// Editing) opens.
async fn copy_and_open(m: &Mounted) {
    button(&m.root, "Create a new claim from this one").click();
    wait_until(m, "the copy opens", |r| {
        r.query_selector(".claim-head .status-badge")
            .ok()
            .flatten()
            .and_then(|b| b.text_content())
            .as_deref()
            == Some("Editing")
    })
    .await;
}

/// The review-desk or inbox entry whose heading names `name`.
fn article(root: &Element, name: &str) -> Element {
    all(root, "article")
        .into_iter()
        .find(|a| {
            a.query_selector("h3")
                .ok()
                .flatten()
                .and_then(|h| h.text_content())
                .is_some_and(|t| t.contains(name))
        })
        .unwrap_or_else(|| panic!("no entry for {name:?} in: {}", text(root)))
}

// --- the claim page ---------------------------------------------------------

#[wasm_bindgen_test]
async fn claim_page_shows_details_status_diagram_and_deadline() {
    let c = advanced(
        with_pdf(claim("c-details", "Contoso Teams rollout", "northwind")),
        Status::Submitted,
    );
    let m = open(
        "#/claims/c-details",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the claim is shown", |r| {
        text(r).contains("Contoso Teams rollout")
    })
    .await;
    let page = text(&m.root);
    for expected in [
        "Contoso Ltd",
        CONTOSO_DOMAIN,
        CONTOSO,
        "Microsoft Teams",
        "Carl Customer <carl@contoso.com>",
        "Ada Partner",
        "4312785 (Northwind Traders Sweden)",
        "statement-of-work.pdf",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in {page}");
    }
    // Status badge and the diagram's current step.
    let badge = m
        .root
        .query_selector(".claim-head .status-badge")
        .unwrap()
        .unwrap();
    assert_eq!(badge.text_content().unwrap(), "Submitted");
    let current = all(&m.root, "[aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(
        current[0].get_attribute("data-status").as_deref(),
        Some("submitted")
    );
    // Every status is in the diagram.
    assert_eq!(all(&m.root, ".status-diagram .step").len(), 9);
    // The open deadline of the timeline.
    let deadline = m
        .root
        .query_selector(".deadline")
        .unwrap()
        .expect("a deadline");
    let dtext = deadline.text_content().unwrap();
    assert!(dtext.contains("Review starts"), "{dtext}");
    assert!(
        dtext.contains("business days left") || dtext.contains("business day left"),
        "{dtext}"
    );
    // Past events with actor and from → to.
    assert!(page.contains("Editing → Submitted"), "{page}");
}

#[wasm_bindgen_test]
async fn unknown_claim_says_it_is_not_in_this_browser() {
    let m = open(
        "#/claims/nope-42",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![],
    )
    .await;
    wait_until(&m, "the message shows", |r| {
        text(r).contains("Claim not found in this browser")
    })
    .await;
    assert!(text(&m.root).contains("nope-42"));
}

#[wasm_bindgen_test]
async fn submit_without_poe_shows_poe_required_and_stays_editing() {
    let m = open(
        "#/claims/c-draft",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![claim("c-draft", "Draft without PoE", "northwind")],
    )
    .await;
    wait_until(&m, "Submit claim is offered", |r| {
        !buttons(r, "Submit claim").is_empty()
    })
    .await;
    let submit = button(&m.root, "Submit claim");
    submit.click();
    wait_until(&m, "findings are listed", |_| {
        !described_codes(&submit).is_empty()
    })
    .await;
    assert!(
        described_codes(&submit).contains(&"poe.required".to_string()),
        "{:?}",
        described_codes(&submit)
    );
    let badge = m
        .root
        .query_selector(".claim-head .status-badge")
        .unwrap()
        .unwrap();
    assert_eq!(badge.text_content().unwrap(), "Editing");
    assert_eq!(stored(&m, "c-draft").await.status, Status::Draft);
}

#[wasm_bindgen_test]
async fn after_submission_only_editable_fields_are_offered_and_history_shows_the_change() {
    let c = advanced(
        with_pdf(claim("c-edit", "Submitted claim", "northwind")),
        Status::Submitted,
    );
    let m = open(
        "#/claims/c-edit",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "Edit is offered", |r| !buttons(r, "Edit").is_empty()).await;
    button(&m.root, "Edit").click();
    wait_until(&m, "the form is open", |r| {
        r.query_selector(".edit-form").ok().flatten().is_some()
    })
    .await;
    let form = m.root.query_selector(".edit-form").unwrap().unwrap();
    // Locked fields are shown but not offered as inputs.
    for locked in ["Claim name", "Tenant ID", "Customer domain"] {
        assert!(
            control_by_label(&form, locked).is_none(),
            "{locked} must not be editable"
        );
    }
    assert!(text(&form).contains("Locked after submission."));
    assert!(
        text(&form).contains("Submitted claim"),
        "the locked value is shown"
    );
    let name = control_by_label(&form, "Partner contact name").expect("editable after submission");
    // Pre-filled with the claim as it stands.
    let prefilled = name.clone();
    wait_until(&m, "the form is pre-filled", move |_| {
        prefilled.unchecked_ref::<HtmlInputElement>().value() == "Ada Partner"
    })
    .await;
    enter(name.unchecked_ref(), "Bea Partner").await;
    button(&form, "Save changes").click();
    wait_until(&m, "the form closes", |r| {
        r.query_selector(".edit-form").ok().flatten().is_none()
    })
    .await;

    let saved = stored(&m, "c-edit").await;
    assert_eq!(saved.partner_contact.name, "Bea Partner");
    assert_eq!(saved.status, Status::Submitted);
    let edit = saved.history.last().unwrap();
    assert_eq!(edit.action, Action::Edited);
    assert_eq!(edit.changes.len(), 1);
    assert_eq!(edit.changes[0].field, "partnerContact");

    let history = m.root.query_selector(".history").unwrap().unwrap();
    let row = all(&history, ".changes tbody tr")
        .pop()
        .expect("a changes row");
    let cells = text(&row);
    assert!(cells.contains("Partner contact"), "{cells}");
    assert_eq!(
        row.query_selector(".before")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Partner <ada@northwind.example.com>"
    );
    assert_eq!(
        row.query_selector(".after")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Bea Partner <ada@northwind.example.com>"
    );
}

#[wasm_bindgen_test]
async fn a_view_only_role_sees_no_actions() {
    let m = open(
        "#/claims/c-view",
        Some(profile("northwind", UserRole::AccountAdmin)),
        vec![claim("c-view", "Viewed claim", "northwind")],
    )
    .await;
    wait_until(&m, "the claim is shown", |r| {
        text(r).contains("Viewed claim")
    })
    .await;
    assert!(buttons(&m.root, "Submit claim").is_empty());
    assert!(buttons(&m.root, "Edit").is_empty());
    assert!(control_by_label(&m.root, "Add PoE document").is_none());
    assert!(control_by_label(&m.root, "Add a comment").is_none());
    assert!(
        text(&m.root).contains("can view claims but not change them"),
        "{}",
        text(&m.root)
    );
}

/// A claim of Northwind with a PoE document, rejected by the reviewer
/// (insufficient PoE) `days` days ago.
fn rejected(id: &str, name: &str, days: i64) -> Claim {
    let mut c = advanced(with_pdf(claim(id, name, "northwind")), Status::UnderReview);
    c.history.push(entry(
        days_ago(days),
        Actor::reviewer("Microsoft reviewer"),
        Action::Rejected {
            reason: RejectReason::InsufficientPoe,
            partner_reason: None,
            comment: String::new(),
        },
        Some(Status::UnderReview),
        Status::Rejected,
    ));
    c.status = Status::Rejected;
    c
}

#[wasm_bindgen_test]
async fn a_rejected_claim_past_its_dispute_window_offers_a_copy() {
    let c = rejected("c-old", "Old rejected claim", 40);
    let m = open(
        "#/claims/c-old",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the copy action is offered", |r| {
        !buttons(r, "Create a new claim from this one").is_empty()
    })
    .await;
    assert!(all(&m.root, "[data-code='transition.window_closed']").len() == 1);
    copy_and_open(&m).await;
    let hash = window().location().hash().unwrap();
    assert!(
        hash.starts_with("#/claims/") && hash != "#/claims/c-old",
        "{hash}"
    );
    assert!(text(&m.root).contains("Claim created as a copy of c-old"));
}

// --- the review desk --------------------------------------------------------

#[wasm_bindgen_test]
async fn review_desk_start_review_then_approve() {
    let c = advanced(
        with_pdf(claim("c-review", "Claim to review", "northwind")),
        Status::Submitted,
    );
    let waiting = advanced(
        with_pdf(claim("c-wait", "Claim waiting for partner", "adatum")),
        Status::UnderReview,
    );
    let mut waiting = waiting;
    // Another workload: not competing with the claim under review.
    waiting.products = vec![ProductLine::new("intune")];
    waiting.history.push(entry(
        now_utc() - chrono::Duration::hours(1),
        Actor::reviewer("Microsoft reviewer"),
        Action::InfoRequested {
            reasons: vec![cpor_desk::domain::claim::InfoReason::MissingOrOldDates],
            comment: String::new(),
        },
        Some(Status::UnderReview),
        Status::PartnerActionRequired,
    ));
    waiting.status = Status::PartnerActionRequired;
    let m = open("#/review", None, vec![c, waiting]).await;
    wait_until(&m, "the queue shows", |r| {
        text(r).contains("Claim to review")
    })
    .await;
    let page = text(&m.root);
    assert!(page.contains("Review desk"));
    assert!(page.contains("Simulation: you act as the Microsoft reviewer"));

    // Partner action required is listed read-only.
    let wait_item = article(&m.root, "Claim waiting for partner");
    assert!(text(&wait_item).contains("Waiting for the partner"));
    for action in ["Start review", "Approve", "Request information…", "Reject…"] {
        assert!(
            buttons(&wait_item, action).is_empty(),
            "{action} on a waiting claim"
        );
    }

    let item = article(&m.root, "Claim to review");
    assert!(
        text(&item).contains("Review starts"),
        "deadline shown: {}",
        text(&item)
    );
    assert!(
        buttons(&item, "Approve").is_empty(),
        "approve needs a started review"
    );
    button(&item, "Start review").click();
    wait_for_status(&m, "c-review", Status::UnderReview).await;
    wait_until(&m, "Approve is offered", |r| {
        !buttons(&article(r, "Claim to review"), "Approve").is_empty()
    })
    .await;
    button(&article(&m.root, "Claim to review"), "Approve").click();
    let saved = wait_for_status(&m, "c-review", Status::Approved).await;
    assert_eq!(saved.history.last().unwrap().action, Action::Approved);
    wait_until(&m, "the approved claim leaves the queue", |r| {
        !text(r).contains("Claim to review")
    })
    .await;
}

#[wasm_bindgen_test]
async fn review_desk_request_info_needs_a_reason() {
    let c = advanced(
        with_pdf(claim("c-info", "Claim lacking dates", "northwind")),
        Status::UnderReview,
    );
    let m = open("#/review", None, vec![c]).await;
    wait_until(&m, "the queue shows", |r| {
        text(r).contains("Claim lacking dates")
    })
    .await;
    button(
        &article(&m.root, "Claim lacking dates"),
        "Request information…",
    )
    .click();
    tick().await;
    let item = article(&m.root, "Claim lacking dates");
    let send = button(&item, "Request information");
    assert!(
        send.unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled(),
        "no reason chosen yet"
    );
    let reason = control_by_label(&item, "Missing or old dates").expect("reason checkbox");
    reason.click();
    tick().await;
    assert!(
        !send
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    );
    send.click();
    let saved = wait_for_status(&m, "c-info", Status::PartnerActionRequired).await;
    assert!(matches!(
        &saved.history.last().unwrap().action,
        Action::InfoRequested { reasons, .. } if reasons == &[cpor_desk::domain::claim::InfoReason::MissingOrOldDates]
    ));
}

#[wasm_bindgen_test]
async fn competing_claims_side_by_side_and_approving_one_takes_the_association_from_the_incumbent()
{
    let a = advanced(
        with_pdf(claim("c-a", "Northwind Teams claim", "northwind")),
        Status::UnderReview,
    );
    // Adatum holds the association already (approved): one partner per
    // association, so it moves to the claim approved now.
    let b = advanced(
        with_pdf(claim("c-b", "Adatum Teams claim", "adatum")),
        Status::Approved,
    );
    let m = open("#/review", None, vec![a, b]).await;
    wait_until(&m, "the queue shows", |r| {
        text(r).contains("Adatum Teams claim")
    })
    .await;
    let item = article(&m.root, "Northwind Teams claim");
    let table = item
        .query_selector("table.compare")
        .unwrap()
        .expect("side by side");
    let headers: Vec<String> = all(&table, "thead th[scope=col]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(headers.len(), 2, "{headers:?}");
    assert!(
        headers[0].contains("Northwind Teams claim") && headers[1].contains("Adatum Teams claim")
    );
    let t = text(&table);
    for expected in [
        "Northwind Traders",
        "Adatum Consulting",
        "Microsoft Teams",
        "Under review",
        "Approved",
    ] {
        assert!(t.contains(expected), "{expected} in {t}");
    }
    // Plain approval is not offered for competing claims.
    assert!(buttons(&item, "Approve").is_empty());
    let approve = buttons(
        &table,
        "Approve this claim (the competing ones lose the association)",
    );
    assert_eq!(
        approve.len(),
        1,
        "only the claim under review can be approved"
    );
    approve[0].click();
    wait_for_status(&m, "c-a", Status::Approved).await;
    let loser = wait_for_status(&m, "c-b", Status::Rejected).await;
    assert_eq!(loser.rejection(), Some(RejectReason::CompetingClaim));
    assert!(
        loser.comments.iter().any(|c| c.note.is_some()),
        "the other partner is told in the comments"
    );
    wait_until(&m, "the result is announced", |r| {
        r.query_selector(".banner")
            .ok()
            .flatten()
            .is_some_and(|b| text(&b).contains("The association moved from:"))
    })
    .await;
}

// --- the customer inbox -----------------------------------------------------

#[wasm_bindgen_test]
async fn inbox_shows_the_consent_notice_and_deny_consent_works() {
    let c = advanced(
        with_pdf(claim("c-ok", "Approved Teams claim", "northwind")),
        Status::Approved,
    );
    let mut revenue = advanced(
        with_pdf(claim("c-rev", "Revenue association claim", "northwind")),
        Status::Approved,
    );
    revenue.solution_area = Some("business_applications".into());
    revenue.partner_role = Some("influenced_revenue".into());
    let m = open("#/inbox", None, vec![c, revenue]).await;
    wait_until(&m, "the notice shows", |r| {
        text(r).contains("Approved Teams claim")
    })
    .await;
    let page = text(&m.root);
    assert!(page.contains("Customer inbox"));
    assert!(page.contains("Simulation: you act as the customer contact"));
    assert!(
        !page.contains("Revenue association claim"),
        "no notice for revenue association"
    );

    let mail = article(&m.root, "Approved Teams claim");
    let to = text(&mail.query_selector(".to").unwrap().unwrap());
    assert_eq!(to, "Carl Customer <carl@contoso.com>");
    let cc = text(&mail.query_selector(".cc").unwrap().unwrap());
    assert!(cc.contains("Office admin of Contoso Ltd"), "{cc}");
    let not_cc = text(&mail.query_selector(".not-cc").unwrap().unwrap());
    assert!(
        not_cc.contains("Northwind Traders") && not_cc.contains("not in copy"),
        "{not_cc}"
    );
    let body = text(&mail);
    assert!(
        body.contains("Ada Partner <ada@northwind.example.com>"),
        "{body}"
    );
    assert!(body.contains("Microsoft Teams"));
    assert!(body.contains("consent period's last day is"), "{body}");

    // Denying consent asks first; Cancel changes nothing.
    button(&mail, "Deny consent").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    let dialog = open_dialog(&m.root).unwrap();
    assert!(
        text(&dialog).contains("Northwind Traders"),
        "{}",
        text(&dialog)
    );
    click(&button(&dialog, "Cancel")).await;
    assert!(open_dialog(&m.root).is_none());
    assert_eq!(stored(&m, "c-ok").await.status, Status::Approved);
    button(&mail, "Deny consent").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    button(&open_dialog(&m.root).unwrap(), "Deny consent").click();
    wait_for_status(&m, "c-ok", Status::CustomerConsentDenied).await;
    wait_until(&m, "the notice shows the denial", |r| {
        text(&article(r, "Approved Teams claim")).contains("Consent denied")
    })
    .await;
    assert!(buttons(&article(&m.root, "Approved Teams claim"), "Deny consent").is_empty());
}

// --- documents and checklist ------------------------------------------------

#[wasm_bindgen_test]
async fn upload_checks_content_then_stores_ticks_and_submits() {
    let m = open(
        "#/claims/c-up",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![claim("c-up", "Claim with upload", "northwind")],
    )
    .await;
    wait_until(&m, "the picker is offered", |r| {
        control_by_label(r, "Add PoE document").is_some()
    })
    .await;
    let picker = control_by_label(&m.root, "Add PoE document").unwrap();
    assert!(
        picker
            .get_attribute("accept")
            .unwrap_or_default()
            .contains(".pdf")
    );

    // A program renamed to .pdf is refused by its content; nothing is stored.
    pick_file(
        picker.unchecked_ref(),
        "tool.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00",
    )
    .await;
    wait_until(&m, "the file type finding shows", |_| {
        described_codes(&picker).contains(&"poe.file_type".to_string())
    })
    .await;
    assert!(stored(&m, "c-up").await.documents.is_empty());
    // An empty file.
    pick_file(picker.unchecked_ref(), "empty.pdf", b"").await;
    wait_until(&m, "the empty-file finding shows", |_| {
        described_codes(&picker) == ["poe.file_empty"]
    })
    .await;

    // A real PDF with a comment is stored and listed.
    let comment = control_by_label(&m.root, "Comment for the document (optional)").unwrap();
    enter(comment.unchecked_ref(), "Signed SOW").await;
    pick_file(
        picker.unchecked_ref(),
        "sow.pdf",
        b"%PDF-1.7\nSigned by Carl Customer\n",
    )
    .await;
    let mut saved = stored(&m, "c-up").await;
    for _ in 0..100 {
        if !saved.documents.is_empty() {
            break;
        }
        sleep(20).await;
        saved = stored(&m, "c-up").await;
    }
    assert_eq!(saved.documents.len(), 1);
    let doc = &saved.documents[0];
    assert_eq!(
        (doc.name.as_str(), doc.kind.as_str(), doc.comment.as_str()),
        ("sow.pdf", "pdf", "Signed SOW")
    );
    assert!(
        m.store.get_document(&doc.id).await.unwrap().is_some(),
        "bytes stored"
    );
    wait_until(&m, "the document is listed", |r| {
        r.query_selector(".documents-table")
            .ok()
            .flatten()
            .is_some_and(|t| text(&t).contains("Signed SOW"))
    })
    .await;
    assert!(
        described_codes(&picker).is_empty(),
        "old findings are cleared"
    );

    // The checklist: five items for the document; ticking one is stored.
    wait_until(&m, "the checklist shows", |r| {
        all(r, ".checklist-doc input[type=checkbox]").len() == 5
    })
    .await;
    let ack = control_by_label(
        &m.root,
        "Customer signature or proof of customer acknowledgement",
    )
    .unwrap();
    ack.click();
    for _ in 0..100 {
        if stored(&m, "c-up").await.documents[0]
            .checklist
            .acknowledgement
        {
            break;
        }
        sleep(20).await;
    }
    assert!(
        stored(&m, "c-up").await.documents[0]
            .checklist
            .acknowledgement
    );

    // Now the claim can be submitted; the draft's Remove is gone afterwards.
    assert_eq!(
        buttons(&m.root, "Remove").len(),
        1,
        "a draft's document can be removed"
    );
    button(&m.root, "Submit claim").click();
    wait_for_status(&m, "c-up", Status::Submitted).await;
    wait_until(&m, "remove is no longer offered", |r| {
        buttons(r, "Remove").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn simulated_today_moves_the_clock_and_the_automatic_outcome_shows() {
    let approved = advanced(
        with_pdf(claim("sim-1", "Clock claim", "northwind")),
        Status::Approved,
    );
    let m = open(
        "#/settings",
        Some(profile("northwind", UserRole::IncentivesAdmin)),
        vec![approved],
    )
    .await;
    // Ten days on, the 7-day consent period of the default policy is over.
    let later = (now_utc() + chrono::Duration::days(10)).date_naive();
    let input: HtmlInputElement = control_by_label(&m.root, "Simulated today")
        .expect("a Simulated today control")
        .unchecked_into();
    input.set_value(&later.to_string());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_until(&m, "the simulated date is shown", |r| {
        text(r).contains("The app acts as if today were")
    })
    .await;
    window().location().set_hash("#/claims/sim-1").unwrap();
    wait_until(&m, "the automatic transition", |r| {
        r.query_selector(".claim-status .status-badge[data-status=\"consent_period_ended\"]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    // Evaluated from the clock: nothing was written by a background job.
    assert_eq!(stored(&m, "sim-1").await.status, Status::Approved);

    // Back to the real date: Approved again, with the consent deadline open.
    window().location().set_hash("#/settings").unwrap();
    wait_until(&m, "settings", |r| text(r).contains("Use the real date")).await;
    button(&m.root, "Use the real date").click();
    window().location().set_hash("#/claims/sim-1").unwrap();
    wait_until(&m, "Approved again", |r| {
        r.query_selector(".claim-status .status-badge[data-status=\"approved\"]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
}

// --- rules after the wizard --------------------------------------------------

/// A Business Applications claim of Northwind for Fabrikam's Dynamics 365
/// Field Service, with the subscription the demo directory has as bought
/// through CSP (`subscription.csp`).
fn csp_claim(id: &str) -> Claim {
    let mut c = with_pdf(claim(id, "Field Service at Fabrikam", "northwind"));
    c.solution_area = Some("business_applications".into());
    c.partner_role = Some("build_intent_advisor".into());
    c.customer_name = "Fabrikam, Inc.".into();
    c.customer_domain = FABRIKAM_DOMAIN.into();
    c.tenant_id = FABRIKAM.into();
    c.customer_contact.email = "carl@fabrikam.com".into();
    c.products = vec![ProductLine {
        product: "d365_field_service".into(),
        subscription_id: Some("7541648c-a0bb-4f72-9b48-c6fb9a592992".into()),
    }];
    c
}

/// `c` (under review) with the reviewer's request for information.
fn info_requested(mut c: Claim, reasons: Vec<InfoReason>, comment: &str) -> Claim {
    c = advanced(c, Status::UnderReview);
    c.history.push(entry(
        now_utc() - chrono::Duration::minutes(30),
        Actor::reviewer("Microsoft reviewer"),
        Action::InfoRequested {
            reasons,
            comment: comment.into(),
        },
        Some(Status::UnderReview),
        Status::PartnerActionRequired,
    ));
    c.status = Status::PartnerActionRequired;
    c
}

/// The "What you can do" card.
fn next_steps_text(root: &Element) -> String {
    all(root, ".next-step")
        .iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(" | ")
}

#[wasm_bindgen_test]
async fn resubmission_and_the_edit_form_run_the_directory_checks_and_show_the_reviewers_reason() {
    let c = info_requested(
        csp_claim("c-csp"),
        vec![InfoReason::MissingOrOldDates],
        "Please add the signature date.",
    );
    let m = open(
        "#/claims/c-csp",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "Submit is offered", |r| {
        !buttons(r, "Submit claim").is_empty()
    })
    .await;
    // What you can do: the reviewer's own reason and comment, never the
    // pre-check's guess.
    let steps = next_steps_text(&m.root);
    assert!(steps.contains("Missing or old dates"), "{steps}");
    assert!(steps.contains("Please add the signature date."), "{steps}");
    assert!(!steps.contains("Missing partner solution"), "{steps}");
    // The checks Submit runs are listed before it is pressed, with the
    // directory's: the subscription was bought through CSP.
    assert!(
        codes(&m.root, "submit-checks").contains(&"subscription.csp".to_string()),
        "{:?}",
        codes(&m.root, "submit-checks")
    );
    // Resubmitting is refused like Create.
    button(&m.root, "Submit claim").click();
    wait_until(&m, "the refusal is shown", |r| {
        codes(r, "submit-findings").contains(&"subscription.csp".to_string())
    })
    .await;
    assert_eq!(
        stored(&m, "c-csp").await.status,
        Status::PartnerActionRequired
    );
    // The edit form shows the same directory finding on the product row.
    button(&m.root, "Edit").click();
    wait_until(&m, "the form shows the directory's finding", |r| {
        r.query_selector(".edit-form [data-code='subscription.csp']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn submit_with_open_warnings_asks_first_and_goes_ahead_when_confirmed() {
    let mut c = with_pdf(claim("c-warn", "Teams at Contoso", "northwind"));
    c.customer_contact.email = "carl.customer@gmail.com".into();
    let m = open(
        "#/claims/c-warn",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "Submit is offered", |r| {
        !buttons(r, "Submit claim").is_empty()
    })
    .await;
    button(&m.root, "Submit claim").click();
    wait_until(&m, "the warnings are shown for confirmation", |r| {
        r.query_selector("[role='alertdialog'] [data-code='email.not_customer_domain']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    sleep(50).await;
    assert_eq!(stored(&m, "c-warn").await.status, Status::Draft);
    button(&m.root, "Submit anyway").click();
    wait_for_status(&m, "c-warn", Status::Submitted).await;
}

#[wasm_bindgen_test]
async fn a_dispute_may_carry_updated_poe_without_a_justification() {
    let c = rejected("c-dispute", "Rejected claim", 1);
    let m = open(
        "#/claims/c-dispute",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the dispute form is offered", |r| {
        try_by_label(r, "Updated proof of execution (optional)").is_some()
    })
    .await;
    assert!(
        next_steps_text(&m.root).contains("Insufficient PoE"),
        "the reviewer's reason: {}",
        next_steps_text(&m.root)
    );
    pick_file(
        &input(&m.root, "Updated proof of execution (optional)"),
        "updated-sow.pdf",
        b"%PDF-1.7\nStatement of work, signed by Carl Customer\n",
    )
    .await;
    button(&m.root, "Dispute").click();
    let saved = wait_for_status(&m, "c-dispute", Status::Disputed).await;
    assert_eq!(saved.documents.len(), 2);
    assert!(saved.documents.iter().any(|d| d.name == "updated-sow.pdf"));
    assert!(matches!(
        &saved.history.last().unwrap().action,
        Action::Disputed { documents, .. } if documents.len() == 1
    ));
    wait_until(&m, "the history names the dispute's document", |r| {
        all(r, ".history .dispute-documents")
            .iter()
            .any(|p| text(p).contains("updated-sow.pdf"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn approval_and_denied_consent_say_what_comes_next() {
    let approved = advanced(
        with_pdf(claim("c-ok", "Approved claim", "northwind")),
        Status::Approved,
    );
    let mut denied = advanced(
        with_pdf(claim("c-denied", "Denied claim", "northwind")),
        Status::Approved,
    );
    denied.history.push(entry(
        now_utc() - chrono::Duration::minutes(10),
        Actor::Customer {
            name: "Carl Customer".into(),
        },
        Action::ConsentDenied,
        Some(Status::Approved),
        Status::CustomerConsentDenied,
    ));
    denied.status = Status::CustomerConsentDenied;
    let m = open(
        "#/claims/c-ok",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![approved, denied],
    )
    .await;
    wait_until(&m, "the next step is shown", |r| {
        next_steps_text(r).contains("not a payment")
    })
    .await;
    assert!(next_steps_text(&m.root).contains("incentive program"));

    window().location().set_hash("#/claims/c-denied").unwrap();
    wait_until(&m, "the denied claim's next step is shown", |r| {
        next_steps_text(r).contains("Nothing more can be done on this claim")
    })
    .await;
    assert!(next_steps_text(&m.root).contains("start a new claim"));
    assert!(!buttons(&m.root, "Create a new claim from this one").is_empty());
}

#[wasm_bindgen_test]
async fn notices_list_what_changed_since_the_last_visit() {
    let approved = advanced(
        with_pdf(claim("c-new", "Newly approved claim", "northwind")),
        Status::Approved,
    );
    let others = advanced(
        with_pdf(claim("c-adatum", "Adatum's claim", "adatum")),
        Status::Approved,
    );
    let m = open_with(
        "#/notices",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![approved, others],
        || prefs::set(keys::NOTICES_SEEN, &days_ago(1)).unwrap(),
    )
    .await;
    wait_until(&m, "the notice is listed", |r| {
        all(r, ".notice")
            .iter()
            .any(|n| text(n).contains("Newly approved claim"))
    })
    .await;
    let list: Vec<String> = all(&m.root, ".notice").iter().map(text).collect();
    assert_eq!(list.len(), 1, "only the own organisation's: {list:?}");
    assert!(list[0].contains("Approved"), "{list:?}");
    assert!(
        list[0].contains("Customer consent period ends"),
        "the deadline it starts: {list:?}"
    );
    let badge = m.root.query_selector("nav .count-badge").unwrap();
    assert!(badge.is_some_and(|b| text(&b).starts_with('1')));
    button(&m.root, "Mark all as read").click();
    wait_until(&m, "the list is empty", |r| {
        text(r).contains("Nothing new since your last visit.")
    })
    .await;
    assert!(m.root.query_selector("nav .count-badge").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_expired_subscription_on_an_approved_claim_offers_a_new_claim() {
    let mut c = csp_claim("c-expired");
    c.products = vec![ProductLine {
        product: "d365_commerce".into(),
        subscription_id: Some("5998e453-3d96-44d5-a340-0033a63a3b21".into()),
    }];
    let c = advanced(c, Status::Approved);
    let m = open(
        "#/claims/c-expired",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the ended subscription is shown", |r| {
        r.query_selector(".next-step[data-step='subscription-ended']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let steps = next_steps_text(&m.root);
    assert!(steps.contains("expired"), "{steps}");
    assert!(steps.contains("new claim"), "{steps}");
    assert!(
        m.root
            .query_selector(".next-step[data-step='subscription-ended'] a.support-link")
            .unwrap()
            .is_some(),
        "with the support link"
    );
    copy_and_open(&m).await;
    let id = window()
        .location()
        .hash()
        .unwrap()
        .trim_start_matches("#/claims/")
        .to_string();
    let copy = stored(&m, &id).await;
    assert_eq!(
        copy.products[0].subscription_id, None,
        "the ended subscription's ID is left for the new one"
    );
}

// --- deleting a draft, removing and withdrawing documents ------------------

/// The text of the focused element.
fn focused_text() -> String {
    document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `c` in Partner action required: the reviewer asked for better dates.
fn action_required(c: Claim) -> Claim {
    let mut c = advanced(c, Status::UnderReview);
    c.history.push(entry(
        now_utc() - chrono::Duration::hours(1),
        Actor::reviewer("Microsoft reviewer"),
        Action::InfoRequested {
            reasons: vec![cpor_desk::domain::claim::InfoReason::MissingOrOldDates],
            comment: String::new(),
        },
        Some(Status::UnderReview),
        Status::PartnerActionRequired,
    ));
    c.status = Status::PartnerActionRequired;
    c
}

#[wasm_bindgen_test]
async fn a_draft_is_deleted_after_confirmation_and_a_submitted_claim_cannot_be() {
    let draft = with_pdf(claim("c-del", "Draft to delete", "northwind"));
    let submitted = advanced(
        with_pdf(claim("c-keep", "Submitted claim", "northwind")),
        Status::Submitted,
    );
    let m = open(
        "#/claims/c-del",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![draft, submitted],
    )
    .await;
    m.store
        .put_document(cpor_desk::storage::StoredDocument {
            id: "c-del-poe".into(),
            name: "statement-of-work.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"%PDF-1.7".to_vec(),
        })
        .await
        .unwrap();
    wait_until(&m, "Delete draft is offered", |r| {
        !buttons(r, "Delete draft…").is_empty()
    })
    .await;
    // A draft is deleted, not rejected.
    assert!(buttons(&m.root, "Request rejection…").is_empty());

    // The confirmation: a modal dialog, Cancel focused; Cancel keeps the draft.
    // (A click focuses the button, as a pointer or the keyboard would.)
    let delete = button(&m.root, "Delete draft…");
    delete.focus().unwrap();
    delete.click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    let dialog = open_dialog(&m.root).unwrap();
    assert_eq!(heading(&dialog, "h2"), "Delete this draft?");
    assert!(
        text(&dialog).contains("“Draft to delete”"),
        "{}",
        text(&dialog)
    );
    assert_eq!(focused_text(), "Cancel");
    click(&button(&dialog, "Cancel")).await;
    assert!(open_dialog(&m.root).is_none());
    wait_until(&m, "the focus returns", |_| {
        focused_text() == "Delete draft…"
    })
    .await;
    assert!(m.store.load("c-del").await.unwrap().is_some());

    button(&m.root, "Delete draft…").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    button(&open_dialog(&m.root).unwrap(), "Delete draft").click();
    wait_until(&m, "the list opens with a note", |r| {
        text(r).contains("The draft “Draft to delete” was deleted.")
    })
    .await;
    assert_eq!(window().location().hash().unwrap(), "#/claims");
    assert!(
        m.store.load("c-del").await.unwrap().is_none(),
        "deleted from storage"
    );
    assert!(
        m.store.get_document("c-del-poe").await.unwrap().is_none(),
        "its document's bytes too"
    );
    assert!(all(&m.root, "tr[data-claim='c-del']").is_empty());

    // A submitted claim has no Delete; it is withdrawn with Request rejection.
    window().location().set_hash("#/claims/c-keep").unwrap();
    wait_until(&m, "the submitted claim opens", |r| {
        !buttons(r, "Request rejection…").is_empty()
    })
    .await;
    assert!(buttons(&m.root, "Delete draft…").is_empty());
}

#[wasm_bindgen_test]
async fn removing_a_document_asks_first_and_submitted_documents_say_why_they_stay() {
    let draft = with_pdf(claim("c-rm", "Draft with a document", "northwind"));
    let submitted = advanced(
        with_pdf(claim("c-sub", "Submitted with a document", "northwind")),
        Status::Submitted,
    );
    let review = advanced(
        with_pdf(claim("c-rev", "Under review with a document", "northwind")),
        Status::UnderReview,
    );
    let m = open(
        "#/claims/c-rm",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![draft, submitted, review],
    )
    .await;
    wait_until(&m, "Remove is offered", |r| {
        !buttons(r, "Remove").is_empty()
    })
    .await;
    button(&m.root, "Remove").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    let dialog = open_dialog(&m.root).unwrap();
    assert_eq!(heading(&dialog, "h2"), "Remove this document?");
    assert!(text(&dialog).contains("statement-of-work.pdf"));
    click(&button(&dialog, "Cancel")).await;
    assert_eq!(
        stored(&m, "c-rm").await.documents.len(),
        1,
        "Cancel keeps it"
    );
    button(&m.root, "Remove").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    button(&open_dialog(&m.root).unwrap(), "Remove").click();
    for _ in 0..100 {
        if stored(&m, "c-rm").await.documents.is_empty() {
            break;
        }
        sleep(20).await;
    }
    assert!(stored(&m, "c-rm").await.documents.is_empty());

    // Submitted: no Remove, and the page says why.
    window().location().set_hash("#/claims/c-sub").unwrap();
    wait_until(&m, "the submitted claim opens", |r| {
        text(r).contains("Submitted with a document")
    })
    .await;
    assert!(buttons(&m.root, "Remove").is_empty());
    assert!(
        text(&m.root).contains("Submitted documents stay with the claim"),
        "{}",
        text(&m.root)
    );
    // Under review: no document can be added or removed, and it says so.
    window().location().set_hash("#/claims/c-rev").unwrap();
    wait_until(&m, "the claim under review opens", |r| {
        text(r).contains("Under review with a document")
    })
    .await;
    assert!(control_by_label(&m.root, "Add PoE document").is_none());
    assert!(
        text(&m.root)
            .contains("Documents cannot be added or removed while the claim is Under review."),
        "{}",
        text(&m.root)
    );
}

#[wasm_bindgen_test]
async fn in_partner_action_required_a_document_can_be_withdrawn() {
    let c = action_required(with_pdf(claim(
        "c-par",
        "Claim with old dates",
        "northwind",
    )));
    let m = open(
        "#/claims/c-par",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "Withdraw is offered", |r| {
        !buttons(r, "Withdraw").is_empty()
    })
    .await;
    assert!(text(&m.root).contains("you can withdraw a document they objected to"));
    button(&m.root, "Withdraw").click();
    wait_until(&m, "the confirmation opens", |r| open_dialog(r).is_some()).await;
    let dialog = open_dialog(&m.root).unwrap();
    assert_eq!(heading(&dialog, "h2"), "Withdraw this document?");
    button(&dialog, "Withdraw").click();
    for _ in 0..100 {
        if stored(&m, "c-par").await.documents.is_empty() {
            break;
        }
        sleep(20).await;
    }
    let saved = stored(&m, "c-par").await;
    assert!(saved.documents.is_empty());
    assert_eq!(saved.status, Status::PartnerActionRequired);
    assert!(matches!(
        saved.history.last().unwrap().action,
        Action::DocumentRemoved { .. }
    ));
    wait_until(&m, "the history names it", |r| {
        text(&r.query_selector(".history").unwrap().unwrap())
            .contains("Document removed: statement-of-work.pdf")
    })
    .await;
}

// --- timeline, history and messages ------------------------------------------

#[wasm_bindgen_test]
async fn the_timeline_lists_status_changes_and_the_history_every_entry_once() {
    let mut c = advanced(
        with_pdf(claim("c-tl", "Claim with a history", "northwind")),
        Status::Submitted,
    );
    c.history.push(HistoryEntry {
        at: now_utc() - chrono::Duration::minutes(30),
        actor: partner_actor("northwind"),
        action: Action::Commented,
        from: None,
        to: None,
        changes: vec![],
    });
    let m = open(
        "#/claims/c-tl",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the claim opens", |r| {
        text(r).contains("Claim with a history")
    })
    .await;
    let events = all(&m.root, ".timeline .events li");
    assert_eq!(events.len(), 2, "created and submitted");
    let timeline = text(&m.root.query_selector(".timeline").unwrap().unwrap());
    assert!(!timeline.contains("Comment added"), "{timeline}");
    assert_eq!(all(&m.root, ".history .history-entry").len(), 3);
    assert!(text(&m.root.query_selector(".history").unwrap().unwrap()).contains("Comment added"));
}

#[wasm_bindgen_test]
async fn in_swedish_the_reviewer_and_the_timeline_are_swedish() {
    let c = advanced(
        with_pdf(claim("c-sv", "Godkänt anspråk", "northwind")),
        Status::Approved,
    );
    let m = open(
        "#/claims/c-sv",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![c],
    )
    .await;
    wait_until(&m, "the claim opens", |r| {
        text(r).contains("Godkänt anspråk")
    })
    .await;
    let select: web_sys::HtmlSelectElement = m
        .root
        .query_selector(".language-switch select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    choose(&select, "sv").await;
    wait_until(&m, "the page is in Swedish", |r| {
        text(r).contains("Statusändringar")
    })
    .await;
    let shown = text(&m.root.query_selector(".timeline").unwrap().unwrap())
        + &text(&m.root.query_selector(".history").unwrap().unwrap());
    assert!(shown.contains("Microsoft-granskare"), "{shown}");
    for english in [
        "Microsoft reviewer",
        "reviewer",
        "Review started",
        "Submitted",
        "Approved",
        "Editing",
    ] {
        assert!(!shown.contains(english), "{english:?} in {shown}");
    }
}

#[wasm_bindgen_test]
async fn a_refused_submit_says_its_finding_once_without_the_code_in_the_sentence() {
    let m = open(
        "#/claims/c-once",
        Some(profile("northwind", UserRole::IncentivesUser)),
        vec![claim("c-once", "Draft without PoE", "northwind")],
    )
    .await;
    wait_until(&m, "Submit claim is offered", |r| {
        !buttons(r, "Submit claim").is_empty()
    })
    .await;
    button(&m.root, "Submit claim").click();
    wait_until(&m, "the refusal shows", |r| {
        !all(r, ".action-error li[data-code='poe.required']").is_empty()
    })
    .await;
    let refusal = text(
        &m.root
            .query_selector(".partner-actions .action-error")
            .unwrap()
            .unwrap(),
    );
    let message = "Upload at least one proof-of-execution document before submitting.";
    assert_eq!(refusal.matches(message).count(), 1, "{refusal}");
    assert!(
        !refusal.contains("poe.required"),
        "no code in the sentence: {refusal}"
    );
    let item = m
        .root
        .query_selector(".action-error li[data-code='poe.required']")
        .unwrap()
        .unwrap();
    assert_eq!(item.get_attribute("title").as_deref(), Some("poe.required"));
}
