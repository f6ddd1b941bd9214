//! The status machine of docs/rules.md#status-machine as an accessible diagram: the usual path
//! as an ordered list of steps, the other outcomes beside it, the current
//! status marked with `aria-current="step"` (and in words, not only colour).

use crate::i18n::msg;
use leptos::prelude::*;

use crate::app::state::use_app;
use crate::domain::claim::{Claim, Status};

/// The usual path, in order.
const HAPPY_PATH: &[Status] = &[
    Status::Draft,
    Status::Submitted,
    Status::UnderReview,
    Status::PartnerActionRequired,
    Status::Approved,
    Status::ConsentPeriodEnded,
];

/// The other outcomes.
const SIDE_STATES: &[Status] = &[
    Status::Rejected,
    Status::CustomerConsentDenied,
    Status::Disputed,
];

/// Every status of the claim's life, with the current one marked and the
/// ones it has passed through shown as done.
#[component]
pub fn StatusDiagram(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let step = move |s: Status| {
        let loc = locale.get();
        let (current, reached) = claim.with(|c| {
            (
                c.status == s,
                c.status == s
                    || c.history
                        .iter()
                        .any(|h| h.from == Some(s) || h.to == Some(s)),
            )
        });
        let class = match (current, reached) {
            (true, _) => "step current",
            (false, true) => "step done",
            _ => "step",
        };
        let note = match s {
            Status::PartnerActionRequired => {
                Some(msg::status_diagram_only_if_the_reviewer_asks_for(loc))
            }
            Status::ConsentPeriodEnded => {
                Some(msg::status_diagram_sent_for_incentive_evaluation(loc))
            }
            Status::Rejected => Some(msg::status_diagram_by_the_reviewer_on_the_partner(loc)),
            Status::CustomerConsentDenied => {
                Some(msg::status_diagram_the_customer_contact_denied_consent(loc))
            }
            Status::Disputed => Some(msg::status_diagram_the_partner_disputed_a_rejection(loc)),
            _ => None,
        };
        view! {
            <li class=class data-status=s.id() aria-current=current.then_some("step")>
                <span class="step-label">{s.label(loc)}</span>
                {current
                    .then(|| {
                        view! { <span class="step-now">" "{msg::status_diagram_current_status(loc)}</span> }
                    })}
                {note.map(|n| view! { <span class="step-note">{n}</span> })}
            </li>
        }
    };
    view! {
        <figure class="status-diagram">
            <figcaption>{move || msg::status_diagram_claim_status(locale.get())}</figcaption>
            <div class="status-diagram-body">
                <div>
                    <p class="diagram-heading">{move || msg::status_diagram_usual_path(locale.get())}</p>
                    <ol class="status-path">
                        {move || HAPPY_PATH.iter().map(|s| step(*s)).collect_view()}
                    </ol>
                </div>
                <div>
                    <p class="diagram-heading">{move || msg::status_diagram_other_outcomes(locale.get())}</p>
                    <ul class="status-side">{move || SIDE_STATES.iter().map(|s| step(*s)).collect_view()}</ul>
                </div>
            </div>
        </figure>
    }
}
