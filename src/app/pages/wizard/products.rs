//! Step 4: products.

use leptos::prelude::*;

use super::WizardForm;
use crate::app::components::findings::FindingList;
use crate::app::state::use_app;
use crate::domain::catalog::Catalog;
use crate::domain::competing::{Overlap, held_associations};
use crate::domain::finding::Code;
use crate::domain::wizard::{Step, product_locked, product_overlap};
use crate::i18n::msg;

/// Step 4: the products of the chosen area. One the own organisation
/// already holds for the tenant is disabled, one another partner holds is
/// warned about (a competing claim), and Power BI explains DPOR.
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let state = use_app();
    let locale = w.locale;
    let catalog = Catalog::builtin();
    let list_findings = Signal::derive(move || w.shown("products"));
    let area_tenant = Memo::new(move |_| {
        w.draft.with(|d| {
            (
                d.claim.solution_area.clone().unwrap_or_default(),
                d.tenant(),
            )
        })
    });
    let subscription_step = Memo::new(move |_| {
        state.with_directory(|dir| {
            w.draft
                .with(|d| d.steps(Some(dir)).contains(&Step::Subscriptions))
        })
    });
    view! {
        <p class="help engaged">{move || msg::wizard_only_select_products_you_are_engaged_with(locale.get())}</p>
        <fieldset class="products" data-field="products" tabindex="-1" aria-describedby="w-products-findings">
            <legend>{move || msg::products(locale.get())}</legend>
            {move || {
                let loc = locale.get();
                let (area, tenant) = area_tenant.get();
                let org = state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone())).unwrap_or_default();
                let held = held_associations(state.claims_now().iter());
                catalog
                    .products_for(&area)
                    .map(|p| {
                        let pid = p.id.clone();
                        let index_of = {
                            let pid = p.id.clone();
                            move || w.draft.with(|d| d.product_index(&pid))
                        };
                        let index = untrack(index_of.clone());
                        let checked = {
                            let index_of = index_of.clone();
                            move || index_of().is_some()
                        };
                        let overlap = product_overlap(&org, tenant.as_deref(), &p.id, &held);
                        let disabled = product_locked(overlap, index.is_some());
                        let input_id = format!("w-product-{}", p.id);
                        let note = match overlap {
                            Some(Overlap::OwnOrganisation) => {
                                Some(("note error", Code::ProductAlreadyAssociated.message(loc)))
                            }
                            Some(Overlap::OtherPartner) => {
                                Some(("note warning", Code::ProductCompeting.message(loc)))
                            }
                            None if !p.claimable => {
                                Some(("note warning", Code::ProductPowerBiDpor.message(loc)))
                            }
                            None => None,
                        };
                        let findings_id = format!("{input_id}-findings");
                        let label_for = input_id.clone();
                        // With the subscription step skipped, the implied
                        // subscription's findings show here.
                        let implied_index = index_of.clone();
                        let shown = Signal::derive(move || {
                            index_of()
                                .map(|i| {
                                    let mut f = w.shown(&format!("products[{i}].product"));
                                    if !subscription_step.get() {
                                        f.extend(w.shown(&format!("products[{i}].subscriptionId")));
                                    }
                                    f
                                })
                                .unwrap_or_default()
                        });
                        view! {
                            <div class="product">
                                <label class="check" for=label_for>
                                    <input
                                        id=input_id
                                        type="checkbox"
                                        disabled=disabled
                                        prop:checked=checked
                                        aria-describedby=findings_id.clone()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            w.edit(|d| d.set_product(&pid, on));
                                            w.touch("products");
                                        }
                                    />
                                    {p.name.clone()}
                                </label>
                                {note.map(|(class, text)| view! { <p class=class>{text}</p> })}
                                {
                                    let implied = {
                                        let per_sub = catalog.is_per_subscription(&p.id);
                                        move || per_sub && implied_index().is_some() && !subscription_step.get()
                                    };
                                    move || {
                                        implied()
                                            .then(|| {
                                                view! {
                                                    <p class="hint">
                                                        {msg::wizard_the_only_subscription_is_used(locale.get())}
                                                    </p>
                                                }
                                            })
                                    }
                                }
                                <FindingList id=findings_id findings=shown locale=locale />
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
        <FindingList id="w-products-findings" findings=list_findings locale=locale />
    }
}
