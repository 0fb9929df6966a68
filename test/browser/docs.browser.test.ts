import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, serveForBrowser, type Served } from './harness.js';

/*
 * The interactive API reference (/docs) in a real browser: it renders the description's
 * operations, runs under its strict CSP with no violation, and every request it makes is to
 * this service (nothing from a CDN, no fonts, no telemetry): it works offline.
 */
describe.skipIf(!haveChromium)('/docs, the interactive API reference', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveForBrowser();
  }, 60_000);
  afterAll(async () => served?.close());

  it('renders the operations from /openapi.json with every asset from this service and no request leaving it', async () => {
    const { context, page } = await served.open({ phone: false });
    const elsewhere: string[] = [];
    const here: string[] = [];
    // Anything addressed elsewhere is recorded and refused: the page must not depend on it.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${served.base}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        here.push(url);
        await route.continue();
      } else {
        elsewhere.push(url);
        await route.abort();
      }
    });
    const res = await page.goto(`${served.base}/docs`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.getByText('Issue a credential').first().waitFor({ timeout: 30_000 });
    await page.getByText('W3C VC API').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: new URL('docs-desktop.png', new URL('../../test-artifacts/', import.meta.url)).pathname });
    expect(elsewhere, 'requests that left the service').toEqual([]);
    expect(here.some((u) => u.endsWith('/openapi.json'))).toBe(true);
    expect(here.some((u) => u.endsWith('/assets/scalar-api-reference.js'))).toBe(true);
    expect(served.problems.filter((p) => /Content Security Policy|Refused/i.test(p)), 'CSP violations').toEqual([]);
    await context.close();
  }, 90_000);

  it('draws the Khmer text in the Khmer font on a phone', async () => {
    const { context, page } = await served.open({ phone: true });
    await page.goto(`${served.base}/docs#tag/credentials/POST/api/v1/credentials`);
    await page.getByText('Issue a credential').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    // The description's Khmer line is drawn in the Khmer font this service serves, not as boxes.
    await page.getByText('ឯកសារនេះពិពណ៌នា API ទាំងមូល', { exact: false }).first().waitFor();
    expect(await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans Khmer"', 'ក') && Array.from(document.fonts as unknown as Iterable<FontFace>).some((f) => f.family.includes('Noto Sans Khmer') && f.status === 'loaded');
    })).toBe(true);
    await page.screenshot({ path: new URL('docs-phone.png', new URL('../../test-artifacts/', import.meta.url)).pathname });
    await context.close();
  }, 90_000);
});
