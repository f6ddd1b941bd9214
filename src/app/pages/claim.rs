//! The claim page.
use leptos::prelude::*;

#[component]
pub fn ClaimPage(id: String) -> impl IntoView {
    view! { <section class="card"><h2>{id}</h2></section> }
}
