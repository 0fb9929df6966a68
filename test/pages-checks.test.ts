import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestContext } from './helpers.js';
import { buildVerdictCases, CASE_NOW, type VerdictCase } from './verdict-cases.js';

/*
 * "How this was checked" speaks to an HR officer: plain words in the page's language for
 * every check outcome, and the verifier's technical messages (DIDs, key ids) only behind a
 * disclosure.
 */

let ctx: TestContext;
let cases: VerdictCase[];
beforeAll(async () => {
  ctx = await makeTestApp();
  cases = await buildVerdictCases(ctx);
});

/** The checks section of a case's page: what shows at once, and what the disclosure holds. */
const checksOf = async (c: VerdictCase, lang: 'en' | 'km') => {
  ctx.clock.now = c.clock ?? CASE_NOW;
  const headers = { 'Accept-Language': lang };
  const res = c.path
    ? await ctx.app.request(c.path, { headers })
    : await ctx.app.request('/verify', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ text: c.paste! }) });
  const html = await res.text();
  const section = /<section class="card" data-checks[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const [shown = '', details = ''] = section.split('<details');
  const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'");
  return { shown: text(shown), details: text(details) };
};

describe('"How this was checked"', () => {
  it('shows every check outcome in plain Khmer on a Khmer page, with no DID, key id or English sentence in sight', async () => {
    for (const c of cases.filter((x) => x.verdict !== 'not-found')) {
      const { shown, details } = await checksOf(c, 'km');
      expect(shown, c.verdict).toMatch(/របៀបដែលបានពិនិត្យ/);
      expect(shown, c.verdict).not.toMatch(/did:|z6Mk|[A-Za-z]{3,}/);
      expect(details, c.verdict).toMatch(/ព័ត៌មានបច្ចេកទេស/);
    }
  });

  it('shows plain English on an English page; the technical messages are in the disclosure', async () => {
    for (const c of cases.filter((x) => x.verdict !== 'not-found')) {
      const { shown, details } = await checksOf(c, 'en');
      expect(shown, c.verdict).not.toMatch(/did:|z6Mk|https?:\/\//);
      expect(details, c.verdict).toMatch(/Technical details/);
      expect(details, c.verdict).toMatch(/did:|not a valid credential/);
    }
  });

  it('words each failure by what it means: withdrawn, suspended, compromised key, expired, not yet valid', async () => {
    const expected: Record<string, string> = {
      revoked: 'The institute has withdrawn (revoked) it.',
      suspended: 'The institute has suspended it for now.',
      'key-compromised': 'It was signed with a key the institute reported stolen or leaked, after that happened.',
      expired: 'Its validity period has ended.',
      'not-yet-valid': 'Its validity period has not started yet.',
      'status-unknown': 'Whether the institute withdrew it could not be checked right now.',
      tampered: 'The digital signature could not be confirmed',
    };
    for (const [verdict, line] of Object.entries(expected)) {
      const { shown } = await checksOf(cases.find((x) => x.verdict === verdict)!, 'en');
      expect(shown, verdict).toContain(line);
    }
  });
});
