//! The import rules, row by row (the round trips are in [`super::super`]'s tests).

use super::super::fixtures::*;
use super::*;
use crate::domain::bulk::{CSV_COLUMNS, claims_to_csv};
use crate::domain::claim::DocumentRef;
use crate::domain::roles::UserRole;

#[test]
fn header_rules() {
    // Any order, any case, spaces around names; unknown columns warn.
    let csv = "Tenant_ID , product,extra,CLAIM_NAME,customer_domain\n\
               1D38BBEA-E8D8-407C-9C74-BEE089C92C07,teams,x,Rollout,Contoso.COM\n";
    let import = import(csv);
    assert_eq!(
        codes(&import.findings)[0],
        (1, "extra", "csv.unknown_column")
    );
    let c = &import.claims[0].claim;
    assert_eq!(c.name, "Rollout");
    assert_eq!(c.tenant_id, CONTOSO);
    assert_eq!(c.customer_domain, "contoso.com");
    assert_eq!(c.products, [ProductLine::new("teams")]);
    // Not importable: no area, role, location, contacts.
    assert!(!import.claims[0].importable);

    // Missing required columns: a file-level error each, no candidates.
    let import = self::import("claim_name,product\nx,teams\n");
    assert!(import.claims.is_empty());
    assert_eq!(import.rows, 1);
    assert_eq!(
        codes(&import.findings),
        [
            (1, "customer_domain", "csv.column_missing"),
            (1, "tenant_id", "csv.column_missing")
        ]
    );
    // A repeated column.
    let import = self::import("claim_name,customer_domain,tenant_id,product,product\n");
    assert_eq!(
        codes(&import.findings),
        [(1, "product", "csv.duplicate_column")]
    );
    // No header at all, or a first line that names no column.
    for text in ["", "\r\n\r\n", "Rollout,contoso.com,x,teams\r\n"] {
        let import = self::import(text);
        assert!(import.claims.is_empty());
        assert_eq!(
            codes(&import.findings),
            [(1, "", "csv.header_missing")],
            "{text:?}"
        );
    }
    // A malformed header.
    let import = self::import("claim_name,\"product\n");
    assert_eq!(codes(&import.findings), [(1, "", "csv.malformed")]);
    // A header only: nothing to import, nothing wrong.
    let import = self::import(&CSV_COLUMNS.join(","));
    assert_eq!((import.rows, import.claims.len()), (0, 0));
    assert!(import.findings.is_empty());
}

fn row(claim_id: &str, name: &str, product: &str) -> String {
    format!(
        "{claim_id},{name},modern_work_security,use_or_consume,4312785,Contoso Ltd,contoso.com,\
         {CONTOSO},{product},Carl,carl@contoso.com,Ada,ada@northwind.com\r\n"
    )
}

const HEADER: &str = "claim_id,claim_name,solution_area,partner_role,partner_location,\
                      customer_name,customer_domain,tenant_id,product,customer_contact_name,\
                      customer_contact_email,partner_contact_name,partner_contact_email\r\n";

#[test]
fn grouping_by_id_or_by_name_domain_and_tenant() {
    let csv = [
        HEADER.to_string(),
        row(ID_A, "A", "teams"),
        row("", "B", "teams"),
        row(&ID_A.to_uppercase(), "A", "intune"),
        row("", "B", "intune"),
        row("", "C", "teams"),
        "\r\n".to_string(),
        row(&format!("{{{ID_A}}}"), "A", "windows_365"),
    ]
    .concat();
    let import = import(&csv);
    assert_eq!(import.rows, 6);
    let got: Vec<(&str, Vec<usize>, usize)> = import
        .claims
        .iter()
        .map(|c| {
            (
                c.claim.name.as_str(),
                c.rows.clone(),
                c.claim.products.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A", vec![2, 4, 8], 3),
            ("B", vec![3, 5], 2),
            ("C", vec![6], 1)
        ]
    );
    assert!(
        import.claims.iter().all(|c| c.importable),
        "{:?}",
        codes(&import.findings)
    );
    assert_eq!(import.claims[0].claim.id, ID_A);
    // B and C had no id: new ones from the caller.
    assert_eq!(
        import.claims[1].claim.id,
        "00000000-0000-4000-8000-000000000001"
    );
    assert_eq!(
        import.claims[2].claim.id,
        "00000000-0000-4000-8000-000000000002"
    );
}

#[test]
fn conflicting_rows_block_the_claim() {
    let csv = [
        HEADER.to_string(),
        row(ID_A, "A", "teams"),
        row(ID_A, "A renamed", "intune"),
        row(ID_B, "B", "teams"),
    ]
    .concat();
    let import = import(&csv);
    assert_eq!(
        codes(&import.findings),
        [(3, "claim_name", "csv.row_conflict")]
    );
    assert!(!import.claims[0].importable);
    assert_eq!(import.claims[0].claim.name, "A");
    assert!(import.claims[1].importable);
}

#[test]
fn never_half_imports_and_reports_each_row() {
    // Claim A: its second product is not claimable, its third is of
    // another solution area, its fourth is unknown (and spans two lines).
    let csv = [
        HEADER.to_string(),
        row(ID_A, "A", "teams"),
        row(ID_A, "A", "power_bi"),
        row(ID_B, "B", "Microsoft Intune"),
        row(ID_A, "A", "d365_sales"),
        row(ID_A, "A", "\"multi\r\nline\""),
        row(ID_B, "B", "teams"),
    ]
    .concat();
    let import = import(&csv);
    let a = &import.claims[0];
    assert_eq!(a.rows, [2, 3, 5, 6]);
    assert!(!a.importable);
    assert_eq!(
        codes(&a.findings),
        [
            (3, "product", "product.power_bi_dpor"),
            (5, "product", "product.wrong_area"),
            (6, "product", "product.wrong_area"),
        ]
    );
    // The claim still carries every line, for the report.
    assert_eq!(a.claim.products.len(), 4);
    // B (its product given by name) starts after A's rows; the multi-line
    // field moved it down one line.
    let b = &import.claims[1];
    assert_eq!(b.rows, [4, 8]);
    assert!(b.importable);
    assert_eq!(b.claim.products[0].product, "intune");
    assert_eq!(import.importable().count(), 1);
    assert!(import.has_errors());
    // The messages are there in both languages.
    for f in &import.findings {
        assert!(!f.message(Locale::En).is_empty());
        assert!(!f.message(Locale::Sv).is_empty());
        assert_eq!(f.severity(), Severity::Error);
    }
}

#[test]
fn malformed_and_short_rows_block_their_claim() {
    let short = format!("{ID_A},A,modern_work_security\r\n");
    let csv = [
        HEADER.to_string(),
        row(ID_A, "A", "teams"),
        short,
        row(ID_B, "B\"quoted", "teams"),
    ]
    .concat();
    let import = import(&csv);
    let found = codes(&import.findings);
    assert!(found.contains(&(3, "", "csv.field_count")), "{found:?}");
    assert!(found.contains(&(4, "", "csv.malformed")), "{found:?}");
    assert!(import.claims.iter().all(|c| !c.importable));
    assert_eq!(import.claims[0].rows, [2, 3]);
}

#[test]
fn ids_kept_replaced_or_new() {
    let csv = [
        HEADER.to_string(),
        row(ID_A, "A", "teams"),
        row(ID_B, "B", "teams"),
        row("claim-7", "C", "teams"),
        row("00000000-0000-0000-0000-000000000000", "D", "teams"),
    ]
    .concat();
    let policy = Policy::default();
    let ctx =
        ImportContext::new(actor(), org(), now(), &policy).with_existing_ids([ID_B.to_uppercase()]);
    let import = import_with(&csv, &ctx);
    assert_eq!(
        codes(&import.findings),
        [
            (3, "claim_id", "csv.duplicate_id"),
            (4, "claim_id", "csv.claim_id_format"),
            (5, "claim_id", "csv.claim_id_format"),
        ]
    );
    let ids: Vec<&str> = import.claims.iter().map(|c| c.claim.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            ID_A,
            "00000000-0000-4000-8000-000000000001",
            "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000003",
        ]
    );
    // Warnings do not block.
    assert!(import.claims.iter().all(|c| c.importable));

    // A new id that is taken is asked for again.
    let ctx =
        ImportContext::new(actor(), org(), now(), &policy).with_existing_ids(["taken".to_string()]);
    let mut ids = ["taken", "fresh"].into_iter();
    let csv = [HEADER, row("", "A", "teams").as_str()].concat();
    let import = parse_claims_csv(&csv, &ctx, &mut || ids.next().unwrap_or("x").to_string());
    assert_eq!(import.claims[0].claim.id, "fresh");
}

#[test]
fn other_organisation_status_documents_and_subscriptions() {
    let mut claim = sample(ID_A);
    claim.status = Status::Approved;
    claim.documents = vec![DocumentRef::default()];
    claim.partner_org.id = "adatum".into();
    claim.products = vec![ProductLine::with_subscription("teams", ID_B)];
    let csv = claims_to_csv(&[claim], now(), &Policy::default());
    let import = import(&csv);
    assert_eq!(
        codes(&import.findings),
        [
            (2, "partner_org_id", "csv.partner_org_mismatch"),
            (2, "status", "csv.draft_only"),
            (2, "documents", "csv.draft_only"),
            (2, "subscription_id", "csv.subscription_ignored"),
        ]
    );
    let c = &import.claims[0];
    assert!(!c.importable);
    assert_eq!(c.claim.partner_org, org());
    assert_eq!(c.claim.products, [ProductLine::new("teams")]);
    assert_eq!(c.claim.status, Status::Draft);
    assert!(c.claim.documents.is_empty());
}

#[test]
fn identifiers_are_stored_canonical_and_input_warnings_kept() {
    let mut claim = sample(ID_A);
    claim.customer_domain = "https://Contoso.com/about".into();
    claim.tenant_id = format!("{{{}}}", CONTOSO.to_uppercase());
    claim.solution_area = Some("business_applications".into());
    claim.partner_role = Some("build_intent_advisor".into());
    claim.products = vec![ProductLine::with_subscription(
        " d365_sales ",
        ID_B.to_uppercase(),
    )];
    let import = import(&claims_to_csv(&[claim], now(), &Policy::default()));
    assert_eq!(
        codes(&import.findings),
        [(2, "customer_domain", "domain.url")]
    );
    let c = &import.claims[0];
    assert!(c.importable);
    assert_eq!(c.claim.customer_domain, "contoso.com");
    assert_eq!(c.claim.tenant_id, CONTOSO);
    assert_eq!(
        c.claim.products,
        [ProductLine::with_subscription("d365_sales", ID_B)]
    );
}

#[test]
fn a_view_only_role_cannot_import() {
    let policy = Policy::default();
    let viewer = Actor::partner("northwind", UserRole::AccountAdmin, "Vic");
    let ctx = ImportContext::new(viewer, org(), now(), &policy);
    let csv = claims_to_csv(&[sample(ID_A)], now(), &Policy::default());
    let import = import_with(&csv, &ctx);
    assert_eq!(
        codes(&import.findings),
        [(2, "", "transition.forbidden_role")]
    );
    assert!(!import.claims[0].importable);
    assert_eq!(import.claims[0].claim.status, Status::Draft);
}

#[test]
fn directory_and_locations_are_used_when_given() {
    let dir = crate::domain::directory::DemoDirectory::builtin();
    let northwind = crate::domain::partners::partner("northwind").unwrap();
    let policy = Policy::default();
    let mut claim = sample(ID_A);
    claim.customer_domain = "fabrikam.com".into();
    claim.partner_location = "4312790".into();
    let csv = claims_to_csv(&[claim], now(), &policy);
    let ctx = ImportContext::new(actor(), org(), now(), &policy)
        .with_directory(dir)
        .with_locations(&northwind.locations);
    let import = import_with(&csv, &ctx);
    let found = codes(&import.findings);
    assert!(
        found.contains(&(2, "partner_location", "mpn.not_enrolled")),
        "{found:?}"
    );
    assert!(
        found.contains(&(2, "customer_domain", "domain.mismatch")),
        "{found:?}"
    );
    assert!(!import.claims[0].importable);
}

#[test]
fn column_paths_map_to_csv_columns() {
    assert_eq!(column_of("tenantId"), ("tenant_id".into(), None));
    assert_eq!(
        column_of("products[2].product"),
        ("product".into(), Some(2))
    );
    assert_eq!(
        column_of("products[0].subscriptionId"),
        ("subscription_id".into(), Some(0))
    );
    assert_eq!(
        column_of("partnerContact.phone"),
        ("partner_contact_phone".into(), None)
    );
    assert_eq!(
        column_of("products[x].other"),
        ("products[x].other".into(), None)
    );
}
