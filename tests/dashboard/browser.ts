// Real Chromium for the page tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser), headless, with a fresh profile each run. Every page records console errors and
// uncaught exceptions; `axe` runs axe-core in the page; `screenshot` writes tests/screenshots/<name>.png.
import axe from 'axe-core';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  /** A new tab; its console errors and page errors collect in `errors`. */
  open(url: string): Promise<Page>;
  errors: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  // --user-data-dir is what launchPersistentContext passes for this folder.
  const profile = mkdtempSync(join(tmpdir(), 'fuhua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  return {
    context,
    errors,
    async open(url: string) {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      // Served offline: nothing is fetched from another origin (no CDN, no fonts, no telemetry).
      const origin = new URL(url).origin;
      page.on('request', (request) => {
        const target = request.url();
        if (/^https?:/.test(target) && new URL(target).origin !== origin) errors.push(`${page.url()}: fetched ${target}`);
      });
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(
    (exclude) => (globalThis as any).axe.run({ include: [['html']], exclude: exclude.map((selector) => [selector]) }, { resultTypes: ['violations'] }),
    exclude,
  );
  return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const baseUrl = (gatewayUrl: string) => gatewayUrl.replace(/\/graphql$/, '');
