//! Claims to CSV (see the module docs of [`super`], "Export").

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat};

use super::csv::write_record;
use super::{COLUMN_COUNT, COLUMNS};
use crate::domain::claim::{Claim, Contact, ProductLine};
use crate::domain::policy::Policy;
use crate::domain::status::advance;
use crate::domain::timeline::open_deadlines;

/// The claims as CSV (RFC 4180, CRLF, no byte-order mark): the header row of
/// [`CSV_COLUMNS`], then one row per claim and product line. `status` and
/// the next deadline are those at `now` (time-driven transitions applied).
pub fn claims_to_csv(claims: &[Claim], now: DateTime<FixedOffset>, policy: &Policy) -> String {
    let mut out = String::new();
    write_record(&mut out, &COLUMNS);
    for stored in claims {
        let claim = advance(stored, now, policy);
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
        let lines: Vec<Option<&ProductLine>> = if claim.products.is_empty() {
            vec![None]
        } else {
            claim.products.iter().map(Some).collect()
        };
        for line in lines {
            let row: [&str; COLUMN_COUNT] = [
                &claim.id,
                &claim.name,
                claim.status.id(),
                claim.solution_area.as_deref().unwrap_or(""),
                claim.partner_role.as_deref().unwrap_or(""),
                &claim.partner_org.id,
                &claim.partner_org.name,
                &claim.partner_location,
                &claim.customer_name,
                &claim.customer_domain,
                &claim.tenant_id,
                line.map_or("", |l| l.product.as_str()),
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
                &due,
                &documents,
            ];
            write_record(&mut out, &row);
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
        assert!(!csv.starts_with('\u{feff}'));
        assert!(csv.ends_with("\r\n"));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 5); // header, 3 products, and "" after the last CRLF
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            format!(
                "{ID_A},Contoso Teams rollout,draft,modern_work_security,use_or_consume,northwind,\
                 Northwind Traders,4312785,Contoso Ltd,contoso.com,{CONTOSO},teams,,Carl Customer,\
                 carl@contoso.com,+46 8 123 456,Ada Partner,ada@northwind.com,,2026-11-23T08:00:00Z,,,0"
            )
        );
        assert!(lines[2].contains(",intune,"));
        assert!(lines[3].contains(",exchange_online,"));

        let none = Claim {
            products: vec![],
            ..claim
        };
        let csv = claims_to_csv(&[none], now(), &Policy::default());
        assert_eq!(csv.matches("\r\n").count(), 2);
        assert!(csv.contains(&format!(",{CONTOSO},,,Carl Customer,")));
    }

    #[test]
    fn export_shows_the_status_and_deadline_at_now() {
        let mut claim = submitted(ID_A, &sample(ID_A).name);
        claim.documents = vec![DocumentRef::default(), DocumentRef::default()];
        let csv = claims_to_csv(&[claim], now(), &Policy::default());
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.contains(",submitted,"), "{row}");
        assert!(row.ends_with(",review_start,2026-11-23,2"), "{row}");
    }
}
