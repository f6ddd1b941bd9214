//! "A new version is ready — Reload": the page's side of the offline
//! service worker (`scripts/pwa.mjs`, [docs/offline.md](../../docs/offline.md)).
//!
//! The registration script in `index.html` announces a newer build that
//! waits to take over (the `cpor-update-ready` window event, and
//! `data-update="ready"` on `<html>` for an app that starts later); the
//! banner's Reload sends `cpor-update-apply`, and the script lets the new
//! service worker take over and reloads. The app never swaps code under the
//! partner's feet: until they choose Reload, this page keeps its build.
//!
//! ```ignore
//! let update = provide_update();
//! if update.ready.get_untracked() { update.apply(); }
//! ```

use leptos::prelude::*;

/// Whether a newer build is waiting (context).
#[derive(Clone, Copy)]
pub struct Update {
    /// Set once a newer build waits; never cleared (Reload loads it).
    pub ready: RwSignal<bool>,
}

/// The attribute and events shared with the registration script.
pub const READY_EVENT: &str = "cpor-update-ready";
pub const APPLY_EVENT: &str = "cpor-update-apply";

/// Listens for a waiting build and provides [`Update`] as context.
pub fn provide_update() -> Update {
    let announced = document()
        .document_element()
        .and_then(|html| html.get_attribute("data-update"))
        .is_some_and(|v| v == "ready");
    let ready = RwSignal::new(announced);
    let handle = window_event_listener_untyped(READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let update = Update { ready };
    provide_context(update);
    update
}

/// The [`Update`] of the app (none outside it, e.g. in a component test).
pub fn use_update() -> Option<Update> {
    use_context::<Update>()
}

impl Update {
    /// Loads the waiting build (the registration script does it).
    pub fn apply(&self) {
        if let Ok(event) = web_sys::Event::new(APPLY_EVENT) {
            let _ = window().dispatch_event(&event);
        }
    }
}
