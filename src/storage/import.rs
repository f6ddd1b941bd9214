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
//! 3. The write follows [`merge`]: a claim not here is added; a higher
//!    revision in the file replaces the copy here, unless that would drop
//!    documents the copy here has; the rest is kept as it is and listed. A
//!    document is added only under an id that is still free.
//!
//! [`BatchedImport`] (Settings → Import) writes while it reads: every
//! [`IMPORT_BATCH`] checked claims go to [`SyncAdapter::import_batch`], in
//! IndexedDB one transaction each, and the documents and quarantine
//! records with the last batch. Each batch returns what undoes it
//! ([`ImportUndo`]: the ids it added, the copies it replaced); on Cancel or
//! an error [`SyncAdapter::undo_import`] undoes every batch written (in
//! IndexedDB in one transaction), so an import lands whole or not at all.
//! Other tabs hear of it once, after the last batch. [`commit`] writes a
//! file read whole with one [`SyncAdapter::commit_import`].

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
    format!(
        "{} MB",
        crate::i18n::one_decimal(bytes as f64 / (1024.0 * 1024.0))
    )
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

    /// How many checked claims wait to be written.
    pub fn pending_claims(&self) -> usize {
        self.batch.claims.len()
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
    Ok(write_one_by_one(store, batch).await?.0)
}

/// [`SyncAdapter::import_batch`] record by record (the trait's default).
pub async fn write_one_by_one<S: SyncAdapter + ?Sized>(
    store: &S,
    batch: ImportBatch,
) -> Result<(ImportReport, ImportUndo), StorageError> {
    let mut done = ImportReport::default();
    let mut undo = ImportUndo::default();
    let docs_here: HashSet<String> = if batch.documents.is_empty() {
        HashSet::new()
    } else {
        store.document_ids().await?.into_iter().collect()
    };
    for doc in batch.documents {
        if docs_here.contains(&doc.id) {
            done.document_conflicts.push(doc.id);
        } else {
            let id = doc.id.clone();
            store.put_document(doc).await?;
            undo.documents.push(id);
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
            let id = claim.id.clone();
            store.restore(claim).await?;
            undo.claims.push((id, here));
        }
    }
    for q in batch.quarantined {
        let key = q.key.clone();
        store.quarantine(q).await?;
        undo.quarantined.push(key);
        done.quarantined += 1;
    }
    Ok((done, undo))
}

/// What undoes the batches of an import written so far
/// ([`SyncAdapter::import_batch`], [`SyncAdapter::undo_import`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportUndo {
    /// Every claim written, in the order written, with the copy it
    /// replaced (`None`: it was added).
    pub claims: Vec<(String, Option<Claim>)>,
    /// The documents added.
    pub documents: Vec<String>,
    /// The quarantine records added (by key).
    pub quarantined: Vec<String>,
}

impl ImportUndo {
    /// Adds a later batch's undo.
    pub fn append(&mut self, later: ImportUndo) {
        self.claims.extend(later.claims);
        self.documents.extend(later.documents);
        self.quarantined.extend(later.quarantined);
    }

    /// Nothing to undo.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.documents.is_empty() && self.quarantined.is_empty()
    }
}

/// [`SyncAdapter::undo_import`] record by record (the trait's default):
/// the last write first, so a claim written twice ends as it was before.
pub async fn undo_one_by_one<S: SyncAdapter + ?Sized>(
    store: &S,
    undo: ImportUndo,
) -> Result<(), StorageError> {
    for key in undo.quarantined.iter().rev() {
        store.discard_quarantined(key).await?;
    }
    for id in undo.documents.iter().rev() {
        store.delete_document(id).await?;
    }
    for (id, before) in undo.claims.into_iter().rev() {
        match before {
            Some(claim) => store.restore(claim).await?,
            None => {
                if let Some(now) = store.load(&id).await? {
                    store.delete(&id, now.revision).await?;
                }
            }
        }
    }
    Ok(())
}

/// Checked claims per batch of a [`BatchedImport`]: one transaction each
/// (2,000 claims are about 2 MB of records).
pub const IMPORT_BATCH: usize = 2_000;

/// Sums two batches' reports (unlike [`ImportReport::add`], which merges
/// the writer's report into the reader's, quarantined records add up).
fn sum_reports(total: &mut ImportReport, batch: ImportReport) {
    let quarantined = total.quarantined + batch.quarantined;
    total.add(batch);
    total.quarantined = quarantined;
}

/// An import that writes while it reads (see the module docs): feed it
/// the file's chunks, then [`BatchedImport::finish`]; or
/// [`BatchedImport::cancel`]. An error of either undoes what was written
/// before it is returned.
pub struct BatchedImport<'s> {
    store: &'s dyn SyncAdapter,
    reader: ExportReader,
    batch_size: usize,
    written: ImportReport,
    undo: ImportUndo,
    saved: usize,
}

impl<'s> BatchedImport<'s> {
    /// An import of a file of `size` bytes into `store` (refused before
    /// anything is read when the file is too large).
    pub fn new(
        store: &'s dyn SyncAdapter,
        size: u64,
        policy: &Policy,
    ) -> Result<BatchedImport<'s>, StorageError> {
        Ok(BatchedImport {
            store,
            reader: ExportReader::new(size, policy)?,
            batch_size: IMPORT_BATCH,
            written: ImportReport::default(),
            undo: ImportUndo::default(),
            saved: 0,
        })
    }

    /// Another batch size than [`IMPORT_BATCH`] (tests).
    pub fn with_batch_size(mut self, claims: usize) -> Self {
        self.batch_size = claims.max(1);
        self
    }

    /// Bytes read so far, and the file's size.
    pub fn progress(&self) -> (u64, u64) {
        self.reader.progress()
    }

    /// Claims read so far.
    pub fn claims_read(&self) -> usize {
        self.reader.claims_read()
    }

    /// Claims written so far (by the batches; undone on Cancel).
    pub fn claims_saved(&self) -> usize {
        self.saved
    }

    /// Reads the next chunk and writes every full batch it completes.
    pub async fn feed(&mut self, chunk: &[u8]) -> Result<(), StorageError> {
        let result = match self.reader.feed(chunk) {
            Ok(()) => self.write_full_batches().await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => Ok(()),
            Err(e) => {
                self.saved = 0;
                Err(undo_after(self.store, std::mem::take(&mut self.undo), e).await)
            }
        }
    }

    async fn write_full_batches(&mut self) -> Result<(), StorageError> {
        while self.reader.pending_claims() >= self.batch_size {
            let claims: Vec<Claim> = self.reader.batch.claims.drain(..self.batch_size).collect();
            let n = claims.len();
            let batch = ImportBatch {
                claims,
                ..ImportBatch::default()
            };
            let (report, undo) = self.store.import_batch(batch).await?;
            sum_reports(&mut self.written, report);
            self.undo.append(undo);
            self.saved += n;
        }
        Ok(())
    }

    /// The end of the file: the last claims, the documents and the
    /// quarantine records in a last batch; the report of the whole import.
    /// Other tabs are told once, now.
    pub async fn finish(self) -> Result<ImportReport, StorageError> {
        let BatchedImport {
            store,
            reader,
            mut written,
            mut undo,
            ..
        } = self;
        let result = async {
            let (mut batch, mut report, _settings) = reader.finish()?;
            compare_documents(store, &mut batch, &mut report).await?;
            let (last, last_undo) = store.import_batch(batch).await?;
            undo.append(last_undo);
            sum_reports(&mut written, last);
            report.add(written);
            Ok::<_, StorageError>(report)
        }
        .await;
        match result {
            Ok(report) => {
                #[cfg(feature = "browser-storage")]
                super::watch::notify(&super::watch::Change::Imported);
                Ok(report)
            }
            Err(e) => Err(undo_after(store, undo, e).await),
        }
    }

    /// Cancel: undoes every batch written so far.
    pub async fn cancel(self) -> Result<(), StorageError> {
        if self.undo.is_empty() {
            return Ok(());
        }
        self.store.undo_import(self.undo).await
    }
}

/// Undoes what an import wrote before the error `e`, and returns the error
/// to report (saying so when the undo failed too).
async fn undo_after(store: &dyn SyncAdapter, undo: ImportUndo, e: StorageError) -> StorageError {
    if undo.is_empty() {
        return e;
    }
    match store.undo_import(undo).await {
        Ok(()) => e,
        Err(undo_error) => StorageError::Backend(format!(
            "{e}; undoing the claims already written failed too ({undo_error}): some of the file may be stored"
        )),
    }
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
