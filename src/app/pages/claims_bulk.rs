//! Bulk tools of the claims dashboard: export the filtered claims
//! to CSV (one row per claim and product, the columns of
//! `domain::bulk::CSV_COLUMNS`), export their open deadlines as iCalendar,
//! and import claims from CSV: every row is validated with the domain
//! validators, the report lists row, column, code and message, and only the
//! claims the user confirms are created (a claim with an error on any of its
//! rows cannot be chosen, so nothing is half-imported). A file is read a
//! slice at a time with progress and Cancel, at most 20 MB and 20,000 rows;
//! the chosen claims are stored as one unit. An export of deadlines with
//! none open says so instead of downloading an empty calendar.

use crate::i18n::msg;
use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use std::future::Future;
use std::pin::Pin;

use crate::app::components::claim::format_size;
use crate::app::files::{download_bytes, next_tick, picked_file, read_text};
use crate::app::lazy::{split_call, split_fn};
use crate::app::state::{AppState, use_app};
use crate::domain::bulk::{
    CsvImport, CsvParser, ImportContext, claims_to_csv_in, deadlines_calendar,
};
use crate::domain::claim::Claim;
use crate::domain::competing::held_associations;
use crate::domain::finding::Locale;
use crate::domain::intake::MAX_CSV_FILE_BYTES;
use crate::domain::partners::partner;
use crate::storage::import::ImportBatch;

/// Findings and claims listed in the import report (the rest are counted).
const SHOWN: usize = 200;

/// `f` of the claims of the dashboard's current selection, as stored and
/// in the dashboard's order: borrowed, not copied (the CSV and the calendar
/// apply the time-driven transitions themselves, copying only a claim a
/// timer moves).
fn with_selected_claims<T>(ids: &[String], f: impl FnOnce(&[&Claim]) -> T) -> T {
    let state = use_app();
    let order: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    state.claims.with_untracked(|cs| {
        let mut slots: Vec<Option<&Claim>> = vec![None; ids.len()];
        for c in cs {
            if let Some(&i) = order.get(c.id.as_str()) {
                slots[i] = Some(c);
            }
        }
        let claims: Vec<&Claim> = slots.into_iter().flatten().collect();
        f(&claims)
    })
}

/// Export and import buttons; `ids` gives the ids the dashboard shows (in
/// its order) when an export is asked for.
#[component]
pub fn BulkTools(ids: Callback<(), Vec<String>>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let message = RwSignal::new(None::<(bool, String)>);
    let import = RwSignal::new(None::<CsvImport>);
    let chosen = RwSignal::new(HashSet::<usize>::new());
    let busy = RwSignal::new(false);
    // Reading a file: its progress in percent; and whether Cancel was pressed.
    let reading = RwSignal::new(None::<usize>);
    let cancelled = RwSignal::new(false);

    // The exports' and the import's work is a chunk of its own in the split
    // build (`bulk_tools`, below): fetched when first used (and preloaded
    // after the first page); when it cannot be, the partner is told and the
    // next click fetches it again.
    let owner = Owner::current().unwrap_or_default();
    let not_loaded = move || {
        (
            true,
            msg::shell_page_did_not_load_detail(locale.get_untracked()).to_string(),
        )
    };
    let export = {
        let owner = owner.clone();
        move |calendar: bool| {
            let (owner, ids) = (owner.clone(), ids.run(()));
            spawn_local(async move {
                let shown = split_call!(export_claims(owner, ids, calendar)).await;
                message.set(Some(shown.unwrap_or_else(|_| not_loaded())));
            });
        }
    };
    let export_csv = {
        let export = export.clone();
        move |_| export(false)
    };
    let export_ics = move |_| export(true);
    let on_file = move |ev: web_sys::Event| {
        let Some((input, file)) = picked_file(&ev) else {
            return;
        };
        input.set_value("");
        let Some(profile) = state.profile.get_untracked() else {
            return;
        };
        message.set(None);
        import.set(None);
        let loc = locale.get_untracked();
        let size = file.size() as u64;
        if size > MAX_CSV_FILE_BYTES {
            message.set(Some((
                true,
                msg::bulk_csv_too_large(loc, format_size(size, loc)),
            )));
            return;
        }
        busy.set(true);
        cancelled.set(false);
        reading.set(Some(0));
        let owner = owner.clone();
        spawn_local(async move {
            let read = match read_text(&file).await {
                Ok(text) => split_call!(import_csv(owner, profile, text, reading, cancelled))
                    .await
                    .map_err(|_| not_loaded()),
                Err(e) => Err((true, e)),
            };
            match read {
                Ok(reading) => match reading.await {
                    Some(result) => {
                        chosen.set(
                            result
                                .claims
                                .iter()
                                .enumerate()
                                .filter(|(_, c)| c.importable)
                                .map(|(i, _)| i)
                                .collect(),
                        );
                        import.set(Some(result));
                    }
                    None => message.set(Some((false, msg::bulk_csv_cancelled(loc).to_string()))),
                },
                Err(shown) => message.set(Some(shown)),
            }
            reading.set(None);
            busy.set(false);
        });
    };
    let confirm = move |_| {
        let Some(result) = import.get_untracked() else {
            return;
        };
        let Some(store) = state.store() else { return };
        let picked = chosen.get_untracked();
        busy.set(true);
        spawn_local(async move {
            // The chosen drafts, stored as one unit (all or none), each at
            // revision 1 as a first save stores it.
            let claims: Vec<Claim> = result
                .claims
                .into_iter()
                .enumerate()
                .filter(|(i, c)| c.importable && picked.contains(i))
                .map(|(_, c)| Claim {
                    revision: 1,
                    ..c.claim
                })
                .collect();
            let batch = ImportBatch {
                claims,
                ..ImportBatch::default()
            };
            let loc = locale.get_untracked();
            let outcome = store.commit_import(batch).await;
            import.set(None);
            busy.set(false);
            state.reload().await;
            message.set(Some(match outcome {
                Ok(done) if done.kept.is_empty() && done.kept_documents.is_empty() => {
                    (false, msg::bulk_imported_drafts(loc, done.added))
                }
                Ok(done) => {
                    let kept: Vec<String> =
                        done.kept.into_iter().chain(done.kept_documents).collect();
                    (
                        true,
                        msg::bulk_imported_some_failed(
                            loc,
                            done.added,
                            kept.len(),
                            format!(
                                "{} {}",
                                msg::settings_kept_this_browser_s_newer_copy(loc),
                                kept.join(", ")
                            ),
                        ),
                    )
                }
                Err(e) => (true, crate::app::state::storage_message(&e, loc)),
            }));
        });
    };

    view! {
        <div class="bulk-tools">
            <button type="button" on:click=export_csv>
                {move || msg::claims_bulk_export_csv(locale.get())}
            </button>
            <button type="button" on:click=export_ics>
                {move || msg::claims_bulk_export_deadlines_ics(locale.get())}
            </button>
            <div class="field file-field">
                <label for="claims-import-csv">{move || msg::claims_bulk_import_claims_from_csv(locale.get())}</label>
                <input id="claims-import-csv" type="file" accept=".csv,text/csv" aria-describedby="claims-csv-limits" disabled=move || busy.get() on:change=on_file />
            </div>
        </div>
        <p class="hint">
            {move || msg::claims_bulk_exports_cover_the_claims_the_list(locale.get())}
        </p>
        <p class="hint" id="claims-csv-limits">
            {move || msg::bulk_csv_limits(locale.get())}
        </p>
        {move || reading.get().map(|percent| {
            let loc = locale.get();
            view! {
                <div class="import-progress">
                    <progress max="100" value=percent.to_string() aria-label=msg::claims_bulk_import_claims_from_csv(loc)></progress>
                    <p role="status">{msg::bulk_csv_reading(loc, percent)}</p>
                    <button type="button" class="secondary" on:click=move |_| cancelled.set(true)>
                        {msg::cancel(loc)}
                    </button>
                </div>
            }
        })}
        {move || message.get().map(|(error, text)| {
            let class = if error { "action-message error" } else { "action-message" };
            view! { <p class=class role=if error { "alert" } else { "status" }>{text}</p> }
        })}
        {move || import.get().map(|result| view! { <ImportReport result=result chosen=chosen busy=busy on_confirm=confirm on_cancel=move || import.set(None) /> })}
    }
}

split_fn! {
    /// Exports the dashboard's claims `ids` (in its order) as CSV, or their
    /// open deadlines as iCalendar (`calendar`), and downloads the file:
    /// the message to show (error?, text).
    fn export_claims(owner: Owner, ids: Vec<String>, calendar: bool) in bulk_tools, preload preload_bulk_tools -> (bool, String) => owner.with(|| export(&ids, calendar))
}

/// [`export_claims`]' work, in the app's context.
fn export(ids: &[String], calendar: bool) -> (bool, String) {
    let state = use_app();
    let loc = state.locale.get_untracked();
    let (now, policy) = (state.now_untracked(), state.policy_untracked());
    if !calendar {
        let (csv, n) = with_selected_claims(ids, |claims| {
            (claims_to_csv_in(claims, now, policy, loc), claims.len())
        });
        let result = download_bytes("cpor-claims.csv", "text/csv;charset=utf-8", csv.as_bytes());
        return match result {
            Ok(()) => (false, msg::bulk_exported_csv(loc, n)),
            Err(e) => (true, e),
        };
    }
    let (calendar, n) = with_selected_claims(ids, |claims| {
        (deadlines_calendar(claims, now, policy, loc), claims.len())
    });
    if calendar.events == 0 {
        return (false, msg::bulk_no_open_deadlines(loc, n));
    }
    let result = download_bytes(
        "cpor-deadlines.ics",
        "text/calendar;charset=utf-8",
        calendar.text.as_bytes(),
    );
    match result {
        Ok(()) => (false, msg::bulk_exported_ics(loc, calendar.events)),
        Err(e) => (true, e),
    }
}

/// A CSV file being read ([`read_csv`]).
type CsvReading = Pin<Box<dyn Future<Output = Option<CsvImport>>>>;

split_fn! {
    /// Reads and checks a CSV file's `text` for an import ([`read_csv`]).
    fn import_csv(owner: Owner, profile: crate::app::state::Profile, text: String, progress: RwSignal<Option<usize>>, cancelled: RwSignal<bool>) in bulk_tools -> CsvReading => {
        let state = owner.with(use_app);
        Box::pin(async move { read_csv(state, &profile, &text, progress, cancelled).await })
    }
}

/// After the first page is shown: fetches the bulk tools' chunk (the claims
/// list shows their buttons). Nothing to do without the split build.
pub async fn preload() {
    #[cfg(wasm_split)]
    let _ = preload_bulk_tools().await;
}

/// Rows (or claims) checked between two breaths of the page.
const CSV_STEP: usize = 250;

/// Reads CSV text a slice at a time ([`CsvParser`]), with the profile's
/// organisation, the settings' directory, the profile's locations and the
/// held associations; `None` when the user cancelled.
async fn read_csv(
    state: AppState,
    profile: &crate::app::state::Profile,
    text: &str,
    progress: RwSignal<Option<usize>>,
    cancelled: RwSignal<bool>,
) -> Option<CsvImport> {
    let org = profile.org_ref();
    let all = state.claims.get_untracked();
    let held = held_associations(&all);
    let ids: Vec<String> = all.iter().map(|c| c.id.clone()).collect();
    let locations = partner(&profile.org_id).map(|p| p.locations.as_slice());
    let policy = state.policy_untracked();
    let now = state.now_untracked();
    let mut parser = CsvParser::new(text);
    loop {
        if cancelled.get_untracked() {
            return None;
        }
        let done = state.with_directory(|dir| {
            let mut ctx = ImportContext::new(profile.actor(), org.clone(), now, policy)
                .with_existing_ids(ids.iter().cloned())
                .with_directory(dir)
                .with_held(&held);
            if let Some(l) = locations {
                ctx = ctx.with_locations(l);
            }
            parser.step(&ctx, &mut AppState::new_id, CSV_STEP)
        });
        progress.set(Some((parser.progress() * 100.0) as usize));
        if done {
            return Some(parser.finish());
        }
        next_tick().await;
    }
}

/// The per-row report of a CSV import and the confirmation.
#[component]
fn ImportReport(
    result: CsvImport,
    chosen: RwSignal<HashSet<usize>>,
    busy: RwSignal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let locale = use_app().locale;
    let importable = result.claims.iter().filter(|c| c.importable).count();
    let blocked = result.claims.len() - importable;
    let rows = result.rows;
    let mut findings: Vec<_> = result
        .findings
        .iter()
        .cloned()
        .chain(
            result
                .claims
                .iter()
                .flat_map(|c| c.findings.iter().cloned()),
        )
        .collect();
    // A claim's findings are also in the file's list: once each.
    findings.sort_by_key(|f| (f.row, f.field().to_string(), f.code().as_str()));
    findings.dedup();
    let has_findings = !findings.is_empty();
    // Long files: the first SHOWN findings (errors first) and claims are
    // listed, the rest counted; the choice still covers every claim.
    findings.sort_by_key(|f| (!f.is_error(), f.row));
    let hidden_findings = findings.len().saturating_sub(SHOWN);
    findings.truncate(SHOWN);
    findings.sort_by_key(|f| f.row);
    let candidates = result
        .claims
        .iter()
        .enumerate()
        .take(SHOWN)
        .map(|(i, c)| {
            (
                i,
                c.claim.name.clone(),
                c.claim.customer_name.clone(),
                c.rows.clone(),
                c.importable,
            )
        })
        .collect::<Vec<_>>();
    let hidden_claims = result.claims.len().saturating_sub(SHOWN);
    let more = move |n: usize, what: fn(Locale, usize) -> String| {
        (n > 0).then(|| {
            view! {
                <p class="note">
                    {move || what(locale.get(), n)}
                </p>
            }
        })
    };
    view! {
        <section class="import-report" aria-labelledby="import-report-title">
            <h3 id="import-report-title">{move || msg::claims_bulk_csv_import_check_before_importing(locale.get())}</h3>
            <p role="status">
                {move || msg::bulk_rows_read(locale.get(), rows, importable, blocked)}
            </p>
            {has_findings.then(|| view! {
                <table class="import-findings stack">
                    <caption>{move || msg::claims_bulk_findings_per_row(locale.get())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || msg::claims_bulk_row(locale.get())}</th>
                            <th scope="col">{move || msg::claims_bulk_column(locale.get())}</th>
                            <th scope="col">{move || msg::claims_bulk_code(locale.get())}</th>
                            <th scope="col">{move || msg::claims_bulk_message(locale.get())}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {findings.into_iter().map(|f| {
                            let error = f.is_error();
                            let severity = if error { "finding error" } else { "finding warning" };
                            let code = f.code();
                            view! {
                                <tr class=severity data-code=code.as_str()>
                                    <td data-label=move || msg::claims_bulk_row(locale.get())>{f.row}</td>
                                    <td data-label=move || msg::claims_bulk_column(locale.get())>{f.field().to_string()}</td>
                                    <td data-label=move || msg::claims_bulk_code(locale.get())><code>{code.as_str()}</code></td>
                                    <td>
                                        {move || if error { msg::claims_bulk_error(locale.get()) } else { msg::claims_bulk_warning(locale.get()) }}
                                        {move || f.message(locale.get())}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {more(hidden_findings, msg::bulk_more_findings)}
            <fieldset class="import-candidates">
                <legend>{move || msg::claims_bulk_claims_in_the_file(locale.get())}</legend>
                {candidates.into_iter().map(|(i, name, customer, rows, importable)| {
                    let id = format!("import-candidate-{i}");
                    let rows_count = rows.len();
                    let rows_text = rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
                    view! {
                        <div class="check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                disabled=!importable
                                prop:checked=move || chosen.with(|c| c.contains(&i))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { if on { c.insert(i); } else { c.remove(&i); } });
                                }
                            />
                            <label for=id>
                                {format!("{name} — {customer}")}
                                <span class="muted">
                                    {move || msg::bulk_rows(locale.get(), rows_count, rows_text.clone())}
                                    {move || (!importable).then(|| msg::claims_bulk_has_errors(locale.get()))}
                                </span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                {more(hidden_claims, msg::bulk_more_claims)}
            </fieldset>
            <div class="actions">
                <button type="button" disabled=move || { busy.get() || chosen.with(|c| c.is_empty()) } on:click=move |_| on_confirm.run(())>
                    {move || msg::bulk_import_selected(locale.get(), chosen.with(|c| c.len()))}
                </button>
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                    {move || msg::cancel(locale.get())}
                </button>
            </div>
        </section>
    }
}
