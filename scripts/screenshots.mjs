// Regenerates docs/screenshots/*.png from the built app (dist/) showing the
// embedded demo, in Debian's headless Chromium at 1280×900:
//
//   trunk build --release && node scripts/screenshots.mjs
//
// One PNG per view; the README links them. Nothing is compared: this documents, it does not test.
// diff.png shows "compare with": the demo as the base, and as the head a copy of it written to a
// temp folder in which a pull request adds an undeclared patient phone number to the mart
// behind the CMO dashboard and drops a clinical range test (as crates/phi-lens-cli/tests/diff_cli.rs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_MANIFEST, REPO, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const OUT = path.join(REPO, 'docs', 'screenshots');
const SHOT = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-lens-shots-'));
const DEMO = path.dirname(DEMO_MANIFEST);
for (const side of ['base', 'head']) {
  fs.mkdirSync(path.join(SHOT, side));
  for (const f of fs.readdirSync(DEMO).filter((f) => f.endsWith('.json'))) fs.copyFileSync(path.join(DEMO, f), path.join(SHOT, side, f));
}
const head = JSON.parse(fs.readFileSync(DEMO_MANIFEST, 'utf8'));
delete head.nodes['test.clinic.accepted_range_fct_readmissions_30d_age_at_admission__120__0.6ddb347a7b'];
head.nodes['model.clinic.mart_quality_measures'].columns.patient_phone = {
  name: 'patient_phone', description: 'Phone number of the patient.', meta: {}, tags: [],
};
fs.writeFileSync(path.join(SHOT, 'head', 'manifest.json'), JSON.stringify(head));
const VIEWS = [
  // file, route, element scrolled to the top (or null), what must be on the page first
  ['overview.png', '#/', null, '[data-testid="root-causes"]:not([aria-busy])'],
  ['nodes.png', '#/nodes?phi=declared', null, '[data-testid="node-row"]'],
  ['node.png', '#/node/model.clinic.dim_patients', 'main section:has(> h2[id^="columns"]), main h2:text-is("Columns")', '[data-testid="phi-badge"]'],
  ['findings.png', '#/findings', null, '[data-testid="finding"]'],
  ['exposure.png', '#/exposure/exposure.clinic.cmo_quality_dashboard', null, '[data-testid="lineage-graph"]'],
  ['policy.png', '#/policy', null, 'textarea'],
  ['diff.png', '?artifacts=shot/head&base=shot/base#/diff', null, '[data-testid="diff-phi-row"]'],
  // A real project: the corpus's Tuva set (skipped with a message when the corpus is absent).
  ['overview-tuva.png', '?artifacts=corpus/tuva-health_tuva-1.12.0#/', null, '[data-testid="root-causes"]:not([aria-busy])'],
];

const server = await startServer({ '/shot/': SHOT });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  fs.mkdirSync(OUT, { recursive: true });
  for (const [file, route, scrollTo, ready] of VIEWS) {
    await page.goto(`${server.origin}/${route}`);
    try {
      await page.waitForSelector(ready, { timeout: 30_000 });
    } catch {
      console.error(`skipped ${file}: ${route} shows no ${ready}`);
      continue;
    }
    if (scrollTo) {
      const target = page.locator(scrollTo).first();
      if (await target.count()) await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    }
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: path.join(OUT, file) });
    console.log(`wrote docs/screenshots/${file}`);
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(SHOT, { recursive: true, force: true });
}
