//! A claim status as a labelled badge (English / Swedish names of docs/rules.md#status-machine).

use leptos::prelude::*;

use crate::domain::claim::Status;
use crate::domain::finding::Locale;

/// The badge in a language fixed for its life: no reactive text, for views
/// built again when the language changes (the dashboard's rows).
pub fn status_badge(status: Status, locale: Locale) -> impl IntoView {
    view! {
        <span class=format!("status-badge status-{}", status.id()) data-status=status.id()>
            {status.label(locale)}
        </span>
    }
}

#[component]
pub fn StatusBadge(status: Status, #[prop(into)] locale: Signal<Locale>) -> impl IntoView {
    view! {
        <span class=format!("status-badge status-{}", status.id()) data-status=status.id()>
            {move || status.label(locale.get())}
        </span>
    }
}
