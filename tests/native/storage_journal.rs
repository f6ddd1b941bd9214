//! The load snapshot and its journal (`storage::journal`) over a model of
//! IndexedDB's stores: whatever tabs write, load and compact in whatever
//! order, a load (the snapshot, then the journaled records) gives exactly
//! the claims store. The model's load and compaction use the module's own
//! decisions (`merge`, `base_seq`, `may_replace`); the browser tests hold
//! the IndexedDB code to the same (`storage::idb_snapshot_*`).

use std::collections::BTreeMap;

use cpor_desk::storage::journal::{
    COMPACT_MIN, base_seq, compaction_due, may_replace, merge, prefer_records,
};
use proptest::prelude::*;

/// The stores: the claims (id → revision), the journal (number → id, the
/// numbers from a generator that only grows), and the snapshot (its base
/// number and its records in key order).
#[derive(Default, Debug)]
struct Stores {
    claims: BTreeMap<String, u32>,
    journal: BTreeMap<u64, String>,
    next: u64,
    snapshot: Option<(f64, Vec<(String, u32)>)>,
}

impl Stores {
    /// A save or a deletion, with its journal entry (one transaction).
    fn write(&mut self, id: &str, revision: Option<u32>) {
        match revision {
            Some(r) => self.claims.insert(id.to_string(), r),
            None => self.claims.remove(id),
        };
        self.next += 1;
        self.journal.insert(self.next, id.to_string());
    }

    /// What a load returns (the snapshot overlaid with the journaled
    /// records) and the number it is current as of; `None` without a
    /// snapshot (the load then reads every record).
    fn load(&self) -> Loaded {
        let base = base_seq(
            self.snapshot.as_ref().map(|s| s.0),
            self.journal.keys().map(|&k| k as f64),
        );
        let Some((_, records)) = &self.snapshot else {
            let all = self.claims.iter().map(|(k, v)| (k.clone(), *v)).collect();
            return (all, base);
        };
        // Each journaled key once, in key order.
        let current: BTreeMap<String, Option<u32>> = self
            .journal
            .values()
            .map(|id| (id.clone(), self.claims.get(id).copied()))
            .collect();
        (merge(records.clone(), current.into_iter().collect()), base)
    }

    /// A compaction from a load's result (one transaction): refused when
    /// a newer snapshot was written meanwhile.
    fn compact(&mut self, records: Vec<(String, u32)>, base: f64, guarded: bool) -> bool {
        if guarded && !may_replace(self.snapshot.as_ref().map(|s| s.0), base) {
            return false;
        }
        self.journal.retain(|&k, _| k as f64 > base);
        self.snapshot = Some((base, records));
        true
    }

    fn truth(&self) -> Vec<(String, u32)> {
        self.claims.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
}

/// A load's result: the records (key, revision) and its journal number.
type Loaded = (Vec<(String, u32)>, f64);

#[derive(Debug, Clone)]
enum Op {
    /// Tab `tab` saves claim `id` (`None`: deletes it).
    Write(u8, Option<u32>),
    /// Tab `tab` loads, and keeps what it read for a compaction.
    Load(usize),
    /// Tab `tab` writes a snapshot from its last load.
    Compact(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..12, proptest::option::of(1u32..50)).prop_map(|(id, r)| Op::Write(id, r)),
        2 => (0usize..3).prop_map(Op::Load),
        2 => (0usize..3).prop_map(Op::Compact),
    ]
}

/// Runs `ops` by three tabs; after every step a fresh load must give the
/// claims store. Returns the first step where it did not.
fn run(ops: &[Op], guarded: bool) -> Option<usize> {
    let mut db = Stores::default();
    let mut tabs: Vec<Option<Loaded>> = vec![None; 3];
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Write(id, r) => db.write(&format!("c{id:02}"), *r),
            Op::Load(t) => tabs[*t] = Some(db.load()),
            Op::Compact(t) => {
                if let Some((records, base)) = tabs[*t].take() {
                    db.compact(records, base, guarded);
                }
            }
        }
        if db.load().0 != db.truth() {
            return Some(step);
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn a_load_gives_the_claims_store_whatever_tabs_write_load_and_compact(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        prop_assert_eq!(run(&ops, true), None);
    }
}

/// The guard is what keeps it so: tab A loads, tab B writes and compacts,
/// then A's older snapshot would drop B's write, whose journal entry B's
/// compaction deleted.
#[test]
fn an_older_compaction_would_lose_a_write_and_is_refused() {
    let ops = [
        Op::Write(1, Some(1)),
        Op::Load(0),
        Op::Write(2, Some(1)),
        Op::Load(1),
        Op::Compact(1),
        Op::Compact(0),
    ];
    assert_eq!(
        run(&ops, false),
        Some(5),
        "unguarded, the write of c02 is lost"
    );
    assert_eq!(run(&ops, true), None);

    let mut db = Stores::default();
    db.write("a", Some(1));
    let (records, base) = db.load();
    db.write("b", Some(1));
    let (newer, newer_base) = db.load();
    assert!(db.compact(newer, newer_base, true));
    assert!(!db.compact(records, base, true), "refused");
    assert_eq!(db.load().0, db.truth());
}

/// A write after the load a compaction is made from keeps its journal
/// entry, and the next load reads it.
#[test]
fn a_write_between_the_load_and_its_compaction_is_kept() {
    let mut db = Stores::default();
    db.write("a", Some(1));
    db.write("b", Some(1));
    let (records, base) = db.load();
    db.write("a", Some(2));
    db.write("b", None);
    assert!(db.compact(records, base, true));
    assert_eq!(db.journal.len(), 2, "the two later entries stay");
    assert_eq!(db.load().0, [("a".to_string(), 2)]);
}

#[test]
fn merge_overlays_in_key_order_and_drops_deleted_keys() {
    let snapshot = vec![("b", 1), ("d", 1), ("f", 1)];
    let current = vec![
        ("a", Some(1)),
        ("b", Some(2)),
        ("c", None),
        ("d", None),
        ("e", Some(1)),
        ("g", Some(1)),
    ];
    assert_eq!(
        merge(snapshot, current),
        [("a", 1), ("b", 2), ("e", 1), ("f", 1), ("g", 1)]
    );
    assert_eq!(merge(Vec::<(u8, u8)>::new(), Vec::new()), []);
}

/// The records a load reads one by one (the journaled ones) stay a small
/// part of the claims whatever their number: a load with more entries
/// writes a new snapshot, and one with far more reads everything in slices.
#[test]
fn the_journaled_reads_stay_a_bounded_part_of_the_load() {
    for claims in [0, 100, 10_000, 100_000, 1_000_000] {
        let most_without_compaction = (0..=claims.max(COMPACT_MIN) * 2)
            .take_while(|&e| !compaction_due(e, claims))
            .last()
            .unwrap();
        assert!(
            most_without_compaction <= COMPACT_MIN.max(claims / 50),
            "{claims}: {most_without_compaction}"
        );
        let most_one_by_one = (0..=claims.max(COMPACT_MIN) * 2)
            .take_while(|&e| !prefer_records(e, claims))
            .last()
            .unwrap();
        assert!(most_one_by_one <= COMPACT_MIN.max(claims / 4));
        assert!(most_one_by_one >= most_without_compaction);
    }
}
