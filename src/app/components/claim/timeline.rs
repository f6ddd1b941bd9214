//! The claim timeline of docs/rules.md#timers: every open deadline with its due date and
//! "N business days left" / "overdue by N" (overdue marked in words and
//! colour), and the status changes so far (date, actor, what happened,
//! from → to). Every other entry (edits, documents, comments) is in the
//! history below it, not repeated here.

use crate::i18n::msg;
use leptos::prelude::*;

use super::{actor_text, describe_action};
use crate::app::state::use_app;
use crate::domain::claim::Claim;
use crate::domain::timeline::timeline;
use crate::i18n::format_date;

/// Past events and open deadlines of `claim` at the app's "now".
#[component]
pub fn ClaimTimeline(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let data = Memo::new(move |_| claim.with(|c| timeline(c, state.now(), state.policy())));
    view! {
        <div class="timeline">
            <h3>{move || msg::timeline_open_deadlines(locale.get())}</h3>
            {move || {
                let loc = locale.get();
                let deadlines = data.with(|t| t.deadlines.clone());
                if deadlines.is_empty() {
                    return view! {
                        <p class="empty">{msg::timeline_no_open_deadline(loc)}</p>
                    }
                        .into_any();
                }
                view! {
                    <ul class="deadlines">
                        {deadlines
                            .into_iter()
                            .map(|d| {
                                let overdue = d.is_overdue();
                                view! {
                                    <li class=if overdue { "deadline overdue" } else { "deadline" }>
                                        <strong>{d.kind.label(loc)}</strong>
                                        ": "
                                        <time datetime=d.due.to_string()>{format_date(d.due, loc)}</time>
                                        " — "
                                        <span class="deadline-left">{d.describe(loc)}</span>
                                        {overdue
                                            .then(|| {
                                                view! { <span class="tag overdue">{msg::timeline_overdue(loc)}</span> }
                                            })}
                                        <span class="hint">" "{d.kind.consequence(loc)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <h3>{move || msg::timeline_status_changes(locale.get())}</h3>
            <p class="hint">{move || msg::timeline_every_change_is_in_history(locale.get())}</p>
            <ol class="events">
                {move || {
                    let loc = locale.get();
                    data.with(|t| t.events.clone())
                        .into_iter()
                        .filter(|e| e.changes_status())
                        .map(|e| {
                            let change = match (e.from, e.to) {
                                (Some(f), Some(t)) if f != t => {
                                    Some(format!("{} → {}", f.label(loc), t.label(loc)))
                                }
                                (None, Some(t)) => Some(t.label(loc).to_string()),
                                _ => None,
                            };
                            view! {
                                <li class="event">
                                    <time datetime=e.date.to_string()>{format_date(e.date, loc)}</time>
                                    " · "
                                    <span class="actor">{actor_text(&e.actor, loc)}</span>
                                    " · "
                                    <span>{describe_action(&e.action, loc)}</span>
                                    {change.map(|c| view! { <span class="transition">" ("{c}")"</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </div>
    }
}
