//! The storage load reads in slices (`storage::slices`): the work per record
//! and the records held at once do not grow with the number of claims
//! (docs/performance.md#scale-load). Operations are counted, not timed.

use std::cell::RefCell;
use std::future::ready;

use cpor_desk::storage::block_on;
use cpor_desk::storage::slices::{LOAD_SLICE, read_in_slices};

/// What one load did.
#[derive(Default)]
struct Counts {
    requests: usize,
    records_requested: usize,
    taken: Vec<usize>,
    /// Records requested and not yet taken, at most.
    most_in_flight: usize,
    /// "request k" / "take k", in order.
    log: Vec<String>,
}

fn load(n: usize, slice: usize, fail_at: Option<usize>) -> (Counts, Result<(), String>) {
    let counts = RefCell::new(Counts::default());
    let result = block_on(read_in_slices(
        n,
        slice,
        |s, e| {
            let mut c = counts.borrow_mut();
            c.requests += 1;
            c.records_requested += e - s;
            let in_flight = c.records_requested - c.taken.len();
            c.most_in_flight = c.most_in_flight.max(in_flight);
            c.log.push(format!("request {s}"));
            ready(if fail_at == Some(s) {
                Err(format!("slice at {s} failed"))
            } else {
                Ok((s..e).collect::<Vec<usize>>())
            })
        },
        |start, records| {
            let mut c = counts.borrow_mut();
            c.log.push(format!("take {start}"));
            c.taken.extend(records);
            Ok(())
        },
    ));
    (counts.into_inner(), result)
}

#[test]
fn every_record_is_requested_and_taken_once_in_key_order() {
    for n in [
        0,
        1,
        LOAD_SLICE - 1,
        LOAD_SLICE,
        LOAD_SLICE + 1,
        10_000,
        100_000,
    ] {
        let (c, result) = load(n, LOAD_SLICE, None);
        assert_eq!(result, Ok(()));
        assert_eq!(c.taken, (0..n).collect::<Vec<_>>(), "n = {n}");
        assert_eq!(c.records_requested, n, "n = {n}");
        assert_eq!(c.requests, n.div_ceil(LOAD_SLICE), "n = {n}");
    }
}

#[test]
fn at_most_two_slices_are_held_whatever_the_number_of_claims() {
    // One getAll of everything held all N records at once: the step that
    // grew faster than the claims. Now the peak is the same at 10,000 and
    // at 100,000.
    let peaks: Vec<usize> = [10_000, 30_000, 100_000]
        .into_iter()
        .map(|n| load(n, LOAD_SLICE, None).0.most_in_flight)
        .collect();
    assert_eq!(peaks, [2 * LOAD_SLICE; 3]);
}

#[test]
fn the_next_slice_is_requested_before_this_one_is_decoded() {
    let (c, _) = load(5, 2, None);
    assert_eq!(
        c.log,
        [
            "request 0",
            "request 2",
            "take 0",
            "request 4",
            "take 2",
            "take 4"
        ]
    );
}

#[test]
fn an_error_stops_the_reading() {
    let (c, result) = load(10, 2, Some(4));
    assert_eq!(result, Err("slice at 4 failed".to_string()));
    assert_eq!(c.taken, [0, 1, 2, 3]);
    assert_eq!(c.requests, 3);
}
