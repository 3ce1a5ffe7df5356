import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { consoleDir } from '../../src/common/http/console-static.js';
import { launchChromium } from './browser.js';
import { PASSWORD, type TestApp } from './test-app.js';

/** Where the console's browser tests keep their screenshots (a CI artefact). */
export const ARTEFACTS = 'test-artifacts/console';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** What a first visit of the console (login and the page it lands on) may fetch in scripts, gzipped. */
export const FIRST_VISIT_BUDGET = 400 * 1024;

/** The console's scripts by file name (ConsoleTab.scripts), gzipped as a server or proxy in front would send them: total bytes. */
export const gzippedBytes = (scripts: Iterable<string>): number =>
  [...scripts].reduce((sum, file) => sum + gzipSync(readFileSync(join(consoleDir(), 'assets', file))).length, 0);

/** A browser tab on the console, with the Content-Security-Policy violations it reported. */
export interface ConsoleTab {
  page: Page;
  cspViolations: string[];
  /** The console's script files (under /console/assets/) the tab has asked for, by name. */
  scripts: Set<string>;
  /** Every URL the tab asked for (the page's own and its API calls, decoded): personal data must never be in one. */
  urls: string[];
}

/**
 * The service listening on loopback and a Chromium driving its console (docs/console.md): tabs
 * for a staff laptop (1366 px) or a guardian's phone (360 px), signing in, and the accessibility
 * check that every page and dialog of the console's browser tests passes.
 */
export class ConsoleBrowser {
  private constructor(
    readonly browser: Browser,
    /** http://127.0.0.1:port — the service's own origin. */
    readonly base: string,
    /** Screenshots are named `<prefix>-<page>.png`. */
    private readonly prefix: string,
  ) {}

  /**
   * Listens on a loopback port (a free one, or `port` when the app's PUBLIC_URL must name it, as
   * a wallet's offers and presentation requests do) and launches Debian's Chromium.
   */
  static async open(t: TestApp, prefix: string, port = 0): Promise<ConsoleBrowser> {
    mkdirSync(ARTEFACTS, { recursive: true });
    await t.app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    return new ConsoleBrowser(await launchChromium(), base, prefix);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** A fresh browser profile (no cookies), Chinese; a phone when `mobile`. */
  async tab(width = 1366, mobile = false): Promise<ConsoleTab> {
    const context = await this.browser.newContext({ locale: 'zh-CN', viewport: { width, height: mobile ? 740 : 800 }, isMobile: mobile, hasTouch: mobile });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    const scripts = new Set<string>();
    const urls: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    page.on('request', (r) => {
      urls.push(decodeURIComponent(r.url()));
      if (r.url().includes('/console/assets/') && r.url().endsWith('.js')) scripts.add(r.url().split('/console/assets/')[1]);
    });
    return { page, cspViolations, scripts, urls };
  }

  phone(): Promise<ConsoleTab> {
    return this.tab(360, true);
  }

  /** Staff sign-in through the login page; resolves once the console has left it. */
  async signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
    await page.goto(`${this.base}/console/login`);
    await this.submitLogin(page, username, password);
  }

  /**
   * Signs in on the login page already open — one a signed-out visitor was sent to, its `?next=`
   * kept; resolves once the console has left it.
   */
  async submitLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.locator('nav').waitFor();
  }

  /** A guardian's sign-in through their own login page; resolves on their children's page. */
  async guardianSignIn(page: Page, phone: string, password: string): Promise<void> {
    await page.goto(`${this.base}/console/guardian/login`);
    await page.fill('#phone', phone);
    await page.fill('#guardian-password', password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/console\/guardian$/);
  }

  /**
   * A screenshot of the settled page, then axe-core evaluated in it (not as a script tag: the
   * console's CSP rightly forbids inline scripts): no serious or critical violation.
   */
  async expectAccessible(page: Page, name: string): Promise<void> {
    // Contrast is judged on the settled page, not halfway through a dialog's fade-in.
    await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))');
    await page.screenshot({ path: `${ARTEFACTS}/${this.prefix}-${name}.png`, fullPage: true });
    await page.evaluate(AXE);
    // A string, run in the page: the tests' own TypeScript has no DOM types.
    const violations = await page.evaluate<Array<{ id: string; impact: string; targets: string[] }>>(
      `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) })))`,
    );
    expect({ page: name, serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ page: name, serious: [] });
  }
}

/** Waits until a condition holds in the page (page.waitForFunction would need eval, which the CSP forbids). */
export async function until(page: Page, condition: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate<boolean>(condition)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`never true in the page: ${condition}`);
}

/** The id at the end of the page's URL (a record, request, list or certificate just opened). */
export const idInUrl = (page: Page): string => new URL(page.url()).pathname.split('/').at(-1)!;
