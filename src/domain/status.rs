//! The status machine (docs/rules.md#status-machine) as pure functions:
//! `(claim, event, actor, now, policy) → new claim | coded error`.
//!
//! Time-driven transitions are evaluated from the clock by [`advance`], never
//! by a background job; [`apply_event`] advances first, so an event always
//! meets the claim as it stands at `now`.
//!
//! `now` carries the user's UTC offset: history timestamps are stored in UTC,
//! deadline arithmetic uses calendar dates at that offset (docs/rules.md#timers).
//!
//! ```
//! use chrono::DateTime;
//! use cpor_desk::domain::claim::{Claim, Status};
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::roles::{Actor, UserRole};
//! use cpor_desk::domain::status::{apply_event, Event};
//!
//! let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
//! let claim = Claim { status: Status::Submitted, ..Claim::default() };
//! let reviewer = Actor::reviewer("Rita");
//! let next = apply_event(&claim, &Event::StartReview, &reviewer, now, &Policy::default()).unwrap();
//! assert_eq!(next.status, Status::UnderReview);
//! assert_eq!(next.history.len(), 1);
//!
//! // The wrong role is refused by the domain, not only by hiding buttons.
//! let partner = Actor::partner("org", UserRole::IncentivesUser, "Ada");
//! let err = apply_event(&claim, &Event::StartReview, &partner, now, &Policy::default()).unwrap_err();
//! assert_eq!(err.code().as_str(), "transition.forbidden_role");
//! ```

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::claim::{
    Action, ChecklistItem, Claim, Comment, CommentNote, Contact, DocumentRef, FieldChange,
    HistoryEntry, InfoReason, PartnerRequestReason, ProductLine, RejectReason, Status,
};
use super::finding::{Code, Finding};
use super::json::write::FieldValue;
use super::policy::Policy;
use super::roles::Actor;
use super::validate::{ClaimContext, validate_claim, validate_for_submit};

/// Fields a partner may change with `edit`. Absent fields are unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<ProductLine>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_contact: Option<Contact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_contact: Option<Contact>,
}

/// Fields that stay editable after submission (Submitted, Partner action required).
pub const EDITABLE_AFTER_SUBMIT: &[&str] = &[
    "partnerLocation",
    "products",
    "customerContact",
    "partnerContact",
];

/// Whether a partner may change a claim's details in `status` at all (edit,
/// add a document, tick a checklist): Draft, Submitted and Partner action
/// required. Comments are always possible.
pub fn partner_can_edit(status: Status) -> bool {
    matches!(
        status,
        Status::Draft | Status::Submitted | Status::PartnerActionRequired
    )
}

/// Whether `field` (a camelCase claim field of [`ClaimPatch`], or
/// `documents` for adding documents and ticking their checklists) may change
/// in `status`: every field in a draft, [`EDITABLE_AFTER_SUBMIT`] and
/// `documents` after submission, nothing in the other statuses. The rule
/// [`apply_event`] enforces (and team sync's merge re-applies).
pub fn field_editable(status: Status, field: &str) -> bool {
    match status {
        Status::Draft => true,
        s if partner_can_edit(s) => field == "documents" || EDITABLE_AFTER_SUBMIT.contains(&field),
        _ => false,
    }
}

/// Whether a document can be removed in `status`: in a draft, and in
/// Partner action required, where the partner may withdraw a document the
/// reviewer objected to before resubmitting (the history names it). While
/// Microsoft has the claim (Submitted, Under review, Disputed) and after a
/// decision, submitted evidence stays.
pub fn document_removable(status: Status) -> bool {
    matches!(status, Status::Draft | Status::PartnerActionRequired)
}

/// Whether a claim in `status` can be deleted: only a draft, which
/// Microsoft has never seen. A submitted claim is withdrawn with
/// `request_rejection`, never deleted.
pub fn deletable(status: Status) -> bool {
    status == Status::Draft
}

/// An event on a claim (docs/rules.md#status-machine). JSON: `{"type": "submit"}`, `{"type": "reject", "reason": "insufficient_poe"}`, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Submit,
    StartReview,
    RequestInfo {
        reasons: Vec<InfoReason>,
        #[serde(default)]
        comment: String,
    },
    Approve,
    Reject {
        reason: RejectReason,
        #[serde(default)]
        comment: String,
    },
    RequestRejection {
        reason: PartnerRequestReason,
        #[serde(default)]
        comment: String,
    },
    DenyConsent,
    Dispute {
        #[serde(default)]
        justification: String,
        #[serde(default)]
        documents: Vec<DocumentRef>,
    },
    Edit {
        fields: Box<ClaimPatch>,
    },
    Comment {
        text: String,
    },
    AddDocument {
        document: DocumentRef,
    },
    RemoveDocument {
        id: String,
    },
    TickChecklist {
        document: String,
        item: ChecklistItem,
        value: bool,
    },
    /// Deletes a draft. The claim [`apply_event`] returns is the last state
    /// of the draft, with a `deleted` history entry (what a tombstone
    /// records); the caller removes the claim from storage
    /// (`SyncAdapter::delete`).
    Delete,
}

impl Event {
    /// The snake_case event name, as in the JSON `type`.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::StartReview => "start_review",
            Event::RequestInfo { .. } => "request_info",
            Event::Approve => "approve",
            Event::Reject { .. } => "reject",
            Event::RequestRejection { .. } => "request_rejection",
            Event::DenyConsent => "deny_consent",
            Event::Dispute { .. } => "dispute",
            Event::Edit { .. } => "edit",
            Event::Comment { .. } => "comment",
            Event::AddDocument { .. } => "add_document",
            Event::RemoveDocument { .. } => "remove_document",
            Event::TickChecklist { .. } => "tick_checklist",
            Event::Delete => "delete",
        }
    }
}

/// An event refused by the status machine. Every variant has a finding code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("transition.not_allowed: {event} is not possible in status {}", status.id())]
    NotAllowed { event: &'static str, status: Status },
    #[error("transition.forbidden_role: this actor may not {event}")]
    ForbiddenRole { event: &'static str },
    #[error("transition.window_closed: the dispute window closed on {closed_on}")]
    WindowClosed { closed_on: NaiveDate },
    #[error("edit.field_locked: {field} cannot change in status {}", status.id())]
    FieldLocked { field: String, status: Status },
    #[error("{}: the claim is not ready", findings.first().map_or("input.invalid", |f| f.code.as_str()))]
    Invalid { findings: Vec<Finding> },
}

impl TransitionError {
    /// The finding code of this error.
    pub fn code(&self) -> Code {
        match self {
            TransitionError::NotAllowed { .. } => Code::TransitionNotAllowed,
            TransitionError::ForbiddenRole { .. } => Code::TransitionForbiddenRole,
            TransitionError::WindowClosed { .. } => Code::TransitionWindowClosed,
            TransitionError::FieldLocked { .. } => Code::EditFieldLocked,
            TransitionError::Invalid { findings } => findings
                .iter()
                .find(|f| f.is_error())
                .map_or(Code::InputInvalid, |f| f.code),
        }
    }

    /// The error as findings (for display next to fields).
    pub fn findings(&self) -> Vec<Finding> {
        match self {
            TransitionError::Invalid { findings } => findings.clone(),
            TransitionError::FieldLocked { field, .. } => {
                vec![Finding::new(field.clone(), Code::EditFieldLocked)]
            }
            other => vec![Finding::new("status", other.code())],
        }
    }
}

type Result<T> = std::result::Result<T, TransitionError>;

/// The calendar date of `at` at the user's offset.
pub fn local_date(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    at.with_timezone(&offset).date_naive()
}

/// The UTC instant at which `date` begins at the user's offset.
pub fn start_of_day(date: NaiveDate, offset: FixedOffset) -> DateTime<Utc> {
    offset
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .single()
        .map_or_else(|| date.and_time(NaiveTime::MIN).and_utc(), |d| d.to_utc())
}

/// When an Approved claim's consent period ends (None when the claim has no
/// consent email, e.g. revenue association).
pub fn consent_period_end(
    claim: &Claim,
    offset: FixedOffset,
    policy: &Policy,
) -> Option<DateTime<Utc>> {
    if claim.status != Status::Approved || !needs_consent(claim) {
        return None;
    }
    let approved_at = claim.status_since()?;
    if policy.consent_period_days == 0 {
        return Some(approved_at);
    }
    let last_day = local_date(approved_at, offset)
        .checked_add_days(Days::new(policy.consent_period_days.into()))?;
    Some(start_of_day(last_day.succ_opt()?, offset))
}

/// The last calendar day a rejected claim can still be disputed.
pub fn dispute_window_last_day(
    claim: &Claim,
    offset: FixedOffset,
    policy: &Policy,
) -> Option<NaiveDate> {
    if claim.status != Status::Rejected {
        return None;
    }
    let rejected_at = claim.status_since()?;
    local_date(rejected_at, offset).checked_add_days(Days::new(policy.dispute_window_days.into()))
}

/// The last business day to respond to a request for information.
pub fn response_due(claim: &Claim, offset: FixedOffset, policy: &Policy) -> Option<NaiveDate> {
    if claim.status != Status::PartnerActionRequired {
        return None;
    }
    let since = claim.status_since()?;
    Some(policy.calendar().add_business_days(
        local_date(since, offset),
        policy.partner_response_business_days.into(),
    ))
}

/// Whether the claim can still be disputed (and why not).
pub fn can_dispute(
    claim: &Claim,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> std::result::Result<(), TransitionError> {
    let refuse = TransitionError::NotAllowed {
        event: "dispute",
        status: claim.status,
    };
    if claim.status != Status::Rejected {
        return Err(refuse);
    }
    if matches!(claim.rejection(), Some(RejectReason::PartnerRequest) | None)
        || claim.disputes_used() >= policy.max_disputes as usize
    {
        return Err(refuse);
    }
    let last_day = dispute_window_last_day(claim, *now.offset(), policy).ok_or(refuse)?;
    if now.date_naive() > last_day {
        return Err(TransitionError::WindowClosed {
            closed_on: last_day,
        });
    }
    Ok(())
}

fn needs_consent(claim: &Claim) -> bool {
    claim
        .partner_role
        .as_deref()
        .and_then(|r| Catalog::builtin().role(r))
        .is_none_or(|r| r.consent_email)
}

/// Applies the time-driven transitions due at `now`:
/// Partner action required past its response deadline → Rejected ("No partner
/// response"); Approved past the consent period → Consent period ended.
/// The history entry carries the instant the deadline passed, not `now`.
pub fn advance(claim: &Claim, now: DateTime<FixedOffset>, policy: &Policy) -> Claim {
    let offset = *now.offset();
    let now_utc = now.to_utc();
    let mut claim = claim.clone();
    while let Some((at, action, to)) = next_step(&claim, offset, policy) {
        if now_utc < at {
            break;
        }
        push(&mut claim, at, Actor::System, action, Some(to), Vec::new());
    }
    claim
}

/// The time-driven transition `claim`'s status waits for, if any: when it
/// is due, what it records and the status it leads to.
fn next_step(
    claim: &Claim,
    offset: FixedOffset,
    policy: &Policy,
) -> Option<(DateTime<Utc>, Action, Status)> {
    match claim.status {
        Status::PartnerActionRequired => {
            let after = response_due(claim, offset, policy)?.succ_opt()?;
            Some((
                start_of_day(after, offset),
                Action::Rejected {
                    reason: RejectReason::NoPartnerResponse,
                    partner_reason: None,
                    comment: String::new(),
                },
                Status::Rejected,
            ))
        }
        Status::Approved => Some((
            consent_period_end(claim, offset, policy)?,
            Action::ConsentPeriodEnded,
            Status::ConsentPeriodEnded,
        )),
        _ => None,
    }
}

/// [`advance`] without copying a claim no time-driven transition is due
/// for at `now` (most claims): the CSV export of 100,000 claims copied
/// every one of them, and the dashboard's rows and the notices copied
/// every claim waiting for the partner or approved.
pub fn advance_cow<'c>(
    claim: &'c Claim,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> std::borrow::Cow<'c, Claim> {
    match next_step(claim, *now.offset(), policy) {
        Some((at, _, _)) if now.to_utc() >= at => {
            std::borrow::Cow::Owned(advance(claim, now, policy))
        }
        _ => std::borrow::Cow::Borrowed(claim),
    }
}

fn push(
    claim: &mut Claim,
    at: DateTime<Utc>,
    actor: Actor,
    action: Action,
    to: Option<Status>,
    changes: Vec<FieldChange>,
) {
    let from = to.map(|_| claim.status);
    claim.history.push(HistoryEntry {
        at,
        actor,
        action,
        from,
        to,
        changes,
    });
    if let Some(to) = to {
        claim.status = to;
    }
}

/// Which actor kinds may send which events; a partner also needs an editing
/// role (docs/rules.md#roles) and must belong to the claim's organisation.
fn check_role(claim: &Claim, event: &Event, actor: &Actor) -> Result<()> {
    let forbidden = TransitionError::ForbiddenRole {
        event: event.name(),
    };
    let partner_ok = match actor {
        Actor::Partner { org_id, role, .. } => {
            role.can_edit_claims()
                && (claim.partner_org.id.is_empty() || claim.partner_org.id == *org_id)
        }
        _ => false,
    };
    let allowed = match event {
        Event::Submit
        | Event::RequestRejection { .. }
        | Event::Dispute { .. }
        | Event::Edit { .. }
        | Event::AddDocument { .. }
        | Event::RemoveDocument { .. }
        | Event::TickChecklist { .. }
        | Event::Delete => partner_ok,
        Event::StartReview | Event::RequestInfo { .. } | Event::Approve | Event::Reject { .. } => {
            matches!(actor, Actor::Reviewer { .. })
        }
        Event::DenyConsent => matches!(actor, Actor::Customer { .. }),
        Event::Comment { .. } => partner_ok || matches!(actor, Actor::Reviewer { .. }),
    };
    if allowed { Ok(()) } else { Err(forbidden) }
}

fn text_required(field: &str) -> TransitionError {
    TransitionError::Invalid {
        findings: vec![Finding::new(field, Code::TextRequired)],
    }
}

/// Applies one event. Time-driven transitions due at `now` are applied first.
///
/// The claim checks of `submit` and `edit` run without a directory,
/// locations or held associations; [`apply_event_in`] runs them with
/// those (what the app does).
pub fn apply_event(
    claim: &Claim,
    event: &Event,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> Result<Claim> {
    apply_event_in(claim, event, actor, now, &ClaimContext::new(policy))
}

/// [`apply_event`] with the claim checks run against `ctx` (the directory,
/// the clock, the organisation's partner locations and the associations
/// held by other claims; its policy is the one used), the same checks and
/// context as the wizard's **Create claim** and the CSV import:
///
/// - `submit` (also the resubmission from Partner action required) is
///   refused with every finding of [`validate_for_submit`] when one is an
///   error;
/// - an `edit` after submission is refused when it leaves an error on a
///   field it changed (a draft may hold errors until it is submitted).
pub fn apply_event_in(
    claim: &Claim,
    event: &Event,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    ctx: &ClaimContext,
) -> Result<Claim> {
    let policy = ctx.policy;
    let mut claim = advance(claim, now, policy);
    check_role(&claim, event, actor)?;
    let at = now.to_utc();
    let status = claim.status;
    let not_allowed = || TransitionError::NotAllowed {
        event: event.name(),
        status,
    };
    let actor = actor.clone();
    use Status::*;
    match event {
        Event::Submit => {
            if !matches!(status, Draft | PartnerActionRequired) {
                return Err(not_allowed());
            }
            let findings = validate_for_submit(&claim, ctx);
            if findings.iter().any(Finding::is_error) {
                return Err(TransitionError::Invalid { findings });
            }
            push(
                &mut claim,
                at,
                actor,
                Action::Submitted,
                Some(Submitted),
                vec![],
            );
        }
        Event::StartReview => {
            if status != Submitted {
                return Err(not_allowed());
            }
            push(
                &mut claim,
                at,
                actor,
                Action::ReviewStarted,
                Some(UnderReview),
                vec![],
            );
        }
        Event::RequestInfo { reasons, comment } => {
            if status != UnderReview {
                return Err(not_allowed());
            }
            if reasons.is_empty() {
                return Err(text_required("reasons"));
            }
            let mut reasons = reasons.clone();
            reasons.sort_by_key(|r| InfoReason::ALL.iter().position(|x| x == r));
            reasons.dedup();
            if !comment.trim().is_empty() {
                claim.comments.push(Comment {
                    at,
                    actor: actor.clone(),
                    text: comment.clone(),
                    note: None,
                });
            }
            let action = Action::InfoRequested {
                reasons,
                comment: comment.clone(),
            };
            push(
                &mut claim,
                at,
                actor,
                action,
                Some(PartnerActionRequired),
                vec![],
            );
        }
        Event::Approve => {
            if !matches!(status, UnderReview | Disputed) {
                return Err(not_allowed());
            }
            push(
                &mut claim,
                at,
                actor,
                Action::Approved,
                Some(Approved),
                vec![],
            );
        }
        Event::Reject { reason, comment } => {
            if !matches!(status, UnderReview | Disputed) {
                return Err(not_allowed());
            }
            if !RejectReason::REVIEWER.contains(reason) {
                return Err(not_allowed());
            }
            let action = Action::Rejected {
                reason: *reason,
                partner_reason: None,
                comment: comment.clone(),
            };
            push(&mut claim, at, actor, action, Some(Rejected), vec![]);
        }
        Event::RequestRejection { reason, comment } => {
            // A draft was never submitted: there is nothing to reject (it
            // is deleted instead).
            if status.is_final() || status == Draft {
                return Err(not_allowed());
            }
            let action = Action::Rejected {
                reason: RejectReason::PartnerRequest,
                partner_reason: Some(*reason),
                comment: comment.clone(),
            };
            push(&mut claim, at, actor, action, Some(Rejected), vec![]);
        }
        Event::DenyConsent => {
            if !matches!(status, Approved | ConsentPeriodEnded) || !needs_consent(&claim) {
                return Err(not_allowed());
            }
            push(
                &mut claim,
                at,
                actor,
                Action::ConsentDenied,
                Some(CustomerConsentDenied),
                vec![],
            );
        }
        Event::Dispute {
            justification,
            documents,
        } => {
            can_dispute(&claim, now, policy)?;
            if justification.trim().is_empty() && documents.is_empty() {
                return Err(text_required("justification"));
            }
            let ids = documents.iter().map(|d| d.id.clone()).collect();
            claim.documents.extend(documents.iter().cloned());
            let action = Action::Disputed {
                justification: justification.clone(),
                documents: ids,
            };
            push(&mut claim, at, actor, action, Some(Disputed), vec![]);
        }
        Event::Edit { fields } => {
            if !partner_can_edit(status) {
                let field = first_patched_field(fields).unwrap_or("status");
                return Err(TransitionError::FieldLocked {
                    field: field.to_string(),
                    status,
                });
            }
            let changes = apply_patch(&mut claim, fields, status)?;
            if status != Draft {
                let errors: Vec<Finding> = validate_claim(&claim, ctx)
                    .into_iter()
                    .filter(|f| f.is_error() && changes.iter().any(|c| within(&f.field, &c.field)))
                    .collect();
                if !errors.is_empty() {
                    return Err(TransitionError::Invalid { findings: errors });
                }
            }
            if !changes.is_empty() {
                push(&mut claim, at, actor, Action::Edited, None, changes);
            }
        }
        Event::Comment { text } => {
            if text.trim().is_empty() {
                return Err(text_required("text"));
            }
            claim.comments.push(Comment {
                at,
                actor: actor.clone(),
                text: text.clone(),
                note: None,
            });
            push(&mut claim, at, actor, Action::Commented, None, vec![]);
        }
        Event::AddDocument { document } => {
            if !field_editable(status, "documents") {
                return Err(TransitionError::FieldLocked {
                    field: "documents".into(),
                    status,
                });
            }
            if document.id.trim().is_empty() || claim.documents.iter().any(|d| d.id == document.id)
            {
                return Err(TransitionError::Invalid {
                    findings: vec![Finding::new("documents", Code::InputInvalid)],
                });
            }
            let mut doc = document.clone();
            doc.added_at.get_or_insert(at);
            let action = Action::DocumentAdded {
                id: doc.id.clone(),
                name: doc.name.clone(),
            };
            claim.documents.push(doc);
            push(&mut claim, at, actor, action, None, vec![]);
        }
        Event::RemoveDocument { id } => {
            if !document_removable(status) {
                return Err(TransitionError::FieldLocked {
                    field: "documents".into(),
                    status,
                });
            }
            let Some(pos) = claim.documents.iter().position(|d| d.id == *id) else {
                return Err(TransitionError::Invalid {
                    findings: vec![Finding::new("documents", Code::InputInvalid)],
                });
            };
            let doc = claim.documents.remove(pos);
            let action = Action::DocumentRemoved {
                id: doc.id,
                name: doc.name,
            };
            push(&mut claim, at, actor, action, None, vec![]);
        }
        Event::TickChecklist {
            document,
            item,
            value,
        } => {
            if !field_editable(status, "documents") {
                return Err(TransitionError::FieldLocked {
                    field: "documents".into(),
                    status,
                });
            }
            let Some(doc) = claim.documents.iter_mut().find(|d| d.id == *document) else {
                return Err(TransitionError::Invalid {
                    findings: vec![Finding::new("documents", Code::InputInvalid)],
                });
            };
            if doc.checklist.get(*item) == *value {
                return Ok(claim);
            }
            doc.checklist.set(*item, *value);
            let action = Action::ChecklistTicked {
                document: document.clone(),
                item: *item,
                value: *value,
            };
            push(&mut claim, at, actor, action, None, vec![]);
        }
        Event::Delete => {
            if !deletable(status) {
                return Err(not_allowed());
            }
            push(&mut claim, at, actor, Action::Deleted, None, vec![]);
        }
    }
    within_limits(claim)
}

/// The claim, unless it passes a size limit of [`crate::domain::intake`]
/// (a too-long field or list, a record over 4 MiB): then the event is
/// refused with those findings, so the app never stores a claim it would
/// quarantine when loading it.
fn within_limits(claim: Claim) -> Result<Claim> {
    let findings = crate::domain::intake::limit_findings(&claim);
    if findings.is_empty() {
        Ok(claim)
    } else {
        Err(TransitionError::Invalid { findings })
    }
}

/// Whether a finding's `field` path (`products[0].subscriptionId`) lies
/// within the claim field `top` (`products`).
fn within(field: &str, top: &str) -> bool {
    field
        .strip_prefix(top)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The first field a patch sets (for the error of an edit in a locked status).
fn first_patched_field(p: &ClaimPatch) -> Option<&'static str> {
    [
        (p.name.is_some(), "name"),
        (p.solution_area.is_some(), "solutionArea"),
        (p.partner_role.is_some(), "partnerRole"),
        (p.partner_location.is_some(), "partnerLocation"),
        (p.customer_name.is_some(), "customerName"),
        (p.customer_domain.is_some(), "customerDomain"),
        (p.tenant_id.is_some(), "tenantId"),
        (p.products.is_some(), "products"),
        (p.customer_contact.is_some(), "customerContact"),
        (p.partner_contact.is_some(), "partnerContact"),
    ]
    .into_iter()
    .find_map(|(set, name)| set.then_some(name))
}

/// Applies a patch field by field, recording before/after; a changed value
/// in a locked field refuses the whole edit (nothing is half-applied).
fn apply_patch(claim: &mut Claim, p: &ClaimPatch, status: Status) -> Result<Vec<FieldChange>> {
    let mut next = claim.clone();
    let mut changes = Vec::new();
    fn set<T: Clone + PartialEq + FieldValue>(
        changes: &mut Vec<FieldChange>,
        field: &str,
        target: &mut T,
        value: &Option<T>,
    ) {
        if let Some(v) = value
            && v != target
        {
            changes.push(FieldChange {
                field: field.to_string(),
                before: target.json_value(),
                after: v.json_value(),
            });
            *target = v.clone();
        }
    }
    let wrap = |v: &Option<String>| v.clone().map(Some);
    set(&mut changes, "name", &mut next.name, &p.name);
    set(
        &mut changes,
        "solutionArea",
        &mut next.solution_area,
        &wrap(&p.solution_area),
    );
    set(
        &mut changes,
        "partnerRole",
        &mut next.partner_role,
        &wrap(&p.partner_role),
    );
    set(
        &mut changes,
        "partnerLocation",
        &mut next.partner_location,
        &p.partner_location,
    );
    set(
        &mut changes,
        "customerName",
        &mut next.customer_name,
        &p.customer_name,
    );
    set(
        &mut changes,
        "customerDomain",
        &mut next.customer_domain,
        &p.customer_domain,
    );
    set(&mut changes, "tenantId", &mut next.tenant_id, &p.tenant_id);
    set(&mut changes, "products", &mut next.products, &p.products);
    set(
        &mut changes,
        "customerContact",
        &mut next.customer_contact,
        &p.customer_contact,
    );
    set(
        &mut changes,
        "partnerContact",
        &mut next.partner_contact,
        &p.partner_contact,
    );
    if let Some(locked) = changes.iter().find(|c| !field_editable(status, &c.field)) {
        return Err(TransitionError::FieldLocked {
            field: locked.field.clone(),
            status,
        });
    }
    *claim = next;
    Ok(changes)
}

/// Starts a new draft claim owned by the actor's organisation.
pub fn new_claim(
    id: impl Into<String>,
    template: Claim,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Claim> {
    match actor {
        Actor::Partner { role, .. } if role.can_edit_claims() => {}
        _ => {
            return Err(TransitionError::ForbiddenRole { event: "create" });
        }
    }
    let at = now.to_utc();
    let mut claim = Claim {
        id: id.into(),
        status: Status::Draft,
        revision: 0,
        created_at: Some(at),
        history: Vec::new(),
        comments: Vec::new(),
        ..template
    };
    push(
        &mut claim,
        at,
        actor.clone(),
        Action::Created { copied_from: None },
        Some(Status::Draft),
        vec![],
    );
    within_limits(claim)
}

/// "Create a new claim from this one": copies the details into a new draft;
/// documents, comments and history are not copied (new PoE is needed).
pub fn copy_as_new(
    source: &Claim,
    id: impl Into<String>,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Claim> {
    let template = Claim {
        documents: Vec::new(),
        ..source.clone()
    };
    let mut claim = new_claim(id, template, actor, now)?;
    if let Some(first) = claim.history.first_mut() {
        first.action = Action::Created {
            copied_from: Some(source.id.clone()),
        };
    }
    Ok(claim)
}

/// Approving a claim gives it its associations, and there is one partner
/// per association (docs/rules.md#competing): every other partner's claim in `competitors`
/// that holds or asks for one of them loses it ([`end_association`]),
/// whether it is pending, approved or past its consent period. Returns the
/// approved claim and the competitors that changed.
pub fn approve_competing(
    winner: &Claim,
    competitors: &[Claim],
    reviewer: &Actor,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> Result<(Claim, Vec<Claim>)> {
    let approved = apply_event(winner, &Event::Approve, reviewer, now, policy)?;
    let losers = competitors
        .iter()
        .filter_map(|c| end_association(c, &approved, reviewer, now, policy))
        .collect();
    Ok((approved, losers))
}

/// The losing side of an approval, one claim at a time (so it also works
/// where the two claims live in different organisations' databases): when
/// `winner` (another partner's claim) is approved, `claim` loses the
/// product lines whose association `winner` takes
/// ([`super::competing::lines_lost_to`]).
///
/// - Every line lost: the claim is rejected with "Competing claim" (it can
///   be disputed like any rejection).
/// - Some lines lost: those lines leave the claim (`association_ended` in
///   the history, with the products before and after); its status stays.
///
/// Either way Microsoft tells the partner in the comments section
/// ([`CommentNote::AssociationEnded`]). `None` when nothing changes.
pub fn end_association(
    claim: &Claim,
    winner: &Claim,
    reviewer: &Actor,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> Option<Claim> {
    let mut c = advance(claim, now, policy);
    let lost = super::competing::lines_lost_to(&c, winner);
    if lost.is_empty() {
        return None;
    }
    let at = now.to_utc();
    let lost_lines: Vec<ProductLine> = lost.iter().map(|&i| c.products[i].clone()).collect();
    c.comments.push(Comment {
        at,
        actor: Actor::System,
        text: String::new(),
        note: Some(CommentNote::AssociationEnded {
            products: lost_lines.iter().map(|l| l.product.clone()).collect(),
        }),
    });
    if lost.len() == c.products.len() {
        let action = Action::Rejected {
            reason: RejectReason::CompetingClaim,
            partner_reason: None,
            comment: String::new(),
        };
        push(
            &mut c,
            at,
            reviewer.clone(),
            action,
            Some(Status::Rejected),
            vec![],
        );
    } else {
        let before = c.products.clone();
        let mut i = 0;
        c.products.retain(|_| {
            i += 1;
            !lost.contains(&(i - 1))
        });
        let change = FieldChange {
            field: "products".into(),
            before: before.json_value(),
            after: c.products.json_value(),
        };
        let action = Action::AssociationEnded {
            products: lost_lines,
        };
        push(&mut c, at, reviewer.clone(), action, None, vec![change]);
    }
    Some(c)
}

/// "Start review" as the review desk does it: when the claim competes with
/// another partner's (`competing`), Microsoft also tells the partner in
/// the comments section that the review may take longer
/// ([`CommentNote::CompetingReview`]).
pub fn start_review(
    claim: &Claim,
    competing: bool,
    reviewer: &Actor,
    now: DateTime<FixedOffset>,
    policy: &Policy,
) -> Result<Claim> {
    let mut next = apply_event(claim, &Event::StartReview, reviewer, now, policy)?;
    if competing {
        next.comments.push(Comment {
            at: now.to_utc(),
            actor: Actor::System,
            text: String::new(),
            note: Some(CommentNote::CompetingReview),
        });
    }
    Ok(next)
}
