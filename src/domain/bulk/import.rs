//! CSV rows to draft claims, with the per-row report (see the module docs
//! of [`super`], "Import").

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::csv::{Record, read_records};
use super::{COLUMN_COUNT, COLUMNS, Col, REQUIRED_COLUMNS};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Contact, PartnerLocation, PartnerOrgRef, ProductLine, Status};
use crate::domain::competing::Association;
use crate::domain::directory::Directory;
use crate::domain::domain_name::validate_domain;
use crate::domain::finding::{Code, Finding, Locale, Severity};
use crate::domain::ids::{canonical_guid, parse_guid, validate_tenant_id};
use crate::domain::policy::Policy;
use crate::domain::roles::Actor;
use crate::domain::status::new_claim;
use crate::domain::validate::{ClaimContext, validate_claim};

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

#[cfg(test)]
mod tests;
