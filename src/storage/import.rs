//! Import of an export file in three steps, so a large file neither
//! freezes the page nor is half-imported:
//!
//! 1. [`ExportReader`] takes the file a chunk at a time (the app reads
//!    256 KiB slices and lets the page breathe between them) and splits it
//!    with a streaming scanner (`scan.rs`): the file is never one string.
//!    Every claim passes [`intake::check_claim`] (the size limits and the
//!    claim's own validators); one that fails goes to the quarantine with
//!    its reason. Every document is judged by its content
//!    ([`check_document`]: type, empty, the 20 MB limit); one that fails is
//!    refused and listed. Limits: [`MAX_JSON_FILE_BYTES`] for the file,
//!    [`MAX_IMPORT_CLAIMS`] claims (and quarantined records).
//! 2. [`compare_documents`] reads the documents this browser already has
//!    under the file's ids: the same bytes are left alone, other bytes are
//!    a conflict (the file's are not taken).
//! 3. [`SyncAdapter::commit_import`] writes what is left as one unit: in
//!    IndexedDB one transaction, so a failure, or a tab closed while it
//!    runs, writes nothing. Claims follow [`merge`]: one not here is added;
//!    a higher revision in the file replaces the copy here, unless that
//!    would drop documents the copy here has; the rest is kept as it is and
//!    listed. A document is added only under an id that is still free.
//!
//! Cancelling before step 3 writes nothing (nothing has been written).

mod scan;

use std::collections::HashSet;

use crate::domain::claim::Claim;
use crate::domain::document::check_document;
use crate::domain::finding::Code;
use crate::domain::intake::{
    self, MAX_CLAIM_BYTES, MAX_DOCUMENT_BYTES, MAX_FIELD_CHARS, MAX_IMPORT_CLAIMS,
    MAX_JSON_FILE_BYTES, QUARANTINE_PREVIEW_BYTES,
};
use crate::domain::policy::Policy;

use super::export::EXPORT_FORMAT;
use super::{Quarantined, SCHEMA_VERSION, StorageError, StoredDocument, SyncAdapter, quarantined};
use scan::{Piece, Scanner};

/// The lists of an export file that are read element by element.
const LISTS: &[&str] = &["claims", "documents", "quarantined"];

/// The largest document element kept (base64 of a 20 MB file and its
/// name and type); a larger one is refused unread.
const MAX_DOCUMENT_ELEMENT: usize = (MAX_DOCUMENT_BYTES as usize).div_ceil(3) * 4 + 64 * 1024;
/// The largest other top-level member kept (`settings`, `format`, …).
const MAX_MEMBER: usize = 1024 * 1024;

fn piece_limit(key: &str, element: bool) -> usize {
    match (key, element) {
        ("documents", true) => MAX_DOCUMENT_ELEMENT,
        (_, true) => MAX_CLAIM_BYTES,
        _ => MAX_MEMBER,
    }
}

/// What an import will write, after its checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportBatch {
    /// Claims that passed the intake check.
    pub claims: Vec<Claim>,
    /// Documents whose content passed the checks.
    pub documents: Vec<StoredDocument>,
    /// Records for the quarantine: the file's own, and its claims that
    /// could not be read or failed the intake check.
    pub quarantined: Vec<Quarantined>,
}

/// How a claim of the file meets the copy here ([`merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Not here: added.
    Add,
    /// Here with a lower revision and no document the file's copy lacks:
    /// replaced.
    Update,
    /// The same here: left.
    Unchanged,
    /// Kept here as it is: newer here, or different at the same revision.
    KeepNewer,
    /// Kept here as it is: the file's copy is newer but lacks documents
    /// the copy here has (taking it would drop them).
    KeepDocuments,
}

/// The import rule for one claim (see the module docs).
pub fn merge(here: Option<&Claim>, incoming: &Claim) -> Merge {
    let Some(here) = here else {
        return Merge::Add;
    };
    if here == incoming {
        return Merge::Unchanged;
    }
    if incoming.revision <= here.revision {
        return Merge::KeepNewer;
    }
    let theirs: HashSet<&str> = incoming.documents.iter().map(|d| d.id.as_str()).collect();
    if here
        .documents
        .iter()
        .all(|d| theirs.contains(d.id.as_str()))
    {
        Merge::Update
    } else {
        Merge::KeepDocuments
    }
}

impl ImportReport {
    /// Counts one claim's outcome ([`merge`]).
    pub fn count(&mut self, id: &str, m: Merge) {
        match m {
            Merge::Add => self.added += 1,
            Merge::Update => self.updated += 1,
            Merge::Unchanged => self.unchanged += 1,
            Merge::KeepNewer => self.kept.push(id.to_string()),
            Merge::KeepDocuments => self.kept_documents.push(id.to_string()),
        }
    }

    /// Adds what [`SyncAdapter::commit_import`] wrote to what the reader
    /// found. The reader counts the file's quarantine and refused claims,
    /// the adapter unreadable copies here it moved.
    pub fn add(&mut self, done: ImportReport) {
        self.added += done.added;
        self.updated += done.updated;
        self.unchanged += done.unchanged;
        self.kept.extend(done.kept);
        self.kept_documents.extend(done.kept_documents);
        self.documents += done.documents;
        self.documents_unchanged += done.documents_unchanged;
        self.document_conflicts.extend(done.document_conflicts);
        self.documents_refused.extend(done.documents_refused);
        self.quarantined = self.quarantined.max(done.quarantined);
        self.refused.extend(done.refused);
    }
}

/// What an import did (also what [`SyncAdapter::commit_import`] wrote).
pub use super::export::ImportReport;

/// Step 1: reads an export file in chunks (see the module docs).
pub struct ExportReader {
    scanner: Scanner,
    pieces: Vec<Piece>,
    size: u64,
    policy: Policy,
    format: Option<String>,
    schema: Option<u64>,
    claims_seen: usize,
    quarantine_seen: usize,
    batch: ImportBatch,
    report: ImportReport,
    settings: serde_json::Value,
}

/// "the file is 600.0 MB", for messages.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

impl ExportReader {
    /// A reader for a file of `size` bytes; a larger file than
    /// [`MAX_JSON_FILE_BYTES`] is refused before anything is read.
    pub fn new(size: u64, policy: &Policy) -> Result<ExportReader, StorageError> {
        if size > MAX_JSON_FILE_BYTES {
            return Err(StorageError::Import(format!(
                "the file is {}; an export file may be at most {} (at most {MAX_IMPORT_CLAIMS} claims, documents at most {} each)",
                megabytes(size),
                megabytes(MAX_JSON_FILE_BYTES),
                megabytes(MAX_DOCUMENT_BYTES)
            )));
        }
        Ok(ExportReader {
            scanner: Scanner::new(LISTS, piece_limit),
            pieces: Vec::new(),
            size,
            policy: policy.clone(),
            format: None,
            schema: None,
            claims_seen: 0,
            quarantine_seen: 0,
            batch: ImportBatch::default(),
            report: ImportReport::default(),
            settings: serde_json::Value::Null,
        })
    }

    /// Bytes read so far, and the file's size.
    pub fn progress(&self) -> (u64, u64) {
        (self.scanner.offset(), self.size)
    }

    /// Claims read so far.
    pub fn claims_read(&self) -> usize {
        self.claims_seen
    }

    /// Reads the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), StorageError> {
        if self.scanner.offset() + chunk.len() as u64 > MAX_JSON_FILE_BYTES {
            return Err(StorageError::Import(format!(
                "the file is larger than {}, the most an export file may be",
                megabytes(MAX_JSON_FILE_BYTES)
            )));
        }
        let mut pieces = std::mem::take(&mut self.pieces);
        self.scanner.feed(chunk, &mut pieces).map_err(not_json)?;
        for piece in pieces.drain(..) {
            self.take(piece)?;
        }
        self.pieces = pieces;
        Ok(())
    }

    /// The end of the file: what to write, the report so far, and the
    /// file's settings.
    pub fn finish(
        mut self,
    ) -> Result<(ImportBatch, ImportReport, serde_json::Value), StorageError> {
        let mut pieces = Vec::new();
        self.scanner.finish(&mut pieces).map_err(not_json)?;
        for piece in pieces {
            self.take(piece)?;
        }
        self.check_header()?;
        if self.format.is_none() {
            return Err(not_export());
        }
        Ok((self.batch, self.report, self.settings))
    }

    fn check_header(&self) -> Result<(), StorageError> {
        if self.format.as_deref().is_some_and(|f| f != EXPORT_FORMAT) {
            return Err(not_export());
        }
        if let Some(n) = self.schema
            && n > u64::from(SCHEMA_VERSION)
        {
            return Err(StorageError::Import(format!(
                "it was written by a newer version (schema {n}, this app reads up to {SCHEMA_VERSION})"
            )));
        }
        Ok(())
    }

    fn take(&mut self, piece: Piece) -> Result<(), StorageError> {
        match (piece.key.as_str(), piece.element) {
            ("claims", true) => {
                self.claims_seen += 1;
                if self.claims_seen > MAX_IMPORT_CLAIMS {
                    return Err(too_many("claims"));
                }
                self.claim(piece);
            }
            ("documents", true) => self.document(piece),
            ("quarantined", true) => {
                self.quarantine_seen += 1;
                if self.quarantine_seen > MAX_IMPORT_CLAIMS {
                    return Err(too_many("quarantined records"));
                }
                self.quarantined(piece);
            }
            ("format", false) => {
                self.format =
                    Some(serde_json::from_slice::<String>(&piece.raw).unwrap_or_default());
                self.check_header()?;
            }
            ("schemaVersion", false) => {
                let n = serde_json::from_slice::<u64>(&piece.raw).map_err(|e| {
                    StorageError::Import(format!("its layout is not readable (schemaVersion: {e})"))
                })?;
                self.schema = Some(n);
                self.check_header()?;
            }
            ("settings", false) if !piece.is_cut() => {
                self.settings = serde_json::from_slice(&piece.raw).unwrap_or_default();
            }
            _ => {}
        }
        Ok(())
    }

    fn claim(&mut self, piece: Piece) {
        let index = self.claims_seen - 1;
        let id = peek_id(&piece.raw);
        let key = format!(
            "import:{}",
            id.clone().unwrap_or_else(|| format!("#{index}"))
        );
        let text = String::from_utf8_lossy(&piece.raw).into_owned();
        let refuse = |reason: String| quarantined(key.clone(), text.clone(), reason);
        let q = if piece.is_cut() {
            Quarantined {
                key: key.clone(),
                raw: intake::preview(&text, QUARANTINE_PREVIEW_BYTES).to_string(),
                reason: intake::oversized_record_reason(piece.len),
            }
        } else {
            match serde_json::from_slice::<Claim>(&piece.raw) {
                Err(e) => refuse(format!("not a claim: {e}")),
                Ok(c) if c.id.trim().is_empty() => refuse("the claim has no id".to_string()),
                Ok(c) => match intake::check_claim(c, &self.policy) {
                    Ok(c) => {
                        self.batch.claims.push(c);
                        return;
                    }
                    Err(findings) => refuse(format!(
                        "refused on import: {}",
                        intake::describe_findings(&findings)
                    )),
                },
            }
        };
        self.report.refused.push((q.key.clone(), q.reason.clone()));
        self.report.quarantined += 1;
        self.batch.quarantined.push(q);
    }

    fn document(&mut self, piece: Piece) {
        let id = peek_id(&piece.raw).unwrap_or_default();
        let refuse = |report: &mut ImportReport, code: Code| {
            report.documents_refused.push((id.clone(), code));
        };
        if piece.is_cut() {
            return refuse(&mut self.report, Code::PoeFileTooLarge);
        }
        let Ok(mut doc) = serde_json::from_slice::<StoredDocument>(&piece.raw) else {
            return refuse(&mut self.report, Code::InputInvalid);
        };
        if doc.id.trim().is_empty() {
            return refuse(&mut self.report, Code::InputInvalid);
        }
        if doc.id.len() > MAX_FIELD_CHARS || doc.name.len() > MAX_FIELD_CHARS {
            return refuse(&mut self.report, Code::TextTooLong);
        }
        match check_document("documents", &doc.name, &doc.bytes) {
            Ok(kind) => {
                // The type is the content's, whatever the file says.
                doc.media_type = kind.media_type().to_string();
                self.batch.documents.push(doc);
            }
            Err(findings) => {
                let code = findings.first().map_or(Code::PoeFileType, |f| f.code);
                refuse(&mut self.report, code);
            }
        }
    }

    fn quarantined(&mut self, piece: Piece) {
        let record = if piece.is_cut() {
            None
        } else {
            serde_json::from_slice::<Quarantined>(&piece.raw).ok()
        };
        let q = record.unwrap_or_else(|| Quarantined {
            key: format!("import:quarantined#{}", self.quarantine_seen - 1),
            raw: intake::preview(
                &String::from_utf8_lossy(&piece.raw),
                QUARANTINE_PREVIEW_BYTES,
            )
            .to_string(),
            reason: if piece.is_cut() {
                intake::oversized_record_reason(piece.len)
            } else {
                "the file's quarantined record is not readable".to_string()
            },
        });
        self.report.quarantined += 1;
        self.batch.quarantined.push(q);
    }
}

fn not_json(e: scan::ScanError) -> StorageError {
    match e {
        scan::ScanError::NotAList { key } => {
            StorageError::Import(format!("its layout is not readable ({key} is not a list)"))
        }
        other => StorageError::Import(format!("it is not JSON ({other})")),
    }
}

fn not_export() -> StorageError {
    StorageError::Import(format!(
        "it is not a CPOR Desk export (no \"format\": \"{EXPORT_FORMAT}\")"
    ))
}

fn too_many(what: &str) -> StorageError {
    StorageError::Import(format!(
        "it holds more than {MAX_IMPORT_CLAIMS} {what}, the most one import takes: split it into smaller files"
    ))
}

/// The `"id"` of a JSON object from its first bytes (also of a piece that
/// was cut), when it is a top-level string member.
fn peek_id(raw: &[u8]) -> Option<String> {
    let start = raw.windows(4).position(|w| w == b"\"id\"")? + 4;
    let rest = &raw[start..];
    let colon = rest.iter().position(|b| !b" \t\r\n".contains(b))?;
    if rest[colon] != b':' {
        return None;
    }
    let rest = &rest[colon + 1..];
    let quote = rest.iter().position(|b| !b" \t\r\n".contains(b))?;
    let mut de = serde_json::Deserializer::from_slice(&rest[quote..]).into_iter::<String>();
    let id = de.next()?.ok()?;
    (!id.trim().is_empty()).then(|| intake::preview(&id, 200).to_string())
}

/// Step 2: drops the documents this browser already has with the same
/// bytes (counted as unchanged) and those it has with other bytes (listed
/// as conflicts: the copy here is kept).
pub async fn compare_documents(
    store: &dyn SyncAdapter,
    batch: &mut ImportBatch,
    report: &mut ImportReport,
) -> Result<(), StorageError> {
    let have: HashSet<String> = store.document_ids().await?.into_iter().collect();
    let mut keep = Vec::with_capacity(batch.documents.len());
    for doc in std::mem::take(&mut batch.documents) {
        if have.contains(&doc.id) {
            match store.get_document(&doc.id).await? {
                Some(here) if here.bytes == doc.bytes => report.documents_unchanged += 1,
                Some(_) => report.document_conflicts.push(doc.id),
                None => keep.push(doc),
            }
        } else {
            keep.push(doc);
        }
    }
    batch.documents = keep;
    Ok(())
}

/// Steps 2 and 3 for a batch read by [`ExportReader`].
pub async fn commit(
    store: &dyn SyncAdapter,
    mut batch: ImportBatch,
    mut report: ImportReport,
) -> Result<ImportReport, StorageError> {
    compare_documents(store, &mut batch, &mut report).await?;
    report.add(store.commit_import(batch).await?);
    #[cfg(feature = "browser-storage")]
    super::watch::notify(&super::watch::Change::Imported);
    Ok(report)
}

/// [`SyncAdapter::commit_import`] record by record, through the other
/// methods (the default for adapters without transactions; the memory
/// adapter, whose writes cannot fail once they start, uses it too).
pub async fn commit_one_by_one<S: SyncAdapter + ?Sized>(
    store: &S,
    batch: ImportBatch,
) -> Result<ImportReport, StorageError> {
    let mut done = ImportReport::default();
    let docs_here: HashSet<String> = store.document_ids().await?.into_iter().collect();
    for doc in batch.documents {
        if docs_here.contains(&doc.id) {
            done.document_conflicts.push(doc.id);
        } else {
            store.put_document(doc).await?;
            done.documents += 1;
        }
    }
    for claim in batch.claims {
        let here = match store.load(&claim.id).await {
            Ok(here) => here,
            // Unreadable here: load_all moves it to the quarantine, and the
            // file's readable copy is taken.
            Err(StorageError::Corrupt(_)) => {
                store.load_all().await?;
                done.quarantined += 1;
                None
            }
            Err(e) => return Err(e),
        };
        let m = merge(here.as_ref(), &claim);
        done.count(&claim.id, m);
        if matches!(m, Merge::Add | Merge::Update) {
            store.restore(claim).await?;
        }
    }
    for q in batch.quarantined {
        store.quarantine(q).await?;
        done.quarantined += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peek_id_reads_the_id_of_a_piece() {
        assert_eq!(peek_id(br#"{"id" : "a\"b", "x":1}"#), Some("a\"b".into()));
        assert_eq!(
            peek_id(br#"{"name":"x","id":"c1","bytes":"AAAA"#),
            Some("c1".into())
        );
        assert_eq!(peek_id(br#"{"id":5}"#), None);
        assert_eq!(peek_id(br#"{"id":"   "}"#), None);
        assert_eq!(peek_id(b"{}"), None);
    }

    #[test]
    fn merge_never_drops_what_is_here() {
        use crate::domain::claim::DocumentRef;
        let doc = |id: &str| DocumentRef {
            id: id.into(),
            ..DocumentRef::default()
        };
        let here = Claim {
            id: "c".into(),
            revision: 3,
            documents: vec![doc("d1")],
            ..Claim::default()
        };
        assert_eq!(merge(None, &here), Merge::Add);
        assert_eq!(merge(Some(&here), &here), Merge::Unchanged);
        let mut newer = here.clone();
        newer.revision = 99;
        newer.documents.push(doc("d2"));
        assert_eq!(merge(Some(&here), &newer), Merge::Update);
        newer.documents.remove(0);
        assert_eq!(merge(Some(&here), &newer), Merge::KeepDocuments);
        let same_rev = Claim {
            name: "other".into(),
            ..here.clone()
        };
        assert_eq!(merge(Some(&here), &same_rev), Merge::KeepNewer);
        let older = Claim {
            revision: 1,
            ..here.clone()
        };
        assert_eq!(merge(Some(&here), &older), Merge::KeepNewer);
    }
}
