//! The claim page (`#/claims/<id>`): the claim as it stands now (time-driven
//! transitions applied), its status diagram, timeline, documents, PoE
//! checklist, comments and history, and the partner's actions.
//!
//! Works from a shared link or after a reload: the claim is looked up in
//! this browser's store, with a clear message when it is not there.

use crate::i18n::msg;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::claim::checklist::PoeChecklist;
use crate::app::components::claim::comments::CommentsThread;
use crate::app::components::claim::details::ClaimDetails;
use crate::app::components::claim::documents::DocumentsPanel;
use crate::app::components::claim::documents::{Refusal, drop_stored, file_list, store_file};
use crate::app::components::claim::edit_form::EditForm;
use crate::app::components::claim::history::ClaimHistory;
use crate::app::components::claim::next_steps::NextSteps;
use crate::app::components::claim::precheck::SubmitPrecheckHint;
use crate::app::components::claim::status_diagram::StatusDiagram;
use crate::app::components::claim::sync_conflict::SyncConflictBanner;
use crate::app::components::claim::timeline::ClaimTimeline;
use crate::app::components::claim::{
    ActionError, FileFindings, claim_title, reason_select, send_event,
};
use crate::app::components::confirm::ConfirmDialog;
use crate::app::components::confirm_warnings::ConfirmWarnings;
use crate::app::components::findings::FindingList;
use crate::app::components::localized;
use crate::app::components::status_badge::StatusBadge;
use crate::app::route::{Route, navigate, use_hash_route_signal};
use crate::app::state::{AppError, AppState, use_app};
use crate::domain::claim::{Claim, PartnerRequestReason, RejectReason, Status};
use crate::domain::competing::is_competing;
use crate::domain::document::accept_attribute;
use crate::domain::guidance::{offers_new_claim, without_ended_subscriptions};
use crate::domain::partners::partner;
use crate::domain::roles::Actor;
use crate::domain::status::{
    ClaimPatch, Event, TransitionError, can_dispute, copy_as_new, dispute_window_last_day,
};
use crate::i18n::format_date;

/// The page of claim `id`.
#[component]
pub fn ClaimPage(id: String) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let lookup = id.clone();
    let found = Memo::new(move |_| state.claim_now(&lookup));
    let claim = Memo::new(move |_| found.get().unwrap_or_default());
    let missing = id.clone();
    view! {
        <Show
            when=move || found.with(Option::is_some)
            fallback=move || {
                let missing = missing.clone();
                view! {
                    <section class="card" aria-labelledby="claim-missing-title">
                        <h2 id="claim-missing-title">
                            {move || msg::claim_not_found_in_this_browser(locale.get())}
                        </h2>
                        <p>
                            {move || {
                                msg::claim_claims_are_kept_in_the_browser(locale.get())
                            }}
                        </p>
                        <p>
                            {move || msg::claim_id(locale.get())}" "<code>{missing.clone()}</code>
                        </p>
                        <p>
                            <a href=Route::Claims.href()>
                                {move || msg::go_to_your_claims(locale.get())}
                            </a>
                        </p>
                    </section>
                    <SyncConflictBanner claim_id=missing.clone() />
                }
            }
        >
            <ClaimView claim=claim />
        </Show>
    }
}

/// The page body for a claim that exists.
#[component]
fn ClaimView(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let actor = Signal::derive(move || state.partner_actor());
    let competing = Memo::new(move |_| {
        let all = state.claims_now();
        claim.with(|c| is_competing(c, &all))
    });
    let edit_open = RwSignal::new(false);
    let status = Memo::new(move |_| claim.with(|c| c.status));

    view! {
        <div class="claim-page">
            <p class="breadcrumb">
                <a href=Route::Claims.href()>{move || msg::your_claims(locale.get())}</a>
            </p>
            <section class="card claim-head" aria-labelledby="claim-title">
                <div class="card-head">
                    <h2 id="claim-title">{move || claim.with(claim_title)}</h2>
                    <button
                        type="button"
                        class="secondary print-button"
                        on:click=|_| {
                            let _ = window().print();
                        }
                    >
                        {move || msg::claim_print(locale.get())}
                    </button>
                </div>
                <p class="print-only printed-on">
                    {move || msg::claim_printed_on(locale.get(), format_date(state.today(), locale.get()))}
                </p>
                <p class="claim-status">
                    <span class="label">{move || msg::claim_status(locale.get())}</span>" "
                    {move || view! { <StatusBadge status=status.get() locale=locale /> }}
                    {move || claim.with(|c| state.unsent(&c.id)).then(|| view! {
                        " "
                        <span class="tag unsent">{localized(locale, msg::sync_not_sent)}</span>
                    })}
                    <Show when=move || competing.get()>
                        " "
                        <span class="tag warning competing">
                            {move || msg::competing_claim(locale.get())}
                        </span>
                        <span class="hint">
                            " "
                            {move || {
                                msg::claim_another_partner_s_pending_or_approved(locale.get())
                            }}
                        </span>
                    </Show>
                </p>
                <StatusDiagram claim=claim />
            </section>

            <SyncConflictBanner claim_id=claim.with_untracked(|c| c.id.clone()) />

            <section class="card partner-actions-card" aria-labelledby="actions-title">
                <h3 id="actions-title">{move || msg::claim_what_you_can_do(locale.get())}</h3>
                <PartnerActions claim=claim actor=actor edit_open=edit_open />
            </section>

            <Show when=move || edit_open.get()>
                <section class="card edit-card" aria-labelledby="edit-title">
                    <h3 id="edit-title">{move || msg::claim_edit_the_claim(locale.get())}</h3>
                    {move || {
                        actor
                            .get_untracked()
                            .map(|a| view! { <EditForm claim=claim actor=a on_close=move |_| edit_open.set(false) /> })
                    }}
                </section>
            </Show>

            <section class="card" aria-labelledby="details-title">
                <h3 id="details-title">{move || msg::claim_details(locale.get())}</h3>
                <ClaimDetails claim=claim />
            </section>

            <section class="card" aria-labelledby="timeline-title">
                <h3 id="timeline-title">{move || msg::claim_timeline(locale.get())}</h3>
                <ClaimTimeline claim=claim />
            </section>

            <section class="card" aria-labelledby="documents-title">
                <h3 id="documents-title">
                    {move || msg::claim_proof_of_execution_documents(locale.get())}
                </h3>
                <DocumentsPanel claim=claim actor=actor prefix="claim" />
            </section>

            <section class="card" aria-labelledby="checklist-title">
                <h3 id="checklist-title">{move || msg::claim_poe_checklist_2(locale.get())}</h3>
                <PoeChecklist claim=claim actor=actor />
            </section>

            <section class="card" aria-labelledby="comments-title">
                <h3 id="comments-title">{move || msg::comments(locale.get())}</h3>
                <CommentsThread claim=claim actor=actor prefix="claim" />
            </section>

            <section class="card" aria-labelledby="history-title">
                <h3 id="history-title">{move || msg::claim_history(locale.get())}</h3>
                <ClaimHistory claim=claim />
            </section>
        </div>
    }
}

/// Why the signed-in profile cannot change this claim, if it cannot.
fn view_only_reason(claim: &Claim) -> Option<String> {
    let state = use_app();
    let loc = state.locale.get();
    state.profile.with(|p| match p {
        None => Some(msg::claim_choose_a_profile_to_act_on(loc).to_string()),
        Some(p) if !p.role.can_edit_claims() => Some(format!(
            "{} ({}) {}",
            msg::claim_your_role(loc),
            p.role.label(loc),
            msg::claim_can_view_claims_but_not_change(loc)
        )),
        Some(p) if !claim.partner_org.id.is_empty() && claim.partner_org.id != p.org_id => {
            let org = if claim.partner_org.name.is_empty() {
                partner(&claim.partner_org.id)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| claim.partner_org.id.clone())
            } else {
                claim.partner_org.name.clone()
            };
            Some(format!(
                "{} {org}{}",
                msg::claim_this_claim_belongs_to_another_partner(loc),
                msg::claim_you_can_view_it_but_not(loc)
            ))
        }
        Some(_) => None,
    })
}

/// Submit, Edit, Request rejection, Dispute and "Create a new claim from
/// this one", each shown when the domain allows the profile to do it.
#[component]
fn PartnerActions(
    claim: Signal<Claim>,
    actor: Signal<Option<Actor>>,
    edit_open: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let view_only = Memo::new(move |_| claim.with(view_only_reason));
    let can_act = move || view_only.with(Option::is_none) && actor.with(Option::is_some);
    let allows = move |event: Event| {
        actor.with(|a| {
            a.as_ref()
                .is_some_and(|a| claim.with(|c| state.allows(c, &event, a)))
        })
    };
    let status = Memo::new(move |_| claim.with(|c| c.status));

    // Submit: always shown in Draft / Partner action required, with the
    // claim's findings now (the checks Submit runs, with the directory).
    let submit_error = RwSignal::new(None::<AppError>);
    let submit_findings = Memo::new(move |_| {
        claim.with(|c| {
            if matches!(c.status, Status::Draft | Status::PartnerActionRequired) {
                state.submit_findings(c)
            } else {
                Vec::new()
            }
        })
    });
    let submit_warnings = Signal::derive(move || {
        submit_findings.with(|fs| fs.iter().filter(|f| !f.is_error()).cloned().collect())
    });
    let confirm_submit = RwSignal::new(false);
    let send_submit = move || {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let id = claim.with_untracked(|c| c.id.clone());
        send_event(id, Event::Submit, a, None, submit_error, move |_| {
            state.info(msg::claim_the_claim_was_submitted_for_review(
                state.locale.get_untracked(),
            ));
        });
    };
    // Errors are refused by the domain (and listed); open warnings are
    // shown for confirmation first.
    let submit = move |_| {
        let (errors, warnings) = submit_findings.with_untracked(|fs| {
            (
                fs.iter().any(|f| f.is_error()),
                fs.iter().any(|f| !f.is_error()),
            )
        });
        if !errors && warnings {
            submit_error.set(None);
            confirm_submit.set(true);
        } else {
            send_submit();
        }
    };

    // Request rejection.
    let rr_open = RwSignal::new(false);
    let rr_reason = RwSignal::new(PartnerRequestReason::ALL[0]);
    let rr_comment = RwSignal::new(String::new());
    let rr_error = RwSignal::new(None::<AppError>);
    let request_rejection = move |_| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let id = claim.with_untracked(|c| c.id.clone());
        send_event(
            id,
            Event::RequestRejection {
                reason: rr_reason.get_untracked(),
                comment: rr_comment.get_untracked().trim().to_string(),
            },
            a,
            None,
            rr_error,
            move |_| {
                rr_open.set(false);
                rr_comment.set(String::new());
            },
        );
    };

    // Dispute.
    let dispute_state = Memo::new(move |_| {
        let now = state.now();
        let policy = state.policy();
        claim.with(|c| {
            (c.status == Status::Rejected).then(|| {
                (
                    can_dispute(c, now, policy),
                    dispute_window_last_day(c, *now.offset(), policy),
                )
            })
        })
    });
    let justification = RwSignal::new(String::new());
    let dispute_files = RwSignal::new_local(Vec::<web_sys::File>::new());
    let dispute_error = RwSignal::new(None::<AppError>);
    let dispute_refused = RwSignal::new(Vec::<FileFindings>::new());
    let disputing = RwSignal::new(false);
    // A dispute carries a business justification, updated PoE, or both:
    // the files are checked and stored first, then sent with the event.
    let dispute = move |_| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let id = claim.with_untracked(|c| c.id.clone());
        let text = justification.get_untracked().trim().to_string();
        let stores: Vec<_> = dispute_files
            .get_untracked()
            .into_iter()
            .map(|f| store_file(f, String::new()))
            .collect();
        dispute_error.set(None);
        dispute_refused.set(Vec::new());
        disputing.set(true);
        spawn_local(async move {
            let mut documents = Vec::new();
            let mut refused = Vec::new();
            for stored in stores {
                match stored.await {
                    Ok(doc) => documents.push(doc),
                    Err(Refusal::Findings(f)) => refused.push(f),
                    Err(Refusal::App(e)) => {
                        dispute_error.set(Some(e));
                        refused.clear();
                        drop_stored(state, documents.drain(..).map(|d| d.id).collect()).await;
                        disputing.set(false);
                        return;
                    }
                }
            }
            if !refused.is_empty() {
                drop_stored(state, documents.into_iter().map(|d| d.id).collect()).await;
                dispute_refused.set(refused);
                disputing.set(false);
                return;
            }
            let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
            let event = Event::Dispute {
                justification: text,
                documents,
            };
            match state.apply(&id, event, a, None).await {
                Ok(_) => {
                    justification.set(String::new());
                    dispute_files.set(Vec::new());
                }
                Err(e) => {
                    if matches!(e, AppError::Transition(_)) {
                        drop_stored(state, ids).await;
                    }
                    dispute_error.set(Some(e));
                }
            }
            disputing.set(false);
        });
    };

    // Delete a draft (after a confirmation); the dashboard opens with a note.
    let delete_open = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<AppError>);
    let route = use_hash_route_signal();
    let delete = move |()| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let (id, name) = claim.with_untracked(|c| (c.id.clone(), claim_title(c)));
        send_event(id, Event::Delete, a, None, delete_error, move |_| {
            state.info(msg::claim_draft_deleted(state.locale.get_untracked(), name));
            if let Some(r) = route {
                r.set(Route::Claims);
            }
            navigate(&Route::Claims);
        });
    };

    // Create a new claim from this one.
    let copy_offered = Memo::new(move |_| {
        let now = state.now();
        let policy = state.policy();
        state.with_directory(|dir| claim.with(|c| offers_new_claim(c, now, policy, Some(dir))))
    });
    let copy_error = RwSignal::new(None::<AppError>);
    let copy = move |_| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let source = untrack(|| {
            state.with_directory(|dir| claim.with(|c| without_ended_subscriptions(c, Some(dir))))
        });
        let new_id = AppState::new_id();
        match copy_as_new(&source, new_id.clone(), &a, state.now_untracked()) {
            Ok(copy) => spawn_local(async move {
                match state.create(copy).await {
                    Ok(_) => navigate(&Route::Claim(new_id)),
                    Err(e) => copy_error.set(Some(e)),
                }
            }),
            Err(e) => copy_error.set(Some(AppError::Transition(e))),
        }
    };

    view! {
        <div class="partner-actions">
            <NextSteps claim=claim />
            {move || view_only.get().map(|reason| view! { <p class="view-only note">{reason}</p> })}
            <Show when=move || can_act() && matches!(status.get(), Status::Draft | Status::PartnerActionRequired)>
                <div class="action">
                    <button
                        type="button"
                        aria-describedby="submit-checks submit-findings"
                        disabled=move || confirm_submit.get()
                        on:click=submit
                    >
                        {move || msg::claim_submit_claim(locale.get())}
                    </button>
                    <Show when=move || status.get() == Status::Draft>
                        // The pre-check's guess, before a reviewer has spoken.
                        <SubmitPrecheckHint claim=claim />
                    </Show>
                    <div class="submit-checks">
                        <Show when=move || !submit_findings.with(Vec::is_empty)>
                            <p class="hint">{move || msg::claim_checks_before_submitting(locale.get())}</p>
                        </Show>
                        <FindingList id="submit-checks" findings=submit_findings locale=locale />
                    </div>
                    <ConfirmWarnings
                        id="submit-confirm"
                        open=confirm_submit
                        warnings=submit_warnings
                        confirm_label=msg::confirm_submit_anyway
                        on_confirm=move |_| send_submit()
                        locale=locale
                    />
                    <ActionError id="submit-findings" error=submit_error />
                </div>
            </Show>
            <Show when=move || {
                can_act() && !edit_open.get()
                    && allows(Event::Edit { fields: Box::new(ClaimPatch::default()) })
            }>
                <div class="action">
                    <button type="button" class="secondary" on:click=move |_| edit_open.set(true)>
                        {move || msg::claim_edit(locale.get())}
                    </button>
                </div>
            </Show>
            <Show when=move || {
                can_act()
                    && allows(Event::RequestRejection {
                        reason: PartnerRequestReason::WrongMpn,
                        comment: String::new(),
                    })
            }>
                <div class="action">
                    <Show
                        when=move || rr_open.get()
                        fallback=move || {
                            view! {
                                <button type="button" class="secondary" on:click=move |_| rr_open.set(true)>
                                    {move || msg::claim_request_rejection(locale.get())}
                                </button>
                            }
                        }
                    >
                        <fieldset class="inline-form">
                            <legend>{move || msg::claim_request_rejection_of_this_claim(locale.get())}</legend>
                            <div class="field">
                                {reason_select("rr-reason".to_string(), PartnerRequestReason::ALL, rr_reason, PartnerRequestReason::label, locale)}
                            </div>
                            <div class="field">
                                <label for="rr-comment">{move || msg::comment_optional(locale.get())}</label>
                                <textarea
                                    id="rr-comment"
                                    rows="2"
                                    prop:value=move || rr_comment.get()
                                    on:input=move |ev| rr_comment.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                            <p class="hint">
                                {move || {
                                    msg::claim_the_claim_is_rejected_as_partner(locale.get())
                                }}
                            </p>
                            <div class="actions">
                                <button type="button" class="danger" aria-describedby="rr-findings" on:click=request_rejection>
                                    {move || msg::claim_request_rejection_2(locale.get())}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| rr_open.set(false)>
                                    {move || msg::cancel(locale.get())}
                                </button>
                            </div>
                            <ActionError id="rr-findings" error=rr_error />
                        </fieldset>
                    </Show>
                </div>
            </Show>
            <Show when=move || can_act() && allows(Event::Delete)>
                <div class="action">
                    <button
                        type="button"
                        class="secondary danger"
                        aria-describedby="delete-findings"
                        on:click=move |_| delete_open.set(true)
                    >
                        {move || msg::claim_delete_draft(locale.get())}
                    </button>
                    <ActionError id="delete-findings" error=delete_error />
                    <ConfirmDialog
                        id="delete-draft"
                        open=delete_open
                        title=Signal::derive(move || msg::claim_delete_draft_title(locale.get()).to_string())
                        text=Signal::derive(move || {
                            msg::claim_delete_draft_text(locale.get(), claim.with(claim_title))
                        })
                        confirm=Signal::derive(move || msg::claim_delete_draft_confirm(locale.get()).to_string())
                        on_confirm=delete
                    />
                </div>
            </Show>
            {move || {
                if !can_act() {
                    return None;
                }
                let loc = locale.get();
                let (result, last_day) = dispute_state.get()?;
                Some(match result {
                    Ok(()) => {
                        let last = last_day.map(|d| format_date(d, loc)).unwrap_or_default();
                        view! {
                            <div class="action dispute">
                                <p>
                                    {msg::claim_you_can_dispute_this_rejection_until(loc)}" "
                                    <strong>{last}</strong>"."
                                </p>
                                <p class="hint" id="dispute-hint">{msg::claim_dispute_with_text_or_documents(loc)}</p>
                                <div class="field">
                                    <label for="dispute-justification">
                                        {msg::claim_justification_for_the_dispute(loc)}
                                    </label>
                                    <textarea
                                        id="dispute-justification"
                                        rows="3"
                                        aria-describedby="dispute-hint dispute-findings"
                                        prop:value=move || justification.get()
                                        on:input=move |ev| justification.set(event_target_value(&ev))
                                    ></textarea>
                                </div>
                                <div class="field">
                                    <label for="dispute-files">{msg::claim_updated_poe_for_the_dispute(loc)}</label>
                                    <input
                                        id="dispute-files"
                                        type="file"
                                        multiple=true
                                        accept=accept_attribute()
                                        aria-describedby="dispute-hint dispute-file-findings"
                                        disabled=move || disputing.get()
                                        on:change=move |ev| {
                                            use wasm_bindgen::JsCast;
                                            let Some(input) = ev
                                                .target()
                                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                                                return;
                                            };
                                            let files = input.files().map(file_list).unwrap_or_default();
                                            input.set_value("");
                                            dispute_files.update(|fs| fs.extend(files));
                                            dispute_refused.set(Vec::new());
                                        }
                                    />
                                    <ul class="dispute-files">
                                        {move || {
                                            dispute_files
                                                .get()
                                                .into_iter()
                                                .enumerate()
                                                .map(|(i, f)| {
                                                    let name = f.name();
                                                    view! {
                                                        <li>
                                                            {name.clone()}" "
                                                            <button
                                                                type="button"
                                                                class="link"
                                                                on:click=move |_| dispute_files.update(|fs| {
                                                                    if i < fs.len() {
                                                                        fs.remove(i);
                                                                    }
                                                                })
                                                            >
                                                                {msg::remove(locale.get_untracked())}
                                                                <span class="sr-only">" "{name}</span>
                                                            </button>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()
                                        }}
                                    </ul>
                                    <ul class="findings" id="dispute-file-findings" aria-live="polite">
                                        {move || {
                                            let loc = locale.get();
                                            dispute_refused
                                                .get()
                                                .into_iter()
                                                .flat_map(|ff| ff.findings.into_iter().map(move |f| (ff.file.clone(), f)))
                                                .map(|(file, f)| {
                                                    view! {
                                                        <li class="finding error" data-code=f.code.as_str()>
                                                            <strong>{file}": "</strong>
                                                            {f.message(loc)}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()
                                        }}
                                    </ul>
                                </div>
                                <button
                                    type="button"
                                    aria-describedby="dispute-findings"
                                    disabled=move || {
                                        disputing.get()
                                            || (justification.with(|j| j.trim().is_empty())
                                                && dispute_files.with(Vec::is_empty))
                                    }
                                    on:click=dispute
                                >
                                    {msg::claim_dispute(loc)}
                                </button>
                                <ActionError id="dispute-findings" error=dispute_error />
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        let why = match &e {
                            TransitionError::WindowClosed { closed_on } => format!(
                                "{} ({} {}) ",
                                e.code().message(loc),
                                msg::claim_last_day(loc),
                                format_date(*closed_on, loc)
                            ),
                            _ => {
                                let c = claim.get_untracked();
                                if c.rejection() == Some(RejectReason::PartnerRequest) {
                                    msg::claim_a_claim_rejected_on_your_own(loc)
                                        .to_string()
                                } else if c.disputes_used() > 0 {
                                    msg::claim_this_claim_has_already_been_disputed(loc)
                                        .to_string()
                                } else {
                                    format!("{} ", e.code().message(loc))
                                }
                            }
                        };
                        view! {
                            <div class="action">
                                <p class="note" data-code=e.code().as_str()>
                                    {why}
                                    {msg::claim_you_can_start_again_with_a(loc)}
                                </p>
                            </div>
                        }
                            .into_any()
                    }
                })
            }}
            <Show when=move || can_act() && copy_offered.get()>
                <div class="action copy">
                    <button type="button" aria-describedby="copy-findings" on:click=copy>
                        {move || msg::claim_create_a_new_claim_from_this(locale.get())}
                    </button>
                    <ActionError id="copy-findings" error=copy_error />
                </div>
            </Show>
        </div>
    }
}
