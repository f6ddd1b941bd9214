//! Pages loaded on demand (code splitting; docs/performance.md, "Code
//! splitting").
//!
//! In the split build (feature `split`, release, wasm32: `cfg(wasm_split)`,
//! set by `build.rs`) each function declared with [`split_page!`] is a split
//! point of `wasm_split_helpers` (re-exported by Leptos): its code and what
//! only it uses go to a separate `.wasm` chunk, fetched (with integrity, see
//! `scripts/split-app.mjs`) the first time the page is shown. The `fallible`
//! option makes a chunk that cannot be loaded an `Err` instead of a panic
//! (which would abort the whole module): [`lazy_view`] shows a message with
//! a Retry button, and the next attempt fetches it again. Leptos' own
//! `#[lazy]` has no such option (it panics), hence the macro here.
//!
//! In every other build (`trunk serve`, the debug and browser tests) the
//! same functions are plain functions and [`page!`] calls them directly.

use crate::i18n::msg;
use leptos::prelude::*;

/// What a lazily loaded page function returns: its view, or the chunk that
/// did not load.
pub type PageResult = Result<AnyView, leptos::wasm_split::SplitLoaderError>;

/// `split_page!(fn name(args) in chunk, preload preload_name => view)`:
/// declares a page function whose code is a chunk of its own in the split
/// build (`chunk` names it; `preload_name` fetches it without showing it).
/// A [`split_fn!`] that returns the page's view.
macro_rules! split_page {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) in $chunk:ident, preload $preload:ident => $view:expr) => {
        $crate::app::lazy::split_fn! {
            $(#[$doc])*
            fn $name($($arg: $ty),*) in $chunk, preload $preload -> ::leptos::prelude::AnyView => $view.into_any()
        }
    };
}
pub(crate) use split_page;

/// `split_fn!(fn name(args) in chunk [, preload preload_name] -> T => body)`:
/// a function whose code is a chunk of its own in the split build (a page,
/// see [`split_page!`], or work only a click starts, e.g. the claims list's
/// CSV import and exports; `preload_name` fetches the chunk without running
/// it). It returns `Result<T, SplitLoaderError>` (`Err`: the chunk did not
/// load; the caller says so and the next call fetches it again); call it
/// with [`split_call!`] (a page with [`page!`]). `body` cannot borrow
/// across the boundary: take owned arguments (the app's context through an
/// `Owner`).
macro_rules! split_fn {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) in $chunk:ident $(, preload $preload:ident)? -> $ret:ty => $body:expr) => {
        $(#[$doc])*
        // The macro's FFI glue (Cargo.toml, [lints]): here only.
        #[cfg_attr(wasm_split, allow(unsafe_code))]
        #[cfg_attr(
            wasm_split,
            ::leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible
                $(, preload(#[allow(unsafe_code)] $preload))?
            )
        )]
        fn $name($($arg: $ty),*) -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
            Ok($body)
        }
    };
}
pub(crate) use split_fn;

/// `split_call!(name(args))`: the future of a call of a function declared
/// with [`split_fn!`]: its chunk loaded first in the split build, a ready
/// future otherwise.
macro_rules! split_call {
    ($name:ident($($arg:expr),*)) => {{
        #[cfg(wasm_split)]
        let call = $name($($arg),*);
        #[cfg(not(wasm_split))]
        let call = ::std::future::ready($name($($arg),*));
        call
    }};
}
pub(crate) use split_call;

/// `page!(name(args))`: the view of a page declared with [`split_page!`]:
/// loaded on demand in the split build ([`lazy_view`]), called directly
/// otherwise. The arguments are cloned for every attempt.
macro_rules! page {
    ($name:ident($($arg:ident),*)) => {{
        #[cfg(wasm_split)]
        let view = $crate::app::lazy::lazy_view(move || {
            $(let $arg = $arg.clone();)*
            Box::pin(async move { $name($($arg),*).await })
        });
        #[cfg(not(wasm_split))]
        let view = $crate::app::lazy::ready($name($($arg),*));
        view
    }};
}
pub(crate) use page;

/// The future of a page being loaded.
#[cfg(wasm_split)]
pub type PageFuture = std::pin::Pin<Box<dyn std::future::Future<Output = PageResult> + Send>>;

/// A page whose chunk is loaded first: "Opening the page…" while it loads,
/// the page when it is there, and when it cannot be loaded (offline, a
/// blocked or tampered file) a message with Retry instead of a dead page.
#[cfg(wasm_split)]
pub fn lazy_view(load: impl Fn() -> PageFuture + Send + Sync + 'static) -> AnyView {
    let locale = super::state::use_app().locale;
    let attempt = RwSignal::new(0u32);
    let load = std::sync::Arc::new(load);
    view! {
        <Suspense fallback=move || {
            view! {
                <p class="loading" role="status">
                    {move || msg::shell_opening_the_page(locale.get())}
                </p>
            }
        }>
            {move || {
                attempt.track();
                let load = load.clone();
                Suspend::new(async move {
                    match load().await {
                        Ok(view) => view,
                        Err(_) => failed(attempt),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The view of a page called directly (no split build).
#[cfg(not(wasm_split))]
pub fn ready(page: PageResult) -> AnyView {
    match page {
        Ok(view) => view,
        Err(_) => failed(RwSignal::new(0)),
    }
}

/// "This page did not load" with Retry (which bumps `attempt`).
fn failed(attempt: RwSignal<u32>) -> AnyView {
    let locale = super::state::use_app().locale;
    view! {
        <section class="card" role="alert">
            <h2>{move || msg::shell_page_did_not_load(locale.get())}</h2>
            <p>{move || msg::shell_page_did_not_load_detail(locale.get())}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {move || msg::shell_page_try_again(locale.get())}
            </button>
        </section>
    }
    .into_any()
}
