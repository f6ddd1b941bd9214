//! Claims to CSV (see the module docs of [`super`], "Export").

use std::borrow::Cow;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat};

use super::csv::{defuse_formula, write_record};
use super::{COLUMN_COUNT, COLUMNS};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Contact, ProductLine};
use crate::domain::finding::Locale;
use crate::domain::policy::Policy;
use crate::domain::status::advance_cow;
use crate::domain::timeline::open_deadlines;

/// The UTF-8 byte-order mark every export starts with: Excel on Windows
/// reads the file as UTF-8 only with it ("–", "å"); the import accepts a
/// file with or without it.
pub const CSV_BOM: char = '\u{feff}';

/// The claims as CSV with English labels ([`claims_to_csv_in`]).
pub fn claims_to_csv(claims: &[Claim], now: DateTime<FixedOffset>, policy: &Policy) -> String {
    claims_to_csv_in(claims, now, policy, Locale::En)
}

/// The claims as CSV (RFC 4180, CRLF, a UTF-8 byte-order mark): the header
/// row of [`CSV_COLUMNS`](super::CSV_COLUMNS), then one row per claim and
/// product line. `status` and the next deadline are those at `now`
/// (time-driven transitions applied); the `*_label` columns say in
/// `locale` what the code beside them means. Every cell is defused against
/// spreadsheet formulas ([`defuse_formula`]).
pub fn claims_to_csv_in<C: std::borrow::Borrow<Claim>>(
    claims: &[C],
    now: DateTime<FixedOffset>,
    policy: &Policy,
    locale: Locale,
) -> String {
    let catalog = Catalog::builtin();
    let mut out = String::from(CSV_BOM);
    write_record(&mut out, &COLUMNS);
    for stored in claims {
        let claim = advance_cow(stored.borrow(), now, policy);
        let next = open_deadlines(&claim, now, policy)
            .into_iter()
            .min_by_key(|d| d.due);
        let created = claim
            .created_at
            .map(|at| at.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            .unwrap_or_default();
        let due = next.as_ref().map(|d| iso_date(d.due)).unwrap_or_default();
        let documents = claim.documents.len().to_string();
        let phone = |c: &Contact| c.phone.as_deref().unwrap_or("").to_string();
        let (customer_phone, partner_phone) = (
            phone(&claim.customer_contact),
            phone(&claim.partner_contact),
        );
        let area = claim.solution_area.as_deref().unwrap_or("");
        let role = claim.partner_role.as_deref().unwrap_or("");
        let area_label = catalog.area(area).map_or("", |a| a.name.get(locale));
        let role_label = catalog.role(role).map_or("", |r| r.name.get(locale));
        let lines: Vec<Option<&ProductLine>> = if claim.products.is_empty() {
            vec![None]
        } else {
            claim.products.iter().map(Some).collect()
        };
        for line in lines {
            let product = line.map_or("", |l| l.product.as_str());
            let row: [&str; COLUMN_COUNT] = [
                &claim.id,
                &claim.name,
                claim.status.id(),
                claim.status.label(locale),
                area,
                area_label,
                role,
                role_label,
                &claim.partner_org.id,
                &claim.partner_org.name,
                &claim.partner_location,
                &claim.customer_name,
                &claim.customer_domain,
                &claim.tenant_id,
                product,
                catalog.product(product).map_or("", |p| p.name.as_str()),
                line.and_then(|l| l.subscription_id.as_deref())
                    .unwrap_or(""),
                &claim.customer_contact.name,
                &claim.customer_contact.email,
                &customer_phone,
                &claim.partner_contact.name,
                &claim.partner_contact.email,
                &partner_phone,
                &created,
                next.as_ref().map_or("", |d| d.kind.id()),
                next.as_ref().map_or("", |d| d.kind.label(locale)),
                &due,
                &documents,
            ];
            let cells: Vec<Cow<str>> = row.iter().map(|v| defuse_formula(v)).collect();
            let cells: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
            write_record(&mut out, &cells);
        }
    }
    out
}

fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::bulk::CSV_COLUMNS;
    use crate::domain::claim::DocumentRef;

    #[test]
    fn one_row_per_product_with_the_claim_columns_repeated() {
        let claim = sample(ID_A);
        let csv = claims_to_csv(std::slice::from_ref(&claim), now(), &Policy::default());
        let csv = csv.strip_prefix(CSV_BOM).expect("a byte-order mark first");
        assert!(csv.ends_with("\r\n"));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 5); // header, 3 products, and "" after the last CRLF
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            format!(
                "{ID_A},Contoso Teams rollout,draft,Editing,modern_work_security,Modern Work and Security,\
                 use_or_consume,Use or consume,northwind,Northwind Traders,4312785,Contoso Ltd,contoso.com,\
                 {CONTOSO},teams,Microsoft Teams,,Carl Customer,carl@contoso.com,'+46 8 123 456,Ada Partner,\
                 ada@northwind.com,,2026-11-23T08:00:00Z,,,,0"
            )
        );
        assert!(lines[2].contains(",intune,Microsoft Intune,"));
        assert!(lines[3].contains(",exchange_online,Exchange Online,"));

        let none = Claim {
            products: vec![],
            ..claim
        };
        let csv = claims_to_csv(&[none], now(), &Policy::default());
        assert_eq!(csv.matches("\r\n").count(), 2);
        assert!(csv.contains(&format!(",{CONTOSO},,,,Carl Customer,")));
    }

    #[test]
    fn labels_follow_the_locale() {
        let csv = claims_to_csv_in(&[sample(ID_A)], now(), &Policy::default(), Locale::Sv);
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.contains(",draft,Redigering,"), "{row}");
        let area = Catalog::builtin()
            .area("modern_work_security")
            .unwrap()
            .name
            .get(Locale::Sv)
            .to_string();
        assert!(
            row.contains(&format!(",modern_work_security,{area},")),
            "{row}"
        );
    }

    #[test]
    fn export_shows_the_status_and_deadline_at_now() {
        let mut claim = submitted(ID_A, &sample(ID_A).name);
        claim.documents = vec![DocumentRef::default(), DocumentRef::default()];
        let csv = claims_to_csv(&[claim], now(), &Policy::default());
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.contains(",submitted,Submitted,"), "{row}");
        assert!(
            row.ends_with(",review_start,Review starts,2026-11-23,2"),
            "{row}"
        );
    }
}
