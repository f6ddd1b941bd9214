//! localStorage adapter.
