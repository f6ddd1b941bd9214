//! PDF text via `pdf-extract` (on `lopdf`): text-based PDFs, page by page.
//! A PDF whose user password is empty (an "owner password" only, as many
//! "protected" PDFs are) is decrypted and read; one that needs a password
//! gives [`ExtractError::Encrypted`].

use pdf_extract::encryption::DecryptionError;
use pdf_extract::{Document, Error as PdfError, PlainTextOutput, output_doc_page};

use super::{ExtractError, Extracted};

/// The text of a PDF, one entry per page (see the module docs).
pub fn pdf_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ExtractError::Corrupt("no PDF header".into()));
    }
    let mut doc = Document::load_mem(bytes).map_err(pdf_error)?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(pdf_error)?;
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return Err(ExtractError::Corrupt("the PDF has no pages".into()));
    }
    let mut texts = Vec::with_capacity(pages.len());
    let mut first_error = None;
    for page in pages {
        let mut text = String::new();
        let result = output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), page);
        if let Err(e) = result {
            first_error.get_or_insert_with(|| e.to_string());
        }
        texts.push(text);
    }
    // A page that fails (an unsupported font, say) keeps what it produced;
    // only a document where every page failed and nothing came out is damaged.
    if let Some(e) = first_error
        && texts.iter().all(|t| t.trim().is_empty())
    {
        return Err(ExtractError::Corrupt(e));
    }
    Ok(Extracted::from_pages(texts))
}

fn pdf_error(e: PdfError) -> ExtractError {
    match e {
        PdfError::Decryption(DecryptionError::IncorrectPassword) => ExtractError::Encrypted,
        PdfError::Decryption(d) => ExtractError::Corrupt(format!("cannot decrypt: {d}")),
        other => ExtractError::Corrupt(other.to_string()),
    }
}
