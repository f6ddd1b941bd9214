//! Page in progress.
use leptos::prelude::*;

#[component]
pub fn WizardPage() -> impl IntoView {
    view! { <section class="card"></section> }
}
