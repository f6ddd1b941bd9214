//! A labelled input with its findings, as every form field of the app shows
//! it: a real `<label for>`, the input, `aria-describedby` pointing at the
//! findings list (`{id}-findings`), `aria-invalid` while one of them is an
//! error, and the findings underneath ([`FindingList`]).
//!
//! ```ignore
//! let domain = RwSignal::new(String::new());
//! view! {
//!     <Field id="qc-domain" label=msg::customer_domain value=domain findings=findings locale=locale />
//! }
//! ```

use leptos::prelude::*;

use crate::app::components::findings::FindingList;
use crate::domain::finding::{Finding, Locale};

/// The input's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    Tel,
    Url,
    /// A secret (password, token): masked, never spell-checked.
    Password,
}

impl InputKind {
    fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Email => "email",
            InputKind::Tel => "tel",
            InputKind::Url => "url",
            InputKind::Password => "password",
        }
    }
}

/// What a field shows and where its typing goes: a `RwSignal<String>`
/// (`value=name`), or a getter and a setter over other state
/// ([`Binding::new`]).
#[derive(Clone, Copy)]
pub struct Binding {
    value: Signal<String>,
    set: Callback<String>,
}

impl Binding {
    /// Shows `get()` (tracked) and calls `set` with every keystroke's value.
    pub fn new(
        get: impl Fn() -> String + Send + Sync + 'static,
        set: impl Fn(String) + Send + Sync + 'static,
    ) -> Self {
        Binding {
            value: Signal::derive(get),
            set: Callback::new(set),
        }
    }
}

impl From<RwSignal<String>> for Binding {
    fn from(s: RwSignal<String>) -> Self {
        Binding::new(move || s.get(), move |v| s.set(v))
    }
}

/// A labelled `<input>` in a `<div class="field">`. `value` is updated on
/// every keystroke. `findings` are listed below it; without them the field
/// has no list and no `aria-describedby` (its findings are shown elsewhere).
/// `data_field` names the claim field (`data-field`, so the first field
/// with an error can be focused); `autocomplete` is `off` unless given;
/// `on_blur` runs when the user leaves the input; `children` are a hint
/// shown between the input and the findings.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    label: fn(Locale) -> &'static str,
    #[prop(into)] value: Binding,
    #[prop(into)] locale: Signal<Locale>,
    #[prop(optional, into)] findings: Option<Signal<Vec<Finding>>>,
    #[prop(optional)] kind: InputKind,
    #[prop(optional, into)] data_field: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] on_blur: Option<Callback<()>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let findings_id = findings.map(|_| format!("{id}-findings"));
    let invalid = move || {
        findings.map(|f| {
            if f.with(|fs| fs.iter().any(Finding::is_error)) {
                "true"
            } else {
                "false"
            }
        })
    };
    let list = findings
        .zip(findings_id.clone())
        .map(|(findings, id)| view! { <FindingList id=id findings=findings locale=locale /> });
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(locale.get())}</label>
            <input
                id=id
                type=kind.as_str()
                data-field=data_field
                autocomplete=autocomplete.unwrap_or("off")
                spellcheck="false"
                aria-describedby=findings_id
                aria-invalid=invalid
                prop:value=move || value.value.get()
                on:input=move |ev| value.set.run(event_target_value(&ev))
                on:blur=move |_| {
                    if let Some(f) = on_blur {
                        f.run(());
                    }
                }
            />
            {children.map(|hint| hint())}
            {list}
        </div>
    }
}
