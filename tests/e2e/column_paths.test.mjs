// A column's path in the app (issue 19, point 6): on the demo, once the column lineage is
// resolved after the first paint, the risk model's mart opens the path of its birth_date back
// to the EHR's raw column, each edge with its transform word as text and links to the nodes;
// the risk model's exposure page lists the column with its Safe Harbor category and path; the
// node page with a path open passes axe-core. The demo's planted gap: a "population health"
// mart that still copies the full birth date (as `phi-lens columns examples/clinic/target
// --select model.clinic.mart_population_health.birth_date` shows).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { DEMO_MANIFEST, axeViolations, followHash, offOrigin, openApp, session, unexpectedErrors } from './harness.mjs';

const TIMEOUT = 60_000;
const MART = 'model.clinic.mart_population_health';
const EXPOSURE = 'exposure.clinic.population_health_risk_model';
const shared = session();

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();

describe('column paths on the demo', { skip: !fs.existsSync(DEMO_MANIFEST) && 'the demo is absent' }, () => {
  test('a mart column walks back to the raw EHR column; the exposure lists its PHI columns', async () => {
    const { page, requests, errors } = await openApp(shared.browser.context, shared.server.origin, '', TIMEOUT);
    await page.locator('[data-testid="column-lineage"][data-state="ready"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    // Every demo model is resolved: nothing to list under the line.
    assert.equal(await page.getByTestId('column-unresolved').count(), 0);

    await followHash(page, `#/node/${MART}`, 'node-page', TIMEOUT);
    assert.equal(await page.getByTestId('column-path-note').count(), 0, 'a resolved model needs no note');
    const row = page.getByTestId('column-row').filter({ has: page.locator('th code', { hasText: /^birth_date$/ }) });
    assert.equal(await row.count(), 1);
    const toggle = row.getByRole('button', { name: 'Path of birth_date' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId('column-path').count(), 0, 'closed until asked');
    // Keyboard-operable: focus and Enter.
    await toggle.focus();
    await page.keyboard.press('Enter');
    const path = page.getByTestId('column-path');
    await path.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await toggle.getAttribute('aria-controls'), await path.getAttribute('id'));

    // Upstream, nearest first, to the raw column; each edge with its transform word.
    const up = path.locator('ol.column-steps').first().getByTestId('path-step');
    const steps = [];
    for (let i = 0; i < (await up.count()); i += 1) steps.push(await text(up.nth(i)));
    assert.equal(steps.length, 3, steps.join('\n'));
    assert.match(steps[0], new RegExp(`^model\\.clinic\\.int_patient_demographics\\.birth_date → ${MART.replaceAll('.', '\\.')}\\.birth_date copy$`));
    assert.match(steps[1], /^model\.clinic\.stg_ehr__patients\.birth_date → model\.clinic\.int_patient_demographics\.birth_date copy \(2 edges away\)$/);
    assert.match(steps[2], /^source\.clinic\.ehr\.patients\.birth_date → model\.clinic\.stg_ehr__patients\.birth_date copy \(3 edges away\)$/);
    // The nodes on the path are links to their pages.
    assert.equal(await up.nth(2).locator('a').first().getAttribute('href'), '#/node/source.clinic.ehr.patients');
    // Downstream it reaches the risk model's exposure.
    assert.ok(await path.locator(`a[href="#/exposure/${EXPOSURE}"]`).count() >= 1, 'the exposure it reaches');

    assert.deepEqual(await axeViolations(page), [], 'axe-core finds nothing on the node page with a path open');

    // Closing it again.
    await toggle.click();
    await path.waitFor({ state: 'detached', timeout: TIMEOUT });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

    // The exposure page lists the columns carrying an identifier into it.
    await followHash(page, `#/exposure/${EXPOSURE}`, 'exposure-phi-columns', TIMEOUT);
    const columns = page.getByTestId('exposure-phi-column');
    assert.equal(await columns.count(), 1);
    const only = columns.first();
    assert.equal(await text(only.locator('th')), `${MART}.birth_date`);
    assert.match(await text(only.getByTestId('safe-harbor')), /^dates related to an individual, ages over 89 \(Safe Harbor C\)$/);
    const hops = only.locator('ol.column-steps li');
    assert.equal(await hops.count(), 4);
    assert.equal(await text(hops.first()), 'source.clinic.ehr.patients.birth_date origin');
    assert.equal(await text(hops.last()), `${MART}.birth_date copy`);

    assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'no request leaves the origin');
    assert.deepEqual(unexpectedErrors(errors), [], 'no console error');
    await page.close();
  });

  test('hostile SQL: the model is listed unresolved with its reason, on the overview and its page', async () => {
    const { page, requests, errors } = await openApp(shared.browser.context, shared.server.origin, '', TIMEOUT);
    const manifest = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
    const deep = manifest.nodes[MART];
    deep.compiled_code = `select ${'('.repeat(10_000)}1${')'.repeat(10_000)} as birth_date`;
    await page.locator('#artifact-files').setInputFiles([
      { name: 'manifest.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(manifest)) },
      { name: 'catalog.json', mimeType: 'application/json', buffer: fs.readFileSync(path.join(path.dirname(DEMO_MANIFEST), 'catalog.json')) },
    ]);
    // The files' project replaces the demo (same name): wait for it, then for its lineage.
    await page.locator('.source', { hasText: 'files you chose' }).waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid="column-lineage"][data-state="ready"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    const unresolved = page.getByTestId('column-unresolved');
    await unresolved.locator('summary').click();
    const item = unresolved.locator('li', { hasText: MART });
    assert.equal(await item.count(), 1);
    const reason = (await text(item)).slice(`${MART}: `.length);
    assert.ok(reason.length > 5, `a reason: ${reason}`);

    await followHash(page, `#/node/${MART}`, 'column-path-note', TIMEOUT);
    const note = await text(page.getByTestId('column-path-note'));
    assert.ok(note.includes('not resolved at column level') && note.includes(reason), note);
    assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'no request leaves the origin');
    assert.deepEqual(unexpectedErrors(errors), [], 'no console error');
    await page.close();
  });
});
