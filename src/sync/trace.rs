//! Timing marks for `scripts/bench` (docs/performance.md#sync-bench): a
//! [`Span`] records a User Timing measure (`performance.measure(name,
//! {start, end})`) in the context it runs in (the sync worker or a tab),
//! where the benchmark reads them (`performance.getEntriesByType("measure")`)
//! and sums them per phase. Only per request, per batch or per apply, never
//! per claim; a no-op outside the browser (native tests), so the replicator
//! stays pure.

/// Times from its creation until it is dropped, under `name` (`sync:…` in
/// the worker, `tab:…` in a tab).
///
/// ```
/// let span = cpor_desk::sync::trace::span("sync:example");
/// drop(span); // natively: nothing recorded
/// ```
#[must_use = "the span measures until it is dropped"]
pub struct Span {
    #[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
    name: &'static str,
    #[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
    start: f64,
}

/// Starts a [`Span`].
pub fn span(name: &'static str) -> Span {
    #[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
    {
        Span {
            name,
            start: web::now(),
        }
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "browser-storage")))]
    {
        let _ = name;
        Span {}
    }
}

#[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
impl Drop for Span {
    fn drop(&mut self) {
        web::measure(self.name, self.start, web::now());
    }
}

/// Records a wait that starts now and is planned to last `wait_ms` (a
/// measure of that length under `name`): e.g. how long a tab holds changes
/// before it applies them (`tab:held`), which a test reads instead of
/// timing the page.
///
/// ```
/// cpor_desk::sync::trace::planned("tab:example", 60.0); // natively: nothing recorded
/// ```
pub fn planned(name: &'static str, wait_ms: f64) {
    #[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
    {
        let start = web::now();
        web::measure(name, start, start + wait_ms);
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "browser-storage")))]
    {
        let _ = (name, wait_ms);
    }
}

/// After this many measures a context drops them all and starts again
/// (`performance.clearMeasures`), so a worker or tab that runs for days
/// keeps a bounded timeline (a first pull of 10,000 claims records a few
/// hundred).
pub const MAX_MEASURES: u32 = 5000;

#[cfg(all(target_arch = "wasm32", feature = "browser-storage"))]
mod web {
    use std::cell::Cell;

    use js_sys::{Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// Measures recorded in this context since they were last dropped.
        static RECORDED: Cell<u32> = const { Cell::new(0) };
    }

    fn performance() -> Option<Object> {
        Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into::<Object>().ok())
    }

    fn method(p: &Object, name: &str) -> Option<Function> {
        Reflect::get(p, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    }

    pub(super) fn now() -> f64 {
        performance()
            .and_then(|p| method(&p, "now")?.call0(&p).ok()?.as_f64())
            .unwrap_or(0.0)
    }

    pub(super) fn measure(name: &str, start: f64, end: f64) {
        let Some(p) = performance() else { return };
        let Some(measure) = method(&p, "measure") else {
            return;
        };
        let options = Object::new();
        let _ = Reflect::set(&options, &"start".into(), &start.into());
        let _ = Reflect::set(&options, &"end".into(), &end.into());
        let _ = measure.call2(&p, &JsValue::from_str(name), &options);
        let recorded = RECORDED.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        if recorded > super::MAX_MEASURES {
            RECORDED.with(|n| n.set(0));
            if let Some(clear) = method(&p, "clearMeasures") {
                let _ = clear.call0(&p);
            }
        }
    }
}
