//! The English / Swedish switch.

use leptos::prelude::*;

use crate::domain::finding::Locale;
use crate::i18n::msg;

#[component]
pub fn LanguageSwitch(locale: RwSignal<Locale>) -> impl IntoView {
    view! {
        <label class="language-switch">
            <span class="language-label">{move || msg::language(locale.get())}</span>
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
