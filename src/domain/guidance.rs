//! "What you can do" on the claim page: the next steps of a claim as data
//! (the page renders them from the message catalogs).
//!
//! - Partner action required: the reviewer's own reasons and comment, and
//!   the day the response is due (never the pre-check's guess).
//! - Rejected: the reviewer's reason and comment.
//! - Approved: what approval means (the association, not a payment) and
//!   until when the customer may deny consent; after the consent period,
//!   that the incentive program evaluates eligibility.
//! - Customer consent denied: nothing more on this claim; a new claim
//!   only once the customer agrees.
//! - A claimed subscription the directory reports as no longer active or
//!   in grace: the subscription ID changes on expiry, so a new claim with
//!   the new ID is needed.
//! - Products another partner's approved claim took over.
//!
//! [`offers_new_claim`] says when "Create a new claim from this one" is
//! offered, and [`without_ended_subscriptions`] prepares that copy.
//!
//! ```
//! use chrono::DateTime;
//! use cpor_desk::domain::claim::{Claim, Status};
//! use cpor_desk::domain::guidance::{NextStep, next_steps};
//! use cpor_desk::domain::policy::Policy;
//! let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
//! let denied = Claim { status: Status::CustomerConsentDenied, ..Claim::default() };
//! assert_eq!(next_steps(&denied, now, &Policy::default(), None), [NextStep::ConsentDenied]);
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::claim::{Action, Claim, InfoReason, RejectReason, Status};
use super::directory::{Directory, SubscriptionStatus};
use super::ids::{canonical_guid, validate_tenant_id};
use super::policy::Policy;
use super::status::{advance, can_dispute, consent_period_end, local_date, response_due};

/// One next step of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum NextStep {
    /// Partner action required: what the reviewer asked for, and the last
    /// day to respond (by changing the claim or adding PoE and submitting
    /// again; a comment alone is not a response).
    Respond {
        reasons: Vec<InfoReason>,
        comment: String,
        due: Option<NaiveDate>,
    },
    /// Rejected: why (the reviewer's or the system's reason) and the
    /// reviewer's comment.
    Rejected {
        reason: RejectReason,
        comment: String,
    },
    /// Approved: the association is recorded; the customer may deny
    /// consent until `consent_until` (none: no consent period).
    Approved { consent_until: Option<NaiveDate> },
    /// Consent period ended: sent for incentive evaluation; the incentive
    /// program decides eligibility.
    SentForEvaluation,
    /// Customer consent denied: the association is not recorded.
    ConsentDenied,
    /// A claimed subscription is no longer active or in grace.
    SubscriptionEnded {
        product: String,
        subscription: String,
        status: SubscriptionStatus,
    },
    /// Another partner's approved claim took these products over.
    AssociationEnded { products: Vec<String> },
}

/// The claim's next steps at `now` (time-driven transitions applied),
/// with the subscription facts of `dir`.
pub fn next_steps(
    claim: &Claim,
    now: DateTime<FixedOffset>,
    policy: &Policy,
    dir: Option<&dyn Directory>,
) -> Vec<NextStep> {
    let claim = advance(claim, now, policy);
    let offset = *now.offset();
    let mut out = Vec::new();
    match claim.status {
        Status::PartnerActionRequired => {
            let (reasons, comment) = claim
                .last_entry_into(Status::PartnerActionRequired)
                .and_then(|h| match &h.action {
                    Action::InfoRequested { reasons, comment } => {
                        Some((reasons.clone(), comment.trim().to_string()))
                    }
                    _ => None,
                })
                .unwrap_or_default();
            out.push(NextStep::Respond {
                reasons,
                comment,
                due: response_due(&claim, offset, policy),
            });
        }
        Status::Rejected => {
            if let Some(h) = claim.last_entry_into(Status::Rejected)
                && let Action::Rejected {
                    reason, comment, ..
                } = &h.action
            {
                out.push(NextStep::Rejected {
                    reason: *reason,
                    comment: comment.trim().to_string(),
                });
            }
        }
        Status::Approved => {
            let consent_until = consent_period_end(&claim, offset, policy)
                .filter(|_| policy.consent_period_days > 0)
                .and_then(|end| local_date(end, offset).pred_opt());
            out.push(NextStep::Approved { consent_until });
        }
        Status::ConsentPeriodEnded => out.push(NextStep::SentForEvaluation),
        Status::CustomerConsentDenied => out.push(NextStep::ConsentDenied),
        _ => {}
    }
    if claim.status.holds_association() {
        if let Some(products) = claim.history.iter().rev().find_map(|h| match &h.action {
            Action::AssociationEnded { products } => Some(products),
            _ => None,
        }) {
            out.push(NextStep::AssociationEnded {
                products: products.iter().map(|l| l.product.clone()).collect(),
            });
        }
        if let Some(dir) = dir {
            out.extend(ended_subscriptions(&claim, dir).into_iter().map(
                |(_, product, subscription, status)| NextStep::SubscriptionEnded {
                    product,
                    subscription,
                    status,
                },
            ));
        }
    }
    out
}

/// The claim's Business Applications lines whose subscription (the one
/// entered, or the only one of the product the directory knows on the
/// tenant) the directory reports as no longer active or in grace: line
/// index, product, subscription ID and its status.
pub fn ended_subscriptions(
    claim: &Claim,
    dir: &dyn Directory,
) -> Vec<(usize, String, String, SubscriptionStatus)> {
    let catalog = Catalog::builtin();
    let tenant = validate_tenant_id("tenantId", &claim.tenant_id).0;
    claim
        .products
        .iter()
        .enumerate()
        .filter(|(_, l)| catalog.is_per_subscription(&l.product))
        .filter_map(|(i, line)| {
            let facts = match line.subscription() {
                Some(s) => dir.subscription(&canonical_guid(s).ok()?)?,
                None => {
                    let t = tenant.as_deref()?;
                    if !dir.knows_subscriptions_of(t) {
                        return None;
                    }
                    match dir.subscriptions_on(t, &line.product).as_slice() {
                        [only] => only.clone(),
                        _ => return None,
                    }
                }
            };
            (!facts.status.is_active()).then(|| (i, line.product.clone(), facts.id, facts.status))
        })
        .collect()
}

/// Whether the claim page offers "Create a new claim from this one": a
/// rejection that can no longer be disputed, a denied consent, or a
/// claimed subscription that ended (its ID changed: a new claim with the
/// new ID is needed).
pub fn offers_new_claim(
    claim: &Claim,
    now: DateTime<FixedOffset>,
    policy: &Policy,
    dir: Option<&dyn Directory>,
) -> bool {
    let claim = advance(claim, now, policy);
    match claim.status {
        Status::Rejected => can_dispute(&claim, now, policy).is_err(),
        Status::CustomerConsentDenied => true,
        s if s.holds_association() => {
            dir.is_some_and(|d| !ended_subscriptions(&claim, d).is_empty())
        }
        _ => false,
    }
}

/// The copy's details for a new claim: the subscription IDs that ended
/// are cleared (the customer gives the new one; with exactly one active
/// subscription of the product it is implied).
pub fn without_ended_subscriptions(claim: &Claim, dir: Option<&dyn Directory>) -> Claim {
    let mut copy = claim.clone();
    if let Some(dir) = dir {
        for (i, ..) in ended_subscriptions(claim, dir) {
            copy.products[i].subscription_id = None;
        }
    }
    copy
}
