//! The header's team-sync indicator: up to date, syncing, offline, "N
//! changes not sent yet", or an error with its reason and what to do (a
//! link to Settings, and "Try again" when sync stopped). A polite live
//! region, so a change is announced without moving the focus. Nothing is
//! shown while sync is off.

use leptos::prelude::*;

use crate::app::route::Route;
use crate::app::state::use_app;
use crate::app::sync::use_sync;
use crate::domain::finding::Locale;
use crate::i18n::msg;
use crate::sync::status::{Indicator, indicator};

/// The message of a sync error code ([`crate::sync::SyncError::code`]).
pub fn sync_error_message(code: &str, locale: Locale) -> &'static str {
    match code {
        "sync.unreachable" => msg::sync_error_unreachable(locale),
        "sync.unauthorized" => msg::sync_error_unauthorized(locale),
        "sync.forbidden" => msg::sync_error_forbidden(locale),
        "sync.not_couchdb" => msg::sync_error_not_couchdb(locale),
        "sync.database_missing" => msg::sync_error_database_missing(locale),
        "sync.timeout" => msg::sync_error_timeout(locale),
        "sync.refused" => msg::sync_error_refused(locale),
        "sync.config" => msg::sync_error_config(locale),
        "sync.local" => msg::sync_error_local(locale),
        "sync.protocol" => msg::sync_error_protocol(locale),
        _ => msg::sync_error_server(locale),
    }
}

#[component]
pub fn SyncIndicator() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let client = use_sync();
    let shown = Memo::new(move |_| indicator(&state.sync_view()));
    let kind = move || match shown.get() {
        Indicator::Hidden => "off",
        Indicator::Starting | Indicator::Syncing => "syncing",
        Indicator::UpToDate => "up-to-date",
        Indicator::Unsent(_) => "unsent",
        Indicator::Offline { .. } => "offline",
        Indicator::Error { .. } => "error",
    };
    let body = move || {
        let loc = locale.get();
        let not_sent =
            |n: usize| (n > 0).then(|| format!(" · {}", msg::sync_not_sent_count(loc, n)));
        match shown.get() {
            Indicator::Hidden => ().into_any(),
            Indicator::Starting => msg::sync_indicator_starting(loc).into_any(),
            Indicator::Syncing => msg::sync_indicator_syncing(loc).into_any(),
            Indicator::UpToDate => msg::sync_indicator_up_to_date(loc).into_any(),
            Indicator::Unsent(n) => msg::sync_not_sent_count(loc, n).into_any(),
            Indicator::Offline { unsent } => {
                view! { {msg::sync_indicator_offline(loc)}{not_sent(unsent)} }.into_any()
            }
            Indicator::Error {
                code,
                detail,
                stopped,
                unsent,
            } => {
                let retry = stopped.then(move || {
                    view! {
                        " "
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| {
                                if let Some(c) = client {
                                    c.with_value(|c| c.retry_now());
                                }
                            }
                        >
                            {msg::sync_try_again(loc)}
                        </button>
                    }
                });
                let detail = (!detail.is_empty()).then(|| format!(" ({detail})"));
                view! {
                    <strong>{msg::sync_indicator_error(loc)}</strong>
                    {not_sent(unsent)}
                    <span class="sync-reason">
                        " "{sync_error_message(&code, loc)}{detail}" "
                        {(!stopped).then(|| msg::sync_indicator_retrying(loc))}
                    </span>
                    " "
                    <a href=Route::Settings.href()>{msg::sync_indicator_settings(loc)}</a>
                    {retry}
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="sync-indicator" data-sync=kind role="status" aria-live="polite">
            {body}
        </div>
    }
}
