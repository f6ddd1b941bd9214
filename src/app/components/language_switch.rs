//! The English / Swedish switch.

use leptos::prelude::*;

use crate::app::i18n::{T, t};
use crate::domain::finding::Locale;

#[component]
pub fn LanguageSwitch(locale: RwSignal<Locale>) -> impl IntoView {
    view! {
        <label class="language-switch">
            <span>{move || t(T::Language, locale.get())}</span>
            <select
                prop:value=move || locale.get().tag()
                on:change=move |ev| {
                    let l = Locale::from_tag(&event_target_value(&ev));
                    match use_context::<crate::app::state::AppState>() {
                        Some(state) => state.set_locale(l),
                        None => locale.set(l),
                    }
                }
            >
                <option value="en">"English"</option>
                <option value="sv">"Svenska"</option>
            </select>
        </label>
    }
}
