//! What the analyzer looks for: product aliases, and the word lists of
//! activities, signatures, customers, legal suffixes and months.

use super::notes::Activity;
use crate::domain::catalog::Catalog;

/// Extra names of catalog products, by catalog id, besides the catalog name
/// itself, the name without "Microsoft ", and for "Dynamics 365 X" the forms
/// "D365 X", "Dynamics X" and "Dynamics 365 for X" (see [`product_aliases`]).
pub static PRODUCT_ALIASES: &[(&str, &[&str])] = &[
    (
        "d365_finance",
        &["Finance and Operations", "D365 FO", "D365 F&O"],
    ),
    (
        "d365_supply_chain",
        &["Dynamics 365 Supply Chain", "D365 Supply Chain", "D365 SCM"],
    ),
    ("d365_business_central", &["Business Central", "D365 BC"]),
    ("d365_human_resources", &["Dynamics 365 HR", "D365 HR"]),
    ("d365_project_operations", &["Project Operations"]),
    ("d365_customer_insights", &["Customer Insights"]),
    ("exchange_online", &["EXO"]),
    ("sharepoint_online", &["SharePoint", "SPO"]),
    ("onedrive", &["ODfB"]),
    ("teams", &["Teams"]),
    (
        "teams_phone",
        &["Phone System", "Teams Voice", "Teams Calling"],
    ),
    (
        "m365_apps",
        &[
            "M365 Apps",
            "Office 365 ProPlus",
            "Office ProPlus",
            "Office 365 Apps",
        ],
    ),
    ("intune", &["Endpoint Manager"]),
    (
        "entra_id_p1",
        &[
            "Entra ID Premium P1",
            "Entra P1",
            "Azure AD Premium P1",
            "Azure AD P1",
            "Azure Active Directory Premium P1",
            "AAD P1",
            "AAD Premium P1",
        ],
    ),
    (
        "entra_id_p2",
        &[
            "Entra ID Premium P2",
            "Entra P2",
            "Azure AD Premium P2",
            "Azure AD P2",
            "Azure Active Directory Premium P2",
            "AAD P2",
            "AAD Premium P2",
        ],
    ),
    ("defender_endpoint", &["MDE", "Defender ATP"]),
    (
        "defender_office365",
        &["Defender for Office", "MDO", "Office 365 ATP"],
    ),
    ("defender_identity", &["MDI", "Azure ATP"]),
    (
        "purview_information_protection",
        &[
            "Microsoft Information Protection",
            "Azure Information Protection",
            "MIP",
            "AIP",
        ],
    ),
    ("windows_365", &["Cloud PC"]),
];

/// The names a product is recognised by in a document: its catalog name,
/// derived forms and [`PRODUCT_ALIASES`]. `product` is a catalog id or name;
/// an unknown one is its own only alias.
pub fn product_aliases(product: &str) -> Vec<String> {
    let product = product.trim();
    let catalog = Catalog::builtin();
    let found = catalog.product(product).or_else(|| {
        catalog
            .products
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(product))
    });
    let Some(p) = found else {
        return if product.is_empty() {
            Vec::new()
        } else {
            vec![product.to_string()]
        };
    };
    let mut out = vec![p.name.clone()];
    if let Some(rest) = p.name.strip_prefix("Microsoft ") {
        out.push(rest.to_string());
    }
    if let Some(rest) = p.name.strip_prefix("Dynamics 365 ") {
        out.push(format!("D365 {rest}"));
        out.push(format!("Dynamics {rest}"));
        out.push(format!("Dynamics 365 for {rest}"));
    }
    if let Some((_, extra)) = PRODUCT_ALIASES.iter().find(|(id, _)| *id == p.id) {
        out.extend(extra.iter().map(|s| s.to_string()));
    }
    out
}

// The word lists below are `|`-separated strings rather than slices of
// `&str`: the same data without a pointer table, which matters in the
// WebAssembly build.

/// Legal-form suffixes ignored at the end of organisation names, as
/// space-separated tokens (`a s` is "A/S").
pub(super) const LEGAL_SUFFIXES: &str = "ltd|limited|inc|incorporated|corp|corporation|llc|gmbh|ag|ab|\
    aktiebolag|publ|as|a s|asa|aps|oy|oyj|bv|b v|nv|sa|s a|plc|pty";

/// Activity concepts, one per line: the concept, then the words that state it.
/// `word*` matches any token it begins, a word with a space is a phrase
/// (matched whitespace-insensitively), any other word a whole token.
pub(super) const ACTIVITIES: &[(Activity, &str)] = &[
    (Activity::Deployment, "deploy*|driftsätt*|driftsatt*"),
    (Activity::Implementation, "implement*"),
    (Activity::Migration, "migrat*|migrer*"),
    (Activity::Configuration, "configur*|konfigur*"),
    (
        Activity::Rollout,
        "rollout*|roll out|rolled out|rolling out|rolls out|utrull*|rulla ut|rullas ut|\
         rullades ut|rullat ut",
    ),
    (Activity::Adoption, "adopt*"),
    (Activity::Training, "training*|train|trained|utbild*"),
    (Activity::Workshop, "workshop*"),
    (Activity::Onboarding, "onboard*"),
    (Activity::Pilot, "pilot*"),
    (Activity::ProofOfConcept, "proof of concept|poc|pocs"),
    (Activity::GoLive, "go live|goes live|went live|gone live"),
    (Activity::Support, "support*"),
    (Activity::ManagedService, "managed service|managed services"),
    (
        Activity::Introduction,
        "införand*|införa|införs|införts|infört",
    ),
    (Activity::Management, "förvaltning*"),
    (Activity::Usage, "användning*"),
    (Activity::Installation, "install*"),
    (Activity::Integration, "integrat*|integrer*"),
];

/// Signature and acknowledgement words (same syntax as [`ACTIVITIES`]).
pub(super) const ACK_WORDS: &str = "signed|esigned|countersign*|signatur*|signator*|signing|acknowledg*|\
    agreed|docusign*|adobe sign|accepted by|approved by|underskri*|underteckn*|signera*|\
    bekräft*|godkänd av|godkänt av|godkända av|accepterad av|accepterat av|för kunden";

/// Words that label a document's own dates, besides the signature words:
/// a date on the line of one of these (or of a signature word), or on the
/// next line, is a signature or effective date, not a milestone.
pub(super) const KEY_DATE_WORDS: &str = "effective|dated|commencement|executed|execution date|\
    valid from|start date|contract date|agreement date|daterad|daterat|giltig*|gäller från|\
    ikraftträd*|avtalsdatum|startdatum";

/// Words that make a signature line refer to the customer.
pub(super) const CUSTOMER_WORDS: &str = "customer*|client*|kund|kunden|kundens|kunds|beställar*";

/// A token before a signature word that makes it pending ("to be signed").
pub(super) const NEGATORS: &str = "be|not|awaiting|pending|unless|ej|inte|icke|ska|skall|att|bli";

/// Tokens before "agreed" that make it an adjective ("the agreed scope",
/// "mutually agreed milestones"): no acknowledgement at all.
pub(super) const ADJECTIVAL: &str = "the|a|an|all|any|previously|mutually|jointly";

/// Capitalised form labels that are not part of a person's name.
pub(super) const LABELS: &str = "accepted|acknowledged|agreed|approved|authorised|authorized|by|company|\
    customer|date|datum|for|för|företag|kund|kunden|name|namn|namnförtydligande|of|on|ort|page|\
    partner|place|position|printed|representative|role|sida|signature|signatur|signed|the|title|\
    titel|underskrift";

/// Month names and abbreviations, English and Swedish, one group per month.
pub(super) const MONTHS: &str = "january januari jan|february februari feb|march mars mar|april apr|\
    may maj|june juni jun|july juli jul|august augusti aug|september sept sep|\
    october oktober oct okt|november nov|december dec";

/// True when `word` is one of the `|`-separated entries of `list`.
pub(super) fn listed(list: &str, word: &str) -> bool {
    list.split('|').any(|w| w == word)
}
