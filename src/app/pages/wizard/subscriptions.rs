//! Step 5: subscriptions (only for Business Applications products claimed
//! per subscription).

use leptos::prelude::*;

use super::WizardForm;
use crate::app::components::field::{Binding, Field};
use crate::app::state::use_app;
use crate::domain::catalog::product_name;
use crate::i18n::msg;

/// Step 5: a subscription ID per product line that is claimed per
/// subscription, with the subscriptions the directory lists for it.
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let state = use_app();
    let locale = w.locale;
    let lines = Memo::new(move |_| w.draft.with(|d| (d.subscription_lines(), d.tenant())));
    let lines_view = move || {
        let loc = locale.get();
        let (products, tenant) = lines.get();
        products
            .into_iter()
            .map(|(i, product)| {
                let field = format!("products[{i}].subscriptionId");
                let input_id = format!("w-sub-{product}");
                let (f2, f3) = (field.clone(), field.clone());
                let known: Vec<String> = tenant
                    .as_ref()
                    .map(|t| {
                        state.with_directory(|dir| {
                            dir.subscriptions_on(t, &product)
                                .into_iter()
                                .map(|s| s.id)
                                .collect()
                        })
                    })
                    .unwrap_or_default();
                let name = product_name(&product);
                let value = Binding::new(
                    move || w.draft.with(|d| d.subscription(i)),
                    move |v| w.edit(|d| d.set_subscription(&product, v)),
                );
                view! {
                    <fieldset class="subscription">
                        <legend>{name}</legend>
                        <Field
                            id=input_id
                            label=msg::subscription_id
                            value=value
                            locale=locale
                            findings=Signal::derive(move || w.shown(&f2))
                            data_field=field
                            on_blur=move |_| w.touch(&f3)
                        >
                            {(!known.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="help">
                                            {msg::wizard_the_directory_lists_these_subscriptions_of(loc)}
                                            {known
                                                .iter()
                                                .map(|s| view! { <code>{s.clone()}</code>" " })
                                                .collect_view()}
                                        </p>
                                    }
                                })}
                        </Field>
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <p class="help">{move || msg::wizard_where_the_customer_finds_the_subscription_id(locale.get())}</p>
        {lines_view}
    }
}
