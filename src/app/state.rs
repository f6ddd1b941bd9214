//! The app's shared state (provided as context) and the one place where
//! events are applied and stored: [`AppState::apply`]. Components render
//! this state and call these methods; the rules are in [`crate::domain`] and
//! persistence is behind [`SyncAdapter`].

use crate::i18n::msg;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::domain::claim::Claim;
use crate::domain::directory::{DemoDirectory, Directory};
use crate::domain::finding::{Finding, Locale};
use crate::domain::openid::{OnlineDirectory, OpenIdError};
use crate::domain::partners::{PartnerOrganisation, partner};
use crate::domain::policy::Policy;
use crate::domain::roles::{Actor, UserRole};
use crate::domain::status::{self, Event, TransitionError};
use crate::storage::watch::Change;
use crate::storage::{
    AdapterKind, Quarantined, StorageError, StoredDocument, SyncAdapter, prefs, watch,
};

/// Preference keys (see [`prefs`]).
pub mod keys {
    pub const LOCALE: &str = "locale";
    pub const PROFILE: &str = "profile";
    pub const SETTINGS: &str = "settings";
    pub const WIZARD_DRAFT: &str = "wizard-draft";
}

/// The signed-in profile: partner organisation, user and role (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub org_id: String,
    pub user: String,
    pub role: UserRole,
}

impl Profile {
    pub fn org(&self) -> Option<&'static PartnerOrganisation> {
        partner(&self.org_id)
    }

    pub fn actor(&self) -> Actor {
        Actor::partner(self.org_id.clone(), self.role, self.user.clone())
    }
}

/// Where domain ↔ tenant facts come from (SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DirectorySource {
    /// The demo directory shipped with the app.
    #[default]
    Demo,
    /// The public OpenID discovery document under `authority`.
    Online { authority: String },
}

/// User settings (SPEC §12 and issue 3): policy, simulated date, directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub policy_id: String,
    /// "Simulated today": moves the clock so deadlines and automatic
    /// transitions can be seen. `None`: the real date.
    pub simulated_today: Option<NaiveDate>,
    pub directory: DirectorySource,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            policy_id: Policy::builtin()[0].id.clone(),
            simulated_today: None,
            directory: DirectorySource::Demo,
        }
    }
}

/// An error of the app layer, with a message per locale.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("claim {0} was not found")]
    MissingClaim(String),
    #[error("choose a profile first")]
    NoProfile,
    #[error("{0}")]
    File(String),
}

impl AppError {
    /// The error as findings, when it has finding codes (transition errors).
    pub fn findings(&self) -> Vec<Finding> {
        match self {
            AppError::Transition(e) => e.findings(),
            _ => Vec::new(),
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        match self {
            AppError::Transition(TransitionError::Invalid { findings }) => {
                let first = findings
                    .iter()
                    .find(|f| f.is_error())
                    .map(|f| f.message(locale))
                    .unwrap_or_default();
                format!("{} {first}", msg::state_the_claim_is_not_ready(locale))
            }
            AppError::Transition(e) => e.code().message(locale).to_string(),
            AppError::Storage(e) => storage_message(e, locale),
            AppError::MissingClaim(id) => msg::state_claim_not_found(locale, id),
            AppError::NoProfile => msg::state_choose_a_profile_first(locale).to_string(),
            AppError::File(msg) => msg.clone(),
        }
    }
}

/// A storage error in words a user can act on.
pub fn storage_message(e: &StorageError, locale: Locale) -> String {
    match e {
        StorageError::Conflict { .. } => msg::storage_conflict(locale).to_string(),
        StorageError::QuotaExceeded(d) => msg::storage_quota_exceeded(locale, d),
        StorageError::Unavailable(d) => msg::storage_unavailable(locale, d),
        StorageError::Corrupt(d) => msg::storage_corrupt(locale, d),
        StorageError::Import(d) => msg::storage_import(locale, d),
        StorageError::Backend(d) => msg::storage_backend(locale, d),
    }
}

/// A change that could not be stored, kept so the user can retry it on the
/// latest version or drop it (never lost silently, never overwritten).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub claim_id: String,
    pub event: Event,
    pub actor: Actor,
    pub error: AppError,
}

/// The state of an online directory lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Idle,
    Looking(String),
    Found(String),
    Failed(String, OpenIdError),
}

/// A message banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

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
    store: StoredValue<Option<Rc<dyn SyncAdapter>>, LocalStorage>,
}

/// The state from context. Panics outside [`provide_app_state`] (a
/// programming error, not a user one).
pub fn use_app() -> AppState {
    expect_context::<AppState>()
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
        store: StoredValue::new_local(store.clone()),
    };
    provide_context(state);

    spawn_local(async move {
        if state.store.get_value().is_none() {
            let (store, err) = crate::storage::open_browser_store().await;
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
    });

    // Other tabs: reload what changed.
    let watcher = watch::subscribe(move |change| match change {
        Change::Prefs { key } => state.reload_pref(&key),
        _ => spawn_local(async move { state.reload().await }),
    });
    let watcher = StoredValue::new_local(Some(watcher));
    on_cleanup(move || watcher.set_value(None));
    state
}

impl AppState {
    /// The store (after it has been opened).
    pub fn store(&self) -> Option<Rc<dyn SyncAdapter>> {
        self.store.get_value()
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
                claims.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
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

    fn reload_pref(self, key: &str) {
        match key {
            keys::LOCALE => {
                if let Ok(Some(l)) = prefs::get::<Locale>(keys::LOCALE) {
                    self.locale.set(l);
                }
            }
            keys::PROFILE => {
                if let Ok(p) = prefs::get::<Profile>(keys::PROFILE) {
                    self.profile.set(p);
                }
            }
            keys::SETTINGS => {
                if let Ok(Some(s)) = prefs::get::<Settings>(keys::SETTINGS) {
                    self.settings.set(s);
                }
            }
            _ => {}
        }
    }

    /// Shows an error banner.
    pub fn error(&self, e: AppError) {
        let text = e.message(self.locale.get_untracked());
        self.notice.set(Some(Notice { error: true, text }));
    }

    /// Shows an information banner.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: false,
            text: text.into(),
        }));
    }

    /// Saves a preference; a failure is shown (the in-memory value is kept).
    pub fn save_pref<T: Serialize>(&self, key: &str, value: &T) {
        if let Err(e) = prefs::set(key, value) {
            self.error(AppError::Storage(e));
        }
    }

    pub fn set_locale(&self, l: Locale) {
        self.locale.set(l);
        self.save_pref(keys::LOCALE, &l);
    }

    pub fn set_profile(&self, p: Profile) {
        self.save_pref(keys::PROFILE, &p);
        self.profile.set(Some(p));
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        let mut s = self.settings.get_untracked();
        f(&mut s);
        self.save_pref(keys::SETTINGS, &s);
        self.settings.set(s);
    }

    /// The policy in use (tracked).
    pub fn policy(&self) -> &'static Policy {
        let id = self.settings.with(|s| s.policy_id.clone());
        Policy::by_id(&id).unwrap_or(&Policy::builtin()[0])
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

    /// Every claim with the time-driven transitions due now applied (tracked).
    pub fn claims_now(&self) -> Vec<Claim> {
        let now = self.now();
        let policy = self.policy();
        self.claims
            .with(|cs| cs.iter().map(|c| status::advance(c, now, policy)).collect())
    }

    /// One claim as it stands now (tracked).
    pub fn claim_now(&self, id: &str) -> Option<Claim> {
        let now = self.now();
        let policy = self.policy();
        self.claims.with(|cs| {
            cs.iter()
                .find(|c| c.id == id)
                .map(|c| status::advance(c, now, policy))
        })
    }

    /// The actor of the signed-in profile.
    pub fn partner_actor(&self) -> Option<Actor> {
        self.profile.with(|p| p.as_ref().map(Profile::actor))
    }

    fn put_claim(&self, claim: Claim) {
        self.claims
            .update(|cs| match cs.iter_mut().find(|c| c.id == claim.id) {
                Some(slot) => *slot = claim,
                None => cs.insert(0, claim),
            });
    }

    /// Would `event` by `actor` be accepted now? (For enabling buttons; the
    /// real check is in [`AppState::apply`].)
    pub fn allows(&self, claim: &Claim, event: &Event, actor: &Actor) -> bool {
        status::apply_event(claim, event, actor, self.now(), self.policy()).is_ok()
    }

    /// Applies an event to a claim and stores the result. `base_revision`:
    /// the revision the user's form started from (a newer stored revision
    /// is a conflict). On a storage failure the change is kept in
    /// [`AppState::pending`] for retry.
    pub async fn apply(
        self,
        claim_id: &str,
        event: Event,
        actor: Actor,
        base_revision: Option<u64>,
    ) -> Result<Claim, AppError> {
        let current = self
            .claims
            .with_untracked(|cs| cs.iter().find(|c| c.id == claim_id).cloned())
            .ok_or_else(|| AppError::MissingClaim(claim_id.to_string()))?;
        if let Some(base) = base_revision
            && base != current.revision
        {
            let err = AppError::Storage(StorageError::Conflict {
                id: claim_id.to_string(),
                expected: base,
                stored: current.revision,
            });
            self.pending.set(Some(Pending {
                claim_id: claim_id.to_string(),
                event,
                actor,
                error: err.clone(),
            }));
            return Err(err);
        }
        let now = self.now_untracked();
        let policy = self.policy_untracked();
        let next = status::apply_event(&current, &event, &actor, now, policy)?;
        self.save_claim(next, Some((event, actor))).await
    }

    /// Stores a claim (revision checked by the store); keeps `retry` pending
    /// on failure.
    async fn save_claim(
        self,
        claim: Claim,
        retry: Option<(Event, Actor)>,
    ) -> Result<Claim, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        let id = claim.id.clone();
        match store.save(claim).await {
            Ok(saved) => {
                self.put_claim(saved.clone());
                if self
                    .pending
                    .with_untracked(|p| p.as_ref().is_some_and(|p| p.claim_id == id))
                {
                    self.pending.set(None);
                }
                Ok(saved)
            }
            Err(e) => {
                let err = AppError::Storage(e);
                if let Some((event, actor)) = retry {
                    self.pending.set(Some(Pending {
                        claim_id: id,
                        event,
                        actor,
                        error: err.clone(),
                    }));
                } else {
                    self.error(err.clone());
                }
                Err(err)
            }
        }
    }

    /// Retries the pending change on the latest stored version of its claim.
    pub async fn retry_pending(self) -> Result<Claim, AppError> {
        let Some(p) = self.pending.get_untracked() else {
            return Err(AppError::MissingClaim(String::new()));
        };
        self.reload().await;
        let result = self.apply(&p.claim_id, p.event, p.actor, None).await;
        if let Err(e) = &result
            && !matches!(e, AppError::Storage(_))
        {
            // The change no longer applies (e.g. the status moved on): say so.
            self.pending.set(None);
            self.error(e.clone());
        }
        result
    }

    /// Drops the pending change and shows the latest stored version.
    pub async fn discard_pending(self) {
        self.pending.set(None);
        self.reload().await;
    }

    /// Creates a claim from a template (the wizard, or a copy).
    pub async fn create(self, claim: Claim) -> Result<Claim, AppError> {
        self.save_claim(claim, None).await
    }

    /// A new claim id.
    pub fn new_id() -> String {
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }

    /// Stores a document's bytes.
    pub async fn put_document(self, doc: StoredDocument) -> Result<(), AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        store.put_document(doc).await.map_err(AppError::Storage)
    }

    /// Reads a document's bytes.
    pub async fn get_document(self, id: &str) -> Result<Option<StoredDocument>, AppError> {
        let store = self
            .store()
            .ok_or_else(|| AppError::Storage(StorageError::Unavailable("still opening".into())))?;
        store.get_document(id).await.map_err(AppError::Storage)
    }

    /// Runs `f` with the directory of the settings (tracked).
    pub fn with_directory<R>(&self, f: impl FnOnce(&dyn Directory) -> R) -> R {
        match self.settings.with(|s| s.directory.clone()) {
            DirectorySource::Demo => f(DemoDirectory::builtin()),
            DirectorySource::Online { authority } => self.online.with(|o| {
                if o.authority() == authority {
                    f(o)
                } else {
                    f(&OnlineDirectory::new(authority))
                }
            }),
        }
    }

    /// Looks up a domain's tenant online when the settings choose the
    /// online directory (once per domain and authority).
    pub fn lookup_domain(self, ascii_domain: String) {
        let DirectorySource::Online { authority } = self.settings.get_untracked().directory else {
            return;
        };
        if self.online.with_untracked(|o| o.authority() != authority) {
            self.online.set(OnlineDirectory::new(authority.clone()));
        }
        let known = self
            .online
            .with_untracked(|o| o.tenant_for_domain(&ascii_domain).is_some());
        let same = self.lookup.with_untracked(|l| match l {
            Lookup::Looking(d) | Lookup::Failed(d, _) => *d == ascii_domain,
            _ => false,
        });
        if known || same {
            return;
        }
        self.lookup.set(Lookup::Looking(ascii_domain.clone()));
        spawn_local(async move {
            match super::online::lookup_tenant(&authority, &ascii_domain).await {
                Ok(tenant) => {
                    self.online.update(|o| {
                        let _ = o.insert(&ascii_domain, &tenant);
                    });
                    self.lookup.set(Lookup::Found(ascii_domain));
                }
                Err(e) => self.lookup.set(Lookup::Failed(ascii_domain, e)),
            }
        });
    }

    pub fn now_untracked(&self) -> DateTime<FixedOffset> {
        untrack(|| self.now())
    }

    pub fn policy_untracked(&self) -> &'static Policy {
        untrack(|| self.policy())
    }
}

/// A Performance Timeline mark (`performance.mark`) for scripts/bench:
/// `cpor:load-start` / `cpor:load-end` around the first load of the claims,
/// `cpor:dashboard` when the dashboard first shows rows. Free when nobody
/// reads them.
pub fn perf_mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
