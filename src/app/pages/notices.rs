//! Notices (`#/notices`): what Microsoft, the customer or the clock
//! changed on the organisation's claims since the last visit, each with
//! its claim and the deadline it starts ([`crate::domain::notices`]), and
//! "Mark all as read".

use leptos::prelude::*;

use crate::app::components::claim::format_datetime;
use crate::app::route::Route;
use crate::app::state::use_app;
use crate::i18n::{format_date, msg};

#[component]
pub fn NoticesPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let list = Memo::new(move |_| state.status_notices());
    view! {
        <section class="card notices" aria-labelledby="notices-title">
            <h2 id="notices-title">{move || msg::notices_title(locale.get())}</h2>
            <p class="hint">
                {move || {
                    let loc = locale.get();
                    msg::notices_since_your_last_visit(loc, format_datetime(state.notices_seen.get(), loc))
                }}
            </p>
            <Show
                when=move || !list.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || msg::notices_nothing_new(locale.get())}</p> }
            >
                <ol class="notice-list">
                    {move || {
                        let loc = locale.get();
                        list.get()
                            .into_iter()
                            .map(|n| {
                                let deadline = n.deadline.map(|(kind, due)| {
                                    view! {
                                        <p class="notice-deadline">
                                            {kind.label(loc)}": "{format_date(due, loc)}
                                        </p>
                                    }
                                });
                                view! {
                                    <li class="notice">
                                        <p class="notice-meta">
                                            <time datetime=n.at.to_rfc3339()>{format_datetime(n.at, loc)}</time>
                                            " · "
                                            <a href=Route::Claim(n.claim_id.clone()).href()>{n.claim_name.clone()}</a>
                                        </p>
                                        <p class="notice-change"><strong>{n.change.text(loc)}</strong></p>
                                        {deadline}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
                <button type="button" class="secondary" on:click=move |_| state.mark_notices_seen()>
                    {move || msg::notices_mark_all_as_read(locale.get())}
                </button>
            </Show>
            <p class="help">{move || msg::notices_how(locale.get())}</p>
        </section>
    }
}
