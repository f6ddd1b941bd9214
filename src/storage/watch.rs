//! Cross-tab change notifications.
