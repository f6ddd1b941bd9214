//! Step 3: customer.

use leptos::prelude::*;

use super::WizardForm;
use crate::app::state::{DirectorySource, Lookup, use_app};
use crate::domain::wizard::TextField;
use crate::i18n::msg;

/// Step 3: the customer's domain, tenant ID and organisation name. The
/// directory's tenant for the domain is offered, and its organisation name
/// pre-filled; with the online directory, the domain is looked up when the
/// user leaves the field.
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let state = use_app();
    let locale = w.locale;
    // What the directory says about the entered domain.
    let known =
        Memo::new(move |_| state.with_directory(|dir| w.draft.with(|d| d.directory_match(dir))));
    let hint = Memo::new(move |_| {
        known.get().map(|m| {
            let same = w.draft.with(|d| d.has_tenant(&m.tenant));
            (m.domain, m.tenant, same)
        })
    });
    // The organisation name follows the directory's name for the domain
    // (filled in, replaced after a correction; never over a typed name).
    Effect::new(move |_| {
        let name = known.get().map(|m| m.name);
        w.draft
            .maybe_update(|d| d.follow_customer_name(name.as_deref()));
    });
    // What will be stored, when it is not what was typed, and the
    // registered domain the directory knows for a subdomain.
    let cleaned_domain = Memo::new(move |_| w.draft.with(|d| d.cleaned_domain()));
    let cleaned_tenant = Memo::new(move |_| w.draft.with(|d| d.cleaned_tenant()));
    let registered =
        Memo::new(move |_| state.with_directory(|dir| w.draft.with(|d| d.registered_domain(dir))));
    let online = move || {
        matches!(
            state.settings.with(|s| s.directory.clone()),
            DirectorySource::Online { .. }
        )
    };
    // Online directory: look the domain up when the user leaves the field.
    let on_leave = move |_| {
        if let Some(ascii) = w.draft.with_untracked(|d| d.ascii_domain()) {
            state.lookup_domain(ascii);
        }
    };
    view! {
        <div on:focusout=on_leave>
        {w.text_input(TextField::CustomerDomain)}
        </div>
        {move || {
            let loc = locale.get();
            cleaned_domain
                .get()
                .map(|d| {
                    view! {
                        <p class="help cleaned" role="status">
                            {msg::wizard_domain_that_will_be_claimed(loc)}" "<strong>{d}</strong>
                        </p>
                    }
                })
        }}
        {move || {
            let loc = locale.get();
            registered
                .get()
                .map(|r| {
                    let r2 = r.clone();
                    view! {
                        <div class="directory-hint suggestion" role="status">
                            <p>{msg::wizard_the_directory_knows_the_registered_domain(loc, r.clone())}</p>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| {
                                    let r = r2.clone();
                                    w.edit(|d| d.use_domain(r));
                                }
                            >
                                {msg::wizard_use_domain(loc, r)}
                            </button>
                        </div>
                    }
                })
        }}
        <Show when=online>
            <p class="help lookup" role="status">
                {move || {
                    let loc = locale.get();
                    match state.lookup.get() {
                        Lookup::Looking(d) => {
                            format!("{} {d}…", msg::wizard_looking_up_the_tenant_of(loc))
                        }
                        Lookup::Failed(d, e) => format!("{d}: {}", e.message(loc)),
                        Lookup::Found(_) | Lookup::Idle => {
                            msg::wizard_the_tenant_of_the_domain_is(loc)
                                .to_string()
                        }
                    }
                }}
            </p>
        </Show>
        <div class="directory-hint" role="status">
            {move || {
                let loc = locale.get();
                hint.get()
                    .map(|(domain, tenant, same)| {
                        let t2 = tenant.clone();
                        view! {
                            <p>
                                {msg::wizard_the_directory_says(loc)}
                                <strong>{domain}</strong>
                                {msg::wizard_belongs_to_tenant(loc)}
                                <code>{tenant}</code>
                                "."
                            </p>
                            {(!same)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| {
                                                let t = t2.clone();
                                                w.edit(|d| d.use_tenant(t));
                                            }
                                        >
                                            {msg::wizard_use_this_tenant_id(loc)}
                                        </button>
                                    }
                                })}
                        }
                    })
            }}
        </div>
        {w.text_input(TextField::TenantId)}
        {move || {
            let loc = locale.get();
            cleaned_tenant
                .get()
                .map(|t| {
                    view! {
                        <p class="help cleaned" role="status">
                            {msg::wizard_tenant_id_that_will_be_stored(loc)}" "<code>{t}</code>
                        </p>
                    }
                })
        }}
        {w.text_input(TextField::CustomerName)}
    }
}
