//! Settings → Team sync: the profile organisation's server address,
//! database, sign-in (user and password, or a token) and server limits;
//! Test connection with a clear answer; Turn on / Turn off; Sign out
//! (forgets the credentials). The settings are kept in this browser's
//! IndexedDB per organisation (docs/sync.md says what that means for the
//! credentials).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::field::{Field, InputKind};
use crate::app::components::localized;
use crate::app::components::sync_indicator::sync_error_message;
use crate::app::state::use_app;
use crate::app::sync::test_connection;
use crate::domain::finding::Locale;
use crate::i18n::msg;
use crate::sync::settings::{Credentials, Problem, ServerLimits, SyncSettings};

type Msg = fn(Locale) -> &'static str;

fn problem_message(p: Problem, locale: Locale) -> &'static str {
    match p {
        Problem::UrlMissing => msg::sync_problem_url_missing(locale),
        Problem::UrlInvalid => msg::sync_problem_url_invalid(locale),
        Problem::UrlInsecure => msg::sync_problem_url_insecure(locale),
        Problem::DatabaseInvalid => msg::sync_problem_database_invalid(locale),
        Problem::CredentialsMissing => msg::sync_problem_credentials_missing(locale),
    }
}

/// What the last action said.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    None,
    Testing,
    Connected(String),
    Failed { code: String, detail: String },
    Problem(Problem),
    Saved(&'static str),
}

#[component]
pub fn TeamSyncSettings() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let org = move || state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
    let text = move |m| localized(locale, m);
    view! {
        <h3 id="team-sync">{text(msg::sync_title)}</h3>
        <p class="help">{text(msg::sync_intro)}</p>
        {move || match (org(), state.can_sync()) {
            (None, _) => view! { <p class="help">{text(msg::sync_needs_profile)}</p> }.into_any(),
            (Some(_), false) => view! { <p class="banner warning">{text(msg::sync_needs_indexeddb)}</p> }.into_any(),
            (Some(org), true) => view! { <SyncForm org=org /> }.into_any(),
        }}
    }
}

#[component]
fn SyncForm(org: String) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let stored = state
        .sync_settings
        .get_untracked()
        .unwrap_or_else(|| SyncSettings::for_org(&org));
    let url = RwSignal::new(stored.server_url.clone());
    let database = RwSignal::new(stored.database.clone());
    let (user0, password0, token0, bearer0) = match &stored.credentials {
        Credentials::Basic { user, password } => {
            (user.clone(), password.clone(), String::new(), false)
        }
        Credentials::Bearer { token } => (String::new(), String::new(), token.clone(), true),
        Credentials::None => Default::default(),
    };
    let user = RwSignal::new(user0);
    let password = RwSignal::new(password0);
    let token = RwSignal::new(token0);
    let bearer = RwSignal::new(bearer0);
    let cloudant = RwSignal::new(stored.limits == ServerLimits::Cloudant);
    let outcome = RwSignal::new(Outcome::None);
    let busy = RwSignal::new(false);
    let enabled = move || {
        state
            .sync_settings
            .with(|s| s.as_ref().is_some_and(|s| s.enabled))
    };
    let signed_in = move || {
        state.sync_settings.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.credentials != Credentials::None)
        })
    };

    // The settings as the form shows them.
    let current = move || {
        let previous = state.sync_settings.get_untracked();
        SyncSettings {
            enabled: previous.as_ref().is_some_and(|s| s.enabled),
            server_url: url.get_untracked().trim().to_string(),
            database: database.get_untracked().trim().to_string(),
            credentials: if bearer.get_untracked() {
                Credentials::Bearer {
                    token: token.get_untracked().trim().to_string(),
                }
            } else {
                Credentials::Basic {
                    user: user.get_untracked().trim().to_string(),
                    password: password.get_untracked(),
                }
            },
            limits: if cloudant.get_untracked() {
                ServerLimits::Cloudant
            } else {
                ServerLimits::CouchDb
            },
            timeouts_ms: previous.and_then(|s| s.timeouts_ms),
        }
    };
    let org_test = org.clone();
    let test = move |_| {
        let settings = current();
        if let Err(p) = settings.check() {
            outcome.set(Outcome::Problem(p));
            return;
        }
        outcome.set(Outcome::Testing);
        busy.set(true);
        let org = org_test.clone();
        spawn_local(async move {
            let db = settings.database.clone();
            outcome.set(match test_connection(&settings, &org).await {
                Ok(()) => Outcome::Connected(db),
                Err(f) => Outcome::Failed {
                    code: f.code,
                    detail: f.detail,
                },
            });
            busy.set(false);
        });
    };
    let save = move |settings: SyncSettings, said: &'static str| {
        busy.set(true);
        spawn_local(async move {
            match state.save_sync_settings(settings).await {
                Ok(()) => outcome.set(Outcome::Saved(said)),
                Err(e) => state.error(e),
            }
            busy.set(false);
        });
    };
    // Turn on (after the checks) or Turn off, as the button says.
    let turn_on_off = move |_| {
        let mut settings = current();
        if settings.enabled {
            settings.enabled = false;
            return save(settings, "off");
        }
        if let Err(p) = settings.check() {
            outcome.set(Outcome::Problem(p));
            return;
        }
        settings.enabled = true;
        save(settings, "on");
    };
    let sign_out = move |_| {
        let mut settings = current();
        settings.sign_out();
        password.set(String::new());
        token.set(String::new());
        save(settings, "signed-out");
    };
    let said = move || {
        let loc = locale.get();
        match outcome.get() {
            Outcome::None => None,
            Outcome::Testing => Some(("info", msg::sync_testing(loc).to_string())),
            Outcome::Connected(db) => Some(("info", msg::sync_connected(loc, db))),
            Outcome::Failed { code, detail } => {
                let detail = if detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({detail})")
                };
                Some((
                    "error",
                    format!("{}{detail}", sync_error_message(&code, loc)),
                ))
            }
            Outcome::Problem(p) => Some(("error", problem_message(p, loc).to_string())),
            Outcome::Saved("on") => Some(("info", msg::sync_turned_on(loc).to_string())),
            Outcome::Saved("off") => Some(("info", msg::sync_turned_off(loc).to_string())),
            Outcome::Saved(_) => Some(("info", msg::sync_signed_out(loc).to_string())),
        }
    };
    let text = move |m| localized(locale, m);
    // One closure type for the texts that follow a switch.
    let either = move |on: bool, yes: Msg, no: Msg| if on { yes } else { no }(locale.get());
    let disabled = move || busy.get();
    let radio = move |name: &'static str, checked: RwSignal<bool>, value: bool, label: Msg| {
        view! {
            <label class="check">
                <input type="radio" name=name prop:checked=move || checked.get() == value on:change=move |_| checked.set(value) />
                {text(label)}
            </label>
        }
    };
    view! {
        <p>{move || either(enabled(), msg::sync_is_on, msg::sync_is_off)}</p>
        <Field id="s-sync-url" label=msg::sync_server_address value=url locale=locale kind=InputKind::Url autocomplete="url">
            <p class="help">{text(msg::sync_server_address_help)}</p>
        </Field>
        <Field id="s-sync-db" label=msg::sync_database value=database locale=locale>
            <p class="help">{text(msg::sync_database_help)}</p>
        </Field>
        <fieldset>
            <legend>{text(msg::sync_sign_in_with)}</legend>
            {radio("s-sync-auth", bearer, false, msg::sync_user_and_password)}
            {radio("s-sync-auth", bearer, true, msg::sync_token)}
        </fieldset>
        {move || if bearer.get() {
            view! { <Field id="s-sync-token" label=msg::sync_token_field value=token locale=locale kind=InputKind::Password /> }.into_any()
        } else {
            view! {
                <Field id="s-sync-user" label=msg::sync_user_name value=user locale=locale autocomplete="username" />
                <Field id="s-sync-password" label=msg::sync_password value=password locale=locale kind=InputKind::Password autocomplete="current-password" />
            }.into_any()
        }}
        <p class="help">{text(msg::sync_credentials_kept)}</p>
        <fieldset>
            <legend>{text(msg::sync_server_limits)}</legend>
            {radio("s-sync-limits", cloudant, false, msg::sync_limits_couchdb)}
            {radio("s-sync-limits", cloudant, true, msg::sync_limits_cloudant)}
        </fieldset>
        <div class="actions">
            <button type="button" class="secondary" disabled=disabled on:click=test>
                {text(msg::sync_test_connection)}
            </button>
            <button type="button" class:secondary=enabled disabled=disabled on:click=turn_on_off>
                {move || either(enabled(), msg::sync_turn_off, msg::sync_turn_on)}
            </button>
            {move || signed_in().then(|| view! {
                <button type="button" class="secondary" disabled=disabled on:click=sign_out>
                    {text(msg::sync_sign_out)}
                </button>
            })}
        </div>
        <div role="status" aria-live="polite">
            {move || said().map(|(class, text)| view! { <p class=format!("banner {class}")>{text}</p> })}
        </div>
    }
}
