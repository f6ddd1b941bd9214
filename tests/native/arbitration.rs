//! Issue 15, item 3: one partner per product or subscription. Approving a
//! claim takes the association from every other partner's claim that holds
//! or asks for it, pending, approved or past its consent period; the losing
//! claim is marked (rejected as "Competing claim", or the lost lines leave
//! it) and Microsoft tells its partner in the comments. Tested from both
//! organisations' side, and as the per-claim rule team sync needs.

use crate::support::{self, CONTOSO, FABRIKAM};
use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::claim::{
    Action, Claim, CommentNote, PartnerOrgRef, ProductLine, RejectReason, Status,
};
use cpor_desk::domain::competing::{Association, held_associations, lines_lost_to};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::Actor;
use cpor_desk::domain::status::{
    Event, advance, apply_event, approve_competing, end_association, start_review,
};

const MON: &str = "2026-11-02T10:00:00+01:00";
const LATER: &str = "2026-12-01T10:00:00+01:00";

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn reviewer() -> Actor {
    Actor::reviewer("Rita")
}

/// A claim of `org` for `products` on `tenant`, in `status` (as stored:
/// status and one history entry into it, on Monday).
fn claim(id: &str, org: &str, tenant: &str, products: &[&str], status: Status) -> Claim {
    let mut c = support::mws_claim();
    c.id = id.into();
    c.partner_org = PartnerOrgRef {
        id: org.into(),
        name: org.into(),
    };
    c.tenant_id = tenant.into();
    c.products = products.iter().map(|p| ProductLine::new(*p)).collect();
    c.documents = vec![support::pdf(&format!("{id}-sow"))];
    c.status = status;
    c.history.push(cpor_desk::domain::claim::HistoryEntry {
        at: t(MON).to_utc(),
        actor: reviewer(),
        action: Action::Approved,
        from: None,
        to: Some(status),
        changes: vec![],
    });
    c
}

fn holders(claims: &[Claim], product: &str) -> Vec<String> {
    let mut orgs: Vec<String> = held_associations(claims.iter())
        .into_iter()
        .filter(|a: &Association| a.tenant_id == CONTOSO && a.product == product)
        .map(|a| a.partner_org_id)
        .collect();
    orgs.dedup();
    orgs
}

fn note(c: &Claim) -> Option<&CommentNote> {
    c.comments.last().and_then(|x| x.note.as_ref())
}

#[test]
fn the_challenger_takes_the_association_from_an_approved_incumbent() {
    for incumbent_status in [Status::Approved, Status::ConsentPeriodEnded] {
        let incumbent = claim("nw", "northwind", CONTOSO, &["teams"], incumbent_status);
        let challenger = claim("ad", "adatum", CONTOSO, &["teams"], Status::UnderReview);
        assert_eq!(
            holders(&[incumbent.clone(), challenger.clone()], "teams"),
            ["northwind", "adatum"],
            "two partners compete while the challenger is pending"
        );
        // The review desk approves the challenger.
        let (won, lost) = approve_competing(
            &challenger,
            std::slice::from_ref(&incumbent),
            &reviewer(),
            t(MON),
            &Policy::default(),
        )
        .unwrap();
        assert_eq!(won.status, Status::Approved);
        assert_eq!(lost.len(), 1, "{incumbent_status:?}");
        let lost = &lost[0];
        // The incumbent's side: marked, and told in the comments.
        assert_eq!(lost.status, Status::Rejected);
        assert_eq!(lost.rejection(), Some(RejectReason::CompetingClaim));
        assert_eq!(
            note(lost),
            Some(&CommentNote::AssociationEnded {
                products: vec!["teams".into()]
            })
        );
        assert_eq!(lost.comments.last().unwrap().actor, Actor::System);
        // One partner per association.
        assert_eq!(holders(&[won.clone(), lost.clone()], "teams"), ["adatum"]);
    }
}

#[test]
fn the_rule_holds_per_claim_from_either_organisations_side() {
    // Team sync keeps each organisation's claims in its own database: the
    // loser's side applies the rule to its own claim, given the approved one.
    let incumbent = claim("nw", "northwind", CONTOSO, &["teams"], Status::Approved);
    let challenger = claim("ad", "adatum", CONTOSO, &["teams"], Status::UnderReview);
    let approved = apply_event(
        &challenger,
        &Event::Approve,
        &reviewer(),
        t(MON),
        &Policy::default(),
    )
    .unwrap();
    let lost = end_association(
        &incumbent,
        &approved,
        &reviewer(),
        t(MON),
        &Policy::default(),
    )
    .expect("the incumbent loses");
    assert_eq!(lost.status, Status::Rejected);
    // The winner's side: nothing to change on the winner itself.
    assert_eq!(
        end_association(&approved, &lost, &reviewer(), t(MON), &Policy::default()),
        None,
        "a rejected claim takes nothing"
    );
    // The incumbent disputes and wins in the end: now the other way round.
    let disputed = apply_event(
        &lost,
        &Event::Dispute {
            justification: "We run Teams for them since 2024".into(),
            documents: vec![],
        },
        &support_partner("northwind"),
        t(MON),
        &Policy::default(),
    )
    .unwrap();
    let (back, lost_again) = approve_competing(
        &disputed,
        std::slice::from_ref(&approved),
        &reviewer(),
        t(MON),
        &Policy::default(),
    )
    .unwrap();
    assert_eq!(back.status, Status::Approved);
    assert_eq!(lost_again[0].id, "ad");
    assert_eq!(
        lost_again[0].rejection(),
        Some(RejectReason::CompetingClaim)
    );
    assert_eq!(
        holders(&[back, lost_again[0].clone()], "teams"),
        ["northwind"]
    );
}

fn support_partner(org: &str) -> Actor {
    Actor::partner(
        org,
        cpor_desk::domain::roles::UserRole::IncentivesAdmin,
        "Ada",
    )
}

#[test]
fn only_the_overlapping_lines_move_and_the_rest_stays() {
    let incumbent = claim(
        "nw",
        "northwind",
        CONTOSO,
        &["teams", "intune"],
        Status::Approved,
    );
    let challenger = claim("ad", "adatum", CONTOSO, &["teams"], Status::UnderReview);
    let (_, lost) = approve_competing(
        &challenger,
        std::slice::from_ref(&incumbent),
        &reviewer(),
        t(MON),
        &Policy::default(),
    )
    .unwrap();
    let lost = &lost[0];
    assert_eq!(lost.status, Status::Approved, "it keeps Intune");
    assert_eq!(lost.products, vec![ProductLine::new("intune")]);
    let entry = lost.history.last().unwrap();
    assert_eq!(
        entry.action,
        Action::AssociationEnded {
            products: vec![ProductLine::new("teams")]
        }
    );
    assert_eq!(entry.changes[0].field, "products");
    assert_eq!(entry.to, None, "no status change");
    assert_eq!(
        note(lost),
        Some(&CommentNote::AssociationEnded {
            products: vec!["teams".into()]
        })
    );
    // Its consent period still runs on its own.
    let later = advance(lost, t(LATER), &Policy::default());
    assert_eq!(later.status, Status::ConsentPeriodEnded);
}

#[test]
fn who_loses_what_table() {
    let winner = claim("w", "adatum", CONTOSO, &["teams"], Status::Approved);
    let cases: Vec<(&str, Claim, Vec<usize>)> = vec![
        (
            "pending",
            claim("a", "northwind", CONTOSO, &["teams"], Status::Submitted),
            vec![0],
        ),
        (
            "under review",
            claim("a", "northwind", CONTOSO, &["teams"], Status::UnderReview),
            vec![0],
        ),
        (
            "partner action required",
            claim(
                "a",
                "northwind",
                CONTOSO,
                &["teams"],
                Status::PartnerActionRequired,
            ),
            vec![0],
        ),
        (
            "disputed",
            claim("a", "northwind", CONTOSO, &["teams"], Status::Disputed),
            vec![0],
        ),
        (
            "approved",
            claim("a", "northwind", CONTOSO, &["teams"], Status::Approved),
            vec![0],
        ),
        (
            "consent period ended",
            claim(
                "a",
                "northwind",
                CONTOSO,
                &["teams"],
                Status::ConsentPeriodEnded,
            ),
            vec![0],
        ),
        (
            "second line",
            claim(
                "a",
                "northwind",
                CONTOSO,
                &["intune", "teams"],
                Status::Approved,
            ),
            vec![1],
        ),
        (
            "a draft holds nothing",
            claim("a", "northwind", CONTOSO, &["teams"], Status::Draft),
            vec![],
        ),
        (
            "a rejected claim holds nothing",
            claim("a", "northwind", CONTOSO, &["teams"], Status::Rejected),
            vec![],
        ),
        (
            "consent denied holds nothing",
            claim(
                "a",
                "northwind",
                CONTOSO,
                &["teams"],
                Status::CustomerConsentDenied,
            ),
            vec![],
        ),
        (
            "the own organisation",
            claim("a", "adatum", CONTOSO, &["teams"], Status::Approved),
            vec![],
        ),
        (
            "another workload",
            claim("a", "northwind", CONTOSO, &["intune"], Status::Approved),
            vec![],
        ),
        (
            "another tenant",
            claim("a", "northwind", FABRIKAM, &["teams"], Status::Approved),
            vec![],
        ),
    ];
    for (name, loser, want) in cases {
        assert_eq!(lines_lost_to(&loser, &winner), want, "{name}");
        let changed = end_association(&loser, &winner, &reviewer(), t(MON), &Policy::default());
        assert_eq!(changed.is_some(), !want.is_empty(), "{name}");
    }
    // Business Applications: per subscription.
    let sub = |id: &str, org: &str, sub: &str, status| {
        let mut c = claim(id, org, CONTOSO, &[], status);
        c.solution_area = Some("business_applications".into());
        c.products = vec![ProductLine::with_subscription("d365_sales", sub)];
        c
    };
    let a = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
    let b = "aaaaaaaa-c2d2-41eb-b202-f010e10c6f64";
    let winner = sub("w", "adatum", a, Status::Approved);
    assert_eq!(
        lines_lost_to(&sub("x", "northwind", a, Status::Approved), &winner),
        [0]
    );
    assert_eq!(
        lines_lost_to(
            &sub("x", "northwind", &a.to_uppercase(), Status::Approved),
            &winner
        ),
        [0],
        "compared canonically"
    );
    assert!(lines_lost_to(&sub("x", "northwind", b, Status::Approved), &winner).is_empty());
}

#[test]
fn a_competing_review_is_announced_in_the_comments() {
    let c = claim("ad", "adatum", CONTOSO, &["teams"], Status::Submitted);
    let plain = start_review(&c, false, &reviewer(), t(MON), &Policy::default()).unwrap();
    assert_eq!(plain.status, Status::UnderReview);
    assert!(plain.comments.is_empty());
    let competing = start_review(&c, true, &reviewer(), t(MON), &Policy::default()).unwrap();
    assert_eq!(competing.status, Status::UnderReview);
    assert_eq!(note(&competing), Some(&CommentNote::CompetingReview));
    assert_eq!(competing.comments[0].actor, Actor::System);
    // The note survives the JSON round trip (storage, export, team sync).
    let json = serde_json::to_string(&competing).unwrap();
    assert!(
        json.contains(r#""note":{"type":"competing_review"}"#),
        "{json}"
    );
    let back: Claim = serde_json::from_str(&json).unwrap();
    assert_eq!(back, competing);
}

/// The dashboard's one-pass `competing_ids` (linear in the claims: it keeps
/// at most two organisations per tenant, product and subscription) agrees
/// with `is_competing` asked claim by claim, for any mix of organisations,
/// tenants, per-tenant and per-subscription products, named and unnamed
/// subscriptions, and statuses.
mod one_pass_competing {
    use super::claim;
    use cpor_desk::domain::claim::{ProductLine, Status};
    use cpor_desk::domain::competing::{competing_ids, is_competing};
    use proptest::prelude::*;

    const ORGS: &[&str] = &["northwind", "adatum", "fourth-coffee"];
    const TENANTS: &[&str] = &[
        "1d38bbea-e8d8-407c-9c74-bee089c92c07",
        "5F0C2E6A-4B1D-4C3E-9A8B-7D6E5F4A3B2C",
    ];
    const SUBSCRIPTIONS: &[Option<&str>] = &[
        None,
        Some("0b7f3c2a-1d4e-4f5a-8b9c-0d1e2f3a4b5c"),
        Some("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"),
    ];

    fn line(product: usize, subscription: usize) -> ProductLine {
        let mut line = ProductLine::new(["teams", "d365_sales", "intune"][product]);
        line.subscription_id = SUBSCRIPTIONS[subscription].map(str::to_string);
        line
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_with_is_competing(
            specs in prop::collection::vec(
                (0..ORGS.len(), 0..TENANTS.len(), 0..Status::ALL.len(),
                 prop::collection::vec((0..3usize, 0..SUBSCRIPTIONS.len()), 1..3)),
                0..24,
            )
        ) {
            let claims: Vec<_> = specs
                .iter()
                .enumerate()
                .map(|(i, (org, tenant, status, lines))| {
                    let mut c = claim(&format!("c{i}"), ORGS[*org], TENANTS[*tenant], &[], Status::ALL[*status]);
                    c.products = lines.iter().map(|(p, s)| line(*p, *s)).collect();
                    c
                })
                .collect();
            let fast = competing_ids(&claims);
            for c in &claims {
                prop_assert_eq!(fast.contains(&c.id), is_competing(c, &claims), "{}", c.id);
            }
        }
    }
}
