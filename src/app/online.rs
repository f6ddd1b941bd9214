//! The online directory's lookup in the browser (docs/rules.md#directory): fetches a
//! domain's OpenID discovery document and reads the tenant from its issuer.
//!
//! The URL and the document are the domain's business
//! ([`crate::domain::openid`]); this module only fetches. A relative
//! authority (`./fixtures/openid`) is resolved against the page, as `fetch`
//! does. The request sends no cookies, credentials or referrer, and gives up after
//! [`LOOKUP_TIMEOUT_MS`] where the browser has `AbortSignal.timeout`.
//!
//! Every failure is an [`OpenIdError`] whose `message` tells the user to
//! enter the tenant ID by hand: a fetch that rejects (offline, refused,
//! blocked by CORS) is [`OpenIdError::Network`], an answer outside 2xx is
//! [`OpenIdError::Status`] (400 from Microsoft: unknown domain), and a body
//! that is not a discovery document is [`OpenIdError::BadDocument`].

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, ReferrerPolicy, Request, RequestCredentials, RequestInit, RequestMode, Response,
};

use crate::domain::openid::{DocumentError, OpenIdError, discovery_url, tenant_from_discovery};

/// How long a lookup may take before it fails with [`OpenIdError::Timeout`].
pub const LOOKUP_TIMEOUT_MS: u32 = 15_000;

/// The canonical tenant GUID of `ascii_domain`, from the discovery document
/// at `{authority}/{domain}/v2.0/.well-known/openid-configuration`.
pub async fn lookup_tenant(authority: &str, ascii_domain: &str) -> Result<String, OpenIdError> {
    let url = discovery_url(authority, ascii_domain)?;
    lookup_tenant_at(&url).await
}

/// The canonical tenant GUID from the discovery document at `url` (any URL
/// `fetch` accepts, resolved against the page).
pub async fn lookup_tenant_at(url: &str) -> Result<String, OpenIdError> {
    let body = fetch_text(url).await?;
    tenant_from_discovery(&body)
}

/// GETs `url` and reads the body of a 2xx answer as text.
async fn fetch_text(url: &str) -> Result<String, OpenIdError> {
    let window = web_sys::window().ok_or_else(|| OpenIdError::Network(String::new()))?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    // Not even the page's origin goes to the directory.
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    if let Some(signal) = timeout_signal(LOOKUP_TIMEOUT_MS) {
        init.set_signal(Some(&signal));
    }
    let request = Request::new_with_str_and_init(url, &init)
        .map_err(|_| OpenIdError::BadAuthority(url.to_string()))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(fetch_error)?
        .dyn_into()
        .map_err(fetch_error)?;
    if !response.ok() {
        return Err(OpenIdError::Status(response.status()));
    }
    let text = JsFuture::from(response.text().map_err(fetch_error)?)
        .await
        .map_err(fetch_error)?;
    text.as_string()
        .ok_or(OpenIdError::BadDocument(DocumentError::NotJson))
}

/// `AbortSignal.timeout(ms)` where the browser has it (Chromium 103,
/// Firefox 100, Safari 16), so an unanswered request does not hang.
fn timeout_signal(ms: u32) -> Option<AbortSignal> {
    let class = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("AbortSignal")).ok()?;
    let has = js_sys::Reflect::has(&class, &JsValue::from_str("timeout")).unwrap_or(false);
    has.then(|| AbortSignal::timeout_with_u32(ms))
}

/// A rejected fetch or body read: [`OpenIdError::Timeout`] for the timeout
/// signal, else [`OpenIdError::Network`] with the browser's message.
fn fetch_error(e: JsValue) -> OpenIdError {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) if err.name() == "TimeoutError" => OpenIdError::Timeout,
        Some(err) => OpenIdError::Network(String::from(err.message())),
        None => OpenIdError::Network(e.as_string().unwrap_or_default()),
    }
}
