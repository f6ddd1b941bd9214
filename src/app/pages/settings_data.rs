//! Settings → Your data: export everything, import an export file (read a
//! slice at a time and written in batches, with progress and Cancel, whole
//! or not at all: see [`crate::storage::import::BatchedImport`]), and
//! "Clear all data".

use crate::i18n::msg;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::files::{download_bytes, next_tick, picked_file, read_slice};
use crate::app::state::{AppError, AppState, Settings, keys, use_app};
use crate::domain::finding::Locale;
use crate::domain::intake::MAX_JSON_FILE_BYTES;
use crate::storage::export::{ImportReport, export_all};
use crate::storage::import::BatchedImport;
use crate::storage::prefs;

/// Bytes read per slice of an import file (256 KiB): checking one slice
/// takes a few tens of milliseconds, so the page stays responsive (figures
/// in docs/performance.md; 1 MiB slices took about 100 ms each).
pub const IMPORT_CHUNK: u64 = 256 * 1024;

/// Exports everything to a download; the message to show.
pub async fn export_everything(state: AppState) -> Result<String, AppError> {
    let store = state
        .store()
        .ok_or_else(|| AppError::File("storage is still opening".into()))?;
    let loc = state.locale.get_untracked();
    let extras = serde_json::json!({
        "settings": state.settings.get_untracked(),
        "profile": state.profile.get_untracked(),
        "locale": loc,
    });
    let now = state.now_untracked().to_utc();
    let text = export_all(&*store, now, extras).await?;
    let name = format!(
        "cpor-desk-export-{}.json",
        crate::domain::rfc3339::ymd_text(now.date_naive())
    );
    download_bytes(&name, "application/json", text.as_bytes()).map_err(AppError::File)?;
    Ok(format!(
        "{} {name}",
        msg::settings_exported_everything_to(loc)
    ))
}

/// Where an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Reading { done: u64, size: u64, saved: usize },
    Saving,
}

/// The words of an import's report.
pub fn report_text(r: &ImportReport, loc: Locale) -> String {
    let mut text = msg::settings_imported(
        loc,
        r.added,
        r.updated,
        r.unchanged,
        r.documents,
        r.quarantined,
    );
    let mut list = |label: &str, items: Vec<String>| {
        if !items.is_empty() {
            text.push(' ');
            text.push_str(label);
            text.push(' ');
            text.push_str(&items.join(", "));
            text.push('.');
        }
    };
    list(
        msg::settings_kept_this_browser_s_newer_copy(loc),
        r.kept.clone(),
    );
    list(
        msg::settings_import_kept_documents(loc),
        r.kept_documents.clone(),
    );
    list(
        msg::settings_import_document_conflicts(loc),
        r.document_conflicts.clone(),
    );
    list(
        msg::settings_import_documents_refused(loc),
        r.documents_refused
            .iter()
            .map(|(id, code)| format!("{id} ({code})"))
            .collect(),
    );
    list(
        msg::settings_import_refused(loc),
        r.refused.iter().map(|(key, _)| key.clone()).collect(),
    );
    text
}

/// Reads `file` a slice at a time and imports it; `Ok(None)` when the user
/// cancelled (nothing written).
async fn run_import(
    state: AppState,
    file: &web_sys::File,
    phase: RwSignal<Phase>,
    cancelled: RwSignal<bool>,
) -> Result<Option<ImportReport>, String> {
    let loc = state.locale.get_untracked();
    let store = state
        .store()
        .ok_or_else(|| "storage is still opening".to_string())?;
    let size = file.size() as u64;
    if size > MAX_JSON_FILE_BYTES {
        return Err(msg::settings_import_too_large(
            loc,
            crate::app::components::claim::format_size(size, loc),
        ));
    }
    let policy = state.policy_untracked();
    let storage_text = |e| crate::app::state::storage_message(&e, loc);
    let mut import = BatchedImport::new(&*store, size, policy).map_err(storage_text)?;
    let mut start = 0;
    while start < size {
        if cancelled.get_untracked() {
            import.cancel().await.map_err(storage_text)?;
            return Ok(None);
        }
        let end = (start + IMPORT_CHUNK).min(size);
        let bytes = match read_slice(file, start, end).await {
            Ok(bytes) => bytes,
            Err(e) => {
                import.cancel().await.map_err(storage_text)?;
                return Err(e);
            }
        };
        import.feed(&bytes).await.map_err(storage_text)?;
        start = end;
        phase.set(Phase::Reading {
            done: start,
            size,
            saved: import.claims_saved(),
        });
        next_tick().await;
    }
    if cancelled.get_untracked() {
        import.cancel().await.map_err(storage_text)?;
        return Ok(None);
    }
    phase.set(Phase::Saving);
    let report = import.finish().await.map_err(storage_text)?;
    Ok(Some(report))
}

/// "Import data from an export file", with its limits, progress and Cancel.
#[component]
pub fn ImportData(report: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let phase = RwSignal::new(Phase::Idle);
    let cancelled = RwSignal::new(false);
    let running = move || phase.get() != Phase::Idle;

    let import = move |ev: leptos::ev::Event| {
        let Some((input, file)) = picked_file(&ev) else {
            return;
        };
        input.set_value("");
        report.set(None);
        cancelled.set(false);
        phase.set(Phase::Reading {
            done: 0,
            size: file.size() as u64,
            saved: 0,
        });
        spawn_local(async move {
            let loc = locale.get_untracked();
            match run_import(state, &file, phase, cancelled).await {
                Ok(Some(r)) => {
                    report.set(Some(report_text(&r, loc)));
                    state.reload().await;
                }
                Ok(None) => report.set(Some(msg::settings_import_cancelled(loc).to_string())),
                Err(e) => state.error(AppError::File(e)),
            }
            phase.set(Phase::Idle);
        });
    };

    view! {
        <div class="field">
            <label for="s-import">{move || msg::settings_import_data_from_an_export_file(locale.get())}</label>
            <input id="s-import" type="file" accept="application/json,.json" aria-describedby="s-import-help" disabled=running on:change=import />
            <p class="help" id="s-import-help">
                {move || msg::settings_claims_that_are_newer_in_this(locale.get())}
                " "
                {move || msg::settings_import_limits(locale.get())}
            </p>
        </div>
        {move || {
            let loc = locale.get();
            match phase.get() {
                Phase::Idle => None,
                p => {
                    let (value, text) = match p {
                        Phase::Reading { done, size, saved } => {
                            let mb = |bytes: u64| crate::app::components::claim::format_size(bytes, loc);
                            let percent = (done * 100 / size.max(1)) as usize;
                            (percent.to_string(), msg::settings_import_reading(loc, mb(done), mb(size), saved))
                        }
                        _ => ("100".to_string(), msg::settings_import_saving(loc).to_string()),
                    };
                    Some(view! {
                        <div class="import-progress">
                            <progress max="100" value=value aria-label=msg::settings_import_progress(loc)></progress>
                            <p role="status">{text}</p>
                            <button
                                type="button"
                                class="secondary"
                                disabled=p == Phase::Saving
                                on:click=move |_| cancelled.set(true)
                            >
                                {msg::settings_import_cancel(loc)}
                            </button>
                        </div>
                    })
                }
            }
        }}
    }
}

/// "Clear all data": every claim, document and quarantined record, and the
/// profile, settings and wizard draft, after a confirmation that offers
/// `export` first (`busy` while an export or the clearing runs).
#[component]
pub fn ClearAllData(
    report: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    #[prop(into)] export: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let asking = RwSignal::new(false);
    let clear = move |_| {
        let Some(store) = state.store() else { return };
        busy.set(true);
        spawn_local(async move {
            match store.clear_all().await {
                Ok(()) => {
                    for key in [
                        keys::PROFILE,
                        keys::SETTINGS,
                        keys::WIZARD_DRAFT,
                        keys::LOCALE,
                    ] {
                        prefs::remove(key);
                    }
                    state.profile.set(None);
                    state.settings.set(Settings::default());
                    state.reload().await;
                    asking.set(false);
                    report.set(None);
                    state.info(msg::settings_cleared(locale.get_untracked()));
                }
                Err(e) => state.error(AppError::Storage(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h3>{move || msg::settings_clear_all_data(locale.get())}</h3>
        <p class="help">{move || msg::settings_clear_all_explain(locale.get())}</p>
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="danger" on:click=move |_| asking.set(true)>
                    {move || msg::settings_clear_all_data(locale.get())}
                </button>
            }
        >
            <div class="confirm-panel" role="group" aria-labelledby="s-clear-confirm">
                <p id="s-clear-confirm" class="banner warning">
                    {move || msg::settings_clear_all_confirm(locale.get())}
                </p>
                <div class="actions">
                    <button type="button" disabled=move || busy.get() on:click=move |_| export.run(())>
                        {move || msg::settings_clear_all_export_first(locale.get())}
                    </button>
                    <button type="button" class="danger" disabled=move || busy.get() on:click=clear>
                        {move || msg::settings_clear_all_yes(locale.get())}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                        {move || msg::cancel(locale.get())}
                    </button>
                </div>
            </div>
        </Show>
    }
}
