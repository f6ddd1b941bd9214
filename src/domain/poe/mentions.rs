//! The names, products and activities items: what the text mentions of the
//! claim's parties and products, and of the work done.

use super::scanner::Scanner;
use super::vocabulary::ACTIVITIES;
use super::{CheckStatus, Evidence};
use crate::domain::claim::Claim;

/// An activity this many tokens from a claimed product name is "near" it.
pub(super) const NEAR_TOKENS: u64 = 20;

pub(super) struct ProductState {
    pub(super) name: String,
    pub(super) evidence: Option<Evidence>,
}

/// A match: its first token's index, byte span, page, and what it is (the
/// product or activity index).
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub(super) idx: u64,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) page: u32,
    pub(super) what: usize,
}

impl Scanner<'_> {
    pub(super) fn set_near(&mut self, activity: Span, product: Span) {
        if self.near.is_some() {
            return;
        }
        let name = self
            .products
            .get(product.what)
            .map_or("", |p| p.name.as_str());
        let note = format!("activity: {} near {name}", ACTIVITIES[activity.what].0);
        let start = activity.start.min(product.start);
        let end = activity.end.max(product.end);
        // Keep the snippet short: the activity alone when the two are far apart.
        let (start, end) = if end - start > 120 {
            (activity.start, activity.end)
        } else {
            (start, end)
        };
        self.near = Some(self.evidence(start, end, activity.page, note));
    }

    pub(super) fn products(&self) -> (CheckStatus, Vec<Evidence>) {
        if self.products.is_empty() {
            return (
                CheckStatus::Missing,
                vec![Evidence::note("the claim has no products")],
            );
        }
        let mut evidence: Vec<Evidence> = self
            .products
            .iter()
            .filter_map(|p| p.evidence.clone())
            .collect();
        let mut missing = String::new();
        for p in self.products.iter().filter(|p| p.evidence.is_none()) {
            missing.push_str(if missing.is_empty() {
                "missing: "
            } else {
                ", "
            });
            missing.push_str(&p.name);
        }
        let status = if missing.is_empty() {
            CheckStatus::Found
        } else if evidence.is_empty() {
            CheckStatus::Missing
        } else {
            CheckStatus::Unsure
        };
        if !missing.is_empty() {
            evidence.push(Evidence::note(missing));
        }
        (status, evidence)
    }

    pub(super) fn activities(&self) -> (CheckStatus, Vec<Evidence>) {
        let distinct = self.activity_seen.iter().filter(|&&s| s).count();
        let mut evidence = self.activity_evidence.clone();
        let status = if distinct >= 2 {
            CheckStatus::Found
        } else if let Some(near) = &self.near {
            evidence = vec![near.clone()];
            CheckStatus::Found
        } else if distinct == 1 {
            evidence.push(Evidence::note(
                "only one activity term, not near a claimed product: describe the work explicitly",
            ));
            CheckStatus::Unsure
        } else {
            evidence.push(Evidence::note("no activity wording found"));
            CheckStatus::Missing
        };
        (status, evidence)
    }

    pub(super) fn names(&self, claim: &Claim) -> (CheckStatus, Vec<Evidence>) {
        let mut evidence = Vec::new();
        let mut missing = String::new();
        let partner_name = claim.partner_org.name.trim();
        let customer_name = claim.customer_name.trim();
        match &self.partner {
            Some(ev) => evidence.push(Evidence {
                note: format!("partner name: {partner_name}"),
                ..ev.clone()
            }),
            None if !self.partner_set => missing.push_str("partner name (not set on the claim)"),
            None => missing.push_str(&format!("partner name ({partner_name})")),
        }
        if let Some(ev) = &self.customer {
            evidence.push(Evidence {
                note: format!("customer name: {customer_name}"),
                ..ev.clone()
            });
        } else {
            if let Some(weak) = &self.customer_weak {
                evidence.push(weak.clone());
            }
            if !missing.is_empty() {
                missing.push_str(", ");
            }
            if self.customer_set {
                missing.push_str(&format!("customer name ({customer_name})"));
            } else {
                missing.push_str("customer name (not set on the claim)");
            }
        }
        let status = match (
            self.partner.is_some(),
            self.customer.is_some(),
            self.customer_weak.is_some(),
        ) {
            (true, true, _) => CheckStatus::Found,
            (false, false, false) => CheckStatus::Missing,
            _ => CheckStatus::Unsure,
        };
        if !missing.is_empty() {
            evidence.push(Evidence::note(format!("missing: {missing}")));
        }
        (status, evidence)
    }
}
