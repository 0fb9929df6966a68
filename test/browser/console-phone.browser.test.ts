import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplate } from '../cohort-helpers.js';
import { ADMIN_TOKEN, issue, sampleRequest } from '../helpers.js';
import { haveChromium, serveForBrowser, type Served } from './harness.js';

/*
 * The console as a registrar sees it on a phone (360 px) and on a desktop, in both
 * languages: no page wider than the screen, no word broken in the middle (a table header
 * read "Learn/er", a Khmer one "ជួ/រ"), and a check page that offers nothing to issue when
 * every ready row was issued before.
 */

const PROBLEMS = readFileSync(new URL('../fixtures/batches/problems.csv', import.meta.url));
const ISSUED_BEFORE = Buffer.from('\uFEFFStudent ID,Learner Name,Khmer Name,Template Code,Completion Date\r\nP001,Pen Sophal,ប៉ែន សុផល,ELC-L2,15/02/2026\r\nP002,Ros Channa,រស់ ចន្នា,ELC-L2,15/02/2026\r\n');

/**
 * Words drawn across two lines inside the elements matching `selector`: each word (as
 * Intl.Segmenter finds words in the page's language, Khmer included) must sit on one line.
 */
async function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    const words = new Intl.Segmenter(document.documentElement.lang, { granularity: 'word' });
    for (const el of Array.from(document.querySelectorAll(sel))) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const w of words.segment(node.data)) {
          if (!w.isWordLike) continue;
          const range = document.createRange();
          range.setStart(node, w.index);
          range.setEnd(node, w.index + w.segment.length);
          const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) found.push(`${sel} "${w.segment}" in "${(el.textContent ?? '').trim().slice(0, 40)}"`);
        }
      }
    }
    return found;
  }, selector);
}

const documentOverflow = (page: Page) =>
  page.evaluate(() => (document.documentElement.scrollWidth > document.documentElement.clientWidth ? [`document ${document.documentElement.scrollWidth} px wide`] : []));

describe.skipIf(!haveChromium)('the console on a phone and a desktop, in both languages', () => {
  let served: Served;
  let checkedBatch = '';

  beforeAll(async () => {
    served = await serveForBrowser();
    await createTemplate(served.ctx);
    for (const name of ['Sok Dara', 'Chanthavy Sreyneang Phalkun', 'Meas Sokha']) {
      await issue(served.ctx, { ...sampleRequest(), learner: { name, nameKm: 'សុខ ដារ៉ា' } });
    }
  }, 60_000);
  afterAll(() => served?.close());

  const signIn = async (page: Page) => {
    await page.goto(`${served.base}/console/login`);
    await page.fill('#key', ADMIN_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${served.base}/console/credentials`);
  };
  const upload = async (page: Page, file: Buffer) => {
    await page.goto(`${served.base}/console/batches`);
    await page.setInputFiles('#file', { name: 'class-list.csv', mimeType: 'text/csv', buffer: file });
    await page.click('form[action$="/console/batches/check"] button[type=submit]');
    await page.waitForURL(`${served.base}/console/batches/check`);
  };

  it('no console page is wider than the screen or breaks a word in the middle, at 360 px and on a desktop', async () => {
    const faults: string[] = [];
    for (const lang of ['en', 'km'] as const) {
      for (const phone of [true, false]) {
        const { context, page } = await served.open({ lang, phone });
        await signIn(page);
        const look = async (name: string) => {
          await page.evaluate(() => document.fonts.ready);
          const where = `${name} ${lang} ${phone ? '360' : 'desktop'}`;
          for (const f of [...(await documentOverflow(page)), ...(await brokenWords(page, 'th, td, .btn, .pill, nav a, h1, h2, label'))]) faults.push(`${where}: ${f}`);
          await served.shot(page, `console-${name}-${lang}-${phone ? '360' : 'desktop'}`);
        };
        await look('list');
        await upload(page, PROBLEMS);
        await look('check');
        if (!checkedBatch) {
          await page.click('form[action$="/console/batches"] button[type=submit]');
          await page.waitForURL(/\/console\/batches\/[A-Za-z0-9]+$/);
          checkedBatch = page.url();
          await expect.poll(() => page.locator('#batch-state').textContent(), { timeout: 15_000 }).toBe(lang === 'en' ? 'Finished' : 'បានបញ្ចប់');
        }
        await page.goto(checkedBatch);
        await look('batch');
        await page.goto(`${served.base}/console/batches`);
        await look('upload');
        await page.goto(`${served.base}/console/institutes`);
        await look('institutes');
        await context.close();
      }
    }
    expect(faults).toEqual([]);
  }, 180_000);

  it('a class list whose ready rows were all issued before offers nothing to issue, and says so, on a phone in both languages', async () => {
    for (const lang of ['en', 'km'] as const) {
      const { context, page } = await served.open({ lang });
      await signIn(page);
      await upload(page, ISSUED_BEFORE);
      if (lang === 'en') {
        // The first pass issues the two rows; the file is then checked again.
        await page.click('form[action$="/console/batches"] button[type=submit]');
        await page.waitForURL(/\/console\/batches\/[A-Za-z0-9]+$/);
        await expect.poll(() => page.locator('#batch-state').textContent(), { timeout: 15_000 }).toBe('Finished');
        await upload(page, ISSUED_BEFORE);
      }
      expect(await page.locator('form[action$="/console/batches"] button[type=submit]').count()).toBe(0);
      expect(await page.locator('#nothing-new').textContent()).toBe(lang === 'en'
        ? 'Both ready rows were issued before: there is nothing new to issue.'
        : 'ជួរដែលរួចរាល់ទាំង ២ ត្រូវបានចេញរួចហើយពីមុន៖ គ្មានអ្វីថ្មីត្រូវចេញទេ។');
      await served.shot(page, `console-check-issued-before-${lang}-360`);
      await context.close();
    }
  }, 60_000);

  it('no console page logged a script error, a CSP violation or a failed sub-resource', () => {
    expect(served.problems).toEqual([]);
  });
});
