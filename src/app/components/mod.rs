//! Shared widgets.

use leptos::prelude::*;

use crate::domain::finding::Locale;

pub mod banners;
pub mod claim;
pub mod confirm;
pub mod confirm_warnings;
pub mod field;
pub mod findings;
pub mod language_switch;
pub mod quick_check;
pub mod status_badge;
pub mod sync_indicator;

/// A catalog message that follows the locale, as a view child or attribute:
/// `{localized(locale, msg::sync_title)}`. Every use is the same closure
/// type, so Leptos instantiates its view code once for all of them (each
/// `move || msg::key(locale.get())` is a type, and view code, of its own).
pub fn localized(
    locale: RwSignal<Locale>,
    message: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || message(locale.get())
}
