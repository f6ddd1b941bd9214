//! The replicator: one session against one server and database, pulling
//! (changes → local revision diff → `_bulk_get` → merge → local save) and
//! pushing (outbox → `_revs_diff` → `_bulk_docs` with `new_edits: false`).
//! See the module doc of [`crate::sync`] for the protocol.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::{Value, json};

use super::SyncError;
use super::client::Couch;
use super::doc::{
    ATTACHMENT, CLAIM_PREFIX, FILE_PREFIX, FileMeta, claim_body, claim_doc_id, file_body,
    file_doc_id, normalize, quarantine_raw, read_claim_doc, read_file_doc, validate_database_name,
};
use super::merge::{Conflict, Merge, merge};
use super::replica::{LocalReplica, OutboxEntry, PulledWrite, PushError, SyncBase, SyncConflict};
use super::rev::{Rev, Revisions, attachment_digest, leaf_order, new_rev};
use super::transport::{Auth, Transport};
use crate::domain::claim::Claim;
use crate::storage::{Quarantined, StoredDocument};

/// Where and how to sync.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConfig {
    /// The server's base address, as the transport uses it (names the
    /// checkpoint).
    pub server_url: String,
    /// The database of the partner organisation (see
    /// [`super::doc::default_database_name`]).
    pub database: String,
    pub auth: Auth,
    /// Timeout of an ordinary request.
    pub request_timeout: Duration,
    /// Timeout of a request carrying a file (upload or download).
    pub transfer_timeout: Duration,
    /// How long [`Replicator::wait_for_changes`] waits.
    pub longpoll_timeout: Duration,
    /// Changes per `_changes` batch, documents per `_bulk_docs`.
    pub batch_size: usize,
    /// The partner organisation the database belongs to: only its claims
    /// are pushed, and a pulled claim of another organisation is
    /// quarantined. `None`: every claim (tests).
    pub org_id: Option<String>,
}

impl SyncConfig {
    /// A configuration with the default timeouts (30 s, 5 min, 25 s) and
    /// batches of [`BATCH_SIZE`].
    pub fn new(
        server_url: impl Into<String>,
        database: impl Into<String>,
        auth: Auth,
    ) -> SyncConfig {
        SyncConfig {
            server_url: server_url.into(),
            database: database.into(),
            auth,
            request_timeout: Duration::from_secs(30),
            transfer_timeout: Duration::from_secs(300),
            longpoll_timeout: Duration::from_secs(25),
            batch_size: BATCH_SIZE,
            org_id: None,
        }
    }

    /// Whether a claim belongs in this database ([`SyncConfig::org_id`]; a
    /// claim without an organisation belongs everywhere).
    pub fn owns(&self, claim: &Claim) -> bool {
        self.org_id
            .as_ref()
            .is_none_or(|org| claim.partner_org.id.is_empty() || claim.partner_org.id == *org)
    }

    /// The key of the local checkpoint: server address and database.
    pub fn checkpoint_key(&self) -> String {
        format!(
            "{}|{}",
            self.server_url.trim_end_matches('/'),
            self.database
        )
    }
}

/// What one [`Replicator::sync_once`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// Claims saved here from the server (new, changed or merged).
    pub pulled: usize,
    /// Claims deleted here because they were deleted on the server.
    pub deleted: usize,
    pub files_pulled: usize,
    /// Claim revisions written to the server (including deletions and
    /// resolved conflicts).
    pub pushed: usize,
    pub files_pushed: usize,
    /// Changes merged automatically (local with remote, or server leaves).
    pub merged: usize,
    /// Claims with a new conflict for the user.
    pub conflicts: Vec<String>,
    /// Keys of remote documents put in the quarantine.
    pub quarantined: Vec<String>,
    /// Documents the server refused ([`SyncError::Refused`]).
    pub refused: Vec<SyncError>,
    /// The server lost this browser's checkpoint document: the database was
    /// reset or replaced, and everything was checked and re-sent.
    pub reset_detected: bool,
}

/// One server revision of a claim document.
#[derive(Debug, Clone)]
struct Leaf {
    rev: Rev,
    revisions: Revisions,
    deleted: bool,
    claim: Option<Claim>,
}

impl Leaf {
    fn to_base(&self) -> SyncBase {
        SyncBase {
            revisions: self.revisions.clone(),
            deleted: self.deleted,
            claim: self.claim.clone(),
            confirmed: true,
            losers: Vec::new(),
        }
    }
}

/// A claim revision to push.
struct ClaimWrite {
    claim_id: String,
    doc_id: String,
    rev: String,
    docs: Vec<(String, Value)>,
    base: SyncBase,
}

struct Session {
    local_doc_id: String,
    local_doc_rev: Option<String>,
}

/// Replicates one browser's claims with one CouchDB database.
///
/// ```
/// use cpor_desk::storage::block_on;
/// use cpor_desk::sync::{Auth, Replicator, SyncConfig, SyncError};
/// use cpor_desk::sync::memory::MemoryReplica;
/// use cpor_desk::sync::transport::{Request, Transport, TransportFuture};
/// use cpor_desk::sync::TransportError;
///
/// struct Offline;
/// impl Transport for Offline {
///     fn request(&self, _: Request) -> TransportFuture<'_> {
///         Box::pin(async { Err(TransportError::Unreachable("offline".into())) })
///     }
/// }
///
/// let local = MemoryReplica::new("r1");
/// let config = SyncConfig::new("https://couch.invalid", "cpor-org1", Auth::None);
/// let mut replicator = Replicator::new(&Offline, &local, config).unwrap();
/// let err = block_on(replicator.sync_once()).unwrap_err();
/// assert_eq!(err.code(), "sync.unreachable");
/// assert!(err.is_retryable());
/// ```
pub struct Replicator<'a> {
    couch: Couch<'a>,
    local: &'a dyn LocalReplica,
    config: SyncConfig,
    session: Option<Session>,
    reset_detected: bool,
    /// The pulled batch being applied: the bases and stored claims of its
    /// claims, read at once ([`LocalReplica::bases_of`],
    /// [`LocalReplica::load_claims`]).
    batch: BTreeMap<String, (Option<SyncBase>, Option<Claim>)>,
    /// What the batch stores here, written at once at its end
    /// ([`LocalReplica::store_pulled`]) before the checkpoint moves.
    pending: Vec<PulledWrite>,
    /// During a first pull: what may be stored here for a batch.
    first: Option<FirstPull>,
}

/// A first pull (no bases held when it started) knows what a batch's
/// claims can have here without looking each up: a stored claim only if its
/// id was stored when the pull started ([`LocalReplica::claim_ids`]) or
/// the pull itself touched it, a base only if the pull touched it (or it
/// had a recorded conflict, whose resolution writes one). A claim saved
/// here meanwhile under a pulled id fails the batch's write (stored as new,
/// revision 0: IndexedDB adds it) and the batch is pulled again.
struct FirstPull {
    stored: std::collections::HashSet<String>,
    touched: std::collections::HashSet<String>,
}

impl<'a> Replicator<'a> {
    /// Fails only for an invalid database name ([`SyncError::Config`]).
    pub fn new(
        transport: &'a dyn Transport,
        local: &'a dyn LocalReplica,
        config: SyncConfig,
    ) -> Result<Replicator<'a>, SyncError> {
        validate_database_name(&config.database).map_err(SyncError::Config)?;
        let couch = Couch::new(
            transport,
            &config.database,
            config.auth.header(),
            config.request_timeout,
            config.transfer_timeout,
        );
        Ok(Replicator {
            couch,
            local,
            config,
            session: None,
            reset_detected: false,
            batch: BTreeMap::new(),
            pending: Vec::new(),
            first: None,
        })
    }

    pub fn config(&self) -> &SyncConfig {
        &self.config
    }

    /// Test connection: the server answers as CouchDB, the sign-in is
    /// accepted and the database exists and may be read. Writes nothing.
    pub async fn check(&self) -> Result<(), SyncError> {
        self.couch.welcome().await?;
        self.couch.db_info().await?;
        Ok(())
    }

    /// One full round: (session start,) pull until caught up, push the
    /// outbox. On an error nothing is half-recorded: the checkpoint only
    /// covers changes stored here, a push is only marked done after the
    /// server confirmed it, so the next round retries from there. The next
    /// round also starts a new session (checks the server again).
    pub async fn sync_once(&mut self) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        let result = async {
            self.pull(&mut report).await?;
            self.push(&mut report).await
        }
        .await;
        match result {
            Ok(()) => Ok(report),
            Err(e) => {
                self.session = None;
                Err(e)
            }
        }
    }

    /// Waits (long poll, at most [`SyncConfig::longpoll_timeout`]) for a
    /// change after the checkpoint. `Ok(true)`: run [`Self::sync_once`].
    pub async fn wait_for_changes(&mut self) -> Result<bool, SyncError> {
        let since = self
            .local
            .checkpoint(&self.config.checkpoint_key())
            .await?
            .unwrap_or(json!(0));
        match self
            .couch
            .changes(&since, 1, Some(self.config.longpoll_timeout), false)
            .await
        {
            Ok((results, _)) => Ok(!results.is_empty()),
            Err(SyncError::Timeout) => Ok(false),
            Err(e) => {
                // Like a failed round: the next one starts a new session, so
                // a database deleted (and created again) meanwhile is
                // detected by its missing checkpoint document.
                self.session = None;
                Err(e)
            }
        }
    }

    /// Session start: the server is CouchDB, the database exists, and this
    /// browser's checkpoint document `_local/cpor-<replica id>` is there. If
    /// it is not, this is the first sync with this database, or the database
    /// was reset or replaced: the local checkpoint is dropped (full re-read)
    /// and every base is marked unconfirmed (everything is checked and
    /// re-sent); then the document is written and the local checkpoint set
    /// to the start.
    async fn start(&mut self) -> Result<(), SyncError> {
        if self.session.is_some() {
            return Ok(());
        }
        self.couch.welcome().await?;
        self.couch.db_info().await?;
        let replica = self.local.replica_id().await?;
        let local_doc_id = format!("_local/cpor-{replica}");
        let key = self.config.checkpoint_key();
        let doc = self.couch.get_doc(&local_doc_id, "").await?;
        let rev = doc
            .as_ref()
            .and_then(|d| d.get("_rev"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let found = doc.is_some();
        if !found {
            if self.local.checkpoint(&key).await?.is_some() {
                self.reset_detected = true;
            }
            self.local.clear_checkpoint(&key).await?;
            self.local.forget_remote().await?;
        }
        self.session = Some(Session {
            local_doc_id,
            local_doc_rev: rev,
        });
        if !found {
            self.write_checkpoint_doc(&Value::Null).await?;
            // From now on a local checkpoint means "this browser has synced
            // with this database", even before it pulled anything.
            self.local.set_checkpoint(&key, json!(0)).await?;
        }
        Ok(())
    }

    /// Writes `_local/cpor-<replica id>` with the last pulled seq.
    async fn write_checkpoint_doc(&mut self, seq: &Value) -> Result<(), SyncError> {
        let Some(session) = self.session.as_mut() else {
            return Ok(());
        };
        for attempt in 0..2 {
            let mut body = json!({"seq": seq, "client": "cpor-desk"});
            if let Some(rev) = &session.local_doc_rev {
                body["_rev"] = json!(rev);
            }
            match self.couch.put_doc(&session.local_doc_id, &body).await {
                Ok(answer) => {
                    session.local_doc_rev = answer
                        .get("rev")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    return Ok(());
                }
                // Written meanwhile (another tab of this browser): re-read.
                Err(SyncError::Server { status: 409, .. }) if attempt == 0 => {
                    session.local_doc_rev = self
                        .couch
                        .get_doc(&session.local_doc_id, "")
                        .await?
                        .and_then(|d| d.get("_rev").and_then(Value::as_str).map(str::to_string));
                }
                Err(e) => return Err(e),
            }
        }
        Err(SyncError::Protocol(
            "the checkpoint document cannot be updated".into(),
        ))
    }

    /// Pulls every change after the checkpoint, a batch at a time
    /// ([`SyncConfig::batch_size`] changes): while one batch is stored here
    /// the next is already fetched. The local checkpoint moves after each
    /// batch is fully stored here (never ahead of it); the server's copy
    /// (`_local/cpor-<replica id>`) every [`SERVER_CHECKPOINT_EVERY`]
    /// batches and when caught up.
    pub async fn pull(&mut self, report: &mut SyncReport) -> Result<(), SyncError> {
        self.start().await?;
        report.reset_detected |= std::mem::take(&mut self.reset_detected);
        let key = self.config.checkpoint_key();
        let mut since = self.local.checkpoint(&key).await?.unwrap_or(json!(0));
        let (couch, local, limit) = (self.couch.clone(), self.local, self.config.batch_size);
        // Nothing held here yet (a first sync): no batch needs to look up
        // which listed revisions are held, so fetching the next batch never
        // waits for the current one's write (a revision an earlier batch of
        // this pull stored and the feed lists again is only fetched again).
        let held = match local.holds_bases().await {
            Ok(true) => Held::Look,
            Ok(false) => Held::Nothing,
            Err(e) => return Err(e.into()),
        };
        self.first = match held {
            Held::Nothing => self.first_pull().await?,
            Held::Look => None,
        };
        let mut next = fetch_batch(&couch, local, &since, limit, held).await;
        // Batches stored since the server's checkpoint was written.
        let mut unwritten: Option<(usize, Value)> = None;
        let result = loop {
            let batch = match next {
                Ok(Some(batch)) => batch,
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            };
            let last_seq = batch.last_seq.clone();
            let caught_up = last_seq == since;
            let fetch_next = async {
                if caught_up {
                    Ok(None)
                } else {
                    fetch_batch(&couch, local, &last_seq, limit, held).await
                }
            };
            let (stored, fetched) = join(self.store_batch(batch, report), fetch_next).await;
            if let Err(e) = stored {
                break Err(e);
            }
            let span = super::trace::span("sync:checkpoint-local");
            if let Err(e) = self.local.set_checkpoint(&key, last_seq.clone()).await {
                break Err(e.into());
            }
            drop(span);
            let count = unwritten.as_ref().map_or(0, |(n, _)| *n) + 1;
            unwritten = Some((count, last_seq.clone()));
            if count >= SERVER_CHECKPOINT_EVERY {
                if let Err(e) = self.write_checkpoint_doc(&last_seq).await {
                    break Err(e);
                }
                unwritten = None;
            }
            if caught_up {
                break Ok(());
            }
            since = last_seq;
            next = fetched;
        };
        self.first = None;
        // Caught up (or stopped): the server's copy follows the local one.
        if let (Ok(()), Some((_, seq))) = (&result, unwritten) {
            self.write_checkpoint_doc(&seq).await?;
        }
        result
    }

    /// Stores a fetched batch: reads the stored claims and bases of its
    /// changed claims at once, merges, and writes everything at once
    /// ([`LocalReplica::store_pulled`]).
    async fn store_batch(
        &mut self,
        batch: FetchedBatch,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let _span = super::trace::span("sync:store-batch");
        let FetchedBatch {
            entries, fetched, ..
        } = batch;
        // The stored claims and bases of those that changed, read at once
        // (now: an earlier batch may have stored some of them meanwhile).
        let changed: Vec<String> = entries
            .iter()
            .filter(|(id, _)| fetched.get(id).is_some_and(|d| !d.is_empty()))
            .filter_map(|(id, _)| id.strip_prefix(CLAIM_PREFIX).map(str::to_string))
            .collect();
        let span = super::trace::span("sync:read-local");
        self.batch = self.read_local(&changed).await?;
        drop(span);
        if let Some(first) = self.first.as_mut() {
            first.touched.extend(changed);
        }
        self.pending.clear();
        let span = super::trace::span("sync:decode-merge");
        let applied = self.apply_entries(entries, fetched, report).await;
        drop(span);
        self.batch.clear();
        let pending = std::mem::take(&mut self.pending);
        applied?;
        if !pending.is_empty() {
            let _span = super::trace::span("sync:write-batch");
            self.local.store_pulled(pending).await?;
        }
        Ok(())
    }

    /// What a first pull needs to know before it starts ([`FirstPull`]);
    /// The ids of the claims with a conflict waiting for the user.
    async fn conflicted_ids<C: FromIterator<String>>(&self) -> Result<C, SyncError> {
        Ok(self
            .local
            .conflicts()
            .await?
            .iter()
            .map(|c| c.id().to_string())
            .collect())
    }

    /// `None` where the replica cannot list its claims at once.
    async fn first_pull(&self) -> Result<Option<FirstPull>, SyncError> {
        let Some(stored) = self.local.claim_ids().await? else {
            return Ok(None);
        };
        let touched = self.conflicted_ids().await?;
        Ok(Some(FirstPull {
            stored: stored.into_iter().collect(),
            touched,
        }))
    }

    /// The stored bases and claims of a batch's changed claims, read at
    /// once; in a first pull only those that can be here ([`FirstPull`]).
    async fn read_local(
        &self,
        changed: &[String],
    ) -> Result<BTreeMap<String, (Option<SyncBase>, Option<Claim>)>, SyncError> {
        let (base_ids, claim_ids): (Vec<String>, Vec<String>) = match &self.first {
            Some(first) => (
                changed
                    .iter()
                    .filter(|id| first.touched.contains(*id))
                    .cloned()
                    .collect(),
                changed
                    .iter()
                    .filter(|id| first.touched.contains(*id) || first.stored.contains(*id))
                    .cloned()
                    .collect(),
            ),
            None => (changed.to_vec(), changed.to_vec()),
        };
        let mut read: BTreeMap<String, (Option<SyncBase>, Option<Claim>)> = changed
            .iter()
            .map(|id| (id.clone(), (None, None)))
            .collect();
        if !base_ids.is_empty() {
            let bases = self.local.bases_of(base_ids.clone()).await?;
            for (id, base) in base_ids.into_iter().zip(bases) {
                read.entry(id).or_default().0 = base;
            }
        }
        if !claim_ids.is_empty() {
            let claims = self.local.load_claims(claim_ids.clone()).await?;
            for (id, claim) in claim_ids.into_iter().zip(claims) {
                read.entry(id).or_default().1 = claim;
            }
        }
        Ok(read)
    }

    async fn apply_entries(
        &mut self,
        entries: Vec<(String, Vec<Rev>)>,
        mut fetched: BTreeMap<String, Vec<Value>>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        for (id, leaves) in entries {
            let docs = fetched.remove(&id).unwrap_or_default();
            if id.starts_with(CLAIM_PREFIX) {
                if !docs.is_empty() {
                    self.pull_claim(&id, &leaves, docs, report).await?;
                }
            } else if id.starts_with(FILE_PREFIX) {
                self.pull_file(&id, docs, report).await?;
            } else {
                for doc in docs
                    .iter()
                    .filter(|d| d.get("_deleted") != Some(&json!(true)))
                {
                    self.quarantine(&id, doc, "not a CPOR Desk document", report)
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn quarantine(
        &self,
        doc_id: &str,
        doc: &Value,
        reason: &str,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let rev: String = doc
            .get("_rev")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .chars()
            .take(100)
            .collect();
        let key = format!("{doc_id}@{rev}");
        self.local
            .quarantine(Quarantined {
                key: key.clone(),
                raw: quarantine_raw(doc),
                reason: format!("from the sync server: {reason}"),
            })
            .await?;
        report.quarantined.push(key);
        Ok(())
    }

    fn read_leaf(doc_id: &str, doc: &Value) -> Result<Leaf, String> {
        let rev = doc
            .get("_rev")
            .and_then(Rev::from_json)
            .ok_or_else(|| "no valid _rev".to_string())?;
        let revisions = match doc.get("_revisions") {
            Some(r) => Revisions::from_json(r).ok_or_else(|| "invalid _revisions".to_string())?,
            None => Revisions::of(&rev),
        };
        if revisions.head().as_ref() != Some(&rev) {
            return Err("_revisions does not end at _rev".to_string());
        }
        let deleted = doc.get("_deleted") == Some(&json!(true));
        let claim = if deleted {
            None
        } else {
            Some(read_claim_doc(doc, doc_id)?)
        };
        Ok(Leaf {
            rev,
            revisions,
            deleted,
            claim,
        })
    }

    /// One claim document's new server revisions.
    async fn pull_claim(
        &mut self,
        doc_id: &str,
        listed: &[Rev],
        docs: Vec<Value>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let claim_id = doc_id.strip_prefix(CLAIM_PREFIX).unwrap_or(doc_id);
        let (base, local) = match self.batch.remove(claim_id) {
            Some(read) => read,
            None => (
                self.local.base(claim_id).await?,
                self.local.load_claim(claim_id).await?,
            ),
        };
        let held = base.as_ref().and_then(SyncBase::rev);
        let mut leaves: Vec<Leaf> = Vec::new();
        if let (Some(b), Some(rev)) = (&base, &held)
            && listed.contains(rev)
        {
            leaves.push(Leaf {
                rev: rev.clone(),
                revisions: b.revisions.clone(),
                deleted: b.deleted,
                claim: b.claim.clone(),
            });
        }
        for doc in &docs {
            let read = Self::read_leaf(doc_id, doc).and_then(|leaf| match &leaf.claim {
                Some(c) if !self.config.owns(c) => Err(format!(
                    "the claim belongs to another partner organisation ({})",
                    c.partner_org.id.chars().take(80).collect::<String>()
                )),
                _ => Ok(leaf),
            });
            match read {
                Ok(leaf) if leaves.iter().all(|l| l.rev != leaf.rev) => leaves.push(leaf),
                Ok(_) => {}
                Err(reason) => self.quarantine(doc_id, doc, &reason, report).await?,
            }
        }
        let live = leaves.iter().filter(|l| !l.deleted).count();
        // Whether the server's version contains the base's content: the base
        // is one of its ancestors, or a leaf that a resolution merged and
        // ended (then its deleted child is a leaf).
        let contains_held = |leaf: &Leaf| {
            held.as_ref().is_some_and(|h| {
                leaf.revisions.contains(h)
                    || leaves.iter().any(|l| l.deleted && l.revisions.contains(h))
            })
        };
        let theirs = if live >= 2 {
            let Some((leaf, local_folded)) = self
                .resolve_server_conflict(doc_id, &leaves, base.as_ref(), local.as_ref(), report)
                .await?
            else {
                return Ok(());
            };
            if local_folded {
                let claim = leaf.claim.clone();
                return self
                    .store_local(claim_id, local, claim, leaf.to_base(), report)
                    .await;
            }
            leaf
        } else {
            let newest = leaves
                .iter()
                .max_by(|a, b| leaf_order((&a.rev, a.deleted), (&b.rev, b.deleted)));
            match newest {
                Some(l) => l.clone(),
                None => return Ok(()),
            }
        };
        if held.as_ref() == Some(&theirs.rev) {
            // The server's version is the one held here. With an ended leaf
            // beside it, a colleague resolved a conflict in favour of this
            // browser's leaf: the conflict recorded here (if any) is over,
            // so the base is stored again, which clears it.
            if leaves.iter().any(|l| l.deleted) {
                self.pending.push(PulledWrite::Base {
                    id: claim_id.to_string(),
                    base: theirs.to_base(),
                });
            }
            return Ok(());
        }
        if let Some(b) = &base {
            if b.revisions.contains(&theirs.rev) {
                // The server is behind this browser (restored from an older
                // copy): the next push sends ours again.
                let mut b = b.clone();
                b.confirmed = false;
                return Ok(self.local.set_base(claim_id, b).await?);
            }
            if theirs.deleted && b.deleted && local.is_none() {
                return Ok(());
            }
        }
        let ancestor = match &base {
            Some(b) if contains_held(&theirs) => b.claim.clone(),
            Some(b) => match b.revisions.common_ancestor(&theirs.revisions) {
                Some(anc) => self.fetch_claim(doc_id, &anc).await?,
                None => None,
            },
            None => None,
        };
        self.settle(claim_id, ancestor.as_ref(), local, theirs.to_base(), report)
            .await
    }

    /// The body of an older revision (`None` when the server no longer has
    /// it, e.g. after compaction, or it is unreadable).
    async fn fetch_claim(&self, doc_id: &str, rev: &Rev) -> Result<Option<Claim>, SyncError> {
        let query = format!(
            "rev={}",
            super::transport::encode_component(&rev.to_string())
        );
        Ok(self
            .couch
            .get_doc(doc_id, &query)
            .await?
            .filter(|d| d.get("_deleted") != Some(&json!(true)))
            .and_then(|d| read_claim_doc(&d, doc_id).ok()))
    }

    /// Merges the local claim with the server's version `parent` from
    /// `ancestor`, and stores the result (or records the conflict).
    async fn settle(
        &mut self,
        claim_id: &str,
        ancestor: Option<&Claim>,
        local: Option<Claim>,
        parent: SyncBase,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        match merge(ancestor, local.as_ref(), parent.claim.as_ref()) {
            Merge::Conflict(conflict) => self.record_conflict(*conflict, parent, report).await,
            Merge::Clean(result) => {
                if result != parent.claim {
                    report.merged += 1;
                }
                self.store_local(claim_id, local, result, parent, report)
                    .await
            }
        }
    }

    /// Keeps a conflict for the user; its resolution will be written on
    /// `parent`.
    async fn record_conflict(
        &self,
        conflict: Conflict,
        parent: SyncBase,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        report.conflicts.push(conflict.id.clone());
        let conflict = SyncConflict { conflict, parent };
        Ok(self.local.record_conflict(conflict).await?)
    }

    /// Stores `result` here (save, delete, or nothing when equal) with
    /// `base`, and clears an older conflict of the claim: at the end of the
    /// pulled batch, together with the batch's other claims.
    async fn store_local(
        &mut self,
        claim_id: &str,
        local: Option<Claim>,
        result: Option<Claim>,
        base: SyncBase,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let unchanged = local.as_ref().map(normalize) == result.as_ref().map(normalize);
        let write = match (result, local) {
            (Some(mut claim), local) if !unchanged => {
                claim.revision = local.map_or(0, |l| l.revision);
                report.pulled += 1;
                PulledWrite::Apply { claim, base }
            }
            (None, Some(l)) => {
                report.deleted += 1;
                PulledWrite::Delete {
                    id: claim_id.to_string(),
                    revision: Some(l.revision),
                    base,
                }
            }
            _ => PulledWrite::Base {
                id: claim_id.to_string(),
                base,
            },
        };
        self.pending.push(write);
        Ok(())
    }

    /// Two or more live leaves on the server (e.g. two browsers pushed
    /// offline edits): merges them from their common ancestor, the winner
    /// first (this browser's leaf with its local changes), writes the result
    /// as a child of the winner and ends the others with deleted children.
    /// Deterministic, so browsers doing the same write the same revisions.
    /// Returns the resulting leaf and whether the local changes are in it;
    /// `None` when a conflict was recorded for the user or the server
    /// refused the write.
    async fn resolve_server_conflict(
        &mut self,
        doc_id: &str,
        leaves: &[Leaf],
        base: Option<&SyncBase>,
        local: Option<&Claim>,
        report: &mut SyncReport,
    ) -> Result<Option<(Leaf, bool)>, SyncError> {
        let mut live: Vec<&Leaf> = leaves.iter().filter(|l| !l.deleted).collect();
        live.sort_by(|a, b| leaf_order((&b.rev, false), (&a.rev, false)));
        let Some((winner, others)) = live.split_first() else {
            return Ok(None);
        };
        let held = base.and_then(SyncBase::rev);
        let ancestor_rev = winner
            .revisions
            .iter()
            .find(|r| others.iter().all(|o| o.revisions.contains(r)));
        let ancestor = match (&ancestor_rev, base) {
            (Some(a), Some(b)) if Some(a) == held.as_ref() => b.claim.clone(),
            (Some(a), _) => self.fetch_claim(doc_id, a).await?,
            (None, _) => None,
        };
        // This browser's leaf carries its local changes.
        let fold_local = base.is_some_and(|b| b.differs_from(local))
            && live.iter().any(|l| Some(&l.rev) == held.as_ref());
        let body = |leaf: &Leaf| -> Option<Claim> {
            if fold_local && Some(&leaf.rev) == held.as_ref() {
                local.cloned()
            } else {
                leaf.claim.clone()
            }
        };
        let mut merged = body(winner);
        let mut parent = winner.to_base();
        parent.losers = others.iter().map(|o| o.rev.to_string()).collect();
        // A conflict for the user is told from this browser's side: "mine"
        // is its own leaf. Both browsers usually record it (each reads both
        // leaves before either resolves); on the browser whose leaf the
        // server picked, "Keep mine" must keep that leaf, not the other.
        let mine_won = held.as_ref() == Some(&winner.rev);
        for other in others {
            match merge(ancestor.as_ref(), body(other).as_ref(), merged.as_ref()) {
                Merge::Clean(m) => merged = m,
                Merge::Conflict(conflict) => {
                    let conflict = if mine_won
                        && let Merge::Conflict(mine_first) =
                            merge(ancestor.as_ref(), merged.as_ref(), body(other).as_ref())
                    {
                        mine_first
                    } else {
                        conflict
                    };
                    self.record_conflict(*conflict, parent, report).await?;
                    return Ok(None);
                }
            }
        }
        let mut docs = Vec::new();
        let mut leaf = (*winner).clone();
        if merged != winner.claim {
            let (doc, revisions) = revision_doc(doc_id, Some(&winner.revisions), merged.as_ref());
            docs.push(doc);
            leaf = Leaf {
                rev: revisions.head().unwrap_or_else(|| winner.rev.clone()),
                revisions,
                deleted: merged.is_none(),
                claim: merged,
            };
        }
        docs.extend(others.iter().map(|o| tombstone_doc(doc_id, &o.rev)));
        let errors = self.couch.bulk_docs(docs, self.couch.timeout).await?;
        if let Some(reason) = errors.get(doc_id) {
            self.refused(doc_id, leaf.rev.to_string(), reason, report)
                .await?;
            return Ok(None);
        }
        report.merged += 1;
        report.pushed += 1;
        Ok(Some((leaf, fold_local)))
    }

    /// Records a document the server refused at revision `rev`.
    async fn refused(
        &self,
        doc_id: &str,
        rev: String,
        reason: &str,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let error = PushError {
            doc_id: doc_id.to_string(),
            rev,
            reason: reason.to_string(),
        };
        report.refused.push(error.to_error());
        Ok(self.local.record_push_error(error).await?)
    }

    /// A file document's new revision: its metadata and bytes, once (files
    /// are immutable). A download whose length or digest does not match is
    /// an error (retried), never stored.
    async fn pull_file(
        &mut self,
        doc_id: &str,
        docs: Vec<Value>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let mut live: Vec<(Rev, &Value)> = Vec::new();
        for doc in &docs {
            if doc.get("_deleted") == Some(&json!(true)) {
                continue;
            }
            match doc.get("_rev").and_then(Rev::from_json) {
                Some(rev) => live.push((rev, doc)),
                None => {
                    self.quarantine(doc_id, doc, "no valid _rev", report)
                        .await?
                }
            }
        }
        live.sort_by(|a, b| leaf_order((&b.0, false), (&a.0, false)));
        let Some((rev, doc)) = live.first() else {
            return Ok(());
        };
        let (meta, info) = match read_file_doc(doc, doc_id) {
            Ok(read) => read,
            Err(reason) => return self.quarantine(doc_id, doc, &reason, report).await,
        };
        let Some(bytes) = self.couch.get_attachment(doc_id, ATTACHMENT, rev).await? else {
            return self
                .quarantine(
                    doc_id,
                    doc,
                    "the file's attachment is missing on the server",
                    report,
                )
                .await;
        };
        if bytes.len() as u64 != info.length || attachment_digest(&bytes) != info.digest {
            return Err(SyncError::Protocol(format!(
                "the file {doc_id} arrived incomplete or altered (its digest does not match)"
            )));
        }
        self.local
            .put_document(StoredDocument {
                id: meta.id.clone(),
                name: meta.name,
                media_type: meta.media_type,
                bytes,
            })
            .await?;
        self.local.mark_file_synced(&meta.id).await?;
        report.files_pulled += 1;
        Ok(())
    }

    /// The outbox entries of this database's organisation
    /// ([`SyncConfig::owns`]): the claims "not sent yet" (with those in
    /// conflict, which wait for the user).
    pub async fn unsent(&self) -> Result<Vec<OutboxEntry>, SyncError> {
        let config = &self.config;
        Ok(self
            .local
            .outbox()
            .await?
            .into_iter()
            .filter(|e| {
                e.local
                    .as_ref()
                    .or(e.base.as_ref().and_then(|b| b.claim.as_ref()))
                    .is_some_and(|c| config.owns(c))
            })
            .collect())
    }

    /// Pushes the outbox: first the files the claims refer to (each once,
    /// inline base64), then the claim revisions (with `_revisions`, as
    /// `new_edits: false`), each only if `_revs_diff` says the server lacks
    /// it. Claims with a conflict waiting for the user are not pushed; a
    /// document the server refused is not sent again while unchanged.
    pub async fn push(&mut self, report: &mut SyncReport) -> Result<(), SyncError> {
        self.start().await?;
        let conflicted: BTreeSet<String> = self.conflicted_ids().await?;
        let refused: BTreeMap<String, String> = self
            .local
            .push_errors()
            .await?
            .into_iter()
            .map(|e| (e.doc_id, e.rev))
            .collect();
        let outbox: Vec<OutboxEntry> = self
            .unsent()
            .await?
            .into_iter()
            .filter(|e| !conflicted.contains(&e.id))
            .collect();
        self.push_files(&outbox, &refused, report).await?;
        let writes: Vec<ClaimWrite> = outbox
            .iter()
            .filter_map(plan_write)
            .filter(|w| refused.get(&w.doc_id) != Some(&w.rev))
            .collect();
        for chunk in writes.chunks(self.config.batch_size.max(1)) {
            let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for w in chunk {
                for (rev, _) in &w.docs {
                    query.entry(w.doc_id.clone()).or_default().push(rev.clone());
                }
            }
            let missing = self.couch.revs_diff(&query).await?;
            let is_missing =
                |id: &str, rev: &str| missing.get(id).is_some_and(|m| m.iter().any(|r| r == rev));
            let send: Vec<Value> = chunk
                .iter()
                .flat_map(|w| w.docs.iter().map(move |d| (w, d)))
                .filter(|(w, (rev, _))| is_missing(&w.doc_id, rev))
                .map(|(_, (_, doc))| doc.clone())
                .collect();
            let errors = if send.is_empty() {
                BTreeMap::new()
            } else {
                self.couch.bulk_docs(send, self.couch.timeout).await?
            };
            for w in chunk {
                if let Some(reason) = errors.get(&w.doc_id) {
                    self.refused(&w.doc_id, w.rev.clone(), reason, report)
                        .await?;
                    continue;
                }
                if w.docs.iter().any(|(rev, _)| is_missing(&w.doc_id, rev)) {
                    report.pushed += 1;
                }
                self.local.set_base(&w.claim_id, w.base.clone()).await?;
                if refused.contains_key(&w.doc_id) {
                    self.local.clear_push_error(&w.doc_id).await?;
                }
            }
        }
        Ok(())
    }

    async fn push_files(
        &mut self,
        outbox: &[OutboxEntry],
        refused: &BTreeMap<String, String>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        // (file id, claim id, revision) of files the server may lack.
        let mut planned: Vec<(String, String, Rev)> = Vec::new();
        for claim in outbox.iter().filter_map(|e| e.local.as_ref()) {
            for d in &claim.documents {
                if planned.iter().any(|(id, _, _)| *id == d.id)
                    || self.local.file_synced(&d.id).await?
                {
                    continue;
                }
                // Bytes not here (yet): nothing to send.
                let Some(doc) = self.local.get_document(&d.id).await? else {
                    continue;
                };
                let (_, rev) = file_doc(&doc, &claim.id, false);
                if refused.get(&file_doc_id(&d.id)) != Some(&rev.to_string()) {
                    planned.push((d.id.clone(), claim.id.clone(), rev));
                }
            }
        }
        for chunk in planned.chunks(self.config.batch_size.max(1)) {
            let query: BTreeMap<String, Vec<String>> = chunk
                .iter()
                .map(|(id, _, rev)| (file_doc_id(id), vec![rev.to_string()]))
                .collect();
            let missing = self.couch.revs_diff(&query).await?;
            for (file_id, claim_id, rev) in chunk {
                let doc_id = file_doc_id(file_id);
                let lacks = missing
                    .get(&doc_id)
                    .is_some_and(|m| m.contains(&rev.to_string()));
                if lacks {
                    let Some(stored) = self.local.get_document(file_id).await? else {
                        continue;
                    };
                    let (doc, _) = file_doc(&stored, claim_id, true);
                    drop(stored);
                    let errors = self
                        .couch
                        .bulk_docs(vec![doc], self.config.transfer_timeout)
                        .await?;
                    if let Some(reason) = errors.get(&doc_id) {
                        self.refused(&doc_id, rev.to_string(), reason, report)
                            .await?;
                        continue;
                    }
                    report.files_pushed += 1;
                }
                self.local.mark_file_synced(file_id).await?;
            }
        }
        Ok(())
    }
}

/// Changes per `_changes` batch (its `limit`), revisions per `_bulk_get`
/// and documents per `_bulk_docs`. With 100, the first pull of 10,000
/// claims spent most of its time in the requests' fixed costs; pouchdb-server
/// still answers 1,000 at a time in about a fifth less time per claim than
/// 500 (CouchDB's own replicator's size), and more gains little
/// (docs/performance.md#sync-bench).
pub const BATCH_SIZE: usize = 1000;

/// The server's copy of the checkpoint is written after this many pulled
/// batches (and when caught up); the local one after every batch. Only the
/// server copy's existence is read (a missing one means the database was
/// reset), so writing it less often loses nothing.
pub const SERVER_CHECKPOINT_EVERY: usize = 4;

/// One batch of the changes feed, with the revisions this browser lacks
/// fetched ([`fetch_batch`]).
struct FetchedBatch {
    last_seq: Value,
    /// Each document once (its listed leaves together), in the feed's order.
    entries: Vec<(String, Vec<Rev>)>,
    /// The fetched revisions, by document id.
    fetched: BTreeMap<String, Vec<Value>>,
}

/// Whether a pull looks up the bases it holds ([`LocalReplica::holds_bases`]).
#[derive(Clone, Copy, PartialEq)]
enum Held {
    Look,
    /// No base was held when the pull started.
    Nothing,
}

/// The network half of a pulled batch: `_changes` after `since` (`None`
/// when there are none), then `_bulk_get` of the listed revisions whose
/// base this browser does not hold. Reads the bases only to leave out what
/// is held (a base stored by an earlier batch meanwhile only means a
/// revision fetched again), so it may run while that batch is stored; with
/// [`Held::Nothing`] it reads none, and asks the feed for the documents
/// (`include_docs`): a claim at its first revision needs no `_bulk_get`
/// ([`first_revision_of`]; pouchdb-server answers the feed with the
/// documents in about half the time of the feed and `_bulk_get`,
/// docs/performance.md#sync-bench).
async fn fetch_batch(
    couch: &Couch<'_>,
    local: &dyn LocalReplica,
    since: &Value,
    limit: usize,
    held: Held,
) -> Result<Option<FetchedBatch>, SyncError> {
    let _span = super::trace::span("sync:fetch-batch");
    // Nothing held: the feed carries each document's winning revision
    // (`include_docs`), which is all a first revision needs.
    let with_docs = held == Held::Nothing;
    let (mut results, last_seq) = couch.changes(since, limit, None, with_docs).await?;
    if results.is_empty() {
        return Ok(None);
    }
    let mut entries: Vec<(String, Vec<Rev>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    // The documents the feed carried, by id (listed once).
    let mut carried: BTreeMap<String, Value> = BTreeMap::new();
    for r in &mut results {
        let Some(id) = r.get("id").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        if id.starts_with("_design/") || id.len() > 1000 {
            continue;
        }
        let leaves = r
            .get("changes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("rev").and_then(Rev::from_json));
        match index.get(&id) {
            Some(&i) => {
                let held = &mut entries[i].1;
                for leaf in leaves {
                    if !held.contains(&leaf) {
                        held.push(leaf);
                    }
                }
                carried.remove(&id);
            }
            None => {
                index.insert(id.clone(), entries.len());
                entries.push((id.clone(), leaves.collect()));
                if let Some(doc) = r.get_mut("doc").map(Value::take) {
                    carried.insert(id, doc);
                }
            }
        }
    }
    entries.retain(|(_, leaves)| !leaves.is_empty());
    let claim_ids: Vec<String> = entries
        .iter()
        .filter_map(|(id, _)| id.strip_prefix(CLAIM_PREFIX).map(str::to_string))
        .collect();
    let span = super::trace::span("sync:read-held");
    let bases = match held {
        Held::Look => local.bases_of(claim_ids.clone()).await?,
        Held::Nothing => vec![None; claim_ids.len()],
    };
    drop(span);
    let bases: BTreeMap<String, Option<SyncBase>> = claim_ids.into_iter().zip(bases).collect();
    let mut wanted: Vec<(String, Rev)> = Vec::new();
    let mut fetched: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (id, leaves) in &entries {
        if let Some(doc) = carried.remove(id)
            && first_revision_of(id, leaves, &doc)
        {
            fetched.insert(id.clone(), vec![doc]);
            continue;
        }
        let held: Option<&Revisions> = id
            .strip_prefix(CLAIM_PREFIX)
            .and_then(|claim_id| bases.get(claim_id))
            .and_then(|b| b.as_ref().map(|b| &b.revisions));
        let skip_file = match id.strip_prefix(FILE_PREFIX) {
            Some(file_id) => local.file_synced(file_id).await?,
            None => false,
        };
        for leaf in leaves {
            if !skip_file && !held.is_some_and(|h| h.contains(leaf)) {
                wanted.push((id.clone(), leaf.clone()));
            }
        }
    }
    for chunk in wanted.chunks(limit.max(1)) {
        for (id, docs) in couch.bulk_get(chunk).await? {
            fetched.entry(id).or_default().extend(docs);
        }
    }
    Ok(Some(FetchedBatch {
        last_seq,
        entries,
        fetched,
    }))
}

/// Whether the document the changes feed carried for `doc_id` (its winning
/// revision, without `_revisions`) is all of it: a claim whose only listed
/// leaf is that first revision (`1-…`), so its history is the revision
/// itself. Anything else (a later revision, whose ancestors a merge needs;
/// several leaves; a file, whose bytes are fetched by revision) is fetched
/// with `_bulk_get?revs=true`.
fn first_revision_of(doc_id: &str, leaves: &[Rev], doc: &Value) -> bool {
    doc_id.starts_with(CLAIM_PREFIX)
        && matches!(leaves, [leaf] if leaf.pos == 1
            && doc.get("_rev").and_then(Rev::from_json).as_ref() == Some(leaf))
}

/// Runs two futures together (one thread: each makes progress while the
/// other waits) and returns both outputs.
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::task::Poll;
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(|cx| {
        if out_a.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            out_a = Some(v);
        }
        if out_b.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            out_b = Some(v);
        }
        match (out_a.take(), out_b.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (out_a, out_b) = (a, b);
                Poll::Pending
            }
        }
    })
    .await
}

/// The claim revision to push for an outbox entry (`None`: nothing).
fn plan_write(entry: &OutboxEntry) -> Option<ClaimWrite> {
    let doc_id = claim_doc_id(&entry.id);
    let local = entry.local.as_ref().map(normalize);
    let mut docs = Vec::new();
    let base = match &entry.base {
        Some(b) if !b.differs_from(local.as_ref()) => {
            // Unchanged here: send the base itself if the server may lack it.
            if !b.confirmed {
                let body = b.claim.as_ref().map_or_else(|| json!({}), claim_body);
                let doc = full_doc(&doc_id, body, &b.revisions, b.deleted);
                docs.push((b.rev()?.to_string(), doc));
            }
            SyncBase {
                confirmed: true,
                losers: Vec::new(),
                ..b.clone()
            }
        }
        Some(b) => {
            let (doc, revisions) = revision_doc(&doc_id, Some(&b.revisions), local.as_ref());
            docs.push((revisions.head()?.to_string(), doc));
            SyncBase::confirmed(revisions, local)
        }
        None => {
            local.as_ref()?;
            let (doc, revisions) = revision_doc(&doc_id, None, local.as_ref());
            docs.push((revisions.head()?.to_string(), doc));
            SyncBase::confirmed(revisions, local)
        }
    };
    for loser in entry.base.iter().flat_map(|b| &b.losers) {
        if let Some(rev) = Rev::parse(loser) {
            let doc = tombstone_doc(&doc_id, &rev);
            let t = doc
                .get("_rev")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            docs.push((t, doc));
        }
    }
    if docs.is_empty() {
        return None;
    }
    Some(ClaimWrite {
        claim_id: entry.id.clone(),
        rev: base.rev()?.to_string(),
        doc_id,
        docs,
        base,
    })
}

/// A new claim revision: a child of `parent` (a first revision without),
/// `claim` or, for `None`, a deletion.
fn revision_doc(
    doc_id: &str,
    parent: Option<&Revisions>,
    claim: Option<&Claim>,
) -> (Value, Revisions) {
    let body = claim.map_or_else(|| json!({}), claim_body);
    let rev = new_rev(
        parent.and_then(Revisions::head).as_ref(),
        claim.is_none(),
        &body,
    );
    let revisions = parent.map_or_else(|| Revisions::of(&rev), |p| p.child(&rev.hash));
    (
        full_doc(doc_id, body, &revisions, claim.is_none()),
        revisions,
    )
}

/// The deleted child that ends a losing leaf.
fn tombstone_doc(doc_id: &str, loser: &Rev) -> Value {
    // Marked, so a server's validate_doc_update can tell it from deleting a
    // claim (scripts/couchdb-provision.mjs allows it for any status).
    let body = json!({"conflictResolution": true});
    let t = new_rev(Some(loser), true, &body);
    let revisions = Revisions {
        start: t.pos,
        ids: vec![t.hash, loser.hash.clone()],
    };
    full_doc(doc_id, body, &revisions, true)
}

fn full_doc(doc_id: &str, mut body: Value, revisions: &Revisions, deleted: bool) -> Value {
    if let Some(map) = body.as_object_mut() {
        map.insert("_id".into(), json!(doc_id));
        if let Some(head) = revisions.head() {
            map.insert("_rev".into(), json!(head.to_string()));
        }
        map.insert("_revisions".into(), revisions.to_json());
        if deleted {
            map.insert("_deleted".into(), json!(true));
        }
    }
    body
}

/// A file document (deterministic first revision over the metadata and the
/// digest); with `with_data`, the bytes inline as base64.
fn file_doc(doc: &StoredDocument, claim_id: &str, with_data: bool) -> (Value, Rev) {
    use base64::Engine;
    let meta = FileMeta {
        id: doc.id.clone(),
        claim_id: claim_id.to_string(),
        name: doc.name.clone(),
        media_type: doc.media_type.clone(),
        size: doc.bytes.len() as u64,
    };
    let mut body = file_body(&meta);
    let digest = attachment_digest(&doc.bytes);
    body["_attachments"] = json!({ATTACHMENT: {"content_type": doc.media_type, "digest": digest}});
    let rev = new_rev(None, false, &body);
    if with_data {
        body["_attachments"] = json!({ATTACHMENT: {
            "content_type": doc.media_type,
            "data": base64::engine::general_purpose::STANDARD.encode(&doc.bytes),
        }});
    }
    let doc = full_doc(&file_doc_id(&doc.id), body, &Revisions::of(&rev), false);
    (doc, rev)
}
