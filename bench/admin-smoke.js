#!/usr/bin/env node
// @ts-check
/**
 * Admin smoke check for the security headers: against a running server (`npm run develop`, or
 * `npm start`), opens the admin in Chromium, logs in, opens the student list and one student, and prints every
 * console error (a CSP violation shows up there), failed request and the page's CSP, grouped.
 * Exits 1 on a CSP violation or an uncaught page error.
 *
 *   ADMIN_BASE=http://localhost:1337 ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=Admin12345 \
 *   CHROMIUM=/usr/bin/chromium SCREENSHOT=/tmp/hardening-admin.png node bench/admin-smoke.js
 */
'use strict';

const { chromium } = require('playwright-core');

const BASE = process.env.ADMIN_BASE || 'http://localhost:1337';
const EMAIL = process.env.ADMIN_EMAIL || 'admin@example.com';
const PASSWORD = process.env.ADMIN_PASSWORD || 'Admin12345';
const SCREENSHOT = process.env.SCREENSHOT || '/tmp/hardening-admin.png';
const LIST = '/admin/content-manager/collection-types/api::student.student';

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  /** @type {string[]} */
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`http ${response.status()}: ${response.request().method()} ${response.url()}`);
    });
    const login = await page.goto(`${BASE}/admin/auth/login`, { waitUntil: 'networkidle' });
    console.log(`CSP: ${login?.headers()['content-security-policy']}`);
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
    await page.goto(`${BASE}${LIST}`, { waitUntil: 'networkidle' });
    await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
    console.log(`student list rows: ${await page.locator('table tbody tr').count()}`);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    // One entry's edit view as well: its form, relation pickers and side panels load more code.
    await page.locator('table tbody tr').first().click();
    await page.waitForURL((url) => /api::student\.student\/[a-z0-9]+/.test(url.pathname), { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    console.log(`edit view: ${page.url()}`);
    console.log(`screenshot: ${SCREENSHOT}`);
  } finally {
    await browser.close();
  }
  const csp = errors.filter((e) => /Content Security Policy|Refused to (load|execute|connect|apply|frame)/i.test(e));
  const counts = new Map();
  for (const error of errors) {
    const line = error.split('\n')[0].slice(0, 200);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  for (const [line, count] of counts) console.log(`${String(count).padStart(3)} x ${line}`);
  console.log(`${errors.length} console/page/http error(s), of which CSP violations: ${csp.length}`);
  if (csp.length > 0 || errors.some((e) => e.startsWith('page:'))) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
