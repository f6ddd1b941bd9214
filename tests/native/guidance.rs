//! "What you can do" (`domain::guidance`). The reviewer's own reasons after a request for
//! information or a rejection, what comes after a denied consent, what
//! approval means, and expired subscriptions with the new claim they need.

use crate::support::{self, FABRIKAM, FABRIKAM_DOMAIN};
use chrono::{DateTime, FixedOffset, NaiveDate};
use cpor_desk::domain::claim::{Claim, InfoReason, ProductLine, RejectReason, Status};
use cpor_desk::domain::directory::{DemoDirectory, Directory, SubscriptionStatus};
use cpor_desk::domain::guidance::{
    NextStep, ended_subscriptions, next_steps, offers_new_claim, without_ended_subscriptions,
};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{Event, apply_event, copy_as_new, new_claim};

const MON: &str = "2026-11-02T10:00:00+01:00";
const EXPIRED: &str = "5998e453-3d96-44d5-a340-0033a63a3b21";
const DISABLED: &str = "475fb320-f77d-4b94-8eaa-6d5eb82615bb";
const IN_GRACE: &str = "4c7232b0-c717-4ca4-803e-16589d9be956";

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn partner() -> Actor {
    Actor::partner(support::ORG, UserRole::IncentivesAdmin, "Ada")
}

fn reviewer() -> Actor {
    Actor::reviewer("Rita")
}

fn apply(c: &Claim, e: Event, a: &Actor) -> Claim {
    apply_event(c, &e, a, t(MON), &Policy::default()).unwrap()
}

fn under_review() -> Claim {
    let mut template = support::mws_claim();
    template.documents = vec![support::pdf("sow")];
    let c = new_claim("c1", template, &partner(), t(MON)).unwrap();
    let c = apply(&c, Event::Submit, &partner());
    apply(&c, Event::StartReview, &reviewer())
}

fn steps(c: &Claim, now: &str) -> Vec<NextStep> {
    next_steps(
        c,
        t(now),
        &Policy::default(),
        Some(DemoDirectory::builtin()),
    )
}

#[test]
fn after_a_request_for_information_the_reviewers_reasons_are_shown() {
    let par = apply(
        &under_review(),
        Event::RequestInfo {
            reasons: vec![InfoReason::MissingOrOldDates],
            comment: "The SOW is from 2021.".into(),
        },
        &reviewer(),
    );
    assert_eq!(
        steps(&par, MON),
        [NextStep::Respond {
            reasons: vec![InfoReason::MissingOrOldDates],
            comment: "The SOW is from 2021.".into(),
            due: Some(day("2026-11-09")),
        }]
    );
}

#[test]
fn after_a_rejection_the_reviewers_reason_is_shown() {
    let rejected = apply(
        &under_review(),
        Event::Reject {
            reason: RejectReason::InsufficientPoe,
            comment: "No signature.".into(),
        },
        &reviewer(),
    );
    assert_eq!(
        steps(&rejected, MON),
        [NextStep::Rejected {
            reason: RejectReason::InsufficientPoe,
            comment: "No signature.".into(),
        }]
    );
    // Disputable for 30 days: no new claim offered yet; after that, yes.
    assert!(!offers_new_claim(
        &rejected,
        t(MON),
        &Policy::default(),
        None
    ));
    assert!(offers_new_claim(
        &rejected,
        t("2026-12-20T10:00:00+01:00"),
        &Policy::default(),
        None
    ));
    // The automatic rejection says so too.
    let par = apply(
        &under_review(),
        Event::RequestInfo {
            reasons: vec![InfoReason::MissingProducts],
            comment: String::new(),
        },
        &reviewer(),
    );
    assert_eq!(
        steps(&par, "2026-11-20T10:00:00+01:00"),
        [NextStep::Rejected {
            reason: RejectReason::NoPartnerResponse,
            comment: String::new(),
        }]
    );
}

#[test]
fn after_a_denied_consent_nothing_more_on_this_claim_but_a_new_one() {
    let approved = apply(&under_review(), Event::Approve, &reviewer());
    let denied = apply(&approved, Event::DenyConsent, &Actor::customer("Carl"));
    assert_eq!(steps(&denied, MON), [NextStep::ConsentDenied]);
    assert!(offers_new_claim(&denied, t(MON), &Policy::default(), None));
}

#[test]
fn approval_is_the_association_and_the_consent_period_follows() {
    let approved = apply(&under_review(), Event::Approve, &reviewer());
    assert_eq!(
        steps(&approved, MON),
        [NextStep::Approved {
            consent_until: Some(day("2026-11-09"))
        }]
    );
    assert_eq!(
        steps(&approved, "2026-11-20T10:00:00+01:00"),
        [NextStep::SentForEvaluation]
    );
    // No consent period under the newer policy.
    let newer = Policy::by_id("published-2024").unwrap();
    let mut template = support::mws_claim();
    template.documents = vec![support::pdf("sow")];
    let c = new_claim("c2", template, &partner(), t(MON)).unwrap();
    let c = apply_event(&c, &Event::Submit, &partner(), t(MON), newer).unwrap();
    let c = apply_event(&c, &Event::StartReview, &reviewer(), t(MON), newer).unwrap();
    let c = apply_event(&c, &Event::Approve, &reviewer(), t(MON), newer).unwrap();
    assert_eq!(
        next_steps(&c, t(MON), newer, None),
        [NextStep::SentForEvaluation]
    );
}

/// An approved Business Applications claim on Fabrikam for `line`.
fn approved_on_fabrikam(line: ProductLine) -> Claim {
    let mut c = under_review();
    c.solution_area = Some("business_applications".into());
    c.partner_role = Some("build_intent_advisor".into());
    c.tenant_id = FABRIKAM.into();
    c.customer_domain = FABRIKAM_DOMAIN.into();
    c.products = vec![ProductLine::new("d365_sales"), line];
    apply(&c, Event::Approve, &reviewer())
}

#[test]
fn an_expired_subscription_needs_a_new_claim_with_the_new_id() {
    let dir: &dyn Directory = DemoDirectory::builtin();
    let cases = [
        (
            ProductLine::with_subscription("d365_commerce", EXPIRED),
            Some(SubscriptionStatus::Expired),
        ),
        (
            ProductLine::with_subscription("d365_human_resources", DISABLED.to_uppercase()),
            Some(SubscriptionStatus::Disabled),
        ),
        // The only Commerce subscription is implied without an ID.
        (
            ProductLine::new("d365_commerce"),
            Some(SubscriptionStatus::Expired),
        ),
        // In grace still counts as active.
        (
            ProductLine::with_subscription("d365_project_operations", IN_GRACE),
            None,
        ),
    ];
    for (line, want) in cases {
        let c = approved_on_fabrikam(line.clone());
        let ended = ended_subscriptions(&c, dir);
        match want {
            Some(status) => {
                assert_eq!(ended.len(), 1, "{line:?}");
                assert_eq!((ended[0].0, ended[0].3), (1, status), "{line:?}");
                assert!(steps(&c, MON).contains(&NextStep::SubscriptionEnded {
                    product: line.product.clone(),
                    subscription: ended[0].2.clone(),
                    status,
                }));
                assert!(offers_new_claim(&c, t(MON), &Policy::default(), Some(dir)));
                // The copy drops the ended subscription's ID (the customer gives the new one).
                let copy = copy_as_new(
                    &without_ended_subscriptions(&c, Some(dir)),
                    "c-new",
                    &partner(),
                    t(MON),
                )
                .unwrap();
                assert_eq!(copy.products[1].subscription_id, None);
                assert_eq!(copy.products[1].product, line.product);
                assert_eq!(copy.status, Status::Draft);
            }
            None => {
                assert!(ended.is_empty(), "{line:?}");
                assert!(!offers_new_claim(&c, t(MON), &Policy::default(), Some(dir)));
            }
        }
    }
    // Without a directory nothing can be known; a draft is the wizard's job.
    let c = approved_on_fabrikam(ProductLine::with_subscription("d365_commerce", EXPIRED));
    assert!(
        !next_steps(&c, t(MON), &Policy::default(), None)
            .iter()
            .any(|s| matches!(s, NextStep::SubscriptionEnded { .. }))
    );
    let mut draft = c.clone();
    draft.status = Status::Draft;
    assert!(
        !steps(&draft, MON)
            .iter()
            .any(|s| matches!(s, NextStep::SubscriptionEnded { .. }))
    );
}
