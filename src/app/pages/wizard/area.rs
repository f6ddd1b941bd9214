//! Step 1: solution area and partner role.

use leptos::prelude::*;

use super::WizardForm;
use crate::app::components::findings::FindingList;
use crate::domain::catalog::Catalog;
use crate::i18n::msg;

/// Step 1: solution area and partner role (another area clears the role
/// and the products).
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let locale = w.locale;
    let catalog = Catalog::builtin();
    let area = move || {
        w.draft
            .with(|d| d.claim.solution_area.clone().unwrap_or_default())
    };
    let role = move || {
        w.draft
            .with(|d| d.claim.partner_role.clone().unwrap_or_default())
    };
    let area_findings = Signal::derive(move || w.shown("solutionArea"));
    let role_findings = Signal::derive(move || w.shown("partnerRole"));
    view! {
        <div class="field">
            <label for="w-area">{move || msg::solution_area(locale.get())}</label>
            <select
                id="w-area"
                data-field="solutionArea"
                aria-describedby="w-area-findings w-area-note"
                prop:value=area
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|d| d.choose_area(v));
                    w.touch("solutionArea");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let current = area();
                    catalog
                        .solution_areas
                        .iter()
                        .map(|a| {
                            view! {
                                <option value=a.id.clone() selected=current == a.id>
                                    {a.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p class="help" id="w-area-note">
                {move || {
                    let loc = locale.get();
                    catalog.area(&area()).map(|a| a.note.get(loc).to_string()).unwrap_or_default()
                }}
            </p>
            <FindingList id="w-area-findings" findings=area_findings locale=locale />
        </div>
        <div class="field">
            <label for="w-role">{move || msg::partner_role(locale.get())}</label>
            <select
                id="w-role"
                data-field="partnerRole"
                aria-describedby="w-role-findings w-role-note"
                prop:value=role
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|d| d.choose_role(v));
                    w.touch("partnerRole");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let a = area();
                    let current = role();
                    catalog
                        .roles_for(&a)
                        .map(|r| {
                            view! {
                                <option value=r.id.clone() selected=current == r.id>
                                    {r.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <div class="help" id="w-role-note">
                {move || {
                    let loc = locale.get();
                    catalog.role(&role()).map(|r| r.meaning.get(loc).to_string())
                }}
            </div>
            // Only where the area offers revenue association.
            {move || {
                let loc = locale.get();
                catalog
                    .roles_for(&area())
                    .find(|r| r.revenue_association)
                    .map(|r| {
                        view! {
                            <p class="note warning">
                                {msg::wizard_do_not_pick_revenue_association_influenced(
                                    loc,
                                    r.name.get(loc).to_string(),
                                )}
                            </p>
                        }
                    })
            }}
            <FindingList id="w-role-findings" findings=role_findings locale=locale />
        </div>
    }
}
