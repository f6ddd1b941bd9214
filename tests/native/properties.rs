//! Property tests: invariants over random inputs and random event sequences.
use crate::support;
use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate};
use cpor_desk::domain::calendar::Calendar;
use cpor_desk::domain::claim::{
    Claim, DocumentRef, InfoReason, PartnerRequestReason, RejectReason, Status,
};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{ClaimPatch, Event, advance, apply_event, new_claim};
use cpor_desk::domain::timeline::timeline;
use proptest::prelude::*;

fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (0i64..3650).prop_map(|d| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(d as u64))
}

fn calendar_strategy() -> impl Strategy<Value = Calendar> {
    prop::collection::vec(date_strategy(), 0..40).prop_map(Calendar::new)
}

proptest! {
    #[test]
    fn add_business_days_lands_on_a_business_day_and_agrees_with_between(
        cal in calendar_strategy(), d in date_strategy(), n in 1i64..400,
    ) {
        let later = cal.add_business_days(d, n);
        prop_assert!(cal.is_business_day(later));
        prop_assert!(later > d);
        prop_assert_eq!(cal.business_days_between(d, later), n);
        // Nothing in between is skipped: one day earlier has n-1.
        prop_assert_eq!(cal.business_days_between(d, later - Days::new(1)), n - 1);
        let earlier = cal.add_business_days(d, -n);
        prop_assert!(cal.is_business_day(earlier));
        // (earlier, d] holds the n-1 business days strictly between, and d itself if it is one.
        let d_counts = i64::from(cal.is_business_day(d));
        prop_assert_eq!(cal.business_days_between(earlier, d), n - 1 + d_counts);
    }

    #[test]
    fn business_days_between_is_additive_and_antisymmetric(
        cal in calendar_strategy(), a in date_strategy(), b in date_strategy(), c in date_strategy(),
    ) {
        prop_assert_eq!(cal.business_days_between(a, b), -cal.business_days_between(b, a));
        prop_assert_eq!(
            cal.business_days_between(a, c),
            cal.business_days_between(a, b) + cal.business_days_between(b, c)
        );
        // Brute force agreement.
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let mut count = 0;
        let mut day = lo;
        while day < hi {
            day = day + Days::new(1);
            if cal.is_business_day(day) { count += 1; }
        }
        prop_assert_eq!(cal.business_days_between(lo, hi), count);
    }
}

fn partner() -> Actor {
    Actor::partner(support::ORG, UserRole::IncentivesUser, "Ada")
}

fn actors() -> Vec<Actor> {
    vec![
        partner(),
        Actor::partner(support::ORG, UserRole::AccountAdmin, "Viewer"),
        Actor::partner("fabrikam-partners", UserRole::GlobalAdmin, "Other org"),
        Actor::reviewer("Rita"),
        Actor::customer("Carl"),
        Actor::System,
    ]
}

fn event_strategy() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Submit),
        Just(Event::StartReview),
        prop::sample::subsequence(InfoReason::ALL.to_vec(), 0..3).prop_map(|reasons| {
            Event::RequestInfo {
                reasons,
                comment: "please".into(),
            }
        }),
        Just(Event::Approve),
        prop::sample::select(vec![
            RejectReason::InsufficientPoe,
            RejectReason::CompetingClaim,
            RejectReason::NoPartnerResponse,
        ])
        .prop_map(|reason| Event::Reject {
            reason,
            comment: String::new()
        }),
        prop::sample::select(PartnerRequestReason::ALL.to_vec()).prop_map(|reason| {
            Event::RequestRejection {
                reason,
                comment: String::new(),
            }
        }),
        Just(Event::DenyConsent),
        "[a-z ]{0,8}".prop_map(|j| Event::Dispute {
            justification: j,
            documents: vec![]
        }),
        prop::option::of("[0-9]{5,8}").prop_map(|mpn| Event::Edit {
            fields: Box::new(ClaimPatch {
                partner_location: mpn,
                name: None,
                ..ClaimPatch::default()
            })
        }),
        Just(Event::Edit {
            fields: Box::new(ClaimPatch {
                name: Some("Renamed".into()),
                ..ClaimPatch::default()
            })
        }),
        "[a-z]{0,5}".prop_map(|text| Event::Comment { text }),
        "[a-c]".prop_map(|id| Event::AddDocument {
            document: DocumentRef {
                id,
                name: "x.pdf".into(),
                size: 1,
                kind: "pdf".into(),
                ..DocumentRef::default()
            }
        }),
        "[a-c]".prop_map(|id| Event::RemoveDocument { id }),
    ]
}

fn base_claim(now: DateTime<FixedOffset>) -> Claim {
    new_claim("c1", support::mws_claim(), &partner(), now).unwrap()
}

/// The statuses an event may lead to from a status (time-driven steps included).
fn legal_step(from: Status, to: Status) -> bool {
    use Status::*;
    from == to
        || matches!(
            (from, to),
            (Draft, Submitted)
                | (PartnerActionRequired, Submitted)
                | (Submitted, UnderReview)
                | (UnderReview, PartnerActionRequired)
                | (UnderReview | Disputed, Approved)
                | (UnderReview | Disputed, Rejected)
                | (Approved | ConsentPeriodEnded, CustomerConsentDenied)
                | (Rejected, Disputed)
                | (Approved, ConsentPeriodEnded)
                | (PartnerActionRequired, Rejected)
        )
        // Request rejection: not from a draft, which is deleted instead.
        || (to == Rejected && !from.is_final() && from != Draft)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_event_sequences_never_reach_an_illegal_state(
        steps in prop::collection::vec((event_strategy(), 0usize..6, 0i64..200), 1..40),
        newer in any::<bool>(),
    ) {
        let policy = if newer { Policy::by_id("published-2024").unwrap().clone() } else { Policy::default() };
        let mut now = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+01:00").unwrap();
        let mut claim = base_claim(now);
        let actors = actors();
        for (event, actor_ix, hours) in steps {
            now += Duration::hours(hours);
            let before = advance(&claim, now, &policy);
            // Time only moves forward through legal steps, history only grows.
            prop_assert!(before.history.len() >= claim.history.len());
            prop_assert_eq!(&before.history[..claim.history.len()], &claim.history[..]);
            match apply_event(&claim, &event, &actors[actor_ix], now, &policy) {
                Ok(next) => {
                    prop_assert!(legal_step(before.status, next.status), "{:?} -> {:?} by {}", before.status, next.status, event.name());
                    prop_assert!(next.history.len() >= before.history.len());
                    prop_assert_eq!(&next.history[..before.history.len()], &before.history[..]);
                    // Every status change is logged with its from/to.
                    if next.status != before.status {
                        let last = next.history.last().unwrap();
                        prop_assert_eq!((last.from, last.to), (Some(before.status), Some(next.status)));
                    }
                    // Locked fields never change after submission.
                    if before.status != Status::Draft {
                        prop_assert_eq!(&next.name, &before.name);
                        prop_assert_eq!(&next.tenant_id, &before.tenant_id);
                    }
                    // Submitted claims always had PoE.
                    if next.status == Status::Submitted {
                        prop_assert!(!next.documents.is_empty());
                    }
                    claim = next;
                }
                Err(_) => {
                    // A refused event changes nothing that is stored.
                }
            }
            prop_assert!(claim.disputes_used() <= policy.max_disputes as usize);
            // The timeline never panics and lists at most one open deadline.
            prop_assert!(timeline(&claim, now, &policy).deadlines.len() <= 1);
        }
    }

    #[test]
    fn claims_round_trip_through_json(
        steps in prop::collection::vec((event_strategy(), 0usize..6, 0i64..100), 0..20),
    ) {
        let policy = Policy::default();
        let mut now = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+00:00").unwrap();
        let mut claim = base_claim(now);
        let actors = actors();
        for (event, actor_ix, hours) in steps {
            now += Duration::hours(hours);
            if let Ok(next) = apply_event(&claim, &event, &actors[actor_ix], now, &policy) {
                claim = next;
            }
        }
        let json = serde_json::to_string(&claim).unwrap();
        let back: Claim = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, claim);
    }
}
