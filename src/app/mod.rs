//! The Leptos app: a thin UI over the domain. Components render state and
//! send events; the rules live in [`crate::domain`].

pub mod components;
pub mod i18n;
pub mod online;

use leptos::prelude::*;

use crate::domain::finding::Locale;
use components::language_switch::LanguageSwitch;
use components::quick_check::QuickCheck;
use i18n::{T, t};

/// The browser's preferred language, English when it is not Swedish.
pub fn browser_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// The app shell.
#[component]
pub fn App() -> impl IntoView {
    let locale = RwSignal::new(browser_locale());
    Effect::new(move |_| {
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", locale.get().tag());
        }
    });
    view! {
        <header class="app-header">
            <h1>{move || t(T::AppTitle, locale.get())}</h1>
            <p class="tagline">{move || t(T::Tagline, locale.get())}</p>
            <LanguageSwitch locale=locale />
        </header>
        <main id="main">
            <QuickCheck locale=locale.read_only() />
        </main>
    }
}
