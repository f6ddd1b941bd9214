//! "Submit anyway?": the open warnings of a claim, shown before Create
//! claim or Submit claim goes ahead (warnings never block, but nothing is
//! sent with them unseen; errors still block). An inline `alertdialog`:
//! the focus moves to it when it opens, and **Go back** closes it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::components::findings::FindingList;
use crate::domain::finding::{Finding, Locale};
use crate::i18n::msg;

/// The confirmation, shown while `open`. `confirm_label` is the button
/// that goes ahead ("Create claim anyway", "Submit anyway"); `on_confirm`
/// runs when it is pressed (the dialog closes first). `id` prefixes the
/// element ids.
#[component]
pub fn ConfirmWarnings(
    #[prop(into)] id: String,
    open: RwSignal<bool>,
    #[prop(into)] warnings: Signal<Vec<Finding>>,
    confirm_label: fn(Locale) -> &'static str,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] locale: Signal<Locale>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let list_id = format!("{id}-warnings");
    let cancel_id = format!("{id}-cancel");
    let focus_id = cancel_id.clone();
    Effect::new(move |_| {
        if open.get() {
            let focus_id = focus_id.clone();
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&focus_id) {
                    let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            });
        }
    });
    view! {
        <Show when=move || open.get()>
            <div
                class="confirm banner warning"
                role="alertdialog"
                aria-labelledby=title_id.clone()
                aria-describedby=list_id.clone()
            >
                <h4 id=title_id.clone()>{move || msg::confirm_warnings_title(locale.get())}</h4>
                <p>{move || msg::confirm_warnings_intro(locale.get())}</p>
                <FindingList id=list_id.clone() findings=warnings locale=locale />
                <div class="actions">
                    <button
                        type="button"
                        on:click=move |_| {
                            open.set(false);
                            on_confirm.run(());
                        }
                    >
                        {move || confirm_label(locale.get())}
                    </button>
                    <button id=cancel_id.clone() type="button" class="secondary" on:click=move |_| open.set(false)>
                        {move || msg::confirm_warnings_go_back(locale.get())}
                    </button>
                </div>
            </div>
        </Show>
    }
}
