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

/// Inline UI text: the English and the Swedish words side by side, so no
/// string can be added in one language only.
///
/// ```
/// use cpor_desk::app::i18n::tr;
/// use cpor_desk::domain::finding::Locale;
/// assert_eq!(tr(Locale::Sv, "Back", "Tillbaka"), "Tillbaka");
/// ```
pub fn tr(locale: Locale, en: &'static str, sv: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Sv => sv,
    }
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

/// A calendar date in the locale's format: "Nov 21, 2026" / "21 nov. 2026".
///
/// ```
/// use chrono::NaiveDate;
/// use cpor_desk::app::i18n::format_date;
/// use cpor_desk::domain::finding::Locale;
/// let d = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
/// assert_eq!(format_date(d, Locale::En), "May 4, 2026");
/// assert_eq!(format_date(d, Locale::Sv), "4 maj 2026");
/// ```
pub fn format_date(d: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const SV: [&str; 12] = [
        "jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ];
    let m = d.month0() as usize;
    match locale {
        Locale::En => format!("{} {}, {}", EN[m], d.day(), d.year()),
        Locale::Sv => format!("{} {} {}", d.day(), SV[m], d.year()),
    }
}

/// A product's display name from the catalog (the id when unknown).
pub fn product_name(id: &str) -> String {
    crate::domain::catalog::Catalog::builtin()
        .product(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}
