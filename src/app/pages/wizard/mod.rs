//! The claim wizard page of docs/rules.md#wizard: the page, its step list and the step
//! outlet (the form with Back / Continue), with one file per step view.
//! Findings from the domain validators are shown next to each field (when
//! the user leaves a field and on Continue), and the draft is saved as the
//! user types.
//!
//! The steps, their order, what each needs before Continue, the edits and
//! the draft are the model in [`crate::domain::wizard`]; the views here
//! render a [`WizardDraft`] and send it the user's edits.
//!
//! - `area`: solution area and partner role;
//! - `location`: partner location;
//! - `customer`: domain, tenant ID and name, with the directory's hint;
//! - `products`: the area's products, held ones disabled, competing ones warned;
//! - `subscriptions`: subscription IDs (Business Applications only);
//! - `contacts`: customer and partner contacts, claim name;
//! - `review`: the summary, all findings, and Create claim.

mod area;
mod contacts;
mod customer;
mod location;
mod products;
mod review;
mod subscriptions;

use crate::i18n::msg;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::components::field::{Binding, Field, InputKind};
use crate::app::state::{AppError, AppState, keys, use_app};
use crate::domain::finding::{Finding, Locale};
use crate::domain::wizard::{Continue, Step, TextField, WizardDraft};
use crate::storage::prefs;

/// The wizard's reactive handle, shared by its views: the draft (the
/// model), the findings of its claim, and the language.
#[derive(Clone, Copy)]
struct WizardForm {
    draft: RwSignal<WizardDraft>,
    findings: Memo<Vec<Finding>>,
    locale: RwSignal<Locale>,
    state: AppState,
}

impl WizardForm {
    /// The findings of `field` to show now.
    fn shown(&self, field: &str) -> Vec<Finding> {
        if !self.draft.with(|d| d.shows(field)) {
            return Vec::new();
        }
        self.findings
            .with(|fs| fs.iter().filter(|f| f.field == field).cloned().collect())
    }

    /// The user left `field` (the draft changes only the first time).
    fn touch(&self, field: &str) {
        self.draft.maybe_update(|d| d.touch(field));
    }

    /// Applies an edit to the draft.
    fn edit(&self, f: impl FnOnce(&mut WizardDraft)) {
        self.draft.update(f);
    }

    /// Goes to `step` and focuses its heading, so keyboard and
    /// screen-reader users land on it.
    fn go(&self, step: Step) {
        self.edit(|d| d.go(step));
        focus_step_title();
    }

    /// Continue on `step`: on to the next step, or focus the first field
    /// with an error.
    fn continue_from(&self, step: Step) {
        let findings = self.findings.get_untracked();
        let moved = untrack(|| {
            self.state.with_directory(|dir| {
                self.draft
                    .try_update(|d| d.continue_from(step, &findings, Some(dir)))
            })
        });
        match moved {
            Some(Continue::Blocked { field }) => request_animation_frame(move || {
                let sel = format!("[data-field=\"{field}\"]");
                if let Ok(Some(el)) = document().query_selector(&sel) {
                    let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }),
            Some(Continue::Moved(_)) => focus_step_title(),
            Some(Continue::Stayed) | None => {}
        }
    }

    /// Back from `step`.
    fn back_from(&self, step: Step) {
        let mut moved = false;
        untrack(|| {
            self.state.with_directory(|dir| {
                self.draft.maybe_update(|d| {
                    moved = d.back_from(step, Some(dir)).is_some();
                    moved
                })
            })
        });
        if moved {
            focus_step_title();
        }
    }

    /// The input of a free-text field, bound to the draft's claim.
    fn text_input(self, text: TextField) -> impl IntoView {
        let (id, label, kind) = input_of(text);
        let field = text.field();
        let value = Binding::new(
            move || self.draft.with(|d| text.get(&d.claim)),
            move |v| self.edit(|d| d.set_text(text, v)),
        );
        view! {
            <Field
                id=id
                label=label
                value=value
                locale=self.locale
                findings=Signal::derive(move || self.shown(field))
                kind=kind
                data_field=field
                on_blur=move |_| self.touch(field)
            />
        }
    }
}

/// The id, label and input type of each free-text field.
fn input_of(text: TextField) -> (&'static str, fn(Locale) -> &'static str, InputKind) {
    use InputKind::{Email, Tel, Text};
    match text {
        TextField::CustomerDomain => ("w-domain", msg::customer_domain, Text),
        TextField::TenantId => ("w-tenant", msg::tenant_id, Text),
        TextField::CustomerName => ("w-customer-name", msg::customer_organisation_name, Text),
        TextField::CustomerContactName => ("w-cc-name", msg::customer_contact_name, Text),
        TextField::CustomerContactEmail => ("w-cc-email", msg::customer_contact_email, Email),
        TextField::CustomerContactPhone => {
            ("w-cc-phone", msg::customer_contact_phone_optional, Tel)
        }
        TextField::PartnerContactName => ("w-pc-name", msg::partner_contact_name, Text),
        TextField::PartnerContactEmail => ("w-pc-email", msg::partner_contact_email, Email),
        TextField::PartnerContactPhone => ("w-pc-phone", msg::partner_contact_phone_optional, Tel),
        TextField::ClaimName => ("w-name", msg::claim_name, Text),
    }
}

fn focus_step_title() {
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("step-title") {
            let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}

fn load_draft() -> WizardDraft {
    prefs::get::<WizardDraft>(keys::WIZARD_DRAFT)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The wizard page.
#[component]
pub fn WizardPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let draft = RwSignal::new(load_draft());
    let saved_note = RwSignal::new(None::<String>);

    // Autosave on every change (localStorage writes are synchronous, so a
    // closed tab keeps the last keystroke).
    Effect::new(move |_| {
        let d = draft.get();
        if d.is_blank() {
            // Nothing typed (or the claim was created): no draft to keep.
            prefs::remove(keys::WIZARD_DRAFT);
            return;
        }
        match prefs::set(keys::WIZARD_DRAFT, &d) {
            Ok(()) => saved_note.set(None),
            Err(e) => saved_note.set(Some(AppError::Storage(e).message(locale.get_untracked()))),
        }
    });

    let findings = Memo::new(move |_| {
        let partner_org = state
            .profile
            .with(|p| p.as_ref().map(|p| p.org_ref()))
            .unwrap_or_default();
        let org_id = partner_org.id.clone();
        state.with_claim_context(&org_id, |ctx| draft.with(|d| d.findings(partner_org, ctx)))
    });
    let w = WizardForm {
        draft,
        findings,
        locale,
        state,
    };
    let current_step = Memo::new(move |_| draft.with(|d| d.step()));
    let can_edit = move || {
        state
            .profile
            .with(|p| p.as_ref().is_some_and(|p| p.role.can_edit_claims()))
    };

    view! {
        <section class="card wizard" aria-labelledby="wizard-title">
            <div class="card-head">
                <h2 id="wizard-title">{move || msg::new_claim(locale.get())}</h2>
                <Show when=can_edit>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            let ok = window()
                                .confirm_with_message(
                                    msg::wizard_discard_this_draft_and_start_over(locale.get_untracked()),
                                )
                                .unwrap_or(false);
                            if ok {
                                draft.set(WizardDraft::default());
                            }
                        }
                    >
                        {move || msg::wizard_start_over(locale.get())}
                    </button>
                </Show>
            </div>
            <Show
                when=can_edit
                fallback=move || {
                    view! {
                        <p class="banner warning">
                            {move || {
                                msg::wizard_your_role_may_only_view_claims(locale.get())
                            }}
                        </p>
                    }
                }
            >
                <StepList w=w />
                <p class="help autosave" role="status">
                    {move || {
                        saved_note
                            .get()
                            .unwrap_or_else(|| {
                                msg::wizard_your_draft_is_saved_in_this(locale.get())
                                    .to_string()
                            })
                    }}
                </p>
                {move || {
                    // Only a step change re-renders the form (typing keeps focus).
                    let step = current_step.get();
                    view! { <StepView w=w step=step /> }
                }}
            </Show>
        </section>
    }
}

#[component]
fn StepList(w: WizardForm) -> impl IntoView {
    let locale = w.locale;
    view! {
        <ol class="steps" aria-label=move || msg::wizard_steps(locale.get())>
            {move || {
                let loc = locale.get();
                let (current, steps) = w
                    .state
                    .with_directory(|dir| w.draft.with(|d| (d.step(), d.steps(Some(dir)))));
                steps
                    .into_iter()
                    .enumerate()
                    .map(|(n, s)| {
                        let state = if s == current {
                            Some("step")
                        } else {
                            None
                        };
                        let done = s < current;
                        view! {
                            <li aria-current=state class:done=done>
                                {format!("{}. {}", n + 1, s.title(loc))}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}

/// **Back** from `step`.
fn back_button(w: WizardForm, step: Step) -> impl IntoView {
    let locale = w.locale;
    view! {
        <button type="button" class="secondary" on:click=move |_| w.back_from(step)>
            {move || msg::wizard_back(locale.get())}
        </button>
    }
}

/// The step outlet: the step's form, its error banner, Back and Continue.
#[component]
fn StepView(w: WizardForm, step: Step) -> impl IntoView {
    let locale = w.locale;
    let body = match step {
        Step::AreaRole => area::step(w).into_any(),
        Step::Location => location::step(w).into_any(),
        Step::Customer => customer::step(w).into_any(),
        Step::Products => products::step(w).into_any(),
        Step::Subscriptions => subscriptions::step(w).into_any(),
        Step::Contacts => contacts::step(w).into_any(),
        Step::Review => review::step(w).into_any(),
    };
    let errors_here = move || {
        w.findings
            .with(|fs| w.draft.with(|d| d.errors_shown(step, fs)))
    };
    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                w.continue_from(step);
            }
        >
            <h3 id="step-title" tabindex="-1">{move || step.title(locale.get())}</h3>
            {body}
            <Show when=errors_here>
                <p class="banner error" role="alert">
                    {move || {
                        msg::wizard_please_correct_the_fields_marked_as(locale.get())
                    }}
                </p>
            </Show>
            // The review step has its own row: Back beside Create claim.
            {(step != Step::Review)
                .then(|| {
                    view! {
                        <div class="actions">
                            {(step != Step::FIRST).then(|| back_button(w, step))}
                            <button type="submit">{move || msg::wizard_continue(locale.get())}</button>
                        </div>
                    }
                })}
        </form>
    }
}
