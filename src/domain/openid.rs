//! The online directory (docs/rules.md#directory): a domain's tenant from the public OpenID
//! discovery document, `{authority}/{domain}/v2.0/.well-known/openid-configuration`,
//! whose `issuer` holds the tenant GUID.
//!
//! This module is pure (no web-sys): it builds the URL, reads the document
//! and keeps what was found in an [`OnlineDirectory`]. The fetch itself is the
//! app's (`app::online::lookup_tenant`). The authority is configurable
//! ([`DEFAULT_AUTHORITY`] by default) so tests serve fixtures; a relative
//! authority (`./fixtures/openid`, `/x`) is joined as it is and resolved by
//! the browser against the page.
//!
//! ```
//! use cpor_desk::domain::finding::Locale;
//! use cpor_desk::domain::openid::{DEFAULT_AUTHORITY, OpenIdError, discovery_url, tenant_from_discovery};
//!
//! assert_eq!(
//!     discovery_url(DEFAULT_AUTHORITY, "contoso.com").unwrap(),
//!     "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration"
//! );
//! let doc = r#"{"issuer":"https://login.microsoftonline.com/1d38bbea-e8d8-407c-9c74-bee089c92c07/v2.0"}"#;
//! assert_eq!(tenant_from_discovery(doc).unwrap(), "1d38bbea-e8d8-407c-9c74-bee089c92c07");
//! // Microsoft answers 400 for a domain no tenant has verified.
//! let e = OpenIdError::Status(400);
//! assert!(e.is_unknown_domain());
//! assert!(e.message(Locale::En).contains("Enter the tenant ID by hand"));
//! ```

use crate::i18n::msg;
use std::collections::BTreeMap;

use super::directory::{Directory, SubscriptionFacts, TenantFacts};
use super::domain_name::normalize_domain;
use super::finding::{Code, Locale};
use super::ids::canonical_guid;

/// The public Microsoft Entra ID authority.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";

/// What is wrong with a discovery document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Not a JSON object.
    #[error("not a JSON object")]
    NotJson,
    /// No string `issuer`.
    #[error("no issuer")]
    NoIssuer,
    /// The issuer's first path segment is not a GUID.
    #[error("no tenant ID in the issuer")]
    NoTenant,
}

/// Why an online lookup gave no tenant. [`OpenIdError::message`] says so in
/// the user's language, and that the tenant ID can be entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenIdError {
    /// The authority is neither an `http(s)://host…` URL nor a path on the
    /// app's own site (`/…`, `./…`, `../…`).
    #[error("bad directory address {0:?}")]
    BadAuthority(String),
    /// The domain is not a valid domain name (so it is not put in a URL).
    #[error("{0:?} is not a domain name")]
    BadDomain(String),
    /// No answer: offline, refused, or blocked by the browser (CORS). The
    /// browser's own description (`Failed to fetch`), possibly empty.
    #[error("network error: {0}")]
    Network(String),
    /// No answer in time.
    #[error("timed out")]
    Timeout,
    /// An answer with a status outside 200–299. Microsoft answers 400 for a
    /// domain it does not know ([`OpenIdError::is_unknown_domain`]).
    #[error("HTTP status {0}")]
    Status(u16),
    /// A 2xx answer that is not a discovery document with a tenant issuer.
    #[error("bad discovery document: {0}")]
    BadDocument(DocumentError),
}

impl From<DocumentError> for OpenIdError {
    fn from(e: DocumentError) -> Self {
        OpenIdError::BadDocument(e)
    }
}

impl OpenIdError {
    /// True for HTTP 400: Microsoft's answer for a domain no tenant has verified.
    pub fn is_unknown_domain(&self) -> bool {
        matches!(self, OpenIdError::Status(400))
    }

    /// What went wrong, in a few words (the part in parentheses of [`Self::message`]).
    pub fn detail(&self, locale: Locale) -> String {
        match self {
            OpenIdError::BadAuthority(a) => msg::openid_bad_authority(locale, a),
            OpenIdError::BadDomain(d) => msg::openid_bad_domain(locale, d),
            OpenIdError::Network(m) => msg::openid_network(locale, suffix(m)),
            OpenIdError::Timeout => msg::openid_timeout(locale).to_string(),
            OpenIdError::Status(400) => msg::openid_unknown_domain(locale).to_string(),
            OpenIdError::Status(s) => msg::openid_status(locale, s),
            OpenIdError::BadDocument(DocumentError::NotJson) => {
                msg::openid_not_json(locale).to_string()
            }
            OpenIdError::BadDocument(DocumentError::NoIssuer) => {
                msg::openid_no_issuer(locale).to_string()
            }
            OpenIdError::BadDocument(DocumentError::NoTenant) => {
                msg::openid_no_tenant(locale).to_string()
            }
        }
    }

    /// The message for the user: what happened, and that the tenant ID can
    /// be entered by hand.
    pub fn message(&self, locale: Locale) -> String {
        msg::openid_lookup_failed(locale, self.detail(locale))
    }
}

/// `": {m}"`, or nothing for an empty `m`.
fn suffix(m: &str) -> String {
    let m = m.trim();
    if m.is_empty() {
        String::new()
    } else {
        format!(": {m}")
    }
}

/// The authority without surrounding whitespace and trailing `/`, when it is
/// an `http(s)://host…` URL or a path on the app's own site (`/…`, `./…`,
/// `../…`, `.`, `..`). Refused: empty, other schemes (`javascript:`,
/// `data:`, `file:`), protocol-relative `//host`, a bare `host/path` (a
/// forgotten scheme), and anything with whitespace, control characters,
/// `\`, `?` or `#` (they would change what the joined path means).
pub fn check_authority(authority: &str) -> Result<&str, OpenIdError> {
    let s = authority.trim();
    let bad = || OpenIdError::BadAuthority(s.to_string());
    if s.is_empty()
        || s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '?' | '#'))
    {
        return Err(bad());
    }
    let relative = (s.starts_with('/') && !s.starts_with("//"))
        || s.starts_with("./")
        || s.starts_with("../")
        || s == "."
        || s == "..";
    if !relative {
        let (scheme, rest) = s.split_once(':').ok_or_else(bad)?;
        let host = rest.strip_prefix("//").ok_or_else(bad)?;
        let host = host.split('/').next().unwrap_or_default();
        let http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        if !http || host.is_empty() {
            return Err(bad());
        }
    }
    Ok(s.trim_end_matches('/'))
}

/// The discovery document's URL for a domain:
/// `{authority}/{domain}/v2.0/.well-known/openid-configuration`.
///
/// The authority is checked with [`check_authority`] and loses its trailing
/// `/`; a relative one is joined as it is (the browser resolves it against
/// the page). The domain is normalised ([`normalize_domain`]: lowercase
/// ASCII, no trailing dot) and must be a valid domain name, not a URL or an
/// email address.
pub fn discovery_url(authority: &str, ascii_domain: &str) -> Result<String, OpenIdError> {
    let base = check_authority(authority)?;
    let domain = normalize_domain(ascii_domain)
        .ok()
        .filter(|d| d.warnings.is_empty())
        .ok_or_else(|| OpenIdError::BadDomain(ascii_domain.trim().to_string()))?
        .ascii;
    Ok(format!(
        "{base}/{domain}/v2.0/.well-known/openid-configuration"
    ))
}

/// The canonical tenant GUID in a discovery document's `issuer`: its first
/// path segment, as in `https://login.microsoftonline.com/{tenant}/v2.0`
/// and the v1 `https://sts.windows.net/{tenant}/`.
pub fn tenant_from_discovery(json: &str) -> Result<String, OpenIdError> {
    let doc: serde_json::Value = serde_json::from_str(json).map_err(|_| DocumentError::NotJson)?;
    let obj = doc.as_object().ok_or(DocumentError::NotJson)?;
    let issuer = obj
        .get("issuer")
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(DocumentError::NoIssuer)?;
    tenant_from_issuer(issuer).ok_or(OpenIdError::BadDocument(DocumentError::NoTenant))
}

/// The tenant GUID of an issuer URL: its first path segment, when that is a
/// GUID and the URL is http(s).
fn tenant_from_issuer(issuer: &str) -> Option<String> {
    let (scheme, rest) = issuer.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let path = rest.split(['?', '#']).next()?;
    let segment = path.split('/').nth(1)?;
    canonical_guid(segment).ok()
}

/// The domain key of the cache: the canonical ASCII form when valid.
fn domain_key(domain: &str) -> String {
    normalize_domain(domain)
        .map(|d| d.ascii)
        .unwrap_or_else(|_| domain.trim().to_ascii_lowercase())
}

/// A [`Directory`] fed by online lookups: the domains whose tenant the
/// discovery documents gave, and the authority they were asked at.
///
/// The lookup is asynchronous and done by the app (`app::online::lookup_tenant`
/// in the browser); its result is [`OnlineDirectory::insert`]ed, and the
/// synchronous checks ([`check_tenant_domain`](super::directory::check_tenant_domain))
/// then answer from the cache. A domain not looked up (or whose lookup
/// failed) is unknown, which gives the warning `domain.unknown`.
///
/// An OpenID document says nothing about tenants' names or subscriptions:
/// [`Directory::tenant`] and [`Directory::subscription`] answer `None`,
/// [`Directory::subscriptions_on`] nothing, and
/// [`Directory::knows_subscriptions_of`] `false`, so the subscription rules
/// check formats only.
///
/// ```
/// use cpor_desk::domain::directory::{Directory, check_tenant_domain};
/// use cpor_desk::domain::finding::Code;
/// use cpor_desk::domain::openid::{OnlineDirectory, tenant_from_discovery};
///
/// let mut dir = OnlineDirectory::default(); // https://login.microsoftonline.com
/// let url = dir.discovery_url("Contoso.com").unwrap();
/// assert_eq!(url, "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration");
///
/// // The app fetches `url`; the document's issuer names the tenant.
/// let doc = r#"{"issuer":"https://login.microsoftonline.com/1D38BBEA-E8D8-407C-9C74-BEE089C92C07/v2.0"}"#;
/// let tenant = tenant_from_discovery(doc).unwrap();
/// dir.insert("contoso.com", &tenant).unwrap();
/// assert_eq!(dir.tenant_for_domain("contoso.com").as_deref(), Some("1d38bbea-e8d8-407c-9c74-bee089c92c07"));
///
/// assert!(check_tenant_domain("customerDomain", "contoso.com", &tenant, &dir).is_empty());
/// let fabrikam = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
/// let f = check_tenant_domain("customerDomain", "contoso.com", fabrikam, &dir);
/// assert_eq!(f[0].code, Code::DomainMismatch);
/// let f = check_tenant_domain("customerDomain", "example.org", &tenant, &dir);
/// assert_eq!(f[0].code, Code::DomainUnknown);
/// assert!(!dir.knows_subscriptions_of(&tenant));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineDirectory {
    authority: String,
    tenants: BTreeMap<String, String>,
}

impl Default for OnlineDirectory {
    /// An empty directory asking [`DEFAULT_AUTHORITY`].
    fn default() -> Self {
        OnlineDirectory::new(DEFAULT_AUTHORITY)
    }
}

impl OnlineDirectory {
    /// An empty directory asking `authority` (checked when a URL is built,
    /// by [`OnlineDirectory::discovery_url`]).
    pub fn new(authority: impl Into<String>) -> Self {
        OnlineDirectory {
            authority: authority.into(),
            tenants: BTreeMap::new(),
        }
    }

    /// The authority the lookups go to.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// The discovery document's URL for `domain` at this directory's authority.
    pub fn discovery_url(&self, domain: &str) -> Result<String, OpenIdError> {
        discovery_url(&self.authority, domain)
    }

    /// Records a lookup's result. The domain is normalised and the tenant
    /// canonicalised; an invalid domain (`domain.required`,
    /// `domain.format`) or tenant (`tenant.required`, `tenant.format`) is
    /// refused with its code and nothing is stored. Replaces an earlier
    /// tenant of the same domain.
    pub fn insert(&mut self, domain: &str, tenant_id: &str) -> Result<(), Code> {
        let domain = normalize_domain(domain)?.ascii;
        let tenant = canonical_guid(tenant_id)?;
        self.tenants.insert(domain, tenant);
        Ok(())
    }

    /// Forgets a domain; returns the tenant it had.
    pub fn remove(&mut self, domain: &str) -> Option<String> {
        self.tenants.remove(&domain_key(domain))
    }

    /// How many domains are known.
    pub fn len(&self) -> usize {
        self.tenants.len()
    }

    /// True when no domain is known.
    pub fn is_empty(&self) -> bool {
        self.tenants.is_empty()
    }
}

impl Directory for OnlineDirectory {
    fn tenant_for_domain(&self, ascii_domain: &str) -> Option<String> {
        self.tenants.get(&domain_key(ascii_domain)).cloned()
    }

    fn tenant(&self, _tenant_id: &str) -> Option<TenantFacts> {
        None
    }

    fn subscription(&self, _sub_id: &str) -> Option<SubscriptionFacts> {
        None
    }

    fn subscriptions_on(&self, _tenant_id: &str, _product_id: &str) -> Vec<SubscriptionFacts> {
        Vec::new()
    }

    fn knows_subscriptions_of(&self, _tenant_id: &str) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{check_subscription, check_tenant_domain};
    use crate::domain::policy::Policy;
    use chrono::{TimeZone, Utc};

    const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
    const FABRIKAM: &str = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
    const CONTOSO_DOC: &str = include_str!(
        "../../tests/e2e/fixtures/openid/contoso.com/v2.0/.well-known/openid-configuration"
    );
    const FABRIKAM_DOC: &str = include_str!(
        "../../tests/e2e/fixtures/openid/fabrikam.com/v2.0/.well-known/openid-configuration"
    );
    const SUFFIX: &str = "/v2.0/.well-known/openid-configuration";

    #[test]
    fn discovery_urls() {
        let ok: &[(&str, &str, &str)] = &[
            (
                DEFAULT_AUTHORITY,
                "contoso.com",
                "https://login.microsoftonline.com/contoso.com",
            ),
            (
                "https://login.microsoftonline.com/",
                "contoso.com",
                "https://login.microsoftonline.com/contoso.com",
            ),
            (
                "  https://login.microsoftonline.com///  ",
                "Contoso.COM.",
                "https://login.microsoftonline.com/contoso.com",
            ),
            (
                "HTTP://127.0.0.1:8080/openid/",
                "fabrikam.com",
                "HTTP://127.0.0.1:8080/openid/fabrikam.com",
            ),
            (
                "./fixtures/openid",
                "contoso.com",
                "./fixtures/openid/contoso.com",
            ),
            (
                "./fixtures/openid/",
                "contoso.com",
                "./fixtures/openid/contoso.com",
            ),
            ("/x", "contoso.com", "/x/contoso.com"),
            ("../up/", "contoso.com", "../up/contoso.com"),
            ("/", "contoso.com", "/contoso.com"),
            (".", "contoso.com", "./contoso.com"),
            (
                DEFAULT_AUTHORITY,
                "bücher.example",
                "https://login.microsoftonline.com/xn--bcher-kva.example",
            ),
        ];
        for (authority, domain, want) in ok {
            assert_eq!(
                discovery_url(authority, domain).as_deref(),
                Ok(format!("{want}{SUFFIX}").as_str()),
                "{authority:?} {domain:?}"
            );
        }
        for authority in [
            "",
            "   ",
            "javascript:alert(1)",
            "JavaScript://x/%0aalert(1)",
            "data:application/json,{}",
            "file:///etc",
            "ftp://example.com",
            "login.microsoftonline.com",
            "fixtures/openid",
            "//evil.example",
            "https://",
            "https:///path",
            "https:login.microsoftonline.com",
            "https://login.microsoftonline.com/?x=1",
            "https://login.microsoftonline.com/#x",
            "https://login microsoftonline.com",
            "https://login.microsoftonline.com\\x",
        ] {
            assert_eq!(
                discovery_url(authority, "contoso.com"),
                Err(OpenIdError::BadAuthority(authority.trim().to_string())),
                "{authority:?}"
            );
        }
        for domain in [
            "",
            "contoso",
            "contoso.com/../x",
            "https://contoso.com",
            "anna@contoso.com",
            "10.0.0.1",
            "a b.com",
        ] {
            assert!(
                matches!(
                    discovery_url(DEFAULT_AUTHORITY, domain),
                    Err(OpenIdError::BadDomain(_))
                ),
                "{domain:?}"
            );
        }
    }

    #[test]
    fn issuers() {
        assert_eq!(tenant_from_discovery(CONTOSO_DOC).as_deref(), Ok(CONTOSO));
        assert_eq!(tenant_from_discovery(FABRIKAM_DOC).as_deref(), Ok(FABRIKAM));
        let doc = |issuer: &str| serde_json::json!({ "issuer": issuer }).to_string();
        let ok = [
            format!("https://login.microsoftonline.com/{CONTOSO}/v2.0"),
            format!("https://sts.windows.net/{CONTOSO}/"),
            format!(
                "https://login.microsoftonline.com/{}/v2.0",
                CONTOSO.to_uppercase()
            ),
            format!("https://contoso.b2clogin.com/{CONTOSO}/v2.0/"),
            format!("https://login.microsoftonline.us/{CONTOSO}"),
            format!("  https://login.microsoftonline.com/{CONTOSO}/v2.0?x=1 "),
        ];
        for issuer in ok {
            assert_eq!(
                tenant_from_discovery(&doc(&issuer)).as_deref(),
                Ok(CONTOSO),
                "{issuer}"
            );
        }
        let no_tenant = [
            // The multi-tenant documents (`common`, `organizations`) hold a template.
            "https://login.microsoftonline.com/{tenantid}/v2.0".to_string(),
            "https://login.microsoftonline.com/common/v2.0".to_string(),
            format!("https://{CONTOSO}/v2.0"),
            format!("https://login.microsoftonline.com/v2.0/{CONTOSO}"),
            format!("ftp://login.microsoftonline.com/{CONTOSO}/v2.0"),
            format!("https://login.microsoftonline.com/{CONTOSO}x/v2.0"),
            "not a url".to_string(),
        ];
        for issuer in no_tenant {
            assert_eq!(
                tenant_from_discovery(&doc(&issuer)),
                Err(OpenIdError::BadDocument(DocumentError::NoTenant)),
                "{issuer}"
            );
        }
        let no_issuer = [
            "{}",
            r#"{"issuer": null}"#,
            r#"{"issuer": 5}"#,
            r#"{"issuer": "  "}"#,
            r#"{"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'example.org' not found."}"#,
        ];
        for json in no_issuer {
            assert_eq!(
                tenant_from_discovery(json),
                Err(OpenIdError::BadDocument(DocumentError::NoIssuer)),
                "{json}"
            );
        }
        for json in [
            "",
            "garbage",
            "<!doctype html><p>Sign in",
            "[1,2]",
            "\"x\"",
            "{",
        ] {
            assert_eq!(
                tenant_from_discovery(json),
                Err(OpenIdError::BadDocument(DocumentError::NotJson)),
                "{json:?}"
            );
        }
    }

    #[test]
    fn messages_in_both_languages() {
        let errors = [
            OpenIdError::BadAuthority("ftp://x".into()),
            OpenIdError::BadDomain("contoso".into()),
            OpenIdError::Network("Failed to fetch".into()),
            OpenIdError::Network(String::new()),
            OpenIdError::Timeout,
            OpenIdError::Status(400),
            OpenIdError::Status(503),
            OpenIdError::BadDocument(DocumentError::NotJson),
            OpenIdError::BadDocument(DocumentError::NoIssuer),
            OpenIdError::BadDocument(DocumentError::NoTenant),
        ];
        for e in &errors {
            let en = e.message(Locale::En);
            let sv = e.message(Locale::Sv);
            assert!(
                en.starts_with("Could not look up the tenant online (")
                    && en.ends_with("Enter the tenant ID by hand; it is checked for format only."),
                "{en}"
            );
            assert!(
                sv.starts_with("Det gick inte att slå upp klienten online (")
                    && sv.contains("Ange klient-ID:t för hand"),
                "{sv}"
            );
            assert!(en.contains(&e.detail(Locale::En)) && sv.contains(&e.detail(Locale::Sv)));
            assert_ne!(e.detail(Locale::En), e.detail(Locale::Sv));
            assert!(!e.to_string().is_empty());
        }
        assert!(OpenIdError::Status(400).is_unknown_domain());
        assert!(!OpenIdError::Status(404).is_unknown_domain());
        assert!(
            OpenIdError::Status(400)
                .message(Locale::En)
                .contains("does not know this domain")
        );
        assert!(
            OpenIdError::Status(503)
                .message(Locale::Sv)
                .contains("HTTP-status 503")
        );
        assert_eq!(
            OpenIdError::Network("Failed to fetch".into()).message(Locale::En),
            "Could not look up the tenant online (no answer from the directory, perhaps offline \
             or blocked by the browser: Failed to fetch). Enter the tenant ID by hand; it is \
             checked for format only."
        );
        assert!(
            OpenIdError::Network(" ".into())
                .detail(Locale::Sv)
                .ends_with("webbläsaren")
        );
    }

    #[test]
    fn the_cache() {
        let mut dir = OnlineDirectory::default();
        assert_eq!(dir.authority(), DEFAULT_AUTHORITY);
        assert!(dir.is_empty());
        assert_eq!(dir.tenant_for_domain("contoso.com"), None);
        dir.insert("Contoso.COM.", &CONTOSO.to_uppercase()).unwrap();
        dir.insert("fabrikam.com", &format!("{{{FABRIKAM}}}"))
            .unwrap();
        assert_eq!(dir.len(), 2);
        for d in ["contoso.com", "CONTOSO.com.", " contoso.com "] {
            assert_eq!(dir.tenant_for_domain(d).as_deref(), Some(CONTOSO), "{d}");
        }
        assert_eq!(
            dir.tenant_for_domain("fabrikam.com").as_deref(),
            Some(FABRIKAM)
        );
        assert_eq!(dir.tenant_for_domain("sales.contoso.com"), None);
        assert_eq!(dir.insert("contoso", CONTOSO), Err(Code::DomainFormat));
        assert_eq!(dir.insert("", CONTOSO), Err(Code::DomainRequired));
        assert_eq!(dir.insert("example.org", "nope"), Err(Code::TenantFormat));
        assert_eq!(dir.insert("example.org", ""), Err(Code::TenantRequired));
        assert_eq!(dir.len(), 2);
        // A later lookup replaces an earlier one.
        dir.insert("contoso.com", FABRIKAM).unwrap();
        assert_eq!(
            dir.tenant_for_domain("contoso.com").as_deref(),
            Some(FABRIKAM)
        );
        assert_eq!(dir.remove("CONTOSO.com").as_deref(), Some(FABRIKAM));
        assert_eq!(dir.remove("contoso.com"), None);
        assert_eq!(dir.len(), 1);

        let local = OnlineDirectory::new("./fixtures/openid/");
        assert_eq!(local.authority(), "./fixtures/openid/");
        assert_eq!(
            local.discovery_url("contoso.com").unwrap(),
            format!("./fixtures/openid/contoso.com{SUFFIX}")
        );
        assert!(
            OnlineDirectory::new("javascript:x")
                .discovery_url("contoso.com")
                .is_err()
        );
    }

    #[test]
    fn tenant_domain_checks_with_an_online_directory() {
        let mut dir = OnlineDirectory::default();
        dir.insert("contoso.com", &tenant_from_discovery(CONTOSO_DOC).unwrap())
            .unwrap();
        dir.insert(
            "fabrikam.com",
            &tenant_from_discovery(FABRIKAM_DOC).unwrap(),
        )
        .unwrap();
        let cases: &[(&str, &str, &[Code])] = &[
            ("contoso.com", CONTOSO, &[]),
            ("https://CONTOSO.com/about", CONTOSO, &[]),
            ("anna@fabrikam.com", FABRIKAM, &[]),
            ("contoso.com", FABRIKAM, &[Code::DomainMismatch]),
            ("fabrikam.com", CONTOSO, &[Code::DomainMismatch]),
            // Not looked up (or the lookup failed).
            ("example.org", CONTOSO, &[Code::DomainUnknown]),
            ("sales.contoso.com", CONTOSO, &[Code::DomainUnknown]),
            // Invalid inputs are the field validators' job.
            ("contoso", CONTOSO, &[]),
            ("contoso.com", "nope", &[]),
        ];
        for (domain, tenant, want) in cases {
            let f = check_tenant_domain("customerDomain", domain, tenant, &dir);
            let codes: Vec<Code> = f.iter().map(|f| f.code).collect();
            assert_eq!(codes, *want, "{domain} / {tenant}");
        }
        // An empty online directory confirms nothing.
        let empty = OnlineDirectory::default();
        let f = check_tenant_domain("customerDomain", "contoso.com", CONTOSO, &empty);
        assert_eq!(f[0].code, Code::DomainUnknown);
    }

    #[test]
    fn knows_nothing_about_subscriptions() {
        let mut dir = OnlineDirectory::default();
        dir.insert("contoso.com", CONTOSO).unwrap();
        assert_eq!(dir.tenant(CONTOSO), None);
        assert_eq!(dir.subscription(CONTOSO), None);
        assert!(dir.subscriptions_on(CONTOSO, "d365_sales").is_empty());
        assert!(!dir.knows_subscriptions_of(CONTOSO));
        // So only the format rules of subscriptions run.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let p = Policy::default();
        let run = |sub| {
            check_subscription("s", "d365_sales", sub, CONTOSO, &dir, now, &p)
                .iter()
                .map(|f| f.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(run(None), []);
        assert_eq!(run(Some(FABRIKAM)), []);
        assert_eq!(run(Some("xyz")), [Code::SubscriptionFormat]);
        assert_eq!(run(Some(CONTOSO)), [Code::SubscriptionIsTenantId]);
    }
}
