// Page side of the benchmark. run.mjs serves /manifest.json (already gunzipped in node, so
// decompression is never timed) and calls these functions through page.evaluate.
import init, { bench_load, load_counts, release } from './pkg/phi_lens_wasm_bench.js';

let wasm = null;
let bytes = null;
let text = null;

async function fetchBytes() {
  const r = await fetch('/manifest.json');
  if (!r.ok) throw new Error(`GET /manifest.json: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);

// Fresh page: linear memory before and after one load (the project is kept alive).
window.wasmMemory = async () => {
  wasm = await init();
  const afterInit = wasm.memory.buffer.byteLength;
  let b = await fetchBytes();
  const jsonBytes = b.length;
  const counts = JSON.parse(load_counts(b));
  b = null; // the page keeps nothing but the wasm instance
  return { jsonBytes, afterInit, afterLoad: wasm.memory.buffer.byteLength, counts, heap: heap() };
};

// Fresh page: JSON.parse once, result kept alive, text dropped.
window.jsonMemory = async () => {
  let t = new TextDecoder().decode(await fetchBytes());
  const t0 = performance.now();
  window.held = JSON.parse(t);
  const ms = performance.now() - t0;
  t = null;
  return { ms, models: Object.keys(window.held.nodes).filter((k) => k.startsWith('model.')).length, heap: heap() };
};

// Timing page: bytes and text prepared once, outside any clock.
window.benchSetup = async () => {
  wasm = await init();
  bytes = await fetchBytes();
  const t0 = performance.now();
  text = new TextDecoder().decode(bytes);
  return { decodeMs: performance.now() - t0, chars: text.length };
};
// One wasm load: copying the bytes into linear memory happens before the clock (in wasm) starts.
window.benchWasm = () => bench_load(bytes, 1)[0];
window.benchJson = () => {
  const t0 = performance.now();
  const v = JSON.parse(text);
  const ms = performance.now() - t0;
  if (!v.nodes) throw new Error('no nodes');
  return ms;
};
window.release = release;
window.ready = true;
