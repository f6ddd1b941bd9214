//! The append-only history (docs/rules.md#claim): every entry with who, when and what,
//! and for edits the value before and after of each changed field.

use crate::i18n::msg;
use leptos::prelude::*;

use super::{
    actor_text, describe_action, dispute_documents_text, field_label, format_datetime, format_value,
};
use crate::app::state::use_app;
use crate::domain::claim::Claim;

/// Every history entry of `claim`, newest last.
#[component]
pub fn ClaimHistory(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    view! {
        <ol class="history">
            {move || {
                let loc = locale.get();
                let current = claim.get();
                current
                    .history
                    .clone()
                    .into_iter()
                    .map(|h| {
                        let dispute_docs = dispute_documents_text(&current, &h.action, loc)
                            .map(|t| view! { <p class="dispute-documents">{t}</p> });
                        let status = match (h.from, h.to) {
                            (Some(f), Some(t)) if f != t => {
                                Some(format!("{} → {}", f.label(loc), t.label(loc)))
                            }
                            _ => None,
                        };
                        let changes = (!h.changes.is_empty())
                            .then(|| {
                                view! {
                                    <table class="changes stack">
                                        <caption class="visually-hidden">
                                            {msg::history_changed_fields(loc)}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{msg::history_field(loc)}</th>
                                                <th scope="col">{msg::history_before(loc)}</th>
                                                <th scope="col">{msg::history_after(loc)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {h
                                                .changes
                                                .iter()
                                                .map(|ch| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{field_label(&ch.field, loc)}</th>
                                                            <td class="before" data-label=msg::history_before(loc)>{format_value(&ch.field, &ch.before, loc)}</td>
                                                            <td class="after" data-label=msg::history_after(loc)>{format_value(&ch.field, &ch.after, loc)}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                            });
                        view! {
                            <li class="history-entry">
                                <p>
                                    <time datetime=h.at.to_rfc3339()>{format_datetime(h.at, loc)}</time>
                                    " · "
                                    <span class="actor">{actor_text(&h.actor, loc)}</span>
                                    " · "
                                    <span class="what">{describe_action(&h.action, loc)}</span>
                                    {status.map(|s| view! { <span class="transition">" ("{s}")"</span> })}
                                </p>
                                {dispute_docs}
                                {changes}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}
