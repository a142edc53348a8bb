// Does the phi-lens overlay slow dbt docs down? Time from navigation to dbt docs' model page
// title (`#!/model/<id>`, `.app-title h1 span.break` showing the name, one frame painted), on
// the corpus's largest manifest (spellbook, 72 MB), with dbt docs' plain index.html and with
// the overlay installed (`phi-lens overlay install`, page index.phi-lens.html), same Chromium,
// fresh profile per run, runs alternated. Also records when the overlay's score chip appears.
//   bash benches/overlay/run.sh [RUNS]      (builds the overlay and the CLI first)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from '../../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const runs = Math.max(3, Number(process.argv[2] || 5));
const manifestGz = path.resolve(repo, '../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz');
const docsIndex = path.join(process.env.PHI_LENS_DBT_DOCS_DIR ?? path.join(os.homedir(), '.cache/phi-lens/dbt-docs'), '1.12.6/index.html');
for (const f of [manifestGz, docsIndex, path.join(repo, 'dist/overlay/phi-lens-overlay_bg.wasm')]) {
  if (!fs.existsSync(f)) { console.error(`${f} is missing (scripts/setup, scripts/build-overlay)`); process.exit(1); }
}

// A target/ folder: the manifest (tracking off, as ANCHORS.md measured), a minimal catalog,
// dbt docs' page, and the overlay installed beside it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-lens-overlay-bench-'));
let text = zlib.gunzipSync(fs.readFileSync(manifestGz)).toString('utf8');
text = text.replace(/"send_anonymous_usage_stats":\s*true/, '"send_anonymous_usage_stats": false');
fs.writeFileSync(path.join(dir, 'manifest.json'), text);
const manifest = JSON.parse(text);
text = null;
fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: manifest.metadata.dbt_version, generated_at: manifest.metadata.generated_at, invocation_id: null, env: {} },
  nodes: {}, sources: {},
}));
fs.copyFileSync(docsIndex, path.join(dir, 'index.html'));
const cli = path.join(repo, 'target/release/phi-lens');
console.log(execFileSync(cli, ['overlay', 'install', dir, '--assets', path.join(repo, 'dist/overlay')], { encoding: 'utf8' }).trim());

// The model: the first (by id) with 53 neighbours, as in ANCHORS.md; else the best connected.
const degree = (id) => (manifest.parent_map?.[id]?.length ?? 0) + (manifest.child_map?.[id]?.length ?? 0);
const models = Object.keys(manifest.nodes).filter((id) => id.startsWith('model.')).sort();
const model = models.find((id) => degree(id) === 53) ?? models.sort((a, b) => degree(b) - degree(a))[0];
const name = manifest.nodes[model].name;
const mb = (fs.statSync(path.join(dir, 'manifest.json')).size / 1e6).toFixed(1);

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const file = path.resolve(dir, '.' + path.posix.normalize('/' + decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

async function once(pageFile, overlay) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/${pageFile}#!/model/${model}`, { waitUntil: 'commit' });
    // performance.now() counts from the navigation's start.
    const title = await page.waitForFunction((n) => {
      const el = document.querySelector('.app-title h1 span.break');
      return el && el.textContent.trim() === n ? performance.now() : false;
    }, name, { polling: 'raf', timeout: 180_000 }).then((h) => h.jsonValue());
    let ready = null;
    if (overlay) {
      ready = await page.waitForFunction(() => {
        const err = document.querySelector('[data-testid="phi-lens-error"]');
        if (err) return -1;
        return document.querySelector('.app-title [data-testid="phi-lens-status"]') ? performance.now() : false;
      }, null, { polling: 250, timeout: 240_000 }).then((h) => h.jsonValue()).catch(() => null);
    }
    return { title, ready };
  } finally {
    await browser.close();
  }
}

const stats = (xs) => { const s = [...xs].sort((a, b) => a - b); return { min: s[0], median: s[Math.floor((s.length - 1) / 2)] }; };
const plain = [];
const withOverlay = [];
const ready = [];
console.log(`dbt docs 1.12.6, ${mb} MB manifest, model ${model} (${degree(model)} neighbours), ${runs} runs each, alternated`);
for (let i = 0; i < runs; i++) {
  const a = await once('index.html', false);
  const b = await once('index.phi-lens.html', true);
  plain.push(a.title);
  withOverlay.push(b.title);
  if (b.ready !== null) ready.push(b.ready);
  console.log(`run ${i + 1}: plain ${(a.title / 1000).toFixed(2)} s, with overlay ${(b.title / 1000).toFixed(2)} s (overlay drawn at ${b.ready === null ? 'timeout' : b.ready < 0 ? 'ERROR' : (b.ready / 1000).toFixed(2) + ' s'})`);
}
const p = stats(plain);
const o = stats(withOverlay);
const f = (x) => (x / 1000).toFixed(2) + ' s';
console.log(`\nmodel page title, plain dbt docs:   min ${f(p.min)}, median ${f(p.median)}`);
console.log(`model page title, with the overlay: min ${f(o.min)}, median ${f(o.median)}`);
console.log(`overhead: min ${(100 * (o.min / p.min - 1)).toFixed(1)} %, median ${(100 * (o.median / p.median - 1)).toFixed(1)} % (budget: 30 %)`);
if (ready.length) { const r = stats(ready.filter((x) => x > 0)); console.log(`overlay's chips drawn: min ${f(r.min)}, median ${f(r.median)} after navigation`); }
server.close();
fs.rmSync(dir, { recursive: true, force: true });
