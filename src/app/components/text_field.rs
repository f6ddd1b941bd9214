//! A labelled text input with its findings underneath, as every form field
//! of the app shows them (a real `<label>`, findings linked by `aria-describedby`).

use leptos::prelude::*;

use crate::app::components::findings::FindingList;
use crate::domain::finding::{Finding, Locale};

/// `value` is updated on every keystroke; `findings` are rendered below.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    #[prop(into)] locale: Signal<Locale>,
) -> impl IntoView {
    let findings_id = format!("{id}-findings");
    let invalid = move || findings.get().iter().any(Finding::is_error);
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=findings_id.clone()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FindingList id=findings_id findings=findings locale=locale />
        </div>
    }
}
