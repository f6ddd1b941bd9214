//! The PoE pre-check on real documents (tests/fixtures/poe, made by
//! LibreOffice, python-docx, reportlab and qpdf; see its README): text
//! extraction (feature `extract`) and the analysis, file by file against
//! `expected.json`; password-protected, scanned, corrupt and large files; and
//! the "Download PoE template" round trip.
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use cpor_desk::domain::claim::{Claim, ProductLine};
use cpor_desk::domain::document::check_document;
use cpor_desk::domain::finding::Locale;
use cpor_desk::domain::poe::CheckStatus;
use cpor_desk::domain::poe::precheck::Precheck;
use cpor_desk::domain::policy::Policy;
use cpor_desk::extract::template::poe_template;
use cpor_desk::extract::{ExtractError, Extracted, extract_kind, extract_text, precheck};
use serde::Deserialize;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/poe");

#[derive(Deserialize)]
struct Fixture {
    file: String,
    products: Vec<String>,
    #[serde(default)]
    extract: Option<String>,
    #[serde(default)]
    expect: Option<std::collections::BTreeMap<String, String>>,
}

fn fixtures() -> Vec<Fixture> {
    let json = std::fs::read_to_string(format!("{DIR}/expected.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{file}")).unwrap()
}

/// The claim every fixture is checked against (see the fixtures' README).
fn claim(products: &[String]) -> Claim {
    let mut c = Claim {
        name: "Contoso Sales rollout".into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: "contoso.com".into(),
        partner_role: Some("build_intent_advisor".into()),
        products: products.iter().map(ProductLine::new).collect(),
        created_at: Some(Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap()),
        ..Claim::default()
    };
    c.partner_org.name = "Northwind Traders".into();
    c.customer_contact.name = "Anna Svensson".into();
    c.customer_contact.email = "anna@contoso.com".into();
    c.partner_contact.name = "Ada Lindqvist".into();
    c.partner_contact.email = "ada@northwind.example".into();
    c
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn status_name(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Found => "found",
        CheckStatus::Missing => "missing",
        CheckStatus::Unsure => "unsure",
    }
}

/// What the worker reports: a panic inside the PDF reader (pdf-extract
/// panics on some damaged files) stops the worker, and the app reports
/// `failed` for that document; here `catch_unwind` stands in for that.
fn report(kind: &str, bytes: &[u8], claim: &Claim) -> Precheck {
    let start = Instant::now();
    let extracted = std::panic::catch_unwind(|| extract_kind(kind, bytes));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match extracted {
        Ok(extracted) => precheck(&extracted, claim, today(), &Policy::default(), ms, &|| 0.0),
        Err(_) => Precheck::NotRead {
            code: "failed".into(),
            detail: "the reader stopped".into(),
        },
    }
}

/// The largest fixture, a PDF of more than 50 pages, read once for the two
/// tests that need it (in a debug build it takes longer than every other
/// fixture together), with the time its extraction took.
const LARGE_PDF: &str = "large-en.pdf";
fn large_pdf() -> &'static (Result<Extracted, ExtractError>, Duration) {
    static DOC: OnceLock<(Result<Extracted, ExtractError>, Duration)> = OnceLock::new();
    DOC.get_or_init(|| {
        let bytes = read(LARGE_PDF);
        let start = Instant::now();
        let doc = extract_kind("pdf", &bytes);
        (doc, start.elapsed())
    })
}

#[test]
fn every_fixture_gives_its_expected_verdicts() {
    let mut failures = Vec::new();
    for f in fixtures() {
        let bytes = read(&f.file);
        // The kind is judged from the content, as the app does.
        let kind = check_document("documents", &f.file, &bytes)
            .map(|k| k.id())
            .unwrap_or("pdf");
        let report = if f.file == LARGE_PDF {
            assert_eq!(kind, "pdf");
            let (doc, took) = large_pdf();
            let ms = took.as_secs_f64() * 1000.0;
            precheck(
                doc,
                &claim(&f.products),
                today(),
                &Policy::default(),
                ms,
                &|| 0.0,
            )
        } else {
            report(kind, &bytes, &claim(&f.products))
        };
        let summary = match (&report, f.extract.as_deref()) {
            (Precheck::Checked { results, .. }, None | Some("ok")) => {
                let want = f.expect.as_ref().expect("expect for a readable fixture");
                let got: Vec<(String, String)> = results
                    .iter()
                    .map(|r| (r.item.id().to_string(), status_name(r.status).to_string()))
                    .collect();
                let wanted: Vec<(String, String)> = results
                    .iter()
                    .map(|r| (r.item.id().to_string(), want[r.item.id()].clone()))
                    .collect();
                if got != wanted {
                    failures.push(format!(
                        "{}: got {got:?}\n  want {wanted:?}\n  {results:#?}",
                        f.file
                    ));
                }
                continue;
            }
            (Precheck::NoText { .. }, Some("no_text")) => continue,
            (Precheck::NotRead { code, .. }, Some(want)) if code == want => continue,
            (other, want) => format!("{other:?} (expected {want:?})"),
        };
        failures.push(format!("{}: {summary}", f.file));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixture_set_covers_each_item_missing_both_languages_and_the_hard_files() {
    let all = fixtures();
    for item in [
        "acknowledgement",
        "products",
        "activities",
        "names",
        "dates",
    ] {
        assert!(
            all.iter()
                .any(|f| f.expect.as_ref().is_some_and(|e| e[item] == "missing")),
            "no fixture misses {item}"
        );
    }
    for marker in ["-en.", "-sv."] {
        assert!(
            all.iter()
                .any(|f| f.file.contains(marker) && f.expect.is_some())
        );
    }
    for kind in ["no_text", "encrypted", "corrupt"] {
        assert!(
            all.iter().any(|f| f.extract.as_deref() == Some(kind)),
            "{kind}"
        );
    }
    for ext in [".pdf", ".docx", ".txt"] {
        assert!(all.iter().any(|f| f.file.ends_with(ext)));
    }
}

#[test]
fn password_protected_pdf_is_a_clear_error_and_owner_only_is_read() {
    let err = extract_kind("pdf", &read("encrypted-en.pdf")).unwrap_err();
    assert_eq!(err, ExtractError::Encrypted);
    assert_eq!(err.to_string(), "the PDF is password-protected");
    let open = extract_kind("pdf", &read("owner-only-en.pdf")).unwrap();
    assert!(open.text.contains("Northwind"), "{}", open.text);
}

#[test]
fn scanned_pdf_has_pages_but_no_text() {
    let doc = extract_kind("pdf", &read("scanned-en.pdf")).unwrap();
    assert!(!doc.has_text());
    assert!(doc.pages >= 1);
}

#[test]
fn pdf_pages_are_numbered_in_the_evidence() {
    let bytes = read(LARGE_PDF);
    let (doc, took) = large_pdf();
    let doc = doc.as_ref().unwrap();
    assert!(doc.pages > 50, "{} pages", doc.pages);
    let claim = claim(&["d365_sales".to_string()]);
    let report = precheck(
        &Ok(doc.clone()),
        &claim,
        today(),
        &Policy::default(),
        0.0,
        &|| 0.0,
    );
    let Precheck::Checked { results, .. } = report else {
        panic!("{report:?}")
    };
    // Evidence carries the page it was found on.
    let ack = &results[0];
    assert_eq!(ack.status, CheckStatus::Found);
    assert!(
        ack.evidence.iter().any(|e| e.page.is_some_and(|p| p > 1)),
        "{ack:?}"
    );
    assert!(
        results.iter().all(|r| r.status == CheckStatus::Found),
        "{results:?}"
    );
    eprintln!(
        "large-en.pdf: {} bytes, {} pages, {} chars, extracted in {took:?} (debug build)",
        bytes.len(),
        doc.pages,
        doc.text.len()
    );
}

/// Truncated and byte-flipped copies of real files: the DOCX reader (our
/// code) never panics; the PDF reader (pdf-extract) panics on some, which
/// the worker turns into a `failed` report (see `report` above and the
/// end-to-end test with `mangled.pdf`). Counted, so a change shows.
#[test]
fn truncated_and_mangled_files() {
    let mut pdf_panics = 0;
    let mut pdf_cases = 0;
    for file in [
        "sow-complete-en.pdf",
        "sow-complete-en.docx",
        "deficient-en.pdf",
    ] {
        let bytes = read(file);
        let kind = if file.ends_with(".pdf") {
            "pdf"
        } else {
            "docx"
        };
        let mut variants: Vec<Vec<u8>> = (0..bytes.len())
            .step_by(bytes.len() / 23 + 1)
            .map(|cut| bytes[..cut].to_vec())
            .collect();
        // Flipped bytes through the middle of the file.
        for step in 1..12 {
            let mut mangled = bytes.clone();
            let at = mangled.len() * step / 12;
            for b in mangled.iter_mut().skip(at).take(64) {
                *b ^= 0x5A;
            }
            variants.push(mangled);
        }
        for v in variants {
            if kind == "docx" {
                let _ = extract_kind(kind, &v);
                continue;
            }
            pdf_cases += 1;
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let caught = std::panic::catch_unwind(|| extract_kind(kind, &v));
            std::panic::set_hook(prev);
            if caught.is_err() {
                pdf_panics += 1;
            }
        }
    }
    eprintln!("pdf-extract panicked on {pdf_panics} of {pdf_cases} damaged PDFs");
    assert!(pdf_panics < pdf_cases, "every damaged PDF panics");
}

/// A 20 MB text document (the size limit) is read and analysed; the time
/// is printed, not asserted (scripts/report and the note carry the figures).
#[test]
fn a_twenty_megabyte_text_is_handled() {
    let base = String::from_utf8(read("sow-complete-en.txt")).unwrap();
    let mut big = String::with_capacity(20 << 20);
    while big.len() + base.len() < 20 << 20 {
        big.push_str(&base);
        big.push('\x0C');
    }
    let claim = claim(&["d365_sales".to_string()]);
    let start = Instant::now();
    let report = report("txt", big.as_bytes(), &claim);
    let took = start.elapsed();
    let Precheck::Checked { pages, results, .. } = report else {
        panic!("{report:?}")
    };
    assert!(pages > 1000);
    assert!(
        results.iter().all(|r| r.status == CheckStatus::Found),
        "{results:?}"
    );
    eprintln!("20 MB TXT ({pages} pages): extracted and analysed in {took:?} (debug build)");
}

/// Replaces the first blank customer sign-off lines of a template DOCX, as
/// a customer filling it in would, and returns the new DOCX.
fn fill_sign_off(template: &[u8], fills: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(template)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "word/document.xml" {
            let mut xml = String::from_utf8(content).unwrap();
            for (label, value) in fills {
                let blank = format!("{label}: ______________________________");
                assert!(xml.contains(&blank), "{blank} not in the template");
                xml = xml.replacen(&blank, &format!("{label}: {value}"), 1);
            }
            content = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn template_round_trip_blank_then_filled() {
    let products = vec![
        "d365_sales".to_string(),
        "d365_customer_service".to_string(),
    ];
    let claim = claim(&products);
    for (locale, fills) in [
        (
            Locale::En,
            [
                ("Signature", "Anna Svensson"),
                ("Name", "Anna Svensson"),
                ("Date", "2026-11-25"),
            ],
        ),
        (
            Locale::Sv,
            [
                ("Underskrift", "Anna Svensson"),
                ("Namnförtydligande", "Anna Svensson"),
                ("Datum", "25 november 2026"),
            ],
        ),
    ] {
        let blank = poe_template(&claim, locale, today());
        let statuses = |bytes: &[u8]| {
            let kind = check_document("documents", "t.docx", bytes).unwrap().id();
            match report(kind, bytes, &claim) {
                Precheck::Checked { results, .. } => results
                    .iter()
                    .map(|r| status_name(r.status))
                    .collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            statuses(&blank),
            ["unsure", "found", "found", "found", "found"],
            "{locale:?} blank"
        );
        let filled = fill_sign_off(&blank, &fills);
        assert_eq!(
            statuses(&filled),
            ["found", "found", "found", "found", "found"],
            "{locale:?} filled"
        );
        // The partner's own lines filled, the customer's blank: still unsure.
        let text = extract_text(cpor_desk::domain::document::DocKind::Docx, &blank)
            .unwrap()
            .text;
        assert!(text.contains("Contoso Ltd") && text.contains("Dynamics 365 Customer Service"));
    }
}
