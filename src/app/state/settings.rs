//! Preferences: the profile, the settings and the language, kept in
//! localStorage ([`prefs`]) under the names of [`keys`] and re-read when
//! another tab changes them.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AppError, AppState};
use crate::domain::claim::PartnerOrgRef;
use crate::domain::finding::Locale;
use crate::domain::flat::required;
use crate::domain::partners::{PartnerOrganisation, partner};
use crate::domain::policy::Policy;
use crate::domain::roles::{Actor, UserRole};
use crate::domain::support::{DEFAULT_SUPPORT_URL, check_support_url};
use crate::storage::prefs;

/// Preference keys (see [`prefs`]).
pub mod keys {
    pub const LOCALE: &str = "locale";
    pub const PROFILE: &str = "profile";
    pub const SETTINGS: &str = "settings";
    pub const WIZARD_DRAFT: &str = "wizard-draft";
    /// When the partner last marked the notices as read (UTC).
    pub const NOTICES_SEEN: &str = "notices-seen";
}

/// The signed-in profile: partner organisation, user and role (docs/rules.md#roles).
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

    /// The partner organisation as a claim names it (id and name).
    pub fn org_ref(&self) -> PartnerOrgRef {
        PartnerOrgRef {
            id: self.org_id.clone(),
            name: self.org().map(|o| o.name.clone()).unwrap_or_default(),
        }
    }
}

/// Where domain ↔ tenant facts come from (docs/rules.md#directory).
/// Stored tagged by `kind`, read through [`DirectorySourceRecord`] (see
/// [`crate::domain::flat`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    try_from = "DirectorySourceRecord"
)]
pub enum DirectorySource {
    /// The demo directory shipped with the app.
    #[default]
    Demo,
    /// The public OpenID discovery document under `authority`.
    Online { authority: String },
}

/// A [`DirectorySource`] as read: `kind` and `authority`.
#[derive(Deserialize)]
struct DirectorySourceRecord {
    kind: String,
    authority: Option<String>,
}

impl TryFrom<DirectorySourceRecord> for DirectorySource {
    type Error = String;

    fn try_from(r: DirectorySourceRecord) -> Result<DirectorySource, String> {
        match r.kind.as_str() {
            "demo" => Ok(DirectorySource::Demo),
            "online" => Ok(DirectorySource::Online {
                authority: required(r.authority, "online", "authority")?,
            }),
            other => Err(format!("unknown directory source `{other}`")),
        }
    }
}

/// User settings (docs/rules.md#storage): policy, holiday calendar,
/// simulated date, directory, support link, browser notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub policy_id: String,
    /// The holiday calendar of business days (`us`, `se`); `None`: the
    /// policy's own.
    pub calendar_id: Option<String>,
    /// "Simulated today": moves the clock so deadlines and automatic
    /// transitions can be seen. `None`: the real date.
    #[serde(with = "crate::domain::rfc3339::opt_date")]
    pub simulated_today: Option<NaiveDate>,
    pub directory: DirectorySource,
    /// Where partners get help ([`crate::domain::support`]).
    pub support_url: String,
    /// Show a browser notification for status changes that arrive while
    /// the app is open (only after the browser granted permission).
    pub browser_notifications: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            policy_id: Policy::builtin()[0].id.clone(),
            calendar_id: None,
            simulated_today: None,
            directory: DirectorySource::Demo,
            support_url: DEFAULT_SUPPORT_URL.to_string(),
            browser_notifications: false,
        }
    }
}

impl AppState {
    pub(super) fn reload_pref(self, key: &str) {
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
            keys::NOTICES_SEEN => {
                if let Ok(Some(crate::domain::rfc3339::UtcAt(at))) = prefs::get(keys::NOTICES_SEEN)
                {
                    self.notices_seen.set(at);
                }
            }
            _ => {}
        }
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
        // Team sync follows the profile's organisation.
        let state = *self;
        leptos::task::spawn_local(async move { state.load_sync().await });
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        let mut s = self.settings.get_untracked();
        f(&mut s);
        self.save_pref(keys::SETTINGS, &s);
        self.settings.set(s);
    }

    /// The policy in use, with the holiday calendar of the settings
    /// (tracked).
    pub fn policy(&self) -> &'static Policy {
        self.settings
            .with(|s| Policy::with_calendar(&s.policy_id, s.calendar_id.as_deref()))
    }

    /// The support link of the settings (Partner Center support unless
    /// changed; tracked).
    pub fn support_url(&self) -> String {
        self.settings
            .with(|s| check_support_url(&s.support_url))
            .unwrap_or_else(|_| DEFAULT_SUPPORT_URL.to_string())
    }

    pub fn policy_untracked(&self) -> &'static Policy {
        untrack(|| self.policy())
    }

    /// The actor of the signed-in profile.
    pub fn partner_actor(&self) -> Option<Actor> {
        self.profile.with(|p| p.as_ref().map(Profile::actor))
    }
}
