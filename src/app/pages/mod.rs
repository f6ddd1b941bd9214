//! One file per page; [`render`] picks the page of a route. The pages
//! declared with `split_page!` are loaded on demand in the split build
//! ([`crate::app::lazy`]); the claims list and the profile page, the first
//! pages a partner sees, are in the first load.

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

use super::lazy::{page, split_page};
use super::route::Route;
use super::state::use_app;

split_page!(fn wizard_page() in page_wizard, preload preload_wizard => view! { <wizard::WizardPage /> });
split_page!(fn claim_page(id: String) in page_claim, preload preload_claim => view! { <claim::ClaimPage id=id /> });
split_page!(fn review_page() in page_review, preload preload_review => view! { <review::ReviewPage /> });
split_page!(fn inbox_page() in page_inbox, preload preload_inbox => view! { <inbox::InboxPage /> });
split_page!(fn settings_page() in page_settings, preload preload_settings => view! { <settings::SettingsPage /> });
split_page!(fn notices_page() in page_notices, preload preload_notices => view! { <notices::NoticesPage /> });
split_page!(fn help_page() in page_help, preload preload_help => view! { <help::HelpPage /> });

/// After the first page is shown: fetches the chunks of the pages a partner
/// opens next (a claim, a new claim, then the rest), one after the other,
/// so that navigating stays instant. A chunk that fails here is fetched
/// again when its page is opened. (Nothing to do without the split build.)
pub fn preload_next_pages() {
    #[cfg(wasm_split)]
    leptos::task::spawn_local(async {
        // Errors are ignored: the page's own load retries and reports.
        claims_bulk::preload().await;
        let _ = preload_claim().await;
        let _ = preload_wizard().await;
        crate::app::precheck::preload().await;
        let _ = preload_settings().await;
        let _ = preload_notices().await;
        let _ = preload_help().await;
        let _ = preload_review().await;
        let _ = preload_inbox().await;
    });
}

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
        Route::NewClaim => page!(wizard_page()),
        Route::Claim(id) => page!(claim_page(id)),
        Route::Review => page!(review_page()),
        Route::Inbox => page!(inbox_page()),
        Route::Settings => page!(settings_page()),
        Route::Notices => page!(notices_page()),
        Route::Help => page!(help_page()),
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
