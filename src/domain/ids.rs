//! GUID identifiers: tenant and subscription IDs (docs/rules.md#findings).
//!
//! Accepted with surrounding whitespace, any letter case, optional braces,
//! hyphenated 8-4-4-4-12 or plain 32 hex digits; the canonical form is
//! lowercase hyphenated. Parsing is done by the `uuid` crate; the accepted
//! shapes are narrowed to those above (no `urn:uuid:` prefix).
//!
//! ```
//! use cpor_desk::domain::ids::canonical_guid;
//! assert_eq!(
//!     canonical_guid(" {1D38BBEA-E8D8-407C-9C74-BEE089C92C07} ").unwrap(),
//!     "1d38bbea-e8d8-407c-9c74-bee089c92c07"
//! );
//! assert!(canonical_guid("urn:uuid:1d38bbea-e8d8-407c-9c74-bee089c92c07").is_err());
//! ```

use uuid::Uuid;

use super::finding::{Code, Finding};

/// The tenant of personal Microsoft accounts (not a customer organisation).
pub const CONSUMER_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Why a string is not a GUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GuidError {
    #[error("empty")]
    Empty,
    #[error("not a GUID")]
    Format,
}

/// Parses a GUID in one of the accepted shapes into its canonical form.
pub fn parse_guid(input: &str) -> Result<Uuid, GuidError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(GuidError::Empty);
    }
    let inner = match (s.strip_prefix('{'), s.ends_with('}')) {
        (Some(rest), true) => &rest[..rest.len() - 1],
        (None, false) => s,
        _ => return Err(GuidError::Format),
    };
    let shape_ok = match inner.len() {
        32 => inner.bytes().all(|b| b.is_ascii_hexdigit()),
        36 => inner.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        }),
        _ => false,
    };
    if !shape_ok {
        return Err(GuidError::Format);
    }
    Uuid::try_parse(inner).map_err(|_| GuidError::Format)
}

/// The canonical lowercase hyphenated form, or `tenant.format` (the code the
/// JS `canonicalGuid` throws; empty input gives `tenant.required`).
pub fn canonical_guid(input: &str) -> Result<String, Code> {
    match parse_guid(input) {
        Ok(u) => Ok(u.hyphenated().to_string()),
        Err(GuidError::Empty) => Err(Code::TenantRequired),
        Err(GuidError::Format) => Err(Code::TenantFormat),
    }
}

/// Validates a tenant ID; returns its canonical form when it is usable.
pub fn validate_tenant_id(field: &str, value: &str) -> (Option<String>, Vec<Finding>) {
    let code = match parse_guid(value) {
        Err(GuidError::Empty) => Code::TenantRequired,
        Err(GuidError::Format) => Code::TenantFormat,
        Ok(u) if u.is_nil() => Code::TenantNil,
        Ok(u) => {
            let canonical = u.hyphenated().to_string();
            if canonical == CONSUMER_TENANT {
                Code::TenantConsumer
            } else {
                return (Some(canonical), Vec::new());
            }
        }
    };
    (None, vec![Finding::new(field, code)])
}

/// An optional subscription ID: blank is fine; otherwise a GUID
/// (`subscription.format`) that is not the claim's tenant ID
/// (`subscription.is_tenant_id`).
pub fn validate_subscription_id(field: &str, value: &str, tenant_id: Option<&str>) -> Vec<Finding> {
    if value.trim().is_empty() {
        return Vec::new();
    }
    let Ok(sub) = parse_guid(value) else {
        return vec![Finding::new(field, Code::SubscriptionFormat)];
    };
    match tenant_id.map(parse_guid) {
        Some(Ok(tenant)) if tenant == sub => {
            vec![Finding::new(field, Code::SubscriptionIsTenantId)]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";

    #[test]
    fn accepted_shapes() {
        for input in [
            CONTOSO,
            "1D38BBEA-E8D8-407C-9C74-BEE089C92C07",
            "{1d38bbea-e8d8-407c-9c74-bee089c92c07}",
            "1d38bbeae8d8407c9c74bee089c92c07",
            "{1d38bbeae8d8407c9c74bee089c92c07}",
            "  \t1d38bbea-e8d8-407c-9c74-bee089c92c07\n",
        ] {
            assert_eq!(canonical_guid(input).as_deref(), Ok(CONTOSO), "{input:?}");
        }
    }

    #[test]
    fn rejected_shapes() {
        for input in [
            "1d38bbea-e8d8-407c-9c74-bee089c92c0",
            "1d38bbea-e8d8-407c-9c74-bee089c92c077",
            "1d38bbea-e8d8-407c-9c74-bee089c92c0g",
            "1d38bbeae8d8-407c-9c74-bee089c92c07",
            "{1d38bbea-e8d8-407c-9c74-bee089c92c07",
            "1d38bbea-e8d8-407c-9c74-bee089c92c07}",
            "urn:uuid:1d38bbea-e8d8-407c-9c74-bee089c92c07",
            "(1d38bbea-e8d8-407c-9c74-bee089c92c07)",
            "1d38bbea_e8d8_407c_9c74_bee089c92c07",
            "１d38bbea-e8d8-407c-9c74-bee089c92c07",
            "contoso.com",
        ] {
            assert_eq!(canonical_guid(input), Err(Code::TenantFormat), "{input:?}");
        }
        assert_eq!(canonical_guid("   "), Err(Code::TenantRequired));
    }

    #[test]
    fn tenant_codes() {
        let cases = [
            ("", Some(Code::TenantRequired)),
            ("nope", Some(Code::TenantFormat)),
            (
                "00000000-0000-0000-0000-000000000000",
                Some(Code::TenantNil),
            ),
            ("{00000000000000000000000000000000}", Some(Code::TenantNil)),
            (
                "9188040D-6C67-4C5B-B112-36A304B66DAD",
                Some(Code::TenantConsumer),
            ),
            (CONTOSO, None),
        ];
        for (input, want) in cases {
            let (canonical, findings) = validate_tenant_id("tenantId", input);
            assert_eq!(findings.first().map(|f| f.code), want, "{input:?}");
            assert_eq!(canonical.is_some(), want.is_none());
            assert!(findings.iter().all(|f| f.field == "tenantId"));
        }
    }
}
