//! The replication scenarios against `FakeCouch`, plus what only a fake
//! server can show: faults at every step, refused documents, hostile
//! documents, compaction, concurrent identical merges.

use cpor_desk::domain::claim::Claim;
use cpor_desk::storage::{StorageError, SyncAdapter, block_on};
use cpor_desk::sync::merge::{Choices, Side};
use cpor_desk::sync::transport::{Auth, Request, Response, Transport, TransportFuture};
use cpor_desk::sync::{
    LocalReplica, MemoryReplica, Replicator, SyncConfig, SyncError, resolve_conflict,
};
use serde_json::json;

use super::fake_couch::{FakeCouch, Fault};
use super::harness::{BATCH_SIZE, Pair, Server, bytes, claim, document_ref, stored};
use super::scenarios;

const DB: &str = "cpor-org-1";

impl Server for FakeCouch {
    fn transport(&self) -> &dyn Transport {
        self
    }
    fn url(&self) -> String {
        "http://fake.invalid".into()
    }
    fn auth(&self) -> Auth {
        Auth::None
    }
    fn create_db(&self, name: &str) {
        FakeCouch::create_db(self, name);
    }
    fn reset_db(&self, name: &str) {
        FakeCouch::reset_db(self, name);
    }
}

/// One `#[test]` per shared scenario, each on a new `FakeCouch`.
macro_rules! on_fake_couch {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                scenarios::$name(&FakeCouch::new(), DB);
            }
        )*
    };
}

on_fake_couch!(
    create_and_edit_both_ways,
    different_fields_merge,
    same_field_conflict_resolved,
    server_side_conflicts,
    both_record_the_conflict_one_resolves,
    delete_versus_edit,
    edit_versus_local_delete,
    large_attachment_round_trip,
    checkpoint_loss,
    server_reset,
);

/// The database deleted while a session waits in the long poll (which
/// answers 404), then provisioned again: the same replicator's next round
/// starts a new session, finds its checkpoint document gone and sends
/// everything again (before, the session went on with its stale checkpoint
/// and sent nothing).
#[test]
fn database_reset_during_a_long_poll_is_detected() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.save(&p.a, claim("c1"));
    let mut r = Replicator::new(&couch, &p.a, p.config()).expect("config");
    block_on(r.sync_once()).expect("first round");
    couch.drop_db(DB);
    let waited = block_on(r.wait_for_changes());
    assert!(
        matches!(waited, Err(SyncError::DatabaseMissing(_))),
        "{waited:?}"
    );
    couch.create_db(DB);
    let report = block_on(r.sync_once()).expect("round after the reset");
    assert!(report.reset_detected, "{report:?}");
    assert_eq!(report.pushed, 1, "{report:?}");
    assert!(
        p.server_doc("claim:c1").is_some(),
        "c1 is on the server again"
    );
}

#[test]
fn wrong_password() {
    let couch = FakeCouch::new();
    couch.require_auth("ada", "right");
    let mut p = Pair::new(&couch, DB);
    p.auth = Auth::Basic {
        user: "ada".into(),
        password: "wrong".into(),
    };
    scenarios::wrong_password(&p);
    p.auth = Auth::Basic {
        user: "ada".into(),
        password: "right".into(),
    };
    assert_eq!(p.sync_ok(&p.a).pushed, 1, "the right password works");
}

/// Every server revision of every document: `(doc id, leaves)`.
fn server_state(couch: &FakeCouch) -> Vec<(String, Vec<(String, bool)>)> {
    couch
        .doc_ids(DB)
        .into_iter()
        .map(|id| {
            let leaves = couch.leaves(DB, &id);
            (id, leaves)
        })
        .collect()
}

/// Faults while pushing: down, 503, an answer truncated or lost after the
/// server applied the write. Nothing is lost, nothing duplicated (the
/// retried write is the same revision), and the retry converges.
#[test]
fn faults_while_pushing() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for id in ["c1", "c2", "c3"] {
        p.save(&p.a, claim(id));
    }
    block_on(p.a.store().put_document(stored("d1", bytes(3000, 3)))).unwrap();
    p.edit(&p.a, "c1", |c| c.documents.push(document_ref("d1", 3000)));

    let faults = [
        ("GET /", Fault::Down, "sync.unreachable"),
        ("_revs_diff", Fault::Status(503), "sync.server"),
        ("_bulk_docs", Fault::Timeout, "sync.timeout"),
        ("_bulk_docs", Fault::TruncateResponse, "sync.protocol"),
        ("_bulk_docs", Fault::LostResponse, "sync.unreachable"),
    ];
    for (pattern, fault, code) in faults {
        couch.inject(pattern, fault.clone(), 1);
        let err = p.sync(&p.a).unwrap_err();
        assert_eq!(err.code(), code, "{fault:?}");
        assert!(err.is_retryable(), "{fault:?}");
    }
    // The file went up on the first _bulk_docs that reached the server, the
    // claims on the next ones; the answers were lost, so A retries.
    let r = p.sync_ok(&p.a);
    assert_eq!(r.refused, []);
    for (id, leaves) in server_state(&couch) {
        assert_eq!(
            leaves.len(),
            1,
            "{id}: one revision, no duplicate: {leaves:?}"
        );
    }
    assert_eq!(
        couch.doc_ids(DB),
        ["claim:c1", "claim:c2", "claim:c3", "file:d1"]
    );
    let again = p.sync_ok(&p.a);
    assert_eq!(
        (again.pushed, again.files_pushed),
        (0, 0),
        "nothing left to send"
    );
    p.sync_ok(&p.b);
    p.assert_converged();
}

/// Faults while pulling: the checkpoint never passes data not stored here;
/// nothing is stored twice; the retry converges.
#[test]
fn faults_while_pulling() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    // More than one batch.
    let claims = BATCH_SIZE + BATCH_SIZE / 2;
    for i in 0..claims {
        p.save(&p.a, claim(&format!("c{i:03}")));
    }
    let file = bytes(40_000, 4);
    block_on(p.a.store().put_document(stored("d1", file.clone()))).unwrap();
    p.edit(&p.a, "c000", |c| {
        c.documents.push(document_ref("d1", 40_000))
    });
    p.sync_ok(&p.a);
    // Every claim at a second revision: a first pull fetches those (with
    // their history) through `_bulk_get`, where the faults below hit; first
    // revisions come with the feed (batching::a_first_pull_takes_…).
    for i in 1..claims {
        p.edit(&p.a, &format!("c{i:03}"), |c| {
            c.name = format!("Edited {i}")
        });
    }
    p.sync_ok(&p.a);
    let key = p.config().checkpoint_key();
    let checkpoint = || block_on(p.b.checkpoint(&key)).unwrap();
    let claims_on_b = || block_on(p.b.store().load_all()).unwrap().claims.len();

    // Nothing of the first batch can be stored: the checkpoint stays at the
    // start (set when the session first met this database).
    let faults = [
        ("_changes", Fault::Down, "sync.unreachable"),
        ("_changes", Fault::TruncateResponse, "sync.protocol"),
        ("_bulk_get", Fault::TruncateResponse, "sync.protocol"),
        ("_bulk_get", Fault::Status(503), "sync.server"),
        ("/file?rev=", Fault::TruncateResponse, "sync.protocol"),
    ];
    for (pattern, fault, code) in faults {
        couch.inject(pattern, fault.clone(), 1);
        let err = p.sync(&p.b).unwrap_err();
        assert_eq!(err.code(), code, "{fault:?}");
        assert_eq!(checkpoint(), Some(json!(0)), "{fault:?}");
        assert!(
            block_on(p.b.store().get_document("d1")).unwrap().is_none(),
            "a truncated file is never stored"
        );
    }

    // The first batch is stored, the second (fetched meanwhile) breaks: the
    // checkpoint covers the first batch exactly.
    couch.inject_after("_bulk_get", Fault::LostResponse, 1, 1);
    assert_eq!(p.sync(&p.b).unwrap_err().code(), "sync.unreachable");
    let after_first = claims_on_b();
    assert!(after_first > 0 && after_first < claims, "{after_first}");
    let seq = checkpoint().expect("first batch checkpointed");
    assert!(
        seq.is_string(),
        "the opaque string seq is kept as is: {seq}"
    );

    // The rest is stored but the server's checkpoint document cannot be
    // written when caught up: the round fails, the local checkpoint covers
    // what is stored (never more); the retry stores nothing twice.
    couch.inject_after(&format!("PUT /{DB}/_local/"), Fault::Status(500), 0, 1);
    assert_eq!(p.sync(&p.b).unwrap_err().code(), "sync.server");
    assert_ne!(checkpoint(), Some(seq));
    assert_eq!(claims_on_b(), claims);

    let r = p.sync_ok(&p.b);
    assert_eq!((r.pulled, r.pushed), (0, 0), "already here: {r:?}");
    let got = block_on(p.b.store().get_document("d1"))
        .unwrap()
        .expect("file");
    assert!(got.bytes == file);
    assert!(
        block_on(p.b.store().load_all())
            .unwrap()
            .claims
            .iter()
            .all(|c| c.revision == 1),
        "each stored once"
    );
    p.assert_converged();
    // Re-reading after all of this changes nothing.
    p.b.lose_checkpoints();
    let r = p.sync_ok(&p.b);
    assert_eq!((r.pulled, r.pushed), (0, 0));
}

/// A local write failure (storage full) mid-pull: nothing is checkpointed
/// past it; once there is room, the retry stores everything.
#[test]
fn local_storage_failure_mid_pull() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for id in ["c1", "c2"] {
        p.save(&p.a, claim(id));
    }
    p.sync_ok(&p.a);
    p.b.store()
        .fail_writes(Some(StorageError::QuotaExceeded("full".into())));
    let err = p.sync(&p.b).unwrap_err();
    assert_eq!(err.code(), "sync.local");
    assert!(err.is_retryable());
    assert_eq!(
        block_on(p.b.checkpoint(&p.config().checkpoint_key())).unwrap(),
        Some(json!(0))
    );
    p.b.store().fail_writes(None);
    assert_eq!(p.sync_ok(&p.b).pulled, 2);
    p.assert_converged();
}

/// 403 on the database: a clear error, no retry loop.
#[test]
fn forbidden_database() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    couch.inject(&format!("GET /{DB}"), Fault::Status(403), 1);
    let err = p.sync(&p.a).unwrap_err();
    assert!(matches!(err, SyncError::Forbidden(_)), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(err.code(), "sync.forbidden");
}

/// A missing database, a server that is not CouchDB, a bad database name.
#[test]
fn setup_errors_are_explained() {
    let couch = FakeCouch::new();
    let local = MemoryReplica::new("r");
    let config = SyncConfig::new("http://fake.invalid", "cpor-nope", Auth::None);
    let err = block_on(Replicator::new(&couch, &local, config).unwrap().sync_once()).unwrap_err();
    assert_eq!(err, SyncError::DatabaseMissing("cpor-nope".into()));
    assert!(!err.is_retryable());

    struct Web;
    impl Transport for Web {
        fn request(&self, _: Request) -> TransportFuture<'_> {
            Box::pin(async {
                Ok(Response {
                    status: 200,
                    headers: vec![],
                    body: b"<!doctype html><title>Intranet</title>".to_vec(),
                })
            })
        }
    }
    let config = SyncConfig::new("http://intranet.invalid", "cpor-x", Auth::None);
    let err = block_on(Replicator::new(&Web, &local, config).unwrap().sync_once()).unwrap_err();
    assert_eq!(err, SyncError::NotCouchDb);

    let config = SyncConfig::new("http://fake.invalid", "Bad Name", Auth::None);
    let err = Replicator::new(&couch, &local, config).err().unwrap();
    assert_eq!(err.code(), "sync.config");
}

/// A per-document `forbidden` is recorded and not retried until the
/// document changes again or the user asks.
#[test]
fn refused_document_is_not_retried_forever() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.save(&p.a, claim("c1"));
    p.save(&p.a, claim("c2"));
    couch.forbid("claim:c2", true);
    let r = p.sync_ok(&p.a);
    assert_eq!(r.pushed, 1);
    assert_eq!(
        r.refused,
        [SyncError::Refused {
            id: "claim:c2".into(),
            reason: "only admins may change this claim".into()
        }]
    );
    assert_eq!(
        r.refused[0].to_string(),
        "refused by the server: only admins may change this claim"
    );
    let errors = block_on(p.a.push_errors()).unwrap();
    assert_eq!(errors.len(), 1);

    couch.reset_counters();
    for _ in 0..3 {
        let r = p.sync_ok(&p.a);
        assert!(r.refused.is_empty());
    }
    assert_eq!(
        couch.count("_bulk_docs"),
        0,
        "not sent again while unchanged"
    );

    // Changed again: tried again (and refused again).
    p.edit(&p.a, "c2", |c| c.name = "Try again".into());
    assert_eq!(p.sync_ok(&p.a).refused.len(), 1);
    assert_eq!(couch.count("_bulk_docs"), 1);

    // The user asks after an admin allowed it.
    couch.forbid("claim:c2", false);
    block_on(p.a.clear_push_error("claim:c2")).unwrap();
    assert_eq!(p.sync_ok(&p.a).pushed, 1);
    assert!(block_on(p.a.push_errors()).unwrap().is_empty());
    p.sync_ok(&p.b);
    p.assert_converged();
}

/// Hostile remote documents are quarantined, never applied, never pushed
/// back, and never stop the replicator.
#[test]
fn hostile_documents_are_quarantined() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.shared(&["good"]);
    let huge = "x".repeat(5 * 1024 * 1024);
    let hostile = [
        (
            "claim:types",
            json!({"type": "claim", "schema": 1, "claim": {"id": "types", "name": 42, "documents": "no"}}),
        ),
        (
            "claim:huge",
            json!({"type": "claim", "schema": 1, "claim": {"id": "huge", "name": huge}}),
        ),
        (
            "claim:future",
            json!({"type": "claim", "schema": 99, "claim": {"id": "future", "name": "x"}}),
        ),
        (
            "claim:notobject",
            json!({"type": "claim", "schema": 1, "claim": [1, 2, 3]}),
        ),
        (
            "claim:noid",
            json!({"type": "claim", "schema": 1, "claim": {"id": "noid"}}),
        ),
        (
            "claim:mismatch",
            json!({"type": "claim", "schema": 1, "claim": {"id": "other"}}),
        ),
        ("claim:scalar", json!("just a string")),
        (
            "file:nofile",
            json!({"type": "file", "claimId": "good", "name": "a.pdf", "mediaType": "application/pdf", "size": 3}),
        ),
        ("settings", json!({"theme": "dark"})),
    ];
    for (id, body) in &hostile {
        couch.put_raw(DB, id, body.clone());
    }
    couch.strip_id("claim:noid");
    // A hostile revision of a good claim too.
    couch.put_raw(
        DB,
        "claim:good",
        json!({"type": "claim", "schema": 1, "claim": {"id": "good", "status": "bogus"}}),
    );

    let r = p.sync_ok(&p.b);
    assert_eq!(
        r.quarantined.len(),
        hostile.len() + 1,
        "{:?}",
        r.quarantined
    );
    assert_eq!(r.pulled, 0, "nothing readable arrived: {r:?}");
    let snap = block_on(p.b.store().load_all()).unwrap();
    assert_eq!(snap.claims.len(), 1);
    assert_eq!(
        snap.claims[0],
        p.get(&p.a, "good").unwrap(),
        "the good claim is untouched"
    );
    assert_eq!(snap.quarantined.len(), hostile.len() + 1);
    for q in &snap.quarantined {
        assert!(q.reason.starts_with("from the sync server: "), "{q:?}");
        assert!(q.raw.len() < 70 * 1024, "raw text is capped");
    }
    let reasons: Vec<&str> = snap.quarantined.iter().map(|q| q.reason.as_str()).collect();
    for want in [
        "too large",
        "newer version (schema 99)",
        "no claim object",
        "no _id",
        "does not match",
        "attachment is missing",
        "not a CPOR Desk document",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(want)),
            "{want} in {reasons:#?}"
        );
    }

    // Never pushed back.
    couch.reset_counters();
    let r = p.sync_ok(&p.b);
    assert_eq!(r.pushed, 0);
    assert_eq!(couch.count("_bulk_docs"), 0);
    // B edits the good claim: only that is pushed, and A gets it.
    p.edit(&p.b, "good", |c| c.name = "Edited on B".into());
    assert_eq!(p.sync_ok(&p.b).pushed, 1);
    p.sync_ok(&p.a);
    assert_eq!(p.get(&p.a, "good").unwrap().name, "Edited on B");
    assert!(couch.doc_ids(DB).iter().all(|id| !id.contains("other")));
}

/// The live mode: a long poll that ends by the client's timer when nothing
/// happens, and reports a change when one comes.
#[test]
fn long_poll() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.sync_ok(&p.b);
    assert_eq!(p.wait(&p.b), Ok(false));
    p.save(&p.a, claim("c1"));
    p.sync_ok(&p.a);
    assert_eq!(p.wait(&p.b), Ok(true));
    assert!(couch.requests().iter().any(|r| r.contains("feed=longpoll")));
    p.sync_ok(&p.b);
    assert_eq!(p.wait(&p.b), Ok(false));
}

/// A and B edit different fields of a shared c1 offline and push without
/// reading: the server holds two leaves.
fn two_leaves_on_c1(p: &Pair<'_>) {
    p.shared(&["c1"]);
    p.edit(&p.a, "c1", |c| c.name = "A".into());
    p.edit(&p.b, "c1", |c| c.customer_domain = "contoso.se".into());
    p.push_only(&p.a);
    p.push_only(&p.b);
}

/// When the common ancestor's body is gone (compaction), a server-side
/// conflict falls back to the user, who resolves it.
#[test]
fn compacted_ancestor_falls_back_to_the_user() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    two_leaves_on_c1(&p);
    couch.compact(DB);
    let r = p.sync_ok(&p.a);
    assert_eq!(r.conflicts, ["c1"], "{r:?}");
    let conflict = block_on(p.a.conflicts()).unwrap().remove(0);
    assert!(conflict.conflict.base.is_none(), "no common version known");
    block_on(resolve_conflict(
        &p.a,
        &conflict,
        &Choices::new(Side::Theirs),
    ))
    .unwrap();
    p.sync_ok(&p.a);
    assert!(couch.conflicts(DB, "claim:c1").is_empty());
    p.sync_ok(&p.b);
    p.sync_ok(&p.a);
    p.assert_converged();
}

/// Two browsers that merge the same server conflict independently write
/// the same revisions (deterministic ids): no new conflict.
#[test]
fn identical_merges_write_identical_revisions() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    two_leaves_on_c1(&p);
    // Each browser meets the conflict on its own copy of the server.
    let other = couch.fork();
    p.sync_ok(&p.a);
    let config = p.config();
    block_on(Replicator::new(&other, &p.b, config).unwrap().sync_once()).unwrap();
    assert_eq!(couch.leaves(DB, "claim:c1"), other.leaves(DB, "claim:c1"));
    assert_eq!(
        couch
            .leaves(DB, "claim:c1")
            .iter()
            .filter(|(_, d)| !d)
            .count(),
        1
    );
    p.assert_converged();
}

/// A claim whose stored record is unreadable here is not a deletion: it is
/// not pushed at all.
#[test]
fn unreadable_local_record_is_not_pushed_as_deletion() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.save(&p.a, claim("c1"));
    p.sync_ok(&p.a);
    p.a.store().insert_raw("c1", "{broken");
    let r = p.sync_ok(&p.a);
    assert_eq!(r.pushed, 0, "{r:?}");
    assert_eq!(couch.leaves(DB, "claim:c1").len(), 1);
    assert!(
        !couch.leaves(DB, "claim:c1")[0].1,
        "not deleted on the server"
    );
}

/// Remote claims apply through the store's revision check: a tab's stale
/// copy gets a conflict, as with any other save.
#[test]
fn stale_tab_copy_conflicts_after_a_pull() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    p.shared(&["c1"]);
    let stale: Claim = p.get(&p.b, "c1").unwrap();
    p.edit(&p.a, "c1", |c| c.name = "New".into());
    p.sync_ok(&p.a);
    p.sync_ok(&p.b);
    let err = block_on(p.b.store().save(stale)).unwrap_err();
    assert!(err.is_conflict());
}
