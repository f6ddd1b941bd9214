//! The customer inbox (simulation, docs/rules.md#roles and #competing): the consent notice a
//! customer contact gets when a claim is approved (not for revenue
//! association), with the customer's Office admin in copy and the claiming
//! partner not in copy, and "Deny consent". Claims past the consent period
//! and denied ones stay listed for the record.

use crate::i18n::msg;
use chrono::Days;
use leptos::prelude::*;

use crate::app::components::claim::{
    ActionError, claim_title, contact_text, dom_id, format_day, products_text, send_event,
};
use crate::app::components::confirm::ConfirmDialog;
use crate::app::route::Route;
use crate::app::state::{AppError, use_app};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Status};
use crate::domain::partners::partner;
use crate::domain::roles::Actor;
use crate::domain::status::{Event, local_date};
use crate::i18n::format_date;

/// True when the claim's partner role sends the customer a consent email.
fn sends_consent_email(c: &Claim) -> bool {
    c.partner_role
        .as_deref()
        .and_then(|r| Catalog::builtin().role(r))
        .map_or(!c.is_revenue_association(), |r| r.consent_email)
}

fn org_name(c: &Claim) -> String {
    if c.partner_org.name.is_empty() {
        partner(&c.partner_org.id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| c.partner_org.id.clone())
    } else {
        c.partner_org.name.clone()
    }
}

fn customer_actor(c: &Claim) -> Actor {
    Actor::customer(c.customer_contact.name.clone())
}

/// The customer inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let ids = Memo::new(move |_| {
        state
            .claims_now()
            .into_iter()
            .filter(|c| {
                matches!(
                    c.status,
                    Status::Approved | Status::ConsentPeriodEnded | Status::CustomerConsentDenied
                ) && sends_consent_email(c)
                    && c.last_entry_into(Status::Approved).is_some()
            })
            .map(|c| c.id)
            .collect::<Vec<_>>()
    });
    view! {
        <div class="inbox-page">
            <section class="card" aria-labelledby="inbox-title">
                <h2 id="inbox-title">
                    {move || msg::inbox_customer_inbox(locale.get())}
                    " "
                    <span class="sim-badge">{move || msg::simulation(locale.get())}</span>
                </h2>
                <p class="note simulation-note">
                    {move || {
                        msg::inbox_simulation_you_act_as_the_customer(locale.get())
                    }}
                </p>
                <p class="hint">
                    {move || {
                        msg::inbox_when_microsoft_approves_a_claim_the(locale.get())
                    }}
                </p>
                <Show when=move || ids.with(Vec::is_empty)>
                    <p class="empty">{move || msg::inbox_no_notices(locale.get())}</p>
                </Show>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <ConsentNotice id=id />
                </For>
            </section>
        </div>
    }
}

/// One consent notice with "Deny consent".
#[component]
fn ConsentNotice(id: String) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let lookup = id.clone();
    let claim = Memo::new(move |_| state.claim_now(&lookup).unwrap_or_default());
    let error = RwSignal::new(None::<AppError>);
    let prefix = dom_id("inbox", &id);
    let heading_id = format!("{prefix}-subject");
    let error_id = StoredValue::new(format!("{prefix}-findings"));
    let may_deny = move || claim.with(|c| state.allows(c, &Event::DenyConsent, &customer_actor(c)));
    // Denying consent cannot be undone: it asks first.
    let deny_open = RwSignal::new(false);
    let deny = move |()| {
        let (claim_id, actor) = claim.with_untracked(|c| (c.id.clone(), customer_actor(c)));
        send_event(claim_id, Event::DenyConsent, actor, None, error, |_| {});
    };
    let body = move || {
        let loc = locale.get();
        let policy = state.policy();
        let offset = *state.now().offset();
        let c = claim.get();
        let org = org_name(&c);
        let approved_at = c.last_entry_into(Status::Approved).map(|h| h.at);
        let approved_on = approved_at.map(|at| local_date(at, offset));
        let last_day = approved_on
            .filter(|_| policy.consent_period_days > 0)
            .and_then(|d| d.checked_add_days(Days::new(policy.consent_period_days.into())));
        let contact = if c.partner_contact.name.trim().is_empty() {
            c.partner_contact.email.clone()
        } else {
            contact_text(&c.partner_contact)
        };
        let period = match last_day {
            Some(d) => format!(
                "{} {}. {}",
                msg::inbox_if_you_do_not_agree_you(loc),
                format_date(d, loc),
                msg::inbox_after_that_the_association_is_sent(loc)
            ),
            None => msg::inbox_if_you_do_not_agree_you_2(loc).to_string(),
        };
        let outcome = match c.status {
            Status::CustomerConsentDenied => {
                let when = c
                    .last_entry_into(Status::CustomerConsentDenied)
                    .map(|h| format_day(h.at, loc))
                    .unwrap_or_default();
                Some(
                    view! {
                        <p class="denied-note" role="status">
                            {msg::inbox_consent_denied(loc)}" ("{when}"). "
                            {msg::inbox_the_partner_association_will_not_be(loc)}
                        </p>
                    }
                    .into_any(),
                )
            }
            Status::ConsentPeriodEnded => Some(
                view! {
                    <p class="hint">
                        {msg::inbox_the_consent_period_has_ended_and(loc)}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        };
        view! {
            <dl class="mail-head">
                <dt>{msg::inbox_from(loc)}</dt>
                <dd>{msg::inbox_microsoft_partner_center_simulated(loc)}</dd>
                <dt>{msg::inbox_to(loc)}</dt>
                <dd class="to">{contact_text(&c.customer_contact)}</dd>
                <dt>{msg::inbox_cc(loc)}</dt>
                <dd class="cc">
                    {format!(
                        "{} {} ({})",
                        msg::inbox_the_office_admin_of(loc),
                        c.customer_name,
                        msg::inbox_the_global_administrators_of_the_customer(loc)
                    )}
                </dd>
                <dt>{msg::inbox_not_in_copy(loc)}</dt>
                <dd class="not-cc">
                    {format!(
                        "{org} — {}",
                        msg::inbox_the_claiming_partner_is_not_in(loc)
                    )}
                </dd>
                <dt>{msg::inbox_date(loc)}</dt>
                <dd>{approved_on.map(|d| format_date(d, loc)).unwrap_or_default()}</dd>
            </dl>
            <p>{msg::inbox_hello(loc)}" "{c.customer_contact.name.clone()}","</p>
            <p>
                {format!(
                    "{org} {} {} ({} {}) {}",
                    msg::inbox_has_been_recognised_by_microsoft_as(loc),
                    c.customer_name,
                    msg::inbox_tenant(loc),
                    c.tenant_id,
                    msg::inbox_for(loc),
                )}
                " "
                <strong>{products_text(&c.products, loc)}</strong>
                "."
            </p>
            <p>
                {msg::inbox_your_contact_at(loc)}" "{org.clone()}": "
                <strong class="partner-contact">{contact}</strong>"."
            </p>
            <p>{period}</p>
            {outcome}
        }
    };
    view! {
        <article
            class=move || {
                if claim.with(|c| c.status == Status::CustomerConsentDenied) { "mail denied" } else { "mail" }
            }
            aria-labelledby=heading_id.clone()
        >
            <h3 id=heading_id.clone()>
                {move || msg::inbox_your_organisation_has_a_microsoft_partner(locale.get())}
                <span class="hint">
                    " · "{move || claim.with(|c| c.customer_name.clone())}" · "
                    <a href=Route::Claim(id.clone()).href()>{move || claim.with(claim_title)}</a>
                </span>
            </h3>
            {body}
            <Show when=may_deny>
                <button
                    type="button"
                    class="danger"
                    aria-describedby=move || error_id.get_value()
                    on:click=move |_| deny_open.set(true)
                >
                    {move || msg::inbox_deny_consent(locale.get())}
                </button>
            </Show>
            <ConfirmDialog
                id=format!("{prefix}-deny")
                open=deny_open
                title=Signal::derive(move || msg::inbox_deny_consent_title(locale.get()).to_string())
                text=Signal::derive(move || {
                    msg::inbox_deny_consent_text(locale.get(), claim.with(org_name))
                })
                confirm=Signal::derive(move || msg::inbox_deny_consent(locale.get()).to_string())
                on_confirm=deny
            />
            <ActionError id=error_id.get_value() error=error />
        </article>
    }
}
