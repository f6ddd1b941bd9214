//! The claims dashboard: every claim of the partner organisation
//! with search, filters, sortable columns, a "Needs attention" view, counts
//! per status, and pages of [`PAGE_SIZE`] rows, so it stays instant with
//! 100,000 claims: a row is prepared once per claim revision and day
//! (`AppState::dashboard_rows`, `domain::dashboard::RowCache`), a keystroke
//! only re-runs the selection (over the rows shown while the partner types
//! on, `domain::dashboard::Selection`), and only the rows of the current
//! page are in the DOM.

use crate::i18n::msg;
use leptos::prelude::*;
use std::sync::Arc;

use crate::app::components::quick_check::QuickCheck;
use crate::app::components::status_badge::status_badge;
use crate::app::pages::claims_bulk::BulkTools;
use crate::app::route::{Route, current_params, replace_params};
use crate::app::state::use_app;
use crate::domain::catalog::Catalog;
use crate::domain::claim::Status;
use crate::domain::dashboard::{
    Attention, Query, Row, Selection, SortKey, attention_count, mark_sync, mark_sync_shared,
    status_counts,
};
use crate::domain::finding::Locale;
use crate::domain::partners::partner;
use crate::i18n::format_date;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// The dashboard's rows, compared by identity: a new list is a change (the
/// rows themselves are not compared one by one).
#[derive(Clone)]
struct Rows(Arc<Vec<Arc<Row>>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn attention_label(a: Attention, locale: Locale) -> &'static str {
    match a {
        Attention::ActionRequired => msg::claims_action_required(locale),
        Attention::Overdue => msg::claims_overdue(locale),
        Attention::DueSoon => msg::claims_due_soon(locale),
        Attention::DisputeClosing => msg::claims_dispute_window_closing(locale),
        Attention::SyncConflict => msg::sync_conflict_tag(locale),
    }
}

fn sort_label(key: SortKey, locale: Locale) -> &'static str {
    match key {
        SortKey::Name => msg::claim_name(locale),
        SortKey::Customer => msg::customer(locale),
        SortKey::Domain => msg::claims_domain(locale),
        SortKey::Products => msg::products(locale),
        SortKey::Status => msg::claims_status(locale),
        SortKey::Location => msg::claims_location(locale),
        SortKey::Deadline => msg::claims_next_deadline(locale),
        SortKey::Created => msg::created(locale),
    }
}

/// The columns shown, in order.
const COLUMNS: &[SortKey] = &[
    SortKey::Name,
    SortKey::Customer,
    SortKey::Products,
    SortKey::Status,
    SortKey::Location,
    SortKey::Deadline,
    SortKey::Created,
];

#[component]
pub fn ClaimsPage() -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    // Team sync's marks change more often than the claims: rows are
    // rebuilt only when the conflicts change; "not sent yet" is marked on
    // the visible page.
    let conflicts = Memo::new(move |_| {
        state
            .sync_conflicts
            .with(|cs| cs.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    let unsent = Memo::new(move |_| state.sync_view().unsent);
    // The rows come from the state's row cache (built once per claim
    // revision); a keystroke only re-runs the selection, over the rows the
    // last one showed while the partner types on (`Selection::next`), and
    // a change of the list sorts only the changed rows.
    let rows = Memo::new(move |_| {
        let mut rows = state.dashboard_rows();
        conflicts.with(|c| mark_sync_shared(&mut rows, &[], c));
        Rows(Arc::new(rows))
    });
    // The view (query and page) comes from the address and goes back into
    // it, so it can be bookmarked and shared, and Back restores it.
    let (first_query, first_page) = Query::from_params(&current_params());
    let query = RwSignal::new(first_query.clone());
    // The page chosen, with the query it was chosen for: another query
    // starts on its first page.
    let paged = RwSignal::new((first_query, first_page - 1));
    let selection = Memo::new(move |prev: Option<&(Rows, Selection)>| {
        let rows = rows.get();
        let t = crate::app::state::perf_now();
        query.with(|q| {
            let next = match prev {
                Some((before, sel)) if Arc::ptr_eq(&before.0, &rows.0) => {
                    sel.next(&rows.0, q, true)
                }
                // The list changed (a pulled batch, another tab's save):
                // the kept selection is carried over, only the changed
                // rows sorted (`Selection::next_over`).
                Some((before, sel)) => sel.next_over(&before.0, &rows.0, q),
                None => Selection::new(&rows.0, q),
            };
            if prev.is_none() {
                // For scripts/bench: the first selection (a full sort).
                crate::app::state::perf_mark(&format!(
                    "cpor:dashboard-phase:first selection:{}",
                    crate::i18n::one_decimal(crate::app::state::perf_now() - t)
                ));
            }
            (rows, next)
        })
    });
    let selected = Memo::new(move |_| selection.with(|(_, s)| s.indices.clone()));
    let total = Memo::new(move |_| selected.with(|s| s.len()));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE_SIZE).max(1));
    let page = Memo::new(move |_| {
        let chosen = paged.with(|(q, p)| query.with(|cur| if cur == q { *p } else { 0 }));
        chosen.min(pages.get() - 1)
    });
    let set_page = move |p: usize| paged.set((query.get_untracked(), p));
    Effect::new(move |_| {
        let params = query.with(|q| q.to_params(page.get() + 1));
        let here = window().location().hash().unwrap_or_default();
        if Route::parse(&here) == Route::Claims && params != current_params() {
            replace_params(&Route::Claims, &params);
        }
    });
    // A link to another view of the list (the address bar, Back/Forward
    // between two views) while the list is open.
    let from_address = window_event_listener(leptos::ev::hashchange, move |_| {
        let here = window().location().hash().unwrap_or_default();
        if Route::parse(&here) != Route::Claims {
            return;
        }
        let (q, p) = Query::from_params(&current_params());
        if query.with_untracked(|cur| *cur != q) {
            query.set(q.clone());
        }
        paged.set((q, p - 1));
    });
    on_cleanup(move || from_address.remove());
    let visible = Memo::new(move |_| {
        let start = page.get() * PAGE_SIZE;
        let mut page_rows = rows.with(|r| {
            selected.with(|s| {
                s.iter()
                    .skip(start)
                    .take(PAGE_SIZE)
                    .map(|&i| Row::clone(&r.0[i]))
                    .collect::<Vec<Row>>()
            })
        });
        let conflicts = conflicts.get();
        unsent.with(|u| mark_sync(&mut page_rows, u, &conflicts));
        page_rows
    });
    let counts = Memo::new(move |_| rows.with(|r| status_counts(&r.0)));
    let attention = Memo::new(move |_| rows.with(|r| attention_count(&r.0)));
    let has_claims = Memo::new(move |_| rows.with(|r| !r.0.is_empty()));
    let can_create = move || {
        state
            .profile
            .with(|p| p.as_ref().is_some_and(|p| p.role.can_edit_claims()))
    };
    let set = move |f: &dyn Fn(&mut Query)| query.update(|q| f(q));
    // For scripts/bench: the first time rows are on the screen.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let shown = visible.with(|v| !v.is_empty());
        if shown {
            crate::app::state::perf_mark("cpor:dashboard");
        }
        shown
    });

    view! {
        <section class="card" aria-labelledby="claims-title">
            <div class="card-head">
                <h2 id="claims-title">{move || msg::your_claims(locale.get())}</h2>
                <Show when=can_create>
                    <a class="button" href=Route::NewClaim.href()>
                        {move || msg::new_claim(locale.get())}
                    </a>
                </Show>
            </div>
            <Show
                when=move || has_claims.get()
                fallback=move || {
                    view! {
                        <p class="empty">
                            {move || {
                                msg::claims_no_claims_yet_start_one_with(locale.get())
                            }}
                        </p>
                    }
                }
            >
                <StatusCounts counts=counts attention=attention query=query />
                <BulkTools ids=Callback::new(move |()| {
                    rows.with_untracked(|r| selected.with_untracked(|s| s.iter().map(|&i| r.0[i].id().to_string()).collect()))
                }) />
                <Filters query=query />
                <p class="result-count" role="status" aria-live="polite">
                    {move || {
                        let n = total.get();
                        let start = page.get() * PAGE_SIZE;
                        msg::claims_showing(locale.get(), n, start + 1, (start + PAGE_SIZE).min(n))
                    }}
                </p>
                <div class="table-scroll">
                    <table class="claims-table stack">
                        <thead>
                            <tr>
                                {COLUMNS
                                    .iter()
                                    .map(|&key| {
                                        let sort = move || {
                                            query.with(|q| {
                                                if q.sort != key {
                                                    "none"
                                                } else if q.descending {
                                                    "descending"
                                                } else {
                                                    "ascending"
                                                }
                                            })
                                        };
                                        view! {
                                            <th scope="col" aria-sort=sort>
                                                <button
                                                    type="button"
                                                    class="sort"
                                                    on:click=move |_| {
                                                        set(&|q| {
                                                            if q.sort == key {
                                                                q.descending = !q.descending;
                                                            } else {
                                                                q.sort = key;
                                                                q.descending = false;
                                                            }
                                                        })
                                                    }
                                                >
                                                    {move || sort_label(key, locale.get())}
                                                    <span aria-hidden="true" class="sort-mark">
                                                        {move || match sort() {
                                                            "ascending" => " ▲",
                                                            "descending" => " ▼",
                                                            _ => "",
                                                        }}
                                                    </span>
                                                </button>
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let locale = locale.get();
                                view! {
                                    <For each=move || visible.get() key=|r| (r.id().to_string(), r.revision, r.status, r.business_days_left, r.attention.clone(), r.competing, r.unsent) let:row>
                                        {claim_row(row, locale)}
                                    </For>
                                }
                            }}
                        </tbody>
                    </table>
                </div>
                <nav class="pager" aria-label=move || msg::claims_pages(locale.get())>
                    <button type="button" disabled=move || page.get() == 0 on:click=move |_| set_page(page.get_untracked().saturating_sub(1))>
                        {move || msg::claims_previous_page(locale.get())}
                    </button>
                    <span>
                        {move || msg::claims_page_of(locale.get(), page.get() + 1, pages.get())}
                    </span>
                    <button type="button" disabled=move || { page.get() + 1 >= pages.get() } on:click=move |_| set_page(page.get_untracked() + 1)>
                        {move || msg::claims_next_page(locale.get())}
                    </button>
                </nav>
            </Show>
        </section>
        <QuickCheck locale=locale />
    }
}

/// Counts per status (each a filter button) and the "Needs attention" view.
#[component]
fn StatusCounts(
    counts: Memo<Vec<(Status, usize)>>,
    attention: Memo<usize>,
    query: RwSignal<Query>,
) -> impl IntoView {
    let locale = use_app().locale;
    view! {
        <div class="status-counts" role="group" aria-label=move || msg::claims_by_status(locale.get())>
            <button
                type="button"
                class="count attention"
                aria-pressed=move || query.with(|q| q.needs_attention).to_string()
                on:click=move |_| query.update(|q| q.needs_attention = !q.needs_attention)
            >
                {move || msg::claims_needs_attention(locale.get())}
                " "
                <strong>{move || attention.get()}</strong>
            </button>
            {move || {
                counts
                    .get()
                    .into_iter()
                    .map(|(status, n)| {
                        view! {
                            <button
                                type="button"
                                class=format!("count status-{}", status.id())
                                data-status=status.id()
                                aria-pressed=move || (query.with(|q| q.status == Some(status))).to_string()
                                on:click=move |_| {
                                    query
                                        .update(|q| {
                                            q.status = if q.status == Some(status) { None } else { Some(status) };
                                        })
                                }
                            >
                                {move || status.label(locale.get())}
                                " "
                                <strong>{n}</strong>
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// Search and filters.
#[component]
fn Filters(query: RwSignal<Query>) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let catalog = Catalog::builtin();
    let org = move || state.profile.with(|p| p.as_ref().map(|p| p.org_id.clone()));
    let opt = |v: String| if v.is_empty() { None } else { Some(v) };
    view! {
        <div class="filters">
            <div class="field search">
                <label for="claims-search">{move || msg::claims_search_claims(locale.get())}</label>
                <input
                    id="claims-search"
                    type="search"
                    aria-describedby="claims-search-hint"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.update(|q| q.text = text);
                    }
                />
                <p class="hint" id="claims-search-hint">
                    {move || msg::claims_claim_name_customer_domain_tenant_id(locale.get())}
                </p>
            </div>
            <div class="field">
                <label for="filter-status">{move || msg::claims_status(locale.get())}</label>
                <select id="filter-status" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.status = Status::ALL.iter().copied().find(|s| s.id() == v));
                }>
                    <option value="" selected=move || query.with(|q| q.status.is_none())>{move || msg::claims_any(locale.get())}</option>
                    {Status::ALL.iter().map(|&s| view! {
                        <option value=s.id() selected=move || query.with(|q| q.status == Some(s))>{move || s.label(locale.get())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-area">{move || msg::solution_area(locale.get())}</label>
                <select id="filter-area" on:change=move |ev| { let v = opt(event_target_value(&ev)); query.update(|q| q.area = v); }>
                    <option value="" selected=move || query.with(|q| q.area.is_none())>{move || msg::claims_any(locale.get())}</option>
                    {catalog.solution_areas.iter().map(|a| {
                        let id = a.id.clone();
                        let is = a.id.clone();
                        view! { <option value=id selected=move || query.with(|q| q.area.as_ref() == Some(&is))>{move || a.name.get(locale.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-role">{move || msg::partner_role(locale.get())}</label>
                <select id="filter-role" on:change=move |ev| { let v = opt(event_target_value(&ev)); query.update(|q| q.role = v); }>
                    <option value="" selected=move || query.with(|q| q.role.is_none())>{move || msg::claims_any(locale.get())}</option>
                    {catalog.roles.iter().map(|r| {
                        let id = r.id.clone();
                        let is = r.id.clone();
                        view! { <option value=id selected=move || query.with(|q| q.role.as_ref() == Some(&is))>{move || r.name.get(locale.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-location">{move || msg::partner_location(locale.get())}</label>
                <select id="filter-location" on:change=move |ev| { let v = opt(event_target_value(&ev)); query.update(|q| q.location = v); }>
                    <option value="" selected=move || query.with(|q| q.location.is_none())>{move || msg::claims_any(locale.get())}</option>
                    {move || {
                        org()
                            .and_then(|o| partner(&o))
                            .map(|p| {
                                p.locations.iter().map(|l| {
                                    let label = format!("{} ({})", l.name, l.mpn_id);
                                    let is = l.mpn_id.clone();
                                    view! { <option value=l.mpn_id.clone() selected=move || query.with(|q| q.location.as_ref() == Some(&is))>{label}</option> }
                                }).collect_view()
                            })
                    }}
                </select>
            </div>
            <div class="field">
                <label for="filter-due">{move || msg::claims_due_within(locale.get())}</label>
                <select id="filter-due" on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<i64>().ok();
                    query.update(|q| q.due_within = v);
                }>
                    <option value="" selected=move || query.with(|q| q.due_within.is_none())>{move || msg::claims_any_time(locale.get())}</option>
                    {[2i64, 5, 10, 20].into_iter().map(|n| view! {
                        <option value=n.to_string() selected=move || query.with(|q| q.due_within == Some(n))>{move || msg::claims_business_days(locale.get(), n as usize)}</option>
                    }).collect_view()}
                </select>
            </div>
            // The column headers sort on a wide screen; a phone shows the
            // rows as cards without them, so it sorts here.
            <div class="field phone-only">
                <label for="claims-sort">{move || msg::claims_sort_by(locale.get())}</label>
                <select id="claims-sort" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.sort = SortKey::from_id(&v).unwrap_or_default());
                }>
                    {COLUMNS.iter().map(|&key| view! {
                        <option value=key.id() selected=move || query.with(|q| q.sort == key)>{move || sort_label(key, locale.get())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field check-field phone-only">
                <input
                    id="claims-sort-descending"
                    type="checkbox"
                    prop:checked=move || query.with(|q| q.descending)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        query.update(|q| q.descending = on);
                    }
                />
                <label for="claims-sort-descending">{move || msg::claims_sort_descending(locale.get())}</label>
            </div>
            <div class="field check-field">
                <input
                    id="filter-competing"
                    type="checkbox"
                    prop:checked=move || query.with(|q| q.competing_only)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        query.update(|q| q.competing_only = on);
                    }
                />
                <label for="filter-competing">{move || msg::claims_competing_only(locale.get())}</label>
            </div>
        </div>
    }
}

/// One row of the table, in the page's language of the moment: its texts
/// are plain, not reactive (a keystroke that shows 50 new rows would
/// otherwise make and drop hundreds of effects); the list builds its rows
/// again when the language changes.
fn claim_row(row: Row, locale: Locale) -> impl IntoView {
    let name = if row.name().trim().is_empty() {
        row.id().to_string()
    } else {
        row.name().to_string()
    };
    let href = Route::Claim(row.id().to_string()).href();
    let products = row.products.join(", ");
    let created = row.created.map(|c| format_date(c.date_naive(), locale));
    let label = |key: SortKey| sort_label(key, locale);
    view! {
        <tr data-claim=row.id().to_string()>
            <th scope="row" class="claim-name"><a href=href>{name}</a></th>
            <td data-label=label(SortKey::Customer)>{row.customer().to_string()}<br /><span class="muted">{row.domain().to_string()}</span></td>
            <td data-label=label(SortKey::Products)>{products}</td>
            <td data-label=label(SortKey::Status)>
                {status_badge(row.status, locale)}
                {row.competing.then(|| view! {
                    <span class="tag warning">{msg::claims_competing(locale)}</span>
                })}
                {row.attention.iter().map(|&a| view! {
                    <span class="tag attention" data-attention=format!("{a:?}")>{attention_label(a, locale)}</span>
                }).collect_view()}
                {row.unsent.then(|| view! {
                    <span class="tag unsent">{msg::sync_not_sent(locale)}</span>
                })}
            </td>
            <td data-label=label(SortKey::Location)>{row.location().to_string()}</td>
            <td data-label=label(SortKey::Deadline) class:empty-cell=row.deadline.is_none()>
                {row.deadline.clone().map(|d| {
                    let class = if d.is_overdue() { "overdue" } else { "" };
                    view! {
                        <span class=class>
                            {format!("{}: {} ({})", d.kind.label(locale), format_date(d.due, locale), d.describe(locale))}
                        </span>
                    }
                })}
            </td>
            <td data-label=label(SortKey::Created)>{created}</td>
        </tr>
    }
}
