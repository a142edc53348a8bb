// Column lineage of a large compiled project in the browser (issue 19): the app loads it, shows
// the overview, then resolves every model's compiled SQL and analyses the project again with
// it, in slices, while the page must stay responsive.
//
//   node benches/columns/browser.mjs DIR [--runs N] [--app DIST]
//
// DIR holds manifest.json(.gz) and catalog.json(.gz), e.g. the synthetic 5,000-model project
// (`python3 benches/columns/synthetic_manifest.py ../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled /tmp/synthetic-5k`).
// Measured per run, in a fresh headless Chromium: the time to the overview (the score shown)
// and to column lineage resolved (the overview's `column-lineage` line in state `ready`); the
// longest main-thread task (`longtask` entries) before the overview and after it; and, after
// it, how late a task queued every 100 ms runs (what an input event would wait for while the
// lineage is resolved).
import path from 'node:path';
import { fileURLToPath } from 'node:url';


const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = args[0] && !args[0].startsWith('--') ? path.resolve(args[0]) : null;
if (!dir) {
  console.error('usage: node benches/columns/browser.mjs DIR [--runs N] [--app DIST]');
  process.exit(2);
}
// The harness reads PHI_LENS_DIST when it is loaded: set it first.
if (opt('app', null)) process.env.PHI_LENS_DIST = path.resolve(opt('app', null));
const { launchBrowser, startServer } = await import('../../tests/e2e/harness.mjs');
const RUNS = Math.max(1, Number(opt('runs', 3)));
const TIMEOUT = Number(opt('timeout', 600)) * 1000;

const { origin, close } = await startServer({ '/project/': dir });
const rows = [];
for (let run = 0; run < RUNS; run++) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      window.__tasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        /* no longtask support */
      }
      // Once the overview is up, a task queued every 100 ms (as an input event would be):
      // how late it runs is how long the page makes the user wait.
      window.__clicks = [];
      window.__probe = () => {
        let due = performance.now() + 100;
        const tick = () => {
          if (window.__stopProbe) return;
          window.__clicks.push(Math.max(0, performance.now() - due));
          due = performance.now() + 100;
          setTimeout(tick, 100);
        };
        setTimeout(tick, 100);
      };
    });
    await page.goto(`${origin}/?artifacts=project`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="project-score"]')?.textContent ?? ''), null, {
      timeout: TIMEOUT,
      polling: 50,
    });
    const overview = await page.evaluate(() => {
      window.__probe();
      return performance.now();
    });
    await page.waitForSelector('[data-testid="column-lineage"][data-state="ready"]', { timeout: TIMEOUT, polling: 50 });
    const result = await page.evaluate((overview) => {
      window.__stopProbe = true;
      const resolved = performance.now();
      const before = window.__tasks.filter(([s]) => s < overview).map(([, d]) => d);
      const after = window.__tasks.filter(([s, d]) => s + d >= overview).map(([, d]) => d);
      return {
        overview,
        resolved,
        text: document.querySelector('[data-testid="column-lineage"]').textContent,
        longestBefore: Math.max(0, ...before),
        longestAfter: Math.max(0, ...after),
        tasksAfterOver50: after.filter((d) => d > 50).length,
        clicks: window.__clicks,
        marks: performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('phi-lens:'))
          .map((m) => `${m.name.slice(9)} ${(m.startTime / 1000).toFixed(2)}`),
        tasks: window.__tasks.filter(([, d]) => d > 200).map(([s, d]) => `${(s / 1000).toFixed(2)}+${(d / 1000).toFixed(2)}`),
      };
    }, overview);
    const clicks = result.clicks.slice().sort((a, b) => a - b);
    rows.push(result);
    console.log(
      `run ${run + 1}: overview ${(result.overview / 1000).toFixed(2)} s, column lineage ${(result.resolved / 1000).toFixed(2)} s` +
        ` (${((result.resolved - result.overview) / 1000).toFixed(2)} s after); longest task before the overview ${result.longestBefore.toFixed(0)} ms,` +
        ` after it ${result.longestAfter.toFixed(0)} ms (${result.tasksAfterOver50} over 50 ms);` +
        ` a queued task waits ${clicks.length ? `${clicks[Math.floor(clicks.length / 2)].toFixed(0)} ms median, ${clicks[clicks.length - 1].toFixed(0)} ms worst of ${clicks.length}` : 'n/a'}`,
    );
    if (run === 0) console.log(`  ${result.text}`);
    if (args.includes('--verbose')) console.log(`  marks: ${result.marks.join(', ')}\n  tasks over 200 ms (start+duration, s): ${result.tasks.join(', ')}`);
  } finally {
    await browser.close();
  }
}
await close();
const min = (f) => Math.min(...rows.map(f));
console.log(
  `min over ${RUNS} runs: overview ${(min((r) => r.overview) / 1000).toFixed(2)} s, lineage resolved ${(min((r) => r.resolved) / 1000).toFixed(2)} s;` +
    ` worst longest task after the overview ${Math.max(...rows.map((r) => r.longestAfter)).toFixed(0)} ms`,
);
