//! Settings: language, policy and holiday calendar (docs/rules.md#timers),
//! the support link, browser notifications, simulated today, the directory
//! source (docs/rules.md#directory), and the data in this browser: export,
//! import, quarantined records (docs/rules.md#storage).

use crate::i18n::msg;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::claim::format_size;
use crate::app::files::download_bytes;
use crate::app::pages::settings_data::{ClearAllData, ImportData, export_everything};
use crate::app::state::{
    AppError, DirectorySource, Settings, notifications_granted, notifications_supported,
    request_notifications, use_app,
};
use crate::domain::finding::Locale;
use crate::domain::holidays::HolidayCalendar;
use crate::domain::policy::Policy;
use crate::domain::support::{DEFAULT_SUPPORT_URL, check_support_url};
use crate::i18n::format_date;
use crate::storage::{AdapterKind, Quarantined};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{move || msg::settings(locale.get())}</h2>
            <General />
            <DirectorySettings />
            <crate::app::pages::sync_settings::TeamSyncSettings />
            <DataSettings />
        </section>
    }
}

#[component]
fn General() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let date_text = RwSignal::new(
        state
            .settings
            .get_untracked()
            .simulated_today
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    view! {
        <h3>{move || msg::settings_general(locale.get())}</h3>
        <div class="field">
            <label for="s-language">{move || msg::settings_language(locale.get())}</label>
            <select
                id="s-language"
                prop:value=move || locale.get().tag()
                on:change=move |ev| state.set_locale(Locale::from_tag(&event_target_value(&ev)))
            >
                <option value="en">"English"</option>
                <option value="sv">"Svenska"</option>
            </select>
        </div>
        <div class="field">
            <label for="s-policy">{move || msg::settings_policy(locale.get())}</label>
            <select
                id="s-policy"
                aria-describedby="s-policy-help"
                prop:value=move || state.settings.with(|s| s.policy_id.clone())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.update_settings(|s| s.policy_id = v);
                }
            >
                {move || {
                    let loc = locale.get();
                    let current = state.settings.with(|s| s.policy_id.clone());
                    Policy::builtin()
                        .iter()
                        .map(|p| {
                            view! {
                                <option value=p.id.clone() selected=p.id == current>
                                    {p.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p class="help" id="s-policy-help">
                {move || state.policy().description.get(locale.get()).to_string()}
            </p>
        </div>
        <div class="field">
            <label for="s-calendar">{move || msg::settings_holiday_calendar(locale.get())}</label>
            <select
                id="s-calendar"
                aria-describedby="s-calendar-help"
                prop:value=move || state.policy().calendar.clone()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.update_settings(|s| s.calendar_id = Some(v));
                }
            >
                {move || {
                    let loc = locale.get();
                    let current = state.policy().calendar.clone();
                    HolidayCalendar::all()
                        .map(|c| {
                            view! {
                                <option value=c.id.clone() selected=c.id == current>
                                    {c.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p class="help" id="s-calendar-help">
                {move || {
                    let loc = locale.get();
                    let id = state.policy().calendar.clone();
                    let note = HolidayCalendar::by_id(&id)
                        .map(|c| c.note.get(loc).to_string())
                        .unwrap_or_default();
                    format!("{} {note}", msg::settings_holiday_calendar_help(loc))
                }}
            </p>
        </div>
        <SupportSettings />
        <NotificationSettings />
        <div class="field">
            <label for="s-today">{move || msg::settings_simulated_today(locale.get())}</label>
            <input
                id="s-today"
                type="date"
                aria-describedby="s-today-help"
                prop:value=move || date_text.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    date_text.set(v.clone());
                    let parsed = crate::domain::rfc3339::parse_ymd(v.trim()).ok();
                    state.update_settings(|s| s.simulated_today = parsed);
                }
            />
            <p class="help" id="s-today-help" role="status">
                {move || {
                    let loc = locale.get();
                    let today = format_date(state.today(), loc);
                    match state.settings.with(|s| s.simulated_today) {
                        Some(_) => {
                            format!(
                                "{} {today}. {}",
                                msg::settings_the_app_acts_as_if_today(loc),
                                msg::settings_deadlines_and_automatic_transitions_follow_this(loc),
                            )
                        }
                        None => {
                            format!(
                                "{} ({today}).",
                                msg::settings_the_real_date_is_used(loc),
                            )
                        }
                    }
                }}
            </p>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    date_text.set(String::new());
                    state.update_settings(|s| s.simulated_today = None);
                }
            >
                {move || msg::settings_use_the_real_date(locale.get())}
            </button>
        </div>
    }
}

/// The support link (Help and next to findings that may need support).
#[component]
fn SupportSettings() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let text = RwSignal::new(state.settings.get_untracked().support_url);
    let invalid = Memo::new(move |_| check_support_url(&text.get()).is_err());
    view! {
        <div class="field">
            <label for="s-support">{move || msg::settings_support_link(locale.get())}</label>
            <input
                id="s-support"
                type="url"
                aria-describedby="s-support-findings s-support-help"
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |_| {
                    if let Ok(url) = check_support_url(&text.get_untracked()) {
                        text.set(url.clone());
                        state.update_settings(|s| s.support_url = url);
                    }
                }
            />
            <ul class="findings" id="s-support-findings" aria-live="polite">
                {move || {
                    invalid
                        .get()
                        .then(|| {
                            view! {
                                <li class="finding error">
                                    {msg::settings_support_link_invalid(locale.get())}
                                </li>
                            }
                        })
                }}
            </ul>
            <p class="help" id="s-support-help">
                {move || msg::settings_support_link_help(locale.get(), DEFAULT_SUPPORT_URL)}
            </p>
        </div>
    }
}

/// Browser notifications for status changes while the app is open.
#[component]
fn NotificationSettings() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let note = RwSignal::new(None::<&'static str>);
    let on = move || state.settings.with(|s| s.browser_notifications);
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        note.set(None);
        if !wanted {
            state.update_settings(|s| s.browser_notifications = false);
            return;
        }
        spawn_local(async move {
            let granted = request_notifications().await;
            let loc = state.locale.get_untracked();
            state.update_settings(|s| s.browser_notifications = granted);
            if !granted {
                note.set(Some(if notifications_supported() {
                    msg::settings_notifications_denied(loc)
                } else {
                    msg::settings_notifications_unsupported(loc)
                }));
            }
        });
    };
    view! {
        <div class="field">
            <label class="check" for="s-notify">
                <input
                    id="s-notify"
                    type="checkbox"
                    aria-describedby="s-notify-help"
                    prop:checked=on
                    on:change=toggle
                />
                {move || msg::settings_browser_notifications(locale.get())}
            </label>
            <p class="help" id="s-notify-help" role="status">
                {move || {
                    note.get()
                        .map(str::to_string)
                        .unwrap_or_else(|| {
                            let loc = locale.get();
                            if on() && !notifications_granted() {
                                msg::settings_notifications_not_granted(loc).to_string()
                            } else {
                                msg::settings_browser_notifications_help(loc).to_string()
                            }
                        })
                }}
            </p>
        </div>
    }
}

#[component]
fn DirectorySettings() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let online = move || {
        matches!(
            state.settings.with(|s| s.directory.clone()),
            DirectorySource::Online { .. }
        )
    };
    let authority = RwSignal::new(match state.settings.get_untracked().directory {
        DirectorySource::Online { authority } => authority,
        DirectorySource::Demo => crate::domain::openid::DEFAULT_AUTHORITY.to_string(),
    });
    let set_source = move |use_online: bool| {
        let a = authority.get_untracked();
        state.update_settings(|s: &mut Settings| {
            s.directory = if use_online {
                DirectorySource::Online { authority: a }
            } else {
                DirectorySource::Demo
            }
        });
    };
    view! {
        <h3>{move || msg::settings_directory(locale.get())}</h3>
        <fieldset>
            <legend>
                {move || msg::settings_where_domain_and_tenant_facts_come(locale.get())}
            </legend>
            <label class="check">
                <input
                    type="radio"
                    name="s-directory"
                    prop:checked=move || !online()
                    on:change=move |_| set_source(false)
                />
                {move || {
                    msg::settings_demo_directory_built_in_contoso_fabrikam(locale.get())
                }}
            </label>
            <label class="check">
                <input
                    type="radio"
                    name="s-directory"
                    prop:checked=online
                    on:change=move |_| set_source(true)
                />
                {move || {
                    msg::settings_online_lookup_public_openid_discovery_document(locale.get())
                }}
            </label>
        </fieldset>
        <div class="field">
            <label for="s-authority">{move || msg::settings_authority_url(locale.get())}</label>
            <input
                id="s-authority"
                type="url"
                aria-describedby="s-authority-help"
                prop:value=move || authority.get()
                on:input=move |ev| authority.set(event_target_value(&ev))
                on:change=move |_| {
                    if online() {
                        set_source(true);
                    }
                }
            />
            <ul class="findings" aria-live="polite">
                {move || {
                    crate::domain::openid::check_authority(&authority.get())
                        .err()
                        .map(|e| view! { <li class="finding error">{e.detail(locale.get())}</li> })
                }}
            </ul>
            <p class="help" id="s-authority-help">
                {move || {
                    msg::settings_the_tenant_of_a_domain_is(locale.get())
                }}
            </p>
        </div>
    }
}

#[component]
fn DataSettings() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let report = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let export = move || {
        busy.set(true);
        spawn_local(async move {
            match export_everything(state).await {
                Ok(text) => report.set(Some(text)),
                Err(e) => state.error(e),
            }
            busy.set(false);
        });
    };

    view! {
        <h3>{move || msg::settings_your_data(locale.get())}</h3>
        <p>
            {move || {
                let loc = locale.get();
                let kind = state.store().map(|s| s.kind());
                let where_ = match kind {
                    Some(AdapterKind::IndexedDb) => "IndexedDB",
                    Some(AdapterKind::LocalStorage) => "localStorage",
                    Some(AdapterKind::Memory) => msg::settings_memory_only_not_kept(loc),
                    None => "…",
                };
                format!(
                    "{} {where_}. {} {}.",
                    msg::settings_claims_and_documents_are_stored_in(loc),
                    msg::settings_claims(loc),
                    state.claims.with(Vec::len),
                )
            }}
        </p>
        <StorageKept />
        <div class="actions">
            <button type="button" disabled=move || busy.get() on:click=move |_| export()>
                {move || msg::settings_export_all_data(locale.get())}
            </button>
        </div>
        <ImportData report=report />
        {move || report.get().map(|r| view! { <p class="banner info" role="status">{r}</p> })}
        <Quarantine />
        <ClearAllData report=report busy=busy export=move || export() />
    }
}

/// Whether the browser keeps the data for good, and the quota used.
#[component]
fn StorageKept() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let facts = LocalResource::new(crate::app::persist::persistence);
    move || {
        let loc = locale.get();
        let p = facts.get()?;
        let kept = match p.persisted {
            Some(true) => msg::settings_storage_persistent(loc),
            Some(false) => msg::settings_storage_not_persistent(loc),
            None => return None,
        };
        let used = p.usage.zip(p.quota).map(|(usage, quota)| {
            msg::settings_storage_used(loc, format_size(usage, loc), format_size(quota, loc))
        });
        Some(view! {
            <p class="storage-kept">
                {kept}
                {used.map(|u| format!(" {u}"))}
            </p>
        })
    }
}

#[component]
fn Quarantine() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let discard = move |key: String| {
        let Some(store) = state.store() else { return };
        let ok = window()
            .confirm_with_message(msg::settings_remove_this_unreadable_record_for_good(
                locale.get_untracked(),
            ))
            .unwrap_or(false);
        if !ok {
            return;
        }
        spawn_local(async move {
            if let Err(e) = store.discard_quarantined(&key).await {
                state.error(AppError::Storage(e));
            }
            state.reload().await;
        });
    };
    view! {
        <h3>{move || msg::settings_quarantined_records(locale.get())}</h3>
        <Show
            when=move || !state.quarantined.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <p class="help">
                        {move || msg::settings_none_every_stored_record_could_be(locale.get())}
                    </p>
                }
            }
        >
            <p class="banner warning" role="status">
                {move || {
                    msg::settings_these_stored_records_could_not_be(locale.get())
                }}
            </p>
            <ul class="quarantine">
                {move || {
                    let loc = locale.get();
                    state
                        .quarantined
                        .get()
                        .into_iter()
                        .map(|q: Quarantined| {
                            let key = q.key.clone();
                            let raw = q.raw.clone();
                            let file = format!("quarantined-{}.txt", q.key.replace([':', '/'], "_"));
                            view! {
                                <li>
                                    <p>
                                        <strong>{q.key.clone()}</strong>": "{q.reason.clone()}
                                    </p>
                                    <pre>{q.raw.chars().take(400).collect::<String>()}</pre>
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| {
                                            if let Err(e) = download_bytes(&file, "text/plain", raw.as_bytes()) {
                                                state.error(AppError::File(e));
                                            }
                                        }
                                    >
                                        {msg::download(loc)}
                                    </button>
                                    <button type="button" class="secondary" on:click=move |_| discard(key.clone())>
                                        {msg::settings_delete_this_claim(loc)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
