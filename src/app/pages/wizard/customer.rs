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
    // Pre-fill the organisation name when the directory knows it.
    Effect::new(move |_| {
        if let Some(m) = known.get() {
            w.draft.maybe_update(|d| d.prefill_customer_name(&m.name));
        }
    });
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
        {w.text_input(TextField::CustomerName)}
    }
}
