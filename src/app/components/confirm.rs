//! A confirmation before an action that cannot be undone (delete a draft,
//! remove a document, deny consent): a modal `<dialog>`, named by its
//! heading and described by its text. Opening it moves the focus to
//! **Cancel** (the safe choice); Escape or Cancel closes it; on closing, the
//! focus goes back to the control that opened it.
//!
//! ```ignore
//! let open = RwSignal::new(false);
//! view! {
//!     <button on:click=move |_| open.set(true)>"Delete draft…"</button>
//!     <ConfirmDialog id="delete-draft" open=open title=… text=… confirm=… on_confirm=… />
//! }
//! ```

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::state::use_app;
use crate::i18n::msg;

/// A modal confirmation, shown while `open` is true. `title`, `text` and
/// `confirm` (the confirming button's words) are in the current language;
/// `on_confirm` runs when the user confirms (the dialog closes first).
#[component]
pub fn ConfirmDialog(
    #[prop(into)] id: String,
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] confirm: Signal<String>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let locale = use_app().locale;
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel = NodeRef::<html::Button>::new();
    // The control that had the focus when the dialog opened.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let want = open.get();
        let Some(d) = dialog.get() else { return };
        if want && !d.open() {
            opener.set_value(
                document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            if d.show_modal().is_err() {
                open.set(false);
                return;
            }
            if let Some(c) = cancel.get() {
                let _ = c.focus();
            }
        } else if !want && d.open() {
            d.close();
        }
    });
    // Escape, Cancel and Confirm all end in the dialog's `close` event.
    let closed = move |_| {
        open.set(false);
        if let Some(el) = opener.get_value().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    };
    let title_id = format!("{id}-title");
    let text_id = format!("{id}-text");
    let (labelled_by, described_by) = (title_id.clone(), text_id.clone());
    view! {
        <dialog
            id=id
            class="confirm"
            node_ref=dialog
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:close=closed
        >
            <h2 id=title_id>{move || title.get()}</h2>
            <p id=text_id>{move || text.get()}</p>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {move || confirm.get()}
                </button>
                <button type="button" class="secondary" node_ref=cancel on:click=move |_| open.set(false)>
                    {move || msg::cancel(locale.get())}
                </button>
            </div>
        </dialog>
    }
}
