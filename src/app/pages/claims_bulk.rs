//! Bulk tools of the claims dashboard (issue 5): export the filtered claims
//! to CSV (one row per claim and product, the columns of
//! `domain::bulk::CSV_COLUMNS`), export their open deadlines as iCalendar,
//! and import claims from CSV: every row is validated with the domain
//! validators, the report lists row, column, code and message, and only the
//! claims the user confirms are created (a claim with an error on any of its
//! rows cannot be chosen, so nothing is half-imported).

use crate::i18n::msg;
use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::files::{download_bytes, read_text};
use crate::app::state::{AppState, use_app};
use crate::domain::bulk::{
    CsvImport, ImportContext, claims_to_csv, deadlines_to_ics, parse_claims_csv,
};
use crate::domain::claim::Claim;
use crate::domain::competing::held_associations;
use crate::domain::finding::Locale;
use crate::domain::partners::partner;

/// Findings and claims listed in the import report (the rest are counted).
const SHOWN: usize = 200;

/// The claims of the dashboard's current selection, as they stand now.
fn selected_claims(ids: &[String]) -> Vec<Claim> {
    let state = use_app();
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut by_id: Vec<Claim> = state
        .claims_now()
        .into_iter()
        .filter(|c| wanted.contains(c.id.as_str()))
        .collect();
    // The dashboard's order.
    let order: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    by_id.sort_by_key(|c| order.get(c.id.as_str()).copied().unwrap_or(usize::MAX));
    by_id
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

    let export_csv = move |_| {
        let claims = selected_claims(&ids.run(()));
        let csv = claims_to_csv(&claims, state.now_untracked(), state.policy_untracked());
        let result = download_bytes("cpor-claims.csv", "text/csv;charset=utf-8", csv.as_bytes());
        message.set(Some(match result {
            Ok(()) => (
                false,
                msg::bulk_exported_csv(locale.get_untracked(), claims.len()),
            ),
            Err(e) => (true, e),
        }));
    };
    let export_ics = move |_| {
        let claims = selected_claims(&ids.run(()));
        let ics = deadlines_to_ics(
            &claims,
            state.now_untracked(),
            state.policy_untracked(),
            locale.get_untracked(),
        );
        let events = ics.matches("BEGIN:VEVENT").count();
        let result = download_bytes(
            "cpor-deadlines.ics",
            "text/calendar;charset=utf-8",
            ics.as_bytes(),
        );
        message.set(Some(match result {
            Ok(()) => (
                false,
                msg::bulk_exported_ics(locale.get_untracked(), events),
            ),
            Err(e) => (true, e),
        }));
    };
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let Some(profile) = state.profile.get_untracked() else {
            return;
        };
        message.set(None);
        busy.set(true);
        spawn_local(async move {
            match read_text(&file).await {
                Ok(text) => {
                    let org = profile.org_ref();
                    let all = state.claims.get_untracked();
                    let held = held_associations(&all);
                    let locations = partner(&profile.org_id).map(|p| p.locations.as_slice());
                    let policy = state.policy_untracked();
                    let result = state.with_directory(|dir| {
                        let mut ctx =
                            ImportContext::new(profile.actor(), org, state.now_untracked(), policy)
                                .with_existing_ids(all.iter().map(|c| c.id.clone()))
                                .with_directory(dir)
                                .with_held(&held);
                        if let Some(l) = locations {
                            ctx = ctx.with_locations(l);
                        }
                        parse_claims_csv(&text, &ctx, &mut AppState::new_id)
                    });
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
                Err(e) => message.set(Some((true, e))),
            }
            busy.set(false);
        });
    };
    let confirm = move |_| {
        let Some(result) = import.get_untracked() else {
            return;
        };
        let picked = chosen.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let mut created = 0;
            let mut failed = Vec::new();
            for (i, c) in result.claims.into_iter().enumerate() {
                if !c.importable || !picked.contains(&i) {
                    continue;
                }
                match state.create(c.claim).await {
                    Ok(_) => created += 1,
                    Err(e) => failed.push(e.message(locale.get_untracked())),
                }
            }
            import.set(None);
            busy.set(false);
            let loc = locale.get_untracked();
            message.set(Some(if failed.is_empty() {
                (false, msg::bulk_imported_drafts(loc, created))
            } else {
                (
                    true,
                    msg::bulk_imported_some_failed(loc, created, failed.len(), failed.join("; ")),
                )
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
                <input id="claims-import-csv" type="file" accept=".csv,text/csv" disabled=move || busy.get() on:change=on_file />
            </div>
        </div>
        <p class="hint">
            {move || msg::claims_bulk_exports_cover_the_claims_the_list(locale.get())}
        </p>
        {move || message.get().map(|(error, text)| {
            let class = if error { "action-message error" } else { "action-message" };
            view! { <p class=class role=if error { "alert" } else { "status" }>{text}</p> }
        })}
        {move || import.get().map(|result| view! { <ImportReport result=result chosen=chosen busy=busy on_confirm=confirm on_cancel=move || import.set(None) /> })}
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
