//! The claim's details (docs/rules.md#claim): names, area and role, partner location,
//! customer, products with subscription IDs, contacts.

use crate::i18n::msg;
use leptos::prelude::*;

use super::{area_name, contact_text, format_day, role_name};
use crate::app::state::use_app;
use crate::domain::catalog::product_name;
use crate::domain::claim::Claim;
use crate::domain::partners::partner;

/// A definition list of every field of `claim`.
#[component]
pub fn ClaimDetails(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    move || {
        let loc = locale.get();
        let c = claim.get();
        let location = partner(&c.partner_org.id)
            .and_then(|o| o.locations.iter().find(|l| l.mpn_id == c.partner_location))
            .map(|l| format!("{} ({})", c.partner_location, l.name))
            .unwrap_or_else(|| c.partner_location.clone());
        let org = if c.partner_org.name.is_empty() {
            partner(&c.partner_org.id)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| c.partner_org.id.clone())
        } else {
            c.partner_org.name.clone()
        };
        let dash = |s: String| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                s
            }
        };
        view! {
            <dl class="details">
                <dt>{msg::claim_name(loc)}</dt>
                <dd>{dash(c.name.clone())}</dd>
                <dt>{msg::details_claim_id(loc)}</dt>
                <dd><code>{c.id.clone()}</code></dd>
                <dt>{msg::solution_area(loc)}</dt>
                <dd>{dash(area_name(c.solution_area.as_deref(), loc))}</dd>
                <dt>{msg::partner_role(loc)}</dt>
                <dd>{dash(role_name(c.partner_role.as_deref(), loc))}</dd>
                <dt>{msg::partner_organisation(loc)}</dt>
                <dd>{dash(org)}</dd>
                <dt>{msg::partner_location_mpn_id(loc)}</dt>
                <dd>{dash(location)}</dd>
                <dt>{msg::customer_organisation_name(loc)}</dt>
                <dd>{dash(c.customer_name.clone())}</dd>
                <dt>{msg::customer_domain(loc)}</dt>
                <dd>{dash(c.customer_domain.clone())}</dd>
                <dt>{msg::tenant_id(loc)}</dt>
                <dd><code>{dash(c.tenant_id.clone())}</code></dd>
                <dt>{msg::products(loc)}</dt>
                <dd>
                    <ul class="products">
                        {c
                            .products
                            .iter()
                            .map(|p| {
                                let sub = p.subscription().map(|s| {
                                    view! {
                                        <span class="subscription">
                                            " · "{msg::subscription_id(loc)}": "<code>{s.to_string()}</code>
                                        </span>
                                    }
                                });
                                view! { <li>{product_name(&p.product)}{sub}</li> }
                            })
                            .collect_view()}
                    </ul>
                </dd>
                <dt>{msg::customer_contact(loc)}</dt>
                <dd>{dash(contact_text(&c.customer_contact))}</dd>
                <dt>{msg::partner_contact(loc)}</dt>
                <dd>{dash(contact_text(&c.partner_contact))}</dd>
                <dt>{msg::created(loc)}</dt>
                <dd>{dash(c.created_at.map(|at| format_day(at, loc)).unwrap_or_default())}</dd>
            </dl>
        }
    }
}
