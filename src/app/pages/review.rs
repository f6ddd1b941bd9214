//! The review desk (simulation, docs/rules.md#roles): the Microsoft reviewer's queue of
//! every organisation's claims waiting for Microsoft (Submitted, Under
//! review, Disputed) and, read-only, those waiting for the partner (Partner
//! action required). Actions: start review, request information, approve,
//! reject, answer disputes, comment. Competing claims are shown side by
//! side (also an approved incumbent's); approving one takes the
//! association from the others (`status::approve_competing`), and starting
//! the review of a competing claim tells its partner in the comments.

use crate::i18n::msg;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::claim::comments::CommentsThread;
use crate::app::components::claim::documents::DocumentsPanel;
use crate::app::components::claim::{
    ActionError, claim_title, dispute_documents_text, dom_id, format_day, products_text,
    reason_select, send_event,
};
use crate::app::components::status_badge::StatusBadge;
use crate::app::route::Route;
use crate::app::state::{AppError, use_app};
use crate::domain::claim::{Action, Claim, InfoReason, RejectReason, Status};
use crate::domain::competing::competitors;
use crate::domain::finding::Locale;
use crate::domain::roles::Actor;
use crate::domain::status::{Event, approve_competing, start_review};
use crate::domain::timeline::open_deadlines;
use crate::i18n::format_date;

/// The simulated reviewer's name.
/// The simulated reviewer: no name of its own, so the history shows
/// "Microsoft reviewer" in each reader's language.
fn reviewer() -> Actor {
    Actor::reviewer("")
}

fn in_queue(status: Status) -> bool {
    matches!(
        status,
        Status::Submitted | Status::UnderReview | Status::Disputed | Status::PartnerActionRequired
    )
}

fn org_name(c: &Claim) -> String {
    if c.partner_org.name.is_empty() {
        crate::domain::partners::partner(&c.partner_org.id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| c.partner_org.id.clone())
    } else {
        c.partner_org.name.clone()
    }
}

/// The review desk page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let ids = Memo::new(move |_| {
        let mut claims: Vec<Claim> = state
            .claims_now()
            .into_iter()
            .filter(|c| in_queue(c.status))
            .collect();
        // Waiting for Microsoft first, oldest first; waiting for the partner last.
        claims.sort_by_key(|c| {
            (
                c.status == Status::PartnerActionRequired,
                c.status_since(),
                c.id.clone(),
            )
        });
        claims.into_iter().map(|c| c.id).collect::<Vec<_>>()
    });
    view! {
        <div class="review-page">
            <section class="card" aria-labelledby="review-title">
                <h2 id="review-title">
                    {move || msg::review_desk(locale.get())}
                    " "
                    <span class="sim-badge">{move || msg::simulation(locale.get())}</span>
                </h2>
                <p class="note simulation-note">
                    {move || {
                        msg::review_simulation_you_act_as_the_microsoft(locale.get())
                    }}
                </p>
                <p class="hint">
                    {move || {
                        msg::review_all_partner_organisations_claims_in_this(locale.get())
                    }}
                </p>
                <Show when=move || ids.with(Vec::is_empty)>
                    <p class="empty">
                        {move || msg::review_nothing_to_review(locale.get())}
                    </p>
                </Show>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <ReviewItem id=id />
                </For>
            </section>
        </div>
    }
}

/// One claim of the queue with the reviewer's actions.
#[component]
fn ReviewItem(id: String) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let lookup = id.clone();
    let claim = Memo::new(move |_| state.claim_now(&lookup).unwrap_or_default());
    let signal: Signal<Claim> = claim.into();
    let rivals = Memo::new(move |_| {
        let all = state.claims_now();
        claim.with(|c| {
            competitors(c, &all)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let allows = move |event: Event| claim.with(|c| state.allows(c, &event, &reviewer()));
    let status = Memo::new(move |_| claim.with(|c| c.status));
    let error = RwSignal::new(None::<AppError>);
    let prefix = dom_id("rv", &id);
    let heading_id = format!("{prefix}-title");
    let error_id = StoredValue::new(format!("{prefix}-findings"));

    let act = move |event: Event| {
        let claim_id = claim.with_untracked(|c| c.id.clone());
        send_event(claim_id, event, reviewer(), None, error, |_| {});
    };
    // Start review; a competing claim's partner is told in the comments
    // that the review may take longer.
    let start = move |_| {
        error.set(None);
        let current = claim.get_untracked();
        let competing = !rivals.with_untracked(Vec::is_empty);
        match start_review(
            &current,
            competing,
            &reviewer(),
            state.now_untracked(),
            state.policy_untracked(),
        ) {
            Ok(next) => spawn_local(async move {
                let _ = state.save_all(vec![next]).await;
            }),
            Err(e) => error.set(Some(AppError::Transition(e))),
        }
    };

    // Request information.
    let info_open = RwSignal::new(false);
    let reasons = RwSignal::new(Vec::<InfoReason>::new());
    let info_comment = RwSignal::new(String::new());
    // Reject.
    let reject_open = RwSignal::new(false);
    let reject_reason = RwSignal::new(RejectReason::REVIEWER[0]);
    let reject_comment = RwSignal::new(String::new());

    // Approve one of competing claims: the others are rejected with "Competing claim".
    let approve_winner = move |winner_id: String| {
        error.set(None);
        let all = untrack(|| state.claims_now());
        let Some(winner) = all.iter().find(|c| c.id == winner_id).cloned() else {
            return;
        };
        let rivals: Vec<Claim> = competitors(&winner, &all).into_iter().cloned().collect();
        match approve_competing(
            &winner,
            &rivals,
            &reviewer(),
            state.now_untracked(),
            state.policy_untracked(),
        ) {
            Ok((approved, losers)) => {
                let loc = locale.get_untracked();
                let mut text = format!(
                    "{} “{}”.",
                    msg::review_approved(loc),
                    claim_title(&approved)
                );
                if !losers.is_empty() {
                    text.push_str(&format!(
                        " {} {}",
                        msg::review_association_moved_from(loc),
                        losers
                            .iter()
                            .map(|l| format!(
                                "“{}” ({}, {})",
                                claim_title(l),
                                org_name(l),
                                l.status.label(loc)
                            ))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                let mut batch = vec![approved];
                batch.extend(losers);
                spawn_local(async move {
                    if state.save_all(batch).await.is_ok() {
                        state.info(text);
                    }
                });
            }
            Err(e) => error.set(Some(AppError::Transition(e))),
        }
    };

    let p = prefix.clone();
    view! {
        <article class="review-item" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>
                <a href=Route::Claim(id.clone()).href()>{move || claim.with(claim_title)}</a>
            </h3>
            <p class="review-summary">
                {move || {
                    let loc = locale.get();
                    claim
                        .with(|c| {
                            format!(
                                "{} · {} ({}) · {}",
                                org_name(c),
                                c.customer_name,
                                c.customer_domain,
                                products_text(&c.products, loc),
                            )
                        })
                }}
                " "
                {move || view! { <StatusBadge status=status.get() locale=locale /> }}
                <Show when=move || !rivals.with(Vec::is_empty)>
                    " "
                    <span class="tag warning">{move || msg::competing_claim(locale.get())}</span>
                </Show>
            </p>
            <ul class="deadlines">
                {move || {
                    let loc = locale.get();
                    let now = state.now();
                    let policy = state.policy();
                    claim
                        .with(|c| open_deadlines(c, now, policy))
                        .into_iter()
                        .map(|d| {
                            let overdue = d.is_overdue();
                            view! {
                                <li class=if overdue { "deadline overdue" } else { "deadline" }>
                                    <strong>{d.kind.label(loc)}</strong>": "{format_date(d.due, loc)}" — "{d.describe(loc)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                let loc = locale.get();
                claim.with(|c| context_note(c, loc))
            }}
            <div class="review-actions">
                <Show when=move || allows(Event::StartReview)>
                    <button type="button" aria-describedby=move || error_id.get_value() on:click=start>
                        {move || msg::review_start_review(locale.get())}
                    </button>
                </Show>
                <Show when=move || rivals.with(Vec::is_empty) && allows(Event::Approve)>
                    <button type="button" aria-describedby=move || error_id.get_value() on:click=move |_| act(Event::Approve)>
                        {move || msg::review_approve(locale.get())}
                    </button>
                </Show>
                <Show when=move || {
                    !info_open.get()
                        && allows(Event::RequestInfo {
                            reasons: vec![InfoReason::MissingAllPoe],
                            comment: String::new(),
                        })
                }>
                    <button type="button" class="secondary" on:click=move |_| info_open.set(true)>
                        {move || msg::review_request_information(locale.get())}
                    </button>
                </Show>
                <Show when=move || {
                    !reject_open.get()
                        && allows(Event::Reject {
                            reason: RejectReason::InsufficientPoe,
                            comment: String::new(),
                        })
                }>
                    <button type="button" class="secondary danger" on:click=move |_| reject_open.set(true)>
                        {move || msg::review_reject(locale.get())}
                    </button>
                </Show>
                <Show when=move || status.get() == Status::PartnerActionRequired>
                    <p class="note">
                        {move || {
                            msg::review_waiting_for_the_partner_information_was(locale.get())
                        }}
                    </p>
                </Show>
            </div>
            <Show when=move || info_open.get()>
                {
                    let p = p.clone();
                    view! {
                        <fieldset class="inline-form">
                            <legend>{move || msg::review_request_information_from_the_partner(locale.get())}</legend>
                            <fieldset>
                                <legend>{move || msg::review_reasons_at_least_one(locale.get())}</legend>
                                {InfoReason::ALL
                                    .iter()
                                    .enumerate()
                                    .map(|(i, r)| {
                                        let r = *r;
                                        let cid = format!("{p}-reason-{i}");
                                        view! {
                                            <div class="check">
                                                <input
                                                    type="checkbox"
                                                    id=cid.clone()
                                                    prop:checked=move || reasons.with(|rs| rs.contains(&r))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        reasons.update(|rs| {
                                                            rs.retain(|x| *x != r);
                                                            if on {
                                                                rs.push(r);
                                                            }
                                                        });
                                                    }
                                                />
                                                <label for=cid>{move || r.label(locale.get())}</label>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <div class="field">
                                <label for=format!("{p}-info-comment")>
                                    {move || msg::review_comment_to_the_partner_optional(locale.get())}
                                </label>
                                <textarea
                                    id=format!("{p}-info-comment")
                                    rows="2"
                                    prop:value=move || info_comment.get()
                                    on:input=move |ev| info_comment.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                            <div class="actions">
                                <button
                                    type="button"
                                    disabled=move || reasons.with(Vec::is_empty)
                                    on:click=move |_| {
                                        let claim_id = claim.with_untracked(|c| c.id.clone());
                                        send_event(
                                            claim_id,
                                            Event::RequestInfo {
                                                reasons: reasons.get_untracked(),
                                                comment: info_comment.get_untracked().trim().to_string(),
                                            },
                                            reviewer(),
                                            None,
                                            error,
                                            move |_| {
                                                info_open.set(false);
                                                reasons.set(Vec::new());
                                                info_comment.set(String::new());
                                            },
                                        );
                                    }
                                >
                                    {move || msg::review_request_information_2(locale.get())}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| info_open.set(false)>
                                    {move || msg::cancel(locale.get())}
                                </button>
                            </div>
                        </fieldset>
                    }
                }
            </Show>
            <Show when=move || reject_open.get()>
                {
                    let p = prefix.clone();
                    view! {
                        <fieldset class="inline-form">
                            <legend>{move || msg::review_reject_the_claim(locale.get())}</legend>
                            <div class="field">
                                {reason_select(format!("{p}-reject-reason"), RejectReason::REVIEWER, reject_reason, RejectReason::label, locale)}
                            </div>
                            <div class="field">
                                <label for=format!("{p}-reject-comment")>{move || msg::comment_optional(locale.get())}</label>
                                <textarea
                                    id=format!("{p}-reject-comment")
                                    rows="2"
                                    prop:value=move || reject_comment.get()
                                    on:input=move |ev| reject_comment.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="danger"
                                    on:click=move |_| {
                                        let claim_id = claim.with_untracked(|c| c.id.clone());
                                        send_event(
                                            claim_id,
                                            Event::Reject {
                                                reason: reject_reason.get_untracked(),
                                                comment: reject_comment.get_untracked().trim().to_string(),
                                            },
                                            reviewer(),
                                            None,
                                            error,
                                            move |_| {
                                                reject_open.set(false);
                                                reject_comment.set(String::new());
                                            },
                                        );
                                    }
                                >
                                    {move || msg::review_reject_claim(locale.get())}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| reject_open.set(false)>
                                    {move || msg::cancel(locale.get())}
                                </button>
                            </div>
                        </fieldset>
                    }
                }
            </Show>
            <ActionError id=error_id.get_value() error=error />
            <Show when=move || !rivals.with(Vec::is_empty)>
                <CompareClaims claim=signal rivals=rivals approve=Callback::new(approve_winner) />
            </Show>
            <details class="review-more">
                <summary>{move || msg::review_documents_and_comments(locale.get())}</summary>
                <h4>{move || msg::review_documents(locale.get())}</h4>
                <DocumentsPanel claim=signal actor=Signal::derive(|| Some(reviewer())) prefix=format!("{}-docs", dom_id("rv", &id)) />
                <h4>{move || msg::comments(locale.get())}</h4>
                <CommentsThread claim=signal actor=Signal::derive(|| Some(reviewer())) prefix=format!("{}-comments", dom_id("rv", &id)) />
            </details>
        </article>
    }
}

/// What the reviewer should know besides the summary: the partner's
/// dispute, or the reasons information was requested.
fn context_note(c: &Claim, loc: Locale) -> Option<AnyView> {
    match c.status {
        Status::Disputed => {
            let justification = c.history.iter().rev().find_map(|h| match &h.action {
                Action::Disputed { justification, .. } => Some(justification.clone()),
                _ => None,
            });
            let rejected = c.history.iter().rev().find_map(|h| match &h.action {
                Action::Rejected { reason, .. } => Some(reason.label(loc)),
                _ => None,
            });
            let documents = c
                .history
                .iter()
                .rev()
                .find(|h| matches!(h.action, Action::Disputed { .. }))
                .and_then(|h| dispute_documents_text(c, &h.action, loc));
            Some(
                view! {
                    <div class="note">
                        <p>
                            <strong>{msg::review_answer_the_dispute(loc)}</strong>" "
                            {msg::review_approve_the_claim_or_reject_it(loc)}
                        </p>
                        {rejected.map(|r| view! { <p>{msg::review_rejected_before_as(loc)}" "{r}</p> })}
                        {justification
                            .filter(|j| !j.trim().is_empty())
                            .map(|j| view! { <p>{msg::review_partner_s_justification(loc)}" “"{j}"”"</p> })}
                        {documents.map(|d| view! { <p class="dispute-documents">{d}</p> })}
                    </div>
                }
                    .into_any(),
            )
        }
        Status::PartnerActionRequired => c.history.iter().rev().find_map(|h| match &h.action {
            Action::InfoRequested { reasons, .. } => Some(
                view! {
                    <p class="hint">
                        {msg::review_requested(loc)}" "
                        {reasons.iter().map(|r| r.label(loc)).collect::<Vec<_>>().join(", ")}
                        " · "{format_day(h.at, loc)}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }),
        _ => None,
    }
}

/// The claim and its competitors side by side, each with "Approve this
/// claim (rejects the competing ones)" where the reviewer may approve it.
#[component]
fn CompareClaims(
    claim: Signal<Claim>,
    rivals: Memo<Vec<Claim>>,
    approve: Callback<String>,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    move || {
        let loc = locale.get();
        let mut cols = vec![claim.get()];
        cols.extend(rivals.get());
        let row = |label: fn(Locale) -> &'static str, f: &dyn Fn(&Claim) -> String| {
            view! {
                <tr>
                    <th scope="row">{label(loc)}</th>
                    {cols.iter().map(|c| view! { <td>{f(c)}</td> }).collect_view()}
                </tr>
            }
        };
        let subscriptions = |c: &Claim| {
            let subs: Vec<String> = c
                .products
                .iter()
                .filter_map(|p| p.subscription().map(str::to_string))
                .collect();
            if subs.is_empty() {
                msg::review_per_tenant_and_workload(loc).to_string()
            } else {
                subs.join(", ")
            }
        };
        view! {
            <div class="compare-wrap">
                <table class="compare">
                    <caption>{msg::review_competing_claims_side_by_side(loc)}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {cols
                                .iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    let which = if i == 0 { msg::review_this_claim(loc) } else { msg::competing_claim(loc) };
                                    view! {
                                        <th scope="col">
                                            <span class="hint">{which}": "</span>
                                            <a href=Route::Claim(c.id.clone()).href()>{claim_title(c)}</a>
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {row(msg::partner, &|c| org_name(c))}
                        {row(msg::customer, &|c| format!("{} ({})", c.customer_name, c.customer_domain))}
                        {row(msg::products, &|c| products_text(&c.products, loc))}
                        {row(msg::subscription, &subscriptions)}
                        {row(msg::claims_status, &|c| c.status.label(loc).to_string())}
                        {row(msg::created, &|c| c.created_at.map(|at| format_day(at, loc)).unwrap_or_default())}
                        {row(msg::review_documents, &|c| c.documents.len().to_string())}
                        <tr>
                            <td></td>
                            {cols
                                .iter()
                                .map(|c| {
                                    let may = state.allows(c, &Event::Approve, &reviewer());
                                    let id = c.id.clone();
                                    view! {
                                        <td>
                                            {may
                                                .then(|| {
                                                    view! {
                                                        <button type="button" on:click=move |_| approve.run(id.clone())>
                                                            {msg::review_approve_this_claim_rejects_the_competing(loc)}
                                                        </button>
                                                    }
                                                })}
                                        </td>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
        }
    }
}
