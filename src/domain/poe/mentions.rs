//! The names, products and activities items: what the text mentions of the
//! claim's parties and products, and of the work done.

use super::notes::{Missing, Note};
use super::scanner::Scanner;
use super::vocabulary::ACTIVITIES;
use super::{CheckStatus, Evidence};

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
        let product_name = self
            .products
            .get(product.what)
            .map_or("", |p| p.name.as_str());
        let note = Note::ActivityNear {
            activity: ACTIVITIES[activity.what].0,
            product: product_name.to_string(),
        };
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
            return (CheckStatus::Missing, vec![Evidence::note(Note::NoProducts)]);
        }
        let mut evidence: Vec<Evidence> = self
            .products
            .iter()
            .filter_map(|p| p.evidence.clone())
            .collect();
        let missing: Vec<Missing> = self
            .products
            .iter()
            .filter(|p| p.evidence.is_none())
            .map(|p| Missing::Product {
                name: p.name.clone(),
            })
            .collect();
        // A product the documents do not name is missing for the reviewer,
        // even when the others are named: the note says which.
        let status = if missing.is_empty() {
            CheckStatus::Found
        } else {
            CheckStatus::Missing
        };
        if !missing.is_empty() {
            evidence.push(Evidence::note(Note::Missing { missing }));
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
            evidence.push(Evidence::note(Note::OneActivity));
            CheckStatus::Unsure
        } else {
            evidence.push(Evidence::note(Note::NoActivity));
            CheckStatus::Missing
        };
        (status, evidence)
    }

    pub(super) fn names(&self) -> (CheckStatus, Vec<Evidence>) {
        let mut evidence = Vec::new();
        let mut missing = Vec::new();
        match &self.partner {
            Some(ev) => evidence.push(ev.clone()),
            None => missing.push(Missing::PartnerName {
                name: self.partner_name.clone(),
            }),
        }
        if let Some(ev) = &self.customer {
            evidence.push(ev.clone());
        } else {
            if let Some(weak) = &self.customer_weak {
                evidence.push(weak.clone());
            }
            missing.push(Missing::CustomerName {
                name: self.customer_name.clone(),
            });
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
            evidence.push(Evidence::note(Note::Missing { missing }));
        }
        (status, evidence)
    }
}
