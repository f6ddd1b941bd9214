//! The partner's claims: status, customer, the next deadline.

use leptos::prelude::*;

use crate::app::components::quick_check::QuickCheck;
use crate::app::components::status_badge::StatusBadge;
use crate::app::i18n::{format_date, product_name, tr};
use crate::app::route::Route;
use crate::app::state::use_app;
use crate::domain::competing::is_competing;
use crate::domain::timeline::open_deadlines;

#[component]
pub fn ClaimsPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let rows = Memo::new(move |_| {
        let org = state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
        let all = state.claims_now();
        let now = state.now();
        let policy = state.policy();
        all.iter()
            .filter(|c| Some(&c.partner_org.id) == org.as_ref())
            .map(|c| {
                let next = open_deadlines(c, now, policy).into_iter().next();
                (c.clone(), next, is_competing(c, &all))
            })
            .collect::<Vec<_>>()
    });
    let can_create = move || {
        state
            .profile
            .with(|p| p.as_ref().is_some_and(|p| p.role.can_edit_claims()))
    };

    view! {
        <section class="card" aria-labelledby="claims-title">
            <div class="card-head">
                <h2 id="claims-title">{move || tr(locale.get(), "Your claims", "Dina anspråk")}</h2>
                <Show when=can_create>
                    <a class="button" href=Route::NewClaim.href()>
                        {move || tr(locale.get(), "New claim", "Nytt anspråk")}
                    </a>
                </Show>
            </div>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="empty">
                            {move || {
                                tr(
                                    locale.get(),
                                    "No claims yet. Start one with New claim.",
                                    "Inga anspråk ännu. Börja med Nytt anspråk.",
                                )
                            }}
                        </p>
                    }
                }
            >
                <table class="claims-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || tr(locale.get(), "Claim name", "Anspråkets namn")}</th>
                            <th scope="col">{move || tr(locale.get(), "Customer", "Kund")}</th>
                            <th scope="col">{move || tr(locale.get(), "Products", "Produkter")}</th>
                            <th scope="col">{move || tr(locale.get(), "Status", "Status")}</th>
                            <th scope="col">{move || tr(locale.get(), "Next deadline", "Nästa tidsgräns")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let loc = locale.get();
                            rows.get()
                                .into_iter()
                                .map(|(c, next, competing)| {
                                    let products = c
                                        .products
                                        .iter()
                                        .map(|p| product_name(&p.product))
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    let name = if c.name.trim().is_empty() {
                                        c.id.clone()
                                    } else {
                                        c.name.clone()
                                    };
                                    view! {
                                        <tr>
                                            <td>
                                                <a href=Route::Claim(c.id.clone()).href()>{name}</a>
                                            </td>
                                            <td>{c.customer_name.clone()}</td>
                                            <td>{products}</td>
                                            <td>
                                                <StatusBadge status=c.status locale=locale />
                                                {competing
                                                    .then(|| {
                                                        view! {
                                                            <span class="tag warning">
                                                                {tr(loc, "competing", "konkurrerande")}
                                                            </span>
                                                        }
                                                    })}
                                            </td>
                                            <td>
                                                {next
                                                    .map(|d| {
                                                        let class = if d.is_overdue() { "overdue" } else { "" };
                                                        view! {
                                                            <span class=class>
                                                                {d.kind.label(loc)}": "{format_date(d.due, loc)}
                                                                " ("{d.describe(loc)}")"
                                                            </span>
                                                        }
                                                    })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </section>
        <QuickCheck locale=locale />
    }
}
