//! The PoE pre-check of a claim's documents (docs/rules.md#poe): what the extraction
//! worker reports per document ([`Precheck`]), and the claim-level summary
//! ([`summarize`]) of the checklist items met and the `request_info` reasons
//! (docs/rules.md#status-machine) a reviewer would likely give, before the claim is submitted.
//!
//! ```
//! use cpor_desk::domain::claim::{ChecklistItem, Claim, DocumentRef, InfoReason};
//! use cpor_desk::domain::poe::{CheckStatus, ChecklistResult};
//! use cpor_desk::domain::poe::precheck::{Met, Precheck, summarize};
//!
//! let mut claim = Claim::default();
//! claim.documents.push(DocumentRef { id: "d1".into(), name: "sow.pdf".into(), kind: "pdf".into(), ..Default::default() });
//! let results = ChecklistItem::ALL.iter().map(|&item| ChecklistResult {
//!     item,
//!     status: if item == ChecklistItem::Acknowledgement { CheckStatus::Missing } else { CheckStatus::Found },
//!     evidence: vec![],
//! }).collect();
//! let report = Precheck::Checked { pages: 1, chars: 900, results, extract_ms: 3.0, analyze_ms: 1.0, limited: None };
//! let summary = summarize(&claim, |id| (id == "d1").then_some(&report));
//! assert_eq!(summary.items[0], (ChecklistItem::Acknowledgement, Met::Missing));
//! assert_eq!(summary.reasons, [InfoReason::MissingCustomerAcknowledgement]);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CheckStatus, ChecklistResult, likely_info_reasons};
use crate::domain::claim::{ChecklistItem, Claim, InfoReason};
use crate::domain::document::DocKind;
use crate::domain::finding::Locale;
use crate::domain::flat::required;
use crate::domain::policy::Policy;

/// What the app asks the PoE worker to check (the document's bytes travel
/// beside this JSON).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct CheckRequest {
    /// The document's id: the worker keeps the text it extracted under it.
    pub doc_id: String,
    /// [`DocKind::id`] of the document.
    pub kind: String,
    pub claim: Claim,
    #[serde(with = "crate::domain::rfc3339::date")]
    pub today: NaiveDate,
    /// The policy with the age limit for dates; the default policy when
    /// left out.
    #[serde(default)]
    pub policy: Policy,
}

/// What the app asks the PoE worker for "Download PoE template".
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct TemplateRequest {
    pub claim: Claim,
    pub locale: Locale,
    #[serde(with = "crate::domain::rfc3339::date")]
    pub today: NaiveDate,
}

/// The report for a document kind that has no text to extract (pictures,
/// and the kinds the pre-check does not read), so the worker need not be
/// started for it. `None` for PDF, DOCX and TXT.
pub fn without_text(kind: &str) -> Option<Precheck> {
    match DocKind::ALL.iter().find(|k| k.id() == kind) {
        Some(DocKind::Pdf | DocKind::Docx | DocKind::Txt) => None,
        Some(DocKind::Png | DocKind::Jpeg) => Some(Precheck::NoText {
            pages: 1,
            image: true,
            limited: None,
        }),
        Some(other) => Some(Precheck::NotRead {
            code: "unsupported".into(),
            detail: format!(
                "{} files are not read by the pre-check",
                other.id().to_uppercase()
            ),
        }),
        None => Some(Precheck::NotRead {
            code: "unsupported".into(),
            detail: format!("unknown document type {kind:?}"),
        }),
    }
}

/// The most pages of a PDF the pre-check reads: a document of 100,000
/// empty pages is read up to here, and the report says so.
pub const MAX_CHECKED_PAGES: u32 = 2_000;

/// The most text the pre-check reads of one document, all its parts
/// together (5 MiB): a small DOCX can expand to a gigabyte of text.
pub const MAX_CHECKED_TEXT_BYTES: usize = 5 * 1024 * 1024;

/// The time the pre-check worker gets for one request before the app ends
/// it ("took too long: check it by hand"), for a small document; see
/// [`worker_deadline_ms`].
pub const WORKER_DEADLINE_MS: u32 = 30_000;

/// The time the pre-check worker gets for a document of `bytes` bytes:
/// [`WORKER_DEADLINE_MS`] plus 2 seconds per megabyte (a 20 MB document
/// gets 70 seconds; the slowest fixture takes a few seconds).
pub fn worker_deadline_ms(bytes: usize) -> u32 {
    let per_mb = (bytes as u64).div_ceil(1024 * 1024) * 2_000;
    WORKER_DEADLINE_MS.saturating_add(u32::try_from(per_mb).unwrap_or(u32::MAX))
}

/// Why only part of a document was read. Written tagged by `kind`, read
/// through [`LimitedRecord`] (see [`crate::domain::flat`]).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    try_from = "LimitedRecord"
)]
pub enum Limited {
    /// Only the first `checked` of `total` pages ([`MAX_CHECKED_PAGES`]).
    Pages { checked: u32, total: u32 },
    /// Only the first [`MAX_CHECKED_TEXT_BYTES`] of text.
    Text { bytes: u64 },
}

/// The pre-check of one document. Written tagged by `outcome`, read
/// through [`PrecheckRecord`] (see [`crate::domain::flat`]): the PoE
/// worker's answer holds every evidence note, which serde's tagged enum
/// would read twice (into its buffer, then from it).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    try_from = "PrecheckRecord"
)]
pub enum Precheck {
    /// The text was read and analysed: one result per checklist item.
    Checked {
        pages: u32,
        chars: u64,
        results: Vec<ChecklistResult>,
        /// Milliseconds spent extracting the text and analysing it.
        extract_ms: f64,
        analyze_ms: f64,
        /// Set when only part of the document was read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limited: Option<Limited>,
    },
    /// No text to read: a scanned page (a PDF of images) or a picture. The
    /// partner checks it by hand.
    NoText {
        pages: u32,
        image: bool,
        /// Set when only part of the document was read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limited: Option<Limited>,
    },
    /// The document could not be read; `code` is `encrypted`, `corrupt`,
    /// `unsupported` or `failed` (the reader stopped), `detail` says more.
    NotRead { code: String, detail: String },
}

/// A [`Limited`] as read: `kind` and every field, each optional.
#[derive(Deserialize)]
struct LimitedRecord {
    kind: String,
    checked: Option<u32>,
    total: Option<u32>,
    bytes: Option<u64>,
}

impl TryFrom<LimitedRecord> for Limited {
    type Error = String;

    fn try_from(r: LimitedRecord) -> Result<Limited, String> {
        let k = r.kind.as_str();
        Ok(match k {
            "pages" => Limited::Pages {
                checked: required(r.checked, k, "checked")?,
                total: required(r.total, k, "total")?,
            },
            "text" => Limited::Text {
                bytes: required(r.bytes, k, "bytes")?,
            },
            other => return Err(format!("unknown variant `{other}` of a limit")),
        })
    }
}

/// A [`Precheck`] as read: `outcome` and every field, each optional.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PrecheckRecord {
    outcome: String,
    pages: Option<u32>,
    chars: Option<u64>,
    results: Option<Vec<ChecklistResult>>,
    extract_ms: Option<f64>,
    analyze_ms: Option<f64>,
    limited: Option<Limited>,
    image: Option<bool>,
    code: Option<String>,
    detail: Option<String>,
}

impl TryFrom<PrecheckRecord> for Precheck {
    type Error = String;

    fn try_from(r: PrecheckRecord) -> Result<Precheck, String> {
        let k = r.outcome.as_str();
        Ok(match k {
            "checked" => Precheck::Checked {
                pages: required(r.pages, k, "pages")?,
                chars: required(r.chars, k, "chars")?,
                results: required(r.results, k, "results")?,
                extract_ms: required(r.extract_ms, k, "extractMs")?,
                analyze_ms: required(r.analyze_ms, k, "analyzeMs")?,
                limited: r.limited,
            },
            "noText" => Precheck::NoText {
                pages: required(r.pages, k, "pages")?,
                image: required(r.image, k, "image")?,
                limited: r.limited,
            },
            "notRead" => Precheck::NotRead {
                code: required(r.code, k, "code")?,
                detail: required(r.detail, k, "detail")?,
            },
            other => return Err(format!("unknown pre-check outcome `{other}`")),
        })
    }
}

impl Precheck {
    /// The result for `item`, when the document was analysed.
    pub fn result(&self, item: ChecklistItem) -> Option<&ChecklistResult> {
        match self {
            Precheck::Checked { results, .. } => results.iter().find(|r| r.item == item),
            _ => None,
        }
    }
}

/// How far a checklist item is met across the claim's documents.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Met {
    /// The partner ticked it on a document.
    Ticked,
    /// The pre-check found it in a document.
    Found,
    /// The pre-check is unsure (and nothing better elsewhere).
    Unsure,
    /// Every analysed document lacks it.
    Missing,
    /// No document could be analysed and nobody ticked it.
    Unknown,
}

/// The claim-level summary.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Summary {
    /// Every checklist item, in [`ChecklistItem::ALL`] order.
    pub items: Vec<(ChecklistItem, Met)>,
    /// The `request_info` reasons a reviewer would likely give (from the
    /// items that are missing or unsure; unknown items give none).
    pub reasons: Vec<InfoReason>,
    /// Items found unsure or missing whose cause is none of the reviewer's
    /// `request_info` reasons (the names), so they are named on their own.
    pub without_reason: Vec<ChecklistItem>,
    /// Documents with a pre-check report that could not analyse them.
    pub unread: usize,
    /// Documents still without a report (being checked).
    pub pending: usize,
}

/// Summarizes the claim's documents: for each item the best of the
/// partner's ticks and the documents' reports (`report(doc_id)`). With no
/// documents at all, the reason is "Missing all PoE".
pub fn summarize<'a>(claim: &Claim, report: impl Fn(&str) -> Option<&'a Precheck>) -> Summary {
    let mut unread = 0;
    let mut pending = 0;
    for doc in &claim.documents {
        match report(&doc.id) {
            Some(Precheck::Checked { .. }) => {}
            Some(_) => unread += 1,
            None => pending += 1,
        }
    }
    let items: Vec<(ChecklistItem, Met)> = ChecklistItem::ALL
        .iter()
        .map(|&item| {
            let mut met = Met::Unknown;
            for doc in &claim.documents {
                if doc.checklist.get(item) {
                    met = Met::Ticked;
                    break;
                }
                let status = report(&doc.id)
                    .and_then(|r| r.result(item))
                    .map(|r| r.status);
                met = match (met, status) {
                    (_, Some(CheckStatus::Found)) | (Met::Found, _) => Met::Found,
                    (_, Some(CheckStatus::Unsure)) | (Met::Unsure, _) => Met::Unsure,
                    (_, Some(CheckStatus::Missing)) | (Met::Missing, _) => Met::Missing,
                    _ => Met::Unknown,
                };
            }
            (item, met)
        })
        .collect();
    let reasons = if claim.documents.is_empty() {
        vec![InfoReason::MissingAllPoe]
    } else {
        let as_results: Vec<ChecklistResult> = items
            .iter()
            .filter_map(|&(item, met)| {
                let status = match met {
                    Met::Ticked | Met::Found => CheckStatus::Found,
                    Met::Unsure => CheckStatus::Unsure,
                    Met::Missing => CheckStatus::Missing,
                    Met::Unknown => return None,
                };
                Some(ChecklistResult {
                    item,
                    status,
                    evidence: Vec::new(),
                })
            })
            .collect();
        // "Missing all PoE" only when every item is known to be missing.
        if as_results.len() < items.len() {
            likely_info_reasons(&as_results)
                .into_iter()
                .filter(|r| *r != InfoReason::MissingAllPoe)
                .collect()
        } else {
            likely_info_reasons(&as_results)
        }
    };
    let without_reason = items
        .iter()
        .filter(|(item, met)| {
            *item == ChecklistItem::Names && matches!(met, Met::Unsure | Met::Missing)
        })
        .map(|(item, _)| *item)
        .collect();
    Summary {
        items,
        reasons,
        without_reason,
        unread,
        pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::DocumentRef;

    fn doc(id: &str) -> DocumentRef {
        DocumentRef {
            id: id.into(),
            name: format!("{id}.pdf"),
            kind: "pdf".into(),
            ..Default::default()
        }
    }

    fn checked(statuses: [CheckStatus; 5]) -> Precheck {
        Precheck::Checked {
            pages: 1,
            chars: 10,
            results: ChecklistItem::ALL
                .iter()
                .zip(statuses)
                .map(|(&item, status)| ChecklistResult {
                    item,
                    status,
                    evidence: Vec::new(),
                })
                .collect(),
            extract_ms: 0.0,
            analyze_ms: 0.0,
            limited: None,
        }
    }

    use CheckStatus::{Found as F, Missing as M, Unsure as U};

    #[test]
    fn best_over_documents_and_ticks() {
        let mut claim = Claim {
            documents: vec![doc("a"), doc("b"), doc("c")],
            ..Claim::default()
        };
        claim.documents[2].checklist.set(ChecklistItem::Dates, true);
        let a = checked([M, F, U, M, M]);
        let b = checked([U, M, M, M, M]);
        let c = Precheck::NoText {
            pages: 2,
            image: false,
            limited: None,
        };
        let s = summarize(&claim, |id| match id {
            "a" => Some(&a),
            "b" => Some(&b),
            "c" => Some(&c),
            _ => None,
        });
        assert_eq!(
            s.items.iter().map(|i| i.1).collect::<Vec<_>>(),
            [
                Met::Unsure,
                Met::Found,
                Met::Unsure,
                Met::Missing,
                Met::Ticked
            ]
        );
        assert_eq!(
            s.reasons,
            [
                InfoReason::MissingCustomerAcknowledgement,
                InfoReason::MissingPartnerSolution
            ]
        );
        assert_eq!((s.unread, s.pending), (1, 0));
    }

    #[test]
    fn nothing_known_gives_no_reasons_and_no_documents_gives_missing_all() {
        let mut claim = Claim::default();
        assert_eq!(
            summarize(&claim, |_| None).reasons,
            [InfoReason::MissingAllPoe]
        );
        claim.documents = vec![doc("a")];
        let s = summarize(&claim, |_| None);
        assert!(s.reasons.is_empty());
        assert!(s.items.iter().all(|i| i.1 == Met::Unknown));
        assert_eq!(s.pending, 1);
        let all_missing = checked([M, M, M, M, M]);
        let s = summarize(&claim, |_| Some(&all_missing));
        assert_eq!(s.reasons, [InfoReason::MissingAllPoe]);
    }

    #[test]
    fn kinds_without_text_need_no_worker() {
        assert_eq!(without_text("pdf"), None);
        assert_eq!(without_text("txt"), None);
        assert_eq!(
            without_text("png"),
            Some(Precheck::NoText {
                pages: 1,
                image: true,
                limited: None
            })
        );
        assert_eq!(
            without_text("xlsx"),
            Some(Precheck::NotRead {
                code: "unsupported".into(),
                detail: "XLSX files are not read by the pre-check".into()
            })
        );
        assert!(matches!(
            without_text("exe"),
            Some(Precheck::NotRead { .. })
        ));
    }

    #[test]
    fn reports_round_trip_as_json() {
        let r = Precheck::NotRead {
            code: "encrypted".into(),
            detail: "the PDF is password-protected".into(),
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"outcome":"notRead","code":"encrypted","detail":"the PDF is password-protected"}"#
        );
        assert_eq!(serde_json::from_str::<Precheck>(&json).unwrap(), r);
        let c = checked([F, F, F, F, F]);
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""extractMs":0.0"#), "{json}");
        assert_eq!(serde_json::from_str::<Precheck>(&json).unwrap(), c);
    }
}
