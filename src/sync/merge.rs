//! The three-way merge of a claim: local unsynced changes ("mine") and a
//! remote change ("theirs"), both descending from the last synced version
//! ("base"). Pure and deterministic: the same inputs always give the same
//! result, so two replicas that merge the same server conflict write the
//! same revision.
//!
//! Rules, per top-level claim field (the camelCase JSON keys):
//!
//! - a field changed on one side only takes that side's value; changed to
//!   the same value on both sides is no conflict;
//! - `customerContact` and `partnerContact` merge per sub-field (`name`,
//!   `email`, `phone`);
//! - `comments` and `history` are unions (entries are immutable; an entry's
//!   key is its canonical JSON), ordered by time (`at`);
//! - `documents` merge by document id: additions from both sides are kept,
//!   a removal on one side wins over an untouched document, a document
//!   removed on one side and changed on the other is a conflict; a document
//!   on both sides merges per key (its `checklist` per item);
//! - status and the deadline inputs (`status`, the history entries that
//!   change status — their time starts deadlines — and dispute entries,
//!   which count disputes) never auto-merge when both sides changed them:
//!   that is a conflict on `status`. When one side alone changed them, its
//!   status is taken and the other side's field changes are kept only where
//!   the status machine lets a partner change that field in the resulting
//!   status ([`field_editable`], [`document_removable`]); otherwise the
//!   field is a conflict ([`Why::Locked`]);
//! - anything else changed differently on both sides is a conflict, listed
//!   per field path with base, mine and theirs values;
//! - one side deleted and the other changed the claim: an edit/delete
//!   conflict ([`ConflictKind::EditDelete`]); never a silent resurrection or
//!   a silent loss.
//!
//! [`resolve`] builds the claim from the user's choice per conflicting path.
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::sync::merge::{Choices, Merge, Side, merge, resolve};
//!
//! let base = Claim { id: "c".into(), name: "Base".into(), ..Claim::default() };
//! let mine = Claim { tenant_id: "t-mine".into(), ..base.clone() };
//! let theirs = Claim { name: "Theirs".into(), ..base.clone() };
//! // Disjoint edits merge.
//! let Merge::Clean(Some(merged)) = merge(Some(&base), Some(&mine), Some(&theirs)) else { panic!() };
//! assert_eq!((merged.name.as_str(), merged.tenant_id.as_str()), ("Theirs", "t-mine"));
//!
//! // The same field changed differently is a conflict the user resolves.
//! let mine = Claim { name: "Mine".into(), ..base.clone() };
//! let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else { panic!() };
//! assert_eq!(conflict.fields[0].path, "name");
//! let kept = resolve(&conflict, &Choices::new(Side::Theirs).with("name", Side::Mine)).unwrap();
//! assert_eq!(kept.name, "Mine");
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::doc::normalize;
use super::rev::canonical_json;
use crate::domain::claim::{Claim, Status};
use crate::domain::status::{document_removable, field_editable};

/// The conflict path of the edit/delete choice.
pub const DELETED_PATH: &str = "deleted";
/// The conflict path of the status (with its status-changing history).
pub const STATUS_PATH: &str = "status";
/// The conflict path used when the claim must be chosen as a whole.
pub const WHOLE_PATH: &str = "claim";

/// One side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// This browser's unsynced version.
    Mine,
    /// The server's version.
    Theirs,
}

/// What kind of conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ConflictKind {
    /// Fields changed differently on both sides ([`Conflict::fields`]).
    Fields,
    /// One side deleted the claim, the other changed it.
    EditDelete { deleted: Side },
}

/// Why a field is in conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Why {
    /// Both sides changed it differently.
    BothChanged,
    /// One side alone moved the claim to `status`, where the other side's
    /// change of this field is not allowed.
    Locked { status: Status },
}

/// One conflicting field, with its three values (`null` when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldConflict {
    /// The key for [`Choices`]: `name`, `customerContact.email`,
    /// `documents[<id>]`, `documents[<id>].checklist.names`, `status`,
    /// `deleted`, `claim`.
    pub path: String,
    /// The top-level claim field the path is in (for labels).
    pub field: String,
    pub why: Why,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
}

/// A merge that needs the user. Keeps the three versions, so
/// [`resolve`] can build the result from the choices at any later time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The claim id.
    pub id: String,
    pub kind: ConflictKind,
    pub base: Option<Claim>,
    /// `None`: deleted on this side.
    pub mine: Option<Claim>,
    pub theirs: Option<Claim>,
    pub fields: Vec<FieldConflict>,
}

/// The outcome of [`merge`].
// A clean merge is the common case and is returned once per merge: boxing
// the claim would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Merged without help; `None` means the claim is deleted.
    Clean(Option<Claim>),
    Conflict(Box<Conflict>),
}

/// The user's choices: a side per conflict path, and a default for the
/// paths not named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Choices {
    pub default: Side,
    pub paths: BTreeMap<String, Side>,
}

impl Choices {
    /// Every path takes `default` until named with [`Choices::with`].
    pub fn new(default: Side) -> Choices {
        Choices {
            default,
            paths: BTreeMap::new(),
        }
    }

    pub fn with(mut self, path: impl Into<String>, side: Side) -> Choices {
        self.paths.insert(path.into(), side);
        self
    }

    pub fn side(&self, path: &str) -> Side {
        self.paths.get(path).copied().unwrap_or(self.default)
    }
}

/// Merges `mine` and `theirs` (each `None` when deleted on that side) from
/// their common ancestor `base` (`None`: no common version is known). The
/// per-browser `revision` counter is ignored; the result has revision 0.
pub fn merge(base: Option<&Claim>, mine: Option<&Claim>, theirs: Option<&Claim>) -> Merge {
    let (b, m, t) = (
        base.map(normalize),
        mine.map(normalize),
        theirs.map(normalize),
    );
    if m == t {
        return Merge::Clean(m);
    }
    if m == b {
        return Merge::Clean(t);
    }
    if t == b {
        return Merge::Clean(m);
    }
    let id = m
        .as_ref()
        .or(t.as_ref())
        .or(b.as_ref())
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let (kind, fields) = match (&m, &t) {
        (Some(mc), Some(tc)) => {
            let mut engine = Engine::new(None);
            match engine.run(b.as_ref(), mc, tc) {
                Some(merged) if engine.conflicts.is_empty() => return Merge::Clean(Some(merged)),
                Some(_) => (ConflictKind::Fields, engine.conflicts),
                None => (ConflictKind::Fields, vec![whole(&b, &m, &t)]),
            }
        }
        (None, _) | (_, None) => {
            let deleted = if m.is_none() {
                Side::Mine
            } else {
                Side::Theirs
            };
            let field = FieldConflict {
                path: DELETED_PATH.to_string(),
                field: DELETED_PATH.to_string(),
                why: Why::BothChanged,
                base: Value::Bool(b.is_none()),
                mine: Value::Bool(m.is_none()),
                theirs: Value::Bool(t.is_none()),
            };
            (ConflictKind::EditDelete { deleted }, vec![field])
        }
    };
    Merge::Conflict(Box::new(Conflict {
        id,
        kind,
        base: b,
        mine: m,
        theirs: t,
        fields,
    }))
}

/// Builds the claim from the user's choices (`None`: the claim stays
/// deleted). Fields that merged cleanly keep their merged value; each
/// conflicting path takes the chosen side's value; choosing a side for
/// `status` takes that side's status and its status-changing history
/// entries (the other side's are dropped).
pub fn resolve(conflict: &Conflict, choices: &Choices) -> Option<Claim> {
    let pick = |side: Side| match side {
        Side::Mine => conflict.mine.clone(),
        Side::Theirs => conflict.theirs.clone(),
    };
    if let ConflictKind::EditDelete { .. } = conflict.kind {
        return pick(choices.side(DELETED_PATH));
    }
    let (Some(m), Some(t)) = (&conflict.mine, &conflict.theirs) else {
        return pick(choices.side(WHOLE_PATH));
    };
    if conflict.fields.iter().any(|f| f.path == WHOLE_PATH) {
        return pick(choices.side(WHOLE_PATH));
    }
    Engine::new(Some(choices))
        .run(conflict.base.as_ref(), m, t)
        .or_else(|| pick(choices.side(WHOLE_PATH)))
}

fn whole(b: &Option<Claim>, m: &Option<Claim>, t: &Option<Claim>) -> FieldConflict {
    let v = |c: &Option<Claim>| serde_json::to_value(c).unwrap_or(Value::Null);
    FieldConflict {
        path: WHOLE_PATH.to_string(),
        field: WHOLE_PATH.to_string(),
        why: Why::BothChanged,
        base: v(b),
        mine: v(m),
        theirs: v(t),
    }
}

/// The merge itself, on the claims' JSON objects. With `choices`, every
/// conflict is decided at once; without, conflicts are recorded (and theirs
/// is used as a placeholder).
struct Engine<'c> {
    choices: Option<&'c Choices>,
    conflicts: Vec<FieldConflict>,
    /// The side that alone changed the status, and the resulting status.
    lock: Option<(Side, Status)>,
}

const NULL: Value = Value::Null;

/// A path's base, mine and theirs values.
type Vals<'v> = (&'v Value, &'v Value, &'v Value);

impl<'c> Engine<'c> {
    fn new(choices: Option<&'c Choices>) -> Self {
        Engine {
            choices,
            conflicts: Vec::new(),
            lock: None,
        }
    }

    fn run(&mut self, base: Option<&Claim>, mine: &Claim, theirs: &Claim) -> Option<Claim> {
        let fallback_base = Claim {
            id: mine.id.clone(),
            ..Claim::default()
        };
        let b = to_map(base.unwrap_or(&fallback_base));
        let m = to_map(mine);
        let t = to_map(theirs);
        let get = |map: &Map<String, Value>, k: &str| map.get(k).cloned().unwrap_or(NULL);
        let (status, history) = self.status_and_history(
            (&get(&b, "status"), &get(&m, "status"), &get(&t, "status")),
            (
                &get(&b, "history"),
                &get(&m, "history"),
                &get(&t, "history"),
            ),
        );
        let mut out = Map::new();
        for key in key_union(&m, &t, &b) {
            let (bv, mv, tv) = (get(&b, key), get(&m, key), get(&t, key));
            let value = match key.as_str() {
                "revision" | "status" | "history" => continue,
                "id" => mv,
                "comments" => union(&bv, &mv, &tv),
                "documents" => self.documents(&bv, &mv, &tv),
                "customerContact" | "partnerContact" => self.object(key, key, (&bv, &mv, &tv), &[]),
                _ => self.three_way(key, key, &bv, &mv, &tv),
            };
            if !value.is_null() {
                out.insert(key.clone(), value);
            }
        }
        out.insert("status".into(), status);
        out.insert("history".into(), history);
        serde_json::from_value(Value::Object(out)).ok()
    }

    /// Decides a conflicting path: the chosen side, or (recording the
    /// conflict) theirs as a placeholder.
    fn decide(&mut self, path: &str, field: &str, why: Why, vals: Vals) -> Side {
        if let Some(choices) = self.choices {
            return choices.side(path);
        }
        let (b, m, t) = vals;
        self.conflicts.push(FieldConflict {
            path: path.to_string(),
            field: field.to_string(),
            why,
            base: b.clone(),
            mine: m.clone(),
            theirs: t.clone(),
        });
        Side::Theirs
    }

    /// The decided value of a conflicting path.
    fn conflict(&mut self, path: &str, field: &str, why: Why, vals: Vals) -> Value {
        match self.decide(path, field, why, vals) {
            Side::Mine => vals.1.clone(),
            Side::Theirs => vals.2.clone(),
        }
    }

    /// The status `side`'s change of `field` must respect, when the other
    /// side alone changed the status and `allowed` refuses it there.
    fn locked(&self, side: Side, allowed: impl Fn(Status) -> bool) -> Option<Status> {
        match self.lock {
            Some((status_side, status)) if status_side != side && !allowed(status) => Some(status),
            _ => None,
        }
    }

    /// Takes `side`'s change of `field` (value `v`), unless it is locked.
    fn take(&mut self, side: Side, path: &str, field: &str, vals: Vals) -> Value {
        let (b, m, t) = vals;
        if let Some(status) = self.locked(side, |s| field_editable(s, field)) {
            return self.conflict(path, field, Why::Locked { status }, (b, m, t));
        }
        match side {
            Side::Mine => m.clone(),
            Side::Theirs => t.clone(),
        }
    }

    fn three_way(&mut self, path: &str, field: &str, b: &Value, m: &Value, t: &Value) -> Value {
        if m == t {
            m.clone()
        } else if m == b {
            self.take(Side::Theirs, path, field, (b, m, t))
        } else if t == b {
            self.take(Side::Mine, path, field, (b, m, t))
        } else {
            self.conflict(path, field, Why::BothChanged, (b, m, t))
        }
    }

    /// Merges two objects key by key (`nested` keys one level deeper);
    /// anything that is not an object merges as a whole.
    fn object(&mut self, path: &str, field: &str, vals: Vals, nested: &[&str]) -> Value {
        let (b, m, t) = vals;
        let (Some(mo), Some(to)) = (m.as_object(), t.as_object()) else {
            return self.three_way(path, field, b, m, t);
        };
        if m == t {
            return m.clone();
        }
        let empty = Map::new();
        let bo = b.as_object().unwrap_or(&empty);
        let mut out = Map::new();
        for k in key_union(mo, to, bo) {
            let sub = format!("{path}.{k}");
            let kv = (
                bo.get(k).unwrap_or(&NULL),
                mo.get(k).unwrap_or(&NULL),
                to.get(k).unwrap_or(&NULL),
            );
            let v = if nested.contains(&k.as_str()) {
                self.object(&sub, field, kv, &[])
            } else {
                self.three_way(&sub, field, kv.0, kv.1, kv.2)
            };
            if !v.is_null() {
                out.insert(k.clone(), v);
            }
        }
        Value::Object(out)
    }

    /// Documents by id: see the module doc.
    fn documents(&mut self, b: &Value, m: &Value, t: &Value) -> Value {
        let (bl, ml, tl) = (
            keyed(b, Some("id")),
            keyed(m, Some("id")),
            keyed(t, Some("id")),
        );
        let (bi, mi, ti) = (index(&bl), index(&ml), index(&tl));
        let find = |map: &BTreeMap<&str, &Value>, key: &str| map.get(key).map(|v| (*v).clone());
        let mut order: Vec<String> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (k, _) in &bl {
            if seen.insert(k) {
                order.push(k.clone());
            }
        }
        order.extend(new_keys(&bl, &ml, &tl, "addedAt"));
        let mut out = Vec::new();
        for key in order {
            let path = format!("documents[{key}]");
            let field = "documents";
            let v = match (find(&bi, &key), find(&mi, &key), find(&ti, &key)) {
                (Some(bv), Some(mv), Some(tv)) => {
                    self.object(&path, field, (&bv, &mv, &tv), &["checklist"])
                }
                (Some(bv), Some(mv), None) => self.removed(Side::Theirs, &path, (&bv, &mv, &NULL)),
                (Some(bv), None, Some(tv)) => self.removed(Side::Mine, &path, (&bv, &NULL, &tv)),
                (None, Some(mv), None) => self.take(Side::Mine, &path, field, (&NULL, &mv, &NULL)),
                (None, None, Some(tv)) => {
                    self.take(Side::Theirs, &path, field, (&NULL, &NULL, &tv))
                }
                (None, Some(mv), Some(tv)) => {
                    self.object(&path, field, (&NULL, &mv, &tv), &["checklist"])
                }
                (Some(_), None, None) | (None, None, None) => NULL,
            };
            if !v.is_null() {
                out.push(v);
            }
        }
        Value::Array(out)
    }

    /// A document `side` removed while the other side kept it.
    fn removed(&mut self, side: Side, path: &str, vals: Vals) -> Value {
        let (b, m, t) = vals;
        let kept = match side {
            Side::Mine => t,
            Side::Theirs => m,
        };
        if kept != b {
            return self.conflict(path, "documents", Why::BothChanged, vals);
        }
        if let Some(status) = self.locked(side, document_removable) {
            return self.conflict(path, "documents", Why::Locked { status }, vals);
        }
        NULL
    }

    /// The status and the history (see the module doc); sets the lock.
    fn status_and_history(
        &mut self,
        status: (&Value, &Value, &Value),
        history: (&Value, &Value, &Value),
    ) -> (Value, Value) {
        let (bs, ms, ts) = status;
        let (bl, ml, tl) = (
            keyed(history.0, None),
            keyed(history.1, None),
            keyed(history.2, None),
        );
        let base_keys: BTreeSet<&String> = bl.iter().map(|(k, _)| k).collect();
        let status_keys = |list: &[(String, &Value)]| -> BTreeSet<String> {
            list.iter()
                .filter(|(k, v)| !base_keys.contains(k) && changes_status(v))
                .map(|(k, _)| k.clone())
                .collect()
        };
        let (sm, st) = (status_keys(&ml), status_keys(&tl));
        let mine_changed = ms != bs || !sm.is_empty();
        let theirs_changed = ts != bs || !st.is_empty();
        let parse = |v: &Value| serde_json::from_value::<Status>(v.clone()).ok();
        // Whose status-changing entries are kept.
        let (status_value, keep) = match (mine_changed, theirs_changed) {
            (true, true) if ms == ts && sm == st => (ms.clone(), Some(Side::Mine)),
            (true, true) => {
                let side = self.decide(STATUS_PATH, STATUS_PATH, Why::BothChanged, (bs, ms, ts));
                (if side == Side::Mine { ms } else { ts }.clone(), Some(side))
            }
            (true, false) => {
                self.lock = parse(ms).map(|s| (Side::Mine, s));
                (ms.clone(), Some(Side::Mine))
            }
            (false, true) => {
                self.lock = parse(ts).map(|s| (Side::Theirs, s));
                (ts.clone(), Some(Side::Theirs))
            }
            (false, false) => (bs.clone(), None),
        };
        let dropped = match keep {
            Some(Side::Mine) => &st,
            Some(Side::Theirs) => &sm,
            None => &BTreeSet::new(),
        };
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let present: BTreeSet<&String> = ml.iter().chain(&tl).map(|(k, _)| k).collect();
        for (k, v) in &bl {
            if present.contains(k) && seen.insert(k.clone()) {
                entries.push((k.clone(), (*v).clone()));
            }
        }
        let mut new: Vec<(String, Value)> = ml
            .iter()
            .chain(&tl)
            // New entries, less the dropped side's status changes (an entry
            // on both sides is one event and stays).
            .filter(|(k, _)| {
                (!base_keys.contains(k) && !dropped.contains(k))
                    || (sm.contains(k) && st.contains(k))
            })
            .map(|(k, v)| (k.clone(), (*v).clone()))
            .collect();
        new.sort_by_cached_key(|(k, v)| (time(v, "at"), k.clone()));
        for (k, v) in new {
            if seen.insert(k.clone()) {
                entries.push((k, v));
            }
        }
        entries.sort_by_cached_key(|(_, v)| time(v, "at"));
        (
            status_value,
            Value::Array(entries.into_iter().map(|(_, v)| v).collect()),
        )
    }
}

/// A history entry that changes status (its time starts deadlines) or
/// counts as a dispute.
fn changes_status(entry: &Value) -> bool {
    entry.get("to").is_some_and(|v| !v.is_null())
        || entry.pointer("/action/type").and_then(Value::as_str) == Some("disputed")
}

/// The keys of three objects, each once: mine's order, then the others'.
fn key_union<'m>(
    m: &'m Map<String, Value>,
    t: &'m Map<String, Value>,
    b: &'m Map<String, Value>,
) -> Vec<&'m String> {
    let mut keys: Vec<&String> = m.keys().collect();
    for k in t.keys().chain(b.keys()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

fn to_map(claim: &Claim) -> Map<String, Value> {
    match serde_json::to_value(claim) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The time in an entry's `key` field (entries without one sort first).
fn time(v: &Value, key: &str) -> Option<DateTime<Utc>> {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.to_utc())
}

/// The entries of a JSON array with their keys: the string at `id_key`, or
/// (no `id_key`, or no such string) the entry's canonical JSON.
fn keyed<'v>(list: &'v Value, id_key: Option<&str>) -> Vec<(String, &'v Value)> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| {
                    let key = id_key
                        .and_then(|k| v.get(k))
                        .and_then(Value::as_str)
                        .map_or_else(|| canonical_json(v), str::to_string);
                    (key, v)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The keys of `m` and `t` not in `b`, once each, ordered by the entries'
/// time field and then key (so the order does not depend on the side).
fn new_keys(
    b: &[(String, &Value)],
    m: &[(String, &Value)],
    t: &[(String, &Value)],
    time_key: &str,
) -> Vec<String> {
    let mut seen: BTreeSet<&str> = b.iter().map(|(k, _)| k.as_str()).collect();
    let mut new: Vec<(Option<DateTime<Utc>>, String)> = Vec::new();
    for (k, v) in m.iter().chain(t) {
        if seen.insert(k) {
            new.push((time(v, time_key), k.clone()));
        }
    }
    new.sort();
    new.into_iter().map(|(_, k)| k).collect()
}

/// A keyed list's entries by key (the first of equal keys).
fn index<'l, 'v>(list: &'l [(String, &'v Value)]) -> BTreeMap<&'l str, &'v Value> {
    let mut map = BTreeMap::new();
    for (k, v) in list {
        map.entry(k.as_str()).or_insert(*v);
    }
    map
}

/// The union of immutable entries (comments): base entries still on either
/// side, then new ones from both, ordered by time.
fn union(b: &Value, m: &Value, t: &Value) -> Value {
    let (bl, ml, tl) = (keyed(b, None), keyed(m, None), keyed(t, None));
    let sides: Vec<(String, &Value)> = ml.iter().chain(&tl).cloned().collect();
    let on_a_side = index(&sides);
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out: Vec<Value> = Vec::new();
    for (k, v) in &bl {
        if on_a_side.contains_key(k.as_str()) && seen.insert(k) {
            out.push((*v).clone());
        }
    }
    for k in new_keys(&bl, &ml, &tl, "at") {
        if let Some(v) = on_a_side.get(k.as_str()) {
            out.push((*v).clone());
        }
    }
    out.sort_by_cached_key(|v| time(v, "at"));
    Value::Array(out)
}
