//! Hash routes, so any static host serves every page without rewrite rules,
//! also from a sub-path: `#/claims/<id>` opens that claim after a reload or
//! from a shared link.

use leptos::prelude::*;

use crate::domain::url::{decode_component as decode, encode_component as encode};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Profile,
    Claims,
    NewClaim,
    Claim(String),
    Review,
    Inbox,
    Settings,
    Notices,
    Help,
    NotFound(String),
}

impl Route {
    /// Parses a location hash (`#/claims/abc`, `#/new`, or empty).
    ///
    /// ```
    /// use cpor_desk::app::route::Route;
    /// assert_eq!(Route::parse("#/claims/c-1"), Route::Claim("c-1".into()));
    /// assert_eq!(Route::parse(""), Route::Claims);
    /// assert_eq!(Route::parse(&Route::Claim("a b".into()).href()), Route::Claim("a b".into()));
    /// ```
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?']).next().unwrap_or_default();
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or_default();
        let rest = parts.next().unwrap_or_default();
        match (head, rest) {
            ("" | "claims", "") => Route::Claims,
            ("claims", id) => Route::Claim(decode(id)),
            ("new", "") => Route::NewClaim,
            ("profile", "") => Route::Profile,
            ("review", "") => Route::Review,
            ("inbox", "") => Route::Inbox,
            ("settings", "") => Route::Settings,
            ("notices", "") => Route::Notices,
            ("help", "") => Route::Help,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The `href` of a link to this page (relative: works under any sub-path).
    pub fn href(&self) -> String {
        match self {
            Route::Profile => "#/profile".into(),
            Route::Claims => "#/claims".into(),
            Route::NewClaim => "#/new".into(),
            Route::Claim(id) => format!("#/claims/{}", encode(id)),
            Route::Review => "#/review".into(),
            Route::Inbox => "#/inbox".into(),
            Route::Settings => "#/settings".into(),
            Route::Notices => "#/notices".into(),
            Route::Help => "#/help".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

/// The current route, following `hashchange`.
pub fn use_hash_route() -> RwSignal<Route> {
    let current = || {
        window()
            .location()
            .hash()
            .map(|h| Route::parse(&h))
            .unwrap_or(Route::Claims)
    };
    let route = RwSignal::new(current());
    // Only a different route re-renders the page (typed input stays).
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = current();
        if route.with_untracked(|r| *r != next) {
            route.set(next);
        }
    });
    on_cleanup(move || handle.remove());
    route
}

/// The parameters of the current location's hash: `status=draft` for
/// `#/claims?status=draft`, `""` when there are none.
pub fn current_params() -> String {
    window()
        .location()
        .hash()
        .ok()
        .and_then(|h| h.split_once('?').map(|(_, q)| q.to_string()))
        .unwrap_or_default()
}

/// Writes `params` into the address of the page `route` shows (replacing
/// the history entry, so typing in a search box adds none): a bookmark or
/// a shared link then opens the same view.
pub fn replace_params(route: &Route, params: &str) {
    let mut url = route.href();
    if !params.is_empty() {
        url.push('?');
        url.push_str(params);
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Goes to a page (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}

/// The route signal provided by the app shell, if any.
pub fn use_hash_route_signal() -> Option<RwSignal<Route>> {
    use_context::<RwSignal<Route>>()
}
