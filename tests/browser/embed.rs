//! The embeddable module's JS API (docs/rules.md#embed-api) in headless Chromium: JS values
//! in, JS values out, errors thrown with a `code`.

use cpor_desk::embed::*;
use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use crate::support::{CONTOSO, CONTOSO_DOMAIN, FABRIKAM};

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn s(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn codes(findings: &JsValue) -> Vec<String> {
    Array::from(findings)
        .iter()
        .map(|f| s(&f, "code"))
        .collect()
}

fn error_code(err: JsValue) -> String {
    assert!(err.is_instance_of::<js_sys::Error>(), "throws an Error");
    s(&err, "code")
}

#[wasm_bindgen_test]
fn validate_field_returns_plain_finding_objects() {
    let out = validate_field("tenantId", "nope".into(), Some(js(r#"{"locale":"sv"}"#))).unwrap();
    assert!(Array::is_array(&out));
    let first = Array::from(&out).get(0);
    assert_eq!(s(&first, "field"), "tenantId");
    assert_eq!(s(&first, "code"), "tenant.format");
    assert_eq!(s(&first, "severity"), "error");
    assert!(s(&first, "message").contains("Klient-ID"));
    let keys: Vec<String> = js_sys::Object::keys(&first.into())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["field", "code", "severity", "message"]);

    let ok = validate_field(
        "tenantId",
        "1D38BBEA-E8D8-407C-9C74-BEE089C92C07".into(),
        None,
    )
    .unwrap();
    assert_eq!(Array::from(&ok).length(), 0);
}

#[wasm_bindgen_test]
fn validate_field_covers_every_field_name() {
    let cases = [
        ("tenantId", "", "tenant.required"),
        ("domain", "contoso", "domain.format"),
        ("subscriptionId", "xyz", "subscription.format"),
        ("mpnId", "12ab", "mpn.format"),
        ("email", "anna@contoso", "email.format"),
        ("claimName", "   ", "claim_name.required"),
    ];
    for (field, value, code) in cases {
        let out = validate_field(field, value.into(), None).unwrap();
        assert_eq!(codes(&out), [code], "{field}");
    }
    // A pasted tenant ID is recognised in the subscription field.
    let out = validate_field(
        "subscriptionId",
        CONTOSO.into(),
        Some(js(
            r#"{"tenantId":"{1D38BBEA-E8D8-407C-9C74-BEE089C92C07}"}"#,
        )),
    )
    .unwrap();
    assert_eq!(codes(&out), ["subscription.is_tenant_id"]);
    // Numbers are read as their digits.
    let out = validate_field("mpnId", JsValue::from_f64(1234567.0), None).unwrap();
    assert!(codes(&out).is_empty());
    let err = validate_field("nope", "x".into(), None).unwrap_err();
    assert_eq!(error_code(err), "input.invalid");
}

#[wasm_bindgen_test]
fn check_tenant_domain_uses_the_demo_directory_by_default() {
    let (contoso, fabrikam) = (CONTOSO, FABRIKAM);
    let ok = check_tenant_domain_js(CONTOSO_DOMAIN.into(), contoso.into(), None, None).unwrap();
    assert!(codes(&ok).is_empty(), "{:?}", codes(&ok));
    let bad = check_tenant_domain_js(
        "https://Contoso.com/about".into(),
        fabrikam.into(),
        None,
        None,
    )
    .unwrap();
    assert_eq!(codes(&bad), ["domain.url", "domain.mismatch"]);
    let unknown = check_tenant_domain_js("example.org".into(), contoso.into(), None, None).unwrap();
    assert_eq!(codes(&unknown), ["domain.unknown"]);
    // A portal can pass its own directory.
    let dir = js(&format!(
        r#"{{"tenants":[{{"id":"{fabrikam}","name":"F","domains":["example.org"]}}]}}"#
    ));
    let mine =
        check_tenant_domain_js("example.org".into(), fabrikam.into(), Some(dir), None).unwrap();
    assert!(codes(&mine).is_empty(), "{:?}", codes(&mine));
}

#[wasm_bindgen_test]
fn normalize_and_canonical_throw_coded_errors() {
    assert_eq!(
        normalize_domain("Bücher.Example".into()).unwrap(),
        "xn--bcher-kva.example"
    );
    assert_eq!(
        normalize_domain("anna@CONTOSO.com".into()).unwrap(),
        "contoso.com"
    );
    assert_eq!(
        error_code(normalize_domain("".into()).unwrap_err()),
        "domain.required"
    );
    assert_eq!(
        error_code(normalize_domain("10.0.0.1".into()).unwrap_err()),
        "domain.format"
    );
    assert_eq!(
        canonical_guid("{1D38BBEAE8D8407C9C74BEE089C92C07}".into()).unwrap(),
        CONTOSO
    );
    assert_eq!(
        error_code(canonical_guid("nope".into()).unwrap_err()),
        "tenant.format"
    );
}

#[wasm_bindgen_test]
fn business_days_in_js() {
    assert_eq!(
        add_business_days("2026-11-21", 1.0, None).unwrap(),
        "2026-11-23"
    );
    let holidays = js(r#"["2026-12-25","2027-01-01"]"#);
    assert_eq!(
        add_business_days("2026-12-24", 1.0, Some(holidays.clone())).unwrap(),
        "2026-12-28"
    );
    assert_eq!(
        business_days_between("2026-12-21", "2027-01-04", Some(holidays)).unwrap(),
        8.0
    );
    assert_eq!(
        error_code(add_business_days("2026-02-30", 1.0, None).unwrap_err()),
        "date.format"
    );
    assert_eq!(
        error_code(add_business_days("2026-02-03", 1.5, None).unwrap_err()),
        "input.invalid"
    );
    assert_eq!(
        error_code(business_days_between("2026-02-03", "x", None).unwrap_err()),
        "date.format"
    );
}

/// A complete claim as the claim JSON a portal passes in.
fn claim() -> String {
    serde_json::json!({
        "id": "c1", "name": "Contoso Teams", "solutionArea": "modern_work_security", "partnerRole": "use_or_consume",
        "partnerOrg": {"id": "org-a", "name": "Adatum"}, "partnerLocation": "1234567",
        "customerName": "Contoso Ltd", "customerDomain": CONTOSO_DOMAIN, "tenantId": CONTOSO,
        "products": [{"product": "teams"}],
        "customerContact": {"name": "Carl", "email": "carl@contoso.com"},
        "partnerContact": {"name": "Ada", "email": "ada@adatum.com"},
        "documents": [{"id": "d1", "name": "sow.pdf", "size": 10, "kind": "pdf"}]
    })
    .to_string()
}

#[wasm_bindgen_test]
fn validate_claim_takes_the_claim_json() {
    let out = validate_claim_js(js(&claim()), Some(js(r#"{"directory":"demo"}"#))).unwrap();
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    let out = validate_claim_js(js("{}"), None).unwrap();
    let c = codes(&out);
    for code in [
        "claim_name.required",
        "tenant.required",
        "domain.required",
        "product.required",
        "email.required",
    ] {
        assert!(c.iter().any(|x| x == code), "{code} in {c:?}");
    }
    let err = validate_claim_js(js(r#"{"products": 5}"#), None).unwrap_err();
    assert_eq!(error_code(err), "input.invalid");
}

#[wasm_bindgen_test]
fn apply_event_moves_the_claim_and_throws_with_code() {
    let partner = r#"{"kind":"partner","orgId":"org-a","role":"incentives_admin","name":"Ada"}"#;
    let submit = js(&format!(r#"{{"type":"submit","actor":{partner}}}"#));
    let next = apply_event_js(js(&claim()), submit, "2026-11-23T10:00:00+01:00", None).unwrap();
    assert_eq!(s(&next, "status"), "submitted");
    let history = Array::from(&get(&next, "history"));
    assert_eq!(history.length(), 1);
    assert_eq!(s(&history.get(0), "at"), "2026-11-23T09:00:00Z");

    let approve = js(&format!(r#"{{"type":"approve","actor":{partner}}}"#));
    let err = apply_event_js(next.clone(), approve, "2026-11-23T10:00:00+01:00", None).unwrap_err();
    assert_eq!(error_code(err), "transition.forbidden_role");

    let start = js(r#"{"type":"start_review","actor":{"kind":"reviewer"}}"#);
    let review = apply_event_js(
        next,
        start,
        "2026-11-24T10:00:00+01:00",
        Some(js(r#""published-2024""#)),
    )
    .unwrap();
    assert_eq!(s(&review, "status"), "under_review");

    let mut no_docs: serde_json::Value = serde_json::from_str(&claim()).unwrap();
    no_docs["documents"] = serde_json::json!([]);
    let submit = js(&format!(r#"{{"type":"submit","actor":{partner}}}"#));
    let err = apply_event_js(
        js(&no_docs.to_string()),
        submit,
        "2026-11-23T10:00:00+01:00",
        None,
    )
    .unwrap_err();
    assert_eq!(s(&err, "code"), "poe.required");
    assert_eq!(codes(&get(&err, "findings")), ["poe.required"]);
    let err = apply_event_js(
        js(&claim()),
        js(r#"{"type":"fly"}"#),
        "2026-11-23T10:00:00+01:00",
        None,
    )
    .unwrap_err();
    assert_eq!(error_code(err), "input.invalid");
    let submit = js(&format!(r#"{{"type":"submit","actor":{partner}}}"#));
    let err = apply_event_js(js(&claim()), submit, "yesterday", None).unwrap_err();
    assert_eq!(error_code(err), "date.format");
}

/// The boundary without serde (docs/embed.md#bridge): a malformed argument
/// throws `input.invalid` naming the field and what was wrong; arguments are
/// read as `JSON.stringify` writes them (`toJSON`, no `undefined`); results
/// are plain objects whose keys are all own properties, as `JSON.parse`
/// would make them.
#[wasm_bindgen_test]
fn the_json_boundary_names_bad_fields_and_returns_plain_objects() {
    let err = validate_claim_js(js(r#"{"products": [{"product": 5}]}"#), None).unwrap_err();
    assert_eq!(error_code(err.clone()), "input.invalid");
    assert_eq!(
        s(&err, "message"),
        "input.invalid: claim.products[0].product: expected a string, found a number"
    );
    let partner = r#"{"kind":"partner","orgId":"org-a","role":"incentives_admin"}"#;
    let err = apply_event_js(
        js(&claim()),
        js(&format!(r#"{{"type":"reject","actor":{partner}}}"#)),
        "2026-11-23T10:00:00Z",
        None,
    )
    .unwrap_err();
    assert_eq!(
        s(&err, "message"),
        "input.invalid: event: missing field \"reason\""
    );

    // A Date is read through its toJSON; an undefined key is no key.
    let dated = js(&claim());
    let created = js_sys::Date::new(&"2026-11-20T08:00:00Z".into());
    Reflect::set(&dated, &"createdAt".into(), &created).unwrap();
    Reflect::set(&dated, &"partnerRole".into(), &JsValue::UNDEFINED).unwrap();
    let comment = js(&format!(
        r#"{{"type":"comment","text":"hi","actor":{partner}}}"#
    ));
    let next = apply_event_js(dated, comment, "2026-11-23T10:00:00+01:00", None).unwrap();
    assert_eq!(s(&next, "createdAt"), "2026-11-20T08:00:00Z");
    assert!(get(&next, "partnerRole").is_null());

    // A key named __proto__ in a history change stays an own property.
    let mut with_change: serde_json::Value = serde_json::from_str(&claim()).unwrap();
    with_change["history"] = serde_json::json!([{
        "at": "2026-11-20T08:00:00Z", "actor": {"kind": "system"}, "action": {"type": "edited"},
        "changes": [{"field": "name", "before": {"__proto__": 1}, "after": [1.5, null]}]
    }]);
    let comment = js(&format!(
        r#"{{"type":"comment","text":"hi","actor":{partner}}}"#
    ));
    let next = apply_event_js(
        js(&with_change.to_string()),
        comment,
        "2026-11-23T10:00:00Z",
        None,
    )
    .unwrap();
    let history = Array::from(&get(&next, "history"));
    let change = Array::from(&get(&history.get(0), "changes")).get(0);
    let before = get(&change, "before");
    assert_eq!(
        Reflect::own_keys(&before)
            .unwrap()
            .get(0)
            .as_string()
            .as_deref(),
        Some("__proto__")
    );
    assert_eq!(
        JSON::stringify(&get(&change, "after"))
            .unwrap()
            .as_string()
            .as_deref(),
        Some("[1.5,null]")
    );
}

#[wasm_bindgen_test]
fn poe_checklist_returns_one_entry_per_item() {
    let text = "Statement of work between Adatum and Contoso Ltd for the deployment and adoption of Microsoft Teams. \
                Signed by Carl Customer, 2026-10-01.";
    let out = poe_checklist(text, js(&claim()), "2026-11-23").unwrap();
    let items: Vec<String> = Array::from(&out).iter().map(|e| s(&e, "item")).collect();
    assert_eq!(
        items,
        [
            "acknowledgement",
            "products",
            "activities",
            "names",
            "dates"
        ]
    );
    for e in Array::from(&out).iter() {
        let status = s(&e, "status");
        assert!(["found", "missing", "unsure"].contains(&status.as_str()));
        assert!(Array::is_array(&get(&e, "evidence")));
    }
    let products = Array::from(&out).get(1);
    assert_eq!(s(&products, "status"), "found");
    let empty = poe_checklist("", js(&claim()), "2026-11-23").unwrap();
    assert!(
        Array::from(&empty)
            .iter()
            .all(|e| s(&e, "status") == "missing")
    );
}

/// The same domain vectors as the native test, through the browser's URL parser.
#[wasm_bindgen_test]
fn domain_vectors_agree_with_the_native_idna_crate() {
    let vectors: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../vectors/domains.json")).unwrap();
    assert!(vectors.len() >= 40);
    for v in vectors {
        let input = v["input"].as_str().unwrap();
        match normalize_domain(input.into()) {
            Ok(ascii) => assert_eq!(Some(ascii.as_str()), v["ascii"].as_str(), "{input:?}"),
            Err(err) => assert_eq!(
                Some(error_code(err).as_str()),
                v["code"].as_str(),
                "{input:?}"
            ),
        }
    }
}
