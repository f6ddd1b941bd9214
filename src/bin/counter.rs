//! The benchmark's baseline: a minimal Leptos counter page, built with the
//! same toolchain, crate versions and release profile as the app
//! (`bench/counter.html`, `scripts/bench`), so "time to interactive" of CPOR
//! Desk can be put next to the smallest Leptos page there is.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let (count, set_count) = signal(0);
        view! {
            <button type="button" on:click=move |_| set_count.update(|n| *n += 1)>
                "Count: " {count}
            </button>
        }
    });
}
