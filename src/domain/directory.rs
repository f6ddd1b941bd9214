//! Domain ↔ tenant and subscription facts (docs/rules.md#directory), behind the object-safe
//! [`Directory`] trait, and the checks that use them: [`check_tenant_domain`]
//! and [`check_subscription`].
//!
//! The embedded default is [`DemoDirectory::builtin`], loaded from
//! `data/demo-directory.json` (camelCase JSON; the same serde types read a
//! directory a portal passes in as a JS object). It holds Contoso (the happy
//! path) and Fabrikam, which carries one example subscription per
//! subscription finding; each subscription's `note` says which.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use cpor_desk::domain::directory::{DemoDirectory, Directory, check_subscription, check_tenant_domain};
//! use cpor_desk::domain::finding::Code;
//! use cpor_desk::domain::policy::Policy;
//!
//! let dir = DemoDirectory::builtin();
//! let contoso = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
//! let fabrikam = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
//! assert_eq!(dir.tenant_for_domain("contoso.com").as_deref(), Some(contoso));
//! assert!(check_tenant_domain("domain", "Contoso.com", contoso, dir).is_empty());
//! let f = check_tenant_domain("domain", "contoso.com", fabrikam, dir);
//! assert_eq!(f[0].code, Code::DomainMismatch);
//!
//! let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
//! let sales = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
//! let ok = check_subscription("products[0].subscriptionId", "d365_sales", Some(sales), contoso, dir, now, &Policy::default());
//! assert!(ok.is_empty());
//! let f = check_subscription("products[0].subscriptionId", "d365_sales", Some(sales), fabrikam, dir, now, &Policy::default());
//! assert_eq!(f[0].code, Code::SubscriptionNotOnTenant);
//! ```
//!
//! # Precedence of the subscription findings
//!
//! [`check_subscription`] gives nothing for products that are not claimed per
//! subscription (Modern Work and Security workloads, unknown products) nor
//! for products that are not claimable (Power BI: `product.power_bi_dpor` is
//! the product rule's job). Otherwise, with a subscription ID entered, it
//! stops at the first of these *identity* errors, because once the
//! subscription is the wrong one its other facts are noise:
//!
//! 1. `subscription.format` (not a GUID);
//! 2. `subscription.is_tenant_id` (equal to the claim's tenant ID);
//! 3. `subscription.not_on_tenant` (on another tenant, or unknown while the
//!    directory lists the tenant's subscriptions);
//! 4. `subscription.not_dynamics`;
//! 5. `subscription.product_mismatch`.
//!
//! A subscription that passes them is on the tenant and for the product;
//! its *eligibility* facts are independent and all reported, in this order:
//! `subscription.inactive`, `subscription.csp`, `subscription.not_provisioned`,
//! `subscription.too_recent` (only when the activation time is known),
//! `subscription.already_claimed`.
//!
//! Without a subscription ID: `subscription.required` when the directory
//! lists the tenant's subscriptions and it has zero or several of the
//! product; with exactly one, that subscription is implied and its
//! eligibility facts are reported as above (identity cannot fail).
//!
//! Nothing is reported from the directory while the tenant ID is not a
//! usable GUID (the tenant field's own findings say why), and nothing
//! depending on a tenant the directory does not know, except a subscription
//! it does know to be on another tenant.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::domain_name::normalize_domain;
use super::finding::{Code, Finding};
use super::ids::{canonical_guid, validate_subscription_id, validate_tenant_id};
use super::policy::Policy;

/// What a directory knows about a tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantFacts {
    /// Canonical tenant GUID.
    pub id: String,
    /// The organisation's name (pre-fills the claim's customer name).
    pub name: String,
    /// Its verified domains, in ASCII form.
    pub domains: Vec<String>,
}

/// How a subscription was bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[serde(alias = "webDirect")]
    WebDirect,
    #[serde(alias = "volumeLicensing", alias = "vl")]
    VolumeLicensing,
    /// Cloud Solution Provider: not claimable for Business Applications.
    Csp,
    /// Not stated, or a channel this version does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// A subscription's lifecycle status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    #[default]
    Active,
    #[serde(alias = "inGrace", alias = "grace")]
    InGrace,
    Expired,
    Disabled,
    Suspended,
    /// A status this version does not know (counts as not active).
    #[serde(other)]
    Unknown,
}

impl SubscriptionStatus {
    /// Active or in grace: the only statuses that can be claimed.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            SubscriptionStatus::Active | SubscriptionStatus::InGrace
        )
    }
}

/// When a subscription was activated: absolute, or relative to the time of
/// the check (the demo's "too recent" example stays too recent forever).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activation {
    At(DateTime<Utc>),
    HoursAgo(f64),
}

impl Activation {
    /// The activation instant as seen at `now`; `None` for a nonsensical
    /// relative value (not finite, or beyond chrono's range).
    pub fn at(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Activation::At(t) => Some(t),
            Activation::HoursAgo(h) => {
                let secs = h * 3600.0;
                if !secs.is_finite() || secs.abs() > 1e15 {
                    return None;
                }
                now.checked_sub_signed(Duration::try_seconds(secs.round() as i64)?)
            }
        }
    }
}

/// What a directory knows about a subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionFacts {
    /// Canonical subscription GUID.
    pub id: String,
    /// Canonical GUID of the tenant it is on.
    pub tenant_id: String,
    /// Catalog product id (`d365_sales`), or another product's id (`m365_e3`).
    pub product: String,
    /// Display name of the product, when the directory has one.
    pub product_name: Option<String>,
    /// A Dynamics 365 (Business Applications) subscription.
    pub dynamics: bool,
    pub channel: Channel,
    pub status: SubscriptionStatus,
    pub provisioned: bool,
    pub activation: Option<Activation>,
    /// The partner that already claimed it, if any.
    pub claimed_by: Option<String>,
}

/// Domain ↔ tenant and subscription facts (docs/rules.md#directory). Object-safe: used as
/// `&dyn Directory`.
///
/// Callers pass canonical forms (ASCII lowercase domains without trailing
/// dot, lowercase hyphenated GUIDs); [`DemoDirectory`] also accepts the
/// other accepted spellings.
pub trait Directory {
    /// The canonical tenant GUID a domain belongs to, if known.
    fn tenant_for_domain(&self, ascii_domain: &str) -> Option<String>;

    /// What the directory knows about a tenant.
    fn tenant(&self, tenant_id: &str) -> Option<TenantFacts>;

    /// What the directory knows about a subscription (on any tenant).
    fn subscription(&self, sub_id: &str) -> Option<SubscriptionFacts>;

    /// The subscriptions of a product on a tenant (empty when unknown).
    fn subscriptions_on(&self, tenant_id: &str, product_id: &str) -> Vec<SubscriptionFacts>;

    /// True when the directory lists all subscriptions of the tenant, so a
    /// subscription it does not know is not on the tenant and an empty
    /// [`Directory::subscriptions_on`] means "none". A directory that only
    /// resolves domains (the online OpenID one) answers `false`.
    fn knows_subscriptions_of(&self, tenant_id: &str) -> bool {
        self.tenant(tenant_id).is_some()
    }
}

fn yes() -> bool {
    true
}

/// A subscription in the directory JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionRecord {
    pub id: String,
    pub product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Defaults to whether the catalog claims `product` per subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamics: Option<bool>,
    #[serde(default)]
    pub channel: Channel,
    #[serde(default)]
    pub status: SubscriptionStatus,
    #[serde(default = "yes")]
    pub provisioned: bool,
    /// Absolute activation time (wins over `activatedHoursAgo`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::rfc3339::opt_utc"
    )]
    pub activated: Option<DateTime<Utc>>,
    /// Activation relative to the time of the check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_hours_ago: Option<f64>,
    #[serde(default)]
    pub claimed_by: Option<String>,
    /// Which finding this example triggers (documentation only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A tenant in the directory JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantRecord {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub domains: Vec<String>,
    /// `None` (key absent): the tenant's subscriptions are not known;
    /// `Some([])`: it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<Vec<SubscriptionRecord>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The directory JSON: `{ "tenants": [...] }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryData {
    #[serde(default)]
    pub tenants: Vec<TenantRecord>,
}

/// The JSON source of the built-in demo directory (compiled to Rust by
/// build.rs: `domain::builtin`).
pub const DEMO_DIRECTORY_JSON: &str = include_str!("../../data/demo-directory.json");

/// A directory held in memory, in the JSON shape of `data/demo-directory.json`.
/// Identifiers and domains are canonicalised when it is built.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "DirectoryData", into = "DirectoryData")]
pub struct DemoDirectory {
    data: DirectoryData,
}

fn canonical_or_lower(s: &str) -> String {
    canonical_guid(s).unwrap_or_else(|_| s.trim().to_ascii_lowercase())
}

fn domain_key(s: &str) -> String {
    normalize_domain(s)
        .map(|d| d.ascii)
        .unwrap_or_else(|_| s.trim().to_lowercase())
}

impl From<DirectoryData> for DemoDirectory {
    fn from(mut data: DirectoryData) -> Self {
        for t in &mut data.tenants {
            t.id = canonical_or_lower(&t.id);
            for d in &mut t.domains {
                *d = domain_key(d);
            }
            for s in t.subscriptions.iter_mut().flatten() {
                s.id = canonical_or_lower(&s.id);
                s.product = s.product.trim().to_string();
            }
        }
        DemoDirectory { data }
    }
}

impl From<DemoDirectory> for DirectoryData {
    fn from(d: DemoDirectory) -> Self {
        d.data
    }
}

impl DemoDirectory {
    /// The demo directory shipped in `data/demo-directory.json`.
    pub fn builtin() -> &'static DemoDirectory {
        static DIR: OnceLock<DemoDirectory> = OnceLock::new();
        DIR.get_or_init(|| DemoDirectory::from(super::builtin::demo_directory()))
    }

    /// Reads a directory from its JSON.
    pub fn from_json(json: &str) -> Result<DemoDirectory, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The (canonicalised) records.
    pub fn data(&self) -> &DirectoryData {
        &self.data
    }

    fn tenant_record(&self, tenant_id: &str) -> Option<&TenantRecord> {
        let key = canonical_or_lower(tenant_id);
        self.data.tenants.iter().find(|t| t.id == key)
    }

    fn facts(tenant: &TenantRecord, s: &SubscriptionRecord) -> SubscriptionFacts {
        SubscriptionFacts {
            id: s.id.clone(),
            tenant_id: tenant.id.clone(),
            product: s.product.clone(),
            product_name: s.product_name.clone(),
            dynamics: s
                .dynamics
                .unwrap_or_else(|| Catalog::builtin().is_per_subscription(&s.product)),
            channel: s.channel,
            status: s.status,
            provisioned: s.provisioned,
            activation: s
                .activated
                .map(Activation::At)
                .or(s.activated_hours_ago.map(Activation::HoursAgo)),
            claimed_by: s
                .claimed_by
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
        }
    }
}

impl Directory for DemoDirectory {
    fn tenant_for_domain(&self, ascii_domain: &str) -> Option<String> {
        let key = domain_key(ascii_domain);
        self.data
            .tenants
            .iter()
            .find(|t| t.domains.contains(&key))
            .map(|t| t.id.clone())
    }

    fn tenant(&self, tenant_id: &str) -> Option<TenantFacts> {
        self.tenant_record(tenant_id).map(|t| TenantFacts {
            id: t.id.clone(),
            name: t.name.clone(),
            domains: t.domains.clone(),
        })
    }

    fn subscription(&self, sub_id: &str) -> Option<SubscriptionFacts> {
        let key = canonical_or_lower(sub_id);
        self.data.tenants.iter().find_map(|t| {
            t.subscriptions
                .iter()
                .flatten()
                .find(|s| s.id == key)
                .map(|s| Self::facts(t, s))
        })
    }

    fn subscriptions_on(&self, tenant_id: &str, product_id: &str) -> Vec<SubscriptionFacts> {
        let Some(t) = self.tenant_record(tenant_id) else {
            return Vec::new();
        };
        t.subscriptions
            .iter()
            .flatten()
            .filter(|s| s.product == product_id.trim())
            .map(|s| Self::facts(t, s))
            .collect()
    }

    fn knows_subscriptions_of(&self, tenant_id: &str) -> bool {
        self.tenant_record(tenant_id)
            .is_some_and(|t| t.subscriptions.is_some())
    }
}

/// Checks a domain and a tenant ID against each other.
///
/// Gives nothing when either is invalid (their field validators say why) or
/// when the directory maps the domain to this tenant. `domain.mismatch`
/// (error) when the directory maps the domain to another tenant;
/// `domain.unknown` (warning) when it cannot confirm the pair: the domain is
/// not in the directory (whether or not the tenant is). Domains are matched
/// exactly: a subdomain of a tenant's domain is not confirmed, as Entra ID
/// verifies each domain on its own.
pub fn check_tenant_domain(
    domain_field: &str,
    domain: &str,
    tenant_id: &str,
    dir: &dyn Directory,
) -> Vec<Finding> {
    let Ok(domain) = normalize_domain(domain) else {
        return Vec::new();
    };
    let Some(tenant) = validate_tenant_id(domain_field, tenant_id).0 else {
        return Vec::new();
    };
    match dir.tenant_for_domain(&domain.ascii) {
        Some(owner) if owner == tenant => Vec::new(),
        Some(_) => vec![Finding::new(domain_field, Code::DomainMismatch)],
        None => vec![Finding::new(domain_field, Code::DomainUnknown)],
    }
}

/// Checks a Business Applications product line's subscription against the
/// directory at `now`. See the module docs for the precedence.
pub fn check_subscription(
    field: &str,
    product_id: &str,
    subscription: Option<&str>,
    tenant_id: &str,
    dir: &dyn Directory,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Vec<Finding> {
    subscription_findings(
        field,
        product_id,
        subscription,
        tenant_id,
        Some(dir),
        Some(now),
        policy,
    )
}

/// [`check_subscription`] with the directory and the clock optional:
/// without a directory only the format rules run; without `now` the
/// activation time is not checked.
pub(crate) fn subscription_findings(
    field: &str,
    product_id: &str,
    subscription: Option<&str>,
    tenant_id: &str,
    dir: Option<&dyn Directory>,
    now: Option<DateTime<Utc>>,
    policy: &Policy,
) -> Vec<Finding> {
    let catalog = Catalog::builtin();
    let claimable = catalog.product(product_id).is_some_and(|p| p.claimable);
    if !claimable || !catalog.is_per_subscription(product_id) {
        return Vec::new();
    }
    let sub = subscription.map(str::trim).filter(|s| !s.is_empty());
    if let Some(raw) = sub {
        let format = validate_subscription_id(field, raw, Some(tenant_id));
        if !format.is_empty() {
            return format;
        }
    }
    let (Some(dir), Some(tenant)) = (dir, validate_tenant_id(field, tenant_id).0) else {
        return Vec::new();
    };
    let one = |code| vec![Finding::new(field, code)];
    match sub {
        Some(raw) => {
            let Ok(id) = canonical_guid(raw) else {
                return one(Code::SubscriptionFormat);
            };
            match dir.subscription(&id) {
                None if dir.knows_subscriptions_of(&tenant) => one(Code::SubscriptionNotOnTenant),
                None => Vec::new(),
                Some(facts) if facts.tenant_id != tenant => one(Code::SubscriptionNotOnTenant),
                Some(facts) => facts_findings(field, product_id, &facts, now, policy),
            }
        }
        None => {
            if !dir.knows_subscriptions_of(&tenant) {
                return Vec::new();
            }
            match dir.subscriptions_on(&tenant, product_id).as_slice() {
                [only] => facts_findings(field, product_id, only, now, policy),
                _ => one(Code::SubscriptionRequired),
            }
        }
    }
}

/// Whether the subscription ID of a `product_id` line on `tenant_id` may be
/// left empty: it must be entered only when the directory lists the
/// tenant's subscriptions and has none, or several, of the product
/// (`subscription.required`); with exactly one, that one is implied, and a
/// directory that cannot tell (the online one, an unknown tenant) requires
/// nothing.
pub fn subscription_id_optional(product_id: &str, tenant_id: &str, dir: &dyn Directory) -> bool {
    let Some(tenant) = validate_tenant_id("tenantId", tenant_id).0 else {
        return true;
    };
    !dir.knows_subscriptions_of(&tenant) || dir.subscriptions_on(&tenant, product_id).len() == 1
}

/// The findings about a subscription known to be on the claim's tenant.
fn facts_findings(
    field: &str,
    product_id: &str,
    facts: &SubscriptionFacts,
    now: Option<DateTime<Utc>>,
    policy: &Policy,
) -> Vec<Finding> {
    let one = |code| vec![Finding::new(field, code)];
    if !facts.dynamics {
        return one(Code::SubscriptionNotDynamics);
    }
    if facts.product != product_id.trim() {
        return one(Code::SubscriptionProductMismatch);
    }
    let mut codes = Vec::new();
    if !facts.status.is_active() {
        codes.push(Code::SubscriptionInactive);
    }
    if facts.channel == Channel::Csp {
        codes.push(Code::SubscriptionCsp);
    }
    if !facts.provisioned {
        codes.push(Code::SubscriptionNotProvisioned);
    }
    if let Some(now) = now
        && let Some(at) = facts.activation.and_then(|a| a.at(now))
        && now.signed_duration_since(at)
            < Duration::hours(i64::from(policy.subscription_claimable_after_hours))
    {
        codes.push(Code::SubscriptionTooRecent);
    }
    if facts.claimed_by.is_some() {
        codes.push(Code::SubscriptionAlreadyClaimed);
    }
    codes
        .into_iter()
        .map(|code| Finding::new(field, code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
    const FABRIKAM: &str = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
    const SALES: &str = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
    const CS_1: &str = "5747fde5-8253-4a63-9198-657a0ac7144e";
    const CS_2: &str = "3eda50cc-2cd2-4364-8343-e1bd2d3f8bea";
    const M365: &str = "b2c0f154-8ca4-4bd4-910c-e206ac1f3bdc";
    const CSP: &str = "7541648c-a0bb-4f72-9b48-c6fb9a592992";
    const NOT_PROVISIONED: &str = "0b3c8caa-4a49-4cc2-bdc4-4a1b5c2af41b";
    const TOO_RECENT: &str = "a3222e26-8a0a-4b98-bf70-c7a909248f07";
    const CLAIMED: &str = "78d2a5f7-154c-4224-b53f-6cc4e04afc4f";
    const EXPIRED: &str = "5998e453-3d96-44d5-a340-0033a63a3b21";
    const DISABLED: &str = "475fb320-f77d-4b94-8eaa-6d5eb82615bb";
    const IN_GRACE: &str = "4c7232b0-c717-4ca4-803e-16589d9be956";
    const UNKNOWN_SUB: &str = "e0a4b1c2-9d8e-4f70-8a6b-5c4d3e2f1a0b";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn codes(findings: &[Finding]) -> Vec<Code> {
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn demo_directory_holds_the_spec_facts() {
        let dir = DemoDirectory::builtin();
        assert_eq!(
            dir.tenant_for_domain("contoso.com").as_deref(),
            Some(CONTOSO)
        );
        assert_eq!(
            dir.tenant_for_domain("contoso.onmicrosoft.com").as_deref(),
            Some(CONTOSO)
        );
        assert_eq!(
            dir.tenant_for_domain("fabrikam.com").as_deref(),
            Some(FABRIKAM)
        );
        assert_eq!(
            dir.tenant_for_domain("CONTOSO.COM.").as_deref(),
            Some(CONTOSO)
        );
        assert_eq!(dir.tenant_for_domain("example.org"), None);
        let c = dir.tenant(CONTOSO).unwrap();
        assert_eq!(c.name, "Contoso Ltd");
        assert_eq!(c.domains, ["contoso.com", "contoso.onmicrosoft.com"]);
        let f = dir.tenant(&FABRIKAM.to_uppercase()).unwrap();
        assert_eq!(f.name, "Fabrikam, Inc.");
        assert_eq!(f.domains, ["fabrikam.com"]);
        assert_eq!(dir.data().tenants.len(), 2);

        let sales = dir.subscription(SALES).unwrap();
        assert_eq!(sales.tenant_id, CONTOSO);
        assert_eq!(sales.product, "d365_sales");
        assert_eq!(sales.product_name.as_deref(), Some("Dynamics 365 Sales"));
        assert!(sales.dynamics && sales.provisioned && sales.claimed_by.is_none());
        assert_eq!(sales.channel, Channel::WebDirect);
        assert!(sales.status.is_active());
        let at = sales.activation.unwrap().at(now()).unwrap();
        assert!(now() - at > Duration::days(365));
        assert_eq!(dir.subscriptions_on(CONTOSO, "d365_sales").len(), 1);
        assert_eq!(
            dir.subscriptions_on(FABRIKAM, "d365_customer_service")
                .len(),
            2
        );
        // Every example subscription other than Sales is on Fabrikam and documented.
        for t in &dir.data().tenants {
            for s in t.subscriptions.iter().flatten() {
                assert!(!s.note.is_empty(), "{} has a note", s.id);
                assert_eq!(canonical_guid(&s.id).unwrap(), s.id);
                if s.id != SALES {
                    assert_eq!(t.id, FABRIKAM, "{}", s.id);
                }
            }
        }
    }

    #[test]
    fn json_round_trip_and_custom_directories() {
        let dir = DemoDirectory::builtin();
        let json = serde_json::to_string(dir).unwrap();
        assert_eq!(&DemoDirectory::from_json(&json).unwrap(), dir);
        let custom = DemoDirectory::from_json(&format!(
            r#"{{"tenants":[{{"id":"{{{}}}","name":"F","domains":["Bücher.Example."]}}]}}"#,
            FABRIKAM.to_uppercase()
        ))
        .unwrap();
        assert_eq!(
            custom.tenant_for_domain("xn--bcher-kva.example").as_deref(),
            Some(FABRIKAM)
        );
        assert!(!custom.knows_subscriptions_of(FABRIKAM));
        assert!(DemoDirectory::from_json(r#"{"tenants": 5}"#).is_err());
        assert_eq!(
            DemoDirectory::from_json("{}").unwrap(),
            DemoDirectory::default()
        );
        // Unknown channel and status strings are read, not refused.
        let odd = DemoDirectory::from_json(&format!(
            r#"{{"tenants":[{{"id":"{FABRIKAM}","subscriptions":[{{"id":"{CS_1}","product":"d365_sales","channel":"marketplace","status":"deleted"}}]}}]}}"#
        ))
        .unwrap();
        let s = odd.subscription(CS_1).unwrap();
        assert_eq!(s.channel, Channel::Unknown);
        assert_eq!(s.status, SubscriptionStatus::Unknown);
        assert!(s.dynamics && s.provisioned && s.activation.is_none());
    }

    #[test]
    fn tenant_domain_pairs() {
        let dir = DemoDirectory::builtin();
        let cases: &[(&str, &str, &[Code])] = &[
            ("contoso.com", CONTOSO, &[]),
            ("https://CONTOSO.com/about", CONTOSO, &[]),
            ("anna@contoso.onmicrosoft.com", CONTOSO, &[]),
            ("fabrikam.com", FABRIKAM, &[]),
            ("contoso.com", FABRIKAM, &[Code::DomainMismatch]),
            ("fabrikam.com", CONTOSO, &[Code::DomainMismatch]),
            ("example.org", CONTOSO, &[Code::DomainUnknown]),
            ("sales.contoso.com", CONTOSO, &[Code::DomainUnknown]),
            (
                "example.org",
                "e0a4b1c2-9d8e-4f70-8a6b-5c4d3e2f1a0b",
                &[Code::DomainUnknown],
            ),
            // Invalid inputs are the field validators' job.
            ("contoso", CONTOSO, &[]),
            ("", CONTOSO, &[]),
            ("contoso.com", "nope", &[]),
            ("contoso.com", "", &[]),
            ("contoso.com", "00000000-0000-0000-0000-000000000000", &[]),
        ];
        for (domain, tenant, want) in cases {
            let f = check_tenant_domain("customerDomain", domain, tenant, dir);
            assert_eq!(codes(&f), *want, "{domain} / {tenant}");
            assert!(f.iter().all(|f| f.field == "customerDomain"));
        }
    }

    #[test]
    fn subscription_findings_table() {
        let dir = DemoDirectory::builtin();
        let p = Policy::default();
        let cases: &[(&str, Option<&str>, &str, &[Code])] = &[
            // Valid.
            ("d365_sales", Some(SALES), CONTOSO, &[]),
            ("d365_sales", Some(&SALES.to_uppercase()), CONTOSO, &[]),
            ("d365_sales", None, CONTOSO, &[]),
            ("d365_sales", Some("   "), CONTOSO, &[]),
            ("d365_customer_service", Some(CS_1), FABRIKAM, &[]),
            ("d365_customer_service", Some(CS_2), FABRIKAM, &[]),
            ("d365_project_operations", Some(IN_GRACE), FABRIKAM, &[]),
            // Not per subscription, or not claimable: nothing.
            ("teams", Some("junk"), CONTOSO, &[]),
            ("power_bi", Some("junk"), CONTOSO, &[]),
            ("nope", None, FABRIKAM, &[]),
            // Required.
            (
                "d365_customer_service",
                None,
                FABRIKAM,
                &[Code::SubscriptionRequired],
            ),
            ("d365_sales", None, FABRIKAM, &[Code::SubscriptionRequired]),
            // Unknown tenant: no finding without an ID.
            (
                "d365_sales",
                None,
                "e0a4b1c2-9d8e-4f70-8a6b-5c4d3e2f1a0c",
                &[],
            ),
            // Identity.
            (
                "d365_sales",
                Some("xyz"),
                CONTOSO,
                &[Code::SubscriptionFormat],
            ),
            (
                "d365_sales",
                Some(CONTOSO),
                CONTOSO,
                &[Code::SubscriptionIsTenantId],
            ),
            (
                "d365_sales",
                Some(SALES),
                FABRIKAM,
                &[Code::SubscriptionNotOnTenant],
            ),
            (
                "d365_sales",
                Some(UNKNOWN_SUB),
                CONTOSO,
                &[Code::SubscriptionNotOnTenant],
            ),
            (
                "d365_sales",
                Some(M365),
                FABRIKAM,
                &[Code::SubscriptionNotDynamics],
            ),
            (
                "d365_customer_service",
                Some(SALES),
                CONTOSO,
                &[Code::SubscriptionProductMismatch],
            ),
            // Eligibility.
            (
                "d365_field_service",
                Some(CSP),
                FABRIKAM,
                &[Code::SubscriptionCsp],
            ),
            (
                "d365_finance",
                Some(NOT_PROVISIONED),
                FABRIKAM,
                &[Code::SubscriptionNotProvisioned],
            ),
            (
                "d365_business_central",
                Some(TOO_RECENT),
                FABRIKAM,
                &[Code::SubscriptionTooRecent],
            ),
            (
                "d365_supply_chain",
                Some(CLAIMED),
                FABRIKAM,
                &[Code::SubscriptionAlreadyClaimed],
            ),
            (
                "d365_commerce",
                Some(EXPIRED),
                FABRIKAM,
                &[Code::SubscriptionInactive],
            ),
            (
                "d365_human_resources",
                Some(DISABLED),
                FABRIKAM,
                &[Code::SubscriptionInactive],
            ),
            // The only subscription of the product is implied and checked.
            (
                "d365_field_service",
                None,
                FABRIKAM,
                &[Code::SubscriptionCsp],
            ),
            (
                "d365_business_central",
                None,
                FABRIKAM,
                &[Code::SubscriptionTooRecent],
            ),
        ];
        for (product, sub, tenant, want) in cases {
            let f = check_subscription(
                "products[0].subscriptionId",
                product,
                *sub,
                tenant,
                dir,
                now(),
                &p,
            );
            assert_eq!(codes(&f), *want, "{product} / {sub:?} / {tenant}");
            assert!(f.iter().all(|f| f.field == "products[0].subscriptionId"));
        }
    }

    #[test]
    fn eligibility_facts_are_all_reported() {
        let dir = DemoDirectory::from_json(&format!(
            r#"{{"tenants":[{{"id":"{FABRIKAM}","subscriptions":[{{"id":"{CS_1}","product":"d365_sales",
            "channel":"csp","status":"disabled","provisioned":false,"activatedHoursAgo":1,"claimedBy":"Northwind"}}]}}]}}"#
        ))
        .unwrap();
        let f = check_subscription(
            "s",
            "d365_sales",
            Some(CS_1),
            FABRIKAM,
            &dir,
            now(),
            &Policy::default(),
        );
        assert_eq!(
            codes(&f),
            [
                Code::SubscriptionInactive,
                Code::SubscriptionCsp,
                Code::SubscriptionNotProvisioned,
                Code::SubscriptionTooRecent,
                Code::SubscriptionAlreadyClaimed,
            ]
        );
    }

    #[test]
    fn too_recent_follows_the_policy_and_the_clock() {
        let dir = DemoDirectory::builtin();
        let mut p = Policy::default();
        let check = |p: &Policy, now| {
            codes(&check_subscription(
                "s",
                "d365_sales",
                Some(SALES),
                CONTOSO,
                dir,
                now,
                p,
            ))
        };
        let activated = Utc.with_ymd_and_hms(2024, 3, 4, 9, 0, 0).unwrap();
        assert_eq!(
            check(&p, activated + Duration::hours(47)),
            [Code::SubscriptionTooRecent]
        );
        assert_eq!(check(&p, activated + Duration::hours(48)), []);
        assert_eq!(
            check(&p, activated - Duration::hours(1)),
            [Code::SubscriptionTooRecent]
        );
        p.subscription_claimable_after_hours = 0;
        assert_eq!(check(&p, activated), []);
        // Relative activation stays too recent at any time.
        for year in [2020, 2026, 2100] {
            let now = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
            let f = check_subscription(
                "s",
                "d365_business_central",
                Some(TOO_RECENT),
                FABRIKAM,
                dir,
                now,
                &Policy::default(),
            );
            assert_eq!(codes(&f), [Code::SubscriptionTooRecent]);
        }
        assert_eq!(Activation::HoursAgo(f64::NAN).at(now()), None);
        assert_eq!(Activation::HoursAgo(1e300).at(now()), None);
        assert_eq!(
            Activation::HoursAgo(-2.0).at(now()),
            Some(now() + Duration::hours(2))
        );
    }

    #[test]
    fn a_subscription_id_is_optional_unless_its_absence_is_an_error() {
        let dir = DemoDirectory::builtin();
        let p = Policy::default();
        for (product, tenant, optional) in [
            ("d365_sales", CONTOSO, true),
            ("d365_customer_service", FABRIKAM, false),
            ("d365_sales", FABRIKAM, false),
            ("d365_sales", UNKNOWN_SUB, true),
            ("d365_sales", "not a tenant", true),
        ] {
            assert_eq!(
                subscription_id_optional(product, tenant, dir),
                optional,
                "{product} on {tenant}"
            );
            let missing = check_subscription("s", product, None, tenant, dir, now(), &p);
            assert_eq!(
                codes(&missing).contains(&Code::SubscriptionRequired),
                !optional,
                "{product} on {tenant}"
            );
        }
    }

    #[test]
    fn directories_that_do_not_list_subscriptions_confirm_nothing() {
        let dir = DemoDirectory::from_json(&format!(
            r#"{{"tenants":[{{"id":"{FABRIKAM}","name":"F","domains":["example.org"]}},
                {{"id":"{CONTOSO}","subscriptions":[{{"id":"{SALES}","product":"d365_sales"}}]}}]}}"#
        ))
        .unwrap();
        let p = Policy::default();
        let run = |sub, tenant| {
            codes(&check_subscription(
                "s",
                "d365_sales",
                sub,
                tenant,
                &dir,
                now(),
                &p,
            ))
        };
        assert_eq!(run(None, FABRIKAM), []);
        assert_eq!(run(Some(UNKNOWN_SUB), FABRIKAM), []);
        // Known to be elsewhere, though.
        assert_eq!(run(Some(SALES), FABRIKAM), [Code::SubscriptionNotOnTenant]);
        assert_eq!(run(Some(SALES), CONTOSO), []);
    }

    #[test]
    fn without_a_directory_only_the_format_rules_run() {
        let p = Policy::default();
        let run = |sub| {
            codes(&subscription_findings(
                "s",
                "d365_sales",
                sub,
                CONTOSO,
                None,
                None,
                &p,
            ))
        };
        assert_eq!(run(Some("xyz")), [Code::SubscriptionFormat]);
        assert_eq!(run(Some(CONTOSO)), [Code::SubscriptionIsTenantId]);
        assert_eq!(run(Some(UNKNOWN_SUB)), []);
        assert_eq!(run(None), []);
        // Without a clock, the activation time is not checked.
        let f = subscription_findings(
            "s",
            "d365_business_central",
            Some(TOO_RECENT),
            FABRIKAM,
            Some(DemoDirectory::builtin()),
            None,
            &p,
        );
        assert!(f.is_empty());
    }
}
