//! The embeddable module's serde-free boundary (`cpor_desk::domain::json`,
//! docs/embed.md#bridge) held to serde's shape: for generated JSON (mostly
//! well-formed, with wrong types, nulls, missing and unknown keys mixed in),
//! `json::read` accepts exactly what serde_json accepts and reads the same
//! value, and `json::write` writes what serde writes (and a claim's stored
//! size is the length of serde_json's text).

use chrono::DateTime;
use cpor_desk::domain::claim::Claim;
use cpor_desk::domain::directory::DemoDirectory;
use cpor_desk::domain::finding::{Locale, views};
use cpor_desk::domain::json::{Json, read, write};
use cpor_desk::domain::poe::{poe_checklist, views as checklist_views};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::Actor;
use cpor_desk::domain::status::Event;
use cpor_desk::domain::validate::{ClaimContext, validate_claim};
use proptest::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value, json};

/// The shape of a JSON value, to generate values of it.
#[derive(Clone, Debug)]
enum S {
    Str,
    Bool,
    Whole,
    Float,
    Date,
    At,
    Any,
    Enum(&'static [&'static str]),
    Obj(Vec<(&'static str, S)>),
    Arr(Box<S>),
    /// `{ lang: text }`
    Texts,
    /// An internally tagged enum: tag key, then each variant's name and fields.
    Tagged(&'static str, Vec<(&'static str, Vec<(&'static str, S)>)>),
}

fn arr(s: S) -> S {
    S::Arr(Box::new(s))
}

const STATUSES: &[&str] = &[
    "draft",
    "submitted",
    "under_review",
    "partner_action_required",
    "approved",
    "consent_period_ended",
    "rejected",
    "customer_consent_denied",
    "disputed",
];
const INFO: &[&str] = &[
    "missing_all_poe",
    "missing_customer_acknowledgement",
    "missing_or_old_dates",
    "missing_partner_solution",
    "missing_products",
];
const REJECT: &[&str] = &[
    "insufficient_poe",
    "missing_customer_consent_in_poe",
    "missing_products",
    "poe_not_available",
    "competing_claim",
    "partner_request",
    "no_partner_response",
];
const PARTNER_REQUEST: &[&str] = &[
    "wrong_mpn",
    "wrong_activity",
    "no_longer_working_with_customer",
];
const ITEMS: &[&str] = &[
    "acknowledgement",
    "products",
    "activities",
    "names",
    "dates",
];
const ROLES: &[&str] = &[
    "global_admin",
    "billing_admin",
    "incentives_admin",
    "incentives_user",
    "account_admin",
    "referrals_admin",
    "user_management_admin",
];
const CHANNELS: &[&str] = &[
    "web_direct",
    "webDirect",
    "volume_licensing",
    "volumeLicensing",
    "vl",
    "csp",
    "unknown",
    "retail",
];
const SUB_STATUSES: &[&str] = &[
    "active",
    "in_grace",
    "inGrace",
    "grace",
    "expired",
    "disabled",
    "suspended",
    "unknown",
    "frozen",
];

fn product() -> S {
    S::Obj(vec![("product", S::Str), ("subscriptionId", S::Str)])
}

fn contact() -> S {
    S::Obj(vec![("name", S::Str), ("email", S::Str), ("phone", S::Str)])
}

fn document() -> S {
    S::Obj(vec![
        ("id", S::Str),
        ("name", S::Str),
        ("size", S::Whole),
        ("kind", S::Str),
        ("comment", S::Str),
        ("addedAt", S::At),
        (
            "checklist",
            S::Obj(ITEMS.iter().map(|i| (*i, S::Bool)).collect()),
        ),
    ])
}

fn actor() -> S {
    S::Tagged(
        "kind",
        vec![
            (
                "partner",
                vec![
                    ("!orgId", S::Str),
                    ("!role", S::Enum(ROLES)),
                    ("name", S::Str),
                ],
            ),
            ("reviewer", vec![("name", S::Str)]),
            ("customer", vec![("name", S::Str)]),
            ("system", vec![]),
        ],
    )
}

fn action() -> S {
    let unit = |n| (n, vec![]);
    S::Tagged(
        "type",
        vec![
            ("created", vec![("copiedFrom", S::Str)]),
            unit("edited"),
            unit("submitted"),
            unit("review_started"),
            (
                "info_requested",
                vec![("!reasons", arr(S::Enum(INFO))), ("comment", S::Str)],
            ),
            unit("approved"),
            (
                "rejected",
                vec![
                    ("!reason", S::Enum(REJECT)),
                    ("partnerReason", S::Enum(PARTNER_REQUEST)),
                    ("comment", S::Str),
                ],
            ),
            unit("consent_denied"),
            unit("consent_period_ended"),
            (
                "disputed",
                vec![("!justification", S::Str), ("documents", arr(S::Str))],
            ),
            ("association_ended", vec![("!products", arr(product()))]),
            unit("commented"),
            ("document_added", vec![("!id", S::Str), ("!name", S::Str)]),
            ("document_removed", vec![("!id", S::Str), ("!name", S::Str)]),
            (
                "checklist_ticked",
                vec![
                    ("!document", S::Str),
                    ("!item", S::Enum(ITEMS)),
                    ("!value", S::Bool),
                ],
            ),
            unit("deleted"),
        ],
    )
}

fn claim() -> S {
    S::Obj(vec![
        ("id", S::Str),
        ("name", S::Str),
        ("solutionArea", S::Str),
        ("partnerRole", S::Str),
        ("partnerOrg", S::Obj(vec![("id", S::Str), ("name", S::Str)])),
        ("partnerLocation", S::Str),
        ("customerName", S::Str),
        ("customerDomain", S::Str),
        ("tenantId", S::Str),
        ("products", arr(product())),
        ("customerContact", contact()),
        ("partnerContact", contact()),
        ("documents", arr(document())),
        (
            "comments",
            arr(S::Obj(vec![
                ("!at", S::At),
                ("!actor", actor()),
                ("!text", S::Str),
                (
                    "note",
                    S::Tagged(
                        "type",
                        vec![
                            ("competing_review", vec![]),
                            ("association_ended", vec![("!products", arr(S::Str))]),
                        ],
                    ),
                ),
            ])),
        ),
        (
            "history",
            arr(S::Obj(vec![
                ("!at", S::At),
                ("!actor", actor()),
                ("!action", action()),
                ("from", S::Enum(STATUSES)),
                ("to", S::Enum(STATUSES)),
                (
                    "changes",
                    arr(S::Obj(vec![
                        ("!field", S::Str),
                        ("!before", S::Any),
                        ("!after", S::Any),
                    ])),
                ),
            ])),
        ),
        ("status", S::Enum(STATUSES)),
        ("revision", S::Whole),
        ("createdAt", S::At),
    ])
}

fn patch() -> S {
    let S::Obj(fields) = claim() else {
        unreachable!()
    };
    S::Obj(
        fields
            .into_iter()
            .filter(|(k, _)| {
                [
                    "name",
                    "solutionArea",
                    "partnerRole",
                    "partnerLocation",
                    "customerName",
                    "customerDomain",
                    "tenantId",
                    "products",
                    "customerContact",
                    "partnerContact",
                ]
                .contains(k)
            })
            .collect(),
    )
}

/// The module's event argument: an event with its `actor` beside `type`.
fn event() -> S {
    let unit = |n| (n, vec![("!actor", actor())]);
    let with = |n, mut f: Vec<(&'static str, S)>| {
        f.push(("!actor", actor()));
        (n, f)
    };
    S::Tagged(
        "type",
        vec![
            unit("submit"),
            unit("start_review"),
            with(
                "request_info",
                vec![("!reasons", arr(S::Enum(INFO))), ("comment", S::Str)],
            ),
            unit("approve"),
            with(
                "reject",
                vec![("!reason", S::Enum(REJECT)), ("comment", S::Str)],
            ),
            with(
                "request_rejection",
                vec![("!reason", S::Enum(PARTNER_REQUEST)), ("comment", S::Str)],
            ),
            unit("deny_consent"),
            with(
                "dispute",
                vec![("justification", S::Str), ("documents", arr(document()))],
            ),
            with("edit", vec![("!fields", patch())]),
            with("comment", vec![("!text", S::Str)]),
            with("add_document", vec![("!document", document())]),
            with("remove_document", vec![("!id", S::Str)]),
            with(
                "tick_checklist",
                vec![
                    ("!document", S::Str),
                    ("!item", S::Enum(ITEMS)),
                    ("!value", S::Bool),
                ],
            ),
            unit("delete"),
        ],
    )
}

fn policy() -> S {
    let mut fields = vec![
        ("!id", S::Str),
        ("name", S::Texts),
        ("description", S::Texts),
    ];
    for k in [
        "!reviewStartBusinessDays",
        "!reviewDecisionBusinessDays",
        "!partnerResponseBusinessDays",
        "!consentPeriodDays",
        "!disputeWindowDays",
        "!maxDisputes",
        "!disputeAnswerBusinessDays",
        "!subscriptionClaimableAfterHours",
        "!poeMaxAgeMonths",
    ] {
        fields.push((k, S::Whole));
    }
    fields.push(("calendar", S::Enum(&["us", "se", "xx"])));
    fields.push(("holidays", arr(S::Date)));
    S::Obj(fields)
}

fn directory() -> S {
    S::Obj(vec![(
        "tenants",
        arr(S::Obj(vec![
            ("!id", S::Str),
            ("name", S::Str),
            ("domains", arr(S::Str)),
            (
                "subscriptions",
                arr(S::Obj(vec![
                    ("!id", S::Str),
                    ("!product", S::Str),
                    ("productName", S::Str),
                    ("dynamics", S::Bool),
                    ("channel", S::Enum(CHANNELS)),
                    ("status", S::Enum(SUB_STATUSES)),
                    ("provisioned", S::Bool),
                    ("activated", S::At),
                    ("activatedHoursAgo", S::Float),
                    ("claimedBy", S::Str),
                    ("note", S::Str),
                ])),
            ),
            ("note", S::Str),
        ])),
    )])
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-z]{0,4}",
        Just("Contoso".to_string()),
        Just("1d38bbea-e8d8-407c-9c74-bee089c92c07".to_string()),
        "\\PC{0,6}",
    ]
    .boxed()
}

/// A number as JavaScript writes it and serde_json reads it back: whole
/// numbers as integers, others as floats.
fn js_number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        if n >= 0.0 {
            json!(n as u64)
        } else {
            json!(n as i64)
        }
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// Mostly valid u32s; u64s beyond u32 now and then (valid for a u64 field
/// only); negative and fractional numbers are [`wrong`] values.
fn whole() -> BoxedStrategy<Value> {
    prop_oneof![
        20 => (0u32..100).prop_map(|n| json!(n)),
        20 => any::<u32>().prop_map(|n| json!(n)),
        1 => Just(json!(4_294_967_296u64)),
        1 => Just(json!(9_007_199_254_740_992u64)),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<Value> {
    prop_oneof![
        40 => (1990i32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        1 => Just(json!("2026-02-30")),
        1 => Just(json!(" 2026-11-21")),
        1 => Just(json!("2026-11-21T00:00:00Z")),
        1 => Just(json!("nope")),
    ]
    .boxed()
}

fn timestamp() -> BoxedStrategy<Value> {
    prop_oneof![
        20 => (0i64..4_000_000_000, 0u32..1_000_000_000, -50_400i32..50_400).prop_map(|(s, n, off)| {
            let at = DateTime::from_timestamp(s, n).unwrap();
            let off = chrono::FixedOffset::east_opt(off / 60 * 60).unwrap();
            json!(at.with_timezone(&off).to_rfc3339())
        }),
        20 => (0i64..4_000_000_000).prop_map(|s| json!(DateTime::from_timestamp(s, 0).unwrap())),
        5 => Just(json!("2026-11-23T10:00:00+01:00")),
        5 => Just(json!("2026-11-23 10:00:00 UTC")),
        1 => Just(json!("2026-11-23T25:00:00Z")),
        1 => Just(json!("2026-11-23")),
        1 => Just(json!("yesterday")),
    ]
    .boxed()
}

/// A value of no particular shape (a field change's before and after).
fn any_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(|n| json!(n)),
        (-1000i64..1000).prop_map(|n| js_number(n as f64 + 0.25)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
    .boxed()
}

/// A value of the wrong shape for `s`. Not generated (serde's quirks the
/// bridge does not copy, docs/embed.md#bridge): an array for an object, a
/// number for an enum tag, `{"variant": null}` for an enum.
fn wrong(s: &S) -> BoxedStrategy<Value> {
    let mut pool = vec![
        Value::Null,
        json!(true),
        json!("x"),
        json!({ "zz": 1 }),
        json!(-1),
        js_number(1.5),
    ];
    if !matches!(s, S::Obj(_) | S::Tagged(..)) {
        pool.push(json!([]));
        pool.push(json!(["x"]));
    }
    if matches!(s, S::Tagged(..)) {
        pool.retain(|v| !v.is_number());
    }
    prop::sample::select(pool).boxed()
}

/// A value of shape `s`: right, with a wrong one one time in `1/noise`.
fn shape(s: &S, depth: u32, noise: u32) -> BoxedStrategy<Value> {
    let right = right(s, depth, noise);
    if noise == 0 {
        return right;
    }
    prop_oneof![noise => right, 1 => wrong(s)].boxed()
}

fn object(fields: &[(&'static str, S)], depth: u32, noise: u32) -> BoxedStrategy<Value> {
    // A key marked `!` is one serde requires: always there in well-formed
    // values, missing one time in `noise` otherwise; other keys are
    // missing one time in four.
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|(k, s)| {
            let required = k.starts_with('!');
            let k = k.trim_start_matches('!').to_string();
            let v = shape(s, depth + 1, noise).prop_map(move |v| Some((k.clone(), v)));
            let missing = match (required, noise) {
                (true, 0) => return v.boxed(),
                (true, n) => (1, n),
                (false, _) => (1, 3),
            };
            prop_oneof![missing.0 => Just(None), missing.1 => v].boxed()
        })
        .collect();
    (parts, any::<bool>())
        .prop_map(|(kv, extra)| {
            let mut m: Map<String, Value> = kv.into_iter().flatten().collect();
            if extra {
                m.insert("unknownKey".into(), json!([1, "two"]));
            }
            Value::Object(m)
        })
        .boxed()
}

fn right(s: &S, depth: u32, noise: u32) -> BoxedStrategy<Value> {
    match s {
        S::Str => text().prop_map(Value::String).boxed(),
        S::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        S::Whole => whole(),
        S::Float => prop_oneof![
            (-100i64..100).prop_map(|n| js_number(n as f64)),
            (-100i64..100).prop_map(|n| js_number(n as f64 / 8.0)),
        ]
        .boxed(),
        S::Date => date(),
        S::At => timestamp(),
        S::Any => any_value(),
        S::Enum(names) => prop::sample::select(names.to_vec())
            .prop_map(|n| json!(n))
            .boxed(),
        S::Texts => prop::collection::btree_map("en|sv|de", text(), 0..3)
            .prop_map(|m| json!(m))
            .boxed(),
        S::Obj(fields) => object(fields, depth, noise),
        S::Arr(item) => {
            let max = if depth > 2 { 2 } else { 4 };
            prop::collection::vec(shape(item, depth + 1, noise), 0..max)
                .prop_map(Value::Array)
                .boxed()
        }
        S::Tagged(tag, variants) => {
            let tag = tag.to_string();
            let options: Vec<BoxedStrategy<Value>> = variants
                .iter()
                .map(|(name, fields)| {
                    let (tag, name) = (tag.clone(), name.to_string());
                    object(fields, depth, noise)
                        .prop_map(move |mut v| {
                            v[&tag] = json!(name);
                            v
                        })
                        .boxed()
                })
                .collect();
            let variants = prop::strategy::Union::new(options);
            if noise == 0 {
                return variants.boxed();
            }
            prop_oneof![
                20 => variants,
                1 => Just(Value::Object(Map::from_iter([(tag.clone(), json!("fly"))]))),
                1 => Just(json!({})),
            ]
            .boxed()
        }
    }
}

/// serde_json's reading of `v` (as JSON text, what the module read before)
/// and the bridge's reading of the same value as JavaScript holds it: both
/// fail, or both give the same value.
fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
    v: &Value,
    read: fn(&Json) -> read::Result<T>,
) -> Result<Option<T>, TestCaseError> {
    let theirs = serde_json::from_str::<T>(&v.to_string());
    let ours = read(&Json::from_value(v));
    match (theirs, ours) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a, &b, "{}", v);
            Ok(Some(a))
        }
        (Err(_), Err(_)) => Ok(None),
        (a, b) => {
            prop_assert!(false, "serde {:?}, bridge {:?} for {}", a, b, v);
            unreachable!()
        }
    }
}

/// The module's event argument as serde read it before.
#[derive(Deserialize, PartialEq, Debug)]
struct EventJs {
    actor: Actor,
    #[serde(flatten)]
    event: Event,
}

fn event_with_actor(j: &Json) -> read::Result<EventJs> {
    read::event_with_actor(j).map(|(event, actor)| EventJs { actor, event })
}

/// serde_json's text of `value`.
fn serde_out(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap()
}

/// The compact JSON text of a tree, keys in the tree's order (strings and
/// numbers written by serde_json).
fn json_text(j: &Json) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Num(n) => n.to_string(),
        Json::Str(s) => serde_json::to_string(s).unwrap(),
        Json::Arr(a) => format!(
            "[{}]",
            a.iter().map(json_text).collect::<Vec<_>>().join(",")
        ),
        Json::Obj(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), json_text(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 400,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn claims_read_and_write_as_serde_does(v in shape(&claim(), 0, 40)) {
        if let Some(claim) = same::<Claim>(&v, read::claim)? {
            prop_assert_eq!(json_text(&write::claim(&claim)), serde_out(&claim));
            prop_assert_eq!(write::claim(&claim).text_len(), serde_json::to_vec(&claim).unwrap().len());
            for (ours, theirs) in [
                (write::products_value(&claim.products), serde_json::to_value(&claim.products).unwrap()),
                (write::contact_value(&claim.customer_contact), serde_json::to_value(&claim.customer_contact).unwrap()),
                (write::text_value(claim.solution_area.as_deref()), serde_json::to_value(&claim.solution_area).unwrap()),
                (write::text_value(Some(&claim.name)), serde_json::to_value(&claim.name).unwrap()),
            ] {
                prop_assert_eq!(ours, theirs);
            }
            let findings = views(&validate_claim(&claim, &ClaimContext::new(&Policy::default())), Locale::Sv);
            prop_assert_eq!(json_text(&write::findings(&findings)), serde_out(&findings));
        }
    }

    #[test]
    fn well_formed_claims_read_and_write_as_serde_does(v in shape(&claim(), 0, 0)) {
        // Well-formed but for dates and timestamps chrono refuses, and
        // policies' u32s over u32::MAX.
        if let Some(claim) = same::<Claim>(&v, read::claim)? {
            prop_assert_eq!(json_text(&write::claim(&claim)), serde_out(&claim));
            prop_assert_eq!(write::claim(&claim).text_len(), serde_json::to_vec(&claim).unwrap().len());
        }
    }

    #[test]
    fn events_read_as_serde_does(v in shape(&event(), 0, 10), w in shape(&event(), 0, 0)) {
        same::<EventJs>(&v, event_with_actor)?;
        same::<EventJs>(&w, event_with_actor)?;
    }

    #[test]
    fn policies_read_as_serde_does(v in shape(&policy(), 0, 20), w in shape(&policy(), 0, 0)) {
        same::<Policy>(&v, read::policy)?;
        same::<Policy>(&w, read::policy)?;
    }

    #[test]
    fn directories_read_as_serde_does(v in shape(&directory(), 0, 10), w in shape(&directory(), 0, 0)) {
        same::<DemoDirectory>(&v, read::directory)?;
        same::<DemoDirectory>(&w, read::directory)?;
    }

    #[test]
    fn any_values_read_as_serde_does(v in any_value()) {
        prop_assert_eq!(read::value(&Json::from_value(&v)), v);
    }

    #[test]
    fn timestamps_are_written_as_chrono_does(secs in -70_000_000_000i64..260_000_000_000, nanos in prop_oneof![Just(0u32), 0u32..1000, (0u32..1000).prop_map(|n| n * 1_000_000), (0u32..1_000_000).prop_map(|n| n * 1000), 0u32..2_000_000_000]) {
        if let Some(at) = DateTime::from_timestamp(secs, nanos) {
            prop_assert_eq!(json_text(&Json::Str(write::utc_text(&at))), serde_out(&at));
        }
    }

    #[test]
    fn checklists_are_written_as_serde_does(text in "\\PC{0,80}", claim in shape(&claim(), 0, 0)) {
        let Ok(claim) = read::claim(&Json::from_value(&claim)) else { return Ok(()) };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let text = format!("{text}\nSigned by Contoso on 2026-10-01.\u{c}Microsoft Teams");
        let views = checklist_views(&poe_checklist(&text, &claim, today, &Policy::default()), Locale::En);
        prop_assert_eq!(json_text(&write::checklist(&views)), serde_out(&views));
    }
}

#[test]
fn the_demo_directory_and_the_policies_read_as_serde_does() {
    let dir: Value =
        serde_json::from_str(cpor_desk::domain::directory::DEMO_DIRECTORY_JSON).unwrap();
    assert_eq!(
        read::directory(&Json::from_value(&dir)).unwrap(),
        *DemoDirectory::builtin()
    );
    let policies: Vec<Value> =
        serde_json::from_str(cpor_desk::domain::policy::POLICIES_JSON).unwrap();
    for (json, policy) in policies.iter().zip(Policy::builtin()) {
        assert_eq!(&read::policy(&Json::from_value(json)).unwrap(), policy);
    }
}

#[test]
fn errors_name_the_field_and_the_problem() {
    let read_claim = |v: Value| read::claim(&Json::from_value(&v)).unwrap_err().to_string();
    assert_eq!(
        read_claim(json!({ "products": 5 })),
        ".products: expected an array, found a number"
    );
    assert_eq!(
        read_claim(json!({ "products": [{ "product": "teams" }, { "subscriptionId": true }] })),
        ".products[1].subscriptionId: expected a string, found a boolean"
    );
    assert_eq!(
        read_claim(
            json!({ "history": [{ "at": "2026-11-23T09:00:00Z", "actor": { "kind": "reviewer" } }] })
        ),
        ".history[0]: missing field \"action\""
    );
    assert_eq!(
        read_claim(json!({ "status": "lost" })),
        ".status: unknown value \"lost\""
    );
    assert_eq!(
        read_claim(json!({ "createdAt": "yesterday" })),
        ".createdAt: \"yesterday\" is not an RFC 3339 date and time (input contains invalid characters)"
    );
    let event = read::event_with_actor(&Json::from_value(
        &json!({ "type": "fly", "actor": { "kind": "system" } }),
    ));
    assert_eq!(
        event.unwrap_err().to_string(),
        ".type: unknown value \"fly\""
    );
    let event = read::event_with_actor(&Json::from_value(&json!({ "type": "submit" })));
    assert_eq!(event.unwrap_err().to_string(), ": missing field \"actor\"");
}

#[test]
fn numbers_from_javascript_are_serde_json_numbers() {
    // What serde_json reads from the text JavaScript writes for each number.
    for (n, text) in [
        (0.0, "0"),
        (-0.0, "0"),
        (7.0, "7"),
        (-7.0, "-7"),
        (2.5, "2.5"),
        (9_007_199_254_740_993.0, "9007199254740992"),
        (1e20, "100000000000000000000"),
        (1e21, "1e21"),
        (-1e19, "-10000000000000000000"),
    ] {
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(read::value(&Json::num(n)), theirs, "{n}");
    }
    assert_eq!(
        read::u64_(&Json::num(18_446_744_073_709_549_568.0)).unwrap(),
        18_446_744_073_709_549_568
    );
    assert!(read::u64_(&Json::num(18_446_744_073_709_551_616.0)).is_err());
    assert!(read::u64_(&Json::num(-1.0)).is_err());
    assert!(read::u32_(&Json::num(4_294_967_296.0)).is_err());
    assert_eq!(read::u32_(&Json::num(4_294_967_295.0)).unwrap(), u32::MAX);
}
