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
//! assert!(out.starts_with("claim_id,claim_name,status,"));
//! assert_eq!(out.lines().count(), 3);
//! assert_eq!(CSV_COLUMNS.len(), 23);
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
//! | `solution_area`, `partner_role` | catalog ids (`modern_work_security`, `use_or_consume`, …) |
//! | `partner_org_id`, `partner_org_name` | the partner organisation |
//! | `partner_location` | the MPN ID (PartnerID) |
//! | `customer_name`, `customer_domain`, `tenant_id` | the customer |
//! | `product`, `subscription_id` | one product line: catalog product id, optional subscription GUID |
//! | `customer_contact_name`, `_email`, `_phone` | the customer contact |
//! | `partner_contact_name`, `_email`, `_phone` | the partner contact |
//! | `created_at` | RFC 3339, UTC |
//! | `next_deadline`, `next_deadline_due` | the open deadline's kind id (`review_start`, …) and its last day `YYYY-MM-DD`; empty when none |
//! | `documents` | the number of PoE documents |
//!
//! # Export
//!
//! [`claims_to_csv`] writes RFC 4180: the header row, then one row per claim
//! and product line (the claim-level columns repeated on each; a claim
//! without products gives one row with an empty `product`), CRLF line ends,
//! and a field quoted when it contains `"`, `,`, CR or LF (quotes doubled).
//! No byte-order mark is written (one is accepted on import).
//!
//! Values are written exactly as stored, **not** defused against spreadsheet
//! formula injection (a leading `=`, `+`, `-`, `@`, tab or CR is kept):
//! prefixing `'` would change the data, so a file would no longer import
//! back to the same claims, and a phone number `+46 …` or a name starting
//! with `-` would come back altered. The file is data for CPOR Desk and for
//! tools that read CSV as text; a spreadsheet user should import it as text
//! columns rather than open it directly.
//!
//! # Import
//!
//! [`parse_claims_csv`] reads RFC 4180 by hand: quoted fields with commas,
//! doubled quotes and CR/LF inside; CRLF, LF or CR line ends; an optional
//! UTF-8 byte-order mark; blank lines (and lines whose fields are all blank,
//! as spreadsheets write) skipped. A quote inside an unquoted field, text
//! after a closing quote or an unclosed quote is `csv.malformed`; a line
//! with another number of fields than the header is `csv.field_count`.
//!
//! - The header row is required. Columns are matched by name (trimmed,
//!   ASCII case-insensitive, any order); unknown columns are ignored with
//!   `csv.unknown_column` (a warning). `claim_name`, `customer_domain`,
//!   `tenant_id` and `product` are required (`csv.column_missing`); a
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
//!   [`new_claim`] like the wizard does (a `created` history entry by the
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
//! - The claim is checked by [`validate_claim`] on the values as read (so a
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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike, Utc};

use super::catalog::Catalog;
use super::claim::{Claim, Contact, PartnerLocation, PartnerOrgRef, ProductLine, Status};
use super::competing::Association;
use super::directory::Directory;
use super::domain_name::validate_domain;
use super::finding::{Code, Finding, Locale, Severity};
use super::ids::{canonical_guid, parse_guid, validate_tenant_id};
use super::policy::Policy;
use super::roles::Actor;
use super::status::{advance, new_claim};
use super::timeline::open_deadlines;
use super::validate::{ClaimContext, validate_claim};

const COLUMN_COUNT: usize = 23;

const COLUMNS: [&str; COLUMN_COUNT] = [
    "claim_id",
    "claim_name",
    "status",
    "solution_area",
    "partner_role",
    "partner_org_id",
    "partner_org_name",
    "partner_location",
    "customer_name",
    "customer_domain",
    "tenant_id",
    "product",
    "subscription_id",
    "customer_contact_name",
    "customer_contact_email",
    "customer_contact_phone",
    "partner_contact_name",
    "partner_contact_email",
    "partner_contact_phone",
    "created_at",
    "next_deadline",
    "next_deadline_due",
    "documents",
];

/// The CSV columns, in the order [`claims_to_csv`] writes them (see the
/// module docs for their values).
pub const CSV_COLUMNS: &[&str] = &COLUMNS;

/// The columns [`parse_claims_csv`] needs in the header row.
pub const REQUIRED_COLUMNS: &[&str] = &["claim_name", "customer_domain", "tenant_id", "product"];

/// A column, by its position in [`CSV_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    ClaimId,
    ClaimName,
    Status,
    SolutionArea,
    PartnerRole,
    PartnerOrgId,
    PartnerOrgName,
    PartnerLocation,
    CustomerName,
    CustomerDomain,
    TenantId,
    Product,
    SubscriptionId,
    CustomerContactName,
    CustomerContactEmail,
    CustomerContactPhone,
    PartnerContactName,
    PartnerContactEmail,
    PartnerContactPhone,
    CreatedAt,
    NextDeadline,
    NextDeadlineDue,
    Documents,
}

impl Col {
    const ALL: [Col; COLUMN_COUNT] = [
        Col::ClaimId,
        Col::ClaimName,
        Col::Status,
        Col::SolutionArea,
        Col::PartnerRole,
        Col::PartnerOrgId,
        Col::PartnerOrgName,
        Col::PartnerLocation,
        Col::CustomerName,
        Col::CustomerDomain,
        Col::TenantId,
        Col::Product,
        Col::SubscriptionId,
        Col::CustomerContactName,
        Col::CustomerContactEmail,
        Col::CustomerContactPhone,
        Col::PartnerContactName,
        Col::PartnerContactEmail,
        Col::PartnerContactPhone,
        Col::CreatedAt,
        Col::NextDeadline,
        Col::NextDeadlineDue,
        Col::Documents,
    ];

    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }

    /// Repeated on every row of a claim (compared for `csv.row_conflict`).
    fn is_claim_level(self) -> bool {
        !matches!(self, Col::ClaimId | Col::Product | Col::SubscriptionId)
    }
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

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

/// One CSV record and its CRLF.
fn write_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains(['"', ',', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

// ---------------------------------------------------------------------------
// CSV reading
// ---------------------------------------------------------------------------

/// One CSV record as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    /// The line it starts on (1-based).
    line: usize,
    fields: Vec<String>,
    /// A misplaced or unclosed quote.
    malformed: bool,
}

impl Record {
    /// Blank: nothing but whitespace in every field (an empty line, or a
    /// spreadsheet's `,,,,`).
    fn is_blank(&self) -> bool {
        !self.malformed && self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Splits RFC 4180 text into records (blank ones skipped). Lenient where it
/// must go on (a misplaced quote is kept as text) but flags it.
fn read_records(text: &str) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let mut record = Record {
            line,
            fields: Vec::new(),
            malformed: false,
        };
        let mut field = String::new();
        // Inside an open quoted field.
        let mut quoted = false;
        // Nothing read yet in this field.
        let mut at_start = true;
        // The field's closing quote has been read.
        let mut closed = false;
        loop {
            let Some(c) = chars.next() else {
                record.malformed |= quoted;
                record.fields.push(field);
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        closed = true;
                    }
                    '\r' => {
                        field.push('\r');
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                            field.push('\n');
                        }
                        line += 1;
                    }
                    '\n' => {
                        field.push('\n');
                        line += 1;
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                ',' => {
                    record.fields.push(std::mem::take(&mut field));
                    at_start = true;
                    closed = false;
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    record.fields.push(field);
                    break;
                }
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                _ => {
                    record.malformed |= closed || c == '"';
                    field.push(c);
                    at_start = false;
                }
            }
        }
        if !record.is_blank() {
            records.push(record);
        }
    }
    records
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

/// A finding about one CSV row: the [`Finding`]'s field is the CSV column
/// (empty for the whole row or file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFinding {
    /// The 1-based line the row starts on; the header (and the file as a
    /// whole) is 1.
    pub row: usize,
    pub finding: Finding,
}

impl RowFinding {
    pub fn new(row: usize, column: impl Into<String>, code: Code) -> Self {
        RowFinding {
            row,
            finding: Finding::new(column, code),
        }
    }

    /// The CSV column (empty for the whole row or file).
    pub fn field(&self) -> &str {
        &self.finding.field
    }

    pub fn code(&self) -> Code {
        self.finding.code
    }

    pub fn severity(&self) -> Severity {
        self.finding.severity()
    }

    pub fn is_error(&self) -> bool {
        self.finding.is_error()
    }

    pub fn message(&self, locale: Locale) -> &'static str {
        self.finding.message(locale)
    }
}

/// What an import checks against: the importing user and their profile,
/// the clock, the ids already stored, and the validation context.
#[derive(Clone)]
pub struct ImportContext<'a> {
    /// The importing user (`Profile::actor()`); must be allowed to create
    /// claims, else every candidate gets `transition.forbidden_role`.
    pub actor: Actor,
    /// The user's partner organisation (from the profile): every imported
    /// claim belongs to it.
    pub partner_org: PartnerOrgRef,
    /// The creation time of the imported claims, and the time of the checks.
    pub now: DateTime<FixedOffset>,
    /// Ids of the claims already stored; a `claim_id` among them is replaced.
    pub existing_ids: Vec<String>,
    pub policy: &'a Policy,
    /// Domain ↔ tenant and subscription facts (no directory checks without).
    pub directory: Option<&'a dyn Directory>,
    /// The profile's partner locations, for `mpn.not_enrolled`.
    pub locations: Option<&'a [PartnerLocation]>,
    /// Associations held by pending or approved claims, for
    /// `product.already_associated` and `product.competing`.
    pub held: &'a [Association],
}

impl<'a> ImportContext<'a> {
    /// No existing ids, no directory, no locations, no held associations.
    pub fn new(
        actor: Actor,
        partner_org: PartnerOrgRef,
        now: DateTime<FixedOffset>,
        policy: &'a Policy,
    ) -> Self {
        ImportContext {
            actor,
            partner_org,
            now,
            existing_ids: Vec::new(),
            policy,
            directory: None,
            locations: None,
            held: &[],
        }
    }

    pub fn with_existing_ids(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.existing_ids = ids.into_iter().collect();
        self
    }

    pub fn with_directory(mut self, directory: &'a dyn Directory) -> Self {
        self.directory = Some(directory);
        self
    }

    pub fn with_locations(mut self, locations: &'a [PartnerLocation]) -> Self {
        self.locations = Some(locations);
        self
    }

    pub fn with_held(mut self, held: &'a [Association]) -> Self {
        self.held = held;
        self
    }

    fn claim_context(&self) -> ClaimContext<'a> {
        ClaimContext {
            directory: self.directory,
            now: Some(self.now.to_utc()),
            policy: self.policy,
            locations: self.locations,
            held: self.held,
        }
    }
}

/// One claim read from the file, with the rows it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportCandidate {
    /// The new draft (not stored: the caller stores the confirmed ones).
    pub claim: Claim,
    /// The lines of its rows, in file order.
    pub rows: Vec<usize>,
    /// The findings on those rows, by row.
    pub findings: Vec<RowFinding>,
    /// No error finding on any of its rows: the claim can be imported whole.
    pub importable: bool,
}

/// The result of reading a CSV file: candidates and the per-row report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvImport {
    /// One candidate per claim, in the order of their first rows (none when
    /// the header has an error).
    pub claims: Vec<ImportCandidate>,
    /// Every finding (the header's and all candidates'), by row.
    pub findings: Vec<RowFinding>,
    /// The number of data rows (blank lines not counted).
    pub rows: usize,
}

impl CsvImport {
    /// The candidates that can be imported.
    pub fn importable(&self) -> impl Iterator<Item = &ImportCandidate> {
        self.claims.iter().filter(|c| c.importable)
    }

    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(RowFinding::is_error)
    }
}

/// A data row, its values by column ("" for a column the file lacks).
struct Row {
    line: usize,
    values: Vec<String>,
    findings: Vec<RowFinding>,
}

impl Row {
    fn get(&self, col: Col) -> &str {
        &self.values[col as usize]
    }
}

#[derive(PartialEq, Eq, Hash)]
enum GroupKey {
    Id(String),
    Fields(String, String, String),
}

/// Reads claims from CSV text (see the module docs for the rules). `new_id`
/// gives a fresh claim id (a random UUID in the app) when a row's
/// `claim_id` cannot be kept; the domain itself draws no randomness.
pub fn parse_claims_csv(
    text: &str,
    ctx: &ImportContext,
    new_id: &mut dyn FnMut() -> String,
) -> CsvImport {
    let mut records = read_records(text).into_iter();
    let Some(header) = records.next() else {
        return CsvImport {
            claims: Vec::new(),
            findings: vec![RowFinding::new(1, "", Code::CsvHeaderMissing)],
            rows: 0,
        };
    };
    let data: Vec<Record> = records.collect();
    let (map, mut findings) = read_header(&header);
    if findings.iter().any(RowFinding::is_error) {
        return CsvImport {
            claims: Vec::new(),
            findings,
            rows: data.len(),
        };
    }
    let width = header.fields.len();
    let rows_total = data.len();

    // Group the rows into claims, in the order of their first rows.
    let mut groups: Vec<Vec<Row>> = Vec::new();
    let mut index: HashMap<GroupKey, usize> = HashMap::new();
    for mut record in data {
        let mut row_findings = Vec::new();
        if record.malformed {
            row_findings.push(RowFinding::new(record.line, "", Code::CsvMalformed));
        }
        if record.fields.len() != width {
            row_findings.push(RowFinding::new(record.line, "", Code::CsvFieldCount));
        }
        let values = map
            .iter()
            .map(|i| {
                i.and_then(|i| record.fields.get_mut(i))
                    .map(std::mem::take)
                    .unwrap_or_default()
            })
            .collect();
        let row = Row {
            line: record.line,
            values,
            findings: row_findings,
        };
        let id = row.get(Col::ClaimId).trim();
        let key = if id.is_empty() {
            GroupKey::Fields(
                row.get(Col::ClaimName).to_string(),
                row.get(Col::CustomerDomain).to_string(),
                row.get(Col::TenantId).to_string(),
            )
        } else {
            GroupKey::Id(canonical_guid(id).unwrap_or_else(|_| id.to_string()))
        };
        match index.get(&key) {
            Some(&g) => groups[g].push(row),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![row]);
            }
        }
    }

    let mut used: HashSet<String> = HashSet::new();
    for id in &ctx.existing_ids {
        used.insert(id.clone());
        if let Ok(c) = canonical_guid(id) {
            used.insert(c);
        }
    }
    let claims: Vec<ImportCandidate> = groups
        .into_iter()
        .map(|rows| build_candidate(rows, ctx, &mut used, new_id))
        .collect();
    findings.extend(claims.iter().flat_map(|c| c.findings.iter().cloned()));
    findings.sort_by_key(|f| f.row);
    CsvImport {
        claims,
        findings,
        rows: rows_total,
    }
}

/// The file position of each column (None when absent) and the header's findings.
fn read_header(header: &Record) -> (Vec<Option<usize>>, Vec<RowFinding>) {
    let line = header.line;
    let mut map: Vec<Option<usize>> = vec![None; COLUMN_COUNT];
    let mut findings = Vec::new();
    if header.malformed {
        findings.push(RowFinding::new(line, "", Code::CsvMalformed));
        return (map, findings);
    }
    let mut known = false;
    for (i, raw) in header.fields.iter().enumerate() {
        let name = raw.trim();
        match COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(col) => {
                known = true;
                if map[col].is_some() {
                    findings.push(RowFinding::new(
                        line,
                        COLUMNS[col],
                        Code::CsvDuplicateColumn,
                    ));
                } else {
                    map[col] = Some(i);
                }
            }
            None => findings.push(RowFinding::new(line, name, Code::CsvUnknownColumn)),
        }
    }
    if !known {
        return (map, vec![RowFinding::new(line, "", Code::CsvHeaderMissing)]);
    }
    for &required in REQUIRED_COLUMNS {
        let col = COLUMNS.iter().position(|c| *c == required);
        if col.is_some_and(|c| map[c].is_none()) {
            findings.push(RowFinding::new(line, required, Code::CsvColumnMissing));
        }
    }
    (map, findings)
}

/// A catalog product id, from its id or its name (ASCII case-insensitive);
/// anything else as given (trimmed), for the validator to report.
fn resolve_product(value: &str) -> String {
    let v = value.trim();
    let catalog = Catalog::builtin();
    if catalog.product(v).is_some() {
        return v.to_string();
    }
    catalog
        .products
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(v) || p.id.eq_ignore_ascii_case(v))
        .map_or_else(|| v.to_string(), |p| p.id.clone())
}

/// `Some(trimmed)` unless blank.
fn non_blank(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The CSV column a claim JSON path is about, and the product line index
/// for `products[i].…`.
fn column_of(path: &str) -> (String, Option<usize>) {
    let simple = match path {
        "id" => Some(Col::ClaimId),
        "name" => Some(Col::ClaimName),
        "status" => Some(Col::Status),
        "solutionArea" => Some(Col::SolutionArea),
        "partnerRole" => Some(Col::PartnerRole),
        "partnerLocation" => Some(Col::PartnerLocation),
        "customerName" => Some(Col::CustomerName),
        "customerDomain" => Some(Col::CustomerDomain),
        "tenantId" => Some(Col::TenantId),
        "products" => Some(Col::Product),
        "customerContact.name" => Some(Col::CustomerContactName),
        "customerContact.email" => Some(Col::CustomerContactEmail),
        "customerContact.phone" => Some(Col::CustomerContactPhone),
        "partnerContact.name" => Some(Col::PartnerContactName),
        "partnerContact.email" => Some(Col::PartnerContactEmail),
        "partnerContact.phone" => Some(Col::PartnerContactPhone),
        "documents" => Some(Col::Documents),
        _ => None,
    };
    if let Some(col) = simple {
        return (col.name().to_string(), None);
    }
    let line = path
        .strip_prefix("products[")
        .and_then(|rest| rest.split_once("]."));
    match line {
        Some((i, "product")) => (Col::Product.name().to_string(), i.parse().ok()),
        Some((i, "subscriptionId")) => (Col::SubscriptionId.name().to_string(), i.parse().ok()),
        _ => (path.to_string(), None),
    }
}

/// A fresh id from the caller, retried a few times if it is already used.
fn fresh_id(new_id: &mut dyn FnMut() -> String, used: &HashSet<String>) -> String {
    let mut id = new_id();
    for _ in 0..8 {
        if !used.contains(&id) {
            break;
        }
        id = new_id();
    }
    id
}

fn build_candidate(
    rows: Vec<Row>,
    ctx: &ImportContext,
    used: &mut HashSet<String>,
    new_id: &mut dyn FnMut() -> String,
) -> ImportCandidate {
    let first = &rows[0];
    let line0 = first.line;
    let mut findings: Vec<RowFinding> = rows.iter().flat_map(|r| r.findings.clone()).collect();

    // Every row repeats the claim-level values of the first.
    for row in &rows[1..] {
        for col in Col::ALL.into_iter().filter(|c| c.is_claim_level()) {
            if row.get(col) != first.get(col) {
                findings.push(RowFinding::new(row.line, col.name(), Code::CsvRowConflict));
            }
        }
    }

    // The id: the row's GUID if it is free, else a new one.
    let raw_id = first.get(Col::ClaimId).trim();
    let kept = match parse_guid(raw_id) {
        _ if raw_id.is_empty() => None,
        Ok(u) if !u.is_nil() => {
            let id = u.hyphenated().to_string();
            if used.contains(&id) || used.contains(raw_id) {
                findings.push(RowFinding::new(
                    line0,
                    Col::ClaimId.name(),
                    Code::CsvDuplicateId,
                ));
                None
            } else {
                Some(id)
            }
        }
        _ => {
            findings.push(RowFinding::new(
                line0,
                Col::ClaimId.name(),
                Code::CsvClaimIdFormat,
            ));
            None
        }
    };
    let id = kept.unwrap_or_else(|| fresh_id(new_id, used));
    used.insert(id.clone());

    let org = first.get(Col::PartnerOrgId).trim();
    if !org.is_empty() && org != ctx.partner_org.id.trim() {
        findings.push(RowFinding::new(
            line0,
            Col::PartnerOrgId.name(),
            Code::CsvPartnerOrgMismatch,
        ));
    }
    let status = first.get(Col::Status).trim();
    if !status.is_empty() && status != Status::Draft.id() {
        findings.push(RowFinding::new(
            line0,
            Col::Status.name(),
            Code::CsvDraftOnly,
        ));
    }
    let documents = first.get(Col::Documents).trim();
    if !documents.is_empty() && documents != "0" {
        findings.push(RowFinding::new(
            line0,
            Col::Documents.name(),
            Code::CsvDraftOnly,
        ));
    }

    // Product lines, and the row of each.
    let catalog = Catalog::builtin();
    let mut products = Vec::new();
    let mut product_rows = Vec::new();
    for row in &rows {
        let product = row.get(Col::Product);
        let sub = row.get(Col::SubscriptionId);
        if product.trim().is_empty() && sub.trim().is_empty() {
            continue;
        }
        let product = resolve_product(product);
        let mut subscription_id = (!sub.trim().is_empty()).then(|| sub.to_string());
        if subscription_id.is_some()
            && catalog.product(&product).is_some()
            && !catalog.is_per_subscription(&product)
        {
            findings.push(RowFinding::new(
                row.line,
                Col::SubscriptionId.name(),
                Code::CsvSubscriptionIgnored,
            ));
            subscription_id = None;
        }
        products.push(ProductLine {
            product,
            subscription_id,
        });
        product_rows.push(row.line);
    }

    let contact = |name: Col, email: Col, phone: Col| Contact {
        name: first.get(name).to_string(),
        email: first.get(email).to_string(),
        phone: (!first.get(phone).trim().is_empty()).then(|| first.get(phone).to_string()),
    };
    let mut template = Claim {
        id: id.clone(),
        name: first.get(Col::ClaimName).to_string(),
        solution_area: non_blank(first.get(Col::SolutionArea)),
        partner_role: non_blank(first.get(Col::PartnerRole)),
        partner_org: ctx.partner_org.clone(),
        partner_location: first.get(Col::PartnerLocation).trim().to_string(),
        customer_name: first.get(Col::CustomerName).to_string(),
        customer_domain: first.get(Col::CustomerDomain).to_string(),
        tenant_id: first.get(Col::TenantId).to_string(),
        products,
        customer_contact: contact(
            Col::CustomerContactName,
            Col::CustomerContactEmail,
            Col::CustomerContactPhone,
        ),
        partner_contact: contact(
            Col::PartnerContactName,
            Col::PartnerContactEmail,
            Col::PartnerContactPhone,
        ),
        ..Claim::default()
    };

    // The values as read are validated; their canonical forms are stored.
    for f in validate_claim(&template, &ctx.claim_context()) {
        let (column, line) = column_of(&f.field);
        let row = line
            .and_then(|i| product_rows.get(i))
            .copied()
            .unwrap_or(line0);
        findings.push(RowFinding::new(row, column, f.code));
    }
    if let (Some(ascii), _) = validate_domain("customerDomain", &template.customer_domain) {
        template.customer_domain = ascii;
    }
    if let (Some(tenant), _) = validate_tenant_id("tenantId", &template.tenant_id) {
        template.tenant_id = tenant;
    }
    for line in &mut template.products {
        if let Some(c) = line.subscription().and_then(|s| canonical_guid(s).ok()) {
            line.subscription_id = Some(c);
        }
    }

    let claim = match new_claim(id.clone(), template.clone(), &ctx.actor, ctx.now) {
        Ok(claim) => claim,
        Err(e) => {
            findings.push(RowFinding::new(line0, "", e.code()));
            Claim {
                created_at: Some(ctx.now.to_utc()),
                ..template
            }
        }
    };
    findings.sort_by_key(|f| f.row);
    ImportCandidate {
        importable: !findings.iter().any(RowFinding::is_error),
        claim,
        rows: rows.iter().map(|r| r.line).collect(),
        findings,
    }
}

// ---------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------

/// The open deadlines of the claims (after time-driven transitions at `now`)
/// as an RFC 5545 calendar: one all-day event each, texts in `locale`.
pub fn deadlines_to_ics(
    claims: &[Claim],
    now: DateTime<FixedOffset>,
    policy: &Policy,
    locale: Locale,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CPOR Desk//EN",
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    let stamp = ics_timestamp(now.to_utc());
    let (customer_label, status_label) = match locale {
        Locale::En => ("Customer", "Status"),
        Locale::Sv => ("Kund", "Status"),
    };
    for stored in claims {
        let claim = advance(stored, now, policy);
        for deadline in open_deadlines(&claim, now, policy) {
            let Some(end) = deadline.due.succ_opt() else {
                continue;
            };
            let uid = format!("{}-{}@cpor-desk", claim.id, deadline.kind.id());
            let summary = format!("{}: {}", deadline.kind.label(locale), claim.name);
            let customer = match (
                claim.customer_name.trim().is_empty(),
                claim.customer_domain.trim().is_empty(),
            ) {
                (false, false) => format!("{} ({})", claim.customer_name, claim.customer_domain),
                (false, true) => claim.customer_name.clone(),
                _ => claim.customer_domain.clone(),
            };
            let description = format!(
                "{customer_label}: {customer}\n{status_label}: {}\n{}",
                claim.status.label(locale),
                deadline.kind.consequence(locale)
            );
            push_line(&mut out, "BEGIN:VEVENT");
            push_line(&mut out, &format!("UID:{}", escape_text(&uid)));
            push_line(&mut out, &format!("DTSTAMP:{stamp}"));
            push_line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", ics_date(deadline.due)),
            );
            push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
            push_line(&mut out, &format!("SUMMARY:{}", escape_text(&summary)));
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&description)),
            );
            push_line(&mut out, "TRANSP:TRANSPARENT");
            push_line(&mut out, "END:VEVENT");
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn ics_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn ics_timestamp(at: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(at.date_naive()),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// An RFC 5545 TEXT value: `\`, `;`, `,` escaped, CRLF / CR / LF as `\n`,
/// other control characters (but tab) dropped.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c < ' ' || c == '\u{7f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded to at most 75 octets per physical line
/// (CRLF and a space before each continuation), never inside a character.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts.
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::DocumentRef;
    use crate::domain::roles::UserRole;

    const CONTOSO: &str = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
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

    /// A claim that passes every rule (without directory).
    fn sample(id: &str) -> Claim {
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

    fn import_with(text: &str, ctx: &ImportContext) -> CsvImport {
        let mut n = 0;
        parse_claims_csv(text, ctx, &mut || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012}")
        })
    }

    fn import(text: &str) -> CsvImport {
        let policy = Policy::default();
        import_with(text, &ImportContext::new(actor(), org(), now(), &policy))
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

    fn codes(findings: &[RowFinding]) -> Vec<(usize, &str, &str)> {
        findings
            .iter()
            .map(|f| (f.row, f.field(), f.code().as_str()))
            .collect()
    }

    #[test]
    fn columns_in_the_documented_order() {
        assert_eq!(
            CSV_COLUMNS.join(","),
            "claim_id,claim_name,status,solution_area,partner_role,partner_org_id,\
             partner_org_name,partner_location,customer_name,customer_domain,tenant_id,\
             product,subscription_id,customer_contact_name,customer_contact_email,\
             customer_contact_phone,partner_contact_name,partner_contact_email,\
             partner_contact_phone,created_at,next_deadline,next_deadline_due,documents"
        );
        for (i, col) in Col::ALL.iter().enumerate() {
            assert_eq!(*col as usize, i);
        }
        for required in REQUIRED_COLUMNS {
            assert!(CSV_COLUMNS.contains(required));
        }
    }

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

    #[test]
    fn quoting_only_where_needed() {
        let mut out = String::new();
        write_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "cr\rx", "lf\nx", "", " sp "],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\rx\",\"lf\nx\",, sp \r\n"
        );
    }

    #[test]
    fn reader_edge_cases() {
        let recs = read_records(
            "\u{feff}a,b\r\n\r\n\"x,1\",\"multi\r\nline\"\n,\n  \n\"q\"\"q\",\"\"\r\nlast,\"cr\ronly\"",
        );
        let got: Vec<(usize, Vec<&str>, bool)> = recs
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.fields.iter().map(String::as_str).collect(),
                    r.malformed,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, vec!["a", "b"], false),
                (3, vec!["x,1", "multi\r\nline"], false),
                (7, vec!["q\"q", ""], false),
                (8, vec!["last", "cr\ronly"], false),
            ]
        );
        // Lone CR ends a line; no final line break is needed.
        let recs = read_records("a\rb\r");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].line, 2);
        // Malformed: a quote inside an unquoted field, text after a closing
        // quote, an unclosed quote (which runs to the end of the file).
        for bad in [
            "ab\"c,d",
            "\"ab\"c,d",
            "\"ab\" ,d",
            "a,\"open\r\nstill open",
        ] {
            let recs = read_records(bad);
            assert_eq!(recs.len(), 1, "{bad:?}");
            assert!(recs[0].malformed, "{bad:?}");
        }
        assert!(read_records("").is_empty());
        assert!(read_records("\u{feff}").is_empty());
        assert!(read_records("\r\n\n ,\t, \r\n").is_empty());
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
        let ctx = ImportContext::new(actor(), org(), now(), &policy)
            .with_existing_ids([ID_B.to_uppercase()]);
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
        let ctx = ImportContext::new(actor(), org(), now(), &policy)
            .with_existing_ids(["taken".to_string()]);
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

    // --- iCalendar ---

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn property<'a>(unfolded: &'a str, name: &str) -> Vec<&'a str> {
        unfolded
            .split("\r\n")
            .filter_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
            .collect()
    }

    fn submitted(id: &str, name: &str) -> Claim {
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

    #[test]
    fn ics_has_one_all_day_event_per_open_deadline() {
        let claims = [submitted(ID_A, "Contoso rollout"), sample(ID_B)];
        let ics = deadlines_to_ics(&claims, now(), &Policy::default(), Locale::En);
        assert_eq!(
            ics,
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CPOR Desk//EN\r\nCALSCALE:GREGORIAN\r\n\
                 BEGIN:VEVENT\r\nUID:{ID_A}-review_start@cpor-desk\r\nDTSTAMP:20261123T080000Z\r\n\
                 DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261124\r\n\
                 SUMMARY:Review starts: Contoso rollout\r\n\
                 DESCRIPTION:Customer: Contoso Ltd (contoso.com)\\nStatus: Submitted\\nMicroso\r\n \
                 ft's service level\\; no automatic action.\r\n\
                 TRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
        );
        let sv = deadlines_to_ics(&claims, now(), &Policy::default(), Locale::Sv);
        let sv = unfold(&sv);
        assert_eq!(
            property(&sv, "SUMMARY"),
            ["Granskningen startar: Contoso rollout"]
        );
        assert!(sv.contains("DESCRIPTION:Kund: Contoso Ltd (contoso.com)\\nStatus: Skickad\\n"));
    }

    #[test]
    fn ics_escapes_and_folds_without_splitting_characters() {
        let names = [
            "Semi; comma, back\\slash and\nnew line".to_string(),
            "é".repeat(200),
            "😀".repeat(100),
            format!("x{}", "\u{202E}\u{200B}".repeat(60)),
            "<script>alert(1)</script>".repeat(10),
            "a".repeat(10_000),
        ];
        for name in names {
            let claim = submitted(ID_A, &name);
            let ics = deadlines_to_ics(&[claim], now(), &Policy::default(), Locale::En);
            assert!(ics.ends_with("\r\n"));
            for line in ics.split("\r\n") {
                assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
                assert!(!line.contains(['\r', '\n']));
            }
            let unfolded = unfold(&ics);
            let summary = property(&unfolded, "SUMMARY");
            assert_eq!(summary.len(), 1);
            assert_eq!(unescape(summary[0]), format!("Review starts: {name}"));
            // Every escape-worthy character is escaped.
            let raw = summary[0]
                .replace("\\\\", "")
                .replace("\\;", "")
                .replace("\\,", "");
            assert!(!raw.contains([';', ',']), "{raw}");
        }
    }

    #[test]
    fn ics_text_escaping() {
        assert_eq!(
            escape_text("a\\b;c,d\r\ne\rf\ng\th"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th"
        );
        assert_eq!(escape_text("nul\u{0}bell\u{7}del\u{7f}"), "nulbelldel");
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &format!("{}é", "x".repeat(74)));
        assert_eq!(out, format!("{}\r\n é\r\n", "x".repeat(74)));
    }

    #[test]
    fn ics_for_other_deadlines_and_none() {
        let ics = deadlines_to_ics(&[], now(), &Policy::default(), Locale::En);
        assert_eq!(
            ics,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CPOR Desk//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
        );
        // A claim whose response deadline passed is rejected at `now`: its
        // event is the dispute window.
        let mut claim = sample(ID_A);
        claim.status = Status::PartnerActionRequired;
        claim.history.push(crate::domain::claim::HistoryEntry {
            at: DateTime::parse_from_rfc3339("2026-11-02T10:00:00Z")
                .unwrap()
                .to_utc(),
            actor: Actor::reviewer("Rita"),
            action: crate::domain::claim::Action::InfoRequested {
                reasons: vec![],
                comment: String::new(),
            },
            from: Some(Status::UnderReview),
            to: Some(Status::PartnerActionRequired),
            changes: vec![],
        });
        let ics = unfold(&deadlines_to_ics(
            &[claim],
            now(),
            &Policy::default(),
            Locale::En,
        ));
        assert_eq!(
            property(&ics, "UID"),
            [format!("{ID_A}-dispute_window@cpor-desk")]
        );
        assert!(ics.contains("Status: Rejected"));
    }
}
