// Test harness for the phi-lens end-to-end tests: a static server on 127.0.0.1 (random
// port) for dist/ and, under /corpus/, the shared corpus read in place; and Debian's
// Chromium driven by playwright-core, recording every request the page makes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// PHI_LENS_DIST: test another build of the app than dist/ (as export.test.mjs does).
export const DIST = path.resolve(process.env.PHI_LENS_DIST || path.join(REPO, 'dist'));
export const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
export const DEMO_MANIFEST = path.join(REPO, 'examples', 'clinic', 'target', 'manifest.json');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.gz': 'application/gzip',
};

/** The file under `root` for a URL path, or null when it escapes `root` or is absent. */
export function fileUnder(root, urlPath) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + urlPath));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return fileUnder(root, urlPath.replace(/\/?$/, '/index.html'));
    return stat.isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Starts the server. Routes: `/corpus/...` from the corpus; `/deployed/app/...` from
 * dist/ and `/deployed/<file>` from the jaffle shop set (phi-lens in a folder inside dbt's
 * target/); `/slow/<file>` streams
 * `/corpus/dbt-labs_jaffle-shop-1.12.0/<file>` (the manifest in ten slow chunks, to
 * see the progress bar), everything else from dist/. Unknown paths are 404 (no single-page-app fallback).
 * `mounts` adds folders of the test's own: `{ '/site/': dir }` serves `/site/a` from `dir/a`.
 */
export async function startServer(mounts = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const urlPath = decodeURIComponent(url.pathname);
    const mount = Object.keys(mounts).find((prefix) => urlPath.startsWith(prefix));
    let file = null;
    let slow = false;
    if (mount) {
      file = fileUnder(mounts[mount], urlPath.slice(mount.length - 1));
    } else if (urlPath.startsWith('/corpus/')) {
      file = fileUnder(CORPUS, urlPath.slice('/corpus'.length));
    } else if (urlPath.startsWith('/deployed/app/')) {
      file = fileUnder(DIST, urlPath.slice('/deployed/app'.length));
    } else if (urlPath.startsWith('/deployed/')) {
      file = fileUnder(path.join(CORPUS, 'dbt-labs_jaffle-shop-1.12.0'), urlPath.slice('/deployed'.length));
    } else if (urlPath.startsWith('/slow/')) {
      file = fileUnder(path.join(CORPUS, 'dbt-labs_jaffle-shop-1.12.0'), urlPath.slice('/slow'.length));
      slow = urlPath.endsWith('/manifest.json.gz');
    } else {
      file = fileUnder(DIST, urlPath);
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    if (!slow) {
      res.end(body);
      return;
    }
    const step = Math.ceil(body.length / 10);
    let sent = 0;
    const next = () => {
      if (res.destroyed) return;
      res.write(body.subarray(sent, sent + step));
      sent += step;
      if (sent >= body.length) res.end();
      else setTimeout(next, 150);
    };
    next();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Runs the phi-lens command line (release build, through cargo) with `args` from `cwd`:
 * `spawnSync`'s result, stdout and stderr as text.
 */
export function runCli(args, cwd) {
  const cargo = ['run', '--quiet', '--release', '-p', 'phi-lens-cli', '--manifest-path', path.join(REPO, 'Cargo.toml'), '--'];
  return spawnSync('cargo', [...cargo, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/**
 * Debian's Chromium, launched as TOOLCHAIN.md says (no browser download, no outside DNS), with
 * `extraArgs` (the benchmarks add theirs).
 */
export async function launchBrowser(extraArgs = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ...extraArgs,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh page that records every request URL and every console error or page error
 * (a CSP violation shows up as a console error).
 */
export async function openPage(context) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { page, requests, errors };
}

/** Opens the app at `origin/query` (e.g. `?artifacts=…`) in a 1280×900 page and waits for the overview. */
export async function openApp(context, origin, query = '', timeout = 30_000) {
  const opened = await openPage(context);
  await opened.page.setViewportSize({ width: 1280, height: 900 });
  await opened.page.goto(`${origin}/${query}`);
  await opened.page.getByTestId('project-score').waitFor({ state: 'visible', timeout });
  // The overview is painted before the findings are grouped by root cause; then its "What to
  // fix first" replaces the note that they are being grouped.
  await opened.page.getByTestId('root-causes-pending').waitFor({ state: 'detached', timeout });
  return opened;
}

/** Follows a hash route in the same document (as a pasted link or a nav link would) and waits for `testid`. */
export async function followHash(page, hash, testid, timeout = 30_000) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.getByTestId(testid).first().waitFor({ state: 'visible', timeout });
}

/** The requests that left `origin` (data: and blob: URLs never leave the page). */
export function offOrigin(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + '/') && !/^(data|blob):/.test(u));
}

/** Console errors other than the browser's own log lines for expected 404s. */
export function unexpectedErrors(errors) {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
}

/**
 * The server and browser a test file's tests share (`session.server`, `session.browser`):
 * started before them, closed after. Fails at once when the app is not built.
 */
export function session() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first (scripts/test does)`);
  }
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * The views of a loaded project (`manifest` parsed) as [hash, the test id that shows it is
 * rendered]: overview, models, findings, policy, the model with the most documented columns
 * (the widest columns table), and the first exposure and its lineage when there is one.
 */
export function projectViews(manifest) {
  const exposure = Object.keys(manifest.exposures ?? {})[0];
  const models = Object.values(manifest.nodes ?? {}).filter((n) => n.resource_type === 'model');
  const columns = (n) => Object.keys(n.columns ?? {}).length;
  const node = models.sort((a, b) => columns(b) - columns(a) || a.unique_id.localeCompare(b.unique_id))[0]?.unique_id;
  const views = [
    ['#/', 'project-score'],
    ['#/nodes', 'node-row'],
    ['#/findings', 'finding-count'],
    ['#/policy', 'policy-editor'],
  ];
  if (node) views.push([`#/node/${node}`, 'node-page']);
  if (exposure) views.push([`#/exposure/${exposure}`, 'exposure-page'], [`#/lineage/${exposure}`, 'lineage-graph']);
  return views;
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A and AA violations on the page as it is: "rule (impact): where" lines. */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  return result.violations.flatMap((v) =>
    v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('').trim()}`),
  );
}
