//! The status machine of docs/rules.md#status-machine: every allowed and every refused transition,
//! roles, field locks, the dispute window and the time-driven transitions.

use crate::support;
use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::claim::{
    Action, ChecklistItem, Claim, Contact, DocumentRef, InfoReason, PartnerRequestReason,
    ProductLine, RejectReason, Status,
};
use cpor_desk::domain::finding::Code;
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{
    ClaimPatch, Event, TransitionError, advance, apply_event, approve_competing, copy_as_new,
    new_claim,
};
use cpor_desk::domain::timeline::{DeadlineKind, timeline};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn partner() -> Actor {
    Actor::partner("contoso-partners", UserRole::IncentivesAdmin, "Ada")
}
fn reviewer() -> Actor {
    Actor::reviewer("Rita")
}
fn customer() -> Actor {
    Actor::customer("Carl")
}

fn doc(id: &str) -> DocumentRef {
    support::pdf(id)
}

/// A complete Modern Work and Security claim with one PoE document.
fn ready_claim() -> Claim {
    let template = support::mws_claim();
    let c = new_claim("c1", template, &partner(), t("2026-11-02T09:00:00+01:00")).unwrap();
    apply(
        &c,
        Event::AddDocument {
            document: doc("sow"),
        },
        &partner(),
        "2026-11-02T09:05:00+01:00",
    )
}

fn apply(c: &Claim, e: Event, a: &Actor, now: &str) -> Claim {
    apply_event(c, &e, a, t(now), &Policy::default())
        .unwrap_or_else(|err| panic!("{} refused: {err}", e.name()))
}

fn refuse(c: &Claim, e: Event, a: &Actor, now: &str) -> TransitionError {
    match apply_event(c, &e, a, t(now), &Policy::default()) {
        Ok(next) => panic!("{} was allowed into {:?}", e.name(), next.status),
        Err(err) => err,
    }
}

const MON: &str = "2026-11-02T10:00:00+01:00";

/// A claim in each status, reached through allowed events only.
fn in_status(s: Status) -> Claim {
    let c = ready_claim();
    let submitted = apply(&c, Event::Submit, &partner(), MON);
    let review = apply(&submitted, Event::StartReview, &reviewer(), MON);
    match s {
        Status::Draft => c,
        Status::Submitted => submitted,
        Status::UnderReview => review,
        Status::PartnerActionRequired => apply(
            &review,
            Event::RequestInfo {
                reasons: vec![InfoReason::MissingProducts],
                comment: "Name Teams in the SOW".into(),
            },
            &reviewer(),
            MON,
        ),
        Status::Approved => apply(&review, Event::Approve, &reviewer(), MON),
        Status::Rejected => apply(
            &review,
            Event::Reject {
                reason: RejectReason::InsufficientPoe,
                comment: String::new(),
            },
            &reviewer(),
            MON,
        ),
        Status::Disputed => apply(
            &in_status(Status::Rejected),
            Event::Dispute {
                justification: "The SOW was signed on page 3".into(),
                documents: vec![],
            },
            &partner(),
            MON,
        ),
        Status::CustomerConsentDenied => apply(
            &in_status(Status::Approved),
            Event::DenyConsent,
            &customer(),
            MON,
        ),
        Status::ConsentPeriodEnded => advance(
            &in_status(Status::Approved),
            t("2026-11-20T10:00:00+01:00"),
            &Policy::default(),
        ),
    }
}

fn events() -> Vec<(Event, Actor)> {
    vec![
        (Event::Submit, partner()),
        (Event::StartReview, reviewer()),
        (
            Event::RequestInfo {
                reasons: vec![InfoReason::MissingAllPoe],
                comment: String::new(),
            },
            reviewer(),
        ),
        (Event::Approve, reviewer()),
        (
            Event::Reject {
                reason: RejectReason::CompetingClaim,
                comment: String::new(),
            },
            reviewer(),
        ),
        (
            Event::RequestRejection {
                reason: PartnerRequestReason::WrongMpn,
                comment: String::new(),
            },
            partner(),
        ),
        (Event::DenyConsent, customer()),
        (
            Event::Dispute {
                justification: "please reconsider".into(),
                documents: vec![],
            },
            partner(),
        ),
    ]
}

/// The full table of docs/rules.md#status-machine: (event, from) → Some(to) or None (not allowed).
fn expected(event: &str, from: Status) -> Option<Status> {
    use Status::*;
    match (event, from) {
        ("submit", Draft | PartnerActionRequired) => Some(Submitted),
        ("start_review", Submitted) => Some(UnderReview),
        ("request_info", UnderReview) => Some(PartnerActionRequired),
        ("approve", UnderReview | Disputed) => Some(Approved),
        ("reject", UnderReview | Disputed) => Some(Rejected),
        ("request_rejection", Draft) => None,
        ("request_rejection", s) if !s.is_final() => Some(Rejected),
        ("deny_consent", Approved | ConsentPeriodEnded) => Some(CustomerConsentDenied),
        ("dispute", Rejected) => Some(Disputed),
        _ => None,
    }
}

#[test]
fn every_status_event_pair_follows_the_table() {
    let mut allowed = 0;
    let mut refused = 0;
    for &from in Status::ALL {
        let claim = in_status(from);
        assert_eq!(claim.status, from);
        for (event, actor) in events() {
            let result = apply_event(&claim, &event, &actor, t(MON), &Policy::default());
            match (expected(event.name(), from), result) {
                (Some(to), Ok(next)) => {
                    allowed += 1;
                    assert_eq!(next.status, to, "{} from {from:?}", event.name());
                    assert_eq!(next.history.len(), claim.history.len() + 1);
                    let last = next.history.last().unwrap();
                    assert_eq!((last.from, last.to), (Some(from), Some(to)));
                    assert_eq!(last.actor, actor);
                }
                (None, Err(err)) => {
                    refused += 1;
                    assert_eq!(
                        err.code(),
                        Code::TransitionNotAllowed,
                        "{} from {from:?}: {err}",
                        event.name()
                    );
                }
                (want, got) => panic!("{} from {from:?}: want {want:?}, got {got:?}", event.name()),
            }
        }
    }
    assert_eq!(allowed + refused, Status::ALL.len() * 8);
    assert_eq!(allowed, 16);
}

#[test]
fn wrong_roles_are_refused_by_the_domain() {
    let viewer = Actor::partner("contoso-partners", UserRole::ReferralsAdmin, "Vic");
    let other_org = Actor::partner("fabrikam-partners", UserRole::GlobalAdmin, "Olle");
    for (event, right) in events() {
        let from = Status::ALL
            .iter()
            .copied()
            .find(|s| expected(event.name(), *s).is_some())
            .unwrap();
        let claim = in_status(from);
        let wrong: Vec<Actor> = [
            partner(),
            reviewer(),
            customer(),
            Actor::System,
            viewer.clone(),
            other_org.clone(),
        ]
        .into_iter()
        .filter(|a| *a != right)
        .collect();
        for actor in wrong {
            let err = refuse(&claim, event.clone(), &actor, MON);
            assert_eq!(
                err.code(),
                Code::TransitionForbiddenRole,
                "{} by {actor:?}",
                event.name()
            );
        }
    }
}

#[test]
fn submit_needs_poe_unless_revenue_association() {
    let mut c = ready_claim();
    c.documents.clear();
    let err = refuse(&c, Event::Submit, &partner(), MON);
    assert_eq!(err.code(), Code::PoeRequired);

    let mut rev = c.clone();
    rev.solution_area = Some("business_applications".into());
    rev.partner_role = Some("influenced_revenue".into());
    rev.products = vec![ProductLine::with_subscription(
        "d365_sales",
        support::CONTOSO_SALES,
    )];
    let next = apply(&rev, Event::Submit, &partner(), MON);
    assert_eq!(next.status, Status::Submitted);
}

#[test]
fn submit_is_refused_with_the_findings_of_an_incomplete_claim() {
    let mut c = ready_claim();
    c.tenant_id = "not-a-guid".into();
    c.partner_contact.email = "ada@adatum".into();
    let err = refuse(&c, Event::Submit, &partner(), MON);
    let codes: Vec<Code> = err.findings().iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::TenantFormat), "{codes:?}");
    assert!(codes.contains(&Code::EmailFormat), "{codes:?}");
}

#[test]
fn draft_allows_any_field_and_records_before_and_after() {
    let c = ready_claim();
    let patch = ClaimPatch {
        name: Some("Renamed".into()),
        tenant_id: Some(support::FABRIKAM.into()),
        customer_domain: Some(support::FABRIKAM_DOMAIN.into()),
        ..ClaimPatch::default()
    };
    let next = apply(
        &c,
        Event::Edit {
            fields: Box::new(patch),
        },
        &partner(),
        MON,
    );
    assert_eq!(next.name, "Renamed");
    let last = next.history.last().unwrap();
    assert_eq!(last.action, Action::Edited);
    let fields: Vec<&str> = last.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["name", "customerDomain", "tenantId"]);
    assert_eq!(
        last.changes[0].before,
        serde_json::json!("Contoso Teams rollout")
    );
    assert_eq!(last.changes[0].after, serde_json::json!("Renamed"));
}

#[test]
fn after_submit_only_location_products_and_contacts_change() {
    for from in [Status::Submitted, Status::PartnerActionRequired] {
        let c = in_status(from);
        let ok = ClaimPatch {
            partner_location: Some("7654321".into()),
            products: Some(vec![ProductLine::new("teams"), ProductLine::new("intune")]),
            customer_contact: Some(Contact {
                name: "Cleo".into(),
                email: "cleo@contoso.com".into(),
                phone: None,
            }),
            partner_contact: Some(c.partner_contact.clone()),
            // Unchanged locked values are not a change.
            name: Some(c.name.clone()),
            ..ClaimPatch::default()
        };
        let next = apply(
            &c,
            Event::Edit {
                fields: Box::new(ok),
            },
            &partner(),
            MON,
        );
        assert_eq!(next.status, from);
        assert_eq!(next.partner_location, "7654321");
        assert_eq!(next.products.len(), 2);

        for (field, patch) in [
            (
                "name",
                ClaimPatch {
                    name: Some("x".into()),
                    ..Default::default()
                },
            ),
            (
                "solutionArea",
                ClaimPatch {
                    solution_area: Some("business_applications".into()),
                    ..Default::default()
                },
            ),
            (
                "partnerRole",
                ClaimPatch {
                    partner_role: Some("usage_recognition".into()),
                    ..Default::default()
                },
            ),
            (
                "customerName",
                ClaimPatch {
                    customer_name: Some("Other".into()),
                    ..Default::default()
                },
            ),
            (
                "customerDomain",
                ClaimPatch {
                    customer_domain: Some(support::FABRIKAM_DOMAIN.into()),
                    ..Default::default()
                },
            ),
            (
                "tenantId",
                ClaimPatch {
                    tenant_id: Some(support::FABRIKAM.into()),
                    ..Default::default()
                },
            ),
        ] {
            // A locked field refuses the whole edit, even with allowed fields in it.
            let mut mixed = patch.clone();
            mixed.partner_location = Some("7777777".into());
            for p in [patch, mixed] {
                match refuse(
                    &c,
                    Event::Edit {
                        fields: Box::new(p),
                    },
                    &partner(),
                    MON,
                ) {
                    TransitionError::FieldLocked { field: f, .. } => assert_eq!(f, field),
                    other => panic!("{other}"),
                }
            }
        }
        // Documents can still be added; removed (withdrawn) only when the
        // reviewer asked for more information.
        let next = apply(
            &c,
            Event::AddDocument {
                document: doc("more"),
            },
            &partner(),
            MON,
        );
        assert_eq!(next.documents.len(), 2);
        let remove = Event::RemoveDocument { id: "sow".into() };
        if from == Status::PartnerActionRequired {
            let next = apply(&c, remove, &partner(), MON);
            assert!(next.documents.is_empty());
            let last = next.history.last().unwrap();
            assert_eq!(
                last.action,
                Action::DocumentRemoved {
                    id: "sow".into(),
                    name: doc("sow").name
                }
            );
            assert_eq!(next.status, Status::PartnerActionRequired);
        } else {
            let err = refuse(&c, remove, &partner(), MON);
            assert_eq!(err.code(), Code::EditFieldLocked);
        }
    }
}

#[test]
fn only_a_draft_can_be_deleted_and_only_by_its_partner() {
    for &s in Status::ALL {
        let c = in_status(s);
        match apply_event(&c, &Event::Delete, &partner(), t(MON), &Policy::default()) {
            Ok(gone) => {
                assert_eq!(s, Status::Draft);
                // The last state of the draft, for a tombstone.
                assert_eq!(gone.status, Status::Draft);
                let last = gone.history.last().unwrap();
                assert_eq!(
                    (last.action.clone(), last.actor.clone()),
                    (Action::Deleted, partner())
                );
                assert_eq!((last.from, last.to), (None, None));
            }
            Err(err) => {
                assert_ne!(s, Status::Draft);
                assert_eq!(err.code(), Code::TransitionNotAllowed, "{s:?}");
            }
        }
    }
    let draft = in_status(Status::Draft);
    let viewer = Actor::partner("contoso-partners", UserRole::ReferralsAdmin, "Vic");
    let other_org = Actor::partner("fabrikam-partners", UserRole::GlobalAdmin, "Olle");
    for actor in [reviewer(), customer(), Actor::System, viewer, other_org] {
        let err = refuse(&draft, Event::Delete, &actor, MON);
        assert_eq!(err.code(), Code::TransitionForbiddenRole, "{actor:?}");
    }
    let json = serde_json::to_value(Event::Delete).unwrap();
    assert_eq!(json, serde_json::json!({"type": "delete"}));
}

#[test]
fn elsewhere_every_field_is_locked() {
    for &s in Status::ALL {
        if matches!(
            s,
            Status::Draft | Status::Submitted | Status::PartnerActionRequired
        ) {
            continue;
        }
        let c = in_status(s);
        let patch = ClaimPatch {
            partner_location: Some("7654321".into()),
            ..ClaimPatch::default()
        };
        let err = refuse(
            &c,
            Event::Edit {
                fields: Box::new(patch),
            },
            &partner(),
            MON,
        );
        assert_eq!(err.code(), Code::EditFieldLocked, "{s:?}");
        let err = refuse(
            &c,
            Event::AddDocument {
                document: doc("late"),
            },
            &partner(),
            MON,
        );
        assert_eq!(err.code(), Code::EditFieldLocked, "{s:?}");
    }
}

#[test]
fn comments_in_any_state_by_partner_or_reviewer() {
    for &s in Status::ALL {
        let c = in_status(s);
        for a in [partner(), reviewer()] {
            let next = apply(
                &c,
                Event::Comment {
                    text: "Hello".into(),
                },
                &a,
                MON,
            );
            assert_eq!(next.comments.last().unwrap().text, "Hello");
            assert_eq!(next.status, c.status);
        }
        let err = refuse(&c, Event::Comment { text: "Hi".into() }, &customer(), MON);
        assert_eq!(err.code(), Code::TransitionForbiddenRole);
        let err = refuse(&c, Event::Comment { text: "  ".into() }, &partner(), MON);
        assert_eq!(err.code(), Code::TextRequired);
    }
}

#[test]
fn dispute_window_is_30_calendar_days_and_one_dispute() {
    // Rejected on Monday 2026-11-02: the last day to dispute is 2026-12-02.
    let rejected = in_status(Status::Rejected);
    let dispute = Event::Dispute {
        justification: "New SOW attached".into(),
        documents: vec![doc("sow-v2")],
    };
    let ok = apply(
        &rejected,
        dispute.clone(),
        &partner(),
        "2026-12-02T23:59:00+01:00",
    );
    assert_eq!(ok.status, Status::Disputed);
    assert_eq!(ok.documents.len(), 2);

    let err = refuse(
        &rejected,
        dispute.clone(),
        &partner(),
        "2026-12-03T00:00:01+01:00",
    );
    assert_eq!(err.code(), Code::TransitionWindowClosed);

    // Only one dispute: reject the disputed claim again and try once more.
    let again = apply(
        &ok,
        Event::Reject {
            reason: RejectReason::InsufficientPoe,
            comment: String::new(),
        },
        &reviewer(),
        "2026-12-03T10:00:00+01:00",
    );
    let err = refuse(
        &again,
        dispute.clone(),
        &partner(),
        "2026-12-04T10:00:00+01:00",
    );
    assert_eq!(err.code(), Code::TransitionNotAllowed);

    // A rejection the partner asked for is not disputed.
    let asked = apply(
        &in_status(Status::Submitted),
        Event::RequestRejection {
            reason: PartnerRequestReason::WrongActivity,
            comment: String::new(),
        },
        &partner(),
        MON,
    );
    assert_eq!(asked.rejection(), Some(RejectReason::PartnerRequest));
    let err = refuse(&asked, dispute, &partner(), MON);
    assert_eq!(err.code(), Code::TransitionNotAllowed);

    // An empty dispute says what is missing.
    let err = refuse(
        &rejected,
        Event::Dispute {
            justification: " ".into(),
            documents: vec![],
        },
        &partner(),
        MON,
    );
    assert_eq!(err.code(), Code::TextRequired);
}

#[test]
fn after_the_window_a_new_claim_can_be_copied() {
    let rejected = in_status(Status::Rejected);
    let copy = copy_as_new(&rejected, "c2", &partner(), t("2027-01-10T10:00:00+01:00")).unwrap();
    assert_eq!(copy.status, Status::Draft);
    assert_eq!(copy.id, "c2");
    assert!(copy.documents.is_empty(), "new PoE is needed");
    assert_eq!(copy.tenant_id, rejected.tenant_id);
    assert_eq!(copy.products, rejected.products);
    assert_eq!(copy.history.len(), 1);
    assert_eq!(
        copy.history[0].action,
        Action::Created {
            copied_from: Some("c1".into())
        }
    );
    let viewer = Actor::partner("contoso-partners", UserRole::AccountAdmin, "Vic");
    assert!(copy_as_new(&rejected, "c3", &viewer, t(MON)).is_err());
}

#[test]
fn no_response_within_5_business_days_rejects_automatically() {
    // Info requested Monday 2026-11-02 → due Monday 2026-11-09 (5 business days).
    let par = in_status(Status::PartnerActionRequired);
    let p = Policy::default();
    let on_due_day = advance(&par, t("2026-11-09T23:00:00+01:00"), &p);
    assert_eq!(on_due_day.status, Status::PartnerActionRequired);
    let after = advance(&par, t("2026-11-10T00:00:00+01:00"), &p);
    assert_eq!(after.status, Status::Rejected);
    assert_eq!(after.rejection(), Some(RejectReason::NoPartnerResponse));
    let last = after.history.last().unwrap();
    assert_eq!(last.actor, Actor::System);
    assert_eq!(last.at, t("2026-11-10T00:00:00+01:00").to_utc());

    // A resubmit after the deadline meets the rejected claim.
    let err = refuse(&par, Event::Submit, &partner(), "2026-11-12T10:00:00+01:00");
    assert_eq!(err.code(), Code::TransitionNotAllowed);
    // On the due day it still goes through.
    let ok = apply(&par, Event::Submit, &partner(), "2026-11-09T16:00:00+01:00");
    assert_eq!(ok.status, Status::Submitted);

    // The newer policy gives 14 business days.
    let newer = Policy::by_id("published-2024").unwrap();
    let later = advance(&par, t("2026-11-12T10:00:00+01:00"), newer);
    assert_eq!(later.status, Status::PartnerActionRequired);
}

#[test]
fn consent_period_ends_after_7_calendar_days() {
    let approved = in_status(Status::Approved);
    let p = Policy::default();
    assert_eq!(
        advance(&approved, t("2026-11-09T23:59:00+01:00"), &p).status,
        Status::Approved
    );
    let ended = advance(&approved, t("2026-11-10T00:00:00+01:00"), &p);
    assert_eq!(ended.status, Status::ConsentPeriodEnded);
    // The customer may deny consent at any time, also after the period.
    let denied = apply(
        &ended,
        Event::DenyConsent,
        &customer(),
        "2027-03-01T10:00:00+01:00",
    );
    assert_eq!(denied.status, Status::CustomerConsentDenied);
    // No consent period under the newer policy.
    let newer = Policy::by_id("published-2024").unwrap();
    assert_eq!(
        advance(&approved, t(MON), newer).status,
        Status::ConsentPeriodEnded
    );
}

#[test]
fn revenue_association_has_no_consent_step() {
    let mut c = ready_claim();
    c.solution_area = Some("business_applications".into());
    c.partner_role = Some("influenced_revenue".into());
    c.products = vec![ProductLine::with_subscription(
        "d365_sales",
        support::CONTOSO_SALES,
    )];
    let c = apply(&c, Event::Submit, &partner(), MON);
    let c = apply(&c, Event::StartReview, &reviewer(), MON);
    let c = apply(&c, Event::Approve, &reviewer(), MON);
    let later = advance(&c, t("2027-06-01T10:00:00+01:00"), &Policy::default());
    assert_eq!(later.status, Status::Approved);
    let err = refuse(&c, Event::DenyConsent, &customer(), MON);
    assert_eq!(err.code(), Code::TransitionNotAllowed);
}

#[test]
fn timeline_shows_open_deadlines_with_days_left_or_overdue() {
    let p = Policy::default();
    let cases = [
        (
            Status::Submitted,
            "2026-11-04T10:00:00+01:00",
            DeadlineKind::ReviewStart,
            "2026-11-09",
            3,
        ),
        (
            // Wednesday 11 November (Veterans Day) is a US holiday.
            Status::Submitted,
            "2026-11-12T10:00:00+01:00",
            DeadlineKind::ReviewStart,
            "2026-11-09",
            -2,
        ),
        (
            Status::UnderReview,
            "2026-11-02T10:00:00+01:00",
            DeadlineKind::ReviewDecision,
            "2026-11-09",
            5,
        ),
        (
            Status::PartnerActionRequired,
            "2026-11-06T10:00:00+01:00",
            DeadlineKind::PartnerResponse,
            "2026-11-09",
            1,
        ),
        (
            Status::Approved,
            "2026-11-03T10:00:00+01:00",
            DeadlineKind::ConsentPeriod,
            "2026-11-09",
            6,
        ),
        (
            Status::Rejected,
            "2026-11-30T10:00:00+01:00",
            DeadlineKind::DisputeWindow,
            "2026-12-02",
            2,
        ),
        (
            Status::Disputed,
            "2026-11-02T10:00:00+01:00",
            DeadlineKind::DisputeAnswer,
            "2026-11-09",
            5,
        ),
    ];
    for (status, now, kind, due, left) in cases {
        let tl = timeline(&in_status(status), t(now), &p);
        assert_eq!(tl.status, status);
        assert_eq!(tl.deadlines.len(), 1, "{status:?}");
        let d = &tl.deadlines[0];
        assert_eq!(
            (d.kind, d.due.to_string(), d.left),
            (kind, due.to_string(), left),
            "{status:?}"
        );
    }
    let d = &timeline(
        &in_status(Status::Submitted),
        t("2026-11-12T10:00:00+01:00"),
        &p,
    )
    .deadlines[0];
    assert_eq!(
        d.describe(cpor_desk::domain::finding::Locale::En),
        "overdue by 2 business days"
    );
    assert_eq!(
        d.describe(cpor_desk::domain::finding::Locale::Sv),
        "försenad med 2 arbetsdagar"
    );
    // Final states have no open deadline; past events carry date and actor.
    let tl = timeline(&in_status(Status::CustomerConsentDenied), t(MON), &p);
    assert!(tl.deadlines.is_empty());
    assert_eq!(tl.events.last().unwrap().actor, customer());
    assert_eq!(tl.events[0].date.to_string(), "2026-11-02");
    // After the window the dispute deadline disappears.
    let tl = timeline(
        &in_status(Status::Rejected),
        t("2026-12-10T10:00:00+01:00"),
        &p,
    );
    assert!(tl.deadlines.is_empty());
}

#[test]
fn approving_one_competing_claim_rejects_the_other() {
    let mine = in_status(Status::UnderReview);
    let mut theirs = in_status(Status::Submitted);
    theirs.id = "c9".into();
    theirs.partner_org.id = "fabrikam-partners".into();
    let (approved, losers) =
        approve_competing(&mine, &[theirs], &reviewer(), t(MON), &Policy::default()).unwrap();
    assert_eq!(approved.status, Status::Approved);
    assert_eq!(losers.len(), 1);
    assert_eq!(losers[0].status, Status::Rejected);
    assert_eq!(losers[0].rejection(), Some(RejectReason::CompetingClaim));
}

#[test]
fn checklist_ticks_are_recorded_once() {
    let c = ready_claim();
    let tick = Event::TickChecklist {
        document: "sow".into(),
        item: ChecklistItem::Acknowledgement,
        value: true,
    };
    let next = apply(&c, tick.clone(), &partner(), MON);
    assert!(next.documents[0].checklist.acknowledgement);
    let same = apply(&next, tick, &partner(), MON);
    assert_eq!(same.history.len(), next.history.len());
}

#[test]
fn time_runs_in_the_users_time_zone() {
    // Info requested at 23:30 UTC on Thursday 2026-11-05 is Friday in Stockholm.
    let par = {
        let review = in_status(Status::UnderReview);
        apply(
            &review,
            Event::RequestInfo {
                reasons: vec![InfoReason::MissingOrOldDates],
                comment: String::new(),
            },
            &reviewer(),
            "2026-11-05T23:30:00+00:00",
        )
    };
    let p = Policy::default();
    let utc = timeline(&par, t("2026-11-07T10:00:00+00:00"), &p);
    let cet = timeline(&par, t("2026-11-07T10:00:00+01:00"), &p);
    // Five business days over Veterans Day (Wednesday 11 November, a US
    // holiday): from Thursday due the next Friday, from Friday the Monday after.
    assert_eq!(utc.deadlines[0].due.to_string(), "2026-11-13");
    assert_eq!(cet.deadlines[0].due.to_string(), "2026-11-16");
}

/// `advance_cow` (the CSV and calendar exports, the dashboard's rows, the
/// notices) gives `advance`'s claim for every status, and copies exactly
/// the claims a time-driven transition is due for.
#[test]
fn advance_cow_is_advance_and_borrows_the_rest() {
    use cpor_desk::domain::claim::PartnerOrgRef;
    use cpor_desk::domain::dashboard::sample_claims;
    use cpor_desk::domain::status::{advance, advance_cow};
    use std::borrow::Cow;
    let org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    let start = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
    let policy = Policy::default();
    let claims = sample_claims(300, &org, start);
    let mut copied = 0;
    for now in [start, start + chrono::Duration::days(400)] {
        for c in &claims {
            let cow = advance_cow(c, now, &policy);
            let advanced = advance(c, now, &policy);
            assert_eq!(*cow, advanced, "{}", c.id);
            assert_eq!(matches!(cow, Cow::Owned(_)), advanced != *c, "{}", c.id);
            if matches!(cow, Cow::Owned(_)) {
                copied += 1;
                assert!(matches!(
                    c.status,
                    Status::PartnerActionRequired | Status::Approved
                ));
            }
        }
    }
    assert!(copied > 0 && copied < 2 * claims.len(), "{copied}");
}
