//! The claims dashboard: one row per claim with what the list
//! shows, searches, filters and sorts; the "Needs attention" rules; counts
//! per status. Pure and fast: rows are built once per change of the claims
//! or the clock ([`build_rows`], linear in the claims), and each keystroke
//! only runs [`select`] over the prepared rows (a lowercase substring test
//! per row, then a sort of the matches).
//!
//! ```
//! use chrono::DateTime;
//! use cpor_desk::domain::claim::{Claim, ProductLine, Status};
//! use cpor_desk::domain::dashboard::{Query, SortKey, build_rows, select, status_counts};
//! use cpor_desk::domain::policy::Policy;
//!
//! let claim = |id: &str, name: &str, customer: &str| Claim {
//!     id: id.into(),
//!     name: name.into(),
//!     customer_name: customer.into(),
//!     products: vec![ProductLine::new("teams")],
//!     ..Claim::default()
//! };
//! let claims = vec![claim("1", "Teams rollout", "Contoso Ltd"), claim("2", "Intune", "Fabrikam, Inc.")];
//! let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
//! let rows = build_rows(&claims, now, &Policy::default());
//! let q = Query { text: "CONTOSO".into(), ..Query::default() };
//! assert_eq!(select(&rows, &q), [0]);
//! let by_customer = Query { sort: SortKey::Customer, descending: true, ..Query::default() };
//! assert_eq!(select(&rows, &by_customer), [1, 0]);
//! assert_eq!(status_counts(&rows)[0], (Status::Draft, 2));
//! ```

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use super::calendar::Calendar;
use super::catalog::Catalog;
use super::claim::{Claim, Status};
use super::competing::{Keys, competing_flags, end};
use super::policy::Policy;
use super::status;
use super::timeline::{Deadline, DeadlineKind, open_deadlines};

/// Deadlines this close (in business days, today counting as 0) make a
/// claim need attention.
pub const SOON_BUSINESS_DAYS: i64 = 2;
/// A dispute window closing within this many business days needs attention.
pub const DISPUTE_CLOSING_BUSINESS_DAYS: i64 = 5;

/// Why a claim needs the partner's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attention {
    /// Status Partner action required: the reviewer waits for the partner.
    ActionRequired,
    /// An open deadline has passed (its automatic step is shown on read).
    Overdue,
    /// An open deadline falls within [`SOON_BUSINESS_DAYS`] business days.
    DueSoon,
    /// A rejected claim's dispute window closes within
    /// [`DISPUTE_CLOSING_BUSINESS_DAYS`] business days.
    DisputeClosing,
    /// Team sync: a colleague changed the same fields (or deleted the
    /// claim) and the partner must choose ([`mark_sync`]).
    SyncConflict,
}

/// One dashboard row. Its texts are in one string ([`Row::name`] and the
/// others read them): a row costs a few allocations, not fifteen, which is
/// most of building 100,000 rows (docs/performance.md#lean-rows).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Catalog product names (the product's id when the catalog does not
    /// know it), in the claim's order.
    pub products: Vec<Cow<'static, str>>,
    pub status: Status,
    pub created: Option<DateTime<Utc>>,
    /// The open deadline, if any.
    pub deadline: Option<Deadline>,
    /// Business days from today to the deadline (negative when overdue).
    pub business_days_left: Option<i64>,
    pub competing: bool,
    pub attention: Vec<Attention>,
    /// The stored claim's revision (a list can key its rows by it).
    pub revision: u64,
    /// Team sync: changed here and not on the server yet ([`mark_sync`]).
    pub unsent: bool,
    /// The texts back to back, each ending at its [`Text`] entry of `ends`:
    /// the claim's id, name, customer, domain, tenant, location, solution
    /// area and partner role as written; then in lowercase the name,
    /// customer and domain (their columns' sort keys), tenant, id, product
    /// names and product ids, each after a `\u{1F}` (what search looks in,
    /// from the name to [`Text::Search`]); then the product names joined by
    /// ", " in lowercase (the products' sort key).
    text: Box<str>,
    ends: [u32; Text::COUNT],
    /// Whether the claim names a solution area and a partner role.
    has_area: bool,
    has_role: bool,
    /// What the competing-claims pass needs ([`competing_flags`]).
    holds: bool,
    keys: Keys,
}

/// The texts of a [`Row`], in their order in its string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    Id,
    Name,
    Customer,
    Domain,
    Tenant,
    Location,
    Area,
    Role,
    NameKey,
    CustomerKey,
    DomainKey,
    Search,
    ProductsKey,
}

impl Text {
    const COUNT: usize = Text::ProductsKey as usize + 1;
}

impl Row {
    /// Text `t` (from the end of the one before it; the keys after the
    /// first skip their `\u{1F}`).
    fn text(&self, t: Text) -> &str {
        let i = t as usize;
        let mut from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        if matches!(t, Text::CustomerKey | Text::DomainKey) {
            from += 1;
        }
        self.text.get(from..self.ends[i] as usize).unwrap_or("")
    }

    pub fn id(&self) -> &str {
        self.text(Text::Id)
    }

    pub fn name(&self) -> &str {
        self.text(Text::Name)
    }

    pub fn customer(&self) -> &str {
        self.text(Text::Customer)
    }

    pub fn domain(&self) -> &str {
        self.text(Text::Domain)
    }

    pub fn tenant(&self) -> &str {
        self.text(Text::Tenant)
    }

    pub fn location(&self) -> &str {
        self.text(Text::Location)
    }

    pub fn area(&self) -> Option<&str> {
        self.has_area.then(|| self.text(Text::Area))
    }

    pub fn role(&self) -> Option<&str> {
        self.has_role.then(|| self.text(Text::Role))
    }

    /// The lowercase name (the name column's sort key).
    fn name_key(&self) -> &str {
        self.text(Text::NameKey)
    }

    fn customer_key(&self) -> &str {
        self.text(Text::CustomerKey)
    }

    fn domain_key(&self) -> &str {
        self.text(Text::DomainKey)
    }

    /// What search looks in: from the name key to the end of the product
    /// ids.
    fn haystack(&self) -> &str {
        let from = self.ends[Text::Role as usize] as usize;
        self.text
            .get(from..self.ends[Text::Search as usize] as usize)
            .unwrap_or("")
    }

    /// The lowercase product names joined by ", ".
    fn products_key(&self) -> &str {
        self.text(Text::ProductsKey)
    }
}

/// Rows for `claims` (already advanced to `now` by the caller when
/// time-driven transitions should show).
pub fn build_rows(claims: &[Claim], now: DateTime<FixedOffset>, policy: &Policy) -> Vec<Row> {
    let calendar = policy.calendar();
    let mut rows: Vec<Row> = claims
        .iter()
        .map(|c| row_of(c, now, policy, &calendar))
        .collect();
    let flags = competing_flags(rows.iter().map(|r| (r.holds, &r.keys)));
    for (row, competing) in rows.iter_mut().zip(flags) {
        row.competing = competing;
    }
    rows
}

/// One claim's row, without the competing-claims flag (a pass over all
/// rows, [`competing_flags`]).
fn row_of(c: &Claim, now: DateTime<FixedOffset>, policy: &Policy, calendar: &Calendar) -> Row {
    let catalog = Catalog::builtin();
    let today = now.date_naive();
    let products: Vec<Cow<'static, str>> = c
        .products
        .iter()
        .map(|p| {
            catalog.product(&p.product).map_or_else(
                || Cow::Owned(p.product.clone()),
                |x| Cow::Borrowed(x.name.as_str()),
            )
        })
        .collect();
    let deadline = open_deadlines(c, now, policy).into_iter().next();
    let business_days_left = deadline
        .as_ref()
        .map(|d| calendar.business_days_between(today, d.due));
    let mut attention = Vec::new();
    if c.status == Status::PartnerActionRequired {
        attention.push(Attention::ActionRequired);
    }
    if let (Some(d), Some(left)) = (&deadline, business_days_left) {
        if d.is_overdue() {
            attention.push(Attention::Overdue);
        } else if left <= SOON_BUSINESS_DAYS {
            attention.push(Attention::DueSoon);
        }
        if d.kind == DeadlineKind::DisputeWindow
            && !d.is_overdue()
            && left <= DISPUTE_CLOSING_BUSINESS_DAYS
        {
            attention.push(Attention::DisputeClosing);
        }
    }
    let written = [
        c.id.as_str(),
        &c.name,
        &c.customer_name,
        &c.customer_domain,
        &c.tenant_id,
        &c.partner_location,
        c.solution_area.as_deref().unwrap_or(""),
        c.partner_role.as_deref().unwrap_or(""),
    ];
    let products_len: usize = products.iter().map(|p| p.len()).sum::<usize>()
        + c.products.iter().map(|p| p.product.len()).sum::<usize>();
    let mut text = String::with_capacity(
        written.iter().map(|t| t.len()).sum::<usize>() * 2 + products_len * 2 + 16,
    );
    let mut ends = [0u32; Text::COUNT];
    // The texts as written are the first eight (`Text::Id` to `Text::Role`).
    for (i, s) in written.into_iter().enumerate() {
        text.push_str(s);
        ends[i] = end(&text);
    }
    let mut mark = |text: &String, t: Text| ends[t as usize] = end(text);
    push_lower(&mut text, &c.name);
    mark(&text, Text::NameKey);
    text.push('\u{1F}');
    push_lower(&mut text, &c.customer_name);
    mark(&text, Text::CustomerKey);
    text.push('\u{1F}');
    push_lower(&mut text, &c.customer_domain);
    mark(&text, Text::DomainKey);
    for part in [c.tenant_id.as_str(), c.id.as_str()]
        .into_iter()
        .chain(products.iter().map(|p| p.as_ref()))
        .chain(c.products.iter().map(|p| p.product.as_str()))
    {
        text.push('\u{1F}');
        push_lower(&mut text, part);
    }
    mark(&text, Text::Search);
    for (i, p) in products.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        push_lower(&mut text, p);
    }
    mark(&text, Text::ProductsKey);
    Row {
        products,
        status: c.status,
        created: c.created_at,
        deadline,
        business_days_left,
        competing: false,
        attention,
        revision: c.revision,
        unsent: false,
        text: text.into_boxed_str(),
        ends,
        has_area: c.solution_area.is_some(),
        has_role: c.partner_role.is_some(),
        holds: c.status.holds_association(),
        keys: Keys::of(c),
    }
}

/// Appends `s` in lowercase (as `str::to_lowercase`), without a string of
/// its own when `s` is ASCII (the usual case).
fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        if let Some(added) = out.get_mut(from..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The dashboard's rows, kept between changes: a claim's row is built once
/// per revision and day ([`RowCache::rows`]), so another tab's change or a
/// batch of pulled claims rebuilds only the rows of the claims that
/// changed, not those of all 100,000. Only the competing-claims flags are
/// found again each time (one pass over the kept rows, linear).
#[derive(Default)]
pub struct RowCache {
    /// The day, offset and policy the kept rows were built for: another
    /// day (deadlines, overdue, time-driven transitions) or another policy
    /// builds them all again.
    epoch: Option<(chrono::NaiveDate, FixedOffset, usize)>,
    /// By the hash of the claim's id; a row is used only when its id and
    /// revision are the claim's.
    kept: std::collections::HashMap<u64, Arc<Row>>,
    /// How many rows the last [`RowCache::rows`] built (for tests).
    pub built: usize,
}

impl RowCache {
    /// The rows of `claims` as stored (each is advanced to `now` here, and
    /// only when its row is built), in their order, with the
    /// competing-claims flags. `policy` is one of the static policies
    /// ([`Policy::with_calendar`]).
    pub fn rows<'a>(
        &mut self,
        claims: impl IntoIterator<Item = &'a Claim>,
        now: DateTime<FixedOffset>,
        policy: &'static Policy,
    ) -> Vec<Arc<Row>> {
        self.set_epoch(now, policy);
        let old = std::mem::take(&mut self.kept);
        let calendar = policy.calendar();
        self.built = 0;
        // Each id's hash, taken once: the rows are kept by it below (at
        // 100,000 rows, hashing the ids again cost as much as the lookup).
        let mut hashes = Vec::new();
        let mut rows: Vec<Arc<Row>> = claims
            .into_iter()
            .map(|c| {
                let hash = id_hash(&c.id);
                hashes.push(hash);
                match old.get(&hash) {
                    Some(row) if row.id() == c.id && row.revision == c.revision => row.clone(),
                    _ => {
                        self.built += 1;
                        cached_row(c, now, policy, &calendar)
                    }
                }
            })
            .collect();
        drop(old);
        let flags = competing_flags(rows.iter().map(|r| (r.holds, &r.keys)));
        for (row, competing) in rows.iter_mut().zip(flags) {
            if row.competing != competing {
                Arc::make_mut(row).competing = competing;
            }
        }
        self.kept.reserve(rows.len());
        for (hash, row) in hashes.into_iter().zip(&rows) {
            self.kept.insert(hash, row.clone());
        }
        rows
    }

    /// Builds and keeps the rows of `claims` ahead of the next
    /// [`RowCache::rows`] (e.g. a pulled batch, a slice at a time, before it
    /// joins the list), so that call finds them built instead of building
    /// them all in one task. Returns how many it built (a row kept at the
    /// claim's revision is not built again). Rows of claims the next
    /// [`RowCache::rows`] is not given are dropped there.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cpor_desk::domain::claim::Claim;
    /// use cpor_desk::domain::dashboard::RowCache;
    /// use cpor_desk::domain::policy::Policy;
    /// let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
    /// let policy = &Policy::builtin()[0];
    /// let claims: Vec<Claim> = (0..3).map(|i| Claim { id: i.to_string(), ..Claim::default() }).collect();
    /// let mut cache = RowCache::default();
    /// assert_eq!(cache.prepare(&claims[1..], now, policy), 2);
    /// assert_eq!(cache.rows(&claims, now, policy).len(), 3);
    /// assert_eq!(cache.built, 1);
    /// ```
    pub fn prepare<'a>(
        &mut self,
        claims: impl IntoIterator<Item = &'a Claim>,
        now: DateTime<FixedOffset>,
        policy: &'static Policy,
    ) -> usize {
        self.set_epoch(now, policy);
        let calendar = policy.calendar();
        let mut built = 0;
        for c in claims {
            let hash = id_hash(&c.id);
            let kept = self
                .kept
                .get(&hash)
                .is_some_and(|row| row.id() == c.id && row.revision == c.revision);
            if !kept {
                self.kept
                    .insert(hash, cached_row(c, now, policy, &calendar));
                built += 1;
            }
        }
        built
    }

    /// Drops every kept row when the day, offset or policy changed.
    fn set_epoch(&mut self, now: DateTime<FixedOffset>, policy: &'static Policy) {
        let epoch = (
            now.date_naive(),
            *now.offset(),
            policy as *const Policy as usize,
        );
        if self.epoch != Some(epoch) {
            self.kept.clear();
            self.epoch = Some(epoch);
        }
    }
}

/// A claim's row as the cache keeps it: advanced to `now` first. One
/// function for [`RowCache::rows`] and [`RowCache::prepare`] (not inlined
/// into both: the row's code is large, and the first load carries it).
#[inline(never)]
fn cached_row(
    c: &Claim,
    now: DateTime<FixedOffset>,
    policy: &'static Policy,
    calendar: &Calendar,
) -> Arc<Row> {
    let c = status::advance_cow(c, now, policy);
    Arc::new(row_of(&c, now, policy, calendar))
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortKey {
    Name,
    Customer,
    Domain,
    Products,
    Status,
    Location,
    /// The open deadline's due date (claims without one last).
    #[default]
    Deadline,
    Created,
}

impl SortKey {
    pub const ALL: &'static [SortKey] = &[
        SortKey::Name,
        SortKey::Customer,
        SortKey::Domain,
        SortKey::Products,
        SortKey::Status,
        SortKey::Location,
        SortKey::Deadline,
        SortKey::Created,
    ];

    /// The key's id in a dashboard link (`sort=customer`).
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Customer => "customer",
            SortKey::Domain => "domain",
            SortKey::Products => "products",
            SortKey::Status => "status",
            SortKey::Location => "location",
            SortKey::Deadline => "deadline",
            SortKey::Created => "created",
        }
    }

    pub fn from_id(id: &str) -> Option<SortKey> {
        SortKey::ALL.iter().copied().find(|k| k.id() == id)
    }
}

/// What the dashboard shows. Empty / `None` / `false` filters let everything
/// through.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Query {
    /// Words that must all occur (case-insensitive) in the claim's name,
    /// customer, domain, tenant ID, id or products.
    pub text: String,
    pub status: Option<Status>,
    pub area: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    /// Only claims with an open deadline within this many business days
    /// (overdue ones included).
    pub due_within: Option<i64>,
    pub competing_only: bool,
    /// Only claims with at least one [`Attention`].
    pub needs_attention: bool,
    pub sort: SortKey,
    pub descending: bool,
}

impl Query {
    /// True when `row` passes every filter.
    pub fn matches(&self, row: &Row, words: &[String]) -> bool {
        self.status.is_none_or(|s| row.status == s)
            && self
                .area
                .as_ref()
                .is_none_or(|a| row.area() == Some(a.as_str()))
            && self
                .role
                .as_ref()
                .is_none_or(|r| row.role() == Some(r.as_str()))
            && self.location.as_ref().is_none_or(|l| row.location() == l)
            && self
                .due_within
                .is_none_or(|n| row.business_days_left.is_some_and(|left| left <= n))
            && (!self.competing_only || row.competing)
            && (!self.needs_attention || !row.attention.is_empty())
            && words.iter().all(|w| row.haystack().contains(w.as_str()))
    }
}

impl Query {
    /// The query and the page (numbered from 1) as the parameters of a
    /// dashboard link, so a view can be bookmarked and shared:
    /// `q=contoso&status=submitted&sort=name&desc=1&page=2`. What is at
    /// its default (no filter, sorted by deadline ascending, page 1) is
    /// left out, so the plain list is `""`.
    ///
    /// ```
    /// use cpor_desk::domain::claim::Status;
    /// use cpor_desk::domain::dashboard::{Query, SortKey};
    /// let q = Query { text: "Contoso Ltd".into(), status: Some(Status::Submitted), sort: SortKey::Name, ..Query::default() };
    /// let params = q.to_params(2);
    /// assert_eq!(params, "q=Contoso%20Ltd&status=submitted&sort=name&page=2");
    /// assert_eq!(Query::from_params(&params), (q, 2));
    /// assert_eq!(Query::default().to_params(1), "");
    /// ```
    pub fn to_params(&self, page: usize) -> String {
        use super::url::encode_component as enc;
        let mut out: Vec<String> = Vec::new();
        let mut put = |name: &str, value: &str| out.push(format!("{name}={}", enc(value)));
        if !self.text.is_empty() {
            put("q", &self.text);
        }
        if let Some(s) = self.status {
            put("status", s.id());
        }
        if let Some(a) = &self.area {
            put("area", a);
        }
        if let Some(r) = &self.role {
            put("role", r);
        }
        if let Some(l) = &self.location {
            put("location", l);
        }
        if let Some(n) = self.due_within {
            put("due", &n.to_string());
        }
        if self.competing_only {
            put("competing", "1");
        }
        if self.needs_attention {
            put("attention", "1");
        }
        if self.sort != SortKey::default() {
            put("sort", self.sort.id());
        }
        if self.descending {
            put("desc", "1");
        }
        if page > 1 {
            put("page", &page.to_string());
        }
        out.join("&")
    }

    /// The query and page (from 1) of a dashboard link's parameters.
    /// Unknown names and values that do not parse are ignored (a link from
    /// an older or newer version still opens the list).
    pub fn from_params(params: &str) -> (Query, usize) {
        let mut q = Query::default();
        let mut page = 1;
        let flag = |v: &str| matches!(v, "1" | "true");
        let some = |v: String| (!v.is_empty()).then_some(v);
        for (name, value) in super::url::params(params) {
            match name.as_str() {
                "q" => q.text = value,
                "status" => q.status = Status::ALL.iter().copied().find(|s| s.id() == value),
                "area" => q.area = some(value),
                "role" => q.role = some(value),
                "location" => q.location = some(value),
                "due" => q.due_within = value.parse().ok(),
                "competing" => q.competing_only = flag(&value),
                "attention" => q.needs_attention = flag(&value),
                "sort" => q.sort = SortKey::from_id(&value).unwrap_or_default(),
                "desc" => q.descending = flag(&value),
                "page" => page = value.parse::<usize>().ok().filter(|p| *p > 0).unwrap_or(1),
                _ => {}
            }
        }
        (q, page)
    }
}

/// Case-insensitive by the rows' lowercase keys, then by the text itself.
fn text_order(a_key: &str, a: &str, b_key: &str, b: &str) -> Ordering {
    a_key.cmp(b_key).then_with(|| a.cmp(b))
}

fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    match key {
        SortKey::Name => text_order(a.name_key(), a.name(), b.name_key(), b.name()),
        SortKey::Customer => text_order(
            a.customer_key(),
            a.customer(),
            b.customer_key(),
            b.customer(),
        ),
        SortKey::Domain => text_order(a.domain_key(), a.domain(), b.domain_key(), b.domain()),
        SortKey::Products => a
            .products_key()
            .cmp(b.products_key())
            .then_with(|| a.products.cmp(&b.products)),
        SortKey::Status => Status::ALL
            .iter()
            .position(|s| *s == a.status)
            .cmp(&Status::ALL.iter().position(|s| *s == b.status)),
        SortKey::Location => a.location().cmp(b.location()),
        SortKey::Deadline => match (&a.deadline, &b.deadline) {
            (Some(x), Some(y)) => x.due.cmp(&y.due),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortKey::Created => a.created.cmp(&b.created),
    }
}

/// The indices of the rows `query` shows, in its order (ties keep the
/// claims' order, by name then id, so the list never jumps).
pub fn select<R: Borrow<Row>>(rows: &[R], query: &Query) -> Vec<usize> {
    sorted(rows, query, &mut (0..rows.len()))
}

/// Those of the rows `candidates` (indices into `rows`) that `query`
/// shows, in its order: [`select`] over some of the rows. One function
/// for both (the candidates behind `dyn`), so the binary holds one sort.
fn sorted<R: Borrow<Row>>(
    rows: &[R],
    query: &Query,
    candidates: &mut dyn Iterator<Item = usize>,
) -> Vec<usize> {
    let words = query.words();
    let directed = |o: Ordering| if query.descending { o.reverse() } else { o };
    // Every key orders the rows completely (the id last), so an unstable
    // sort gives the same order as a stable one. Deadline, status and date
    // are sorted on the key as a number, taken once per row, so most
    // comparisons compare two numbers side by side (the names only on a
    // tie), not two rows behind their pointers; the text keys compare the
    // rows (their number is 0). One sort for both: each sort the binary
    // holds is a few KB of the first load (docs/performance.md#first-load).
    // Each row's keys are taken once, into the vector sorted: a comparison
    // reads two entries side by side and, for text, the two strings, not
    // two rows behind their pointers (at 100,000 rows most of a sort's
    // time was those reads). The rest of a text key's order
    // ([`compare`]) and of the ties come from the rows, when the keys are
    // equal.
    let key_of = number_key(query.sort);
    let mut keyed: Vec<Keyed<'_>> = candidates
        .filter(|&i| query.matches(rows[i].borrow(), &words))
        .map(|i| {
            let row = rows[i].borrow();
            Keyed {
                number: key_of.map_or(0, |k| k(row)),
                text: text_key(row, query.sort),
                tie: row.name_key(),
                index: i,
            }
        })
        .collect();
    keyed.sort_unstable_by(|x, y| {
        let (a, b) = (rows[x.index].borrow(), rows[y.index].borrow());
        let primary = match key_of {
            Some(_) => x.number.cmp(&y.number),
            None => x.text.cmp(y.text).then_with(|| compare(a, b, query.sort)),
        };
        directed(primary)
            .then_with(|| x.tie.cmp(y.tie))
            .then_with(|| ties(a, b))
    });
    keyed.into_iter().map(|k| k.index).collect()
}

/// A row as [`sorted`] sorts it.
struct Keyed<'r> {
    /// The sort key as a number ([`number_key`]), or 0.
    number: i128,
    /// The text sort key ([`text_key`]), or "".
    text: &'r str,
    /// The name key, for ties.
    tie: &'r str,
    index: usize,
}

/// The start of `key`'s order for a text column: the rows' order by
/// [`compare`] is this text's, then (on equal texts) [`compare`]'s own.
fn text_key(row: &Row, key: SortKey) -> &str {
    match key {
        SortKey::Name => row.name_key(),
        SortKey::Customer => row.customer_key(),
        SortKey::Domain => row.domain_key(),
        SortKey::Products => row.products_key(),
        SortKey::Location => row.location(),
        SortKey::Status | SortKey::Deadline | SortKey::Created => "",
    }
}

/// The order of rows whose sort keys are equal: by name, then id.
fn ties(a: &Row, b: &Row) -> Ordering {
    text_order(a.name_key(), a.name(), b.name_key(), b.name()).then_with(|| a.id().cmp(b.id()))
}

/// The order [`select`] gives `query`'s rows (total: the id decides last).
fn order(a: &Row, b: &Row, query: &Query) -> Ordering {
    let primary = compare(a, b, query.sort);
    if query.descending {
        primary.reverse()
    } else {
        primary
    }
    .then_with(|| ties(a, b))
}

/// `base`, the selection of `plain` (a query without search words) over
/// `old`, carried over to `rows`, which replaced `old`: every row of
/// `rows` that was in `old` unchanged (the same row: an `Arc` the row
/// cache kept) keeps its place and its verdict; only the others (new or
/// changed) are tested and sorted, then merged in. Equal to
/// `select(rows, plain)`, in linear time plus a sort of the changed rows.
fn rebase<R: Borrow<Row>>(old: &[R], base: &[usize], rows: &[R], plain: &Query) -> Vec<usize> {
    // (`u64`, not `usize`: the app's other maps of ids are to `u64`, and
    // one map type is less code in the first load.)
    let at: std::collections::HashMap<&str, u64> = rows
        .iter()
        .enumerate()
        .map(|(j, r)| (r.borrow().id(), j as u64))
        .collect();
    // Each old row's index in `rows` when it is there unchanged (else
    // `usize::MAX`).
    let mut unchanged = vec![false; rows.len()];
    let mut moved = vec![usize::MAX; old.len()];
    for (i, r) in old.iter().enumerate() {
        let was = r.borrow();
        if let Some(&j) = at.get(was.id()) {
            let j = j as usize;
            if !unchanged[j] && std::ptr::eq(was, rows[j].borrow()) {
                unchanged[j] = true;
                moved[i] = j;
            }
        }
    }
    drop(at);
    let fresh = sorted(rows, plain, &mut (0..rows.len()).filter(|&j| !unchanged[j]));
    let mut merged = Vec::with_capacity(base.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for &i in base {
        let Some(&k) = moved.get(i).filter(|&&k| k != usize::MAX) else {
            continue;
        };
        while let Some(f) =
            fresh.next_if(|&f| order(rows[f].borrow(), rows[k].borrow(), plain).is_lt())
        {
            merged.push(f);
        }
        merged.push(k);
    }
    merged.extend(fresh);
    merged
}

/// For the keys that are not text, a number that orders the rows as
/// [`compare`] does.
fn number_key(key: SortKey) -> Option<fn(&Row) -> i128> {
    match key {
        SortKey::Status => Some(|r| {
            Status::ALL
                .iter()
                .position(|s| *s == r.status)
                .map_or(-1, |p| p as i128)
        }),
        // Claims without a deadline last.
        SortKey::Deadline => Some(|r| {
            r.deadline
                .as_ref()
                .map_or(i128::MAX, |d| i128::from(d.due.num_days_from_ce()))
        }),
        // Claims without a date first (as `None < Some`).
        SortKey::Created => Some(|r| {
            r.created.map_or(i128::MIN, |t| {
                i128::from(t.timestamp()) * 1_000_000_000 + i128::from(t.timestamp_subsec_nanos())
            })
        }),
        _ => None,
    }
}

/// [`select`] for `query` when the same rows were just selected for `prev`
/// (`prev_selection`): when `query` only narrows `prev`'s search (the same
/// filters and order, and every word of `prev` is part of a word of
/// `query`, as when the partner types on), only the rows `prev` showed are
/// tested, and their order is kept (no sort). Otherwise a full [`select`].
///
/// ```
/// use chrono::DateTime;
/// use cpor_desk::domain::claim::Claim;
/// use cpor_desk::domain::dashboard::{Query, build_rows, select, select_after};
/// use cpor_desk::domain::policy::Policy;
/// let c = |id: &str, name: &str| Claim { id: id.into(), name: name.into(), ..Claim::default() };
/// let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
/// let rows = build_rows(&[c("1", "Fabrikam"), c("2", "Fab"), c("3", "Contoso")], now, &Policy::default());
/// let fa = Query { text: "fa".into(), ..Query::default() };
/// let fabr = Query { text: "fabr".into(), ..Query::default() };
/// let before = select(&rows, &fa);
/// assert_eq!(select_after(&rows, &fabr, &fa, &before), select(&rows, &fabr));
/// ```
pub fn select_after<R: Borrow<Row>>(
    rows: &[R],
    query: &Query,
    prev: &Query,
    prev_selection: &[usize],
) -> Vec<usize> {
    if !query.narrows(prev) {
        return select(rows, query);
    }
    let words = query.words();
    prev_selection
        .iter()
        .copied()
        .filter(|&i| {
            rows.get(i)
                .is_some_and(|r| query.matches(r.borrow(), &words))
        })
        .collect()
}

/// A selection of rows ([`select`]) that remembers what it needs to answer
/// the next query on the same rows quickly: the query, and the selection of
/// the same filters and order without search words. Typing on filters the
/// rows shown; clearing the search takes the kept selection back; anything
/// else is a full [`select`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    pub query: Query,
    /// The rows shown, in order (indices into the rows).
    pub indices: Arc<Vec<usize>>,
    /// The selection of `query` without search words, when known.
    base: Option<Arc<Vec<usize>>>,
}

impl Selection {
    /// The selection of `query` over `rows`.
    pub fn new<R: Borrow<Row>>(rows: &[R], query: &Query) -> Selection {
        Selection::default().next(rows, query, false)
    }

    /// The selection of `query` over `rows`, which replaced `old`, the rows
    /// this selection was made over (another tab's change or a pulled batch
    /// joined the list): the kept selection without search words is
    /// carried over (unchanged rows keep their place; only new and changed
    /// rows are tested and sorted) and the search words filter it, so the
    /// list update sorts only what changed, and clearing the search
    /// afterwards sorts nothing. Without a kept selection of these filters
    /// and order, a full [`select`].
    ///
    /// ```
    /// use chrono::DateTime;
    /// use cpor_desk::domain::claim::Claim;
    /// use cpor_desk::domain::dashboard::{Query, Selection, build_rows, select};
    /// use cpor_desk::domain::policy::Policy;
    /// let c = |id: &str, name: &str| Claim { id: id.into(), name: name.into(), ..Claim::default() };
    /// let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
    /// let old = build_rows(&[c("1", "Fabrikam"), c("2", "Contoso")], now, &Policy::default());
    /// let rows = build_rows(&[c("3", "Fab"), c("1", "Fabrikam"), c("2", "Contoso")], now, &Policy::default());
    /// let sel = Selection::new(&old, &Query::default());
    /// let fa = Query { text: "fa".into(), ..Query::default() };
    /// assert_eq!(*sel.next_over(&old, &rows, &fa).indices, select(&rows, &fa));
    /// ```
    pub fn next_over<R: Borrow<Row>>(&self, old: &[R], rows: &[R], query: &Query) -> Selection {
        let plain = Query {
            text: String::new(),
            ..query.clone()
        };
        let same_plain = Query {
            text: String::new(),
            ..self.query.clone()
        } == plain;
        let Some(base) = self.base.as_ref().filter(|_| same_plain) else {
            return Selection::new(rows, query);
        };
        let base = Arc::new(rebase(old, base, rows, &plain));
        Selection {
            query: plain,
            indices: base.clone(),
            base: Some(base),
        }
        .next(rows, query, true)
    }

    /// The selection of `query` over `rows`; `same_rows`: `rows` are the
    /// rows this selection was made over (unchanged).
    pub fn next<R: Borrow<Row>>(&self, rows: &[R], query: &Query, same_rows: bool) -> Selection {
        let plain = Query {
            text: String::new(),
            ..query.clone()
        };
        let base = self.base.clone().filter(|_| same_rows).filter(|_| {
            Query {
                text: String::new(),
                ..self.query.clone()
            } == plain
        });
        let indices = if same_rows && *query == self.query {
            self.indices.clone()
        } else if same_rows && query.narrows(&self.query) {
            Arc::new(select_after(rows, query, &self.query, &self.indices))
        } else if let Some(base) = &base {
            if query.text.is_empty() {
                base.clone()
            } else {
                Arc::new(select_after(rows, query, &plain, base))
            }
        } else {
            Arc::new(select(rows, query))
        };
        let base = if query.text.is_empty() {
            Some(indices.clone())
        } else {
            base
        };
        Selection {
            query: query.clone(),
            indices,
            base,
        }
    }
}

impl Query {
    /// The search words, lowercase.
    fn words(&self) -> Vec<String> {
        self.text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// True when every row this query shows is one `prev` shows, in the
    /// same order: the same filters and sort, and every word of `prev` is
    /// contained in one of this query's words.
    pub fn narrows(&self, prev: &Query) -> bool {
        let same_rest = Query {
            text: String::new(),
            ..self.clone()
        } == Query {
            text: String::new(),
            ..prev.clone()
        };
        let words = self.words();
        same_rest
            && prev
                .words()
                .iter()
                .all(|w| words.iter().any(|n| n.contains(w.as_str())))
    }
}

/// Claims per status, in [`Status::ALL`] order, statuses without claims left out.
pub fn status_counts<R: Borrow<Row>>(rows: &[R]) -> Vec<(Status, usize)> {
    let mut per = [0usize; Status::ALL.len()];
    for r in rows {
        if let Some(i) = Status::ALL.iter().position(|s| *s == r.borrow().status) {
            per[i] += 1;
        }
    }
    Status::ALL
        .iter()
        .zip(per)
        .map(|(s, n)| (*s, n))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Team sync's marks: rows of `unsent` claims are marked "not sent yet",
/// rows of claims with a sync conflict need attention
/// ([`Attention::SyncConflict`]). Both are ids.
///
/// ```
/// use chrono::DateTime;
/// use cpor_desk::domain::claim::Claim;
/// use cpor_desk::domain::dashboard::{Attention, build_rows, mark_sync};
/// use cpor_desk::domain::policy::Policy;
///
/// let claims = vec![Claim { id: "a".into(), ..Claim::default() }, Claim { id: "b".into(), ..Claim::default() }];
/// let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
/// let mut rows = build_rows(&claims, now, &Policy::default());
/// mark_sync(&mut rows, &["a".to_string()], &["b".to_string()]);
/// assert!(rows[0].unsent && !rows[1].unsent);
/// assert_eq!(rows[1].attention, [Attention::SyncConflict]);
/// ```
pub fn mark_sync(rows: &mut [Row], unsent: &[String], conflicts: &[String]) {
    let marks = SyncMarks::new(unsent, conflicts);
    for row in rows {
        marks.apply(row);
    }
}

/// [`mark_sync`] on shared rows ([`RowCache::rows`]): only a row whose
/// marks change is copied, the others stay shared with the cache.
pub fn mark_sync_shared(rows: &mut [Arc<Row>], unsent: &[String], conflicts: &[String]) {
    let marks = SyncMarks::new(unsent, conflicts);
    if unsent.is_empty() && conflicts.is_empty() {
        // Nothing to mark (the usual case): only rows marked before change,
        // found without reading their ids.
        for row in rows {
            if row.unsent || row.attention.contains(&Attention::SyncConflict) {
                marks.apply(Arc::make_mut(row));
            }
        }
        return;
    }
    for row in rows {
        if marks.changes(row) {
            marks.apply(Arc::make_mut(row));
        }
    }
}

struct SyncMarks<'a> {
    unsent: std::collections::BTreeSet<&'a str>,
    conflicts: std::collections::BTreeSet<&'a str>,
}

impl<'a> SyncMarks<'a> {
    fn new(unsent: &'a [String], conflicts: &'a [String]) -> SyncMarks<'a> {
        SyncMarks {
            unsent: unsent.iter().map(String::as_str).collect(),
            conflicts: conflicts.iter().map(String::as_str).collect(),
        }
    }

    fn changes(&self, row: &Row) -> bool {
        let conflict = self.conflicts.contains(row.id());
        row.unsent != self.unsent.contains(row.id())
            || row.attention.contains(&Attention::SyncConflict) != conflict
    }

    fn apply(&self, row: &mut Row) {
        row.unsent = self.unsent.contains(row.id());
        row.attention.retain(|a| *a != Attention::SyncConflict);
        if self.conflicts.contains(row.id()) {
            row.attention.insert(0, Attention::SyncConflict);
        }
    }
}

/// How many rows need attention.
pub fn attention_count<R: Borrow<Row>>(rows: &[R]) -> usize {
    rows.iter()
        .filter(|r| !Borrow::<Row>::borrow(*r).attention.is_empty())
        .count()
}

/// `n` varied, valid claims of `org` (for tests and the benchmark): all
/// statuses (each with a history entry into it), both solution areas, three
/// locations, a few customers and products, creation dates spread over the
/// 90 days before `now`. Deterministic: the same `n` gives the same claims.
pub fn sample_claims(
    n: usize,
    org: &super::claim::PartnerOrgRef,
    now: DateTime<FixedOffset>,
) -> Vec<Claim> {
    use super::claim::{Action, Contact, HistoryEntry, ProductLine};
    use super::roles::{Actor, UserRole};
    const CUSTOMERS: &[(&str, &str, &str)] = &[
        (
            "Contoso Ltd",
            "contoso.com",
            "1d38bbea-e8d8-407c-9c74-bee089c92c07",
        ),
        (
            "Fabrikam, Inc.",
            "fabrikam.com",
            "3bfdf9e3-cae4-48d3-8989-4d798e8ba108",
        ),
        (
            "Wide World Importers",
            "wideworldimporters.com",
            "6f1c2a8e-52b7-4c3e-9d0f-2a7b9e4c1d55",
        ),
        (
            "Tailspin Toys",
            "tailspintoys.com",
            "a2b4c6d8-e0f2-4a6c-8e0a-2c4e6a8c0e2f",
        ),
        (
            "Litware, Inc.",
            "litware.com",
            "0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f",
        ),
    ];
    const PRODUCTS: &[(&str, &str, &str)] = &[
        ("modern_work_security", "use_or_consume", "teams"),
        ("modern_work_security", "use_or_consume", "intune"),
        (
            "modern_work_security",
            "use_or_consume",
            "sharepoint_online",
        ),
        (
            "business_applications",
            "build_intent_advisor",
            "d365_sales",
        ),
        (
            "business_applications",
            "influenced_revenue",
            "d365_customer_service",
        ),
    ];
    const LOCATIONS: &[&str] = &["4312785", "4312786", "5520113"];
    let partner = Actor::partner(&org.id, UserRole::IncentivesAdmin, "Ada Lindqvist");
    let reviewer = Actor::reviewer("Microsoft reviewer");
    (0..n)
        .map(|i| {
            let (customer, domain, tenant) = CUSTOMERS[i % CUSTOMERS.len()];
            let (area, role, product) = PRODUCTS[(i / CUSTOMERS.len()) % PRODUCTS.len()];
            let status = Status::ALL[i % Status::ALL.len()];
            let created =
                now.to_utc() - chrono::Duration::hours(((i * 7919) % (90 * 24)) as i64 + 1);
            let mut history = vec![HistoryEntry {
                at: created,
                actor: partner.clone(),
                action: Action::Created { copied_from: None },
                from: None,
                to: Some(Status::Draft),
                changes: vec![],
            }];
            if status != Status::Draft {
                let at = created + chrono::Duration::minutes(30);
                history.push(HistoryEntry {
                    at,
                    actor: if matches!(status, Status::Submitted) {
                        partner.clone()
                    } else {
                        reviewer.clone()
                    },
                    action: Action::Submitted,
                    from: Some(Status::Draft),
                    to: Some(status),
                    changes: vec![],
                });
            }
            Claim {
                id: format!("sample-{i:05}"),
                name: format!("{customer} {product} {i}"),
                solution_area: Some(area.into()),
                partner_role: Some(role.into()),
                partner_org: org.clone(),
                partner_location: LOCATIONS[i % LOCATIONS.len()].into(),
                customer_name: customer.into(),
                customer_domain: domain.into(),
                tenant_id: tenant.into(),
                products: vec![ProductLine::new(product)],
                customer_contact: Contact {
                    name: "Anna Svensson".into(),
                    email: format!("anna@{domain}"),
                    phone: None,
                },
                partner_contact: Contact {
                    name: "Ada Lindqvist".into(),
                    email: "ada@northwind.example".into(),
                    phone: None,
                },
                status,
                revision: 1,
                created_at: Some(created),
                history,
                ..Claim::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::domain::claim::{Action, HistoryEntry, PartnerOrgRef, ProductLine};
    use crate::domain::roles::Actor;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T10:00:00+00:00").unwrap()
    }

    #[test]
    fn every_filter_sort_and_page_survives_a_link() {
        let full = Query {
            text: "Contoso & co 50% #1/?".into(),
            status: Some(Status::PartnerActionRequired),
            area: Some("business_applications".into()),
            role: Some("build_intent_advisor".into()),
            location: Some("4312785".into()),
            due_within: Some(5),
            competing_only: true,
            needs_attention: true,
            sort: SortKey::Created,
            descending: true,
        };
        let params = full.to_params(3);
        assert!(!params.contains(' ') && !params.contains('#') && !params.contains('?'));
        assert_eq!(Query::from_params(&params), (full, 3));
        for key in SortKey::ALL {
            let q = Query {
                sort: *key,
                ..Query::default()
            };
            assert_eq!(Query::from_params(&q.to_params(1)).0, q);
        }
        // Nonsense is ignored, not an error.
        let (q, page) = Query::from_params("status=bogus&due=x&page=0&sort=?&zzz=1&&q");
        assert_eq!((q, page), (Query::default(), 1));
    }

    fn claim(id: &str, org: &str, status: Status, since_days: i64) -> Claim {
        let at = now().to_utc() - Duration::days(since_days);
        Claim {
            id: id.into(),
            name: format!("Claim {id}"),
            partner_org: PartnerOrgRef {
                id: org.into(),
                name: org.into(),
            },
            customer_name: "Contoso Ltd".into(),
            customer_domain: "contoso.com".into(),
            tenant_id: "1d38bbea-e8d8-407c-9c74-bee089c92c07".into(),
            products: vec![ProductLine::new("teams")],
            status,
            created_at: Some(at),
            history: vec![HistoryEntry {
                at,
                actor: Actor::System,
                action: Action::Submitted,
                from: None,
                to: Some(status),
                changes: vec![],
            }],
            ..Claim::default()
        }
    }

    #[test]
    fn competing_ids_agree_with_is_competing() {
        let claims = vec![
            claim("a", "northwind", Status::Submitted, 1),
            claim("b", "adatum", Status::Approved, 3),
            claim("c", "northwind", Status::Draft, 1),
            claim("d", "northwind", Status::Rejected, 1),
        ];
        let fast = crate::domain::competing::competing_ids(&claims);
        for c in &claims {
            assert_eq!(
                fast.contains(&c.id),
                crate::domain::competing::is_competing(c, &claims),
                "{}",
                c.id
            );
        }
        assert!(fast.contains("a") && fast.contains("b") && fast.contains("c"));
    }

    /// A row's texts come back as the claim wrote them, and its keys and
    /// search text are the lowercase the row kept before they shared one
    /// string (each `to_lowercase`d on its own), for ASCII and not.
    #[test]
    fn a_rows_texts_read_back_and_its_keys_are_their_lowercase() {
        let texts = [
            "",
            "Contoso Ltd",
            "ÅSA Öberg",
            "ΟΔΥΣΣΕΥΣ",
            "İstanbul Σ",
            "x\u{1F}y",
            "ß and ǅ",
        ];
        for (i, t) in texts.iter().enumerate() {
            let u = texts[(i + 3) % texts.len()];
            let c = Claim {
                id: format!("{u}-{i}"),
                name: (*t).into(),
                customer_name: u.into(),
                customer_domain: format!("{t}.example"),
                tenant_id: u.to_uppercase(),
                partner_location: (*t).into(),
                solution_area: (i % 2 == 0).then(|| (*t).to_string()),
                partner_role: (i % 3 == 0).then(|| u.to_string()),
                products: vec![ProductLine::new("teams"), ProductLine::new(*t)],
                ..Claim::default()
            };
            let rows = build_rows(std::slice::from_ref(&c), now(), &Policy::default());
            let r = &rows[0];
            assert_eq!(
                (
                    r.id(),
                    r.name(),
                    r.customer(),
                    r.domain(),
                    r.tenant(),
                    r.location()
                ),
                (
                    c.id.as_str(),
                    c.name.as_str(),
                    c.customer_name.as_str(),
                    c.customer_domain.as_str(),
                    c.tenant_id.as_str(),
                    c.partner_location.as_str()
                )
            );
            assert_eq!(r.area(), c.solution_area.as_deref());
            assert_eq!(r.role(), c.partner_role.as_deref());
            assert_eq!(r.name_key(), c.name.to_lowercase());
            assert_eq!(r.customer_key(), c.customer_name.to_lowercase());
            assert_eq!(r.domain_key(), c.customer_domain.to_lowercase());
            let names: Vec<&str> = r.products.iter().map(|p| p.as_ref()).collect();
            assert_eq!(names[0], "Microsoft Teams");
            assert_eq!(r.products_key(), names.join(", ").to_lowercase());
            let mut parts = vec![
                c.name.as_str(),
                &c.customer_name,
                &c.customer_domain,
                &c.tenant_id,
                &c.id,
            ];
            parts.extend(&names);
            parts.extend(c.products.iter().map(|p| p.product.as_str()));
            assert_eq!(r.haystack(), parts.join("\u{1F}").to_lowercase(), "{t:?}");
        }
    }

    /// The keys of the competing-claims pass are [`associations_of`]'s,
    /// GUIDs made canonical whether or not they were.
    #[test]
    fn a_claims_keys_are_its_associations() {
        use crate::domain::competing::{Keys, associations_of};
        for tenant in [
            "1d38bbea-e8d8-407c-9c74-bee089c92c07",
            "1D38BBEA-E8D8-407C-9C74-BEE089C92C07",
            " {1d38bbea-e8d8-407c-9c74-bee089c92c07} ",
            "1d38bbeae8d8407c9c74bee089c92c07",
            "1d38bbea-e8d8-407c-9c74-bee089c92c0g",
            "Not A Guid",
            "",
        ] {
            let c = Claim {
                id: "c1".into(),
                tenant_id: tenant.into(),
                partner_org: PartnerOrgRef {
                    id: "northwind".into(),
                    name: "Northwind".into(),
                },
                products: vec![
                    ProductLine::new("teams"),
                    ProductLine::with_subscription("d365_sales", tenant),
                    ProductLine::new("d365_sales"),
                ],
                ..Claim::default()
            };
            let keys = Keys::of(&c);
            let assocs = associations_of(&c);
            assert_eq!(keys.iter().count(), assocs.len());
            for (k, a) in keys.iter().zip(&assocs) {
                assert_eq!(
                    (k.org, k.tenant, k.product, k.subscription),
                    (
                        a.partner_org_id.as_str(),
                        a.tenant_id.as_str(),
                        a.product.as_str(),
                        a.subscription_id.as_deref()
                    ),
                    "{tenant:?}"
                );
            }
        }
    }

    /// Shared rows: a conflict mark comes and goes, and a row whose marks
    /// do not change stays the cache's (not copied), with marks or without.
    #[test]
    fn shared_rows_take_and_drop_sync_marks_copying_only_those_that_change() {
        let claims: Vec<Claim> = ["a", "b", "c"]
            .iter()
            .map(|id| Claim {
                id: (*id).into(),
                ..Claim::default()
            })
            .collect();
        let mut cache = RowCache::default();
        let kept = cache.rows(&claims, now(), &Policy::builtin()[0]);
        let mut rows = kept.clone();
        mark_sync_shared(&mut rows, &[], &["b".to_string()]);
        assert!(Arc::ptr_eq(&rows[0], &kept[0]) && Arc::ptr_eq(&rows[2], &kept[2]));
        assert_eq!(rows[1].attention, [Attention::SyncConflict]);
        let marked = rows.clone();
        mark_sync_shared(&mut rows, &[], &[]);
        assert!(rows.iter().all(|r| r.attention.is_empty() && !r.unsent));
        assert!(Arc::ptr_eq(&rows[0], &marked[0]) && !Arc::ptr_eq(&rows[1], &marked[1]));
        mark_sync_shared(&mut rows, &["c".to_string()], &[]);
        assert!(rows[2].unsent && !rows[0].unsent);
        mark_sync_shared(&mut rows, &[], &[]);
        assert!(!rows[2].unsent);
    }

    #[test]
    fn attention_rules() {
        let claims = vec![
            claim("par", "n", Status::PartnerActionRequired, 1),
            // Submitted 4 business days ago: the review should start within 5.
            claim("soon", "n", Status::Submitted, 6),
            claim("fresh", "n", Status::Submitted, 0),
            claim("draft", "n", Status::Draft, 0),
        ];
        let rows = build_rows(&claims, now(), &Policy::default());
        let by_id = |id: &str| rows.iter().find(|r| r.id() == id).unwrap();
        assert!(by_id("par").attention.contains(&Attention::ActionRequired));
        assert_eq!(
            by_id("soon").attention,
            [Attention::DueSoon],
            "{:?}",
            by_id("soon").deadline
        );
        assert!(by_id("fresh").attention.is_empty());
        assert!(by_id("draft").attention.is_empty());
        let q = Query {
            needs_attention: true,
            ..Query::default()
        };
        let shown: Vec<&str> = select(&rows, &q).iter().map(|&i| rows[i].id()).collect();
        assert_eq!(shown.len(), 2);
        assert_eq!(attention_count(&rows), 2);
    }

    #[test]
    fn search_filters_and_sort() {
        let mut a = claim("a", "n", Status::Draft, 0);
        a.name = "Zeta".into();
        a.customer_name = "Fabrikam, Inc.".into();
        a.solution_area = Some("modern_work_security".into());
        let mut b = claim("b", "n", Status::Submitted, 0);
        b.name = "alpha".into();
        b.products = vec![ProductLine::new("d365_sales")];
        b.partner_location = "4312785".into();
        let rows = build_rows(&[a, b], now(), &Policy::default());
        let ids = |q: &Query| -> Vec<String> {
            select(&rows, q)
                .iter()
                .map(|&i| rows[i].id().to_string())
                .collect()
        };
        assert_eq!(
            ids(&Query {
                text: "dynamics sales".into(),
                ..Query::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&Query {
                text: "d365_sales".into(),
                ..Query::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&Query {
                text: "fabrikam teams".into(),
                ..Query::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(&Query {
                text: "1D38BBEA".into(),
                ..Query::default()
            })
            .len(),
            2
        );
        assert!(
            ids(&Query {
                text: "nothing".into(),
                ..Query::default()
            })
            .is_empty()
        );
        assert_eq!(
            ids(&Query {
                status: Some(Status::Draft),
                ..Query::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(&Query {
                area: Some("modern_work_security".into()),
                ..Query::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(&Query {
                location: Some("4312785".into()),
                ..Query::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&Query {
                due_within: Some(10),
                ..Query::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&Query {
                sort: SortKey::Name,
                ..Query::default()
            }),
            ["b", "a"]
        );
        assert_eq!(
            ids(&Query {
                sort: SortKey::Name,
                descending: true,
                ..Query::default()
            }),
            ["a", "b"]
        );
        // Deadline sort: claims without a deadline last, also descending? No:
        // descending reverses the whole order.
        assert_eq!(ids(&Query::default()), ["b", "a"]);
        assert_eq!(
            status_counts(&rows),
            [(Status::Draft, 1), (Status::Submitted, 1)]
        );
    }

    #[test]
    fn sample_claims_are_varied_and_build_rows() {
        let org = PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        };
        let claims = sample_claims(600, &org, now());
        let rows = build_rows(&claims, now(), &Policy::default());
        assert_eq!(status_counts(&rows).len(), Status::ALL.len());
        assert!(attention_count(&rows) > 0);
        assert!(rows.iter().any(|r| r.deadline.is_some()));
        assert_eq!(sample_claims(600, &org, now()), claims);
    }

    /// The benchmark imports these through Settings → Import: each must
    /// pass the import's check (else it goes to quarantine, and a file of N
    /// claims stores fewer).
    #[test]
    fn sample_claims_pass_the_import_check() {
        let org = PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        };
        for c in sample_claims(50, &org, now()) {
            let id = c.id.clone();
            if let Err(findings) = crate::domain::intake::check_claim(c, &Policy::default()) {
                panic!(
                    "{id}: {}",
                    crate::domain::intake::describe_findings(&findings)
                );
            }
        }
    }

    #[test]
    fn ten_thousand_rows_are_built_and_searched() {
        let claims: Vec<Claim> = (0..10_000)
            .map(|i| {
                let mut c = claim(
                    &format!("c{i}"),
                    if i % 2 == 0 { "n" } else { "a" },
                    Status::ALL[i % 6],
                    (i % 30) as i64,
                );
                c.customer_name = format!("Customer {i}");
                c
            })
            .collect();
        let rows = build_rows(&claims, now(), &Policy::default());
        assert_eq!(rows.len(), 10_000);
        // Every word must occur: "9999" is only in claim c9999 ("Customer 9999").
        let q = Query {
            text: "customer 9999".into(),
            ..Query::default()
        };
        assert_eq!(select(&rows, &q), [9999]);
    }

    fn northwind() -> PartnerOrgRef {
        PartnerOrgRef {
            id: "northwind".into(),
            name: "Northwind Traders".into(),
        }
    }

    fn policy() -> &'static Policy {
        Policy::with_calendar("default", None)
    }

    /// A rival organisation's submitted claim on the same tenant and
    /// product as `ours` (id `rival`): it competes with it.
    fn rival_of(ours: &Claim) -> Claim {
        let mut rival = ours.clone();
        rival.id = "rival".into();
        rival.partner_org.id = "rival-org".into();
        rival.status = Status::Submitted;
        rival
    }

    /// The kept rows are the rows `build_rows` gives for the advanced
    /// claims (competing flags included), and a change builds only the
    /// rows of the claims that changed: a sync batch or another tab's edit
    /// does not build 100,000 rows again.
    #[test]
    fn the_row_cache_builds_only_the_rows_of_changed_claims() {
        let mut claims = sample_claims(3000, &northwind(), now());
        claims.push(rival_of(&claims[1]));
        let fresh = |claims: &[Claim]| {
            let advanced: Vec<Claim> = claims
                .iter()
                .map(|c| status::advance(c, now(), policy()))
                .collect();
            build_rows(&advanced, now(), policy())
        };
        let mut cache = RowCache::default();
        let rows = cache.rows(&claims, now(), policy());
        assert_eq!(cache.built, claims.len());
        let plain: Vec<Row> = rows.iter().map(|r| Row::clone(r)).collect();
        assert_eq!(plain, fresh(&claims));
        assert!(plain.iter().any(|r| r.competing));

        // Unchanged: nothing built, the very same rows.
        let again = cache.rows(&claims, now(), policy());
        assert_eq!(cache.built, 0);
        assert!(again.iter().zip(&rows).all(|(a, b)| Arc::ptr_eq(a, b)));

        // Three claims changed (a new revision), one deleted, one added:
        // four rows built, and the list is what a fresh build gives (the
        // rival rejected: only it still competes with our held claim).
        for i in [5, 6, 7] {
            claims[i].name = format!("Renamed {i}");
            claims[i].revision += 1;
        }
        let last = claims.len() - 1;
        claims[last].status = Status::Rejected;
        claims[last].revision += 1;
        claims.remove(10);
        let mut added = claims[20].clone();
        added.id = "added".into();
        claims.push(added);
        let changed = cache.rows(&claims, now(), policy());
        assert_eq!(cache.built, 5);
        let plain: Vec<Row> = changed.iter().map(|r| Row::clone(r)).collect();
        assert_eq!(plain, fresh(&claims));
        let competing: Vec<&str> = plain
            .iter()
            .filter(|r| r.competing)
            .map(|r| r.id())
            .collect();
        assert_eq!(competing, ["rival"]);

        // Another day: every row again (deadlines and overdue move).
        let tomorrow = now() + chrono::Duration::days(1);
        cache.rows(&claims, tomorrow, policy());
        assert_eq!(cache.built, claims.len());
    }

    /// A pulled batch's rows prepared ahead (a slice at a time) are not
    /// built again when the batch joins the list, and the list is what a
    /// fresh build gives (competing flags included).
    #[test]
    fn rows_prepared_ahead_are_found_not_built_again() {
        let mut claims = sample_claims(2000, &northwind(), now());
        let rival = rival_of(&claims[1]);
        let mut cache = RowCache::default();
        cache.rows(&claims[..1000], now(), policy());
        // The batch: 1,000 new claims (the rival among them) and a newer
        // revision of one listed claim, prepared in slices of 250.
        claims.push(rival);
        claims[3].name = "Renamed".into();
        claims[3].revision += 1;
        let mut batch: Vec<Claim> = claims[1000..].to_vec();
        batch.push(claims[3].clone());
        let prepared: usize = batch
            .chunks(250)
            .map(|slice| cache.prepare(slice, now(), policy()))
            .sum();
        assert_eq!(prepared, batch.len());
        // Prepared again (a notice repeated): nothing built.
        assert_eq!(cache.prepare(&batch, now(), policy()), 0);
        let rows = cache.rows(&claims, now(), policy());
        assert_eq!(cache.built, 0);
        let advanced: Vec<Claim> = claims
            .iter()
            .map(|c| status::advance(c, now(), policy()))
            .collect();
        let plain: Vec<Row> = rows.iter().map(|r| Row::clone(r)).collect();
        assert_eq!(plain, build_rows(&advanced, now(), policy()));
        assert!(plain.iter().any(|r| r.competing));
        // Prepared on another day: dropped, built again for that day.
        let tomorrow = now() + chrono::Duration::days(1);
        cache.prepare(&batch[..10], tomorrow, policy());
        cache.rows(&claims, now(), policy());
        assert_eq!(cache.built, claims.len());
    }

    /// Typing on, deleting and clearing the search answer from the kept
    /// selections exactly what a full `select` answers.
    #[test]
    fn a_selection_answers_each_query_as_select_does() {
        let rows = build_rows(&sample_claims(2000, &northwind(), now()), now(), policy());
        let typed = [
            "",
            "f",
            "fa",
            "fab",
            "fabrikam",
            "fabrikam ",
            "fabrikam i",
            "fabrikam intune",
            "fabrikam",
            "contoso",
            "",
            "co",
            "",
        ];
        let mut sel = Selection::new(&rows, &Query::default());
        for sort in [SortKey::Deadline, SortKey::Name] {
            for text in typed {
                let q = Query {
                    text: text.into(),
                    sort,
                    ..Query::default()
                };
                sel = sel.next(&rows, &q, true);
                assert_eq!(*sel.indices, select(&rows, &q), "{text:?} by {sort:?}");
            }
        }
        let q = Query {
            text: "fab".into(),
            status: Some(Status::Submitted),
            ..Query::default()
        };
        sel = sel.next(&rows, &q, true);
        assert_eq!(*sel.indices, select(&rows, &q));
        // Other rows: never the kept indices.
        let fewer = &rows[..100];
        assert_eq!(*sel.next(fewer, &q, false).indices, select(fewer, &q));
    }

    /// A selection carried over to changed rows (claims added, changed,
    /// deleted, the order shifted) answers every query as a full `select`
    /// over the new rows does, and then serves the cleared search from
    /// the carried selection.
    #[test]
    fn a_selection_carried_over_to_changed_rows_answers_as_select_does() {
        let mut claims = sample_claims(3000, &northwind(), now());
        let old_claims: Vec<Claim> = claims[500..].to_vec();
        // Changed: a new name (its sort place moves), a new status (its
        // filters change); deleted: every 13th; added: the first 500.
        for c in claims.iter_mut().skip(500).step_by(7) {
            c.name = format!("Aardvark {}", c.name);
            c.revision += 1;
        }
        for c in claims.iter_mut().skip(503).step_by(11) {
            c.status = Status::Draft;
            c.revision += 1;
        }
        let claims: Vec<Claim> = claims
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 13 != 5)
            .map(|(_, c)| c)
            .collect();
        let mut cache = RowCache::default();
        let old = cache.rows(&old_claims, now(), policy());
        let rows = cache.rows(&claims, now(), policy());
        // The same rows as plain values: none is the same row (an `Arc`
        // kept), so all are sorted again, with the same answer.
        let old_values: Vec<Row> = old.iter().map(|r| Row::clone(r)).collect();
        let row_values: Vec<Row> = rows.iter().map(|r| Row::clone(r)).collect();
        for sort in [
            SortKey::Deadline,
            SortKey::Name,
            SortKey::Status,
            SortKey::Created,
        ] {
            for descending in [false, true] {
                for status in [None, Some(Status::Draft)] {
                    let plain = Query {
                        sort,
                        descending,
                        status,
                        ..Query::default()
                    };
                    for text in ["", "fab", "aardvark intune"] {
                        let q = Query {
                            text: text.into(),
                            ..plain.clone()
                        };
                        let sel = Selection::new(&old, &plain).next(&old, &q, true);
                        let over = sel.next_over(&old, &rows, &q);
                        assert_eq!(*over.indices, select(&rows, &q), "{q:?}");
                        let cleared = over.next(&rows, &plain, true);
                        assert_eq!(*cleared.indices, select(&rows, &plain), "{plain:?}");
                        let by_value = Selection::new(&old_values, &plain).next_over(
                            &old_values,
                            &row_values,
                            &q,
                        );
                        assert_eq!(*by_value.indices, *over.indices, "{q:?} by value");
                    }
                }
            }
        }
        // Another order or filter than the carried selection's: a full select.
        let sel = Selection::new(&old, &Query::default());
        let by_name = Query {
            sort: SortKey::Name,
            text: "fab".into(),
            ..Query::default()
        };
        assert_eq!(
            *sel.next_over(&old, &rows, &by_name).indices,
            select(&rows, &by_name)
        );
    }

    /// `select` sorts deadline, status and date on numbers taken once per
    /// row: the same order as the rows' comparison, name and id on ties.
    #[test]
    fn every_sort_gives_the_order_of_the_row_comparison() {
        let mut claims = sample_claims(3000, &northwind(), now());
        // Rows without a deadline or a creation date, and equal keys.
        for c in claims.iter_mut().step_by(7) {
            c.created_at = None;
        }
        for c in claims.iter_mut().step_by(11) {
            c.status = Status::Draft;
        }
        let rows = build_rows(&claims, now(), policy());
        assert!(rows.iter().any(|r| r.deadline.is_none()));
        assert!(rows.iter().any(|r| r.deadline.is_some()));
        for &sort in SortKey::ALL {
            for descending in [false, true] {
                let q = Query {
                    sort,
                    descending,
                    ..Query::default()
                };
                let mut expected: Vec<usize> = (0..rows.len()).collect();
                expected.sort_by(|&i, &j| {
                    let (a, b) = (&rows[i], &rows[j]);
                    let o = compare(a, b, sort);
                    if descending { o.reverse() } else { o }
                        .then_with(|| a.name_key().cmp(b.name_key()))
                        .then_with(|| a.name().cmp(b.name()))
                        .then_with(|| a.id().cmp(b.id()))
                });
                assert_eq!(
                    select(&rows, &q),
                    expected,
                    "{sort:?}, descending {descending}"
                );
            }
        }
    }

    #[test]
    fn narrowing_keeps_filters_and_order() {
        let q = |text: &str| Query {
            text: text.into(),
            ..Query::default()
        };
        assert!(q("fabr").narrows(&q("fab")));
        assert!(q("fabrikam intune").narrows(&q("fabrikam")));
        assert!(q("fab").narrows(&q("")));
        assert!(!q("fa").narrows(&q("fab")));
        assert!(!q("contoso").narrows(&q("fab")));
        let sorted = Query {
            descending: true,
            ..q("fabr")
        };
        assert!(!sorted.narrows(&q("fab")));
    }
}
