//! Page in progress.
use leptos::prelude::*;

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! { <section class="card"></section> }
}
