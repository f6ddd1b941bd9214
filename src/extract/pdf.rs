//! PDF text via `pdf-extract` (on `lopdf`): text-based PDFs, split into
//! pages. A PDF whose user password is empty (an "owner password" only, as
//! many "protected" PDFs are) is decrypted and read; one that needs a
//! password gives [`ExtractError::Encrypted`].
//!
//! The document is read in one `output_doc` pass whose output device starts
//! a new page at every `begin_page` (`output_doc_page` per page re-reads
//! the page tree each time: 20,000 pages took 117 s that way). At most
//! [`MAX_CHECKED_PAGES`] pages and [`MAX_CHECKED_TEXT_BYTES`] of text are
//! read; the result says when it stopped early ([`Limited`]).
//!
//! A page that fails (an unsupported font, say) keeps what it produced and
//! reading goes on after it: the page tree is replaced by one that lists
//! the pages still to read, and the pass starts again there. After
//! [`MAX_RESTARTS`] failing pages the rest is not read.

use std::cell::RefCell;
use std::rc::Rc;

use pdf_extract::encryption::DecryptionError;
use pdf_extract::{
    ConvertToFmt, Dictionary, Document, Error as PdfError, MediaBox, Object, ObjectId, OutputDev,
    OutputError, PlainTextOutput, Transform, output_doc,
};

use super::{ExtractError, Extracted};
use crate::domain::poe::precheck::{Limited, MAX_CHECKED_PAGES, MAX_CHECKED_TEXT_BYTES};

/// Failing pages after which the rest of a document is not read.
pub const MAX_RESTARTS: usize = 32;

/// The text of a PDF, one entry per page (see the module docs).
pub fn pdf_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    pdf_text_with(bytes, MAX_CHECKED_PAGES as usize, MAX_CHECKED_TEXT_BYTES)
}

/// [`pdf_text`] with other limits (tests).
pub fn pdf_text_with(
    bytes: &[u8],
    max_pages: usize,
    max_text: usize,
) -> Result<Extracted, ExtractError> {
    read(bytes, max_pages, max_text).map(|(out, _)| out)
}

/// The work one read did, counted: the passes over the document
/// (`output_doc` calls) and the pages begun in them. What keeps a long PDF
/// cheap is that both stay small: one pass when no page fails, and pages
/// only up to the limit (the tests hold this, instead of timing it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Work {
    passes: usize,
    pages_begun: usize,
}

fn read(
    bytes: &[u8],
    max_pages: usize,
    max_text: usize,
) -> Result<(Extracted, Work), ExtractError> {
    let mut work = Work::default();
    if !bytes.starts_with(b"%PDF-") {
        return Err(ExtractError::Corrupt("no PDF header".into()));
    }
    let mut doc = Document::load_mem(bytes).map_err(pdf_error)?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(pdf_error)?;
    }
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if pages.is_empty() {
        return Err(ExtractError::Corrupt("the PDF has no pages".into()));
    }
    let limit = pages.len().min(max_pages);
    let text = Rc::new(RefCell::new(Pages::new(max_text)));
    let mut next = 0;
    let mut restarts = 0;
    let mut first_error = None;
    let mut stopped_at = None;
    while next < limit {
        if next > 0 || limit < pages.len() {
            only_pages(&mut doc, &pages[next..limit]).map_err(pdf_error)?;
        }
        let mut dev = Splitter {
            text: Rc::clone(&text),
            inner: PlainTextOutput::new(Sink(Rc::clone(&text))),
            begun: 0,
        };
        let result = output_doc(&doc, &mut dev);
        work.passes += 1;
        work.pages_begun += dev.begun;
        if text.borrow().full {
            break;
        }
        match result {
            Ok(()) => next = limit,
            Err(e) => {
                first_error.get_or_insert_with(|| e.to_string());
                // Go on after the page that failed (it keeps its text).
                next += dev.begun.max(1);
                restarts += 1;
                if restarts > MAX_RESTARTS && next < limit {
                    stopped_at = Some(next);
                    break;
                }
            }
        }
    }
    let text = Rc::try_unwrap(text)
        .map(RefCell::into_inner)
        .unwrap_or_else(|rc| rc.borrow().clone());
    // Only a document where nothing came out is damaged.
    if let Some(e) = first_error
        && text.pages.iter().all(|t| t.trim().is_empty())
    {
        return Err(ExtractError::Corrupt(e));
    }
    let total = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let limited = if text.full {
        Some(Limited::Text {
            bytes: max_text as u64,
        })
    } else {
        let checked = stopped_at.unwrap_or(limit);
        (checked < pages.len()).then(|| Limited::Pages {
            checked: u32::try_from(checked).unwrap_or(u32::MAX),
            total,
        })
    };
    let mut out = Extracted::from_pages(text.pages);
    out.limited = limited;
    Ok((out, work))
}

/// Makes the document's page tree list only `pages` (their own `Parent`
/// links stay, so inherited resources and boxes are still found).
fn only_pages(doc: &mut Document, pages: &[ObjectId]) -> Result<(), PdfError> {
    let mut node = Dictionary::new();
    node.set("Type", Object::Name(b"Pages".to_vec()));
    node.set(
        "Kids",
        Object::Array(pages.iter().map(|&id| Object::Reference(id)).collect()),
    );
    node.set("Count", Object::Integer(pages.len() as i64));
    let id = doc.add_object(node);
    doc.catalog_mut()?.set("Pages", Object::Reference(id));
    Ok(())
}

/// The text read so far, a string per page, and whether the text limit
/// was reached.
#[derive(Clone)]
struct Pages {
    pages: Vec<String>,
    bytes: usize,
    max: usize,
    full: bool,
}

impl Pages {
    fn new(max: usize) -> Pages {
        Pages {
            pages: Vec::new(),
            bytes: 0,
            max,
            full: false,
        }
    }
}

/// Where `PlainTextOutput` writes: the current page, until the limit.
struct Sink(Rc<RefCell<Pages>>);

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let mut p = self.0.borrow_mut();
        let room = p.max.saturating_sub(p.bytes);
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        p.bytes += take;
        if p.pages.is_empty() {
            p.pages.push(String::new());
        }
        if let Some(page) = p.pages.last_mut() {
            page.push_str(&s[..take]);
        }
        if take < s.len() {
            p.full = true;
            // Stops output_doc: nothing more is wanted.
            return Err(std::fmt::Error);
        }
        Ok(())
    }
}

impl ConvertToFmt for Sink {
    type Writer = Sink;
    fn convert(self) -> Sink {
        self
    }
}

/// The output device: plain text, a new page (and a fresh text layout) at
/// every `begin_page`.
struct Splitter {
    text: Rc<RefCell<Pages>>,
    inner: PlainTextOutput<Sink>,
    /// Pages begun in this pass.
    begun: usize,
}

impl OutputDev for Splitter {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.begun += 1;
        self.text.borrow_mut().pages.push(String::new());
        self.inner = PlainTextOutput::new(Sink(Rc::clone(&self.text)));
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.inner
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}

fn pdf_error(e: PdfError) -> ExtractError {
    match e {
        PdfError::Decryption(DecryptionError::IncorrectPassword) => ExtractError::Encrypted,
        PdfError::Decryption(d) => ExtractError::Corrupt(format!("cannot decrypt: {d}")),
        other => ExtractError::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `n` pages, page `i` saying `Page i` (or nothing), built by
    /// hand: one font, one content stream per page, a flat page tree.
    pub(crate) fn pdf(n: usize, text: bool) -> Vec<u8> {
        let mut objects: Vec<String> = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            String::new(), // the page tree, below
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .into(),
        ];
        let mut kids = Vec::with_capacity(n);
        for i in 1..=n {
            let content = if text {
                format!("BT /F1 12 Tf 72 720 Td (Page {i}) Tj ET")
            } else {
                String::new()
            };
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ));
            let content_id = objects.len();
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /Contents {content_id} 0 R >>"
            ));
            kids.push(format!("{} 0 R", objects.len()));
        }
        objects[1] = format!(
            "<< /Type /Pages /Kids [{}] /Count {n} /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> >>",
            kids.join(" ")
        );
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn pages_are_split_in_one_pass() {
        let doc = pdf_text(&pdf(3, true)).unwrap();
        assert_eq!(doc.pages, 3);
        let pages: Vec<&str> = doc.text.split('\x0C').map(str::trim).collect();
        assert_eq!(pages, ["Page 1", "Page 2", "Page 3"]);
        assert_eq!(doc.limited, None);
    }

    #[test]
    fn only_the_first_pages_and_text_are_read() {
        let doc = pdf_text_with(&pdf(10, true), 4, 1_000).unwrap();
        assert_eq!(doc.pages, 4);
        assert_eq!(
            doc.limited,
            Some(Limited::Pages {
                checked: 4,
                total: 10
            })
        );
        assert!(doc.text.trim_end().ends_with("Page 4"));
        let doc = pdf_text_with(&pdf(10, true), 100, 15).unwrap();
        assert_eq!(doc.limited, Some(Limited::Text { bytes: 15 }));
        assert!(doc.text.len() <= 15 + doc.pages as usize);
    }

    /// The figures of docs/performance.md ("PoE worker"): run with
    /// `cargo test --release --no-default-features --features extract
    /// --lib measure_pdf_pages -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn measure_pdf_pages() {
        use pdf_extract::output_doc_page;
        for n in [5_000, 10_000, 20_000, 100_000] {
            let bytes = pdf(n, false);
            let start = std::time::Instant::now();
            let doc = pdf_text(&bytes).unwrap();
            let now = start.elapsed();
            let start = std::time::Instant::now();
            let mut all = Document::load_mem(&bytes).unwrap();
            let pages: Vec<ObjectId> = all.page_iter().collect();
            only_pages(&mut all, &pages).unwrap();
            let mut out = String::new();
            output_doc(&all, &mut PlainTextOutput::new(&mut out)).unwrap();
            let one_pass_all = start.elapsed();
            let before = if n <= 10_000 {
                let start = std::time::Instant::now();
                let d = Document::load_mem(&bytes).unwrap();
                for page in d.get_pages().keys() {
                    let mut t = String::new();
                    let _ = output_doc_page(&d, &mut PlainTextOutput::new(&mut t), *page);
                }
                format!("{:.2?}", start.elapsed())
            } else {
                "not run".into()
            };
            println!(
                "{n} pages, {} bytes: pdf_text {now:.2?} ({} pages read), one pass over all {one_pass_all:.2?}, page by page (before) {before}",
                bytes.len(),
                doc.pages
            );
        }
    }

    #[test]
    fn many_empty_pages_are_read_in_one_pass_over_the_first_pages_only() {
        // Only the first MAX_CHECKED_PAGES pages are read, in one pass: a
        // 20,000-page file costs a small multiple of a file of that many
        // pages (its page tree and cross-reference table are ten times
        // larger), where one output_doc_page per page took 117 s for the
        // 20,000 pages. Counted, not timed: a ratio of two timings failed
        // on a loaded CI machine (31 s against 0.9 s, while other builds
        // started between the two).
        let max = MAX_CHECKED_PAGES as usize;
        let (doc, work) = read(&pdf(20_000, false), max, MAX_CHECKED_TEXT_BYTES).unwrap();
        assert_eq!(doc.pages, MAX_CHECKED_PAGES);
        assert_eq!(
            doc.limited,
            Some(Limited::Pages {
                checked: MAX_CHECKED_PAGES,
                total: 20_000
            })
        );
        assert_eq!(
            work,
            Work {
                passes: 1,
                pages_begun: max
            }
        );
        // The same count for a document within the limit.
        let (doc, work) = read(&pdf(3, true), max, MAX_CHECKED_TEXT_BYTES).unwrap();
        assert_eq!((doc.pages, doc.limited), (3, None));
        assert_eq!(
            work,
            Work {
                passes: 1,
                pages_begun: 3
            }
        );
    }
}
