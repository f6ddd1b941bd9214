//! What the timing examples share: the sizes to time, the organisation the
//! sample claims belong to, and a fixed "now" (chrono is built without its
//! clock here).

use chrono::{DateTime, FixedOffset};
use cpor_desk::domain::claim::PartnerOrgRef;

/// The numbers on the command line, or 10,000, 30,000 and 100,000.
pub fn sizes() -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        vec![10_000, 30_000, 100_000]
    } else {
        sizes
    }
}

/// Northwind Traders, the partner of `sample_claims`.
pub fn northwind() -> PartnerOrgRef {
    PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    }
}

/// 2026-11-18: the same claims, statuses and deadlines every run.
pub fn fixed_now() -> DateTime<FixedOffset> {
    DateTime::from_timestamp(1_795_000_000, 0)
        .unwrap_or_default()
        .fixed_offset()
}
