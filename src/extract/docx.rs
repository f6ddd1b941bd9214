//! DOCX text via `zip` and `quick-xml`: the body (`word/document.xml`), then
//! footnotes, endnotes, headers and footers. Paragraphs end lines, table
//! cells are separated by tabs and rows end lines (so a signature table row
//! "Accepted by | Anna Svensson | 15 September 2026" stays one line), and
//! page breaks (explicit ones, and the ones Word records when it saves)
//! become form feeds. Deleted text of tracked changes, field codes and the
//! fallback copies of text boxes are left out.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{ExtractError, Extracted};
use crate::domain::poe::precheck::{Limited, MAX_CHECKED_TEXT_BYTES};

/// The most XML read of one DOCX (uncompressed), all its parts together:
/// a 20 MB DOCX of text is far below it; a "ZIP bomb", or a small file
/// whose many parts expand to a gigabyte, is read only up to here.
const MAX_XML_BYTES: u64 = 64 << 20;

/// The text of a DOCX (see the module docs), at most
/// [`MAX_CHECKED_TEXT_BYTES`] of it.
pub fn docx_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = MAX_XML_BYTES;
    let mut out = Text::new(MAX_CHECKED_TEXT_BYTES);
    let (body, cut) = read_part(&mut zip, "word/document.xml", &mut budget)?
        .ok_or_else(|| ExtractError::Corrupt("no word/document.xml".into()))?;
    let mut limited = cut;
    parse(&body, cut, &mut out)?;
    let mut extra: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| {
            n.strip_prefix("word/").is_some_and(|n| {
                !n.contains('/')
                    && n.ends_with(".xml")
                    && ["footnotes", "endnotes", "header", "footer"]
                        .iter()
                        .any(|p| n.starts_with(p))
            })
        })
        .map(|n| n.into_owned())
        .collect();
    extra.sort();
    for name in extra {
        if out.full || budget == 0 {
            limited = true;
            break;
        }
        if let Some((xml, cut)) = read_part(&mut zip, &name, &mut budget)? {
            limited |= cut;
            out.newline();
            parse(&xml, cut, &mut out)?;
        }
    }
    let full = out.full;
    let pages = out.text.split('\x0C').map(str::to_owned).collect();
    let mut doc = Extracted::from_pages(pages);
    if full || limited {
        doc.limited = Some(Limited::Text {
            bytes: MAX_CHECKED_TEXT_BYTES as u64,
        });
    }
    Ok(doc)
}

/// The text of one part; an XML error at the end of a part that was cut
/// (or after the text limit) only ends it.
fn parse(xml: &str, cut: bool, out: &mut Text) -> Result<(), ExtractError> {
    match xml_text(xml, out) {
        Err(_) if cut || out.full => Ok(()),
        other => other,
    }
}

fn zip_error(e: ZipError) -> ExtractError {
    ExtractError::Corrupt(format!("not a readable DOCX package ({e})"))
}

/// A part's XML, and whether it was cut at the budget of XML bytes left.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<(String, bool)>, ExtractError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    let cut = file.size() > *budget;
    let mut xml = Vec::new();
    file.take(*budget)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::Corrupt(format!("{name}: {e}")))?;
    *budget = budget.saturating_sub(xml.len() as u64);
    let cut = cut || *budget == 0;
    let xml = if cut {
        String::from_utf8_lossy(&xml).into_owned()
    } else {
        String::from_utf8(xml).map_err(|e| ExtractError::Corrupt(format!("{name}: {e}")))?
    };
    Ok(Some((xml, cut)))
}

/// The text being built, with the table and page-break bookkeeping, up to
/// `max` bytes.
struct Text {
    text: String,
    max: usize,
    /// The limit was reached: the rest is not read.
    full: bool,
}

impl Text {
    fn new(max: usize) -> Text {
        Text {
            text: String::new(),
            max,
            full: false,
        }
    }

    fn push(&mut self, s: &str) {
        if self.full {
            return;
        }
        let room = self.max.saturating_sub(self.text.len());
        if s.len() > room {
            let mut take = room;
            while !s.is_char_boundary(take) {
                take -= 1;
            }
            self.text.push_str(&s[..take]);
            self.full = true;
        } else {
            self.text.push_str(s);
        }
    }

    fn newline(&mut self) {
        if self.full {
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with(['\n', '\x0C']) {
            self.text.push('\n');
        }
    }

    /// A page break, unless the current page is still empty (Word records a
    /// rendered break right after an explicit one).
    fn page_break(&mut self) {
        if self.full {
            return;
        }
        let page = self.text.rsplit('\x0C').next().unwrap_or("");
        if !page.trim().is_empty() {
            self.text.push('\x0C');
        }
    }

    /// The end of a table cell: its last paragraph's line break becomes a tab.
    fn end_cell(&mut self) {
        if self.full {
            return;
        }
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text.push('\t');
    }

    fn end_row(&mut self) {
        if self.full {
            return;
        }
        while self.text.ends_with('\t') {
            self.text.pop();
        }
        self.text.push('\n');
    }
}

fn xml_text(xml: &str, out: &mut Text) -> Result<(), ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut in_text = false;
    // Depth inside a subtree that is skipped (mc:Fallback).
    let mut skip = 0usize;
    loop {
        if out.full {
            break;
        }
        let event = reader
            .read_event()
            .map_err(|e| ExtractError::Corrupt(format!("invalid XML: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                if skip > 0 || name.as_ref() == "Fallback" {
                    skip += 1;
                } else if name.as_ref() == "t" {
                    in_text = true;
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "p" => out.push("\n"),
                    "tc" => out.end_cell(),
                    "tr" => out.end_row(),
                    _ => {}
                }
            }
            Event::Empty(e) if skip == 0 => empty_element(&e, out),
            Event::Text(t) if in_text && skip == 0 => out.push(&t.xml10_content()),
            Event::CData(t) if in_text && skip == 0 => {
                out.push(&t);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = resolved {
                    out.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn empty_element(e: &BytesStart<'_>, out: &mut Text) {
    match e.local_name().as_ref() {
        "tab" => out.push("\t"),
        "cr" => out.push("\n"),
        "br" => {
            let page = e
                .attributes()
                .flatten()
                .any(|a| a.key.local_name().as_ref() == "type" && a.value.as_ref() == "page");
            if page {
                out.page_break();
            } else {
                out.push("\n");
            }
        }
        "lastRenderedPageBreak" => out.page_break(),
        "noBreakHyphen" => out.push("-"),
        "p" => out.push("\n"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_tables_breaks_and_entities() {
        let bytes = docx(concat!(
            r#"<w:p><w:r><w:t>Fabrikam &amp; Contoso</w:t><w:tab/><w:t xml:space="preserve"> AB&#x2019;s</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:delText>deleted</w:delText><w:instrText>PAGE</w:instrText><w:t>go</w:t><w:noBreakHyphen/><w:t>live</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Accepted by</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Anna</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t>Page two</w:t></w:r></w:p>"#,
            r#"<mc:AlternateContent><mc:Choice><w:p><w:r><w:t>box</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#,
        ));
        let doc = docx_text(&bytes).unwrap();
        assert_eq!(
            doc.text,
            "Fabrikam & Contoso\t AB\u{2019}s\ngo-live\nAccepted by\tAnna\n\x0CPage two\nbox\n"
        );
        assert_eq!(doc.pages, 2);
    }

    /// a 1 MB DOCX expanded to 1 GB of text (many parts, each
    /// within the old per-part limit); now the total is capped.
    #[test]
    fn the_text_of_all_parts_together_is_capped() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        let run = format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "signed ".repeat(150_000)
        );
        for part in [
            "word/document.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/footer1.xml",
            "word/footnotes.xml",
        ] {
            zip.start_file(part, options).unwrap();
            write!(zip, r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{run}</w:body></w:document>"#).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
        let doc = docx_text(&bytes).unwrap();
        assert!(doc.text.len() <= MAX_CHECKED_TEXT_BYTES);
        assert!(doc.text.len() > MAX_CHECKED_TEXT_BYTES - 10);
        assert_eq!(
            doc.limited,
            Some(Limited::Text {
                bytes: MAX_CHECKED_TEXT_BYTES as u64
            })
        );
        // A small document is read whole.
        let small = docx("<w:p><w:r><w:t>text</w:t></w:r></w:p>");
        assert_eq!(docx_text(&small).unwrap().limited, None);
    }

    #[test]
    fn damaged_packages_are_corrupt_not_panics() {
        assert!(matches!(
            docx_text(b"PK\x03\x04 truncated"),
            Err(ExtractError::Corrupt(_))
        ));
        let full = docx("<w:p><w:r><w:t>text</w:t></w:r></w:p>");
        for cut in [10, full.len() / 2, full.len() - 10] {
            assert!(docx_text(&full[..cut]).is_err(), "cut at {cut}");
        }
        let bad_xml = docx("<w:p><w:r><w:t>unclosed</w:r></w:p>");
        assert!(matches!(docx_text(&bad_xml), Err(ExtractError::Corrupt(_))));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("word/other.xml", SimpleFileOptions::default())
            .unwrap();
        let no_body = zip.finish().unwrap().into_inner();
        assert_eq!(
            docx_text(&no_body),
            Err(ExtractError::Corrupt("no word/document.xml".into()))
        );
    }
}
