//! The claim (docs/rules.md#claim) and its parts, in the JSON shape the app exports and
//! the embeddable module takes (camelCase keys; every field optional on input
//! so partial drafts can be validated).
//!
//! ```
//! use cpor_desk::domain::claim::{Claim, Status};
//! let claim: Claim = serde_json::from_str(r#"{"name": "Contoso CRM", "tenantId": "x"}"#).unwrap();
//! assert_eq!(claim.status, Status::Draft);
//! assert_eq!(claim.revision, 0);
//! ```

use crate::i18n::msg;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::finding::Locale;
use super::flat::{present, required};
use super::roles::Actor;

/// Claim status (docs/rules.md#status-machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Shown as "Editing".
    #[default]
    Draft,
    Submitted,
    UnderReview,
    PartnerActionRequired,
    Approved,
    /// Sent for incentive evaluation.
    ConsentPeriodEnded,
    Rejected,
    CustomerConsentDenied,
    Disputed,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Draft,
        Status::Submitted,
        Status::UnderReview,
        Status::PartnerActionRequired,
        Status::Approved,
        Status::ConsentPeriodEnded,
        Status::Rejected,
        Status::CustomerConsentDenied,
        Status::Disputed,
    ];

    /// Final states: no partner or reviewer action moves them on, except a
    /// dispute of a rejection and a customer's denial after the consent period.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Rejected | Status::CustomerConsentDenied | Status::ConsentPeriodEnded
        )
    }

    /// A pending or approved association, which competes with other partners' claims (docs/rules.md#competing).
    pub fn holds_association(self) -> bool {
        matches!(
            self,
            Status::Submitted
                | Status::UnderReview
                | Status::PartnerActionRequired
                | Status::Approved
                | Status::ConsentPeriodEnded
                | Status::Disputed
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::UnderReview => "under_review",
            Status::PartnerActionRequired => "partner_action_required",
            Status::Approved => "approved",
            Status::ConsentPeriodEnded => "consent_period_ended",
            Status::Rejected => "rejected",
            Status::CustomerConsentDenied => "customer_consent_denied",
            Status::Disputed => "disputed",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Status::Draft => msg::status_draft(locale),
            Status::Submitted => msg::status_submitted(locale),
            Status::UnderReview => msg::status_under_review(locale),
            Status::PartnerActionRequired => msg::status_partner_action_required(locale),
            Status::Approved => msg::status_approved(locale),
            Status::ConsentPeriodEnded => msg::status_consent_period_ended(locale),
            Status::Rejected => msg::status_rejected(locale),
            Status::CustomerConsentDenied => msg::status_customer_consent_denied(locale),
            Status::Disputed => msg::status_disputed(locale),
        }
    }
}

/// Reasons a reviewer gives with `request_info` (docs/rules.md#status-machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InfoReason {
    MissingAllPoe,
    MissingCustomerAcknowledgement,
    MissingOrOldDates,
    MissingPartnerSolution,
    MissingProducts,
}

impl InfoReason {
    pub const ALL: &'static [InfoReason] = &[
        InfoReason::MissingAllPoe,
        InfoReason::MissingCustomerAcknowledgement,
        InfoReason::MissingOrOldDates,
        InfoReason::MissingPartnerSolution,
        InfoReason::MissingProducts,
    ];

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            InfoReason::MissingAllPoe => msg::info_reason_missing_all_poe(locale),
            InfoReason::MissingCustomerAcknowledgement => {
                msg::info_reason_missing_customer_acknowledgement(locale)
            }
            InfoReason::MissingOrOldDates => msg::info_reason_missing_or_old_dates(locale),
            InfoReason::MissingPartnerSolution => msg::info_reason_missing_partner_solution(locale),
            InfoReason::MissingProducts => msg::info_reason_missing_products(locale),
        }
    }
}

/// Why a claim was rejected (docs/rules.md#status-machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    // Reviewer reasons.
    InsufficientPoe,
    MissingCustomerConsentInPoe,
    MissingProducts,
    PoeNotAvailable,
    CompetingClaim,
    // Partner request.
    PartnerRequest,
    // Time-driven.
    NoPartnerResponse,
}

impl RejectReason {
    /// The reasons a reviewer may choose.
    pub const REVIEWER: &'static [RejectReason] = &[
        RejectReason::InsufficientPoe,
        RejectReason::MissingCustomerConsentInPoe,
        RejectReason::MissingProducts,
        RejectReason::PoeNotAvailable,
        RejectReason::CompetingClaim,
    ];

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            RejectReason::InsufficientPoe => msg::reject_reason_insufficient_poe(locale),
            RejectReason::MissingCustomerConsentInPoe => {
                msg::reject_reason_missing_customer_consent_in_poe(locale)
            }
            RejectReason::MissingProducts => msg::reject_reason_missing_products(locale),
            RejectReason::PoeNotAvailable => msg::reject_reason_poe_not_available(locale),
            RejectReason::CompetingClaim => msg::reject_reason_competing_claim(locale),
            RejectReason::PartnerRequest => msg::reject_reason_partner_request(locale),
            RejectReason::NoPartnerResponse => msg::reject_reason_no_partner_response(locale),
        }
    }
}

/// Why a partner asks for their own claim to be rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerRequestReason {
    WrongMpn,
    WrongActivity,
    NoLongerWorkingWithCustomer,
}

impl PartnerRequestReason {
    pub const ALL: &'static [PartnerRequestReason] = &[
        PartnerRequestReason::WrongMpn,
        PartnerRequestReason::WrongActivity,
        PartnerRequestReason::NoLongerWorkingWithCustomer,
    ];

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            PartnerRequestReason::WrongMpn => msg::partner_request_wrong_mpn(locale),
            PartnerRequestReason::WrongActivity => msg::partner_request_wrong_activity(locale),
            PartnerRequestReason::NoLongerWorkingWithCustomer => {
                msg::partner_request_no_longer_working_with_customer(locale)
            }
        }
    }
}

/// The partner organisation a claim belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartnerOrgRef {
    pub id: String,
    pub name: String,
}

/// A customer or partner contact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Contact {
    pub name: String,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// One claimed product or workload, with the optional subscription ID of a
/// Business Applications product.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductLine {
    pub product: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
}

impl ProductLine {
    pub fn new(product: impl Into<String>) -> Self {
        ProductLine {
            product: product.into(),
            subscription_id: None,
        }
    }

    pub fn with_subscription(product: impl Into<String>, sub: impl Into<String>) -> Self {
        ProductLine {
            product: product.into(),
            subscription_id: Some(sub.into()),
        }
    }

    /// The subscription ID, if one was entered (blank counts as none).
    pub fn subscription(&self) -> Option<&str> {
        self.subscription_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The PoE checklist items of docs/rules.md#poe, with their stable ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistItem {
    Acknowledgement,
    Products,
    Activities,
    Names,
    Dates,
}

impl ChecklistItem {
    pub const ALL: &'static [ChecklistItem] = &[
        ChecklistItem::Acknowledgement,
        ChecklistItem::Products,
        ChecklistItem::Activities,
        ChecklistItem::Names,
        ChecklistItem::Dates,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ChecklistItem::Acknowledgement => "acknowledgement",
            ChecklistItem::Products => "products",
            ChecklistItem::Activities => "activities",
            ChecklistItem::Names => "names",
            ChecklistItem::Dates => "dates",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            ChecklistItem::Acknowledgement => msg::checklist_item_acknowledgement(locale),
            ChecklistItem::Products => msg::checklist_item_products(locale),
            ChecklistItem::Activities => msg::checklist_item_activities(locale),
            ChecklistItem::Names => msg::checklist_item_names(locale),
            ChecklistItem::Dates => msg::checklist_item_dates(locale),
        }
    }
}

/// The partner's own ticks on a document's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChecklistTicks {
    pub acknowledgement: bool,
    pub products: bool,
    pub activities: bool,
    pub names: bool,
    pub dates: bool,
}

impl ChecklistTicks {
    pub fn get(&self, item: ChecklistItem) -> bool {
        match item {
            ChecklistItem::Acknowledgement => self.acknowledgement,
            ChecklistItem::Products => self.products,
            ChecklistItem::Activities => self.activities,
            ChecklistItem::Names => self.names,
            ChecklistItem::Dates => self.dates,
        }
    }

    pub fn set(&mut self, item: ChecklistItem, value: bool) {
        match item {
            ChecklistItem::Acknowledgement => self.acknowledgement = value,
            ChecklistItem::Products => self.products = value,
            ChecklistItem::Activities => self.activities = value,
            ChecklistItem::Names => self.names = value,
            ChecklistItem::Dates => self.dates = value,
        }
    }
}

/// A PoE document's metadata; the bytes are kept by storage under `id`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentRef {
    pub id: String,
    pub name: String,
    pub size: u64,
    /// The type judged from the content signature (`pdf`, `docx`, ...).
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(with = "super::rfc3339::opt_utc")]
    pub added_at: Option<DateTime<Utc>>,
    pub checklist: ChecklistTicks,
}

/// One entry of the partner ↔ reviewer comments thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    #[serde(with = "super::rfc3339::utc")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub text: String,
    /// A notice from Microsoft (the system) instead of free text: shown in
    /// the reader's language from the message catalogs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<CommentNote>,
}

/// What Microsoft tells a partner in the comments section (see
/// `docs/rules.md`, competing claims). Written tagged by `type`, read
/// through [`CommentNoteRecord`] (see [`super::flat`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "CommentNoteRecord"
)]
pub enum CommentNote {
    /// The claim competes with another partner's: the review may take
    /// longer while Microsoft works with the partner that holds it now.
    CompetingReview,
    /// Another partner's claim for the same customer and products was
    /// approved: this claim's association with them ended.
    AssociationEnded { products: Vec<String> },
}

/// A field's value before and after an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// What happened, for the history log. Written tagged by `type`, read
/// through [`ActionRecord`] (see [`super::flat`]): every stored claim has
/// a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "ActionRecord")]
pub enum Action {
    Created {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            rename = "copiedFrom"
        )]
        copied_from: Option<String>,
    },
    Edited,
    Submitted,
    ReviewStarted,
    InfoRequested {
        reasons: Vec<InfoReason>,
        #[serde(default)]
        comment: String,
    },
    Approved,
    Rejected {
        reason: RejectReason,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            rename = "partnerReason"
        )]
        partner_reason: Option<PartnerRequestReason>,
        #[serde(default)]
        comment: String,
    },
    ConsentDenied,
    ConsentPeriodEnded,
    Disputed {
        justification: String,
        #[serde(default)]
        documents: Vec<String>,
    },
    /// Another partner's claim for the same association was approved: the
    /// lines in `products` left this claim (the winner holds them now).
    AssociationEnded {
        products: Vec<ProductLine>,
    },
    Commented,
    DocumentAdded {
        id: String,
        name: String,
    },
    DocumentRemoved {
        id: String,
        name: String,
    },
    ChecklistTicked {
        document: String,
        item: ChecklistItem,
        value: bool,
    },
    /// The draft was deleted (the last entry of a deleted draft).
    Deleted,
}

/// A [`CommentNote`] as read: `type` and every field, each optional.
#[derive(Deserialize)]
struct CommentNoteRecord {
    #[serde(rename = "type")]
    kind: String,
    products: Option<Vec<String>>,
}

impl TryFrom<CommentNoteRecord> for CommentNote {
    type Error = String;

    fn try_from(r: CommentNoteRecord) -> Result<CommentNote, String> {
        let k = r.kind.as_str();
        Ok(match k {
            "competing_review" => CommentNote::CompetingReview,
            "association_ended" => CommentNote::AssociationEnded {
                products: required(r.products, k, "products")?,
            },
            other => return Err(format!("unknown comment note type `{other}`")),
        })
    }
}

/// An [`Action`] as read: `type` and every field any action has, each
/// optional.
#[derive(Deserialize)]
struct ActionRecord {
    #[serde(rename = "type")]
    kind: String,
    #[serde(rename = "copiedFrom")]
    copied_from: Option<String>,
    reasons: Option<Vec<InfoReason>>,
    #[serde(default, deserialize_with = "present")]
    comment: Option<String>,
    reason: Option<RejectReason>,
    #[serde(rename = "partnerReason")]
    partner_reason: Option<PartnerRequestReason>,
    justification: Option<String>,
    #[serde(default, deserialize_with = "present")]
    documents: Option<Vec<String>>,
    products: Option<Vec<ProductLine>>,
    id: Option<String>,
    name: Option<String>,
    document: Option<String>,
    item: Option<ChecklistItem>,
    value: Option<bool>,
}

impl TryFrom<ActionRecord> for Action {
    type Error = String;

    fn try_from(r: ActionRecord) -> Result<Action, String> {
        let k = r.kind.as_str();
        Ok(match k {
            "created" => Action::Created {
                copied_from: r.copied_from,
            },
            "edited" => Action::Edited,
            "submitted" => Action::Submitted,
            "review_started" => Action::ReviewStarted,
            "info_requested" => Action::InfoRequested {
                reasons: required(r.reasons, k, "reasons")?,
                comment: r.comment.unwrap_or_default(),
            },
            "approved" => Action::Approved,
            "rejected" => Action::Rejected {
                reason: required(r.reason, k, "reason")?,
                partner_reason: r.partner_reason,
                comment: r.comment.unwrap_or_default(),
            },
            "consent_denied" => Action::ConsentDenied,
            "consent_period_ended" => Action::ConsentPeriodEnded,
            "disputed" => Action::Disputed {
                justification: required(r.justification, k, "justification")?,
                documents: r.documents.unwrap_or_default(),
            },
            "association_ended" => Action::AssociationEnded {
                products: required(r.products, k, "products")?,
            },
            "commented" => Action::Commented,
            "document_added" => Action::DocumentAdded {
                id: required(r.id, k, "id")?,
                name: required(r.name, k, "name")?,
            },
            "document_removed" => Action::DocumentRemoved {
                id: required(r.id, k, "id")?,
                name: required(r.name, k, "name")?,
            },
            "checklist_ticked" => Action::ChecklistTicked {
                document: required(r.document, k, "document")?,
                item: required(r.item, k, "item")?,
                value: required(r.value, k, "value")?,
            },
            "deleted" => Action::Deleted,
            other => return Err(format!("unknown history action `{other}`")),
        })
    }
}

/// One append-only history entry: who, when, what, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    #[serde(with = "super::rfc3339::utc")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Status>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// A CPOR customer-association claim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Claim {
    pub id: String,
    pub name: String,
    pub solution_area: Option<String>,
    pub partner_role: Option<String>,
    pub partner_org: PartnerOrgRef,
    /// MPN ID / PartnerID of the partner location.
    pub partner_location: String,
    pub customer_name: String,
    pub customer_domain: String,
    pub tenant_id: String,
    pub products: Vec<ProductLine>,
    pub customer_contact: Contact,
    pub partner_contact: Contact,
    pub documents: Vec<DocumentRef>,
    pub comments: Vec<Comment>,
    pub history: Vec<HistoryEntry>,
    pub status: Status,
    /// Storage revision, for conflict detection.
    pub revision: u64,
    #[serde(with = "super::rfc3339::opt_utc")]
    pub created_at: Option<DateTime<Utc>>,
}

impl Claim {
    /// When the claim entered its current status (from the history), or when it was created.
    pub fn status_since(&self) -> Option<DateTime<Utc>> {
        self.history
            .iter()
            .rev()
            .find(|h| h.to == Some(self.status))
            .map(|h| h.at)
            .or(self.created_at)
    }

    /// The last history entry that moved the claim into `status`.
    pub fn last_entry_into(&self, status: Status) -> Option<&HistoryEntry> {
        self.history.iter().rev().find(|h| h.to == Some(status))
    }

    /// The rejection reason of a rejected claim.
    pub fn rejection(&self) -> Option<RejectReason> {
        if self.status != Status::Rejected {
            return None;
        }
        match self.last_entry_into(Status::Rejected).map(|h| &h.action) {
            Some(Action::Rejected { reason, .. }) => Some(*reason),
            _ => None,
        }
    }

    /// How many disputes this claim has had.
    pub fn disputes_used(&self) -> usize {
        self.history
            .iter()
            .filter(|h| matches!(h.action, Action::Disputed { .. }))
            .count()
    }

    /// The partner-facing revenue-association flag of the chosen role.
    pub fn is_revenue_association(&self) -> bool {
        self.partner_role
            .as_deref()
            .and_then(|r| super::catalog::Catalog::builtin().role(r))
            .is_some_and(|r| r.revenue_association)
    }
}

/// Sorts `claims` in the list's order: newest first (claims without a date
/// last), then by id; claims equal in both keep their order. Cheap when
/// they are in order already (a load of a store written in order).
///
/// ```
/// use chrono::DateTime;
/// use cpor_desk::domain::claim::{Claim, sort_newest_first};
/// let at = |s: &str| Some(DateTime::parse_from_rfc3339(s).unwrap().to_utc());
/// let mut claims = vec![
///     Claim { id: "b".into(), created_at: at("2026-11-01T10:00:00Z"), ..Claim::default() },
///     Claim { id: "c".into(), created_at: None, ..Claim::default() },
///     Claim { id: "a".into(), created_at: at("2026-11-02T10:00:00Z"), ..Claim::default() },
/// ];
/// sort_newest_first(&mut claims);
/// let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
/// assert_eq!(ids, ["a", "b", "c"]);
/// ```
pub fn sort_newest_first(claims: &mut Vec<Claim>) {
    let newer = |a: &Claim, b: &Claim| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id));
    if claims.is_sorted_by(|a, b| newer(a, b).is_le()) {
        return;
    }
    // The order is found on indices and each claim (a large value) moved
    // twice, not some log n times as sorting the claims themselves would.
    // (At 100,000 claims the moves are most of the time: neither keys taken
    // into the sorted vector nor moving the claims in place, one cycle of
    // the order at a time, made it faster.)
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&i, &j| newer(&claims[i], &claims[j]));
    let mut slots: Vec<Option<Claim>> = std::mem::take(claims).into_iter().map(Some).collect();
    claims.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_labels_in_both_languages() {
        assert_eq!(Status::Draft.label(Locale::En), "Editing");
        assert_eq!(Status::Draft.label(Locale::Sv), "Redigering");
        assert_eq!(Status::Disputed.label(Locale::Sv), "Bestridd");
        for s in Status::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.id()));
        }
    }

    #[test]
    fn empty_json_is_a_draft() {
        let c: Claim = serde_json::from_str("{}").unwrap();
        assert_eq!(c, Claim::default());
    }

    /// The keyed sort gives the order of a plain stable sort of the claims
    /// by the same rule, duplicate dates, ids and missing dates included.
    #[test]
    fn newest_first_is_the_stable_sort_by_date_then_id() {
        let mut claims: Vec<Claim> = (0..500u32)
            .map(|i| Claim {
                id: format!("c{}", (i * 7919) % 97),
                name: i.to_string(),
                created_at: ((i * 31) % 11 != 0).then(|| {
                    DateTime::from_timestamp(i64::from((i * 7) % 23) * 3600, 0).unwrap_or_default()
                }),
                ..Claim::default()
            })
            .collect();
        let mut expected = claims.clone();
        expected.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        sort_newest_first(&mut claims);
        assert_eq!(claims, expected);
        sort_newest_first(&mut claims);
        assert_eq!(claims, expected);
    }
}

/// A partner location (MPN ID / PartnerID) of a partner organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartnerLocation {
    pub mpn_id: String,
    pub name: String,
    pub country: String,
    /// Enrolled in an incentive program.
    pub enrolled: bool,
}
