//! The DOM side (feature `app`): mount the app on a store, find elements the
//! way a user does (by label, by role text), type, click, pick files, and
//! wait.

use std::rc::Rc;

use cpor_desk::app::App;
use cpor_desk::app::state::{Profile, keys};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::storage::{SyncAdapter, prefs};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

type Unmount = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

thread_local! {
    /// The apps `mount_app` mounted that are still mounted, by id.
    static MOUNTED: std::cell::RefCell<Vec<(u64, Element, Unmount)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A mounted app: dropping it unmounts the app.
///
/// A test that fails in the browser never drops its future, so its app
/// would stay mounted, follow later tests' addresses and apply their
/// handed batches, and make them fail too (docs/testing.md, "Read the
/// first failure first"). So the next `mount_app` first unmounts every app
/// still mounted, and removes its container: a failure stays one failure.
pub struct Handle {
    id: u64,
}

impl Drop for Handle {
    fn drop(&mut self) {
        let mine = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            let at = m.iter().position(|(id, _, _)| *id == self.id)?;
            Some(m.remove(at))
        });
        // Unmounted outside the borrow: the app's clean-up runs here.
        drop(mine);
    }
}

/// Mounts `view` on `root` and keeps it in [`MOUNTED`], after unmounting
/// what a failed test left mounted.
pub fn mount(root: &Element, view: impl FnOnce() -> leptos::prelude::AnyView + 'static) -> Handle {
    let left: Vec<_> = MOUNTED.with(|m| m.borrow_mut().drain(..).collect());
    for (_, container, unmount) in left {
        drop(unmount);
        container.remove();
    }
    let unmount = mount_to(root.clone().unchecked_into(), view);
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    MOUNTED.with(|m| m.borrow_mut().push((id, root.clone(), unmount)));
    Handle { id }
}

/// A fresh container in the body.
pub fn wrapper() -> Element {
    let doc = document();
    let w = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&w).unwrap();
    w
}

/// Clears localStorage and the hash, so tests do not see each other.
pub fn reset_browser() {
    if let Ok(Some(ls)) = window().local_storage() {
        let _ = ls.clear();
    }
    let _ = window().location().set_hash("");
}

/// Signs in a demo profile (as the profile screen would).
pub fn sign_in(org: &str, user: &str, role: UserRole) {
    prefs::set(
        keys::PROFILE,
        &Profile {
            org_id: org.into(),
            user: user.into(),
            role,
        },
    )
    .unwrap();
}

/// Waits `ms` milliseconds (lets promises, animation frames and effects run).
pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// Lets the app settle after an action.
pub async fn settle() {
    for _ in 0..3 {
        tick().await;
        sleep(20).await;
    }
}

/// Mounts the whole app on `store` at `hash`.
pub async fn mount_app(root: &Element, store: Rc<dyn SyncAdapter>, hash: &str) -> Handle {
    let _ = window().location().set_hash(hash);
    let handle = mount(root, move || {
        view! { <App store=store.clone() /> }.into_any()
    });
    settle().await;
    handle
}

/// Mounts the whole app on `store` at `hash`, with `precheck` running the
/// PoE pre-check (instead of the web worker, which only `dist/` has).
pub async fn mount_app_with(
    root: &Element,
    store: Rc<dyn SyncAdapter>,
    hash: &str,
    precheck: Rc<dyn cpor_desk::app::precheck::PrecheckRunner>,
) -> Handle {
    let _ = window().location().set_hash(hash);
    let handle = mount(root, move || {
        view! { <App store=store.clone() precheck=precheck.clone() /> }.into_any()
    });
    settle().await;
    handle
}

/// Waits (up to about `ms` milliseconds) until `cond` holds on `root`.
pub async fn wait_for(root: &Element, what: &str, ms: i32, cond: impl Fn(&Element) -> bool) {
    for _ in 0..(ms / 20).max(1) {
        tick().await;
        if cond(root) {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting until {what}; page text: {}", text(root));
}

/// The element whose `<label>` reads exactly `text` (trimmed).
pub fn by_label(root: &Element, text: &str) -> Element {
    try_by_label(root, text).unwrap_or_else(|| panic!("no label {text:?}"))
}

pub fn try_by_label(root: &Element, text: &str) -> Option<Element> {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let label: Element = labels.item(i).unwrap().unchecked_into();
        if label.text_content().unwrap_or_default().trim() == text {
            if let Some(id) = label.get_attribute("for") {
                return root.query_selector(&format!("[id=\"{id}\"]")).unwrap();
            }
            return label.query_selector("input,select,textarea").unwrap();
        }
    }
    None
}

pub fn input(root: &Element, label: &str) -> HtmlInputElement {
    by_label(root, label).unchecked_into()
}

pub fn select(root: &Element, label: &str) -> HtmlSelectElement {
    by_label(root, label).unchecked_into()
}

/// Types into an input without leaving it (an input event, then one tick).
pub async fn enter(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
}

/// Types into an input and leaves it (input + blur events).
pub async fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    input
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    settle().await;
}

/// Chooses an option of a select (change event).
pub async fn choose(select: &HtmlSelectElement, value: &str) {
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
}

/// Ticks or unticks a checkbox like a click.
pub async fn check(input: &HtmlInputElement, on: bool) {
    if input.checked() != on {
        input.click();
    }
    settle().await;
}

/// Puts one file with `bytes` into a file input, as the picker would, and
/// fires `change`.
pub async fn pick_file(input: &HtmlInputElement, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    input.set_files(dt.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
}

/// Every element under `root` that matches `selector`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The button whose text is exactly `text`.
pub fn button(root: &Element, text: &str) -> HtmlElement {
    try_button(root, text).unwrap_or_else(|| panic!("no button {text:?} in: {}", self::text(root)))
}

pub fn try_button(root: &Element, text: &str) -> Option<HtmlElement> {
    buttons(root, text).into_iter().next()
}

/// The buttons whose text is exactly `text` (not those of a closed
/// `<dialog>`, which nobody can see).
pub fn buttons(root: &Element, text: &str) -> Vec<HtmlElement> {
    all(root, "button")
        .into_iter()
        .filter(|b| b.text_content().unwrap_or_default().trim() == text)
        .filter(|b| b.closest("dialog:not([open])").ok().flatten().is_none())
        .map(|b| b.unchecked_into())
        .collect()
}

/// The open modal dialog (`<dialog open>`) under `root`, if any.
pub fn open_dialog(root: &Element) -> Option<Element> {
    root.query_selector("dialog[open]").ok().flatten()
}

pub async fn click(el: &HtmlElement) {
    el.click();
    settle().await;
}

/// The `data-code`s of the findings in the list with id `list_id`.
pub fn codes(root: &Element, list_id: &str) -> Vec<String> {
    let items = root
        .query_selector_all(&format!("[id=\"{list_id}\"] li"))
        .unwrap();
    (0..items.length())
        .map(|i| {
            let li: Element = items.item(i).unwrap().unchecked_into();
            li.get_attribute("data-code").unwrap_or_default()
        })
        .collect()
}

/// Every finding code shown anywhere under `root`.
pub fn all_codes(root: &Element) -> Vec<String> {
    let items = root.query_selector_all("li[data-code]").unwrap();
    (0..items.length())
        .map(|i| {
            let li: Element = items.item(i).unwrap().unchecked_into();
            li.get_attribute("data-code").unwrap_or_default()
        })
        .collect()
}

pub fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

pub fn heading(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
        .unwrap_or_default()
}
