//! The page's heap grows in large steps (`storage::heap`,
//! docs/performance.md#heap-growth): the number of times the wasm memory
//! grows, and the work of growing it, stay linear in the number of claims
//! loaded. Counted on a model of the wasm allocator, not timed: it takes
//! from the free memory at the top and, when that is too small, grows the
//! memory by what is missing, rounded up to 64 KiB pages (Rust's dlmalloc
//! on wasm); a block freed at once goes back to the top. A grow costs in
//! proportion to the memory's size (the browser measurement in
//! docs/performance.md), so the work is the sum of the sizes at each grow.

use cpor_desk::storage::heap::{Headroom, MIN_RESERVE, PAGE};

/// The decoded claim and its share of the load's allocations (≈ 900 bytes
/// a claim measured in the browser: 1,356 pages for 100,000 claims).
const CLAIM_BYTES: usize = 900;
/// The memory before the load (the app's code, data and first page).
const START: usize = 445 * PAGE;

#[derive(Debug)]
struct Memory {
    size: usize,
    free_top: usize,
    grows: usize,
    /// The sum, over the grows, of the memory's size in pages.
    work: usize,
}

impl Memory {
    fn alloc(&mut self, bytes: usize) {
        if bytes > self.free_top {
            let more = (bytes - self.free_top).div_ceil(PAGE) * PAGE;
            self.size += more;
            self.free_top += more;
            self.grows += 1;
            self.work += self.size / PAGE;
        }
        self.free_top -= bytes;
    }

    fn free_at_top(&mut self, bytes: usize) {
        self.free_top += bytes;
    }
}

/// Loads `n` claims, keeping headroom as `keep_headroom` does (or not).
fn load(n: usize, headroom: bool) -> Memory {
    let mut m = Memory {
        size: START,
        free_top: 0,
        grows: 0,
        work: 0,
    };
    let mut h = Headroom::default();
    for _ in 0..n {
        if headroom && let Some(bytes) = h.plan(m.size) {
            m.alloc(bytes);
            m.free_at_top(bytes);
            h.reserved(m.size);
        }
        m.alloc(CLAIM_BYTES);
    }
    m
}

#[test]
fn the_memory_grows_a_logarithmic_number_of_times() {
    let (small, large) = (load(10_000, true), load(100_000, true));
    // 1,373 grows of 64 KiB for 100,000 claims without the headroom.
    assert!(large.grows <= 40, "{large:?}");
    assert!(large.grows <= small.grows + 25, "{small:?} {large:?}");
    let plain = load(100_000, false);
    assert!(
        plain.grows > 1_000,
        "the model grows 64 KiB at a time: {plain:?}"
    );
}

#[test]
fn the_work_of_growing_the_memory_is_linear_in_the_claims() {
    let per_claim = |n: usize, headroom: bool| load(n, headroom).work as f64 / n as f64;
    let (small, large) = (per_claim(10_000, true), per_claim(100_000, true));
    assert!(
        large <= 1.5 * small,
        "per claim: {small} at 10,000, {large} at 100,000"
    );
    // Without the headroom the work per claim grows with the claims (the
    // super-linear step the headroom removes).
    let (small, large) = (per_claim(10_000, false), per_claim(100_000, false));
    assert!(
        large > 2.0 * small,
        "per claim without headroom: {small}, {large}"
    );
}

#[test]
fn at_most_a_quarter_of_the_memory_is_held_back() {
    for n in [1, 2_000, 10_000, 30_000, 100_000] {
        let m = load(n, true);
        let used = START + n * CLAIM_BYTES;
        assert!(m.size >= used);
        let spare = m.size - used;
        assert!(
            spare <= (used / 4).max(MIN_RESERVE) + PAGE,
            "{n} claims: {spare} bytes spare of {}",
            m.size
        );
    }
}

#[test]
fn a_reservation_is_planned_only_after_the_memory_grew() {
    let mut h = Headroom::default();
    assert_eq!(h.plan(8 * MIN_RESERVE), Some(2 * MIN_RESERVE));
    h.reserved(10 * MIN_RESERVE);
    assert_eq!(h.plan(10 * MIN_RESERVE), None);
    assert_eq!(
        h.plan(10 * MIN_RESERVE + PAGE),
        Some((10 * MIN_RESERVE + PAGE) / 4)
    );
    let mut small = Headroom::default();
    small.reserved(PAGE);
    assert_eq!(small.plan(2 * PAGE), Some(MIN_RESERVE));
}
