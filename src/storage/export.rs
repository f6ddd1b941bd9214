//! Export of everything in a store to one JSON file, and import back
//! (docs/rules.md#storage). Written once over [`SyncAdapter`], so every adapter exports
//! the same format:
//!
//! ```json
//! { "format": "cpor-desk-export", "schemaVersion": 1, "exportedAt": "...",
//!   "claims": [ /* claim JSON of docs/rules.md#claim, as the embed module takes it */ ],
//!   "documents": [ { "id": "...", "name": "poe.pdf", "mediaType": "application/pdf", "bytes": "<base64>" } ],
//!   "quarantined": [ { "key": "...", "raw": "...", "reason": "..." } ],
//!   "settings": { } }
//! ```
//!
//! An import tells other tabs (`watch::Change::Imported`, feature `app`)
//! when it is done.
//!
//! Import never overwrites silently: a claim that is newer (or different at
//! the same revision) in this browser is kept and listed in
//! [`ImportReport::kept`]; an unreadable claim in the file is quarantined.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Quarantined, SCHEMA_VERSION, StorageError, StoredDocument, SyncAdapter};

/// The `format` marker of an export file.
pub const EXPORT_FORMAT: &str = "cpor-desk-export";

/// The export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportFile {
    pub format: String,
    pub schema_version: u32,
    #[serde(default, with = "crate::domain::rfc3339::opt_utc")]
    pub exported_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub claims: Vec<serde_json::Value>,
    #[serde(default)]
    pub documents: Vec<StoredDocument>,
    #[serde(default)]
    pub quarantined: Vec<Quarantined>,
    /// The app's settings and profile (opaque to storage).
    #[serde(default)]
    pub settings: serde_json::Value,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Claims that were not in this browser.
    pub added: usize,
    /// Claims replaced by a newer revision from the file.
    pub updated: usize,
    /// Claims identical in the file and here.
    pub unchanged: usize,
    /// Claims kept as they are here because this browser's copy is newer or
    /// differs at the same revision (ids).
    pub kept: Vec<String>,
    /// Claims kept as they are here because the file's (newer) copy lacks
    /// documents this browser's copy has (ids): an import never drops a
    /// claim's documents.
    pub kept_documents: Vec<String>,
    /// Documents added.
    pub documents: usize,
    /// Documents already here with the same bytes.
    pub documents_unchanged: usize,
    /// Documents already here with other bytes (ids): the copy here is kept.
    pub document_conflicts: Vec<String>,
    /// Documents of the file that were not taken, with the reason: not an
    /// accepted type by their content (`poe.file_type`), empty, over 20 MB,
    /// unreadable (`input.invalid`).
    pub documents_refused: Vec<(String, crate::domain::finding::Code)>,
    /// Records quarantined from the file (its own quarantine, and claims of
    /// the file that could not be read or failed the intake check).
    pub quarantined: usize,
    /// The file's claims that were quarantined, with the reason.
    pub refused: Vec<(String, String)>,
}

/// Everything in `store` as the export file's JSON text.
pub async fn export_all(
    store: &dyn SyncAdapter,
    at: DateTime<Utc>,
    settings: serde_json::Value,
) -> Result<String, StorageError> {
    let snap = store.load_all().await?;
    let mut documents = Vec::new();
    for id in store.document_ids().await? {
        if let Some(doc) = store.get_document(&id).await? {
            documents.push(doc);
        }
    }
    let file = ExportFile {
        format: EXPORT_FORMAT.to_string(),
        schema_version: SCHEMA_VERSION,
        exported_at: Some(at),
        claims: snap
            .claims
            .iter()
            .map(|c| serde_json::to_value(c).unwrap_or_default())
            .collect(),
        documents,
        quarantined: snap.quarantined,
        settings,
    };
    serde_json::to_string_pretty(&file).map_err(|e| StorageError::Backend(e.to_string()))
}

/// Parses an export file without touching any store.
pub fn parse_export(text: &str) -> Result<ExportFile, StorageError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| StorageError::Import(format!("it is not JSON ({e})")))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(EXPORT_FORMAT) => {}
        _ => {
            return Err(StorageError::Import(
                "it is not a CPOR Desk export (no \"format\": \"cpor-desk-export\")".to_string(),
            ));
        }
    }
    let file: ExportFile = serde_json::from_value(value)
        .map_err(|e| StorageError::Import(format!("its layout is not readable ({e})")))?;
    if file.schema_version > SCHEMA_VERSION {
        return Err(StorageError::Import(format!(
            "it was written by a newer version (schema {}, this app reads up to {SCHEMA_VERSION})",
            file.schema_version
        )));
    }
    Ok(file)
}

/// Imports an export file into `store` at once (see [`super::import`] for
/// the steps, which the app runs a chunk at a time); returns what happened
/// and the file's settings. An import tells other tabs
/// (`watch::Change::Imported`) when it is done.
pub async fn import_all(
    store: &dyn SyncAdapter,
    text: &str,
) -> Result<(ImportReport, serde_json::Value), StorageError> {
    let policy = crate::domain::policy::Policy::default();
    let mut reader = super::import::ExportReader::new(text.len() as u64, &policy)?;
    reader.feed(text.as_bytes())?;
    let (batch, report, settings) = reader.finish()?;
    let report = super::import::commit(store, batch, report).await?;
    Ok((report, settings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::Claim;
    use crate::storage::block_on;
    use crate::storage::memory::MemoryStore;

    /// A new claim (revision 0) that passes the intake check.
    pub(crate) fn claim(id: &str) -> Claim {
        let org = crate::domain::claim::PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        };
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
        Claim {
            id: id.to_string(),
            name: format!("Claim {id}"),
            revision: 0,
            ..crate::domain::dashboard::sample_claims(1, &org, now).remove(0)
        }
    }

    fn doc(id: &str) -> StoredDocument {
        StoredDocument {
            id: id.to_string(),
            name: "poe.pdf".to_string(),
            media_type: "application/pdf".to_string(),
            bytes: b"%PDF-1.7\n\x00\x01\x02\xff".to_vec(),
        }
    }

    #[test]
    fn round_trip_keeps_everything() {
        let a = MemoryStore::default();
        block_on(a.save(claim("c1"))).unwrap();
        let c2 = block_on(a.save(claim("c2"))).unwrap();
        block_on(a.save(c2)).unwrap();
        block_on(a.put_document(doc("d1"))).unwrap();
        a.insert_raw("broken", "{not json");
        let text = block_on(export_all(
            &a,
            DateTime::UNIX_EPOCH,
            serde_json::json!({"x": 1}),
        ))
        .unwrap();

        let b = MemoryStore::default();
        let (report, settings) = block_on(import_all(&b, &text)).unwrap();
        assert_eq!(settings, serde_json::json!({"x": 1}));
        assert_eq!(report.added, 2);
        assert_eq!(report.documents, 1);
        assert_eq!(report.quarantined, 1);
        let snap_a = block_on(a.load_all()).unwrap();
        let snap_b = block_on(b.load_all()).unwrap();
        assert_eq!(snap_a, snap_b);
        assert_eq!(block_on(b.get_document("d1")).unwrap(), Some(doc("d1")));
        assert_eq!(block_on(b.load("c2")).unwrap().unwrap().revision, 2);

        // Importing the same file again changes nothing.
        let (again, _) = block_on(import_all(&b, &text)).unwrap();
        assert_eq!((again.added, again.unchanged), (0, 2));
    }

    #[test]
    fn import_keeps_newer_local_copies_and_reports_them() {
        let a = MemoryStore::default();
        block_on(a.save(claim("c1"))).unwrap();
        let text = block_on(export_all(
            &a,
            DateTime::UNIX_EPOCH,
            serde_json::Value::Null,
        ))
        .unwrap();
        // Here, c1 moved on to revision 2 with another name.
        let b = MemoryStore::default();
        let c = block_on(b.save(claim("c1"))).unwrap();
        block_on(b.save(Claim {
            name: "renamed".into(),
            ..c
        }))
        .unwrap();
        let (report, _) = block_on(import_all(&b, &text)).unwrap();
        assert_eq!(report.kept, vec!["c1".to_string()]);
        assert_eq!(block_on(b.load("c1")).unwrap().unwrap().name, "renamed");
    }

    #[test]
    fn bad_files_are_refused_with_reasons() {
        let b = MemoryStore::default();
        for (text, needle) in [
            ("nope", "not JSON"),
            ("{}", "not a CPOR Desk export"),
            (
                r#"{"format":"cpor-desk-export","schemaVersion":99}"#,
                "newer version",
            ),
            (
                r#"{"format":"cpor-desk-export","schemaVersion":1,"claims":5}"#,
                "layout",
            ),
        ] {
            let err = block_on(import_all(&b, text)).unwrap_err();
            assert!(err.to_string().contains(needle), "{text}: {err}");
        }
    }

    #[test]
    fn unreadable_claims_in_a_file_are_quarantined() {
        let b = MemoryStore::default();
        let ok = serde_json::to_string(&claim("ok")).unwrap();
        let text = format!(
            r#"{{"format":"cpor-desk-export","schemaVersion":1,
            "claims":[{ok},{{"id":"bad","status":"nonsense"}},{{"name":"no id"}}]}}"#
        );
        let (report, _) = block_on(import_all(&b, &text)).unwrap();
        assert_eq!((report.added, report.quarantined), (1, 2));
        let snap = block_on(b.load_all()).unwrap();
        let keys: Vec<_> = snap.quarantined.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["import:#2", "import:bad"]);
    }

    #[test]
    fn memory_store_contract() {
        let s = MemoryStore::default();
        let c = block_on(s.save(claim("c"))).unwrap();
        assert_eq!(c.revision, 1);
        // Stale copy: conflict, nothing written.
        let err = block_on(s.save(claim("c"))).unwrap_err();
        assert_eq!(
            err,
            StorageError::Conflict {
                id: "c".into(),
                expected: 0,
                stored: 1
            }
        );
        assert!(block_on(s.delete("c", 0)).unwrap_err().is_conflict());
        // Quota: the error comes back and the stored copy is unchanged.
        s.fail_writes(Some(StorageError::QuotaExceeded("test".into())));
        assert!(block_on(s.save(c.clone())).unwrap_err().is_quota());
        s.fail_writes(None);
        assert_eq!(block_on(s.load("c")).unwrap(), Some(c.clone()));
        block_on(s.delete("c", 1)).unwrap();
        assert_eq!(block_on(s.load("c")).unwrap(), None);
        // Corrupt records move to the quarantine and stay there.
        s.insert_raw("x", "garbage");
        let snap = block_on(s.load_all()).unwrap();
        assert_eq!(snap.quarantined.len(), 1);
        assert_eq!(snap.quarantined[0].raw, "garbage");
        assert_eq!(block_on(s.load_all()).unwrap().quarantined.len(), 1);
        block_on(s.discard_quarantined("x")).unwrap();
        assert!(block_on(s.load_all()).unwrap().quarantined.is_empty());
    }
}
