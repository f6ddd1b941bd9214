//! Text extraction from proof-of-execution documents (docs/rules.md#poe), for the
//! pre-check: PDF (text-based), DOCX and TXT, in memory, with no I/O. Built
//! with feature `extract`; the app runs it in a web worker
//! (`src/bin/poe-worker.rs`), so none of this is in the app's main bundle.
//!
//! Pages are separated by form feeds (`\x0C`), which is what
//! [`crate::domain::poe::poe_checklist`] reads page numbers from.
//!
//! ```
//! use cpor_desk::domain::document::DocKind;
//! use cpor_desk::extract::{ExtractError, extract_text};
//!
//! let doc = extract_text(DocKind::Txt, "Signed by Anna Svensson\x0Cpage two".as_bytes()).unwrap();
//! assert_eq!(doc.pages, 2);
//! assert!(doc.has_text());
//! assert!(matches!(extract_text(DocKind::Pdf, b"%PDF-1.7 broken"), Err(ExtractError::Corrupt(_))));
//! assert!(matches!(extract_text(DocKind::Png, b"\x89PNG"), Err(ExtractError::Image)));
//! ```

mod docx;
mod pdf;
pub mod template;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::claim::Claim;
use crate::domain::document::DocKind;
use crate::domain::poe::poe_checklist;
use crate::domain::poe::precheck::{Limited, MAX_CHECKED_TEXT_BYTES, Precheck};
use crate::domain::policy::Policy;

pub use docx::docx_text;
pub use pdf::{pdf_text, pdf_text_with};

/// A document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text, pages separated by `\x0C`.
    pub text: String,
    /// Pages read (1 for formats without pages, or without page breaks).
    pub pages: u32,
    /// Set when only part of the document was read (at most
    /// [`MAX_CHECKED_PAGES`](crate::domain::poe::precheck::MAX_CHECKED_PAGES)
    /// pages and [`MAX_CHECKED_TEXT_BYTES`] of text).
    pub limited: Option<Limited>,
}

impl Extracted {
    /// Builds the result from per-page texts.
    pub fn from_pages(pages: Vec<String>) -> Extracted {
        let count = u32::try_from(pages.len().max(1)).unwrap_or(u32::MAX);
        Extracted {
            text: pages.join("\x0C"),
            pages: count,
            limited: None,
        }
    }

    /// False when the document has no readable words (a scanned image, an
    /// empty page): fewer than [`MIN_LETTERS`] letters or digits.
    pub fn has_text(&self) -> bool {
        self.text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(MIN_LETTERS)
            .count()
            >= MIN_LETTERS
    }
}

/// Below this many letters and digits a document counts as "no text found"
/// (page numbers or a stray header on a scanned page are not text).
pub const MIN_LETTERS: usize = 20;

/// Why a document's text could not be read. Each has a stable code.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// A PDF that needs a password to open.
    #[error("the PDF is password-protected")]
    Encrypted,
    /// Not a readable file of its kind (truncated, damaged).
    #[error("the file is damaged or incomplete: {0}")]
    Corrupt(String),
    /// A picture: no text layer to read.
    #[error("the file is an image")]
    Image,
    /// A kind the pre-check does not read (DOC, XLSX, PPTX, EML, MSG).
    #[error("{0} files are not read by the pre-check")]
    Unsupported(&'static str),
}

impl ExtractError {
    /// The stable code: `encrypted`, `corrupt`, `image`, `unsupported`.
    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::Encrypted => "encrypted",
            ExtractError::Corrupt(_) => "corrupt",
            ExtractError::Image => "image",
            ExtractError::Unsupported(_) => "unsupported",
        }
    }
}

/// The text of a document of the given kind (judged from its content by
/// [`crate::domain::document::check_document`]).
pub fn extract_text(kind: DocKind, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    match kind {
        DocKind::Pdf => pdf_text(bytes),
        DocKind::Docx => docx_text(bytes),
        DocKind::Txt => txt_text(bytes),
        DocKind::Png | DocKind::Jpeg => Err(ExtractError::Image),
        DocKind::Doc => Err(ExtractError::Unsupported("DOC")),
        DocKind::Xlsx => Err(ExtractError::Unsupported("XLSX")),
        DocKind::Pptx => Err(ExtractError::Unsupported("PPTX")),
        DocKind::Eml => Err(ExtractError::Unsupported("EML")),
        DocKind::Msg => Err(ExtractError::Unsupported("MSG")),
    }
}

/// Extracts a document's text by its kind id ([`DocKind::id`]).
pub fn extract_kind(kind: &str, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    match DocKind::ALL.iter().find(|k| k.id() == kind) {
        Some(&k) => extract_text(k, bytes),
        None => Err(ExtractError::Unsupported("unknown")),
    }
}

/// The pre-check report of a document from its extraction result:
/// analysed with [`poe_checklist`] when it has text. `clock` gives
/// milliseconds (for `analyze_ms`); `extract_ms` is the extraction's time.
pub fn precheck(
    extracted: &Result<Extracted, ExtractError>,
    claim: &Claim,
    today: NaiveDate,
    policy: &Policy,
    extract_ms: f64,
    clock: &dyn Fn() -> f64,
) -> Precheck {
    match extracted {
        Err(ExtractError::Image) => Precheck::NoText {
            pages: 1,
            image: true,
            limited: None,
        },
        Err(e) => Precheck::NotRead {
            code: e.code().into(),
            detail: e.to_string(),
        },
        Ok(doc) if !doc.has_text() => Precheck::NoText {
            pages: doc.pages,
            image: false,
            limited: doc.limited,
        },
        Ok(doc) => {
            let start = clock();
            let results = poe_checklist(&doc.text, claim, today, policy);
            Precheck::Checked {
                pages: doc.pages,
                chars: doc.text.chars().count() as u64,
                results,
                extract_ms,
                analyze_ms: clock() - start,
                limited: doc.limited,
            }
        }
    }
}

/// UTF-8 text (a BOM is dropped); invalid bytes become U+FFFD. At most
/// [`MAX_CHECKED_TEXT_BYTES`] of it.
fn txt_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut text = String::from_utf8_lossy(bytes).into_owned();
    let mut limited = None;
    if text.len() > MAX_CHECKED_TEXT_BYTES {
        let cut = crate::domain::intake::preview(&text, MAX_CHECKED_TEXT_BYTES).len();
        text.truncate(cut);
        limited = Some(Limited::Text {
            bytes: MAX_CHECKED_TEXT_BYTES as u64,
        });
    }
    let pages = u32::try_from(text.matches('\x0C').count() + 1).unwrap_or(u32::MAX);
    Ok(Extracted {
        text,
        pages,
        limited,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_keeps_pages_and_drops_the_bom() {
        let doc = extract_text(DocKind::Txt, b"\xEF\xBB\xBFone\x0Ctwo\x0Cthree").unwrap();
        assert_eq!(doc.pages, 3);
        assert!(doc.text.starts_with("one"));
        let lossy = extract_text(DocKind::Txt, b"caf\xE9").unwrap();
        assert_eq!(lossy.text, "caf\u{FFFD}");
    }

    #[test]
    fn txt_is_read_up_to_the_text_limit() {
        let big = "é".repeat(MAX_CHECKED_TEXT_BYTES);
        let doc = extract_text(DocKind::Txt, big.as_bytes()).unwrap();
        assert_eq!(doc.text.len(), MAX_CHECKED_TEXT_BYTES);
        assert_eq!(
            doc.limited,
            Some(Limited::Text {
                bytes: MAX_CHECKED_TEXT_BYTES as u64
            })
        );
        assert_eq!(extract_text(DocKind::Txt, b"short").unwrap().limited, None);
    }

    #[test]
    fn no_text_below_the_letter_threshold() {
        assert!(!Extracted::from_pages(vec!["1".into(), " 2 ".into()]).has_text());
        assert!(
            Extracted::from_pages(vec!["Statement of work".into(), "Contoso Ltd".into()])
                .has_text()
        );
        assert_eq!(Extracted::from_pages(Vec::new()).pages, 1);
    }

    #[test]
    fn kinds_without_text() {
        assert_eq!(
            extract_text(DocKind::Jpeg, b"\xFF\xD8\xFF"),
            Err(ExtractError::Image)
        );
        let err = extract_text(DocKind::Xlsx, b"PK").unwrap_err();
        assert_eq!(err.code(), "unsupported");
        assert_eq!(err.to_string(), "XLSX files are not read by the pre-check");
    }
}
