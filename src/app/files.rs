//! Files in and out of the browser: download bytes as a file, read a picked
//! or dropped file. Errors come back as text for the user.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` as a download named `name`.
pub fn download_bytes(name: &str, media_type: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(media_type);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_text)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
    // Revoke after the click has been handled.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// The file input of a `change` event and the first file picked in it.
pub fn picked_file(ev: &web_sys::Event) -> Option<(web_sys::HtmlInputElement, web_sys::File)> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    Some((input, file))
}

/// Reads a file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer()).await.map_err(js_text)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Reads a file as UTF-8 text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(js_text)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// A JS error as text.
pub fn js_text(v: JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}

/// Reads bytes `start..end` of a file (a `Blob.slice`), so a large file is
/// never held whole.
pub async fn read_slice(file: &web_sys::Blob, start: u64, end: u64) -> Result<Vec<u8>, String> {
    let part = file
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(js_text)?;
    let buf = JsFuture::from(part.array_buffer()).await.map_err(js_text)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Waits until the next frame has been painted: an animation frame, then
/// a task. A hidden tab paints nothing, so there it does not wait. The
/// animation frame is the only thing awaited in a visible tab: a shorter
/// timer beside it let a busy browser (WebKit under load, frames over
/// 100 ms apart) run the caller's next step before the frame it waits for.
/// [`FRAME_GUARD_MS`] only keeps a page that never renders (an off-screen
/// frame with animation frames paused) from waiting for ever. Returns how
/// the wait ended.
pub async fn next_frame() -> FrameWait {
    let Some(w) = web_sys::window() else {
        return FrameWait::Hidden;
    };
    if w.document().is_none_or(|d| d.hidden()) {
        return FrameWait::Hidden;
    }
    // An animation frame's callback gets the frame's time; the guard's
    // timer calls with no argument.
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, FRAME_GUARD_MS);
        let _ = w.request_animation_frame(&resolve);
    });
    let painted = JsFuture::from(frame)
        .await
        .is_ok_and(|time| time.as_f64().is_some());
    next_tick().await;
    if painted {
        FrameWait::Painted
    } else {
        FrameWait::Guard
    }
}

/// How [`next_frame`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameWait {
    /// After an animation frame and a task.
    Painted,
    /// The tab is hidden: nothing to wait for.
    Hidden,
    /// No animation frame within [`FRAME_GUARD_MS`].
    Guard,
}

/// How long [`next_frame`] waits at most for an animation frame.
pub const FRAME_GUARD_MS: i32 = 2_000;

/// Waits for the next task (a `setTimeout` of 0), so the page can handle
/// input and paint between two slices of a long job.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
