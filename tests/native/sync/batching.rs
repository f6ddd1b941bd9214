//! How the replicator uses this browser's storage on a pull: a batch of
//! changes is read at once ([`LocalReplica::bases_of`],
//! [`LocalReplica::load_claims`]) and stored at once
//! ([`LocalReplica::store_pulled`], one IndexedDB transaction), never claim
//! by claim, and a batch that cannot be stored moves nothing. (The initial
//! pull of 10,000 claims made 5 IndexedDB transactions per claim before:
//! docs/performance.md#team-sync.)

use std::cell::RefCell;

use cpor_desk::domain::claim::Claim;
use cpor_desk::storage::{Fut, Quarantined, Snapshot, StoredDocument, SyncAdapter, block_on};
use cpor_desk::sync::replica::PulledWrite;
use cpor_desk::sync::view::{ConflictView, SyncMeta};
use cpor_desk::sync::{
    LocalReplica, MemoryReplica, PushError, Replicator, SyncBase, SyncConflict, SyncReport,
    SyncSettings,
};
use serde_json::Value;

use super::fake_couch::FakeCouch;
use super::harness::{BATCH_SIZE, Pair, claim};

const DB: &str = "cpor-org-1";

/// Something done to the storage just before a batch is stored.
type Hook = Box<dyn Fn(&MemoryReplica)>;

/// A [`MemoryReplica`] that records which of its methods the replicator
/// calls, and can run something just before a batch is stored or a base
/// set (a tab saving meanwhile). Its outbox is the trait's own (over the
/// counted methods).
pub(super) struct Tally {
    pub(super) inner: MemoryReplica,
    calls: RefCell<Vec<&'static str>>,
    stored_batches: RefCell<Vec<usize>>,
    before_store: RefCell<Option<Hook>>,
    /// Runs once, before the next base is set.
    pub(super) before_set_base: RefCell<Option<Hook>>,
}

impl Tally {
    pub(super) fn new(id: &str) -> Tally {
        Tally {
            inner: MemoryReplica::new(id),
            calls: RefCell::new(Vec::new()),
            stored_batches: RefCell::new(Vec::new()),
            before_store: RefCell::new(None),
            before_set_base: RefCell::new(None),
        }
    }

    fn call(&self, name: &'static str) {
        self.calls.borrow_mut().push(name);
    }

    pub(super) fn count(&self, name: &str) -> usize {
        self.calls.borrow().iter().filter(|c| **c == name).count()
    }

    pub(super) fn reset(&self) {
        self.calls.borrow_mut().clear();
        self.stored_batches.borrow_mut().clear();
    }
}

impl SyncMeta for Tally {
    fn sync_settings(&self, org_id: &str) -> Fut<'_, Option<SyncSettings>> {
        self.inner.sync_settings(org_id)
    }
    fn set_sync_settings(&self, org_id: &str, settings: Option<SyncSettings>) -> Fut<'_, ()> {
        self.inner.set_sync_settings(org_id, settings)
    }
    fn conflict_views(&self) -> Fut<'_, Vec<ConflictView>> {
        self.inner.conflict_views()
    }
}

impl LocalReplica for Tally {
    fn replica_id(&self) -> Fut<'_, String> {
        self.inner.replica_id()
    }
    fn snapshot(&self) -> Fut<'_, Snapshot> {
        self.call("snapshot");
        self.inner.snapshot()
    }
    fn load_claim(&self, id: &str) -> Fut<'_, Option<Claim>> {
        self.call("load_claim");
        self.inner.load_claim(id)
    }
    fn base(&self, id: &str) -> Fut<'_, Option<SyncBase>> {
        self.call("base");
        self.inner.base(id)
    }
    fn bases(&self) -> Fut<'_, Vec<(String, SyncBase)>> {
        self.call("bases");
        self.inner.bases()
    }
    fn set_base(&self, id: &str, base: SyncBase) -> Fut<'_, ()> {
        self.call("set_base");
        if let Some(f) = self.before_set_base.borrow_mut().take() {
            f(&self.inner);
        }
        self.inner.set_base(id, base)
    }
    fn holds_bases(&self) -> Fut<'_, bool> {
        self.inner.holds_bases()
    }
    fn claim_ids(&self) -> Fut<'_, Option<Vec<String>>> {
        self.call("claim_ids");
        self.inner.claim_ids()
    }
    fn bases_of(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<SyncBase>>> {
        self.call("bases_of");
        self.inner.bases_of(ids)
    }
    fn load_claims(&self, ids: Vec<String>) -> Fut<'_, Vec<Option<Claim>>> {
        self.call("load_claims");
        self.inner.load_claims(ids)
    }
    fn store_pulled(&self, writes: Vec<PulledWrite>) -> Fut<'_, ()> {
        self.call("store_pulled");
        self.stored_batches.borrow_mut().push(writes.len());
        if let Some(f) = self.before_store.borrow().as_ref() {
            f(&self.inner);
        }
        self.inner.store_pulled(writes)
    }
    fn apply_remote(&self, claim: Claim, base: SyncBase) -> Fut<'_, Claim> {
        self.call("apply_remote");
        self.inner.apply_remote(claim, base)
    }
    fn delete_local(&self, id: &str, revision: Option<u64>, base: SyncBase) -> Fut<'_, ()> {
        self.call("delete_local");
        self.inner.delete_local(id, revision, base)
    }
    fn record_conflict(&self, conflict: SyncConflict) -> Fut<'_, ()> {
        self.inner.record_conflict(conflict)
    }
    fn conflicts(&self) -> Fut<'_, Vec<SyncConflict>> {
        self.inner.conflicts()
    }
    fn clear_conflict(&self, id: &str) -> Fut<'_, ()> {
        self.call("clear_conflict");
        self.inner.clear_conflict(id)
    }
    fn get_document(&self, id: &str) -> Fut<'_, Option<StoredDocument>> {
        LocalReplica::get_document(&self.inner, id)
    }
    fn put_document(&self, doc: StoredDocument) -> Fut<'_, ()> {
        LocalReplica::put_document(&self.inner, doc)
    }
    fn file_synced(&self, id: &str) -> Fut<'_, bool> {
        self.inner.file_synced(id)
    }
    fn mark_file_synced(&self, id: &str) -> Fut<'_, ()> {
        self.inner.mark_file_synced(id)
    }
    fn quarantine(&self, record: Quarantined) -> Fut<'_, ()> {
        LocalReplica::quarantine(&self.inner, record)
    }
    fn checkpoint(&self, key: &str) -> Fut<'_, Option<Value>> {
        self.inner.checkpoint(key)
    }
    fn set_checkpoint(&self, key: &str, seq: Value) -> Fut<'_, ()> {
        self.call("set_checkpoint");
        self.inner.set_checkpoint(key, seq)
    }
    fn clear_checkpoint(&self, key: &str) -> Fut<'_, ()> {
        self.inner.clear_checkpoint(key)
    }
    fn record_push_error(&self, error: PushError) -> Fut<'_, ()> {
        self.inner.record_push_error(error)
    }
    fn push_errors(&self) -> Fut<'_, Vec<PushError>> {
        self.inner.push_errors()
    }
    fn clear_push_error(&self, doc_id: &str) -> Fut<'_, ()> {
        self.inner.clear_push_error(doc_id)
    }
    fn forget_remote(&self) -> Fut<'_, ()> {
        self.inner.forget_remote()
    }
    fn dirty(&self) -> Fut<'_, Option<Vec<String>>> {
        self.inner.dirty()
    }
    fn mark_dirty(&self, ids: Vec<String>) -> Fut<'_, ()> {
        self.inner.mark_dirty(ids)
    }
}

fn pull(p: &Pair<'_>, r: &Tally) -> Result<SyncReport, cpor_desk::sync::SyncError> {
    let mut replicator = Replicator::new(&p.net, r, p.config())?;
    let mut report = SyncReport::default();
    block_on(replicator.pull(&mut report))?;
    Ok(report)
}

/// What the pull asked of the storage, claim by claim.
const ONE_BY_ONE: [&str; 6] = [
    "base",
    "load_claim",
    "apply_remote",
    "delete_local",
    "set_base",
    "clear_conflict",
];

#[test]
fn a_pulled_batch_is_read_and_stored_at_once_not_claim_by_claim() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let ids: Vec<String> = (0..2 * BATCH_SIZE + 10)
        .map(|i| format!("c{i:04}"))
        .collect();
    for id in &ids {
        p.save(&p.a, claim(id));
    }
    p.sync_ok(&p.a);

    let b = Tally::new("replica-b");
    let report = pull(&p, &b).expect("pull");
    assert_eq!(report.pulled, 2 * BATCH_SIZE + 10);
    // Batches of BATCH_SIZE changes, each stored once. A first pull into an
    // empty replica: nothing is held here, so no batch looks up which listed
    // revisions are held, and the claims stored here are listed once at
    // the start (none): no batch reads stored claims or bases.
    assert_eq!(*b.stored_batches.borrow(), [BATCH_SIZE, BATCH_SIZE, 10]);
    assert_eq!(b.count("claim_ids"), 1);
    assert_eq!(b.count("bases_of"), 0);
    assert_eq!(b.count("load_claims"), 0);
    for single in ONE_BY_ONE {
        assert_eq!(b.count(single), 0, "{single} called during the pull");
    }
    let stored = block_on(b.inner.store().load_all()).expect("load").claims;
    assert_eq!(stored.len(), 2 * BATCH_SIZE + 10);

    // Edits and a deletion on A arrive the same way.
    p.edit(&p.a, "c0001", |c| c.name = "Renamed on A".into());
    p.delete(&p.a, "c0002");
    p.sync_ok(&p.a);
    b.reset();
    let report = pull(&p, &b).expect("pull");
    assert_eq!((report.pulled, report.deleted), (1, 1));
    assert_eq!(*b.stored_batches.borrow(), [2]);
    // Now bases are held: the batch is also looked up when fetched (what
    // is held is not fetched again), and read with its claims when stored.
    assert_eq!(b.count("bases_of"), 2);
    assert_eq!(b.count("load_claims"), 1);
    assert_eq!(b.count("claim_ids"), 0);
    for single in ONE_BY_ONE {
        assert_eq!(b.count(single), 0, "{single} called during the pull");
    }
    let c1 = block_on(b.inner.store().load("c0001")).expect("load");
    assert_eq!(c1.map(|c| c.name).as_deref(), Some("Renamed on A"));
    assert_eq!(block_on(b.inner.store().load("c0002")).expect("load"), None);
}

#[test]
fn a_first_pull_reads_only_the_claims_that_can_be_here() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for i in 0..BATCH_SIZE + 10 {
        p.save(&p.a, claim(&format!("c{i:04}")));
    }
    p.sync_ok(&p.a);
    // B holds one of them already (say, imported from A's export) with an
    // edit of its own, and no bases: a first sync.
    let b = Tally::new("replica-b");
    let mut mine = p.get(&p.a, "c0005").unwrap();
    mine.revision = 0;
    mine.customer_contact.name = "Cleo B".into();
    block_on(b.inner.store().save(mine)).unwrap();
    // While the first batch is merged, a tab of B saves a claim under an id
    // the batch brings (not here when the pull started; the batch's first,
    // as this replica stores a batch claim by claim, IndexedDB at once).
    let hook_ran = std::rc::Rc::new(std::cell::Cell::new(false));
    let ran = hook_ran.clone();
    *b.before_store.borrow_mut() = Some(Box::new(move |inner: &MemoryReplica| {
        if !ran.replace(true) {
            block_on(inner.store().save(claim("c0000"))).expect("save");
        }
    }));
    let err = pull(&p, &b).expect_err("the claim saved meanwhile fails the batch");
    assert!(err.is_retryable(), "{err:?}");
    assert!(hook_ran.get());
    assert_eq!(b.count("store_pulled"), 1, "nothing after the failed batch");

    // The retry holds no bases either: it reads only the two claims here,
    // in one read.
    *b.before_store.borrow_mut() = None;
    b.reset();
    let report = pull(&p, &b).expect("pull again");
    // c0000 is the same here and there; c0005 has no common base to merge
    // from: a conflict for the user.
    assert_eq!(report.pulled, BATCH_SIZE + 10 - 2, "{report:?}");
    assert_eq!(report.conflicts, ["c0005"]);
    // (The failed attempt recorded c0005's conflict already: its base is
    // looked up, in the same single read of the first batch.)
    assert_eq!(b.count("claim_ids"), 1);
    assert_eq!(b.count("bases_of"), 1);
    assert_eq!(b.count("load_claims"), 1);
    let c5 = p.get(&b.inner, "c0005").unwrap();
    assert_eq!(c5.customer_contact.name, "Cleo B", "the edit here is kept");
    assert_eq!(
        block_on(b.inner.store().load_all()).unwrap().claims.len(),
        BATCH_SIZE + 10
    );
}

#[test]
fn a_batch_that_cannot_be_stored_moves_no_checkpoint_and_is_pulled_again() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.save(&p.a, claim("c1"));
    p.sync_ok(&p.a);
    let b = Tally::new("replica-b");
    pull(&p, &b).expect("first pull");

    // A renames it; while B's pull is merging, a tab of B edits another
    // field of the same claim (saved between the batch's read and write).
    p.edit(&p.a, "c1", |c| c.name = "Renamed on A".into());
    p.sync_ok(&p.a);
    *b.before_store.borrow_mut() = Some(Box::new(|inner: &MemoryReplica| {
        let mut c = block_on(inner.store().load("c1"))
            .expect("load")
            .expect("c1");
        c.customer_contact.name = "Cleo B".into();
        block_on(inner.store().save(c)).expect("save");
    }));
    let key = p.config().checkpoint_key();
    let before = block_on(b.checkpoint(&key)).expect("checkpoint");
    b.reset();
    let err = pull(&p, &b).expect_err("the stale batch is refused");
    assert!(err.is_retryable(), "{err:?}");
    assert_eq!(block_on(b.checkpoint(&key)).expect("checkpoint"), before);
    assert_eq!(b.count("set_checkpoint"), 0);

    // The next pull reads the batch again and merges both edits.
    *b.before_store.borrow_mut() = None;
    let report = pull(&p, &b).expect("pull again");
    assert_eq!((report.pulled, report.merged), (1, 1), "{report:?}");
    let c = block_on(b.inner.store().load("c1"))
        .expect("load")
        .expect("c1");
    assert_eq!(c.name, "Renamed on A");
    assert_eq!(c.customer_contact.name, "Cleo B");
}

#[test]
fn the_checkpoint_moves_only_after_each_stored_batch_and_on_the_server_less_often() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for i in 0..5 * BATCH_SIZE + 10 {
        p.save(&p.a, claim(&format!("c{i:04}")));
    }
    p.sync_ok(&p.a);

    let b = Tally::new("replica-b");
    couch.reset_counters();
    let report = pull(&p, &b).expect("pull");
    assert_eq!(report.pulled, 5 * BATCH_SIZE + 10);
    let mut batches = vec![BATCH_SIZE; 5];
    batches.push(10);
    assert_eq!(*b.stored_batches.borrow(), batches);
    // The session's start sets the local checkpoint to the start; then each
    // batch is stored before the checkpoint moves past it.
    let order: Vec<&str> = b
        .calls
        .borrow()
        .iter()
        .copied()
        .filter(|c| matches!(*c, "store_pulled" | "set_checkpoint"))
        .collect();
    let mut expected = vec!["set_checkpoint"];
    for _ in 0..6 {
        expected.extend(["store_pulled", "set_checkpoint"]);
    }
    assert_eq!(order, expected);
    // The server's copy: written at the session's start, after the fourth
    // batch (SERVER_CHECKPOINT_EVERY) and when caught up.
    assert_eq!(couch.count(&format!("PUT /{DB}/_local/")), 3);
    // Six batches (and the empty answer that ends the pull), each fetched
    // once; first revisions come with the feed, no `_bulk_get`.
    assert_eq!(couch.count("_changes"), 7);
    assert_eq!(couch.count("include_docs=true"), 7);
    assert_eq!(couch.count("_bulk_get"), 0);
}

#[test]
fn a_first_pull_takes_first_revisions_from_the_feed_and_fetches_later_ones_with_their_history() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for i in 0..BATCH_SIZE + 10 {
        p.save(&p.a, claim(&format!("c{i:04}")));
    }
    p.sync_ok(&p.a);
    // Two claims at a later revision: their history comes from `_bulk_get`.
    p.edit(&p.a, "c0003", |c| c.name = "Renamed on A".into());
    p.edit(&p.a, "c0004", |c| c.name = "Renamed too".into());
    p.sync_ok(&p.a);

    let b = Tally::new("replica-b");
    couch.reset_counters();
    let report = pull(&p, &b).expect("pull");
    assert_eq!(report.pulled, BATCH_SIZE + 10);
    assert_eq!(couch.count("include_docs=true"), couch.count("_changes"));
    // Only the two later revisions, in the last batch (they changed last).
    assert_eq!(couch.count("_bulk_get"), 1);
    let bulk = couch
        .requests()
        .into_iter()
        .find(|r| r.contains("_bulk_get"))
        .expect("a _bulk_get");
    assert!(bulk.contains("revs=true"), "{bulk}");
    for (id, pos) in [("c0001", 1), ("c0003", 2)] {
        let base = block_on(b.base(id)).unwrap().expect("a base");
        assert_eq!(base.revisions.start, pos, "{id}");
        assert_eq!(
            base.revisions.ids.len() as u64,
            pos,
            "{id}: the whole history"
        );
    }
    assert_eq!(p.get(&b.inner, "c0003").unwrap().name, "Renamed on A");

    // A later pull holds bases: it asks for no documents in the feed.
    p.edit(&p.a, "c0001", |c| c.name = "Later".into());
    p.sync_ok(&p.a);
    couch.reset_counters();
    let report = pull(&p, &b).expect("pull");
    assert_eq!(report.pulled, 1);
    assert_eq!(couch.count("include_docs"), 0);
    assert_eq!(couch.count("_bulk_get"), 1);
    assert_eq!(p.get(&b.inner, "c0001").unwrap().name, "Later");
}

#[test]
fn an_interrupted_pull_resumes_after_the_last_stored_batch() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for i in 0..3 * BATCH_SIZE + 10 {
        p.save(&p.a, claim(&format!("c{i:04}")));
    }
    p.sync_ok(&p.a);
    let b = Tally::new("replica-b");
    let key = p.config().checkpoint_key();
    let stored = || block_on(b.inner.store().load_all()).unwrap().claims.len();

    // The third batch (its feed, which carries the first revisions) is lost
    // while the second is stored: the first two are stored and
    // checkpointed, nothing of the third.
    couch.inject_after("_changes", super::fake_couch::Fault::LostResponse, 2, 1);
    let err = pull(&p, &b).expect_err("interrupted");
    assert_eq!(err.code(), "sync.unreachable");
    assert_eq!(stored(), 2 * BATCH_SIZE);
    let seq = block_on(b.checkpoint(&key)).unwrap().expect("checkpoint");

    // The next pull starts there: the rest, fetched once, each stored once.
    couch.reset_counters();
    b.reset();
    let report = pull(&p, &b).expect("resume");
    assert_eq!(report.pulled, BATCH_SIZE + 10);
    assert_eq!(*b.stored_batches.borrow(), [BATCH_SIZE, 10]);
    let first_changes = couch
        .requests()
        .into_iter()
        .find(|r| r.contains("_changes"))
        .expect("a _changes request");
    let since = match &seq {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    assert!(
        first_changes.contains(&format!(
            "since={}",
            cpor_desk::sync::transport::encode_component(&since)
        )),
        "{first_changes} resumes from {since}"
    );
    let all = block_on(b.inner.store().load_all()).unwrap().claims;
    assert_eq!(all.len(), 3 * BATCH_SIZE + 10);
    assert!(all.iter().all(|c| c.revision == 1), "each stored once");
}
