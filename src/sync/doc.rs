//! The data mapping between claims and CouchDB documents, and the checks
//! that decide whether a remote document is readable (an unreadable one is
//! quarantined, never applied, never pushed back).
//!
//! - a claim: `_id = "claim:<claim id>"`, body
//!   `{"type": "claim", "schema": 1, "claim": <claim JSON without "revision">}`;
//! - a PoE file: `_id = "file:<document id>"`, body
//!   `{"type": "file", "claimId", "name", "mediaType", "size"}` plus one
//!   attachment named `file`. File documents are immutable.
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::sync::doc::{claim_body, claim_doc_id, read_claim_doc};
//!
//! let claim = Claim { id: "c1".into(), revision: 7, ..Claim::default() };
//! let mut doc = claim_body(&claim);
//! assert!(doc["claim"].get("revision").is_none());
//! doc["_id"] = claim_doc_id("c1").into();
//! let back = read_claim_doc(&doc, "claim:c1").unwrap();
//! assert_eq!(back, Claim { revision: 0, ..claim });
//! // Hostile or future documents are refused with a reason.
//! doc["schema"] = 99.into();
//! assert!(read_claim_doc(&doc, "claim:c1").unwrap_err().contains("newer"));
//! ```

use serde_json::{Value, json};

use crate::domain::claim::Claim;

/// The `_id` prefix of claim documents.
pub const CLAIM_PREFIX: &str = "claim:";
/// The `_id` prefix of PoE file documents.
pub const FILE_PREFIX: &str = "file:";
/// The attachment name of a file document.
pub const ATTACHMENT: &str = "file";
/// The claim document layout this version reads and writes.
pub const CLAIM_SCHEMA: u64 = 1;
/// A claim document larger than this (serialised) is unreadable (Cloudant's
/// limit for a whole JSON document is 1 MB).
pub const MAX_CLAIM_DOC_BYTES: usize = 1_000_000;
/// A file document's metadata larger than this is unreadable.
pub const MAX_FILE_DOC_BYTES: usize = 64 * 1024;
/// The largest attachment accepted from a server (the app's own limit for a
/// PoE file is 20 MB; Cloudant's is 10 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 32 * 1024 * 1024;
/// How much of an unreadable document's text is kept in the quarantine.
pub const MAX_QUARANTINE_RAW: usize = 64 * 1024;

pub fn claim_doc_id(claim_id: &str) -> String {
    format!("{CLAIM_PREFIX}{claim_id}")
}

pub fn file_doc_id(document_id: &str) -> String {
    format!("{FILE_PREFIX}{document_id}")
}

/// The claim as sync compares and stores it: the per-browser `revision`
/// counter is 0 (it is not part of the shared document).
pub fn normalize(claim: &Claim) -> Claim {
    Claim {
        revision: 0,
        ..claim.clone()
    }
}

/// The body of a claim document (no `_id`, `_rev`; `revision` omitted).
pub fn claim_body(claim: &Claim) -> Value {
    let mut value = serde_json::to_value(claim).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.remove("revision");
    }
    json!({"type": "claim", "schema": CLAIM_SCHEMA, "claim": value})
}

/// The serialised size of a JSON value.
pub fn json_size(value: &Value) -> usize {
    /// Counts the bytes written, keeps none.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_or(usize::MAX, |()| count.0)
}

/// Reads a claim document as the server sent it (`expected_id` is the `_id`
/// that was asked for). The reason of an `Err` is shown in the quarantine.
pub fn read_claim_doc(doc: &Value, expected_id: &str) -> Result<Claim, String> {
    let obj = doc
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    check_id(doc, expected_id)?;
    let size = json_size(doc);
    if size > MAX_CLAIM_DOC_BYTES {
        return Err(format!(
            "too large ({size} bytes; at most {MAX_CLAIM_DOC_BYTES})"
        ));
    }
    if obj.get("type").and_then(Value::as_str) != Some("claim") {
        return Err("not a claim document (its type is not \"claim\")".to_string());
    }
    let schema = obj
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| "the schema version is missing or not a number".to_string())?;
    if schema > CLAIM_SCHEMA {
        return Err(format!("written by a newer version (schema {schema})"));
    }
    if schema < CLAIM_SCHEMA {
        return Err(format!("unknown schema {schema}"));
    }
    let claim_value = obj
        .get("claim")
        .filter(|v| v.is_object())
        .ok_or_else(|| "the document has no claim object".to_string())?;
    check_sizes(claim_value, 0)?;
    // Straight from the parsed document (no copy of it first).
    let mut claim = <Claim as serde::Deserialize>::deserialize(claim_value)
        .map_err(|e| format!("not a claim: {e}"))?;
    let want = expected_id.strip_prefix(CLAIM_PREFIX).unwrap_or_default();
    if claim.id != want || want.trim().is_empty() {
        return Err(format!(
            "the claim id {:?} does not match the document id",
            truncate(&claim.id, 80)
        ));
    }
    // The same limits as a claim stored or imported here
    // (docs/rules.md#storage): a colleague's copy cannot hold more.
    crate::domain::intake::check_stored(&claim)?;
    // As `normalize`, without a copy.
    claim.revision = 0;
    Ok(claim)
}

/// The longest text a remote claim may hold in one field (the app's own
/// fields are far shorter; a comment of 64 KB is already a long letter).
pub const MAX_REMOTE_TEXT_BYTES: usize = 64 * 1024;
/// The most entries a remote claim may hold in one list (history,
/// comments, documents, products).
pub const MAX_REMOTE_LIST: usize = 10_000;
/// How deeply a remote claim's JSON may nest (the claim JSON is 5 deep).
const MAX_DEPTH: usize = 12;

/// The intake limits of a remote claim: no text over
/// [`MAX_REMOTE_TEXT_BYTES`], no list over [`MAX_REMOTE_LIST`], no deep
/// nesting. A claim under the 1 MB document limit can still carry one huge
/// string; it is quarantined, never stored as a claim.
fn check_sizes(value: &Value, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("nested too deeply".to_string());
    }
    match value {
        Value::String(s) if s.len() > MAX_REMOTE_TEXT_BYTES => Err(format!(
            "a text of {} bytes (at most {MAX_REMOTE_TEXT_BYTES})",
            s.len()
        )),
        Value::Array(items) if items.len() > MAX_REMOTE_LIST => Err(format!(
            "a list of {} entries (at most {MAX_REMOTE_LIST})",
            items.len()
        )),
        Value::Array(items) => items.iter().try_for_each(|v| check_sizes(v, depth + 1)),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            if k.len() > MAX_REMOTE_TEXT_BYTES {
                return Err("a key too long".to_string());
            }
            check_sizes(v, depth + 1)
        }),
        _ => Ok(()),
    }
}

fn check_id(doc: &Value, expected_id: &str) -> Result<(), String> {
    match doc.get("_id").and_then(Value::as_str) {
        None => Err("the document has no _id".to_string()),
        Some(id) if id != expected_id => Err(format!(
            "the document id {:?} is not the one asked for",
            truncate(id, 80)
        )),
        Some(_) => Ok(()),
    }
}

/// A PoE file document's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    /// The `DocumentRef` id (the `_id` without `file:`).
    pub id: String,
    pub claim_id: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
}

/// The body of a file document, without the attachment.
pub fn file_body(meta: &FileMeta) -> Value {
    json!({
        "type": "file",
        "claimId": meta.claim_id,
        "name": meta.name,
        "mediaType": meta.media_type,
        "size": meta.size,
    })
}

/// A file document's attachment as the server describes it (a stub).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    /// `md5-<base64>`.
    pub digest: String,
    pub length: u64,
    pub content_type: String,
}

/// Reads a file document (with its attachment as a stub).
pub fn read_file_doc(doc: &Value, expected_id: &str) -> Result<(FileMeta, AttachmentInfo), String> {
    let obj = doc
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    check_id(doc, expected_id)?;
    let mut meta_only = obj.clone();
    meta_only.remove("_attachments");
    let size = json_size(&Value::Object(meta_only));
    if size > MAX_FILE_DOC_BYTES {
        return Err(format!("too large ({size} bytes of metadata)"));
    }
    if obj.get("type").and_then(Value::as_str) != Some("file") {
        return Err("not a file document (its type is not \"file\")".to_string());
    }
    let text = |key: &str| -> Result<String, String> {
        obj.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{key} is missing or not text"))
    };
    let size = obj
        .get("size")
        .and_then(Value::as_u64)
        .ok_or_else(|| "size is missing or not a number".to_string())?;
    let att = obj
        .get("_attachments")
        .and_then(|a| a.get(ATTACHMENT))
        .ok_or_else(|| "the file attachment is missing".to_string())?;
    let digest = att
        .get("digest")
        .and_then(Value::as_str)
        .filter(|d| d.starts_with("md5-"))
        .ok_or_else(|| "the attachment has no md5 digest".to_string())?;
    let length = att
        .get("length")
        .and_then(Value::as_u64)
        .ok_or_else(|| "the attachment has no length".to_string())?;
    if length > MAX_ATTACHMENT_BYTES {
        return Err(format!("the attachment is too large ({length} bytes)"));
    }
    let content_type = att
        .get("content_type")
        .and_then(Value::as_str)
        .unwrap_or("application/octet-stream");
    let meta = FileMeta {
        id: expected_id
            .strip_prefix(FILE_PREFIX)
            .unwrap_or_default()
            .to_string(),
        claim_id: text("claimId")?,
        name: text("name")?,
        media_type: text("mediaType")?,
        size,
    };
    Ok((
        meta,
        AttachmentInfo {
            digest: digest.to_string(),
            length,
            content_type: content_type.to_string(),
        },
    ))
}

/// The text kept in the quarantine for an unreadable document (at most
/// [`MAX_QUARANTINE_RAW`] bytes).
pub fn quarantine_raw(doc: &Value) -> String {
    let text = serde_json::to_string(doc).unwrap_or_default();
    if text.len() <= MAX_QUARANTINE_RAW {
        text
    } else {
        format!(
            "{}… (truncated, {} bytes)",
            truncate(&text, MAX_QUARANTINE_RAW),
            text.len()
        )
    }
}

fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The database name the app proposes for a partner organisation:
/// `cpor-<org id>` in lowercase, characters CouchDB does not allow replaced
/// by `_`.
///
/// ```
/// use cpor_desk::sync::doc::{default_database_name, validate_database_name};
/// let name = default_database_name("Org 4F2A.B");
/// assert_eq!(name, "cpor-org_4f2a_b");
/// assert!(validate_database_name(&name).is_ok());
/// ```
pub fn default_database_name(org_id: &str) -> String {
    let mut name = String::from("cpor-");
    for c in org_id.trim().chars().flat_map(char::to_lowercase) {
        name.push(if is_db_char(c) { c } else { '_' });
    }
    name
}

fn is_db_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c)
}

/// Checks a CouchDB database name: `^[a-z][a-z0-9_$()+/-]*$`, at most 238
/// characters.
pub fn validate_database_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if !first_ok || !chars.all(is_db_char) || name.len() > 238 {
        return Err(format!(
            "{:?} is not a valid database name (lowercase letter first, then a-z 0-9 _ $ ( ) + / -)",
            truncate(name, 80)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, body: Value) -> Value {
        let mut d = body;
        d["_id"] = id.into();
        d
    }

    #[test]
    fn hostile_claim_documents_are_refused_with_reasons() {
        let good = doc(
            "claim:a",
            claim_body(&Claim {
                id: "a".into(),
                ..Claim::default()
            }),
        );
        assert!(read_claim_doc(&good, "claim:a").is_ok());
        let huge = "x".repeat(5 * 1024 * 1024);
        let cases: Vec<(Value, &str)> = vec![
            (json!([1, 2]), "not a JSON object"),
            (json!("text"), "not a JSON object"),
            (
                json!({"type": "claim", "schema": 1, "claim": {"id": "a"}}),
                "no _id",
            ),
            (
                doc(
                    "claim:b",
                    claim_body(&Claim {
                        id: "a".into(),
                        ..Claim::default()
                    }),
                ),
                "not the one",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "invoice", "schema": 1, "claim": {"id": "a"}}),
                ),
                "not a claim document",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 99, "claim": {"id": "a"}}),
                ),
                "newer version (schema 99)",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": "1", "claim": {"id": "a"}}),
                ),
                "schema version",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 0, "claim": {"id": "a"}}),
                ),
                "unknown schema",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": [1]}),
                ),
                "no claim object",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "name": 5}}),
                ),
                "not a claim",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "status": "bogus"}}),
                ),
                "not a claim",
            ),
            (
                // Within the text limits of a remote document, but over a
                // claim's own: a 1,000-character claim name.
                doc(
                    "claim:a",
                    claim_body(&Claim {
                        id: "a".into(),
                        name: "n".repeat(1_000),
                        ..Claim::default()
                    }),
                ),
                "over the limits of a claim",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "b"}}),
                ),
                "does not match",
            ),
            (
                doc(
                    "claim:",
                    json!({"type": "claim", "schema": 1, "claim": {"id": ""}}),
                ),
                "does not match",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "name": huge}}),
                ),
                "too large",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "name": "x".repeat(200_000)}}),
                ),
                "a text of 200000 bytes",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "comments": vec![json!(1); MAX_REMOTE_LIST + 1]}}),
                ),
                "a list of 10001 entries",
            ),
            (
                doc(
                    "claim:a",
                    json!({"type": "claim", "schema": 1, "claim": {"id": "a", "x": [[[[[[[[[[[[[[1]]]]]]]]]]]]]]}}),
                ),
                "nested too deeply",
            ),
        ];
        for (d, want) in cases {
            let id = d
                .get("_id")
                .and_then(Value::as_str)
                .unwrap_or("claim:a")
                .to_string();
            let want_id = if want == "not the one" {
                "claim:a"
            } else {
                &id
            };
            let err = read_claim_doc(&d, want_id).unwrap_err();
            assert!(err.contains(want), "{err} (wanted {want})");
            assert!(err.len() < 300, "reasons stay short: {err}");
        }
    }

    #[test]
    fn file_documents_round_trip_and_hostile_ones_are_refused() {
        let meta = FileMeta {
            id: "d1".into(),
            claim_id: "c1".into(),
            name: "poe.pdf".into(),
            media_type: "application/pdf".into(),
            size: 3,
        };
        let mut d = doc("file:d1", file_body(&meta));
        d["_attachments"] = json!({"file": {"stub": true, "digest": "md5-abc", "length": 3, "content_type": "application/pdf"}});
        let (m, a) = read_file_doc(&d, "file:d1").unwrap();
        assert_eq!(m, meta);
        assert_eq!((a.digest.as_str(), a.length), ("md5-abc", 3));
        let mut no_att = d.clone();
        no_att.as_object_mut().unwrap().remove("_attachments");
        assert!(
            read_file_doc(&no_att, "file:d1")
                .unwrap_err()
                .contains("attachment")
        );
        let mut huge = d.clone();
        huge["_attachments"]["file"]["length"] = json!(MAX_ATTACHMENT_BYTES + 1);
        assert!(
            read_file_doc(&huge, "file:d1")
                .unwrap_err()
                .contains("too large")
        );
        let mut bad_type = d.clone();
        bad_type["size"] = json!("3");
        assert!(read_file_doc(&bad_type, "file:d1").is_err());
        let mut big_name = d.clone();
        big_name["name"] = json!("n".repeat(100_000));
        assert!(
            read_file_doc(&big_name, "file:d1")
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn quarantine_text_is_capped() {
        let v = json!({"s": "é".repeat(100_000)});
        let raw = quarantine_raw(&v);
        assert!(raw.len() < MAX_QUARANTINE_RAW + 100);
        assert!(raw.ends_with("bytes)"));
        assert_eq!(quarantine_raw(&json!({"a": 1})), r#"{"a":1}"#);
    }

    #[test]
    fn database_names() {
        for ok in ["a", "cpor-123", "a_b$c(d)e+f/g-h"] {
            assert!(validate_database_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1a", "_users", "Abc", "a b", "a.b", &"a".repeat(239)] {
            assert!(validate_database_name(bad).is_err(), "{bad}");
        }
        assert_eq!(default_database_name("ABC-1"), "cpor-abc-1");
    }
}
