//! The claim JSON without serde (docs/embed.md#bridge): the claim and the
//! other argument and result shapes of the embeddable module's JS API, read
//! from and written to a plain JSON tree ([`Json`]) by hand-written,
//! non-generic code; and a claim's stored size.
//!
//! serde's derived (de)serialisers for the claim graph, `Event`, `Policy`
//! and the directory were most of the module's bytes; the domain types keep
//! their derives for the app's storage, but the module's code paths use only
//! this. tests/native/bridge.rs holds it to serde's shape: for generated
//! inputs, [`read`] accepts and rejects what serde_json does and reads the
//! same value, and [`write`] writes what serde writes. The JS edge
//! (`src/embed.rs`) only turns a `JsValue` into a [`Json`] and back.
//!
//! ```
//! use cpor_desk::domain::json::{Json, read};
//! let json = Json::Obj(vec![("name".into(), Json::Str("Contoso CRM".into()))]);
//! assert_eq!(read::claim(&json).unwrap().name, "Contoso CRM");
//! let err = read::claim(&Json::Obj(vec![("revision".into(), Json::num(1.5))])).unwrap_err();
//! assert_eq!(err.to_string(), ".revision: expected a whole number from 0, found a number");
//! ```

pub mod read;
pub mod write;

use std::fmt;

/// A JSON value; object keys keep their order. A number is serde_json's
/// (an integer, or a float): what serde_json reads from the JSON text.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }

    /// A number JavaScript holds, as serde_json reads the text JavaScript
    /// writes for it (`JSON.stringify`): whole numbers below 1e21 are
    /// written as digits (an integer where it fits u64 or i64), everything
    /// else as a float.
    pub fn num(n: f64) -> Json {
        use serde_json::Number;
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        Json::Num(
            if n.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&n) {
                Number::from(n as u64)
            } else if n.fract() == 0.0 && (-TWO_63..0.0).contains(&n) {
                Number::from(n as i64)
            } else {
                Number::from_f64(n).unwrap_or_else(|| Number::from(0u8))
            },
        )
    }

    /// The number as JavaScript holds it.
    pub fn as_f64(n: &serde_json::Number) -> f64 {
        n.as_f64().unwrap_or(0.0)
    }

    /// The tree of a `serde_json::Value`.
    pub fn from_value(value: &serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Num(n.clone()),
            Value::String(s) => Json::Str(s.clone()),
            Value::Array(a) => Json::Arr(a.iter().map(Json::from_value).collect()),
            Value::Object(o) => Json::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), Json::from_value(v)))
                    .collect(),
            ),
        }
    }
}

/// Why a value could not be read: where (`.products[0].subscriptionId`,
/// empty for the value itself) and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: String,
    pub problem: String,
}

impl Json {
    /// The `serde_json::Value` of this tree.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Num(n) => Value::Number(n.clone()),
            Json::Str(s) => Value::String(s.clone()),
            Json::Arr(a) => Value::Array(a.iter().map(Json::to_value).collect()),
            Json::Obj(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
            }
        }
    }

    /// The length in bytes of serde_json's compact text of this value
    /// (`serde_json::to_vec(..).len()`), without writing it.
    pub fn text_len(&self) -> usize {
        match self {
            Json::Null => 4,
            Json::Bool(b) => 4 + usize::from(!b),
            Json::Num(n) => n.to_string().len(),
            Json::Str(s) => str_len(s),
            Json::Arr(a) => 1 + a.iter().map(|v| v.text_len() + 1).sum::<usize>().max(1),
            Json::Obj(o) => {
                1 + o
                    .iter()
                    .map(|(k, v)| str_len(k) + 1 + v.text_len() + 1)
                    .sum::<usize>()
                    .max(1)
            }
        }
    }
}

/// The length of a string as serde_json writes it: quoted, with `"` and `\`
/// and the control characters escaped (`\n`, or `\u00XX` where JSON has no
/// short escape).
fn str_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

impl Error {
    fn new(problem: String) -> Error {
        Error {
            path: String::new(),
            problem,
        }
    }

    /// The same error one level further out (`segment` is `.key` or `[i]`).
    fn at(mut self, segment: &str) -> Error {
        self.path.insert_str(0, segment);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}
