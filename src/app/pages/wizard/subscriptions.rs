//! Step 5: subscriptions (only for Business Applications products claimed
//! per subscription).

use leptos::prelude::*;

use super::WizardForm;
use crate::app::components::field::{Binding, Field};
use crate::app::state::use_app;
use crate::domain::catalog::product_name;
use crate::domain::directory::subscription_id_optional;
use crate::i18n::msg;

/// Step 5: a subscription ID per product line that is claimed per
/// subscription, marked optional where the directory implies it, with the
/// subscriptions the directory lists for it (choosing one fills it in).
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
                let (f2, f3, f4) = (field.clone(), field.clone(), field.clone());
                let (known, optional): (Vec<String>, bool) = tenant
                    .as_ref()
                    .map(|t| {
                        state.with_directory(|dir| {
                            let known = dir
                                .subscriptions_on(t, &product)
                                .into_iter()
                                .map(|s| s.id)
                                .collect();
                            (known, subscription_id_optional(&product, t, dir))
                        })
                    })
                    .unwrap_or((Vec::new(), true));
                let name = product_name(&product);
                let pick = product.clone();
                let value = Binding::new(
                    move || w.draft.with(|d| d.subscription(i)),
                    move |v| w.edit(|d| d.set_subscription(&product, v)),
                );
                let label = if optional {
                    msg::subscription_id_optional
                } else {
                    msg::subscription_id
                };
                view! {
                    <fieldset class="subscription">
                        <legend>{name}</legend>
                        <Field
                            id=input_id
                            label=label
                            value=value
                            locale=locale
                            findings=Signal::derive(move || w.shown(&f2))
                            data_field=field
                            on_blur=move |_| w.touch(&f3)
                        >
                            {(!known.is_empty())
                                .then(|| {
                                    view! {
                                        <div class="help known-subscriptions">
                                            <p>{msg::wizard_the_directory_lists_these_subscriptions_of(loc)}</p>
                                            <ul>
                                                {known
                                                    .iter()
                                                    .map(|s| {
                                                        let (id, product, field) = (s.clone(), pick.clone(), f4.clone());
                                                        view! {
                                                            <li>
                                                                <button
                                                                    type="button"
                                                                    class="link"
                                                                    on:click=move |_| {
                                                                        w.edit(|d| d.set_subscription(&product, id.clone()));
                                                                        w.touch(&field);
                                                                    }
                                                                >
                                                                    <span class="sr-only">{msg::wizard_use_subscription(loc)}" "</span>
                                                                    <code>{s.clone()}</code>
                                                                </button>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        </div>
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
