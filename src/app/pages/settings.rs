//! Page in progress.
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! { <section class="card"></section> }
}
