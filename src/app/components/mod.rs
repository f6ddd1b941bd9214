//! Shared widgets.

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
