//! Fixtures shared by the native integration tests: the demo directory's
//! tenants (`data/demo-directory.json`) and a claim that passes every rule.

use cpor_desk::domain::claim::{Claim, Contact, DocumentRef, PartnerOrgRef, ProductLine};

/// Contoso's tenant in the demo directory.
pub const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
/// Contoso's verified domain in the demo directory.
pub const CONTOSO_DOMAIN: &str = "contoso.com";
/// Contoso's claimable Dynamics 365 Sales subscription in the demo directory.
pub const CONTOSO_SALES: &str = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
/// Fabrikam's tenant in the demo directory.
pub const FABRIKAM: &str = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
/// Fabrikam's verified domain in the demo directory.
pub const FABRIKAM_DOMAIN: &str = "fabrikam.com";
/// The partner organisation that owns the fixture claims.
pub const ORG: &str = "contoso-partners";

/// A complete Modern Work and Security claim (Contoso, Teams) that passes
/// every rule; it has no documents, so submitting it needs one.
pub fn mws_claim() -> Claim {
    Claim {
        id: "c1".into(),
        name: "Contoso Teams rollout".into(),
        solution_area: Some("modern_work_security".into()),
        partner_role: Some("use_or_consume".into()),
        partner_org: PartnerOrgRef {
            id: ORG.into(),
            name: "Adatum Consulting".into(),
        },
        partner_location: "1234567".into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: CONTOSO_DOMAIN.into(),
        tenant_id: CONTOSO.into(),
        products: vec![ProductLine::new("teams")],
        customer_contact: Contact {
            name: "Carl Customer".into(),
            email: "carl@contoso.com".into(),
            phone: Some("+46 (0)8-123 456".into()),
        },
        partner_contact: Contact {
            name: "Ada Partner".into(),
            email: "ada@adatum.com".into(),
            phone: None,
        },
        ..Claim::default()
    }
}

/// A PDF document reference with the given id.
pub fn pdf(id: &str) -> DocumentRef {
    DocumentRef {
        id: id.into(),
        name: format!("{id}.pdf"),
        size: 1234,
        kind: "pdf".into(),
        ..DocumentRef::default()
    }
}
