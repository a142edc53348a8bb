//! Browser I/O: same-origin downloads read chunk by chunk (for a real progress bar), dropped
//! or picked files, and the page's own URL.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCredentials, RequestInit, RequestMode, Response};

/// How often, at most, a download reports its progress (milliseconds).
const PROGRESS_INTERVAL_MS: f64 = 50.0;

/// The outcome of one download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The body's bytes.
    Found(Vec<u8>),
    /// 404 or 410: the file is not there.
    NotFound,
    /// The server answered with an HTML page (a single-page-app fallback, not an artifact).
    Html,
    /// The request failed (network error, refused URL, HTTP error); the message says why.
    Failed(String),
}

/// The `?artifacts=` value of the page's URL, percent-decoded.
pub fn artifacts_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("artifacts")
}

/// `url` resolved against the page, when it is on the page's origin; otherwise the reason.
pub fn same_origin_url(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("phi-lens must run in a browser window")?;
    let location = window.location();
    let href = location.href().map_err(|e| js_message(&e))?;
    let origin = location.origin().map_err(|e| js_message(&e))?;
    let resolved = web_sys::Url::new_with_base(url, &href).map_err(|_| format!("{url} is not a valid URL"))?;
    if resolved.origin() == origin {
        Ok(resolved.href())
    } else {
        Err(format!("{url} is refused: it is not on this site ({origin}); phi-lens never sends a request elsewhere"))
    }
}

/// Downloads `url` (same origin only), calling `progress(received, total)` as chunks arrive.
pub async fn fetch_bytes(url: &str, progress: &mut dyn FnMut(u64, Option<u64>)) -> Fetched {
    match fetch_inner(url, progress).await {
        Ok(fetched) => fetched,
        Err(message) => Fetched::Failed(message),
    }
}

async fn fetch_inner(url: &str, progress: &mut dyn FnMut(u64, Option<u64>)) -> Result<Fetched, String> {
    let absolute = same_origin_url(url)?;
    let window = web_sys::window().ok_or("phi-lens must run in a browser window")?;
    let init = RequestInit::new();
    init.set_method("GET");
    // The browser itself refuses any cross-origin request, whatever the URL.
    init.set_mode(RequestMode::SameOrigin);
    init.set_credentials(RequestCredentials::SameOrigin);
    let response = JsFuture::from(window.fetch_with_str_and_init(&absolute, &init))
        .await
        .map_err(|e| format!("{url}: the download failed ({})", js_message(&e)))?;
    let response: Response = response.dyn_into().map_err(|_| format!("{url}: the browser gave no response"))?;
    match response.status() {
        404 | 410 => return Ok(Fetched::NotFound),
        200..=299 => {}
        status => {
            return Ok(Fetched::Failed(format!("{url}: the server answered {status} {}", response.status_text())))
        }
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    if header("content-type").is_some_and(|t| t.to_ascii_lowercase().contains("text/html")) {
        return Ok(Fetched::Html);
    }
    // With Content-Encoding the length counts compressed bytes, not what the stream yields.
    let total = match header("content-encoding") {
        Some(enc) if !enc.eq_ignore_ascii_case("identity") => None,
        _ => header("content-length").and_then(|len| len.trim().parse::<u64>().ok()),
    };
    let Some(body) = response.body() else {
        progress(0, Some(0));
        return Ok(Fetched::Found(Vec::new()));
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let capacity = total.unwrap_or(0).min(1 << 30) as usize;
    let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
    let mut last_report = f64::NEG_INFINITY;
    progress(0, total);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("{url}: the download broke off ({})", js_message(&e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|e| js_message(&e))?;
        let array: Uint8Array = value.dyn_into().map_err(|_| format!("{url}: the download gave no bytes"))?;
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        let now = js_sys::Date::now();
        if now - last_report >= PROGRESS_INTERVAL_MS {
            last_report = now;
            progress(bytes.len() as u64, total.filter(|t| *t >= bytes.len() as u64));
        }
    }
    let received = bytes.len() as u64;
    progress(received, Some(total.unwrap_or(received).max(received)));
    Ok(Fetched::Found(bytes))
}

/// Reads a file the user dropped or picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: cannot read the file ({})", file.name(), js_message(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files of a file input or a drop, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Waits long enough for the browser to paint (one frame), so a status set just before a
/// long synchronous step is visible during it.
pub async fn next_paint() {
    gloo::timers::future::TimeoutFuture::new(20).await;
}

/// The message of a JavaScript error value.
fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn relative_urls_resolve_on_the_pages_origin() {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let resolved = same_origin_url("corpus/x/manifest.json").unwrap_or_default();
        assert!(resolved.starts_with(&origin), "{resolved} on {origin}");
        assert!(resolved.ends_with("/corpus/x/manifest.json"), "{resolved}");
        assert!(same_origin_url("/a/../b/manifest.json").unwrap_or_default().ends_with("/b/manifest.json"));
    }

    #[wasm_bindgen_test]
    fn other_origins_are_refused_even_past_the_string_check() {
        for url in ["https://example.com/manifest.json", "//example.com/x", "/\\example.com/x", "data:,{}"] {
            let err = same_origin_url(url).err().unwrap_or_default();
            assert!(err.contains("not on this site"), "{url}: {err}");
        }
    }

    #[wasm_bindgen_test]
    async fn a_missing_file_is_not_found_and_a_refused_url_never_leaves() {
        let mut calls = 0;
        let missing = fetch_bytes("no-such-dir-phi-lens/manifest.json", &mut |_, _| calls += 1).await;
        assert!(matches!(missing, Fetched::NotFound | Fetched::Html), "{missing:?}");
        let refused = fetch_bytes("https://example.com/manifest.json", &mut |_, _| calls += 1).await;
        assert!(matches!(refused, Fetched::Failed(ref m) if m.contains("not on this site")), "{refused:?}");
        assert_eq!(calls, 0);
    }

    #[wasm_bindgen_test]
    fn the_page_url_has_no_artifacts_parameter_in_tests() {
        assert_eq!(artifacts_param(), None);
    }
}
