//! A list of findings next to a field: severity as text and colour, the code, the message.

use leptos::prelude::*;

use crate::domain::finding::{Finding, Locale, Severity};
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
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
