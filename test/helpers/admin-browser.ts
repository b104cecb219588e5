/**
 * Driving the built admin panel in headless Chromium (@sparticuz/chromium + playwright-core) for
 * the browser tests: a server process that serves dist/build, and a page that records its console
 * errors, the English words it shows and how long each page took to settle.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

/**
 * Console errors that are not errors of ours: react-intl reports MISSING_TRANSLATION for the
 * Content Manager's `content-manager.content-types.<uid>.<field>` ids on purpose — it looks each
 * field's label up under that id first and falls back to the label configured in the view settings
 * (Chinese, from config/sync). Exactly that message and nothing else is ignored.
 */
export function isIntendedFallback(text: string): boolean {
  return /^(Error: )?\[@formatjs\/intl Error MISSING_TRANSLATION\] Missing message: "content-manager\.content-types\./.test(text);
}

/**
 * The Latin-script words a Chinese admin may legitimately show, each for a reason:
 * Excel, PDF, JPG and PNG (file formats staff know by those names: the proof upload's hint), API, REST and GraphQL (names of the
 * interfaces on the settings pages, and an audit entry's channel, REST 接口), ID and IP (as written in Chinese UI text, 身份证 aside),
 * Strapi (the product name), KB and MB (file sizes of attached documents).
 */
export const ALLOWED_WORDS = new Set(['Excel', 'PDF', 'JPG', 'PNG', 'API', 'REST', 'GraphQL', 'ID', 'IP', 'Strapi', 'KB', 'MB']);

/** The English words in `text`: Latin-script words of two letters or more, not allowed, not inside an email address or a URL. */
export function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ') // email addresses (staff logins)
    .replace(/https?:\/\/\S+/g, ' ') // links
    .replace(/[^\s/\\]+\.(pdf|jpe?g|png|docx?|xlsx?)\b/gi, ' ') // names of uploaded files (data, not UI)
    .replace(/\b(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]+\b/g, ' '); // codes with digits: student numbers, class codes, SX2027...
  const words = cleaned.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((word) => !ALLOWED_WORDS.has(word)))];
}

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
}

export interface PageRecord {
  role: string;
  step: string;
  path: string;
  /** From navigation start to network idle with the page's main heading visible. */
  ms: number;
}

/** A logged-in page that keeps what went wrong. */
export class AdminSession {
  readonly consoleErrors: string[] = [];
  readonly english = new Map<string, Set<string>>();
  readonly timings: PageRecord[] = [];

  constructor(
    readonly page: Page,
    readonly origin: string,
    readonly role: string,
    readonly screenshotDir: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !isIntendedFallback(message.text())) this.consoleErrors.push(`${page.url().replace(origin, '')}: ${message.text().slice(0, 300)}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`${page.url().replace(origin, '')}: uncaught ${error.message.slice(0, 300)}`));
  }

  async login(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.origin}/admin/auth/login`, { waitUntil: 'networkidle' });
    await this.page.locator('input[name="email"]').fill(email);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('button[type="submit"]').click();
    await this.page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
  }

  /** Opens `path`, waits until it settles, and records the time it took. */
  async visit(step: string, path: string): Promise<void> {
    const started = Date.now();
    await this.page.goto(`${this.origin}${path}`, { waitUntil: 'networkidle', timeout: 60_000 });
    await this.page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    this.timings.push({ role: this.role, step, path, ms: Date.now() - started });
  }

  /** Waits for the network to go quiet, reads the visible text for English, and takes the screenshot. */
  async check(step: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    // Strapi's own loaders say "Loading" for a moment after the network is idle (longer on a busy
    // machine); one that stays is reported as English below.
    await this.page.waitForFunction(() => !/\bLoading\b/.test(document.body.innerText), undefined, { timeout: 30_000 }).catch(() => undefined);
    const text = await this.page.evaluate(() => document.body.innerText);
    const words = englishWords(text);
    if (words.length > 0) this.english.set(step, new Set(words));
    await this.page.screenshot({ path: `${this.screenshotDir}/browser-${this.role}-${step}.png` });
  }

  /** The problems found, one line each, for the test's expectation. */
  problems(): string[] {
    return [...this.consoleErrors.map((e) => `console error at ${e}`), ...[...this.english].map(([step, words]) => `English on ${step}: ${[...words].join(', ')}`)];
  }
}
