//! The JS API of the embeddable validation module (docs/rules.md#embed-api), built by
//! `scripts/build-embed` into `pkg/` as an ES module with TypeScript
//! declarations. Every function is pure; errors are thrown as `Error`
//! objects whose `code` property is the finding code.
//!
//! ```js
//! import init, { validateField, canonicalGuid } from "./pkg/cpor_validate.js";
//! await init();
//! validateField("tenantId", "nope", { locale: "sv" });
//! // → [{ field: "tenantId", code: "tenant.format", severity: "error", message: "Klient-ID:t måste …" }]
//! canonicalGuid("{1D38BBEA-E8D8-407C-9C74-BEE089C92C07}"); // "1d38bbea-e8d8-407c-9c74-bee089c92c07"
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use js_sys::{Array, Error, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::domain::calendar::{Calendar, parse_date};
use crate::domain::claim::Claim;
use crate::domain::directory::{DemoDirectory, Directory, check_tenant_domain};
use crate::domain::domain_name::{normalize_domain as normalize, validate_domain};
use crate::domain::finding::{Code, Finding, Locale, views};
use crate::domain::ids::{canonical_guid as canonical, validate_tenant_id};
use crate::domain::json::{Json, read, write};
use crate::domain::poe::{poe_checklist as checklist, views as checklist_views};
use crate::domain::policy::Policy;
use crate::domain::status::{TransitionError, apply_event};
use crate::domain::validate::{ClaimContext, FieldName, FieldOptions, validate_claim};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("embed_types.d.ts");

/// Largest |n| accepted by `addBusinessDays` (about 3,800 years).
const MAX_BUSINESS_DAYS: f64 = 1_000_000.0;

fn js_error(code: Code, detail: &str, findings: Option<Json>) -> JsValue {
    let message = if detail.is_empty() {
        format!("{code}: {}", code.message(Locale::En))
    } else {
        format!("{code}: {detail}")
    };
    let err = Error::new(&message);
    let _ = Reflect::set(&err, &"code".into(), &code.as_str().into());
    if let Some(findings) = findings {
        let _ = Reflect::set(&err, &"findings".into(), &to_js(findings));
    }
    err.into()
}

fn invalid(detail: &str) -> JsValue {
    js_error(Code::InputInvalid, detail, None)
}

// Values cross the boundary without serde (domain::json, docs/embed.md#bridge):
// an argument is made plain JSON data by `JSON.parse(JSON.stringify(v))` (what
// the module always read: `toJSON`, no `undefined`, NaN as null), walked into
// a `Json` tree and read by `json::read`; a result is written by
// `json::write` and built as plain objects (`Object.fromEntries`, so every
// key is an own property, as with `JSON.parse`).
fn to_js(json: Json) -> JsValue {
    match json {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => b.into(),
        Json::Num(n) => Json::as_f64(&n).into(),
        Json::Str(s) => s.into(),
        Json::Arr(items) => items.into_iter().map(to_js).collect::<Array>().into(),
        Json::Obj(fields) => {
            let entries: Array = fields
                .into_iter()
                .map(|(k, v)| Array::of2(&k.into(), &to_js(v)))
                .collect();
            Object::from_entries(&entries)
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL)
        }
    }
}

fn walk(value: &JsValue) -> Json {
    if let Some(s) = value.as_string() {
        Json::Str(s)
    } else if let Some(n) = value.as_f64() {
        Json::num(n)
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if Array::is_array(value) {
        Json::Arr(Array::from(value).iter().map(|v| walk(&v)).collect())
    } else if value.is_object() {
        let entries = Object::entries(value.unchecked_ref());
        Json::Obj(
            entries
                .iter()
                .map(|e| {
                    let e = Array::from(&e);
                    (e.get(0).as_string().unwrap_or_default(), walk(&e.get(1)))
                })
                .collect(),
        )
    } else {
        Json::Null
    }
}

fn from_js<T>(value: JsValue, what: &str, read: read::Reader<T>) -> Result<T, JsValue> {
    let plain = json_stringify(&value)
        .ok()
        .filter(JsValue::is_string)
        .and_then(|text| json_parse(&text).ok())
        .ok_or_else(|| invalid(&format!("{what} is not JSON data")))?;
    read(&walk(&plain)).map_err(|e| invalid(&format!("{what}{e}")))
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// A string argument; numbers are accepted as their decimal text, null/undefined as "".
fn text_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        Ok(s)
    } else if let Some(n) = value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && n.abs() < 1e15)
    {
        Ok(format!("{}", n as i64))
    } else if is_absent(value) {
        Ok(String::new())
    } else {
        Err(invalid(&format!("{what} must be a string")))
    }
}

/// The options `{ locale?, tenantId? }`: (locale, tenant ID).
fn field_options(options: JsValue) -> Result<(Locale, Option<String>), JsValue> {
    let (locale, tenant_id) = if is_absent(&options) {
        (None, None)
    } else {
        from_js(options, "options", read::field_options)?
    };
    Ok((
        locale.as_deref().map(Locale::from_tag).unwrap_or_default(),
        tenant_id,
    ))
}

/// A directory argument: omitted → the built-in demo directory; an object →
/// a directory in the demo directory's JSON shape.
fn directory_arg(value: JsValue) -> Result<DemoDirectory, JsValue> {
    if is_absent(&value) {
        Ok(DemoDirectory::builtin().clone())
    } else {
        from_js(value, "directory", read::directory)
    }
}

/// A policy argument: omitted → the default; a string → a built-in policy id;
/// an object → a policy in the JSON shape of `data/policies.json`.
fn policy_arg(value: JsValue) -> Result<Policy, JsValue> {
    if is_absent(&value) {
        Ok(Policy::default())
    } else if let Some(id) = value.as_string() {
        Policy::by_id(&id)
            .cloned()
            .ok_or_else(|| invalid(&format!("unknown policy {id}")))
    } else {
        from_js(value, "policy", read::policy)
    }
}

fn holidays_arg(value: JsValue) -> Result<Calendar, JsValue> {
    if is_absent(&value) {
        return Ok(Calendar::default());
    }
    let list = from_js(value, "holidays", read::strings)?;
    let dates = list
        .iter()
        .map(|s| parse_date(s).map_err(|c| js_error(c, &format!("holiday {s:?}"), None)))
        .collect::<Result<Vec<NaiveDate>, JsValue>>()?;
    Ok(Calendar::new(dates))
}

fn date_arg(value: &str) -> Result<NaiveDate, JsValue> {
    parse_date(value).map_err(|c| js_error(c, &format!("{value:?}"), None))
}

fn instant_arg(value: &str) -> Result<DateTime<FixedOffset>, JsValue> {
    DateTime::parse_from_rfc3339(value.trim()).map_err(|_| {
        js_error(
            Code::DateFormat,
            &format!("{value:?} is not an ISO 8601 timestamp with offset"),
            None,
        )
    })
}

fn findings_out(findings: &[Finding], locale: Locale) -> Result<JsValue, JsValue> {
    Ok(to_js(write::findings(&views(findings, locale))))
}

/// Validates one field: `tenantId`, `domain`, `subscriptionId`, `mpnId`,
/// `email` or `claimName`. Options: `{ locale?: "en" | "sv", tenantId?: string }`.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "Finding[]")]
pub fn validate_field(
    field: &str,
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FieldOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let name =
        FieldName::from_js(field).ok_or_else(|| invalid(&format!("unknown field {field:?}")))?;
    let value = text_arg(&value, "value")?;
    let (locale, tenant_id) = field_options(options)?;
    let field_opts = FieldOptions { tenant_id };
    let findings = crate::domain::validate::validate_field(name, &value, &field_opts);
    findings_out(&findings, locale)
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if is_absent(options) {
        JsValue::UNDEFINED
    } else {
        Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }
}

/// Validates a whole claim (the claim JSON of docs/rules.md#claim). Options:
/// `{ locale?, directory?: "demo" | Directory, now?: string, policy?: string | Policy }`.
#[wasm_bindgen(js_name = validateClaim, unchecked_return_type = "Finding[]")]
pub fn validate_claim_js(
    #[wasm_bindgen(unchecked_param_type = "Claim")] claim: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ClaimOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let claim: Claim = from_js(claim, "claim", read::claim)?;
    let policy = policy_arg(option(&options, "policy"))?;
    let directory = match option(&options, "directory") {
        v if is_absent(&v) => None,
        v if v.as_string().as_deref() == Some("demo") => Some(DemoDirectory::builtin().clone()),
        v => Some(from_js(v, "directory", read::directory)?),
    };
    let now = match option(&options, "now").as_string() {
        Some(s) => Some(instant_arg(&s)?.to_utc()),
        None => None,
    };
    let locale = option(&options, "locale")
        .as_string()
        .map(|s| Locale::from_tag(&s));
    let mut ctx = ClaimContext::new(&policy);
    ctx.directory = directory.as_ref().map(|d| d as &dyn Directory);
    ctx.now = now;
    findings_out(&validate_claim(&claim, &ctx), locale.unwrap_or_default())
}

/// Checks a domain and a tenant ID against each other (and each on its own).
/// `directory` defaults to the built-in demo directory.
#[wasm_bindgen(js_name = checkTenantDomain, unchecked_return_type = "Finding[]")]
pub fn check_tenant_domain_js(
    #[wasm_bindgen(unchecked_param_type = "string")] domain: JsValue,
    #[wasm_bindgen(js_name = tenantId, unchecked_param_type = "string")] tenant_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Directory")] directory: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "{ locale?: Locale }")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let directory = directory.unwrap_or(JsValue::UNDEFINED);
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let domain = text_arg(&domain, "domain")?;
    let tenant = text_arg(&tenant_id, "tenantId")?;
    let dir = directory_arg(directory)?;
    let (locale, _) = field_options(options)?;
    let (_, mut findings) = validate_domain("domain", &domain);
    findings.extend(validate_tenant_id("tenantId", &tenant).1);
    findings.extend(check_tenant_domain("domain", &domain, &tenant, &dir));
    findings_out(&findings, locale)
}

/// The ASCII (punycode) form of a domain name, URL or email address. Throws
/// with `code` `domain.required` or `domain.format`.
#[wasm_bindgen(js_name = normalizeDomain)]
pub fn normalize_domain(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    let input = text_arg(&input, "input")?;
    normalize(&input)
        .map(|d| d.ascii)
        .map_err(|code| js_error(code, "", None))
}

/// The canonical lowercase hyphenated GUID. Throws with `code`
/// `tenant.required` (empty) or `tenant.format`.
#[wasm_bindgen(js_name = canonicalGuid)]
pub fn canonical_guid(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    let input = text_arg(&input, "input")?;
    canonical(&input).map_err(|code| js_error(code, "", None))
}

fn integer_arg(n: f64) -> Result<i64, JsValue> {
    if !n.is_finite() || n.fract() != 0.0 || n.abs() > MAX_BUSINESS_DAYS {
        return Err(invalid("n must be an integer between -1000000 and 1000000"));
    }
    Ok(n as i64)
}

/// The n-th business day strictly after `date` (Monday–Friday minus `holidays`).
#[wasm_bindgen(js_name = addBusinessDays)]
pub fn add_business_days(
    date: &str,
    n: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "string[]")] holidays: Option<JsValue>,
) -> Result<String, JsValue> {
    let holidays = holidays.unwrap_or(JsValue::UNDEFINED);
    let d = date_arg(date)?;
    let cal = holidays_arg(holidays)?;
    Ok(cal.add_business_days(d, integer_arg(n)?).to_string())
}

/// The number of business days in (a, b] (negative when b is before a).
#[wasm_bindgen(js_name = businessDaysBetween)]
pub fn business_days_between(
    a: &str,
    b: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "string[]")] holidays: Option<JsValue>,
) -> Result<f64, JsValue> {
    let holidays = holidays.unwrap_or(JsValue::UNDEFINED);
    let (a, b) = (date_arg(a)?, date_arg(b)?);
    let cal = holidays_arg(holidays)?;
    Ok(cal.business_days_between(a, b) as f64)
}

/// Applies an event (`{ type, actor, ... }`) to a claim at `nowIso` and
/// returns the new claim. Throws with `code` (and `findings` when a submit
/// is blocked by the claim's own findings).
#[wasm_bindgen(js_name = applyEvent, unchecked_return_type = "Claim")]
pub fn apply_event_js(
    #[wasm_bindgen(unchecked_param_type = "Claim")] claim: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ClaimEvent")] event: JsValue,
    #[wasm_bindgen(js_name = nowIso)] now_iso: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Policy")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let policy = policy.unwrap_or(JsValue::UNDEFINED);
    let claim: Claim = from_js(claim, "claim", read::claim)?;
    let (event, actor) = from_js(event, "event", read::event_with_actor)?;
    let now = instant_arg(now_iso)?;
    let policy = policy_arg(policy)?;
    match apply_event(&claim, &event, &actor, now, &policy) {
        Ok(next) => Ok(to_js(write::claim(&next))),
        Err(err) => Err(transition_error(&err)),
    }
}

fn transition_error(err: &TransitionError) -> JsValue {
    let findings = views(&err.findings(), Locale::En);
    js_error(
        err.code(),
        &err.to_string(),
        Some(write::findings(&findings)),
    )
}

/// The PoE checklist of docs/rules.md#poe for a document's text against a claim:
/// one `{ item, status, evidence }` per item id, the evidence notes in English.
#[wasm_bindgen(js_name = poeChecklist, unchecked_return_type = "ChecklistEntry[]")]
pub fn poe_checklist(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Claim")] claim: JsValue,
    #[wasm_bindgen(js_name = todayIso)] today_iso: &str,
) -> Result<JsValue, JsValue> {
    let claim: Claim = from_js(claim, "claim", read::claim)?;
    let today = date_arg(today_iso.get(..10).unwrap_or(today_iso))?;
    let results = checklist(text, &claim, today, &Policy::default());
    Ok(to_js(write::checklist(&checklist_views(
        &results,
        Locale::En,
    ))))
}
