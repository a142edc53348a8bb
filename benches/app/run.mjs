// Browser benchmark (issue 6): phi-lens's app vs dbt docs' own index.html on the same manifest,
// side by side in one run, in headless Debian Chromium (launched as TOOLCHAIN.md says).
//
//   node benches/app/run.mjs [--runs N] [--only spellbook|tuva] [--app DIST] [--dbt-docs INDEX_HTML]
//                            [--base DIST] [--wait-idle SECONDS] [--app-only] [--verbose]
//
// phi-lens is measured in two deliveries (issue 22): `phi-lens gz`, the corpus's
// manifest.json.gz read in place (the app gunzips it), and `phi-lens json`, the same manifest
// gunzipped by the server and sent as a plain manifest.json without compression (as
// `python3 -m http.server` in dbt's target/ would). --base DIST: another build of the app (e.g.
// main's) measured in the same two deliveries in the same run, for before/after figures.
//
// Each run is a fresh browser (cold caches, its own process tree), the two apps alternating.
// --wait-idle: before each run, wait (up to SECONDS) until the machine's CPUs are ≥ 90 % idle
// (on a machine shared with compilers). --app-only: phi-lens alone, for iterating (no ratio).
// --verbose: where the time went (downloads, and phi-lens's own performance marks).
// Time: navigation start → ready, plus one painted frame:
// - phi-lens: `?artifacts=<corpus dir>` (manifest.json.gz read in place, gunzipped by the app),
//   ready = `[data-testid="project-score"]` shows a number (the overview is rendered);
// - dbt docs: the manifest gunzipped, `metadata.send_anonymous_usage_stats` false, a minimal
//   catalog, ready = `.menu a[data-nav-unique-id^="model."]` (the project tree), as ANCHORS.md.
// Memory at ready (before any forced GC) and after a GC: the JS heap (`performance.memory`
// and CDP `Runtime.getHeapUsage`; WebAssembly memory is not in it) and the browser process
// tree's PSS (sum of /proc/<pid>/smaps_rollup over the browser and its children), sampled every
// 250 ms during the load (peak) and after the GC.
// Responsiveness during the load: the longest main-thread task (`longtask` entries) and the
// longest gap between animation frames, from navigation to ready.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { treePss as treePssNow } from '../pss.mjs';
import { fileUnder, launchBrowser } from '../../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Math.max(1, Number(opt('runs', 5)));
const APP = path.resolve(opt('app', process.env.PHI_LENS_DIST || path.join(repo, 'dist')));
const BASE = opt('base', null) && path.resolve(opt('base', null));
const DBT_DOCS = path.resolve(
  opt('dbt-docs', process.env.DBT_DOCS_INDEX || path.join(os.homedir(), '.cache/phi-lens/dbt-core-wheel/dbt/task/docs/index.html')),
);
const PROJECTS = {
  spellbook: 'spellbook_hourly_spellbook-1.12.0',
  tuva: 'tuva-health_tuva-1.12.0',
};
const only = opt('only', null);
const projects = Object.entries(PROJECTS).filter(([k]) => !only || only.split(',').includes(k));
const TIMEOUT = Number(opt('timeout', 240)) * 1000;
const VERBOSE = args.includes('--verbose');
const APP_ONLY = args.includes('--app-only');
const WAIT_IDLE = Number(opt('wait-idle', 0)) * 1000;

for (const [what, file] of [['the app', path.join(APP, 'index.html')], ["dbt docs' index.html", DBT_DOCS]]) {
  if (!fs.existsSync(file)) {
    console.error(`${what} is missing: ${file} (run benches/app/run.sh, which builds and fetches it)`);
    process.exit(2);
  }
}

// ---- the server: the app at /, the corpus in place at /corpus/, dbt docs at /dbt-docs/<project>/
const MINIMAL_CATALOG = JSON.stringify({
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' },
  nodes: {},
  sources: {},
  errors: null,
});
const dbtDocsHtml = fs.readFileSync(DBT_DOCS);
const plainManifests = new Map(); // project key -> Buffer (the corpus's manifest, gunzipped)
function plainManifest(key) {
  if (!plainManifests.has(key)) plainManifests.set(key, zlib.gunzipSync(fs.readFileSync(path.join(corpus, PROJECTS[key], 'manifest.json.gz'))));
  return plainManifests.get(key);
}
const docsManifests = new Map(); // project key -> Buffer (gunzipped, tracking off)
function docsManifest(key) {
  if (!docsManifests.has(key)) {
    const m = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(corpus, PROJECTS[key], 'manifest.json.gz'))));
    m.metadata.send_anonymous_usage_stats = false;
    docsManifests.set(key, Buffer.from(JSON.stringify(m)));
  }
  return docsManifests.get(key);
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.gz': 'application/gzip' };
const offOrigin = [];
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  let body = null;
  let type = 'application/octet-stream';
  const docs = /^\/dbt-docs\/([a-z]+)\/(index\.html|manifest\.json|catalog\.json)$/.exec(p);
  const plain = /^\/plain\/([a-z]+)\/manifest\.json$/.exec(p);
  if (plain && PROJECTS[plain[1]]) {
    // The plain-JSON delivery: no compression, a Content-Length, as a static file server.
    type = TYPES['.json'];
    body = plainManifest(plain[1]);
  } else if (p.startsWith('/plain/')) {
    body = null;
  } else if (docs && PROJECTS[docs[1]]) {
    type = docs[2] === 'index.html' ? TYPES['.html'] : TYPES['.json'];
    body = docs[2] === 'index.html' ? dbtDocsHtml : docs[2] === 'catalog.json' ? MINIMAL_CATALOG : docsManifest(docs[1]);
  } else {
    const file = p.startsWith('/corpus/')
      ? fileUnder(corpus, p.slice('/corpus'.length))
      : BASE && p.startsWith('/base/')
        ? fileUnder(BASE, p.slice('/base'.length))
        : fileUnder(APP, p);
    if (file) {
      body = fs.readFileSync(file);
      type = TYPES[path.extname(file)] ?? type;
    }
  }
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- memory of the browser's process tree
const treePss = () => treePssNow().bytes;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// performance.memory unrounded (it is bucketed otherwise).
const launch = () => launchBrowser(['--enable-precise-memory-info']);

/** Installed before any page script: watches for `ready`, long tasks and frame gaps. */
function probe({ selector, digit }) {
  const b = (window.__bench = { readyMs: null, longTasks: [], maxGap: 0, gapAt: 0, frames: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask support */
  }
  let last = null;
  const frame = (t) => {
    if (last !== null && t - last > b.maxGap) {
      b.maxGap = t - last;
      b.gapAt = last;
    }
    last = t;
    b.frames++;
    if (b.readyMs === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let seen = false;
  const check = () => {
    if (seen) return;
    const el = document.querySelector(selector);
    if (!el || (digit && !/\d/.test(el.textContent))) return;
    seen = true;
    obs.disconnect();
    b.foundMs = performance.now();
    // One frame painted after the DOM is there.
    requestAnimationFrame(() => setTimeout(() => (b.readyMs = performance.now()), 0));
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, characterData: true });
}

const SCORE = { selector: '[data-testid="project-score"]', digit: true };
const APPS = {
  'phi-lens gz': (key) => ({ url: `${origin}/?artifacts=corpus/${PROJECTS[key]}`, probe: SCORE }),
  'phi-lens json': (key) => ({ url: `${origin}/?artifacts=plain/${key}`, probe: SCORE }),
  ...(BASE && {
    'base gz': (key) => ({ url: `${origin}/base/?artifacts=../corpus/${PROJECTS[key]}`, probe: SCORE }),
    'base json': (key) => ({ url: `${origin}/base/?artifacts=../plain/${key}`, probe: SCORE }),
  }),
  'dbt docs': (key) => ({ url: `${origin}/dbt-docs/${key}/index.html`, probe: { selector: '.menu a[data-nav-unique-id^="model."]', digit: false } }),
};
const OURS = Object.keys(APPS).filter((a) => a !== 'dbt docs');

function cpuTimes() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}
/** Waits until the CPUs are ≥ 90 % idle over half a second, at most WAIT_IDLE ms; says if they were. */
async function waitIdle() {
  const start = Date.now();
  let idle = null;
  while (Date.now() - start < WAIT_IDLE) {
    const a = cpuTimes();
    await sleep(500);
    const b = cpuTimes();
    idle = (b.idle - a.idle) / Math.max(1, b.total - a.total);
    if (idle >= 0.9) return true;
  }
  return WAIT_IDLE ? false : null;
}

async function measure(app, key) {
  const idle = await waitIdle();
  const { url, probe: cfg } = APPS[app](key);
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('request', (r) => {
      if (!r.url().startsWith(origin + '/') && !/^(data|blob):/.test(r.url())) offOrigin.push(`${app}: ${r.url()}`);
    });
    page.on('pageerror', (e) => console.error(`  ${app} page error: ${e.message}`));
    await page.addInitScript(probe, cfg);
    let peak = treePss();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, treePss());
        await sleep(250);
      }
    })();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.readyMs != null, null, { timeout: TIMEOUT, polling: 100 });
    // phi-lens groups the findings by root cause after the overview's first paint, in slices
    // (issue 22) that the ready probe's frame can come between: the load is over once they
    // are grouped (the `phi-lens:grouped` mark), and its tasks count until then.
    if (app !== 'dbt docs') {
      const grouped = () => performance.getEntriesByName('phi-lens:grouped').length > 0;
      await page.waitForFunction(grouped, null, { timeout: 10_000, polling: 50 }).catch(() => {});
    }
    const at = await page.evaluate(() => {
      const b = window.__bench;
      const groupedMs = performance.getEntriesByName('phi-lens:grouped')[0]?.startTime ?? null;
      const end = Math.max(b.readyMs, groupedMs ?? 0);
      const during = b.longTasks.filter(([s]) => s <= end);
      return {
        ms: b.readyMs,
        groupedMs,
        longest: during.reduce((m, [, d]) => Math.max(m, d), 0),
        blocked: during.reduce((m, [, d]) => m + d, 0),
        tasks: during.filter(([, d]) => d >= 100),
        maxGap: b.maxGap,
        frames: b.frames,
        heap: performance.memory?.usedJSHeapSize ?? null,
        // Where the time went: each resource's download end, and the page's own marks.
        steps: [
          ...performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').split('?')[0], e.responseEnd]),
          ...performance.getEntriesByType('mark').map((e) => [`mark ${e.name}`, e.startTime]),
          ...performance.getEntriesByType('measure').map((e) => [`measure ${e.name} (${e.duration.toFixed(0)} ms)`, e.startTime + e.duration]),
          ['found', b.foundMs],
        ].sort((x, y) => x[1] - y[1]),
      };
    });
    const pssReady = treePss();
    sampling = false;
    await sampler;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(1500);
    const usage = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    const pssAfterGc = treePss();
    return { ...at, idle, heapGc: usage.usedSize, pssReady, pssPeak: Math.max(peak, pssReady), pssAfterGc };
  } finally {
    await browser.close();
  }
}

const mb = (b) => (b / 1e6).toFixed(0);
const sec = (ms) => (ms >= 10_000 ? (ms / 1e3).toFixed(1) + ' s' : ms >= 1000 ? (ms / 1e3).toFixed(2) + ' s' : ms.toFixed(0) + ' ms');
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 };
};

// Chromium alone (about:blank), for reference.
{
  const b = await launch();
  await sleep(1500);
  const blank = treePss();
  await b.close();
  console.log(`/usr/bin/chromium, about:blank: browser PSS ${mb(blank)} MB`);
}
console.log(`app: ${APP}${BASE ? `\nbase: ${BASE}` : ''}\ndbt docs: ${DBT_DOCS}\nruns: ${RUNS} each, fresh browser per run, apps alternating\nload average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)\n`);

const rows = [];
for (const [key, dir] of projects) {
  const size = fs.statSync(path.join(corpus, dir, 'manifest.json.gz')).size;
  const json = docsManifest(key).length;
  console.log(`== ${key}: ${dir} (manifest ${(json / 1e6).toFixed(1)} MB JSON, ${(size / 1e6).toFixed(1)} MB gzip)`);
  const results = Object.fromEntries(Object.keys(APPS).map((a) => [a, []]));
  for (let i = 0; i < RUNS; i++) {
    const all = APP_ONLY ? OURS : [...OURS, 'dbt docs'];
    // Each run rotates the order, so no app is always first after a browser launch.
    const order = all.map((_, j) => all[(i + j) % all.length]);
    for (const app of order) {
      const r = await measure(app, key);
      results[app].push(r);
      console.log(
        `  run ${i + 1} ${app.padEnd(13)} ready ${sec(r.ms).padStart(8)}  JS heap ${mb(r.heap)} MB (after GC ${mb(r.heapGc)})  ` +
          `PSS peak ${mb(r.pssPeak)} MB, after GC ${mb(r.pssAfterGc)} MB  longest task ${sec(r.longest)}, ` +
          `main thread blocked ${sec(r.blocked)}, longest frame gap ${sec(r.maxGap)}` +
          (r.groupedMs != null ? `, root causes grouped at ${sec(r.groupedMs)}` : '') +
          (r.idle === false ? '  (machine busy: CPUs never 90 % idle before this run)' : ''),
      );
      if (VERBOSE) {
        console.log(`    ${r.steps.map(([n, t]) => `${n} @${t.toFixed(0)}`).join(', ')}`);
        // phi-lens's own marks (src/loading): each step's duration up to the next mark.
        const marks = r.steps.filter(([n]) => n.startsWith('mark phi-lens:'));
        if (marks.length) {
          const steps = marks.map(([n, t], j) => `${n.slice('mark phi-lens:'.length)} ${((marks[j + 1]?.[1] ?? r.ms) - t).toFixed(0)}`);
          console.log(`    steps (ms, from each mark to the next): ${steps.join(', ')}`);
        }
        // The long tasks (≥ 100 ms), to match with the marks above: duration @ start.
        if (r.tasks.length) console.log(`    tasks ≥ 100 ms: ${r.tasks.map(([s, d]) => `${d.toFixed(0)} @${s.toFixed(0)}`).join(', ')}`);
      }
    }
  }
  for (const app of Object.keys(results)) {
    const rs = results[app];
    if (!rs.length) continue;
    const t = stat(rs.map((r) => r.ms));
    rows.push({
      key,
      app,
      min: t.min,
      median: t.median,
      heap: stat(rs.map((r) => r.heap)).median,
      heapGc: stat(rs.map((r) => r.heapGc)).median,
      pssPeak: stat(rs.map((r) => r.pssPeak)).median,
      pssAfterGc: stat(rs.map((r) => r.pssAfterGc)).median,
      longest: stat(rs.map((r) => r.longest)).median,
      grouped: rs.every((r) => r.groupedMs != null) ? stat(rs.map((r) => r.groupedMs)) : null,
      maxGap: stat(rs.map((r) => r.maxGap)).median,
    });
  }
}

console.log('\n| input | app | ready min | ready median | grouped min / median | JS heap at ready | JS heap after GC | browser PSS peak | PSS after GC | longest task | longest frame gap |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const grouped = r.grouped ? `${sec(r.grouped.min)} / ${sec(r.grouped.median)}` : '';
  console.log(
    `| ${r.key} | ${r.app} | ${sec(r.min)} | ${sec(r.median)} | ${grouped} | ${mb(r.heap)} MB | ${mb(r.heapGc)} MB | ${mb(r.pssPeak)} MB | ${mb(r.pssAfterGc)} MB | ${sec(r.longest)} | ${sec(r.maxGap)} |`,
  );
}
console.log('(memory and responsiveness: medians over the runs; grouped: phi-lens\'s root causes grouped, the end of its load; the longest task counts until then)\n');
for (const [key] of APP_ONLY ? [] : projects) {
  const d = rows.find((r) => r.key === key && r.app === 'dbt docs');
  const speed = (a, b) => (b / a).toFixed(1);
  for (const app of OURS) {
    const p = rows.find((r) => r.key === key && r.app === app);
    console.log(
      `${key}: ${app} is ${speed(p.min, d.min)}x faster at min, ${speed(p.median, d.median)}x at median (target >= 50x); ` +
        `JS heap at ready ${(p.heap / d.heap).toFixed(3)} of dbt docs' (after GC ${(p.heapGc / d.heapGc).toFixed(3)}); ` +
        `browser PSS peak ${(p.pssPeak / d.pssPeak).toFixed(2)} of dbt docs' (target <= 0.33)`,
    );
  }
}
if (offOrigin.length) {
  console.log(`\nrequests that left the origin: ${offOrigin.join(', ')}`);
  process.exitCode = 1;
}
server.close();
