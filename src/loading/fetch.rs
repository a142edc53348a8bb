//! Browser I/O: same-origin downloads read chunk by chunk (for a real progress bar), dropped
//! or picked files, and the page's own URL.

use js_sys::{Reflect, Uint8Array};
use phi_lens_core::{ArtifactKind, ArtifactSet, Input};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader, RequestCredentials, RequestInit, RequestMode, Response};

/// How often, at most, a download reports its progress (milliseconds).
const PROGRESS_INTERVAL_MS: f64 = 50.0;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

#[wasm_bindgen]
extern "C" {
    /// The browser's native gzip decoder (`new DecompressionStream("gzip")`), absent in old
    /// browsers.
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// Its text.
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;

    /// Where its gzip bytes are written.
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> Writable;

    /// A `WritableStream`.
    type Writable;

    #[wasm_bindgen(method, catch, js_name = getWriter)]
    fn get_writer(this: &Writable) -> Result<Writer, JsValue>;

    /// A `WritableStreamDefaultWriter`.
    type Writer;

    #[wasm_bindgen(method)]
    fn write(this: &Writer, chunk: &Uint8Array) -> js_sys::Promise;

    #[wasm_bindgen(method)]
    fn close(this: &Writer) -> js_sys::Promise;

    /// `crypto.subtle.digest(algorithm, data)`; throws where there is no `crypto.subtle` (a
    /// page served over plain HTTP from another host than localhost).
    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = digest)]
    fn subtle_digest(algorithm: &str, data: &Uint8Array) -> Result<js_sys::Promise, JsValue>;

    /// `AbortController`, to abort a request no longer needed.
    type AbortController;

    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<AbortController, JsValue>;

    /// The `AbortSignal` given to `fetch`.
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> JsValue;

    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);

    /// `requestIdleCallback(callback, {timeout})`; throws where the browser has none.
    #[wasm_bindgen(catch, js_name = requestIdleCallback)]
    fn request_idle_callback(callback: &js_sys::Function, options: &JsValue) -> Result<JsValue, JsValue>;

    /// `performance.mark(name)`.
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;

    /// `performance.now()`.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    /// A `MessageChannel`: a message posted to one port is a task of its own for the other.
    type MessageChannel;

    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<MessageChannel, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn port1(this: &MessageChannel) -> MessagePort;

    #[wasm_bindgen(method, getter)]
    fn port2(this: &MessageChannel) -> MessagePort;

    /// A `MessagePort`.
    type MessagePort;

    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &MessagePort, handler: &js_sys::Function);

    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &MessagePort, message: &JsValue);
}

/// The time since the page started, in milliseconds (`performance.now()`).
pub fn now() -> f64 {
    performance_now()
}

/// Marks a step of a load on the page's performance timeline as `phi-lens:<step>`, for the
/// browser's profiler and `benches/app/run.mjs --verbose`.
pub fn mark(step: &str) {
    let _ = performance_mark(&format!("phi-lens:{step}"));
}

/// An artifact as read: its bytes as given and, when they are gzip, the browser's native
/// decompression of them, which runs on while other files download ([`Body::into_input`]
/// waits for it). When the browser cannot decompress them (no `DecompressionStream`, a
/// corrupt or multi-member file), the core gunzips the bytes itself, or says what is wrong.
pub struct Body {
    /// The bytes as given (their size and SHA-256 are the file's fingerprint).
    pub bytes: Vec<u8>,
    gunzip: Option<Gunzip>,
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Body({} bytes, gunzip: {})", self.bytes.len(), self.gunzip.is_some())
    }
}

impl Body {
    /// The core's input named `name`, once the browser's decompression (if any) is complete.
    pub async fn into_input(self, name: impl Into<String>) -> Input {
        let json = match self.gunzip {
            Some(gunzip) => gunzip.text().await,
            None => None,
        };
        match json {
            Some(json) => Input::decompressed(name, self.bytes, json),
            None => Input::new(name, self.bytes),
        }
    }
}

/// The outcome of one download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched<T = Vec<u8>> {
    /// The body's bytes.
    Found(T),
    /// 404 or 410: the file is not there.
    NotFound,
    /// The server answered with an HTML page (a single-page-app fallback, not an artifact).
    Html,
    /// The request failed (network error, refused URL, HTTP error); the message says why.
    Failed(String),
}

/// The `?artifacts=` value of the page's URL, percent-decoded.
pub fn artifacts_param() -> Option<String> {
    page_param("artifacts")
}

/// The value of the page's URL parameter `name` (`artifacts`, `base`), percent-decoded.
pub fn page_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
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
    match Pending::send(url).fetch(progress, false).await {
        Fetched::Found(body) => Fetched::Found(body.bytes),
        Fetched::NotFound => Fetched::NotFound,
        Fetched::Html => Fetched::Html,
        Fetched::Failed(message) => Fetched::Failed(message),
    }
}

/// [`fetch_bytes`] for a dbt artifact: a gzip body (recognised by its magic bytes) is also
/// handed, chunk by chunk as it arrives, to the browser's native decompression, which goes on
/// while the next files download ([`Body::into_input`]).
pub async fn fetch_artifact(url: &str, progress: &mut dyn FnMut(u64, Option<u64>)) -> Fetched<Body> {
    Pending::send(url).fetch(progress, true).await
}

/// A request on its way: [`Pending::send`] sends it at once, so that several go out together
/// and the browser downloads them while the page does other work; [`Pending::head`] then
/// waits for the answer's status and [`Pending::body`] reads the body. Dropping it before its
/// body is read aborts the request (a `.json.gz` not needed once the `.json` is there).
pub struct Pending {
    url: String,
    sent: Option<Result<JsFuture, String>>,
    abort: Option<AbortController>,
}

impl Pending {
    /// Sends a GET request for `url` (same origin only; a refused URL never leaves the page),
    /// or takes over the one `www/boot.js` sent for it before the app started.
    pub fn send(url: &str) -> Pending {
        let mut abort = None;
        let sent = (|| {
            let absolute = same_origin_url(url)?;
            if let Some((response, controller)) = take_early_request(&absolute) {
                abort = Some(controller);
                return Ok(JsFuture::from(response));
            }
            let window = web_sys::window().ok_or("phi-lens must run in a browser window")?;
            let init = RequestInit::new();
            init.set_method("GET");
            // The browser itself refuses any cross-origin request, whatever the URL.
            init.set_mode(RequestMode::SameOrigin);
            init.set_credentials(RequestCredentials::SameOrigin);
            abort = AbortController::new().ok();
            if let Some(controller) = &abort {
                let _ = Reflect::set(&init, &JsValue::from_str("signal"), &controller.signal());
            }
            Ok::<_, String>(JsFuture::from(window.fetch_with_str_and_init(&absolute, &init)))
        })();
        Pending { url: url.to_string(), sent: Some(sent), abort }
    }

    /// The URL as given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The answer's status: the response, its body not read yet, when the file is there.
    pub async fn head(&mut self) -> Fetched<Response> {
        let url = &self.url;
        let sent = match self.sent.take() {
            Some(Ok(sent)) => sent,
            Some(Err(message)) => return Fetched::Failed(message),
            None => return Fetched::Failed(format!("{url}: the answer was already read")),
        };
        let response = match sent.await {
            Ok(response) => response,
            Err(e) => return Fetched::Failed(format!("{url}: the download failed ({})", js_message(&e))),
        };
        let Ok(response) = response.dyn_into::<Response>() else {
            return Fetched::Failed(format!("{url}: the browser gave no response"));
        };
        match response.status() {
            404 | 410 => return Fetched::NotFound,
            200..=299 => {}
            status => {
                return Fetched::Failed(format!("{url}: the server answered {status} {}", response.status_text()))
            }
        }
        let content_type = response.headers().get("content-type").ok().flatten();
        if content_type.is_some_and(|t| t.to_ascii_lowercase().contains("text/html")) {
            return Fetched::Html;
        }
        Fetched::Found(response)
    }

    /// Reads the body of `response` (from [`Pending::head`]), calling `progress(received,
    /// total)` as chunks arrive; with `gunzip_wanted`, a gzip body (recognised by its magic
    /// bytes) is also handed, chunk by chunk, to the browser's native decompression.
    pub async fn body(
        mut self,
        response: Response,
        progress: &mut dyn FnMut(u64, Option<u64>),
        gunzip_wanted: bool,
    ) -> Result<Body, String> {
        let body = read_body(&self.url, &response, progress, gunzip_wanted).await;
        // Read to its end: nothing left to abort.
        self.abort = None;
        body
    }

    /// [`Pending::head`], then [`Pending::body`] when the file is there.
    pub async fn fetch(mut self, progress: &mut dyn FnMut(u64, Option<u64>), gunzip_wanted: bool) -> Fetched<Body> {
        match self.head().await {
            Fetched::Found(response) => match self.body(response, progress, gunzip_wanted).await {
                Ok(body) => Fetched::Found(body),
                Err(message) => Fetched::Failed(message),
            },
            Fetched::NotFound => Fetched::NotFound,
            Fetched::Html => Fetched::Html,
            Fetched::Failed(message) => Fetched::Failed(message),
        }
    }
}

/// The name of the `Map` in which `www/boot.js` leaves the requests it sent before the app
/// started (absolute URL → `{response, abort}`).
const EARLY_REQUESTS: &str = "phiLensEarlyRequests";

/// The request `www/boot.js` already sent for `absolute`, if any: its response's promise and
/// its abort controller. Each is taken once.
fn take_early_request(absolute: &str) -> Option<(js_sys::Promise, AbortController)> {
    let early: js_sys::Map =
        Reflect::get(&js_sys::global(), &JsValue::from_str(EARLY_REQUESTS)).ok()?.dyn_into().ok()?;
    let key = JsValue::from_str(absolute);
    let entry = early.get(&key);
    if entry.is_undefined() {
        return None;
    }
    early.delete(&key);
    let response = Reflect::get(&entry, &JsValue::from_str("response")).ok()?.dyn_into().ok()?;
    let abort = Reflect::get(&entry, &JsValue::from_str("abort")).ok()?.dyn_into().ok()?;
    Some((response, abort))
}

/// Aborts the requests `www/boot.js` sent that the app did not take over (a folder it then
/// refused): nothing keeps downloading for nothing.
pub fn abort_early_requests() {
    let Ok(early) = Reflect::get(&js_sys::global(), &JsValue::from_str(EARLY_REQUESTS)) else { return };
    let Ok(early) = early.dyn_into::<js_sys::Map>() else { return };
    early.for_each(&mut |entry, _| {
        if let Some(abort) = Reflect::get(&entry, &JsValue::from_str("abort")).ok().and_then(|a| a.dyn_into().ok()) {
            AbortController::abort(&abort);
        }
    });
    early.clear();
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(controller) = self.abort.take() {
            controller.abort();
        }
    }
}

async fn read_body(
    url: &str,
    response: &Response,
    progress: &mut dyn FnMut(u64, Option<u64>),
    gunzip_wanted: bool,
) -> Result<Body, String> {
    let header = |name: &str| response.headers().get(name).ok().flatten();
    // With Content-Encoding the length counts compressed bytes, not what the stream yields.
    let total = match header("content-encoding") {
        Some(enc) if !enc.eq_ignore_ascii_case("identity") => None,
        _ => header("content-length").and_then(|len| len.trim().parse::<u64>().ok()),
    };
    let Some(body) = response.body() else {
        progress(0, Some(0));
        return Ok(Body { bytes: Vec::new(), gunzip: None });
    };
    // A gzip body (recognised by its first bytes) is decompressed as it arrives.
    let mut gunzip: Option<Gunzip> = None;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let capacity = total.unwrap_or(0).min(1 << 30) as usize;
    let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
    let mut last_report = f64::NEG_INFINITY;
    progress(0, total);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("{url}: the download broke off ({})", js_message(&e)))?;
        let Some(array) = chunk_bytes(&chunk).map_err(|e| format!("{url}: {e}"))? else { break };
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        if gunzip_wanted && start == 0 {
            gunzip = if bytes.starts_with(&GZIP_MAGIC) { Gunzip::start() } else { None };
        }
        if let Some(gunzip) = &gunzip {
            gunzip.write(&array);
        }
        let now = js_sys::Date::now();
        if now - last_report >= PROGRESS_INTERVAL_MS {
            last_report = now;
            progress(bytes.len() as u64, total.filter(|t| *t >= bytes.len() as u64));
        }
    }
    if let Some(gunzip) = &gunzip {
        gunzip.close();
    }
    let received = bytes.len() as u64;
    progress(received, Some(total.unwrap_or(received).max(received)));
    mark("downloaded");
    Ok(Body { bytes, gunzip })
}

/// The bytes of one `reader.read()` result, `None` at the end of the stream.
fn chunk_bytes(chunk: &JsValue) -> Result<Option<Uint8Array>, String> {
    let done = Reflect::get(chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true);
    if done {
        return Ok(None);
    }
    let value = Reflect::get(chunk, &JsValue::from_str("value")).map_err(|e| js_message(&e))?;
    value.dyn_into().map(Some).map_err(|_| "the stream gave no bytes".to_string())
}

/// Gzip bytes being decompressed by the browser (`DecompressionStream`, native code) as they
/// are given ([`Gunzip::write`], [`Gunzip::close`]); the text's chunks (64 KB each) are kept
/// in the browser as they come out and copied into wasm memory once, into a buffer of their
/// total size, at the end ([`Gunzip::text`]). It runs on the main thread in small steps,
/// between which the page paints and other work goes on (in a worker it was slower on two
/// cores: benches/app/README.md). Letting the browser collect the text instead
/// (`new Response(readable).arrayBuffer()`) took 180–300 ms on spellbook's 72 MB in Chromium,
/// against 95–125 ms for the decompression with the chunks collected this way.
struct Gunzip {
    writer: Writer,
    done: JsFuture,
}

impl Gunzip {
    /// Starts a decompression; `None` when the browser has no `DecompressionStream`.
    fn start() -> Option<Gunzip> {
        let decoder = DecompressionStream::new("gzip").ok()?;
        let writer = decoder.writable().get_writer().ok()?;
        let reader: ReadableStreamDefaultReader = decoder.readable().get_reader().unchecked_into();
        // The chunks stay in the browser until the last: then their total size is known, and
        // they are copied once into a buffer of that size.
        let done = wasm_bindgen_futures::future_to_promise(async move {
            let chunks = js_sys::Array::new();
            loop {
                let chunk = JsFuture::from(reader.read()).await?;
                let Some(array) = chunk_bytes(&chunk).map_err(|e| JsValue::from_str(&e))? else { break };
                chunks.push(&array);
            }
            Ok(chunks.into())
        });
        Some(Gunzip { writer, done: JsFuture::from(done) })
    }

    /// Gives the next gzip bytes. (A corrupt stream fails the text; the writes fail with it.)
    fn write(&self, chunk: &Uint8Array) {
        ignore_rejection(self.writer.write(chunk));
    }

    /// Says the gzip bytes are all given.
    fn close(&self) {
        ignore_rejection(self.writer.close());
    }

    /// The whole text, once decompressed; `None` when the browser failed (the core then
    /// decompresses the bytes itself, or says what is wrong with them).
    async fn text(self) -> Option<Vec<u8>> {
        let chunks: js_sys::Array = self.done.await.ok()?.dyn_into().ok()?;
        let chunks: Vec<Uint8Array> = chunks.iter().map(|c| c.dyn_into().ok()).collect::<Option<_>>()?;
        let mut text = vec![0; chunks.iter().map(|c| c.length() as usize).sum()];
        let mut start = 0;
        for chunk in chunks {
            let end = start + chunk.length() as usize;
            chunk.copy_to(&mut text[start..end]);
            start = end;
        }
        Some(text)
    }
}

/// Gzip bytes handed to the browser's decompression at once; [`Body::into_input`] gives
/// their text (decompressed by the core when the browser cannot).
pub fn gunzip(bytes: Vec<u8>) -> Body {
    let gunzip = Gunzip::start();
    if let Some(gunzip) = &gunzip {
        gunzip.write(&Uint8Array::from(bytes.as_slice()));
        gunzip.close();
    }
    Body { bytes, gunzip }
}

/// Marks a promise's rejection as handled (the outcome is read elsewhere).
fn ignore_rejection(promise: js_sys::Promise) {
    thread_local! {
        static IGNORE: wasm_bindgen::closure::Closure<dyn FnMut(JsValue)> =
            wasm_bindgen::closure::Closure::new(|_: JsValue| {});
    }
    IGNORE.with(|ignore| {
        let _ = promise.catch(ignore);
    });
}

/// The SHA-256 of each input of a set, computed by the browser (`crypto.subtle`, off the main
/// thread) while the page goes on: [`Digests::start`], then [`Digests::finish`].
pub struct Digests(Vec<(ArtifactKind, JsFuture)>);

impl Digests {
    /// Starts hashing every input of `set`.
    pub fn start(set: &ArtifactSet) -> Digests {
        let started = set.iter().filter_map(|(kind, input)| {
            subtle_digest("SHA-256", &wasm_view(&input.bytes)).ok().map(|p| (kind, JsFuture::from(p)))
        });
        Digests(started.collect())
    }

    /// The hashes, as `sha256:<hex>`; an input the browser could not hash is left out (the
    /// core hashes it itself).
    pub async fn finish(self) -> Vec<(ArtifactKind, String)> {
        let mut hashes = Vec::with_capacity(self.0.len());
        for (kind, digest) in self.0 {
            if let Ok(digest) = digest.await {
                let hex: String = Uint8Array::new(&digest).to_vec().iter().map(|b| format!("{b:02x}")).collect();
                hashes.push((kind, format!("sha256:{hex}")));
            }
        }
        hashes
    }
}

/// A view of `bytes` where they are, in the WebAssembly memory, for a browser API that copies
/// what it is given before it returns (`crypto.subtle.digest` does, as WebCrypto requires):
/// a plain 72 MB manifest was first copied into the JS heap, which then held it twice
/// (spellbook's plain manifest.json: JS heap at ready 150 MB -> 77 MB, benches/app/README.md).
/// The view is valid only until the memory grows: use it at once, never keep it.
fn wasm_view(bytes: &[u8]) -> Uint8Array {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), bytes.as_ptr() as u32, bytes.len() as u32)
}

/// Reads a file the user dropped or picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: cannot read the file ({})", file.name(), js_message(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// [`read_file`] for a dbt artifact: a gzip file is decompressed by the browser as well.
pub async fn read_artifact(file: &web_sys::File) -> Result<Body, String> {
    let bytes = read_file(file).await?;
    Ok(match bytes.starts_with(&GZIP_MAGIC) {
        true => gunzip(bytes),
        false => Body { bytes, gunzip: None },
    })
}

/// The files chosen in the file input an `change` event comes from, in order; the input is
/// cleared, so that the same files can be chosen again after a fix.
pub fn take_chosen_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// The files of a file input or a drop, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Lets the browser run what is queued (input, downloads, a paint if one is due) before going
/// on.
pub async fn next_task() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// [`next_task`] for work cut into many short tasks ([`super::slices`]): a message to itself
/// rather than a timer, which the browser delays by ≥ 4 ms once timers nest five deep (a 300 ms
/// parse cut into 30 ms slices would lose ≈ 40 ms to it).
pub async fn next_slice() {
    let Ok(channel) = MessageChannel::new() else { return next_task().await };
    let next = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(&resolve);
        channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(next).await;
}

/// Waits until the browser has nothing more urgent to do (input, paints, tasks already queued),
/// or at most `timeout_ms`: for work the user is not waiting for.
pub async fn next_idle(timeout_ms: u32) {
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from(timeout_ms));
        if request_idle_callback(&resolve, &options).is_err() {
            // No requestIdleCallback (Safari): after the tasks already queued.
            let queued =
                web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok());
            if queued != Some(true) {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = JsFuture::from(idle).await;
}

/// Waits until the browser has painted a frame, so a status set just before a long
/// synchronous step is visible during it, and input that came meanwhile is handled: a task
/// queued from the next animation frame runs after that frame's paint. A hidden page paints
/// nothing (and gets no animation frames): there it only yields to the event loop.
pub async fn next_paint() {
    let Some(window) = web_sys::window() else { return };
    let hidden = window.document().is_none_or(|d| d.hidden());
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        let after_paint = {
            let window = window.clone();
            wasm_bindgen::closure::Closure::once_into_js(move || {
                let done = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
                if done.is_err() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
        };
        let queued = match hidden {
            true => window.set_timeout_with_callback_and_timeout_and_arguments_0(after_paint.unchecked_ref(), 0),
            false => window.request_animation_frame(after_paint.unchecked_ref()),
        };
        if queued.is_err() {
            let _ = after_paint.unchecked_ref::<js_sys::Function>().call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(painted).await;
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

    /// A request www/boot.js sent is taken over by URL (here an answer no server gave: a 503
    /// made in the page; the test server answers 404), once; those left are aborted.
    #[wasm_bindgen_test]
    async fn a_request_sent_by_boot_js_is_taken_over_once_and_the_rest_aborted() {
        let early = js_sys::Map::new();
        let _ = Reflect::set(&js_sys::global(), &JsValue::from_str(EARLY_REQUESTS), &early);
        let entry = |status: u16| {
            let init = js_sys::Object::new();
            let _ = Reflect::set(&init, &JsValue::from_str("status"), &JsValue::from(status));
            let class = Reflect::get(&js_sys::global(), &JsValue::from_str("Response")).unwrap_or(JsValue::NULL);
            let response = Reflect::construct(
                class.unchecked_ref::<js_sys::Function>(),
                &js_sys::Array::of2(&JsValue::from_str("{}"), &init),
            );
            let response = js_sys::Promise::resolve(&response.unwrap_or(JsValue::NULL));
            let abort = AbortController::new().map(JsValue::from).unwrap_or(JsValue::NULL);
            let entry = js_sys::Object::new();
            let _ = Reflect::set(&entry, &JsValue::from_str("response"), &response);
            let _ = Reflect::set(&entry, &JsValue::from_str("abort"), &abort);
            (entry, abort)
        };
        let url = same_origin_url("early-phi-lens/manifest.json").unwrap_or_default();
        let (taken, _) = entry(503);
        early.set(&JsValue::from_str(&url), &taken);
        let (left, left_abort) = entry(200);
        early.set(&JsValue::from_str("http://example.com/left"), &left);

        let first = fetch_bytes("early-phi-lens/manifest.json", &mut |_, _| {}).await;
        assert!(matches!(first, Fetched::Failed(ref m) if m.contains("503")), "{first:?}");
        assert_eq!(early.size(), 1, "taken once");
        abort_early_requests();
        assert_eq!(early.size(), 0);
        let signal = Reflect::get(&left_abort, &JsValue::from_str("signal")).unwrap_or(JsValue::NULL);
        let aborted = Reflect::get(&signal, &JsValue::from_str("aborted")).ok().and_then(|a| a.as_bool());
        assert_eq!(aborted, Some(true));
        let _ = Reflect::delete_property(
            js_sys::global().unchecked_ref::<js_sys::Object>(),
            &JsValue::from_str(EARLY_REQUESTS),
        );
    }

    #[wasm_bindgen_test]
    fn the_page_url_has_no_artifacts_parameter_in_tests() {
        assert_eq!(artifacts_param(), None);
        assert_eq!(page_param("base"), None);
    }
}
