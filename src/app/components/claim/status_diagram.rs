//! The status machine of SPEC §8 as an accessible diagram: the usual path
//! as an ordered list of steps, the other outcomes beside it, the current
//! status marked with `aria-current="step"` (and in words, not only colour).

use leptos::prelude::*;

use crate::app::i18n::tr;
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
            Status::PartnerActionRequired => Some(tr(
                loc,
                "only if the reviewer asks for more information; resubmit from here",
                "bara om granskaren begär mer information; skicka in igen härifrån",
            )),
            Status::ConsentPeriodEnded => Some(tr(
                loc,
                "sent for incentive evaluation",
                "skickat för utvärdering av incitament",
            )),
            Status::Rejected => Some(tr(
                loc,
                "by the reviewer, on the partner's request, or with no partner response",
                "av granskaren, på partnerns begäran eller utan partnersvar",
            )),
            Status::CustomerConsentDenied => Some(tr(
                loc,
                "the customer contact denied consent",
                "kundkontakten nekade medgivande",
            )),
            Status::Disputed => Some(tr(
                loc,
                "the partner disputed a rejection",
                "partnern bestred ett avslag",
            )),
            _ => None,
        };
        view! {
            <li class=class data-status=s.id() aria-current=current.then_some("step")>
                <span class="step-label">{s.label(loc)}</span>
                {current
                    .then(|| {
                        view! { <span class="step-now">" "{tr(loc, "(current status)", "(nuvarande status)")}</span> }
                    })}
                {note.map(|n| view! { <span class="step-note">{n}</span> })}
            </li>
        }
    };
    view! {
        <figure class="status-diagram">
            <figcaption>{move || tr(locale.get(), "Claim status", "Anspråkets status")}</figcaption>
            <div class="status-diagram-body">
                <div>
                    <p class="diagram-heading">{move || tr(locale.get(), "Usual path", "Vanlig väg")}</p>
                    <ol class="status-path">
                        {move || HAPPY_PATH.iter().map(|s| step(*s)).collect_view()}
                    </ol>
                </div>
                <div>
                    <p class="diagram-heading">{move || tr(locale.get(), "Other outcomes", "Andra utfall")}</p>
                    <ul class="status-side">{move || SIDE_STATES.iter().map(|s| step(*s)).collect_view()}</ul>
                </div>
            </div>
        </figure>
    }
}
