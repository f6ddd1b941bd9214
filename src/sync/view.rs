//! What the app's pages get of team sync: plain data to render and small
//! messages, so the replicator, the merge, the revision trees and the
//! resolution stay in the sync worker (`src/bin/sync-worker.rs`) and out of
//! the app's first load.
//!
//! - [`SyncMeta`]: the three storage calls the app makes (an organisation's
//!   settings, and the conflicts as [`ConflictView`]s). The IndexedDB store
//!   reads a stored conflict straight into a [`ConflictView`]
//!   ([`ConflictView::from_stored`]), skipping its three claim versions and
//!   the server revision it carries.
//! - [`ResolveRequest`] / [`ResolveAnswer`]: the page asks a sync worker to
//!   resolve a conflict with the user's [`Choices`]; the worker runs
//!   [`crate::sync::resolution::resolve_request`] (the status machine's
//!   check, then a normal save) and answers.
//!
//! ```
//! use cpor_desk::domain::claim::Claim;
//! use cpor_desk::storage::block_on;
//! use cpor_desk::sync::merge::{Merge, merge};
//! use cpor_desk::sync::rev::{Rev, Revisions};
//! use cpor_desk::sync::view::{ConflictView, SyncMeta};
//! use cpor_desk::sync::{LocalReplica, MemoryReplica, SyncBase, SyncConflict};
//!
//! let base = Claim { id: "c1".into(), name: "Base".into(), ..Claim::default() };
//! let mine = Claim { name: "Mine".into(), ..base.clone() };
//! let theirs = Claim { name: "Theirs".into(), ..base.clone() };
//! let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else {
//!     unreachable!()
//! };
//! let server = Revisions::of(&Rev::parse("2-abc").unwrap());
//! let local = MemoryReplica::new("r1");
//! block_on(local.record_conflict(SyncConflict {
//!     conflict: *conflict,
//!     parent: SyncBase::confirmed(server, Some(theirs)),
//! }))
//! .unwrap();
//! let views: Vec<ConflictView> = block_on(local.conflict_views()).unwrap();
//! assert_eq!(views[0].id, "c1");
//! assert_eq!(views[0].deleted, None);
//! assert_eq!(views[0].fields[0].path, "name");
//! assert_eq!(views[0].fields[0].mine, "Mine");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json;
use super::merge::{Choices, ConflictKind, FieldConflict, Side, Why};
use super::replica::SyncConflict;
use super::settings::SyncSettings;
use crate::domain::claim::Status;
use crate::domain::roles::Actor;
use crate::storage::Fut;

/// A conflict as the claim page shows it: whether a side deleted the claim,
/// and per conflicting path the field it is in and its value before, here
/// and on the server. Read by hand from a stored [`SyncConflict`]'s JSON
/// ([`ConflictView::from_stored`]): no serde code for the merge's types in
/// the app.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    /// The claim id.
    pub id: String,
    /// `Some(side)`: an edit-versus-delete conflict, `side` deleted it.
    pub deleted: Option<Side>,
    pub fields: Vec<FieldView>,
}

/// One conflicting path ([`FieldConflict`] without its reason's type).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldView {
    /// The key for [`Choices`] (`name`, `customerContact.email`, …).
    pub path: String,
    /// The top-level claim field the path is in (for labels).
    pub field: String,
    /// `Some(status)`: the other side moved the claim to `status`, which
    /// locks this field.
    pub locked: Option<Status>,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn side(v: &Value) -> Option<Side> {
    let id = v.as_str()?;
    [Side::Mine, Side::Theirs]
        .into_iter()
        .find(|s| side_id(*s) == id)
}

fn status(v: &Value) -> Option<Status> {
    let id = v.as_str()?;
    Status::ALL.iter().copied().find(|s| s.id() == id)
}

impl ConflictView {
    /// Reads a stored conflict record (`{"conflict": {…}, "parent": …}`,
    /// the JSON of a [`SyncConflict`]); `None` when it is not one.
    pub fn from_stored(record: &Value) -> Option<ConflictView> {
        let c = record.get("conflict")?;
        let kind = c.get("kind")?;
        let deleted = match kind.get("type")?.as_str()? {
            "fields" => None,
            "editDelete" => Some(side(kind.get("deleted")?)?),
            _ => return None,
        };
        let fields = c
            .get("fields")?
            .as_array()?
            .iter()
            .map(|f| {
                let why = f.get("why")?;
                let locked = match why.get("type")?.as_str()? {
                    "locked" => Some(status(why.get("status")?)?),
                    _ => None,
                };
                let value = |k: &str| f.get(k).cloned().unwrap_or(Value::Null);
                Some(FieldView {
                    path: text(f, "path")?,
                    field: text(f, "field")?,
                    locked,
                    base: value("base"),
                    mine: value("mine"),
                    theirs: value("theirs"),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ConflictView {
            id: text(c, "id")?,
            deleted,
            fields,
        })
    }
}

impl From<&FieldConflict> for FieldView {
    fn from(f: &FieldConflict) -> FieldView {
        FieldView {
            path: f.path.clone(),
            field: f.field.clone(),
            locked: match f.why {
                Why::Locked { status } => Some(status),
                Why::BothChanged => None,
            },
            base: f.base.clone(),
            mine: f.mine.clone(),
            theirs: f.theirs.clone(),
        }
    }
}

impl From<&SyncConflict> for ConflictView {
    fn from(c: &SyncConflict) -> ConflictView {
        ConflictView {
            id: c.conflict.id.clone(),
            deleted: match c.conflict.kind {
                ConflictKind::EditDelete { deleted } => Some(deleted),
                ConflictKind::Fields => None,
            },
            fields: c.conflict.fields.iter().map(FieldView::from).collect(),
        }
    }
}

/// What the app reads and writes of team sync in its storage. Object-safe,
/// async (non-`Send` futures, like [`crate::storage::SyncAdapter`]).
pub trait SyncMeta {
    /// The team-sync settings of a partner organisation (`None`: never set).
    fn sync_settings(&self, org_id: &str) -> Fut<'_, Option<SyncSettings>>;
    /// Stores (or, with `None`, forgets) an organisation's sync settings.
    fn set_sync_settings(&self, org_id: &str, settings: Option<SyncSettings>) -> Fut<'_, ()>;
    /// The conflicts waiting for the user, ready to render.
    fn conflict_views(&self) -> Fut<'_, Vec<ConflictView>>;
}

/// The page's request to resolve a conflict (`{"op":"resolve", …}` to a
/// sync worker, with the IndexedDB name and a request id beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolveRequest {
    pub claim_id: String,
    pub choices: Choices,
    /// Who resolves (checked like an edit by this actor).
    pub actor: Actor,
}

impl ResolveRequest {
    /// The JSON of the derived `Serialize` (which the worker reads back),
    /// written by hand ([`resolve_json`]).
    pub fn to_json(&self) -> Value {
        let paths: Vec<(String, Side)> = self
            .choices
            .paths
            .iter()
            .map(|(path, side)| (path.clone(), *side))
            .collect();
        resolve_json(&self.claim_id, self.choices.default, &paths, &self.actor)
    }
}

/// A [`ResolveRequest`]'s JSON from its parts, as the page writes it (no
/// `Choices` map and no serde code for it in the app; see [`super::json`]):
/// `default` for every path not in `paths`.
pub fn resolve_json(
    claim_id: &str,
    default: Side,
    paths: &[(String, Side)],
    actor: &Actor,
) -> Value {
    let side = |s: Side| Value::from(side_id(s));
    let mut chosen = json::Object::new();
    for (path, s) in paths {
        chosen.insert(path.clone(), side(*s));
    }
    let choices = json::obj(vec![
        ("default", side(default)),
        ("paths", Value::Object(chosen)),
    ]);
    json::obj(vec![
        ("claimId", claim_id.into()),
        ("choices", choices),
        ("actor", actor_json(actor)),
    ])
}

fn side_id(s: Side) -> &'static str {
    match s {
        Side::Mine => "mine",
        Side::Theirs => "theirs",
    }
}

/// An [`Actor`] as its derived `Serialize` writes it.
fn actor_json(actor: &Actor) -> Value {
    let named =
        |kind: &str, name: &str| json::obj(vec![("kind", kind.into()), ("name", name.into())]);
    match actor {
        Actor::Partner { org_id, role, name } => json::obj(vec![
            ("kind", "partner".into()),
            ("orgId", org_id.as_str().into()),
            ("role", role.id().into()),
            ("name", name.as_str().into()),
        ]),
        Actor::Reviewer { name } => named("reviewer", name),
        Actor::Customer { name } => named("customer", name),
        Actor::System => json::obj(vec![("kind", "system".into())]),
    }
}

/// The worker's answer to a [`ResolveRequest`] (serialized by the worker,
/// read by the page with [`ResolveAnswer::from_value`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "camelCase")]
pub enum ResolveAnswer {
    /// Stored as a normal save (or deleted); the tabs were told.
    Resolved,
    /// The actor may not edit this organisation's claims
    /// (`transition.forbidden_role`).
    Forbidden,
    /// The choice changes a field the resulting status locks
    /// (`edit.field_locked`).
    FieldLocked { field: String, status: Status },
    /// No such conflict (resolved meanwhile, e.g. in another tab).
    Missing,
    /// Storage failed (a stale save, a full disk …): its message.
    Failed { detail: String },
}

impl ResolveAnswer {
    /// Reads the worker's answer; anything else is [`ResolveAnswer::Failed`].
    pub fn from_value(v: &Value) -> ResolveAnswer {
        let field_locked = || {
            Some(ResolveAnswer::FieldLocked {
                field: text(v, "field")?,
                status: status(v.get("status")?)?,
            })
        };
        match v.get("result").and_then(Value::as_str) {
            Some("resolved") => ResolveAnswer::Resolved,
            Some("forbidden") => ResolveAnswer::Forbidden,
            Some("missing") => ResolveAnswer::Missing,
            Some("fieldLocked") => field_locked().unwrap_or(ResolveAnswer::Failed {
                detail: v.to_string(),
            }),
            _ => ResolveAnswer::Failed {
                detail: text(v, "detail").unwrap_or_else(|| v.to_string()),
            },
        }
    }
}
