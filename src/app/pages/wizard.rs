//! The claim wizard of SPEC §5: seven steps with Back / Continue, findings
//! from the domain validators next to each field (when the user leaves a
//! field and on Continue), and a draft that is saved as the user types.

use crate::i18n::msg;
use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use crate::app::components::findings::FindingList;
use crate::app::route::{Route, navigate};
use crate::app::state::{AppError, AppState, Lookup, keys, use_app};
use crate::domain::catalog::Catalog;
use crate::domain::catalog::product_name;
use crate::domain::claim::{Claim, Contact, PartnerOrgRef, ProductLine};
use crate::domain::competing::{Association, Overlap, classify, held_associations};
use crate::domain::domain_name::validate_domain;
use crate::domain::finding::{Code, Finding, Locale};
use crate::domain::ids::validate_tenant_id;
use crate::domain::status::new_claim;
use crate::domain::validate::{ClaimContext, validate_claim};
use crate::storage::prefs;

/// A wizard step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    AreaRole,
    Location,
    Customer,
    Products,
    Subscriptions,
    Contacts,
    Review,
}

impl Step {
    const ALL: [Step; 7] = [
        Step::AreaRole,
        Step::Location,
        Step::Customer,
        Step::Products,
        Step::Subscriptions,
        Step::Contacts,
        Step::Review,
    ];

    fn title(self, l: Locale) -> &'static str {
        match self {
            Step::AreaRole => msg::wizard_solution_area_and_partner_role(l),
            Step::Location => msg::partner_location(l),
            Step::Customer => msg::customer(l),
            Step::Products => msg::products(l),
            Step::Subscriptions => msg::wizard_subscriptions(l),
            Step::Contacts => msg::wizard_contacts_and_claim_name(l),
            Step::Review => msg::wizard_review(l),
        }
    }

    /// The step a finding's field belongs to.
    pub fn of_field(field: &str) -> Step {
        match field {
            "solutionArea" | "partnerRole" => Step::AreaRole,
            "partnerLocation" => Step::Location,
            "customerDomain" | "tenantId" | "customerName" => Step::Customer,
            f if f.ends_with(".subscriptionId") => Step::Subscriptions,
            f if f.starts_with("products") => Step::Products,
            _ => Step::Contacts,
        }
    }
}

/// The wizard's autosaved state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WizardDraft {
    pub step: Option<Step>,
    pub claim: Claim,
    /// Fields the user has left (their findings are shown).
    pub touched: BTreeSet<String>,
    /// Steps on which Continue was pressed (all their findings are shown).
    pub attempted: BTreeSet<Step>,
}

impl WizardDraft {
    fn step(&self) -> Step {
        self.step.unwrap_or(Step::AreaRole)
    }
}

/// True when the subscription step is needed: Business Applications
/// products claimed per subscription.
pub fn needs_subscriptions(claim: &Claim) -> bool {
    let catalog = Catalog::builtin();
    claim.solution_area.as_deref() == Some("business_applications")
        && claim
            .products
            .iter()
            .any(|p| catalog.is_per_subscription(&p.product))
}

/// The steps shown for a claim, in order.
pub fn steps_for(claim: &Claim) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|s| *s != Step::Subscriptions || needs_subscriptions(claim))
        .collect()
}

#[derive(Clone, Copy)]
struct W {
    draft: RwSignal<WizardDraft>,
    findings: Memo<Vec<Finding>>,
    locale: RwSignal<Locale>,
}

impl W {
    /// The findings of `field` to show now.
    fn shown(&self, field: &str) -> Vec<Finding> {
        let visible = self
            .draft
            .with(|d| d.touched.contains(field) || d.attempted.contains(&Step::of_field(field)));
        if !visible {
            return Vec::new();
        }
        self.findings
            .with(|fs| fs.iter().filter(|f| f.field == field).cloned().collect())
    }

    fn touch(&self, field: &str) {
        if !self.draft.with_untracked(|d| d.touched.contains(field)) {
            self.draft.update(|d| {
                d.touched.insert(field.to_string());
            });
        }
    }

    fn edit(&self, f: impl FnOnce(&mut Claim)) {
        self.draft.update(|d| f(&mut d.claim));
    }
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
        if d == WizardDraft::default() {
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
        let claim = draft.with(|d| d.claim.clone());
        let profile = state.profile.get();
        let locations = profile
            .as_ref()
            .and_then(|p| p.org())
            .map(|o| o.locations.clone())
            .unwrap_or_default();
        let claim = Claim {
            partner_org: profile
                .as_ref()
                .map(|p| PartnerOrgRef {
                    id: p.org_id.clone(),
                    name: p.org().map(|o| o.name.clone()).unwrap_or_default(),
                })
                .unwrap_or_default(),
            ..claim
        };
        let held = held_associations(state.claims_now().iter());
        let now = state.now().to_utc();
        let policy = state.policy();
        state.with_directory(|dir| {
            let ctx = ClaimContext::new(policy)
                .with_directory(dir)
                .with_now(now)
                .with_locations(&locations)
                .with_held(&held);
            validate_claim(&claim, &ctx)
        })
    });
    let w = W {
        draft,
        findings,
        locale,
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
                    view! { <StepView w=w step=step state=state /> }
                }}
            </Show>
        </section>
    }
}

#[component]
fn StepList(w: W) -> impl IntoView {
    let locale = w.locale;
    view! {
        <ol class="steps" aria-label=move || msg::wizard_steps(locale.get())>
            {move || {
                let loc = locale.get();
                let (current, steps) = w.draft.with(|d| (d.step(), steps_for(&d.claim)));
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

fn go(w: W, to: Step) {
    w.draft.update(|d| d.step = Some(to));
    // Focus the step heading so keyboard and screen-reader users land on it.
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("step-title") {
            let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}

fn continue_from(w: W, step: Step) {
    w.draft.update(|d| {
        d.attempted.insert(step);
    });
    let blocked = w.findings.with_untracked(|fs| {
        fs.iter()
            .find(|f| f.is_error() && Step::of_field(&f.field) == step)
            .map(|f| f.field.clone())
    });
    if let Some(field) = blocked {
        // Focus the first field with an error.
        request_animation_frame(move || {
            let sel = format!("[data-field=\"{field}\"]");
            if let Ok(Some(el)) = document().query_selector(&sel) {
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        });
        return;
    }
    let steps = w.draft.with_untracked(|d| steps_for(&d.claim));
    if let Some(next) = steps.iter().copied().find(|s| *s > step) {
        go(w, next);
    }
}

fn back_from(w: W, step: Step) {
    let steps = w.draft.with_untracked(|d| steps_for(&d.claim));
    if let Some(prev) = steps.iter().rev().copied().find(|s| *s < step) {
        go(w, prev);
    }
}

#[component]
fn StepView(w: W, step: Step, state: AppState) -> impl IntoView {
    let locale = w.locale;
    let body = match step {
        Step::AreaRole => area_role(w).into_any(),
        Step::Location => location(w, state).into_any(),
        Step::Customer => customer(w, state).into_any(),
        Step::Products => products(w, state).into_any(),
        Step::Subscriptions => subscriptions(w, state).into_any(),
        Step::Contacts => contacts(w).into_any(),
        Step::Review => view! { <Review w=w state=state /> }.into_any(),
    };
    let errors_here = move || {
        w.draft.with(|d| d.attempted.contains(&step))
            && w.findings.with(|fs| {
                fs.iter()
                    .any(|f| f.is_error() && Step::of_field(&f.field) == step)
            })
    };
    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                continue_from(w, step);
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
            <div class="actions">
                {(step != Step::AreaRole)
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" on:click=move |_| back_from(w, step)>
                                {move || msg::wizard_back(locale.get())}
                            </button>
                        }
                    })}
                {(step != Step::Review)
                    .then(|| {
                        view! {
                            <button type="submit">{move || msg::wizard_continue(locale.get())}</button>
                        }
                    })}
            </div>
        </form>
    }
}

/// A labelled text input bound to a claim field.
fn text_input(
    w: W,
    id: &'static str,
    field: &'static str,
    label: fn(Locale) -> &'static str,
    kind: &'static str,
    get: fn(&Claim) -> String,
    set: fn(&mut Claim, String),
) -> impl IntoView {
    let locale = w.locale;
    let findings_id = format!("{id}-findings");
    let findings = Signal::derive(move || w.shown(field));
    view! {
        <div class="field">
            <label for=id>{move || label(locale.get())}</label>
            <input
                id=id
                type=kind
                data-field=field
                autocomplete="off"
                spellcheck="false"
                aria-describedby=findings_id.clone()
                aria-invalid=move || {
                    if findings.get().iter().any(Finding::is_error) { "true" } else { "false" }
                }
                prop:value=move || w.draft.with(|d| get(&d.claim))
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|c| set(c, v));
                }
                on:blur=move |_| w.touch(field)
            />
            <FindingList id=findings_id findings=findings locale=locale />
        </div>
    }
}

fn area_role(w: W) -> impl IntoView {
    let locale = w.locale;
    let catalog = Catalog::builtin();
    let area = move || {
        w.draft
            .with(|d| d.claim.solution_area.clone().unwrap_or_default())
    };
    let role = move || {
        w.draft
            .with(|d| d.claim.partner_role.clone().unwrap_or_default())
    };
    let area_findings = Signal::derive(move || w.shown("solutionArea"));
    let role_findings = Signal::derive(move || w.shown("partnerRole"));
    view! {
        <div class="field">
            <label for="w-area">{move || msg::solution_area(locale.get())}</label>
            <select
                id="w-area"
                data-field="solutionArea"
                aria-describedby="w-area-findings w-area-note"
                prop:value=area
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|c| {
                        if c.solution_area.as_deref() != Some(v.as_str()) {
                            c.partner_role = None;
                            c.products.clear();
                        }
                        c.solution_area = (!v.is_empty()).then_some(v);
                    });
                    w.touch("solutionArea");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let current = area();
                    catalog
                        .solution_areas
                        .iter()
                        .map(|a| {
                            view! {
                                <option value=a.id.clone() selected=current == a.id>
                                    {a.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p class="help" id="w-area-note">
                {move || {
                    let loc = locale.get();
                    catalog.area(&area()).map(|a| a.note.get(loc).to_string()).unwrap_or_default()
                }}
            </p>
            <FindingList id="w-area-findings" findings=area_findings locale=locale />
        </div>
        <div class="field">
            <label for="w-role">{move || msg::partner_role(locale.get())}</label>
            <select
                id="w-role"
                data-field="partnerRole"
                aria-describedby="w-role-findings w-role-note"
                prop:value=role
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|c| c.partner_role = (!v.is_empty()).then_some(v));
                    w.touch("partnerRole");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let a = area();
                    let current = role();
                    catalog
                        .roles_for(&a)
                        .map(|r| {
                            view! {
                                <option value=r.id.clone() selected=current == r.id>
                                    {r.name.get(loc).to_string()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <div class="help" id="w-role-note">
                {move || {
                    let loc = locale.get();
                    catalog.role(&role()).map(|r| r.meaning.get(loc).to_string())
                }}
            </div>
            <p class="note warning">
                {move || {
                    msg::wizard_do_not_pick_revenue_association_influenced(locale.get())
                }}
            </p>
            <FindingList id="w-role-findings" findings=role_findings locale=locale />
        </div>
    }
}

fn location(w: W, state: AppState) -> impl IntoView {
    let locale = w.locale;
    let only_enrolled = RwSignal::new(false);
    let findings = Signal::derive(move || w.shown("partnerLocation"));
    let current = move || w.draft.with(|d| d.claim.partner_location.clone());
    view! {
        <div class="field">
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || only_enrolled.get()
                    on:change=move |ev| only_enrolled.set(event_target_checked(&ev))
                />
                {move || {
                    msg::wizard_show_only_locations_enrolled_in_incentives(locale.get())
                }}
            </label>
        </div>
        <div class="field">
            <label for="w-location">
                {move || msg::partner_location_mpn_id(locale.get())}
            </label>
            <select
                id="w-location"
                data-field="partnerLocation"
                aria-describedby="w-location-findings"
                prop:value=current
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|c| c.partner_location = v);
                    w.touch("partnerLocation");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let cur = current();
                    let only = only_enrolled.get();
                    state
                        .profile
                        .get()
                        .and_then(|p| p.org())
                        .map(|o| {
                            o.locations
                                .iter()
                                .filter(|l| !only || l.enrolled || l.mpn_id == cur)
                                .map(|l| {
                                    let text = format!(
                                        "{} – {} ({}){}",
                                        l.mpn_id,
                                        l.name,
                                        l.country,
                                        if l.enrolled {
                                            ""
                                        } else {
                                            msg::wizard_not_enrolled(loc)
                                        },
                                    );
                                    view! {
                                        <option value=l.mpn_id.clone() selected=cur == l.mpn_id>
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </select>
            <FindingList id="w-location-findings" findings=findings locale=locale />
        </div>
    }
}

fn customer(w: W, state: AppState) -> impl IntoView {
    let locale = w.locale;
    // What the directory says about the entered domain.
    let known = Memo::new(move |_| {
        let domain = w.draft.with(|d| d.claim.customer_domain.clone());
        let (ascii, _) = validate_domain("customerDomain", &domain);
        let ascii = ascii?;
        state.with_directory(|dir| {
            let tenant = dir.tenant_for_domain(&ascii)?;
            let name = dir.tenant(&tenant).map(|t| t.name).unwrap_or_default();
            Some((ascii, tenant, name))
        })
    });
    let hint = Memo::new(move |_| {
        known.get().map(|(domain, tenant, _)| {
            let entered = w.draft.with(|d| d.claim.tenant_id.clone());
            let same =
                validate_tenant_id("tenantId", &entered).0.as_deref() == Some(tenant.as_str());
            (domain, tenant, same)
        })
    });
    // Pre-fill the organisation name when the directory knows it.
    Effect::new(move |_| {
        if let Some((_, _, name)) = known.get()
            && !name.is_empty()
            && w.draft
                .with_untracked(|d| d.claim.customer_name.trim().is_empty())
        {
            w.edit(|c| c.customer_name = name);
        }
    });
    let online = move || {
        matches!(
            state.settings.with(|s| s.directory.clone()),
            crate::app::state::DirectorySource::Online { .. }
        )
    };
    // Online directory: look the domain up when the user leaves the field.
    let on_leave = move |_| {
        let domain = w.draft.with_untracked(|d| d.claim.customer_domain.clone());
        if let (Some(ascii), _) = validate_domain("customerDomain", &domain) {
            state.lookup_domain(ascii);
        }
    };
    view! {
        <div on:focusout=on_leave>
        {text_input(
            w,
            "w-domain",
            "customerDomain",
            msg::customer_domain,
            "text",
            |c| c.customer_domain.clone(),
            |c, v| c.customer_domain = v,
        )}
        </div>
        <Show when=online>
            <p class="help lookup" role="status">
                {move || {
                    let loc = locale.get();
                    match state.lookup.get() {
                        Lookup::Looking(d) => {
                            format!("{} {d}…", msg::wizard_looking_up_the_tenant_of(loc))
                        }
                        Lookup::Failed(d, e) => format!("{d}: {}", e.message(loc)),
                        Lookup::Found(_) | Lookup::Idle => {
                            msg::wizard_the_tenant_of_the_domain_is(loc)
                                .to_string()
                        }
                    }
                }}
            </p>
        </Show>
        <div class="directory-hint" role="status">
            {move || {
                let loc = locale.get();
                hint.get()
                    .map(|(domain, tenant, same)| {
                        let t2 = tenant.clone();
                        view! {
                            <p>
                                {msg::wizard_the_directory_says(loc)}
                                <strong>{domain}</strong>
                                {msg::wizard_belongs_to_tenant(loc)}
                                <code>{tenant}</code>
                                "."
                            </p>
                            {(!same)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| {
                                                let t = t2.clone();
                                                w.edit(|c| c.tenant_id = t);
                                                w.touch("tenantId");
                                            }
                                        >
                                            {msg::wizard_use_this_tenant_id(loc)}
                                        </button>
                                    }
                                })}
                        }
                    })
            }}
        </div>
        {text_input(
            w,
            "w-tenant",
            "tenantId",
            msg::tenant_id,
            "text",
            |c| c.tenant_id.clone(),
            |c, v| c.tenant_id = v,
        )}
        {text_input(
            w,
            "w-customer-name",
            "customerName",
            msg::customer_organisation_name,
            "text",
            |c| c.customer_name.clone(),
            |c, v| c.customer_name = v,
        )}
    }
}

fn products(w: W, state: AppState) -> impl IntoView {
    let locale = w.locale;
    let catalog = Catalog::builtin();
    let list_findings = Signal::derive(move || w.shown("products"));
    let area_tenant = Memo::new(move |_| {
        w.draft.with(|d| {
            (
                d.claim.solution_area.clone().unwrap_or_default(),
                validate_tenant_id("tenantId", &d.claim.tenant_id).0,
            )
        })
    });
    view! {
        <fieldset class="products" data-field="products" tabindex="-1" aria-describedby="w-products-findings">
            <legend>{move || msg::products(locale.get())}</legend>
            {move || {
                let loc = locale.get();
                let (area, tenant) = area_tenant.get();
                let org = state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone())).unwrap_or_default();
                let held = held_associations(state.claims_now().iter());
                catalog
                    .products_for(&area)
                    .map(|p| {
                        let pid = p.id.clone();
                        let index_of = {
                            let pid = p.id.clone();
                            move || w.draft.with(|d| d.claim.products.iter().position(|l| l.product == pid))
                        };
                        let index = untrack(index_of.clone());
                        let checked = {
                            let index_of = index_of.clone();
                            move || index_of().is_some()
                        };
                        let overlap = tenant.as_ref().and_then(|t| {
                            classify(
                                &Association {
                                    partner_org_id: org.clone(),
                                    claim_id: String::new(),
                                    tenant_id: t.clone(),
                                    product: p.id.clone(),
                                    subscription_id: None,
                                },
                                &held,
                            )
                        });
                        let disabled = overlap == Some(Overlap::OwnOrganisation) && index.is_none();
                        let input_id = format!("w-product-{}", p.id);
                        let note = match overlap {
                            Some(Overlap::OwnOrganisation) => {
                                Some(("note error", Code::ProductAlreadyAssociated.message(loc)))
                            }
                            Some(Overlap::OtherPartner) => {
                                Some(("note warning", Code::ProductCompeting.message(loc)))
                            }
                            None if !p.claimable => {
                                Some(("note warning", Code::ProductPowerBiDpor.message(loc)))
                            }
                            None => None,
                        };
                        let findings_id = format!("{input_id}-findings");
                        let label_for = input_id.clone();
                        let shown = Signal::derive(move || {
                            index_of()
                                .map(|i| w.shown(&format!("products[{i}].product")))
                                .unwrap_or_default()
                        });
                        view! {
                            <div class="product">
                                <label class="check" for=label_for>
                                    <input
                                        id=input_id
                                        type="checkbox"
                                        disabled=disabled
                                        prop:checked=checked
                                        aria-describedby=findings_id.clone()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let pid = pid.clone();
                                            w.edit(|c| {
                                                if on {
                                                    if !c.products.iter().any(|l| l.product == pid) {
                                                        c.products.push(ProductLine::new(pid));
                                                    }
                                                } else {
                                                    c.products.retain(|l| l.product != pid);
                                                }
                                            });
                                            w.touch("products");
                                        }
                                    />
                                    {p.name.clone()}
                                </label>
                                {note.map(|(class, text)| view! { <p class=class>{text}</p> })}
                                <FindingList id=findings_id findings=shown locale=locale />
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
        <FindingList id="w-products-findings" findings=list_findings locale=locale />
    }
}

fn subscriptions(w: W, state: AppState) -> impl IntoView {
    let locale = w.locale;
    let catalog = Catalog::builtin();
    let lines = Memo::new(move |_| {
        w.draft.with(|d| {
            let products: Vec<(usize, String)> = d
                .claim
                .products
                .iter()
                .enumerate()
                .filter(|(_, l)| catalog.is_per_subscription(&l.product))
                .map(|(i, l)| (i, l.product.clone()))
                .collect();
            (
                products,
                validate_tenant_id("tenantId", &d.claim.tenant_id).0,
            )
        })
    });
    move || {
        let loc = locale.get();
        let (products, tenant) = lines.get();
        products
            .into_iter()
            .map(|(i, product)| {
                let line = ProductLine::new(product);
                let field = format!("products[{i}].subscriptionId");
                let input_id = format!("w-sub-{}", line.product);
                let findings_id = format!("{input_id}-findings");
                let f2 = field.clone();
                let f3 = field.clone();
                let shown = Signal::derive(move || w.shown(&f2));
                let product = line.product.clone();
                let p2 = product.clone();
                let known: Vec<String> = tenant
                    .as_ref()
                    .map(|t| {
                        state.with_directory(|dir| {
                            dir.subscriptions_on(t, &product)
                                .into_iter()
                                .map(|s| s.id)
                                .collect()
                        })
                    })
                    .unwrap_or_default();
                view! {
                    <fieldset class="subscription">
                        <legend>{product_name(&line.product)}</legend>
                        <div class="field">
                            <label for=input_id.clone()>
                                {msg::subscription_id(loc)}
                            </label>
                            <input
                                id=input_id
                                type="text"
                                data-field=field.clone()
                                autocomplete="off"
                                spellcheck="false"
                                aria-describedby=findings_id.clone()
                                prop:value=move || {
                                    w.draft
                                        .with(|d| {
                                            d.claim
                                                .products
                                                .get(i)
                                                .and_then(|l| l.subscription_id.clone())
                                                .unwrap_or_default()
                                        })
                                }
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    let p = p2.clone();
                                    w.edit(|c| {
                                        if let Some(l) = c.products.iter_mut().find(|l| l.product == p) {
                                            l.subscription_id = (!v.trim().is_empty()).then_some(v);
                                        }
                                    });
                                }
                                on:blur=move |_| w.touch(&f3)
                            />
                            {(!known.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="help">
                                            {msg::wizard_the_directory_lists_these_subscriptions_of(loc)}
                                            {known
                                                .iter()
                                                .map(|s| view! { <code>{s.clone()}</code>" " })
                                                .collect_view()}
                                        </p>
                                    }
                                })}
                            <FindingList id=findings_id findings=shown locale=locale />
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    }
}

fn contacts(w: W) -> impl IntoView {
    let locale = w.locale;
    fn phone(c: &Contact) -> String {
        c.phone.clone().unwrap_or_default()
    }
    fn set_phone(c: &mut Contact, v: String) {
        c.phone = (!v.trim().is_empty()).then_some(v);
    }
    view! {
        <fieldset>
            <legend>{move || msg::customer_contact(locale.get())}</legend>
            {text_input(
                w,
                "w-cc-name",
                "customerContact.name",
                msg::customer_contact_name,
                "text",
                |c| c.customer_contact.name.clone(),
                |c, v| c.customer_contact.name = v,
            )}
            {text_input(
                w,
                "w-cc-email",
                "customerContact.email",
                msg::customer_contact_email,
                "email",
                |c| c.customer_contact.email.clone(),
                |c, v| c.customer_contact.email = v,
            )}
            {text_input(
                w,
                "w-cc-phone",
                "customerContact.phone",
                msg::customer_contact_phone_optional,
                "tel",
                |c| phone(&c.customer_contact),
                |c, v| set_phone(&mut c.customer_contact, v),
            )}
        </fieldset>
        <fieldset>
            <legend>{move || msg::partner_contact(locale.get())}</legend>
            <p class="help">
                {move || {
                    msg::wizard_the_partner_contact_is_named_in(locale.get())
                }}
            </p>
            {text_input(
                w,
                "w-pc-name",
                "partnerContact.name",
                msg::partner_contact_name,
                "text",
                |c| c.partner_contact.name.clone(),
                |c, v| c.partner_contact.name = v,
            )}
            {text_input(
                w,
                "w-pc-email",
                "partnerContact.email",
                msg::partner_contact_email,
                "email",
                |c| c.partner_contact.email.clone(),
                |c, v| c.partner_contact.email = v,
            )}
            {text_input(
                w,
                "w-pc-phone",
                "partnerContact.phone",
                msg::partner_contact_phone_optional,
                "tel",
                |c| phone(&c.partner_contact),
                |c, v| set_phone(&mut c.partner_contact, v),
            )}
        </fieldset>
        {text_input(
            w,
            "w-name",
            "name",
            msg::claim_name,
            "text",
            |c| c.name.clone(),
            |c, v| c.name = v,
        )}
    }
}

#[component]
fn Review(w: W, state: AppState) -> impl IntoView {
    let locale = w.locale;
    let busy = RwSignal::new(false);
    let create_error = RwSignal::new(None::<String>);
    let errors = move || {
        w.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.is_error())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let warnings = Signal::derive(move || {
        w.findings.with(|fs| {
            fs.iter()
                .filter(|f| !f.is_error())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let blocking = Signal::derive(errors);
    let create = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(profile) = state.profile.get_untracked() else {
            create_error.set(Some(AppError::NoProfile.message(locale.get_untracked())));
            return;
        };
        w.draft.update(|d| {
            d.attempted.extend(Step::ALL);
        });
        if !blocking.get_untracked().is_empty() {
            return;
        }
        let mut template = w.draft.get_untracked().claim;
        // Store the canonical forms of the identifiers.
        if let (Some(ascii), _) = validate_domain("customerDomain", &template.customer_domain) {
            template.customer_domain = ascii;
        }
        if let (Some(t), _) = validate_tenant_id("tenantId", &template.tenant_id) {
            template.tenant_id = t;
        }
        for line in &mut template.products {
            if let Some(s) = line.subscription().map(str::to_string)
                && let Ok(c) = crate::domain::ids::canonical_guid(&s)
            {
                line.subscription_id = Some(c);
            }
        }
        template.partner_org = PartnerOrgRef {
            id: profile.org_id.clone(),
            name: profile.org().map(|o| o.name.clone()).unwrap_or_default(),
        };
        let id = AppState::new_id();
        let claim = match new_claim(
            id.clone(),
            template,
            &profile.actor(),
            state.now_untracked(),
        ) {
            Ok(c) => c,
            Err(e) => {
                create_error.set(Some(AppError::from(e).message(locale.get_untracked())));
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            match state.create(claim).await {
                Ok(saved) => {
                    prefs::remove(keys::WIZARD_DRAFT);
                    w.draft.set(WizardDraft::default());
                    navigate(&Route::Claim(saved.id));
                }
                Err(e) => create_error.set(Some(e.message(locale.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let summary = move || {
        let loc = locale.get();
        let c = w.draft.with(|d| d.claim.clone());
        let catalog = Catalog::builtin();
        let area = c
            .solution_area
            .as_deref()
            .and_then(|a| catalog.area(a))
            .map(|a| a.name.get(loc).to_string())
            .unwrap_or_default();
        let role = c
            .partner_role
            .as_deref()
            .and_then(|r| catalog.role(r))
            .map(|r| r.name.get(loc).to_string())
            .unwrap_or_default();
        let products = c
            .products
            .iter()
            .map(|l| match l.subscription() {
                Some(s) => format!("{} ({s})", product_name(&l.product)),
                None => product_name(&l.product),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let contact = |x: &Contact| {
            let mut s = format!("{} <{}>", x.name, x.email);
            if let Some(p) = x.phone.as_deref().filter(|p| !p.trim().is_empty()) {
                s.push_str(&format!(", {p}"));
            }
            s
        };
        let rows: Vec<(&'static str, String, Step)> = vec![
            (msg::solution_area(loc), area, Step::AreaRole),
            (msg::partner_role(loc), role, Step::AreaRole),
            (
                msg::partner_location_mpn_id(loc),
                c.partner_location.clone(),
                Step::Location,
            ),
            (
                msg::customer_domain(loc),
                c.customer_domain.clone(),
                Step::Customer,
            ),
            (msg::tenant_id(loc), c.tenant_id.clone(), Step::Customer),
            (
                msg::customer_organisation_name(loc),
                c.customer_name.clone(),
                Step::Customer,
            ),
            (msg::products(loc), products, Step::Products),
            (
                msg::customer_contact(loc),
                contact(&c.customer_contact),
                Step::Contacts,
            ),
            (
                msg::partner_contact(loc),
                contact(&c.partner_contact),
                Step::Contacts,
            ),
            (msg::claim_name(loc), c.name.clone(), Step::Contacts),
        ];
        rows.into_iter()
            .map(|(k, v, step)| {
                view! {
                    <dt>{k}</dt>
                    <dd>
                        {v}
                        " "
                        <button type="button" class="link" on:click=move |_| go(w, step)>
                            {msg::wizard_change(loc)}
                            <span class="sr-only">" "{k}</span>
                        </button>
                    </dd>
                }
            })
            .collect_view()
    };
    view! {
        <dl class="summary">{summary}</dl>
        <Show when=move || !blocking.get().is_empty()>
            <div class="banner error" role="alert">
                <p>
                    {move || {
                        msg::wizard_these_must_be_corrected_before_the(locale.get())
                    }}
                </p>
                <FindingList id="w-review-errors" findings=blocking locale=locale />
            </div>
        </Show>
        <Show when=move || !warnings.get().is_empty()>
            <div class="banner warning">
                <p>{move || msg::wizard_warnings_they_do_not_block(locale.get())}</p>
                <FindingList id="w-review-warnings" findings=warnings locale=locale />
            </div>
        </Show>
        <p class="help">
            {move || {
                msg::wizard_the_claim_is_stored_in_status(locale.get())
            }}
        </p>
        {move || create_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
        <button type="button" class="primary" disabled=move || busy.get() on:click=create>
            {move || msg::wizard_create_claim(locale.get())}
        </button>
    }
}
