import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../helpers.js';
import { lateCounter, seedInsight } from '../insight-seed.js';
import type { Scenario } from '../insight-scenario.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * The insight dashboards in a real browser, with JavaScript off: the ministry's and an
 * institute's, at 360 px and 1280 px, in English and Khmer. Nothing wider than the screen,
 * every chart drawn (its bars have width), and a screenshot of each into test-artifacts/.
 */

describe.skipIf(!haveChromium)('the insight dashboards on a phone and a desktop, in both languages', () => {
  let served: Served;
  let scenario: Scenario;

  beforeAll(async () => {
    let clock = () => new Date();
    const late = lateCounter(() => clock());
    served = await serveForBrowser({ insight: late.counter });
    clock = () => served.ctx.clock.now;
    late.attach(served.ctx.store);
    scenario = await seedInsight(served.ctx, late.counter, served.base);
  }, 120_000);
  afterAll(() => served?.close());

  const signIn = async (page: Page, key: string) => {
    await page.goto(`${served.base}/console/login`);
    await page.fill('#key', key);
    await page.click('button[type=submit]');
    await page.waitForURL(`${served.base}/console/credentials`);
  };

  it('fit the screen, draw every chart, and are kept as screenshots', async () => {
    const faults: string[] = [];
    for (const [who, key] of [['ministry', ADMIN_TOKEN], ['institute', scenario.alphaKey]] as const) {
      for (const lang of ['en', 'km'] as const) {
        for (const phone of [true, false]) {
          const { context, page } = await served.open({ lang, phone, javaScript: false });
          await signIn(page, key);
          await page.goto(`${served.base}/console/insight`);
          await page.evaluate(() => document.fonts.ready);
          const where = `${who} ${lang} ${phone ? '360' : '1280'}`;
          for (const fault of await overflowsOf(page, 'main')) faults.push(`${where}: ${fault}`);
          const charts = await page.locator('svg[role=img]').count();
          expect(charts, where).toBe(who === 'ministry' ? 7 : 6);
          const drawn = await page.evaluate(() => Array.from(document.querySelectorAll('svg[role=img] rect')).filter((r) => r.getBoundingClientRect().width > 0).length);
          expect(drawn, where).toBeGreaterThan(20);
          await served.shot(page, `insight-${who}-${lang}-${phone ? '360' : '1280'}`);
          await context.close();
        }
      }
    }
    expect(faults).toEqual([]);
    expect(served.problems).toEqual([]);
  }, 180_000);
});
