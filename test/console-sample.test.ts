import { describe, expect, it } from 'vitest';
import { columnOf, COLUMNS } from '../src/batch/columns.js';
import { SAMPLE_HEADER } from '../src/batch/sample.js';
import { createTemplate } from './cohort-helpers.js';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { signIn } from './pages-helpers.js';

describe('the console offers a sample class list', () => {
  it('the cohort upload page links it, in English and in Khmer', async () => {
    const ctx = await makeTestApp();
    for (const [lang, words] of [['en', 'Download a sample class list (CSV UTF-8)'], ['km', 'ទាញយកគំរូបញ្ជីឈ្មោះថ្នាក់ (CSV UTF-8)']]) {
      const browser = await signIn(ctx, ADMIN_TOKEN, { 'Accept-Language': lang! });
      const html = await (await browser.get('/console/batches')).text();
      expect(html).toContain(`<a href="/console/batches/sample.csv" download="" id="sample-csv">${words}</a>`);
    }
  });

  it('is CSV UTF-8 as Excel writes it (BOM, CRLF) with a Khmer name, and downloads as a file', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/console/batches/sample.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="class-list-sample.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3));
    expect(text).toContain('សុខ ដារ៉ា');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('has every documented column, each header read as its column', () => {
    const read = SAMPLE_HEADER.map((h) => columnOf(h));
    expect(read.every(Boolean)).toBe(true);
    expect(new Set(read)).toEqual(new Set(Object.keys(COLUMNS)));
  });

  it('uploaded as downloaded, it passes the check with no problem once its template exists', async () => {
    const ctx = await makeTestApp();
    await createTemplate(ctx);
    const sample = await (await ctx.app.request('/console/batches/sample.csv')).arrayBuffer();
    const res = await ctx.app.request('/api/v1/batches?dryRun=true', {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' }, body: sample,
    });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.summary).toMatchObject({ rows: 2, valid: 2, invalid: 0 });
  });
});
