//! Issue 15, item 1: the claim checks after the wizard. Submitting,
//! resubmitting and editing a submitted claim run the same validators with
//! the same directory, clock, locations and held associations as the
//! wizard's Create claim and the CSV import (`apply_event_in`).

use crate::support::{self, CONTOSO, FABRIKAM, FABRIKAM_DOMAIN};
use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::claim::{Claim, InfoReason, PartnerLocation, ProductLine, Status};
use cpor_desk::domain::competing::{Association, held_associations};
use cpor_desk::domain::directory::DemoDirectory;
use cpor_desk::domain::finding::Code;
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{
    ClaimPatch, Event, TransitionError, apply_event, apply_event_in, new_claim,
};
use cpor_desk::domain::validate::ClaimContext;

const CSP: &str = "7541648c-a0bb-4f72-9b48-c6fb9a592992";
const CS_1: &str = "5747fde5-8253-4a63-9198-657a0ac7144e";
const NOW: &str = "2026-11-23T10:00:00+01:00";

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn partner() -> Actor {
    Actor::partner(support::ORG, UserRole::IncentivesAdmin, "Ada")
}

fn locations() -> Vec<PartnerLocation> {
    vec![PartnerLocation {
        mpn_id: "1234567".into(),
        name: "Stockholm".into(),
        country: "SE".into(),
        enrolled: true,
    }]
}

/// A Business Applications draft on Fabrikam with one PoE document and the
/// product line `line`.
fn fabrikam_draft(line: ProductLine) -> Claim {
    let mut template = support::mws_claim();
    template.solution_area = Some("business_applications".into());
    template.partner_role = Some("build_intent_advisor".into());
    template.customer_domain = FABRIKAM_DOMAIN.into();
    template.tenant_id = FABRIKAM.into();
    template.customer_name = "Fabrikam, Inc.".into();
    template.customer_contact.email = "carl@fabrikam.com".into();
    template.products = vec![line];
    template.documents = vec![support::pdf("sow")];
    new_claim("c1", template, &partner(), t(NOW)).unwrap()
}

/// Runs `f` with the context the app uses: the demo directory, the clock,
/// the organisation's locations and the associations `others` hold.
fn with_ctx<R>(others: &[Claim], f: impl FnOnce(&ClaimContext) -> R) -> R {
    let policy = Policy::default();
    let locations = locations();
    let held: Vec<Association> = held_associations(others.iter());
    let ctx = ClaimContext::new(&policy)
        .with_directory(DemoDirectory::builtin())
        .with_now(t(NOW).to_utc())
        .with_locations(&locations)
        .with_held(&held);
    f(&ctx)
}

fn codes(err: &TransitionError) -> Vec<(String, Code)> {
    err.findings()
        .into_iter()
        .map(|f| (f.field, f.code))
        .collect()
}

fn to_partner_action_required(c: &Claim) -> Claim {
    let reviewer = Actor::reviewer("Rita");
    let c = apply_event(c, &Event::Submit, &partner(), t(NOW), &Policy::default()).unwrap();
    let c = apply_event(
        &c,
        &Event::StartReview,
        &reviewer,
        t(NOW),
        &Policy::default(),
    )
    .unwrap();
    apply_event(
        &c,
        &Event::RequestInfo {
            reasons: vec![InfoReason::MissingProducts],
            comment: String::new(),
        },
        &reviewer,
        t(NOW),
        &Policy::default(),
    )
    .unwrap()
}

#[test]
fn submit_refuses_a_subscription_the_directory_refuses() {
    // A draft with a CSP subscription (the wizard would have flagged it).
    let draft = fabrikam_draft(ProductLine::with_subscription("d365_field_service", CSP));
    let err = with_ctx(&[], |ctx| {
        apply_event_in(&draft, &Event::Submit, &partner(), t(NOW), ctx).unwrap_err()
    });
    assert_eq!(err.code(), Code::SubscriptionCsp);
    assert_eq!(
        codes(&err),
        [(
            "products[0].subscriptionId".to_string(),
            Code::SubscriptionCsp
        )]
    );
    // The same claim with a claimable subscription is submitted.
    let ok = fabrikam_draft(ProductLine::with_subscription(
        "d365_customer_service",
        CS_1,
    ));
    let next = with_ctx(&[], |ctx| {
        apply_event_in(&ok, &Event::Submit, &partner(), t(NOW), ctx).unwrap()
    });
    assert_eq!(next.status, Status::Submitted);
    // Without a directory (the embeddable module's applyEvent without
    // one) only the claim's own checks run.
    let offline = apply_event(
        &draft,
        &Event::Submit,
        &partner(),
        t(NOW),
        &Policy::default(),
    );
    assert_eq!(offline.unwrap().status, Status::Submitted);
}

#[test]
fn an_edit_after_submission_cannot_bring_in_an_error_and_resubmit_checks_again() {
    let ok = fabrikam_draft(ProductLine::with_subscription(
        "d365_customer_service",
        CS_1,
    ));
    let par = to_partner_action_required(&ok);
    assert_eq!(par.status, Status::PartnerActionRequired);
    // Edit the products to the CSP subscription: refused with the finding.
    let edit = Event::Edit {
        fields: Box::new(ClaimPatch {
            products: Some(vec![ProductLine::with_subscription(
                "d365_field_service",
                CSP,
            )]),
            ..ClaimPatch::default()
        }),
    };
    let err = with_ctx(&[], |ctx| {
        apply_event_in(&par, &edit, &partner(), t(NOW), ctx).unwrap_err()
    });
    assert_eq!(
        codes(&err),
        [(
            "products[0].subscriptionId".to_string(),
            Code::SubscriptionCsp
        )]
    );
    // An edit that keeps the claim valid is fine, and warnings never block.
    let fine = Event::Edit {
        fields: Box::new(ClaimPatch {
            customer_contact: Some(cpor_desk::domain::claim::Contact {
                name: "Anna".into(),
                email: "anna@gmail.com".into(),
                phone: None,
            }),
            ..ClaimPatch::default()
        }),
    };
    let edited = with_ctx(&[], |ctx| {
        apply_event_in(&par, &fine, &partner(), t(NOW), ctx).unwrap()
    });
    assert_eq!(edited.customer_contact.email, "anna@gmail.com");
    // A claim that holds the error already (synced or imported): the
    // resubmission is refused like Create.
    let mut stale = par.clone();
    stale.products = vec![ProductLine::with_subscription("d365_field_service", CSP)];
    let err = with_ctx(&[], |ctx| {
        apply_event_in(&stale, &Event::Submit, &partner(), t(NOW), ctx).unwrap_err()
    });
    assert_eq!(err.code(), Code::SubscriptionCsp);
    // A draft may hold errors until it is submitted.
    let draft = fabrikam_draft(ProductLine::with_subscription(
        "d365_customer_service",
        CS_1,
    ));
    let saved = with_ctx(&[], |ctx| {
        apply_event_in(&draft, &edit, &partner(), t(NOW), ctx)
    });
    assert!(saved.is_ok());
}

#[test]
fn submit_refuses_an_association_the_own_organisation_holds_already() {
    let mut other = support::mws_claim();
    other.id = "own-earlier".into();
    other.status = Status::Approved;
    let mut c = support::mws_claim();
    c.documents = vec![support::pdf("sow")];
    let err = with_ctx(std::slice::from_ref(&other), |ctx| {
        apply_event_in(&c, &Event::Submit, &partner(), t(NOW), ctx).unwrap_err()
    });
    assert_eq!(err.code(), Code::ProductAlreadyAssociated);
    // Another partner's association is only a warning: submitted.
    other.partner_org.id = "northwind".into();
    let next = with_ctx(std::slice::from_ref(&other), |ctx| {
        apply_event_in(&c, &Event::Submit, &partner(), t(NOW), ctx).unwrap()
    });
    assert_eq!(next.status, Status::Submitted);
    assert_eq!(next.tenant_id, CONTOSO);
}
