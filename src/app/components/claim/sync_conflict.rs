//! The claim page's team-sync conflict banner: a colleague changed the same
//! fields (a table of each field before, yours and theirs, with "keep mine /
//! keep theirs" per field), or deleted the claim while it was edited here
//! (or the other way round: keep it or delete it). The choice is checked
//! like an edit and stored as a normal save by a sync worker
//! ([`crate::app::state::AppState::resolve_sync_conflict`]); the banner only
//! renders the worker's plain [`ConflictView`] and sends the choices.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::app::components::claim::{dom_id, field_label, format_value};
use crate::app::components::localized;
use crate::app::state::use_app;
use crate::domain::claim::Status;
use crate::domain::finding::Locale;
use crate::i18n::msg;
use crate::sync::merge::{DELETED_PATH, STATUS_PATH, Side, WHOLE_PATH};
use crate::sync::view::{ConflictView, FieldView};

type Msg = fn(Locale) -> &'static str;

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
    // The paths whose "mine" the user keeps (every other path keeps theirs).
    let mine = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let resolve = move |default: Side, paths: Vec<(String, Side)>| {
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match state.resolve_sync_conflict(&id, default, paths).await {
                Ok(()) => state.info(msg::sync_conflict_resolved(locale.get_untracked())),
                Err(e) => state.error(e),
            }
            busy.set(false);
        });
    };
    let text = move |m| localized(locale, m);
    let disabled = move || busy.get();
    let body = match conflict.deleted {
        Some(deleted) => {
            let (title, keep_side, delete_side): (Msg, _, _) = match deleted {
                Side::Theirs => (
                    msg::sync_conflict_deleted_by_colleague,
                    Side::Mine,
                    Side::Theirs,
                ),
                Side::Mine => (msg::sync_conflict_deleted_here, Side::Theirs, Side::Mine),
            };
            let button = move |side: Side, class: &'static str, label: Msg| {
                let resolve = resolve.clone();
                view! {
                    <button type="button" class=class disabled=disabled on:click=move |_| {
                        resolve(side, vec![(DELETED_PATH.to_string(), side)]);
                    }>
                        {text(label)}
                    </button>
                }
            };
            view! {
                <h3 id="sync-conflict-title">{text(title)}</h3>
                <p>{text(msg::sync_conflict_delete_choice)}</p>
                <div class="actions">
                    {button(keep_side, "", msg::sync_conflict_keep_it)}
                    {button(delete_side, "secondary", msg::sync_conflict_delete_it)}
                </div>
            }
            .into_any()
        }
        None => {
            // One closure type for every cell that shows a value, and one
            // for every field's name.
            let cell = move |f: &FieldView, value: &Value| {
                let (f, value) = (f.clone(), value.clone());
                move || show(&f, &value, locale.get())
            };
            let name_of = move |f: &FieldView| {
                let f = f.clone();
                move || label(&f, locale.get())
            };
            let rows = conflict
                .fields
                .iter()
                .map(|f| {
                    let name = dom_id("sync-choice", &f.path);
                    let radio = |side: Side| {
                        let (path, path2) = (f.path.clone(), f.path.clone());
                        let keeps_mine = side == Side::Mine;
                        let keep: Msg = match side {
                            Side::Mine => msg::sync_conflict_keep_mine,
                            Side::Theirs => msg::sync_conflict_keep_theirs,
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="radio"
                                    name=name.clone()
                                    prop:checked=move || mine.with(|m| m.contains(&path)) == keeps_mine
                                    on:change=move |_| mine.update(|m| {
                                        m.retain(|p| *p != path2);
                                        if keeps_mine {
                                            m.push(path2.clone());
                                        }
                                    })
                                />
                                {text(keep)}
                                <span class="sr-only">" ("{name_of(f)}")"</span>
                            </label>
                        }
                    };
                    view! {
                        <tr>
                            <th scope="row">
                                {name_of(f)}
                                {f.locked.map(|s| view! {
                                    <span class="hint">" "{move || msg::sync_conflict_locked(locale.get(), s.label(locale.get()))}</span>
                                })}
                            </th>
                            <td>{cell(f, &f.base)}</td>
                            <td>{cell(f, &f.mine)}<br />{radio(Side::Mine)}</td>
                            <td>{cell(f, &f.theirs)}<br />{radio(Side::Theirs)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3 id="sync-conflict-title">{text(msg::sync_conflict_title)}</h3>
                <p>{text(msg::sync_conflict_intro)}</p>
                <div class="table-scroll">
                    <table class="sync-conflict">
                        <thead>
                            <tr>
                                <th scope="col">{text(msg::sync_conflict_field)}</th>
                                <th scope="col">{text(msg::sync_conflict_before)}</th>
                                <th scope="col">{text(msg::sync_conflict_mine)}</th>
                                <th scope="col">{text(msg::sync_conflict_theirs)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="button" disabled=disabled on:click=move |_| {
                        let paths = mine.get_untracked().into_iter().map(|p| (p, Side::Mine)).collect();
                        resolve(Side::Theirs, paths)
                    }>
                        {text(msg::sync_conflict_save)}
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
