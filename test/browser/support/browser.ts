/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TestApp } from '../../support/test-app';

/** Where Debian (and Ubuntu) put Chromium; CHROMIUM_PATH names another binary instead. */
const CHROMIUM_CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium, or null: the suite never downloads a browser. */
export const CHROMIUM: string | null = CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;

const onCi = !!process.env.CI && !['false', '0'].includes(process.env.CI.toLowerCase());

/**
 * `describe` for a browser suite. Without a Chromium binary the suite is skipped with a message on
 * a developer's machine, and fails under CI (CI=true), which must run it.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (CHROMIUM) {
    describe(name, suite);
    return;
  }
  const missing = `No Chromium binary found (looked for ${CHROMIUM_CANDIDATES.join(', ')}). Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`;
  if (onCi) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${missing}. The browser suite must run under CI.`);
      });
    });
    return;
  }
  process.stderr.write(`\nSKIPPED the browser suite "${name}": ${missing}\n\n`);
  describe.skip(name, suite);
}

/** Where screenshots go (a failing step's page; every page with PAGES_SCREENSHOTS=1). */
export const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(__dirname, '..', 'screenshots');
/** Every page the suite visits must weigh less than this, without images. */
export const MAX_PAGE_BYTES = 100 * 1024;

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The real application on a real port, and Chromium to drive it. */
export class BrowserWorld {
  private constructor(
    readonly t: TestApp,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<BrowserWorld> {
    const t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as { port: number };
    const browser = await chromium.launch({
      executablePath: CHROMIUM ?? undefined,
      headless: true,
      // Playwright gives every launch a fresh, temporary profile (user data directory).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=en-GB',
      ],
    });
    return new BrowserWorld(t, browser, `http://127.0.0.1:${address.port}`);
  }

  /** A person at their own browser window (own cookies). */
  async person(name: string): Promise<Person> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, locale: 'en-GB' });
    return new Person(name, context, await context.newPage());
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.t?.close();
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** One person's browser tab, with the checks every page visit gets. */
export class Person {
  /** What each visited page weighed, for the report at the end. */
  readonly weights: { url: string; bytes: number }[] = [];

  constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /**
   * Runs a step; on failure the page is saved as a screenshot (test/browser/screenshots/) before
   * the error goes on.
   */
  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await this.screenshot(`FAILED-${label}`);
      throw error;
    }
  }

  async screenshot(label: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${this.name}-${label}`.replace(/[^\w.-]+/g, '_') + '.png');
    await this.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  }

  /**
   * The checks of every page: axe-core finds no WCAG 2.1 A/AA violation, the page with its style
   * sheet weighs less than 100 KB, and every form that posts carries a CSRF token. With PAGES_SCREENSHOTS=1 the page is also saved.
   */
  async checkPage(label: string): Promise<void> {
    await this.page.waitForLoadState('load');
    // Evaluated through the DevTools protocol: the pages' CSP forbids injected inline scripts.
    await this.page.evaluate(AXE_SOURCE);
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
      }));
    });
    const bytes = await this.page.evaluate(() =>
      (performance.getEntries() as PerformanceResourceTiming[])
        .filter((e) => e.entryType === 'navigation' || (e.entryType === 'resource' && e.initiatorType !== 'img'))
        .reduce((sum, e) => sum + (e.decodedBodySize || 0), 0),
    );
    this.weights.push({ url: this.page.url(), bytes });
    // Every form that posts carries the session's CSRF token (a file upload in its URL); the
    // login form, before there is a session, its own token.
    const forms = await this.page.evaluate(() =>
      [...document.querySelectorAll('form')]
        .filter((form) => form.method.toLowerCase() === 'post')
        .map((form) => ({
          action: form.getAttribute('action') ?? '',
          csrf:
            form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ||
            new URL(form.action).searchParams.get('_csrf') ||
            '',
          login: form.querySelector<HTMLInputElement>('input[name="_login"]')?.value ?? '',
        })),
    );
    const signedIn = (await this.context.cookies()).some((c) => c.name === 'pr_session');
    const tokens = new Set(forms.filter((f) => f.csrf).map((f) => f.csrf));
    const unprotected = forms.filter((f) => (f.action === '/login' ? !f.login : signedIn && !f.csrf));
    expect({ page: label, unprotected, tokens: tokens.size > 1 ? [...tokens] : [] }).toEqual({
      page: label,
      unprotected: [],
      tokens: [],
    });
    if (process.env.PAGES_SCREENSHOTS) await this.screenshot(label);
    if (violations.length) await this.screenshot(`axe-${label}`);
    expect({ page: label, violations }).toEqual({ page: label, violations: [] });
    expect({ page: label, heavy: bytes >= MAX_PAGE_BYTES ? bytes : null }).toEqual({ page: label, heavy: null });
  }

  async goto(path: string, label: string): Promise<void> {
    await this.page.goto(path);
    await this.checkPage(label);
  }

  /** Presses Tab until the focused element's text (or label) matches, then returns; fails after `max` presses. */
  async tabTo(matcher: RegExp, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${el.textContent ?? ''} ${labelled ?? ''} ${el.getAttribute('aria-label') ?? ''} ${(el as HTMLInputElement).value ?? ''}`;
      });
      if (matcher.test(focused)) return;
    }
    throw new Error(`No element matching ${matcher} reached with the Tab key`);
  }
}
