//! The customer inbox (simulation, SPEC §3 and §10): the consent notice a
//! customer contact gets when a claim is approved (not for revenue
//! association), with the customer's Office admin in copy and the claiming
//! partner not in copy, and "Deny consent". Claims past the consent period
//! and denied ones stay listed for the record.

use chrono::Days;
use leptos::prelude::*;

use crate::app::components::claim::{
    ActionError, claim_title, contact_text, dom_id, format_day, products_text, send_event,
};
use crate::app::i18n::{format_date, tr};
use crate::app::route::Route;
use crate::app::state::{AppError, use_app};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Status};
use crate::domain::partners::partner;
use crate::domain::roles::Actor;
use crate::domain::status::{Event, local_date};

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
                    {move || tr(locale.get(), "Customer inbox", "Kundens inkorg")}
                    " "
                    <span class="sim-badge">{move || tr(locale.get(), "simulation", "simulering")}</span>
                </h2>
                <p class="note simulation-note">
                    {move || {
                        tr(
                            locale.get(),
                            "Simulation: you act as the customer contact named in each claim.",
                            "Simulering: du agerar som kundkontakten som anges i varje anspråk.",
                        )
                    }}
                </p>
                <p class="hint">
                    {move || {
                        tr(
                            locale.get(),
                            "When Microsoft approves a claim, the customer contact is told which partner is associated with their organisation and may deny consent. Revenue-association claims send no notice.",
                            "När Microsoft godkänner ett anspråk får kundkontakten veta vilken partner som kopplas till organisationen och kan neka medgivande. Anspråk för intäktskoppling skickar inget meddelande.",
                        )
                    }}
                </p>
                <Show when=move || ids.with(Vec::is_empty)>
                    <p class="empty">{move || tr(locale.get(), "No notices.", "Inga meddelanden.")}</p>
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
    let deny = move |_| {
        let (claim_id, actor) = claim.with_untracked(|c| (c.id.clone(), customer_actor(c)));
        send_event(
            state,
            claim_id,
            Event::DenyConsent,
            actor,
            None,
            error,
            |_| {},
        );
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
                tr(
                    loc,
                    "If you do not agree, you can deny consent. The consent period's last day is",
                    "Om du inte håller med kan du neka medgivande. Medgivandeperiodens sista dag är"
                ),
                format_date(d, loc),
                tr(
                    loc,
                    "After that the association is sent for incentive evaluation; you can still deny consent later.",
                    "Därefter skickas kopplingen för utvärdering av incitament; du kan fortfarande neka medgivande senare."
                )
            ),
            None => tr(
                loc,
                "If you do not agree, you can deny consent. The current policy has no consent period: the association is evaluated at once, and you can still deny consent at any time.",
                "Om du inte håller med kan du neka medgivande. Den aktuella policyn har ingen medgivandeperiod: kopplingen utvärderas direkt, och du kan fortfarande neka medgivande när som helst.",
            )
            .to_string(),
        };
        let outcome = match c.status {
            Status::CustomerConsentDenied => {
                let when = c
                    .last_entry_into(Status::CustomerConsentDenied)
                    .map(|h| format_day(h.at, loc))
                    .unwrap_or_default();
                Some(view! {
                    <p class="denied-note" role="status">
                        {tr(loc, "Consent denied", "Medgivande nekat")}" ("{when}"). "
                        {tr(
                            loc,
                            "The partner association will not be used for incentives.",
                            "Partnerkopplingen används inte för incitament.",
                        )}
                    </p>
                }
                .into_any())
            }
            Status::ConsentPeriodEnded => Some(view! {
                <p class="hint">
                    {tr(
                        loc,
                        "The consent period has ended and the claim was sent for incentive evaluation. You can still deny consent.",
                        "Medgivandeperioden har löpt ut och anspråket har skickats för utvärdering av incitament. Du kan fortfarande neka medgivande.",
                    )}
                </p>
            }
            .into_any()),
            _ => None,
        };
        view! {
            <dl class="mail-head">
                <dt>{tr(loc, "From:", "Från:")}</dt>
                <dd>{tr(loc, "Microsoft Partner Center (simulated)", "Microsoft Partner Center (simulerat)")}</dd>
                <dt>{tr(loc, "To:", "Till:")}</dt>
                <dd class="to">{contact_text(&c.customer_contact)}</dd>
                <dt>{tr(loc, "Cc:", "Kopia:")}</dt>
                <dd class="cc">
                    {format!(
                        "{} {} ({})",
                        tr(loc, "The Office admin of", "Office-administratören för"),
                        c.customer_name,
                        tr(
                            loc,
                            "the global administrators of the customer's Microsoft 365 tenant",
                            "de globala administratörerna för kundens Microsoft 365-klient",
                        )
                    )}
                </dd>
                <dt>{tr(loc, "Not in copy:", "Inte i kopia:")}</dt>
                <dd class="not-cc">
                    {format!(
                        "{org} — {}",
                        tr(
                            loc,
                            "the claiming partner is not in copy of this notice.",
                            "den anspråksställande partnern får ingen kopia av meddelandet.",
                        )
                    )}
                </dd>
                <dt>{tr(loc, "Date:", "Datum:")}</dt>
                <dd>{approved_on.map(|d| format_date(d, loc)).unwrap_or_default()}</dd>
            </dl>
            <p>{tr(loc, "Hello", "Hej")}" "{c.customer_contact.name.clone()}","</p>
            <p>
                {format!(
                    "{org} {} {} ({} {}) {}",
                    tr(
                        loc,
                        "has been recognised by Microsoft as a partner of record for your organisation",
                        "har av Microsoft erkänts som partner för din organisation",
                    ),
                    c.customer_name,
                    tr(loc, "tenant", "klient"),
                    c.tenant_id,
                    tr(loc, "for:", "för:"),
                )}
                " "
                <strong>{products_text(&c.products, loc)}</strong>
                "."
            </p>
            <p>
                {tr(loc, "Your contact at", "Din kontakt hos")}" "{org.clone()}": "
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
                {move || tr(locale.get(), "Your organisation has a Microsoft partner of record", "Din organisation har en Microsoft-partner registrerad")}
                <span class="hint">
                    " · "{move || claim.with(|c| c.customer_name.clone())}" · "
                    <a href=Route::Claim(id.clone()).href()>{move || claim.with(claim_title)}</a>
                </span>
            </h3>
            {body}
            <Show when=may_deny>
                <button type="button" class="danger" aria-describedby=move || error_id.get_value() on:click=deny>
                    {move || tr(locale.get(), "Deny consent", "Neka medgivande")}
                </button>
            </Show>
            <ActionError id=error_id.get_value() error=error />
        </article>
    }
}
