//! Bulk work on claims, as pure functions (no UI): claims to CSV and back
//! ([`claims_to_csv`], [`parse_claims_csv`]), and the open deadlines of
//! claims as an iCalendar file ([`deadlines_to_ics`]).
//!
//! ```
//! use chrono::DateTime;
//! use cpor_desk::domain::bulk::{CSV_COLUMNS, ImportContext, claims_to_csv, deadlines_to_ics, parse_claims_csv};
//! use cpor_desk::domain::claim::{PartnerOrgRef, Status};
//! use cpor_desk::domain::finding::{Code, Locale};
//! use cpor_desk::domain::policy::Policy;
//! use cpor_desk::domain::roles::{Actor, UserRole};
//!
//! // Two rows, one claim (same claim_id): Teams and Intune for Contoso.
//! let csv = "claim_id,claim_name,solution_area,partner_role,partner_location,customer_name,\
//! customer_domain,tenant_id,product,customer_contact_name,customer_contact_email,\
//! partner_contact_name,partner_contact_email,colour\r\n\
//! 0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10,Contoso rollout,modern_work_security,use_or_consume,4312785,\
//! Contoso Ltd,contoso.com,1d38bbea-e8d8-407c-9c74-bee089c92c07,teams,Carl,carl@contoso.com,Ada,ada@northwind.com,blue\r\n\
//! 0b6f2c1e-7d1a-4c57-9a57-3f8e4b1d2a10,Contoso rollout,modern_work_security,use_or_consume,4312785,\
//! Contoso Ltd,contoso.com,1d38bbea-e8d8-407c-9c74-bee089c92c07,intune,Carl,carl@contoso.com,Ada,ada@northwind.com,blue\r\n";
//!
//! let policy = Policy::default();
//! let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
//! let org = PartnerOrgRef { id: "northwind".into(), name: "Northwind Traders".into() };
//! let actor = Actor::partner("northwind", UserRole::IncentivesUser, "Ada");
//! let ctx = ImportContext::new(actor, org, now, &policy);
//! let mut next = 0;
//! let import = parse_claims_csv(csv, &ctx, &mut || { next += 1; format!("new-{next}") });
//!
//! assert_eq!(import.rows, 2);
//! let candidate = &import.claims[0];
//! assert!(candidate.importable);
//! assert_eq!(candidate.rows, [2, 3]); // line numbers; the header is line 1
//! assert_eq!(candidate.claim.status, Status::Draft);
//! assert_eq!(candidate.claim.products.len(), 2);
//! // The unknown column is reported (a warning: it does not block).
//! let f = &import.findings[0];
//! assert_eq!((f.row, f.field(), f.code()), (1, "colour", Code::CsvUnknownColumn));
//!
//! // Back to CSV: one row per product.
//! let out = claims_to_csv(&[candidate.claim.clone()], now, &policy);
//! assert!(out.starts_with("\u{feff}claim_id,claim_name,status,status_label,"));
//! assert_eq!(out.lines().count(), 3);
//! assert_eq!(CSV_COLUMNS.len(), 28);
//!
//! // A draft has no open deadline: an empty calendar.
//! let ics = deadlines_to_ics(&[candidate.claim.clone()], now, &policy, Locale::En);
//! assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
//! assert!(!ics.contains("BEGIN:VEVENT"));
//! ```
//!
//! # CSV columns
//!
//! [`CSV_COLUMNS`], in this order (snake_case headers):
//!
//! | column | value |
//! |---|---|
//! | `claim_id` | the claim's id |
//! | `claim_name` | the claim name |
//! | `status` | the status id as in the claim JSON (`draft`, `under_review`, …), after time-driven transitions at `now` |
//! | `status_label` | the status as the app shows it, in the export's language (`draft` is "Editing") |
//! | `solution_area`, `partner_role` | catalog ids (`modern_work_security`, `use_or_consume`, …) |
//! | `solution_area_label`, `partner_role_label` | their names in the export's language |
//! | `partner_org_id`, `partner_org_name` | the partner organisation |
//! | `partner_location` | the MPN ID (PartnerID) |
//! | `customer_name`, `customer_domain`, `tenant_id` | the customer |
//! | `product`, `product_label`, `subscription_id` | one product line: catalog product id, its name, optional subscription GUID |
//! | `customer_contact_name`, `_email`, `_phone` | the customer contact |
//! | `partner_contact_name`, `_email`, `_phone` | the partner contact |
//! | `created_at` | RFC 3339, UTC |
//! | `next_deadline`, `next_deadline_label`, `next_deadline_due` | the open deadline's kind id (`review_start`, …), its name in the export's language, and its last day `YYYY-MM-DD`; empty when none |
//! | `documents` | the number of PoE documents |
//!
//! # Export
//!
//! [`claims_to_csv_in`] writes RFC 4180 after a UTF-8 byte-order mark (so
//! Excel on Windows reads "–" and "å" right; the import accepts files with
//! and without one): the header row, then one row per claim and product
//! line (the claim-level columns repeated on each; a claim without products
//! gives one row with an empty `product`), CRLF line ends, and a field
//! quoted when it contains `"`, `,`, CR or LF (quotes doubled). The label
//! columns are in the partner's language.
//!
//! Every cell is defused against spreadsheet formula injection (OWASP "CSV
//! Injection") with [`defuse_formula`]: a value that matches
//! `^'*[=+\-@\t\r]` gets a leading `'`, so no cell starts with `=`, `+`,
//! `-`, `@`, tab or CR and a spreadsheet shows it as text (a phone number
//! reads `'+46 8 …` in the cell, as OWASP intends). The import removes
//! exactly that `'` again ([`restore_formula`]), so a file imports back to
//! the same claims byte for byte.

//! # Import
//!
//! [`parse_claims_csv`] reads RFC 4180 by hand: quoted fields with commas,
//! doubled quotes and CR/LF inside; CRLF, LF or CR line ends; an optional
//! UTF-8 byte-order mark; blank lines (and lines whose fields are all blank,
//! as spreadsheets write) skipped. A quote inside an unquoted field, text
//! after a closing quote or an unclosed quote is `csv.malformed`; a line
//! with another number of fields than the header is `csv.field_count`.
//!
//! - Every data cell first loses the `'` [`defuse_formula`] adds (one
//!   leading `'` before `'*[=+\-@\t\r]`). A cell longer than 20,000
//!   characters is cut there and reported (`text.too_long`); a file of more
//!   than 20,000 data rows ([`MAX_CSV_ROWS`](crate::domain::intake::MAX_CSV_ROWS))
//!   is refused whole (`csv.too_many_rows`, no candidates).
//! - A code column (`status`, `solution_area`, `partner_role`, `product`)
//!   takes the code or its label in any language (any letter case); when it
//!   is missing or empty, its `*_label` column is read instead.
//! - The header row is required. Columns are matched by name (trimmed,
//!   ASCII case-insensitive, any order); unknown columns are ignored with
//!   `csv.unknown_column` (a warning). `claim_name`, `customer_domain`,
//!   `tenant_id` and `product` (or `product_label`) are required (`csv.column_missing`); a
//!   repeated column is `csv.duplicate_column`; a first line naming no known
//!   column is `csv.header_missing`. Any of these errors stops the import:
//!   no candidates.
//! - Rows are grouped into claims by `claim_id` (a GUID in any accepted
//!   spelling counts once), or, when it is empty, by the exact
//!   (`claim_name`, `customer_domain`, `tenant_id`). Every row of a claim
//!   must repeat the same claim-level values (all columns but `product`,
//!   `subscription_id` and `claim_id`): a row that differs from the claim's
//!   first row gets `csv.row_conflict` on that column, and the claim's values
//!   are those of its first row.
//! - Each group becomes one new claim in status Draft, created by
//!   [`new_claim`](super::status::new_claim) like the wizard does (a `created` history entry by the
//!   importing user, `created_at` = `now`). Its id is the `claim_id` (in
//!   canonical form) when that is a GUID not in
//!   [`ImportContext::existing_ids`]; otherwise a new id from the caller's
//!   `new_id`, with `csv.duplicate_id` or `csv.claim_id_format` (warnings).
//!   The partner organisation is the importing user's
//!   ([`ImportContext::partner_org`]); a non-empty `partner_org_id` naming
//!   another one is `csv.partner_org_mismatch`, and `partner_org_name` is
//!   not read. `status`, `created_at`, `next_deadline`, `next_deadline_due`
//!   and `documents` describe the exported claim and are not imported: a
//!   status other than `draft` or a document count other than 0 gives
//!   `csv.draft_only` (a warning).
//! - A row with an empty `product` and `subscription_id` adds no product
//!   line. `product` takes the catalog id or the product's name (ASCII
//!   case-insensitive). A `subscription_id` on a product that is not
//!   claimed per subscription is dropped with `csv.subscription_ignored`.
//!   Identifiers are trimmed; domain, tenant and subscription IDs are stored
//!   in their canonical forms (as the wizard stores them); free text (names,
//!   emails, phones) is kept byte for byte.
//! - The claim is checked by [`validate_claim`](super::validate::validate_claim) and the size limits of
//!   [`intake`](super::intake) on the values as read (so a
//!   pasted URL still gives `domain.url`), with the directory, locations and
//!   held associations of the [`ImportContext`]. Each finding is reported on
//!   the CSV row and column it is about: product-line findings on the row of
//!   that line, claim-level findings on the claim's first row.
//! - A claim with an error finding on any of its rows is not importable, as
//!   a whole: it is never imported in part. Warnings do not block.
//!
//! Row numbers are the file's 1-based line numbers (the header is line 1;
//! a record with a line break inside a quoted field is numbered by the line
//! it starts on), so they match what a text editor shows.
//!
//! # iCalendar
//!
//! [`deadlines_to_ics`] writes RFC 5545: one all-day `VEVENT` per open
//! deadline (after time-driven transitions at `now`), with
//! `UID:<claim id>-<deadline kind>@cpor-desk`, `DTSTAMP` (`now` in UTC),
//! `DTSTART;VALUE=DATE` (the due day), `DTEND;VALUE=DATE` (the next day),
//! `SUMMARY` (deadline and claim name), `DESCRIPTION` (customer, status,
//! consequence) and `TRANSP:TRANSPARENT` (a deadline does not make you
//! busy). Text values escape `\`, `;`, `,` and line breaks (as `\n`);
//! control characters other than tab, which RFC 5545 does not allow in
//! text, are dropped. Lines end with CRLF and are folded at 75 octets,
//! never inside a UTF-8 character. With no open deadline the calendar has
//! no `VEVENT` (RFC 5545 asks for at least one component, calendar apps
//! accept none; the UI can offer the download only when there is one).
//!
//! # Why hand-written
//!
//! The CSV reader and writer and the iCalendar writer are a few hundred
//! lines with exactly the rules above; a CSV or iCalendar crate would add
//! code (and generic machinery) to the app's WebAssembly bundle, whose size
//! matters (see the README), for no rule we need.
//!
//! # Where the code is
//!
//! `csv.rs` reads and writes RFC 4180 records, `export.rs` writes the
//! claims, `import.rs` turns rows into candidates with the per-row report
//! (its tests in `import/tests.rs`), `ics.rs` writes the calendar; the
//! columns are here, and `fixtures.rs` holds the claims the tests share.

mod csv;
mod export;
mod ics;
mod import;

pub use csv::{defuse_formula, restore_formula};
pub use export::{CSV_BOM, claims_to_csv, claims_to_csv_in};
pub use ics::{deadlines_calendar, deadlines_to_ics};
pub use import::{
    CsvImport, CsvParser, ImportCandidate, ImportContext, RowFinding, parse_claims_csv,
};

const COLUMN_COUNT: usize = 28;

const COLUMNS: [&str; COLUMN_COUNT] = [
    "claim_id",
    "claim_name",
    "status",
    "status_label",
    "solution_area",
    "solution_area_label",
    "partner_role",
    "partner_role_label",
    "partner_org_id",
    "partner_org_name",
    "partner_location",
    "customer_name",
    "customer_domain",
    "tenant_id",
    "product",
    "product_label",
    "subscription_id",
    "customer_contact_name",
    "customer_contact_email",
    "customer_contact_phone",
    "partner_contact_name",
    "partner_contact_email",
    "partner_contact_phone",
    "created_at",
    "next_deadline",
    "next_deadline_label",
    "next_deadline_due",
    "documents",
];

/// The CSV columns, in the order [`claims_to_csv`] writes them (see the
/// module docs for their values).
pub const CSV_COLUMNS: &[&str] = &COLUMNS;

/// The columns [`parse_claims_csv`] needs in the header row (`product`, or
/// instead its label column `product_label`).
pub const REQUIRED_COLUMNS: &[&str] = &["claim_name", "customer_domain", "tenant_id", "product"];

/// A column, by its position in [`CSV_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    ClaimId,
    ClaimName,
    Status,
    StatusLabel,
    SolutionArea,
    SolutionAreaLabel,
    PartnerRole,
    PartnerRoleLabel,
    PartnerOrgId,
    PartnerOrgName,
    PartnerLocation,
    CustomerName,
    CustomerDomain,
    TenantId,
    Product,
    ProductLabel,
    SubscriptionId,
    CustomerContactName,
    CustomerContactEmail,
    CustomerContactPhone,
    PartnerContactName,
    PartnerContactEmail,
    PartnerContactPhone,
    CreatedAt,
    NextDeadline,
    NextDeadlineLabel,
    NextDeadlineDue,
    Documents,
}

impl Col {
    const ALL: [Col; COLUMN_COUNT] = [
        Col::ClaimId,
        Col::ClaimName,
        Col::Status,
        Col::StatusLabel,
        Col::SolutionArea,
        Col::SolutionAreaLabel,
        Col::PartnerRole,
        Col::PartnerRoleLabel,
        Col::PartnerOrgId,
        Col::PartnerOrgName,
        Col::PartnerLocation,
        Col::CustomerName,
        Col::CustomerDomain,
        Col::TenantId,
        Col::Product,
        Col::ProductLabel,
        Col::SubscriptionId,
        Col::CustomerContactName,
        Col::CustomerContactEmail,
        Col::CustomerContactPhone,
        Col::PartnerContactName,
        Col::PartnerContactEmail,
        Col::PartnerContactPhone,
        Col::CreatedAt,
        Col::NextDeadline,
        Col::NextDeadlineLabel,
        Col::NextDeadlineDue,
        Col::Documents,
    ];

    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }

    /// Repeated on every row of a claim (compared for `csv.row_conflict`).
    fn is_claim_level(self) -> bool {
        !matches!(
            self,
            Col::ClaimId | Col::Product | Col::ProductLabel | Col::SubscriptionId
        )
    }

    /// The label column beside a code column, read when the code column is
    /// missing or empty.
    fn label(self) -> Option<Col> {
        match self {
            Col::Status => Some(Col::StatusLabel),
            Col::SolutionArea => Some(Col::SolutionAreaLabel),
            Col::PartnerRole => Some(Col::PartnerRoleLabel),
            Col::Product => Some(Col::ProductLabel),
            Col::NextDeadline => Some(Col::NextDeadlineLabel),
            _ => None,
        }
    }
}

#[cfg(test)]
mod fixtures;

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::domain::claim::{ProductLine, Status};
    use crate::domain::policy::Policy;

    #[test]
    fn columns_in_the_documented_order() {
        assert_eq!(
            CSV_COLUMNS.join(","),
            "claim_id,claim_name,status,status_label,solution_area,solution_area_label,\
             partner_role,partner_role_label,partner_org_id,partner_org_name,partner_location,\
             customer_name,customer_domain,tenant_id,product,product_label,subscription_id,\
             customer_contact_name,customer_contact_email,customer_contact_phone,\
             partner_contact_name,partner_contact_email,partner_contact_phone,created_at,\
             next_deadline,next_deadline_label,next_deadline_due,documents"
        );
        for (i, col) in Col::ALL.iter().enumerate() {
            assert_eq!(*col as usize, i);
        }
        for required in REQUIRED_COLUMNS {
            assert!(CSV_COLUMNS.contains(required));
        }
    }

    #[test]
    fn hostile_text_round_trips_byte_exact() {
        let long: String = "é,\"\r\n<script>".repeat(1000);
        assert!(long.chars().count() >= 10_000);
        let hostile = [
            "<script>alert('x')</script>",
            "\u{202E}moc.otnoc",
            "zero\u{200B}width\u{200B}",
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+46 8 123",
            "-minus",
            "@at",
            "\ttab",
            "\rcr first",
            "a\"b,c\r\nd\re\nf\"",
            " padded ",
            "\"",
            "\"\"",
            ",",
            "\u{feff}bom inside",
            long.as_str(),
        ];
        for text in hostile {
            let mut claim = sample(ID_A);
            claim.customer_name = text.to_string();
            claim.customer_contact.name = text.to_string();
            claim.partner_contact.phone = Some(text.to_string());
            claim.name = text.to_string();
            let csv = claims_to_csv(std::slice::from_ref(&claim), now(), &Policy::default());
            let import = import(&csv);
            assert_eq!(import.rows, 3, "{text:?}");
            assert_eq!(import.claims.len(), 1, "{text:?}");
            let back = &import.claims[0].claim;
            assert_eq!(back.id, ID_A);
            assert_eq!(csv_fields(back), csv_fields(&claim), "{text:?}");
            // Exported again, the rows are the same bytes.
            assert_eq!(
                claims_to_csv(std::slice::from_ref(back), now(), &Policy::default()),
                csv
            );
        }
    }

    #[test]
    fn a_valid_export_imports_back_as_importable_drafts() {
        let a = sample(ID_A);
        let mut b = sample(ID_B);
        b.name = "Second".into();
        b.products = vec![ProductLine::new("defender_endpoint")];
        let csv = claims_to_csv(&[a.clone(), b.clone()], now(), &Policy::default());
        let import = import(&csv);
        assert_eq!(import.rows, 4);
        assert!(import.findings.is_empty(), "{:?}", codes(&import.findings));
        assert_eq!(import.claims.len(), 2);
        assert_eq!(import.claims[0].rows, [2, 3, 4]);
        assert_eq!(import.claims[1].rows, [5]);
        for (cand, orig) in import.claims.iter().zip([&a, &b]) {
            assert!(cand.importable);
            assert_eq!(cand.claim.id, orig.id);
            assert_eq!(cand.claim.status, Status::Draft);
            assert_eq!(csv_fields(&cand.claim), csv_fields(orig));
            assert_eq!(cand.claim.created_at, Some(now().to_utc()));
            assert_eq!(cand.claim.history.len(), 1);
            assert_eq!(
                cand.claim.history[0].action,
                crate::domain::claim::Action::Created { copied_from: None }
            );
            assert_eq!(cand.claim.history[0].actor, actor());
        }
        assert_eq!(import.importable().count(), 2);
    }
}
