//! The app's shared state, [`AppState`]: created once by the `App`
//! component ([`provide_app_state`]) and taken from context everywhere else
//! ([`use_app`]; never passed as an argument). Components render this state
//! and call its methods; the rules are in [`crate::domain`] and persistence
//! is behind [`SyncAdapter`].
//!
//! - `settings`: preferences (profile, settings, language) and the policy;
//! - `claims`: the one place where events are applied and stored
//!   ([`AppState::apply`]), pending changes, documents;
//! - `directory`: the demo or online directory and its lookups;
//! - `notices`: the app's errors and the message banner;
//! - `changes`: status-change notices since the last visit, and browser
//!   notifications.
//! - `sync`: team sync's settings, status and conflicts.

mod changes;
mod claims;
mod directory;
mod notices;
mod settings;
mod sync;

pub use changes::{notifications_granted, notifications_supported, request_notifications};
pub use claims::Pending;
pub use directory::Lookup;
pub use notices::{AppError, Notice, storage_message};
pub use settings::{DirectorySource, Profile, Settings, keys};

use crate::i18n::msg;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::lazy::{split_call, split_fn};
use crate::domain::claim::{Claim, sort_newest_first};
use crate::domain::finding::Locale;
use crate::domain::openid::OnlineDirectory;
use crate::storage::indexeddb::{Compaction, write_later};
use crate::storage::watch::Change;
use crate::storage::{AdapterKind, Quarantined, SyncAdapter, prefs, watch};
use crate::sync::view::ConflictView;
use crate::sync::{SyncSettings, SyncStatus};

/// The app state, `Copy`, provided as context by [`provide_app_state`].
#[derive(Clone, Copy)]
pub struct AppState {
    pub locale: RwSignal<Locale>,
    pub profile: RwSignal<Option<Profile>>,
    pub settings: RwSignal<Settings>,
    /// The claims as stored (time-driven transitions are applied on read, see
    /// [`AppState::claims_now`]).
    pub claims: RwSignal<Vec<Claim>>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// True once the store answered the first `load_all`.
    pub loaded: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
    pub pending: RwSignal<Option<Pending>>,
    /// Why the app is not on IndexedDB, if it is not.
    pub storage_note: RwSignal<Option<String>>,
    /// The online directory's cache (used when the settings choose it).
    pub online: RwSignal<OnlineDirectory>,
    /// The state of the last online lookup.
    pub lookup: RwSignal<Lookup>,
    /// When the partner last marked the status-change notices as read.
    pub notices_seen: RwSignal<DateTime<Utc>>,
    /// Team sync: the profile organisation's settings (`None`: never set).
    pub sync_settings: RwSignal<Option<SyncSettings>>,
    /// Team sync: the worker's last status (see [`AppState::sync_view`]).
    pub sync_status: RwSignal<SyncStatus>,
    /// Team sync: conflicts waiting for the user.
    pub sync_conflicts: RwSignal<Vec<ConflictView>>,
    store: StoredValue<Option<Rc<dyn SyncAdapter>>, LocalStorage>,
    /// The dashboard's rows, kept between changes and visits
    /// ([`AppState::dashboard_rows`]).
    row_cache: StoredValue<crate::domain::dashboard::RowCache, LocalStorage>,
    /// Changes other tabs announced, not applied yet ([`AppState::on_change`]).
    changes: StoredValue<Changes, LocalStorage>,
}

/// Other tabs' changes waiting to be applied: claim ids to re-read one by
/// one, or everything; and the claims the sync worker handed this tab.
#[derive(Default)]
struct Changes {
    /// Claims to re-read, each with the revision it was told at (0: read
    /// whatever is stored).
    ids: std::collections::BTreeMap<String, u64>,
    /// Records the sync worker stored and handed over (`watch::Stored`): id
    /// → (revision, record). Applied without a read.
    stored: std::collections::HashMap<String, (u64, wasm_bindgen::JsValue)>,
    everything: bool,
    scheduled: bool,
    /// When everything was last re-read (ms since the epoch).
    last_full: f64,
    /// When changes were last applied (ms since the epoch).
    last_applied: f64,
    /// When the oldest change not applied yet was noted (ms since the
    /// epoch): they are postponed while the partner types, at most
    /// [`MAX_HOLD_MS`] from then.
    since: Option<f64>,
    /// When the partner last typed (an `input` event anywhere in the page,
    /// ms since the epoch).
    last_input: f64,
    /// How many `input` events the page has had (an apply compares it
    /// between its slices: [`AppState::after_keystrokes`]).
    inputs: u64,
}

/// How long changes are gathered before they are applied.
const GATHER_MS: u64 = 60;
/// Changes are applied at most this often (ms) while they keep coming (a
/// first pull stores a batch of 500 claims every few hundred ms): the
/// dashboard re-renders once per interval, not once per batch, so typing
/// stays quick. A single change after a quiet interval waits only
/// [`GATHER_MS`].
const COALESCE_MS: f64 = 500.0;
/// Input first: changes are applied only once the partner's input (an
/// `input` event anywhere in the page) has been quiet this long (ms), so a
/// keystroke never waits behind a list update of thousands of claims ...
const INPUT_QUIET_MS: f64 = 250.0;
/// ... but they are never held longer than this (ms from the first of them
/// noted), however long the partner types.
const MAX_HOLD_MS: f64 = 1000.0;
/// Within an apply, a keystroke since the last slice makes the next slice
/// wait for the keystroke's frame; at most this many frames in a row (a
/// key held down types about one character per two frames).
const MAX_FRAME_WAITS: usize = 4;
/// More changed claims than this are re-read with one `load_all`; fewer
/// with one `load_many` (one IndexedDB transaction, so what a first pull
/// stores in [`COALESCE_MS`] never falls back to re-reading all claims
/// every [`FULL_EVERY_MS`]).
const ONE_BY_ONE: usize = 5000;
/// Changed claims are re-read this many at a time: parsing each slice is a
/// task of a few ms, so a keystroke never waits long behind it.
const READ_SLICE: usize = 250;
/// At most one full re-read this often while changes keep coming (a large
/// first pull from the sync server), so the page stays responsive.
const FULL_EVERY_MS: f64 = 2000.0;

/// The state from context. Panics outside [`provide_app_state`] (a
/// programming error, not a user one).
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

split_fn! {
    /// Writes IndexedDB's load snapshot after a load, in a task of its own
    /// ([`write_later`]): a chunk of its own in the split build
    /// (`snapshot_write`), so that none of that code, nor the task's, is in
    /// the first load.
    fn snapshot_writer(compaction: Compaction) in snapshot_write -> () => write_later(compaction)
}

/// The app's IndexedDB [`Compactor`](crate::storage::indexeddb::Compactor):
/// after the frame that shows the loaded claims, fetches the snapshot's
/// chunk, which then writes the snapshot, in a task of its own (the load
/// does not wait for either, and the chunk's fetch does not compete with
/// the page's start). A chunk that does not load (offline, blocked) skips
/// this compaction: the claims store stays the truth, and the next load
/// hands over another.
fn compact_later(compaction: Compaction) {
    spawn_local(async move {
        crate::app::files::next_frame().await;
        let _ = split_call!(snapshot_writer(compaction)).await;
    });
}

/// Creates the state, provides it as context, and loads `store` (or opens
/// the browser's store when `None`). Preferences come from localStorage.
pub fn provide_app_state(store: Option<Rc<dyn SyncAdapter>>) -> AppState {
    let locale = prefs::get::<Locale>(keys::LOCALE)
        .ok()
        .flatten()
        .unwrap_or_else(super::browser_locale);
    let state = AppState {
        locale: RwSignal::new(locale),
        profile: RwSignal::new(prefs::get::<Profile>(keys::PROFILE).ok().flatten()),
        settings: RwSignal::new(
            prefs::get::<Settings>(keys::SETTINGS)
                .ok()
                .flatten()
                .unwrap_or_default(),
        ),
        claims: RwSignal::new(Vec::new()),
        quarantined: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        notice: RwSignal::new(None),
        pending: RwSignal::new(None),
        storage_note: RwSignal::new(None),
        online: RwSignal::new(OnlineDirectory::default()),
        lookup: RwSignal::new(Lookup::Idle),
        notices_seen: RwSignal::new(AppState::load_notices_seen()),
        sync_settings: RwSignal::new(None),
        sync_status: RwSignal::new(SyncStatus::default()),
        sync_conflicts: RwSignal::new(Vec::new()),
        store: StoredValue::new_local(store.clone()),
        row_cache: StoredValue::new_local(Default::default()),
        changes: StoredValue::new_local(Changes::default()),
    };
    provide_context(state);

    spawn_local(async move {
        if state.store.get_value().is_none() {
            let (store, err) = crate::storage::open_browser_store(compact_later).await;
            if let Some(err) = err {
                let loc = state.locale.get_untracked();
                let text = match store.kind() {
                    AdapterKind::LocalStorage => format!(
                        "{} {}",
                        msg::state_indexeddb_is_not_available_so_claims(loc),
                        storage_message(&err, loc)
                    ),
                    _ => format!(
                        "{} {}",
                        msg::state_no_browser_storage_is_available_nothing(loc),
                        storage_message(&err, loc)
                    ),
                };
                state.storage_note.set(Some(text));
            }
            state.store.set_value(Some(store));
        }
        state.reload().await;
        state.load_sync().await;
    });

    // Other tabs (and the sync worker): apply what changed.
    let watcher = watch::subscribe(move |change| state.on_change(change));
    let watcher = StoredValue::new_local(Some(watcher));
    // The sync worker this tab runs hands over what it stored.
    let handed = watch::subscribe_stored(move |stored| state.on_stored(stored));
    let handed = StoredValue::new_local(Some(handed));
    // Input first: every keystroke (captured, so a field's own handler or
    // a non-bubbling event cannot hide it) postpones the changes.
    let typed = InputWatch::new(move || {
        state.changes.update_value(|c| {
            c.last_input = js_sys::Date::now();
            c.inputs += 1;
        })
    });
    let typed = StoredValue::new_local(typed);
    on_cleanup(move || {
        watcher.set_value(None);
        handed.set_value(None);
        typed.set_value(None);
    });
    state
}

/// A capture-phase `input` listener on the window, removed when dropped.
struct InputWatch {
    callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl InputWatch {
    fn new(on_input: impl FnMut() + 'static) -> Option<InputWatch> {
        use wasm_bindgen::JsCast;
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(on_input);
        web_sys::window()?
            .add_event_listener_with_callback_and_bool(
                "input",
                callback.as_ref().unchecked_ref(),
                true,
            )
            .ok()?;
        Some(InputWatch { callback })
    }
}

impl Drop for InputWatch {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback_and_bool(
                "input",
                self.callback.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}

/// How long changes noted at `since` (ms since the epoch; `None`: none
/// noted) must still wait at `now` because the partner typed at
/// `last_input`: until the input has been quiet for [`INPUT_QUIET_MS`], but
/// never past [`MAX_HOLD_MS`] after `since`. `None`: apply them now.
fn input_hold(now: f64, last_input: f64, since: Option<f64>) -> Option<f64> {
    let quiet_at = last_input + INPUT_QUIET_MS;
    let latest = since? + MAX_HOLD_MS;
    let until = quiet_at.min(latest);
    (until > now).then_some(until - now)
}

impl AppState {
    /// The store (after it has been opened; none once the app is gone: a
    /// task or timer that outlives an unmounted app finds nothing to do).
    pub fn store(&self) -> Option<Rc<dyn SyncAdapter>> {
        self.store.try_get_value().flatten()
    }

    /// Reads everything from the store again (also after another tab changed it).
    pub async fn reload(self) {
        let Some(store) = self.store() else { return };
        let first = !self.loaded.get_untracked();
        if first {
            perf_mark("cpor:load-start");
        }
        let loaded = store.load_all().await;
        if first {
            perf_mark("cpor:load-end");
        }
        match loaded {
            Ok(snap) => {
                let mut claims = snap.claims;
                sort_newest_first(&mut claims);
                if first {
                    // For scripts/bench: the claims are in the list's order (the
                    // time since `cpor:load-end` is their sort).
                    perf_mark("cpor:dashboard-phase:sorted");
                }
                self.claims.set(claims);
                self.quarantined.set(snap.quarantined);
            }
            Err(e) => self.error(AppError::Storage(e)),
        }
        if !self.loaded.get_untracked() {
            // Only the first load re-renders the page (forms keep their input).
            self.loaded.set(true);
        }
    }

    /// Another tab (or the sync worker) changed something: preferences and
    /// sync settings at once; claims gathered for [`GATHER_MS`] and then
    /// re-read one by one, or all together when many changed (at most every
    /// [`FULL_EVERY_MS`]).
    pub fn on_change(self, change: Change) {
        let _span = crate::sync::trace::span("tab:on-change");
        match change {
            Change::Prefs { key } => {
                if key == keys::PROFILE {
                    spawn_local(async move { self.load_sync().await });
                }
                return self.reload_pref(&key);
            }
            Change::Sync => return spawn_local(async move { self.load_sync().await }),
            Change::Saved { id, revision } => {
                if !self.note_changes(vec![(id, revision)]) {
                    return;
                }
            }
            Change::Deleted { id } => {
                self.note_changes(vec![(id, 0)]);
            }
            Change::Claims { ids, revisions } => {
                let told = revisions.into_iter().chain(std::iter::repeat(0));
                if !self.note_changes(ids.into_iter().zip(told).collect()) {
                    return;
                }
            }
            Change::Documents | Change::Imported => {
                self.changes.update_value(|c| c.everything = true)
            }
        }
        let since_applied = js_sys::Date::now() - self.changes.with_value(|c| c.last_applied);
        let wait = (COALESCE_MS - since_applied).max(GATHER_MS as f64);
        self.schedule_changes(wait as u64);
    }

    /// Notes each claim id, told at a revision (0: unknown or deleted), to
    /// be re-read, unless this tab holds that revision already (in its
    /// list, or handed over by the sync worker). Whether any was noted.
    fn note_changes(self, told: Vec<(String, u64)>) -> bool {
        // One pass over the list for the whole notice (a batch names up
        // to 1,000 claims; the list holds up to all of them).
        let wanted: std::collections::HashSet<&str> = told
            .iter()
            .filter(|(_, r)| *r > 0)
            .map(|(id, _)| id.as_str())
            .collect();
        let listed = self.listed_revisions(&wanted);
        let mut any = false;
        self.changes.update_value(|c| {
            for (id, revision) in told {
                let held = revision > 0
                    && (listed.get(&id).is_some_and(|r| *r >= revision)
                        || c.stored.get(&id).is_some_and(|(r, _)| *r >= revision));
                if held {
                    continue;
                }
                let noted = c.ids.entry(id).or_insert(revision);
                // A deletion (0) after a save: read whatever is stored.
                *noted = if revision == 0 {
                    0
                } else {
                    (*noted).max(revision)
                };
                any = true;
            }
        });
        any
    }

    /// The revision of each of `ids` in the list (one pass over it).
    fn listed_revisions(
        self,
        ids: &std::collections::HashSet<&str>,
    ) -> std::collections::HashMap<String, u64> {
        if ids.is_empty() {
            return Default::default();
        }
        self.claims.with_untracked(|cs| {
            cs.iter()
                .filter(|c| ids.contains(c.id.as_str()))
                .map(|c| (c.id.clone(), c.revision))
                .collect()
        })
    }

    /// The sync worker this tab runs stored these claims (a pulled batch)
    /// and handed them over: they are applied like other changes (at most
    /// every [`COALESCE_MS`]) but not read back from IndexedDB, where the
    /// read would wait behind the worker's next write. A record older than
    /// the list's copy (this tab saved the claim since) is ignored, so the
    /// list never goes back; an edit started from an older revision still
    /// meets the usual conflict check when it is saved.
    pub fn on_stored(self, stored: watch::Stored) {
        let _span = crate::sync::trace::span("tab:on-stored");
        let listed = self.listed_revisions(&stored.ids.iter().map(String::as_str).collect());
        let mut any = false;
        self.changes.update_value(|c| {
            let records = stored
                .ids
                .into_iter()
                .zip(stored.revisions)
                .zip(stored.records);
            for ((id, revision), record) in records {
                if listed.get(&id).is_some_and(|r| *r >= revision) {
                    continue;
                }
                let newer = c.stored.get(&id).is_none_or(|(r, _)| *r < revision);
                if newer {
                    c.stored.insert(id, (revision, record));
                    any = true;
                }
            }
        });
        if any {
            let since = js_sys::Date::now() - self.changes.with_value(|c| c.last_applied);
            let wait = (COALESCE_MS - since).max(GATHER_MS as f64);
            self.schedule_changes(wait as u64);
        }
    }

    fn schedule_changes(self, after_ms: u64) {
        let already = self.changes.with_value(|c| c.scheduled);
        if already {
            return;
        }
        self.changes.update_value(|c| {
            c.scheduled = true;
            c.since.get_or_insert_with(js_sys::Date::now);
        });
        crate::sync::trace::planned("tab:held", after_ms as f64);
        set_timeout(
            move || spawn_local(async move { self.apply_changes().await }),
            std::time::Duration::from_millis(after_ms),
        );
    }

    async fn apply_changes(self) {
        let now = js_sys::Date::now();
        // Input first: while the partner types, the list stays as it is (a
        // list update of thousands of claims is a long task, and a
        // keystroke behind it waits), at most MAX_HOLD_MS.
        let hold = self
            .changes
            .with_value(|c| input_hold(now, c.last_input, c.since));
        if let Some(wait) = hold {
            self.changes.update_value(|c| c.scheduled = false);
            crate::sync::trace::planned("tab:postponed", wait);
            return self.schedule_changes(wait.ceil() as u64);
        }
        let _span = crate::sync::trace::span("tab:apply");
        let (everything, last_full) = self
            .changes
            .with_value(|c| (c.everything || c.ids.len() > ONE_BY_ONE, c.last_full));
        if everything && now - last_full < FULL_EVERY_MS {
            // Again soon: keep gathering until then.
            self.changes.update_value(|c| c.scheduled = false);
            return self.schedule_changes((FULL_EVERY_MS - (now - last_full)) as u64);
        }
        let (ids, stored) = self
            .changes
            .try_update_value(|c| {
                let taken = std::mem::replace(
                    c,
                    Changes {
                        last_full: if everything { now } else { c.last_full },
                        last_applied: now,
                        last_input: c.last_input,
                        inputs: c.inputs,
                        ..Changes::default()
                    },
                );
                (taken.ids, taken.stored)
            })
            .unwrap_or_default();
        if everything {
            return self.reload().await;
        }
        let Some(store) = self.store() else { return };
        // Applied after a hold that ended at MAX_HOLD_MS while the partner
        // types: the last keystroke's frame may not be painted yet.
        let mut seen = self.changes.with_value(|c| {
            let typing = now - c.last_input < INPUT_QUIET_MS;
            c.inputs.wrapping_sub(u64::from(typing))
        });
        // The records the worker handed over, read in slices with a task
        // boundary between them (the page handles input in between), and
        // input first within the apply too: no slice runs between a
        // keystroke and the frame that shows it. Those records cover the
        // ids told at their revision or earlier.
        let span = crate::sync::trace::span("tab:read-stored");
        let mut handed = Vec::with_capacity(stored.len());
        let mut unreadable = Vec::new();
        let stored: Vec<(String, (u64, wasm_bindgen::JsValue))> = stored.into_iter().collect();
        for (i, slice) in stored.chunks(READ_SLICE).enumerate() {
            if i > 0 {
                crate::app::files::next_tick().await;
            }
            self.after_keystrokes(&mut seen).await;
            let _slice = crate::sync::trace::span("tab:slice");
            let from = handed.len();
            for (id, (_, record)) in slice {
                match watch::Stored::read(record) {
                    Ok(claim) => handed.push(claim),
                    Err(_) => unreadable.push(id.clone()),
                }
            }
            // Their dashboard rows too, in this slice's task.
            self.prepare_rows(&handed[from..]);
        }
        drop(span);
        let covered: std::collections::HashMap<&str, u64> =
            handed.iter().map(|c| (c.id.as_str(), c.revision)).collect();
        let ids: Vec<String> = ids
            .into_iter()
            .filter(|(id, told)| {
                !covered
                    .get(id.as_str())
                    .is_some_and(|r| *told > 0 && r >= told)
            })
            .map(|(id, _)| id)
            .chain(unreadable)
            .collect();
        // Read the rest in slices, each its own short task, ...
        let span = crate::sync::trace::span("tab:load-many");
        let mut loaded = Vec::with_capacity(ids.len());
        for slice in ids.chunks(READ_SLICE) {
            match store.load_many(slice.to_vec()).await {
                Ok(claims) => loaded.extend(claims),
                // Unreadable: the full re-read moves it to the quarantine.
                Err(_) => return self.reload().await,
            }
        }
        drop(span);
        // ... and one update for all of them: the dashboard re-renders once,
        // not once per claim (a first pull brings thousands), after the
        // frame of any keystroke since the last slice. A handed-over record
        // never replaces a newer copy (this tab's own save since).
        self.after_keystrokes(&mut seen).await;
        let _span = crate::sync::trace::span("tab:update-list");
        let read: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let handed: Vec<Claim> = handed
            .into_iter()
            .filter(|c| !read.contains(c.id.as_str()))
            .collect();
        self.claims.update(|cs| {
            let held: std::collections::HashMap<&str, u64> =
                cs.iter().map(|c| (c.id.as_str(), c.revision)).collect();
            let newer: Vec<(String, Option<Claim>)> = handed
                .into_iter()
                .filter(|c| held.get(c.id.as_str()).is_none_or(|r| *r < c.revision))
                .map(|c| (c.id.clone(), Some(c)))
                .collect();
            merge_claims(cs, ids.iter().cloned().zip(loaded).chain(newer))
        });
    }

    /// Input first within an apply: when the partner typed since `seen`
    /// (the count of `input` events this apply last saw), waits for the
    /// frame that shows the keystroke (`files::next_frame`), so its own
    /// update and paint come before the apply's next slice of work; again
    /// if another keystroke came meanwhile, at most [`MAX_FRAME_WAITS`]
    /// frames. Each wait is a `tab:after-keystroke` measure.
    /// A wait that ended otherwise than by a painted frame is also a
    /// `tab:frame-not-painted` measure, and a keystroke still unpainted
    /// after the last wait a `tab:frame-waits-capped` one (a key held down:
    /// the apply goes on), so a test can tell those from a slice run too
    /// early.
    async fn after_keystrokes(self, seen: &mut u64) {
        use crate::app::files::{FrameWait, next_frame};
        for _ in 0..MAX_FRAME_WAITS {
            let inputs = self.changes.with_value(|c| c.inputs);
            if inputs == *seen {
                return;
            }
            *seen = inputs;
            let _wait = crate::sync::trace::span("tab:after-keystroke");
            if next_frame().await != FrameWait::Painted {
                crate::sync::trace::planned("tab:frame-not-painted", 0.0);
            }
        }
        if self.changes.with_value(|c| c.inputs) != *seen {
            crate::sync::trace::planned("tab:frame-waits-capped", 0.0);
        }
    }

    /// The user's time-zone offset now.
    pub fn offset() -> FixedOffset {
        let minutes = js_sys::Date::new_0().get_timezone_offset();
        FixedOffset::west_opt((minutes * 60.0) as i32)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// The real time now, in the user's offset.
    pub fn real_now() -> DateTime<FixedOffset> {
        let ms = js_sys::Date::now() as i64;
        let utc = DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default();
        utc.with_timezone(&Self::offset())
    }

    /// "Now" as the app sees it (tracked): the simulated date at the current
    /// time of day, or the real time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let real = Self::real_now();
        match self.settings.with(|s| s.simulated_today) {
            Some(day) => real
                .offset()
                .from_local_datetime(&day.and_time(real.time()))
                .earliest()
                .unwrap_or(real),
            None => real,
        }
    }

    /// Today in the user's calendar (tracked).
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    pub fn now_untracked(&self) -> DateTime<FixedOffset> {
        untrack(|| self.now())
    }
}

/// Applies re-read claims (`None`: deleted) to the list in one pass: each
/// replaces its old copy, deleted ones go, new ones are added, and the list
/// keeps the order [`AppState::reload`] gives it (newest first), so it ends
/// exactly as a full re-read would.
fn merge_claims(claims: &mut Vec<Claim>, read: impl IntoIterator<Item = (String, Option<Claim>)>) {
    let mut changed: std::collections::HashMap<String, Option<Claim>> = read.into_iter().collect();
    if changed.is_empty() {
        return;
    }
    let old = std::mem::take(claims);
    claims.reserve(old.len() + changed.len());
    for claim in old {
        match changed.remove(&claim.id) {
            None => claims.push(claim),
            Some(Some(new)) => claims.push(new),
            Some(None) => {}
        }
    }
    let added = changed.into_values().flatten();
    let before = claims.len();
    claims.extend(added);
    if claims.len() > before {
        sort_newest_first(claims);
    }
}

/// A Performance Timeline mark (`performance.mark`) for scripts/bench:
/// `cpor:load-start` / `cpor:load-end` around the first load of the claims,
/// `cpor:dashboard` when the dashboard first shows rows. Free when nobody
/// reads them.
/// `performance.now()` (0 where there is no window).
pub fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

pub fn perf_mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
