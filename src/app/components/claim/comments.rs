//! The partner ↔ reviewer comments thread and "Add a comment" (`Event::Comment`).

use crate::i18n::msg;
use leptos::prelude::*;

use super::{ActionError, actor_text, format_datetime, send_event};
use crate::app::state::{AppError, use_app};
use crate::domain::catalog::product_name;
use crate::domain::claim::{Claim, CommentNote, Status};
use crate::domain::finding::Locale;
use crate::domain::roles::Actor;
use crate::domain::status::Event;

/// A note from Microsoft in the reader's language.
pub fn comment_note_text(note: &CommentNote, locale: Locale) -> String {
    match note {
        CommentNote::CompetingReview => msg::comment_note_competing_review(locale).to_string(),
        CommentNote::AssociationEnded { products } => msg::comment_note_association_ended(
            locale,
            products
                .iter()
                .map(|p| product_name(p))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

/// The thread of `claim`, and a comment form when `actor` may comment.
/// `prefix` keeps element ids unique when several threads share a page.
#[component]
pub fn CommentsThread(
    #[prop(into)] claim: Signal<Claim>,
    #[prop(into)] actor: Signal<Option<Actor>>,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let input_id = format!("{prefix}-comment");
    let err_id = format!("{prefix}-comment-findings");
    let may_comment = move || {
        actor.with(|a| {
            a.as_ref().is_some_and(|a| {
                claim.with(|c| state.allows(c, &Event::Comment { text: "-".into() }, a))
            })
        })
    };
    let add = move |_| {
        let Some(a) = actor.get_untracked() else {
            return;
        };
        let id = claim.with_untracked(|c| c.id.clone());
        send_event(
            id,
            Event::Comment {
                text: text.get_untracked(),
            },
            a,
            None,
            error,
            move |_| text.set(String::new()),
        );
    };
    let (input_id2, err_id2) = (input_id.clone(), err_id.clone());
    view! {
        <div class="comments">
            {move || {
                let loc = locale.get();
                let comments = claim.with(|c| c.comments.clone());
                if comments.is_empty() {
                    return view! { <p class="empty">{msg::comments_no_comments_yet(loc)}</p> }
                        .into_any();
                }
                view! {
                    <ol class="comment-list">
                        {comments
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li class=if c.actor.is_partner() { "comment partner" } else { "comment" }>
                                        <p class="comment-meta">
                                            <span class="actor">{actor_text(&c.actor, loc)}</span>
                                            " · "
                                            <time datetime=c.at.to_rfc3339()>{format_datetime(c.at, loc)}</time>
                                        </p>
                                        <p class="comment-text">
                                            {match &c.note {
                                                Some(note) => comment_note_text(note, loc),
                                                None => c.text.clone(),
                                            }}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <Show when=may_comment>
                <Show when=move || {
                    claim.with(|c| c.status == Status::PartnerActionRequired)
                        && actor.with(|a| a.as_ref().is_some_and(Actor::is_partner))
                }>
                    <p class="hint comment-not-a-response">
                        {move || msg::comments_a_comment_is_not_a_response(locale.get())}
                    </p>
                </Show>
                <div class="field">
                    <label for=input_id2.clone()>{move || msg::comments_add_a_comment(locale.get())}</label>
                    <textarea
                        id=input_id2.clone()
                        rows="3"
                        aria-describedby=err_id2.clone()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button
                    type="button"
                    disabled=move || text.with(|t| t.trim().is_empty())
                    on:click=add
                >
                    {move || msg::comments_add_comment(locale.get())}
                </button>
                <ActionError id=err_id2.clone() error=error />
            </Show>
        </div>
    }
}
