//! The PoE pre-check on the claim page (SPEC §7): per document a status line
//! and per checklist item the verdict (found / not found / unsure) with its
//! evidence; above them a summary of the claim's items and of the
//! `request_info` reasons a reviewer would likely give. Reports come from
//! [`PoeChecker`]; these components only render them.

use leptos::prelude::*;

use crate::app::i18n::tr;
use crate::app::precheck::use_poe_checker;
use crate::domain::claim::{ChecklistItem, Claim};
use crate::domain::finding::Locale;
use crate::domain::poe::CheckStatus;
use crate::domain::poe_notes::note_in;
use crate::domain::precheck::{Met, Precheck};

/// The verdict's words (always text, never colour alone).
pub fn status_text(status: CheckStatus, locale: Locale) -> &'static str {
    match status {
        CheckStatus::Found => tr(locale, "Found", "Hittat"),
        CheckStatus::Missing => tr(locale, "Not found", "Hittades inte"),
        CheckStatus::Unsure => tr(locale, "Unsure", "Osäkert"),
    }
}

fn met_text(met: Met, locale: Locale) -> &'static str {
    match met {
        Met::Ticked => tr(locale, "Ticked by you", "Markerat av dig"),
        Met::Found => tr(locale, "Found", "Hittat"),
        Met::Unsure => tr(locale, "Unsure", "Osäkert"),
        Met::Missing => tr(locale, "Not found", "Hittades inte"),
        Met::Unknown => tr(locale, "Check by hand", "Kontrollera själv"),
    }
}

fn met_class(met: Met) -> &'static str {
    match met {
        Met::Ticked | Met::Found => "verdict verdict-found",
        Met::Unsure => "verdict verdict-unsure",
        Met::Missing => "verdict verdict-missing",
        Met::Unknown => "verdict verdict-unknown",
    }
}

/// The words for a document that was not analysed.
pub fn outcome_text(report: &Precheck, locale: Locale) -> String {
    match report {
        Precheck::Checked { pages, .. } => match locale {
            Locale::En => format!(
                "Pre-checked in your browser ({pages} {}).",
                if *pages == 1 { "page" } else { "pages" }
            ),
            Locale::Sv => format!(
                "Förhandskontrollerat i din webbläsare ({pages} {}).",
                if *pages == 1 { "sida" } else { "sidor" }
            ),
        },
        Precheck::NoText { image: true, .. } => tr(
            locale,
            "This is a picture, so there is no text to read: check it by hand.",
            "Det här är en bild, så det finns ingen text att läsa: kontrollera den själv.",
        )
        .to_string(),
        Precheck::NoText { .. } => tr(
            locale,
            "No text found in this document (a scanned image?): check it by hand.",
            "Ingen text hittades i dokumentet (en inskannad bild?): kontrollera det själv.",
        )
        .to_string(),
        Precheck::NotRead { code, detail } => match code.as_str() {
            "encrypted" => tr(
                locale,
                "This PDF is password-protected, so it cannot be pre-checked. Check it by hand, and consider uploading a copy without a password: reviewers must be able to open it.",
                "PDF-filen är lösenordsskyddad och kan inte förhandskontrolleras. Kontrollera den själv, och ladda gärna upp en kopia utan lösenord: granskarna måste kunna öppna den.",
            )
            .to_string(),
            "corrupt" => format!(
                "{} ({detail})",
                tr(
                    locale,
                    "The file looks damaged or incomplete, so it cannot be pre-checked. Check that it opens, and upload it again.",
                    "Filen verkar skadad eller ofullständig och kan inte förhandskontrolleras. Kontrollera att den går att öppna och ladda upp den igen.",
                )
            ),
            "missing" => tr(
                locale,
                "The document's file is not stored in this browser (only its entry is), so it cannot be pre-checked.",
                "Dokumentets fil finns inte sparad i den här webbläsaren (bara uppgifterna om den) och kan inte förhandskontrolleras.",
            )
            .to_string(),
            "unsupported" => format!(
                "{} ({detail})",
                tr(
                    locale,
                    "Only PDF, DOCX and TXT documents are pre-checked: tick the items by hand.",
                    "Bara PDF-, DOCX- och TXT-dokument förhandskontrolleras: markera punkterna själv.",
                )
            ),
            _ => format!(
                "{} ({detail})",
                tr(
                    locale,
                    "The pre-check stopped on this document: check it by hand.",
                    "Förhandskontrollen avbröts för det här dokumentet: kontrollera det själv.",
                )
            ),
        },
    }
}

/// The claim-level summary: each item's best verdict, and the likely
/// reasons for "Partner action required".
#[component]
pub fn PrecheckSummary(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let checker = use_poe_checker();
    let locale = crate::app::state::use_app().locale;
    let summary = Memo::new(move |_| claim.with(|c| checker.summary(c)));
    let reasons = move || {
        let loc = locale.get();
        summary.with(|s| {
            if s.pending > 0 {
                return view! {
                    <p role="status">
                        {tr(loc, "Checking the documents…", "Kontrollerar dokumenten…")}
                    </p>
                }
                .into_any();
            }
            if s.reasons.is_empty() {
                let all_met = s.items.iter().all(|(_, m)| matches!(m, Met::Found | Met::Ticked));
                let text = if all_met {
                    tr(
                        loc,
                        "Every checklist item is met: a reviewer would likely not ask for more proof.",
                        "Alla punkter är uppfyllda: en granskare skulle troligen inte begära mer bevis.",
                    )
                } else {
                    tr(
                        loc,
                        "Nothing could be pre-checked: tick the items your documents show.",
                        "Inget kunde förhandskontrolleras: markera det som dina dokument visar.",
                    )
                };
                return view! { <p class="precheck-verdict">{text}</p> }.into_any();
            }
            let items = s
                .reasons
                .iter()
                .map(|r| view! { <li>{r.label(loc)}</li> })
                .collect_view();
            view! {
                <p class="precheck-verdict">
                    {tr(
                        loc,
                        "Before you submit: a reviewer would likely ask for",
                        "Innan du skickar: en granskare skulle troligen begära",
                    )}
                </p>
                <ul class="likely-reasons">{items}</ul>
            }
            .into_any()
        })
    };
    let unread = move || {
        let n = summary.with(|s| s.unread);
        (n > 0).then(|| {
            let text = match locale.get() {
                Locale::En => format!(
                    "{n} {} could not be pre-checked: tick their items by hand.",
                    if n == 1 { "document" } else { "documents" }
                ),
                Locale::Sv => {
                    format!(
                        "{n} dokument kunde inte förhandskontrolleras: markera punkterna själv."
                    )
                }
            };
            view! { <p class="note">{text}</p> }
        })
    };
    view! {
        <div class="precheck-summary" data-testid="precheck-summary">
            <h4>{move || tr(locale.get(), "Pre-check summary", "Sammanfattning av förhandskontrollen")}</h4>
            <ul class="met-items">
                {move || {
                    let loc = locale.get();
                    summary
                        .with(|s| s.items.clone())
                        .into_iter()
                        .map(|(item, met)| {
                            view! {
                                <li data-item=item.id()>
                                    <span class="item-name">{item.label(loc)}</span>
                                    ": "
                                    <span class=met_class(met)>{met_text(met, loc)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {reasons}
            {unread}
        </div>
    }
}

/// A document's pre-check status line (checking / read / not read).
#[component]
pub fn DocPrecheckStatus(#[prop(into)] doc_id: String) -> impl IntoView {
    let checker = use_poe_checker();
    let locale = crate::app::state::use_app().locale;
    move || {
        let loc = locale.get();
        match checker.report(&doc_id) {
            None => None,
            Some(None) => Some(
                view! {
                    <p class="precheck-status" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {tr(loc, "Checking the document…", "Kontrollerar dokumentet…")}
                    </p>
                }
                .into_any(),
            ),
            Some(Some(report)) => {
                let class = if matches!(report, Precheck::Checked { .. }) {
                    "precheck-status"
                } else {
                    "precheck-status precheck-unread"
                };
                Some(view! { <p class=class>{outcome_text(&report, loc)}</p> }.into_any())
            }
        }
    }
}

/// One item's verdict and evidence for one document (nothing while there is
/// no analysed report).
#[component]
pub fn ItemVerdict(#[prop(into)] doc_id: String, item: ChecklistItem) -> impl IntoView {
    let checker = use_poe_checker();
    let locale = crate::app::state::use_app().locale;
    move || {
        let result = checker.result(&doc_id, item)?;
        let loc = locale.get();
        let class = match result.status {
            CheckStatus::Found => "verdict verdict-found",
            CheckStatus::Missing => "verdict verdict-missing",
            CheckStatus::Unsure => "verdict verdict-unsure",
        };
        let evidence = result
            .evidence
            .into_iter()
            .map(|e| {
                let page = e.page.map(|p| match loc {
                    Locale::En => format!(" (page {p})"),
                    Locale::Sv => format!(" (sida {p})"),
                });
                let snippet = (!e.snippet.is_empty()).then(|| view! { " " <q>{e.snippet}</q> });
                let note = note_in(&e.note, loc);
                view! { <li><span class="evidence-note">{note}</span>{page}{snippet}</li> }
            })
            .collect_view();
        Some(view! {
            <span class=class data-status=format!("{:?}", result.status).to_lowercase()>
                {status_text(result.status, loc)}
            </span>
            <ul class="evidence">{evidence}</ul>
        })
    }
}

/// One line next to "Submit claim": the reasons a reviewer would likely
/// give, by the pre-check (nothing while documents are being checked, or
/// when there are none to give, or when the claim needs no PoE).
#[component]
pub fn SubmitPrecheckHint(#[prop(into)] claim: Signal<Claim>) -> impl IntoView {
    let checker = use_poe_checker();
    let locale = crate::app::state::use_app().locale;
    let reasons = Memo::new(move |_| {
        claim.with(|c| {
            if !crate::domain::validate::poe_required(c) || c.documents.is_empty() {
                return Vec::new();
            }
            let s = checker.summary(c);
            if s.pending > 0 { Vec::new() } else { s.reasons }
        })
    });
    move || {
        let loc = locale.get();
        reasons.with(|r| {
            (!r.is_empty()).then(|| {
                let list = r
                    .iter()
                    .map(|x| x.label(loc))
                    .collect::<Vec<_>>()
                    .join(", ");
                let lead = tr(
                    loc,
                    "Pre-check: a reviewer would likely ask for",
                    "Förhandskontroll: en granskare skulle troligen begära",
                );
                let tail = tr(
                    loc,
                    "See the PoE checklist below.",
                    "Se PoE-checklistan nedan.",
                );
                view! { <p class="hint precheck-hint">{format!("{lead}: {list}. {tail}")}</p> }
            })
        })
    }
}
