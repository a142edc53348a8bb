// Every artifact set of the corpus (manifest schemas v1 to v12 and a dbt Fusion beta, many
// adapters, the 72 MB spellbook) loaded in the browser with ?artifacts=, gzip files read in
// place: the overview shows a score, and the project summary agrees with the reference counts
// that ../shared/corpus/tools/index.py computed independently (index.json), as the command
// line's does (crates/phi-lens-cli/tests/corpus_summary.rs). Nothing leaves the origin, and
// the console stays clean.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { CORPUS, offOrigin, openApp, session, unexpectedErrors } from './harness.mjs';

const INDEX = path.join(CORPUS, 'index.json');
const SETS = fs.existsSync(INDEX) ? JSON.parse(fs.readFileSync(INDEX, 'utf8')) : [];
if (!SETS.length) console.error(`\n!!! SKIPPING the corpus tests in the browser: ${INDEX} is absent !!!\n`);
// Facts of the index that the summary does not show (as in corpus_summary.rs).
const INDEX_ONLY = new Set(['macro', 'group', 'test_generic', 'test_singular']);
const TIMEOUT = 120_000;

const shared = session();

/** The `<testid-prefix><key>` rows of the summary as { key: number }. */
async function rows(page, prefix) {
  return page.locator(`tr[data-testid^="${prefix}"]`).evaluateAll(
    (trs, p) => Object.fromEntries(trs.map((tr) => [tr.dataset.testid.slice(p.length), Number(tr.querySelector('td').textContent)])),
    prefix,
  );
}

describe('every corpus set in the browser', { skip: !SETS.length && 'the corpus is absent' }, () => {
  for (const reference of SETS) {
    test(reference.set, async () => {
      const opened = await openApp(shared.browser.context, shared.server.origin, `?artifacts=corpus/${reference.set}`, TIMEOUT);
      const { page, requests, errors } = opened;
      assert.match(await page.getByTestId('project-score').textContent(), /^\d{1,3}(\.\d)?$/);
      assert.equal(await page.getByTestId('project-name').textContent(), reference.project_name);
      assert.equal(await page.getByTestId('dbt-version').textContent(), reference.dbt_version ?? 'unknown');
      // Every type the index counts is shown with its count; the others shown are zero.
      const counts = await rows(page, 'count-');
      for (const [kind, n] of Object.entries(reference.counts)) {
        if (!INDEX_ONLY.has(kind)) assert.equal(counts[kind] ?? 0, n, `count of ${kind}`);
      }
      for (const [kind, n] of Object.entries(counts)) assert.equal(n, reference.counts[kind] ?? 0, `count of ${kind}`);
      assert.ok(Object.values(counts).some((n) => n > 0), 'some resources');
      assert.equal(Number(await page.getByTestId('columns-documented').textContent()), reference.columns.documented);
      assert.equal(Number(await page.getByTestId('columns-warehouse-only').textContent()), reference.columns.warehouse_only);
      assert.deepEqual(await rows(page, 'test-status-'), Object.keys(reference.test_status).length ? reference.test_status : {});
      assert.deepEqual(offOrigin(requests, shared.server.origin), [], 'every request stays on the origin');
      assert.deepEqual(unexpectedErrors(errors), [], 'no console error');
      await page.close();
    });
  }
});
