//! IndexedDB adapter.
