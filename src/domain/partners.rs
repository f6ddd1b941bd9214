//! The demo partner organisations of the profile screen (docs/rules.md#roles): two, so
//! that competing claims can be tried in one browser. Data, not code:
//! `data/demo-partners.json`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::claim::PartnerLocation;

/// A partner organisation with its locations (MPN IDs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerOrganisation {
    pub id: String,
    pub name: String,
    /// Example user names offered on the profile screen.
    #[serde(default)]
    pub users: Vec<String>,
    pub locations: Vec<PartnerLocation>,
}

/// The JSON source of the demo organisations (compiled to Rust by build.rs:
/// `domain::builtin`).
pub const DEMO_PARTNERS_JSON: &str = include_str!("../../data/demo-partners.json");

/// The built-in demo organisations.
///
/// ```
/// use cpor_desk::domain::partners::{demo_partners, partner};
/// assert_eq!(demo_partners().len(), 2);
/// assert!(partner("northwind").unwrap().locations.iter().any(|l| !l.enrolled));
/// ```
pub fn demo_partners() -> &'static [PartnerOrganisation] {
    static PARTNERS: OnceLock<Vec<PartnerOrganisation>> = OnceLock::new();
    PARTNERS.get_or_init(super::builtin::demo_partners)
}

/// A demo organisation by id.
pub fn partner(id: &str) -> Option<&'static PartnerOrganisation> {
    demo_partners().iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_parses_and_has_valid_mpn_ids() {
        let parsed: Vec<PartnerOrganisation> = serde_json::from_str(DEMO_PARTNERS_JSON).unwrap();
        assert_eq!(parsed.len(), 2);
        for org in &parsed {
            assert!(org.locations.iter().any(|l| l.enrolled));
            for loc in &org.locations {
                let findings =
                    super::super::validate::validate_mpn("mpn", &loc.mpn_id, Some(&org.locations));
                assert!(
                    findings.iter().all(|f| !f.is_error()),
                    "{}: {findings:?}",
                    loc.mpn_id
                );
            }
        }
    }
}
