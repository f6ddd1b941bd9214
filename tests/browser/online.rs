//! The online directory's fetch in headless Chromium.
//!
//! wasm-bindgen-test-runner serves, besides its own files, the directory it
//! runs in: cargo starts it in the package root, so the e2e fixtures are at
//! `/tests/e2e/fixtures/openid` on the test page's origin and the whole path
//! (URL building, relative authority, fetch, status, parsing) runs against
//! them. `data:` URLs feed [`lookup_tenant_at`] documents of any shape.

use cpor_desk::app::online::{lookup_tenant, lookup_tenant_at};
use cpor_desk::domain::finding::Locale;
use cpor_desk::domain::openid::{DocumentError, OpenIdError};
use wasm_bindgen_test::*;

use crate::support::{CONTOSO, CONTOSO_DOMAIN, FABRIKAM};

const FIXTURES: &str = "/tests/e2e/fixtures/openid";

fn data_url(mime: &str, body: &str) -> String {
    format!(
        "data:{mime},{}",
        String::from(js_sys::encode_uri_component(body))
    )
}

#[wasm_bindgen_test]
async fn looks_up_the_fixture_tenants() {
    assert_eq!(
        lookup_tenant(FIXTURES, CONTOSO_DOMAIN).await,
        Ok(CONTOSO.to_string())
    );
    // Relative to the page, trailing slash, any case and a root dot.
    assert_eq!(
        lookup_tenant("./tests/e2e/fixtures/openid/", "Fabrikam.COM.").await,
        Ok(FABRIKAM.to_string())
    );
}

#[wasm_bindgen_test]
async fn a_domain_without_a_document_is_an_http_status() {
    let e = lookup_tenant(FIXTURES, "example.org").await.unwrap_err();
    assert_eq!(e, OpenIdError::Status(404));
    assert!(
        e.message(Locale::En).contains("HTTP status 404"),
        "{}",
        e.message(Locale::En)
    );
}

#[wasm_bindgen_test]
async fn documents_from_data_urls() {
    let doc = format!(
        r#"{{"issuer":"https://login.microsoftonline.com/{}/v2.0","token_endpoint":"x"}}"#,
        CONTOSO.to_uppercase()
    );
    assert_eq!(
        lookup_tenant_at(&data_url("application/json", &doc)).await,
        Ok(CONTOSO.to_string())
    );
    let v1 = format!(r#"{{"issuer":"https://sts.windows.net/{FABRIKAM}/"}}"#);
    assert_eq!(
        lookup_tenant_at(&data_url("application/json", &v1)).await,
        Ok(FABRIKAM.to_string())
    );
    assert_eq!(
        lookup_tenant_at(&data_url("text/html", "<!doctype html><p>Sign in")).await,
        Err(OpenIdError::BadDocument(DocumentError::NotJson))
    );
    assert_eq!(
        lookup_tenant_at(&data_url(
            "application/json",
            r#"{"error":"invalid_tenant"}"#
        ))
        .await,
        Err(OpenIdError::BadDocument(DocumentError::NoIssuer))
    );
    assert_eq!(
        lookup_tenant_at(&data_url(
            "application/json",
            r#"{"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0"}"#
        ))
        .await,
        Err(OpenIdError::BadDocument(DocumentError::NoTenant))
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_directory_is_a_network_error() {
    let e = lookup_tenant("http://127.0.0.1:9/", CONTOSO_DOMAIN)
        .await
        .unwrap_err();
    // Chromium rejects with `TypeError: Failed to fetch`.
    assert!(
        matches!(&e, OpenIdError::Network(m) if !m.is_empty()),
        "{e:?}"
    );
    let sv = e.message(Locale::Sv);
    assert!(sv.contains("Ange klient-ID:t för hand"), "{sv}");
}

#[wasm_bindgen_test]
async fn bad_authorities_and_domains_are_refused_before_any_fetch() {
    assert_eq!(
        lookup_tenant("javascript:alert(1)", CONTOSO_DOMAIN).await,
        Err(OpenIdError::BadAuthority("javascript:alert(1)".into()))
    );
    assert_eq!(
        lookup_tenant("", CONTOSO_DOMAIN).await,
        Err(OpenIdError::BadAuthority(String::new()))
    );
    assert_eq!(
        lookup_tenant(FIXTURES, "contoso").await,
        Err(OpenIdError::BadDomain("contoso".into()))
    );
}
