//! Claims, ids and helpers shared by the bulk tests.

use chrono::{DateTime, FixedOffset};

use super::{CsvImport, ImportContext, RowFinding, parse_claims_csv};
use crate::domain::claim::{Claim, Contact, PartnerOrgRef, ProductLine, Status};
use crate::domain::policy::Policy;
use crate::domain::roles::{Actor, UserRole};
use crate::domain::status::new_claim;

pub(super) const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
pub(super) const ID_A: &str = "0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10";
pub(super) const ID_B: &str = "5c0e7a3b-1f2d-4e6a-8b9c-0d1e2f3a4b5c";

pub(super) fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap()
}

pub(super) fn org() -> PartnerOrgRef {
    PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    }
}

pub(super) fn actor() -> Actor {
    Actor::partner("northwind", UserRole::IncentivesUser, "Ada")
}

/// A claim that passes every rule (without directory).
pub(super) fn sample(id: &str) -> Claim {
    let template = Claim {
        name: "Contoso Teams rollout".into(),
        solution_area: Some("modern_work_security".into()),
        partner_role: Some("use_or_consume".into()),
        partner_org: org(),
        partner_location: "4312785".into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: "contoso.com".into(),
        tenant_id: CONTOSO.into(),
        products: vec![
            ProductLine::new("teams"),
            ProductLine::new("intune"),
            ProductLine::new("exchange_online"),
        ],
        customer_contact: Contact {
            name: "Carl Customer".into(),
            email: "carl@contoso.com".into(),
            phone: Some("+46 8 123 456".into()),
        },
        partner_contact: Contact {
            name: "Ada Partner".into(),
            email: "ada@northwind.com".into(),
            phone: None,
        },
        ..Claim::default()
    };
    new_claim(id, template, &actor(), now()).unwrap()
}

pub(super) fn import_with(text: &str, ctx: &ImportContext) -> CsvImport {
    let mut n = 0;
    parse_claims_csv(text, ctx, &mut || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    })
}

pub(super) fn import(text: &str) -> CsvImport {
    let policy = Policy::default();
    import_with(text, &ImportContext::new(actor(), org(), now(), &policy))
}

/// The claim fields a CSV carries.
pub(super) fn csv_fields(c: &Claim) -> impl PartialEq + std::fmt::Debug {
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

pub(super) fn codes(findings: &[RowFinding]) -> Vec<(usize, &str, &str)> {
    findings
        .iter()
        .map(|f| (f.row, f.field(), f.code().as_str()))
        .collect()
}

pub(super) fn submitted(id: &str, name: &str) -> Claim {
    let mut claim = sample(id);
    claim.name = name.to_string();
    claim.status = Status::Submitted;
    claim.history.push(crate::domain::claim::HistoryEntry {
        at: DateTime::parse_from_rfc3339("2026-11-16T10:00:00Z")
            .unwrap()
            .to_utc(),
        actor: actor(),
        action: crate::domain::claim::Action::Submitted,
        from: Some(Status::Draft),
        to: Some(Status::Submitted),
        changes: vec![],
    });
    claim
}
