//! Findings: the result of every validation rule, as data.
//!
//! A [`Finding`] names the field it is about and a stable [`Code`]; the
//! severity follows from the code and the human message is looked up per
//! [`Locale`]. Tests and embedding portals rely on the code strings, which
//! never change (docs/rules.md#findings).
//!
//! ```
//! use cpor_desk::domain::finding::{Code, Finding, Locale, Severity};
//! let f = Finding::new("tenantId", Code::TenantFormat);
//! assert_eq!(f.code.as_str(), "tenant.format");
//! assert_eq!(f.severity(), Severity::Error);
//! assert!(f.message(Locale::Sv).contains("Klient-ID"));
//! ```

use serde::{Deserialize, Serialize};

/// The UI and message language; defined by the catalogs in `src/i18n/`.
pub use crate::i18n::Locale;
use crate::i18n::msg;

/// Errors block Continue/Submit; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $message:ident; )*) => {
        /// Stable finding codes (docs/rules.md#findings, plus the extensions listed there).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable dotted identifier, e.g. `tenant.format`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// The human message for this code in `locale`.
            /// The message comes from the catalogs (`finding-…` keys of
            /// `src/i18n/*.ftl`).
            pub fn message(self, locale: Locale) -> &'static str {
                match self { $( Code::$variant => msg::$message(locale), )* }
            }

            /// Looks a code up by its dotted identifier.
            pub fn parse(s: &str) -> Option<Code> {
                match s { $( $code => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    // --- tenant ---
    TenantRequired = "tenant.required", Error, finding_tenant_required;
    TenantFormat = "tenant.format", Error, finding_tenant_format;
    TenantNil = "tenant.nil", Error, finding_tenant_nil;
    TenantConsumer = "tenant.consumer", Error, finding_tenant_consumer;
    // --- domain ---
    DomainRequired = "domain.required", Error, finding_domain_required;
    DomainFormat = "domain.format", Error, finding_domain_format;
    DomainUrl = "domain.url", Warning, finding_domain_url;
    DomainEmail = "domain.email", Warning, finding_domain_email;
    DomainUnknown = "domain.unknown", Warning, finding_domain_unknown;
    DomainMismatch = "domain.mismatch", Error, finding_domain_mismatch;
    // --- subscription ---
    SubscriptionRequired = "subscription.required", Error, finding_subscription_required;
    SubscriptionFormat = "subscription.format", Error, finding_subscription_format;
    SubscriptionIsTenantId = "subscription.is_tenant_id", Error, finding_subscription_is_tenant_id;
    SubscriptionNotOnTenant = "subscription.not_on_tenant", Error, finding_subscription_not_on_tenant;
    SubscriptionNotDynamics = "subscription.not_dynamics", Error, finding_subscription_not_dynamics;
    SubscriptionCsp = "subscription.csp", Error, finding_subscription_csp;
    SubscriptionNotProvisioned = "subscription.not_provisioned", Error, finding_subscription_not_provisioned;
    SubscriptionTooRecent = "subscription.too_recent", Error, finding_subscription_too_recent;
    SubscriptionAlreadyClaimed = "subscription.already_claimed", Error, finding_subscription_already_claimed;
    SubscriptionInactive = "subscription.inactive", Error, finding_subscription_inactive;
    SubscriptionProductMismatch = "subscription.product_mismatch", Error, finding_subscription_product_mismatch;
    // --- partner location ---
    MpnRequired = "mpn.required", Error, finding_mpn_required;
    MpnFormat = "mpn.format", Error, finding_mpn_format;
    MpnNotEnrolled = "mpn.not_enrolled", Warning, finding_mpn_not_enrolled;
    // --- contacts ---
    EmailRequired = "email.required", Error, finding_email_required;
    EmailFormat = "email.format", Error, finding_email_format;
    ContactNameRequired = "contact.name_required", Error, finding_contact_name_required;
    PhoneFormat = "phone.format", Error, finding_phone_format;
    EmailNotCustomerDomain = "email.not_customer_domain", Warning, finding_email_not_customer_domain;
    // --- claim ---
    ClaimNameRequired = "claim_name.required", Error, finding_claim_name_required;
    ClaimNameTooLong = "claim_name.too_long", Error, finding_claim_name_too_long;
    SolutionAreaRequired = "solution_area.required", Error, finding_solution_area_required;
    PartnerRoleRequired = "partner_role.required", Error, finding_partner_role_required;
    CustomerNameRequired = "customer_name.required", Error, finding_customer_name_required;
    CustomerNameMismatch = "customer_name.mismatch", Warning, finding_customer_name_mismatch;
    // --- products ---
    ProductRequired = "product.required", Error, finding_product_required;
    ProductPowerBiDpor = "product.power_bi_dpor", Error, finding_product_power_bi_dpor;
    ProductAlreadyAssociated = "product.already_associated", Error, finding_product_already_associated;
    ProductCompeting = "product.competing", Warning, finding_product_competing;
    ProductWrongArea = "product.wrong_area", Error, finding_product_wrong_area;
    RoleWrongArea = "role.wrong_area", Error, finding_role_wrong_area;
    // --- proof of execution ---
    PoeRequired = "poe.required", Error, finding_poe_required;
    PoeFileType = "poe.file_type", Error, finding_poe_file_type;
    PoeFileTooLarge = "poe.file_too_large", Error, finding_poe_file_too_large;
    PoeFileOverServerLimit = "poe.file_over_server_limit", Error, finding_poe_file_over_server_limit;
    PoeFileEmpty = "poe.file_empty", Error, finding_poe_file_empty;
    // --- transitions ---
    TransitionNotAllowed = "transition.not_allowed", Error, finding_transition_not_allowed;
    TransitionForbiddenRole = "transition.forbidden_role", Error, finding_transition_forbidden_role;
    TransitionWindowClosed = "transition.window_closed", Error, finding_transition_window_closed;
    EditFieldLocked = "edit.field_locked", Error, finding_edit_field_locked;
    // --- extensions (see README) ---
    TextRequired = "text.required", Error, finding_text_required;
    DateFormat = "date.format", Error, finding_date_format;
    InputInvalid = "input.invalid", Error, finding_input_invalid;
    // --- size limits (src/domain/intake.rs; see README) ---
    TextTooLong = "text.too_long", Error, finding_text_too_long;
    ListTooLong = "list.too_long", Error, finding_list_too_long;
    ClaimTooLarge = "claim.too_large", Error, finding_claim_too_large;
    // --- bulk CSV import (see README; the field is the CSV column) ---
    CsvHeaderMissing = "csv.header_missing", Error, finding_csv_header_missing;
    CsvColumnMissing = "csv.column_missing", Error, finding_csv_column_missing;
    CsvDuplicateColumn = "csv.duplicate_column", Error, finding_csv_duplicate_column;
    CsvUnknownColumn = "csv.unknown_column", Warning, finding_csv_unknown_column;
    CsvMalformed = "csv.malformed", Error, finding_csv_malformed;
    CsvFieldCount = "csv.field_count", Error, finding_csv_field_count;
    CsvRowConflict = "csv.row_conflict", Error, finding_csv_row_conflict;
    CsvDuplicateId = "csv.duplicate_id", Warning, finding_csv_duplicate_id;
    CsvClaimIdFormat = "csv.claim_id_format", Warning, finding_csv_claim_id_format;
    CsvPartnerOrgMismatch = "csv.partner_org_mismatch", Error, finding_csv_partner_org_mismatch;
    CsvDraftOnly = "csv.draft_only", Warning, finding_csv_draft_only;
    CsvSubscriptionIgnored = "csv.subscription_ignored", Warning, finding_csv_subscription_ignored;
    CsvTooManyRows = "csv.too_many_rows", Error, finding_csv_too_many_rows;
}

impl Code {
    /// Whether the finding's next step may need Microsoft's support (the
    /// subscription errors: after checking the ID and the tenant with the
    /// customer, the partner contacts support). The app shows the support
    /// link of the settings next to these.
    pub fn needs_support(self) -> bool {
        matches!(
            self,
            Code::SubscriptionNotOnTenant
                | Code::SubscriptionNotDynamics
                | Code::SubscriptionCsp
                | Code::SubscriptionNotProvisioned
                | Code::SubscriptionAlreadyClaimed
                | Code::SubscriptionInactive
                | Code::SubscriptionProductMismatch
        )
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown code {s}")))
    }
}

/// One rule's verdict about one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The field the finding is about, in the claim JSON's camelCase path
    /// (`tenantId`, `products[0].subscriptionId`, `customerContact.email`).
    pub field: String,
    pub code: Code,
}

impl Finding {
    pub fn new(field: impl Into<String>, code: Code) -> Self {
        Finding {
            field: field.into(),
            code,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    pub fn message(&self, locale: Locale) -> &'static str {
        self.code.message(locale)
    }

    /// The `{field, code, severity, message}` shape of docs/rules.md#findings in `locale`.
    pub fn view(&self, locale: Locale) -> FindingView {
        FindingView {
            field: self.field.clone(),
            code: self.code,
            severity: self.severity(),
            message: self.message(locale).to_string(),
        }
    }
}

/// The serialised shape of a finding: `{field, code, severity, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    pub field: String,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
}

/// Localises a list of findings.
pub fn views(findings: &[Finding], locale: Locale) -> Vec<FindingView> {
    findings.iter().map(|f| f.view(locale)).collect()
}

/// True when any finding is an error (blocks Continue/Submit).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_has_both_messages() {
        for &code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let en = code.message(Locale::En);
            let sv = code.message(Locale::Sv);
            assert!(!en.is_empty() && !sv.is_empty(), "{code}");
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
        }
    }

    #[test]
    fn locale_from_tag() {
        assert_eq!(Locale::from_tag("sv-SE"), Locale::Sv);
        assert_eq!(Locale::from_tag("SV"), Locale::Sv);
        assert_eq!(Locale::from_tag("sv_FI"), Locale::Sv);
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("fi"), Locale::En);
        assert_eq!(Locale::from_tag("svenska"), Locale::En);
    }
}
