//! The check that an enum read through a flat record (`domain::flat`)
//! reads JSON as the serde-derived internally tagged enum it replaced: used
//! by the native and the browser test crates (`#[path]`), each with the
//! derived enum kept as a reference.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// Both readings of one input: `Ok` with the value written again as JSON
/// (both types write the same shape), or `Err`.
fn both<Old, New>(input: &Value) -> [Result<Value, ()>; 2]
where
    Old: Serialize + DeserializeOwned,
    New: Serialize + DeserializeOwned,
{
    let text = input.to_string();
    let old_text = serde_json::from_str::<Old>(&text).map(|v| serde_json::to_value(v).unwrap());
    let new_text = serde_json::from_str::<New>(&text).map(|v| serde_json::to_value(v).unwrap());
    let old_value =
        serde_json::from_value::<Old>(input.clone()).map(|v| serde_json::to_value(v).unwrap());
    let new_value =
        serde_json::from_value::<New>(input.clone()).map(|v| serde_json::to_value(v).unwrap());
    // From text and from a `Value` alike (the app reads both ways).
    assert_eq!(
        old_text.as_ref().ok(),
        old_value.as_ref().ok(),
        "the reference reads {text} differently from text and from a value"
    );
    assert_eq!(
        new_text.as_ref().ok(),
        new_value.as_ref().ok(),
        "{text} read differently from text and from a value"
    );
    [old_text.map_err(|_| ()), new_text.map_err(|_| ())]
}

/// Asserts that `New` reads as `Old` (the derived tagged enum, with `tag`
/// as its tag key) every sample and its variations: as written (and then
/// writes it byte for byte as `Old` does), with an unknown key, without
/// each field, with each field `null` or of another JSON type, without the
/// tag, with an unknown tag, with each tag in `tags` instead of its own
/// (the fields of one variant given to another), and not an object.
/// Returns how many inputs were compared.
pub fn assert_reads_like<Old, New>(tag: &str, tags: &[&str], samples: &[Old]) -> usize
where
    Old: Serialize + DeserializeOwned + Debug,
    New: Serialize + DeserializeOwned + Debug,
{
    let mut inputs: Vec<Value> = vec![json!(null), json!("x"), json!(7), json!(true), json!({})];
    for sample in samples {
        let text = serde_json::to_string(sample).unwrap();
        let new: New = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{text} is not read: {e} ({sample:?})"));
        assert_eq!(
            serde_json::to_string(&new).unwrap(),
            text,
            "written differently"
        );
        let Value::Object(map) = serde_json::from_str::<Value>(&text).unwrap() else {
            panic!("{text} is not an object");
        };
        assert!(map.contains_key(tag), "{text} has no `{tag}`");
        let with = |f: &dyn Fn(&mut Map<String, Value>)| {
            let mut m = map.clone();
            f(&mut m);
            Value::Object(m)
        };
        inputs.push(Value::Object(map.clone()));
        inputs.push(with(&|m| {
            m.insert("unknownKey".into(), json!([1, {"a": null}]));
        }));
        inputs.push(with(&|m| {
            m.remove(tag);
        }));
        inputs.push(with(&|m| {
            m.insert(tag.into(), json!("noSuchVariant"));
        }));
        for other in tags {
            inputs.push(with(&|m| {
                m.insert(tag.into(), json!(other));
            }));
        }
        for key in map.keys().filter(|k| *k != tag) {
            inputs.push(with(&|m| {
                m.remove(key);
            }));
            for wrong in [
                json!(null),
                json!(-1),
                json!(7),
                json!(1.5),
                json!("x"),
                json!(""),
                json!(false),
                json!([]),
                json!(["x"]),
                json!({}),
            ] {
                inputs.push(with(&|m| {
                    m.insert(key.clone(), wrong.clone());
                }));
            }
        }
    }
    for input in &inputs {
        let [old, new] = both::<Old, New>(input);
        assert_eq!(new, old, "read differently: {input}");
    }
    inputs.len()
}
