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

/// The largest XML part read (uncompressed): a 20 MB DOCX of text is far
/// below it; a "ZIP bomb" is refused instead of filling memory.
const MAX_PART_BYTES: u64 = 256 << 20;

/// The text of a DOCX (see the module docs).
pub fn docx_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let body = read_part(&mut zip, "word/document.xml")?
        .ok_or_else(|| ExtractError::Corrupt("no word/document.xml".into()))?;
    let mut out = Text::default();
    xml_text(&body, &mut out)?;
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
        if let Some(xml) = read_part(&mut zip, &name)? {
            out.newline();
            xml_text(&xml, &mut out)?;
        }
    }
    let pages = out.text.split('\x0C').map(str::to_owned).collect();
    Ok(Extracted::from_pages(pages))
}

fn zip_error(e: ZipError) -> ExtractError {
    ExtractError::Corrupt(format!("not a readable DOCX package ({e})"))
}

fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ExtractError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(ExtractError::Corrupt(format!("{name} is too large")));
    }
    let mut xml = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| ExtractError::Corrupt(format!("{name}: {e}")))?;
    Ok(Some(xml))
}

/// The text being built, with the table and page-break bookkeeping.
#[derive(Default)]
struct Text {
    text: String,
}

impl Text {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn newline(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(['\n', '\x0C']) {
            self.text.push('\n');
        }
    }

    /// A page break, unless the current page is still empty (Word records a
    /// rendered break right after an explicit one).
    fn page_break(&mut self) {
        let page = self.text.rsplit('\x0C').next().unwrap_or("");
        if !page.trim().is_empty() {
            self.text.push('\x0C');
        }
    }

    /// The end of a table cell: its last paragraph's line break becomes a tab.
    fn end_cell(&mut self) {
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text.push('\t');
    }

    fn end_row(&mut self) {
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
                    out.text.push(c);
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
