// Regenerates docs/screenshots/*.png from the built app (dist/) showing the
// embedded demo, in Debian's headless Chromium at 1280×900:
//
//   trunk build --release && node scripts/screenshots.mjs
//
// One PNG per view; the README links them. Nothing is compared: this documents, it does not test.
import fs from 'node:fs';
import path from 'node:path';

import { REPO, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const OUT = path.join(REPO, 'docs', 'screenshots');
const VIEWS = [
  // file, route, element scrolled to the top (or null), what must be on the page first
  ['overview.png', '#/', null, '[data-testid="project-score"]'],
  ['nodes.png', '#/nodes?phi=declared', null, '[data-testid="node-row"]'],
  ['node.png', '#/node/model.clinic.dim_patients', 'main section:has(> h2[id^="columns"]), main h2:text-is("Columns")', '[data-testid="phi-badge"]'],
  ['findings.png', '#/findings', null, '[data-testid="finding"]'],
  ['exposure.png', '#/exposure/exposure.clinic.cmo_quality_dashboard', null, '[data-testid="lineage-graph"]'],
  ['policy.png', '#/policy', null, 'textarea'],
];

const server = await startServer();
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
}
