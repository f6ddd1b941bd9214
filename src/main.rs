//! Mounts the CPOR Desk app; everything else lives in the library so tests can mount it.

fn main() {
    console_error_panic_hook_lite();
    if framed() {
        // Inside another site's frame (clickjacking): say so, run nothing.
        // The real protection is the host's `frame-ancestors 'none'`
        // header (docs/security.md); this covers hosts that send none.
        let locale = cpor_desk::app::browser_locale();
        leptos::mount::mount_to_body(move || {
            use leptos::prelude::*;
            leptos::view! {
                <p class="noscript">{cpor_desk::i18n::msg::shell_framed(locale)}</p>
            }
        });
        return;
    }
    leptos::mount::mount_to_body(|| leptos::view! { <cpor_desk::app::App /> });
}

/// True when the page is not the top window (an iframe, a frame).
fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(top.as_ref(), window.as_ref()),
        // A cross-origin top that cannot be compared, or none: framed.
        _ => true,
    }
}

/// Shows Rust panics in the browser console instead of "unreachable".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
