//! The PoE checklist of docs/rules.md#poe: the five items reviewers look for, ticked
//! by the partner per document (`Event::TickChecklist`), next to what the
//! in-browser pre-check found in each document and a claim-level summary.
//! The partner's tick overrides the pre-check.

use crate::i18n::msg;
use leptos::prelude::*;

use super::precheck::{DocPrecheckStatus, ItemVerdict, PrecheckSummary};
use super::{ActionError, dom_id, send_event};
use crate::app::precheck::use_poe_checker;
use crate::app::state::{AppError, use_app};
use crate::domain::claim::{ChecklistItem, Claim};
use crate::domain::roles::Actor;
use crate::domain::status::Event;
use crate::domain::validate::poe_required;

/// One fieldset of five checkboxes per document; a note when the claim's
/// role needs no proof of execution (revenue association).
#[component]
pub fn PoeChecklist(
    #[prop(into)] claim: Signal<Claim>,
    #[prop(into)] actor: Signal<Option<Actor>>,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let error = RwSignal::new(None::<AppError>);
    let docs = Memo::new(move |_| {
        claim.with(|c| {
            c.documents
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let not_required = move || claim.with(|c| !poe_required(c));
    // Pre-check the documents (again when the claim data they are checked
    // against changes; the checker skips what is up to date).
    let checker = use_poe_checker();
    Effect::new(move |_| claim.with(|c| checker.ensure(c)));
    view! {
        <div class="checklist">
            <Show when=not_required>
                <p class="note">
                    {move || {
                        msg::checklist_proof_of_execution_is_not_required(locale.get())
                    }}
                </p>
            </Show>
            <p class="hint">
                {move || {
                    msg::checklist_what_reviewers_look_for_in_each(locale.get())
                }}
            </p>
            <Show when=move || !not_required()>
                <PrecheckSummary claim=claim />
            </Show>
            <Show when=move || docs.with(Vec::is_empty)>
                <p class="empty">{move || msg::no_documents_yet(locale.get())}</p>
            </Show>
            <For each=move || docs.get() key=|(id, _)| id.clone() let:((doc_id, doc_name))>
                <fieldset class="checklist-doc">
                    <legend>{doc_name}</legend>
                    <DocPrecheckStatus doc_id=doc_id.clone() />
                    {ChecklistItem::ALL
                        .iter()
                        .map(|item| {
                            let item = *item;
                            let id = dom_id(&format!("chk-{}", item.id()), &doc_id);
                            let doc_id_a = doc_id.clone();
                            let doc_id_b = doc_id.clone();
                            let doc_id_c = doc_id.clone();
                            let checked = Memo::new(move |_| {
                                claim.with(|c| {
                                    c.documents
                                        .iter()
                                        .find(|d| d.id == doc_id_a)
                                        .is_some_and(|d| d.checklist.get(item))
                                })
                            });
                            let enabled = move || {
                                actor.with(|a| {
                                    a.as_ref().is_some_and(|a| {
                                        claim.with(|c| {
                                            state.allows(
                                                c,
                                                &Event::TickChecklist {
                                                    document: doc_id_b.clone(),
                                                    item,
                                                    value: true,
                                                },
                                                a,
                                            )
                                        })
                                    })
                                })
                            };
                            view! {
                                <div class="check">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        data-item=item.id()
                                        prop:checked=checked
                                        disabled=move || !enabled()
                                        on:change=move |ev| {
                                            let value = event_target_checked(&ev);
                                            let Some(a) = actor.get_untracked() else { return };
                                            let claim_id = claim.with_untracked(|c| c.id.clone());
                                            send_event(
                                                claim_id,
                                                Event::TickChecklist {
                                                    document: doc_id_c.clone(),
                                                    item,
                                                    value,
                                                },
                                                a,
                                                None,
                                                error,
                                                |_| {},
                                            );
                                        }
                                    />
                                    // On paper the checkbox is not printed: its state is said.
                                    <span class="print-only print-tick">
                                        {move || {
                                            if checked.get() {
                                                msg::checklist_ticked(locale.get())
                                            } else {
                                                msg::checklist_not_ticked(locale.get())
                                            }
                                        }}
                                    </span>
                                    <label for=id>{move || item.label(locale.get())}</label>
                                    <ItemVerdict doc_id=doc_id.clone() item=item />
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </For>
            <ActionError id="checklist-findings" error=error />
        </div>
    }
}
