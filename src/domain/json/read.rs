//! [`Json`] → the domain types, as their serde derives read them from
//! JSON: unknown keys are ignored, `null` is `None` for an `Option` (and an
//! error elsewhere), a missing key takes the field's serde default or is an
//! error where serde has none. Two of serde's quirks are not copied (an
//! array in place of an object, read as the fields in order; an object
//! `{"variant": null}` or a number in place of an enum's name): they throw
//! `input.invalid` here.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Error, Json};
use crate::domain::catalog::Text;
use crate::domain::claim::{
    Action, ChecklistItem, ChecklistTicks, Claim, Comment, CommentNote, Contact, DocumentRef,
    FieldChange, HistoryEntry, InfoReason, PartnerOrgRef, PartnerRequestReason, ProductLine,
    RejectReason, Status,
};
use crate::domain::directory::{
    Channel, DemoDirectory, DirectoryData, SubscriptionRecord, SubscriptionStatus, TenantRecord,
};
use crate::domain::holidays::DEFAULT_CALENDAR;
use crate::domain::policy::Policy;
use crate::domain::rfc3339::{parse_date, parse_datetime};
use crate::domain::roles::{Actor, UserRole};
use crate::domain::status::{ClaimPatch, Event};

pub type Result<T> = std::result::Result<T, Error>;

/// A reader of one JSON value.
pub type Reader<T> = fn(&Json) -> Result<T>;

fn expected(what: &str, found: &Json) -> Error {
    Error::new(format!("expected {what}, found {}", found.kind()))
}

pub fn string(j: &Json) -> Result<String> {
    match j {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(expected("a string", j)),
    }
}

pub fn boolean(j: &Json) -> Result<bool> {
    match j {
        Json::Bool(b) => Ok(*b),
        _ => Err(expected("a boolean", j)),
    }
}

/// A whole number in 0..=`max` (what serde_json reads as an unsigned
/// integer).
fn whole(j: &Json, max: u64) -> Result<u64> {
    match j {
        Json::Num(n) if n.as_u64().is_some_and(|n| n <= max) => Ok(n.as_u64().unwrap_or(0)),
        _ => Err(expected("a whole number from 0", j)),
    }
}

pub fn u64_(j: &Json) -> Result<u64> {
    whole(j, u64::MAX)
}

pub fn u32_(j: &Json) -> Result<u32> {
    whole(j, u32::MAX.into()).map(|n| n as u32)
}

pub fn number(j: &Json) -> Result<f64> {
    match j {
        Json::Num(n) => Ok(Json::as_f64(n)),
        _ => Err(expected("a number", j)),
    }
}

/// An RFC 3339 date and time (chrono's relaxed reading, `rfc3339::utc`).
pub fn utc(j: &Json) -> Result<DateTime<Utc>> {
    let s = string(j)?;
    parse_datetime(&s)
        .map(|at| at.to_utc())
        .map_err(|e| Error::new(format!("\"{s}\" is not an RFC 3339 date and time ({e})")))
}

/// A `YYYY-MM-DD` date (`rfc3339::date`).
pub fn date(j: &Json) -> Result<NaiveDate> {
    let s = string(j)?;
    parse_date(&s).map_err(|e| Error::new(format!("\"{s}\" is not a date ({e})")))
}

/// Any value.
pub fn value(j: &Json) -> serde_json::Value {
    j.to_value()
}

/// A list of `read` values.
pub fn list<T>(j: &Json, read: Reader<T>) -> Result<Vec<T>> {
    match j {
        Json::Arr(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| read(item).map_err(|e| e.at(&format!("[{i}]"))))
            .collect(),
        _ => Err(expected("an array", j)),
    }
}

pub fn strings(j: &Json) -> Result<Vec<String>> {
    list(j, string)
}

/// A unit variant by its name in `table`; `other` for unknown names when
/// the enum has `#[serde(other)]`.
fn variant<T: Copy>(j: &Json, table: &[(&str, T)], other: Option<T>) -> Result<T> {
    let s = match j {
        Json::Str(s) => s,
        _ => return Err(expected("a string", j)),
    };
    table
        .iter()
        .find(|(name, _)| name == s)
        .map(|(_, v)| *v)
        .or(other)
        .ok_or_else(|| Error::new(format!("unknown value \"{s}\"")))
}

/// The fields of an object.
struct Fields<'a>(&'a [(String, Json)]);

fn fields(j: &Json) -> Result<Fields<'_>> {
    match j {
        Json::Obj(o) => Ok(Fields(o)),
        _ => Err(expected("an object", j)),
    }
}

/// `e` one level further out, in the field `key` (not generic, not
/// inlined: one copy for every reader).
#[inline(never)]
fn in_field(mut e: Error, key: &str) -> Error {
    e.path.insert_str(0, key);
    e.path.insert(0, '.');
    e
}

#[inline(never)]
fn missing(key: &str) -> Error {
    Error::new(format!("missing field \"{key}\""))
}

impl Fields<'_> {
    fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, j)| j)
    }

    /// `key` read by `read`, `None` when the key is absent.
    fn read<T>(&self, key: &str, read: Reader<T>) -> Result<Option<T>> {
        match self.get(key) {
            Some(j) => match read(j) {
                Ok(v) => Ok(Some(v)),
                Err(e) => Err(in_field(e, key)),
            },
            None => Ok(None),
        }
    }

    /// A field serde requires.
    fn req<T>(&self, key: &str, read: Reader<T>) -> Result<T> {
        match self.read(key, read)? {
            Some(v) => Ok(v),
            None => Err(missing(key)),
        }
    }

    /// A field with a default.
    fn or<T: Default>(&self, key: &str, read: Reader<T>) -> Result<T> {
        Ok(self.read(key, read)?.unwrap_or_default())
    }

    /// An `Option` field: absent or `null` is `None`.
    fn opt<T>(&self, key: &str, read: Reader<T>) -> Result<Option<T>> {
        match self.get(key) {
            Some(Json::Null) | None => Ok(None),
            Some(_) => self.read(key, read),
        }
    }

    /// The tag of an internally tagged enum, by its name in `table`.
    fn tag<T: Copy>(&self, key: &str, table: &[(&str, T)]) -> Result<T> {
        match self.get(key) {
            Some(j) => variant(j, table, None).map_err(|e| in_field(e, key)),
            None => Err(missing(key)),
        }
    }
}

pub const STATUSES: &[(&str, Status)] = &[
    ("draft", Status::Draft),
    ("submitted", Status::Submitted),
    ("under_review", Status::UnderReview),
    ("partner_action_required", Status::PartnerActionRequired),
    ("approved", Status::Approved),
    ("consent_period_ended", Status::ConsentPeriodEnded),
    ("rejected", Status::Rejected),
    ("customer_consent_denied", Status::CustomerConsentDenied),
    ("disputed", Status::Disputed),
];

pub const INFO_REASONS: &[(&str, InfoReason)] = &[
    ("missing_all_poe", InfoReason::MissingAllPoe),
    (
        "missing_customer_acknowledgement",
        InfoReason::MissingCustomerAcknowledgement,
    ),
    ("missing_or_old_dates", InfoReason::MissingOrOldDates),
    (
        "missing_partner_solution",
        InfoReason::MissingPartnerSolution,
    ),
    ("missing_products", InfoReason::MissingProducts),
];

pub const REJECT_REASONS: &[(&str, RejectReason)] = &[
    ("insufficient_poe", RejectReason::InsufficientPoe),
    (
        "missing_customer_consent_in_poe",
        RejectReason::MissingCustomerConsentInPoe,
    ),
    ("missing_products", RejectReason::MissingProducts),
    ("poe_not_available", RejectReason::PoeNotAvailable),
    ("competing_claim", RejectReason::CompetingClaim),
    ("partner_request", RejectReason::PartnerRequest),
    ("no_partner_response", RejectReason::NoPartnerResponse),
];

pub const PARTNER_REQUEST_REASONS: &[(&str, PartnerRequestReason)] = &[
    ("wrong_mpn", PartnerRequestReason::WrongMpn),
    ("wrong_activity", PartnerRequestReason::WrongActivity),
    (
        "no_longer_working_with_customer",
        PartnerRequestReason::NoLongerWorkingWithCustomer,
    ),
];

pub const CHECKLIST_ITEMS: &[(&str, ChecklistItem)] = &[
    ("acknowledgement", ChecklistItem::Acknowledgement),
    ("products", ChecklistItem::Products),
    ("activities", ChecklistItem::Activities),
    ("names", ChecklistItem::Names),
    ("dates", ChecklistItem::Dates),
];

pub const USER_ROLES: &[(&str, UserRole)] = &[
    ("global_admin", UserRole::GlobalAdmin),
    ("billing_admin", UserRole::BillingAdmin),
    ("incentives_admin", UserRole::IncentivesAdmin),
    ("incentives_user", UserRole::IncentivesUser),
    ("account_admin", UserRole::AccountAdmin),
    ("referrals_admin", UserRole::ReferralsAdmin),
    ("user_management_admin", UserRole::UserManagementAdmin),
];

/// With serde's aliases; unknown names are `Unknown` (`#[serde(other)]`).
pub const CHANNELS: &[(&str, Channel)] = &[
    ("web_direct", Channel::WebDirect),
    ("webDirect", Channel::WebDirect),
    ("volume_licensing", Channel::VolumeLicensing),
    ("volumeLicensing", Channel::VolumeLicensing),
    ("vl", Channel::VolumeLicensing),
    ("csp", Channel::Csp),
    ("unknown", Channel::Unknown),
];

/// With serde's aliases; unknown names are `Unknown` (`#[serde(other)]`).
pub const SUBSCRIPTION_STATUSES: &[(&str, SubscriptionStatus)] = &[
    ("active", SubscriptionStatus::Active),
    ("in_grace", SubscriptionStatus::InGrace),
    ("inGrace", SubscriptionStatus::InGrace),
    ("grace", SubscriptionStatus::InGrace),
    ("expired", SubscriptionStatus::Expired),
    ("disabled", SubscriptionStatus::Disabled),
    ("suspended", SubscriptionStatus::Suspended),
    ("unknown", SubscriptionStatus::Unknown),
];

pub fn status(j: &Json) -> Result<Status> {
    variant(j, STATUSES, None)
}

fn info_reason(j: &Json) -> Result<InfoReason> {
    variant(j, INFO_REASONS, None)
}

fn reject_reason(j: &Json) -> Result<RejectReason> {
    variant(j, REJECT_REASONS, None)
}

fn partner_request_reason(j: &Json) -> Result<PartnerRequestReason> {
    variant(j, PARTNER_REQUEST_REASONS, None)
}

fn checklist_item(j: &Json) -> Result<ChecklistItem> {
    variant(j, CHECKLIST_ITEMS, None)
}

fn user_role(j: &Json) -> Result<UserRole> {
    variant(j, USER_ROLES, None)
}

fn channel(j: &Json) -> Result<Channel> {
    variant(j, CHANNELS, Some(Channel::Unknown))
}

fn subscription_status(j: &Json) -> Result<SubscriptionStatus> {
    variant(j, SUBSCRIPTION_STATUSES, Some(SubscriptionStatus::Unknown))
}

fn partner_org(j: &Json) -> Result<PartnerOrgRef> {
    let f = fields(j)?;
    Ok(PartnerOrgRef {
        id: f.or("id", string)?,
        name: f.or("name", string)?,
    })
}

fn contact(j: &Json) -> Result<Contact> {
    let f = fields(j)?;
    Ok(Contact {
        name: f.or("name", string)?,
        email: f.or("email", string)?,
        phone: f.opt("phone", string)?,
    })
}

fn product(j: &Json) -> Result<ProductLine> {
    let f = fields(j)?;
    Ok(ProductLine {
        product: f.or("product", string)?,
        subscription_id: f.opt("subscriptionId", string)?,
    })
}

fn products(j: &Json) -> Result<Vec<ProductLine>> {
    list(j, product)
}

fn ticks(j: &Json) -> Result<ChecklistTicks> {
    let f = fields(j)?;
    Ok(ChecklistTicks {
        acknowledgement: f.or("acknowledgement", boolean)?,
        products: f.or("products", boolean)?,
        activities: f.or("activities", boolean)?,
        names: f.or("names", boolean)?,
        dates: f.or("dates", boolean)?,
    })
}

fn document(j: &Json) -> Result<DocumentRef> {
    let f = fields(j)?;
    Ok(DocumentRef {
        id: f.or("id", string)?,
        name: f.or("name", string)?,
        size: f.or("size", u64_)?,
        kind: f.or("kind", string)?,
        comment: f.or("comment", string)?,
        added_at: f.opt("addedAt", utc)?,
        checklist: f.or("checklist", ticks)?,
    })
}

fn documents(j: &Json) -> Result<Vec<DocumentRef>> {
    list(j, document)
}

const ACTOR_KINDS: &[(&str, u8)] = &[
    ("partner", 0),
    ("reviewer", 1),
    ("customer", 2),
    ("system", 3),
];

/// An actor: `{ kind, ... }`.
pub fn actor(j: &Json) -> Result<Actor> {
    let f = fields(j)?;
    Ok(match f.tag("kind", ACTOR_KINDS)? {
        0 => Actor::Partner {
            org_id: f.req("orgId", string)?,
            role: f.req("role", user_role)?,
            name: f.or("name", string)?,
        },
        1 => Actor::Reviewer {
            name: f.or("name", string)?,
        },
        2 => Actor::Customer {
            name: f.or("name", string)?,
        },
        _ => Actor::System,
    })
}

const NOTE_TYPES: &[(&str, bool)] = &[("competing_review", false), ("association_ended", true)];

fn comment_note(j: &Json) -> Result<CommentNote> {
    let f = fields(j)?;
    Ok(if f.tag("type", NOTE_TYPES)? {
        CommentNote::AssociationEnded {
            products: f.req("products", strings)?,
        }
    } else {
        CommentNote::CompetingReview
    })
}

fn comment(j: &Json) -> Result<Comment> {
    let f = fields(j)?;
    Ok(Comment {
        at: f.req("at", utc)?,
        actor: f.req("actor", actor)?,
        text: f.req("text", string)?,
        note: f.opt("note", comment_note)?,
    })
}

const ACTION_TYPES: &[(&str, u8)] = &[
    ("created", 0),
    ("edited", 1),
    ("submitted", 2),
    ("review_started", 3),
    ("info_requested", 4),
    ("approved", 5),
    ("rejected", 6),
    ("consent_denied", 7),
    ("consent_period_ended", 8),
    ("disputed", 9),
    ("association_ended", 10),
    ("commented", 11),
    ("document_added", 12),
    ("document_removed", 13),
    ("checklist_ticked", 14),
    ("deleted", 15),
];

fn action(j: &Json) -> Result<Action> {
    let f = fields(j)?;
    Ok(match f.tag("type", ACTION_TYPES)? {
        0 => Action::Created {
            copied_from: f.opt("copiedFrom", string)?,
        },
        1 => Action::Edited,
        2 => Action::Submitted,
        3 => Action::ReviewStarted,
        4 => Action::InfoRequested {
            reasons: f.req("reasons", |j| list(j, info_reason))?,
            comment: f.or("comment", string)?,
        },
        5 => Action::Approved,
        6 => Action::Rejected {
            reason: f.req("reason", reject_reason)?,
            partner_reason: f.opt("partnerReason", partner_request_reason)?,
            comment: f.or("comment", string)?,
        },
        7 => Action::ConsentDenied,
        8 => Action::ConsentPeriodEnded,
        9 => Action::Disputed {
            justification: f.req("justification", string)?,
            documents: f.or("documents", strings)?,
        },
        10 => Action::AssociationEnded {
            products: f.req("products", products)?,
        },
        11 => Action::Commented,
        12 => Action::DocumentAdded {
            id: f.req("id", string)?,
            name: f.req("name", string)?,
        },
        13 => Action::DocumentRemoved {
            id: f.req("id", string)?,
            name: f.req("name", string)?,
        },
        14 => Action::ChecklistTicked {
            document: f.req("document", string)?,
            item: f.req("item", checklist_item)?,
            value: f.req("value", boolean)?,
        },
        _ => Action::Deleted,
    })
}

fn field_change(j: &Json) -> Result<FieldChange> {
    let f = fields(j)?;
    Ok(FieldChange {
        field: f.req("field", string)?,
        before: f.req("before", |j| Ok(value(j)))?,
        after: f.req("after", |j| Ok(value(j)))?,
    })
}

fn history_entry(j: &Json) -> Result<HistoryEntry> {
    let f = fields(j)?;
    Ok(HistoryEntry {
        at: f.req("at", utc)?,
        actor: f.req("actor", actor)?,
        action: f.req("action", action)?,
        from: f.opt("from", status)?,
        to: f.opt("to", status)?,
        changes: f.or("changes", |j| list(j, field_change))?,
    })
}

/// The claim JSON (docs/rules.md#claim).
pub fn claim(j: &Json) -> Result<Claim> {
    let f = fields(j)?;
    Ok(Claim {
        id: f.or("id", string)?,
        name: f.or("name", string)?,
        solution_area: f.opt("solutionArea", string)?,
        partner_role: f.opt("partnerRole", string)?,
        partner_org: f.or("partnerOrg", partner_org)?,
        partner_location: f.or("partnerLocation", string)?,
        customer_name: f.or("customerName", string)?,
        customer_domain: f.or("customerDomain", string)?,
        tenant_id: f.or("tenantId", string)?,
        products: f.or("products", products)?,
        customer_contact: f.or("customerContact", contact)?,
        partner_contact: f.or("partnerContact", contact)?,
        documents: f.or("documents", documents)?,
        comments: f.or("comments", |j| list(j, comment))?,
        history: f.or("history", |j| list(j, history_entry))?,
        status: f.or("status", status)?,
        revision: f.or("revision", u64_)?,
        created_at: f.opt("createdAt", utc)?,
    })
}

fn claim_patch(j: &Json) -> Result<ClaimPatch> {
    let f = fields(j)?;
    Ok(ClaimPatch {
        name: f.opt("name", string)?,
        solution_area: f.opt("solutionArea", string)?,
        partner_role: f.opt("partnerRole", string)?,
        partner_location: f.opt("partnerLocation", string)?,
        customer_name: f.opt("customerName", string)?,
        customer_domain: f.opt("customerDomain", string)?,
        tenant_id: f.opt("tenantId", string)?,
        products: f.opt("products", products)?,
        customer_contact: f.opt("customerContact", contact)?,
        partner_contact: f.opt("partnerContact", contact)?,
    })
}

const EVENT_TYPES: &[(&str, u8)] = &[
    ("submit", 0),
    ("start_review", 1),
    ("request_info", 2),
    ("approve", 3),
    ("reject", 4),
    ("request_rejection", 5),
    ("deny_consent", 6),
    ("dispute", 7),
    ("edit", 8),
    ("comment", 9),
    ("add_document", 10),
    ("remove_document", 11),
    ("tick_checklist", 12),
    ("delete", 13),
];

/// An event (`{ type, ... }`, docs/rules.md#status-machine).
pub fn event(j: &Json) -> Result<Event> {
    let f = fields(j)?;
    Ok(match f.tag("type", EVENT_TYPES)? {
        0 => Event::Submit,
        1 => Event::StartReview,
        2 => Event::RequestInfo {
            reasons: f.req("reasons", |j| list(j, info_reason))?,
            comment: f.or("comment", string)?,
        },
        3 => Event::Approve,
        4 => Event::Reject {
            reason: f.req("reason", reject_reason)?,
            comment: f.or("comment", string)?,
        },
        5 => Event::RequestRejection {
            reason: f.req("reason", partner_request_reason)?,
            comment: f.or("comment", string)?,
        },
        6 => Event::DenyConsent,
        7 => Event::Dispute {
            justification: f.or("justification", string)?,
            documents: f.or("documents", documents)?,
        },
        8 => Event::Edit {
            fields: Box::new(f.req("fields", claim_patch)?),
        },
        9 => Event::Comment {
            text: f.req("text", string)?,
        },
        10 => Event::AddDocument {
            document: f.req("document", document)?,
        },
        11 => Event::RemoveDocument {
            id: f.req("id", string)?,
        },
        12 => Event::TickChecklist {
            document: f.req("document", string)?,
            item: f.req("item", checklist_item)?,
            value: f.req("value", boolean)?,
        },
        _ => Event::Delete,
    })
}

/// The module's event argument: the event with its actor,
/// `{ type, actor, ... }`.
pub fn event_with_actor(j: &Json) -> Result<(Event, Actor)> {
    let f = fields(j)?;
    let actor = f.req("actor", actor)?;
    Ok((event(j)?, actor))
}

fn text(j: &Json) -> Result<Text> {
    let f = fields(j)?;
    let mut map = BTreeMap::new();
    for (k, v) in f.0 {
        map.insert(k.clone(), string(v).map_err(|e| in_field(e, k))?);
    }
    Ok(Text(map))
}

/// A policy in the JSON shape of `data/policies.json`.
pub fn policy(j: &Json) -> Result<Policy> {
    let f = fields(j)?;
    Ok(Policy {
        id: f.req("id", string)?,
        name: f.or("name", text)?,
        description: f.or("description", text)?,
        review_start_business_days: f.req("reviewStartBusinessDays", u32_)?,
        review_decision_business_days: f.req("reviewDecisionBusinessDays", u32_)?,
        partner_response_business_days: f.req("partnerResponseBusinessDays", u32_)?,
        consent_period_days: f.req("consentPeriodDays", u32_)?,
        dispute_window_days: f.req("disputeWindowDays", u32_)?,
        max_disputes: f.req("maxDisputes", u32_)?,
        dispute_answer_business_days: f.req("disputeAnswerBusinessDays", u32_)?,
        subscription_claimable_after_hours: f.req("subscriptionClaimableAfterHours", u32_)?,
        poe_max_age_months: f.req("poeMaxAgeMonths", u32_)?,
        calendar: f
            .read("calendar", string)?
            .unwrap_or_else(|| DEFAULT_CALENDAR.to_string()),
        holidays: f.or("holidays", |j| list(j, date))?,
    })
}

fn subscription(j: &Json) -> Result<SubscriptionRecord> {
    let f = fields(j)?;
    Ok(SubscriptionRecord {
        id: f.req("id", string)?,
        product: f.req("product", string)?,
        product_name: f.opt("productName", string)?,
        dynamics: f.opt("dynamics", boolean)?,
        channel: f.or("channel", channel)?,
        status: f.or("status", subscription_status)?,
        provisioned: f.read("provisioned", boolean)?.unwrap_or(true),
        activated: f.opt("activated", utc)?,
        activated_hours_ago: f.opt("activatedHoursAgo", number)?,
        claimed_by: f.opt("claimedBy", string)?,
        note: f.or("note", string)?,
    })
}

fn tenant(j: &Json) -> Result<TenantRecord> {
    let f = fields(j)?;
    Ok(TenantRecord {
        id: f.req("id", string)?,
        name: f.or("name", string)?,
        domains: f.or("domains", strings)?,
        subscriptions: f.opt("subscriptions", |j| list(j, subscription))?,
        note: f.or("note", string)?,
    })
}

/// A directory in the JSON shape of `data/demo-directory.json`.
pub fn directory(j: &Json) -> Result<DemoDirectory> {
    let f = fields(j)?;
    Ok(DemoDirectory::from(DirectoryData {
        tenants: f.or("tenants", |j| list(j, tenant))?,
    }))
}

/// The options `{ locale?, tenantId? }` of `validateField` and
/// `checkTenantDomain`.
pub fn field_options(j: &Json) -> Result<(Option<String>, Option<String>)> {
    let f = fields(j)?;
    Ok((f.opt("locale", string)?, f.opt("tenantId", string)?))
}
