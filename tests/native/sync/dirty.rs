//! The outbox's dirty set ([`LocalReplica::dirty`]): a local save records
//! the claim (in the same write), a push clears what it sent unless the
//! claim was saved again meanwhile, pulled claims are not dirty, and a lost
//! dirty set falls back to one full scan, so nothing never pushed is
//! forgotten. The "not sent yet" list ([`Replicator::unsent`]) reads it.
//! (Before, every round scanned every stored claim and base:
//! docs/performance.md#sync-bench.)

use cpor_desk::storage::{SyncAdapter, block_on};
use cpor_desk::sync::{LocalReplica, MemoryReplica, Replicator, SyncReport};

use super::batching::Tally;
use super::fake_couch::FakeCouch;
use super::harness::{Pair, claim};

const DB: &str = "cpor-org-1";

#[track_caller]
fn sync(p: &Pair<'_>, r: &Tally) -> SyncReport {
    let mut replicator = Replicator::new(&p.net, r, p.config()).expect("config");
    block_on(replicator.sync_once()).expect("sync")
}

fn dirty(r: &MemoryReplica) -> Option<Vec<String>> {
    r.store().dirty_ids()
}

fn save(r: &MemoryReplica, id: &str, name: &str) {
    let current = block_on(r.store().load(id)).expect("load");
    let mut c = current.unwrap_or_else(|| claim(id));
    c.name = name.into();
    block_on(r.store().save(c)).expect("save");
}

#[test]
fn a_save_is_dirty_until_pushed_and_the_outbox_reads_nothing_else() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let a = Tally::new("replica-a");
    for i in 0..50 {
        save(&a.inner, &format!("c{i:02}"), "First");
    }
    // No dirty set yet: the first round scans everything once.
    let report = sync(&p, &a);
    assert_eq!(report.pushed, 50);
    assert_eq!(a.count("snapshot"), 1);
    assert_eq!(dirty(&a.inner), Some(vec![]), "all sent");

    a.reset();
    save(&a.inner, "c07", "Edited");
    assert_eq!(dirty(&a.inner), Some(vec!["c07".to_string()]));
    let outbox = block_on(a.outbox()).expect("outbox");
    assert_eq!(
        outbox.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["c07"]
    );
    let report = sync(&p, &a);
    assert_eq!(report.pushed, 1);
    assert_eq!(dirty(&a.inner), Some(vec![]));
    // Neither the outbox nor the round read all claims or all bases.
    assert_eq!(a.count("snapshot"), 0);
    assert_eq!(a.count("bases"), 0);

    // A deletion is dirty too, and sent.
    let c = block_on(a.inner.store().load("c08")).unwrap().unwrap();
    block_on(a.inner.store().delete("c08", c.revision)).unwrap();
    assert_eq!(dirty(&a.inner), Some(vec!["c08".to_string()]));
    assert_eq!(sync(&p, &a).pushed, 1);
    assert_eq!(dirty(&a.inner), Some(vec![]));
    assert!(p.server_doc("claim:c08").is_none(), "deleted on the server");
}

#[test]
fn the_not_sent_yet_list_reads_the_dirty_set() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let a = Tally::new("replica-a");
    for id in ["c1", "c2", "c3"] {
        save(&a.inner, id, "First");
    }
    sync(&p, &a);
    save(&a.inner, "c2", "Offline edit");
    a.reset();
    let replicator = Replicator::new(&p.net, &a, p.config()).expect("config");
    let unsent = block_on(replicator.unsent()).expect("unsent");
    assert_eq!(
        unsent.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["c2"]
    );
    assert_eq!(a.count("snapshot"), 0);
    assert_eq!(a.count("bases"), 0);
}

#[test]
fn a_claim_saved_again_while_it_is_pushed_stays_dirty() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let a = Tally::new("replica-a");
    save(&a.inner, "c1", "First");
    sync(&p, &a);

    save(&a.inner, "c1", "Second");
    // A tab saves again after the push read the claim, before it is marked
    // sent.
    *a.before_set_base.borrow_mut() = Some(Box::new(|inner: &MemoryReplica| {
        save(inner, "c1", "Third");
    }));
    sync(&p, &a);
    assert_eq!(
        dirty(&a.inner),
        Some(vec!["c1".to_string()]),
        "the third version is not sent yet"
    );
    let server_name = |p: &Pair<'_>| {
        p.server_doc("claim:c1").unwrap()["claim"]["name"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(server_name(&p).as_deref(), Some("Second"));

    // The next round sends it.
    assert_eq!(sync(&p, &a).pushed, 1);
    assert_eq!(dirty(&a.inner), Some(vec![]));
    assert_eq!(server_name(&p).as_deref(), Some("Third"));
}

#[test]
fn pulled_claims_are_not_dirty() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let b = Tally::new("replica-b");
    sync(&p, &b);
    assert_eq!(dirty(&b.inner), Some(vec![]));

    for i in 0..30 {
        p.save(&p.a, claim(&format!("c{i:02}")));
    }
    p.sync_ok(&p.a);
    let report = sync(&p, &b);
    assert_eq!((report.pulled, report.pushed), (30, 0));
    assert_eq!(dirty(&b.inner), Some(vec![]), "nothing to send back");

    // An edit on B after the pull is dirty, and only it.
    save(&b.inner, "c03", "Edited on B");
    assert_eq!(dirty(&b.inner), Some(vec!["c03".to_string()]));
    assert_eq!(sync(&p, &b).pushed, 1);
}

#[test]
fn a_lost_dirty_set_falls_back_to_one_full_scan_and_forgets_nothing() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    let a = Tally::new("replica-a");
    save(&a.inner, "c1", "First");
    sync(&p, &a);

    // Saved, and then the dirty set is lost (a browser upgraded from a build
    // without it, or its record cleared): the save is not listed anywhere.
    save(&a.inner, "c2", "Never pushed");
    save(&a.inner, "c1", "Edited");
    a.inner.store().lose_dirty();
    a.reset();
    let report = sync(&p, &a);
    assert_eq!(report.pushed, 2, "both found by the full scan");
    assert_eq!(a.count("snapshot"), 1);
    assert!(p.server_doc("claim:c2").is_some());
    assert_eq!(dirty(&a.inner), Some(vec![]), "recorded again");

    // Once: the next rounds read the dirty set again.
    a.reset();
    save(&a.inner, "c2", "Edited");
    assert_eq!(sync(&p, &a).pushed, 1);
    assert_eq!(a.count("snapshot"), 0);
}

#[test]
fn a_first_sync_without_bases_keeps_a_complete_dirty_set_and_scans_nothing() {
    let couch = FakeCouch::new();
    let p = Pair::new(&couch, DB);
    for i in 0..30 {
        p.save(&p.a, claim(&format!("c{i:02}")));
    }
    p.sync_ok(&p.a);
    // A fresh browser (a new IndexedDB database records its empty dirty set
    // as complete) with one claim of its own, syncing for the first time.
    let b = Tally::new("replica-b");
    block_on(b.inner.mark_dirty(vec![])).expect("mark");
    save(&b.inner, "b-own", "Made on B");
    b.reset();
    let report = sync(&p, &b);
    assert_eq!((report.pulled, report.pushed), (30, 1));
    assert_eq!(b.count("snapshot"), 0, "no full scan after the first pull");
    assert_eq!(dirty(&b.inner), Some(vec![]));
    assert!(p.server_doc("claim:b-own").is_some());

    // With bases (the server's database reset), everything is scanned and
    // checked again.
    let a = Tally::new("replica-a2");
    sync(&p, &a);
    couch.reset_db(DB);
    a.reset();
    sync(&p, &a);
    assert_eq!(a.count("snapshot"), 1, "every base checked again");
}
