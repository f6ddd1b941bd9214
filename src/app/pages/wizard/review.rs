//! Step 7: review and Create claim.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{WizardForm, back_button};
use crate::app::components::confirm_warnings::ConfirmWarnings;
use crate::app::components::findings::FindingList;
use crate::app::route::{Route, navigate};
use crate::app::state::{AppError, AppState, keys, use_app};
use crate::domain::catalog::{Catalog, product_name};
use crate::domain::claim::Contact;
use crate::domain::status::new_claim;
use crate::domain::wizard::{Step, WizardDraft};
use crate::i18n::msg;
use crate::storage::prefs;

/// Step 7: the summary with a "Change" link per row, every error and
/// warning, and Create claim (refused while an error is left). The created
/// claim opens and the draft is cleared.
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let state = use_app();
    let locale = w.locale;
    let busy = RwSignal::new(false);
    let create_error = RwSignal::new(None::<String>);
    let errors = move || {
        w.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.is_error())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let warnings = Signal::derive(move || {
        w.findings.with(|fs| {
            fs.iter()
                .filter(|f| !f.is_error())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let blocking = Signal::derive(errors);
    let confirming = RwSignal::new(false);
    let create = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(profile) = state.profile.get_untracked() else {
            create_error.set(Some(AppError::NoProfile.message(locale.get_untracked())));
            return;
        };
        let findings = w.findings.get_untracked();
        let template = w
            .draft
            .try_update(|d| d.finish(profile.org_ref(), &findings))
            .flatten();
        let Some(template) = template else {
            return;
        };
        let id = AppState::new_id();
        let claim = match new_claim(
            id.clone(),
            template,
            &profile.actor(),
            state.now_untracked(),
        ) {
            Ok(c) => c,
            Err(e) => {
                create_error.set(Some(AppError::from(e).message(locale.get_untracked())));
                return;
            }
        };
        busy.set(true);
        confirming.set(false);
        spawn_local(async move {
            match state.create(claim).await {
                Ok(saved) => {
                    prefs::remove(keys::WIZARD_DRAFT);
                    w.draft.set(WizardDraft::default());
                    navigate(&Route::Claim(saved.id));
                }
                Err(e) => create_error.set(Some(e.message(locale.get_untracked()))),
            }
            busy.set(false);
        });
    };
    // Create claim: errors block (finish shows them); open warnings are
    // shown for confirmation first.
    let ask = move |_| {
        let has_errors = w
            .findings
            .with_untracked(|fs| fs.iter().any(|f| f.is_error()));
        if !has_errors && !warnings.with_untracked(Vec::is_empty) {
            w.draft.update(|d| {
                d.attempted.extend(Step::ALL);
            });
            confirming.set(true);
        } else {
            create();
        }
    };
    let summary = move || {
        let loc = locale.get();
        let c = w.draft.with(|d| d.claim.clone());
        let catalog = Catalog::builtin();
        let area = c
            .solution_area
            .as_deref()
            .and_then(|a| catalog.area(a))
            .map(|a| a.name.get(loc).to_string())
            .unwrap_or_default();
        let role = c
            .partner_role
            .as_deref()
            .and_then(|r| catalog.role(r))
            .map(|r| r.name.get(loc).to_string())
            .unwrap_or_default();
        let products = c
            .products
            .iter()
            .map(|l| match l.subscription() {
                Some(s) => format!("{} ({s})", product_name(&l.product)),
                None => product_name(&l.product),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let contact = |x: &Contact| {
            let mut s = format!("{} <{}>", x.name, x.email);
            if let Some(p) = x.phone.as_deref().filter(|p| !p.trim().is_empty()) {
                s.push_str(&format!(", {p}"));
            }
            s
        };
        // Label, value, and the claim field whose step "Change" goes to.
        let rows: Vec<(&'static str, String, &str)> = vec![
            (msg::solution_area(loc), area, "solutionArea"),
            (msg::partner_role(loc), role, "partnerRole"),
            (
                msg::partner_location_mpn_id(loc),
                c.partner_location.clone(),
                "partnerLocation",
            ),
            (
                msg::customer_domain(loc),
                c.customer_domain.clone(),
                "customerDomain",
            ),
            (msg::tenant_id(loc), c.tenant_id.clone(), "tenantId"),
            (
                msg::customer_organisation_name(loc),
                c.customer_name.clone(),
                "customerName",
            ),
            (msg::products(loc), products, "products"),
            (
                msg::customer_contact(loc),
                contact(&c.customer_contact),
                "customerContact",
            ),
            (
                msg::partner_contact(loc),
                contact(&c.partner_contact),
                "partnerContact",
            ),
            (msg::claim_name(loc), c.name.clone(), "name"),
        ];
        rows.into_iter()
            .map(|(k, v, field)| {
                let step = Step::of_field(field);
                view! {
                    <dt>{k}</dt>
                    <dd>
                        {v}
                        " "
                        <button type="button" class="link" on:click=move |_| w.go(step)>
                            {msg::wizard_change(loc)}
                            <span class="sr-only">" "{k}</span>
                        </button>
                    </dd>
                }
            })
            .collect_view()
    };
    view! {
        <dl class="summary">{summary}</dl>
        <Show when=move || !blocking.get().is_empty()>
            <div class="banner error" role="alert">
                <p>
                    {move || {
                        msg::wizard_these_must_be_corrected_before_the(locale.get())
                    }}
                </p>
                <FindingList id="w-review-errors" findings=blocking locale=locale />
            </div>
        </Show>
        <Show when=move || !warnings.get().is_empty()>
            <div class="banner warning">
                <p>{move || msg::wizard_warnings_they_do_not_block(locale.get())}</p>
                <FindingList id="w-review-warnings" findings=warnings locale=locale />
            </div>
        </Show>
        <p class="help">
            {move || {
                msg::wizard_the_claim_is_stored_in_status(locale.get())
            }}
        </p>
        {move || create_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <div class="actions">
            {back_button(w, Step::Review)}
            <button
                type="button"
                class="primary"
                disabled=move || busy.get() || confirming.get()
                on:click=ask
            >
                {move || msg::wizard_create_claim(locale.get())}
            </button>
        </div>
        <ConfirmWarnings
            id="w-create-confirm"
            open=confirming
            warnings=warnings
            confirm_label=msg::confirm_create_anyway
            on_confirm=move |_| create()
            locale=locale
        />
    }
}
