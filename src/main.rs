//! Mounts the CPOR Desk app; everything else lives in the library so tests can mount it.

fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(|| leptos::view! { <cpor_desk::app::App /> });
}

/// Shows Rust panics in the browser console instead of "unreachable".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
