//! The catalog of solution areas, partner roles and products (docs/rules.md#catalog), as data.
//!
//! The catalog lives in `data/catalog.json` and is compiled in; code never
//! lists products itself.
//!
//! ```
//! use cpor_desk::domain::catalog::Catalog;
//! let catalog = Catalog::builtin();
//! let sales = catalog.product("d365_sales").unwrap();
//! assert_eq!(sales.name, "Dynamics 365 Sales");
//! assert!(catalog.role("influenced_revenue").unwrap().revenue_association);
//! ```

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::finding::Locale;

/// A text that belongs to a data record (a solution area's name, a
/// policy's description), per language tag: `{ "en": "…", "sv": "…" }` in
/// the JSON. UI text lives in the message catalogs (`src/i18n/`); texts of
/// data records stay with their data so a catalog or policy file is
/// complete on its own. A language the record does not have falls back to
/// English.
///
/// ```
/// use cpor_desk::domain::catalog::Text;
/// use cpor_desk::i18n::Locale;
/// let t: Text = serde_json::from_str(r#"{"en": "Partner", "sv": "Partner"}"#).unwrap();
/// assert_eq!(t.get(Locale::Sv), "Partner");
/// let only_en: Text = serde_json::from_str(r#"{"en": "Only English"}"#).unwrap();
/// assert_eq!(only_en.get(Locale::Sv), "Only English");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Text(pub std::collections::BTreeMap<String, String>);

impl Text {
    pub fn get(&self, locale: Locale) -> &str {
        self.0
            .get(locale.tag())
            .or_else(|| self.0.get(Locale::default().tag()))
            .map_or("", String::as_str)
    }
}

/// How an association is keyed for competing-claim detection (docs/rules.md#catalog, #competing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssociationLevel {
    /// Modern Work and Security: tenant + workload.
    TenantWorkload,
    /// Business Applications: tenant + product + subscription.
    TenantProductSubscription,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SolutionArea {
    pub id: String,
    pub name: Text,
    pub note: Text,
    pub association_level: AssociationLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerRole {
    pub id: String,
    pub area: String,
    pub name: Text,
    pub meaning: Text,
    pub poe_required: bool,
    pub consent_email: bool,
    pub revenue_association: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: String,
    pub area: String,
    pub name: String,
    /// Listed but not claimable (Power BI goes through DPOR).
    pub claimable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub solution_areas: Vec<SolutionArea>,
    pub roles: Vec<PartnerRole>,
    pub products: Vec<Product>,
}

/// The JSON source of the built-in catalog (compiled to Rust by build.rs:
/// `domain::builtin`).
pub const CATALOG_JSON: &str = include_str!("../../data/catalog.json");

impl Catalog {
    /// The catalog shipped in `data/catalog.json`.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(super::builtin::catalog)
    }

    pub fn area(&self, id: &str) -> Option<&SolutionArea> {
        self.solution_areas.iter().find(|a| a.id == id)
    }

    pub fn role(&self, id: &str) -> Option<&PartnerRole> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn roles_for<'a>(&'a self, area: &'a str) -> impl Iterator<Item = &'a PartnerRole> + 'a {
        self.roles.iter().filter(move |r| r.area == area)
    }

    pub fn products_for<'a>(&'a self, area: &'a str) -> impl Iterator<Item = &'a Product> + 'a {
        self.products.iter().filter(move |p| p.area == area)
    }

    /// True for Business Applications products (Dynamics 365), whose claims are per subscription.
    pub fn is_per_subscription(&self, product_id: &str) -> bool {
        self.product(product_id)
            .and_then(|p| self.area(&p.area))
            .is_some_and(|a| a.association_level == AssociationLevel::TenantProductSubscription)
    }
}

/// A product's display name from the built-in catalog (the id when unknown).
pub fn product_name(id: &str) -> String {
    Catalog::builtin()
        .product(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_holds_the_spec_products() {
        let c = Catalog::builtin();
        for name in [
            "Dynamics 365 Sales",
            "Dynamics 365 Customer Service",
            "Dynamics 365 Field Service",
            "Dynamics 365 Finance",
            "Dynamics 365 Supply Chain Management",
            "Dynamics 365 Business Central",
            "Dynamics 365 Commerce",
            "Dynamics 365 Human Resources",
            "Dynamics 365 Project Operations",
            "Dynamics 365 Customer Insights",
            "Exchange Online",
            "SharePoint Online",
            "OneDrive",
            "Microsoft Teams",
            "Teams Phone",
            "Microsoft 365 Apps",
            "Microsoft Intune",
            "Microsoft Entra ID P1",
            "Microsoft Entra ID P2",
            "Microsoft Defender for Endpoint",
            "Microsoft Defender for Office 365",
            "Microsoft Defender for Identity",
            "Microsoft Purview Information Protection",
            "Windows 365",
        ] {
            let p = c.products.iter().find(|p| p.name == name);
            assert!(p.is_some_and(|p| p.claimable), "{name}");
        }
        assert!(!c.product("power_bi").unwrap().claimable);
    }

    #[test]
    fn roles_per_area_match_the_spec_table() {
        let c = Catalog::builtin();
        let ba: Vec<_> = c
            .roles_for("business_applications")
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(
            ba,
            [
                "build_intent_advisor",
                "usage_recognition",
                "influenced_revenue"
            ]
        );
        let mws: Vec<_> = c
            .roles_for("modern_work_security")
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(mws, ["use_or_consume"]);
        let rev = c.role("influenced_revenue").unwrap();
        assert!(!rev.poe_required && !rev.consent_email);
        for r in &c.roles {
            assert!(c.area(&r.area).is_some());
            if !r.revenue_association {
                assert!(r.poe_required && r.consent_email);
            }
        }
        for p in &c.products {
            assert!(c.area(&p.area).is_some(), "{}", p.id);
        }
    }

    #[test]
    fn association_level() {
        let c = Catalog::builtin();
        assert!(c.is_per_subscription("d365_sales"));
        assert!(!c.is_per_subscription("teams"));
        assert!(!c.is_per_subscription("nope"));
    }
}
