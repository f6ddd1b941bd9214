//! CSV rows to draft claims, with the per-row report (see the module docs
//! of [`super`], "Import").

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::csv::{Record, Records, restore_formula};
use super::{COLUMN_COUNT, COLUMNS, Col, REQUIRED_COLUMNS};
use crate::domain::catalog::Catalog;
use crate::domain::claim::{Claim, Contact, PartnerLocation, PartnerOrgRef, ProductLine, Status};
use crate::domain::competing::Association;
use crate::domain::directory::Directory;
use crate::domain::domain_name::validate_domain;
use crate::domain::finding::{Code, Finding, Locale, Severity};
use crate::domain::ids::{canonical_guid, parse_guid, validate_tenant_id};
use crate::domain::intake::{MAX_CSV_ROWS, over_limits};
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
/// [`CsvParser`] does the same a slice at a time.
pub fn parse_claims_csv(
    text: &str,
    ctx: &ImportContext,
    new_id: &mut dyn FnMut() -> String,
) -> CsvImport {
    let mut parser = CsvParser::new(text);
    while !parser.step(ctx, new_id, usize::MAX) {}
    parser.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    /// Reading and grouping the rows.
    Rows,
    /// The header has an error or the file too many rows: the rest is
    /// only counted.
    Count,
    /// Building and checking one claim per group.
    Claims,
    Done,
}

/// [`parse_claims_csv`] a slice at a time, so a large file does not freeze
/// the page: [`CsvParser::step`] reads or checks at most `budget` rows or
/// claims and returns; the caller lets the page breathe and calls again
/// until it returns true, then takes [`CsvParser::finish`].
///
/// ```
/// use chrono::DateTime;
/// use cpor_desk::domain::bulk::{CsvParser, ImportContext};
/// use cpor_desk::domain::claim::PartnerOrgRef;
/// use cpor_desk::domain::policy::Policy;
/// use cpor_desk::domain::roles::{Actor, UserRole};
///
/// let policy = Policy::default();
/// let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap();
/// let org = PartnerOrgRef { id: "northwind".into(), name: "Northwind Traders".into() };
/// let ctx = ImportContext::new(Actor::partner("northwind", UserRole::IncentivesUser, "Ada"), org, now, &policy);
/// let text = "claim_name,customer_domain,tenant_id,product\r\nA,contoso.com,x,teams\r\nB,contoso.com,x,teams\r\n";
/// let mut parser = CsvParser::new(text);
/// let mut steps = 1;
/// let mut n = 0;
/// while !parser.step(&ctx, &mut || { n += 1; format!("id-{n}") }, 1) {
///     steps += 1;
/// }
/// assert!(steps > 2);
/// assert_eq!(parser.finish().claims.len(), 2);
/// ```
pub struct CsvParser<'t> {
    records: Records<'t>,
    stage: Stage,
    map: Vec<Option<usize>>,
    /// The header's names, by position (for cut cells).
    names: Vec<String>,
    width: usize,
    findings: Vec<RowFinding>,
    groups: Vec<Vec<Row>>,
    index: HashMap<GroupKey, usize>,
    rows: usize,
    used: Option<HashSet<String>>,
    claims: Vec<ImportCandidate>,
}

impl<'t> CsvParser<'t> {
    pub fn new(text: &'t str) -> CsvParser<'t> {
        CsvParser {
            records: Records::new(text),
            stage: Stage::Header,
            map: Vec::new(),
            names: Vec::new(),
            width: 0,
            findings: Vec::new(),
            groups: Vec::new(),
            index: HashMap::new(),
            rows: 0,
            used: None,
            claims: Vec::new(),
        }
    }

    /// How far it is, from 0 to 1 (reading the rows is the first half,
    /// checking the claims the second).
    pub fn progress(&self) -> f64 {
        let (read, total) = self.records.progress();
        let reading = read as f64 / total.max(1) as f64;
        match self.stage {
            Stage::Header | Stage::Rows | Stage::Count => reading / 2.0,
            Stage::Claims => 0.5 + self.claims.len() as f64 / self.groups.len().max(1) as f64 / 2.0,
            Stage::Done => 1.0,
        }
    }

    /// Does at most `budget` rows or claims of work; true when all is done.
    pub fn step(
        &mut self,
        ctx: &ImportContext,
        new_id: &mut dyn FnMut() -> String,
        budget: usize,
    ) -> bool {
        let mut left = budget.max(1);
        loop {
            match self.stage {
                Stage::Header => {
                    let Some(header) = self.records.next() else {
                        self.findings
                            .push(RowFinding::new(1, "", Code::CsvHeaderMissing));
                        self.stage = Stage::Done;
                        continue;
                    };
                    let (map, findings) = read_header(&header);
                    self.map = map;
                    self.findings = findings;
                    self.width = header.fields.len();
                    self.names = header.fields.iter().map(|f| f.trim().to_string()).collect();
                    self.stage = if self.findings.iter().any(RowFinding::is_error) {
                        Stage::Count
                    } else {
                        Stage::Rows
                    };
                }
                Stage::Rows | Stage::Count => {
                    while left > 0 {
                        let Some(record) = self.records.next() else {
                            self.stage = if self.stage == Stage::Rows {
                                Stage::Claims
                            } else {
                                Stage::Done
                            };
                            break;
                        };
                        left -= 1;
                        self.rows += 1;
                        if self.stage == Stage::Count {
                            continue;
                        }
                        if self.rows > MAX_CSV_ROWS {
                            // All or nothing: no claim of a file that is
                            // too long is offered.
                            self.findings.push(RowFinding::new(
                                record.line,
                                "",
                                Code::CsvTooManyRows,
                            ));
                            self.groups.clear();
                            self.index.clear();
                            self.stage = Stage::Count;
                            continue;
                        }
                        self.group(record);
                    }
                    if left == 0 && matches!(self.stage, Stage::Rows | Stage::Count) {
                        return false;
                    }
                }
                Stage::Claims => {
                    let used = self.used.get_or_insert_with(|| {
                        let mut used = HashSet::new();
                        for id in &ctx.existing_ids {
                            used.insert(id.clone());
                            if let Ok(c) = canonical_guid(id) {
                                used.insert(c);
                            }
                        }
                        used
                    });
                    while left > 0 && self.claims.len() < self.groups.len() {
                        let rows = std::mem::take(&mut self.groups[self.claims.len()]);
                        self.claims.push(build_candidate(rows, ctx, used, new_id));
                        left -= 1;
                    }
                    if self.claims.len() < self.groups.len() {
                        return false;
                    }
                    self.stage = Stage::Done;
                }
                Stage::Done => return true,
            }
        }
    }

    /// Adds one data row to its claim's group.
    fn group(&mut self, mut record: Record) {
        let mut row_findings = Vec::new();
        if record.malformed {
            row_findings.push(RowFinding::new(record.line, "", Code::CsvMalformed));
        }
        if record.fields.len() != self.width {
            row_findings.push(RowFinding::new(record.line, "", Code::CsvFieldCount));
        }
        for &i in &record.long {
            let column = self.names.get(i).cloned().unwrap_or_default();
            row_findings.push(RowFinding::new(record.line, column, Code::TextTooLong));
        }
        let mut values: Vec<String> = self
            .map
            .iter()
            .map(|i| {
                i.and_then(|i| record.fields.get_mut(i))
                    .map(|v| restore_formula(&std::mem::take(v)).into_owned())
                    .unwrap_or_default()
            })
            .collect();
        // A label column stands in for its code column when that is
        // missing or empty.
        for col in Col::ALL {
            if let Some(label) = col.label()
                && values[col as usize].trim().is_empty()
            {
                values[col as usize] = values[label as usize].clone();
            }
        }
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
        match self.index.get(&key) {
            Some(&g) => self.groups[g].push(row),
            None => {
                self.index.insert(key, self.groups.len());
                self.groups.push(vec![row]);
            }
        }
    }

    /// The candidates and the per-row report.
    pub fn finish(self) -> CsvImport {
        let mut findings = self.findings;
        findings.extend(self.claims.iter().flat_map(|c| c.findings.iter().cloned()));
        findings.sort_by_key(|f| f.row);
        CsvImport {
            claims: self.claims,
            findings,
            rows: self.rows,
        }
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
        let Some(col) = Col::ALL.iter().copied().find(|c| c.name() == required) else {
            continue;
        };
        let present = |c: Col| map[c as usize].is_some();
        if !present(col) && !col.label().is_some_and(present) {
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

/// A catalog id from its id or its name in any language (any letter
/// case): the label columns of an export, or a value typed in a
/// spreadsheet; anything else as given (trimmed).
fn resolve_label<'c>(
    value: &str,
    entries: impl Iterator<Item = (&'c str, &'c crate::domain::catalog::Text)>,
) -> String {
    let v = value.trim();
    let wanted = v.to_lowercase();
    for (id, name) in entries {
        if id.eq_ignore_ascii_case(v) || name.0.values().any(|n| n.to_lowercase() == wanted) {
            return id.to_string();
        }
    }
    v.to_string()
}

fn resolve_area(value: &str) -> String {
    let areas = &Catalog::builtin().solution_areas;
    resolve_label(value, areas.iter().map(|a| (a.id.as_str(), &a.name)))
}

fn resolve_role(value: &str) -> String {
    let roles = &Catalog::builtin().roles;
    resolve_label(value, roles.iter().map(|r| (r.id.as_str(), &r.name)))
}

/// The status of a status id or label in any language.
fn resolve_status(value: &str) -> Option<Status> {
    let v = value.trim();
    let wanted = v.to_lowercase();
    Status::ALL.iter().copied().find(|s| {
        s.id().eq_ignore_ascii_case(v)
            || Locale::ALL
                .iter()
                .any(|&l| s.label(l).to_lowercase() == wanted)
    })
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
    if !status.is_empty() && resolve_status(status) != Some(Status::Draft) {
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
        solution_area: non_blank(first.get(Col::SolutionArea)).map(|a| resolve_area(&a)),
        partner_role: non_blank(first.get(Col::PartnerRole)).map(|r| resolve_role(&r)),
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

    // The values as read are validated, with the size limits of every
    // claim; their canonical forms are stored.
    let mut checked = validate_claim(&template, &ctx.claim_context());
    for over in over_limits(&template) {
        let f = over.finding();
        if !checked.contains(&f) {
            checked.push(f);
        }
    }
    for f in checked {
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
