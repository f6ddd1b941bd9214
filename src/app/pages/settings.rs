//! Settings: language, policy (SPEC §9), simulated today, the directory
//! source (SPEC §11), and the data in this browser: export, import,
//! quarantined records (SPEC §12).

use crate::i18n::msg;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::files::{download_bytes, read_text};
use crate::app::state::{AppError, DirectorySource, Settings, use_app};
use crate::domain::finding::Locale;
use crate::domain::policy::Policy;
use crate::i18n::format_date;
use crate::storage::export::{export_all, import_all};
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
            <label for="s-today">{move || msg::settings_simulated_today(locale.get())}</label>
            <input
                id="s-today"
                type="date"
                aria-describedby="s-today-help"
                prop:value=move || date_text.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    date_text.set(v.clone());
                    let parsed = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
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

    let export = move |_| {
        let Some(store) = state.store() else { return };
        busy.set(true);
        spawn_local(async move {
            let loc = locale.get_untracked();
            let extras = serde_json::json!({
                "settings": state.settings.get_untracked(),
                "profile": state.profile.get_untracked(),
                "locale": loc,
            });
            let now = state.now_untracked().to_utc();
            match export_all(&*store, now, extras).await {
                Ok(text) => {
                    let name = format!("cpor-desk-export-{}.json", now.format("%Y-%m-%d"));
                    match download_bytes(&name, "application/json", text.as_bytes()) {
                        Ok(()) => report.set(Some(format!(
                            "{} {name}",
                            msg::settings_exported_everything_to(loc)
                        ))),
                        Err(e) => state.error(AppError::File(e)),
                    }
                }
                Err(e) => state.error(AppError::Storage(e)),
            }
            busy.set(false);
        });
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let Some(store) = state.store() else { return };
        busy.set(true);
        spawn_local(async move {
            let loc = locale.get_untracked();
            let text = match read_text(&file).await {
                Ok(t) => t,
                Err(e) => {
                    state.error(AppError::File(e));
                    busy.set(false);
                    return;
                }
            };
            match import_all(&*store, &text).await {
                Ok((r, _settings)) => {
                    let mut text = msg::settings_imported(
                        loc,
                        r.added,
                        r.updated,
                        r.unchanged,
                        r.documents,
                        r.quarantined,
                    );
                    if !r.kept.is_empty() {
                        text.push(' ');
                        text.push_str(msg::settings_kept_this_browser_s_newer_copy(loc));
                        text.push(' ');
                        text.push_str(&r.kept.join(", "));
                    }
                    report.set(Some(text));
                    state.reload().await;
                }
                Err(e) => state.error(AppError::Storage(e)),
            }
            input.set_value("");
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
        <div class="actions">
            <button type="button" disabled=move || busy.get() on:click=export>
                {move || msg::settings_export_all_data(locale.get())}
            </button>
        </div>
        <div class="field">
            <label for="s-import">{move || msg::settings_import_data_from_an_export_file(locale.get())}</label>
            <input id="s-import" type="file" accept="application/json,.json" disabled=move || busy.get() on:change=import />
            <p class="help">
                {move || {
                    msg::settings_claims_that_are_newer_in_this(locale.get())
                }}
            </p>
        </div>
        {move || report.get().map(|r| view! { <p class="banner info" role="status">{r}</p> })}
        <Quarantine />
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
                                        {msg::remove(loc)}
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
