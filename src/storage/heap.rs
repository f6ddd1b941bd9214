//! The page's heap grows in large steps, not 64 KiB at a time
//! (docs/performance.md#heap-growth).
//!
//! The wasm allocator (Rust's dlmalloc) asks for more linear memory only
//! when it runs out, and then for just what the allocation needs, rounded
//! up to a 64 KiB page: loading 100,000 claims (≈ 90 MB) and building their
//! dashboard rows (≈ 100 MB) grew the memory some 3,000 times. Each
//! `memory.grow` costs more the larger the memory already is (measured: the
//! rows of 100,000 claims built in 0.81–0.83 s growing as they went, in
//! 0.40–0.44 s with the memory grown beforehand), so the total grew faster
//! than the number of claims.
//!
//! [`keep_headroom`], called once per claim while many are loaded or built,
//! looks at the memory's size (one instruction) and, when it has grown since
//! the last look, allocates and frees a block of a quarter of it: the
//! allocator grows the memory once for the block and keeps the freed block
//! for the next allocations. The memory then grows geometrically (a number
//! of steps logarithmic in its size, and work linear in it), at the price of
//! at most a quarter of it unused. [`Headroom`] is that decision, pure, so
//! the native tests count what it does (`storage_heap::*`).

/// A wasm memory page.
pub const PAGE: usize = 64 * 1024;
/// The least a reservation asks for.
pub const MIN_RESERVE: usize = 1024 * 1024;

/// When the memory has grown, how much to reserve ahead.
#[derive(Debug, Default, Clone)]
pub struct Headroom {
    /// The memory's size (bytes) after the last reservation.
    seen: usize,
}

impl Headroom {
    /// The bytes to allocate and free now, given the memory's size in
    /// bytes: a quarter of it (at least [`MIN_RESERVE`]) when it grew since
    /// the last call that reserved, else nothing. `reserved` must be called
    /// with the size after the reservation.
    pub fn plan(&self, memory: usize) -> Option<usize> {
        (memory > self.seen).then(|| (memory / 4).max(MIN_RESERVE))
    }

    /// The memory's size after a reservation (or at the start).
    pub fn reserved(&mut self, memory: usize) {
        self.seen = memory;
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static HEADROOM: std::cell::RefCell<Headroom> = std::cell::RefCell::new(Headroom::default());
}

/// Keeps a quarter of the memory free ahead of the allocations (see the
/// module docs). Cheap when nothing grew: one `memory.size` and a compare.
/// Does nothing off wasm (the native allocators map memory as they like).
pub fn keep_headroom() {
    #[cfg(target_arch = "wasm32")]
    HEADROOM.with(|h| {
        let size = || core::arch::wasm32::memory_size(0) * PAGE;
        let Some(bytes) = h.borrow().plan(size()) else {
            return;
        };
        // Allocated and freed at once: the allocator grows the memory by
        // the block in one step and keeps the freed block for what follows.
        // `black_box`: the pair must not be optimised away.
        // A reservation the browser refuses is no error: the allocations
        // then grow the memory as before.
        let mut block = Vec::<u8>::new();
        let _ = block.try_reserve_exact(bytes);
        drop(std::hint::black_box(block));
        h.borrow_mut().reserved(size());
    });
}
