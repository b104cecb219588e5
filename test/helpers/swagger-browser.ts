/**
 * A page of the running test server in headless Chromium (@sparticuz/chromium, which needs no
 * system packages, driven by playwright-core): every request it made and every failure.
 */
import type { AddressInfo } from 'node:net';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import type { TestApp } from './strapi';

/** Opens `path` in headless Chromium: what it requested, what went wrong, and how many `selector` it shows. */
export async function openInBrowser(app: TestApp, path: string, selector: string): Promise<{ origin: string; requests: string[]; problems: string[]; count: number }> {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => /Refused to/.test(message.text()) && problems.push(`refused: ${message.text()}`));
    await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector(selector, { timeout: 15_000 });
    return { origin, requests, problems, count: await page.locator(selector).count() };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
