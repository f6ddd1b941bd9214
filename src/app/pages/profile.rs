//! The profile screen: partner organisation, user and role (docs/rules.md#roles).

use crate::i18n::msg;
use leptos::prelude::*;

use crate::app::route::{Route, navigate, use_hash_route_signal};
use crate::app::state::{Profile, use_app};
use crate::domain::partners::{demo_partners, partner};
use crate::domain::roles::UserRole;

#[component]
pub fn ProfilePage(#[prop(optional)] first_time: bool) -> impl IntoView {
    let state = use_app();
    let locale = state.locale;
    let current = state.profile.get_untracked();
    let org = RwSignal::new(
        current
            .as_ref()
            .map(|p| p.org_id.clone())
            .unwrap_or_else(|| demo_partners()[0].id.clone()),
    );
    let user = RwSignal::new(current.as_ref().map(|p| p.user.clone()).unwrap_or_else(|| {
        demo_partners()[0]
            .users
            .first()
            .cloned()
            .unwrap_or_default()
    }));
    let role = RwSignal::new(
        current
            .as_ref()
            .map(|p| p.role)
            .unwrap_or(UserRole::IncentivesAdmin),
    );
    let user_error = RwSignal::new(false);
    let route = use_hash_route_signal();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = user.get_untracked().trim().to_string();
        if name.is_empty() {
            user_error.set(true);
            return;
        }
        user_error.set(false);
        state.set_profile(Profile {
            org_id: org.get_untracked(),
            user: name,
            role: role.get_untracked(),
        });
        // Stay on the page the user asked for; from the profile page go to the claims.
        match route.map(|r| r.get_untracked()) {
            Some(Route::Profile) | None => navigate(&Route::Claims),
            Some(_) => {}
        }
    };

    view! {
        <section class="card profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{move || msg::profile(locale.get())}</h2>
            {first_time
                .then(|| {
                    view! {
                        <p class="lead">
                            {move || {
                                msg::profile_choose_who_you_are_before_working(locale.get())
                            }}
                        </p>
                    }
                })}
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="profile-org">
                        {move || msg::partner_organisation(locale.get())}
                    </label>
                    <select
                        id="profile-org"
                        prop:value=move || org.get()
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            if let Some(p) = partner(&id) {
                                let known = p.users.contains(&user.get_untracked());
                                if !known || user.get_untracked().trim().is_empty() {
                                    user.set(p.users.first().cloned().unwrap_or_default());
                                }
                            }
                            org.set(id);
                        }
                    >
                        {demo_partners()
                            .iter()
                            .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="profile-user">{move || msg::profile_your_name(locale.get())}</label>
                    <input
                        id="profile-user"
                        type="text"
                        autocomplete="name"
                        list="profile-users"
                        aria-invalid=move || if user_error.get() { "true" } else { "false" }
                        aria-describedby="profile-user-error"
                        prop:value=move || user.get()
                        on:input=move |ev| user.set(event_target_value(&ev))
                    />
                    <datalist id="profile-users">
                        {move || {
                            partner(&org.get())
                                .map(|p| {
                                    p.users
                                        .iter()
                                        .map(|u| view! { <option value=u.clone()></option> })
                                        .collect_view()
                                })
                        }}
                    </datalist>
                    <ul class="findings" id="profile-user-error" aria-live="polite">
                        {move || {
                            user_error
                                .get()
                                .then(|| {
                                    view! {
                                        <li class="finding error">
                                            {msg::profile_enter_your_name(locale.get())}
                                        </li>
                                    }
                                })
                        }}
                    </ul>
                </div>
                <div class="field">
                    <label for="profile-role">{move || msg::profile_role(locale.get())}</label>
                    <select
                        id="profile-role"
                        aria-describedby="profile-role-help"
                        prop:value=move || role.get().id()
                        on:change=move |ev| {
                            if let Some(r) = UserRole::from_id(&event_target_value(&ev)) {
                                role.set(r);
                            }
                        }
                    >
                        {move || {
                            let loc = locale.get();
                            UserRole::ALL
                                .iter()
                                .map(|r| view! { <option value=r.id()>{r.label(loc)}</option> })
                                .collect_view()
                        }}
                    </select>
                    <p class="help" id="profile-role-help">
                        {move || {
                            if role.get().can_edit_claims() {
                                msg::profile_this_role_may_view_create_edit(locale.get())
                            } else {
                                msg::profile_this_role_may_only_view_claims(locale.get())
                            }
                        }}
                    </p>
                </div>
                <button type="submit">{move || msg::profile_use_this_profile(locale.get())}</button>
            </form>
        </section>
    }
}
