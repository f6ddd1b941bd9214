//! Issue 15, item 8: the holiday calendar is a setting of the policy
//! (United States or Sweden), and every business-day deadline uses it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use cpor_desk::domain::calendar::Calendar;
use cpor_desk::domain::claim::{Claim, InfoReason};
use cpor_desk::domain::holidays::{HolidayCalendar, easter_sunday};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{Event, advance, apply_event, new_claim, response_due};

use crate::support;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// (calendar, start, business days, expected last day, why)
#[rustfmt::skip]
const CASES: &[(&str, &str, i64, &str, &str)] = &[
    ("us", "2026-12-23", 1, "2026-12-24", "Christmas Eve is a working day in the US"),
    ("se", "2026-12-23", 1, "2026-12-28", "Christmas Eve, Christmas Day and Boxing Day (and a weekend) in Sweden"),
    ("us", "2026-04-02", 1, "2026-04-03", "Good Friday is a working day in the US"),
    ("se", "2026-04-02", 1, "2026-04-07", "Good Friday and Easter Monday in Sweden"),
    ("se", "2026-05-13", 1, "2026-05-15", "Ascension Day (Easter + 39)"),
    ("se", "2026-06-18", 1, "2026-06-22", "Midsummer Eve"),
    ("us", "2026-06-18", 1, "2026-06-22", "Juneteenth"),
    ("us", "2026-11-25", 1, "2026-11-27", "Thanksgiving"),
    ("se", "2026-11-25", 1, "2026-11-26", "no Thanksgiving in Sweden"),
    ("us", "2027-07-02", 1, "2027-07-06", "4 July 2027 is a Sunday: Monday 5 July off"),
    ("se", "2027-01-05", 1, "2027-01-07", "Epiphany"),
];

#[test]
fn business_days_follow_the_chosen_calendar() {
    for &(cal, start, n, want, why) in CASES {
        let policy = Policy::with_calendar("seeds-2021", Some(cal));
        assert_eq!(
            policy.calendar().add_business_days(d(start), n),
            d(want),
            "{cal}: {why}"
        );
        // The same through business_days_between.
        assert_eq!(
            policy.calendar().business_days_between(d(start), d(want)),
            n,
            "{cal}: {why}"
        );
    }
}

#[test]
fn the_response_deadline_moves_with_the_calendar() {
    let partner = Actor::partner(support::ORG, UserRole::IncentivesAdmin, "Ada");
    let reviewer = Actor::reviewer("Rita");
    let mut template = support::mws_claim();
    template.documents = vec![support::pdf("sow")];
    let at = "2026-12-21T10:00:00+01:00";
    let run = |policy: &Policy| -> Claim {
        let c = new_claim("c1", template.clone(), &partner, t(at)).unwrap();
        let c = apply_event(&c, &Event::Submit, &partner, t(at), policy).unwrap();
        let c = apply_event(&c, &Event::StartReview, &reviewer, t(at), policy).unwrap();
        apply_event(
            &c,
            &Event::RequestInfo {
                reasons: vec![InfoReason::MissingProducts],
                comment: String::new(),
            },
            &reviewer,
            t(at),
            policy,
        )
        .unwrap()
    };
    let us = Policy::with_calendar("seeds-2021", Some("us"));
    let se = Policy::with_calendar("seeds-2021", Some("se"));
    let offset = *t(at).offset();
    // From Monday 21 December 2026, five business days.
    assert_eq!(response_due(&run(us), offset, us), Some(d("2026-12-29")));
    assert_eq!(response_due(&run(se), offset, se), Some(d("2026-12-30")));
    // On 30 December the US claim is rejected, the Swedish one is not.
    let later = t("2026-12-30T10:00:00+01:00");
    assert_eq!(advance(&run(us), later, us).status.id(), "rejected");
    assert_eq!(
        advance(&run(se), later, se).status.id(),
        "partner_action_required"
    );
}

#[test]
fn the_calendars_are_data_with_computed_movable_feasts() {
    let ids: Vec<&str> = HolidayCalendar::all().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["us", "se"]);
    for (y, easter) in [
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
    ] {
        assert_eq!(easter_sunday(y), Some(d(easter)));
    }
    // The default policy keeps the US calendar; a portal's own holidays add to it.
    let mut p = Policy::default();
    assert_eq!(p.calendar, "us");
    p.holidays = vec![d("2026-12-24")];
    assert!(!p.calendar().is_business_day(d("2026-12-24")));
    assert_eq!(
        Calendar::default().add_business_days(d("2026-12-24"), 1),
        d("2026-12-25")
    );
    // A policy JSON without a calendar (an older export, a portal) reads as US.
    let json = serde_json::to_value(Policy::default()).unwrap();
    let mut obj = json.as_object().unwrap().clone();
    obj.remove("calendar");
    let back: Policy = serde_json::from_value(serde_json::Value::Object(obj)).unwrap();
    assert_eq!(back.calendar, "us");
}
