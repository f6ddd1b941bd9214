//! The banners under the header: a newer version waiting (Reload), storage
//! notes, messages, and a change that could not be stored (with "apply
//! again" and "discard").

use crate::i18n::msg;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::claim::event_label;
use crate::app::state::use_app;
use crate::app::update::use_update;

#[component]
pub fn Banners() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let update = use_update();
    view! {
        {move || {
            update.filter(|u| u.ready.get()).map(|u| {
                view! {
                    <div class="banner info update" role="status">
                        <span>{move || msg::banners_update_ready(locale.get())}</span>
                        <button type="button" on:click=move |_| u.apply()>
                            {move || msg::banners_update_reload(locale.get())}
                        </button>
                    </div>
                }
            })
        }}
        {move || {
            state
                .storage_note
                .get()
                .map(|text| view! { <div class="banner warning" role="status">{text}</div> })
        }}
        {move || {
            state
                .notice
                .get()
                .map(|n| {
                    let class = if n.error { "banner error" } else { "banner info" };
                    let role = if n.error { "alert" } else { "status" };
                    view! {
                        <div class=class role=role>
                            <span>{n.text}</span>
                            <button type="button" class="link" on:click=move |_| state.notice.set(None)>
                                {move || msg::banners_dismiss(locale.get())}
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            state
                .pending
                .get()
                .map(|p| {
                    let loc = locale.get();
                    let conflict = matches!(
                        p.error,
                        crate::app::state::AppError::Storage(ref e) if e.is_conflict()
                    );
                    view! {
                        <div class="banner error pending" role="alert">
                            <p>{p.error.message(loc)}</p>
                            <p data-event=p.event.name()>
                                {msg::banners_unsaved_change(loc)}" "
                                <strong>{event_label(&p.event, loc)}</strong>
                            </p>
                            <div class="actions">
                                <button
                                    type="button"
                                    on:click=move |_| spawn_local(async move {
                                        let _ = state.retry_pending().await;
                                    })
                                >
                                    {if conflict {
                                        msg::banners_load_the_latest_version_and_apply(loc)
                                    } else {
                                        msg::banners_try_again(loc)
                                    }}
                                </button>
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| spawn_local(async move {
                                        state.discard_pending().await;
                                    })
                                >
                                    {msg::banners_discard_my_change_and_show_the(loc)}
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
