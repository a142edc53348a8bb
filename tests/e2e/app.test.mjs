// End-to-end tests of the built app (dist/, from `trunk build --release`) in headless
// Chromium: the ?artifacts= contract on the real corpus, errors, the demo, picked and dropped
// files, the progress bar, the CSP — and that no request ever leaves the page's origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { CORPUS, DEMO_MANIFEST, DIST, offOrigin, openPage, session, unexpectedErrors } from './harness.mjs';

const JAFFLE = 'dbt-labs_jaffle-shop-1.12.0';
const HAVE_CORPUS = fs.existsSync(path.join(CORPUS, JAFFLE, 'manifest.json.gz'));
const TIMEOUT = 30_000;

if (!HAVE_CORPUS) {
  console.error(`\n!!! SKIPPING the corpus tests: ${CORPUS}/${JAFFLE} is absent (expected <repo>/../shared/corpus) !!!\n`);
}

const shared = session();

/** Opens `query` on the app, waits for `testid`, and checks the page stayed on its origin. */
async function visit(query, testid) {
  const { page, requests, errors } = await openPage(shared.browser.context);
  await page.goto(`${shared.server.origin}/${query}`);
  const found = page.getByTestId(testid);
  await found.waitFor({ state: 'visible', timeout: TIMEOUT });
  return { page, requests, errors, found };
}

function assertStayedHome({ requests, errors }) {
  assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'every request stays on the page origin');
  assert.deepEqual(unexpectedErrors(errors), [], 'no console error (CSP violations included)');
}

describe('static output', () => {
  test('dist/index.html has the strict CSP and no inline script or style', () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 1, 'the boot script is there');
    for (const tag of scripts) assert.match(tag, /\ssrc="[^"]+"/, `script without src: ${tag}`);
    assert.doesNotMatch(html, /<style\b/, 'no inline <style>');
    assert.doesNotMatch(html, /\sstyle="/, 'no style attribute');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no absolute URL');
  });
});

describe('loading', { skip: !HAVE_CORPUS && 'the corpus is absent' }, () => {
  test('?artifacts= loads the jaffle shop (gzip) and stays on the origin', async () => {
    const visit1 = await visit(`?artifacts=corpus/${JAFFLE}`, 'project-summary');
    const { page, requests } = visit1;
    assert.equal(await page.getByTestId('project-name').textContent(), 'jaffle_shop');
    assert.equal(await page.getByTestId('count-model').locator('td').textContent(), '13');
    assert.equal(await page.getByTestId('dbt-version').textContent(), '1.12.0');
    assert.equal(await page.getByTestId('schema-manifest').locator('td').textContent(), 'v12');
    assert.equal(await page.getByTestId('test-status-pass').locator('td').textContent(), '27');
    // manifest.json is 404, so manifest.json.gz is fetched; sources are absent: fine.
    assert.ok(requests.includes(`${shared.server.origin}/corpus/${JAFFLE}/manifest.json`));
    assert.ok(requests.includes(`${shared.server.origin}/corpus/${JAFFLE}/manifest.json.gz`));
    assert.ok(requests.includes(`${shared.server.origin}/corpus/${JAFFLE}/catalog.json.gz`));
    assert.equal(await page.getByTestId('load-error').count(), 0);
    assertStayedHome(visit1);
    await page.close();
  });

  test('a folder without artifacts shows load-error', async () => {
    const v = await visit('?artifacts=corpus/no-such-project', 'load-error');
    const text = await v.found.textContent();
    assert.match(text, /No manifest\.json or manifest\.json\.gz in corpus\/no-such-project/);
    assertStayedHome(v);
    await v.page.close();
  });

  test('an absolute URL is refused without any request to it', async () => {
    const v = await visit('?artifacts=' + encodeURIComponent('https://example.com/target'), 'load-error');
    assert.match(await v.found.textContent(), /refused: it is an absolute URL/);
    assert.ok(!v.requests.some((u) => new URL(u).hostname === 'example.com'));
    assertStayedHome(v);
    await v.page.close();
  });

  test('a truncated manifest shows the core error naming the file', async () => {
    const { page, requests, errors } = await openPage(shared.browser.context);
    await page.goto(`${shared.server.origin}/`);
    await page.getByTestId('project-summary').or(page.getByTestId('landing')).waitFor({ timeout: TIMEOUT });
    await page.locator('#artifact-files').setInputFiles({
      name: 'manifest.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"'),
    });
    const err = page.getByTestId('load-error');
    await err.waitFor({ timeout: TIMEOUT });
    assert.match(await err.textContent(), /manifest\.json: .*truncated/);
    assertStayedHome({ requests, errors });
    await page.close();
  });

  test('picked files load, replacing what was shown', async () => {
    const v = await visit('?artifacts=corpus/no-such-project', 'load-error');
    const dir = path.join(CORPUS, JAFFLE);
    await v.page.locator('#artifact-files').setInputFiles(
      ['manifest.json.gz', 'catalog.json.gz', 'run_results.json.gz'].map((f) => path.join(dir, f)),
    );
    await v.page.getByTestId('project-summary').waitFor({ timeout: TIMEOUT });
    assert.equal(await v.page.getByTestId('project-name').textContent(), 'jaffle_shop');
    assert.equal(await v.page.getByTestId('load-error').count(), 0);
    assertStayedHome(v);
    await v.page.close();
  });

  test('dropped files load', async () => {
    const { page, requests, errors } = await openPage(shared.browser.context);
    await page.goto(`${shared.server.origin}/?artifacts=corpus/no-such-project`);
    await page.getByTestId('load-error').waitFor({ timeout: TIMEOUT });
    const bytes = [...fs.readFileSync(path.join(CORPUS, JAFFLE, 'manifest.json.gz'))];
    const dataTransfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'manifest.json.gz'));
      return dt;
    }, bytes);
    await page.locator('.page').dispatchEvent('drop', { dataTransfer });
    await page.getByTestId('project-summary').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.getByTestId('count-model').locator('td').textContent(), '13');
    assertStayedHome({ requests, errors });
    await page.close();
  });

  test('deployed in a folder inside target/, it loads ../manifest.json', async () => {
    const v = await visit('deployed/app/', 'project-summary');
    assert.equal(await v.page.getByTestId('project-name').textContent(), 'jaffle_shop');
    assert.match(await v.page.locator('.source').textContent(), /downloaded from \.\.\//);
    assert.ok(v.requests.includes(`${shared.server.origin}/deployed/app/manifest.json`), './manifest.json is tried first');
    assert.ok(v.requests.includes(`${shared.server.origin}/deployed/manifest.json.gz`));
    assertStayedHome(v);
    await v.page.close();
  });

  test('a slow download shows a real progress bar', async () => {
    const { page, requests, errors } = await openPage(shared.browser.context);
    await page.goto(`${shared.server.origin}/?artifacts=slow`);
    const bar = page.locator('[data-testid="load-progress"] progress[value]');
    await bar.waitFor({ timeout: TIMEOUT });
    const size = fs.statSync(path.join(CORPUS, JAFFLE, 'manifest.json.gz')).size;
    assert.equal(await bar.getAttribute('max'), String(size));
    assert.match(await page.getByTestId('load-progress').textContent(), /Downloading slow\/manifest\.json\.gz/);
    await page.getByTestId('project-summary').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.getByTestId('project-name').textContent(), 'jaffle_shop');
    assertStayedHome({ requests, errors });
    await page.close();
  });
});

describe('no parameters', () => {
  test('shows the embedded demo (or the landing page until the demo exists)', async () => {
    const demo = fs.existsSync(DEMO_MANIFEST);
    const v = await visit('', demo ? 'project-summary' : 'landing');
    if (demo) {
      const manifest = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
      assert.equal(await v.page.getByTestId('project-name').textContent(), manifest.metadata.project_name);
      const models = Object.values(manifest.nodes).filter((n) => n.resource_type === 'model').length;
      assert.equal(await v.page.getByTestId('count-model').locator('td').textContent(), String(models));
      assert.match(await v.page.locator('.source').textContent(), /built-in demo/);
    } else {
      console.error('!!! examples/clinic/target/manifest.json is absent: checked the landing page instead of the demo !!!');
    }
    // ./manifest.json and ../manifest.json were tried first (both resolve to /manifest.json here).
    assert.ok(v.requests.includes(`${shared.server.origin}/manifest.json`));
    assertStayedHome(v);
    await v.page.close();
  });

  test('the demo\'s column lineage is resolved after the first paint, as phi-lens columns resolves it', { skip: !fs.existsSync(DEMO_MANIFEST) && 'no demo' }, async () => {
    const v = await visit('', 'project-summary');
    const line = v.page.locator('[data-testid="column-lineage"][data-state="ready"]');
    await line.waitFor({ state: 'visible', timeout: TIMEOUT });
    const manifest = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
    const compiled = Object.values(manifest.nodes).filter((n) => n.resource_type === 'model' && n.compiled_code).length;
    assert.match(await line.textContent(), new RegExp(`Column lineage: ${compiled} of ${compiled} models resolved`));
    // The evidence export waited for it and is enabled now.
    assert.equal(await v.page.getByTestId('export-evidence').isEnabled(), true);
    assertStayedHome(v);
    await v.page.close();
  });
});
