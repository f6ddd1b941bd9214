//! The claim wizard of docs/rules.md#wizard as plain data: the steps and their order,
//! which steps a draft goes through (the subscription step only for
//! Business Applications products claimed per subscription), which fields
//! each step owns (its findings block Continue), Back / Continue, the edits
//! a step makes, and the draft that is autosaved and restored.
//!
//! The app's wizard page (`app::pages::wizard`) renders a [`WizardDraft`]
//! and sends it the user's edits; every decision is made here.
//!
//! ```
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::validate::ClaimContext;
//! use cpor_desk::domain::wizard::{Continue, Step, WizardDraft};
//!
//! let policy = Policy::default();
//! let ctx = ClaimContext::new(&policy);
//! let mut draft = WizardDraft::default();
//! assert_eq!(draft.step(), Step::AreaRole);
//!
//! // Continue with nothing chosen: blocked on the first field with an error.
//! let findings = draft.findings(Default::default(), &ctx);
//! assert_eq!(
//!     draft.continue_from(Step::AreaRole, &findings, None),
//!     Continue::Blocked { field: "solutionArea".into() }
//! );
//!
//! draft.choose_area("modern_work_security".into());
//! draft.choose_role("use_or_consume".into());
//! let findings = draft.findings(Default::default(), &ctx);
//! assert_eq!(draft.continue_from(Step::AreaRole, &findings, None), Continue::Moved(Step::Location));
//! assert_eq!(draft.step(), Step::Location);
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::claim::{Claim, Contact, PartnerOrgRef, ProductLine};
use super::competing::{Association, Overlap, classify};
use super::directory::Directory;
use super::domain_name::validate_domain;
use super::finding::{Finding, Locale};
use super::ids::{canonical_guid, validate_tenant_id};
use super::validate::{ClaimContext, validate_claim};
use crate::i18n::msg;

/// A wizard step, in order.
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
    /// Every step, in order (the subscription step is skipped when a draft
    /// does not need it, see [`steps_for`]).
    pub const ALL: [Step; 7] = [
        Step::AreaRole,
        Step::Location,
        Step::Customer,
        Step::Products,
        Step::Subscriptions,
        Step::Contacts,
        Step::Review,
    ];

    /// Where a new draft starts.
    pub const FIRST: Step = Step::AreaRole;

    /// The step's heading.
    pub fn title(self, l: Locale) -> &'static str {
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

    /// The step a field belongs to (a finding's `field`, as named by
    /// [`validate_claim`]): the step whose Continue that field's errors block.
    ///
    /// - area and role: `solutionArea`, `partnerRole`;
    /// - location: `partnerLocation`;
    /// - customer: `customerDomain`, `tenantId`, `customerName`;
    /// - products: `products`, `products[i].product`;
    /// - subscriptions: `products[i].subscriptionId`;
    /// - contacts and claim name: every other field (`customerContact.*`,
    ///   `partnerContact.*`, `name`).
    ///
    /// The review step owns no field: it shows every finding.
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

    /// The first error among `findings` that blocks Continue on this step.
    pub fn blocker(self, findings: &[Finding]) -> Option<&Finding> {
        findings
            .iter()
            .find(|f| f.is_error() && Step::of_field(&f.field) == self)
    }
}

/// True when the subscription step is needed: a Business Applications
/// product claimed per subscription whose subscription the directory
/// cannot imply, because it knows several subscriptions of the product on
/// the tenant, or none (also: no directory, a directory that does not list
/// subscriptions, a tenant ID that is not valid yet), or because the user
/// entered an ID already (so it can be changed). With exactly one known
/// subscription of the product, that one is implied and the step skipped.
pub fn needs_subscriptions(claim: &Claim, dir: Option<&dyn Directory>) -> bool {
    let catalog = Catalog::builtin();
    if claim.solution_area.as_deref() != Some("business_applications") {
        return false;
    }
    let tenant = validate_tenant_id("tenantId", &claim.tenant_id).0;
    claim
        .products
        .iter()
        .filter(|p| catalog.is_per_subscription(&p.product))
        .any(|line| {
            if line.subscription().is_some() {
                return true;
            }
            match (dir, tenant.as_deref()) {
                (Some(dir), Some(t)) if dir.knows_subscriptions_of(t) => {
                    dir.subscriptions_on(t, &line.product).len() != 1
                }
                _ => true,
            }
        })
}

/// The steps shown for a claim, in order (see [`needs_subscriptions`]).
pub fn steps_for(claim: &Claim, dir: Option<&dyn Directory>) -> Vec<Step> {
    let with_subscriptions = needs_subscriptions(claim, dir);
    Step::ALL
        .into_iter()
        .filter(|s| *s != Step::Subscriptions || with_subscriptions)
        .collect()
}

/// What Continue did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continue {
    /// An error on the step blocks it; `field` is the first field with one
    /// (to be focused).
    Blocked { field: String },
    /// The draft moved on to this step.
    Moved(Step),
    /// There is no later step (the review step has no Continue).
    Stayed,
}

/// How a product of the chosen area stands against the associations
/// already held for the draft's tenant (`None` also while the tenant ID is
/// not valid): the note shown next to it.
pub fn product_overlap(
    org_id: &str,
    tenant: Option<&str>,
    product: &str,
    held: &[Association],
) -> Option<Overlap> {
    let tenant = tenant?;
    classify(
        &Association {
            partner_org_id: org_id.to_string(),
            claim_id: String::new(),
            tenant_id: tenant.to_string(),
            product: product.to_string(),
            subscription_id: None,
        },
        held,
    )
}

/// A product the own organisation already holds for the tenant cannot be
/// chosen; one already on the draft stays enabled, so it can be removed.
pub fn product_locked(overlap: Option<Overlap>, on_draft: bool) -> bool {
    overlap == Some(Overlap::OwnOrganisation) && !on_draft
}

/// What the directory says about the draft's customer domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryMatch {
    /// The domain in ASCII (canonical) form.
    pub domain: String,
    /// The canonical tenant GUID the domain belongs to.
    pub tenant: String,
    /// The tenant's organisation name (empty when unknown).
    pub name: String,
}

/// The wizard's free-text fields, each bound to a claim field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    CustomerDomain,
    TenantId,
    CustomerName,
    CustomerContactName,
    CustomerContactEmail,
    CustomerContactPhone,
    PartnerContactName,
    PartnerContactEmail,
    PartnerContactPhone,
    ClaimName,
}

impl TextField {
    /// The field's path in the claim JSON (as findings name it).
    pub fn field(self) -> &'static str {
        match self {
            TextField::CustomerDomain => "customerDomain",
            TextField::TenantId => "tenantId",
            TextField::CustomerName => "customerName",
            TextField::CustomerContactName => "customerContact.name",
            TextField::CustomerContactEmail => "customerContact.email",
            TextField::CustomerContactPhone => "customerContact.phone",
            TextField::PartnerContactName => "partnerContact.name",
            TextField::PartnerContactEmail => "partnerContact.email",
            TextField::PartnerContactPhone => "partnerContact.phone",
            TextField::ClaimName => "name",
        }
    }

    /// The field's value in `claim` (a phone that is not set is blank).
    pub fn get(self, claim: &Claim) -> String {
        let phone = |c: &Contact| c.phone.clone().unwrap_or_default();
        match self {
            TextField::CustomerDomain => claim.customer_domain.clone(),
            TextField::TenantId => claim.tenant_id.clone(),
            TextField::CustomerName => claim.customer_name.clone(),
            TextField::CustomerContactName => claim.customer_contact.name.clone(),
            TextField::CustomerContactEmail => claim.customer_contact.email.clone(),
            TextField::CustomerContactPhone => phone(&claim.customer_contact),
            TextField::PartnerContactName => claim.partner_contact.name.clone(),
            TextField::PartnerContactEmail => claim.partner_contact.email.clone(),
            TextField::PartnerContactPhone => phone(&claim.partner_contact),
            TextField::ClaimName => claim.name.clone(),
        }
    }

    /// Sets the field in `claim` as typed (a blank phone is not set).
    pub fn set(self, claim: &mut Claim, value: String) {
        let phone = |value: String| (!value.trim().is_empty()).then_some(value);
        match self {
            TextField::CustomerDomain => claim.customer_domain = value,
            TextField::TenantId => claim.tenant_id = value,
            TextField::CustomerName => claim.customer_name = value,
            TextField::CustomerContactName => claim.customer_contact.name = value,
            TextField::CustomerContactEmail => claim.customer_contact.email = value,
            TextField::CustomerContactPhone => claim.customer_contact.phone = phone(value),
            TextField::PartnerContactName => claim.partner_contact.name = value,
            TextField::PartnerContactEmail => claim.partner_contact.email = value,
            TextField::PartnerContactPhone => claim.partner_contact.phone = phone(value),
            TextField::ClaimName => claim.name = value,
        }
    }
}

/// The wizard's state, autosaved as the user types and restored on the
/// next visit (as JSON: `{"step":"customer","claim":{…},"touched":[…],
/// "attempted":[…]}`; missing members take their defaults). A draft equal
/// to the default ([`WizardDraft::is_blank`]) is not kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WizardDraft {
    /// The current step; `None` is the first.
    pub step: Option<Step>,
    /// The claim as entered so far (partner organisation not set: it comes
    /// from the profile when the claim is validated or created).
    pub claim: Claim,
    /// Fields the user has left (their findings are shown).
    pub touched: BTreeSet<String>,
    /// Steps on which Continue was pressed (all their findings are shown).
    pub attempted: BTreeSet<Step>,
    /// The customer name the app filled in from the directory, while the
    /// claim still has it ([`WizardDraft::follow_customer_name`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefilled_name: Option<String>,
}

impl WizardDraft {
    /// The current step.
    pub fn step(&self) -> Step {
        self.step.unwrap_or(Step::FIRST)
    }

    /// The steps this draft goes through, in order.
    pub fn steps(&self, dir: Option<&dyn Directory>) -> Vec<Step> {
        steps_for(&self.claim, dir)
    }

    /// Nothing entered (or the claim was created): no draft to keep.
    pub fn is_blank(&self) -> bool {
        *self == WizardDraft::default()
    }

    /// The claim as it would be created by `partner_org`, unchanged
    /// otherwise (what the findings are about).
    pub fn claim_for(&self, partner_org: PartnerOrgRef) -> Claim {
        Claim {
            partner_org,
            ..self.claim.clone()
        }
    }

    /// The findings of the draft's claim by `partner_org`: every validator
    /// of [`validate_claim`], against `ctx` (directory, clock, the
    /// profile's locations, held associations).
    pub fn findings(&self, partner_org: PartnerOrgRef, ctx: &ClaimContext) -> Vec<Finding> {
        validate_claim(&self.claim_for(partner_org), ctx)
    }

    /// Whether the findings of `field` are shown: once the user has left
    /// the field or pressed Continue on its step.
    /// A subscription's findings also show once Continue was pressed on
    /// the products step (they are shown there when the subscription
    /// step is skipped).
    pub fn shows(&self, field: &str) -> bool {
        let step = Step::of_field(field);
        self.touched.contains(field)
            || self.attempted.contains(&step)
            || (step == Step::Subscriptions && self.attempted.contains(&Step::Products))
    }

    /// Whether the user has left `field`.
    pub fn is_touched(&self, field: &str) -> bool {
        self.touched.contains(field)
    }

    /// The user left `field`. False when that was known already (nothing
    /// changed).
    pub fn touch(&mut self, field: &str) -> bool {
        if self.touched.contains(field) {
            return false;
        }
        self.touched.insert(field.to_string())
    }

    /// Whether Continue was pressed on `step`.
    pub fn was_attempted(&self, step: Step) -> bool {
        self.attempted.contains(&step)
    }

    /// Whether `step` shows "please correct the fields marked as errors":
    /// Continue was pressed there and an error still blocks it.
    pub fn errors_shown(&self, step: Step, findings: &[Finding]) -> bool {
        self.was_attempted(step) && step.blocker(findings).is_some()
    }

    /// Goes to `step` (Back, Continue, or "Change" on the review step).
    pub fn go(&mut self, step: Step) {
        self.step = Some(step);
    }

    /// Continue on `step`: shows all of its findings, and moves to the next
    /// step of the draft unless an error of the step blocks it. When the
    /// subscription step is skipped ([`needs_subscriptions`]), the errors
    /// of the implied subscriptions block the products step instead.
    pub fn continue_from(
        &mut self,
        step: Step,
        findings: &[Finding],
        dir: Option<&dyn Directory>,
    ) -> Continue {
        self.attempted.insert(step);
        let steps = self.steps(dir);
        let blocker = step.blocker(findings).or_else(|| {
            (step == Step::Products && !steps.contains(&Step::Subscriptions))
                .then(|| Step::Subscriptions.blocker(findings))
                .flatten()
        });
        if let Some(f) = blocker {
            return Continue::Blocked {
                field: f.field.clone(),
            };
        }
        match steps.into_iter().find(|s| *s > step) {
            Some(next) => {
                self.go(next);
                Continue::Moved(next)
            }
            None => Continue::Stayed,
        }
    }

    /// Back from `step`: the previous step of the draft (`None` on the first).
    pub fn back_from(&mut self, step: Step, dir: Option<&dyn Directory>) -> Option<Step> {
        let prev = self.steps(dir).into_iter().rev().find(|s| *s < step)?;
        self.go(prev);
        Some(prev)
    }

    /// "Create claim": shows every finding; when none is an error, the
    /// claim template by `partner_org` with its identifiers in canonical
    /// form (ASCII domain, lowercase hyphenated tenant and subscription
    /// GUIDs), for [`super::status::new_claim`].
    pub fn finish(&mut self, partner_org: PartnerOrgRef, findings: &[Finding]) -> Option<Claim> {
        self.attempted.extend(Step::ALL);
        if findings.iter().any(Finding::is_error) {
            return None;
        }
        let mut template = self.claim_for(partner_org);
        if let (Some(ascii), _) = validate_domain("customerDomain", &template.customer_domain) {
            template.customer_domain = ascii;
        }
        if let (Some(t), _) = validate_tenant_id("tenantId", &template.tenant_id) {
            template.tenant_id = t;
        }
        for line in &mut template.products {
            if let Some(s) = line.subscription().map(str::to_string)
                && let Ok(c) = canonical_guid(&s)
            {
                line.subscription_id = Some(c);
            }
        }
        Some(template)
    }

    /// Chooses the solution area (blank: none). Another area than before
    /// clears the partner role and the products, which belong to an area.
    pub fn choose_area(&mut self, area: String) {
        let c = &mut self.claim;
        if c.solution_area.as_deref() != Some(area.as_str()) {
            c.partner_role = None;
            c.products.clear();
        }
        c.solution_area = (!area.is_empty()).then_some(area);
    }

    /// Chooses the partner role (blank: none).
    pub fn choose_role(&mut self, role: String) {
        self.claim.partner_role = (!role.is_empty()).then_some(role);
    }

    /// Chooses the partner location (its MPN ID).
    pub fn choose_location(&mut self, mpn_id: String) {
        self.claim.partner_location = mpn_id;
    }

    /// Sets a free-text field as typed.
    pub fn set_text(&mut self, field: TextField, value: String) {
        field.set(&mut self.claim, value);
    }

    /// The index of `product`'s line, if the draft claims it.
    pub fn product_index(&self, product: &str) -> Option<usize> {
        self.claim
            .products
            .iter()
            .position(|l| l.product == product)
    }

    /// Ticks (`on`) or unticks a product: one line per product.
    pub fn set_product(&mut self, product: &str, on: bool) {
        let lines = &mut self.claim.products;
        if on {
            if !lines.iter().any(|l| l.product == product) {
                lines.push(ProductLine::new(product));
            }
        } else {
            lines.retain(|l| l.product != product);
        }
    }

    /// `(line index, product id)` of the lines the subscription step asks
    /// a subscription ID for.
    pub fn subscription_lines(&self) -> Vec<(usize, String)> {
        let catalog = Catalog::builtin();
        self.claim
            .products
            .iter()
            .enumerate()
            .filter(|(_, l)| catalog.is_per_subscription(&l.product))
            .map(|(i, l)| (i, l.product.clone()))
            .collect()
    }

    /// The subscription ID typed on line `index` (blank when none).
    pub fn subscription(&self, index: usize) -> String {
        self.claim
            .products
            .get(index)
            .and_then(|l| l.subscription_id.clone())
            .unwrap_or_default()
    }

    /// Sets the subscription ID of `product`'s line as typed (blank: none).
    pub fn set_subscription(&mut self, product: &str, value: String) {
        if let Some(l) = self
            .claim
            .products
            .iter_mut()
            .find(|l| l.product == product)
        {
            l.subscription_id = (!value.trim().is_empty()).then_some(value);
        }
    }

    /// The customer domain in ASCII form, when it is valid.
    pub fn ascii_domain(&self) -> Option<String> {
        validate_domain("customerDomain", &self.claim.customer_domain).0
    }

    /// The tenant ID in canonical form, when it is valid.
    pub fn tenant(&self) -> Option<String> {
        validate_tenant_id("tenantId", &self.claim.tenant_id).0
    }

    /// Whether the entered tenant ID is `tenant` (compared canonically).
    pub fn has_tenant(&self, tenant: &str) -> bool {
        self.tenant().as_deref() == Some(tenant)
    }

    /// What `dir` says about the entered customer domain.
    pub fn directory_match(&self, dir: &dyn Directory) -> Option<DirectoryMatch> {
        let domain = self.ascii_domain()?;
        let tenant = dir.tenant_for_domain(&domain)?;
        let name = dir.tenant(&tenant).map(|t| t.name).unwrap_or_default();
        Some(DirectoryMatch {
            domain,
            tenant,
            name,
        })
    }

    /// The customer's organisation name follows the directory's name for
    /// the entered domain (`name`; `None` when the directory knows none):
    /// filled in while the user has entered no name, and replaced (or
    /// cleared) when the name is still the one the app filled in and the
    /// directory's name changed, e.g. after the domain was corrected. A
    /// name the user typed is never overwritten (when it disagrees with the
    /// directory, validation warns: `customer_name.mismatch`). False when
    /// nothing changed.
    pub fn follow_customer_name(&mut self, name: Option<&str>) -> bool {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let current = self.claim.customer_name.trim().to_string();
        let filled_by_app = !current.is_empty() && self.prefilled_name.as_deref() == Some(&current);
        if !current.is_empty() && !filled_by_app {
            return false;
        }
        let next = name.unwrap_or_default();
        if next == current {
            return false;
        }
        self.claim.customer_name = next.to_string();
        self.prefilled_name = name.map(str::to_string);
        true
    }

    /// The domain that will be claimed when the entered one is valid but
    /// not what was typed (a pasted web or email address, capitals, a
    /// trailing dot, an internationalised name): its ASCII form.
    pub fn cleaned_domain(&self) -> Option<String> {
        let ascii = self.ascii_domain()?;
        (ascii != self.claim.customer_domain.trim()).then_some(ascii)
    }

    /// The tenant ID that will be stored when it is valid but not written
    /// as typed (braces, capitals, no hyphens): its canonical form.
    pub fn cleaned_tenant(&self) -> Option<String> {
        let tenant = self.tenant()?;
        (tenant != self.claim.tenant_id.trim()).then_some(tenant)
    }

    /// The registered domain to suggest when the directory does not know
    /// the entered one but knows a parent of it (`www.contoso.com` →
    /// `contoso.com`): the nearest such parent.
    pub fn registered_domain(&self, dir: &dyn Directory) -> Option<String> {
        let domain = self.ascii_domain()?;
        if dir.tenant_for_domain(&domain).is_some() {
            return None;
        }
        let mut rest = domain.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            if !parent.contains('.') {
                break;
            }
            if dir.tenant_for_domain(parent).is_some() {
                return Some(parent.to_string());
            }
            rest = parent;
        }
        None
    }

    /// Takes `domain` (a suggestion) as the customer domain and shows the
    /// field's findings.
    pub fn use_domain(&mut self, domain: String) {
        self.claim.customer_domain = domain;
        self.touch("customerDomain");
    }

    /// "Use this tenant ID": takes the directory's tenant and shows the
    /// field's findings.
    pub fn use_tenant(&mut self, tenant: String) {
        self.claim.tenant_id = tenant;
        self.touch("tenantId");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::DemoDirectory;
    use crate::domain::finding::Code;
    use crate::domain::policy::Policy;

    const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
    const FABRIKAM: &str = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";

    fn org() -> PartnerOrgRef {
        PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind".into(),
        }
    }

    /// The findings of `draft` against the demo directory.
    fn findings(draft: &WizardDraft) -> Vec<Finding> {
        let policy = Policy::default();
        let ctx = ClaimContext::new(&policy).with_directory(DemoDirectory::builtin());
        draft.findings(org(), &ctx)
    }

    /// The codes of the errors that block Continue on `step`.
    fn blocking(draft: &WizardDraft, step: Step) -> Vec<(String, Code)> {
        findings(draft)
            .into_iter()
            .filter(|f| f.is_error() && Step::of_field(&f.field) == step)
            .map(|f| (f.field, f.code))
            .collect()
    }

    fn pairs(list: &[(&str, Code)]) -> Vec<(String, Code)> {
        list.iter().map(|(f, c)| (f.to_string(), *c)).collect()
    }

    /// A draft that passes every step (Business Applications, one product
    /// per subscription, no subscription ID).
    fn complete() -> WizardDraft {
        let mut d = WizardDraft::default();
        d.choose_area("business_applications".into());
        d.choose_role("build_intent_advisor".into());
        d.choose_location("4312785".into());
        d.set_text(TextField::CustomerDomain, "contoso.com".into());
        d.set_text(TextField::TenantId, CONTOSO.into());
        d.set_text(TextField::CustomerName, "Contoso Ltd".into());
        d.set_product("d365_sales", true);
        d.set_text(TextField::CustomerContactName, "Anna Svensson".into());
        d.set_text(TextField::CustomerContactEmail, "anna@contoso.com".into());
        d.set_text(TextField::PartnerContactName, "Ada Lindqvist".into());
        d.set_text(
            TextField::PartnerContactEmail,
            "ada@northwind.example".into(),
        );
        d.set_text(TextField::ClaimName, "Contoso Sales rollout".into());
        d
    }

    #[test]
    fn a_complete_draft_has_no_blocking_finding() {
        let d = complete();
        for step in Step::ALL {
            assert_eq!(blocking(&d, step), [], "{step:?}");
        }
    }

    #[test]
    fn the_area_and_role_step_needs_both() {
        let mut d = complete();
        d.claim.solution_area = None;
        d.claim.partner_role = None;
        assert_eq!(
            blocking(&d, Step::AreaRole),
            pairs(&[
                ("solutionArea", Code::SolutionAreaRequired),
                ("partnerRole", Code::PartnerRoleRequired),
            ])
        );
        let mut d = complete();
        d.choose_role("use_or_consume".into());
        assert_eq!(
            blocking(&d, Step::AreaRole),
            pairs(&[("partnerRole", Code::RoleWrongArea)])
        );
    }

    #[test]
    fn the_location_step_needs_an_mpn_id_and_only_warns_when_not_enrolled() {
        let mut d = complete();
        d.choose_location(String::new());
        assert_eq!(
            blocking(&d, Step::Location),
            pairs(&[("partnerLocation", Code::MpnRequired)])
        );
        d.choose_location("12ab".into());
        assert_eq!(
            blocking(&d, Step::Location),
            pairs(&[("partnerLocation", Code::MpnFormat)])
        );
        // 4312790 is not enrolled: a warning (with the profile's locations), no blocker.
        d.choose_location("4312790".into());
        let policy = Policy::default();
        let locations = crate::domain::partners::partner("northwind")
            .unwrap()
            .locations
            .clone();
        let ctx = ClaimContext::new(&policy).with_locations(&locations);
        let fs = d.findings(org(), &ctx);
        assert!(fs.iter().any(|f| f.code == Code::MpnNotEnrolled));
        assert_eq!(Step::Location.blocker(&fs), None);
    }

    #[test]
    fn the_customer_step_needs_domain_tenant_and_name_that_match() {
        let mut d = complete();
        d.set_text(TextField::CustomerDomain, String::new());
        d.set_text(TextField::TenantId, String::new());
        d.set_text(TextField::CustomerName, " ".into());
        let codes: Vec<Code> = blocking(&d, Step::Customer)
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(
            codes,
            [
                Code::DomainRequired,
                Code::TenantRequired,
                Code::CustomerNameRequired
            ]
        );
        let mut d = complete();
        d.set_text(TextField::TenantId, FABRIKAM.into());
        assert_eq!(
            blocking(&d, Step::Customer),
            pairs(&[("customerDomain", Code::DomainMismatch)])
        );
    }

    #[test]
    fn the_products_step_needs_a_claimable_product() {
        let mut d = complete();
        d.set_product("d365_sales", false);
        assert_eq!(
            blocking(&d, Step::Products),
            pairs(&[("products", Code::ProductRequired)])
        );
        let mut d = complete();
        d.set_product("power_bi", true);
        assert_eq!(
            blocking(&d, Step::Products),
            pairs(&[("products[1].product", Code::ProductPowerBiDpor)])
        );
    }

    #[test]
    fn the_subscription_step_checks_the_subscription_ids() {
        let mut d = complete();
        d.set_subscription("d365_sales", CONTOSO.into());
        assert_eq!(
            blocking(&d, Step::Subscriptions),
            pairs(&[("products[0].subscriptionId", Code::SubscriptionIsTenantId)])
        );
        d.set_subscription("d365_sales", "not a guid".into());
        assert_eq!(
            blocking(&d, Step::Subscriptions),
            pairs(&[("products[0].subscriptionId", Code::SubscriptionFormat)])
        );
        d.set_subscription("d365_sales", "  ".into());
        assert_eq!(d.claim.products[0].subscription_id, None, "blank is none");
        assert_eq!(blocking(&d, Step::Subscriptions), []);
    }

    #[test]
    fn the_contacts_step_needs_both_contacts_and_a_claim_name() {
        let mut d = complete();
        for f in [
            TextField::CustomerContactName,
            TextField::CustomerContactEmail,
            TextField::PartnerContactName,
            TextField::PartnerContactEmail,
            TextField::ClaimName,
        ] {
            d.set_text(f, String::new());
        }
        d.set_text(TextField::PartnerContactPhone, "12".into());
        assert_eq!(
            blocking(&d, Step::Contacts),
            pairs(&[
                ("customerContact.name", Code::ContactNameRequired),
                ("customerContact.email", Code::EmailRequired),
                ("partnerContact.name", Code::ContactNameRequired),
                ("partnerContact.email", Code::EmailRequired),
                ("partnerContact.phone", Code::PhoneFormat),
                ("name", Code::ClaimNameRequired),
            ])
        );
        d.set_text(TextField::ClaimName, "x".repeat(101));
        assert!(blocking(&d, Step::Contacts).contains(&("name".into(), Code::ClaimNameTooLong)));
    }

    #[test]
    fn every_field_of_the_claim_belongs_to_its_step() {
        let cases = [
            ("solutionArea", Step::AreaRole),
            ("partnerRole", Step::AreaRole),
            ("partnerLocation", Step::Location),
            ("customerDomain", Step::Customer),
            ("tenantId", Step::Customer),
            ("customerName", Step::Customer),
            ("products", Step::Products),
            ("products[2].product", Step::Products),
            ("products[2].subscriptionId", Step::Subscriptions),
            ("customerContact.email", Step::Contacts),
            ("partnerContact.phone", Step::Contacts),
            ("name", Step::Contacts),
        ];
        for (field, step) in cases {
            assert_eq!(Step::of_field(field), step, "{field}");
        }
        for f in [
            TextField::CustomerDomain,
            TextField::TenantId,
            TextField::CustomerName,
        ] {
            assert_eq!(Step::of_field(f.field()), Step::Customer);
        }
        assert_eq!(Step::of_field(TextField::ClaimName.field()), Step::Contacts);
    }

    #[test]
    fn the_subscription_step_appears_only_for_per_subscription_products() {
        let all = Step::ALL.to_vec();
        let without: Vec<Step> = all
            .iter()
            .copied()
            .filter(|s| *s != Step::Subscriptions)
            .collect();

        let mut d = WizardDraft::default();
        assert_eq!(d.steps(None), without, "no area yet");
        d.choose_area("business_applications".into());
        assert_eq!(d.steps(None), without, "no product yet");
        d.set_product("d365_sales", true);
        assert!(needs_subscriptions(&d.claim, None));
        assert_eq!(d.steps(None), all);
        d.set_product("d365_sales", false);
        assert_eq!(d.steps(None), without);

        let mut d = WizardDraft::default();
        d.choose_area("modern_work_security".into());
        d.set_product("intune", true);
        assert_eq!(d.steps(None), without, "Modern Work skips it");
    }

    #[test]
    fn continue_moves_on_or_is_blocked_by_the_steps_errors_only() {
        let mut d = complete();
        d.set_text(TextField::ClaimName, String::new());
        let fs = findings(&d);
        // An error of a later step does not block an earlier one.
        assert_eq!(
            d.continue_from(Step::AreaRole, &fs, None),
            Continue::Moved(Step::Location)
        );
        assert_eq!(
            d.continue_from(Step::Products, &fs, None),
            Continue::Moved(Step::Subscriptions),
            "needed for Dynamics 365 Sales"
        );
        assert_eq!(
            d.continue_from(Step::Subscriptions, &fs, None),
            Continue::Moved(Step::Contacts)
        );
        assert_eq!(
            d.continue_from(Step::Contacts, &fs, None),
            Continue::Blocked {
                field: "name".into()
            }
        );
        assert_eq!(d.step(), Step::Contacts, "blocked: no move");
        assert!(d.errors_shown(Step::Contacts, &fs));
        assert!(!d.errors_shown(Step::Customer, &fs), "never attempted");
        assert_eq!(
            d.attempted,
            BTreeSet::from([
                Step::AreaRole,
                Step::Products,
                Step::Subscriptions,
                Step::Contacts
            ])
        );
        d.set_text(TextField::ClaimName, "Rollout".into());
        let fs = findings(&d);
        assert_eq!(
            d.continue_from(Step::Contacts, &fs, None),
            Continue::Moved(Step::Review)
        );
        assert_eq!(d.continue_from(Step::Review, &fs, None), Continue::Stayed);
    }

    #[test]
    fn continue_and_back_skip_the_subscription_step_when_not_needed() {
        let mut d = complete();
        d.choose_area("modern_work_security".into());
        d.choose_role("use_or_consume".into());
        d.set_product("intune", true);
        let fs = findings(&d);
        d.go(Step::Products);
        assert_eq!(
            d.continue_from(Step::Products, &fs, None),
            Continue::Moved(Step::Contacts)
        );
        assert_eq!(d.back_from(Step::Contacts, None), Some(Step::Products));
        assert_eq!(d.step(), Step::Products);
    }

    #[test]
    fn back_goes_to_the_previous_step_and_not_before_the_first() {
        let mut d = complete();
        d.go(Step::Review);
        let mut visited = vec![d.step()];
        while let Some(prev) = d.back_from(d.step(), None) {
            visited.push(prev);
        }
        visited.reverse();
        assert_eq!(visited, Step::ALL.to_vec());
        assert_eq!(d.step(), Step::FIRST);
        assert_eq!(d.back_from(Step::FIRST, None), None);
    }

    #[test]
    fn findings_show_once_the_field_is_left_or_its_step_attempted() {
        let mut d = WizardDraft::default();
        assert!(!d.shows("tenantId"));
        assert!(d.touch("tenantId"));
        assert!(!d.touch("tenantId"), "already known");
        assert!(d.shows("tenantId") && d.is_touched("tenantId"));
        assert!(!d.shows("customerDomain"));
        d.attempted.insert(Step::Customer);
        assert!(d.shows("customerDomain") && !d.is_touched("customerDomain"));
        assert!(!d.shows("name"));
    }

    #[test]
    fn another_area_clears_the_role_and_the_products() {
        let mut d = complete();
        d.choose_area("business_applications".into());
        assert!(d.claim.partner_role.is_some(), "the same area keeps them");
        assert_eq!(d.claim.products.len(), 1);
        d.choose_area("modern_work_security".into());
        assert_eq!(d.claim.partner_role, None);
        assert!(d.claim.products.is_empty());
        d.choose_area(String::new());
        assert_eq!(d.claim.solution_area, None);
        d.choose_role(String::new());
        assert_eq!(d.claim.partner_role, None);
    }

    #[test]
    fn products_are_one_line_each_and_per_subscription_lines_are_listed() {
        let mut d = WizardDraft::default();
        d.choose_area("business_applications".into());
        d.set_product("d365_sales", true);
        d.set_product("d365_sales", true);
        assert_eq!(d.claim.products, vec![ProductLine::new("d365_sales")]);
        assert_eq!(d.product_index("d365_sales"), Some(0));
        assert_eq!(d.product_index("intune"), None);
        assert_eq!(d.subscription_lines(), vec![(0, "d365_sales".to_string())]);
        d.set_subscription("d365_sales", "abc".into());
        assert_eq!(d.subscription(0), "abc");
        assert_eq!(d.subscription(5), "");
    }

    #[test]
    fn phones_are_unset_when_blank() {
        let mut d = WizardDraft::default();
        d.set_text(TextField::CustomerContactPhone, "+46 8 123 456".into());
        assert_eq!(
            TextField::CustomerContactPhone.get(&d.claim),
            "+46 8 123 456"
        );
        d.set_text(TextField::CustomerContactPhone, "  ".into());
        assert_eq!(d.claim.customer_contact.phone, None);
        assert_eq!(TextField::PartnerContactPhone.get(&d.claim), "");
    }

    #[test]
    fn the_directory_match_prefills_the_name_and_offers_its_tenant() {
        let mut d = WizardDraft::default();
        d.set_text(TextField::CustomerDomain, "Contoso.com".into());
        let m = d.directory_match(DemoDirectory::builtin()).unwrap();
        assert_eq!(m.domain, "contoso.com");
        assert_eq!(m.tenant, CONTOSO);
        assert_eq!(m.name, "Contoso Ltd");
        assert!(d.follow_customer_name(Some(&m.name)));
        assert_eq!(d.claim.customer_name, "Contoso Ltd");
        d.set_text(TextField::CustomerName, "Contoso AB".into());
        assert!(
            !d.follow_customer_name(Some("Other")),
            "never overwrites a typed name"
        );
        assert!(!d.follow_customer_name(None), "nor clears it");
        assert!(!d.has_tenant(&m.tenant));
        d.use_tenant(CONTOSO.to_uppercase());
        assert!(d.has_tenant(&m.tenant), "compared canonically");
        assert!(d.is_touched("tenantId"));
        d.set_text(TextField::CustomerDomain, "not a domain".into());
        assert_eq!(d.directory_match(DemoDirectory::builtin()), None);
    }

    /// Issue 14, item 1: fabrikam.com with Contoso's tenant fills in
    /// Fabrikam's name; correcting the domain must not leave it behind.
    #[test]
    fn a_filled_in_name_follows_the_corrected_domain() {
        let dir = DemoDirectory::builtin();
        let mut d = complete();
        d.set_text(TextField::CustomerName, String::new());
        d.set_text(TextField::CustomerDomain, "fabrikam.com".into());
        let name = d.directory_match(dir).map(|m| m.name);
        assert!(d.follow_customer_name(name.as_deref()));
        assert_eq!(d.claim.customer_name, "Fabrikam, Inc.");
        assert!(
            findings(&d).iter().any(|f| f.code == Code::DomainMismatch),
            "fabrikam.com is not Contoso's domain"
        );
        d.set_text(TextField::CustomerDomain, "contoso.com".into());
        let name = d.directory_match(dir).map(|m| m.name);
        assert!(d.follow_customer_name(name.as_deref()));
        assert_eq!(d.claim.customer_name, "Contoso Ltd", "follows its source");
        assert!(!findings(&d).iter().any(|f| f.field == "customerName"));
        // An unknown domain leaves no stale name behind.
        d.set_text(TextField::CustomerDomain, "unknown.example".into());
        assert!(d.follow_customer_name(None));
        assert_eq!(d.claim.customer_name, "");
        // A name the partner typed stays, and disagreeing is a warning.
        d.set_text(TextField::CustomerDomain, "contoso.com".into());
        d.set_text(TextField::CustomerName, "Fabrikam, Inc.".into());
        assert!(!d.follow_customer_name(Some("Contoso Ltd")));
        let f = findings(&d);
        let mismatch: Vec<_> = f.iter().filter(|f| f.field == "customerName").collect();
        assert_eq!(mismatch.len(), 1);
        assert_eq!(mismatch[0].code, Code::CustomerNameMismatch);
        assert!(!mismatch[0].is_error());
        // The draft remembers what it filled in across a reload.
        let mut d = WizardDraft::default();
        d.follow_customer_name(Some("Contoso Ltd"));
        let back: WizardDraft = serde_json::from_value(serde_json::to_value(&d).unwrap()).unwrap();
        assert_eq!(back.prefilled_name.as_deref(), Some("Contoso Ltd"));
    }

    /// Issue 14, item 2 (and 16): the domain and tenant that will be used,
    /// and the registered domain as a one-click fix.
    #[test]
    fn the_cleaned_up_domain_and_tenant_and_the_registered_domain() {
        let dir = DemoDirectory::builtin();
        let mut d = WizardDraft::default();
        d.set_text(TextField::CustomerDomain, "https://www.contoso.com/".into());
        assert_eq!(d.cleaned_domain().as_deref(), Some("www.contoso.com"));
        assert_eq!(d.registered_domain(dir).as_deref(), Some("contoso.com"));
        d.use_domain("contoso.com".into());
        assert_eq!(d.claim.customer_domain, "contoso.com");
        assert!(d.is_touched("customerDomain"));
        assert_eq!(d.cleaned_domain(), None, "typed as it is used");
        assert_eq!(d.registered_domain(dir), None, "known as it is");
        d.set_text(TextField::CustomerDomain, "a.b.sales.contoso.com".into());
        assert_eq!(d.registered_domain(dir).as_deref(), Some("contoso.com"));
        d.set_text(TextField::CustomerDomain, "www.example.org".into());
        assert_eq!(d.registered_domain(dir), None, "no known parent");
        d.set_text(TextField::CustomerDomain, "Contoso.COM.".into());
        assert_eq!(d.cleaned_domain().as_deref(), Some("contoso.com"));
        d.set_text(
            TextField::TenantId,
            format!("{{{}}}", CONTOSO.to_uppercase()),
        );
        assert_eq!(d.cleaned_tenant().as_deref(), Some(CONTOSO));
        d.set_text(TextField::TenantId, CONTOSO.into());
        assert_eq!(d.cleaned_tenant(), None);
        d.set_text(TextField::TenantId, "nope".into());
        assert_eq!(d.cleaned_tenant(), None);
    }

    /// Issue 15, item 8: the subscription step only when the directory
    /// cannot imply the subscription.
    #[test]
    fn the_subscription_step_only_when_the_directory_cannot_imply_it() {
        let dir: &dyn Directory = DemoDirectory::builtin();
        let mut d = complete();
        assert!(
            !needs_subscriptions(&d.claim, Some(dir)),
            "Contoso has one Sales subscription"
        );
        assert!(needs_subscriptions(&d.claim, None), "no directory: ask");
        assert!(
            needs_subscriptions(
                &d.claim,
                Some(&crate::domain::openid::OnlineDirectory::default())
            ),
            "a directory that lists no subscriptions: ask"
        );
        d.set_subscription("d365_sales", "7ce29de6-c2d2-41eb-b202-f010e10c6f64".into());
        assert!(
            needs_subscriptions(&d.claim, Some(dir)),
            "an entered ID can be changed"
        );
        let mut d = complete();
        d.set_text(TextField::CustomerDomain, "fabrikam.com".into());
        d.set_text(TextField::TenantId, FABRIKAM.into());
        d.set_product("d365_sales", false);
        d.set_product("d365_customer_service", true);
        assert!(
            needs_subscriptions(&d.claim, Some(dir)),
            "two subscriptions"
        );
        d.set_product("d365_customer_service", false);
        d.set_product("d365_sales", true);
        assert!(needs_subscriptions(&d.claim, Some(dir)), "none known");
        d.set_product("d365_sales", false);
        d.set_product("d365_field_service", true);
        assert!(!needs_subscriptions(&d.claim, Some(dir)), "exactly one");
        // The implied subscription's errors block the products step.
        let fs = findings(&d);
        d.go(Step::Products);
        assert_eq!(
            d.continue_from(Step::Products, &fs, Some(dir)),
            Continue::Blocked {
                field: "products[0].subscriptionId".into()
            }
        );
        assert!(d.shows("products[0].subscriptionId"));
        let codes: Vec<Code> = fs
            .iter()
            .filter(|f| f.field == "products[0].subscriptionId")
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, [Code::SubscriptionCsp]);
        // Contoso's implied Sales subscription is fine: straight to contacts.
        let mut d = complete();
        let fs = findings(&d);
        d.go(Step::Products);
        assert_eq!(
            d.continue_from(Step::Products, &fs, Some(dir)),
            Continue::Moved(Step::Contacts)
        );
        assert_eq!(d.back_from(Step::Contacts, Some(dir)), Some(Step::Products));
    }

    #[test]
    fn products_held_by_the_own_organisation_are_locked_unless_chosen() {
        let held = vec![
            Association {
                partner_org_id: "northwind".into(),
                claim_id: "own".into(),
                tenant_id: CONTOSO.into(),
                product: "teams".into(),
                subscription_id: None,
            },
            Association {
                partner_org_id: "adatum".into(),
                claim_id: "other".into(),
                tenant_id: CONTOSO.into(),
                product: "intune".into(),
                subscription_id: None,
            },
        ];
        let own = product_overlap("northwind", Some(CONTOSO), "teams", &held);
        assert_eq!(own, Some(Overlap::OwnOrganisation));
        assert!(product_locked(own, false));
        assert!(!product_locked(own, true), "can still be removed");
        let other = product_overlap("northwind", Some(CONTOSO), "intune", &held);
        assert_eq!(other, Some(Overlap::OtherPartner));
        assert!(!product_locked(other, false));
        assert_eq!(product_overlap("northwind", None, "teams", &held), None);
        assert_eq!(
            product_overlap("northwind", Some(FABRIKAM), "teams", &held),
            None
        );
    }

    #[test]
    fn finish_shows_everything_and_makes_a_canonical_template_only_without_errors() {
        let mut d = WizardDraft::default();
        let fs = findings(&d);
        assert_eq!(d.finish(org(), &fs), None);
        assert_eq!(d.attempted, BTreeSet::from(Step::ALL));

        let mut d = complete();
        d.set_text(TextField::CustomerDomain, "Contoso.COM.".into());
        d.set_text(TextField::TenantId, CONTOSO.to_uppercase());
        let sub = "{A1B2C3D4-0000-4000-8000-000000000001}";
        d.set_subscription("d365_sales", sub.into());
        let fs: Vec<Finding> = findings(&d)
            .into_iter()
            .filter(|f| f.field != "products[0].subscriptionId")
            .collect();
        let template = d.finish(org(), &fs).expect("no errors");
        assert_eq!(template.customer_domain, "contoso.com");
        assert_eq!(template.tenant_id, CONTOSO);
        assert_eq!(
            template.products[0].subscription_id.as_deref(),
            Some("a1b2c3d4-0000-4000-8000-000000000001")
        );
        assert_eq!(template.partner_org, org());
        assert_eq!(
            d.claim.partner_org,
            PartnerOrgRef::default(),
            "the draft keeps none"
        );
    }

    #[test]
    fn the_draft_is_saved_and_restored_in_the_same_shape() {
        assert!(WizardDraft::default().is_blank());
        let mut d = complete();
        d.go(Step::Customer);
        d.touch("tenantId");
        d.attempted.insert(Step::AreaRole);
        assert!(!d.is_blank());
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["step"], "customer");
        assert_eq!(json["touched"], serde_json::json!(["tenantId"]));
        assert_eq!(json["attempted"], serde_json::json!(["areaRole"]));
        assert_eq!(json["claim"]["tenantId"], CONTOSO);
        let back: WizardDraft = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
        // Older or partial drafts restore with defaults.
        let partial: WizardDraft = serde_json::from_str(r#"{"step":"products"}"#).unwrap();
        assert_eq!(partial.step(), Step::Products);
        assert_eq!(partial.claim, Claim::default());
        let empty: WizardDraft = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.step(), Step::FIRST);
        assert!(empty.is_blank());
    }
}
