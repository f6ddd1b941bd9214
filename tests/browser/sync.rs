//! Team sync in the browser: the IndexedDB replica
//! (`src/storage/indexeddb_replica.rs`) keeps what the replicator needs
//! across a reload (replica id, settings per organisation, checkpoints,
//! bases, push errors), applies a remote version as a normal save, and
//! lists a claim edited here as not sent yet; the header indicator shows the
//! worker's status.

use std::rc::Rc;

use cpor_desk::domain::claim::{Claim, PartnerOrgRef};
use cpor_desk::domain::roles::UserRole;
use cpor_desk::storage::SyncAdapter;
use cpor_desk::storage::indexeddb::IndexedDbStore;
use cpor_desk::sync::merge::{Merge, merge};
use cpor_desk::sync::replica::{LocalReplica, PulledWrite, PushError, SyncBase, SyncConflict};
use cpor_desk::sync::rev::{Revisions, new_rev};
use cpor_desk::sync::settings::{Credentials, SyncSettings};
use cpor_desk::sync::status::{Phase, STATUS_CHANNEL, StatusError, SyncStatus};
use cpor_desk::sync::view::SyncMeta;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    all, button, check, click, enter, input, mount_app, reset_browser, sign_in, text, try_button,
    try_by_label, wait_for, wrapper,
};

fn unique(tag: &str) -> String {
    format!("test-sync-{tag}-{}", js_sys::Date::now() as u64)
}

fn claim(id: &str, name: &str) -> Claim {
    Claim {
        id: id.to_string(),
        name: name.to_string(),
        ..Claim::default()
    }
}

fn base_of(c: &Claim) -> SyncBase {
    let rev = new_rev(None, false, &json!({"name": c.name}));
    let mut body = c.clone();
    body.revision = 0;
    SyncBase::confirmed(Revisions::of(&rev), Some(body))
}

/// Northwind's settings with sync turned on, as Settings → Team sync
/// stores them.
fn settings_on() -> SyncSettings {
    SyncSettings {
        server_url: "http://127.0.0.1:5984".into(),
        credentials: Credentials::Basic {
            user: "ada".into(),
            password: "ada-demo".into(),
        },
        enabled: true,
        ..SyncSettings::for_org("northwind")
    }
}

#[wasm_bindgen_test]
async fn the_replica_keeps_its_state_across_a_reload() {
    let name = unique("reload");
    let store = IndexedDbStore::open(&name).await.unwrap();
    let id = store.replica_id().await.unwrap();
    assert!(!id.is_empty());
    let settings = settings_on();
    store
        .set_sync_settings("northwind", Some(settings.clone()))
        .await
        .unwrap();
    store.set_checkpoint("cp", json!("42-abc")).await.unwrap();
    store
        .record_push_error(PushError {
            doc_id: "claim:a".into(),
            rev: "1-x".into(),
            reason: "viewer".into(),
        })
        .await
        .unwrap();
    let c = claim("a", "Contoso");
    store.set_base("a", base_of(&c)).await.unwrap();
    drop(store);

    let again = IndexedDbStore::open(&name).await.unwrap();
    assert_eq!(
        again.replica_id().await.unwrap(),
        id,
        "the replica id is stable"
    );
    assert_eq!(
        again.sync_settings("northwind").await.unwrap(),
        Some(settings)
    );
    assert_eq!(
        again.sync_settings("adatum").await.unwrap(),
        None,
        "per organisation"
    );
    assert_eq!(again.checkpoint("cp").await.unwrap(), Some(json!("42-abc")));
    assert_eq!(again.push_errors().await.unwrap().len(), 1);
    assert_eq!(again.base("a").await.unwrap(), Some(base_of(&c)));
    again.clear_checkpoint("cp").await.unwrap();
    again.clear_push_error("claim:a").await.unwrap();
    assert_eq!(again.checkpoint("cp").await.unwrap(), None);
    assert!(again.push_errors().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_remote_version_is_a_normal_save_and_a_local_edit_is_unsent() {
    let store = IndexedDbStore::open(&unique("apply")).await.unwrap();
    let remote = claim("b", "From a colleague");
    let stored = store
        .apply_remote(remote.clone(), base_of(&remote))
        .await
        .unwrap();
    assert_eq!(stored.revision, 1, "applied as revision + 1");
    assert_eq!(
        SyncAdapter::load(&store, "b")
            .await
            .unwrap()
            .map(|c| c.name),
        Some("From a colleague".to_string())
    );
    assert!(store.outbox().await.unwrap().is_empty(), "nothing to send");

    // An edit here: the claim is in the outbox (not sent yet).
    let mut edited = stored.clone();
    edited.name = "Edited here".into();
    store.save(edited).await.unwrap();
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].id, "b");

    // A remote version from a stale revision is refused like a stale save:
    // the edit here is never overwritten.
    let mut stale = remote.clone();
    stale.revision = 1;
    stale.name = "Older".into();
    assert!(store.apply_remote(stale, base_of(&remote)).await.is_err());
    assert_eq!(
        SyncAdapter::load(&store, "b")
            .await
            .unwrap()
            .map(|c| c.name),
        Some("Edited here".to_string())
    );
}

/// What "another tab" hears on the app's change channel.
struct ChannelLog {
    channel: web_sys::BroadcastChannel,
    got: Rc<std::cell::RefCell<Vec<String>>>,
    _listener: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl ChannelLog {
    fn listen() -> ChannelLog {
        let channel = web_sys::BroadcastChannel::new(cpor_desk::storage::watch::CHANNEL).unwrap();
        let got = Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = Rc::clone(&got);
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |e: web_sys::MessageEvent| {
                sink.borrow_mut()
                    .push(e.data().as_string().unwrap_or_default());
            },
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        ChannelLog {
            channel,
            got,
            _listener: listener,
        }
    }

    fn messages(&self) -> Vec<String> {
        self.got.borrow().clone()
    }
}

impl Drop for ChannelLog {
    fn drop(&mut self) {
        self.channel.close();
    }
}

#[wasm_bindgen_test]
async fn a_pulled_batch_is_read_and_stored_in_one_transaction_all_or_nothing() {
    let store = IndexedDbStore::open(&unique("batch")).await.unwrap();
    let here = store.save(claim("c", "Here")).await.unwrap();
    let (a, b) = (claim("a", "From A"), claim("b", "From B"));
    let writes = vec![
        PulledWrite::Apply {
            claim: a.clone(),
            base: base_of(&a),
        },
        PulledWrite::Apply {
            claim: b.clone(),
            base: base_of(&b),
        },
        PulledWrite::Base {
            id: "c".into(),
            base: base_of(&here),
        },
    ];
    let heard = ChannelLog::listen();
    // The tab running the worker gets the stored records (the worker's
    // postMessage; here a sink of our own).
    let handed = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = Rc::clone(&handed);
    cpor_desk::storage::watch::set_stored_sink(Some(Rc::new(move |m: &wasm_bindgen::JsValue| {
        sink.borrow_mut()
            .push(cpor_desk::storage::watch::Stored::from_message(m).expect("a stored message"))
    })));
    store.store_pulled(writes).await.unwrap();
    cpor_desk::storage::watch::set_stored_sink(None);
    // The tabs hear of the batch once, with every claim it changed and its
    // stored revision (not one message per claim: a first pull stores
    // thousands); the records go only to the worker's tab.
    crate::support::sleep(100).await;
    assert_eq!(
        heard.messages(),
        [r#"{"kind":"claims","ids":["a","b"],"revisions":[1,1]}"#.to_string()]
    );
    let handed = handed.take();
    assert_eq!(handed.len(), 1, "one hand-over per transaction");
    assert_eq!(handed[0].ids, ["a", "b"]);
    assert_eq!(handed[0].revisions, [1, 1]);
    let read: Vec<(String, u64)> = handed[0]
        .records
        .iter()
        .map(|r| cpor_desk::storage::watch::Stored::read(r).unwrap())
        .map(|c| (c.name, c.revision))
        .collect();
    assert_eq!(read, [("From A".into(), 1), ("From B".into(), 1)]);
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let names: Vec<Option<String>> = store
        .load_claims(ids(&["a", "b", "c", "missing"]))
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.map(|c| c.name))
        .collect();
    assert_eq!(
        names,
        [Some("From A"), Some("From B"), Some("Here"), None].map(|n| n.map(str::to_string))
    );
    let bases = store.bases_of(ids(&["a", "missing", "c"])).await.unwrap();
    assert_eq!(bases, [Some(base_of(&a)), None, Some(base_of(&here))]);
    // What a first pull reads once instead of a batch's claims.
    let mut listed = store.claim_ids().await.unwrap().expect("listed at once");
    listed.sort();
    assert_eq!(listed, ids(&["a", "b", "c"]));

    // A batch with a claim saved here meanwhile (a stale revision; here a
    // claim the batch expected absent, which it adds without reading it)
    // stores nothing at all: the batch is pulled again later.
    let a2 = Claim {
        revision: 1,
        name: "A again".into(),
        ..a.clone()
    };
    let stale = Claim {
        revision: 0,
        name: "Stale".into(),
        ..b.clone()
    };
    let refused = store
        .store_pulled(vec![
            PulledWrite::Apply {
                claim: a2.clone(),
                base: base_of(&a2),
            },
            PulledWrite::Apply {
                claim: stale.clone(),
                base: base_of(&stale),
            },
        ])
        .await;
    assert!(refused.is_err());
    let names: Vec<String> = store
        .load_claims(ids(&["a", "b"]))
        .await
        .unwrap()
        .into_iter()
        .flatten()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["From A", "From B"]);
    assert_eq!(store.base("a").await.unwrap(), Some(base_of(&a)));
}

#[wasm_bindgen_test]
async fn the_dirty_set_is_written_with_each_save_and_settled_by_pushes_and_pulls() {
    let store = IndexedDbStore::open(&unique("dirty")).await.unwrap();
    let dirty = || async { store.dirty().await.unwrap() };
    // A new database holds no claim: its dirty set is complete (and empty),
    // and a first sync's forget_remote (no bases yet) keeps it, so the push
    // after the first pull reads it instead of scanning every pulled claim.
    // (An upgraded database has none: one full scan records it.)
    assert_eq!(dirty().await, Some(vec![]));
    store.forget_remote().await.unwrap();
    assert_eq!(dirty().await, Some(vec![]));
    assert!(store.outbox().await.unwrap().is_empty());

    // A save is dirty (written in the claim's own transaction).
    let first = store.save(claim("c1", "First")).await.unwrap();
    assert_eq!(dirty().await, Some(vec!["c1".to_string()]));
    assert_eq!(store.outbox().await.unwrap()[0].id, "c1");
    // Pushed: its base now matches, so it leaves the set.
    store.set_base("c1", base_of(&first)).await.unwrap();
    assert_eq!(dirty().await, Some(vec![]));

    // Saved again while the first version was being pushed: it stays.
    let second = store
        .save(Claim {
            name: "Second".into(),
            ..first.clone()
        })
        .await
        .unwrap();
    store.set_base("c1", base_of(&first)).await.unwrap();
    assert_eq!(dirty().await, Some(vec!["c1".to_string()]));
    store.set_base("c1", base_of(&second)).await.unwrap();
    assert_eq!(dirty().await, Some(vec![]));

    // A pulled claim is not dirty; a deletion here is.
    let pulled = claim("p1", "From the server");
    store
        .store_pulled(vec![PulledWrite::Apply {
            claim: pulled.clone(),
            base: base_of(&pulled),
        }])
        .await
        .unwrap();
    assert_eq!(dirty().await, Some(vec![]));
    store.delete("c1", second.revision).await.unwrap();
    assert_eq!(dirty().await, Some(vec!["c1".to_string()]));

    // The server was reset: every base is checked again, by a full scan.
    store.forget_remote().await.unwrap();
    assert_eq!(dirty().await, None);
    let mut unsent: Vec<String> = store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    unsent.sort();
    assert_eq!(unsent, ["c1", "p1"]);
    assert!(dirty().await.is_some());
}

/// Posts `status` on the worker's status channel, as the sync worker does.
fn post_status(status: &SyncStatus) {
    let channel = web_sys::BroadcastChannel::new(STATUS_CHANNEL).unwrap();
    channel
        .post_message(&serde_json::to_string(status).unwrap().into())
        .unwrap();
    channel.close();
}

fn indicator(root: &web_sys::Element) -> (String, String) {
    let el = root.query_selector(".sync-indicator").unwrap().unwrap();
    assert_eq!(el.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(el.get_attribute("aria-live").as_deref(), Some("polite"));
    (
        el.get_attribute("data-sync").unwrap_or_default(),
        el.text_content().unwrap_or_default(),
    )
}

#[wasm_bindgen_test]
async fn the_header_indicator_and_the_not_sent_marks_follow_the_workers_status() {
    reset_browser();
    sign_in("northwind", "Ada", UserRole::IncentivesAdmin);
    let store = Rc::new(IndexedDbStore::open(&unique("indicator")).await.unwrap());
    let mut c = claim("mark-1", "Marked claim");
    c.partner_org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    store.save(c).await.unwrap();
    // Sync turned on for the organisation.
    store
        .set_sync_settings("northwind", Some(settings_on()))
        .await
        .unwrap();
    let root = wrapper();
    let _handle = mount_app(&root, store.clone(), "#/claims").await;
    wait_for(&root, "the claim row", 3000, |r| {
        r.text_content()
            .unwrap_or_default()
            .contains("Marked claim")
    })
    .await;
    // "Starting" until the worker reports.
    wait_for(&root, "starting", 3000, |r| indicator(r).0 == "syncing").await;

    let status = |phase, unsent: &[&str], error: Option<StatusError>| SyncStatus {
        org: "northwind".into(),
        phase,
        error,
        unsent: unsent.iter().map(|s| s.to_string()).collect(),
        ..SyncStatus::default()
    };
    post_status(&status(Phase::UpToDate, &[], None));
    wait_for(&root, "up to date", 3000, |r| {
        indicator(r).0 == "up-to-date"
    })
    .await;
    assert!(indicator(&root).1.contains("Synced"));
    assert!(all(&root, ".tag.unsent").is_empty());

    post_status(&status(Phase::UpToDate, &["mark-1"], None));
    wait_for(&root, "unsent", 3000, |r| indicator(r).0 == "unsent").await;
    assert!(indicator(&root).1.contains("1 change not sent yet"));
    wait_for(&root, "the row's mark", 3000, |r| {
        all(r, "tr .tag.unsent")
            .iter()
            .any(|t| t.text_content().unwrap_or_default() == "Not sent yet")
    })
    .await;

    post_status(&status(Phase::Offline, &["mark-1"], None));
    wait_for(&root, "offline", 3000, |r| indicator(r).0 == "offline").await;
    assert!(indicator(&root).1.contains("Offline"));

    // An error the user must act on: the reason, the way to Settings, and
    // "Try again".
    let unauthorized = StatusError {
        code: "sync.unauthorized".into(),
        detail: String::new(),
        retryable: false,
    };
    post_status(&status(Phase::Error, &[], Some(unauthorized)));
    wait_for(&root, "error", 3000, |r| indicator(r).0 == "error").await;
    let (_, text) = indicator(&root);
    assert!(text.contains("refused the sign-in (401)"), "{text}");
    assert!(text.contains("Team sync settings"), "{text}");
    assert!(text.contains("Try again"), "{text}");
    assert!(all(&root, ".tag.unsent").is_empty(), "sent: no mark");

    // Another organisation's status is not this profile's.
    post_status(&SyncStatus {
        org: "adatum".into(),
        phase: Phase::UpToDate,
        ..SyncStatus::default()
    });
    wait_for(&root, "starting again", 3000, |r| {
        indicator(r).0 == "syncing"
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_stored_conflict_shows_its_banner_and_a_colleagues_resolution_removes_it() {
    reset_browser();
    sign_in("northwind", "Ada", UserRole::IncentivesAdmin);
    let store = Rc::new(IndexedDbStore::open(&unique("conflict")).await.unwrap());
    let mut base = claim("conf-1", "Before");
    base.partner_org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    let mine = store
        .save(Claim {
            name: "Mine".into(),
            ..base.clone()
        })
        .await
        .unwrap();
    let theirs = Claim {
        name: "Theirs".into(),
        ..base.clone()
    };
    let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else {
        panic!("no conflict");
    };
    // As the worker records it; the page reads only the view of it.
    store
        .record_conflict(SyncConflict {
            conflict: *conflict,
            parent: base_of(&theirs),
        })
        .await
        .unwrap();
    store
        .set_sync_settings("northwind", Some(settings_on()))
        .await
        .unwrap();
    let root = wrapper();
    let _handle = mount_app(&root, store.clone(), "#/claims/conf-1").await;
    wait_for(&root, "the conflict banner", 3000, |r| {
        r.query_selector("table.sync-conflict").unwrap().is_some()
    })
    .await;
    let row = all(&root, "table.sync-conflict tbody tr");
    assert_eq!(row.len(), 1, "one conflicting field");
    let cells: Vec<String> = all(&row[0], "th, td")
        .iter()
        .map(|c| c.text_content().unwrap_or_default())
        .collect();
    assert!(cells[0].starts_with("Claim name"), "{cells:?}");
    assert_eq!(cells[1], "Before");
    assert!(cells[2].starts_with("Mine"), "{cells:?}");
    assert!(cells[3].starts_with("Theirs"), "{cells:?}");
    // "Keep theirs" is chosen until the user picks; each choice is a radio
    // named by its field for screen readers.
    let radios = all(&row[0], "input[type=radio]");
    assert_eq!(radios.len(), 2);
    let checked = |i: usize| {
        radios[i]
            .clone()
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .checked()
    };
    assert!(!checked(0) && checked(1));
    assert!(cells[2].contains("Keep mine") && cells[2].contains("(Claim name)"));
    // The claim list marks it under Needs attention.
    let _ = window_hash("#/claims");
    wait_for(&root, "the attention tag", 3000, |r| {
        r.text_content()
            .unwrap_or_default()
            .contains("Sync conflict")
    })
    .await;

    // A colleague resolved it: the worker's pull stores their version and
    // drops the recorded conflict in the same transaction, and tells the
    // tabs so (`sync`: they read the conflicts again) besides the claim.
    let resolved = Claim {
        name: "Resolved by Erik".into(),
        ..mine.clone()
    };
    let heard = ChannelLog::listen();
    store
        .store_pulled(vec![PulledWrite::Apply {
            claim: resolved.clone(),
            base: base_of(&resolved),
        }])
        .await
        .unwrap();
    crate::support::sleep(100).await;
    let told = heard.messages();
    assert!(told.iter().any(|m| m == r#"{"kind":"sync"}"#), "{told:?}");
    // Here the store runs in the tab's own page, which does not hear its
    // own channel: the messages reach the app as from the worker.
    let tab = web_sys::BroadcastChannel::new(cpor_desk::storage::watch::CHANNEL).unwrap();
    for message in &told {
        tab.post_message(&message.into()).unwrap();
    }
    tab.close();
    // The tag (and the claim's banner) go without a reload.
    wait_for(&root, "the resolved name and no conflict", 3000, |r| {
        let shown = r.text_content().unwrap_or_default();
        shown.contains("Resolved by Erik") && !shown.contains("Sync conflict")
    })
    .await;
    let _ = window_hash("#/claims/conf-1");
    wait_for(&root, "the claim without a banner", 3000, |r| {
        r.text_content()
            .unwrap_or_default()
            .contains("Resolved by Erik")
            && r.query_selector("table.sync-conflict").unwrap().is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_settings_form_checks_turns_sync_on_and_off_and_signs_out() {
    reset_browser();
    sign_in("northwind", "Ada", UserRole::IncentivesAdmin);
    let store = Rc::new(IndexedDbStore::open(&unique("form")).await.unwrap());
    let root = wrapper();
    let _handle = mount_app(&root, store.clone(), "#/settings").await;
    wait_for(&root, "the form", 3000, |r| {
        try_by_label(r, "Server address").is_some()
    })
    .await;
    assert_eq!(input(&root, "Database").value(), "cpor-northwind");
    assert!(text(&root).contains("Team sync is off."));
    assert!(try_button(&root, "Sign out").is_none(), "not signed in");
    let stored = || store.sync_settings("northwind");

    // Refused before anything is stored: http:// to another computer.
    enter(&input(&root, "Server address"), "http://couch.example.com").await;
    enter(&input(&root, "User name"), " ada ").await;
    enter(&input(&root, "Password"), "pw").await;
    click(&button(&root, "Turn on sync")).await;
    assert!(text(&root).contains("Use https:// for a server on another computer"));
    assert_eq!(stored().await.unwrap(), None);

    // Turned on: stored as the form shows it; the button turns it off.
    enter(
        &input(&root, "Server address"),
        "https://couch.example.com/",
    )
    .await;
    click(&button(&root, "Turn on sync")).await;
    wait_for(&root, "turned on", 3000, |r| {
        text(r).contains("Team sync is on: your claims are shared")
    })
    .await;
    let on = SyncSettings {
        enabled: true,
        server_url: "https://couch.example.com/".into(),
        credentials: Credentials::Basic {
            user: "ada".into(),
            password: "pw".into(),
        },
        ..SyncSettings::for_org("northwind")
    };
    assert_eq!(stored().await.unwrap(), Some(on.clone()));
    assert!(try_button(&root, "Turn on sync").is_none());
    click(&button(&root, "Turn off sync")).await;
    wait_for(&root, "turned off", 3000, |r| {
        text(r).contains("Team sync is off. Your claims stay")
    })
    .await;
    let off = SyncSettings {
        enabled: false,
        ..on
    };
    assert_eq!(stored().await.unwrap(), Some(off.clone()));

    // A token instead of a user name and password.
    let token: web_sys::HtmlInputElement =
        try_by_label(&root, "A token (JWT) from your organisation's sign-in")
            .unwrap()
            .unchecked_into();
    check(&token, true).await;
    assert!(try_by_label(&root, "User name").is_none());
    enter(&input(&root, "Token"), "jwt").await;
    click(&button(&root, "Turn on sync")).await;
    wait_for(&root, "turned on with a token", 3000, |r| {
        try_button(r, "Turn off sync").is_some()
    })
    .await;
    let with_token = stored().await.unwrap().unwrap();
    assert_eq!(
        with_token.credentials,
        Credentials::Bearer {
            token: "jwt".into()
        }
    );

    // Sign out: the token is forgotten and sync is off.
    click(&button(&root, "Sign out")).await;
    wait_for(&root, "signed out", 3000, |r| {
        try_button(r, "Sign out").is_none()
    })
    .await;
    let signed_out = stored().await.unwrap().unwrap();
    assert_eq!(
        (signed_out.credentials, signed_out.enabled),
        (Credentials::None, false)
    );
    assert_eq!(input(&root, "Token").value(), "");
}

fn window_hash(hash: &str) -> Option<()> {
    web_sys::window()?.location().set_hash(hash).ok()
}
