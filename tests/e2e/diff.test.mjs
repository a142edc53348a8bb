// "Compare with" end-to-end (issue 20, point 5): the app shows the demo (the head) compared
// with an edited copy of it (the base), written at test time into a temp folder — a PHI
// column's declaration removed, a clinical test added, a model's description emptied — loaded
// by `?base=` (its manifest gzipped: the same sniffing as `?artifacts=`) and by picking the
// files. The diff page, the overview, the node and exposure pages show exactly what
// `phi-lens diff --format json BASE HEAD` reports (and the edits are what it reports); the
// evidence export carries diff.json and diff.md byte for byte the CLI's; `?base=` equal to the
// head shows "no changes"; a refused `?base=` says why and the project stays; axe-core finds
// nothing on the diff page; no request leaves the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { DEMO_MANIFEST, axeViolations, followHash, launchBrowser, offOrigin, openApp, runCli, startServer, unexpectedErrors } from './harness.mjs';

const TIMEOUT = 60_000;
const DEMO = path.dirname(DEMO_MANIFEST);
const HAVE_DEMO = fs.existsSync(DEMO_MANIFEST);
if (!HAVE_DEMO) console.error(`\n!!! SKIPPING the compare tests: ${DEMO_MANIFEST} is absent !!!\n`);

// The edits, each a change a pull request could make, seen from the head (the demo).
const UNDECLARED = ['model.clinic.rpt_readmissions_worklist', 'phone_number'];
const UNDESCRIBED = 'model.clinic.mart_readmission_rates';
const CLINICAL_TEST = 'test.clinic.accepted_range_fct_readmissions_30d_age_at_admission__120__0.6ddb347a7b';
const COPIED_TEST = `${CLINICAL_TEST}_copy`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-lens-diff-'));
let server;
let browser;

/** The demo's artifacts copied to `tmp/name`, the manifest passed through `edit`. */
function demoCopy(name, edit, gzip) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(DEMO).filter((f) => f.endsWith('.json'))) {
    if (f !== 'manifest.json') fs.copyFileSync(path.join(DEMO, f), path.join(dir, f));
  }
  const manifest = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
  edit(manifest);
  const text = Buffer.from(JSON.stringify(manifest));
  if (gzip) fs.writeFileSync(path.join(dir, 'manifest.json.gz'), zlib.gzipSync(text));
  else fs.writeFileSync(path.join(dir, 'manifest.json'), text);
  return dir;
}

/** The base: the demo before the pull request. */
function editBase(m) {
  const [node, column] = UNDECLARED;
  // The column was not declared yet (the detector still finds it).
  const declared = m.nodes[node].columns[column];
  declared.meta = {};
  if (declared.config) declared.config.meta = {};
  // The model had no description yet.
  m.nodes[UNDESCRIBED].description = '';
  // A second clinical range test on the age, which the pull request drops.
  const copy = structuredClone(m.nodes[CLINICAL_TEST]);
  copy.unique_id = COPIED_TEST;
  copy.name = `${copy.name}_copy`;
  copy.column_name = 'age_at_admission';
  copy.test_metadata.kwargs.min_value = 1;
  m.nodes[COPIED_TEST] = copy;
}

let base;
let same;
let cli;

before(async () => {
  if (!HAVE_DEMO) return;
  base = demoCopy('base', editBase, true);
  same = demoCopy('same', () => {}, false);
  const run = (args) => {
    const r = runCli(args, tmp);
    assert.ok(r.status === 0, `phi-lens ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  cli = {
    json: run(['diff', base, DEMO, '--format', 'json']),
    markdown: run(['diff', base, DEMO, '--format', 'markdown']),
    same: JSON.parse(run(['diff', same, DEMO, '--format', 'json'])),
  };
  cli.diff = JSON.parse(cli.json);
  server = await startServer({ '/cmp/': tmp });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The PHI rows the app lists: a node's own change, its schema move, then its columns'. */
function phiRows(d) {
  return d.phi.flatMap((n) => [
    ...(n.change ? [[n.unique_id, '', n.change]] : []),
    ...(n.schema ? [[n.unique_id, '', 'moved schema']] : []),
    ...n.columns.map((c) => [n.unique_id, c.column, c.change]),
  ]);
}

const WORDS = { became_phi: 'became PHI', declaration_lost: 'declaration lost', stopped_phi: 'no longer PHI', status_changed: 'status changed', category_changed: 'category changed' };

/** The counts the overview lists, from the CLI's JSON (the core's `views::diff::summary`). */
function summaryCounts(d) {
  const gaining = d.exposures.filter((e) => e.new_phi.length || e.new_categories.length || (e.reached.after && !e.reached.before)).length;
  const counts = [
    ['exposures PHI newly reaches', gaining],
    ['nodes whose PHI or schema changed', d.phi.filter((n) => n.change || n.schema).length],
    ['columns whose PHI changed', d.phi.reduce((s, n) => s + n.columns.length, 0)],
    ['exposures changed', d.exposures.length],
    ['new findings', d.findings.new.length],
    ['resolved findings', d.findings.resolved.length],
    ['findings whose severity changed', d.findings.severity_changed.length],
    ['waivers added', d.waivers.added.length],
    ['waivers removed', d.waivers.removed.length],
    ['node scores changed', d.scores.nodes.length],
    ['exposure scores changed', d.scores.exposures.length],
    ['clinical tests removed', d.tests.removed.length],
    ['tests newly failing', d.tests.newly_failing.length],
    ['nodes renamed', d.renamed.length],
  ];
  return counts.filter(([, n]) => n > 0);
}

/** The evidence zip the export control downloads, unpacked: file name → bytes. */
async function exportEvidence(page) {
  const download = page.waitForEvent('download', { timeout: TIMEOUT });
  await page.getByTestId('export-evidence').click();
  const d = await download;
  const into = fs.mkdtempSync(path.join(tmp, 'zip-'));
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', await d.path(), into]);
  const files = {};
  for (const f of fs.readdirSync(into, { recursive: true })) {
    const full = path.join(into, f);
    if (fs.statSync(full).isFile()) files[path.basename(f)] = fs.readFileSync(full);
  }
  return files;
}

/** Checks the diff page against the CLI's diff, section by section. */
async function assertDiffPage(page, d) {
  await followHash(page, '#/diff', 'diff-verdict', TIMEOUT);
  const count = async (id) => Number(await page.getByTestId(id).getAttribute('data-count'));
  const rows = await page.getByTestId('diff-phi-row').evaluateAll((els) => els.map((e) => [e.dataset.node, e.dataset.column ?? '', e.dataset.change]));
  assert.deepEqual(rows, phiRows(d).map(([n, c, k]) => [n, c, WORDS[k] ?? k]), 'the PHI rows are the diff\'s');
  assert.equal(await count('diff-exposures'), d.exposures.length);
  const exposures = await page.getByTestId('diff-exposure-row').evaluateAll((els) => els.map((e) => e.dataset.exposure));
  assert.deepEqual(exposures, d.exposures.map((e) => e.unique_id));
  const fingerprints = (id) => page.getByTestId(id).evaluateAll((els) => els.map((e) => e.dataset.fingerprint));
  assert.deepEqual(await fingerprints('diff-new-finding'), d.findings.new.map((f) => f.fingerprint));
  assert.deepEqual(await fingerprints('diff-resolved-finding'), d.findings.resolved.map((f) => f.fingerprint));
  assert.equal(await count('diff-severity'), d.findings.severity_changed.length);
  assert.equal(await count('diff-waivers'), d.waivers.added.length + d.waivers.removed.length);
  assert.equal(await page.getByTestId('diff-score-row').count(), d.scores.nodes.length + d.scores.exposures.length);
  const tests = await page.getByTestId('diff-test-row').evaluateAll((els) => els.map((e) => [e.dataset.change, e.dataset.test]));
  assert.deepEqual(tests, [...d.tests.removed.map((t) => ['removed', t.unique_id]), ...d.tests.newly_failing.map((t) => ['newly failing', t.unique_id])]);
  assert.equal(await count('diff-renamed'), d.renamed.length);
  assert.equal(await page.getByTestId('diff-unchanged').textContent(), `${d.findings.unchanged} findings are on both sides.`);
  const score = (s) => `${s.toFixed(1)}`;
  const line = await page.getByTestId('diff-project-score').textContent();
  assert.ok(line.includes(`${score(d.scores.project.before)} (${d.scores.grade.before}) → ${score(d.scores.project.after)} (${d.scores.grade.after})`), line);
}

/** The verdict line of the CLI's markdown comment (what follows "phi-lens: clinic — "). */
function cliVerdict(markdown) {
  return markdown.split('\n')[1].replace(/^### \S+ phi-lens: clinic — /, '');
}

/** The verdict's level in words, from the CLI's markdown comment's mark. */
function cliLevel(markdown) {
  const mark = markdown.split('\n')[1].split(' ')[1];
  return { '🔴': 'regression', '🟡': 'to review', '🟢': 'no regression' }[mark];
}

describe('compare with a base', { skip: !HAVE_DEMO && 'the demo is absent' }, () => {
  test('the CLI reports exactly the edits, each in its section', () => {
    const d = cli.diff;
    const [node, column] = UNDECLARED;
    // The column was detected in the base and is declared now; nothing else about PHI.
    assert.deepEqual(phiRows(d), [[node, column, 'status_changed']], JSON.stringify(d.phi));
    assert.equal(d.phi[0].columns[0].before.status, 'detected');
    assert.equal(d.phi[0].columns[0].after.status, 'declared');
    // The copied range test is gone: one clinical test removed.
    assert.deepEqual(d.tests.removed.map((t) => [t.unique_id, t.clinical]), [[COPIED_TEST, true]]);
    assert.deepEqual(d.tests.newly_failing, []);
    // The description is there now: its documentation findings are resolved, none is new.
    assert.deepEqual(d.findings.new, []);
    assert.ok(d.findings.resolved.length >= 1, 'the description resolves a finding');
    assert.ok(d.findings.resolved.some((f) => f.unique_id === UNDESCRIBED && f.rule.startsWith('DOC')), JSON.stringify(d.findings.resolved));
    assert.ok(d.findings.resolved.every((f) => f.unique_id === UNDESCRIBED || f.unique_id.startsWith('exposure.') || f.unique_id === node), JSON.stringify(d.findings.resolved));
    assert.equal(cli.same.phi.length + cli.same.findings.new.length + cli.same.findings.resolved.length + cli.same.tests.removed.length, 0);
  });

  test('?base= loads the base (gzip) beside the demo and every view shows the changes', async () => {
    const d = cli.diff;
    const { page, requests, errors } = await openApp(browser.context, server.origin, '?base=cmp/base', TIMEOUT);
    const banner = page.getByTestId('compare-banner');
    await banner.waitFor({ timeout: TIMEOUT });
    assert.match(await page.getByTestId('compare-base').textContent(), /^the artifacts in cmp\/base: clinic, dbt /);
    assert.equal(await page.getByTestId('compare-verdict').textContent(), cliVerdict(cli.markdown));
    assert.ok(requests.includes(`${server.origin}/cmp/base/manifest.json.gz`), 'the gzipped manifest was read');

    // The overview: the summary, in numbers.
    const summary = page.getByTestId('diff-summary');
    await summary.waitFor({ timeout: TIMEOUT });
    assert.equal(await page.getByTestId('diff-summary-verdict').textContent(), `${cliLevel(cli.markdown)} ${cliVerdict(cli.markdown)}`);
    const counts = await page.getByTestId('diff-summary-row').evaluateAll((els) => els.map((e) => [e.dataset.kind, Number(e.querySelector('td').textContent)]));
    assert.deepEqual(counts, summaryCounts(d));

    // The diff page lists all of it.
    await assertDiffPage(page, d);
    assert.deepEqual(await axeViolations(page), [], 'axe-core finds nothing on the diff page');

    // The node whose column is declared now, the node whose test was dropped, the exposure.
    const [node, column] = UNDECLARED;
    await followHash(page, `#/node/${node}`, 'resource-changes', TIMEOUT);
    const nodeRows = await page.getByTestId('resource-changes').getByTestId('diff-phi-row').evaluateAll((els) => els.map((e) => [e.dataset.column, e.dataset.change]));
    assert.deepEqual(nodeRows, [[column, 'status changed']]);
    await followHash(page, '#/node/model.clinic.fct_readmissions_30d', 'resource-changes', TIMEOUT);
    const testRows = await page.getByTestId('resource-changes').getByTestId('diff-test-row').evaluateAll((els) => els.map((e) => e.dataset.test));
    assert.deepEqual(testRows, [COPIED_TEST]);
    await followHash(page, `#/node/${UNDESCRIBED}`, 'resource-changes', TIMEOUT);
    const resolved = await page.getByTestId('resource-resolved-finding').evaluateAll((els) => els.map((e) => e.dataset.fingerprint));
    assert.deepEqual(resolved, d.findings.resolved.filter((f) => f.unique_id === UNDESCRIBED).map((f) => f.fingerprint));
    const exposure = d.findings.resolved.find((f) => f.unique_id.startsWith('exposure.'))?.unique_id ?? 'exposure.clinic.cmo_quality_dashboard';
    await followHash(page, `#/exposure/${exposure}`, 'resource-changes', TIMEOUT);
    const onExposure = d.findings.resolved.filter((f) => f.unique_id === exposure).map((f) => f.fingerprint);
    assert.deepEqual(await page.getByTestId('resource-resolved-finding').evaluateAll((els) => els.map((e) => e.dataset.fingerprint)), onExposure);
    if (onExposure.length === 0) await page.getByTestId('resource-unchanged').waitFor({ timeout: TIMEOUT });

    // The evidence carries the diff, byte for byte the CLI's.
    const files = await exportEvidence(page);
    assert.ok(files['diff.json'] && files['diff.md'], `the zip holds ${Object.keys(files).join(', ')}`);
    assert.equal(files['diff.json'].toString('utf8'), cli.json);
    assert.equal(files['diff.md'].toString('utf8'), cli.markdown);
    assert.ok(files['report.json'], 'and the evidence of the head');

    // Stop comparing: the indicator goes, the export holds the head's files only.
    await page.getByTestId('compare-banner').getByRole('button', { name: 'Stop comparing' }).click();
    await banner.waitFor({ state: 'detached', timeout: TIMEOUT });
    assert.equal(await page.getByTestId('resource-changes').count(), 0, 'the exposure page no longer says what changed');
    await followHash(page, '#/diff', 'diff-no-base', TIMEOUT);
    assert.deepEqual(Object.keys(await exportEvidence(page)).sort(), ['findings.csv', 'phi_inventory.csv', 'report.html', 'report.json']);

    assert.deepEqual(offOrigin(requests, server.origin), [], 'no request leaves the origin');
    assert.deepEqual(unexpectedErrors(errors), [], 'no console error');
    await page.close();
  });

  test('files picked as the base give the same changes', async () => {
    const { page, requests } = await openApp(browser.context, server.origin, '', TIMEOUT);
    const picker = page.locator('#compare-files');
    await picker.setInputFiles(fs.readdirSync(base).map((f) => path.join(base, f)));
    await page.getByTestId('compare-banner').waitFor({ timeout: TIMEOUT });
    assert.match(await page.getByTestId('compare-base').textContent(), /^the files you chose \(.*manifest\.json\.gz.*\): clinic/);
    await assertDiffPage(page, cli.diff);
    assert.deepEqual(offOrigin(requests, server.origin), []);
    await page.close();
  });

  test('?base= equal to the head shows no changes', async () => {
    const { page } = await openApp(browser.context, server.origin, '?base=cmp/same', TIMEOUT);
    await page.getByTestId('compare-banner').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.getByTestId('compare-verdict').textContent(), 'no PHI or compliance change');
    await page.getByTestId('diff-summary-empty').waitFor({ timeout: TIMEOUT });
    await followHash(page, '#/diff', 'diff-no-changes', TIMEOUT);
    for (const id of ['diff-phi', 'diff-exposures', 'diff-new-findings', 'diff-resolved-findings', 'diff-tests', 'diff-waivers']) {
      assert.equal(await page.getByTestId(id).getAttribute('data-count'), '0', id);
    }
    assert.equal(await page.getByTestId('diff-level').first().textContent(), 'no regression');
    await page.close();
  });

  test('a ?base= on another origin is refused, and the project stays', async () => {
    const { page, requests } = await openApp(browser.context, server.origin, '?base=https://example.com/target', TIMEOUT);
    const error = page.getByTestId('compare-error').first();
    await error.waitFor({ timeout: TIMEOUT });
    assert.match(await error.textContent(), /\?base=https:\/\/example\.com\/target is refused: it is an absolute URL/);
    assert.equal(await page.getByTestId('project-score').count(), 1);
    assert.deepEqual(offOrigin(requests, server.origin), []);
    await page.close();
  });
});
