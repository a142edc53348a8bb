// Starts the phi-lens overlay inside a dbt docs page. `phi-lens overlay install` adds
// <script type="module" src="phi-lens/overlay.js"> to dbt docs' index.html; this file sits in
// phi-lens/ beside the wasm-bindgen glue, the wasm and overlay.css. A module script runs after
// dbt docs' own script and in its own task: whatever fails here, dbt docs keeps working, and
// the failure shows as a small chip.
const base = new URL('.', import.meta.url);

function chip(text) {
  const el = document.getElementById('phi-lens-status') || document.createElement('div');
  el.id = 'phi-lens-status';
  el.className = 'phi-lens-status phi-lens-error';
  el.setAttribute('data-testid', 'phi-lens-error');
  el.setAttribute('role', 'alert');
  el.textContent = text;
  if (!el.isConnected) (document.body || document.documentElement).append(el);
}

try {
  // Styles come from a file: the installed page's CSP may forbid inline styles.
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('overlay.css', base).href;
  document.head.append(css);
  const { default: init } = await import(new URL('phi-lens-overlay.js', base).href);
  await init({ module_or_path: new URL('phi-lens-overlay_bg.wasm', base) });
} catch (error) {
  chip('phi-lens could not start (' + error + ')');
}
