//! What the replicator needs from this browser's storage:
//! [`LocalReplica`], and the sync metadata it keeps next to the claims.
//!
//! Phase 2 implements the trait over IndexedDB (the claims through the
//! existing store, the metadata in its own object stores);
//! [`crate::sync::memory::MemoryReplica`] implements it in memory for tests.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::SyncError;
use super::doc::normalize;
use super::merge::{Choices, Conflict, resolve};
use super::rev::{Rev, Revisions};
use super::view::SyncMeta;
use crate::domain::claim::Claim;
use crate::storage::{Fut, Quarantined, Snapshot, StoredDocument};

/// The last synced version of one claim document ("base"): the revision
/// this browser and the server last agreed on, its ancestry, and its body.
/// Local changes are the difference between the stored claim and
/// [`SyncBase::claim`]; a three-way merge uses it as the common ancestor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncBase {
    /// The revision (its head) and its known ancestors.
    pub revisions: Revisions,
    pub deleted: bool,
    /// The claim at that revision (revision counter 0); `None` when deleted.
    pub claim: Option<Claim>,
    /// The server is known to hold this revision (false after a server
    /// reset, or when this browser starts syncing with another database:
    /// the next push checks and re-sends it).
    pub confirmed: bool,
    /// Server leaves that lost a conflict resolved here; the next push ends
    /// each with a deleted child revision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub losers: Vec<String>,
}

impl SyncBase {
    /// The base of a revision the server holds.
    pub fn confirmed(revisions: Revisions, claim: Option<Claim>) -> SyncBase {
        SyncBase {
            revisions,
            deleted: claim.is_none(),
            claim: claim.map(|c| normalize(&c)),
            confirmed: true,
            losers: Vec::new(),
        }
    }

    /// The base revision (`None` only for an invalid, empty ancestry).
    pub fn rev(&self) -> Option<Rev> {
        self.revisions.head()
    }

    /// Whether `claim` (the stored claim, `None` when deleted here) differs
    /// from this base.
    pub fn differs_from(&self, claim: Option<&Claim>) -> bool {
        match claim {
            None => !self.deleted,
            Some(c) => self.deleted || self.claim.as_ref() != Some(&normalize(c)),
        }
    }
}

/// A conflict waiting for the user, with the server version its resolution
/// will be written on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflict {
    pub conflict: Conflict,
    /// The server's version (the winner): the base after the resolution, so
    /// the resolution is pushed as its child; its `losers` are the other
    /// server leaves, ended at the same time.
    pub parent: SyncBase,
}

impl SyncConflict {
    /// The claim id.
    pub fn id(&self) -> &str {
        &self.conflict.id
    }
}

/// A document the server refused (e.g. `forbidden` by a validation
/// function). It is not sent again while the same revision would be sent
/// (the document has not changed since), unless the user asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushError {
    /// The document id (`claim:…` or `file:…`).
    pub doc_id: String,
    /// The refused revision.
    pub rev: String,
    /// The server's reason, shown as "refused by the server: reason".
    pub reason: String,
}

impl PushError {
    pub fn to_error(&self) -> SyncError {
        SyncError::Refused {
            id: self.doc_id.clone(),
            reason: self.reason.clone(),
        }
    }
}

/// A claim whose stored state differs from its base, or whose base must be
/// (re)sent.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    /// The claim id.
    pub id: String,
    /// The stored claim; `None` when deleted here.
    pub local: Option<Claim>,
    pub base: Option<SyncBase>,
}

/// What a pulled batch stores for one claim ([`LocalReplica::store_pulled`]);
/// each also clears the claim's recorded conflict.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // `Apply` is the usual one; boxing it gains nothing
pub enum PulledWrite {
    /// Saves `claim` ([`LocalReplica::apply_remote`]) with its base.
    Apply { claim: Claim, base: SyncBase },
    /// Deletes the claim here ([`LocalReplica::delete_local`]) with its base.
    Delete {
        id: String,
        revision: Option<u64>,
        base: SyncBase,
    },
    /// Only the base changes ([`LocalReplica::set_base`]).
    Base { id: String, base: SyncBase },
}

impl PulledWrite {
    /// The claim id.
    pub fn id(&self) -> &str {
        match self {
            PulledWrite::Apply { claim, .. } => &claim.id,
            PulledWrite::Delete { id, .. } | PulledWrite::Base { id, .. } => id,
        }
    }
}

/// This browser's side of replication. Object-safe, async (non-`Send`
/// futures, like [`crate::storage::SyncAdapter`]).
///
/// Contract: [`LocalReplica::apply_remote`] and
/// [`LocalReplica::delete_local`] change the claim and its base together
/// (one transaction in IndexedDB), and check the claim's `revision` like
/// [`crate::storage::SyncAdapter::save`], so an edit made meanwhile in a tab
/// is never overwritten (the replicator retries later).
///
/// The sync settings and the conflicts as the page reads them are
/// [`SyncMeta`]'s (the part of the storage the app itself uses).
pub trait LocalReplica: SyncMeta {
    /// A stable random id of this browser's replica (names its checkpoint
    /// document on the server).
    fn replica_id(&self) -> Fut<'_, String>;

    /// Every readable stored claim, and the stored records that could not
    /// be read ([`crate::storage::SyncAdapter::load_all`]). A claim that is
    /// unreadable here is not a deletion: it is not pushed at all.
    fn snapshot(&self) -> Fut<'_, Snapshot>;
    fn load_claim(&self, id: &str) -> Fut<'_, Option<Claim>>;

    /// The base of a claim (by claim id).
    fn base(&self, id: &str) -> Fut<'_, Option<SyncBase>>;
    /// Every base, by claim id.
    fn bases(&self) -> Fut<'_, Vec<(String, SyncBase)>>;
    /// Sets a base without touching the claim (after a push).
    fn set_base(&self, id: &str, base: SyncBase) -> Fut<'_, ()>;

    /// Whether any claim has a base here. `false` (nothing pulled or pushed
    /// yet, a first sync) lets a pull skip looking up which listed
    /// revisions it already holds ([`LocalReplica::bases_of`] for each
    /// batch): none. The default says `true` (always look).
    fn holds_bases(&self) -> Fut<'_, bool> {
        Box::pin(async { Ok(true) })
    }

    /// The ids of every stored claim, read at once, where that is cheaper
    /// than looking claims up (IndexedDB: one `getAllKeys`). A first pull
    /// (no bases held) reads it once and then reads a batch's stored
    /// claims only for the ids listed here or stored by the pull itself.
    /// The default, `None`: unknown, every batch looks up its claims.
    fn claim_ids(&self) -> Fut<'_, Option<Vec<String>>> {
        Box::pin(async { Ok(None) })
    }

    /// The bases of several claims, in the order of `ids`. The default asks
    /// [`LocalReplica::base`] for each; IndexedDB reads them in one
    /// transaction (a pulled batch needs them all at once).
    fn bases_of(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<SyncBase>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in &ids {
                out.push(self.base(id).await?);
            }
            Ok(out)
        })
    }
    /// Several stored claims, in the order of `ids` (like
    /// [`LocalReplica::bases_of`]).
    fn load_claims(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<Claim>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in &ids {
                out.push(self.load_claim(id).await?);
            }
            Ok(out)
        })
    }

    /// Stores what a pulled batch decided, with the same checks as
    /// [`LocalReplica::apply_remote`], [`LocalReplica::delete_local`] and
    /// [`LocalReplica::set_base`], and clears each claim's conflict. The
    /// default does them one by one; IndexedDB writes the whole batch in one
    /// transaction (all or nothing: a claim a tab saved meanwhile fails the
    /// batch, which is pulled again later) and tells the tabs once per claim.
    fn store_pulled(&self, writes: Vec<PulledWrite>) -> Fut<'_, ()> {
        Box::pin(async move {
            for write in writes {
                let id = write.id().to_string();
                match write {
                    PulledWrite::Apply { claim, base } => {
                        self.apply_remote(claim, base).await?;
                    }
                    PulledWrite::Delete { id, revision, base } => {
                        self.delete_local(&id, revision, base).await?
                    }
                    PulledWrite::Base { id, base } => self.set_base(&id, base).await?,
                }
                self.clear_conflict(&id).await?;
            }
            Ok(())
        })
    }

    /// Saves a claim that came from (or was merged with) the server, as a
    /// normal save (`claim.revision` must be the stored revision, 0 when
    /// absent; the stored revision becomes `revision + 1`, so a tab with a
    /// stale copy sees a conflict), and sets its base, together.
    fn apply_remote(&self, claim: Claim, base: SyncBase) -> Fut<'_, Claim>;
    /// Deletes a claim here (`revision`: the stored revision, `None` when it
    /// is already absent) and sets its base, together.
    fn delete_local(&self, id: &str, revision: Option<u64>, base: SyncBase) -> Fut<'_, ()>;

    /// Records (or replaces) the conflict of a claim.
    fn record_conflict(&self, conflict: SyncConflict) -> Fut<'_, ()>;
    fn conflicts(&self) -> Fut<'_, Vec<SyncConflict>>;
    fn clear_conflict(&self, id: &str) -> Fut<'_, ()>;

    /// PoE file bytes, by `DocumentRef` id.
    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>>;
    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()>;
    /// Whether the server is known to hold this file's document.
    fn file_synced(&self, id: &str) -> Fut<'_, bool>;
    fn mark_file_synced(&self, id: &str) -> Fut<'_, ()>;

    /// Keeps an unreadable remote document (never applied, never pushed).
    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()>;

    /// The last pulled `seq` (opaque) for a server and database.
    fn checkpoint(&self, key: &str) -> Fut<'_, Option<Value>>;
    fn set_checkpoint(&self, key: &str, seq: Value) -> Fut<'_, ()>;
    fn clear_checkpoint(&self, key: &str) -> Fut<'_, ()>;

    fn record_push_error(&self, error: PushError) -> Fut<'_, ()>;
    fn push_errors(&self) -> Fut<'_, Vec<PushError>>;
    /// Forgets a push error (the user asked to try again).
    fn clear_push_error(&self, doc_id: &str) -> Fut<'_, ()>;

    /// The server lost its data (or this is another database): every base
    /// becomes unconfirmed and no file counts as synced, so the next push
    /// checks and re-sends everything (the dirty set is marked incomplete
    /// when there are bases; with none, as on a first sync, it stays as
    /// it was).
    fn forget_remote(&self) -> Fut<'_, ()>;

    /// The dirty set: the ids of the claims saved, deleted or imported here
    /// (or given a base that must be sent) since they were last pushed, kept
    /// with each local save in the same transaction. `None` when this
    /// storage keeps none or has lost it (a browser upgraded from a build
    /// without it, a cleared record): [`LocalReplica::outbox`] then scans
    /// everything once and records the result ([`LocalReplica::mark_dirty`]).
    /// The default keeps none.
    fn dirty(&self) -> Fut<'_, Option<Vec<String>>> {
        Box::pin(async { Ok(None) })
    }

    /// Adds `ids` to the dirty set and records it as complete (after a full
    /// scan). The default does nothing.
    fn mark_dirty(&self, ids: Vec<String>) -> Fut<'_, ()> {
        let _ = ids;
        Box::pin(async { Ok(()) })
    }

    /// The claims to push: those whose stored state differs from their base
    /// (created, edited or deleted here), and those whose base is
    /// unconfirmed or has losing leaves to end ([`is_pending`]). Read from
    /// the dirty set ([`LocalReplica::dirty`]): only its claims and bases;
    /// without one (or when one of its claims is unreadable), computed from
    /// everything ([`LocalReplica::full_outbox`]), and the dirty set
    /// recorded from that.
    fn outbox(&self) -> Fut<'_, Vec<OutboxEntry>> {
        Box::pin(async move {
            let Some(ids) = self.dirty().await? else {
                let all = self.full_outbox().await?;
                self.mark_dirty(all.iter().map(|e| e.id.clone()).collect())
                    .await?;
                return Ok(all);
            };
            let Ok(claims) = self.load_claims(ids.clone()).await else {
                // A record unreadable here: the full scan leaves it out.
                return self.full_outbox().await;
            };
            let bases = self.bases_of(ids.clone()).await?;
            Ok(ids
                .into_iter()
                .zip(claims.into_iter().zip(bases))
                .filter(|(_, (local, base))| is_pending(local.as_ref(), base.as_ref()))
                .map(|(id, (local, base))| OutboxEntry { id, local, base })
                .collect())
        })
    }

    /// [`LocalReplica::outbox`] computed from every stored claim
    /// ([`LocalReplica::snapshot`]) and every base ([`LocalReplica::bases`]).
    fn full_outbox(&self) -> Fut<'_, Vec<OutboxEntry>> {
        Box::pin(async move {
            let Snapshot {
                claims,
                quarantined,
            } = self.snapshot().await?;
            let mut bases: std::collections::BTreeMap<String, SyncBase> =
                self.bases().await?.into_iter().collect();
            let mut out = Vec::new();
            for claim in claims {
                let base = bases.remove(&claim.id);
                if is_pending(Some(&claim), base.as_ref()) {
                    out.push(OutboxEntry {
                        id: claim.id.clone(),
                        local: Some(claim),
                        base,
                    });
                }
            }
            for (id, base) in bases {
                let unreadable_here = quarantined.iter().any(|q| q.key == id);
                if !unreadable_here && is_pending(None, Some(&base)) {
                    out.push(OutboxEntry {
                        id,
                        local: None,
                        base: Some(base),
                    });
                }
            }
            Ok(out)
        })
    }
}

/// Whether a claim must be pushed: its stored state (`local`, `None` when
/// absent here) differs from its base, or there is no base (never pushed),
/// or the base is unconfirmed or has losing leaves to end.
pub fn is_pending(local: Option<&Claim>, base: Option<&SyncBase>) -> bool {
    match base {
        None => local.is_some(),
        Some(b) => b.differs_from(local) || !b.confirmed || !b.losers.is_empty(),
    }
}

/// Applies the user's choices to a recorded conflict: stores the resolved
/// claim (or deletes it) with the server's version as its base, and clears
/// the conflict. The next push writes the resolution as a child of the
/// server's winner and ends the losing leaves. Returns the stored claim
/// (`None`: deleted).
///
/// ```
/// use cpor_desk::domain::claim::Claim;
/// use cpor_desk::storage::{SyncAdapter, block_on};
/// use cpor_desk::sync::merge::{Choices, Merge, Side, merge};
/// use cpor_desk::sync::rev::{Rev, Revisions};
/// use cpor_desk::sync::{LocalReplica, MemoryReplica, SyncBase, SyncConflict, resolve_conflict};
///
/// let local = MemoryReplica::new("r1");
/// let base = Claim { id: "c1".into(), name: "Base".into(), ..Claim::default() };
/// let mine = block_on(local.store().save(Claim { name: "Mine".into(), ..base.clone() })).unwrap();
/// let theirs = Claim { name: "Theirs".into(), ..base.clone() };
/// let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else {
///     unreachable!()
/// };
/// // What the replicator records: the server's version is the parent.
/// let server = Revisions::of(&Rev::parse("2-abc").unwrap());
/// let recorded = SyncConflict { conflict: *conflict, parent: SyncBase::confirmed(server, Some(theirs)) };
/// block_on(local.record_conflict(recorded.clone())).unwrap();
///
/// // The user keeps their own name.
/// let kept = block_on(resolve_conflict(&local, &recorded, &Choices::new(Side::Mine))).unwrap();
/// assert_eq!(kept.unwrap().name, "Mine");
/// assert!(block_on(local.conflicts()).unwrap().is_empty());
/// // The next push sends it as a child of 2-abc.
/// let outbox = block_on(local.outbox()).unwrap();
/// assert_eq!(outbox[0].base.as_ref().and_then(SyncBase::rev), Rev::parse("2-abc"));
/// ```
pub async fn resolve_conflict(
    local: &dyn LocalReplica,
    conflict: &SyncConflict,
    choices: &Choices,
) -> Result<Option<Claim>, SyncError> {
    let id = conflict.id();
    let resolved = resolve(&conflict.conflict, choices);
    let current = local.load_claim(id).await?;
    let out = match resolved {
        Some(mut claim) => {
            claim.revision = current.as_ref().map_or(0, |c| c.revision);
            Some(local.apply_remote(claim, conflict.parent.clone()).await?)
        }
        None => {
            local
                .delete_local(id, current.map(|c| c.revision), conflict.parent.clone())
                .await?;
            None
        }
    };
    local.clear_conflict(id).await?;
    Ok(out)
}
