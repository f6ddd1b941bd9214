//! Proof-of-execution files (docs/rules.md#findings, #poe): size limits and the file type,
//! judged by the content signature, never by the file name alone.
//!
//! Accepted: PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML and MSG.
//!
//! | Kind | Signature |
//! |---|---|
//! | PDF | starts with `%PDF-` |
//! | DOCX / XLSX / PPTX | ZIP (`PK\x03\x04`) with `[Content_Types].xml` and parts under `word/`, `xl/` or `ppt/` (read from the ZIP directory); macro-enabled files (`vbaProject.bin`) are refused |
//! | DOC / MSG | OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`) with a `WordDocument` stream, or Outlook `__substg1.0_` streams (names in UTF-16LE) |
//! | PNG | `89 50 4E 47 0D 0A 1A 0A` |
//! | JPEG | `FF D8 FF` |
//! | EML | RFC 5322 header lines first (`From:`, `Received:`, `Return-Path:`, `MIME-Version:`, `Subject:`, `Date:`, ...), no NUL bytes |
//! | TXT | valid UTF-8 (BOM optional) without NUL or control characters other than tab, CR, LF and form feed |
//!
//! Everything else (an `.exe` renamed to `.pdf`, a ZIP that is no Office
//! document, an Excel 97 or PowerPoint 97 file, GIF, ...) gives
//! `poe.file_type`; 0 bytes give `poe.file_empty` and more than
//! [`MAX_DOCUMENT_BYTES`] `poe.file_too_large`. The file name only breaks
//! ties between kinds the content allows (an OOXML package with parts of
//! several applications, an OLE2 file that is both, a text that is also a
//! valid email message).
//!
//! ```
//! use cpor_desk::domain::document::{DocKind, check_document, check_document_size};
//! use cpor_desk::domain::finding::Code;
//!
//! assert_eq!(check_document("documents", "sow.pdf", b"%PDF-1.7\n...").unwrap(), DocKind::Pdf);
//! let err = check_document("documents", "sow.pdf", b"MZ\x90\x00\x03").unwrap_err();
//! assert_eq!(err[0].code, Code::PoeFileType);
//! assert_eq!(check_document("documents", "notes.txt", b"Signed 2026-10-01\n").unwrap().id(), "txt");
//! assert_eq!(check_document_size("documents", "huge.pdf", 30 << 20)[0].code, Code::PoeFileTooLarge);
//! ```

use serde::{Deserialize, Serialize};

use super::finding::{Code, Finding};

/// The largest accepted file: 20 MB.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// An accepted document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Pdf,
    Docx,
    Doc,
    Xlsx,
    Pptx,
    Png,
    Jpeg,
    Txt,
    Eml,
    Msg,
}

impl DocKind {
    pub const ALL: &'static [DocKind] = &[
        DocKind::Pdf,
        DocKind::Docx,
        DocKind::Doc,
        DocKind::Xlsx,
        DocKind::Pptx,
        DocKind::Png,
        DocKind::Jpeg,
        DocKind::Txt,
        DocKind::Eml,
        DocKind::Msg,
    ];

    /// The stable id stored in `DocumentRef::kind`: `pdf`, `docx`, ...
    pub fn id(self) -> &'static str {
        match self {
            DocKind::Pdf => "pdf",
            DocKind::Docx => "docx",
            DocKind::Doc => "doc",
            DocKind::Xlsx => "xlsx",
            DocKind::Pptx => "pptx",
            DocKind::Png => "png",
            DocKind::Jpeg => "jpeg",
            DocKind::Txt => "txt",
            DocKind::Eml => "eml",
            DocKind::Msg => "msg",
        }
    }

    /// Looks a kind up by its id.
    pub fn from_id(id: &str) -> Option<DocKind> {
        DocKind::ALL.iter().copied().find(|k| k.id() == id)
    }

    /// The IANA media type, for downloads.
    pub fn media_type(self) -> &'static str {
        match self {
            DocKind::Pdf => "application/pdf",
            DocKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocKind::Doc => "application/msword",
            DocKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            DocKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocKind::Png => "image/png",
            DocKind::Jpeg => "image/jpeg",
            DocKind::Txt => "text/plain",
            DocKind::Eml => "message/rfc822",
            DocKind::Msg => "application/vnd.ms-outlook",
        }
    }

    /// The usual file name extensions (lowercase, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            DocKind::Pdf => &["pdf"],
            DocKind::Docx => &["docx"],
            DocKind::Doc => &["doc"],
            DocKind::Xlsx => &["xlsx"],
            DocKind::Pptx => &["pptx"],
            DocKind::Png => &["png"],
            DocKind::Jpeg => &["jpg", "jpeg", "jpe"],
            DocKind::Txt => &["txt", "text", "log", "md", "csv"],
            DocKind::Eml => &["eml"],
            DocKind::Msg => &["msg"],
        }
    }

    /// True when `name` ends with one of this kind's extensions.
    fn matches_name(self, name: &str) -> bool {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.trim().to_ascii_lowercase())
            .unwrap_or_default();
        self.extensions().contains(&ext.as_str())
    }
}

/// The `accept` attribute for a file input: `.pdf,.docx,...`.
pub fn accept_attribute() -> String {
    DocKind::ALL
        .iter()
        .flat_map(|k| k.extensions().iter())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Checks a file's size before it is read (0 bytes, over 20 MB).
pub fn check_document_size(field: &str, name: &str, size: u64) -> Vec<Finding> {
    let _ = name;
    if size == 0 {
        vec![Finding::new(field, Code::PoeFileEmpty)]
    } else if size > MAX_DOCUMENT_BYTES {
        vec![Finding::new(field, Code::PoeFileTooLarge)]
    } else {
        Vec::new()
    }
}

/// [`check_document_size`] with a lower limit set by the team-sync server
/// (`max_bytes`, e.g. Cloudant's 10 MB per attachment): a file over it but
/// within the app's own limit is `poe.file_over_server_limit`.
///
/// ```
/// use cpor_desk::domain::document::check_document_size_within;
/// let f = check_document_size_within("documents", "big.pdf", 12 << 20, 10 << 20);
/// assert_eq!(f[0].code.as_str(), "poe.file_over_server_limit");
/// assert!(check_document_size_within("documents", "ok.pdf", 9 << 20, 10 << 20).is_empty());
/// ```
pub fn check_document_size_within(
    field: &str,
    name: &str,
    size: u64,
    max_bytes: u64,
) -> Vec<Finding> {
    let own = check_document_size(field, name, size);
    if own.is_empty() && size > max_bytes {
        vec![Finding::new(field, Code::PoeFileOverServerLimit)]
    } else {
        own
    }
}

/// Checks a PoE file: its kind by content, or the findings that refuse it.
/// Never panics.
pub fn check_document(field: &str, name: &str, bytes: &[u8]) -> Result<DocKind, Vec<Finding>> {
    let size = check_document_size(field, name, bytes.len() as u64);
    if !size.is_empty() {
        return Err(size);
    }
    sniff(name, bytes).ok_or_else(|| vec![Finding::new(field, Code::PoeFileType)])
}

const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const ZIP_LOCAL: &[u8] = b"PK\x03\x04";

/// Picks between candidate kinds: by the file name when it names one of
/// them, else the first.
fn tie_break(name: &str, candidates: &[DocKind]) -> Option<DocKind> {
    candidates
        .iter()
        .copied()
        .find(|k| k.matches_name(name))
        .or(candidates.first().copied())
}

fn sniff(name: &str, bytes: &[u8]) -> Option<DocKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(DocKind::Pdf)
    } else if bytes.starts_with(PNG) {
        Some(DocKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(DocKind::Jpeg)
    } else if bytes.starts_with(ZIP_LOCAL) {
        sniff_ooxml(name, bytes)
    } else if bytes.starts_with(OLE2) {
        sniff_ole2(name, bytes)
    } else {
        sniff_text(name, bytes)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// DOC or MSG by their stream names (UTF-16LE in the OLE2 directory).
fn sniff_ole2(name: &str, bytes: &[u8]) -> Option<DocKind> {
    let msg = find(bytes, &utf16le("__substg1.0_"));
    let doc = find(bytes, &utf16le("WordDocument"));
    match (msg, doc) {
        // A message with an attached Word file, or a Word file with an embedded message.
        (true, true) => tie_break(name, &[DocKind::Msg, DocKind::Doc]),
        (true, false) => Some(DocKind::Msg),
        (false, true) => Some(DocKind::Doc),
        (false, false) => None,
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(4)?)?;
    usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok()
}

/// The entry names of a ZIP file: from its central directory when it can be
/// read, else from every local file header found in the bytes.
fn zip_names(bytes: &[u8]) -> Vec<&[u8]> {
    central_directory_names(bytes).unwrap_or_else(|| local_header_names(bytes))
}

fn central_directory_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    // End of central directory: 22 bytes plus a comment of up to 65535.
    let min_start = bytes.len().saturating_sub(22 + 65_535);
    let eocd = (min_start..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(bytes, eocd + 10)?;
    let mut at = u32_at(bytes, eocd + 16)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if !bytes.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(bytes, at + 28)?;
        let extra_len = u16_at(bytes, at + 30)?;
        let comment_len = u16_at(bytes, at + 32)?;
        names.push(bytes.get(at + 46..at + 46 + name_len)?);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

fn local_header_names(bytes: &[u8]) -> Vec<&[u8]> {
    let mut names = Vec::new();
    let mut i = 0;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|rest| rest.windows(4).position(|w| w == ZIP_LOCAL))
    {
        let at = i + off;
        if let Some(name) = u16_at(bytes, at + 26).and_then(|len| bytes.get(at + 30..at + 30 + len))
        {
            names.push(name);
        }
        i = at + 4;
    }
    names
}

/// DOCX, XLSX or PPTX by their part names.
fn sniff_ooxml(name: &str, bytes: &[u8]) -> Option<DocKind> {
    let names = zip_names(bytes);
    if !names.iter().any(|n| *n == b"[Content_Types].xml") {
        return None;
    }
    let mut kinds = Vec::new();
    for (prefix, kind) in [
        (&b"word/"[..], DocKind::Docx),
        (&b"xl/"[..], DocKind::Xlsx),
        (&b"ppt/"[..], DocKind::Pptx),
    ] {
        let parts: Vec<&&[u8]> = names.iter().filter(|n| n.starts_with(prefix)).collect();
        if parts.is_empty() {
            continue;
        }
        // Macro-enabled documents (.docm, .xlsm, .pptm) are not accepted.
        if parts.iter().any(|n| n.ends_with(b"vbaProject.bin")) {
            return None;
        }
        kinds.push(kind);
    }
    tie_break(name, &kinds)
}

/// RFC 5322 header names that start a saved email message.
const MAIL_HEADERS: &[&str] = &[
    "from",
    "received",
    "return-path",
    "mime-version",
    "subject",
    "date",
    "to",
    "cc",
    "message-id",
    "delivered-to",
    "reply-to",
    "sender",
    "content-type",
    "dkim-signature",
    "authentication-results",
    "x-mailer",
    "x-received",
    "x-originating-ip",
    "thread-topic",
    "thread-index",
];

/// A header field name: printable ASCII except `:` (RFC 5322 §3.6.8).
fn header_name(line: &[u8]) -> Option<&[u8]> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    (!name.is_empty() && name.iter().all(|&b| (33..=126).contains(&b))).then_some(name)
}

/// True when the bytes start with email header lines: the first line is a
/// known header, at least two header fields, and (if there is a body) the
/// header block ends with an empty line.
fn looks_like_email(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut fields = 0;
    let mut known = 0;
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.is_empty() {
            break;
        }
        if i > 0 && matches!(line[0], b' ' | b'\t') {
            continue; // folded continuation
        }
        let Some(name) = header_name(line) else {
            return false;
        };
        let lower = name.to_ascii_lowercase();
        let is_known = MAIL_HEADERS
            .iter()
            .any(|h| h.as_bytes() == lower.as_slice());
        if i == 0 && !is_known {
            return false;
        }
        fields += 1;
        known += usize::from(is_known);
        if fields >= 200 {
            break;
        }
    }
    fields >= 2 && known >= 2
}

fn is_plain_text(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n' | '\u{0C}')),
        Err(_) => false,
    }
}

/// TXT or EML. An email may carry 8-bit body text in another charset, so
/// it only needs no NUL bytes; a text that is also a valid email is EML
/// unless it is named `.txt`.
fn sniff_text(name: &str, bytes: &[u8]) -> Option<DocKind> {
    let email = !bytes.contains(&0) && looks_like_email(bytes);
    let text = is_plain_text(bytes);
    match (email, text) {
        (true, true) => tie_break(name, &[DocKind::Eml, DocKind::Txt]),
        (true, false) => Some(DocKind::Eml),
        (false, true) => Some(DocKind::Txt),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal ZIP (stored entries) with the given entry names.
    pub(crate) fn zip(names: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for name in names {
            let offset = out.len() as u32;
            let data = b"<x/>";
            out.extend_from_slice(ZIP_LOCAL);
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked)
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&0u32.to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    /// An OLE2 header followed by the given UTF-16LE directory names.
    fn ole2(streams: &[&str]) -> Vec<u8> {
        let mut out = OLE2.to_vec();
        out.resize(512, 0);
        for s in streams {
            let mut entry = utf16le(s);
            entry.resize(128, 0);
            out.extend_from_slice(&entry);
        }
        out
    }

    fn kind(name: &str, bytes: &[u8]) -> Result<DocKind, Code> {
        check_document("documents", name, bytes).map_err(|f| {
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].field, "documents");
            f[0].code
        })
    }

    const DOCX: &[&str] = &["[Content_Types].xml", "_rels/.rels", "word/document.xml"];
    const XLSX: &[&str] = &["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"];
    const PPTX: &[&str] = &["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"];

    #[test]
    fn accepted_kinds() {
        let cases: Vec<(&str, Vec<u8>, DocKind)> = vec![
            ("sow.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(), DocKind::Pdf),
            ("scan", b"%PDF-2.0".to_vec(), DocKind::Pdf),
            ("sow.docx", zip(DOCX), DocKind::Docx),
            ("sow.bin", zip(DOCX), DocKind::Docx),
            ("plan.xlsx", zip(XLSX), DocKind::Xlsx),
            ("deck.pptx", zip(PPTX), DocKind::Pptx),
            // The content wins over a wrong name.
            ("deck.docx", zip(PPTX), DocKind::Pptx),
            ("old.doc", ole2(&["Root Entry", "WordDocument", "1Table"]), DocKind::Doc),
            (
                "mail.msg",
                ole2(&["Root Entry", "__substg1.0_0037001F", "__properties_version1.0"]),
                DocKind::Msg,
            ),
            ("shot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), DocKind::Png),
            ("photo.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(), DocKind::Jpeg),
            ("photo", b"\xFF\xD8\xFF\xE1".to_vec(), DocKind::Jpeg),
            ("notes.txt", b"Signed by Carl, 2026-10-01.\r\n\tOK\x0C".to_vec(), DocKind::Txt),
            ("bom.txt", b"\xEF\xBB\xBFR\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s".to_vec(), DocKind::Txt),
            ("x", b"x".to_vec(), DocKind::Txt),
            (
                "mail.eml",
                b"Return-Path: <a@b.se>\r\nReceived: from x\r\n\tby y\r\nSubject: PoE\r\n\r\nBody".to_vec(),
                DocKind::Eml,
            ),
            (
                "mail",
                b"From: Anna <anna@contoso.com>\nTo: ada@adatum.com\nDate: Mon, 2 Nov 2026 09:00:00 +0100\n\nHej".to_vec(),
                DocKind::Eml,
            ),
            // 8-bit Latin-1 body: still an email.
            (
                "latin1.eml",
                b"MIME-Version: 1.0\nSubject: R\xE4ksm\xF6rg\xE5s\n\nK\xF6p".to_vec(),
                DocKind::Eml,
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(kind(name, &bytes), Ok(want), "{name}");
        }
    }

    #[test]
    fn refused_kinds() {
        let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF".to_vec();
        exe.extend_from_slice(b"This program cannot be run in DOS mode.");
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("sow.pdf", exe),
            ("sow.pdf", b"\x7FELF\x02\x01\x01".to_vec()),
            ("archive.docx", zip(&["readme.txt", "password/list.txt"])),
            ("no-types.docx", zip(&["word/document.xml"])),
            (
                "macro.docx",
                zip(&[
                    "[Content_Types].xml",
                    "word/document.xml",
                    "word/vbaProject.bin",
                ]),
            ),
            ("truncated.docx", b"PK\x03\x04\x14\x00".to_vec()),
            (
                "book.xls",
                ole2(&["Root Entry", "Workbook", "\u{5}SummaryInformation"]),
            ),
            ("deck.ppt", ole2(&["Root Entry", "PowerPoint Document"])),
            ("anim.gif", b"GIF89a\x01\x00\x01\x00".to_vec()),
            ("pic.png", b"\x89PNX".to_vec()),
            ("nul.txt", b"abc\0def".to_vec()),
            ("esc.txt", b"abc\x1B[0m".to_vec()),
            ("latin1.txt", b"R\xE4ksm\xF6rg\xE5s".to_vec()),
            ("c1.txt", "a\u{0085}b".as_bytes().to_vec()),
            ("utf16.txt", b"\xFF\xFEh\0i\0".to_vec()),
        ];
        for (name, bytes) in cases {
            assert_eq!(kind(name, &bytes), Err(Code::PoeFileType), "{name}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(kind("empty.pdf", b""), Err(Code::PoeFileEmpty));
        let big = vec![b'a'; MAX_DOCUMENT_BYTES as usize + 1];
        assert_eq!(kind("big.txt", &big), Err(Code::PoeFileTooLarge));
        let max = vec![b'a'; MAX_DOCUMENT_BYTES as usize];
        assert_eq!(kind("max.txt", &max), Ok(DocKind::Txt));
        let cases = [
            (0, Some(Code::PoeFileEmpty)),
            (1, None),
            (MAX_DOCUMENT_BYTES, None),
            (MAX_DOCUMENT_BYTES + 1, Some(Code::PoeFileTooLarge)),
            (u64::MAX, Some(Code::PoeFileTooLarge)),
        ];
        for (size, want) in cases {
            let f = check_document_size("documents", "x.pdf", size);
            assert_eq!(f.first().map(|f| f.code), want, "{size}");
        }
    }

    #[test]
    fn name_breaks_ties_only() {
        // Both an email and plain text.
        let mail = b"Subject: notes\nDate: today\n\nhello";
        assert_eq!(kind("a.eml", mail), Ok(DocKind::Eml));
        assert_eq!(kind("a.txt", mail), Ok(DocKind::Txt));
        assert_eq!(kind("a", mail), Ok(DocKind::Eml));
        // A text with one header-like line is just text, even named .eml.
        assert_eq!(kind("a.eml", b"Subject: notes\nhello"), Ok(DocKind::Txt));
        assert_eq!(kind("a.eml", b"Note: x\nSubject: y\n"), Ok(DocKind::Txt));
        // OLE2 with both stream families.
        let both = ole2(&["WordDocument", "__substg1.0_0037001F"]);
        assert_eq!(kind("a.doc", &both), Ok(DocKind::Doc));
        assert_eq!(kind("a.msg", &both), Ok(DocKind::Msg));
        assert_eq!(kind("a", &both), Ok(DocKind::Msg));
        // OOXML with parts of two applications.
        let mixed = zip(&[
            "[Content_Types].xml",
            "word/document.xml",
            "xl/workbook.xml",
        ]);
        assert_eq!(kind("a.xlsx", &mixed), Ok(DocKind::Xlsx));
        assert_eq!(kind("a.docx", &mixed), Ok(DocKind::Docx));
        assert_eq!(kind("a.pdf", &mixed), Ok(DocKind::Docx));
    }

    #[test]
    fn local_headers_are_read_when_the_directory_is_missing() {
        // A download cut off before the central directory.
        let full = zip(DOCX);
        let first_cd = full.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        assert_eq!(kind("a.docx", &full[..first_cd]), Ok(DocKind::Docx));
    }

    #[test]
    fn kinds_have_ids_media_types_and_extensions() {
        for &k in DocKind::ALL {
            assert_eq!(DocKind::from_id(k.id()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.id())
            );
            assert!(k.media_type().contains('/'));
            assert!(k.matches_name(&format!("X.{}", k.extensions()[0].to_uppercase())));
        }
        assert_eq!(DocKind::from_id("exe"), None);
        let accept = accept_attribute();
        assert!(accept.starts_with(".pdf,.docx,.doc,"));
        assert!(accept.contains(".msg"));
    }
}
