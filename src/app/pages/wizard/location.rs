//! Step 2: partner location.

use leptos::prelude::*;

use super::WizardForm;
use crate::app::components::findings::FindingList;
use crate::app::state::use_app;
use crate::i18n::msg;

/// Step 2: the partner location, from the profile's organisation
/// (optionally only those enrolled in incentives: turning that on clears a
/// chosen location that is not).
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let state = use_app();
    let locale = w.locale;
    let only_enrolled = RwSignal::new(false);
    let findings = Signal::derive(move || w.shown("partnerLocation"));
    let current = move || w.draft.with(|d| d.claim.partner_location.clone());
    view! {
        <div class="field">
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || only_enrolled.get()
                    on:change=move |ev| {
                        let only = event_target_checked(&ev);
                        only_enrolled.set(only);
                        // A location the filter hides is no longer chosen.
                        let hidden = only && state.profile.with_untracked(|p| {
                            p.as_ref().and_then(|p| p.org()).is_some_and(|o| {
                                let cur = w.draft.with_untracked(|d| d.claim.partner_location.clone());
                                o.locations.iter().any(|l| l.mpn_id == cur && !l.enrolled)
                            })
                        });
                        if hidden {
                            w.edit(|d| d.choose_location(String::new()));
                        }
                    }
                />
                {move || {
                    msg::wizard_show_only_locations_enrolled_in_incentives(locale.get())
                }}
            </label>
        </div>
        <div class="field">
            <label for="w-location">
                {move || msg::partner_location_mpn_id(locale.get())}
            </label>
            <select
                id="w-location"
                data-field="partnerLocation"
                aria-describedby="w-location-findings"
                prop:value=current
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    w.edit(|d| d.choose_location(v));
                    w.touch("partnerLocation");
                }
            >
                <option value="">{move || msg::choose(locale.get())}</option>
                {move || {
                    let loc = locale.get();
                    let cur = current();
                    let only = only_enrolled.get();
                    state
                        .profile
                        .get()
                        .and_then(|p| p.org())
                        .map(|o| {
                            o.locations
                                .iter()
                                .filter(|l| !only || l.enrolled)
                                .map(|l| {
                                    let text = format!(
                                        "{} – {} ({}){}",
                                        l.mpn_id,
                                        l.name,
                                        l.country,
                                        if l.enrolled {
                                            ""
                                        } else {
                                            msg::wizard_not_enrolled(loc)
                                        },
                                    );
                                    view! {
                                        <option value=l.mpn_id.clone() selected=cur == l.mpn_id>
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </select>
            <FindingList id="w-location-findings" findings=findings locale=locale />
        </div>
    }
}
