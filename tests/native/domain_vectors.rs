//! The shared domain vectors (`tests/vectors/domains.json`) through
//! `normalize_domain` natively (the `idna` crate backend). The same file runs
//! in Chromium through the browser backend (`tests/browser/embed.rs`).

use cpor_desk::domain::domain_name::{normalize_domain, validate_domain};
use cpor_desk::domain::finding::Code;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    input: String,
    ascii: Option<String>,
    code: Option<String>,
    warnings: Vec<String>,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("../vectors/domains.json")).expect("valid vector file")
}

#[test]
fn every_vector_normalizes_as_expected() {
    let vectors = vectors();
    assert!(vectors.len() >= 40, "{} vectors", vectors.len());
    for v in &vectors {
        assert!(
            v.ascii.is_some() != v.code.is_some(),
            "{:?}: exactly one of ascii and code",
            v.input
        );
        match normalize_domain(&v.input) {
            Ok(d) => {
                assert_eq!(Some(&d.ascii), v.ascii.as_ref(), "{:?}", v.input);
                let warnings: Vec<&str> = d.warnings.iter().map(|c| c.as_str()).collect();
                assert_eq!(warnings, v.warnings, "{:?}", v.input);
            }
            Err(code) => {
                assert_eq!(Some(code.as_str()), v.code.as_deref(), "{:?}", v.input);
                assert!(v.warnings.is_empty(), "{:?}", v.input);
            }
        }
    }
}

#[test]
fn vector_results_are_stable_and_match_validate_domain() {
    for v in vectors() {
        let (ascii, findings) = validate_domain("customerDomain", &v.input);
        assert_eq!(ascii, v.ascii, "{:?}", v.input);
        let codes: Vec<String> = findings.iter().map(|f| f.code.to_string()).collect();
        let want: Vec<String> = v
            .code
            .iter()
            .cloned()
            .chain(v.warnings.iter().cloned())
            .collect();
        assert_eq!(codes, want, "{:?}", v.input);
        if let Some(ascii) = &v.ascii {
            let again = normalize_domain(ascii).unwrap();
            assert_eq!(&again.ascii, ascii, "idempotent: {:?}", v.input);
            assert!(again.warnings.is_empty());
        }
    }
}

#[test]
fn the_vector_file_covers_the_codes() {
    let vectors = vectors();
    for code in [
        Code::DomainRequired,
        Code::DomainFormat,
        Code::DomainUrl,
        Code::DomainEmail,
    ] {
        assert!(
            vectors
                .iter()
                .any(|v| v.code.as_deref() == Some(code.as_str())
                    || v.warnings.iter().any(|w| w == code.as_str())),
            "{code}"
        );
    }
    let idn = vectors.iter().filter(|v| !v.input.is_ascii()).count();
    assert!(idn >= 15, "{idn} internationalised vectors");
}
