//! A list of findings next to a field: severity as text and colour, the
//! code, the message, and the support link for the findings whose next
//! step may need support
//! ([`crate::domain::finding::Code::needs_support`]).

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
                            <li class=class data-code=f.code.as_str()>
                                <strong>{label}": "</strong>
                                {f.message(loc)}
                                " "
                                <code>{f.code.as_str()}</code>
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
