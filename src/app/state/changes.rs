//! Status-change notices ([`crate::domain::notices`]): what changed on the
//! organisation's claims since the partner last marked them as read (kept
//! in the preferences, [`keys::NOTICES_SEEN`]), and the browser
//! notification for changes that arrive while the app is open (team sync,
//! another tab, a time-driven transition), shown only when the partner
//! allowed it in Settings and the browser granted the permission.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::{AppState, keys};
use crate::domain::notices::{Notice, notices};
use crate::i18n::msg;
use crate::storage::prefs;

impl AppState {
    /// When the partner last marked the notices as read; on the very first
    /// visit, now (so an old history does not flood the list).
    pub(super) fn load_notices_seen() -> DateTime<Utc> {
        match prefs::get::<crate::domain::rfc3339::UtcAt>(keys::NOTICES_SEEN) {
            Ok(Some(crate::domain::rfc3339::UtcAt(at))) => at,
            _ => {
                let now = Self::real_now().to_utc();
                let _ = prefs::set(keys::NOTICES_SEEN, &now);
                now
            }
        }
    }

    /// The notices of the profile's organisation since the last visit,
    /// newest first (tracked).
    pub fn status_notices(&self) -> Vec<Notice> {
        let Some(org) = self.profile.with(|p| p.as_ref().map(|p| p.org_id.clone())) else {
            return Vec::new();
        };
        let since = self.notices_seen.get();
        let now = self.now();
        let policy = self.policy();
        self.claims.with(|cs| notices(cs, &org, since, now, policy))
    }

    /// "Mark all as read": the list starts again from now.
    pub fn mark_notices_seen(&self) {
        let now = Self::real_now().to_utc().max(self.now_untracked().to_utc());
        self.save_pref(keys::NOTICES_SEEN, &now);
        self.notices_seen.set(now);
    }

    /// Shows a browser notification for every notice that appears while
    /// the app is open, when the settings allow it and the browser granted
    /// the permission. Call once (the app shell does). Returns the notices
    /// ([`AppState::status_notices`]) as a memo, for the navigation's count:
    /// one pass over the claims per change of them, not one per reader.
    pub fn notify_new_notices(self) -> Memo<Vec<Notice>> {
        let notices = Memo::new(move |_| self.status_notices());
        let shown = StoredValue::new(None::<HashSet<String>>);
        Effect::new(move |_| {
            let list = notices.get();
            let keys: HashSet<String> = list.iter().map(Notice::key).collect();
            let before = shown.get_value();
            shown.set_value(Some(keys));
            // The first run only learns what is there already.
            let Some(before) = before else { return };
            let allowed = self.settings.with_untracked(|s| s.browser_notifications);
            if !allowed || !notifications_granted() {
                return;
            }
            let loc = self.locale.get_untracked();
            for n in list.iter().filter(|n| !before.contains(&n.key())) {
                let body = format!("{}: {}", n.claim_name, n.change.text(loc));
                show_notification(msg::notices_browser_title(loc), &body);
            }
        });
        notices
    }
}

/// Whether the browser supports notifications and the partner granted them.
pub fn notifications_granted() -> bool {
    notifications_supported()
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

/// Whether this browser has the Notification API.
pub fn notifications_supported() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"Notification".into()).unwrap_or(false)
}

fn show_notification(title: &str, body: &str) {
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag("cpor-desk-notice");
    let _ = web_sys::Notification::new_with_options(title, &options);
}

/// Asks the browser for permission to show notifications; true when granted.
pub async fn request_notifications() -> bool {
    if !notifications_supported() {
        return false;
    }
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return false;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(v) => v.as_string().as_deref() == Some("granted"),
        Err(_) => false,
    }
}
