// Accessibility of every view (issue 6: keyboard navigable, labelled for screen readers,
// colour never the only signal), checked by axe-core (npm, run inside the page) against WCAG
// 2.1 A and AA on the demo and on a corpus project, in the light and the dark colour scheme.
// axe cannot judge everything (the keyboard walk is in views.test.mjs and lineage.test.mjs):
// what it can, it must find nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, test } from 'node:test';

import { CORPUS, DEMO_MANIFEST, axeViolations, followHash, openApp, openPage, projectViews, session } from './harness.mjs';

const TIMEOUT = 60_000;
const HAVE_DEMO = fs.existsSync(DEMO_MANIFEST);
const PROJECT = 'tuva-health_tuva_demo-1.12.0';
const HAVE_PROJECT = fs.existsSync(path.join(CORPUS, PROJECT, 'manifest.json.gz'));

if (!HAVE_PROJECT) console.error(`\n!!! SKIPPING the accessibility test on ${PROJECT}: not in ${CORPUS} !!!\n`);

const shared = session();

async function check(query, manifest) {
  for (const scheme of ['light', 'dark']) {
    const { page } = await openApp(shared.browser.context, shared.server.origin, query, TIMEOUT);
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    for (const [hash, testid] of projectViews(manifest)) {
      await followHash(page, hash, testid, TIMEOUT);
      found.push(...(await axeViolations(page)).map((v) => `${scheme} ${hash}: ${v}`));
    }
    await page.close();
    assert.deepEqual(found, [], 'no WCAG 2.1 A/AA violation that axe-core can detect');
  }
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  test('every view of the demo', { skip: !HAVE_DEMO && 'the demo is absent' }, async () => {
    await check('', JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8')));
  });

  test('the load error', async () => {
    const { page } = await openPage(shared.browser.context);
    await page.goto(`${shared.server.origin}/?artifacts=corpus/no-such-project`);
    await page.getByTestId('load-error').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.deepEqual(await axeViolations(page), [], 'no WCAG 2.1 A/AA violation that axe-core can detect');
    await page.close();
  });

  test(`every view of ${PROJECT}`, { skip: !HAVE_PROJECT && 'the corpus is absent' }, async () => {
    const manifest = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, PROJECT, 'manifest.json.gz'))));
    await check(`?artifacts=corpus/${PROJECT}`, manifest);
  });
});
