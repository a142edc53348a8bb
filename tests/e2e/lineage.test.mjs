// End-to-end tests of the lineage graph (issue 6) on the built app (dist/) with the embedded
// clinic demo: the graph of an exposure is drawn with its upstream resources, boxes open their
// page by click and by keyboard, zoom and pan move the view, and nothing leaves the origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';

import { DEMO_MANIFEST, offOrigin, openPage, session, unexpectedErrors } from './harness.mjs';

const EXPOSURE = 'exposure.clinic.cmo_quality_dashboard';
const TIMEOUT = 30_000;

const HAVE_DEMO = fs.existsSync(DEMO_MANIFEST);

const shared = session();

/** Opens a hash route on the demo and waits for the lineage graph. */
async function openGraph(hash) {
  const opened = await openPage(shared.browser.context);
  await opened.page.goto(`${shared.server.origin}/${hash}`);
  const graph = opened.page.getByTestId('lineage-graph');
  await graph.waitFor({ state: 'visible', timeout: TIMEOUT });
  return { ...opened, graph };
}

function assertStayedHome({ requests, errors }) {
  assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'every request stays on the page origin');
  assert.deepEqual(unexpectedErrors(errors), [], 'no console error (CSP violations included)');
}

describe('lineage graph', { skip: !HAVE_DEMO && 'the demo artifacts are absent' }, () => {
  test('an exposure shows its upstream, sources at the left, and a click opens a node', async () => {
    const v = await openGraph(`#/exposure/${EXPOSURE}`);
    const { page, graph } = v;
    const nodes = graph.getByTestId('lineage-node');
    assert.ok((await nodes.count()) > 3, 'several resources are drawn');
    const exposure = graph.locator(`[data-testid="lineage-node"][data-unique-id="${EXPOSURE}"]`);
    assert.equal(await exposure.count(), 1, 'the exposure is drawn');
    // Left to right: every source is left of the exposure.
    const xOf = async (locator) => (await locator.boundingBox()).x;
    const exposureX = await xOf(exposure);
    const sources = graph.locator('[data-testid="lineage-node"][data-unique-id^="source."]');
    assert.ok((await sources.count()) > 0, 'sources are drawn');
    for (let i = 0; i < (await sources.count()); i++) {
      assert.ok((await xOf(sources.nth(i))) < exposureX, 'sources sit left of the exposure');
    }
    // Words, not only colour: each box says its PHI status; PHI edges are marked.
    assert.match(await exposure.textContent(), /PHI reaches|no PHI/);
    // Its name starts with what it shows (label in name), then says the score in words.
    assert.match(await exposure.getAttribute('aria-label'), /^CMO Quality Dashboard exposure · \d+ [A-F] · (PHI reaches|no PHI); score \d+ of 100, grade [A-F], the resource this graph is about$/);
    assert.ok((await graph.locator('path.lg-edge-phi').count()) > 0, 'edges carrying PHI are highlighted');
    assert.equal(await graph.locator('[style]').count(), 0, 'no inline style (CSP)');

    // A model the exposure reads: beside it, so in the first view of a wide graph.
    const id = await graph.locator(`path.lg-edge[data-to="${EXPOSURE}"][data-from^="model."]`).first().getAttribute('data-from');
    await graph.locator(`[data-testid="lineage-node"][data-unique-id="${id}"]`).click();
    await page.waitForFunction((want) => decodeURIComponent(location.hash) === want, `#/node/${id}`, {
      timeout: TIMEOUT,
    });
    assertStayedHome(v);
    await page.close();
  });

  test('keyboard: Enter opens a box, arrow keys pan, + zooms', async () => {
    const v = await openGraph(`#/lineage/${EXPOSURE}`);
    const { page, graph } = v;
    const before = await graph.getAttribute('viewBox');
    await graph.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('+');
    assert.notEqual(await graph.getAttribute('viewBox'), before, 'the view moved');
    await page.getByRole('button', { name: 'Zoom out' }).click();
    const source = graph.locator('[data-testid="lineage-node"][data-unique-id^="source."]').first();
    const id = await source.getAttribute('data-unique-id');
    assert.equal(await source.getAttribute('tabindex'), '0');
    await source.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => decodeURIComponent(location.hash) === want, `#/node/${id}`, {
      timeout: TIMEOUT,
    });
    assertStayedHome(v);
    await page.close();
  });
});
