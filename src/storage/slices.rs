//! Reading every record of a store in slices ([`read_in_slices`]), the
//! shape of [`SyncAdapter::load_all`](super::SyncAdapter::load_all) on
//! IndexedDB.
//!
//! One `getAll` of every claim made the load grow faster than the claims
//! (docs/performance.md#scale-load): the browser copied all records into one
//! JavaScript array before the first was decoded, so at 80,000 claims some
//! 250 MB of record text stayed alive at once and the garbage collector
//! worked through it again and again while the decode allocated. Read in
//! slices of [`LOAD_SLICE`] records, with the next slice's request sent
//! before the current one is decoded, at most two slices are alive at any
//! time, whatever the number of claims, and the store reads while the page
//! decodes.
//!
//! Pure and generic over the request, so the native tests count what it does
//! (`storage_slices::*` in the native test crate).

use std::future::Future;

/// Records per slice: large enough that the requests' round trips do not
/// count (50 for 100,000 claims), small enough that two slices are a few MB.
pub const LOAD_SLICE: usize = 2000;

/// Where each slice of `n` records (in key order) starts and ends:
/// `[0, slice)`, `[slice, 2·slice)`, …, the last one shorter.
///
/// ```
/// use cpor_desk::storage::slices::slice_bounds;
/// assert_eq!(slice_bounds(5, 2), [(0, 2), (2, 4), (4, 5)]);
/// assert!(slice_bounds(0, 2).is_empty());
/// ```
pub fn slice_bounds(n: usize, slice: usize) -> Vec<(usize, usize)> {
    let slice = slice.max(1);
    (0..n)
        .step_by(slice)
        .map(|start| (start, (start + slice).min(n)))
        .collect()
}

/// Reads the records `0..n` in the slices of [`slice_bounds`]:
/// `request(start, end)` sends the request for one slice and returns its
/// answer as a future (the request must be sent when `request` is called,
/// not when the future is first polled); `take(start, records)` decodes one
/// slice. Slice k + 1 is requested before slice k is handed to `take`, and
/// no later, so at most two slices are requested and not yet taken. The
/// first error stops the reading.
pub async fn read_in_slices<R, E, Fut>(
    n: usize,
    slice: usize,
    mut request: impl FnMut(usize, usize) -> Fut,
    mut take: impl FnMut(usize, Vec<R>) -> Result<(), E>,
) -> Result<(), E>
where
    Fut: Future<Output = Result<Vec<R>, E>>,
{
    let bounds = slice_bounds(n, slice);
    let mut next = bounds.first().map(|&(s, e)| request(s, e));
    for (k, &(start, _)) in bounds.iter().enumerate() {
        let Some(pending) = next.take() else { break };
        let records = pending.await?;
        next = bounds.get(k + 1).map(|&(s, e)| request(s, e));
        take(start, records)?;
    }
    Ok(())
}
