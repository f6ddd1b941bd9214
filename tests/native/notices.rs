//! Issue 15, item 5: status-change notices since the last visit, derived
//! from the claims' history: what changed, on which claim, and the
//! deadline it starts.

use crate::support;
use chrono::{DateTime, FixedOffset, Utc};
use cpor_desk::domain::claim::{Claim, InfoReason, PartnerOrgRef, RejectReason};
use cpor_desk::domain::finding::Locale;
use cpor_desk::domain::notices::{Change, notices};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{Event, apply_event, approve_competing, new_claim};
use cpor_desk::domain::timeline::DeadlineKind;

/// A notice's deadline: which, and its last day as text.
type Due = (DeadlineKind, String);

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    t(s).to_utc()
}

fn partner(org: &str) -> Actor {
    Actor::partner(org, UserRole::IncentivesAdmin, "Ada")
}

fn reviewer() -> Actor {
    Actor::reviewer("Rita")
}

fn apply(c: &Claim, e: Event, a: &Actor, now: &str) -> Claim {
    apply_event(c, &e, a, t(now), &Policy::default()).unwrap()
}

fn submitted(id: &str, org: &str, now: &str) -> Claim {
    let mut template = support::mws_claim();
    template.documents = vec![support::pdf("sow")];
    template.name = format!("Claim {id}");
    let mut c = new_claim(id, template, &partner(org), t(now)).unwrap();
    c.partner_org = PartnerOrgRef {
        id: org.into(),
        name: org.into(),
    };
    apply(&c, Event::Submit, &partner(org), now)
}

#[test]
fn changes_by_others_since_the_last_visit_with_the_deadline_they_start() {
    let a = submitted("a", "northwind", "2026-11-02T09:00:00+01:00");
    let a = apply(
        &a,
        Event::StartReview,
        &reviewer(),
        "2026-11-03T09:00:00+01:00",
    );
    let a = apply(
        &a,
        Event::RequestInfo {
            reasons: vec![InfoReason::MissingOrOldDates],
            comment: "Dates?".into(),
        },
        &reviewer(),
        "2026-11-04T09:00:00+01:00",
    );
    // The partner's own comment is not a notice; the reviewer's is.
    let a = apply(
        &a,
        Event::Comment {
            text: "Uploading a new SOW".into(),
        },
        &partner("northwind"),
        "2026-11-04T10:00:00+01:00",
    );
    let b = submitted("b", "northwind", "2026-11-02T09:00:00+01:00");
    let b = apply(
        &b,
        Event::StartReview,
        &reviewer(),
        "2026-11-02T11:00:00+01:00",
    );
    let b = apply(&b, Event::Approve, &reviewer(), "2026-11-05T09:00:00+01:00");
    let b = apply(
        &b,
        Event::Comment {
            text: "Welcome".into(),
        },
        &reviewer(),
        "2026-11-05T09:30:00+01:00",
    );
    // Another organisation's claim is not this partner's notice.
    let other = submitted("x", "adatum", "2026-11-02T09:00:00+01:00");
    let other = apply(
        &other,
        Event::StartReview,
        &reviewer(),
        "2026-11-04T09:00:00+01:00",
    );

    let since = utc("2026-11-03T00:00:00+01:00");
    let now = t("2026-11-06T12:00:00+01:00");
    let list = notices(&[a, b, other], "northwind", since, now, &Policy::default());
    let got: Vec<(&str, Change, Option<Due>)> = list
        .iter()
        .map(|n| {
            (
                n.claim_id.as_str(),
                n.change.clone(),
                n.deadline.map(|(k, d)| (k, d.to_string())),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("b", Change::Comment, None),
            (
                "b",
                Change::Approved,
                Some((DeadlineKind::ConsentPeriod, "2026-11-12".into()))
            ),
            (
                "a",
                Change::InfoRequested {
                    reasons: vec![InfoReason::MissingOrOldDates]
                },
                // Five business days, over Veterans Day (11 November).
                Some((DeadlineKind::PartnerResponse, "2026-11-12".into()))
            ),
            (
                "a",
                Change::ReviewStarted,
                Some((DeadlineKind::ReviewDecision, "2026-11-10".into()))
            ),
        ]
    );
    assert_eq!(list[1].claim_name, "Claim b");
    assert_eq!(
        list[2].change.text(Locale::En),
        "Information requested: Missing or old dates"
    );
    assert_eq!(
        list[2].change.text(Locale::Sv),
        "Information begärd: Datum saknas eller är gamla"
    );
    // Nothing since a later visit.
    assert!(
        notices(
            &list_claims(),
            "northwind",
            utc("2026-11-06T00:00:00+01:00"),
            now,
            &Policy::default()
        )
        .is_empty()
    );
}

fn list_claims() -> Vec<Claim> {
    vec![submitted("a", "northwind", "2026-11-02T09:00:00+01:00")]
}

#[test]
fn time_driven_changes_and_lost_associations_are_notices_too() {
    let a = submitted("a", "northwind", "2026-11-02T09:00:00+01:00");
    let a = apply(
        &a,
        Event::StartReview,
        &reviewer(),
        "2026-11-02T10:00:00+01:00",
    );
    let a = apply(
        &a,
        Event::RequestInfo {
            reasons: vec![InfoReason::MissingProducts],
            comment: String::new(),
        },
        &reviewer(),
        "2026-11-02T11:00:00+01:00",
    );
    // No response by Monday 9 November: rejected automatically at the
    // start of the 10th.
    let since = utc("2026-11-05T00:00:00+01:00");
    let list = notices(
        std::slice::from_ref(&a),
        "northwind",
        since,
        t("2026-11-20T12:00:00+01:00"),
        &Policy::default(),
    );
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].change,
        Change::Rejected {
            reason: RejectReason::NoPartnerResponse
        }
    );
    assert_eq!(list[0].at, utc("2026-11-10T00:00:00+01:00"));
    assert_eq!(
        list[0].deadline.map(|(k, d)| (k, d.to_string())),
        Some((DeadlineKind::DisputeWindow, "2026-12-10".into()))
    );

    // Another partner's claim is approved: the incumbent is told.
    let mut incumbent = submitted("nw", "northwind", "2026-11-02T09:00:00+01:00");
    incumbent = apply(
        &incumbent,
        Event::StartReview,
        &reviewer(),
        "2026-11-02T10:00:00+01:00",
    );
    incumbent = apply(
        &incumbent,
        Event::Approve,
        &reviewer(),
        "2026-11-02T11:00:00+01:00",
    );
    let challenger = submitted("ad", "adatum", "2026-11-03T09:00:00+01:00");
    let challenger = apply(
        &challenger,
        Event::StartReview,
        &reviewer(),
        "2026-11-03T10:00:00+01:00",
    );
    let (_, lost) = approve_competing(
        &challenger,
        &[incumbent],
        &reviewer(),
        t("2026-11-04T09:00:00+01:00"),
        &Policy::default(),
    )
    .unwrap();
    let list = notices(
        &lost,
        "northwind",
        utc("2026-11-03T00:00:00+01:00"),
        t("2026-11-04T12:00:00+01:00"),
        &Policy::default(),
    );
    assert_eq!(
        list[0].change,
        Change::Rejected {
            reason: RejectReason::CompetingClaim
        }
    );
    assert_eq!(list[0].change.text(Locale::En), "Rejected: Competing claim");
    let text = Change::AssociationEnded {
        products: vec!["teams".into()],
    }
    .text(Locale::En);
    assert_eq!(
        text,
        "Association ended for Microsoft Teams: another partner's claim was approved"
    );
    assert_ne!(
        list[0].key(),
        list.get(1).map(|n| n.key()).unwrap_or_default()
    );
}
