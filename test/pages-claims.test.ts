import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestContext } from './helpers.js';
import { buildVerdictCases, CASE_NOW, type VerdictCase } from './verdict-cases.js';

/*
 * What a verify page shows of a credential's claims, by how far anyone vouches for them
 * (the same cases the browser test looks at, here as served HTML in both languages).
 */

let ctx: TestContext;
let cases: VerdictCase[];
beforeAll(async () => {
  ctx = await makeTestApp();
  cases = await buildVerdictCases(ctx);
});

const pageOf = async (verdict: string, lang: 'en' | 'km' = 'en'): Promise<string> => {
  const c = cases.find((x) => x.verdict === verdict)!;
  ctx.clock.now = c.clock ?? CASE_NOW;
  const headers = { 'Accept-Language': lang };
  const res = c.path
    ? await ctx.app.request(c.path, { headers })
    : await ctx.app.request('/verify', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ text: c.paste! }) });
  // /verify echoes the pasted text back in its form: the reader's own input, not the page's claims.
  return (await res.text()).split('<form id="verify-form"')[0]!;
};
const FORGED = /Keo Malis|Level 4 Master Electrician/;

describe('the claims of a credential on its verify page', () => {
  it.each(['tampered', 'unknown-issuer', 'key-compromised', 'invalid'])('%s: not shown at all, in either language, and the page says why', async (verdict) => {
    for (const lang of ['en', 'km'] as const) {
      const html = await pageOf(verdict, lang);
      expect(html).toContain(`data-verdict="${verdict}"`);
      expect(html).toContain('data-claims="withheld"');
      expect(html).not.toMatch(FORGED);
      expect(html).not.toMatch(/Sok Dara|សុខ ដារ៉ា/);
      expect(html).toContain(lang === 'en' ? 'Nothing proves who wrote the details' : 'គ្មានអ្វីបញ្ជាក់ថា');
    }
  });

  it('a credential signed by an unaccredited did:key: shown greyed, labelled not verified, without the ID-card instruction', async () => {
    for (const lang of ['en', 'km'] as const) {
      const html = await pageOf('not-accredited', lang);
      expect(html).toContain('data-claims="unverified"');
      expect(html).toContain(lang === 'en' ? 'Not verified — do not rely on these details' : 'មិនបានផ្ទៀងផ្ទាត់ — សូមកុំពឹងផ្អែកលើព័ត៌មានទាំងនេះ');
      expect(html).not.toContain(lang === 'en' ? 'Compare the name' : 'សូមប្រៀបធៀបឈ្មោះ');
    }
  });

  it.each(['valid', 'revoked', 'suspended', 'expired', 'not-yet-valid'])('%s: shown as the institute signed them, with the ID-card instruction', async (verdict) => {
    const html = await pageOf(verdict);
    expect(html).toContain('data-claims="verified"');
    expect(html).toContain('Sok Dara');
    expect(html).toContain('Compare the name with the holder’s ID card.');
  });

  it('a stored credential that fails its proof puts no claim in the page title or the link preview', async () => {
    const html = await pageOf('key-compromised');
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    const og = /property="og:title" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(title).toContain('ISSUER KEY COMPROMISED');
    for (const text of [title, og]) expect(text).not.toMatch(/Sok Dara|Electrical Installation/);
  });
});
