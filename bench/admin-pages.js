#!/usr/bin/env node
// @ts-check
/**
 * How long the admin's daily pages take to settle (issue 14: no page slower than 3 s), measured
 * from navigation start to network idle with the page's main heading visible, in headless
 * Chromium (@sparticuz/chromium).
 *
 * Against a running server (`npm start` after `npm run build`, or the demo):
 *   ADMIN_BASE=http://localhost:1337 ADMIN_EMAIL=... ADMIN_PASSWORD=... node bench/admin-pages.js
 * Without ADMIN_BASE it reads the figures the browser test (test/browser/admin-roles.test.ts)
 * recorded in docs/screenshots/browser-timings.json, one per role and page.
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

/** @returns {Promise<Array<{ role: string, step: string, path: string, ms: number }>>} */
async function measureLive(base, email, password) {
  const chromium = require('@sparticuz/chromium');
  const { chromium: playwright } = require('playwright-core');
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${base}/admin/auth/login`, { waitUntil: 'networkidle' });
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
    const figures = [];
    // Twice: the first visit of each page loads its code, the second is the everyday figure.
    for (const round of ['first', 'again']) {
      for (const [step, pagePath] of PAGES) {
        const started = Date.now();
        await page.goto(`${base}${pagePath}`, { waitUntil: 'networkidle', timeout: 60_000 });
        await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
        figures.push({ role: email, step: `${step} (${round})`, path: pagePath, ms: Date.now() - started });
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
  for (const f of figures) console.log(`${f.ms > TARGET_MS ? 'SLOW' : '  ok'} ${String(f.ms).padStart(6)} ms  ${f.role.padEnd(20)} ${f.step.padEnd(18)} ${f.path}`);
  const sorted = figures.map((/** @type {{ ms: number }} */ f) => f.ms).sort((a, b) => a - b);
  console.log(`pages: ${figures.length}, median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted[sorted.length - 1]} ms; target ${TARGET_MS} ms: ${slow.length === 0 ? 'met' : `${slow.length} slower`}`);
  process.exit(slow.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
