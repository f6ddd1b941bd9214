//! "What you can do": the claim's next steps from
//! [`crate::domain::guidance`], in words: the reviewer's own reasons and
//! comment, what approval means, what follows a denied consent, an ended
//! subscription or an association another partner took over.

use leptos::prelude::*;

use crate::app::components::findings::SupportLink;
use crate::app::state::use_app;
use crate::domain::catalog::product_name;
use crate::domain::claim::Claim;
use crate::domain::directory::SubscriptionStatus;
use crate::domain::finding::Locale;
use crate::domain::guidance::{NextStep, next_steps};
use crate::i18n::{format_date, msg};

/// A subscription's status in words ("expired").
pub fn subscription_status_text(status: SubscriptionStatus, locale: Locale) -> &'static str {
    match status {
        SubscriptionStatus::Active => msg::subscription_status_active(locale),
        SubscriptionStatus::InGrace => msg::subscription_status_in_grace(locale),
        SubscriptionStatus::Expired => msg::subscription_status_expired(locale),
        SubscriptionStatus::Disabled => msg::subscription_status_disabled(locale),
        SubscriptionStatus::Suspended => msg::subscription_status_suspended(locale),
        SubscriptionStatus::Unknown => msg::subscription_status_unknown(locale),
    }
}

fn products_list(products: &[String]) -> String {
    products
        .iter()
        .map(|p| product_name(p))
        .collect::<Vec<_>>()
        .join(", ")
}

fn step_view(step: NextStep, loc: Locale) -> AnyView {
    let comment = |c: String| {
        (!c.is_empty())
            .then(|| view! { <p class="reviewer-comment">{msg::next_reviewer_comment(loc, c)}</p> })
    };
    match step {
        NextStep::Respond {
            reasons,
            comment: c,
            due,
        } => {
            let reasons = reasons
                .iter()
                .map(|r| r.label(loc))
                .collect::<Vec<_>>()
                .join(", ");
            let how = match due {
                Some(d) => msg::next_respond_how(loc, format_date(d, loc)),
                None => msg::next_respond_how_undated(loc).to_string(),
            };
            view! {
                <div class="next-step" data-step="respond">
                    <p><strong>{msg::next_respond_reasons(loc, reasons)}</strong></p>
                    {comment(c)}
                    <p>{how}</p>
                </div>
            }
            .into_any()
        }
        NextStep::Rejected { reason, comment: c } => view! {
            <div class="next-step" data-step="rejected">
                <p><strong>{msg::next_rejected(loc, reason.label(loc))}</strong></p>
                {comment(c)}
            </div>
        }
        .into_any(),
        NextStep::Approved { consent_until } => {
            let then = match consent_until {
                Some(d) => msg::next_approved_consent(loc, format_date(d, loc)),
                None => msg::next_approved_no_consent(loc).to_string(),
            };
            view! {
                <div class="next-step" data-step="approved">
                    <p><strong>{msg::next_approved(loc)}</strong></p>
                    <p>{then}</p>
                </div>
            }
            .into_any()
        }
        NextStep::SentForEvaluation => view! {
            <div class="next-step" data-step="sent-for-evaluation">
                <p>{msg::next_sent_for_evaluation(loc)}</p>
            </div>
        }
        .into_any(),
        NextStep::ConsentDenied => view! {
            <div class="next-step" data-step="consent-denied">
                <p>{msg::next_consent_denied(loc)}</p>
            </div>
        }
        .into_any(),
        NextStep::SubscriptionEnded {
            product,
            subscription,
            status,
        } => view! {
            <div class="next-step warning" data-step="subscription-ended">
                <p>
                    {msg::next_subscription_ended(
                        loc,
                        subscription,
                        product_name(&product),
                        subscription_status_text(status, loc),
                    )}
                    " "
                    <SupportLink />
                </p>
            </div>
        }
        .into_any(),
        NextStep::AssociationEnded { products } => view! {
            <div class="next-step warning" data-step="association-ended">
                <p>{msg::next_association_ended(loc, products_list(&products))}</p>
            </div>
        }
        .into_any(),
    }
}

/// The claim's next steps now (with the directory of the settings).
#[component]
pub fn NextSteps(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let steps = Memo::new(move |_| {
        let now = state.now();
        let policy = state.policy();
        state.with_directory(|dir| claim.with(|c| next_steps(c, now, policy, Some(dir))))
    });
    move || {
        let loc = locale.get();
        steps
            .get()
            .into_iter()
            .map(|s| step_view(s, loc))
            .collect_view()
    }
}
