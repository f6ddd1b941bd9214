//! Field and claim validation (docs/rules.md#findings): for every finding code a valid
//! input without the finding and an invalid one with it, table-driven.

use crate::support::{self, CONTOSO, CONTOSO_SALES as SALES, FABRIKAM, FABRIKAM_DOMAIN, ORG};
use chrono::{DateTime, TimeZone, Utc};
use cpor_desk::domain::claim::{Claim, Contact, PartnerLocation, ProductLine};
use cpor_desk::domain::competing::Association;
use cpor_desk::domain::directory::DemoDirectory;
use cpor_desk::domain::document::{MAX_DOCUMENT_BYTES, check_document, check_document_size};
use cpor_desk::domain::finding::{Code, Finding, Severity};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::validate::{
    ClaimContext, FieldName, FieldOptions, validate_claim, validate_contact, validate_email,
    validate_field, validate_for_submit, validate_mpn, validate_phone,
};

const CS_1: &str = "5747fde5-8253-4a63-9198-657a0ac7144e";
const M365: &str = "b2c0f154-8ca4-4bd4-910c-e206ac1f3bdc";
const CSP: &str = "7541648c-a0bb-4f72-9b48-c6fb9a592992";
const NOT_PROVISIONED: &str = "0b3c8caa-4a49-4cc2-bdc4-4a1b5c2af41b";
const TOO_RECENT: &str = "a3222e26-8a0a-4b98-bf70-c7a909248f07";
const CLAIMED: &str = "78d2a5f7-154c-4224-b53f-6cc4e04afc4f";
const EXPIRED: &str = "5998e453-3d96-44d5-a340-0033a63a3b21";
const UNKNOWN_SUB: &str = "e0a4b1c2-9d8e-4f70-8a6b-5c4d3e2f1a0b";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A complete Modern Work and Security claim that passes every rule.
fn mws_claim() -> Claim {
    Claim {
        documents: vec![support::pdf("d1")],
        ..support::mws_claim()
    }
}

/// A complete Business Applications claim on Contoso's Sales subscription.
fn ba_claim() -> Claim {
    Claim {
        solution_area: Some("business_applications".into()),
        partner_role: Some("build_intent_advisor".into()),
        products: vec![ProductLine::with_subscription("d365_sales", SALES)],
        ..mws_claim()
    }
}

fn on_fabrikam(mut c: Claim) -> Claim {
    c.tenant_id = FABRIKAM.into();
    c.customer_domain = FABRIKAM_DOMAIN.into();
    c.customer_name = "Fabrikam, Inc.".into();
    c.customer_contact.email = "carl@fabrikam.com".into();
    c
}

fn ba_line(c: &mut Claim, product: &str, sub: Option<&str>) {
    c.products = vec![ProductLine {
        product: product.into(),
        subscription_id: sub.map(str::to_string),
    }];
}

fn locations() -> Vec<PartnerLocation> {
    vec![
        PartnerLocation {
            mpn_id: "1234567".into(),
            name: "Stockholm".into(),
            country: "SE".into(),
            enrolled: true,
        },
        PartnerLocation {
            mpn_id: "7654321".into(),
            name: "Oslo".into(),
            country: "NO".into(),
            enrolled: false,
        },
    ]
}

fn held() -> Vec<Association> {
    let a = |org: &str, claim: &str, tenant: &str, product: &str, sub: Option<&str>| Association {
        partner_org_id: org.into(),
        claim_id: claim.into(),
        tenant_id: tenant.into(),
        product: product.into(),
        subscription_id: sub.map(str::to_string),
    };
    vec![
        a(ORG, "own-1", CONTOSO, "intune", None),
        a("northwind", "nw-1", CONTOSO, "exchange_online", None),
        a(
            "northwind",
            "nw-2",
            FABRIKAM,
            "d365_customer_service",
            Some(CS_1),
        ),
        // The claim's own entry never competes with itself.
        a(ORG, "c1", CONTOSO, "teams", None),
    ]
}

fn findings_with_everything(claim: &Claim) -> Vec<Finding> {
    let policy = Policy::default();
    let locations = locations();
    let held = held();
    let ctx = ClaimContext::new(&policy)
        .with_directory(DemoDirectory::builtin())
        .with_now(now())
        .with_locations(&locations)
        .with_held(&held);
    validate_claim(claim, &ctx)
}

fn pairs(findings: &[Finding]) -> Vec<(String, Code)> {
    findings.iter().map(|f| (f.field.clone(), f.code)).collect()
}

type Mutation = fn(&mut Claim);
/// (name, complete claim, mutation, expected (field, code) findings).
type Case = (&'static str, Claim, Mutation, Vec<(&'static str, Code)>);

#[test]
fn complete_claims_have_no_findings() {
    for (name, claim) in [
        ("mws", mws_claim()),
        ("ba", ba_claim()),
        ("ba without subscription (the only one is implied)", {
            let mut c = ba_claim();
            ba_line(&mut c, "d365_sales", None);
            c
        }),
        ("fabrikam customer service", {
            let mut c = on_fabrikam(ba_claim());
            ba_line(
                &mut c,
                "d365_customer_service",
                Some("5747FDE5825346A39198657A0AC7144E"),
            );
            c.products[0].subscription_id = Some("3eda50cc-2cd2-4364-8343-e1bd2d3f8bea".into());
            c
        }),
        ("revenue association", {
            let mut c = ba_claim();
            c.partner_role = Some("influenced_revenue".into());
            c.documents.clear();
            c
        }),
    ] {
        assert_eq!(pairs(&findings_with_everything(&claim)), [], "{name}");
        let policy = Policy::default();
        assert_eq!(
            pairs(&validate_claim(&claim, &ClaimContext::new(&policy))),
            [],
            "{name}"
        );
        assert_eq!(
            pairs(&validate_for_submit(&claim, &ClaimContext::new(&policy))),
            [],
            "{name}"
        );
    }
}

/// Every claim-level code: one mutation of a complete claim and the exact
/// findings it gives (with directory, clock, locations and held associations).
#[rustfmt::skip]
#[test]
fn every_claim_code_from_one_mutation() {
    let cases: Vec<Case> = vec![
        // Step 1.
        ("no area", mws_claim(), |c| c.solution_area = None, vec![("solutionArea", Code::SolutionAreaRequired)]),
        ("blank area", mws_claim(), |c| c.solution_area = Some(" ".into()), vec![("solutionArea", Code::SolutionAreaRequired)]),
        ("unknown area", mws_claim(), |c| c.solution_area = Some("retail".into()), vec![("solutionArea", Code::SolutionAreaRequired)]),
        ("no role", mws_claim(), |c| c.partner_role = None, vec![("partnerRole", Code::PartnerRoleRequired)]),
        ("role of the other area", mws_claim(), |c| c.partner_role = Some("build_intent_advisor".into()), vec![("partnerRole", Code::RoleWrongArea)]),
        ("unknown role", mws_claim(), |c| c.partner_role = Some("reseller".into()), vec![("partnerRole", Code::RoleWrongArea)]),
        // Step 2.
        ("no mpn", mws_claim(), |c| c.partner_location = "  ".into(), vec![("partnerLocation", Code::MpnRequired)]),
        ("short mpn", mws_claim(), |c| c.partner_location = "12345".into(), vec![("partnerLocation", Code::MpnFormat)]),
        ("long mpn", mws_claim(), |c| c.partner_location = "12345678901".into(), vec![("partnerLocation", Code::MpnFormat)]),
        ("letters in mpn", mws_claim(), |c| c.partner_location = "12ab567".into(), vec![("partnerLocation", Code::MpnFormat)]),
        ("not enrolled", mws_claim(), |c| c.partner_location = " 7654321 ".into(), vec![("partnerLocation", Code::MpnNotEnrolled)]),
        // Step 3.
        ("no domain", mws_claim(), |c| c.customer_domain = "".into(), vec![("customerDomain", Code::DomainRequired)]),
        ("bad domain", mws_claim(), |c| c.customer_domain = "contoso".into(), vec![("customerDomain", Code::DomainFormat)]),
        ("url", mws_claim(), |c| c.customer_domain = "https://contoso.com/about".into(), vec![("customerDomain", Code::DomainUrl)]),
        ("email as domain", mws_claim(), |c| c.customer_domain = "carl@contoso.com".into(), vec![("customerDomain", Code::DomainEmail)]),
        ("unknown domain", mws_claim(), |c| c.customer_domain = "example.org".into(), vec![("customerDomain", Code::DomainUnknown)]),
        ("domain of another tenant", mws_claim(), |c| c.customer_domain = "fabrikam.com".into(), vec![("customerDomain", Code::DomainMismatch)]),
        ("no tenant", mws_claim(), |c| c.tenant_id = "".into(), vec![("tenantId", Code::TenantRequired)]),
        ("bad tenant", mws_claim(), |c| c.tenant_id = "not-a-guid".into(), vec![("tenantId", Code::TenantFormat)]),
        ("nil tenant", mws_claim(), |c| c.tenant_id = "00000000000000000000000000000000".into(), vec![("tenantId", Code::TenantNil)]),
        ("consumer tenant", mws_claim(), |c| c.tenant_id = "9188040d-6c67-4c5b-b112-36a304b66dad".into(), vec![("tenantId", Code::TenantConsumer)]),
        ("no customer name", mws_claim(), |c| c.customer_name = " \t".into(), vec![("customerName", Code::CustomerNameRequired)]),
        // Issue 14, item 1: the name the directory has for the tenant.
        ("customer name of another tenant", mws_claim(), |c| c.customer_name = "Fabrikam, Inc.".into(), vec![("customerName", Code::CustomerNameMismatch)]),
        ("customer name without its legal form", mws_claim(), |c| c.customer_name = "CONTOSO".into(), vec![]),
        ("customer name of an unknown tenant", mws_claim(), |c| { c.tenant_id = "e0a4b1c2-9d8e-4f70-8a6b-5c4d3e2f1a0b".into(); c.customer_name = "Anything AB".into(); }, vec![("customerDomain", Code::DomainMismatch)]),
        // Step 4.
        ("no products", mws_claim(), |c| c.products.clear(), vec![("products", Code::ProductRequired)]),
        ("blank product", mws_claim(), |c| c.products.push(ProductLine::new(" ")), vec![("products[1].product", Code::ProductRequired)]),
        ("power bi", ba_claim(), |c| c.products.push(ProductLine::new("power_bi")), vec![("products[1].product", Code::ProductPowerBiDpor)]),
        ("product of the other area", mws_claim(), |c| c.products.push(ProductLine::new("d365_sales")), vec![("products[1].product", Code::ProductWrongArea)]),
        ("unknown product", mws_claim(), |c| c.products = vec![ProductLine::new("minecraft")], vec![("products[0].product", Code::ProductWrongArea)]),
        ("own association", mws_claim(), |c| c.products.push(ProductLine::new("intune")), vec![("products[1].product", Code::ProductAlreadyAssociated)]),
        ("competing", mws_claim(), |c| c.products.push(ProductLine::new("exchange_online")), vec![("products[1].product", Code::ProductCompeting)]),
        // Step 5 (Business Applications).
        ("sub format", ba_claim(), |c| ba_line(c, "d365_sales", Some("xyz")), vec![("products[0].subscriptionId", Code::SubscriptionFormat)]),
        ("sub is tenant", ba_claim(), |c| ba_line(c, "d365_sales", Some("{1D38BBEA-E8D8-407C-9C74-BEE089C92C07}")), vec![("products[0].subscriptionId", Code::SubscriptionIsTenantId)]),
        ("sub unknown", ba_claim(), |c| ba_line(c, "d365_sales", Some(UNKNOWN_SUB)), vec![("products[0].subscriptionId", Code::SubscriptionNotOnTenant)]),
        ("product mismatch", ba_claim(), |c| ba_line(c, "d365_customer_service", Some(SALES)), vec![("products[0].subscriptionId", Code::SubscriptionProductMismatch)]),
        ("not on tenant", on_fabrikam(ba_claim()), |_| {}, vec![("products[0].subscriptionId", Code::SubscriptionNotOnTenant)]),
        ("required", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_customer_service", None), vec![
            // Without a subscription ID the line overlaps Northwind's Customer Service subscription.
            ("products[0].product", Code::ProductCompeting),
            ("products[0].subscriptionId", Code::SubscriptionRequired),
        ]),
        ("required (none of the product)", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_sales", None), vec![("products[0].subscriptionId", Code::SubscriptionRequired)]),
        ("not dynamics", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_sales", Some(M365)), vec![("products[0].subscriptionId", Code::SubscriptionNotDynamics)]),
        ("csp", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_field_service", Some(CSP)), vec![("products[0].subscriptionId", Code::SubscriptionCsp)]),
        ("not provisioned", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_finance", Some(NOT_PROVISIONED)), vec![("products[0].subscriptionId", Code::SubscriptionNotProvisioned)]),
        ("too recent", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_business_central", Some(TOO_RECENT)), vec![("products[0].subscriptionId", Code::SubscriptionTooRecent)]),
        ("already claimed", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_supply_chain", Some(CLAIMED)), vec![("products[0].subscriptionId", Code::SubscriptionAlreadyClaimed)]),
        ("inactive", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_commerce", Some(EXPIRED)), vec![("products[0].subscriptionId", Code::SubscriptionInactive)]),
        ("competing subscription", on_fabrikam(ba_claim()), |c| ba_line(c, "d365_customer_service", Some(CS_1)), vec![("products[0].product", Code::ProductCompeting)]),
        // Step 6.
        ("no contact name", mws_claim(), |c| c.customer_contact.name = "".into(), vec![("customerContact.name", Code::ContactNameRequired)]),
        ("no contact email", mws_claim(), |c| c.partner_contact.email = " ".into(), vec![("partnerContact.email", Code::EmailRequired)]),
        ("bad contact email", mws_claim(), |c| c.customer_contact.email = "carl@contoso".into(), vec![("customerContact.email", Code::EmailFormat)]),
        // Issue 14, item 4: the customer contact's address is the customer's.
        ("contact at another organisation", mws_claim(), |c| c.customer_contact.email = "anna@fabrikam.com".into(), vec![("customerContact.email", Code::EmailNotCustomerDomain)]),
        ("contact at a mail provider", mws_claim(), |c| c.customer_contact.email = "anna@Gmail.com".into(), vec![("customerContact.email", Code::EmailNotCustomerDomain)]),
        ("contact at a subdomain", mws_claim(), |c| c.customer_contact.email = "anna@sales.contoso.com".into(), vec![]),
        ("contact at the tenant's other domain", mws_claim(), |c| c.customer_contact.email = "anna@contoso.onmicrosoft.com".into(), vec![]),
        ("partner contact at the partner", mws_claim(), |c| c.partner_contact.email = "ada@gmail.com".into(), vec![]),
        ("bad phone", mws_claim(), |c| c.customer_contact.phone = Some("12345".into()), vec![("customerContact.phone", Code::PhoneFormat)]),
        ("bad partner phone", mws_claim(), |c| c.partner_contact.phone = Some("call me".into()), vec![("partnerContact.phone", Code::PhoneFormat)]),
        ("no claim name", mws_claim(), |c| c.name = "   ".into(), vec![("name", Code::ClaimNameRequired)]),
        ("long claim name", mws_claim(), |c| c.name = "x".repeat(101), vec![("name", Code::ClaimNameTooLong)]),
    ];
    for (name, mut claim, mutate, want) in cases {
        mutate(&mut claim);
        let want: Vec<(String, Code)> = want.into_iter().map(|(f, c)| (f.to_string(), c)).collect();
        assert_eq!(pairs(&findings_with_everything(&claim)), want, "{name}");
    }
}

#[test]
fn the_customer_contact_is_checked_against_the_claims_domain_without_a_directory() {
    let policy = Policy::default();
    let ctx = ClaimContext::new(&policy);
    let codes = |email: &str| {
        let mut c = mws_claim();
        c.customer_contact.email = email.into();
        validate_claim(&c, &ctx)
            .into_iter()
            .map(|f| (f.field, f.code))
            .collect::<Vec<_>>()
    };
    let warned = vec![(
        "customerContact.email".to_string(),
        Code::EmailNotCustomerDomain,
    )];
    assert_eq!(codes("anna@fabrikam.com"), warned);
    assert_eq!(codes("anna@outlook.com"), warned);
    assert_eq!(codes("anna@contoso.com"), []);
    assert_eq!(codes("anna@it.contoso.com"), []);
    assert_eq!(
        codes("not an email"),
        [("customerContact.email".to_string(), Code::EmailFormat)]
    );
    // Without a usable customer domain only consumer providers are known.
    let mut c = mws_claim();
    c.customer_domain = "not a domain".into();
    c.customer_contact.email = "anna@fabrikam.com".into();
    assert!(
        !validate_claim(&c, &ctx)
            .iter()
            .any(|f| f.code == Code::EmailNotCustomerDomain)
    );
    c.customer_contact.email = "anna@hotmail.com".into();
    assert!(
        validate_claim(&c, &ctx)
            .iter()
            .any(|f| f.code == Code::EmailNotCustomerDomain)
    );
    // A warning: it never blocks.
    assert_eq!(Code::EmailNotCustomerDomain.severity(), Severity::Warning);
    assert_eq!(Code::CustomerNameMismatch.severity(), Severity::Warning);
}

#[test]
fn an_empty_claim_reports_every_required_field_in_wizard_order() {
    let policy = Policy::default();
    let got = pairs(&validate_claim(
        &Claim::default(),
        &ClaimContext::new(&policy),
    ));
    let want = [
        ("solutionArea", Code::SolutionAreaRequired),
        ("partnerRole", Code::PartnerRoleRequired),
        ("partnerLocation", Code::MpnRequired),
        ("customerDomain", Code::DomainRequired),
        ("tenantId", Code::TenantRequired),
        ("customerName", Code::CustomerNameRequired),
        ("products", Code::ProductRequired),
        ("customerContact.name", Code::ContactNameRequired),
        ("customerContact.email", Code::EmailRequired),
        ("partnerContact.name", Code::ContactNameRequired),
        ("partnerContact.email", Code::EmailRequired),
        ("name", Code::ClaimNameRequired),
    ];
    let want: Vec<(String, Code)> = want.iter().map(|(f, c)| (f.to_string(), *c)).collect();
    assert_eq!(got, want);
    let submit = validate_for_submit(&Claim::default(), &ClaimContext::new(&policy));
    assert_eq!(
        submit.last().map(|f| (f.field.as_str(), f.code)),
        Some(("documents", Code::PoeRequired))
    );
}

#[test]
fn directory_checks_need_a_directory_and_the_clock() {
    let policy = Policy::default();
    let mut c = on_fabrikam(ba_claim());
    ba_line(&mut c, "d365_business_central", Some(TOO_RECENT));
    c.customer_domain = "contoso.com".into();
    c.customer_contact.email = "carl@contoso.com".into();
    // Without a directory: no domain.mismatch, no subscription facts.
    assert_eq!(pairs(&validate_claim(&c, &ClaimContext::new(&policy))), []);
    // With a directory but no clock: no too_recent.
    let ctx = ClaimContext::new(&policy).with_directory(DemoDirectory::builtin());
    let got: Vec<Code> = validate_claim(&c, &ctx).iter().map(|f| f.code).collect();
    assert_eq!(got, [Code::DomainMismatch]);
    let ctx = ctx.with_now(now());
    let got: Vec<Code> = validate_claim(&c, &ctx).iter().map(|f| f.code).collect();
    assert_eq!(got, [Code::DomainMismatch, Code::SubscriptionTooRecent]);
    // Format rules of the subscription run always.
    ba_line(&mut c, "d365_sales", Some("xyz"));
    let got: Vec<Code> = validate_claim(&c, &ClaimContext::new(&policy))
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(got, [Code::SubscriptionFormat]);
}

#[test]
fn repeated_product_lines_are_checked_once() {
    let mut c = mws_claim();
    c.products = vec![
        ProductLine::new("exchange_online"),
        ProductLine::new("teams"),
        ProductLine::new("exchange_online"),
        // A subscription on a workload line is ignored: still a repeat.
        ProductLine::with_subscription("teams", SALES),
    ];
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [("products[0].product".to_string(), Code::ProductCompeting)]
    );
    // Business Applications: the same subscription, spelled differently, repeats;
    // another subscription of the same product does not.
    let mut c = on_fabrikam(ba_claim());
    c.products = vec![
        ProductLine::with_subscription("d365_commerce", EXPIRED),
        ProductLine::with_subscription("d365_commerce", EXPIRED.to_uppercase()),
        ProductLine::with_subscription("d365_field_service", CSP),
        ProductLine::new("d365_commerce"),
    ];
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [
            (
                "products[0].subscriptionId".to_string(),
                Code::SubscriptionInactive
            ),
            (
                "products[2].subscriptionId".to_string(),
                Code::SubscriptionCsp
            ),
            // The only Commerce subscription is implied.
            (
                "products[3].subscriptionId".to_string(),
                Code::SubscriptionInactive
            ),
        ]
    );
    // Blank lines are each reported.
    let mut c = mws_claim();
    c.products = vec![ProductLine::new(""), ProductLine::new("")];
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [
            ("products[0].product".to_string(), Code::ProductRequired),
            ("products[1].product".to_string(), Code::ProductRequired),
        ]
    );
}

#[test]
fn a_line_with_a_product_finding_gets_no_subscription_finding() {
    let mut c = mws_claim();
    c.products = vec![ProductLine::with_subscription("d365_sales", "xyz")];
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [("products[0].product".to_string(), Code::ProductWrongArea)]
    );
    let mut c = ba_claim();
    c.products = vec![ProductLine::with_subscription("power_bi", "xyz")];
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [("products[0].product".to_string(), Code::ProductPowerBiDpor)]
    );
    // With no area chosen, products are not judged against one.
    let mut c = ba_claim();
    c.solution_area = None;
    c.partner_role = Some("use_or_consume".into());
    assert_eq!(
        pairs(&findings_with_everything(&c)),
        [("solutionArea".to_string(), Code::SolutionAreaRequired)]
    );
}

#[test]
fn poe_is_required_on_submit_except_for_revenue_association() {
    let policy = Policy::default();
    let ctx = ClaimContext::new(&policy);
    let cases: &[(&str, Option<&str>, bool, bool)] = &[
        // (area, role, has documents, poe.required expected)
        ("modern_work_security", Some("use_or_consume"), true, false),
        ("modern_work_security", Some("use_or_consume"), false, true),
        (
            "business_applications",
            Some("build_intent_advisor"),
            false,
            true,
        ),
        (
            "business_applications",
            Some("usage_recognition"),
            false,
            true,
        ),
        (
            "business_applications",
            Some("influenced_revenue"),
            false,
            false,
        ),
        ("business_applications", None, false, true),
    ];
    for &(area, role, docs, want) in cases {
        let mut c = ba_claim();
        c.solution_area = Some(area.into());
        c.partner_role = role.map(str::to_string);
        if area == "modern_work_security" {
            c.products = vec![ProductLine::new("teams")];
        }
        if !docs {
            c.documents.clear();
        }
        let got = validate_for_submit(&c, &ctx)
            .iter()
            .any(|f| f.code == Code::PoeRequired);
        assert_eq!(got, want, "{area} {role:?} docs={docs}");
        assert!(
            !validate_claim(&c, &ctx)
                .iter()
                .any(|f| f.code == Code::PoeRequired)
        );
    }
}

#[test]
fn field_validators() {
    let tenant = FieldOptions {
        tenant_id: Some(CONTOSO.to_uppercase()),
    };
    let none = FieldOptions::default();
    let cases: &[(&str, &str, &FieldOptions, Option<Code>)] = &[
        ("tenantId", CONTOSO, &none, None),
        (
            "tenantId",
            " {1D38BBEA-E8D8-407C-9C74-BEE089C92C07} ",
            &none,
            None,
        ),
        ("tenantId", "", &none, Some(Code::TenantRequired)),
        ("tenantId", "nope", &none, Some(Code::TenantFormat)),
        (
            "tenantId",
            "00000000-0000-0000-0000-000000000000",
            &none,
            Some(Code::TenantNil),
        ),
        (
            "tenantId",
            "9188040d-6c67-4c5b-b112-36a304b66dad",
            &none,
            Some(Code::TenantConsumer),
        ),
        ("domain", "contoso.com", &none, None),
        ("domain", "", &none, Some(Code::DomainRequired)),
        ("domain", "contoso", &none, Some(Code::DomainFormat)),
        (
            "domain",
            "https://contoso.com",
            &none,
            Some(Code::DomainUrl),
        ),
        ("domain", "a@contoso.com", &none, Some(Code::DomainEmail)),
        ("subscriptionId", "", &none, None),
        ("subscriptionId", SALES, &tenant, None),
        (
            "subscriptionId",
            "xyz",
            &none,
            Some(Code::SubscriptionFormat),
        ),
        (
            "subscriptionId",
            CONTOSO,
            &tenant,
            Some(Code::SubscriptionIsTenantId),
        ),
        ("subscriptionId", CONTOSO, &none, None),
        ("mpnId", "123456", &none, None),
        ("mpnId", " 1234567890 ", &none, None),
        ("mpnId", "", &none, Some(Code::MpnRequired)),
        ("mpnId", "12345", &none, Some(Code::MpnFormat)),
        ("mpnId", "12345678901", &none, Some(Code::MpnFormat)),
        ("mpnId", "１２３４５６７", &none, Some(Code::MpnFormat)),
        ("mpnId", "123 4567", &none, Some(Code::MpnFormat)),
        ("email", "anna@contoso.com", &none, None),
        ("email", "", &none, Some(Code::EmailRequired)),
        ("email", "anna@contoso", &none, Some(Code::EmailFormat)),
        ("claimName", "Contoso CRM", &none, None),
        ("claimName", &"é".repeat(100), &none, None),
        ("claimName", " \n ", &none, Some(Code::ClaimNameRequired)),
        (
            "claimName",
            &"é".repeat(101),
            &none,
            Some(Code::ClaimNameTooLong),
        ),
    ];
    for (field, value, opts, want) in cases {
        let name = FieldName::from_js(field).unwrap();
        assert_eq!(name.js_name(), *field);
        let f = validate_field(name, value, opts);
        assert_eq!(
            f.iter().map(|f| f.code).collect::<Vec<_>>(),
            want.iter().copied().collect::<Vec<_>>(),
            "{field} {value:?}"
        );
        assert!(f.iter().all(|f| f.field == *field));
    }
    assert_eq!(FieldName::from_js("TenantId"), None);
    assert_eq!(FieldName::from_js("phone"), None);
}

#[test]
fn mpn_enrolment_needs_the_locations() {
    let locs = locations();
    type MpnCase<'a> = (&'a str, Option<&'a [PartnerLocation]>, Option<Code>);
    let cases: &[MpnCase] = &[
        ("1234567", Some(&locs), None),
        ("7654321", Some(&locs), Some(Code::MpnNotEnrolled)),
        ("7654321", None, None),
        ("1111111", Some(&locs), None),
        ("76543", Some(&locs), Some(Code::MpnFormat)),
    ];
    for (value, locations, want) in cases {
        let f = validate_mpn("partnerLocation", value, *locations);
        assert_eq!(f.first().map(|f| f.code), *want, "{value}");
    }
    assert_eq!(Code::MpnNotEnrolled.severity(), Severity::Warning);
}

#[test]
fn emails() {
    let valid = [
        "anna@contoso.com",
        "  Anna.Berg+poe@sales.contoso.co.uk ",
        "o'brien@contoso.com",
        "anna@bücher.example",
        "a_b-c@xn--bcher-kva.example",
    ];
    for v in valid {
        assert_eq!(validate_email("email", v), [], "{v:?}");
    }
    let invalid = [
        "anna",
        "anna@",
        "@contoso.com",
        "anna@contoso",
        "anna@localhost",
        "anna@contoso.com.",
        "anna@.contoso.com",
        "anna@contoso..com",
        "anna@@contoso.com",
        "anna@[10.0.0.1]",
        "anna@10.0.0.1",
        "anna@con_toso.com",
        "Anna <anna@contoso.com>",
        "<anna@contoso.com>",
        "anna berg@contoso.com",
        "anna@contoso.com, bo@contoso.com",
        "anna..berg@contoso.com",
        "anna@https://contoso.com",
    ];
    for v in invalid {
        assert_eq!(
            validate_email("email", v),
            [Finding::new("email", Code::EmailFormat)],
            "{v:?}"
        );
    }
}

#[test]
fn phones_and_contacts() {
    let valid = [
        "",
        "  ",
        "+46 8 123 456",
        "08-123 45 67",
        "(555) 123.4567",
        "123456",
        "+1 234 567 890 123 456 789 0",
    ];
    for v in valid {
        assert_eq!(validate_phone("p", v), [], "{v:?}");
    }
    let invalid = [
        "12345",
        "+1 234 567 890 123 456 789 01",
        "call me",
        "46+8123456",
        "++46 8 123 456",
        "+46 8 123 456 ext. 7",
        "０８１２３４５６",
        "08/123456",
    ];
    for v in invalid {
        assert_eq!(
            validate_phone("p", v),
            [Finding::new("p", Code::PhoneFormat)],
            "{v:?}"
        );
    }
    let c = Contact {
        name: "".into(),
        email: "x".into(),
        phone: Some("1".into()),
    };
    assert_eq!(
        pairs(&validate_contact("customerContact", &c)),
        [
            (
                "customerContact.name".to_string(),
                Code::ContactNameRequired
            ),
            ("customerContact.email".to_string(), Code::EmailFormat),
            ("customerContact.phone".to_string(), Code::PhoneFormat),
        ]
    );
}

#[test]
fn document_codes() {
    let field = "documents";
    assert_eq!(
        check_document(field, "a.pdf", b"%PDF-1.7").map_err(|f| pairs(&f)),
        Ok(cpor_desk::domain::document::DocKind::Pdf)
    );
    let cases: &[(&[u8], Code)] = &[
        (b"", Code::PoeFileEmpty),
        (b"MZ\x90\x00", Code::PoeFileType),
        (b"GIF89a\x01\x00", Code::PoeFileType),
    ];
    for (bytes, code) in cases {
        assert_eq!(
            check_document(field, "a.pdf", bytes).map_err(|f| pairs(&f)),
            Err(vec![(field.to_string(), *code)])
        );
    }
    let big = vec![b'a'; MAX_DOCUMENT_BYTES as usize + 1];
    assert_eq!(
        check_document(field, "a.txt", &big).map_err(|f| pairs(&f)),
        Err(vec![(field.to_string(), Code::PoeFileTooLarge)])
    );
    assert_eq!(check_document_size(field, "a.pdf", MAX_DOCUMENT_BYTES), []);
    assert_eq!(
        pairs(&check_document_size(field, "a.pdf", 0)),
        [(field.to_string(), Code::PoeFileEmpty)]
    );
}
