// Usage: PHI_LENS_DIST=DIST node benches/app/base.mjs [CORPUS_SET]   (default: Tuva)
// Longest main-thread task while a base (?base=) loads, after the project's overview is shown.
import { startServer, launchBrowser } from '../../tests/e2e/harness.mjs';
const set = process.argv[2] || 'tuva-health_tuva-1.12.0';
// The project and its base are the same corpus set: the base is read, analysed and diffed
// after the project's overview is shown.
const server = await startServer();
const browser = await launchBrowser();
for (let run = 0; run < 2; run++) {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.origin}/?artifacts=corpus/${set}&base=corpus/${set}`);
  await page.getByTestId('project-score').waitFor({ state: 'visible', timeout: 120000 });
  const shown = await page.evaluate(() => performance.now());
  await page.getByTestId('compare-verdict').waitFor({ timeout: 180000 });
  const done = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(() => window.__tasks);
  const after = tasks.filter(([s]) => s >= shown).map(([, d]) => d);
  console.log(JSON.stringify({ set, run, baseLoadedMs: Math.round(done - shown), longestAfterOverviewMs: Math.round(Math.max(0, ...after)) }));
  await page.close();
}
await browser.close?.(); await browser.context.close(); server.close?.(); process.exit(0);
