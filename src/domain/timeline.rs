//! The claim timeline (docs/rules.md#timers): every past event with its date and actor,
//! and the open deadline of the current status with its due date and
//! "N business days left" or "overdue by N".
//!
//! ```
//! use chrono::DateTime;
//! use cpor_desk::domain::claim::{Action, Claim, HistoryEntry, Status};
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::roles::Actor;
//! use cpor_desk::domain::timeline::{timeline, DeadlineKind};
//!
//! let submitted = DateTime::parse_from_rfc3339("2026-11-16T10:00:00Z").unwrap().to_utc();
//! let claim = Claim {
//!     status: Status::Submitted,
//!     history: vec![HistoryEntry { at: submitted, actor: Actor::System, action: Action::Submitted,
//!         from: Some(Status::Draft), to: Some(Status::Submitted), changes: vec![] }],
//!     ..Claim::default()
//! };
//! let now = DateTime::parse_from_rfc3339("2026-11-18T12:00:00Z").unwrap();
//! let t = timeline(&claim, now, &Policy::default());
//! let d = &t.deadlines[0];
//! assert_eq!(d.kind, DeadlineKind::ReviewStart);
//! assert_eq!(d.due.to_string(), "2026-11-23");
//! assert_eq!(d.left, 3); // Thu, Fri, Mon
//! ```

use crate::i18n::msg;
use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::claim::{Action, Claim, Status};
use super::finding::Locale;
use super::policy::Policy;
use super::roles::Actor;
use super::status::{
    advance, can_dispute, consent_period_end, dispute_window_last_day, local_date, response_due,
};

/// Which timer a deadline belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Submitted: Microsoft starts the review.
    ReviewStart,
    /// Under review: Microsoft decides.
    ReviewDecision,
    /// Partner action required: the partner responds, else automatic rejection.
    PartnerResponse,
    /// Approved: the customer may deny consent until then.
    ConsentPeriod,
    /// Rejected: the partner may dispute until then.
    DisputeWindow,
    /// Disputed: Microsoft answers.
    DisputeAnswer,
}

impl DeadlineKind {
    pub const ALL: &'static [DeadlineKind] = &[
        DeadlineKind::ReviewStart,
        DeadlineKind::ReviewDecision,
        DeadlineKind::PartnerResponse,
        DeadlineKind::ConsentPeriod,
        DeadlineKind::DisputeWindow,
        DeadlineKind::DisputeAnswer,
    ];

    /// The snake_case id, as in the JSON (`review_start`, `dispute_window`, ...).
    pub fn id(self) -> &'static str {
        match self {
            DeadlineKind::ReviewStart => "review_start",
            DeadlineKind::ReviewDecision => "review_decision",
            DeadlineKind::PartnerResponse => "partner_response",
            DeadlineKind::ConsentPeriod => "consent_period",
            DeadlineKind::DisputeWindow => "dispute_window",
            DeadlineKind::DisputeAnswer => "dispute_answer",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            DeadlineKind::ReviewStart => msg::deadline_review_start(locale),
            DeadlineKind::ReviewDecision => msg::deadline_review_decision(locale),
            DeadlineKind::PartnerResponse => msg::deadline_partner_response(locale),
            DeadlineKind::ConsentPeriod => msg::deadline_consent_period(locale),
            DeadlineKind::DisputeWindow => msg::deadline_dispute_window(locale),
            DeadlineKind::DisputeAnswer => msg::deadline_dispute_answer(locale),
        }
    }

    /// What happens when the deadline passes.
    pub fn consequence(self, locale: Locale) -> &'static str {
        match self {
            DeadlineKind::PartnerResponse => msg::deadline_consequence_partner_response(locale),
            DeadlineKind::ConsentPeriod => msg::deadline_consequence_consent_period(locale),
            DeadlineKind::DisputeWindow => msg::deadline_consequence_dispute_window(locale),
            _ => msg::deadline_consequence_service_level(locale),
        }
    }
}

/// An open deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The last day (inclusive), in the user's calendar.
    pub due: NaiveDate,
    /// Counted in business days (else calendar days).
    pub business_days: bool,
    /// Passing it triggers an automatic transition.
    pub automatic: bool,
    /// Days left until `due` (0 on the due day); negative when overdue.
    pub left: i64,
}

impl Deadline {
    pub fn is_overdue(&self) -> bool {
        self.left < 0
    }

    /// "3 business days left", "due today", "overdue by 2 business days".
    pub fn describe(&self, locale: Locale) -> String {
        let n = self.left.unsigned_abs() as usize;
        match (self.left.signum(), self.business_days) {
            (0, _) => msg::deadline_due_today(locale).to_string(),
            (1, true) => msg::deadline_business_days_left(locale, n),
            (1, false) => msg::deadline_days_left(locale, n),
            (_, true) => msg::deadline_overdue_business_days(locale, n),
            (_, false) => msg::deadline_overdue_days(locale, n),
        }
    }
}

/// A past event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    pub at: DateTime<chrono::Utc>,
    /// The event's calendar date at the user's offset.
    pub date: NaiveDate,
    pub actor: Actor,
    pub action: Action,
    pub from: Option<Status>,
    pub to: Option<Status>,
}

impl TimelineEvent {
    /// Whether the event moved the claim into another status (the claim's
    /// creation counts): the milestones a timeline shows, while the full
    /// history also lists edits, documents, ticks and comments.
    pub fn changes_status(&self) -> bool {
        self.to.is_some() && self.from != self.to
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The status at `now` (after time-driven transitions).
    pub status: Status,
    pub events: Vec<TimelineEvent>,
    pub deadlines: Vec<Deadline>,
}

/// A deadline counted in business days; `due` is its last day.
fn business_deadline(
    kind: DeadlineKind,
    due: NaiveDate,
    today: NaiveDate,
    cal: &Calendar,
    automatic: bool,
) -> Deadline {
    let left = if today <= due {
        cal.business_days_between(today, due)
    } else {
        -cal.business_days_between(due, today)
    };
    Deadline {
        kind,
        due,
        business_days: true,
        automatic,
        left,
    }
}

fn calendar_deadline(kind: DeadlineKind, due: NaiveDate, today: NaiveDate) -> Deadline {
    Deadline {
        kind,
        due,
        business_days: false,
        automatic: true,
        left: (due - today).num_days(),
    }
}

/// The open deadlines of a claim as it stands (call on an advanced claim).
pub fn open_deadlines(claim: &Claim, now: DateTime<FixedOffset>, policy: &Policy) -> Vec<Deadline> {
    let offset = *now.offset();
    let today = now.date_naive();
    let Some(since) = claim.status_since().map(|at| local_date(at, offset)) else {
        return Vec::new();
    };
    let cal = policy.calendar();
    let after = |n: u32| cal.add_business_days(since, n.into());
    let deadline = match claim.status {
        Status::Submitted => Some(business_deadline(
            DeadlineKind::ReviewStart,
            after(policy.review_start_business_days),
            today,
            &cal,
            false,
        )),
        Status::UnderReview => Some(business_deadline(
            DeadlineKind::ReviewDecision,
            after(policy.review_decision_business_days),
            today,
            &cal,
            false,
        )),
        // The same due date as the automatic rejection in `advance`.
        Status::PartnerActionRequired => response_due(claim, offset, policy)
            .map(|due| business_deadline(DeadlineKind::PartnerResponse, due, today, &cal, true)),
        Status::Approved => consent_period_end(claim, offset, policy).map(|end| {
            let last_day = local_date(end, offset)
                .checked_sub_days(Days::new(1))
                .unwrap_or(since);
            calendar_deadline(DeadlineKind::ConsentPeriod, last_day.max(since), today)
        }),
        Status::Rejected => match can_dispute(claim, now, policy) {
            Ok(()) => dispute_window_last_day(claim, offset, policy)
                .map(|d| calendar_deadline(DeadlineKind::DisputeWindow, d, today)),
            Err(_) => None,
        },
        Status::Disputed => Some(business_deadline(
            DeadlineKind::DisputeAnswer,
            after(policy.dispute_answer_business_days),
            today,
            &cal,
            false,
        )),
        _ => None,
    };
    deadline.into_iter().collect()
}

/// The timeline of a claim at `now` (time-driven transitions applied).
pub fn timeline(claim: &Claim, now: DateTime<FixedOffset>, policy: &Policy) -> Timeline {
    let claim = advance(claim, now, policy);
    let offset = *now.offset();
    let events = claim
        .history
        .iter()
        .map(|h| TimelineEvent {
            at: h.at,
            date: local_date(h.at, offset),
            actor: h.actor.clone(),
            action: h.action.clone(),
            from: h.from,
            to: h.to,
        })
        .collect();
    Timeline {
        status: claim.status,
        deadlines: open_deadlines(&claim, now, policy),
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_status_changes_are_milestones() {
        let at = DateTime::parse_from_rfc3339("2026-11-16T10:00:00Z")
            .unwrap()
            .to_utc();
        let event = |action, from, to| TimelineEvent {
            at,
            date: at.date_naive(),
            actor: Actor::System,
            action,
            from,
            to,
        };
        assert!(
            event(
                Action::Created { copied_from: None },
                None,
                Some(Status::Draft)
            )
            .changes_status()
        );
        assert!(
            event(
                Action::Submitted,
                Some(Status::Draft),
                Some(Status::Submitted)
            )
            .changes_status()
        );
        assert!(!event(Action::Edited, None, None).changes_status());
        assert!(!event(Action::Commented, None, None).changes_status());
    }

    #[test]
    fn deadline_kind_ids_match_the_json() {
        for kind in DeadlineKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.id()));
        }
    }
}
