//! The proof-of-execution pre-check (SPEC §7): what reviewers look for in a
//! PoE document, found in its extracted text.
//!
//! [`poe_checklist`] reads the plain text of one document (pages separated by
//! form feeds `\x0C`, as the PDF/DOCX extractors emit them) and reports, for
//! every checklist item of [`ChecklistItem::ALL`] and in that order, whether it
//! is [`CheckStatus::Found`], [`CheckStatus::Missing`] or
//! [`CheckStatus::Unsure`], with [`Evidence`] snippets. English and Swedish
//! documents are understood. [`likely_info_reasons`] turns the result into the
//! `request_info` reasons a reviewer would probably give (SPEC §8).
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::claim::{ChecklistItem, Claim, ProductLine};
//! use cpor_desk::domain::poe::{CheckStatus, likely_info_reasons, poe_checklist};
//! use cpor_desk::domain::policy::Policy;
//!
//! let mut claim = Claim::default();
//! claim.partner_org.name = "Fabrikam Consulting AB".into();
//! claim.customer_name = "Contoso Ltd".into();
//! claim.products = vec![ProductLine::new("d365_sales")];
//! let text = "Statement of work between Fabrikam Consulting and Contoso.\n\
//!             Fabrikam will deploy D365 Sales and run training workshops.\n\
//!             Accepted by: Anna Svensson, Contoso Ltd, 14 March 2025";
//! let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
//! let results = poe_checklist(text, &claim, today, &Policy::default());
//! assert_eq!(results.len(), ChecklistItem::ALL.len());
//! assert!(results.iter().all(|r| r.status == CheckStatus::Found));
//! assert_eq!(results[4].evidence[0].note, "2025-03-14 (2 months old)");
//! assert!(likely_info_reasons(&results).is_empty());
//!
//! let nothing = poe_checklist("", &claim, today, &Policy::default());
//! assert!(nothing.iter().all(|r| r.status == CheckStatus::Missing));
//! ```
//!
//! # How the text is read
//!
//! The text is split into tokens: maximal runs of letters and digits,
//! lowercased (case folding covers Latin, Greek and Cyrillic). Everything
//! else (spaces, punctuation, line breaks) only separates tokens. Names,
//! product names and multi-word phrases are matched whitespace- and
//! punctuation-insensitively: a pattern matches a run of up to 16
//! consecutive tokens whose concatenation equals the pattern with its
//! punctuation and spaces removed ("Share Point" and "SharePoint",
//! "go-live" and "go live" are the same). Single words match a whole token,
//! or, for word stems written `deploy*`, any token they begin. The scan is
//! one pass with a fixed look-back window, so the cost is linear in the text
//! length times a small number of patterns, and memory does not grow with the
//! text (20 MB of text is fine). Nothing here panics on any input.
//!
//! # The rules
//!
//! - `names`: the partner organisation's name and the customer's name, with
//!   legal suffixes (Ltd, Inc, AB, A/S, GmbH, Oy, …) ignored, both found →
//!   found; one of them → unsure; none → missing. The first label of the
//!   customer's domain (`contoso` of `contoso.com`) is weak evidence for the
//!   customer: it can make the item unsure, never found.
//! - `products`: every claimed product is looked up in the catalog and
//!   matched by its name and aliases ([`product_aliases`]). All named →
//!   found; some → unsure; none (or no products on the claim) → missing.
//!   Notes list the missing ones.
//! - `activities`: explicit activity wording (deploy, implement, migrate,
//!   configure, roll out, adoption, training, workshop, onboarding, pilot,
//!   proof of concept, go-live, support, managed service, install, integrate;
//!   Swedish implementera, driftsätta, migrera, konfigurera, utrullning,
//!   införande, utbildning, förvaltning, användning, …). Two distinct
//!   activities, or one within 20 words of a claimed product name → found;
//!   one → unsure; none → missing.
//! - `dates`: ISO `2025-03-14`, `14/03/2025`, `03/14/2025`, `14-03-2025`,
//!   `14.03.2025`, `14 March 2025`, `14th of March 2025`, `March 14, 2025`,
//!   `Mar 14 2025`, `14-Mar-2025`, Swedish `(den) 14 mars 2025`; years
//!   1970–2099. `.` means day.month.year. With `/` or `-` and the year last,
//!   a first number over 12 is a day, a second number over 12 is a day, and
//!   otherwise day/month is preferred; when reading such dates month/day
//!   instead would change the verdict, the item is unsure. The reference date
//!   is the claim's creation date (`created_at`), or `today` when it has
//!   none; ages in the notes are counted to it. Dates more than a year after
//!   the later of the reference date and `today` are implausible. The
//!   newest plausible date older than [`Policy::poe_max_age_months`] months
//!   before the reference date → missing ("newest date … is older than 12
//!   months"); a newer one → found; only implausible future dates → unsure;
//!   no dates → missing.
//! - `acknowledgement`: signature words (signed, signature, signatory,
//!   countersigned, acknowledged, agreed (not as an adjective: "the agreed
//!   scope"), accepted by, approved by, `/s/`,
//!   DocuSign, Adobe Sign, e-signed; Swedish underskrift, undertecknad,
//!   signerad/signerat, godkänd av, accepterad av, bekräftad, för kunden).
//!   An occurrence is a signature when its line (outside the word itself) or
//!   the next non-empty line within three lines carries a date, the
//!   customer's or a contact's name, a person-like name (two capitalised
//!   words that are not form labels) or the word customer/client/kund/
//!   beställare → found. A blank field after the word (`Signature: ____`,
//!   `Underskrift: ......`, also on the next line), a pending form ("to be
//!   signed", "ska signeras") or a bare word → unsure, never found. None →
//!   missing.
//!
//! Every result has at least one evidence entry: a snippet (about 80
//! characters of context, whitespace collapsed; `page` is 1-based when the
//! text has form feeds) or, with an empty snippet, a note explaining what is
//! missing. Notes are English; the UI shows them next to its own localized
//! item labels.
//!
//! # Known limits
//!
//! Case folding covers Latin, Greek and Cyrillic letters only (it is
//! table-free to keep the WebAssembly module small), text is not
//! Unicode-normalized (decomposed "ö" does not match "ö"), words
//! hyphenated across line breaks are two tokens, a handwritten signature is
//! invisible in extracted text (so scanned signed documents are at best
//! unsure), title-case headings after a signature word can pass for a person's
//! name, and a date range or validity date far from the signature date counts
//! like any other date.

use std::mem;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::claim::{ChecklistItem, Claim, InfoReason};
use super::policy::Policy;

/// The verdict for one checklist item.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Found,
    Missing,
    Unsure,
}

/// One checklist item's verdict with its evidence.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistResult {
    pub item: ChecklistItem,
    pub status: CheckStatus,
    pub evidence: Vec<Evidence>,
}

/// Where something was found (or, with an empty snippet, what is missing).
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// About 80 characters of context around the match, whitespace collapsed;
    /// `…` marks cut text. Empty for explanation-only entries.
    pub snippet: String,
    /// 1-based page, when the text has form-feed page breaks.
    pub page: Option<u32>,
    /// What was found, e.g. "partner name: Fabrikam", "Dynamics 365 Sales",
    /// "2025-03-14 (8 months old)", "missing: Microsoft Intune".
    pub note: String,
}

impl Evidence {
    fn note(note: impl Into<String>) -> Evidence {
        Evidence {
            snippet: String::new(),
            page: None,
            note: note.into(),
        }
    }
}

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

// The word lists below are `|`-separated strings rather than slices of
// `&str`: the same data without a pointer table, which matters in the
// WebAssembly build.

/// Legal-form suffixes ignored at the end of organisation names, as
/// space-separated tokens (`a s` is "A/S").
const LEGAL_SUFFIXES: &str = "ltd|limited|inc|incorporated|corp|corporation|llc|gmbh|ag|ab|\
    aktiebolag|publ|as|a s|asa|aps|oy|oyj|bv|b v|nv|sa|s a|plc|pty";

/// Activity concepts, one per line: the label, then the words that state it.
/// `word*` matches any token it begins, a word with a space is a phrase
/// (matched whitespace-insensitively), any other word a whole token.
const ACTIVITIES: &[(&str, &str)] = &[
    ("deployment", "deploy*|driftsätt*|driftsatt*"),
    ("implementation", "implement*"),
    ("migration", "migrat*|migrer*"),
    ("configuration", "configur*|konfigur*"),
    (
        "rollout",
        "rollout*|roll out|rolled out|rolling out|rolls out|utrull*|rulla ut|rullas ut|\
         rullades ut|rullat ut",
    ),
    ("adoption", "adopt*"),
    ("training", "training*|train|trained|utbild*"),
    ("workshop", "workshop*"),
    ("onboarding", "onboard*"),
    ("pilot", "pilot*"),
    ("proof of concept", "proof of concept|poc|pocs"),
    ("go-live", "go live|goes live|went live|gone live"),
    ("support", "support*"),
    ("managed service", "managed service|managed services"),
    ("införande", "införand*|införa|införs|införts|infört"),
    ("förvaltning", "förvaltning*"),
    ("användning", "användning*"),
    ("installation", "install*"),
    ("integration", "integrat*|integrer*"),
];

/// Signature and acknowledgement words (same syntax as [`ACTIVITIES`]).
const ACK_WORDS: &str = "signed|esigned|countersign*|signatur*|signator*|signing|acknowledg*|\
    agreed|docusign*|adobe sign|accepted by|approved by|underskri*|underteckn*|signera*|\
    bekräft*|godkänd av|godkänt av|godkända av|accepterad av|accepterat av|för kunden";

/// Words that make a signature line refer to the customer.
const CUSTOMER_WORDS: &str = "customer*|client*|kund|kunden|kundens|kunds|beställar*";

/// A token before a signature word that makes it pending ("to be signed").
const NEGATORS: &str = "be|not|awaiting|pending|unless|ej|inte|icke|ska|skall|att|bli";

/// Tokens before "agreed" that make it an adjective ("the agreed scope",
/// "mutually agreed milestones"): no acknowledgement at all.
const ADJECTIVAL: &str = "the|a|an|all|any|previously|mutually|jointly";

/// Capitalised form labels that are not part of a person's name.
const LABELS: &str = "accepted|acknowledged|agreed|approved|authorised|authorized|by|company|\
    customer|date|datum|for|för|företag|kund|kunden|name|namn|namnförtydligande|of|on|ort|page|\
    partner|place|position|printed|representative|role|sida|signature|signatur|signed|the|title|\
    titel|underskrift";

/// Month names and abbreviations, English and Swedish, one group per month.
const MONTHS: &str = "january januari jan|february februari feb|march mars mar|april apr|\
    may maj|june juni jun|july juli jul|august augusti aug|september sept sep|\
    october oktober oct okt|november nov|december dec";

/// True when `word` is one of the `|`-separated entries of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split('|').any(|w| w == word)
}

/// Tokens remembered for phrase and date matching.
const WINDOW: usize = 16;
/// Longer tokens are kept only as "long" and never match.
const MAX_TOKEN_BYTES: usize = 128;
/// Tokens further apart (in bytes) than this never form one phrase.
const MAX_JOIN_GAP: usize = 64;
/// An activity this many tokens from a claimed product name is "near" it.
const NEAR_TOKENS: u64 = 20;
/// Evidence entries kept per item (or per activity/product).
const EVIDENCE_CAP: usize = 5;
/// Signature words remembered per line.
const ACKS_PER_LINE: usize = 8;
/// Characters of context on each side of a match.
const SNIPPET_SIDE: usize = 36;
/// Longest snippet, in characters.
const SNIPPET_MAX: usize = 160;
const YEARS: std::ops::RangeInclusive<i32> = 1970..=2099;

/// Analyses a PoE document's text against the claim (see the module docs for
/// the rules). Returns one result per [`ChecklistItem::ALL`] entry, in order.
/// Ages are counted to the claim's `created_at` date, or `today` without one.
pub fn poe_checklist(
    text: &str,
    claim: &Claim,
    today: NaiveDate,
    policy: &Policy,
) -> Vec<ChecklistResult> {
    let reference = claim.created_at.map_or(today, |t| t.date_naive());
    let rules = DateRules {
        reference,
        relative_to_claim: claim.created_at.is_some(),
        cutoff: reference.checked_sub_months(Months::new(policy.poe_max_age_months)),
        horizon: reference
            .max(today)
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX),
        max_age_months: policy.poe_max_age_months,
    };
    let mut scan = Scanner::new(text, claim, rules.horizon);
    scan.run();
    ChecklistItem::ALL
        .iter()
        .map(|&item| {
            let (status, evidence) = match item {
                ChecklistItem::Acknowledgement => scan.acknowledgement(),
                ChecklistItem::Products => scan.products(),
                ChecklistItem::Activities => scan.activities(),
                ChecklistItem::Names => scan.names(claim),
                ChecklistItem::Dates => scan.dates(&rules),
            };
            ChecklistResult {
                item,
                status,
                evidence,
            }
        })
        .collect()
}

/// The `request_info` reasons (SPEC §8) a reviewer would likely give for
/// these results, in [`InfoReason::ALL`] order, without duplicates.
///
/// - Nothing found at all (every item missing, as for an empty text or a
///   document that has nothing to do with the claim) → only `MissingAllPoe`.
/// - Otherwise every item that is missing *or unsure* gives its reason:
///   `acknowledgement` → `MissingCustomerAcknowledgement`, `dates` →
///   `MissingOrOldDates`, `activities` → `MissingPartnerSolution`,
///   `products` → `MissingProducts`.
/// - `names` has no reason of its own. Without the partner's and customer's
///   names the document does not show that *this partner's* work was done for
///   *this customer*, which is what "Missing partner solution/service"
///   (the description of the partner's work is insufficient) asks for, so an
///   unmet `names` item also gives `MissingPartnerSolution`.
pub fn likely_info_reasons(results: &[ChecklistResult]) -> Vec<InfoReason> {
    if results.iter().all(|r| r.status == CheckStatus::Missing) {
        return vec![InfoReason::MissingAllPoe];
    }
    let wanted: Vec<InfoReason> = results
        .iter()
        .filter(|r| r.status != CheckStatus::Found)
        .map(|r| match r.item {
            ChecklistItem::Acknowledgement => InfoReason::MissingCustomerAcknowledgement,
            ChecklistItem::Dates => InfoReason::MissingOrOldDates,
            ChecklistItem::Activities | ChecklistItem::Names => InfoReason::MissingPartnerSolution,
            ChecklistItem::Products => InfoReason::MissingProducts,
        })
        .collect();
    InfoReason::ALL
        .iter()
        .copied()
        .filter(|r| wanted.contains(r))
        .collect()
}

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

// ---------------------------------------------------------------------------
// Characters and text helpers
//
// Word characters and case folding are table-free on purpose: the Unicode
// tables behind `char::is_alphanumeric` and `char::to_lowercase` would cost
// more than this whole module in the WebAssembly build.

/// Letters and digits, what words are made of: ASCII letters and digits and
/// everything from U+00C0 on except the punctuation, symbol, private-use and
/// emoji blocks (combining marks stay inside words).
fn is_word(c: char) -> bool {
    !matches!(c,
        '\0'..='/' | ':'..='@' | '['..='`' | '{'..='\u{BF}' | '\u{D7}' | '\u{F7}'
        | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{E000}'..='\u{F8FF}'
        | '\u{FE10}'..='\u{FE6F}' | '\u{FEFF}' | '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFF0}'..='\u{FFFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Lowercase for Latin (ASCII, Latin-1, Latin Extended-A), Greek and
/// Cyrillic capitals; every other character is returned as is.
fn fold(c: char) -> char {
    let u = u32::from(c);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 32
        }
        0x400..=0x40F => u + 80,
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_ascii_digit()
}

/// Folded word characters only: the form patterns are matched in.
fn normalize(s: &str) -> String {
    s.chars().filter(|&c| is_word(c)).map(fold).collect()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c| !is_word(c))
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect()
}

/// An organisation name without its legal-form suffixes, normalized.
fn name_core(name: &str) -> String {
    let mut toks = words(name);
    'strip: loop {
        for suffix in LEGAL_SUFFIXES.split('|') {
            let n = suffix.split(' ').count();
            if toks.len() > n
                && toks[toks.len() - n..]
                    .iter()
                    .map(String::as_str)
                    .eq(suffix.split(' '))
            {
                toks.truncate(toks.len() - n);
                continue 'strip;
            }
        }
        break;
    }
    if toks.len() > 1 && toks[0] == "ab" {
        toks.remove(0);
    }
    toks.concat()
}

/// The first label of a domain (`contoso` of `https://www.contoso.com/x` or
/// `anna@contoso.com`), normalized.
fn domain_label(domain: &str) -> Option<String> {
    let host_part = domain.rsplit('@').next().unwrap_or("");
    let host = host_part
        .split(['/', '?', '#'])
        .find(|piece| piece.contains('.'))?;
    let host = host.split(':').next().unwrap_or("");
    let mut labels = host.split('.').map(normalize).filter(|l| !l.is_empty());
    let mut first = labels.next()?;
    if first == "www" {
        first = labels.next()?;
    }
    (first.chars().count() >= 2).then_some(first)
}

/// `s` with runs of whitespace and control characters collapsed to one space,
/// trimmed, and cut after `max` characters; true when it was cut.
fn collapse(s: &str, max: usize) -> (String, bool) {
    let mut out = String::new();
    let mut chars = 0;
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if chars >= max {
            return (out, true);
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        out.push(c);
        chars += 1;
    }
    (out, false)
}

/// About 80 characters around `start..end`, not crossing page breaks, with
/// whitespace and control characters collapsed to single spaces.
fn snippet(text: &str, start: usize, end: usize) -> String {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return String::new();
    }
    let mut from = start;
    let mut left_cut = false;
    for (count, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if c == '\x0C' {
            break;
        }
        if count == SNIPPET_SIDE {
            left_cut = true;
            break;
        }
        from = i;
    }
    let mut to = end;
    let mut right_cut = false;
    for (count, (i, c)) in text[end..].char_indices().enumerate() {
        if c == '\x0C' {
            break;
        }
        if count == SNIPPET_SIDE {
            right_cut = true;
            break;
        }
        to = end + i + c.len_utf8();
    }
    let (mut out, cut) = collapse(&text[from..to], SNIPPET_MAX);
    if out.is_empty() {
        return out;
    }
    if left_cut {
        out.insert(0, '…');
    }
    if right_cut || cut {
        out.push('…');
    }
    out
}

/// True when a blank form field (`____`, `......`) follows a signature word,
/// possibly after a colon and line breaks (at most 200 characters away).
fn blank_field_after(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let mut chars = rest
        .chars()
        .take(200)
        .skip_while(|c| c.is_whitespace() || matches!(c, ':' | '-' | '–'));
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('_'), Some('_'), _) | (Some('.'), Some('.'), Some('.')) | (Some('…'), _, _)
    )
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Whole months from `a` to `b` (a ≤ b).
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0)
}

// ---------------------------------------------------------------------------
// Date parsing helpers (on folded tokens)

/// The value and length of a run of 1 to `max_len` ASCII digits.
fn ascii_number(s: &str, max_len: usize) -> Option<(u32, usize)> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = s.bytes().fold(0, |v, b| v * 10 + u32::from(b - b'0'));
    Some((value, s.len()))
}

fn year(s: &str) -> Option<i32> {
    match ascii_number(s, 4) {
        Some((v, 4)) => i32::try_from(v).ok().filter(|y| YEARS.contains(y)),
        _ => None,
    }
}

/// A day of 1–2 digits, optionally with an English ordinal suffix (`14th`),
/// or for ISO dates a time suffix (`14t10`, from `2025-03-14T10:00`).
fn day(s: &str, iso: bool) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count().min(3);
    let (num, rest) = s.split_at(digits);
    let ok = if iso {
        rest.is_empty()
            || (rest.starts_with('t') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    } else {
        matches!(rest, "" | "st" | "nd" | "rd" | "th")
    };
    if ok {
        ascii_number(num, 2).map(|(v, _)| v)
    } else {
        None
    }
}

fn month(s: &str) -> Option<u32> {
    let i = MONTHS
        .split('|')
        .position(|names| names.split(' ').any(|n| n == s))?;
    u32::try_from(i + 1).ok()
}

/// Separator allowed inside a written-out date: a few spaces, commas,
/// periods, hyphens or slashes, no line break.
fn text_date_sep(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 4
        && s.chars()
            .all(|c| matches!(c, ' ' | '\t' | '\u{a0}' | ',' | '.' | '-' | '/'))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

// ---------------------------------------------------------------------------
// The scanner

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Activity(usize),
    Ack,
    CustomerWord,
    Partner,
    Customer,
    CustomerDomain,
    Contact,
    Product(usize),
}

struct Pattern {
    text: String,
    prefix: bool,
    kind: Kind,
}

/// Patterns chained by a key byte (first byte for single words, last byte
/// for phrases), so a token is only compared with the few that can match.
struct Patterns {
    list: Vec<Pattern>,
    head: [u16; 256],
    next: Vec<u16>,
}

const NONE: u16 = u16::MAX;

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            list: Vec::new(),
            head: [NONE; 256],
            next: Vec::new(),
        }
    }

    fn add(&mut self, text: String, prefix: bool, kind: Kind, key_last: bool) {
        let bytes = text.as_bytes();
        let key = if key_last {
            bytes.last()
        } else {
            bytes.first()
        };
        let Some(&key) = key else {
            return;
        };
        if self.list.len() >= usize::from(NONE)
            || self.list.iter().any(|p| p.text == text && p.kind == kind)
        {
            return;
        }
        self.next.push(self.head[usize::from(key)]);
        self.head[usize::from(key)] = self.list.len() as u16;
        self.list.push(Pattern { text, prefix, kind });
    }

    /// The patterns whose key byte is `key`.
    fn chain(&self, key: u8) -> impl Iterator<Item = &Pattern> {
        let mut i = self.head[usize::from(key)];
        std::iter::from_fn(move || {
            let p = self.list.get(usize::from(i))?;
            i = self.next[usize::from(i)];
            Some(p)
        })
    }
}

#[derive(Default)]
struct Tok {
    lower: String,
    long: bool,
    start: usize,
    end: usize,
    line: u64,
    page: u32,
    idx: u64,
    /// Close enough to the previous token to be part of one phrase.
    joined: bool,
}

struct AckHit {
    start: usize,
    end: usize,
    line: u64,
    page: u32,
    blank: bool,
    pending: bool,
}

#[derive(Default)]
struct LineFacts {
    any: bool,
    line: u64,
    page: u32,
    date: bool,
    /// The customer's or a contact's name.
    name: bool,
    /// Two capitalised non-label words in a row.
    person: bool,
    /// First and last start of a customer word on the line.
    customer_word: Option<(usize, usize)>,
    acks: Vec<AckHit>,
}

impl LineFacts {
    /// Why this line makes a signature word at `hit` a signature (the
    /// customer word must be outside the signature word itself).
    fn context(&self, hit: Option<&AckHit>) -> Option<&'static str> {
        let customer = match (self.customer_word, hit) {
            (Some((first, last)), Some(h)) => first < h.start || last >= h.end,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if self.date {
            Some("a date")
        } else if self.name {
            Some("the customer's or a contact's name")
        } else if self.person {
            Some("a name")
        } else if customer {
            Some("the word customer")
        } else {
            None
        }
    }
}

struct ProductState {
    name: String,
    evidence: Option<Evidence>,
}

/// A match: its first token's index, byte span, page, and what it is (the
/// product or activity index).
#[derive(Clone, Copy)]
struct Span {
    idx: u64,
    start: usize,
    end: usize,
    page: u32,
    what: usize,
}

struct DateRules {
    reference: NaiveDate,
    relative_to_claim: bool,
    cutoff: Option<NaiveDate>,
    horizon: NaiveDate,
    max_age_months: u32,
}

/// A date found in the text: its day/month reading, its month/day reading
/// when that is a different valid date, and where it is.
#[derive(Clone, Copy)]
struct DateHit {
    date: NaiveDate,
    alt: Option<NaiveDate>,
    start: usize,
    end: usize,
    page: u32,
}

/// What the dates rule needs, kept in constant space while scanning: per
/// reading (0 = day/month, 1 = month/day) the newest plausible date and the
/// earliest implausible (too far ahead) one, the newest distinct plausible
/// dates for evidence, and the newest ambiguous date.
struct DateAgg {
    horizon: NaiveDate,
    newest: [Option<DateHit>; 2],
    future: [Option<DateHit>; 2],
    top: Vec<DateHit>,
    ambiguous: Option<DateHit>,
}

impl DateAgg {
    fn add(&mut self, hit: DateHit) {
        for (r, d) in [(0, hit.date), (1, hit.alt.unwrap_or(hit.date))] {
            let at = DateHit { date: d, ..hit };
            if d > self.horizon {
                if self.future[r].is_none_or(|f| d < f.date) {
                    self.future[r] = Some(at);
                }
            } else if self.newest[r].is_none_or(|n| d > n.date) {
                self.newest[r] = Some(at);
            }
        }
        if hit.alt.is_some() && self.ambiguous.is_none_or(|a| hit.date > a.date) {
            self.ambiguous = Some(hit);
        }
        if hit.date <= self.horizon && !self.top.iter().any(|t| t.date == hit.date) {
            let at = self
                .top
                .iter()
                .position(|t| t.date < hit.date)
                .unwrap_or(self.top.len());
            if at < EVIDENCE_CAP {
                self.top.insert(at, hit);
                self.top.truncate(EVIDENCE_CAP);
            }
        }
    }

    fn verdict(&self, reading: usize, cutoff: Option<NaiveDate>) -> DateVerdict {
        match (self.newest[reading], self.future[reading]) {
            (Some(n), _) if cutoff.is_some_and(|c| n.date < c) => DateVerdict::Old(n),
            (Some(n), _) => DateVerdict::Fresh(n),
            (None, Some(f)) => DateVerdict::FutureOnly(f),
            (None, None) => DateVerdict::None,
        }
    }
}

enum DateVerdict {
    None,
    FutureOnly(DateHit),
    Old(DateHit),
    Fresh(DateHit),
}

struct Scanner<'a> {
    text: &'a str,
    paged: bool,
    stems: Patterns,
    phrases: Patterns,
    /// The last `WINDOW` tokens; `ring_head` is the next slot to write.
    ring: [Tok; WINDOW],
    ring_head: usize,
    ring_len: usize,
    next_idx: u64,
    /// Matches ending at the current token: kind and how many tokens back
    /// the match starts.
    hits: Vec<(Kind, usize)>,
    facts: LineFacts,
    pending: Vec<AckHit>,
    last_ack_end: usize,
    person_run: u32,
    // names
    partner_set: bool,
    customer_set: bool,
    partner: Option<Evidence>,
    customer: Option<Evidence>,
    customer_weak: Option<Evidence>,
    domain_label: String,
    // products
    products: Vec<ProductState>,
    last_product: Option<Span>,
    // activities
    activity_seen: Vec<bool>,
    activity_evidence: Vec<Evidence>,
    last_activity: Option<Span>,
    near: Option<Evidence>,
    // acknowledgement
    ack_found: usize,
    ack_unsure: usize,
    ack_found_evidence: Vec<Evidence>,
    ack_unsure_evidence: Vec<Evidence>,
    dates: DateAgg,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, claim: &Claim, horizon: NaiveDate) -> Scanner<'a> {
        let mut s = Scanner {
            text,
            paged: text.contains('\x0C'),
            stems: Patterns::new(),
            phrases: Patterns::new(),
            ring: std::array::from_fn(|_| Tok::default()),
            ring_head: 0,
            ring_len: 0,
            next_idx: 0,
            hits: Vec::new(),
            facts: LineFacts::default(),
            pending: Vec::new(),
            last_ack_end: 0,
            person_run: 0,
            partner_set: false,
            customer_set: false,
            partner: None,
            customer: None,
            customer_weak: None,
            domain_label: String::new(),
            products: Vec::new(),
            last_product: None,
            activity_seen: vec![false; ACTIVITIES.len()],
            activity_evidence: Vec::new(),
            last_activity: None,
            near: None,
            ack_found: 0,
            ack_unsure: 0,
            ack_found_evidence: Vec::new(),
            ack_unsure_evidence: Vec::new(),
            dates: DateAgg {
                horizon,
                newest: [None; 2],
                future: [None; 2],
                top: Vec::new(),
                ambiguous: None,
            },
        };
        for (i, (_, list)) in ACTIVITIES.iter().enumerate() {
            s.add_words(list, Kind::Activity(i));
        }
        s.add_words(ACK_WORDS, Kind::Ack);
        s.add_words(CUSTOMER_WORDS, Kind::CustomerWord);
        let partner = name_core(&claim.partner_org.name);
        s.partner_set = !partner.is_empty();
        s.phrases.add(partner, false, Kind::Partner, true);
        let customer = name_core(&claim.customer_name);
        s.customer_set = !customer.is_empty();
        if let Some(label) = domain_label(&claim.customer_domain)
            && label != customer
        {
            s.domain_label = label.clone();
            s.phrases.add(label, false, Kind::CustomerDomain, true);
        }
        s.phrases.add(customer, false, Kind::Customer, true);
        for contact in [&claim.customer_contact.name, &claim.partner_contact.name] {
            s.phrases
                .add(normalize(contact), false, Kind::Contact, true);
        }
        for line in &claim.products {
            let aliases = product_aliases(&line.product);
            let Some(name) = aliases.first() else {
                continue;
            };
            if s.products.iter().any(|p| &p.name == name) {
                continue;
            }
            let i = s.products.len();
            s.products.push(ProductState {
                name: name.clone(),
                evidence: None,
            });
            for alias in &aliases {
                s.phrases
                    .add(normalize(alias), false, Kind::Product(i), true);
            }
        }
        s
    }

    /// Adds `|`-separated activity, signature or customer words: `word*` is
    /// a stem, a word with a space a phrase, anything else a whole token.
    fn add_words(&mut self, list: &str, kind: Kind) {
        for word in list.split('|') {
            if word.contains(' ') {
                self.phrases.add(normalize(word), false, kind, true);
            } else {
                let stem = word.strip_suffix('*');
                self.stems
                    .add(normalize(stem.unwrap_or(word)), stem.is_some(), kind, false);
            }
        }
    }

    fn evidence(&self, start: usize, end: usize, page: u32, note: impl Into<String>) -> Evidence {
        Evidence {
            snippet: snippet(self.text, start, end),
            page: self.paged.then_some(page.saturating_add(1)),
            note: note.into(),
        }
    }

    /// The token `back` places before the current one (0 = current).
    fn tok(&self, back: usize) -> &Tok {
        &self.ring[(self.ring_head + 2 * WINDOW - 1 - back) % WINDOW]
    }

    /// Tokenizes the text and feeds every token to [`Scanner::on_token`].
    fn run(&mut self) {
        let text = self.text;
        let mut buf = String::new();
        let mut long = false;
        let mut tok_start: Option<(usize, u64, u32)> = None;
        let mut line: u64 = 0;
        let mut page: u32 = 0;
        let mut prev_cr = false;
        for (i, c) in text.char_indices() {
            if is_word(c) {
                if tok_start.is_none() {
                    tok_start = Some((i, line, page));
                    buf.clear();
                    long = false;
                }
                if !long {
                    buf.push(fold(c));
                    long = buf.len() > MAX_TOKEN_BYTES;
                }
            } else {
                if let Some((start, l, p)) = tok_start.take() {
                    self.push_token(start, i, &buf, long, l, p);
                }
                match c {
                    '\n' if prev_cr => {}
                    '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => line += 1,
                    '\x0C' => {
                        page = page.saturating_add(1);
                        line += 1;
                    }
                    _ => {}
                }
            }
            prev_cr = c == '\r';
        }
        if let Some((start, l, p)) = tok_start.take() {
            self.push_token(start, text.len(), &buf, long, l, p);
        }
        self.finish_line();
        for hit in mem::take(&mut self.pending) {
            self.ack_unsure(
                &hit,
                "signature word without a name, date or customer nearby",
            );
        }
    }

    fn push_token(
        &mut self,
        start: usize,
        end: usize,
        lower: &str,
        long: bool,
        line: u64,
        page: u32,
    ) {
        if !self.facts.any || self.facts.line != line {
            self.finish_line();
            self.facts = LineFacts {
                any: true,
                line,
                page,
                ..LineFacts::default()
            };
        }
        let joined = self.ring_len > 0 && {
            let prev = self.tok(0);
            prev.page == page && start.saturating_sub(prev.end) <= MAX_JOIN_GAP
        };
        let idx = self.next_idx;
        let tok = &mut self.ring[self.ring_head];
        tok.lower.clear();
        tok.lower.push_str(lower);
        tok.long = long;
        tok.start = start;
        tok.end = end;
        tok.line = line;
        tok.page = page;
        tok.idx = idx;
        tok.joined = joined;
        self.ring_head = (self.ring_head + 1) % WINDOW;
        self.ring_len = (self.ring_len + 1).min(WINDOW);
        self.next_idx += 1;
        self.on_token();
    }

    fn on_token(&mut self) {
        let mut hits = mem::take(&mut self.hits);
        hits.clear();
        let cur = self.tok(0);
        if !cur.long
            && let (Some(&first), Some(&last)) =
                (cur.lower.as_bytes().first(), cur.lower.as_bytes().last())
        {
            for p in self.stems.chain(first) {
                if cur.lower == p.text || (p.prefix && cur.lower.starts_with(&p.text)) {
                    hits.push((p.kind, 0));
                }
            }
            for p in self.phrases.chain(last) {
                if let Some(back) = self.concat_match(&p.text) {
                    hits.push((p.kind, back));
                }
            }
        }
        self.hits = hits;
        for i in 0..self.hits.len() {
            let (kind, back) = self.hits[i];
            self.on_hit(kind, back);
        }
        self.slash_s();
        self.detect_date();
        self.person_name();
    }

    /// How many tokens back a run ending at the current token starts whose
    /// concatenation is `target`.
    fn concat_match(&self, target: &str) -> Option<usize> {
        let mut rest = target;
        for back in 0..self.ring_len {
            let t = self.tok(back);
            if t.long || t.lower.is_empty() || !rest.ends_with(t.lower.as_str()) {
                return None;
            }
            rest = &rest[..rest.len() - t.lower.len()];
            if rest.is_empty() {
                return Some(back);
            }
            if !t.joined {
                return None;
            }
        }
        None
    }

    fn span(&self, back: usize, what: usize) -> Span {
        let first = self.tok(back);
        Span {
            idx: first.idx,
            start: first.start,
            end: self.tok(0).end,
            page: first.page,
            what,
        }
    }

    fn on_hit(&mut self, kind: Kind, back: usize) {
        let sp = self.span(back, 0);
        match kind {
            Kind::Partner => {
                if self.partner.is_none() {
                    self.partner = Some(self.evidence(sp.start, sp.end, sp.page, "partner name"));
                }
            }
            Kind::Customer => {
                self.facts.name = true;
                if self.customer.is_none() {
                    self.customer = Some(self.evidence(sp.start, sp.end, sp.page, "customer name"));
                }
            }
            Kind::CustomerDomain => {
                if self.customer_weak.is_none() {
                    let note =
                        format!("customer domain name \"{}\" only (weak)", self.domain_label);
                    self.customer_weak = Some(self.evidence(sp.start, sp.end, sp.page, note));
                }
            }
            Kind::Contact => self.facts.name = true,
            Kind::CustomerWord => {
                let (first, last) = self.facts.customer_word.unwrap_or((sp.start, sp.start));
                self.facts.customer_word = Some((first.min(sp.start), last.max(sp.start)));
            }
            Kind::Product(i) => {
                let sp = Span { what: i, ..sp };
                if let Some(p) = self.products.get(i)
                    && p.evidence.is_none()
                {
                    let ev = self.evidence(sp.start, sp.end, sp.page, p.name.clone());
                    self.products[i].evidence = Some(ev);
                }
                if let Some(a) = self.last_activity
                    && sp.idx.saturating_sub(a.idx) <= NEAR_TOKENS
                {
                    self.set_near(a, sp);
                }
                self.last_product = Some(Span {
                    idx: self.tok(0).idx,
                    ..sp
                });
            }
            Kind::Activity(c) => {
                let sp = Span { what: c, ..sp };
                if !self.activity_seen[c] {
                    self.activity_seen[c] = true;
                    if self.activity_evidence.len() < EVIDENCE_CAP {
                        let note = format!("activity: {}", ACTIVITIES[c].0);
                        let ev = self.evidence(sp.start, sp.end, sp.page, note);
                        self.activity_evidence.push(ev);
                    }
                }
                if let Some(p) = self.last_product
                    && sp.idx.saturating_sub(p.idx) <= NEAR_TOKENS
                {
                    self.set_near(sp, p);
                }
                self.last_activity = Some(sp);
            }
            Kind::Ack => {
                if sp.start < self.last_ack_end {
                    return;
                }
                let first = self.tok(back);
                let before = |list: &str| {
                    back + 1 < self.ring_len && first.joined && {
                        let prev = self.tok(back + 1);
                        prev.line == first.line && listed(list, &prev.lower)
                    }
                };
                if first.lower == "agreed" && before(ADJECTIVAL) {
                    return;
                }
                let pending = before(NEGATORS);
                let (line, page) = (first.line, first.page);
                self.add_ack(sp.start, sp.end, line, page, pending);
            }
        }
    }

    fn add_ack(&mut self, start: usize, end: usize, line: u64, page: u32, pending: bool) {
        self.last_ack_end = end;
        if self.facts.acks.len() < ACKS_PER_LINE {
            let blank = blank_field_after(self.text, end);
            self.facts.acks.push(AckHit {
                start,
                end,
                line,
                page,
                blank,
                pending,
            });
        }
    }

    fn set_near(&mut self, activity: Span, product: Span) {
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

    /// The conformed signature `/s/`.
    fn slash_s(&mut self) {
        let cur = self.tok(0);
        let bytes = self.text.as_bytes();
        if cur.lower == "s"
            && cur.start > 0
            && bytes[cur.start - 1] == b'/'
            && bytes.get(cur.end) == Some(&b'/')
            && cur.start > self.last_ack_end
        {
            let (start, end, line, page) = (cur.start - 1, cur.end + 1, cur.line, cur.page);
            self.add_ack(start, end, line, page, false);
        }
    }

    fn detect_date(&mut self) {
        if self.ring_len < 3 {
            return;
        }
        let (t2, t1, t0) = (self.tok(2), self.tok(1), self.tok(0));
        if !t1.joined || !t0.joined || t0.long || t1.long || t2.long {
            return;
        }
        let s1 = &self.text[t2.end..t1.start];
        let s2 = &self.text[t1.end..t0.start];
        let mut found: Option<(NaiveDate, Option<NaiveDate>, usize)> = None;
        if s1 == s2
            && matches!(s1, "-" | "/" | ".")
            && let (Some(a), Some(b)) = (ascii_number(&t2.lower, 4), ascii_number(&t1.lower, 2))
        {
            if a.1 == 4 {
                // ISO year-month-day.
                if let Some(y) = year(&t2.lower)
                    && let Some(d) = day(&t0.lower, true)
                {
                    found = ymd(y, b.0, d).map(|date| (date, None, t2.start));
                }
            } else if let Some(y) = year(&t0.lower) {
                let dm = ymd(y, b.0, a.0);
                let md = ymd(y, a.0, b.0);
                let pick = match (dm, md) {
                    _ if s1 == "." => dm.map(|d| (d, None)),
                    (Some(dm), Some(md)) if dm != md => Some((dm, Some(md))),
                    (Some(d), _) | (None, Some(d)) => Some((d, None)),
                    (None, None) => None,
                };
                found = pick.map(|(d, alt)| (d, alt, t2.start));
            }
        }
        if found.is_none()
            && let Some(y) = year(&t0.lower)
            && text_date_sep(s1)
            && text_date_sep(s2)
        {
            if let (Some(d), Some(m)) = (day(&t2.lower, false), month(&t1.lower)) {
                found = ymd(y, m, d).map(|date| (date, None, t2.start));
            } else if let (Some(m), Some(d)) = (month(&t2.lower), day(&t1.lower, false)) {
                found = ymd(y, m, d).map(|date| (date, None, t2.start));
            } else if self.ring_len >= 4
                && t2.lower == "of"
                && t2.joined
                && let Some(m) = month(&t1.lower)
                && let t3 = self.tok(3)
                && let Some(d) = day(&t3.lower, false)
                && text_date_sep(&self.text[t3.end..t2.start])
            {
                found = ymd(y, m, d).map(|date| (date, None, t3.start));
            }
        }
        if let Some((date, alt, start)) = found {
            let hit = DateHit {
                date,
                alt,
                start,
                end: t0.end,
                page: t0.page,
            };
            self.dates.add(hit);
            self.facts.date = true;
        }
    }

    /// Tracks runs of capitalised words (a person's name on a signature line);
    /// signature and customer words (`self.hits` of this token) never count.
    fn person_name(&mut self) {
        let cur = self.tok(0);
        let word = &self.text[cur.start..cur.end];
        let mut chars = word.chars();
        let name_like = !cur.long
            && chars.next().is_some_and(|c| fold(c) != c)
            && word.chars().count() >= 2
            && word.chars().all(is_letter)
            && chars.any(|c| fold(c) == c)
            && !listed(LABELS, &cur.lower)
            && !self
                .hits
                .iter()
                .any(|(kind, _)| matches!(kind, Kind::Ack | Kind::CustomerWord));
        let continues = self.ring_len >= 2 && cur.joined && self.tok(1).line == cur.line;
        self.person_run = match (name_like, continues) {
            (false, _) => 0,
            (true, true) => self.person_run.saturating_add(1),
            (true, false) => 1,
        };
        if self.person_run >= 2 {
            self.facts.person = true;
        }
    }

    /// Settles the signature words of the finished line (and of the line
    /// before it, which waited for this one).
    fn finish_line(&mut self) {
        let mut facts = mem::take(&mut self.facts);
        if !facts.any {
            return;
        }
        for hit in mem::take(&mut self.pending) {
            if facts.page == hit.page
                && facts.line <= hit.line + 3
                && let Some(why) = facts.context(None)
            {
                self.ack_found(&hit, why, "next line");
            } else {
                self.ack_unsure(
                    &hit,
                    "signature word without a name, date or customer nearby",
                );
            }
        }
        for hit in mem::take(&mut facts.acks) {
            if hit.blank {
                self.ack_unsure(&hit, "blank signature field");
            } else if hit.pending {
                self.ack_unsure(&hit, "signature still to be given");
            } else if let Some(why) = facts.context(Some(&hit)) {
                self.ack_found(&hit, why, "same line");
            } else {
                self.pending.push(hit);
            }
        }
    }

    /// The signature word as written, folded and collapsed.
    fn ack_word(&self, hit: &AckHit) -> String {
        let raw = self.text.get(hit.start..hit.end).unwrap_or("");
        collapse(raw, 40).0.chars().map(fold).collect()
    }

    fn ack_found(&mut self, hit: &AckHit, why: &str, place: &str) {
        self.ack_found += 1;
        if self.ack_found_evidence.len() < EVIDENCE_CAP {
            let note = format!("\"{}\" with {why} on the {place}", self.ack_word(hit));
            let ev = self.evidence(hit.start, hit.end, hit.page, note);
            self.ack_found_evidence.push(ev);
        }
    }

    fn ack_unsure(&mut self, hit: &AckHit, why: &str) {
        self.ack_unsure += 1;
        if self.ack_unsure_evidence.len() < EVIDENCE_CAP {
            let note = format!("\"{}\": {why}", self.ack_word(hit));
            let ev = self.evidence(hit.start, hit.end, hit.page, note);
            self.ack_unsure_evidence.push(ev);
        }
    }

    // -----------------------------------------------------------------------
    // Verdicts

    fn acknowledgement(&self) -> (CheckStatus, Vec<Evidence>) {
        if self.ack_found > 0 {
            (CheckStatus::Found, self.ack_found_evidence.clone())
        } else if self.ack_unsure > 0 {
            (CheckStatus::Unsure, self.ack_unsure_evidence.clone())
        } else {
            (
                CheckStatus::Missing,
                vec![Evidence::note(
                    "no signature or acknowledgement wording found",
                )],
            )
        }
    }

    fn products(&self) -> (CheckStatus, Vec<Evidence>) {
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

    fn activities(&self) -> (CheckStatus, Vec<Evidence>) {
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

    fn names(&self, claim: &Claim) -> (CheckStatus, Vec<Evidence>) {
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

    fn dates(&self, rules: &DateRules) -> (CheckStatus, Vec<Evidence>) {
        let day_month = self.dates.verdict(0, rules.cutoff);
        let month_day = self.dates.verdict(1, rules.cutoff);
        let (status, hit, note) = match day_month {
            _ if mem::discriminant(&day_month) != mem::discriminant(&month_day) => {
                let Some(a) = self.dates.ambiguous else {
                    return (CheckStatus::Unsure, vec![Evidence::note("ambiguous dates")]);
                };
                let md = a.alt.unwrap_or(a.date);
                let note = format!(
                    "ambiguous date: {} (day/month) or {md} (month/day) changes the verdict",
                    a.date
                );
                (CheckStatus::Unsure, a, note)
            }
            DateVerdict::None => {
                return (CheckStatus::Missing, vec![Evidence::note("no dates found")]);
            }
            DateVerdict::FutureOnly(f) => {
                let note = format!(
                    "{} ({}): only dates more than a year ahead",
                    f.date,
                    age(f.date, rules)
                );
                (CheckStatus::Unsure, f, note)
            }
            DateVerdict::Old(n) => {
                let note = format!(
                    "newest date {} is older than {} ({})",
                    n.date,
                    plural(i64::from(rules.max_age_months), "month"),
                    age(n.date, rules)
                );
                (CheckStatus::Missing, n, note)
            }
            DateVerdict::Fresh(n) => {
                let note = format!("{} ({})", n.date, age(n.date, rules));
                (CheckStatus::Found, n, note)
            }
        };
        let mut evidence = vec![self.evidence(hit.start, hit.end, hit.page, note)];
        for other in self.dates.top.iter().filter(|t| t.date != hit.date) {
            if evidence.len() >= EVIDENCE_CAP {
                break;
            }
            let mut note = format!("{} ({}", other.date, age(other.date, rules));
            if let Some(md) = other.alt {
                note.push_str(&format!("; or {md} read month/day"));
            }
            note.push(')');
            evidence.push(self.evidence(other.start, other.end, other.page, note));
        }
        (status, evidence)
    }
}

/// A date's age relative to the reference date, e.g. "8 months old" or "3
/// days before the claim".
fn age(d: NaiveDate, rules: &DateRules) -> String {
    let (past, a, b) = if d <= rules.reference {
        (true, d, rules.reference)
    } else {
        (false, rules.reference, d)
    };
    let months = months_between(a, b);
    let amount = if months >= 1 {
        plural(months, "month")
    } else {
        plural((b - a).num_days(), "day")
    };
    let relation = match (past, rules.relative_to_claim) {
        (true, true) => "before the claim",
        (true, false) => "old",
        (false, true) => "after the claim",
        (false, false) => "ahead",
    };
    format!("{amount} {relation}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_dates(text: &str) -> Vec<String> {
        let mut s = Scanner::new(text, &Claim::default(), NaiveDate::MAX);
        s.run();
        s.dates.top.iter().map(|d| d.date.to_string()).collect()
    }

    #[test]
    fn name_cores_drop_legal_suffixes() {
        assert_eq!(name_core("Contoso Ltd."), "contoso");
        assert_eq!(
            name_core("Wide World Importers AB (publ)"),
            "wideworldimporters"
        );
        assert_eq!(name_core("Fabrikam A/S"), "fabrikam");
        assert_eq!(name_core("Northwind Pty Ltd"), "northwind");
        assert_eq!(name_core("AB Volvo"), "volvo");
        assert_eq!(name_core("Åkerlund & Rausing AB"), "åkerlundrausing");
        assert_eq!(name_core("AB"), "ab");
        assert_eq!(name_core(""), "");
    }

    #[test]
    fn domain_labels() {
        assert_eq!(domain_label("contoso.com").as_deref(), Some("contoso"));
        assert_eq!(
            domain_label("https://www.wide-world.se/x").as_deref(),
            Some("wideworld")
        );
        assert_eq!(
            domain_label("anna.svensson@fabrikam.com").as_deref(),
            Some("fabrikam")
        );
        assert_eq!(domain_label("Contoso.COM:443").as_deref(), Some("contoso"));
        assert_eq!(domain_label("contoso"), None);
        assert_eq!(domain_label(""), None);
    }

    #[test]
    fn folding_and_word_characters() {
        assert_eq!(normalize("ÅÄÖ åäö ÉÜ ß Œ Ÿ ΣΩ ДЖ Ё"), "åäöåäöéüßœÿσωджё");
        assert_eq!(normalize("A/S, Inc. – “Contoso”™ 😀 x"), "asinccontosox");
        assert_eq!(
            words("Fabrikam\u{a0}Consulting\u{2009}AB"),
            ["fabrikam", "consulting", "ab"]
        );
        // Decomposed letters stay inside one word.
        assert_eq!(words("fo\u{308}rvaltning"), ["fo\u{308}rvaltning"]);
    }

    #[test]
    fn snippets_are_short_and_collapsed() {
        let text = format!(
            "{}  signed\n\n by   Anna {}",
            "x".repeat(100),
            "y".repeat(100)
        );
        let start = text.find("signed").unwrap();
        let s = snippet(&text, start, start + 6);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("signed by Anna"), "{s}");
        assert!(s.chars().count() <= SNIPPET_MAX + 2);
        assert_eq!(snippet("", 0, 0), "");
        assert_eq!(snippet("a\x0Cb signed c\x0Cd", 4, 10), "b signed c");
    }

    #[test]
    fn dates_parse_in_many_shapes() {
        for (text, want) in [
            ("2025-03-14", "2025-03-14"),
            ("2025/3/4", "2025-03-04"),
            ("14.03.2025", "2025-03-14"),
            ("14/03/2025", "2025-03-14"),
            ("03/14/2025", "2025-03-14"),
            ("14 March 2025", "2025-03-14"),
            ("14th of March 2025", "2025-03-14"),
            ("March 14, 2025", "2025-03-14"),
            ("MARCH 14TH, 2025", "2025-03-14"),
            ("Mar 14 2025", "2025-03-14"),
            ("14-Mar-2025", "2025-03-14"),
            ("den 14 mars 2025", "2025-03-14"),
            ("1 maj 2025", "2025-05-01"),
            ("2025-03-14T10:00:00Z", "2025-03-14"),
        ] {
            assert_eq!(scan_dates(text), [want], "{text}");
        }
        for text in [
            "31/02/2025",
            "14 Foo 2025",
            "1.2.3",
            "14 March 1850",
            "2025-13-01",
            "14\nMarch 2025",
            "123/03/2025",
            "14 / 03 / 2025",
        ] {
            assert!(scan_dates(text).is_empty(), "{text}");
        }
        // Newest first, distinct, at most EVIDENCE_CAP.
        let many = (1..=9)
            .map(|d| format!("2025-01-0{d} 2025-01-0{d}"))
            .collect::<Vec<_>>();
        assert_eq!(
            scan_dates(&many.join(" ")),
            [
                "2025-01-09",
                "2025-01-08",
                "2025-01-07",
                "2025-01-06",
                "2025-01-05"
            ]
        );
    }
}
