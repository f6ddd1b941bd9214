//! The app's enums read through a flat record (`domain::flat`) read JSON
//! as the serde-derived internally tagged enums they replaced, kept here as
//! the reference: the cross-tab messages (`watch::Change`) of a tab still
//! running an earlier version, and the stored settings' directory source.
//! (The domain's are in `tests/native/tagged_enums.rs`.)

use cpor_desk::app::state::DirectorySource;
use cpor_desk::storage::watch::Change;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

#[path = "../tagged/reads_like.rs"]
mod reads_like;
use reads_like::assert_reads_like;

/// `watch::Change` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum RefChange {
    Saved {
        id: String,
        revision: u64,
    },
    Deleted {
        id: String,
    },
    Claims {
        ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        revisions: Vec<u64>,
    },
    Documents,
    Imported,
    Prefs {
        key: String,
    },
    Sync,
}

#[wasm_bindgen_test]
fn cross_tab_changes_read_as_the_derived_enum_reads_them() {
    let samples = [
        RefChange::Saved {
            id: "c1".into(),
            revision: 3,
        },
        RefChange::Saved {
            id: String::new(),
            revision: 0,
        },
        RefChange::Deleted { id: "c1".into() },
        RefChange::Claims {
            ids: vec![],
            revisions: vec![],
        },
        RefChange::Claims {
            ids: vec!["c1".into(), "c2".into()],
            revisions: vec![],
        },
        RefChange::Claims {
            ids: vec!["c1".into(), "c2".into()],
            revisions: vec![4, 0],
        },
        RefChange::Documents,
        RefChange::Imported,
        RefChange::Prefs {
            key: "settings".into(),
        },
        RefChange::Sync,
    ];
    let tags = [
        "saved",
        "deleted",
        "claims",
        "documents",
        "imported",
        "prefs",
        "sync",
    ];
    let n = assert_reads_like::<RefChange, Change>("kind", &tags, &samples);
    assert!(n > 200, "{n} inputs");
}

/// `DirectorySource` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum RefDirectorySource {
    Demo,
    Online { authority: String },
}

#[wasm_bindgen_test]
fn directory_sources_read_as_the_derived_enum_reads_them() {
    let samples = [
        RefDirectorySource::Demo,
        RefDirectorySource::Online {
            authority: "https://login.microsoftonline.com".into(),
        },
        RefDirectorySource::Online {
            authority: String::new(),
        },
    ];
    assert_reads_like::<RefDirectorySource, DirectorySource>("kind", &["demo", "online"], &samples);
}
