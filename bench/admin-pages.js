#!/usr/bin/env node
// @ts-check
/**
 * How long the admin's daily pages take to settle (issue 14: no page slower than 3 s), measured
 * from navigation start to network idle with the page's main heading visible, in headless
 * Chromium (@sparticuz/chromium).
 *
 * Against a running server (`npm start` after `npm run build`, or the demo):
 *   ADMIN_BASE=http://localhost:1337 ADMIN_EMAIL=... ADMIN_PASSWORD=... node bench/admin-pages.js
 * with PROFILE=1 it also prints, per visit, where the time went (API calls, bytes of script over
 * the wire and their encoding, long tasks); ADMIN_PAGES=name=/admin/...,... adds pages, ROUNDS=n
 * visits each page n times (default 2).
 * Without ADMIN_BASE it reads the figures the browser test (test/browser/admin-roles.test.ts)
 * recorded in docs/screenshots/browser-timings.json, one per role and page.
 * Each visit is timed as the browser test times it: a full navigation, to network idle (which
 * includes Playwright's 500 ms without requests) with the page's h1 visible.
 * Prints the figures; exits 1 when a page took more than 3 s.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TARGET_MS = 3000;
const PAGES = [
  ['home', '/admin'],
  ['students', '/admin/content-manager/collection-types/api::student.student'],
  ['requests', '/admin/content-manager/collection-types/api::status-change.status-change'],
  ['inbox', '/admin/student-records/inbox'],
];

/**
 * What one visit did, from Chromium's own records (PROFILE=1): the API calls and the slowest of
 * them, the scripts and what crossed the wire for them (compressed or not, or from the cache),
 * when the last response ended, and the main thread's long tasks (over 50 ms).
 * @typedef {{ api: number, slowest: string, scripts: number, scriptKB: number, encodings: string, lastEndMs: number, longTasks: number, longTaskMs: number }} VisitProfile
 */

/** @param {import('playwright-core').Page} page */
async function recorder(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  /** @type {Map<string, { url: string, type: string, start: number, end?: number, bytes?: number, encoding?: string, cached?: boolean }>} */
  let requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type ?? '', start: e.timestamp }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || 'none', cached: Boolean(e.response.fromDiskCache) });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  await page.addInitScript(() => {
    // @ts-ignore
    window.__longTasks = [];
    // @ts-ignore
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  return {
    start: () => (requests = new Map()),
    /** @returns {Promise<VisitProfile>} */
    async finish() {
      const all = [...requests.values()].filter((r) => !r.url.startsWith('data:'));
      const t0 = Math.min(...all.map((r) => r.start));
      const api = all.filter((r) => r.type === 'Fetch' || r.type === 'XHR');
      const scripts = all.filter((r) => r.type === 'Script');
      const slowest = api.filter((r) => r.end).sort((a, b) => (b.end ?? 0) - b.start - ((a.end ?? 0) - a.start))[0];
      // @ts-ignore
      const longTasks = /** @type {number[]} */ (await page.evaluate(() => window.__longTasks ?? []));
      return {
        api: api.length,
        slowest: slowest ? `${new URL(slowest.url).pathname.slice(0, 60)} ${Math.round(((slowest.end ?? 0) - slowest.start) * 1000)} ms` : '-',
        scripts: scripts.length,
        scriptKB: Math.round(scripts.reduce((sum, r) => sum + (r.cached ? 0 : r.bytes ?? 0), 0) / 1024),
        encodings: [...new Set(scripts.filter((r) => !r.cached && (r.bytes ?? 0) > 1024).map((r) => r.encoding))].join('/') || 'cached',
        lastEndMs: Math.round((Math.max(...all.map((r) => r.end ?? r.start)) - t0) * 1000),
        longTasks: longTasks.length,
        longTaskMs: Math.round(longTasks.reduce((a, b) => a + b, 0)),
      };
    },
  };
}

/**
 * Logs in and visits each page ROUNDS times (default 2: the first visit, which loads the page's
 * code, and a warm one), each visit a full navigation measured as the browser test measures it.
 * ADMIN_PAGES adds pages (`name=/admin/...`, comma-separated), such as a request's edit view.
 * @returns {Promise<Array<{ role: string, step: string, path: string, ms: number, profile?: VisitProfile }>>}
 */
async function measureLive(base, email, password) {
  const chromium = require('@sparticuz/chromium');
  const { chromium: playwright } = require('playwright-core');
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  const extra = (process.env.ADMIN_PAGES || '').split(',').filter(Boolean).map((entry) => /** @type {[string, string]} */ ([entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  const rounds = Number(process.env.ROUNDS || 2);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const record = process.env.PROFILE ? await recorder(page) : null;
    await page.goto(`${base}/admin/auth/login`, { waitUntil: 'networkidle' });
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const figures = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const [step, pagePath] of [...PAGES, ...extra]) {
        record?.start();
        const started = Date.now();
        await page.goto(`${base}${pagePath}`, { waitUntil: 'networkidle', timeout: 60_000 });
        await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
        const ms = Date.now() - started;
        figures.push({ role: email, step: `${step} (${round === 0 ? 'first' : 'again'})`, path: pagePath, ms, ...(record ? { profile: await record.finish() } : {}) });
      }
    }
    return figures;
  } finally {
    await browser.close();
  }
}

async function main() {
  const base = process.env.ADMIN_BASE;
  const figures = base
    ? await measureLive(base, process.env.ADMIN_EMAIL || 'admin@example.com', process.env.ADMIN_PASSWORD || 'Admin12345')
    : JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'docs', 'screenshots', 'browser-timings.json'), 'utf8'));
  const slow = figures.filter((/** @type {{ ms: number }} */ f) => f.ms > TARGET_MS);
  for (const f of figures) {
    console.log(`${f.ms > TARGET_MS ? 'SLOW' : '  ok'} ${String(f.ms).padStart(6)} ms  ${f.role.padEnd(20)} ${f.step.padEnd(18)} ${f.path}`);
    const p = f.profile;
    if (p) console.log(`         ${p.api} API calls (slowest ${p.slowest}), last response at ${p.lastEndMs} ms; ${p.scripts} scripts, ${p.scriptKB} KB over the wire (${p.encodings}); ${p.longTasks} long tasks, ${p.longTaskMs} ms`);
  }
  const sorted = figures.map((/** @type {{ ms: number }} */ f) => f.ms).sort((a, b) => a - b);
  console.log(`pages: ${figures.length}, median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted[sorted.length - 1]} ms; target ${TARGET_MS} ms: ${slow.length === 0 ? 'met' : `${slow.length} slower`}`);
  process.exit(slow.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
