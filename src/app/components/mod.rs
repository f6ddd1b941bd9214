//! UI components.

pub mod findings;
pub mod language_switch;
pub mod quick_check;
pub mod text_field;
