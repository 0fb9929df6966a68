import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, issue } from '../helpers.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * The registrar makes a wallet offer from a credential's console page, on a phone, in both
 * languages: the page shows the PIN and a QR code that a camera reads as the offer's
 * interaction URL (and one for OpenID4VCI wallets), within 360 px.
 */

describe.skipIf(!haveChromium)('a wallet offer in the console', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveForBrowser();
  }, 60_000);
  afterAll(() => served?.close());

  for (const lang of ['en', 'km'] as const) {
    it(`${lang}: the offer page shows the PIN and a QR that reads as the offer, at 360 px`, async () => {
      const issued = await issue(served.ctx);
      const { context, page } = await served.open({ lang });
      await page.goto(`${served.base}/console/login`);
      await page.fill('#key', ADMIN_TOKEN);
      await page.click('button[type=submit]');
      await page.waitForURL(`${served.base}/console/credentials`);
      await page.goto(`${served.base}/console/credentials/${issued.id}`);
      await page.click(`form[action$="/console/wallet-offers/${issued.id}"] button[type=submit]`);
      await page.waitForSelector('#wallet-pin');
      const pin = (await page.textContent('#wallet-pin'))?.trim() ?? '';
      expect(pin).toMatch(/^\d{6}$/);
      expect(await page.textContent('h1')).toBe(lang === 'km' ? 'បញ្ចូលទៅក្នុងកាបូបឌីជីថល' : 'Add to a wallet');
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
      const qr = await page.locator('#wallet-qr').screenshot();
      const png = PNG.sync.read(qr);
      const text = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
      expect(text).toMatch(new RegExp(`^${served.base}/interactions/[1-9A-HJ-NP-Za-km-z]+$`));
      const offerId = text!.split('/').pop()!;
      // The PIN on the page is the offer's: it gets a token (and only it would).
      const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': offerId, tx_code: pin });
      const token = await served.ctx.app.request('/oid4vci/default/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      expect(token.status).toBe(200);
      expect(await overflowsOf(page, 'main')).toEqual([]);
      await served.shot(page, `wallet-offer-${lang}-360`);
      // Back on the credential's page, the offer reads as being taken by a wallet.
      await page.goto(`${served.base}/console/credentials/${issued.id}`);
      expect(await page.textContent('#wallet')).toContain(lang === 'km' ? 'កាបូបកំពុងទទួល' : 'being taken by a wallet');
      await served.shot(page, `wallet-card-${lang}-360`);
      await context.close();
      expect(served.problems).toEqual([]);
    });
  }
});
