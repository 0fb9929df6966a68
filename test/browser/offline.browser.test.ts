import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { didKeyFromPublicKey } from '../../src/crypto/multikey.js';
import { fromBase64url } from '../../src/crypto/encoding.js';
import { loadSigningKey } from '../../src/issuer/keys.js';
import { signVcJwt } from '../../src/issuer/secure.js';
import { encodeOfflinePayload, decodeOfflinePayload } from '../../src/offline/payload.js';
import { nodeCryptoProvider } from '../../src/runtime/node/crypto.js';
import type { JsonObject } from '../../src/schemas/credential.js';
import { authJson, issue, OTHER_KEY } from '../helpers.js';
import { decodeQrPng, readmeExample } from '../offline-helpers.js';
import { haveChromium, overflowsOf, serveForBrowser, type Served } from './harness.js';

/*
 * The "Done when" of issue 16: the verify page opened once online, then the phone offline
 * (context.setOffline), then offline QR links decoded from the PNGs the service rendered:
 * each shows its verdict, checked in the browser against the saved registry and status.
 */

const b64 = (v: string) => Buffer.from(v).toString('base64url');
const claimsOf = (jwt: string): JsonObject => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as JsonObject;

describe.skipIf(!haveChromium)('an offline QR verifies with no network, once the verify page was opened online', () => {
  let served: Served;
  const links: Record<string, string> = {};

  const scannedLink = async (id: string): Promise<string> => {
    const res = await served.ctx.app.request(`/credentials/${id}/qr-offline.png`);
    const text = decodeQrPng(new Uint8Array(await res.arrayBuffer()));
    if (!text?.includes('#SC1')) throw new Error(`no offline payload in the QR of ${id}: ${text}`);
    return text;
  };

  beforeAll(async () => {
    served = await serveForBrowser();
    const ctx = served.ctx;
    const valid = await issue(ctx, readmeExample());
    const revoked = await issue(ctx, readmeExample());
    await ctx.app.request(`/api/v1/credentials/${revoked.id}/revoke`, authJson({ reason: 'issued by mistake' }));
    const markup = readmeExample();
    markup.learner = { ...markup.learner, name: '<img src=x onerror="document.title=1">Sok <b>Dara</b>', nameKm: '<script>alert(1)</script>សុខ' };
    const marked = await issue(ctx, markup);
    links.valid = await scannedLink(valid.id);
    links.revoked = await scannedLink(revoked.id);
    links.markup = await scannedLink(marked.id);
    // One character of a claim changed, in a code printed with the genuine signature.
    const jwt = decodeOfflinePayload(links.valid.split('#')[1]!);
    const [h, , s] = jwt.split('.');
    const altered = JSON.stringify(claimsOf(jwt)).replace('"Competent"', '"Competenu"');
    links.tampered = `${served.base}/v/${valid.id}#${encodeOfflinePayload(`${h}.${b64(altered)}.${s}`)}`;
    // Signed by an attacker's own key, naming the institute, with no status entry.
    const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    const { credentialStatus: _, ...claims } = claimsOf(jwt);
    const forged = await signVcJwt({ ...claims, issuer: { ...(claims.issuer as JsonObject), id: didKey } }, await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider));
    links.attacker = `${served.base}/v/${valid.id}#${encodeOfflinePayload(forged)}`;
    // The same, posing as the institute's own DID with the attacker's key.
    const posing = await signVcJwt(claims, await loadSigningKey(OTHER_KEY, ctx.institute.did, nodeCryptoProvider));
    links.posing = `${served.base}/v/${valid.id}#${encodeOfflinePayload(posing)}`;
  }, 120_000);
  afterAll(() => served?.close());

  /** A phone that opened /verify online (its service worker saved everything), now offline. */
  const offlinePhone = async (lang: 'en' | 'km'): Promise<{ context: BrowserContext; page: Page }> => {
    const { context, page } = await served.open({ lang });
    await page.goto(`${served.base}/verify`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 100 && !(await caches.match('/offline/kit.json')); i++) await new Promise((r) => setTimeout(r, 100));
    });
    await context.setOffline(true);
    return { context, page };
  };

  const openOffline = async (page: Page, link: string) => {
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('[data-verdict]');
    // The verdict is painted first; the details (names, checks) follow it: wait for the whole page.
    await page.waitForSelector('main[data-offline-complete]', { state: 'attached' });
    return page.getAttribute('[data-verdict]', 'data-verdict');
  };

  it('valid → VALID, altered → TAMPERED, revoked before the cache was filled → REVOKED, attacker-signed → NOT ACCREDITED / UNKNOWN ISSUER', async () => {
    const { context, page } = await offlinePhone('en');
    try {
      expect(await openOffline(page, links.valid!)).toBe('valid');
      expect(await page.textContent('[data-offline-checked]')).toMatch(/^Checked offline · registry of 1 March 2026 · status of 1 March 2026$/);
      expect(await page.textContent('main')).toContain('Sok Dara');
      expect(await page.textContent('.verdict')).toContain('VALID');
      await served.shot(page, 'offline-valid-en-360');
      expect(await overflowsOf(page, 'main')).toEqual([]);
      expect(await openOffline(page, links.tampered!)).toBe('tampered');
      expect(await page.textContent('main')).not.toContain('Competenu');
      expect(await openOffline(page, links.revoked!)).toBe('revoked');
      await served.shot(page, 'offline-revoked-en-360');
      expect(await openOffline(page, links.attacker!)).toBe('not-accredited');
      expect(await openOffline(page, links.posing!)).toBe('unknown-issuer');
      expect(served.problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('markup in the names is shown as text, and nothing in them runs', async () => {
    const { context, page } = await offlinePhone('en');
    try {
      expect(await openOffline(page, links.markup!)).toBe('valid');
      const main = await page.textContent('main');
      expect(main).toContain('<img src=x onerror="document.title=1">Sok <b>Dara</b>');
      expect(await page.$$('main img, main b, main script')).toHaveLength(0);
      expect(await page.title()).not.toBe('1');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('in Khmer: the same verdicts, the offline line in Khmer, at 360 px', async () => {
    const { context, page } = await offlinePhone('km');
    try {
      expect(await openOffline(page, links.valid!)).toBe('valid');
      expect(await page.getAttribute('html', 'lang')).toBe('km');
      expect(await page.textContent('[data-offline-checked]')).toBe('បានពិនិត្យដោយគ្មានអ៊ីនធឺណិត · បញ្ជីឈ្មោះនៃ ១ មីនា ២០២៦ · ស្ថានភាពនៃ ១ មីនា ២០២៦');
      await served.shot(page, 'offline-valid-km-360');
      expect(await overflowsOf(page, 'main')).toEqual([]);
      expect(await openOffline(page, links.revoked!)).toBe('revoked');
      await served.shot(page, 'offline-revoked-km-360');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a hostile fragment (not digits, no inflate, a bomb) shows NOT VALID and never breaks the page', async () => {
    const { context, page } = await offlinePhone('en');
    try {
      const id = links.valid!.split('/v/')[1]!.split('#')[0];
      for (const payload of ['SC1' + '9'.repeat(17), 'SC1' + '1'.repeat(170), 'SC1' + '0'.repeat(9000)]) {
        expect(await openOffline(page, `${served.base}/v/${id}#${payload}`)).toBe('invalid');
      }
      await page.goto('about:blank');
      await page.goto(`${served.base}/v/${id}`);
      await page.waitForSelector('[data-offline-note]');
      expect(await page.textContent('main')).toContain('You are offline');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('online, a fragment that differs from the stored credential is warned about', async () => {
    const { context, page } = await served.open({ lang: 'en' });
    try {
      await page.goto(links.tampered!);
      await page.waitForSelector('[data-offline-differs]');
      expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('valid');
      await page.goto('about:blank');
      await page.goto(links.valid!);
      await page.waitForTimeout(500);
      expect(await page.$('[data-offline-differs]')).toBeNull();
    } finally {
      await context.close();
    }
  }, 60_000);
});
