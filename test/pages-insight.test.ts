import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, makeTestApp, PUBLIC_URL, type TestContext } from './helpers.js';
import { lateCounter, seedInsight } from './insight-seed.js';
import type { Scenario } from './insight-scenario.js';
import { signIn } from './pages-helpers.js';

/*
 * The console's insight pages: the ministry's across institutes, an institute's for itself,
 * drawn as SVG on the server with a table of the same figures, in both languages.
 */

let ctx: TestContext;
let scenario: Scenario;

beforeAll(async () => {
  const late = lateCounter(() => ctx.clock.now);
  ctx = await makeTestApp({ deps: { insight: late.counter } });
  late.attach(ctx.store);
  scenario = await seedInsight(ctx, late.counter, PUBLIC_URL);
}, 120_000);

const page = async (key: string, path: string, lang: 'en' | 'km' = 'en') => {
  const browser = await signIn(ctx, key, { 'Accept-Language': lang });
  const res = await browser.get(path);
  return { status: res.status, html: await res.text(), headers: res.headers };
};
const svgs = (html: string) => [...html.matchAll(/<svg[^>]*role="img"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => m[0]);

describe('the insight page', () => {
  it("the ministry's shows every institute, charts with a title, a description and a table of the same figures", async () => {
    const { status, html } = await page(ADMIN_TOKEN, '/console/insight');
    expect(status).toBe(200);
    expect(html).toContain('Insight: every institute');
    const charts = svgs(html);
    expect(charts.length).toBe(7);
    for (const svg of charts) {
      expect(svg).toMatch(/<title id="[^"]+">[^<]+, 1 April 2025 to 1 March 2026<\/title>/);
      expect(svg).toMatch(/<desc id="[^"]+">Bar chart\. [^<]+<\/desc>/);
      expect(svg).toMatch(/aria-labelledby="([\w-]+)-t \1-d"/);
    }
    // Issued in March 2026 (the scenario): 6.
    expect(html).toMatch(/Mar 2026: 6[;.]/);
    expect(html).toContain('<details><summary>The figures as a table</summary>');
    for (const slug of ['alpha', 'beta', 'default']) expect(html).toContain(`data-slug="${slug}"`);
    expect(html).toMatch(/Siem Reap/);
    expect(html).not.toContain('<script src=');
  });

  it('in Khmer, with Khmer month names and Khmer digits in the charts and tables', async () => {
    const { html } = await page(ADMIN_TOKEN, '/console/insight', 'km');
    expect(html).toContain('ស្ថិតិ៖ គ្រប់វិទ្យាស្ថាន');
    expect(html).toMatch(/មីនា ២០២៦: ៦/);
    const figures = [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) expect(f).not.toMatch(/[0-9]/);
    expect(html).toContain('សៀមរាប');
  });

  it("an institute's key sees its own figures only, and another institute's is not found", async () => {
    const own = await page(scenario.alphaKey, '/console/insight');
    expect(own.status).toBe(200);
    expect(own.html).toContain('Insight: ALPHA Institute');
    expect(own.html).not.toContain('data-slug="beta"');
    expect(own.html).not.toContain('BETA Institute');
    expect((await page(scenario.alphaKey, '/console/insight?institute=beta')).status).toBe(404);
    expect((await page(scenario.alphaKey, '/console/insight/issuance.csv?institute=beta')).status).toBe(404);
  });

  it('a period that is not one is refused with a message, and the page still answers', async () => {
    const { status, html } = await page(ADMIN_TOKEN, '/console/insight?from=2026-03-01&to=2026-01-01');
    expect(status).toBe(400);
    expect(html).toContain('The period is not valid');
  });

  it('each chart downloads as a CSV for Excel', async () => {
    const { html } = await page(ADMIN_TOKEN, '/console/insight?from=2026-03-01&to=2026-03-01&institute=alpha');
    const link = /href="(\/console\/insight\/verification\.csv\?[^"]*groupBy=verdict[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBeDefined();
    const csv = await page(ADMIN_TOKEN, link!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const expected = new Map<string, number>();
    for (const c of scenario.counted) if (c.institute === 'alpha' && c.event === 'verification') expected.set(c.verdict, (expected.get(c.verdict) ?? 0) + 1);
    const rows = csv.html.trim().split('\r\n').slice(1).map((line) => line.split(','));
    expect(new Map(rows.map(([verdict, n]) => [verdict!, Number(n)]))).toEqual(expected);
  });
});

describe("the console's institutes page shows each institute's province and sector", () => {
  it('in both languages', async () => {
    expect((await page(ADMIN_TOKEN, '/console/institutes')).html).toContain('Province: Siem Reap · Sector: Public');
    expect((await page(ADMIN_TOKEN, '/console/institutes', 'km')).html).toContain('ខេត្ត៖ សៀមរាប');
  });
});
