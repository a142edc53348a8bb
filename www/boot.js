// Starts the phi-lens WebAssembly app. It is a file of its own because the page's CSP
// forbids inline scripts; Trunk.toml's pattern_script writes the generated file names
// into the data attributes of the <script id="phi-lens-boot"> element that loads it.
function showFailure(error) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'Error: phi-lens could not start (' + error + '). It needs a recent browser with WebAssembly.';
  document.body.append(p);
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
