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
  const caseOf = (verdict: string) => cases.find((c) => c.verdict === verdict)!;

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

  it('a tampered, unknown-issuer, compromised-key or unreadable credential shows none of its claims, and says not to rely on them', async () => {
    for (const lang of LANGS) {
      const { context, page } = await served.open({ lang });
      for (const verdict of ['tampered', 'unknown-issuer', 'key-compromised', 'invalid'] as const) {
        await visit(page, caseOf(verdict));
        const main = await page.locator('main').innerText();
        expect(main, `${verdict} ${lang}`).not.toMatch(/Keo Malis|Level 4 Master Electrician|Sok Dara|សុខ ដារ៉ា|Electrical Installation|ការដំឡើងអគ្គិសនី/);
        expect(await page.locator('[data-claims="withheld"]').isVisible(), `${verdict} ${lang}`).toBe(true);
        // The one instruction of a genuine page (compare the name with the ID card) has no place here.
        expect(main).not.toContain(lang === 'en' ? 'Compare the name' : 'សូមប្រៀបធៀបឈ្មោះ');
      }
      await context.close();
    }
  });

  it('a credential from an unaccredited signer shows its claims greyed under a "not verified, do not rely on these details" label', async () => {
    for (const lang of LANGS) {
      const { context, page } = await served.open({ lang });
      await visit(page, caseOf('not-accredited'));
      const claims = page.locator('[data-claims="unverified"]');
      expect(await claims.isVisible()).toBe(true);
      expect(await claims.innerText()).toContain(lang === 'en' ? 'Not verified — do not rely on these details' : 'មិនបានផ្ទៀងផ្ទាត់ — សូមកុំពឹងផ្អែកលើព័ត៌មានទាំងនេះ');
      expect(await page.locator('[data-claims="verified"]').count()).toBe(0);
      // Greyed: the claims' text is not the page's normal near-black.
      const colour = await claims.locator('.big').first().evaluate((el) => getComputedStyle(el).color);
      expect(colour).not.toBe('rgb(22, 25, 29)');
      await served.shot(page, `claims-unverified-${lang}-360`);
      await context.close();
    }
  });

  it('a proof made after its key was reported compromised reads ISSUER KEY COMPROMISED, not altered or forged', async () => {
    for (const lang of LANGS) {
      const { context, page } = await served.open({ lang });
      await visit(page, caseOf('key-compromised'));
      const word = await page.locator('.verdict .word').innerText();
      expect(word).toBe(lang === 'en' ? 'ISSUER KEY COMPROMISED' : 'កូនសោរបស់គ្រឹះស្ថានត្រូវបានលួច');
      expect(await page.locator('.verdict').innerText()).not.toMatch(/TAMPERED|forged|ត្រូវបានកែបន្លំ/);
      await context.close();
    }
  });

  it('"How this was checked" reads in the page\'s language with no DID or key id in sight; the details open on request', async () => {
    for (const lang of LANGS) {
      const { context, page } = await served.open({ lang });
      for (const c of cases.filter((x) => x.verdict !== 'not-found')) {
        await visit(page, c);
        const checks = page.locator('[data-checks]');
        const shown = await checks.innerText();
        expect(shown, `${c.verdict} ${lang}`).not.toMatch(/did:|z6Mk|https?:\/\//);
        if (lang === 'km') expect(shown, `${c.verdict}: only Khmer in the check lines`).not.toMatch(/[A-Za-z]{3,}/);
        const details = checks.locator('details');
        expect(await details.getAttribute('open')).toBeNull();
        await details.locator('summary').click();
        expect(await details.innerText()).toMatch(/did:|not a valid credential/);
      }
      await served.shot(page, `checks-details-open-${lang}-360`);
      await context.close();
    }
  }, 60_000);

  it('no page logged a script error or a Content-Security-Policy violation', () => {
    expect(served.problems.filter((p) => !/404 \(Not Found\)/.test(p))).toEqual([]);
  });
});
