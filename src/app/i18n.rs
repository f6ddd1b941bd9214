//! UI text in English and Swedish (SPEC §14). Validation messages and status
//! names come from the domain; this table holds the app's own words.

use crate::domain::finding::Locale;

/// A UI string key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    AppTitle,
    Tagline,
    Language,
    QuickCheckTitle,
    QuickCheckIntro,
    CustomerDomain,
    TenantId,
    NoFindings,
    Error,
    Warning,
    CanonicalTenant,
    AsciiDomain,
    DirectoryNote,
}

pub fn t(key: T, locale: Locale) -> &'static str {
    use Locale::*;
    match (key, locale) {
        (T::AppTitle, _) => "CPOR Desk",
        (T::Tagline, En) => {
            "Claiming Partner of Record claims, checked before you submit. Your data stays in this browser."
        }
        (T::Tagline, Sv) => {
            "Anspråk för Claiming Partner of Record, kontrollerade innan du skickar. Dina data stannar i den här webbläsaren."
        }
        (T::Language, En) => "Language",
        (T::Language, Sv) => "Språk",
        (T::QuickCheckTitle, En) => "Check a customer's domain and tenant ID",
        (T::QuickCheckTitle, Sv) => "Kontrollera kundens domän och klient-ID",
        (T::QuickCheckIntro, En) => {
            "The same rules as the claim wizard: identifier formats and the domain ↔ tenant match."
        }
        (T::QuickCheckIntro, Sv) => {
            "Samma regler som i guiden för anspråk: identifierarnas format och att domän och klient hör ihop."
        }
        (T::CustomerDomain, En) => "Customer domain",
        (T::CustomerDomain, Sv) => "Kundens domän",
        (T::TenantId, En) => "Tenant ID",
        (T::TenantId, Sv) => "Klient-ID",
        (T::NoFindings, En) => "No problems found.",
        (T::NoFindings, Sv) => "Inga problem hittades.",
        (T::Error, En) => "Error",
        (T::Error, Sv) => "Fel",
        (T::Warning, En) => "Warning",
        (T::Warning, Sv) => "Varning",
        (T::CanonicalTenant, En) => "Tenant ID (canonical)",
        (T::CanonicalTenant, Sv) => "Klient-ID (normaliserat)",
        (T::AsciiDomain, En) => "Domain (ASCII)",
        (T::AsciiDomain, Sv) => "Domän (ASCII)",
        (T::DirectoryNote, En) => {
            "Checked against the built-in demo directory (Contoso, Fabrikam)."
        }
        (T::DirectoryNote, Sv) => {
            "Kontrolleras mot den inbyggda demokatalogen (Contoso, Fabrikam)."
        }
    }
}
