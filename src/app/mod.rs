//! The Leptos app: a thin UI over the domain. Components render state and
//! send events; the rules live in [`crate::domain`], persistence behind
//! [`crate::storage::SyncAdapter`]. The [`App`] component creates the
//! shared state; everything else takes it from context
//! ([`state::use_app`]).
//!
//! - [`components`]: shared widgets (the labelled field, findings, banners, the claim panels);
//! - [`files`]: files in and out of the browser (download bytes, read a picked file);
//! - [`lazy`]: pages loaded on demand in the split build (code splitting);
//! - [`online`]: the online directory's OpenID lookup (fetch only);
//! - [`persist`]: persistent storage (asked for once a profile is chosen) and the quota;
//! - [`pages`]: one module per page (the wizard is a folder: one file per step);
//! - [`precheck`]: the PoE pre-check runner (web worker) and its reports (context);
//! - [`route`]: hash routes (work on any static host, under any sub-path);
//! - [`state`]: the shared state (context) and the one place events are applied;
//! - [`sync`]: team sync's worker client (one replicator per browser) and status;
//! - [`update`]: a newer build waiting in the offline service worker ("Reload").

pub mod components;
pub mod files;
pub mod lazy;
pub mod online;
pub mod pages;
pub mod persist;
pub mod precheck;
pub mod route;
pub mod state;
pub mod sync;
pub mod update;

use crate::i18n::msg;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::finding::Locale;
use crate::domain::notices::Notice;
use crate::storage::SyncAdapter;
use components::banners::Banners;
use components::language_switch::LanguageSwitch;
use components::sync_indicator::SyncIndicator;
use route::{Route, use_hash_route};
use state::{provide_app_state, use_app};

/// The browser's preferred language, English when it is not Swedish.
pub fn browser_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// The whole app. `store`: the storage adapter to use (tests pass a
/// `MemoryStore`); `None` opens IndexedDB, falling back to localStorage.
/// `precheck`: what runs the PoE pre-check (tests pass the in-thread
/// `InlineRunner`); `None` uses the PoE web worker.
#[component]
pub fn App(
    #[prop(optional)] store: Option<Rc<dyn SyncAdapter>>,
    #[prop(optional)] precheck: Option<Rc<dyn precheck::PrecheckRunner>>,
) -> impl IntoView {
    let state = provide_app_state(store);
    let notices = state.notify_new_notices();
    precheck::provide_poe_checker(precheck);
    sync::provide_sync();
    update::provide_update();
    let route = use_hash_route();
    provide_context(route);
    let locale = state.locale;
    let has_profile = Memo::new(move |_| state.profile.with(Option::is_some));
    // Once someone works here, ask the browser to keep the data (Chromium
    // decides silently, Firefox asks the user; Settings shows the answer).
    Effect::new(move |asked: Option<bool>| {
        let asked = asked.unwrap_or(false);
        if !asked && has_profile.get() {
            leptos::task::spawn_local(async {
                let _ = persist::request_persistence().await;
            });
            return true;
        }
        asked
    });
    // Once the first page is shown (after its frame is painted): fetch the
    // chunks of the pages a partner opens next (split build only).
    Effect::new(move |preloaded: Option<bool>| {
        if preloaded == Some(true) || !state.loaded.get() {
            return preloaded.unwrap_or(false);
        }
        request_animation_frame(|| {
            set_timeout(pages::preload_next_pages, std::time::Duration::ZERO)
        });
        true
    });
    Effect::new(move |_| {
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", locale.get().tag());
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(el) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }>{move || msg::shell_skip_to_content(locale.get())}</a>
        <header class="app-header">
            <div class="brand">
                <h1>"CPOR Desk"</h1>
                <ProfileBadge />
            </div>
            <Nav route=route notices=notices />
            <LanguageSwitch locale=locale />
            <SyncIndicator />
        </header>
        <Banners />
        <main id="main" tabindex="-1">
            {move || {
                if !state.loaded.get() {
                    return view! {
                        <p class="loading" role="status">
                            {msg::shell_opening_your_claims(locale.get())}
                        </p>
                    }
                        .into_any();
                }
                // Re-render when a profile is chosen (partner pages need one).
                let _ = has_profile.get();
                pages::render(route.get())
            }}
        </main>
        <footer class="app-footer">
            <p>
                {move || {
                    msg::shell_your_data_stays_in_this_browser(locale.get())
                }}
            </p>
        </footer>
    }
}

#[component]
fn ProfileBadge() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    move || {
        let loc = locale.get();
        state.profile.get().map(|p| {
            let org = p.org().map(|o| o.name.clone()).unwrap_or(p.org_id.clone());
            view! {
                <p class="profile-badge">
                    <span class="sr-only">{msg::shell_signed_in_as(loc)}" "</span>
                    {p.user.clone()}" · "{org}" · "{p.role.label(loc)}
                </p>
            }
        })
    }
}

/// "Notices" in the navigation, with the number of new ones.
#[component]
fn NoticesLink(route: RwSignal<Route>, notices: Memo<Vec<Notice>>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let count = Memo::new(move |_| notices.with(Vec::len));
    view! {
        <li>
            <a
                href=Route::Notices.href()
                aria-current=move || (route.get() == Route::Notices).then_some("page")
            >
                {move || msg::notices_title(locale.get())}
                <Show when=move || { count.get() > 0 }>
                    " "
                    <span class="count-badge">
                        {move || count.get()}
                        <span class="sr-only">
                            " "{move || msg::notices_new(locale.get(), count.get())}
                        </span>
                    </span>
                </Show>
            </a>
        </li>
    }
}

/// The main navigation. On a narrow screen it folds behind a **Menu**
/// button (`aria-expanded`), which opens it below the header; choosing a
/// page or pressing Escape folds it again.
#[component]
fn Nav(route: RwSignal<Route>, notices: Memo<Vec<Notice>>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    // The page shown (the profile page stands in for partner pages until a
    // profile is chosen).
    let shown = Memo::new(move |_| {
        let has_profile = state.profile.with(Option::is_some);
        pages::shown(&route.get(), has_profile)
    });
    Effect::new(move |_| {
        shown.track();
        open.set(false);
    });
    let link = move |target: Route, label: fn(Locale) -> &'static str, sim: bool| {
        let href = target.href();
        let t2 = target.clone();
        let current = move || {
            let r = shown.get();
            let same = match (&r, &t2) {
                (Route::Claim(_), Route::Claims) => true,
                (a, b) => a == b,
            };
            same.then_some("page")
        };
        view! {
            <li>
                <a href=href aria-current=current on:click=move |_| open.set(false)>
                    {move || label(locale.get())}
                    {sim
                        .then(|| {
                            view! {
                                <span class="sim-badge">
                                    {move || msg::simulation(locale.get())}
                                </span>
                            }
                        })}
                </a>
            </li>
        }
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = toggle.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <button
            type="button"
            class="menu-button secondary"
            node_ref=toggle
            aria-expanded=move || open.get().to_string()
            aria-controls="main-nav"
            on:click=move |_| open.update(|o| *o = !*o)
            on:keydown=escape
        >
            <span class="menu-icon" aria-hidden="true"></span>
            {move || msg::shell_menu(locale.get())}
        </button>
        <nav
            id="main-nav"
            class:open=move || open.get()
            aria-label=move || msg::shell_main(locale.get())
            on:keydown=escape
        >
            <ul>
                {link(Route::Claims, msg::claims, false)}
                {link(Route::NewClaim, msg::new_claim, false)}
                <NoticesLink route=route notices=notices />
                {link(Route::Review, msg::review_desk, true)}
                {link(Route::Inbox, msg::inbox_customer_inbox, true)}
                {link(Route::Settings, msg::settings, false)}
                {link(Route::Profile, msg::profile, false)}
                {link(Route::Help, msg::help, false)}
            </ul>
        </nav>
    }
}
