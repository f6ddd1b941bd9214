//! The edit form (`Event::Edit`): pre-filled with the claim as it was when
//! the form opened. In Draft every field is editable; after submission only
//! the fields of [`EDITABLE_AFTER_SUBMIT`] (partner location, products with
//! subscription IDs, contacts) are, and the others are shown read-only with
//! the reason. Saving sends a [`ClaimPatch`] of only the changed fields with
//! the revision the form started from, so a concurrent change becomes a
//! conflict (shown by the shell) and the form keeps the user's input.

use crate::i18n::{Locale, msg};
use leptos::prelude::*;

use super::{ActionError, area_name, role_name};
use crate::app::components::field::Field;
use crate::app::components::findings::FindingList;
use crate::app::state::{AppError, use_app};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Contact, ProductLine, Status};
use crate::domain::finding::Finding;
use crate::domain::partners::partner;
use crate::domain::roles::Actor;
use crate::domain::status::{ClaimPatch, EDITABLE_AFTER_SUBMIT, Event};
use crate::domain::validate::validate_claim;

/// One product row of the form.
#[derive(Clone, Copy)]
struct ProductRow {
    key: u64,
    product: RwSignal<String>,
    subscription: RwSignal<String>,
}

/// A contact's three inputs.
#[derive(Clone, Copy)]
struct ContactFields {
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
}

impl ContactFields {
    fn new(c: &Contact) -> Self {
        ContactFields {
            name: RwSignal::new(c.name.clone()),
            email: RwSignal::new(c.email.clone()),
            phone: RwSignal::new(c.phone.clone().unwrap_or_default()),
        }
    }

    /// The contact as typed (tracked), trimmed as it is saved.
    fn tracked(&self) -> Contact {
        let phone = self.phone.get().trim().to_string();
        Contact {
            name: self.name.get().trim().to_string(),
            email: self.email.get().trim().to_string(),
            phone: (!phone.is_empty()).then_some(phone),
        }
    }

    fn value(&self) -> Contact {
        let phone = self.phone.get_untracked().trim().to_string();
        Contact {
            name: self.name.get_untracked().trim().to_string(),
            email: self.email.get_untracked().trim().to_string(),
            phone: (!phone.is_empty()).then_some(phone),
        }
    }
}

/// Whether a finding's field path lies within the claim field `top`
/// (`products[0].subscriptionId` within `products[0]`).
fn within(field: &str, top: &str) -> bool {
    field
        .strip_prefix(top)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

fn changed_text(now: RwSignal<String>, before: &str) -> Option<String> {
    let v = now.get_untracked().trim().to_string();
    (v != before.trim()).then_some(v)
}

/// The edit form for `claim` as `actor`. `on_close` runs after a save or
/// on Cancel.
#[component]
pub fn EditForm(
    #[prop(into)] claim: Signal<Claim>,
    actor: Actor,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let original = claim.get_untracked();
    let base_revision = original.revision;
    let status = original.status;
    let draft = status == Status::Draft;
    let editable = move |field: &str| draft || EDITABLE_AFTER_SUBMIT.contains(&field);
    let catalog = Catalog::builtin();
    let locations = partner(&original.partner_org.id)
        .map(|o| o.locations.clone())
        .unwrap_or_default();

    let name = RwSignal::new(original.name.clone());
    let area = RwSignal::new(original.solution_area.clone().unwrap_or_default());
    let role = RwSignal::new(original.partner_role.clone().unwrap_or_default());
    let location = RwSignal::new(original.partner_location.clone());
    let customer_name = RwSignal::new(original.customer_name.clone());
    let domain = RwSignal::new(original.customer_domain.clone());
    let tenant = RwSignal::new(original.tenant_id.clone());
    let next_key = StoredValue::new(0u64);
    let new_row = move |p: &ProductLine| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        ProductRow {
            key,
            product: RwSignal::new(p.product.clone()),
            subscription: RwSignal::new(p.subscription_id.clone().unwrap_or_default()),
        }
    };
    let rows = RwSignal::new(original.products.iter().map(new_row).collect::<Vec<_>>());
    let customer = ContactFields::new(&original.customer_contact);
    let partner_c = ContactFields::new(&original.partner_contact);
    let error = RwSignal::new(None::<AppError>);
    let saving = RwSignal::new(false);

    // The claim as the form has it now (every field, as it would be saved).
    let orig_c = original.clone();
    let candidate = Memo::new(move |_| {
        let mut c = orig_c.clone();
        if draft {
            c.name = name.get().trim().to_string();
            let opt = |s: String| (!s.is_empty()).then_some(s);
            c.solution_area = opt(area.get());
            c.partner_role = opt(role.get());
            c.customer_name = customer_name.get().trim().to_string();
            c.customer_domain = domain.get().trim().to_string();
            c.tenant_id = tenant.get().trim().to_string();
        }
        c.partner_location = location.get().trim().to_string();
        c.products = rows
            .get()
            .iter()
            .filter(|r| !r.product.get().trim().is_empty())
            .map(|r| {
                let sub = r.subscription.get().trim().to_string();
                ProductLine {
                    product: r.product.get(),
                    subscription_id: (!sub.is_empty()).then_some(sub),
                }
            })
            .collect();
        c.customer_contact = customer.tracked();
        c.partner_contact = partner_c.tracked();
        c
    });
    // Live findings: every claim check with the directory, the clock, the
    // locations and held associations, as Submit and the wizard run them.
    let findings = Memo::new(move |_| {
        candidate
            .with(|c| state.with_claim_context(&c.partner_org.id, |ctx| validate_claim(c, ctx)))
    });
    let of = move |top: &'static str| {
        Signal::derive(move || {
            findings.with(|fs| {
                fs.iter()
                    .filter(|f| within(&f.field, top))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let name_f = of("name");
    let domain_f = of("customerDomain");
    let tenant_f = of("tenantId");
    let customer_name_f = of("customerName");
    let location_f = of("partnerLocation");
    let cc_name_f = of("customerContact.name");
    let cc_email_f = of("customerContact.email");
    let cc_phone_f = of("customerContact.phone");
    let pc_name_f = of("partnerContact.name");
    let pc_email_f = of("partnerContact.email");
    let pc_phone_f = of("partnerContact.phone");
    let products_f = Signal::derive(move || {
        findings.with(|fs| {
            fs.iter()
                .filter(|f| f.field == "products")
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // A row's findings: its index among the rows with a product.
    let row_findings = move |key: u64| {
        Signal::derive(move || {
            let index = rows.with(|rs| {
                rs.iter()
                    .filter(|r| !r.product.get().trim().is_empty())
                    .position(|r| r.key == key)
            });
            let Some(i) = index else {
                return Vec::new();
            };
            let top = format!("products[{i}]");
            findings.with(|fs| {
                fs.iter()
                    .filter(|f| within(&f.field, &top))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    // Saving is refused when an error lies in a field the form changed
    // (the status machine refuses it after submission).
    let orig_b = original.clone();
    let blocking = move || {
        let c = candidate.get();
        let changed: Vec<&str> = [
            ("name", c.name != orig_b.name),
            ("solutionArea", c.solution_area != orig_b.solution_area),
            ("partnerRole", c.partner_role != orig_b.partner_role),
            (
                "partnerLocation",
                c.partner_location != orig_b.partner_location,
            ),
            ("customerName", c.customer_name != orig_b.customer_name),
            (
                "customerDomain",
                c.customer_domain != orig_b.customer_domain,
            ),
            ("tenantId", c.tenant_id != orig_b.tenant_id),
            ("products", c.products != orig_b.products),
            (
                "customerContact",
                c.customer_contact != orig_b.customer_contact,
            ),
            (
                "partnerContact",
                c.partner_contact != orig_b.partner_contact,
            ),
        ]
        .into_iter()
        .filter_map(|(f, changed)| changed.then_some(f))
        .collect();
        findings.with(|fs| {
            fs.iter()
                .any(|f| f.is_error() && changed.iter().any(|top| within(&f.field, top)))
        })
    };

    let orig = original.clone();
    let build_patch = move || {
        let mut p = ClaimPatch::default();
        if draft {
            p.name = changed_text(name, &orig.name);
            let opt = |s: String| (!s.is_empty()).then_some(s);
            let a = opt(area.get_untracked());
            if a != orig.solution_area {
                p.solution_area = a;
            }
            let r = opt(role.get_untracked());
            if r != orig.partner_role {
                p.partner_role = r;
            }
            p.customer_name = changed_text(customer_name, &orig.customer_name);
            p.customer_domain = changed_text(domain, &orig.customer_domain);
            p.tenant_id = changed_text(tenant, &orig.tenant_id);
        }
        p.partner_location = changed_text(location, &orig.partner_location);
        let products: Vec<ProductLine> = rows
            .get_untracked()
            .iter()
            .filter(|r| !r.product.get_untracked().trim().is_empty())
            .map(|r| {
                let sub = r.subscription.get_untracked().trim().to_string();
                ProductLine {
                    product: r.product.get_untracked(),
                    subscription_id: (!sub.is_empty()).then_some(sub),
                }
            })
            .collect();
        if products != orig.products {
            p.products = Some(products);
        }
        let cc = customer.value();
        if cc != orig.customer_contact {
            p.customer_contact = Some(cc);
        }
        let pc = partner_c.value();
        if pc != orig.partner_contact {
            p.partner_contact = Some(pc);
        }
        p
    };

    let claim_id = original.id.clone();
    let save = move |_| {
        let patch = build_patch();
        if patch == ClaimPatch::default() {
            state.info(msg::edit_form_nothing_was_changed(locale.get_untracked()));
            on_close.run(());
            return;
        }
        saving.set(true);
        error.set(None);
        let (id, actor) = (claim_id.clone(), actor.clone());
        // A refusal or a conflict leaves the form open with the input kept.
        leptos::task::spawn_local(async move {
            let result = state
                .apply(
                    &id,
                    Event::Edit {
                        fields: Box::new(patch),
                    },
                    actor,
                    Some(base_revision),
                )
                .await;
            saving.set(false);
            match result {
                Ok(_) => on_close.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // A read-only field with the reason it cannot change.
    let locked = move |label: fn(Locale) -> &'static str, value: String| {
        view! {
            <div class="field locked">
                <span class="field-label">{move || label(locale.get())}</span>
                <span class="locked-value">{if value.trim().is_empty() { "—".to_string() } else { value.clone() }}</span>
                <span class="hint">
                    {move || msg::edit_form_locked_after_submission(locale.get())}
                </span>
            </div>
        }
    };
    let text = move |field: &'static str,
                     id: &'static str,
                     label: fn(Locale) -> &'static str,
                     value: RwSignal<String>,
                     findings: Signal<Vec<Finding>>| {
        if editable(field) {
            view! { <Field id=id label=label value=value findings=findings locale=locale /> }
                .into_any()
        } else {
            locked(label, value.get_untracked()).into_any()
        }
    };
    let contact = move |field: &'static str,
                        prefix: &'static str,
                        legend: fn(Locale) -> &'static str,
                        labels: [fn(Locale) -> &'static str; 3],
                        fields: ContactFields,
                        [name_f, email_f, phone_f]: [Signal<Vec<Finding>>; 3]| {
        if !editable(field) {
            return locked(legend, super::contact_text(&fields.value())).into_any();
        }
        let ids: [&'static str; 3] = match prefix {
            "cc" => ["edit-cc-name", "edit-cc-email", "edit-cc-phone"],
            _ => ["edit-pc-name", "edit-pc-email", "edit-pc-phone"],
        };
        view! {
            <fieldset class="contact">
                <legend>{move || legend(locale.get())}</legend>
                <Field id=ids[0] label=labels[0] value=fields.name findings=name_f locale=locale />
                <Field id=ids[1] label=labels[1] value=fields.email findings=email_f locale=locale />
                <Field id=ids[2] label=labels[2] value=fields.phone findings=phone_f locale=locale />
            </fieldset>
        }
        .into_any()
    };

    // Area and role (Draft only).
    let area_role = move || {
        if !draft {
            let c = claim.get_untracked();
            return view! {
                {locked(msg::solution_area, area_name(c.solution_area.as_deref(), locale.get_untracked()))}
                {locked(msg::partner_role, role_name(c.partner_role.as_deref(), locale.get_untracked()))}
            }
                .into_any();
        }
        view! {
            <div class="field">
                <label for="edit-area">{move || msg::solution_area(locale.get())}</label>
                <select
                    id="edit-area"
                    prop:value=move || area.get()
                    on:change=move |ev| area.set(event_target_value(&ev))
                >
                    <option value="">{move || msg::choose(locale.get())}</option>
                    {move || {
                        let loc = locale.get();
                        catalog
                            .solution_areas
                            .iter()
                            .map(|a| {
                                view! {
                                    <option value=a.id.clone() selected=a.id == area.get_untracked()>
                                        {a.name.get(loc).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="edit-role">{move || msg::partner_role(locale.get())}</label>
                <select
                    id="edit-role"
                    prop:value=move || role.get()
                    on:change=move |ev| role.set(event_target_value(&ev))
                >
                    <option value="">{move || msg::choose(locale.get())}</option>
                    {move || {
                        let loc = locale.get();
                        let a = area.get();
                        catalog
                            .roles_for(&a)
                            .map(|r| {
                                view! {
                                    <option value=r.id.clone() selected=r.id == role.get_untracked()>
                                        {r.name.get(loc).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
            .into_any()
    };

    let loc_options = locations.clone();
    let location_field = move || {
        let loc_options = loc_options.clone();
        view! {
            <div class="field">
                <label for="edit-location">
                    {move || msg::partner_location_mpn_id(locale.get())}
                </label>
                <select
                    id="edit-location"
                    aria-describedby="edit-location-findings"
                    prop:value=move || location.get()
                    on:change=move |ev| location.set(event_target_value(&ev))
                >
                    {move || {
                        let loc = locale.get();
                        let current = location.get_untracked();
                        let mut opts: Vec<(String, String)> = loc_options
                            .iter()
                            .map(|l| {
                                let mut label = format!("{} — {}", l.mpn_id, l.name);
                                if !l.enrolled {
                                    label.push_str(msg::edit_form_not_enrolled_in_incentives(loc));
                                }
                                (l.mpn_id.clone(), label)
                            })
                            .collect();
                        if !current.is_empty() && !opts.iter().any(|(id, _)| *id == current) {
                            opts.insert(0, (current.clone(), current.clone()));
                        }
                        opts.into_iter()
                            .map(|(id, label)| {
                                let sel = id == current;
                                view! { <option value=id selected=sel>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <FindingList id="edit-location-findings" findings=location_f locale=locale />
            </div>
        }
    };

    let products_field = move || {
        let area_now = move || {
            if draft {
                area.get()
            } else {
                claim.with_untracked(|c| c.solution_area.clone().unwrap_or_default())
            }
        };
        view! {
            <fieldset class="products-edit">
                <legend>{move || msg::products(locale.get())}</legend>
                <For each=move || rows.get() key=|r| r.key let:row>
                    {
                        let pid = format!("edit-product-{}", row.key);
                        let sid = format!("edit-sub-{}", row.key);
                        let pid2 = pid.clone();
                        let per_sub = move || catalog.is_per_subscription(&row.product.get());
                        view! {
                            <div class="product-row">
                                <div class="field">
                                    <label for=pid2.clone()>{move || msg::edit_form_product(locale.get())}</label>
                                    <select
                                        id=pid
                                        prop:value=move || row.product.get()
                                        on:change=move |ev| row.product.set(event_target_value(&ev))
                                    >
                                        <option value="">{move || msg::choose(locale.get())}</option>
                                        {move || {
                                            let a = area_now();
                                            let current = row.product.get_untracked();
                                            catalog
                                                .products
                                                .iter()
                                                .filter(|p| (p.area == a || a.is_empty()) && (p.claimable || p.id == current))
                                                .map(|p| {
                                                    view! {
                                                        <option value=p.id.clone() selected=p.id == current>{p.name.clone()}</option>
                                                    }
                                                })
                                                .collect_view()
                                        }}
                                    </select>
                                </div>
                                <Show when=per_sub>
                                    <Field
                                        id=sid.clone()
                                        label=msg::subscription_id
                                        value=row.subscription
                                        locale=locale
                                    />
                                </Show>
                                <FindingList id=format!("edit-row-{}-findings", row.key) findings=row_findings(row.key) locale=locale />
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| rows.update(|rs| rs.retain(|r| r.key != row.key))
                                >
                                    {move || msg::edit_form_remove_product(locale.get())}
                                </button>
                            </div>
                        }
                    }
                </For>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        let row = new_row(&ProductLine::default());
                        rows.update(|rs| rs.push(row));
                    }
                >
                    {move || msg::edit_form_add_product(locale.get())}
                </button>
                <FindingList id="edit-products-findings" findings=products_f locale=locale />
            </fieldset>
        }
    };

    view! {
        <form class="edit-form" on:submit=|ev| ev.prevent_default()>
            <p class="hint">
                {move || {
                    if draft {
                        msg::edit_form_every_field_can_be_changed_while(locale.get())
                    } else {
                        msg::edit_form_after_submission_only_the_partner_location(locale.get())
                    }
                }}
            </p>
            {text("name", "edit-name", msg::claim_name, name, name_f)}
            {area_role}
            {location_field}
            {text("customerName", "edit-customer-name", msg::customer_organisation_name, customer_name, customer_name_f)}
            {text("customerDomain", "edit-domain", msg::customer_domain, domain, domain_f)}
            {text("tenantId", "edit-tenant", msg::tenant_id, tenant, tenant_f)}
            {products_field}
            {contact(
                "customerContact",
                "cc",
                msg::customer_contact,
                [
                    msg::customer_contact_name,
                    msg::customer_contact_email,
                    msg::customer_contact_phone_optional,
                ],
                customer,
                [cc_name_f, cc_email_f, cc_phone_f],
            )}
            {contact(
                "partnerContact",
                "pc",
                msg::partner_contact,
                [
                    msg::partner_contact_name,
                    msg::partner_contact_email,
                    msg::partner_contact_phone_optional,
                ],
                partner_c,
                [pc_name_f, pc_email_f, pc_phone_f],
            )}
            <div class="actions">
                <button
                    type="button"
                    aria-describedby="edit-findings"
                    disabled=move || saving.get() || blocking()
                    on:click=save
                >
                    {move || msg::edit_form_save_changes(locale.get())}
                </button>
                <button type="button" class="secondary" on:click=move |_| on_close.run(())>
                    {move || msg::cancel(locale.get())}
                </button>
            </div>
            <ActionError id="edit-findings" error=error />
        </form>
    }
}
