//! Property tests of the bulk CSV export/import and the iCalendar export:
//! valid claims survive CSV → parse, random and hostile CSV never panics
//! and is never half-imported, and the calendar's lines stay folded.
use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::bulk::{
    CSV_COLUMNS, CsvImport, ImportContext, claims_to_csv, deadlines_to_ics, parse_claims_csv,
};
use cpor_desk::domain::catalog::Catalog;
use cpor_desk::domain::claim::{
    Action, Claim, Contact, DocumentRef, HistoryEntry, PartnerOrgRef, ProductLine, Status,
};
use cpor_desk::domain::finding::Locale;
use cpor_desk::domain::partners::partner;
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::domain::validate::{ClaimContext, validate_claim};
use proptest::prelude::*;

use crate::support::{CONTOSO, CONTOSO_DOMAIN, FABRIKAM, FABRIKAM_DOMAIN};

const ID_A: &str = "0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10";
const ID_B: &str = "5c0e7a3b-1f2d-4e6a-8b9c-0d1e2f3a4b5c";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap()
}

fn org() -> PartnerOrgRef {
    PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    }
}

fn actor() -> Actor {
    Actor::partner("northwind", UserRole::IncentivesUser, "Ada")
}

fn import(text: &str, policy: &Policy) -> CsvImport {
    let ctx = ImportContext::new(actor(), org(), now(), policy);
    let mut n = 0u64;
    parse_claims_csv(text, &ctx, &mut || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012x}")
    })
}

/// Text with the characters that break naive CSV and iCalendar writers.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9 ]{1,10}",
        3 => prop::sample::select(vec![
            ",", "\"", "\"\"", "\r", "\n", "\r\n", "\n\r", ";", "\\", "<script>alert(1)</script>",
            "\u{202E}", "\u{200B}", "\u{FEFF}", "=", "+", "-", "@", "\t", "é", "😀", "例え", "'",
            "=cmd|' /C calc'!A0", " ", "\u{0}", "\u{7f}", "\u{85}", "\u{2028}",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
}

/// Hostile but not blank, at most `max` characters.
fn text_up_to(max: usize) -> impl Strategy<Value = String> {
    hostile_text().prop_map(move |s| {
        let s = if s.trim().is_empty() {
            format!("x{s}")
        } else {
            s
        };
        let mut out: String = s.chars().take(max).collect();
        if out.trim().is_empty() {
            out = "x".into();
        }
        out
    })
}

fn guid() -> impl Strategy<Value = String> {
    (any::<u64>(), any::<u64>()).prop_map(|(hi, lo)| {
        uuid::Uuid::from_u64_pair(hi | 1, lo)
            .hyphenated()
            .to_string()
    })
}

/// A claim that passes every rule without a directory: catalog area, role
/// and products, a demo partner location, a demo or random tenant.
fn valid_claim() -> impl Strategy<Value = Claim> {
    let catalog = Catalog::builtin();
    let areas: Vec<String> = catalog
        .solution_areas
        .iter()
        .map(|a| a.id.clone())
        .collect();
    prop::sample::select(areas).prop_flat_map(move |area| {
        let roles: Vec<String> = catalog.roles_for(&area).map(|r| r.id.clone()).collect();
        let products: Vec<String> = catalog
            .products_for(&area)
            .filter(|p| p.claimable)
            .map(|p| p.id.clone())
            .collect();
        let per_sub = catalog.is_per_subscription(&products[0]);
        let lines = prop::sample::subsequence(products.clone(), 1..=4.min(products.len()))
            .prop_flat_map(move |ids| {
                let n = ids.len();
                (
                    Just(ids),
                    prop::collection::vec(prop::option::of(guid()), n..=n),
                )
            })
            .prop_map(move |(ids, subs)| {
                ids.into_iter()
                    .zip(subs)
                    .map(|(product, sub)| ProductLine {
                        product,
                        subscription_id: sub.filter(|_| per_sub),
                    })
                    .collect::<Vec<_>>()
            });
        let locations: Vec<String> = partner("northwind")
            .unwrap()
            .locations
            .iter()
            .map(|l| l.mpn_id.clone())
            .collect();
        let tenant = prop_oneof![
            Just(CONTOSO.to_string()),
            Just(FABRIKAM.to_string()),
            guid()
        ];
        let domain = prop::sample::select(vec![
            CONTOSO_DOMAIN,
            FABRIKAM_DOMAIN,
            "example.org",
            "xn--bcher-kva.example",
            "sub.domain.co.uk",
        ]);
        let email = "[a-z]{1,8}(\\.[a-z]{1,5})?@[a-z]{2,8}\\.(com|se|org)";
        let phone = prop::option::of("\\+46 [0-9]{2} [0-9]{3} [0-9]{2}");
        (
            (
                Just(area),
                prop::sample::select(roles),
                lines,
                prop::sample::select(locations),
                tenant,
                domain,
            ),
            (
                text_up_to(100),
                text_up_to(300),
                (text_up_to(60), email, phone.clone()),
                (text_up_to(60), email, phone),
            ),
            (prop::sample::select(Status::ALL.to_vec()), 0usize..3),
        )
            .prop_map(
                |(
                    (area, role, products, location, tenant, domain),
                    (name, customer, (cc_name, cc_email, cc_phone), (pc_name, pc_email, pc_phone)),
                    (status, documents),
                )| Claim {
                    name,
                    solution_area: Some(area),
                    partner_role: Some(role),
                    partner_org: org(),
                    partner_location: location,
                    customer_name: customer,
                    customer_domain: domain.to_string(),
                    tenant_id: tenant,
                    products,
                    customer_contact: Contact {
                        name: cc_name,
                        email: cc_email,
                        phone: cc_phone,
                    },
                    partner_contact: Contact {
                        name: pc_name,
                        email: pc_email,
                        phone: pc_phone,
                    },
                    documents: vec![DocumentRef::default(); documents],
                    status,
                    created_at: Some(now().to_utc()),
                    ..Claim::default()
                },
            )
    })
}

/// The claim fields a CSV carries.
fn csv_fields(c: &Claim) -> impl PartialEq + std::fmt::Debug {
    (
        c.name.clone(),
        c.solution_area.clone(),
        c.partner_role.clone(),
        c.partner_org.clone(),
        c.partner_location.clone(),
        c.customer_name.clone(),
        c.customer_domain.clone(),
        c.tenant_id.clone(),
        c.products.clone(),
        c.customer_contact.clone(),
        c.partner_contact.clone(),
    )
}

/// Candidates cover every data row once; importable means no error on any
/// of the candidate's rows; the report holds every candidate's findings.
fn check_invariants(import: &CsvImport, policy: &Policy) -> Result<(), TestCaseError> {
    let mut seen = BTreeSet::new();
    for c in &import.claims {
        for &row in &c.rows {
            prop_assert!(seen.insert(row), "row {} in two candidates", row);
        }
        prop_assert_eq!(c.importable, !c.findings.iter().any(|f| f.is_error()));
        for f in &c.findings {
            prop_assert!(
                c.rows.contains(&f.row),
                "finding on row {} outside {:?}",
                f.row,
                c.rows
            );
            prop_assert!(import.findings.contains(f));
        }
        prop_assert_eq!(c.claim.status, Status::Draft);
        prop_assert_eq!(&c.claim.partner_org, &org());
        if c.importable {
            let errors: Vec<_> = validate_claim(&c.claim, &ClaimContext::new(policy))
                .into_iter()
                .filter(|f| f.is_error())
                .collect();
            prop_assert!(errors.is_empty(), "importable but {:?}", errors);
        }
    }
    if import.claims.is_empty() {
        prop_assert!(import.rows == 0 || import.has_errors());
    } else {
        prop_assert_eq!(seen.len(), import.rows);
    }
    let in_candidates: usize = import.claims.iter().map(|c| c.findings.len()).sum();
    prop_assert!(import.findings.len() >= in_candidates);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn valid_claims_survive_csv_and_back(
        claims in prop::collection::vec(valid_claim(), 1..5),
        ids in prop::collection::vec(guid(), 5),
    ) {
        let policy = Policy::default();
        let claims: Vec<Claim> = claims
            .into_iter()
            .zip(ids)
            .enumerate()
            .map(|(i, (claim, id))| Claim { id: format!("{}{i}", &id[..35]), ..claim })
            .collect();
        let csv = claims_to_csv(&claims, now(), &policy);
        let import = import(&csv, &policy);
        let rows: usize = claims.iter().map(|c| c.products.len().max(1)).sum();
        prop_assert_eq!(import.rows, rows);
        prop_assert_eq!(import.claims.len(), claims.len());
        for (cand, orig) in import.claims.iter().zip(&claims) {
            prop_assert!(cand.importable, "{:?}", cand.findings);
            prop_assert_eq!(&cand.claim.id, &orig.id);
            prop_assert_eq!(csv_fields(&cand.claim), csv_fields(orig));
            prop_assert!(cand.findings.iter().all(|f| !f.is_error()));
        }
        check_invariants(&import, &policy)?;
    }
}

/// A plausible or hostile value for a column.
fn cell(column: &'static str) -> BoxedStrategy<String> {
    let catalog = Catalog::builtin();
    let pool: Vec<String> = match column {
        "claim_id" => vec![
            ID_A.into(),
            ID_B.into(),
            ID_A.to_uppercase(),
            String::new(),
            "x-1".into(),
        ],
        "claim_name" => vec!["A".into(), "B".into(), "Rollout, phase 2".into()],
        "status" => vec!["draft".into(), "approved".into(), String::new()],
        "solution_area" => catalog
            .solution_areas
            .iter()
            .map(|a| a.id.clone())
            .collect(),
        "partner_role" => catalog.roles.iter().map(|r| r.id.clone()).collect(),
        "partner_org_id" => vec!["northwind".into(), String::new(), "adatum".into()],
        "partner_location" => vec!["4312785".into(), "4312790".into(), "12".into()],
        "customer_domain" => vec![
            "contoso.com".into(),
            "https://contoso.com/".into(),
            "not a domain".into(),
        ],
        "tenant_id" => vec![
            CONTOSO.into(),
            FABRIKAM.into(),
            CONTOSO.to_uppercase(),
            "nope".into(),
        ],
        "product" => {
            let mut p: Vec<String> = catalog.products.iter().map(|p| p.id.clone()).collect();
            p.extend(["Microsoft Teams".to_string(), String::new()]);
            p
        }
        "subscription_id" => vec![
            String::new(),
            String::new(),
            ID_B.into(),
            CONTOSO.into(),
            "sub".into(),
        ],
        "customer_contact_email" | "partner_contact_email" => {
            vec!["a@contoso.com".into(), "bad@".into(), String::new()]
        }
        "customer_contact_phone" | "partner_contact_phone" => {
            vec![String::new(), "+46 8 123 456".into(), "call me".into()]
        }
        "documents" => vec!["0".into(), "2".into(), String::new()],
        _ => vec!["Carl".into(), String::new(), "x".into()],
    };
    prop_oneof![4 => prop::sample::select(pool), 1 => hostile_text()].boxed()
}

fn quote(field: &str, always: bool) -> String {
    if always || field.contains(['"', ',', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Line breaks in `text` as a CSV reader counts them (CRLF, CR, LF).
fn line_breaks(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\r', '\n']).count()
}

/// The cells of one CSV row for `claim` and its product line `line`,
/// written here independently of the module's writer.
fn cells(claim: &Claim, line: usize) -> Vec<String> {
    let product = claim.products.get(line);
    CSV_COLUMNS
        .iter()
        .map(|&col| match col {
            "claim_id" => claim.id.clone(),
            "claim_name" => claim.name.clone(),
            "status" => claim.status.id().to_string(),
            "solution_area" => claim.solution_area.clone().unwrap_or_default(),
            "partner_role" => claim.partner_role.clone().unwrap_or_default(),
            "partner_org_id" => claim.partner_org.id.clone(),
            "partner_org_name" => claim.partner_org.name.clone(),
            "partner_location" => claim.partner_location.clone(),
            "customer_name" => claim.customer_name.clone(),
            "customer_domain" => claim.customer_domain.clone(),
            "tenant_id" => claim.tenant_id.clone(),
            "product" => product.map(|p| p.product.clone()).unwrap_or_default(),
            "subscription_id" => product
                .and_then(|p| p.subscription_id.clone())
                .unwrap_or_default(),
            "customer_contact_name" => claim.customer_contact.name.clone(),
            "customer_contact_email" => claim.customer_contact.email.clone(),
            "customer_contact_phone" => claim.customer_contact.phone.clone().unwrap_or_default(),
            "partner_contact_name" => claim.partner_contact.name.clone(),
            "partner_contact_email" => claim.partner_contact.email.clone(),
            "partner_contact_phone" => claim.partner_contact.phone.clone().unwrap_or_default(),
            "documents" => claim.documents.len().to_string(),
            _ => String::new(),
        })
        .collect()
}

/// A cell replaced by a plausible or hostile value.
fn mutation() -> impl Strategy<Value = (usize, String)> {
    (0..CSV_COLUMNS.len()).prop_flat_map(|i| (Just(i), cell(CSV_COLUMNS[i])))
}

/// Rows of a few valid claims (some without claim_id, grouped by name,
/// domain and tenant), in random order, some with cells mutated; columns
/// shuffled, CRLF or LF, a BOM or not, blank lines between. Also returns the
/// line each non-blank data row starts on.
fn random_csv() -> impl Strategy<Value = (String, Vec<usize>)> {
    let bases = prop::collection::vec((valid_claim(), guid(), any::<bool>()), 1..4);
    let row = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop_oneof![
            3 => Just(Vec::new()),
            2 => prop::collection::vec(mutation(), 1..3),
            1 => prop::collection::vec(mutation(), 5..24),
        ],
        0usize..3,
    );
    (
        bases,
        prop::collection::vec(row, 1..10),
        Just((0..CSV_COLUMNS.len()).collect::<Vec<_>>()).prop_shuffle(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(bases, rows, order, crlf, bom, always)| {
            let bases: Vec<Claim> = bases
                .into_iter()
                .map(|(claim, id, keep_id)| Claim {
                    id: if keep_id { id } else { String::new() },
                    ..claim
                })
                .collect();
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            let header: Vec<&str> = order.iter().map(|&i| CSV_COLUMNS[i]).collect();
            text.push_str(&header.join(","));
            text.push_str(eol);
            let mut starts = Vec::new();
            for (base, line, mutations, blanks) in rows {
                let claim = base.get(&bases);
                let mut values = cells(claim, line.index(claim.products.len()));
                for (i, v) in mutations {
                    values[i] = v;
                }
                for _ in 0..blanks {
                    text.push_str(eol);
                }
                if !values.iter().all(|v| v.trim().is_empty()) {
                    starts.push(1 + line_breaks(&text));
                }
                let fields: Vec<String> =
                    order.iter().map(|&i| quote(&values[i], always)).collect();
                text.push_str(&fields.join(","));
                text.push_str(eol);
            }
            (text, starts)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn random_rows_are_imported_whole_or_reported(csv in random_csv()) {
        let (text, starts) = csv;
        let policy = Policy::default();
        let import = import(&text, &policy);
        prop_assert_eq!(import.rows, starts.len());
        let rows: BTreeSet<usize> = import.claims.iter().flat_map(|c| c.rows.iter().copied()).collect();
        prop_assert_eq!(rows, starts.iter().copied().collect::<BTreeSet<_>>());
        // Only warnings about the header: every column is known.
        prop_assert!(import.findings.iter().all(|f| f.row != 1 || !f.is_error()));
        check_invariants(&import, &policy)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), body in hostile_text()) {
        let policy = Policy::default();
        let import_any = import(&text, &policy);
        check_invariants(&import_any, &policy)?;
        let with_header = format!("{}\r\n{body}\r\n{text}", CSV_COLUMNS.join(","));
        let import_body = import(&with_header, &policy);
        check_invariants(&import_body, &policy)?;
    }

    #[test]
    fn ics_lines_are_folded_and_unfold_to_the_text(
        name in hostile_text(),
        customer in hostile_text(),
        id in hostile_text(),
        sv in any::<bool>(),
    ) {
        let policy = Policy::default();
        let claim = Claim {
            id,
            name: name.clone(),
            customer_name: customer,
            status: Status::Submitted,
            history: vec![HistoryEntry {
                at: now().to_utc(),
                actor: actor(),
                action: Action::Submitted,
                from: Some(Status::Draft),
                to: Some(Status::Submitted),
                changes: vec![],
            }],
            ..Claim::default()
        };
        let locale = if sv { Locale::Sv } else { Locale::En };
        let ics = deadlines_to_ics(&[claim], now(), &policy, locale);
        prop_assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains(['\r', '\n']));
        }
        prop_assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        let unfolded = ics.replace("\r\n ", "");
        let summary = unfolded
            .split("\r\n")
            .find_map(|l| l.strip_prefix("SUMMARY:"))
            .unwrap();
        // Unescaped, the summary is the label and the name (line breaks as
        // LF, control characters other than tab, and U+2028/U+2029, dropped).
        let mut back = String::new();
        let mut chars = summary.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') => back.push('\n'),
                    Some(other) => back.push(other),
                    None => prop_assert!(false, "dangling escape"),
                },
                c => back.push(c),
            }
        }
        let expected: String = name
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| {
                c == '\t'
                    || c == '\n'
                    || !(c < ' '
                        || ('\u{7f}'..='\u{9f}').contains(&c)
                        || matches!(c, '\u{2028}' | '\u{2029}'))
            })
            .collect();
        let label = if sv { "Granskningen startar" } else { "Review starts" };
        prop_assert_eq!(back, format!("{label}: {expected}"));
    }
}
