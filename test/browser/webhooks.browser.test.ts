import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../helpers.js';
import { startReceiver, type Receiver } from '../webhook-receiver.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * The console's webhook pages in a real browser, JavaScript off: add an endpoint through the
 * form, see the secret, send a test, and read the delivery log, at 360 px and 1280 px, in
 * English and Khmer. Nothing wider than the screen; a screenshot of each into test-artifacts/.
 */

describe.skipIf(!haveChromium)('the webhook pages on a phone and a desktop, in both languages', () => {
  let served: Served;
  let receiver: Receiver;

  beforeAll(async () => {
    served = await serveForBrowser({ webhookPolicy: { allowLoopbackHttp: true } });
    served.ctx.clock.now = new Date(Math.floor(Date.now() / 1000) * 1000);
    receiver = await startReceiver();
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await served?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${served.base}/console/login`);
    await page.fill('#key', ADMIN_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${served.base}/console/credentials`);
  };

  it('add, test and read the log: each page fits the screen and is kept as a screenshot', async () => {
    const faults: string[] = [];
    for (const lang of ['en', 'km'] as const) {
      for (const phone of [true, false]) {
        const where = `${lang} ${phone ? '360' : '1280'}`;
        const { context, page } = await served.open({ lang, phone, javaScript: false });
        await signIn(page);
        await page.click('a[href$="/console/webhooks"]');
        await page.fill('#url', receiver.url);
        await page.fill('#description', lang === 'km' ? 'ប្រព័ន្ធព័ត៌មានសិក្ខាកាម' : 'Student information system');
        await page.check('input[value="batch.completed"]');
        await page.evaluate(() => document.fonts.ready);
        for (const fault of await overflowsOf(page, 'main')) faults.push(`${where} list: ${fault}`);
        await served.shot(page, `webhooks-${lang}-${phone ? '360' : '1280'}`);
        await page.click('form[action$="/console/webhooks"] button[type=submit]');
        const secret = (await page.locator('#secret').textContent()) ?? '';
        expect(secret, where).toMatch(/^whsec_/);
        receiver.secrets = [secret];
        for (const fault of await overflowsOf(page, 'main')) faults.push(`${where} secret: ${fault}`);
        await served.shot(page, `webhook-secret-${lang}-${phone ? '360' : '1280'}`);
        await page.click('main a.btn');
        receiver.received.length = 0;
        await page.click('form[action$="/test"] button');
        const status = await page.locator('p.notice[role=status]').textContent();
        expect(status, where).toContain(lang === 'km' ? 'សារសាកល្បងបានទៅដល់' : 'Test delivered');
        await page.evaluate(() => document.fonts.ready);
        for (const fault of await overflowsOf(page, 'main')) faults.push(`${where} detail: ${fault}`);
        expect(receiver.received.map((r) => [r.type, r.verified]), where).toEqual([['webhook.test', true]]);
        await served.shot(page, `webhook-detail-${lang}-${phone ? '360' : '1280'}`);
        await context.close();
      }
    }
    expect(faults).toEqual([]);
    expect(served.problems).toEqual([]);
  }, 180_000);
});
