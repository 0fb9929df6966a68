import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVerdictCases, CASE_NOW, type VerdictCase } from '../verdict-cases.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * Every verdict a page can show, reached for real (a stored credential's page, or a credential
 * pasted into /verify), in both languages, on a 360 px phone and on a desktop: the words an
 * employer most needs must never be clipped, and claims nobody vouches for must not look
 * like a certificate.
 */

const LANGS = ['en', 'km'] as const;

describe.skipIf(!haveChromium)('every verdict in Chromium, in both languages, at 360 px and on a desktop', () => {
  let served: Served;
  let cases: VerdictCase[];

  beforeAll(async () => {
    served = await serveForBrowser();
    cases = await buildVerdictCases(served.ctx);
  }, 60_000);
  afterAll(() => served?.close());

  /** Opens the case's page as its reader would reach it. */
  const visit = async (page: Page, c: VerdictCase) => {
    served.ctx.clock.now = c.clock ?? CASE_NOW;
    if (c.path) {
      await page.goto(`${served.base}${c.path}`);
    } else {
      await page.goto(`${served.base}/verify`);
      await page.fill('#text', c.paste!);
      await page.click('#verify-form button[type=submit]');
      await page.waitForURL(`${served.base}/verify`);
    }
    await page.evaluate(() => document.fonts.ready);
  };

  it('each verdict banner fits a 360 px phone and a desktop, in English and Khmer, with no horizontal overflow', async () => {
    const overflows: string[] = [];
    for (const lang of LANGS) {
      for (const phone of [true, false]) {
        const { context, page } = await served.open({ lang, phone });
        for (const c of cases) {
          await visit(page, c);
          expect(await page.locator('.verdict').getAttribute('data-verdict'), `${c.verdict} (${lang})`).toBe(c.verdict);
          for (const o of await overflowsOf(page, '.verdict')) overflows.push(`${c.verdict} ${lang} ${phone ? '360' : 'desktop'}: ${o}`);
          await served.shot(page, `verdict-${c.verdict}-${lang}-${phone ? '360' : 'desktop'}`);
        }
        await context.close();
      }
    }
    expect(overflows).toEqual([]);
  }, 120_000);

  it('no page logged a script error or a Content-Security-Policy violation', () => {
    expect(served.problems.filter((p) => !/404 \(Not Found\)/.test(p))).toEqual([]);
  });
});
