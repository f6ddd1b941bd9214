//! Quick check: a customer's domain and tenant ID, with the wizard's rules.

use leptos::prelude::*;

use crate::app::components::field::Field;
use crate::domain::directory::{DemoDirectory, check_tenant_domain};
use crate::domain::domain_name::validate_domain;
use crate::domain::finding::{Finding, Locale};
use crate::domain::ids::validate_tenant_id;
use crate::i18n::msg;

/// Validates as the user types; the pair is checked against the demo directory.
#[component]
pub fn QuickCheck(#[prop(into)] locale: Signal<Locale>) -> impl IntoView {
    let domain = RwSignal::new(String::new());
    let tenant = RwSignal::new(String::new());
    let domain_result = Memo::new(move |_| validate_domain("domain", &domain.get()));
    let tenant_result = Memo::new(move |_| validate_tenant_id("tenantId", &tenant.get()));
    let pair = Memo::new(move |_| {
        let (d, t) = (domain.get(), tenant.get());
        if d.trim().is_empty() || t.trim().is_empty() {
            Vec::new()
        } else {
            check_tenant_domain("domain", &d, &t, DemoDirectory::builtin())
        }
    });
    let domain_findings = Signal::derive(move || {
        let mut all: Vec<Finding> = if domain.get().trim().is_empty() {
            Vec::new()
        } else {
            domain_result.get().1
        };
        all.extend(pair.get());
        all
    });
    let tenant_findings = Signal::derive(move || {
        if tenant.get().trim().is_empty() {
            Vec::new()
        } else {
            tenant_result.get().1
        }
    });
    let all_clear = move || {
        !domain.get().trim().is_empty()
            && !tenant.get().trim().is_empty()
            && domain_findings.get().is_empty()
            && tenant_findings.get().is_empty()
    };
    view! {
        <section class="card" aria-labelledby="quick-check-title">
            <h2 id="quick-check-title">{move || msg::quick_check_title(locale.get())}</h2>
            <p>{move || msg::quick_check_intro(locale.get())}</p>
            <Field
                id="qc-domain"
                label=msg::customer_domain
                value=domain
                findings=domain_findings
                locale=locale
            />
            <Field
                id="qc-tenant"
                label=msg::tenant_id
                value=tenant
                findings=tenant_findings
                locale=locale
            />
            <dl class="normalized">
                <dt>{move || msg::ascii_domain(locale.get())}</dt>
                <dd data-testid="ascii-domain">{move || domain_result.get().0.unwrap_or_default()}</dd>
                <dt>{move || msg::canonical_tenant(locale.get())}</dt>
                <dd data-testid="canonical-tenant">{move || tenant_result.get().0.unwrap_or_default()}</dd>
            </dl>
            <p class="ok" role="status">
                {move || if all_clear() { msg::no_findings(locale.get()) } else { "" }}
            </p>
            <p class="hint">{move || msg::directory_note(locale.get())}</p>
        </section>
    }
}
