// Wasm load benchmark in headless Chromium: load_project (wasm) vs JSON.parse of the same
// text in the same page, plus memory. Built first by run.sh; usage:
//   node benches/wasm/run.mjs [MANIFEST(.json|.json.gz)] [RUNS]
// Default: the corpus's largest manifest (read in place), 7 runs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { treePss } from '../pss.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const manifestPath = process.argv[2] ||
  path.resolve(here, '../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz');
const runs = Math.max(5, Number(process.argv[3] || 7));
const pkgDir = path.join(here, 'target/pkg');
if (!fs.existsSync(path.join(pkgDir, 'phi_lens_wasm_bench_bg.wasm'))) {
  console.error('target/pkg is missing: run `bash benches/wasm/run.sh` (it builds first)');
  process.exit(1);
}

// Gunzip in node, once: decompression is never in any timing.
const raw = fs.readFileSync(manifestPath);
const json = manifestPath.endsWith('.gz') ? zlib.gunzipSync(raw) : raw;
const MB = json.length / 1e6;

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1').pathname;
  let body;
  let type = 'application/octet-stream';
  if (url === '/manifest.json') body = json;
  else {
    const rel = url === '/' ? 'index.html' : url.slice(1);
    const file = rel.startsWith('pkg/') ? path.join(pkgDir, rel.slice(4)) : path.join(here, rel);
    if (!['index.html', 'page.js'].includes(rel) && !rel.startsWith('pkg/')) body = null;
    else if (fs.existsSync(file)) { body = fs.readFileSync(file); type = types[path.extname(file)] ?? type; }
  }
  if (!body) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// Three samples 300 ms apart, the largest kept (a single read can miss a process mid-change).
async function treePssMax() {
  let best = treePss();
  for (let i = 0; i < 2; i++) {
    await sleep(300);
    const s = treePss();
    if (s.bytes > best.bytes) best = s;
  }
  return best;
}
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
// Collect the page's garbage (through CDP: the launch flags stay as TOOLCHAIN.md has them),
// so memory shows what the page keeps, not what it has not yet freed; then let it settle.
async function settle(page) {
  if (page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
  }
  await sleep(1500);
}
const mb = (b) => (b / 1e6).toFixed(1);
const stats = (xs) => { const s = [...xs].sort((a, b) => a - b); return { min: s[0], median: s[Math.floor(s.length / 2)] }; };

const ctx = await chromium.launchPersistentContext(fs.mkdtempSync('/tmp/pw-'), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] });
const say = (s) => console.log(s);
try {
  const open = async () => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => window.ready === true);
    return page;
  };
  for (const p of ctx.pages()) await p.goto('about:blank');
  await settle();
  const blank = await treePssMax();

  say(`manifest: ${manifestPath}`);
  say(`JSON ${MB.toFixed(1)} MB (${json.length} bytes, gunzipped in node, not timed)`);

  // Memory, empty: the bench page open, nothing loaded (a renderer's own baseline).
  let page = await open();
  await settle(page);
  const pssEmpty = await treePssMax();
  await page.close();

  // Memory, wasm: a fresh page, one load, project kept.
  page = await open();
  const w = await page.evaluate(() => window.wasmMemory());
  await settle(page);
  w.heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const pssWasm = await treePssMax();
  await page.close();
  const models = w.counts.counts.model;
  say(`check: ${models} models, ${w.counts.nodes} nodes, ${w.counts.tests} tests, ${w.counts.warnings} warnings`);
  const rate = (ms) => (MB / (ms / 1e3)).toFixed(0);
  if (models !== 2299 && manifestPath.includes('spellbook')) { say(`FAIL: expected 2299 models, got ${models}`); process.exitCode = 1; }

  // Memory, JSON.parse: a fresh page, one parse, result kept.
  page = await open();
  const j = await page.evaluate(() => window.jsonMemory());
  await settle(page);
  j.heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const pssJson = await treePssMax();
  await page.close();

  // Timing: one page, wasm and JSON.parse interleaved, one warm-up each (not counted).
  page = await open();
  const setup = await page.evaluate(() => window.benchSetup());
  const warm = { wasm: await page.evaluate(() => window.benchWasm()), json: await page.evaluate(() => window.benchJson()) };
  const tw = []; const tj = [];
  for (let i = 0; i < runs; i++) {
    tw.push(await page.evaluate(() => window.benchWasm()));
    tj.push(await page.evaluate(() => window.benchJson()));
  }
  await page.close();

  const sw = stats(tw); const sj = stats(tj);
  say(`cold, fresh page: wasm first load (first call into the module) ${w.counts.ms.toFixed(0)} ms (${rate(w.counts.ms)} MB/s); JSON.parse first parse ${j.ms.toFixed(0)} ms (${rate(j.ms)} MB/s)`);
  say(`wasm load_project: min ${sw.min.toFixed(0)} ms (${rate(sw.min)} MB/s), median ${sw.median.toFixed(0)} ms (${rate(sw.median)} MB/s), ${runs} runs [${tw.map((t) => t.toFixed(0)).join(' ')}], warm-up ${warm.wasm.toFixed(0)} ms`);
  say(`JSON.parse:        min ${sj.min.toFixed(0)} ms (${rate(sj.min)} MB/s), median ${sj.median.toFixed(0)} ms (${rate(sj.median)} MB/s), ${runs} runs [${tj.map((t) => t.toFixed(0)).join(' ')}], warm-up ${warm.json.toFixed(0)} ms (TextDecoder ${setup.decodeMs.toFixed(0)} ms, not timed)`);
  say(`wasm/JSON.parse speed: ${(sj.min / sw.min).toFixed(2)}x at min, ${(sj.median / sw.median).toFixed(2)}x at median`);
  say(`wasm memory after one load: ${w.afterLoad} bytes (${mb(w.afterLoad)} MB) = ${(w.afterLoad / json.length).toFixed(2)}x the JSON (after init ${mb(w.afterInit)} MB; linear memory never shrinks, so this is the load's peak)`);
  say(`browser PSS (process tree): about:blank ${mb(blank.bytes)} MB; bench page, nothing loaded ${mb(pssEmpty.bytes)} MB (+${mb(pssEmpty.bytes - blank.bytes)}); wasm page after load ${mb(pssWasm.bytes)} MB (+${mb(pssWasm.bytes - blank.bytes)}, ${pssWasm.procs} procs), JS heap ${mb(w.heap)} MB (after GC); JSON.parse page, result kept ${mb(pssJson.bytes)} MB (+${mb(pssJson.bytes - blank.bytes)}, ${pssJson.procs} procs), JS heap ${mb(j.heap)} MB (after GC)`);
} finally {
  await ctx.close();
  server.close();
}
