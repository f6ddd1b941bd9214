//! Swedish for the evidence notes of [`super::poe_checklist`]. The
//! analyzer writes its notes in English (the embeddable module's
//! `poeChecklist` returns them so); the app shows them in the UI language
//! with [`note_in`]. Every note shape the analyzer produces is listed here,
//! and a test runs the analyzer over varied texts and checks that no English
//! wording is left in the Swedish notes.
//!
//! ```
//! use cpor_desk::domain::finding::Locale;
//! use cpor_desk::domain::poe::notes::note_in;
//!
//! assert_eq!(note_in("missing: Dynamics 365 Sales", Locale::Sv), "saknas: Dynamics 365 Sales");
//! assert_eq!(
//!     note_in("2025-03-14 (8 months before the claim)", Locale::Sv),
//!     "2025-03-14 (8 månader före anspråket)"
//! );
//! assert_eq!(note_in("no dates found", Locale::En), "no dates found");
//! ```

use crate::domain::finding::Locale;

/// Activity labels (the analyzer's concept names).
const ACTIVITIES: &[(&str, &str)] = &[
    ("deployment", "driftsättning"),
    ("implementation", "implementering"),
    ("migration", "migrering"),
    ("configuration", "konfiguration"),
    ("rollout", "utrullning"),
    ("adoption", "användning (adoption)"),
    ("training", "utbildning"),
    ("workshop", "workshop"),
    ("onboarding", "onboarding"),
    ("pilot", "pilot"),
    ("proof of concept", "konceptbevis (PoC)"),
    ("go-live", "driftstart"),
    ("support", "support"),
    ("managed service", "förvaltad tjänst"),
    ("installation", "installation"),
    ("integration", "integration"),
];

/// Whole phrases, longest first (so a phrase is replaced before a part of it).
const PHRASES: &[(&str, &str)] = &[
    (
        "no signature or acknowledgement wording found",
        "inga ord om underskrift eller bekräftelse hittades",
    ),
    (
        "signature word without a name, date or customer nearby",
        "underskriftsord utan namn, datum eller kund i närheten",
    ),
    (
        "only one activity term, not near a claimed product: describe the work explicitly",
        "bara ett aktivitetsord, inte nära en anspråkad produkt: beskriv arbetet uttryckligen",
    ),
    (
        "only dates more than a year ahead",
        "bara datum mer än ett år framåt",
    ),
    ("changes the verdict", "ändrar bedömningen"),
    ("(day/month)", "(dag/månad)"),
    ("(month/day)", "(månad/dag)"),
    ("read month/day", "läst som månad/dag"),
    ("ambiguous dates", "tvetydiga datum"),
    ("ambiguous date:", "tvetydigt datum:"),
    ("no activity wording found", "inga aktivitetsord hittades"),
    ("the claim has no products", "anspråket har inga produkter"),
    ("no dates found", "inga datum hittades"),
    ("blank signature field", "tomt underskriftsfält"),
    ("signature still to be given", "underskriften saknas ännu"),
    (
        " with the customer's or a contact's name",
        " med kundens eller en kontaktpersons namn",
    ),
    (" with the word customer", " med ordet kund"),
    (" with a date", " med ett datum"),
    (" with a name", " med ett namn"),
    (" on the same line", " på samma rad"),
    (" on the next line", " på nästa rad"),
    ("(not set on the claim)", "(saknas i anspråket)"),
    ("customer domain name", "kundens domännamn"),
    ("only (weak)", "bara (svagt)"),
    ("partner name", "partnerns namn"),
    ("customer name", "kundens namn"),
    ("newest date", "senaste datum"),
    (" is older than ", " är äldre än "),
    (" before the claim", " före anspråket"),
    (" after the claim", " efter anspråket"),
    (" old)", " gammalt)"),
    (" old;", " gammalt;"),
    (" ahead)", " framåt)"),
    (" ahead;", " framåt;"),
    ("; or ", "; eller "),
    (" months", " månader"),
    (" month", " månad"),
    (" days", " dagar"),
    (" day", " dag"),
];

/// The note in `locale` (English notes are returned as they are).
pub fn note_in(note: &str, locale: Locale) -> String {
    if locale == Locale::En {
        return note.to_string();
    }
    if let Some(rest) = note.strip_prefix("missing: ") {
        return format!("saknas: {}", note_in(rest, locale));
    }
    if let Some(rest) = note.strip_prefix("activity: ") {
        let (label, product) = match rest.split_once(" near ") {
            Some((label, product)) => (label, Some(product)),
            None => (rest, None),
        };
        let label = ACTIVITIES
            .iter()
            .find(|(en, _)| *en == label)
            .map_or(label, |(_, sv)| sv);
        return match product {
            Some(p) => format!("aktivitet: {label} nära {p}"),
            None => format!("aktivitet: {label}"),
        };
    }
    let mut out = note.to_string();
    for (en, sv) in PHRASES {
        out = out.replace(en, sv);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::domain::claim::{Claim, ProductLine};
    use crate::domain::poe::poe_checklist;
    use crate::domain::policy::Policy;

    /// English words of the analyzer's templates that must not survive.
    const ENGLISH: &[&str] = &[
        "missing",
        "found",
        "signature",
        "with",
        "line",
        "date",
        "month",
        "day",
        "claim",
        "activity",
        "near",
        "name",
        "older",
        "only",
        "ahead",
        "product",
        "read",
        "verdict",
        "weak",
        "before",
        "after",
        "old",
    ];

    #[test]
    fn every_note_the_analyzer_writes_is_swedish() {
        let mut claim = Claim {
            customer_name: "Contoso Ltd".into(),
            customer_domain: "contoso.com".into(),
            products: vec![ProductLine::new("d365_sales"), ProductLine::new("teams")],
            created_at: Some(Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap()),
            ..Claim::default()
        };
        claim.partner_org.name = "Northwind Traders".into();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let texts = [
            "",
            "Northwind Traders will deploy Dynamics 365 Sales. Signed: Anna Berg 2026-09-01",
            "contoso.com workshop. Signature: ______\nTo be signed by the customer. 05/06/2026",
            "Contoso Ltd training. Agreed. 2021-01-01 and 2031-01-01",
            "Teams rollout, migration, configuration, adoption, go-live, managed service, \
             proof of concept, installation, integration, onboarding, pilot, support, \
             implementation. Accepted by the customer on 3 March 2026. 2028-01-01",
            "acknowledged 2026-09-30",
        ];
        let mut seen = 0;
        for text in texts {
            for result in poe_checklist(text, &claim, today, &Policy::default()) {
                for ev in result.evidence {
                    seen += 1;
                    let sv = note_in(&ev.note, Locale::Sv).to_lowercase();
                    // Names, products and quoted words from the document stay.
                    let own: String = sv
                        .split('"')
                        .step_by(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace("northwind traders", "")
                        .replace("contoso ltd", "")
                        .replace("dynamics 365 sales", "")
                        .replace("microsoft teams", "");
                    for word in ENGLISH {
                        let hit = own
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| w == *word || w == format!("{word}s"));
                        assert!(!hit, "{word:?} left in {sv:?} (from {:?})", ev.note);
                    }
                }
            }
        }
        assert!(seen > 20, "{seen} notes");
    }

    #[test]
    fn activity_labels_and_missing_lists() {
        assert_eq!(
            note_in("activity: go-live near Microsoft Teams", Locale::Sv),
            "aktivitet: driftstart nära Microsoft Teams"
        );
        assert_eq!(
            note_in(
                "missing: partner name (not set on the claim), customer name (Contoso Ltd)",
                Locale::Sv
            ),
            "saknas: partnerns namn (saknas i anspråket), kundens namn (Contoso Ltd)"
        );
        assert_eq!(
            note_in("2027-01-02 (1 day ahead)", Locale::Sv),
            "2027-01-02 (1 dag framåt)"
        );
    }
}
