//! Settings: language, policy (SPEC §9), simulated today, the directory
//! source (SPEC §11), and the data in this browser: export, import,
//! quarantined records (SPEC §12).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::files::{download_bytes, read_text};
use crate::app::i18n::{format_date, tr};
use crate::app::state::{AppError, AppState, DirectorySource, Settings, use_app};
use crate::domain::finding::Locale;
use crate::domain::policy::Policy;
use crate::storage::export::{export_all, import_all};
use crate::storage::{AdapterKind, Quarantined};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{move || tr(locale.get(), "Settings", "Inställningar")}</h2>
            <General state=state />
            <DirectorySettings state=state />
            <DataSettings state=state />
        </section>
    }
}

#[component]
fn General(state: AppState) -> impl IntoView {
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
        <h3>{move || tr(locale.get(), "General", "Allmänt")}</h3>
        <div class="field">
            <label for="s-language">{move || tr(locale.get(), "Language", "Språk")}</label>
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
            <label for="s-policy">{move || tr(locale.get(), "Policy", "Policy")}</label>
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
            <label for="s-today">{move || tr(locale.get(), "Simulated today", "Simulerat datum i dag")}</label>
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
                                tr(loc, "The app acts as if today were", "Appen gör som om i dag vore"),
                                tr(
                                    loc,
                                    "Deadlines and automatic transitions follow this date.",
                                    "Tidsgränser och automatiska övergångar följer detta datum.",
                                ),
                            )
                        }
                        None => {
                            format!(
                                "{} ({today}).",
                                tr(loc, "The real date is used", "Det verkliga datumet används"),
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
                {move || tr(locale.get(), "Use the real date", "Använd det verkliga datumet")}
            </button>
        </div>
    }
}

#[component]
fn DirectorySettings(state: AppState) -> impl IntoView {
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
        <h3>{move || tr(locale.get(), "Directory", "Katalog")}</h3>
        <fieldset>
            <legend>
                {move || tr(locale.get(), "Where domain and tenant facts come from", "Varifrån uppgifter om domän och klient kommer")}
            </legend>
            <label class="check">
                <input
                    type="radio"
                    name="s-directory"
                    prop:checked=move || !online()
                    on:change=move |_| set_source(false)
                />
                {move || {
                    tr(
                        locale.get(),
                        "Demo directory (built in: Contoso, Fabrikam; works offline)",
                        "Demokatalog (inbyggd: Contoso, Fabrikam; fungerar utan nät)",
                    )
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
                    tr(
                        locale.get(),
                        "Online lookup (public OpenID discovery document)",
                        "Uppslag på nätet (offentligt OpenID-discovery-dokument)",
                    )
                }}
            </label>
        </fieldset>
        <div class="field">
            <label for="s-authority">{move || tr(locale.get(), "Authority URL", "Auktoritets-URL")}</label>
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
                    tr(
                        locale.get(),
                        "The tenant of a domain is read from {authority}/{domain}/v2.0/.well-known/openid-configuration. When the lookup fails (offline, blocked), enter the tenant ID by hand: it is then checked for format only.",
                        "Domänens klient läses från {authority}/{domain}/v2.0/.well-known/openid-configuration. Om uppslaget misslyckas (utan nät, blockerat) anger du klient-ID för hand: då kontrolleras bara formatet.",
                    )
                }}
            </p>
        </div>
    }
}

#[component]
fn DataSettings(state: AppState) -> impl IntoView {
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
                            tr(loc, "Exported everything to", "Allt exporterades till")
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
                    let mut msg = match loc {
                        Locale::En => format!(
                            "Imported: {} new, {} updated, {} unchanged claims; {} documents; {} quarantined records.",
                            r.added, r.updated, r.unchanged, r.documents, r.quarantined
                        ),
                        Locale::Sv => format!(
                            "Importerat: {} nya, {} uppdaterade, {} oförändrade anspråk; {} dokument; {} poster i karantän.",
                            r.added, r.updated, r.unchanged, r.documents, r.quarantined
                        ),
                    };
                    if !r.kept.is_empty() {
                        msg.push(' ');
                        msg.push_str(tr(
                            loc,
                            "Kept this browser's newer copy of:",
                            "Behöll den här webbläsarens nyare version av:",
                        ));
                        msg.push(' ');
                        msg.push_str(&r.kept.join(", "));
                    }
                    report.set(Some(msg));
                    state.reload().await;
                }
                Err(e) => state.error(AppError::Storage(e)),
            }
            input.set_value("");
            busy.set(false);
        });
    };

    view! {
        <h3>{move || tr(locale.get(), "Your data", "Dina data")}</h3>
        <p>
            {move || {
                let loc = locale.get();
                let kind = state.store().map(|s| s.kind());
                let where_ = match kind {
                    Some(AdapterKind::IndexedDb) => "IndexedDB",
                    Some(AdapterKind::LocalStorage) => "localStorage",
                    Some(AdapterKind::Memory) => tr(loc, "memory only (not kept)", "bara i minnet (sparas inte)"),
                    None => "…",
                };
                format!(
                    "{} {where_}. {} {}.",
                    tr(loc, "Claims and documents are stored in this browser:", "Anspråk och dokument sparas i den här webbläsaren:"),
                    tr(loc, "Claims:", "Anspråk:"),
                    state.claims.with(Vec::len),
                )
            }}
        </p>
        <div class="actions">
            <button type="button" disabled=move || busy.get() on:click=export>
                {move || tr(locale.get(), "Export all data", "Exportera alla data")}
            </button>
        </div>
        <div class="field">
            <label for="s-import">{move || tr(locale.get(), "Import data from an export file", "Importera data från en exportfil")}</label>
            <input id="s-import" type="file" accept="application/json,.json" disabled=move || busy.get() on:change=import />
            <p class="help">
                {move || {
                    tr(
                        locale.get(),
                        "Claims that are newer in this browser are kept, never overwritten; unreadable entries go to quarantine.",
                        "Anspråk som är nyare i den här webbläsaren behålls och skrivs aldrig över; oläsbara poster hamnar i karantän.",
                    )
                }}
            </p>
        </div>
        {move || report.get().map(|r| view! { <p class="banner info" role="status">{r}</p> })}
        <Quarantine state=state />
    }
}

#[component]
fn Quarantine(state: AppState) -> impl IntoView {
    let locale = state.locale;
    let discard = move |key: String| {
        let Some(store) = state.store() else { return };
        let ok = window()
            .confirm_with_message(tr(
                locale.get_untracked(),
                "Remove this unreadable record for good? Download it first if you may need it.",
                "Ta bort den oläsbara posten för gott? Ladda ner den först om du kan behöva den.",
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
        <h3>{move || tr(locale.get(), "Quarantined records", "Poster i karantän")}</h3>
        <Show
            when=move || !state.quarantined.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <p class="help">
                        {move || tr(locale.get(), "None: every stored record could be read.", "Inga: alla sparade poster kunde läsas.")}
                    </p>
                }
            }
        >
            <p class="banner warning" role="status">
                {move || {
                    tr(
                        locale.get(),
                        "These stored records could not be read. They are kept here, not dropped: download them to repair or report them.",
                        "De här sparade posterna kunde inte läsas. De sparas här och tas inte bort: ladda ner dem för att reparera eller rapportera dem.",
                    )
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
                                        {tr(loc, "Download", "Ladda ner")}
                                    </button>
                                    <button type="button" class="secondary" on:click=move |_| discard(key.clone())>
                                        {tr(loc, "Remove", "Ta bort")}
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
