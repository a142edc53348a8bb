// Starts the phi-lens WebAssembly app. It is a file of its own because the page's CSP
// forbids inline scripts; Trunk.toml's pattern_script writes the generated file names
// into the data attributes of the <script id="phi-lens-boot"> element that loads it.
function showFailure(error) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'Error: phi-lens could not start (' + error + '). It needs a recent browser with WebAssembly.';
  document.body.append(p);
}

// The manifests named by `?artifacts=DIR` and `?base=DIR` (a build to compare with) are
// requested now, while the WebAssembly downloads and compiles, instead of after the app's
// first render (issue 22). The app takes these requests over by URL (src/loading/fetch.rs,
// `Pending::send`) and aborts any it does not use. Only what the app itself would ask for is
// sent: the same checks as src/loading/plan.rs's `check_param`, the same URLs as its
// `artifact_urls`, and only on the page's own origin; anything else is left to the app, which
// explains the refusal.
function requestEarly() {
  const early = new Map();
  const params = new URLSearchParams(location.search);
  for (const param of ['artifacts', 'base']) {
    const dir = params.get(param);
    if (!dir || !dir.trim() || /[\s\p{Cc}\\?#]/u.test(dir) || dir.startsWith('//')) continue;
    if (dir.split(/[/?#]/)[0].includes(':')) continue;
    const base = dir.replace(/\/+$/, '');
    const urls = ['manifest.json', 'manifest.json.gz'].map((name) => new URL(`${base}/${name}`, location.href));
    if (urls.some((url) => url.origin !== location.origin)) continue;
    for (const url of urls) {
      if (early.has(url.href)) continue;
      const abort = new AbortController();
      const response = fetch(url.href, { method: 'GET', mode: 'same-origin', credentials: 'same-origin', signal: abort.signal });
      // Its outcome is read by the app (or the request aborted); never an unhandled rejection.
      response.catch(() => {});
      early.set(url.href, { response, abort });
    }
  }
  globalThis.phiLensEarlyRequests = early;
}

try {
  requestEarly();
} catch {
  // The app sends the requests itself.
}

try {
  const boot = document.getElementById('phi-lens-boot');
  const js = new URL(boot.dataset.js, document.baseURI).href;
  const wasm = new URL(boot.dataset.wasm, document.baseURI).href;
  const { default: init } = await import(js);
  await init({ module_or_path: wasm });
} catch (error) {
  showFailure(error);
}
