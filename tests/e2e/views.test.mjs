// End-to-end tests of the auditor's views (issue 6) on the built app (dist/): every hash route
// on the embedded demo and on a corpus project loaded with ?artifacts=, search and filters
// reflected in the hash, PHI badges with words, findings with their rule and severity,
// keyboard navigation — and no request ever leaves the page's origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, test } from 'node:test';

import { CORPUS, DEMO_MANIFEST, followHash, offOrigin, openApp, openPage, projectViews, session, unexpectedErrors } from './harness.mjs';

const TIMEOUT = 30_000;
const HAVE_DEMO = fs.existsSync(DEMO_MANIFEST);
// Corpus projects with healthcare models (PHI), first found wins.
const CORPUS_PROJECTS = ['tuva-health_tuva_demo-1.12.0', 'bennettpotluri_medical_analytics-1.9.0'];
const PROJECT = CORPUS_PROJECTS.find((p) => fs.existsSync(path.join(CORPUS, p, 'manifest.json.gz')));

if (!PROJECT) {
  console.error(`\n!!! SKIPPING the corpus view tests: none of ${CORPUS_PROJECTS.join(', ')} in ${CORPUS} !!!\n`);
}
if (!HAVE_DEMO) {
  console.error('\n!!! SKIPPING the demo view tests: examples/clinic/target/manifest.json is absent !!!\n');
}

const shared = session();

/** Opens the app with `query` (e.g. `?artifacts=…`) and waits for the overview. */
const open = (query = '') => openApp(shared.browser.context, shared.server.origin, query, TIMEOUT);

/** Follows a hash route in the same document (as a pasted link or a nav link would). */
const go = (page, hash, testid) => followHash(page, hash, testid, TIMEOUT);

function assertStayedHome({ requests, errors }) {
  assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'every request stays on the page origin');
  assert.deepEqual(unexpectedErrors(errors), [], 'no console error (CSP violations included)');
}

/** Walks every view of the loaded project; `node` is a unique_id with PHI columns. */
async function walk(opened) {
  const { page } = opened;

  // Overview: the score is a number, with a grade; the summary is still there.
  const score = await page.getByTestId('project-score').textContent();
  assert.match(score, /^\d{1,3}(\.\d)?$/, `project score ${score}`);
  assert.match(await page.getByTestId('project-grade').textContent(), /[ABCDF]/);
  await page.getByTestId('project-summary').waitFor({ state: 'visible' });
  await page.getByTestId('phi-inventory').waitFor({ state: 'visible' });
  assert.equal(await page.locator('[data-testid^="category-"]').count() >= 18, true, 'all 18 Safe Harbor rows');
  assert.match(await page.getByTestId('inputs').textContent(), /manifest\.json[\s\S]*[0-9a-f]{64}/, 'inputs with SHA-256');
  assert.match(await page.getByTestId('policy-hash').textContent(), /^sha256:[0-9a-f]{64}$/);

  // Models: rows, and a search that narrows them, reflected in the hash.
  await go(page, '#/nodes', 'node-row');
  const count = async () => Number((await page.getByTestId('node-count').textContent()).split(' ')[0]);
  const all = await count();
  assert.ok(all > 0);
  assert.ok((await page.getByTestId('node-row').count()) > 0);
  // Pick a PHI node to search for and to open.
  await page.locator('#filter-phi').selectOption('phi');
  await page.waitForFunction(() => location.hash.includes('phi=phi'));
  const phiRow = page.locator('[data-testid="node-row"]:not([data-unique-id^="exposure."]):has([data-testid="phi-badge"])').first();
  await phiRow.waitFor({ timeout: TIMEOUT });
  const uid = await phiRow.getAttribute('data-unique-id');
  const name = await phiRow.locator('td.name a').textContent();
  assert.ok((await count()) < all || all === 1, 'the PHI filter narrows the list');
  await page.locator('#filter-phi').selectOption('');
  await page.getByTestId('node-search').fill(uid);
  await page.waitForFunction((id) => location.hash.includes(`q=${encodeURIComponent(id)}`), uid);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=node-count]').textContent.split(' ')[0]) < n, all);
  const found = await count();
  assert.ok(found >= 1 && found < all, `search ${uid}: ${found} of ${all}`);
  assert.equal(await page.locator(`[data-testid="node-row"][data-unique-id="${uid}"]`).count(), 1);
  // The filtered list is a link: opening it fresh shows the same rows.
  const href = await page.evaluate(() => location.href);
  const again = await openPage(shared.browser.context);
  await again.page.goto(href);
  await again.page.getByTestId('node-row').first().waitFor({ timeout: TIMEOUT });
  assert.equal(await again.page.getByTestId('node-search').inputValue(), uid);
  assert.equal(await again.page.getByTestId('node-count').textContent(), await page.getByTestId('node-count').textContent());
  assertStayedHome(again);
  await again.page.close();

  // Node: PHI badges in the columns table carry words and letters.
  await page.locator(`[data-testid="node-row"][data-unique-id="${uid}"] td.name a`).click();
  await page.getByTestId('node-page').waitFor({ timeout: TIMEOUT });
  const heading = await page.locator('main h1').evaluate((h) => h.firstChild.textContent);
  assert.ok(name === heading || name.endsWith(`.${heading}`), `${name} opens ${heading}`);
  const badges = page.getByTestId('columns').getByTestId('phi-badge');
  assert.ok((await badges.count()) > 0, 'PHI badges in the columns table');
  for (const badge of await badges.all()) {
    const status = await badge.getAttribute('data-phi-status');
    assert.match(status, /^(declared|detected|inherited|deidentified|none)$/);
    const text = (await badge.textContent()).trim();
    assert.ok(text.length > 'PHI status: '.length, `badge has words: ${text}`);
    const letter = await badge.getAttribute('data-phi-category');
    if (letter) assert.ok(text.includes(letter), `badge ${text} shows its letter ${letter}`);
  }
  const docs = await page.getByTestId('docs-link').getAttribute('href');
  assert.ok(docs.endsWith(`#!/${uid.split('.')[0]}/${uid}`), docs);

  // Findings: each has its rule and severity.
  await go(page, '#/findings', 'finding-count');
  const findings = page.getByTestId('finding');
  if ((await findings.count()) > 0) {
    const first = findings.first();
    assert.match(await first.getAttribute('data-rule'), /^[A-Z]{3}\d{3}$/);
    assert.match(await first.getAttribute('data-severity'), /^(low|medium|high|critical)$/);
    // A severity filter keeps only that severity.
    const severity = await first.getAttribute('data-severity');
    await page.locator('#finding-filter-severity').selectOption(severity);
    await page.waitForFunction((s) => location.hash.includes(`severity=${s}`), severity);
    const severities = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.dataset.severity));
    assert.ok(severities.length > 0 && severities.every((s) => s === severity), severities.join());
  }
  return { uid };
}

/**
 * WCAG 1.4.10 (reflow): at 200 % zoom a 1280 px window is 640 CSS px wide. On every view of
 * the loaded project (`manifest` its parsed manifest) the page itself never scrolls sideways
 * (a wide table may, inside its own scrolling box) and the navigation fits the width.
 */
async function assertReflows({ page }, manifest) {
  await page.setViewportSize({ width: 640, height: 450 });
  for (const [hash, testid] of projectViews(manifest)) {
    await go(page, hash, testid);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${hash}: the page scrolls sideways at 640 px (${overflow} px too wide)`);
    // Whatever is wider than the window is inside a box of its own that scrolls (or clips).
    const loose = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('main *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= document.documentElement.clientWidth + 1) continue;
        let box = el.parentElement;
        while (box && box !== document.body && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) {
          box = box.parentElement;
        }
        if (!box || box === document.body) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
      }
      return [...new Set(out)].slice(0, 5);
    });
    assert.deepEqual(loose, [], `${hash}: wider than the window at 640 px`);
    for (const link of await page.locator('nav a').all()) {
      const box = await link.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 640, `${hash}: nav link ${await link.textContent()} fits the width`);
    }
  }
}

describe('views on the demo', { skip: !HAVE_DEMO && 'the demo is absent' }, () => {
  test('every view renders, links are pasteable, nothing leaves the origin', async () => {
    const opened = await open();
    const { page } = opened;
    await page.getByTestId('demo-banner').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('demo-banner').textContent(), /Demo project/);
    await walk(opened);

    // Findings of the demo: its planted gaps, each tagged with its rule.
    await go(page, '#/findings', 'finding');
    const rules = await page.getByTestId('finding').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.rule))]);
    assert.ok(rules.length >= 5, `rules: ${rules}`);

    // Exposure: facts, score, PHI reach, links to what it reads.
    const manifest = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
    const exposure = Object.keys(manifest.exposures)[0];
    await go(page, `#/exposure/${exposure}`, 'exposure-page');
    assert.match(await page.getByTestId('exposure-facts').textContent(), /Owner[\s\S]*Type[\s\S]*Maturity[\s\S]*URL/);
    assert.match(await page.getByTestId('exposure-score').textContent(), /\d+ [ABCDF]/);
    assert.match(await page.getByTestId('phi-reaches').textContent(), /PHI reaches|No PHI reaches/);
    assert.ok((await page.getByTestId('lineage').locator('a[href^="#/node/"]').count()) > 0);

    // Lineage route and an unknown route.
    await go(page, `#/lineage/${exposure}`, 'lineage-page');
    await go(page, '#/no-such-view', 'not-found');
    assertStayedHome(opened);
    await page.close();
  });

  test('keyboard: Tab reaches the skip link, then the navigation links', async () => {
    const opened = await open();
    const { page } = opened;
    const focused = async () => page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      nav: !!document.activeElement?.closest('nav'),
      href: document.activeElement?.getAttribute('href'),
    }));
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Skip to content');
    const seen = [];
    for (let i = 0; i < 8 && seen.length < 4; i += 1) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f.nav) seen.push(f.text);
    }
    assert.deepEqual(seen, ['Overview', 'Models', 'Findings', 'Exposures']);
    // Enter on "Models" opens the list and moves the focus to its heading.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused()).text, 'Models');
    await page.keyboard.press('Enter');
    await page.getByTestId('node-row').first().waitFor({ timeout: TIMEOUT });
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.evaluate(() => location.hash), '#/nodes');
    // The nav link of the current view says so.
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Models');
    assertStayedHome(opened);
    await page.close();
  });

  test('every view reads at 200 % zoom: no sideways scrolling of the page, the navigation fits', async () => {
    const opened = await open();
    await assertReflows(opened, JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8')));
    assertStayedHome(opened);
    await opened.page.close();
  });

  test('the models list is virtualised and sorts with aria-sort', async () => {
    const opened = await open();
    const { page } = opened;
    await go(page, '#/nodes?sort=-score', 'node-row');
    const header = page.locator('th[aria-sort="descending"]');
    assert.match(await header.textContent(), /Score/);
    await page.locator('th.name button').click();
    await page.waitForFunction(() => location.hash.includes('sort=name'));
    assert.equal(await page.locator('th.name').getAttribute('aria-sort'), 'ascending');
    // Rows carry their position for assistive technology; only a window is rendered.
    const total = Number((await page.getByTestId('node-count').textContent()).split(' ')[0]);
    const rendered = await page.getByTestId('node-row').count();
    assert.ok(rendered <= total && rendered > 0);
    assert.equal(await page.locator('table.list').getAttribute('aria-rowcount'), String(total + 1));
    assertStayedHome(opened);
    await page.close();
  });
});

describe('views on a corpus project', { skip: !PROJECT && 'no healthcare project in the corpus' }, () => {
  test(`every view renders for ${PROJECT}`, async () => {
    const opened = await open(`?artifacts=corpus/${PROJECT}`);
    assert.equal(await opened.page.getByTestId('demo-banner').count(), 0, 'no demo banner for real artifacts');
    await walk(opened);
    assertStayedHome(opened);
    await opened.page.close();
  });

  test(`printing the models list and the findings of ${PROJECT} prints every row and finding, without the controls`, async () => {
    const opened = await open(`?artifacts=corpus/${PROJECT}`);
    const { page } = opened;
    await go(page, '#/nodes', 'node-row');
    const total = Number((await page.getByTestId('node-count').textContent()).split(' ')[0]);
    const rendered = () => page.getByTestId('node-row').count();
    assert.ok((await rendered()) < total, 'on screen, only a window of the rows is in the page');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=node-row]').length === n, total, { timeout: TIMEOUT });
    assert.equal(await page.locator('svg.vspacer[height]:not([height="0"])').count(), 0, 'no blank space for unrendered rows');
    for (const hidden of ['nav', '.filters', '[data-testid=export-evidence]']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=node-row]').length < n, total, { timeout: TIMEOUT });

    // The findings: on screen a rule shows its first findings and a "Show all" button; on
    // paper, every finding.
    await go(page, '#/findings', 'finding-count');
    const shown = Number((await page.getByTestId('finding-count').textContent()).split(' ')[0]);
    assert.ok((await page.locator('button.more').count()) > 0, 'a rule with more findings than it lists on screen');
    assert.ok((await page.getByTestId('finding').count()) < shown);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=finding]').length === n, shown, { timeout: TIMEOUT });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assertStayedHome(opened);
    await page.close();
  });

  test(`every view of ${PROJECT} reads at 200 % zoom`, async () => {
    const opened = await open(`?artifacts=corpus/${PROJECT}`);
    const manifest = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, PROJECT, 'manifest.json.gz'))));
    await assertReflows(opened, manifest);
    assertStayedHome(opened);
    await opened.page.close();
  });
});
