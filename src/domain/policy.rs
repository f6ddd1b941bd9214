//! Timers and limits as data (SPEC §9). The default is the seeds' policy;
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
    /// Non-business days besides weekends.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

/// The JSON source of the built-in policies.
pub const POLICIES_JSON: &str = include_str!("../../data/policies.json");

impl Policy {
    /// All built-in policies; the first is the default.
    pub fn builtin() -> &'static [Policy] {
        static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
        POLICIES.get_or_init(|| {
            serde_json::from_str(POLICIES_JSON).expect("data/policies.json is valid (tested)")
        })
    }

    pub fn by_id(id: &str) -> Option<&'static Policy> {
        Policy::builtin().iter().find(|p| p.id == id)
    }

    /// The business-day calendar of this policy.
    pub fn calendar(&self) -> Calendar {
        Calendar::new(self.holidays.iter().copied())
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
