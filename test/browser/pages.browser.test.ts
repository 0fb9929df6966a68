import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplate } from '../cohort-helpers.js';
import { findChromium } from './chromium.js';
import { ADMIN_TOKEN, issue, makeTestApp, sampleRequest, type IssueResponse, type TestContext } from '../helpers.js';
import { t } from '../../src/web/i18n.js';

/*
 * The pages in a real browser: Debian's chromium driven by playwright-core, against the app
 * served on 127.0.0.1 by @hono/node-server. Screenshots of every page in both languages go
 * to test-artifacts/ (git-ignored). CI installs chromium (.ci/run); a developer machine
 * without it skips this file, saying so (./chromium.ts).
 */

const CHROMIUM = findChromium() ?? '';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const haveChromium = CHROMIUM !== '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const decodeQrPng = (bytes: Uint8Array): string | null => {
  const png = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
};

/** Pages in a PDF as Chromium writes them (one "/Type /Page" object per page). */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

describe.skipIf(!haveChromium)('the pages in Chromium', () => {
  let ctx: TestContext;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let issued: IssueResponse;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ctx = await makeTestApp({ publicUrl: base });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: ctx.app.fetch, port, hostname: '127.0.0.1' }, () => resolve());
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
    issued = await issue(ctx);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A fresh browser profile: a phone (Android size) or a desktop, in a language. */
  const open = async (options: { lang?: 'en' | 'km'; phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({
      viewport: options.phone === false ? { width: 1280, height: 900 } : { width: 360, height: 740 },
      deviceScaleFactor: 1,
      locale: options.lang === 'km' ? 'km-KH' : 'en-US',
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    return { context, page };
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });

  it('the QR code on a certificate opens a page that reads VALID', async () => {
    const qr = await fetch(`${base}/credentials/${issued.id}/qr.png`);
    const url = decodeQrPng(new Uint8Array(await qr.arrayBuffer()));
    expect(url).toBe(`${base}/v/${issued.id}`);
    for (const lang of ['en', 'km'] as const) {
      const { context, page } = await open({ lang });
      await page.goto(url!);
      await expect.poll(() => page.locator('.verdict .word').textContent()).toBe(lang === 'en' ? 'VALID · GENUINE' : 'ពិតប្រាកដ · ត្រឹមត្រូវ');
      expect(await page.locator('.verdict').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 107, 47)');
      await page.evaluate(() => document.fonts.ready);
      await shot(page, `verify-valid-${lang}`);
      await context.close();
    }
  });

  it('switching to Khmer shows Khmer, rendered with the service’s own Khmer font, and is remembered', async () => {
    const { context, page } = await open({ lang: 'en' });
    await page.goto(`${base}/v/${issued.id}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('header .lang');
    await page.waitForURL(`${base}/v/${issued.id}`);
    expect(await page.getAttribute('html', 'lang')).toBe('km');
    expect(await page.locator('.verdict .word').textContent()).toBe('ពិតប្រាកដ · ត្រឹមត្រូវ');
    expect(await page.locator('main').textContent()).toContain('ការដំឡើងអគ្គិសនី');
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      let loaded = false;
      document.fonts.forEach((f) => {
        if (f.family.replace(/"/g, '') === 'Noto Sans Khmer' && f.status === 'loaded') loaded = true;
      });
      return loaded;
    });
    expect(fontLoaded).toBe(true);
    await page.goto(`${base}/verify`);
    expect(await page.getAttribute('html', 'lang')).toBe('km');
    await context.close();
  });

  it('revoking in the console makes the verify page read REVOKED', async () => {
    const target = await issue(ctx, { ...sampleRequest(), learner: { name: 'Meas Sokha', nameKm: 'មាស សុខា' } });
    const { context, page } = await open({ phone: false });
    await page.goto(`${base}/console`);
    await page.fill('#key', ADMIN_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/console/credentials`);
    await page.fill('#q', 'Sokha');
    await page.click('form[role=search] button');
    await page.click(`tr[data-id="${target.id}"] a`);
    await page.click(`a[href$="/${target.id}/revoke"]`);
    expect(await page.textContent('main')).toContain('Revocation is permanent');
    await page.fill('#reason', 'issued to the wrong person');
    await page.click('form[method=post] button[type=submit].danger');
    await page.waitForURL(`${base}/console/credentials/${target.id}?done=revoke`);
    expect(await page.textContent('.notice')).toContain('The credential is revoked.');
    await page.goto(`${base}/v/${target.id}`);
    expect(await page.locator('.verdict .word').textContent()).toBe('REVOKED');
    expect(await page.locator('.verdict').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(164, 22, 26)');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'verify-revoked-en');
    await page.click('header .lang');
    await page.waitForURL(`${base}/v/${target.id}`);
    await page.evaluate(() => document.fonts.ready);
    await shot(page, 'verify-revoked-km');
    await context.close();
  });

  it('a learner named <img src=x onerror=alert(1)> is shown as text and runs nothing', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const xss = await issue(ctx, { ...sampleRequest(), learner: { name: evil } });
    const { context, page } = await open();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    for (const path of [`/v/${xss.id}`, `/c/${xss.id}`]) {
      await page.goto(`${base}${path}`);
      expect(await page.locator('main').textContent()).toContain(evil);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    }
    const admin = await open({ phone: false });
    await admin.page.goto(`${base}/console/login`);
    await admin.page.fill('#key', ADMIN_TOKEN);
    await admin.page.click('button[type=submit]');
    await admin.page.waitForURL(`${base}/console/credentials`);
    admin.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    expect(await admin.page.locator(`tr[data-id="${xss.id}"]`).textContent()).toContain(evil);
    expect(dialogs).toBe(0);
    await context.close();
    await admin.context.close();
  });

  it('the print view of the learner’s certificate fits one A4 page, in both languages', async () => {
    for (const lang of ['en', 'km'] as const) {
      const { context, page } = await open({ lang });
      await page.goto(`${base}/c/${issued.id}`);
      await page.evaluate(() => document.fonts.ready);
      await shot(page, `learner-${lang}`);
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi, for a screenshot like the paper
      await shot(page, `learner-print-${lang}`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(new URL(`learner-${lang}.pdf`, ARTIFACTS), pdf);
      expect(pdfPages(pdf)).toBe(1);
      await context.close();
    }
  });

  it('the learner page shows its share, download, LinkedIn and print buttons with JavaScript on', async () => {
    const { context, page } = await open();
    await page.goto(`${base}/c/${issued.id}`);
    await expect.poll(() => page.locator('[data-copy]').isVisible()).toBe(true);
    expect(await page.locator('[data-print]').isVisible()).toBe(true);
    const linkedIn = new URL((await page.getAttribute('a[href^="https://www.linkedin.com/"]', 'href'))!);
    expect(linkedIn.searchParams.get('certId')).toBe(issued.id);
    expect(await page.getAttribute('meta[property="og:image"]', 'content')).toBe(`${base}/c/${issued.id}/card.png`);
    // The share card, kept beside the screenshots (a PNG itself).
    const card = await fetch(`${base}/c/${issued.id}/card.png`);
    expect(card.status).toBe(200);
    writeFileSync(new URL('share-card.png', ARTIFACTS), new Uint8Array(await card.arrayBuffer()));
    await context.close();
  });

  it('/verify decodes an uploaded photo of a QR code (jsQR where there is no BarcodeDetector) and shows the verdict', async () => {
    for (const lang of ['en', 'km'] as const) {
      const { context, page } = await open({ lang });
      await page.goto(`${base}/verify`);
      await expect.poll(() => page.locator('#scan').isVisible()).toBe(true);
      await shot(page, `verify-anything-${lang}`);
      const png = Buffer.from(await (await fetch(`${base}/credentials/${issued.id}/qr.png`)).arrayBuffer());
      await page.setInputFiles('#qr-image', { name: 'qr.png', mimeType: 'image/png', buffer: png });
      await page.waitForURL(`${base}/v/${issued.id}`);
      expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('valid');
      await context.close();
    }
  });

  it('/verify works with JavaScript off: paste a JWT, see the verdict', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/verify`);
    expect(await page.locator('#scan').isVisible()).toBe(false);
    await page.fill('#text', issued.jwt);
    await page.click('#verify-form button[type=submit]');
    await page.waitForURL(`${base}/verify`);
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('valid');
    await shot(page, 'verify-anything-result-nojs-en');
    await context.close();
  });

  it('uploading a class list with errors in the console shows them by row; issuing the ready rows shows progress to the end', async () => {
    await createTemplate(ctx);
    const csv = readFileSync(new URL('../fixtures/batches/problems.csv', import.meta.url));
    let englishBatch = '';
    for (const lang of ['en', 'km'] as const) {
      const { context, page } = await open({ lang, phone: false });
      await page.goto(`${base}/console/login`);
      await page.fill('#key', ADMIN_TOKEN);
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/console/credentials`);
      await page.click('nav a[href$="/console/batches"]');
      await page.waitForURL(`${base}/console/batches`);
      await page.evaluate(() => document.fonts.ready);
      await shot(page, `console-cohort-upload-${lang}`);
      await page.setInputFiles('#file', { name: 'class-list.csv', mimeType: 'text/csv', buffer: csv });
      await page.click('form[action$="/console/batches/check"] button[type=submit]');
      await page.waitForURL(`${base}/console/batches/check`);
      // Every problem in its row, with the column it is in.
      const problemRows = await page.locator('#problems tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-row'), tr.children[1]!.textContent]));
      expect(problemRows).toEqual([['3', 'completion date'], ['4', 'template'], ['5', 'name'], ['7', 'student_id'], ['8', 'student_id'], ['9', 'email']]);
      expect(await page.locator('#ready tbody tr').count()).toBe(1);
      await page.evaluate(() => document.fonts.ready);
      await shot(page, `console-cohort-check-${lang}`);
      if (lang === 'en') expect(await page.textContent('#check-summary')).toContain('7 rows: 1 ready to issue, 6 with problems.');
      if (lang === 'en') {
        await page.click('button:text-is("Issue only the 1 ready row")');
        await page.waitForURL(/\/console\/batches\/[A-Za-z0-9]+$/);
        englishBatch = page.url();
      } else {
        // The English run issued the one ready row: nothing is left to issue, so nothing is offered.
        expect(await page.locator('form[action$="/console/batches"] button[type=submit]').count()).toBe(0);
        expect(await page.locator('#nothing-new').isVisible()).toBe(true);
        await page.goto(englishBatch);
      }
      // The page refreshes itself until the batch is done.
      await expect.poll(() => page.locator('#batch-state').textContent(), { timeout: 15_000 }).toBe(lang === 'en' ? 'Finished' : 'បានបញ្ចប់');
      expect(await page.getAttribute('#batch-progress', 'value')).toBe('1');
      await page.evaluate(() => document.fonts.ready);
      await shot(page, `console-cohort-done-${lang}`);
      if (lang === 'en') {
        const download = page.waitForEvent('download');
        await page.click('a[href$="/results.csv"]');
        expect((await download).suggestedFilename()).toMatch(/^batch-[A-Za-z0-9]+-results\.csv$/);
      }
      await context.close();
    }
  });

  it('screenshots of the console in both languages: each page in its language, showing what it is for, none wider than the window', { timeout: 120_000 }, async () => {
    for (const lang of ['en', 'km'] as const) {
      const m = t(lang);
      const { context, page } = await open({ lang, phone: false });
      /** What a screenshot shows, asserted before it is taken: the language, the heading (or, without one, the title), the page fits its window. */
      const expectPage = async (name: string, heading: string | null, title?: string) => {
        await page.evaluate(() => document.fonts.ready);
        expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
        if (heading !== null) expect((await page.locator('h1').first().textContent())?.replace(/\s+/g, ' ').trim(), name).toBe(heading);
        if (title !== undefined) expect(await page.title(), name).toContain(title);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} fits the window`).toBe(true);
        await shot(page, `${name}-${lang}`);
      };
      const opened = async (path: string) => (await page.goto(`${base}${path}`))?.status();

      expect(await opened('/console/login')).toBe(200);
      await expectPage('console-login', m.console, m.signIn);
      // The key is typed into a password field, never shown.
      expect(await page.locator('#key').getAttribute('type')).toBe('password');
      expect((await page.locator('button[type=submit]').textContent())?.trim()).toBe(m.signIn);
      await page.fill('#key', ADMIN_TOKEN);
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/console/credentials`);
      await expectPage('console-list', m.credentials);
      // The list shows the credential issued above, by its learner's name, with a link to it.
      expect(await page.locator(`a[href$="/console/credentials/${issued.id}"]`).count()).toBeGreaterThan(0);
      expect(await page.locator('body').textContent()).toContain(sampleRequest().learner.name);

      expect(await opened(`/console/credentials/${issued.id}`)).toBe(200);
      // The credential's own page: its learner, its id, and the status changes the ministry's key may make.
      expect(await page.locator(`a[href$="/console/credentials/${issued.id}/revoke"]`).textContent()).toBe(m.revoke);
      expect(await page.locator(`a[href$="/console/credentials/${issued.id}/suspend"]`).textContent()).toBe(m.suspend);
      expect(await page.locator('body').textContent()).toContain(issued.id);
      await expectPage('console-detail', null, sampleRequest().learner.name);

      expect(await opened(`/console/credentials/${issued.id}/suspend`)).toBe(200);
      await expectPage('console-confirm', m.confirmTitle.suspend);
      expect(await page.locator('body').textContent()).toContain(m.confirmLine.suspend);
      expect(await page.locator('textarea[name=reason]').count()).toBe(1);

      expect(await opened('/console/issue')).toBe(200);
      await expectPage('console-issue', m.issueOne);
      expect(await page.locator('input[name=learnerName]').count()).toBe(1);

      expect(await opened('/console/institutes')).toBe(200);
      await expectPage('console-institutes', m.ministryView);
      // The default institute, by its name in the page's language, accredited now.
      expect(await page.locator('body').textContent()).toContain(lang === 'km' ? ctx.institute.nameKm : ctx.institute.name);
      expect(await page.locator('body').textContent()).toContain(m.accreditedNow);

      expect(await opened('/v/1111111111111111111111')).toBe(404);
      await expectPage('not-found', null, m.notFoundTitle);
      await context.close();
    }
  });

  it('no page logged a script error or a Content-Security-Policy violation', () => {
    expect(problems.filter((p) => !/404 \(Not Found\)/.test(p))).toEqual([]);
  });
});
