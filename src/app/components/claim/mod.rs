//! Widgets of the claim page, also used by the review desk and the customer
//! inbox: details, status diagram, timeline, history, comments, documents,
//! the PoE checklist and the edit form. They render a claim and send events
//! through [`AppState::apply`]; the rules stay in [`crate::domain`].
//!
//! This module also holds the small helpers they share: words for history
//! actions and edited fields, date/time and size formatting, and
//! [`ActionError`], which shows a refused event next to its control.

pub mod checklist;
pub mod comments;
pub mod details;
pub mod documents;
pub mod edit_form;
pub mod history;
pub mod next_steps;
pub mod precheck;
pub mod status_diagram;
pub mod sync_conflict;
pub mod timeline;

use crate::i18n::msg;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::findings::FindingList;
use crate::app::state::{AppError, AppState, use_app};
use crate::domain::catalog::Catalog;
use crate::domain::catalog::product_name;
use crate::domain::claim::{Action, Claim, Contact, ProductLine};
use crate::domain::finding::{Finding, Locale};
use crate::domain::roles::Actor;
use crate::domain::status::{Event, TransitionError};
use crate::i18n::format_date;

/// The claim's name, or its id when it has none.
pub fn claim_title(c: &Claim) -> String {
    if c.name.trim().is_empty() {
        c.id.clone()
    } else {
        c.name.clone()
    }
}

/// A string usable in an HTML id (letters, digits and hyphens).
pub fn dom_id(prefix: &str, raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect();
    format!("{prefix}-{clean}")
}

/// A UTC instant as a date and time in the user's time zone and locale.
pub fn format_datetime(at: DateTime<Utc>, locale: Locale) -> String {
    let local = at.with_timezone(&AppState::offset());
    format!(
        "{} {}",
        format_date(local.date_naive(), locale),
        crate::domain::rfc3339::hh_mm(&local)
    )
}

/// A UTC instant's calendar date in the user's time zone and locale.
pub fn format_day(at: DateTime<Utc>, locale: Locale) -> String {
    format_date(at.with_timezone(&AppState::offset()).date_naive(), locale)
}

/// A file size: "812 bytes", "12.3 kB", "4.5 MB", "1.2 GB".
pub fn format_size(bytes: u64, locale: Locale) -> String {
    if bytes < 1000 {
        return msg::size_bytes(locale, bytes as usize);
    }
    let (value, unit) = if bytes < 1_000_000 {
        (bytes as f64 / 1000.0, "kB")
    } else if bytes < 1_000_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else {
        (bytes as f64 / 1_000_000_000.0, "GB")
    };
    msg::size_decimal(
        locale,
        crate::i18n::one_decimal(value).replace('.', msg::decimal_separator(locale)),
        unit,
    )
}

/// The solution area's display name.
pub fn area_name(id: Option<&str>, locale: Locale) -> String {
    id.and_then(|id| Catalog::builtin().area(id))
        .map(|a| a.name.get(locale).to_string())
        .or_else(|| id.map(str::to_string))
        .unwrap_or_default()
}

/// The partner role's display name.
pub fn role_name(id: Option<&str>, locale: Locale) -> String {
    id.and_then(|id| Catalog::builtin().role(id))
        .map(|r| r.name.get(locale).to_string())
        .or_else(|| id.map(str::to_string))
        .unwrap_or_default()
}

/// Products as one line: "Dynamics 365 Sales (subscription …), Microsoft Teams".
pub fn products_text(lines: &[ProductLine], locale: Locale) -> String {
    lines
        .iter()
        .map(|p| match p.subscription() {
            Some(sub) => format!(
                "{} ({} {sub})",
                product_name(&p.product),
                msg::claim_subscription(locale)
            ),
            None => product_name(&p.product),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A contact as one line: "Name <email>, phone".
pub fn contact_text(c: &Contact) -> String {
    let mut out = c.name.trim().to_string();
    if !c.email.trim().is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("<{}>", c.email.trim()));
    }
    if let Some(phone) = c.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!(", {phone}"));
    }
    out
}

/// The display name of a claim field (the camelCase ids of the claim JSON).
pub fn field_label(field: &str, locale: Locale) -> String {
    let label: fn(Locale) -> &'static str = match field {
        "name" => msg::claim_name,
        "solutionArea" => msg::solution_area,
        "partnerRole" => msg::partner_role,
        "partnerLocation" => msg::partner_location_mpn_id,
        "customerName" => msg::customer_organisation_name,
        "customerDomain" => msg::customer_domain,
        "tenantId" => msg::tenant_id,
        "products" => msg::products,
        "customerContact" => msg::customer_contact,
        "partnerContact" => msg::partner_contact,
        "documents" => msg::review_documents,
        other => return other.to_string(),
    };
    label(locale).to_string()
}

/// A field's stored value (before/after of an edit) in words.
pub fn format_value(field: &str, value: &serde_json::Value, locale: Locale) -> String {
    let empty = || msg::claim_empty(locale).to_string();
    match value {
        serde_json::Value::Null => empty(),
        serde_json::Value::String(s) if s.trim().is_empty() => empty(),
        serde_json::Value::String(s) => match field {
            "solutionArea" => area_name(Some(s), locale),
            "partnerRole" => role_name(Some(s), locale),
            _ => s.clone(),
        },
        other => match field {
            "products" => serde_json::from_value::<Vec<ProductLine>>(other.clone())
                .map(|p| products_text(&p, locale))
                .unwrap_or_else(|_| other.to_string()),
            "customerContact" | "partnerContact" => {
                serde_json::from_value::<Contact>(other.clone())
                    .map(|c| contact_text(&c))
                    .unwrap_or_else(|_| other.to_string())
            }
            _ => other.to_string(),
        },
    }
}

/// What a history action did, in words.
pub fn describe_action(action: &Action, locale: Locale) -> String {
    let with_comment = |text: String, comment: &str| {
        if comment.trim().is_empty() {
            text
        } else {
            format!("{text}: “{}”", comment.trim())
        }
    };
    match action {
        Action::Created { copied_from: None } => msg::claim_created(locale).to_string(),
        Action::Created {
            copied_from: Some(id),
        } => format!("{} {id}", msg::claim_created_as_a_copy_of(locale)),
        Action::Edited => msg::claim_details_edited(locale).to_string(),
        Action::Submitted => msg::claim_submitted(locale).to_string(),
        Action::ReviewStarted => msg::claim_review_started(locale).to_string(),
        Action::InfoRequested { reasons, comment } => with_comment(
            format!(
                "{} {}",
                msg::claim_information_requested(locale),
                reasons
                    .iter()
                    .map(|r| r.label(locale))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            comment,
        ),
        Action::Approved => msg::claim_approved(locale).to_string(),
        Action::Rejected {
            reason,
            partner_reason,
            comment,
        } => {
            let mut text = format!("{} {}", msg::claim_rejected(locale), reason.label(locale));
            if let Some(pr) = partner_reason {
                text.push_str(&format!(" ({})", pr.label(locale)));
            }
            with_comment(text, comment)
        }
        Action::ConsentDenied => msg::claim_customer_denied_consent(locale).to_string(),
        Action::ConsentPeriodEnded => {
            msg::claim_consent_period_ended_sent_for_incentive(locale).to_string()
        }
        Action::Disputed { justification, .. } => with_comment(
            msg::claim_rejection_disputed(locale).to_string(),
            justification,
        ),
        Action::AssociationEnded { products } => format!(
            "{} {}",
            msg::claim_association_ended(locale),
            products_text(products, locale)
        ),
        Action::Commented => msg::claim_comment_added(locale).to_string(),
        Action::DocumentAdded { name, .. } => {
            format!("{} {name}", msg::claim_document_added(locale))
        }
        Action::DocumentRemoved { name, .. } => {
            format!("{} {name}", msg::claim_document_removed(locale))
        }
        Action::Deleted => msg::claim_deleted(locale).to_string(),
        Action::ChecklistTicked { item, value, .. } => format!(
            "{} {} ({})",
            msg::claim_poe_checklist(locale),
            item.label(locale),
            if *value {
                msg::claim_ticked(locale)
            } else {
                msg::claim_unticked(locale)
            }
        ),
    }
}

/// The names of a dispute's documents ("Documents: sow-2.pdf, po.pdf"),
/// looked up in the claim; `None` for other entries or without documents.
pub fn dispute_documents_text(claim: &Claim, action: &Action, locale: Locale) -> Option<String> {
    let Action::Disputed { documents, .. } = action else {
        return None;
    };
    if documents.is_empty() {
        return None;
    }
    let names: Vec<String> = documents
        .iter()
        .map(|id| {
            claim
                .documents
                .iter()
                .find(|d| d.id == *id)
                .map_or_else(|| id.clone(), |d| d.name.clone())
        })
        .collect();
    Some(format!(
        "{} {}",
        msg::claim_dispute_documents(locale),
        names.join(", ")
    ))
}

/// What an event does, in the words of the control that sends it ("Submit
/// claim", "Add comment"), e.g. for a change that could not be saved.
pub fn event_label(event: &Event, locale: Locale) -> &'static str {
    match event {
        Event::Submit => msg::claim_submit_claim(locale),
        Event::StartReview => msg::review_start_review(locale),
        Event::RequestInfo { .. } => msg::review_request_information_2(locale),
        Event::Approve => msg::review_approve(locale),
        Event::Reject { .. } => msg::review_reject_claim(locale),
        Event::RequestRejection { .. } => msg::claim_request_rejection_2(locale),
        Event::DenyConsent => msg::inbox_deny_consent(locale),
        Event::Dispute { .. } => msg::claim_dispute(locale),
        Event::Edit { .. } => msg::edit_form_save_changes(locale),
        Event::Comment { .. } => msg::comments_add_comment(locale),
        Event::AddDocument { .. } => msg::documents_add_poe_document(locale),
        Event::RemoveDocument { .. } => msg::remove(locale),
        Event::TickChecklist { .. } => msg::claim_poe_checklist_2(locale),
        Event::Delete => msg::claim_delete_draft_confirm(locale),
    }
}

/// The actor with their role: "Ada Lindqvist (partner)", "Microsoft reviewer".
pub fn actor_text(actor: &Actor, locale: Locale) -> String {
    let name = actor.display(locale);
    match actor {
        Actor::Partner { .. } => format!("{name} ({})", msg::claim_partner(locale)),
        Actor::Reviewer { .. } if actor.own_name().is_some() => {
            format!("{name} ({})", msg::claim_reviewer(locale))
        }
        Actor::Customer { .. } => format!("{name} ({})", msg::claim_customer(locale)),
        _ => name,
    }
}

/// Sends an event and reports a refusal in `error` (shown by
/// [`ActionError`]); `on_ok` runs with the stored claim. Storage failures
/// are kept by the state as a pending change with a banner. Call it from an
/// event handler (it takes the state from context).
pub fn send_event(
    claim_id: String,
    event: Event,
    actor: Actor,
    base_revision: Option<u64>,
    error: RwSignal<Option<AppError>>,
    on_ok: impl FnOnce(Claim) + 'static,
) {
    let state = use_app();
    error.set(None);
    spawn_local(async move {
        match state.apply(&claim_id, event, actor, base_revision).await {
            Ok(claim) => on_ok(claim),
            Err(e) => error.set(Some(e)),
        }
    });
}

/// A refused or failed action, next to its control: for refusals by the
/// domain, the findings (each said once: a claim that is not ready gets a
/// lead line above its list, any other refusal is its one finding); for
/// other failures, the message. `id` is the id of the findings list, for
/// `aria-describedby` on the control.
#[component]
pub fn ActionError(#[prop(into)] id: String, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let findings = Signal::derive(move || {
        error.with(|e| e.as_ref().map(AppError::findings).unwrap_or_default())
    });
    view! {
        <div class="action-error">
            {move || {
                let loc = locale.get();
                error
                    .get()
                    .and_then(|e| {
                        let text = match &e {
                            AppError::Storage(_) => {
                                msg::claim_your_change_was_not_saved_see(loc)
                                    .to_string()
                            }
                            AppError::Transition(TransitionError::Invalid { .. }) => {
                                msg::state_the_claim_is_not_ready(loc).to_string()
                            }
                            AppError::Transition(_) => return None,
                            other => other.message(loc),
                        };
                        Some(view! { <p class="action-message" role="alert">{text}</p> })
                    })
            }}
            <FindingList id=id findings=findings locale=locale />
        </div>
    }
}

/// Findings with the file they belong to (document upload).
#[derive(Debug, Clone, PartialEq)]
pub struct FileFindings {
    pub file: String,
    pub findings: Vec<Finding>,
}

/// A labelled `<select>` over a fixed list of reasons (reject, request
/// rejection, …): the option values are indexes into `options`.
pub fn reason_select<T>(
    id: String,
    options: &'static [T],
    value: RwSignal<T>,
    label: fn(T, Locale) -> &'static str,
    locale: RwSignal<Locale>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <label for=id.clone()>{move || msg::claim_reason(locale.get())}</label>
        <select
            id=id
            on:change=move |ev| {
                let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                if let Some(r) = options.get(i) {
                    value.set(*r);
                }
            }
        >
            {move || {
                let loc = locale.get();
                options
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        view! {
                            <option value=i.to_string() selected=*r == value.get_untracked()>
                                {label(*r, loc)}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}
