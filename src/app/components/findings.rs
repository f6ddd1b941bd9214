//! A list of findings next to a field: the severity as text and colour, the
//! message, and the support link for the findings whose next step may need
//! support ([`crate::domain::finding::Code::needs_support`]). The finding's
//! code is not part of the sentence a partner reads: it is in the item's
//! `data-code` attribute and its tooltip (`title`), for support and tests.
//! Likewise [`TechnicalDetails`] keeps a technical error's own words (a PDF
//! reader's, in English) behind a toggle.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::finding::{Finding, Locale, Severity};
use crate::domain::support::DEFAULT_SUPPORT_URL;
use crate::i18n::msg;

/// Renders findings; `id` lets the field point at it with `aria-describedby`.
#[component]
pub fn FindingList(
    #[prop(into)] id: String,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    #[prop(into)] locale: Signal<Locale>,
) -> impl IntoView {
    view! {
        <ul class="findings" id=id aria-live="polite">
            {move || {
                let loc = locale.get();
                findings
                    .get()
                    .into_iter()
                    .map(|f| {
                        let (class, label) = match f.severity() {
                            Severity::Error => ("finding error", msg::severity_error(loc)),
                            Severity::Warning => ("finding warning", msg::severity_warning(loc)),
                        };
                        view! {
                            <li class=class data-code=f.code.as_str() title=f.code.as_str()>
                                <strong>{label}": "</strong>
                                {f.message(loc)}
                                {f.code.needs_support().then(|| view! { " " <SupportLink /> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The support link of the settings (Partner Center support by default),
/// opening in a new tab.
#[component]
pub fn SupportLink() -> impl IntoView {
    let state = use_context::<AppState>();
    let href = move || state.map_or_else(|| DEFAULT_SUPPORT_URL.to_string(), |s| s.support_url());
    let label = move || {
        state
            .map(|s| s.locale.get())
            .map_or_else(|| msg::support_link(Locale::default()), msg::support_link)
    };
    view! {
        <a class="support-link" href=href target="_blank" rel="noopener noreferrer">
            {label}
        </a>
    }
}

/// A technical error's own words ("failed parsing cross reference table…")
/// behind a "Technical details (for support)" toggle, under the translated
/// sentence that says what happened.
#[component]
pub fn TechnicalDetails(#[prop(into)] detail: String) -> impl IntoView {
    let locale = crate::app::state::use_app().locale;
    view! {
        <details class="technical-details">
            <summary>{move || msg::precheck_technical_details(locale.get())}</summary>
            <code>{detail}</code>
        </details>
    }
}
