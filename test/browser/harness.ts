import { serve, type ServerType } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AppDeps } from '../../src/services.js';
import { makeTestApp, type TestContext } from '../helpers.js';

/*
 * What every browser test needs: Debian's chromium driven by playwright-core, the app served
 * on 127.0.0.1 by @hono/node-server, phone and desktop profiles, and screenshots in
 * test-artifacts/ (git-ignored). A machine without chromium skips the browser tests; CI
 * installs it (.ci/run), so there a missing chromium is an error.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get`);

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface Served {
  ctx: TestContext;
  base: string;
  browser: Browser;
  /** Script errors and CSP violations the pages logged, by page URL. */
  problems: string[];
  /** A fresh browser profile: a phone (360 px wide, the default) or a desktop, in a language. */
  open(options?: { lang?: 'en' | 'km'; phone?: boolean; javaScript?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** A full-page screenshot into test-artifacts/<name>.png, once the page's fonts are in. */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** A test app served over HTTP, and a headless chromium to look at it with. */
export async function serveForBrowser(deps: Partial<AppDeps> = {}): Promise<Served> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await makeTestApp({ publicUrl: base, deps });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  const problems: string[] = [];
  return {
    ctx, base, browser, problems,
    async open(options = {}) {
      const context = await browser.newContext({
        viewport: options.phone === false ? DESKTOP : PHONE,
        deviceScaleFactor: 1,
        locale: options.lang === 'km' ? 'km-KH' : 'en-US',
        javaScriptEnabled: options.javaScript ?? true,
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
      // A page's own 404 is a verdict; a stylesheet, font or icon that 404s is a defect.
      page.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${page.url()}: ${r.status()} for ${r.url()}`);
      });
      return { context, page };
    },
    async shot(page, name) {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Horizontal overflow on the page: the document's, and that of every element matching
 * `selector` (its scrollWidth beyond its clientWidth, or a descendant's box poking out of
 * it). Empty when everything fits.
 */
export async function overflowsOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) found.push(`document: scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      if (el.scrollWidth > el.clientWidth) found.push(`${sel}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      const box = el.getBoundingClientRect();
      for (const child of Array.from(el.querySelectorAll<HTMLElement>('*'))) {
        const r = child.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) {
          found.push(`${sel} ${child.tagName.toLowerCase()}.${child.className} "${(child.textContent ?? '').slice(0, 40)}" spans ${r.left.toFixed(0)}–${r.right.toFixed(0)}, outside ${box.left.toFixed(0)}–${box.right.toFixed(0)}`);
        }
      }
    }
    return found;
  }, selector);
}
