//! What a claim may hold at all, and the one check every claim that comes
//! from outside the app's own forms passes before it is stored: an export
//! file, a CSV file, and (later) another user's copy through sync.
//!
//! The limits are here as constants; docs/rules.md ("Limits") states them
//! and says why these numbers. Three places use them:
//!
//! - [`check_claim`]: imports (JSON, CSV, sync). The size limits, then the
//!   claim's own validators ([`validate_claim`] without directory, clock,
//!   locations or held associations, as Submit runs them). A claim that
//!   fails is quarantined with its findings, never stored.
//! - [`check_stored`]: every stored record when it is loaded. Only the size
//!   limits (a draft may lack a field; the directory's facts change): a
//!   record over them is moved to the quarantine, so a poison claim already
//!   stored cannot stop the app from starting.
//! - the status machine ([`crate::domain::status::apply_event`]): an event
//!   whose claim would pass a limit is refused with the same codes, so the
//!   app never writes a claim it would later quarantine.
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::domain::finding::Code;
//! use cpor_desk::domain::intake::{MAX_FIELD_CHARS, check_stored, limit_findings};
//!
//! let poison = Claim { id: "c1".into(), customer_name: "x".repeat(MAX_FIELD_CHARS + 1), ..Claim::default() };
//! let f = limit_findings(&poison);
//! assert_eq!((f[0].field.as_str(), f[0].code), ("customerName", Code::TextTooLong));
//! assert!(check_stored(&poison).unwrap_err().contains("customerName: 10001 characters, at most 10000"));
//! ```

use super::claim::{Claim, Contact};
use super::finding::{Code, Finding};
use super::policy::Policy;
use super::validate::{ClaimContext, validate_claim};

pub use super::document::MAX_DOCUMENT_BYTES;
/// A claim name, in characters after trimming (the wizard's rule), and
/// every other single-line text of a claim (see [`MAX_FIELD_CHARS`]).
pub use super::validate::{MAX_CLAIM_NAME_CHARS as MAX_NAME_CHARS, MAX_FIELD_CHARS};
/// A comment, a document comment, a dispute justification, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// Product lines of one claim.
pub const MAX_PRODUCT_LINES: usize = 50;
/// Documents of one claim.
pub const MAX_DOCUMENTS: usize = 100;
/// Comments of one claim.
pub const MAX_COMMENTS: usize = 1_000;
/// History entries of one claim.
pub const MAX_HISTORY: usize = 5_000;
/// A whole claim as stored JSON, in bytes (4 MiB).
pub const MAX_CLAIM_BYTES: usize = 4 * 1024 * 1024;
/// Claims in one export file.
pub const MAX_IMPORT_CLAIMS: usize = 100_000;
/// Data rows in one CSV file.
pub const MAX_CSV_ROWS: usize = 20_000;
/// An export file (JSON), in bytes (100 MiB).
pub const MAX_JSON_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// A CSV file, in bytes (20 MiB).
pub const MAX_CSV_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// What is kept of a stored record too large to read (its first 64 KiB),
/// to show in the quarantine.
pub const QUARANTINE_PREVIEW_BYTES: usize = 64 * 1024;

/// One limit a claim passes: the field, the finding code, its size and the
/// limit (characters, entries or bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    pub field: String,
    pub code: Code,
    pub size: usize,
    pub limit: usize,
}

impl OverLimit {
    pub fn finding(&self) -> Finding {
        Finding::new(self.field.clone(), self.code)
    }

    /// `name: 104857600 characters, at most 100` (for quarantine reasons).
    pub fn describe(&self) -> String {
        let unit = match self.code {
            Code::ListTooLong => "entries",
            Code::ClaimTooLarge => "bytes",
            _ => "characters",
        };
        format!(
            "{}: {} {unit}, at most {}",
            self.field, self.size, self.limit
        )
    }
}

/// The number of characters of `text`, when it is over `limit` (a byte
/// length within the limit is within it in characters too).
fn chars_over(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    let n = text.chars().count();
    (n > limit).then_some(n)
}

struct Limits(Vec<OverLimit>);

impl Limits {
    fn text(&mut self, field: impl FnOnce() -> String, text: &str, limit: usize, code: Code) {
        if let Some(size) = chars_over(text, limit) {
            self.0.push(OverLimit {
                field: field(),
                code,
                size,
                limit,
            });
        }
    }

    fn field(&mut self, field: &str, text: &str) {
        self.text(
            || field.to_string(),
            text,
            MAX_FIELD_CHARS,
            Code::TextTooLong,
        );
    }

    fn contact(&mut self, prefix: &str, c: &Contact) {
        self.field(&format!("{prefix}.name"), &c.name);
        self.field(&format!("{prefix}.email"), &c.email);
        if let Some(phone) = &c.phone {
            self.field(&format!("{prefix}.phone"), phone);
        }
    }

    fn list(&mut self, field: &str, len: usize, limit: usize) {
        if len > limit {
            self.0.push(OverLimit {
                field: field.to_string(),
                code: Code::ListTooLong,
                size: len,
                limit,
            });
        }
    }
}

/// Every size limit `claim` passes (fields, lists), in claim order. The
/// whole record's size is checked by [`record_over_limit`].
pub fn over_limits(claim: &Claim) -> Vec<OverLimit> {
    let mut l = Limits(Vec::new());
    l.field("id", &claim.id);
    // The name keeps the wizard's own code.
    if let Some(size) = chars_over(claim.name.trim(), MAX_NAME_CHARS) {
        l.0.push(OverLimit {
            field: "name".into(),
            code: Code::ClaimNameTooLong,
            size,
            limit: MAX_NAME_CHARS,
        });
    }
    l.field("solutionArea", claim.solution_area.as_deref().unwrap_or(""));
    l.field("partnerRole", claim.partner_role.as_deref().unwrap_or(""));
    l.field("partnerOrg.id", &claim.partner_org.id);
    l.field("partnerOrg.name", &claim.partner_org.name);
    l.field("partnerLocation", &claim.partner_location);
    l.field("customerName", &claim.customer_name);
    l.field("customerDomain", &claim.customer_domain);
    l.field("tenantId", &claim.tenant_id);
    l.list("products", claim.products.len(), MAX_PRODUCT_LINES);
    for (i, p) in claim.products.iter().take(MAX_PRODUCT_LINES).enumerate() {
        l.field(&format!("products[{i}].product"), &p.product);
        if let Some(s) = &p.subscription_id {
            l.field(&format!("products[{i}].subscriptionId"), s);
        }
    }
    l.contact("customerContact", &claim.customer_contact);
    l.contact("partnerContact", &claim.partner_contact);
    l.list("documents", claim.documents.len(), MAX_DOCUMENTS);
    for (i, d) in claim.documents.iter().take(MAX_DOCUMENTS).enumerate() {
        l.field(&format!("documents[{i}].id"), &d.id);
        l.field(&format!("documents[{i}].name"), &d.name);
        l.field(&format!("documents[{i}].kind"), &d.kind);
        l.text(
            || format!("documents[{i}].comment"),
            &d.comment,
            MAX_NOTE_CHARS,
            Code::TextTooLong,
        );
    }
    l.list("comments", claim.comments.len(), MAX_COMMENTS);
    for (i, c) in claim.comments.iter().take(MAX_COMMENTS).enumerate() {
        l.text(
            || format!("comments[{i}].text"),
            &c.text,
            MAX_NOTE_CHARS,
            Code::TextTooLong,
        );
    }
    l.list("history", claim.history.len(), MAX_HISTORY);
    l.0
}

/// The whole record's limit, for a record of `bytes` bytes.
pub fn record_over_limit(bytes: usize) -> Option<OverLimit> {
    (bytes > MAX_CLAIM_BYTES).then(|| OverLimit {
        field: String::new(),
        code: Code::ClaimTooLarge,
        size: bytes,
        limit: MAX_CLAIM_BYTES,
    })
}

/// Every limit `claim` passes as findings, the whole record's size (as
/// stored JSON) included.
pub fn limit_findings(claim: &Claim) -> Vec<Finding> {
    let mut out: Vec<Finding> = over_limits(claim).iter().map(OverLimit::finding).collect();
    if out.is_empty() {
        // serde_json::to_vec(claim).len(), without serde's code (the
        // embeddable module links this; tests/native/bridge.rs compares).
        let bytes = super::json::write::claim_len(claim);
        out.extend(record_over_limit(bytes).map(|o| o.finding()));
    }
    out
}

/// The check of every claim an import (JSON, CSV, sync) would store: the
/// limits, then the claim's own validators (without directory, clock,
/// locations or held associations: those describe the moment the claim was
/// made, and a backup must import back). `Err` holds the findings that
/// refuse it, errors only; the caller quarantines the claim with them.
/// Validators do not run on a claim over a limit (it is refused anyway, and
/// a huge value is not worth parsing).
///
/// ```
/// use cpor_desk::domain::claim::Claim;
/// use cpor_desk::domain::finding::Code;
/// use cpor_desk::domain::intake::check_claim;
/// use cpor_desk::domain::policy::Policy;
///
/// let poison = Claim { id: "c1".into(), name: "x".repeat(100_000_000), ..Claim::default() };
/// let findings = check_claim(poison, &Policy::default()).unwrap_err();
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].code, Code::ClaimNameTooLong);
/// // An empty draft is refused by the validators.
/// let empty = check_claim(Claim { id: "c2".into(), ..Claim::default() }, &Policy::default());
/// assert!(empty.unwrap_err().iter().any(|f| f.code == Code::ClaimNameRequired));
/// ```
pub fn check_claim(claim: Claim, policy: &Policy) -> Result<Claim, Vec<Finding>> {
    if claim.id.trim().is_empty() {
        return Err(vec![Finding::new("id", Code::InputInvalid)]);
    }
    let limits = limit_findings(&claim);
    if !limits.is_empty() {
        return Err(limits);
    }
    let errors: Vec<Finding> = validate_claim(&claim, &ClaimContext::new(policy))
        .into_iter()
        .filter(Finding::is_error)
        .collect();
    if errors.is_empty() {
        Ok(claim)
    } else {
        Err(errors)
    }
}

/// The check of a stored claim when it is loaded: the field and list
/// limits (the record's size is checked on its raw text before it is
/// parsed). `Err` is the quarantine reason.
pub fn check_stored(claim: &Claim) -> Result<(), String> {
    let over = over_limits(claim);
    if over.is_empty() {
        return Ok(());
    }
    Err(format!(
        "over the limits of a claim: {}",
        over.iter()
            .map(OverLimit::describe)
            .collect::<Vec<_>>()
            .join("; ")
    ))
}

/// The quarantine reason of a stored record of `chars` characters that is
/// too large to be read as a claim, of which only the first
/// [`QUARANTINE_PREVIEW_BYTES`] are kept.
pub fn oversized_record_reason(chars: usize) -> String {
    format!(
        "the record is too large to be a claim ({chars} characters; a claim may take at most {MAX_CLAIM_BYTES} bytes): it was not read, and only its first {QUARANTINE_PREVIEW_BYTES} bytes are kept here"
    )
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub fn preview(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Findings as `field: code` pairs, for quarantine reasons.
pub fn describe_findings(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            if f.field.is_empty() {
                f.code.as_str().to_string()
            } else {
                format!("{}: {}", f.field, f.code)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::{Comment, DocumentRef, ProductLine};
    use crate::domain::roles::Actor;

    /// The dashboard's first sample claim: a draft that passes every check.
    fn valid() -> Claim {
        let org = crate::domain::claim::PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        };
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
        Claim {
            id: "c1".into(),
            ..crate::domain::dashboard::sample_claims(1, &org, now).remove(0)
        }
    }

    #[test]
    fn a_valid_claim_passes_and_stays_as_it_is() {
        assert_eq!(check_claim(valid(), &Policy::default()), Ok(valid()));
        assert_eq!(check_stored(&valid()), Ok(()));
    }

    #[test]
    fn each_limit_has_its_field_and_code() {
        let at = |n: usize| "é".repeat(n);
        let mut c = valid();
        c.name = format!("  {}  ", at(MAX_NAME_CHARS));
        c.customer_name = at(MAX_FIELD_CHARS);
        c.comments = vec![
            Comment {
                at: chrono::DateTime::UNIX_EPOCH,
                actor: Actor::reviewer("R"),
                text: at(MAX_NOTE_CHARS),
                note: None,
            };
            MAX_COMMENTS
        ];
        assert!(
            over_limits(&c).is_empty(),
            "at the limits: {:?}",
            over_limits(&c)
        );

        c.name = at(MAX_NAME_CHARS + 1);
        c.customer_contact.phone = Some(at(MAX_FIELD_CHARS + 1));
        c.products = vec![ProductLine::new("teams"); MAX_PRODUCT_LINES + 1];
        c.documents = vec![DocumentRef {
            comment: at(MAX_NOTE_CHARS + 1),
            ..DocumentRef::default()
        }];
        c.comments[3].text.push('x');
        let got: Vec<(String, Code)> = over_limits(&c)
            .into_iter()
            .map(|o| (o.field, o.code))
            .collect();
        assert_eq!(
            got,
            [
                ("name".to_string(), Code::ClaimNameTooLong),
                ("products".into(), Code::ListTooLong),
                ("customerContact.phone".into(), Code::TextTooLong),
                ("documents[0].comment".into(), Code::TextTooLong),
                ("comments[3].text".into(), Code::TextTooLong),
            ]
        );
        let reason = check_stored(&c).unwrap_err();
        assert!(
            reason.contains("products: 51 entries, at most 50"),
            "{reason}"
        );
        assert!(
            reason.contains("name: 101 characters, at most 100"),
            "{reason}"
        );
    }

    #[test]
    fn the_record_limit_counts_bytes() {
        assert_eq!(record_over_limit(MAX_CLAIM_BYTES), None);
        let o = record_over_limit(MAX_CLAIM_BYTES + 1).unwrap();
        assert_eq!(o.code, Code::ClaimTooLarge);
        assert_eq!(o.describe(), ": 4194305 bytes, at most 4194304");
        // Many comments, each within its limit, make a record too large.
        let mut c = valid();
        c.comments = vec![
            Comment {
                at: chrono::DateTime::UNIX_EPOCH,
                actor: Actor::reviewer("R"),
                text: "x".repeat(MAX_NOTE_CHARS),
                note: None,
            };
            300
        ];
        assert!(over_limits(&c).is_empty());
        assert_eq!(
            check_claim(c, &Policy::default()).unwrap_err(),
            [Finding::new("", Code::ClaimTooLarge)]
        );
    }

    #[test]
    fn validators_refuse_what_the_wizard_would() {
        let mut c = valid();
        c.customer_contact.email = "not an email".into();
        c.tenant_id = "nope".into();
        let codes: Vec<Code> = check_claim(c, &Policy::default())
            .unwrap_err()
            .iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, [Code::TenantFormat, Code::EmailFormat]);
        let no_id = Claim {
            id: " ".into(),
            ..valid()
        };
        assert_eq!(
            check_claim(no_id, &Policy::default()).unwrap_err(),
            [Finding::new("id", Code::InputInvalid)]
        );
    }

    #[test]
    fn previews_cut_at_character_boundaries() {
        assert_eq!(preview("abc", 10), "abc");
        assert_eq!(preview("aé", 2), "a");
        assert_eq!(preview("ééé", 4), "éé");
        assert!(oversized_record_reason(5_000_000).contains("(5000000 characters;"));
    }
}
