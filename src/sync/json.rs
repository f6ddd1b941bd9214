//! Reading small JSON objects by hand, for the sync types the app's page
//! reads (settings, the worker's status, conflict views): serde's derived
//! `Deserialize` for them costs several KB of the app's first load each
//! (nested options, enums, sequences), reading a [`Value`] the page has
//! parsed anyway costs little. A key that is missing (or `null`) takes its
//! default; a value of the wrong type is an error, as with the derive.
//! The page writes its messages the same way ([`obj`]): the derived
//! `Serialize` of a type is code of its own per serializer, a [`Value`]
//! built by hand reuses the one `Value` writer the app has anyway.

use serde_json::{Map, Value};

pub type Object = Map<String, Value>;

/// `v` as an object, or an error naming `what`.
pub fn object(v: Value, what: &str) -> Result<Object, String> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(format!("{what}: not an object")),
    }
}

/// A JSON object of `pairs`, in order (for messages written by hand).
pub fn obj(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Object::new();
    // One insert at a time: collecting into the map would sort first, and
    // link a sort of its own.
    for (k, v) in pairs {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn wrong(key: &str) -> String {
    format!("{key}: wrong type")
}

/// The value of `key` unless missing or `null`.
pub fn take(m: &Object, key: &str) -> Option<Value> {
    m.get(key).filter(|v| !v.is_null()).cloned()
}

pub fn string(m: &Object, key: &str) -> Result<Option<String>, String> {
    match take(m, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong(key)),
    }
}

pub fn boolean(m: &Object, key: &str) -> Result<Option<bool>, String> {
    match take(m, key) {
        None => Ok(None),
        Some(v) => v.as_bool().map(Some).ok_or_else(|| wrong(key)),
    }
}

pub fn number(m: &Object, key: &str) -> Result<Option<u64>, String> {
    match take(m, key) {
        None => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or_else(|| wrong(key)),
    }
}

pub fn strings(m: &Object, key: &str) -> Result<Vec<String>, String> {
    match take(m, key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err(wrong(key)),
            })
            .collect(),
        Some(_) => Err(wrong(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_and_null_take_defaults_and_wrong_types_are_errors() {
        let m = object(
            json!({"a": "x", "b": true, "n": 3, "l": ["p", "q"], "z": null, "bad": 1}),
            "t",
        )
        .unwrap();
        assert_eq!(string(&m, "a"), Ok(Some("x".into())));
        assert_eq!(boolean(&m, "b"), Ok(Some(true)));
        assert_eq!(number(&m, "n"), Ok(Some(3)));
        assert_eq!(strings(&m, "l"), Ok(vec!["p".into(), "q".into()]));
        assert_eq!(string(&m, "z"), Ok(None));
        assert_eq!(string(&m, "missing"), Ok(None));
        assert!(string(&m, "bad").is_err());
        assert!(object(json!([1]), "t").is_err());
        assert_eq!(
            obj(vec![("a", "x".into()), ("n", 3.into()), ("b", true.into())]),
            json!({"a": "x", "n": 3, "b": true})
        );
    }
}
