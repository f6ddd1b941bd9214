//! The Help page (`#/help`), linked from the header: what CPOR is, the
//! process and its deadlines (the numbers come from the policy chosen in
//! Settings, never from the text), what a good proof of execution has (the
//! checklist), and where the data is kept.
//!
//! The page is the list [`SECTIONS`]: adding a section is one entry (an
//! anchor id, a heading and a body).

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::domain::catalog::Catalog;
use crate::domain::claim::ChecklistItem;
use crate::domain::finding::Locale;
use crate::domain::policy::Policy;
use crate::i18n::msg;

/// One section of the Help page.
pub struct HelpSection {
    /// The section's id (`help-<id>` in the page), stable for links and tests.
    pub id: &'static str,
    pub title: fn(Locale) -> &'static str,
    /// The section's text in `locale`, under the `policy` in use.
    pub body: fn(Locale, &Policy) -> AnyView,
}

/// The sections, in page order.
pub const SECTIONS: &[HelpSection] = &[
    HelpSection {
        id: "what-is-cpor",
        title: msg::help_what_is_cpor,
        body: what_is_cpor,
    },
    HelpSection {
        id: "process",
        title: msg::help_process,
        body: process,
    },
    HelpSection {
        id: "good-poe",
        title: msg::help_good_poe,
        body: good_poe,
    },
    HelpSection {
        id: "your-data",
        title: msg::help_your_data,
        body: your_data,
    },
];

/// The Help page.
#[component]
pub fn HelpPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    view! {
        <div class="help-page">
            <section class="card" aria-labelledby="help-title">
                <h2 id="help-title">{move || msg::help(locale.get())}</h2>
                <p>{move || msg::help_intro(locale.get())}</p>
            </section>
            {SECTIONS
                .iter()
                .map(|s| {
                    let heading = format!("help-{}-title", s.id);
                    let labelled_by = heading.clone();
                    view! {
                        <section class="card help-section" id=format!("help-{}", s.id) aria-labelledby=labelled_by>
                            <h3 id=heading>{move || (s.title)(locale.get())}</h3>
                            {move || (s.body)(locale.get(), state.policy())}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn what_is_cpor(loc: Locale, _: &Policy) -> AnyView {
    let catalog = Catalog::builtin();
    let areas = catalog
        .solution_areas
        .iter()
        .map(|a| {
            let roles = catalog
                .roles_for(&a.id)
                .map(|r| r.name.get(loc).to_string())
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <li>
                    <strong>{a.name.get(loc).to_string()}</strong>
                    ": "
                    {roles}
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{msg::help_what_is_cpor_text(loc)}</p>
        <p>{msg::help_areas_and_roles(loc)}</p>
        <ul>{areas}</ul>
    }
    .into_any()
}

fn process(loc: Locale, p: &Policy) -> AnyView {
    let business = |n: u32| msg::claims_business_days(loc, n as usize);
    let days = |n: u32| msg::poe_days(loc, n as usize);
    let approved = if p.consent_period_days == 0 {
        msg::help_step_approved_no_consent_period(loc).to_string()
    } else {
        msg::help_step_approved(loc, days(p.consent_period_days))
    };
    view! {
        <ol class="help-steps">
            <li>{msg::help_step_draft(loc)}</li>
            <li>{msg::help_step_submitted(loc, business(p.review_start_business_days))}</li>
            <li>{msg::help_step_under_review(loc, business(p.review_decision_business_days))}</li>
            <li>{msg::help_step_action_required(loc, business(p.partner_response_business_days))}</li>
            <li>{approved}</li>
            <li>
                {msg::help_step_rejected(loc, p.max_disputes as usize, days(p.dispute_window_days))}
                " "
                {msg::help_step_disputed(loc, business(p.dispute_answer_business_days))}
            </li>
        </ol>
        <p>{msg::help_business_days(loc, p.name.get(loc).to_string())}</p>
    }
    .into_any()
}

fn good_poe(loc: Locale, p: &Policy) -> AnyView {
    let items = ChecklistItem::ALL
        .iter()
        .map(|i| view! { <li>{i.label(loc)}</li> })
        .collect_view();
    view! {
        <p>{msg::help_good_poe_intro(loc)}</p>
        <ul class="help-checklist">{items}</ul>
        <p>{msg::help_good_poe_dates(loc, msg::poe_months(loc, p.poe_max_age_months as usize))}</p>
        <p>{msg::help_good_poe_tools(loc)}</p>
    }
    .into_any()
}

fn your_data(loc: Locale, _: &Policy) -> AnyView {
    view! {
        <p>{msg::help_your_data_where(loc)}</p>
        <p>{msg::help_your_data_move(loc)}</p>
    }
    .into_any()
}
