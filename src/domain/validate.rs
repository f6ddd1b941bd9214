//! Field and claim validation (docs/rules.md#findings): one function per field, and
//! [`validate_claim`] running them all over the claim JSON of docs/rules.md#claim.
//!
//! Findings name the field by its path in the claim JSON (`name`,
//! `solutionArea`, `partnerRole`, `partnerLocation`, `customerDomain`,
//! `tenantId`, `customerName`, `products`, `products[1].product`,
//! `products[0].subscriptionId`, `customerContact.name`,
//! `customerContact.email`, `customerContact.phone`, `partnerContact.*`,
//! `documents`); [`validate_field`] uses the JS field names of the
//! embeddable module (`tenantId`, `domain`, `subscriptionId`, `mpnId`,
//! `email`, `claimName`).
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::domain::finding::Code;
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::validate::{ClaimContext, FieldName, FieldOptions, validate_claim, validate_field};
//!
//! let f = validate_field(FieldName::from_js("mpnId").unwrap(), "12ab", &FieldOptions::default());
//! assert_eq!(f[0].code, Code::MpnFormat);
//!
//! let policy = Policy::default();
//! let findings = validate_claim(&Claim::default(), &ClaimContext::new(&policy));
//! assert!(findings.iter().any(|f| f.field == "name" && f.code == Code::ClaimNameRequired));
//! assert!(findings.iter().any(|f| f.field == "customerContact.email" && f.code == Code::EmailRequired));
//! ```
//!
//! # Decisions
//!
//! - Findings come in wizard order: area and role, partner location,
//!   customer (domain, tenant, domain ↔ tenant, name), products, contacts,
//!   claim name.
//! - Directory checks (domain ↔ tenant, subscriptions) run only when
//!   [`ClaimContext::directory`] is set, and the activation-time check
//!   (`subscription.too_recent`) only when [`ClaimContext::now`] is set too.
//!   The subscription ID's format and `subscription.is_tenant_id` are
//!   checked always. See [`super::directory`] for the subscription precedence.
//! - A product line gets at most one product finding, first of: blank id
//!   (`product.required`), unknown id (`product.wrong_area`), not claimable
//!   (`product.power_bi_dpor`), outside the chosen area (`product.wrong_area`).
//!   Only a line without one is checked for its subscription and against
//!   held associations (`product.already_associated` wins over
//!   `product.competing`, as in [`super::competing::classify`]).
//! - Repeated product lines (same product, and for Business Applications the
//!   same subscription, compared canonically; a line without subscription
//!   only repeats another without one) are validated once, at the first
//!   occurrence: the association keys of a claim are a set, so a repeat adds
//!   nothing and its findings would only be duplicates. Two lines of the same
//!   Business Applications product with different subscriptions are both
//!   checked (a customer may have several).
//! - An unknown solution area counts as not chosen (`solution_area.required`);
//!   an unknown role, or one of another area, is `role.wrong_area` when the
//!   area is known, else `partner_role.required`.
//! - `poe.required` is left to [`validate_for_submit`] (the status machine
//!   checks it on submit).

use chrono::{DateTime, Utc};
use email_address::{EmailAddress, Options};

use super::catalog::Catalog;
use super::claim::{Claim, Contact, PartnerLocation};
use super::competing::{Association, Overlap, classify};
use super::directory::{Directory, check_tenant_domain, subscription_findings};
use super::domain_name::{normalize_domain, validate_domain};
use super::finding::{Code, Finding};
use super::ids::{canonical_guid, validate_subscription_id, validate_tenant_id};
use super::poe::same_organisation_name;
use super::policy::Policy;

/// The fields `validateField` of the embeddable module knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    TenantId,
    Domain,
    SubscriptionId,
    MpnId,
    Email,
    ClaimName,
}

impl FieldName {
    pub const ALL: &'static [FieldName] = &[
        FieldName::TenantId,
        FieldName::Domain,
        FieldName::SubscriptionId,
        FieldName::MpnId,
        FieldName::Email,
        FieldName::ClaimName,
    ];

    /// The JS name: `tenantId`, `domain`, `subscriptionId`, `mpnId`, `email`, `claimName`.
    pub fn js_name(self) -> &'static str {
        match self {
            FieldName::TenantId => "tenantId",
            FieldName::Domain => "domain",
            FieldName::SubscriptionId => "subscriptionId",
            FieldName::MpnId => "mpnId",
            FieldName::Email => "email",
            FieldName::ClaimName => "claimName",
        }
    }

    /// Looks a field up by its JS name (exact spelling).
    pub fn from_js(name: &str) -> Option<FieldName> {
        FieldName::ALL.iter().copied().find(|f| f.js_name() == name)
    }
}

/// Options of [`validate_field`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldOptions {
    /// The claim's tenant ID, so a pasted tenant ID is recognised in
    /// `subscriptionId` (`subscription.is_tenant_id`).
    pub tenant_id: Option<String>,
}

/// Validates one field on its own; findings carry the JS field name.
pub fn validate_field(field: FieldName, value: &str, opts: &FieldOptions) -> Vec<Finding> {
    let name = field.js_name();
    match field {
        FieldName::TenantId => validate_tenant_id(name, value).1,
        FieldName::Domain => validate_domain(name, value).1,
        FieldName::SubscriptionId => {
            validate_subscription_id(name, value, opts.tenant_id.as_deref())
        }
        FieldName::MpnId => validate_mpn(name, value, None),
        FieldName::Email => validate_email(name, value),
        FieldName::ClaimName => validate_claim_name(name, value),
    }
}

/// The partner location's MPN ID (PartnerID): `mpn.required`, `mpn.format`
/// (6 to 10 ASCII digits after trimming), and `mpn.not_enrolled` (warning)
/// when `locations` are given and the matching one is not enrolled in an
/// incentive program (an ID not among them gets no finding).
pub fn validate_mpn(
    field: &str,
    value: &str,
    locations: Option<&[PartnerLocation]>,
) -> Vec<Finding> {
    let v = value.trim();
    if v.is_empty() {
        return vec![Finding::new(field, Code::MpnRequired)];
    }
    if !(6..=10).contains(&v.len()) || !v.bytes().all(|b| b.is_ascii_digit()) {
        return vec![Finding::new(field, Code::MpnFormat)];
    }
    let not_enrolled = locations
        .and_then(|locs| locs.iter().find(|l| l.mpn_id.trim() == v))
        .is_some_and(|l| !l.enrolled);
    if not_enrolled {
        vec![Finding::new(field, Code::MpnNotEnrolled)]
    } else {
        Vec::new()
    }
}

/// An email address: `email.required`, or `email.format` unless it is a bare
/// RFC 5322 address (no display name, no domain literal) whose domain is a
/// valid domain name with at least two labels.
pub fn validate_email(field: &str, value: &str) -> Vec<Finding> {
    if let Some(f) = field_too_long(field, value) {
        return vec![f];
    }
    let v = value.trim();
    if v.is_empty() {
        return vec![Finding::new(field, Code::EmailRequired)];
    }
    if is_email(v) {
        Vec::new()
    } else {
        vec![Finding::new(field, Code::EmailFormat)]
    }
}

fn is_email(v: &str) -> bool {
    if v.chars().any(|c| c.is_whitespace() || c == '<' || c == '>') {
        return false;
    }
    let options = Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
    };
    let Ok(address) = EmailAddress::parse_with_options(v, options) else {
        return false;
    };
    let domain = address.domain();
    domain.contains('.')
        && !domain.ends_with('.')
        && normalize_domain(domain).is_ok_and(|d| d.warnings.is_empty())
}

/// An optional phone number: digits, spaces, `-`, `.`, `(`, `)` and a
/// leading `+`, with 6 to 20 digits (`phone.format`).
pub fn validate_phone(field: &str, value: &str) -> Vec<Finding> {
    if let Some(f) = field_too_long(field, value) {
        return vec![f];
    }
    let v = value.trim();
    if v.is_empty() {
        return Vec::new();
    }
    let body = v.strip_prefix('+').unwrap_or(v);
    let chars_ok = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if chars_ok && (6..=20).contains(&digits) {
        Vec::new()
    } else {
        vec![Finding::new(field, Code::PhoneFormat)]
    }
}

/// A contact under `prefix` (`customerContact`, `partnerContact`): name
/// (`contact.name_required`), email, optional phone.
pub fn validate_contact(prefix: &str, contact: &Contact) -> Vec<Finding> {
    let mut out = Vec::new();
    let name_field = format!("{prefix}.name");
    if contact.name.trim().is_empty() {
        out.push(Finding::new(name_field, Code::ContactNameRequired));
    } else {
        out.extend(field_too_long(&name_field, &contact.name));
    }
    out.extend(validate_email(&format!("{prefix}.email"), &contact.email));
    if let Some(phone) = &contact.phone {
        out.extend(validate_phone(&format!("{prefix}.phone"), phone));
    }
    out
}

/// Longest claim name, in characters after trimming.
pub const MAX_CLAIM_NAME_CHARS: usize = 100;

/// Longest text of any other single-line field of a claim (customer and
/// contact names, e-mails, phones, domain, ids, document names), in
/// characters: `text.too_long`. The fields with a format are held to their
/// real sizes by their own rules; this bounds the free text (see
/// [`super::intake`] for every limit).
pub const MAX_FIELD_CHARS: usize = 10_000;

/// `text.too_long` on `field` when `value` has more than
/// [`MAX_FIELD_CHARS`] characters.
pub fn field_too_long(field: &str, value: &str) -> Option<Finding> {
    (value.len() > MAX_FIELD_CHARS && value.chars().count() > MAX_FIELD_CHARS)
        .then(|| Finding::new(field, Code::TextTooLong))
}

/// The claim name: `claim_name.required`, `claim_name.too_long` (over 100 characters).
pub fn validate_claim_name(field: &str, value: &str) -> Vec<Finding> {
    let v = value.trim();
    if v.is_empty() {
        vec![Finding::new(field, Code::ClaimNameRequired)]
    } else if v.chars().count() > MAX_CLAIM_NAME_CHARS {
        vec![Finding::new(field, Code::ClaimNameTooLong)]
    } else {
        Vec::new()
    }
}

fn chosen(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

/// Solution area (`solutionArea`) and partner role (`partnerRole`).
pub fn validate_area_and_role(area: Option<&str>, role: Option<&str>) -> Vec<Finding> {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    let area = chosen(area).filter(|a| catalog.area(a).is_some());
    if area.is_none() {
        out.push(Finding::new("solutionArea", Code::SolutionAreaRequired));
    }
    match (chosen(role), area) {
        (None, _) => out.push(Finding::new("partnerRole", Code::PartnerRoleRequired)),
        (Some(r), Some(a)) => {
            if catalog.role(r).is_none_or(|r| r.area != a) {
                out.push(Finding::new("partnerRole", Code::RoleWrongArea));
            }
        }
        (Some(r), None) => {
            if catalog.role(r).is_none() {
                out.push(Finding::new("partnerRole", Code::PartnerRoleRequired));
            }
        }
    }
    out
}

/// One product id against the catalog and the chosen area (`None` when the
/// area is not chosen): at most one of `product.required`,
/// `product.wrong_area` (also for an unknown id) and `product.power_bi_dpor`.
pub fn validate_product(field: &str, product_id: &str, area: Option<&str>) -> Vec<Finding> {
    let id = product_id.trim();
    if id.is_empty() {
        return vec![Finding::new(field, Code::ProductRequired)];
    }
    let code = match Catalog::builtin().product(id) {
        None => Some(Code::ProductWrongArea),
        Some(p) if !p.claimable => Some(Code::ProductPowerBiDpor),
        Some(p) if chosen(area).is_some_and(|a| a != p.area) => Some(Code::ProductWrongArea),
        Some(_) => None,
    };
    code.map(|c| Finding::new(field, c)).into_iter().collect()
}

/// What [`validate_claim`] checks against besides the claim itself.
#[derive(Clone, Copy)]
pub struct ClaimContext<'a> {
    /// Domain ↔ tenant and subscription facts; no directory checks without it.
    pub directory: Option<&'a dyn Directory>,
    /// The time of the check, for `subscription.too_recent`.
    pub now: Option<DateTime<Utc>>,
    pub policy: &'a Policy,
    /// The profile's partner locations, for `mpn.not_enrolled`.
    pub locations: Option<&'a [PartnerLocation]>,
    /// Associations held by pending or approved claims (all partners), for
    /// `product.already_associated` and `product.competing`.
    pub held: &'a [Association],
}

impl<'a> ClaimContext<'a> {
    /// No directory, no clock, no locations, no held associations.
    pub fn new(policy: &'a Policy) -> Self {
        ClaimContext {
            directory: None,
            now: None,
            policy,
            locations: None,
            held: &[],
        }
    }

    pub fn with_directory(mut self, directory: &'a dyn Directory) -> Self {
        self.directory = Some(directory);
        self
    }

    pub fn with_now(mut self, now: DateTime<Utc>) -> Self {
        self.now = Some(now);
        self
    }

    pub fn with_locations(mut self, locations: &'a [PartnerLocation]) -> Self {
        self.locations = Some(locations);
        self
    }

    pub fn with_held(mut self, held: &'a [Association]) -> Self {
        self.held = held;
        self
    }
}

/// Validates a whole claim (everything but `poe.required`).
pub fn validate_claim(claim: &Claim, ctx: &ClaimContext) -> Vec<Finding> {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();

    // Step 1: solution area and partner role.
    out.extend(validate_area_and_role(
        claim.solution_area.as_deref(),
        claim.partner_role.as_deref(),
    ));
    let area = chosen(claim.solution_area.as_deref()).filter(|a| catalog.area(a).is_some());

    // Step 2: partner location.
    out.extend(validate_mpn(
        "partnerLocation",
        &claim.partner_location,
        ctx.locations,
    ));

    // Step 3: customer (a huge value is not worth converting to ASCII).
    let (domain, findings) = match field_too_long("customerDomain", &claim.customer_domain) {
        Some(f) => (None, vec![f]),
        None => validate_domain("customerDomain", &claim.customer_domain),
    };
    out.extend(findings);
    let (tenant, findings) = match field_too_long("tenantId", &claim.tenant_id) {
        Some(f) => (None, vec![f]),
        None => validate_tenant_id("tenantId", &claim.tenant_id),
    };
    out.extend(findings);
    if let (Some(dir), Some(domain), Some(tenant)) = (ctx.directory, &domain, &tenant) {
        out.extend(check_tenant_domain("customerDomain", domain, tenant, dir));
    }
    if claim.customer_name.trim().is_empty() {
        out.push(Finding::new("customerName", Code::CustomerNameRequired));
    } else {
        out.extend(field_too_long("customerName", &claim.customer_name));
    }
    let tenant_facts = ctx
        .directory
        .zip(tenant.as_deref())
        .and_then(|(dir, t)| dir.tenant(t));
    if let Some(facts) = &tenant_facts
        && !facts.name.trim().is_empty()
        && !claim.customer_name.trim().is_empty()
        && !same_organisation_name(&claim.customer_name, &facts.name)
    {
        out.push(Finding::new("customerName", Code::CustomerNameMismatch));
    }

    // Steps 4 and 5: products and subscriptions.
    out.extend(validate_product_lines(claim, area, tenant.as_deref(), ctx));

    // Step 6: contacts and claim name.
    let customer_domains: Vec<String> = match &tenant_facts {
        Some(facts) => facts
            .domains
            .iter()
            .cloned()
            .chain(domain.clone())
            .collect(),
        None => domain.clone().into_iter().collect(),
    };
    out.extend(validate_contact("customerContact", &claim.customer_contact));
    out.extend(check_customer_email(
        "customerContact.email",
        &claim.customer_contact.email,
        &customer_domains,
    ));
    out.extend(validate_contact("partnerContact", &claim.partner_contact));
    out.extend(validate_claim_name("name", &claim.name));
    out
}

/// Mail providers where anyone can have an address: a customer contact
/// there is a private person's address, not the customer organisation's.
pub const CONSUMER_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.se",
    "live.com",
    "live.se",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.se",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "mail.com",
    "yandex.com",
    "zoho.com",
    "fastmail.com",
    "qq.com",
    "163.com",
    "telia.com",
    "bredband.net",
    "spray.se",
];

/// `email.not_customer_domain` (warning) on the customer contact's email:
/// its domain is a consumer mail provider's ([`CONSUMER_MAIL_DOMAINS`]), or
/// neither one of `customer_domains` (the tenant's domains when the
/// directory knows them, and the claim's customer domain) nor a subdomain
/// or parent domain of one. Nothing for an email with a format finding, or
/// when no customer domain is known and the provider is not a consumer one.
pub fn check_customer_email(field: &str, email: &str, customer_domains: &[String]) -> Vec<Finding> {
    let email = email.trim();
    if !is_email(email) {
        return Vec::new();
    }
    let Some(domain) = email
        .rsplit_once('@')
        .and_then(|(_, d)| normalize_domain(d).ok())
        .map(|d| d.ascii)
    else {
        return Vec::new();
    };
    let related =
        |a: &str, b: &str| a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"));
    let consumer = CONSUMER_MAIL_DOMAINS.contains(&domain.as_str());
    let foreign =
        !customer_domains.is_empty() && !customer_domains.iter().any(|d| related(&domain, d));
    if consumer || foreign {
        vec![Finding::new(field, Code::EmailNotCustomerDomain)]
    } else {
        Vec::new()
    }
}

fn validate_product_lines(
    claim: &Claim,
    area: Option<&str>,
    tenant: Option<&str>,
    ctx: &ClaimContext,
) -> Vec<Finding> {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    if claim.products.is_empty() {
        out.push(Finding::new("products", Code::ProductRequired));
        return out;
    }
    let mut seen: Vec<(&str, Option<String>)> = Vec::new();
    for (i, line) in claim.products.iter().enumerate() {
        let product = line.product.trim();
        let per_subscription = catalog.is_per_subscription(product);
        let sub = line.subscription().filter(|_| per_subscription);
        let key = (
            product,
            sub.map(|s| canonical_guid(s).unwrap_or_else(|_| s.to_ascii_lowercase())),
        );
        if !product.is_empty() && seen.contains(&key) {
            continue;
        }
        seen.push(key);

        let product_field = format!("products[{i}].product");
        let product_findings = validate_product(&product_field, product, area);
        if !product_findings.is_empty() {
            out.extend(product_findings);
            continue;
        }
        // Held associations, on a usable tenant and subscription ID.
        let sub_id = sub.map(|s| canonical_guid(s).ok());
        if let Some(tenant) = tenant
            && sub_id.as_ref().is_none_or(Option::is_some)
        {
            let wanted = Association {
                partner_org_id: claim.partner_org.id.clone(),
                claim_id: claim.id.clone(),
                tenant_id: tenant.to_string(),
                product: product.to_string(),
                subscription_id: sub_id.flatten(),
            };
            match classify(&wanted, ctx.held) {
                Some(Overlap::OwnOrganisation) => {
                    out.push(Finding::new(&product_field, Code::ProductAlreadyAssociated));
                }
                Some(Overlap::OtherPartner) => {
                    out.push(Finding::new(&product_field, Code::ProductCompeting));
                }
                None => {}
            }
        }
        out.extend(subscription_findings(
            &format!("products[{i}].subscriptionId"),
            product,
            sub,
            &claim.tenant_id,
            ctx.directory,
            ctx.now,
            ctx.policy,
        ));
    }
    out
}

/// True when the claim's partner role needs proof of execution (every role
/// but revenue association; an unknown or missing role counts as needing it).
pub fn poe_required(claim: &Claim) -> bool {
    chosen(claim.partner_role.as_deref())
        .and_then(|r| Catalog::builtin().role(r))
        .is_none_or(|r| r.poe_required)
}

/// [`validate_claim`] plus `poe.required` (on `documents`) when the role
/// needs proof of execution and the claim has no document.
pub fn validate_for_submit(claim: &Claim, ctx: &ClaimContext) -> Vec<Finding> {
    let mut out = validate_claim(claim, ctx);
    if claim.documents.is_empty() && poe_required(claim) {
        out.push(Finding::new("documents", Code::PoeRequired));
    }
    out
}
