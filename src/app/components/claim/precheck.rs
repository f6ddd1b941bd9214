//! The PoE pre-check on the claim page (docs/rules.md#poe): per document a status line
//! and per checklist item the verdict (found / not found / unsure) with its
//! evidence; above them a summary of the claim's items and of the
//! `request_info` reasons a reviewer would likely give. Reports come from
//! [`PoeChecker`]; these components only render them.

use crate::i18n::msg;
use leptos::prelude::*;

use crate::app::components::findings::TechnicalDetails;
use crate::app::precheck::use_poe_checker;
use crate::domain::claim::{ChecklistItem, Claim};
use crate::domain::finding::Locale;
use crate::domain::poe::CheckStatus;
use crate::domain::poe::precheck::{Limited, Met, Precheck};

/// The verdict's words (always text, never colour alone).
pub fn status_text(status: CheckStatus, locale: Locale) -> &'static str {
    match status {
        CheckStatus::Found => msg::precheck_found(locale),
        CheckStatus::Missing => msg::precheck_not_found(locale),
        CheckStatus::Unsure => msg::precheck_unsure(locale),
    }
}

fn met_text(met: Met, locale: Locale) -> &'static str {
    match met {
        Met::Ticked => msg::precheck_ticked_by_you(locale),
        Met::Found => msg::precheck_found(locale),
        Met::Unsure => msg::precheck_unsure(locale),
        Met::Missing => msg::precheck_not_found(locale),
        Met::Unknown => msg::precheck_check_by_hand(locale),
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

/// "Only the first 2,000 of 100,000 pages were checked."
fn limited_text(limited: Option<Limited>, locale: Locale) -> String {
    match limited {
        Some(Limited::Pages { checked, total }) => {
            format!(" {}", msg::precheck_limited_pages(locale, checked, total))
        }
        Some(Limited::Text { .. }) => format!(" {}", msg::precheck_limited_text(locale)),
        None => String::new(),
    }
}

/// The words for what the pre-check did with a document. A reader's
/// technical error is not part of them: see [`outcome_detail`].
pub fn outcome_text(report: &Precheck, locale: Locale) -> String {
    match report {
        Precheck::Checked { pages, limited, .. } => {
            msg::precheck_checked_pages(locale, *pages as usize) + &limited_text(*limited, locale)
        }
        Precheck::NoText { image: true, .. } => {
            msg::precheck_this_is_a_picture_so_there(locale).to_string()
        }
        Precheck::NoText { limited, .. } => {
            msg::precheck_no_text_found_in_this_document(locale).to_string()
                + &limited_text(*limited, locale)
        }
        Precheck::NotRead { code, .. } => match code.as_str() {
            "encrypted" => msg::precheck_this_pdf_is_password_protected_so(locale).to_string(),
            "corrupt" => msg::precheck_the_file_looks_damaged_or_incomplete(locale).to_string(),
            "missing" => msg::precheck_the_document_s_file_is_not(locale).to_string(),
            "timeout" => msg::precheck_took_too_long(locale).to_string(),
            "unsupported" => msg::precheck_only_pdf_docx_and_txt_documents(locale).to_string(),
            _ => msg::precheck_the_pre_check_stopped_on_this(locale).to_string(),
        },
    }
}

/// The reader's own words about a document it could not read ("failed
/// parsing cross reference table…", in English, from the PDF or ZIP
/// reader), shown behind a "Technical details" toggle for support.
pub fn outcome_detail(report: &Precheck) -> Option<&str> {
    match report {
        Precheck::NotRead { code, detail }
            if !matches!(code.as_str(), "encrypted" | "missing") && !detail.trim().is_empty() =>
        {
            Some(detail.as_str())
        }
        _ => None,
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
                        {msg::precheck_checking_the_documents(loc)}
                    </p>
                }
                .into_any();
            }
            // Unclear names have no reviewer's reason of their own: named
            // as such, never as another reason.
            let names = (!s.without_reason.is_empty()).then(|| {
                view! { <p class="precheck-names">{msg::precheck_names_unclear(loc)}</p> }
            });
            if s.reasons.is_empty() {
                let all_met = s
                    .items
                    .iter()
                    .all(|(_, m)| matches!(m, Met::Found | Met::Ticked));
                if names.is_some() {
                    return names.into_any();
                }
                let text = if all_met {
                    msg::precheck_every_checklist_item_is_met_a(loc)
                } else {
                    msg::precheck_nothing_could_be_pre_checked_tick(loc)
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
                    {msg::precheck_before_you_submit_a_reviewer_would(loc)}
                </p>
                <ul class="likely-reasons">{items}</ul>
                {names}
            }
            .into_any()
        })
    };
    let unread = move || {
        let n = summary.with(|s| s.unread);
        (n > 0).then(|| {
            let text = msg::precheck_unread_documents(locale.get(), n);
            view! { <p class="note">{text}</p> }
        })
    };
    view! {
        <div class="precheck-summary" data-testid="precheck-summary">
            <h4>{move || msg::precheck_pre_check_summary(locale.get())}</h4>
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
                        {msg::precheck_checking_the_document(loc)}
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
                let detail = outcome_detail(&report)
                    .map(|d| view! { <TechnicalDetails detail=d.to_string() /> });
                Some(
                    view! {
                        <p class=class>{outcome_text(&report, loc)}</p>
                        {detail}
                    }
                    .into_any(),
                )
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
                let page = e.page.map(|p| msg::precheck_on_page(loc, p));
                let snippet = (!e.snippet.is_empty()).then(|| view! { " " <q>{e.snippet}</q> });
                let note = e.note.text(loc);
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
                let lead = msg::precheck_pre_check_a_reviewer_would_likely(loc);
                let tail = msg::precheck_see_the_poe_checklist_below(loc);
                view! { <p class="hint precheck-hint">{format!("{lead}: {list}. {tail}")}</p> }
            })
        })
    }
}
