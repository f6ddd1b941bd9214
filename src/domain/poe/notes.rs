//! The evidence notes of [`super::poe_checklist`], as data: each [`Note`]
//! says what the analyzer found or missed and carries its arguments (names,
//! products, dates, signature words), and [`Note::text`] words it in a
//! language from the message catalogs (the `poe-…` keys of
//! `src/i18n/*.ftl`). The embeddable module's `poeChecklist` returns the
//! notes in English ([`super::ChecklistView`]); the app shows them in the UI
//! language.
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::finding::Locale;
//! use cpor_desk::domain::poe::{Age, AgeRelation, Missing, Note};
//!
//! let missing = Note::Missing { missing: vec![Missing::Product { name: "Dynamics 365 Sales".into() }] };
//! assert_eq!(missing.text(Locale::En), "missing: Dynamics 365 Sales");
//! assert_eq!(missing.text(Locale::Sv), "saknas: Dynamics 365 Sales");
//!
//! let date = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
//! let note = Note::Date { date, age: Age::months(8, AgeRelation::BeforeClaim), month_day: None };
//! assert_eq!(note.text(Locale::En), "2025-03-14 (8 months before the claim)");
//! assert_eq!(note.text(Locale::Sv), "2025-03-14 (8 månader före anspråket)");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::finding::Locale;
use crate::i18n::msg;

/// What one evidence entry says, by checklist item.
///
/// Written as an object tagged by `kind` (`{"kind":"date","date":…}`) and
/// read through [`NoteRecord`], one flat record of every field: the same
/// JSON as serde's internally tagged enum reads, for a few KB less of the
/// app's first load (serde reads a tagged enum through a buffered copy of
/// the object and a visitor per variant; the notes come from the PoE
/// worker as JSON). `tests.rs` holds every note to the round trip.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    try_from = "NoteRecord"
)]
pub enum Note {
    // --- names ---
    /// The partner organisation's name (as on the claim) is in the text.
    PartnerName {
        name: String,
    },
    /// The customer's name (as on the claim) is in the text.
    CustomerName {
        name: String,
    },
    /// Only the first label of the customer's domain is in the text: weak.
    CustomerDomainOnly {
        label: String,
    },
    /// Names or products the text lacks, in claim order.
    Missing {
        missing: Vec<Missing>,
    },
    // --- products ---
    /// A claimed product (its catalog name) is in the text.
    Product {
        name: String,
    },
    /// The claim has no products to look for.
    NoProducts,
    // --- activities ---
    /// An activity term.
    Activity {
        activity: Activity,
    },
    /// An activity term near a claimed product.
    ActivityNear {
        activity: Activity,
        product: String,
    },
    /// One activity term only, and not near a claimed product.
    OneActivity,
    NoActivity,
    // --- dates ---
    /// A date and its age; `month_day` is its month/day reading when that
    /// is another date.
    Date {
        #[serde(with = "crate::domain::rfc3339::date")]
        date: NaiveDate,
        age: Age,
        #[serde(default, with = "crate::domain::rfc3339::opt_date")]
        month_day: Option<NaiveDate>,
    },
    /// The newest date is older than the policy's limit.
    TooOld {
        #[serde(with = "crate::domain::rfc3339::date")]
        date: NaiveDate,
        limit_months: u32,
        age: Age,
    },
    /// The signature and effective dates (newest first) are all older than
    /// the policy's limit, while other dates (milestones) are recent; `age`
    /// is the newest one's.
    OldKeyDates {
        #[serde(with = "crate::domain::rfc3339::dates")]
        dates: Vec<NaiveDate>,
        limit_months: u32,
        age: Age,
    },
    /// Every date is more than a year ahead; this is the earliest.
    OnlyFuture {
        #[serde(with = "crate::domain::rfc3339::date")]
        date: NaiveDate,
        age: Age,
    },
    /// Reading the date day/month or month/day changes the verdict.
    AmbiguousDate {
        #[serde(with = "crate::domain::rfc3339::date")]
        day_month: NaiveDate,
        #[serde(with = "crate::domain::rfc3339::date")]
        month_day: NaiveDate,
    },
    /// The readings disagree, and no single date shows it.
    AmbiguousDates,
    NoDates,
    // --- acknowledgement ---
    /// A signature word (as written, lowercased) with what makes it a
    /// signature, on its line or the next.
    Signed {
        word: String,
        with: SignedWith,
        line: Line,
    },
    /// A signature word that does not show a signature.
    Unsigned {
        word: String,
        why: Unsigned,
    },
    NoSignature,
}

/// A [`Note`] as read: `kind` and every field any kind has, each optional;
/// [`Note::try_from`] takes the ones its kind needs (a missing one is an
/// error, others are ignored, as serde's tagged enum does).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NoteRecord {
    kind: String,
    name: Option<String>,
    label: Option<String>,
    missing: Option<Vec<Missing>>,
    activity: Option<Activity>,
    product: Option<String>,
    #[serde(default, with = "crate::domain::rfc3339::opt_date")]
    date: Option<NaiveDate>,
    age: Option<Age>,
    #[serde(default, with = "crate::domain::rfc3339::opt_date")]
    month_day: Option<NaiveDate>,
    limit_months: Option<u32>,
    #[serde(default, with = "crate::domain::rfc3339::opt_dates")]
    dates: Option<Vec<NaiveDate>>,
    #[serde(default, with = "crate::domain::rfc3339::opt_date")]
    day_month: Option<NaiveDate>,
    word: Option<String>,
    with: Option<SignedWith>,
    line: Option<Line>,
    why: Option<Unsigned>,
}

/// The field `name` of a note of kind `kind`, or the error that it is missing.
fn field<T>(value: Option<T>, kind: &str, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}` of a `{kind}` note"))
}

impl TryFrom<NoteRecord> for Note {
    type Error = String;

    fn try_from(r: NoteRecord) -> Result<Note, String> {
        let k = r.kind.as_str();
        Ok(match k {
            "partnerName" => Note::PartnerName {
                name: field(r.name, k, "name")?,
            },
            "customerName" => Note::CustomerName {
                name: field(r.name, k, "name")?,
            },
            "customerDomainOnly" => Note::CustomerDomainOnly {
                label: field(r.label, k, "label")?,
            },
            "missing" => Note::Missing {
                missing: field(r.missing, k, "missing")?,
            },
            "product" => Note::Product {
                name: field(r.name, k, "name")?,
            },
            "noProducts" => Note::NoProducts,
            "activity" => Note::Activity {
                activity: field(r.activity, k, "activity")?,
            },
            "activityNear" => Note::ActivityNear {
                activity: field(r.activity, k, "activity")?,
                product: field(r.product, k, "product")?,
            },
            "oneActivity" => Note::OneActivity,
            "noActivity" => Note::NoActivity,
            "date" => Note::Date {
                date: field(r.date, k, "date")?,
                age: field(r.age, k, "age")?,
                month_day: r.month_day,
            },
            "tooOld" => Note::TooOld {
                date: field(r.date, k, "date")?,
                limit_months: field(r.limit_months, k, "limitMonths")?,
                age: field(r.age, k, "age")?,
            },
            "oldKeyDates" => Note::OldKeyDates {
                dates: field(r.dates, k, "dates")?,
                limit_months: field(r.limit_months, k, "limitMonths")?,
                age: field(r.age, k, "age")?,
            },
            "onlyFuture" => Note::OnlyFuture {
                date: field(r.date, k, "date")?,
                age: field(r.age, k, "age")?,
            },
            "ambiguousDate" => Note::AmbiguousDate {
                day_month: field(r.day_month, k, "dayMonth")?,
                month_day: field(r.month_day, k, "monthDay")?,
            },
            "ambiguousDates" => Note::AmbiguousDates,
            "noDates" => Note::NoDates,
            "signed" => Note::Signed {
                word: field(r.word, k, "word")?,
                with: field(r.with, k, "with")?,
                line: field(r.line, k, "line")?,
            },
            "unsigned" => Note::Unsigned {
                word: field(r.word, k, "word")?,
                why: field(r.why, k, "why")?,
            },
            "noSignature" => Note::NoSignature,
            other => return Err(format!("unknown note kind `{other}`")),
        })
    }
}

/// Something a document lacks ([`Note::Missing`]); read through
/// [`MissingRecord`], as [`Note`] is.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    try_from = "MissingRecord"
)]
pub enum Missing {
    /// A claimed product, by its catalog name.
    Product { name: String },
    /// The partner's name; `None` when the claim has none.
    PartnerName { name: Option<String> },
    /// The customer's name; `None` when the claim has none.
    CustomerName { name: Option<String> },
}

/// A [`Missing`] as read (see [`NoteRecord`]).
#[derive(Deserialize)]
struct MissingRecord {
    kind: String,
    name: Option<String>,
}

impl TryFrom<MissingRecord> for Missing {
    type Error = String;

    fn try_from(r: MissingRecord) -> Result<Missing, String> {
        Ok(match r.kind.as_str() {
            "product" => Missing::Product {
                name: field(r.name, "product", "name")?,
            },
            "partnerName" => Missing::PartnerName { name: r.name },
            "customerName" => Missing::CustomerName { name: r.name },
            other => return Err(format!("unknown missing kind `{other}`")),
        })
    }
}

/// The activity concepts the analyzer recognises (English and Swedish
/// wording of each is in `super::vocabulary`).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Deployment,
    Implementation,
    Migration,
    Configuration,
    Rollout,
    Adoption,
    Training,
    Workshop,
    Onboarding,
    Pilot,
    ProofOfConcept,
    GoLive,
    Support,
    ManagedService,
    /// Swedish "införande" (introducing a system).
    Introduction,
    /// Swedish "förvaltning" (running and maintaining a system).
    Management,
    /// Swedish "användning" (use).
    Usage,
    Installation,
    Integration,
}

/// What makes a signature word a signature ([`Note::Signed`]).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum SignedWith {
    Date,
    /// The customer's or a contact's name.
    ContactName,
    /// A person-like name (two capitalised words).
    Name,
    /// The word customer (client, kund, …).
    CustomerWord,
}

/// Where the signature's context is ([`Note::Signed`]).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Line {
    Same,
    Next,
}

/// Why a signature word is only unsure ([`Note::Unsigned`]).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Unsigned {
    /// No name, date or customer on its line or the next.
    Alone,
    /// A blank field follows it (`Signature: ____`).
    Blank,
    /// It is still to be given ("to be signed").
    Pending,
}

/// A date's age relative to the reference date: "8 months old", "3 days
/// before the claim".
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Age {
    pub amount: usize,
    pub unit: AgeUnit,
    pub relation: AgeRelation,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum AgeUnit {
    Days,
    Months,
}

/// Past or future, relative to the claim's creation or (without one) today.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum AgeRelation {
    Old,
    Ahead,
    BeforeClaim,
    AfterClaim,
}

impl Note {
    /// The note in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Note::PartnerName { name } => msg::poe_note_partner_name(locale, name),
            Note::CustomerName { name } => msg::poe_note_customer_name(locale, name),
            Note::CustomerDomainOnly { label } => msg::poe_note_customer_domain_only(locale, label),
            Note::Missing { missing } => {
                let list: Vec<String> = missing.iter().map(|m| m.text(locale)).collect();
                msg::poe_note_missing(locale, list.join(", "))
            }
            Note::Product { name } => name.clone(),
            Note::NoProducts => msg::poe_note_no_products(locale).to_string(),
            Note::Activity { activity } => msg::poe_note_activity(locale, activity.label(locale)),
            Note::ActivityNear { activity, product } => {
                msg::poe_note_activity_near(locale, activity.label(locale), product)
            }
            Note::OneActivity => msg::poe_note_one_activity(locale).to_string(),
            Note::NoActivity => msg::poe_note_no_activity(locale).to_string(),
            Note::Date {
                date,
                age,
                month_day: None,
            } => msg::poe_note_date(locale, date, age.text(locale)),
            Note::Date {
                date,
                age,
                month_day: Some(other),
            } => msg::poe_note_date_or(locale, date, age.text(locale), other),
            Note::TooOld {
                date,
                limit_months,
                age,
            } => {
                let limit = msg::poe_months(locale, *limit_months as usize);
                msg::poe_note_too_old(locale, date, limit, age.text(locale))
            }
            Note::OldKeyDates {
                dates,
                limit_months,
                age,
            } => {
                let limit = msg::poe_months(locale, *limit_months as usize);
                let list: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
                msg::poe_note_old_key_dates(locale, list.join(", "), limit, age.text(locale))
            }
            Note::OnlyFuture { date, age } => {
                msg::poe_note_only_future(locale, date, age.text(locale))
            }
            Note::AmbiguousDate {
                day_month,
                month_day,
            } => msg::poe_note_ambiguous_date(locale, day_month, month_day),
            Note::AmbiguousDates => msg::poe_note_ambiguous_dates(locale).to_string(),
            Note::NoDates => msg::poe_note_no_dates(locale).to_string(),
            Note::Signed { word, with, line } => {
                msg::poe_note_signed(locale, word, with.text(locale), line.text(locale))
            }
            Note::Unsigned { word, why } => match why {
                Unsigned::Alone => msg::poe_note_unsigned_alone(locale, word),
                Unsigned::Blank => msg::poe_note_unsigned_blank(locale, word),
                Unsigned::Pending => msg::poe_note_unsigned_pending(locale, word),
            },
            Note::NoSignature => msg::poe_note_no_signature(locale).to_string(),
        }
    }
}

impl Missing {
    /// One item of a [`Note::Missing`] list in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Missing::Product { name } => name.clone(),
            Missing::PartnerName { name: Some(name) } => {
                msg::poe_missing_partner_name(locale, name)
            }
            Missing::PartnerName { name: None } => {
                msg::poe_missing_partner_name_unset(locale).to_string()
            }
            Missing::CustomerName { name: Some(name) } => {
                msg::poe_missing_customer_name(locale, name)
            }
            Missing::CustomerName { name: None } => {
                msg::poe_missing_customer_name_unset(locale).to_string()
            }
        }
    }
}

impl Activity {
    /// Every activity, in the order the analyzer reports them.
    pub const ALL: [Activity; 19] = [
        Activity::Deployment,
        Activity::Implementation,
        Activity::Migration,
        Activity::Configuration,
        Activity::Rollout,
        Activity::Adoption,
        Activity::Training,
        Activity::Workshop,
        Activity::Onboarding,
        Activity::Pilot,
        Activity::ProofOfConcept,
        Activity::GoLive,
        Activity::Support,
        Activity::ManagedService,
        Activity::Introduction,
        Activity::Management,
        Activity::Usage,
        Activity::Installation,
        Activity::Integration,
    ];

    /// The activity's name in `locale`.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Activity::Deployment => msg::poe_activity_deployment(locale),
            Activity::Implementation => msg::poe_activity_implementation(locale),
            Activity::Migration => msg::poe_activity_migration(locale),
            Activity::Configuration => msg::poe_activity_configuration(locale),
            Activity::Rollout => msg::poe_activity_rollout(locale),
            Activity::Adoption => msg::poe_activity_adoption(locale),
            Activity::Training => msg::poe_activity_training(locale),
            Activity::Workshop => msg::poe_activity_workshop(locale),
            Activity::Onboarding => msg::poe_activity_onboarding(locale),
            Activity::Pilot => msg::poe_activity_pilot(locale),
            Activity::ProofOfConcept => msg::poe_activity_proof_of_concept(locale),
            Activity::GoLive => msg::poe_activity_go_live(locale),
            Activity::Support => msg::poe_activity_support(locale),
            Activity::ManagedService => msg::poe_activity_managed_service(locale),
            Activity::Introduction => msg::poe_activity_introduction(locale),
            Activity::Management => msg::poe_activity_management(locale),
            Activity::Usage => msg::poe_activity_usage(locale),
            Activity::Installation => msg::poe_activity_installation(locale),
            Activity::Integration => msg::poe_activity_integration(locale),
        }
    }
}

impl SignedWith {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            SignedWith::Date => msg::poe_signed_with_date(locale),
            SignedWith::ContactName => msg::poe_signed_with_contact_name(locale),
            SignedWith::Name => msg::poe_signed_with_name(locale),
            SignedWith::CustomerWord => msg::poe_signed_with_customer_word(locale),
        }
    }
}

impl Line {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            Line::Same => msg::poe_signed_on_same_line(locale),
            Line::Next => msg::poe_signed_on_next_line(locale),
        }
    }
}

impl Age {
    pub fn months(amount: usize, relation: AgeRelation) -> Age {
        Age {
            amount,
            unit: AgeUnit::Months,
            relation,
        }
    }

    pub fn days(amount: usize, relation: AgeRelation) -> Age {
        Age {
            amount,
            unit: AgeUnit::Days,
            relation,
        }
    }

    /// "8 months", "1 day".
    fn amount_text(&self, locale: Locale) -> String {
        match self.unit {
            AgeUnit::Months => msg::poe_months(locale, self.amount),
            AgeUnit::Days => msg::poe_days(locale, self.amount),
        }
    }

    /// "8 months old", "1 day after the claim".
    pub fn text(&self, locale: Locale) -> String {
        let amount = self.amount_text(locale);
        match self.relation {
            AgeRelation::Old => msg::poe_age_old(locale, amount),
            AgeRelation::Ahead => msg::poe_age_ahead(locale, amount),
            AgeRelation::BeforeClaim => msg::poe_age_before_claim(locale, amount),
            AgeRelation::AfterClaim => msg::poe_age_after_claim(locale, amount),
        }
    }
}

#[cfg(test)]
mod tests;
