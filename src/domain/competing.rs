//! Competing claims (docs/rules.md#competing): one partner per tenant + workload (Modern Work
//! and Security) or tenant + product + subscription (Business Applications).
//!
//! ```
//! use cpor_desk::domain::competing::{Association, Overlap, classify};
//! let held = vec![Association {
//!     partner_org_id: "northwind".into(),
//!     claim_id: "c1".into(),
//!     tenant_id: "1d38bbea-e8d8-407c-9c74-bee089c92c07".into(),
//!     product: "teams".into(),
//!     subscription_id: None,
//! }];
//! let mine = Association { partner_org_id: "contoso-partners".into(), claim_id: "c2".into(), ..held[0].clone() };
//! assert_eq!(classify(&mine, &held), Some(Overlap::OtherPartner));
//! ```

use super::catalog::Catalog;
use super::claim::{Claim, Status};
use super::ids::canonical_guid;

/// One association key held (or requested) by a claim.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Association {
    pub partner_org_id: String,
    pub claim_id: String,
    /// Canonical (lowercase, hyphenated) tenant GUID.
    pub tenant_id: String,
    pub product: String,
    /// Canonical subscription GUID, for Business Applications products.
    pub subscription_id: Option<String>,
}

/// How a requested association overlaps what is already held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// The own organisation already holds it: `product.already_associated`.
    OwnOrganisation,
    /// Another partner holds it: `product.competing`.
    OtherPartner,
}

fn canonical_or_raw(s: &str) -> String {
    canonical_guid(s).unwrap_or_else(|_| s.trim().to_ascii_lowercase())
}

/// The association keys a claim requests (one per product line).
pub fn associations_of(claim: &Claim) -> Vec<Association> {
    let catalog = Catalog::builtin();
    claim
        .products
        .iter()
        .map(|line| Association {
            partner_org_id: claim.partner_org.id.clone(),
            claim_id: claim.id.clone(),
            tenant_id: canonical_or_raw(&claim.tenant_id),
            product: line.product.clone(),
            subscription_id: if catalog.is_per_subscription(&line.product) {
                line.subscription().map(canonical_or_raw)
            } else {
                None
            },
        })
        .collect()
}

/// The associations held by pending or approved claims.
pub fn held_associations<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Vec<Association> {
    claims
        .into_iter()
        .filter(|c| c.status.holds_association())
        .flat_map(associations_of)
        .collect()
}

/// Two keys overlap on the same tenant and product; for Business Applications
/// also the same subscription, where both name one (an unnamed subscription
/// may be any of them, so it overlaps).
fn same_key(a: &Association, b: &Association) -> bool {
    a.tenant_id == b.tenant_id
        && a.product == b.product
        && match (&a.subscription_id, &b.subscription_id) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

/// Classifies `wanted` against `held`, ignoring the claim's own entries.
/// The own organisation wins over another partner when both hold it.
pub fn classify(wanted: &Association, held: &[Association]) -> Option<Overlap> {
    let mut result = None;
    for h in held
        .iter()
        .filter(|h| h.claim_id != wanted.claim_id && same_key(wanted, h))
    {
        if h.partner_org_id == wanted.partner_org_id {
            return Some(Overlap::OwnOrganisation);
        }
        result = Some(Overlap::OtherPartner);
    }
    result
}

/// The other partners' claims that compete with `claim` (pending or approved,
/// overlapping key). Used by the review desk to show them side by side.
pub fn competitors<'a>(claim: &Claim, all: &'a [Claim]) -> Vec<&'a Claim> {
    let mine = associations_of(claim);
    all.iter()
        .filter(|other| {
            other.id != claim.id
                && other.partner_org.id != claim.partner_org.id
                && other.status.holds_association()
                && associations_of(other)
                    .iter()
                    .any(|o| mine.iter().any(|m| same_key(m, o)))
        })
        .collect()
}

/// True when another partner's pending or approved claim overlaps `claim`.
pub fn is_competing(claim: &Claim, all: &[Claim]) -> bool {
    !competitors(claim, all).is_empty()
}

/// The ids of every claim of `all` that [`is_competing`], in one pass
/// grouped by tenant and product: linear in the claims (calling
/// `is_competing` for each claim is quadratic, and so is scanning each
/// group's holders: one organisation's 30,000 claims share few groups).
pub fn competing_ids(all: &[Claim]) -> std::collections::HashSet<String> {
    let keys: Vec<Keys> = all.iter().map(Keys::of).collect();
    let flags = competing_flags(
        all.iter()
            .zip(&keys)
            .map(|(c, k)| (c.status.holds_association(), k)),
    );
    all.iter()
        .zip(flags)
        .filter(|(_, hit)| *hit)
        .map(|(c, _)| c.id.clone())
        .collect()
}

/// A claim's association keys as the competing-claims pass reads them
/// ([`competing_flags`]): its organisation, canonical tenant, and each
/// product line's product and (per-subscription products) canonical
/// subscription, in one string. What [`associations_of`] gives, without
/// the claim's id and in two allocations instead of four or five per
/// product line: the dashboard keeps one per row (100,000 at most).
///
/// ```
/// use cpor_desk::domain::claim::{Claim, ProductLine};
/// use cpor_desk::domain::competing::{Keys, associations_of};
/// let claim = Claim {
///     tenant_id: "1D38BBEA-E8D8-407C-9C74-BEE089C92C07".into(),
///     products: vec![ProductLine::new("teams"), ProductLine::new("intune")],
///     ..Claim::default()
/// };
/// let keys = Keys::of(&claim);
/// let assocs = associations_of(&claim);
/// assert_eq!(keys.iter().count(), 2);
/// for (k, a) in keys.iter().zip(&assocs) {
///     assert_eq!((k.tenant, k.product, k.subscription), (a.tenant_id.as_str(), a.product.as_str(), a.subscription_id.as_deref()));
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keys {
    /// The organisation, the tenant, then per line its product and
    /// subscription, back to back (the ends below say where each stops).
    text: String,
    org_end: u32,
    tenant_end: u32,
    /// Per product line: where its product ends, where its subscription
    /// ends, and whether it names one.
    lines: Box<[(u32, u32, bool)]>,
}

/// One association key of [`Keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRef<'a> {
    pub org: &'a str,
    pub tenant: &'a str,
    pub product: &'a str,
    pub subscription: Option<&'a str>,
}

impl Keys {
    /// The keys of `claim`'s product lines (as [`associations_of`]).
    pub fn of(claim: &Claim) -> Keys {
        let catalog = Catalog::builtin();
        let mut text = String::with_capacity(
            claim.partner_org.id.len()
                + 36
                + claim
                    .products
                    .iter()
                    .map(|p| p.product.len() + 36)
                    .sum::<usize>(),
        );
        text.push_str(&claim.partner_org.id);
        let org_end = end(&text);
        push_canonical(&mut text, &claim.tenant_id);
        let tenant_end = end(&text);
        let lines = claim
            .products
            .iter()
            .map(|line| {
                text.push_str(&line.product);
                let product_end = end(&text);
                let sub = if catalog.is_per_subscription(&line.product) {
                    line.subscription()
                } else {
                    None
                };
                if let Some(sub) = sub {
                    push_canonical(&mut text, sub);
                }
                (product_end, end(&text), sub.is_some())
            })
            .collect();
        Keys {
            text,
            org_end,
            tenant_end,
            lines,
        }
    }

    /// The keys, one per product line, in the claim's order.
    pub fn iter(&self) -> impl Iterator<Item = KeyRef<'_>> + '_ {
        let at = |from: u32, to: u32| self.text.get(from as usize..to as usize).unwrap_or("");
        let org = at(0, self.org_end);
        let tenant = at(self.org_end, self.tenant_end);
        let mut from = self.tenant_end;
        self.lines
            .iter()
            .map(move |&(product_end, sub_end, named)| {
                let key = KeyRef {
                    org,
                    tenant,
                    product: at(from, product_end),
                    subscription: named.then(|| at(product_end, sub_end)),
                };
                from = sub_end;
                key
            })
    }
}

/// The length of `text` as the end of a part of it, for strings that keep
/// several texts back to back ([`Keys`], the dashboard's rows): a claim's
/// texts are far below 4 GiB (the store refuses records over 20 MB).
pub(super) fn end(text: &str) -> u32 {
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// Appends [`canonical_or_raw`] of `s`, without parsing or allocating when
/// `s` is already a canonical GUID (lowercase, hyphenated): the usual case.
fn push_canonical(out: &mut String, s: &str) {
    let canonical = s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        });
    if canonical {
        out.push_str(s);
    } else {
        out.push_str(&canonical_or_raw(s));
    }
}

/// [`competing_ids`] over claims given as whether the claim's status holds
/// its associations and its keys ([`Keys::of`]): whether each competes, in
/// order. The dashboard keeps both per row, so it finds competing claims
/// without the claims.
pub fn competing_flags<'a>(all: impl Iterator<Item = (bool, &'a Keys)> + Clone) -> Vec<bool> {
    use std::collections::HashMap;
    // Who holds each (tenant, product): the organisations per named
    // subscription, those without a subscription, and all of them.
    #[derive(Default)]
    struct Holders<'a> {
        any: Orgs<'a>,
        unnamed: Orgs<'a>,
        by_subscription: HashMap<&'a str, Orgs<'a>>,
    }
    // One organisation's claims never compete with each other: when every
    // key is one organisation's (the dashboard shows the partner's own
    // claims), nothing does, and no map is needed.
    let mut orgs = all.clone().flat_map(|(_, keys)| keys.iter().map(|k| k.org));
    if let Some(first) = orgs.next()
        && orgs.all(|o| o == first)
    {
        return all.map(|_| false).collect();
    }
    let mut held: HashMap<(&str, &str), Holders> = HashMap::new();
    for (holds, keys) in all.clone() {
        if !holds {
            continue;
        }
        for a in keys.iter() {
            let h = held.entry((a.tenant, a.product)).or_default();
            h.any.add(a.org);
            match a.subscription {
                Some(s) => h.by_subscription.entry(s).or_default().add(a.org),
                None => h.unnamed.add(a.org),
            }
        }
    }
    all.map(|(_, keys)| {
        keys.iter().any(|m| {
            let Some(h) = held.get(&(m.tenant, m.product)) else {
                return false;
            };
            // `same_key`: an unnamed subscription on either side overlaps.
            match m.subscription {
                None => h.any.other_than(m.org),
                Some(s) => {
                    h.unnamed.other_than(m.org)
                        || h.by_subscription
                            .get(s)
                            .is_some_and(|o| o.other_than(m.org))
                }
            }
        })
    })
    .collect()
}

/// A set of organisation ids that answers "anyone but X?" at once: it keeps
/// at most two distinct ids, which is all that question needs.
#[derive(Default)]
struct Orgs<'a>(Option<&'a str>, Option<&'a str>);

impl<'a> Orgs<'a> {
    fn add(&mut self, org: &'a str) {
        match (self.0, self.1) {
            (None, _) => self.0 = Some(org),
            (Some(first), None) if first != org => self.1 = Some(org),
            _ => {}
        }
    }

    fn other_than(&self, org: &str) -> bool {
        self.0.is_some_and(|o| o != org) || self.1.is_some_and(|o| o != org)
    }
}

/// The indexes of `loser`'s product lines whose association `winner` (an
/// approved claim of another partner) takes: one partner per association,
/// so these lines leave `loser`. Empty when `winner` is not approved (or
/// past its consent period), when the claims belong to the same
/// organisation or do not overlap, and when `loser` holds nothing.
pub fn lines_lost_to(loser: &Claim, winner: &Claim) -> Vec<usize> {
    let approved = matches!(winner.status, Status::Approved | Status::ConsentPeriodEnded);
    if !approved
        || loser.id == winner.id
        || loser.partner_org.id == winner.partner_org.id
        || !loser.status.holds_association()
    {
        return Vec::new();
    }
    let won = associations_of(winner);
    associations_of(loser)
        .iter()
        .enumerate()
        .filter(|(_, a)| won.iter().any(|w| same_key(a, w)))
        .map(|(i, _)| i)
        .collect()
}
