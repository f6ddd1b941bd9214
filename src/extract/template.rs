//! "Download PoE template" (docs/rules.md#poe): a DOCX statement of work pre-filled
//! with the claim's partner, customer, tenant, products, activities and
//! dates, with sign-off blocks for both sides.
//!
//! The template is written so that the pre-check finds every item except
//! `acknowledgement`, which stays *unsure* while the sign-off lines are blank
//! (`Signature: ____`) and becomes *found* once the customer's lines are
//! filled in. No sentence of the template puts a signature word next to a
//! name or date by itself (no "acknowledgement" heading, no "by signing
//! below").
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::claim::{Claim, ProductLine};
//! use cpor_desk::domain::document::{DocKind, check_document};
//! use cpor_desk::domain::finding::Locale;
//! use cpor_desk::extract::template::{poe_template, template_file_name};
//!
//! let mut claim = Claim::default();
//! claim.name = "Contoso Sales rollout".into();
//! claim.products = vec![ProductLine::new("d365_sales")];
//! let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
//! let docx = poe_template(&claim, Locale::En, today);
//! assert_eq!(check_document("documents", "t.docx", &docx).unwrap(), DocKind::Docx);
//! assert_eq!(template_file_name(&claim, Locale::En), "PoE template - Contoso Sales rollout.docx");
//! ```

use crate::i18n::msg;
use std::io::{Cursor, Write};

use chrono::NaiveDate;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::domain::catalog::Catalog;
use crate::domain::claim::Claim;
use crate::domain::finding::Locale;

/// The file name offered for the download: the claim name with characters
/// that file systems refuse replaced.
pub fn template_file_name(claim: &Claim, locale: Locale) -> String {
    let name: String = claim
        .name
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let name = name.trim();
    let stem = msg::template_file_stem(locale);
    if name.is_empty() {
        format!("{stem}.docx")
    } else {
        format!("{stem} - {name}.docx")
    }
}

/// The template as DOCX bytes, in `locale`, dated `today`.
pub fn poe_template(claim: &Claim, locale: Locale, today: NaiveDate) -> Vec<u8> {
    let body = body(claim, locale, today);
    let title = xml_escape(text(locale).title);
    package(&document_xml(&body), &title, today)
}

/// The fixed wording, per language.
struct Wording {
    title: &'static str,
    parties: &'static str,
    partner: &'static str,
    location: &'static str,
    partner_contact: &'static str,
    customer: &'static str,
    domain: &'static str,
    tenant: &'static str,
    customer_contact: &'static str,
    claim: &'static str,
    role: &'static str,
    products: &'static str,
    subscription: &'static str,
    activities: &'static str,
    details: &'static str,
    dates: &'static str,
    document_date: &'static str,
    claim_created: &'static str,
    work_start: &'static str,
    go_live: &'static str,
    sign_off: &'static str,
    signature: &'static str,
    name: &'static str,
    date: &'static str,
    not_set: &'static str,
}

fn text(locale: Locale) -> Wording {
    Wording {
        title: msg::template_title(locale),
        parties: msg::template_parties(locale),
        partner: msg::template_partner(locale),
        location: msg::template_location(locale),
        partner_contact: msg::template_partner_contact(locale),
        customer: msg::template_customer(locale),
        domain: msg::template_domain(locale),
        tenant: msg::template_tenant(locale),
        customer_contact: msg::template_customer_contact(locale),
        claim: msg::template_claim(locale),
        role: msg::template_role(locale),
        products: msg::template_products(locale),
        subscription: msg::template_subscription(locale),
        activities: msg::template_activities(locale),
        details: msg::template_details(locale),
        dates: msg::template_dates(locale),
        document_date: msg::template_document_date(locale),
        claim_created: msg::template_claim_created(locale),
        work_start: msg::template_work_start(locale),
        go_live: msg::template_go_live(locale),
        sign_off: msg::template_sign_off(locale),
        signature: msg::template_signature(locale),
        name: msg::template_name(locale),
        date: msg::template_date(locale),
        not_set: msg::template_not_set(locale),
    }
}

/// One block of the document.
enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Bullet(String),
    /// Label / value rows.
    Table(Vec<(String, String)>),
}

fn body(claim: &Claim, locale: Locale, today: NaiveDate) -> Vec<Block> {
    let w = text(locale);
    let catalog = Catalog::builtin();
    let or_unset = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            w.not_set.to_string()
        } else {
            s.to_string()
        }
    };
    let partner = or_unset(&claim.partner_org.name);
    let customer = or_unset(&claim.customer_name);
    let product_names: Vec<String> = claim
        .products
        .iter()
        .map(|p| {
            catalog
                .product(&p.product)
                .map_or_else(|| p.product.clone(), |c| c.name.clone())
        })
        .collect();
    let products_joined = match product_names.as_slice() {
        [] => w.not_set.to_string(),
        [one] => one.clone(),
        [init @ .., last] => {
            format!("{} {} {last}", init.join(", "), msg::template_and(locale))
        }
    };
    let contact = |c: &crate::domain::claim::Contact| {
        let mut s = or_unset(&c.name);
        if !c.email.trim().is_empty() {
            s.push_str(&format!(", {}", c.email.trim()));
        }
        s
    };
    let role = claim
        .partner_role
        .as_deref()
        .and_then(|r| catalog.role(r))
        .map_or_else(|| w.not_set.to_string(), |r| r.name.get(locale).to_string());

    let mut blocks = vec![
        Block::Title(w.title.to_string()),
        Block::Para(msg::template_intro(
            locale,
            &partner,
            &customer,
            or_unset(&claim.name),
        )),
        Block::Heading(w.parties.to_string()),
        Block::Table(vec![
            (w.partner.into(), partner.clone()),
            (w.location.into(), or_unset(&claim.partner_location)),
            (w.partner_contact.into(), contact(&claim.partner_contact)),
            (w.customer.into(), customer.clone()),
            (w.domain.into(), or_unset(&claim.customer_domain)),
            (w.tenant.into(), or_unset(&claim.tenant_id)),
            (w.customer_contact.into(), contact(&claim.customer_contact)),
            (w.claim.into(), or_unset(&claim.name)),
            (w.role.into(), role),
        ]),
        Block::Heading(w.products.to_string()),
    ];
    if product_names.is_empty() {
        blocks.push(Block::Bullet(w.not_set.to_string()));
    }
    for (line, name) in claim.products.iter().zip(&product_names) {
        match &line.subscription_id {
            Some(sub) if !sub.trim().is_empty() => {
                blocks.push(Block::Bullet(format!(
                    "{name} ({} {})",
                    w.subscription,
                    sub.trim()
                )));
            }
            _ => blocks.push(Block::Bullet(name.clone())),
        }
    }
    blocks.extend([
        Block::Heading(w.activities.to_string()),
        Block::Para(msg::template_activity(
            locale,
            &partner,
            &products_joined,
            &customer,
        )),
        Block::Para(w.details.to_string()),
        Block::Heading(w.dates.to_string()),
        Block::Table(vec![
            (w.document_date.into(), today.to_string()),
            (
                w.claim_created.into(),
                claim
                    .created_at
                    .map_or_else(|| w.not_set.to_string(), |t| t.date_naive().to_string()),
            ),
            (w.work_start.into(), "____________________".into()),
            (w.go_live.into(), "____________________".into()),
        ]),
        Block::Heading(w.sign_off.to_string()),
        Block::Para(msg::template_confirm(locale, &customer, &partner)),
    ]);
    for (side, who) in [(w.customer, &customer), (w.partner, &partner)] {
        blocks.push(Block::Para(String::new()));
        blocks.push(Block::Para(format!("{side}: {who}")));
        for label in [w.signature, w.name, w.date] {
            blocks.push(Block::Para(format!(
                "{label}: ______________________________"
            )));
        }
    }
    blocks
}

/// Text that is safe inside XML: escaped, and without the characters XML
/// 1.0 does not allow (control characters, U+FFFE, U+FFFF).
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        xml_escape(text)
    )
}

fn paragraph(style: Option<&str>, text: &str) -> String {
    let props = style.map_or_else(String::new, |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    format!("<w:p>{props}{}</w:p>", run(text))
}

fn document_xml(blocks: &[Block]) -> String {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => body.push_str(&paragraph(Some("Title"), t)),
            Block::Heading(t) => body.push_str(&paragraph(Some("Heading1"), t)),
            Block::Para(t) => body.push_str(&paragraph(None, t)),
            Block::Bullet(t) => {
                body.push_str(&paragraph(Some("ListBullet"), &format!("\u{2022} {t}")))
            }
            Block::Table(rows) => {
                body.push_str(concat!(
                    r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>"#,
                    r#"<w:tblGrid><w:gridCol w:w="3200"/><w:gridCol w:w="6400"/></w:tblGrid>"#
                ));
                for (label, value) in rows {
                    body.push_str(&format!(
                        r#"<w:tr><w:tc><w:tcPr><w:tcW w:w="3200" w:type="dxa"/></w:tcPr>{}</w:tc><w:tc><w:tcPr><w:tcW w:w="6400" w:type="dxa"/></w:tcPr>{}</w:tc></w:tr>"#,
                        paragraph(Some("Label"), label),
                        paragraph(None, value)
                    ));
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}"#,
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#,
            "</w:body></w:document>"
        ),
        body
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    "</Relationships>"
);

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="300" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Label"><w:name w:val="Label"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>"#,
    "</w:styles>"
);

fn core_xml(title: &str, today: NaiveDate) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>CPOR Desk</dc:creator>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{today}T00:00:00Z</dcterms:created>"#,
            "</cp:coreProperties>"
        ),
        title = title,
        today = today
    )
}

fn package(document: &str, title: &str, today: NaiveDate) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let core = core_xml(title, today);
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("docProps/core.xml", &core),
    ];
    // Writing to memory cannot fail; the expects only guard against a
    // change in the zip crate.
    for (name, content) in parts {
        zip.start_file(name, options).expect("zip entry in memory");
        zip.write_all(content.as_bytes())
            .expect("zip write in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::claim::ProductLine;
    use crate::domain::poe::{CheckStatus, poe_checklist};
    use crate::domain::policy::Policy;
    use crate::extract::docx_text;

    fn claim() -> Claim {
        let mut c = Claim {
            name: "Contoso <Sales> & \u{1}rollout".into(),
            customer_name: "Contoso Ltd".into(),
            customer_domain: "contoso.com".into(),
            partner_role: Some("build_intent_advisor".into()),
            products: vec![
                ProductLine::new("d365_sales"),
                ProductLine::new("d365_customer_service"),
            ],
            created_at: Some(chrono::Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap()),
            ..Claim::default()
        };
        c.partner_org.name = "Northwind Traders".into();
        c
    }

    #[test]
    fn escapes_user_text_and_names_the_file() {
        let xml = document_xml(&body(&claim(), Locale::En, NaiveDate::MIN));
        assert!(xml.contains("Contoso &lt;Sales&gt; &amp; rollout"), "{xml}");
        assert!(!xml.contains('\u{1}'));
        let mut c = claim();
        c.name = "a/b:c".into();
        assert_eq!(template_file_name(&c, Locale::Sv), "PoE-mall - a_b_c.docx");
        c.name = "  ".into();
        assert_eq!(template_file_name(&c, Locale::En), "PoE template.docx");
    }

    #[test]
    fn blank_template_is_complete_but_for_the_sign_off() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for locale in [Locale::En, Locale::Sv] {
            let bytes = poe_template(&claim(), locale, today);
            let text = docx_text(&bytes).unwrap().text;
            let results = poe_checklist(&text, &claim(), today, &Policy::default());
            let statuses: Vec<_> = results.iter().map(|r| (r.item.id(), r.status)).collect();
            assert_eq!(
                statuses,
                [
                    ("acknowledgement", CheckStatus::Unsure),
                    ("products", CheckStatus::Found),
                    ("activities", CheckStatus::Found),
                    ("names", CheckStatus::Found),
                    ("dates", CheckStatus::Found),
                ],
                "{locale:?}:\n{text}"
            );
        }
    }
}
