//! The domain types → [`Json`], in the shape their serde derives write:
//! the same keys in the same order, the same `skip_serializing_if`s, dates
//! as chrono writes them.

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::Json;
use super::read::{
    CHECKLIST_ITEMS, INFO_REASONS, PARTNER_REQUEST_REASONS, REJECT_REASONS, STATUSES,
};
use crate::domain::claim::{
    Action, Claim, Comment, CommentNote, Contact, DocumentRef, FieldChange, HistoryEntry,
    ProductLine,
};
use crate::domain::finding::{FindingView, Severity};
use crate::domain::poe::{CheckStatus, ChecklistView};
use crate::domain::roles::Actor;

/// An object from its fields, in order; `None` values are left out
/// (`skip_serializing_if`).
fn obj<const N: usize>(fields: [(&str, Option<Json>); N]) -> Json {
    Json::Obj(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect(),
    )
}

fn s(text: &str) -> Option<Json> {
    Some(Json::Str(text.to_string()))
}

/// An `Option<String>` serde writes as `null` when `None`.
fn null_or(text: &Option<String>) -> Option<Json> {
    Some(
        text.as_deref()
            .map_or(Json::Null, |t| Json::Str(t.to_string())),
    )
}

/// An `Option<String>` serde leaves out when `None`.
fn skip_none(text: &Option<String>) -> Option<Json> {
    text.as_deref().and_then(s)
}

fn list<T>(items: &[T], write: fn(&T) -> Json) -> Option<Json> {
    Some(Json::Arr(items.iter().map(write).collect()))
}

fn name<T: PartialEq>(table: &[(&'static str, T)], v: &T) -> Option<Json> {
    table.iter().find(|(_, t)| t == v).and_then(|(n, _)| s(n))
}

fn two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// What chrono's `Serialize` writes for a `DateTime<Utc>` (RFC 3339 with
/// `Z`, the fraction only when there is one, in 3, 6 or 9 digits).
pub fn utc_text(at: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(30);
    let year = at.year();
    if (0..=9999).contains(&year) {
        two(&mut out, year as u32 / 100);
        two(&mut out, year as u32 % 100);
    } else {
        out = format!("{year:+05}");
    }
    let mut nano = at.nanosecond();
    let mut sec = at.second();
    if nano >= 1_000_000_000 {
        sec += 1;
        nano -= 1_000_000_000;
    }
    for (sep, n) in [
        ('-', at.month()),
        ('-', at.day()),
        ('T', at.hour()),
        (':', at.minute()),
        (':', sec),
    ] {
        out.push(sep);
        two(&mut out, n);
    }
    if nano != 0 {
        let (digits, value) = if nano.is_multiple_of(1_000_000) {
            (3, nano / 1_000_000)
        } else if nano.is_multiple_of(1_000) {
            (6, nano / 1_000)
        } else {
            (9, nano)
        };
        out.push('.');
        let text = value.to_string();
        for _ in text.len()..digits {
            out.push('0');
        }
        out.push_str(&text);
    }
    out.push('Z');
    out
}

fn at(t: &DateTime<Utc>) -> Option<Json> {
    Some(Json::Str(utc_text(t)))
}

fn opt_at(t: &Option<DateTime<Utc>>) -> Option<Json> {
    Some(t.as_ref().map_or(Json::Null, |t| Json::Str(utc_text(t))))
}

fn num(n: u64) -> Option<Json> {
    Some(Json::Num(n.into()))
}

fn boolean(b: bool) -> Option<Json> {
    Some(Json::Bool(b))
}

pub fn value(v: &serde_json::Value) -> Json {
    Json::from_value(v)
}

fn contact(c: &Contact) -> Json {
    obj([
        ("name", s(&c.name)),
        ("email", s(&c.email)),
        ("phone", skip_none(&c.phone)),
    ])
}

fn product(p: &ProductLine) -> Json {
    obj([
        ("product", s(&p.product)),
        ("subscriptionId", skip_none(&p.subscription_id)),
    ])
}

fn document(d: &DocumentRef) -> Json {
    let t = &d.checklist;
    obj([
        ("id", s(&d.id)),
        ("name", s(&d.name)),
        ("size", num(d.size)),
        ("kind", s(&d.kind)),
        ("comment", s(&d.comment).filter(|_| !d.comment.is_empty())),
        ("addedAt", opt_at(&d.added_at)),
        (
            "checklist",
            Some(obj([
                ("acknowledgement", boolean(t.acknowledgement)),
                ("products", boolean(t.products)),
                ("activities", boolean(t.activities)),
                ("names", boolean(t.names)),
                ("dates", boolean(t.dates)),
            ])),
        ),
    ])
}

/// An actor: `{ kind, ... }`.
pub fn actor(a: &Actor) -> Json {
    match a {
        Actor::Partner { org_id, role, name } => obj([
            ("kind", s("partner")),
            ("orgId", s(org_id)),
            ("role", s(role.id())),
            ("name", s(name)),
        ]),
        Actor::Reviewer { name } => obj([("kind", s("reviewer")), ("name", s(name))]),
        Actor::Customer { name } => obj([("kind", s("customer")), ("name", s(name))]),
        Actor::System => obj([("kind", s("system"))]),
    }
}

fn comment(c: &Comment) -> Json {
    let note = c.note.as_ref().map(|n| match n {
        CommentNote::CompetingReview => obj([("type", s("competing_review"))]),
        CommentNote::AssociationEnded { products } => obj([
            ("type", s("association_ended")),
            ("products", list(products, |p| Json::Str(p.clone()))),
        ]),
    });
    obj([
        ("at", at(&c.at)),
        ("actor", Some(actor(&c.actor))),
        ("text", s(&c.text)),
        ("note", note),
    ])
}

fn action(a: &Action) -> Json {
    let unit = |t: &str| obj([("type", s(t))]);
    match a {
        Action::Created { copied_from } => obj([
            ("type", s("created")),
            ("copiedFrom", skip_none(copied_from)),
        ]),
        Action::Edited => unit("edited"),
        Action::Submitted => unit("submitted"),
        Action::ReviewStarted => unit("review_started"),
        Action::InfoRequested { reasons, comment } => obj([
            ("type", s("info_requested")),
            (
                "reasons",
                Some(Json::Arr(
                    reasons
                        .iter()
                        .filter_map(|r| name(INFO_REASONS, r))
                        .collect(),
                )),
            ),
            ("comment", s(comment)),
        ]),
        Action::Approved => unit("approved"),
        Action::Rejected {
            reason,
            partner_reason,
            comment,
        } => obj([
            ("type", s("rejected")),
            ("reason", name(REJECT_REASONS, reason)),
            (
                "partnerReason",
                partner_reason.and_then(|r| name(PARTNER_REQUEST_REASONS, &r)),
            ),
            ("comment", s(comment)),
        ]),
        Action::ConsentDenied => unit("consent_denied"),
        Action::ConsentPeriodEnded => unit("consent_period_ended"),
        Action::Disputed {
            justification,
            documents,
        } => obj([
            ("type", s("disputed")),
            ("justification", s(justification)),
            ("documents", list(documents, |d| Json::Str(d.clone()))),
        ]),
        Action::AssociationEnded { products } => obj([
            ("type", s("association_ended")),
            ("products", list(products, product)),
        ]),
        Action::Commented => unit("commented"),
        Action::DocumentAdded { id, name } => obj([
            ("type", s("document_added")),
            ("id", s(id)),
            ("name", s(name)),
        ]),
        Action::DocumentRemoved { id, name } => obj([
            ("type", s("document_removed")),
            ("id", s(id)),
            ("name", s(name)),
        ]),
        Action::ChecklistTicked {
            document,
            item,
            value,
        } => obj([
            ("type", s("checklist_ticked")),
            ("document", s(document)),
            ("item", name(CHECKLIST_ITEMS, item)),
            ("value", boolean(*value)),
        ]),
        Action::Deleted => unit("deleted"),
    }
}

fn change(c: &FieldChange) -> Json {
    obj([
        ("field", s(&c.field)),
        ("before", Some(value(&c.before))),
        ("after", Some(value(&c.after))),
    ])
}

fn history_entry(h: &HistoryEntry) -> Json {
    obj([
        ("at", at(&h.at)),
        ("actor", Some(actor(&h.actor))),
        ("action", Some(action(&h.action))),
        ("from", h.from.and_then(|st| name(STATUSES, &st))),
        ("to", h.to.and_then(|st| name(STATUSES, &st))),
        (
            "changes",
            list(&h.changes, change).filter(|_| !h.changes.is_empty()),
        ),
    ])
}

// The app keeps serde for a claim's stored size and a history entry's
// values: its storage links serde's code for the claim anyway, so the
// hand-written versions would only add bytes to it. The embeddable module
// (feature `embed`) has no other use for serde's code and uses these
// (tests/native/bridge.rs holds them equal to serde's).

/// The length in bytes of the claim's JSON as stored
/// (`serde_json::to_vec(claim).len()`).
pub fn claim_len(c: &Claim) -> usize {
    #[cfg(not(feature = "embed"))]
    return serde_json::to_vec(c).map_or(0, |v| v.len());
    #[cfg(feature = "embed")]
    claim(c).text_len()
}

/// A claim's products as a JSON value (`serde_json::to_value`).
pub fn products_value(products: &[ProductLine]) -> serde_json::Value {
    Json::Arr(products.iter().map(product).collect()).to_value()
}

/// A contact as a JSON value (`serde_json::to_value`).
pub fn contact_value(c: &Contact) -> serde_json::Value {
    contact(c).to_value()
}

/// A text field (`Option<String>` too) as a JSON value
/// (`serde_json::to_value`).
pub fn text_value(text: Option<&str>) -> serde_json::Value {
    text.map_or(serde_json::Value::Null, |t| {
        serde_json::Value::String(t.to_string())
    })
}

/// A claim field's JSON value (a history entry's `before` and `after`), as
/// `serde_json::to_value` gives it.
pub trait FieldValue {
    fn json_value(&self) -> serde_json::Value;
}

#[cfg(not(feature = "embed"))]
impl<T: serde::Serialize> FieldValue for T {
    fn json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

#[cfg(feature = "embed")]
impl FieldValue for String {
    fn json_value(&self) -> serde_json::Value {
        text_value(Some(self))
    }
}

#[cfg(feature = "embed")]
impl FieldValue for Option<String> {
    fn json_value(&self) -> serde_json::Value {
        text_value(self.as_deref())
    }
}

#[cfg(feature = "embed")]
impl FieldValue for Vec<ProductLine> {
    fn json_value(&self) -> serde_json::Value {
        products_value(self)
    }
}

#[cfg(feature = "embed")]
impl FieldValue for Contact {
    fn json_value(&self) -> serde_json::Value {
        contact_value(self)
    }
}

/// The claim JSON (docs/rules.md#claim).
pub fn claim(c: &Claim) -> Json {
    obj([
        ("id", s(&c.id)),
        ("name", s(&c.name)),
        ("solutionArea", null_or(&c.solution_area)),
        ("partnerRole", null_or(&c.partner_role)),
        (
            "partnerOrg",
            Some(obj([
                ("id", s(&c.partner_org.id)),
                ("name", s(&c.partner_org.name)),
            ])),
        ),
        ("partnerLocation", s(&c.partner_location)),
        ("customerName", s(&c.customer_name)),
        ("customerDomain", s(&c.customer_domain)),
        ("tenantId", s(&c.tenant_id)),
        ("products", list(&c.products, product)),
        ("customerContact", Some(contact(&c.customer_contact))),
        ("partnerContact", Some(contact(&c.partner_contact))),
        ("documents", list(&c.documents, document)),
        ("comments", list(&c.comments, comment)),
        ("history", list(&c.history, history_entry)),
        ("status", name(STATUSES, &c.status)),
        ("revision", num(c.revision)),
        ("createdAt", opt_at(&c.created_at)),
    ])
}

fn finding(f: &FindingView) -> Json {
    obj([
        ("field", s(&f.field)),
        ("code", s(f.code.as_str())),
        (
            "severity",
            s(match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }),
        ),
        ("message", s(&f.message)),
    ])
}

/// Findings: `[{ field, code, severity, message }]`.
pub fn findings(views: &[FindingView]) -> Json {
    Json::Arr(views.iter().map(finding).collect())
}

fn checklist_entry(c: &ChecklistView) -> Json {
    let evidence = c
        .evidence
        .iter()
        .map(|e| {
            obj([
                ("snippet", s(&e.snippet)),
                (
                    "page",
                    Some(e.page.map_or(Json::Null, |p| Json::Num(p.into()))),
                ),
                ("note", s(&e.note)),
            ])
        })
        .collect();
    obj([
        ("item", name(CHECKLIST_ITEMS, &c.item)),
        (
            "status",
            s(match c.status {
                CheckStatus::Found => "found",
                CheckStatus::Missing => "missing",
                CheckStatus::Unsure => "unsure",
            }),
        ),
        ("evidence", Some(Json::Arr(evidence))),
    ])
}

/// The PoE checklist: `[{ item, status, evidence: [{ snippet, page, note }] }]`.
pub fn checklist(views: &[ChecklistView]) -> Json {
    Json::Arr(views.iter().map(checklist_entry).collect())
}
