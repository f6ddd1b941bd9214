//! Writes an export file (the format of Settings → Export all data) with `n`
//! generated claims of Northwind Traders, for scripts/bench and for trying
//! the dashboard with many claims:
//!
//! ```sh
//! cargo run --example sample_export --no-default-features -- 10000 > claims.json
//! ```
//! Then Settings → Import data from an export file.

use cpor_desk::domain::claim::PartnerOrgRef;
use cpor_desk::domain::dashboard::sample_claims;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse::<usize>().ok())
        .unwrap_or(10_000);
    let org = PartnerOrgRef {
        id: "northwind".into(),
        name: "Northwind Traders".into(),
    };
    // chrono is built without its clock here (no default features).
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let now = chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .fixed_offset();
    let claims = sample_claims(n, &org, now);
    let file = serde_json::json!({
        "format": "cpor-desk-export",
        "schemaVersion": 1,
        "claims": claims,
    });
    println!("{file}");
}
