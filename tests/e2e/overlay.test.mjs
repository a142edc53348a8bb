// End-to-end tests of the phi-lens overlay inside dbt docs: dbt docs' real index.html (from the
// dbt-core 1.12.6 wheel, fetched by scripts/setup into ~/.cache/phi-lens/dbt-docs, never
// committed), a copy of the demo's target/, `phi-lens overlay install` (the CLI), headless
// Chromium navigating dbt docs' own routes; then `phi-lens overlay uninstall` and a byte
// comparison. Needs scripts/build-overlay to have run (scripts/test does it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, launchBrowser, offOrigin, openPage, unexpectedErrors } from './harness.mjs';

const DBT_DOCS_INDEX = path.join(
  process.env.PHI_LENS_DBT_DOCS_DIR ?? path.join(os.homedir(), '.cache', 'phi-lens', 'dbt-docs'),
  '1.12.6',
  'index.html',
);
const DEMO_TARGET = path.join(REPO, 'examples', 'clinic', 'target');
const ASSETS = path.join(REPO, 'dist', 'overlay');
const MODEL = 'model.clinic.dim_patients';
const SOURCE = 'source.clinic.ehr.patients';
const EXPOSURE = 'exposure.clinic.cmo_quality_dashboard';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** The phi-lens CLI (debug build; `cargo test` has built it already). */
function phiLens(...args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'phi-lens-cli', '--', ...args], { cwd: REPO, encoding: 'utf8' });
}

/** A static server for one folder (like a docs host serving dbt's target/), on 127.0.0.1. */
async function serve(root) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = path.resolve(root, '.' + path.posix.normalize('/' + urlPath));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** A copy of the demo's target/ with dbt docs' page, in a fresh temp folder. */
function docsFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-lens-docs-'));
  fs.cpSync(DEMO_TARGET, dir, { recursive: true });
  fs.copyFileSync(DBT_DOCS_INDEX, path.join(dir, 'index.html'));
  return dir;
}

function listing(dir) {
  return fs.readdirSync(dir, { recursive: true }).sort();
}

/** Every off-origin request, split into those Chromium blocked by the CSP and the rest. */
function watchNetwork(page) {
  const blocked = [];
  const answered = [];
  page.on('requestfailed', (r) => {
    // Chromium reports a request its CSP refused as failed with `csp` (it never left the browser).
    if (/^csp$|ERR_BLOCKED_BY_CSP|blocked:csp/i.test(r.failure()?.errorText ?? '')) blocked.push(r.url());
  });
  page.on('response', (r) => answered.push(r.url()));
  return { blocked, answered };
}

/** Expected figures, from the CLI's report on the same artifacts. */
const REPORT = JSON.parse(phiLens('check', DEMO_TARGET, '--format', 'json'));
const PHI = JSON.parse(phiLens('phi', DEMO_TARGET, '--json'));
const scoreText = (n) => `score ${n.score} (${n.grade})`;

/** Goes to a dbt docs route in the same page (dbt docs re-renders; the overlay follows). */
async function go(page, origin, file, route) {
  const url = `${origin}/${file}#!/${route}`;
  if (page.url().startsWith(`${origin}/${file}`)) await page.evaluate((h) => { window.location.hash = h; }, `#!/${route}`);
  else await page.goto(url);
}

/** Asserts the model page: title chips, one badge per column row inside dbt docs' table, panel. */
async function assertModelPage(page) {
  const title = page.locator('.app-title h1');
  await title.locator('[data-testid="phi-lens-score"]').waitFor({ timeout: 60_000 });
  assert.equal(await title.locator('[data-testid="phi-lens-score"]').textContent(), scoreText(REPORT.nodes[MODEL]));
  assert.match(await title.locator('[data-testid="phi-lens-status"]').textContent(), /^PHI declared \(/);
  assert.equal(
    await title.locator('[data-testid="phi-lens-status"]').getAttribute('href'),
    `phi-lens/index.html#/node/${MODEL}`,
  );
  const rows = page.locator('.app-details table tr.column-row');
  const count = await rows.count();
  assert.ok(count > 5, `dbt docs shows dim_patients' columns (${count})`);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.app-details table tr.column-row [data-testid="phi-badge"]').length === n,
    count,
    { timeout: 10_000 },
  );
  const mrn = await page.evaluate(() => {
    const name = [...document.querySelectorAll('.app-details table tr.column-row td span.text-dark')].find((s) => s.textContent.trim() === 'mrn');
    const badges = name ? name.parentElement.querySelectorAll('[data-testid="phi-badge"]') : [];
    return [...badges].map((b) => [b.textContent, b.dataset.phiStatus]);
  });
  assert.deepEqual(mrn, [['PHI H', 'declared']]);
  await page.locator('[data-testid="phi-lens-findings"]').waitFor();
  return count;
}

/** Asserts no duplicated overlay elements after dbt docs re-rendered. */
async function assertNoDuplicates(page) {
  const counts = await page.evaluate(() => ({
    titles: document.querySelectorAll('.phi-lens-title').length,
    panels: document.querySelectorAll('.phi-lens-panel').length,
    rowsWithTwo: [...document.querySelectorAll('tr.column-row')].filter((r) => r.querySelectorAll('.phi-lens-badge').length !== 1).length,
  }));
  assert.deepEqual(counts, { titles: 1, panels: 1, rowsWithTwo: 0 });
}

async function walkDocs(page, origin, file) {
  await go(page, origin, file, `model/${MODEL}`);
  const columns = await assertModelPage(page);

  // dbt docs re-renders the table when a column is expanded: still one badge per row.
  await page.locator('.app-details table tr.column-row').first().click();
  await page.waitForTimeout(300);
  await assertNoDuplicates(page);

  await go(page, origin, file, `source/${SOURCE}`);
  await page.locator('.app-title h1 [data-testid="phi-lens-score"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.app-title h1 [data-testid="phi-lens-score"]').textContent(), scoreText(REPORT.nodes[SOURCE]));
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('.app-details table tr.column-row');
    return rows.length > 0 && [...rows].every((r) => r.querySelectorAll('[data-testid="phi-badge"]').length === 1);
  }, null, { timeout: 10_000 });

  await go(page, origin, file, `exposure/${EXPOSURE}`);
  const exposure = page.locator('.app-title h1');
  await exposure.locator('[data-testid="phi-lens-score"]').waitFor({ timeout: 20_000 });
  assert.equal(await exposure.locator('[data-testid="phi-lens-score"]').textContent(), scoreText(REPORT.exposures[EXPOSURE]));
  const reached = PHI.exposures.find((e) => e.unique_id === EXPOSURE).reached;
  assert.equal(await exposure.locator('[data-testid="phi-lens-status"]').textContent(), reached ? 'PHI reaches it' : 'no PHI reaches it');

  await go(page, origin, file, 'overview');
  const project = page.locator('[data-testid="phi-lens-project"] [data-testid="phi-lens-score"]');
  await project.waitFor({ timeout: 20_000 });
  assert.equal(await project.textContent(), `${REPORT.project_score} (${REPORT.project_grade})`);

  // Back to the model: drawn again, once.
  await go(page, origin, file, `model/${MODEL}`);
  assert.equal(await assertModelPage(page), columns);
  await assertNoDuplicates(page);
  assert.equal(await page.locator('[data-testid="phi-lens-error"]').count(), 0);
}

describe('the overlay inside dbt docs', () => {
  let browser;
  before(async () => {
    assert.ok(fs.existsSync(DBT_DOCS_INDEX), `${DBT_DOCS_INDEX} is missing: run bash scripts/setup (it takes it from the dbt-core 1.12.6 wheel)`);
    assert.ok(fs.existsSync(path.join(ASSETS, 'phi-lens-overlay_bg.wasm')), `${ASSETS} is missing: run bash scripts/build-overlay`);
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  test('index.html, installed in place: badges, scores, nothing leaves the origin; uninstall restores the bytes', async () => {
    const dir = docsFolder();
    const before = listing(dir);
    const original = fs.readFileSync(path.join(dir, 'index.html'));
    const report = phiLens('overlay', 'install', dir, '--in-place');
    assert.match(report, /tracking: off/);
    const server = await serve(dir);
    try {
      const { page, requests, errors } = await openPage(browser.context);
      const net = watchNetwork(page);
      await walkDocs(page, server.origin, 'index.html');
      // The link to the full view is served beside the docs.
      const app = await page.evaluate(async () => (await fetch('phi-lens/index.html')).status);
      assert.equal(app, 200);
      assert.deepEqual(offOrigin(requests, server.origin), []);
      assert.deepEqual(net.blocked, []);
      assert.deepEqual(unexpectedErrors(errors), []);
      await page.close();

      // If the overlay cannot start, dbt docs still works and a chip says so.
      fs.rmSync(path.join(dir, 'phi-lens', 'phi-lens-overlay_bg.wasm'));
      const broken = await openPage(browser.context);
      await broken.page.goto(`${server.origin}/index.html#!/model/${MODEL}`);
      await broken.page.locator('.app-title h1 span.break', { hasText: 'dim_patients' }).waitFor({ timeout: 30_000 });
      await broken.page.locator('[data-testid="phi-lens-error"]').waitFor({ timeout: 20_000 });
      assert.ok((await broken.page.locator('.app-details table tr.column-row').count()) > 5, 'dbt docs still lists the columns');
      await broken.page.close();
    } finally {
      await server.close();
    }
    phiLens('overlay', 'uninstall', dir);
    assert.ok(fs.readFileSync(path.join(dir, 'index.html')).equals(original), 'uninstall restores the exact bytes');
    assert.deepEqual(listing(dir), before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('static_index.html (data inlined), tracking on and blocked: badges, scores, no request leaves', async () => {
    const dir = docsFolder();
    // Built the way `dbt docs generate --static` builds it, from a manifest that asks for tracking.
    const manifest = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8').replace(
      /"send_anonymous_usage_stats": false/,
      '"send_anonymous_usage_stats": true',
    );
    assert.match(manifest, /"send_anonymous_usage_stats": true/);
    const catalog = fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8');
    const template = fs.readFileSync(DBT_DOCS_INDEX, 'utf8');
    const page = template.replaceAll('"MANIFEST.JSON INLINE DATA"', () => manifest).replaceAll('"CATALOG.JSON INLINE DATA"', () => catalog);
    fs.writeFileSync(path.join(dir, 'static_index.html'), page);
    // Only the page holds the manifest and the catalog now.
    for (const f of ['index.html', 'manifest.json', 'catalog.json']) fs.rmSync(path.join(dir, f));
    const before = listing(dir);
    const original = fs.readFileSync(path.join(dir, 'static_index.html'));

    const report = phiLens('overlay', 'install', dir, '--block-tracking', '--assets', ASSETS);
    assert.match(report, /tracking: blocked/);
    assert.ok(fs.readFileSync(path.join(dir, 'static_index.html')).equals(original), 'without --in-place the page is not touched');
    const server = await serve(dir);
    try {
      const { page: tab, requests, errors } = await openPage(browser.context);
      const net = watchNetwork(tab);
      await walkDocs(tab, server.origin, 'static_index.phi-lens.html');
      // dbt docs tried to load its tracker: the CSP stopped it in the browser.
      const off = offOrigin(requests, server.origin);
      assert.ok(net.blocked.some((u) => u.includes('sp.js')), `dbt docs tried to load its tracker: ${off}`);
      assert.deepEqual(off.filter((u) => !net.blocked.includes(u)), [], 'every off-origin request was blocked by the CSP');
      assert.deepEqual(offOrigin(net.answered, server.origin), [], 'no off-origin request got an answer');
      // The only errors allowed: CSP refusals of dbt docs' tracker and of AngularJS' eval probe.
      const other = unexpectedErrors(errors).filter((e) => !/Content Security Policy|unsafe-eval/.test(e));
      assert.deepEqual(other, []);
      await tab.close();
    } finally {
      await server.close();
    }
    phiLens('overlay', 'uninstall', dir);
    assert.ok(fs.readFileSync(path.join(dir, 'static_index.html')).equals(original));
    assert.deepEqual(listing(dir), before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
