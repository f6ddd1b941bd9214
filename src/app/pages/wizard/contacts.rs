//! Step 6: contacts and claim name.

use leptos::prelude::*;

use super::WizardForm;
use crate::domain::wizard::TextField;
use crate::i18n::msg;

/// Step 6: the customer contact, the partner contact and the claim name.
pub(super) fn step(w: WizardForm) -> impl IntoView {
    let locale = w.locale;
    view! {
        <fieldset>
            <legend>{move || msg::customer_contact(locale.get())}</legend>
            {w.text_input(TextField::CustomerContactName)}
            {w.text_input(TextField::CustomerContactEmail)}
            {w.text_input(TextField::CustomerContactPhone)}
        </fieldset>
        <fieldset>
            <legend>{move || msg::partner_contact(locale.get())}</legend>
            <p class="help">
                {move || {
                    msg::wizard_the_partner_contact_is_named_in(locale.get())
                }}
            </p>
            {w.text_input(TextField::PartnerContactName)}
            {w.text_input(TextField::PartnerContactEmail)}
            {w.text_input(TextField::PartnerContactPhone)}
        </fieldset>
        {w.text_input(TextField::ClaimName)}
    }
}
