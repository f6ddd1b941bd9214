//! Revision ids (`N-<hash>`), the `_revisions` ancestry of a document,
//! CouchDB's deterministic winner among leaves, and this client's
//! deterministic new revision ids.
//!
//! ```
//! use cpor_desk::sync::rev::{Rev, new_rev, winner};
//! use serde_json::json;
//!
//! let parent = Rev::parse("1-abc").unwrap();
//! let child = new_rev(Some(&parent), false, &json!({"type": "claim"}));
//! assert_eq!(child.pos, 2);
//! assert_eq!(child.hash.len(), 32);
//! // The same parent, flag and body always give the same id.
//! assert_eq!(child, new_rev(Some(&parent), false, &json!({"type": "claim"})));
//!
//! // Non-deleted leaves win over deleted ones, then the highest generation,
//! // then the highest hash.
//! let a = Rev::parse("3-aaa").unwrap();
//! let b = Rev::parse("2-fff").unwrap();
//! let c = Rev::parse("4-000").unwrap();
//! assert_eq!(winner([(&a, false), (&b, false), (&c, true)]), Some(&a));
//! ```

use std::cmp::Ordering;
use std::fmt;

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most revision ids kept in an ancestry (CouchDB's `_revs_limit` is
/// 1000 by default; 100 is plenty to find common ancestors).
pub const MAX_ANCESTRY: usize = 100;

/// The longest hash part accepted from a server.
const MAX_HASH_LEN: usize = 128;

/// A revision id: generation (`pos`) and hash, written `pos-hash`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pub pos: u64,
    pub hash: String,
}

impl Rev {
    /// Parses `N-hash` (N ≥ 1; the hash is 1 to 128 visible ASCII
    /// characters). Anything else is `None`.
    ///
    /// ```
    /// use cpor_desk::sync::rev::Rev;
    /// assert_eq!(Rev::parse("12-ab").unwrap().pos, 12);
    /// for bad in ["", "ab", "0-a", "-a", "1-", "x-a", "1-a b", "99999999999999999999-a"] {
    ///     assert!(Rev::parse(bad).is_none(), "{bad}");
    /// }
    /// ```
    pub fn parse(text: &str) -> Option<Rev> {
        let (pos, hash) = text.split_once('-')?;
        if pos.is_empty() || !pos.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let pos: u64 = pos.parse().ok()?;
        if pos == 0 || !valid_hash(hash) {
            return None;
        }
        Some(Rev {
            pos,
            hash: hash.to_string(),
        })
    }

    /// [`Rev::parse`] of a JSON string.
    pub fn from_json(value: &Value) -> Option<Rev> {
        value.as_str().and_then(Rev::parse)
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

fn valid_hash(hash: &str) -> bool {
    !hash.is_empty() && hash.len() <= MAX_HASH_LEN && hash.bytes().all(|b| b.is_ascii_graphic())
}

/// A document's ancestry as CouchDB writes it in `_revisions`: the
/// generation of the newest revision and the hashes, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

impl Revisions {
    /// The ancestry of a revision whose parents are unknown.
    pub fn of(rev: &Rev) -> Revisions {
        Revisions {
            start: rev.pos,
            ids: vec![rev.hash.clone()],
        }
    }

    /// Reads and checks a `_revisions` object: at least one id, every id a
    /// valid hash, no generation below 1. At most [`MAX_ANCESTRY`] ids are
    /// kept.
    pub fn from_json(value: &Value) -> Option<Revisions> {
        let start = value.get("start")?.as_u64()?;
        let ids = value.get("ids")?.as_array()?;
        let mut out = Vec::with_capacity(ids.len().min(MAX_ANCESTRY));
        for id in ids.iter().take(MAX_ANCESTRY) {
            let id = id.as_str()?;
            if !valid_hash(id) {
                return None;
            }
            out.push(id.to_string());
        }
        let r = Revisions { start, ids: out };
        r.is_valid().then_some(r)
    }

    /// At least one id and no generation below 1.
    pub fn is_valid(&self) -> bool {
        !self.ids.is_empty() && self.start >= self.ids.len() as u64
    }

    /// The newest revision.
    pub fn head(&self) -> Option<Rev> {
        self.ids.first().map(|hash| Rev {
            pos: self.start,
            hash: hash.clone(),
        })
    }

    /// The revisions, newest first.
    pub fn iter(&self) -> impl Iterator<Item = Rev> + '_ {
        self.ids.iter().enumerate().map(|(i, hash)| Rev {
            pos: self.start.saturating_sub(i as u64),
            hash: hash.clone(),
        })
    }

    /// Whether `rev` is this revision or one of its known ancestors.
    pub fn contains(&self, rev: &Rev) -> bool {
        rev.pos <= self.start
            && usize::try_from(self.start - rev.pos)
                .ok()
                .and_then(|i| self.ids.get(i))
                .is_some_and(|h| *h == rev.hash)
    }

    /// The ancestry of a new child revision with hash `hash`.
    pub fn child(&self, hash: &str) -> Revisions {
        let mut ids = Vec::with_capacity(self.ids.len() + 1);
        ids.push(hash.to_string());
        ids.extend(self.ids.iter().take(MAX_ANCESTRY - 1).cloned());
        Revisions {
            start: self.start.saturating_add(1),
            ids,
        }
    }

    /// The newest revision both ancestries contain.
    pub fn common_ancestor(&self, other: &Revisions) -> Option<Rev> {
        self.iter().find(|r| other.contains(r))
    }

    pub fn to_json(&self) -> Value {
        serde_json::json!({"start": self.start, "ids": self.ids})
    }
}

/// How CouchDB orders leaves to pick the winner: non-deleted before deleted,
/// then the higher generation, then the greater hash (byte-wise string
/// comparison), as `pouchdb-merge`'s `winningRev` and CouchDB's
/// `couch_doc:to_doc_info` do.
pub fn leaf_order(a: (&Rev, bool), b: (&Rev, bool)) -> Ordering {
    (!a.1, a.0.pos, a.0.hash.as_str()).cmp(&(!b.1, b.0.pos, b.0.hash.as_str()))
}

/// The winning leaf among `(rev, deleted)` leaves (see [`leaf_order`]).
pub fn winner<'a>(leaves: impl IntoIterator<Item = (&'a Rev, bool)>) -> Option<&'a Rev> {
    leaves
        .into_iter()
        .max_by(|a, b| leaf_order(*a, *b))
        .map(|(rev, _)| rev)
}

/// A new revision id, deterministic: generation `parent.pos + 1` (1 without
/// a parent) and as hash the lowercase hex MD5 of
/// `"<parent rev or empty>\n<0|1 deleted>\n<canonical JSON of body>"`
/// (see [`canonical_json`]). `body` is the document without its `_id`,
/// `_rev`, `_revisions` and `_deleted` fields (attachments are represented
/// by their digests, never their bytes).
///
/// So two replicas that compute the same merge of the same parent write the
/// same revision, and the server sees one revision, not a new conflict; a
/// retried upload of a write whose answer was lost is the same revision too.
pub fn new_rev(parent: Option<&Rev>, deleted: bool, body: &Value) -> Rev {
    let mut hasher = Md5::new();
    if let Some(p) = parent {
        hasher.update(p.to_string().as_bytes());
    }
    hasher.update(if deleted { b"\n1\n" } else { b"\n0\n" });
    hasher.update(canonical_json(body).as_bytes());
    let digest = hasher.finalize();
    let mut hash = String::with_capacity(32);
    for b in digest {
        hash.push(char::from(HEX[usize::from(b >> 4)]));
        hash.push(char::from(HEX[usize::from(b & 15)]));
    }
    Rev {
        pos: parent.map_or(1, |p| p.pos.saturating_add(1)),
        hash,
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// JSON with object keys sorted (by their UTF-8 bytes) and no whitespace;
/// strings and numbers as `serde_json` writes them.
///
/// ```
/// use cpor_desk::sync::rev::canonical_json;
/// let v = serde_json::json!({"b": [1, {"d": 2, "c": "é"}], "a": null});
/// assert_eq!(canonical_json(&v), r#"{"a":null,"b":[1,{"c":"é","d":2}]}"#);
/// ```
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(k) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The digest CouchDB gives an attachment: `md5-<base64 of the MD5>`.
///
/// ```
/// assert_eq!(cpor_desk::sync::rev::attachment_digest(b""), "md5-1B2M2Y8AsgTpgAmY7PhCfg==");
/// ```
pub fn attachment_digest(bytes: &[u8]) -> String {
    use base64::Engine;
    let digest = Md5::digest(bytes);
    format!(
        "md5-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(s: &str) -> Rev {
        Rev::parse(s).unwrap()
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Option<(u64, &str)>)] = &[
            ("1-a", Some((1, "a"))),
            (
                "10-0123456789abcdef0123456789abcdef",
                Some((10, "0123456789abcdef0123456789abcdef")),
            ),
            ("2-a-b", Some((2, "a-b"))),
            ("0-1", None), // _local documents' revisions are not document revisions
            ("", None),
            ("1", None),
            ("1-", None),
            ("-1", None),
            ("+1-a", None),
            (" 1-a", None),
            ("1-a\n", None),
            ("1-é", None),
            ("18446744073709551616-a", None),
        ];
        for (text, want) in cases {
            let got = Rev::parse(text).map(|r| (r.pos, r.hash));
            assert_eq!(got, want.map(|(p, h)| (p, h.to_string())), "{text:?}");
        }
        assert_eq!(r("3-x").to_string(), "3-x");
        assert!(Rev::parse(&format!("1-{}", "a".repeat(129))).is_none());
        assert_eq!(Rev::from_json(&json!(5)), None);
    }

    #[test]
    fn winner_table() {
        // (leaves, expected winner): the rules of pouchdb-merge's winningRev.
        let cases: &[(&[(&str, bool)], &str)] = &[
            (&[("1-a", false)], "1-a"),
            (&[("2-a", false), ("2-b", false)], "2-b"),
            (&[("3-a", false), ("2-z", false)], "3-a"),
            (&[("3-a", true), ("2-z", false)], "2-z"),
            (&[("3-a", true), ("4-b", true)], "4-b"),
            (&[("2-B", false), ("2-a", false)], "2-a"), // byte order: 'a' > 'B'
            (&[("10-a", false), ("9-z", false)], "10-a"), // numeric generations
        ];
        for (leaves, want) in cases {
            let revs: Vec<(Rev, bool)> = leaves.iter().map(|(s, d)| (r(s), *d)).collect();
            let got = winner(revs.iter().map(|(r, d)| (r, *d))).unwrap();
            assert_eq!(got.to_string(), *want, "{leaves:?}");
        }
        assert!(winner(std::iter::empty()).is_none());
    }

    #[test]
    fn revisions_ancestry() {
        let revs = Revisions::from_json(&json!({"start": 3, "ids": ["c", "b", "a"]})).unwrap();
        assert_eq!(revs.head(), Some(r("3-c")));
        assert!(revs.contains(&r("1-a")) && revs.contains(&r("2-b")));
        assert!(!revs.contains(&r("2-a")) && !revs.contains(&r("4-c")));
        let child = revs.child("d");
        assert_eq!(child.start, 4);
        assert_eq!(child.ids, ["d", "c", "b", "a"]);
        let other = Revisions::from_json(&json!({"start": 3, "ids": ["x", "b"]})).unwrap();
        assert_eq!(revs.common_ancestor(&other), Some(r("2-b")));
        let unrelated = Revisions::of(&r("3-q"));
        assert_eq!(revs.common_ancestor(&unrelated), None);
        // Bad shapes are refused.
        for bad in [
            json!({"start": 1, "ids": []}),
            json!({"start": 1, "ids": ["a", "b"]}),
            json!({"start": "1", "ids": ["a"]}),
            json!({"start": 1, "ids": [1]}),
            json!({"ids": ["a"]}),
            json!([1]),
        ] {
            assert!(Revisions::from_json(&bad).is_none(), "{bad}");
        }
        // Absurd generations from a hostile server never overflow.
        let top = Rev::parse(&format!("{}-a", u64::MAX)).unwrap();
        assert_eq!(new_rev(Some(&top), false, &json!({})).pos, u64::MAX);
        assert_eq!(Revisions::of(&top).child("b").start, u64::MAX);
        let odd = Revisions {
            start: 1,
            ids: vec!["a".into(), "b".into(), "c".into()],
        };
        assert!(!odd.is_valid());
        assert_eq!(odd.iter().count(), 3);
        // Long ancestries are capped.
        let long: Vec<String> = (0..300).map(|i| format!("h{i}")).collect();
        let capped = Revisions::from_json(&json!({"start": 300, "ids": long})).unwrap();
        assert_eq!(capped.ids.len(), MAX_ANCESTRY);
        assert_eq!(capped.child("n").ids.len(), MAX_ANCESTRY);
    }

    #[test]
    fn new_revisions_are_deterministic() {
        let body = json!({"b": 1, "a": [true, null]});
        let same_body_other_order = json!({"a": [true, null], "b": 1});
        let first = new_rev(None, false, &body);
        assert_eq!(first.pos, 1);
        assert_eq!(first, new_rev(None, false, &same_body_other_order));
        assert!(
            first
                .hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        let child = new_rev(Some(&first), false, &body);
        assert_eq!(child.pos, 2);
        // Each input changes the id.
        assert_ne!(child.hash, first.hash);
        assert_ne!(new_rev(Some(&first), true, &body), child);
        assert_ne!(
            new_rev(Some(&first), false, &json!({"b": 2, "a": [true, null]})),
            child
        );
        assert_ne!(new_rev(Some(&r("1-other")), false, &body), child);
        // Pinned: the hash of a known input never changes between versions.
        assert_eq!(
            new_rev(None, false, &json!({})).hash,
            format!("{:x}", Md5::digest(b"\n0\n{}"))
        );
    }

    #[test]
    fn digests_match_couchdb() {
        // `md5-` + base64 of the raw MD5, as CouchDB and PouchDB report it.
        assert_eq!(attachment_digest(b"hello"), "md5-XUFAKrxLKna5cZ2REBfFkg==");
    }
}
