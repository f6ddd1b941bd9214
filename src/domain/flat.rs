//! Reading serde's internally tagged enums (`#[serde(tag = "kind")]`)
//! through one flat record (docs/performance.md, "The first load: tagged
//! enums read through flat records").
//!
//! serde's derived `Deserialize` of an internally tagged enum first copies
//! the whole object into a buffer (`Content`) to find the tag, then reads
//! the variant's fields from that copy with a visitor per variant; the
//! buffer's deserializer is instantiated for every type below the enum, so
//! an enum that holds a large graph (the pre-check report holds the
//! evidence notes) costs its whole graph twice. An enum read instead as one
//! record of its tag and every field any variant has (each an `Option`),
//! and then `TryFrom` that record, is read in one pass straight from the
//! JSON text. It reads the same JSON: unknown keys are ignored, a missing
//! required field and an unknown tag are errors, fields with
//! `#[serde(default)]` are optional (and, through [`present`], still refuse
//! `null`, as the derived code does). What it does not read as the derived
//! code does: a tag given as a variant's number or an enum given as a JSON
//! array (serde reads both; nothing writes them), and a field of another
//! variant whose value is not of its type (serde ignores it, the record
//! refuses it; the enums converted have no field name with two types).
//! `tests/native/tagged_enums.rs` and `tests/browser/tagged_enums.rs` hold
//! each converted enum to the derived one it replaced.

use serde::{Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "present")]` for an optional
/// field of a flat record whose variant field is `#[serde(default)]` but
/// not an `Option`: absent is `None`, `null` is an error (as for the
/// variant's own type), anything else is read as `T`.
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The field `name` of a record whose tag is `tag`, or the error that it is
/// missing (the derived code's "missing field" error).
pub fn required<T>(value: Option<T>, tag: &str, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}` of `{tag}`"))
}
