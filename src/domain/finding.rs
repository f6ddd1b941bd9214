//! Findings: the result of every validation rule, as data.
//!
//! A [`Finding`] names the field it is about and a stable [`Code`]; the
//! severity follows from the code and the human message is looked up per
//! [`Locale`]. Tests and embedding portals rely on the code strings, which
//! never change (SPEC §6).
//!
//! ```
//! use cpor_desk::domain::finding::{Code, Finding, Locale, Severity};
//! let f = Finding::new("tenantId", Code::TenantFormat);
//! assert_eq!(f.code.as_str(), "tenant.format");
//! assert_eq!(f.severity(), Severity::Error);
//! assert!(f.message(Locale::Sv).contains("Klient-ID"));
//! ```

use serde::{Deserialize, Serialize};

/// UI and message language (SPEC §14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Sv,
}

impl Locale {
    /// Parses a BCP 47 tag loosely: `sv`, `sv-SE`, `SV` give Swedish, anything else English.
    pub fn from_tag(tag: &str) -> Locale {
        let lower = tag.trim().to_ascii_lowercase();
        if lower == "sv" || lower.starts_with("sv-") || lower.starts_with("sv_") {
            Locale::Sv
        } else {
            Locale::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Sv => "sv",
        }
    }
}

/// Errors block Continue/Submit; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $en:literal, $sv:literal; )*) => {
        /// Stable finding codes (SPEC §6, plus the few extensions listed in the README).
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
            pub fn message(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $( (Code::$variant, Locale::En) => $en,
                       (Code::$variant, Locale::Sv) => $sv, )*
                }
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
    TenantRequired = "tenant.required", Error,
        "Enter the customer's tenant ID (directory ID).",
        "Ange kundens klient-ID (katalog-ID).";
    TenantFormat = "tenant.format", Error,
        "The tenant ID must be a GUID: 32 hexadecimal digits, for example 1d38bbea-e8d8-407c-9c74-bee089c92c07.",
        "Klient-ID:t måste vara ett GUID: 32 hexadecimala tecken, till exempel 1d38bbea-e8d8-407c-9c74-bee089c92c07.";
    TenantNil = "tenant.nil", Error,
        "The tenant ID is all zeros, which is not a real tenant.",
        "Klient-ID:t består bara av nollor och är ingen verklig klient.";
    TenantConsumer = "tenant.consumer", Error,
        "This is the tenant of personal Microsoft accounts, not a customer organisation.",
        "Detta är klienten för personliga Microsoft-konton, inte en kundorganisation.";
    // --- domain ---
    DomainRequired = "domain.required", Error,
        "Enter the customer's domain name, for example contoso.com.",
        "Ange kundens domännamn, till exempel contoso.com.";
    DomainFormat = "domain.format", Error,
        "This is not a valid domain name. Use a name like contoso.com (letters, digits and hyphens, at least two labels, no IP address).",
        "Detta är inget giltigt domännamn. Använd ett namn som contoso.com (bokstäver, siffror och bindestreck, minst två delar, ingen IP-adress).";
    DomainUrl = "domain.url", Warning,
        "A web address was entered; only its host name is used.",
        "En webbadress angavs; endast dess värdnamn används.";
    DomainEmail = "domain.email", Warning,
        "An email address was entered; only its domain is used.",
        "En e-postadress angavs; endast dess domän används.";
    DomainUnknown = "domain.unknown", Warning,
        "The directory cannot confirm that this domain belongs to the tenant. Check both with the customer.",
        "Katalogen kan inte bekräfta att domänen tillhör klienten. Kontrollera båda med kunden.";
    DomainMismatch = "domain.mismatch", Error,
        "The domain belongs to a different tenant than the tenant ID entered. Ask the customer for the correct details.",
        "Domänen tillhör en annan klient än det angivna klient-ID:t. Be kunden om rätt uppgifter.";
    // --- subscription ---
    SubscriptionRequired = "subscription.required", Error,
        "A subscription ID is needed for this product: the customer has several subscriptions of it, or it is not found on the tenant without one.",
        "Ett prenumerations-ID behövs för produkten: kunden har flera prenumerationer av den, eller så hittas den inte på klienten utan ett.";
    SubscriptionFormat = "subscription.format", Error,
        "The subscription ID must be a GUID: 32 hexadecimal digits.",
        "Prenumerations-ID:t måste vara ett GUID: 32 hexadecimala tecken.";
    SubscriptionIsTenantId = "subscription.is_tenant_id", Error,
        "This is the tenant ID, not a subscription ID. The customer finds the subscription ID under Billing > Products & services.",
        "Detta är klient-ID:t, inte ett prenumerations-ID. Kunden hittar prenumerations-ID:t under Fakturering > Produkter och tjänster.";
    SubscriptionNotOnTenant = "subscription.not_on_tenant", Error,
        "This subscription is not on the customer's tenant.",
        "Prenumerationen finns inte på kundens klient.";
    SubscriptionNotDynamics = "subscription.not_dynamics", Error,
        "This subscription is not for a Dynamics 365 product.",
        "Prenumerationen gäller inte en Dynamics 365-produkt.";
    SubscriptionCsp = "subscription.csp", Error,
        "This subscription was bought through CSP; Business Applications claims need Volume Licensing or Web Direct.",
        "Prenumerationen är köpt via CSP; anspråk för Business Applications kräver volymlicensiering eller Web Direct.";
    SubscriptionNotProvisioned = "subscription.not_provisioned", Error,
        "The customer has not activated or provisioned the products of this subscription yet. It can take up to seven days after provisioning.",
        "Kunden har ännu inte aktiverat eller etablerat produkterna i prenumerationen. Det kan ta upp till sju dagar efter etableringen.";
    SubscriptionTooRecent = "subscription.too_recent", Error,
        "The subscription was activated less than 48 hours ago; it can be claimed 48 hours after activation.",
        "Prenumerationen aktiverades för mindre än 48 timmar sedan; den kan göras anspråk på 48 timmar efter aktiveringen.";
    SubscriptionAlreadyClaimed = "subscription.already_claimed", Error,
        "This subscription has already been claimed.",
        "Prenumerationen har redan gjorts anspråk på.";
    SubscriptionInactive = "subscription.inactive", Error,
        "The subscription is not active or in grace.",
        "Prenumerationen är inte aktiv eller i respitperiod.";
    SubscriptionProductMismatch = "subscription.product_mismatch", Error,
        "The subscription is for another product than the one selected.",
        "Prenumerationen gäller en annan produkt än den valda.";
    // --- partner location ---
    MpnRequired = "mpn.required", Error,
        "Choose the partner location (MPN ID).",
        "Välj partnerplats (MPN-ID).";
    MpnFormat = "mpn.format", Error,
        "The MPN ID (PartnerID) must be 6 to 10 digits.",
        "MPN-ID:t (PartnerID) måste vara 6 till 10 siffror.";
    MpnNotEnrolled = "mpn.not_enrolled", Warning,
        "This location is not enrolled in an incentive program; the claim will not earn incentives.",
        "Platsen är inte registrerad i något incitamentsprogram; anspråket ger inga incitament.";
    // --- contacts ---
    EmailRequired = "email.required", Error,
        "Enter an email address.",
        "Ange en e-postadress.";
    EmailFormat = "email.format", Error,
        "This is not a valid email address, for example anna@contoso.com.",
        "Detta är ingen giltig e-postadress, till exempel anna@contoso.com.";
    ContactNameRequired = "contact.name_required", Error,
        "Enter the contact's name.",
        "Ange kontaktpersonens namn.";
    PhoneFormat = "phone.format", Error,
        "The phone number may contain digits, spaces, +, -, and parentheses, with 6 to 20 digits.",
        "Telefonnumret får innehålla siffror, mellanslag, +, - och parenteser, med 6 till 20 siffror.";
    // --- claim ---
    ClaimNameRequired = "claim_name.required", Error,
        "Enter a claim name so you can find the claim later.",
        "Ange ett namn på anspråket så att du hittar det senare.";
    ClaimNameTooLong = "claim_name.too_long", Error,
        "The claim name can be at most 100 characters.",
        "Anspråkets namn får vara högst 100 tecken.";
    SolutionAreaRequired = "solution_area.required", Error,
        "Choose a solution area.",
        "Välj ett lösningsområde.";
    PartnerRoleRequired = "partner_role.required", Error,
        "Choose a partner role.",
        "Välj en partnerroll.";
    CustomerNameRequired = "customer_name.required", Error,
        "Enter the customer organisation's name.",
        "Ange kundorganisationens namn.";
    // --- products ---
    ProductRequired = "product.required", Error,
        "Choose at least one product or workload.",
        "Välj minst en produkt eller arbetsbelastning.";
    ProductPowerBiDpor = "product.power_bi_dpor", Error,
        "Power BI cannot be claimed here: Power BI incentives still go through Digital Partner of Record (DPOR).",
        "Power BI kan inte göras anspråk på här: incitament för Power BI går fortfarande via Digital Partner of Record (DPOR).";
    ProductAlreadyAssociated = "product.already_associated", Error,
        "Your organisation is already associated with this customer for this product.",
        "Din organisation är redan associerad med kunden för den här produkten.";
    ProductCompeting = "product.competing", Warning,
        "Another partner is associated with this product for this customer: this is a competing claim and the review will take longer.",
        "En annan partner är associerad med kunden för den här produkten: detta är ett konkurrerande anspråk och granskningen tar längre tid.";
    ProductWrongArea = "product.wrong_area", Error,
        "This product does not belong to the chosen solution area.",
        "Produkten hör inte till det valda lösningsområdet.";
    RoleWrongArea = "role.wrong_area", Error,
        "This partner role does not belong to the chosen solution area.",
        "Partnerrollen hör inte till det valda lösningsområdet.";
    // --- proof of execution ---
    PoeRequired = "poe.required", Error,
        "Upload at least one proof-of-execution document before submitting.",
        "Ladda upp minst ett dokument med utförandebevis (PoE) innan du skickar.";
    PoeFileType = "poe.file_type", Error,
        "This file type is not accepted. Use PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML or MSG (checked by the file's content).",
        "Filtypen accepteras inte. Använd PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML eller MSG (kontrolleras utifrån filens innehåll).";
    PoeFileTooLarge = "poe.file_too_large", Error,
        "The file is larger than 20 MB.",
        "Filen är större än 20 MB.";
    PoeFileEmpty = "poe.file_empty", Error,
        "The file is empty.",
        "Filen är tom.";
    // --- transitions ---
    TransitionNotAllowed = "transition.not_allowed", Error,
        "This action is not possible in the claim's current status.",
        "Åtgärden är inte möjlig i anspråkets nuvarande status.";
    TransitionForbiddenRole = "transition.forbidden_role", Error,
        "Your role may not perform this action on this claim.",
        "Din roll får inte utföra den här åtgärden på anspråket.";
    TransitionWindowClosed = "transition.window_closed", Error,
        "The dispute window has closed. Create a new claim from this one with updated proof of execution.",
        "Tiden för att bestrida har gått ut. Skapa ett nytt anspråk utifrån detta med uppdaterat utförandebevis.";
    EditFieldLocked = "edit.field_locked", Error,
        "This field cannot be changed in the claim's current status.",
        "Fältet kan inte ändras i anspråkets nuvarande status.";
    // --- extensions (see README) ---
    TextRequired = "text.required", Error,
        "This text is required.",
        "Texten är obligatorisk.";
    DateFormat = "date.format", Error,
        "Dates must be written YYYY-MM-DD and exist in the calendar.",
        "Datum måste skrivas ÅÅÅÅ-MM-DD och finnas i kalendern.";
    InputInvalid = "input.invalid", Error,
        "The input does not have the expected shape.",
        "Indata har inte den förväntade formen.";
    // --- bulk CSV import (see README; the field is the CSV column) ---
    CsvHeaderMissing = "csv.header_missing", Error,
        "The file has no header row: the first line must name the columns (claim_name, customer_domain, tenant_id, product, …).",
        "Filen saknar rubrikrad: första raden måste ange kolumnernas namn (claim_name, customer_domain, tenant_id, product, …).";
    CsvColumnMissing = "csv.column_missing", Error,
        "A required column is missing from the header row: claim_name, customer_domain, tenant_id and product are needed.",
        "En obligatorisk kolumn saknas i rubrikraden: claim_name, customer_domain, tenant_id och product behövs.";
    CsvDuplicateColumn = "csv.duplicate_column", Error,
        "This column appears more than once in the header row, so it is not clear which one to use.",
        "Kolumnen förekommer mer än en gång i rubrikraden, så det är oklart vilken som ska användas.";
    CsvUnknownColumn = "csv.unknown_column", Warning,
        "This column is not known and is ignored.",
        "Kolumnen är okänd och ignoreras.";
    CsvMalformed = "csv.malformed", Error,
        "This line is not valid CSV: a quoted field is not closed, or a quote appears inside an unquoted field or after a closing quote.",
        "Raden är inte giltig CSV: ett citerat fält avslutas inte, eller ett citattecken står inne i ett ociterat fält eller efter ett avslutande citattecken.";
    CsvFieldCount = "csv.field_count", Error,
        "This line has a different number of fields than the header row.",
        "Raden har ett annat antal fält än rubrikraden.";
    CsvRowConflict = "csv.row_conflict", Error,
        "The rows of this claim disagree on this column: every row of a claim must repeat the same claim details.",
        "Anspråkets rader har olika värden i den här kolumnen: varje rad i ett anspråk måste upprepa samma anspråksuppgifter.";
    CsvDuplicateId = "csv.duplicate_id", Warning,
        "A claim with this ID already exists here; it is imported as a new claim with a new ID.",
        "Ett anspråk med detta ID finns redan här; det importeras som ett nytt anspråk med ett nytt ID.";
    CsvClaimIdFormat = "csv.claim_id_format", Warning,
        "The claim ID is not a GUID; the claim gets a new ID.",
        "Anspråkets ID är inget GUID; anspråket får ett nytt ID.";
    CsvPartnerOrgMismatch = "csv.partner_org_mismatch", Error,
        "This claim belongs to another partner organisation; claims are imported into your own organisation only.",
        "Anspråket tillhör en annan partnerorganisation; anspråk importeras bara till din egen organisation.";
    CsvDraftOnly = "csv.draft_only", Warning,
        "Only the claim's details are imported: it becomes a new draft (Editing), without its status, history, comments or documents.",
        "Endast anspråkets uppgifter importeras: det blir ett nytt utkast (Redigering), utan status, historik, kommentarer eller dokument.";
    CsvSubscriptionIgnored = "csv.subscription_ignored", Warning,
        "Only Business Applications products are claimed per subscription; this subscription ID is not imported.",
        "Endast produkter inom Affärsprogram görs anspråk på per prenumeration; prenumerations-ID:t importeras inte.";
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

    /// The `{field, code, severity, message}` shape of SPEC §6 in `locale`.
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
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("fi"), Locale::En);
    }
}
