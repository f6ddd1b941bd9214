//! The built-in data (`data/*.json`) compiled to Rust (docs/performance.md,
//! "Built-in data"): `$OUT_DIR/data.rs` holds one function per file that
//! builds the value serde would read from it, so neither the JSON text nor
//! serde_json's parse of it is in the app or the module. The data files stay
//! the single source: a schema below mirrors each type's serde attributes
//! (missing keys, defaults, enum names and aliases, tags), anything it does
//! not know stops the build, and the native test `builtin_data` checks that
//! every function equals the serde parse of its file.

use serde_json::{Map, Value};

/// A Rust type as serde reads it from JSON.
pub enum Ty {
    Str,
    Bool,
    /// An integer (u32, i32, i64: the field's type decides).
    Int,
    F64,
    /// `catalog::Text`: `{ "en": …, "sv": … }`.
    Text,
    /// `DateTime<Utc>` written `YYYY-MM-DDTHH:MM:SSZ`.
    DateUtc,
    /// `NaiveDate` written `YYYY-MM-DD`.
    Date,
    Opt(&'static Ty),
    Vec(&'static Ty),
    Struct(&'static str, &'static [Field]),
    /// Unit variants: (JSON name, variant), and the `#[serde(other)]` variant.
    Enum(
        &'static str,
        &'static [(&'static str, &'static str)],
        Option<&'static str>,
    ),
    /// An internally tagged enum: the tag key, (tag, variant, fields).
    Tagged(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str, &'static [Field])],
    ),
}

/// What a missing key becomes.
pub enum Missing {
    Required,
    Default,
    Expr(&'static str),
}

pub struct Field {
    pub key: &'static str,
    pub name: &'static str,
    pub ty: Ty,
    pub missing: Missing,
}

const fn f(key: &'static str, name: &'static str, ty: Ty) -> Field {
    Field {
        key,
        name,
        ty,
        missing: Missing::Required,
    }
}

const fn d(key: &'static str, name: &'static str, ty: Ty) -> Field {
    Field {
        key,
        name,
        ty,
        missing: Missing::Default,
    }
}

const fn e(key: &'static str, name: &'static str, ty: Ty, expr: &'static str) -> Field {
    Field {
        key,
        name,
        ty,
        missing: Missing::Expr(expr),
    }
}

const CATALOG: Ty = Ty::Struct(
    "Catalog",
    &[
        f("solutionAreas", "solution_areas", Ty::Vec(&SOLUTION_AREA)),
        f("roles", "roles", Ty::Vec(&PARTNER_ROLE)),
        f("products", "products", Ty::Vec(&PRODUCT)),
    ],
);
const SOLUTION_AREA: Ty = Ty::Struct(
    "SolutionArea",
    &[
        f("id", "id", Ty::Str),
        f("name", "name", Ty::Text),
        f("note", "note", Ty::Text),
        f(
            "associationLevel",
            "association_level",
            Ty::Enum(
                "AssociationLevel",
                &[
                    ("tenant_workload", "TenantWorkload"),
                    ("tenant_product_subscription", "TenantProductSubscription"),
                ],
                None,
            ),
        ),
    ],
);
const PARTNER_ROLE: Ty = Ty::Struct(
    "PartnerRole",
    &[
        f("id", "id", Ty::Str),
        f("area", "area", Ty::Str),
        f("name", "name", Ty::Text),
        f("meaning", "meaning", Ty::Text),
        f("poeRequired", "poe_required", Ty::Bool),
        f("consentEmail", "consent_email", Ty::Bool),
        f("revenueAssociation", "revenue_association", Ty::Bool),
    ],
);
const PRODUCT: Ty = Ty::Struct(
    "Product",
    &[
        f("id", "id", Ty::Str),
        f("area", "area", Ty::Str),
        f("name", "name", Ty::Str),
        f("claimable", "claimable", Ty::Bool),
    ],
);

const POLICY: Ty = Ty::Struct(
    "Policy",
    &[
        f("id", "id", Ty::Str),
        d("name", "name", Ty::Text),
        d("description", "description", Ty::Text),
        f(
            "reviewStartBusinessDays",
            "review_start_business_days",
            Ty::Int,
        ),
        f(
            "reviewDecisionBusinessDays",
            "review_decision_business_days",
            Ty::Int,
        ),
        f(
            "partnerResponseBusinessDays",
            "partner_response_business_days",
            Ty::Int,
        ),
        f("consentPeriodDays", "consent_period_days", Ty::Int),
        f("disputeWindowDays", "dispute_window_days", Ty::Int),
        f("maxDisputes", "max_disputes", Ty::Int),
        f(
            "disputeAnswerBusinessDays",
            "dispute_answer_business_days",
            Ty::Int,
        ),
        f(
            "subscriptionClaimableAfterHours",
            "subscription_claimable_after_hours",
            Ty::Int,
        ),
        f("poeMaxAgeMonths", "poe_max_age_months", Ty::Int),
        e(
            "calendar",
            "calendar",
            Ty::Str,
            "s(super::holidays::DEFAULT_CALENDAR)",
        ),
        d("holidays", "holidays", Ty::Vec(&Ty::Date)),
    ],
);

const DAY: Ty = Ty::Enum(
    "Day",
    &[
        ("mon", "Mon"),
        ("tue", "Tue"),
        ("wed", "Wed"),
        ("thu", "Thu"),
        ("fri", "Fri"),
        ("sat", "Sat"),
        ("sun", "Sun"),
    ],
    None,
);
const CALENDAR: Ty = Ty::Struct(
    "HolidayCalendar",
    &[
        f("id", "id", Ty::Str),
        d("name", "name", Ty::Text),
        d("note", "note", Ty::Text),
        f("rules", "rules", Ty::Vec(&RULE)),
    ],
);
const RULE: Ty = Ty::Tagged(
    "Rule",
    "kind",
    &[
        (
            "fixed",
            "Fixed",
            &[
                f("name", "name", Ty::Str),
                f("month", "month", Ty::Int),
                f("day", "day", Ty::Int),
                d("observed", "observed", Ty::Bool),
                d("fromYear", "from_year", Ty::Opt(&Ty::Int)),
            ],
        ),
        (
            "nth_weekday",
            "NthWeekday",
            &[
                f("name", "name", Ty::Str),
                f("month", "month", Ty::Int),
                f("weekday", "weekday", DAY),
                f("nth", "nth", Ty::Int),
                d("fromYear", "from_year", Ty::Opt(&Ty::Int)),
            ],
        ),
        (
            "weekday_between",
            "WeekdayBetween",
            &[
                f("name", "name", Ty::Str),
                f("month", "month", Ty::Int),
                f("weekday", "weekday", DAY),
                f("from", "from", Ty::Int),
                f("to", "to", Ty::Int),
                d("fromYear", "from_year", Ty::Opt(&Ty::Int)),
            ],
        ),
        (
            "easter",
            "Easter",
            &[
                f("name", "name", Ty::Str),
                f("offset", "offset", Ty::Int),
                d("fromYear", "from_year", Ty::Opt(&Ty::Int)),
            ],
        ),
    ],
);

const DIRECTORY: Ty = Ty::Struct(
    "DirectoryData",
    &[d("tenants", "tenants", Ty::Vec(&TENANT))],
);
const TENANT: Ty = Ty::Struct(
    "TenantRecord",
    &[
        f("id", "id", Ty::Str),
        d("name", "name", Ty::Str),
        d("domains", "domains", Ty::Vec(&Ty::Str)),
        d(
            "subscriptions",
            "subscriptions",
            Ty::Opt(&Ty::Vec(&SUBSCRIPTION)),
        ),
        d("note", "note", Ty::Str),
    ],
);
const SUBSCRIPTION: Ty = Ty::Struct(
    "SubscriptionRecord",
    &[
        f("id", "id", Ty::Str),
        f("product", "product", Ty::Str),
        d("productName", "product_name", Ty::Opt(&Ty::Str)),
        d("dynamics", "dynamics", Ty::Opt(&Ty::Bool)),
        d(
            "channel",
            "channel",
            Ty::Enum(
                "Channel",
                &[
                    ("web_direct", "WebDirect"),
                    ("webDirect", "WebDirect"),
                    ("volume_licensing", "VolumeLicensing"),
                    ("volumeLicensing", "VolumeLicensing"),
                    ("vl", "VolumeLicensing"),
                    ("csp", "Csp"),
                    ("unknown", "Unknown"),
                ],
                Some("Unknown"),
            ),
        ),
        d(
            "status",
            "status",
            Ty::Enum(
                "SubscriptionStatus",
                &[
                    ("active", "Active"),
                    ("in_grace", "InGrace"),
                    ("inGrace", "InGrace"),
                    ("grace", "InGrace"),
                    ("expired", "Expired"),
                    ("disabled", "Disabled"),
                    ("suspended", "Suspended"),
                    ("unknown", "Unknown"),
                ],
                Some("Unknown"),
            ),
        ),
        e("provisioned", "provisioned", Ty::Bool, "true"),
        d("activated", "activated", Ty::Opt(&Ty::DateUtc)),
        d(
            "activatedHoursAgo",
            "activated_hours_ago",
            Ty::Opt(&Ty::F64),
        ),
        d("claimedBy", "claimed_by", Ty::Opt(&Ty::Str)),
        d("note", "note", Ty::Str),
    ],
);

const PARTNER: Ty = Ty::Struct(
    "PartnerOrganisation",
    &[
        f("id", "id", Ty::Str),
        f("name", "name", Ty::Str),
        d("users", "users", Ty::Vec(&Ty::Str)),
        f("locations", "locations", Ty::Vec(&LOCATION)),
    ],
);
// `#[serde(default)]` on the container: every key may be missing.
const LOCATION: Ty = Ty::Struct(
    "PartnerLocation",
    &[
        d("mpnId", "mpn_id", Ty::Str),
        d("name", "name", Ty::Str),
        d("country", "country", Ty::Str),
        d("enrolled", "enrolled", Ty::Bool),
    ],
);

/// (data file, generated function, its type, the schema of the file).
pub const FILES: &[(&str, &str, &str, Ty)] = &[
    ("catalog.json", "catalog", "Catalog", CATALOG),
    ("policies.json", "policies", "Vec<Policy>", Ty::Vec(&POLICY)),
    (
        "calendars.json",
        "calendars",
        "Vec<HolidayCalendar>",
        Ty::Vec(&CALENDAR),
    ),
    (
        "demo-directory.json",
        "demo_directory",
        "DirectoryData",
        DIRECTORY,
    ),
    (
        "demo-partners.json",
        "demo_partners",
        "Vec<PartnerOrganisation>",
        Ty::Vec(&PARTNER),
    ),
];

/// The Rust source of every data file (`$OUT_DIR/data.rs`), or what is wrong.
pub fn compile(dir: &std::path::Path) -> Result<String, String> {
    let mut out =
        String::from("// @generated by build.rs (build/data.rs) from data/*.json: do not edit.\n");
    for (file, func, ty, schema) in FILES {
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| format!("data/{file}: {e}"))?;
        let expr = emit(&value, schema).map_err(|e| format!("data/{file}: {e}"))?;
        out.push_str(&format!(
            "\n/// `data/{file}`.\npub(crate) fn {func}() -> {ty} {{\n    {expr}\n}}\n"
        ));
    }
    Ok(out)
}

fn emit(v: &Value, ty: &Ty) -> Result<String, String> {
    let wrong = |what: &str| Err(format!("expected {what}, found {v}"));
    match ty {
        Ty::Str => match v {
            Value::String(s) => Ok(format!("s({s:?})")),
            _ => wrong("a string"),
        },
        Ty::Bool => match v {
            Value::Bool(b) => Ok(b.to_string()),
            _ => wrong("true or false"),
        },
        Ty::Int => match v.as_i64() {
            Some(n) => Ok(n.to_string()),
            None => wrong("an integer"),
        },
        Ty::F64 => match v.as_f64() {
            Some(x) if x.is_finite() => Ok(format!("{x:?}_f64")),
            _ => wrong("a number"),
        },
        Ty::Text => match v {
            Value::Object(m) => {
                let mut pairs = Vec::new();
                for (k, t) in m {
                    match t {
                        Value::String(t) => pairs.push(format!("({k:?}, {t:?})")),
                        _ => return Err(format!("text {k}: expected a string, found {t}")),
                    }
                }
                Ok(format!("t(&[{}])", pairs.join(", ")))
            }
            _ => wrong("a text object"),
        },
        Ty::DateUtc => match v.as_str().and_then(timestamp) {
            Some(secs) => Ok(format!("utc({secs})")),
            None => wrong("a YYYY-MM-DDTHH:MM:SSZ timestamp"),
        },
        Ty::Date => match v.as_str().and_then(date) {
            Some((y, m, d)) => Ok(format!("date({y}, {m}, {d})")),
            None => wrong("a YYYY-MM-DD date"),
        },
        Ty::Opt(inner) => match v {
            Value::Null => Ok("None".into()),
            _ => Ok(format!("Some({})", emit(v, inner)?)),
        },
        Ty::Vec(inner) => match v {
            Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|i| emit(i, inner))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("vec![{}]", items.join(", ")))
            }
            _ => wrong("an array"),
        },
        Ty::Struct(name, fields) => match v {
            Value::Object(m) => Ok(format!("{name} {{ {} }}", emit_fields(m, fields, &[])?)),
            _ => wrong("an object"),
        },
        Ty::Enum(name, names, other) => {
            let s = v
                .as_str()
                .ok_or_else(|| format!("{name}: expected a string, found {v}"))?;
            match names
                .iter()
                .find(|(json, _)| *json == s)
                .map(|(_, var)| *var)
                .or(*other)
            {
                Some(var) => Ok(format!("{name}::{var}")),
                None => Err(format!("{name}: unknown variant {s:?}")),
            }
        }
        Ty::Tagged(name, tag, variants) => {
            let m = v
                .as_object()
                .ok_or_else(|| format!("{name}: expected an object, found {v}"))?;
            let t = m
                .get(*tag)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{name}: no {tag}"))?;
            let (_, var, fields) = variants
                .iter()
                .find(|(json, _, _)| *json == t)
                .ok_or_else(|| format!("{name}: unknown {tag} {t:?}"))?;
            Ok(format!(
                "{name}::{var} {{ {} }}",
                emit_fields(m, fields, &[tag])?
            ))
        }
    }
}

fn emit_fields(m: &Map<String, Value>, fields: &[Field], skip: &[&str]) -> Result<String, String> {
    for k in m.keys() {
        if !skip.contains(&k.as_str()) && !fields.iter().any(|f| f.key == k) {
            // serde ignores unknown keys; the schema should not.
            return Err(format!("key {k:?} is not in build/data.rs's schema"));
        }
    }
    let mut out = Vec::new();
    for field in fields {
        let expr = match (m.get(field.key), &field.missing, &field.ty) {
            (Some(v), _, _) => emit(v, &field.ty).map_err(|e| format!("{}: {e}", field.key))?,
            // serde reads a missing Option as None.
            (None, _, Ty::Opt(_)) => "None".into(),
            (None, Missing::Default, _) => "Default::default()".into(),
            (None, Missing::Expr(expr), _) => (*expr).into(),
            (None, Missing::Required, _) => return Err(format!("missing field {}", field.key)),
        };
        out.push(format!("{}: {expr}", field.name));
    }
    Ok(out.join(", "))
}

fn num(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn date(s: &str) -> Option<(i64, i64, i64)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    ((1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]).then_some((y, m, d))
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ` (days from the civil date:
/// Howard Hinnant's algorithm).
fn timestamp(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let (y, m, d) = date(&s[..10])?;
    let (h, mi, sec) = (num(&s[11..13])?, num(&s[14..16])?, num(&s[17..19])?);
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec)
}
