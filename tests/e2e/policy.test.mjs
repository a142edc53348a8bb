// End-to-end tests of the policy (issue 6) on the built app: the policy view (#/policy) shows
// the policy in force as TOML; an applied edit rescores every view to exactly what
// `phi-lens check --policy` computes, a disabled rule's findings disappear, an unknown key is
// an error naming it (line and column) and changes nothing, the download is the text typed;
// a phi-lens.toml picked alone, or with the artifacts, is applied; with ?artifacts=DIR the
// app finds DIR/../phi-lens.toml as the CLI does, and shows a broken one (which the CLI
// refuses with exit code 2) while the project loads under the default policy. No request
// leaves the page's origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DEMO_MANIFEST, DIST, followHash, launchBrowser, offOrigin, openApp, runCli, startServer, unexpectedErrors } from './harness.mjs';

const TIMEOUT = 30_000;
const DEMO_TARGET = path.dirname(DEMO_MANIFEST);
const ARTIFACTS = ['manifest.json', 'catalog.json', 'run_results.json', 'sources.json'];
const NO_DEMO = !fs.existsSync(DEMO_MANIFEST) && 'examples/clinic/target/manifest.json is absent';
if (NO_DEMO) console.error(`\n!!! SKIPPING the policy tests: ${NO_DEMO} !!!\n`);

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first (scripts/test does)`);
}

// Policies of the tests: each changes the demo's score (DOC001 findings are planted in it).
const EDITED = '[rules]\ndisable = ["DOC001"]\n\n[score]\ncritical_cap = 10\n';
const PICKED = '[score]\nweights = { low = 10, medium = 20, high = 30, critical = 50 }\n';
const WITH_FILES = '[rules]\ndisable = ["PHI001", "DOC001", "DOC002"]\n';
const PARENT = '# beside the dbt project\n[score]\ncritical_cap = 0\n';
const UNKNOWN_KEY = '[score]\ncritical_cap = 25\ncolour = 1\n';

let tmp;
let server;
let browser;

/** A served copy of the demo's target/ under `site/<name>/target`, with `policy` at `where`. */
function site(name, where, policy) {
  const target = path.join(tmp, 'site', name, 'target');
  fs.mkdirSync(target, { recursive: true });
  for (const f of ARTIFACTS) fs.copyFileSync(path.join(DEMO_TARGET, f), path.join(target, f));
  fs.writeFileSync(path.join(where === 'parent' ? path.dirname(target) : target, 'phi-lens.toml'), policy);
  return target;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-lens-policy-'));
  if (!NO_DEMO) {
    site('clinic', 'parent', PARENT);
    site('broken', 'target', '[score]\ncap = 1\n');
  }
  server = await startServer({ '/site/': path.join(tmp, 'site') });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** `phi-lens check DIR --format json [--policy FILE]` (release build): exit code and report. */
function cliCheck(dir, policyText) {
  const args = ['check', dir, '--format', 'json'];
  if (policyText !== undefined) {
    const file = path.join(fs.mkdtempSync(path.join(tmp, 'policy-')), 'phi-lens.toml');
    fs.writeFileSync(file, policyText);
    args.push('--policy', file);
  }
  const run = runCli(args, tmp);
  return { status: run.status, stderr: run.stderr, report: run.status === 0 ? JSON.parse(run.stdout) : null };
}

/** The CLI's project score for the demo under `policyText`, as the app writes it. */
function cliScore(dir, policyText) {
  const { status, stderr, report } = cliCheck(dir, policyText);
  assert.equal(status, 0, `phi-lens check: ${stderr}`);
  return { score: report.project_score.toFixed(1), hash: report.policy.hash };
}

/** Opens the app at `query` and waits for the overview. */
const open = (query = '') => openApp(browser.context, server.origin, query, TIMEOUT);

/** Follows a hash route in the same document and waits for `testid`. */
const go = (page, hash, testid) => followHash(page, hash, testid, TIMEOUT);

async function overviewScore(page) {
  await go(page, '#/', 'project-score');
  return page.getByTestId('project-score').textContent();
}

/** Waits until the overview's project score is `score`. */
async function waitForScore(page, score) {
  await go(page, '#/', 'project-score');
  await page.waitForFunction((s) => document.querySelector('[data-testid="project-score"]')?.textContent === s, score, { timeout: TIMEOUT });
}

function assertStayedHome({ requests, errors }) {
  assert.deepEqual(offOrigin(requests, server.origin), [], 'every request stays on the page origin');
  assert.deepEqual(unexpectedErrors(errors), [], 'no console error (CSP violations included)');
}

const DOC001 = '[data-testid="finding"][data-rule="DOC001"]';

describe('the policy view', { skip: NO_DEMO }, () => {
  test('an applied edit rescores every view as the CLI does; an unknown key is refused; the download is the text typed', async () => {
    const opened = await open();
    const { page } = opened;
    const before = await page.getByTestId('project-score').textContent();
    assert.equal(before, cliScore(DEMO_TARGET).score, 'the demo under the default policy, as the CLI scores it');
    assert.match(await page.getByTestId('policy-source').textContent(), /default policy/);
    await go(page, '#/findings', 'finding');
    assert.ok((await page.locator(DOC001).count()) > 0, 'the demo has DOC001 findings');

    // The policy in force, as TOML, in a labelled textarea reached from the top bar.
    await page.locator('nav a', { hasText: 'Policy' }).click();
    const editor = page.getByLabel('The policy (phi-lens.toml, TOML)');
    await editor.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await page.evaluate(() => location.hash), '#/policy');
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Policy');
    assert.match(await editor.inputValue(), /^\[declared\]\nphi_tags = \[/);

    // An unknown key: the error names it, with line and column; nothing changes.
    await editor.fill(UNKNOWN_KEY);
    await page.getByTestId('policy-apply').click();
    const error = page.locator('[role="alert"][data-testid="policy-error"]');
    await error.getByText('colour', { exact: false }).first().waitFor({ timeout: TIMEOUT });
    assert.match(await error.textContent(), /line 3, column 1[\s\S]*unknown field `colour`/);
    assert.equal(await editor.getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByTestId('policy-page-score').textContent(), new RegExp(`^${before} / 100`));
    assert.equal(await overviewScore(page), before, 'the score is unchanged');

    // A rule disabled and the cap lowered, applied from the keyboard (Ctrl+Enter).
    const cli = cliScore(DEMO_TARGET, EDITED);
    assert.notEqual(cli.score, before, 'the edit changes the score');
    await go(page, '#/policy', 'policy-editor');
    await editor.fill(EDITED);
    await editor.press('Control+Enter');
    await page.getByTestId('policy-status').getByText(`${before} → ${cli.score}`, { exact: false }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.getByTestId('policy-page-hash').textContent(), cli.hash, 'the CLI computes the same policy hash');
    assert.equal(await page.getByTestId('policy-error').textContent(), '', 'the error is gone');
    await waitForScore(page, cli.score);
    assert.equal(await page.getByTestId('policy-hash').textContent(), cli.hash);
    assert.match(await page.getByTestId('policy-source').textContent(), /^Edited in this page/);
    await go(page, '#/findings', 'finding');
    assert.equal(await page.locator(DOC001).count(), 0, 'no DOC001 finding once the rule is disabled');

    // Back on the view: the applied text; the download is the text as typed (applied or not).
    await go(page, '#/policy', 'policy-editor');
    assert.equal(await editor.inputValue(), EDITED);
    const typed = `# tried, not applied\n${EDITED}[detection]\nmin_confidence = "high"\n`;
    await editor.fill(typed);
    await page.getByTestId('policy-unapplied').waitFor({ timeout: TIMEOUT });
    const download = page.waitForEvent('download', { timeout: TIMEOUT });
    await page.getByTestId('policy-download').click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'phi-lens.toml');
    assert.ok(fs.readFileSync(await file.path()).equals(Buffer.from(typed, 'utf8')), 'the downloaded bytes are the text typed');

    // Reset: the policy the artifacts came with (the default) is in force again.
    await page.getByTestId('policy-reset').click();
    await page.getByTestId('policy-status').getByText(`${cli.score} → ${before}`, { exact: false }).waitFor({ timeout: TIMEOUT });
    assert.match(await editor.inputValue(), /^\[declared\]/);
    await waitForScore(page, before);
    assertStayedHome(opened);
    await page.close();
  });

  test('works at 200 % zoom, and prints the text without the buttons', async () => {
    const opened = await open();
    const { page } = opened;
    await page.setViewportSize({ width: 640, height: 450 });
    await go(page, '#/policy', 'policy-editor');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 640 px (${overflow} px too wide)`);
    for (const id of ['policy-apply', 'policy-download', 'policy-reset']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 640, `${id} fits the width`);
    }
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('policy-apply').isVisible(), false, 'buttons are not printed');
    assert.equal(await page.getByTestId('policy-editor').isVisible(), false);
    assert.match(await page.locator('pre.policy-print').innerText(), /^\[declared\]/, 'the text is printed in full');
    assertStayedHome(opened);
    await page.close();
  });
});

describe('policy files', { skip: NO_DEMO }, () => {
  test('a phi-lens.toml picked alone changes the policy; picked with the artifacts, the project loads under it', async () => {
    const opened = await open();
    const { page } = opened;
    const picker = page.locator('#artifact-files');
    const toml = (text, name = 'phi-lens.toml') => ({ name, mimeType: 'application/toml', buffer: Buffer.from(text) });

    await picker.setInputFiles([toml(PICKED)]);
    await waitForScore(page, cliScore(DEMO_TARGET, PICKED).score);
    assert.equal(await page.getByTestId('policy-source').textContent(), 'The policy file phi-lens.toml.');
    assert.equal(await page.getByTestId('demo-banner').count(), 1, 'the demo is still shown: only the policy changed');

    // A broken one picked alone: named with its line; the policy in force stays.
    const score = await overviewScore(page);
    await picker.setInputFiles([toml('[rules]\ndisabled = ["DOC001"]\n', 'team.toml')]);
    const problem = page.getByTestId('policy-problem');
    await problem.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await problem.textContent(), /team\.toml could not be used[\s\S]*team\.toml: invalid policy: [\s\S]*line 2, column 1[\s\S]*disabled/);
    assert.equal(await overviewScore(page), score);

    // With the artifacts: a new load, analysed under the file.
    const files = ARTIFACTS.map((f) => ({ name: f, mimeType: 'application/json', buffer: fs.readFileSync(path.join(DEMO_TARGET, f)) }));
    await picker.setInputFiles([...files, toml(WITH_FILES)]);
    await page.getByTestId('demo-banner').waitFor({ state: 'detached', timeout: TIMEOUT });
    await waitForScore(page, cliScore(DEMO_TARGET, WITH_FILES).score);
    assert.equal(await page.getByTestId('policy-source').textContent(), 'The policy file phi-lens.toml.');
    assert.equal(await page.getByTestId('policy-problem').count(), 0, 'a new load starts without the old problem');
    await go(page, '#/policy', 'policy-editor');
    assert.equal(await page.getByTestId('policy-editor').inputValue(), WITH_FILES, 'the editor shows the file as written');
    assertStayedHome(opened);
    await page.close();
  });

  test('?artifacts=DIR finds phi-lens.toml in the parent as the CLI does; a broken one is shown and the default applies', async () => {
    const found = await open('?artifacts=site/clinic/target');
    const cli = cliScore(path.join(tmp, 'site', 'clinic', 'target'));
    assert.equal(cli.score, cliScore(DEMO_TARGET, PARENT).score, 'the CLI reads the parent folder\'s policy');
    assert.equal(await found.page.getByTestId('project-score').textContent(), cli.score);
    assert.equal(await found.page.getByTestId('policy-hash').textContent(), cli.hash);
    assert.equal(await found.page.getByTestId('policy-source').textContent(), 'The policy file site/clinic/phi-lens.toml.');
    assert.ok(found.requests.includes(`${server.origin}/site/clinic/target/phi-lens.toml`), 'the target folder is tried first');
    assertStayedHome(found);
    await found.page.close();

    const broken = await open('?artifacts=site/broken/target');
    const refused = cliCheck(path.join(tmp, 'site', 'broken', 'target'));
    assert.equal(refused.status, 2, 'the CLI stops on the broken policy');
    const problem = broken.page.getByTestId('policy-problem');
    await problem.waitFor({ state: 'visible', timeout: TIMEOUT });
    const text = await problem.textContent();
    assert.match(text, /site\/broken\/target\/phi-lens\.toml: invalid policy: [\s\S]*line 2, column 1[\s\S]*unknown field `cap`/);
    assert.match(text, /analysed under the default policy[\s\S]*exit code 2/);
    assert.equal(await broken.page.getByTestId('project-score').textContent(), cliScore(DEMO_TARGET).score);
    assert.match(await broken.page.getByTestId('policy-source').textContent(), /default policy, because site\/broken\/target\/phi-lens\.toml could not be used/);
    // The policy view starts from the broken file, to fix it there.
    await go(broken.page, '#/policy', 'policy-editor');
    assert.equal(await broken.page.getByTestId('policy-editor').inputValue(), '[score]\ncap = 1\n');
    assertStayedHome(broken);
    await broken.page.close();
  });
});
