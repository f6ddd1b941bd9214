//! The proof-of-execution pre-check (docs/rules.md#poe): what reviewers look for in a
//! PoE document, found in its extracted text.
//!
//! [`poe_checklist`] reads the plain text of one document (pages separated by
//! form feeds `\x0C`, as the PDF/DOCX extractors emit them) and reports, for
//! every checklist item of [`ChecklistItem::ALL`] and in that order, whether it
//! is [`CheckStatus::Found`], [`CheckStatus::Missing`] or
//! [`CheckStatus::Unsure`], with [`Evidence`] snippets. English and Swedish
//! documents are understood. [`likely_info_reasons`] turns the result into the
//! `request_info` reasons a reviewer would probably give (docs/rules.md#status-machine).
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::claim::{ChecklistItem, Claim, ProductLine};
//! use cpor_desk::domain::finding::Locale;
//! use cpor_desk::domain::poe::{CheckStatus, likely_info_reasons, poe_checklist};
//! use cpor_desk::domain::policy::Policy;
//!
//! let mut claim = Claim::default();
//! claim.partner_org.name = "Fabrikam Consulting AB".into();
//! claim.customer_name = "Contoso Ltd".into();
//! claim.products = vec![ProductLine::new("d365_sales")];
//! let text = "Statement of work between Fabrikam Consulting and Contoso.\n\
//!             Fabrikam will deploy D365 Sales and run training workshops.\n\
//!             Accepted by: Anna Svensson, Contoso Ltd, 14 March 2025";
//! let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
//! let results = poe_checklist(text, &claim, today, &Policy::default());
//! assert_eq!(results.len(), ChecklistItem::ALL.len());
//! assert!(results.iter().all(|r| r.status == CheckStatus::Found));
//! assert_eq!(results[4].evidence[0].note.text(Locale::En), "2025-03-14 (2 months old)");
//! assert_eq!(results[4].evidence[0].note.text(Locale::Sv), "2025-03-14 (2 månader gammalt)");
//! assert!(likely_info_reasons(&results).is_empty());
//!
//! let nothing = poe_checklist("", &claim, today, &Policy::default());
//! assert!(nothing.iter().all(|r| r.status == CheckStatus::Missing));
//! ```
//!
//! # How the text is read
//!
//! The text is split into tokens: maximal runs of letters and digits,
//! lowercased (case folding covers Latin, Greek and Cyrillic). Everything
//! else (spaces, punctuation, line breaks) only separates tokens. Names,
//! product names and multi-word phrases are matched whitespace- and
//! punctuation-insensitively: a pattern matches a run of up to 16
//! consecutive tokens whose concatenation equals the pattern with its
//! punctuation and spaces removed ("Share Point" and "SharePoint",
//! "go-live" and "go live" are the same). Single words match a whole token,
//! or, for word stems written `deploy*`, any token they begin. The scan is
//! one pass with a fixed look-back window, so the cost is linear in the text
//! length times a small number of patterns, and memory does not grow with the
//! text (20 MB of text is fine). Nothing here panics on any input.
//!
//! # The rules
//!
//! - `names`: the partner organisation's name and the customer's name, with
//!   legal suffixes (Ltd, Inc, AB, A/S, GmbH, Oy, …) ignored, both found →
//!   found; one of them → unsure; none → missing. The first label of the
//!   customer's domain (`contoso` of `contoso.com`) is weak evidence for the
//!   customer: it can make the item unsure, never found.
//! - `products`: every claimed product is looked up in the catalog and
//!   matched by its name and aliases ([`product_aliases`]). All named →
//!   found; some → unsure; none (or no products on the claim) → missing.
//!   Notes list the missing ones.
//! - `activities`: explicit activity wording (deploy, implement, migrate,
//!   configure, roll out, adoption, training, workshop, onboarding, pilot,
//!   proof of concept, go-live, support, managed service, install, integrate;
//!   Swedish implementera, driftsätta, migrera, konfigurera, utrullning,
//!   införande, utbildning, förvaltning, användning, …). Two distinct
//!   activities, or one within 20 words of a claimed product name → found;
//!   one → unsure; none → missing.
//! - `dates`: ISO `2025-03-14`, `14/03/2025`, `03/14/2025`, `14-03-2025`,
//!   `14.03.2025`, `14 March 2025`, `14th of March 2025`, `March 14, 2025`,
//!   `Mar 14 2025`, `14-Mar-2025`, Swedish `(den) 14 mars 2025`; years
//!   1970–2099. `.` means day.month.year. With `/` or `-` and the year last,
//!   a first number over 12 is a day, a second number over 12 is a day, and
//!   otherwise day/month is preferred; when reading such dates month/day
//!   instead would change the verdict, the item is unsure. The reference date
//!   is the claim's creation date (`created_at`), or `today` when it has
//!   none; ages in the notes are counted to it. Dates more than a year after
//!   the later of the reference date and `today` are implausible. The
//!   newest plausible date older than [`Policy::poe_max_age_months`] months
//!   before the reference date → missing ("newest date … is older than 12
//!   months"); a newer one → found; only implausible future dates → unsure;
//!   no dates → missing.
//! - `acknowledgement`: signature words (signed, signature, signatory,
//!   countersigned, acknowledged, agreed (not as an adjective: "the agreed
//!   scope"), accepted by, approved by, `/s/`,
//!   DocuSign, Adobe Sign, e-signed; Swedish underskrift, undertecknad,
//!   signerad/signerat, godkänd av, accepterad av, bekräftad, för kunden).
//!   An occurrence is a signature when its line (outside the word itself) or
//!   the next non-empty line within three lines carries a date, the
//!   customer's or a contact's name, a person-like name (two capitalised
//!   words that are not form labels) or the word customer/client/kund/
//!   beställare → found. A blank field after the word (`Signature: ____`,
//!   `Underskrift: ......`, also on the next line), a pending form ("to be
//!   signed", "ska signeras") or a bare word → unsure, never found. None →
//!   missing.
//!
//! Every result has at least one evidence entry: a snippet (about 80
//! characters of context, whitespace collapsed; `page` is 1-based when the
//! text has form feeds) or, with an empty snippet, a note explaining what is
//! missing. Notes are data ([`Note`], with the names, products, dates and
//! words they are about) and are worded per language by [`Note::text`];
//! [`views`] gives the results with their notes in one language (the
//! embeddable module's `poeChecklist` returns them in English).
//!
//! # Known limits
//!
//! Case folding covers Latin, Greek and Cyrillic letters only (it is
//! table-free to keep the WebAssembly module small), text is not
//! Unicode-normalized (decomposed "ö" does not match "ö"), words
//! hyphenated across line breaks are two tokens, a handwritten signature is
//! invisible in extracted text (so scanned signed documents are at best
//! unsure), title-case headings after a signature word can pass for a person's
//! name, and a date range or validity date far from the signature date counts
//! like any other date.
//!
//! # Where the code is
//!
//! `scanner.rs` tokenizes the text in one pass and matches the patterns;
//! each item's rule and verdict is in `mentions.rs` (names, products,
//! activities), `dates.rs` and `acknowledgement.rs`; `vocabulary.rs` holds
//! the word lists and product aliases, `text.rs` folding and snippets,
//! `notes.rs` the [`Note`]s, and [`precheck`] the worker's report per
//! document and the claim-level summary.

mod acknowledgement;
mod dates;
mod mentions;
mod notes;
pub mod precheck;
mod scanner;
mod text;
mod vocabulary;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::claim::{ChecklistItem, Claim, InfoReason};
use super::finding::Locale;
use super::policy::Policy;
use dates::DateRules;
use scanner::Scanner;

/// Whether two organisation names are the same name once letter case,
/// spacing, punctuation and legal-form suffixes (Ltd, Inc, AB, …) are set
/// aside: "Contoso Ltd" and "contoso" are, "Fabrikam, Inc." and "Contoso
/// Ltd" are not. Two blank names are not.
pub fn same_organisation_name(a: &str, b: &str) -> bool {
    let (a, b) = (text::name_core(a), text::name_core(b));
    !a.is_empty() && a == b
}

pub use notes::{Activity, Age, AgeRelation, AgeUnit, Line, Missing, Note, SignedWith, Unsigned};
pub use vocabulary::{PRODUCT_ALIASES, product_aliases};

/// The verdict for one checklist item.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Found,
    Missing,
    Unsure,
}

/// One checklist item's verdict with its evidence.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistResult {
    pub item: ChecklistItem,
    pub status: CheckStatus,
    pub evidence: Vec<Evidence>,
}

/// Where something was found (or, with an empty snippet, what is missing).
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// About 80 characters of context around the match, whitespace collapsed;
    /// `…` marks cut text. Empty for explanation-only entries.
    pub snippet: String,
    /// 1-based page, when the text has form-feed page breaks.
    pub page: Option<u32>,
    /// What was found or is missing; in English, e.g. "partner name:
    /// Fabrikam", "Dynamics 365 Sales", "2025-03-14 (8 months old)",
    /// "missing: Microsoft Intune".
    pub note: Note,
}

impl Evidence {
    /// An explanation-only entry (no snippet).
    fn note(note: Note) -> Evidence {
        Evidence {
            snippet: String::new(),
            page: None,
            note,
        }
    }

    /// The entry with its note in `locale`.
    pub fn view(&self, locale: Locale) -> EvidenceView {
        EvidenceView {
            snippet: self.snippet.clone(),
            page: self.page,
            note: self.note.text(locale),
        }
    }
}

impl ChecklistResult {
    /// The result with its notes in `locale`.
    pub fn view(&self, locale: Locale) -> ChecklistView {
        ChecklistView {
            item: self.item,
            status: self.status,
            evidence: self.evidence.iter().map(|e| e.view(locale)).collect(),
        }
    }
}

/// The serialised shape of a checklist result in one language: `{ item,
/// status, evidence: [{ snippet, page, note }] }`, what the embeddable
/// module's `poeChecklist` returns (its `ChecklistEntry`).
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistView {
    pub item: ChecklistItem,
    pub status: CheckStatus,
    pub evidence: Vec<EvidenceView>,
}

/// An [`Evidence`] entry with its note as text.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
    pub snippet: String,
    pub page: Option<u32>,
    pub note: String,
}

/// The results with their notes in `locale`.
pub fn views(results: &[ChecklistResult], locale: Locale) -> Vec<ChecklistView> {
    results.iter().map(|r| r.view(locale)).collect()
}

/// Analyses a PoE document's text against the claim (see the module docs for
/// the rules). Returns one result per [`ChecklistItem::ALL`] entry, in order.
/// Ages are counted to the claim's `created_at` date, or `today` without one.
pub fn poe_checklist(
    text: &str,
    claim: &Claim,
    today: NaiveDate,
    policy: &Policy,
) -> Vec<ChecklistResult> {
    let reference = claim.created_at.map_or(today, |t| t.date_naive());
    let rules = DateRules {
        reference,
        relative_to_claim: claim.created_at.is_some(),
        cutoff: reference.checked_sub_months(Months::new(policy.poe_max_age_months)),
        horizon: reference
            .max(today)
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX),
        max_age_months: policy.poe_max_age_months,
    };
    let mut scan = Scanner::new(text, claim, rules.horizon);
    scan.run();
    ChecklistItem::ALL
        .iter()
        .map(|&item| {
            let (status, evidence) = match item {
                ChecklistItem::Acknowledgement => scan.acknowledgement(),
                ChecklistItem::Products => scan.products(),
                ChecklistItem::Activities => scan.activities(),
                ChecklistItem::Names => scan.names(),
                ChecklistItem::Dates => scan.dates(&rules),
            };
            ChecklistResult {
                item,
                status,
                evidence,
            }
        })
        .collect()
}

/// The `request_info` reasons (docs/rules.md#status-machine) a reviewer would likely give for
/// these results, in [`InfoReason::ALL`] order, without duplicates.
///
/// - Nothing found at all (every item missing, as for an empty text or a
///   document that has nothing to do with the claim) → only `MissingAllPoe`.
/// - Otherwise every item that is missing *or unsure* gives its reason:
///   `acknowledgement` → `MissingCustomerAcknowledgement`, `dates` →
///   `MissingOrOldDates`, `activities` → `MissingPartnerSolution`,
///   `products` → `MissingProducts`.
/// - `names` has no reason of its own and gives none: a reviewer's
///   "Missing partner solution/service" is about the description of the
///   work, not about the names, so reporting it for unclear names would
///   name the wrong cause. An unmet `names` item is reported as such
///   ([`precheck::Summary::without_reason`]).
pub fn likely_info_reasons(results: &[ChecklistResult]) -> Vec<InfoReason> {
    if results.iter().all(|r| r.status == CheckStatus::Missing) {
        return vec![InfoReason::MissingAllPoe];
    }
    let wanted: Vec<InfoReason> = results
        .iter()
        .filter(|r| r.status != CheckStatus::Found)
        .filter_map(|r| match r.item {
            ChecklistItem::Acknowledgement => Some(InfoReason::MissingCustomerAcknowledgement),
            ChecklistItem::Dates => Some(InfoReason::MissingOrOldDates),
            ChecklistItem::Activities => Some(InfoReason::MissingPartnerSolution),
            ChecklistItem::Products => Some(InfoReason::MissingProducts),
            ChecklistItem::Names => None,
        })
        .collect();
    InfoReason::ALL
        .iter()
        .copied()
        .filter(|r| wanted.contains(r))
        .collect()
}
