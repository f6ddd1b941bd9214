//! Every note in every language, and the notes the analyzer writes.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::claim::{Claim, ProductLine};
use crate::domain::poe::poe_checklist;
use crate::domain::policy::Policy;

/// English words of the notes that must not survive in another language.
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
    "or",
    "the",
    "no",
    "not",
    "set",
    "customer",
    "partner",
    "ambiguous",
    "newest",
    "given",
    "blank",
    "field",
    "word",
    "same",
    "next",
];

/// The words of `text` that are English note words, leaving out the
/// quoted words and the names that come from the document or the claim.
fn english_left(text: &str, names: &[&str]) -> Vec<String> {
    let mut own: String = text
        .to_lowercase()
        .split('"')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ");
    for name in names {
        own = own.replace(&name.to_lowercase(), " ");
    }
    own.split(|c: char| !c.is_alphanumeric())
        .filter(|w| ENGLISH.iter().any(|e| *w == *e || *w == format!("{e}s")))
        .map(str::to_string)
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The variant's position in the declaration; the match has no wildcard,
/// so a new variant does not compile until it is listed here (and then
/// the coverage check below wants a sample of it).
fn variant(note: &Note) -> usize {
    match note {
        Note::PartnerName { .. } => 0,
        Note::CustomerName { .. } => 1,
        Note::CustomerDomainOnly { .. } => 2,
        Note::Missing { .. } => 3,
        Note::Product { .. } => 4,
        Note::NoProducts => 5,
        Note::Activity { .. } => 6,
        Note::ActivityNear { .. } => 7,
        Note::OneActivity => 8,
        Note::NoActivity => 9,
        Note::Date { .. } => 10,
        Note::TooOld { .. } => 11,
        Note::OnlyFuture { .. } => 12,
        Note::AmbiguousDate { .. } => 13,
        Note::AmbiguousDates => 14,
        Note::NoDates => 15,
        Note::Signed { .. } => 16,
        Note::Unsigned { .. } => 17,
        Note::NoSignature => 18,
        Note::OldKeyDates { .. } => 19,
    }
}
const VARIANTS: usize = 20;

/// Every variant, and every value of the enums they carry.
fn samples() -> Vec<Note> {
    let d = date(2025, 3, 14);
    let mut ages = Vec::new();
    for relation in [
        AgeRelation::Old,
        AgeRelation::Ahead,
        AgeRelation::BeforeClaim,
        AgeRelation::AfterClaim,
    ] {
        for amount in [0, 1, 2, 12] {
            ages.push(Age::months(amount, relation));
            ages.push(Age::days(amount, relation));
        }
    }
    let mut notes = vec![
        Note::PartnerName {
            name: "Fabrikam".into(),
        },
        Note::CustomerName {
            name: "Contoso".into(),
        },
        Note::CustomerDomainOnly {
            label: "contoso".into(),
        },
        Note::Missing {
            missing: vec![
                Missing::Product {
                    name: "Teams".into(),
                },
                Missing::PartnerName { name: None },
                Missing::PartnerName {
                    name: Some("Fabrikam".into()),
                },
                Missing::CustomerName { name: None },
                Missing::CustomerName {
                    name: Some("Contoso".into()),
                },
            ],
        },
        Note::Product {
            name: "Teams".into(),
        },
        Note::NoProducts,
        Note::OneActivity,
        Note::NoActivity,
        Note::AmbiguousDate {
            day_month: date(2025, 10, 2),
            month_day: date(2025, 2, 10),
        },
        Note::AmbiguousDates,
        Note::NoDates,
        Note::NoSignature,
    ];
    for activity in Activity::ALL {
        notes.push(Note::Activity { activity });
        notes.push(Note::ActivityNear {
            activity,
            product: "Teams".into(),
        });
    }
    for age in ages {
        notes.push(Note::Date {
            date: d,
            age,
            month_day: None,
        });
        notes.push(Note::Date {
            date: d,
            age,
            month_day: Some(date(2025, 12, 3)),
        });
        notes.push(Note::OnlyFuture { date: d, age });
        for limit_months in [1, 12] {
            notes.push(Note::TooOld {
                date: d,
                limit_months,
                age,
            });
            notes.push(Note::OldKeyDates {
                dates: vec![d, date(2024, 11, 30)],
                limit_months,
                age,
            });
        }
    }
    for with in [
        SignedWith::Date,
        SignedWith::ContactName,
        SignedWith::Name,
        SignedWith::CustomerWord,
    ] {
        for line in [Line::Same, Line::Next] {
            notes.push(Note::Signed {
                word: "signed".into(),
                with,
                line,
            });
        }
    }
    for why in [Unsigned::Alone, Unsigned::Blank, Unsigned::Pending] {
        notes.push(Note::Unsigned {
            word: "signature".into(),
            why,
        });
    }
    notes
}

#[test]
fn every_note_renders_in_every_language() {
    let samples = samples();
    let mut seen: Vec<usize> = samples.iter().map(variant).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        (0..VARIANTS).collect::<Vec<_>>(),
        "a variant has no sample"
    );
    let names = ["Fabrikam", "Contoso", "Teams"];
    for note in &samples {
        for &locale in Locale::ALL {
            let text = note.text(locale);
            assert!(!text.trim().is_empty(), "{note:?} in {locale:?}");
            assert!(
                !text.contains(['{', '}', '$']),
                "placeholder left in {text:?} ({note:?}, {locale:?})"
            );
            if locale != Locale::En {
                let left = english_left(&text, &names);
                assert!(left.is_empty(), "{left:?} left in {text:?} ({note:?})");
                if !matches!(note, Note::Product { .. }) {
                    assert_ne!(text, note.text(Locale::En), "{note:?} untranslated");
                }
            }
        }
        // The notes cross from the worker to the app as JSON.
        let json = serde_json::to_string(note).unwrap();
        assert_eq!(
            &serde_json::from_str::<Note>(&json).unwrap(),
            note,
            "{json}"
        );
    }
}

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
        "signed 02/10/2025 by Anna Berg",
        "Effective date: 2021-01-04. Go-live 2026-08-01. Signed 2021-01-04 by Anna Berg",
    ];
    let names = [
        "Northwind Traders",
        "Contoso Ltd",
        "Dynamics 365 Sales",
        "Microsoft Teams",
    ];
    let mut seen = 0;
    for text in texts {
        for result in poe_checklist(text, &claim, today, &Policy::default()) {
            for ev in result.evidence {
                seen += 1;
                let sv = ev.note.text(Locale::Sv);
                let left = english_left(&sv, &names);
                assert!(
                    left.is_empty(),
                    "{left:?} left in {sv:?} (from {:?})",
                    ev.note
                );
            }
        }
    }
    assert!(seen > 20, "{seen} notes");
}

#[test]
fn activity_labels_and_missing_lists() {
    let cases = [
        (
            Note::ActivityNear {
                activity: Activity::GoLive,
                product: "Microsoft Teams".into(),
            },
            "activity: go-live near Microsoft Teams",
            "aktivitet: driftstart nära Microsoft Teams",
        ),
        (
            Note::Missing {
                missing: vec![
                    Missing::PartnerName { name: None },
                    Missing::CustomerName {
                        name: Some("Contoso Ltd".into()),
                    },
                ],
            },
            "missing: partner name (not set on the claim), customer name (Contoso Ltd)",
            "saknas: partnerns namn (saknas i anspråket), kundens namn (Contoso Ltd)",
        ),
        (
            Note::Date {
                date: date(2027, 1, 2),
                age: Age::days(1, AgeRelation::Ahead),
                month_day: None,
            },
            "2027-01-02 (1 day ahead)",
            "2027-01-02 (1 dag framåt)",
        ),
        (
            Note::AmbiguousDate {
                day_month: date(2025, 10, 2),
                month_day: date(2025, 2, 10),
            },
            "ambiguous date: 2025-10-02 (day/month) or 2025-02-10 (month/day) changes the verdict",
            "tvetydigt datum: 2025-10-02 (dag/månad) eller 2025-02-10 (månad/dag) ändrar bedömningen",
        ),
    ];
    for (note, en, sv) in cases {
        assert_eq!(note.text(Locale::En), en);
        assert_eq!(note.text(Locale::Sv), sv);
    }
}

/// Notes are read as serde's internally tagged enum reads them (they are
/// read through a flat record, `NoteRecord`): unknown keys are ignored, a
/// missing field is an error unless the kind's field is optional, an
/// unknown kind is an error.
#[test]
fn notes_are_read_as_a_tagged_enum_reads_them() {
    for note in samples() {
        let json = serde_json::to_value(&note).unwrap();
        let serde_json::Value::Object(map) = json else {
            panic!("{note:?} is not an object");
        };
        let mut extra = map.clone();
        extra.insert("unknownKey".into(), serde_json::json!([1, 2]));
        let read: Note = serde_json::from_value(extra.into()).unwrap();
        assert_eq!(read, note);
        let kind = map["kind"].as_str().unwrap().to_string();
        for key in map.keys().filter(|k| *k != "kind") {
            let mut less = map.clone();
            less.remove(key);
            let read = serde_json::from_value::<Note>(less.into());
            let optional = kind == "date" && key == "monthDay";
            assert_eq!(read.is_ok(), optional, "{kind} without {key}: {read:?}");
        }
        let mut other = map.clone();
        other.insert("kind".into(), "noSuchNote".into());
        assert!(serde_json::from_value::<Note>(other.into()).is_err());
    }
    let missing: Missing = serde_json::from_str(r#"{"kind":"partnerName"}"#).unwrap();
    assert_eq!(missing, Missing::PartnerName { name: None });
    assert!(serde_json::from_str::<Missing>(r#"{"kind":"product"}"#).is_err());
    assert!(serde_json::from_str::<Missing>(r#"{"kind":"x","name":"y"}"#).is_err());
}
