//! Property tests of the validators: no panics on arbitrary input, and the
//! domain normalisation is idempotent and yields only `[a-z0-9.-]`.
use cpor_desk::domain::claim::{Claim, Contact, ProductLine};
use cpor_desk::domain::directory::{DemoDirectory, check_tenant_domain};
use cpor_desk::domain::document::{DocKind, check_document};
use cpor_desk::domain::domain_name::normalize_domain;
use cpor_desk::domain::finding::Code;
use cpor_desk::domain::ids::canonical_guid;
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::validate::{
    ClaimContext, FieldName, FieldOptions, validate_claim, validate_field,
};
use proptest::prelude::*;

/// Strings biased towards the interesting characters of domains, URLs,
/// emails and GUIDs, plus arbitrary Unicode.
fn messy_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9]{1,12}",
        2 => prop::sample::select(vec![
            ".", "-", "_", "@", ":", "/", "?", "#", "%", "[", "]", " ", "\t", "xn--", "XN--",
            "。", "．", "｡", "－", "ü", "É", "例え", "مثال", "пример", "😀", "\u{AD}", "\u{200D}",
            "\u{0301}", "ß", "ﬁ", "ｃｏｍ", "https://", "mailto:", "0x", "1", "255", "{", "}",
            "\u{3000}", "\u{0000}", "\u{FFFD}", "İ", "ς", "\u{202E}",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![messy_string(), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn normalize_domain_is_idempotent_and_ascii(input in any_text()) {
        if let Ok(d) = normalize_domain(&input) {
            prop_assert!(!d.ascii.is_empty());
            prop_assert!(
                d.ascii.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'),
                "{:?} → {:?}", input, d.ascii
            );
            prop_assert!(d.ascii.len() <= 253);
            prop_assert!(d.ascii.split('.').count() >= 2);
            let again = normalize_domain(&d.ascii);
            prop_assert_eq!(again.as_ref().map(|a| a.ascii.as_str()), Ok(d.ascii.as_str()), "{:?}", input);
            prop_assert!(again.unwrap().warnings.is_empty());
            prop_assert!(d.warnings.iter().all(|w| matches!(w, Code::DomainUrl | Code::DomainEmail)));
        } else {
            let code = normalize_domain(&input).unwrap_err();
            prop_assert!(matches!(code, Code::DomainRequired | Code::DomainFormat));
            prop_assert_eq!(code == Code::DomainRequired, input.trim().is_empty());
        }
    }

    #[test]
    fn validate_field_never_panics(input in any_text(), tenant in proptest::option::of(any_text())) {
        let opts = FieldOptions { tenant_id: tenant };
        for &field in FieldName::ALL {
            let findings = validate_field(field, &input, &opts);
            prop_assert!(findings.iter().all(|f| f.field == field.js_name()));
            prop_assert!(findings.iter().filter(|f| f.is_error()).count() <= 1);
        }
    }

    #[test]
    fn canonical_guid_never_panics(input in any_text()) {
        if let Ok(g) = canonical_guid(&input) {
            prop_assert_eq!(g.len(), 36);
            prop_assert_eq!(canonical_guid(&g), Ok(g.clone()));
        }
    }

    #[test]
    fn check_document_never_panics(name in any_text(), bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        match check_document("documents", &name, &bytes) {
            Ok(kind) => prop_assert!(DocKind::ALL.contains(&kind)),
            Err(findings) => {
                prop_assert_eq!(findings.len(), 1);
                prop_assert!(matches!(findings[0].code, Code::PoeFileType | Code::PoeFileEmpty));
            }
        }
    }

    #[test]
    fn check_document_never_panics_on_signature_prefixes(
        prefix in prop::sample::select(vec![
            &b"PK\x03\x04"[..], b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"%PDF-", b"From: a\n", b"PK\x05\x06",
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..600),
        tail in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&rest);
        bytes.extend_from_slice(b"PK\x05\x06");
        bytes.extend_from_slice(&tail);
        let _ = check_document("documents", "x.docx", &bytes);
    }

    #[test]
    fn claim_validation_never_panics(
        texts in prop::collection::vec(any_text(), 12),
        products in prop::collection::vec((any_text(), proptest::option::of(any_text())), 0..4),
    ) {
        let claim = Claim {
            name: texts[0].clone(),
            solution_area: Some(texts[1].clone()),
            partner_role: Some(texts[2].clone()),
            partner_location: texts[3].clone(),
            customer_name: texts[4].clone(),
            customer_domain: texts[5].clone(),
            tenant_id: texts[6].clone(),
            products: products
                .into_iter()
                .map(|(product, subscription_id)| ProductLine { product, subscription_id })
                .collect(),
            customer_contact: Contact { name: texts[7].clone(), email: texts[8].clone(), phone: Some(texts[9].clone()) },
            partner_contact: Contact { name: texts[10].clone(), email: texts[11].clone(), phone: None },
            ..Claim::default()
        };
        let policy = Policy::default();
        let ctx = ClaimContext::new(&policy)
            .with_directory(DemoDirectory::builtin())
            .with_now(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 23, 9, 0, 0).unwrap());
        let _ = validate_claim(&claim, &ctx);
        let _ = check_tenant_domain("d", &texts[5], &texts[6], DemoDirectory::builtin());
    }
}
