//! The review desk (simulation, SPEC §3): the Microsoft reviewer's queue of
//! every organisation's claims waiting for Microsoft (Submitted, Under
//! review, Disputed) and, read-only, those waiting for the partner (Partner
//! action required). Actions: start review, request information, approve,
//! reject, answer disputes, comment. Competing claims are shown side by
//! side; approving one rejects the others with "Competing claim" (SPEC §10).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::components::claim::comments::CommentsThread;
use crate::app::components::claim::documents::DocumentsPanel;
use crate::app::components::claim::{
    ActionError, claim_title, dom_id, format_day, products_text, reason_select, send_event,
};
use crate::app::components::status_badge::StatusBadge;
use crate::app::i18n::{format_date, tr};
use crate::app::route::Route;
use crate::app::state::{AppError, use_app};
use crate::domain::claim::{Action, Claim, InfoReason, RejectReason, Status};
use crate::domain::competing::competitors;
use crate::domain::finding::Locale;
use crate::domain::roles::Actor;
use crate::domain::status::{Event, approve_competing};
use crate::domain::timeline::open_deadlines;

/// The simulated reviewer's name.
const REVIEWER: &str = "Microsoft reviewer";

fn reviewer() -> Actor {
    Actor::reviewer(REVIEWER)
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
                    {move || tr(locale.get(), "Review desk", "Granskningsdesk")}
                    " "
                    <span class="sim-badge">{move || tr(locale.get(), "simulation", "simulering")}</span>
                </h2>
                <p class="note simulation-note">
                    {move || {
                        tr(
                            locale.get(),
                            "Simulation: you act as the Microsoft reviewer.",
                            "Simulering: du agerar som Microsofts granskare.",
                        )
                    }}
                </p>
                <p class="hint">
                    {move || {
                        tr(
                            locale.get(),
                            "All partner organisations' claims in this browser that wait for a decision, and those waiting for the partner's answer (read only).",
                            "Alla partnerorganisationers anspråk i den här webbläsaren som väntar på beslut, och de som väntar på partnerns svar (endast visning).",
                        )
                    }}
                </p>
                <Show when=move || ids.with(Vec::is_empty)>
                    <p class="empty">
                        {move || tr(locale.get(), "Nothing to review.", "Inget att granska.")}
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
        send_event(state, claim_id, event, reviewer(), None, error, |_| {});
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
                let text = format!(
                    "{} “{}”. {} “{}”: {}",
                    tr(loc, "Approved", "Godkände"),
                    claim_title(&approved),
                    tr(loc, "Rejected with", "Avslog med"),
                    RejectReason::CompetingClaim.label(loc),
                    losers
                        .iter()
                        .map(|l| format!("“{}” ({})", claim_title(l), org_name(l)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
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
                    <span class="tag warning">{move || tr(locale.get(), "Competing claim", "Konkurrerande anspråk")}</span>
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
                    <button type="button" aria-describedby=move || error_id.get_value() on:click=move |_| act(Event::StartReview)>
                        {move || tr(locale.get(), "Start review", "Starta granskning")}
                    </button>
                </Show>
                <Show when=move || rivals.with(Vec::is_empty) && allows(Event::Approve)>
                    <button type="button" aria-describedby=move || error_id.get_value() on:click=move |_| act(Event::Approve)>
                        {move || tr(locale.get(), "Approve", "Godkänn")}
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
                        {move || tr(locale.get(), "Request information…", "Begär information…")}
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
                        {move || tr(locale.get(), "Reject…", "Avslå…")}
                    </button>
                </Show>
                <Show when=move || status.get() == Status::PartnerActionRequired>
                    <p class="note">
                        {move || {
                            tr(
                                locale.get(),
                                "Waiting for the partner: information was requested. Nothing to do until they resubmit.",
                                "Väntar på partnern: information har begärts. Inget att göra förrän de skickar in igen.",
                            )
                        }}
                    </p>
                </Show>
            </div>
            <Show when=move || info_open.get()>
                {
                    let p = p.clone();
                    view! {
                        <fieldset class="inline-form">
                            <legend>{move || tr(locale.get(), "Request information from the partner", "Begär information från partnern")}</legend>
                            <fieldset>
                                <legend>{move || tr(locale.get(), "Reasons (at least one)", "Anledningar (minst en)")}</legend>
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
                                    {move || tr(locale.get(), "Comment to the partner (optional)", "Kommentar till partnern (valfri)")}
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
                                            state,
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
                                    {move || tr(locale.get(), "Request information", "Begär information")}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| info_open.set(false)>
                                    {move || tr(locale.get(), "Cancel", "Avbryt")}
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
                            <legend>{move || tr(locale.get(), "Reject the claim", "Avslå anspråket")}</legend>
                            <div class="field">
                                {reason_select(format!("{p}-reject-reason"), RejectReason::REVIEWER, reject_reason, RejectReason::label, locale)}
                            </div>
                            <div class="field">
                                <label for=format!("{p}-reject-comment")>{move || tr(locale.get(), "Comment (optional)", "Kommentar (valfri)")}</label>
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
                                            state,
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
                                    {move || tr(locale.get(), "Reject claim", "Avslå anspråket")}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| reject_open.set(false)>
                                    {move || tr(locale.get(), "Cancel", "Avbryt")}
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
                <summary>{move || tr(locale.get(), "Documents and comments", "Dokument och kommentarer")}</summary>
                <h4>{move || tr(locale.get(), "Documents", "Dokument")}</h4>
                <DocumentsPanel claim=signal actor=Signal::derive(|| Some(reviewer())) prefix=format!("{}-docs", dom_id("rv", &id)) />
                <h4>{move || tr(locale.get(), "Comments", "Kommentarer")}</h4>
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
            Some(
                view! {
                    <div class="note">
                        <p>
                            <strong>{tr(loc, "Answer the dispute:", "Besvara bestridandet:")}</strong>" "
                            {tr(
                                loc,
                                "approve the claim, or reject it again.",
                                "godkänn anspråket eller avslå det igen.",
                            )}
                        </p>
                        {rejected.map(|r| view! { <p>{tr(loc, "Rejected before as:", "Avslogs tidigare som:")}" "{r}</p> })}
                        {justification.map(|j| view! { <p>{tr(loc, "Partner's justification:", "Partnerns motivering:")}" “"{j}"”"</p> })}
                    </div>
                }
                    .into_any(),
            )
        }
        Status::PartnerActionRequired => c.history.iter().rev().find_map(|h| match &h.action {
            Action::InfoRequested { reasons, .. } => Some(
                view! {
                    <p class="hint">
                        {tr(loc, "Requested:", "Begärt:")}" "
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
        let row = |label: &'static str, label_sv: &'static str, f: &dyn Fn(&Claim) -> String| {
            view! {
                <tr>
                    <th scope="row">{tr(loc, label, label_sv)}</th>
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
                tr(
                    loc,
                    "— (per tenant and workload)",
                    "— (per klient och arbetsbelastning)",
                )
                .to_string()
            } else {
                subs.join(", ")
            }
        };
        view! {
            <div class="compare-wrap">
                <table class="compare">
                    <caption>{tr(loc, "Competing claims side by side", "Konkurrerande anspråk sida vid sida")}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {cols
                                .iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    let which = if i == 0 { tr(loc, "This claim", "Det här anspråket") } else { tr(loc, "Competing claim", "Konkurrerande anspråk") };
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
                        {row("Partner", "Partner", &|c| org_name(c))}
                        {row("Customer", "Kund", &|c| format!("{} ({})", c.customer_name, c.customer_domain))}
                        {row("Products", "Produkter", &|c| products_text(&c.products, loc))}
                        {row("Subscription", "Prenumeration", &subscriptions)}
                        {row("Status", "Status", &|c| c.status.label(loc).to_string())}
                        {row("Created", "Skapad", &|c| c.created_at.map(|at| format_day(at, loc)).unwrap_or_default())}
                        {row("Documents", "Dokument", &|c| c.documents.len().to_string())}
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
                                                            {tr(loc, "Approve this claim (rejects the competing ones)", "Godkänn det här anspråket (avslår de konkurrerande)")}
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
