//! The claim page's team-sync conflict banner: a colleague changed the same
//! fields (a table of each field before, yours and theirs, with "keep mine /
//! keep theirs" per field), or deleted the claim while it was edited here
//! (or the other way round: keep it or delete it). The choice is checked
//! like an edit and stored as a normal save by a sync worker
//! ([`crate::app::state::AppState::resolve_sync_conflict`]); the banner only
//! renders the worker's plain [`ConflictView`] and sends the choices.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::app::components::claim::{dom_id, field_label, format_value};
use crate::app::state::use_app;
use crate::domain::claim::Status;
use crate::domain::finding::Locale;
use crate::i18n::msg;
use crate::sync::merge::{Choices, DELETED_PATH, STATUS_PATH, Side, WHOLE_PATH};
use crate::sync::view::{ConflictView, FieldView};

/// The banner of claim `claim_id`'s conflict, when it has one.
#[component]
pub fn SyncConflictBanner(#[prop(into)] claim_id: String) -> impl IntoView {
    let state = use_app();
    let conflict = Memo::new(move |_| state.sync_conflict(&claim_id));
    move || {
        conflict
            .get()
            .map(|c| view! { <ConflictBanner conflict=c /> })
    }
}

/// A value of a conflicting path in words.
fn show(f: &FieldView, value: &Value, locale: Locale) -> String {
    if f.path == STATUS_PATH
        && let Some(s) = Status::ALL.iter().find(|s| Some(s.id()) == value.as_str())
    {
        return s.label(locale).to_string();
    }
    if f.path.starts_with("documents[") {
        return match value.get("name").and_then(Value::as_str) {
            Some(name) => name.to_string(),
            None if value.is_null() => msg::sync_conflict_removed(locale).to_string(),
            None => value.to_string(),
        };
    }
    let sub = f.path.rsplit_once('.').map(|(_, s)| s);
    let text = match sub {
        Some(_) => match value {
            Value::Null => msg::claim_empty(locale).to_string(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        },
        None => format_value(&f.field, value, locale),
    };
    text.chars().take(300).collect()
}

fn label(f: &FieldView, locale: Locale) -> String {
    let base = match f.field.as_str() {
        STATUS_PATH => msg::status_diagram_claim_status(locale).to_string(),
        WHOLE_PATH => msg::sync_conflict_whole_claim(locale).to_string(),
        other => field_label(other, locale),
    };
    match f.path.rsplit_once('.') {
        Some((_, sub)) if !f.path.starts_with("documents[") || f.path.ends_with(']') => {
            format!("{base} · {sub}")
        }
        _ => base,
    }
}

#[component]
fn ConflictBanner(conflict: ConflictView) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let id = conflict.id.clone();
    let choices = RwSignal::new(BTreeMap::<String, Side>::new());
    let busy = RwSignal::new(false);
    let resolve = move |default: Side| {
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            let chosen = Choices {
                default,
                paths: choices.get_untracked(),
            };
            match state.resolve_sync_conflict(&id, chosen).await {
                Ok(()) => state.info(msg::sync_conflict_resolved(locale.get_untracked())),
                Err(e) => state.error(e),
            }
            busy.set(false);
        });
    };
    let body = match conflict.deleted {
        Some(deleted) => {
            let (title, keep_side, delete_side) = match deleted {
                Side::Theirs => (
                    msg::sync_conflict_deleted_by_colleague as fn(Locale) -> &'static str,
                    Side::Mine,
                    Side::Theirs,
                ),
                Side::Mine => (
                    msg::sync_conflict_deleted_here as fn(Locale) -> &'static str,
                    Side::Theirs,
                    Side::Mine,
                ),
            };
            let resolve2 = resolve.clone();
            view! {
                <h3 id="sync-conflict-title">{move || title(locale.get())}</h3>
                <p>{move || msg::sync_conflict_delete_choice(locale.get())}</p>
                <div class="actions">
                    <button type="button" disabled=move || busy.get() on:click=move |_| {
                        choices.update(|c| { c.insert(DELETED_PATH.into(), keep_side); });
                        resolve(keep_side);
                    }>
                        {move || msg::sync_conflict_keep_it(locale.get())}
                    </button>
                    <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| {
                        choices.update(|c| { c.insert(DELETED_PATH.into(), delete_side); });
                        resolve2(delete_side);
                    }>
                        {move || msg::sync_conflict_delete_it(locale.get())}
                    </button>
                </div>
            }
            .into_any()
        }
        None => {
            let rows = conflict
                .fields
                .iter()
                .map(|f| {
                    let path = f.path.clone();
                    let name = dom_id("sync-choice", &f.path);
                    let f2 = f.clone();
                    let locked = f.locked;
                    let radio = move |side: Side| {
                        let path = path.clone();
                        let path2 = path.clone();
                        let f = f2.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="radio"
                                    name=name.clone()
                                    prop:checked=move || choices.with(|c| c.get(&path).copied().unwrap_or(Side::Theirs) == side)
                                    on:change=move |_| choices.update(|c| { c.insert(path2.clone(), side); })
                                />
                                {move || match side {
                                    Side::Mine => msg::sync_conflict_keep_mine(locale.get()),
                                    Side::Theirs => msg::sync_conflict_keep_theirs(locale.get()),
                                }}
                                <span class="sr-only">{move || format!(" ({})", label(&f, locale.get()))}</span>
                            </label>
                        }
                    };
                    let f = f.clone();
                    let (f1, f2, f3, f4) = (f.clone(), f.clone(), f.clone(), f.clone());
                    view! {
                        <tr>
                            <th scope="row">
                                {move || label(&f1, locale.get())}
                                {locked.map(|s| view! {
                                    <span class="hint">" "{move || msg::sync_conflict_locked(locale.get(), s.label(locale.get()))}</span>
                                })}
                            </th>
                            <td>{move || show(&f2, &f2.base, locale.get())}</td>
                            <td>{move || show(&f3, &f3.mine, locale.get())}<br />{radio(Side::Mine)}</td>
                            <td>{move || show(&f4, &f4.theirs, locale.get())}<br />{radio(Side::Theirs)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3 id="sync-conflict-title">{move || msg::sync_conflict_title(locale.get())}</h3>
                <p>{move || msg::sync_conflict_intro(locale.get())}</p>
                <div class="table-scroll">
                    <table class="sync-conflict">
                        <thead>
                            <tr>
                                <th scope="col">{move || msg::sync_conflict_field(locale.get())}</th>
                                <th scope="col">{move || msg::sync_conflict_before(locale.get())}</th>
                                <th scope="col">{move || msg::sync_conflict_mine(locale.get())}</th>
                                <th scope="col">{move || msg::sync_conflict_theirs(locale.get())}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="button" disabled=move || busy.get() on:click=move |_| resolve(Side::Theirs)>
                        {move || msg::sync_conflict_save(locale.get())}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="card sync-conflict-card banner warning" aria-labelledby="sync-conflict-title">
            {body}
        </section>
    }
}
