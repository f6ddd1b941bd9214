//! The localStorage key layout, in one place. [`super::local`] (the
//! localStorage adapter), [`super::prefs`] (preferences) and
//! [`super::watch`] (other tabs' `storage` events) build and read keys only
//! through this module, which depends on nothing.
//!
//! Every key is `{prefix}{part}{name}`; the app's prefix is
//! [`LOCAL_PREFIX`] (`cpor-desk:`):
//!
//! | key | value | written by |
//! |---|---|---|
//! | `{prefix}pref:{name}` | a preference as JSON | `prefs` (always under [`LOCAL_PREFIX`]) |
//! | `{prefix}claim:{id}` | the [`encode_claim`](super::encode_claim) JSON text | `local::LocalStore` |
//! | `{prefix}doc:{id}` | a [`StoredDocument`](super::StoredDocument) as JSON (bytes in base64) | `local::LocalStore` |
//! | `{prefix}quarantine:{key}` | a [`Quarantined`](super::Quarantined) as JSON | `local::LocalStore` |
//! | `{prefix}meta` | `{"schemaVersion": 1}` | `local::LocalStore` |
//! | `{prefix}probe` | `1`, removed at once (the write test on opening) | `local::LocalStore` |
//!
//! ```
//! use cpor_desk::storage::keys::{self, Part};
//!
//! assert_eq!(keys::pref("locale"), "cpor-desk:pref:locale");
//! assert_eq!(keys::key("cpor-desk:", Part::Claim, "c1"), "cpor-desk:claim:c1");
//! assert_eq!(keys::parse("cpor-desk:", "cpor-desk:doc:d1"), Some((Part::Doc, "d1")));
//! assert_eq!(keys::parse("cpor-desk:", "other:claim:c1"), None);
//! ```

/// The key prefix of the app's localStorage (`cpor-desk:claim:…`,
/// `cpor-desk:pref:…`).
pub const LOCAL_PREFIX: &str = "cpor-desk:";

/// A part of the layout: what follows the prefix, before the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `pref:{name}`: a preference.
    Pref,
    /// `claim:{id}`: a claim record.
    Claim,
    /// `doc:{id}`: a document's bytes.
    Doc,
    /// `quarantine:{key}`: a record that could not be read.
    Quarantine,
    /// `meta`: the schema record (no name).
    Meta,
    /// `probe`: the write test when the store opens (no name).
    Probe,
}

impl Part {
    const ALL: [Part; 6] = [
        Part::Pref,
        Part::Claim,
        Part::Doc,
        Part::Quarantine,
        Part::Meta,
        Part::Probe,
    ];

    /// The text of the part in a key: `pref:`, `claim:`, `doc:`,
    /// `quarantine:`, `meta`, `probe`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Pref => "pref:",
            Part::Claim => "claim:",
            Part::Doc => "doc:",
            Part::Quarantine => "quarantine:",
            Part::Meta => "meta",
            Part::Probe => "probe",
        }
    }
}

/// The key of `name` in `part` under `prefix`.
pub fn key(prefix: &str, part: Part, name: &str) -> String {
    format!("{prefix}{}{name}", part.as_str())
}

/// The key of the preference `name`: `cpor-desk:pref:{name}`.
pub fn pref(name: &str) -> String {
    key(LOCAL_PREFIX, Part::Pref, name)
}

/// The part and name of a key under `prefix`; `None` for a key outside the
/// prefix or outside the layout. `meta` and `probe` only match exactly
/// (their name is empty).
pub fn parse<'a>(prefix: &str, key: &'a str) -> Option<(Part, &'a str)> {
    let rest = key.strip_prefix(prefix)?;
    Part::ALL.into_iter().find_map(|part| {
        let name = rest.strip_prefix(part.as_str())?;
        match part {
            Part::Meta | Part::Probe if !name.is_empty() => None,
            _ => Some((part, name)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_round_trips() {
        for part in Part::ALL {
            let name = match part {
                Part::Meta | Part::Probe => "",
                _ => "x1",
            };
            let k = key("p:", part, name);
            assert_eq!(parse("p:", &k), Some((part, name)), "{k}");
        }
    }

    #[test]
    fn the_app_layout_is_as_documented() {
        assert_eq!(pref("wizard-draft"), "cpor-desk:pref:wizard-draft");
        assert_eq!(key(LOCAL_PREFIX, Part::Meta, ""), "cpor-desk:meta");
        assert_eq!(key(LOCAL_PREFIX, Part::Probe, ""), "cpor-desk:probe");
        assert_eq!(
            key(LOCAL_PREFIX, Part::Quarantine, "q"),
            "cpor-desk:quarantine:q"
        );
    }

    #[test]
    fn keys_outside_the_layout_are_not_parsed() {
        assert_eq!(parse(LOCAL_PREFIX, "cpor-desk:metadata"), None);
        assert_eq!(parse(LOCAL_PREFIX, "cpor-desk:other:x"), None);
        assert_eq!(parse(LOCAL_PREFIX, "claim:x"), None);
        assert_eq!(parse("test:", "cpor-desk:claim:x"), None);
        // An empty name still names its part (a claim saved with id "").
        assert_eq!(
            parse(LOCAL_PREFIX, "cpor-desk:claim:"),
            Some((Part::Claim, ""))
        );
    }
}
