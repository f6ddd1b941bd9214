//! Page in progress.
use leptos::prelude::*;

#[component]
pub fn InboxPage() -> impl IntoView {
    view! { <section class="card"></section> }
}
