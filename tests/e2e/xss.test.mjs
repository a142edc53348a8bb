// XSS end-to-end tests (issue 6): the app loads a dbt artifact set whose every rendered field
// carries a script-injection payload (tests/fixtures/xss, written by its generate.mjs), visits
// every view and follows every in-app link, and checks after each step that nothing ran
// (`window.__pwned` unset, no dialog), that the browser blocked nothing (a CSP violation would
// mean a payload reached an executable context and only the CSP stopped it), that no request
// left the origin, that the DOM holds no `javascript:`/`data:` URL, no `on*` attribute and no
// element kind that only markup from the data could have made — and that the payloads are
// visible as text, so they were rendered, escaped, rather than dropped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DIST, REPO, launchBrowser, offOrigin } from './harness.mjs';
import { EXPOSURES, MODELS, P, PROJECT, TESTS, files } from '../fixtures/xss/generate.mjs';

const FIXTURES = path.join(REPO, 'tests', 'fixtures');
// The built app: dist/ (what scripts/test builds); PHI_LENS_DIST points at another build.
const APP = path.resolve(process.env.PHI_LENS_DIST || DIST);
const TIMEOUT = 30_000;
const SOURCE_ID = `source.${PROJECT}.ehr.patients`;

if (!fs.existsSync(path.join(APP, 'index.html'))) {
  throw new Error(`${APP}/index.html is missing: run \`trunk build --release\` first (scripts/test does)`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** The file under `root` for a URL path, or null (outside `root`, absent, a directory). */
function fileUnder(root, urlPath) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + urlPath));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    if (fs.statSync(file).isDirectory()) return fileUnder(root, urlPath.replace(/\/?$/, '/index.html'));
    return file;
  } catch {
    return null;
  }
}

/** A static server: `/fixtures/…` from tests/fixtures, everything else from the built app. */
async function startServer() {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = p.startsWith('/fixtures/') ? fileUnder(FIXTURES, p.slice('/fixtures'.length)) : fileUnder(APP, p);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page that records requests, console messages, page errors, dialogs (dismissed) and CSP
 * violation events (through an init script, which the page's CSP does not govern).
 */
async function openPage() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const log = { requests: [], console: [], pageErrors: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${String(e.sample).slice(0, 80)}`);
    });
  });
  return { page, log };
}

/** The DOM problems only markup or URLs from the data could cause (run in the page). */
function auditDom() {
  const bad = [];
  const describe = (el) => `<${el.tagName.toLowerCase()}> in ${el.parentElement?.className || el.parentElement?.tagName || '?'}`;
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'srcset', 'xlink:href', 'codebase', 'cite']);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push(`${describe(el)} has a ${name} attribute: ${a.value.slice(0, 60)}`);
      if (name === 'srcdoc') bad.push(`${describe(el)} has srcdoc`);
      if (URL_ATTRS.has(name) || name.endsWith(':href')) {
        // What a browser would see as the scheme: control characters and spaces removed.
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        const appIcon = el.tagName === 'LINK' && v === 'data:,';
        if (/^(javascript|vbscript|data|livescript):/.test(v) && !appIcon) bad.push(`${describe(el)} ${name}="${a.value.slice(0, 60)}"`);
        if (/^(https?:)?\/\//.test(v) && el.tagName !== 'A') bad.push(`${describe(el)} loads ${a.value.slice(0, 60)}`);
      }
      if (name === 'style' && /pwned|url\(|expression|javascript/i.test(a.value)) bad.push(`${describe(el)} style="${a.value.slice(0, 60)}"`);
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, base, math, form[action], meta[http-equiv="refresh"], body style, body link, body meta, portal, applet')) {
    bad.push(`${describe(el)} exists`);
  }
  for (const s of document.querySelectorAll('script')) {
    if (!s.src || new URL(s.src).origin !== location.origin || s.textContent.trim()) bad.push(`script ${s.src || s.textContent.slice(0, 60)}`);
  }
  // Links inside rendered markdown keep only http(s) and mailto (an unsafe one loses its href).
  for (const a of document.querySelectorAll('.markdown a[href]')) {
    const href = a.getAttribute('href');
    if (!/^(https?:\/\/|mailto:)/i.test(href)) bad.push(`markdown link href="${href.slice(0, 60)}"`);
  }
  return bad;
}

/** Asserts that nothing ran, nothing was blocked or requested elsewhere, and the DOM is clean. */
async function assertClean({ page, log }, where, cspSeen) {
  const state = await page.evaluate(() => ({ pwned: typeof window.__pwned, csp: window.__cspViolations ?? [] }));
  assert.equal(state.pwned, 'undefined', `window.__pwned was set (${where})`);
  assert.deepEqual(log.dialogs, [], `a dialog opened (${where})`);
  for (const v of state.csp) cspSeen.add(`${where}: ${v}`);
  const cspConsole = log.console.filter((m) => /Content Security Policy/i.test(m));
  for (const v of cspConsole) cspSeen.add(`${where}: ${v}`);
  assert.deepEqual([...state.csp, ...cspConsole], [], `the CSP had to block something (${where})`);
  assert.deepEqual(offOrigin(log.requests, server.origin), [], `a request left the origin (${where})`);
  assert.deepEqual(await page.evaluate(auditDom), [], `unsafe DOM (${where})`);
}

/** Text the page shows (innerText: rendered, visible characters). */
const shown = (page) => page.evaluate(() => document.body.innerText);

/** Asserts that each of `texts` is shown as text. */
async function assertShown(page, texts, where) {
  const text = await shown(page);
  for (const t of texts) assert.ok(text.includes(t), `${where}: ${JSON.stringify(t)} is not shown as text`);
}

/** Goes to `hash` in the same document and waits until `ready` (a function run in the page) holds. */
async function go(page, hash, ready, arg) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.waitForFunction(ready, arg, { timeout: TIMEOUT });
  await page.waitForTimeout(20);
}

const showsUid = (uid) => [...document.querySelectorAll('.uid code')].some((c) => c.textContent === uid);
const hasTestid = (id) => !!document.querySelector(`[data-testid="${id}"]`);
const encode = (id) => encodeURIComponent(id).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

describe('XSS: hostile artifacts render as text and run nothing', () => {
  test('the fixture files are what generate.mjs writes', () => {
    for (const [name, text] of Object.entries(files())) {
      assert.equal(fs.readFileSync(path.join(FIXTURES, 'xss', name), 'utf8'), text, `${name}: run node tests/fixtures/xss/generate.mjs`);
    }
  });

  test('every view of the hostile project, and every in-app link on it', async () => {
    const opened = await openPage();
    const { page } = opened;
    const csp = new Set();
    await page.goto(`${server.origin}/?artifacts=fixtures/xss`);
    await page.getByTestId('project-score').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await page.getByTestId('load-error').count(), 0, 'the fixture loads');

    // The pages, each with what must be shown on it as text.
    const pages = [
      { hash: '#/', ready: [hasTestid, 'project-score'], texts: [PROJECT, EXPOSURES[0].label] },
      { hash: '#/nodes', ready: [hasTestid, 'node-row'], texts: MODELS.map((m) => m.name) },
      { hash: '#/findings', ready: [hasTestid, 'finding'], texts: [`dim_${P.imgBare}`, `fct_${P.quoteDouble}`] },
      ...MODELS.map((m, i) => ({
        hash: `#/node/${encode(m.unique_id)}`,
        ready: [showsUid, m.unique_id],
        texts: [
          m.name,
          m.unique_id,
          `c${i}_${P.quoteDouble}`,
          `ssn${P.script}`,
          `Plain-text column description: ${P.img} ${P.iframe}`,
          `birth_date${P.rtl}`,
          P.script, // a tag and a meta value
          `alias${P.script}`,
          ...(i === 0 ? ['click', 'Bold'] : []),
        ],
      })),
      { hash: `#/node/${encode(SOURCE_ID)}`, ready: [showsUid, SOURCE_ID], texts: [SOURCE_ID, `src_${P.quoteDouble}`] },
      ...TESTS.map((t) => ({ hash: `#/node/${encode(t.unique_id)}`, ready: [() => !!document.querySelector('main h1, main [data-testid]')], texts: [] })),
      ...EXPOSURES.map((e) => ({
        hash: `#/exposure/${encode(e.unique_id)}`,
        ready: [showsUid, e.unique_id],
        texts: [e.unique_id, e.url, `Owner ${P.script}${P.quoteAttr}`, 'click'],
      })),
      ...[...MODELS.map((m) => m.unique_id), SOURCE_ID, ...EXPOSURES.map((e) => e.unique_id)].map((uid) => ({
        hash: `#/lineage/${encode(uid)}`,
        ready: [showsUid, uid],
        texts: [uid],
      })),
      // Hostile routes and filters from the address bar.
      { hash: `#/nodes?q=${encode(P.imgBare)}&tag=${encode(P.script)}`, ready: [hasTestid, 'node-count'], texts: [] },
      { hash: `#/findings?rule=${encode(P.svg)}&q=${encode(P.quoteDouble)}`, ready: [hasTestid, 'finding-count'], texts: [] },
      { hash: `#/${encode(P.script)}`, ready: [hasTestid, 'not-found'], texts: [] },
      { hash: `#/node/${encode(P.imgBare)}`, ready: [hasTestid, 'not-found'], texts: [P.imgBare] },
      { hash: `#/exposure/${encode(P.jsUrl)}`, ready: [hasTestid, 'not-found'], texts: [] },
      { hash: `#/lineage/${encode(P.quoteDouble)}`, ready: [hasTestid, 'not-found'], texts: [] },
    ];

    const clicked = new Set();
    let clicks = 0;
    for (const p of pages) {
      await go(page, p.hash, ...p.ready);
      // Open every <details> (the why of a badge, the graph as a list) so their content renders.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await assertClean(opened, p.hash, csp);
      await assertShown(page, p.texts.filter(Boolean), p.hash);

      // Follow every in-app link (and lineage box) not followed yet, from this page.
      const targets = await page.evaluate(() =>
        [...document.querySelectorAll('a[href^="#"], [data-testid="lineage-node"]')].map((el, i) => ({
          i,
          key: el.getAttribute('href') ?? `box:${el.getAttribute('data-unique-id')}`,
        })),
      );
      for (const { i, key } of targets) {
        if (clicked.has(key) || key === '#main') continue;
        clicked.add(key);
        await go(page, p.hash, ...p.ready);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const el = page.locator('a[href^="#"], [data-testid="lineage-node"]').nth(i);
        if (await el.isVisible()) {
          await el.click({ timeout: 5_000 }).catch(() => el.dispatchEvent('click'));
        } else {
          await el.dispatchEvent('click');
        }
        clicks++;
        await page.waitForTimeout(30);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        await assertClean(opened, `${p.hash} → ${key}`, csp);
      }
    }
    assert.ok(clicks >= 20, `followed ${clicks} links`);
    assert.deepEqual(opened.log.pageErrors, [], 'no page error (a panic on hostile input)');
    console.log(`# xss: ${pages.length} views, ${clicks} links followed, CSP violations: ${csp.size ? [...csp].join('; ') : 'none'}`);
    await page.close();
  });

  test('compared with an edited copy of itself, the changes render as text too', async () => {
    // The base: the hostile project before a change that adds a model and feeds the exposures,
    // and with a hostile clinical test the change drops. Served on the origin by the page's
    // own route (the server reads tests/fixtures only).
    const base = JSON.parse(files()['manifest.json']);
    const added = MODELS[1].unique_id;
    delete base.nodes[added];
    for (const e of Object.values(base.exposures)) e.depends_on = { nodes: [], macros: [] };
    const test = Object.values(base.nodes).find((n) => n.resource_type === 'test');
    const dropped = { ...structuredClone(test), unique_id: `${test.unique_id}${P.script}`, name: `${test.name}${P.imgBare}` };
    if (dropped.test_metadata) dropped.test_metadata = { ...dropped.test_metadata, name: `accepted_range${P.script}` };
    base.nodes[dropped.unique_id] = dropped;
    const opened = await openPage();
    const { page } = opened;
    await page.route(`${server.origin}/xssbase/manifest.json`, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(base) }));
    const csp = new Set();
    await page.goto(`${server.origin}/?artifacts=fixtures/xss&base=xssbase`);
    await page.getByTestId('compare-banner').waitFor({ state: 'visible', timeout: TIMEOUT });
    const views = [
      ['#/', [hasTestid, 'diff-summary']],
      ['#/diff', [hasTestid, 'diff-verdict']],
      [`#/node/${encode(added)}`, [hasTestid, 'resource-changes']],
      ...EXPOSURES.map((e) => [`#/exposure/${encode(e.unique_id)}`, [hasTestid, 'resource-changes']]),
    ];
    for (const [hash, ready] of views) {
      await go(page, hash, ...ready);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await assertClean(opened, `compared: ${hash}`, csp);
    }
    await go(page, '#/diff', hasTestid, 'diff-verdict');
    assert.ok(Number(await page.getByTestId('diff-phi').getAttribute('data-count')) >= 1, 'the added model is PHI');
    assert.ok(Number(await page.getByTestId('diff-new-findings').getAttribute('data-count')) >= 1, 'with findings');
    await assertShown(page, [added, EXPOSURES[0].unique_id], '#/diff');
    assert.deepEqual(opened.log.pageErrors, [], 'no page error (a panic on hostile input)');
    await page.close();
  });

  test('typed searches and a hostile ?docs= stay inert', async () => {
    const opened = await openPage();
    const { page } = opened;
    const csp = new Set();
    await page.goto(`${server.origin}/?artifacts=fixtures/xss&docs=${encodeURIComponent(P.jsUrl)}`);
    await page.getByTestId('project-score').waitFor({ state: 'visible', timeout: TIMEOUT });
    await go(page, `#/node/${encode(MODELS[1].unique_id)}`, showsUid, MODELS[1].unique_id);
    const docs = await page.getByTestId('docs-link').getAttribute('href');
    assert.doesNotMatch(docs, /^\s*javascript:/i, 'the dbt docs link ignores a javascript: ?docs=');
    await assertClean(opened, '?docs=javascript:', csp);

    await go(page, '#/nodes', hasTestid, 'node-search');
    for (const payload of [P.img, P.svg, P.quoteDouble, P.template]) {
      await page.getByTestId('node-search').fill(payload);
      await page.waitForTimeout(100);
      await assertClean(opened, `search ${payload}`, csp);
    }
    assert.deepEqual(opened.log.pageErrors, []);
    await page.close();
  });
});
