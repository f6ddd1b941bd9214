//! Timers and limits as data (docs/rules.md#timers). The default is the Partner Center guidance;
//! a newer published policy can be selected.
//!
//! ```
//! use cpor_desk::domain::policy::Policy;
//! let p = Policy::default();
//! assert_eq!(p.partner_response_business_days, 5);
//! assert_eq!(Policy::by_id("published-2024").unwrap().partner_response_business_days, 14);
//! ```

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::catalog::Text;
use super::holidays::{DEFAULT_CALENDAR, HolidayCalendar};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    /// Submitted: review starts within this many business days (no automatic action).
    pub review_start_business_days: u32,
    /// Under review: decision within this many business days (no automatic action).
    pub review_decision_business_days: u32,
    /// Partner action required: respond within this many business days, else rejected.
    pub partner_response_business_days: u32,
    /// Approved: customer consent period in calendar days (0 = none).
    pub consent_period_days: u32,
    /// Rejected: dispute window in calendar days.
    pub dispute_window_days: u32,
    /// How many disputes a claim may have.
    pub max_disputes: u32,
    /// Disputed: answer within this many business days (no automatic action).
    pub dispute_answer_business_days: u32,
    /// A subscription can be claimed this many hours after activation.
    pub subscription_claimable_after_hours: u32,
    /// PoE dates older than this many months before the claim's creation count as old.
    pub poe_max_age_months: u32,
    /// The holiday calendar of business days ([`HolidayCalendar`] id, `us`
    /// or `se`); Settings can choose another. Unknown ids count as `us`.
    #[serde(default = "default_calendar")]
    pub calendar: String,
    /// Days off besides weekends and the calendar's holidays (for portals
    /// that pass their own policy to the embeddable module).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::rfc3339::dates"
    )]
    pub holidays: Vec<NaiveDate>,
}

fn default_calendar() -> String {
    DEFAULT_CALENDAR.to_string()
}

/// The JSON source of the built-in policies (compiled to Rust by build.rs:
/// `domain::builtin`).
pub const POLICIES_JSON: &str = include_str!("../../data/policies.json");

impl Policy {
    /// All built-in policies; the first is the default.
    pub fn builtin() -> &'static [Policy] {
        static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
        POLICIES.get_or_init(super::builtin::policies)
    }

    pub fn by_id(id: &str) -> Option<&'static Policy> {
        Policy::builtin().iter().find(|p| p.id == id)
    }

    /// The built-in policy `id` (the default for an unknown one) with the
    /// holiday calendar `calendar` (its own when `None` or unknown): the
    /// policy and calendar chosen in Settings.
    pub fn with_calendar(id: &str, calendar: Option<&str>) -> &'static Policy {
        static VARIANTS: OnceLock<Vec<Policy>> = OnceLock::new();
        let variants = VARIANTS.get_or_init(|| {
            Policy::builtin()
                .iter()
                .flat_map(|p| {
                    HolidayCalendar::all().map(move |c| Policy {
                        calendar: c.id.clone(),
                        ..p.clone()
                    })
                })
                .collect()
        });
        let base = Policy::by_id(id).unwrap_or(&Policy::builtin()[0]);
        let wanted = calendar
            .filter(|c| HolidayCalendar::by_id(c).is_some())
            .unwrap_or(&base.calendar);
        variants
            .iter()
            .find(|p| p.id == base.id && p.calendar == wanted)
            .unwrap_or(base)
    }

    /// The business-day calendar of this policy: its holiday calendar's
    /// days plus its extra `holidays`.
    pub fn calendar(&self) -> Calendar {
        Calendar::shared(HolidayCalendar::holidays_of(&self.calendar)).with_extra(&self.holidays)
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::builtin()[0].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_is_the_seeds_policy() {
        let p = Policy::default();
        assert_eq!(p.review_start_business_days, 5);
        assert_eq!(p.review_decision_business_days, 5);
        assert_eq!(p.partner_response_business_days, 5);
        assert_eq!(p.consent_period_days, 7);
        assert_eq!(p.dispute_window_days, 30);
        assert_eq!(p.max_disputes, 1);
        assert_eq!(p.dispute_answer_business_days, 5);
        assert_eq!(p.subscription_claimable_after_hours, 48);
        assert_eq!(p.calendar, "us");
    }

    #[test]
    fn the_calendar_is_a_setting_of_the_policy() {
        let christmas_eve = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        let good_friday = NaiveDate::from_ymd_opt(2026, 4, 3).unwrap();
        let us = Policy::with_calendar("seeds-2021", None);
        assert_eq!(us.calendar, "us");
        assert!(us.calendar().is_business_day(christmas_eve));
        assert!(us.calendar().is_business_day(good_friday));
        let se = Policy::with_calendar("seeds-2021", Some("se"));
        assert_eq!((se.id.as_str(), se.calendar.as_str()), ("seeds-2021", "se"));
        assert!(!se.calendar().is_business_day(christmas_eve));
        assert!(!se.calendar().is_business_day(good_friday));
        assert_eq!(
            se.partner_response_business_days, 5,
            "only the calendar changes"
        );
        let newer = Policy::with_calendar("published-2024", Some("se"));
        assert_eq!(newer.partner_response_business_days, 14);
        assert_eq!(
            Policy::with_calendar("nope", Some("atlantis")),
            &Policy::default()
        );
        // A portal's own extra days off count too.
        let mut custom = Policy::default();
        custom.holidays.push(christmas_eve);
        assert!(!custom.calendar().is_business_day(christmas_eve));
    }

    #[test]
    fn descriptions_write_each_timer_as_a_sentence_with_the_policys_numbers() {
        use crate::domain::finding::Locale;
        for p in Policy::builtin() {
            let en = p.description.get(Locale::En);
            let sv = p.description.get(Locale::Sv);
            for sentence in [
                format!(
                    "The review starts within {} business days.",
                    p.review_start_business_days
                ),
                format!(
                    "The decision comes within {} business days.",
                    p.review_decision_business_days
                ),
                format!(
                    "You have {} business days to answer a request for information.",
                    p.partner_response_business_days
                ),
                format!(
                    "You can dispute a rejection within {} days.",
                    p.dispute_window_days
                ),
            ] {
                assert!(en.contains(&sentence), "{}: {en}", p.id);
            }
            for sentence in [
                format!(
                    "Granskningen startar inom {} arbetsdagar.",
                    p.review_start_business_days
                ),
                format!(
                    "Beslutet kommer inom {} arbetsdagar.",
                    p.review_decision_business_days
                ),
                format!(
                    "Du har {} arbetsdagar på dig att svara på en begäran om information.",
                    p.partner_response_business_days
                ),
                format!(
                    "Du kan bestrida ett avslag inom {} dagar.",
                    p.dispute_window_days
                ),
            ] {
                assert!(sv.contains(&sentence), "{}: {sv}", p.id);
            }
            let consent = match p.consent_period_days {
                0 => (
                    "There is no consent period",
                    "Det finns ingen medgivandeperiod",
                ),
                _ => (
                    "The customer can deny consent within",
                    "Kunden kan neka medgivande inom",
                ),
            };
            assert!(en.contains(consent.0) && sv.contains(consent.1), "{}", p.id);
            // No list of bare numbers ("decision within 5, 5 business days").
            assert!(!en.contains(", 5") && !sv.contains(", 5"), "{}", p.id);
        }
    }

    #[test]
    fn newer_policy_is_selectable() {
        let p = Policy::by_id("published-2024").unwrap();
        assert_eq!(p.review_decision_business_days, 14);
        assert_eq!(p.partner_response_business_days, 14);
        assert_eq!(p.consent_period_days, 0);
        let json = serde_json::to_string(p).unwrap();
        let back: Policy = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, p);
    }
}
