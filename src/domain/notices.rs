//! Status-change notices: what Microsoft, the customer or the clock did to
//! the organisation's claims since the partner last looked, derived from
//! the claims' history (no server, no stored messages).
//!
//! A notice is a history entry after `since` by anyone but a partner:
//! review started, information requested, approved, rejected, consent
//! denied, consent period ended, association ended (another partner's
//! claim won), or a reviewer's comment. Each names the deadline it starts
//! (the response due day, the end of the consent period, the last day of
//! the dispute window, the review's service level).
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use cpor_desk::domain::claim::{Action, Claim, HistoryEntry, Status};
//! use cpor_desk::domain::notices::{Change, notices};
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::roles::Actor;
//! use cpor_desk::domain::timeline::DeadlineKind;
//!
//! let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let claim = Claim {
//!     id: "c1".into(),
//!     partner_org: cpor_desk::domain::claim::PartnerOrgRef { id: "northwind".into(), name: String::new() },
//!     status: Status::Approved,
//!     history: vec![HistoryEntry {
//!         at: at("2026-11-16T10:00:00Z").to_utc(), actor: Actor::reviewer("Rita"),
//!         action: Action::Approved, from: Some(Status::UnderReview), to: Some(Status::Approved), changes: vec![],
//!     }],
//!     ..Claim::default()
//! };
//! let since = at("2026-11-15T00:00:00Z").to_utc();
//! let list = notices(&[claim], "northwind", since, at("2026-11-17T09:00:00+01:00"), &Policy::default());
//! assert_eq!(list[0].change, Change::Approved);
//! assert_eq!(list[0].deadline.unwrap().0, DeadlineKind::ConsentPeriod);
//! assert_eq!(list[0].deadline.unwrap().1.to_string(), "2026-11-23");
//! ```

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::product_name;
use super::claim::{Action, Claim, InfoReason, RejectReason};
use super::finding::Locale;
use super::policy::Policy;
use super::roles::Actor;
use super::status::local_date;
use super::timeline::DeadlineKind;
use crate::i18n::msg;

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    ReviewStarted,
    InfoRequested {
        reasons: Vec<InfoReason>,
    },
    Approved,
    Rejected {
        reason: RejectReason,
    },
    ConsentDenied,
    ConsentPeriodEnded,
    AssociationEnded {
        products: Vec<String>,
    },
    /// A reviewer wrote in the comments.
    Comment,
}

impl Change {
    /// The change in words ("Approved", "Information requested: Missing
    /// or old dates").
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Change::ReviewStarted => msg::notice_review_started(locale).to_string(),
            Change::InfoRequested { reasons } => msg::notice_info_requested(
                locale,
                reasons
                    .iter()
                    .map(|r| r.label(locale))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Change::Approved => msg::notice_approved(locale).to_string(),
            Change::Rejected { reason } => msg::notice_rejected(locale, reason.label(locale)),
            Change::ConsentDenied => msg::notice_consent_denied(locale).to_string(),
            Change::ConsentPeriodEnded => msg::notice_consent_period_ended(locale).to_string(),
            Change::AssociationEnded { products } => msg::notice_association_ended(
                locale,
                products
                    .iter()
                    .map(|p| product_name(p))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Change::Comment => msg::notice_comment(locale).to_string(),
        }
    }
}

/// One notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub claim_id: String,
    pub claim_name: String,
    pub at: DateTime<Utc>,
    pub change: Change,
    /// The deadline the change starts: which, and its last day.
    pub deadline: Option<(DeadlineKind, NaiveDate)>,
}

impl Notice {
    /// A stable key (claim, time, change), e.g. to tell which notices a
    /// browser notification was already shown for.
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{:?}",
            self.claim_id,
            self.at.to_rfc3339(),
            self.change
        )
    }
}

/// The notices of `org_id`'s claims after `since`, newest first. Pass the
/// claims as stored: the time-driven transitions due at `now` are applied
/// here, so an automatic rejection or the end of a consent period is a
/// notice too.
pub fn notices(
    claims: &[Claim],
    org_id: &str,
    since: DateTime<Utc>,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> Vec<Notice> {
    let offset = *now.offset();
    let mut out: Vec<Notice> = claims
        .iter()
        .filter(|c| c.partner_org.id == org_id)
        .flat_map(|stored| {
            let claim = super::status::advance_cow(stored, now, policy);
            // Made for each notice, not for each claim (most have none).
            let name = || {
                if claim.name.trim().is_empty() {
                    claim.id.clone()
                } else {
                    claim.name.clone()
                }
            };
            let mut disputes = 0;
            let mut list = Vec::new();
            for h in &claim.history {
                if matches!(h.action, Action::Disputed { .. }) {
                    disputes += 1;
                }
                if h.at <= since || matches!(h.actor, Actor::Partner { .. }) {
                    continue;
                }
                let day = local_date(h.at, offset);
                let cal = || policy.calendar();
                let (change, deadline) = match &h.action {
                    Action::ReviewStarted => (
                        Change::ReviewStarted,
                        Some((
                            DeadlineKind::ReviewDecision,
                            cal().add_business_days(
                                day,
                                policy.review_decision_business_days.into(),
                            ),
                        )),
                    ),
                    Action::InfoRequested { reasons, .. } => (
                        Change::InfoRequested {
                            reasons: reasons.clone(),
                        },
                        Some((
                            DeadlineKind::PartnerResponse,
                            cal().add_business_days(
                                day,
                                policy.partner_response_business_days.into(),
                            ),
                        )),
                    ),
                    Action::Approved => {
                        let consent = claim.partner_role.as_deref().is_none_or(|r| {
                            super::catalog::Catalog::builtin()
                                .role(r)
                                .is_none_or(|r| r.consent_email)
                        });
                        let deadline = (consent && policy.consent_period_days > 0)
                            .then(|| {
                                day.checked_add_days(Days::new(policy.consent_period_days.into()))
                            })
                            .flatten()
                            .map(|d| (DeadlineKind::ConsentPeriod, d));
                        (Change::Approved, deadline)
                    }
                    Action::Rejected { reason, .. } => {
                        let disputable = *reason != RejectReason::PartnerRequest
                            && disputes < policy.max_disputes as usize;
                        let deadline = disputable
                            .then(|| {
                                day.checked_add_days(Days::new(policy.dispute_window_days.into()))
                            })
                            .flatten()
                            .map(|d| (DeadlineKind::DisputeWindow, d));
                        (Change::Rejected { reason: *reason }, deadline)
                    }
                    Action::ConsentDenied => (Change::ConsentDenied, None),
                    Action::ConsentPeriodEnded => (Change::ConsentPeriodEnded, None),
                    Action::AssociationEnded { products } => (
                        Change::AssociationEnded {
                            products: products.iter().map(|l| l.product.clone()).collect(),
                        },
                        None,
                    ),
                    Action::Commented => (Change::Comment, None),
                    _ => continue,
                };
                list.push(Notice {
                    claim_id: claim.id.clone(),
                    claim_name: name(),
                    at: h.at,
                    change,
                    deadline,
                });
            }
            list
        })
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then(a.claim_id.cmp(&b.claim_id)));
    out
}
