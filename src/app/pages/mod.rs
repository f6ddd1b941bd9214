//! One file per page; [`render`] picks the page of a route.

pub mod claim;
pub mod claims;
pub mod claims_bulk;
pub mod help;
pub mod inbox;
pub mod notices;
pub mod profile;
pub mod review;
pub mod settings;
pub mod settings_data;
pub mod sync_settings;
pub mod wizard;

use crate::i18n::msg;
use leptos::prelude::*;

use super::route::Route;
use super::state::use_app;

/// The page `route` shows: the profile page for a partner page while no
/// profile is chosen (the navigation marks that page as current).
pub fn shown(route: &Route, has_profile: bool) -> Route {
    let needs_profile = matches!(route, Route::Claims | Route::NewClaim | Route::Claim(_));
    if needs_profile && !has_profile {
        Route::Profile
    } else {
        route.clone()
    }
}

/// The page for `route`. Partner pages ask for a profile first.
pub fn render(route: Route) -> AnyView {
    let state = use_app();
    let has_profile = state.profile.with_untracked(Option::is_some);
    if shown(&route, has_profile) != route {
        return view! { <profile::ProfilePage first_time=true /> }.into_any();
    }
    match route {
        Route::Profile => view! { <profile::ProfilePage first_time=false /> }.into_any(),
        Route::Claims => view! { <claims::ClaimsPage /> }.into_any(),
        Route::NewClaim => view! { <wizard::WizardPage /> }.into_any(),
        Route::Claim(id) => view! { <claim::ClaimPage id=id /> }.into_any(),
        Route::Review => view! { <review::ReviewPage /> }.into_any(),
        Route::Inbox => view! { <inbox::InboxPage /> }.into_any(),
        Route::Settings => view! { <settings::SettingsPage /> }.into_any(),
        Route::Notices => view! { <notices::NoticesPage /> }.into_any(),
        Route::Help => view! { <help::HelpPage /> }.into_any(),
        Route::NotFound(path) => {
            let locale = state.locale;
            view! {
                <section class="card">
                    <h2>{move || msg::pages_page_not_found(locale.get())}</h2>
                    <p>
                        <code>{path.clone()}</code>
                        " "
                        <a href=Route::Claims.href()>
                            {move || msg::go_to_your_claims(locale.get())}
                        </a>
                    </p>
                </section>
            }
            .into_any()
        }
    }
}
