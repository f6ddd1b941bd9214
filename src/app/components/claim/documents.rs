//! PoE documents (docs/rules.md#poe): the list with download, upload by file picker or
//! drag and drop (checked by size, then by content, before anything is
//! stored), an optional comment per document, and removal where the domain
//! allows it (a draft; a withdrawal in Partner action required), after a
//! confirmation. Where documents cannot be removed or changed, a note says
//! why.

use crate::i18n::msg;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{ActionError, FileFindings, dom_id, format_day, format_size, send_event};
use crate::app::components::confirm::ConfirmDialog;
use crate::app::components::findings::TechnicalDetails;
use crate::app::files::download_bytes;
use crate::app::precheck::use_poe_checker;
use crate::app::state::{AppError, AppState, use_app};
use crate::domain::claim::{Claim, DocumentRef, Status};
use crate::domain::document::{
    DocKind, accept_attribute, check_document, check_document_size_within,
};
use crate::domain::finding::Locale;
use crate::domain::roles::Actor;
use crate::domain::status::Event;
use crate::storage::StoredDocument;

const FIELD: &str = "documents";

/// The documents of `claim`; upload and removal when `actor` may change
/// them. `prefix` keeps element ids unique when several panels share a page.
#[component]
pub fn DocumentsPanel(
    #[prop(into)] claim: Signal<Claim>,
    #[prop(into)] actor: Signal<Option<Actor>>,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let comment = RwSignal::new(String::new());
    let file_findings = RwSignal::new(Vec::<FileFindings>::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let docs = Memo::new(move |_| claim.with(|c| c.documents.clone()));

    let may_add = move || {
        actor.with(|a| {
            a.as_ref().is_some_and(|a| {
                claim.with(|c| {
                    state.allows(
                        c,
                        &Event::AddDocument {
                            document: DocumentRef {
                                id: "probe-document".into(),
                                ..DocumentRef::default()
                            },
                        },
                        a,
                    )
                })
            })
        })
    };

    let handle_files = move |files: Vec<web_sys::File>| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        if files.is_empty() {
            return;
        }
        let claim_id = claim.with_untracked(|c| c.id.clone());
        let note = comment.get_untracked().trim().to_string();
        file_findings.set(Vec::new());
        error.set(None);
        busy.set(true);
        // Each upload takes the state now; they run one after the other.
        let uploads: Vec<_> = files
            .into_iter()
            .map(|file| add_file(claim_id.clone(), a.clone(), file, note.clone()))
            .collect();
        spawn_local(async move {
            let mut refused = Vec::new();
            let mut added = 0;
            for upload in uploads {
                match upload.await {
                    Ok(()) => added += 1,
                    Err(Refusal::Findings(f)) => refused.push(f),
                    Err(Refusal::App(e)) => {
                        error.set(Some(e));
                        break;
                    }
                }
            }
            if added > 0 {
                comment.set(String::new());
            }
            file_findings.set(refused);
            busy.set(false);
        });
    };

    let picker_id = format!("{prefix}-doc-file");
    let comment_id = format!("{prefix}-doc-comment");
    let findings_id = format!("{prefix}-doc-findings");
    let error_id = format!("{prefix}-doc-error");
    let hint_id = format!("{prefix}-doc-hint");

    let upload = {
        let (picker_id, comment_id, findings_id, hint_id) = (
            picker_id.clone(),
            comment_id.clone(),
            findings_id.clone(),
            hint_id.clone(),
        );
        move || {
            let (picker_id, comment_id, findings_id, hint_id) = (
                picker_id.clone(),
                comment_id.clone(),
                findings_id.clone(),
                hint_id.clone(),
            );
            let described = format!("{hint_id} {findings_id}");
            view! {
                <div class="upload">
                    <p class="hint poe-guidance">
                        {move || msg::documents_poe_guidance(locale.get())}
                    </p>
                    <div class="field">
                        <label for=comment_id.clone()>
                            {move || msg::documents_comment_for_the_document_optional(locale.get())}
                        </label>
                        <input
                            id=comment_id
                            type="text"
                            prop:value=move || comment.get()
                            on:input=move |ev| comment.set(event_target_value(&ev))
                        />
                    </div>
                    <div
                        class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
                        on:dragenter=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            dragging.set(true);
                        }
                        on:dragover=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            dragging.set(true);
                        }
                        on:dragleave=move |_| dragging.set(false)
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            dragging.set(false);
                            let files = ev
                                .data_transfer()
                                .and_then(|dt| dt.files())
                                .map(file_list)
                                .unwrap_or_default();
                            handle_files(files);
                        }
                    >
                        <div class="field">
                            <label for=picker_id.clone()>{move || msg::documents_add_poe_document(locale.get())}</label>
                            <input
                                id=picker_id
                                type="file"
                                multiple=true
                                accept=accept_attribute()
                                aria-describedby=described
                                disabled=move || busy.get()
                                on:change=move |ev| {
                                    let Some(input) = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                                        return;
                                    };
                                    let files = input.files().map(file_list).unwrap_or_default();
                                    input.set_value("");
                                    handle_files(files);
                                }
                            />
                        </div>
                        <p class="hint" id=hint_id>
                            {move || {
                                msg::documents_or_drop_files_here_accepted_pdf(locale.get())
                            }}
                        </p>
                        <Show when=move || busy.get()>
                            <p role="status">{move || msg::documents_checking_and_storing(locale.get())}</p>
                        </Show>
                    </div>
                    <ul class="findings" id=findings_id aria-live="polite">
                        {move || {
                            let loc = locale.get();
                            file_findings
                                .get()
                                .into_iter()
                                .flat_map(|ff| {
                                    ff.findings
                                        .into_iter()
                                        .map(move |f| (ff.file.clone(), f))
                                })
                                .map(|(file, f)| {
                                    view! {
                                        <li class="finding error" data-code=f.code.as_str() title=f.code.as_str()>
                                            <strong>{file}": "{msg::documents_error(loc)}": "</strong>
                                            {f.message(loc)}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            }
        }
    };

    // Removing a document asks first (a modal dialog); in Partner action
    // required it is a withdrawal, which the history names.
    let remove_error = RwSignal::new(None::<AppError>);
    let remove_error_id = format!("{prefix}-doc-remove-findings");
    let remove_open = RwSignal::new(false);
    let remove_target = RwSignal::new(None::<(String, String)>);
    let status = Memo::new(move |_| claim.with(|c| c.status));
    let remove = move |()| {
        let (Some(a), Some((id, _))) = (actor.get_untracked(), remove_target.get_untracked())
        else {
            return;
        };
        let claim_id = claim.with_untracked(|c| c.id.clone());
        let bytes_id = id.clone();
        send_event(
            claim_id,
            Event::RemoveDocument { id },
            a,
            None,
            remove_error,
            move |_| {
                spawn_local(async move {
                    if let Some(store) = state.store() {
                        let _ = store.delete_document(&bytes_id).await;
                    }
                });
            },
        );
    };
    let remove_text = Signal::derive(move || {
        let loc = locale.get();
        let name = remove_target.with(|t| t.as_ref().map(|(_, n)| n.clone()).unwrap_or_default());
        if status.get() == Status::PartnerActionRequired {
            msg::documents_withdraw_text(loc, name)
        } else {
            msg::documents_remove_text(loc, name)
        }
    });
    // Why documents cannot be removed (or changed at all) now, for a partner
    // who could change them in another status.
    let partner_here = move || {
        actor.with(|a| {
            a.as_ref().is_some_and(|a| {
                a.is_partner()
                    && claim.with(|c| state.allows(c, &Event::Comment { text: "-".into() }, a))
            })
        })
    };
    let any_removable = move || {
        actor.with(|a| {
            a.as_ref().is_some_and(|a| {
                claim.with(|c| {
                    c.documents.first().is_some_and(|d| {
                        state.allows(c, &Event::RemoveDocument { id: d.id.clone() }, a)
                    })
                })
            })
        })
    };
    let rule_note = move || {
        let loc = locale.get();
        if !partner_here() {
            return None;
        }
        let st = status.get();
        let text = if may_add() {
            match (st, any_removable()) {
                (Status::PartnerActionRequired, _) => msg::documents_withdraw_hint(loc).to_string(),
                (_, true) => return None,
                (_, false) if docs.with(Vec::is_empty) => return None,
                (_, false) => msg::documents_stay_after_submission(loc).to_string(),
            }
        } else {
            msg::documents_locked_in_status(loc, st.label(loc))
        };
        Some(view! { <p class="note documents-rule">{text}</p> })
    };
    let list_prefix = StoredValue::new(prefix.clone());
    view! {
        <div class="documents">
            {rule_note}
            <Show
                when=move || !docs.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || msg::no_documents_yet(locale.get())}</p> }
            >
                <table class="documents-table stack">
                    <thead>
                        <tr>
                            <th scope="col">{move || msg::documents_name(locale.get())}</th>
                            <th scope="col">{move || msg::documents_type(locale.get())}</th>
                            <th scope="col">{move || msg::documents_size(locale.get())}</th>
                            <th scope="col">{move || msg::documents_added(locale.get())}</th>
                            <th scope="col">{move || msg::documents_comment(locale.get())}</th>
                            <th scope="col" class="no-print">{move || msg::documents_actions(locale.get())}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || docs.get() key=|d| d.id.clone() let:doc>
                            {
                                let name_id = dom_id(&format!("{}-docname", list_prefix.get_value()), &doc.id);
                                let doc_id = doc.id.clone();
                                let doc_id2 = doc.id.clone();
                                let doc_name = doc.name.clone();
                                let may_remove = move || {
                                    actor.with(|a| {
                                        a.as_ref().is_some_and(|a| {
                                            claim.with(|c| {
                                                state.allows(c, &Event::RemoveDocument { id: doc_id2.clone() }, a)
                                            })
                                        })
                                    })
                                };
                                let download_error = RwSignal::new(None::<String>);
                                let kind = DocKind::from_id(&doc.kind)
                                    .map(|k| k.id().to_uppercase())
                                    .unwrap_or_else(|| doc.kind.clone());
                                let target = (doc.id.clone(), doc.name.clone());
                                let name_id2 = name_id.clone();
                                let name_id3 = name_id.clone();
                                let comment = doc.comment.clone();
                                let has_comment = !comment.trim().is_empty();
                                view! {
                                    <tr>
                                        <th scope="row" class="doc-name" id=name_id.clone()>{doc.name.clone()}</th>
                                        <td data-label=move || msg::documents_type(locale.get())>{kind}</td>
                                        <td data-label=move || msg::documents_size(locale.get())>{move || format_size(doc.size, locale.get())}</td>
                                        <td data-label=move || msg::documents_added(locale.get())>{move || doc.added_at.map(|at| format_day(at, locale.get())).unwrap_or_default()}</td>
                                        <td data-label=move || msg::documents_comment(locale.get()) class:empty-cell=!has_comment>{comment}</td>
                                        <td class="doc-actions no-print">
                                            <button
                                                type="button"
                                                class="secondary"
                                                aria-describedby=name_id2
                                                on:click=move |_| {
                                                    let saving = download(doc_id.clone(), doc_name.clone());
                                                    download_error.set(None);
                                                    spawn_local(async move {
                                                        if let Err(e) = saving.await {
                                                            download_error.set(Some(e.message(state.locale.get_untracked())));
                                                        }
                                                    });
                                                }
                                            >
                                                {move || msg::download(locale.get())}
                                            </button>
                                            <Show when=may_remove.clone()>
                                                <button
                                                    type="button"
                                                    class="secondary danger"
                                                    aria-describedby=name_id3.clone()
                                                    on:click={
                                                        let target = target.clone();
                                                        move |_| {
                                                            remove_target.set(Some(target.clone()));
                                                            remove_open.set(true);
                                                        }
                                                    }
                                                >
                                                    {move || {
                                                        if status.get() == Status::PartnerActionRequired {
                                                            msg::documents_withdraw(locale.get())
                                                        } else {
                                                            msg::remove(locale.get())
                                                        }
                                                    }}
                                                </button>
                                            </Show>
                                            {move || download_error.get().map(|m| view! { <p class="action-message" role="alert">{m}</p> })}
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
            <ActionError id=remove_error_id error=remove_error />
            <ConfirmDialog
                id=format!("{prefix}-doc-remove")
                open=remove_open
                title=Signal::derive(move || {
                    let loc = locale.get();
                    if status.get() == Status::PartnerActionRequired {
                        msg::documents_withdraw_title(loc).to_string()
                    } else {
                        msg::documents_remove_title(loc).to_string()
                    }
                })
                text=remove_text
                confirm=Signal::derive(move || {
                    let loc = locale.get();
                    if status.get() == Status::PartnerActionRequired {
                        msg::documents_withdraw(loc).to_string()
                    } else {
                        msg::remove(loc).to_string()
                    }
                })
                on_confirm=remove
            />
            <Show when=may_add>{upload()}</Show>
            <ActionError id=error_id.clone() error=error />
            <Show when=may_add>
                <TemplateDownload claim=claim hint_id=format!("{}-template-hint", list_prefix.get_value()) />
            </Show>
        </div>
    }
}

/// The media type of a DOCX file.
const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// "Download PoE template" (docs/rules.md#poe): a DOCX pre-filled with the claim's
/// data, made by the PoE worker, in the UI's language.
#[component]
fn TemplateDownload(#[prop(into)] claim: Signal<Claim>, hint_id: String) -> impl IntoView {
    let state = use_app();
    let checker = use_poe_checker();
    let locale = state.locale;
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let current = claim.get_untracked();
        let loc = locale.get_untracked();
        spawn_local(async move {
            let result = checker
                .template(&current, loc)
                .await
                .and_then(|(bytes, name)| download_bytes(&name, DOCX_TYPE, &bytes));
            if let Err(e) = result {
                failure.set(Some(e.to_string()));
            }
            busy.set(false);
        });
    };
    view! {
        <div class="template">
            <button type="button" on:click=download disabled=move || busy.get() aria-describedby=hint_id.clone()>
                {move || msg::documents_download_poe_template(locale.get())}
            </button>
            <p class="hint" id=hint_id>
                {move || {
                    msg::documents_a_word_document_docx_filled_in(locale.get())
                }}
            </p>
            <Show when=move || busy.get()>
                <p role="status">{move || msg::documents_preparing_the_template(locale.get())}</p>
            </Show>
            {move || {
                failure
                    .get()
                    .map(|detail| {
                        view! {
                            <p class="action-message" role="alert">
                                {msg::documents_the_template_could_not_be_made(locale.get())}
                            </p>
                            <TechnicalDetails detail=detail />
                        }
                    })
            }}
        </div>
    }
}

/// Why a file was not added.
pub(crate) enum Refusal {
    /// The file itself is refused (type, size, empty): nothing was stored.
    Findings(FileFindings),
    /// Reading or storing failed, or the claim refused the document.
    App(AppError),
}

pub(crate) fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Checks one file (size first, then content) and stores its bytes: the
/// document reference to send with an event (`AddDocument`, or a
/// dispute's documents). The state is taken from context when this is
/// called (in the event handler); the work starts when the future is polled.
pub(crate) fn store_file(
    file: web_sys::File,
    comment: String,
) -> impl Future<Output = Result<DocumentRef, Refusal>> {
    let state = use_app();
    async move {
        let name = file.name();
        let size = file.size().max(0.0) as u64;
        let refuse = |findings| {
            Refusal::Findings(FileFindings {
                file: name.clone(),
                findings,
            })
        };
        // The sync server may take less than the app (Cloudant: 10 MB).
        let max = state.max_file_bytes_untracked();
        let size_findings = check_document_size_within(FIELD, &name, size, max);
        if !size_findings.is_empty() {
            return Err(refuse(size_findings));
        }
        let loc = state.locale.get_untracked();
        let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
            Refusal::App(AppError::File(format!(
                "{name}: {}",
                msg::documents_the_file_could_not_be_read(loc)
            )))
        })?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let kind = check_document(FIELD, &name, &bytes).map_err(refuse)?;
        let id = AppState::new_id();
        state
            .put_document(StoredDocument {
                id: id.clone(),
                name: name.clone(),
                media_type: kind.media_type().to_string(),
                bytes,
            })
            .await
            .map_err(Refusal::App)?;
        Ok(DocumentRef {
            id,
            name,
            size,
            kind: kind.id().to_string(),
            comment,
            added_at: Some(state.now_untracked().to_utc()),
            ..DocumentRef::default()
        })
    }
}

/// Removes stored bytes that no claim refers to (after the domain refused
/// the event that would have added them).
pub(crate) async fn drop_stored(state: AppState, ids: Vec<String>) {
    if let Some(store) = state.store() {
        for id in ids {
            let _ = store.delete_document(&id).await;
        }
    }
}

/// Checks and stores one file ([`store_file`]) and adds its reference to
/// the claim.
fn add_file(
    claim_id: String,
    actor: Actor,
    file: web_sys::File,
    comment: String,
) -> impl Future<Output = Result<(), Refusal>> {
    let state = use_app();
    let stored = store_file(file, comment);
    async move {
        let document = stored.await?;
        let id = document.id.clone();
        match state
            .apply(&claim_id, Event::AddDocument { document }, actor, None)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => {
                // A refusal by the domain leaves no orphan bytes behind; a
                // storage failure keeps them for the pending retry.
                if matches!(e, AppError::Transition(_)) {
                    drop_stored(state, vec![id]).await;
                }
                Err(Refusal::App(e))
            }
        }
    }
}

fn js_error(locale: Locale, what: &str) -> AppError {
    AppError::File(format!(
        "{} ({what})",
        msg::documents_the_download_could_not_be_started(locale)
    ))
}

/// Saves a stored document to the user's disk: a Blob, an object URL and a
/// temporary `<a download>`; the URL is revoked afterwards. The state is
/// taken from context when this is called (in the event handler).
fn download(id: String, name: String) -> impl Future<Output = Result<(), AppError>> {
    let state = use_app();
    async move {
        let (id, name) = (id.as_str(), name.as_str());
        let loc = state.locale.get_untracked();
        let doc = state.get_document(id).await?.ok_or_else(|| {
            AppError::File(format!(
                "{name}: {}",
                msg::documents_the_file_s_content_is_not(loc)
            ))
        })?;
        let bytes = js_sys::Uint8Array::from(doc.bytes.as_slice());
        let parts = js_sys::Array::of1(&bytes);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&doc.media_type);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(|_| js_error(loc, "Blob"))?;
        let url =
            web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| js_error(loc, "URL"))?;
        let anchor = document()
            .create_element("a")
            .ok()
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(anchor) = anchor else {
            let _ = web_sys::Url::revoke_object_url(&url);
            return Err(js_error(loc, "a"));
        };
        anchor.set_href(&url);
        anchor.set_download(name);
        let _ = anchor.set_attribute("hidden", "");
        if let Some(body) = document().body() {
            let _ = body.append_child(&anchor);
        }
        anchor.click();
        anchor.remove();
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_secs(2),
        );
        Ok(())
    }
}
