// The first screen answers "is it safe, and what first" (issue 21): the grade and why, the
// riskiest root causes as cards with the fix to copy, three inline-SVG charts with their text
// and keyboard focus, the top bar on one line at 1280 px, and axe-core finding nothing; the
// findings page groups by root cause by default, with the rule and node views one click away.
// On the demo and on the corpus's Tuva set.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { CORPUS, DEMO_MANIFEST, axeViolations, followHash, offOrigin, openApp, session } from './harness.mjs';

const TIMEOUT = 60_000;
const TUVA = 'tuva-health_tuva-1.12.0';
const HAVE_TUVA = fs.existsSync(path.join(CORPUS, TUVA, 'manifest.json.gz'));
if (!HAVE_TUVA) console.error(`\n!!! SKIPPING the first screen on ${TUVA}: not in ${CORPUS} !!!\n`);

const shared = session();

async function firstScreen(query) {
  const { page, requests } = await openApp(shared.browser.context, shared.server.origin, query, TIMEOUT);

  // Is it safe: the grade, and why.
  assert.match(await page.getByTestId('project-grade').textContent(), /[ABCDF]/);
  assert.ok((await page.getByTestId('grade-reason').textContent()).length > 20, 'the grade says why');

  // What first: root-cause cards, each with its scope, count, risk and fix.
  const cards = page.getByTestId('root-cause-card');
  const n = await cards.count();
  assert.ok(n >= 1 && n <= 6, `root-cause cards: ${n}`);
  for (const card of await cards.all()) {
    const text = await card.textContent();
    assert.match(text, /(project|package|folder|source|node) /, text);
    assert.match(text, /\d+ finding/, text);
    assert.match(text, /low|medium|high|critical/, text);
  }

  // Three charts drawn inline, each with its words and reachable by keyboard.
  for (const id of ['chart-family-severity', 'chart-score-distribution']) {
    const figure = page.getByTestId(id);
    assert.equal(await figure.getAttribute('tabindex'), '0', `${id} takes the focus`);
    assert.equal(await figure.locator('svg[role="img"]').count(), 1, `${id} is one inline SVG`);
    assert.ok((await figure.locator('.chart-text').textContent()).length > 10, `${id} has a text alternative`);
    await figure.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), id);
  }
  const inventory = page.getByTestId('phi-inventory');
  assert.ok((await inventory.locator('svg.bar').count()) >= 18, 'the PHI inventory draws a bar per identifier');
  assert.ok((await inventory.locator('th[scope="row"]').count()) >= 18, 'in a table of words');

  // The top bar fits the 1280 px window.
  const bar = await page.locator('.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(bar.scroll <= bar.client, `top bar ${bar.scroll} px in ${bar.client} px`);
  // One line: every item of the bar starts above the bottom of every other.
  const boxes = await page.locator('.topbar > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  const oneLine = Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  assert.ok(oneLine, `the top bar is one line at 1280 px: ${JSON.stringify(boxes.map((b) => [b.left, b.top]))}`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 1280, 'the page does not scroll sideways');

  assert.deepEqual(await axeViolations(page), [], 'axe-core finds nothing on the overview');

  // The findings: by root cause by default, the rule and node views one click away.
  await followHash(page, '#/findings', 'cause-group', TIMEOUT);
  assert.ok((await page.getByTestId('cause-group').count()) >= 1);
  await page.getByTestId('group-by-rule').click();
  await page.getByTestId('rule-group').first().waitFor({ timeout: TIMEOUT });
  await page.getByTestId('group-by-node').click();
  await page.getByTestId('node-group').first().waitFor({ timeout: TIMEOUT });
  await page.getByTestId('group-by-cause').click();
  await page.getByTestId('cause-group').first().waitFor({ timeout: TIMEOUT });
  assert.deepEqual(await axeViolations(page), [], 'axe-core finds nothing on the findings by root cause');

  assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'no request leaves the origin');
  await page.close();
}

describe('the first screen: is it safe, and what first', () => {
  test('on the demo', { skip: !fs.existsSync(DEMO_MANIFEST) && 'the demo is absent' }, async () => {
    await firstScreen('');
  });

  test(`on ${TUVA}`, { skip: !HAVE_TUVA && 'the corpus is absent' }, async () => {
    await firstScreen(`?artifacts=corpus/${TUVA}`);
  });
});
