//! The load snapshot and its journal: how IndexedDB's
//! [`load_all`](super::SyncAdapter::load_all) reads many claims in a few
//! large reads (docs/storage.md, docs/performance.md#load-snapshot).
//!
//! The claims store (one record per claim) stays the only truth: every
//! write, the revision check, the other tabs' notices and the sync replica
//! work on it as before. Beside it the store keeps
//!
//! - a **snapshot**: the claims' records as of one moment, packed into
//!   values of [`LOAD_SLICE`](super::slices::LOAD_SLICE) records each, under
//!   a head that says as of which journal entry ([`Head::seq`]);
//! - a **journal**: every transaction that writes or deletes claim records
//!   adds their ids (one id, or an array of them for a batch) under the next
//!   number of the store's key generator, in the same transaction.
//!
//! A load reads the head, the journal and the snapshot's values, and reads
//! the current record of every claim the journal names (absent: deleted):
//! [`merge`] is what it returns. Compaction writes a new snapshot from what
//! a load returned and deletes the journal entries up to the number that
//! load read ([`Head::seq`]), in one transaction, and only when no newer
//! snapshot was written meanwhile ([`may_replace`]): a write after the load
//! (another tab, the sync worker) has a larger number, keeps its entry, and
//! is read again by the next load. So a snapshot and its journal always give
//! the claims store.
//!
//! Pure and generic, so the native tests run the protocol over a model of
//! the stores (`storage_journal::*` in the native test crate).

/// Journal entries that always leave the snapshot as it is, whatever the
/// number of claims: a load then reads at most this many records one by one.
pub const COMPACT_MIN: usize = 200;

/// Whether a load that found `entries` journal entries over a snapshot of
/// about `claims` claims should write a new snapshot: when the entries are
/// more than [`COMPACT_MIN`] and more than 2 % of the claims (reading the
/// journaled records one by one then costs at most ~2 % of reading them
/// all, and a compaction, which writes every claim, is rare).
///
/// ```
/// use cpor_desk::storage::journal::compaction_due;
/// assert!(!compaction_due(200, 100));
/// assert!(compaction_due(201, 100));
/// assert!(!compaction_due(2_000, 100_000));
/// assert!(compaction_due(2_001, 100_000));
/// ```
pub fn compaction_due(entries: usize, claims: usize) -> bool {
    entries > COMPACT_MIN.max(claims / 50)
}

/// Whether a load should read every record instead of the snapshot and the
/// `journaled` claims one by one: when the journal names more than a
/// quarter of the snapshot's `claims` (after an import into a small
/// snapshot, say), one read of everything in slices is cheaper.
///
/// ```
/// use cpor_desk::storage::journal::prefer_records;
/// assert!(!prefer_records(200, 0));
/// assert!(prefer_records(201, 0));
/// assert!(!prefer_records(2_500, 10_000));
/// assert!(prefer_records(2_501, 10_000));
/// ```
pub fn prefer_records(journaled: usize, claims: usize) -> bool {
    journaled > COMPACT_MIN.max(claims / 4)
}

/// A snapshot's head: as of which journal entry it holds the claims, in how
/// many values, how many claims, and which snapshot it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head {
    /// The largest journal number the load that wrote it had read (0: none).
    pub seq: f64,
    /// Its values, keyed `0..slices`.
    pub slices: u32,
    /// The claims in it.
    pub claims: u32,
    /// A random number written into the head and each of its values, so
    /// that a value of another snapshot (left over, or restored from a
    /// backup) is not taken for one of this.
    pub generation: f64,
}

/// The journal number a load's result is current as of: the snapshot's, or
/// the largest journal entry it read if larger.
///
/// ```
/// use cpor_desk::storage::journal::base_seq;
/// assert_eq!(base_seq(Some(7.0), [3.0, 9.0, 8.0]), 9.0);
/// assert_eq!(base_seq(Some(7.0), []), 7.0);
/// assert_eq!(base_seq(None, []), 0.0);
/// ```
pub fn base_seq(head: Option<f64>, journal: impl IntoIterator<Item = f64>) -> f64 {
    journal.into_iter().fold(head.unwrap_or(0.0), f64::max)
}

/// Whether a compaction made from a load as of `base` may replace the
/// stored snapshot (its head `stored`, if readable): not when a newer one
/// was written meanwhile, whose compaction deleted journal entries after
/// `base` that this load did not see.
///
/// ```
/// use cpor_desk::storage::journal::may_replace;
/// assert!(may_replace(None, 5.0));
/// assert!(may_replace(Some(5.0), 5.0));
/// assert!(!may_replace(Some(6.0), 5.0));
/// ```
pub fn may_replace(stored: Option<f64>, base: f64) -> bool {
    stored.is_none_or(|seq| seq <= base)
}

/// What a load returns, in key order: each snapshot entry (key order) whose
/// key the journal does not name, and the current record of each journaled
/// key that has one (`None`: deleted). `current` must name every journaled
/// key, once, in key order.
///
/// ```
/// use cpor_desk::storage::journal::merge;
/// let snapshot = vec![("a", 1), ("b", 1), ("c", 1)];
/// let current = vec![("b", None), ("c", Some(2)), ("d", Some(1))];
/// assert_eq!(merge(snapshot, current), [("a", 1), ("c", 2), ("d", 1)]);
/// ```
pub fn merge<K: Ord, R>(
    snapshot: impl IntoIterator<Item = (K, R)>,
    current: Vec<(K, Option<R>)>,
) -> Vec<(K, R)> {
    let mut out = Vec::new();
    let mut overlay = current.into_iter().peekable();
    for (key, record) in snapshot {
        // Journaled keys before this one that the snapshot lacks (added
        // since it was written).
        while let Some((k, r)) = overlay.next_if(|(k, _)| *k < key) {
            if let Some(r) = r {
                out.push((k, r));
            }
        }
        match overlay.next_if(|(k, _)| *k == key) {
            Some((k, Some(r))) => out.push((k, r)),
            Some((_, None)) => {}
            None => out.push((key, record)),
        }
    }
    for (k, r) in overlay {
        if let Some(r) = r {
            out.push((k, r));
        }
    }
    out
}
